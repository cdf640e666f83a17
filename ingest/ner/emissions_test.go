package ner

import (
	"testing"
)

// TestEmissionsMatchFeatures checks that tagging's emission scores, which
// sum the weights of the small-valued features from precomputed tables,
// equal the sums over every feature key of appendFeatures, the form
// training uses.
func TestEmissionsMatchFeatures(t *testing.T) {
	m, err := LoadModel(defaultModel)
	if err != nil {
		t.Fatal(err)
	}
	lex := builtinLexicon()
	for _, text := range []string{
		"市委常委、常务副市长兼市发改委主任王刚主持会议，副市长李明、欧阳华出席。",
		"本报讯（记者 任杰）3月5日上午，青河区召开2026年第3次常务会议。",
		"ABC公司在上海市浦东新区签约，Ｘ项目总投资12亿元！",
		"a", "",
	} {
		runes := []rune(text)
		n := len(runes)
		offs := make([]int, 0, n+1)
		for i := range text {
			offs = append(offs, i)
		}
		offs = append(offs, len(text))
		marks := make([]uint32, n)
		lex.mark(marks, text, offs)
		s := newSentence(runes, marks)
		got := make([]float32, n*numTags)
		m.emissions(s, n, got, nil)
		for i := 0; i < n; i++ {
			var acc [numTags]int32
			for _, k := range s.appendFeatures(nil, i) {
				if j := m.lookup(k); j >= 0 {
					for tg := range acc {
						acc[tg] += int32(m.weights[j*numTags+tg])
					}
				}
			}
			for tg := range acc {
				if want := float32(acc[tg]) / m.scale; got[i*numTags+tg] != want {
					t.Fatalf("%q position %d tag %d: emission %v, want %v", text, i, tg, got[i*numTags+tg], want)
				}
			}
		}
	}
}
