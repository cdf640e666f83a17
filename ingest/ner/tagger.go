package ner

import (
	_ "embed"
	"fmt"
	"sync"
)

//go:generate go run ./internal/train places -data ../../../shared/data -out dict/places.txt
//go:generate go run ./internal/train -data ../../../shared/data -out model.bin

//go:embed model.bin
var defaultModel []byte

// Tagger finds entity mentions with a model and the built-in dictionaries.
// A Tagger is safe for concurrent use.
type Tagger struct {
	model *Model
	lex   *lexicon
	pool  sync.Pool // *scratch
}

type scratch struct {
	em    []float32
	buf   []uint32
	runes []rune
	offs  []int
	marks []uint32
	sent  sentence
	vit   viterbiScratch
}

// NewTagger returns a Tagger that uses m.
func NewTagger(m *Model) *Tagger {
	return &Tagger{model: m, lex: builtinLexicon()}
}

var (
	defaultOnce   sync.Once
	defaultTagger *Tagger
	defaultErr    error
)

// Default returns the Tagger of the model shipped with the package, loading
// it on first use. It returns an error if the embedded model is corrupt.
func Default() (*Tagger, error) {
	defaultOnce.Do(func() {
		m, err := LoadModel(defaultModel)
		if err != nil {
			defaultErr = fmt.Errorf("ner: load default model: %w", err)
			return
		}
		defaultTagger = NewTagger(m)
	})
	return defaultTagger, defaultErr
}

// Tag returns the entity spans of text in order, with offsets in Unicode
// code points.
func (t *Tagger) Tag(text string) []Span {
	return t.TagWithMatches(text, nil)
}

// TagWithMatches is Tag with extra dictionary matches from the caller,
// added to those of the built-in dictionaries. Matches outside the text
// are ignored.
func (t *Tagger) TagWithMatches(text string, matches []Match) []Span {
	if text == "" {
		return nil
	}
	sc, _ := t.pool.Get().(*scratch)
	if sc == nil {
		sc = &scratch{}
	}
	defer t.pool.Put(sc)
	sc.runes, sc.offs = sc.runes[:0], sc.offs[:0]
	for i, r := range text {
		sc.runes = append(sc.runes, r)
		sc.offs = append(sc.offs, i)
	}
	sc.offs = append(sc.offs, len(text))
	n := len(sc.runes)
	sc.marks = grow(sc.marks, n)
	marks := sc.marks
	clear(marks)
	t.lex.mark(marks, text, sc.offs)
	for _, m := range matches {
		markMatch(marks, m)
	}
	sc.sent.reset(sc.runes, marks)
	sc.em = grow(sc.em, n*numTags)
	sc.buf = t.model.emissions(&sc.sent, n, sc.em, sc.buf)
	tags := viterbiBuf(sc.em, &t.model.trans, nil, n, &sc.vit)
	return spansFromTags(tags)
}
