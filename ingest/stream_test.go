package ingest_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/graph/bolt"
	"github.com/kgproject/kg/ingest"
	"github.com/kgproject/kg/internal/gen"
)

const (
	noYear     = "2月3日，县委书记李青山主持会议。"
	statedYear = "1月13日下午，县里召开%d年第1次常务会议。"
	weakYear   = "2月3日，县里发布%d年报告。"
)

// TestYearNeverFromOtherInputs checks that an article's year comes from
// itself and its own page only, in the order settleYear gives, and never
// from the other files of the same call, whatever their order.
func TestYearNeverFromOtherInputs(t *testing.T) {
	for _, tc := range []struct {
		name  string
		year  int      // Options.Year
		files []string // name=content
		want  string   // title:year, in order
	}{
		{"not from a later page", 0, []string{"p0.md=# 甲\n\n" + noYear, "p1.md=# 乙\n\n" + fmt.Sprintf(statedYear, 2026)}, "甲:0 乙:2026"},
		{"not from an earlier page", 0, []string{"p0.md=# 甲\n\n" + fmt.Sprintf(statedYear, 2026), "p1.md=# 乙\n\n" + noYear}, "甲:2026 乙:0"},
		{"from its own page", 0, []string{"p0.md=# 甲\n\n" + noYear + "\n\n# 乙\n\n" + fmt.Sprintf(statedYear, 2025), "p1.md=# 丙\n\n" + fmt.Sprintf(statedYear, 2026)}, "甲:2025 乙:2025 丙:2026"},
		{"masthead", 0, []string{"p0.md=2024年1月3日 星期三\n\n# 甲\n\n" + noYear, "p1.md=# 乙\n\n" + fmt.Sprintf(statedYear, 2026)}, "甲:2024 乙:2026"},
		{"a full date of its own beats the masthead", 0, []string{"p0.md=2024年1月3日 星期三\n\n# 甲\n\n2023年12月30日，县委书记李青山主持会议。1月2日，李青山到白鹭镇调研。"}, "甲:2023"},
		{"the masthead beats a stated year", 0, []string{"p0.md=2024年1月3日 星期三\n\n# 甲\n\n" + fmt.Sprintf(statedYear, 2026)}, "甲:2024"},
		{"a published line", 0, []string{"p0.md=# 甲\n\n发布时间：2022-06-12 10:30　来源：县融媒体中心\n\n" + noYear}, "甲:2022"},
		{"front matter", 0, []string{"p0.md=---\ndate: 2021-05-06\nsource: 青禾日报\n---\n# 甲\n\n" + noYear}, "甲:2021"},
		{"the file name", 0, []string{"2019-05-06-news.md=# 甲\n\n" + noYear, "p1.md=# 乙\n\n" + noYear}, "甲:2019 乙:0"},
		{"a URL", 0, []string{`a.jsonl={"id": "x-1", "url": "https://www.example.gov.cn/art/2021/3/5/art_1.html", "text": "` + noYear + `"}`}, "2月3日，县委书记李青山主持会议:2021"},
		{"the published date beats a full date past the lead", 0, []string{`b.jsonl={"id": "x-2", "date": "2023-01-05", "text": "1月4日，县委书记李青山主持会议。\n据悉，该项目于2021年8月29日立项。"}`}, "1月4日，县委书记李青山主持会议:2023"},
		{"a full date past the lead, when nothing else dates it", 0, []string{"p0.md=# 甲\n\n1月4日，县委书记李青山主持会议。\n\n2021年8月29日，该项目立项。"}, "甲:2021"},
		{"a weak year of its own page only", 0, []string{"p0.md=# 甲\n\n" + noYear, "p1.md=# 乙\n\n" + fmt.Sprintf(weakYear, 2025)}, "甲:0 乙:2025"},
		{"the options' year before a year in passing", 2020, []string{"p0.md=# 甲\n\n" + fmt.Sprintf(weakYear, 2025)}, "甲:2020"},
		{"the options' year last", 2020, []string{"p0.md=# 甲\n\n" + noYear, "p1.md=# 乙\n\n" + fmt.Sprintf(statedYear, 2026)}, "甲:2020 乙:2026"},
		{"no year at all", 0, []string{"p0.md=# 甲\n\n" + noYear}, "甲:0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			read := func(files []string) map[string]string {
				dir := t.TempDir()
				var paths []string
				for _, f := range files {
					name, content, _ := strings.Cut(f, "=")
					write(t, filepath.Join(dir, name), content)
					paths = append(paths, filepath.Join(dir, name))
				}
				got := map[string]string{}
				err := pipeline(t, &ingest.Options{Year: tc.year}).Read(context.Background(), paths, func(a *ingest.Article) error {
					got[a.Title] = fmt.Sprintf("%s:%d", a.Title, a.Year)
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
				return got
			}
			got := read(tc.files)
			var ordered []string
			for _, w := range strings.Fields(tc.want) {
				title, _, _ := strings.Cut(w, ":")
				ordered = append(ordered, got[title])
			}
			if g := strings.Join(ordered, " "); g != tc.want {
				t.Errorf("years %s, want %s", g, tc.want)
			}
			rev := append([]string(nil), tc.files...)
			slices.Reverse(rev)
			if again := read(rev); !maps.Equal(again, got) {
				t.Errorf("read in the other order: %v, want %v", again, got)
			}
		})
	}
}

// TestReadStreams checks that Read hands out a file's articles before it
// parses the next file: a file rewritten while the first article is handed
// out is read as rewritten, and an input error is reported once.
func TestReadStreams(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.md"), "# 甲\n\n"+fmt.Sprintf(statedYear, 2026))
	write(t, filepath.Join(dir, "b.md"), "")
	write(t, filepath.Join(dir, "c.md"), "# 乙\n\n"+fmt.Sprintf(statedYear, 2025))
	var got []string
	err := pipeline(t, nil).Read(context.Background(), []string{dir}, func(a *ingest.Article) error {
		if len(got) == 0 {
			write(t, filepath.Join(dir, "c.md"), "# 丙\n\n"+noYear)
		}
		got = append(got, fmt.Sprintf("%s:%d", a.Title, a.Year))
		return nil
	})
	if err == nil || strings.Count(err.Error(), "b.md") != 1 {
		t.Errorf("error %v, want b.md named once", err)
	}
	if g, want := strings.Join(got, " "), "甲:2026 丙:0"; g != want {
		t.Errorf("articles %s, want %s", g, want)
	}
}

// batchStore is a graph.Store and graph.BatchWriter that keeps the facts it
// is given and the size of each batch, and rejects as invalid the facts of
// the article titled bad.
type batchStore struct {
	memStore
	bad     string
	batches []int
	stored  func() // called after each stored batch
}

func (s *batchStore) PutArticle(ctx context.Context, f *graph.ArticleFacts) error {
	if f.Article.Title == s.bad {
		return fmt.Errorf("test: %s: %w", f.Article.ID, graph.ErrInvalid)
	}
	return s.memStore.PutArticle(ctx, f)
}

func (s *batchStore) PutArticles(ctx context.Context, fs []*graph.ArticleFacts) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, f := range fs {
		if f.Article.Title == s.bad {
			return fmt.Errorf("test: %s: %w", f.Article.ID, graph.ErrInvalid)
		}
	}
	for _, f := range fs {
		s.memStore.PutArticle(ctx, f)
	}
	s.batches = append(s.batches, len(fs))
	if s.stored != nil {
		s.stored()
	}
	return nil
}

// TestIngestInterrupted checks that an ingest whose context is cancelled
// stores what it had extracted, in whole batches, and returns the
// context's error.
func TestIngestInterrupted(t *testing.T) {
	corpus := filepath.Join(t.TempDir(), "corpus")
	if _, err := gen.Write(corpus, &gen.Options{Seed: 5, Articles: 60, PerPage: 6}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st := &batchStore{memStore: memStore{facts: map[string]*graph.ArticleFacts{}}, stored: cancel}
	rep, err := pipeline(t, &ingest.Options{Batch: 4}).Ingest(ctx, st, []string{corpus})
	if !errors.Is(err, context.Canceled) || strings.Contains(err.Error(), "ingest: store") {
		t.Fatalf("Ingest: %v, want the context's error alone", err)
	}
	if rep.Articles != len(st.facts) || rep.Articles < 4 || rep.Articles >= 60 {
		t.Errorf("report counts %d articles, the store got %d of 60", rep.Articles, len(st.facts))
	}
	for i, n := range st.batches[:len(st.batches)-1] {
		if n != 4 {
			t.Errorf("batch %d of %v is not whole", i, st.batches)
		}
	}
}

func TestIngestBatches(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	for i := range 5 {
		fmt.Fprintf(&b, "# 会议%d\n\n3月%d日上午，县长王立新主持召开县政府常务会议。\n\n", i+1, i+1)
	}
	write(t, filepath.Join(dir, "page.md"), b.String())
	write(t, filepath.Join(dir, "empty.md"), "")
	for _, tc := range []struct {
		name    string
		bad     string
		batches string
		stored  int
	}{
		{"two a batch", "", "[2 2 1]", 5},
		{"an invalid article", "会议3", "[2 1]", 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := &batchStore{memStore: memStore{facts: map[string]*graph.ArticleFacts{}}, bad: tc.bad}
			rep, err := pipeline(t, &ingest.Options{Year: 2026, Batch: 2}).Ingest(context.Background(), st, []string{dir})
			if err != nil {
				t.Fatal(err)
			}
			if got := fmt.Sprint(st.batches); got != tc.batches {
				t.Errorf("batches %s, want %s", got, tc.batches)
			}
			if rep.Articles != tc.stored || len(st.facts) != tc.stored || rep.Files != 1 {
				t.Errorf("report %+v, stored %d, want %d articles of 1 file", rep, len(st.facts), tc.stored)
			}
			nodes := 0
			for _, f := range st.facts {
				nodes += len(f.Nodes)
			}
			if rep.Nodes != nodes {
				t.Errorf("report counts %d nodes, the store got %d", rep.Nodes, nodes)
			}
			var msgs []string
			for _, e := range rep.Errors {
				msgs = append(msgs, e.Error())
			}
			wantErrs := 1
			if tc.bad != "" {
				wantErrs = 2
				if !strings.Contains(strings.Join(msgs, "\n"), tc.bad) || !errors.Is(rep.Errors[0], graph.ErrInvalid) {
					t.Errorf("errors %q do not name %s", msgs, tc.bad)
				}
			}
			if len(msgs) != wantErrs || !strings.Contains(msgs[len(msgs)-1], "empty.md") {
				t.Errorf("errors %q, want %d ending with empty.md", msgs, wantErrs)
			}
		})
	}
}

// TestIngestSameWhateverTheWorkers checks that extracting on several
// goroutines and storing in batches gives the store a sequential run gives.
func TestIngestSameWhateverTheWorkers(t *testing.T) {
	corpus := filepath.Join(t.TempDir(), "corpus")
	if _, err := gen.Write(corpus, &gen.Options{Seed: 3, Articles: 36, PerPage: 4}); err != nil {
		t.Fatal(err)
	}
	dump := func(opts *ingest.Options, batched bool) string {
		st, err := bolt.Open(t.TempDir(), &bolt.Options{NoSync: true})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		var s graph.Store = st
		if !batched {
			s = struct{ graph.Store }{st} // hides any graph.BatchWriter
		}
		ctx := context.Background()
		rep, err := pipeline(t, opts).Ingest(ctx, s, []string{corpus})
		if err != nil || len(rep.Errors) > 0 || rep.Articles != 36 {
			t.Fatalf("Ingest: %v, report %+v", err, rep)
		}
		var buf bytes.Buffer
		if err := st.Dump(ctx, &buf); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	want := dump(&ingest.Options{Workers: 1}, false)
	if got := dump(&ingest.Options{Workers: 4, Batch: 5}, true); got != want {
		t.Errorf("4 workers, batches of 5: the dump differs from a sequential run's")
	}
}

// TestYearOfJSONLines checks that articles of JSON lines take their year
// from their own date, URL or text, never from the pages read with them.
func TestYearOfJSONLines(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.jsonl"), `{"id": "j1", "text": "`+noYear+`"}`+"\n{bad\n"+`{"id": "j2", "date": "2023-02-03", "text": "`+noYear+`"}`+"\n")
	write(t, filepath.Join(dir, "b.md"), "# 乙\n\n"+fmt.Sprintf(statedYear, 2026))
	var got []string
	err := pipeline(t, nil).Read(context.Background(), []string{dir}, func(a *ingest.Article) error {
		got = append(got, fmt.Sprintf("%s:%d", a.InputID, a.Year))
		return nil
	})
	if err == nil || !strings.Contains(err.Error(), "a.jsonl:2: bad json") {
		t.Errorf("error %v, want a.jsonl:2 named", err)
	}
	if g, want := strings.Join(got, " "), "j1:0 j2:2023 :2026"; g != want {
		t.Errorf("years %s, want %s", g, want)
	}
}
