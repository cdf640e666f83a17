package ner

// Entity types the tagger recognises, in the order of the model's tag set.
const (
	Person       = "Person"
	Title        = "Title"
	Organisation = "Organisation"
	Place        = "Place"
)

// Types lists the entity types in tag-set order.
var types = [...]string{Person, Title, Organisation, Place}

// Tag layout: 0 is O; type t has B, I, E, S at 1+4t .. 4+4t.
const (
	numTypes = len(types)
	numTags  = 1 + 4*numTypes
	tagO     = 0
)

const (
	posB = iota
	posI
	posE
	posS
)

func tagOf(typ, pos int) int { return 1 + 4*typ + pos }

// tagType returns the type index of tag, or -1 for O.
func tagType(tag int) int {
	if tag == tagO {
		return -1
	}
	return (tag - 1) / 4
}

func tagPos(tag int) int { return (tag - 1) % 4 }

func typeIndex(name string) int {
	for i, t := range types {
		if t == name {
			return i
		}
	}
	return -1
}

// legal[a][b] says whether tag b may follow tag a under BIOES.
var legal, legalStart, legalEnd = legalTransitions()

// legalPrev[b] lists the tags that may precede b.
var legalPrev = func() (prev [numTags][]uint8) {
	for b := 0; b < numTags; b++ {
		for a := 0; a < numTags; a++ {
			if legal[a][b] {
				prev[b] = append(prev[b], uint8(a))
			}
		}
	}
	return prev
}()

func legalTransitions() (tr [numTags][numTags]bool, start, end [numTags]bool) {
	opens := func(b int) bool { return b == tagO || tagPos(b) == posB || tagPos(b) == posS }
	for a := 0; a < numTags; a++ {
		closed := a == tagO || tagPos(a) == posE || tagPos(a) == posS
		for b := 0; b < numTags; b++ {
			if closed {
				tr[a][b] = opens(b)
			} else {
				// Inside an entity: continue or close the same type.
				tr[a][b] = b != tagO && tagType(b) == tagType(a) && (tagPos(b) == posI || tagPos(b) == posE)
			}
		}
		start[a] = opens(a)
		end[a] = closed
	}
	return tr, start, end
}

// Span is an entity mention: its type and its position in the text, in
// Unicode code points, End exclusive.
type Span struct {
	Type       string
	Start, End int
}

// spansFromTags converts a legal tag sequence into spans.
func spansFromTags(tags []int) []Span {
	var out []Span
	start := -1
	for i, t := range tags {
		if t == tagO {
			start = -1
			continue
		}
		switch tagPos(t) {
		case posS:
			out = append(out, Span{Type: types[tagType(t)], Start: i, End: i + 1})
			start = -1
		case posB:
			start = i
		case posE:
			if start >= 0 {
				out = append(out, Span{Type: types[tagType(t)], Start: start, End: i + 1})
			}
			start = -1
		}
	}
	return out
}

// tagsFromSpans writes spans into tags (len = text length); overlapping or
// out-of-range spans are skipped and reported by the returned count.
func tagsFromSpans(tags []int, spans []Span) (skipped int) {
	for _, s := range spans {
		ti := typeIndex(s.Type)
		if ti < 0 || s.Start < 0 || s.End > len(tags) || s.Start >= s.End {
			skipped++
			continue
		}
		free := true
		for i := s.Start; i < s.End; i++ {
			if tags[i] != tagO {
				free = false
				break
			}
		}
		if !free {
			skipped++
			continue
		}
		if s.End-s.Start == 1 {
			tags[s.Start] = tagOf(ti, posS)
			continue
		}
		tags[s.Start] = tagOf(ti, posB)
		for i := s.Start + 1; i < s.End-1; i++ {
			tags[i] = tagOf(ti, posI)
		}
		tags[s.End-1] = tagOf(ti, posE)
	}
	return skipped
}
