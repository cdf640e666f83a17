package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestIngest(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := run(t, "", "ingest", "--data", dir, filepath.Join("testdata", "seed.md"))
	if code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "6 articles") {
		t.Errorf("ingest printed %q, want it to report 6 articles", out)
	}
	code, out, errOut = run(t, "", "query", "--data", dir, gongQuery)
	if code != 0 {
		t.Fatalf("query: exit %d: %s", code, errOut)
	}
	checkGong(t, []byte(out))
}

func TestIngestBadInput(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(t.TempDir(), "empty.md")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, "", "ingest", "--data", dir, empty, filepath.Join("testdata", "seed.md"))
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if !strings.Contains(errOut, "empty.md") {
		t.Errorf("stderr %q does not name the bad file", errOut)
	}
	if !strings.Contains(out, "6 articles") {
		t.Errorf("stdout %q: the good page was not stored", out)
	}
}
