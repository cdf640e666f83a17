package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/graph/bolt"
	"github.com/kgproject/kg/graph/neo4j"
	"github.com/kgproject/kg/ingest"
	"github.com/kgproject/kg/schema"
)

// errReported means the failure has already been reported to the user; the
// process exits with status 1 without saying more.
var errReported = errors.New("failure already reported")

// usageError is a command line kg cannot make sense of.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
}

// Main is one run of kg: ParseFlags reads the command line, Run does the
// command's work, Wait blocks while a server runs, Close releases
// everything. Tests drive it in-process.
type Main struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// Getenv reads the environment (KG_DATA, KG_STORE).
	Getenv func(string) string

	cmd       string
	data      string
	storeKind string
	args      []string
	jsonl     bool
	year      int
	variables string
	operation string
	addr      string
	ingest    []string
	format    string
	out       string
	url       string

	readsNeedToken bool
	corsOrigins    []string
	progress       bool
	batch          int
	deletes        []string
	prog           *progress

	store    graph.Store
	server   *http.Server
	listener net.Listener
	served   chan error
}

// NewMain returns a Main on the process's standard streams and environment.
func NewMain() *Main {
	return &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
}

// command describes a subcommand for help and flag parsing.
type command struct {
	name, args, summary, help string
	flags                     func(m *Main, fs *flag.FlagSet)
}

var commands = []command{
	{
		name: "ingest", args: "[--data DIR] [--year YYYY] [--batch N] PATH...",
		summary: "read pages of articles into the store",
		help: `Reads files or folders (recursively: .md .markdown .txt .jsonl .json
.html .htm), extracts people, posts, organisations, events and projects
with the evidence for each relation, and stores them, each article
atomically and many articles a transaction (--batch), while the next ones
are being read. Ingesting an article again replaces what it said before.
It prints what it stored; each bad input is reported with its file name,
the rest is stored, and the exit status is 1 if any input failed. On
interrupt it stores what it has read, then stops.`,
		flags: func(m *Main, fs *flag.FlagSet) {
			m.storeFlags(fs)
			m.yearFlag(fs)
			fs.BoolVar(&m.progress, "progress", false, "report each stored article on standard error even when standard output is no terminal (on a terminal a status line shows progress anyway)")
			fs.IntVar(&m.batch, "batch", 256, "store at most this many articles a transaction (1: one by one)")
		},
	},
	{
		name: "extract", args: "[--jsonl] [--year YYYY] [PATH|-]...",
		summary: "print the mentions found in each article (no store)",
		help: `Prints one JSON line per article: {"id", "title", "mentions": [{"type",
"text", "start", "end"}], ...}, offsets in Unicode code points into the
article text, end exclusive. "-" or no PATH reads standard input; with
--jsonl each input line is {"id", "text"} and the output line carries the
same id.`,
		flags: func(m *Main, fs *flag.FlagSet) {
			fs.BoolVar(&m.jsonl, "jsonl", false, "standard input holds JSON lines {\"id\", \"text\"}")
			m.yearFlag(fs)
		},
	},
	{
		name: "query", args: "[--data DIR | --url URL] [--variables JSON] [--operation NAME] QUERY|-",
		summary: "run one GraphQL request against the store",
		help: `Runs one GraphQL request and prints the JSON response. "-" reads the
request from standard input: either a bare query or a JSON body
{"query", "variables", "operationName"}. With --url it asks a running
kg serve instead of opening the store (which kg serve keeps locked),
sending $KG_TOKEN as its bearer token when set. The
exit status is 1 when the request could not be executed (it did not parse
or validate).`,
		flags: func(m *Main, fs *flag.FlagSet) {
			m.storeFlags(fs)
			fs.StringVar(&m.url, "url", "", "the GraphQL endpoint of a running kg serve, e.g. http://127.0.0.1:8080/graphql")
			fs.StringVar(&m.variables, "variables", "", "the request's variables, a JSON object")
			fs.StringVar(&m.operation, "operation", "", "the operation to run when QUERY has several")
		},
	},
	{
		name: "export", args: "[--data DIR] [--format cytoscape|graphml|csv] [--out PATH]",
		summary: "write the whole graph for other tools",
		help: `Writes the whole graph: cytoscape (Cytoscape.js elements JSON) or graphml
to --out FILE or standard output; csv writes nodes.csv and
relationships.csv into the folder --out (default kg-export), in the layout
that neo4j-admin reads:
  neo4j-admin database import full --nodes=nodes.csv \
    --relationships=relationships.csv --multiline-fields=true
Every relation carries its evidence sentences and support count.`,
		flags: func(m *Main, fs *flag.FlagSet) {
			m.storeFlags(fs)
			fs.StringVar(&m.format, "format", "cytoscape", "cytoscape, graphml or csv")
			fs.StringVar(&m.out, "out", "", "the file (or, for csv, the folder) to write; standard output for the others when empty")
		},
	},
	{
		name: "serve", args: "[--data DIR] [--addr HOST:PORT] [--ingest PATH]... [--cors-origin ORIGIN]...",
		summary: "serve the explorer, GraphQL, GraphiQL and exports over HTTP",
		help: `Serves the graph explorer at http://ADDR/ (search, graph view, facts with
their evidence), GraphQL at http://ADDR/graphql (POST application/json or
GET), the GraphiQL explorer at http://ADDR/graphiql and exports at
http://ADDR/export?format=cytoscape|graphml[&id=ID&depth=N]. With
--ingest, reads those pages into the store first. Stops on interrupt.

Writes over HTTP (POST /ingest?name=NAME with a page or JSON lines, and
the deleteArticle mutation) need "Authorization: Bearer $KG_TOKEN"; when
KG_TOKEN is unset they are refused. /healthz answers "ok" while the store
answers; /metrics gives requests, latencies, errors and ingest counts in
the Prometheus text format.

Browsers let pages of other origins call the API only when --cors-origin
(or $KG_CORS_ORIGINS, comma-separated) lists their origin, e.g.
--cors-origin https://app.example; "*" allows every origin.`,
		flags: func(m *Main, fs *flag.FlagSet) {
			m.storeFlags(fs)
			m.yearFlag(fs)
			fs.StringVar(&m.addr, "addr", "127.0.0.1:8080", "the address to listen on")
			fs.Func("ingest", "ingest this file or folder before serving (repeatable)", func(s string) error {
				m.ingest = append(m.ingest, s)
				return nil
			})
			fs.BoolVar(&m.readsNeedToken, "reads-need-token", false, "reads (queries, exports) need the bearer token $KG_TOKEN too")
			fs.Func("cors-origin", "a web origin (scheme://host[:port]) whose pages may call the API from a browser, \"*\" for any (repeatable or comma-separated; default $KG_CORS_ORIGINS, else none)", func(s string) error {
				for _, o := range strings.Split(s, ",") {
					if o = strings.TrimSpace(o); o != "" {
						m.corsOrigins = append(m.corsOrigins, o)
					}
				}
				return nil
			})
		},
	},
	{
		name: "delete", args: "[--data DIR] --article ID...",
		summary: "retract articles from the store",
		help: `Retracts each article given: its node, and every node, relation and piece
of evidence that only it supported; what other articles also say stays.
The exit status is 1 if an article is not in the store (the others are
still deleted).`,
		flags: func(m *Main, fs *flag.FlagSet) {
			m.storeFlags(fs)
			fs.Func("article", "the ID of an article to delete, e.g. article/page-1 (repeatable)", func(s string) error {
				m.deletes = append(m.deletes, s)
				return nil
			})
		},
	},
}

func (m *Main) storeFlags(fs *flag.FlagSet) {
	data := m.Getenv("KG_DATA")
	if data == "" {
		data = "./kg-data"
	}
	kind := m.Getenv("KG_STORE")
	if kind == "" {
		kind = "bolt"
	}
	fs.StringVar(&m.data, "data", data, "the embedded store's directory ($KG_DATA, else ./kg-data)")
	fs.StringVar(&m.storeKind, "store", kind, "the store: bolt (embedded) or neo4j (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE) ($KG_STORE, else bolt)")
}

func (m *Main) yearFlag(fs *flag.FlagSet) {
	fs.IntVar(&m.year, "year", 0, "the year of dates whose year neither the article nor its context gives (0: leave them undated)")
}

func findCommand(name string) *command {
	for i := range commands {
		if commands[i].name == name {
			return &commands[i]
		}
	}
	return nil
}

// ParseFlags reads the command line (without the program name). It returns
// flag.ErrHelp after printing the help asked for, and a usage error for a
// command line it cannot use.
func (m *Main) ParseFlags(ctx context.Context, args []string) error {
	if len(args) == 0 {
		m.usage(m.Stderr)
		return usagef("no command")
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 && name == "help" {
			c := findCommand(args[1])
			if c == nil {
				return usagef("help: unknown command %q", args[1])
			}
			m.commandUsage(m.Stdout, c)
			return flag.ErrHelp
		}
		m.usage(m.Stdout)
		return flag.ErrHelp
	}
	c := findCommand(name)
	if c == nil {
		return usagef("unknown command %q", name)
	}
	fs := flag.NewFlagSet("kg "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	c.flags(m, fs)
	rest, err := parseInterspersed(fs, args[1:])
	if errors.Is(err, flag.ErrHelp) {
		m.commandUsage(m.Stdout, c)
		return flag.ErrHelp
	}
	if err != nil {
		return usagef("%s: %v", name, err)
	}
	m.cmd, m.args = name, rest
	switch name {
	case "ingest":
		if len(rest) == 0 {
			return usagef("ingest: no PATH given")
		}
		if m.batch < 1 {
			return usagef("ingest: --batch %d: want 1 or more", m.batch)
		}
	case "query":
		if len(rest) != 1 {
			return usagef("query: give one QUERY, or - to read it from standard input")
		}
	case "export":
		if len(rest) != 0 {
			return usagef("export: unexpected arguments %q", rest)
		}
		if m.format != "csv" && !slices.Contains(schema.ExportFormats, m.format) {
			return usagef("export: --format %q: use cytoscape, graphml or csv", m.format)
		}
	case "serve":
		if len(rest) != 0 {
			return usagef("serve: unexpected arguments %q", rest)
		}
	case "delete":
		if len(rest) != 0 {
			return usagef("delete: unexpected arguments %q: give each article with --article", rest)
		}
		if len(m.deletes) == 0 {
			return usagef("delete: no --article ID given")
		}
	}
	return nil
}

// parseInterspersed parses flags given before, between or after the
// positional arguments, which it returns; everything after "--" is
// positional.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var tail []string
	if i := slices.Index(args, "--"); i >= 0 {
		args, tail = args[:i], args[i+1:]
	}
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return append(rest, tail...), nil
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}

func (m *Main) usage(w io.Writer) {
	fmt.Fprintf(w, "kg builds a knowledge graph from Chinese local-government news and answers\nGraphQL queries over it.\n\nUsage:\n\n")
	for _, c := range commands {
		fmt.Fprintf(w, "  kg %-8s %s\n", c.name, c.args)
		fmt.Fprintf(w, "%14s%s\n", "", c.summary)
	}
	fmt.Fprintf(w, "\nRun 'kg help CMD' or 'kg CMD -h' for a command's details.\n")
}

func (m *Main) commandUsage(w io.Writer, c *command) {
	fmt.Fprintf(w, "Usage: kg %s %s\n\n%s\n\nFlags:\n", c.name, c.args, c.help)
	fs := flag.NewFlagSet("kg "+c.name, flag.ContinueOnError)
	c.flags(&Main{Getenv: m.Getenv}, fs)
	fs.SetOutput(w)
	fs.PrintDefaults()
}

// Run does the work of the parsed command. For serve it returns once the
// server listens; Wait then blocks until it stops.
func (m *Main) Run(ctx context.Context) error {
	switch m.cmd {
	case "ingest":
		return m.runIngest(ctx)
	case "extract":
		return m.runExtract(ctx)
	case "query":
		return m.runQuery(ctx)
	case "export":
		return m.runExport(ctx)
	case "serve":
		return m.runServe(ctx)
	case "delete":
		return m.runDelete(ctx)
	}
	return usagef("nothing to run")
}

// Wait blocks while a server started by Run serves, until ctx is done or the
// server fails; it returns at once for other commands.
func (m *Main) Wait(ctx context.Context) error {
	if m.server == nil {
		return nil
	}
	select {
	case <-ctx.Done():
		return nil
	case err := <-m.served:
		return err
	}
}

// Addr returns the address the server listens on, or "" before Run.
func (m *Main) Addr() string {
	if m.listener == nil {
		return ""
	}
	return m.listener.Addr().String()
}

// Close stops the server, letting requests in flight finish for a few
// seconds, and closes the store.
func (m *Main) Close() error {
	var errs []error
	if m.server != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := m.server.Shutdown(ctx); err != nil {
			errs = append(errs, fmt.Errorf("stop server: %w", err))
		}
		m.server = nil
	}
	if m.store != nil {
		if err := m.store.Close(); err != nil {
			errs = append(errs, fmt.Errorf("close store: %w", err))
		}
		m.store = nil
	}
	return errors.Join(errs...)
}

// openStore opens the store the flags choose.
func (m *Main) openStore(ctx context.Context) (graph.Store, error) {
	switch m.storeKind {
	case "bolt":
		st, err := bolt.Open(m.data, nil)
		if errors.Is(err, graph.ErrUnavailable) {
			return nil, fmt.Errorf("%w (is a kg serve running on %s? kg query --url asks it)", err, m.data)
		}
		if err != nil {
			return nil, err
		}
		m.store = st
		return st, nil
	case "neo4j":
		cfg := neo4j.Config{
			URI:      m.Getenv("NEO4J_URI"),
			User:     m.Getenv("NEO4J_USER"),
			Password: m.Getenv("NEO4J_PASSWORD"),
			Database: m.Getenv("NEO4J_DATABASE"),
		}
		if cfg.URI == "" {
			return nil, errors.New("--store neo4j needs NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE as the server requires)")
		}
		st, err := neo4j.Open(ctx, cfg)
		if err != nil {
			return nil, err
		}
		m.store = st
		return st, nil
	}
	return nil, usagef("--store %q: use bolt or neo4j", m.storeKind)
}

func (m *Main) pipeline() (*ingest.Pipeline, error) {
	return ingest.NewPipeline(&ingest.Options{Year: m.year, Batch: m.batch})
}

func (m *Main) runIngest(ctx context.Context) error {
	st, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	p, err := m.pipeline()
	if err != nil {
		return err
	}
	if m.prog = newProgress(m.Stderr, m.Stdout, m.progress); m.prog != nil {
		st = m.prog.store(st)
	}
	return m.ingestPaths(ctx, p, st, m.args, m.Stdout)
}

// ingestPaths ingests paths into st and reports to w what it stored and to
// Stderr each input error; it returns errReported when any input failed.
func (m *Main) ingestPaths(ctx context.Context, p *ingest.Pipeline, st graph.Store, paths []string, w io.Writer) error {
	rep, err := p.Ingest(ctx, st, paths)
	m.prog.done()
	if rep != nil {
		for _, e := range rep.Errors {
			fmt.Fprintf(m.Stderr, "kg: ingest: %v\n", e)
		}
		where := m.data
		if m.storeKind != "bolt" {
			where = m.storeKind
		}
		fmt.Fprintf(w, "stored %d %s, %d %s, %d %s, %d %s in %s\n",
			rep.Files, plural(rep.Files, "file"), rep.Articles, plural(rep.Articles, "article"),
			rep.Nodes, plural(rep.Nodes, "node"), rep.Relations, plural(rep.Relations, "relation"), where)
		if len(rep.Errors) > 0 {
			fmt.Fprintf(m.Stderr, "kg: ingest: %d %s failed\n", len(rep.Errors), plural(len(rep.Errors), "input"))
		}
	}
	if err != nil {
		return err
	}
	if rep != nil && len(rep.Errors) > 0 {
		return errReported
	}
	return nil
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

func (m *Main) runExtract(ctx context.Context) error {
	p, err := m.pipeline()
	if err != nil {
		return err
	}
	out := bufio.NewWriter(m.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	emit := func(a *ingest.Article) error { return enc.Encode(p.Extract(a)) }
	paths := m.args
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	var errs []error
	var files []string
	for _, path := range paths {
		if path != "-" {
			files = append(files, path)
			continue
		}
		if err := p.ReadFrom(ctx, m.Stdin, "-", m.jsonl, emit); err != nil {
			errs = append(errs, err)
		}
	}
	if len(files) > 0 {
		if err := p.Read(ctx, files, emit); err != nil {
			errs = append(errs, err)
		}
	}
	if err := out.Flush(); err != nil {
		return fmt.Errorf("extract: write: %w", err)
	}
	return m.reportInputErrors("extract", errors.Join(errs...))
}

// reportInputErrors prints each input error on its own line; a failure that
// is not an input's is returned as it is.
func (m *Main) reportInputErrors(cmd string, err error) error {
	if err == nil {
		return nil
	}
	var fatal []error
	for _, e := range flatten(err) {
		var in *ingest.InputError
		if errors.As(e, &in) {
			fmt.Fprintf(m.Stderr, "kg: %s: %v\n", cmd, e)
		} else {
			fatal = append(fatal, e)
		}
	}
	if len(fatal) > 0 {
		return fmt.Errorf("%s: %w", cmd, errors.Join(fatal...))
	}
	return errReported
}

func flatten(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}

func (m *Main) runQuery(ctx context.Context) error {
	req, err := m.request()
	if err != nil {
		return err
	}
	if m.url != "" {
		return m.queryServer(ctx, req)
	}
	st, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	s, err := schema.New(st, &schema.Options{Logger: m.logger()})
	if err != nil {
		return err
	}
	resp := s.Do(ctx, req)
	b, err := json.MarshalIndent(resp, "", "  ")
	if err != nil {
		return fmt.Errorf("query: encode response: %w", err)
	}
	if _, err := fmt.Fprintf(m.Stdout, "%s\n", b); err != nil {
		return fmt.Errorf("query: write: %w", err)
	}
	if resp.Data == nil {
		return errReported
	}
	return nil
}

// queryServer sends req to the GraphQL endpoint m.url and prints its
// answer; it fails when the server does not answer with GraphQL.
func (m *Main) queryServer(ctx context.Context, req *schema.Request) error {
	body, err := json.Marshal(req)
	if err != nil {
		return fmt.Errorf("query: %w", err)
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, m.url, bytes.NewReader(body))
	if err != nil {
		return usagef("query: --url: %v", err)
	}
	hreq.Header.Set("Content-Type", "application/json")
	hreq.Header.Set("Accept", "application/graphql-response+json, application/json;q=0.9")
	if token := m.Getenv("KG_TOKEN"); token != "" {
		hreq.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(hreq)
	if err != nil {
		return fmt.Errorf("query: %w", err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("query: read the answer of %s: %w", m.url, err)
	}
	var answer struct {
		Data json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(raw, &answer); err != nil {
		return fmt.Errorf("query: %s answered %s, not GraphQL: %.200s", m.url, resp.Status, raw)
	}
	var out bytes.Buffer
	if err := json.Indent(&out, raw, "", "  "); err != nil {
		return fmt.Errorf("query: %w", err)
	}
	out.WriteByte('\n')
	if _, err := m.Stdout.Write(out.Bytes()); err != nil {
		return fmt.Errorf("query: write: %w", err)
	}
	if answer.Data == nil {
		return errReported
	}
	return nil
}

// request builds the GraphQL request from the argument or standard input.
func (m *Main) request() (*schema.Request, error) {
	text := m.args[0]
	if text == "-" {
		b, err := io.ReadAll(m.Stdin)
		if err != nil {
			return nil, fmt.Errorf("query: read standard input: %w", err)
		}
		text = string(b)
	}
	req := &schema.Request{Query: text, OperationName: m.operation}
	if trimmed := strings.TrimSpace(text); strings.HasPrefix(trimmed, "{") {
		var body schema.Request
		dec := json.NewDecoder(strings.NewReader(trimmed))
		if err := dec.Decode(&body); err == nil && body.Query != "" {
			req = &body
		}
	}
	if m.variables != "" {
		if err := json.Unmarshal([]byte(m.variables), &req.Variables); err != nil {
			return nil, usagef("query: --variables: not a JSON object: %v", err)
		}
	}
	if m.operation != "" {
		req.OperationName = m.operation
	}
	return req, nil
}

func (m *Main) logger() *slog.Logger {
	return slog.New(slog.NewTextHandler(m.Stderr, nil))
}

// serveGCPercent is the garbage collector's target for kg serve when GOGC
// sets none: the server's live heap is small (the graph is in the store), and
// under the benchmark's query load collections took about a fifth of its CPU
// at Go's default of 100; at 400 the CPU per request fell by about a tenth.
const serveGCPercent = 400

func (m *Main) runServe(ctx context.Context) error {
	if m.Getenv("GOGC") == "" {
		debug.SetGCPercent(serveGCPercent)
	}
	st, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	if len(m.ingest) > 0 {
		p, err := m.pipeline()
		if err != nil {
			return err
		}
		if err := m.ingestPaths(ctx, p, st, m.ingest, m.Stderr); err != nil && !errors.Is(err, errReported) {
			return err
		}
	}
	log := m.logger()
	p, err := m.pipeline()
	if err != nil {
		return err
	}
	h, err := m.handler(st, p, log)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", m.addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	m.listener = ln
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelError),
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

func (m *Main) runExport(ctx context.Context) error {
	st, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	g, err := schema.ReadGraph(ctx, st)
	if err != nil {
		return err
	}
	if m.format == "csv" {
		dir := m.out
		if dir == "" {
			dir = "kg-export"
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		for _, f := range []struct{ name, format string }{{"nodes.csv", "csv-nodes"}, {"relationships.csv", "csv-relationships"}} {
			if err := m.exportFile(filepath.Join(dir, f.name), g, f.format); err != nil {
				return err
			}
		}
		fmt.Fprintf(m.Stderr, "kg: wrote %d nodes and %d relations to %s\n", len(g.Nodes), len(g.Relations), dir)
		return nil
	}
	if m.out == "" {
		return schema.Export(m.Stdout, g, m.format)
	}
	return m.exportFile(m.out, g, m.format)
}

func (m *Main) exportFile(path string, g *graph.Subgraph, format string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := schema.Export(f, g, format); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}
