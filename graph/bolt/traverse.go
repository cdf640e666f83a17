package bolt

import (
	"bytes"
	"context"
	"fmt"
	"slices"

	bbolt "go.etcd.io/bbolt"

	"github.com/kgproject/kg/graph"
)

// reached is a node a traversal reached, its ID pointing into the
// database.
type reached struct {
	n  nid
	id []byte
}

func sortReached(xs []reached) {
	slices.SortFunc(xs, func(a, b reached) int { return bytes.Compare(a.id, b.id) })
}

// link is a relation a neighbourhood walk followed from node at, without
// pointers so that the many a walk follows cost the collector nothing; its
// role is an index into the walk's roles.
type link struct {
	at, other nid
	hash      relHash
	dir, typ  byte
	role      int32
}

// Neighbourhood returns the nodes within opts.Depth hops of id and the
// relations followed among them, as graph.Store documents: a breadth-first
// walk over the adjacency entries, which carry each relation's other end
// (number and ID) and role, so that only the nodes kept and the evidence
// of the relations kept are read. It returns an error wrapping
// graph.ErrNotFound when id does not exist and graph.ErrInvalid for bad
// options.
func (s *Store) Neighbourhood(ctx context.Context, id string, opts graph.TraversalOptions) (*graph.Subgraph, error) {
	return s.neighbourhood(ctx, id, opts, false)
}

// NeighbourhoodOutline answers as Neighbourhood with nodes of only ID,
// Label and Name and relations without evidence (graph.OutlineReader),
// reading neither article texts nor evidence.
func (s *Store) NeighbourhoodOutline(ctx context.Context, id string, opts graph.TraversalOptions) (*graph.Subgraph, error) {
	return s.neighbourhood(ctx, id, opts, true)
}

var _ graph.OutlineReader = (*Store)(nil)

// node reads node n in full, or in outline.
func (r *reader) nodeAs(n nid, outline bool) (*graph.Node, error) {
	if outline {
		return r.outlineNode(n)
	}
	return r.node(n)
}

func (s *Store) neighbourhood(ctx context.Context, id string, opts graph.TraversalOptions, outline bool) (*graph.Subgraph, error) {
	if err := checkTraversal(&opts); err != nil {
		return nil, fmt.Errorf("bolt: neighbourhood of %s: %w", id, err)
	}
	depth := opts.Depth
	if depth == 0 {
		depth = 1
	}
	sub := &graph.Subgraph{}
	err := s.view(ctx, "neighbourhood of "+id, func(tx *bbolt.Tx) error {
		r := newReader(tx)
		start, ok := r.nid(id)
		if !ok {
			return graph.ErrNotFound
		}
		dist := map[nid]int{start: 0}
		order := []reached{{start, []byte(id)}} // nodes in (distance, ID) order
		walked := make([]link, 0, 256)
		roles := map[string]int32{"": 0}
		roleNames := []string{""}
		layer := order
		for d := 0; d < depth && len(layer) > 0; d++ {
			if err := ctx.Err(); err != nil {
				return err
			}
			// Once the limit is reached, only the kept nodes of this layer
			// are walked, for the relations among kept nodes.
			full := opts.Limit > 0 && len(order) >= opts.Limit
			if full {
				layer = keptOf(layer, order[:opts.Limit])
			}
			var next []reached
			for _, u := range layer {
				err := r.edges(u.n, graph.Both, opts.Types, func(e *edge) error {
					role, ok := roles[string(e.role)]
					if !ok {
						role = int32(len(roleNames))
						roles[string(e.role)] = role
						roleNames = append(roleNames, string(e.role))
					}
					walked = append(walked, link{at: u.n, other: e.other, hash: e.hash, dir: e.dir, typ: e.typ, role: role})
					if _, ok := dist[e.other]; !ok {
						dist[e.other] = d + 1
						next = append(next, reached{e.other, e.otherID})
					}
					return nil
				})
				if err != nil {
					return err
				}
			}
			if full {
				break
			}
			sortReached(next)
			order = append(order, next...)
			layer = next
		}
		if opts.Limit > 0 && len(order) > opts.Limit {
			order = order[:opts.Limit]
		}
		keep := make(map[nid]string, len(order))
		for _, n := range order {
			keep[n.n] = string(n.id)
		}
		var rels []link
		for _, l := range walked {
			_, a := keep[l.at]
			_, b := keep[l.other]
			if a && b {
				rels = append(rels, l)
			}
		}
		slices.SortFunc(rels, func(a, b link) int { return bytes.Compare(a.hash[:], b.hash[:]) })
		sub.Nodes = make([]*graph.Node, 0, len(order))
		for _, n := range order {
			node, err := r.nodeAs(n.n, outline)
			if err != nil {
				return err
			}
			if node == nil {
				return fmt.Errorf("node %s indexed but missing", n.id)
			}
			sub.Nodes = append(sub.Nodes, node)
		}
		ats := make([]at, 0, len(rels))
		for i, l := range rels {
			if i > 0 && l.hash == rels[i-1].hash {
				continue
			}
			other := keep[l.other]
			e := edge{dir: l.dir, typ: l.typ, hash: l.hash, other: l.other, role: []byte(roleNames[l.role]), otherID: []byte(other)}
			ats = append(ats, at{l.at, keep[l.at], e})
		}
		var err error
		sub.Relations, err = r.relations(ats, !outline)
		return err
	})
	if err != nil {
		return nil, err
	}
	return sub, nil
}

// keptOf returns the nodes of layer that are among keep.
func keptOf(layer, keep []reached) []reached {
	in := make(map[nid]bool, len(keep))
	for _, k := range keep {
		in[k.n] = true
	}
	var out []reached
	for _, n := range layer {
		if in[n.n] {
			out = append(out, n)
		}
	}
	return out
}

// ShortestPath returns the shortest path from one node to another as
// graph.Store documents. It walks breadth-first from both ends, a layer of
// the smaller frontier at a time, until the walks meet; then, from the
// source, it takes at each step the neighbour with the smallest ID that
// lies on a shortest path, which yields the path whose node-ID sequence
// sorts first. It returns an error wrapping graph.ErrNotFound when either
// node is missing or no path of at most opts.Depth hops exists, and
// graph.ErrInvalid for bad options.
func (s *Store) ShortestPath(ctx context.Context, from, to string, opts graph.TraversalOptions) (*graph.Subgraph, error) {
	return s.shortestPath(ctx, from, to, opts, false)
}

// ShortestPathOutline answers as ShortestPath in outline, as
// NeighbourhoodOutline (graph.OutlineReader).
func (s *Store) ShortestPathOutline(ctx context.Context, from, to string, opts graph.TraversalOptions) (*graph.Subgraph, error) {
	return s.shortestPath(ctx, from, to, opts, true)
}

func (s *Store) shortestPath(ctx context.Context, from, to string, opts graph.TraversalOptions, outline bool) (*graph.Subgraph, error) {
	op := "shortest path " + from + " to " + to
	if err := checkTraversal(&opts); err != nil {
		return nil, fmt.Errorf("bolt: %s: %w", op, err)
	}
	sub := &graph.Subgraph{}
	err := s.view(ctx, op, func(tx *bbolt.Tx) error {
		r := newReader(tx)
		var ends [2]nid
		for i, id := range []string{from, to} {
			n, ok := r.nid(id)
			if !ok {
				return fmt.Errorf("%w: node %s", graph.ErrNotFound, id)
			}
			ends[i] = n
		}
		if from == to {
			n, err := r.nodeAs(ends[0], outline)
			if err != nil {
				return err
			}
			sub.Nodes = []*graph.Node{n}
			return nil
		}
		w := &pathWalk{r: r, types: opts.Types}
		d, err := w.meet(ctx, reached{ends[0], []byte(from)}, reached{ends[1], []byte(to)}, opts.Depth)
		if err != nil {
			return err
		}
		path, rels, err := w.trace(d)
		if err != nil {
			return err
		}
		for _, x := range path {
			n, err := r.nodeAs(x.n, outline)
			if err != nil {
				return err
			}
			if n == nil {
				return fmt.Errorf("node %s indexed but missing", x.id)
			}
			sub.Nodes = append(sub.Nodes, n)
		}
		ats := make([]at, len(rels))
		for i, e := range rels {
			ats[i] = at{path[i].n, string(path[i].id), e}
		}
		sub.Relations, err = r.relations(ats, !outline)
		return err
	})
	if err != nil {
		return nil, err
	}
	return sub, nil
}

// pathWalk is a breadth-first walk from both ends of a path: side 0 from
// the source, side 1 from the target.
type pathWalk struct {
	r      *reader
	types  []graph.RelType
	dist   [2]map[nid]int
	layers [2][][]reached
}

// meet walks until the two sides meet and returns the path's length.
func (w *pathWalk) meet(ctx context.Context, from, to reached, maxHops int) (int, error) {
	for side, x := range []reached{from, to} {
		w.dist[side] = map[nid]int{x.n: 0}
		w.layers[side] = [][]reached{{x}}
	}
	for {
		a, b := len(w.layers[0])-1, len(w.layers[1])-1
		if maxHops > 0 && a+b >= maxHops {
			return 0, fmt.Errorf("%w: no path of at most %d hops", graph.ErrNotFound, maxHops)
		}
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		side := 0
		if len(w.layers[1][b]) < len(w.layers[0][a]) {
			side = 1
		}
		level := len(w.layers[side])
		var next []reached
		for _, u := range w.layers[side][level-1] {
			err := w.r.edges(u.n, graph.Both, w.types, func(e *edge) error {
				if _, ok := w.dist[side][e.other]; !ok {
					w.dist[side][e.other] = level
					next = append(next, reached{e.other, e.otherID})
				}
				return nil
			})
			if err != nil {
				return 0, err
			}
		}
		if len(next) == 0 {
			return 0, fmt.Errorf("%w: no path", graph.ErrNotFound)
		}
		w.layers[side] = append(w.layers[side], next)
		best := -1
		for _, v := range next {
			if o, ok := w.dist[1-side][v.n]; ok && (best < 0 || level+o < best) {
				best = level + o
			}
		}
		if best >= 0 {
			return best, nil
		}
	}
}

// trace returns the path of length d whose node IDs sort first, and the
// relation with the smallest ID between each two of its nodes. A node at
// position i lies on a shortest path when its distance from the source is
// i and from the target d-i; where the target's walk did not reach that
// far, the nodes of the source's layers that lead to such nodes are worked
// out backwards first.
func (w *pathWalk) trace(d int) ([]reached, []edge, error) {
	b := len(w.layers[1]) - 1
	// good[i], for the positions i < d-b that the target's walk did not
	// reach, holds the nodes at distance i from the source on a shortest
	// path.
	good := map[int]map[nid]bool{}
	if p0 := d - b; p0 > 0 {
		set := map[nid]bool{}
		for _, v := range w.layers[0][p0] {
			if x, ok := w.dist[1][v.n]; ok && x == b {
				set[v.n] = true
			}
		}
		good[p0] = set
		for p := p0 - 1; p > 0; p-- {
			prev := map[nid]bool{}
			for v := range good[p+1] {
				err := w.r.edges(v, graph.Both, w.types, func(e *edge) error {
					if x, ok := w.dist[0][e.other]; ok && x == p {
						prev[e.other] = true
					}
					return nil
				})
				if err != nil {
					return nil, nil, err
				}
			}
			good[p] = prev
		}
	}
	onPath := func(v nid, i int) bool {
		if d-i <= b {
			x, ok := w.dist[1][v]
			return ok && x == d-i
		}
		return good[i][v]
	}
	cur := w.layers[0][0][0]
	path := []reached{cur}
	var rels []edge
	for i := 1; i <= d; i++ {
		var best reached
		var bestEdge edge
		found := false
		err := w.r.edges(cur.n, graph.Both, w.types, func(e *edge) error {
			if !onPath(e.other, i) {
				return nil
			}
			c := 1
			if found {
				if c = bytes.Compare(e.otherID, best.id); c == 0 && bytes.Compare(e.hash[:], bestEdge.hash[:]) < 0 {
					c = -1
				}
			}
			if !found || c < 0 {
				best, bestEdge, found = reached{e.other, e.otherID}, *e, true
			}
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
		if !found {
			return nil, nil, fmt.Errorf("path broken at step %d", i)
		}
		path = append(path, best)
		rels = append(rels, bestEdge)
		cur = best
	}
	return path, rels, nil
}

func checkTraversal(opts *graph.TraversalOptions) error {
	if opts.Depth < 0 {
		return fmt.Errorf("%w: negative depth %d", graph.ErrInvalid, opts.Depth)
	}
	if opts.Limit < 0 {
		return fmt.Errorf("%w: negative limit %d", graph.ErrInvalid, opts.Limit)
	}
	return checkTypes(opts.Types)
}
