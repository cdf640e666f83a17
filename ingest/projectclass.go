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
