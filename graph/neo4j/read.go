package neo4j

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgproject/kg/graph"
)

// nodeProj projects node variable v onto the fields of graph.Node, leaving
// the kg_ bookkeeping on the server.
func nodeProj(v string) string {
	return fmt.Sprintf(`%[1]s {.id, .name, .aliases, .title, .kind, .date, .endDate, .partOfDay, .source, .published, .url, .outlet, .author, .page, .text, .scope, .scopeBasis, label: head(labels(%[1]s))}`, v)
}

// relProj projects relationship variable v onto the fields of
// graph.Relation; its evidence is the list of its articles' KgEvidence
// values (each a JSON array), found by the kgevidence_relation index.
func relProj(v string) string {
	return fmt.Sprintf(`%[1]s {.id, .role, evidence: COLLECT { MATCH (kg_e:KgEvidence {r: %[1]s.id}) RETURN kg_e.v }, type: type(%[1]s), from: startNode(%[1]s).id, to: endNode(%[1]s).id}`, v)
}

// byLabel returns a CALL subquery body that binds v to the nodes of each
// label in labels matching where (a predicate on v), one index lookup a
// label; labels come from graph.Labels, never from input.
func byLabel(v string, labels []graph.Label, where string) string {
	parts := make([]string, len(labels))
	for i, l := range labels {
		parts[i] = fmt.Sprintf("MATCH (%s:%s) WHERE %s RETURN %s", v, l, where, v)
	}
	return "CALL { " + strings.Join(parts, " UNION ALL ") + " }"
}

// byName returns a CALL subquery body that binds v to the nodes of each
// label in labels whose name or one of whose aliases is $name: for each
// label, one seek of the name index and one of the aliases index (which
// holds only the nodes with aliases), where a single predicate on both
// would scan every node of the label.
func byName(v string, labels []graph.Label) string {
	parts := make([]string, 0, 2*len(labels))
	for _, l := range labels {
		parts = append(parts,
			fmt.Sprintf("MATCH (%[1]s:%[2]s) WHERE %[1]s.name = $name RETURN %[1]s", v, l),
			fmt.Sprintf("MATCH (%[1]s:%[2]s) WHERE %[1]s.aliases IS NOT NULL AND $name IN %[1]s.aliases RETURN %[1]s", v, l))
	}
	return "CALL { " + strings.Join(parts, " UNION ") + " }"
}

// statementTries bounds how often readStatement runs a statement that
// failed with an error the driver calls retryable (a lost connection, a
// transient server error).
const statementTries = 3

// readStatement runs one read statement in an auto-commit transaction and
// hands its records to fn; op names the operation in errors. A single
// statement sees one consistent state, so it needs no explicit
// transaction, whose BEGIN and COMMIT would cost a network round trip more
// than the statement alone. fn's errors, like the driver's, are wrapped
// with s.wrap.
func readStatement[T any](ctx context.Context, s *Store, op, q string, params map[string]any, fn func(recs []*neo4j.Record) (T, error)) (T, error) {
	var zero T
	if err := s.begin(ctx); err != nil {
		return zero, fmt.Errorf("neo4j: %s: %w", op, err)
	}
	s.rw.RLock()
	defer s.rw.RUnlock()
	var recs []*neo4j.Record
	var err error
	for try := 1; ; try++ {
		recs, err = runStatement(ctx, s, q, params)
		if err == nil || try == statementTries || !neo4j.IsRetryable(err) || ctx.Err() != nil {
			break
		}
	}
	if err != nil {
		return zero, s.wrap(op, err)
	}
	v, err := fn(recs)
	if err != nil {
		return zero, s.wrap(op, err)
	}
	return v, nil
}

func runStatement(ctx context.Context, s *Store, q string, params map[string]any) ([]*neo4j.Record, error) {
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{
		AccessMode:      neo4j.AccessModeRead,
		DatabaseName:    s.database,
		BookmarkManager: s.bookmarks,
	})
	defer sess.Close(context.Background())
	res, err := sess.Run(ctx, q, params)
	if err != nil {
		return nil, err
	}
	return res.Collect(ctx)
}

// Nodes returns the nodes with the given IDs, in the same order, with nil
// where no node has that ID. It returns ErrUnavailable when the server
// cannot be reached.
func (s *Store) Nodes(ctx context.Context, ids []string) ([]*graph.Node, error) {
	if len(ids) == 0 {
		if err := s.begin(ctx); err != nil {
			return nil, fmt.Errorf("neo4j: nodes: %w", err)
		}
		return []*graph.Node{}, nil
	}
	found, err := readStatement(ctx, s, "nodes", nodesByIDQuery, map[string]any{"ids": ids}, toNodeMap)
	if err != nil {
		return nil, err
	}
	out := make([]*graph.Node, len(ids))
	for i, id := range ids {
		if n, ok := found[id]; ok {
			c := *n
			c.Aliases = append([]string(nil), n.Aliases...)
			out[i] = &c
		}
	}
	return out, nil
}

// nodesByIDQuery returns the nodes with IDs $ids.
var nodesByIDQuery = byLabel("n", graph.Labels, "n.id IN $ids") + " RETURN " + nodeProj("n")

func nodesByID(ctx context.Context, tx neo4j.ManagedTransaction, ids []string) (map[string]*graph.Node, error) {
	recs, err := run(ctx, tx, nodesByIDQuery, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	return toNodeMap(recs)
}

// toNodeMap keys the node projections of recs' first column by ID.
func toNodeMap(recs []*neo4j.Record) (map[string]*graph.Node, error) {
	out := make(map[string]*graph.Node, len(recs))
	for _, rec := range recs {
		n := toNode(rec.Values[0])
		if _, dup := out[n.ID]; !dup {
			out[n.ID] = n
		}
	}
	return out, nil
}

// FindNodes returns the nodes f selects, ordered by ID, filtered on the
// server with the page, label, name, aliases, date and kind indexes. It returns
// ErrInvalid for a bad label, kind, date or limit, and ErrUnavailable when
// the server cannot be reached.
func (s *Store) FindNodes(ctx context.Context, f graph.NodeFilter) (*graph.NodePage, error) {
	if err := f.Validate(); err != nil {
		return nil, fmt.Errorf("neo4j: find nodes: %w", err)
	}
	labels := f.Labels
	if len(labels) == 0 {
		labels = graph.Labels
	}
	labels = uniqueLabels(labels)
	conds := []string{"true"}
	params := map[string]any{}
	if len(f.IDs) > 0 {
		conds = append(conds, "n.id IN $ids")
		params["ids"] = f.IDs
	}
	if f.Name != "" {
		params["name"] = f.Name
	}
	if f.DateFrom != "" {
		conds = append(conds, "n.date >= $from")
		params["from"] = f.DateFrom
	}
	if f.DateTo != "" {
		conds = append(conds, "n.date <= $to")
		params["to"] = f.DateTo
	}
	if len(f.Kinds) > 0 {
		kinds := make([]string, len(f.Kinds))
		for i, k := range f.Kinds {
			kinds[i] = string(k)
		}
		conds = append(conds, "n.kind IN $kinds")
		params["kinds"] = kinds
	}
	// Neo4j orders strings by UTF-16 code units, graph by bytes of UTF-8
	// (they differ for characters beyond U+FFFF), so the server selects
	// and Go orders and pages.
	q := byLabel("n", labels, strings.Join(conds, " AND ")) + " RETURN n.id"
	switch {
	case f.Page != "":
		// A page holds a few articles: its index finds them, and the other
		// fields are tested on those alone.
		if !slices.Contains(labels, graph.LabelArticle) {
			if err := s.begin(ctx); err != nil {
				return nil, fmt.Errorf("neo4j: find nodes: %w", err)
			}
			return &graph.NodePage{Nodes: []*graph.Node{}}, nil
		}
		if f.Name != "" {
			conds = append(conds, "(n.name = $name OR $name IN coalesce(n.aliases, []))")
		}
		params["page"] = f.Page
		q = "MATCH (n:Article) USING INDEX SEEK n:Article(page) WHERE n.page = $page AND " + strings.Join(conds, " AND ") + " RETURN n.id"
	case f.Name != "":
		// by the name and aliases indexes, not a predicate on both that
		// would scan every node of each label
		q = byName("n", labels) + " WITH n WHERE " + strings.Join(conds, " AND ") + " RETURN n.id"
	}
	return read(ctx, s, "find nodes", func(tx neo4j.ManagedTransaction) (*graph.NodePage, error) {
		recs, err := run(ctx, tx, q, params)
		if err != nil {
			return nil, err
		}
		ids := make([]string, 0, len(recs))
		for _, rec := range recs {
			if id, ok := rec.Values[0].(string); ok {
				ids = append(ids, id)
			}
		}
		ids = uniqueSorted(ids)
		page := &graph.NodePage{Nodes: []*graph.Node{}, Total: len(ids)}
		var want []string
		for _, id := range ids {
			if id <= f.After {
				continue
			}
			if f.Limit > 0 && len(want) == f.Limit {
				page.HasMore = true
				break
			}
			want = append(want, id)
		}
		nodes, err := nodesByID(ctx, tx, want)
		if err != nil {
			return nil, err
		}
		for _, id := range want {
			if nodes[id] != nil {
				page.Nodes = append(page.Nodes, nodes[id])
			}
		}
		return page, nil
	})
}

func uniqueLabels(ls []graph.Label) []graph.Label {
	var out []graph.Label
	for _, l := range graph.Labels {
		for _, x := range ls {
			if x == l {
				out = append(out, l)
				break
			}
		}
	}
	return out
}

// Relations returns the relations at f's nodes, ordered by ID, each once,
// with all their evidence in canonical order. It returns ErrInvalid when
// NodeIDs is empty or a type or direction is unknown, and ErrUnavailable
// when the server cannot be reached.
func (s *Store) Relations(ctx context.Context, f graph.RelationFilter) ([]*graph.Relation, error) {
	if len(f.NodeIDs) == 0 {
		return nil, fmt.Errorf("neo4j: relations: %w: no node IDs", graph.ErrInvalid)
	}
	types, err := typePattern(f.Types)
	if err != nil {
		return nil, fmt.Errorf("neo4j: relations: %w", err)
	}
	var pattern string
	switch f.Direction {
	case graph.Outgoing:
		pattern = "(x)-[r" + types + "]->()"
	case graph.Incoming:
		pattern = "(x)<-[r" + types + "]-()"
	case graph.Both:
		pattern = "(x)-[r" + types + "]-()"
	default:
		return nil, fmt.Errorf("neo4j: relations: %w: direction %d", graph.ErrInvalid, f.Direction)
	}
	q := byLabel("x", graph.Labels, "x.id IN $ids") + " MATCH " + pattern + " RETURN DISTINCT " + relProj("r")
	return readStatement(ctx, s, "relations", q, map[string]any{"ids": f.NodeIDs}, func(recs []*neo4j.Record) ([]*graph.Relation, error) {
		return toRelations(recs, 0)
	})
}

// typePattern returns the relationship type alternatives of a pattern
// (":HOLDS|OF"), or "" for all types, after checking each against the
// model: Cypher cannot take relationship types as parameters.
func typePattern(types []graph.RelType) (string, error) {
	if len(types) == 0 {
		return "", nil
	}
	var names []string
	for _, t := range graph.RelTypes {
		for _, x := range types {
			if x == t {
				names = append(names, string(t))
				break
			}
		}
	}
	for _, t := range types {
		if !t.Valid() {
			return "", fmt.Errorf("%w: relation type %q", graph.ErrInvalid, t)
		}
	}
	return ":" + strings.Join(names, "|"), nil
}

// Dump writes the whole graph in canonical form. It returns ErrUnavailable
// when the server cannot be reached, and w's errors.
func (s *Store) Dump(ctx context.Context, w io.Writer) error {
	type graphData struct {
		nodes []*graph.Node
		rels  []*graph.Relation
	}
	g, err := read(ctx, s, "dump", func(tx neo4j.ManagedTransaction) (graphData, error) {
		var g graphData
		recs, err := run(ctx, tx, "MATCH (n:"+strings.Join(labelNames(), "|")+") RETURN "+nodeProj("n"), nil)
		if err != nil {
			return g, err
		}
		for _, rec := range recs {
			g.nodes = append(g.nodes, toNode(rec.Values[0]))
		}
		recs, err = run(ctx, tx, "MATCH ()-[r]->() RETURN "+relProj("r"), nil)
		if err != nil {
			return g, err
		}
		g.rels, err = toRelations(recs, 0)
		return g, err
	})
	if err != nil {
		return err
	}
	sort.Slice(g.nodes, func(i, j int) bool { return g.nodes[i].ID < g.nodes[j].ID })
	d := graph.NewDumpWriter(w)
	for _, n := range g.nodes {
		if err := d.Node(n); err != nil {
			return fmt.Errorf("neo4j: dump: %w", err)
		}
	}
	for _, r := range g.rels {
		if err := d.Relation(r); err != nil {
			return fmt.Errorf("neo4j: dump: %w", err)
		}
	}
	return nil
}

// countsQuery counts the nodes of each label and the relationships of each
// type, which Neo4j reads from its count store, leaving out the KgPart,
// KgEvidence and KgArticle records.
var countsQuery = unionQuery(labelNames(), func(l string) string {
	return "MATCH (n:" + l + ") RETURN count(n) AS c"
}) + " WITH sum(c) AS nodes " + unionQuery(relTypeNames(), func(t string) string {
	return "MATCH ()-[r:" + t + "]->() RETURN count(r) AS c"
}) + " RETURN nodes, sum(c) AS relations"

// Counts returns how many nodes and relations the graph holds, in one
// statement. It returns ErrUnavailable when the server cannot be reached.
func (s *Store) Counts(ctx context.Context) (nodes, relations int, err error) {
	type counts struct{ nodes, relations int }
	c, err := readStatement(ctx, s, "counts", countsQuery, nil, func(recs []*neo4j.Record) (counts, error) {
		if len(recs) != 1 {
			return counts{}, errKG{fmt.Errorf("counts: %d records", len(recs))}
		}
		n, _ := recs[0].Values[0].(int64)
		r, _ := recs[0].Values[1].(int64)
		return counts{int(n), int(r)}, nil
	})
	return c.nodes, c.relations, err
}

// toNode converts a node projection (nodeProj) to a graph.Node.
func toNode(v any) *graph.Node {
	m, _ := v.(map[string]any)
	str := func(k string) string { s, _ := m[k].(string); return s }
	n := &graph.Node{
		ID:         str("id"),
		Label:      graph.Label(str("label")),
		Name:       str("name"),
		Title:      str("title"),
		Kind:       graph.EventKind(str("kind")),
		Date:       str("date"),
		EndDate:    str("endDate"),
		PartOfDay:  str("partOfDay"),
		Source:     str("source"),
		Published:  str("published"),
		URL:        str("url"),
		Outlet:     str("outlet"),
		Author:     str("author"),
		Page:       str("page"),
		Text:       str("text"),
		Scope:      str("scope"),
		ScopeBasis: str("scopeBasis"),
	}
	if list, ok := m["aliases"].([]any); ok {
		for _, a := range list {
			if s, ok := a.(string); ok {
				n.Aliases = append(n.Aliases, s)
			}
		}
	}
	return n
}

// toRelations converts the relation projections (relProj) in column col of
// recs, sorted by ID and each once.
func toRelations(recs []*neo4j.Record, col int) ([]*graph.Relation, error) {
	vals := make([]any, len(recs))
	for i, rec := range recs {
		vals[i] = rec.Values[col]
	}
	return toRelationList(vals)
}

// toRelationList converts a list of relation projections (relProj),
// sorted by ID and each once.
func toRelationList(v any) ([]*graph.Relation, error) {
	list, _ := v.([]any)
	out := make([]*graph.Relation, 0, len(list))
	seen := make(map[string]bool, len(list))
	for _, x := range list {
		r, err := toRelation(x)
		if err != nil {
			return nil, err
		}
		if !seen[r.ID] {
			seen[r.ID] = true
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

func toRelation(v any) (*graph.Relation, error) {
	m, _ := v.(map[string]any)
	str := func(k string) string { s, _ := m[k].(string); return s }
	r := &graph.Relation{
		ID:   str("id"),
		Type: graph.RelType(str("type")),
		From: str("from"),
		To:   str("to"),
		Role: str("role"),
	}
	if _, ok := m["evidence"]; !ok {
		return r, nil // an outline (see projections)
	}
	list, _ := m["evidence"].([]any)
	for _, x := range list {
		js, _ := x.(string)
		var ev []graph.Evidence
		if err := json.Unmarshal([]byte(js), &ev); err != nil {
			return nil, errKG{fmt.Errorf("relation %s: bad evidence: %v", r.ID, err)}
		}
		r.Evidence = append(r.Evidence, ev...)
	}
	r.Evidence = graph.SortEvidence(r.Evidence)
	return r, nil
}

// uniqueSorted returns xs sorted, each once.
func uniqueSorted(xs []string) []string {
	out := append([]string{}, xs...)
	sort.Strings(out)
	return slices.Compact(out)
}
