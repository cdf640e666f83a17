package ingest

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// span is a half-open range of code points.
type span struct{ start, end int }

// maxSentence is the most code points the rules take as one sentence or
// one clause. News sentences are far shorter (the longest of the seed,
// dev and generated corpora has 175, of the People's Daily test set 568);
// the cap only bounds the work on text without sentence marks, such as a
// hostile page of one 150 KB sentence, whose rules would otherwise cost
// time in the square of its length.
const maxSentence = 1000

// sentences splits r into sentences at 。！？； and their half-width
// forms !?; (pages typed on a Western keyboard use them alike), and at
// line ends; a closing quote after the final mark stays with its sentence. A sentence longer
// than maxSentence is split after its last clause mark (，；、：) in the
// second half of the limit, else cut at the limit.
func sentences(r []rune) []span {
	var out []span
	start := 0
	emit := func(end int) {
		s, e := start, end
		for s < e && unicode.IsSpace(r[s]) {
			s++
		}
		for e > s && unicode.IsSpace(r[e-1]) {
			e--
		}
		for e-s > maxSentence {
			cut := s + maxSentence
			for k := cut; k > s+maxSentence/2; k-- {
				if strings.ContainsRune("，；、：,;:", r[k-1]) {
					cut = k
					break
				}
			}
			out = append(out, span{s, cut})
			s = cut
		}
		if e > s {
			out = append(out, span{s, e})
		}
		start = end
	}
	for i := 0; i < len(r); i++ {
		switch r[i] {
		case '\n':
			emit(i)
			start = i + 1
		case '。', '！', '？', '；', '!', '?', ';':
			j := i + 1
			for j < len(r) && strings.ContainsRune("”’」』）)", r[j]) {
				j++
			}
			emit(j)
			i = j - 1
		}
	}
	emit(len(r))
	return out
}

// paragraphs splits r at line ends.
func paragraphs(r []rune) []span {
	var out []span
	start := 0
	for i := 0; i <= len(r); i++ {
		if i == len(r) || r[i] == '\n' {
			if i > start {
				out = append(out, span{start, i})
			}
			start = i + 1
		}
	}
	return out
}

func isHan(c rune) bool { return unicode.Is(unicode.Han, c) }

// isNameChar reports whether c can belong to an organisation, project or
// post name.
func isNameChar(c rune) bool {
	return isHan(c) || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '０' && c <= '９' || c == '（' || c == '）' || c == '+' || c == '·'
}

// hasPrefixAt reports whether r[i:] starts with s.
func hasPrefixAt(r []rune, i int, s string) bool {
	for _, c := range s {
		if i >= len(r) || r[i] != c {
			return false
		}
		i++
	}
	return true
}

// hasSuffixAt reports whether r[:i] ends with s.
func hasSuffixAt(r []rune, i int, s string) bool {
	for len(s) > 0 {
		c, n := utf8.DecodeLastRuneInString(s)
		if i <= 0 || r[i-1] != c {
			return false
		}
		s = s[:len(s)-n]
		i--
	}
	return true
}

// anyPrefixAt returns the first of ws that r[i:] starts with, or "".
func anyPrefixAt(r []rune, i int, ws ...string) string {
	for _, w := range ws {
		if hasPrefixAt(r, i, w) {
			return w
		}
	}
	return ""
}

// clauseEnd returns the end of the clause starting at i (the next ，。；！？
// or line end), at most maxSentence code points on.
func clauseEnd(r []rune, i int) int {
	for limit := min(len(r), i+maxSentence); i < limit; i++ {
		if strings.ContainsRune("，。；！？\n,;", r[i]) {
			return i
		}
	}
	return min(len(r), i)
}

// clauseStart returns the start of the clause holding position i, at most
// maxSentence code points back.
func clauseStart(r []rune, i int) int {
	for limit := max(0, i-maxSentence); i > limit && !strings.ContainsRune("，。；！？\n,;", r[i-1]); {
		i--
	}
	return i
}

// stripQuotes removes quote marks.
func stripQuotes(s string) string {
	return strings.Map(func(c rune) rune {
		if strings.ContainsRune("“”\"‘’「」『』《》", c) {
			return -1
		}
		return c
	}, s)
}

// anySuffixAt reports whether one of ws ends at r[:i].
func anySuffixAt(r []rune, i int, ws ...string) bool {
	for _, w := range ws {
		if hasSuffixAt(r, i, w) {
			return true
		}
	}
	return false
}

// findAllInRuns returns re.FindAllStringSubmatchIndex(s, -1) for a regular
// expression whose matches are never empty, that uses no assertions (^, $,
// \b) and whose matches consist only of characters for which in reports
// true. A match then lies within one maximal run of such characters and
// is found the same by matching the runs alone, which is much cheaper than
// trying the expression at every position of s; runs without the
// substring must, which every match contains, are skipped.
func findAllInRuns(re *regexp.Regexp, s string, in func(rune) bool, must string) [][]int {
	var out [][]int
	for i := 0; i < len(s); {
		c, n := utf8.DecodeRuneInString(s[i:])
		if !in(c) {
			i += n
			continue
		}
		j := i + n
		for j < len(s) {
			c, n := utf8.DecodeRuneInString(s[j:])
			if !in(c) {
				break
			}
			j += n
		}
		if run := s[i:j]; strings.Contains(run, must) {
			for _, m := range re.FindAllStringSubmatchIndex(run, -1) {
				for k := range m {
					if m[k] >= 0 {
						m[k] += i
					}
				}
				out = append(out, m)
			}
		}
		i = j
	}
	return out
}

// runeCounter turns byte offsets of s into code-point offsets, counting
// only the bytes between one offset and the next: the matches of a
// regular expression, taken in order, cost one pass over s instead of one
// count from the start of s each.
type runeCounter struct {
	s    string
	b, r int // the last offset asked for, in bytes and in code points
}

// at returns the code-point offset of byte offset b, which must fall on
// a character boundary of s.
func (c *runeCounter) at(b int) int {
	if b >= c.b {
		c.r += utf8.RuneCountInString(c.s[c.b:b])
	} else {
		c.r -= utf8.RuneCountInString(c.s[b:c.b])
	}
	c.b = b
	return c.r
}

// containsAny reports whether s contains one of ws.
func containsAny(s string, ws ...string) bool {
	for _, w := range ws {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// runeSet is a set of characters: a bit set for the Basic Multilingual
// Plane, a map beyond it.
type runeSet struct {
	bmp   [1 << 16 / 64]uint64
	other map[rune]bool
}

func (s *runeSet) add(c rune) {
	if c >= 0 && c < 1<<16 {
		s.bmp[c>>6] |= 1 << (c & 63)
		return
	}
	if s.other == nil {
		s.other = map[rune]bool{}
	}
	s.other[c] = true
}

func (s *runeSet) has(c rune) bool {
	if c >= 0 && c < 1<<16 {
		return s.bmp[c>>6]&(1<<(c&63)) != 0
	}
	return s.other[c]
}

// firstRunes returns the set of the first characters of ws.
func firstRunes(ws []string) *runeSet {
	s := &runeSet{}
	for _, w := range ws {
		c, _ := utf8.DecodeRuneInString(w)
		s.add(c)
	}
	return s
}

// lastRunes returns the set of the last characters of ws.
func lastRunes(ws []string) *runeSet {
	s := &runeSet{}
	for _, w := range ws {
		c, _ := utf8.DecodeLastRuneInString(w)
		s.add(c)
	}
	return s
}
