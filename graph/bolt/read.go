package bolt

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"unicode/utf8"

	bbolt "go.etcd.io/bbolt"

	"github.com/kgproject/kg/graph"
)

// Nodes returns the nodes with the given IDs, in the same order, with nil
// where no node has that ID.
func (s *Store) Nodes(ctx context.Context, ids []string) ([]*graph.Node, error) {
	out := make([]*graph.Node, len(ids))
	err := s.view(ctx, "nodes", func(tx *bbolt.Tx) error {
		for i, id := range ids {
			if i%256 == 255 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			n, err := getNode(tx, id)
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
// candidates from the most selective index the filter allows (IDs, name,
// dates, kinds, labels; all nodes only for a filter without any), checks
// labels and kinds against their indexes and reads only the nodes it
// returns, unless a name or date bound needs the node itself. It returns an
// error wrapping graph.ErrInvalid for a bad label, kind, date or negative
// limit.
func (s *Store) FindNodes(ctx context.Context, f graph.NodeFilter) (*graph.NodePage, error) {
	if err := f.Validate(); err != nil {
		return nil, fmt.Errorf("bolt: find nodes: %w", err)
	}
	page := &graph.NodePage{}
	err := s.view(ctx, "find nodes", func(tx *bbolt.Tx) error {
		ids, decode := candidates(tx, &f)
		for i, id := range ids {
			if i%256 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			var n *graph.Node
			if decode {
				var err error
				if n, err = getNode(tx, id); err != nil {
					return err
				}
				if n == nil || !matches(n, &f) {
					continue
				}
			} else if !indexMatch(tx, id, &f) {
				continue
			}
			page.Total++
			if id <= f.After {
				continue
			}
			if f.Limit > 0 && len(page.Nodes) == f.Limit {
				page.HasMore = true
				continue
			}
			if n == nil {
				var err error
				if n, err = getNode(tx, id); err != nil {
					return err
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

// candidates returns, sorted and once each, the IDs of the nodes that may
// match f, read from the most selective index. decode reports that a node
// must be read to decide whether it matches (a name, or a date bound the
// index did not settle); otherwise indexMatch decides from the indexes.
func candidates(tx *bbolt.Tx, f *graph.NodeFilter) (ids []string, decode bool) {
	dates := f.DateFrom != "" || f.DateTo != ""
	decode = f.Name != "" || dates
	var got []string
	switch {
	case len(f.IDs) > 0:
		got = append(got, f.IDs...)
	case f.Name != "" && graph.SearchKey(f.Name) != "":
		got = indexed(tx.Bucket(bKeys), graph.SearchKey(f.Name))
	case dates:
		c := tx.Bucket(bDates).Cursor()
		for k, _ := c.Seek([]byte(f.DateFrom)); k != nil; k, _ = c.Next() {
			date, id, _ := bytes.Cut(k, []byte{0})
			if f.DateTo != "" && string(date) > f.DateTo {
				break
			}
			got = append(got, string(id))
		}
		decode = f.Name != ""
	case len(f.Kinds) > 0:
		for _, k := range f.Kinds {
			got = append(got, indexed(tx.Bucket(bKinds), string(k))...)
		}
	case len(f.Labels) > 0:
		for _, l := range f.Labels {
			got = append(got, indexed(tx.Bucket(bLabels), string(l))...)
		}
	default:
		c := tx.Bucket(bNodes).Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			got = append(got, string(k))
		}
		return got, decode
	}
	sort.Strings(got)
	return dedupe(got), decode
}

// indexMatch reports whether node id exists and has one of f's labels and
// kinds, looking only at the indexes.
func indexMatch(tx *bbolt.Tx, id string, f *graph.NodeFilter) bool {
	if tx.Bucket(bNodes).Get([]byte(id)) == nil {
		return false
	}
	in := func(b []byte, values []string) bool {
		if len(values) == 0 {
			return true
		}
		for _, v := range values {
			if tx.Bucket(b).Get(key(v, id)) != nil {
				return true
			}
		}
		return false
	}
	return in(bLabels, labelStrings(f.Labels)) && in(bKinds, kindStrings(f.Kinds))
}

func labelStrings(ls []graph.Label) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = string(l)
	}
	return out
}

func kindStrings(ks []graph.EventKind) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = string(k)
	}
	return out
}

// indexed returns the node IDs an index lists under value.
func indexed(b *bbolt.Bucket, value string) []string {
	var ids []string
	prefix := key(value, "")
	scan(b, prefix, func(k, _ []byte) error {
		ids = append(ids, string(k[len(prefix):]))
		return nil
	})
	return ids
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
		seen := map[string]bool{}
		for _, id := range dedupe(sortedCopy(f.NodeIDs)) {
			adjacent(tx, id, f.Direction, f.Types, func(relID, _ string) {
				seen[relID] = true
			})
		}
		var err error
		out, err = getRelations(tx, sortedKeys(seen))
		return err
	})
	if err != nil {
		return nil, err
	}
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

// adjacent calls fn with the ID and other end of every relation at node id
// in direction dir whose type is among types (any type when empty).
func adjacent(tx *bbolt.Tx, id string, dir graph.Direction, types []graph.RelType, fn func(relID, other string)) {
	walk := func(b *bbolt.Bucket) {
		var prefixes [][]byte
		if len(types) == 0 {
			prefixes = [][]byte{key(id, "")}
		}
		for _, t := range types {
			prefixes = append(prefixes, key(id, string(t), ""))
		}
		for _, p := range prefixes {
			scan(b, p, func(k, v []byte) error {
				fn(string(k[bytes.LastIndexByte(k, 0)+1:]), string(v))
				return nil
			})
		}
	}
	if dir != graph.Incoming {
		walk(tx.Bucket(bOut))
	}
	if dir != graph.Outgoing {
		walk(tx.Bucket(bIn))
	}
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
		for _, id := range searchCandidates(tx, k) {
			n, err := getNode(tx, id)
			if err != nil {
				return err
			}
			if n == nil || (len(q.Labels) > 0 && !contains(q.Labels, n.Label)) {
				continue
			}
			if sc := graph.Score(q.Text, n); sc > 0 {
				hits = append(hits, graph.SearchHit{Node: n, Score: sc})
			}
		}
		return ctx.Err()
	})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].Score > hits[j].Score })
	if q.Limit > 0 && len(hits) > q.Limit {
		hits = hits[:q.Limit]
	}
	return hits, nil
}

// searchCandidates returns, sorted, the nodes that may score above 0 for
// the search key q: those sharing a character pair with it (or, for a
// one-character q, the character), less those the index proves cannot
// score. For a node that shares c of q's p pairs, none of whose keys has
// fewer than m pairs, with c < p and c < m: no key contains q or lies
// within q, and every key's Dice coefficient is at most 2c/(p+m), so when
// that is below graph.Score's threshold of 0.3 the node scores 0.
func searchCandidates(tx *bbolt.Tx, q string) []string {
	pairs := graph.Bigrams(q)
	shared := map[string]int{}
	fewest := map[string]int{} // 0 when unknown: never prune
	for _, g := range pairs {
		prefix := key(g, "")
		scan(tx.Bucket(bGrams), prefix, func(k, v []byte) error {
			id := string(k[len(prefix):])
			m, err := strconv.Atoi(string(v))
			if err != nil {
				m = 0
			}
			if old, ok := fewest[id]; !ok || m < old {
				fewest[id] = m
			}
			shared[id]++
			return nil
		})
	}
	p := len(pairs)
	var ids []string
	for id, c := range shared {
		m := fewest[id]
		if utf8.RuneCountInString(q) > 1 && c < p && c < m && 20*c < 3*(p+m) {
			continue
		}
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Dump writes every node, then every relation, in ID order with
// graph.DumpWriter, from one consistent snapshot.
func (s *Store) Dump(ctx context.Context, w io.Writer) error {
	dw := graph.NewDumpWriter(w)
	return s.view(ctx, "dump", func(tx *bbolt.Tx) error {
		i := 0
		for _, b := range [][]byte{bNodes, bRels} {
			c := tx.Bucket(b).Cursor()
			for k, v := c.First(); k != nil; k, v = c.Next() {
				if i++; i%256 == 0 {
					if err := ctx.Err(); err != nil {
						return err
					}
				}
				var err error
				if string(b) == string(bNodes) {
					var n graph.Node
					if err = json.Unmarshal(v, &n); err == nil {
						err = dw.Node(&n)
					}
				} else {
					var r *graph.Relation
					if r, err = decodeRelation(tx, string(k), v); err == nil {
						err = dw.Relation(r)
					}
				}
				if err != nil {
					return fmt.Errorf("%s: %w", k, err)
				}
			}
		}
		return nil
	})
}

func getNode(tx *bbolt.Tx, id string) (*graph.Node, error) {
	raw := tx.Bucket(bNodes).Get([]byte(id))
	if raw == nil {
		return nil, nil
	}
	var n graph.Node
	if err := json.Unmarshal(raw, &n); err != nil {
		return nil, fmt.Errorf("decode node %s: %w", id, err)
	}
	return &n, nil
}

func getRelations(tx *bbolt.Tx, ids []string) ([]*graph.Relation, error) {
	out := make([]*graph.Relation, 0, len(ids))
	b := tx.Bucket(bRels)
	for _, id := range ids {
		raw := b.Get([]byte(id))
		if raw == nil {
			return nil, fmt.Errorf("relation %s indexed but missing", id)
		}
		r, err := decodeRelation(tx, id, raw)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// decodeRelation turns a stored header into the relation with the
// evidence of every article that supports it.
func decodeRelation(tx *bbolt.Tx, id string, raw []byte) (*graph.Relation, error) {
	var h header
	if err := json.Unmarshal(raw, &h); err != nil {
		return nil, fmt.Errorf("decode relation %s: %w", id, err)
	}
	r := &graph.Relation{ID: id, Type: h.Type, From: h.From, To: h.To, Role: h.Role}
	err := scan(tx.Bucket(bRelParts), key(id, ""), func(_, v []byte) error {
		var ev []graph.Evidence
		if err := json.Unmarshal(v, &ev); err != nil {
			return fmt.Errorf("decode evidence of relation %s: %w", id, err)
		}
		r.Evidence = append(r.Evidence, ev...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Parts come in article order, each sorted: this is canonical already,
	// but sorting keeps the answer right whatever was stored.
	r.Evidence = graph.SortEvidence(r.Evidence)
	return r, nil
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
