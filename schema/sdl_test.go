package schema_test

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// TestSDL keeps the API's contract in testdata/schema.graphql: a change of
// the schema shows as a diff of that file (go test ./schema -update).
func TestSDL(t *testing.T) {
	got := mustSchema(t, mustOpenSeed(t), nil).SDL()
	golden := filepath.Join("testdata", "schema.graphql")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("the schema differs from %s; run go test ./schema -update and review the diff", golden)
	}
}
