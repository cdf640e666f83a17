package bolt

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	bbolt "go.etcd.io/bbolt"

	"github.com/kgproject/kg/graph"
)

// contribution is an article's facts reduced to one part per node and one
// per relation.
type contribution struct {
	id    string
	text  string
	nodes map[string]graph.Node
	rels  map[string]graph.Relation
}

// PutArticle stores f's facts in one transaction, replacing what the same
// article contributed before. It returns an error wrapping graph.ErrInvalid
// when f fails Validate or an ID contains a 0 byte; f is not modified.
func (s *Store) PutArticle(ctx context.Context, f *graph.ArticleFacts) error {
	if f == nil {
		return fmt.Errorf("bolt: put article: %w: nil facts", graph.ErrInvalid)
	}
	c, err := newContribution(f)
	if err != nil {
		return fmt.Errorf("bolt: put article %s: %w", f.Article.ID, err)
	}
	return s.update(ctx, "put article "+c.id, func(tx *bbolt.Tx) error {
		w := newWriter(tx)
		if err := w.put(c); err != nil {
			return err
		}
		return w.recompute()
	})
}

// DeleteArticle retracts everything article articleID contributed. It
// returns an error wrapping graph.ErrNotFound when no such article is stored.
func (s *Store) DeleteArticle(ctx context.Context, articleID string) error {
	return s.update(ctx, "delete article "+articleID, func(tx *bbolt.Tx) error {
		w := newWriter(tx)
		old, err := w.retract(articleID)
		if err != nil {
			return err
		}
		if old == nil {
			return graph.ErrNotFound
		}
		for n := range old.parts {
			w.node(n).removed = true
		}
		for h, x := range old.evidence {
			ch := w.relation(h)
			ch.removed, ch.rec = true, x
		}
		if old.text != nil {
			w.node(old.article).removed = true
		}
		return w.recompute()
	})
}

// newContribution validates a copy of f and reduces it to parts: a node
// listed more than once contributes graph.MergeNodes of its listings in the
// order given, a relation listed more than once the union of its evidence.
func newContribution(f *graph.ArticleFacts) (*contribution, error) {
	cp := graph.ArticleFacts{Article: f.Article, Nodes: f.Nodes}
	cp.Relations = append([]graph.Relation(nil), f.Relations...)
	if err := cp.Validate(); err != nil {
		return nil, err
	}
	c := &contribution{id: cp.Article.ID, text: cp.Article.Text, nodes: map[string]graph.Node{}, rels: map[string]graph.Relation{}}
	listed := map[string][]graph.Node{c.id: {cp.Article}}
	for _, n := range cp.Nodes {
		listed[n.ID] = append(listed[n.ID], n)
	}
	for id, ns := range listed {
		if strings.IndexByte(id, 0) >= 0 {
			return nil, fmt.Errorf("%w: node id %q contains a 0 byte", graph.ErrInvalid, id)
		}
		if len(ns) == 1 && len(ns[0].Aliases) == 0 {
			c.nodes[id] = ns[0]
			continue
		}
		c.nodes[id] = graph.MergeNodes(ns)
	}
	for _, r := range cp.Relations {
		x, ok := c.rels[r.ID]
		if !ok {
			x = r
			x.Evidence = nil
		}
		x.Evidence = append(x.Evidence, r.Evidence...)
		c.rels[r.ID] = x
	}
	for id, r := range c.rels {
		r.Evidence = graph.SortEvidence(r.Evidence)
		c.rels[id] = r
	}
	return c, nil
}

// nodeChange is what the articles of one transaction did to a node.
type nodeChange struct {
	id string // the node's ID, when put saw it
	// removed reports that a part was taken away or changed (or the text of
	// the node's own article changed): the node is merged again from all
	// its parts.
	removed bool
	// added holds the parts given where the article had given none, by
	// article ID; when nothing was removed they are folded into the merged
	// node without reading the other parts.
	added map[string]graph.Node
}

// relChange is what the articles of one transaction did to a relation.
type relChange struct {
	// removed reports that evidence was taken away: the relation may have
	// lost its last article. rec says where its adjacency entries are.
	removed bool
	rec     recordRel
	// added is set when evidence was given while the relation had no
	// adjacency entries; fromID and toID are then its ends' IDs.
	added        *header
	fromID, toID string
}

// buckets are a write transaction's buckets.
type buckets struct {
	ids, nodes, parts, texts, relparts, adj, articles *bbolt.Bucket
}

// writer changes the graph inside one update transaction, one article
// after another, remembering which merged nodes and relations must be
// recomputed once all are written. A part an article gives again unchanged
// causes no recompute, so that putting the same facts again costs little
// more than reading them.
type writer struct {
	tx    *bbolt.Tx
	b     buckets
	nodes map[nid]*nodeChange
	rels  map[relHash]*relChange
	// index holds the index entries to write or delete, which recompute
	// applies in key order once every node is merged.
	index []indexOp
	// parts and relparts hold the parts and evidence put wrote, which
	// flush writes in key order before they are read.
	parts, relparts []indexOp
	// nodesAdded and relsAdded are how many merged nodes and relations
	// recompute made less how many it removed.
	nodesAdded, relsAdded int
}

// indexOp writes (value non-nil) or deletes an index entry.
type indexOp struct {
	bucket, key, value []byte
}

func newWriter(tx *bbolt.Tx) *writer {
	w := &writer{tx: tx, nodes: map[nid]*nodeChange{}, rels: map[relHash]*relChange{}}
	w.b = buckets{
		ids: tx.Bucket(bIDs), nodes: tx.Bucket(bNodes), parts: tx.Bucket(bParts), texts: tx.Bucket(bTexts),
		relparts: tx.Bucket(bRelParts), adj: tx.Bucket(bAdj), articles: tx.Bucket(bArticles),
	}
	// Numbered keys mostly arrive in increasing order: pages split fuller.
	for _, b := range []*bbolt.Bucket{w.b.nodes, w.b.texts, w.b.articles} {
		b.FillPercent = 0.9
	}
	return w
}

func (w *writer) node(n nid) *nodeChange {
	c, ok := w.nodes[n]
	if !ok {
		c = &nodeChange{}
		w.nodes[n] = c
	}
	return c
}

func (w *writer) relation(h relHash) *relChange {
	c, ok := w.rels[h]
	if !ok {
		c = &relChange{}
		w.rels[h] = c
	}
	return c
}

// retracted is what retract took away.
type retracted struct {
	article  nid
	parts    map[nid][]byte
	evidence map[relHash]recordRel
	text     []byte // the texts value, nil when there was none
}

// retract removes an article's parts, evidence, text and record, and
// returns them; nil when the article is not stored.
func (w *writer) retract(articleID string) (*retracted, error) {
	raw := w.b.ids.Get([]byte(articleID))
	if raw == nil {
		return nil, nil
	}
	a := nidOf(raw)
	raw = w.b.articles.Get(a.bytes())
	if raw == nil {
		return nil, nil
	}
	rec, err := decodeRecord(raw)
	if err != nil {
		return nil, fmt.Errorf("decode article record: %w", err)
	}
	if err := w.flush(); err != nil {
		return nil, err
	}
	old := &retracted{article: a, parts: make(map[nid][]byte, len(rec.nodes)), evidence: make(map[relHash]recordRel, len(rec.rels))}
	for _, n := range rec.nodes {
		k := partKey(n, articleID)
		old.parts[n] = bytes.Clone(w.b.parts.Get(k))
		if err := w.b.parts.Delete(k); err != nil {
			return nil, err
		}
	}
	for _, x := range rec.rels {
		k := x.partKey(a)
		old.evidence[x.hash] = x
		if err := w.b.relparts.Delete(k); err != nil {
			return nil, err
		}
	}
	old.text = bytes.Clone(w.b.texts.Get(a.bytes()))
	if err := w.b.texts.Delete(a.bytes()); err != nil {
		return nil, err
	}
	return old, w.b.articles.Delete(a.bytes())
}

// put retracts what article c.id gave before and writes c's parts,
// evidence, text and record in their place.
func (w *writer) put(c *contribution) error {
	old, err := w.retract(c.id)
	if err != nil {
		return err
	}
	if old == nil {
		old = &retracted{}
	}
	a, err := w.nid(c.id)
	if err != nil {
		return err
	}
	offsets := runeOffsets(c.text)
	// The article's node and part may refer to its text, and its evidence
	// to the text and ID.
	v := encodeText(c.id, c.text)
	if old.text != nil && !bytes.Equal(v, old.text) {
		w.node(a).removed = true
	}
	if err := w.b.texts.Put(a.bytes(), v); err != nil {
		return err
	}
	rec := &record{nodes: make([]nid, 0, len(c.nodes)), rels: make([]recordRel, 0, len(c.rels))}
	// Keys are written in increasing order where they can be: a batch's new
	// keys pile up in bbolt's last, growing in-memory node, into which an
	// insertion anywhere but at the end moves all that follows.
	ends := make(map[string]nid, len(c.nodes))
	for _, id := range sortedKeys(c.nodes) {
		x, err := w.nid(id)
		if err != nil {
			return err
		}
		ends[id] = x
	}
	byNid := make([]string, 0, len(c.nodes))
	for id := range c.nodes {
		byNid = append(byNid, id)
	}
	sort.Slice(byNid, func(i, j int) bool { return ends[byNid[i]] < ends[byNid[j]] })
	for _, id := range byNid {
		n, x := c.nodes[id], ends[id]
		w.node(x).id = id
		v := encodeNode(&n, false, x == a && n.Text != "" && n.Text == c.text)
		was, had := old.parts[x]
		switch {
		case !had:
			ch := w.node(x)
			if ch.added == nil {
				ch.added = map[string]graph.Node{}
			}
			ch.added[c.id] = n
		case !bytes.Equal(was, v):
			w.node(x).removed = true
		}
		delete(old.parts, x)
		w.parts = append(w.parts, indexOp{key: partKey(x, c.id), value: v})
		rec.nodes = append(rec.nodes, x)
	}
	for x := range old.parts {
		w.node(x).removed = true
	}
	for id, r := range c.rels {
		h, err := hashOf(id)
		if err != nil {
			return err
		}
		rec.rels = append(rec.rels, recordRel{hash: h, typ: typeCode(r.Type), from: ends[r.From], to: ends[r.To]})
	}
	slices.SortFunc(rec.rels, func(x, y recordRel) int { return bytes.Compare(x.partPrefix(), y.partPrefix()) })
	for _, x := range rec.rels {
		h := x.hash
		r := c.rels[h.id()]
		v := encodeEvidence(r.Evidence, c.text, offsets)
		if _, had := old.evidence[h]; !had && w.b.adj.Get(x.outKey()) == nil {
			ch := w.relation(h)
			ch.added = &header{typ: r.Type, from: x.from, to: x.to, role: r.Role}
			ch.rec, ch.fromID, ch.toID = x, r.From, r.To
		}
		delete(old.evidence, h)
		w.relparts = append(w.relparts, indexOp{key: x.partKey(a), value: v})
	}
	for h, x := range old.evidence {
		ch := w.relation(h)
		ch.removed, ch.rec = true, x
	}
	sort.Slice(rec.nodes, func(i, j int) bool { return rec.nodes[i] < rec.nodes[j] })
	sort.Slice(rec.rels, func(i, j int) bool { return bytes.Compare(rec.rels[i].hash[:], rec.rels[j].hash[:]) < 0 })
	return w.b.articles.Put(a.bytes(), encodeRecord(rec))
}

// nid returns node id's number, numbering it when new.
func (w *writer) nid(id string) (nid, error) {
	if raw := w.b.ids.Get([]byte(id)); raw != nil {
		return nidOf(raw), nil
	}
	seq, err := w.b.ids.NextSequence()
	if err != nil {
		return 0, err
	}
	if seq > 1<<32-1 {
		return 0, fmt.Errorf("more than %d nodes ever numbered", uint64(1<<32-1))
	}
	n := nid(seq)
	return n, w.b.ids.Put([]byte(id), n.bytes())
}

// flush writes the parts and evidence put left to write, in key order:
// a batch's parts belong to nodes all over the bucket, and keys written in
// order find their pages where the previous key left off.
func (w *writer) flush() error {
	for _, q := range []struct {
		b   *bbolt.Bucket
		ops *[]indexOp
	}{{w.b.parts, &w.parts}, {w.b.relparts, &w.relparts}} {
		ops := *q.ops
		slices.SortFunc(ops, func(x, y indexOp) int { return bytes.Compare(x.key, y.key) })
		for _, op := range ops {
			if err := q.b.Put(op.key, op.value); err != nil {
				return err
			}
		}
		*q.ops = nil
	}
	return nil
}

// recompute brings every changed merged node and relation, and their
// index and adjacency entries, in line with the parts written.
func (w *writer) recompute() error {
	if err := w.flush(); err != nil {
		return err
	}
	ns := make([]nid, 0, len(w.nodes))
	for n := range w.nodes {
		ns = append(ns, n)
	}
	sort.Slice(ns, func(i, j int) bool { return ns[i] < ns[j] })
	for _, n := range ns {
		if err := w.recomputeNode(n, w.nodes[n]); err != nil {
			return fmt.Errorf("node %d: %w", n, err)
		}
	}
	if err := w.writeIndex(); err != nil {
		return err
	}
	hs := make([]relHash, 0, len(w.rels))
	for h := range w.rels {
		hs = append(hs, h)
	}
	sort.Slice(hs, func(i, j int) bool { return bytes.Compare(hs[i][:], hs[j][:]) < 0 })
	var links []indexOp
	for _, h := range hs {
		l, err := w.recomputeRelation(h, w.rels[h])
		if err != nil {
			return fmt.Errorf("relation %s: %w", h.id(), err)
		}
		if l != nil {
			links = append(links, indexOp{key: l.outKey, value: l.outValue}, indexOp{key: l.inKey, value: l.inValue})
		}
	}
	if err := w.count(); err != nil {
		return err
	}
	// New adjacency entries go in in one key order, outgoing and incoming
	// together (see put): the entries of the batch's new nodes pile up in
	// the last page, and an incoming entry put there after all the
	// outgoing ones would move every entry that sorts after it.
	slices.SortFunc(links, func(x, y indexOp) int { return bytes.Compare(x.key, y.key) })
	for _, l := range links {
		if err := w.b.adj.Put(l.key, l.value); err != nil {
			return err
		}
	}
	return nil
}

// newLink is a new relation's adjacency entries.
type newLink struct {
	outKey, outValue, inKey, inValue []byte
}

// part is a node part with the ID of the article that gave it.
type part struct {
	article string
	node    graph.Node
}

func (w *writer) recomputeNode(n nid, ch *nodeChange) error {
	oldRaw := w.b.nodes.Get(n.bytes())
	var old *graph.Node
	if oldRaw != nil {
		o, err := w.decodeMerged(n, oldRaw)
		if err != nil {
			return err
		}
		old = &o
	}
	var merged *graph.Node
	var err error
	if !ch.removed {
		merged, err = w.fold(n, old, ch.added)
		if err != nil {
			return err
		}
	}
	if merged != nil && merged == old {
		return nil // unchanged
	}
	if merged == nil {
		if merged, err = w.mergeParts(n); err != nil {
			return err
		}
	}
	id := ch.id
	if old != nil {
		id = old.ID
	}
	if merged == nil {
		// The node is gone, or was numbered and lost in this transaction.
		if err := w.b.ids.Delete([]byte(id)); err != nil {
			return err
		}
		if old == nil {
			return nil
		}
		if err := w.reindex(indexKeys(old, n), nil); err != nil {
			return err
		}
		w.nodesAdded--
		return w.b.nodes.Delete(n.bytes())
	}
	if old == nil {
		w.nodesAdded++
	}
	merged.ID = id
	newRaw := w.encodeMerged(n, merged)
	if bytes.Equal(oldRaw, newRaw) {
		return nil
	}
	var oldKeys []indexKey
	if old != nil {
		oldKeys = indexKeys(old, n)
	}
	if err := w.reindex(oldKeys, indexKeys(merged, n)); err != nil {
		return err
	}
	return w.b.nodes.Put(n.bytes(), newRaw)
}

// fold returns the merged node with parts only added to it, without
// reading its other parts, when that is sure to equal merging all of them:
// for a new node whose parts are all new; when every added part brings
// nothing but names no longer than the merged name and fields the merged
// node already has (only aliases can change); or when the added parts'
// articles sort after every other part's. It returns nil otherwise.
func (w *writer) fold(n nid, old *graph.Node, added map[string]graph.Node) (*graph.Node, error) {
	if len(added) == 0 {
		return old, nil
	}
	parts := make([]part, 0, len(added))
	for a, p := range added {
		parts = append(parts, part{a, p})
	}
	sort.Slice(parts, func(i, j int) bool { return parts[i].article < parts[j].article })
	if old != nil && all(parts, func(p part) bool { return commutes(&p.node, old) }) {
		if all(parts, func(p part) bool { return named(&p.node, old) }) {
			return old, nil
		}
		m := *old
		m.Aliases = append([]string(nil), old.Aliases...)
		for _, p := range parts {
			m.Aliases = append(m.Aliases, p.node.Name)
			m.Aliases = append(m.Aliases, p.node.Aliases...)
		}
		m.Aliases = aliases(m.Aliases, m.Name)
		return &m, nil
	}
	// Are the added parts the last ones of the node?
	prefix := n.bytes()
	c := w.b.parts.Cursor()
	count := 0
	for k, _ := c.Seek(partKey(n, parts[0].article)); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		if count++; count > len(parts) {
			return nil, nil
		}
	}
	nodes := make([]graph.Node, 0, len(parts)+1)
	if old != nil {
		nodes = append(nodes, *old)
	} else if k, _ := c.Seek(prefix); k == nil || !bytes.HasPrefix(k, prefix) || string(k[4:]) != parts[0].article {
		return nil, nil
	}
	for _, p := range parts {
		nodes = append(nodes, p.node)
	}
	m := graph.MergeNodes(nodes)
	return &m, nil
}

// named reports whether every name p gives is m's name or an alias.
func named(p, m *graph.Node) bool {
	has := func(a string) bool {
		if a == "" || a == m.Name {
			return true
		}
		_, ok := slices.BinarySearch(m.Aliases, a)
		return ok
	}
	return has(p.Name) && all(p.Aliases, has)
}

// commutes reports whether part p can be merged into m in any position
// among m's parts with the same result: it sets no field m lacks or has
// otherwise, and its name does not compete with m's.
func commutes(p, m *graph.Node) bool {
	if p.Label != m.Label {
		return false
	}
	if p.Name != m.Name && utf8.RuneCountInString(p.Name) >= utf8.RuneCountInString(m.Name) {
		return false
	}
	for _, f := range [][2]string{
		{p.Title, m.Title}, {string(p.Kind), string(m.Kind)}, {p.Date, m.Date}, {p.EndDate, m.EndDate},
		{p.PartOfDay, m.PartOfDay}, {p.Source, m.Source}, {p.Published, m.Published}, {p.Text, m.Text},
		{p.URL, m.URL}, {p.Outlet, m.Outlet}, {p.Author, m.Author}, {p.Page, m.Page},
		{p.Scope, m.Scope}, {p.ScopeBasis, m.ScopeBasis},
	} {
		if f[0] != "" && f[0] != f[1] {
			return false
		}
	}
	return true
}

// aliases sorts names, dropping repeats, empty names and the chosen name,
// as graph.MergeNodes does.
func aliases(names []string, name string) []string {
	out := names[:0]
	for _, a := range names {
		if a != "" && a != name {
			out = append(out, a)
		}
	}
	sort.Strings(out)
	return dedupe(out)
}

func all[T any](xs []T, ok func(T) bool) bool {
	for _, x := range xs {
		if !ok(x) {
			return false
		}
	}
	return true
}

// mergeParts merges node n from all its parts; nil when none is left.
func (w *writer) mergeParts(n nid) (*graph.Node, error) {
	// A part equal to an earlier one cannot change what MergeNodes makes
	// of the earlier ones (it ties on the name, comes later for every other
	// field and adds no alias), so only distinct parts are decoded: the
	// people most articles name mostly give identical parts.
	var nodes []graph.Node
	var seen map[string]bool
	prefix := n.bytes()
	c := w.b.parts.Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		if seen[string(v)] {
			continue
		}
		if seen == nil {
			seen = map[string]bool{}
		}
		seen[string(v)] = true
		p, ref, err := decodeNode(v, false)
		if err != nil {
			return nil, fmt.Errorf("decode part of %s: %w", k[4:], err)
		}
		if ref {
			if p.Text, err = w.text(n); err != nil {
				return nil, err
			}
		}
		nodes = append(nodes, p)
	}
	if len(nodes) == 0 {
		return nil, nil
	}
	m := graph.MergeNodes(nodes)
	return &m, nil
}

// text returns the text of article n from the texts bucket.
func (w *writer) text(n nid) (string, error) {
	raw := w.b.texts.Get(n.bytes())
	if raw == nil {
		return "", fmt.Errorf("text of article %d missing", n)
	}
	t, err := decodeText(raw)
	if err != nil {
		return "", err
	}
	return t.text, nil
}

// decodeMerged decodes a merged node, with its text unless the article
// it refers to was retracted in this transaction (the node is then merged
// again from its parts).
func (w *writer) decodeMerged(n nid, raw []byte) (graph.Node, error) {
	m, ref, err := decodeNode(raw, true)
	if err != nil {
		return m, fmt.Errorf("decode node: %w", err)
	}
	if ref && w.b.texts.Get(n.bytes()) != nil {
		m.Text, err = w.text(n)
	}
	return m, err
}

// encodeMerged encodes a merged node, referring to its article's text when
// it is the node of an article and has its text.
func (w *writer) encodeMerged(n nid, m *graph.Node) []byte {
	ref := false
	if m.Text != "" {
		if raw := w.b.texts.Get(n.bytes()); raw != nil {
			if t, err := decodeText(raw); err == nil && t.text == m.Text && t.id == m.ID {
				ref = true
			}
		}
	}
	return encodeNode(m, true, ref)
}

// reindex queues the replacement of a node's index entries old by new,
// only those that differ. No two nodes have an index key in common (each
// key holds the node's ID or number), so the queue holds one operation a
// key.
func (w *writer) reindex(old, new []indexKey) error {
	had := make(map[string][]byte, len(old))
	for _, ik := range old {
		had[string(ik.bucket)+"\x00"+string(ik.key)] = ik.value
	}
	for _, ik := range new {
		s := string(ik.bucket) + "\x00" + string(ik.key)
		v, ok := had[s]
		delete(had, s)
		if ok && bytes.Equal(v, ik.value) {
			continue
		}
		w.index = append(w.index, indexOp{bucket: ik.bucket, key: ik.key, value: ik.value})
	}
	for s := range had {
		b, k, _ := strings.Cut(s, "\x00")
		w.index = append(w.index, indexOp{bucket: []byte(b), key: []byte(k)})
	}
	return nil
}

// writeIndex applies the queued index operations, a bucket at a time in
// key order (see put).
func (w *writer) writeIndex() error {
	slices.SortFunc(w.index, func(x, y indexOp) int {
		if c := bytes.Compare(x.bucket, y.bucket); c != 0 {
			return c
		}
		return bytes.Compare(x.key, y.key)
	})
	var b *bbolt.Bucket
	for i, op := range w.index {
		if i == 0 || !bytes.Equal(op.bucket, w.index[i-1].bucket) {
			b = w.tx.Bucket(op.bucket)
		}
		var err error
		if op.value != nil {
			err = b.Put(op.key, op.value)
		} else {
			err = b.Delete(op.key)
		}
		if err != nil {
			return err
		}
	}
	w.index = nil
	return nil
}

// recomputeRelation removes a relation's adjacency entries when it lost
// its last supporting article, and returns the entries to add when it
// gained its first; its evidence stays in relparts and is assembled when
// read.
func (w *writer) recomputeRelation(h relHash, ch *relChange) (*newLink, error) {
	if !ch.removed {
		// Only added: put saw no adjacency entries, and they are written
		// here only.
		return w.link(h, ch)
	}
	linked := w.b.adj.Get(ch.rec.outKey()) != nil
	prefix := ch.rec.partPrefix()
	k, _ := w.b.relparts.Cursor().Seek(prefix)
	supported := k != nil && bytes.HasPrefix(k, prefix)
	switch {
	case supported && !linked:
		return w.link(h, ch)
	case !supported && linked:
		if err := w.b.adj.Delete(ch.rec.outKey()); err != nil {
			return nil, err
		}
		w.relsAdded--
		return nil, w.b.adj.Delete(ch.rec.inKey())
	}
	return nil, nil
}

// link returns the adjacency entries of a relation put gave evidence
// for.
func (w *writer) link(h relHash, ch *relChange) (*newLink, error) {
	hd := ch.added
	if hd == nil {
		return nil, fmt.Errorf("evidence without adjacency")
	}
	w.relsAdded++
	return &newLink{
		outKey: adjKey(hd.from, dirOut, hd.typ, hd.to, h), outValue: adjValue(hd.role, ch.toID),
		inKey: adjKey(hd.to, dirIn, hd.typ, hd.from, h), inValue: adjValue(hd.role, ch.fromID),
	}, nil
}

// count adds what recompute added and removed to the counts of nodes and
// relations kept in the meta bucket.
func (w *writer) count() error {
	meta := w.tx.Bucket(bMeta)
	for _, c := range []struct {
		key   []byte
		added int
	}{{countNodesKey, w.nodesAdded}, {countRelsKey, w.relsAdded}} {
		if c.added == 0 {
			continue
		}
		n := int64(readCount(meta, c.key)) + int64(c.added)
		if n < 0 {
			return fmt.Errorf("count %s below zero", c.key)
		}
		if err := meta.Put(c.key, binary.BigEndian.AppendUint64(nil, uint64(n))); err != nil {
			return err
		}
	}
	w.nodesAdded, w.relsAdded = 0, 0
	return nil
}

// indexKey is one index entry of a node.
type indexKey struct {
	bucket []byte
	key    []byte
	value  []byte
}

// indexKeys lists the index entries of node n: label, search keys of its
// name and aliases, their character pairs (graph.Bigrams: a one-character
// key is its own pair), date and kind. A pair entry holds the fewest
// distinct pairs of the node's keys that contain it (at most 255), which
// lets Search skip nodes that cannot score without reading them. An
// article with a Page has a page entry.
func indexKeys(m *graph.Node, n nid) []indexKey {
	num := n.bytes()
	out := []indexKey{{bucket: bLabels, key: append([]byte{labelCode(m.Label)}, m.ID...), value: num}}
	keys := map[string]bool{}
	grams := map[string]int{} // gram -> fewest pairs of a key holding it
	note := func(g string, size int) {
		if old, ok := grams[g]; !ok || size < old {
			grams[g] = size
		}
	}
	for _, name := range append([]string{m.Name}, m.Aliases...) {
		k := graph.SearchKey(name)
		if k == "" {
			continue
		}
		keys[k] = true
		pairs := graph.Bigrams(k)
		for _, g := range pairs {
			note(g, len(pairs))
		}
	}
	for k := range keys {
		out = append(out, indexKey{bucket: bKeys, key: key(k, m.ID), value: num})
	}
	for g, size := range grams {
		out = append(out, indexKey{bucket: bGrams, key: append(key(g, ""), num...), value: []byte{byte(min(size, 255))}})
	}
	if m.Date != "" {
		out = append(out, indexKey{bucket: bDates, key: []byte(m.Date + m.ID), value: num})
	}
	if m.Kind != "" {
		out = append(out, indexKey{bucket: bKinds, key: append([]byte{kindCode(m.Kind)}, m.ID...), value: num})
	}
	if m.Page != "" && m.Label == graph.LabelArticle {
		out = append(out, indexKey{bucket: bPages, key: append(pagePrefix(m.Page), m.ID...), value: num})
	}
	return out
}

// key joins parts with 0 bytes; key(id, "") is the prefix of id's entries.
func key(parts ...string) []byte {
	return []byte(strings.Join(parts, "\x00"))
}

// pagePrefix is the prefix of the pages entries of the articles of page:
// its length and bytes, so that no page's prefix is another's.
func pagePrefix(page string) []byte { return appendStr(nil, page) }

func partKey(n nid, articleID string) []byte {
	return append(n.bytes(), articleID...)
}

// partPrefix is the prefix of the keys of the relation's evidence, partKey
// the key of the evidence article gives.
func (x recordRel) partPrefix() []byte { return relPartPrefix(x.from, x.typ, x.to, x.hash) }

func (x recordRel) partKey(article nid) []byte {
	return binary.BigEndian.AppendUint32(x.partPrefix(), uint32(article))
}

// relPartLen is the length of a relparts key.
const relPartLen = 4 + 1 + 4 + hashLen + 4

// relPartPrefix is the prefix of the evidence keys of relation h of type
// typ from node from to node to. The To node comes before the hash so that
// the evidence of a node's relations to new nodes (a person's new events)
// goes at the end of the node's evidence rather than anywhere in it.
func relPartPrefix(from nid, typ byte, to nid, h relHash) []byte {
	k := make([]byte, 0, relPartLen)
	k = binary.BigEndian.AppendUint32(k, uint32(from))
	k = append(k, typ)
	k = binary.BigEndian.AppendUint32(k, uint32(to))
	return append(k, h[:]...)
}

// scan calls fn for every key of b that starts with prefix, in key order.
func scan(b *bbolt.Bucket, prefix []byte, fn func(k, v []byte) error) error {
	c := b.Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		if err := fn(k, v); err != nil {
			return err
		}
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
