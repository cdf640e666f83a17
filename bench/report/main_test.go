package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMedian(t *testing.T) {
	f := figures{"odd": {3, 1, 2}, "even": {4, 1, 3, 2}}
	for _, tc := range []struct {
		key  string
		want float64
	}{{"odd", 2}, {"even", 2.5}} {
		if got, _ := f.med(tc.key); got != tc.want {
			t.Errorf("med(%s) = %v, want %v", tc.key, got, tc.want)
		}
	}
	if _, ok := f.med("missing"); ok {
		t.Error("med of a missing key reported a value")
	}
}

// TestGoals writes a document from records and checks the verdicts and
// ratios the goals table states.
func TestGoals(t *testing.T) {
	records := strings.Join([]string{
		`{"key":"throughput/facts/mb_s","value":1}`,
		`{"key":"throughput/facts/mb_s","value":1.2}`,
		`{"key":"throughput/facts/mb_s","value":0.8}`,
		`{"key":"throughput/gse/mb_s","value":3}`,
		`{"key":"throughput/gse-full/mb_s","value":1.5}`,
		`{"key":"throughput/interleaved/facts_gse","value":1.1}`,
		`{"key":"throughput/interleaved/facts_gse","value":1.3}`,
		`{"key":"throughput/interleaved/facts_gse","value":0.9}`,
		`{"key":"throughput/interleaved/extract_gse","value":3.2}`,
		`{"key":"proc/kg-ingest/1000/wall_s","value":10}`,
		`{"key":"proc/extract/1000/wall_s","value":8}`,
		`{"key":"proc/kg-ingest/1000/maxrss_kb","value":2000000}`,
		`{"key":"load/graphql-bolt/seq/neighbourhood2/p50_ms","value":0.5}`,
	}, "\n")
	path := filepath.Join(t.TempDir(), "results.jsonl")
	if err := os.WriteFile(path, []byte(records), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := run([]string{"-results", path, "-sizes", "1000", "-query-size", "1000", "-neo4j-skipped", "no server"}, &out); err != nil {
		t.Fatal(err)
	}
	doc := out.String()
	for _, want := range []string{
		"work interleaved | ≤ 2× | 1.10× | **met** |", // median of 1.1, 1.3, 0.9
		"| `extract` | 3.20× |",
		"| ≤ 2× | 3.00× | **missed** |",             // gse 3 MB/s, facts median 1 MB/s
		"| ≤ 2× | 1.50× | **met** |",                // gse-full
		"| ≤ 1.5× | 1.25× wall, –× CPU | **met** |", // ingest 10 s vs extraction 8 s
		"| < 1 GiB | 1953 MiB | **missed** |",
		"| < 1 ms | 0.500 ms | **met** |",
		"not measured: no server",
		"| `kg extract` cold start on one article | < 0.5 s | – s | not measured |",
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("document lacks %q", want)
		}
	}
}

func TestBadRecord(t *testing.T) {
	path := filepath.Join(t.TempDir(), "results.jsonl")
	if err := os.WriteFile(path, []byte("{\"key\":\"a\",\"value\":1}\nnot json\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := read(path); err == nil || !strings.Contains(err.Error(), ":2:") {
		t.Fatalf("read of a bad line: err = %v, want one naming line 2", err)
	}
}

// TestNotes checks that every -notes file is appended, in the order given.
func TestNotes(t *testing.T) {
	dir := t.TempDir()
	results := filepath.Join(dir, "results.jsonl")
	first := filepath.Join(dir, "notes.md")
	second := filepath.Join(dir, "real-scale.md")
	for path, text := range map[string]string{
		results: `{"key":"throughput/facts/mb_s","value":1}`,
		first:   "## Notes\n",
		second:  "## Real scale\n",
	} {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	if err := run([]string{"-results", results, "-notes", first, "-notes", second}, &out); err != nil {
		t.Fatal(err)
	}
	doc := out.String()
	if !strings.HasSuffix(doc, "## Notes\n\n## Real scale\n") {
		t.Fatalf("document ends %q, want the notes, a blank line and the real-scale section", doc[max(0, len(doc)-60):])
	}
	if err := run([]string{"-results", results, "-notes", filepath.Join(dir, "missing.md")}, &out); err == nil {
		t.Fatal("a missing -notes file gave no error")
	}
}
