package ingest_test

import (
	"testing"

	"github.com/kgproject/kg/ingest"
)

// TestLeaderListsEndedByJoiner checks that every name of a 县领导 list
// takes the role of the verb after it when the list is closed by 以及 or by
// a comma and another titled name, not only by the verb (rule 7.3).
func TestLeaderListsEndedByJoiner(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"以及 and a guest", "5月6日上午，青河县与岚山集团合作协议签约仪式举行，县委书记马骏，县领导邱少华、罗敏、韩立以及岚山集团董事长周恒一行出席签约仪式。",
			[]string{"马骏", "邱少华", "罗敏", "韩立", "周恒"}},
		{"a comma and a titled name", "5月6日下午，区委书记马骏带队观摩重点项目建设。区长尹志刚，区领导邱少华、罗敏、韩立，开发区管委会主任周恒一同参加。",
			[]string{"马骏", "尹志刚", "邱少华", "罗敏", "韩立", "周恒"}},
		{"及", "5月6日，县委书记马骏主持召开座谈会，县领导邱少华、罗敏及有关部门负责人参加。",
			[]string{"邱少华", "罗敏"}},
		{"a list of tasks is no list of names", "5月6日，县委书记马骏主持召开座谈会。马骏强调，要坚持县领导包联、专班推进、一线解难，确保项目落地。",
			[]string{"马骏"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := factsOf(t, "# 测试\n\n"+tc.text, &ingest.Options{Year: 2026})[0]
			if _, ok := got.people["包联"]; ok {
				t.Errorf("people %v hold 包联", got.people)
			}
			if len(got.events) == 0 {
				t.Fatalf("no event; people %v", got.people)
			}
			e := got.events[0]
			for _, who := range tc.want {
				if !has(append(e.attendees, e.chairs...), who) {
					t.Errorf("event %s: attendees %v, chairs %v lack %s", e.name, e.attendees, e.chairs, who)
				}
			}
		})
	}
}
