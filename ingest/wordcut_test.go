package ingest

import (
	"slices"
	"testing"
	"unicode/utf8"
)

// TestDAGCutterMatchesGSE checks that the fast dictionary cut gives gse's
// Cut(text, false) word for word, on every line of the test pages and on
// mixed-script edge cases.
func TestDAGCutterMatchesGSE(t *testing.T) {
	lines := testLines(t, "", "a", "区", "ABC123 区委书记Wang Wei主持召开2026年第3次会议",
		"ＡＢＣ１２３全角字符", "İstanbul市长", "x\uFFFDy区长", "x\xffy区长", "5G基站、AI大模型和iPhone 15",
		"“三链融合”行动——记青河区…", "\t  空白\u3000全角空格 ")
	lx, err := loadLexicon()
	if err != nil {
		t.Fatal(err)
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
