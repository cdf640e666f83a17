package ingest

import (
	"sort"

	"github.com/kgproject/kg/ingest/ner"
)

// taggedTypes are the mention types the statistical tagger finds.
var taggedTypes = map[string]bool{"Person": true, "Title": true, "Organisation": true, "Place": true}

// mentions lists the typed spans of the article, sorted by position:
// Project, Date and Event spans from the rules, and Person, Title,
// Organisation and Place spans from the statistical tagger when one is
// given (it is trained for those conventions on real news; measured on
// held-out sentence sets, adding the rules' spans of those types lowered
// its precision, also on its sentences with datelines), else from the
// rules. On a news page with a byline (not JSON lines), the genre the
// rules are made for, the rules' spans of every type win where they
// overlap the tagger's.
func (d *doc) mentions(tg *ner.Tagger) []Mention {
	var ms []Mention
	add := func(typ string, s span) {
		if s.end > s.start && s.end <= len(d.r) {
			ms = append(ms, Mention{Type: typ, Text: d.text(s), Start: s.start, End: s.end})
		}
	}
	for _, ps := range d.personSpans {
		if ps.p == nil {
			add("Person", ps.span)
			continue
		}
		n := len([]rune(ps.p.name))
		if ps.end-ps.start >= n && d.text(span{ps.start, ps.start + n}) == ps.p.name {
			add("Person", span{ps.start, ps.start + n})
		}
	}
	for _, s := range d.titleSpans {
		add("Title", s)
	}
	for _, o := range d.orgs {
		for _, s := range o.spans {
			add("Organisation", s)
		}
	}
	for _, p := range d.projects {
		for _, s := range p.spans {
			add("Project", s)
		}
	}
	for _, s := range d.places {
		add("Place", s)
	}
	for _, dm := range d.dates {
		add("Date", dm.span)
	}
	for _, e := range d.events {
		if s, ok := d.find(e.name, e.ev); ok {
			add("Event", s)
		}
	}
	ms = dedupeMentions(ms)
	if tg != nil {
		var tagged []Mention
		for _, sent := range d.sents {
			for _, sp := range tg.Tag(d.text(sent)) {
				m := Mention{Type: sp.Type, Start: sent.start + sp.Start, End: sent.start + sp.End}
				if taggedTypes[m.Type] {
					m.Text = d.text(span{m.Start, m.End})
					tagged = append(tagged, m)
				}
			}
		}
		var kept []Mention
		if d.isNewsPage() {
			// a page of the genre the rules are made for: their Person,
			// Title, Organisation and Place spans win where they overlap
			// the tagger's, which fills in the rest
			for _, m := range tagged {
				if overlapsAny(ms, m) || m.End-m.Start < 2 || m.Type == "Title" && d.lx.titleEndingAt(d.r, m.End) == "" {
					continue // single characters and titles without a title word are noise here
				}
				kept = append(kept, m)
			}
			kept = append(kept, ms...)
		} else {
			kept = tagged
			for _, m := range ms {
				if !taggedTypes[m.Type] {
					kept = append(kept, m)
				}
			}
		}
		ms = dedupeMentions(kept)
	}
	if ms == nil {
		ms = []Mention{}
	}
	return ms
}

// isNewsPage reports whether the article is a page of the genre the rules
// are made for: read from a page (not a JSON line of general text) and
// carrying a byline or dateline.
func (d *doc) isNewsPage() bool {
	return d.a.InputID == "" && (d.bylineEnd > 0 || len(d.reporters) > 0)
}

func overlapsAny(ms []Mention, m Mention) bool {
	for _, x := range ms {
		if x.Type != "Date" && x.Start < m.End && m.Start < x.End {
			return true
		}
	}
	return false
}

// find returns the span of s inside the sentence sp, if it is written there.
func (d *doc) find(s string, sp span) (span, bool) {
	rs := []rune(s)
	for i := sp.start; i+len(rs) <= sp.end; i++ {
		if hasPrefixAt(d.r, i, s) {
			return span{i, i + len(rs)}, true
		}
	}
	return span{}, false
}

// dedupeMentions sorts mentions and drops repeats and same-type overlaps,
// keeping the longer span.
func dedupeMentions(ms []Mention) []Mention {
	sort.SliceStable(ms, func(i, j int) bool {
		if ms[i].Start != ms[j].Start {
			return ms[i].Start < ms[j].Start
		}
		return ms[i].End > ms[j].End
	})
	var out []Mention
	for _, m := range ms {
		dup := false
		for k := len(out) - 1; k >= 0 && k >= len(out)-8; k-- {
			x := out[k]
			if x.Type == m.Type && m.Start < x.End && x.Start < m.End {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, m)
		}
	}
	return out
}
