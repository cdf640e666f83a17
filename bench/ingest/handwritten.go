package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgproject/kg/graph"
)

// handWritten is the baseline a developer would write by hand to load the
// same facts into Neo4j: batched UNWIND … MERGE statements, one per label
// or relation type and batch, in their own write transactions, through the
// same driver. It keeps the same nodes (with their names and fields) and
// relations (with their evidence, appended when several articles give it)
// but none of kg's bookkeeping: no per-article contributions, no merging of
// node parts, no search tokens, no retraction on re-ingest.
type handWritten struct {
	driver  neo4j.DriverWithContext
	batch   int
	verbose bool // log each statement's time to stderr
}

func newHandWritten(ctx context.Context, uri string, batch int) (*handWritten, error) {
	d, err := neo4j.NewDriverWithContext(uri, neo4j.NoAuth())
	if err != nil {
		return nil, fmt.Errorf("hand-written: %w", err)
	}
	if err := d.VerifyConnectivity(ctx); err != nil {
		return nil, fmt.Errorf("hand-written: %w", err)
	}
	return &handWritten{driver: d, batch: batch}, nil
}

func (h *handWritten) close(ctx context.Context) { h.driver.Close(ctx) }

// clear empties the database, keeping its constraints and indexes:
// relationships first, so that no transaction holds the relationships of
// thousands of nodes (DETACH DELETE of kg's 10k-article graph exceeds the
// server's transaction memory).
func (h *handWritten) clear(ctx context.Context) error {
	s := h.driver.NewSession(ctx, neo4j.SessionConfig{})
	defer s.Close(ctx)
	for _, q := range []string{
		"MATCH ()-[r]->() CALL { WITH r DELETE r } IN TRANSACTIONS OF 5000 ROWS",
		"MATCH (n) CALL { WITH n DELETE n } IN TRANSACTIONS OF 5000 ROWS",
	} {
		res, err := s.Run(ctx, q, nil)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			return fmt.Errorf("clear: %w", err)
		}
	}
	return nil
}

// load writes every node, then every relation, and returns the number of
// statements it ran.
func (h *handWritten) load(ctx context.Context, facts []*graph.ArticleFacts) (int, error) {
	nodes := map[graph.Label][]any{}
	seen := map[string]bool{}
	addNode := func(n *graph.Node) {
		if seen[n.ID] {
			return
		}
		seen[n.ID] = true
		props := map[string]any{"name": n.Name}
		for k, v := range map[string]string{"title": n.Title, "kind": string(n.Kind), "date": n.Date, "endDate": n.EndDate,
			"partOfDay": n.PartOfDay, "source": n.Source, "published": n.Published, "text": n.Text} {
			if v != "" {
				props[k] = v
			}
		}
		if len(n.Aliases) > 0 {
			props["aliases"] = n.Aliases
		}
		nodes[n.Label] = append(nodes[n.Label], map[string]any{"id": n.ID, "props": props})
	}
	type relKey struct {
		t        graph.RelType
		from, to graph.Label
	}
	rels := map[relKey][]any{}
	for _, f := range facts {
		addNode(&f.Article)
		for i := range f.Nodes {
			addNode(&f.Nodes[i])
		}
		for _, r := range f.Relations {
			ev := make([]string, len(r.Evidence))
			for i, e := range r.Evidence {
				b, _ := json.Marshal(e)
				ev[i] = string(b)
			}
			k := relKey{r.Type, graph.LabelOfID(r.From), graph.LabelOfID(r.To)}
			rels[k] = append(rels[k], map[string]any{"id": r.ID, "from": r.From, "to": r.To, "role": r.Role, "evidence": ev})
		}
	}
	n := 0
	labels := make([]string, 0, len(nodes))
	for l := range nodes {
		labels = append(labels, string(l))
	}
	sort.Strings(labels)
	for _, l := range labels {
		q := "UNWIND $rows AS row MERGE (n:" + l + " {id: row.id}) SET n += row.props"
		k, err := h.batches(ctx, q, nodes[graph.Label(l)])
		n += k
		if err != nil {
			return n, err
		}
	}
	keys := make([]relKey, 0, len(rels))
	for k := range rels {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return fmt.Sprint(keys[i]) < fmt.Sprint(keys[j]) })
	for _, k := range keys {
		q := fmt.Sprintf(`UNWIND $rows AS row
			MATCH (a:%s {id: row.from}) MATCH (b:%s {id: row.to})
			MERGE (a)-[r:%s {id: row.id}]->(b)
			ON CREATE SET r.role = row.role, r.evidence = row.evidence
			ON MATCH SET r.evidence = r.evidence + row.evidence`, k.from, k.to, k.t)
		m, err := h.batches(ctx, q, rels[k])
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

func (h *handWritten) batches(ctx context.Context, q string, rows []any) (int, error) {
	s := h.driver.NewSession(ctx, neo4j.SessionConfig{})
	defer s.Close(ctx)
	n := 0
	for i := 0; i < len(rows); i += h.batch {
		chunk := rows[i:min(i+h.batch, len(rows))]
		start := time.Now()
		_, err := s.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			res, err := tx.Run(ctx, q, map[string]any{"rows": chunk})
			if err != nil {
				return nil, err
			}
			return res.Consume(ctx)
		})
		if err != nil {
			return n, fmt.Errorf("hand-written load: %w", err)
		}
		n++
		if h.verbose {
			fmt.Fprintf(os.Stderr, "ingest: %d rows in %v: %.80s\n", len(chunk), time.Since(start).Round(time.Millisecond), strings.Join(strings.Fields(q), " "))
		}
	}
	return n, nil
}
