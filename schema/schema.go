// Package schema is kg's GraphQL API: the types and resolvers over a
// graph.Store (through package queries), the protections every request goes
// through, and the HTTP handler that serves it with the GraphiQL explorer,
// POST /ingest and /export (written by package export).
//
// graphql-go lives behind this package: the workarounds its parser,
// validator and executor need (long lines, fragment cycles, limits, the
// execution budget, the document cache, key order) are in its internal
// package gqlexec, which nothing outside schema can import.
//
// Resolvers batch their store calls per request (see loader), so the number
// of store round trips of a request grows with the depth of its query, never
// with the number of objects it returns.
package schema

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/queries"
	"github.com/kgproject/kg/schema/internal/gqlexec"
)

// Options bounds the requests a Schema serves; zero fields take the
// defaults given.
type Options struct {
	// MaxDepth is the deepest nesting of fields a query may have (15).
	MaxDepth int
	// MaxFields is how many fields a query may select, counting aliases and
	// fragments where they are used (500).
	MaxFields int
	// MaxCost is how many objects a query may return at most, list sizes
	// multiplied (100000).
	MaxCost int
	// MaxFirst is the largest page size, first or limit argument (500).
	MaxFirst int
	// ListFirst is how many items a relation list gives when its first
	// argument does not say (50; evidence lists a tenth of it). The cost
	// check multiplies by it.
	ListFirst int
	// MaxBytes is how many bytes of text (strings and IDs) a query may
	// return at most (16 MiB); with MaxCost it bounds execution, which stops
	// with an error when either is passed.
	MaxBytes int
	// Timeout bounds the execution of one request (10s).
	Timeout time.Duration
	// MaxBodyBytes bounds an HTTP request body (1 MiB).
	MaxBodyBytes int64
	// Logger receives internal errors in full; nil discards them.
	Logger *slog.Logger
	// Token is the bearer token that writes over HTTP (mutations, POST
	// /ingest) need; without one the Handler refuses them (403). Schema.Do
	// called in-process does not check it.
	Token string
	// ReadsNeedToken makes the Handler's reads (queries, exports, the SDL)
	// need Token too.
	ReadsNeedToken bool
	// Ingest, when set, serves POST /ingest (see Handler.serveIngest).
	Ingest IngestFunc
	// MaxIngestBytes bounds a POST /ingest body (32 MiB).
	MaxIngestBytes int64
	// MaxConcurrent is how many GraphQL requests the Handler runs at once
	// (16); MaxQueued more wait for a turn (64), at most QueueWait (5s);
	// the others are answered 503 with Retry-After.
	MaxConcurrent int
	MaxQueued     int
	QueueWait     time.Duration
	// MaxExports is how many /export requests run at once (2; the others
	// are answered 503), each with ExportWriteTimeout (2m) to be sent.
	MaxExports         int
	ExportWriteTimeout time.Duration
	// SourceDir is the directory article sources are shown relative to
	// (a source outside it shows its file name only), so that answers do
	// not give the server's paths; "" shows file names only.
	SourceDir string
	// AllowedOrigins are the web origins (scheme://host[:port]) whose pages
	// may call the Handler from a browser (CORS); "*" alone allows every
	// origin. None by default: browsers then refuse cross-origin calls.
	AllowedOrigins []string
}

func (o *Options) withDefaults() Options {
	var d Options
	if o != nil {
		d = *o
	}
	set := func(v *int, def int) {
		if *v <= 0 {
			*v = def
		}
	}
	set(&d.MaxDepth, 15)
	set(&d.MaxFields, 500)
	set(&d.MaxCost, 100000)
	set(&d.MaxFirst, 500)
	set(&d.MaxBytes, 16<<20)
	set(&d.ListFirst, 50)
	d.ListFirst = min(d.ListFirst, d.MaxFirst)
	set(&d.MaxConcurrent, 16)
	set(&d.MaxQueued, 64)
	set(&d.MaxExports, 2)
	if d.QueueWait <= 0 {
		d.QueueWait = 5 * time.Second
	}
	if d.ExportWriteTimeout <= 0 {
		d.ExportWriteTimeout = 2 * time.Minute
	}
	if d.Timeout <= 0 {
		d.Timeout = 10 * time.Second
	}
	if d.MaxBodyBytes <= 0 {
		d.MaxBodyBytes = 1 << 20
	}
	if d.MaxIngestBytes <= 0 {
		d.MaxIngestBytes = 32 << 20
	}
	if d.Logger == nil {
		d.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return d
}

// Schema executes GraphQL requests against a store. It is safe for
// concurrent use.
type Schema struct {
	svc  *queries.Service
	gql  graphql.Schema
	opts Options
	docs gqlexec.DocCache
}

// New returns the Schema serving store, bounded by opts (nil means the
// defaults). It returns an error only if the type definitions are broken.
func New(store graph.Store, opts *Options) (*Schema, error) {
	s := &Schema{svc: queries.New(store), opts: opts.withDefaults()}
	b := &builder{s: s}
	b.build()
	gql, err := graphql.NewSchema(graphql.SchemaConfig{
		Query:    b.query(),
		Mutation: b.mutation(),
		Types:    []graphql.Type{b.person, b.post, b.organisation, b.event, b.project, b.place, b.article, dateScalar},
	})
	if err != nil {
		return nil, fmt.Errorf("schema: build: %w", err)
	}
	s.capLists(gql)
	gqlexec.GuardResolvers(gql)
	s.gql = gql
	return s, nil
}

// StatusClientClosedRequest is the status of a request whose client went
// away before it was answered (nginx's 499): it is logged and counted, never
// sent.
const StatusClientClosedRequest = 499

// Request is a GraphQL request as sent over HTTP.
type Request struct {
	Query         string         `json:"query"`
	Variables     map[string]any `json:"variables,omitempty"`
	OperationName string         `json:"operationName,omitempty"`
}

// Response is the answer to a Request. Data holds the result in the order
// the query asked for its fields; it is nil when the request failed before
// execution (it did not parse, validate or pass the limits).
type Response struct {
	Data   json.RawMessage
	Errors []Error
	// Status is the HTTP status the response is sent with as
	// application/graphql-response+json: 200 when executed, 400 for a
	// request that failed before execution, 504 on timeout.
	Status int
}

// Error is a GraphQL error.
type Error struct {
	Message    string         `json:"message"`
	Locations  []Location     `json:"locations,omitempty"`
	Path       []any          `json:"path,omitempty"`
	Extensions map[string]any `json:"extensions,omitempty"`
}

// Location is a position in the query text, from 1.
type Location struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

// MarshalJSON writes {"errors": …, "data": …}, leaving out what is absent.
func (r *Response) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	if len(r.Errors) > 0 {
		buf.WriteString(`"errors":`)
		if err := gqlexec.Encode(&buf, r.Errors); err != nil {
			return nil, err
		}
	}
	if r.Data != nil {
		if len(r.Errors) > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString(`"data":`)
		buf.Write(r.Data)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

func failed(status int, errs ...error) *Response {
	r := &Response{Status: status}
	for _, err := range errs {
		e := toError(gqlerrors.FormatError(err))
		if pe, ok := err.(interface{ Extensions() map[string]any }); ok {
			e.Extensions = pe.Extensions()
		}
		r.Errors = append(r.Errors, e)
	}
	return r
}

func toError(e gqlerrors.FormattedError) Error {
	out := Error{Message: e.Message, Path: e.Path, Extensions: e.Extensions}
	for _, l := range e.Locations {
		out.Locations = append(out.Locations, Location{Line: l.Line, Column: l.Column})
	}
	return out
}

// Do executes one request. Failures are reported in the Response.
func (s *Schema) Do(ctx context.Context, req *Request) *Response {
	if req.Query == "" {
		return failed(400, &publicError{msg: `the request has no "query"`, code: codeRequest})
	}
	doc := s.docs.Get(req.Query)
	valid := doc != nil
	if doc == nil {
		var err error
		doc, err = gqlexec.Parse(req.Query)
		if err != nil {
			return failed(400, err)
		}
	}
	op, err := gqlexec.Operation(doc, req.OperationName)
	if err != nil {
		return failed(400, err)
	}
	if op.Operation == ast.OperationTypeMutation {
		if e := writesDenied(ctx); e != nil {
			return failed(e.status, e.err)
		}
	}
	if err := gqlexec.CheckLimits(&s.gql, s.limits(), doc, op, req.Variables); err != nil {
		return failed(400, err)
	}
	if !valid {
		if v := graphql.ValidateDocument(&s.gql, doc, nil); !v.IsValid {
			r := &Response{Status: 400}
			for _, e := range v.Errors {
				r.Errors = append(r.Errors, toError(e))
			}
			return r
		}
		s.docs.Put(req.Query, doc)
	}
	ctx, cancel := context.WithTimeout(ctx, s.opts.Timeout)
	defer cancel()
	ctx = context.WithValue(ctx, loaderKey{}, newLoader(ctx, s.svc))
	ctx, bud := gqlexec.WithBudget(ctx, s.opts.MaxCost, s.opts.MaxBytes)
	// Execute returns only when its execution has ended, which the budget
	// makes happen at the next field once ctx ends.
	res := graphql.Execute(graphql.ExecuteParams{Schema: s.gql, AST: doc, OperationName: req.OperationName, Args: req.Variables, Context: gqlexec.Detach(ctx)})
	if err := bud.Stopped(); err != nil {
		pe := s.public(err).(*publicError)
		status := http.StatusGatewayTimeout
		switch {
		case pe.code == codeLimit:
			status = http.StatusBadRequest
		case errors.Is(err, context.Canceled):
			// The client left: nobody reads this answer, and it is no
			// timeout of the server's.
			status = StatusClientClosedRequest
		}
		return &Response{Status: status, Errors: []Error{{Message: pe.msg, Extensions: pe.Extensions()}}}
	}
	r := &Response{Status: 200}
	for _, e := range res.Errors {
		r.Errors = append(r.Errors, toError(e))
	}
	if res.Data == nil {
		if r.Status == 200 && !anyPath(r.Errors) {
			// The variables did not fit the operation: a request error.
			r.Status = 400
			return r
		}
		r.Data = json.RawMessage("null")
		return r
	}
	var buf bytes.Buffer
	if err := gqlexec.WriteOrdered(&buf, res.Data, doc, op); err != nil {
		return failed(500, s.public(fmt.Errorf("schema: encode response: %w", err)))
	}
	r.Data = buf.Bytes()
	return r
}

func anyPath(errs []Error) bool {
	for _, e := range errs {
		if len(e.Path) > 0 {
			return true
		}
	}
	return false
}

// limits are the bounds of gqlexec.CheckLimits.
func (s *Schema) limits() gqlexec.Limits {
	return gqlexec.Limits{MaxDepth: s.opts.MaxDepth, MaxFields: s.opts.MaxFields, MaxCost: s.opts.MaxCost,
		MaxFirst: s.opts.MaxFirst, DefaultLimit: defaultFirst}
}

// public maps a resolver error to what the client reads.
func (s *Schema) public(err error) error {
	return public(s.opts.Logger, s.opts.Timeout.String(), err)
}

// first checks a page-size argument; v is nil when the argument is absent.
func (s *Schema) first(v any, def int) (int, error) {
	n, ok := v.(int)
	if !ok {
		return def, nil
	}
	if n < 0 {
		return 0, badInput(fmt.Sprintf("first: %d is negative", n))
	}
	if n > s.opts.MaxFirst {
		return 0, &publicError{msg: fmt.Sprintf("first: %d is more than the maximum of %d", n, s.opts.MaxFirst), code: codeLimit}
	}
	return n, nil
}
