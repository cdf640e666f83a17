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
//     surnames, post and job titles, organisation endings, places, and
//     built-in only, cue words that often follow a name: 主持, 调研, 表示).
//     The built-in dictionaries are in dict/: about 400 single and 50
//     compound surnames, 190 titles, 120 organisation endings, 75 cues, and 39,000
//     administrative division names with their short forms (北京市, 北京),
//     compacted from ../shared/data/gazetteers by `train places`. Callers
//     with their own dictionaries add matches with TagWithMatches;
//   - reach: the bucketed distance to the nearest title or place match
//     ending at or after i and starting at or before i (up to 12
//     characters), which sees past the character window.
//
// Transition weights are learned for every legal tag pair.
//
// # Training with partial labels
//
// The training sets label different types: MSRA has no Title, résumé NER
// no Place. A stretch outside the gold spans of such a sentence is not
// simply taught as O: for each sentence the target of the perceptron
// update is the best path under the current weights among those that
// keep every gold span and put, elsewhere, O or a tag of a type the source
// does not annotate (constrained Viterbi against the gold, as in
// latent-variable perceptrons). The unannotated type is allowed only on
// and up to three characters before a dictionary match of its kind (a
// title word for Title, a place name for Place): left free everywhere, the
// 43,500 MSRA sentences never contradicted a spurious Title, and titles
// sprouted on ordinary words (的, 思路) in news text; restricted, held-out
// CLUENER Title precision rose from 0.49 to 0.72 and every held-out figure
// improved. Where the current weights see no entity, the target is O, as
// with full labels.
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
// Options were chosen on held-out training sentences (every 20th of each
// file, `-heldout`): 15 epochs over 10 and 6, the 300,000 heaviest
// features over 600,000 and all 1.25 million (pruning helped slightly),
// reach features for titles and places but not organisation endings, cue
// words (held-out F1 up 0.002-0.026 on every type but CLUENER's Place). The
// shipped model: 15 epochs, 300,000 features, 6.3 MB; training takes 2-5
// minutes on one core. Strict P/R/F1 with nerscore's rules (`go test -run
// SharedDev -v .` or the training command prints them):
//
//	pd98-dev     Person        P 0.914 R 0.923 F1 0.918
//	             Organisation  P 0.872 R 0.855 F1 0.863
//	             Place         P 0.940 R 0.916 F1 0.928
//	resume-dev   Person        P 0.947 R 0.982 F1 0.964
//	             Title         P 0.922 R 0.909 F1 0.915
//	             Organisation  P 0.890 R 0.878 F1 0.884
//
// (Without cue words the dev figures were within a point of these: Person
// 0.926, Organisation 0.864, Place 0.937, Title 0.914; the choice follows
// the held-out sentences, not the dev sets.)
//
// pd98-dev comes from the same newspaper text as msra-train, so its
// figures are optimistic. Training is deterministic: `go generate` twice
// writes byte-identical models. Default took 11-19 ms in a fresh process
// (model 4 ms, dictionaries 5 ms: BenchmarkLoadModel,
// BenchmarkBuiltinLexicon) before the model's hash table and the places'
// ranges by first characters were added, which about double both (in one
// run on a busy machine: model 9-20 ms before, 22-40 ms after;
// dictionaries 11-24 ms before, 22-61 ms after) and make tagging faster;
// tagging ran at about 1.7 MB/s of UTF-8 text (575,000 characters a
// second) on an idle core before, half that on a busy one (BenchmarkTag).
package ner
