package neo4j

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgproject/kg/graph"
)

// facts is one article's contribution, ready to apply.
type facts struct {
	parts map[string]graph.Node      // node ID -> the node as the article gives it
	rels  map[string]*graph.Relation // relation ID -> the article's evidence for it
}

// PutArticle stores f in one write transaction: it locks the article and
// every node it touches, replaces the article's part and evidence records
// (see apply) and updates the merged nodes and the relationships. It returns ErrInvalid, storing nothing, when f fails
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
// transaction has found a node, relationship or record it goes back to it
// by element ID.
//
// Every lookup is pinned to its index by a hint (USING INDEX SEEK) or an
// element ID, so that a plan made on an empty database seeks as one made
// on a full one (without the hints the planner scanned whole indexes once
// per row); and since statistics can then change no plan for the better,
// each query asks the server not to plan it again when they drift
// (replan=skip): an emptied or fast-growing database otherwise replans
// every query every few transactions, a tenth of the server's work in a
// 1k-article load.
const replanSkip = "CYPHER replan=skip "

var (
	// lockNodesQuery locks the nodes with the IDs $ids, whatever their
	// labels (a write takes a node's exclusive lock until commit), and
	// reads their merged properties and the range of their parts'
	// articles.
	lockNodesQuery = replanSkip + unionQuery(labelNames(), func(l string) string {
		return "MATCH (n:" + l + ") USING INDEX SEEK n:" + l + "(id) WHERE n.id IN $ids RETURN n"
	}) + ` WITH n ORDER BY n.id
		SET n.kg_lock = true REMOVE n.kg_lock
		RETURN elementId(n) AS eid, ` + nodeProj("n") + ` AS node, n.kg_first AS first, n.kg_last AS last, false AS created`

	// createNodesQuery creates the nodes that $rows lists by label ({id,
	// props}) with their properties, or, should another transaction have
	// been first, locks them; created tells which.
	createNodesQuery = replanSkip + unionQuery(labelNames(), func(l string) string {
		return "UNWIND $rows." + l + " AS row MERGE (n:" + l + " {id: row.id}) ON CREATE SET n = row.props, n.kg_new = true RETURN n"
	}) + ` WITH n, n.kg_new IS NOT NULL AS created
		SET n.kg_lock = true REMOVE n.kg_lock, n.kg_new
		RETURN elementId(n) AS eid, ` + nodeProj("n") + ` AS node, n.kg_first AS first, n.kg_last AS last, created`

	// readRelsQuery finds the relationships whose IDs $rows lists by type,
	// by the uniqueness constraints' indexes (without the hint the planner,
	// knowing nothing of the lists' lengths, may scan a whole index).
	readRelsQuery = replanSkip + unionQuery(relTypeNames(), func(t string) string {
		return "UNWIND $rows." + t + " AS rid MATCH ()-[r:" + t + " {id: rid}]->() USING INDEX SEEK r:" + t + "(id) RETURN r"
	}) + ` RETURN r.id AS id`

	// dropBareRelsQuery deletes the relationships whose IDs $rows lists by
	// type that no article gives evidence for any more.
	dropBareRelsQuery = replanSkip + unionQuery(relTypeNames(), func(t string) string {
		return "UNWIND $rows." + t + " AS rid MATCH ()-[r:" + t + " {id: rid}]->() USING INDEX SEEK r:" + t + `(id)
			WHERE NOT EXISTS { MATCH (e:KgEvidence {r: rid}) USING INDEX SEEK e:KgEvidence(r) }
			DELETE r RETURN count(*) AS dropped`
	}) + ` RETURN sum(dropped) AS dropped`

	// createRelsQuery creates the relationships that $rows lists by type
	// ({from, to, props}), between nodes given by element ID.
	createRelsQuery = replanSkip + unionQuery(relTypeNames(), func(t string) string {
		return "UNWIND $rows." + t + ` AS row
			MATCH (x) WHERE elementId(x) = row.from
			MATCH (y) WHERE elementId(y) = row.to
			CREATE (x)-[r:` + t + `]->(y) SET r = row.props
			RETURN count(r) AS created`
	}) + ` RETURN sum(created) AS created`
)

const (
	// readOldQuery reads the KgArticle records of the articles $aids:
	// their group and the nodes and relations they contribute to.
	readOldQuery = replanSkip + `UNWIND $aids AS aid MATCH (k:KgArticle {a: aid}) USING INDEX SEEK k:KgArticle(a)
		RETURN elementId(k) AS eid, k.a AS a, k.g AS g, k.n AS n, k.r AS r`

	// groupRecordsQuery reads the KgPart records with the keys $parts
	// (t empty) and the KgEvidence records with the keys $evidence (t the
	// relation's type).
	groupRecordsQuery = replanSkip + `UNWIND $parts AS key MATCH (p:KgPart {k: key}) USING INDEX SEEK p:KgPart(k)
			RETURN elementId(p) AS eid, p.k AS k, '' AS t, p.v AS v
		UNION ALL UNWIND $evidence AS key MATCH (e:KgEvidence {k: key}) USING INDEX SEEK e:KgEvidence(k)
			RETURN elementId(e) AS eid, e.k AS k, e.t AS t, e.v AS v`

	// partsQuery reads every KgPart record of the nodes $ids.
	partsQuery = replanSkip + `UNWIND $ids AS id MATCH (p:KgPart {n: id}) USING INDEX SEEK p:KgPart(n) RETURN p.n AS id, p.v AS v`

	// recordsQuery deletes the records $drop (element IDs), sets the
	// properties $set ({eid, p}) of records and creates the parts $parts,
	// the evidence records $evidence and the KgArticle records $articles
	// (their properties).
	recordsQuery = replanSkip + `CALL { UNWIND $drop AS eid MATCH (x) WHERE elementId(x) = eid DELETE x }
		CALL { UNWIND $set AS row MATCH (x) WHERE elementId(x) = row.eid SET x += row.p }
		CALL { UNWIND $parts AS row CREATE (p:KgPart) SET p = row }
		CALL { UNWIND $evidence AS row CREATE (e:KgEvidence) SET e = row }
		CALL { UNWIND $articles AS row CREATE (k:KgArticle) SET k = row }
		RETURN count(*) AS done`

	dropNodesQuery = replanSkip + `UNWIND $eids AS eid MATCH (n) WHERE elementId(n) = eid DETACH DELETE n`
	// setNodesQuery also moves a node to the label its merged parts now
	// give it (graph keys nodes by ID alone).
	setNodesQuery = replanSkip + `UNWIND $rows AS row MATCH (n) WHERE elementId(n) = row.eid
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

// touches returns the nodes and the relations the change's article
// contributed to before (old, its KgArticle; nil for an article new to the
// store) and contributes to now, the former first, with repeats.
func (c change) touches(old *kgArticle) (nodes, rels []string) {
	if old != nil {
		nodes, rels = slices.Clone(old.nodes), slices.Clone(old.rels)
	}
	return append(nodes, sortedKeys(c.nf.parts)...), append(rels, sortedKeys(c.nf.rels)...)
}

// kgArticle is an article's KgArticle record: the group whose KgPart and
// KgEvidence records hold its contribution, the nodes it gives parts of
// and the relations it gives evidence for (sorted).
type kgArticle struct {
	eid, group  string
	nodes, rels []string
}

// evidenceRecord is a KgEvidence record: the evidence the articles of one
// group give for one relation (JSON v), of type typ.
type evidenceRecord struct {
	eid, typ, v string
	ev          []graph.Evidence
}

// stringList returns the strings of a list value.
func stringList(v any) []string {
	l, _ := v.([]any)
	out := make([]string, 0, len(l))
	for _, x := range l {
		s, _ := x.(string)
		out = append(out, s)
	}
	return out
}

// partRecord is a KgPart record: the parts of one node given by the
// articles of one group, by article.
type partRecord struct {
	eid   string
	parts map[string]json.RawMessage
}

// recordKey returns the key of the KgPart record of node n, or the
// KgEvidence record of relation n, of group g.
func recordKey(g, n string) string { return g + " " + n }

// splitRecordKey returns the group and the node or relation of a record's
// key.
func splitRecordKey(key string) (g, n string) {
	g, n, _ = strings.Cut(key, " ")
	return g, n
}

// newGroupID returns a group ID no other transaction makes: 128 random
// bits in hex.
func newGroupID() string {
	var b [16]byte
	rand.Read(b[:]) // never fails
	return hex.EncodeToString(b[:])
}

// stored is a node as a transaction found or created it.
type stored struct {
	eid         string
	node        graph.Node // the merge of its parts
	first, last string     // the least and greatest article of its parts; "" for none
	created     bool       // created by this transaction, from its parts
}

// apply makes the changes, each to a different article, inside tx. Each
// article's contribution is kept in records apart from the graph, by
// group: the articles a transaction stores first make a group, and one
// KgPart per node (the node as each article of the group gives it) and
// one KgEvidence per relation (the group's evidence for it) hold the
// group's contribution; an article's KgArticle names its group and what it
// contributes to. A transaction thus reads and writes only the records of
// its articles' groups for the nodes and relations they touch, whatever
// else supports them, and a batch of articles writes one record per node
// and relation rather than one per article and node or relation. Merged
// nodes are kept incrementally: new parts fold into the stored merge (see
// fold), and only a node losing or changing a part is merged again from
// all its parts. Every query takes the rows of all the changes at once.
// Either all changes store facts, or one retracts an article.
//
// apply runs its phases in order, each a method of applier: read what the
// articles contributed before, gather what they contribute now, lock the
// nodes and read their records, create the new nodes, merge the others
// again, work out the records and the new relations, and write.
func apply(ctx context.Context, tx neo4j.ManagedTransaction, changes []change) error {
	a := &applier{tx: tx, changes: changes, put: changes[0].nf != nil}
	if err := a.readOld(ctx); err != nil {
		return err
	}
	if err := a.gatherNew(); err != nil {
		return err
	}
	if err := a.lockNodes(ctx); err != nil {
		return err
	}
	if err := a.createNodes(ctx); err != nil {
		return err
	}
	if err := a.mergeNodes(ctx); err != nil {
		return err
	}
	if err := a.partRecords(); err != nil {
		return err
	}
	a.evidenceRecords()
	a.articleRecords()
	if err := a.newRelations(ctx); err != nil {
		return err
	}
	return a.write(ctx)
}

// applier is one apply under way: the changes, what their articles
// contributed before and contribute now, the stored nodes and records
// they touch, and the writes the phases gather for write.
type applier struct {
	tx      neo4j.ManagedTransaction
	changes []change
	put     bool // the changes store facts; else one retracts an article

	inBatch map[string]bool       // the changes' articles
	oldArts map[string]*kgArticle // article -> its KgArticle
	groupOf map[string]string     // article -> its group

	newParts map[string]map[string]graph.Node      // node ID -> article -> its part
	partJS   map[string]map[string]string          // node ID -> article -> its part's JSON
	newEv    map[string]map[string]*graph.Relation // relation ID -> article -> its listing

	ids        []string                     // every node the articles supported or support, with repeats
	groupParts map[string]*partRecord       // key -> the record
	groupEv    map[string]*evidenceRecord   // key -> the record
	oldParts   map[string]map[string]string // node ID -> article -> its part's JSON
	oldEv      map[string]string            // relation ID -> its type, when an article gave evidence for it
	byID       map[string]*stored

	// The writes: nodes to drop and to set, records to drop, set and
	// create, relations that may have lost their last evidence (by type)
	// and relations to create (by type).
	dropNodes                      []string
	setNodes                       []map[string]any
	drop                           []string
	set, partRows, evRows, artRows []map[string]any
	bare                           map[string][]string
	create                         map[string]any
}

// readOld locks the articles and reads what they contributed so far: the
// group of their records and the nodes and relations they contribute to.
// A retraction becomes a change to no facts; it returns ErrNotFound when
// the article to retract is not stored.
func (a *applier) readOld(ctx context.Context) error {
	aids := make([]string, len(a.changes))
	a.inBatch = map[string]bool{}
	for i, c := range a.changes {
		aids[i] = c.aid
		a.inBatch[c.aid] = true
	}
	if err := lockArticles(ctx, a.tx, aids, a.put); err != nil {
		return err
	}
	recs, err := run(ctx, a.tx, readOldQuery, map[string]any{"aids": aids})
	if err != nil {
		return err
	}
	a.oldArts = map[string]*kgArticle{}
	for _, rec := range recs {
		aid, _ := rec.Values[1].(string)
		k := &kgArticle{nodes: stringList(rec.Values[3]), rels: stringList(rec.Values[4])}
		k.eid, _ = rec.Values[0].(string)
		k.group, _ = rec.Values[2].(string)
		a.oldArts[aid] = k
	}
	if !a.put {
		if len(a.oldArts) == 0 {
			return errKG{fmt.Errorf("%w: article %q", graph.ErrNotFound, a.changes[0].aid)}
		}
		a.changes = []change{{aid: a.changes[0].aid, nf: &facts{}}}
	}
	// Articles new to the store start a group of their own.
	newGroup := newGroupID()
	a.groupOf = map[string]string{}
	for _, c := range a.changes {
		a.groupOf[c.aid] = newGroup
		if k := a.oldArts[c.aid]; k != nil {
			a.groupOf[c.aid] = k.group
		}
	}
	return nil
}

// gatherNew gathers what the articles contribute now, with the JSON of
// each part.
func (a *applier) gatherNew() error {
	a.newParts, a.partJS, a.newEv = map[string]map[string]graph.Node{}, map[string]map[string]string{}, map[string]map[string]*graph.Relation{}
	for _, c := range a.changes {
		for id, p := range c.nf.parts {
			js, err := json.Marshal(p)
			if err != nil {
				return errKG{err}
			}
			if a.newParts[id] == nil {
				a.newParts[id], a.partJS[id] = map[string]graph.Node{}, map[string]string{}
			}
			a.newParts[id][c.aid], a.partJS[id][c.aid] = p, string(js)
		}
		for id, r := range c.nf.rels {
			if a.newEv[id] == nil {
				a.newEv[id] = map[string]*graph.Relation{}
			}
			a.newEv[id][c.aid] = r
		}
	}
	return nil
}

// lockNodes locks every node the articles supported or support and reads
// it, and reads the KgPart and KgEvidence records of the articles' groups
// for those nodes and their relations. Under the locks nobody changes what
// the other articles contributed before this transaction commits, nor the
// KgPart records of the nodes, which hold the parts of a group's articles.
// A node is found by its ID whatever its label, as graph keys nodes by ID
// alone. A relation's ends are among the nodes of each article giving
// evidence for it; a new group has no records.
func (a *applier) lockNodes(ctx context.Context) error {
	a.ids = sortedKeys(a.newParts)
	for _, k := range a.oldArts {
		a.ids = append(a.ids, k.nodes...)
	}
	locked, err := run(ctx, a.tx, lockNodesQuery, map[string]any{"ids": uniqueSorted(a.ids)})
	if err != nil {
		return err
	}
	a.groupParts, a.groupEv = map[string]*partRecord{}, map[string]*evidenceRecord{}
	a.oldParts, a.oldEv = map[string]map[string]string{}, map[string]string{}
	var pkeys, ekeys []string
	for _, c := range a.changes {
		k := a.oldArts[c.aid]
		if k == nil {
			continue
		}
		nodes, rels := c.touches(k)
		for _, n := range nodes {
			pkeys = append(pkeys, recordKey(k.group, n))
		}
		for _, r := range rels {
			ekeys = append(ekeys, recordKey(k.group, r))
		}
	}
	if len(pkeys)+len(ekeys) > 0 {
		recs, err := run(ctx, a.tx, groupRecordsQuery, map[string]any{"parts": uniqueSorted(pkeys), "evidence": uniqueSorted(ekeys)})
		if err != nil {
			return err
		}
		if err := a.readGroupRecords(recs); err != nil {
			return err
		}
	}
	a.byID = map[string]*stored{}
	return readStored(locked, a.byID)
}

// readGroupRecords reads the records groupRecordsQuery answers, and from
// them what the changes' articles gave before.
func (a *applier) readGroupRecords(recs []*neo4j.Record) error {
	for _, rec := range recs {
		eid, _ := rec.Values[0].(string)
		key, _ := rec.Values[1].(string)
		t, _ := rec.Values[2].(string)
		v, _ := rec.Values[3].(string)
		g, id := splitRecordKey(key)
		if t != "" {
			er := &evidenceRecord{eid: eid, typ: t, v: v}
			if err := json.Unmarshal([]byte(v), &er.ev); err != nil {
				return errKG{fmt.Errorf("evidence record %s: %v", key, err)}
			}
			a.groupEv[key] = er
			for _, e := range er.ev {
				if aid := e.ArticleID; a.inBatch[aid] && a.groupOf[aid] == g {
					a.oldEv[id] = t
				}
			}
			continue
		}
		pr := &partRecord{eid: eid}
		if err := json.Unmarshal([]byte(v), &pr.parts); err != nil {
			return errKG{fmt.Errorf("part record %s: %v", key, err)}
		}
		a.groupParts[key] = pr
		for aid, js := range pr.parts {
			if a.inBatch[aid] && a.groupOf[aid] == g {
				if a.oldParts[id] == nil {
					a.oldParts[id] = map[string]string{}
				}
				a.oldParts[id][aid] = string(js)
			}
		}
	}
	return nil
}

// createNodes creates the new nodes whole: only the changes contribute to
// them.
func (a *applier) createNodes(ctx context.Context) error {
	missing := map[string]any{} // label -> []map[string]any
	for _, id := range sortedKeys(a.newParts) {
		if a.byID[id] != nil {
			continue
		}
		arts := sortedKeys(a.newParts[id])
		m := mergeParts(a.newParts[id])
		rows, _ := missing[string(m.Label)].([]map[string]any)
		missing[string(m.Label)] = append(rows, map[string]any{"id": id, "props": nodeProps(&m, arts[0], arts[len(arts)-1])})
	}
	if len(missing) == 0 {
		return nil
	}
	recs, err := run(ctx, a.tx, createNodesQuery, map[string]any{"rows": missing})
	if err != nil {
		return err
	}
	return readStored(recs, a.byID)
}

// setNode sets st to the merge m of parts from articles first to last,
// unless it already is.
func (a *applier) setNode(st *stored, m graph.Node, first, last string) {
	if st.first == first && st.last == last && reflect.DeepEqual(st.node, m) {
		return
	}
	a.setNodes = append(a.setNodes, map[string]any{"eid": st.eid, "props": nodeProps(&m, first, last), "label": string(m.Label), "old": string(st.node.Label)})
}

// mergeNodes works out each stored node's new merge: unchanged when its
// parts are, folded from the new parts when it only gains some, merged
// again from all its parts when it loses or changes one, and dropped when
// it has none left.
func (a *applier) mergeNodes(ctx context.Context) error {
	var again []string
	for _, id := range uniqueSorted(a.ids) {
		st := a.byID[id]
		if st == nil || st.created {
			continue // gone already (nothing else supported it), or made from the new parts
		}
		changed := false
		for aid, js := range a.oldParts[id] {
			if a.partJS[id][aid] != js {
				changed = true
			}
		}
		if changed {
			again = append(again, id)
			continue
		}
		var added []string
		for aid, js := range a.partJS[id] {
			if a.oldParts[id][aid] != js {
				added = append(added, aid)
			}
		}
		if len(added) == 0 {
			continue
		}
		sort.Strings(added)
		qs := make([]graph.Node, len(added))
		for i, aid := range added {
			qs[i] = a.newParts[id][aid]
		}
		first, last := added[0], added[len(added)-1]
		if st.first == "" { // a bare Article node made by lockArticles
			a.setNode(st, graph.MergeNodes(qs), first, last)
			continue
		}
		m, ok := fold(st.node, st.first, st.last, added, qs)
		if !ok {
			again = append(again, id)
			continue
		}
		a.setNode(st, m, min(first, st.first), max(last, st.last))
	}
	if len(again) == 0 {
		return nil
	}
	recs, err := run(ctx, a.tx, partsQuery, map[string]any{"ids": again})
	if err != nil {
		return err
	}
	all := map[string]map[string]graph.Node{}
	for _, rec := range recs {
		id, _ := rec.Values[0].(string)
		v, _ := rec.Values[1].(string)
		var parts map[string]graph.Node
		if err := json.Unmarshal([]byte(v), &parts); err != nil {
			return errKG{fmt.Errorf("node %s: bad part record: %v", id, err)}
		}
		for aid, p := range parts {
			if a.inBatch[aid] {
				continue // replaced by the article's new part, if any
			}
			if all[id] == nil {
				all[id] = map[string]graph.Node{}
			}
			all[id][aid] = p
		}
	}
	for _, id := range again {
		parts := all[id]
		if parts == nil {
			parts = map[string]graph.Node{}
		}
		for aid, p := range a.newParts[id] {
			parts[aid] = p
		}
		if len(parts) == 0 {
			a.dropNodes = append(a.dropNodes, a.byID[id].eid)
			continue
		}
		arts := sortedKeys(parts)
		a.setNode(a.byID[id], mergeParts(parts), arts[0], arts[len(arts)-1])
	}
	return nil
}

// partRecords works out each KgPart record of the articles' groups and
// nodes: the parts of the group's other articles kept, the articles' own
// replaced; a record left with no parts is dropped.
func (a *applier) partRecords() error {
	a.drop, a.set, a.partRows, a.evRows, a.artRows = []string{}, []map[string]any{}, []map[string]any{}, []map[string]any{}, []map[string]any{}
	touched := map[string]map[string]json.RawMessage{} // key -> the record's new parts
	for _, c := range a.changes {
		g := a.groupOf[c.aid]
		nodes, _ := c.touches(a.oldArts[c.aid])
		for _, n := range nodes {
			key := recordKey(g, n)
			if touched[key] == nil {
				touched[key] = map[string]json.RawMessage{}
				if pr := a.groupParts[key]; pr != nil {
					for aid, js := range pr.parts {
						if !a.inBatch[aid] || a.groupOf[aid] != g {
							touched[key][aid] = js
						}
					}
				}
			}
			if js, ok := a.partJS[n][c.aid]; ok {
				touched[key][c.aid] = json.RawMessage(js)
			}
		}
	}
	for _, key := range sortedKeys(touched) {
		parts, pr := touched[key], a.groupParts[key]
		if len(parts) == 0 {
			if pr != nil {
				a.drop = append(a.drop, pr.eid)
			}
			continue
		}
		js, err := json.Marshal(parts)
		if err != nil {
			return errKG{err}
		}
		switch {
		case pr == nil:
			_, n := splitRecordKey(key)
			a.partRows = append(a.partRows, map[string]any{"k": key, "n": n, "v": string(js)})
		case !reflect.DeepEqual(pr.parts, parts):
			a.set = append(a.set, map[string]any{"eid": pr.eid, "p": map[string]any{"v": string(js)}})
		}
	}
	return nil
}

// evidenceRecords works out each KgEvidence record of the articles' groups
// and relations likewise: the evidence of the group's other articles
// kept, the articles' own replaced; and the relations whose evidence the
// articles no longer give, which may have lost their last.
func (a *applier) evidenceRecords() {
	touchedEv := map[string][]graph.Evidence{} // key -> the record's new evidence
	added := map[string]bool{}                 // key and article -> the article's evidence added
	typeOf := map[string]string{}              // key -> the relation's type
	for _, c := range a.changes {
		g := a.groupOf[c.aid]
		_, rels := c.touches(a.oldArts[c.aid])
		for _, r := range rels {
			key := recordKey(g, r)
			if _, ok := touchedEv[key]; !ok {
				touchedEv[key] = []graph.Evidence{}
				if er := a.groupEv[key]; er != nil {
					typeOf[key] = er.typ
					for _, e := range er.ev {
						if !a.inBatch[e.ArticleID] || a.groupOf[e.ArticleID] != g {
							touchedEv[key] = append(touchedEv[key], e)
						}
					}
				}
			}
			if x, ok := c.nf.rels[r]; ok && !added[key+"\x00"+c.aid] {
				added[key+"\x00"+c.aid] = true
				typeOf[key] = string(x.Type)
				touchedEv[key] = append(touchedEv[key], x.Evidence...)
			}
		}
	}
	for _, key := range sortedKeys(touchedEv) {
		ev, er := touchedEv[key], a.groupEv[key]
		if len(ev) == 0 {
			if er != nil {
				a.drop = append(a.drop, er.eid)
			}
			continue
		}
		js, _ := json.Marshal(graph.SortEvidence(ev)) // Evidence always marshals
		switch {
		case er == nil:
			_, r := splitRecordKey(key)
			a.evRows = append(a.evRows, map[string]any{"k": key, "r": r, "t": typeOf[key], "v": string(js)})
		case er.v != string(js):
			a.set = append(a.set, map[string]any{"eid": er.eid, "p": map[string]any{"v": string(js)}})
		}
	}
	a.bare = map[string][]string{}
	for id, t := range a.oldEv {
		if len(a.newEv[id]) == 0 {
			a.bare[t] = append(a.bare[t], id)
		}
	}
}

// articleRecords works out each article's KgArticle: its group and the
// nodes and relations it contributes to.
func (a *applier) articleRecords() {
	for _, c := range a.changes {
		nodes, rels := sortedKeys(c.nf.parts), sortedKeys(c.nf.rels)
		k := a.oldArts[c.aid]
		switch {
		case len(nodes) == 0:
			if k != nil {
				a.drop = append(a.drop, k.eid)
			}
		case k == nil:
			a.artRows = append(a.artRows, map[string]any{"a": c.aid, "g": a.groupOf[c.aid], "n": nodes, "r": rels})
		case !slices.Equal(k.nodes, nodes) || !slices.Equal(k.rels, rels):
			a.set = append(a.set, map[string]any{"eid": k.eid, "p": map[string]any{"n": nodes, "r": rels}})
		}
	}
}

// newRelations works out the relations to create: those the articles give
// evidence for that none of them gave evidence for before and that the
// store does not hold yet.
func (a *applier) newRelations(ctx context.Context) error {
	var maybeNew []ref
	newRels := map[string]*graph.Relation{}
	for _, id := range sortedKeys(a.newEv) {
		for _, aid := range sortedKeys(a.newEv[id]) {
			newRels[id] = a.newEv[id][aid]
		}
		if a.oldEv[id] != "" {
			delete(newRels, id)
			continue
		}
		r := newRels[id]
		from, to := a.byID[r.From], a.byID[r.To]
		if from == nil || to == nil || a.newParts[r.From] == nil || a.newParts[r.To] == nil {
			return errKG{fmt.Errorf("relation %s: an end is not among the article's nodes", id)}
		}
		if !from.created && !to.created {
			maybeNew = append(maybeNew, ref{ID: id, Kind: string(r.Type)})
		}
	}
	if len(maybeNew) > 0 {
		recs, err := run(ctx, a.tx, readRelsQuery, map[string]any{"rows": byKind(maybeNew)})
		if err != nil {
			return err
		}
		for _, rec := range recs {
			id, _ := rec.Values[0].(string)
			delete(newRels, id)
		}
	}
	a.create = map[string]any{} // relation type -> []map[string]any
	for _, id := range sortedKeys(newRels) {
		r := newRels[id]
		props := map[string]any{"id": id}
		if r.Role != "" {
			props["role"] = r.Role
		}
		rows, _ := a.create[string(r.Type)].([]map[string]any)
		a.create[string(r.Type)] = append(rows, map[string]any{"from": a.byID[r.From].eid, "to": a.byID[r.To].eid, "props": props})
	}
	return nil
}

// write writes what the phases gathered: the records, then the relations
// that lost their last evidence, the nodes to drop and to set, and the new
// relations.
func (a *applier) write(ctx context.Context) error {
	if len(a.drop)+len(a.set)+len(a.partRows)+len(a.evRows)+len(a.artRows) > 0 {
		params := map[string]any{"drop": a.drop, "set": a.set, "parts": a.partRows, "evidence": a.evRows, "articles": a.artRows}
		if _, err := run(ctx, a.tx, recordsQuery, params); err != nil {
			return err
		}
	}
	// Relations go before nodes: a node is deleted only once nothing
	// supports it, and then no other article's relation touches it.
	if len(a.bare) > 0 {
		rows := map[string]any{}
		for t, l := range a.bare {
			rows[t] = uniqueSorted(l)
		}
		if _, err := run(ctx, a.tx, dropBareRelsQuery, map[string]any{"rows": rows}); err != nil {
			return err
		}
	}
	if len(a.dropNodes) > 0 {
		if _, err := run(ctx, a.tx, dropNodesQuery, map[string]any{"eids": a.dropNodes}); err != nil {
			return err
		}
	}
	if len(a.setNodes) > 0 {
		if _, err := run(ctx, a.tx, setNodesQuery, map[string]any{"rows": a.setNodes}); err != nil {
			return err
		}
	}
	if len(a.create) > 0 {
		if _, err := run(ctx, a.tx, createRelsQuery, map[string]any{"rows": a.create}); err != nil {
			return err
		}
	}
	return nil
}

// readStored adds the nodes of recs (as lockNodesQuery answers) to byID.
func readStored(recs []*neo4j.Record, byID map[string]*stored) error {
	for _, rec := range recs {
		st := &stored{node: *toNode(rec.Values[1])}
		st.eid, _ = rec.Values[0].(string)
		st.first, _ = rec.Values[2].(string)
		st.last, _ = rec.Values[3].(string)
		st.created, _ = rec.Values[4].(bool)
		if byID[st.node.ID] == nil {
			byID[st.node.ID] = st
		}
	}
	return nil
}

// fold returns the merge of a node's stored parts, m, and the parts qs of
// the articles aids (sorted, none of them among the stored parts'), whose
// articles range from first to last. MergeNodes takes each field from the
// first part in article order that has one (the name from the first of
// the longest, the label from the first part), so the answer holds for
// each field m's value or that of the first of qs giving one: when folding
// qs after m and before m agree, the order does not matter; otherwise the
// range of the stored parts' articles tells where qs go, if they all go
// after or before them. ok is false when only all the parts can tell.
func fold(m graph.Node, first, last string, aids []string, qs []graph.Node) (graph.Node, bool) {
	after := graph.MergeNodes(append([]graph.Node{m}, qs...))
	if aids[0] > last {
		return after, true
	}
	before := graph.MergeNodes(append(append([]graph.Node(nil), qs...), m))
	if aids[len(aids)-1] < first {
		return before, true
	}
	return after, reflect.DeepEqual(after, before)
}

// mergeParts returns the node merged from parts, keyed by article, in
// article order.
func mergeParts(parts map[string]graph.Node) graph.Node {
	aids := sortedKeys(parts)
	list := make([]graph.Node, len(aids))
	for i, a := range aids {
		list[i] = parts[a]
	}
	return graph.MergeNodes(list)
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

// ref names a relation (Kind is its type).
type ref struct {
	ID   string
	Kind string
}

// lockArticlesQuery locks the Article nodes with the IDs $ids, creating
// them where missing; findArticlesQuery locks stored articles only.
const (
	lockArticlesQuery = replanSkip + `UNWIND $ids AS id MERGE (a:Article {id: id})
		SET a.kg_lock = true REMOVE a.kg_lock RETURN count(a) AS locked`
	findArticlesQuery = replanSkip + `UNWIND $ids AS id MATCH (a:Article {id: id}) USING INDEX SEEK a:Article(id)
		SET a.kg_lock = true REMOVE a.kg_lock RETURN count(a) AS locked`
)

// lockArticles locks the nodes of the articles aids, creating them when
// create is set. The lock guards the article's records.
func lockArticles(ctx context.Context, tx neo4j.ManagedTransaction, aids []string, create bool) error {
	q := findArticlesQuery
	if create {
		q = lockArticlesQuery
	}
	_, err := run(ctx, tx, q, map[string]any{"ids": aids})
	return err
}

// nodeProps returns the properties of the merged node m whose parts'
// articles range from first to last.
func nodeProps(m *graph.Node, first, last string) map[string]any {
	p := map[string]any{
		"id":        m.ID,
		"name":      m.Name,
		"kg_first":  first,
		"kg_last":   last,
		"kg_search": searchTokens(m),
	}
	if len(m.Aliases) > 0 {
		p["aliases"] = m.Aliases
	}
	for k, v := range map[string]string{
		"title": m.Title, "kind": string(m.Kind), "date": m.Date, "endDate": m.EndDate,
		"partOfDay": m.PartOfDay, "source": m.Source, "published": m.Published, "text": m.Text,
		"url": m.URL, "outlet": m.Outlet, "author": m.Author, "page": m.Page,
		"scope": m.Scope, "scopeBasis": m.ScopeBasis,
	} {
		if v != "" {
			p[k] = v
		}
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
