package export_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/kgproject/kg/export"
	"github.com/kgproject/kg/graph"
)

// networkxScript reads a GraphML and a GEXF file with networkx and prints,
// for each, its node and edge counts and every node's label, type, start
// and end as JSON.
const networkxScript = `
import json, sys
import networkx as nx
out = {}
for fmt, path in (("graphml", sys.argv[1]), ("gexf", sys.argv[2])):
    g = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    out[fmt] = {
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "attrs": {n: {k: str(d.get(k, "")) for k in ("label", "type", "start", "end")} for n, d in g.nodes(data=True)},
        "edgeTypes": sorted(str(d.get("type", "")) for _, _, d in g.edges(data=True)),
        "supports": sorted(int(d.get("supportCount", 0)) for _, _, d in g.edges(data=True)),
    }
json.dump(out, sys.stdout, ensure_ascii=False)
`

// python3WithNetworkx returns the python3 that imports networkx. Without one
// the test skips, except under CI=true, where .ci/run installs networkx.
func python3WithNetworkx(t *testing.T) string {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err == nil {
		err = exec.Command(py, "-c", "import networkx").Run()
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true but python3 cannot import networkx (.ci/run installs it): %v", err)
		}
		t.Skipf("no python3 with networkx (python3 -m pip install networkx): %v", err)
	}
	return py
}

// TestExportNetworkx loads the GraphML and GEXF exports of the seed graph
// with networkx, the reader analysts script with: every node with its name
// as label and its type, each event with its dates as its interval, and
// every relation with its type and support count.
func TestExportNetworkx(t *testing.T) {
	py := python3WithNetworkx(t)
	g, err := export.ReadGraph(context.Background(), mustOpenSeed(t))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	paths := map[string]string{}
	for _, format := range []string{"graphml", "gexf"} {
		paths[format] = filepath.Join(dir, "kg."+format)
		if err := os.WriteFile(paths[format], exported(t, g, format), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(py, "-c", networkxScript, paths["graphml"], paths["gexf"])
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("networkx: %v", err)
	}
	var got map[string]struct {
		Nodes, Edges int
		Attrs        map[string]struct{ Label, Type, Start, End string }
		EdgeTypes    []string
		Supports     []int
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("networkx output %q: %v", out, err)
	}
	events := 0
	for _, format := range []string{"graphml", "gexf"} {
		r := got[format]
		if r.Nodes != len(g.Nodes) || r.Edges != len(g.Relations) {
			t.Errorf("%s: networkx reads %d nodes and %d edges, want %d and %d", format, r.Nodes, r.Edges, len(g.Nodes), len(g.Relations))
		}
		for _, n := range g.Nodes {
			a, ok := r.Attrs[n.ID]
			if !ok {
				t.Errorf("%s: no node %s", format, n.ID)
				continue
			}
			if a.Label != n.Name || a.Type != string(n.Label) {
				t.Errorf("%s: node %s has label %q and type %q, want %q and %q", format, n.ID, a.Label, a.Type, n.Name, n.Label)
			}
			if format == "gexf" && n.Label == graph.LabelEvent && n.Date != "" {
				events++
				end := n.EndDate
				if end == "" {
					end = n.Date
				}
				if a.Start != n.Date || a.End != end {
					t.Errorf("gexf: event %s lives from %q to %q, want %q to %q", n.ID, a.Start, a.End, n.Date, end)
				}
			}
		}
		types := map[string]int{}
		for _, ty := range r.EdgeTypes {
			types[ty]++
		}
		supports := 0
		for _, s := range r.Supports {
			supports += s
		}
		wantSupports := 0
		for _, rel := range g.Relations {
			types[string(rel.Type)]--
			wantSupports += len(rel.Articles())
		}
		for ty, n := range types {
			if n != 0 {
				t.Errorf("%s: %+d edges of type %q", format, n, ty)
			}
		}
		if supports != wantSupports {
			t.Errorf("%s: support counts add up to %d, want %d", format, supports, wantSupports)
		}
	}
	if events == 0 {
		t.Errorf("the seed graph has no dated event to check the GEXF timeline with")
	}
}
