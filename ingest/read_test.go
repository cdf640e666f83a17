package ingest_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/ingest"
)

const page = "# 县政府召开常务会议\n\n**本报讯（记者 陈思远）**3月2日上午，县长王立新主持召开县政府常务会议。\r\n"

func encode(t *testing.T, enc interface{ Bytes([]byte) ([]byte, error) }, s string) []byte {
	t.Helper()
	b, err := enc.Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestReadEncodings(t *testing.T) {
	for _, tc := range []struct {
		name string
		data func(t *testing.T) []byte
	}{
		{"utf8", func(t *testing.T) []byte { return []byte(page) }},
		{"utf8 bom", func(t *testing.T) []byte { return append([]byte{0xEF, 0xBB, 0xBF}, page...) }},
		{"gb18030", func(t *testing.T) []byte { return encode(t, simplifiedchinese.GB18030.NewEncoder(), page) }},
		{"utf16 bom", func(t *testing.T) []byte {
			return encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder(), page)
		}},
		{"utf16be bom", func(t *testing.T) []byte {
			return encode(t, unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder(), page)
		}},
		{"utf16le no bom", func(t *testing.T) []byte {
			return encode(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder(), page)
		}},
		{"utf16be no bom", func(t *testing.T) []byte {
			return encode(t, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewEncoder(), page)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "page.md")
			write(t, path, string(tc.data(t)))
			p := pipeline(t, nil)
			var got []*ingest.Article
			if err := p.Read(context.Background(), []string{path}, func(a *ingest.Article) error {
				got = append(got, a)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 || got[0].Title != "县政府召开常务会议" || !strings.HasSuffix(got[0].Text, "常务会议。") {
				t.Fatalf("articles %+v", got)
			}
		})
	}
}

func TestReadBadInputs(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{
		"empty.md":   nil,
		"binary.md":  {0x89, 'P', 'N', 'G', 0, 0, 0, 0x0d, 0x1a},
		"invalid.md": {'#', ' ', 0xff, 0xfe, 0xfd, 0x80, 0x81, 0xc0, 0xc1, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xfb},
		"nohead.md":  []byte("3月2日上午，县长王立新主持召开县政府常务会议。"),
		"good.md":    []byte(page),
		"lines.jsonl": []byte(`{"id": "a1", "text": "县长王立新主持会议。"}` + "\n" +
			`{"id": "a2", "text": ` + "\n" +
			`{"id": "a3", "text": "副县长周立群出席。"}` + "\n"),
	}
	for name, b := range files {
		write(t, filepath.Join(dir, name), string(b))
	}
	p := pipeline(t, nil)
	var titles []string
	err := p.Read(context.Background(), []string{dir, filepath.Join(dir, "missing.md")}, func(a *ingest.Article) error {
		titles = append(titles, a.Title)
		return nil
	})
	if got := len(titles); got != 4 {
		t.Errorf("read %d articles (%v), want the good page, the page without a heading and two good lines", got, titles)
	}
	if err == nil {
		t.Fatal("no error for the bad inputs")
	}
	msg := err.Error()
	for _, want := range []string{"empty.md: empty", "binary.md: binary", "invalid.md: invalid UTF-8", "lines.jsonl:2: bad json", "missing.md"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not mention %q", msg, want)
		}
	}
	var ie *ingest.InputError
	if !errors.As(err, &ie) {
		t.Errorf("error %v is not an *InputError", err)
	}
}

func TestReadJSONLKeepsTextAndID(t *testing.T) {
	p := pipeline(t, nil)
	in := `{"id": "pd-7", "text": "  县长王立新主持会议。\n会议强调，要抓好春耕。", "published": "2026-03-02"}` + "\n"
	var got *ingest.Article
	err := p.ReadFrom(context.Background(), strings.NewReader(in), "-", true, func(a *ingest.Article) error {
		got = a
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got.Text != "  县长王立新主持会议。\n会议强调，要抓好春耕。" || got.Published != "2026-03-02" {
		t.Errorf("article %+v", got)
	}
	if ex := p.Extract(got); ex.ID != "pd-7" {
		t.Errorf("extraction id %q, want the input id", ex.ID)
	}
}

func TestReadHTML(t *testing.T) {
	html := `<html><head><title>站点</title></head><body><h1>县政府召开常务会议</h1><p>3月2日上午，县长王立新主持召开县政府常务会议。</p><script>var x = "不要";</script><p>会议强调，要抓好春耕。</p></body></html>`
	path := filepath.Join(t.TempDir(), "a.html")
	write(t, path, html)
	p := pipeline(t, nil)
	var got *ingest.Article
	if err := p.Read(context.Background(), []string{path}, func(a *ingest.Article) error { got = a; return nil }); err != nil {
		t.Fatal(err)
	}
	if got.Title != "县政府召开常务会议" || strings.Contains(got.Text, "不要") || !strings.Contains(got.Text, "抓好春耕") {
		t.Errorf("article %+v", got)
	}
}

func TestSameInputSameFacts(t *testing.T) {
	p := pipeline(t, nil)
	facts := func() []byte {
		var buf bytes.Buffer
		_ = p.Read(context.Background(), []string{filepath.Join("testdata", "seed.md")}, func(a *ingest.Article) error {
			f, err := p.Facts(a)
			if err != nil {
				return err
			}
			buf.WriteString(f.Article.ID)
			for _, n := range f.Nodes {
				buf.WriteString(n.ID + n.Name)
			}
			for _, r := range f.Relations {
				buf.WriteString(r.ID)
			}
			return nil
		})
		return buf.Bytes()
	}
	if a, b := facts(), facts(); !bytes.Equal(a, b) {
		t.Error("two reads of the same page gave different facts")
	}
}

// memStore is a graph.Store that keeps the facts it is given.
type memStore struct {
	graph.Store
	facts map[string]*graph.ArticleFacts
}

func (m *memStore) PutArticle(_ context.Context, f *graph.ArticleFacts) error {
	m.facts[f.Article.ID] = f
	return nil
}

func (m *memStore) Nodes(_ context.Context, ids []string) ([]*graph.Node, error) {
	out := make([]*graph.Node, len(ids))
	for i, id := range ids {
		if f, ok := m.facts[id]; ok {
			out[i] = &f.Article
		}
	}
	return out, nil
}

func (m *memStore) FindNodes(_ context.Context, f graph.NodeFilter) (*graph.NodePage, error) {
	pg := &graph.NodePage{}
	for _, x := range m.facts {
		if x.Article.Page == f.Page {
			pg.Nodes = append(pg.Nodes, &x.Article)
		}
	}
	return pg, nil
}

func (m *memStore) DeleteArticle(_ context.Context, id string) error {
	delete(m.facts, id)
	return nil
}

func TestIngestCollectsInputErrors(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "good.md"), page)
	write(t, filepath.Join(dir, "empty.md"), "")
	st := &memStore{facts: map[string]*graph.ArticleFacts{}}
	rep, err := pipeline(t, nil).Ingest(context.Background(), st, []string{dir})
	if err != nil {
		t.Fatalf("Ingest: %v (input errors are not fatal)", err)
	}
	if rep.Files != 1 || rep.Articles != 1 || len(rep.Errors) != 1 || len(st.facts) != 1 || rep.Nodes == 0 || rep.Relations == 0 {
		t.Errorf("report %+v, stored %d", rep, len(st.facts))
	}
	if !strings.Contains(rep.Errors[0].Error(), "empty.md") {
		t.Errorf("error %v does not name the file", rep.Errors[0])
	}
}

func TestReadFolderAndJSON(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "page.md"), page)
	write(t, filepath.Join(dir, "page.gold.json"), `{"file": "page.md", "articles": [{"title": "县政府召开常务会议"}]}`)
	write(t, filepath.Join(dir, "README.md"), "# 说明\n\n本目录收录测试版面。")
	if err := os.MkdirAll(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "sub", "list.json"), `[{"id": "n1", "text": "县长王立新主持会议。"}, {"id": 2, "text": "副县长周立群出席。", "title": "乙"}]`)
	var ids []string
	err := pipeline(t, nil).Read(context.Background(), []string{dir}, func(a *ingest.Article) error {
		ids = append(ids, a.ID)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// the page's article has no outlet and no date: its title and text
	// name it; the number 2 names an article within its feed only
	if want := []string{"article/县政府召开常务会议~02edfbab", "article/n1", "article/list/2"}; strings.Join(ids, " ") != strings.Join(want, " ") {
		t.Errorf("articles %v, want %v (no gold file, no README)", ids, want)
	}
}

// TestArticleIDs checks that an article's ID depends on what the article
// is, not on the path its file was reached by: the same page under two
// names is one article, two pages of the same name are two.
func TestArticleIDs(t *testing.T) {
	dir := t.TempDir()
	for _, sub := range []string{"a", "b", "c"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write(t, filepath.Join(dir, "a", "index.md"), page)
	write(t, filepath.Join(dir, "b", "index.md"), page)
	write(t, filepath.Join(dir, "c", "index.md"), strings.Replace(page, "3月2日", "3月9日", 1))
	read := func(paths ...string) []string {
		var ids []string
		if err := pipeline(t, nil).Read(context.Background(), paths, func(a *ingest.Article) error {
			ids = append(ids, a.ID)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return ids
	}
	all := read(dir)
	if len(all) != 3 || all[0] != all[1] || all[0] == all[2] {
		t.Errorf("ids %v: want a and b alike (same page), c apart (same title, other text)", all)
	}
	alone := read(filepath.Join(dir, "a", "index.md"))
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(filepath.Join(dir, "a"), link); err != nil {
		t.Fatal(err)
	}
	if again := read(filepath.Join(dir, "a", ".", "..", "a", "index.md"), filepath.Join(link, "index.md")); len(again) != 2 || again[0] != alone[0] || again[1] != alone[0] {
		t.Errorf("ids %v by other spellings of the path, want %v", again, alone)
	}
}

func TestArticleIDOrder(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"outlet, date and title", "青禾日报　2025年10月20日　星期一\n\n# 县委召开常委会会议\n\n10月19日，县委书记李青山主持召开县委常委会会议。", "article/青禾日报/2025-10-20/县委召开常委会会议"},
		{"date and title", "# 县委召开常委会会议\n\n发布时间：2025-10-20\n\n10月19日，县委书记李青山主持会议。", "article/2025-10-20/县委召开常委会会议"},
		{"a URL first", "---\nurl: https://www.example.gov.cn/art/2025/10/20/art_1.html\nsource: 青禾日报\ndate: 2025-10-20\n---\n# 县委召开常委会会议\n\n10月19日，县委书记李青山主持会议。", "article/example.gov.cn/art/2025/10/20/art_1.html"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var ids []string
			if err := pipeline(t, nil).ReadFrom(context.Background(), strings.NewReader(tc.in), "p.md", false, func(a *ingest.Article) error {
				ids = append(ids, a.ID)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if len(ids) != 1 || ids[0] != tc.want {
				t.Errorf("ids %v, want %s", ids, tc.want)
			}
		})
	}
}

// TestSameTitleSameDay checks that two articles of one page that share an
// outlet, date and title (two 简讯 of one day) keep apart, each named by its
// text, and that an article given twice is read once.
func TestSameTitleSameDay(t *testing.T) {
	in := "青禾日报　2025年10月20日　星期一\n\n# 简讯\n\n10月19日，县委书记李青山到白鹭镇调研。\n\n# 简讯\n\n10月19日，县长王立新主持召开县政府常务会议。\n\n# 简讯\n\n10月19日，县委书记李青山到白鹭镇调研。"
	var ids []string
	if err := pipeline(t, nil).ReadFrom(context.Background(), strings.NewReader(in), "p.md", false, func(a *ingest.Article) error {
		ids = append(ids, a.ID)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(ids) != 2 || ids[0] == ids[1] || !strings.HasPrefix(ids[0], "article/青禾日报/2025-10-20/简讯~") {
		t.Errorf("ids %v", ids)
	}
}

func TestReadJSONLMetadataAndDuplicates(t *testing.T) {
	in := `{"id": "VID-0001-a", "url": "https://tv.example.com/2022/01/01/VID-0001-a.shtml", "date": "2022-01-01", "source": "新闻联播", "author": ["陈立", "周明"], "title": "国内联播快讯", "text": "1月1日，甲。"}
{"id": "VID-0001-b", "url": "https://tv.example.com/2022/01/02/VID-0001-b.shtml", "pubtime": "2022-01-02 19:00:00", "title": "国内联播快讯", "text": "1月2日，乙。"}
{"id": "VID-0001-a", "title": "国内联播快讯", "text": "1月1日，甲。"}
{"id": "VID-0001-a", "title": "国内联播快讯", "text": "1月1日，丙。"}
`
	var got []*ingest.Article
	err := pipeline(t, nil).ReadFrom(context.Background(), strings.NewReader(in), "feed.jsonl", true, func(a *ingest.Article) error {
		got = append(got, a)
		return nil
	})
	if err == nil || !strings.Contains(err.Error(), "feed.jsonl:4:") || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("error %v, want line 4 named as giving line 1's id to another text", err)
	}
	if len(got) != 2 {
		t.Fatalf("articles %+v, want the two daily items once each", got)
	}
	a, b := got[0], got[1]
	if a.ID != "article/VID-0001-a" || a.URL != "https://tv.example.com/2022/01/01/VID-0001-a.shtml" || a.Published != "2022-01-01" || a.Outlet != "新闻联播" || a.Author != "陈立、周明" || a.Year != 2022 {
		t.Errorf("first %+v", a)
	}
	if b.ID == a.ID || b.Published != "2022-01-02" {
		t.Errorf("second %+v", b)
	}
}

func TestPlainText(t *testing.T) {
	for _, tc := range []struct {
		name, in, title, text string
	}{
		{"first short line", "县政府召开常务会议\n\n3月2日上午，县长王立新主持召开县政府常务会议。", "县政府召开常务会议", "3月2日上午，县长王立新主持召开县政府常务会议。"},
		{"masthead and info lines first", "青禾日报 2026年3月3日 星期二\n来源：青禾日报\n县政府召开常务会议\n3月2日上午，县长王立新主持召开县政府常务会议。", "县政府召开常务会议", "3月2日上午，县长王立新主持召开县政府常务会议。"},
		{"a long first line", "3月2日上午，县长王立新主持召开县政府常务会议，研究部署春耕生产。会议强调，要抓好春耕。", "3月2日上午，县长王立新主持召开县政府常务会议，研究部署春耕生产", "3月2日上午，县长王立新主持召开县政府常务会议，研究部署春耕生产。会议强调，要抓好春耕。"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []*ingest.Article
			if err := pipeline(t, nil).ReadFrom(context.Background(), strings.NewReader(tc.in), "news.txt", false, func(a *ingest.Article) error {
				got = append(got, a)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 || got[0].Title != tc.title || got[0].Text != tc.text {
				t.Errorf("articles %+v, want %q: %q", got, tc.title, tc.text)
			}
		})
	}
	// a .txt page with several articles still works with headings
	var titles []string
	if err := pipeline(t, nil).ReadFrom(context.Background(), strings.NewReader("# 甲\n\n3月2日，甲。\n\n# 乙\n\n3月3日，乙。"), "news.txt", false, func(a *ingest.Article) error {
		titles = append(titles, a.Title)
		return nil
	}); err != nil || strings.Join(titles, " ") != "甲 乙" {
		t.Errorf("titles %v, %v", titles, err)
	}
}

// TestOutletFromDateline checks that an article whose input names no
// outlet takes the one its dateline names (央视网消息（新闻联播）：, 青禾日报讯).
func TestOutletFromDateline(t *testing.T) {
	p := pipeline(t, nil)
	for _, tc := range []struct{ in, want string }{
		{`{"id": "x-1", "date": "2023-01-02", "text": "央视网消息（新闻联播）：1月2日，国务院总理李强主持召开国务院常务会议。"}`, "央视网"},
		{`{"id": "x-2", "date": "2023-01-02", "source": "青禾新闻网", "text": "青禾日报讯 1月2日，县长王立新主持召开县政府常务会议。"}`, "青禾新闻网"},
	} {
		var got string
		err := p.ReadFrom(context.Background(), strings.NewReader(tc.in), "feed.jsonl", true, func(a *ingest.Article) error {
			f, err := p.Facts(a)
			if err != nil {
				return err
			}
			got = f.Article.Outlet
			return nil
		})
		if err != nil || got != tc.want {
			t.Errorf("%s: outlet %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}
