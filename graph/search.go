package graph

import (
	"strings"
	"unicode"
)

// Score rates how well a node's name and aliases match a search text, from
// 0 (no match) to 1 (the name itself). An exact name or alias ranks first,
// then names that contain the text (shorter names first), then names that
// share most character pairs with it, which is how Chinese abbreviations such
// as 高新区党工委 find 高新区（示范区）党工委. Parenthesised parts, spaces,
// width and case are ignored. Every backend ranks with Score.
func Score(text string, n *Node) float64 {
	q := SearchKey(text)
	if q == "" || n == nil {
		return 0
	}
	best := score(q, SearchKey(n.Name), 1)
	for _, a := range n.Aliases {
		if s := score(q, SearchKey(a), 0.97); s > best {
			best = s
		}
	}
	return best
}

func score(q, name string, weight float64) float64 {
	if name == "" {
		return 0
	}
	if q == name {
		return weight
	}
	qn, nn := float64(len([]rune(q))), float64(len([]rune(name)))
	if strings.Contains(name, q) {
		return weight * (0.5 + 0.4*qn/nn)
	}
	d := dice(bigrams(q), bigrams(name))
	if strings.Contains(q, name) && d < 0.5 {
		d = 0.5 * nn / qn
	}
	if d < 0.3 {
		return 0
	}
	return weight * 0.5 * d
}

// SearchKey normalises a name for searching and indexing: parenthesised
// parts and spaces dropped, full-width forms folded to ASCII, lower case.
func SearchKey(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch r {
		case '(', '（':
			depth++
			continue
		case ')', '）':
			if depth > 0 {
				depth--
			}
			continue
		}
		if depth > 0 || unicode.IsSpace(r) {
			continue
		}
		if r >= 0xFF01 && r <= 0xFF5E {
			r -= 0xFEE0
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// Bigrams returns the distinct adjacent character pairs of a search key (the
// key itself when it has one character), in order of first appearance.
// Backends index names by them.
func Bigrams(key string) []string {
	r := []rune(key)
	if len(r) == 1 {
		return []string{key}
	}
	seen := make(map[string]bool, len(r))
	var out []string
	for i := 0; i+1 < len(r); i++ {
		if g := string(r[i : i+2]); !seen[g] {
			seen[g] = true
			out = append(out, g)
		}
	}
	return out
}

func bigrams(s string) map[string]bool {
	r := []rune(s)
	m := make(map[string]bool, len(r))
	if len(r) == 1 {
		m[s] = true
	}
	for i := 0; i+1 < len(r); i++ {
		m[string(r[i:i+2])] = true
	}
	return m
}

func dice(a, b map[string]bool) float64 {
	if len(a)+len(b) == 0 {
		return 0
	}
	common := 0
	for g := range a {
		if b[g] {
			common++
		}
	}
	return 2 * float64(common) / float64(len(a)+len(b))
}
