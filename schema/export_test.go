package schema_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/schema"
)

func TestExport(t *testing.T) {
	g, err := schema.ReadGraph(context.Background(), mustOpenSeed(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Nodes) == 0 || len(g.Relations) == 0 {
		t.Fatalf("read %d nodes and %d relations", len(g.Nodes), len(g.Relations))
	}
	export := func(format string) []byte {
		var buf bytes.Buffer
		if err := schema.Export(&buf, g, format); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		return buf.Bytes()
	}

	var cy struct {
		Elements struct {
			Nodes []struct{ Data map[string]any }
			Edges []struct{ Data map[string]any }
		}
	}
	if err := json.Unmarshal(export("cytoscape"), &cy); err != nil {
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
	if err := xml.Unmarshal(export("graphml"), &ml); err != nil {
		t.Fatalf("graphml: %v", err)
	}
	if len(ml.Graph.Nodes) != len(g.Nodes) || len(ml.Graph.Edges) != len(g.Relations) {
		t.Errorf("graphml: %d nodes, %d edges", len(ml.Graph.Nodes), len(ml.Graph.Edges))
	}

	for format, want := range map[string]struct {
		header string
		rows   int
	}{
		"csv-nodes":         {"id:ID,:LABEL,name", len(g.Nodes)},
		"csv-relationships": {":START_ID,:END_ID,:TYPE", len(g.Relations)},
	} {
		rows, err := csv.NewReader(bytes.NewReader(export(format))).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if !strings.HasPrefix(strings.Join(rows[0], ","), want.header) || len(rows)-1 != want.rows {
			t.Errorf("%s: header %v and %d rows, want %s… and %d", format, rows[0], len(rows)-1, want.header, want.rows)
		}
	}
	if err := schema.Export(io.Discard, g, "dot"); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("unknown format: err = %v, want ErrInvalid", err)
	}
}

func TestExportHTTP(t *testing.T) {
	srv := mustServer(t, nil)
	for _, tt := range []struct {
		query, ctype string
		status       int
		contains     string
	}{
		{"", "application/json", 200, `"elements"`},
		{"?format=graphml", "application/graphml+xml", 200, "<graphml"},
		{"?format=cytoscape&id=person/吕沛&depth=1", "application/json", 200, `"name":"高新区（示范区）党工委书记"`},
		{"?id=person/无此人", "text/plain", 404, "not found"},
		{"?id=person/吕沛&depth=9", "text/plain", 400, "depth"},
		{"?format=dot", "text/plain", 400, "none of"},
	} {
		resp, err := http.Get(srv.URL + "/export" + tt.query)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.status || !strings.HasPrefix(resp.Header.Get("Content-Type"), tt.ctype) || !strings.Contains(string(body), tt.contains) {
			t.Errorf("GET /export%s: %d %s %.200s; want %d %s containing %q", tt.query, resp.StatusCode, resp.Header.Get("Content-Type"), body, tt.status, tt.ctype, tt.contains)
		}
	}
}
