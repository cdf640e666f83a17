package graphtest

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/kgproject/kg/graph"
)

var update = flag.Bool("update", false, "rewrite testdata/seed.dump from the seed facts")

// TestSeedDump keeps the golden dump every backend must reproduce in step
// with SeedFacts and the merge rules.
func TestSeedDump(t *testing.T) {
	got := newModel(SeedFacts()...).dump()
	golden := filepath.Join("testdata", "seed.dump")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("model dump of the seed differs from %s; run go test -update if the change is intended", golden)
	}
	if !bytes.Equal(want, seedDump) {
		t.Errorf("embedded seed dump is stale")
	}
}

func TestSeedFacts(t *testing.T) {
	facts := SeedFacts()
	if got, want := len(facts), 6; got != want {
		t.Fatalf("len(SeedFacts()) = %d, want %d", got, want)
	}
	for _, f := range facts {
		if err := f.Validate(); err != nil {
			t.Errorf("%s: %v", f.Article.ID, err)
		}
		text := []rune(f.Article.Text)
		for _, r := range f.Relations {
			if r.ID != graph.RelationID(r.Type, r.From, r.To, r.Role) {
				t.Errorf("%s: relation %s %s->%s: ID %s is not RelationID", f.Article.ID, r.Type, r.From, r.To, r.ID)
			}
			for _, e := range r.Evidence {
				if got := string(text[e.Start:e.End]); got != e.Sentence {
					t.Errorf("%s: evidence %d..%d is %q, want %q", f.Article.ID, e.Start, e.End, got, e.Sentence)
				}
			}
		}
	}
	if a, b := SeedFacts(), SeedFacts(); &a[0].Nodes[0] == &b[0].Nodes[0] {
		t.Errorf("SeedFacts shares memory between calls")
	}
}
