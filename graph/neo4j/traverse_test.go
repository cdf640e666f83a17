package neo4j_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/graph/bolt"
	"github.com/kgproject/kg/graph/graphtest"
	"github.com/kgproject/kg/graph/neo4j"
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
		for _, opts := range []graph.TraversalOptions{{}, {Depth: 3}} {
			want := show(ref.ShortestPath(ctx, pair[0], pair[1], opts))
			got := show(st.ShortestPath(ctx, pair[0], pair[1], opts))
			if got != want {
				t.Errorf("ShortestPath(%s, %s, %+v):\n got %s\nwant %s", pair[0], pair[1], opts, got, want)
			}
		}
	}
}

// TestGreedyShortestPath: where there are many shortest paths, the store
// walks greedily instead of enumerating them (here from the first path on)
// and must still find the one whose node IDs sort first, on the seed
// graph, against the embedded store.
func TestGreedyShortestPath(t *testing.T) {
	defer neo4j.SetPathsCap(1)()
	ctx := context.Background()
	ref, err := bolt.Open(t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ref.Close()
	st := openStore(t)
	for _, f := range graphtest.SeedFacts() {
		for _, s := range []graph.Store{ref, st} {
			c := f
			if err := s.PutArticle(ctx, &c); err != nil {
				t.Fatal(err)
			}
		}
	}
	page, err := ref.FindNodes(ctx, graph.NodeFilter{})
	if err != nil {
		t.Fatal(err)
	}
	show := func(g *graph.Subgraph, err error) string {
		if err != nil {
			return "error"
		}
		b, _ := json.Marshal(g)
		return string(b)
	}
	checked := 0
	for i, a := range page.Nodes {
		for j := i + 1; j < len(page.Nodes); j += 5 {
			b := page.Nodes[j]
			for _, opts := range []graph.TraversalOptions{{Depth: 6}, {Depth: 2}, {Depth: 6, Types: []graph.RelType{graph.RelChaired, graph.RelAttended, graph.RelHolds, graph.RelOf}}} {
				want := show(ref.ShortestPath(ctx, a.ID, b.ID, opts))
				got := show(st.ShortestPath(ctx, a.ID, b.ID, opts))
				if got != want {
					t.Errorf("ShortestPath(%s, %s, %+v):\n got %s\nwant %s", a.ID, b.ID, opts, got, want)
				}
				checked++
			}
		}
	}
	t.Logf("%d paths checked", checked)
}

// TestLabelOtherThanID: traversals look for their ends first among the
// nodes of the label their IDs name; nodes that carry another label, or
// whose IDs name none, must still be found, and missing ones reported, as
// the embedded store does.
func TestLabelOtherThanID(t *testing.T) {
	ctx := context.Background()
	text := "会议。"
	ev := []graph.Evidence{{ArticleID: "article/a", Sentence: text, Start: 0, End: len([]rune(text))}}
	f := graph.ArticleFacts{
		Article: graph.Node{ID: "article/a", Label: graph.LabelArticle, Name: "a", Text: text},
		Nodes: []graph.Node{
			{ID: "person/甲", Label: graph.LabelOrganisation, Name: "甲"},
			{ID: "org/乙", Label: graph.LabelPerson, Name: "乙"},
			{ID: "丙", Label: graph.LabelPerson, Name: "丙"},
			{ID: "person/丁", Label: graph.LabelPerson, Name: "丁"},
		},
		Relations: []graph.Relation{
			{Type: graph.RelMentions, From: "article/a", To: "person/甲", Evidence: ev},
			{Type: graph.RelMentions, From: "article/a", To: "org/乙", Evidence: ev},
			{Type: graph.RelMentions, From: "article/a", To: "丙", Evidence: ev},
		},
	}
	ref, err := bolt.Open(t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ref.Close()
	st := openStore(t)
	for _, s := range []graph.Store{ref, st} {
		c := f
		if err := s.PutArticle(ctx, &c); err != nil {
			t.Fatal(err)
		}
	}
	show := func(g *graph.Subgraph, err error) string {
		switch {
		case errors.Is(err, graph.ErrNotFound):
			return "not found"
		case err != nil:
			return "error: " + err.Error()
		}
		b, _ := json.Marshal(g)
		return string(b)
	}
	ids := []string{"person/甲", "org/乙", "丙", "person/丁", "person/无"}
	for _, from := range ids {
		for _, outline := range []bool{false, true} {
			opts := graph.TraversalOptions{Depth: 2}
			want := show(ref.Neighbourhood(ctx, from, opts))
			got := show(st.Neighbourhood(ctx, from, opts))
			if outline {
				g, err := ref.Neighbourhood(ctx, from, opts)
				want = show(graph.Outline(g), err)
				got = show(st.(graph.OutlineReader).NeighbourhoodOutline(ctx, from, opts))
			}
			if got != want {
				t.Errorf("Neighbourhood(%s) outline %v:\n got %s\nwant %s", from, outline, got, want)
			}
		}
		for _, to := range ids {
			if to == from {
				continue
			}
			want := show(ref.ShortestPath(ctx, from, to, graph.TraversalOptions{Depth: 4}))
			got := show(st.ShortestPath(ctx, from, to, graph.TraversalOptions{Depth: 4}))
			if got != want {
				t.Errorf("ShortestPath(%s, %s):\n got %s\nwant %s", from, to, got, want)
			}
		}
	}
}
