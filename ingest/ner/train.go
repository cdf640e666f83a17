package ner

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
)

// Sentence is a training example: a text, its gold spans, and the entity
// types its source annotates.
type Sentence struct {
	Text  string
	Spans []Span
	// Annotated lists the types the source labels; outside the gold
	// spans the text may still hold entities of the other types (for
	// Title and Place only on or just before a dictionary match of their
	// kind). Nil means every type is annotated.
	Annotated []string
}

// TrainOptions control training. The zero value (or nil) means defaults.
type TrainOptions struct {
	// Epochs is the number of passes over the data (default 15).
	Epochs int
	// Seed fixes the shuffling (default 1).
	Seed uint64
	// MinCount drops features seen fewer times in the data (default 1).
	MinCount int
	// Prune drops a feature whose largest averaged weight, in absolute
	// value, is below Prune (default 0: keep every feature with a non-zero
	// weight).
	Prune float64
	// MaxFeatures, if positive, keeps only the features with the largest
	// weights (by the sum of their absolute values), to bound the model's
	// size: about 21 bytes per feature.
	MaxFeatures int
	// Progress, if not nil, is called after every epoch with the epoch
	// number (from 1) and the number of sentences whose best path differed
	// from the gold.
	Progress func(epoch, mistakes int)
}

// ErrNoData is returned by Train when no sentence has text.
var ErrNoData = errors.New("ner: no training data")

// Train trains an averaged structured perceptron on sents and returns the
// quantised model. Sentences from sources that do not annotate every type
// are learned with partial labels: the target of each update is the best
// path, under the current weights, among those that agree with the gold
// spans and put, outside them, O or a tag of a type the source does not
// annotate where the dictionaries suggest one (see the package doc). It
// returns ErrNoData if sents has no text, or an error if a
// sentence names an unknown type.
func Train(sents []Sentence, opts *TrainOptions) (*Model, error) {
	o := TrainOptions{Epochs: 15, Seed: 1, MinCount: 1}
	if opts != nil {
		if opts.Epochs > 0 {
			o.Epochs = opts.Epochs
		}
		if opts.Seed != 0 {
			o.Seed = opts.Seed
		}
		if opts.MinCount > 0 {
			o.MinCount = opts.MinCount
		}
		o.Prune, o.MaxFeatures, o.Progress = opts.Prune, opts.MaxFeatures, opts.Progress
	}
	data, err := prepare(sents, o.MinCount)
	if err != nil {
		return nil, err
	}
	if len(data.examples) == 0 {
		return nil, ErrNoData
	}
	p := newPerceptron(len(data.keys))
	rng := rand.New(rand.NewPCG(o.Seed, o.Seed^0x5DEECE66D))
	order := make([]int, len(data.examples))
	for i := range order {
		order[i] = i
	}
	for epoch := 1; epoch <= o.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		mistakes := 0
		for _, k := range order {
			if p.learn(&data.examples[k]) {
				mistakes++
			}
		}
		if o.Progress != nil {
			o.Progress(epoch, mistakes)
		}
	}
	return p.model(data.keys, o.Prune, o.MaxFeatures), nil
}

// example is a sentence prepared for training.
type example struct {
	n       int
	feats   []int32 // feature indices of all positions
	bounds  []int32 // feats of position i are feats[bounds[i]:bounds[i+1]]
	allowed []uint32
}

type prepared struct {
	keys     []uint32 // feature index -> hash
	examples []example
}

func prepare(sents []Sentence, minCount int) (*prepared, error) {
	lx := builtinLexicon()
	counts := make(map[uint32]int32)
	type raw struct {
		feats   []uint32
		bounds  []int32
		allowed []uint32
	}
	raws := make([]raw, 0, len(sents))
	var buf []uint32
	for si, s := range sents {
		runes := []rune(s.Text)
		n := len(runes)
		if n == 0 {
			continue
		}
		marks := make([]uint32, n)
		lx.mark(marks, s.Text, runeOffsets(s.Text))
		allowed, err := allowedTags(s, n, marks)
		if err != nil {
			return nil, fmt.Errorf("ner: sentence %d: %w", si, err)
		}
		st := newSentence(runes, marks)
		r := raw{bounds: make([]int32, n+1), allowed: allowed}
		for i := 0; i < n; i++ {
			buf = st.appendFeatures(buf[:0], i)
			r.feats = append(r.feats, buf...)
			r.bounds[i+1] = int32(len(r.feats))
		}
		for _, k := range r.feats {
			counts[k]++
		}
		raws = append(raws, r)
	}
	keys := make([]uint32, 0, len(counts))
	for k, c := range counts {
		if int(c) >= minCount {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	idx := make(map[uint32]int32, len(keys))
	for i, k := range keys {
		idx[k] = int32(i)
	}
	counts = nil
	out := &prepared{keys: keys, examples: make([]example, len(raws))}
	for ri := range raws {
		r := &raws[ri]
		n := len(r.bounds) - 1
		ex := example{n: n, bounds: make([]int32, n+1), allowed: r.allowed}
		for i := 0; i < n; i++ {
			for _, k := range r.feats[r.bounds[i]:r.bounds[i+1]] {
				if j, ok := idx[k]; ok {
					ex.feats = append(ex.feats, j)
				}
			}
			ex.bounds[i+1] = int32(len(ex.feats))
		}
		out.examples[ri] = ex
		r.feats = nil
	}
	return out, nil
}

// latentKinds says, for a type a source may leave unannotated, which
// dictionary matches make an unlabelled stretch a possible mention of it;
// latentReach is how far left of such a match the mention may start (研究部
// before 主任). Types without an entry may be latent anywhere.
var latentKinds = map[string]MatchKind{Title: MatchTitle, Place: MatchPlace}

const latentReach = 3

// allowedTags returns, per position, the set of tags a path consistent
// with the partial annotation of s may take. marks are the dictionary
// marks of the text.
func allowedTags(s Sentence, n int, marks []uint32) ([]uint32, error) {
	gold := make([]int, n)
	for _, sp := range s.Spans {
		if typeIndex(sp.Type) < 0 {
			return nil, fmt.Errorf("unknown type %q", sp.Type)
		}
	}
	tagsFromSpans(gold, s.Spans)
	allowed := make([]uint32, n)
	for i, g := range gold {
		if g == tagO {
			allowed[i] = 1 << tagO
		} else {
			allowed[i] = 1 << uint(g)
		}
	}
	if s.Annotated == nil {
		return allowed, nil
	}
	for ti, t := range types {
		if slices.Contains(s.Annotated, t) {
			continue
		}
		var all uint32
		for pos := posB; pos <= posS; pos++ {
			all |= 1 << uint(tagOf(ti, pos))
		}
		k, restricted := latentKinds[t]
		// Walk right to left, remembering the nearest match start.
		nextStart := -1
		for i := n - 1; i >= 0; i-- {
			if gold[i] != tagO {
				continue
			}
			ok := !restricted
			if restricted {
				if marks[i]&(dictBit(k, posB)|dictBit(k, posI)|dictBit(k, posE)|dictBit(k, posS)) != 0 {
					ok = true
				}
				if marks[i]&(dictBit(k, posB)|dictBit(k, posS)) != 0 {
					nextStart = i
				}
				if nextStart >= 0 && nextStart-i <= latentReach {
					ok = true
				}
			}
			if ok {
				allowed[i] |= all
			}
		}
	}
	return allowed, nil
}

// perceptron holds integer weights and the sums for averaging
// (Daumé's trick: averaged = w - u/c).
type perceptron struct {
	w      []int32
	u      []int64
	tw     [numTags][numTags]int32
	tu     [numTags][numTags]int64
	c      int64
	em     []float32
	transF [numTags][numTags]float32
}

func newPerceptron(nf int) *perceptron {
	return &perceptron{w: make([]int32, nf*numTags), u: make([]int64, nf*numTags), c: 1}
}

// learn makes one update on ex and reports whether the prediction was wrong.
func (p *perceptron) learn(ex *example) bool {
	n := ex.n
	if cap(p.em) < n*numTags {
		p.em = make([]float32, n*numTags)
	}
	em := p.em[:n*numTags]
	for i := 0; i < n; i++ {
		var acc [numTags]int32
		for _, f := range ex.feats[ex.bounds[i]:ex.bounds[i+1]] {
			row := p.w[int(f)*numTags : int(f)*numTags+numTags]
			for t := range acc {
				acc[t] += row[t]
			}
		}
		for t := range acc {
			em[i*numTags+t] = float32(acc[t])
		}
	}
	pred := viterbi(em, &p.transF, nil, n)
	target := viterbi(em, &p.transF, ex.allowed, n)
	wrong := false
	if target != nil {
		for i := 0; i < n; i++ {
			if pred[i] == target[i] {
				continue
			}
			wrong = true
			for _, f := range ex.feats[ex.bounds[i]:ex.bounds[i+1]] {
				p.add(int(f)*numTags+target[i], 1)
				p.add(int(f)*numTags+pred[i], -1)
			}
		}
		for i := 1; i < n; i++ {
			a, b := target[i-1], target[i]
			c, d := pred[i-1], pred[i]
			if a == c && b == d {
				continue
			}
			p.addTrans(a, b, 1)
			p.addTrans(c, d, -1)
		}
	}
	p.c++
	return wrong
}

func (p *perceptron) add(j int, d int32) {
	p.w[j] += d
	p.u[j] += p.c * int64(d)
}

func (p *perceptron) addTrans(a, b int, d int32) {
	p.tw[a][b] += d
	p.tu[a][b] += p.c * int64(d)
	p.transF[a][b] = float32(p.tw[a][b])
}

// model averages, prunes and quantises the weights.
func (p *perceptron) model(keys []uint32, prune float64, maxFeatures int) *Model {
	c := float64(p.c)
	avg := func(w int32, u int64) float64 { return float64(w) - float64(u)/c }
	if maxFeatures > 0 && maxFeatures < len(keys) {
		// Zero every feature but the maxFeatures heaviest ones.
		mass := make([]float64, len(keys))
		for fi := range keys {
			for t := 0; t < numTags; t++ {
				mass[fi] += math.Abs(avg(p.w[fi*numTags+t], p.u[fi*numTags+t]))
			}
		}
		sorted := slices.Clone(mass)
		slices.Sort(sorted)
		cut := sorted[len(sorted)-maxFeatures]
		kept := 0
		for fi := range keys {
			// Ties at the cut are broken by index, which is deterministic.
			if mass[fi] > cut || mass[fi] == cut && kept < maxFeatures {
				kept++
				continue
			}
			clear(p.w[fi*numTags : (fi+1)*numTags])
			clear(p.u[fi*numTags : (fi+1)*numTags])
		}
	}
	// Scale so that the largest weight maps to 127; weights are small
	// integers' averages, so this keeps about a hundredth of a unit.
	var maxAbs float64
	var absAll []float64
	for j := range p.w {
		if p.w[j] == 0 && p.u[j] == 0 {
			continue
		}
		a := math.Abs(avg(p.w[j], p.u[j]))
		if a > 0 {
			absAll = append(absAll, a)
		}
		maxAbs = max(maxAbs, a)
	}
	// Clip the rare outliers: quantise against the 99.99th percentile.
	clip := maxAbs
	if len(absAll) > 0 {
		sort.Float64s(absAll)
		clip = absAll[int(float64(len(absAll)-1)*0.9999)]
	}
	if clip == 0 {
		clip = 1
	}
	scale := 127 / clip
	m := &Model{scale: float32(scale)}
	for a := 0; a < numTags; a++ {
		for b := 0; b < numTags; b++ {
			m.trans[a][b] = float32(avg(p.tw[a][b], p.tu[a][b]))
		}
	}
	for fi, k := range keys {
		var row [numTags]int8
		keep := false
		for t := 0; t < numTags; t++ {
			v := avg(p.w[fi*numTags+t], p.u[fi*numTags+t])
			if math.Abs(v) >= prune && v != 0 {
				q := math.Round(v * scale)
				q = max(-127, min(127, q))
				row[t] = int8(q)
				if row[t] != 0 {
					keep = true
				}
			}
		}
		if keep {
			m.keys = append(m.keys, k)
			m.weights = append(m.weights, row[:]...)
		}
	}
	m.buildIndex()
	return m
}

// runeOffsets returns the byte offset of every rune of s, plus len(s).
func runeOffsets(s string) []int {
	offs := make([]int, 0, len(s)+1)
	for i := range s {
		offs = append(offs, i)
	}
	return append(offs, len(s))
}
