package ingest

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestDAGCutterMatchesGSE checks that the fast dictionary cut gives gse's
// Cut(text, false) word for word, on every line of the test pages and on
// mixed-script edge cases.
func TestDAGCutterMatchesGSE(t *testing.T) {
	lx, err := loadLexicon()
	if err != nil {
		t.Fatal(err)
	}
	lines := []string{
		"", "a", "区", "ABC123 区委书记Wang Wei主持召开2026年第3次会议",
		"ＡＢＣ１２３全角字符", "İstanbul市长", "x\uFFFDy区长", "5G基站、AI大模型和iPhone 15",
		"“三链融合”行动——记青河区…", "\t  空白\u3000全角空格 ",
	}
	pages, err := filepath.Glob(filepath.Join("testdata", "*", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	top, _ := filepath.Glob(filepath.Join("testdata", "*.md"))
	for _, p := range append(pages, top...) {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, strings.Split(string(b), "\n")...)
	}
	if len(lines) < 100 {
		t.Fatalf("only %d lines to compare", len(lines))
	}
	var sc cutScratch
	for _, ln := range lines {
		var want []int
		for _, w := range lx.seg.Cut(ln, false) {
			want = append(want, utf8.RuneCountInString(w))
		}
		got := lx.cutter.cut([]rune(ln), &sc, nil)
		if !slices.Equal(got, want) {
			t.Errorf("cut(%q) = %v, gse %v", ln, got, want)
		}
	}
}
