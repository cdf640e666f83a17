package graphtest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"github.com/kgproject/kg/graph"
)

// The tests of graph.BatchWriter. Each skips when the store does not
// implement it.

// batchWriter returns st as a graph.BatchWriter, skipping the test when it
// is not one.
func batchWriter(t *testing.T, st graph.Store) graph.BatchWriter {
	t.Helper()
	bw, ok := st.(graph.BatchWriter)
	if !ok {
		t.Skipf("%T does not implement graph.BatchWriter", st)
	}
	return bw
}

func ptrs(facts []graph.ArticleFacts) []*graph.ArticleFacts {
	out := make([]*graph.ArticleFacts, len(facts))
	for i := range facts {
		out[i] = &facts[i]
	}
	return out
}

func putBatch(t testing.TB, bw graph.BatchWriter, facts ...graph.ArticleFacts) {
	t.Helper()
	if err := bw.PutArticles(ctx, ptrs(facts)); err != nil {
		t.Fatalf("PutArticles of %d articles: %v", len(facts), err)
	}
}

func (s suite) testBatchSeed(t *testing.T) {
	st := s.open(t)
	bw := batchWriter(t, st)
	putBatch(t, bw, SeedFacts()...)
	checkDump(t, "seed in one batch", dump(t, st), seedDump)

	// The same facts again, in two batches, change nothing.
	facts := SeedFacts()
	putBatch(t, bw, facts[3:]...)
	putBatch(t, bw, facts[:3]...)
	checkDump(t, "seed put again in two batches", dump(t, st), seedDump)
}

// testBatchSequential checks that a batch has the effect of its articles
// put one by one in order: with articles replacing stored versions, an
// article listed twice (the last listing wins, whether it adds facts or
// takes them away) and articles whose parts merge with each other's.
func (s suite) testBatchSequential(t *testing.T) {
	seed := SeedFacts()
	batches := []struct {
		name  string
		facts []graph.ArticleFacts
	}{
		{"new articles", []graph.ArticleFacts{seed[3], seed[5]}},
		{"replacing stored articles", []graph.ArticleFacts{variant(0), seed[3], variant(2)}},
		{"article listed twice, changed last", []graph.ArticleFacts{seed[4], variant(1), changedFacts()}},
		{"article listed twice, original last", []graph.ArticleFacts{changedFacts(), seed[4], variant(5), seed[5]}},
		{"replaced within the batch and back", []graph.ArticleFacts{seed[0], variant(0), seed[1], seed[0], variant(1)}},
	}
	for _, b := range batches {
		batched, sequential := s.open(t), s.open(t)
		bw := batchWriter(t, batched)
		put(t, batched, seed[:3]...)
		put(t, sequential, seed[:3]...)
		putBatch(t, bw, b.facts...)
		put(t, sequential, b.facts...)
		got := dump(t, batched)
		checkDump(t, b.name+": batch against one by one", got, dump(t, sequential))
		m := newModel(seed[:3]...)
		for _, f := range b.facts {
			m.put(f)
		}
		checkDump(t, b.name+" (model)", got, m.dump())
	}
}

func (s suite) testBatchEmpty(t *testing.T) {
	empty, loaded := s.open(t), s.seeded(t)
	for _, st := range []graph.Store{empty, loaded} {
		bw := batchWriter(t, st)
		before := dump(t, st)
		for _, fs := range [][]*graph.ArticleFacts{nil, {}} {
			if err := bw.PutArticles(ctx, fs); err != nil {
				t.Errorf("PutArticles(%#v): %v", fs, err)
			}
		}
		checkDump(t, "after empty batches", dump(t, st), before)
	}
}

// testBatchInvalid checks that one invalid article fails the whole batch
// with ErrInvalid naming it, wherever it stands, and stores nothing.
func (s suite) testBatchInvalid(t *testing.T) {
	st := s.open(t)
	bw := batchWriter(t, st)
	put(t, st, SeedFacts()[:3]...)
	before := dump(t, st)
	cases := []struct {
		name   string
		change func(f *graph.ArticleFacts)
	}{
		{"relation type", func(f *graph.ArticleFacts) { f.Relations[0].Type = "KNOWS" }},
		{"no evidence", func(f *graph.ArticleFacts) { f.Relations[0].Evidence = nil }},
		{"event date", func(f *graph.ArticleFacts) { f.Nodes[1].Date = "2026-13-01" }},
		{"node label", func(f *graph.ArticleFacts) { f.Nodes[1].Label = "Thing" }},
	}
	for _, c := range cases {
		for pos := range 3 {
			batch := []graph.ArticleFacts{SeedFacts()[3], variant(0), SeedFacts()[4]}
			bad := SeedFacts()[5]
			c.change(&bad)
			batch = append(batch[:pos], append([]graph.ArticleFacts{bad}, batch[pos:]...)...)
			err := bw.PutArticles(ctx, ptrs(batch))
			if !errors.Is(err, graph.ErrInvalid) {
				t.Errorf("%s at %d: PutArticles error = %v, want ErrInvalid", c.name, pos, err)
			} else if !strings.Contains(err.Error(), bad.Article.ID) {
				t.Errorf("%s at %d: PutArticles error %q does not name article %s", c.name, pos, err, bad.Article.ID)
			}
		}
	}
	// Invalid replacement facts for a stored article fail the batch too.
	bad := SeedFacts()[0]
	bad.Relations[0].Evidence = nil
	if err := bw.PutArticles(ctx, ptrs([]graph.ArticleFacts{SeedFacts()[3], bad})); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("invalid replacement: PutArticles error = %v, want ErrInvalid", err)
	}
	f := SeedFacts()[3]
	if err := bw.PutArticles(ctx, []*graph.ArticleFacts{&f, nil}); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("batch with nil facts: PutArticles error = %v, want ErrInvalid", err)
	}
	checkDump(t, "after invalid batches", dump(t, st), before)
}

func (s suite) testBatchKeepsInput(t *testing.T) {
	st := s.open(t)
	bw := batchWriter(t, st)
	facts := []graph.ArticleFacts{SeedFacts()[5], SeedFacts()[4], variant(5)}
	for i := range facts {
		for j := range facts[i].Relations {
			facts[i].Relations[j].ID = ""
		}
	}
	snapshot, _ := json.Marshal(facts)
	putBatch(t, bw, facts...)
	if after, _ := json.Marshal(facts); !bytes.Equal(after, snapshot) {
		t.Errorf("PutArticles modified its argument")
	}
	checkDump(t, "batch without relation IDs", dump(t, st), newModel(SeedFacts()[4], variant(5)).dump())
}

// testBatchRandom puts made-up, heavily overlapping articles in batches of
// random sizes, with repeats, and compares the dump with the model's after
// every batch.
func (s suite) testBatchRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 64))
	st := s.open(t)
	bw := batchWriter(t, st)
	m := newModel()
	for step := range 15 {
		var batch []graph.ArticleFacts
		for range rng.IntN(7) {
			f := randomFacts(rng, rng.IntN(8))
			batch = append(batch, f)
			m.put(f)
		}
		putBatch(t, bw, batch...)
		if got, want := dump(t, st), m.dump(); !bytes.Equal(got, want) {
			checkDump(t, fmt.Sprintf("batch %d of %d articles", step, len(batch)), got, want)
			return
		}
		checkCounts(t, st, fmt.Sprintf("batch %d of %d articles", step, len(batch)))
	}
}

// testBatchAtomic runs readers while a writer switches between two
// batches: every read must see the graph after one batch or the other,
// never a mixture.
func (s suite) testBatchAtomic(t *testing.T) {
	st := s.seeded(t)
	bw := batchWriter(t, st)
	one := []graph.ArticleFacts{changedFacts(), variant(3), variant(0)}
	two := []graph.ArticleFacts{SeedFacts()[4], SeedFacts()[3], SeedFacts()[0]}
	oneDump := newModel(append(without(without(without(SeedFacts(), SeedArticleID(5)), SeedArticleID(4)), SeedArticleID(1)), one...)...).dump()
	var wg sync.WaitGroup
	done := make(chan struct{})
	errs := make(chan error, 16)
	report := func(err error) {
		select {
		case errs <- err:
		default:
		}
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(done)
		for range 10 {
			for _, b := range [][]graph.ArticleFacts{one, two} {
				if err := bw.PutArticles(ctx, ptrs(b)); err != nil {
					report(fmt.Errorf("PutArticles: %w", err))
					return
				}
			}
		}
	}()
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-done:
					return
				default:
				}
				var buf bytes.Buffer
				if err := st.Dump(ctx, &buf); err != nil {
					report(fmt.Errorf("Dump: %w", err))
					return
				}
				if d := buf.Bytes(); !bytes.Equal(d, seedDump) && !bytes.Equal(d, oneDump) {
					report(errors.New("Dump saw a half-written batch"))
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	checkDump(t, "after concurrent batches", dump(t, st), seedDump)
}

func (s suite) testBatchCancelled(t *testing.T) {
	st := s.seeded(t)
	bw := batchWriter(t, st)
	c, cancel := context.WithCancel(ctx)
	cancel()
	batch := []graph.ArticleFacts{changedFacts(), variant(0), randomFacts(rand.New(rand.NewPCG(1, 2)), 1)}
	if err := bw.PutArticles(c, ptrs(batch)); !errors.Is(err, context.Canceled) {
		t.Errorf("PutArticles with a cancelled context: error = %v, want context.Canceled", err)
	}
	checkDump(t, "after a cancelled batch", dump(t, st), seedDump)
}
