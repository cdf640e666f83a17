package ingest

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-ego/gse"

	"github.com/kgproject/kg/internal/gen"
)

// The throughput benchmarks compare full extraction with bare gse
// segmentation of the same article texts, in the same process, so that the
// ratio survives a noisy machine. Run them on one core and several times
// (bench/run.sh does):
//
//	go test ./ingest -run '^$' -bench '^BenchmarkThroughput$' -cpu 1 -count 5
//
// Each sub-benchmark reports MB/s of article text and articles/s; the
// sub-benchmarks of one run interleave, so their medians compare fairly.

var benchCorpus struct {
	once sync.Once
	arts []*Article
	err  error
}

// benchArticles reads 300 generated articles (seed 1) through the pipeline.
func benchArticles(b *testing.B, p *Pipeline) []*Article {
	b.Helper()
	benchCorpus.once.Do(func() {
		g, err := gen.New(&gen.Options{Seed: 1, Articles: 300})
		if err != nil {
			benchCorpus.err = err
			return
		}
		for pg := g.Next(); pg != nil; pg = g.Next() {
			err := p.ReadFrom(context.Background(), strings.NewReader(pg.Text), pg.Name, false, func(a *Article) error {
				benchCorpus.arts = append(benchCorpus.arts, a)
				return nil
			})
			if err != nil {
				benchCorpus.err = err
				return
			}
		}
	})
	if benchCorpus.err != nil {
		b.Fatal(benchCorpus.err)
	}
	return benchCorpus.arts
}

var fullGSE struct {
	once sync.Once
	seg  gse.Segmenter
	err  error
}

func BenchmarkThroughput(b *testing.B) {
	p, err := NewPipeline(&Options{Year: 2026})
	if err != nil {
		b.Fatal(err)
	}
	arts := benchArticles(b, p)
	size := 0
	for _, a := range arts {
		size += len(a.Text)
	}
	run := func(name string, fn func(a *Article)) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(size))
			start := time.Now()
			for b.Loop() {
				for _, a := range arts {
					fn(a)
				}
			}
			secs := time.Since(start).Seconds()
			b.ReportMetric(float64(len(arts)*b.N)/secs, "articles/s")
			// MB/s above has two decimals; this one keeps the precision
			// that ratios of slow runs need.
			b.ReportMetric(float64(size*b.N)/secs/1e6, "text-MB/s")
		})
	}
	// facts is what kg ingest does to an article: segmentation, rules,
	// resolution and the validated graph facts.
	run("facts", func(a *Article) {
		if _, err := p.Facts(a); err != nil {
			b.Fatal(err)
		}
	})
	// extract is what kg extract prints: the mentions, with the tagger.
	run("extract", func(a *Article) { p.Extract(a) })
	// gse is bare segmentation of the same text with the segmenter and
	// dictionary the pipeline loads (dictionary and HMM, one pass).
	run("gse", func(a *Article) { p.lx.seg.Cut(a.Text, true) })
	// gse-full is bare segmentation with gse's own full dictionary.
	fullGSE.once.Do(func() {
		fullGSE.seg.SkipLog = true
		fullGSE.err = fullGSE.seg.LoadDictEmbed()
	})
	if fullGSE.err != nil {
		b.Fatal(fullGSE.err)
	}
	run("gse-full", func(a *Article) { fullGSE.seg.Cut(a.Text, true) })
}

// BenchmarkThroughputInterleaved measures the ratios of BenchmarkThroughput
// with the kinds of work interleaved: each iteration is a round that runs
// bare gse, Facts and Extract on each chunk of ten articles in turn, in an
// order that rotates from chunk to chunk, and the reported ratios are
// medians of the rounds' ratios of summed times. A machine whose load
// changes during the run skews BenchmarkThroughput's sub-benchmarks, which
// run one after the other; here both sides of a ratio run within a few
// tens of milliseconds of each other.
//
//	go test ./ingest -run '^$' -bench '^BenchmarkThroughputInterleaved$' -cpu 1 -benchtime 9x
func BenchmarkThroughputInterleaved(b *testing.B) {
	p, err := NewPipeline(&Options{Year: 2026})
	if err != nil {
		b.Fatal(err)
	}
	arts := benchArticles(b, p)
	p.Extract(arts[0]) // load the tagger before timing
	kinds := []func(a *Article){
		func(a *Article) { p.lx.seg.Cut(a.Text, true) },
		func(a *Article) {
			if _, err := p.Facts(a); err != nil {
				b.Fatal(err)
			}
		},
		func(a *Article) { p.Extract(a) },
	}
	// chunks of articles: short enough for the load to stay about the
	// same, long enough for each kind of work to run with its own data in
	// the caches, as it does alone
	const chunk = 10
	var facts, extract []float64
	round := 0
	for b.Loop() {
		var took [3]time.Duration
		for i := 0; i < len(arts); i += chunk {
			for k := range kinds {
				kind := (k + i/chunk + round) % len(kinds)
				start := time.Now()
				for _, a := range arts[i:min(i+chunk, len(arts))] {
					kinds[kind](a)
				}
				took[kind] += time.Since(start)
			}
		}
		facts = append(facts, float64(took[1])/float64(took[0]))
		extract = append(extract, float64(took[2])/float64(took[0]))
		round++
	}
	median := func(xs []float64) float64 {
		slices.Sort(xs)
		return xs[len(xs)/2]
	}
	b.ReportMetric(median(facts), "facts/gse")
	b.ReportMetric(median(extract), "extract/gse")
}
