// Command train builds the ner package's data files from ../shared/data.
//
//	go run ./internal/train places -data DIR -out dict/places.txt
//	go run ./internal/train [flags] -data DIR -out model.bin
//
// "places" compacts the administrative divisions of DIR/gazetteers into the
// place dictionary. Without a sub-command it trains the model on
// DIR/ner/{cluener,resume,msra}-train.jsonl, writes it, and prints strict
// and relaxed P/R/F1 on DIR/ner/{pd98,resume}-dev.jsonl. With -heldout it
// instead trains on all but every 20th sentence of each train file and
// reports figures on those held-out sentences, for choosing
// hyperparameters. Run from ingest/ner (go generate does).
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/kgproject/kg/ingest/ner"
	"github.com/kgproject/kg/ingest/ner/internal/score"
)

// sources are the training files and the types each annotates.
var sources = []struct {
	file      string
	annotated []string
}{
	{"cluener-train.jsonl", nil},
	{"resume-train.jsonl", []string{ner.Person, ner.Title, ner.Organisation}},
	{"msra-train.jsonl", []string{ner.Person, ner.Organisation, ner.Place}},
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "places" {
		if err := runPlaces(os.Args[2:]); err != nil {
			fmt.Fprintln(os.Stderr, "train places:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	data := fs.String("data", "../../../shared/data", "directory with ner/ and gazetteers/")
	out := fs.String("out", "model.bin", "model file to write (empty: do not write)")
	epochs := fs.Int("epochs", 15, "training epochs")
	seed := fs.Uint64("seed", 1, "shuffling seed")
	minCount := fs.Int("mincount", 1, "drop features seen fewer times")
	prune := fs.Float64("prune", 0, "drop averaged weights below this magnitude")
	maxFeatures := fs.Int("maxfeatures", 300000, "keep at most this many features (0: all)")
	only := fs.String("sources", "cluener,resume,msra", "comma-separated training sources to use")
	heldout := fs.Bool("heldout", false, "train without every 20th sentence and score on those")
	if err := fs.Parse(args); err != nil {
		return err
	}
	runtime.GOMAXPROCS(1)
	var train []ner.Sentence
	held := map[string][]score.Record{}
	for _, src := range sources {
		if !slices.Contains(strings.Split(*only, ","), strings.TrimSuffix(src.file, "-train.jsonl")) {
			continue
		}
		recs, err := score.ReadFile(filepath.Join(*data, "ner", src.file))
		if err != nil {
			return err
		}
		for i, r := range recs {
			if *heldout && i%20 == 0 {
				held[src.file] = append(held[src.file], r)
				continue
			}
			train = append(train, ner.Sentence{Text: r.Text, Spans: r.Spans(), Annotated: src.annotated})
		}
	}
	start := time.Now()
	fmt.Printf("training on %d sentences, %d epochs, seed %d, mincount %d, prune %g, maxfeatures %d\n", len(train), *epochs, *seed, *minCount, *prune, *maxFeatures)
	m, err := ner.Train(train, &ner.TrainOptions{
		Epochs: *epochs, Seed: *seed, MinCount: *minCount, Prune: *prune, MaxFeatures: *maxFeatures,
		Progress: func(epoch, mistakes int) {
			fmt.Printf("epoch %d: %d sentences wrong (%s)\n", epoch, mistakes, time.Since(start).Round(time.Second))
		},
	})
	if err != nil {
		return err
	}
	fmt.Printf("trained in %s: %d features\n", time.Since(start).Round(time.Second), m.Features())
	if *out != "" && !*heldout {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		n, err := m.WriteTo(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		fmt.Printf("wrote %s: %d bytes\n", *out, n)
	}
	tg := ner.NewTagger(m)
	if *heldout {
		for _, src := range sources {
			report(tg, src.file+" (held out)", held[src.file])
		}
		return nil
	}
	for _, name := range []string{"pd98-dev.jsonl", "resume-dev.jsonl"} {
		recs, err := score.ReadFile(filepath.Join(*data, "ner", name))
		if err != nil {
			return err
		}
		report(tg, name, recs)
	}
	return nil
}

func report(tg *ner.Tagger, name string, recs []score.Record) {
	got := make([][]ner.Span, len(recs))
	start := time.Now()
	chars := 0
	for i, r := range recs {
		got[i] = tg.Tag(r.Text)
		chars += len([]rune(r.Text))
	}
	el := time.Since(start)
	score.Score(recs, got).Write(os.Stdout, name)
	fmt.Printf("  (tagged %d chars in %s)\n", chars, el.Round(time.Millisecond))
}
