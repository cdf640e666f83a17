// Package schema is kg's GraphQL API: the types and resolvers over a
// graph.Store (through package queries), the protections every request goes
// through, and the HTTP handler that serves it with the GraphiQL explorer.
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
	"sort"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/queries"
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
	docs docCache
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
	guardResolvers(gql)
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
		if err := encode(&buf, r.Errors); err != nil {
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
		if pe, ok := err.(*publicError); ok {
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
	doc := s.docs.get(req.Query)
	valid := doc != nil
	if doc == nil {
		var err error
		doc, err = parse(req.Query)
		if err != nil {
			return failed(400, err)
		}
	}
	op, err := operation(doc, req.OperationName)
	if err != nil {
		return failed(400, err)
	}
	if op.Operation == ast.OperationTypeMutation {
		if e := writesDenied(ctx); e != nil {
			return failed(e.status, e.err)
		}
	}
	if err := s.checkLimits(doc, op, req.Variables); err != nil {
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
		s.docs.put(req.Query, doc)
	}
	ctx, cancel := context.WithTimeout(ctx, s.opts.Timeout)
	defer cancel()
	ctx = context.WithValue(ctx, loaderKey{}, newLoader(ctx, s.svc))
	bud := &budget{maxObjects: s.opts.MaxCost, maxSize: s.opts.MaxBytes}
	ctx = context.WithValue(ctx, budgetKey{}, bud)
	bud.ctx = ctx
	// Execute returns only when its execution has ended, which the budget
	// makes happen at the next field once ctx ends.
	res := graphql.Execute(graphql.ExecuteParams{Schema: s.gql, AST: doc, OperationName: req.OperationName, Args: req.Variables, Context: detached{ctx}})
	if err := bud.stopped(); err != nil {
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
	if err := writeOrdered(&buf, res.Data, op.SelectionSet.Selections, fragments(doc)); err != nil {
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

// operation picks the operation a request runs.
func operation(doc *ast.Document, name string) (*ast.OperationDefinition, error) {
	var ops []*ast.OperationDefinition
	for _, d := range doc.Definitions {
		if op, ok := d.(*ast.OperationDefinition); ok {
			ops = append(ops, op)
		}
	}
	if name == "" {
		switch len(ops) {
		case 0:
			return nil, &publicError{msg: "the document has no operation", code: codeRequest}
		case 1:
			return ops[0], nil
		}
		return nil, &publicError{msg: "the document has several operations: give operationName", code: codeRequest}
	}
	for _, op := range ops {
		if op.Name != nil && op.Name.Value == name {
			return op, nil
		}
	}
	return nil, &publicError{msg: fmt.Sprintf("no operation named %q", name), code: codeRequest}
}

func fragments(doc *ast.Document) map[string]*ast.FragmentDefinition {
	m := map[string]*ast.FragmentDefinition{}
	for _, d := range doc.Definitions {
		if f, ok := d.(*ast.FragmentDefinition); ok && f.Name != nil {
			m[f.Name.Value] = f
		}
	}
	return m
}

// writeOrdered writes v as JSON with the keys of every object in the order
// the selections ask for them: graphql-go hands back maps, whose order is
// lost.
func writeOrdered(buf *bytes.Buffer, v any, sels []ast.Selection, frags map[string]*ast.FragmentDefinition) error {
	return (&shape{sels: sels, frags: frags}).write(buf, v)
}

// shape is the order of the keys of the objects a selection set answers,
// worked out once for all the objects of a list.
type shape struct {
	sels  []ast.Selection
	frags map[string]*ast.FragmentDefinition
	done  bool
	keys  []string
	subs  map[string]*shape
}

func (sh *shape) layout() {
	if sh.done {
		return
	}
	sh.done = true
	keys, subs := responseKeys(sh.sels, sh.frags, nil, map[string]bool{})
	sh.keys = keys
	sh.subs = make(map[string]*shape, len(subs))
	for k, sub := range subs {
		sh.subs[k] = &shape{sels: sub, frags: sh.frags}
	}
}

func (sh *shape) sub(k string) *shape {
	if c := sh.subs[k]; c != nil {
		return c
	}
	return &shape{frags: sh.frags}
}

func (sh *shape) write(buf *bytes.Buffer, v any) error {
	switch v := v.(type) {
	case map[string]any:
		sh.layout()
		buf.WriteByte('{')
		n := 0
		written := make(map[string]bool, len(v))
		write := func(k string) error {
			x, ok := v[k]
			if !ok || written[k] {
				return nil
			}
			written[k] = true
			if n > 0 {
				buf.WriteByte(',')
			}
			n++
			writeString(buf, k)
			buf.WriteByte(':')
			return sh.sub(k).write(buf, x)
		}
		for _, k := range sh.keys {
			if err := write(k); err != nil {
				return err
			}
		}
		if n < len(v) {
			var rest []string
			for k := range v {
				if !written[k] {
					rest = append(rest, k)
				}
			}
			sort.Strings(rest)
			for _, k := range rest {
				if err := write(k); err != nil {
					return err
				}
			}
		}
		buf.WriteByte('}')
		return nil
	case []any:
		buf.WriteByte('[')
		for i, x := range v {
			if i > 0 {
				buf.WriteByte(',')
			}
			if err := sh.write(buf, x); err != nil {
				return err
			}
		}
		buf.WriteByte(']')
		return nil
	case string:
		writeString(buf, v)
		return nil
	case int:
		buf.WriteString(strconv.Itoa(v))
		return nil
	case bool:
		buf.WriteString(strconv.FormatBool(v))
		return nil
	case nil:
		buf.WriteString("null")
		return nil
	}
	return encode(buf, v)
}

// writeString writes s as a JSON string exactly as encoding/json does
// without HTML escaping: invalid UTF-8 becomes U+FFFD, U+2028 and U+2029
// are escaped.
func writeString(buf *bytes.Buffer, s string) {
	const hex = "0123456789abcdef"
	buf.WriteByte('"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' {
				i++
				continue
			}
			buf.WriteString(s[start:i])
			switch b {
			case '\\', '"':
				buf.WriteByte('\\')
				buf.WriteByte(b)
			case '\b':
				buf.WriteString(`\b`)
			case '\f':
				buf.WriteString(`\f`)
			case '\n':
				buf.WriteString(`\n`)
			case '\r':
				buf.WriteString(`\r`)
			case '\t':
				buf.WriteString(`\t`)
			default:
				buf.WriteString(`\u00`)
				buf.WriteByte(hex[b>>4])
				buf.WriteByte(hex[b&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			buf.WriteString(s[start:i])
			buf.WriteString(`\ufffd`)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			buf.WriteString(s[start:i])
			buf.WriteString(`\u202`)
			buf.WriteByte(hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	buf.WriteString(s[start:])
	buf.WriteByte('"')
}

func responseKeys(sels []ast.Selection, frags map[string]*ast.FragmentDefinition, subs map[string][]ast.Selection, spreading map[string]bool) ([]string, map[string][]ast.Selection) {
	if subs == nil {
		subs = map[string][]ast.Selection{}
	}
	var keys []string
	for _, sel := range sels {
		switch sel := sel.(type) {
		case *ast.Field:
			k := ""
			if sel.Alias != nil {
				k = sel.Alias.Value
			} else if sel.Name != nil {
				k = sel.Name.Value
			}
			if _, seen := subs[k]; !seen {
				keys = append(keys, k)
				subs[k] = nil
			}
			if sel.SelectionSet != nil {
				subs[k] = append(subs[k], sel.SelectionSet.Selections...)
			}
		case *ast.InlineFragment:
			if sel.SelectionSet != nil {
				more, _ := responseKeys(sel.SelectionSet.Selections, frags, subs, spreading)
				keys = append(keys, more...)
			}
		case *ast.FragmentSpread:
			if sel.Name == nil || spreading[sel.Name.Value] || frags[sel.Name.Value] == nil {
				continue
			}
			spreading[sel.Name.Value] = true
			more, _ := responseKeys(frags[sel.Name.Value].SelectionSet.Selections, frags, subs, spreading)
			spreading[sel.Name.Value] = false
			keys = append(keys, more...)
		}
	}
	return keys, subs
}

// encode writes v as JSON without escaping HTML characters.
func encode(buf *bytes.Buffer, v any) error {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	buf.Truncate(buf.Len() - 1) // the newline Encode adds
	return nil
}
