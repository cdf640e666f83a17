package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kgproject/kg/graph/bolt"
	"github.com/kgproject/kg/graph/graphtest"
)

// run runs kg in-process with args and stdin, returning its exit status,
// standard output and standard error.
func run(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	return runEnv(t, nil, stdin, args...)
}

// runEnv runs kg as run does, with env as its environment.
func runEnv(t *testing.T, env map[string]string, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	m := &Main{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut, Getenv: func(k string) string { return env[k] }}
	ctx := context.Background()
	err := m.ParseFlags(ctx, args)
	if err == nil {
		err = m.Run(ctx)
	}
	if cerr := m.Close(); err == nil {
		err = cerr
	}
	return exitCode(m, err), out.String(), errOut.String()
}

// seedDir returns a data directory holding the seed page's facts as built
// by hand in graphtest.
func seedDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	st, err := bolt.Open(dir, &bolt.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, f := range graphtest.SeedFacts() {
		if err := st.PutArticle(context.Background(), &f); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const gongQuery = `{ person(name: "宫卫红") { events { role event { name date } evidence { sentence } } } }`

type gongAnswer struct {
	Data struct {
		Person struct {
			Events []struct {
				Role     string
				Event    struct{ Name, Date string }
				Evidence []struct{ Sentence string }
			}
		}
	}
	Errors []json.RawMessage
}

// checkGong checks the answer to the foundation's query: her three seed
// events, each with the sentence that says so.
func checkGong(t *testing.T, body []byte) {
	t.Helper()
	var a gongAnswer
	if err := json.Unmarshal(body, &a); err != nil {
		t.Fatalf("response %s: %v", body, err)
	}
	if len(a.Errors) > 0 {
		t.Fatalf("errors: %s", body)
	}
	wantDates := []string{"2026-01-13", "2026-01-15", "2026-01-16"}
	evs := a.Data.Person.Events
	if len(evs) != len(wantDates) {
		t.Fatalf("宫卫红 took part in %d events, want %d: %s", len(evs), len(wantDates), body)
	}
	for i, e := range evs {
		if got, want := e.Event.Date, wantDates[i]; got != want {
			t.Errorf("event %d date = %q, want %q", i, got, want)
		}
		if len(e.Evidence) == 0 || !strings.Contains(e.Evidence[0].Sentence, "宫卫红") {
			t.Errorf("event %d (%s): evidence %+v does not name 宫卫红", i, e.Event.Name, e.Evidence)
		}
	}
}

func TestQuery(t *testing.T) {
	dir := seedDir(t)
	for _, tt := range []struct{ name, arg, stdin string }{
		{"argument", gongQuery, ""},
		{"bare query on stdin", "-", gongQuery},
		{"JSON body on stdin", "-", `{"query": "query($n: String) { person(name: $n) { events { role event { name date } evidence { sentence } } } }", "variables": {"n": "宫卫红"}}`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := run(t, tt.stdin, "query", "--data", dir, tt.arg)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			checkGong(t, []byte(out))
		})
	}
}

func TestQueryErrors(t *testing.T) {
	dir := seedDir(t)
	code, out, _ := run(t, "", "query", "--data", dir, "{ nosuchfield }")
	if code != 1 || !strings.Contains(out, "nosuchfield") {
		t.Errorf("invalid query: exit %d, output %s; want 1 and an error naming the field", code, out)
	}
	code, out, _ = run(t, "", "query", "--data", dir, `{ person(name: "无此人") { name } }`)
	if code != 0 || !strings.Contains(out, `"person":null`) && !strings.Contains(out, `"person": null`) || !strings.Contains(out, "not found") {
		t.Errorf("unknown person: exit %d, output %s; want 0, person null and a not-found message", code, out)
	}
}

func TestServe(t *testing.T) {
	dir := seedDir(t)
	var errOut bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &errOut, Getenv: func(string) string { return "" }}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := m.ParseFlags(ctx, []string{"serve", "--data", dir, "--addr", "127.0.0.1:0"}); err != nil {
		t.Fatal(err)
	}
	if err := m.Run(ctx); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	body, _ := json.Marshal(map[string]string{"query": gongQuery})
	resp, err := http.Post("http://"+m.Addr()+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	got, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, got)
	}
	checkGong(t, got)

	url := "http://" + m.Addr() + "/graphql"
	code, out, stderr := run(t, "", "query", "--url", url, gongQuery)
	if code != 0 {
		t.Fatalf("query --url: exit %d: %s", code, stderr)
	}
	checkGong(t, []byte(out))
	if code, out, _ := run(t, "", "query", "--url", url, "{ nosuchfield }"); code != 1 || !strings.Contains(out, "nosuchfield") {
		t.Errorf("query --url with a bad query: exit %d, %s", code, out)
	}
	if code, _, errOut := run(t, "", "query", "--url", "http://"+m.Addr()+"/nothing", gongQuery); code != 1 || !strings.Contains(errOut, "not GraphQL") {
		t.Errorf("query --url to a non-GraphQL page: exit %d, %s", code, errOut)
	}
	cancel()
	if err := m.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestUsage(t *testing.T) {
	for _, tt := range []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"help"}, 0, "kg ingest"},
		{[]string{"help", "query"}, 0, "Usage: kg query"},
		{[]string{"query", "-h"}, 0, "Usage: kg query"},
		{[]string{"serve", "--help"}, 0, "-addr"},
		{nil, 2, ""},
		{[]string{"frobnicate"}, 2, ""},
		{[]string{"query"}, 2, ""},
		{[]string{"ingest", "--bogus", "x"}, 2, ""},
	} {
		code, out, errOut := run(t, "", tt.args...)
		if code != tt.code || !strings.Contains(out, tt.out) {
			t.Errorf("kg %q: exit %d, stdout %q, stderr %q; want exit %d and %q", tt.args, code, out, errOut, tt.code, tt.out)
		}
	}
}

func TestFlagsAfterArguments(t *testing.T) {
	m := &Main{Getenv: func(k string) string { return map[string]string{"KG_DATA": "/env/data"}[k] }}
	if err := m.ParseFlags(context.Background(), []string{"ingest", "a.md", "--data", "/x", "b.md"}); err != nil {
		t.Fatal(err)
	}
	in := m.cmd.(*ingestCmd)
	if got, want := strings.Join(in.paths, " "), "a.md b.md"; got != want {
		t.Errorf("args = %q, want %q", got, want)
	}
	if got, want := in.store.data, "/x"; got != want {
		t.Errorf("data = %q, want %q", got, want)
	}
	m = &Main{Getenv: func(string) string { return "" }}
	if err := m.ParseFlags(context.Background(), []string{"ingest", "--data", "/d", "--", "--data", "-x.md"}); err != nil {
		t.Fatal(err)
	}
	in = m.cmd.(*ingestCmd)
	if got, want := strings.Join(in.paths, " "), "--data -x.md"; got != want || in.store.data != "/d" {
		t.Errorf("after --: args = %q, data = %q; want %q and /d", got, in.store.data, want)
	}
	m = &Main{Stdout: io.Discard, Getenv: func(k string) string { return map[string]string{"KG_DATA": "/env/data"}[k] }}
	if err := m.ParseFlags(context.Background(), []string{"query", "-"}); err != nil {
		t.Fatal(err)
	}
	if got, want := m.cmd.(*queryCmd).store.data, "/env/data"; got != want {
		t.Errorf("data from KG_DATA = %q, want %q", got, want)
	}
	if err := m.ParseFlags(context.Background(), []string{"query", "-h"}); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("-h: err = %v, want flag.ErrHelp", err)
	}
}

func TestNeo4jNeedsURI(t *testing.T) {
	code, _, errOut := run(t, "", "query", "--store", "neo4j", "{ people { totalCount } }")
	if code != 1 || !strings.Contains(errOut, "NEO4J_URI") {
		t.Errorf("exit %d, stderr %q; want 1 and a message asking for NEO4J_URI", code, errOut)
	}
	code, _, errOut = run(t, "", "query", "--store", "mysql", "{ people { totalCount } }")
	if code != 2 || !strings.Contains(errOut, "bolt or neo4j") {
		t.Errorf("exit %d, stderr %q; want 2 and the stores to choose from", code, errOut)
	}
}

func TestExport(t *testing.T) {
	dir := seedDir(t)
	code, out, errOut := run(t, "", "export", "--data", dir, "--format", "graphml")
	if code != 0 || !strings.Contains(out, "<graphml") || !strings.Contains(out, "吕沛") {
		t.Errorf("export graphml: exit %d, stderr %q, output %.200s", code, errOut, out)
	}
	code, out, errOut = run(t, "", "export", "--data", dir, "--format", "gexf")
	if code != 0 || !strings.Contains(out, `<gexf`) || !strings.Contains(out, `mode="dynamic"`) || !strings.Contains(out, "吕沛") {
		t.Errorf("export gexf: exit %d, stderr %q, output %.200s", code, errOut, out)
	}
	csvDir := filepath.Join(t.TempDir(), "csv")
	code, _, errOut = run(t, "", "export", "--data", dir, "--format", "csv", "--out", csvDir)
	if code != 0 {
		t.Fatalf("export csv: exit %d: %s", code, errOut)
	}
	for _, f := range []string{"nodes.csv", "relationships.csv"} {
		b, err := os.ReadFile(filepath.Join(csvDir, f))
		if err != nil || !strings.Contains(string(b), "吕沛") {
			t.Errorf("%s: %v, %.100s", f, err, b)
		}
	}
	var want bytes.Buffer
	st, err := bolt.Open(dir, &bolt.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Dump(context.Background(), &want); err != nil {
		t.Fatal(err)
	}
	st.Close()
	code, out, errOut = run(t, "", "export", "--data", dir, "--format", "dump")
	if code != 0 || out != want.String() {
		t.Errorf("export dump: exit %d, stderr %q: not the store's dump", code, errOut)
	}
	dumpFile := filepath.Join(t.TempDir(), "g.dump")
	if code, _, errOut := run(t, "", "export", "--data", dir, "--format", "dump", "--out", dumpFile); code != 0 {
		t.Errorf("export dump --out: exit %d, stderr %q", code, errOut)
	} else if b, err := os.ReadFile(dumpFile); err != nil || string(b) != want.String() {
		t.Errorf("export dump --out: %v, not the store's dump", err)
	}
	if code, _, _ := run(t, "", "export", "--data", dir, "--format", "dot"); code != 2 {
		t.Errorf("--format dot: exit %d, want 2", code)
	}
}

// TestMissingData checks that the commands that read a store refuse a
// --data that does not exist, naming it, instead of answering from a new,
// empty store, and that ingest and serve --ingest make it.
func TestMissingData(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "no-such-store")
	for _, args := range [][]string{
		{"query", "--data", missing, "{ people { totalCount } }"},
		{"export", "--data", missing},
		{"delete", "--data", missing, "--article", "article/x"},
		{"serve", "--data", missing, "--addr", "127.0.0.1:0"},
	} {
		code, out, errOut := run(t, "", args...)
		if code != 1 || !strings.Contains(errOut, "no store at "+missing) {
			t.Errorf("kg %q: exit %d, stdout %q, stderr %q; want 1 and an error naming %s", args, code, out, errOut, missing)
		}
		if _, err := os.Stat(missing); err == nil {
			t.Fatalf("kg %q made %s", args, missing)
		}
	}

	in := writeFile(t, t.TempDir(), "a.jsonl", lineA1)
	if code, _, errOut := run(t, "", "ingest", "--data", missing, in); code != 0 {
		t.Fatalf("ingest into a new --data: exit %d: %s", code, errOut)
	}
	if code, out, errOut := run(t, "", "query", "--data", missing, "{ articles { totalCount } }"); code != 0 || !strings.Contains(out, `"totalCount": 1`) {
		t.Errorf("query after ingest: exit %d, stdout %q, stderr %q", code, out, errOut)
	}

	served := filepath.Join(t.TempDir(), "served")
	m, _ := serve(t, nil, "--data", served, "--ingest", in)
	m.Close()
	if _, err := os.Stat(served); err != nil {
		t.Errorf("serve --ingest did not make its --data: %v", err)
	}
}
