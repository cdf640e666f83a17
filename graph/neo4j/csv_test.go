package neo4j_test

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgproject/kg/export"
	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/graph/graphtest"
	"github.com/kgproject/kg/graph/neo4j"
)

// importDir returns the directory the test servers' LOAD CSV reads
// file:/// URLs from (KG_NEO4J_IMPORT, which tools/neo4j/ci.sh sets from
// `neo4j.sh import`). Without it the test skips, except under CI=true.
func importDir(t *testing.T) string {
	return needEnv(t, "KG_NEO4J_IMPORT", "the import directory of the test servers: tools/neo4j/neo4j.sh import; tools/neo4j/ci.sh sets it")
}

// needEnv returns the environment variable key; without it the test
// skips, except under CI=true, where the suite must run and it fails.
// what says what the variable names and who sets it.
func needEnv(t *testing.T, key, what string) string {
	t.Helper()
	v := os.Getenv(key)
	if v == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true but %s is not set (%s)", key, what)
		}
		t.Skipf("%s not set (%s)", key, what)
	}
	return v
}

// hostileSentence holds what breaks naive CSV: neo4j-admin's default array
// delimiter ';', quotes, a comma, a new line. Not a backslash before a
// quote: LOAD CSV reads \" as an escaped quote unless the server sets
// dbms.import.csv.legacy_quote_escaping=false (docs/API.md).
const hostileSentence = "甲某指出：\"稳增长; 保民生\"，一是抓落实;\n二是, 防风险。"

// hostileFacts is an article whose only sentence is hostileSentence,
// mentioning one person.
func hostileFacts() *graph.ArticleFacts {
	aid := "article/csv-hostile"
	p := graph.Node{ID: graph.NodeID(graph.LabelPerson, "甲某"), Label: graph.LabelPerson, Name: "甲某"}
	ev := []graph.Evidence{{ArticleID: aid, Sentence: hostileSentence, Start: 0, End: len([]rune(hostileSentence))}}
	return &graph.ArticleFacts{
		Article:   graph.Node{ID: aid, Label: graph.LabelArticle, Name: "CSV 之测", Text: hostileSentence},
		Nodes:     []graph.Node{p},
		Relations: []graph.Relation{{Type: graph.RelMentions, From: aid, To: p.ID, Evidence: ev}},
	}
}

// TestLoadCSV loads kg's Neo4j CSV export of a store into Neo4j itself,
// with LOAD CSV from the servers' import directory: Neo4j must read as many
// nodes of each label and relations of each type as the store holds, every
// relation between the nodes it names, and an evidence sentence holding
// ';', '"', ',' and a new line back whole from its array cell.
func TestLoadCSV(t *testing.T) {
	dir := importDir(t)
	ctx := context.Background()
	src := openStore(t)
	for _, f := range graphtest.SeedFacts() {
		if err := src.PutArticle(ctx, &f); err != nil {
			t.Fatal(err)
		}
	}
	if err := src.PutArticle(ctx, hostileFacts()); err != nil {
		t.Fatal(err)
	}
	g, err := export.ReadGraph(ctx, src)
	if err != nil {
		t.Fatal(err)
	}

	// The files go to the import directory under names of this run.
	name := fmt.Sprintf("kg-csv-%d-%%s.csv", os.Getpid())
	for _, f := range []struct{ file, format string }{{"nodes", "csv-nodes"}, {"relationships", "csv-relationships"}} {
		path := filepath.Join(dir, fmt.Sprintf(name, f.file))
		w, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Remove(path) })
		if err := export.Write(w, g, f.format); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
	}

	// Another server, emptied, takes the CSV.
	dst := openStore(t)
	cfg := configOf(t, dst)
	auth := driver.NoAuth()
	if cfg.User != "" {
		auth = driver.BasicAuth(cfg.User, cfg.Password, "")
	}
	d, err := driver.NewDriverWithContext(cfg.URI, auth)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close(ctx) })
	run := func(query string, params map[string]any) []*driver.Record {
		t.Helper()
		res, err := driver.ExecuteQuery(ctx, d, query, params, driver.EagerResultTransformer, driver.ExecuteQueryWithDatabase(cfg.Database))
		if err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		return res.Records
	}
	// Labels and types are kept as properties: Cypher cannot take them
	// from a row without APOC, and the counts are what is compared.
	run("LOAD CSV WITH HEADERS FROM $url AS row "+
		"CREATE (:CSVNode {id: row.`id:ID`, label: row.`:LABEL`, name: row.name, "+
		"aliases: CASE WHEN row.`aliases:string[]` IS NULL THEN [] ELSE split(row.`aliases:string[]`, $delim) END})",
		map[string]any{"url": "file:///" + fmt.Sprintf(name, "nodes"), "delim": export.ArrayDelimiter})
	run("CREATE INDEX csv_node_id IF NOT EXISTS FOR (n:CSVNode) ON (n.id)", nil)
	t.Cleanup(func() { run("DROP INDEX csv_node_id IF EXISTS", nil) })
	run("CALL db.awaitIndexes(60)", nil)
	run("LOAD CSV WITH HEADERS FROM $url AS row "+
		"MATCH (a:CSVNode {id: row.`:START_ID`}), (b:CSVNode {id: row.`:END_ID`}) "+
		"CREATE (a)-[:CSV_REL {id: row.id, type: row.`:TYPE`, role: row.role, "+
		"articles: split(row.`articles:string[]`, $delim), sentences: split(row.`sentences:string[]`, $delim), "+
		"supportCount: toInteger(row.`supportCount:int`)}]->(b)",
		map[string]any{"url": "file:///" + fmt.Sprintf(name, "relationships"), "delim": export.ArrayDelimiter})

	wantLabels, wantTypes := map[string]int64{}, map[string]int64{}
	for _, n := range g.Nodes {
		wantLabels[string(n.Label)]++
	}
	for _, r := range g.Relations {
		wantTypes[string(r.Type)]++
	}
	count := func(query string) map[string]int64 {
		got := map[string]int64{}
		for _, rec := range run(query, nil) {
			k, _ := rec.Values[0].(string)
			got[k], _ = rec.Values[1].(int64)
		}
		return got
	}
	if got := count("MATCH (n:CSVNode) RETURN n.label, count(*)"); !maps.Equal(got, wantLabels) {
		t.Errorf("Neo4j read nodes by label %v, the store holds %v", got, wantLabels)
	}
	if got := count("MATCH (:CSVNode)-[r:CSV_REL]->(:CSVNode) RETURN r.type, count(*)"); !maps.Equal(got, wantTypes) {
		t.Errorf("Neo4j read relations by type %v, the store holds %v", got, wantTypes)
	}

	recs := run("MATCH (:CSVNode {id: 'article/csv-hostile'})-[r:CSV_REL]->(p:CSVNode) RETURN r.sentences, r.articles, r.supportCount, p.name", nil)
	if len(recs) != 1 {
		t.Fatalf("the hostile article has %d relations in Neo4j, want 1", len(recs))
	}
	v := recs[0].Values
	sents, _ := v[0].([]any)
	if len(sents) != 1 || sents[0] != hostileSentence {
		t.Errorf("the evidence reads back as %q, want [%q]", sents, hostileSentence)
	}
	if arts, _ := v[1].([]any); len(arts) != 1 || arts[0] != "article/csv-hostile" || v[2] != int64(1) || v[3] != "甲某" {
		t.Errorf("the relation reads back with articles %q, support %v, to %v", arts, v[2], v[3])
	}
}

// configOf returns the configuration of the server st was opened on.
func configOf(t *testing.T, st graph.Store) neo4j.Config {
	t.Helper()
	servers.Lock()
	defer servers.Unlock()
	i := slices.IndexFunc(servers.pool, func(s *server) bool { return graph.Store(s.store) == st })
	if i < 0 {
		t.Fatal("the store is on no server of the pool")
	}
	return servers.pool[i].cfg
}
