package schema

import (
	"fmt"

	"github.com/graphql-go/graphql"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/queries"
)

func (b *builder) buildAnalysis() {
	b.coParticipant = graphql.NewObject(graphql.ObjectConfig{
		Name:        "CoParticipant",
		Description: "A person who took part in the same events as another.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"person": &graphql.Field{Type: nonNull(b.person), Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(queries.CoParticipant).Person, nil }},
				"count":  &graphql.Field{Type: nonNull(graphql.Int), Description: "How many events they shared.", Resolve: func(p graphql.ResolveParams) (any, error) { return len(p.Source.(queries.CoParticipant).Events), nil }},
				"events": &graphql.Field{Type: listOf(b.event), Description: "The shared events, by date.", Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(queries.CoParticipant).Events, nil }},
			}
		}),
	})
	b.holding = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Holding",
		Description: "A person holding a post, and when the holding is valid.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return b.tenureFields(graphql.Fields{
				"person": &graphql.Field{Type: nonNull(b.person), Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(queries.Holder).Person, nil }},
				"post":   &graphql.Field{Type: nonNull(b.post), Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(queries.Holder).Post, nil }},
			})
		}),
	})
	b.tenureBound = graphql.NewObject(graphql.ObjectConfig{
		Name:        "TenureBound",
		Description: "One end of a holding's validity and how it was found.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			bound := func(p graphql.ResolveParams) queries.Bound { return p.Source.(queries.Bound) }
			return graphql.Fields{
				"date": &graphql.Field{Type: nonNull(dateScalar), Resolve: func(p graphql.ResolveParams) (any, error) { return bound(p).Date, nil }},
				"kind": &graphql.Field{Type: nonNull(boundKindEnum), Resolve: func(p graphql.ResolveParams) (any, error) { return string(bound(p).Kind), nil }},
				"family": &graphql.Field{Type: graphql.String, Description: "The statement's wording (任命, 当选, 就任, 免去, 不再担任, 原任, 卸任, 辞去), for STATEMENT.",
					Resolve: func(p graphql.ResolveParams) (any, error) { return nilIfEmpty(bound(p).Family), nil }},
				"evidence": &graphql.Field{Type: b.evidence, Description: "The sentence that gives the date: the statement, or the first or last evidence; null for SUCCESSOR.",
					Resolve: func(p graphql.ResolveParams) (any, error) {
						if e := bound(p).Evidence; e != nil {
							return *e, nil
						}
						return nil, nil
					}},
				"successor": &graphql.Field{Type: b.person, Description: "The next holder, whose start ends the holding, for SUCCESSOR.",
					Resolve: func(p graphql.ResolveParams) (any, error) {
						if n := bound(p).Successor; n != nil {
							return n, nil
						}
						return nil, nil
					}},
			}
		}),
	})
	b.tenureStatement = graphql.NewObject(graphql.ObjectConfig{
		Name:        "TenureStatement",
		Description: "A sentence that states a holding started (任命, 当选, 就任) or ended (免去, 不再担任, 原任, 卸任, 辞去).",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			st := func(p graphql.ResolveParams) queries.Statement { return p.Source.(queries.Statement) }
			return graphql.Fields{
				"family":   &graphql.Field{Type: nonNull(graphql.String), Resolve: func(p graphql.ResolveParams) (any, error) { return st(p).Family, nil }},
				"end":      &graphql.Field{Type: nonNull(graphql.Boolean), Description: "True when it ends the holding.", Resolve: func(p graphql.ResolveParams) (any, error) { return st(p).End, nil }},
				"date":     &graphql.Field{Type: dateScalar, Description: "The year and month the sentence names, else its article's date.", Resolve: func(p graphql.ResolveParams) (any, error) { return nilIfEmpty(st(p).Date), nil }},
				"evidence": &graphql.Field{Type: nonNull(b.evidence), Resolve: func(p graphql.ResolveParams) (any, error) { return st(p).Evidence, nil }},
			}
		}),
	})
	b.monthCount = graphql.NewObject(graphql.ObjectConfig{
		Name: "MonthCount",
		Fields: graphql.Fields{
			"month": &graphql.Field{Type: nonNull(graphql.String), Description: "YYYY-MM", Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(monthCountValue).month, nil }},
			"count": &graphql.Field{Type: nonNull(graphql.Int), Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(monthCountValue).count, nil }},
		},
	})
	b.searchHit = graphql.NewObject(graphql.ObjectConfig{
		Name: "SearchHit",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"node":  &graphql.Field{Type: nonNull(b.node), Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(graph.SearchHit).Node, nil }},
				"score": &graphql.Field{Type: nonNull(graphql.Float), Description: "From 0 to 1; 1 is the name itself.", Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(graph.SearchHit).Score, nil }},
			}
		}),
	})
	b.graphNode = graphql.NewObject(graphql.ObjectConfig{
		Name:        "GraphNode",
		Description: "A node of a subgraph, for drawing.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"id": idField(),
				"label": &graphql.Field{Type: nonNull(graphql.String), Description: "Person, Post, Organisation, Event, Project, Place or Article.", Resolve: func(p graphql.ResolveParams) (any, error) {
					l := string(src(p).Label)
					return &l, nil
				}},
				"name": nameField(),
				"node": &graphql.Field{Type: nonNull(b.node), Description: "The node with all its fields.", Resolve: func(p graphql.ResolveParams) (any, error) { return src(p), nil }},
			}
		}),
	})
	rel := func(p graphql.ResolveParams) *graph.Relation { return p.Source.(*graph.Relation) }
	b.graphEdge = graphql.NewObject(graphql.ObjectConfig{
		Name:        "GraphEdge",
		Description: "A relation of a subgraph, from source to target.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return b.evidenceFields(graphql.Fields{
				"id":     &graphql.Field{Type: nonNull(graphql.ID), Resolve: func(p graphql.ResolveParams) (any, error) { return &rel(p).ID, nil }},
				"type":   &graphql.Field{Type: nonNull(relationEnum), Resolve: func(p graphql.ResolveParams) (any, error) { return string(rel(p).Type), nil }},
				"role":   &graphql.Field{Type: graphql.String, Resolve: func(p graphql.ResolveParams) (any, error) { return nilIfEmpty(rel(p).Role), nil }},
				"source": &graphql.Field{Type: nonNull(graphql.ID), Resolve: func(p graphql.ResolveParams) (any, error) { return &rel(p).From, nil }},
				"target": &graphql.Field{Type: nonNull(graphql.ID), Resolve: func(p graphql.ResolveParams) (any, error) { return &rel(p).To, nil }},
			}, func(v any) *graph.Relation { return v.(*graph.Relation) })
		}),
	})
	sub := func(p graphql.ResolveParams) *graph.Subgraph {
		if v, ok := p.Source.(pathValue); ok {
			return v.g
		}
		return p.Source.(*graph.Subgraph)
	}
	subFields := func() graphql.Fields {
		return graphql.Fields{
			"nodes": &graphql.Field{Type: listOf(b.graphNode), Resolve: func(p graphql.ResolveParams) (any, error) { return sub(p).Nodes, nil }},
			"edges": &graphql.Field{Type: listOf(b.graphEdge), Resolve: func(p graphql.ResolveParams) (any, error) { return sub(p).Relations, nil }},
		}
	}
	b.subgraph = graphql.NewObject(graphql.ObjectConfig{Name: "Subgraph", Description: "Nodes and the relations among them.", Fields: graphql.FieldsThunk(subFields)})
	b.path = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Path",
		Description: "A shortest path: nodes in order from the start, edges[i] joining nodes[i] and nodes[i+1] in either direction.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			f := subFields()
			f["length"] = &graphql.Field{Type: nonNull(graphql.Int), Description: "The number of hops.", Resolve: func(p graphql.ResolveParams) (any, error) { return len(sub(p).Relations), nil }}
			return f
		}),
	})
}

// connectionOf makes the connection and edge types of a list of t.
func (b *builder) connectionOf(t *graphql.Object) *graphql.Object {
	edge := graphql.NewObject(graphql.ObjectConfig{
		Name: t.Name() + "Edge",
		Fields: graphql.Fields{
			"cursor": &graphql.Field{Type: nonNull(graphql.String), Resolve: func(p graphql.ResolveParams) (any, error) { return encodeCursor(src(p).ID), nil }},
			"node":   &graphql.Field{Type: nonNull(t), Resolve: func(p graphql.ResolveParams) (any, error) { return src(p), nil }},
		},
	})
	page := func(p graphql.ResolveParams) *graph.NodePage { return p.Source.(connection).page }
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        t.Name() + "Connection",
		Description: "A page of " + t.Name() + " nodes, ordered by ID.",
		Fields: graphql.Fields{
			"nodes":      &graphql.Field{Type: listOf(t), Resolve: func(p graphql.ResolveParams) (any, error) { return page(p).Nodes, nil }},
			"edges":      &graphql.Field{Type: listOf(edge), Resolve: func(p graphql.ResolveParams) (any, error) { return page(p).Nodes, nil }},
			"pageInfo":   &graphql.Field{Type: nonNull(b.pageInfo), Resolve: func(p graphql.ResolveParams) (any, error) { return page(p), nil }},
			"totalCount": &graphql.Field{Type: nonNull(graphql.Int), Description: "How many nodes the filter selects, on all pages.", Resolve: func(p graphql.ResolveParams) (any, error) { return page(p).Total, nil }},
		},
	})
}

func (b *builder) buildConnections() {
	b.pageInfo = graphql.NewObject(graphql.ObjectConfig{
		Name: "PageInfo",
		Fields: graphql.Fields{
			"hasNextPage": &graphql.Field{Type: nonNull(graphql.Boolean), Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(*graph.NodePage).HasMore, nil }},
			"endCursor": &graphql.Field{Type: graphql.String, Description: "Pass it as after to get the next page.", Resolve: func(p graphql.ResolveParams) (any, error) {
				nodes := p.Source.(*graph.NodePage).Nodes
				if len(nodes) == 0 {
					return nil, nil
				}
				return encodeCursor(nodes[len(nodes)-1].ID), nil
			}},
		},
	})
	b.personConn = b.connectionOf(b.person)
	b.orgConn = b.connectionOf(b.organisation)
	b.postConn = b.connectionOf(b.post)
	b.eventConn = b.connectionOf(b.event)
	b.projectConn = b.connectionOf(b.project)
	b.articleConn = b.connectionOf(b.article)

	named := func(name string) *graphql.InputObject {
		return graphql.NewInputObject(graphql.InputObjectConfig{
			Name: name,
			Fields: graphql.InputObjectConfigFieldMap{
				"name": {Type: graphql.String, Description: "The name or one of the aliases, exactly."},
			},
		})
	}
	b.orgFilter = named("OrganisationFilter")
	b.projectFilter = named("ProjectFilter")
	b.articleFilter = named("ArticleFilter")
	b.postFilter = graphql.NewInputObject(graphql.InputObjectConfig{
		Name: "PostFilter",
		Fields: graphql.InputObjectConfigFieldMap{
			"name":         {Type: graphql.String, Description: "The post's name, exactly."},
			"organisation": {Type: graphql.ID, Description: "Only the posts of this organisation."},
		},
	})
	b.personFilter = graphql.NewInputObject(graphql.InputObjectConfig{
		Name: "PersonFilter",
		Fields: graphql.InputObjectConfigFieldMap{
			"name":         {Type: graphql.String, Description: "The name or one of the aliases, exactly."},
			"organisation": {Type: graphql.ID, Description: "Only people holding one of this organisation's posts."},
			"event":        {Type: graphql.ID, Description: "Only people who took part in this event."},
			"role":         {Type: roleEnum, Description: "Only people who took part in an event (the event, when given) in this role."},
			"from":         {Type: dateScalar, Description: "Only people who took part in an event dated on or after this."},
			"to":           {Type: dateScalar, Description: "Only people who took part in an event dated on or before this."},
		},
	})
	b.eventFilter = graphql.NewInputObject(graphql.InputObjectConfig{
		Name: "EventFilter",
		Fields: graphql.InputObjectConfigFieldMap{
			"name":         {Type: graphql.String, Description: "The event's name, exactly."},
			"kinds":        {Type: graphql.NewList(nonNull(kindEnum))},
			"from":         {Type: dateScalar, Description: "Only events dated on or after this."},
			"to":           {Type: dateScalar, Description: "Only events dated on or before this."},
			"organisation": {Type: graphql.ID, Description: "Only events this organisation took part in or reported at."},
			"person":       {Type: graphql.ID, Description: "Only events this person took part in."},
			"role":         {Type: roleEnum, Description: "With person: only events the person took part in in this role."},
		},
	})
}

// query makes the root type.
func (b *builder) query() *graphql.Object {
	byID := func(t graphql.Output, label graph.Label) *graphql.Field {
		return &graphql.Field{
			Type: t,
			Args: graphql.FieldConfigArgument{"id": {Type: nonNull(graphql.ID)}},
			Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
				return b.readNode(p, label, p.Args["id"].(string), "")
			}),
		}
	}
	byIDOrName := func(t graphql.Output, label graph.Label) *graphql.Field {
		return &graphql.Field{
			Type:        t,
			Description: "By ID or by name (or alias); give one of them.",
			Args:        graphql.FieldConfigArgument{"id": {Type: graphql.ID}, "name": {Type: graphql.String}},
			Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
				id, _ := p.Args["id"].(string)
				name, _ := p.Args["name"].(string)
				switch {
				case id != "" && name != "":
					return nil, badInput("give id or name, not both")
				case id != "", name != "":
					return b.readNode(p, label, id, name)
				}
				return nil, badInput("give an id or a name")
			}),
		}
	}
	list := func(conn *graphql.Object, filter *graphql.InputObject, find func(p graphql.ResolveParams, f map[string]any, after string, limit int) (*graph.NodePage, error)) *graphql.Field {
		return &graphql.Field{
			Type: nonNull(conn),
			Args: graphql.FieldConfigArgument{
				"first":  {Type: graphql.Int, Description: fmt.Sprintf("Page size, at most %d.", b.s.opts.MaxFirst), DefaultValue: defaultFirst},
				"after":  {Type: graphql.String, Description: "The endCursor of the previous page."},
				"filter": {Type: filter},
			},
			Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
				first, err := b.s.first(p.Args["first"], defaultFirst)
				if err != nil {
					return nil, err
				}
				after := ""
				if c, ok := p.Args["after"].(string); ok && c != "" {
					if after, err = decodeCursor(c); err != nil {
						return nil, err
					}
				}
				f, _ := p.Args["filter"].(map[string]any)
				limit := first
				if first == 0 {
					limit = 1
				}
				page, err := find(p, f, after, limit)
				if err != nil {
					return nil, err
				}
				if first == 0 {
					page = &graph.NodePage{Total: page.Total, HasMore: len(page.Nodes) > 0}
				}
				return connection{page}, nil
			}),
		}
	}
	str := func(f map[string]any, k string) string { s, _ := f[k].(string); return s }
	byName := func(label graph.Label) func(p graphql.ResolveParams, f map[string]any, after string, limit int) (*graph.NodePage, error) {
		return func(p graphql.ResolveParams, f map[string]any, after string, limit int) (*graph.NodePage, error) {
			return b.s.svc.Find(p.Context, graph.NodeFilter{Labels: []graph.Label{label}, Name: str(f, "name"), After: after, Limit: limit})
		}
	}
	return graphql.NewObject(graphql.ObjectConfig{
		Name: "Query",
		Fields: b.withExplore(graphql.Fields{
			"node": &graphql.Field{
				Type: b.node, Description: "Any node by ID.",
				Args: graphql.FieldConfigArgument{"id": {Type: nonNull(graphql.ID)}},
				Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
					return b.s.svc.Node(p.Context, "", p.Args["id"].(string))
				}),
			},
			"person":       byIDOrName(b.person, graph.LabelPerson),
			"organisation": byIDOrName(b.organisation, graph.LabelOrganisation),
			"project":      byIDOrName(b.project, graph.LabelProject),
			"post":         byID(b.post, graph.LabelPost),
			"event":        byID(b.event, graph.LabelEvent),
			"article":      byID(b.article, graph.LabelArticle),
			"people": list(b.personConn, b.personFilter, func(p graphql.ResolveParams, f map[string]any, after string, limit int) (*graph.NodePage, error) {
				return b.s.svc.FindPeople(p.Context, queries.PersonFilter{Name: str(f, "name"), Organisation: str(f, "organisation"),
					Event: str(f, "event"), Role: str(f, "role"), DateFrom: str(f, "from"), DateTo: str(f, "to"), After: after, Limit: limit})
			}),
			"organisations": list(b.orgConn, b.orgFilter, byName(graph.LabelOrganisation)),
			"posts": list(b.postConn, b.postFilter, func(p graphql.ResolveParams, f map[string]any, after string, limit int) (*graph.NodePage, error) {
				return b.s.svc.FindPosts(p.Context, str(f, "name"), str(f, "organisation"), after, limit)
			}),
			"events": list(b.eventConn, b.eventFilter, func(p graphql.ResolveParams, f map[string]any, after string, limit int) (*graph.NodePage, error) {
				return b.s.svc.FindEvents(p.Context, eventFilter(f, after, limit))
			}),
			"eventsPerMonth": &graphql.Field{
				Type:        listOf(b.monthCount),
				Description: "How many dated events the filter selects, per month, in order.",
				Args:        graphql.FieldConfigArgument{"filter": {Type: b.eventFilter}},
				Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
					f, _ := p.Args["filter"].(map[string]any)
					page, err := b.s.svc.FindEvents(p.Context, eventFilter(f, "", 0))
					if err != nil {
						return nil, err
					}
					return perMonth(page.Nodes), nil
				}),
			},
			"projects": list(b.projectConn, b.projectFilter, byName(graph.LabelProject)),
			"articles": list(b.articleConn, b.articleFilter, byName(graph.LabelArticle)),
			"search": &graphql.Field{
				Type:        listOf(b.searchHit),
				Description: "Nodes whose name or aliases resemble text, best first: exact names, then names containing it, then abbreviations (高新区党工委 finds 高新区（示范区）党工委).",
				Args: graphql.FieldConfigArgument{
					"text":  {Type: nonNull(graphql.String)},
					"types": {Type: graphql.NewList(nonNull(entityEnum)), Description: "Only these kinds of node."},
					"first": {Type: graphql.Int, DefaultValue: 10},
				},
				Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
					first, err := b.s.first(p.Args["first"], 10)
					if err != nil {
						return nil, err
					}
					var labels []graph.Label
					ts, _ := p.Args["types"].([]any)
					for _, t := range ts {
						labels = append(labels, graph.Label(t.(string)))
					}
					if first == 0 {
						return []graph.SearchHit{}, nil
					}
					return b.s.svc.Search(p.Context, graph.SearchQuery{Text: p.Args["text"].(string), Labels: labels, Limit: first})
				}),
			},
			"neighbourhood": &graphql.Field{
				Type:        nonNull(b.subgraph),
				Description: fmt.Sprintf("The nodes within depth hops of a node (following relations both ways, depth from 1 to %d) and the relations followed; nearer nodes are kept first when limit cuts.", maxTraversalDepth),
				Args: graphql.FieldConfigArgument{
					"id":        {Type: nonNull(graphql.ID)},
					"depth":     {Type: graphql.Int, DefaultValue: 1},
					"relations": {Type: graphql.NewList(nonNull(relationEnum))},
					"limit":     {Type: graphql.Int, Description: fmt.Sprintf("At most this many nodes, at most %d; %d when omitted.", b.s.opts.MaxFirst, defaultFirst)},
				},
				Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
					depth, _ := p.Args["depth"].(int)
					if depth < 1 || depth > maxTraversalDepth {
						return nil, badInput(fmt.Sprintf("depth must be between 1 and %d", maxTraversalDepth))
					}
					limit, err := b.s.first(p.Args["limit"], defaultFirst)
					if err != nil {
						return nil, err
					}
					if limit == 0 {
						return nil, badInput("limit must be at least 1")
					}
					opts := graph.TraversalOptions{Depth: depth, Types: relTypes(p.Args["relations"]), Limit: limit}
					if outlineOnly(p) {
						return b.s.svc.NeighbourhoodOutline(p.Context, p.Args["id"].(string), opts)
					}
					return b.s.svc.Neighbourhood(p.Context, p.Args["id"].(string), opts)
				}),
			},
			"path": &graphql.Field{
				Type:        b.path,
				Description: fmt.Sprintf("A shortest path of at most maxHops (at most %d) between two nodes, following relations either way; null when there is none. Among equally short paths, the one whose node IDs sort first.", maxPathHops),
				Args: graphql.FieldConfigArgument{
					"from":      {Type: nonNull(graphql.ID)},
					"to":        {Type: nonNull(graphql.ID)},
					"maxHops":   {Type: graphql.Int, DefaultValue: 6},
					"relations": {Type: graphql.NewList(nonNull(relationEnum))},
				},
				Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
					hops, _ := p.Args["maxHops"].(int)
					if hops < 1 || hops > maxPathHops {
						return nil, badInput(fmt.Sprintf("maxHops must be between 1 and %d", maxPathHops))
					}
					path := b.s.svc.Path
					if outlineOnly(p) {
						path = b.s.svc.PathOutline
					}
					g, err := path(p.Context, p.Args["from"].(string), p.Args["to"].(string), graph.TraversalOptions{Depth: hops, Types: relTypes(p.Args["relations"])})
					if err != nil || g == nil {
						return nil, err
					}
					return pathValue{g}, nil
				}),
			},
		}),
	})
}

// eventFilter reads an EventFilter input.
func eventFilter(f map[string]any, after string, limit int) queries.EventFilter {
	str := func(k string) string { s, _ := f[k].(string); return s }
	var kinds []graph.EventKind
	ks, _ := f["kinds"].([]any)
	for _, k := range ks {
		if s, ok := k.(string); ok {
			kinds = append(kinds, graph.EventKind(s))
		}
	}
	return queries.EventFilter{Name: str("name"), Kinds: kinds, DateFrom: str("from"), DateTo: str("to"),
		Organisation: str("organisation"), Person: str("person"), Role: str("role"), After: after, Limit: limit}
}

// Bounds of the traversal fields.
const (
	defaultFirst      = 100
	maxTraversalDepth = 4
	maxPathHops       = 10
)
