package graph_test

import (
	"testing"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/internal/allocbound"
)

// keyBound bounds the memory scoring and search keys may allocate: 256 KiB
// (the runtime's noise) plus 256 bytes per byte of text, ten times what
// they take on long names.
var keyBound = allocbound.Bound{Base: 256 << 10, PerByte: 256}

// FuzzScore checks Score's invariants: within [0, 1], 1 for a node's own
// name, the bigram index never misses a match (a scoring name shares a
// character pair, or for a one-character text the character, with it),
// and allocations within keyBound.
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
		var s float64
		keyBound.Check(t, len(text)+len(name), func() { s = graph.Score(text, n) })
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
// an index and keys of queries agree, and allocates within keyBound.
func FuzzSearchKey(f *testing.F) {
	for _, s := range []string{"高新区（示范区）党工委", " Ａｂ c ", "a)b(c", "（（x）"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var k string
		keyBound.Check(t, len(s), func() { k = graph.SearchKey(s) })
		if again := graph.SearchKey(k); again != k {
			t.Fatalf("SearchKey(%q) = %q, but SearchKey of that = %q", s, k, again)
		}
	})
}
