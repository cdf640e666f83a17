package schema

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"path"
	"strings"
	"syscall"

	"github.com/kgproject/kg/graph"
)

// IngestReport is what POST /ingest stored and what it could not.
type IngestReport struct {
	// Articles counts the stored articles; Nodes and Relations what they
	// contributed, before merging with what the store held.
	Articles  int `json:"articles"`
	Nodes     int `json:"nodes"`
	Relations int `json:"relations"`
	// New, Replaced and Unchanged split Articles by what the store held
	// before: no such article, another version of it, the same one.
	New       int `json:"new"`
	Replaced  int `json:"replaced"`
	Unchanged int `json:"unchanged"`
	// Retracted counts the articles removed because the posted input no
	// longer holds them.
	Retracted int `json:"retracted"`
	// Undated counts the articles that give month-day dates but no year.
	Undated int `json:"undated"`
	// StoreNodes and StoreRelations count what the store holds after the
	// ingest, -1 when it cannot count them.
	StoreNodes     int `json:"storeNodes"`
	StoreRelations int `json:"storeRelations"`
	// IDs are the IDs of the stored articles, in input order.
	IDs []string `json:"ids"`
	// Errors are the bad lines or articles, each naming the input (and
	// line); the rest was stored.
	Errors []string `json:"errors"`
}

// IngestFunc reads a page (or JSON lines, when jsonl is set) named name
// from body and stores its articles, each atomically, replacing what the
// same article said before. Bad inputs go to the report; the error is for
// failures of the store or ctx.
type IngestFunc func(ctx context.Context, body io.Reader, name string, jsonl bool) (*IngestReport, error)

// serveIngest answers POST /ingest?name=NAME with a page in the body
// (text/markdown, text/plain or text/html) or POST /ingest with JSON lines
// {"id", "text"} (application/x-ndjson or application/jsonl); without a
// Content-Type it tells them apart by the body (see sniffIngest). NAME makes the
// IDs of a page's articles, so posting a page again under the same name
// replaces its articles; JSON lines carry their own IDs. It answers 200 with
// an IngestReport when everything was stored, 422 with the report when some
// input was bad, 413 for a body over Options.MaxIngestBytes.
func (h *Handler) serveIngest(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		writeError(w, mediaJSON, http.StatusMethodNotAllowed, "use POST")
		return
	}
	if e := h.authorize(r, true); e != nil {
		refuse(w, mediaJSON, e)
		return
	}
	var ct string
	if v := r.Header.Get("Content-Type"); v != "" {
		mt, _, err := mime.ParseMediaType(v)
		if err != nil {
			mt = "invalid"
		}
		ct = mt
	}
	switch ct {
	case "", "application/x-ndjson", "application/jsonl", "application/json-lines", "text/markdown", "text/plain", "text/html":
	default:
		writeError(w, mediaJSON, http.StatusUnsupportedMediaType, "POST a page (text/markdown, text/plain, text/html) or JSON lines (application/x-ndjson)")
		return
	}
	// Read the whole body first so that an oversized one stores nothing.
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.schema.opts.MaxIngestBytes))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeError(w, mediaJSON, http.StatusRequestEntityTooLarge, fmt.Sprintf("the body is larger than %d bytes", tooBig.Limit))
			return
		}
		writeError(w, mediaJSON, http.StatusBadRequest, "read the body: "+err.Error())
		return
	}
	if ct == "" {
		ct = sniffIngest(body)
	}
	name := r.URL.Query().Get("name")
	jsonl := false
	switch ct {
	case "application/x-ndjson", "application/jsonl", "application/json-lines":
		jsonl = true
		if name == "" {
			name = "ingest.jsonl"
		}
	default:
		if name == "" {
			writeError(w, mediaJSON, http.StatusBadRequest, "a page needs ?name=NAME: the name makes its articles' IDs")
			return
		}
		name = path.Base(name)
		// The pipeline reads a page as HTML by its name.
		if ct == "text/html" && !strings.HasSuffix(name, ".html") && !strings.HasSuffix(name, ".htm") {
			name += ".html"
		}
	}
	rep, err := h.schema.opts.Ingest(r.Context(), bytes.NewReader(body), name, jsonl)
	if err != nil {
		status, resp := h.storeFailed(err)
		writeJSON(w, mediaJSON, status, resp)
		return
	}
	if rep.Errors == nil {
		rep.Errors = []string{}
	}
	if rep.IDs == nil {
		rep.IDs = []string{}
	}
	status := http.StatusOK
	if len(rep.Errors) > 0 {
		status = http.StatusUnprocessableEntity
	}
	b, err := json.Marshal(rep)
	if err != nil {
		writeError(w, mediaJSON, http.StatusInternalServerError, "internal error")
		return
	}
	w.Header().Set("Content-Type", mediaJSON+"; charset=utf-8")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

// sniffIngest returns the media type of an ingest body posted without one:
// JSON lines when its first byte after white space is "{", HTML when it
// starts with a tag (<!doctype, <html, <p ...) after white space and a
// byte order mark, else Markdown or plain text.
func sniffIngest(body []byte) string {
	b := bytes.TrimPrefix(body, []byte("\uFEFF"))
	b = bytes.TrimLeft(b, " \t\r\n")
	switch {
	case len(b) > 0 && b[0] == '{':
		return "application/x-ndjson"
	case len(b) > 1 && b[0] == '<' && (b[1] == '!' || b[1] == '?' || b[1] == '/' || isASCIILetter(b[1])):
		return "text/html"
	}
	return "text/markdown"
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// storeFailed answers an ingest the store could not take: 503 when it is
// unreachable, 507 when its disk is full, else 500; the writer, who holds
// the token, reads the store's message (the server's log has it too).
func (h *Handler) storeFailed(err error) (int, *Response) {
	pe := h.schema.public(err).(*publicError)
	status := http.StatusInternalServerError
	switch {
	case errors.Is(err, graph.ErrUnavailable):
		status = http.StatusServiceUnavailable
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		status = http.StatusInsufficientStorage
	}
	if pe.code == codeInternal {
		pe = &publicError{msg: "the store failed: " + err.Error(), code: codeInternal}
	}
	return status, &Response{Errors: []Error{{Message: pe.msg, Extensions: pe.Extensions()}}}
}
