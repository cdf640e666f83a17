package ingest

import "sort"

// mentions lists the typed spans of the article, sorted by position, with
// overlaps resolved in favour of the longer span.
func (d *doc) mentions() []Mention {
	var ms []Mention
	add := func(typ string, s span) {
		if s.end > s.start && s.end <= len(d.r) {
			ms = append(ms, Mention{Type: typ, Text: d.text(s), Start: s.start, End: s.end})
		}
	}
	for _, ps := range d.personSpans {
		if ps.p != nil {
			add("Person", span{ps.start, ps.start + len([]rune(ps.p.name))})
			if ps.end-ps.start > len([]rune(ps.p.name)) && d.text(ps.span)[:len(ps.p.name)] == ps.p.name {
				continue
			}
		} else {
			add("Person", ps.span)
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
	sort.SliceStable(ms, func(i, j int) bool {
		if ms[i].Start != ms[j].Start {
			return ms[i].Start < ms[j].Start
		}
		return ms[i].End > ms[j].End
	})
	var out []Mention
	for _, m := range ms {
		if len(out) > 0 {
			last := out[len(out)-1]
			if m.Start < last.End && m.Type == last.Type {
				continue
			}
			if m.Start == last.Start && m.End == last.End {
				continue
			}
		}
		out = append(out, m)
	}
	if out == nil {
		out = []Mention{}
	}
	return out
}
