package ingest

import (
	"testing"
	"time"
	"unicode/utf8"

	"github.com/kgproject/kg/internal/allocbound"
)

// datesBound bounds the memory the date parser may allocate: 256 KiB (the
// runtime's noise) plus 256 bytes per byte of text, ten times what it
// takes on dense dates.
var datesBound = allocbound.Bound{Base: 256 << 10, PerByte: 256}

// FuzzDates checks the date parser on any text: no panic, allocations
// within datesBound, every mention's offsets (in code points) point at its
// text, and every date it resolves is a real calendar day.
func FuzzDates(f *testing.F) {
	for _, s := range []string{
		"2026年1月13日下午，会议召开。18日上午，又召开。",
		"3月30日至4月2日", "３月５日至６日晚", "九月二十日下午", "二〇二五年十月九日", "2月30日", "0月0日", "99999年99月99日",
		"本月18日", "24日均", "十月三十一日至十一月三十一日", "\xff月1日", "当天下午",
	} {
		f.Add(s, 2026, 1)
	}
	f.Fuzz(func(t *testing.T, text string, year, month int) {
		runes := []rune(asciiDigits(text))
		var found []dateMention
		datesBound.Check(t, len(text), func() { found = findDates(text, year, month) })
		for _, dm := range found {
			if dm.start < 0 || dm.start > dm.end || dm.end > len(runes) {
				t.Fatalf("mention %q at [%d, %d) outside the text of %d code points", dm.text, dm.start, dm.end, len(runes))
			}
			if got := string(runes[dm.start:dm.end]); got != dm.text && utf8.ValidString(text) {
				t.Fatalf("mention at [%d, %d) is %q, the text there is %q", dm.start, dm.end, dm.text, got)
			}
			for _, d := range []string{dm.date, dm.endDate} {
				if d == "" {
					continue
				}
				if _, err := time.Parse("2006-01-02", d); err != nil {
					t.Fatalf("mention %q resolves to %q: %v", dm.text, d, err)
				}
			}
			if dm.endDate != "" && dm.date == "" {
				t.Fatalf("mention %q has an end date %q without a date", dm.text, dm.endDate)
			}
			switch dm.partOfDay {
			case "", "上午", "下午", "晚上", "中午", "凌晨", "傍晚":
			default:
				t.Fatalf("mention %q: part of day %q", dm.text, dm.partOfDay)
			}
		}
	})
}
