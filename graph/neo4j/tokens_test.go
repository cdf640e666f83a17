package neo4j

import (
	"strings"
	"testing"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/graph/graphtest"
)

// TestSearchCandidates checks, without a server, that the full-text tokens
// find every node graph.Score rates above 0: the whitespace analyzer
// indexes searchTokens and the query asks for any of queryTokens, so the
// two must share a token whenever the score is positive.
func TestSearchCandidates(t *testing.T) {
	var nodes []graph.Node
	for _, f := range graphtest.SeedFacts() {
		nodes = append(nodes, f.Article)
		nodes = append(nodes, f.Nodes...)
	}
	nodes = append(nodes,
		graph.Node{ID: "place/x", Label: graph.LabelPlace, Name: "区"},
		graph.Node{ID: "org/a", Label: graph.LabelOrganisation, Name: "ABC Bank", Aliases: []string{"abc", "Ｂ"}},
		graph.Node{ID: "project/q", Label: graph.LabelProject, Name: `a"b\c`},
	)
	queries := []string{
		"高新区党工委", "吕沛", "吕", "宁", "中信银行", "管委会", "示范区管委会", "（示范区）",
		"三十工程", "市委", "会议", "工作会议", "中心", "书记", "区", "高新区", "abc", "ＡＢＣ",
		"bank", "b", "ab", `"b\`, "c", "2026", "1", "焦作分行的客人", "高新区（示范区）党工委书记吕沛",
	}
	for _, n := range nodes {
		indexed := map[string]bool{}
		for _, tok := range strings.Fields(searchTokens(&n)) {
			indexed[tok] = true
		}
		for _, q := range queries {
			if graph.Score(q, &n) == 0 {
				continue
			}
			found := false
			for _, tok := range queryTokens(graph.SearchKey(q)) {
				if indexed[unquote(tok)] {
					found = true
					break
				}
			}
			if !found {
				t.Errorf("Score(%q, %s %q) > 0 but the full-text query would miss it", q, n.ID, n.Name)
			}
		}
	}
}

// unquote undoes the Lucene phrase quoting of queryTokens.
func unquote(tok string) string {
	tok = strings.TrimSuffix(strings.TrimPrefix(tok, `"`), `"`)
	return strings.NewReplacer(`\\`, `\`, `\"`, `"`).Replace(tok)
}

func TestMigrations(t *testing.T) {
	stmts, err := statements()
	if err != nil {
		t.Fatal(err)
	}
	if len(stmts) == 0 {
		t.Fatal("no migration statements")
	}
	names := map[string]bool{}
	for _, st := range stmts {
		name := schemaName(st)
		if name == "" || names[name] {
			t.Errorf("statement %q: name %q missing or repeated", firstLine(st), name)
		}
		names[name] = true
		if !strings.HasPrefix(st, "CREATE ") || !strings.Contains(st, " IF NOT EXISTS") {
			t.Errorf("statement %q is not an idempotent CREATE … IF NOT EXISTS", firstLine(st))
		}
	}
	for _, l := range graph.Labels {
		if !names[strings.ToLower(string(l))+"_id"] {
			t.Errorf("no uniqueness constraint on %s ids", l)
		}
	}
	for _, r := range graph.RelTypes {
		if !names[strings.ToLower(string(r))+"_id"] {
			t.Errorf("no uniqueness constraint on %s ids", r)
		}
	}
	if !names["kg_search"] {
		t.Error("no full-text index kg_search")
	}
}
