package main

import (
	"os"
	"strings"
	"testing"
)

// TestHelp checks that each way of asking for help prints it on standard
// output, exits 0 and writes nothing else: no stderr, no corpus.
func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"-h"}, {"--help"}, {"-help"}, {"help"}, {"-n", "5", "-h"}} {
		dir := t.TempDir()
		t.Chdir(dir)
		var out, errOut strings.Builder
		code := run(args, &out, &errOut)
		if code != 0 || !strings.HasPrefix(out.String(), "usage: kggen") || !strings.Contains(out.String(), "-per-page") || errOut.Len() != 0 {
			t.Errorf("kggen %q: exit %d, stdout %q, stderr %q; want 0 and the usage on stdout alone", args, code, out.String(), errOut.String())
		}
		if ents, _ := os.ReadDir(dir); len(ents) != 0 {
			t.Errorf("kggen %q wrote %d files", args, len(ents))
		}
	}
}

func TestUsageError(t *testing.T) {
	var out, errOut strings.Builder
	if code := run([]string{"a", "b"}, &out, &errOut); code != 2 || out.Len() != 0 || !strings.Contains(errOut.String(), "want one output folder") {
		t.Errorf("two folders: exit %d, stdout %q, stderr %q", code, out.String(), errOut.String())
	}
}

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	var out, errOut strings.Builder
	if code := run([]string{"-n", "12", dir}, &out, &errOut); code != 0 || !strings.HasPrefix(out.String(), "wrote 12 articles on 2 pages") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out.String(), errOut.String())
	}
	if ents, _ := os.ReadDir(dir); len(ents) == 0 {
		t.Error("no pages written")
	}
}
