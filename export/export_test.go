package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/kgproject/kg/export"
	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/graph/bolt"
	"github.com/kgproject/kg/graph/graphtest"
)

func TestWrite(t *testing.T) {
	g, err := export.ReadGraph(context.Background(), mustOpenSeed(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Nodes) == 0 || len(g.Relations) == 0 {
		t.Fatalf("read %d nodes and %d relations", len(g.Nodes), len(g.Relations))
	}
	as := func(format string) []byte { return exported(t, g, format) }

	var cy struct {
		Elements struct {
			Nodes []struct{ Data map[string]any }
			Edges []struct{ Data map[string]any }
		}
	}
	if err := json.Unmarshal(as("cytoscape"), &cy); err != nil {
		t.Fatalf("cytoscape: %v", err)
	}
	if len(cy.Elements.Nodes) != len(g.Nodes) || len(cy.Elements.Edges) != len(g.Relations) {
		t.Errorf("cytoscape: %d nodes, %d edges; want %d, %d", len(cy.Elements.Nodes), len(cy.Elements.Edges), len(g.Nodes), len(g.Relations))
	}
	if e := cy.Elements.Edges[0].Data; e["source"] == nil || e["target"] == nil || e["evidence"] == nil {
		t.Errorf("cytoscape edge lacks source, target or evidence: %v", e)
	}

	var ml struct {
		Graph struct {
			Nodes []struct {
				ID string `xml:"id,attr"`
			} `xml:"node"`
			Edges []struct {
				Source string `xml:"source,attr"`
			} `xml:"edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal(as("graphml"), &ml); err != nil {
		t.Fatalf("graphml: %v", err)
	}
	if len(ml.Graph.Nodes) != len(g.Nodes) || len(ml.Graph.Edges) != len(g.Relations) {
		t.Errorf("graphml: %d nodes, %d edges", len(ml.Graph.Nodes), len(ml.Graph.Edges))
	}

	var gx struct {
		Graph struct {
			Mode  string `xml:"mode,attr"`
			Nodes []struct {
				ID string `xml:"id,attr"`
			} `xml:"nodes>node"`
			Edges []struct {
				Source string `xml:"source,attr"`
			} `xml:"edges>edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal(as("gexf"), &gx); err != nil {
		t.Fatalf("gexf: %v", err)
	}
	if len(gx.Graph.Nodes) != len(g.Nodes) || len(gx.Graph.Edges) != len(g.Relations) || gx.Graph.Mode != "dynamic" {
		t.Errorf("gexf: %d nodes, %d edges, mode %q", len(gx.Graph.Nodes), len(gx.Graph.Edges), gx.Graph.Mode)
	}

	for format, want := range map[string]struct {
		header string
		rows   int
	}{
		"csv-nodes":         {"id:ID,:LABEL,name", len(g.Nodes)},
		"csv-relationships": {":START_ID,:END_ID,:TYPE", len(g.Relations)},
	} {
		rows, err := csv.NewReader(bytes.NewReader(as(format))).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if !strings.HasPrefix(strings.Join(rows[0], ","), want.header) || len(rows)-1 != want.rows {
			t.Errorf("%s: header %v and %d rows, want %s… and %d", format, rows[0], len(rows)-1, want.header, want.rows)
		}
	}
	if err := export.Write(io.Discard, g, "dot"); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("unknown format: err = %v, want ErrInvalid", err)
	}
}

// mustOpenSeed opens a bolt store in a temporary directory holding the seed
// page's facts.
func mustOpenSeed(tb testing.TB) *bolt.Store {
	tb.Helper()
	st, err := bolt.Open(tb.TempDir(), &bolt.Options{NoSync: true})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	for _, f := range graphtest.SeedFacts() {
		if err := st.PutArticle(context.Background(), &f); err != nil {
			tb.Fatal(err)
		}
	}
	return st
}

// exported returns g in format.
func exported(t *testing.T, g *graph.Subgraph, format string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := export.Write(&buf, g, format); err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	return buf.Bytes()
}

// TestExportCSVSentences checks that evidence sentences survive the Neo4j
// CSV whole, whatever they hold (the array delimiter ';' of neo4j-admin's
// default, commas, quotes, new lines), and that a cell a spreadsheet would
// run as a formula is still escaped.
func TestExportCSVSentences(t *testing.T) {
	sents := []string{"会议指出；要抓好落实; 二是\"稳增长\"，三是, 保民生。", "第二行\n换行。", "=HYPERLINK(\"x\")"}
	r := &graph.Relation{ID: "r1", From: "person/甲", To: "event/会", Type: graph.RelAttended}
	for i, s := range sents {
		r.Evidence = append(r.Evidence, graph.Evidence{ArticleID: fmt.Sprintf("article/%d", i), Sentence: s})
	}
	g := &graph.Subgraph{Relations: []*graph.Relation{r}}
	rows, err := csv.NewReader(bytes.NewReader(exported(t, g, "csv-relationships"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 {
		t.Fatalf("csv-relationships: %d rows, want 2", len(rows))
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	got := strings.Split(rows[1][col["sentences:string[]"]], export.ArrayDelimiter)
	want := []string{sents[0], sents[1], "'" + sents[2]}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sentences = %q, want %q", got, want)
	}
	if got, want := rows[1][col["articles:string[]"]], "article/0\x1farticle/1\x1farticle/2"; got != want {
		t.Errorf("articles = %q, want %q", got, want)
	}
}

// TestExportArticleFields checks that an article's URL, outlet, author,
// scope and the basis of its scope are exported like its source and
// published date: Cytoscape data, GraphML keys, and the last columns of
// csv-nodes, after the columns kept before them.
func TestExportArticleFields(t *testing.T) {
	a := &graph.Node{ID: "article/a", Label: graph.LabelArticle, Name: "报道", Source: "a.html", Published: "2026-01-14",
		URL: "https://example.com/a", Outlet: "白岩日报", Author: "记者甲", Page: "input/a.html", Text: "正文。",
		Scope: "青禾县", ScopeBasis: "dateline 青禾讯"}
	g := &graph.Subgraph{Nodes: []*graph.Node{a}}
	as := func(format string) []byte { return exported(t, g, format) }
	want := map[string]string{"source": a.Source, "published": a.Published, "url": a.URL, "outlet": a.Outlet, "author": a.Author,
		"scope": a.Scope, "scopeBasis": a.ScopeBasis}

	var cy struct {
		Elements struct {
			Nodes []struct{ Data map[string]any }
		}
	}
	if err := json.Unmarshal(as("cytoscape"), &cy); err != nil {
		t.Fatalf("cytoscape: %v", err)
	}
	for k, v := range want {
		if got := cy.Elements.Nodes[0].Data[k]; got != v {
			t.Errorf("cytoscape %s = %v, want %q", k, got, v)
		}
	}

	var ml struct {
		Keys []struct {
			ID  string `xml:"id,attr"`
			For string `xml:"for,attr"`
		} `xml:"key"`
		Graph struct {
			Nodes []struct {
				Data []struct {
					Key   string `xml:"key,attr"`
					Value string `xml:",chardata"`
				} `xml:"data"`
			} `xml:"node"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal(as("graphml"), &ml); err != nil {
		t.Fatalf("graphml: %v", err)
	}
	keys := map[string]bool{}
	for _, k := range ml.Keys {
		keys[k.For+" "+k.ID] = true
	}
	data := map[string]string{}
	for _, d := range ml.Graph.Nodes[0].Data {
		data[d.Key] = d.Value
	}
	for k, v := range want {
		if !keys["node "+k] || data[k] != v {
			t.Errorf("graphml %s: key declared %t, value %q; want declared, %q", k, keys["node "+k], data[k], v)
		}
	}
	if _, ok := data["page"]; ok {
		t.Errorf("graphml exports the page, which names an input, not a fact of the article")
	}

	rows, err := csv.NewReader(bytes.NewReader(as("csv-nodes"))).ReadAll()
	if err != nil {
		t.Fatalf("csv-nodes: %v", err)
	}
	header := []string{"id:ID", ":LABEL", "name", "aliases:string[]", "title", "kind", "date", "endDate", "partOfDay", "source", "published", "text", "url", "outlet", "author", "scope", "scopeBasis"}
	row := []string{a.ID, "Article", a.Name, "", "", "", "", "", "", a.Source, a.Published, a.Text, a.URL, a.Outlet, a.Author, a.Scope, a.ScopeBasis}
	if len(rows) != 2 || strings.Join(rows[0], ",") != strings.Join(header, ",") || strings.Join(rows[1], ",") != strings.Join(row, ",") {
		t.Errorf("csv-nodes = %q, want %q and %q", rows, header, row)
	}
}

// TestCSVFormulasEscaped checks that a cell a spreadsheet would run as a
// formula is written as text.
func TestCSVFormulasEscaped(t *testing.T) {
	st := mustOpenSeed(t)
	f := graphtest.SeedFacts()[0]
	f.Article.Title, f.Article.Name = `=HYPERLINK("http://evil.example","x")`, `@SUM(1)`
	if err := st.PutArticle(context.Background(), &f); err != nil {
		t.Fatal(err)
	}
	g, err := export.ReadGraph(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := export.Write(&buf, g, "csv-nodes"); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{`'=HYPERLINK(""http://evil.example"",""x"")`, `'@SUM(1)`} {
		if !strings.Contains(out, want) {
			t.Errorf("nodes.csv lacks the escaped cell %s", want)
		}
	}
	for _, line := range strings.Split(out, "\n") {
		for _, cell := range strings.Split(line, ",") {
			if strings.HasPrefix(strings.TrimPrefix(cell, `"`), "=") || strings.HasPrefix(cell, "@") {
				t.Errorf("a cell starts a formula: %s", cell)
			}
		}
	}
}

// TestMediaType checks that every format has a media type, and that no
// other name has one.
func TestMediaType(t *testing.T) {
	for _, f := range export.Formats {
		if m, ok := export.MediaType(f); !ok || m == "" {
			t.Errorf("MediaType(%q) = %q, %t; want a media type", f, m, ok)
		}
	}
	if m, ok := export.MediaType("dot"); ok {
		t.Errorf("MediaType(dot) = %q, true; want false", m)
	}
}
