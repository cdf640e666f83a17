package schema

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"time"

	"github.com/kgproject/kg/graph"
)

// A gate lets at most a number of requests run at once and a few more
// wait, briefly, for their turn; the others are refused at once with 503
// and Retry-After, so that a burst of expensive requests queues neither
// memory nor time without bound.
type gate struct {
	slots  chan struct{}
	queued atomic.Int64
	queue  int64
	wait   time.Duration
}

func newGate(running, queued int, wait time.Duration) *gate {
	return &gate{slots: make(chan struct{}, running), queue: int64(queued), wait: wait}
}

// enter waits for a slot and returns the function that frees it, or
// answers 503 itself (nil) when the queue is full, the wait too long, or
// the client gone.
func (g *gate) enter(w http.ResponseWriter, r *http.Request, media string) func() {
	select {
	case g.slots <- struct{}{}:
		return func() { <-g.slots }
	default:
	}
	if g.queued.Add(1) > g.queue {
		g.queued.Add(-1)
		busy(w, media)
		return nil
	}
	defer g.queued.Add(-1)
	t := time.NewTimer(g.wait)
	defer t.Stop()
	select {
	case g.slots <- struct{}{}:
		return func() { <-g.slots }
	case <-t.C:
		busy(w, media)
	case <-r.Context().Done():
		w.WriteHeader(StatusClientClosedRequest)
	}
	return nil
}

func busy(w http.ResponseWriter, media string) {
	w.Header().Set("Retry-After", "1")
	writeError(w, media, http.StatusServiceUnavailable, "the server is answering as many requests as it can: retry in a second")
}

// inlineScript finds the inline scripts of an HTML page.
var inlineScript = regexp.MustCompile(`(?s)<script>(.*?)</script>`)

// contentSecurityPolicy is sent with every response: the pages run only
// their own scripts (the embedded assets and, by hash, GraphiQL's inline
// one), talk only to this server, and no page of another site may frame
// them (clickjacking). Web workers may also start from blob: URLs, which
// only a script of the page can make: graphology's ForceAtlas2 worker
// starts so, from a function of the embedded bundle.
var contentSecurityPolicy = func() string {
	scripts := "'self'"
	for _, page := range []string{"graphiql/index.html", "explorer/index.html"} {
		b, err := assetsFS.ReadFile(page)
		if err != nil {
			panic("schema: embedded page missing: " + page)
		}
		for _, m := range inlineScript.FindAllSubmatch(b, -1) {
			sum := sha256.Sum256(m[1])
			scripts += " 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
		}
	}
	return "default-src 'self'; script-src " + scripts + "; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
		"connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
}()

// secure sets the headers every response carries.
func secure(h http.Header) {
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
}

// publicSource returns how an article's source is shown: relative to dir
// when under it, else its file name (with a JSON lines ":line"), never the
// server's path.
func publicSource(dir, src string) string {
	if src == "" || !filepath.IsAbs(src) {
		return src
	}
	if dir != "" {
		if rel, err := filepath.Rel(dir, src); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return rel
		}
	}
	return filepath.Base(src)
}

// showSources returns g with its articles' sources as publicSource shows
// them; g itself is left as it is.
func (s *Schema) showSources(g *graph.Subgraph) *graph.Subgraph {
	out := *g
	out.Nodes = make([]*graph.Node, len(g.Nodes))
	for i, n := range g.Nodes {
		if n.Source != "" {
			c := *n
			c.Source = publicSource(s.opts.SourceDir, n.Source)
			n = &c
		}
		out.Nodes[i] = n
	}
	return &out
}
