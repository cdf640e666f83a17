package ingest

import (
	"fmt"
	"testing"
)

// TestEachYear checks that eachYear finds what yearRe finds.
func TestEachYear(t *testing.T) {
	for _, s := range []string{
		"", "年", "2026年", "12026年", "2026年2027年", "199年", "1899年", "2100年", "1999年末",
		"20a6年", "年2026", "２０２６年", "总结2025年工作，部署2026年重点任务", "于2026 年", "2026年年底",
	} {
		var got [][]int
		eachYear(s, func(y, start, end int) { got = append(got, []int{start, end, start, end - len("年")}) })
		want := yearRe.FindAllStringSubmatchIndex(s, -1)
		if fmt.Sprint(got) != fmt.Sprint(want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("eachYear(%q) spans %v, want %v", s, got, want)
		}
		eachYear(s, func(y, start, end int) {
			if w := s[start : end-len("年")]; fmt.Sprint(y) != w {
				t.Errorf("eachYear(%q) year %d, want %s", s, y, w)
			}
		})
	}
}

// TestYearDigits checks that yearDigits is asciiDigits.
func TestYearDigits(t *testing.T) {
	for _, s := range []string{"", "2026年", "２０２６年３月", "二〇二五年", "零售", "，（）：", "总结，２", "\xef\xbc", "abc\xef"} {
		if got, want := yearDigits(s), asciiDigits(s); got != want {
			t.Errorf("yearDigits(%q) = %q, want %q", s, got, want)
		}
	}
}
