package ingest

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

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
	n := len(d.personSpans) + len(d.titleSpans) + len(d.places) + len(d.dates) + len(d.events)
	for _, o := range d.orgs {
		n += len(o.spans)
	}
	for _, p := range d.projects {
		n += len(p.spans)
	}
	ms := make([]Mention, 0, n) // sized: appends that double a long slice allocate up to twice as much
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
				for m.Start < m.End && unicode.IsSpace(d.r[m.Start]) {
					m.Start++ // the tagger may take in the spaces around a name (记者 任杰 )
				}
				for m.End > m.Start && unicode.IsSpace(d.r[m.End-1]) {
					m.End--
				}
				if taggedTypes[m.Type] && m.End > m.Start {
					m.Text = d.text(span{m.Start, m.End})
					tagged = append(tagged, m)
				}
			}
		}
		kept := make([]Mention, 0, len(tagged)+len(ms))
		if d.isNewsPage() {
			rules := newMentionIndex(ms, len(d.r))
			// a tagger's organisation that holds its own person or title
			// is a sentence about them (伊朗总统莱希独家专访总台)
			personal := make([]bool, len(d.r))
			for _, m := range tagged {
				if m.Type == "Person" || m.Type == "Title" {
					for i := m.Start; i < m.End; i++ {
						personal[i] = true
					}
				}
			}
			// a page of the genre the rules are made for: their Person,
			// Title, Organisation and Place spans win where they overlap
			// the tagger's, which fills in the rest
			for _, m := range tagged {
				if rules.overlaps(m) || m.End-m.Start < 2 || m.Type == "Title" && d.lx.titleEndingAt(d.r, m.End) == "" {
					continue // single characters and titles without a title word are noise here
				}
				if m.Type == "Organisation" || m.Type == "Place" {
					var ok bool
					if m, ok = d.backed(m, rules, personal); !ok || rules.overlaps(m) {
						continue
					}
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

// commonPlaceWords are words ending with a level character that name a
// kind of place, not a place (旧|小区, 城区, 城中村).
var commonPlaceWords = []string{"小区", "社区", "城区", "园区", "景区", "山区", "林区", "片区", "街区", "老区", "新区", "市区", "郊区", "辖区", "厂区", "校区", "院区", "村", "乡村", "农村", "城中村", "县城", "城市"}

// backed returns a tagger's Organisation or Place span on a news page when
// something besides the tagger speaks for it, trimmed of a leading verb
// (叮嘱|琮州路桥建设集团有限公司): an organisation needs a head word
// (局, 委员会, 有限公司 …), a known body, a name the rules found in the
// article or the segmenter's organisation tag; a place needs the
// gazetteer, a place the article names as such, the segmenter's place
// tag, or a level word after a proper stem (岩口镇, not 旧小区). The
// tagger's guesses on policy language (惠民生, 安排) and common nouns
// have none of these.
func (d *doc) backed(m Mention, rules *mentionIndex, personal []bool) (Mention, bool) {
	start := m.Start
	if f := anyPrefixAt(d.r, start, append(activityVerbs, followers...)...); f != "" && start+len([]rune(f)) < m.End-1 {
		start += len([]rune(f))
	}
	if m.End-start < 2 {
		return m, false
	}
	m.Start, m.Text = start, d.text(span{start, m.End})
	_, pos, found := d.lx.seg.Find(m.Text)
	if rules.named[m.Type+"\x00"+m.Text] {
		return m, true
	}
	if m.Type == "Organisation" {
		if slices.Contains(personal[m.Start:m.End], true) || d.nestedInMeeting(m.End) {
			return m, false // a sentence about a person; a body inside a meeting's name (rule 8.1)
		}
		return m, d.lx.knownOrgs[m.Text] || found && pos == "nt" || d.bodyBacked(m.Start, m.End)
	}
	if d.lx.places[m.Text] || d.learned[m.Text] || found && pos == "ns" {
		return m, true
	}
	if m.End < len(d.r) && d.r[m.End] >= '0' && d.r[m.End] <= '9' && (hasSuffixAt(d.r, m.Start, "本报") || hasSuffixAt(d.r, m.Start, "社")) {
		return m, true // the place of a dateline: 本报琮州9月5日讯, 新华社琮州9月19日电
	}
	for _, lv := range []string{"市", "县", "区", "省"} {
		if d.learned[m.Text+lv] || d.lx.places[m.Text+lv] || d.written(m.Text+lv) {
			return m, true // 琮州 of 本报琮州9月5日讯, where the article names 琮州市
		}
	}
	if !strings.ContainsRune("省市县区州旗镇乡村河江湖山岭湾岛峰", d.r[m.End-1]) || m.End-m.Start < 3 {
		return m, false
	}
	stem := []rune(m.Text)
	for _, w := range commonPlaceWords {
		if strings.HasSuffix(m.Text, w) {
			stem = stem[:len(stem)-len([]rune(w))]
			break
		}
	}
	if len(stem) == len([]rune(m.Text)) {
		stem = stem[:len(stem)-1]
	}
	if len(stem) < 2 {
		return m, false // 旧|小区
	}
	if _, pos, found := d.lx.seg.Find(string(stem)); found && (functionPOS(pos) || pos == "a" || pos == "an") {
		return m, false // 老旧|小区
	}
	return m, true
}

// bodyBacked reports whether a tagger's organisation r[s:e] ends with a
// head word or a known body and everything before the head is name words
// (nameWords): places, states, levels and dictionary nouns (秘鲁国会,
// 琮州市交通运输局, 工业和信息化部). A span that merely ends in a body is a sentence
// around it (克罗地亚总统批评北约, …情况总体良好财政部), and a state
// with a one-character head (叙利亚所) or a head alone names none.
func (d *doc) bodyBacked(s, e int) bool {
	bs := e - utf8.RuneCountInString(d.lx.suffixEndingAt(d.r, e))
	for n := min(e-s, 10); n >= 2 && d.lx.knownLast[d.r[e-1]]; n-- {
		if d.lx.knownOrgs[d.sub(e-n, e)] {
			bs = min(bs, e-n)
			break
		}
	}
	if bs >= e || bs <= s {
		return false
	}
	if e-bs == 1 {
		if p := d.placeAt(s, bs); s+p == bs {
			return false // 叙利亚所, 美国所
		}
		if d.wordAcross(bs) {
			return false // 西北|局部, 礼兵|列队: the head is inside a word
		}
	}
	return d.nameWords(s, bs)
}

// wordAcross reports whether a dictionary word starts before i and ends
// after it.
func (d *doc) wordAcross(i int) bool {
	for k := max(0, i-4); k < i; k++ {
		if e, ok := d.words[k]; ok && e > i {
			return true
		}
	}
	return false
}

// isNewsPage reports whether the article is a page of the genre the rules
// are made for: read from a page (not a JSON line of general text) and
// carrying a byline, a dateline or a masthead, or reporting a dated
// activity.
func (d *doc) isNewsPage() bool {
	return d.a.InputID == "" && (d.bylineEnd > 0 || len(d.reporters) > 0 || d.a.Published != "" || len(d.events) > 0)
}

// mentionIndex answers, for the rules' mentions of an article, whether a
// span overlaps one of them (dates aside) and whether a type and text is
// one of them, each without a scan of them all.
type mentionIndex struct {
	covered []bool          // covered[i]: a mention other than a date covers code point i
	named   map[string]bool // type + "\x00" + text of each mention
}

func newMentionIndex(ms []Mention, n int) *mentionIndex {
	x := &mentionIndex{covered: make([]bool, n), named: make(map[string]bool, len(ms))}
	for _, m := range ms {
		x.named[m.Type+"\x00"+m.Text] = true
		if m.Type == "Date" {
			continue
		}
		for i := max(m.Start, 0); i < m.End && i < n; i++ {
			x.covered[i] = true
		}
	}
	return x
}

// overlaps reports whether m overlaps a mention other than a date.
func (x *mentionIndex) overlaps(m Mention) bool {
	for i := max(m.Start, 0); i < m.End && i < len(x.covered); i++ {
		if x.covered[i] {
			return true
		}
	}
	return false
}

// written reports whether the article's text contains s. Short strings
// are looked up among the text's substrings ending with the same
// character, collected once per article; a search of the whole text for
// each would cost time in the product of the text's length and the
// tagger's spans.
func (d *doc) written(s string) bool {
	n := utf8.RuneCountInString(s)
	if n > maxWritten || n == 0 || len(d.s) != len(d.a.Text) {
		return strings.Contains(d.a.Text, s) // long, or the text not valid UTF-8 (d.s differs)
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	if d.writtenBefore == nil {
		d.writtenBefore = map[rune]map[string]bool{}
	}
	set, ok := d.writtenBefore[last]
	if !ok {
		set = map[string]bool{}
		for i, c := range d.r {
			if c != last {
				continue
			}
			for k := 1; k <= maxWritten && k <= i+1; k++ {
				set[d.sub(i+1-k, i+1)] = true
			}
		}
		d.writtenBefore[last] = set
	}
	return set[s]
}

// maxWritten is the longest string, in code points, that written looks up
// rather than searches for.
const maxWritten = 12

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
	out := make([]Mention, 0, len(ms))
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
