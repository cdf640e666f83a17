package schema_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/schema"
)

// postQuery sends a GraphQL request body to url and returns the status, the
// body and how long the answer took.
func postQuery(t *testing.T, url string, body []byte) (int, string, time.Duration) {
	t.Helper()
	req, _ := http.NewRequest("POST", url, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/graphql-response+json")
	start := time.Now()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp.StatusCode, string(b), time.Since(start)
}

func queryBody(query string) []byte {
	b, _ := json.Marshal(map[string]string{"query": query})
	return b
}

// TestHostileQueriesRefusedQuickly sends each hostile request over HTTP
// and checks it is refused with a clear message before any of it runs:
// the store is never called. The time is logged; the test fails only past
// a second, far beyond a refusal (running these would take minutes or
// exhaust the stack), so that a loaded machine cannot fail it.
func TestHostileQueriesRefusedQuickly(t *testing.T) {
	counted := &countingStore{Store: mustOpenSeed(t)}
	h, err := schema.NewHandler(counted, nil)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	deep := "{ people { nodes { " + strings.Repeat("posts { post { holders { person { ", 10) + "name" + strings.Repeat(" } } } }", 10) + " } } }"
	var aliases strings.Builder
	aliases.WriteString("{ ")
	for i := range 1000 {
		fmt.Fprintf(&aliases, "a%d: people { totalCount } ", i)
	}
	aliases.WriteString("}")
	var spreads strings.Builder
	spreads.WriteString("{ people { nodes { ...F0 } } }")
	for i := range 200 {
		fmt.Fprintf(&spreads, " fragment F%d on Person { name ...F%d ...F%d }", i, i+1, i+1)
	}
	spreads.WriteString(" fragment F200 on Person { name }")
	huge := append([]byte(`{"query": "{ people { totalCount } }", "padding": "`), bytes.Repeat([]byte("x"), 1<<20)...)
	huge = append(huge, `"}`...)
	for _, tt := range []struct {
		name   string
		body   []byte
		status int
		msg    string
	}{
		{"depth 30", queryBody(deep), 400, "nested more than 15"},
		{"1000 aliases", queryBody(aliases.String()), 400, "more than 500 fields"},
		{"fragment cycle", queryBody(`{ people { nodes { ...A } } } fragment A on Person { ...B } fragment B on Person { name ...A }`), 400, `Cannot spread fragment \"A\" within itself: A → B → A`},
		{"fragment cycle through fields", queryBody(`{ people { nodes { ...P } } } fragment P on Person { posts { post { holders { person { ... on Person { ...P } } } } } }`), 400, `Cannot spread fragment \"P\" within itself`},
		{"fragments doubling 200 times", queryBody(spreads.String()), 400, "more than 500 fields"},
		{"first 1000000", queryBody(`{ people(first: 1000000) { nodes { name } } }`), 400, "maximum of 500"},
		{"1 MB body", huge, 413, "larger than 1048576 bytes"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var took []time.Duration
			for range 5 {
				status, body, d := postQuery(t, srv.URL+"/graphql", tt.body)
				if status != tt.status || !strings.Contains(body, tt.msg) {
					t.Fatalf("status %d, %.300s; want %d and %q", status, body, tt.status, tt.msg)
				}
				took = append(took, d)
			}
			sort.Slice(took, func(i, j int) bool { return took[i] < took[j] })
			t.Logf("refused in %v (median of 5)", took[2])
			if n := counted.calls.Load(); n != 0 {
				t.Errorf("the store was called %d times for a refused request", n)
			}
			if took[2] > time.Second {
				t.Errorf("refusing took %v (median of 5)", took[2])
			}
		})
	}
}

// TestSearchTextIsLiteral searches for text full of Cypher, regular
// expression and GraphQL syntax: each is an answer (no error), finds only
// literal matches, and the graph is intact afterwards.
func TestSearchTextIsLiteral(t *testing.T) {
	forEachStore(t, func(t *testing.T, st graph.Store) {
		s := mustSchema(t, st, nil)
		count := func() string {
			r := do(t, s, `{ people { totalCount } organisations { totalCount } events { totalCount } }`, nil)
			return string(r.Data)
		}
		before := count()
		// Patterns that match every name as a regular expression, a LIKE
		// pattern or a Lucene query, and no name literally.
		everything := map[string]bool{`.*`: true, `[^a]+`: true, `\p{Han}+`: true, `%_%`: true, `*:*`: true, `.+`: true}
		for _, text := range []string{
			`.*`, `.+`, `[^a]+`, `\p{Han}+`, `%_%`, `*:*`, `吕.*`, `(吕|宫)沛`, `吕沛$`, `^吕`, `a{1,99999}`, `(((((((((((`,
			`"}) MATCH (n) DETACH DELETE n //`, `吕沛' OR 1=1 --`, `$text`, "`n`", `\u0000`,
			`") { id } } mutation { deleteArticle(id: "article/seed-1") } #`,
		} {
			vars := map[string]any{"t": text}
			r := do(t, s, `query($t: String!) { search(text: $t) { node { name } } }`, vars)
			if r.Status != 200 {
				t.Errorf("search %q: status %d, %+v", text, r.Status, r.Errors)
				continue
			}
			var hits struct {
				Search []struct{ Node struct{ Name string } }
			}
			if err := json.Unmarshal(r.Data, &hits); err != nil {
				t.Fatal(err)
			}
			if everything[text] && len(hits.Search) > 0 {
				t.Errorf("search %q found %q: the text was read as a pattern", text, hits.Search[0].Node.Name)
			}
		}
		if after := count(); after != before {
			t.Errorf("the graph changed: %s, was %s", after, before)
		}
	})
}

// stallingStore makes searches for "slow" wait until their context ends.
type stallingStore struct{ graph.Store }

func (s stallingStore) Search(ctx context.Context, q graph.SearchQuery) ([]graph.SearchHit, error) {
	if q.Text == "slow" {
		<-ctx.Done()
		return nil, fmt.Errorf("slow: %w", ctx.Err())
	}
	return s.Store.Search(ctx, q)
}

// TestSlowQueriesTimeOut checks that queries slower than the timeout are
// answered 504 after it, while another client is answered normally at the
// same time: every normal answer arrives before the first slow one, so no
// normal query waited for a slow one.
func TestSlowQueriesTimeOut(t *testing.T) {
	const timeout = 2 * time.Second
	// Room for all 40 at once: this is about the timeout, not the limit on
	// concurrent queries (TestBusyServerAnswers503).
	h, err := schema.NewHandler(stallingStore{mustOpenSeed(t)}, &schema.Options{Timeout: timeout, MaxConcurrent: 64})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	slow := queryBody(`{ search(text: "slow") { score } }`)
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	var mu sync.Mutex
	var firstSlow time.Time
	started := time.Now()
	for range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			status, body, took := postQuery(t, srv.URL+"/graphql", slow)
			mu.Lock()
			if now := time.Now(); firstSlow.IsZero() || now.Before(firstSlow) {
				firstSlow = now
			}
			mu.Unlock()
			if status != http.StatusGatewayTimeout || !strings.Contains(body, "timed out after 2s") {
				errs <- fmt.Errorf("slow query: %d %s", status, body)
			}
			if took < timeout {
				errs <- fmt.Errorf("slow query answered after %v, before the timeout of %v", took, timeout)
			}
		}()
	}
	var worst time.Duration
	var lastNormal time.Time
	for range 10 {
		status, body, took := postQuery(t, srv.URL+"/graphql", queryBody(`{ person(name: "吕沛") { name events { event { name } } } }`))
		if status != http.StatusOK || !strings.Contains(body, "吕沛") {
			t.Errorf("normal query among slow ones: %d %s", status, body)
		}
		worst = max(worst, took)
		lastNormal = time.Now()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	t.Logf("normal queries among 40 slow ones: slowest %v; first slow answer after %v", worst, firstSlow.Sub(started))
	if !lastNormal.Before(firstSlow) {
		t.Errorf("the normal queries ended %v after the first slow answer: they waited for slow ones", lastNormal.Sub(firstSlow))
	}
}
