package ingest

import "testing"

func TestNameYear(t *testing.T) {
	for _, tc := range []struct {
		url, file string
		want      int
	}{
		{"https://tv.example.com/2022/01/01/VIDE1.shtml", "", 2022},
		{"http://news.example.cn/Html/2021-01-13/11048.html", "", 2021},
		{"https://www.example.gov.cn/art/2021/3/5/art_1.html", "", 2021},
		{"https://www.example.gov.cn/zwyw/202503/t20250318_5521.html", "", 2025},
		{"http://m.news.example.cn/n/201403/88883.html", "", 2014},
		{"https://xw.example.com/cmsid/20220420A0328300", "", 2022},
		{"", "corpus/2019-05-06-news.md", 2019},
		{"", "corpus/20190506.md", 2019},
		{"", "feed.jsonl:12", 0},
		{"https://example.cn/page95?article_id=88", "la-01.md", 0},
		{"https://example.cn/id/55039.html", "", 0},
		{"https://example.cn/2023/", "", 0},
		{"https://example.cn/a/120230418999.html", "", 0},                     // a long number, no date
		{"http://example.cn/html/htmlnewsyaowen2019031514302.html", "", 2019}, // a timestamp opening the number
		{"http://example.cn/html/news2019031599302.html", "", 0},              // no hour 99: no timestamp
		{"http://example.cn/html/news201903151.html", "", 0},                  // too short for a date and a time
	} {
		if got := nameYear(tc.url, tc.file); got != tc.want {
			t.Errorf("nameYear(%q, %q) = %d, want %d", tc.url, tc.file, got, tc.want)
		}
	}
}

func TestURLKey(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://www.Example.gov.cn/a/b/index.html#top", "example.gov.cn/a/b"},
		{"http://example.gov.cn/a/b/", "example.gov.cn/a/b"},
		{"https://example.gov.cn/view?id=7", "example.gov.cn/view?id=7"},
		{"https://example.gov.cn/%E6%96%B0%E9%97%BB/1.html", "example.gov.cn/新闻/1.html"},
		{"not a url", ""},
	} {
		if got := urlKey(tc.in); got != tc.want {
			t.Errorf("urlKey(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
