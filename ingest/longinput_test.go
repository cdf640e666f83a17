package ingest_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/kgproject/kg/ingest"
	"github.com/kgproject/kg/internal/allocbound"
)

// longInputs are texts of about n bytes, most of them one sentence, each
// of a shape that once made extraction cost time or memory in the square
// of the sentence's length or of the number of things it names.
var longInputs = []struct {
	name string
	text func(n int) string
}{
	{"posts", func(n int) string { return repeatTo("县长王立新", n) }},
	{"list", func(n int) string {
		return repeatTo("县发改委、县财政局负责同志、副县长周立群、", n)
	}},
	{"run", func(n int) string {
		return repeatTo("县委副书记县长王立新主持召开县政府常务会议研究部署重点项目建设工作", n)
	}},
	{"commas", func(n int) string {
		return repeatTo("3月2日上午，县委副书记、县长王立新主持召开县政府常务会议，市发改委主任林某出席，", n)
	}},
	{"people", func(n int) string { return distinctTo("副县长%s、", n) }},
	{"orgs", func(n int) string { return distinctTo("县%s局负责同志、", n) }},
	{"projects", func(n int) string { return distinctTo("%s路改造工程、", n) }},
	// and many short sentences, for what grows with the named things
	{"programmes", func(n int) string { return distinctTo("推进“%s工作法”。", n) }},
	{"events", func(n int) string {
		return distinctTo("3月2日上午，%s主持召开座谈会。\n随后，%[1]s主持召开调度会。\n", n)
	}},
}

// repeatTo repeats s up to about n bytes.
func repeatTo(s string, n int) string { return strings.Repeat(s, max(1, n/len(s))) }

// distinctTo fills pattern with distinct names (a surname and two
// characters) up to about n bytes.
func distinctTo(pattern string, n int) string {
	sur := []rune("王李张刘陈杨黄赵吴周")
	given := []rune("立新建国华明德志伟文永海春军平东晓丽红英光辉庆云飞祥安宏")
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		name := []rune{sur[i%len(sur)], given[i/len(sur)%len(given)], given[i/len(sur)/len(given)%len(given)]}
		fmt.Fprintf(&b, pattern, string(name))
	}
	return b.String()
}

// evidenceBytes returns the bytes of the evidence sentences of the facts
// of text: what a store writes for them.
func evidenceBytes(t testing.TB, p *ingest.Pipeline, text string) int {
	f, err := p.Facts(&ingest.Article{ID: "article/long", Title: "甲", Text: text, Year: 2026})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range f.Relations {
		for _, e := range r.Evidence {
			n += len(e.Sentence)
		}
	}
	return n
}

// TestLongSentencesScaleLinearly holds extraction from long input to its
// length: ten times the text may take about ten times the memory, and its
// facts about ten times the evidence, not a hundred.
// Allocations stand for the work, which the machine's load cannot blur.
func TestLongSentencesScaleLinearly(t *testing.T) {
	const small, large, most = 15 << 10, 150 << 10, 12
	p := pipeline(t, &ingest.Options{Year: 2026})
	warmUp(t, p)
	for _, in := range longInputs {
		t.Run(in.name, func(t *testing.T) {
			var ev [2]int
			var alloc, extract [2]uint64
			for k, n := range []int{small, large} {
				text := in.text(n)
				alloc[k] = allocbound.Bytes(func() { ev[k] = evidenceBytes(t, p, text) })
				extract[k] = allocbound.Bytes(func() {
					p.Extract(&ingest.Article{ID: "article/long", Title: "甲", Text: text, Year: 2026})
				})
			}
			t.Logf("%d KB -> %d KB: Facts allocates %.1f times, Extract %.1f times, the evidence is %.1f times", small>>10, large>>10,
				float64(alloc[1])/float64(alloc[0]), float64(extract[1])/float64(extract[0]), float64(ev[1])/float64(max(ev[0], 1)))
			if alloc[1] > most*alloc[0] {
				t.Errorf("Facts allocated %d bytes for %d KB, %d for %d KB: %.1f times, want at most %d", alloc[0], small>>10, alloc[1], large>>10, float64(alloc[1])/float64(alloc[0]), most)
			}
			if extract[1] > most*extract[0] {
				t.Errorf("Extract allocated %d bytes for %d KB, %d for %d KB: %.1f times, want at most %d", extract[0], small>>10, extract[1], large>>10, float64(extract[1])/float64(extract[0]), most)
			}
			if ev[1] > most*max(ev[0], 1) {
				t.Errorf("evidence of %d bytes for %d KB, %d for %d KB: %.1f times, want at most %d", ev[0], small>>10, ev[1], large>>10, float64(ev[1])/float64(max(ev[0], 1)), most)
			}
		})
	}
}

// BenchmarkLongSentence measures extraction from one long sentence of
// each shape and length: ns/op and B/op grow in proportion to the length.
func BenchmarkLongSentence(b *testing.B) {
	p := pipeline(b, &ingest.Options{Year: 2026})
	warmUp(b, p)
	for _, in := range longInputs {
		for _, n := range []int{10 << 10, 50 << 10, 150 << 10} {
			a := &ingest.Article{ID: "article/long", Title: "甲", Text: in.text(n), Year: 2026}
			b.Run(fmt.Sprintf("%s/%dKB", in.name, n>>10), func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(len(a.Text)))
				for b.Loop() {
					if _, err := p.Facts(a); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
