package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/kgproject/kg/export"
	"github.com/kgproject/kg/graph"
)

var exportCommand = command{
	name: "export", args: "[--data DIR] [--format cytoscape|graphml|gexf|csv|dump] [--out PATH]",
	summary: "write the whole graph for other tools",
	help: `Writes the whole graph: cytoscape (Cytoscape.js elements JSON), graphml
(name as label, type as its own key) or gexf (for Gephi: a dynamic graph
whose events live from their date to their end date, for its timeline) to
--out FILE or standard output; csv writes nodes.csv and relationships.csv
into the folder --out (default kg-export), in the layout that neo4j-admin
reads, arrays split on U+001F so that any sentence survives:
  neo4j-admin database import full --nodes=nodes.csv \
    --relationships=relationships.csv --multiline-fields=true \
    --array-delimiter=U+001F
Every relation carries its evidence sentences and support count. dump
writes kg's canonical dump, a JSON object a line (every node by ID, then
every relation by ID with its evidence): two stores that hold the same
graph, embedded or Neo4j, write the same bytes, so diff compares graphs.`,
	new: func() runner { return &exportCmd{} },
}

// exportCmd is kg export.
type exportCmd struct {
	store  storeOptions
	format string
	out    string
}

func (c *exportCmd) flags(fs *flag.FlagSet, getenv func(string) string) {
	c.store.flags(fs, getenv)
	fs.StringVar(&c.format, "format", "cytoscape", "cytoscape, graphml, gexf, csv or dump")
	fs.StringVar(&c.out, "out", "", "the file (or, for csv, the folder) to write; standard output for the others when empty")
}

func (c *exportCmd) setArgs(args []string) error {
	if len(args) != 0 {
		return usagef("export: unexpected arguments %q", args)
	}
	if c.format != "csv" && c.format != "dump" && !slices.Contains(export.Formats, c.format) {
		return usagef("export: --format %q: use cytoscape, graphml, gexf, csv or dump", c.format)
	}
	return nil
}

func (c *exportCmd) run(ctx context.Context, m *Main) error {
	st, err := c.store.open(ctx, m, false)
	if err != nil {
		return err
	}
	if c.format == "dump" {
		return c.dump(ctx, m, st)
	}
	g, err := export.ReadGraph(ctx, st)
	if err != nil {
		return err
	}
	if c.format == "csv" {
		dir := c.out
		if dir == "" {
			dir = "kg-export"
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		for _, f := range []struct{ name, format string }{{"nodes.csv", "csv-nodes"}, {"relationships.csv", "csv-relationships"}} {
			if err := exportFile(filepath.Join(dir, f.name), g, f.format); err != nil {
				return err
			}
		}
		fmt.Fprintf(m.Stderr, "kg: wrote %d nodes and %d relations to %s\n", len(g.Nodes), len(g.Relations), dir)
		return nil
	}
	if c.out == "" {
		return export.Write(m.Stdout, g, c.format)
	}
	return exportFile(c.out, g, c.format)
}

func exportFile(path string, g *graph.Subgraph, format string) error {
	return createFile(path, func(w io.Writer) error { return export.Write(w, g, format) })
}

// createFile creates path and writes it with write, buffered; its errors
// are write's or the file's, wrapped.
func createFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	w := bufio.NewWriter(f)
	if err := write(w); err != nil {
		f.Close()
		return fmt.Errorf("export: %w", err)
	}
	if err := errors.Join(w.Flush(), f.Close()); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

// dump writes st's canonical dump to --out or standard output.
func (c *exportCmd) dump(ctx context.Context, m *Main, st graph.Store) error {
	write := func(w io.Writer) error { return st.Dump(ctx, w) }
	if c.out != "" {
		return createFile(c.out, write)
	}
	if err := write(m.Stdout); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}
