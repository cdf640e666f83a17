package ingest

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// testLines returns the lines of the test pages plus edge cases.
func testLines(t *testing.T, extra ...string) []string {
	t.Helper()
	pages, err := filepath.Glob(filepath.Join("testdata", "*", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	top, _ := filepath.Glob(filepath.Join("testdata", "*.md"))
	lines := extra
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
	return lines
}

// The fast scanners must find exactly what the regular expressions they
// replace find.
func TestScannersMatchRegexps(t *testing.T) {
	learnRe := regexp.MustCompile(`\p{Han}{2}(?:市|区|县|省|乡|镇|街道|村|社区)`)
	lines := testLines(t, "", "青河区", "青河街", "青河街道办", "青河社区和枫屿市区县", "a\xff青河县", "２０２６年３月５日至６日下午",
		"3月30日至4月2日、18日上午，二〇二五年十月九日晚、九月二十日至二十一日", "24日均", "本月5日", "5日5日5日", "—1日—", "2026年1月13日下午2026年")
	// whole pages too: runs and matches across lines
	lines = append(lines, strings.Join(lines, "\n"))
	for _, ln := range lines {
		var want []span
		for _, loc := range learnRe.FindAllStringIndex(ln, -1) {
			s := utf8.RuneCountInString(ln[:loc[0]])
			want = append(want, span{s, s + utf8.RuneCountInString(ln[loc[0]:loc[1]])})
		}
		if got := learnMatches([]rune(ln)); !slices.Equal(got, want) {
			t.Errorf("learnMatches(%q) = %v, want %v", ln, got, want)
		}
		ascii := asciiDigits(ln)
		for _, re := range []*regexp.Regexp{dateRe, cnDateRe} {
			want := re.FindAllStringSubmatchIndex(ascii, -1)
			got := findAllInRuns(re, ascii, isDateChar, "日")
			if !slices.EqualFunc(got, want, slices.Equal) {
				t.Errorf("findAllInRuns(%v, %q) = %v, want %v", re, ascii, got, want)
			}
		}
	}
}
