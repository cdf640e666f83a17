package main

import (
	"context"
	"testing"
	"time"
)

func TestPct(t *testing.T) {
	var ds []time.Duration
	for i := 100; i >= 1; i-- {
		ds = append(ds, time.Duration(i)*time.Millisecond)
	}
	for _, tc := range []struct {
		p    int
		want time.Duration
	}{{50, 50 * time.Millisecond}, {99, 99 * time.Millisecond}, {100, 100 * time.Millisecond}, {1, time.Millisecond}} {
		if got := pct(ds, tc.p); got != tc.want {
			t.Errorf("pct(%d) = %v, want %v", tc.p, got, tc.want)
		}
	}
	if got := pct(nil, 50); got != 0 {
		t.Errorf("pct of nothing = %v, want 0", got)
	}
}

func TestSearchQuery(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"吕沛", `"吕沛"`},
		{"高新区", `"高新" "新区"`},
		{"吕", `"#吕"`},
	} {
		if got := searchQuery(tc.text); got != tc.want {
			t.Errorf("searchQuery(%q) = %s, want %s", tc.text, got, tc.want)
		}
	}
}

// lister is a target with a fixed set of people.
type lister struct{ ps [][2]string }

func (l lister) name() string                                     { return "fixed" }
func (l lister) ask(context.Context, string, params) error        { return nil }
func (l lister) close()                                           {}
func (l lister) canList() bool                                    { return true }
func (l lister) people(context.Context, int) ([][2]string, error) { return l.ps, nil }

func TestDraw(t *testing.T) {
	l := lister{[][2]string{{"person/甲", "甲"}, {"person/乙乙", "乙乙"}, {"person/丙丙丙", "丙丙丙"}}}
	a, err := draw(context.Background(), []target{l}, 3, 1)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := draw(context.Background(), []target{l}, 3, 1)
	if len(a) != 12 {
		t.Fatalf("%d draws, want 4 per person", len(a))
	}
	for i, p := range a {
		if p != b[i] {
			t.Fatalf("draw %d differs between runs with one seed: %+v, %+v", i, p, b[i])
		}
		if p.ID == p.To {
			t.Errorf("path from %s to itself", p.ID)
		}
		if len([]rune(p.Search)) > 2 {
			t.Errorf("search text %q longer than two characters", p.Search)
		}
	}
	if _, err := draw(context.Background(), []target{lister{l.ps[:1]}}, 3, 1); err == nil {
		t.Error("draw with one person succeeded")
	}
}
