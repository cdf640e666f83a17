package ingest

import (
	"math"
	"unicode"

	"github.com/go-ego/gse"
)

// dagCutter cuts text into words exactly as gse's Segmenter.Cut(text,
// false) does with the same dictionary (the most probable path through the
// DAG of dictionary words, runs of single ASCII letters and digits joined),
// without gse's per-fragment string conversions and map-based DAG: the
// dictionary is a rune trie walked once from each position, and the DAG is
// solved while it is built. It returns word lengths in code points.
type dagCutter struct {
	next map[uint64]int32 // node<<21 | rune -> child node; node 0 is the root
	root []int32          // root[c]: the root's child for c < len(root), 0 if none
	// cost[node] is math.Log(freq) - math.Log(total) of the word ending at
	// node, computed as gse does; -Inf where no word ends there (gse's
	// Find then reports the prefix with frequency 0).
	cost []float64
	word []bool // a word with frequency > 0 ends at node
	// miss is the cost of a single character the trie does not hold:
	// math.Log(1.0) - math.Log(total).
	miss float64
}

// newDAGCutter builds a dagCutter from the dictionary of seg.
func newDAGCutter(seg *gse.Segmenter) *dagCutter {
	logT := math.Log(seg.Dict.TotalFreq())
	c := &dagCutter{next: map[uint64]int32{}, cost: []float64{math.Inf(-1)}, word: []bool{false}, miss: math.Log(1.0) - logT}
	for i := range seg.Dict.Tokens {
		tk := &seg.Dict.Tokens[i]
		node := int32(0)
		for _, r := range tk.Text() {
			k := uint64(node)<<21 | uint64(r)
			ch, ok := c.next[k]
			if !ok {
				ch = int32(len(c.cost))
				c.next[k] = ch
				c.cost = append(c.cost, math.Inf(-1))
				c.word = append(c.word, false)
			}
			node = ch
		}
		// gse keeps the first token of a text (AddToken skips the rest)
		if node != 0 && !c.word[node] && math.IsInf(c.cost[node], -1) {
			c.cost[node] = math.Log(tk.Freq()) - logT
			c.word[node] = tk.Freq() > 0
		}
	}
	c.root = make([]int32, 1<<16)
	for k, ch := range c.next {
		if k>>21 == 0 && k < 1<<16 {
			c.root[k] = ch
		}
	}
	return c
}

// child returns the child of node for character r.
func (c *dagCutter) child(node int32, r rune) (int32, bool) {
	if node == 0 && r >= 0 && int(r) < len(c.root) {
		ch := c.root[r]
		return ch, ch != 0
	}
	ch, ok := c.next[uint64(node)<<21|uint64(r)]
	return ch, ok
}

// cutScratch is the per-call working memory of dagCutter.cut.
type cutScratch struct {
	lower []rune
	best  []float64
	end   []int
}

// cut appends to dst the lengths of the words of r and returns it.
func (c *dagCutter) cut(r []rune, sc *cutScratch, dst []int) []int {
	n := len(r)
	if n == 0 {
		return dst
	}
	if cap(sc.lower) < n {
		sc.lower = make([]rune, n)
		sc.best = make([]float64, n+1)
		sc.end = make([]int, n+1)
	}
	lower, best, end := sc.lower[:n], sc.best[:n+1], sc.end[:n+1]
	for i, ch := range r {
		lower[i] = unicode.ToLower(ch) // gse cuts strings.ToLower(text)
	}
	best[n] = 0
	for k := n - 1; k >= 0; k-- {
		// the words starting at k, shortest first; when none, the
		// character alone (gse's DAG fallback)
		found := false
		node := int32(0)
		for i := k; i < n; i++ {
			ch, ok := c.child(node, lower[i])
			if !ok {
				break
			}
			node = ch
			if !c.word[node] {
				continue
			}
			f := c.cost[node] + best[i+1]
			// gse keeps the better route, the longer one on a tie
			if !found || best[k] < f || best[k] == f && end[k] < i {
				best[k], end[k] = f, i
			}
			found = true
		}
		if !found {
			f := c.miss
			if ch, ok := c.child(0, lower[k]); ok {
				f = c.cost[ch]
			}
			best[k], end[k] = f+best[k+1], k
		}
	}
	alnum := 0 // a run of single ASCII letters and digits, joined
	for x := 0; x < n; {
		y := end[x] + 1
		if y-x == 1 && isASCIIAlnum(lower[x]) {
			alnum++
			x = y
			continue
		}
		if alnum > 0 {
			dst = append(dst, alnum)
			alnum = 0
		}
		dst = append(dst, y-x)
		x = y
	}
	if alnum > 0 {
		dst = append(dst, alnum)
	}
	return dst
}

func isASCIIAlnum(c rune) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
