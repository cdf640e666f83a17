package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strings"

	"github.com/kgproject/kg/graph"
)

// The media types of GraphQL over HTTP.
const (
	mediaGraphQLResponse = "application/graphql-response+json"
	mediaJSON            = "application/json"
)

// Handler serves GraphQL over HTTP at /graphql (GET and POST, following the
// GraphQL-over-HTTP specification), kg's graph explorer at / and the
// GraphiQL explorer at /graphiql. Both work offline: their assets are
// embedded.
type Handler struct {
	schema *Schema
	mux    *http.ServeMux
}

// NewHandler returns a Handler serving store, bounded by opts (nil means
// the defaults). Its error is New's.
func NewHandler(store graph.Store, opts *Options) (*Handler, error) {
	s, err := New(store, opts)
	if err != nil {
		return nil, err
	}
	h := &Handler{schema: s, mux: http.NewServeMux()}
	h.mux.HandleFunc("/graphql", h.serveGraphQL)
	h.mux.HandleFunc("/graphiql", assets("/graphiql", "graphiql"))
	h.mux.HandleFunc("/graphiql/", assets("/graphiql", "graphiql"))
	h.mux.HandleFunc("/{$}", assets("/", "explorer"))
	h.mux.HandleFunc("/explorer/", assets("/explorer", "explorer"))
	return h, nil
}

// ServeHTTP routes a request.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.mux.ServeHTTP(w, r) }

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
	resp := h.schema.Do(r.Context(), &req)
	status := resp.Status
	if media == mediaJSON && status == http.StatusBadRequest && resp.Data == nil && len(resp.Errors) > 0 && resp.Errors[0].Extensions["code"] != codeRequest {
		// Legacy clients of application/json expect 200 for GraphQL errors.
		status = http.StatusOK
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
