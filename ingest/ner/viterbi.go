package ner

import "math"

var negInf = float32(math.Inf(-1))

// viterbi returns the best legal BIOES tag sequence for emission scores em
// (numTags per position) and transition scores trans. If allowed is not
// nil, position i may only take the tags in the bit set allowed[i]. Ties go
// to the lower tag, so O wins when nothing is known. It returns nil if no
// legal sequence exists (only possible with allowed).
func viterbi(em []float32, trans *[numTags][numTags]float32, allowed []uint32, n int) []int {
	return viterbiBuf(em, trans, allowed, n, &viterbiScratch{})
}

// viterbiScratch is the working memory of viterbiBuf, reused across calls.
type viterbiScratch struct {
	delta []float32
	back  []uint8
	tags  []int
}

// viterbiBuf is viterbi with its buffers in sc; the returned tags are
// sc's and valid until its next use.
func viterbiBuf(em []float32, trans *[numTags][numTags]float32, allowed []uint32, n int, sc *viterbiScratch) []int {
	if n == 0 {
		return []int{}
	}
	sc.delta, sc.back = grow(sc.delta, n*numTags), grow(sc.back, n*numTags)
	delta, back := sc.delta, sc.back
	for t := 0; t < numTags; t++ {
		if !legalStart[t] || (allowed != nil && allowed[0]&(1<<uint(t)) == 0) {
			delta[t] = negInf
			continue
		}
		delta[t] = em[t]
	}
	for i := 1; i < n; i++ {
		prev := delta[(i-1)*numTags : i*numTags]
		cur := delta[i*numTags : (i+1)*numTags]
		bk := back[i*numTags : (i+1)*numTags]
		for t := 0; t < numTags; t++ {
			if allowed != nil && allowed[i]&(1<<uint(t)) == 0 {
				cur[t] = negInf
				continue
			}
			best, arg := negInf, -1
			for _, p := range legalPrev[t] {
				if prev[p] == negInf {
					continue
				}
				if s := prev[p] + trans[p][t]; s > best {
					best, arg = s, int(p)
				}
			}
			if arg < 0 {
				cur[t] = negInf
				continue
			}
			cur[t] = best + em[i*numTags+t]
			bk[t] = uint8(arg)
		}
	}
	last := delta[(n-1)*numTags:]
	best, arg := negInf, -1
	for t := 0; t < numTags; t++ {
		if legalEnd[t] && last[t] > best {
			best, arg = last[t], t
		}
	}
	if arg < 0 {
		return nil
	}
	sc.tags = grow(sc.tags, n)
	tags := sc.tags
	tags[n-1] = arg
	for i := n - 1; i > 0; i-- {
		tags[i-1] = int(back[i*numTags+tags[i]])
	}
	return tags
}
