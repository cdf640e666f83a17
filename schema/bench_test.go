package schema_test

import (
	"context"
	"testing"

	"github.com/kgproject/kg/schema"
)

// Benchmarks of whole requests on the seed graph in the embedded store.

func benchmarkQuery(b *testing.B, query string) {
	s := mustSchema(b, mustOpenSeed(b), nil)
	req := &schema.Request{Query: query, Variables: map[string]any{"after": nil}}
	ctx := context.Background()
	for b.Loop() {
		if r := s.Do(ctx, req); len(r.Errors) > 0 {
			b.Fatal(r.Errors)
		}
	}
}

func BenchmarkFoundationQuery(b *testing.B) {
	benchmarkQuery(b, `{ person(name: "宫卫红") { events { role event { name date } evidence { sentence } } } }`)
}

func BenchmarkScorerArticles(b *testing.B) { benchmarkQuery(b, articlesQuery) }

func BenchmarkPath(b *testing.B) {
	benchmarkQuery(b, `{ path(from: "person/钱辉", to: "org/市委督导组") { length nodes { name } } }`)
}
