package schema_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/kgproject/kg/schema"
)

const deleteSeed1 = `mutation { deleteArticle(id: "article/seed-1") }`

// send sends a request to srv and returns its status and body.
func send(t *testing.T, method, target, token, contentType, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, target, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func gqlBody(query string) string {
	b, _ := json.Marshal(map[string]string{"query": query})
	return string(b)
}

func TestWritesNeedToken(t *testing.T) {
	open := mustServer(t, nil)
	locked := mustServer(t, &schema.Options{Token: "s3cret"})
	closed := mustServer(t, &schema.Options{Token: "s3cret", ReadsNeedToken: true})
	read := gqlBody(`{ person(name: "吕沛") { name } }`)
	for _, tt := range []struct {
		name, target, method, token, body string
		status                            int
		want                              string
	}{
		{"no token configured refuses writes", open.URL + "/graphql", "POST", "", gqlBody(deleteSeed1), 403, "FORBIDDEN"},
		{"no token configured refuses writes whatever is sent", open.URL + "/graphql", "POST", "s3cret", gqlBody(deleteSeed1), 403, "KG_TOKEN"},
		{"reads are open", open.URL + "/graphql", "POST", "", read, 200, "吕沛"},
		{"missing token", locked.URL + "/graphql", "POST", "", gqlBody(deleteSeed1), 401, "UNAUTHENTICATED"},
		{"wrong token", locked.URL + "/graphql", "POST", "s3cre", gqlBody(deleteSeed1), 401, "wrong"},
		{"longer token", locked.URL + "/graphql", "POST", "s3cret2", gqlBody(deleteSeed1), 401, "wrong"},
		{"mutation over GET", locked.URL + "/graphql?query=" + url.QueryEscape(deleteSeed1), "GET", "s3cret", "", 405, "POST"},
		{"reads need no token by default", locked.URL + "/graphql", "POST", "", read, 200, "吕沛"},
		{"reads need the token when asked", closed.URL + "/graphql", "POST", "", read, 401, "Bearer"},
		{"exports need the token when asked", closed.URL + "/export", "GET", "", "", 401, "Bearer"},
		{"reads with the token", closed.URL + "/graphql", "POST", "s3cret", read, 200, "吕沛"},
		{"right token deletes", locked.URL + "/graphql", "POST", "s3cret", gqlBody(deleteSeed1), 200, `{"data":{"deleteArticle":true}}`},
		{"deleting again finds nothing", locked.URL + "/graphql", "POST", "s3cret", gqlBody(deleteSeed1), 200, `{"data":{"deleteArticle":false}}`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			status, body := send(t, tt.method, tt.target, tt.token, "application/json", tt.body)
			if status != tt.status || !strings.Contains(body, tt.want) {
				t.Fatalf("status %d, body %s; want %d and %q", status, body, tt.status, tt.want)
			}
		})
	}
	// The refused delete on open changed nothing.
	status, body := send(t, "POST", open.URL+"/graphql", "", "application/json", gqlBody(`{ article(id: "article/seed-1") { id } }`))
	if status != 200 || !strings.Contains(body, "article/seed-1") {
		t.Fatalf("after a refused delete: %d %s", status, body)
	}
}

func TestIngestEndpoint(t *testing.T) {
	var got []string
	ingest := func(ctx context.Context, body io.Reader, name string, jsonl bool) (*schema.IngestReport, error) {
		b, _ := io.ReadAll(body)
		got = append(got, name+"|"+string(b))
		rep := &schema.IngestReport{Articles: 1}
		if strings.Contains(string(b), "bad") {
			rep.Errors = []string{name + ":1: bad json"}
		}
		return rep, nil
	}
	srv := mustServer(t, &schema.Options{Token: "tok", Ingest: ingest, MaxIngestBytes: 64})
	for _, tt := range []struct {
		name, target, token, ctype, body string
		status                           int
		want                             string
	}{
		{"no token", "/ingest?name=a.md", "", "text/markdown", "# a", 401, "Bearer"},
		{"page", "/ingest?name=dir/a.md", "tok", "text/markdown; charset=utf-8", "# a", 200, `"articles":1`},
		{"page without name", "/ingest", "tok", "text/markdown", "# a", 400, "name"},
		{"html", "/ingest?name=b", "tok", "text/html", "<p>x</p>", 200, `"errors":[]`},
		{"json lines", "/ingest", "tok", "application/x-ndjson", `{"id":"x","text":"y"}`, 200, `"articles":1`},
		{"bad line", "/ingest", "tok", "application/x-ndjson", `bad`, 422, "bad json"},
		{"too big", "/ingest?name=c.md", "tok", "text/markdown", strings.Repeat("字", 30), 413, "larger than 64"},
		{"other media", "/ingest?name=c.md", "tok", "image/png", "x", 415, "x-ndjson"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			status, body := send(t, "POST", srv.URL+tt.target, tt.token, tt.ctype, tt.body)
			if status != tt.status || !strings.Contains(body, tt.want) {
				t.Fatalf("status %d, body %s; want %d and %q", status, body, tt.status, tt.want)
			}
		})
	}
	want := []string{"a.md|# a", "b.html|<p>x</p>", `ingest.jsonl|{"id":"x","text":"y"}`, "ingest.jsonl|bad"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("ingested %q, want %q", got, want)
	}
	if status, _ := send(t, "GET", srv.URL+"/ingest", "tok", "", ""); status != 405 {
		t.Errorf("GET /ingest: %d, want 405", status)
	}
	if status, _ := send(t, "POST", mustServer(t, nil).URL+"/ingest?name=a.md", "", "text/markdown", "# a"); status != 404 {
		t.Errorf("POST /ingest without an Ingest option: %d, want 404", status)
	}
}

// TestIngestSniffsBody checks that POST /ingest without a Content-Type
// reads JSON lines, HTML or Markdown as the body's first bytes say, and
// that an explicit unsupported type is still refused.
func TestIngestSniffsBody(t *testing.T) {
	var got string
	ingest := func(ctx context.Context, body io.Reader, name string, jsonl bool) (*schema.IngestReport, error) {
		got = fmt.Sprintf("%s jsonl=%v", name, jsonl)
		return &schema.IngestReport{Articles: 1}, nil
	}
	srv := mustServer(t, &schema.Options{Token: "tok", Ingest: ingest})
	for _, tt := range []struct {
		name, target, ctype, body string
		status                    int
		want                      string
	}{
		{"json lines", "/ingest", "", "\n  {\"id\":\"x\",\"text\":\"y\"}\n", 200, "ingest.jsonl jsonl=true"},
		{"json lines named", "/ingest?name=feed.jsonl", "", `{"id":"x","text":"y"}`, 200, "feed.jsonl jsonl=true"},
		{"doctype", "/ingest?name=a", "", "\uFEFF \n<!DOCTYPE html><html><body><h1>标题</h1></body></html>", 200, "a.html jsonl=false"},
		{"html tag", "/ingest?name=dir/b", "", "<html lang=\"zh\"><p>x</p></html>", 200, "b.html jsonl=false"},
		{"other tag", "/ingest?name=c.htm", "", "\t<div>x</div>", 200, "c.htm jsonl=false"},
		{"markdown", "/ingest?name=d.md", "", "# 标题\n\n正文。", 200, "d.md jsonl=false"},
		{"not a tag", "/ingest?name=e.txt", "", "<3 正文。", 200, "e.txt jsonl=false"},
		{"page without name", "/ingest", "", "# 标题", 400, ""},
		{"html without name", "/ingest", "", "<html></html>", 400, ""},
		{"explicit type wins", "/ingest?name=f.md", "text/markdown", "<p>x</p>", 200, "f.md jsonl=false"},
		{"unsupported type", "/ingest?name=g.md", "application/octet-stream", "# 标题", 415, ""},
		{"form", "/ingest?name=g.md", "application/x-www-form-urlencoded", "{\"id\":\"x\"}", 415, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got = ""
			status, body := send(t, "POST", srv.URL+tt.target, "tok", tt.ctype, tt.body)
			if status != tt.status || got != tt.want {
				t.Fatalf("status %d, ingested as %q (%s); want %d and %q", status, got, body, tt.status, tt.want)
			}
		})
	}
}
