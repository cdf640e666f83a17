package ingest

import (
	"cmp"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/ingest/ner"
)

var (
	// 主持召开2026年第2次党政联席会议
	chairNameRe = regexp.MustCompile(`主持召开了?([^，。；、,;\n]{2,40}?)(?:并|[，。；,;\n]|$)`)
	// 槐岭县召开2026年农业农村工作会议, 举行校地合作协议签约仪式
	holdNameRe = regexp.MustCompile(`(?:召开|举办|举行)([^，。；、,;\n]{0,40}?(?:会议|会|班|仪式|活动|论坛|典礼|大会|培训|研讨会|推进会|动员会|观摩会))(?:上)?(?:[，。；,;\n]|并|$)`)
	// 区人大常委会第二十一次会议召开, …集中开工活动在…现场举行
	namedHoldRe = regexp.MustCompile(`([^，。；,;\n]{2,40}?(?:会议|会|班|仪式|活动|论坛|典礼|大会))(?:在[^，。；,;\n]{1,30}?)?(?:胜利|隆重)?(?:召开|举行|开幕|闭幕|开班|结业|举办)`)
	// 县十八届人大一次会议依法选举产生了…: a session opening the lead as
	// the subject of what it decides names the lead's event, not a
	// ceremony held within it (举行了…宪法宣誓仪式)
	sessionSubjectRe = regexp.MustCompile(`^(?:[^，。；,;\n]{0,12}?日(?:上午|下午|晚上)?[，,])?([^，。；,;\n]{2,30}?(?:会议|大会))(?:依法|还|先后)?(?:选举|表决|审议|听取|通过)`)
	// 随后，邝丽君主持召开座谈会; 当晚，彭立衡会见闵思远一行
	followRe = regexp.MustCompile(`^(随后|当晚|会后|会前|之后|当天下午|当天上午|次日|(?:调研|考察|视察|检查|督导)(?:期间|中))`)
)

// relativeDayRe matches a day named relative to the dateline (昨天上午).
var relativeDayRe = regexp.MustCompile(`(今天|今日|昨天|昨日|前天)(上午|下午|晚上|中午|晚)?`)

// relativeDay resolves 今天/昨天/前天 against the dateline or the
// published date, "" when neither gives a day.
func (d *doc) relativeDay(w string) string {
	ref := ""
	if d.month > 0 && d.day > 0 {
		ref = isoDay(d.a.Year, d.month, d.day)
	} else if d.a.Published != "" {
		ref = d.a.Published
	}
	t, err := time.Parse(time.DateOnly, ref)
	if err != nil {
		return ""
	}
	switch w {
	case "昨天", "昨日":
		t = t.AddDate(0, 0, -1)
	case "前天":
		t = t.AddDate(0, 0, -2)
	}
	return t.Format(time.DateOnly)
}

// newsFromRe marks a lead that passes on news rather than reports an
// activity (记者从…获悉).
var newsFromRe = regexp.MustCompile(`^[，,\s]*(?:记者)?(?:从[^，。；]{2,30}?)?(?:获悉|了解到|得知)`)

// futureRe marks a date announced for the future (将于, 定于 …).
var futureRe = regexp.MustCompile(`(将于|拟于|定于|计划于|预计于|预计|将在)(?:明天|明日|后天|本月)?[（(]?$`)

// newsInClauseRe marks news passed on anywhere in a clause
// (记者今天（7月9日）从…了解到).
var newsInClauseRe = regexp.MustCompile(`从[^，。；]{2,30}?(?:获悉|了解到|得知)`)

// claimRe marks a party's claim right after its date (X19日称…, X5日通报称…).
var claimRe = regexp.MustCompile(`^[）)]?(?:(?:通报|发表声明|发布消息|在声明中)?(?:称|宣称|声称)|据报道)`)

// claimNextRe marks a date followed by a party's claim in a clause of its
// own (19日—20日，俄方称，…), no activity.
var claimNextRe = regexp.MustCompile(`^[）)]?[，,][^，。；]{1,12}?(?:称|宣称|声称|通报说)[，：,]`)

// futureVerbRe marks an activity announced for later in the clause
// before its verb (四方代表将在柏林举行…; 即将召开).
var futureVerbRe = regexp.MustCompile(`(?:即将|将|拟)[^，。；]{0,30}$`)

// futureAfterDate reports whether the activity of a date's clause, or of
// the clause after a bare date (10日，四方代表将在柏林举行会谈), is announced
// for later: a preview, no event (rule 6.2). An activity reported first
// (28日结束谈判，…将于明天举行; 今天启动，将举办…) keeps its event.
func futureAfterDate(s string) bool {
	clause := func() string {
		i := strings.IndexAny(s, "，。；,")
		if i < 0 {
			i = len(s)
		}
		c := s[:i]
		if i < len(s) {
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
		}
		s = s[i:]
		return c
	}
	c := clause()
	if strings.Trim(c, "）) ") == "" {
		c = clause()
	}
	a := activityRe.FindStringIndex(c)
	return a != nil && futureVerbRe.MatchString(c[:a[0]])
}

// statementRe matches the verb of a statement or claim made on a date
// (俄国防部22日表示，…; 发言人14日在社交媒体发文表示): with no activity
// verb between the date and it, the lead reports words, no activity (8.5).
var statementRe = regexp.MustCompile(`表示|说|称|指出|警告`)

// statementAfterDate reports whether the clause after a date, s, states
// or claims rather than reports an activity: a statement verb comes before
// any activity verb and not inside one (在…会见…时表示).
func statementAfterDate(s string) bool {
	m := statementRe.FindStringIndex(s)
	if m == nil || m[0] > 60 {
		return false
	}
	b := s[:m[0]]
	return !activityRe.MatchString(b) && !strings.Contains(b, "时") && !strings.Contains(b, "上")
}

// sourceClauseRe marks a date's clause that passes on a party's message
// (据俄国防部今天（8月10日）发布的消息).
var sourceClauseRe = regexp.MustCompile(`^(?:另|根)?据[^，。；]*(?:消息|报道|通报|公告)`)

// sourceRe marks a sentence that passes on what a party's website, media or
// statement says (据X网站消息，…; 据X报道，…): what it reports is a claim,
// no activity of the article (rule 8.5).
var sourceRe = regexp.MustCompile(`^(?:[（(][^（）()]{0,20}[）)])?[\s：:，,]*(?:另|此外，)?据[^，。；]{1,40}?(?:消息|报道|通报|发布)`)

// deathRe marks a death dated in the lead (因病于3月19日在北京逝世), an
// obituary's news, no activity (rule 6.1).
var deathRe = regexp.MustCompile(`^[^，。；]{0,30}?(?:逝世|去世|病逝|辞世)`)

// remembranceRe marks a death remembered or mourned (纪念X逝世), an activity.
var remembranceRe = regexp.MustCompile(`纪念|悼念|吊唁|缅怀|追思`)

// recipientRe matches the recipients of a message named by what they
// took part in (给参加…论坛的青年回信), no activity of the lead's.
var recipientRe = regexp.MustCompile(`(?:给|向)(?:参加|出席)[^，。；]{0,30}?的`)

// futureWordRe marks an undated lead about the future (将于明天开幕).
var futureWordRe = regexp.MustCompile(`将于|拟于|定于|计划于|即将|明天|明日`)

// activityRe matches the verbs of an activity taking place; an undated
// lead without one reports no event.
var activityRe = regexp.MustCompile(`召开|举行|举办|主持|会见|会谈|出席|参加|调研|考察|视察|督导|督查|检查|走访|看望|慰问|签约|签署|揭牌|开工|座谈|巡逻|救援|开展`)

// heldRe matches a meeting or talk held, the activities an undated lead
// without 日前/近日 may report.
var heldRe = regexp.MustCompile(`会见|会谈|主持召开|召开[^，。；]{0,20}会|举行[^，。；]{0,20}(?:仪式|会议|会谈|典礼|座谈会)`)

// tentativeRe marks an activity planned or only intended (拟在…开展).
var tentativeRe = regexp.MustCompile(`拟在|拟于|将在|将于|计划于|准备于`)

// messageRe matches the sending or issuing of a message, document or
// book (贺电, 回信, 印发, 播发, 发表社论, 签署…令, 由…出版社出版).
var messageRe = regexp.MustCompile(`出版发行|出版社出版|致贺电|致贺信|互致贺电|互致|致电|致信|回信|复信|贺电|贺信|唁电|慰问电|印发|播发|发表|公布|决定，|发布通知|发出通知|下发|签署[^，。；]{0,12}令`)

// messageLead reports whether the lead sentence sends or issues a message
// or document before it reports any activity (国务院印发《…》, X同Y互致贺电,
// 人民日报发表社论) — the activity verbs after it (宣读贺信) do not count.
func (d *doc) messageLead(st string) bool {
	st = recipientRe.ReplaceAllString(st, "给")
	m := messageRe.FindStringIndex(st)
	if m == nil {
		return false
	}
	a := activityRe.FindStringIndex(st)
	return a == nil || m[0] < a[0] || strings.HasPrefix(st[m[0]:], "签署") && a[0] == m[0]
}

// undatedRe marks a lead that gives no date (日前, 近日…).
var undatedRe = regexp.MustCompile(`日前|近日|近期|前不久|不久前|日来|连日来`)

// eventKind classifies an event by its name and the words that report it;
// notMeetings (dict/eventcues.txt) are what a name with 会 may call that is
// no meeting (冬奥会, 博览会, 招待会).
func eventKind(name, context string, notMeetings []string) graph.EventKind {
	s := name + " " + context
	has := func(ws ...string) bool {
		for _, w := range ws {
			if strings.Contains(name, w) {
				return true
			}
		}
		return false
	}
	switch {
	case has("宣誓"):
		return graph.KindOther // 新任命人员宪法宣誓: a ceremony, whoever was appointed
	case has("签约", "签署", "协议"):
		return graph.KindSigning
	case has("开工", "奠基"):
		return graph.KindGroundbreaking
	case has("培训", "开班", "研修", "轮训"):
		return graph.KindTraining
	case has("座谈", "会见", "会谈", "恳谈"):
		return graph.KindSymposium
	case has("调研", "督导", "督查", "检查", "考察", "视察", "察看", "观摩", "参访"):
		return graph.KindInspection
	case has("选举", "当选"):
		return graph.KindElection
	case has("任命", "任职", "任免"):
		return graph.KindAppointment
	case endsInAny(name, notMeetings) && !has("记者招待会"):
		return graph.KindOther // 冬奥会, 博览会, 招待会: games, fairs and receptions are no meetings
	case has("会议", "会", "论坛"):
		return graph.KindMeeting
	}
	switch {
	case strings.Contains(s, "签约"):
		return graph.KindSigning
	case strings.Contains(s, "调研"), strings.Contains(s, "督导"), strings.Contains(s, "检查"):
		return graph.KindInspection
	case strings.Contains(s, "座谈"):
		return graph.KindSymposium
	}
	if a := activityRe.FindString(context); a == "会见" || a == "会谈" {
		return graph.KindSymposium // rule 6.7: a 会见 whose name does not say so
	}
	return graph.KindOther
}

// endsInAny reports whether the last 会 of name ends one of ws (冬奥会,
// 博览会|开幕, but not 博览会新闻发布会, whose last 会 is a meeting's).
func endsInAny(name string, ws []string) bool {
	i := strings.LastIndex(name, "会")
	if i < 0 {
		return false
	}
	head := name[:i+len("会")]
	return hasAnySuffix(head, ws)
}

// findEvents finds the reported event (from the lead) and follow-on events
// on the same occasion (随后…主持召开座谈会, 当晚…会见…), then their roles.
func (d *doc) findEvents() {
	if len(d.paras) == 0 {
		return
	}
	// the lead: the first paragraph with text after the byline
	var lead span
	first := -1
	for k, p := range d.paras {
		p.start = max(p.start, d.bylineEnd)
		if p.start < p.end {
			lead, first = p, k
			break
		}
	}
	if first < 0 {
		return
	}
	if containsAny(d.a.Title, d.lx.cues["features"]...) {
		return // 【…风采】, …纪实: a feature or look-back piece reports no activity
	}
	if d.compilation(first) {
		return
	}
	e := d.leadEvent(lead, len(d.r), d.a.Title)
	if e == nil {
		return
	}
	e.scope.end = d.headedStory(first, e.date)
	d.events = append(d.events, e)
	// follow-on events: 随后/当晚… sentences after the lead's first one
	// that name a meeting or a courtesy call, one a paragraph
	leadFirst := d.sentenceOf(lead.start)
	lastPara := -1
	for _, s := range d.sents {
		if s.start < leadFirst.end || s.start < lead.start {
			continue
		}
		para := d.paraOf(s.start)
		if para == lastPara {
			continue
		}
		st := d.text(s)
		m := followRe.FindString(st)
		// a later paragraph opening with a day of its own reports another
		// event of the article (4日下午，…主持召开…主任会议)
		var own *dateMention
		if m == "" {
			// the dates are in order of their start
			for k := sort.Search(len(d.dates), func(k int) bool { return d.dates[k].start >= s.start }); k < len(d.dates) && d.dates[k].start <= s.start+1; k++ {
				if dm := &d.dates[k]; dm.date != "" && !strings.ContainsRune(dm.text, '年') {
					own = dm
				}
			}
			if own == nil || !chairNameRe.MatchString(st) && !holdNameRe.MatchString(st) {
				continue
			}
		}
		name := ""
		if mm := chairNameRe.FindStringSubmatch(st); mm != nil {
			name = mm[1]
		} else if mm := holdNameRe.FindStringSubmatch(st); mm != nil && (!strings.HasPrefix(mm[1], "的") || m != "") {
			name = strings.TrimPrefix(mm[1], "的") // 随后召开的座谈会上
		} else if strings.Contains(st, "会见") {
			i := strings.Index(st, "会见")
			cs := clauseStart([]rune(st), utf8.RuneCountInString(st[:i]))
			ce := clauseEnd([]rune(st), utf8.RuneCountInString(st[:i]))
			name = string([]rune(st)[cs:ce])
		} else if i := inspectVerbRe.FindStringIndex(st); m != "" && i != nil && e.kind != string(graph.KindInspection) {
			// 会后，李四、王五分别带队督导…: a tour after a meeting (rule
			// 6.3); a further site of a tour is the tour's programme
			ce := clauseEnd([]rune(st), utf8.RuneCountInString(st[:i[0]]))
			name = strings.TrimLeft(string([]rune(st)[:ce]), m+"，,")
		}
		if name == "" {
			continue
		}
		from := s.start
		if strings.HasSuffix(m, "期间") || strings.HasSuffix(m, "中") {
			// 调研期间，李四来到X，并主持召开座谈会: the tour goes on up
			// to the clause that holds the talk
			if i := strings.Index(st, name); i > 0 {
				from = clauseStart(d.r, s.start+utf8.RuneCountInString(st[:i]))
			}
		}
		if name == e.name && e.date == "" && own != nil && len(d.events) == 1 {
			// 近日…主持召开X座谈会, then 12日下午…主持召开X座谈会: the
			// undated lead's own activity, dated where it is told (rule 6.3)
			e.date, e.endDate, e.partOfDay = own.date, own.endDate, own.partOfDay
			lastPara = para
			continue
		}
		f := &event{name: name, date: e.date, endDate: e.endDate, scope: span{from, d.resumes(s.end, len(d.r), name, true)}, ev: s}
		f.partOfDay = e.partOfDay
		switch {
		case own != nil:
			f.date, f.endDate, f.partOfDay = own.date, own.endDate, own.partOfDay
		case m == "当晚":
			f.partOfDay = "晚上"
		case m == "次日":
			f.date, f.endDate, f.partOfDay = nextDay(e.date), "", ""
			if pm := partOfDayRe.FindString(st[len(m):]); pm != "" {
				f.partOfDay = partOfDayWord(pm)
			}
		case strings.HasPrefix(m, "当天") && len(m) > len("当天"):
			f.partOfDay = strings.TrimPrefix(m, "当天")
		}
		f.kind = string(eventKind(name, st, d.lx.cues["not_meetings"]))
		last := d.events[len(d.events)-1]
		last.scope.end = min(last.scope.end, from)
		d.events = append(d.events, f)
		lastPara = para
	}
	// the lead's name comes from before any follow-on event
	if len(d.events) > 1 && d.events[1].scope.start < lead.end {
		e.name = d.leadEventName(span{lead.start, d.events[1].scope.start}, d.a.Title)
		e.kind = string(eventKind(e.name, d.text(e.ev)+d.a.Title, d.lx.cues["not_meetings"]))
	}
	e.kind = string(d.sessionKind(e))
	d.withinEvents(e)
	for _, ev := range d.events {
		d.roles(ev)
	}
	d.conjoinedEvents(e)
	d.aboveActivities()
}

// headedStory returns where the first heading paragraph after paragraph
// first starts when the story under it is of another day than date (中方主持
// 安理会…会议 敦促…, then 联合国安理会29日举行…, after a lead of the 30th), a
// story bundled after the lead's; the text's end if there is none. The lead's
// roles come from before it (rule 6.3, 7.4); a heading over the lead's own
// story (the same day, or no date) does not end it.
func (d *doc) headedStory(first int, date string) int {
	for k := first + 1; k+1 < len(d.paras); k++ {
		next := d.paras[k+1]
		if !d.itemHeading(d.text(d.paras[k])) || d.itemHeading(d.text(next)) {
			continue // a document's title and its note (（…通过）) head the lead's own text
		}
		i := sort.Search(len(d.dates), func(i int) bool { return d.dates[i].start >= next.start })
		for ; i < len(d.dates) && d.dates[i].start < next.end; i++ {
			if dm := d.dates[i]; dm.date != "" {
				if date != "" && dm.date != date && d.sentenceOf(dm.start).start == d.sentenceOf(next.start).start {
					return d.paras[k].start
				}
				break
			}
		}
	}
	return len(d.r)
}

// withinRe matches an activity held within or right after another on the
// same occasion, a separate event (rule 6.3): a 宪法宣誓 within a session,
// a signing witnessed after a 会见 or 会谈 (会见后，两国领导人共同见证签署…),
// a launch announced (共同宣布启动…), a 揭牌 or an 开工 within a visit.
var withinRe = regexp.MustCompile(`并(?:主持)?召开[^，。；]{0,20}?座谈会|并就[^，。；]{0,30}?(?:进行了?|开展了?)座谈|随后[^，。；]{0,20}?(?:察看|调研|视察|考察|检查)|宪法宣誓|宣誓仪式|见证[^，。；]{0,60}?(?:签署|签约|签订)|签署仪式|签约仪式|(?:签署|签订)了?[^，。；]{0,40}?(?:协议|文件|备忘录|声明|合同)|宣布启动|揭牌|宣布[^，。；]{0,30}?开工|开工仪式`)

// withinWords holds a word that every match of withinRe contains.
var withinWords = []string{"座谈", "随后", "宣誓", "签", "启动", "揭牌", "开工"}

// withinEvents adds the activities held within the lead's occasion
// (withinRe) as events of their own, with the lead's date and part of
// day (rule 6.5, 6.6), one for each kind; their roles come from their
// sentence on. An activity of the lead's own kind is its programme (a
// further agreement signed at a signing).
func (d *doc) withinEvents(e *event) {
	end := e.scope.end
	seen := map[string]bool{e.kind: true}
	leadFirst := d.sentenceOf(e.scope.start)
	for _, s := range d.sents {
		if s.start < e.scope.start || s.start >= end {
			continue
		}
		if d.background(s.start) {
			continue
		}
		st := d.text(s)
		if sourceRe.MatchString(st) {
			continue // 据X网站消息，X与Y签署了…: known only from a party's claim (8.5)
		}
		if !containsAny(st, withinWords...) {
			continue // no match of withinRe can be in it: spare the regexp
		}
		for _, m := range withinRe.FindAllStringIndex(st, -1) {
			at := s.start + utf8.RuneCountInString(st[:m[0]])
			if at >= end {
				break // a follow-on event's from here on
			}
			cs, ce := clauseStart(d.r, at), clauseEnd(d.r, at)
			clause := d.sub(cs, ce)
			if s == leadFirst && !strings.Contains(d.sub(s.start, at), "并") && !strings.HasPrefix(st[m[0]:], "随后") && !strings.HasPrefix(st[m[0]:], "并") {
				continue // the lead's own activity
			}
			if tentativeRe.MatchString(clause) || strings.Contains(d.sub(cs, at), "将") {
				continue // 将签署: not yet
			}
			if d.inWords(s, at) && !strings.HasPrefix(st, "随后") {
				continue // 李四强调，…我愿同你共同宣布启动…: a speaker's words, no activity of its own
			}
			if strings.HasPrefix(st[m[1]:], "的") || strings.Contains(d.sub(cs, at), "关于") || strings.Contains(st[m[0]:m[1]], "签署的") || strings.Contains(st[m[0]:m[1]], "签订的") {
				continue // 关于宪法宣誓的组织办法: a topic, not the activity
			}
			name := strings.TrimPrefix(strings.TrimLeft(stripQuotes(clause), "并"), "随后")
			if i := strings.Index(name, "后，"); i >= 0 && i < 12 {
				name = name[i+len("后，"):]
			}
			kind := string(eventKind(name, clause, d.lx.cues["not_meetings"]))
			if seen[kind] || strings.Contains(e.name, st[m[0]:m[1]]) {
				continue
			}
			seen[kind] = true
			f := &event{name: name, kind: kind, date: e.date, endDate: e.endDate, partOfDay: e.partOfDay, scope: span{s.start, d.resumes(s.end, end, name, false)}, ev: s}
			if s != leadFirst && e.scope.end > s.start && strings.HasPrefix(st, clause) && heldOfItsOwnRe.MatchString(clause) {
				// a ceremony held in a sentence of its own (X举行了…宣誓仪式,
				// 会后…): the people from it on are placed at it, not at the
				// lead (rule 7.4, 7.5); one sworn in at the session attends both
				e.scope.end = s.start
			}
			d.events = append(d.events, f)
		}
	}
}

// resumeRe opens a paragraph that goes back to another activity once one
// is over (考察结束后，…出席座谈会); its group names the activity over.
var resumeRe = regexp.MustCompile(`^[^，。；]{0,10}?([^，。；]{2})结束后[，,]`)

// attendOtherRe matches a paragraph that ends with who attends a meeting
// (…负责同志…参加大会。), going back to it from an activity held before.
var attendOtherRe = regexp.MustCompile(`(?:参加|出席|列席)了?(大会|会议|座谈会|仪式)[。；]?\s*$`)

// resumes returns where, from from on and before end, a paragraph goes back
// to another activity, end if none does: one that opens once an activity
// other than name is over (考察结束后，…出席座谈会; not 宣誓结束后 for a 宣誓),
// or, for an activity held before or after another (attendance), one that
// lists who attends a meeting name is not (…约3000人参加大会). The roles after
// it are not the activity's own (rule 7.4: 主持 belongs to the 座谈会 after a
// tour, not to a tour stop).
func (d *doc) resumes(from, end int, name string, attendance bool) int {
	for k := d.paraOf(max(0, from-1)) + 1; k < len(d.paras); k++ {
		p := d.paras[k]
		if p.start >= end {
			break
		}
		if p.start < from {
			continue
		}
		t := d.text(p)
		if m := resumeRe.FindStringSubmatch(t); m != nil && !strings.Contains(name, m[1]) && activityRe.MatchString(t) {
			return p.start
		}
		if m := attendOtherRe.FindStringSubmatch(t); attendance && m != nil && !strings.Contains(name, m[1]) {
			return p.start // 会前…会见…; …约3000人参加大会: the 大会's attendance
		}
	}
	return end
}

// laterAgendaRe marks what a meeting puts on a later one's agenda
// (决定…提请下次会议审议), no report at this one.
var laterAgendaRe = regexp.MustCompile(`提请[^。；]{0,30}?审议|下次|下一次`)

// proposedAgendaRe marks a later session's agenda that a meeting
// proposes or decides (委员长会议建议，常委会第N次会议审议…；听取X关于…的
// 报告; 建议的议程还有：…): the bodies listed will report there,
// not at the meeting that plans it.
var proposedAgendaRe = regexp.MustCompile(`(?:建议|决定|提出)(?:的|，|,)?[^。]{0,40}?(?:下次|下一次|第[一二三四五六七八九十百零〇\d]+次)(?:全体)?(?:会议|常委会议?)[^。]*?(?:议程|审议|听取)|(?:建议|决定|提出)的[^。，；]{0,30}?议程`)

// inReportSubject reports whether a body written at at is named inside
// the subject of a report or briefing opened by 关于 after cs and not yet
// closed by its noun (听取了关于建立…审议县政府关于…制度的汇报): the report is
// the speaker's, the body its subject. A 关于 right after a body opens
// that body's own report (审议县政府关于…、县法院关于…的报告): its author
// and the authors listed after it report in their own right, while a body
// written inside it is again its subject.
func (d *doc) inReportSubject(cs, at int) bool {
	before := d.sub(cs, at)
	i := strings.LastIndex(before, "关于")
	if i < 0 || subjectClosedRe.MatchString(before[i:]) {
		return false
	}
	if o, _ := d.orgAt(cs + utf8.RuneCountInString(before[:i]) - 1); o != nil {
		return !strings.ContainsRune("、和及", d.r[at-1]) // (法院关于|人大常委会关于…的决定…的报告: its subject)
	}
	return true
}

// subjectClosedRe matches the end of a 关于 subject: its report's noun.
var subjectClosedRe = regexp.MustCompile(`的(汇报|报告|说明|议案|请示|通知|意见|决定)`)

// nestedBeforeHead reports whether the body written at s is read by the
// tagger as the start or middle of a longer organisation's name running on
// within the clause (解放军|选举委员会, where the longer name is not found as
// a body of its own): a body named only inside another is not listed
// (rule 4.6). A list (、, 和) or a title after the body ends no such name.
func (d *doc) nestedBeforeHead(s span, ce int) bool {
	if s.end >= ce || !isHan(d.r[s.end]) || d.lx.titleAt(d.r, s.end) != "" {
		return false
	}
	sent := d.sentenceOf(s.start)
	for _, sp := range d.taggedSpans(sent) {
		a, b := sent.start+sp.Start, sent.start+sp.End
		if sp.Type != ner.Organisation || a > s.start || b <= s.end || b > ce {
			continue
		}
		run := d.sub(s.end, b)
		if strings.ContainsAny(run, "和与及暨或、") || d.lx.suffixEndingAt(d.r, b) == "" {
			continue
		}
		return true
	}
	return false
}

// onLaterAgenda reports whether the body named at at is put on a later
// meeting's agenda rather than reporting at this one: its 。-sentence,
// whose ；-parts list the agenda, proposes the later session before it
// (proposedAgendaRe), or decides to refer it there (决定…提请下次会议审议).
func (d *doc) onLaterAgenda(at int) bool {
	sent := d.sentenceOf(at)
	if strings.Contains(d.sub(sent.start, at), "决定") && laterAgendaRe.MatchString(d.sub(at, sent.end)) {
		return true
	}
	from := at
	for from > 0 && at-from < 2000 && d.r[from-1] != '。' && d.r[from-1] != '\n' {
		from--
	}
	return proposedAgendaRe.MatchString(d.sub(from, at))
}

// heldOfItsOwnRe marks an activity held of its own after the lead's.
var heldOfItsOwnRe = regexp.MustCompile(`^会后|举行|举办`)

// sessionKind returns the kind of a session of a congress or its
// standing committee reported for what it decides (rule 6.7): ELECTION
// when it elects (选举产生, 当选), APPOINTMENT when it appoints or removes
// (任命, 人事任免, 免职和任职), unless it also hears or deliberates
// reports, which makes it a meeting. A presidium's meeting only proposes
// the names: a meeting.
func (d *doc) sessionKind(e *event) graph.EventKind {
	k := graph.EventKind(e.kind)
	if k != graph.KindMeeting || !sessionNameRe.MatchString(e.name) || strings.Contains(e.name, "主席团") {
		return k
	}
	t := d.sub(e.scope.start, e.scope.end)
	if strings.Contains(t, "听取") || strings.Contains(t, "审议") {
		return k
	}
	switch {
	case strings.Contains(t, "选举产生") || strings.Contains(t, "当选"):
		return graph.KindElection
	case strings.Contains(t, "任命") || strings.Contains(t, "任免") || strings.Contains(t, "免职和任职") || strings.Contains(t, "任职和免职"):
		return graph.KindAppointment
	}
	return k
}

// sessionNameRe matches the name of a session of a congress or standing
// committee (县十七届人大常委会第五次会议, 县十八届人大一次会议).
var sessionNameRe = regexp.MustCompile(`(?:人大|人民代表大会|人代会|常委会|常务委员会)[^，。；]{0,12}?(?:会议|大会)$`)

// aboveActivities places the people of a sentence that attend 上述活动
// at every event of the article (rule 7.4: A参加上述活动 places A at each).
func (d *doc) aboveActivities() {
	if len(d.events) < 2 {
		return
	}
	for _, ps := range d.personSpans {
		if ps.p == nil || d.isReporter(ps.p) {
			continue
		}
		s := d.sentenceOf(ps.start)
		if !strings.Contains(d.text(s), "上述活动") {
			continue
		}
		for _, ev := range d.events {
			if containsPerson(ev.chairs, ps.p) || containsPerson(ev.attendees, ps.p) {
				continue
			}
			ev.attendees = append(ev.attendees, ps.p)
			ev.roleEv[ps.p] = s
			sortPersons(ev.attendees)
		}
	}
}

func containsPerson(ps []*person, p *person) bool {
	for _, x := range ps {
		if x == p {
			return true
		}
	}
	return false
}

// leadEvent returns the event the paragraph lead reports, its scope
// running to end, nil when it reports none; title names it when the text
// does not.
func (d *doc) leadEvent(lead span, end int, title string) *event {
	e := &event{scope: span{lead.start, end}}
	// the date: the first date of the lead, unless 日前/近日 says the
	// activity is undated (an event with no date, rule 6.1), the date is
	// announced for the future (将于3月10日举行) or the lead passes on news
	// or a claim (记者从…获悉, X称): those are no events (6.2, 8.5)
	leadText := d.text(lead)
	dated, undated := false, false
	for _, dm := range d.dates {
		if dm.start < lead.start || dm.start >= lead.end {
			continue
		}
		if i := undatedRe.FindStringIndex(leadText); i != nil && utf8.RuneCountInString(leadText[:i[0]]) < dm.start-lead.start {
			undated = true
			break
		}
		cs, ce := clauseStart(d.r, dm.start), clauseEnd(d.r, dm.end)
		if b := d.sub(cs, dm.start); (strings.HasSuffix(b, "自") || strings.HasSuffix(b, "从")) && hasPrefixAt(d.r, dm.end, "起") {
			continue // 自2022年1月1日起施行: when a rule takes effect, no activity
		}
		if futureRe.MatchString(d.sub(cs, dm.start)) || futureAfterDate(d.sub(dm.end, d.sentenceOf(dm.start).end)) {
			return nil // 将于3月10日召开: announced, not reported
		}
		if newsFromRe.MatchString(d.sub(dm.end, min(len(d.r), ce+20))) || newsInClauseRe.MatchString(d.sub(cs, ce)) {
			return nil // 3月5日，记者从县统计局获悉…: news, no activity
		}
		if claimRe.MatchString(d.sub(dm.end, ce)) || statementAfterDate(d.sub(dm.end, ce)) || sourceClauseRe.MatchString(d.sub(cs, ce)) || claimNextRe.MatchString(d.sub(dm.end, min(len(d.r), ce+16))) {
			return nil // 俄国防部19日称…: a claim, no activity
		}
		if sourceRe.MatchString(d.sub(max(lead.start, d.sentenceOf(dm.start).start), dm.start)) {
			return nil // 据X网站消息，8月31日…: a claim, no activity
		}
		if m := deathRe.FindString(d.sub(dm.end, ce)); m != "" && !remembranceRe.MatchString(m) {
			return nil // X同志因病于3月19日在北京逝世: an obituary, no activity
		}
		e.date, e.endDate, e.partOfDay = dm.date, dm.endDate, dm.partOfDay
		e.ev = d.sentenceOf(dm.start)
		if e.endDate == "" {
			e.endDate = d.lastsUntil(e.ev, dm)
		}
		dated = true
		break
	}
	if e.ev.end == 0 {
		e.ev = d.sentenceOf(lead.start)
		if m := relativeDayRe.FindStringSubmatchIndex(leadText); m != nil && !undated && !undatedRe.MatchString(leadText[:m[0]]) {
			e.date = d.relativeDay(leadText[m[2]:m[3]])
			if m[4] >= 0 {
				e.partOfDay = partOfDayWord(leadText[m[4]:m[5]])
			}
			dated = true
		}
	}
	st := d.text(e.ev)
	if newsInClauseRe.MatchString(st) || !dated && futureWordRe.MatchString(st) {
		return nil
	}
	if d.messageLead(st) {
		return nil // 国务院印发…, X同Y互致贺电: a document or message, no activity (8.5)
	}
	if dated && !d.reportsActivity(e.ev) {
		return nil // 国家卫生健康委今天通报…例, 俄乌在多地交火持续: figures, claims, no activity (6.1)
	}
	if !dated {
		// 日前, 近日: an event when the lead reports an activity; no date
		// and no such word (欢迎仪式后，X同Y举行会谈): only a meeting held
		if undated = undated || undatedRe.MatchString(st); !undated && !heldRe.MatchString(st) || !activityRe.MatchString(st) || tentativeRe.MatchString(st) {
			return nil
		}
	}
	e.name = d.leadEventName(lead, title)
	if listedActivitiesRe.MatchString(e.name) {
		return nil // 各使馆举办招待会、音乐会等活动: many activities summed up, no one event (rule 6.3)
	}
	e.kind = string(eventKind(e.name, d.text(e.ev)+title, d.lx.cues["not_meetings"]))
	return e
}

// listedActivitiesRe matches an event name that closes a list of
// activities (招待会等活动, 座谈会、展览等系列活动): a summary of many
// activities, each an event of its own if told, none one event.
var listedActivitiesRe = regexp.MustCompile(`等(?:系列|多项|各类|一系列)?(?:庆祝|纪念|文化|交流)?活动$`)

// reportsActivity reports whether the dated sentence s, or the sentence
// after it in its paragraph (今天是…纪念日。…举行…), names an activity or a
// milestone taking place (rule 6.1): a dated lead that names neither
// passes on figures, a decision, a claim or a disaster, and reports no
// event, as a brief's item does not (itemReports).
func (d *doc) reportsActivity(s span) bool {
	milestones := d.lx.cues["milestones"]
	if itemActivity(d.text(s), milestones) >= 0 {
		return true
	}
	next := d.sentenceOf(s.end)
	return next.start == s.end && next.end > next.start && d.paraOf(next.start) == d.paraOf(s.start) && itemActivity(d.text(next), milestones) >= 0
}

// lastsUntilRe matches what makes a later day the end of an activity
// begun on an earlier one (开幕，将持续至21日).
var lastsUntilRe = regexp.MustCompile(`(?:持续|延续|进行)(?:至|到)$`)

// lastsUntil returns the day the activity of sentence s, begun at dm,
// lasts until (rule 6.5: an explicit range), "" when s names none.
func (d *doc) lastsUntil(s span, dm dateMention) string {
	k := sort.Search(len(d.dates), func(k int) bool { return d.dates[k].start >= dm.end })
	for ; k < len(d.dates) && d.dates[k].start < s.end; k++ {
		x := d.dates[k]
		if x.date > dm.date && lastsUntilRe.MatchString(d.sub(clauseStart(d.r, x.start), x.start)) {
			return x.date
		}
	}
	return ""
}

// sittingRe matches a sitting of a session, named only with the session
// before it (X第六次会议举行第三次全体会议 -> X第六次会议第三次全体会议).
var sittingRe = regexp.MustCompile(`^第[一二三四五六七八九十\d]+次(?:全体|主席团)?会议$|^(?:预备|闭幕|开幕|全体)会议$`)

// convenerThenWhereRe matches a convener followed by the day or the place
// of its sitting (十四届X一次会议12日上午在人民大会堂, X在京); its group is
// the convener.
var convenerThenWhereRe = regexp.MustCompile(`^(.+?)(?:(?:[\d〇零一二三四五六七八九十]+月)?[\d〇零一二三四五六七八九十]+日(?:上午|下午|晚上)?)?在[^，。；]*$|^(.+?)(?:[\d〇零一二三四五六七八九十]+月)?[\d〇零一二三四五六七八九十]+日(?:上午|下午|晚上)?$`)

// leadEventName names the lead's event from the body, else the heading.
func (d *doc) leadEventName(lead span, title string) string {
	t := d.text(lead)
	type hit struct {
		at   int
		name string
	}
	var best *hit
	try := func(re *regexp.Regexp) {
		if m := re.FindStringSubmatchIndex(t); m != nil {
			h := &hit{m[0], strings.TrimSpace(t[m[2]:m[3]])}
			if best == nil || h.at < best.at {
				best = h
			}
		}
	}
	try(chairNameRe)
	try(holdNameRe)
	if m := sessionSubjectRe.FindStringSubmatchIndex(t); m != nil && sessionNameRe.MatchString(t[m[2]:m[3]]) {
		best = &hit{m[0], t[m[2]:m[3]]}
	}
	if best == nil {
		if m := namedHoldRe.FindStringSubmatchIndex(t); m != nil {
			n := t[m[2]:m[3]]
			// drop a leading date or time: 3月26日，…
			n = leadingDateRe.ReplaceAllString(n, "")
			n = strings.TrimLeft(n, "，, ")
			if utf8.RuneCountInString(n) >= 3 && !strings.ContainsAny(n, "主持出席") {
				best = &hit{m[0], n}
			}
		}
	}
	if best != nil && (utf8.RuneCountInString(best.name) <= 2 || strings.HasPrefix(best.name, "（") || strings.HasPrefix(best.name, "(") || sittingRe.MatchString(best.name)) {
		// 市委常委会召开会议: the bare word takes its convener
		subj := t[:best.at]
		// a dateline ending in a colon (X网消息（栏目）：) is no part of it
		if i := strings.LastIndexAny(subj, "，。；：\n"); i >= 0 {
			subj = subj[i+len("，"):]
		}
		if m := leadingDateRe.FindString(subj); m != "" && strings.IndexAny(subj, "0123456789一二三四五六七八九十本今昨当") == 0 && !strings.Contains(m, "届") {
			subj = strings.TrimLeft(subj[len(m):], "，, ") // 9月18日上午，X举行第三次全体会议
		}
		if m := convenerThenWhereRe.FindStringSubmatch(subj); m != nil {
			subj = m[1] + m[2] // 十四届X一次会议12日上午在人民大会堂|举行第五次全体会议: the convener alone
		}
		if subj = strings.TrimSpace(subj); subj != "" && utf8.RuneCountInString(subj) <= 30 && !strings.ContainsAny(subj, "主持") && !d.namesPerson(subj) {
			best.name = subj + best.name
		} else {
			best = nil
		}
	}
	if best != nil && best.name != "" && strings.HasSuffix(t[:best.at], "并") && inspectVerbRe.MatchString(t[:best.at]) {
		best = nil // 到市场监管局调研…，并召开座谈会: the visit is the activity
	}
	if best != nil && best.name != "" {
		return stripQuotes(best.name)
	}
	return title
}

// inspectVerbRe matches the verbs of a visit that may close with a talk.
var inspectVerbRe = regexp.MustCompile(`调研|考察|视察|督导|检查|察看|走访`)

// namesPerson reports whether s holds the name of one of the article's people.
func (d *doc) namesPerson(s string) bool {
	for _, p := range d.persons {
		if strings.Contains(s, p.name) {
			return true
		}
	}
	return false
}

// relayWords mark a clause that relays earlier words rather than reports
// presence (传达…讲话精神, 骆同舟书记在我市调研时). relayClause reports
// whether the mention r[at:end] is of such a person: relay words follow
// in its clause and no verb of presence comes right after the name.
var relayWords = []string{"精神", "重要讲话", "讲话要求", "重要论述", "重要指示", "指示", "批示", "调研时", "考察时", "视察时", "莅"}

func (d *doc) relayClause(at, end int) bool {
	ce := clauseEnd(d.r, end)
	after := d.sub(end, ce)
	relayed := false
	for _, w := range relayWords {
		if strings.Contains(after, w) {
			relayed = true
			break
		}
	}
	if !relayed {
		return false
	}
	// 马骏出席会议并传达了…精神: present, and relaying others' words
	j := end
	if t := d.lx.titleAt(d.r, j); t != "" {
		j += utf8.RuneCountInString(t)
	}
	return anyPrefixAt(d.r, j, presenceVerbs...) == ""
}

// presenceVerbs, right after a name, say the person is there.
var presenceVerbs = []string{"出席", "参加", "主持", "陪同", "列席", "到会", "讲话", "致辞", "宣读", "汇报", "通报", "带领", "率", "会见", "一行", "并", "强调", "指出", "要求", "表示"}

// background reports whether position i lies in a background paragraph
// (据了解…), whose projects belong to no event.
func (d *doc) background(i int) bool {
	if k := d.paraOf(i); k >= 0 {
		t := d.text(d.paras[k])
		return strings.HasPrefix(t, "据了解") || strings.HasPrefix(t, "据介绍") || strings.HasPrefix(t, "此前") || strings.HasPrefix(t, "近年来")
	}
	return false
}

// paraOf returns the index of the paragraph holding position i, or -1.
func (d *doc) paraOf(i int) int {
	// paragraphs are ordered and disjoint
	if k := sort.Search(len(d.paras), func(k int) bool { return d.paras[k].end > i }); k < len(d.paras) && d.paras[k].start <= i {
		return k
	}
	return -1
}

func (d *doc) isReporter(p *person) bool {
	for _, r := range d.reporters {
		if r.name == p.name {
			return true
		}
	}
	return false
}

// roles fills an event's chairs, attendees, organisations and projects
// from its scope.
func (d *doc) roles(e *event) {
	e.orgRoles = map[*org]string{}
	e.roleEv = map[any]span{}
	in := func(i int) bool { return i >= e.scope.start && i < e.scope.end }
	r := d.r
	chair := map[*person]bool{}
	for _, ps := range d.personSpans {
		if ps.p == nil || !in(ps.start) {
			continue
		}
		j := d.afterCircumstance(ps.end)
		if hasPrefixAt(r, j, "在") {
			j++
		}
		if (hasPrefixAt(r, j, "主持") || d.coChairs(j)) && !chair[ps.p] {
			chair[ps.p] = true
			e.chairs = append(e.chairs, ps.p)
			e.roleEv[ps.p] = d.sentenceOf(ps.start)
		}
	}
	present := map[*person]bool{}
	for _, ps := range d.personSpans {
		if ps.p == nil || !in(ps.start) || chair[ps.p] || present[ps.p] || d.isReporter(ps.p) {
			continue
		}
		if d.relayClause(ps.start, ps.end) || d.passingMention(ps.start, ps.end) || (d.appointed[ps.start] || d.appointedInList(ps.start, ps.end)) && !swornRe.MatchString(d.sub(ps.end, clauseEnd(r, ps.end))) {
			continue
		}
		present[ps.p] = true
		e.attendees = append(e.attendees, ps.p)
		e.roleEv[ps.p] = d.sentenceOf(ps.start)
	}
	sortPersons(e.attendees)
	// organisations acting in their own right
	for _, o := range d.orgs {
		for _, s := range o.spans {
			if !in(s.start) {
				continue
			}
			role := d.orgRole(s)
			if role == "" {
				continue
			}
			if role == "reported" {
				if _, ok := e.orgRoles[o]; ok {
					delete(e.orgRoles, o)
				}
				if !containsOrg(e.reporting, o) {
					e.reporting = append(e.reporting, o)
					e.roleEv[o] = d.sentenceOf(s.start)
				}
				continue
			}
			if containsOrg(e.reporting, o) {
				continue
			}
			if _, ok := e.orgRoles[o]; !ok {
				e.orgRoles[o] = role
				e.roleEv[o] = d.sentenceOf(s.start)
			}
		}
	}
	// a delegation's unit at a talk (与…钱辉一行座谈), not at a courtesy
	// meeting (会见…一行)
	// nor a guest's own party; the unit of a delegation that comes to
	// inspect takes part too (省农业农村厅厅长冯启山一行来我县调研)
	if e.kind == string(graph.KindSymposium) && strings.Contains(e.name, "座谈") || e.kind == string(graph.KindInspection) {
		for _, ps := range d.personSpans {
			if ps.p == nil || !in(ps.start) || !hasPrefixAt(r, ps.end, "一行") || len(ps.p.posts) == 0 {
				continue
			}
			if cs := clauseStart(r, ps.start); strings.Contains(d.sub(cs, ps.start), "会见") {
				continue
			}
			if e.kind == string(graph.KindInspection) && !comesRe.MatchString(d.sub(ps.end+2, min(len(r), ps.end+8))) {
				continue
			}
			u := unitOf(ps.p.posts[0].org)
			if o := d.orgNamed(u); o != nil {
				if _, ok := e.orgRoles[o]; !ok && !containsOrg(e.reporting, o) {
					e.orgRoles[o] = "visited"
					e.roleEv[o] = d.sentenceOf(ps.start)
				}
			}
		}
	}
	for _, o := range d.orgs {
		// a partner named in the event's name: X与滨海职业技术学院共建…揭牌仪式
		if _, ok := e.orgRoles[o]; !ok && !containsOrg(e.reporting, o) && strings.Contains(e.name, "与"+o.name) {
			e.orgRoles[o] = "convened"
			e.roleEv[o] = e.ev
		}
	}
	if o := d.sessionBody(e.name); o != nil {
		if _, ok := e.orgRoles[o]; !ok && !containsOrg(e.reporting, o) {
			e.orgRoles[o] = "convened"
			e.roleEv[o] = e.ev
		}
	}
	for _, p := range d.projects {
		if strings.Contains(searchKey(e.name), searchKey(p.name)) {
			e.projects = append(e.projects, p)
			e.roleEv[p] = e.ev
			continue
		}
		for _, s := range p.spans {
			if in(s.start) && !d.background(s.start) && !d.achieved(s) {
				e.projects = append(e.projects, p)
				e.roleEv[p] = d.sentenceOf(s.start)
				break
			}
		}
	}
}

// unitOf drops a party organisation's suffix: 中信银行焦作分行党委 -> 中信银行焦作分行.
func unitOf(o string) string {
	for _, b := range partyBodies {
		if u, ok := strings.CutSuffix(o, b); ok && u != "" && areaOf(o) == "" {
			return u
		}
	}
	return o
}

func containsOrg(os []*org, o *org) bool {
	for _, x := range os {
		if x == o {
			return true
		}
	}
	return false
}

// sortPersons puts ps in the order the article first names them (the
// order of d.persons), stably.
func sortPersons(ps []*person) {
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].seq < ps[j].seq })
}

var (
	actsThroughRe = regexp.MustCompile(`^(?:[、和及][^，。；]{0,30}?)?(?:等\d*[家个]?[\p{Han}]{0,4})?(?:主要|有关|相关)?(?:负责同志|负责人|业务骨干|组成人员|代表|同志|部分委员|部分常委|部分成员|部分代表)`)
	reportsRe     = regexp.MustCompile(`^(?:(?:主要|有关)?(?:负责同志|负责人))?(?:分别|先后|也|还)?(?:汇报|通报|介绍了?(?:有关|相关)?[^，。；]{0,12}?情况|作了?[^，。；]{0,30}?(?:报告|汇报|说明))`)
	speaksRe      = regexp.MustCompile(`^(?:作了?)?(?:典型|交流|表态|协商|专题)?发言|^到会指导|^到会`)
	reportOfRe    = regexp.MustCompile(`^关于[^。；]{2,60}?的(?:报告|汇报)`)
	// a body's request, report or motion put to the event, by title
	// (县政府党组《关于…的请示》) or as submitted (县委办公室提交的《…》)
	documentOfRe = regexp.MustCompile(`^(?:提交|提请|报送|呈报)的?《|^《关于[^》。；]{2,80}?的(?:请示|报告|汇报|议案|说明)》`)
	// a deliberation of what bodies put to the event
	deliberatesRe = regexp.MustCompile(`审议|听取|研究|同意|通过`)
	// the bodies whose work a meeting hears, in a list after 听取
	// (听取了县住建局、县交通局工作情况汇报)
	heardListRe = regexp.MustCompile(`听取(?:了|和审议了?|并审议了?)?(?:[^，。；听]{2,30}?[、和及])?$`)
	heardWorkRe = regexp.MustCompile(`^[^，。；关]{0,30}?(?:工作|情况)的?(?:汇报|报告)`)
)

// orgRole returns how the body named at s takes part in the event, "" when
// it does not: "reported" for bodies that 汇报/通报/作报告, else a role of
// PARTICIPATED (attended, guided, convened, signed, visited).
func (d *doc) orgRole(s span) string {
	r := d.r
	cs := clauseStart(r, s.start)
	ce := clauseEnd(r, s.start)
	if ce < s.end {
		ce = clauseEnd(r, s.end) // a body named across a comma (X,Y委员会)
	}
	clause := d.sub(cs, ce)
	before := d.sub(cs, s.start)
	tail := d.sub(s.end, ce)
	// the end of the list the body is in
	listEnd := s.end
	for listEnd < ce {
		if r[listEnd] == '、' || r[listEnd] == '和' || r[listEnd] == '及' {
			if o, os := d.orgAt(listEnd + 1); o != nil {
				listEnd = os.end
				continue
			}
		}
		break
	}
	// a date or place after the list may run past the clause (3日至5日，…)
	afterList := d.sub(min(d.afterCircumstance(listEnd), ce), ce)
	if d.onLaterAgenda(s.start) {
		return "" // 会议决定…提请下次会议审议X关于…的报告: on a later agenda
	}
	if d.inReportSubject(cs, s.start) || d.nestedBeforeHead(s, ce) {
		return "" // the subject of another report, or a longer name's part (rule 4.6)
	}
	if !d.actsInOwnRight(s, before, tail, afterList) {
		return ""
	}
	if m := actsThroughRe.FindString(afterList); m != "" {
		verbs := afterList[len(m):]
		if strings.HasSuffix(strings.TrimSuffix(before, "了"), "听取") {
			verbs = strings.TrimPrefix(verbs, "的") // 听取了…负责同志的汇报
		}
		if reportsRe.MatchString(strings.TrimLeft(verbs, "分别先后")) || strings.HasPrefix(verbs, "汇报") || strings.HasPrefix(verbs, "通报") {
			return "reported"
		}
		if strings.Contains(verbs, "签") {
			return "signed"
		}
		if strings.Contains(verbs, "指导") {
			return "guided"
		}
		return "attended"
	}
	if reportsRe.MatchString(afterList) || reportOfRe.MatchString(afterList) {
		return "reported"
	}
	if documentOfRe.MatchString(afterList) && deliberatesRe.MatchString(clause) {
		return "reported" // 会议审议了县政府党组《关于…的请示》 (rule 7.7)
	}
	if heardListRe.MatchString(before) && heardWorkRe.MatchString(afterList) && d.lx.titleAt(r, listEnd) == "" {
		return "reported" // 听取了县住建局、县交通局工作情况汇报
	}
	if strings.HasSuffix(before, "听取了") || strings.HasSuffix(before, "听取") || strings.HasSuffix(before, "审议了") {
		if reportOfRe.MatchString(afterList) {
			return "reported"
		}
	}
	if strings.HasSuffix(before, "代表") || strings.Contains(before, "代表") && strings.HasSuffix(strings.TrimRight(before, "、"), "代表") {
		v := afterList
		if strings.HasPrefix(v, "作了汇报") || strings.HasPrefix(v, "汇报") || strings.HasPrefix(v, "通报") || strings.HasPrefix(v, "作汇报") || (strings.HasPrefix(v, "作") || strings.HasPrefix(v, "向大会作")) && strings.HasSuffix(v, "报告") {
			return "reported" // 代表县人民政府作政府工作报告
		}
	}
	if strings.Contains(before, "代表") {
		// 分别代表区政府和岚禾生物科技有限公司签订投资协议
		if strings.Contains(tail, "签") {
			return "signed"
		}
		if strings.Contains(afterList, "汇报") || strings.Contains(afterList, "通报") {
			return "reported"
		}
	}
	if speaksRe.MatchString(afterList) {
		if strings.HasPrefix(afterList, "到会") {
			return "guided"
		}
		return "attended"
	}
	// convener or co-organiser as subject: 区政协召开…, 高新区联合嵘州理工学院举办…
	if convenesRe.MatchString(afterList) && (leadIn(before) || strings.HasSuffix(before, "由")) {
		return "convened"
	}
	if strings.HasSuffix(before, "联合") {
		return "convened"
	}
	if comesToInspectRe.MatchString(afterList) && leadIn(before) {
		return "guided" // 省人大常委会调研组来我县调研…
	}
	if anySuffixAt([]rune(before), utf8.RuneCountInString(before), "施工单位", "建设单位", "承建单位") {
		return "visited" // 要求施工单位青岚建工集团有限公司…: the builder on the site
	}
	if strings.TrimSpace(tail) == "" && placeClauseRe.MatchString(strings.TrimSpace(before)) {
		return "visited" // 在青山建工集团有限公司，李明听取了…; 在新建成的县融媒体中心，…
	}
	if signatoryRe.MatchString(before) {
		return "signed" // 签约企业代表X公司总经理Y作了发言 (rule 7.6 c)
	}
	if unveiledRe.MatchString(before) && strings.HasPrefix(afterList, "揭牌") {
		return "unveiled" // 为X镇党委、镇人民政府揭牌 (rule 7.6 e)
	}
	if invitedRe.MatchString(before) && attendsRe.MatchString(afterList) {
		return "attended" // 邀请县工商联参加
	}
	if strings.HasSuffix(before, "与") && signsRe.MatchString(afterList) {
		return "signed"
	}
	if signsWithRe.MatchString(afterList) && leadIn(before) {
		return "signed"
	}
	if (visitRe.MatchString(before) || d.personThenTo(cs, s.start)) && !notVisitedRe.MatchString(tail) && !strings.Contains(clause, "对接") && d.lx.titleAt(r, s.end) == "" {
		if !strings.HasPrefix(tail, "的") && !strings.HasPrefix(tail, "将") {
			return "visited"
		}
	}
	return ""
}

var (
	// audienceRe matches the text before a body told or briefed, a
	// list's earlier members included (向X、Y通报; 向X介绍)
	audienceRe = regexp.MustCompile(`向(?:[^，。；向]{0,40}?[、和及])?$`)
	// claimAfterRe matches a body's claim or statement (X通报称, X表示，),
	// no report at an event (rule 8.5)
	claimAfterRe = regexp.MustCompile(`^[^，。；]{0,12}?(?:通报|发表声明|发布消息|在声明中|表示)?(?:称|宣称|声称|说)(?:[，：,]|$)`)
	// committeeAfterRe matches a party's term-numbered central committee
	// right after its short name (民革第十三届中央委员会)
	committeeAfterRe = regexp.MustCompile(`^第?[一二三四五六七八九十百\d]+届(中央(?:常务|监督)?委员会)`)
)

// actsInOwnRight reports whether a body named at s may take a role of its
// own in the event (rule 7.6, 7.7), before any verb is read: not the
// venue of someone else's act (在X作宣讲报告), not the audience of a
// briefing (向X通报), not a party making a claim (X通报称), not a body
// named inside a document's title after its start (审议《Y听取X工作汇报的
// 报告》), and not a party whose term-numbered committee is the body
// named (民革第十三届中央委员会, rule 4.6: nested in a longer name).
func (d *doc) actsInOwnRight(s span, before, tail, afterList string) bool {
	switch {
	case strings.HasSuffix(before, "在") && strings.TrimSpace(tail) != "":
		return false
	case audienceRe.MatchString(before):
		return false
	case claimAfterRe.MatchString(afterList):
		return false
	case committeeAfterRe.MatchString(d.sub(s.end, clauseEnd(d.r, s.end))):
		return false
	}
	sent := d.sentenceOf(s.start)
	pre := d.sub(sent.start, s.start)
	if i := strings.LastIndex(pre, "《"); i >= 0 && !strings.Contains(pre[i:], "》") && i+len("《") < len(pre) {
		return false
	}
	return true
}

var (
	leadingDateRe = regexp.MustCompile(`^.*?日(上午|下午|晚上)?`)
	convenesRe    = regexp.MustCompile(`^(?:与[^，。；]{2,30}?)?(?:联合|共同)?(?:召开|举办|举行|主办|承办|协办|组织(?:开展|召开|举办|举行|实施|[^，。；—]{1,12}?(?:开展|参加|参观|观摩|视察|调研|学习|赴|前往|走进|深入))|正式开业|开业|揭牌成立|正式成立|挂牌)`)
	// the clause of a place visited, named with nothing after it
	// (在青山建工集团有限公司，; 在新建成的县融媒体中心，)
	placeClauseRe = regexp.MustCompile(`^在(?:[^，。；]{0,16}的)?$`)
	// a body named as a signatory (签约企业代表X公司总经理Y, 签约方X)
	signatoryRe = regexp.MustCompile(`签约(?:企业|单位|方|双方|各方)(?:代表)?$`)
	// a body unveiled (为X、Y揭牌), the list before it included
	unveiledRe = regexp.MustCompile(`为(?:[^，。；为]{2,30}?[、和及])?$`)
	// a body invited to take part (邀请X参加)
	invitedRe   = regexp.MustCompile(`(?:邀请|特邀|邀)了?(?:[^，。；请]{2,30}?[、和及])?$`)
	attendsRe   = regexp.MustCompile(`^(?:参加|出席|列席|参与|到会)`)
	signsRe     = regexp.MustCompile(`^[^，。；]{0,20}?(?:签订|签署|签约)`)
	signsWithRe = regexp.MustCompile(`^与[^，。；]{2,30}?(?:分别)?(?:签订|签署|举行[^，。；]*签约|签约)`)
	// a body coming to inspect: 调研组来我县调研, 督导组一行到…督导
	comesToInspectRe = regexp.MustCompile(`^(?:一行)?(?:先后)?(?:来|到|赴|深入)[^，。；]{0,20}?(?:调研|检查|督导|考察|视察|督查|指导)`)
	// what follows a body that is a goal, not a place visited (统一到市委要求上来)
	notVisitedRe = regexp.MustCompile(`^(?:要求|的|精神|部署|决策|工作|上来|中来|实处)`)
)

var visitRe = regexp.MustCompile(`(?:来到|走进|前往|深入到|考察|察看|走访|参观|观摩|视察|调研了|检查了|(?:^|一行|还|先后|并|随后|分别|再|又|首先|同时|也)到)[^，。；]*$`)

// personThenTo reports whether the clause before a body reads "name 到"
// (季鸿川到嵘芯微电子…).
func (d *doc) personThenTo(cs, at int) bool {
	for k := at - 1; k > cs; k-- {
		if d.r[k] == '到' && d.personEndsAt(k) {
			return true
		}
	}
	return false
}

// leadIn reports whether the text before a body leaves it the subject of
// its clause (nothing, a date, or a list of co-subjects).
func leadIn(before string) bool {
	b := strings.TrimSpace(before)
	if i := strings.LastIndex(b, "："); i >= 0 {
		b = b[i+len("："):] // 央视网消息（新闻联播）：X召开…: the dateline is no subject
	}
	b = leadingDateRe.ReplaceAllString(b, "")
	return b == "" || strings.HasSuffix(b, "、") || strings.HasSuffix(b, "和") || strings.HasSuffix(b, "与")
}

var (
	// comesRe matches a delegation coming to a place (一行|来我县调研, 到…).
	comesRe = regexp.MustCompile(`^(?:来|到|赴|莅临|深入)`)
	// sessionRe matches the session of a body: 市十六届人大常委会第二十二次会议,
	// 政协白岩县第九届委员会常务委员会第十一次会议.
	sessionRe = regexp.MustCompile(`^(.+?)第[一二三四五六七八九十百\d]+次(?:全体)?会议$`)
	termRe    = regexp.MustCompile(`第?[一二三四五六七八九十\d]+届(?:委员会)?`)
)

// sessionBody returns the body whose session the event is (its convener):
// the name before 第N次会议 without the term (十六届), or for 政协X县第N届
// 委员会… the article's 县政协 or X县政协.
func (d *doc) sessionBody(name string) *org {
	m := sessionRe.FindStringSubmatch(name)
	if m == nil {
		return nil
	}
	body := termRe.ReplaceAllString(m[1], "")
	if area, ok := strings.CutPrefix(body, "政协"); ok {
		r := []rune(area)
		for i, c := range r {
			if strings.ContainsRune("省市县区", c) {
				if o := d.orgNamed(string(r[:i+1]) + "政协"); o != nil {
					return o
				}
				return d.orgNamed(string(c) + "政协")
			}
		}
		return nil
	}
	if !strings.HasSuffix(body, "常委会") && !strings.HasSuffix(body, "委员会") {
		return nil
	}
	return d.orgNamed(body)
}

// partOfDayRe matches a part of the day right at the start.
var partOfDayRe = regexp.MustCompile(`^(上午|下午|晚上|中午|晚)`)

// nextDay returns the day after an ISO date, "" when there is none.
func nextDay(iso string) string {
	t, err := time.Parse("2006-01-02", iso)
	if err != nil {
		return ""
	}
	return t.AddDate(0, 0, 1).Format("2006-01-02")
}

// appointListRe matches the start of a list of appointments up to a name
// (任命A为X，B为Y: B is appointed too; 经表决决定，A、B为X; 宣布：A同志为X).
var appointListRe = regexp.MustCompile(`(?:任命|任免|免去|决定|宣布|表决)[^。]*$`)

// appointeesRe matches the rest of a list of appointees after a name, up to
// the 为 that gives their post (、李二、赵三同志为).
var appointeesRe = regexp.MustCompile(`^(?:[、和][\p{Han}·]{2,8}?)*(?:同志)?为`)

// handsOutRe matches what follows 为 when it introduces whom a person acts
// for (李四为获奖代表颁奖), not a post.
var handsOutRe = regexp.MustCompile(`颁|授|揭牌|揭幕|鼓掌|佩戴`)

// appointedInList reports whether the person named at start..end is one
// of a list of appointees (任命李四为X，王五为Y; 决定王一、李二为X): a
// name, or a list of names, followed by 为 and a post in a sentence that
// appoints, its ；-parts each a post's list (宣布：A为X；B为Y) (rule 7.5),
// not someone placed at the session.
func (d *doc) appointedInList(start, end int) bool {
	ce := clauseEnd(d.r, end)
	rest := d.sub(end, ce)
	m := appointeesRe.FindStringIndex(rest)
	if m == nil || handsOutRe.MatchString(rest[m[1]:]) {
		return false
	}
	from := start
	for from > 0 && start-from < 200 && d.r[from-1] != '。' && d.r[from-1] != '\n' {
		from--
	}
	return appointListRe.MatchString(d.sub(from, start))
}

// swornRe matches what shows an appointee present (孙悦当选后向宪法宣誓).
var swornRe = regexp.MustCompile(`宣誓|表态发言|颁发任命书`)

// placeBeforeVerbRe matches a place set between an actor and its verb
// (李四在北京主持召开…, 县政协在县城召开…).
var placeBeforeVerbRe = regexp.MustCompile(`^(在[^，。；、\n在]{1,15}?)(?:主持|召开|举行|举办|会见|会谈|出席|参加|调研|考察|视察|签署|签订)`)

// afterCircumstance returns the position after the dates and the place
// that stand between an actor ending at j and its verb (李四1月5日主持召开,
// 县政协19日在县城召开, 中共中央政治局常务委员会2月16日召开会议), j when
// there are none.
func (d *doc) afterCircumstance(j int) int {
	for {
		// the dates are in order of their start
		k := sort.Search(len(d.dates), func(k int) bool { return d.dates[k].start >= j })
		if k == len(d.dates) || d.dates[k].start != j || d.dates[k].end <= j {
			break
		}
		j = d.dates[k].end
	}
	if j < len(d.r) && d.r[j] == '在' {
		if m := placeBeforeVerbRe.FindStringSubmatch(d.sub(j, min(len(d.r), j+24))); m != nil {
			j += utf8.RuneCountInString(m[1])
		}
	}
	return j
}

// coChairRe matches the rest of a list of names that chair together
// (张三、李四共同主持; 张三与省长李四共同主持会议).
var coChairRe = regexp.MustCompile(`^(?:[、和与及][^，。；：\n]{1,24}?)?(?:共同|联合)主持`)

// coChairs reports whether the name ending at j is one of a list that
// 共同主持 (rule 7.1: every named chair).
func (d *doc) coChairs(j int) bool {
	return coChairRe.MatchString(d.sub(j, clauseEnd(d.r, j)))
}

// cueLists reads the named cue lists of the event rules.
func cueLists() (map[string][]string, error) {
	b, err := dictFS.ReadFile("dict/eventcues.txt")
	if err != nil {
		return nil, fmt.Errorf("ingest: load dictionary eventcues.txt: %w", err)
	}
	out := map[string][]string{}
	for _, ln := range strings.Split(string(b), "\n") {
		name, ws, ok := strings.Cut(ln, ":")
		if !ok || strings.HasPrefix(ln, "#") {
			continue
		}
		out[strings.TrimSpace(name)] = strings.Fields(ws)
	}
	return out, nil
}

// passingMention reports whether the mention r[at:end] of a person names
// them in passing rather than placing them at the event (rule 7.4): a
// leader relayed (以X同志为核心的党中央, 在X主席战略引领下, 传达学习X在…上
// 的讲话), an idea named after them (X主席提出的倡议), their words or
// messages (X总书记的重要讲话, X主席同Y总统互致信函), the one another acts
// for (受X国王委托, 代表X国王: a title after the name tells 代表 is on
// X's behalf, not a deputy's title), the one mourned at a
// farewell (X同志因病逝世, X同志的遗体), or a name inside another speaker's
// words (李四表示，去年X主席同…).
func (d *doc) passingMention(at, end int) bool {
	r, cues := d.r, d.lx.cues
	cs, ce := clauseStart(r, at), clauseEnd(r, end)
	j := end
	if t := d.lx.titleAt(r, j); t != "" {
		j += utf8.RuneCountInString(t)
	}
	if hasPrefixAt(r, j, "同志") {
		j += 2
	}
	before, after := d.sub(cs, at), d.sub(j, ce)
	switch {
	case strings.HasSuffix(before, "以") && strings.HasPrefix(after, "为核心"):
		return true
	case strings.Contains(before, "在") && containsAny(after, cues["guidance"]...):
		return true
	case hasAnyPrefix(after, cues["proposes"]):
		return true
	case strings.HasPrefix(after, "的") && !hasAnyPrefix(strings.TrimPrefix(after, "的"), cues["present_after_de"]):
		return true
	case containsAny(before, cues["relay_before"]...):
		return anyPrefixAt(r, j, presenceVerbs...) == ""
	case containsAny(d.sub(cs, ce), cues["messages"]...):
		return true
	case strings.HasPrefix(after, "委托") || strings.HasSuffix(before, "代表") && j > end:
		return true // 受X国王委托, 代表X国王: another acts on X's behalf, X is absent
	case thoughtRe.MatchString(after):
		return true // 以X新时代中国特色社会主义思想为指导: a body of thought named after X
	case hasAnyPrefix(strings.TrimPrefix(after, "的"), cues["deceased"]) || strings.HasSuffix(before, "为") && strings.HasPrefix(after, "送别"):
		return true // X同志因病逝世, X同志的遗体, 为X同志送别: the one mourned, not an attendee
	}
	// another speaker's words: 李四表示，…X… in the same sentence, or in a
	// later sentence of a paragraph that opens with them (李四说，…。…X主席
	// 同Y举行会晤…): their words run to the paragraph's end
	s := d.sentenceOf(at)
	if s.start < cs && saysIn(d.sub(s.start, cs), cues["speech"], -1) {
		return anyPrefixAt(r, j, presenceVerbs...) == ""
	}
	if k := d.paraOf(at); k >= 0 && d.paras[k].start < s.start && saysIn(d.sub(d.paras[k].start, s.start), cues["speech"], speakerOpening) {
		return anyPrefixAt(r, j, presenceVerbs...) == ""
	}
	return false
}

// inWords reports whether r[at] of sentence s lies inside a speaker's
// words: after a speech verb and a comma in the same sentence (李四表示，…),
// or in a paragraph that opens with one (李四强调，…。…): what they say they
// do or wish (我愿同你共同宣布启动…) is said at the event, no event of its
// own (rule 6.3), and their people are the event's, not its (7.4).
func (d *doc) inWords(s span, at int) bool {
	speech := d.lx.cues["speech"]
	// bounded reads, so that a long text of many matches stays linear
	if s.start < at && saysIn(d.sub(max(s.start, at-speechReach), at), speech, -1) {
		return true
	}
	k := d.paraOf(at)
	if k < 0 || d.paras[k].start >= s.start {
		return false // the sentence opens its paragraph: tested above
	}
	return saysIn(d.sub(d.paras[k].start, min(s.start, d.paras[k].start+speakerOpening)), speech, speakerOpening)
}

// speechReach bounds, in characters, how far before a match inWords looks
// for the speech verb of its sentence.
const speechReach = 200

// speakerOpening is how far into a paragraph, in bytes, the speech verb of
// the speaker whose words fill it may come (国务院总理李强表示，).
const speakerOpening = 90

// saysIn reports whether text holds a speech verb followed by a comma or
// colon (李四表示，), within its first within bytes unless within < 0.
func saysIn(text string, speech []string, within int) bool {
	for _, w := range speech {
		for _, p := range []string{"，", "：", ","} {
			if i := strings.Index(text, w+p); i >= 0 && (within < 0 || i <= within) {
				return true
			}
		}
	}
	return false
}

// thoughtRe matches, right after a name, a body of thought named after
// its author (X新时代中国特色社会主义思想, X经济思想, X文化思想): cited,
// the author is not placed at the event (rule 7.4).
var thoughtRe = regexp.MustCompile(`^(?:新时代中国特色社会主义|[^，。；、\s出席主持参加会见在和与同]{0,4})思想`)

// itemMarkRe matches the mark that opens an item of a news brief
// (◎, ▲, ■, ●).
var itemMarkRe = regexp.MustCompile(`^\s*[◎▲■●△◆]`)

// compilationTitleRe matches the heading of a compilation of briefs.
var compilationTitleRe = regexp.MustCompile(`快讯|简讯|短讯|要闻速览|新闻速递`)

// compilation finds the events of a compilation of news briefs, whose
// every item is an activity of its own with its own date (rule 6.3): the
// items open with a mark (◎…), or, under a 快讯/简讯 heading, with a short
// heading paragraph without a full stop. It reports false, finding
// nothing, when the article from paragraph first on is no compilation.
func (d *doc) compilation(first int) bool {
	var starts []int // paragraphs opening an item
	marked := 0
	for k := first; k < len(d.paras); k++ {
		if itemMarkRe.MatchString(d.text(d.paras[k])) {
			marked++
		}
	}
	titled := compilationTitleRe.MatchString(d.a.Title) || d.datedItems(first) >= 2
	if marked < 2 && !titled {
		return false
	}
	for k := first; k < len(d.paras); k++ {
		t := d.text(d.paras[k])
		switch {
		case marked >= 2 && itemMarkRe.MatchString(t):
			starts = append(starts, k)
		case marked < 2 && d.itemHeading(t):
			starts = append(starts, k)
		}
	}
	if len(starts) < 2 {
		return false
	}
	for n, k := range starts {
		end := len(d.r)
		if n+1 < len(starts) {
			end = d.paras[starts[n+1]].start
		}
		lead, title := d.paras[k], ""
		if marked < 2 {
			// a heading paragraph names the item; its text follows
			title = strings.TrimSpace(d.text(lead))
			if k+1 >= len(d.paras) || d.paras[k+1].start >= end {
				continue
			}
			lead = d.paras[k+1]
		}
		if e := d.leadEvent(lead, end, cmp.Or(title, d.a.Title)); e != nil && d.itemReports(e, title) {
			d.events = append(d.events, e)
		}
	}
	for _, ev := range d.events {
		d.roles(ev)
	}
	return true
}

// itemReports reports whether a brief's item, dated or not, reports an
// activity taking place (rule 6.3 with 6.1, 6.2, 8.5): like an undated
// lead, its sentence must name an activity or a milestone (举行, 会见,
// 发射, 合龙) before any claim, media report or document issued (X称，,
// 据媒体报道, 发布, 播出), its heading must not be a claim (美媒曝光…), and
// a date stating a year long before the article's is background (an item
// recalling 2021年8月29日…死于空袭), not the item's date.
func (d *doc) itemReports(e *event, title string) bool {
	cues := d.lx.cues
	if containsAny(title, cues["claims"]...) || containsAny(title, cues["figures"]...) || claimTitleRe.MatchString(title) {
		return false
	}
	if e.date != "" && d.backgroundDate(e) {
		return false
	}
	st := d.text(e.ev)
	act := itemActivity(st, cues["milestones"])
	if act < 0 {
		// 今天是第28个…日。…主题活动正式启动: the activity follows the date
		next := d.sentenceOf(e.ev.end)
		if next.start != e.ev.end || d.paraOf(next.start) != d.paraOf(e.ev.start) {
			return false
		}
		st += d.text(next)
		if act = itemActivity(st, cues["milestones"]); act < 0 {
			return false
		}
	}
	before := st[:act]
	if containsAny(before, cues["claims"]...) || containsAny(before, cues["figures"]...) {
		return false
	}
	for _, w := range cues["issues"] {
		i := strings.Index(before, w)
		if i < 0 {
			continue
		}
		// 发布会, 发布启动仪式…举行: a ceremony held, not a document issued
		if rest := st[i+len(w):]; !strings.HasPrefix(rest, "会") && !ceremonyHeldRe.MatchString(rest) {
			return false
		}
	}
	return true
}

var (
	// claimTitleRe matches an item's heading that reports a party's
	// claim (土耳其称不支持…, 俄称将回应…), not 名称, 简称 or 称号.
	claimTitleRe = regexp.MustCompile(`[^名简堪号俗职]称[^号谓为]`)
	// ceremonyHeldRe matches the rest of a ceremony's name and its holding
	// after an issuing word (发布|启动仪式今天举行).
	ceremonyHeldRe = regexp.MustCompile(`^[^，。；]{0,12}?仪式[^，。；]{0,24}?(?:举行|举办)`)
)

// itemActivity returns where st first names an activity (activityRe) or
// a milestone, -1 when it names none; a milestone counted since
// (成立以来, 开通10周年) is no occurrence.
func itemActivity(st string, milestones []string) int {
	act := -1
	if m := activityRe.FindStringIndex(st); m != nil {
		act = m[0]
	}
	for _, w := range milestones {
		for off := 0; ; {
			i := strings.Index(st[off:], w)
			if i < 0 {
				break
			}
			i += off
			off = i + len(w)
			if rest := st[off:]; strings.HasPrefix(rest, "以来") || strings.HasPrefix(rest, "周年") || yearsSinceRe.MatchString(rest) {
				continue
			}
			if act < 0 || i < act {
				act = i
			}
			break
		}
	}
	return act
}

// yearsSinceRe matches a count of years after a milestone (成立55年).
var yearsSinceRe = regexp.MustCompile(`^\d+年|^[一二三四五六七八九十百]+年`)

// backgroundDate reports whether the event's date is written with a year
// and lies over a month before the article's publication (or in an
// earlier year when the article gives no published date).
func (d *doc) backgroundDate(e *event) bool {
	k := sort.Search(len(d.dates), func(k int) bool { return d.dates[k].start >= e.ev.start })
	for ; k < len(d.dates) && d.dates[k].start < e.ev.end; k++ {
		dm := d.dates[k]
		if dm.date != e.date {
			continue
		}
		if !strings.ContainsRune(dm.text, '年') {
			return false
		}
		got, err := time.Parse(time.DateOnly, dm.date)
		if err != nil {
			return false
		}
		if pub, err := time.Parse(time.DateOnly, d.a.Published); err == nil {
			return got.Before(pub.AddDate(0, -1, 0))
		}
		return got.Year() < d.a.Year
	}
	return false
}

// datedItems counts the paragraphs from first on that look like an item's
// heading followed by an opening with its own day (白鹭镇举办农民丰收节 /
// 4日，…): a page of briefs without a 快讯 heading.
func (d *doc) datedItems(first int) int {
	n := 0
	for k := first; k+1 < len(d.paras); k++ {
		if d.itemHeading(d.text(d.paras[k])) && datedLeadRe.MatchString(asciiDigits(d.text(d.paras[k+1]))) {
			n++
		}
	}
	return n
}

// itemHeading reports whether a paragraph is the heading of a brief's
// item: short, with no sentence mark.
func (d *doc) itemHeading(t string) bool {
	t = strings.TrimSpace(t)
	n := utf8.RuneCountInString(t)
	return n >= 4 && n <= 40 && !strings.ContainsAny(t, "。，；：:！？")
}
