package gqlexec

import (
	"context"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/graphql-go/graphql"
)

// A Budget bounds the execution of one request by what it produces and by
// its context. The cost check (CheckLimits) bounds a query before it runs,
// from the caps of its lists; the budget holds during execution, counting
// the list items and string bytes the resolvers hand to graphql-go, and
// ends the execution at the first resolver after the request's context
// ends or a limit is passed.
//
// graphql-go runs an execution in a goroutine of its own and, when the
// context passed to Execute ends, returns without stopping it. So the
// caller passes it a context that never ends (Detach), and every resolver,
// wrapped by GuardResolvers, first checks the budget's context, the
// request's own: the execution then stops at its next field, and Execute
// returns only once it has.
type Budget struct {
	ctx                 context.Context
	maxObjects, maxSize int

	mu       sync.Mutex
	objects  int
	size     int
	exceeded error
}

type budgetKey struct{}

// WithBudget returns ctx, whose end ends the execution, carrying a new
// Budget of at most maxObjects list items and maxSize bytes of strings,
// and that Budget. Pass Detach of the context returned to graphql.Execute.
func WithBudget(ctx context.Context, maxObjects, maxSize int) (context.Context, *Budget) {
	b := &Budget{maxObjects: maxObjects, maxSize: maxSize}
	ctx = context.WithValue(ctx, budgetKey{}, b)
	b.ctx = ctx
	return ctx, b
}

func budgetFrom(ctx context.Context) *Budget {
	b, _ := ctx.Value(budgetKey{}).(*Budget)
	return b
}

// check returns why execution must stop, or nil.
func (b *Budget) check() error {
	if err := b.ctx.Err(); err != nil {
		return err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.exceeded
}

// spend counts what a resolver produced: the items of a list, the bytes of
// a string.
func (b *Budget) spend(v any) error {
	objects, size := 0, 0
	switch v := v.(type) {
	case nil:
	case string:
		size = len(v)
	case *string:
		if v != nil {
			size = len(*v)
		}
	case []string:
		objects = len(v)
		for _, s := range v {
			size += len(s)
		}
	default:
		if rv := reflect.ValueOf(v); rv.Kind() == reflect.Slice {
			objects = rv.Len()
		}
	}
	if objects == 0 && size == 0 {
		return nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.exceeded != nil {
		return b.exceeded
	}
	b.objects += objects
	b.size += size
	switch {
	case b.objects > b.maxObjects:
		b.exceeded = limitError("query returned more than %d objects: ask for fewer items (first) or fewer nested lists", b.maxObjects)
	case b.size > b.maxSize:
		b.exceeded = limitError("query returned more than %d bytes of text: ask for fewer items (first) or fewer text fields", b.maxSize)
	}
	return b.exceeded
}

// Detach returns a context whose values are ctx's but which never ends.
func Detach(ctx context.Context) context.Context { return detached{ctx} }

// detached is a context whose values are its Context's but which never
// ends.
type detached struct{ context.Context }

func (detached) Deadline() (time.Time, bool) { return time.Time{}, false }
func (detached) Done() <-chan struct{}       { return nil }
func (detached) Err() error                  { return nil }

// GuardResolvers wraps the resolver of every field of the schema's object
// types so that, under a context of WithBudget, it runs with the request's
// context and within its budget; elsewhere it runs as it did. Call it once,
// on a schema no request is using yet.
func GuardResolvers(s graphql.Schema) {
	for name, t := range s.TypeMap() {
		obj, ok := t.(*graphql.Object)
		if !ok || strings.HasPrefix(name, "__") {
			continue
		}
		for _, f := range obj.Fields() {
			f.Resolve = guarded(f.Resolve)
		}
	}
}

func guarded(fn graphql.FieldResolveFn) graphql.FieldResolveFn {
	if fn == nil {
		fn = graphql.DefaultResolveFn
	}
	return func(p graphql.ResolveParams) (any, error) {
		b := budgetFrom(p.Context)
		if b == nil {
			return fn(p)
		}
		if err := b.check(); err != nil {
			return nil, err
		}
		p.Context = b.ctx
		v, err := fn(p)
		if err != nil {
			return nil, err
		}
		if th, ok := v.(func() (any, error)); ok {
			return func() (any, error) {
				if err := b.check(); err != nil {
					return nil, err
				}
				v, err := th()
				if err != nil {
					return nil, err
				}
				return v, b.spend(v)
			}, nil
		}
		return v, b.spend(v)
	}
}

// Stopped returns why execution was stopped, nil when it was not: the one
// error a response then carries, since graphql-go reports the stop at every
// field it reached. It is an *Error with CodeLimit for a limit passed, else
// the context's error.
func (b *Budget) Stopped() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.exceeded != nil {
		return b.exceeded
	}
	if err := b.ctx.Err(); err != nil {
		return err
	}
	return nil
}
