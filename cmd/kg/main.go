// Command kg builds a knowledge graph from Chinese local-government news and
// answers GraphQL queries over it.
//
//	kg ingest [--data DIR] PATH...       read pages into the store
//	kg extract [--jsonl] [PATH|-]        print the mentions of each article
//	kg query [--data DIR] QUERY|-        run one GraphQL request
//	kg export [--format F] [--out PATH]  write the graph for other tools
//	kg serve [--data DIR] [--addr ADDR]  serve the explorer and GraphQL over HTTP
//	kg delete [--data DIR] --article ID  retract an article's facts
//
// --store chooses the backend: bolt (embedded, in --data) or neo4j.
//
// Run "kg help" for the details.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"slices"
	"syscall"
	"time"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/graph/bolt"
	"github.com/kgproject/kg/graph/neo4j"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// The first signal stops the command cleanly; a second one, while it
	// stores what it read or lets requests finish, kills it.
	defer context.AfterFunc(ctx, stop)()

	m := NewMain()
	err := m.ParseFlags(ctx, os.Args[1:])
	if err == nil {
		err = m.Run(ctx)
	}
	if err == nil {
		err = m.Wait(ctx)
	}
	if cerr := m.Close(); err == nil {
		err = cerr
	}
	os.Exit(exitCode(m, err))
}

// exitCode reports err and returns the process's exit status: 0 for success
// and for help asked with -h, 2 for a usage error, 130 (as a shell gives for
// Ctrl-C) when a signal stopped the command, 1 for any other failure.
func exitCode(m *Main, err error) int {
	var usage *usageError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, context.Canceled):
		// A signal is what cancels kg's context; what else went wrong is
		// joined to it.
		for _, e := range flatten(err) {
			if !errors.Is(e, context.Canceled) {
				fmt.Fprintf(m.Stderr, "kg: %v\n", e)
			}
		}
		fmt.Fprintf(m.Stderr, "kg: interrupted\n")
		return 130
	case errors.Is(err, errReported):
		return 1
	case errors.As(err, &usage):
		fmt.Fprintf(m.Stderr, "kg: %v\nRun 'kg help' for usage.\n", usage.err)
		return 2
	}
	fmt.Fprintf(m.Stderr, "kg: %v\n", err)
	return 1
}

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

	// cmd is the command ParseFlags read, with its options.
	cmd runner

	// What Run opened, for Wait and Close.
	store    graph.Store
	server   *http.Server
	listener net.Listener
	served   chan error
}

// NewMain returns a Main on the process's standard streams and environment.
func NewMain() *Main {
	return &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
}

// runner is one command's options and work: ParseFlags calls flags, then
// setArgs with the arguments left after the flags; Run calls run.
type runner interface {
	// flags defines the command's flags on fs, their defaults read with
	// getenv.
	flags(fs *flag.FlagSet, getenv func(string) string)
	// setArgs takes the positional arguments and returns a usage error for
	// a command line the command cannot use.
	setArgs(args []string) error
	// run does the command's work, on m's streams and environment; what it
	// opens goes into m for Close.
	run(ctx context.Context, m *Main) error
}

// command describes a subcommand for help and flag parsing.
type command struct {
	name, args, summary, help string
	// new returns the command's options at their zero values.
	new func() runner
}

// commands are kg's commands, in the order help lists them.
var commands = []*command{&ingestCommand, &extractCommand, &queryCommand, &exportCommand, &serveCommand, &deleteCommand}

func findCommand(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

// storeOptions choose the store of the commands that open one.
type storeOptions struct {
	data, kind string
}

func (o *storeOptions) flags(fs *flag.FlagSet, getenv func(string) string) {
	data := getenv("KG_DATA")
	if data == "" {
		data = "./kg-data"
	}
	kind := getenv("KG_STORE")
	if kind == "" {
		kind = "bolt"
	}
	fs.StringVar(&o.data, "data", data, "the embedded store's directory ($KG_DATA, else ./kg-data)")
	fs.StringVar(&o.kind, "store", kind, "the store: bolt (embedded) or neo4j (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE) ($KG_STORE, else bolt)")
}

// open opens the store the options choose; m keeps it for Close. Only with
// create does it make the directory of an embedded store: a mistyped --data
// must not answer from a new, empty store. (An existing directory without a
// store is opened as a new store, for kg serve to receive POST /ingest.)
func (o *storeOptions) open(ctx context.Context, m *Main, create bool) (graph.Store, error) {
	switch o.kind {
	case "bolt":
		if !create {
			if _, err := os.Stat(o.data); errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("no store at %s: no such directory (kg ingest makes one; --data or $KG_DATA names it)", o.data)
			}
		}
		st, err := bolt.Open(o.data, nil)
		if errors.Is(err, graph.ErrUnavailable) {
			return nil, fmt.Errorf("%w (is a kg serve running on %s? kg query --url asks it)", err, o.data)
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
	return nil, usagef("--store %q: use bolt or neo4j", o.kind)
}

func yearFlag(fs *flag.FlagSet, year *int) {
	fs.IntVar(year, "year", 0, "the year of dates whose year neither the article nor its context gives (0: leave them undated)")
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
	r := c.new()
	fs := flag.NewFlagSet("kg "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	r.flags(fs, m.Getenv)
	rest, err := parseInterspersed(fs, args[1:])
	if errors.Is(err, flag.ErrHelp) {
		m.commandUsage(m.Stdout, c)
		return flag.ErrHelp
	}
	if err != nil {
		return usagef("%s: %v", name, err)
	}
	if err := r.setArgs(rest); err != nil {
		return err
	}
	m.cmd = r
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
	c.new().flags(fs, m.Getenv)
	fs.SetOutput(w)
	fs.PrintDefaults()
}

// Run does the work of the parsed command. For serve it returns once the
// server listens; Wait then blocks until it stops.
func (m *Main) Run(ctx context.Context) error {
	if m.cmd == nil {
		return usagef("nothing to run")
	}
	return m.cmd.run(ctx, m)
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

func (m *Main) logger() *slog.Logger {
	return slog.New(slog.NewTextHandler(m.Stderr, nil))
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
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
