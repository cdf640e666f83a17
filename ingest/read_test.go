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
	if got := len(titles); got != 3 {
		t.Errorf("read %d articles (%v), want the good page and two good lines", got, titles)
	}
	if err == nil {
		t.Fatal("no error for the bad inputs")
	}
	msg := err.Error()
	for _, want := range []string{"empty.md: empty", "binary.md: binary", "invalid.md: invalid UTF-8", "nohead.md: no heading", "lines.jsonl:2: bad json", "missing.md"} {
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
	if want := []string{"article/page-01", "article/n1", "article/2"}; strings.Join(ids, " ") != strings.Join(want, " ") {
		t.Errorf("articles %v, want %v (no gold file, no README)", ids, want)
	}
}

func TestArticleIDsOfSameNamedFiles(t *testing.T) {
	dir := t.TempDir()
	for _, sub := range []string{"a", "b"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(dir, sub, "page.md"), page)
	}
	var ids []string
	if err := pipeline(t, nil).Read(context.Background(), []string{dir}, func(a *ingest.Article) error {
		ids = append(ids, a.ID)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if strings.Join(ids, " ") != "article/a/page-01 article/b/page-01" {
		t.Errorf("ids %v", ids)
	}
}
