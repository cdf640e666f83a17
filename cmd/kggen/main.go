// Command kggen writes a generated corpus in the genre of kg's seed: pages
// of meeting reports of an invented city, each page.md beside the facts
// planted in it (page.gold.json, the shared corpus's gold format), so that
// benchmarks run at any size and kgscore can score the result.
//
//	kggen [-seed N] [-n ARTICLES] [-per-page N] [-year YYYY] [-kinds k1,k2] DIR
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/kgproject/kg/internal/gen"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintf(os.Stderr, "kggen: %v\n", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("kggen", flag.ContinueOnError)
	var o gen.Options
	var kinds string
	fs.Uint64Var(&o.Seed, "seed", 1, "the corpus's seed: the same seed and sizes give the same pages")
	fs.IntVar(&o.Articles, "n", 1000, "the number of articles")
	fs.IntVar(&o.PerPage, "per-page", 6, "articles per page file")
	fs.IntVar(&o.Year, "year", 2026, "the year of the dates")
	fs.StringVar(&kinds, "kinds", "", "comma-separated event kinds to plant ("+strings.Join(gen.Kinds, ",")+"); empty: all")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: kggen [flags] DIR\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("want one output folder, got %d arguments", fs.NArg())
	}
	if kinds != "" {
		o.Kinds = strings.Split(kinds, ",")
	}
	st, err := gen.Write(fs.Arg(0), &o)
	if err != nil {
		return err
	}
	fmt.Printf("wrote %d articles on %d pages (%.1f MB) to %s\n", st.Articles, st.Pages, float64(st.Bytes)/1e6, fs.Arg(0))
	return nil
}
