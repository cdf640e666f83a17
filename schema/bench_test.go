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

// BenchmarkLoadMix runs bench/load's questions on the seed graph: on the
// embedded store, nearly all their time is the schema's own.
func BenchmarkLoadMix(b *testing.B) {
	for _, q := range []struct{ name, query string }{
		{"events", `query($name: String!) { person(name: $name) { name events { role event { name date } } } }`},
		{"coparticipants", `query($name: String!) { person(name: $name) { coParticipants(first: 5) { person { name } count } } }`},
		{"neighbourhood2", `query($id: ID!) { neighbourhood(id: $id, depth: 2) { nodes { id label name } edges { source target type } } }`},
		{"search", `query($text: String!) { search(text: $text, first: 10) { score node { id name } } }`},
	} {
		b.Run(q.name, func(b *testing.B) {
			s := mustSchema(b, mustOpenSeed(b), nil)
			req := &schema.Request{Query: q.query, Variables: map[string]any{"name": "宫卫红", "id": "person/宫卫红", "text": "卫红"}}
			ctx := context.Background()
			for b.Loop() {
				if r := s.Do(ctx, req); len(r.Errors) > 0 {
					b.Fatal(r.Errors)
				}
			}
		})
	}
}
