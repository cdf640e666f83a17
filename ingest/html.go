package ingest

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// meta is what an input says about an article besides its text: each
// field empty when the input does not say it. Published is YYYY-MM-DD.
type meta struct {
	Title, Published, URL, Outlet, Author string
}

// fill sets the fields of m that are empty to those of f.
func (m *meta) fill(f meta) {
	for _, p := range [...]struct {
		to   *string
		from string
	}{
		{&m.Title, f.Title}, {&m.Published, f.Published}, {&m.URL, f.URL}, {&m.Outlet, f.Outlet}, {&m.Author, f.Author},
	} {
		if *p.to == "" {
			*p.to = p.from
		}
	}
}

// readHTML reads an HTML page: what its head and visible date and source
// lines say of the article, and the text of its main content, a block
// element a line.
//
// The main content is what readability finds once the page's title, date
// and source lines and its navigation, share bars and footers are taken
// out; a page it finds (almost) nothing in is read whole, less those.
func readHTML(s string) (meta, string, error) {
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return meta{}, "", fmt.Errorf("parse html: %w", err)
	}
	head := readHead(doc)
	line := takeInfoLines(doc)
	m := meta{
		Title:     strOr(h1Title(doc, head.outlet, head.site, siteOfTitle(head.pageTitle)), head.title, titleOfTitle(head.pageTitle)),
		Published: strOr(head.published, line.Published),
		URL:       head.URL,
		Outlet:    strOr(head.outlet, line.Outlet, head.site),
		Author:    strOr(head.Author, line.Author),
	}
	prune(doc, furniture)
	body := bodyLines(doc, &m)
	if line.Outlet != "" {
		// the source line names the outlet, an organisation of the
		// article as a Markdown page's source line does; the rest of the
		// line (dates, counters) stays out
		body = append([]string{"来源：" + line.Outlet}, body...)
	}
	return m, strings.Join(body, "\n"), nil
}

// minReadable is the length, in code points, under which what readability
// finds is taken for nothing and the page is read whole instead.
const minReadable = 30

// bodyLines returns the lines of the page's main content, less its title,
// boilerplate and the date and source lines takeInfoLines could not take
// (text of <body> itself), whose fields fill those m lacks.
func bodyLines(doc *html.Node, m *meta) []string {
	if lines := readableLines(doc, m); lines != nil {
		return lines
	}
	return contentLines(doc, m)
}

// readableLines returns the lines of the content readability finds in doc,
// nil when it finds none or (almost) nothing.
func readableLines(doc *html.Node, m *meta) []string {
	a, err := readability.FromDocument(doc, nil)
	if err != nil || a.Node == nil {
		return nil
	}
	lines := contentLines(a.Node, m)
	if utf8.RuneCountInString(strings.Join(lines, "")) < minReadable {
		return nil
	}
	return lines
}

// contentLines returns the block lines of n, less the title and the lines
// that are a page's furniture rather than its article.
func contentLines(n *html.Node, m *meta) []string {
	title := compact(m.Title)
	var out []string
	for _, ln := range blockLines(n) {
		if f, ok := infoFields(ln); ok {
			m.fill(f)
			continue
		}
		if ln == title || boilerplateLine(ln) {
			continue
		}
		out = append(out, ln)
	}
	return out
}

// head is what a page's <head> says: its <title>, its canonical address
// and its <meta> fields.
type head struct {
	meta
	title, pageTitle, site, published, outlet string
}

// readHead reads the <title>, <link rel=canonical> and <meta> elements of
// doc, the Open Graph names and those Chinese government sites' CMSs use
// (ArticleTitle, PubDate, ContentSource, SiteName).
func readHead(doc *html.Node) head {
	var h head
	set := func(p *string, v string) {
		if *p == "" {
			*p = compact(v)
		}
	}
	walk(doc, func(n *html.Node) bool {
		switch n.DataAtom {
		case atom.Title:
			set(&h.pageTitle, textOf(n))
		case atom.Link:
			if strings.EqualFold(attr(n, "rel"), "canonical") {
				set(&h.URL, attr(n, "href"))
			}
		case atom.Meta:
			v := attr(n, "content")
			switch strings.ToLower(strOr(attr(n, "property"), attr(n, "name"))) {
			case "article:published_time", "pubdate", "publishdate":
				if d, ok := isoDate(v); ok {
					set(&h.published, d)
				}
			case "articletitle", "og:title":
				set(&h.title, v)
			case "og:url":
				set(&h.URL, v)
			case "contentsource":
				set(&h.outlet, v)
			case "og:site_name", "sitename":
				set(&h.site, v)
			case "author":
				set(&h.Author, v)
			}
		}
		return true
	})
	return h
}

// titleSuffixRe matches the site name a <title> ends with: 标题 - 某县人民政府,
// 标题_县区动态_某市人民政府.
var titleSuffixRe = regexp.MustCompile(`\s+[-|–—]\s+.*$|\s*_.*$`)

// titleOfTitle returns the article title a <title> holds, less the site's
// name.
func titleOfTitle(t string) string {
	if s := strings.TrimSpace(titleSuffixRe.ReplaceAllString(t, "")); s != "" {
		return s
	}
	return t
}

// siteOfTitle returns the site's name a <title> ends with, "" when it
// names none.
func siteOfTitle(t string) string {
	if loc := titleSuffixRe.FindStringIndex(t); loc != nil {
		parts := strings.FieldsFunc(t[loc[0]:], func(r rune) bool { return strings.ContainsRune(" -|–—_", r) })
		if len(parts) > 0 {
			return parts[len(parts)-1]
		}
	}
	return ""
}

// h1Title returns the text of the page's first h1 that is not part of its
// furniture nor one of the site's names.
func h1Title(doc *html.Node, sites ...string) string {
	title := ""
	walk(doc, func(n *html.Node) bool {
		if title != "" || furniture(n) {
			return false
		}
		if n.DataAtom == atom.H1 {
			if t := compact(textOf(n)); t != "" && !slices.Contains(sites, t) {
				title = t
			}
			return false
		}
		return true
	})
	return title
}

// infoLabelRe matches the labels of a page's date and source line:
// 发布时间：2025-06-12 10:30　来源：某县融媒体中心　作者：张三　浏览次数：123.
var infoLabelRe = regexp.MustCompile(`(发布时间|发布日期|发表时间|日期|时间|信息来源|文章来源|来源|稿源|作者|责任编辑|编辑|浏览次数|阅读次数|阅读量|访问量|浏览量|点击数|点击量|字号)\s*[:：]`)

// takeInfoLines reads and removes from doc its date and source lines and
// its masthead line (琮州日报 2025年6月12日 星期四 第A03版), returning the
// date, source and author they give.
func takeInfoLines(doc *html.Node) meta {
	var m meta
	prune(doc, func(n *html.Node) bool {
		if n.Type != html.ElementNode || !block[n.DataAtom] || n.DataAtom == atom.Body {
			return false
		}
		t := fieldText(n)
		if f, ok := infoFields(t); ok {
			m.fill(f)
			return true
		}
		flat := compact(t)
		if utf8.RuneCountInString(flat) > 40 {
			return false
		}
		if folded := asciiDigits(flat); mastheadHeadingRe.MatchString(folded) {
			m.fill(mastheadFields(folded))
			return true
		}
		if m.Author == "" && creditLineRe.MatchString(flat) {
			m.Author = creditNames(flat) // a byline stays in the body
		}
		return false
	})
	return m
}

// mastheadFields reads the date of an e-edition's masthead line (琮州日报
// 2025年06月12日 星期四 第A03版), and the paper it names before the date.
func mastheadFields(t string) meta {
	var m meta
	loc := mastheadLineRe.FindStringIndex(t)
	if loc == nil {
		return m
	}
	m.Published, _ = isoDate(t[loc[0]:loc[1]])
	if paper := strings.Trim(t[:loc[0]], " |｜·"); strings.HasSuffix(paper, "报") && utf8.RuneCountInString(paper) <= 12 {
		m.Outlet = paper
	}
	return m
}

// maxInfoLine is the longest date and source line, in code points.
const maxInfoLine = 160

// fullDateOnlyRe matches a value that is a full date and nothing else
// (2023-02-01, 2023年2月1日 09:30).
var fullDateOnlyRe = regexp.MustCompile(`^(?:19|20)\d\d(?:[-/.]\d{1,2}[-/.]\d{1,2}|年\d{1,2}月\d{1,2}日)(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?$`)

// infoFields reads the date, source and author of t when t is a date and
// source line: labelled fields alone, no sentence, and either two labels
// or one that only such a line uses. Field values end at a "\u3000", as
// fieldText ends each piece of text.
func infoFields(t string) (meta, bool) {
	flat := strings.TrimLeft(strings.TrimSpace(t), "【[（(")
	if len(flat) > 4*maxInfoLine || utf8.RuneCountInString(flat) > maxInfoLine || strings.Contains(flat, "。") {
		return meta{}, false
	}
	locs := infoLabelRe.FindAllStringSubmatchIndex(flat, -1)
	if len(locs) == 0 || locs[0][0] != 0 {
		return meta{}, false
	}
	if len(locs) == 1 {
		switch flat[locs[0][2]:locs[0][3]] {
		case "日期", "时间":
			// 时间：6月12日上午 is a notice's line; 时间:2023-02-01 alone
			// under the heading is the page's date
			if v := strings.TrimSpace(flat[locs[0][1]:]); !fullDateOnlyRe.MatchString(asciiDigits(v)) {
				return meta{}, false
			}
		case "编辑", "作者", "字号":
			return meta{}, false
		}
	}
	var m meta
	for i, loc := range locs {
		end := len(flat)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		v := fieldValue(flat[loc[1]:end])
		switch flat[loc[2]:loc[3]] {
		case "发布时间", "发布日期", "发表时间", "日期", "时间":
			if d, ok := isoDate(v); ok {
				m.Published = strOr(m.Published, d)
			}
		case "信息来源", "文章来源", "来源", "稿源":
			m.Outlet = strOr(m.Outlet, v)
		case "作者":
			m.Author = strOr(m.Author, creditNames(v))
		}
	}
	return m, true
}

// fieldValue returns the value a label starts: up to the end of its piece
// of text or a separator (|, 【…】, two spaces).
func fieldValue(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, "\u3000|｜【】[]\t"); i >= 0 {
		s = s[:i]
	}
	if i := strings.Index(s, "  "); i >= 0 {
		s = s[:i]
	}
	if loc := nextLabelRe.FindStringIndex(s); loc != nil {
		s = s[:loc[0]] // 来源:X新闻网 发布单位:Y: a field this reader does not know still ends the one before it
	}
	return strings.TrimSpace(s)
}

// nextLabelRe matches a space and a label of any field after a value
// (发布单位：, 所属栏目：), known to infoLabelRe or not.
var nextLabelRe = regexp.MustCompile(`\s+\p{Han}{2,6}\s*[:：]`)

// creditWordRe matches the words of a byline that are not names.
var creditWordRe = regexp.MustCompile(`本报|特约|首席|记者|通讯员|实习生|摄影|文/图|文／图|文图|文/|图/|[□■●◆：:]`)

// creditNames returns the names of a byline (本报记者 李明 通讯员 赵小红),
// joined with "、".
func creditNames(s string) string {
	return strings.Join(strings.Fields(strings.NewReplacer("、", " ", "，", " ", ",", " ").Replace(creditWordRe.ReplaceAllString(s, " "))), "、")
}

// boilerplateRe matches what only a page's furniture says: breadcrumbs,
// share bars, view counters, print and close links, font-size switchers,
// footers and e-edition page lists.
var boilerplateRe = regexp.MustCompile(`^(?:当前位置|您现在的位置|你现在的位置|您的位置|所在位置|位置)\s*[:：]|(?:首页|主页)\s*[>＞»›/]|分享到|浏览次数|阅读次数|阅读量|访问量|浏览量|点击数|点击量|打印本页|打印此页|关闭窗口|【打印】|【关闭】|字号\s*[:：]|主办单位|承办单位|主办\s*[:：]|版权所有|ICP备|公网安备|网站标识码|网站地图|技术支持|^上一篇|^下一篇|^第[A-Za-z0-9０-９]{1,4}版|^[（(]?责任编辑`)

// boilerplateLine reports whether a line is a page's furniture: short, no
// sentence, and saying what boilerplateRe knows, or nothing but digits and
// punctuation.
func boilerplateLine(ln string) bool {
	if strings.Contains(ln, "。") || utf8.RuneCountInString(ln) > 80 {
		return false
	}
	return boilerplateRe.MatchString(ln) || strings.IndexFunc(ln, func(r rune) bool { return unicode.IsLetter(r) }) < 0
}

// furnitureClassRe matches the class and id of a page's furniture:
// navigation, breadcrumbs, footers, share bars, tool bars.
var furnitureClassRe = regexp.MustCompile(`(?i)(?:^|[^a-z])(?:nav|navbar|menu|bread|crumbs?|breadcrumbs?|position|location|dqwz|header|footer|foot|bottom|copyright|share|sharebar|bdsharebuttonbox|fenxiang|print|fontsize|zihao|toolbar|tools|sidebar|related|xgxw|comment|banner|logo|search)(?:$|[^a-z])|breadcrumb|footer|copyright|bdshare`)

// furniture reports whether n is part of a page's furniture rather than its
// article: by its tag or by its class or id.
func furniture(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Nav, atom.Header, atom.Footer, atom.Aside,
		atom.Form, atom.Button, atom.Select, atom.Iframe, atom.Object, atom.Svg:
		return true
	case atom.Html, atom.Body:
		return false
	}
	return furnitureClassRe.MatchString(attr(n, "class")) || furnitureClassRe.MatchString(attr(n, "id"))
}

// prune removes from doc the nodes drop reports true for, in document
// order, without looking into them.
func prune(doc *html.Node, drop func(*html.Node) bool) {
	var gone []*html.Node
	walk(doc, func(n *html.Node) bool {
		if drop(n) {
			gone = append(gone, n)
			return false
		}
		return true
	})
	for _, n := range gone {
		n.Parent.RemoveChild(n)
	}
}

// block holds the elements that end a line of text; the others (span, a,
// strong, font…) run on in it.
var block = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true, atom.Body: true,
	atom.Br: true, atom.Caption: true, atom.Center: true, atom.Dd: true, atom.Details: true,
	atom.Dialog: true, atom.Div: true, atom.Dl: true, atom.Dt: true, atom.Fieldset: true,
	atom.Figcaption: true, atom.Figure: true, atom.Footer: true, atom.Form: true, atom.H1: true,
	atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Header: true,
	atom.Hr: true, atom.Li: true, atom.Main: true, atom.Nav: true, atom.Ol: true, atom.P: true,
	atom.Pre: true, atom.Section: true, atom.Summary: true, atom.Table: true, atom.Tbody: true,
	atom.Td: true, atom.Tfoot: true, atom.Th: true, atom.Thead: true, atom.Tr: true, atom.Ul: true,
	atom.Title: true,
}

// blockLines returns the text of n a block element a line, each line's
// white space folded, empty lines left out. Scripts, styles and the head
// are no text.
func blockLines(n *html.Node) []string {
	var lines []string
	var cur strings.Builder
	end := func() {
		if t := compact(cur.String()); t != "" {
			lines = append(lines, t)
		}
		cur.Reset()
	}
	var rec func(n *html.Node)
	rec = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Head:
				return
			}
		}
		isBlock := n.Type == html.ElementNode && block[n.DataAtom]
		if isBlock {
			end()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
		if isBlock {
			end()
		}
	}
	rec(n)
	end()
	return lines
}

// compact folds the white space of s: none at its ends, none where a
// line of the page's source breaks between two Chinese characters, one
// space elsewhere.
func compact(s string) string {
	var b strings.Builder
	var last rune
	space, newline := false, false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			newline = newline || r == '\n'
			continue
		}
		if space && b.Len() > 0 && !(newline && wide(last) && wide(r)) {
			b.WriteByte(' ')
		}
		space, newline = false, false
		b.WriteRune(r)
		last = r
	}
	return b.String()
}

// wide reports whether r is a Chinese character or full-width punctuation,
// which need no space between them.
func wide(r rune) bool {
	return unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF
}

// fieldText returns the text of n with each text node's text ended by
// "\u3000", so that a field's value ends where its element does; "" when
// n is too long to be an info line.
func fieldText(n *html.Node) string {
	var b strings.Builder
	nodes := 0
	walk(n, func(c *html.Node) bool {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
			b.WriteString("\u3000")
		}
		// a longer text, or one in more elements, is no info line; not
		// reading further keeps the walk over nested blocks linear
		nodes++
		return b.Len() <= 4*maxInfoLine+16 && nodes <= maxInfoLine
	})
	if b.Len() > 4*maxInfoLine+16 || nodes > maxInfoLine {
		return ""
	}
	return b.String()
}

// textOf returns the text of n's text nodes, scripts and styles left out.
func textOf(n *html.Node) string {
	return strings.Join(blockLines(n), " ")
}

// walk calls fn on n and its descendants, in document order, skipping
// the children of a node fn returns false for.
func walk(n *html.Node, fn func(*html.Node) bool) {
	if !fn(n) {
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// strOr returns the first of vs that is not empty.
func strOr(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}
