package schema

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/queries"
)

// A loader batches the store calls of one request. A resolver of a relation
// field registers its object's ID and returns a thunk; graphql-go runs the
// thunks breadth first, after every sibling object of the level has
// registered, so the first thunk of a level fetches the whole level with
// one call and the others read the result. Store round trips thus grow with
// the depth of the query, never with the number of objects.
type loader struct {
	ctx context.Context
	svc *queries.Service

	mu      sync.Mutex
	batches map[string]*batch
}

// batch collects the keys of one kind of fetch and loads the pending ones
// together.
type batch struct {
	fetch   func(ctx context.Context, ids []string) (map[string]any, error)
	pending []string
	queued  map[string]bool
	done    map[string]any
	errs    map[string]error
}

type loaderKey struct{}

func newLoader(ctx context.Context, svc *queries.Service) *loader {
	return &loader{ctx: ctx, svc: svc, batches: map[string]*batch{}}
}

func loaderFrom(ctx context.Context) *loader {
	return ctx.Value(loaderKey{}).(*loader)
}

// load registers id with the batch named key (made with fetch on first use)
// and returns a function giving its value, fetching every pending key of the
// batch at the first call that needs it.
func (l *loader) load(key, id string, fetch func(ctx context.Context, ids []string) (map[string]any, error)) func() (any, error) {
	l.mu.Lock()
	b := l.batches[key]
	if b == nil {
		b = newBatch()
		l.batches[key] = b
	}
	if b.fetch == nil {
		b.fetch = fetch
	}
	if !b.queued[id] {
		b.queued[id] = true
		b.pending = append(b.pending, id)
	}
	l.mu.Unlock()
	return func() (any, error) {
		l.mu.Lock()
		defer l.mu.Unlock()
		if _, ok := b.done[id]; !ok && b.errs[id] == nil {
			ids := b.pending
			b.pending = nil
			m, err := b.fetch(l.ctx, ids)
			for _, x := range ids {
				if err != nil {
					b.errs[x] = err
				} else {
					b.done[x] = m[x]
				}
			}
		}
		return b.done[id], b.errs[id]
	}
}

func newBatch() *batch {
	return &batch{queued: map[string]bool{}, done: map[string]any{}, errs: map[string]error{}}
}

// prime records v as the value of id in the batch named key, unless id is
// already queued there, so that loading it makes no store call.
func (l *loader) prime(key, id string, v any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.batches[key]
	if b == nil {
		b = newBatch()
		l.batches[key] = b
	}
	if !b.queued[id] {
		b.queued[id] = true
		b.done[id] = v
	}
}

// linksKey names the batch of links of the given types in direction dir.
func linksKey(dir graph.Direction, types []graph.RelType) string {
	names := make([]string, len(types))
	for i, t := range types {
		names[i] = string(t)
	}
	sort.Strings(names)
	return fmt.Sprintf("links/%d/%s", dir, strings.Join(names, ","))
}

// coKey names the batch of every co-participant of people.
const coKey = "co"

// links loads id's links of the given types in direction dir.
func (l *loader) links(id string, dir graph.Direction, types ...graph.RelType) func() ([]queries.Link, error) {
	return loadWith(l, linksKey(dir, types), id, func(ctx context.Context, ids []string) (map[string][]queries.Link, error) {
		return l.svc.Links(ctx, ids, dir, types...)
	})
}

// node loads the node with ID id (nil when missing).
func (l *loader) node(id string) func() (*graph.Node, error) {
	return loadWith(l, "nodes", id, l.svc.Nodes)
}

// loadWith loads id in a batch whose fetch returns map[string]T.
func loadWith[T any](l *loader, key, id string, fetch func(ctx context.Context, ids []string) (map[string]T, error)) func() (T, error) {
	get := l.load(key, id, func(ctx context.Context, ids []string) (map[string]any, error) {
		m, err := fetch(ctx, ids)
		return anyMap(m), err
	})
	return func() (T, error) {
		v, err := get()
		t, _ := v.(T)
		return t, err
	}
}

// loadList is loadWith for list fields: the thunk it returns answers an
// empty list, never null, for an ID the fetch found nothing for.
func loadList[T any](l *loader, key, id string, fetch func(ctx context.Context, ids []string) (map[string][]T, error)) func() (any, error) {
	get := loadWith(l, key, id, fetch)
	return func() (any, error) {
		xs, err := get()
		if xs == nil {
			xs = []T{}
		}
		return xs, err
	}
}

func anyMap[T any](m map[string]T) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
