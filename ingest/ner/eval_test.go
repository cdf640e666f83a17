package ner_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kgproject/kg/ingest/ner"
	"github.com/kgproject/kg/ingest/ner/internal/score"
)

// sharedNER is where the project's NER sets live next to the repository.
var sharedNER = filepath.Join("..", "..", "..", "shared", "data", "ner")

// TestSharedDevFigures measures the shipped model on the held-out dev sets
// (never trained on) with nerscore's rules, and fails below the targets of
// issue 4 (the figures in doc.go are above them). It skips without
// ../shared.
func TestSharedDevFigures(t *testing.T) {
	if _, err := os.Stat(sharedNER); err != nil {
		t.Skipf("no shared data: %v", err)
	}
	tg, err := ner.Default()
	if err != nil {
		t.Fatal(err)
	}
	floors := []struct {
		file, typ string
		min       float64
	}{
		{"pd98-dev.jsonl", ner.Person, 0.90},
		{"pd98-dev.jsonl", ner.Organisation, 0.80},
		{"resume-dev.jsonl", ner.Title, 0.85},
	}
	results := map[string]score.Result{}
	for _, file := range []string{"pd98-dev.jsonl", "resume-dev.jsonl"} {
		recs, err := score.ReadFile(filepath.Join(sharedNER, file))
		if err != nil {
			t.Fatal(err)
		}
		got := make([][]ner.Span, len(recs))
		for i, r := range recs {
			got[i] = tg.Tag(r.Text)
		}
		res := score.Score(recs, got)
		var b strings.Builder
		res.Write(&b, file)
		t.Log("\n" + b.String())
		results[file] = res
	}
	for _, f := range floors {
		if got := results[f.file].Strict(f.typ); got < f.min {
			t.Errorf("%s %s strict F1 = %.3f, want >= %.2f", f.file, f.typ, got, f.min)
		}
	}
}
