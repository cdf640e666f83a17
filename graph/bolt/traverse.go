package bolt

import (
	"context"
	"fmt"
	"sort"

	bbolt "go.etcd.io/bbolt"

	"github.com/kgproject/kg/graph"
)

// Neighbourhood returns the nodes within opts.Depth hops of id and the
// relations followed among them, as graph.Store documents: a breadth-first
// walk over the adjacency indexes. It returns an error wrapping
// graph.ErrNotFound when id does not exist and graph.ErrInvalid for bad
// options.
func (s *Store) Neighbourhood(ctx context.Context, id string, opts graph.TraversalOptions) (*graph.Subgraph, error) {
	if err := checkTraversal(&opts); err != nil {
		return nil, fmt.Errorf("bolt: neighbourhood of %s: %w", id, err)
	}
	depth := opts.Depth
	if depth == 0 {
		depth = 1
	}
	sub := &graph.Subgraph{}
	err := s.view(ctx, "neighbourhood of "+id, func(tx *bbolt.Tx) error {
		start, err := getNode(tx, id)
		if err != nil {
			return err
		}
		if start == nil {
			return graph.ErrNotFound
		}
		dist := map[string]int{id: 0}
		order := []string{id} // nodes in (distance, ID) order
		type ends struct{ a, b string }
		followed := map[string]ends{}
		layer := []string{id}
		for d := 0; d < depth && len(layer) > 0; d++ {
			if err := ctx.Err(); err != nil {
				return err
			}
			// Once the limit is reached, only the kept nodes of this layer
			// are walked, for the relations among kept nodes.
			full := opts.Limit > 0 && len(order) >= opts.Limit
			if full {
				layer = kept(layer, order[:opts.Limit])
			}
			var next []string
			for _, u := range layer {
				adjacent(tx, u, graph.Both, opts.Types, func(relID, v string) {
					followed[relID] = ends{u, v}
					if _, ok := dist[v]; !ok {
						dist[v] = d + 1
						next = append(next, v)
					}
				})
			}
			if full {
				break
			}
			sort.Strings(next)
			order = append(order, next...)
			layer = next
		}
		if opts.Limit > 0 && len(order) > opts.Limit {
			order = order[:opts.Limit]
		}
		keep := map[string]bool{}
		for _, n := range order {
			keep[n] = true
		}
		var relIDs []string
		for r, e := range followed {
			if keep[e.a] && keep[e.b] {
				relIDs = append(relIDs, r)
			}
		}
		sort.Strings(relIDs)
		for _, n := range order {
			node, err := getNode(tx, n)
			if err != nil {
				return err
			}
			if node == nil {
				return fmt.Errorf("node %s indexed but missing", n)
			}
			sub.Nodes = append(sub.Nodes, node)
		}
		sub.Relations, err = getRelations(tx, relIDs)
		return err
	})
	if err != nil {
		return nil, err
	}
	return sub, nil
}

// kept returns the nodes of layer that are among keep.
func kept(layer, keep []string) []string {
	in := map[string]bool{}
	for _, k := range keep {
		in[k] = true
	}
	var out []string
	for _, n := range layer {
		if in[n] {
			out = append(out, n)
		}
	}
	return out
}

// ShortestPath returns the shortest path from one node to another as
// graph.Store documents. It walks breadth-first from the target to learn
// every node's distance to it, then from the source takes at each step the
// neighbour with the smallest ID one step nearer, which yields the path
// whose node-ID sequence sorts first. It returns an error wrapping
// graph.ErrNotFound when either node is missing or no path of at most
// opts.Depth hops exists, and graph.ErrInvalid for bad options.
func (s *Store) ShortestPath(ctx context.Context, from, to string, opts graph.TraversalOptions) (*graph.Subgraph, error) {
	op := "shortest path " + from + " to " + to
	if err := checkTraversal(&opts); err != nil {
		return nil, fmt.Errorf("bolt: %s: %w", op, err)
	}
	sub := &graph.Subgraph{}
	err := s.view(ctx, op, func(tx *bbolt.Tx) error {
		for _, id := range []string{from, to} {
			n, err := getNode(tx, id)
			if err != nil {
				return err
			}
			if n == nil {
				return fmt.Errorf("%w: node %s", graph.ErrNotFound, id)
			}
		}
		dist := map[string]int{to: 0}
		layer := []string{to}
		for d := 0; dist[from] == 0 && from != to; d++ {
			if len(layer) == 0 {
				return fmt.Errorf("%w: no path", graph.ErrNotFound)
			}
			if opts.Depth > 0 && d >= opts.Depth {
				return fmt.Errorf("%w: no path of at most %d hops", graph.ErrNotFound, opts.Depth)
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			var next []string
			for _, u := range layer {
				adjacent(tx, u, graph.Both, opts.Types, func(_, v string) {
					if _, ok := dist[v]; !ok {
						dist[v] = d + 1
						next = append(next, v)
					}
				})
				// The walk needs only the distances below the source's,
				// all known once the source is reached.
				if _, ok := dist[from]; ok {
					break
				}
			}
			layer = next
		}
		path := []string{from}
		var relIDs []string
		for cur := from; cur != to; {
			var best, bestRel string
			adjacent(tx, cur, graph.Both, opts.Types, func(relID, v string) {
				if d, ok := dist[v]; !ok || d != dist[cur]-1 {
					return
				}
				if best == "" || v < best || (v == best && relID < bestRel) {
					best, bestRel = v, relID
				}
			})
			path = append(path, best)
			relIDs = append(relIDs, bestRel)
			cur = best
		}
		for _, id := range path {
			n, err := getNode(tx, id)
			if err != nil {
				return err
			}
			sub.Nodes = append(sub.Nodes, n)
		}
		var err error
		sub.Relations, err = getRelations(tx, relIDs)
		return err
	})
	if err != nil {
		return nil, err
	}
	return sub, nil
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
