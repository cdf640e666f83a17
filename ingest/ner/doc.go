// Package ner finds Person, Title, Organisation and Place mentions in
// Chinese text with a statistical sequence tagger, in pure Go.
//
//	tg, err := ner.Default() // loads the embedded model once
//	spans := tg.Tag("市委书记吕沛主持会议") // offsets in code points, End exclusive
//
// # Model
//
// An averaged structured perceptron (Collins 2002) over characters, with
// BIOES tags for the four types (17 tags) and Viterbi decoding restricted to
// legal tag sequences (I and E only continue a B or I of the same type; a
// sentence starts with O, B or S and ends with O, E or S). Emission
// features of position i, hashed to 32 bits with their template:
//
//   - character unigrams at offsets -2..+2, bigrams at -2..+1, trigrams at
//     -2..0 and the skip bigram c[-1]c[+1]; characters are normalised
//     (full-width to half-width, digits to 0, Latin to lower case);
//   - character classes (CJK, digit, Chinese numeral, Latin, punctuation,
//     space, boundary) of c[0], of c[-1]c[0]c[+1], of c[-2]c[-1], of c[+1]c[+2];
//   - dictionary marks at offsets -1..+1 and the mark at 0 with the
//     character: B/I/E/S of a match of each MatchKind (single and compound
//     surnames, post and job titles, organisation endings, places). The
//     built-in dictionaries are in dict/: about 400 single and 50 compound
//     surnames, 190 titles, 120 organisation endings, and 39,000
//     administrative division names with their short forms (北京市, 北京),
//     compacted from ../shared/data/gazetteers by `train places`. Callers
//     with their own dictionaries add matches with TagWithMatches.
//
// Transition weights are learned for every legal tag pair.
//
// # Training with partial labels
//
// The training sets label different types: MSRA has no Title, résumé NER
// no Place. A stretch outside the gold spans of such a sentence is not
// taught as O for the unannotated types: for each sentence the target of
// the perceptron update is the best path under the current weights among
// those that keep every gold span and put, elsewhere, O or any tag of a
// type the source does not annotate (constrained Viterbi against the
// gold, as in latent-variable perceptrons). Where the current weights see
// no entity of the missing type, the target is O, as with full labels.
//
// Training visits the sentences in an order shuffled with a fixed seed
// (PCG), uses integer weights with exact averaging, and is deterministic:
// the same data and options give the same model bytes. Quantisation keeps
// the MaxFeatures features with the largest total absolute weight and
// stores their weights as int8 against the 99.99th percentile; transitions
// stay float32. The model file is a header, the transitions, the sorted
// feature hashes and the int8 weight rows; loading checks it, copies the
// keys and builds a bucket index over their top 18 bits (weights are used
// in place).
//
// # Retraining
//
// From ingest/ner, with ../shared next to the repository:
//
//	go generate .   # = go run ./internal/train places && go run ./internal/train
//
// which rewrites dict/places.txt and model.bin from
// ../shared/data/ner/{cluener,resume,msra}-train.jsonl (never the dev
// files) and prints the dev figures. `go run ./internal/train -heldout`
// trains without every 20th training sentence and scores those, for
// choosing options; see its -h.
//
// # Figures
//
// Model of 10 epochs, 600,000 features: 12.6 MB; training takes about 2
// minutes on one core. Strict P/R/F1 (nerscore's rules; figures from
// `go test -run SharedDev -v .` or the training command):
//
//	pd98-dev     Person        P 0.902 R 0.928 F1 0.915
//	             Organisation  P 0.858 R 0.852 F1 0.855
//	             Place         P 0.941 R 0.925 F1 0.933
//	resume-dev   Person        P 0.956 R 0.991 F1 0.973
//	             Title         P 0.868 R 0.919 F1 0.893
//	             Organisation  P 0.887 R 0.881 F1 0.884
//
// pd98-dev comes from the same newspaper text as msra-train, so its
// figures are optimistic. Loading the model takes about 8 ms and the
// dictionaries about 30 ms (BenchmarkLoadModel, BenchmarkBuiltinLexicon).
package ner
