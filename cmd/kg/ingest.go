package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/ingest"
)

var ingestCommand = command{
	name: "ingest", args: "[--data DIR] [--year YYYY] [--batch N] PATH...",
	summary: "read pages of articles into the store",
	help: `Reads files or folders (recursively: .md .markdown .txt .jsonl .json
.html .htm), extracts people, posts, organisations, events and projects
with the evidence for each relation, and stores them, each article
atomically and many articles a transaction (--batch), while the next ones
are being read. An article is known by its id or URL, else by its
outlet, published date and title (with a hash of its text when it has
neither an outlet nor a date), never by the path it was reached by:
ingesting it again, from any path, replaces what it said before, and a
file ingested again retracts the articles it no longer holds. A date
without a year takes it from the article itself, else its page's
masthead or published date, the URL or file name, a year the article or
page names for the present, --year, in that order; never from another
file.
It prints what it stored; each bad input is reported with its file name,
the rest is stored, and the exit status is 1 if any input failed. On
interrupt (Ctrl-C, SIGTERM) it stores what it has read, prints what it
stored and exits with status 130; a second interrupt kills it.`,
	new: func() runner { return &ingestCmd{} },
}

// ingestCmd is kg ingest.
type ingestCmd struct {
	store    storeOptions
	year     int
	batch    int
	progress bool
	paths    []string
}

func (c *ingestCmd) flags(fs *flag.FlagSet, getenv func(string) string) {
	c.store.flags(fs, getenv)
	yearFlag(fs, &c.year)
	fs.BoolVar(&c.progress, "progress", false, "report each stored article on standard error even when standard output is no terminal (on a terminal a status line shows progress anyway)")
	fs.IntVar(&c.batch, "batch", 256, "store at most this many articles a transaction (1: one by one)")
}

func (c *ingestCmd) setArgs(args []string) error {
	if len(args) == 0 {
		return usagef("ingest: no PATH given")
	}
	if c.batch < 1 {
		return usagef("ingest: --batch %d: want 1 or more", c.batch)
	}
	c.paths = args
	return nil
}

func (c *ingestCmd) run(ctx context.Context, m *Main) error {
	st, err := c.store.open(ctx, m, true)
	if err != nil {
		return err
	}
	p, err := ingest.NewPipeline(&ingest.Options{Year: c.year, Batch: c.batch})
	if err != nil {
		return err
	}
	prog := newProgress(m.Stderr, m.Stdout, c.progress)
	if prog != nil {
		st = prog.store(st)
	}
	return m.ingestPaths(ctx, p, st, c.paths, m.Stdout, prog)
}

// ingestPaths ingests paths into st and reports to w what it changed and to
// Stderr each input error; it returns errReported when any input failed, and
// ctx's error when it was interrupted. prog, when not nil, is the progress
// shown.
func (m *Main) ingestPaths(ctx context.Context, p *ingest.Pipeline, st graph.Store, paths []string, w io.Writer, prog *progress) error {
	rep, err := p.Ingest(ctx, st, paths)
	prog.done()
	if rep != nil {
		for _, e := range rep.Errors {
			fmt.Fprintf(m.Stderr, "kg: ingest: %v\n", e)
		}
		writeSummary(w, rep)
		if len(rep.Errors) > 0 {
			fmt.Fprintf(m.Stderr, "kg: ingest: %d %s failed\n", len(rep.Errors), plural(len(rep.Errors), "input"))
		}
	}
	if err == nil {
		// Interrupted once everything was read: stored whole, but stopped.
		err = ctx.Err()
	}
	if err != nil {
		return err
	}
	if rep != nil && len(rep.Errors) > 0 {
		return errReported
	}
	return nil
}

// writeSummary writes what an ingest changed: the articles stored, split by
// what the store held before, those retracted, and what the store holds
// now (when it can count); then a hint when articles gave dates without a
// year. Kinds of change that did not happen are left out.
func writeSummary(w io.Writer, rep *ingest.Report) {
	var b strings.Builder
	fmt.Fprintf(&b, "stored %d %s from %d %s", rep.Articles, plural(rep.Articles, "article"), rep.Files, plural(rep.Files, "file"))
	var kinds []string
	for _, k := range []struct {
		n    int
		what string
	}{{rep.New, "new"}, {rep.Replaced, "replaced"}, {rep.Unchanged, "unchanged"}} {
		if k.n > 0 {
			kinds = append(kinds, fmt.Sprintf("%d %s", k.n, k.what))
		}
	}
	if len(kinds) > 0 {
		b.WriteString(": " + strings.Join(kinds, ", "))
	}
	if rep.Retracted > 0 {
		fmt.Fprintf(&b, "; %d retracted", rep.Retracted)
	}
	if rep.StoreNodes >= 0 && rep.StoreRelations >= 0 {
		fmt.Fprintf(&b, "; store now holds %d %s and %d %s",
			rep.StoreNodes, plural(rep.StoreNodes, "node"), rep.StoreRelations, plural(rep.StoreRelations, "relation"))
	}
	b.WriteByte('\n')
	if rep.Undated > 0 {
		verb := "articles give"
		if rep.Undated == 1 {
			verb = "article gives"
		}
		fmt.Fprintf(&b, "%d %s dates without a year: add a masthead (2026年1月13日 星期二) or published date to the input, or pass --year\n", rep.Undated, verb)
	}
	io.WriteString(w, b.String())
}
