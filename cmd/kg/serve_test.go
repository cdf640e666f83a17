package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/graph/bolt"
	"github.com/kgproject/kg/ingest"
)

// serve starts kg serve on a free port with env as its environment and
// returns its base URL; the server stops when the test ends.
func serve(t *testing.T, env map[string]string, args ...string) (*Main, string) {
	t.Helper()
	var errOut bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &errOut, Getenv: func(k string) string { return env[k] }}
	ctx := context.Background()
	if err := m.ParseFlags(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)); err != nil {
		t.Fatal(err)
	}
	if err := m.Run(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	return m, "http://" + m.Addr()
}

// call sends a request and returns the status and body.
func call(t *testing.T, method, url, token, ctype, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func graphQLBody(query string) string {
	b, _ := json.Marshal(map[string]string{"query": query})
	return string(b)
}

func TestServeWrites(t *testing.T) {
	env := map[string]string{"KG_TOKEN": testToken}
	data := t.TempDir()
	m, base := serve(t, env, "--data", data)
	post := func(token, name, body string) (int, string) {
		return call(t, "POST", base+"/ingest?name="+name, token, "application/x-ndjson", body)
	}
	if status, body := post("", "a.jsonl", lineA1+lineA2); status != http.StatusUnauthorized {
		t.Fatalf("ingest without the token: %d %s", status, body)
	}
	if status, body := post("wrong", "a.jsonl", lineA1+lineA2); status != http.StatusUnauthorized {
		t.Fatalf("ingest with a wrong token: %d %s", status, body)
	}
	for i, change := range []string{`"new":2`, `"unchanged":2`} {
		if status, body := post(testToken, "a.jsonl", lineA1+lineA2); status != http.StatusOK || !strings.Contains(body, `"articles":2`) || !strings.Contains(body, `"ids":["article/a1","article/a2"]`) || !strings.Contains(body, change) {
			t.Fatalf("ingest %d: %d %s, want %s", i+1, status, body, change)
		}
	}
	if status, body := post(testToken, "b.jsonl", lineB1+"{bad\n"); status != http.StatusUnprocessableEntity || !strings.Contains(body, "b.jsonl:2") || !strings.Contains(body, `"articles":1`) {
		t.Fatalf("ingest with a bad line: %d %s", status, body)
	}
	del := graphQLBody(`mutation { a1: deleteArticle(id: "article/a1") a2: deleteArticle(id: "article/a2") }`)
	if status, body := call(t, "POST", base+"/graphql", "", "application/json", del); status != http.StatusUnauthorized {
		t.Fatalf("delete without the token: %d %s", status, body)
	}
	if status, body := call(t, "POST", base+"/graphql", testToken, "application/json", del); status != http.StatusOK || body != `{"data":{"a1":true,"a2":true}}`+"\n" {
		t.Fatalf("delete: %d %s", status, body)
	}
	if status, body := call(t, "GET", base+"/healthz", "", "", ""); status != http.StatusOK || body != "ok\n" {
		t.Errorf("healthz: %d %q", status, body)
	}
	status, metrics := call(t, "GET", base+"/metrics", "", "", "")
	if status != http.StatusOK {
		t.Fatalf("metrics: %d", status)
	}
	for _, want := range []string{
		`kg_http_requests_total{code="401",path="/ingest"} 2`,
		`kg_http_requests_total{code="200",path="/ingest"} 2`,
		`kg_http_requests_total{code="422",path="/ingest"} 1`,
		`kg_http_requests_total{code="200",path="/graphql"} 1`,
		`kg_http_errors_total{class="client",path="/ingest"} 3`,
		`kg_ingest_articles_total{result="stored"} 5`,
		`kg_ingest_articles_total{result="failed"} 1`,
		`kg_http_request_duration_seconds_bucket{path="/ingest",le="+Inf"} 5`,
		`kg_http_request_duration_seconds_count{path="/healthz"} 1`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	got := dump(t, data)

	onlyB := t.TempDir()
	m, base = serve(t, env, "--data", onlyB)
	if status, body := call(t, "POST", base+"/ingest?name=b.jsonl", testToken, "application/x-ndjson", lineB1); status != http.StatusOK {
		t.Fatalf("ingest: %d %s", status, body)
	}
	m.Close()
	if want := dump(t, onlyB); got != want {
		t.Fatalf("after deleting a1 and a2 over HTTP the graph is not b1's alone:\n%s", diffLines(want, got))
	}
}

func TestServeWithoutTokenIsReadOnly(t *testing.T) {
	_, base := serve(t, nil, "--data", seedDir(t))
	if status, body := call(t, "POST", base+"/ingest?name=a.jsonl", "", "application/x-ndjson", lineA1); status != http.StatusForbidden || !strings.Contains(body, "KG_TOKEN") {
		t.Errorf("ingest on a server without a token: %d %s", status, body)
	}
	if status, body := call(t, "POST", base+"/graphql", "anything", "application/json", graphQLBody(`mutation { deleteArticle(id: "article/seed-1") }`)); status != http.StatusForbidden {
		t.Errorf("delete on a server without a token: %d %s", status, body)
	}
	if status, body := call(t, "POST", base+"/graphql", "", "application/json", graphQLBody(gongQuery)); status != http.StatusOK {
		t.Errorf("a read: %d %s", status, body)
	} else {
		checkGong(t, []byte(body))
	}
}

func TestServeReadsNeedToken(t *testing.T) {
	_, base := serve(t, map[string]string{"KG_TOKEN": testToken}, "--data", seedDir(t), "--reads-need-token")
	if status, _ := call(t, "POST", base+"/graphql", "", "application/json", graphQLBody(gongQuery)); status != http.StatusUnauthorized {
		t.Errorf("a read without the token: %d", status)
	}
	status, body := call(t, "POST", base+"/graphql", testToken, "application/json", graphQLBody(gongQuery))
	if status != http.StatusOK {
		t.Fatalf("a read with the token: %d %s", status, body)
	}
	checkGong(t, []byte(body))
	if status, _ := call(t, "GET", base+"/healthz", "", "", ""); status != http.StatusOK {
		t.Errorf("healthz needs no token, got %d", status)
	}
}

func TestServeListensOnLoopbackByDefault(t *testing.T) {
	m := &Main{Stdout: io.Discard, Stderr: io.Discard, Getenv: func(string) string { return "" }}
	if err := m.ParseFlags(context.Background(), []string{"serve"}); err != nil {
		t.Fatal(err)
	}
	if got, want := m.cmd.(*serveCmd).addr, "127.0.0.1:8080"; got != want {
		t.Errorf("serve listens on %q by default, want %q", got, want)
	}
}

func TestQueryURLSendsToken(t *testing.T) {
	env := map[string]string{"KG_TOKEN": testToken}
	_, base := serve(t, env, "--data", seedDir(t), "--reads-need-token")
	var out, errOut bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut, Getenv: func(k string) string { return env[k] }}
	ctx := context.Background()
	err := m.ParseFlags(ctx, []string{"query", "--url", base + "/graphql", `mutation { deleteArticle(id: "article/seed-1") }`})
	if err == nil {
		err = m.Run(ctx)
	}
	if err != nil || !strings.Contains(out.String(), `"deleteArticle": true`) {
		t.Fatalf("query --url with KG_TOKEN: %v\n%s%s", err, out.String(), errOut.String())
	}
	if code, out, _ := run(t, "", "query", "--url", base+"/graphql", gongQuery); code != 1 || !strings.Contains(out, "UNAUTHENTICATED") {
		t.Errorf("query --url without KG_TOKEN: exit %d, %s", code, out)
	}
}

func TestServeCORSOrigins(t *testing.T) {
	const a, b, c = "https://a.example", "https://b.example", "https://c.example"
	for _, tt := range []struct {
		name    string
		env     string // KG_CORS_ORIGINS
		args    []string
		allowed map[string]bool
	}{
		{"none by default", "", nil, map[string]bool{}},
		{"repeated flag", "", []string{"--cors-origin", a, "--cors-origin", b}, map[string]bool{a: true, b: true}},
		{"comma list", "", []string{"--cors-origin", a + ", " + b}, map[string]bool{a: true, b: true}},
		{"environment", a + "," + c, nil, map[string]bool{a: true, c: true}},
		{"flag over environment", c, []string{"--cors-origin", b}, map[string]bool{b: true}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, base := serve(t, map[string]string{"KG_CORS_ORIGINS": tt.env}, append([]string{"--data", seedDir(t)}, tt.args...)...)
			for _, origin := range []string{a, b, c} {
				req, _ := http.NewRequest("OPTIONS", base+"/graphql", nil)
				req.Header.Set("Origin", origin)
				req.Header.Set("Access-Control-Request-Method", "POST")
				req.Header.Set("Access-Control-Request-Headers", "authorization, content-type")
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				got := resp.Header.Get("Access-Control-Allow-Origin")
				if want := map[bool]string{true: origin}[tt.allowed[origin]]; got != want {
					t.Errorf("preflight from %s: Access-Control-Allow-Origin %q, want %q", origin, got, want)
				}
			}
		})
	}
	m := &Main{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard, Getenv: func(string) string { return "" }}
	if err := m.ParseFlags(context.Background(), []string{"serve", "--addr", "127.0.0.1:0", "--data", seedDir(t), "--cors-origin", "app.example"}); err != nil {
		t.Fatal(err)
	}
	err := m.Run(context.Background())
	m.Close()
	if err == nil || !strings.Contains(err.Error(), `"app.example"`) {
		t.Errorf("serve --cors-origin app.example: error %v, want one naming the origin", err)
	}
}

func TestServeGCPercent(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  map[string]string
		want int
	}{
		{"default", map[string]string{}, serveGCPercent},
		{"GOGC set", map[string]string{"GOGC": "100"}, 57},
	} {
		t.Run(tc.name, func(t *testing.T) {
			prev := debug.SetGCPercent(57)
			defer debug.SetGCPercent(prev)
			serve(t, tc.env, "--data", t.TempDir())
			if got := debug.SetGCPercent(57); got != tc.want {
				t.Errorf("GC percent after kg serve: %d, want %d", got, tc.want)
			}
		})
	}
}

// emptyStore returns an empty embedded store, closed when the test ends,
// and a pipeline to ingest into it.
func emptyStore(t *testing.T) (*bolt.Store, *ingest.Pipeline) {
	t.Helper()
	st, err := bolt.Open(t.TempDir(), &bolt.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	p, err := ingest.NewPipeline(nil)
	if err != nil {
		t.Fatal(err)
	}
	return st, p
}

// countingStore is a store that counts, with made-up counts.
type countingStore struct{ graph.Store }

func (countingStore) Counts(context.Context) (int, int, error) { return 7, 9, nil }

// TestIngestFuncStoreCounts checks that POST /ingest reports the store's
// counts after the ingest, and -1 for a store that cannot count.
func TestIngestFuncStoreCounts(t *testing.T) {
	st, p := emptyStore(t)
	for _, tt := range []struct {
		name                     string
		st                       graph.Store
		wantNodes, wantRelations int
	}{
		{"counter", countingStore{st}, 7, 9},
		{"no counter", struct{ graph.Store }{st}, -1, -1},
	} {
		rep, err := ingestFunc(p, tt.st, newMetrics(), &writeHealth{})(t.Context(), strings.NewReader(lineA1), "a.jsonl", true)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Articles != 1 || rep.StoreNodes != tt.wantNodes || rep.StoreRelations != tt.wantRelations {
			t.Errorf("%s: %d articles, store counts %d and %d; want 1, %d and %d", tt.name, rep.Articles, rep.StoreNodes, rep.StoreRelations, tt.wantNodes, tt.wantRelations)
		}
	}
}

// testToken is a KG_TOKEN long enough for kg serve.
const testToken = "t0ken-of-the-tests"
