// Command namesakes reads a kg dump and reports the names that more than
// one Person node carries: how many there are and, for a sample, each
// node's posts, how many articles name it and when, so that a reader can
// judge whether each split is right (issue 12, "Real text").
//
//	kg ingest --data /tmp/xw /path/to/xwlb/*.jsonl
//	kg export --data /tmp/xw --format dump | go run ./bench/namesakes -list 20
//
// It prints figures, names and post titles only, never an article's text.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/kgproject/kg/graph"
)

func main() {
	list := flag.Int("list", 0, "also describe this many of the names, picked at random (by -seed) among them")
	seed := flag.Uint64("seed", 1, "the seed of the pick")
	flag.Parse()
	r, err := read(os.Stdin)
	if err == nil {
		err = r.write(os.Stdout, *list, *seed)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "namesakes: %v\n", err)
		os.Exit(1)
	}
}

// person is a Person node and what tells it apart.
type person struct {
	id       string
	posts    []string
	articles []string // the articles that mention it
}

// report is what read gathers from a dump.
type report struct {
	people    map[string]*person
	byName    map[string][]string // name -> Person IDs
	published map[string]string   // article ID -> its date
	postNames map[string]string   // post ID -> its name
}

// read reads a dump (kg export --format dump). It returns an error for a
// line that is not a node or a relation.
func read(in io.Reader) (*report, error) {
	r := &report{people: map[string]*person{}, byName: map[string][]string{}, published: map[string]string{}, postNames: map[string]string{}}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 1<<30)
	var holds, mentions []graph.Relation
	for n := 1; sc.Scan(); n++ {
		var line struct {
			Node     *graph.Node
			Relation *graph.Relation
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		switch {
		case line.Node != nil:
			x := line.Node
			switch x.Label {
			case graph.LabelPerson:
				r.people[x.ID] = &person{id: x.ID}
				r.byName[x.Name] = append(r.byName[x.Name], x.ID)
			case graph.LabelArticle:
				r.published[x.ID] = x.Published
			case graph.LabelPost:
				r.postNames[x.ID] = x.Name
			}
		case line.Relation != nil:
			switch line.Relation.Type {
			case graph.RelHolds:
				holds = append(holds, *line.Relation)
			case graph.RelMentions:
				mentions = append(mentions, *line.Relation)
			}
		default:
			return nil, fmt.Errorf("line %d: neither a node nor a relation", n)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	for _, h := range holds {
		if p := r.people[h.From]; p != nil {
			p.posts = append(p.posts, r.postNames[h.To])
		}
	}
	for _, m := range mentions {
		if p := r.people[m.To]; p != nil {
			p.articles = append(p.articles, m.From)
		}
	}
	if len(r.people) == 0 {
		return nil, errors.New("no Person node in the dump")
	}
	return r, nil
}

// split returns the names carried by more than one Person node, sorted.
func (r *report) split() []string {
	var out []string
	for name, ids := range r.byName {
		if len(ids) > 1 {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// write prints the figures and describes list of the split names, picked
// by seed. It returns w's error.
func (r *report) write(w io.Writer, list int, seed uint64) error {
	var sb strings.Builder
	split := r.split()
	nodes := 0
	for _, name := range split {
		nodes += len(r.byName[name])
	}
	fmt.Fprintf(&sb, "%d Person nodes carry %d names; %d names are carried by more than one node (%d nodes)\n", len(r.people), len(r.byName), len(split), nodes)
	pick := slices.Clone(split)
	rand.New(rand.NewPCG(seed, seed)).Shuffle(len(pick), func(i, j int) { pick[i], pick[j] = pick[j], pick[i] })
	pick = pick[:min(list, len(pick))]
	sort.Strings(pick)
	for _, name := range pick {
		fmt.Fprintf(&sb, "\n%s\n", name)
		for _, id := range r.byName[name] {
			p := r.people[id]
			var dates []string
			for _, a := range p.articles {
				if d := r.published[a]; d != "" {
					dates = append(dates, d)
				}
			}
			sort.Strings(dates)
			span := "undated"
			if len(dates) > 0 {
				span = dates[0] + ".." + dates[len(dates)-1]
			}
			posts := slices.Compact(slices.Sorted(slices.Values(p.posts)))
			fmt.Fprintf(&sb, "  %s: %d articles, %s; posts: %s\n", id, len(p.articles), span, strings.Join(posts, "、"))
		}
	}
	_, err := io.WriteString(w, sb.String())
	return err
}
