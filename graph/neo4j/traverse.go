package neo4j

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgproject/kg/graph"
)

// stepsPerQuery is how many breadth-first steps one Cypher query takes:
// variable-length bounds cannot be parameters, so the steps are written out
// in the query text, and deeper walks continue in further queries from
// where the last one stopped.
const stepsPerQuery = 16

// Neighbourhood returns the nodes within opts.Depth hops of id and the
// relations followed among them, as graph.Store documents. Cypher walks
// breadth-first on the server, a layer a step, and stops once opts.Limit
// nodes are reached. Up to stepsPerQuery hops, one statement walks, cuts
// to opts.Limit nodes and fetches the relations among those kept (see
// neighbourhoodOnce); deeper walks, and cuts the server might order
// otherwise than graph, take several queries in one transaction, the last
// fetching the relations among the kept nodes. It returns ErrNotFound when
// id does not exist, ErrInvalid for bad options and ErrUnavailable when the
// server cannot be reached.
func (s *Store) Neighbourhood(ctx context.Context, id string, opts graph.TraversalOptions) (*graph.Subgraph, error) {
	return s.neighbourhood(ctx, id, opts, false)
}

// NeighbourhoodOutline answers as Neighbourhood in outline (see
// graph.OutlineReader): article texts and evidence stay on the server.
func (s *Store) NeighbourhoodOutline(ctx context.Context, id string, opts graph.TraversalOptions) (*graph.Subgraph, error) {
	return s.neighbourhood(ctx, id, opts, true)
}

func (s *Store) neighbourhood(ctx context.Context, id string, opts graph.TraversalOptions, outline bool) (*graph.Subgraph, error) {
	op := "neighbourhood of " + id
	types, err := checkTraversal(&opts)
	if err != nil {
		return nil, fmt.Errorf("neo4j: %s: %w", op, err)
	}
	depth := opts.Depth
	if depth == 0 {
		depth = 1
	}
	if depth <= stepsPerQuery {
		sub, err := neighbourhoodOnce(ctx, s, op, id, types, depth, opts.Limit, outline)
		if err == nil || !errors.Is(err, errAmbiguousOrder) {
			return sub, err
		}
	}
	sub, err := read(ctx, s, op, func(tx neo4j.ManagedTransaction) (*graph.Subgraph, error) {
		start, err := nodesByID(ctx, tx, []string{id})
		if err != nil {
			return nil, err
		}
		if start[id] == nil {
			return nil, errKG{fmt.Errorf("%w: node %s", graph.ErrNotFound, id)}
		}
		layers := [][]string{{id}}
		seen := []string{id}
		for len(layers) <= depth {
			last := layers[len(layers)-1]
			if len(last) == 0 || (opts.Limit > 0 && len(seen) >= opts.Limit) {
				break
			}
			steps := min(depth+1-len(layers), stepsPerQuery)
			recs, err := run(ctx, tx, walkQuery(types, steps), map[string]any{
				"seen": seen, "frontier": last, "limit": opts.Limit,
			})
			if err != nil {
				return nil, err
			}
			if len(recs) == 0 {
				break
			}
			for _, l := range recs[0].Values[0].([]any) {
				ids := strings_(l)
				sort.Strings(ids)
				layers = append(layers, ids)
				seen = append(seen, ids...)
			}
		}
		var order []string // kept nodes, by (distance, ID)
		var walked []string
		for d, l := range layers {
			for _, n := range l {
				if opts.Limit > 0 && len(order) >= opts.Limit {
					break
				}
				order = append(order, n)
				if d < depth {
					walked = append(walked, n)
				}
			}
		}
		nodes, err := nodesByID(ctx, tx, order)
		if err != nil {
			return nil, err
		}
		sub := &graph.Subgraph{Nodes: make([]*graph.Node, 0, len(order))}
		for _, n := range order {
			if nodes[n] == nil {
				return nil, errKG{fmt.Errorf("node %s vanished during the walk", n)}
			}
			sub.Nodes = append(sub.Nodes, nodes[n])
		}
		recs, err := run(ctx, tx, byLabel("u", graph.Labels, "u.id IN $walked")+`
			MATCH (u)-[r`+types+`]-(v)
			WHERE v.id IN $kept
			RETURN DISTINCT `+relProj("r"), map[string]any{"walked": walked, "kept": order})
		if err != nil {
			return nil, err
		}
		sub.Relations, err = toRelations(recs, 0)
		return sub, err
	})
	if err == nil && outline {
		graph.Outline(sub)
	}
	return sub, err
}

// errAmbiguousOrder reports that the server's order of some IDs may not be
// graph's (bytes of UTF-8), so the answer must be ordered in Go; it is
// returned as errKG{errAmbiguousOrder}.
var errAmbiguousOrder = errors.New("IDs the server may order otherwise")

// supplementary matches a string holding a character beyond U+FFFF, the
// only ones whose order may differ between UTF-16 and UTF-8 collations.
const supplementary = `.*[\x{10000}-\x{10FFFF}].*`

// neighbourhoodOnce answers a neighbourhood of at most stepsPerQuery hops
// in one statement: the walk (as walkQuery), the cut to limit nodes by
// (distance, ID) and the relations among the kept nodes. The server orders
// the IDs of the layer that limit cuts; should one of them hold a
// character beyond U+FFFF, where servers that collate by UTF-16 differ from
// graph's order, it returns errAmbiguousOrder and orders nothing.
func neighbourhoodOnce(ctx context.Context, s *Store, op, id, types string, depth, limit int, outline bool) (*graph.Subgraph, error) {
	params := map[string]any{"id": id, "limit": limit, "depth": depth, "supplementary": supplementary}
	return readStatement(ctx, s, op, neighbourhoodQuery(types, depth, outline), params, func(recs []*neo4j.Record) (*graph.Subgraph, error) {
		return toNeighbourhood(recs, id)
	})
}

// toNeighbourhood reads the answer of neighbourhoodQuery.
func toNeighbourhood(recs []*neo4j.Record, id string) (*graph.Subgraph, error) {
	if len(recs) == 0 {
		return nil, errKG{fmt.Errorf("%w: node %s", graph.ErrNotFound, id)}
	}
	rec := recs[0]
	if amb, _ := rec.Values[2].(bool); amb {
		return nil, errKG{errAmbiguousOrder}
	}
	kept, _ := rec.Values[0].([]any)
	dists, _ := rec.Values[3].([]any)
	if len(dists) != len(kept) {
		return nil, errKG{fmt.Errorf("neighbourhood of %s: %d nodes but %d distances", id, len(kept), len(dists))}
	}
	sub := &graph.Subgraph{Nodes: make([]*graph.Node, 0, len(kept))}
	dist := make(map[*graph.Node]int64, len(kept))
	for i, v := range kept {
		n := toNode(v)
		dist[n], _ = dists[i].(int64)
		sub.Nodes = append(sub.Nodes, n)
	}
	// Ordered again in Go: a server collating by UTF-16 orders IDs with
	// characters beyond U+FFFF otherwise.
	sort.SliceStable(sub.Nodes, func(i, j int) bool {
		a, b := sub.Nodes[i], sub.Nodes[j]
		if dist[a] != dist[b] {
			return dist[a] < dist[b]
		}
		return a.ID < b.ID
	})
	var err error
	sub.Relations, err = toRelationList(rec.Values[1])
	return sub, err
}

// neighbourhoodQuery returns the statement of neighbourhoodOnce.
func neighbourhoodQuery(types string, depth int, outline bool) string {
	nodeP, relP := projections(outline)
	var q strings.Builder
	q.WriteString(byLabel("s", graph.Labels, "s.id = $id") + " WITH s LIMIT 1 WITH [s] AS seen, [s] AS frontier, [[s]] AS layers")
	for i := 0; i < depth; i++ {
		bfsStep(&q, types, "next")
	}
	fmt.Fprintf(&q, `
		CALL {
			WITH layers
			UNWIND range(0, size(layers) - 1) AS d
			UNWIND layers[d] AS n
			WITH d, n ORDER BY d, n.id
			LIMIT CASE WHEN $limit = 0 THEN 9223372036854775807 ELSE $limit END
			RETURN collect(n) AS kept, collect(d) AS dists, collect(CASE WHEN d < $depth THEN n END) AS walked,
				max(d) AS lastD, count(n) AS kc
		}
		WITH layers, kept, dists, walked,
			reduce(t = 0, l IN layers[0..lastD + 1] | t + size(l)) > kc AND
			any(x IN layers[lastD] WHERE x.id =~ $supplementary) AS ambiguous
		CALL {
			WITH kept, walked
			UNWIND walked AS u
			MATCH (u)-[r%s]-(v)
			WHERE v IN kept
			WITH DISTINCT r
			RETURN collect(%s) AS rels
		}
		RETURN [n IN kept | %s] AS nodes, rels, ambiguous, dists`, types, relP("r"), nodeP("n"))
	return q.String()
}

// walkQuery returns a query that takes steps breadth-first steps from the
// nodes with IDs $frontier, never revisiting those with IDs $seen, and
// returns the IDs of each new layer. Once $limit nodes (0: no limit) are
// seen it stops: no node further out could be kept.
func walkQuery(types string, steps int) string {
	var q strings.Builder
	q.WriteString(byLabel("n", graph.Labels, "n.id IN $seen") + " WITH collect(n) AS seen ")
	q.WriteString(byLabel("f", graph.Labels, "f.id IN $frontier") + " WITH seen, collect(f) AS frontier, [] AS layers")
	for i := 0; i < steps; i++ {
		bfsStep(&q, types, "[v IN next | v.id]")
	}
	q.WriteString(" RETURN layers")
	return q.String()
}

// ShortestPath returns the shortest path from one node to another as
// graph.Store documents. Cypher's allShortestPaths finds the shortest
// paths on the server, which sorts them by their node IDs and then their
// relation IDs and returns the first, in one statement (see
// shortestPathOnce); past pathsCap paths a second statement walks
// greedily instead (see shortestPathGreedy); should the server's order of
// the IDs be in doubt, every path's IDs come back and Go picks the first.
// It returns ErrNotFound when either
// node is missing or no path of at most opts.Depth hops exists, ErrInvalid
// for bad options and ErrUnavailable when the server cannot be reached.
func (s *Store) ShortestPath(ctx context.Context, from, to string, opts graph.TraversalOptions) (*graph.Subgraph, error) {
	return s.shortestPath(ctx, from, to, opts, false)
}

// ShortestPathOutline answers as ShortestPath in outline (see
// graph.OutlineReader).
func (s *Store) ShortestPathOutline(ctx context.Context, from, to string, opts graph.TraversalOptions) (*graph.Subgraph, error) {
	return s.shortestPath(ctx, from, to, opts, true)
}

func (s *Store) shortestPath(ctx context.Context, from, to string, opts graph.TraversalOptions, outline bool) (*graph.Subgraph, error) {
	op := "shortest path " + from + " to " + to
	types, err := checkTraversal(&opts)
	if err != nil {
		return nil, fmt.Errorf("neo4j: %s: %w", op, err)
	}
	hops := "*"
	if opts.Depth > 0 {
		hops = fmt.Sprintf("*..%d", opts.Depth)
	}
	q := byLabel("a", graph.Labels, "a.id = $from") + " WITH a LIMIT 1 " +
		byLabel("b", graph.Labels, "b.id = $to") + ` WITH a, b LIMIT 1
		MATCH p = allShortestPaths((a)-[` + types + hops + `]-(b))
		RETURN [n IN nodes(p) | n.id] AS ids, [r IN relationships(p) | r.id] AS rels,
			[r IN relationships(p) | elementId(r)] AS eids`
	if from != to {
		sub, err := shortestPathOnce(ctx, s, op, from, to, types, hops, opts.Depth, outline)
		if errors.Is(err, errManyPaths) {
			sub, err = shortestPathGreedy(ctx, s, op, from, to, types, opts.Depth, outline)
		}
		if err == nil || !errors.Is(err, errAmbiguousOrder) {
			return sub, err
		}
	}
	sub, err := read(ctx, s, op, func(tx neo4j.ManagedTransaction) (*graph.Subgraph, error) {
		ends, err := nodesByID(ctx, tx, []string{from, to})
		if err != nil {
			return nil, err
		}
		for _, id := range []string{from, to} {
			if ends[id] == nil {
				return nil, errKG{fmt.Errorf("%w: node %s", graph.ErrNotFound, id)}
			}
		}
		if from == to {
			return &graph.Subgraph{Nodes: []*graph.Node{ends[from]}, Relations: []*graph.Relation{}}, nil
		}
		recs, err := run(ctx, tx, q, map[string]any{"from": from, "to": to})
		if err != nil {
			return nil, err
		}
		if len(recs) == 0 {
			return nil, errKG{fmt.Errorf("%w: no path of at most %d hops", graph.ErrNotFound, opts.Depth)}
		}
		// Neo4j orders strings by UTF-16 code units, graph by bytes of
		// UTF-8: the tie-break is made here.
		var best, bestRels, bestEIDs []string
		for _, rec := range recs {
			ids, rels := strings_(rec.Values[0]), strings_(rec.Values[1])
			c := slices.Compare(ids, best)
			if best == nil || c < 0 || (c == 0 && slices.Compare(rels, bestRels) < 0) {
				best, bestRels, bestEIDs = ids, rels, strings_(rec.Values[2])
			}
		}
		nodes, err := nodesByID(ctx, tx, best)
		if err != nil {
			return nil, err
		}
		sub := &graph.Subgraph{}
		for _, id := range best {
			if nodes[id] == nil {
				return nil, errKG{fmt.Errorf("node %s vanished", id)}
			}
			sub.Nodes = append(sub.Nodes, nodes[id])
		}
		recs, err = run(ctx, tx, `UNWIND $eids AS eid MATCH ()-[r]->() WHERE elementId(r) = eid RETURN `+relProj("r"), map[string]any{"eids": bestEIDs})
		if err != nil {
			return nil, err
		}
		rels, err := toRelations(recs, 0)
		if err != nil {
			return nil, err
		}
		byID := map[string]*graph.Relation{}
		for _, r := range rels {
			byID[r.ID] = r
		}
		for _, id := range bestRels {
			if byID[id] == nil {
				return nil, errKG{fmt.Errorf("relation %s vanished", id)}
			}
			sub.Relations = append(sub.Relations, byID[id])
		}
		return sub, nil
	})
	if err == nil && outline {
		graph.Outline(sub)
	}
	return sub, err
}

// shortestPathOnce answers a shortest path between two distinct nodes in
// one statement: allShortestPaths, ordered on the server by node IDs, then
// relation IDs. Should a node of those paths have an ID holding a
// character beyond U+FFFF, which servers collating by UTF-16 order
// otherwise than graph, it returns errAmbiguousOrder. It returns
// ErrNotFound when either node is missing or no path exists.
func shortestPathOnce(ctx context.Context, s *Store, op, from, to, types, hops string, depth int, outline bool) (*graph.Subgraph, error) {
	nodeP, relP := projections(outline)
	limit := ""
	if depth > 0 && depth <= maxGreedyHops {
		limit = " WITH p LIMIT $cap"
	}
	q := byLabel("a", graph.Labels, "a.id = $from") + " WITH a LIMIT 1 " +
		byLabel("b", graph.Labels, "b.id = $to") + ` WITH a, b LIMIT 1
		MATCH p = allShortestPaths((a)-[` + types + hops + `]-(b))` + limit + `
		WITH collect(p) AS ps
		CALL {
			WITH ps
			UNWIND ps AS p
			UNWIND nodes(p) AS n
			WITH DISTINCT n
			RETURN any(x IN collect(n.id) WHERE x =~ $supplementary) AS ambiguous
		}
		UNWIND ps AS p
		WITH ambiguous, size(ps) AS found, p ORDER BY [n IN nodes(p) | n.id], [r IN relationships(p) | r.id] LIMIT 1
		RETURN ambiguous, [n IN nodes(p) | ` + nodeP("n") + `], [r IN relationships(p) | ` + relP("r") + `], found`
	params := map[string]any{"from": from, "to": to, "supplementary": supplementary, "cap": pathsCap}
	return readStatement(ctx, s, op, q, params, func(recs []*neo4j.Record) (*graph.Subgraph, error) {
		if len(recs) == 0 {
			return nil, errKG{fmt.Errorf("%w: no node %s or %s, or no path between them", graph.ErrNotFound, from, to)}
		}
		if found, _ := recs[0].Values[3].(int64); limit != "" && found >= pathsCap {
			return nil, errKG{errManyPaths}
		}
		return toPath(recs[0])
	})
}

// pathsCap is how many shortest paths shortestPathOnce enumerates (a
// variable for the tests): between
// two people of a news graph there can be tens of thousands (through every
// article and body they share), and past this many shortestPathGreedy
// finds the first without enumerating them.
var pathsCap int64 = 256

// maxGreedyHops bounds the paths shortestPathGreedy finds: its statement
// has a subquery a hop.
const maxGreedyHops = 16

// errManyPaths reports that shortestPathOnce found pathsCap paths or more;
// it is returned as errKG{errManyPaths}.
var errManyPaths = errors.New("too many shortest paths to enumerate")

// shortestPathGreedy answers a shortest path of at most depth hops
// (1..maxGreedyHops) between two distinct nodes in one statement without
// enumerating the shortest paths: shortestPath gives their length L, then
// from the start each step takes the neighbour with the smallest ID that
// is L-i-1 hops from the end (another shortestPath tells), which builds the
// shortest path whose node IDs sort first; between consecutive nodes the
// relation with the smallest ID is taken. The candidates of a step are
// tried in ID order and the first that fits ends the step. Should an ID
// next to the path hold a character beyond U+FFFF it returns
// errAmbiguousOrder, as shortestPathOnce.
func shortestPathGreedy(ctx context.Context, s *Store, op, from, to, types string, depth int, outline bool) (*graph.Subgraph, error) {
	nodeP, relP := projections(outline)
	var q strings.Builder
	q.WriteString(byLabel("a", graph.Labels, "a.id = $from") + " WITH a LIMIT 1 " +
		byLabel("b", graph.Labels, "b.id = $to") + " WITH a, b LIMIT 1")
	fmt.Fprintf(&q, `
		MATCH p0 = shortestPath((a)-[%s*..%d]-(b))
		WITH a, b, length(p0) AS L, [a] AS path`, types, depth)
	for i := 0; i < depth; i++ {
		if k := depth - 1 - i; k >= 1 {
			fmt.Fprintf(&q, `
		CALL {
			WITH b, L, path
			WITH b, L, path, last(path) AS cur
			WHERE size(path) < L
			MATCH (cur)-[%[1]s]-(v)
			WHERE v <> b AND NOT v IN path
			WITH DISTINCT b, L, path, v
			ORDER BY v.id
			CALL { WITH v, b MATCH q = shortestPath((v)-[%[1]s*..%[2]d]-(b)) RETURN length(q) AS dv }
			WITH v, dv, L, path
			WHERE dv = L - size(path)
			WITH v LIMIT 1
			RETURN collect(v) AS nx
		}
		WITH a, b, L, CASE WHEN size(path) = L THEN path + [b] ELSE path + nx END AS path`, types, k)
		} else {
			q.WriteString(`
		WITH a, b, L, CASE WHEN size(path) = L THEN path + [b] ELSE path END AS path`)
		}
	}
	fmt.Fprintf(&q, `
		CALL {
			WITH path
			UNWIND path AS x
			MATCH (x)-[%[1]s]-(v)
			RETURN any(id IN collect(DISTINCT v.id) WHERE id =~ $supplementary) AS ambiguous
		}
		CALL {
			WITH path
			UNWIND range(0, size(path) - 2) AS i
			CALL {
				WITH path, i
				WITH path[i] AS x, path[i + 1] AS y
				MATCH (x)-[r%[1]s]-(y)
				RETURN r ORDER BY r.id LIMIT 1
			}
			WITH i, r ORDER BY i
			RETURN collect(%[2]s) AS rels
		}
		RETURN ambiguous, [n IN path | %[3]s], rels, L`, types, relP("r"), nodeP("n"))
	params := map[string]any{"from": from, "to": to, "supplementary": supplementary}
	return readStatement(ctx, s, op, q.String(), params, func(recs []*neo4j.Record) (*graph.Subgraph, error) {
		if len(recs) == 0 {
			return nil, errKG{fmt.Errorf("%w: no node %s or %s, or no path between them", graph.ErrNotFound, from, to)}
		}
		sub, err := toPath(recs[0])
		if err != nil {
			return nil, err
		}
		if l, _ := recs[0].Values[3].(int64); len(sub.Nodes) != int(l)+1 || len(sub.Relations) != int(l) || sub.Nodes[len(sub.Nodes)-1].ID != to {
			return nil, errKG{fmt.Errorf("the graph changed during the walk")}
		}
		return sub, nil
	})
}

// toPath reads the answer of shortestPathOnce's statement.
func toPath(rec *neo4j.Record) (*graph.Subgraph, error) {
	if amb, _ := rec.Values[0].(bool); amb {
		return nil, errKG{errAmbiguousOrder}
	}
	sub := &graph.Subgraph{}
	nodes, _ := rec.Values[1].([]any)
	for _, v := range nodes {
		sub.Nodes = append(sub.Nodes, toNode(v))
	}
	rels, _ := rec.Values[2].([]any)
	for _, v := range rels {
		r, err := toRelation(v)
		if err != nil {
			return nil, err
		}
		sub.Relations = append(sub.Relations, r)
	}
	return sub, nil
}

// projections returns the node and relation projections of a traversal's
// answer: nodeProj and relProj, or in outline only what graph.Outline
// keeps.
func projections(outline bool) (node, rel func(v string) string) {
	if !outline {
		return nodeProj, relProj
	}
	return func(v string) string {
			return fmt.Sprintf(`%[1]s {.id, .name, label: head(labels(%[1]s))}`, v)
		}, func(v string) string {
			return fmt.Sprintf(`%[1]s {.id, .role, type: type(%[1]s), from: startNode(%[1]s).id, to: endNode(%[1]s).id}`, v)
		}
}

// checkTraversal validates opts and returns the relationship pattern part
// for its types (":HOLDS|OF" or "").
func checkTraversal(opts *graph.TraversalOptions) (string, error) {
	if opts.Depth < 0 {
		return "", fmt.Errorf("%w: negative depth %d", graph.ErrInvalid, opts.Depth)
	}
	if opts.Limit < 0 {
		return "", fmt.Errorf("%w: negative limit %d", graph.ErrInvalid, opts.Limit)
	}
	return typePattern(opts.Types)
}

// strings_ converts a list value of strings.
func strings_(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// bfsStep appends to q one breadth-first step over relationships of types
// (a pattern such as ":HOLDS|CHAIRED", or empty): the nodes next to
// frontier not yet in seen, unless $limit nodes (0: no limit) are seen
// already; layer says what of the step's nodes, next, is added to layers.
func bfsStep(q *strings.Builder, types, layer string) {
	fmt.Fprintf(q, `
			CALL {
				WITH seen, frontier
				UNWIND CASE WHEN $limit = 0 OR size(seen) < $limit THEN frontier ELSE [] END AS u
				MATCH (u)-[%s]-(v)
				WHERE NOT v IN seen
				RETURN collect(DISTINCT v) AS next
			}
			WITH seen + next AS seen, next AS frontier, layers + [%s] AS layers`, types, layer)
}
