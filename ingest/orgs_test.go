package ingest_test

import (
	"testing"

	"github.com/kgproject/kg/ingest"
)

// The sentences below are written for these tests in the genre's style;
// none is copied from an evaluation set.

// TestOutletLines checks that the outlet of a dateline, or of a date and
// source line with no field label, is an organisation of the article
// (rule 2.3), and that its reporters hold the outlet's 记者 post (2.2).
func TestOutletLines(t *testing.T) {
	for _, tc := range []struct{ name, page, outlet string }{
		{"news-site dateline", "# 甲\n\n青川网消息（晚间新闻）：3月5日，县长王立新到白鹭镇调研。", "青川网"},
		{"date then source", "# 甲\n\n2025年03月05日10:12　来源:青川新闻网\n\n青川新闻网讯 3月5日，县长王立新到白鹭镇调研。", "青川新闻网"},
		{"outlet then date", "# 甲\n\n白鹭融媒 2025-03-05\n\n3月5日上午，县长王立新到白鹭镇调研。", "白鹭融媒"},
		{"address then date", "# 甲\n\n//www.example.cn  2025-03-05 08:30:00\n\n青川新闻网讯 3月5日，县长王立新到白鹭镇调研。（记者 周明远）", "青川新闻网"},
	} {
		got := factsOf(t, tc.page, &ingest.Options{Year: 2025})[0]
		if !has(got.orgs, tc.outlet) {
			t.Errorf("%s: organisations %v lack %s", tc.name, got.orgs, tc.outlet)
		}
		if len(got.reporters) > 0 && !has(got.people[got.reporters[0]], tc.outlet+"记者") {
			t.Errorf("%s: reporter %s holds %v, want %s记者", tc.name, got.reporters[0], got.people[got.reporters[0]], tc.outlet)
		}
		if len(got.events) == 0 || got.events[0].date != "2025-03-05" {
			t.Errorf("%s: events %+v, want one on 2025-03-05", tc.name, got.events)
		}
	}
}
