package schema_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/kgproject/kg/internal/allocbound"
	"github.com/kgproject/kg/schema"
)

// requestBound bounds the memory the handler may allocate for one request
// on the seed graph: 8 MiB (introspecting the whole schema takes 2.5 MiB)
// plus 1 KiB per byte of request, of which it reads at most MaxBodyBytes.
// Hostile requests within the limits take about 300 bytes per byte.
var requestBound = allocbound.Bound{Base: 8 << 20, PerByte: 1 << 10}

// FuzzHandler sends any body (POST) or query string (GET) to /graphql:
// the handler must not panic, must answer within its timeout with a known
// status, must answer GraphQL JSON, with data or errors, and must allocate
// within requestBound.
func FuzzHandler(f *testing.F) {
	for _, q := range []string{
		`{ person(name: "吕沛") { name events { role event { name date } } } }`,
		`query($n: Int) { people(first: $n) { nodes { name } } }`,
		`{ people { nodes { ...A } } } fragment A on Person { ...B } fragment B on Person { name ...A }`,
		`{ search(text: "\"}) MATCH (n) DETACH DELETE n //") { score } }`,
		`mutation { deleteArticle(id: "article/seed-1") }`,
		`{ neighbourhood(id: "person/吕沛", depth: 4, limit: 500) { nodes { id } } }`,
		`{ path(from: "person/吕沛", to: "person/宫卫红") { length } }`,
		`{ __schema { types { name } } }`,
	} {
		body, _ := json.Marshal(map[string]any{"query": q, "variables": map[string]any{"n": 3}})
		f.Add(body, false)
		f.Add([]byte(q), true)
	}
	f.Add([]byte(`{"query": 1}`), false)
	f.Add([]byte(`{"query": "{ a", "variables": [1]}`), false)
	const maxBody = 64 << 10
	h, err := schema.NewHandler(mustOpenSeed(f), &schema.Options{Timeout: time.Second, Token: "t", MaxBodyBytes: maxBody})
	if err != nil {
		f.Fatal(err)
	}
	known := map[int]bool{200: true, 400: true, 401: true, 403: true, 405: true, 413: true, 504: true}
	f.Fuzz(func(t *testing.T, data []byte, get bool) {
		var req *http.Request
		read := len(data)
		if get {
			req = httptest.NewRequest("GET", "/graphql?query="+url.QueryEscape(string(data)), nil)
		} else {
			req = httptest.NewRequest("POST", "/graphql", bytes.NewReader(data))
			req.Header.Set("Content-Type", "application/json")
			read = min(read, maxBody)
		}
		req.Header.Set("Accept", "application/graphql-response+json")
		w := httptest.NewRecorder()
		start := time.Now()
		requestBound.Check(t, read, func() { h.ServeHTTP(w, req) })
		if took := time.Since(start); took > 3*time.Second {
			t.Fatalf("answered after %v, the timeout is 1s", took)
		}
		if !known[w.Code] {
			t.Fatalf("status %d: %s", w.Code, w.Body)
		}
		var resp struct {
			Data   json.RawMessage
			Errors []struct{ Message string }
		}
		if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil {
			t.Fatalf("status %d, not JSON: %v: %.300s", w.Code, err, w.Body)
		}
		if resp.Data == nil && len(resp.Errors) == 0 {
			t.Fatalf("status %d, neither data nor errors: %.300s", w.Code, w.Body)
		}
		for _, e := range resp.Errors {
			if e.Message == "" {
				t.Fatalf("an error without a message: %.300s", w.Body)
			}
		}
	})
}
