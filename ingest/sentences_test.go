package ingest

import (
	"strings"
	"testing"
)

// TestSentencesCapped checks that a sentence longer than maxSentence is
// split after a clause mark in the second half of the limit, else cut at
// the limit, and that shorter sentences stay whole.
func TestSentencesCapped(t *testing.T) {
	clause := strings.Repeat("甲", 299) + "，" // 300 code points
	for _, tt := range []struct {
		name string
		text string
		want []span
	}{
		{"short", "县长王立新主持会议。副县长出席。", []span{{0, 10}, {10, 16}}},
		{"at the limit", strings.Repeat("甲", maxSentence-1) + "。", []span{{0, maxSentence}}},
		{"clauses", strings.Repeat(clause, 7), []span{{0, 900}, {900, 1800}, {1800, 2100}}},
		{"no marks", strings.Repeat("甲", 2*maxSentence+5), []span{{0, maxSentence}, {maxSentence, 2 * maxSentence}, {2 * maxSentence, 2*maxSentence + 5}}},
		{"mark too early", "甲，" + strings.Repeat("乙", 1500), []span{{0, maxSentence}, {maxSentence, 1502}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := sentences([]rune(tt.text))
			if len(got) != len(tt.want) {
				t.Fatalf("sentences = %v, want %v", got, tt.want)
			}
			for k := range got {
				if got[k] != tt.want[k] {
					t.Fatalf("sentences = %v, want %v", got, tt.want)
				}
			}
		})
	}
}

// TestSentenceOf checks the binary search of sentenceOf against the
// sentences it searches, gaps between them included.
func TestSentenceOf(t *testing.T) {
	d := &doc{r: []rune("甲乙。 丙丁。\n\n戊"), sents: []span{{0, 3}, {4, 7}, {9, 10}}}
	for i, want := range []span{{0, 3}, {0, 3}, {0, 3}, {9, 10}, {4, 7}, {4, 7}, {4, 7}, {9, 10}, {9, 10}, {9, 10}, {9, 10}} {
		if got := d.sentenceOf(i); got != want {
			t.Errorf("sentenceOf(%d) = %v, want %v", i, got, want)
		}
	}
}

// TestRuneCounter checks byte offsets turned into code points, forwards
// and backwards.
func TestRuneCounter(t *testing.T) {
	s := "ab县长c王立新"
	rc := runeCounter{s: s}
	for _, b := range []int{0, 2, 5, 8, 9, 12, 18, 8, 2, 1, 18} {
		if got, want := rc.at(b), len([]rune(s[:b])); got != want {
			t.Errorf("at(%d) = %d, want %d", b, got, want)
		}
	}
}
