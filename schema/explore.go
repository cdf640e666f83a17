package schema

import (
	"fmt"
	"time"

	"github.com/graphql-go/graphql"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/queries"
)

// The root fields of the explorer at scale: a busy node's links by type,
// the busiest nodes and latest events of the first screen, the time bar's
// histogram, graph-wide co-occurrence and the subgraph of a period.

// maxSubgraphNodes bounds eventSubgraph's maxNodes: a WebGL view draws
// that many, and the answer stays within MaxBytes.
const maxSubgraphNodes = 20000

// exploreTypes are the object types of the explorer's fields.
type exploreTypes struct {
	relationGroup, rankedNode, coOccurrence, dateBin, eventSubgraph *graphql.Object
	subgraphNode                                                    *graphql.Object
	subgraphFilter                                                  *graphql.InputObject
}

// relationGroupValue is a LinkGroup seen from the node at.
type relationGroupValue struct {
	at    string
	group queries.LinkGroup
}

// eventSubgraphValue is an EventSubgraph answer.
type eventSubgraphValue struct {
	g     *graph.Subgraph
	total int
}

// dateBin is a span of days and how many events are dated in it.
type dateBin struct {
	from, to string
	count    int
}

func (b *builder) buildExplore() exploreTypes {
	var x exploreTypes
	x.relationGroup = graphql.NewObject(graphql.ObjectConfig{
		Name:        "RelationGroup",
		Description: "A node's relations of one type followed one way, most supported first (more articles, then more sentences, then the latest).",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			g := func(p graphql.ResolveParams) relationGroupValue { return p.Source.(relationGroupValue) }
			return graphql.Fields{
				"type":      &graphql.Field{Type: nonNull(relationEnum), Resolve: func(p graphql.ResolveParams) (any, error) { return string(g(p).group.Type), nil }},
				"direction": &graphql.Field{Type: nonNull(directionEnum), Resolve: func(p graphql.ResolveParams) (any, error) { return g(p).group.Direction, nil }},
				"count":     &graphql.Field{Type: nonNull(graphql.Int), Description: "How many relations the group has, on all pages.", Resolve: func(p graphql.ResolveParams) (any, error) { return len(g(p).group.Links), nil }},
				"links": &graphql.Field{Type: listOf(b.link), Description: "The relations, ranked; first and after (the node of the last one shown) page them.",
					Resolve: func(p graphql.ResolveParams) (any, error) {
						v := g(p)
						out := make([]linkValue, len(v.group.Links))
						for i, l := range v.group.Links {
							out[i] = linkValue{at: v.at, link: l}
						}
						return out, nil
					}},
			}
		}),
	})
	x.rankedNode = graphql.NewObject(graphql.ObjectConfig{
		Name:        "RankedNode",
		Description: "A node and the number of events it took part in.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"node":  &graphql.Field{Type: nonNull(b.node), Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(queries.Ranked).Node, nil }},
				"count": &graphql.Field{Type: nonNull(graphql.Int), Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(queries.Ranked).Count, nil }},
			}
		}),
	})
	x.coOccurrence = graphql.NewObject(graphql.ObjectConfig{
		Name:        "CoOccurrence",
		Description: "Two people who chaired or attended the same events, a's ID sorting first.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			c := func(p graphql.ResolveParams) queries.CoOccurrence { return p.Source.(queries.CoOccurrence) }
			return graphql.Fields{
				"a":      &graphql.Field{Type: nonNull(b.person), Resolve: func(p graphql.ResolveParams) (any, error) { return c(p).A, nil }},
				"b":      &graphql.Field{Type: nonNull(b.person), Resolve: func(p graphql.ResolveParams) (any, error) { return c(p).B, nil }},
				"count":  &graphql.Field{Type: nonNull(graphql.Int), Description: "How many events they shared.", Resolve: func(p graphql.ResolveParams) (any, error) { return len(c(p).Events), nil }},
				"events": &graphql.Field{Type: listOf(b.event), Description: "The shared events, by date and part of day.", Resolve: func(p graphql.ResolveParams) (any, error) { return c(p).Events, nil }},
			}
		}),
	})
	x.dateBin = graphql.NewObject(graphql.ObjectConfig{
		Name:        "DateBin",
		Description: "A span of days, from and to inclusive, and how many events are dated in it.",
		Fields: graphql.Fields{
			"from":  &graphql.Field{Type: nonNull(dateScalar), Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(dateBin).from, nil }},
			"to":    &graphql.Field{Type: nonNull(dateScalar), Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(dateBin).to, nil }},
			"count": &graphql.Field{Type: nonNull(graphql.Int), Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(dateBin).count, nil }},
		},
	})
	x.subgraphNode = graphql.NewObject(graphql.ObjectConfig{
		Name:        "SubgraphNode",
		Description: "A node of an event subgraph, for drawing.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"id": idField(),
				"label": &graphql.Field{Type: nonNull(graphql.String), Description: "Person, Post, Organisation, Event, Project, Place or Article.", Resolve: func(p graphql.ResolveParams) (any, error) {
					l := string(src(p).Label)
					return &l, nil
				}},
				"name": nameField(),
				"date": &graphql.Field{Type: dateScalar, Description: "An event's date.", Resolve: field(func(n *graph.Node) string { return n.Date })},
			}
		}),
	})
	x.eventSubgraph = graphql.NewObject(graphql.ObjectConfig{
		Name:        "EventSubgraph",
		Description: "The subgraph around a period's events, for drawing.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			v := func(p graphql.ResolveParams) eventSubgraphValue { return p.Source.(eventSubgraphValue) }
			return graphql.Fields{
				"nodes": &graphql.Field{Type: listOf(x.subgraphNode), Description: "By ID.", Resolve: func(p graphql.ResolveParams) (any, error) { return v(p).g.Nodes, nil }},
				"edges": &graphql.Field{Type: listOf(b.graphEdge), Description: "By ID.", Resolve: func(p graphql.ResolveParams) (any, error) { return v(p).g.Relations, nil }},
				"edgeIndexes": &graphql.Field{Type: listOf(graphql.Int),
					Description: "The edges in compact form, for drawing many: each edge as the indexes in nodes of its source and its target, flattened ([s0, t0, s1, t1, …]), in the order of edges.",
					Resolve: func(p graphql.ResolveParams) (any, error) {
						g := v(p).g
						at := make(map[string]int, len(g.Nodes))
						for i, n := range g.Nodes {
							at[n.ID] = i
						}
						out := make([]int, 0, 2*len(g.Relations))
						for _, r := range g.Relations {
							out = append(out, at[r.From], at[r.To])
						}
						return out, nil
					}},
				"totalNodes": &graphql.Field{Type: nonNull(graphql.Int), Description: "How many nodes the filter selects before maxNodes cuts.", Resolve: func(p graphql.ResolveParams) (any, error) { return v(p).total, nil }},
			}
		}),
	})
	x.subgraphFilter = graphql.NewInputObject(graphql.InputObjectConfig{
		Name: "SubgraphFilter",
		Fields: graphql.InputObjectConfigFieldMap{
			"types":        {Type: graphql.NewList(nonNull(entityEnum)), Description: "The kinds of node drawn beside the events; PERSON and ORGANISATION when omitted."},
			"from":         {Type: dateScalar, Description: "Only events dated on or after this."},
			"to":           {Type: dateScalar, Description: "Only events dated on or before this."},
			"organisation": {Type: graphql.ID, Description: "Only events this organisation took part in or reported at."},
		},
	})
	return x
}

// withExplore adds the explorer's root fields to fields and returns them.
func (b *builder) withExplore(fields graphql.Fields) graphql.Fields {
	x := b.buildExplore()
	str := func(p graphql.ResolveParams, k string) string { s, _ := p.Args[k].(string); return s }
	dates := func() graphql.FieldConfigArgument {
		return graphql.FieldConfigArgument{
			"from": {Type: dateScalar, Description: "Only events dated on or after this."},
			"to":   {Type: dateScalar, Description: "Only events dated on or before this."},
		}
	}
	withFirst := func(args graphql.FieldConfigArgument, def int) graphql.FieldConfigArgument {
		args["first"] = &graphql.ArgumentConfig{Type: graphql.Int, DefaultValue: def, Description: fmt.Sprintf("At most this many, at most %d.", b.s.opts.MaxFirst)}
		return args
	}
	fields["expand"] = &graphql.Field{
		Type:        listOf(x.relationGroup),
		Description: "A node's relations grouped by type and direction (in the order of RelationType, outgoing first), each group ranked, for expanding a busy node a type at a time. MENTIONS are left out unless exclude says otherwise; from and to drop relations to events dated outside them.",
		Args: func() graphql.FieldConfigArgument {
			a := dates()
			a["id"] = &graphql.ArgumentConfig{Type: nonNull(graphql.ID)}
			a["types"] = &graphql.ArgumentConfig{Type: graphql.NewList(nonNull(relationEnum)), Description: "Only these types; all when omitted."}
			a["exclude"] = &graphql.ArgumentConfig{Type: graphql.NewList(nonNull(relationEnum)), DefaultValue: []any{string(graph.RelMentions)}, Description: "Leave out these types."}
			return a
		}(),
		Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
			id := p.Args["id"].(string)
			gs, err := b.s.svc.Expand(p.Context, id, queries.ExpandOptions{Types: relTypes(p.Args["types"]), Exclude: relTypes(p.Args["exclude"]),
				DateFrom: str(p, "from"), DateTo: str(p, "to")})
			if err != nil {
				return nil, err
			}
			out := make([]relationGroupValue, len(gs))
			for i, g := range gs {
				out[i] = relationGroupValue{at: id, group: g}
			}
			return out, nil
		}),
	}
	fields["bestHits"] = &graphql.Field{
		Type:        listOf(b.searchHit),
		Description: "Search hits as the explorer opens them: as search finds them, best first, but among equal scores the node with the most relations (MENTIONS aside) first, so that of many people of one name the busiest comes first. It ranks the first 200 hits.",
		Args: graphql.FieldConfigArgument{
			"text":  {Type: nonNull(graphql.String)},
			"types": {Type: graphql.NewList(nonNull(entityEnum)), Description: "Only these kinds of node."},
			"first": {Type: graphql.Int, DefaultValue: 10},
		},
		Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
			first, err := b.s.first(p.Args["first"], 10)
			if err != nil || first == 0 {
				return []graph.SearchHit{}, err
			}
			var labels []graph.Label
			ts, _ := p.Args["types"].([]any)
			for _, t := range ts {
				labels = append(labels, graph.Label(t.(string)))
			}
			return b.s.svc.BestHits(p.Context, graph.SearchQuery{Text: p.Args["text"].(string), Labels: labels, Limit: first})
		}),
	}
	fields["busiest"] = &graphql.Field{
		Type:        listOf(x.rankedNode),
		Description: "The people (type PERSON: chaired or attended) or organisations (ORGANISATION: took part or reported) with the most events dated from from to to, most first, then by ID.",
		Args: withFirst(func() graphql.FieldConfigArgument {
			a := dates()
			a["type"] = &graphql.ArgumentConfig{Type: entityEnum, DefaultValue: string(graph.LabelPerson)}
			return a
		}(), 10),
		Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
			first, err := b.s.first(p.Args["first"], 10)
			if err != nil || first == 0 {
				return []queries.Ranked{}, err
			}
			return b.s.svc.Busiest(p.Context, graph.Label(str(p, "type")), str(p, "from"), str(p, "to"), first)
		}),
	}
	fields["latestEvents"] = &graphql.Field{
		Type:        listOf(b.event),
		Description: "The dated events from from to to, latest first (by date, then part of day: 上午 before 下午 before 晚上).",
		Args:        withFirst(dates(), 10),
		Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
			first, err := b.s.first(p.Args["first"], 10)
			if err != nil || first == 0 {
				return []*graph.Node{}, err
			}
			return b.s.svc.LatestEvents(p.Context, str(p, "from"), str(p, "to"), first)
		}),
	}
	fields["coOccurrences"] = &graphql.Field{
		Type:        listOf(x.coOccurrence),
		Description: "Across the whole graph, the pairs of people who chaired or attended the most events together, dated from from to to, with those events; most shared first.",
		Args:        withFirst(dates(), 10),
		Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
			first, err := b.s.first(p.Args["first"], 10)
			if err != nil || first == 0 {
				return []queries.CoOccurrence{}, err
			}
			return b.s.svc.CoOccurrences(p.Context, str(p, "from"), str(p, "to"), first)
		}),
	}
	fields["eventHistogram"] = &graphql.Field{
		Type:        listOf(x.dateBin),
		Description: "How many dated events the filter selects over time: the days from the first event's to the last's in at most first bins of equal width, in order, empty bins included.",
		Args: graphql.FieldConfigArgument{
			"filter": {Type: b.eventFilter},
			"first":  {Type: graphql.Int, DefaultValue: 120, Description: fmt.Sprintf("At most this many bins, at most %d.", b.s.opts.MaxFirst)},
		},
		Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
			first, err := b.s.first(p.Args["first"], 120)
			if err != nil || first == 0 {
				return []dateBin{}, err
			}
			f, _ := p.Args["filter"].(map[string]any)
			page, err := b.s.svc.FindEvents(p.Context, eventFilter(f, "", 0))
			if err != nil {
				return nil, err
			}
			return histogram(page.Nodes, first), nil
		}),
	}
	fields["eventSubgraph"] = &graphql.Field{
		Type:        nonNull(x.eventSubgraph),
		Description: "The events the filter selects, the nodes of its types related to them and up to two relations further out (posts, their organisations), and the relations among them all but MENTIONS: a period's graph, for the WebGL view. Past maxNodes, the best connected nodes are kept.",
		Args: graphql.FieldConfigArgument{
			"filter":   {Type: x.subgraphFilter},
			"maxNodes": {Type: graphql.Int, DefaultValue: 5000, Description: fmt.Sprintf("At most this many nodes, at most %d.", maxSubgraphNodes)},
		},
		Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
			maxNodes, _ := p.Args["maxNodes"].(int)
			if maxNodes < 1 || maxNodes > maxSubgraphNodes {
				return nil, badInput(fmt.Sprintf("maxNodes must be between 1 and %d", maxSubgraphNodes))
			}
			f, _ := p.Args["filter"].(map[string]any)
			sf := queries.SubgraphFilter{MaxNodes: maxNodes}
			sf.DateFrom, _ = f["from"].(string)
			sf.DateTo, _ = f["to"].(string)
			sf.Organisation, _ = f["organisation"].(string)
			ts, _ := f["types"].([]any)
			for _, t := range ts {
				if s, ok := t.(string); ok {
					sf.Labels = append(sf.Labels, graph.Label(s))
				}
			}
			g, total, err := b.s.svc.EventSubgraph(p.Context, sf)
			if err != nil {
				return nil, err
			}
			// What a drawing needs: article texts and evidence are left.
			for i, n := range g.Nodes {
				g.Nodes[i] = &graph.Node{ID: n.ID, Label: n.Label, Name: n.Name, Date: n.Date}
			}
			for i, r := range g.Relations {
				g.Relations[i] = &graph.Relation{ID: r.ID, Type: r.Type, From: r.From, To: r.To, Role: r.Role}
			}
			return eventSubgraphValue{g: g, total: total}, nil
		}),
	}
	return fields
}

// histogram bins the dated events' days, from the first to the last, into
// at most n bins of equal width.
func histogram(events []*graph.Node, n int) []dateBin {
	var days []time.Time
	for _, e := range events {
		if d, err := time.Parse(time.DateOnly, e.Date); err == nil {
			days = append(days, d)
		}
	}
	if len(days) == 0 {
		return []dateBin{}
	}
	lo, hi := days[0], days[0]
	for _, d := range days {
		if d.Before(lo) {
			lo = d
		}
		if d.After(hi) {
			hi = d
		}
	}
	span := int(hi.Sub(lo).Hours()/24) + 1
	width := (span + n - 1) / n
	bins := make([]dateBin, (span+width-1)/width)
	for i := range bins {
		from := lo.AddDate(0, 0, i*width)
		bins[i] = dateBin{from: from.Format(time.DateOnly), to: from.AddDate(0, 0, width-1).Format(time.DateOnly)}
	}
	for _, d := range days {
		bins[int(d.Sub(lo).Hours()/24)/width].count++
	}
	return bins
}
