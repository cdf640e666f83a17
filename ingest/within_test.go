package ingest

import "testing"

// TestWithinWordsCoverWithinRe checks the prefilter of withinEvents: a
// sentence with a match of withinRe holds one of withinWords, for one
// sentence of each of withinRe's alternatives.
func TestWithinWordsCoverWithinRe(t *testing.T) {
	for _, s := range []string{
		"并主持召开企业座谈会", "并就产业发展进行了座谈", "随后来到园区察看", "新任命人员进行宪法宣誓",
		"举行宣誓仪式", "两国领导人共同见证合作文件签署", "出席签署仪式", "出席签约仪式",
		"双方签署了合作协议", "共同宣布启动", "为研究院揭牌", "宣布项目开工", "出席开工仪式",
	} {
		if !withinRe.MatchString(s) {
			t.Errorf("%s: no match of withinRe; add the case it stands for", s)
		}
		if !containsAny(s, withinWords...) {
			t.Errorf("%s: matches withinRe but holds none of withinWords", s)
		}
	}
}
