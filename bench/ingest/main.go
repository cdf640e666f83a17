// Command ingest times kg's ingest paths against their baselines, for
// bench/run.sh. It prints records {"key": "ingest/MODE/LABEL/STAT", "value": V},
// one JSON object a line.
//
//	ingest [-label L] -mode extract PATH...  read and extract facts as kg ingest does (same reader, same workers), store nothing
//	ingest -mode bolt -data DIR [-nosync] PATH...  what kg ingest does: extract and store in the embedded store
//	ingest -mode neo4j -uri URI -rounds N PATH...
//	    extract once, then per round: empty the database and load the facts
//	    with a hand-written batched UNWIND … MERGE through the driver, empty
//	    it again and store them with kg's Neo4j store (graph/neo4j, one
//	    PutArticle an article, as kg ingest does). The database is left
//	    holding kg's graph, for the query benchmark.
//	ingest -mode clear -uri URI
//	    empty the database, keeping its constraints and indexes (bench/xwlb.sh
//	    between its Neo4j runs).
//
// The Neo4j driver is imported here, outside graph/neo4j, only to write the
// hand-written baseline.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"runtime/pprof"
	"syscall"
	"time"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/graph/bolt"
	"github.com/kgproject/kg/ingest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:]); err != nil {
		fmt.Fprintf(os.Stderr, "ingest: %v\n", err)
		os.Exit(1)
	}
}

// result is one measurement.
type result struct {
	Mode       string // extract, bolt, neo4j-unwind, neo4j-kg
	Articles   int
	Nodes      int
	Relations  int
	Seconds    float64
	CPUSeconds float64 // user and system time of the process during the run, 0 when not measured
	Statements int
}

// emit prints r as records {"key": "ingest/<mode>/<label>/<stat>", "value": v}.
func emit(label string, r result) {
	enc := json.NewEncoder(os.Stdout)
	put := func(stat string, v float64) {
		enc.Encode(map[string]any{"key": "ingest/" + r.Mode + "/" + label + "/" + stat, "value": v})
	}
	put("seconds", r.Seconds)
	if r.CPUSeconds > 0 {
		put("cpu_seconds", r.CPUSeconds)
	}
	put("articles", float64(r.Articles))
	put("articles_per_s", float64(r.Articles)/r.Seconds)
	if r.Nodes > 0 {
		put("nodes", float64(r.Nodes))
		put("relations", float64(r.Relations))
	}
	if r.Statements > 0 {
		put("statements", float64(r.Statements))
	}
}

func run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	mode := fs.String("mode", "extract", "extract, bolt, neo4j or clear")
	data := fs.String("data", "", "the embedded store's directory (bolt)")
	uri := fs.String("uri", "bolt://127.0.0.1:7687", "the Neo4j server (neo4j, clear)")
	rounds := fs.Int("rounds", 3, "rounds of the Neo4j comparison")
	batch := fs.Int("batch", 1000, "rows per UNWIND statement of the hand-written load")
	nosync := fs.Bool("nosync", false, "bolt: skip fsync at each commit (bolt.Options.NoSync), to see what durability costs")
	verbose := fs.Bool("v", false, "log the time of each hand-written statement")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the run to this file")
	memprofile := fs.String("memprofile", "", "bolt: write a heap profile to this file at the end of the ingest, before the store closes")
	label := fs.String("label", "run", "the label of the records, e.g. the corpus size")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *cpuprofile != "" {
		fh, err := os.Create(*cpuprofile)
		if err != nil {
			return err
		}
		if err := pprof.StartCPUProfile(fh); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	paths := fs.Args()
	if *mode == "clear" {
		return clearNeo4j(ctx, *uri)
	}
	if len(paths) == 0 {
		return fmt.Errorf("no input paths")
	}
	p, err := ingest.NewPipeline(nil)
	if err != nil {
		return err
	}
	switch *mode {
	case "extract":
		start, cpu0 := time.Now(), cpuSeconds()
		r := result{Mode: "extract"}
		// ReadFacts is the reading and extraction of Ingest, on as many
		// workers, so that the two differ only by the store.
		err := p.ReadFacts(ctx, paths, func(_ *ingest.Article, f *graph.ArticleFacts, err error) error {
			if err != nil {
				return nil // kg ingest reports and skips such an article
			}
			r.Articles++
			r.Nodes += len(f.Nodes)
			r.Relations += len(f.Relations)
			return nil
		})
		if err != nil && !inputErrorsOnly(err) {
			return err
		}
		r.Seconds = time.Since(start).Seconds()
		r.CPUSeconds = cpuSeconds() - cpu0
		emit(*label, r)
	case "bolt":
		if *data == "" {
			return fmt.Errorf("-mode bolt needs -data")
		}
		start, cpu0 := time.Now(), cpuSeconds()
		st, err := bolt.Open(*data, &bolt.Options{NoSync: *nosync})
		if err != nil {
			return err
		}
		rep, err := p.Ingest(ctx, st, paths)
		if *memprofile != "" && err == nil {
			err = writeHeapProfile(*memprofile)
		}
		if cerr := st.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		mode := "bolt"
		if *nosync {
			mode = "bolt-nosync"
		}
		emit(*label, result{Mode: mode, Articles: rep.Articles, Nodes: rep.Nodes, Relations: rep.Relations, Seconds: time.Since(start).Seconds(), CPUSeconds: cpuSeconds() - cpu0})
	case "neo4j":
		return compareNeo4j(ctx, p, paths, *uri, *rounds, *batch, *label, *verbose)
	default:
		return fmt.Errorf("-mode %q: want extract, bolt, neo4j or clear", *mode)
	}
	return nil
}

// inputErrorsOnly reports whether err holds only bad inputs, which kg
// ingest reports and goes on.
func inputErrorsOnly(err error) bool {
	errs := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	}
	var ie *ingest.InputError
	for _, e := range errs {
		if !errors.As(e, &ie) {
			return false
		}
	}
	return true
}

// writeHeapProfile writes what is live on the heap now to path.
func writeHeapProfile(path string) error {
	fh, err := os.Create(path)
	if err != nil {
		return err
	}
	runtime.GC()
	if err := pprof.Lookup("heap").WriteTo(fh, 0); err != nil {
		fh.Close()
		return err
	}
	return fh.Close()
}

// cpuSeconds returns the user and system time the process has used so far.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}
