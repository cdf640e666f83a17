package ingest

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// classLeads are the words before a project phrase that make it a class of
// projects, however specific its words (一批大好高优项目, 更多投资项目):
// rule 5.2, no name.
var classLeads = []string{"一批", "一些", "更多", "多个", "众多", "一系列", "系列", "各类", "诸多"}

// amountClassRe matches a project phrase classed by its size (2000万元以上项目,
// 亿元以上产业项目): a class, no name.
var amountClassRe = regexp.MustCompile(`^[\d.]+(?:万|亿)?元?(?:以上|以下|左右)`)

// eventActivityRe matches a name that ends with a meeting and then 活动
// (“我为家乡献一策”论坛活动): a meeting held, an event rather than a
// programme (rule 5.2, 6.1).
var eventActivityRe = regexp.MustCompile(`(?:论坛|会议|大会|座谈会|恳谈会|推介会|洽谈会|仪式)活动$`)

// projectClass reports whether the project phrase name read at sp names no
// project but a class of them, a slogan or a meeting (rule 5.2): after a
// word of quantity, classed by an amount, a meeting's 活动, or a slogan of
// verb-object pairs (服务企业、服务项目); or a programme named inside a
// body's name, before its head (“百千万工程”指挥部办公室).
func (d *doc) projectClass(name string, sp span) bool {
	if anySuffixAt(d.r, sp.start, classLeads...) || hasAnyPrefix(name, classLeads) {
		return true
	}
	e := sp.end
	if e < len(d.r) && d.r[e] == '”' {
		e++
	}
	if d.bodyHeadAt(e) {
		return true // X区“百千万工程”指挥部办公室: inside a body's name (rule 4.6)
	}
	plain := stripQuotes(name)
	if amountClassRe.MatchString(plain) || eventActivityRe.MatchString(plain) {
		return true
	}
	return d.sloganPairs(plain)
}

// sloganPairs reports whether s is two or more items joined by 、 that
// each open with a verb (服务企业、服务项目; 抓项目、促发展): a slogan,
// not a list of names.
func (d *doc) sloganPairs(s string) bool {
	items := strings.Split(s, "、")
	if len(items) < 2 {
		return false
	}
	for _, it := range items {
		r := []rune(it)
		verb := false
		for n := min(len(r)-1, 2); n >= 1; n-- {
			if _, pos, found := d.lx.seg.Find(string(r[:n])); found && (pos == "v" || pos == "vn") && utf8.RuneCountInString(it) > n {
				verb = true
				break
			}
		}
		if !verb {
			return false
		}
	}
	return true
}

// listedProjects adds each line of a list under its heading (开工项目名单,
// then one project a line) that ends with a project's head as one project,
// whole: the company that runs it and every part it names (X有限公司Y、Z项目)
// belong to the name, which the line bounds (rule 5.1).
func (d *doc) listedProjects() {
	d.sitesCalledProjects()
	list := false
	for _, p := range d.paras {
		t := d.text(p)
		switch {
		case listHeadingRe.MatchString(t):
			list = true
		case !list:
		case strings.ContainsAny(t, "。，,；！？"):
			list = false
		case utf8.RuneCountInString(t) >= 6 && (strings.HasSuffix(t, "项目") || strings.HasSuffix(t, "工程")):
			d.addProject(t, p)
		}
	}
}

// bodyHeadAt reports whether a body's head of two characters or more
// starts at e, or right after one noun there (指挥部|办公室): what came
// before e is part of that body's name.
func (d *doc) bodyHeadAt(e int) bool {
	heads := func(k int) bool {
		for n := 2; n <= 6 && k+n <= len(d.r); n++ {
			if suf := d.lx.suffixEndingAt(d.r, k+n); utf8.RuneCountInString(suf) == n && (k+n == len(d.r) || d.cuts[k+n]) {
				return true
			}
		}
		return false
	}
	if heads(e) {
		return true
	}
	w, ok := d.words[e]
	if !ok || w-e < 2 {
		return false
	}
	_, pos, found := d.lx.seg.Find(d.sub(e, w))
	return found && pos == "n" && heads(w)
}

// siteListRe matches the sites of a tour listed before 等项目 (先后到A、B、
// C等项目现场, 深入A、B等3个项目): the text calls each item a project.
var siteListRe = regexp.MustCompile(`(?:到|深入|来到|走进|察看|观摩|调研|视察|考察)((?:[^、，,。；：“”（）()]{2,24}、)+[^、，,。；：“”（）()]{2,24})等(?:[\d一二三四五六七八九十]+个)?(?:重点|重大)?项目`)

// sitesCalledProjects adds the items of a tour's list of sites closed by
// 等项目 as projects, each named as written (rule 5.1: the items a text
// calls 项目), unless an item is a unit (X公司, visited, rule 7.6), a
// village or a generic phrase.
func (d *doc) sitesCalledProjects() {
	s := d.a.Text
	if !strings.Contains(s, "等") {
		return
	}
	rc := runeCounter{s: s}
	for _, m := range siteListRe.FindAllStringSubmatchIndex(s, -1) {
		if hasAnyPrefix(s[m[2]:], []string{"了", "过", "着"}) {
			continue // 看到了A、B等: what was seen, no tour's sites
		}
		at := rc.at(m[2])
		for _, it := range strings.Split(s[m[2]:m[3]], "、") {
			n := utf8.RuneCountInString(it)
			sp := span{at, at + n}
			at += n + 1
			r := []rune(it)
			if strings.ContainsAny(it, "的和与") || strings.Contains(it, "村") || hasAnyPrefix(it, projectGeneric) || isGeneric(it) ||
				d.lx.suffixEndingAt(r, len(r)) != "" || d.inPersonSpan(sp.start) || d.inProject(sp) {
				continue
			}
			d.addProject(it, sp)
		}
	}
}

// achievedTailRe matches what follows a campaign cited as already won
// (X攻坚战|已取得全面胜利, X|取得了决定性成就): the 已 or 了 marks a past
// achievement, not a programme in hand.
var achievedTailRe = regexp.MustCompile(`^”?(?:(?:已经?|业已)(?:取得|赢得|获得)了?|(?:取得|赢得|获得)了)[^，,。；]{0,8}(?:胜利|成就|成功)`)

// intentRe matches a word of intent ending right before a lead of
// achievedLeads (确保|如期打赢): the campaign is a goal, still in hand.
var intentRe = regexp.MustCompile(`(?:确保|要|力争|必须|坚决|全力|努力|奋力|决心)$`)

// achieved reports whether the project named at sp is cited as a past
// achievement (打赢了X, X已取得全面胜利): background an event recalls,
// not a programme it discussed (rule 5.2).
func (d *doc) achieved(sp span) bool {
	b := sp.start
	if b > 0 && d.r[b-1] == '“' {
		b--
	}
	for _, l := range d.lx.achievedLeads {
		if hasSuffixAt(d.r, b, l) {
			k := b - utf8.RuneCountInString(l)
			return !intentRe.MatchString(string(d.r[max(0, k-4):k])) // 确保如期打赢X: a goal
		}
	}
	e := min(sp.end, len(d.r))
	return achievedTailRe.MatchString(string(d.r[e:min(e+24, len(d.r))]))
}
