package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"golang.org/x/term"

	"github.com/kgproject/kg/graph"
)

// progress reports how an ingest advances. On a terminal it redraws one
// status line at most every redraw interval; forced on elsewhere (--progress)
// it writes a line per stored article, for logs and for tests that follow
// an ingest.
type progress struct {
	w     io.Writer
	tty   bool
	start time.Time

	mu       sync.Mutex
	articles int
	drawn    time.Time
}

const redraw = 200 * time.Millisecond

// newProgress returns the progress of an ingest writing to w, or nil when
// there is to be none: out is not a terminal and force is unset.
func newProgress(w, out io.Writer, force bool) *progress {
	tty := false
	if f, ok := out.(*os.File); ok {
		tty = term.IsTerminal(int(f.Fd()))
	}
	if !tty && !force {
		return nil
	}
	return &progress{w: w, tty: tty, start: time.Now()}
}

// stored counts one stored article.
func (p *progress) stored(id string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.articles++
	if !p.tty {
		fmt.Fprintf(p.w, "kg: ingest: stored %s (%d)\n", id, p.articles)
		return
	}
	now := time.Now()
	if now.Sub(p.drawn) < redraw {
		return
	}
	p.drawn = now
	p.draw(now)
}

func (p *progress) draw(now time.Time) {
	elapsed := now.Sub(p.start)
	rate := float64(p.articles) / max(elapsed.Seconds(), 1e-3)
	fmt.Fprintf(p.w, "\r\x1b[Kkg: ingest: %d %s stored, %.1f/s, %s", p.articles, plural(p.articles, "article"), rate, elapsed.Round(time.Second))
}

// done clears the status line, leaving the terminal to the summary.
func (p *progress) done() {
	if p == nil || !p.tty {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprint(p.w, "\r\x1b[K")
}

// store returns st reporting each article it stored; it is a
// graph.BatchWriter when st is one.
func (p *progress) store(st graph.Store) graph.Store {
	if bw, ok := st.(graph.BatchWriter); ok {
		return progressBatchStore{progressStore{Store: st, p: p}, bw}
	}
	return progressStore{Store: st, p: p}
}

// progressStore is a store that reports each article it stored.
type progressStore struct {
	graph.Store
	p *progress
}

var _ graph.Store = progressStore{}

// PutArticle stores f and reports it.
func (s progressStore) PutArticle(ctx context.Context, f *graph.ArticleFacts) error {
	if err := s.Store.PutArticle(ctx, f); err != nil {
		return err
	}
	s.p.stored(f.Article.ID)
	return nil
}

// Counts forwards to the store's graph.Counter, so that the summary still
// gives the store's counts with progress shown; it fails with
// errors.ErrUnsupported when the store cannot count.
func (s progressStore) Counts(ctx context.Context) (int, int, error) {
	c, ok := s.Store.(graph.Counter)
	if !ok {
		return 0, 0, fmt.Errorf("kg: %w: the store does not count", errors.ErrUnsupported)
	}
	return c.Counts(ctx)
}

// progressBatchStore is a progressStore that stores batches.
type progressBatchStore struct {
	progressStore
	bw graph.BatchWriter
}

var _ graph.BatchWriter = progressBatchStore{}

// PutArticles stores fs in one transaction and reports each article.
func (s progressBatchStore) PutArticles(ctx context.Context, fs []*graph.ArticleFacts) error {
	if err := s.bw.PutArticles(ctx, fs); err != nil {
		return err
	}
	for _, f := range fs {
		s.p.stored(f.Article.ID)
	}
	return nil
}
