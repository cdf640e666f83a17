package bolt

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"sort"
	"unicode/utf8"

	bbolt "go.etcd.io/bbolt"

	"github.com/kgproject/kg/graph"
)

// reader answers questions inside one read (or write) transaction,
// keeping the article texts it has read.
type reader struct {
	tx                                    *bbolt.Tx
	ids, nodes, texts, relparts, adj, grp *bbolt.Bucket
	textOf                                map[nid]*articleText
}

func newReader(tx *bbolt.Tx) *reader {
	return &reader{
		tx: tx, ids: tx.Bucket(bIDs), nodes: tx.Bucket(bNodes), texts: tx.Bucket(bTexts),
		relparts: tx.Bucket(bRelParts), adj: tx.Bucket(bAdj), grp: tx.Bucket(bGrams),
		textOf: map[nid]*articleText{},
	}
}

// nid returns the number of node id.
func (r *reader) nid(id string) (nid, bool) {
	raw := r.ids.Get([]byte(id))
	if len(raw) != 4 {
		return 0, false
	}
	return nidOf(raw), true
}

// outlineNode returns node n with only its ID, label and name, nil when
// there is none.
func (r *reader) outlineNode(n nid) (*graph.Node, error) {
	raw := r.nodes.Get(n.bytes())
	if raw == nil {
		return nil, nil
	}
	m, _, err := decodeNode(raw, true)
	if err != nil {
		return nil, fmt.Errorf("decode node %d: %w", n, err)
	}
	return &graph.Node{ID: m.ID, Label: m.Label, Name: m.Name}, nil
}

// node returns node n, nil when there is none.
func (r *reader) node(n nid) (*graph.Node, error) {
	raw := r.nodes.Get(n.bytes())
	if raw == nil {
		return nil, nil
	}
	m, ref, err := decodeNode(raw, true)
	if err != nil {
		return nil, fmt.Errorf("decode node %d: %w", n, err)
	}
	if ref {
		t, err := r.text(n)
		if err != nil {
			return nil, err
		}
		m.Text = t.text
	}
	return &m, nil
}

func (r *reader) nodeByID(id string) (*graph.Node, error) {
	n, ok := r.nid(id)
	if !ok {
		return nil, nil
	}
	return r.node(n)
}

// text returns article n's ID and text.
func (r *reader) text(n nid) (*articleText, error) {
	if t, ok := r.textOf[n]; ok {
		return t, nil
	}
	raw := r.texts.Get(n.bytes())
	if raw == nil {
		return nil, fmt.Errorf("text of article %d missing", n)
	}
	t, err := decodeText(raw)
	if err != nil {
		return nil, fmt.Errorf("decode text of article %d: %w", n, err)
	}
	r.textOf[n] = t
	return t, nil
}

// evidence returns the evidence of relation h (from node from to node to,
// of type code typ) from every article supporting it, in canonical order.
func (r *reader) evidence(from nid, typ byte, to nid, h relHash) ([]graph.Evidence, error) {
	var ev []graph.Evidence
	c := r.relparts.Cursor()
	prefix := relPartPrefix(from, typ, to, h)
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		var err error
		if ev, err = r.addEvidence(ev, k, v); err != nil {
			return nil, err
		}
	}
	return graph.SortEvidence(ev), nil
}

// addEvidence appends the evidence of one relparts entry to ev.
func (r *reader) addEvidence(ev []graph.Evidence, k, v []byte) ([]graph.Evidence, error) {
	if len(k) != relPartLen {
		return nil, fmt.Errorf("evidence key %x: %w", k, errCorrupt)
	}
	t, err := r.text(nidOf(k[relPartLen-4:]))
	if err != nil {
		return nil, err
	}
	if ev, err = decodeEvidence(ev, v, t.id, t); err != nil {
		return nil, fmt.Errorf("decode evidence %x: %w", k, err)
	}
	return ev, nil
}

// relation builds a relation from one of its adjacency entries, at node
// self whose ID is selfID.
func (r *reader) relation(self nid, selfID string, e *edge) (*graph.Relation, error) {
	rels, err := r.relations([]at{{self, selfID, *e}}, true)
	if err != nil {
		return nil, err
	}
	return rels[0], nil
}

// at is an adjacency entry at node self, whose ID is selfID.
type at struct {
	self   nid
	selfID string
	edge   edge
}

// relations builds relations from adjacency entries, in the same order,
// with their evidence when withEvidence. The evidence of relations of one
// type from one node (an article's MENTIONS) lies together: where several
// are asked for, it is read in one pass over their block rather than a
// seek for each.
func (r *reader) relations(ats []at, withEvidence bool) ([]*graph.Relation, error) {
	out := make([]*graph.Relation, len(ats))
	type block struct {
		from nid
		typ  byte
	}
	blocks := map[block][]int{}
	tos := make([]nid, len(ats))
	for i := range ats {
		x := &ats[i]
		e := &x.edge
		t, err := typeOf(e.typ)
		if err != nil {
			return nil, fmt.Errorf("relation %s: %w", e.hash.id(), err)
		}
		rel := &graph.Relation{ID: e.hash.id(), Type: t, From: x.selfID, To: string(e.otherID), Role: string(e.role)}
		from, to := x.self, e.other
		if e.dir == dirIn {
			rel.From, rel.To = rel.To, rel.From
			from, to = e.other, x.self
		}
		out[i], tos[i] = rel, to
		if withEvidence {
			b := block{from, e.typ}
			blocks[b] = append(blocks[b], i)
		}
	}
	c := r.relparts.Cursor()
	for b, is := range blocks {
		if len(is) == 1 {
			e := &ats[is[0]].edge
			ev, err := r.evidence(b.from, b.typ, tos[is[0]], e.hash)
			if err != nil {
				return nil, err
			}
			out[is[0]].Evidence = ev
			continue
		}
		want := make(map[relHash]int, len(is))
		for _, i := range is {
			want[ats[i].edge.hash] = i
		}
		prefix := append(b.from.bytes(), b.typ)
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			if len(k) != relPartLen {
				return nil, fmt.Errorf("evidence key %x: %w", k, errCorrupt)
			}
			i, ok := want[relHash(k[9:9+hashLen])]
			if !ok {
				continue
			}
			var err error
			if out[i].Evidence, err = r.addEvidence(out[i].Evidence, k, v); err != nil {
				return nil, err
			}
		}
		for _, i := range is {
			out[i].Evidence = graph.SortEvidence(out[i].Evidence)
		}
	}
	return out, nil
}

// edges calls fn with every adjacency entry of node n in direction dir
// whose type is among types (any type when empty), stopping at fn's first
// error. The entry's slices are valid for the transaction.
func (r *reader) edges(n nid, dir graph.Direction, types []graph.RelType, fn func(e *edge) error) error {
	var dirs []byte
	if dir != graph.Incoming {
		dirs = append(dirs, dirOut)
	}
	if dir != graph.Outgoing {
		dirs = append(dirs, dirIn)
	}
	c := r.adj.Cursor()
	walk := func(prefix []byte) error {
		if dir == graph.Both && len(types) == 0 {
			prefix = prefix[:4] // both directions lie together
		}
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			e, err := decodeEdge(k, v)
			if err != nil {
				return fmt.Errorf("adjacency of node %d: %w", n, err)
			}
			if err := fn(&e); err != nil {
				return err
			}
		}
		return nil
	}
	for _, d := range dirs {
		prefix := append(n.bytes(), d)
		if len(types) == 0 {
			if err := walk(prefix); err != nil {
				return err
			}
			if dir == graph.Both {
				break
			}
			continue
		}
		for _, t := range types {
			if err := walk(append(prefix[:5:5], typeCode(t))); err != nil {
				return err
			}
		}
	}
	return nil
}

// Nodes returns the nodes with the given IDs, in the same order, with nil
// where no node has that ID.
func (s *Store) Nodes(ctx context.Context, ids []string) ([]*graph.Node, error) {
	out := make([]*graph.Node, len(ids))
	err := s.view(ctx, "nodes", func(tx *bbolt.Tx) error {
		r := newReader(tx)
		for i, id := range ids {
			if i%256 == 255 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			n, err := r.nodeByID(id)
			if err != nil {
				return err
			}
			out[i] = n
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// FindNodes returns the nodes f selects, ordered by ID. It takes its
// candidates from the most selective index the filter allows (IDs, page,
// name, dates, kinds, labels; all nodes only for a filter without any),
// checks labels, kinds and page against their indexes and reads only the nodes it
// returns, unless a name or date bound needs the node itself. It returns an
// error wrapping graph.ErrInvalid for a bad label, kind, date or negative
// limit.
func (s *Store) FindNodes(ctx context.Context, f graph.NodeFilter) (*graph.NodePage, error) {
	if err := f.Validate(); err != nil {
		return nil, fmt.Errorf("bolt: find nodes: %w", err)
	}
	page := &graph.NodePage{}
	err := s.view(ctx, "find nodes", func(tx *bbolt.Tx) error {
		r := newReader(tx)
		cands, decode := candidates(r, &f)
		for i, c := range cands {
			if i%256 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			var n *graph.Node
			if decode {
				var err error
				if n, err = r.node(c.n); err != nil {
					return err
				}
				if n == nil || !matches(n, &f) {
					continue
				}
			} else if !indexMatch(tx, c.id, &f) {
				continue
			}
			page.Total++
			if c.id <= f.After {
				continue
			}
			if f.Limit > 0 && len(page.Nodes) == f.Limit {
				page.HasMore = true
				continue
			}
			if n == nil {
				var err error
				if n, err = r.node(c.n); err != nil {
					return err
				}
				if n == nil {
					return fmt.Errorf("node %s indexed but missing", c.id)
				}
			}
			page.Nodes = append(page.Nodes, n)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return page, nil
}

// candidate is a node that may match a filter.
type candidate struct {
	id string
	n  nid
}

// candidates returns, sorted by ID and once each, the nodes that may match
// f, read from the most selective index. decode reports that a node must be
// read to decide whether it matches (a name, or a date bound the index did
// not settle); otherwise indexMatch decides from the indexes.
func candidates(r *reader, f *graph.NodeFilter) (cands []candidate, decode bool) {
	dates := f.DateFrom != "" || f.DateTo != ""
	decode = f.Name != "" || dates
	tx := r.tx
	// from adds the entries of index b under prefix, whose keys end with
	// the node ID after skip bytes and whose values are nids.
	from := func(b []byte, prefix []byte) {
		scan(tx.Bucket(b), prefix, func(k, v []byte) error {
			if len(v) == 4 {
				cands = append(cands, candidate{string(k[len(prefix):]), nidOf(v)})
			}
			return nil
		})
	}
	switch {
	case len(f.IDs) > 0:
		for _, id := range f.IDs {
			if n, ok := r.nid(id); ok {
				cands = append(cands, candidate{id, n})
			}
		}
	case f.Page != "":
		from(bPages, pagePrefix(f.Page))
	case f.Name != "" && graph.SearchKey(f.Name) != "":
		from(bKeys, key(graph.SearchKey(f.Name), ""))
	case dates:
		c := tx.Bucket(bDates).Cursor()
		const n = len("2006-01-02")
		for k, v := c.Seek([]byte(f.DateFrom)); k != nil; k, v = c.Next() {
			if len(k) < n || len(v) != 4 {
				continue
			}
			if f.DateTo != "" && string(k[:n]) > f.DateTo {
				break
			}
			cands = append(cands, candidate{string(k[n:]), nidOf(v)})
		}
		decode = f.Name != ""
	case len(f.Kinds) > 0:
		for _, k := range f.Kinds {
			from(bKinds, []byte{kindCode(k)})
		}
	case len(f.Labels) > 0:
		for _, l := range f.Labels {
			from(bLabels, []byte{labelCode(l)})
		}
	default:
		c := r.ids.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			cands = append(cands, candidate{string(k), nidOf(v)})
		}
		return cands, decode
	}
	sort.Slice(cands, func(i, j int) bool { return cands[i].id < cands[j].id })
	out := cands[:0]
	for i, c := range cands {
		if i == 0 || c.id != cands[i-1].id {
			out = append(out, c)
		}
	}
	return out, decode
}

// indexMatch reports whether node id has one of f's labels and kinds, and
// f's page, looking only at the indexes.
func indexMatch(tx *bbolt.Tx, id string, f *graph.NodeFilter) bool {
	in := func(b []byte, codes []byte) bool {
		if len(codes) == 0 {
			return true
		}
		for _, c := range codes {
			if tx.Bucket(b).Get(append([]byte{c}, id...)) != nil {
				return true
			}
		}
		return false
	}
	var labels, kinds []byte
	for _, l := range f.Labels {
		labels = append(labels, labelCode(l))
	}
	for _, k := range f.Kinds {
		kinds = append(kinds, kindCode(k))
	}
	if f.Page != "" && tx.Bucket(bPages).Get(append(pagePrefix(f.Page), id...)) == nil {
		return false
	}
	return in(bLabels, labels) && in(bKinds, kinds)
}

func matches(n *graph.Node, f *graph.NodeFilter) bool {
	if len(f.IDs) > 0 && !contains(f.IDs, n.ID) {
		return false
	}
	if len(f.Labels) > 0 && !contains(f.Labels, n.Label) {
		return false
	}
	if f.Name != "" && n.Name != f.Name && !contains(n.Aliases, f.Name) {
		return false
	}
	if f.DateFrom != "" || f.DateTo != "" {
		if n.Date == "" || (f.DateFrom != "" && n.Date < f.DateFrom) || (f.DateTo != "" && n.Date > f.DateTo) {
			return false
		}
	}
	if len(f.Kinds) > 0 && !contains(f.Kinds, n.Kind) {
		return false
	}
	if f.Page != "" && (n.Label != graph.LabelArticle || n.Page != f.Page) {
		return false
	}
	return true
}

// Relations returns the relations at f's nodes, ordered by ID, each once,
// with all their evidence in canonical order. It returns an error wrapping
// graph.ErrInvalid when f.NodeIDs is empty or f has a bad type or direction.
func (s *Store) Relations(ctx context.Context, f graph.RelationFilter) ([]*graph.Relation, error) {
	if err := checkRelationFilter(&f); err != nil {
		return nil, fmt.Errorf("bolt: relations: %w", err)
	}
	var out []*graph.Relation
	err := s.view(ctx, "relations", func(tx *bbolt.Tx) error {
		r := newReader(tx)
		seen := map[relHash]bool{}
		var ats []at
		for _, id := range dedupe(sortedCopy(f.NodeIDs)) {
			n, ok := r.nid(id)
			if !ok {
				continue
			}
			err := r.edges(n, f.Direction, f.Types, func(e *edge) error {
				if !seen[e.hash] {
					seen[e.hash] = true
					ats = append(ats, at{n, id, *e})
				}
				return nil
			})
			if err != nil {
				return err
			}
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		var err error
		out, err = r.relations(ats, true)
		return err
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

func checkRelationFilter(f *graph.RelationFilter) error {
	if len(f.NodeIDs) == 0 {
		return fmt.Errorf("%w: no node IDs", graph.ErrInvalid)
	}
	if f.Direction != graph.Outgoing && f.Direction != graph.Incoming && f.Direction != graph.Both {
		return fmt.Errorf("%w: direction %d", graph.ErrInvalid, f.Direction)
	}
	return checkTypes(f.Types)
}

func checkTypes(types []graph.RelType) error {
	for _, t := range types {
		if !t.Valid() {
			return fmt.Errorf("%w: relation type %q", graph.ErrInvalid, t)
		}
	}
	return nil
}

// Search returns the nodes whose name or aliases best match q.Text, scored
// by graph.Score, best first and then by ID; nodes scoring 0 are left out.
// Candidates come from the character-pair index (the character index for a
// one-character text). It returns an error wrapping graph.ErrInvalid for a
// text with nothing to search for, a bad label or a negative limit.
func (s *Store) Search(ctx context.Context, q graph.SearchQuery) ([]graph.SearchHit, error) {
	k := graph.SearchKey(q.Text)
	if k == "" {
		return nil, fmt.Errorf("bolt: search: %w: empty text", graph.ErrInvalid)
	}
	for _, l := range q.Labels {
		if !l.Valid() {
			return nil, fmt.Errorf("bolt: search: %w: label %q", graph.ErrInvalid, l)
		}
	}
	if q.Limit < 0 {
		return nil, fmt.Errorf("bolt: search: %w: negative limit %d", graph.ErrInvalid, q.Limit)
	}
	var hits []graph.SearchHit
	err := s.view(ctx, "search", func(tx *bbolt.Tx) error {
		r := newReader(tx)
		for _, n := range searchCandidates(r, k) {
			node, err := r.node(n)
			if err != nil {
				return err
			}
			if node == nil || (len(q.Labels) > 0 && !contains(q.Labels, node.Label)) {
				continue
			}
			if sc := graph.Score(q.Text, node); sc > 0 {
				hits = append(hits, graph.SearchHit{Node: node, Score: sc})
			}
		}
		return ctx.Err()
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		return hits[i].Node.ID < hits[j].Node.ID
	})
	if q.Limit > 0 && len(hits) > q.Limit {
		hits = hits[:q.Limit]
	}
	return hits, nil
}

// searchCandidates returns the nodes that may score above 0 for the search
// key q: those sharing a character pair with it (for a one-character q,
// those with a key holding the character, found by reading every key),
// less those the index proves cannot score. For a node
// that shares c of q's p pairs, none of whose keys has fewer than m pairs,
// with c < p and c < m: no key contains q or lies within q, and every key's
// Dice coefficient is at most 2c/(p+m), so when that is below graph.Score's
// threshold of 0.3 the node scores 0.
func searchCandidates(r *reader, q string) []nid {
	if utf8.RuneCountInString(q) == 1 {
		seen := map[nid]bool{}
		var out []nid
		c := r.tx.Bucket(bKeys).Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			key, _, _ := bytes.Cut(k, []byte{0})
			if len(v) == 4 && bytes.Contains(key, []byte(q)) && !seen[nidOf(v)] {
				seen[nidOf(v)] = true
				out = append(out, nidOf(v))
			}
		}
		sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
		return out
	}
	pairs := graph.Bigrams(q)
	shared := map[nid]int{}
	fewest := map[nid]int{}
	for _, g := range pairs {
		prefix := key(g, "")
		scan(r.grp, prefix, func(k, v []byte) error {
			if len(k) != len(prefix)+4 || len(v) != 1 {
				return nil
			}
			n := nidOf(k[len(prefix):])
			m := int(v[0])
			if old, ok := fewest[n]; !ok || m < old {
				fewest[n] = m
			}
			shared[n]++
			return nil
		})
	}
	p := len(pairs)
	var out []nid
	for n, c := range shared {
		m := fewest[n]
		if c < p && c < m && 20*c < 3*(p+m) {
			continue
		}
		out = append(out, n)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// Dump writes every node, then every relation, in ID order with
// graph.DumpWriter, from one consistent snapshot.
func (s *Store) Dump(ctx context.Context, w io.Writer) error {
	dw := graph.NewDumpWriter(w)
	return s.view(ctx, "dump", func(tx *bbolt.Tx) error {
		r := newReader(tx)
		i := 0
		tick := func() error {
			if i++; i%256 == 0 {
				return ctx.Err()
			}
			return nil
		}
		c := r.ids.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if err := tick(); err != nil {
				return err
			}
			n, err := r.node(nidOf(v))
			if err != nil {
				return err
			}
			if n == nil {
				return fmt.Errorf("node %s numbered but missing", k)
			}
			if err := dw.Node(n); err != nil {
				return err
			}
		}
		// Relations are listed by their outgoing adjacency entries, then
		// put in ID order.
		var out []dumped
		c = r.adj.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if err := tick(); err != nil {
				return err
			}
			e, err := decodeEdge(k, v)
			if err != nil {
				return fmt.Errorf("adjacency: %w", err)
			}
			if e.dir == dirOut {
				out = append(out, dumped{from: nidOf(k), edge: e})
			}
		}
		sort.Slice(out, func(i, j int) bool { return bytes.Compare(out[i].edge.hash[:], out[j].edge.hash[:]) < 0 })
		idOf := map[nid]string{}
		for _, x := range out {
			if err := tick(); err != nil {
				return err
			}
			from, ok := idOf[x.from]
			if !ok {
				raw := r.nodes.Get(x.from.bytes())
				if raw == nil {
					return fmt.Errorf("node %d missing", x.from)
				}
				d := decoder{b: raw[1:]}
				if from = d.str(); d.err != nil {
					return fmt.Errorf("decode node %d: %w", x.from, d.err)
				}
				idOf[x.from] = from
			}
			rel, err := r.relation(x.from, from, &x.edge)
			if err != nil {
				return err
			}
			if err := dw.Relation(rel); err != nil {
				return err
			}
		}
		return nil
	})
}

// Counts returns how many nodes and relations the graph holds, from the
// counts each write keeps, in one read transaction.
func (s *Store) Counts(ctx context.Context) (nodes, relations int, err error) {
	err = s.view(ctx, "counts", func(tx *bbolt.Tx) error {
		meta := tx.Bucket(bMeta)
		nodes, relations = int(readCount(meta, countNodesKey)), int(readCount(meta, countRelsKey))
		return nil
	})
	return nodes, relations, err
}

// dumped is a relation Dump found.
type dumped struct {
	from nid
	edge edge
}

func contains[T comparable](xs []T, x T) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func sortedCopy(xs []string) []string {
	out := append([]string(nil), xs...)
	sort.Strings(out)
	return out
}

// dedupe drops repeats from a sorted slice.
func dedupe(xs []string) []string {
	out := xs[:0]
	for i, x := range xs {
		if i == 0 || x != xs[i-1] {
			out = append(out, x)
		}
	}
	return out
}
