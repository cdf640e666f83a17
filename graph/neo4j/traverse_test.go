package neo4j_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/graph/bolt"
)

// TestTraversalOrderBeyondBMP: IDs holding characters beyond U+FFFF (𠀀)
// and full-width forms (（, U+FF08) sort differently by UTF-16 and by
// UTF-8; neighbourhoods cut by a limit and shortest paths with ties must
// still follow graph's order (bytes of UTF-8). The embedded store is the
// reference.
func TestTraversalOrderBeyondBMP(t *testing.T) {
	ctx := context.Background()
	names := []string{"𠀀甲", "（乙", "丙", "𠀁丁", "ｚ戊"}
	var facts []graph.ArticleFacts
	mentions := map[string][]string{"article/x": names, "article/y": {"（乙", "𠀁丁"}}
	for _, aid := range []string{"article/x", "article/y"} {
		text := "会议。"
		ev := []graph.Evidence{{ArticleID: aid, Sentence: text, Start: 0, End: len([]rune(text))}}
		f := graph.ArticleFacts{Article: graph.Node{ID: aid, Label: graph.LabelArticle, Name: aid, Text: text}}
		for _, name := range mentions[aid] {
			id := graph.NodeID(graph.LabelPerson, name)
			f.Nodes = append(f.Nodes, graph.Node{ID: id, Label: graph.LabelPerson, Name: name})
			f.Relations = append(f.Relations, graph.Relation{Type: graph.RelMentions, From: aid, To: id, Evidence: ev})
		}
		facts = append(facts, f)
	}
	ref, err := bolt.Open(t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ref.Close()
	st := openStore(t)
	for _, f := range facts {
		for _, s := range []graph.Store{ref, st} {
			c := f
			if err := s.PutArticle(ctx, &c); err != nil {
				t.Fatal(err)
			}
		}
	}
	show := func(g *graph.Subgraph, err error) string {
		if err != nil {
			return "error: " + err.Error()
		}
		b, _ := json.Marshal(g)
		return string(b)
	}
	first := graph.NodeID(graph.LabelPerson, names[0])
	last := graph.NodeID(graph.LabelPerson, names[len(names)-1])
	for _, limit := range []int{0, 2, 3, 4, 5} {
		for _, start := range []string{"article/x", first} {
			opts := graph.TraversalOptions{Depth: 2, Limit: limit}
			want := show(ref.Neighbourhood(ctx, start, opts))
			got := show(st.Neighbourhood(ctx, start, opts))
			if got != want {
				t.Errorf("Neighbourhood(%s, limit %d):\n got %s\nwant %s", start, limit, got, want)
			}
		}
	}
	for _, pair := range [][2]string{{first, last}, {last, first}, {"article/x", "article/y"}} {
		want := show(ref.ShortestPath(ctx, pair[0], pair[1], graph.TraversalOptions{}))
		got := show(st.ShortestPath(ctx, pair[0], pair[1], graph.TraversalOptions{}))
		if got != want {
			t.Errorf("ShortestPath(%s, %s):\n got %s\nwant %s", pair[0], pair[1], got, want)
		}
	}
}
