package ingest

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/kgproject/kg/graph"
)

// Report summarises an ingest.
type Report struct {
	// Files, Articles, Nodes and Relations count what was stored (nodes
	// and relations as contributed, before merging across articles).
	Files, Articles, Nodes, Relations int
	// New, Replaced and Unchanged split Articles by what the store held
	// before: no such article, another version of it, the same one.
	New, Replaced, Unchanged int
	// Retracted counts the articles removed because the input they were
	// read from no longer holds them.
	Retracted int
	// Undated counts the articles that give month-day dates but no year,
	// neither in their own text nor in their page's or --year.
	Undated int
	// StoreNodes and StoreRelations count what the store holds after the
	// ingest, -1 when the store cannot count them (see graph.Counter).
	StoreNodes, StoreRelations int
	// Errors are the inputs and articles that could not be stored.
	Errors []error
}

const (
	defaultBatch      = 256
	defaultBatchBytes = 8 << 20
	// flushTimeout bounds the storing of the last batch once ctx is done.
	flushTimeout = 30 * time.Second
)

// ReadFacts reads paths as Read does and extracts the facts of each
// article, Options.Workers articles at a time, and calls fn in input order
// with each article and its facts, or with the error of Facts (which wraps
// graph.ErrInvalid) instead of facts. fn is called from one goroutine at a
// time. The errors are Read's: bad inputs as *InputError joined with
// errors.Join, or the error of fn or ctx, which stops the read.
func (p *Pipeline) ReadFacts(ctx context.Context, paths []string, fn func(*Article, *graph.ArticleFacts, error) error) error {
	workers := p.workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if workers == 1 {
		return p.Read(ctx, paths, func(a *Article) error {
			f, err := p.Facts(a)
			return fn(a, f, err)
		})
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type job struct {
		a    *Article
		f    *graph.ArticleFacts
		err  error
		done chan struct{}
	}
	// The reader queues each article in order before a worker takes it;
	// the queue's capacity bounds the articles in flight.
	jobs := make(chan *job)
	order := make(chan *job, 2*workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				j.f, j.err = p.Facts(j.a)
				close(j.done)
			}
		}()
	}
	readErr := make(chan error, 1)
	go func() {
		err := p.Read(ctx, paths, func(a *Article) error {
			j := &job{a: a, done: make(chan struct{})}
			select {
			case order <- j:
			case <-ctx.Done():
				return ctx.Err()
			}
			jobs <- j
			return nil
		})
		close(jobs)
		close(order)
		readErr <- err
	}()
	var fnErr error
	for j := range order {
		<-j.done
		if fnErr != nil {
			continue // drain what is in flight
		}
		if err := fn(j.a, j.f, j.err); err != nil {
			fnErr = err
			cancel()
		}
	}
	wg.Wait()
	err := <-readErr
	if fnErr != nil {
		return fnErr
	}
	return err
}

// Ingest reads paths and stores each article's facts, one article
// atomically: when st is a graph.BatchWriter, many articles a transaction
// (Options.Batch, Options.BatchBytes), else with st.PutArticle one by one.
// Articles are extracted on Options.Workers goroutines while the previous
// ones are being stored, and stored in input order, so the store ends the
// same whatever the number of workers. Bad inputs, articles whose facts
// fail validation and articles the store rejects as invalid
// (graph.ErrInvalid) are collected in Report.Errors and the run goes on;
// the returned error is for fatal failures (the store failing, ctx
// cancelled). Once ctx is done, the articles already extracted are still
// stored, in whole batches, for up to 30 seconds, before Ingest returns
// ctx's error.
func (p *Pipeline) Ingest(ctx context.Context, st graph.Store, paths []string) (*Report, error) {
	// Reading stops when ctx is done or the store fails; writing goes on
	// a while after ctx is done, to store what was read.
	rctx, stopRead := context.WithCancelCause(ctx)
	defer stopRead(nil)
	wctx, stopWrite := context.WithCancel(context.WithoutCancel(ctx))
	defer stopWrite()
	defer context.AfterFunc(ctx, func() { time.AfterFunc(flushTimeout, stopWrite) })()

	w := newWriter(st, p.batch, p.batchBytes)
	go w.run(wctx, stopRead)
	var extractErrs []error
	undated := 0
	held := map[string]bool{} // the IDs the page being read holds
	err := p.ReadFacts(rctx, paths, func(a *Article, f *graph.ArticleFacts, err error) error {
		if a.Page != "" {
			held[a.ID] = true
		}
		if err != nil {
			extractErrs = append(extractErrs, err)
		} else {
			if a.Undated() {
				undated++
			}
			w.add(a, f)
		}
		if a.pageEnd {
			w.retract(a.Page, held)
			held = map[string]bool{}
		}
		return nil
	})
	storeErr := w.close()
	rep := w.rep
	rep.Files = len(w.files)
	rep.Undated = undated
	rep.Errors = append(extractErrs, rep.Errors...)
	rep.StoreNodes, rep.StoreRelations = -1, -1
	if c, ok := st.(graph.Counter); ok && storeErr == nil {
		if n, r, err := c.Counts(wctx); err == nil {
			rep.StoreNodes, rep.StoreRelations = n, r
		}
	}
	switch {
	case ctx.Err() != nil && err != nil:
		return rep, errors.Join(ctx.Err(), storeErr)
	case storeErr != nil:
		return rep, storeErr
	case err == nil:
		return rep, nil
	}
	if ie := inputErrors(err); ie != nil {
		rep.Errors = append(rep.Errors, ie...)
		return rep, nil
	}
	return rep, err
}

// inputErrors returns the *InputError that err is or joins, nil when err
// is or joins any other error.
func inputErrors(err error) []error {
	errs := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	}
	var ie *InputError
	for _, e := range errs {
		if !errors.As(e, &ie) {
			return nil
		}
	}
	return errs
}

// writer stores the facts of an ingest on its own goroutine, a batch at a
// time, and counts what it stored. add and close are called from one
// goroutine; run stores the batches they hand over.
type writer struct {
	st          graph.Store
	maxArticles int
	maxBytes    int

	// the batch being filled: its articles and page ends, how many
	// articles and their size
	batch    []pending
	articles int
	bytes    int

	batches chan []pending
	done    chan struct{}

	// owned by run until done is closed
	rep   *Report
	files map[string]bool
	err   error
}

// pending is an article to store, or, with f nil, the end of a page read
// whole: the articles the page held before and does not hold now are to
// be retracted once what comes before is stored.
type pending struct {
	f      *graph.ArticleFacts
	source string
	page   string
	held   map[string]bool
}

func newWriter(st graph.Store, maxArticles, maxBytes int) *writer {
	w := &writer{
		st:          st,
		maxArticles: maxArticles,
		maxBytes:    maxBytes,
		batches:     make(chan []pending, 1),
		done:        make(chan struct{}),
		rep:         &Report{},
		files:       map[string]bool{},
	}
	if w.maxArticles <= 0 {
		w.maxArticles = defaultBatch
	}
	if w.maxBytes <= 0 {
		w.maxBytes = defaultBatchBytes
	}
	return w
}

// add queues f for storing; it blocks while the store is a batch behind.
func (w *writer) add(a *Article, f *graph.ArticleFacts) {
	w.batch = append(w.batch, pending{f: f, source: a.Source})
	w.articles++
	w.bytes += factsBytes(f)
	if w.articles >= w.maxArticles || w.bytes >= w.maxBytes {
		w.batches <- w.batch
		w.batch, w.articles, w.bytes = nil, 0, 0
	}
}

// Change says what storing an article changes: it is new to the store,
// replaces another version of itself, or is the version stored already.
type Change int

// The changes an article makes.
const (
	ChangeNew Change = iota
	ChangeReplaced
	ChangeUnchanged
)

// Changes tells, for each of fs, what storing it would change, from the
// article nodes st holds now: the article's title, text, date, URL,
// outlet and author decide whether it is the same version (where it was
// read from does not). An article listed twice counts as it compares with
// the store. Its error is the store's, wrapped.
func Changes(ctx context.Context, st graph.Store, fs []*graph.ArticleFacts) ([]Change, error) {
	ids := make([]string, len(fs))
	for i, f := range fs {
		ids[i] = f.Article.ID
	}
	before, err := st.Nodes(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("ingest: read the stored versions of %d articles: %w", len(ids), err)
	}
	out := make([]Change, len(fs))
	for i, f := range fs {
		a, b := &f.Article, before[i]
		switch {
		case b == nil:
			out[i] = ChangeNew
		case b.Title == a.Title && b.Text == a.Text && b.Published == a.Published && b.URL == a.URL && b.Outlet == a.Outlet && b.Author == a.Author:
			out[i] = ChangeUnchanged
		default:
			out[i] = ChangeReplaced
		}
	}
	return out, nil
}

// count adds an article that made change c.
func (r *Report) count(c Change) {
	switch c {
	case ChangeNew:
		r.New++
	case ChangeReplaced:
		r.Replaced++
	default:
		r.Unchanged++
	}
}

// retract queues the retraction of the articles of page that held does
// not name, after the articles queued before.
func (w *writer) retract(page string, held map[string]bool) {
	w.batch = append(w.batch, pending{page: page, held: held})
}

// close hands over the last batch, waits until everything is stored and
// returns the store's failure.
func (w *writer) close() error {
	if len(w.batch) > 0 {
		w.batches <- w.batch
		w.batch = nil
	}
	close(w.batches)
	<-w.done
	return w.err
}

// run stores the batches until the first failure, which it passes to
// failed, then drains them.
func (w *writer) run(ctx context.Context, failed func(error)) {
	defer close(w.done)
	for b := range w.batches {
		if w.err != nil {
			continue
		}
		if w.err = w.write(ctx, b); w.err != nil {
			failed(w.err)
		}
	}
}

// write stores a batch with StoreBatch, reporting each article as new,
// replaced or unchanged, then retracts what the batch's pages no longer
// hold.
func (w *writer) write(ctx context.Context, b []pending) error {
	var arts []pending
	var fs []*graph.ArticleFacts
	for _, it := range b {
		if it.f != nil {
			arts = append(arts, it)
			fs = append(fs, it.f)
		}
	}
	changes, err := Changes(ctx, w.st, fs)
	if err != nil {
		return err
	}
	err = StoreBatch(ctx, w.st, fs, func(i int) { w.stored(arts[i], changes[i]) }, func(_ int, err error) {
		w.rep.Errors = append(w.rep.Errors, err)
	})
	if err != nil {
		return err
	}
	for _, it := range b {
		if it.f == nil {
			if err := w.retractPage(ctx, it.page, it.held); err != nil {
				return err
			}
		}
	}
	return nil
}

// retractPage deletes the stored articles of page that held does not name.
func (w *writer) retractPage(ctx context.Context, page string, held map[string]bool) error {
	pg, err := w.st.FindNodes(ctx, graph.NodeFilter{Labels: []graph.Label{graph.LabelArticle}, Page: page})
	if err != nil {
		return fmt.Errorf("ingest: find the articles of %s: %w", page, err)
	}
	for _, n := range pg.Nodes {
		if n.Page != page || held[n.ID] {
			continue
		}
		if err := w.st.DeleteArticle(ctx, n.ID); err != nil && !errors.Is(err, graph.ErrNotFound) {
			return fmt.Errorf("ingest: retract %s, which %s no longer holds: %w", n.ID, page, err)
		}
		w.rep.Retracted++
	}
	return nil
}

// StoreBatch stores fs in one transaction when st is a graph.BatchWriter,
// else, or when the store rejects the batch as invalid, one article a
// transaction, so that only the invalid articles are left out. It calls
// stored(i) for each article fs[i] stored and rejected(i, err) for each
// the store refused with graph.ErrInvalid (err names the article). It
// returns the first other error, naming the article or the batch; what
// was stored before it stays stored, each article whole.
func StoreBatch(ctx context.Context, st graph.Store, fs []*graph.ArticleFacts, stored func(i int), rejected func(i int, err error)) error {
	if len(fs) == 0 {
		return nil
	}
	if bw, ok := st.(graph.BatchWriter); ok {
		err := bw.PutArticles(ctx, fs)
		if err == nil {
			for i := range fs {
				stored(i)
			}
			return nil
		}
		if !errors.Is(err, graph.ErrInvalid) {
			return fmt.Errorf("ingest: store %d articles from %s: %w", len(fs), fs[0].Article.ID, err)
		}
	}
	for i, f := range fs {
		if err := st.PutArticle(ctx, f); err != nil {
			err = fmt.Errorf("ingest: store %s: %w", f.Article.ID, err)
			if !errors.Is(err, graph.ErrInvalid) {
				return err
			}
			rejected(i, err)
			continue
		}
		stored(i)
	}
	return nil
}

// stored counts an article stored, with how it changed the store.
func (w *writer) stored(it pending, c Change) {
	w.files[sourceFile(it.source)] = true
	w.rep.Articles++
	w.rep.count(c)
	w.rep.Nodes += len(it.f.Nodes)
	w.rep.Relations += len(it.f.Relations)
}

// factsBytes estimates the memory and the store's share of f: its strings
// and a little for each node, relation and piece of evidence.
func factsBytes(f *graph.ArticleFacts) int {
	n := nodeBytes(&f.Article)
	for i := range f.Nodes {
		n += nodeBytes(&f.Nodes[i])
	}
	for i := range f.Relations {
		r := &f.Relations[i]
		n += 64 + len(r.ID) + len(r.From) + len(r.To) + len(r.Role)
		for _, e := range r.Evidence {
			n += 32 + len(e.ArticleID) + len(e.Sentence)
		}
	}
	return n
}

func nodeBytes(n *graph.Node) int {
	b := 64 + len(n.ID) + len(n.Name) + len(n.Title) + len(n.Text) + len(n.Source)
	for _, a := range n.Aliases {
		b += len(a)
	}
	return b
}

// sourceFile drops the line number of a JSON lines source.
func sourceFile(src string) string {
	if i := strings.LastIndexByte(src, ':'); i > 0 {
		if _, err := strconv.Atoi(src[i+1:]); err == nil {
			return src[:i]
		}
	}
	return src
}
