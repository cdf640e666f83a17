package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"syscall"
	"testing"

	"github.com/kgproject/kg/graph"
)

// TestServeRefusesExposure checks that kg serve does not start open on a
// public address, nor with a short token, and says why.
func TestServeRefusesExposure(t *testing.T) {
	for _, tt := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{nil, []string{"--addr", "0.0.0.0:0"}, "--insecure-public"},
		{nil, []string{"--addr", ":0"}, "KG_TOKEN is unset"},
		{map[string]string{"KG_TOKEN": "x"}, []string{"--addr", "127.0.0.1:0"}, "fewer than 16"},
	} {
		code, _, errOut := runEnv(t, tt.env, "", append([]string{"serve", "--data", seedDir(t)}, tt.args...)...)
		if code == 0 || !strings.Contains(errOut, tt.want) {
			t.Errorf("serve %v with %v: exit %d, %q; want a refusal saying %q", tt.args, tt.env, code, errOut, tt.want)
		}
	}
}

// TestServePublicReadsNeedToken checks that on an address other than
// loopback, reads need the token unless --public-reads, and that open
// serving needs --insecure-public.
func TestServePublicReadsNeedToken(t *testing.T) {
	query := graphQLBody(gongQuery)
	c := &serveCmd{addr: "0.0.0.0:8080"}
	if err := c.checkExposure(testToken); err != nil || !c.readsNeedToken {
		t.Errorf("public with a token: %v, reads need token %v; want reads to need it", err, c.readsNeedToken)
	}
	c = &serveCmd{addr: "0.0.0.0:8080", publicReads: true}
	if err := c.checkExposure(testToken); err != nil || c.readsNeedToken {
		t.Errorf("--public-reads: %v, reads need token %v; want open reads", err, c.readsNeedToken)
	}
	c = &serveCmd{addr: "0.0.0.0:8080", insecurePublic: true}
	if err := c.checkExposure(""); err != nil {
		t.Errorf("--insecure-public: %v", err)
	}
	// Over HTTP, as a public server would: the flag is what checkExposure sets.
	_, base := serve(t, map[string]string{"KG_TOKEN": testToken}, "--data", seedDir(t), "--reads-need-token")
	if status, _ := call(t, "POST", base+"/graphql", "", "application/json", query); status != http.StatusUnauthorized {
		t.Errorf("query without the token: %d, want 401", status)
	}
	if status, _ := call(t, "GET", base+"/metrics", "", "", ""); status != http.StatusUnauthorized {
		t.Errorf("/metrics without the token under --reads-need-token: %d, want 401", status)
	}
	if status, body := call(t, "GET", base+"/metrics", testToken, "", ""); status != http.StatusOK || !strings.Contains(body, "kg_http_requests_total") {
		t.Errorf("/metrics with the token: %d", status)
	}
}

// TestServeChecksHost checks that a request naming the server by a name
// other than localhost or an allowed one is refused (DNS rebinding).
func TestServeChecksHost(t *testing.T) {
	_, base := serve(t, nil, "--data", seedDir(t), "--allowed-host", "kg.example")
	for host, want := range map[string]int{
		"": http.StatusOK, "localhost:8080": http.StatusOK, "[::1]:8080": http.StatusOK, "10.0.0.7": http.StatusOK,
		"kg.example": http.StatusOK, "KG.example.:80": http.StatusOK,
		"evil.example": http.StatusMisdirectedRequest, "127.0.0.1.nip.io": http.StatusMisdirectedRequest,
	} {
		req, _ := http.NewRequest("GET", base+"/graphql?query={people{totalCount}}", nil)
		if host != "" {
			req.Host = host
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("Host %q: %d, want %d", host, resp.StatusCode, want)
		}
	}
}

// fullDisk is a store whose writes fail as on a full disk.
type fullDisk struct{ graph.Store }

func (fullDisk) PutArticle(context.Context, *graph.ArticleFacts) error {
	return fmt.Errorf("bolt: put article: write data.db: %w", syscall.ENOSPC)
}

// TestIngestOnFullDisk checks that a storage error during POST /ingest is
// answered 507 with the store's message, counted as failed articles, and
// reported by /healthz until a write succeeds.
func TestIngestOnFullDisk(t *testing.T) {
	st, p := emptyStore(t)
	m := &Main{Getenv: func(k string) string { return map[string]string{"KG_TOKEN": testToken}[k] }}
	h, err := (&serveCmd{}).handler(m, fullDisk{st}, p, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	status, body := call(t, "POST", srv.URL+"/ingest", testToken, "application/x-ndjson", lineA1)
	if status != http.StatusInsufficientStorage || !strings.Contains(body, "no space left on device") {
		t.Errorf("ingest on a full disk: %d %s; want 507 with the store's message", status, body)
	}
	if status, body := call(t, "GET", srv.URL+"/healthz", "", "", ""); status != http.StatusServiceUnavailable || !strings.Contains(body, "cannot write") {
		t.Errorf("/healthz after the failed write: %d %s; want 503 saying the store cannot write", status, body)
	}
	_, metrics := call(t, "GET", srv.URL+"/metrics", "", "", "")
	if !strings.Contains(metrics, `kg_ingest_articles_total{result="failed"} 1`) {
		t.Errorf("the failed article is not counted:\n%s", grepLines(metrics, "kg_ingest"))
	}
}

// TestMetricsTellTheTruth checks the counts L3 of issue 13 found wrong: a
// client that leaves is no 504, a refused content type no 200, and the
// ingest counters exist before the first ingest.
func TestMetricsTellTheTruth(t *testing.T) {
	_, base := serve(t, map[string]string{"KG_TOKEN": testToken}, "--data", seedDir(t))
	_, before := call(t, "GET", base+"/metrics", "", "", "")
	for _, want := range []string{`kg_ingest_articles_total{result="stored"} 0`, `kg_ingest_articles_total{result="failed"} 0`} {
		if !strings.Contains(before, want) {
			t.Errorf("before any ingest, /metrics lacks %s", want)
		}
	}
	call(t, "POST", base+"/ingest?name=a.md", testToken, "image/png", "x")
	call(t, "POST", base+"/graphql", "", "text/plain", graphQLBody(gongQuery))
	_, after := call(t, "GET", base+"/metrics", "", "", "")
	for _, want := range []string{`kg_http_requests_total{code="415",path="/ingest"} 1`, `kg_http_requests_total{code="415",path="/graphql"} 1`} {
		if !strings.Contains(after, want) {
			t.Errorf("/metrics lacks %s:\n%s", want, grepLines(after, "kg_http_requests_total"))
		}
	}
}

func grepLines(s, word string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, word) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
