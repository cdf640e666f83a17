package bcubed_test

import (
	"math"
	"testing"

	"github.com/kgproject/kg/internal/bcubed"
)

func TestOf(t *testing.T) {
	for _, tc := range []struct {
		name         string
		gold, system []string
		p, r         float64
	}{
		{"identical", []string{"a", "a", "b"}, []string{"x", "x", "y"}, 1, 1},
		{"empty", nil, nil, 1, 1},
		// Two people of one name merged: each of the four items shares its
		// system cluster with one item of its gold cluster out of four.
		{"over-merged", []string{"a", "a", "b", "b"}, []string{"x", "x", "x", "x"}, 0.5, 1},
		// One person split in two: recall falls, precision stays.
		{"split", []string{"a", "a", "a", "a"}, []string{"x", "x", "y", "y"}, 1, 0.5},
		// Bagga and Baldwin's kind of mix: a cluster of 3 gold a with 1 gold b.
		{"mixed", []string{"a", "a", "a", "b", "b"}, []string{"x", "x", "x", "x", "y"}, (3*0.75 + 0.25 + 1) / 5, (3*1 + 0.5 + 0.5) / 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := bcubed.Of(tc.gold, tc.system)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(s.Precision-tc.p) > 1e-9 || math.Abs(s.Recall-tc.r) > 1e-9 {
				t.Fatalf("precision, recall = %v, %v; want %v, %v", s.Precision, s.Recall, tc.p, tc.r)
			}
			if f := 2 * tc.p * tc.r / (tc.p + tc.r); math.Abs(s.F1-f) > 1e-9 {
				t.Fatalf("F1 = %v, want %v", s.F1, f)
			}
		})
	}
	if _, err := bcubed.Of([]string{"a"}, nil); err == nil {
		t.Fatal("Of accepted slices of different lengths")
	}
}
