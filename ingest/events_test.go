package ingest_test

import (
	"reflect"
	"testing"

	"github.com/kgproject/kg/ingest"
)

// The sentences below are written for these tests in the genre's style;
// none is copied from an evaluation text.

// eventsOf returns the events of a one-article page with the given lead.
func eventsOf(t *testing.T, text string) []eventSummary {
	t.Helper()
	return factsOf(t, "# 测试\n\n"+text, &ingest.Options{Year: 2026})[0].events
}

func TestCircumstanceBeforeVerb(t *testing.T) {
	for _, tc := range []struct {
		text   string
		chairs []string
		org    string // a convener, "" for none
	}{
		{"县委书记李青山1月5日主持召开县委常委会会议，研究部署春耕工作。", []string{"李青山"}, ""},
		{"县长王立新5日下午在县行政中心主持召开县政府常务会议。", []string{"王立新"}, ""},
		{"县政协19日在县城召开十届常委会第五次会议，县政协主席周海峰主持会议。", []string{"周海峰"}, "县政协"},
		{"新闻中心消息：县人大常委会3月2日召开主任会议，听取有关工作汇报。", nil, "县人大常委会"},
		{"3月5日，县委书记李青山、县长王立新共同主持召开县委常委会和县政府常务会联席会议。", []string{"李青山", "王立新"}, ""},
	} {
		evs := eventsOf(t, tc.text)
		if len(evs) == 0 {
			t.Errorf("%s: no event", tc.text)
			continue
		}
		e := evs[0]
		if !reflect.DeepEqual(e.chairs, tc.chairs) {
			t.Errorf("%s: chairs %v, want %v", tc.text, e.chairs, tc.chairs)
		}
		if tc.org != "" && e.orgs[tc.org] == "" {
			t.Errorf("%s: organisations %v lack the convener %s", tc.text, e.orgs, tc.org)
		}
	}
}
