package ingest

import (
	"regexp"
	"strings"
)

// conjoinedRe matches two activities held as one occasion and named with
// 暨 (X恳谈会暨项目签约仪式, X聘任暨项目集中签约仪式, 第三届“X恳谈会”暨…“Y”论坛):
// the first ends with an activity's head or act, the second with a head.
// A topic joined to a meeting (安全生产暨消防工作会议) has no head before 暨.
var conjoinedRe = regexp.MustCompile(`([^，,。；！？、]{2,30}?(?:仪式|典礼|大会|会议|恳谈会|座谈会|推介会|洽谈会|见面会|论坛|聘任|签约|揭牌|授牌|颁奖|开工|启动)[”"]?)暨([^。；！？]{2,40}(?:仪式|典礼|大会|会议|会|论坛|活动))`)

// conjoinedEvents splits the lead event e when its sentence or the
// heading names two activities of different kinds joined by 暨: each is
// an event (rule 6.3), and the text, which does not tell them apart,
// places the same people and bodies at both (locala README, la-05). A
// project named inside the first activity's name stays with it. Two
// activities of one kind (工作会议暨职工代表大会) are one occasion.
func (d *doc) conjoinedEvents(e *event) {
	for _, s := range []string{d.text(e.ev), d.a.Title} {
		m := conjoinedRe.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		first, second := strings.TrimPrefix(stripQuotes(m[1]), "在"), stripQuotes(m[2])
		k1, k2 := string(eventKind(first, "", d.lx.cues["not_meetings"])), string(eventKind(second, "", d.lx.cues["not_meetings"]))
		if k1 == k2 {
			return
		}
		for _, x := range d.events {
			if x != e && x.kind == k2 {
				return // held within the lead and found already
			}
		}
		f := &event{name: second, kind: k2, date: e.date, endDate: e.endDate, partOfDay: e.partOfDay, scope: e.scope, ev: e.ev,
			chairs: append([]*person(nil), e.chairs...), attendees: append([]*person(nil), e.attendees...),
			orgRoles: map[*org]string{}, reporting: append([]*org(nil), e.reporting...), roleEv: map[any]span{}}
		for o, r := range e.orgRoles {
			f.orgRoles[o] = r
		}
		for k, v := range e.roleEv {
			f.roleEv[k] = v
		}
		for _, p := range e.projects {
			if !strings.Contains(first, stripQuotes(p.name)) {
				f.projects = append(f.projects, p)
			}
		}
		e.name, e.kind = first, k1
		d.events = append(d.events[:1], append([]*event{f}, d.events[1:]...)...)
		return
	}
}
