package ingest

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// A date's year comes only from its own article or page, in this order:
//  1. a full date in the article's title or lead (2026年3月28日);
//  2. the page's masthead or the published date the input gives;
//  3. a date in the article's URL or its file's name, else a full date
//     further in the article;
//  4. a year the article, else its page, names in a way that dates it
//     (主持召开2026年第2次党政联席会议, not 总结2025年工作);
//  5. Options.Year;
//  6. the latest year the article, else its page, mentions otherwise
//     than looking back (2026年是“十五五”开局之年; not 总结2025年, 2025年以来);
//  7. none: the article's dates without a year stay undated.
// Nothing of another input is ever used.

// fullDateRe matches a full date: 2026年3月28日, 2026-03-28.
// (二〇二四年四月十六日 once asciiDigits has read its year).
var fullDateRe = regexp.MustCompile(`((?:19|20)\d\d)(?:年(\d{1,2}|[一二三四五六七八九十]{1,3})月(\d{1,2}|[一二三四五六七八九十]{1,3})日|-(\d{1,2})-(\d{1,2}))`)

// textYears are the years an article's title and text give (see
// settleYear), found once when the article is read.
type textYears struct {
	lead    int // the first full date of the title or lead paragraph
	later   int // the first full date further in that no rule or period starts from
	stated  int // the latest year named for the present (statedYear)
	mention int // the latest year mentioned, outside looking back (mentionedYear)
}

// yearsOf finds the years of a's title and text.
func yearsOf(a *Article) textYears {
	lead, rest, _ := strings.Cut(a.Text, "\n")
	y := textYears{stated: statedYear(a), mention: mentionedYear(a)}
	for _, s := range []string{a.Title, lead} {
		if y.lead = firstFullDate(asciiDigits(s), false); y.lead > 0 {
			break
		}
	}
	if y.lead == 0 {
		y.later = firstFullDate(asciiDigits(rest), true)
	}
	return y
}

// firstFullDate is the year of the first full date in s, 0 when none; with
// skipStarts, a date a rule or period starts from (自2019年5月1日起施行)
// does not count. Such a date further in an article may be one in passing
// (a brief recalling 2021年8月29日), so it comes after the page's own
// dates (see settleYear).
func firstFullDate(s string, skipStarts bool) int {
	for _, m := range fullDateRe.FindAllStringSubmatchIndex(s, -1) {
		if skipStarts && (hasAnyPrefix(s[m[1]:], []string{"起", "以来", "施行", "实施", "开始", "前", "之前", "至今", "出生", "生"}) || strings.HasSuffix(s[:m[0]], "自") || strings.HasSuffix(s[:m[0]], "于")) {
			continue
		}
		if y := validFullDate(s, m); y > 0 {
			return y
		}
	}
	return 0
}

func validFullDate(s string, m []int) int {
	num := func(i int) int {
		if m[2*i] < 0 {
			return 0
		}
		if n, err := strconv.Atoi(s[m[2*i]:m[2*i+1]]); err == nil {
			return n
		}
		return cnNumber(s[m[2*i]:m[2*i+1]])
	}
	y, mo, d := num(1), num(2)+num(4), num(3)+num(5)
	if mo < 1 || mo > 12 || d < 1 || d > 31 {
		return 0
	}
	return y
}

// settleYear sets a.Year from the article and its page (see above);
// pageYear is the year the page's articles name in a way that dates them,
// weakYear the latest they mention otherwise.
func (p *Pipeline) settleYear(a *Article, pageYear, weakYear int) {
	if a.Year > 0 {
		return
	}
	published := 0
	if a.Published != "" {
		published, _ = strconv.Atoi(a.Published[:4])
	}
	own := a.years
	for _, year := range []func() int{
		func() int { return own.lead },
		func() int { return published },
		func() int { return nameYear(a.URL, a.Source) },
		func() int { return own.later },
		func() int { return own.stated },
		func() int { return pageYear },
		func() int { return p.year },
		func() int { return own.mention },
		func() int { return weakYear },
	} {
		if y := year(); y > 0 {
			a.Year = y
			return
		}
	}
}

// monthDayRe finds a date without a year: 3月28日.
var monthDayRe = regexp.MustCompile(`(?:^|[^\d年])\d{1,2}月\d{1,2}日`)

// Undated reports whether the article gives month-day dates (3月28日) and
// nothing gives their year: neither its text, its page, its name nor
// Options.Year.
func (a *Article) Undated() bool {
	return a.Year == 0 && monthDayRe.MatchString(asciiDigits(a.Text))
}

// frontMatter reads a page's YAML front matter (between --- lines at its
// start): its metadata, and the lines after it. A page without one, or
// whose front matter is not a YAML map, is returned as it is.
func frontMatter(lines []string) (meta, []string) {
	i := 0
	for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	if i >= len(lines) || strings.TrimSpace(lines[i]) != "---" {
		return meta{}, lines
	}
	for j := i + 1; j < len(lines) && j < i+64; j++ {
		if t := strings.TrimSpace(lines[j]); t != "---" && t != "..." {
			continue
		}
		var v map[string]any
		if yaml.Unmarshal([]byte(strings.Join(lines[i+1:j], "\n")), &v) != nil || len(v) == 0 {
			return meta{}, lines
		}
		var m meta
		str := func(keys ...string) string {
			for _, k := range keys {
				switch x := v[k].(type) {
				case string:
					if s := strings.TrimSpace(x); s != "" {
						return s
					}
				case []any:
					var parts []string
					for _, e := range x {
						if s, ok := e.(string); ok {
							parts = append(parts, s)
						}
					}
					if len(parts) > 0 {
						return strings.Join(parts, "、")
					}
				case time.Time: // a YAML date (2026-03-28)
					return x.Format(time.DateOnly)
				}
			}
			return ""
		}
		m.Title = str("title", "标题")
		if d, ok := isoDate(str("date", "published", "pubdate", "pubtime", "publish_date", "发布时间", "日期")); ok {
			m.Published = d
		}
		m.URL = str("url", "link", "source_url", "链接")
		m.Outlet = str("source", "outlet", "site", "来源")
		m.Author = str("author", "authors", "作者")
		return m, lines[j+1:]
	}
	return meta{}, lines
}

// apply sets the fields of a that m gives and a does not have.
func (m meta) apply(a *Article) {
	a.Published = strOr(a.Published, m.Published)
	a.URL = strOr(a.URL, m.URL)
	a.Outlet = strOr(a.Outlet, m.Outlet)
	a.Author = strOr(a.Author, m.Author)
}

// mastheadOutlet is the name a masthead line gives before its date
// (白岩日报　2025年10月20日　星期一), "" when it gives none.
func mastheadOutlet(line string, dateStart int) string {
	s := strings.TrimSpace(strings.Trim(strings.TrimSpace(line[:dateStart]), "#*　 |｜"))
	if s == "" || utf8.RuneCountInString(s) > 16 || strings.ContainsAny(s, "0123456789：:，。") {
		return ""
	}
	for _, r := range s {
		if !(r >= 0x4e00 && r <= 0x9fff) && r != '·' && r != ' ' && r != '　' {
			return ""
		}
	}
	return strings.Join(strings.Fields(s), "")
}

// mentionedYear returns the latest year an article mentions at all,
// except in phrases that look back (总结2025年, 2025年度, 2025年以来,
// 2025年，…), 0 when none.
func mentionedYear(a *Article) int {
	best := 0
	s := yearDigits(a.Title + "\n" + a.Text)
	eachYear(s, func(y, start, end int) {
		before, after := s[max(0, start-12):start], s[end:]
		if lookingBack(before, after) || hasAnyPrefix(after, []string{"，", "以来", "底", "末", "全年", "累计"}) {
			return
		}
		best = max(best, y)
	})
	return best
}
