// Package score reads the project's NER JSON-lines sets and scores spans
// against them with the rules of ../shared/eval/nerscore: per type present
// in the gold set, strict matches (same type, start and end) and relaxed
// matches (same type, overlapping, each span used once).
package score

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/kgproject/kg/ingest/ner"
)

// Record is one line of a set.
type Record struct {
	ID       string   `json:"id"`
	Text     string   `json:"text"`
	Entities []Entity `json:"entities"`
}

// Entity is a gold span of a Record.
type Entity struct {
	Type  string `json:"type"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Spans returns the record's entities as ner spans.
func (r Record) Spans() []ner.Span {
	out := make([]ner.Span, len(r.Entities))
	for i, e := range r.Entities {
		out[i] = ner.Span{Type: e.Type, Start: e.Start, End: e.End}
	}
	return out
}

// ReadFile reads a JSON-lines set.
func ReadFile(path string) ([]Record, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("score: %w", err)
	}
	defer f.Close()
	recs, err := Read(f)
	if err != nil {
		return nil, fmt.Errorf("score: %s: %w", path, err)
	}
	return recs, nil
}

// Read reads JSON-lines records from r.
func Read(r io.Reader) ([]Record, error) {
	var out []Record
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for line := 1; sc.Scan(); line++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var rec Record
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		out = append(out, rec)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// Types is the order in which figures are reported.
var Types = []string{ner.Person, ner.Title, ner.Organisation, ner.Place}

// Counts tallies matches for one type.
type Counts struct {
	TP, FP, FN                      int // strict
	RelaxedTP, RelaxedFP, RelaxedFN int
}

// PRF returns precision, recall and F1.
func PRF(tp, fp, fn int) (p, r, f float64) {
	if tp+fp > 0 {
		p = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		r = float64(tp) / float64(tp+fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// Result holds the counts per type present in a gold set.
type Result struct {
	Sentences int
	Counts    map[string]*Counts
}

type pair struct{ a, b int }

// Score compares the system spans got[i] with gold[i].
func Score(gold []Record, got [][]ner.Span) Result {
	res := Result{Sentences: len(gold), Counts: map[string]*Counts{}}
	for _, g := range gold {
		for _, e := range g.Entities {
			if res.Counts[e.Type] == nil {
				res.Counts[e.Type] = &Counts{}
			}
		}
	}
	for i, g := range gold {
		for t, c := range res.Counts {
			var gs, ss []pair
			for _, e := range g.Entities {
				if e.Type == t {
					gs = appendUnique(gs, pair{e.Start, e.End})
				}
			}
			for _, s := range got[i] {
				if s.Type == t {
					ss = appendUnique(ss, pair{s.Start, s.End})
				}
			}
			exact := 0
			for _, p := range gs {
				if slices.Contains(ss, p) {
					exact++
				}
			}
			c.TP += exact
			c.FP += len(ss) - exact
			c.FN += len(gs) - exact
			used := make([]bool, len(ss))
			hit := 0
			for _, p := range gs {
				for j, q := range ss {
					if !used[j] && q.a < p.b && p.a < q.b {
						used[j] = true
						hit++
						break
					}
				}
			}
			c.RelaxedTP += hit
			c.RelaxedFP += len(ss) - hit
			c.RelaxedFN += len(gs) - hit
		}
	}
	return res
}

func appendUnique(ps []pair, p pair) []pair {
	if slices.Contains(ps, p) {
		return ps
	}
	return append(ps, p)
}

// Strict returns the strict F1 of type t, or -1 if the gold set has no t.
func (r Result) Strict(t string) float64 {
	c, ok := r.Counts[t]
	if !ok {
		return -1
	}
	_, _, f := PRF(c.TP, c.FP, c.FN)
	return f
}

// Write prints the figures in nerscore's layout.
func (r Result) Write(w io.Writer, name string) {
	fmt.Fprintf(w, "%s: %d sentences\n", name, r.Sentences)
	for _, t := range Types {
		c, ok := r.Counts[t]
		if !ok {
			continue
		}
		p, rc, f := PRF(c.TP, c.FP, c.FN)
		rp, rr, rf := PRF(c.RelaxedTP, c.RelaxedFP, c.RelaxedFN)
		fmt.Fprintf(w, "  %-13s strict P %.3f R %.3f F1 %.3f   relaxed P %.3f R %.3f F1 %.3f\n", t, p, rc, f, rp, rr, rf)
	}
}
