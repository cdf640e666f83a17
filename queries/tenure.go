package queries

import (
	"context"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kgproject/kg/graph"
)

// Holder is a person holding a post: the HOLDS relation that says so, and
// when the holding is valid.
//
// The validity runs from From to To, both inclusive. From is the earliest
// date an article states the holding started (任命, 当选, 就任) when that is
// no later than the first evidence, else the first evidence: a statement
// after the first evidence is a re-election, not a start. To is the
// earliest stated end (免去, 不再担任, 原任, 卸任, 辞去) on or after From;
// failing one, on a post with a single holder (see singleHolderTitles), the
// day before the start of the next different holder seen after this one's
// last evidence, when no third holder was seen in between; failing that,
// the last evidence. Evidence is dated by its article (see
// datedArticles); a statement naming a year and month (2023年3月) is dated
// by them instead.
type Holder struct {
	Person   *graph.Node
	Post     *graph.Node
	Relation *graph.Relation
	// FirstSeen and LastSeen are the earliest and latest dates of the
	// evidence; empty when no evidence is dated.
	FirstSeen, LastSeen string
	// From and To bound the validity. From.Date is empty when nothing dates
	// the holding, To.Date when nothing ends it (it is open).
	From, To Bound
	// Statements are the explicit starts and ends found in the evidence's
	// articles, by date.
	Statements []Statement
}

// ValidAt reports whether the holding is valid at date (YYYY-MM-DD): it
// started on or before date and has not ended before it.
func (h *Holder) ValidAt(date string) bool {
	return h.From.Date != "" && h.From.Date <= date && (h.To.Date == "" || date <= h.To.Date)
}

// BoundKind says how a bound of a holding's validity was found.
type BoundKind string

// The ways a bound is found.
const (
	BoundFirstEvidence BoundKind = "FIRST_EVIDENCE" // the earliest evidence
	BoundLastEvidence  BoundKind = "LAST_EVIDENCE"  // the latest evidence
	BoundStatement     BoundKind = "STATEMENT"      // an article states it (任命, 免去 …)
	BoundSuccessor     BoundKind = "SUCCESSOR"      // the next holder of a single-holder post started
)

// Bound is one end of a holding's validity and how it was found.
type Bound struct {
	// Date is YYYY-MM-DD, empty when unknown.
	Date string
	Kind BoundKind
	// Family is the statement's wording (任命, 免去 …) for BoundStatement.
	Family string
	// Evidence is the sentence that gives the date: the statement, or the
	// first or last evidence; nil for BoundSuccessor.
	Evidence *graph.Evidence
	// Successor is the holder whose start ends the holding, for
	// BoundSuccessor.
	Successor *graph.Node
}

// Statement is an explicit start or end of a holding, found by FindCues in
// an article that gives evidence of the holding.
type Statement struct {
	Cue
	// Date is the year and month the sentence names (the first day of the
	// month for a start, the last for an end, or the day it names), else
	// the article's date; empty when neither is known.
	Date     string
	Evidence graph.Evidence
}

// singleHolderTitles are the titles of posts that have one holder at a
// time, so that a new holder ends the previous one's holding. A deputy (副)
// title is never one of them: 国务院副总理 has four.
var singleHolderTitles = map[string]bool{}

func init() {
	for _, t := range strings.Fields(`
		总书记 书记 主席 国家主席 委员长 总理 首相 总统 议长 国王 总督 国务卿
		省长 市长 县长 区长 州长 镇长 乡长 旗长
		部长 外长 外交部长 厅长 局长 司长 署长 检察长 院长 所长 校长 馆长
		行长 董事长 总经理 总裁 首席执行官 会长 理事长 秘书长 总干事 大使`) {
		singleHolderTitles[t] = true
	}
}

// PostHolders returns, for each post in ids, its holders ordered by the
// start of their validity (undated last), then by ID; with asOf
// (YYYY-MM-DD), only those valid at that date. It makes at most six store
// calls whatever the number of posts.
func (s *Service) PostHolders(ctx context.Context, ids []string, asOf string) (map[string][]Holder, error) {
	if err := checkDates(asOf); err != nil {
		return nil, err
	}
	posts, err := s.nodeMap(ctx, ids)
	if err != nil {
		return nil, err
	}
	return s.holders(ctx, posts, asOf)
}

// PersonPosts returns, for each person in ids, the person's holdings
// ordered by the start of their validity (undated last), then by post ID;
// with asOf, only those valid at that date. A holding's validity depends on
// the post's other holders, so they are read too. It makes at most seven
// store calls whatever the number of people.
func (s *Service) PersonPosts(ctx context.Context, ids []string, asOf string) (map[string][]Holder, error) {
	held, byPost, err := s.holdersVia(ctx, ids, graph.Outgoing, graph.RelHolds, asOf)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]Holder, len(ids))
	for _, id := range ids {
		var list []Holder
		for _, l := range held[id] {
			for _, h := range byPost[l.Node.ID] {
				if h.Person.ID == id {
					list = append(list, h)
				}
			}
		}
		sort.SliceStable(list, func(i, j int) bool { return holderLess(list[i].From.Date, list[j].From.Date, "", "") })
		out[id] = list
	}
	return out, nil
}

// OrganisationPeople returns, for each organisation in ids, the holders of
// its posts, ordered by post ID, then as PostHolders orders them; with asOf
// (YYYY-MM-DD), only those valid at that date (every one of them: a post
// can have several holders at once). It makes at most seven store calls
// whatever the number of organisations.
func (s *Service) OrganisationPeople(ctx context.Context, ids []string, asOf string) (map[string][]Holder, error) {
	of, byPost, err := s.holdersVia(ctx, ids, graph.Incoming, graph.RelOf, asOf)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]Holder, len(ids))
	for _, org := range ids {
		var list []Holder
		for _, p := range of[org] {
			list = append(list, byPost[p.Node.ID]...)
		}
		out[org] = list
	}
	return out, nil
}

// holdersVia reads the posts that ids reach by relations of type t in
// direction dir (a person's HOLDS, an organisation's OF), and the holders
// of those posts.
func (s *Service) holdersVia(ctx context.Context, ids []string, dir graph.Direction, t graph.RelType, asOf string) (map[string][]Link, map[string][]Holder, error) {
	if err := checkDates(asOf); err != nil {
		return nil, nil, err
	}
	links, err := s.Links(ctx, ids, dir, t)
	if err != nil {
		return nil, nil, err
	}
	posts := map[string]*graph.Node{}
	for _, ls := range links {
		for _, l := range ls {
			posts[l.Node.ID] = l.Node
		}
	}
	byPost, err := s.holders(ctx, posts, asOf)
	if err != nil {
		return nil, nil, err
	}
	return links, byPost, nil
}

// holders reads the holders of posts with one read of their HOLDS
// relations and one of the evidence's articles, and bounds each holding's
// validity.
func (s *Service) holders(ctx context.Context, posts map[string]*graph.Node, asOf string) (map[string][]Holder, error) {
	ids := make([]string, 0, len(posts))
	for id := range posts {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	held, err := s.Links(ctx, ids, graph.Incoming, graph.RelHolds)
	if err != nil {
		return nil, err
	}
	var articles []string
	for _, ls := range held {
		for _, l := range ls {
			articles = append(articles, l.Relation.Articles()...)
		}
	}
	arts, dates, err := s.datedArticles(ctx, articles)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]Holder, len(ids))
	for _, id := range ids {
		post := posts[id]
		hs := make([]*tenure, 0, len(held[id]))
		for _, l := range held[id] {
			hs = append(hs, newTenure(Holder{Person: l.Node, Post: post, Relation: l.Relation}, arts, dates))
		}
		if singleHolder(post) {
			endBySuccessors(hs)
		}
		var list []Holder
		for _, t := range hs {
			if asOf == "" || t.ValidAt(asOf) {
				list = append(list, t.Holder)
			}
		}
		sort.SliceStable(list, func(i, j int) bool {
			return holderLess(list[i].From.Date, list[j].From.Date, list[i].Person.ID, list[j].Person.ID)
		})
		out[id] = list
	}
	return out, nil
}

// holderLess orders by date, undated last, then by ID.
func holderLess(d1, d2, id1, id2 string) bool {
	if d1 != d2 {
		if d1 == "" || d2 == "" {
			return d2 == ""
		}
		return d1 < d2
	}
	return id1 < id2
}

// tenure is a Holder being bounded, with the dates of its evidence.
type tenure struct {
	Holder
	seen []string // the dates of the evidence, sorted
}

// newTenure dates a holding's evidence, finds the statements in its
// articles and bounds it by them and by its evidence.
func newTenure(h Holder, arts map[string]*graph.Node, dates map[string]string) *tenure {
	t := &tenure{Holder: h}
	var first, last *graph.Evidence
	for i := range h.Relation.Evidence {
		e := &h.Relation.Evidence[i]
		d := dates[e.ArticleID]
		if d == "" {
			continue
		}
		t.seen = append(t.seen, d)
		if first == nil || d < dates[first.ArticleID] {
			first = e
		}
		if last == nil || d > dates[last.ArticleID] {
			last = e
		}
	}
	sort.Strings(t.seen)
	t.Statements = statements(h, arts, dates)
	if first != nil {
		t.FirstSeen, t.LastSeen = dates[first.ArticleID], dates[last.ArticleID]
		t.From = Bound{Date: t.FirstSeen, Kind: BoundFirstEvidence, Evidence: first}
		t.To = Bound{Date: t.LastSeen, Kind: BoundLastEvidence, Evidence: last}
	}
	for i, st := range t.Statements {
		if !st.End && st.Date != "" && (t.From.Date == "" || st.Date <= t.From.Date) {
			t.From = Bound{Date: st.Date, Kind: BoundStatement, Family: st.Family, Evidence: &t.Statements[i].Evidence}
			break
		}
	}
	for i, st := range t.Statements {
		if st.End && st.Date != "" && st.Date >= t.From.Date {
			t.To = Bound{Date: st.Date, Kind: BoundStatement, Family: st.Family, Evidence: &t.Statements[i].Evidence}
			break
		}
	}
	return t
}

// lastKnown is the latest date the holding is known at.
func (t *tenure) lastKnown() string {
	if n := len(t.seen); n > 0 && t.seen[n-1] > t.From.Date {
		return t.seen[n-1]
	}
	return t.From.Date
}

// endBySuccessors ends each holding of a single-holder post that no
// statement ends at the start of the next different holder: the one that
// starts first after it among those known later than its last evidence
// (a holder seen only within another's tenure, such as a misread name,
// ends nothing). Across a gap in the evidence, only when no third holder
// was seen in the gap.
func endBySuccessors(ts []*tenure) {
	for _, h := range ts {
		if h.To.Kind == BoundStatement || h.From.Date == "" {
			continue
		}
		last := h.lastKnown()
		var next *tenure
		for _, k := range ts {
			if k == h || k.From.Date <= h.From.Date || k.lastKnown() <= last {
				continue
			}
			if next == nil || holderLess(k.From.Date, next.From.Date, k.Person.ID, next.Person.ID) {
				next = k
			}
		}
		if next == nil || seenBetween(ts, h, next, last, next.From.Date) {
			continue
		}
		h.To = Bound{Date: dayBefore(next.From.Date), Kind: BoundSuccessor, Successor: next.Person}
	}
}

// seenBetween reports whether a holder other than a and b has evidence
// dated strictly between from and to.
func seenBetween(ts []*tenure, a, b *tenure, from, to string) bool {
	for _, x := range ts {
		if x == a || x == b {
			continue
		}
		i := sort.SearchStrings(x.seen, from)
		for ; i < len(x.seen) && x.seen[i] < to; i++ {
			if x.seen[i] > from {
				return true
			}
		}
	}
	return false
}

func singleHolder(post *graph.Node) bool {
	if post == nil {
		return false
	}
	return singleHolderTitles[post.Title]
}

func dayBefore(date string) string {
	d, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return date
	}
	return d.AddDate(0, 0, -1).Format(time.DateOnly)
}

// statements finds the explicit starts and ends of a holding in the
// sentences of its evidence's articles that name the person (in the
// evidence sentences themselves when an article keeps no text), ordered by
// date (undated last).
func statements(h Holder, arts map[string]*graph.Node, dates map[string]string) []Statement {
	if h.Post == nil {
		return nil
	}
	var out []Statement
	for _, id := range h.Relation.Articles() {
		var sentences []graph.Evidence
		if a := arts[id]; a != nil && a.Text != "" {
			sentences = sentencesNaming(id, a.Text, h.Person.Name)
		} else {
			for _, e := range h.Relation.Evidence {
				if e.ArticleID == id {
					sentences = append(sentences, e)
				}
			}
		}
		for _, e := range sentences {
			for _, c := range FindCues(e.Sentence, h.Person.Name, h.Post.Name) {
				d := statedDate(e.Sentence, c.End)
				if d == "" {
					d = dates[id]
				}
				out = append(out, Statement{Cue: c, Date: d, Evidence: e})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return holderLess(out[i].Date, out[j].Date, "", "") })
	return out
}

// sentencesNaming splits text into sentences (ending at 。！？ or a newline)
// and returns those that contain name, with their offsets in code points.
func sentencesNaming(articleID, text, name string) []graph.Evidence {
	if name == "" || !strings.Contains(text, name) {
		return nil
	}
	var out []graph.Evidence
	start, startRune, r := 0, 0, 0
	for i, c := range text {
		end := i + utf8.RuneLen(c)
		r++
		if c != '。' && c != '！' && c != '？' && c != '\n' && end < len(text) {
			continue
		}
		s, sr := text[start:end], startRune
		if c == '\n' {
			s = text[start:i]
		}
		if strings.Contains(s, name) {
			out = append(out, graph.Evidence{ArticleID: articleID, Sentence: s, Start: sr, End: sr + utf8.RuneCountInString(s)})
		}
		start, startRune = end, r
	}
	return out
}

// yearMonth is a date a sentence names, in Arabic or Chinese numerals
// (2023年3月, 二〇〇九年三月十一日).
var yearMonth = regexp.MustCompile(`([0-9〇零一二三四五六七八九]{4})年([0-9一二三四五六七八九十]{1,3})月(?:([0-9一二三四五六七八九十]{1,3})日)?`)

// statedDate is the date a statement's sentence names: the day it names,
// else the first day of the month for a start and the last for an end;
// empty when it names no year and month.
func statedDate(sentence string, end bool) string {
	m := yearMonth.FindStringSubmatch(sentence)
	if m == nil {
		return ""
	}
	y, mo, d := number(m[1]), number(m[2]), number(m[3])
	if y < 1900 || mo < 1 || mo > 12 {
		return ""
	}
	t := time.Date(y, time.Month(mo), 1, 0, 0, 0, 0, time.UTC)
	switch {
	case d >= 1 && d <= 31:
		t = t.AddDate(0, 0, d-1)
	case end:
		t = t.AddDate(0, 1, -1)
	}
	return t.Format(time.DateOnly)
}

// number reads digits written in Arabic or Chinese numerals, a year digit
// by digit (二〇二三) and a month or day with 十 (十二, 二十一); 0 when s is
// empty.
func number(s string) int {
	const digits = "〇一二三四五六七八九"
	n, tens := 0, false
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			n = n*10 + int(c-'0')
		case c == '零':
			n *= 10
		case c == '十':
			if n == 0 {
				n = 1
			}
			n, tens = n*10, true
		default:
			v := strings.IndexRune(digits, c) / len("〇")
			if tens {
				n += v
			} else {
				n = n*10 + v
			}
		}
	}
	return n
}

// datedArticles reads articles in one store call and dates them: by their
// publication date, else by the latest date of the events they report (a
// report follows its event), else not at all. It makes at most three store
// calls.
func (s *Service) datedArticles(ctx context.Context, ids []string) (map[string]*graph.Node, map[string]string, error) {
	arts, err := s.nodeMap(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	dates := make(map[string]string, len(arts))
	var undated []string
	for id, a := range arts {
		if a.Published != "" {
			dates[id] = a.Published
		} else {
			undated = append(undated, id)
		}
	}
	reports, err := s.Links(ctx, undated, graph.Outgoing, graph.RelReports)
	if err != nil {
		return nil, nil, err
	}
	for id, ls := range reports {
		for _, l := range ls {
			if l.Node.Date > dates[id] {
				dates[id] = l.Node.Date
			}
		}
	}
	return arts, dates, nil
}
