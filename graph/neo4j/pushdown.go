package neo4j

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgproject/kg/graph"
)

// The optional read interfaces of graph/pushdown.go: each answers in one
// Cypher statement what the Store methods answer in several round trips.
var (
	_ graph.LinkReader          = (*Store)(nil)
	_ graph.CoParticipantReader = (*Store)(nil)
	_ graph.NodeReader          = (*Store)(nil)
	_ graph.NodeOutlineReader   = (*Store)(nil)
)

// linkPattern returns the pattern that binds relationship r and other end
// m of node x for a direction and types.
func linkPattern(x string, dir graph.Direction, types []graph.RelType) (string, error) {
	t, err := typePattern(types)
	if err != nil {
		return "", err
	}
	switch dir {
	case graph.Outgoing:
		return "(" + x + ")-[r" + t + "]->(m)", nil
	case graph.Incoming:
		return "(" + x + ")<-[r" + t + "]-(m)", nil
	case graph.Both:
		return "(" + x + ")-[r" + t + "]-(m)", nil
	}
	return "", fmt.Errorf("%w: direction %d", graph.ErrInvalid, dir)
}

// Links returns, for each of f's nodes, its relations with the nodes at
// their other ends, as graph.LinkReader documents, in one statement. It
// returns ErrInvalid when NodeIDs is empty or a type or direction is
// unknown, and ErrUnavailable when the server cannot be reached.
func (s *Store) Links(ctx context.Context, f graph.RelationFilter) (map[string][]graph.Link, error) {
	if len(f.NodeIDs) == 0 {
		return nil, fmt.Errorf("neo4j: links: %w: no node IDs", graph.ErrInvalid)
	}
	pattern, err := linkPattern("x", f.Direction, f.Types)
	if err != nil {
		return nil, fmt.Errorf("neo4j: links: %w", err)
	}
	q := byLabel("x", graph.Labels, "x.id IN $ids") + " MATCH " + pattern +
		" RETURN x.id, collect([" + relProj("r") + ", " + nodeProj("m") + "])"
	return readStatement(ctx, s, "links", q, map[string]any{"ids": f.NodeIDs}, func(recs []*neo4j.Record) (map[string][]graph.Link, error) {
		out := make(map[string][]graph.Link, len(recs))
		for _, rec := range recs {
			id, _ := rec.Values[0].(string)
			ls, err := toLinks(rec.Values[1])
			if err != nil {
				return nil, err
			}
			if len(ls) > 0 {
				out[id] = append(out[id], ls...)
			}
		}
		return out, nil
	})
}

// coMatch binds, for node n, each co-participant q and the IDs of the
// events they share, evs.
const coMatch = `MATCH (n)-[:CHAIRED|ATTENDED]->(e)<-[:CHAIRED|ATTENDED]-(q)
	WHERE q <> n
	WITH n, q, collect(DISTINCT e.id) AS evs`

// coProj projects a co-participant q and its shared events' IDs evs.
var coProj = "[" + nodeProj("q") + ", evs]"

// coEvents is a subquery projecting every event of node n, once each: the
// co-participants name them by ID.
var coEvents = `CALL {
	WITH n
	MATCH (n)-[:CHAIRED|ATTENDED]->(e)
	WITH DISTINCT e
	RETURN collect(` + nodeProj("e") + `) AS coev
}`

// CoParticipants returns, for each of ids, its co-participants with the
// shared events, as graph.CoParticipantReader documents, in one statement.
// It returns ErrUnavailable when the server cannot be reached.
func (s *Store) CoParticipants(ctx context.Context, ids []string) (map[string][]graph.CoParticipation, error) {
	if len(ids) == 0 {
		if err := s.begin(ctx); err != nil {
			return nil, fmt.Errorf("neo4j: co-participants: %w", err)
		}
		return map[string][]graph.CoParticipation{}, nil
	}
	q := byLabel("n", graph.Labels, "n.id IN $ids") + " CALL { WITH n " + coMatch + " RETURN collect(" + coProj + ") AS co } " +
		coEvents + " RETURN n.id, co, coev"
	return readStatement(ctx, s, "co-participants", q, map[string]any{"ids": ids}, func(recs []*neo4j.Record) (map[string][]graph.CoParticipation, error) {
		out := make(map[string][]graph.CoParticipation, len(recs))
		for _, rec := range recs {
			id, _ := rec.Values[0].(string)
			if cs := toCoParticipations(rec.Values[1], rec.Values[2], false); len(cs) > 0 {
				out[id] = append(out[id], cs...)
			}
		}
		return out, nil
	})
}

// ReadNode answers r in one statement: the node, then one subquery for
// each list of links and one for the co-participants. Every node matching
// a name is answered, and the one whose ID sorts first (in Go's order)
// kept. It returns ErrInvalid for a request without ID or name or with a
// bad label, type or direction, and ErrUnavailable when the server cannot
// be reached.
func (s *Store) ReadNode(ctx context.Context, r graph.NodeRead) (*graph.NodeAnswer, error) {
	return s.readNode(ctx, r, false)
}

// ReadNodeOutline answers r as ReadNode in outline (see
// graph.NodeOutlineReader): the statement reads no evidence records and
// does not project the shared events, which cost most of a person's events
// and co-participants. Its errors are ReadNode's.
func (s *Store) ReadNodeOutline(ctx context.Context, r graph.NodeRead) (*graph.NodeAnswer, error) {
	return s.readNode(ctx, r, true)
}

func (s *Store) readNode(ctx context.Context, r graph.NodeRead, outline bool) (*graph.NodeAnswer, error) {
	relP := relProj
	if outline {
		_, relP = projections(true)
	}
	labels := graph.Labels
	if r.Label != "" {
		if !r.Label.Valid() {
			return nil, fmt.Errorf("neo4j: read node: %w: label %q", graph.ErrInvalid, r.Label)
		}
		labels = []graph.Label{r.Label}
	}
	var q string
	params := map[string]any{}
	switch {
	case r.ID != "":
		q = byLabel("n", labels, "n.id = $id")
		params["id"] = r.ID
	case r.Name != "":
		q = byName("n", labels)
		params["name"] = r.Name
	default:
		return nil, fmt.Errorf("neo4j: read node: %w: neither ID nor name", graph.ErrInvalid)
	}
	ret := " RETURN " + nodeProj("n")
	for i, f := range r.Links {
		pattern, err := linkPattern("n", f.Direction, f.Types)
		if err != nil {
			return nil, fmt.Errorf("neo4j: read node: %w", err)
		}
		q += fmt.Sprintf(" CALL { WITH n MATCH %s RETURN collect([%s, %s]) AS l%d }", pattern, relP("r"), nodeProj("m"), i)
		ret += fmt.Sprintf(", l%d", i)
	}
	switch {
	case r.CoParticipants && outline:
		q += " CALL { WITH n " + coMatch + " RETURN collect(" + coProj + ") AS co }"
		ret += ", co"
	case r.CoParticipants:
		q += " CALL { WITH n " + coMatch + " RETURN collect(" + coProj + ") AS co } " + coEvents
		ret += ", co, coev"
	}
	op := "read node " + r.ID + r.Name
	return readStatement(ctx, s, op, q+ret, params, func(recs []*neo4j.Record) (*graph.NodeAnswer, error) {
		var best *neo4j.Record
		var bestNode *graph.Node
		for _, rec := range recs {
			n := toNode(rec.Values[0])
			if bestNode == nil || n.ID < bestNode.ID {
				best, bestNode = rec, n
			}
		}
		a := &graph.NodeAnswer{}
		if best == nil {
			return a, nil
		}
		a.Node = bestNode
		for i := range r.Links {
			ls, err := toLinks(best.Values[1+i])
			if err != nil {
				return nil, err
			}
			a.Links = append(a.Links, ls)
		}
		switch {
		case r.CoParticipants && outline:
			a.CoParticipants = toCoParticipations(best.Values[1+len(r.Links)], nil, true)
		case r.CoParticipants:
			a.CoParticipants = toCoParticipations(best.Values[1+len(r.Links)], best.Values[2+len(r.Links)], false)
		}
		return a, nil
	})
}

// toLinks converts a list of [relProj, nodeProj] pairs, each relation
// once.
func toLinks(v any) ([]graph.Link, error) {
	list, _ := v.([]any)
	out := make([]graph.Link, 0, len(list))
	seen := make(map[string]bool, len(list))
	for _, x := range list {
		pair, _ := x.([]any)
		if len(pair) != 2 || pair[0] == nil || pair[1] == nil {
			continue
		}
		r, err := toRelation(pair[0])
		if err != nil {
			return nil, err
		}
		if seen[r.ID] {
			continue
		}
		seen[r.ID] = true
		out = append(out, graph.Link{Relation: r, Node: toNode(pair[1])})
	}
	return out, nil
}

// toCoParticipations converts a list of coProj pairs, finding their
// events among the projections of coEvents; with outline, the events are
// their IDs alone (an outline read projects none).
func toCoParticipations(v, events any, outline bool) []graph.CoParticipation {
	evList, _ := events.([]any)
	byID := make(map[string]*graph.Node, len(evList))
	for _, e := range evList {
		n := toNode(e)
		byID[n.ID] = n
	}
	list, _ := v.([]any)
	out := make([]graph.CoParticipation, 0, len(list))
	for _, x := range list {
		pair, _ := x.([]any)
		if len(pair) != 2 || pair[0] == nil {
			continue
		}
		c := graph.CoParticipation{Person: toNode(pair[0])}
		for _, id := range strings_(pair[1]) {
			switch e := byID[id]; {
			case outline:
				c.Events = append(c.Events, &graph.Node{ID: id})
			case e != nil:
				c.Events = append(c.Events, e)
			}
		}
		out = append(out, c)
	}
	return out
}
