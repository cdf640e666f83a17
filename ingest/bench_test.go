package ingest_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/kgproject/kg/ingest"
)

// BenchmarkNewPipeline measures the cold start of the dictionaries and the
// segmenter (kg extract pays it once per run).
func BenchmarkNewPipeline(b *testing.B) {
	for b.Loop() {
		if _, err := ingest.NewPipeline(nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFacts measures the extraction of facts from the seed page.
func BenchmarkFacts(b *testing.B) {
	p := pipeline(b, &ingest.Options{Year: 2026})
	var arts []*ingest.Article
	_ = p.Read(context.Background(), []string{filepath.Join("testdata", "seed.md")}, func(a *ingest.Article) error {
		arts = append(arts, a)
		return nil
	})
	for b.Loop() {
		for _, a := range arts {
			if _, err := p.Facts(a); err != nil {
				b.Fatal(err)
			}
		}
	}
}
