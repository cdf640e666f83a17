package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestIngest(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := run(t, "", "ingest", "--data", dir, filepath.Join("testdata", "seed.md"))
	if code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "6 articles") {
		t.Errorf("ingest printed %q, want it to report 6 articles", out)
	}
	code, out, errOut = run(t, "", "query", "--data", dir, gongQuery)
	if code != 0 {
		t.Fatalf("query: exit %d: %s", code, errOut)
	}
	checkGong(t, []byte(out))
}

func TestIngestBadInput(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(t.TempDir(), "empty.md")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, "", "ingest", "--data", dir, empty, filepath.Join("testdata", "seed.md"))
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if !strings.Contains(errOut, "empty.md") {
		t.Errorf("stderr %q does not name the bad file", errOut)
	}
	if !strings.Contains(out, "6 articles") {
		t.Errorf("stdout %q: the good page was not stored", out)
	}
}

// TestNeo4j ingests and queries the seed page on Neo4j when
// KG_NEO4J_SCHEMA_URI names a server kept for the GraphQL tests (see
// schema's tests); it empties that server's database first.
func TestNeo4j(t *testing.T) {
	if os.Getenv("KG_NEO4J_SCHEMA_URI") == "" {
		t.Skip("KG_NEO4J_SCHEMA_URI is not set")
	}
	s := stores(t)[1] // Neo4j
	s.reset(t)
	code, out, errOut := s.run(t, "ingest", filepath.Join("testdata", "seed.md"))
	if code != 0 || !strings.Contains(out, "stored 6 articles from 1 file") {
		t.Fatalf("ingest: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	code, out, errOut = s.run(t, "query", gongQuery)
	if code != 0 {
		t.Fatalf("query: exit %d: %s", code, errOut)
	}
	checkGong(t, []byte(out))
}

func TestExtract(t *testing.T) {
	stdin := `{"id": "x1", "text": "1月13日上午，市政协副主席吕沛主持召开会议。"}` + "\n" + `{"id": "x2"` + "\n"
	code, out, errOut := run(t, stdin, "extract", "--jsonl", "-")
	if code != 1 || !strings.Contains(errOut, "-:2") {
		t.Errorf("exit %d, stderr %q; want 1 and the bad line named", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 1 || !strings.HasPrefix(lines[0], `{"id":"x1"`) || !strings.Contains(lines[0], `{"type":"Person","text":"吕沛"`) {
		t.Errorf("output %q, want one line for x1 with 吕沛 as a Person", out)
	}
	code, out, errOut = run(t, "", "extract", filepath.Join("testdata", "seed.md"))
	if code != 0 || strings.Count(out, "\n") != 6 {
		t.Errorf("extract seed.md: exit %d, %d lines, stderr %q; want 6 articles", code, strings.Count(out, "\n"), errOut)
	}
}

// TestWhoAttendedWhat checks the README's first example on the seed page
// against the page's gold annotations.
func TestWhoAttendedWhat(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := run(t, "", "ingest", "--data", dir, filepath.Join("testdata", "seed.md")); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, errOut)
	}
	code, out, errOut := run(t, "", "query", "--data", dir, `{ events { nodes { date name chairs { name } attendees { name } organisations { name } } } }`)
	if code != 0 {
		t.Fatalf("query: exit %d: %s", code, errOut)
	}
	var got struct {
		Data struct {
			Events struct {
				Nodes []struct {
					Date, Name                       string
					Chairs, Attendees, Organisations []struct{ Name string }
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	join := func(xs []struct{ Name string }) string {
		var out []string
		for _, x := range xs {
			out = append(out, x.Name)
		}
		return strings.Join(out, "、")
	}
	var lines []string
	for _, e := range got.Data.Events.Nodes {
		lines = append(lines, fmt.Sprintf("%s %s chairs[%s] attendees[%s] organisations[%s]", e.Date, e.Name, join(e.Chairs), join(e.Attendees), join(e.Organisations)))
	}
	want := []string{
		"2026-01-13 2026年第2次党政联席会议 chairs[吕沛] attendees[] organisations[]",
		"2026-01-13 全区安全稳定工作会议 chairs[吕沛] attendees[] organisations[市委督导组]",
		"2026-01-13 高新区领导与中信银行焦作分行客人座谈 chairs[] attendees[吕沛、宫卫红、钱辉] organisations[中信银行焦作分行]",
		"2026-01-14 城建领域重点工作汇报会 chairs[吕沛] attendees[] organisations[]",
		"2026-01-15 高新区经济领域重点工作汇报会 chairs[吕沛] attendees[宫卫红] organisations[]",
		"2026-01-16 高新区民生领域重点工作汇报会 chairs[吕沛] attendees[宫卫红] organisations[]",
	}
	if g, w := strings.Join(lines, "\n"), strings.Join(want, "\n"); g != w {
		t.Errorf("who attended what:\n%s\nwant:\n%s", g, w)
	}
}

// TestAnalystQuestions checks the analyst examples of docs/API.md on the seed
// page as kg extracts it.
func TestAnalystQuestions(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := run(t, "", "ingest", "--data", dir, filepath.Join("testdata", "seed.md")); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, errOut)
	}
	code, out, errOut := run(t, "", "query", "--data", dir, `{
		person(name: "吕沛") { coParticipants(first: 3) { person { name } count } }
		path(from: "person/钱辉@高新区", to: "org/市委督导组@高新区召开安全稳定工作会议~55cc3d37", relations: [ATTENDED, CHAIRED, PARTICIPATED]) { nodes { name } }
		anyPath: path(from: "person/钱辉@高新区", to: "org/市委督导组@高新区召开安全稳定工作会议~55cc3d37") { length }
		search(text: "高新区党工委") { node { name } }
		organisation(name: "高新区党工委") { name people { person { name } post { name } } }
	}`)
	if code != 0 {
		t.Fatalf("query: exit %d: %s", code, errOut)
	}
	var got struct {
		Data struct {
			Person struct {
				CoParticipants []struct {
					Person struct{ Name string }
					Count  int
				}
			}
			Path         struct{ Nodes []struct{ Name string } }
			AnyPath      struct{ Length int }
			Search       []struct{ Node struct{ Name string } }
			Organisation struct {
				Name   string
				People []struct{ Person, Post struct{ Name string } }
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	d := got.Data
	if cs := d.Person.CoParticipants; len(cs) == 0 || cs[0].Person.Name != "宫卫红" || cs[0].Count != 3 {
		t.Errorf("coParticipants of 吕沛 = %+v, want 宫卫红 first with 3", cs)
	}
	var path []string
	for _, n := range d.Path.Nodes {
		path = append(path, n.Name)
	}
	if g, w := strings.Join(path, " → "), "钱辉 → 高新区领导与中信银行焦作分行客人座谈 → 吕沛 → 全区安全稳定工作会议 → 市委督导组"; g != w {
		t.Errorf("path = %s, want %s", g, w)
	}
	if d.AnyPath.Length < 1 || d.AnyPath.Length > 4 {
		t.Errorf("path 钱辉 to 市委督导组 has %d hops, want 1 to 4", d.AnyPath.Length)
	}
	if len(d.Search) == 0 || d.Search[0].Node.Name != "高新区（示范区）党工委" {
		t.Errorf("search 高新区党工委 = %+v, want 高新区（示范区）党工委 first", d.Search)
	}
	var people []string
	for _, p := range d.Organisation.People {
		people = append(people, p.Person.Name+"@"+p.Post.Name)
	}
	if g, w := d.Organisation.Name+": "+strings.Join(people, " "), "高新区（示范区）党工委: 吕沛@高新区（示范区）党工委书记 宫卫红@高新区（示范区）党工委副书记"; g != w {
		t.Errorf("organisation 高新区党工委 = %s, want %s", g, w)
	}
}

// TestServeIngest runs the README's quick start: serve --ingest the
// example page, then ask over HTTP GET.
func TestServeIngest(t *testing.T) {
	var errOut bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &errOut, Getenv: func(string) string { return "" }}
	ctx := context.Background()
	if err := m.ParseFlags(ctx, []string{"serve", "--data", t.TempDir(), "--addr", "127.0.0.1:0", "--ingest", filepath.Join("testdata", "seed.md")}); err != nil {
		t.Fatal(err)
	}
	if err := m.Run(ctx); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if !strings.Contains(errOut.String(), "6 articles") {
		t.Errorf("serve --ingest reported %q", errOut.String())
	}
	resp, err := http.Get("http://" + m.Addr() + "/graphql?query=" + url.QueryEscape(gongQuery))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	checkGong(t, body)
	resp, err = http.Get("http://" + m.Addr() + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Errorf("GET /: %d %s, want the explorer page", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}
