package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/graph/neo4j"
)

// kgStore runs kg commands against one store: the embedded store in a
// folder of its own, or the Neo4j server KG_NEO4J_SCHEMA_URI names (kept
// for these tests; it is emptied first).
type kgStore struct {
	name string
	env  map[string]string
	data string // --data for the embedded store, "" for Neo4j
}

// stores returns the embedded store and, when KG_NEO4J_SCHEMA_URI is set,
// Neo4j.
func stores(t *testing.T) []kgStore {
	out := []kgStore{{name: "bolt", env: map[string]string{}, data: t.TempDir()}}
	if uri := os.Getenv("KG_NEO4J_SCHEMA_URI"); uri != "" {
		out = append(out, kgStore{name: "neo4j", env: map[string]string{
			"KG_STORE": "neo4j", "NEO4J_URI": uri, "NEO4J_USER": os.Getenv("NEO4J_USER"),
			"NEO4J_PASSWORD": os.Getenv("NEO4J_PASSWORD"), "NEO4J_DATABASE": os.Getenv("NEO4J_DATABASE"),
		}})
	}
	return out
}

// reset empties the store.
func (s kgStore) reset(t *testing.T) {
	t.Helper()
	if s.data != "" {
		if err := os.RemoveAll(s.data); err != nil {
			t.Fatal(err)
		}
		return
	}
	ctx := context.Background()
	st, err := neo4j.Open(ctx, neo4j.Config{URI: s.env["NEO4J_URI"], User: s.env["NEO4J_USER"], Password: s.env["NEO4J_PASSWORD"], Database: s.env["NEO4J_DATABASE"]})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	page, err := st.FindNodes(ctx, graph.NodeFilter{Labels: []graph.Label{graph.LabelArticle}})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range page.Nodes {
		if err := st.DeleteArticle(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
	}
}

// run runs one kg command on the store.
func (s kgStore) run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	if s.data != "" && len(args) > 0 && args[0] != "extract" {
		args = append([]string{args[0], "--data", s.data}, args[1:]...)
	}
	return runEnv(t, s.env, "", args...)
}

// ingest runs kg ingest and returns its summary.
func (s kgStore) ingest(t *testing.T, paths ...string) string {
	t.Helper()
	code, out, errOut := s.run(t, append([]string{"ingest"}, paths...)...)
	if code != 0 {
		t.Fatalf("%s: ingest %v: exit %d: %s", s.name, paths, code, errOut)
	}
	return out
}

// dump returns the store's canonical dump.
func (s kgStore) dump(t *testing.T) string {
	t.Helper()
	code, out, errOut := s.run(t, "export", "--format", "dump")
	if code != 0 {
		t.Fatalf("%s: export dump: exit %d: %s", s.name, code, errOut)
	}
	return out
}

// count returns how many nodes of label the store holds.
func (s kgStore) count(t *testing.T, label string) int {
	t.Helper()
	n := 0
	for _, ln := range strings.Split(s.dump(t), "\n") {
		if strings.Contains(ln, `"label":"`+label+`"`) && strings.HasPrefix(ln, `{"node"`) {
			n++
		}
	}
	return n
}

// meetingPage is a masthead page of n meeting reports, less the one
// numbered skip.
func meetingPage(n, skip int) string {
	var b strings.Builder
	b.WriteString("青禾日报　2026年3月10日　星期二\n\n")
	for i := 1; i <= n; i++ {
		if i != skip {
			fmt.Fprintf(&b, "# 县里召开第%d次专题会议\n\n3月%d日上午，县长王立新主持召开第%d次专题会议，副县长周立群出席。\n\n", i, i, i)
		}
	}
	return b.String()
}

var storeNowRe = regexp.MustCompile(`store now holds (\d+) nodes and (\d+) relations`)

// TestArticlesAsTheyCome checks, on each store, the cases of articles
// read as they come: files reached by other paths, a page read again
// without one of its articles, years that must not leak between files,
// and a summary that says what the store holds.
func TestArticlesAsTheyCome(t *testing.T) {
	dir := t.TempDir()
	coll := filepath.Join(dir, "coll")
	writeFile(t, filepath.Join(coll, "a"), "index.md", "# 县里召开专题会议\n\n发布时间：2026-03-02\n\n3月2日上午，县长王立新主持召开专题会议。")
	writeFile(t, filepath.Join(coll, "b"), "index.md", "# 县里召开专题会议\n\n发布时间：2026-03-09\n\n3月9日上午，县长王立新主持召开专题会议。")
	for _, s := range stores(t) {
		t.Run(s.name, func(t *testing.T) {
			s.reset(t)
			// two folders' index.md are two articles, however reached
			if out := s.ingest(t, filepath.Join(coll, "a", "index.md")); !strings.Contains(out, "stored 1 article from 1 file: 1 new") {
				t.Errorf("ingest a: %q", out)
			}
			if out := s.ingest(t, filepath.Join(coll, "b", "index.md")); !strings.Contains(out, "stored 1 article from 1 file: 1 new") {
				t.Errorf("ingest b: %q", out)
			}
			if out := s.ingest(t, coll); !strings.Contains(out, "2 unchanged") || strings.Contains(out, "new") {
				t.Errorf("ingest coll: %q, want both unchanged", out)
			}
			if n := s.count(t, "Article"); n != 2 {
				t.Errorf("%d articles, want 2", n)
			}
			if n := s.count(t, "Event"); n != 2 {
				t.Errorf("%d events, want 2", n)
			}

			// a page read again without its 2nd article retracts it: the
			// store is then a fresh ingest of the page as it is
			s.reset(t)
			page := filepath.Join(dir, "page.md")
			writeFile(t, dir, "page.md", meetingPage(6, 0))
			s.ingest(t, page)
			writeFile(t, dir, "page.md", meetingPage(6, 2))
			out := s.ingest(t, page)
			if !strings.Contains(out, "5 unchanged; 1 retracted") {
				t.Errorf("ingest of the page less one article: %q", out)
			}
			after := s.dump(t)
			s.reset(t)
			s.ingest(t, page)
			if fresh := s.dump(t); fresh != after {
				t.Error("the store differs from a fresh ingest of the page as it is now")
			}
			// the summary's counts are the store's
			m := storeNowRe.FindStringSubmatch(out)
			if m == nil {
				t.Fatalf("summary %q gives no store counts", out)
			}
			nodes, rels := strings.Count(after, `{"node"`), strings.Count(after, `{"relation"`)
			if got, _ := strconv.Atoi(m[1]); got != nodes {
				t.Errorf("summary says %s nodes, the store holds %d", m[1], nodes)
			}
			if got, _ := strconv.Atoi(m[2]); got != rels {
				t.Errorf("summary says %s relations, the store holds %d", m[2], rels)
			}
		})
	}
}

// TestYearsDoNotLeak checks that a year stated in one file dates nothing
// in another, and never overrides --year.
func TestYearsDoNotLeak(t *testing.T) {
	county := writeFile(t, t.TempDir(), "county.md", "# 县法院发布公告\n\n3月18日，县人民法院院长李青山主持召开审判委员会会议。")
	extract := func(paths ...string) string {
		code, out, errOut := run(t, "", append([]string{"extract", "--year", "2025"}, paths...)...)
		if code != 0 {
			t.Fatalf("extract: exit %d: %s", code, errOut)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		return lines[len(lines)-1]
	}
	alone := extract(county)
	with := extract(filepath.Join("testdata", "seed.md"), county)
	if !strings.Contains(alone, `"date":"2025-03-18"`) || alone != with {
		t.Errorf("alone: %s\nwith the seed page: %s\nwant 2025-03-18 both times", alone, with)
	}
}
