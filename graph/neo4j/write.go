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
	parts map[string]graph.Node      // node ID -> the node as the article gives it
	rels  map[string]*graph.Relation // relation ID -> the article's evidence for it
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
	ch := []change{{aid: c.Article.ID, nf: newFacts(&c)}}
	return s.write(ctx, "put article "+c.Article.ID, func(tx neo4j.ManagedTransaction) error {
		return apply(ctx, tx, ch)
	})
}

// DeleteArticle retracts an article and everything only it supported, in
// one managed write transaction. It returns ErrNotFound when no such article
// is stored, and the errors of PutArticle otherwise.
func (s *Store) DeleteArticle(ctx context.Context, articleID string) error {
	return s.write(ctx, "delete article "+articleID, func(tx neo4j.ManagedTransaction) error {
		return apply(ctx, tx, []change{{aid: articleID}})
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
	nf := &facts{parts: map[string]graph.Node{}, rels: map[string]*graph.Relation{}}
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

// The write queries. Their texts are fixed, so that the server plans each
// once: labels and relationship types, which Cypher cannot take as
// parameters in patterns, are written out for each member of graph.Labels
// and graph.RelTypes. Rows of many labels or types come in one map
// parameter keyed by label or type (see byKind), so that each part of a
// query reads only its own rows: filtering one list by kind instead would
// let the planner seek every row in every part's index before the filter.
// A map parameter has one type whatever it holds (the plan cache keys on
// parameter types, and an empty list has a type of its own). Once a
// transaction has found a node or relationship it goes back to it by
// element ID.
var (
	// lockNodesQuery locks the nodes with the IDs $ids, whatever their
	// labels (a write takes a node's exclusive lock until commit), and
	// reads what the articles contributed to them.
	lockNodesQuery = unionQuery(labelNames(), func(l string) string {
		return "MATCH (n:" + l + ") WHERE n.id IN $ids RETURN n"
	}) + ` WITH n ORDER BY n.id
		SET n.kg_lock = true REMOVE n.kg_lock
		RETURN n.id AS id, head(labels(n)) AS label, elementId(n) AS eid, n.kg_parts AS parts`

	// createNodesQuery creates the nodes that $rows lists by label ({id,
	// props}) with their properties, or, should another transaction have
	// been first, locks them. It answers null parts for the nodes it
	// created.
	createNodesQuery = unionQuery(labelNames(), func(l string) string {
		return "UNWIND $rows." + l + " AS row MERGE (n:" + l + " {id: row.id}) ON CREATE SET n = row.props RETURN n, row"
	}) + ` WITH n, row, n.kg_parts AS parts
		SET n.kg_lock = true REMOVE n.kg_lock
		SET n.kg_parts = coalesce(parts, row.parts)
		RETURN n.id AS id, head(labels(n)) AS label, elementId(n) AS eid, parts`

	// readRelsQuery finds the relationships whose IDs $rows lists by type,
	// by the uniqueness constraints' indexes (without the hint the planner,
	// knowing nothing of the lists' lengths, may scan a whole index).
	readRelsQuery = unionQuery(relTypeNames(), func(t string) string {
		return "UNWIND $rows." + t + " AS rid MATCH ()-[r:" + t + " {id: rid}]->() USING INDEX r:" + t + "(id) RETURN r"
	}) + ` RETURN r.id AS id, elementId(r) AS eid, r.evidence AS evidence`

	// createRelsQuery creates the relationships that $rows lists by type
	// ({from, to, props}), between nodes given by element ID.
	createRelsQuery = unionQuery(relTypeNames(), func(t string) string {
		return "UNWIND $rows." + t + ` AS row
			MATCH (x) WHERE elementId(x) = row.from
			MATCH (y) WHERE elementId(y) = row.to
			CREATE (x)-[r:` + t + `]->(y) SET r = row.props
			RETURN count(r) AS created`
	}) + ` RETURN sum(created) AS created`
)

const (
	dropRelsQuery = `UNWIND $eids AS eid MATCH ()-[r]->() WHERE elementId(r) = eid DELETE r`
	setRelsQuery  = `UNWIND $rows AS row MATCH ()-[r]->() WHERE elementId(r) = row.eid
		SET r.evidence = row.evidence, r.articles = row.articles`
	dropNodesQuery = `UNWIND $eids AS eid MATCH (n) WHERE elementId(n) = eid DETACH DELETE n`
	// setNodesQuery also moves a node to the label its merged parts now
	// give it (graph keys nodes by ID alone).
	setNodesQuery = `UNWIND $rows AS row MATCH (n) WHERE elementId(n) = row.eid
		SET n = row.props
		WITH n, row WHERE row.label <> row.old
		REMOVE n:$(row.old) SET n:$(row.label)`
)

// unionQuery joins one subquery per name into CALL { … UNION ALL … }.
func unionQuery(names []string, part func(string) string) string {
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = part(n)
	}
	return "CALL { " + strings.Join(parts, " UNION ALL ") + " }"
}

func relTypeNames() []string {
	out := make([]string, len(graph.RelTypes))
	for i, t := range graph.RelTypes {
		out[i] = string(t)
	}
	return out
}

func labelNames() []string {
	out := make([]string, len(graph.Labels))
	for i, l := range graph.Labels {
		out[i] = string(l)
	}
	return out
}

// change is what a transaction does to one article: store its new
// contribution nf, or retract it when nf is nil.
type change struct {
	aid string
	nf  *facts
}

// apply makes the changes, each to a different article, inside tx, in at
// most nine queries whatever their number and size: every query takes the
// rows of all the changes at once. Either all changes store facts, or one
// retracts an article.
func apply(ctx context.Context, tx neo4j.ManagedTransaction, changes []change) error {
	put := changes[0].nf != nil
	aids := make([]string, len(changes))
	inBatch := map[string]bool{}
	for i, c := range changes {
		aids[i] = c.aid
		inBatch[c.aid] = true
	}
	olds, err := lockArticles(ctx, tx, aids, put)
	if err != nil {
		return err
	}
	if !put {
		if _, found := olds[changes[0].aid]; !found {
			return errKG{fmt.Errorf("%w: article %q", graph.ErrNotFound, changes[0].aid)}
		}
		changes = []change{{aid: changes[0].aid, nf: &facts{}}}
	}

	// Every node the articles supported or support, locked, and created
	// where new; under the locks nobody changes what the other articles
	// contributed before this transaction commits. A node is found by its
	// ID whatever its label, as graph keys nodes by ID alone.
	ids := append([]string(nil), aids...)
	newParts := map[string][]graph.Node{} // node ID -> its parts from the changes, in change order
	partOf := map[string][]string{}       // node ID -> the articles of newParts
	for _, c := range changes {
		for _, r := range olds[c.aid].Nodes {
			ids = append(ids, r.ID)
		}
		for id, p := range c.nf.parts {
			ids = append(ids, id)
			newParts[id] = append(newParts[id], p)
			partOf[id] = append(partOf[id], c.aid)
		}
	}
	recs, err := run(ctx, tx, lockNodesQuery, map[string]any{"ids": uniqueSorted(ids)})
	if err != nil {
		return err
	}
	exists := map[string]bool{}
	for _, rec := range recs {
		id, _ := rec.Values[0].(string)
		exists[id] = true
	}
	// New nodes are created whole: only the changes contribute to them.
	missing := map[string]any{} // label -> []map[string]any
	for _, id := range sortedKeys(newParts) {
		if exists[id] {
			continue
		}
		parts := map[string]graph.Node{}
		for i, p := range newParts[id] {
			parts[partOf[id][i]] = p
		}
		props, label, err := nodeProps(parts)
		if err != nil {
			return errKG{err}
		}
		js := props["kg_parts"]
		delete(props, "kg_parts")
		rows, _ := missing[string(label)].([]map[string]any)
		missing[string(label)] = append(rows, map[string]any{"id": id, "props": props, "parts": js})
	}
	if len(missing) > 0 {
		more, err := run(ctx, tx, createNodesQuery, map[string]any{"rows": missing})
		if err != nil {
			return err
		}
		recs = append(recs, more...)
	}
	type stored struct {
		id, label, eid string
		parts          map[string]graph.Node
		fresh          bool // created whole by this transaction
	}
	var nodes []*stored
	byID := map[string]*stored{}
	fresh := map[string]bool{} // nodes created by this transaction, which no relation touches yet
	for _, rec := range recs {
		n := &stored{parts: map[string]graph.Node{}}
		n.id, _ = rec.Values[0].(string)
		n.label, _ = rec.Values[1].(string)
		n.eid, _ = rec.Values[2].(string)
		if js, ok := rec.Values[3].(string); ok && js != "" {
			if err := json.Unmarshal([]byte(js), &n.parts); err != nil {
				return errKG{fmt.Errorf("node %s: bad kg_parts: %v", n.id, err)}
			}
		} else {
			// Every node a transaction commits has kg_parts.
			fresh[n.id] = true
			n.fresh = !exists[n.id]
		}
		for a := range n.parts {
			if inBatch[a] {
				delete(n.parts, a)
			}
		}
		if ps, ok := newParts[n.id]; ok && byID[n.id] == nil {
			for i, p := range ps {
				n.parts[partOf[n.id][i]] = p
			}
			byID[n.id] = n
		}
		nodes = append(nodes, n)
	}

	// The relations the articles supported or support, with their
	// evidence; a relation at a node created just now is new.
	var refs []ref
	newRels := map[string]*graph.Relation{} // relation ID -> the changes' evidence for it
	for _, c := range changes {
		refs = append(refs, olds[c.aid].Rels...)
		for id, r := range c.nf.rels {
			if !fresh[r.From] && !fresh[r.To] {
				refs = append(refs, ref{ID: id, Kind: string(r.Type)})
			}
			x, ok := newRels[id]
			if !ok {
				cp := *r
				cp.Evidence = nil
				x = &cp
				newRels[id] = x
			}
			x.Evidence = append(x.Evidence, r.Evidence...)
		}
	}
	recs = nil
	if len(refs) > 0 {
		recs, err = run(ctx, tx, readRelsQuery, map[string]any{"rows": byKind(refs)})
		if err != nil {
			return err
		}
	}
	relEID := map[string]string{}
	var dropRels []string
	var setRels []map[string]any
	for _, rec := range recs {
		id, _ := rec.Values[0].(string)
		eid, _ := rec.Values[1].(string)
		var ev []graph.Evidence
		if js, ok := rec.Values[2].(string); ok && js != "" {
			if err := json.Unmarshal([]byte(js), &ev); err != nil {
				return errKG{fmt.Errorf("relation %s: bad evidence: %v", id, err)}
			}
		}
		relEID[id] = eid
		kept := ev[:0]
		for _, e := range ev {
			if !inBatch[e.ArticleID] {
				kept = append(kept, e)
			}
		}
		if r, ok := newRels[id]; ok {
			kept = append(kept, r.Evidence...)
		}
		kept = graph.SortEvidence(kept)
		if len(kept) == 0 {
			dropRels = append(dropRels, eid)
			continue
		}
		js, arts := evidenceProps(kept)
		setRels = append(setRels, map[string]any{"eid": eid, "evidence": js, "articles": arts})
	}

	create := map[string]any{} // relation type -> []map[string]any
	for _, id := range sortedKeys(newRels) {
		if _, ok := relEID[id]; ok {
			continue
		}
		r := newRels[id]
		from, to := byID[r.From], byID[r.To]
		if from == nil || to == nil {
			return errKG{fmt.Errorf("relation %s: an end is not among the article's nodes", id)}
		}
		js, arts := evidenceProps(graph.SortEvidence(r.Evidence))
		props := map[string]any{"id": id, "evidence": js, "articles": arts}
		if r.Role != "" {
			props["role"] = r.Role
		}
		rows, _ := create[string(r.Type)].([]map[string]any)
		create[string(r.Type)] = append(rows, map[string]any{"from": from.eid, "to": to.eid, "props": props})
	}

	// What each article now supports, for its node's kg_contrib.
	contribs := map[string]string{}
	for _, c := range changes {
		var cur contrib
		for _, id := range sortedKeys(c.nf.rels) {
			cur.Rels = append(cur.Rels, ref{ID: id, Kind: string(c.nf.rels[id].Type)})
		}
		for _, id := range sortedKeys(c.nf.parts) {
			if id != c.aid {
				cur.Nodes = append(cur.Nodes, ref{ID: id, Kind: string(c.nf.parts[id].Label)})
			}
		}
		js, err := json.Marshal(cur)
		if err != nil {
			return errKG{err}
		}
		contribs[c.aid] = string(js)
	}

	var dropNodes []string
	var setNodes []map[string]any
	for _, n := range nodes {
		if n.fresh {
			continue
		}
		if len(n.parts) == 0 {
			dropNodes = append(dropNodes, n.eid)
			continue
		}
		props, label, err := nodeProps(n.parts)
		if err != nil {
			return errKG{err}
		}
		if js, ok := contribs[n.id]; ok && byID[n.id] == n {
			props["kg_contrib"] = js
		}
		setNodes = append(setNodes, map[string]any{"eid": n.eid, "props": props, "label": string(label), "old": n.label})
	}

	// Relations go before nodes: a node is deleted only once nothing
	// supports it, and then no other article's relation touches it.
	if len(dropRels) > 0 {
		if _, err := run(ctx, tx, dropRelsQuery, map[string]any{"eids": dropRels}); err != nil {
			return err
		}
	}
	if len(setRels) > 0 {
		if _, err := run(ctx, tx, setRelsQuery, map[string]any{"rows": setRels}); err != nil {
			return err
		}
	}
	if len(dropNodes) > 0 {
		if _, err := run(ctx, tx, dropNodesQuery, map[string]any{"eids": dropNodes}); err != nil {
			return err
		}
	}
	if len(setNodes) > 0 {
		if _, err := run(ctx, tx, setNodesQuery, map[string]any{"rows": setNodes}); err != nil {
			return err
		}
	}
	if len(create) > 0 {
		if _, err := run(ctx, tx, createRelsQuery, map[string]any{"rows": create}); err != nil {
			return err
		}
	}
	return nil
}

// byKind groups the IDs of refs by Kind, each list sorted (so that
// transactions take locks in one order) and each ID once.
func byKind(refs []ref) map[string]any {
	ids := map[string][]string{}
	for _, r := range refs {
		ids[r.Kind] = append(ids[r.Kind], r.ID)
	}
	out := make(map[string]any, len(ids))
	for k, l := range ids {
		out[k] = uniqueSorted(l)
	}
	return out
}

// lockArticlesQuery locks the Article nodes with the IDs $ids, creating
// them where missing, and reads what each article supported so far;
// findArticlesQuery does the same for stored articles only.
const (
	lockArticlesQuery = `UNWIND $ids AS id MERGE (a:Article {id: id})
		SET a.kg_lock = true REMOVE a.kg_lock RETURN a.id AS id, a.kg_contrib AS c`
	findArticlesQuery = `UNWIND $ids AS id MATCH (a:Article {id: id})
		SET a.kg_lock = true REMOVE a.kg_lock RETURN a.id AS id, a.kg_contrib AS c`
)

// lockArticles locks the nodes of the articles aids (creating them when
// create is set) and returns what each stored article supported so far,
// keyed by article ID. An article created just now, or stored without a
// contribution, has no entry.
func lockArticles(ctx context.Context, tx neo4j.ManagedTransaction, aids []string, create bool) (map[string]contrib, error) {
	q := findArticlesQuery
	if create {
		q = lockArticlesQuery
	}
	recs, err := run(ctx, tx, q, map[string]any{"ids": aids})
	if err != nil {
		return nil, err
	}
	out := map[string]contrib{}
	for _, rec := range recs {
		aid, _ := rec.Values[0].(string)
		js, ok := rec.Values[1].(string)
		if !ok || js == "" {
			// Created just now, or by a transaction that never
			// finished (impossible: it would have been rolled back).
			continue
		}
		var c contrib
		if err := json.Unmarshal([]byte(js), &c); err != nil {
			return nil, errKG{fmt.Errorf("article %s: bad kg_contrib: %v", aid, err)}
		}
		out[aid] = c
	}
	return out, nil
}

// nodeProps returns the properties and the label of the node merged from
// parts.
func nodeProps(parts map[string]graph.Node) (map[string]any, graph.Label, error) {
	aids := sortedKeys(parts)
	list := make([]graph.Node, len(aids))
	for i, a := range aids {
		list[i] = parts[a]
	}
	m := graph.MergeNodes(list)
	js, err := json.Marshal(parts)
	if err != nil {
		return nil, "", err
	}
	p := map[string]any{
		"id":        m.ID,
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
	return p, m.Label, nil
}

// evidenceProps returns a relation's evidence property (JSON) and its
// articles property (the supporting article IDs, sorted).
func evidenceProps(ev []graph.Evidence) (string, []string) {
	js, _ := json.Marshal(ev) // Evidence always marshals
	arts := []string{}
	for _, e := range ev {
		if len(arts) == 0 || arts[len(arts)-1] != e.ArticleID {
			arts = append(arts, e.ArticleID)
		}
	}
	return string(js), arts
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
