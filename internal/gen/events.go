package gen

import (
	"fmt"
	"strings"
)

// The event templates. Each writes its article's title and paragraphs and
// records the event it plants; the variants of a template differ in the
// sentences that carry the same facts.

func (a *article) purpose() string {
	y := a.g.opts.Year
	return a.g.pick([]string{
		fmt.Sprintf("传达学习上级会议精神，研究部署%d年重点工作", y),
		"听取" + a.g.pick(meetingTopics) + "工作进展情况汇报，研究部署下一阶段重点任务",
		fmt.Sprintf("分析研判当前经济运行形势，安排部署%d年重点工作", y),
	})
}

// others picks n of the unit's leaders other than the excluded ones.
func (a *article) others(n int, not ...*person) []*person {
	u := a.u
	pool := []*person{u.secretary, u.head, u.exec, u.deputies[0], u.deputies[1], u.deputies[2], u.npc, u.cppcc, u.discipline}
	var out []*person
	for _, i := range a.g.rng.Perm(len(pool)) {
		p := pool[i]
		skip := false
		for _, x := range not {
			skip = skip || x == p
		}
		if !skip && len(out) < n {
			out = append(out, p)
		}
	}
	return out
}

// reports writes who reported at a meeting and returns the reporting
// bodies.
func (a *article) reports() []string {
	g, u := a.g, a.u
	topic := g.pick(meetingTopics)
	d := pickN(g.rng, u.depts, 3)
	switch g.rng.IntN(3) {
	case 0:
		a.para("会上，", a.org(d[0]), "、", a.org(d[1]), "、", a.org(d[2]), "主要负责同志分别汇报了", topic, "工作推进情况。")
		return d
	case 1:
		// A list sharing the unit prefix: 区财政局、统计局.
		a.org(d[0])
		a.org(d[1])
		a.para("会上，", d[0], "、", strings.TrimPrefix(d[1], u.kind), "主要负责同志分别汇报了一季度重点工作安排。")
		return d[:2]
	default:
		a.para("会议听取了", a.org(d[0]), "关于", topic, "工作情况的汇报。")
		return d[:1]
	}
}

func (a *article) closing(p *person) {
	// fillers[2:] are the sentences that start with 要.
	a.para(a.later(p), a.g.pick([]string{"强调", "要求", "指出"}), "，", a.g.pick(fillers[2:]))
	if a.g.chance(0.5) {
		a.para("会议还研究了其他事项。")
	}
}

// meeting: a leader chairs a numbered or thematic meeting.
func (a *article) meeting() {
	g, u := a.g, a.u
	u.meetings++
	y := g.opts.Year
	chair := u.secretary
	var m string
	switch g.rng.IntN(3) {
	case 0:
		m = fmt.Sprintf("%s%d年第%d次党政联席会议", u.name, y, u.meetings)
	case 1:
		m = fmt.Sprintf("%s%d年第%d次政府常务会议", u.name, y, u.meetings)
		chair = u.head
	default:
		m = u.name + g.pick(areaTopics) + "重点工作汇报会"
		chair = u.head
	}
	att := a.others(1+g.rng.IntN(3), chair)
	d, date, pod := a.when(true)
	switch g.rng.IntN(3) {
	case 0:
		a.gold.Title = u.name + "召开" + strings.TrimPrefix(m, u.name)
		a.para(d, "，", a.who(chair), "主持召开", m, "，", a.purpose(), "。", a.list(att), "出席会议。")
	case 1:
		a.gold.Title = m + "召开"
		a.para(d, "，", m, "召开。", a.who(chair), "主持会议，", a.list(att), "出席会议。")
	default:
		a.gold.Title = chair.name + "主持召开" + strings.TrimPrefix(m, u.name)
		a.para(d, "，", a.who(chair), "主持召开", m, "。", a.list(att), "出席。会议", a.purpose(), "。")
	}
	if g.chance(0.3) {
		// A leader whose speech is relayed is named but did not attend.
		a.para("会议传达学习了", a.who(g.w.city.secretary), "在全市", g.pick(meetingTopics), "工作会议上的讲话精神。")
	}
	a.filler(1)
	rep := a.reports()
	projs := a.discuss()
	a.filler(1 + g.rng.IntN(2))
	a.closing(chair)
	a.event(GoldEvent{Name: m, Date: date, PartOfDay: pod, Kind: "meeting", Chairs: names(chair), Attendees: names(att...), ReportingOrganisations: rep, Projects: projs})
}

// convened: a body or the area convenes a meeting.
func (a *article) convened() {
	g, u := a.g, a.u
	k, y := u.kind, g.opts.Year
	d, date, pod := a.when(true)
	ev := GoldEvent{Date: date, PartOfDay: pod, Kind: "meeting"}
	switch g.rng.IntN(3) {
	case 0:
		ev.Name = fmt.Sprintf("%d年%s工作会议", y, g.pick(meetingTopics))
		a.gold.Title = u.name + "召开" + ev.Name
		att := a.others(1+g.rng.IntN(2), u.secretary, u.head)
		a.para(d, "，", u.name, "召开", ev.Name, "，总结", fmt.Sprint(y-1), "年工作，部署", fmt.Sprint(y), "年重点任务。", a.who(u.secretary), "出席会议并讲话，", a.who(u.head), "主持会议，", a.list(att), "出席会议。")
		ev.Chairs, ev.Attendees = names(u.head), append(names(u.secretary), names(att...)...)
		ev.ReportingOrganisations = a.reports()
	case 1:
		body := k + "政协"
		ev.Name = "专题协商会"
		a.gold.Title = body + "召开专题协商会"
		a.para(d, "，", a.org(body), "召开专题协商会，围绕“", g.pick(inspectTopics), "”协商议政、建言献策。", a.who(u.cppcc), "主持会议，", a.who(u.secretary), "出席并讲话，", a.who(u.exec), "通报有关情况，", a.who(u.cppccVice), "出席会议。")
		ev.Organisations = []string{body}
		ev.Chairs, ev.Attendees = names(u.cppcc), names(u.secretary, u.exec, u.cppccVice)
	default:
		u.meetings++
		ev.Name = fmt.Sprintf("%s人大常委会第%d次会议", k, u.meetings)
		a.gold.Title = ev.Name + "召开"
		orgs := pickN(g.rng, u.depts, 2)
		a.para(d, "，", ev.Name, "召开。", a.who(u.npc), "主持会议，", a.who(u.npcDeputy), "出席会议。", a.who(u.deputies[0]), "，", a.org(orgs[0]), "、", a.org(orgs[1]), "负责同志列席会议。")
		ev.Chairs, ev.Attendees, ev.Organisations = names(u.npc), names(u.npcDeputy, u.deputies[0]), orgs
	}
	a.filler(1)
	ev.Projects = a.discuss()
	a.filler(1)
	a.event(ev)
}

// inspection: a city leader tours the unit with its leaders.
func (a *article) inspection() {
	g, u, c := a.g, a.u, a.g.w.city
	leaders := append([]*person{c.mayor, c.exec}, c.vices...)
	lead := leaders[g.rng.IntN(len(leaders))]
	topic := g.pick(inspectTopics)
	acc := []*person{u.head, u.deputies[g.rng.IntN(3)]}
	if g.chance(0.5) {
		acc[0] = u.secretary
	}
	d, date, pod := a.when(false)
	ev := GoldEvent{Date: date, PartOfDay: pod, Kind: "inspection"}
	leads := []*person{lead}
	if g.chance(0.3) {
		leads = append(leads, c.politics)
	}
	if g.chance(0.5) {
		ev.Name = lead.name + "到" + u.name + "调研" + topic + "工作"
		a.para(d, "，", a.list(leads), "到", u.name, "调研", topic, "工作。", a.list(acc), "陪同调研。")
	} else {
		ev.Name = lead.name + "到" + u.name + "督导检查" + topic + "工作"
		orgs := pickN(g.rng, c.depts, 2)
		a.para(d, "，", a.list(leads), "带领", a.org(orgs[0]), "、", a.org(orgs[1]), "负责同志，到", u.name, "督导检查", topic, "工作。", a.list(acc), "陪同。")
		ev.Organisations = orgs
	}
	a.gold.Title = ev.Name
	p1 := u.projects[g.rng.IntN(len(u.projects))]
	co := u.companies[g.rng.IntN(len(u.companies))]
	a.para("在", a.project(p1, p1), "建设现场，", lead.name, "详细了解施工进度和要素保障情况，要求施工单位科学组织、倒排工期，在确保安全和质量的前提下加快进度，确保实现", fmt.Sprint(g.opts.Year), "年建设目标。")
	if g.chance(0.3) {
		// A project named only as background belongs to no event.
		for _, bg := range u.projects {
			if bg != p1 {
				a.para("据了解，", a.project(bg, bg), "已于去年年底建成投用。")
				break
			}
		}
	}
	a.para("随后，", lead.name, "来到", a.org(co.full), "，察看", a.project(co.project, co.project), "建设情况，与", a.who(co.manager), "深入交流。")
	a.filler(2)
	ev.Organisations = append(ev.Organisations, co.full)
	ev.Attendees = append(names(leads...), names(acc...)...)
	ev.Attendees = append(ev.Attendees, co.manager.name)
	ev.Projects = []string{p1, co.project}
	a.event(ev)
}

// symposium: the unit's leaders meet a company's delegation.
func (a *article) symposium() {
	g, u := a.g, a.u
	co := u.companies[g.rng.IntN(len(u.companies))]
	d, date, pod := a.when(true)
	ev := GoldEvent{Date: date, PartOfDay: pod, Kind: "symposium"}
	other := u.deputies[g.rng.IntN(3)]
	if g.chance(0.5) {
		ev.Name = u.name + "领导与" + co.brand + "客人座谈"
		a.para(d, "，", a.list([]*person{u.secretary, u.head}), "与", a.who(co.chair), "一行座谈，就深化政企合作、支持企业发展进行交流。", a.who(other), "参加座谈。")
		ev.Attendees = names(u.secretary, u.head, co.chair, other)
		ev.Organisations = []string{a.org(co.full)}
	} else {
		ev.Name = u.secretary.name + "会见" + co.chair.name + "一行"
		a.para(d, "，", a.who(u.secretary), "会见了", a.who(co.chair), "一行，双方就", a.project(co.project, co.project), "进行深入交流。", a.who(other), "参加会见。")
		ev.Attendees = names(u.secretary, co.chair, other)
		ev.Projects = []string{co.project}
	}
	a.gold.Title = ev.Name
	a.para(u.secretary.name, "对", co.chair.name, "一行到访表示欢迎，介绍了", u.name, fmt.Sprint(g.opts.Year), "年经济社会发展重点。", co.chair.name, "表示，将进一步加大投资力度，实现政企互利共赢。")
	a.filler(1)
	a.event(ev)
}

// signing: a company's project is signed in the unit.
func (a *article) signing() {
	g, u := a.g, a.u
	k := u.kind
	co := u.companies[g.rng.IntN(len(u.companies))]
	gov := k + "政府"
	d, date, pod := a.when(true)
	ev := GoldEvent{Name: u.name + co.project + "签约仪式", Date: date, PartOfDay: pod, Kind: "signing"}
	a.gold.Title = co.project + "签约落户" + u.name
	dep := u.deputies[g.rng.IntN(3)]
	a.para(d, "，", u.name, a.project(co.project, co.project), "签约仪式举行。", a.who(u.secretary), "，", a.who(co.chair), "出席签约仪式，", a.who(u.exec), "主持。", a.who(dep), "、", a.short(co, co.manager), "分别代表", a.org(gov), "和", co.full, "签订投资协议。")
	a.para("据介绍，", co.project, "总投资", fmt.Sprint(5+g.rng.IntN(60)), "亿元，计划", fmt.Sprint(g.opts.Year), "年内开工建设，建成后将进一步完善", u.name, "产业链条。")
	a.filler(1)
	ev.Chairs = names(u.exec)
	ev.Attendees = names(u.secretary, co.chair, dep, co.manager)
	ev.Organisations = []string{gov, co.full}
	ev.Projects = []string{co.project}
	a.event(ev)
}

// training: a two-day course, opened by one leader and chaired by another.
func (a *article) training() {
	g, u := a.g, a.u
	y := g.opts.Year
	start := g.date()
	end := start.AddDate(0, 0, 1)
	d := fmt.Sprintf("%d月%d日至", int(start.Month()), start.Day())
	if end.Month() == start.Month() {
		d += fmt.Sprintf("%d日", end.Day())
	} else {
		d += fmt.Sprintf("%d月%d日", int(end.Month()), end.Day())
	}
	ed := end.Format("2006-01-02")
	ev := GoldEvent{Name: fmt.Sprintf("%d年%s培训班", y, g.pick(trainTopics)), Date: start.Format("2006-01-02"), EndDate: &ed, Kind: "training"}
	a.gold.Title = u.name + "举办" + ev.Name
	opener, chair := u.head, u.exec
	if g.chance(0.5) {
		a.para(d, "，", u.name, "联合", a.org(u.school), "举办", ev.Name, "，全", u.kind, fmt.Sprint(10*(5+g.rng.IntN(15))), "余名学员参加培训。", a.who(opener), "出席开班式并作动员讲话，", a.who(chair), "主持开班式。")
		ev.Organisations = []string{u.school}
	} else {
		a.para(d, "，", u.name, "举办", ev.Name, "。", a.who(chair), "主持开班式，", a.who(opener), "出席并作动员讲话。")
	}
	lect := a.g.w.person("", post{u.school, "教授"})
	a.para("培训期间，", a.who(lect), "作了《新质生产力与区域产业升级》专题辅导。学员们还进行了分组研讨。")
	a.filler(1)
	ev.Chairs = names(chair)
	ev.Attendees = names(opener, lect)
	a.event(ev)
}

// groundbreaking: several projects start at once.
func (a *article) groundbreaking() {
	g, u, c := a.g, a.u, a.g.w.city
	y := g.opts.Year
	start := g.date()
	q := quarters[(int(start.Month())-1)/3]
	d, date, pod := a.when(true)
	ev := GoldEvent{Name: fmt.Sprintf("%s%d年%s重大项目集中开工活动", u.name, y, q), Date: date, PartOfDay: pod, Kind: "groundbreaking"}
	a.gold.Title = strings.TrimSuffix(ev.Name, "活动")
	lead := []*person{c.secretary, c.mayor}[g.rng.IntN(2)]
	p1 := u.projects[g.rng.IntN(len(u.projects))]
	co := u.companies[g.rng.IntN(len(u.companies))]
	road := u.roads[g.rng.IntN(len(u.roads))]
	a.para(d, "，", ev.Name, "在", a.project(p1, p1), "现场举行。", a.who(lead), "宣布项目开工，", a.who(u.secretary), "致辞，", a.who(u.head), "主持开工仪式。")
	a.para("本次集中开工项目共", fmt.Sprint(6+g.rng.IntN(20)), "个，总投资", fmt.Sprint(20+g.rng.IntN(80)), "亿元，包括", a.project(co.project, co.project), "、", a.project(road, road), "等。")
	a.filler(2)
	ev.Chairs = names(u.head)
	ev.Attendees = names(lead, u.secretary)
	ev.Projects = []string{p1, co.project, road}
	a.event(ev)
}
