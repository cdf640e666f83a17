package ingest

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// dateMention is a date expression found in an article.
type dateMention struct {
	span
	text      string
	date      string // YYYY-MM-DD, "" when the year or month is unknown
	endDate   string
	partOfDay string
}

var (
	// 2026年1月13日下午, 3月5日至6日, 3月30日至4月2日, 18日上午, 4月8—10日
	dateRe = regexp.MustCompile(`(?:((?:19|20)\d\d)年)?(?:(\d{1,2})月)?(\d{1,2})(?:日(?:(?:至|到|—|－|-|~|～)(?:(\d{1,2})月)?(\d{1,2})日)?|(?:至|到|—|－|-|~|～)(\d{1,2})日)(上午|下午|晚上|晚间|中午|早上|早晨|凌晨|傍晚|夜间|夜里|晚)?`)
	// 三月五日上午, 九月二十日至二十一日, 二〇二五年十月九日: the same
	// shapes in Chinese numerals.
	cnDateRe = regexp.MustCompile(`(?:([〇零一二三四五六七八九]{4})年)?(?:([一二三四五六七八九十]{1,2})月)?([一二三四五六七八九十]{1,3})日(?:(?:至|到|—|－|-|~|～)(?:([一二三四五六七八九十]{1,2})月)?([一二三四五六七八九十]{1,3})日)?(上午|下午|晚上|晚间|中午|早上|早晨|凌晨|傍晚|夜间|夜里|晚)?`)
	// 当晚, 当天下午 carry the date of the occasion.
	sameDayRe = regexp.MustCompile(`当(晚|天|日)(上午|下午|晚上|中午)?`)
)

// isDateChar reports whether c can be part of a match of dateRe or
// cnDateRe (see findAllInRuns).
func isDateChar(c rune) bool {
	if c >= '0' && c <= '9' {
		return true
	}
	switch c {
	case '年', '月', '日', '至', '到', '—', '－', '-', '~', '～',
		'上', '下', '午', '晚', '间', '中', '早', '晨', '凌', '傍', '夜', '里',
		'〇', '零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十':
		return true
	}
	return false
}

// partOfDayWord normalises a part-of-day word.
func partOfDayWord(w string) string {
	switch w {
	case "晚", "晚间", "夜间", "夜里":
		return "晚上"
	case "早上", "早晨":
		return "上午"
	}
	return w
}

// findDates returns the date expressions of text, resolved with year and
// month (0 when unknown): a bare day (18日) takes the month of the nearest
// earlier date, else month.
func findDates(text string, year, month int) []dateMention {
	text = asciiDigits(text)
	var out []dateMention
	curMonth := month
	rc := runeCounter{s: text}
	for _, m := range findAllInRuns(dateRe, text, isDateChar, "日") {
		g := func(k int) string {
			if m[2*k] < 0 {
				return ""
			}
			return text[m[2*k]:m[2*k+1]]
		}
		start := rc.at(m[0])
		end := start + utf8.RuneCountInString(text[m[0]:m[1]])
		if g(6) != "" && g(2) == "" {
			continue // 8—10日 names its month (4月8—10日), else it is no date
		}
		if g(2) == "" {
			// A bare day must stand alone: not 24日均, not inside a number.
			if m[0] > 0 {
				prev, _ := utf8.DecodeLastRuneInString(text[:m[0]])
				relative := strings.HasSuffix(text[:m[0]], "本月") || strings.HasSuffix(text[:m[0]], "当月")
				if prev >= '0' && prev <= '9' || (prev == '月' && !relative) || prev == '年' {
					continue
				}
			}
		}
		y := year
		if g(1) != "" {
			y, _ = strconv.Atoi(g(1))
		}
		mo := curMonth
		if g(2) != "" {
			mo, _ = strconv.Atoi(g(2))
		}
		d, _ := strconv.Atoi(g(3))
		dm := dateMention{span: span{start, end}, text: text[m[0]:m[1]], partOfDay: partOfDayWord(g(7))}
		if mo >= 1 && mo <= 12 {
			curMonth = mo
		}
		dm.date = isoDay(y, mo, d)
		if g(5) != "" || g(6) != "" {
			emo := mo
			if g(4) != "" {
				emo, _ = strconv.Atoi(g(4))
			}
			ed, _ := strconv.Atoi(g(5) + g(6))
			dm.endDate = isoDay(y, emo, ed)
			if dm.date == "" {
				dm.endDate = ""
			}
		}
		out = append(out, dm)
	}
	out = append(out, findCNDates(text, year)...)
	out = append(out, findCompactDates(text, year)...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}

// compactDateRe matches a month and day written as four digits with no
// 月 or 日, as some pages open their lead (1129上午，…): only at a
// paragraph's start and before a part of the day and a comma, where four
// digits can be nothing else.
var compactDateRe = regexp.MustCompile(`(?m)^[\s　]*((?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))(上午|下午|晚上|中午|早上|凌晨|傍晚)[，,]`)

// findCompactDates returns the compact dates of text (compactDateRe).
func findCompactDates(text string, year int) []dateMention {
	if !strings.ContainsAny(text, "午晚早晨") {
		return nil
	}
	var out []dateMention
	rc := runeCounter{s: text}
	for _, m := range compactDateRe.FindAllStringSubmatchIndex(text, -1) {
		md := text[m[2]:m[3]]
		mo, _ := strconv.Atoi(md[:2])
		d, _ := strconv.Atoi(md[2:])
		start := rc.at(m[2])
		dm := dateMention{span: span{start, start + 4 + utf8.RuneCountInString(text[m[4]:m[5]])}, text: text[m[2]:m[5]], partOfDay: partOfDayWord(text[m[4]:m[5]])}
		dm.date = isoDay(year, mo, d)
		out = append(out, dm)
	}
	return out
}

// findCNDates returns the dates written in Chinese numerals; they must
// name their month (九月二十日下午, 三月五日至六日).
func findCNDates(text string, year int) []dateMention {
	if !strings.Contains(text, "月") {
		return nil
	}
	var out []dateMention
	rc := runeCounter{s: text}
	for _, m := range findAllInRuns(cnDateRe, text, isDateChar, "日") {
		g := func(k int) string {
			if m[2*k] < 0 {
				return ""
			}
			return text[m[2*k]:m[2*k+1]]
		}
		if g(2) == "" {
			continue
		}
		y := year
		if g(1) != "" {
			y = cnNumber(g(1))
		}
		mo, d := cnNumber(g(2)), cnNumber(g(3))
		start := rc.at(m[0])
		dm := dateMention{span: span{start, start + utf8.RuneCountInString(text[m[0]:m[1]])}, text: text[m[0]:m[1]], partOfDay: partOfDayWord(g(6))}
		dm.date = isoDay(y, mo, d)
		if g(5) != "" && dm.date != "" {
			emo := mo
			if g(4) != "" {
				emo = cnNumber(g(4))
			}
			dm.endDate = isoDay(y, emo, cnNumber(g(5)))
		}
		out = append(out, dm)
	}
	return out
}

// asciiDigits folds full-width digits (３月５日) to ASCII, one code point
// for one, so that offsets stay.
func asciiDigits(s string) string {
	s = strings.Map(func(c rune) rune {
		if c >= '０' && c <= '９' {
			return c - '０' + '0'
		}
		return c
	}, s)
	if strings.ContainsAny(s, "〇零") {
		// a year written digit by digit (二〇二五年) is a year like 2025年
		s = cnYearRe.ReplaceAllStringFunc(s, func(m string) string {
			return strings.Map(func(c rune) rune {
				if d := strings.IndexRune("〇一二三四五六七八九", c); d >= 0 {
					return '0' + rune(d/3)
				}
				if c == '零' {
					return '0'
				}
				return c
			}, m)
		})
	}
	return s
}

var cnYearRe = regexp.MustCompile(`[一二][〇零一二三四五六七八九]{3}年`)

// isoDay formats a calendar day, "" when any part is unknown or invalid.
func isoDay(y, m, d int) string {
	if y <= 0 || m < 1 || m > 12 || d < 1 || d > 31 {
		return ""
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
}

// cnNumber reads a Chinese numeral up to 99 or a four-digit year written
// digit by digit (二〇二五); 0 when it is none.
func cnNumber(s string) int {
	digit := func(c rune) int {
		return strings.IndexRune("〇一二三四五六七八九", c) / 3
	}
	r := []rune(s)
	if len(r) == 4 {
		n := 0
		for _, c := range r {
			if c == '零' {
				c = '〇'
			}
			d := strings.IndexRune("〇一二三四五六七八九", c)
			if d < 0 {
				return 0
			}
			n = n*10 + d/3
		}
		return n
	}
	switch {
	case len(r) == 1 && r[0] == '十':
		return 10
	case len(r) == 1:
		return digit(r[0])
	case len(r) == 2 && r[0] == '十':
		return 10 + digit(r[1])
	case len(r) == 2 && r[1] == '十':
		return digit(r[0]) * 10
	case len(r) == 3 && r[1] == '十':
		return digit(r[0])*10 + digit(r[2])
	}
	return 0
}
