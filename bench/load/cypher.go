package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgproject/kg/graph"
)

// cypherQueries are the mix as a developer would write it by hand against
// kg's Neo4j model (graph/doc.go: labels, relationship types, id and name
// properties, the kg_search full-text index), returning what kg's GraphQL
// answers return.
var cypherQueries = map[string]string{
	"events": `MATCH (p:Person {name: $name})
		OPTIONAL MATCH (p)-[r:CHAIRED|ATTENDED]->(e:Event)
		RETURN p.name AS name, type(r) AS role, e.name AS event, e.date AS date ORDER BY e.date, e.id`,
	"coparticipants": `MATCH (p:Person {name: $name})-[:CHAIRED|ATTENDED]->(e:Event)<-[:CHAIRED|ATTENDED]-(q:Person)
		WHERE q <> p
		WITH q, count(DISTINCT e) AS shared
		RETURN q.name AS name, shared ORDER BY shared DESC, q.id LIMIT 5`,
	"neighbourhood2": `MATCH (s:Person {id: $id})
		OPTIONAL MATCH p = (s)-[*1..2]-(n)
		WITH s, n, min(length(p)) AS d ORDER BY d, n.id LIMIT 99
		WITH s, [s] + collect(n) AS ns
		UNWIND ns AS a
		OPTIONAL MATCH (a)-[r]-(b) WHERE b IN ns
		WITH ns, collect(DISTINCT r) AS rs
		RETURN [x IN ns | {id: x.id, label: head(labels(x)), name: x.name}] AS nodes,
		       [r IN rs | {source: startNode(r).id, target: endNode(r).id, type: type(r)}] AS edges`,
	"path": `MATCH (a:Person {id: $id}), (b:Person {id: $to})
		OPTIONAL MATCH p = shortestPath((a)-[*..6]-(b))
		RETURN length(p) AS length, [n IN nodes(p) | n.name] AS names`,
	"search": `CALL db.index.fulltext.queryNodes('kg_search', $query, {limit: 10}) YIELD node, score
		RETURN node.id AS id, node.name AS name, score`,
}

// cypher asks the hand-written queries through the Neo4j driver, one
// read transaction each.
type cypher struct {
	label  string
	driver neo4j.DriverWithContext
}

func newCypher(ctx context.Context, name, uri string) (*cypher, error) {
	d, err := neo4j.NewDriverWithContext(uri, neo4j.NoAuth())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if err := d.VerifyConnectivity(ctx); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &cypher{label: name, driver: d}, nil
}

func (c *cypher) name() string { return c.label }
func (c *cypher) close()       { c.driver.Close(context.Background()) }

func (c *cypher) ask(ctx context.Context, q string, p params) error {
	vars := map[string]any{"name": p.Name, "id": p.ID, "to": p.To}
	if q == "search" {
		vars = map[string]any{"query": searchQuery(p.Search)}
	}
	_, err := c.read(ctx, cypherQueries[q], vars)
	return err
}

func (c *cypher) read(ctx context.Context, query string, vars map[string]any) ([]*neo4j.Record, error) {
	s := c.driver.NewSession(ctx, neo4j.SessionConfig{AccessMode: neo4j.AccessModeRead})
	defer s.Close(ctx)
	recs, err := s.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, query, vars)
		if err != nil {
			return nil, err
		}
		return res.Collect(ctx)
	})
	if err != nil {
		return nil, err
	}
	return recs.([]*neo4j.Record), nil
}

// searchQuery writes the Lucene query for the kg_search index: the text's
// character pairs, quoted (a one-character text is #char), as kg indexes
// them.
func searchQuery(text string) string {
	key := graph.SearchKey(text)
	var toks []string
	if len([]rune(key)) == 1 {
		toks = []string{"#" + key}
	} else {
		toks = graph.Bigrams(key)
	}
	for i, t := range toks {
		toks[i] = `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(t) + `"`
	}
	return strings.Join(toks, " ")
}

func (c *cypher) canList() bool { return true }

// people lists people as (id, name) pairs.
func (c *cypher) people(ctx context.Context, n int) ([][2]string, error) {
	recs, err := c.read(ctx, `MATCH (p:Person) RETURN p.id AS id, p.name AS name ORDER BY p.id LIMIT $n`, map[string]any{"n": n})
	if err != nil {
		return nil, fmt.Errorf("%s: list people: %w", c.label, err)
	}
	var ps [][2]string
	for _, r := range recs {
		id, _ := r.Get("id")
		name, _ := r.Get("name")
		ps = append(ps, [2]string{fmt.Sprint(id), fmt.Sprint(name)})
	}
	return ps, nil
}
