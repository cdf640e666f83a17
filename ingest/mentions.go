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
// held-out sets, adding the rules' spans of those types lowered its
// precision), else from the rules.
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
		for _, m := range ms {
			if !taggedTypes[m.Type] {
				tagged = append(tagged, m)
			}
		}
		ms = dedupeMentions(tagged)
	}
	if ms == nil {
		ms = []Mention{}
	}
	return ms
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
