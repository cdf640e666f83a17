package schema_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/kgproject/kg/schema"
)

func mustServer(t *testing.T, opts *schema.Options) *httptest.Server {
	t.Helper()
	h, err := schema.NewHandler(mustOpenSeed(t), opts)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func TestHTTP(t *testing.T) {
	srv := mustServer(t, &schema.Options{MaxBodyBytes: 4096})
	query := `{ person(name: "吕沛") { name } }`
	body := func(v any) io.Reader {
		b, _ := json.Marshal(v)
		return strings.NewReader(string(b))
	}
	for _, tt := range []struct {
		name        string
		method      string
		target      string
		contentType string
		accept      string
		body        io.Reader
		status      int
		media       string
		contains    string
	}{
		{"POST json", "POST", "/graphql", "application/json", "", body(map[string]string{"query": query}), 200, "application/json", `"name":"吕沛"`},
		{"POST graphql-response", "POST", "/graphql", "application/json", "application/graphql-response+json, application/json;q=0.9", body(map[string]string{"query": query}), 200, "application/graphql-response+json", `"name":"吕沛"`},
		{"GET", "GET", "/graphql?query=" + url.QueryEscape(query), "", "application/graphql-response+json", nil, 200, "application/graphql-response+json", `"name":"吕沛"`},
		{"GET with variables", "GET", "/graphql?query=" + url.QueryEscape(`query($n: String) { person(name: $n) { name } }`) + "&variables=" + url.QueryEscape(`{"n": "宫卫红"}`), "", "", nil, 200, "application/json", `"name":"宫卫红"`},
		{"invalid query, graphql-response", "POST", "/graphql", "application/json", "application/graphql-response+json", body(map[string]string{"query": "{ nope }"}), 400, "application/graphql-response+json", `nope`},
		{"invalid query, legacy json", "POST", "/graphql", "application/json", "application/json", body(map[string]string{"query": "{ nope }"}), 200, "application/json", `nope`},
		{"no query", "POST", "/graphql", "application/json", "", body(map[string]string{}), 400, "application/json", `has no`},
		{"not JSON", "POST", "/graphql", "application/json", "", strings.NewReader("{"), 400, "application/json", "not a JSON object"},
		{"wrong content type", "POST", "/graphql", "text/plain", "", strings.NewReader(query), 415, "application/json", "application/json"},
		{"method", "PUT", "/graphql", "", "", nil, 405, "application/json", "GET or POST"},
		{"unacceptable", "GET", "/graphql?query=" + url.QueryEscape(query), "", "text/html", nil, 406, "application/json", "Accept"},
		{"body too large", "POST", "/graphql", "application/json", "", body(map[string]string{"query": "{ " + strings.Repeat("__typename ", 1000) + "}"}), 413, "application/json", "larger than 4096 bytes"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(tt.method, srv.URL+tt.target, tt.body)
			if err != nil {
				t.Fatal(err)
			}
			if tt.contentType != "" {
				req.Header.Set("Content-Type", tt.contentType)
			}
			if tt.accept != "" {
				req.Header.Set("Accept", tt.accept)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			got, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.status {
				t.Errorf("status = %d, want %d (%s)", resp.StatusCode, tt.status, got)
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, tt.media) {
				t.Errorf("Content-Type = %q, want %s", ct, tt.media)
			}
			if !strings.Contains(string(got), tt.contains) {
				t.Errorf("body %s does not contain %q", got, tt.contains)
			}
			if !json.Valid(got) {
				t.Errorf("body is not JSON: %s", got)
			}
		})
	}
}

func TestIntrospection(t *testing.T) {
	s := mustSchema(t, mustOpenSeed(t), nil)
	r := do(t, s, `{ __type(name: "Person") { fields { name } interfaces { name } } }`, nil)
	for _, f := range []string{"aliases", "posts", "events", "articles", "coParticipants", "timeline", `"interfaces":[{"name":"Node"}]`} {
		if !strings.Contains(string(r.Data), f) {
			t.Errorf("Person lacks %s: %s", f, r.Data)
		}
	}
}

func TestAssets(t *testing.T) {
	srv := mustServer(t, nil)
	for _, tt := range []struct {
		path, acceptEncoding, contentType, encoding, contains string
	}{
		{"/graphiql", "", "text/html", "", "graphiql.min.js"},
		{"/graphiql/react.production.min.js", "", "text/javascript", "", "React"},
		{"/graphiql/react.production.min.js", "gzip", "text/javascript", "gzip", ""},
		{"/graphiql/graphiql.min.css", "", "text/css", "", ".graphiql-container"},
		{"/", "", "text/html", "", "explorer.js"},
		{"/explorer/explorer.js", "gzip", "text/javascript", "", "neighbourhood"},
		{"/explorer/cytoscape.min.js", "", "text/javascript", "", "cytoscape"},
		{"/schema.graphql", "", "text/plain", "", "interface Node {"},
	} {
		req, _ := http.NewRequest("GET", srv.URL+tt.path, nil)
		if tt.acceptEncoding != "" {
			req.Header.Set("Accept-Encoding", tt.acceptEncoding)
		}
		// A Transport without automatic gzip shows what the server sends.
		resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), tt.contentType) || resp.Header.Get("Content-Encoding") != tt.encoding {
			t.Errorf("GET %s (Accept-Encoding %q): %d %s encoding %q", tt.path, tt.acceptEncoding, resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Encoding"))
		}
		if !strings.Contains(string(body), tt.contains) {
			t.Errorf("GET %s: body lacks %q", tt.path, tt.contains)
		}
	}
	resp, err := http.Get(srv.URL + "/graphiql/nothing.js")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 404 {
		t.Errorf("missing asset: status %d, want 404", resp.StatusCode)
	}
}

func TestCORS(t *testing.T) {
	srv := mustServer(t, nil)
	req, _ := http.NewRequest("OPTIONS", srv.URL+"/graphql", nil)
	req.Header.Set("Origin", "http://localhost:3000")
	req.Header.Set("Access-Control-Request-Method", "POST")
	req.Header.Set("Access-Control-Request-Headers", "content-type")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent || resp.Header.Get("Access-Control-Allow-Origin") != "*" || !strings.Contains(resp.Header.Get("Access-Control-Allow-Methods"), "POST") {
		t.Errorf("preflight: %d %v", resp.StatusCode, resp.Header)
	}
	resp, err = http.Post(srv.URL+"/graphql", "application/json", strings.NewReader(`{"query": "{ __typename }"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Errorf("POST /graphql: no Access-Control-Allow-Origin")
	}
}
