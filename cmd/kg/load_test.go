package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	rtmetrics "runtime/metrics"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kgproject/kg/internal/gen"
)

// TestLoad is the load harness of docs/RELIABILITY.md: KG_LOAD_CLIENTS
// clients (50) for KG_LOAD_DURATION (60s) against kg serve on the store
// KG_LOAD_STORE chooses (bolt; neo4j with NEO4J_URI …, on an empty
// database). Two post the other half of a generated corpus to /ingest,
// spread over the run; KG_LOAD_HOSTILE (5) send the requests the server
// must refuse or bound (hostileRequests), in every other round of
// KG_LOAD_ROUND (5s); the others ask a mix of GraphQL queries throughout,
// so that their latency is measured with and without the hostile share in
// the same run. Normal clients ask again after a 503's Retry-After (up to
// three times), as a well-behaved client does, and the report counts it.
// It fails on any other error of a normal client, any hostile
// request not refused or bounded as it should be, any lost article, and a
// heap past the documented bound; it reports the request count, latency
// percentiles of each phase, their ratio and the peak memory (as JSON to
// KG_LOAD_OUT when set).
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
	hostile := 5
	if v := os.Getenv("KG_LOAD_HOSTILE"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > clients-3 {
			t.Fatalf("KG_LOAD_HOSTILE=%q: want a number from 0 to %d (KG_LOAD_CLIENTS less 3)", v, clients-3)
		}
		hostile = n
	}
	round := 5 * time.Second
	if v := os.Getenv("KG_LOAD_ROUND"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			t.Fatalf("KG_LOAD_ROUND=%q: want a duration", v)
		}
		round = d
	}
	// An even number of rounds, so that both phases get the same time.
	rounds := max(2, int(duration/round)/2*2)
	round = duration / time.Duration(rounds)
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

	// Idle connections are dropped before the server's idle timeout (a
	// minute) can close one just as a request is sent on it, which fails
	// a POST with EOF.
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients, IdleConnTimeout: 30 * time.Second}, Timeout: 30 * time.Second}
	// gql asks a query as a well-behaved client does: a 503 is asked again
	// after its Retry-After, up to three times, and counted in busy.
	var busy atomic.Int64
	gql := func(query string, vars map[string]any) (json.RawMessage, error) {
		body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
		for try := 0; ; try++ {
			resp, err := client.Post(base+"/graphql", "application/json", bytes.NewReader(body))
			if err != nil {
				return nil, err
			}
			raw, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil {
				return nil, err
			}
			if after, _ := strconv.Atoi(resp.Header.Get("Retry-After")); resp.StatusCode == http.StatusServiceUnavailable && after > 0 && try < 3 {
				busy.Add(1)
				time.Sleep(time.Duration(after) * time.Second)
				continue
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
		kind  string
		phase int // calm or underHostile
		took  time.Duration
		err   error
	}
	var mu sync.Mutex
	var samples []sample
	var ingested []string
	record := func(kind string, phase int, took time.Duration, err error) {
		mu.Lock()
		samples = append(samples, sample{kind, phase, took, err})
		mu.Unlock()
	}
	loadStart := loadAverage()
	mem := watchMemory(100 * time.Millisecond)
	begin := time.Now()
	deadline := begin.Add(duration)
	// Rounds alternate: calm, then with the hostile share, and so on, so
	// that a machine that gets busier or quieter during the run weighs on
	// both phases alike.
	phaseAt := func(t time.Time) int {
		if hostile == 0 {
			return calm
		}
		return int(t.Sub(begin)/round) % 2
	}
	mem.setPhase(calm)
	phaseDone := make(chan struct{})
	go func() {
		defer close(phaseDone)
		for i := 1; i < rounds; i++ {
			time.Sleep(time.Until(begin.Add(time.Duration(i) * round)))
			mem.setPhase(phaseAt(time.Now()))
		}
	}()
	var wg sync.WaitGroup
	for c := range clients - 2 - hostile {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(c), 1))
			for t0 := time.Now(); t0.Before(deadline); t0 = time.Now() {
				k := kinds[r.IntN(len(kinds))]
				_, err := gql(k.query, k.vars(r))
				record(k.name, phaseAt(t0), time.Since(t0), err)
			}
		}()
	}
	hostileKinds := hostileRequests(base, people[0].Name)
	type outcome struct{ kind, what string }
	hostileSeen := map[outcome]int{}
	var hostileErrs []string
	for c := range hostile {
		h := hostileKinds[c%len(hostileKinds)]
		wg.Add(1)
		go func() {
			defer wg.Done()
			for now := time.Now(); now.Before(deadline); now = time.Now() {
				if phaseAt(now) == calm {
					next := begin.Add((now.Sub(begin)/round + 1) * round)
					time.Sleep(time.Until(next))
					continue
				}
				what, err := h.send(client)
				mu.Lock()
				hostileSeen[outcome{h.name, what}]++
				if err != nil && len(hostileErrs) < 5 {
					hostileErrs = append(hostileErrs, h.name+": "+err.Error())
				}
				if err != nil {
					hostileSeen[outcome{h.name, "unexpected"}]++
				}
				mu.Unlock()
			}
		}()
	}
	// The other half of the corpus is posted at an even pace over the run,
	// so that both phases share the ingest's load alike (faster than the
	// store takes it, it is posted as fast as the store takes it).
	type paced struct {
		p  *gen.Page
		at time.Time
	}
	todo := make(chan paced, len(pages)-half)
	for i, p := range pages[half:] {
		todo <- paced{p, begin.Add(duration * time.Duration(i) / time.Duration(len(pages)-half))}
	}
	close(todo)
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for pp := range todo {
				time.Sleep(time.Until(pp.at))
				p := pp.p
				t0 := time.Now()
				if !t0.Before(deadline) {
					return
				}
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
				record("ingest", phaseAt(t0), time.Since(t0), err)
				mu.Lock()
				ingested = append(ingested, rep.IDs...)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	<-phaseDone
	memory := mem.stop()
	statuses := serverStatuses(t, base)

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
	byPhase := [2][]time.Duration{}
	errs := map[string]int{}
	phaseErrs := [2]int{}
	var firstErrs []string
	for _, s := range samples {
		byKind[s.kind] = append(byKind[s.kind], s.took)
		if s.kind != "ingest" {
			all = append(all, s.took)
			byPhase[s.phase] = append(byPhase[s.phase], s.took)
		}
		if s.err != nil {
			errs[s.kind]++
			if s.kind != "ingest" {
				phaseErrs[s.phase]++
			}
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
	unexpected := 0
	hostileReport := map[string]map[string]int{}
	for o, n := range hostileSeen {
		if o.what == "unexpected" {
			unexpected += n
			continue
		}
		if hostileReport[o.kind] == nil {
			hostileReport[o.kind] = map[string]int{}
		}
		hostileReport[o.kind][o.what] = n
	}
	report := struct {
		Store                            string
		Clients, HostileClients, Rounds  int
		Seconds, RoundSeconds            float64
		Queries                          stats
		PerKind                          map[string]stats
		Calm, UnderHostile               stats
		P99Ratio                         float64                   `json:",omitempty"`
		Hostile                          map[string]map[string]int `json:",omitempty"`
		NormalRetriedAfter503            int64
		ServerStatuses                   map[string]int
		Memory                           memoryReport
		ArticlesBefore, ArticlesIngested int
		ArticlesAfter, Lost, Errors      int
		QueriesPerSecond                 float64
		LoadAverageStart, LoadAverageEnd string
	}{
		Store: store, Clients: clients, HostileClients: hostile, Rounds: rounds,
		Seconds: duration.Seconds(), RoundSeconds: round.Seconds(),
		Queries: summarise(all, totalErrs-errs["ingest"]), PerKind: map[string]stats{},
		Calm:         summarise(byPhase[calm], phaseErrs[calm]),
		UnderHostile: summarise(byPhase[underHostile], phaseErrs[underHostile]),
		Hostile:      hostileReport, ServerStatuses: statuses, Memory: memory,
		NormalRetriedAfter503: busy.Load(),
		ArticlesBefore:        start.Articles.TotalCount, ArticlesIngested: len(ingested),
		ArticlesAfter: end.Articles.TotalCount, Lost: lost, Errors: totalErrs,
		QueriesPerSecond: float64(len(all)) / duration.Seconds(),
		LoadAverageStart: loadStart, LoadAverageEnd: loadAverage(),
	}
	if report.Calm.P99 > 0 && len(byPhase[underHostile]) > 0 {
		report.P99Ratio = math.Round(100*report.UnderHostile.P99/report.Calm.P99) / 100
	}
	for k, ds := range byKind {
		report.PerKind[k] = summarise(ds, errs[k])
	}
	out, _ := json.MarshalIndent(report, "", "  ")
	t.Logf("load run:\n%s", out)
	// The ratio is reported, not asserted: on a shared 2-core machine it
	// moves with the machine's other work (docs/RELIABILITY.md, "Load").
	t.Logf("normal clients' p99: %.0f ms calm, %.0f ms with %d hostile clients: ratio %.2f (issue 13's goal: under 2); %d asked again after a 503; heap in use %d MiB at the start, at most %d MiB (bound: %d MiB more)",
		report.Calm.P99, report.UnderHostile.P99, hostile, report.P99Ratio, busy.Load(), memory.BaseHeapInuse>>20, memory.PeakHeapInuse>>20, memoryBound>>20)
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
	if unexpected > 0 {
		t.Errorf("%d hostile requests were not refused or bounded as they should be, e.g.:\n%s", unexpected, strings.Join(hostileErrs, "\n"))
	}
	if hostile > 0 {
		for _, h := range hostileKinds[:min(hostile, len(hostileKinds))] {
			if len(hostileReport[h.name]) == 0 {
				t.Errorf("no hostile request %q was answered", h.name)
			}
		}
		if len(byPhase[calm]) == 0 || len(byPhase[underHostile]) == 0 {
			t.Errorf("normal answers: %d calm, %d under the hostile share; want some in both", len(byPhase[calm]), len(byPhase[underHostile]))
		}
	}
	// The documented bound (docs/RELIABILITY.md, "Hostile reads"): a
	// query allocates at most 256 MiB and 16 run at once, and 64 queued
	// bodies of at most 1 MiB wait; the clients share the process, which
	// only makes the check stricter.
	if bound := memory.BaseHeapInuse + memoryBound; memory.PeakHeapInuse > bound {
		t.Errorf("heap in use peaked at %d MiB, past %d MiB (%d at the start and the documented %d)", memory.PeakHeapInuse>>20, bound>>20, memory.BaseHeapInuse>>20, memoryBound>>20)
	}
}

// The phases of TestLoad's rounds.
const (
	calm         = 0
	underHostile = 1
)

// memoryBound is the memory docs/RELIABILITY.md bounds the server's queries
// to: 16 running at 256 MiB each (schema.Options.MaxConcurrent and the
// allocation TestQueriesStayUnderMemoryBound measures) and 64 waiting with
// bodies of at most 1 MiB (MaxQueued, MaxBodyBytes).
const memoryBound = 16*256<<20 + 64<<20

// memoryReport is the memory of the test's process (kg serve and its
// clients) during TestLoad: at the start, and the peak of each phase.
type memoryReport struct {
	BaseHeapInuse, PeakHeapInuse uint64 // heap spans in use (runtime.MemStats.HeapInuse)
	PeakHeapInuseCalm            uint64
	PeakHeapInuseUnderHostile    uint64
	BaseSys, PeakSys             uint64 // memory mapped by the Go runtime (MemStats.Sys)
	BaseRSS, PeakRSS             uint64 // VmRSS, from /proc/self/status
	PeakRSSCalm                  uint64
	PeakRSSUnderHostile          uint64
	Samples                      int
}

type memoryWatch struct {
	mu    sync.Mutex
	phase int
	r     memoryReport
	done  chan struct{}
	wg    sync.WaitGroup
}

// watchMemory samples the process's memory every interval until stop.
// runtime/metrics reads it without stopping the world, unlike
// runtime.ReadMemStats.
func watchMemory(interval time.Duration) *memoryWatch {
	w := &memoryWatch{done: make(chan struct{})}
	w.r.BaseHeapInuse, w.r.BaseSys = heapInuse()
	w.r.BaseRSS = rss()
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		tick := time.NewTicker(interval)
		defer tick.Stop()
		for {
			w.sample()
			select {
			case <-w.done:
				return
			case <-tick.C:
			}
		}
	}()
	return w
}

func (w *memoryWatch) sample() {
	heap, sys := heapInuse()
	res := rss()
	w.mu.Lock()
	defer w.mu.Unlock()
	r := &w.r
	r.Samples++
	r.PeakHeapInuse = max(r.PeakHeapInuse, heap)
	r.PeakSys = max(r.PeakSys, sys)
	r.PeakRSS = max(r.PeakRSS, res)
	if w.phase == calm {
		r.PeakHeapInuseCalm = max(r.PeakHeapInuseCalm, heap)
		r.PeakRSSCalm = max(r.PeakRSSCalm, res)
	} else {
		r.PeakHeapInuseUnderHostile = max(r.PeakHeapInuseUnderHostile, heap)
		r.PeakRSSUnderHostile = max(r.PeakRSSUnderHostile, res)
	}
}

// setPhase attributes the samples from now on to phase.
func (w *memoryWatch) setPhase(phase int) {
	w.mu.Lock()
	w.phase = phase
	w.mu.Unlock()
}

// stop ends the sampling and returns what it saw.
func (w *memoryWatch) stop() memoryReport {
	close(w.done)
	w.wg.Wait()
	w.sample()
	return w.r
}

// heapInuse returns the bytes of heap spans in use and the bytes the Go
// runtime has mapped, as runtime.MemStats.HeapInuse and Sys count them.
func heapInuse() (inuse, sys uint64) {
	s := []rtmetrics.Sample{
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/memory/classes/heap/unused:bytes"},
		{Name: "/memory/classes/total:bytes"},
	}
	rtmetrics.Read(s)
	return s[0].Value.Uint64() + s[1].Value.Uint64(), s[2].Value.Uint64()
}

// rss returns the process's resident set size, 0 where /proc has none.
func rss() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// loadAverage returns the machine's load averages (1, 5, 15 minutes), ""
// where /proc has none.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	return strings.Join(f[:min(3, len(f))], " ")
}

// serverStatuses returns how many /graphql requests the server at base
// answered with each status, from its /metrics (499: the client left).
func serverStatuses(t *testing.T, base string) map[string]int {
	t.Helper()
	req, _ := http.NewRequest("GET", base+"/metrics", nil)
	req.Header.Set("Authorization", "Bearer "+testToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Error(err)
		return nil
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	got := map[string]int{}
	for _, line := range strings.Split(string(raw), "\n") {
		labels, ok := strings.CutPrefix(line, "kg_http_requests_total{")
		if !ok || !strings.Contains(labels, `path="/graphql"`) {
			continue
		}
		_, code, _ := strings.Cut(labels, `code="`)
		code, _, _ = strings.Cut(code, `"`)
		n, _ := strconv.ParseFloat(line[strings.LastIndexByte(line, ' ')+1:], 64)
		got[code] = int(n)
	}
	return got
}

// A hostileRequest is a kind of request TestLoad's hostile clients send
// again and again. send reports what the server did (a status and error
// code, or that the client left) and an error when that is not a refusal
// or a bounded answer.
type hostileRequest struct {
	name string
	send func(c *http.Client) (string, error)
}

// hostileRequests are the requests of issue 13 the server must refuse or
// bound, asked of the server at base; person names a person in its graph.
//   - deep: the H1 query with n=40, 40 × 50³ objects: refused by
//     the cost check.
//   - first: first: 1000000, past the maximum page of 500: refused.
//   - aliases: 1000 aliases, each a page of 500: refused by the field limit.
//   - abandon: a heavy query that is accepted, left by its client after
//     0.3 s (the H2); answered if it is quicker, or stopped by the
//     object or byte limit.
//   - slowbody: a normal query whose body arrives in 20 pieces over 2 s;
//     the server reads bodies before a query takes one of its turns, so it
//     is answered in full.
//
// Each may also be answered 503 with Retry-After: a busy server may refuse
// any query, and that too is bounded work.
func hostileRequests(base, person string) []hostileRequest {
	post := func(ctx context.Context, c *http.Client, body io.Reader, size int) (*http.Response, error) {
		req, err := http.NewRequestWithContext(ctx, "POST", base+"/graphql", body)
		if err != nil {
			return nil, err
		}
		req.ContentLength = int64(size)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "application/graphql-response+json")
		return c.Do(req)
	}
	type answer struct {
		Data   json.RawMessage
		Errors []struct{ Extensions struct{ Code string } }
	}
	// read reads an answer and names it by its status and first error code.
	read := func(resp *http.Response) (string, answer, []byte, error) {
		defer resp.Body.Close()
		raw, err := io.ReadAll(resp.Body)
		var a answer
		if err == nil {
			err = json.Unmarshal(raw, &a)
		}
		what := strconv.Itoa(resp.StatusCode)
		if len(a.Errors) > 0 {
			what += " " + a.Errors[0].Extensions.Code
		}
		return what, a, raw, err
	}
	busy := func(resp *http.Response) bool {
		return resp.StatusCode == http.StatusServiceUnavailable && resp.Header.Get("Retry-After") != ""
	}
	noData := func(a answer) bool { return len(a.Data) == 0 || string(a.Data) == "null" }
	refused := func(name, query string, vars map[string]any) hostileRequest {
		body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
		return hostileRequest{name, func(c *http.Client) (string, error) {
			resp, err := post(context.Background(), c, bytes.NewReader(body), len(body))
			if err != nil {
				return "transport error", err
			}
			what, a, raw, err := read(resp)
			if err == nil && !busy(resp) && (resp.StatusCode != http.StatusBadRequest || !noData(a) || what != "400 QUERY_TOO_EXPENSIVE") {
				err = fmt.Errorf("want 400 QUERY_TOO_EXPENSIVE, got %.300s", raw)
			}
			return what, err
		}}
	}
	var aliases strings.Builder
	aliases.WriteString("{")
	for i := range 1000 {
		fmt.Fprintf(&aliases, " a%d: people(first: 500) { nodes { name } }", i)
	}
	aliases.WriteString(" }")
	heavy, _ := json.Marshal(map[string]any{"query": `{ people(first: 400) { nodes { links(first: 20) { node { name } evidence(first: 4) { sentence article { title text } } } } } }`})
	normal, _ := json.Marshal(map[string]any{
		"query":     `query($n: String!) { person(name: $n) { name events { role event { name } } } }`,
		"variables": map[string]any{"n": person},
	})
	return []hostileRequest{
		refused("deep", `query($n:Int){ organisations(first:$n) { nodes { events { participants { person { events { event { name } } } } } } } }`, map[string]any{"n": 40}),
		refused("first", `{ people(first: 1000000) { nodes { name } } }`, nil),
		refused("aliases", aliases.String(), nil),
		{"abandon", func(c *http.Client) (string, error) {
			ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
			defer cancel()
			resp, err := post(ctx, c, bytes.NewReader(heavy), len(heavy))
			if err != nil {
				if ctx.Err() != nil {
					return "left after 0.3 s", nil
				}
				return "transport error", err
			}
			what, a, raw, err := read(resp)
			switch {
			case err != nil && ctx.Err() != nil:
				return "left after 0.3 s", nil
			case err != nil, busy(resp):
			case resp.StatusCode == http.StatusOK && len(a.Errors) == 0 && !noData(a):
			case what == "400 QUERY_TOO_EXPENSIVE" && noData(a):
			default:
				err = fmt.Errorf("want an answer, a refusal or none, got %.300s", raw)
			}
			return what, err
		}},
		{"slowbody", func(c *http.Client) (string, error) {
			pr, pw := io.Pipe()
			defer pr.Close()
			go func() {
				step := (len(normal) + 19) / 20
				for i := 0; i < len(normal); i += step {
					if _, err := pw.Write(normal[i:min(i+step, len(normal))]); err != nil {
						return
					}
					time.Sleep(100 * time.Millisecond)
				}
				pw.Close()
			}()
			resp, err := post(context.Background(), c, pr, len(normal))
			if err != nil {
				return "transport error", err
			}
			what, a, raw, err := read(resp)
			if err == nil && !busy(resp) && (resp.StatusCode != http.StatusOK || len(a.Errors) > 0 || noData(a)) {
				err = fmt.Errorf("want an answer, got %.300s", raw)
			}
			return what, err
		}},
	}
}
