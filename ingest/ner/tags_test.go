package ner

import (
	"reflect"
	"testing"
)

func TestSpansRoundTrip(t *testing.T) {
	spans := []Span{
		{Type: Organisation, Start: 0, End: 3},
		{Type: Title, Start: 3, End: 5},
		{Type: Person, Start: 5, End: 7},
		{Type: Place, Start: 9, End: 10},
	}
	tags := make([]int, 11)
	if skipped := tagsFromSpans(tags, spans); skipped != 0 {
		t.Fatalf("tagsFromSpans skipped %d spans", skipped)
	}
	if got := spansFromTags(tags); !reflect.DeepEqual(got, spans) {
		t.Fatalf("spansFromTags = %v, want %v", got, spans)
	}
}

func TestTagsFromSpansSkipsBadSpans(t *testing.T) {
	tags := make([]int, 5)
	skipped := tagsFromSpans(tags, []Span{
		{Type: Person, Start: 0, End: 2},
		{Type: Title, Start: 1, End: 3}, // overlaps
		{Type: "Book", Start: 3, End: 4},
		{Type: Place, Start: 4, End: 6}, // beyond the text
	})
	if skipped != 3 {
		t.Fatalf("skipped = %d, want 3", skipped)
	}
}

func TestLegalTransitions(t *testing.T) {
	tests := []struct {
		from, to int
		want     bool
	}{
		{tagO, tagOf(0, posB), true},
		{tagO, tagOf(0, posI), false},
		{tagO, tagOf(0, posE), false},
		{tagOf(0, posB), tagOf(0, posI), true},
		{tagOf(0, posB), tagOf(1, posI), false},
		{tagOf(0, posB), tagO, false},
		{tagOf(0, posI), tagOf(0, posE), true},
		{tagOf(0, posE), tagOf(1, posS), true},
		{tagOf(2, posS), tagOf(2, posI), false},
	}
	for _, tt := range tests {
		if got := legal[tt.from][tt.to]; got != tt.want {
			t.Errorf("legal[%d][%d] = %v, want %v", tt.from, tt.to, got, tt.want)
		}
	}
}

// Emissions that favour an illegal sequence must still decode legally.
func TestViterbiObeysConstraints(t *testing.T) {
	const n = 4
	em := make([]float32, n*numTags)
	// Position 0 prefers I-Person, 1 prefers O, 2 prefers E-Title,
	// 3 prefers B-Place: every greedy choice is illegal.
	em[0*numTags+tagOf(0, posI)] = 5
	em[1*numTags+tagO] = 5
	em[2*numTags+tagOf(1, posE)] = 5
	em[3*numTags+tagOf(3, posB)] = 5
	var trans [numTags][numTags]float32
	tags := viterbi(em, &trans, nil, n)
	if !legalStart[tags[0]] || !legalEnd[tags[n-1]] {
		t.Fatalf("tags %v start or end illegally", tags)
	}
	for i := 1; i < n; i++ {
		if !legal[tags[i-1]][tags[i]] {
			t.Fatalf("tags %v: %d -> %d illegal", tags, tags[i-1], tags[i])
		}
	}
}

func TestViterbiAllowed(t *testing.T) {
	const n = 3
	em := make([]float32, n*numTags)
	for i := 0; i < n; i++ {
		em[i*numTags+tagO] = 10 // O everywhere is the unconstrained best
	}
	allowed := []uint32{1 << tagOf(2, posB), 1 << tagOf(2, posI), 1<<tagOf(2, posE) | 1<<tagO}
	var trans [numTags][numTags]float32
	got := viterbi(em, &trans, allowed, n)
	want := []int{tagOf(2, posB), tagOf(2, posI), tagOf(2, posE)}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("viterbi = %v, want %v", got, want)
	}
	if got := viterbi(em, &trans, []uint32{1 << tagOf(2, posB), 1 << tagO, 1 << tagO}, n); got != nil {
		t.Fatalf("viterbi with no legal path = %v, want nil", got)
	}
}

func TestAllowedTagsPartialLabels(t *testing.T) {
	s := Sentence{
		Text:      "张三今天上午在会上任主任",
		Spans:     []Span{{Type: Person, Start: 0, End: 2}},
		Annotated: []string{Person, Organisation, Place},
	}
	const n = 12
	marks := make([]uint32, n)
	markMatch(marks, Match{Kind: MatchTitle, Start: 10, End: 12})
	allowed, err := allowedTags(s, n, marks)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := allowed[0], uint32(1)<<tagOf(0, posB); got != want {
		t.Errorf("allowed[0] = %b, want %b", got, want)
	}
	// The title match and the few characters before it may be a Title of
	// the unannotated type; elsewhere only O.
	titleTags := uint32(0)
	for pos := posB; pos <= posS; pos++ {
		titleTags |= 1 << tagOf(1, pos)
	}
	for i := 2; i < n; i++ {
		want := uint32(1) << tagO
		if i >= 10-latentReach {
			want |= titleTags
		}
		if allowed[i] != want {
			t.Errorf("allowed[%d] = %b, want %b", i, allowed[i], want)
		}
	}
	s.Annotated = nil
	if allowed, _ = allowedTags(s, n, marks); allowed[10] != 1<<tagO {
		t.Errorf("fully annotated: allowed[10] = %b, want only O", allowed[10])
	}
	s.Spans = []Span{{Type: "Book", Start: 0, End: 1}}
	if _, err := allowedTags(s, n, marks); err == nil {
		t.Errorf("allowedTags accepted an unknown type")
	}
}
