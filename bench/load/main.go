// Command load is kg's load generator: it asks the same analyst questions
// of several targets, side by side in one run, and reports latency (p50,
// p99) per question and throughput under concurrent load.
//
//	load -graphql bolt=http://127.0.0.1:8081/graphql -graphql neo4j=http://127.0.0.1:8082/graphql \
//	     -cypher cypher=bolt://127.0.0.1:7687 -c 8 -n 100 -duration 10s -rounds 3
//
// Targets are GraphQL endpoints of kg serve (POST application/json),
// hand-written Cypher through the Neo4j driver, the Neo4j GraphQL Library
// (bench/neo4jgraphql) on the same database, and embedded stores
// queried in process (the store's share of kg's answers). The questions
// (the mix) are: a person's events, a person's co-participants, the
// depth-2 neighbourhood of a person, a shortest path between two people,
// and a name search. Their parameters are drawn once, with -seed, from
// the people of the first target, and every target gets the same sequence.
//
// Each round measures every target in turn: first -n sequential requests
// of each question (latency without contention), then -c concurrent
// clients running the mix for -duration (latency under load and
// requests/s). Rounds alternate the targets so that a noisy machine
// disturbs them alike; the report takes medians over rounds. Every request
// is checked (HTTP 200, no GraphQL errors, the driver's records read); a
// failing request stops the run. Results go to stdout as one JSON object a
// line: {"key": "load/<target>/<phase>/<question>/<stat>", "value": v}.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/signal"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// questions are the mix, in order.
var questions = []string{"events", "coparticipants", "neighbourhood2", "path", "search"}

// params are one draw of a question's parameters.
type params struct {
	Name, ID, To, Search string
}

// target answers the questions.
type target interface {
	name() string
	ask(ctx context.Context, q string, p params) error
	close()
}

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(s string) error { *m = append(*m, s); return nil }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:]); err != nil {
		fmt.Fprintf(os.Stderr, "load: %v\n", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	var gqls, cyphers, stores, libs multiFlag
	fs.Var(&gqls, "graphql", "NAME=URL of a kg GraphQL endpoint (repeatable)")
	fs.Var(&cyphers, "cypher", "NAME=URI of a Neo4j server for hand-written Cypher (repeatable)")
	fs.Var(&libs, "neo4jgraphql", "NAME=URL of bench/neo4jgraphql's Neo4j GraphQL Library endpoint (repeatable)")
	fs.Var(&stores, "store", "NAME=DIR of an embedded store to query in process (repeatable)")
	conc := fs.Int("c", 8, "concurrent clients in the throughput phase")
	n := fs.Int("n", 100, "sequential requests of each question per round")
	dur := fs.Duration("duration", 10*time.Second, "length of the throughput phase per target and round")
	rounds := fs.Int("rounds", 3, "rounds")
	seed := fs.Uint64("seed", 1, "seed of the parameter draws")
	people := fs.Int("people", 300, "people to draw parameters from")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var targets []target
	defer func() {
		for _, t := range targets {
			t.close()
		}
	}()
	for _, s := range gqls {
		name, url, ok := strings.Cut(s, "=")
		if !ok {
			return fmt.Errorf("-graphql %q: want NAME=URL", s)
		}
		targets = append(targets, newGraphQL(name, url, *conc))
	}
	for _, s := range libs {
		name, url, ok := strings.Cut(s, "=")
		if !ok {
			return fmt.Errorf("-neo4jgraphql %q: want NAME=URL", s)
		}
		targets = append(targets, newLibrary(name, url, *conc))
	}
	for _, s := range stores {
		name, dir, ok := strings.Cut(s, "=")
		if !ok {
			return fmt.Errorf("-store %q: want NAME=DIR", s)
		}
		t, err := newEmbedded(name, dir)
		if err != nil {
			return err
		}
		targets = append(targets, t)
	}
	for _, s := range cyphers {
		name, uri, ok := strings.Cut(s, "=")
		if !ok {
			return fmt.Errorf("-cypher %q: want NAME=URI", s)
		}
		t, err := newCypher(ctx, name, uri)
		if err != nil {
			return err
		}
		targets = append(targets, t)
	}
	if len(targets) == 0 {
		return fmt.Errorf("no targets")
	}
	ps, err := draw(ctx, targets, *people, *seed)
	if err != nil {
		return err
	}
	// Warm every target (plan caches, page caches, JIT) before measuring.
	// A server that has just started can answer its first questions after
	// a timeout; such a warm-up question is asked again (up to 3 times in
	// all) and only fails the run if it keeps failing. Warm-up answers are
	// not measured.
	for _, t := range targets {
		for i, q := range questions {
			for k := 0; k < 5; k++ {
				p := ps[(i*5+k)%len(ps)]
				err := t.ask(ctx, q, p)
				for try := 2; err != nil && try <= 3; try++ {
					fmt.Fprintf(os.Stderr, "load: %s: warm-up %s failed (%v), asking again\n", t.name(), q, err)
					err = t.ask(ctx, q, p)
				}
				if err != nil {
					return fmt.Errorf("%s: warm-up %s: %w", t.name(), q, err)
				}
			}
		}
	}
	res := map[string][]float64{}
	for r := 0; r < *rounds; r++ {
		order := slices.Clone(targets)
		if r%2 == 1 {
			slices.Reverse(order)
		}
		for _, t := range order {
			if err := sequential(ctx, t, ps, *n, r, res); err != nil {
				return err
			}
			if err := concurrent(ctx, t, ps, *conc, *dur, r, res); err != nil {
				return err
			}
		}
	}
	keys := make([]string, 0, len(res))
	for k := range res {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	enc := json.NewEncoder(os.Stdout)
	for _, k := range keys {
		for _, v := range res[k] {
			if err := enc.Encode(map[string]any{"key": k, "value": v}); err != nil {
				return err
			}
		}
	}
	return nil
}

// sequential asks each question n times in turn from one client and
// records p50 and p99 in milliseconds.
func sequential(ctx context.Context, t target, ps []params, n, round int, res map[string][]float64) error {
	lat := map[string][]time.Duration{}
	for i := 0; i < n; i++ {
		for j, q := range questions {
			p := ps[(round*n*len(questions)+i*len(questions)+j)%len(ps)]
			start := time.Now()
			if err := t.ask(ctx, q, p); err != nil {
				return fmt.Errorf("%s: %s %+v: %w", t.name(), q, p, err)
			}
			lat[q] = append(lat[q], time.Since(start))
		}
	}
	for q, ds := range lat {
		key := "load/" + t.name() + "/seq/" + q
		res[key+"/p50_ms"] = append(res[key+"/p50_ms"], ms(pct(ds, 50)))
		res[key+"/p99_ms"] = append(res[key+"/p99_ms"], ms(pct(ds, 99)))
	}
	return nil
}

// concurrent runs c clients over the mix for d and records requests/s and
// the latency percentiles under load.
func concurrent(ctx context.Context, t target, ps []params, c int, d time.Duration, round int, res map[string][]float64) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu    sync.Mutex
		lat   = map[string][]time.Duration{}
		done  atomic.Int64
		first error
		wg    sync.WaitGroup
	)
	deadline := time.Now().Add(d)
	start := time.Now()
	for w := 0; w < c; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(round), uint64(w)))
			local := map[string][]time.Duration{}
			for i := 0; time.Now().Before(deadline) && ctx.Err() == nil; i++ {
				q := questions[(w+i)%len(questions)]
				p := ps[rng.IntN(len(ps))]
				s := time.Now()
				if err := t.ask(ctx, q, p); err != nil {
					mu.Lock()
					if first == nil && ctx.Err() == nil {
						first = fmt.Errorf("%s: %s %+v: %w", t.name(), q, p, err)
					}
					mu.Unlock()
					cancel()
					return
				}
				local[q] = append(local[q], time.Since(s))
				done.Add(1)
			}
			mu.Lock()
			for q, ds := range local {
				lat[q] = append(lat[q], ds...)
			}
			mu.Unlock()
		}(w)
	}
	wg.Wait()
	if first != nil {
		return first
	}
	elapsed := time.Since(start)
	key := "load/" + t.name() + "/conc"
	res[key+"/rps"] = append(res[key+"/rps"], float64(done.Load())/elapsed.Seconds())
	var all []time.Duration
	for q, ds := range lat {
		res[key+"/"+q+"/p50_ms"] = append(res[key+"/"+q+"/p50_ms"], ms(pct(ds, 50)))
		res[key+"/"+q+"/p99_ms"] = append(res[key+"/"+q+"/p99_ms"], ms(pct(ds, 99)))
		all = append(all, ds...)
	}
	res[key+"/all/p50_ms"] = append(res[key+"/all/p50_ms"], ms(pct(all, 50)))
	res[key+"/all/p99_ms"] = append(res[key+"/all/p99_ms"], ms(pct(all, 99)))
	return nil
}

// pct returns the p-th percentile (nearest rank) of ds.
func pct(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := (p*len(s)+99)/100 - 1
	return s[max(0, min(i, len(s)-1))]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// draw picks parameters from the people the first target that can list
// them knows: names and IDs of people, pairs for paths, and part of a name
// for search.
func draw(ctx context.Context, targets []target, n int, seed uint64) ([]params, error) {
	var src peopleLister
	for _, t := range targets {
		if l, ok := t.(peopleLister); ok && l.canList() {
			src = l
			break
		}
	}
	if src == nil {
		return nil, fmt.Errorf("no target can list people: add a kg GraphQL, store or Cypher target")
	}
	people, err := src.people(ctx, n)
	if err != nil {
		return nil, err
	}
	if len(people) < 2 {
		return nil, fmt.Errorf("only %d people in the graph", len(people))
	}
	rng := rand.New(rand.NewPCG(seed, seed+1))
	out := make([]params, 0, 4*len(people))
	for i := 0; i < 4*len(people); i++ {
		i, j := rng.IntN(len(people)), rng.IntN(len(people)-1)
		if j >= i {
			j++ // a path joins two different people
		}
		a, b := people[i], people[j]
		search := a[1]
		if r := []rune(search); len(r) > 2 {
			search = string(r[:2])
		}
		out = append(out, params{Name: a[1], ID: a[0], To: b[0], Search: search})
	}
	return out, nil
}

// peopleLister is a target that can list people as (id, name) pairs.
type peopleLister interface {
	canList() bool
	people(ctx context.Context, n int) ([][2]string, error)
}
