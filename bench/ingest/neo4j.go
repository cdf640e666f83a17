package main

import (
	"context"
	"fmt"
	"os"
	"sort"
	"time"

	"github.com/kgproject/kg/graph"
	kgneo4j "github.com/kgproject/kg/graph/neo4j"
	"github.com/kgproject/kg/ingest"
)

// kgBatch is how many articles kg's side stores a transaction: the
// default of kg ingest (ingest.Options.Batch), which hands a graph.BatchWriter
// such as the Neo4j store that many articles at once.
const kgBatch = 256

// compareNeo4j extracts the facts of paths once, then per round empties the
// database and loads them with the hand-written UNWIND … MERGE (batch rows a
// statement), empties it again and stores them with kg's Neo4j store as kg
// ingest does (kgBatch articles a PutArticles). It prints the median
// throughput ratio to stderr.
func compareNeo4j(ctx context.Context, p *ingest.Pipeline, paths []string, uri string, rounds, batch int, label string, verbose bool) error {
	var facts []*graph.ArticleFacts
	err := p.Read(ctx, paths, func(a *ingest.Article) error {
		f, err := p.Facts(a)
		if err == nil {
			facts = append(facts, f)
		}
		return nil
	})
	if err != nil {
		return err
	}
	st, err := kgneo4j.Open(ctx, kgneo4j.Config{URI: uri})
	if err != nil {
		return err
	}
	defer st.Close()
	hw, err := newHandWritten(ctx, uri, batch)
	if err != nil {
		return err
	}
	defer hw.close(ctx)
	hw.verbose = verbose
	var ours, base []float64
	for round := 1; round <= rounds; round++ {
		if err := hw.clear(ctx); err != nil {
			return err
		}
		start := time.Now()
		n, err := hw.load(ctx, facts)
		if err != nil {
			return err
		}
		r := result{Mode: "neo4j-unwind", Articles: len(facts), Seconds: time.Since(start).Seconds(), Statements: n}
		base = append(base, r.Seconds)
		emit(label, r)

		if err := hw.clear(ctx); err != nil {
			return err
		}
		start = time.Now()
		for i := 0; i < len(facts); i += kgBatch {
			if err := st.PutArticles(ctx, facts[i:min(i+kgBatch, len(facts))]); err != nil {
				return err
			}
		}
		r = result{Mode: "neo4j-kg", Articles: len(facts), Seconds: time.Since(start).Seconds()}
		ours = append(ours, r.Seconds)
		emit(label, r)
	}
	fmt.Fprintf(os.Stderr, "ingest: neo4j median %.2f s (kg, %d articles a transaction) vs %.2f s (hand-written UNWIND, %d rows a statement): throughput ratio %.2f\n",
		median(ours), kgBatch, median(base), batch, median(base)/median(ours))
	return nil
}

// clearNeo4j empties the database at uri as the comparison does between
// its rounds.
func clearNeo4j(ctx context.Context, uri string) error {
	hw, err := newHandWritten(ctx, uri, 0)
	if err != nil {
		return err
	}
	defer hw.close(ctx)
	return hw.clear(ctx)
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
