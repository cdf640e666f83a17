package ingest

import (
	"sort"
	"unicode/utf8"

	"github.com/kgproject/kg/graph"
)

// factsBuilder collects nodes and relations, merging repeated ones.
type factsBuilder struct {
	d     *doc
	f     *graph.ArticleFacts
	nodes map[string]int
	rels  map[string]int
	seen  map[relSpan]bool // the evidence each relation has
}

func (b *factsBuilder) node(n graph.Node) string {
	if i, ok := b.nodes[n.ID]; ok {
		b.f.Nodes[i] = graph.MergeNodes([]graph.Node{b.f.Nodes[i], n})
		return n.ID
	}
	b.nodes[n.ID] = len(b.f.Nodes)
	b.f.Nodes = append(b.f.Nodes, n)
	return n.ID
}

func (b *factsBuilder) evidence(s span) graph.Evidence {
	return graph.Evidence{ArticleID: b.d.a.ID, Sentence: b.d.text(s), Start: s.start, End: s.end}
}

func (b *factsBuilder) rel(t graph.RelType, from, to, role string, s span) {
	id := graph.RelationID(t, from, to, role)
	i, ok := b.rels[id]
	if !ok {
		i = len(b.f.Relations)
		b.rels[id] = i
		b.f.Relations = append(b.f.Relations, graph.Relation{ID: id, Type: t, From: from, To: to, Role: role})
	}
	// the same sentence once: evidence of one article differs by its span
	// alone, looked up rather than compared with each of the relation's
	if k := (relSpan{i, s}); !b.seen[k] {
		b.seen[k] = true
		r := &b.f.Relations[i]
		r.Evidence = append(r.Evidence, b.evidence(s))
	}
}

// relSpan is a relation, by its index, and the span of one of its
// sentences.
type relSpan struct {
	rel int
	sp  span
}

// orgNode is the node of a body named name in this article, keyed by
// name and, for a generic body, its scope (locale.go); the resolved full
// name (博爱县委) joins its aliases.
func (d *doc) orgNode(name string, aliases []string) graph.Node {
	k := d.orgKey(name)
	if k.full != "" {
		aliases = append(aliases, k.full)
		sort.Strings(aliases)
	}
	return graph.Node{ID: scopedID(graph.LabelOrganisation, graph.SearchKey(name), k.scope), Label: graph.LabelOrganisation, Name: name, Aliases: aliases, Scope: k.scope}
}

// postNode is the node of a post, keyed as its body is (县委书记 of 博爱县:
// post/县委书记@博爱县, alias 博爱县委书记).
func (d *doc) postNode(ps *post) graph.Node {
	k := d.postKey(ps)
	n := graph.Node{ID: scopedID(graph.LabelPost, graph.SearchKey(ps.name), k.scope), Label: graph.LabelPost, Name: ps.name, Title: ps.title, Scope: k.scope}
	if k.full != "" {
		n.Aliases = []string{k.full}
	}
	return n
}
func projectID(name string) string {
	return graph.NodeID(graph.LabelProject, graph.SearchKey(name))
}

// build turns the analysed article into graph facts.
func (d *doc) build() *graph.ArticleFacts {
	a := d.a
	published := a.Published
	if published == "" && d.month > 0 && d.day > 0 {
		published = isoDay(a.Year, d.month, d.day) // the dateline's day (本报3月28日讯)
	}
	// at most this many nodes: sized, since appends that double a long
	// slice allocate up to twice as much
	n := len(d.orgs) + len(d.reporters) + 1 + len(d.persons) + len(d.projects) + len(d.places) + len(d.events)
	for _, p := range d.persons {
		n += 2 * len(p.posts)
	}
	d.sc = d.resolveScopes()
	b := &factsBuilder{d: d, nodes: make(map[string]int, n), rels: map[string]int{}, seen: map[relSpan]bool{},
		f: &graph.ArticleFacts{Article: graph.Node{ID: a.ID, Label: graph.LabelArticle, Name: a.Title, Title: a.Title, Source: a.Source, Published: published, URL: a.URL, Outlet: strOr(a.Outlet, d.paper), Author: a.Author, Page: a.Page, Text: a.Text, Scope: d.sc.locale, ScopeBasis: d.sc.basis},
			Nodes: make([]graph.Node, 0, n)}}
	if b.f.Article.Name == "" {
		b.f.Article.Name = a.ID
	}
	orgIDs := map[*org]string{}
	for _, o := range d.orgs {
		id := b.node(d.orgNode(o.name, d.orgAliases(o)))
		orgIDs[o] = id
		for _, s := range o.spans {
			b.rel(graph.RelMentions, a.ID, id, "", d.sentenceOf(s.start))
		}
	}
	for _, rp := range d.reporters {
		rs := d.reporterScope(rp.name)
		id := b.node(graph.Node{ID: scopedID(graph.LabelPerson, rp.name, rs.scope), Label: graph.LabelPerson, Name: rp.name, Scope: rs.scope, ScopeBasis: rs.basis})
		ev := d.sentenceOf(rp.sp.start)
		b.rel(graph.RelAuthored, id, a.ID, "", ev)
		b.rel(graph.RelMentions, a.ID, id, "", ev)
		if d.paper != "" {
			// the outlet's reporter (rule 2.2): 嵘州日报记者, so that two
			// outlets' reporters share no post
			name := d.paper + "记者"
			pid := b.node(graph.Node{ID: graph.NodeID(graph.LabelPost, graph.SearchKey(name)), Label: graph.LabelPost, Name: name, Title: "记者"})
			b.rel(graph.RelHolds, id, pid, "", ev)
			b.rel(graph.RelMentions, a.ID, pid, "", ev)
			if o := d.orgNamed(d.paper); o != nil {
				b.rel(graph.RelOf, pid, orgIDs[o], "", ev)
			}
		}
	}
	personIDs := map[*person]string{}
	mentioned := map[*person][]span{}
	for _, ps := range d.personSpans {
		mentioned[ps.p] = append(mentioned[ps.p], ps.span)
	}
	for _, p := range d.persons {
		ps := d.personScope(p)
		id := b.node(graph.Node{ID: scopedID(graph.LabelPerson, p.name, ps.scope), Label: graph.LabelPerson, Name: p.name, Aliases: d.personAliases(p, mentioned[p]), Scope: ps.scope, ScopeBasis: ps.basis})
		personIDs[p] = id
		for _, ps := range p.posts {
			pid := b.node(d.postNode(ps))
			b.rel(graph.RelHolds, id, pid, "", ps.ev)
			b.rel(graph.RelMentions, a.ID, pid, "", ps.ev)
			if ps.org != "" && !d.lx.countries[ps.org] { // 新加坡总理: a state is no body (rule 8.6)
				var oid string
				if o := d.orgNamed(ps.org); o != nil {
					oid = orgIDs[o]
				} else {
					oid = b.node(d.orgNode(ps.org, nil))
				}
				b.rel(graph.RelOf, pid, oid, "", ps.ev)
				b.rel(graph.RelMentions, a.ID, oid, "", ps.ev)
			}
		}
	}
	for _, ps := range d.personSpans {
		if ps.p != nil {
			b.rel(graph.RelMentions, a.ID, personIDs[ps.p], "", d.sentenceOf(ps.start))
		}
	}
	projectIDs := map[*project]string{}
	for _, p := range d.projects {
		id := b.node(graph.Node{ID: projectID(p.name), Label: graph.LabelProject, Name: p.name})
		projectIDs[p] = id
		for _, s := range p.spans {
			b.rel(graph.RelMentions, a.ID, id, "", d.sentenceOf(s.start))
		}
	}
	for _, pl := range d.places {
		name := d.text(pl)
		id := b.node(graph.Node{ID: graph.NodeID(graph.LabelPlace, name), Label: graph.LabelPlace, Name: name})
		b.rel(graph.RelMentions, a.ID, id, "", d.sentenceOf(pl.start))
	}
	for _, e := range d.events {
		keyDate := e.date
		if genericEventName(e.name) {
			keyDate = "" // 座谈会 of one article is not 座谈会 of another the same day
		}
		id := b.node(graph.Node{ID: graph.NodeID(graph.LabelEvent, graph.EventKey(keyDate, e.name, a.ID)), Label: graph.LabelEvent, Name: e.name,
			Kind: graph.EventKind(e.kind), Date: e.date, EndDate: e.endDate, PartOfDay: e.partOfDay})
		b.rel(graph.RelReports, a.ID, id, "", e.ev)
		b.rel(graph.RelMentions, a.ID, id, "", e.ev)
		for _, p := range e.chairs {
			b.rel(graph.RelChaired, personIDs[p], id, "", e.roleEv[p])
		}
		for _, p := range e.attendees {
			b.rel(graph.RelAttended, personIDs[p], id, "", e.roleEv[p])
		}
		var os []*org
		for o := range e.orgRoles {
			os = append(os, o)
		}
		sort.Slice(os, func(i, j int) bool { return os[i].name < os[j].name })
		for _, o := range os {
			if e.orgRoles[o] == "visited" && d.isVenue(o.name) {
				continue // 来到X博物馆, 参观X展览馆: the event's place, not a body taking part (rules 4.6, 7.6)
			}
			b.rel(graph.RelParticipated, orgIDs[o], id, e.orgRoles[o], e.roleEv[o])
		}
		for _, o := range e.reporting {
			b.rel(graph.RelReportedAt, orgIDs[o], id, "", e.roleEv[o])
		}
		for _, p := range e.projects {
			b.rel(graph.RelDiscussed, id, projectIDs[p], "", e.roleEv[p])
		}
	}
	for i := range b.f.Relations {
		b.f.Relations[i].Evidence = graph.SortEvidence(b.f.Relations[i].Evidence)
	}
	if len(b.f.Nodes) == 0 {
		b.f.Nodes = nil // as without the sizing
	}
	return b.f
}

// orgAliases lists the other forms the article writes an organisation in.
func (d *doc) orgAliases(o *org) []string {
	seen := map[string]bool{o.name: true}
	var out []string
	for _, s := range o.spans {
		t := d.text(s)
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	sort.Strings(out)
	return out
}

// personAliases lists the references to p, written at spans, other than
// the name (刘宁书记, 岑主任).
func (d *doc) personAliases(p *person, spans []span) []string {
	seen := map[string]bool{p.name: true}
	var out []string
	for _, sp := range spans {
		t := d.text(sp)
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	sort.Strings(out)
	return out
}

// genericEventName reports whether an event's name says too little to
// identify it across articles (座谈会, 专题协商会): such events are keyed by
// their article, not merged with others of the same day.
func genericEventName(name string) bool {
	return utf8.RuneCountInString(name) <= 5
}
