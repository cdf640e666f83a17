package schema_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kgproject/kg/schema"
)

func TestLimits(t *testing.T) {
	s := mustSchema(t, mustOpenSeed(t), nil)
	deep := "{ people { nodes { " + strings.Repeat("posts { post { holders { person { ", 10) + "name" + strings.Repeat(" } } } }", 10) + " } } }"
	var aliases strings.Builder
	aliases.WriteString("{ ")
	for i := range 1000 {
		fmt.Fprintf(&aliases, "a%d: person(name: \"吕沛\") { name } ", i)
	}
	aliases.WriteString("}")
	wide := `{ people(first: 500) { nodes { events { event { attendees { events { event { name } } } } } } } }`
	for _, tt := range []struct {
		name, query string
		vars        map[string]any
		msg         string
	}{
		{"depth 30", deep, nil, "deep"},
		{"1000 aliases", aliases.String(), nil, "fields"},
		{"first 1000000", `{ people(first: 1000000) { nodes { name } } }`, nil, "more than the maximum of 500"},
		{"first in a variable", `query($n: Int) { people(first: $n) { nodes { name } } }`, map[string]any{"n": 1e6}, "more than the maximum of 500"},
		{"first beyond int", `{ people(first: 99999999999999999999999) { nodes { name } } }`, nil, "maximum of 500"},
		{"cost", wide, nil, "list sizes multiply"},
		{"search first", `{ search(text: "吕沛", first: 501) { score } }`, nil, "maximum of 500"},
		{"recursive fragments", `{ people { nodes { ...P } } } fragment P on Person { posts { post { holders { person { ...P } } } } }`, nil, "Cannot spread fragment"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			r := do(t, s, tt.query, tt.vars)
			took := time.Since(start)
			if r.Data != nil || len(r.Errors) == 0 || r.Status != 400 {
				t.Fatalf("not refused: status %d, data %.200s", r.Status, r.Data)
			}
			if !strings.Contains(r.Errors[0].Message, tt.msg) {
				t.Errorf("message %q does not contain %q", r.Errors[0].Message, tt.msg)
			}
			// Refused before it runs: a generous bound that only a query
			// actually run (or a validation gone quadratic) would pass.
			if took > time.Second {
				t.Errorf("refusing took %v", took)
			}
		})
	}
}

func TestIntrospectionQueryWithinLimits(t *testing.T) {
	q, err := os.ReadFile("testdata/introspection.graphql")
	if err != nil {
		t.Fatal(err)
	}
	s := mustSchema(t, mustOpenSeed(t), nil)
	r := s.Do(t.Context(), &schema.Request{Query: string(q)})
	if len(r.Errors) > 0 {
		t.Fatalf("GraphiQL's introspection query fails: %+v", r.Errors)
	}
}

// TestHostileRequestsOverHTTP sends hostile queries in parallel with a
// normal one: they are refused with 400 and the normal one is answered.
func TestHostileRequestsOverHTTP(t *testing.T) {
	srv := mustServer(t, nil)
	deep := "{ people { nodes { " + strings.Repeat("posts { post { holders { person { ", 10) + "name" + strings.Repeat(" } } } }", 10) + " } } }"
	var aliases strings.Builder
	aliases.WriteString("{ ")
	for i := range 1000 {
		fmt.Fprintf(&aliases, "a%d: people { totalCount } ", i)
	}
	aliases.WriteString("}")
	post := func(query string) (int, time.Duration, error) {
		body, _ := json.Marshal(map[string]string{"query": query})
		req, _ := http.NewRequest("POST", srv.URL+"/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "application/graphql-response+json")
		start := time.Now()
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return 0, 0, err
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode, time.Since(start), nil
	}
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for i := range 30 {
		q := []string{deep, aliases.String(), `{ people(first: 1000000) { nodes { name } } }`}[i%3]
		wg.Add(1)
		go func() {
			defer wg.Done()
			if status, _, err := post(q); err != nil || status != http.StatusBadRequest {
				errs <- fmt.Errorf("hostile query %d: status %d, %v", i, status, err)
			}
		}()
	}
	status, took, err := post(`{ person(name: "吕沛") { events { event { name } } } }`)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if err != nil || status != http.StatusOK || took > 2*time.Second {
		t.Errorf("normal query among hostile ones: status %d after %v (%v)", status, took, err)
	}
}
