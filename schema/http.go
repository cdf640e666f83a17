package schema

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/kgproject/kg/export"
	"github.com/kgproject/kg/graph"
)

// The media types of GraphQL over HTTP.
const (
	mediaGraphQLResponse = "application/graphql-response+json"
	mediaJSON            = "application/json"
)

// Handler serves GraphQL over HTTP at /graphql (GET and POST, following the
// GraphQL-over-HTTP specification), kg's graph explorer at / and the
// GraphiQL explorer at /graphiql, exports at /export (see serveExport) and
// the schema's SDL at /schema.graphql. Both work offline: their assets are
// embedded.
type Handler struct {
	schema  *Schema
	mux     *http.ServeMux
	cors    *cors
	queries *gate
	exports *gate
}

// NewHandler returns a Handler serving store, bounded by opts (nil means
// the defaults). Its error is New's, or says which of opts.AllowedOrigins
// is no origin.
func NewHandler(store graph.Store, opts *Options) (*Handler, error) {
	s, err := New(store, opts)
	if err != nil {
		return nil, err
	}
	c, err := newCORS(s.opts.AllowedOrigins)
	if err != nil {
		return nil, err
	}
	o := &s.opts
	h := &Handler{schema: s, mux: http.NewServeMux(), cors: c,
		queries: newGate(o.MaxConcurrent, o.MaxQueued, o.QueueWait),
		exports: newGate(o.MaxExports, 0, 0)}
	h.mux.HandleFunc("/graphql", h.serveGraphQL)
	h.mux.HandleFunc("/graphiql", assets("/graphiql", "graphiql"))
	h.mux.HandleFunc("/graphiql/", assets("/graphiql", "graphiql"))
	h.mux.HandleFunc("/{$}", assets("/", "explorer"))
	h.mux.HandleFunc("/explorer/", assets("/explorer", "explorer"))
	h.mux.HandleFunc("/export", h.serveExport)
	if s.opts.Ingest != nil {
		h.mux.HandleFunc("/ingest", h.serveIngest)
	}
	sdl := s.SDL()
	h.mux.HandleFunc("/schema.graphql", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, sdl)
	})
	return h, nil
}

// ServeHTTP routes a request.
//
// /graphql, /export and /schema.graphql answer cross-origin requests, and
// their preflights, of the pages of Options.AllowedOrigins only. Every
// response says its content type is no guess (nosniff) and carries a
// Content-Security-Policy that keeps other sites from framing the pages.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	secure(w.Header())
	switch r.URL.Path {
	case "/graphql", "/export", "/schema.graphql":
		if h.cors.answer(w, r) {
			return
		}
		if e := h.authorize(r, false); e != nil {
			refuse(w, mediaJSON, e)
			return
		}
	}
	h.mux.ServeHTTP(w, r)
}

func (h *Handler) serveGraphQL(w http.ResponseWriter, r *http.Request) {
	media := responseMedia(r.Header.Get("Accept"))
	if media == "" {
		writeError(w, mediaJSON, http.StatusNotAcceptable, "the response is application/graphql-response+json or application/json; the Accept header allows neither")
		return
	}
	var req Request
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		q := r.URL.Query()
		req.Query = q.Get("query")
		req.OperationName = q.Get("operationName")
		if v := q.Get("variables"); v != "" {
			if err := json.Unmarshal([]byte(v), &req.Variables); err != nil {
				writeError(w, media, http.StatusBadRequest, "variables: not a JSON object: "+err.Error())
				return
			}
		}
	case http.MethodPost:
		ct, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if err != nil || ct != mediaJSON {
			writeError(w, media, http.StatusUnsupportedMediaType, "POST a JSON body with Content-Type: application/json")
			return
		}
		dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, h.schema.opts.MaxBodyBytes))
		if err := dec.Decode(&req); err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				writeError(w, media, http.StatusRequestEntityTooLarge, fmt.Sprintf("the request body is larger than %d bytes", tooBig.Limit))
				return
			}
			writeError(w, media, http.StatusBadRequest, `the body is not a JSON object {"query", "variables", "operationName"}: `+err.Error())
			return
		}
	default:
		w.Header().Set("Allow", "GET, HEAD, POST")
		writeError(w, media, http.StatusMethodNotAllowed, "use GET or POST")
		return
	}
	// Mutations need the token, and POST: a link must not write.
	ctx := withWrites(r.Context(), h.authorize(r, true))
	if r.Method != http.MethodPost {
		ctx = withWrites(ctx, &accessError{http.StatusMethodNotAllowed, &publicError{msg: "mutations need POST", code: codeRequest}})
	}
	leave := h.queries.enter(w, r, media)
	if leave == nil {
		return
	}
	resp := h.schema.Do(ctx, &req)
	leave()
	status := resp.Status
	if media == mediaJSON && status == http.StatusBadRequest && resp.Data == nil && len(resp.Errors) > 0 && resp.Errors[0].Extensions["code"] != codeRequest {
		// Legacy clients of application/json expect 200 for GraphQL errors.
		status = http.StatusOK
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="kg"`)
	}
	writeJSON(w, media, status, resp)
}

// responseMedia picks the response media type the Accept header allows,
// preferring application/graphql-response+json; "" when it allows neither.
func responseMedia(accept string) string {
	if strings.TrimSpace(accept) == "" {
		return mediaJSON
	}
	best, bestQ := "", 0.0
	for _, part := range strings.Split(accept, ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		q := 1.0
		if v, ok := params["q"]; ok {
			if _, err := fmt.Sscanf(v, "%g", &q); err != nil {
				continue
			}
		}
		var m string
		switch mt {
		case mediaGraphQLResponse:
			m = mediaGraphQLResponse
		case mediaJSON, "application/*", "*/*":
			m = mediaJSON
		default:
			continue
		}
		if q > bestQ || (q == bestQ && m == mediaGraphQLResponse && mt == mediaGraphQLResponse) {
			best, bestQ = m, q
		}
	}
	if bestQ == 0 {
		return ""
	}
	return best
}

func writeError(w http.ResponseWriter, media string, status int, msg string) {
	writeJSON(w, media, status, &Response{Errors: []Error{{Message: msg, Extensions: map[string]any{"code": codeRequest}}}})
}

func writeJSON(w http.ResponseWriter, media string, status int, resp *Response) {
	var buf bytes.Buffer
	b, err := resp.MarshalJSON()
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"errors":[{"message":"internal error"}]}`)
	}
	buf.Write(b)
	buf.WriteByte('\n')
	w.Header().Set("Content-Type", media+"; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// serveExport answers GET /export?format=F with the whole graph, or with
// &id=ID[&depth=D][&relations=T,T][&limit=N] with the neighbourhood of a
// node, in one of export.Formats (cytoscape by default): the same subgraph
// JSON front-ends draw.
func (h *Handler) serveExport(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "use GET", http.StatusMethodNotAllowed)
		return
	}
	q := r.URL.Query()
	format := q.Get("format")
	if format == "" {
		format = "cytoscape"
	}
	ctype, ok := export.MediaType(format)
	if !ok {
		http.Error(w, fmt.Sprintf("format %q is none of %s", format, strings.Join(export.Formats, ", ")), http.StatusBadRequest)
		return
	}
	leave := h.exports.enter(w, r, mediaJSON)
	if leave == nil {
		return
	}
	defer leave()
	ctx, cancel := context.WithTimeout(r.Context(), h.schema.opts.Timeout)
	defer cancel()
	var g *graph.Subgraph
	var err error
	if id := q.Get("id"); id != "" {
		opts := graph.TraversalOptions{Depth: 1, Limit: h.schema.opts.MaxFirst}
		if v := q.Get("depth"); v != "" {
			if opts.Depth, err = strconv.Atoi(v); err != nil || opts.Depth < 1 || opts.Depth > maxTraversalDepth {
				http.Error(w, fmt.Sprintf("depth must be between 1 and %d", maxTraversalDepth), http.StatusBadRequest)
				return
			}
		}
		if v := q.Get("limit"); v != "" {
			if opts.Limit, err = strconv.Atoi(v); err != nil || opts.Limit < 1 || opts.Limit > h.schema.opts.MaxFirst {
				http.Error(w, fmt.Sprintf("limit must be between 1 and %d", h.schema.opts.MaxFirst), http.StatusBadRequest)
				return
			}
		}
		if v := q.Get("relations"); v != "" {
			for _, t := range strings.Split(v, ",") {
				opts.Types = append(opts.Types, graph.RelType(strings.TrimSpace(t)))
			}
		}
		g, err = h.schema.svc.Neighbourhood(ctx, id, opts)
	} else {
		g, err = export.ReadGraph(ctx, h.schema.svc.Store())
	}
	if err != nil {
		pe := h.schema.public(err).(*publicError)
		status := map[string]int{codeNotFound: http.StatusNotFound, codeBadInput: http.StatusBadRequest, codeTimeout: http.StatusGatewayTimeout}[pe.code]
		if status == 0 {
			status = http.StatusInternalServerError
		}
		http.Error(w, pe.msg, status)
		return
	}
	// Streamed: a client that reads slowly holds the graph only until the
	// write deadline.
	if err := http.NewResponseController(w).SetWriteDeadline(time.Now().Add(h.schema.opts.ExportWriteTimeout)); err != nil && !errors.Is(err, http.ErrNotSupported) {
		h.schema.opts.Logger.Error("export: write deadline", "err", err)
	}
	w.Header().Set("Content-Type", ctype+"; charset=utf-8")
	bw := bufio.NewWriterSize(w, 64<<10)
	err = export.Write(bw, h.schema.showSources(g), format)
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		// The status is sent: the client sees a cut answer.
		h.schema.opts.Logger.Error("export", "format", format, "err", err)
	}
}

// cors answers the cross-origin requests of the origins it allows. A
// response names the one origin that asked, never a list, and never allows
// credentials (kg uses no cookies: the bearer token is a header the page
// sets itself, which the preflight allows).
type cors struct {
	all     bool
	origins map[string]bool
}

func newCORS(origins []string) (*cors, error) {
	c := &cors{origins: map[string]bool{}}
	for _, o := range origins {
		if o == "*" {
			c.all = true
			continue
		}
		origin, err := normalOrigin(o)
		if err != nil {
			return nil, err
		}
		c.origins[origin] = true
	}
	if c.all && len(c.origins) > 0 {
		return nil, errors.New(`schema: allowed origins: "*" allows every origin, list no other with it`)
	}
	return c, nil
}

// normalOrigin returns an origin as browsers send it in the Origin header:
// lower case, without a default port or a trailing slash.
func normalOrigin(s string) (string, error) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil ||
		(u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" || u.Opaque != "" {
		return "", fmt.Errorf("schema: allowed origin %q is not scheme://host[:port] (http or https)", s)
	}
	scheme, host := strings.ToLower(u.Scheme), strings.ToLower(u.Host)
	if p := u.Port(); (scheme == "http" && p == "80") || (scheme == "https" && p == "443") {
		host = strings.ToLower(u.Hostname())
		if strings.Contains(host, ":") {
			host = "[" + host + "]"
		}
	}
	return scheme + "://" + host, nil
}

// answer adds the CORS headers for r's origin, when allowed, and answers
// OPTIONS requests itself, preflights included (they carry no token); it
// reports whether it did.
func (c *cors) answer(w http.ResponseWriter, r *http.Request) bool {
	hdr := w.Header()
	origin := r.Header.Get("Origin")
	allowed := c.all || (origin != "" && c.origins[strings.ToLower(origin)])
	if len(c.origins) > 0 {
		// The answer depends on the origin: caches must not give one
		// origin's answer to another.
		hdr.Add("Vary", "Origin")
	}
	if allowed {
		if c.all {
			hdr.Set("Access-Control-Allow-Origin", "*")
		} else {
			hdr.Set("Access-Control-Allow-Origin", origin)
		}
	}
	if r.Method != http.MethodOptions {
		return false
	}
	hdr.Set("Allow", "GET, HEAD, POST, OPTIONS")
	if allowed && r.Header.Get("Access-Control-Request-Method") != "" {
		hdr.Set("Access-Control-Allow-Methods", "GET, HEAD, POST")
		hdr.Set("Access-Control-Allow-Headers", "Authorization, Content-Type, Accept")
		hdr.Set("Access-Control-Max-Age", "86400")
	}
	w.WriteHeader(http.StatusNoContent)
	return true
}
