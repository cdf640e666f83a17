package ner

import (
	"math/bits"
	"unicode"
)

// Feature templates. A feature is a 32-bit hash of its template and values,
// so that the model needs no string table.
const (
	tmplBias     = iota + 1
	tmplU                    // unigram at offset -2..+2 (tmplU+off+2)
	tmplB        = tmplU + 5 // bigram starting at offset -2..+1
	tmplT        = tmplB + 4 // trigram starting at offset -2..0
	tmplSkip     = tmplT + 3 // c[-1] c[+1]
	tmplC0       = tmplSkip + 1
	tmplC3       = tmplC0 + 1 // classes of c[-1] c[0] c[+1]
	tmplCL       = tmplC3 + 1 // class of c[-2] c[-1] and c[+1] c[+2]
	tmplDict     = tmplCL + 2 // dictionary feature at offset -1..+1 (tmplDict+off+1)
	tmplDictPair = tmplDict + 3
	tmplReach    = tmplDictPair + 1 // distance to the nearest match of a kind ending at or after i / starting at or before i
)

// Padding runes outside the Unicode range mark the sentence boundaries.
const (
	runeBOS = 0x110000
	runeEOS = 0x110001
)

// Character classes.
const (
	classOther = iota
	classCJK
	classDigit
	classCNNum
	classLatin
	classPunct
	classSpace
	classBoundary
)

func charClass(r rune) int {
	switch {
	case r == runeBOS || r == runeEOS:
		return classBoundary
	case r >= '0' && r <= '9':
		return classDigit
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		return classLatin
	case isCNNumeral(r):
		return classCNNum
	case unicode.Is(unicode.Han, r):
		return classCJK
	case unicode.IsSpace(r):
		return classSpace
	case unicode.IsPunct(r) || unicode.IsSymbol(r):
		return classPunct
	case unicode.IsLetter(r):
		return classLatin
	}
	return classOther
}

func isCNNumeral(r rune) bool {
	switch r {
	case '零', '〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万', '亿', '两':
		return true
	}
	return false
}

// normRune folds full-width ASCII to half-width, digits to '0' and Latin to
// lower case, so that n-grams generalise over numbers and widths.
func normRune(r rune) rune {
	if r >= 0xFF01 && r <= 0xFF5E {
		r -= 0xFEE0
	} else if r == 0x3000 {
		r = ' '
	}
	switch {
	case r >= '0' && r <= '9':
		return '0'
	case r >= 'A' && r <= 'Z':
		return r + 'a' - 'A'
	}
	return r
}

func mix(h, v uint64) uint64 {
	h ^= v
	h *= 0xff51afd7ed558ccd
	h ^= h >> 29
	return h
}

func fin(h uint64) uint32 {
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return uint32(h)
}

func seed(tmpl int) uint64 { return uint64(tmpl) * 0x9E3779B97F4A7C15 }

// sentence holds what feature extraction needs for one text.
type sentence struct {
	norm    []rune   // normalised runes, padded with two boundary runes each side
	classes []int    // classes of norm
	dict    []uint32 // dictionary bit sets per position (unpadded)
	// reach[i] packs, per reach kind, the bucketed distance from i to the
	// nearest match ending at or after i (low nibble) and starting at or
	// before i (high nibble); 0 means none within reach.
	reach [][len(reachKinds)]uint8
}

// reachKinds are the match kinds whose distance features look beyond the
// character window (a title word ends a few characters after the title
// starts). Organisation endings were tried too and cost precision on
// held-out training sentences.
var reachKinds = [...]MatchKind{MatchTitle, MatchPlace}

// reachBucket maps a distance 0..maxReach to 1..7.
func reachBucket(d int) uint8 {
	switch {
	case d <= 3:
		return uint8(d + 1)
	case d <= 5:
		return 5
	case d <= 8:
		return 6
	}
	return 7
}

const maxReach = 12

func (s *sentence) computeReach() {
	n := len(s.dict)
	s.reach = grow(s.reach, n)
	clear(s.reach)
	for ki, k := range reachKinds {
		ends := dictBit(k, posE) | dictBit(k, posS)
		starts := dictBit(k, posB) | dictBit(k, posS)
		next := -1
		for i := n - 1; i >= 0; i-- {
			if s.dict[i]&ends != 0 {
				next = i
			}
			if next >= 0 && next-i <= maxReach {
				s.reach[i][ki] = reachBucket(next - i)
			}
		}
		prev := -1
		for i := 0; i < n; i++ {
			if s.dict[i]&starts != 0 {
				prev = i
			}
			if prev >= 0 && i-prev <= maxReach {
				s.reach[i][ki] |= reachBucket(i-prev) << 4
			}
		}
	}
}

func newSentence(runes []rune, dict []uint32) *sentence {
	s := &sentence{}
	s.reset(runes, dict)
	return s
}

// reset makes s the sentence of runes with dictionary marks dict, reusing
// its buffers.
func (s *sentence) reset(runes []rune, dict []uint32) {
	n := len(runes)
	s.norm, s.classes, s.dict = grow(s.norm, n+4), grow(s.classes, n+4), dict
	s.norm[0], s.norm[1] = runeBOS, runeBOS
	s.norm[n+2], s.norm[n+3] = runeEOS, runeEOS
	for i, r := range runes {
		s.norm[i+2] = normRune(r)
	}
	s.computeReach()
	for i, r := range s.norm {
		if i >= 2 && i < n+2 {
			s.classes[i] = charClass(runes[i-2])
		} else {
			s.classes[i] = charClass(r)
		}
	}
}

// grow returns b resized to n, reallocated only when too small; the
// contents are unspecified.
func grow[T any](b []T, n int) []T {
	if cap(b) < n {
		return make([]T, n)
	}
	return b[:n]
}

// appendFeatures appends the feature keys of position i to dst (training
// uses them in this order; tagging sums the same features with
// appendCharFeatures and staticWeights).
func (s *sentence) appendFeatures(dst []uint32, i int) []uint32 {
	c := s.norm[i : i+5] // c[2] is the current character
	u := func(r rune) uint64 { return uint64(r) }
	dst = append(dst, fin(seed(tmplBias)))
	dst = s.appendNgramFeatures(dst, i)
	cl := s.classes[i : i+5]
	dst = append(dst, fin(mix(seed(tmplC0), uint64(cl[2]))))
	dst = append(dst, fin(mix(seed(tmplC3), uint64(cl[1]<<8|cl[2]<<4|cl[3]))))
	dst = append(dst, fin(mix(seed(tmplCL), uint64(cl[0]<<4|cl[1]))))
	dst = append(dst, fin(mix(seed(tmplCL+1), uint64(cl[3]<<4|cl[4]))))
	n := len(s.dict)
	var cur uint32
	for off := -1; off <= 1; off++ {
		j := i + off
		if j < 0 || j >= n {
			continue
		}
		m := s.dict[j]
		if off == 0 {
			cur = m
		}
		for m != 0 {
			b := bits.TrailingZeros32(m)
			m &= m - 1
			dst = append(dst, fin(mix(seed(tmplDict+off+1), uint64(b))))
		}
	}
	// Pairs of dictionary marks at this position and the character itself,
	// e.g. "a surname here and the character is 王".
	for m := cur; m != 0; m &= m - 1 {
		b := bits.TrailingZeros32(m)
		dst = append(dst, fin(mix(mix(seed(tmplDictPair), uint64(b)), u(c[2]))))
	}
	for ki, r := range s.reach[i] {
		if r&0xf != 0 {
			dst = append(dst, fin(mix(mix(seed(tmplReach), uint64(ki)), uint64(r&0xf))))
		}
		if r>>4 != 0 {
			dst = append(dst, fin(mix(mix(seed(tmplReach), uint64(ki)+8), uint64(r>>4))))
		}
	}
	return dst
}

// appendCharFeatures appends the keys of the features of position i that
// depend on the characters themselves (n-grams, dictionary marks with the
// character); the others take their values from small sets, and
// staticWeights sums their weights without keys.
func (s *sentence) appendCharFeatures(dst []uint32, i int) []uint32 {
	c := s.norm[i : i+5] // c[2] is the current character
	u := func(r rune) uint64 { return uint64(r) }
	dst = s.appendNgramFeatures(dst, i)
	// Pairs of dictionary marks at this position and the character itself,
	// e.g. "a surname here and the character is 王".
	for m := s.dict[i]; m != 0; m &= m - 1 {
		b := bits.TrailingZeros32(m)
		dst = append(dst, fin(mix(mix(seed(tmplDictPair), uint64(b)), u(c[2]))))
	}
	return dst
}

// staticWeights are the weights of the features outside
// appendCharFeatures, by value.
type staticWeights struct {
	bias  [numTags]int32
	c0    [8][numTags]int32
	c3    [8 * 8 * 8][numTags]int32
	cl    [2][8 * 8][numTags]int32
	dict  [3][32][numTags]int32
	reach [len(reachKinds)][2][16][numTags]int32
}

// staticWeights looks up the weights of every value of the features
// outside appendCharFeatures.
func (m *Model) staticWeights() *staticWeights {
	sw := &staticWeights{}
	get := func(dst *[numTags]int32, key uint32) {
		if j := m.lookup(key); j >= 0 {
			for t := range dst {
				dst[t] += int32(m.weights[j*numTags+t])
			}
		}
	}
	get(&sw.bias, fin(seed(tmplBias)))
	for a := 0; a < 8; a++ {
		get(&sw.c0[a], fin(mix(seed(tmplC0), uint64(a))))
		for b := 0; b < 8; b++ {
			get(&sw.cl[0][a*8+b], fin(mix(seed(tmplCL), uint64(a<<4|b))))
			get(&sw.cl[1][a*8+b], fin(mix(seed(tmplCL+1), uint64(a<<4|b))))
			for c := 0; c < 8; c++ {
				get(&sw.c3[(a*8+b)*8+c], fin(mix(seed(tmplC3), uint64(a<<8|b<<4|c))))
			}
		}
	}
	for off := 0; off < 3; off++ {
		for b := 0; b < 32; b++ {
			get(&sw.dict[off][b], fin(mix(seed(tmplDict+off), uint64(b))))
		}
	}
	for ki := range reachKinds {
		for v := 1; v < 16; v++ {
			get(&sw.reach[ki][0][v], fin(mix(mix(seed(tmplReach), uint64(ki)), uint64(v))))
			get(&sw.reach[ki][1][v], fin(mix(mix(seed(tmplReach), uint64(ki)+8), uint64(v))))
		}
	}
	return sw
}

// add adds to acc the weights of position i's features outside
// appendCharFeatures.
func (sw *staticWeights) add(acc *[numTags]int32, s *sentence, i int) {
	plus := func(w *[numTags]int32) {
		for t := range acc {
			acc[t] += w[t]
		}
	}
	plus(&sw.bias)
	cl := s.classes[i : i+5]
	plus(&sw.c0[cl[2]])
	plus(&sw.c3[(cl[1]*8+cl[2])*8+cl[3]])
	plus(&sw.cl[0][cl[0]*8+cl[1]])
	plus(&sw.cl[1][cl[3]*8+cl[4]])
	n := len(s.dict)
	for off := -1; off <= 1; off++ {
		j := i + off
		if j < 0 || j >= n {
			continue
		}
		for m := s.dict[j]; m != 0; m &= m - 1 {
			plus(&sw.dict[off+1][bits.TrailingZeros32(m)])
		}
	}
	for ki, r := range s.reach[i] {
		if r&0xf != 0 {
			plus(&sw.reach[ki][0][r&0xf])
		}
		if r>>4 != 0 {
			plus(&sw.reach[ki][1][r>>4])
		}
	}
}

// appendNgramFeatures appends the keys of the character unigrams, bigrams,
// trigrams and skip-gram around position i, the features both
// appendFeatures and appendCharFeatures start with.
func (s *sentence) appendNgramFeatures(dst []uint32, i int) []uint32 {
	c := s.norm[i : i+5] // c[2] is the current character
	u := func(r rune) uint64 { return uint64(r) }
	for k := 0; k < 5; k++ {
		dst = append(dst, fin(mix(seed(tmplU+k), u(c[k]))))
	}
	for k := 0; k < 4; k++ {
		dst = append(dst, fin(mix(mix(seed(tmplB+k), u(c[k])), u(c[k+1]))))
	}
	for k := 0; k < 3; k++ {
		dst = append(dst, fin(mix(mix(mix(seed(tmplT+k), u(c[k])), u(c[k+1])), u(c[k+2]))))
	}
	dst = append(dst, fin(mix(mix(seed(tmplSkip), u(c[1])), u(c[3]))))
	return dst
}
