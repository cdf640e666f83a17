// Command kggen writes a generated corpus in the genre of kg's seed: pages
// of meeting reports of an invented city, each page.md beside the facts
// planted in it (page.gold.json, the shared corpus's gold format), so that
// benchmarks run at any size and kgscore can score the result.
//
//	kggen [-seed N] [-n ARTICLES] [-per-page N] [-year YYYY] [-kinds k1,k2] [-traps] DIR
//
// With -traps the corpus plants identity traps (namesakes in different
// counties, people moving between posts, surname and title references,
// many counties' 县委书记), and each gold person's "id" says who is who.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/kgproject/kg/internal/gen"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run runs kggen with args and returns its exit status: 0 for success and
// for help (on stdout, writing nothing else), 2 for a command line it cannot
// use, 1 when writing the corpus fails.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("kggen", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var o gen.Options
	var kinds string
	fs.Uint64Var(&o.Seed, "seed", 1, "the corpus's seed: the same seed and sizes give the same pages")
	fs.IntVar(&o.Articles, "n", 1000, "the number of articles")
	fs.IntVar(&o.PerPage, "per-page", 6, "articles per page file")
	fs.IntVar(&o.Year, "year", 2026, "the year of the dates")
	fs.BoolVar(&o.Traps, "traps", false, "plant identity traps: namesakes, moves between posts, surname+title references, many counties")
	fs.StringVar(&kinds, "kinds", "", "comma-separated event kinds to plant ("+strings.Join(gen.Kinds, ",")+"); empty: all")
	usage := func(w io.Writer) {
		fmt.Fprintf(w, "usage: kggen [flags] DIR\n")
		fs.SetOutput(w)
		fs.PrintDefaults()
	}
	if len(args) == 1 && args[0] == "help" {
		usage(stdout)
		return 0
	}
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		usage(stdout)
		return 0
	}
	if err == nil && fs.NArg() != 1 {
		err = fmt.Errorf("want one output folder, got %d arguments", fs.NArg())
	}
	if err != nil {
		fmt.Fprintf(stderr, "kggen: %v\n", err)
		usage(stderr)
		return 2
	}
	if kinds != "" {
		o.Kinds = strings.Split(kinds, ",")
	}
	st, err := gen.Write(fs.Arg(0), &o)
	if err != nil {
		fmt.Fprintf(stderr, "kggen: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %d articles on %d pages (%.1f MB) to %s\n", st.Articles, st.Pages, float64(st.Bytes)/1e6, fs.Arg(0))
	return 0
}
