// Command factsample draws facts at random from a kg graph for a reader to
// judge: n relations of each type, each with the names at its ends and the
// sentence that states it, as a Markdown table with an empty verdict
// column. It reads the canonical dump (kg export --format dump), so it
// works on either store.
//
//	kg export --data DIR --format dump --out g.dump
//	go run ./tools/factsample -dump g.dump -n 20 -seed 1 > sample.md
//
// The same dump, n and seed always draw the same sample.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"sort"
	"strings"

	"github.com/kgproject/kg/graph"
)

func main() {
	dump := flag.String("dump", "", "the canonical dump to draw from (kg export --format dump)")
	n := flag.Int("n", 20, "facts to draw of each relation type")
	seed := flag.Uint64("seed", 1, "the random seed")
	types := flag.String("types", "CHAIRED,PARTICIPATED,REPORTED_AT,HOLDS,ATTENDED,DISCUSSED", "the relation types to draw, comma-separated")
	flag.Parse()
	if *dump == "" || *n < 1 {
		fmt.Fprintln(os.Stderr, "usage: factsample -dump FILE [-n N] [-seed S] [-types T,...]")
		os.Exit(2)
	}
	f, err := os.Open(*dump)
	if err != nil {
		fmt.Fprintln(os.Stderr, "factsample:", err)
		os.Exit(1)
	}
	defer f.Close()
	if err := sample(f, os.Stdout, strings.Split(*types, ","), *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "factsample:", err)
		os.Exit(1)
	}
}

// line is one line of a canonical dump: a node or a relation.
type line struct {
	Node     *graph.Node     `json:"node"`
	Relation *graph.Relation `json:"relation"`
}

// sample reads a dump from r and writes to w a table of n relations of each
// of types, drawn with seed by reservoir sampling in dump order.
func sample(r io.Reader, w io.Writer, types []string, n int, seed uint64) error {
	names := map[string]string{}
	want := map[string]bool{}
	for _, t := range types {
		want[strings.TrimSpace(t)] = true
	}
	rng := rand.New(rand.NewPCG(seed, seed))
	drawn := map[string][]*graph.Relation{}
	seen := map[string]int{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 256<<20)
	for ln := 1; sc.Scan(); ln++ {
		var l line
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			return fmt.Errorf("dump line %d: %w", ln, err)
		}
		switch {
		case l.Node != nil:
			names[l.Node.ID] = l.Node.Name
		case l.Relation != nil && want[string(l.Relation.Type)]:
			t := string(l.Relation.Type)
			seen[t]++
			if len(drawn[t]) < n {
				drawn[t] = append(drawn[t], l.Relation)
			} else if k := rng.IntN(seen[t]); k < n {
				drawn[t][k] = l.Relation
			}
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read the dump: %w", err)
	}
	fmt.Fprintln(w, "| # | relation | from | to | role | article | sentence | verdict |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|")
	i := 0
	for _, t := range types {
		rels := drawn[strings.TrimSpace(t)]
		sort.Slice(rels, func(a, b int) bool { return rels[a].ID < rels[b].ID })
		for _, rel := range rels {
			i++
			ev := rel.Evidence[rng.IntN(len(rel.Evidence))]
			fmt.Fprintf(w, "| %d | %s | %s | %s | %s | %s | %s | |\n", i, rel.Type, cell(names[rel.From]), cell(names[rel.To]), rel.Role, cell(ev.ArticleID), cell(ev.Sentence))
		}
	}
	fmt.Fprintf(w, "\nDrawn with seed %d from %s.\n", seed, counts(seen, types))
	return nil
}

// cell makes s safe in a Markdown table cell.
func cell(s string) string {
	return strings.NewReplacer("|", "\\|", "\n", " ").Replace(s)
}

// counts says how many relations of each type there were to draw from.
func counts(seen map[string]int, types []string) string {
	var parts []string
	for _, t := range types {
		parts = append(parts, fmt.Sprintf("%d %s", seen[strings.TrimSpace(t)], strings.TrimSpace(t)))
	}
	return strings.Join(parts, ", ")
}
