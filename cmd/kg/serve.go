package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/ingest"
	"github.com/kgproject/kg/schema"
)

var serveCommand = command{
	name: "serve", args: "[--data DIR] [--addr HOST:PORT] [--ingest PATH]... [--cors-origin ORIGIN]... [--allowed-host HOST]...",
	summary: "serve the explorer, GraphQL, GraphiQL and exports over HTTP",
	help: `Serves the graph explorer at http://ADDR/ (search, graph view, facts with
their evidence), GraphQL at http://ADDR/graphql (POST application/json or
GET), the GraphiQL explorer at http://ADDR/graphiql and exports at
http://ADDR/export?format=cytoscape|graphml|gexf[&id=ID&depth=N]. With
--ingest, reads those pages into the store first. Stops on interrupt.

Writes over HTTP (POST /ingest?name=NAME with a page or JSON lines, and
the deleteArticle mutation) need "Authorization: Bearer $KG_TOKEN"; when
KG_TOKEN is unset they are refused. /healthz answers "ok" while the store
answers; /metrics gives requests, latencies, errors and ingest counts in
the Prometheus text format.

Browsers let pages of other origins call the API only when --cors-origin
(or $KG_CORS_ORIGINS, comma-separated) lists their origin, e.g.
--cors-origin https://app.example; "*" allows every origin.

Requests must name the server by an IP address or a loopback name
(localhost) in their Host header unless --allowed-host lists the name
(a web page cannot then reach the server by rebinding a name of its own).
On an address other than loopback, kg serve refuses to start without
KG_TOKEN (unless --insecure-public) and its reads need the token too
(unless --public-reads). KG_TOKEN must be at least 16 bytes.`,
	new: func() runner { return &serveCmd{} },
}

// serveCmd is kg serve.
type serveCmd struct {
	store          storeOptions
	year           int
	addr           string
	ingest         []string
	readsNeedToken bool
	corsOrigins    []string
	allowedHosts   []string
	insecurePublic bool
	publicReads    bool
}

func (c *serveCmd) flags(fs *flag.FlagSet, getenv func(string) string) {
	c.store.flags(fs, getenv)
	yearFlag(fs, &c.year)
	fs.StringVar(&c.addr, "addr", "127.0.0.1:8080", "the address to listen on")
	fs.Func("ingest", "ingest this file or folder before serving (repeatable)", func(s string) error {
		c.ingest = append(c.ingest, s)
		return nil
	})
	fs.BoolVar(&c.readsNeedToken, "reads-need-token", false, "reads (queries, exports) need the bearer token $KG_TOKEN too")
	fs.Func("allowed-host", "a host name requests may give in their Host header besides IP addresses and localhost (repeatable or comma-separated)", func(s string) error {
		c.allowedHosts = append(c.allowedHosts, splitList(s)...)
		return nil
	})
	fs.BoolVar(&c.insecurePublic, "insecure-public", false, "serve on an address other than loopback without KG_TOKEN: anyone who reaches it reads the graph")
	fs.BoolVar(&c.publicReads, "public-reads", false, "on an address other than loopback, let queries and exports run without the token")
	fs.Func("cors-origin", "a web origin (scheme://host[:port]) whose pages may call the API from a browser, \"*\" for any (repeatable or comma-separated; default $KG_CORS_ORIGINS, else none)", func(s string) error {
		c.corsOrigins = append(c.corsOrigins, splitList(s)...)
		return nil
	})
}

func (c *serveCmd) setArgs(args []string) error {
	if len(args) != 0 {
		return usagef("serve: unexpected arguments %q", args)
	}
	return nil
}

// splitList returns the non-empty items of a comma-separated list.
func splitList(s string) []string {
	var out []string
	for _, o := range strings.Split(s, ",") {
		if o = strings.TrimSpace(o); o != "" {
			out = append(out, o)
		}
	}
	return out
}

// serveGCPercent is the garbage collector's target for kg serve when GOGC
// sets none: the server's live heap is small (the graph is in the store), and
// under the benchmark's query load collections took about a fifth of its CPU
// at Go's default of 100; at 400 the CPU per request fell by about a tenth.
const serveGCPercent = 400

func (c *serveCmd) run(ctx context.Context, m *Main) error {
	if err := c.checkExposure(m.Getenv("KG_TOKEN")); err != nil {
		return err
	}
	if m.Getenv("GOGC") == "" {
		debug.SetGCPercent(serveGCPercent)
	}
	// With --ingest, serve may start a new store; without, it serves an
	// existing one.
	st, err := c.store.open(ctx, m, len(c.ingest) > 0)
	if err != nil {
		return err
	}
	p, err := ingest.NewPipeline(&ingest.Options{Year: c.year})
	if err != nil {
		return err
	}
	if len(c.ingest) > 0 {
		if err := m.ingestPaths(ctx, p, st, c.ingest, m.Stderr, nil); err != nil && !errors.Is(err, errReported) {
			return err
		}
	}
	log := m.logger()
	h, err := c.handler(m, st, p, log)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	m.listener = ln
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		// A request body (an ingest of up to 32 MiB) has a minute to
		// arrive; an answer half a minute to be sent, past the query
		// timeout and the wait for a turn (exports set their own); an idle
		// connection is closed after a minute.
		ReadTimeout:  time.Minute,
		WriteTimeout: 30 * time.Second,
		IdleTimeout:  time.Minute,
		ErrorLog:     slog.NewLogLogger(log.Handler(), slog.LevelError),
	}
	m.server = srv
	m.served = make(chan error, 1)
	go func() {
		// srv, not m.server, which Close sets to nil: a Close before this
		// goroutine runs makes Serve return http.ErrServerClosed.
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			m.served <- fmt.Errorf("serve: %w", err)
		}
		close(m.served)
	}()
	fmt.Fprintf(m.Stderr, "kg: serving the explorer at http://%[1]s/, GraphQL at http://%[1]s/graphql and GraphiQL at http://%[1]s/graphiql\n", ln.Addr())
	return nil
}

// minTokenBytes is the shortest KG_TOKEN kg serve accepts.
const minTokenBytes = 16

// checkExposure refuses a configuration that would expose the graph by
// accident: a short token, or an address other than loopback without a
// token (unless --insecure-public). On such an address reads need the token
// unless --public-reads.
func (c *serveCmd) checkExposure(token string) error {
	if token != "" && len(token) < minTokenBytes {
		return fmt.Errorf("serve: KG_TOKEN has %d bytes, fewer than %d: a short token can be guessed (try: openssl rand -hex 16)", len(token), minTokenBytes)
	}
	if loopbackAddr(c.addr) {
		return nil
	}
	if token == "" && !c.insecurePublic {
		return fmt.Errorf("serve: %s is not a loopback address and KG_TOKEN is unset: anyone who reaches it could read the whole graph; set KG_TOKEN (reads then need it too), or pass --insecure-public to serve it open", c.addr)
	}
	if token != "" && !c.publicReads {
		c.readsNeedToken = true
	}
	return nil
}

// loopbackAddr reports whether addr (host:port) listens on loopback only.
func loopbackAddr(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// checkHost refuses (421) requests whose Host header names the server by
// a name other than localhost or those allowed: a page of another site that
// rebinds its own name to 127.0.0.1 sends its name. IP addresses cannot be
// rebound and are accepted.
func checkHost(allowed []string, h http.Handler) http.Handler {
	names := map[string]bool{"localhost": true}
	for _, a := range allowed {
		names[strings.ToLower(strings.TrimSuffix(a, "."))] = true
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host := r.Host
		if hp, _, err := net.SplitHostPort(host); err == nil {
			host = hp
		}
		host = strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
		if net.ParseIP(host) == nil && !names[host] && !strings.HasSuffix(host, ".localhost") {
			http.Error(w, fmt.Sprintf("kg does not answer for the host %q: start it with --allowed-host %s to allow it", r.Host, host), http.StatusMisdirectedRequest)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// logRequests logs each request's method, path, status and duration.
func logRequests(log *slog.Logger, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		h.ServeHTTP(sw, r)
		log.Info("http", "method", r.Method, "path", r.URL.Path, "status", sw.status, "duration", time.Since(start).Round(time.Microsecond))
	})
}

// statusWriter remembers the status a handler sent.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(status int) {
	w.status = status
	w.ResponseWriter.WriteHeader(status)
}

// Unwrap lets http.ResponseController reach the connection (exports set
// their write deadline).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// handler builds what kg serve answers: the schema's handler (GraphQL, the
// explorers, exports, POST /ingest), /healthz and /metrics, every request
// counted and logged. KG_TOKEN is the bearer token writes need;
// KG_CORS_ORIGINS lists, comma-separated, the origins allowed cross-origin
// calls when no --cors-origin does.
func (c *serveCmd) handler(m *Main, st graph.Store, p *ingest.Pipeline, log *slog.Logger) (http.Handler, error) {
	met := newMetrics()
	origins := c.corsOrigins
	if len(origins) == 0 {
		origins = splitList(m.Getenv("KG_CORS_ORIGINS"))
	}
	wd, _ := os.Getwd()
	writes := &writeHealth{}
	h, err := schema.NewHandler(st, &schema.Options{
		Logger:         log,
		Token:          m.Getenv("KG_TOKEN"),
		ReadsNeedToken: c.readsNeedToken,
		Ingest:         ingestFunc(p, st, met, writes),
		AllowedOrigins: origins,
		SourceDir:      wd,
	})
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	mux := http.NewServeMux()
	mux.Handle("/", h)
	mux.Handle("/metrics", h.Protect(met.handler()))
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		if _, err := st.FindNodes(ctx, graph.NodeFilter{Limit: 1}); err != nil {
			log.Error("healthz", "err", err)
			w.WriteHeader(http.StatusServiceUnavailable)
			io.WriteString(w, "store unavailable\n")
			return
		}
		if err := writes.failed(); err != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprintf(w, "store cannot write: %v\n", err)
			return
		}
		io.WriteString(w, "ok\n")
	})
	return logRequests(log, met.instrument(checkHost(c.allowedHosts, mux))), nil
}

// writeHealth remembers whether the last write to the store failed, so
// that /healthz reports a store that answers reads but can no longer write
// (a full disk) until a write succeeds again.
type writeHealth struct {
	mu  sync.Mutex
	err error
}

func (h *writeHealth) set(err error) {
	h.mu.Lock()
	h.err = err
	h.mu.Unlock()
}

func (h *writeHealth) failed() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.err
}

// ingestFunc stores the articles posted to /ingest and counts them. A
// request's articles go to the store in one transaction when it can take a
// batch (graph.BatchWriter), else one by one; each is stored whole.
func ingestFunc(p *ingest.Pipeline, st graph.Store, met *metrics, writes *writeHealth) schema.IngestFunc {
	return func(ctx context.Context, body io.Reader, name string, jsonl bool) (*schema.IngestReport, error) {
		rep := &schema.IngestReport{}
		var facts []*graph.ArticleFacts
		refused := 0 // articles the store refused, also in rep.Errors
		err := p.ReadFrom(ctx, body, name, jsonl, func(a *ingest.Article) error {
			f, err := p.Facts(a)
			if err != nil {
				rep.Errors = append(rep.Errors, err.Error())
				return nil
			}
			if a.Undated() {
				rep.Undated++
			}
			facts = append(facts, f)
			return nil
		})
		changes, cerr := ingest.Changes(ctx, st, facts)
		if cerr != nil {
			met.articles.WithLabelValues("failed").Add(float64(len(facts)))
			return rep, cerr
		}
		if serr := ingest.StoreBatch(ctx, st, facts, func(i int) {
			f := facts[i]
			switch changes[i] {
			case ingest.ChangeNew:
				rep.New++
			case ingest.ChangeReplaced:
				rep.Replaced++
			default:
				rep.Unchanged++
			}
			rep.Articles++
			rep.IDs = append(rep.IDs, f.Article.ID)
			rep.Nodes += len(f.Nodes)
			rep.Relations += len(f.Relations)
		}, func(_ int, err error) {
			refused++
			rep.Errors = append(rep.Errors, err.Error())
		}); serr != nil {
			err = errors.Join(err, serr)
		}
		var fatal []error
		if err != nil {
			for _, e := range flatten(err) {
				var in *ingest.InputError
				if errors.As(e, &in) {
					rep.Errors = append(rep.Errors, e.Error())
				} else {
					fatal = append(fatal, e)
				}
			}
		}
		// a posted body is no file to read again: it retracts nothing
		rep.StoreNodes, rep.StoreRelations = storeCounts(ctx, st)
		met.articles.WithLabelValues("stored").Add(float64(rep.Articles))
		// Bad inputs, and the articles the store failed to take.
		met.articles.WithLabelValues("failed").Add(float64(len(rep.Errors) - refused + len(facts) - rep.Articles))
		if len(fatal) > 0 {
			if ctx.Err() == nil {
				writes.set(errors.Join(fatal...))
			}
			return rep, errors.Join(fatal...)
		}
		if len(facts) > 0 {
			writes.set(nil)
		}
		return rep, nil
	}
}

// storeCounts returns how many nodes and relations st holds, -1 and -1 when
// it cannot count them.
func storeCounts(ctx context.Context, st graph.Store) (nodes, relations int) {
	c, ok := st.(graph.Counter)
	if !ok {
		return -1, -1
	}
	nodes, relations, err := c.Counts(ctx)
	if err != nil {
		return -1, -1
	}
	return nodes, relations
}
