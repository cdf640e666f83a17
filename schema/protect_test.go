package schema_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kgproject/kg/graph/graphtest"
	"github.com/kgproject/kg/schema"
)

// TestSecurityHeaders checks that every kind of response says nosniff and
// forbids framing.
func TestSecurityHeaders(t *testing.T) {
	h, err := schema.NewHandler(mustOpenSeed(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	for _, path := range []string{"/", "/graphiql", "/explorer/explorer.js", "/graphql?query={people{totalCount}}", "/export?format=graphml", "/schema.graphql", "/nowhere"} {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options = %q, want nosniff", path, got)
		}
		if got := resp.Header.Get("Content-Security-Policy"); !strings.Contains(got, "frame-ancestors 'none'") || !strings.Contains(got, "script-src 'self'") {
			t.Errorf("%s: Content-Security-Policy = %q, want frame-ancestors 'none' and scripts of its own", path, got)
		}
	}
}

// TestBusyServerAnswers503 fills the running and queued places with slow
// queries: the request past them is answered at once with 503 and
// Retry-After.
func TestBusyServerAnswers503(t *testing.T) {
	slow := &readTimer{Store: mustOpenSeed(t), delay: 300 * time.Millisecond}
	h, err := schema.NewHandler(slow, &schema.Options{MaxConcurrent: 1, MaxQueued: 1, QueueWait: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	var wg sync.WaitGroup
	codes := make(chan int, 3)
	for i := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(time.Duration(i) * 50 * time.Millisecond)
			code, _, _ := postQuery(t, srv.URL+"/graphql", queryBody(`{ people(first: 1) { totalCount } }`))
			codes <- code
		}()
	}
	// A fourth, once the others hold the places, to read its headers.
	time.Sleep(150 * time.Millisecond)
	resp, err := http.Get(srv.URL + "/graphql?query={people{totalCount}}")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" {
		t.Errorf("status %d, Retry-After %q, body %s; want 503 with Retry-After", resp.StatusCode, resp.Header.Get("Retry-After"), body)
	}
	wg.Wait()
	close(codes)
	n503 := 0
	for c := range codes {
		if c == 503 {
			n503++
		}
	}
	if n503 != 1 {
		t.Errorf("%d of the 3 first queries were refused, want 1 (one runs, one waits)", n503)
	}
}

// TestArticleSourcesAreRelative checks that an article read from an
// absolute path shows it relative to SourceDir, else by its name alone.
func TestArticleSourcesAreRelative(t *testing.T) {
	st := mustOpenSeed(t)
	f := graphtest.SeedFacts()[0]
	f.Article.Source = "/srv/kg/corpus/2026/page.md"
	if err := st.PutArticle(context.Background(), &f); err != nil {
		t.Fatal(err)
	}
	q := `query($id: ID!) { article(id: $id) { source } }`
	for dir, want := range map[string]string{"/srv/kg": "corpus/2026/page.md", "/home/other": "page.md", "": "page.md"} {
		var got struct{ Article struct{ Source string } }
		decode(t, do(t, mustSchema(t, st, &schema.Options{SourceDir: dir}), q, map[string]any{"id": f.Article.ID}), &got)
		if got.Article.Source != want {
			t.Errorf("SourceDir %q: source = %q, want %q", dir, got.Article.Source, want)
		}
	}
}
