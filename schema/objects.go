package schema

import (
	"context"
	"fmt"

	"github.com/graphql-go/graphql"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/queries"
)

// builder makes the GraphQL types; its resolvers map errors through s.
type builder struct {
	s *Schema

	node                                       *graphql.Interface
	person, post, organisation, event, project *graphql.Object
	place, article                             *graphql.Object
	byLabel                                    map[graph.Label]*graphql.Object

	evidence, tenure, participation, link   *graphql.Object
	eventParticipant, orgParticipation      *graphql.Object
	coParticipant, holding, monthCount      *graphql.Object
	tenureBound, tenureStatement            *graphql.Object
	searchHit, graphNode, graphEdge         *graphql.Object
	subgraph, path                          *graphql.Object
	pageInfo, personConn, orgConn, postConn *graphql.Object
	eventConn, projectConn, articleConn     *graphql.Object
	personFilter, eventFilter, postFilter   *graphql.InputObject
	orgFilter, projectFilter, articleFilter *graphql.InputObject
}

func src(p graphql.ResolveParams) *graph.Node { return p.Source.(*graph.Node) }

// resolve wraps fn so that its errors, and those of the thunk it may
// return, reach the client through public.
func (b *builder) resolve(fn graphql.FieldResolveFn) graphql.FieldResolveFn {
	return func(p graphql.ResolveParams) (any, error) {
		v, err := fn(p)
		if err != nil {
			return nil, b.s.public(err)
		}
		if th, ok := v.(func() (any, error)); ok {
			return func() (any, error) {
				v, err := th()
				if err != nil {
					return nil, b.s.public(err)
				}
				return v, nil
			}, nil
		}
		return v, nil
	}
}

// field returns a resolver of a string property of a node, null when empty.
func field(get func(n *graph.Node) string) graphql.FieldResolveFn {
	return func(p graphql.ResolveParams) (any, error) {
		if v := get(src(p)); v != "" {
			return v, nil
		}
		return nil, nil
	}
}

// The resolvers of String and ID fields answer *string where they can:
// graphql-go serialises a string through fmt.Sprintf, a *string directly,
// and a subgraph has hundreds of them.

func idField() *graphql.Field {
	return &graphql.Field{Type: nonNull(graphql.ID), Resolve: func(p graphql.ResolveParams) (any, error) { return &src(p).ID, nil }}
}

func nameField() *graphql.Field {
	return &graphql.Field{Type: nonNull(graphql.String), Resolve: func(p graphql.ResolveParams) (any, error) { return &src(p).Name, nil }}
}

// scopeField is a node's Scope: where its name identifies it (the locale
// or outlet of a generic body, post or person; an article's locale), null
// where the name identifies it nationally.
func scopeField() *graphql.Field {
	return &graphql.Field{Type: graphql.String,
		Description: "Where the name identifies the node: the locale (博爱县) or outlet of a body, post or person whose name many places share (县委, 县委书记, 杨明), or an article's locale; null where the name identifies it on its own (国务院总理, person/李强).",
		Resolve:     field(func(n *graph.Node) string { return n.Scope })}
}

func aliasesField() *graphql.Field {
	return &graphql.Field{Type: listOf(graphql.String), Description: "Other written forms of the name.",
		Resolve: func(p graphql.ResolveParams) (any, error) {
			if a := src(p).Aliases; a != nil {
				return a, nil
			}
			return []string{}, nil
		}}
}

// linksOf resolves to the Links of the source node that spec follows.
func linksOf(p graphql.ResolveParams, spec linkSpec) func() ([]queries.Link, error) {
	return loaderFrom(p.Context).links(src(p).ID, spec.dir, spec.types...)
}

// linksFrom returns linksOf for spec, for participations.
func linksFrom(spec linkSpec) func(p graphql.ResolveParams) func() ([]queries.Link, error) {
	return func(p graphql.ResolveParams) func() ([]queries.Link, error) { return linksOf(p, spec) }
}

// fromLinks resolves a relation field to what fn makes of the links of the
// source node that spec follows (taken from relationFields when the schema
// is built, so that the prefetch reads the same links).
func (b *builder) fromLinks(spec linkSpec, fn func(p graphql.ResolveParams, ls []queries.Link) any) graphql.FieldResolveFn {
	return b.resolve(func(p graphql.ResolveParams) (any, error) {
		get := linksOf(p, spec)
		return func() (any, error) {
			ls, err := get()
			if err != nil {
				return nil, err
			}
			return fn(p, ls), nil
		}, nil
	})
}

// nodes resolves a relation field to the distinct nodes at the other end.
func (b *builder) nodes(spec linkSpec) graphql.FieldResolveFn {
	return b.fromLinks(spec, func(_ graphql.ResolveParams, ls []queries.Link) any { return linkNodes(ls) })
}

// countNodes resolves a relation field to how many distinct nodes are at
// the other end, in the field's role argument when it has one.
func (b *builder) countNodes(spec linkSpec) graphql.FieldResolveFn {
	return b.fromLinks(spec, func(p graphql.ResolveParams, ls []queries.Link) any {
		role, _ := p.Args["role"].(string)
		return len(linkNodes(filterRole(ls, role)))
	})
}

func linkNodes(ls []queries.Link) []*graph.Node {
	out := make([]*graph.Node, 0, len(ls))
	seen := map[string]bool{}
	for _, l := range ls {
		if !seen[l.Node.ID] {
			seen[l.Node.ID] = true
			out = append(out, l.Node)
		}
	}
	return out
}

// evidenceFields are the fields every relation-like object shares.
func (b *builder) evidenceFields(fields graphql.Fields, rel func(v any) *graph.Relation) graphql.Fields {
	fields["evidence"] = &graphql.Field{Type: listOf(b.evidence), Description: "The sentences that state the relation.",
		Resolve: func(p graphql.ResolveParams) (any, error) { return rel(p.Source).Evidence, nil }}
	fields["supportCount"] = &graphql.Field{Type: nonNull(graphql.Int), Description: "How many articles support the relation.",
		Resolve: func(p graphql.ResolveParams) (any, error) { return len(rel(p.Source).Articles()), nil }}
	return fields
}

// linksField is the generic relation field every node type has.
func (b *builder) linksField() *graphql.Field {
	return &graphql.Field{
		Type:        listOf(b.link),
		Description: "The node's relations with the node at the other end, their evidence and support.",
		Args: graphql.FieldConfigArgument{
			"types":     {Type: graphql.NewList(nonNull(relationEnum)), Description: "Only relations of these types; all when omitted."},
			"direction": {Type: directionEnum, DefaultValue: graph.Both},
		},
		Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
			dir, _ := p.Args["direction"].(graph.Direction)
			types := relTypes(p.Args["types"])
			at := src(p).ID
			// Its relations are its arguments: it is not in relationFields
			// and not prefetched.
			get := loaderFrom(p.Context).links(at, dir, types...)
			return func() (any, error) {
				ls, err := get()
				if err != nil {
					return nil, err
				}
				out := make([]linkValue, len(ls))
				for i, l := range ls {
					out[i] = linkValue{at: at, link: l}
				}
				return out, nil
			}, nil
		}),
	}
}

// linkValue is a relation seen from the node at.
type linkValue struct {
	at   string
	link queries.Link
}

func relTypes(v any) []graph.RelType {
	list, _ := v.([]any)
	var out []graph.RelType
	for _, x := range list {
		if s, ok := x.(string); ok {
			out = append(out, graph.RelType(s))
		}
	}
	return out
}

func (b *builder) build() {
	b.node = graphql.NewInterface(graphql.InterfaceConfig{
		Name:        "Node",
		Description: "Anything in the graph: a person, post, organisation, event, project, place or article.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			links := b.linksField()
			links.Resolve = nil
			return graphql.Fields{
				"id":    &graphql.Field{Type: nonNull(graphql.ID)},
				"name":  &graphql.Field{Type: nonNull(graphql.String)},
				"scope": scopeField(),
				"links": links,
			}
		}),
		ResolveType: func(p graphql.ResolveTypeParams) *graphql.Object {
			if n, ok := p.Value.(*graph.Node); ok {
				return b.byLabel[n.Label]
			}
			return nil
		},
	})
	b.evidence = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Evidence",
		Description: "The sentence of an article that states a fact; start and end are its offsets in the article text, in Unicode code points, end exclusive.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"article": &graphql.Field{Type: nonNull(b.article), Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
					id := p.Source.(graph.Evidence).ArticleID
					get := loaderFrom(p.Context).node(id)
					return func() (any, error) {
						n, err := get()
						if err == nil && n == nil {
							err = fmt.Errorf("schema: evidence names missing article %s", id)
						}
						return n, err
					}, nil
				})},
				"sentence": &graphql.Field{Type: nonNull(graphql.String), Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(graph.Evidence).Sentence, nil }},
				"start":    &graphql.Field{Type: nonNull(graphql.Int), Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(graph.Evidence).Start, nil }},
				"end":      &graphql.Field{Type: nonNull(graphql.Int), Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(graph.Evidence).End, nil }},
			}
		}),
	})
	b.tenure = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Tenure",
		Description: "A person's holding of a post, and when it is valid.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return b.tenureFields(graphql.Fields{
				"post": &graphql.Field{Type: nonNull(b.post), Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(queries.Holder).Post, nil }},
			})
		}),
	})
	b.participation = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Participation",
		Description: "A person's part in an event.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return b.evidenceFields(graphql.Fields{
				"event": &graphql.Field{Type: nonNull(b.event), Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(participation).link.Node, nil }},
				"role":  &graphql.Field{Type: nonNull(roleEnum), Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(participation).link.Role(), nil }},
			}, func(v any) *graph.Relation { return v.(participation).link.Relation })
		}),
	})
	b.link = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Link",
		Description: "A relation seen from one of its nodes.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return b.evidenceFields(graphql.Fields{
				"type": &graphql.Field{Type: nonNull(relationEnum), Resolve: func(p graphql.ResolveParams) (any, error) {
					return string(p.Source.(linkValue).link.Relation.Type), nil
				}},
				"role": &graphql.Field{Type: graphql.String, Description: "An organisation's part in an event (attended, guided, hosted, signed, visited, convened).",
					Resolve: func(p graphql.ResolveParams) (any, error) {
						return nilIfEmpty(p.Source.(linkValue).link.Relation.Role), nil
					}},
				"direction": &graphql.Field{Type: nonNull(directionEnum), Resolve: func(p graphql.ResolveParams) (any, error) {
					v := p.Source.(linkValue)
					if v.link.Relation.From == v.at {
						return graph.Outgoing, nil
					}
					return graph.Incoming, nil
				}},
				"node": &graphql.Field{Type: nonNull(b.node), Description: "The node at the other end.", Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(linkValue).link.Node, nil }},
			}, func(v any) *graph.Relation { return v.(linkValue).link.Relation })
		}),
	})
	b.eventParticipant = graphql.NewObject(graphql.ObjectConfig{
		Name:        "EventParticipant",
		Description: "A person's part in an event, seen from the event.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return b.evidenceFields(graphql.Fields{
				"person": &graphql.Field{Type: nonNull(b.person), Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(participation).link.Node, nil }},
				"role":   &graphql.Field{Type: nonNull(roleEnum), Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(participation).link.Role(), nil }},
			}, func(v any) *graph.Relation { return v.(participation).link.Relation })
		}),
	})
	b.orgParticipation = graphql.NewObject(graphql.ObjectConfig{
		Name:        "OrganisationParticipation",
		Description: "An organisation's part in an event: PARTICIPATED with a role (attended, guided, hosted, signed, visited, convened) or REPORTED_AT.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return b.evidenceFields(graphql.Fields{
				"event": &graphql.Field{Type: nonNull(b.event), Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(participation).link.Node, nil }},
				"type": &graphql.Field{Type: nonNull(relationEnum), Resolve: func(p graphql.ResolveParams) (any, error) {
					return string(p.Source.(participation).link.Relation.Type), nil
				}},
				"role": &graphql.Field{Type: graphql.String, Resolve: func(p graphql.ResolveParams) (any, error) {
					return nilIfEmpty(p.Source.(participation).link.Relation.Role), nil
				}},
			}, func(v any) *graph.Relation { return v.(participation).link.Relation })
		}),
	})
	b.buildNodes()
	b.buildAnalysis()
	b.buildConnections()
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func (b *builder) buildNodes() {
	b.person = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Person",
		Description: "A person named in the articles.",
		Interfaces:  []*graphql.Interface{b.node},
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			rel := relationsOf(graph.LabelPerson)
			return graphql.Fields{
				"id": idField(), "name": nameField(), "scope": scopeField(), "aliases": aliasesField(),
				"posts": &graphql.Field{Type: listOf(b.tenure), Description: "The posts the person holds, with evidence and validity, by start; with asOf, those valid at that date.",
					Args: asOfArg(),
					Resolve: b.holdings("posts", func(svc *queries.Service) func(context.Context, []string, string) (map[string][]queries.Holder, error) {
						return svc.PersonPosts
					})},
				"events": &graphql.Field{Type: listOf(b.participation), Description: "The events the person chaired or attended, by date.",
					Args:    graphql.FieldConfigArgument{"role": {Type: roleEnum, Description: "Only this role."}},
					Resolve: b.participations(linksFrom(rel.one("events")))},
				"eventCount": &graphql.Field{Type: nonNull(graphql.Int), Description: "How many events the person took part in (in role, when given).",
					Args:    graphql.FieldConfigArgument{"role": {Type: roleEnum}},
					Resolve: b.countNodes(rel.one("eventCount"))},
				"timeline": &graphql.Field{Type: listOf(b.participation), Description: "The events the person took part in between from and to (inclusive), by date.",
					Args: graphql.FieldConfigArgument{"from": {Type: dateScalar}, "to": {Type: dateScalar}},
					Resolve: b.participations(func(p graphql.ResolveParams) func() ([]queries.Link, error) {
						from, _ := p.Args["from"].(string)
						to, _ := p.Args["to"].(string)
						svc := b.s.svc
						return loadWith(loaderFrom(p.Context), "timeline/"+from+"/"+to, src(p).ID,
							func(ctx context.Context, ids []string) (map[string][]queries.Link, error) {
								return svc.Timeline(ctx, ids, from, to)
							})
					})},
				"coParticipants": &graphql.Field{Type: listOf(b.coParticipant), Description: "People who took part in the same events, most shared events first.",
					Args: graphql.FieldConfigArgument{"first": {Type: graphql.Int, DefaultValue: 10}},
					Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
						first, err := b.s.first(p.Args["first"], 10)
						if err != nil {
							return nil, err
						}
						if first == 0 {
							return []queries.CoParticipant{}, nil
						}
						svc := b.s.svc
						get := loadList(loaderFrom(p.Context), coKey, src(p).ID,
							func(ctx context.Context, ids []string) (map[string][]queries.CoParticipant, error) {
								return svc.CoParticipants(ctx, ids, 0)
							})
						return func() (any, error) {
							v, err := get()
							cs, _ := v.([]queries.CoParticipant)
							if len(cs) > first {
								cs = cs[:first]
							}
							return cs, err
						}, nil
					})},
				"articles": &graphql.Field{Type: listOf(b.article), Description: "The articles that name the person.", Resolve: b.nodes(rel.one("articles"))},
				"authored": &graphql.Field{Type: listOf(b.article), Description: "The articles the person reported (as 记者).", Resolve: b.nodes(rel.one("authored"))},
				"identity": b.identityField(rel.all("identity")),
				"links":    b.linksField(),
			}
		}),
	})
	b.post = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Post",
		Description: "A title held at an organisation, named after both (高新区（示范区）党工委书记).",
		Interfaces:  []*graphql.Interface{b.node},
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			rel := relationsOf(graph.LabelPost)
			return graphql.Fields{
				"id": idField(), "name": nameField(), "scope": scopeField(),
				"title": &graphql.Field{Type: graphql.String, Description: "The job title words (书记).", Resolve: field(func(n *graph.Node) string { return n.Title })},
				"organisation": &graphql.Field{Type: b.organisation, Resolve: b.fromLinks(rel.one("organisation"), func(_ graphql.ResolveParams, ls []queries.Link) any {
					if len(ls) == 0 {
						return nil
					}
					return ls[0].Node
				})},
				"holders": &graphql.Field{Type: listOf(b.holding), Description: "The people who hold the post, with evidence and validity, by start; with asOf, every one valid at that date.",
					Args: asOfArg(),
					Resolve: b.holdings("holders", func(svc *queries.Service) func(context.Context, []string, string) (map[string][]queries.Holder, error) {
						return svc.PostHolders
					})},
				"links": b.linksField(),
			}
		}),
	})
	b.organisation = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Organisation",
		Description: "A government body, party committee, company or other organisation.",
		Interfaces:  []*graphql.Interface{b.node},
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			rel := relationsOf(graph.LabelOrganisation)
			return graphql.Fields{
				"id": idField(), "name": nameField(), "scope": scopeField(), "aliases": aliasesField(),
				"posts":  &graphql.Field{Type: listOf(b.post), Description: "The posts at the organisation.", Resolve: b.nodes(rel.one("posts"))},
				"events": &graphql.Field{Type: listOf(b.event), Description: "The events the organisation took part in or reported at, by date.", Resolve: b.nodes(rel.one("events"))},
				"participations": &graphql.Field{Type: listOf(b.orgParticipation), Description: "The organisation's part in each event, with evidence, by date.",
					Resolve: b.participations(linksFrom(rel.one("participations")))},
				"eventCount": &graphql.Field{Type: nonNull(graphql.Int), Resolve: b.countNodes(rel.one("eventCount"))},
				"eventsPerMonth": &graphql.Field{Type: listOf(b.monthCount), Description: "How many dated events the organisation took part in or reported at, per month.",
					Resolve: b.fromLinks(rel.one("eventsPerMonth"), func(_ graphql.ResolveParams, ls []queries.Link) any { return perMonth(linkNodes(ls)) })},
				"people": &graphql.Field{Type: listOf(b.holding), Description: "Who held the organisation's posts, by post then start; with asOf, every holder valid at that date.",
					Args: asOfArg(),
					Resolve: b.holdings("people", func(svc *queries.Service) func(context.Context, []string, string) (map[string][]queries.Holder, error) {
						return svc.OrganisationPeople
					})},
				"articles": &graphql.Field{Type: listOf(b.article), Description: "The articles that name the organisation.", Resolve: b.nodes(rel.one("articles"))},
				"links":    b.linksField(),
			}
		}),
	})
	b.event = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Event",
		Description: "A meeting, inspection, symposium or other event reported by an article.",
		Interfaces:  []*graphql.Interface{b.node},
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			rel := relationsOf(graph.LabelEvent)
			return graphql.Fields{
				"id": idField(), "name": nameField(), "scope": scopeField(),
				"kind":                   &graphql.Field{Type: kindEnum, Resolve: field(func(n *graph.Node) string { return string(n.Kind) })},
				"date":                   &graphql.Field{Type: dateScalar, Resolve: field(func(n *graph.Node) string { return n.Date })},
				"endDate":                &graphql.Field{Type: dateScalar, Resolve: field(func(n *graph.Node) string { return n.EndDate })},
				"partOfDay":              &graphql.Field{Type: graphql.String, Description: "上午, 下午, 晚上 …", Resolve: field(func(n *graph.Node) string { return n.PartOfDay })},
				"chairs":                 &graphql.Field{Type: listOf(b.person), Resolve: b.nodes(rel.one("chairs"))},
				"attendees":              &graphql.Field{Type: listOf(b.person), Resolve: b.nodes(rel.one("attendees"))},
				"organisations":          &graphql.Field{Type: listOf(b.organisation), Description: "Organisations that attended, guided, hosted … the event.", Resolve: b.nodes(rel.one("organisations"))},
				"reportingOrganisations": &graphql.Field{Type: listOf(b.organisation), Description: "Organisations that reported at the event.", Resolve: b.nodes(rel.one("reportingOrganisations"))},
				"projects":               &graphql.Field{Type: listOf(b.project), Description: "Projects discussed.", Resolve: b.nodes(rel.one("projects"))},
				"articles":               &graphql.Field{Type: listOf(b.article), Description: "The articles that report the event.", Resolve: b.nodes(rel.one("articles"))},
				"participants": &graphql.Field{Type: listOf(b.eventParticipant), Description: "The people who chaired or attended, with the sentences that say so.",
					Args:    graphql.FieldConfigArgument{"role": {Type: roleEnum, Description: "Only this role."}},
					Resolve: b.participations(linksFrom(rel.one("participants")))},
				"participantCount": &graphql.Field{Type: nonNull(graphql.Int), Description: "How many people took part (in role, when given).",
					Args:    graphql.FieldConfigArgument{"role": {Type: roleEnum}},
					Resolve: b.countNodes(rel.one("participantCount"))},
				"links": b.linksField(),
			}
		}),
	})
	b.project = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Project",
		Description: "A project, programme or campaign (345创新行动).",
		Interfaces:  []*graphql.Interface{b.node},
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			rel := relationsOf(graph.LabelProject)
			return graphql.Fields{
				"id": idField(), "name": nameField(), "scope": scopeField(), "aliases": aliasesField(),
				"events":   &graphql.Field{Type: listOf(b.event), Description: "The events that discussed the project.", Resolve: b.nodes(rel.one("events"))},
				"articles": &graphql.Field{Type: listOf(b.article), Description: "The articles that name the project.", Resolve: b.nodes(rel.one("articles"))},
				"links":    b.linksField(),
			}
		}),
	})
	b.place = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Place",
		Description: "A place named in the articles.",
		Interfaces:  []*graphql.Interface{b.node},
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			rel := relationsOf(graph.LabelPlace)
			return graphql.Fields{
				"id": idField(), "name": nameField(), "scope": scopeField(), "aliases": aliasesField(),
				"articles": &graphql.Field{Type: listOf(b.article), Resolve: b.nodes(rel.one("articles"))},
				"links":    b.linksField(),
			}
		}),
	})
	b.article = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Article",
		Description: "A news article; every fact's evidence points to one.",
		Interfaces:  []*graphql.Interface{b.node},
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			rel := relationsOf(graph.LabelArticle)
			return graphql.Fields{
				"id": idField(), "name": nameField(), "scope": scopeField(),
				"title":      &graphql.Field{Type: nonNull(graphql.String), Resolve: func(p graphql.ResolveParams) (any, error) { return firstNonEmpty(src(p).Title, src(p).Name), nil }},
				"source":     &graphql.Field{Type: graphql.String, Description: "The file (and line) it was read from, relative to the server's working directory (else its name alone).", Resolve: field(func(n *graph.Node) string { return publicSource(b.s.opts.SourceDir, n.Source) })},
				"published":  &graphql.Field{Type: dateScalar, Resolve: field(func(n *graph.Node) string { return n.Published })},
				"url":        &graphql.Field{Type: graphql.String, Description: "Its address on the web, when its input gives one.", Resolve: field(func(n *graph.Node) string { return n.URL })},
				"outlet":     &graphql.Field{Type: graphql.String, Description: "The paper, site or programme that published it (白岩日报, 新闻联播).", Resolve: field(func(n *graph.Node) string { return n.Outlet })},
				"scopeBasis": &graphql.Field{Type: graphql.String, Description: "How the article's locale (scope) was told: the clue and its words (dateline 博爱讯, outlet 博爱县融媒体中心, headline …, body 博爱县委).", Resolve: field(func(n *graph.Node) string { return n.ScopeBasis })},
				"author":     &graphql.Field{Type: graphql.String, Description: "Its byline as the input gives it; the reporters field has the people it names.", Resolve: field(func(n *graph.Node) string { return n.Author })},
				"reporters":  &graphql.Field{Type: listOf(b.person), Description: "The reporters (记者) of the byline.", Resolve: b.nodes(rel.one("reporters"))},
				"events":     &graphql.Field{Type: listOf(b.event), Description: "The events the article reports.", Resolve: b.nodes(rel.one("events"))},
				"mentions":   &graphql.Field{Type: listOf(b.node), Description: "The people, organisations, projects … the article names.", Resolve: b.nodes(rel.one("mentions"))},
				"text":       &graphql.Field{Type: nonNull(graphql.String), Description: "The article body; evidence offsets refer to it.", Resolve: func(p graphql.ResolveParams) (any, error) { return src(p).Text, nil }},
				"links":      b.linksField(),
			}
		}),
	})
	b.byLabel = map[graph.Label]*graphql.Object{
		graph.LabelPerson: b.person, graph.LabelPost: b.post, graph.LabelOrganisation: b.organisation,
		graph.LabelEvent: b.event, graph.LabelProject: b.project, graph.LabelPlace: b.place, graph.LabelArticle: b.article,
	}
}

func firstNonEmpty(xs ...string) string {
	for _, x := range xs {
		if x != "" {
			return x
		}
	}
	return ""
}

// participations resolves a list of Participation from links, keeping the
// role argument's when given.
func (b *builder) participations(links func(p graphql.ResolveParams) func() ([]queries.Link, error)) graphql.FieldResolveFn {
	return b.resolve(func(p graphql.ResolveParams) (any, error) {
		role, _ := p.Args["role"].(string)
		get := links(p)
		return func() (any, error) {
			ls, err := get()
			if err != nil {
				return nil, err
			}
			ls = filterRole(ls, role)
			out := make([]participation, len(ls))
			for i, l := range ls {
				out[i] = participation{l}
			}
			return out, nil
		}, nil
	})
}

func filterRole(ls []queries.Link, role string) []queries.Link {
	if role == "" {
		return ls
	}
	var out []queries.Link
	for _, l := range ls {
		if l.Role() == role {
			out = append(out, l)
		}
	}
	return out
}

type monthCountValue struct {
	month string
	count int
}

func perMonth(events []*graph.Node) []monthCountValue {
	var out []monthCountValue
	idx := map[string]int{}
	queries.SortNodes(events)
	for _, e := range events {
		if len(e.Date) < 7 {
			continue
		}
		m := e.Date[:7]
		i, ok := idx[m]
		if !ok {
			i = len(out)
			idx[m] = i
			out = append(out, monthCountValue{month: m})
		}
		out[i].count++
	}
	if out == nil {
		out = []monthCountValue{}
	}
	return out
}
