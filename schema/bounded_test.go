package schema_test

import (
	"context"
	"strings"
	"testing"

	"github.com/kgproject/kg/graph/bolt"
	"github.com/kgproject/kg/internal/allocbound"
	"github.com/kgproject/kg/schema"
)

// queryMemoryBound is the memory one query may allocate, documented in
// docs/RELIABILITY.md ("Hostile reads"): it bounds the peak heap a request
// adds to the server.
const queryMemoryBound = 256 << 20

// TestQueriesStayUnderMemoryBound runs hostile read queries on a store of
// 3,000 articles whose relation lists are far longer than real ones (a
// person at 1,300 events, an organisation at 600) and checks that each is
// refused or answered within the object limit, and that none allocates more
// than queryMemoryBound. Before lists had caps, the first query answered about
// a million objects and allocated gigabytes.
func TestQueriesStayUnderMemoryBound(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a store of 3,000 articles")
	}
	st, err := bolt.Open(t.TempDir(), &bolt.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	facts := synthetic(3000)
	for i := range facts {
		if err := st.PutArticle(context.Background(), &facts[i]); err != nil {
			t.Fatal(err)
		}
	}
	s := mustSchema(t, st, nil)
	for _, q := range []struct {
		name, query string
		vars        map[string]any
	}{
		{"issue H1", `query($n:Int){ organisations(first:$n) { nodes { events { participants { person { events { event { name } } } } } } } }`, map[string]any{"n": 40}},
		{"near the cost limit", `{ organisations(first: 4) { nodes { events(first: 500) { participants(first: 20) { person { name } } } } } }`, nil},
		{"evidence of long lists", `{ people(first: 7) { nodes { events(first: 500) { evidence(first: 20) { sentence article { title } } } } } }`, nil},
		{"articles with text", `{ articles(first: 500) { nodes { text events(first: 100) { name } } } }`, nil},
		{"links of links", `{ people(first: 7) { nodes { links(first: 500) { node { links(first: 10) { node { name } } } } } } }`, nil},
		{"aliases over the object limit", `{ a: organisations(first: 4) { nodes { events(first: 500) { participants(first: 20) { person { name } } } } }
			b: organisations(first: 4) { nodes { events(first: 500) { participants(first: 20) { person { name } } } } } }`, nil},
	} {
		t.Run(q.name, func(t *testing.T) {
			var r *schema.Response
			got := allocbound.Bytes(func() {
				r = s.Do(context.Background(), &schema.Request{Query: q.query, Variables: q.vars})
			})
			var msgs []string
			for _, e := range r.Errors {
				msgs = append(msgs, e.Message)
			}
			t.Logf("status %d, %d bytes of data, %.1f MiB allocated, errors %q", r.Status, len(r.Data), float64(got)/(1<<20), msgs)
			if len(r.Errors) > 0 && (len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "QUERY_TOO_EXPENSIVE") {
				t.Errorf("errors = %q, want an answer or one QUERY_TOO_EXPENSIVE", msgs)
			}
			if len(r.Errors) > 0 && !strings.Contains(msgs[0], "more than") {
				t.Errorf("error %q does not say which limit", msgs[0])
			}
			if got > queryMemoryBound {
				t.Errorf("allocated %d bytes, more than the bound of %d", got, queryMemoryBound)
			}
		})
	}
}

// TestExecutionStopsPastByteLimit checks the limit execution counts: text
// past MaxBytes stops the query with one error saying so.
func TestExecutionStopsPastByteLimit(t *testing.T) {
	s := mustSchema(t, mustOpenSeed(t), &schema.Options{MaxBytes: 2000})
	r := s.Do(context.Background(), &schema.Request{Query: `{ articles { nodes { text } } }`})
	if r.Status != 400 || r.Data != nil || len(r.Errors) != 1 || !strings.Contains(r.Errors[0].Message, "more than 2000 bytes") {
		t.Fatalf("status %d, data %s, errors %+v; want 400 and one error about 2000 bytes", r.Status, r.Data, r.Errors)
	}
}
