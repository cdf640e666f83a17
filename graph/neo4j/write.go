package neo4j

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgproject/kg/graph"
)

// contrib is what an article supports, kept on its node as kg_contrib so
// that the next PutArticle or DeleteArticle can retract it.
type contrib struct {
	Nodes []ref `json:"nodes"`
	Rels  []ref `json:"rels"`
}

// ref names a node (Kind is its label) or a relation (Kind is its type).
type ref struct {
	ID   string `json:"id"`
	Kind string `json:"kind"`
}

// facts is one article's contribution, ready to apply.
type facts struct {
	article string
	parts   map[string]graph.Node      // node ID -> the node as the article gives it
	rels    map[string]*graph.Relation // relation ID -> the article's evidence for it
}

// PutArticle stores f in one managed write transaction: it locks the
// article and every node it touches, retracts what the article supported
// before, applies the new facts and recomputes the merged nodes and the
// relations' evidence. It returns ErrInvalid, storing nothing, when f fails
// Validate, ErrUnavailable when the server cannot be reached, and
// ErrConflict when the transaction kept failing on concurrent writes after
// the driver's retries.
func (s *Store) PutArticle(ctx context.Context, f *graph.ArticleFacts) error {
	if f == nil {
		return fmt.Errorf("neo4j: put article: %w: nil facts", graph.ErrInvalid)
	}
	c := cloneFacts(f)
	if err := c.Validate(); err != nil {
		return fmt.Errorf("neo4j: put article %s: %w", f.Article.ID, err)
	}
	nf := newFacts(&c)
	return s.write(ctx, "put article "+c.Article.ID, func(tx neo4j.ManagedTransaction) error {
		return apply(ctx, tx, c.Article.ID, nf)
	})
}

// DeleteArticle retracts an article and everything only it supported, in
// one managed write transaction. It returns ErrNotFound when no such article
// is stored, and the errors of PutArticle otherwise.
func (s *Store) DeleteArticle(ctx context.Context, articleID string) error {
	return s.write(ctx, "delete article "+articleID, func(tx neo4j.ManagedTransaction) error {
		return apply(ctx, tx, articleID, nil)
	})
}

func cloneFacts(f *graph.ArticleFacts) graph.ArticleFacts {
	c := graph.ArticleFacts{Article: f.Article}
	c.Article.Aliases = append([]string(nil), f.Article.Aliases...)
	for _, n := range f.Nodes {
		n.Aliases = append([]string(nil), n.Aliases...)
		c.Nodes = append(c.Nodes, n)
	}
	for _, r := range f.Relations {
		r.Evidence = append([]graph.Evidence(nil), r.Evidence...)
		c.Relations = append(c.Relations, r)
	}
	return c
}

// newFacts computes an article's contribution: for each node the merge of
// the article's listings of it, in the order given, and for each relation
// the evidence of all its listings.
func newFacts(f *graph.ArticleFacts) *facts {
	listings := map[string][]graph.Node{f.Article.ID: {f.Article}}
	for _, n := range f.Nodes {
		listings[n.ID] = append(listings[n.ID], n)
	}
	nf := &facts{article: f.Article.ID, parts: map[string]graph.Node{}, rels: map[string]*graph.Relation{}}
	for id, l := range listings {
		nf.parts[id] = graph.MergeNodes(l)
	}
	for _, r := range f.Relations {
		x, ok := nf.rels[r.ID]
		if !ok {
			c := r
			c.Evidence = nil
			x = &c
			nf.rels[r.ID] = x
		}
		x.Evidence = append(x.Evidence, r.Evidence...)
	}
	for _, r := range nf.rels {
		r.Evidence = graph.SortEvidence(r.Evidence)
	}
	return nf
}

// apply replaces the contribution of article aid with nf (nil retracts it)
// inside tx.
func apply(ctx context.Context, tx neo4j.ManagedTransaction, aid string, nf *facts) error {
	old, found, err := lockArticle(ctx, tx, aid, nf != nil)
	if err != nil {
		return err
	}
	if nf == nil && !found {
		return errKG{fmt.Errorf("%w: article %q", graph.ErrNotFound, aid)}
	}
	if nf == nil {
		nf = &facts{article: aid}
	}

	// Every node the article supported or supports, by label.
	nodeIDs := map[graph.Label]map[string]bool{}
	addNode := func(l graph.Label, id string) {
		if nodeIDs[l] == nil {
			nodeIDs[l] = map[string]bool{}
		}
		nodeIDs[l][id] = true
	}
	addNode(graph.LabelArticle, aid)
	for _, r := range old.Nodes {
		addNode(graph.Label(r.Kind), r.ID)
	}
	for id, n := range nf.parts {
		addNode(n.Label, id)
	}
	relIDs := map[graph.RelType]map[string]bool{}
	for _, r := range old.Rels {
		if relIDs[graph.RelType(r.Kind)] == nil {
			relIDs[graph.RelType(r.Kind)] = map[string]bool{}
		}
		relIDs[graph.RelType(r.Kind)][r.ID] = true
	}
	for id, r := range nf.rels {
		if relIDs[r.Type] == nil {
			relIDs[r.Type] = map[string]bool{}
		}
		relIDs[r.Type][id] = true
	}

	// Lock the nodes (creating the new ones), then read what the other
	// articles contributed: under the locks nobody changes it before commit.
	parts := map[string]map[string]graph.Node{} // node ID -> article ID -> part
	for _, l := range graph.Labels {
		ids := sortedKeys(nodeIDs[l])
		if len(ids) == 0 {
			continue
		}
		recs, err := run(ctx, tx, fmt.Sprintf(
			`UNWIND $ids AS id
			 MERGE (n:%s {id: id})
			 SET n.kg_lock = true REMOVE n.kg_lock
			 RETURN n.id AS id, n.kg_parts AS parts`, l), map[string]any{"ids": ids})
		if err != nil {
			return err
		}
		for _, rec := range recs {
			id, _ := rec.Values[0].(string)
			p := map[string]graph.Node{}
			if js, ok := rec.Values[1].(string); ok && js != "" {
				if err := json.Unmarshal([]byte(js), &p); err != nil {
					return errKG{fmt.Errorf("node %s: bad kg_parts: %v", id, err)}
				}
			}
			parts[id] = p
		}
	}
	evidence := map[string][]graph.Evidence{}
	for _, t := range graph.RelTypes {
		ids := sortedKeys(relIDs[t])
		if len(ids) == 0 {
			continue
		}
		recs, err := run(ctx, tx, fmt.Sprintf(
			`UNWIND $ids AS id
			 MATCH ()-[r:%s {id: id}]->()
			 RETURN r.id AS id, r.evidence AS evidence`, t), map[string]any{"ids": ids})
		if err != nil {
			return err
		}
		for _, rec := range recs {
			id, _ := rec.Values[0].(string)
			var ev []graph.Evidence
			if js, ok := rec.Values[1].(string); ok && js != "" {
				if err := json.Unmarshal([]byte(js), &ev); err != nil {
					return errKG{fmt.Errorf("relation %s: bad evidence: %v", id, err)}
				}
			}
			evidence[id] = ev
		}
	}

	// Relations first: a node is only deleted once nothing supports it, and
	// then no relation of another article can touch it either.
	var cur contrib
	for _, t := range graph.RelTypes {
		var drop []string
		var keep []map[string]any
		for _, id := range sortedKeys(relIDs[t]) {
			var ev []graph.Evidence
			for _, e := range evidence[id] {
				if e.ArticleID != aid {
					ev = append(ev, e)
				}
			}
			if r, ok := nf.rels[id]; ok {
				ev = append(ev, r.Evidence...)
				cur.Rels = append(cur.Rels, ref{ID: id, Kind: string(t)})
			}
			ev = graph.SortEvidence(ev)
			if len(ev) == 0 {
				drop = append(drop, id)
				continue
			}
			if _, ok := nf.rels[id]; !ok {
				keep = append(keep, map[string]any{"id": id, "props": relProps(id, "", ev)})
			}
			evidence[id] = ev
		}
		if len(drop) > 0 {
			if _, err := run(ctx, tx, fmt.Sprintf(
				`UNWIND $ids AS id MATCH ()-[r:%s {id: id}]->() DELETE r`, t), map[string]any{"ids": drop}); err != nil {
				return err
			}
		}
		if len(keep) > 0 {
			if _, err := run(ctx, tx, fmt.Sprintf(
				`UNWIND $rows AS row MATCH ()-[r:%s {id: row.id}]->() SET r.evidence = row.props.evidence, r.articles = row.props.articles`, t),
				map[string]any{"rows": keep}); err != nil {
				return err
			}
		}
	}

	nodeLabel := map[string]graph.Label{}
	for _, l := range graph.Labels {
		var drop []string
		var set []map[string]any
		for _, id := range sortedKeys(nodeIDs[l]) {
			nodeLabel[id] = l
			p := parts[id]
			delete(p, aid)
			if n, ok := nf.parts[id]; ok && n.Label == l {
				p[aid] = n
				if id != aid {
					cur.Nodes = append(cur.Nodes, ref{ID: id, Kind: string(l)})
				}
			}
			if len(p) == 0 {
				drop = append(drop, id)
				continue
			}
			props, err := nodeProps(id, p)
			if err != nil {
				return errKG{err}
			}
			set = append(set, map[string]any{"id": id, "props": props})
		}
		if l == graph.LabelArticle {
			for _, row := range set {
				if row["id"] == aid {
					js, err := json.Marshal(cur)
					if err != nil {
						return errKG{err}
					}
					row["props"].(map[string]any)["kg_contrib"] = string(js)
				}
			}
		}
		if len(drop) > 0 {
			if _, err := run(ctx, tx, fmt.Sprintf(
				`UNWIND $ids AS id MATCH (n:%s {id: id}) DETACH DELETE n`, l), map[string]any{"ids": drop}); err != nil {
				return err
			}
		}
		if len(set) > 0 {
			if _, err := run(ctx, tx, fmt.Sprintf(
				`UNWIND $rows AS row MATCH (n:%s {id: row.id}) SET n = row.props`, l), map[string]any{"rows": set}); err != nil {
				return err
			}
		}
	}

	// The article's relations, created where new; their ends are locked.
	type group struct {
		t        graph.RelType
		from, to graph.Label
	}
	groups := map[group][]map[string]any{}
	for _, id := range sortedKeys(nf.rels) {
		r := nf.rels[id]
		g := group{r.Type, nodeLabel[r.From], nodeLabel[r.To]}
		groups[g] = append(groups[g], map[string]any{
			"id": id, "from": r.From, "to": r.To, "props": relProps(id, r.Role, evidence[id]),
		})
	}
	keys := make([]group, 0, len(groups))
	for g := range groups {
		keys = append(keys, g)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.t != b.t {
			return a.t < b.t
		}
		if a.from != b.from {
			return a.from < b.from
		}
		return a.to < b.to
	})
	for _, g := range keys {
		if _, err := run(ctx, tx, fmt.Sprintf(
			`UNWIND $rows AS row
			 MATCH (x:%s {id: row.from})
			 MATCH (y:%s {id: row.to})
			 MERGE (x)-[r:%s {id: row.id}]->(y)
			 SET r = row.props`, g.from, g.to, g.t), map[string]any{"rows": groups[g]}); err != nil {
			return err
		}
	}
	return nil
}

// lockArticle locks the article's node (creating it when create is set)
// and returns what the article supported so far.
func lockArticle(ctx context.Context, tx neo4j.ManagedTransaction, aid string, create bool) (contrib, bool, error) {
	q := `MATCH (a:Article {id: $id})`
	if create {
		q = `MERGE (a:Article {id: $id})`
	}
	recs, err := run(ctx, tx, q+` SET a.kg_lock = true REMOVE a.kg_lock RETURN a.kg_contrib AS c`, map[string]any{"id": aid})
	if err != nil || len(recs) == 0 {
		return contrib{}, false, err
	}
	var c contrib
	js, ok := recs[0].Values[0].(string)
	if !ok || js == "" {
		// Created just now, or by a transaction that never finished
		// (impossible: it would have been rolled back).
		return c, false, nil
	}
	if err := json.Unmarshal([]byte(js), &c); err != nil {
		return c, false, errKG{fmt.Errorf("article %s: bad kg_contrib: %v", aid, err)}
	}
	return c, true, nil
}

// nodeProps returns the properties of the node merged from parts.
func nodeProps(id string, parts map[string]graph.Node) (map[string]any, error) {
	aids := sortedKeys(parts)
	list := make([]graph.Node, len(aids))
	for i, a := range aids {
		list[i] = parts[a]
	}
	m := graph.MergeNodes(list)
	js, err := json.Marshal(parts)
	if err != nil {
		return nil, err
	}
	p := map[string]any{
		"id":        id,
		"name":      m.Name,
		"kg_parts":  string(js),
		"kg_search": searchTokens(&m),
	}
	if len(m.Aliases) > 0 {
		p["aliases"] = m.Aliases
	}
	for k, v := range map[string]string{
		"title": m.Title, "kind": string(m.Kind), "date": m.Date, "endDate": m.EndDate,
		"partOfDay": m.PartOfDay, "source": m.Source, "published": m.Published, "text": m.Text,
	} {
		if v != "" {
			p[k] = v
		}
	}
	return p, nil
}

// relProps returns the properties of a relation with evidence ev.
func relProps(id, role string, ev []graph.Evidence) map[string]any {
	js, _ := json.Marshal(ev) // Evidence always marshals
	var arts []string
	for _, e := range ev {
		if len(arts) == 0 || arts[len(arts)-1] != e.ArticleID {
			arts = append(arts, e.ArticleID)
		}
	}
	p := map[string]any{"id": id, "evidence": string(js), "articles": arts}
	if role != "" {
		p["role"] = role
	}
	return p
}

// searchTokens returns the full-text tokens of a node: the character pairs
// of the search keys of its name and aliases (graph.Bigrams), and each of
// their characters marked with a leading #.
func searchTokens(n *graph.Node) string {
	seen := map[string]bool{}
	var toks []string
	add := func(t string) {
		if !seen[t] {
			seen[t] = true
			toks = append(toks, t)
		}
	}
	for _, name := range append([]string{n.Name}, n.Aliases...) {
		key := graph.SearchKey(name)
		grams := graph.Bigrams(key)
		sort.Strings(grams)
		for _, g := range grams {
			add(g)
		}
		for _, r := range key {
			add("#" + string(r))
		}
	}
	return strings.Join(toks, " ")
}

// run runs one query in tx and collects its records.
func run(ctx context.Context, tx neo4j.ManagedTransaction, q string, params map[string]any) ([]*neo4j.Record, error) {
	res, err := tx.Run(ctx, q, params)
	if err != nil {
		return nil, err
	}
	return res.Collect(ctx)
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
