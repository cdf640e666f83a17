package ingest

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/ingest/ner"
)

// projectHeads end the name of a project or programme.
var projectHeads = []string{"项目", "工程", "行动", "活动", "计划", "改革", "倡议", "教育整顿", "学习教育", "攻坚战"}

// projectLast and infraLast hold the last characters of projectHeads and
// infraHeads.
var projectLast, infraLast = lastRunes(projectHeads), lastRunes(infraHeads)

// projectGeneric lists the starts of generic project phrases (重点项目).
var projectGeneric = []string{"所有", "全部", "整个", "更多", "首个", "首座", "首条", "首台", "优质", "精品", "重点", "重大", "民生", "在建", "续建", "新建", "城建", "招商", "产业", "签约", "集中", "好", "高质量", "该", "这", "此", "各", "一", "部分", "有关", "相关", "全区", "全市", "全县", "年度", "入库", "储备", "备选", "政府投资", "基础", "在谈", "系统", "民心", "示范", "专项", "攻坚", "投资", "建设", "开工", "上述", "其他", "其余", "首批", "本次", "此次"}

// projectGenericEnd lists the words that, right before the head, make a
// project phrase generic (梳理民生项目, 各自领域重大项目).
var projectGenericEnd = []string{"这一", "这些", "合作", "民生", "重大", "重点", "城建", "产业", "招商", "好", "签约", "在建", "在谈", "高质量", "民心", "一批", "该", "此", "这个", "各类", "新的", "一批新", "援助", "标志性", "重要", "重要工程", "示范性"}

// genericEventPart reports whether a project phrase that names an event
// (X项目签约仪式) is generic rather than a named project: dated or a class.
func genericEventPart(name string) bool {
	if yearRe.MatchString(name) {
		return true
	}
	for _, w := range []string{"招商引资", "重大项目", "重点项目", "季度", "集中"} {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}

// eventNameRe matches what makes a project phrase part of an event's
// name (…招商引资项目集中签约仪式).
var eventNameRe = regexp.MustCompile(`^(?:集中)?(?:签约|开工|推介|观摩|竣工|投产)?(?:仪式|活动|大会|会议|推介会|观摩会|现场会)`)

// companyTails are the words that make a project head the trade in a
// company's name (…建筑工程有限公司, …工程技术公司).
var companyTails = []string{"有限", "公司", "股份", "集团", "技术", "咨询", "设计院"}

var phaseRe = regexp.MustCompile(`^[（(][一二三四五六七八九十\d]+期[）)]`)

// findProjects finds named projects and programmes: 文澜路东延工程,
// “十百千”项目攻坚行动 (quotes dropped), 槐岭县5万亩高标准农田建设项目（一期）.
func (d *doc) findProjects() {
	r := d.r
	for he := 2; he <= len(r); he++ {
		if !projectLast.has(r[he-1]) {
			continue
		}
		head := ""
		for _, h := range projectHeads {
			if hasSuffixAt(r, he, h) {
				head = h
			}
		}
		if head == "" {
			continue
		}
		if he < len(r) && strings.ContainsRune("师部组院局处队所", r[he]) {
			// 工程师, 项目部, 工程院, 工程局: a person or a body, not a project
			continue
		}
		if anyPrefixAt(r, he, companyTails...) != "" {
			// 青岚建筑工程有限公司, 白鹭塑料工程股份公司: a company's trade
			continue
		}
		if head == "项目" && hasAnyPrefix(d.sub(he, min(len(r), he+2)), sportsResults) {
			continue // 女子团体项目金牌: an event of a sport, not a project
		}
		if he < len(r) && r[he] == '》' {
			continue // 《X倡议》, 《X行动计划》: a document's title (rule 5.2)
		}
		if head == "行动" && anyPrefixAt(r, he, planTails...) != "" {
			continue // X年行动|计划: the head runs on into a plan's name (rule 5.2)
		}
		if d.bodyAfter(he) {
			continue // 青岚学院及白鹭信息工程|大学: a body's name runs on past the head
		}
		hs := he - utf8.RuneCountInString(head)
		if head == "项目" && anyPrefixAt(r, d.skipLeadingFunctionWords(d.scanLeft(hs, false), hs), sportsSides...) != "" {
			continue // 男子1000米短道速滑项目: an event of a sport, not a project
		}
		end := he
		if m := phaseRe.FindString(d.sub(he, min(len(r), he+6))); m != "" {
			end += utf8.RuneCountInString(m)
		}
		var name string
		start := -1
		if q := d.quoteBefore(hs, he); q >= 0 {
			start = q
			content := stripQuotes(d.sub(q, end))
			if p := d.scanLeft(q, false); p < q {
				if i := strings.LastIndexAny(d.sub(p, q), "和及与、"); i >= 0 {
					p += utf8.RuneCountInString(d.sub(p, q)[:i]) + 1
				}
				pre := d.sub(p, q)
				if _, pos, found := d.lx.seg.Find(pre); found && (pos == "v" || pos == "vn") || hasAnySuffix(pre, launchVerbs) || hasAnySuffix(pre, []string{"落地", "落实", "推出", "打造", "办好"}) {
					pre = "" // 加快落地|“人才回归”计划: a verb, not part of the name
				}
				if pre != "" && !(d.startsSpecific(pre) && isAreaName(pre)) && !hasAnyPrefix(pre, projectGeneric) && utf8.RuneCountInString(pre) <= 8 {
					content = pre + content
					start = p
				}
			}
			name = content
		} else {
			scan0 := d.scanLeft(hs, false)
			start = d.skipLeadingFunctionWords(scan0, hs)
			if head == "行动" && anySuffixAt(r, scan0, launchVerbs...) {
				start = scan0 // 开展|春季森林防火专项行动: the whole name after the verb
			}
			if head == "攻坚战" {
				for k := hs - 2; k > scan0; k-- {
					if anySuffixAt(r, k, battleVerbs...) {
						start = k // 持之以恒打好|污染防治攻坚战: the name after the verb
						break
					}
				}
			}
			if f := anyPrefixAt(r, start, followers...); f != "" && d.personEndsAt(start) || anyPrefixAt(r, start, activityVerbs...) != "" {
				// 韦正言|调研|重大交通项目, ，调研|重大交通项目建设: the activity's verb
				start += utf8.RuneCountInString(anyPrefixAt(r, start, append(activityVerbs, followers...)...))
			}
			if start >= 3 && strings.ContainsRune("与及", r[start-1]) && !anySuffixAt(r, start-1, projectHeads...) && !anySuffixAt(r, start-1, infraHeads...) {
				// one name joining two parts: 澜川灌区续建配套与现代化改造工程,
				// 站前广场及配套路网工程 (a list ends the left part with a head)
				if s2 := d.skipLeadingFunctionWords(d.scanLeft(start-1, false), start-1); start-1-s2 >= 3 && !strings.ContainsRune(d.sub(s2, start-1), '的') {
					start = s2
				}
			}
			if start >= 3 && r[start-1] == '±' {
				// 甲地送乙地±800千伏…工程: the sign joins the route to the
				// voltage, inside one name
				if s2 := d.skipLeadingFunctionWords(d.scanLeft(start-1, false), start-1); start-1-s2 >= 2 {
					start = s2
				}
			}
			for k := hs - 1; k > start+1; k-- {
				if anySuffixAt(r, k, announceVerbs...) && d.cuts[k] {
					start = k // 在京发布|X工程: the verb reporting on it, not part of its name
					break
				}
			}
			for k := hs - 2; k > start; k-- {
				if anySuffixAt(r, k, "项目", "工程") && (strings.Contains(d.sub(start, k), "重大") || strings.Contains(d.sub(start, k), "重点")) {
					// 我区省级重大教育工程项目|安顺五中项目, 国家重大水利工程|
					// 长江干流…治理工程: a class, then the name
					start = k
					break
				}
			}
			name = d.sub(start, end)
			prefix := d.sub(start, hs)
			n := utf8.RuneCountInString(prefix)
			stem := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(prefix, "建设"), "改造"), "新建")
			wider := name
			if start > 0 {
				wider = d.sub(start-1, end)
			}
			switch {
			case start > 0 && r[start-1] == '等':
				continue // X等|特色服务项目: the class of the items listed before 等 (rule 5.2), no name
			case hs > 0 && strings.ContainsRune("和与及、", r[hs-1]) || head == "项目" && d.verbBefore(start, hs):
				continue // 乡镇和|项目建设, 高度重视|项目建设: a list's joiner or a verb, no name
			case (head == "项目" || head == "工程") && (strings.Contains(prefix, "重大") || strings.Contains(prefix, "重点")):
				continue // 我区省级重大教育工程项目: a class of projects (rule 5.2), no name
			case n < 2 || hasAnyPrefix(name, projectGeneric) || hasAnyPrefix(wider, []string{"在建", "在谈", "续建"}) || countPrefix(prefix) || hasAnySuffix(prefix, projectGenericEnd):
				continue
			case utf8.RuneCountInString(stem) < 3 && !d.startsSpecific(name) && !containsDigit(prefix) && head != "学习教育" && head != "攻坚战":
				continue
			case head == "项目" || head == "工程":
				// (a phrase with 的 describes a project: 两国合作的重要工程项目)
				if !(d.startsSpecific(name) || containsDigit(prefix) || n >= 4) || strings.ContainsRune(prefix, '的') {
					continue
				}
			case head == "行动":
				// dated (三年行动), or launched by name: 深入开展冬春森林防火专项行动
				if !strings.Contains(prefix, "年") && !(n >= 4 && anySuffixAt(r, start, launchVerbs...) && !strings.ContainsAny(string([]rune(prefix)[1:]), "的和与及")) && !(n >= 6 && d.startsSpecific(name) && !strings.ContainsAny(prefix, "的和与及")) {
					continue
				}
			case head == "攻坚战":
				// a campaign fought by name (rule 5.1): 打好污染防治攻坚战,
				// 打赢脱贫攻坚战; not the work on a class of projects
				// (打响项目建设攻坚战, 5.2) nor a described one
				if !(anySuffixAt(r, start, battleVerbs...) && !strings.Contains(prefix, "项目") && !strings.ContainsAny(prefix, "的与及、")) {
					continue
				}
			case head == "教育整顿" || head == "学习教育":
				// a campaign launched by name (rule 5.1): 开展全市政法队伍
				// 教育整顿, 开展主题学习教育; not a described one (…的学习教育).
				// (A reform launched so is most often a generic task, 5.2:
				// 推进乡镇敬老院改革.)
				// (a study campaign's topic may be one word: 党史学习教育)
				if !((n >= 4 || head == "学习教育") && anySuffixAt(r, start, launchVerbs...) && !strings.ContainsAny(prefix, "的与及、")) {
					continue
				}
			case head == "倡议":
				// a named initiative (rule 8.7): 全球发展倡议; not 这一倡议,
				// 发起的倡议
				if n < 4 || strings.ContainsAny(prefix, "的和与及") {
					continue
				}
			default:
				continue
			}
		}
		if name == "" || eventNameRe.MatchString(d.sub(end, min(len(r), end+8))) && genericEventPart(name) {
			continue // …2026年招商引资项目集中签约仪式: part of an event's name
		}
		if end < len(r) && r[end] == '”' && start < end && r[start] == '“' {
			end++ // “三十工程”: the span keeps both quote marks
		}
		if head == "活动" && d.heldActivity(start, end) {
			continue // X主会场活动在Y举行: the event itself, no programme of it
		}
		d.addProject(name, span{start, end})
	}
	d.findInfrastructure()
	d.listedProjects()
	d.quotedProgrammes()
	d.namedRoads()
	d.mergeAreaProjects()
}

// roadInitiativeRe matches an initiative named as a road and built by
// name (推进廉洁丝绸之路建设, 推动绿色发展之路建设).
var roadInitiativeRe = regexp.MustCompile(`(?:推进|推动|共建|加强|深化|参与|加快)(\p{Han}{2,8}?之路)建设`)

// namedRoads adds initiatives named as a road (…之路) that the text builds:
// the name without 建设, which names no type (rule 8.7).
func (d *doc) namedRoads() {
	s := d.a.Text
	if !strings.Contains(s, "之路建设") {
		return
	}
	rc := runeCounter{s: s}
	for _, m := range roadInitiativeRe.FindAllStringSubmatchIndex(s, -1) {
		sp := span{rc.at(m[2]), rc.at(m[3])}
		if !d.inProject(sp) {
			d.addProject(s[m[2]:m[3]], sp)
		}
	}
}

// verbBefore reports whether all of r[start:k] before a project's head is
// a verb, maybe after one word (高度重视|项目, 抓好|项目): what is done to
// projects, no name. A verb after a name's words names its work
// (老旧小区改造提升|工程) and stays.
func (d *doc) verbBefore(start, k int) bool {
	for n := min(4, k-start); n >= 2; n-- {
		if e, ok := d.words[k-n]; ok && e == k {
			w := d.sub(k-n, k)
			if _, pos, found := d.lx.seg.Find(w); !found || pos != "v" || nameVerbs[w] || buildWordsRe.MatchString(w) || strings.HasSuffix(w, "改造") {
				return false
			}
			if k-n == start {
				return true
			}
			e, ok := d.words[start]
			return ok && e == k-n // one word before the verb (高度|重视)
		}
	}
	return false
}

// sportsResults follow a sport's event (项目) where it is no project.
var sportsResults = []string{"金牌", "银牌", "铜牌", "奖牌", "冠军", "亚军", "季军", "决赛", "预赛", "比赛", "世界纪录"}

// planTails run 行动 on into the name of a plan, a document (行动计划,
// 行动方案: rule 5.2). After 项目 or 工程 they are verbs or the project's
// own planning (X项目计划投资, X项目规划建设) and are not tested.
var planTails = []string{"计划", "方案", "纲要"}

// bodyAfter reports whether an organisation's head of two characters or
// more follows r[he:] (信息工程|大学, 扶贫项目|办公室): the head is inside
// a body's name, no project's end. One-character heads (项目部, 工程局)
// are tested by the caller.
func (d *doc) bodyAfter(he int) bool {
	for _, s := range d.lx.suffixes {
		if utf8.RuneCountInString(s) >= 2 && hasPrefixAt(d.r, he, s) {
			return true
		}
	}
	return false
}

// heldActivity reports whether the activity named at r[start:end] is held
// as an event: the object of a holding verb right before it (举办的|X活动)
// or the subject of one later in its clause (X活动今天在Y举行), unless the
// clause launches it (X活动启动仪式在Y举行: a programme launched). Such an
// activity is the event itself, not a programme it discusses.
func (d *doc) heldActivity(start, end int) bool {
	r := d.r
	held := d.lx.cues["held"]
	after := false
	for k := end; k < len(r) && k < end+30; k++ {
		if strings.ContainsRune("，。；！？\n", r[k]) {
			break
		}
		if hasPrefixAt(r, k, "启动") {
			return false // 举行X活动启动仪式: launched, a programme
		}
		if !after && anyPrefixAt(r, k, held...) != "" {
			after = true
		}
	}
	b := start
	if b > 0 && r[b-1] == '的' {
		b--
	}
	return after || anySuffixAt(r, b, held...)
}

// sportsSides open the name of a sport's event (男子1000米项目), no project.
var sportsSides = []string{"男子", "女子", "混合", "男女"}

// battleVerbs launch a campaign named as a battle (打好污染防治攻坚战).
var battleVerbs = []string{"打好", "打赢", "打响", "打胜", "坚决打好", "决战"}

// activityVerbs are the verbs of an official's activity, which begin no
// project's name (调研重大交通项目建设).
var activityVerbs = []string{"调研", "考察", "视察", "察看", "督导", "检查", "观摩", "走访"}

// leadingVerbs are verbs of address and activity that the segmenter may
// not cut off a name they precede (叮嘱琮州路桥建设集团有限公司).
var leadingVerbs = append([]string{"叮嘱", "要求", "希望", "鼓励", "勉励", "感谢", "欢迎", "督促", "指导", "帮助", "支持", "推动", "会同", "联合", "听取", "看望", "慰问", "走进", "来到", "前往", "深入"}, activityVerbs...)

// launchVerbs launch a programme by its name (开展…专项行动).
var launchVerbs = []string{"开展", "实施", "推进", "启动", "部署", "深化", "推动", "组织"}

// announceVerbs report on a programme (发布X工程最新进展); they begin no
// project's name, and the segmenter may leave them inside one.
var announceVerbs = []string{"发布", "公布", "宣布", "通报", "介绍", "总结", "披露"}

// appositives name the role of the body whose name follows them.
var appositives = []string{"施工单位", "建设单位", "承建单位", "监理单位", "设计单位", "运营单位", "责任单位", "牵头单位", "投资方", "合作方", "签约方", "承办方", "主办方", "协办方", "企业代表", "银行代表"}

// infraHeads end the names of roads, bridges and lines that are built as
// projects without a head noun (琮白高速公路, 岩溪大桥, 白岩至青石一级公路).
var infraHeads = []string{"高速公路", "一级公路", "二级公路", "快速路", "快速通道", "特大桥", "大桥", "隧道", "城际铁路", "高速铁路", "铁路", "轨道交通"}

// buildWordsRe matches the words of a sentence that reports such a
// structure as being built rather than used.
var buildWordsRe = regexp.MustCompile(`施工|开工|建设|在建|全长|主跨|通车|工期|竣工|项目|工程`)

// sectionRe matches a section after a structure's name (临溪段, 二期, 三标段).
var sectionRe = regexp.MustCompile(`^(?:\p{Han}{1,3}段|[一二三四五六七八九十\d]期)`)

// findInfrastructure adds the roads, bridges and lines named with a proper
// part (a place, two characters at least, not generic) in a sentence that
// speaks of building them, with their section (琮白高速公路临溪段).
func (d *doc) findInfrastructure() {
	r := d.r
	for he := 2; he <= len(r); he++ {
		if !infraLast.has(r[he-1]) {
			continue
		}
		head := ""
		for _, h := range infraHeads {
			if hasSuffixAt(r, he, h) && len(h) > len(head) {
				head = h
			}
		}
		if head == "" || he < len(r) && (strings.HasPrefix(d.sub(he, min(len(r), he+2)), "工程") || strings.HasPrefix(d.sub(he, min(len(r), he+2)), "项目") || strings.HasPrefix(d.sub(he, min(len(r), he+2)), "建设")) {
			continue // a project with its own head is found as such
		}
		if he < len(r) && hasAnyPrefix(d.sub(he, len(d.r)), []string{"高速公路", "大桥", "公路", "桥", "路", "隧道", "铁路"}) {
			continue // 大桥 inside 特大桥…
		}
		hs := he - utf8.RuneCountInString(head)
		start := d.skipLeadingFunctionWords(d.scanLeft(hs, false), hs)
		if start >= 3 && r[start-1] == '至' {
			if s2 := d.scanLeft(start-1, false); start-1-s2 >= 2 {
				start = s2 // 白岩至青石一级公路: from one place to another
			}
		}
		prefix := d.sub(start, hs)
		if utf8.RuneCountInString(prefix) < 2 || hasAnyPrefix(prefix, projectGeneric) || countPrefix(prefix) || d.inProject(span{start, he}) || joinsLine(prefix) {
			continue
		}
		if !buildWordsRe.MatchString(d.text(d.sentenceOf(start))) {
			continue
		}
		end := he
		if m := sectionRe.FindString(d.sub(he, min(len(r), he+4))); m != "" && !strings.ContainsAny(m, "，。、；") {
			end += utf8.RuneCountInString(m)
		}
		d.addProject(d.sub(start, end), span{start, end})
	}
}

// joinsLine reports whether the text before a line's head holds another
// line's name and a verb joining the two (甲乙铁路北接|丙丁铁路, 甲线连接|…):
// the scan ran past a name's end; the line joined is named only as the
// built one's neighbour, no project.
func joinsLine(prefix string) bool {
	for _, h := range infraHeads {
		for i := strings.Index(prefix, h); i >= 0; {
			rest := strings.TrimLeft(prefix[i+len(h):], "东南西北")
			if hasAnyPrefix(rest, []string{"接", "连", "经", "通往", "直通"}) {
				return true
			}
			j := strings.Index(prefix[i+len(h):], h)
			if j < 0 {
				break
			}
			i += len(h) + j
		}
	}
	return false
}

// programmeRe matches a quoted programme carried out without a head noun:
// 探索推进“一枚印章管审批”。 (but not 坚持“项目为王”, a principle).
var programmeRe = regexp.MustCompile(`(?:推进|实施|推行|推广|深化|开展)“([^“”]{4,12})”(?:[。；、]|$)|共建“([^“”]{2,12})”|“([^“”]{4,12})”合作(?:[^\p{Han}]|$|[的和与及])`)

// quotedProgrammes adds the quoted programmes that have no head noun.
func (d *doc) quotedProgrammes() {
	s := d.a.Text
	if !strings.Contains(s, "”") {
		return
	}
	rc := runeCounter{s: s}
	for _, m := range programmeRe.FindAllStringSubmatchIndex(s, -1) {
		for m[2] < 0 {
			// 共建“X”: an initiative built together, named without its
			// head; “X”合作 ending a phrase: an initiative named before
			// the work done under it, no head of its name (rule 8.7)
			m = m[2:]
		}
		start := rc.at(m[2]) - 1
		end := rc.at(m[3]) + 1
		if d.inProject(span{start, end}) {
			continue
		}
		d.addProject(s[m[2]:m[3]], span{start, end})
	}
}

// mergeAreaProjects folds a project written with its area in front
// (枫屿区岚禾生物医药产业园项目) into the same project named without it.
func (d *doc) mergeAreaProjects() {
	// only projects whose name ends a's can take it: looked up by name
	// among a's endings, the last in order as a scan would choose
	at := make(map[string]int, len(d.projects))
	for k, p := range d.projects {
		at[p.name] = k
	}
	// short forms: a name written with the same start and head as a
	// longer one, its characters in order (波黑有轨电车改造项目 of
	// 波黑萨拉热窝有轨电车轨道改造项目), looked up among the few names of
	// that start and head
	group := map[string][]int{}
	for k, p := range d.projects {
		if g := projectGroup(p.name); g != "" {
			group[g] = append(group[g], k)
		}
	}
	var out []*project
	for _, a := range d.projects {
		into := -1
		if g := projectGroup(a.name); g != "" && utf8.RuneCountInString(a.name) >= 6 {
			for i, k := range group[g] {
				if i >= maxProjectGroup {
					break
				}
				b := d.projects[k]
				if len(b.name) > len(a.name) && isSubsequence(a.name, b.name) && (into < 0 || len(b.name) > len(d.projects[into].name)) {
					into = k
				}
			}
		}
		for i := 0; i <= len(a.name); i++ {
			if i < len(a.name) && !utf8.RuneStart(a.name[i]) {
				continue
			}
			k, ok := at[a.name[i:]]
			if ok && k > into && d.projects[k] != a && isAreaName(a.name[:i]) && d.startsSpecific(a.name) {
				into = k
			}
		}
		for _, h := range []string{"倡议", "行动", "活动", "改革", "计划", "工程"} {
			// 一带一路 where the article also writes 一带一路倡议: the
			// fullest form, with the head that names its type (rule 8.7)
			if k, ok := at[a.name+h]; ok && into < 0 && d.projects[k] != a {
				into = k
			}
		}
		if into >= 0 {
			for _, sp := range a.spans {
				d.addProjectSpan(d.projects[into], sp)
			}
			continue
		}
		out = append(out, a)
	}
	kept := make(map[*project]bool, len(out))
	for _, p := range out {
		kept[p] = true
	}
	for _, a := range d.projects {
		if !kept[a] {
			a.spans = nil // gone from d.projects: nothing for projectsAt to find
		}
	}
	d.projects = out
	clear(d.projectByKey)
	for _, p := range out {
		d.projectByKey[searchKey(p.name)] = p
	}
}

// maxProjectGroup bounds the names of one start and head compared for
// short forms, so that a text of many projects stays linear.
const maxProjectGroup = 16

// projectGroup returns the first two characters and the head of a
// project's name, the names a short form of it shares; "" for a name too
// short to have one.
func projectGroup(name string) string {
	r := []rune(name)
	if len(r) < 6 {
		return ""
	}
	return string(r[:2]) + "|" + string(r[len(r)-2:])
}

// isSubsequence reports whether the characters of s occur in l in order.
func isSubsequence(s, l string) bool {
	lr := []rune(l)
	i := 0
	for _, c := range s {
		for i < len(lr) && lr[i] != c {
			i++
		}
		if i == len(lr) {
			return false
		}
		i++
	}
	return true
}

// quoteBefore returns the position of the opening quote of a quoted
// programme name ending with the head at r[hs:he], or -1: “三十工程”,
// “双倍增”工程, “十百千”项目攻坚行动.
func (d *doc) quoteBefore(hs, he int) int {
	r := d.r
	close := -1
	if he < len(r) && r[he] == '”' {
		close = he
	} else {
		for k := hs - 1; k >= 0 && k >= hs-8; k-- {
			if r[k] == '”' {
				close = k
				break
			}
			if !isHan(r[k]) || strings.ContainsRune("和与及的暨等", r[k]) {
				// “一带一路”倡议和|全球发展倡议: the quote is another name's;
				// “X”和“Y”等|重大合作项目: the quotes name items of a class;
				// “一带一路”合作的|重要工程项目: a description, no name;
				// “X”恳谈会暨|项目: the quote names the meeting
				return -1
			}
		}
	}
	if close < 0 {
		return -1
	}
	for k := close - 1; k >= 0 && k >= close-16; k-- {
		if r[k] == '“' {
			if close == he && k+1 >= hs {
				return -1
			}
			return k
		}
		if r[k] == '”' || r[k] == '\n' || r[k] == '。' {
			return -1
		}
	}
	return -1
}

func (d *doc) addProject(name string, sp span) {
	name, sp, ok := d.projectEdges(name, sp)
	if !ok || d.projectClass(name, sp) {
		return
	}
	// A longer project now found holds shorter ones found before it:
	// “十百千”项目 inside “十百千”项目攻坚行动. Only projects with a span
	// starting inside sp can hold one (projectsAt lists them, maybe more).
	inside := func(s span) bool { return sp.start <= s.start && sp.end >= s.end && s != sp }
	emptied := false
	for q := sp.start; q < sp.end; q++ {
		for _, p := range d.projectsAt[q] {
			if !slices.ContainsFunc(p.spans, inside) {
				continue // nothing to drop: no copy
			}
			var spans []span
			for _, s := range p.spans {
				if !inside(s) {
					spans = append(spans, s)
				}
			}
			p.spans = spans
			emptied = emptied || len(spans) == 0
		}
	}
	if emptied {
		var keep []*project
		for _, p := range d.projects {
			if len(p.spans) > 0 {
				keep = append(keep, p)
			} else {
				delete(d.projectByKey, searchKey(p.name))
			}
		}
		d.projects = keep
	}
	key := searchKey(name)
	if p := d.projectByKey[key]; p != nil {
		if utf8.RuneCountInString(name) > utf8.RuneCountInString(p.name) {
			p.name = name // the same key: projectByKey stays right
		}
		d.addProjectSpan(p, sp)
		return
	}
	// A longer project found earlier at the same end holds this one: one
	// with a span starting at most the longest span's length before it.
	if d.projectSpanMax < d.projectSpans {
		for q := max(0, sp.end-d.projectSpanMax); q <= sp.start; q++ {
			for _, p := range d.projectsAt[q] {
				if slices.ContainsFunc(p.spans, func(s span) bool { return s.start <= sp.start && s.end >= sp.end }) {
					return
				}
			}
		}
	} else {
		for _, p := range d.projects {
			for _, s := range p.spans {
				if s.start <= sp.start && s.end >= sp.end {
					return
				}
			}
		}
	}
	p := &project{name: name}
	d.projects = append(d.projects, p)
	if d.projectByKey == nil {
		d.projectByKey = map[string]*project{}
	}
	d.projectByKey[key] = p
	d.addProjectSpan(p, sp)
}

// countedRe matches a count of things at the start of a name (10条高速公路,
// 126处农村供水工程, 2万余个项目, 两大…): a number of them, no name.
var countedRe = regexp.MustCompile(`^[\d两一二三四五六七八九十百千几多]+(?:万|亿)?(?:余|多)?[个项批家类条座处所艘份场届元大]`)

// classRe matches a count or a batch right before a project's head
// (青岚177个项目, 女子双桨两个项目, 第一批风光基地项目): a number of
// projects or a class of them, no name (rule 5.2). 十大工程 and 十项工程
// may name a programme and are left. A demonstrative before the head
// (“一带一路”这一倡议) refers to a name given before it.
var classRe = regexp.MustCompile(`(?:[\d两一二三四五六七八九十百千几多]+(?:万|亿)?(?:余|多)?[个批类处座条家所]|第[\d一二三四五六七八九十]+批\p{Han}*|这一|这个|这些|那些)(?:项目|工程|行动|活动|计划|倡议)$`)

// counted reports whether name starts with a count of things (12条…, 两大…);
// 项 of 项目 is the head, no measure (十百千项目攻坚行动).
func counted(name string) bool {
	m := countedRe.FindStringIndex(name)
	return m != nil && !strings.HasPrefix(name[m[1]-len("项"):], "项目")
}

// projectEdges returns the name of the project a finder read at sp with
// its left edge corrected, and whether it names a project at all: words
// that begin no name are dropped from its start (标志着|X工程, 在京发布|X工程);
// a count (10条高速公路), a start inside a word before a count (中|国两大…)
// or a name whose every word before its head is a descriptor (国家高速公路,
// 双边合作旗舰项目: rule 5.2) names none.
func (d *doc) projectEdges(name string, sp span) (string, span, bool) {
	quoted := sp.start < len(d.r) && d.r[sp.start] == '“'
	for k := sp.end - 2; !quoted && k > sp.start; k-- {
		// a lead of two characters or more inside the span, on word
		// cuts, ends what comes before it (1亿元用于|X工程)
		for _, l := range d.lx.projectLeads {
			if n := utf8.RuneCountInString(l); n >= 2 && k+n < sp.end && d.cuts[k] && d.cuts[k+n] && hasPrefixAt(d.r, k, l) {
				sp.start = k
				name = d.sub(k, sp.end)
				break
			}
		}
	}
	for !quoted {
		w := ""
		for _, l := range d.lx.projectLeads {
			if n := utf8.RuneCountInString(l); strings.HasPrefix(name, l) && sp.start+n < sp.end && d.cuts[sp.start+n] && (sp.start == 0 || d.cuts[sp.start]) && !(n == 1 && d.placeAt(sp.start, sp.end) > 0) {
				w = l
				break
			}
		}
		if w == "" {
			break
		}
		name = strings.TrimPrefix(name, w)
		sp.start += utf8.RuneCountInString(w)
	}
	if !quoted && counted(name) || classRe.MatchString(name) {
		return "", sp, false
	}
	if sp.start > 0 && sp.start < len(d.r) && isHan(d.r[sp.start-1]) {
		// the name starts inside a word or with a character of its own
		// (中|国两大…, 该|国两大…): a count after it names no project
		for e := sp.start + 1; e < sp.end; e++ {
			if d.cuts[e] {
				if counted(d.sub(e, sp.end)) && !counted(d.sub(sp.start, sp.end)) && (e == sp.start+1 || !d.cuts[sp.start]) {
					return "", sp, false
				}
				break
			}
		}
	}
	if d.descriptive(name) || d.descriptive(d.sub(sp.start, sp.end)) || d.clauseSpan(sp) {
		return "", sp, false
	}
	return name, sp, utf8.RuneCountInString(name) >= 3
}

// clauseSpan reports whether the span holds the aspect particle 了 as a
// word of its own (近千人参加了|庆祝活动): a clause told of something done,
// not a project's name (rule 5.2); 了 inside a word (了解, 为了) keeps it.
func (d *doc) clauseSpan(sp span) bool {
	for k := sp.start + 1; k < sp.end; k++ {
		if d.r[k] == '了' && d.cuts[k] && (k+1 == len(d.r) || d.cuts[k+1]) {
			return true
		}
	}
	return false
}

// descriptive reports whether every word of name before its head is a
// descriptor (dict/projectdescriptors.txt), maybe joined by 和, 与, 及 or
// 、: 国家|高速公路, 对外|承包|工程, 城乡|基础设施|和|公共服务|补短板|项目;
// and so whether a quoted programme's name and descriptors before the head
// (“X”|重点|项目, “X”|合作|旗舰|项目) name the class of that programme's
// projects, not one of them (rule 5.2).
func (d *doc) descriptive(name string) bool {
	head := ""
	for _, h := range append(projectHeads, infraHeads...) {
		if strings.HasSuffix(name, h) && len(h) > len(head) {
			head = h
		}
	}
	rest := strings.TrimSuffix(name, head)
	if head == "" || rest == "" {
		return false
	}
	if q, after, ok := strings.Cut(rest, "”"); ok && strings.HasPrefix(q, "“") && after != "" {
		rest = after // “X”|重点|项目: the class of a programme's projects
	}
	for rest != "" {
		w := ""
		r := []rune(rest)
		if len(r) > 1 && strings.ContainsRune("和与及、", r[0]) && rest != strings.TrimSuffix(name, head) {
			rest = string(r[1:]) // 城乡基础设施和|公共服务…: descriptors joined
			continue
		}
		for n := min(len(r), 4); n >= 1; n-- {
			// a structure's bare kind is a descriptor before another
			// head (大桥|主体|工程: the works on some bridge)
			if d.lx.projectDescriptors[string(r[:n])] || slices.Contains(infraHeads, string(r[:n])) {
				w = string(r[:n])
				break
			}
		}
		if w == "" {
			return false
		}
		rest = rest[len(w):]
	}
	return true
}

// addProjectSpan records that p is named at sp, in p.spans and in the
// index addProject searches.
func (d *doc) addProjectSpan(p *project, sp span) {
	p.spans = append(p.spans, sp)
	if d.projectsAt == nil {
		d.projectsAt = map[int][]*project{}
	}
	if !slices.Contains(d.projectsAt[sp.start], p) {
		d.projectsAt[sp.start] = append(d.projectsAt[sp.start], p)
	}
	d.projectSpanMax = max(d.projectSpanMax, sp.end-sp.start)
	d.projectSpans++
}

func (d *doc) inProject(sp span) bool {
	for _, p := range d.projects {
		for _, s := range p.spans {
			if s.start <= sp.start && s.end >= sp.end && s != sp {
				return true
			}
		}
	}
	return false
}

var countRe = regexp.MustCompile(`^[\d一二三四五六七八九十百千几多]+[个项批家类]`)

// sendsOrIssues reports whether name holds a verb of sending or issuing
// (派出, 发布), which a body's act puts between the body and what it sends:
// a body's own name holds one only as 派出所 or 派出机构.
func sendsOrIssues(name string) bool {
	if strings.Contains(name, "发布") {
		return true
	}
	for rest := name; ; {
		i := strings.Index(rest, "派出")
		if i < 0 {
			return false
		}
		if rest = rest[i+len("派出"):]; !strings.HasPrefix(rest, "所") && !strings.HasPrefix(rest, "机构") {
			return true
		}
	}
}

// runsOn reports whether a later candidate of later starts inside c and
// ends after it: c is the start of a longer name (省委|宣传部).
func runsOn(later []*orgCand, c *orgCand) bool {
	for _, x := range later {
		if x.start < c.end && x.end > c.end {
			return true
		}
	}
	return false
}

// partyOrganOf returns the party organ (党组, 党委 …) name ends with, "".
func partyOrganOf(name string) string {
	for _, b := range partyBodies {
		if u, ok := strings.CutSuffix(name, b); ok && u != "" {
			return b
		}
	}
	return ""
}

// afterNamedList returns where a body written in r[start:end] starts
// when a list of people closed by 等 and the verb after it stand before
// it (张三、王五等到|青岚医院, 王五等来到|…): after the verb, else start.
// The people are read by the tagger, the scan not knowing them yet.
func (d *doc) afterNamedList(start, end int) int {
	for k := end - 1; k > start; k-- {
		if d.r[k] != '等' || !d.taggedPersonEndsAt(k) {
			continue
		}
		q := k + 1
		for n := 2; n >= 1; n-- {
			if q+n >= end {
				continue
			}
			w := d.sub(q, q+n)
			if _, pos, found := d.lx.seg.Find(w); d.lx.boundaries[w] || found && functionPOS(pos) && !nameVerbs[w] {
				q += n
				break
			}
		}
		return d.skipLeadingFunctionWords(q, end)
	}
	return start
}

// taggedPersonEndsAt reports whether a person's name the tagger reads, or
// one already found, ends at i.
func (d *doc) taggedPersonEndsAt(i int) bool {
	if d.personEndsAt(i) {
		return true
	}
	sent := d.sentenceOf(i)
	for _, sp := range d.taggedSpans(sent) {
		if sp.Type == ner.Person && sent.start+sp.End == i {
			return true
		}
	}
	return false
}

// isVenue reports whether name ends with a venue's head (dict/venues.txt):
// a museum, hall or hotel is where an event takes place, and a tour that
// visits one does not make it a body taking part.
func (d *doc) isVenue(name string) bool { return hasAnySuffix(name, d.lx.venueHeads) }

func countPrefix(s string) bool { return countRe.MatchString(s) }

func hasAnySuffix(s string, ps []string) bool {
	for _, p := range ps {
		if strings.HasSuffix(s, p) {
			return true
		}
	}
	return false
}

func containsDigit(s string) bool { return strings.ContainsAny(s, "0123456789") }

func hasAnyPrefix(s string, ps []string) bool {
	for _, p := range ps {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// isAreaName reports whether s ends like an area (高新区, 枫屿区, 嵘州市).
func isAreaName(s string) bool {
	last, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune("省市区县乡镇州）", last)
}

// trimDescriptor drops a description of a company before its name: a
// kind that starts generic (民营高新技术企业|恒信科技有限公司) or is cut
// off at a quote (“小巨人”企业|X股份有限公司), leaving two characters at
// least before the head.
func trimDescriptor(name, suf string) string {
	i := strings.LastIndex(name, "企业")
	if i < 0 {
		return name
	}
	rest := name[i+len("企业"):]
	if utf8.RuneCountInString(rest)-utf8.RuneCountInString(suf) < 2 || i > 0 && !isGeneric(name[:i]) {
		return name
	}
	return rest
}

// orgCand is an organisation candidate span.
type orgCand struct {
	span
	name     string
	ok       bool // a proper name on its own
	listPrev *orgCand
	nested   bool
}

// orgFollowBad lists what, right after a head, shows the head is part of
// another word (部署, 办理, 委员, 组织).
var orgFollowBad = map[string]string{
	"部": "署分门件位", "办": "理好法公事实成结", "处": "置理级", "厂": "房区长", "场": "所景地馆", "所": "有以在谓得需", "站": "在位", "队": "伍列", "组": "织成建合", "学": "术习", "会": "议前", "局": "面势", "科": "学技研普", "委": "员托", "馆": "藏", "厅": "堂", "署": "名", "大": "常代会",
}

// findOrgs finds named organisations by their heads (局, 委员会, 公司 …),
// distributes prefixes shared by lists (区经济发展局、建设管理局), and drops
// bodies nested in the names of meetings, projects or longer bodies.
func (d *doc) findOrgs() {
	r := d.r
	var cands []*orgCand
	endingAt := map[int]*orgCand{} // the last candidate ending at each position
	for e := 1; e <= len(r); e++ {
		suf := d.lx.suffixEndingAt(r, e)
		known := ""
		for n := min(e, 10); n >= 2 && d.lx.knownLast[r[e-1]]; n-- {
			if d.lx.knownOrgs[d.sub(e-n, e)] {
				known = d.sub(e-n, e)
				break
			}
		}
		if suf == "" && known == "" && d.stateArmyAt(e) {
			suf = "军" // 俄军, 乌军: a state's armed forces by its short form
		}
		if suf == "" && known == "" {
			continue
		}
		if suf == "" && e < len(r) && !d.cuts[e] && d.cuts[e-1] {
			continue // 中国人民|革命: a known short form (民革) whose last character starts a longer word
		}
		if suf != "" && (len(d.lx.titleAt(r, e-utf8.RuneCountInString(suf))) > len(suf) || len(d.lx.titleEndingAt(r, e)) > len(suf)) {
			continue // 局长, 区委常委: a title, not a body
		}
		if suf != "" && e < len(r) && utf8.RuneCountInString(d.lx.titleAt(r, e-1)) > 1 && d.lx.suffixEndingAt(r, e-1) != "" {
			continue // 大学|校长: the head's last character starts a title after a shorter head (not 分行|长期)
		}
		if suf != "" && d.verbTail(e-utf8.RuneCountInString(suf), e) {
			continue // 举办, 创办: a verb, not a body
		}
		if suf != "" && e < len(r) {
			if bad, ok := orgFollowBad[string([]rune(suf)[utf8.RuneCountInString(suf)-1:])]; ok && strings.ContainsRune(bad, r[e]) && !hasPrefixAt(r, e, "成员") {
				continue
			}
		}
		s0 := e - utf8.RuneCountInString(suf)
		if known != "" && utf8.RuneCountInString(known) > utf8.RuneCountInString(suf) {
			s0 = e - utf8.RuneCountInString(known)
		}
		start := d.scanLeft(s0, false)
		if companySuffixes[suf] {
			// 和 joins two names here, never two words of one (堤防和青禾食品有限公司)
			for k := s0 - 1; k > start; k-- {
				if r[k] == '和' || r[k] == '及' {
					start = k + 1
					break
				}
			}
		}
		start = d.skipLeadingFunctionWords(start, s0)
		start = d.afterBodyBreak(start, s0) // 在河内同|越共中央, 应|世界经济论坛…邀请
		start = d.afterNamedList(start, s0) // 王五等到|青岚医院
		if known != "" && s0 > start && e-s0 == utf8.RuneCountInString(known) {
			// a known body after words that name no place (规定|外交部,
			// 援引多名|加拿大国防部): it starts where a place or state does
			start = d.specificStart(start, s0, e)
		}
		if (known == "" || e-s0 != utf8.RuneCountInString(known)) && (start == 0 || r[start-1] != '、') {
			// (an item of a list of bodies is a name: 、城市更新服务中心)
			var drop bool
			if start, drop = d.clauseStart(start, s0, e); drop {
				continue // 服务大局中展现|工会: a sentence before a head alone
			}
		}
		lead := ""
		if k, l := d.coordinated(start, s0, e); k > start {
			start, lead = k, l // 越南党和|政府, 非洲联盟和|东非政府
		}
		if v := anyPrefixAt(r, start, leadingVerbs...); v != "" && start+utf8.RuneCountInString(v) < s0 {
			start += utf8.RuneCountInString(v) // 叮嘱|琮州路桥建设集团有限公司负责人
		}
		if a := anyPrefixAt(r, start, appositives...); a != "" && s0-start-utf8.RuneCountInString(a) >= 2 {
			start += utf8.RuneCountInString(a) // 施工单位|青岚建工集团有限公司
		}
		for k := e - 1; k >= start; k-- {
			if r[k] == '）' || r[k] == ')' {
				break
			}
			if r[k] == '（' || r[k] == '(' {
				start = k + 1 // 部门党组（党委: a bracket opened and not closed
				break
			}
		}
		name := trimOrgPrefix(d.sub(start, e))
		if n := d.trimGlued(name, suf); n != name {
			// 项目|深汕中心医院: the class word is cut, and with it a shorter
			// body read from it (项目深汕中心) that the name covers
			from := e - utf8.RuneCountInString(name)
			cands = slices.DeleteFunc(cands, func(c *orgCand) bool {
				if c.start != from || c.end >= e {
					return false
				}
				if endingAt[c.end] == c {
					delete(endingAt, c.end)
				}
				return true
			})
			name = n
		}
		if companySuffixes[suf] {
			name = trimDescriptor(name, suf)
		}
		start = e - utf8.RuneCountInString(name)
		if lead != "" && start == s0 {
			name = lead + name // 越南党和政府: the state's government
		}
		start, name = pronounLevel(r, start, name)
		if m := sessionInNameRe.FindStringIndex(name); m != nil && m[1] < len(name) {
			start, name = e-utf8.RuneCountInString(name[m[1]:]), name[m[1]:] // 县政协七届一次会议|政协常委会议: a session, then the body
		}
		if r0 := []rune(name); len(r0) > 4 && r0[1] == '委' && r0[2] == r0[0] && strings.ContainsRune("省市县区乡镇", r0[0]) {
			start, name = start+2, string(r0[2:]) // 县委|县政府: the level's two bodies side by side
		} else if i := pairedCommittee(r0); i > 0 {
			// 青禾县委|县政府: the place's committee, then the level's
			// government, two bodies (rule 4.2 folds 县政府 into the
			// place's 人民政府 where the article writes it)
			cc := &orgCand{span: span{start, start + i}, name: string(r0[:i])}
			cc.ok = d.properOrg(cc.name, "委", "")
			cands = append(cands, cc)
			endingAt[start+i] = cc
			start, name = start+i, string(r0[i:])
		}
		if name == "" || d.inPersonSpan(start) || pronounBody(name) {
			continue
		}
		if start > 0 && r[start-1] == '各' || hasAnyPrefix(name, []string{"县区", "区县", "市县", "县市", "县乡", "市区县", "乡镇", "镇街"}) {
			continue // 各县区生态环境分局: every one of a kind, none named
		}
		if sendsOrIssues(name) {
			continue // 应急管理部派出工作组, X发布Y: a body's act and its ad-hoc team (rule 4.6), no name
		}
		if d.stateClass(name, suf) {
			continue // 中国公司, 外国企业: a class of bodies by their state, none named (rule 4.6)
		}
		if strings.Contains(name, "当地") {
			continue // 当地医院, X国当地救援队: whichever is there, none named
		}
		if utf8.RuneCountInString(suf) == 1 && known == "" && e < len(r) && !d.cuts[e] {
			continue // 和科|威特: a one-character head inside a longer word
		}
		if utf8.RuneCountInString(suf) == 1 && known == "" && e >= 2 && d.words[e-2] == e && hasAnyPrefix(d.sub(e, len(d.r)), []string{"联盟", "建设", "医生", "学生", "专业", "门诊"}) {
			continue // 专科|联盟: a one-character head ending a common word that goes on
		}
		if (hasPrefixAt(r, e, "工作报告") || hasPrefixAt(r, e, "工作要点")) && (known == "" || name != known) {
			continue // 作政府|工作报告: a report's name, not a body (a known body's own report names its author: 最高人民法院工作报告)
		}
		if suf == "中心" && hasPrefixAt(r, e, "工作") && !hasPrefixAt(r, e, "工作人员") && !hasPrefixAt(r, e, "工作者") {
			continue // 县委县政府|中心工作: the central task, no centre
		}
		if d.inDocumentName(e) || d.inTitleTopic(start, e) {
			continue // 国务院|机构改革方案, 《关于支持…县人民政府…》: a body inside the name of a document (rule 4.6)
		}
		if (strings.HasSuffix(name, "人民代表大会") || strings.HasSuffix(name, "人大")) && hasPrefixAt(r, e, "代表") {
			continue // 第十九届人民代表大会代表: its deputies, not the body
		}
		c := &orgCand{span: span{start, e}, name: name}
		c.ok = d.properOrg(name, suf, known)
		if start > 0 && (r[start-1] == '、' || r[start-1] == '和' || r[start-1] == '及') {
			c.listPrev = endingAt[start-1]
		}
		if d.nestedInMeeting(e) {
			c.nested = true
		}
		cands = append(cands, c)
		endingAt[e] = c
	}
	// Lists: an item takes the level of the list's first item and is
	// accepted with it; a list nested in a meeting name is nested whole.
	for _, c := range cands {
		if c.listPrev == nil {
			continue
		}
		head := c.listPrev
		for head.listPrev != nil {
			head = head.listPrev
		}
		if head.ok && !c.ok && !hasAnyPrefix(c.name, listGeneric) {
			c.ok = true
			if lvl := levelPrefix(head.name); lvl != "" && !d.startsSpecific(c.name) {
				c.name = lvl + c.name
			} else if a := areaOf(head.name); a != "" && d.bareBody(c.name) {
				c.name = a + c.name
			}
		}
	}
	// X、Y、Z党组: the party organ ending the list is every item's (rule
	// 4.5); the bare units are not named by that phrase
	for i := len(cands) - 1; i >= 0; i-- {
		c := cands[i]
		b := partyOrganOf(c.name)
		if b == "" || c.listPrev == nil || endingAt[c.end] != c || runsOn(cands[i+1:], c) {
			continue // (X、Y省委宣传部: the organ of a longer last item, not the list's)
		}
		for p := c.listPrev; p != nil; p = p.listPrev {
			if partyOrganOf(p.name) == "" && p.ok {
				p.name += b
			}
		}
	}
	// X和Y代表团: the delegation's name coordinates its bodies; the
	// delegation acts (rule 8.8), not each body cut out of its name
	// (rule 4.6: nested in a longer name)
	for _, c := range cands {
		if c.listPrev != nil && hasPrefixAt(r, c.end, "代表团") && strings.ContainsRune("和与及", r[c.start-1]) {
			c.nested = true
		}
	}
	for i := len(cands) - 1; i >= 0; i-- {
		c := cands[i]
		if c.nested {
			for p := c.listPrev; p != nil; p = p.listPrev {
				p.nested = true
			}
		}
	}
	var good, projects []span
	for _, c := range cands {
		if c.ok && !c.nested {
			good = append(good, c.span)
		}
	}
	for _, p := range d.projects {
		projects = append(projects, p.spans...)
	}
	// inner: a longer accepted candidate covers it; inProject: as
	// d.inProject, the projects being found by now
	inner, inProject := longerCovers(good), longerCovers(projects)
	for _, c := range cands {
		if !c.ok || c.nested || inProject(c.span) {
			continue
		}
		if inner(c.span) {
			continue
		}
		name := d.dropFormer(c.name) // 省政协原党组: the unit's organ (rule 8.9)
		if d.bareBody(name) {
			name = d.expandOrg(name, c.start)
			if d.bareBody(name) {
				continue
			}
		}
		d.addOrg(name, c.span)
	}
	if d.paper != "" {
		d.addOrg(d.paper, d.paperSpan)
	}
	d.quotedOutlets()
	d.foreignParties()
	d.brandActors()
	d.mergeAbbreviations()
}

// homeStates are the states of the home country in countries.txt, whose
// party is named in full where it is a body (中国共产党 in its meetings
// and posts, left to the other rules).
var homeStates = map[string]bool{"中国": true, "中华人民共和国": true}

// partyFollowers may follow a party's name that ends at 党 with no head
// word of its own: a list (黎巴嫩真主党和以色列军队), a preposition or a
// verb of speech.
const partyFollowers = "和与及、同对向在称表说，。；）"

// foreignParties adds foreign parties named by their state and a short
// name ending with 党 (黎巴嫩真主党, 秘鲁人民党): a party is a body on its
// own (rule 4.1), which no head word of orgsuffixes marks. A 党 that
// starts a longer word (党员, 党内) or goes on into a title's body is left.
func (d *doc) foreignParties() {
	r := d.r
	for e := 4; e <= len(r); e++ {
		if r[e-1] != '党' || e < len(r) && isHan(r[e]) && !strings.ContainsRune(partyFollowers, r[e]) && d.lx.titleAt(r, e) == "" {
			continue
		}
		for n := 2; n <= 4 && n < e; n++ {
			k := e - n
			if d.partyAt(k, e) != n {
				continue
			}
			state := ""
			for m := min(k, 10); m >= 2; m-- {
				if d.lx.countries[d.sub(k-m, k)] {
					state = d.sub(k-m, k)
					break
				}
			}
			if state == "" || homeStates[state] {
				continue
			}
			if o, _ := d.orgAt(k); o == nil { // not inside a body found already
				d.addOrg(d.sub(k-utf8.RuneCountInString(state), e), span{k - utf8.RuneCountInString(state), e})
			}
			break
		}
	}
}

// brandActRe matches a short name at the start of a clause that the text
// makes act as a company: signing with or investing in someone
// (X与青川县签约, X在当地投资建设, X落户).
var brandActRe = regexp.MustCompile(`(?:^|[，。；：\n])(\p{Han}{2,4}?)(?:(?:与|同)[^，。；\n]{2,16}?(?:签约|签署|签订|合作)|(?:在[^，。；\n]{2,10}?)?(?:投资建设|投资兴建|投资设立|落户))`)

// brandActors adds companies named by a brand alone (比亚迪, 京东) where
// the text makes them act as one: they sign with, invest in or settle in
// somewhere (rule 4.1: companies). The name must be no dictionary word
// (双方, 企业), no person's name (a surname first), no place, state or
// pronoun-led phrase (我县), no class of companies (央企, 中企): a
// brand's name is a coined word.
func (d *doc) brandActors() {
	s := d.a.Text
	if !strings.Contains(s, "签") && !strings.Contains(s, "投资") && !strings.Contains(s, "落户") && !strings.Contains(s, "合作") {
		return
	}
	rc := runeCounter{s: s}
	for _, m := range brandActRe.FindAllStringSubmatchIndex(s, -1) {
		name := s[m[2]:m[3]]
		r := []rune(name)
		if _, _, found := d.lx.seg.Find(name); found || d.lx.surnames[string(r[:1])] || d.lx.surnames[string(r[:2])] || d.byName[name] != nil {
			continue
		}
		if d.lx.places[name] || d.learned[name] || d.lx.countryPrefix(name) != "" || d.startsSpecific(name) || isGeneric(name) || strings.ContainsRune("我本该此各其", r[0]) || strings.ContainsRune("省市县区镇乡村方企", r[len(r)-1]) {
			continue
		}
		start := rc.at(m[2])
		if d.lx.titleEndingAt(d.r, start+len(r)) != "" || d.inPersonSpan(start) {
			continue
		}
		if e, ok := d.tokenAt(start); !ok || e != start+len(r) {
			continue // 俄方|愿, 积极|参: words of a clause, not one coined name
		}
		if o, _ := d.orgAt(start); o != nil {
			continue
		}
		d.addOrg(name, span{start, start + len(r)})
	}
}

// quotedOutletRe matches a newspaper or magazine named in title marks as
// the source of what follows (《渥太华公民报》网站…报道, 《求是》杂志发表).
var quotedOutletRe = regexp.MustCompile(`《(\p{Han}{2,12}?(?:报|周刊|杂志))》(?:网站|报道|援引|称|刊文|刊登|刊发|发表|披露|评论|社论|记者|消息|日前|近日|\d{1,2}日)`)

// quotedOutlets adds the newspapers and magazines that the text cites as a
// source: an outlet is an organisation (rules 2.3, 4.1), written without
// its title marks. A title in marks that is cited for nothing (a report,
// a book) is no outlet.
func (d *doc) quotedOutlets() {
	s := d.a.Text
	if !strings.Contains(s, "》") {
		return
	}
	rc := runeCounter{s: s}
	for _, m := range quotedOutletRe.FindAllStringSubmatchIndex(s, -1) {
		start, end := rc.at(m[2]), rc.at(m[3])
		d.addOrg(s[m[2]:m[3]], span{start, end})
	}
}

// longerCovers returns a test of whether a longer one of spans covers a
// span (one that covers it and differs from it), answered by a binary
// search rather than a scan of all the spans.
func longerCovers(spans []span) func(span) bool {
	good := slices.Clone(spans)
	longestAt := map[int]int{} // start -> the furthest end of a span starting there
	for _, g := range good {
		longestAt[g.start] = max(longestAt[g.start], g.end)
	}
	sort.Slice(good, func(i, j int) bool { return good[i].start < good[j].start })
	reach := make([]int, len(good)) // reach[k]: the furthest end of good[:k+1]
	for k, g := range good {
		reach[k] = g.end
		if k > 0 {
			reach[k] = max(reach[k], reach[k-1])
		}
	}
	return func(s span) bool {
		// one starting at s.start and ending later, or one starting
		// before it and ending no earlier
		if end, ok := longestAt[s.start]; ok && end > s.end {
			return true
		}
		k := sort.Search(len(good), func(k int) bool { return good[k].start >= s.start })
		return k > 0 && reach[k-1] >= s.end
	}
}

// clauseStart returns where a body with an ordinary head r[s0:e] starts
// when the words scanned from start hold a verb, adverb, preposition,
// pronoun or particle (nameWords): after the last of them, for a name of
// two characters at least before the head or one that starts with a
// place, state or known body (委内瑞拉政府指责时任|哥伦比亚政府). A head with
// nothing of a name before it is a sentence around a common noun: drop
// reports that (服务大局中展现|工会). A verb right before a one-character
// head, or all there is before the head, names the body's work
// (国务院扶贫办, 审计署, 区经济发展局、统计中心) and stays.
func (d *doc) clauseStart(start, s0, e int) (int, bool) {
	p := start
	for k := start; k < s0; {
		w, ok := d.words[k]
		if !ok || w > s0 {
			if strings.ContainsRune(nameBreakers, d.r[k]) && d.cuts[k] && d.cuts[k+1] && !d.wordAcross(k+1) {
				p = k + 1 // 中国同|欧盟
			}
			if d.r[k] == '作' && d.cuts[k] && d.cuts[k+1] && d.lx.suffixEndingAt(d.r, k) != "" {
				p = k + 1 // 县委组织部作|调整…: a body that makes (a report), not 焦作
			}
			k++
			continue
		}
		word := d.sub(k, w)
		if _, pos, found := d.lx.seg.Find(word); found && !nameVerbs[word] && !bodyVerbs[word] && dirtyPOS(pos) && !(w == s0 && (e-s0 == 1 || k == start)) {
			p = w
		}
		k = w
	}
	if p == start {
		return start, false
	}
	if p-1 > start && d.placeAt(p-1, s0) >= 2 {
		p-- // 记者从中|国铁路…: the cut took a place's first character
	}
	rest := trimOrgPrefix(d.sub(p, e))
	p = e - utf8.RuneCountInString(rest)
	specific := d.startsSpecific(rest) || d.lx.countryPrefix(rest) != "" || d.lx.knownOrgs[rest]
	if d.startsSpecific(d.sub(start, e)) || d.lx.countryPrefix(d.sub(start, e)) != "" {
		// a name that starts with a place or state keeps its words
		// (苏丹快速支援部队, 中央审计委员会) unless another such starts
		if specific {
			return p, false
		}
		for k := p + 1; k < s0; k++ {
			// 县委组织部作调整增补|县政协: a body that starts with a
			// level or place after the verb's object
			if _, word := d.words[k]; d.cuts[k] && strings.ContainsRune("省市县区乡镇", d.r[k]) && (!word || d.placeAt(k, s0) > 0) && d.startsSpecific(d.sub(k, e)) {
				// (not a common word that starts so: 乡村快递服务站)
				return k, false
			}
		}
		return start, false
	}
	if s0-p >= 2 || specific {
		return p, false
	}
	return start, true
}

// coordinated returns where a body ending at e (head at s0) starts when
// the words from start join two bodies with 和, 与 or 及: after the
// joiner, when the part before it ends with a head, a known body or a
// party (越南党) and the part after it is a body of its own (a known
// body, one that starts with a place or state: 中国全国人大和|越南国会, or
// two name words or more before its head: 非洲联盟和|东非政府) or the head
// alone, which then takes the first part's state or place
// (越南党和|政府 -> 越南政府). Names with 和 inside (发展和改革委员会,
// 文化和旅游部) join no bodies and stay whole.
func (d *doc) coordinated(start, s0, e int) (int, string) {
	r := d.r
	for k := s0 - 1; k > start; k-- {
		if !strings.ContainsRune("和与及", r[k]) {
			continue
		}
		if !d.bodyEndsAt(start, k) {
			return start, ""
		}
		right := d.sub(k+1, e)
		if k+1 == s0 {
			left := d.sub(start, k)
			lead := d.lx.countryPrefix(left)
			if lead == "" {
				if n := d.placeAt(start, k); n > 0 {
					lead = d.sub(start, start+n)
				}
			}
			if lead == "" {
				return start, ""
			}
			return k + 1, lead
		}
		if d.lx.knownOrgs[right] || d.startsSpecific(right) || d.lx.countryPrefix(right) != "" || s0-k-1 >= 2 && !isGeneric(right) && d.nameWords(k+1, s0) {
			return k + 1, ""
		}
		return start, ""
	}
	return start, ""
}

// bodyEndsAt reports whether r[start:k] ends with a body: a head, a known
// body or a party's name (越南党).
func (d *doc) bodyEndsAt(start, k int) bool {
	if k-start < 2 {
		return false
	}
	if d.lx.suffixEndingAt(d.r, k) != "" || d.r[k-1] == '党' {
		return true
	}
	for n := min(k-start, 10); n >= 2; n-- {
		if d.lx.knownOrgs[d.sub(k-n, k)] {
			return true
		}
	}
	return false
}

// levelPrefix returns the level character a name starts with (区经济发展局
// -> 区) when it stands for the level alone, or 街道 when a street
// office's unit starts with it (街道综合治理办 -> 街道).
func levelPrefix(s string) string {
	rs := []rune(s)
	if len(rs) > 4 && string(rs[:2]) == "街道" && rs[2] != '办' {
		return "街道" // 街道综合治理办、民政办: the street office's units
	}
	if len(rs) > 2 && strings.ContainsRune("省市区县", rs[0]) && !strings.ContainsRune("委政人", rs[1]) {
		return string(rs[0])
	}
	return ""
}

// verbTail reports whether the head r[s0:e] ends a dictionary word that
// is no body: a verb (举|办 of 举办), a direction (北|部 of 北部) or a
// common noun such as 干部 or 大局; or a word of dict/nonbodies.txt
// starting where the text is cut, however it is cut after that
// (商务部|主办, 挂牌督|办, 投资建|厂, not 安全|局); or whether a
// time word starting before a head of two characters or more ends inside
// it (媒体近日|报道: no 日报 there).
func (d *doc) verbTail(s0, e int) bool {
	for n := min(e, 4); n > e-s0; n-- {
		if d.cuts[e-n] && d.lx.nonBodies[d.sub(e-n, e)] {
			return true
		}
	}
	for k := max(0, s0-3); k < s0 && e-s0 >= 2; k++ {
		if w, ok := d.words[k]; ok && w > s0 && w < e {
			if _, pos, found := d.lx.seg.Find(d.sub(k, w)); found && pos == "t" {
				return true
			}
		}
	}
	for k := max(0, s0-3); k < s0; k++ {
		if d.words[k] == e {
			w := d.sub(k, e)
			_, pos, found := d.lx.seg.Find(w)
			if !found {
				return false
			}
			switch pos {
			case "v", "vn", "vd", "f", "a", "ad", "d", "m", "r", "t":
				return true
			}
			return false
		}
	}
	return false
}

// companySuffixes end the names of companies and institutions, which a
// 和 does not join inside (unlike 发展和改革委员会).
var companySuffixes = map[string]bool{"公司": true, "有限公司": true, "股份有限公司": true, "集团": true, "分公司": true, "银行": true, "分行": true, "支行": true, "学院": true, "大学": true, "学校": true, "小学": true, "中学": true, "幼儿园": true, "医院": true, "卫生院": true, "研究院": true, "研究所": true, "合作社": true, "党校": true}

// properOrg reports whether a candidate is a named organisation by itself.
func (d *doc) properOrg(name, suf, known string) bool {
	n := utf8.RuneCountInString(name)
	if name == known {
		return true
	}
	if n < 2 || name == suf || isGeneric(name) || countPrefix(name) {
		return d.bareBody(name) && n >= 2
	}
	if containsDigit(name) || meetingWordRe.MatchString(name) || hasAnySuffix(name, d.lx.facilityHeads) {
		return false
	}
	if suf == "中心" && n-2 < 3 {
		return false
	}
	if c := d.lx.countryPrefix(name); c != "" || d.stateAbbreviated(name) {
		// a foreign state's government, ministry, parliament or armed
		// forces (rule 8.6); the state alone is a place, and so is the
		// state with a one-character head (秘鲁|所 of a longer word)
		return c == "" || n-utf8.RuneCountInString(c) >= 2
	}
	if d.startsSpecific(name) {
		// an area alone (枫屿区) is never a body; a level word needs more
		return n > 1
	}
	if levelPrefix(name) == "街道" {
		return true // 街道综合治理办: a street office's unit, as a level's
	}
	switch suf {
	case "部队", "武装部队":
		return n-utf8.RuneCountInString(suf) >= 3 // 快速支援部队, not 当地部队
	case "组委会", "执委会", "筹委会":
		return n-utf8.RuneCountInString(suf) >= 2 // the committee of a named event: 大运会组委会
	case "公司", "有限公司", "股份有限公司", "集团", "银行", "分行", "支行", "学院", "大学", "中学", "小学", "幼儿园", "研究院", "研究所", "医院", "中心", "服务中心", "合作社", "日报", "报社", "电视台", "总支", "支部", "商会", "协会", "学会", "基金会":
		return n-utf8.RuneCountInString(suf) >= 2
	}
	return false
}

var meetingWordRe = regexp.MustCompile(`(协商|座谈|汇报|调度|推进|动员|观摩|联席|报告|交流|见面|恳谈|研讨|培训|部署|表彰|总结)会$`)

var meetingRe = regexp.MustCompile(`^(?:[（(]扩大[）)])?[\p{Han}\d]{0,10}?(会议|全会|大会|常委会议|联席会)`)

// nestedInMeeting reports whether a body ending at e is part of a meeting
// name (市委经济工作会议, 中央纪委五次全会).
func (d *doc) nestedInMeeting(e int) bool {
	rest := d.sub(e, min(len(d.r), e+14))
	m := meetingRe.FindStringIndex(rest)
	if m == nil {
		return false
	}
	mid := []rune(rest[:m[1]])
	for k := 1; k <= len(mid); k++ {
		if d.lx.boundaryEndingAt(mid, k) > 0 {
			return false
		}
	}
	if d.lx.titleAt(d.r, e) != "" {
		return false
	}
	return true
}

// sessionInNameRe matches a numbered session written before a body's head
// (县政协七届一次会议|政协): no body's name holds one.
var sessionInNameRe = regexp.MustCompile(`^.*[一二三四五六七八九十\d]+次(?:全体|全委)?会议`)

// documentHeadRe matches the head of a plan's, law's or regulation's name
// written right after a body, through words that name its subject
// (国务院|机构改革方案, 全国人民代表大会|组织法).
var documentHeadRe = regexp.MustCompile(`^\p{Han}{0,8}?(?:方案|条例|组织法|规划纲要|实施办法|管理办法)`)

// inDocumentName reports whether a body ending at e is part of the name of
// a plan, law or regulation (国务院机构改革方案): such a body is the
// document's subject, not named in its own right (rule 4.6). A body that
// writes a report or request about something (X关于…的报告, X工作报告)
// is its author and stays; so does a body followed by a verb or a particle
// (国务院印发…方案, 国务院审议的方案).
func (d *doc) inDocumentName(e int) bool {
	rest := d.sub(e, min(len(d.r), e+12))
	m := documentHeadRe.FindStringIndex(rest)
	if m == nil {
		return false
	}
	end := e + utf8.RuneCountInString(rest[:m[1]])
	for k := e; k < end; {
		if strings.ContainsRune(nameBreakers, d.r[k]) || d.lx.titleAt(d.r, k) != "" {
			return false
		}
		w, ok := d.words[k]
		if !ok || w > end {
			k++
			continue
		}
		if _, pos, found := d.lx.seg.Find(d.sub(k, w)); found && dirtyPOS(pos) && !nameVerbs[d.sub(k, w)] {
			return false
		}
		k = w
	}
	return true
}

// inTitleTopic reports whether a body r[start:e] is written in a
// document's title in marks as its topic, not its author: after its 关于
// (《关于支持县人民政府…的意见》), or in a title without 关于 that ends
// with a rule's or paper's head of dict/documentheads.txt
// (《全市基层政协协商工作规则》). Authors come before 关于
// (《中共中央 国务院关于…的决定》) and are named in their own right (4.6).
func (d *doc) inTitleTopic(start, e int) bool {
	open := -1
	for k := start - 1; k >= 0 && k >= start-40; k-- {
		if d.r[k] == '《' {
			open = k
			break
		}
		if strings.ContainsRune("》\n。", d.r[k]) {
			return false
		}
	}
	if open < 0 {
		return false
	}
	if strings.Contains(d.sub(open, start), "关于") {
		return true
	}
	for k := e; k < len(d.r) && k < e+40; k++ {
		switch d.r[k] {
		case '》':
			title := d.sub(e, k)
			return !strings.Contains(title, "关于") && !strings.Contains(title, "报告") && hasAnySuffix(title, d.lx.documentHeads)
		case '《', '\n', '。':
			return false
		}
	}
	return false
}

// pronounLevel drops the level word a pronoun takes (该县|县委书记, 我市|市委)
// from the start of the name at r[start:]: the name is the level's body
// (县委), not a place 县 with a 县委 of its own.
func pronounLevel(r []rune, start int, name string) (int, string) {
	if r0 := []rune(name); len(r0) > 2 && start > 0 && strings.ContainsRune("该本全我", r[start-1]) && r0[0] == r0[1] && strings.ContainsRune("省市县区乡镇", r0[0]) {
		return start + 1, string(r0[1:])
	}
	return start, name
}

// isPlace reports whether s is a place the dictionary or the article
// names (厦门, 厦门市).
func (d *doc) isPlace(s string) bool {
	return d.lx.places[s] || d.learned[s]
}

// committeesOf counts the places' committees of the article a level's
// committee (县委) may stand for.
func (d *doc) committeesOf(s string) int {
	c := 0
	for _, o := range d.orgs {
		if abbreviates(s, o.name) {
			c++
		}
	}
	return c
}

// pronounBody reports whether name ends with a pronoun's one-character
// body (我会, 本会, 我院, 我局): the writer's own body, named by no name, so
// its post is the title alone (我会会长 -> 会长) and it is no organisation.
func pronounBody(name string) bool {
	r := []rune(name)
	return len(r) >= 2 && strings.ContainsRune("我本", r[len(r)-2]) && strings.ContainsRune("会院局校所厂处委", r[len(r)-1])
}

// pairedCommittee returns where the government starts in a place's
// committee and government written as one (青禾县委县政府: 4), or 0.
func pairedCommittee(r []rune) int {
	n := len(r)
	if n < 6 || string(r[n-2:]) != "政府" || r[n-4] != '委' || r[n-5] != r[n-3] || !strings.ContainsRune("省市县区乡镇", r[n-3]) {
		return 0
	}
	return n - 3
}

// mergeAbbreviations folds short forms into the fullest form of the same
// body in the article: 市发改委 -> 市发展和改革委员会, 区政府 -> 区人民政府,
// 嵘州银行 -> 嵘州银行股份有限公司.
func (d *doc) mergeAbbreviations() {
	d.foldTerms()
	// A short form shares the first character of its full form, or, when
	// it starts with a level (市税务局), is the full form's end: only the
	// longer names that begin or end like it need the test, and the names
	// are grouped so, longest first, for articles with thousands of them.
	n := make([]int, len(d.orgs))
	byFirst, byLast := map[rune][]int{}, map[rune][]int{}
	for k, o := range d.orgs {
		n[k] = utf8.RuneCountInString(o.name)
		first, _ := utf8.DecodeRuneInString(o.name)
		last, _ := utf8.DecodeLastRuneInString(o.name)
		byFirst[first] = append(byFirst[first], k)
		byLast[last] = append(byLast[last], k)
	}
	for _, g := range []map[rune][]int{byFirst, byLast} {
		for _, ks := range g {
			sort.SliceStable(ks, func(i, j int) bool { return n[ks[i]] > n[ks[j]] })
		}
	}
	var out []*org
	for k, s := range d.orgs {
		into := -1
		first, _ := utf8.DecodeRuneInString(s.name)
		last, _ := utf8.DecodeLastRuneInString(s.name)
		groups := [][]int{byFirst[first]}
		if strings.ContainsRune("省市县区", first) {
			groups = append(groups, byLast[last])
		}
		if full, ok := d.lx.orgAliases[s.name]; ok {
			// 党中央 -> 中共中央 where both are written (rule 4.2)
			for j, o := range d.orgs {
				if o.name == full {
					into = j
				}
			}
		}
		if into < 0 && n[k] >= 4 {
			// 石狮商会 of 厦门石狮商会: the one longer name of the article
			// that is a place before it (rule 4.2)
			for _, j := range byLast[last] {
				if pre, ok := strings.CutSuffix(d.orgs[j].name, s.name); ok && pre != "" && d.isPlace(pre) {
					if into >= 0 {
						into = -1
						break
					}
					into = j
				}
			}
		}
		if into < 0 && d.namedByLastWords(s.name) {
			// a body named by its last words (组委会 of 大运会组委会):
			// the one longer name of the article ending so
			for _, j := range byLast[last] {
				if n[j] > n[k] && strings.HasSuffix(d.orgs[j].name, s.name) {
					if into >= 0 {
						into = -1
						break
					}
					into = j
				}
			}
		}
		for _, ks := range groups {
			if into >= 0 && n[into] <= n[k] {
				break
			}
			// the first of the longest names that s abbreviates, as a scan
			// of d.orgs in order would choose
			for _, j := range ks {
				if n[j] <= n[k] || into >= 0 && n[j] < n[into] {
					break
				}
				if j != k && abbreviates(s.name, d.orgs[j].name) && (into < 0 || n[j] > n[into] || j < into) {
					into = j
				}
			}
		}
		if into >= 0 && n[k] == 2 && d.committeesOf(s.name) > 1 {
			into = -1 // 县委 where two counties' committees are named: which is not said
		}
		if into >= 0 {
			d.orgs[into].spans = append(d.orgs[into].spans, s.spans...)
			continue
		}
		out = append(out, s)
	}
	d.orgs = out
	d.orgsReset++
	clear(d.orgByKey)
	for _, o := range out {
		d.orgByKey[graph.SearchKey(o.name)] = o
	}
}

// namedByLastWords reports whether o, a name with a head that starts
// with no place, level or known body, may stand for a longer body of the article that
// ends with it (组委会 of 大运会组委会, 执委会 of 成都大运会执委会).
func (d *doc) namedByLastWords(o string) bool {
	return utf8.RuneCountInString(o) >= 3 && !d.startsSpecific(o) && !d.lx.knownOrgs[o] && d.lx.suffixEndingAt([]rune(o), utf8.RuneCountInString(o)) != ""
}

// termInNameRe matches the term a body's name may carry (县十七届人大常委会,
// 青川县第十七届人大常委会, 区六届政协, 新一届) where no session follows.
var termInNameRe = regexp.MustCompile(`(?:第|新)?[一二三四五六七八九十百\d]+届`)

// sessionNumberRe matches a session's number (一次会议, 第3次).
var sessionNumberRe = regexp.MustCompile(`[一二三四五六七八九十\d]+次|会议`)

// stripTerm returns name without its term, or name when it has none or
// the term numbers a session (…十四届全国人大一次会议主席团).
func stripTerm(name string) string {
	loc := termInNameRe.FindStringIndex(name)
	if loc == nil || loc[0] == 0 && loc[1] == len(name) || sessionNumberRe.MatchString(name[loc[1]:]) {
		return name
	}
	return name[:loc[0]] + name[loc[1]:]
}

// foldTerms folds a term-numbered form of a body into the plain name the
// article writes (县十七届人大常委会 into 县人大常委会), which a term never
// makes fuller, and names it plainly when the article has no other form
// (locala README, rule 4.2).
func (d *doc) foldTerms() {
	var out []*org
	gone := map[*org]bool{}
	for _, o := range d.orgs {
		plain := stripTerm(o.name)
		if plain == o.name || utf8.RuneCountInString(plain) < 2 {
			out = append(out, o)
			continue
		}
		var into *org
		for _, x := range d.orgs {
			if x != o && !gone[x] && stripTerm(x.name) == x.name && (x.name == plain || abbreviates(x.name, plain) || abbreviates(plain, x.name)) {
				into = x
				break
			}
		}
		if into != nil && abbreviates(into.name, plain) {
			// 县人大常委会 and 青禾县第十八届人民代表大会常务委员会: the
			// plain name of the fuller form is the fullest (rule 4.2)
			o.name = plain
			o.spans = append(o.spans, into.spans...)
			gone[into] = true
			into = nil
		}
		if into == nil {
			o.name = plain
			out = append(out, o)
			continue
		}
		into.spans = append(into.spans, o.spans...)
	}
	d.orgs = slices.DeleteFunc(out, func(o *org) bool { return gone[o] })
}

var legalForms = []string{"股份有限公司", "有限责任公司", "有限公司", "科技有限公司", "集团有限公司", "科技股份有限公司", "集团股份有限公司", "集团", "公司"}

// abbreviates reports whether s is a short form of l: l with its legal
// form dropped (嵘州银行), or l's characters in order with the same level
// and the same head (市发改委, 县工商联, 区政府).
// branchHeads end the names of branches of a body.
var branchHeads = []string{"支行", "分行", "分公司", "分局", "分院", "分校", "营业部"}

func abbreviates(s, l string) bool {
	sr, lr := []rune(s), []rune(l)
	if len(sr) == 2 && len(lr) >= 4 {
		return levelCommitteeOf(sr, lr)
	}
	if len(sr) >= len(lr) || len(sr) < 3 {
		return false
	}
	if hasAnySuffix(l, branchHeads) && !hasAnySuffix(s, branchHeads) {
		return false // 兴泰农商银行 is the bank, not its 高新支行
	}
	if strings.HasSuffix(l, s) && strings.ContainsRune("省市县区", sr[0]) && len(lr)-len(sr) >= 2 && isHan(lr[len(lr)-len(sr)-1]) {
		return true // 市税务局 of 国家税务总局兴泰市税务局
	}
	if strings.ContainsRune("省市县区", sr[0]) && sr[0] != lr[0] {
		// 市政府 of 龙港市人民政府: the full form from its level on
		if i := strings.IndexRune(l, sr[0]); i >= 2*utf8.RuneLen(sr[0]) {
			return abbreviates(s, l[i:]) || s == l[i:]
		}
	}
	for _, f := range legalForms {
		// 青岚农商银行 of 青岚农村商业银行股份有限公司: the name without its
		// legal form, abbreviated
		if base, ok := strings.CutSuffix(l, f); ok && base != s && utf8.RuneCountInString(base) > len(sr) && !strings.HasPrefix(l, s) && sr[0] == []rune(base)[0] && sr[len(sr)-1] == []rune(base)[utf8.RuneCountInString(base)-1] && abbreviates(s, base) {
			return true
		}
	}
	if strings.HasPrefix(l, s) {
		rest := string(lr[len(sr):])
		for _, f := range legalForms {
			if strings.HasSuffix(rest, f) && !strings.ContainsAny(rest, "分支") {
				return true
			}
		}
		return false
	}
	if sr[0] != lr[0] || !strings.ContainsRune(string(lr[max(0, len(lr)-3):]), sr[len(sr)-1]) {
		return false
	}
	j := 0
	for _, c := range lr {
		if j < len(sr) && sr[j] == c {
			j++
		}
	}
	return j == len(sr)
}

// levelCommitteeOf reports whether s, a level's party committee (县委,
// 市委, 区委), is short for l, one place's committee of that level
// (道县县委, 汉寿县委, 中共青禾市委): l is s after a place of two or more
// characters, which names no body of its own.
func levelCommitteeOf(s, l []rune) bool {
	if s[1] != '委' || !strings.ContainsRune("省市县区州旗", s[0]) || string(l[len(l)-2:]) != string(s) {
		return false
	}
	place := l[:len(l)-2]
	for _, c := range place {
		if !isHan(c) || strings.ContainsRune("委会局部办厅组", c) {
			return false
		}
	}
	return true
}

func searchKeyEq(a, b string) bool { return searchKey(a) == searchKey(b) }

// dateSourceLineRe matches a line of a news site that gives the date and
// time of an article with its outlet or source but no field label first:
// `2024年04月03日11:32　来源:X网`, `X融媒 2023-11-29`, `//www.x.com  2023-12-21 08:38:59`.
var dateSourceLineRe = regexp.MustCompile(`^[\s　]*(?:(?:https?:)?//\S+[\s　]+)?(?:(\p{Han}{2,12}?(?:报|网|台|融媒|融媒体|融媒体中心|客户端|新闻))[\s　]+)?(?:19|20)\d\d(?:年\d{1,2}月\d{1,2}日|[-/.]\d{1,2}[-/.]\d{1,2})(?:[\s　]*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?(?:[\s　]*(?:来源|稿源|信息来源)[\s　]*[:：][\s　]*(\p{Han}{2,16}))?[\s　]*$`)

// dateSourceLine reads such a line as infoFields reads a labelled one; the
// outlet it names, before the date or after 来源, is the article's paper
// (rule 2.3).
func dateSourceLine(line string) (meta, bool) {
	m := dateSourceLineRe.FindStringSubmatch(line)
	if m == nil {
		return meta{}, false
	}
	return meta{Outlet: strOr(m[2], m[1])}, true
}

// stateBodies are what a state's one-character short form heads as a body
// of that state (俄军, 俄国防部, 美外交部).
var stateBodies = []string{"军", "国防部", "外交部"}

// stateAbbreviated reports whether name is such a body.
func (d *doc) stateAbbreviated(name string) bool {
	c, n := utf8.DecodeRuneInString(name)
	return d.lx.countryAbb[c] && slices.Contains(stateBodies, name[n:])
}

// stateArmyAt reports whether r[e-2:e] is a state's armed forces named by
// the state's short form (俄军), standing as a word of its own (not 精英军).
func (d *doc) stateArmyAt(e int) bool {
	r := d.r
	return e >= 2 && r[e-1] == '军' && d.lx.countryAbb[r[e-2]] && (e == 2 || !isHan(r[e-3]) || d.cuts[e-2] && d.words[e-3] != e-1 && (e-4 < 0 || d.words[e-4] != e-1)) && (e == len(r) || !isHan(r[e]) || d.cuts[e])
}

// specificStart returns where a known body ending at e and starting at s0
// begins when the words from start name more: the first position from
// which a place or a state begins the name (多名|加拿大国防部), else s0
// (规定|外交部).
func (d *doc) specificStart(start, s0, e int) int {
	for k := s0 - 1; k > start; k-- {
		if strings.ContainsRune("和与及、", d.r[k]) {
			start = k + 1 // 国歌和|国际大体联: a list joins two names
			break
		}
	}
	for i := start; i < s0; i++ {
		if name := d.sub(i, e); d.cuts[i] && (d.lx.countryPrefix(name) != "" || d.startsSpecific(name)) && d.nameWords(i, s0) {
			return i
		}
	}
	return s0
}

// nameWords reports whether r[i:j] can open a body's name before its
// head: it holds no title, person, punctuation or function character
// (nameBreakers), no dictionary verb,
// adverb, preposition, pronoun or particle, and no run of more than
// three characters the dictionary does not know outside places, states,
// known bodies, terms (第十四届) and party names (人革党). Anything else
// is a sentence around the body: 克罗地亚总统批评|北约,
// 伊朗总统莱希独家专访|总台, 中方始终遵守|联合国, 中国同|欧盟.
func (d *doc) nameWords(i, j int) bool {
	unknown := 0
	for k := i; k < j; {
		if !isHan(d.r[k]) || strings.ContainsRune(nameBreakers, d.r[k]) || d.personEndsAt(k+1) || d.inPersonSpan(k) || d.lx.titleAt(d.r, k) != "" {
			return false
		}
		n := d.placeAt(k, j)
		if n == 0 {
			if m := bodyTermRe.FindString(d.sub(k, j)); m != "" {
				n = utf8.RuneCountInString(m)
			}
		}
		if n == 0 {
			n = d.partyAt(k, j)
		}
		if n > 0 {
			k, unknown = k+n, 0
			continue
		}
		e, ok := d.words[k]
		if !ok || e > j {
			if unknown++; unknown > 3 && !strings.ContainsRune("省市县区州驻", d.r[k]) {
				return false
			}
			k++
			continue
		}
		w := d.sub(k, e)
		if _, pos, found := d.lx.seg.Find(w); found && !nameVerbs[w] && !bodyVerbs[w] && dirtyPOS(pos) {
			return false
		}
		k, unknown = e, 0
	}
	return true
}

// nameBreakers are single characters that join or govern words but are
// never inside a body's name before its head (中国同|欧盟, 向|联合国).
const nameBreakers = "的同向对在从被把将就也都并又还称据让使给"

// bodyVerbs are verbs common inside bodies' names beyond nameVerbs
// (英国联合工会, 运输协调委员会).
var bodyVerbs = map[string]bool{"联合": true, "协调": true, "指导": true, "协作": true, "执法": true, "监测": true, "防控": true}

// placeAt returns the length of the longest place, state or known body
// written at r[k:] before j, 0 when none is.
func (d *doc) placeAt(k, j int) int {
	for n := min(j-k, 10); n >= 2; n-- {
		w := d.sub(k, k+n)
		if d.lx.places[w] || d.learned[w] || d.lx.countries[w] || d.lx.knownOrgs[w] {
			return n
		}
	}
	return 0
}

// bodyTermRe matches the term of a body written inside its name (第十四届).
var bodyTermRe = regexp.MustCompile(`^第?[一二三四五六七八九十\d]+届`)

// partyAt returns the length of a party's short name at r[k:] before j
// (人革党, 人民党): up to four characters ending with 党 that hold no
// title or dictionary verb, 0 when there is none.
func (d *doc) partyAt(k, j int) int {
	for n := 2; n <= 4 && k+n <= j; n++ {
		if d.r[k+n-1] != '党' {
			continue
		}
		for i := k; i < k+n-1; i++ {
			if !isHan(d.r[i]) || d.lx.titleAt(d.r, i) != "" {
				return 0
			}
			if e, ok := d.words[i]; ok {
				if _, pos, found := d.lx.seg.Find(d.sub(i, e)); found && dirtyPOS(pos) {
					return 0
				}
			}
		}
		return n
	}
	return 0
}

// dirtyPOS reports whether a word of this part of speech ends the name of
// a body it precedes: verbs, adverbs, prepositions, pronouns, particles
// (not conjunctions: 发展和改革委员会; lists are cut elsewhere).
func dirtyPOS(pos string) bool {
	switch pos {
	case "d", "v", "vd", "p", "r", "ad", "u", "uj", "ul", "uz", "uv", "ud", "ug":
		return true
	}
	return false
}

// trimGlued drops a word that a left scan glued before a body's name and
// that only classes the body (dict/classwords.txt: 项目|青溪第一医院) when what follows is a name of
// its own: a place or level starts it, or three characters or more that
// join no two words (企业人员和中心) stand before its head suf (not
// 项目|管理中心, the unit that runs them).
func (d *doc) trimGlued(name, suf string) string {
	for _, w := range d.lx.classWords {
		rest, ok := strings.CutPrefix(name, w)
		if !ok || rest == "" {
			continue
		}
		if d.startsSpecific(rest) || utf8.RuneCountInString(rest)-utf8.RuneCountInString(suf) >= 3 && !isGeneric(rest) && !strings.ContainsAny(rest, "和与及、的") {
			return rest
		}
	}
	return name
}

// stateClass reports whether name is a state (a foreign one, or a word of
// dict/classstates.txt: 中国, 外国, 中资) followed only by a head that
// classes bodies (dict/classheads.txt: 中国公司, 外国企业): the kind of
// body, not one named.
func (d *doc) stateClass(name, suf string) bool {
	if suf == "" || !slices.Contains(d.lx.classHeads, suf) {
		return false
	}
	state := strings.TrimSuffix(name, suf)
	return state != name && (d.lx.countries[state] || slices.Contains(d.lx.classStates, state))
}
