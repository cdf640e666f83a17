package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// identityPages are invented articles of two counties and the premier:
// each county's 县委书记 is its own post with its own 杨明, and the premier
// is one person in every article (testdata/identity).
var identityPages = []string{"qinghe.md", "lanxi.md", "premier.md", "premier2.md"}

// TestIdentityOrderAndRetraction checks on each store that three ingest
// orders give identical dumps, that a delete followed by a re-ingest gives
// the dump back, and the identities the pages call for.
func TestIdentityOrderAndRetraction(t *testing.T) {
	var paths []string
	for _, p := range identityPages {
		paths = append(paths, filepath.Join("testdata", "identity", p))
	}
	orders := [][]int{{0, 1, 2, 3}, {3, 2, 1, 0}, {2, 0, 3, 1}}
	for _, st := range stores(t) {
		t.Run(st.name, func(t *testing.T) {
			var first string
			for _, o := range orders {
				st.reset(t)
				for _, i := range o { // one file per run: each order is the store's order
					st.ingest(t, "--year", "2026", paths[i])
				}
				d := st.dump(t)
				if first == "" {
					first = d
				} else if d != first {
					t.Fatalf("ingest order %v gives another dump:\n%s\nwant:\n%s", o, d, first)
				}
			}
			checkIdentities(t, first)

			aid := articleOf(t, first, "premier2.md")
			if code, _, errOut := st.run(t, "delete", "--article", aid); code != 0 {
				t.Fatalf("delete %s: exit %d: %s", aid, code, errOut)
			}
			if d := st.dump(t); !strings.Contains(d, "person/杨明@青禾县") || d == first {
				t.Fatalf("after deleting %s the dump should lose its facts and keep 青禾县's 杨明 (still in qinghe.md)", aid)
			}
			st.ingest(t, "--year", "2026", paths[3])
			if d := st.dump(t); d != first {
				t.Fatalf("delete + re-ingest gives another dump:\n%s\nwant:\n%s", d, first)
			}
		})
	}
}

// checkIdentities checks the who-is-who of identityPages in a dump.
func checkIdentities(t *testing.T, dump string) {
	t.Helper()
	holders := map[string][]string{} // post -> people
	ids := map[string]bool{}
	for _, ln := range strings.Split(strings.TrimSpace(dump), "\n") {
		var x struct {
			Node     *struct{ ID string }
			Relation *struct{ Type, From, To string }
		}
		if err := json.Unmarshal([]byte(ln), &x); err != nil {
			t.Fatal(err)
		}
		if x.Node != nil {
			ids[x.Node.ID] = true
		}
		if r := x.Relation; r != nil && r.Type == "HOLDS" {
			holders[r.To] = append(holders[r.To], r.From)
		}
	}
	for _, c := range []struct{ post, holder string }{
		{"post/县委书记@青禾县", "person/杨明@青禾县"},
		{"post/青禾县委书记", "person/杨明@青禾县"}, // the same 杨明, named in full in the other article
		{"post/岚溪县委书记", "person/杨明@岚溪县"},
		{"post/县长@青禾县", "person/周立@青禾县"},
		{"post/县长@岚溪县", "person/韩冬@岚溪县"},
		{"post/国务院总理", "person/李强"},
	} {
		if got := holders[c.post]; len(got) != 1 || got[0] != c.holder {
			t.Errorf("holders of %s = %v, want [%s]", c.post, got, c.holder)
		}
	}
	for _, id := range []string{"post/县委书记", "post/县长", "org/县委", "person/杨明", "person/杨书记@青禾县", "person/杨书记@岚溪县"} {
		if ids[id] {
			t.Errorf("%s is a node: generic names and references must not be", id)
		}
	}
}

// articleOf returns the ID of the article read from the file named base.
func articleOf(t *testing.T, dump, base string) string {
	t.Helper()
	for _, ln := range strings.Split(dump, "\n") {
		var x struct {
			Node *struct{ ID, Label, Source string }
		}
		if json.Unmarshal([]byte(ln), &x) == nil && x.Node != nil && x.Node.Label == "Article" && filepath.Base(x.Node.Source) == base {
			return x.Node.ID
		}
	}
	t.Fatalf("no article from %s in the dump", base)
	return ""
}

// identityQuery is docs/API.md's query telling two 杨明 apart; its answer
// on identityPages is testdata/identity/people.golden.json.
const identityQuery = `{ people(filter: {name: "杨明"}) { nodes { id scope identity { distinguishing evidence { article { title } basis } } } } }`

// TestIdentityQuery checks docs/API.md's answer to identityQuery.
func TestIdentityQuery(t *testing.T) {
	dir := t.TempDir()
	args := []string{"ingest", "--data", dir, "--year", "2026"}
	for _, p := range identityPages {
		args = append(args, filepath.Join("testdata", "identity", p))
	}
	if code, _, errOut := run(t, "", args...); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, errOut)
	}
	code, out, errOut := run(t, "", "query", "--data", dir, identityQuery)
	if code != 0 {
		t.Fatalf("query: exit %d: %s", code, errOut)
	}
	want, err := os.ReadFile(filepath.Join("testdata", "identity", "people.golden.json"))
	if err != nil {
		t.Fatal(err)
	}
	if out != string(want) {
		t.Errorf("query answer:\n%s\nwant (testdata/identity/people.golden.json):\n%s", out, want)
	}
}
