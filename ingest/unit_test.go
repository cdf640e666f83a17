package ingest_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/graph/bolt"
	"github.com/kgproject/kg/ingest"
)

// sixArticles is a masthead page of six dated meeting reports.
func sixArticles(skip int) string {
	var b strings.Builder
	b.WriteString("青禾日报　2026年3月10日　星期二\n\n")
	for i := 1; i <= 6; i++ {
		if i == skip {
			continue
		}
		fmt.Fprintf(&b, "# 县里召开第%d次专题会议\n\n3月%d日上午，县长王立新主持召开第%d次专题会议，副县长周立群出席。\n\n", i, i, i)
	}
	return b.String()
}

func openBolt(t *testing.T) *bolt.Store {
	t.Helper()
	st, err := bolt.Open(t.TempDir(), &bolt.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func dumpOf(t *testing.T, st graph.Store) string {
	t.Helper()
	var buf bytes.Buffer
	if err := st.Dump(context.Background(), &buf); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestPageIsAUnit checks that a page read again replaces what it gave
// before: articles it no longer holds are retracted, edited ones replaced,
// the others unchanged, and the store ends as a fresh ingest of the page
// as it is now.
func TestPageIsAUnit(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "page.md")
	st := openBolt(t)
	ingestNow := func(content string) *ingest.Report {
		t.Helper()
		write(t, path, content)
		rep, err := pipeline(t, nil).Ingest(ctx, st, []string{path})
		if err != nil || len(rep.Errors) > 0 {
			t.Fatalf("Ingest: %v %v", err, rep.Errors)
		}
		return rep
	}
	count := func(rep *ingest.Report) string {
		return fmt.Sprintf("new %d replaced %d unchanged %d retracted %d", rep.New, rep.Replaced, rep.Unchanged, rep.Retracted)
	}
	for _, step := range []struct {
		name, content, want string
	}{
		{"first read", sixArticles(0), "new 6 replaced 0 unchanged 0 retracted 0"},
		{"the same again", sixArticles(0), "new 0 replaced 0 unchanged 6 retracted 0"},
		{"the 2nd article gone", sixArticles(2), "new 0 replaced 0 unchanged 5 retracted 1"},
		{"an article edited", strings.Replace(sixArticles(2), "副县长周立群出席。\n\n# 县里召开第4次", "副县长周立群、陈立出席。\n\n# 县里召开第4次", 1), "new 0 replaced 1 unchanged 4 retracted 0"},
	} {
		rep := ingestNow(step.content)
		if got := count(rep); got != step.want {
			t.Errorf("%s: %s, want %s", step.name, got, step.want)
		}
		fresh := openBolt(t)
		if _, err := pipeline(t, nil).Ingest(ctx, fresh, []string{path}); err != nil {
			t.Fatal(err)
		}
		if dumpOf(t, st) != dumpOf(t, fresh) {
			t.Errorf("%s: the store differs from a fresh ingest of the page as it is", step.name)
		}
	}
}

// TestArticlesAsReached checks the cases of files reached by other paths:
// two folders' index.md are two articles, and one file reached alone and
// then within its folder is one.
func TestArticlesAsReached(t *testing.T) {
	ctx := context.Background()
	coll := t.TempDir()
	for i, sub := range []string{"a", "b"} {
		if err := os.MkdirAll(filepath.Join(coll, sub), 0o755); err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(coll, sub, "index.md"), fmt.Sprintf("# 县里召开专题会议\n\n3月%d日上午，县长王立新主持召开专题会议。", i+2))
	}
	st := openBolt(t)
	for _, p := range []string{filepath.Join(coll, "a", "index.md"), filepath.Join(coll, "b", "index.md"), coll} {
		if _, err := pipeline(t, &ingest.Options{Year: 2026}).Ingest(ctx, st, []string{p}); err != nil {
			t.Fatal(err)
		}
	}
	pg, err := st.FindNodes(ctx, graph.NodeFilter{Labels: []graph.Label{graph.LabelArticle}})
	if err != nil {
		t.Fatal(err)
	}
	if pg.Total != 2 {
		t.Errorf("%d articles, want 2 (a and b, once each)", pg.Total)
	}
	events, err := st.FindNodes(ctx, graph.NodeFilter{Labels: []graph.Label{graph.LabelEvent}})
	if err != nil {
		t.Fatal(err)
	}
	if events.Total != 2 {
		t.Errorf("%d events, want 2", events.Total)
	}
}

// TestIngestOrderFree checks that two inputs ingested in either order give
// the same graph.
func TestIngestOrderFree(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a := filepath.Join(dir, "2022.jsonl")
	b := filepath.Join(dir, "2023.jsonl")
	write(t, a, `{"id": "x-2022-1", "date": "2022-03-02", "text": "3月2日上午，县长王立新主持召开县政府常务会议。"}`+"\n")
	write(t, b, `{"id": "x-2023-1", "date": "2023-03-02", "text": "3月2日上午，县长王立新主持召开县政府常务会议，副县长周立群出席。"}`+"\n")
	one, two := openBolt(t), openBolt(t)
	for _, p := range []string{a, b} {
		if _, err := pipeline(t, nil).Ingest(ctx, one, []string{p}); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range []string{b, a} {
		if _, err := pipeline(t, nil).Ingest(ctx, two, []string{p}); err != nil {
			t.Fatal(err)
		}
	}
	d := dumpOf(t, one)
	if d != dumpOf(t, two) {
		t.Error("2023 after 2022 and 2022 after 2023 give different graphs")
	}
	if !strings.Contains(d, `"date":"2022-03-02"`) || !strings.Contains(d, `"date":"2023-03-02"`) {
		t.Errorf("each event dated by its own line's date:\n%s", d)
	}
}
