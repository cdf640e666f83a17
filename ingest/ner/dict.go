package ner

import (
	_ "embed"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// MatchKind is the kind of a dictionary match passed to the tagger.
type MatchKind int

// Match kinds. The built-in dictionaries produce all of them; callers with
// their own dictionaries (a list of posts, of organisation names' endings,
// of place names) pass extra matches of the same kinds to TagWithMatches.
const (
	// MatchSurname marks a single-character surname.
	MatchSurname MatchKind = iota
	// MatchCompoundSurname marks a two-character surname such as 欧阳.
	MatchCompoundSurname
	// MatchTitle marks a post or job title such as 副市长.
	MatchTitle
	// MatchOrgSuffix marks a word that often ends an organisation name,
	// such as 委员会 or 有限公司.
	MatchOrgSuffix
	// MatchPlace marks a place name, such as an administrative division.
	MatchPlace
	// matchCue marks a word that often follows a name (主持, 调研, 表示);
	// built-in only.
	matchCue
	numMatchKinds
)

// Match is a dictionary match over [Start, End) in Unicode code points.
type Match struct {
	Kind       MatchKind
	Start, End int
}

// dictBit is the bit of a match kind at a position of a match (B, I, E, S).
func dictBit(k MatchKind, pos int) uint32 { return 1 << (uint(k)*4 + uint(pos)) }

// markMatch sets the bits of m in marks, clipped to the text.
func markMatch(marks []uint32, m Match) {
	if m.Kind < 0 || m.Kind >= numMatchKinds || m.Start < 0 || m.End > len(marks) || m.Start >= m.End {
		return
	}
	if m.End-m.Start == 1 {
		marks[m.Start] |= dictBit(m.Kind, posS)
		return
	}
	marks[m.Start] |= dictBit(m.Kind, posB)
	for i := m.Start + 1; i < m.End-1; i++ {
		marks[i] |= dictBit(m.Kind, posI)
	}
	marks[m.End-1] |= dictBit(m.Kind, posE)
}

var (
	//go:embed dict/surnames.txt
	surnamesText string
	//go:embed dict/titles.txt
	titlesText string
	//go:embed dict/orgsuffix.txt
	orgSuffixText string
	//go:embed dict/places.txt
	placesText string
	//go:embed dict/cues.txt
	cuesText string
)

// lexicon is the built-in dictionary: every entry maps to the set of kinds
// it belongs to.
type lexicon struct {
	// words maps an entry to its kinds, and every proper prefix of an
	// entry to 0, so that matching stops as soon as no entry can follow.
	words  map[string]uint8
	maxLen int // in runes
	// places is the sorted list of place names, kept apart because it is
	// large: slicing the embedded text is much faster than a map.
	places []string
	// placeRange maps a first character, and placeRange2 the first two,
	// to the range of places that start with them (sorted: one range), so
	// that searches stay within it.
	placeRange  map[rune][2]int32
	placeRange2 map[uint64][2]int32
	// placeBMP is placeRange for the Basic Multilingual Plane, as an array
	// (an empty range where no place starts with the character).
	placeBMP []([2]int32)
	// wordFirst marks the characters of the Basic Multilingual Plane that
	// start an entry of words (a bit set).
	wordFirst []uint64
}

var (
	builtinOnce sync.Once
	builtin     *lexicon
)

func builtinLexicon() *lexicon {
	builtinOnce.Do(func() { builtin = newLexicon() })
	return builtin
}

// newLexicon parses the embedded dictionaries.
func newLexicon() *lexicon {
	lx := &lexicon{words: make(map[string]uint8, 60000)}
	// The first line lists single-character surnames run together, the
	// others compound surnames separated by spaces.
	for i, line := range lines(surnamesText) {
		if i == 0 {
			for _, r := range line {
				lx.add(string(r), MatchSurname)
			}
			continue
		}
		for _, f := range strings.Fields(line) {
			lx.add(f, MatchCompoundSurname)
		}
	}
	for _, w := range lines(titlesText) {
		lx.add(w, MatchTitle)
	}
	for _, w := range lines(orgSuffixText) {
		lx.add(w, MatchOrgSuffix)
	}
	for _, w := range lines(cuesText) {
		lx.add(w, matchCue)
	}
	lx.places = lines(placesText)
	if !slices.IsSorted(lx.places) {
		slices.Sort(lx.places)
	}
	lx.placeRange, lx.placeRange2 = map[rune][2]int32{}, make(map[uint64][2]int32, len(lx.places)/2)
	for i, p := range lx.places {
		c, n := utf8.DecodeRuneInString(p)
		r, ok := lx.placeRange[c]
		if !ok {
			r[0] = int32(i)
		}
		r[1] = int32(i + 1)
		lx.placeRange[c] = r
		if n < len(p) {
			c2, _ := utf8.DecodeRuneInString(p[n:])
			k := uint64(c)<<32 | uint64(c2)
			r, ok := lx.placeRange2[k]
			if !ok {
				r[0] = int32(i)
			}
			r[1] = int32(i + 1)
			lx.placeRange2[k] = r
		}
	}
	lx.placeBMP = make([][2]int32, 1<<16)
	for c, r := range lx.placeRange {
		if c >= 0 && c < 1<<16 {
			lx.placeBMP[c] = r
		}
	}
	lx.wordFirst = make([]uint64, 1<<16/64)
	for w := range lx.words {
		if c, _ := utf8.DecodeRuneInString(w); c >= 0 && c < 1<<16 {
			lx.wordFirst[c>>6] |= 1 << (c & 63)
		}
	}
	return lx
}

// placesFrom returns the range of places starting with c.
func (lx *lexicon) placesFrom(c rune) ([2]int32, bool) {
	if c >= 0 && c < 1<<16 {
		r := lx.placeBMP[c]
		return r, r[1] > r[0]
	}
	r, ok := lx.placeRange[c]
	return r, ok
}

// mayStartWord reports whether an entry of words may start with c.
func (lx *lexicon) mayStartWord(c rune) bool {
	return c < 0 || c >= 1<<16 || lx.wordFirst[c>>6]&(1<<(c&63)) != 0
}

func (lx *lexicon) add(w string, k MatchKind) {
	lx.words[w] |= 1 << uint(k)
	for i := range w {
		if i > 0 {
			if _, ok := lx.words[w[:i]]; !ok {
				lx.words[w[:i]] = 0
			}
		}
	}
	if n := utf8.RuneCountInString(w); n > lx.maxLen {
		lx.maxLen = n
	}
}

// lines returns the non-empty lines of s that are not comments.
func lines(s string) []string {
	out := make([]string, 0, strings.Count(s, "\n")+1)
	for l := range strings.Lines(s) {
		l = strings.TrimSpace(l)
		if l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

// mark sets the bits of every dictionary word found in text; offs holds the
// byte offset of each rune plus len(text).
func (lx *lexicon) mark(marks []uint32, text string, offs []int) {
	n := len(offs) - 1
	for i := 0; i < n; i++ {
		c, _ := utf8.DecodeRuneInString(text[offs[i]:])
		for l := 1; l <= lx.maxLen && i+l <= n && lx.mayStartWord(c); l++ {
			kinds, ok := lx.words[text[offs[i]:offs[i+l]]]
			if !ok {
				break
			}
			for k := MatchKind(0); k < numMatchKinds; k++ {
				if kinds&(1<<uint(k)) != 0 {
					markMatch(marks, Match{Kind: k, Start: i, End: i + l})
				}
			}
		}
		// the places that start with the character at i (sorted, the
		// same bytes first: one range)
		rg, ok := lx.placesFrom(c)
		if !ok {
			continue
		}
		places := lx.places[rg[0]:rg[1]]
		for l := 1; i+l <= n; l++ {
			if l == 2 {
				c2, _ := utf8.DecodeRuneInString(text[offs[i+1]:])
				if rg, ok = lx.placeRange2[uint64(c)<<32|uint64(c2)]; !ok {
					break
				}
				places = lx.places[rg[0]:rg[1]]
			}
			w := text[offs[i]:offs[i+l]]
			j, found := slices.BinarySearch(places, w)
			if found {
				markMatch(marks, Match{Kind: MatchPlace, Start: i, End: i + l})
			} else if j == len(places) || !strings.HasPrefix(places[j], w) {
				break
			}
		}
	}
}
