package graphtest

import (
	"bytes"
	"slices"
	"sort"

	"github.com/kgproject/kg/graph"
)

// model is the reference the suite checks stores against: the graph that
// a sequence of PutArticle calls must produce, computed directly from the
// contract's rules (last facts per article win; nodes merged with
// graph.MergeNodes over the parts in article-ID order; a relation's
// evidence is the union of its articles' evidence).
type model struct {
	facts map[string]graph.ArticleFacts
}

func newModel(facts ...graph.ArticleFacts) *model {
	m := &model{facts: map[string]graph.ArticleFacts{}}
	for _, f := range facts {
		m.put(f)
	}
	return m
}

func (m *model) put(f graph.ArticleFacts) {
	c := clone(f)
	if err := c.Validate(); err != nil {
		panic("graphtest: model given invalid facts: " + err.Error())
	}
	m.facts[c.Article.ID] = c
}

func (m *model) delete(articleID string) { delete(m.facts, articleID) }

// graph returns the merged nodes and relations, ordered by ID.
func (m *model) graph() ([]*graph.Node, []*graph.Relation) {
	var ids []string
	for id := range m.facts {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	parts := map[string][]graph.Node{}
	rels := map[string]*graph.Relation{}
	for _, aid := range ids {
		f := m.facts[aid]
		// An article that lists a node more than once contributes the merge
		// of its listings, in the order given.
		own := map[string][]graph.Node{f.Article.ID: {f.Article}}
		var order []string
		order = append(order, f.Article.ID)
		for _, n := range f.Nodes {
			if _, ok := own[n.ID]; !ok {
				order = append(order, n.ID)
			}
			own[n.ID] = append(own[n.ID], n)
		}
		for _, id := range order {
			parts[id] = append(parts[id], graph.MergeNodes(own[id]))
		}
		for _, r := range f.Relations {
			x, ok := rels[r.ID]
			if !ok {
				c := r
				c.Evidence = nil
				x = &c
				rels[r.ID] = x
			}
			x.Evidence = append(x.Evidence, r.Evidence...)
		}
	}
	var nodes []*graph.Node
	for _, p := range parts {
		n := graph.MergeNodes(p)
		nodes = append(nodes, &n)
	}
	sort.Slice(nodes, func(i, j int) bool { return nodes[i].ID < nodes[j].ID })
	var out []*graph.Relation
	for _, r := range rels {
		r.Evidence = graph.SortEvidence(r.Evidence)
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return nodes, out
}

// dump returns the canonical dump of the model's graph.
func (m *model) dump() []byte {
	var buf bytes.Buffer
	w := graph.NewDumpWriter(&buf)
	nodes, rels := m.graph()
	for _, n := range nodes {
		if err := w.Node(n); err != nil {
			panic(err)
		}
	}
	for _, r := range rels {
		if err := w.Relation(r); err != nil {
			panic(err)
		}
	}
	return buf.Bytes()
}

// clone deep-copies facts so that Validate and stores cannot alias the
// caller's slices.
func clone(f graph.ArticleFacts) graph.ArticleFacts {
	c := graph.ArticleFacts{Article: cloneNode(f.Article)}
	for _, n := range f.Nodes {
		c.Nodes = append(c.Nodes, cloneNode(n))
	}
	for _, r := range f.Relations {
		r.Evidence = append([]graph.Evidence(nil), r.Evidence...)
		c.Relations = append(c.Relations, r)
	}
	return c
}

func cloneNode(n graph.Node) graph.Node {
	n.Aliases = append([]string(nil), n.Aliases...)
	return n
}

// view is the model's graph with an adjacency list, for reference answers.
type view struct {
	nodes map[string]*graph.Node
	rels  map[string]*graph.Relation
	order []*graph.Node // by ID
	adj   map[string][]*graph.Relation
}

func (m *model) view() *view {
	nodes, rels := m.graph()
	v := &view{nodes: map[string]*graph.Node{}, rels: map[string]*graph.Relation{}, order: nodes, adj: map[string][]*graph.Relation{}}
	for _, n := range nodes {
		v.nodes[n.ID] = n
	}
	for _, r := range rels {
		v.rels[r.ID] = r
		v.adj[r.From] = append(v.adj[r.From], r)
		if r.To != r.From {
			v.adj[r.To] = append(v.adj[r.To], r)
		}
	}
	return v
}

func other(r *graph.Relation, id string) string {
	if r.From == id {
		return r.To
	}
	return r.From
}

func allowed(types []graph.RelType, t graph.RelType) bool {
	if len(types) == 0 {
		return true
	}
	for _, x := range types {
		if x == t {
			return true
		}
	}
	return false
}

// distances returns every node's fewest hops from id over types.
func (v *view) distances(id string, types []graph.RelType) map[string]int {
	dist := map[string]int{id: 0}
	for layer := []string{id}; len(layer) > 0; {
		var next []string
		for _, u := range layer {
			for _, r := range v.adj[u] {
				if w := other(r, u); allowed(types, r.Type) {
					if _, ok := dist[w]; !ok {
						dist[w] = dist[u] + 1
						next = append(next, w)
					}
				}
			}
		}
		layer = next
	}
	return dist
}

// neighbourhood answers as graph.Store.Neighbourhood documents, by brute
// force: distances first, then the selection rules.
func (v *view) neighbourhood(id string, opts graph.TraversalOptions) (nodes, rels []string) {
	depth := opts.Depth
	if depth == 0 {
		depth = 1
	}
	dist := v.distances(id, opts.Types)
	for n, d := range dist {
		if d <= depth {
			nodes = append(nodes, n)
		}
	}
	sort.Slice(nodes, func(i, j int) bool {
		a, b := nodes[i], nodes[j]
		if dist[a] != dist[b] {
			return dist[a] < dist[b]
		}
		return a < b
	})
	if opts.Limit > 0 && len(nodes) > opts.Limit {
		nodes = nodes[:opts.Limit]
	}
	kept := map[string]bool{}
	for _, n := range nodes {
		kept[n] = true
	}
	for rid, r := range v.rels {
		if allowed(opts.Types, r.Type) && kept[r.From] && kept[r.To] && min(dist[r.From], dist[r.To]) < depth {
			rels = append(rels, rid)
		}
	}
	sort.Strings(rels)
	return nodes, rels
}

// shortestPath answers as graph.Store.ShortestPath documents, by listing
// every shortest path and keeping the one whose node IDs sort first. ok is
// false when there is no path within the depth.
func (v *view) shortestPath(from, to string, opts graph.TraversalOptions) (nodes, rels []string, ok bool) {
	dist := v.distances(to, opts.Types)
	d, found := dist[from]
	if !found || (opts.Depth > 0 && d > opts.Depth) {
		return nil, nil, false
	}
	var walk func(path, via []string)
	walk = func(path, via []string) {
		u := path[len(path)-1]
		if u == to {
			if nodes == nil || lessSeq(path, nodes) || (equalSeq(path, nodes) && lessSeq(via, rels)) {
				nodes, rels = append([]string(nil), path...), append([]string(nil), via...)
			}
			return
		}
		for _, r := range v.adj[u] {
			if w := other(r, u); allowed(opts.Types, r.Type) && dist[w] == dist[u]-1 {
				if _, ok := dist[w]; ok {
					walk(append(path, w), append(via, r.ID))
				}
			}
		}
	}
	walk([]string{from}, nil)
	return nodes, rels, true
}

func lessSeq(a, b []string) bool {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return len(a) < len(b)
}

func equalSeq(a, b []string) bool { return !lessSeq(a, b) && !lessSeq(b, a) }

// search answers as graph.Store.Search documents, scoring every node.
func (v *view) search(q graph.SearchQuery) []graph.SearchHit {
	var hits []graph.SearchHit
	for _, n := range v.order {
		if len(q.Labels) > 0 && !containsLabel(q.Labels, n.Label) {
			continue
		}
		if s := graph.Score(q.Text, n); s > 0 {
			hits = append(hits, graph.SearchHit{Node: n, Score: s})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].Score > hits[j].Score })
	if q.Limit > 0 && len(hits) > q.Limit {
		hits = hits[:q.Limit]
	}
	return hits
}

func containsLabel(ls []graph.Label, l graph.Label) bool {
	for _, x := range ls {
		if x == l {
			return true
		}
	}
	return false
}

// find answers as graph.Store.FindNodes documents, testing every node
// against every field of the filter.
func (v *view) find(f graph.NodeFilter) *graph.NodePage {
	page := &graph.NodePage{}
	for _, n := range v.order {
		if !selects(&f, n) {
			continue
		}
		page.Total++
		switch {
		case n.ID <= f.After:
		case f.Limit > 0 && len(page.Nodes) == f.Limit:
			page.HasMore = true
		default:
			page.Nodes = append(page.Nodes, n)
		}
	}
	return page
}

// selects reports whether f selects n, ignoring After and Limit.
func selects(f *graph.NodeFilter, n *graph.Node) bool {
	switch {
	case len(f.IDs) > 0 && !slices.Contains(f.IDs, n.ID),
		len(f.Labels) > 0 && !slices.Contains(f.Labels, n.Label),
		f.Name != "" && n.Name != f.Name && !slices.Contains(n.Aliases, f.Name),
		(f.DateFrom != "" || f.DateTo != "") && n.Date == "",
		f.DateFrom != "" && n.Date < f.DateFrom,
		f.DateTo != "" && n.Date > f.DateTo,
		len(f.Kinds) > 0 && !slices.Contains(f.Kinds, n.Kind),
		f.Page != "" && (n.Label != graph.LabelArticle || n.Page != f.Page):
		return false
	}
	return true
}
