package ingest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// readable lists the file extensions Read takes from folders.
var readable = map[string]bool{".md": true, ".markdown": true, ".txt": true, ".jsonl": true, ".json": true, ".html": true, ".htm": true}

// page is one parsed input: its articles and the year it states.
type page struct {
	articles []*Article
	year     int // the latest year the page's articles name in a way that dates them
	weakYear int // the latest year they mention, outside looking back
	// lines, when set, reads the articles of JSON lines instead, as they
	// are taken; such a page states no year of its own.
	lines *jsonLines
}

// next takes the page's next article, nil when there is none left.
func (pg *page) next() *Article {
	if pg.lines != nil {
		return pg.lines.next()
	}
	if len(pg.articles) == 0 {
		return nil
	}
	a := pg.articles[0]
	pg.articles[0] = nil // fn may keep a; the page no longer needs it
	pg.articles = pg.articles[1:]
	return a
}

// whole reports whether every article of the page could be read: false
// when reading its lines stopped early (a line too long, a read error).
func (pg *page) whole() bool {
	return pg.lines == nil || !pg.lines.broken
}

// errs returns the errors of the lines read, complete once every article
// was taken.
func (pg *page) errs() []error {
	if pg.lines != nil {
		return pg.lines.errs
	}
	return nil
}

// Read reads files or folders (recursively: .md .markdown .txt .jsonl .json
// .html .htm) and calls fn for each article, in order. Bad files or lines are
// reported as *InputError in the returned error (joined with errors.Join)
// and the rest goes on; an error from fn or ctx stops the read and is
// returned. An article's ID depends on the article, not on the path its
// file was reached by, and its year only on itself and its own page (see
// settleYear): nothing of one input changes what another gives.
//
// Read holds one input at a time: it parses a file, hands its articles to
// fn and lets it go before it reads the next.
func (p *Pipeline) Read(ctx context.Context, paths []string, fn func(*Article) error) error {
	files, errs := inputFiles(paths)
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		pg, perrs := p.readPage(f)
		errs = append(errs, perrs...)
		if pg == nil {
			continue
		}
		if err := p.emit(ctx, pg, fn); err != nil {
			return err
		}
		errs = append(errs, pg.errs()...)
	}
	return errors.Join(errs...)
}

// inputFiles lists the files paths name, folders walked in name order, and
// the errors of the paths that cannot be read.
func inputFiles(paths []string) ([]string, []error) {
	var files []string
	var errs []error
	for _, root := range paths {
		st, err := os.Stat(root)
		if err != nil {
			errs = append(errs, &InputError{Path: root, Err: err})
			continue
		}
		if !st.IsDir() {
			files = append(files, root)
			continue
		}
		var found []string
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, &InputError{Path: path, Err: err})
				return nil
			}
			// annotation files beside the pages (x.gold.json) and a
			// folder's README are no input
			base := strings.ToLower(d.Name())
			if !d.IsDir() && readable[strings.ToLower(filepath.Ext(path))] && !strings.HasSuffix(base, ".gold.json") && !strings.HasPrefix(base, "readme.") {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			errs = append(errs, &InputError{Path: root, Err: err})
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	return files, errs
}

// readPage reads and parses one file.
func (p *Pipeline) readPage(file string) (*page, []error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, []error{&InputError{Path: file, Err: err}}
	}
	return p.parse(data, file, pageKey(file), formatOf(file))
}

// ReadFrom reads one stream named name: JSON lines when jsonl is set, HTML
// when name ends .html or .htm, else a Markdown/text page. Errors are
// reported as in Read. Its articles name no Page: a stream is no file to
// read again.
func (p *Pipeline) ReadFrom(ctx context.Context, r io.Reader, name string, jsonl bool, fn func(*Article) error) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return &InputError{Path: name, Err: err}
	}
	f := formatText
	if jsonl {
		f = formatJSONL
	} else if ff := formatOf(name); ff == formatHTML {
		f = ff
	}
	pg, errs := p.parse(data, name, "", f)
	if pg != nil {
		if err := p.emit(ctx, pg, fn); err != nil {
			return err
		}
		errs = append(errs, pg.errs()...)
	}
	return errors.Join(errs...)
}

// emit settles the year of each article of pg and hands it to fn. The last
// article of a page that was read whole is marked as such (pageEnd), so
// that Ingest can retract what the page no longer holds.
func (p *Pipeline) emit(ctx context.Context, pg *page, fn func(*Article) error) error {
	a := pg.next()
	for a != nil {
		if err := ctx.Err(); err != nil {
			return err
		}
		p.settleYear(a, pg.year, pg.weakYear)
		next := pg.next()
		if next == nil {
			a.pageEnd = a.Page != "" && pg.whole()
		}
		if err := fn(a); err != nil {
			return err
		}
		a = next
	}
	return nil
}

type format int

const (
	formatText format = iota
	formatJSON
	formatJSONL
	formatHTML
)

func formatOf(path string) format {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".jsonl":
		return formatJSONL
	case ".json":
		return formatJSON
	case ".html", ".htm":
		return formatHTML
	}
	return formatText
}

// parse decodes and splits one input into articles; key is the input's
// Page, "" for a stream.
func (p *Pipeline) parse(data []byte, name, key string, f format) (*page, []error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, []error{&InputError{Path: name, Err: errors.New("empty input")}}
	}
	text, err := decode(data)
	if err != nil {
		return nil, []error{&InputError{Path: name, Err: err}}
	}
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	switch f {
	case formatJSON:
		return p.parseJSON(text, name, key)
	case formatJSONL:
		return p.parseJSONL(text, name, key)
	case formatHTML:
		m, body, err := readHTML(text)
		if err != nil {
			return nil, []error{&InputError{Path: name, Err: err}}
		}
		if m.Title == "" {
			return nil, []error{&InputError{Path: name, Err: errors.New("no title in the html page")}}
		}
		pg, err := parsePage("# "+m.Title+"\n"+body, name, key)
		if err != nil {
			return nil, []error{&InputError{Path: name, Err: err}}
		}
		for _, a := range pg.articles {
			m.apply(a)
		}
		pg.articles = assignAll(pg.articles, baseName(name))
		return pg, nil
	}
	pg, err := parsePage(text, name, key)
	if err != nil {
		return nil, []error{&InputError{Path: name, Err: err}}
	}
	pg.articles = assignAll(pg.articles, baseName(name))
	return pg, nil
}

// decode returns data as UTF-8: UTF-8 with or without BOM, UTF-16 with BOM,
// or GB18030. Binary data (NUL bytes) and bytes that are none of these are
// errors.
func decode(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		dec := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()
		out, _, err := transform.Bytes(dec, data)
		if err != nil {
			return "", fmt.Errorf("bad UTF-16: %w", err)
		}
		return string(out), nil
	}
	nul := bytes.IndexByte(data, 0) >= 0
	if nul || !utf8.Valid(data) {
		if s, ok := utf16NoBOM(data); ok {
			return s, nil
		}
	}
	if nul {
		return "", errors.New("binary data (NUL bytes), not a text page")
	}
	if utf8.Valid(data) {
		return string(data), nil
	}
	out, _, err := transform.Bytes(simplifiedchinese.GB18030.NewDecoder(), data)
	if err != nil || !plausibleChinese(out) {
		return "", errors.New("invalid UTF-8 and not GB18030 text")
	}
	return string(out), nil
}

// utf16NoBOM decodes UTF-16 text written without a byte-order mark, as
// some Windows tools save it: it tries both byte orders and keeps the one
// that decodes to plausible text (no control characters but tab and line
// ends, mostly CJK, ASCII and punctuation). Binary data decodes to
// scattered code points and is refused.
func utf16NoBOM(data []byte) (string, bool) {
	if len(data) < 2 || len(data)%2 != 0 {
		return "", false
	}
	for _, order := range []unicode.Endianness{unicode.LittleEndian, unicode.BigEndian} {
		out, _, err := transform.Bytes(unicode.UTF16(order, unicode.IgnoreBOM).NewDecoder(), data)
		if err != nil || !plausibleChinese(out) || hasControl(out) {
			continue
		}
		return string(out), true
	}
	return "", false
}

// hasControl reports whether b holds a control character other than tab,
// line feed and carriage return.
func hasControl(b []byte) bool {
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7F {
			return true
		}
	}
	return false
}

// plausibleChinese reports whether decoded GB18030 text looks like text:
// mostly common CJK, ASCII and punctuation rather than rare code points.
func plausibleChinese(b []byte) bool {
	n, odd := 0, 0
	for _, r := range string(b) {
		n++
		switch {
		case r == utf8.RuneError:
			odd++
		case r < 0x80, r >= 0x4E00 && r <= 0x9FFF, r >= 0x3000 && r <= 0x303F, r >= 0xFF00 && r <= 0xFFEF, r >= 0x2000 && r <= 0x206F:
		default:
			odd++
		}
	}
	return n > 0 && odd*10 <= n
}

// jsonLine is one article of JSON lines: "id" and "text" are required;
// the other fields are read under the names feeds commonly give them.
type jsonLine struct {
	ID          json.RawMessage `json:"id"`
	Text        *string         `json:"text"`
	Title       string          `json:"title"`
	Published   string          `json:"published"`
	Date        string          `json:"date"`
	PubTime     string          `json:"pubtime"`
	PublishTime string          `json:"publish_time"`
	URL         string          `json:"url"`
	Link        string          `json:"link"`
	Source      string          `json:"source"`
	Outlet      string          `json:"outlet"`
	Site        string          `json:"site"`
	Author      json.RawMessage `json:"author"`
}

// meta returns what the line says of its article besides id and text.
func (jl *jsonLine) meta() meta {
	m := meta{
		Title:  strings.TrimSpace(jl.Title),
		URL:    strings.TrimSpace(strOr(jl.URL, jl.Link)),
		Outlet: strings.TrimSpace(strOr(jl.Outlet, jl.Source, jl.Site)),
		Author: jsonText(jl.Author),
	}
	for _, d := range []string{jl.Published, jl.Date, jl.PubTime, jl.PublishTime} {
		if iso, ok := isoDate(d); ok {
			m.Published = iso
			break
		}
	}
	return m
}

// maxLineErrors caps the bad lines reported one by one for a file.
const maxLineErrors = 5

// parseJSONL reads {"id","text",…} lines; a bad line is an error naming
// it and the others go on. The lines are read as the page's articles are
// taken, one at a time, and their errors are the page's once all are
// taken. Such a page states no year of its own. key is the input's Page.
func (p *Pipeline) parseJSONL(text, name, key string) (*page, []error) {
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	return &page{lines: &jsonLines{sc: sc, name: name, key: key, weakPrefix: baseName(name), given: map[string]givenAt{}}}, nil
}

// givenAt is the line that first gave an article key, and its text's hash.
type givenAt struct {
	line int
	hash string
}

// jsonLines reads the articles of a JSON lines input one at a time.
type jsonLines struct {
	sc        *bufio.Scanner
	name, key string
	// weakPrefix qualifies ids that are only numbers (see articleKey)
	weakPrefix string
	given      map[string]givenAt // article key -> its first line
	line, bad  int
	errs       []error
	done       bool
	broken     bool // reading stopped before the end
}

// next returns the next article, nil at the end; errs is complete then.
// A line that repeats an earlier line's article (same ID and text) is
// skipped; one that gives an earlier line's explicit id with another
// text is an error naming both lines, and the first stands.
func (j *jsonLines) next() *Article {
	for !j.done && j.sc.Scan() {
		j.line++
		raw := strings.TrimSpace(j.sc.Text())
		if raw == "" {
			continue
		}
		var jl jsonLine
		if err := json.Unmarshal([]byte(raw), &jl); err != nil {
			j.bad++
			if j.bad <= maxLineErrors {
				j.errs = append(j.errs, &InputError{Path: j.name, Line: j.line, Err: fmt.Errorf("bad json: %w", err)})
			}
			continue
		}
		id := jsonID(jl.ID)
		if id == "" || jl.Text == nil {
			j.errs = append(j.errs, &InputError{Path: j.name, Line: j.line, Err: errors.New(`a line needs "id" and "text"`)})
			continue
		}
		m := jl.meta()
		a := &Article{
			InputID: id,
			Title:   m.Title,
			Source:  fmt.Sprintf("%s:%d", j.name, j.line),
			Page:    j.key,
		}
		m.apply(a)
		// The text stays verbatim: callers give offsets into it.
		a.Text = *jl.Text
		if a.Title == "" {
			a.Title = firstSentence(a.Text)
		}
		a.years = yearsOf(a)
		key, hash := articleKey(a, j.weakPrefix), textHash(a.Text)
		if first, seen := j.given[key]; seen {
			// an explicit id names one article: the same text again is a
			// repeat, a second text for it a mistake in the feed
			if first.hash != hash {
				j.errs = append(j.errs, &InputError{Path: j.name, Line: j.line, Err: fmt.Errorf("id %q was given to another text at line %d; this line is skipped", id, first.line)})
			}
			continue
		}
		j.given[key] = givenAt{j.line, hash}
		a.ID = articleID(key)
		return a
	}
	if !j.done {
		j.done = true
		if err := j.sc.Err(); err != nil {
			j.broken = true
			j.errs = append(j.errs, &InputError{Path: j.name, Line: j.line + 1, Err: err})
		}
		if j.bad > maxLineErrors {
			j.errs = append(j.errs, &InputError{Path: j.name, Err: fmt.Errorf("%d more bad lines", j.bad-maxLineErrors)})
		}
	}
	return nil
}

// parseJSON reads a .json file: an array of {"id","text"} objects, one
// such object, or an object holding an array of them; a file that parses
// as none of these is read as JSON lines.
func (p *Pipeline) parseJSON(text, name, key string) (*page, []error) {
	var v any
	if err := json.Unmarshal([]byte(text), &v); err != nil {
		return p.parseJSONL(text, name, key)
	}
	var items []any
	switch x := v.(type) {
	case []any:
		items = x
	case map[string]any:
		if _, ok := x["text"]; ok {
			items = []any{x}
		} else {
			for _, f := range x {
				if arr, ok := f.([]any); ok && len(arr) > 0 {
					if m, ok := arr[0].(map[string]any); ok && m["text"] != nil {
						items = arr
					}
				}
			}
		}
	}
	if len(items) == 0 {
		return nil, []error{&InputError{Path: name, Err: errors.New(`no articles: want {"id","text"} objects`)}}
	}
	var lines strings.Builder
	for _, it := range items {
		b, _ := json.Marshal(it)
		lines.Write(b)
		lines.WriteByte('\n')
	}
	return p.parseJSONL(lines.String(), name, key)
}

// jsonText reads a string, or a list of strings joined with 、, "" for
// anything else.
func jsonText(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return strings.TrimSpace(s)
	}
	var ss []string
	if json.Unmarshal(raw, &ss) == nil {
		return strings.Join(ss, "、")
	}
	return ""
}

func jsonID(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return strings.TrimSpace(s)
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	return ""
}

var (
	// a short line before the first heading that holds a full date is the
	// masthead, whatever stands around it (白岩报　2025年10月20日　星期一,
	// 琮州晚报 2025年9月22日 第A03版)
	mastheadLineRe = regexp.MustCompile(`((19|20)\d\d)年(\d{1,2})月(\d{1,2})日`)
	// a heading that is the page's masthead, not an article: 嵘州日报 2026年3月5日 星期四 第3版
	mastheadHeadingRe = regexp.MustCompile(`(?:19|20)\d\d年\d{1,2}月\d{1,2}日.*(?:星期|周[一二三四五六日天]|第.{1,3}版)|第.{1,3}版.*(?:19|20)\d\d年\d{1,2}月\d{1,2}日`)
	isoRe             = regexp.MustCompile(`((?:19|20)\d\d)[-/.年](\d{1,2})[-/.月](\d{1,2})`)
)

// parsePage splits a Markdown/text page at its headings into articles
// without IDs (see assignAll). A page without headings is one article
// whose title is its first short line. The page's metadata (front matter,
// a masthead, info lines before the first heading) goes to each article;
// an article's own info lines right under its heading win over it.
func parsePage(text, name, key string) (*page, error) {
	pg := &page{}
	pageMeta, lines := frontMatter(strings.Split(text, "\n"))
	var cur *Article
	var body []string
	var own meta // the current article's info lines
	lead := true // no paragraph of the current article yet
	// Articles start at # and ## headings, or at the page's highest level
	// when it has none of those (### 标题); deeper ones are subheadings.
	top := 6
	for _, ln := range lines {
		if n := headingLevel(strings.TrimSpace(ln)); n > 0 {
			top = min(top, n)
		}
	}
	top = max(top, 2)
	boldTitles := top == 6 && !anyHeading(lines)
	if boldTitles && !anyBoldTitle(lines) {
		lines = titleLine(lines, pageMeta.Title)
		top = 2
		boldTitles = false
	}
	flush := func() {
		if cur == nil {
			return
		}
		cur.Text = repair(body, compilationTitleRe.MatchString(cur.Title))
		cur.years = yearsOf(cur)
		own.fill(pageMeta)
		own.apply(cur)
		pg.articles = append(pg.articles, cur)
	}
	for _, ln := range lines {
		t := strings.TrimSpace(ln)
		h, isHeading := headingOf(t, top)
		if boldTitles && !isHeading {
			h, isHeading = boldTitle(t)
		}
		if isHeading && mastheadHeadingRe.MatchString(asciiDigits(h)) && (cur == nil || len(strings.TrimSpace(strings.Join(body, ""))) == 0) {
			if d, ok := isoDate(h); ok && pageMeta.Published == "" {
				pageMeta.Published = d
			}
			if loc := mastheadLineRe.FindStringIndex(asciiDigits(h)); loc != nil && pageMeta.Outlet == "" {
				pageMeta.Outlet = mastheadOutlet(asciiDigits(h), loc[0])
			}
			continue
		}
		if isHeading && cur != nil && strings.HasPrefix(h, "—") && len(strings.TrimSpace(strings.Join(body, ""))) == 0 {
			body = append(body, h) // a subtitle set as a heading (## ——记…)
			continue
		}
		if isHeading {
			flush()
			cur = &Article{Title: strings.TrimSpace(strings.Trim(h, "*")), Source: name, Page: key}
			body, own, lead = nil, meta{}, true
			continue
		}
		if cur == nil {
			if m, ok := infoFields(t); ok {
				pageMeta.fill(m)
				continue
			}
			if m := mastheadLineRe.FindStringIndex(asciiDigits(t)); m != nil && pageMeta.Published == "" && utf8.RuneCountInString(t) <= 40 {
				if d, ok := isoDate(asciiDigits(t)[m[0]:m[1]]); ok {
					pageMeta.Published = d
					pageMeta.Outlet = strOr(pageMeta.Outlet, mastheadOutlet(asciiDigits(t), m[0]))
				}
			}
			continue
		}
		if lead && t != "" {
			// the line stays in the text: the outlet it names is an
			// organisation of the article
			if m, ok := infoFields(t); ok {
				own.fill(m)
			} else {
				lead = false
			}
		}
		body = append(body, ln)
	}
	flush()
	if len(pg.articles) == 0 {
		return nil, errors.New("no article: the page has no heading and no text")
	}
	for _, a := range pg.articles {
		pg.year = max(pg.year, a.years.lead, a.years.later, a.years.stated)
		pg.weakYear = max(pg.weakYear, a.years.mention)
	}
	return pg, nil
}

// titleLine turns a page without headings into one article: its first
// short line (at most 60 characters, not ending a sentence), after any
// masthead and info lines, becomes the heading; when that line is long
// the given title, else the text's first sentence, heads it instead.
func titleLine(lines []string, title string) []string {
	for i, ln := range lines {
		t := strings.TrimSpace(ln)
		if t == "" {
			continue
		}
		if _, ok := infoFields(t); ok {
			continue
		}
		if m := mastheadLineRe.FindStringIndex(asciiDigits(t)); m != nil && utf8.RuneCountInString(t) <= 40 {
			continue
		}
		last, _ := utf8.DecodeLastRuneInString(t)
		out := append([]string(nil), lines[:i]...)
		if title == "" && utf8.RuneCountInString(t) <= 60 && !strings.ContainsRune("。！？；…", last) {
			return append(append(out, "# "+t), lines[i+1:]...)
		}
		if title == "" {
			title = firstSentence(strings.Join(lines[i:], "\n"))
		}
		return append(append(out, "# "+title), lines[i:]...)
	}
	return lines
}

// anyBoldTitle reports whether a page without headings sets its titles in
// bold lines of their own.
func anyBoldTitle(lines []string) bool {
	for _, ln := range lines {
		if _, ok := boldTitle(strings.TrimSpace(ln)); ok {
			return true
		}
	}
	return false
}

func anyHeading(lines []string) bool {
	for _, ln := range lines {
		if headingLevel(strings.TrimSpace(ln)) > 0 {
			return true
		}
	}
	return false
}

// boldTitle reads a line that is bold alone and short (**标题**) as the
// heading of a page that has no Markdown headings.
func boldTitle(t string) (string, bool) {
	if !strings.HasPrefix(t, "**") || !strings.HasSuffix(t, "**") || len(t) < 5 {
		return "", false
	}
	h := strings.TrimSpace(strings.Trim(t, "*"))
	if h == "" || strings.Contains(h, "**") || utf8.RuneCountInString(h) > 40 || strings.ContainsAny(h, "。；") || strings.Contains(h, "记者") || strings.Contains(h, "讯") {
		return "", false
	}
	return h, true
}

// headingLevel returns the level of a Markdown heading line, 0 for none.
func headingLevel(t string) int {
	n := 0
	for n < len(t) && t[n] == '#' {
		n++
	}
	if n == 0 || n > 6 || strings.TrimSpace(strings.Trim(t[n:], "#")) == "" {
		return 0
	}
	return n
}

// headingOf returns the text of a heading of level top or higher.
func headingOf(t string, top int) (string, bool) {
	n := headingLevel(t)
	if n == 0 || n > top {
		return "", false
	}
	return strings.TrimSpace(strings.TrimRight(t[n:], "# ")), true
}

func baseName(name string) string {
	if name == "-" || name == "" {
		return "stdin"
	}
	b := filepath.Base(name)
	if b == "." || b == "/" || b == "" {
		b = name
	}
	return strings.TrimSuffix(b, filepath.Ext(b))
}

// articleID makes an article node ID from a key that depends only on where
// the article comes from.
func articleID(key string) string {
	return "article/" + strings.Join(strings.Fields(key), "_")
}

func isoDate(s string) (string, bool) {
	m := isoRe.FindStringSubmatch(asciiDigits(s))
	if m == nil {
		return "", false
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	if mo < 1 || mo > 12 || d < 1 || d > 31 {
		return "", false
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, mo, d), true
}

// sentenceEnd holds the characters a paragraph may end with; one that ends
// otherwise was broken by a page break and continues on the next line.
const sentenceEnd = "。！？；…”」』：:!?;\"）)"

// creditLineRe matches a line of its own that credits the reporters
// (□记者 张三 通讯员 李四): it ends its paragraph without punctuation.
var creditLineRe = regexp.MustCompile(`^[□■●◆]?\s*(?:本报)?(?:记者|通讯员|实习生)[\p{Han}\s　]{2,30}$`)

// repair joins a body's lines into paragraphs separated by "\n": blank
// lines and markup are dropped, and a paragraph that does not end a
// sentence is joined with the next one without a separator, unless it is a
// credit line, a date and source line or a bare date and time line, which
// end without punctuation, or
// the heading of a brief's item (see itemHeadingLine). brief says the
// article is a compilation of briefs (国际联播快讯).
func repair(lines []string, brief bool) string {
	var paras []string
	open, list := false, false
	for i, ln := range lines {
		t := cleanLine(ln)
		sub := strings.HasPrefix(t, "#") // a subheading (### 一、…) ends its paragraph
		t = strings.TrimSpace(strings.TrimLeft(t, "#"))
		if t == "" || t == "---" || t == "***" {
			continue
		}
		item := itemHeadingLine(t, lines[i+1:], brief)
		// a list under its heading (开工项目名单): each line that holds no
		// sentence is an item of its own, however it ends
		list = list && !strings.ContainsAny(t, "。，,；！？") || listHeadingRe.MatchString(t)
		if list {
			open = false
		}
		if open && len(paras) > 0 && !item {
			paras[len(paras)-1] += t
		} else {
			paras = append(paras, t)
		}
		last, _ := utf8.DecodeLastRuneInString(t)
		_, info := infoFields(t)
		if !info {
			_, info = dateSourceLine(t)
		}
		info = info || timeLineRe.MatchString(t) // a page's bare date and time (05-09 11:12)
		open = !strings.ContainsRune(sentenceEnd, last) && !creditLineRe.MatchString(t) && !sub && !strings.HasPrefix(t, "—") && !info && !item
	}
	return strings.Join(paras, "\n")
}

// listHeadingRe matches the heading line of a list (开工项目名单, 签约项目
// 清单如下：), after which each line is an item.
var listHeadingRe = regexp.MustCompile(`^\p{Han}{0,16}(?:名单|清单|一览表?)(?:如下)?[：:]?$`)

// cleanLine drops a line's bold and quote markup and its spaces.
func cleanLine(ln string) string {
	t := strings.TrimSpace(strings.ReplaceAll(ln, "**", ""))
	return strings.TrimLeft(t, "> ")
}

// datedLeadRe matches a paragraph that opens with its own day and a comma
// (3日，…; 11月26日上午，…), the way a brief's item starts.
var datedLeadRe = regexp.MustCompile(`^(?:\d{1,2}月)?\d{1,2}日(?:上午|下午|晚上|晚间)?[，,]`)

// itemHeadingLine reports whether line t is the heading of a brief's item,
// a paragraph of its own rather than text cut by a page break: a short
// line with no punctuation in a compilation of briefs (brief), or before a
// paragraph opening with its own day (中企承建…主线贯通 / 3日，由…). A line
// cut mid-sentence does not stand before a dated opening, and a short line
// in an ordinary article is usually such a cut, so both conditions are
// needed to keep the join elsewhere.
func itemHeadingLine(t string, rest []string, brief bool) bool {
	n := utf8.RuneCountInString(t)
	if n < 4 || n > 40 || strings.ContainsAny(t, "。，；：:！？、,") {
		return false
	}
	if brief {
		return true
	}
	for _, ln := range rest {
		if next := strings.TrimSpace(strings.TrimLeft(cleanLine(ln), "#")); next != "" {
			return datedLeadRe.MatchString(asciiDigits(next))
		}
	}
	return false
}

func firstSentence(text string) string {
	r := []rune(text)
	for i, c := range r {
		if strings.ContainsRune("。！？\n", c) || i >= 40 {
			return strings.TrimSpace(string(r[:i]))
		}
	}
	return strings.TrimSpace(text)
}

var (
	yearRe = regexp.MustCompile(`((?:19|20)\d\d)年`)
	// a year naming the present: 2026年第2次…, 2026年一季度…, 2026年教育工作会议, 部署2026年重点任务
	presentYearRe = regexp.MustCompile(`^(?:第|[一二三四1-4]季度|上半年|下半年|[^，。；！？\n]{0,14}?(?:会议|培训班|活动|仪式|大会|论坛|重点任务|工作要点|计划|目标))`)
)

// statedYear returns the year an article states for itself: the latest
// year its title uses, or its body uses
// for the present (2026年第2次…, 部署2026年重点任务), not the years it looks
// back on (总结2025年…, 2025年度…, 2025年区级财政决算).
func statedYear(a *Article) int {
	best := 0
	eachYear(yearDigits(a.Title), func(y, _, _ int) { best = max(best, y) })
	s := yearDigits(a.Text)
	eachYear(s, func(y, start, end int) {
		before := s[max(0, start-12):start]
		after := s[end:]
		if lookingBack(before, after) {
			return
		}
		if presentYearRe.MatchString(after) || strings.HasSuffix(before, "部署") {
			best = max(best, y)
		}
	})
	return best
}

// eachYear calls fn with each year written yyyy年 (19xx or 20xx) in s and
// the byte offsets of its span, in order: the matches of yearRe, found
// without the regexp, which the long texts made slow.
func eachYear(s string, fn func(year, start, end int)) {
	const nian = "年"
	for i := 0; ; {
		j := strings.Index(s[i:], nian)
		if j < 0 {
			return
		}
		j += i
		i = j + len(nian)
		if j < 4 || !(s[j-4] == '1' && s[j-3] == '9' || s[j-4] == '2' && s[j-3] == '0') || !isDigit(s[j-2]) || !isDigit(s[j-1]) {
			continue
		}
		fn(int(s[j-4]-'0')*1000+int(s[j-3]-'0')*100+int(s[j-2]-'0')*10+int(s[j-1]-'0'), j-4, i)
	}
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// yearDigits is asciiDigits(s), without its cost for the texts it leaves
// as they are: valid UTF-8 without full-width digits, 〇 or 零.
func yearDigits(s string) string {
	if strings.Contains(s, "〇") || strings.Contains(s, "零") || !utf8.ValidString(s) {
		return asciiDigits(s)
	}
	// full-width digits are EF BC 90 to EF BC 99; full-width commas and
	// brackets share their first two bytes
	for i := 0; ; {
		j := strings.Index(s[i:], "\xef\xbc")
		if j < 0 {
			return s
		}
		i += j + 2
		if i < len(s) && s[i] >= 0x90 && s[i] <= 0x99 {
			return asciiDigits(s)
		}
	}
}

// lookingBack reports whether a year mention, between before and after,
// looks back on a past period: 总结2025年…, 通报了2025年…, 2025年度…,
// 2025年…完成情况, 2025年…决算.
func lookingBack(before, after string) bool {
	for _, w := range []string{"总结", "回顾", "回望", "盘点", "通报", "通报了", "汇报", "汇报了", "完成了"} {
		if strings.HasSuffix(before, w) {
			return true
		}
	}
	if strings.HasPrefix(after, "度") {
		return true
	}
	clause := after
	if i := strings.IndexAny(clause, "，。；！？\n"); i >= 0 {
		clause = clause[:i]
	}
	for _, w := range []string{"完成情况", "工作总结", "决算", "成绩", "成效"} {
		if strings.Contains(clause, w) {
			return true
		}
	}
	return false
}
