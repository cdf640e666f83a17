package schema_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
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
	const app, local, evil = "https://app.example", "http://localhost:3000", "https://evil.example"
	listed := []string{"HTTPS://App.Example:443/", local}
	type want struct {
		status  int
		origin  string // Access-Control-Allow-Origin, "" for none
		vary    bool   // Vary: Origin
		preflit bool   // Access-Control-Allow-Methods, -Headers and -Max-Age
	}
	for _, tt := range []struct {
		name    string
		allowed []string
		token   bool // reads need a token
		method  string
		target  string
		origin  string
		want    want
	}{
		{"none configured, preflight", nil, false, "OPTIONS", "/graphql", app, want{204, "", false, false}},
		{"none configured, POST", nil, false, "POST", "/graphql", app, want{200, "", false, false}},
		{"listed, preflight", listed, false, "OPTIONS", "/graphql", app, want{204, app, true, true}},
		{"listed, POST", listed, false, "POST", "/graphql", app, want{200, app, true, false}},
		{"listed, second origin", listed, false, "POST", "/graphql", local, want{200, local, true, false}},
		{"listed, GET export", listed, false, "GET", "/export?format=csv-nodes", app, want{200, app, true, false}},
		{"listed, GET SDL", listed, false, "GET", "/schema.graphql", local, want{200, local, true, false}},
		{"listed, same-origin request", listed, false, "POST", "/graphql", "", want{200, "", true, false}},
		{"unlisted, preflight", listed, false, "OPTIONS", "/graphql", evil, want{204, "", true, false}},
		{"unlisted, POST", listed, false, "POST", "/graphql", evil, want{200, "", true, false}},
		{"unlisted, suffix of a listed one", listed, false, "POST", "/graphql", app + ".evil.example", want{200, "", true, false}},
		{"unlisted, other scheme", listed, false, "POST", "/graphql", "http://app.example", want{200, "", true, false}},
		{"unlisted, other port", listed, false, "POST", "/graphql", "http://localhost:3001", want{200, "", true, false}},
		{"unlisted, null", listed, false, "POST", "/graphql", "null", want{200, "", true, false}},
		{"listed, preflight needs no token", listed, true, "OPTIONS", "/graphql", app, want{204, app, true, true}},
		{"listed, refusal readable by the page", listed, true, "POST", "/graphql", app, want{401, app, true, false}},
		{"any, preflight", []string{"*"}, false, "OPTIONS", "/graphql", evil, want{204, "*", false, true}},
		{"any, POST", []string{"*"}, false, "POST", "/graphql", evil, want{200, "*", false, false}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			opts := &schema.Options{AllowedOrigins: tt.allowed}
			if tt.token {
				opts.Token, opts.ReadsNeedToken = "t", true
			}
			srv := mustServer(t, opts)
			var body io.Reader
			if tt.method == "POST" {
				body = strings.NewReader(`{"query": "{ __typename }"}`)
			}
			req, _ := http.NewRequest(tt.method, srv.URL+tt.target, body)
			if tt.method == "POST" {
				req.Header.Set("Content-Type", "application/json")
			}
			if tt.origin != "" {
				req.Header.Set("Origin", tt.origin)
			}
			if tt.method == "OPTIONS" {
				req.Header.Set("Access-Control-Request-Method", "POST")
				req.Header.Set("Access-Control-Request-Headers", "authorization, content-type")
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			h := resp.Header
			if resp.StatusCode != tt.want.status {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.want.status)
			}
			if got := h.Get("Access-Control-Allow-Origin"); got != tt.want.origin {
				t.Errorf("Access-Control-Allow-Origin %q, want %q", got, tt.want.origin)
			}
			if got := slices.Contains(h.Values("Vary"), "Origin"); got != tt.want.vary {
				t.Errorf("Vary: Origin is %v, want %v (Vary %q)", got, tt.want.vary, h.Values("Vary"))
			}
			if got := h.Get("Access-Control-Allow-Credentials"); got != "" {
				t.Errorf("Access-Control-Allow-Credentials %q, want none", got)
			}
			methods, headers := h.Get("Access-Control-Allow-Methods"), strings.ToLower(h.Get("Access-Control-Allow-Headers"))
			preflit := methods != "" || headers != "" || h.Get("Access-Control-Max-Age") != ""
			if preflit != tt.want.preflit {
				t.Errorf("preflight headers present %v, want %v: %v", preflit, tt.want.preflit, h)
			}
			if tt.want.preflit && (!strings.Contains(methods, "POST") || !strings.Contains(methods, "GET") ||
				!strings.Contains(headers, "authorization") || !strings.Contains(headers, "content-type") || h.Get("Access-Control-Max-Age") == "") {
				t.Errorf("preflight allows methods %q, headers %q, max age %q", methods, headers, h.Get("Access-Control-Max-Age"))
			}
		})
	}
}

func TestCORSOriginsChecked(t *testing.T) {
	for _, tt := range []struct {
		origins []string
		ok      bool
	}{
		{[]string{"https://app.example", "http://localhost:3000", "http://[::1]:8080", "HTTPS://A.example:443/"}, true},
		{[]string{"*"}, true},
		{[]string{"*", "https://app.example"}, false},
		{[]string{"null"}, false},
		{[]string{"app.example"}, false},
		{[]string{"ftp://app.example"}, false},
		{[]string{"https://app.example/path"}, false},
		{[]string{"https://user@app.example"}, false},
		{[]string{"https://app.example?x=1"}, false},
		{[]string{""}, false},
	} {
		_, err := schema.NewHandler(mustOpenSeed(t), &schema.Options{AllowedOrigins: tt.origins})
		if (err == nil) != tt.ok {
			t.Errorf("origins %q: error %v, want ok %v", tt.origins, err, tt.ok)
		}
	}
}

func TestExportHTTP(t *testing.T) {
	srv := mustServer(t, nil)
	for _, tt := range []struct {
		query, ctype string
		status       int
		contains     string
	}{
		{"", "application/json", 200, `"elements"`},
		{"?format=graphml", "application/graphml+xml", 200, "<graphml"},
		{"?format=gexf", "application/gexf+xml", 200, `mode="dynamic"`},
		{"?format=cytoscape&id=person/吕沛&depth=1", "application/json", 200, `"name":"高新区（示范区）党工委书记"`},
		{"?id=person/无此人", "text/plain", 404, "not found"},
		{"?id=person/吕沛&depth=9", "text/plain", 400, "depth"},
		{"?format=dot", "text/plain", 400, "none of"},
	} {
		resp, err := http.Get(srv.URL + "/export" + tt.query)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.status || !strings.HasPrefix(resp.Header.Get("Content-Type"), tt.ctype) || !strings.Contains(string(body), tt.contains) {
			t.Errorf("GET /export%s: %d %s %.200s; want %d %s containing %q", tt.query, resp.StatusCode, resp.Header.Get("Content-Type"), body, tt.status, tt.ctype, tt.contains)
		}
	}
}
