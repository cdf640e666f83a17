package bolt

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	bbolt "go.etcd.io/bbolt"

	"github.com/kgproject/kg/graph"
)

// record lists what one article supports, so that it can be retracted.
type record struct {
	Nodes     []string `json:"nodes"`
	Relations []string `json:"relations"`
}

// contribution is an article's facts reduced to one part per node and one
// per relation.
type contribution struct {
	id    string
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
		if err := w.retract(c.id); err != nil {
			return err
		}
		if err := w.apply(c); err != nil {
			return err
		}
		return w.recompute()
	})
}

// DeleteArticle retracts everything article articleID contributed. It
// returns an error wrapping graph.ErrNotFound when no such article is stored.
func (s *Store) DeleteArticle(ctx context.Context, articleID string) error {
	return s.update(ctx, "delete article "+articleID, func(tx *bbolt.Tx) error {
		if tx.Bucket(bArticles).Get([]byte(articleID)) == nil {
			return graph.ErrNotFound
		}
		w := newWriter(tx)
		if err := w.retract(articleID); err != nil {
			return err
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
	c := &contribution{id: cp.Article.ID, nodes: map[string]graph.Node{}, rels: map[string]graph.Relation{}}
	listed := map[string][]graph.Node{c.id: {cp.Article}}
	for _, n := range cp.Nodes {
		listed[n.ID] = append(listed[n.ID], n)
	}
	for id, ns := range listed {
		if strings.IndexByte(id, 0) >= 0 {
			return nil, fmt.Errorf("%w: node id %q contains a 0 byte", graph.ErrInvalid, id)
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

// writer changes the graph inside one update transaction, remembering
// which merged nodes and relations must be recomputed. A part an article
// gives again unchanged causes no recompute, so that putting the same facts
// again costs little more than reading them.
type writer struct {
	tx    *bbolt.Tx
	nodes map[string]bool
	rels  map[string]bool
	// retracted parts, by node or relation ID, until apply sees them again
	oldNodes, oldRels map[string][]byte
	// headers of the relations apply wrote evidence for
	headers map[string]header
}

func newWriter(tx *bbolt.Tx) *writer {
	return &writer{
		tx: tx, nodes: map[string]bool{}, rels: map[string]bool{},
		oldNodes: map[string][]byte{}, oldRels: map[string][]byte{},
		headers: map[string]header{},
	}
}

// retract removes an article's parts and record, if it has any.
func (w *writer) retract(articleID string) error {
	raw := w.tx.Bucket(bArticles).Get([]byte(articleID))
	if raw == nil {
		return nil
	}
	var rec record
	if err := json.Unmarshal(raw, &rec); err != nil {
		return fmt.Errorf("decode article record: %w", err)
	}
	parts, relparts := w.tx.Bucket(bParts), w.tx.Bucket(bRelParts)
	for _, id := range rec.Nodes {
		k := key(id, articleID)
		w.oldNodes[id] = bytes.Clone(parts.Get(k))
		if err := parts.Delete(k); err != nil {
			return err
		}
		w.nodes[id] = true
	}
	for _, id := range rec.Relations {
		k := key(id, articleID)
		w.oldRels[id] = bytes.Clone(relparts.Get(k))
		if err := relparts.Delete(k); err != nil {
			return err
		}
		w.rels[id] = true
	}
	return w.tx.Bucket(bArticles).Delete([]byte(articleID))
}

// apply writes an article's parts and record.
func (w *writer) apply(c *contribution) error {
	var rec record
	parts, relparts := w.tx.Bucket(bParts), w.tx.Bucket(bRelParts)
	for id, n := range c.nodes {
		same, err := putPart(parts, key(id, c.id), n, w.oldNodes[id])
		if err != nil {
			return err
		}
		w.nodes[id] = !same
		rec.Nodes = append(rec.Nodes, id)
	}
	for id, r := range c.rels {
		same, err := putPart(relparts, key(id, c.id), r.Evidence, w.oldRels[id])
		if err != nil {
			return err
		}
		w.headers[id] = header{Type: r.Type, From: r.From, To: r.To, Role: r.Role}
		w.rels[id] = !same
		rec.Relations = append(rec.Relations, id)
	}
	sort.Strings(rec.Nodes)
	sort.Strings(rec.Relations)
	return put(w.tx.Bucket(bArticles), []byte(c.id), rec)
}

// recompute brings every touched merged node and relation, and their
// index entries, in line with the parts that remain.
func (w *writer) recompute() error {
	for _, id := range sortedKeys(w.nodes) {
		if !w.nodes[id] {
			continue
		}
		if err := w.recomputeNode(id); err != nil {
			return fmt.Errorf("node %s: %w", id, err)
		}
	}
	for _, id := range sortedKeys(w.rels) {
		if !w.rels[id] {
			continue
		}
		if err := w.recomputeRelation(id); err != nil {
			return fmt.Errorf("relation %s: %w", id, err)
		}
	}
	return nil
}

func (w *writer) recomputeNode(id string) error {
	nodes := w.tx.Bucket(bNodes)
	oldRaw := nodes.Get([]byte(id))
	// A part equal to an earlier one cannot change what MergeNodes makes
	// of the earlier ones (it ties on the name, comes later for every other
	// field and adds no alias), so only distinct parts are decoded: the
	// people most articles name mostly give identical parts.
	var parts []graph.Node
	seen := map[string]bool{}
	err := scan(w.tx.Bucket(bParts), key(id, ""), func(_, v []byte) error {
		if seen[string(v)] {
			return nil
		}
		seen[string(v)] = true
		var n graph.Node
		if err := json.Unmarshal(v, &n); err != nil {
			return fmt.Errorf("decode part: %w", err)
		}
		parts = append(parts, n)
		return nil
	})
	if err != nil {
		return err
	}
	var newRaw []byte
	var merged graph.Node
	if len(parts) > 0 {
		merged = graph.MergeNodes(parts)
		if newRaw, err = json.Marshal(merged); err != nil {
			return err
		}
	}
	if bytes.Equal(oldRaw, newRaw) {
		return nil
	}
	if oldRaw != nil {
		var old graph.Node
		if err := json.Unmarshal(oldRaw, &old); err != nil {
			return fmt.Errorf("decode node: %w", err)
		}
		for _, ik := range indexKeys(&old) {
			if err := w.tx.Bucket(ik.bucket).Delete(ik.key); err != nil {
				return err
			}
		}
	}
	if newRaw == nil {
		return nodes.Delete([]byte(id))
	}
	for _, ik := range indexKeys(&merged) {
		if err := w.tx.Bucket(ik.bucket).Put(ik.key, ik.value); err != nil {
			return err
		}
	}
	return nodes.Put([]byte(id), newRaw)
}

// recomputeRelation adds or removes a relation's header and adjacency
// entries as it gains its first or loses its last supporting article; its
// evidence stays in relparts and is assembled when read.
func (w *writer) recomputeRelation(id string) error {
	rels := w.tx.Bucket(bRels)
	k, _ := w.tx.Bucket(bRelParts).Cursor().Seek(key(id, ""))
	supported := k != nil && bytes.HasPrefix(k, key(id, ""))
	raw := rels.Get([]byte(id))
	switch {
	case supported && raw == nil:
		h, ok := w.headers[id]
		if !ok {
			return fmt.Errorf("evidence without a header")
		}
		if err := w.tx.Bucket(bOut).Put(key(h.From, string(h.Type), id), []byte(h.To)); err != nil {
			return err
		}
		if err := w.tx.Bucket(bIn).Put(key(h.To, string(h.Type), id), []byte(h.From)); err != nil {
			return err
		}
		return put(rels, []byte(id), h)
	case !supported && raw != nil:
		var h header
		if err := json.Unmarshal(raw, &h); err != nil {
			return fmt.Errorf("decode relation: %w", err)
		}
		if err := w.tx.Bucket(bOut).Delete(key(h.From, string(h.Type), id)); err != nil {
			return err
		}
		if err := w.tx.Bucket(bIn).Delete(key(h.To, string(h.Type), id)); err != nil {
			return err
		}
		return rels.Delete([]byte(id))
	}
	return nil
}

// header is a relation without its evidence.
type header struct {
	Type graph.RelType `json:"t"`
	From string        `json:"f"`
	To   string        `json:"o"`
	Role string        `json:"r,omitempty"`
}

// indexKey is one index entry of a node.
type indexKey struct {
	bucket []byte
	key    []byte
	value  []byte
}

// indexKeys lists the index entries of n: label, search keys of its name
// and aliases, their characters and character pairs, date and kind. A
// character or pair entry holds, in decimal, the fewest distinct pairs of
// the node's keys that contain it, which lets Search skip nodes that cannot
// score without reading them.
func indexKeys(n *graph.Node) []indexKey {
	out := []indexKey{{bucket: bLabels, key: key(string(n.Label), n.ID)}}
	keys := map[string]bool{}
	grams := map[string]int{} // gram -> fewest pairs of a key holding it
	note := func(g string, size int) {
		if old, ok := grams[g]; !ok || size < old {
			grams[g] = size
		}
	}
	for _, name := range append([]string{n.Name}, n.Aliases...) {
		k := graph.SearchKey(name)
		if k == "" {
			continue
		}
		keys[k] = true
		pairs := graph.Bigrams(k)
		for _, g := range pairs {
			note(g, len(pairs))
		}
		for _, r := range k {
			note(string(r), len(pairs))
		}
	}
	for _, k := range sortedKeys(keys) {
		out = append(out, indexKey{bucket: bKeys, key: key(k, n.ID)})
	}
	gs := make([]string, 0, len(grams))
	for g := range grams {
		gs = append(gs, g)
	}
	sort.Strings(gs)
	for _, g := range gs {
		out = append(out, indexKey{bucket: bGrams, key: key(g, n.ID), value: []byte(strconv.Itoa(grams[g]))})
	}
	if n.Date != "" {
		out = append(out, indexKey{bucket: bDates, key: key(n.Date, n.ID)})
	}
	if n.Kind != "" {
		out = append(out, indexKey{bucket: bKinds, key: key(string(n.Kind), n.ID)})
	}
	return out
}

// key joins parts with 0 bytes; key(id, "") is the prefix of id's entries.
func key(parts ...string) []byte {
	return []byte(strings.Join(parts, "\x00"))
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

// putPart stores an article's part and reports whether it equals the part
// the article had given before (old), in which case nothing merged changes.
func putPart(b *bbolt.Bucket, k []byte, v any, old []byte) (same bool, err error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return false, err
	}
	return bytes.Equal(raw, old), b.Put(k, raw)
}

func put(b *bbolt.Bucket, k []byte, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put(k, raw)
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
