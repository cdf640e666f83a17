package schema

import (
	"sort"

	"github.com/graphql-go/graphql"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/queries"
)

// identityReason is one article's reason for taking a mention to be the
// person: the rule and the sentence that shows it.
type identityReason struct {
	article *graph.Node
	basis   string
	ev      graph.Evidence
}

// identityField resolves Person.identity: why the mentions of the person's
// articles were joined into this one person. Identity is decided per
// article (ingest/locale.go): the person's ID is the name and a scope, so
// mentions join when two articles give the same name the same scope. The
// evidence is, for each article, the sentence that gave the scope: a post
// whose body is of the scope (or a national post), else the article's own
// locale, outlet or the article itself. specs are the field's relations in
// relationFields: the person's posts, mentions and bylines, in that order.
func (b *builder) identityField(specs []linkSpec) *graphql.Field {
	reason := graphql.NewObject(graphql.ObjectConfig{
		Name:        "IdentityReason",
		Description: "One article's reason for a mention being this person.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"article":  &graphql.Field{Type: nonNull(b.article), Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(identityReason).article, nil }},
				"basis":    &graphql.Field{Type: nonNull(graphql.String), Description: "What placed the person in the scope there: post 博爱县委书记, national or provincial post 国务院总理, the article's locale (dateline 博爱讯), outlet 博爱日报, reporter of 博爱日报, or the article alone.", Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(identityReason).basis, nil }},
				"sentence": &graphql.Field{Type: nonNull(graphql.String), Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(identityReason).ev.Sentence, nil }},
			}
		}),
	})
	identity := graphql.NewObject(graphql.ObjectConfig{
		Name:        "PersonIdentity",
		Description: "Why the mentions of a name are this person: the rule, what tells the person apart from others of the name, and each article's evidence.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"rule": &graphql.Field{Type: nonNull(graphql.String), Resolve: func(p graphql.ResolveParams) (any, error) {
					n := p.Source.(*personIdentity).n
					if n.Scope == "" {
						return "same name, national: in each article a national or provincial post, a national outlet, or no post, locale or outlet", nil
					}
					return "same name in the same scope (" + n.Scope + "): the place of the person's highest post (its level word alone where the article does not tell the place), else the company of their post, else the article's locale, else its outlet", nil
				}},
				"distinguishing": &graphql.Field{Type: nonNull(graphql.String), Description: "What tells this person apart from others of the same name: the first post held in the scope, else the scope.",
					Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*personIdentity).distinguishing(), nil }},
				"scope": &graphql.Field{Type: graphql.String, Resolve: func(p graphql.ResolveParams) (any, error) {
					if s := p.Source.(*personIdentity).n.Scope; s != "" {
						return s, nil
					}
					return nil, nil
				}},
				"evidence": &graphql.Field{Type: listOf(reason), Description: "For each article that names the person, what placed them in the scope, and the sentence.",
					Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*personIdentity).reasons(), nil }},
			}
		}),
	})
	return &graphql.Field{Type: nonNull(identity), Description: "Why the mentions of this name are this person (and not another of the same name).",
		Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
			n := src(p)
			holds, mentions, authored := linksOf(p, specs[0]), linksOf(p, specs[1]), linksOf(p, specs[2])
			return func() (any, error) {
				id := &personIdentity{n: n}
				var err error
				if id.holds, err = holds(); err != nil {
					return nil, err
				}
				if id.mentions, err = mentions(); err != nil {
					return nil, err
				}
				if id.authored, err = authored(); err != nil {
					return nil, err
				}
				return id, nil
			}, nil
		})}
}

// personIdentity is a person with the relations that explain it.
type personIdentity struct {
	n                         *graph.Node
	holds, mentions, authored []queries.Link
}

// inScope reports whether a post places its holder in the person's scope.
func (id *personIdentity) inScope(post *graph.Node) bool {
	return post.Scope == id.n.Scope || id.n.Scope != "" && len(post.Name) > len(id.n.Scope) && post.Name[:len(id.n.Scope)] == id.n.Scope
}

func (id *personIdentity) distinguishing() string {
	for _, l := range id.holds {
		if id.inScope(l.Node) {
			if l.Node.Scope != "" {
				return l.Node.Name + " (" + l.Node.Scope + ")"
			}
			return l.Node.Name
		}
	}
	if id.n.Scope != "" {
		return id.n.Scope
	}
	for _, l := range id.holds {
		return l.Node.Name
	}
	return "national"
}

func (id *personIdentity) reasons() []identityReason {
	var out []identityReason
	done := map[string]bool{}
	for _, l := range id.holds {
		if !id.inScope(l.Node) {
			continue
		}
		basis := "post " + l.Node.Name
		if id.n.Scope == "" {
			basis = "national or provincial post " + l.Node.Name
		}
		for _, e := range l.Relation.Evidence {
			if !done[e.ArticleID] {
				done[e.ArticleID] = true
				out = append(out, identityReason{article: &graph.Node{ID: e.ArticleID, Label: graph.LabelArticle}, basis: basis, ev: e})
			}
		}
	}
	articles := map[string]*graph.Node{}
	for _, l := range id.mentions {
		articles[l.Node.ID] = l.Node
	}
	for i := range out {
		if a := articles[out[i].article.ID]; a != nil {
			out[i].article = a
		}
	}
	for _, ls := range [][]queries.Link{id.authored, id.mentions} {
		for _, l := range ls {
			a := l.Node
			if done[a.ID] || len(l.Relation.Evidence) == 0 {
				continue
			}
			done[a.ID] = true
			basis := "the article alone"
			switch {
			case l.Relation.Type == graph.RelAuthored:
				basis = "reporter of " + id.n.Scope
			case id.n.Scope == "":
				basis = "national outlet " + a.Outlet
				if a.Outlet == "" {
					basis = "no post, locale or outlet"
				}
			case a.Scope == id.n.Scope:
				basis = "the article's locale (" + a.ScopeBasis + ")"
			case a.Outlet == id.n.Scope:
				basis = "outlet " + a.Outlet
			}
			out = append(out, identityReason{article: a, basis: basis, ev: l.Relation.Evidence[0]})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].article.ID < out[j].article.ID })
	return out
}
