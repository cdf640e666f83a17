package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"

	"github.com/kgproject/kg/ingest"
)

var extractCommand = command{
	name: "extract", args: "[--jsonl] [--year YYYY] [PATH|-]...",
	summary: "print the mentions found in each article (no store)",
	help: `Prints one JSON line per article: {"id", "title", "mentions": [{"type",
"text", "start", "end"}], ...}, offsets in Unicode code points into the
article text, end exclusive. "-" or no PATH reads standard input; with
--jsonl each input line is {"id", "text"} and the output line carries the
same id.`,
	new: func() runner { return &extractCmd{} },
}

// extractCmd is kg extract.
type extractCmd struct {
	jsonl bool
	year  int
	paths []string
}

func (c *extractCmd) flags(fs *flag.FlagSet, _ func(string) string) {
	fs.BoolVar(&c.jsonl, "jsonl", false, "standard input holds JSON lines {\"id\", \"text\"}")
	yearFlag(fs, &c.year)
}

func (c *extractCmd) setArgs(args []string) error {
	c.paths = args
	if len(c.paths) == 0 {
		c.paths = []string{"-"}
	}
	return nil
}

func (c *extractCmd) run(ctx context.Context, m *Main) error {
	p, err := ingest.NewPipeline(&ingest.Options{Year: c.year})
	if err != nil {
		return err
	}
	out := bufio.NewWriter(m.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	emit := func(a *ingest.Article) error { return enc.Encode(p.Extract(a)) }
	var errs []error
	var files []string
	for _, path := range c.paths {
		if path != "-" {
			files = append(files, path)
			continue
		}
		if err := p.ReadFrom(ctx, m.Stdin, "-", c.jsonl, emit); err != nil {
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
