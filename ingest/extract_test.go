package ingest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/kgproject/kg/ingest"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func TestExtractGolden(t *testing.T) {
	p := pipeline(t, &ingest.Options{RulesOnly: true})
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	err := p.Read(context.Background(), []string{filepath.Join("testdata", "seed.md")}, func(a *ingest.Article) error {
		ex := p.Extract(a)
		text := []rune(a.Text)
		for _, m := range ex.Mentions {
			if m.Start < 0 || m.End > len(text) || string(text[m.Start:m.End]) != m.Text {
				t.Errorf("%s: mention %+v does not match the text", a.ID, m)
			}
		}
		return enc.Encode(ex)
	})
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "seed.extract.golden.jsonl")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("Extract output differs from %s (run go test -update after checking the change):\n%s", golden, buf.String())
	}
}

func TestExtractWithTagger(t *testing.T) {
	p := pipeline(t, nil)
	a := &ingest.Article{ID: "article/t", Text: "3月2日上午，县长王立新在青禾县主持召开县政府常务会议，研究白鹭河综合治理工程。"}
	ex := p.Extract(a)
	types := map[string]bool{}
	for _, m := range ex.Mentions {
		types[m.Type] = true
		if got := string([]rune(a.Text)[m.Start:m.End]); got != m.Text || utf8.RuneCountInString(m.Text) != m.End-m.Start {
			t.Errorf("mention %+v does not match the text %q", m, got)
		}
	}
	for _, typ := range []string{"Person", "Date", "Project"} {
		if !types[typ] {
			t.Errorf("no %s mention in %+v", typ, ex.Mentions)
		}
	}
}
