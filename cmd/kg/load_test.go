package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kgproject/kg/internal/gen"
)

// TestLoad is the load harness of docs/RELIABILITY.md: KG_LOAD_CLIENTS
// clients (50) for KG_LOAD_DURATION (60s) against kg serve on the store
// KG_LOAD_STORE chooses (bolt; neo4j with NEO4J_URI …, on an empty
// database), all but two asking
// a mix of GraphQL queries while two post the other half of a generated
// corpus to /ingest. It fails on any error or lost article and reports the
// request count and latency percentiles (as JSON to KG_LOAD_OUT when set).
//
//	KG_LOAD=1 go test ./cmd/kg -run TestLoad -v -timeout 30m
func TestLoad(t *testing.T) {
	if os.Getenv("KG_LOAD") == "" {
		t.Skip("set KG_LOAD=1 to run the load harness")
	}
	duration := 60 * time.Second
	if v := os.Getenv("KG_LOAD_DURATION"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			t.Fatal(err)
		}
		duration = d
	}
	clients := 50
	if v := os.Getenv("KG_LOAD_CLIENTS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 3 {
			t.Fatalf("KG_LOAD_CLIENTS=%q: want a number of at least 3", v)
		}
		clients = n
	}
	store := os.Getenv("KG_LOAD_STORE")
	if store == "" {
		store = "bolt"
	}
	env := map[string]string{"KG_TOKEN": testToken, "KG_STORE": store}
	for _, k := range []string{"NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"} {
		env[k] = os.Getenv(k)
	}

	g, err := gen.New(&gen.Options{Seed: 11, Articles: 1200})
	if err != nil {
		t.Fatal(err)
	}
	var pages []*gen.Page
	for p := g.Next(); p != nil; p = g.Next() {
		pages = append(pages, p)
	}
	half := len(pages) / 2
	corpus := t.TempDir()
	for _, p := range pages[:half] {
		writeFile(t, corpus, p.Name, p.Text)
	}
	data := t.TempDir()
	var errOut bytes.Buffer
	m0 := &Main{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &errOut, Getenv: func(k string) string { return env[k] }}
	if err := m0.ParseFlags(t.Context(), []string{"ingest", "--data", data, corpus}); err != nil {
		t.Fatal(err)
	}
	if err := m0.Run(t.Context()); err != nil {
		t.Fatalf("ingest: %v\n%s", err, errOut.String())
	}
	m0.Close()
	_, base := serve(t, env, "--data", data)

	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}, Timeout: 30 * time.Second}
	gql := func(query string, vars map[string]any) (json.RawMessage, error) {
		body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
		resp, err := client.Post(base+"/graphql", "application/json", bytes.NewReader(body))
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		raw, err := io.ReadAll(resp.Body)
		if err != nil {
			return nil, err
		}
		var r struct {
			Data   json.RawMessage
			Errors []json.RawMessage
		}
		if err := json.Unmarshal(raw, &r); err != nil || resp.StatusCode != http.StatusOK || len(r.Errors) > 0 {
			return nil, fmt.Errorf("status %d: %.300s", resp.StatusCode, raw)
		}
		return r.Data, nil
	}
	raw, err := gql(`{ people(first: 500) { nodes { id name } } articles { totalCount } }`, nil)
	if err != nil {
		t.Fatal(err)
	}
	var start struct {
		People   struct{ Nodes []struct{ ID, Name string } }
		Articles struct{ TotalCount int }
	}
	json.Unmarshal(raw, &start)
	if len(start.People.Nodes) < 10 {
		t.Fatalf("only %d people to ask about", len(start.People.Nodes))
	}
	people := start.People.Nodes

	kinds := []struct {
		name  string
		query string
		vars  func(r *rand.Rand) map[string]any
	}{
		{"person", `query($n: String!) { person(name: $n) { name posts { post { name } } events { role event { name date } evidence { sentence } } } }`,
			func(r *rand.Rand) map[string]any { return map[string]any{"n": people[r.IntN(len(people))].Name} }},
		{"search", `query($t: String!) { search(text: $t, first: 10) { score node { id name } } }`,
			func(r *rand.Rand) map[string]any {
				return map[string]any{"t": string([]rune(people[r.IntN(len(people))].Name)[:2])}
			}},
		{"neighbourhood", `query($id: ID!) { neighbourhood(id: $id, depth: 2, limit: 200) { nodes { id name } edges { type } } }`,
			func(r *rand.Rand) map[string]any { return map[string]any{"id": people[r.IntN(len(people))].ID} }},
		{"path", `query($a: ID!, $b: ID!) { path(from: $a, to: $b, maxHops: 4) { length nodes { name } } }`,
			func(r *rand.Rand) map[string]any {
				return map[string]any{"a": people[r.IntN(len(people))].ID, "b": people[r.IntN(len(people))].ID}
			}},
		{"events", `query($p: ID!) { events(filter: {person: $p}, first: 20) { totalCount nodes { name date participants { role person { name } } } } }`,
			func(r *rand.Rand) map[string]any { return map[string]any{"p": people[r.IntN(len(people))].ID} }},
		{"list", `{ people(first: 50) { totalCount nodes { name } } articles(first: 20) { totalCount nodes { title } } }`,
			func(*rand.Rand) map[string]any { return nil }},
	}

	type sample struct {
		kind string
		took time.Duration
		err  error
	}
	var mu sync.Mutex
	var samples []sample
	var ingested []string
	record := func(kind string, took time.Duration, err error) {
		mu.Lock()
		samples = append(samples, sample{kind, took, err})
		mu.Unlock()
	}
	deadline := time.Now().Add(duration)
	var wg sync.WaitGroup
	for c := range clients - 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(c), 1))
			for time.Now().Before(deadline) {
				k := kinds[r.IntN(len(kinds))]
				t0 := time.Now()
				_, err := gql(k.query, k.vars(r))
				record(k.name, time.Since(t0), err)
			}
		}()
	}
	todo := make(chan *gen.Page, len(pages)-half)
	for _, p := range pages[half:] {
		todo <- p
	}
	close(todo)
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range todo {
				if !time.Now().Before(deadline) {
					return
				}
				t0 := time.Now()
				req, _ := http.NewRequest("POST", base+"/ingest?name="+p.Name, strings.NewReader(p.Text))
				req.Header.Set("Authorization", "Bearer "+testToken)
				req.Header.Set("Content-Type", "text/markdown")
				resp, err := client.Do(req)
				var rep struct{ IDs []string }
				if err == nil {
					raw, _ := io.ReadAll(resp.Body)
					resp.Body.Close()
					if resp.StatusCode != http.StatusOK {
						err = fmt.Errorf("ingest %s: status %d: %.300s", p.Name, resp.StatusCode, raw)
					} else if err = json.Unmarshal(raw, &rep); err == nil && len(rep.IDs) == 0 {
						err = fmt.Errorf("ingest %s stored no article", p.Name)
					}
				}
				record("ingest", time.Since(t0), err)
				mu.Lock()
				ingested = append(ingested, rep.IDs...)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()

	// No lost article: every article an ingest reported is there, and
	// the count adds up.
	lost := 0
	for i := 0; i < len(ingested); i += 100 {
		var q strings.Builder
		q.WriteString("{")
		batch := ingested[i:min(i+100, len(ingested))]
		for j, id := range batch {
			fmt.Fprintf(&q, " a%d: article(id: %q) { id }", j, id)
		}
		q.WriteString(" }")
		raw, err := gql(q.String(), nil)
		if err != nil {
			t.Fatal(err)
		}
		var got map[string]*struct{ ID string }
		json.Unmarshal(raw, &got)
		for j := range batch {
			if got[fmt.Sprintf("a%d", j)] == nil {
				lost++
			}
		}
	}
	raw, err = gql(`{ articles { totalCount } }`, nil)
	if err != nil {
		t.Fatal(err)
	}
	var end struct{ Articles struct{ TotalCount int } }
	json.Unmarshal(raw, &end)

	byKind := map[string][]time.Duration{}
	var all []time.Duration
	errs := map[string]int{}
	var firstErrs []string
	for _, s := range samples {
		byKind[s.kind] = append(byKind[s.kind], s.took)
		if s.kind != "ingest" {
			all = append(all, s.took)
		}
		if s.err != nil {
			errs[s.kind]++
			if len(firstErrs) < 5 {
				firstErrs = append(firstErrs, s.kind+": "+s.err.Error())
			}
		}
	}
	type stats struct {
		Requests, Errors   int
		P50, P95, P99, Max float64 // milliseconds
	}
	summarise := func(ds []time.Duration, nerr int) stats {
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		p := func(q float64) float64 {
			if len(ds) == 0 {
				return 0
			}
			return float64(ds[min(len(ds)-1, int(q*float64(len(ds))))].Microseconds()) / 1000
		}
		return stats{len(ds), nerr, p(.50), p(.95), p(.99), p(1)}
	}
	totalErrs := 0
	for _, n := range errs {
		totalErrs += n
	}
	report := struct {
		Store                            string
		Clients                          int
		Seconds                          float64
		Queries                          stats
		PerKind                          map[string]stats
		ArticlesBefore, ArticlesIngested int
		ArticlesAfter, Lost, Errors      int
		QueriesPerSecond                 float64
	}{
		Store: store, Clients: clients, Seconds: duration.Seconds(),
		Queries: summarise(all, totalErrs-errs["ingest"]), PerKind: map[string]stats{},
		ArticlesBefore: start.Articles.TotalCount, ArticlesIngested: len(ingested),
		ArticlesAfter: end.Articles.TotalCount, Lost: lost, Errors: totalErrs,
		QueriesPerSecond: float64(len(all)) / duration.Seconds(),
	}
	for k, ds := range byKind {
		report.PerKind[k] = summarise(ds, errs[k])
	}
	out, _ := json.MarshalIndent(report, "", "  ")
	t.Logf("load run:\n%s", out)
	if path := os.Getenv("KG_LOAD_OUT"); path != "" {
		if err := os.WriteFile(filepath.Clean(path), append(out, '\n'), 0o644); err != nil {
			t.Error(err)
		}
	}
	if totalErrs > 0 {
		t.Errorf("%d requests failed, e.g.:\n%s", totalErrs, strings.Join(firstErrs, "\n"))
	}
	if lost > 0 || end.Articles.TotalCount != start.Articles.TotalCount+len(ingested) {
		t.Errorf("%d ingested articles missing; %d articles after, %d before + %d ingested", lost, end.Articles.TotalCount, start.Articles.TotalCount, len(ingested))
	}
	if len(ingested) == 0 {
		t.Error("nothing was ingested during the load")
	}
}
