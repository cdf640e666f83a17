package ingest

import (
	"embed"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/go-ego/gse"
)

//go:embed dict/*.txt
var dictFS embed.FS

// lexicon holds the domain dictionaries the extractor works with.
type lexicon struct {
	surnames           map[string]bool // one- and two-character surnames
	titles             []string        // job titles, longest first
	titleRunes         [][]rune
	titleFirst         map[rune][]int // titles by first rune, longest first
	titleLast          map[rune][]int // titles by last rune, longest first
	sufLast            map[rune][]int // organisation heads by last rune, longest first
	titleSet           map[string]bool
	suffixes           []string // organisation heads, longest first
	sufRunes           [][]rune
	boundaries         map[string]bool
	maxBound           int
	places             map[string]bool     // administrative divisions, full and short forms
	knownOrgs          map[string]bool     // bodies named without a level or place prefix
	knownLast          map[rune]bool       // last characters of knownOrgs
	orgAliases         map[string]string   // short form -> the full name it folds into (dict/orgaliases.txt)
	partyDepts         map[string]bool     // a party committee's own departments (dict/partydepts.txt)
	countries          map[string]bool     // foreign states and their short forms (rule 8.6: places, not bodies)
	countryAbb         map[rune]bool       // one-character short forms of states (俄 of 俄军)
	postLeads          map[string]bool     // words a post's body cannot start with or hold (dict/postleads.txt)
	bodyBreaks         map[string]bool     // prepositions no body holds as a word of its own (dict/bodybreaks.txt)
	classWords         []string            // words that class a named body before its name (dict/classwords.txt)
	classHeads         []string            // heads that with a state alone class bodies (dict/classheads.txt)
	classStates        []string            // words for a state or origin before such a head (dict/classstates.txt)
	documentHeads      []string            // heads of the names of rules, plans and papers (dict/documentheads.txt)
	projectLeads       []string            // words that begin no project's name, longest first (dict/projectleads.txt)
	projectDescriptors map[string]bool     // words that alone name no project (dict/projectdescriptors.txt)
	achievedLeads      []string            // words before a campaign cited as won (dict/achievedleads.txt)
	afterNames         map[rune]bool       // characters that are a word of their own after a name (dict/afternames.txt)
	commonWords        map[string]bool     // two-character words below words.txt's cut-off that name no one (dict/commonwords.txt)
	translit           map[rune]bool       // characters of transliterated foreign names
	placePairs         map[uint64]bool     // first two characters of places (firstPair)
	cues               map[string][]string // the event rules' cue lists (dict/eventcues.txt)
	nonBodies          map[string]bool     // words ending with an organisation head that name no body (dict/nonbodies.txt)
	venueHeads         []string            // heads of places where events are held or shown (dict/venues.txt)
	facilityHeads      []string            // heads of facilities and sites that are never a body (dict/facilities.txt)
	id                 *identityLexicon    // the word lists identity is decided with (locale.go)
	seg                *gse.Segmenter      // word segmenter with a compact dictionary
	cutter             *dagCutter          // seg's dictionary-only cut, fast
}

func loadLexicon() (*lexicon, error) {
	lx := &lexicon{
		surnames:   map[string]bool{},
		titleSet:   map[string]bool{},
		boundaries: map[string]bool{},
		places:     map[string]bool{},
		knownOrgs:  map[string]bool{},
	}
	words := func(name string) ([]string, error) {
		b, err := dictFS.ReadFile("dict/" + name)
		if err != nil {
			return nil, fmt.Errorf("ingest: load dictionary %s: %w", name, err)
		}
		var out []string
		for _, ln := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(ln, "#") {
				continue
			}
			out = append(out, strings.Fields(ln)...)
		}
		return out, nil
	}
	ws, err := words("surnames.txt")
	if err != nil {
		return nil, err
	}
	for _, w := range ws {
		lx.surnames[w] = true
	}
	if lx.titles, err = words("titles.txt"); err != nil {
		return nil, err
	}
	for _, w := range lx.titles {
		lx.titleSet[w] = true
	}
	// 常务 makes a deputy the executive one of any title (常务副校长,
	// 常务副总经理), listed or not
	for _, w := range lx.titles {
		if strings.HasPrefix(w, "副") && !lx.titleSet["常务"+w] {
			lx.titleSet["常务"+w] = true
			lx.titles = append(lx.titles, "常务"+w)
		}
	}
	byLength(lx.titles)
	if lx.suffixes, err = words("orgsuffixes.txt"); err != nil {
		return nil, err
	}
	byLength(lx.suffixes)
	lx.titleRunes = runesOf(lx.titles)
	lx.sufRunes = runesOf(lx.suffixes)
	lx.titleFirst, lx.titleLast = map[rune][]int{}, map[rune][]int{}
	for i, t := range lx.titleRunes {
		lx.titleFirst[t[0]] = append(lx.titleFirst[t[0]], i)
		lx.titleLast[t[len(t)-1]] = append(lx.titleLast[t[len(t)-1]], i)
	}
	lx.sufLast = map[rune][]int{}
	for i, t := range lx.sufRunes {
		lx.sufLast[t[len(t)-1]] = append(lx.sufLast[t[len(t)-1]], i)
	}
	if ws, err = words("boundaries.txt"); err != nil {
		return nil, err
	}
	for _, w := range ws {
		lx.boundaries[w] = true
		lx.maxBound = max(lx.maxBound, utf8.RuneCountInString(w))
	}
	if ws, err = words("orgs.txt"); err != nil {
		return nil, err
	}
	lx.knownLast = map[rune]bool{}
	for _, w := range ws {
		lx.knownOrgs[w] = true
		c, _ := utf8.DecodeLastRuneInString(w)
		lx.knownLast[c] = true
	}
	if ws, err = words("orgaliases.txt"); err != nil {
		return nil, err
	}
	lx.orgAliases = map[string]string{}
	for i := 0; i+1 < len(ws); i += 2 {
		lx.orgAliases[ws[i]] = ws[i+1]
	}
	if lx.partyDepts, err = wordSet(words, "partydepts.txt"); err != nil {
		return nil, err
	}
	lx.countries, lx.countryAbb = map[string]bool{}, map[rune]bool{}
	if ws, err = words("countries.txt"); err != nil {
		return nil, err
	}
	for _, w := range ws {
		lx.countries[w] = true
	}
	if lx.postLeads, err = wordSet(words, "postleads.txt"); err != nil {
		return nil, err
	}
	if lx.bodyBreaks, err = wordSet(words, "bodybreaks.txt"); err != nil {
		return nil, err
	}
	if lx.classWords, err = words("classwords.txt"); err != nil {
		return nil, err
	}
	if lx.classHeads, err = words("classheads.txt"); err != nil {
		return nil, err
	}
	if lx.classStates, err = words("classstates.txt"); err != nil {
		return nil, err
	}
	if lx.documentHeads, err = words("documentheads.txt"); err != nil {
		return nil, err
	}
	if lx.projectLeads, err = words("projectleads.txt"); err != nil {
		return nil, err
	}
	byLength(lx.projectLeads)
	if lx.achievedLeads, err = words("achievedleads.txt"); err != nil {
		return nil, err
	}
	if lx.projectDescriptors, err = wordSet(words, "projectdescriptors.txt"); err != nil {
		return nil, err
	}
	if ws, err = words("afternames.txt"); err != nil {
		return nil, err
	}
	lx.afterNames = map[rune]bool{}
	for _, w := range ws {
		for _, c := range w {
			lx.afterNames[c] = true
		}
	}
	if lx.commonWords, err = wordSet(words, "commonwords.txt"); err != nil {
		return nil, err
	}
	if ws, err = words("countryabbr.txt"); err != nil {
		return nil, err
	}
	for _, w := range ws {
		c, _ := utf8.DecodeRuneInString(w)
		lx.countryAbb[c] = true
	}
	if ws, err = words("translit.txt"); err != nil {
		return nil, err
	}
	lx.translit = map[rune]bool{}
	for _, w := range ws {
		for _, c := range w {
			lx.translit[c] = true
		}
	}
	if ws, err = words("places.txt"); err != nil {
		return nil, err
	}
	for _, w := range ws {
		lx.places[w] = true
		if short := shortPlace(w); short != "" {
			lx.places[short] = true
		}
	}
	lx.placePairs = map[uint64]bool{}
	for w := range lx.places {
		lx.placePairs[firstPair(w)] = true
	}
	if lx.cues, err = cueLists(); err != nil {
		return nil, err
	}
	if lx.facilityHeads, err = words("facilities.txt"); err != nil {
		return nil, err
	}
	if lx.venueHeads, err = words("venues.txt"); err != nil {
		return nil, err
	}
	if lx.id, err = loadIdentityLexicon(words); err != nil {
		return nil, err
	}
	if lx.nonBodies, err = wordSet(words, "nonbodies.txt"); err != nil {
		return nil, err
	}
	if err := lx.loadSegmenter(); err != nil {
		return nil, err
	}
	return lx, nil
}

// loadSegmenter builds the gse segmenter from the compact word list plus
// the domain words (titles, organisation heads, boundary words, known
// bodies), so that those are whole tokens. gse's full dictionary takes
// seconds to load; this one takes milliseconds.
func (lx *lexicon) loadSegmenter() error {
	b, err := dictFS.ReadFile("dict/words.txt")
	if err != nil {
		return fmt.Errorf("ingest: load dictionary words.txt: %w", err)
	}
	var sb strings.Builder
	for _, ln := range strings.Split(string(b), "\n") {
		if ln != "" && !strings.HasPrefix(ln, "#") {
			sb.WriteString(ln)
			sb.WriteByte('\n')
		}
	}
	domain := append(append(append(append([]string{}, lx.titles...), lx.suffixes...), keys(lx.knownOrgs)...), keys(lx.countries)...)
	for w := range lx.boundaries {
		domain = append(domain, w)
	}
	for _, w := range domain {
		if utf8.RuneCountInString(w) >= 2 {
			fmt.Fprintf(&sb, "%s 5000\n", w)
		}
	}
	seg := &gse.Segmenter{SkipLog: true}
	if err := seg.LoadDictStr(sb.String()); err != nil {
		return fmt.Errorf("ingest: load segmenter: %w", err)
	}
	lx.seg = seg
	lx.cutter = newDAGCutter(seg)
	return nil
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// shortPlace drops the level word of a division name (河南省 -> 河南) when
// what remains is still a name of two characters or more.
func shortPlace(name string) string {
	for _, suf := range []string{"特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "地区", "省", "市", "县", "区", "盟", "旗"} {
		if s, ok := strings.CutSuffix(name, suf); ok && utf8.RuneCountInString(s) >= 2 {
			return s
		}
	}
	return ""
}

func runesOf(ws []string) [][]rune {
	out := make([][]rune, len(ws))
	for i, w := range ws {
		out[i] = []rune(w)
	}
	return out
}

// longestEndingAt returns the index of the longest of the words ws[cands]
// (longest first) that ends at r[:end], -1 when none does.
func longestEndingAt(ws [][]rune, cands []int, r []rune, end int) int {
	for _, i := range cands {
		if w := ws[i]; len(w) <= end && equalRunes(r[end-len(w):end], w) {
			return i
		}
	}
	return -1
}

func equalRunes(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func byLength(ws []string) {
	sort.SliceStable(ws, func(i, j int) bool {
		return utf8.RuneCountInString(ws[i]) > utf8.RuneCountInString(ws[j])
	})
}

// titleEndingAt returns the longest title that ends at r[:end].
func (lx *lexicon) titleEndingAt(r []rune, end int) string {
	if end <= 0 || end > len(r) {
		return ""
	}
	if i := longestEndingAt(lx.titleRunes, lx.titleLast[r[end-1]], r, end); i >= 0 {
		return lx.titles[i]
	}
	return ""
}

// titleAt returns the longest title that starts at r[i:].
func (lx *lexicon) titleAt(r []rune, i int) string {
	if i < 0 || i >= len(r) {
		return ""
	}
	for _, k := range lx.titleFirst[r[i]] {
		if t := lx.titleRunes[k]; i+len(t) <= len(r) && equalRunes(r[i:i+len(t)], t) {
			return lx.titles[k]
		}
	}
	return ""
}

// suffixEndingAt returns the longest organisation head ending at r[:end].
func (lx *lexicon) suffixEndingAt(r []rune, end int) string {
	if end <= 0 || end > len(r) {
		return ""
	}
	if i := longestEndingAt(lx.sufRunes, lx.sufLast[r[end-1]], r, end); i >= 0 {
		return lx.suffixes[i]
	}
	return ""
}

// boundaryEndingAt returns the length of the longest boundary word that
// ends at r[:end], 0 when none does. When cuts is given, a boundary word
// counts only where the segmentation cuts on both sides of it: 要 of 要素,
// 及 of 及时 and 构建 of 机构|建设 do not.
func (lx *lexicon) boundaryEndingAt(r []rune, end int, cuts ...[]bool) int {
	for n := min(lx.maxBound, end); n >= 1; n-- {
		if lx.boundaries[string(r[end-n:end])] {
			if len(cuts) > 0 && cuts[0] != nil && end < len(cuts[0]) && !(cuts[0][end-n] && cuts[0][end]) {
				continue
			}
			return n
		}
	}
	return 0
}

// countryPrefix returns the longest foreign state (or one of its short
// forms) that s starts with, "" when none does.
func (lx *lexicon) countryPrefix(s string) string {
	rs := []rune(s)
	for n := min(len(rs), 10); n >= 2; n-- {
		if lx.countries[string(rs[:n])] {
			return string(rs[:n])
		}
	}
	return ""
}

// wordSet reads a word list with words and returns it as a set; its errors
// are words'.
func wordSet(words func(string) ([]string, error), name string) (map[string]bool, error) {
	ws, err := words(name)
	if err != nil {
		return nil, err
	}
	set := make(map[string]bool, len(ws))
	for _, w := range ws {
		set[w] = true
	}
	return set, nil
}
