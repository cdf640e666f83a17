package ingest

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/ingest/ner"
)

// doc is one article under analysis. All offsets are code points of r.
type doc struct {
	lx     *lexicon
	a      *Article
	r      []rune
	s      string             // string(r): the text, invalid bytes replaced as in r
	off    []int              // off[i] is the byte offset of r[i] in s; off[len(r)] == len(s)
	tagger *ner.Tagger        // finds people the rules cannot (no title nearby); may be nil
	tagged map[int][]ner.Span // the tagger's spans by sentence start, made on demand by taggedSpans

	sents []span
	paras []span
	dates []dateMention
	month int // month of the dateline, for bare days
	day   int // day of the dateline, for 今天/昨天

	bylineEnd    int
	reporters    []reporter
	paper        string
	paperSpan    span
	persons      []*person
	chains       int // the post chains numbered so far (post.chain)
	byName       map[string]*person
	nameLens     map[int]bool     // the lengths of the names of byName, in code points
	pairAt       map[uint64][]int // positions of each pair of characters, built by writtenAt
	personSpans  []personSpan     // append with addPersonSpan
	personEnd    []bool           // personEnd[k]: a mention of personSpans ends at k
	personIn     []bool           // personIn[k]: a mention of personSpans covers k
	appointed    map[int]bool     // starts of names that an appointment or election names (任命X为, X当选为), which are no presence
	titleSpans   []span
	orgs         []*org
	orgByKey     map[string]*org       // the org of d.orgs by the search key of its name
	orgsReset    int                   // changes when an org of d.orgs is renamed or merged away
	orgMatchMemo map[string]orgMatches // by expandOrg\'s short form
	projects     []*project
	projectByKey map[string]*project // the project of d.projects by the search key of its name
	// projectsAt[i] lists the projects with a span starting at i (and
	// perhaps some that had one); projectSpanMax is the longest span
	// added, projectSpans the number added
	projectsAt     map[int][]*project
	projectSpanMax int
	projectSpans   int
	events         []*event
	sc             *scopes // where the article is, for identity (locale.go); set by build
	places         []span
	learned        map[string]bool // place names learned from the article (枫屿区, 嵘州市)
	cuts           []bool          // cuts[i]: a dictionary word or a single character starts at i
	words          map[int]int     // start -> end of each dictionary word of two characters or more
	tokens         map[int]int     // start -> end of each word of the HMM segmentation (names too), by sentence on demand
	tokenized      map[int]bool    // sentences (by start) cut with the HMM
	// writtenBefore[c] holds the substrings of up to maxWritten code
	// points of the text that end with c, collected on demand by written
	writtenBefore map[rune]map[string]bool
}

type reporter struct {
	name string
	sp   span
}

// person is a named individual of the article.
type person struct {
	name  string
	posts []*post
	first span
	seq   int // the index in doc.persons
}

// personSpan is a mention of a person: the name, or a reference such as
// 岑主任 or 刘宁书记.
type personSpan struct {
	span
	p *person
}

// post is a title held at an organisation (org may be empty: 副区长).
type post struct {
	name, title, org string
	ev               span // where the post is stated
	orgSpan          span // where the organisation part is written, if it is
	// chain numbers the post chain the post was written in (市委常委、
	// 政法委书记): only posts of one chain share a body (rule 3.6)
	chain int
}

// org is an organisation with every span that names it.
type org struct {
	name  string
	spans []span
}

type project struct {
	name  string
	spans []span
}

// event is a reported activity with its participants.
type event struct {
	name, kind, date, endDate, partOfDay string
	scope                                span
	ev                                   span // the sentence that reports it
	chairs, attendees                    []*person
	orgRoles                             map[*org]string
	reporting                            []*org
	projects                             []*project
	roleEv                               map[any]span
}

func newDoc(lx *lexicon, a *Article) *doc {
	d := &doc{lx: lx, a: a, r: []rune(a.Text), byName: map[string]*person{}, nameLens: map[int]bool{}, learned: map[string]bool{}}
	d.s = a.Text
	if !utf8.ValidString(d.s) {
		d.s = string(d.r)
	}
	d.off = make([]int, len(d.r)+1)
	i := 0
	for k := range d.s {
		d.off[i] = k
		i++
	}
	d.off[len(d.r)] = len(d.s)
	d.sents = sentences(d.r)
	d.paras = paragraphs(d.r)
	d.segment()
	return d
}

// segment cuts the text into words by the dictionary alone, as gse's
// Cut(sentence, false) does (where dictionary words lie); tokenAt cuts a sentence again with the HMM for
// unknown words when a name needs it.
func (d *doc) segment() {
	d.cuts = make([]bool, len(d.r)+1)
	d.words = map[int]int{}
	d.tokens = map[int]int{}
	d.tokenized = map[int]bool{}
	d.cuts[len(d.r)] = true
	var sc cutScratch
	var lens []int
	for _, s := range d.sents {
		i := s.start
		d.cuts[i] = true
		lens = d.lx.cutter.cut(d.r[s.start:s.end], &sc, lens[:0])
		for _, n := range lens {
			if n >= 2 {
				d.words[i] = i + n
			}
			i += n
			d.cuts[min(i, len(d.r))] = true
		}
	}
	for i, c := range d.r {
		if !isHan(c) {
			d.cuts[i] = true
			d.cuts[i+1] = true
		}
	}
}

// analyse runs every extraction step in order.
func (d *doc) analyse() {
	d.byline()
	d.findDates()
	d.learnPlaces()
	d.findPeople()
	d.findAppointments()
	d.findProjects()
	d.findOrgs()
	d.resolvePosts()
	d.findReferences()
	d.taggedPeople()
	d.mergeFragments()
	d.findPlaces()
	d.findEvents()
}

// namedSpans returns the spans of the organisations, projects and people
// found so far, which other finders must not claim again.
func (d *doc) namedSpans() []span {
	var taken []span
	for _, o := range d.orgs {
		taken = append(taken, o.spans...)
	}
	for _, p := range d.projects {
		taken = append(taken, p.spans...)
	}
	for _, ps := range d.personSpans {
		taken = append(taken, ps.span)
	}
	return taken
}

// findPlaces finds the administrative areas the article names (青河区,
// 嵘州市 learned from the text, 河南 from the gazetteer) outside the names
// of people, organisations and projects.
func (d *doc) findPlaces() {
	inside := make([]bool, len(d.r)+1)
	for _, s := range d.namedSpans() {
		for i := max(s.start, 0); i < s.end && i < len(inside); i++ {
			inside[i] = true
		}
	}
	// only names starting with the first two characters of a place or a
	// learned name can match
	learnedPairs := map[uint64]bool{}
	for w := range d.learned {
		learnedPairs[firstPair(w)] = true
	}
	for i := d.bylineEnd; i+1 < len(d.r); i++ {
		if inside[i] {
			continue
		}
		if k := uint64(d.r[i])<<32 | uint64(d.r[i+1]); !d.lx.placePairs[k] && !learnedPairs[k] {
			continue
		}
		for n := min(8, len(d.r)-i); n >= 2; n-- {
			w := d.sub(i, i+n)
			last := d.r[i+n-1]
			full := strings.ContainsRune("省市区县州旗镇乡", last)
			if (full && d.learned[w]) || (d.lx.places[w] && (full || n >= 3 || isPlaceShort(w))) {
				if inside[i+n-1] || (i+n < len(d.r) && d.lx.suffixEndingAt(d.r, i+n+1) != "" && !full) {
					break
				}
				d.places = append(d.places, span{i, i + n})
				i += n - 1
				break
			}
		}
	}
}

// firstPair packs the first two characters of w (0 for a missing one).
func firstPair(w string) uint64 {
	c, n := utf8.DecodeRuneInString(w)
	c2, _ := utf8.DecodeRuneInString(w[n:])
	if n == len(w) {
		c2 = 0
	}
	return uint64(c)<<32 | uint64(c2)
}

// isPlaceShort accepts the short forms of provinces (河南, 江苏), which
// are common; short forms of lower levels are too often other words.
func isPlaceShort(w string) bool {
	switch w {
	case "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门":
		return true
	}
	return false
}

// sentenceOf returns the sentence holding position i.
func (d *doc) sentenceOf(i int) span {
	// sentences are ordered and disjoint: the first ending after i holds
	// it, if any does
	if k := sort.Search(len(d.sents), func(k int) bool { return d.sents[k].end > i }); k < len(d.sents) && d.sents[k].start <= i {
		return d.sents[k]
	}
	if len(d.sents) > 0 {
		return d.sents[len(d.sents)-1]
	}
	return span{0, len(d.r)}
}

func (d *doc) text(s span) string { return d.sub(s.start, s.end) }

// sub returns string(d.r[i:j]) without allocating.
func (d *doc) sub(i, j int) string { return d.s[d.off[i]:d.off[j]] }

var (
	// 本报讯 (本网讯, 本台讯), 嵘州日报讯, 本报3月28日讯, 央视网消息, 新华社北京3月28日电, each maybe followed by （记者X 通讯员Y）
	datelineRe = regexp.MustCompile(`^\s*(?:(本报|本网|本台|本站|本刊|[\p{Han}]{2,10}?(?:日报|晚报|早报|商报|报|新闻网|网|融媒体中心|融媒体|融媒|客户端|电视台|广播电视台|新闻))[\p{Han}]{0,6}?(?:(\d{1,2})月(\d{1,2})日)?(?:讯|消息)|(新华社|中新社|人民网|新华网)[\p{Han}]{0,6}?(\d{1,2})月(\d{1,2})日电)`)
	creditRe   = regexp.MustCompile(`^\s*[（(]([^（）()\n]{2,60})[）)]`)
	// □记者 张三 通讯员 李四, 本报记者 王五 (a line of its own or the start of the first)
	boxRe = regexp.MustCompile(`^\s*[□■●◆]?\s*(?:(?:文/图|文／图|图/文|文|图)[\s:：]*)?(?:本报)?((?:记者|通讯员|实习生)[^。，：:\n（(\d]{2,40}?)(?:\s*报道\s*[：:]?|\s*[：:]|\s{2,}|\n|$|[　]|\s*本报讯|\s*(?:\d|今天|昨天|日前|近日))`)
	// a credit closing the article: （记者 张三 通讯员 李四）
	// a credit line of its own near the end: 本报记者 任杰 本报通讯员 龙飞
	tailLineRe = regexp.MustCompile(`(?m)^[ \t　]*((?:本报|特约|见习)?(?:记者|通讯员|实习生)[\p{Han} \t　、/]{2,40})[ \t　]*$`)
	// (the outlet may come first: （青川日报记者 林峰）; the role word may be
	// written with a space: (记 者:X))
	tailCreditRe = regexp.MustCompile(`[（(](?:\p{Han}{2,12}?(?:日报|晚报|早报|报|新闻网|网|广播电视台|电视台|融媒体中心)\s*)?((?:记[ 　]?者|通讯员|文/图|文|图)[^（）()\n]{2,40})[）)]\s*$`)
	// bare names closing the text: (X), (X、Y), （X Y Z）
	tailNamesRe = regexp.MustCompile(`[（(][ 　]*(\p{Han}{2,3}(?:[、 　]+\p{Han}{2,3}){0,5})[ 　]*[）)]\s*$`)
	// a page's bare date and time line above the lead (05-09 11:12)
	timeLineRe = regexp.MustCompile(`^[ \t　]*(?:(?:19|20)\d\d[-/.])?\d{1,2}[-/.]\d{1,2}[ \t　]+\d{1,2}[:：]\d{2}(?:[:：]\d{2})?[ \t　]*$`)
	// a credit naming its writers' body or outlet and no role word, on a
	// line of its own under the heading (汉寿老干网宣协会 田明时) or in closing
	// brackets (（中国日报大连记者站 张小敏）)
	bodyCreditRe     = regexp.MustCompile(`^[ \t　]*(\p{Han}{2,16}?(?:协会|学会|记者站|日报|晚报|新闻网|新闻中心|融媒体中心|融媒|电视台))[ \t　]+(\p{Han}{2,3}(?:[ \t　、]+\p{Han}{2,3})*)[ \t　]*$`)
	tailBodyCreditRe = regexp.MustCompile(`[（(]([^（）()\n]{4,40})[）)]\s*$`)
)

// bodyCredit reads a credit that names a body and its writers (see
// bodyCreditRe) starting at byte off of the text; it keeps the body as the
// article's paper and reports whether the line was one. Every name must
// start with a surname, so that a body and a phrase (协会 成立) are not read
// as a credit.
func (d *doc) bodyCredit(line string, off int) bool {
	m := bodyCreditRe.FindStringSubmatchIndex(line)
	if m == nil {
		return false
	}
	names := line[m[4]:m[5]]
	for _, n := range strings.FieldsFunc(names, func(r rune) bool { return r == ' ' || r == '\t' || r == '　' || r == '、' }) {
		if r := []rune(n); !d.lx.surnames[string(r[:1])] && !d.lx.surnames[string(r[:2])] {
			return false
		}
	}
	if d.paper == "" {
		start := utf8.RuneCountInString(d.a.Text[:off+m[2]])
		d.paper = line[m[2]:m[3]]
		d.paperSpan = span{start, start + utf8.RuneCountInString(d.paper)}
	}
	d.parseReporters(names, utf8.RuneCountInString(d.a.Text[:off+m[4]]))
	return true
}

// ownOutlet holds how a dateline names the article's own outlet (本报讯,
// 本网讯): no outlet's name.
var ownOutlet = map[string]bool{"本报": true, "本网": true, "本台": true, "本站": true, "本刊": true}

// allNames reports whether every item of a list (X、Y or X Y) is a
// person's name as a credit writes it: two or three characters that start
// with a surname and are no common word, title or place.
func (d *doc) allNames(list string) bool {
	items := strings.FieldsFunc(list, func(r rune) bool { return r == ' ' || r == '　' || r == '、' })
	for _, n := range items {
		r := []rune(n)
		if len(r) < 2 || len(r) > 3 || !d.lx.surnames[string(r[:1])] && !d.lx.surnames[string(r[:2])] ||
			d.lx.commonWords[n] || d.lx.titleSet[n] || d.lx.places[n] {
			return false
		}
	}
	return len(items) > 0
}

// byline reads the reporters, the paper and the dateline from the start of
// the article: 本报讯（记者X）, 嵘州日报讯（记者X 通讯员Y）, 本报3月28日讯,
// □记者 张三 通讯员 李四; or a closing credit （记者 X）.
func (d *doc) byline() {
	s := d.a.Text
	pos := 0
	// a subtitle (——记…) and a date and source line (来源：X县融媒体中心
	// 发布时间：…) may stand between the headline and the byline; the
	// source line's outlet is the article's paper
	for {
		i := strings.IndexByte(s[pos:], '\n')
		if i < 0 {
			break
		}
		line := s[pos : pos+i]
		m, info := infoFields(line)
		credit := !info && len(d.reporters) == 0 && d.bodyCredit(line, pos)
		if !info && !credit {
			m, info = dateSourceLine(line)
		}
		if !info && !credit && timeLineRe.MatchString(line) {
			info = true
		}
		if !info && !credit && !strings.HasPrefix(line, "—") && !strings.HasPrefix(line, "－－") {
			break
		}
		if k := strings.Index(line, m.Outlet); info && m.Outlet != "" && k >= 0 && d.paper == "" {
			start := utf8.RuneCountInString(s[:pos+k])
			d.paper = m.Outlet
			d.paperSpan = span{start, start + utf8.RuneCountInString(m.Outlet)}
		}
		pos += i + 1
		d.bylineEnd = utf8.RuneCountInString(s[:pos])
	}
	if m := boxRe.FindStringSubmatchIndex(s[pos:]); m != nil {
		d.parseReporters(s[pos+m[2]:pos+m[3]], utf8.RuneCountInString(s[:pos+m[2]]))
		pos += m[3]
		d.bylineEnd = utf8.RuneCountInString(s[:pos])
	}
	if m := datelineRe.FindStringSubmatchIndex(s[pos:]); m != nil {
		g := func(k int) string {
			if m[2*k] < 0 {
				return ""
			}
			return s[pos+m[2*k] : pos+m[2*k+1]]
		}
		pk := 1
		if g(4) != "" {
			pk = 4 // an agency's dateline (新华社琮州9月19日电) names it
		}
		if paper := g(pk); paper != "" && !ownOutlet[paper] {
			start := utf8.RuneCountInString(s[:pos+m[2*pk]])
			d.paper = paper
			d.paperSpan = span{start, start + utf8.RuneCountInString(paper)}
		}
		for _, k := range []int{2, 5} {
			if mo := g(k); mo != "" {
				d.month, _ = strconv.Atoi(mo)
				d.day, _ = strconv.Atoi(g(k + 1))
			}
		}
		pos += m[1]
		d.bylineEnd = utf8.RuneCountInString(s[:pos])
	}
	if m := creditRe.FindStringSubmatchIndex(s[pos:]); m != nil && (pos > 0 || len(d.reporters) == 0) {
		inner := s[pos+m[2] : pos+m[3]]
		if strings.Contains(inner, "记者") || strings.Contains(inner, "通讯员") {
			d.parseReporters(inner, utf8.RuneCountInString(s[:pos+m[2]]))
			pos += m[1]
			d.bylineEnd = utf8.RuneCountInString(s[:pos])
		}
	}
	if len(d.reporters) == 0 {
		if m := tailCreditRe.FindStringSubmatchIndex(s); m != nil {
			d.parseReporters(s[m[2]:m[3]], utf8.RuneCountInString(s[:m[2]]))
		} else if m := tailNamesRe.FindStringSubmatchIndex(s); m != nil && d.allNames(s[m[2]:m[3]]) {
			d.parseReporters(s[m[2]:m[3]], utf8.RuneCountInString(s[:m[2]]))
		} else if m := tailBodyCreditRe.FindStringSubmatchIndex(s); m != nil {
			d.bodyCredit(s[m[2]:m[3]], m[2])
		}
	}
	if len(d.reporters) == 0 {
		// the last credit line among the article's last three lines
		lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
		from := len(s)
		for k, n := len(lines)-1, 0; k >= 0 && n < 3; k-- {
			if strings.TrimSpace(lines[k]) == "" {
				continue
			}
			n++
			from = strings.LastIndex(s[:from], lines[k])
		}
		if from >= 0 && from < len(s) {
			if ms := tailLineRe.FindAllStringSubmatchIndex(s[from:], -1); ms != nil {
				m := ms[len(ms)-1]
				d.parseReporters(s[from+m[2]:from+m[3]], utf8.RuneCountInString(s[:from+m[2]]))
			}
		}
	}
}

// parseReporters reads "记者付凯明", "记者 苏映雪 通讯员 陶然", "记者韩嘉禾 葛亦航".
func (d *doc) parseReporters(inner string, off int) {
	r := []rune(inner)
	i := 0
	for i < len(r) {
		switch {
		case hasPrefixAt(r, i, "记者"):
			i += 2
			continue
		case hasPrefixAt(r, i, "记 者"), hasPrefixAt(r, i, "记　者"):
			i += 3
			continue
		case hasPrefixAt(r, i, "通讯员"):
			i += 3
			continue
		case hasPrefixAt(r, i, "实习生"):
			i += 3
			continue
		case hasPrefixAt(r, i, "文/图"), hasPrefixAt(r, i, "摄影"):
			i += 3
			continue
		case hasPrefixAt(r, i, "本报"), hasPrefixAt(r, i, "特约"), hasPrefixAt(r, i, "见习"):
			i += 2
			continue
		case !isHan(r[i]):
			i++
			continue
		}
		j := i
		for j < len(r) && isHan(r[j]) && !hasPrefixAt(r, j, "通讯员") && !hasPrefixAt(r, j, "记者") && !hasPrefixAt(r, j, "实习生") {
			j++
		}
		for _, p := range d.splitNames(r[i:j]) {
			d.reporters = append(d.reporters, reporter{string(r[i+p.start : i+p.end]), span{off + i + p.start, off + i + p.end}})
		}
		i = j
	}
}

// splitNames cuts a run of names written together (韩嘉禾葛亦航) into
// names of a surname and one or two characters; a run of two to four
// characters that does not split so is one name.
func (d *doc) splitNames(r []rune) []span {
	var parts []span
	var cut func(i int) bool
	cut = func(i int) bool {
		if i == len(r) {
			return true
		}
		sn := 0
		switch {
		case i+2 <= len(r) && d.lx.surnames[string(r[i:i+2])]:
			sn = 2
		case d.lx.surnames[string(r[i])]:
			sn = 1
		default:
			return false
		}
		for _, n := range []int{sn + 2, sn + 1} {
			if i+n <= len(r) {
				parts = append(parts, span{i, i + n})
				if cut(i + n) {
					return true
				}
				parts = parts[:len(parts)-1]
			}
		}
		return false
	}
	if len(r) > 4 && cut(0) {
		return parts
	}
	if len(r) >= 2 && len(r) <= 4 {
		return []span{{0, len(r)}}
	}
	return nil
}

func (d *doc) findDates() {
	month := d.month
	if month == 0 && d.a.Published != "" {
		month = int(d.a.Published[5]-'0')*10 + int(d.a.Published[6]-'0')
	}
	d.dates = findDates(d.a.Text, d.a.Year, month)
}

// learnMatches returns the spans of r that the regular expression
// \p{Han}{2}(?:市|区|县|省|乡|镇|街道|村|社区) finds, leftmost first and
// without overlaps: two Han characters and a level word.
func learnMatches(r []rune) []span {
	var out []span
	for s := 0; s+3 <= len(r); s++ {
		if !isHan(r[s]) || !isHan(r[s+1]) {
			continue
		}
		n := 0
		switch r[s+2] {
		case '市', '区', '县', '省', '乡', '镇', '村':
			n = 1
		case '街', '社':
			if s+3 < len(r) && (r[s+2] == '街' && r[s+3] == '道' || r[s+2] == '社' && r[s+3] == '区') {
				n = 2
			}
		}
		if n > 0 {
			out = append(out, span{s, s + 2 + n})
			s += 1 + n
		}
	}
	return out
}

// learnPlaces records the area names the article uses (枫屿区, 槐岭县):
// two characters and a level word, written as a unit of their own (the
// stem no dictionary word, the level word starting none: not 谋划城市,
// 增强市民, 重点区域), or known to the gazetteer.
func (d *doc) learnPlaces() {
	for k, txt := range []string{d.a.Text, d.a.Title} {
		own := txt == d.a.Text
		r, sub := d.r, d.sub
		if k > 0 {
			r = []rune(txt)
			sub = func(i, j int) string { return string(r[i:j]) }
		}
		for _, sp := range learnMatches(r) {
			i := sp.start
			m, stem := sub(sp.start, sp.end), sub(i, i+2)
			if d.lx.places[m] {
				d.learned[stem], d.learned[m] = true, true
				continue
			}
			if d.commonStem(stem) || !own || hasAnySuffix(m, []string{"小区", "社区", "园区", "景区", "校区", "院区", "街区", "片区", "厂区", "营区"}) {
				continue // not 旧|小区 of 老旧小区
			}
			lvl := i + 2
			if !d.cuts[i] || d.words[i] == i+2 || d.words[i+1] > lvl || d.words[lvl] > 0 {
				continue
			}
			d.learned[stem], d.learned[m] = true, true
		}
	}
}

// commonStem reports whether a two-character stem before 区/市/县 is an
// ordinary word (全区, 城区, 园区, 高新区 stay areas but not names).
func (d *doc) commonStem(s string) bool {
	switch s {
	case "全市", "全区", "全县", "本市", "城市", "市区", "城区", "园区", "片区", "社区", "该市", "该区", "该县", "我市", "我区", "我县", "辖区", "新区", "开发", "示范", "景区", "山区", "林区", "院区", "校区", "小区", "街区", "商圈", "主城", "县城", "农村", "城乡", "各乡", "乡镇":
		return true
	}
	for _, c := range s {
		if strings.ContainsRune("在和与的了是为对向到全各本该我其这那从于以及等个次年月日", c) {
			return true
		}
	}
	return false
}

// startsSpecific reports whether a name starts with a level word, a place
// or a known body, which makes it a proper name rather than a generic one.
func (d *doc) startsSpecific(s string) bool {
	rs := []rune(s)
	if len(rs) == 0 {
		return false
	}
	if strings.ContainsRune("省市区县乡镇州", rs[0]) {
		return true
	}
	for n := min(len(rs), 9); n >= 2; n-- {
		p := string(rs[:n])
		if d.lx.places[p] || d.learned[p] || d.lx.knownOrgs[p] {
			return true
		}
	}
	for _, p := range []string{"中共", "中国", "国家", "全国", "中央", "共青团"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// genericStart lists the words that make a name generic (相关企业, 社区日间照料中心).
var genericStart = []string{"社区", "农村", "乡镇", "基层", "各级", "各类", "各", "有关", "相关", "全区", "全市", "全县", "全省", "本", "该", "这", "其", "部分", "重点", "职能", "主管", "行业", "地方", "区域", "市场", "市民", "区位", "老年", "日间", "一", "两", "多", "上级", "下级", "党政", "政府", "企业", "公司", "单位", "机构", "在建", "新建", "民生", "重大", "城建", "招商", "产业", "签约", "集中", "好", "高质量", "大型", "中小", "小微", "优质", "专业", "金融", "普通", "现代", "年度", "当地", "属地", "驻", "外地", "全体", "所有", "每个", "示范", "试点", "国有", "民营", "地方法人", "省级", "市级", "区级", "县级", "国家级", "教育", "医疗", "养老", "托育", "施工", "建设", "监管", "政务", "研发", "指挥", "展示", "调度", "监控", "培训", "新闻", "信息", "物流", "生产", "办公", "会议", "活动"}

// listGeneric is the part of genericStart that also rules out list items.
var listGeneric = []string{"有关", "相关", "各", "全区", "全市", "全县", "全省", "本", "该", "这", "其", "部分", "一", "两", "多", "上级", "所有", "全体", "其他", "其余"}

func isGeneric(s string) bool {
	for _, g := range genericStart {
		if strings.HasPrefix(s, g) {
			return true
		}
	}
	return false
}

// scanLeft returns where a name ending at end starts: it walks left over
// name characters until punctuation, a boundary word, a person's name or a
// date.
func (d *doc) scanLeft(end int, quotes bool) int {
	k := end
	for k > 0 {
		c := d.r[k-1]
		if !isNameChar(c) && !(quotes && (c == '“' || c == '”')) {
			break
		}
		if d.lx.boundaryEndingAt(d.r, k, d.cuts) > 0 {
			break
		}
		if d.personEndsAt(k) {
			break
		}
		if c == '日' || c == '月' {
			// 5月7日区…: a date is no part of a name.
			if k >= 2 && d.r[k-2] >= '0' && d.r[k-2] <= '9' {
				break
			}
		}
		if (c == '和' || c == '及') && d.startsSpecific(d.sub(k, end)) {
			break
		}
		if c == '兼' && d.lx.titleEndingAt(d.r, k-1) != "" {
			break // 常务副市长兼市发改委主任
		}
		if c == '和' || c == '及' || c == '与' {
			// A list: 城市更新服务中心和区城投集团.
			if k >= 2 && (d.lx.suffixEndingAt(d.r, k-1) != "" || d.lx.titleEndingAt(d.r, k-1) != "" || anySuffixAt(d.r, k-1, projectHeads...) || anySuffixAt(d.r, k-1, infraHeads...)) {
				break
			}
			if c == '与' {
				break
			}
		}
		k--
	}
	return k
}

// nameVerbs are verbs that may begin a name (发展和改革委员会).
var nameVerbs = map[string]bool{"发展": true, "建设": true, "改革": true, "创新": true, "服务": true, "管理": true, "保障": true, "招商": true, "投资": true, "开发": true, "合作": true, "研究": true, "规划": true, "监督": true, "检察": true, "应急": true, "救援": true, "治理": true, "保护": true, "促进": true, "振兴": true, "示范": true, "交流": true}

// tokenAt returns the end of the word the HMM segmentation (which groups
// names: 钱辉|座谈, 刘宁|莅焦) starts at i, cutting i's sentence on demand.
func (d *doc) tokenAt(i int) (int, bool) {
	s := d.sentenceOf(i)
	if !d.tokenized[s.start] {
		d.tokenized[s.start] = true
		k := s.start
		for _, w := range d.lx.seg.Cut(d.text(s), true) {
			n := utf8.RuneCountInString(w)
			d.tokens[k] = k + n
			k += n
		}
	}
	e, ok := d.tokens[i]
	return e, ok
}

// skipLeadingFunctionWords moves start past the dictionary words that
// cannot begin a name: adverbs, verbs, prepositions, conjunctions and
// pronouns by gse's dictionary (牢牢|扭住项目, 要|加快…).
func (d *doc) skipLeadingFunctionWords(start, end int) int {
	for start < end {
		e, ok := d.words[start]
		if !ok || e >= end {
			return start
		}
		w := d.sub(start, e)
		_, pos, found := d.lx.seg.Find(w)
		if !found || nameVerbs[w] || !functionPOS(pos) {
			return start
		}
		start = e
	}
	return start
}

func functionPOS(pos string) bool {
	switch pos {
	case "d", "v", "vd", "p", "c", "r", "ad", "u", "uj", "ul", "uz", "uv", "ud", "ug", "f", "t", "m", "q":
		return true
	}
	return false
}

// addPersonSpan records a mention of a person (p nil for a reporter), and
// the positions it ends at and covers, so that personEndsAt and
// inPersonSpan need not scan every mention.
func (d *doc) addPersonSpan(ps personSpan) {
	d.personSpans = append(d.personSpans, ps)
	if d.personIn == nil {
		d.personIn = make([]bool, len(d.r)+1)
		d.personEnd = make([]bool, len(d.r)+1)
	}
	if ps.end >= 0 && ps.end < len(d.personEnd) {
		d.personEnd[ps.end] = true
	}
	for i := max(ps.start, 0); i < ps.end && i < len(d.personIn); i++ {
		d.personIn[i] = true
	}
}

// personEndsAt reports whether a mention of a person ends at k.
func (d *doc) personEndsAt(k int) bool {
	return k >= 0 && k < len(d.personEnd) && d.personEnd[k]
}

// inPersonSpan reports whether a mention of a person covers position k.
func (d *doc) inPersonSpan(k int) bool {
	return k >= 0 && k < len(d.personIn) && d.personIn[k]
}

// addOrg records a span naming an organisation, merging forms with the
// same search key.
func (d *doc) addOrg(name string, sp span) *org {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil
	}
	key := graph.SearchKey(name)
	if o := d.orgByKey[key]; o != nil {
		if utf8.RuneCountInString(name) > utf8.RuneCountInString(o.name) {
			o.name = name // the same key: orgByKey stays right
			d.orgsReset++
		}
		if sp.end > sp.start {
			o.spans = append(o.spans, sp)
		}
		return o
	}
	o := &org{name: name}
	if sp.end > sp.start {
		o.spans = append(o.spans, sp)
	}
	d.orgs = append(d.orgs, o)
	if d.orgByKey == nil {
		d.orgByKey = map[string]*org{}
	}
	d.orgByKey[key] = o
	return o
}

// orgNamed returns the organisation whose name has the search key of
// name, or nil.
func (d *doc) orgNamed(name string) *org {
	return d.orgByKey[graph.SearchKey(name)]
}

// orgAt returns the organisation one of whose spans covers position i.
func (d *doc) orgAt(i int) (*org, span) {
	for _, o := range d.orgs {
		for _, s := range o.spans {
			if i >= s.start && i < s.end {
				return o, s
			}
		}
	}
	return nil, span{}
}

// searchKey is graph.SearchKey without quote marks.
func searchKey(s string) string { return graph.SearchKey(stripQuotes(s)) }
