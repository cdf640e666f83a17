package graph_test

import (
	"testing"

	"github.com/kgproject/kg/graph"
)

// FuzzScore checks Score's invariants: within [0, 1], 1 for a node's own
// name, and the bigram index never misses a match (a scoring name shares a
// character pair, or for a one-character text the character, with it).
func FuzzScore(f *testing.F) {
	for _, s := range [][2]string{
		{"高新区党工委", "高新区（示范区）党工委"},
		{"吕", "吕沛"},
		{"刘宁书记", "刘宁"},
		{"ＡＢＣ", "abc"},
		{"(x)", "x"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, text, name string) {
		n := &graph.Node{Name: name}
		s := graph.Score(text, n)
		if s < 0 || s > 1 {
			t.Fatalf("Score(%q, %q) = %g, outside [0, 1]", text, name, s)
		}
		if graph.SearchKey(name) != "" && graph.Score(name, n) != 1 {
			t.Fatalf("Score(%q, itself) = %g, want 1", name, graph.Score(name, n))
		}
		if s == 0 {
			return
		}
		grams := map[string]bool{}
		key := graph.SearchKey(name)
		for _, g := range graph.Bigrams(key) {
			grams[g] = true
		}
		for _, r := range key {
			grams[string(r)] = true
		}
		for _, g := range graph.Bigrams(graph.SearchKey(text)) {
			if grams[g] {
				return
			}
		}
		t.Fatalf("Score(%q, %q) = %g but they share no indexed character pair", text, name, s)
	})
}

// FuzzSearchKey checks that SearchKey is idempotent, so that keys stored in
// an index and keys of queries agree.
func FuzzSearchKey(f *testing.F) {
	for _, s := range []string{"高新区（示范区）党工委", " Ａｂ c ", "a)b(c", "（（x）"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := graph.SearchKey(s)
		if again := graph.SearchKey(k); again != k {
			t.Fatalf("SearchKey(%q) = %q, but SearchKey of that = %q", s, k, again)
		}
	})
}
