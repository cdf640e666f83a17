package graphtest

import (
	"embed"
	"fmt"
	"strings"

	"github.com/kgproject/kg/graph"
)

//go:embed testdata/seed-*.txt
var seedFS embed.FS

// seedDump is the canonical dump of the seed graph; every Store given
// SeedFacts must reproduce it byte for byte.
//
//go:embed testdata/seed.dump
var seedDump []byte

// SeedDump returns the canonical dump (see graph.DumpWriter) of the graph
// that SeedFacts make, as every Store must write it.
func SeedDump() []byte { return append([]byte(nil), seedDump...) }

// SeedSource is the Source of every seed article node.
const SeedSource = "seed.md"

// SeedArticleID returns the ID of the i-th seed article (1 to 6, in page
// order): "article/seed-1" and so on.
func SeedArticleID(i int) string {
	return graph.NodeID(graph.LabelArticle, fmt.Sprintf("seed-%d", i))
}

// SeedFacts returns, built by hand, the facts of the six articles of the
// seed page (corpus/seed/seed.md and its gold file), in page order. Each
// article's Text is its body after the headline, with the paragraphs that
// page breaks split mid-word joined again and one newline between
// paragraphs; evidence sentences end at 。！？ or a newline, and their
// offsets are code points into that Text. Every article REPORTS its one
// event, its reporter 付凯明 AUTHORED it, and it MENTIONS every person,
// organisation and project it names; people HOLD posts OF organisations,
// CHAIR or ATTEND the events, organisations PARTICIPATED (roles visited,
// guided) or REPORTED_AT, and events DISCUSSED projects. Every call returns
// fresh values.
func SeedFacts() []graph.ArticleFacts {
	var out []graph.ArticleFacts
	for i, build := range []func(*builder){seed1, seed2, seed3, seed4, seed5, seed6} {
		b := newBuilder(i + 1)
		build(b)
		out = append(out, b.f)
	}
	return out
}

// Seed node IDs the conformance tests refer to.
var (
	idLvPei       = graph.NodeID(graph.LabelPerson, "吕沛")
	idGongWeihong = graph.NodeID(graph.LabelPerson, "宫卫红")
	idQianHui     = graph.NodeID(graph.LabelPerson, "钱辉")
	idLiuNing     = graph.NodeID(graph.LabelPerson, "刘宁")
	idXiJinping   = graph.NodeID(graph.LabelPerson, "习近平")
	idFuKaiming   = graph.NodeID(graph.LabelPerson, "付凯明")

	idPartyWorkCommittee = graph.NodeID(graph.LabelOrganisation, "高新区（示范区）党工委")
	idAdminCommittee     = graph.NodeID(graph.LabelOrganisation, "高新区（示范区）管委会")
	idCPPCC              = graph.NodeID(graph.LabelOrganisation, "市政协")
	idCiticJiaozuo       = graph.NodeID(graph.LabelOrganisation, "中信银行焦作分行")
	idInspectionTeam     = graph.NodeID(graph.LabelOrganisation, "市委督导组")

	idSecretaryPost = graph.NodeID(graph.LabelPost, "高新区（示范区）党工委书记")
	idVicePost      = graph.NodeID(graph.LabelPost, "市政协副主席")

	idJointMeeting = graph.NodeID(graph.LabelEvent, graph.EventKey("2026-01-13", "2026年第2次党政联席会议", SeedArticleID(1)))
	idEconomy      = graph.NodeID(graph.LabelEvent, graph.EventKey("2026-01-15", "高新区经济领域重点工作汇报会", SeedArticleID(2)))
	idLivelihood   = graph.NodeID(graph.LabelEvent, graph.EventKey("2026-01-16", "高新区民生领域重点工作汇报会", SeedArticleID(3)))
	idConstruction = graph.NodeID(graph.LabelEvent, graph.EventKey("2026-01-14", "城建领域重点工作汇报会", SeedArticleID(4)))
	idSymposium    = graph.NodeID(graph.LabelEvent, graph.EventKey("2026-01-13", "高新区领导与中信银行焦作分行客人座谈", SeedArticleID(5)))
	idSafety       = graph.NodeID(graph.LabelEvent, graph.EventKey("2026-01-13", "全区安全稳定工作会议", SeedArticleID(6)))

	idThirtyProjects = graph.NodeID(graph.LabelProject, "三十工程")
)

// builder assembles one article's facts; evidence sentences are looked up
// in the article text, so offsets are right by construction.
type builder struct {
	f     graph.ArticleFacts
	nodes map[string]bool
}

type sentence struct {
	text       string
	start, end int // code points
}

func newBuilder(i int) *builder {
	raw, err := seedFS.ReadFile(fmt.Sprintf("testdata/seed-%d.txt", i))
	if err != nil {
		panic(fmt.Sprintf("graphtest: seed article %d: %v", i, err))
	}
	title, body, _ := strings.Cut(strings.TrimRight(string(raw), "\n"), "\n")
	b := &builder{nodes: map[string]bool{}}
	b.f.Article = graph.Node{
		ID:     SeedArticleID(i),
		Label:  graph.LabelArticle,
		Name:   title,
		Title:  title,
		Source: SeedSource,
		Text:   body,
	}
	return b
}

// splitSentences cuts text after 。！？ (and any closing quotes) and at
// newlines.
func splitSentences(text string) []sentence {
	var out []sentence
	var cur []rune
	start, pos := 0, 0
	flush := func() {
		if s := string(cur); strings.TrimSpace(s) != "" {
			out = append(out, sentence{s, start, pos})
		}
		cur, start = nil, pos
	}
	rs := []rune(text)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r == '\n' {
			flush()
			pos++
			start = pos
			continue
		}
		cur = append(cur, r)
		pos++
		if strings.ContainsRune("。！？", r) {
			for i+1 < len(rs) && strings.ContainsRune("”’」", rs[i+1]) {
				i++
				cur = append(cur, rs[i])
				pos++
			}
			flush()
		}
	}
	flush()
	return out
}

// evidence returns the first sentence containing needle.
func (b *builder) evidence(needle string) graph.Evidence {
	return evidenceFor(b.f.Article, needle)
}

// evidenceFor returns the first sentence of an article's text that
// contains needle, as evidence.
func evidenceFor(a graph.Node, needle string) graph.Evidence {
	for _, s := range splitSentences(a.Text) {
		if strings.Contains(s.text, needle) {
			return graph.Evidence{ArticleID: a.ID, Sentence: s.text, Start: s.start, End: s.end}
		}
	}
	panic(fmt.Sprintf("graphtest: %s: no sentence contains %q", a.ID, needle))
}

func (b *builder) add(n graph.Node) string {
	if !b.nodes[n.ID] {
		b.nodes[n.ID] = true
		b.f.Nodes = append(b.f.Nodes, n)
	}
	return n.ID
}

// person adds a person, mentioned by the article.
func (b *builder) person(name string, aliases ...string) string {
	id := b.add(graph.Node{ID: graph.NodeID(graph.LabelPerson, name), Label: graph.LabelPerson, Name: name, Aliases: aliases})
	b.rel(graph.RelMentions, b.f.Article.ID, id, "", append([]string{name}, aliases...)...)
	return id
}

// reporter adds the byline's reporter, who AUTHORED the article.
func (b *builder) reporter(name string) {
	id := b.add(graph.Node{ID: graph.NodeID(graph.LabelPerson, name), Label: graph.LabelPerson, Name: name})
	b.rel(graph.RelAuthored, id, b.f.Article.ID, "", "记者"+name)
}

// org adds an organisation, mentioned by the article where needle says so.
func (b *builder) org(key, name, needle string, aliases ...string) string {
	id := b.add(graph.Node{ID: graph.NodeID(graph.LabelOrganisation, key), Label: graph.LabelOrganisation, Name: name, Aliases: aliases})
	b.rel(graph.RelMentions, b.f.Article.ID, id, "", needle)
	return id
}

// project adds a project, mentioned by the article where needle says so.
func (b *builder) project(name, needle string) string {
	id := b.add(graph.Node{ID: graph.NodeID(graph.LabelProject, name), Label: graph.LabelProject, Name: name})
	b.rel(graph.RelMentions, b.f.Article.ID, id, "", needle)
	return id
}

// holds adds person HOLDS post (OF org when org is not empty).
func (b *builder) holds(person, post, title, org, needle string) {
	id := b.add(graph.Node{ID: graph.NodeID(graph.LabelPost, post), Label: graph.LabelPost, Name: post, Title: title})
	b.rel(graph.RelHolds, person, id, "", needle)
	if org != "" {
		b.rel(graph.RelOf, id, org, "", needle)
	}
}

// event adds the article's event, which it REPORTS.
func (b *builder) event(name, date, partOfDay string, kind graph.EventKind, needle string) string {
	id := b.add(graph.Node{
		ID:    graph.NodeID(graph.LabelEvent, graph.EventKey(date, name, b.f.Article.ID)),
		Label: graph.LabelEvent, Name: name, Kind: kind, Date: date, PartOfDay: partOfDay,
	})
	b.rel(graph.RelReports, b.f.Article.ID, id, "", needle)
	return id
}

// rel adds a relation with one piece of evidence per needle.
func (b *builder) rel(t graph.RelType, from, to, role string, needles ...string) {
	r := graph.Relation{ID: graph.RelationID(t, from, to, role), Type: t, From: from, To: to, Role: role}
	for _, n := range needles {
		r.Evidence = append(r.Evidence, b.evidence(n))
	}
	b.f.Relations = append(b.f.Relations, r)
}

// Posts and organisations most articles share.
func (b *builder) leader(partyAliases ...string) (lv, partyCommittee string) {
	lv = b.person("吕沛")
	cppcc := b.org("市政协", "市政协", "市政协副主席")
	partyCommittee = b.org("高新区（示范区）党工委", "高新区（示范区）党工委", "高新区（示范区）党工委书记", partyAliases...)
	b.holds(lv, "市政协副主席", "副主席", cppcc, "市政协副主席")
	b.holds(lv, "高新区（示范区）党工委书记", "书记", partyCommittee, "党工委书记吕沛")
	return lv, partyCommittee
}

func (b *builder) deputy(partyCommittee, adminName, needle string) (gong, admin string) {
	gong = b.person("宫卫红")
	admin = b.org("高新区（示范区）管委会", adminName, needle)
	b.holds(gong, "高新区（示范区）党工委副书记", "副书记", partyCommittee, "党工委副书记")
	b.holds(gong, "高新区（示范区）管委会主任", "主任", admin, "管委会主任")
	return gong, admin
}

func seed1(b *builder) {
	b.reporter("付凯明")
	e := b.event("2026年第2次党政联席会议", "2026-01-13", "下午", graph.KindMeeting, "2026年第2次党政联席会议")
	// Only this article gives the party committee's abbreviation.
	lv, _ := b.leader("高新区党工委")
	b.rel(graph.RelChaired, lv, e, "", "吕沛主持召开")
	xi := b.person("习近平")
	b.holds(xi, "总书记", "总书记", "", "习近平总书记")
	liu := b.person("刘宁", "刘宁书记")
	provincial := b.org("省委", "省委", "省委书记刘宁")
	b.holds(liu, "省委书记", "书记", provincial, "省委书记刘宁")
	b.org("党中央", "党中央", "党中央")
	for _, p := range [][2]string{{"345创新行动", "“345”创新行动"}, {"三十工程", "“三十工程”"}} {
		id := b.project(p[0], p[1])
		b.rel(graph.RelDiscussed, e, id, "", p[1])
	}
}

func seed2(b *builder) {
	b.reporter("付凯明")
	e := b.event("高新区经济领域重点工作汇报会", "2026-01-15", "下午", graph.KindMeeting, "高新区经济领域重点工作汇报会")
	lv, party := b.leader()
	b.rel(graph.RelChaired, lv, e, "", "吕沛主持召开")
	xi := b.person("习近平")
	b.holds(xi, "总书记", "总书记", "", "习近平总书记")
	gong, _ := b.deputy(party, "高新区（示范区）管委会", "管委会主任宫卫红")
	b.rel(graph.RelAttended, gong, e, "", "宫卫红出席会议")
	b.org("工信部", "工信部", "工信部")
	b.org("市委", "市委", "市委要求")
}

func seed3(b *builder) {
	b.reporter("付凯明")
	e := b.event("高新区民生领域重点工作汇报会", "2026-01-16", "", graph.KindMeeting, "高新区民生领域重点工作汇报会")
	lv, party := b.leader()
	b.rel(graph.RelChaired, lv, e, "", "吕沛主持召开")
	gong, _ := b.deputy(party, "高新区（示范区）管委会", "管委会主任宫卫红")
	b.rel(graph.RelAttended, gong, e, "", "宫卫红出席会议")
	for _, o := range []string{"区教体中心", "卫健中心", "民政中心", "生态环境中心", "优化营商环境中心", "文旅中心"} {
		id := b.org(o, o, o)
		b.rel(graph.RelReportedAt, id, e, "", "分别汇报了")
	}
	b.org("文苑社区卫生服务中心", "文苑社区卫生服务中心", "文苑社区卫生服务中心")
	for _, p := range [][2]string{
		{"普惠托育机构建设项目", "普惠托育机构建设项目"},
		{"城乡养老服务改革发展三年行动", "城乡养老服务改革发展三年行动"},
		{"区域中心敬老院建设项目", "区域中心敬老院建设项目"},
		{"美丽蓝天建设项目", "美丽蓝天建设项目"},
		{"高效办成一件事", "“高效办成一件事”"},
		{"一枚印章管审批", "“一枚印章管审批”"},
	} {
		id := b.project(p[0], p[1])
		b.rel(graph.RelDiscussed, e, id, "", p[1])
	}
}

func seed4(b *builder) {
	b.reporter("付凯明")
	e := b.event("城建领域重点工作汇报会", "2026-01-14", "上午", graph.KindMeeting, "城建领域重点工作汇报会")
	lv, _ := b.leader()
	b.rel(graph.RelChaired, lv, e, "", "吕沛主持召开")
	xi := b.person("习近平")
	b.holds(xi, "总书记", "总书记", "", "习近平总书记")
	for _, o := range []string{"区自然资源和规划局", "城建中心", "城管中心", "城改中心", "城投公司", "公路中心"} {
		id := b.org(o, o, o)
		b.rel(graph.RelReportedAt, id, e, "", "分别汇报了")
	}
}

func seed5(b *builder) {
	b.reporter("付凯明")
	e := b.event("高新区领导与中信银行焦作分行客人座谈", "2026-01-13", "上午", graph.KindSymposium, "钱辉座谈")
	lv, party := b.leader()
	// The article calls the administrative committee just 管委会.
	gong, _ := b.deputy(party, "管委会", "管委会主任宫卫红")
	qian := b.person("钱辉")
	bank := b.org("中信银行焦作分行", "中信银行焦作分行", "中信银行焦作分行党委书记")
	b.holds(qian, "中信银行焦作分行党委书记", "党委书记", bank, "中信银行焦作分行党委书记")
	b.holds(qian, "中信银行焦作分行行长", "行长", bank, "行长钱辉")
	for _, p := range []string{lv, gong, qian} {
		b.rel(graph.RelAttended, p, e, "", "钱辉座谈")
	}
	b.rel(graph.RelParticipated, bank, e, "visited", "钱辉座谈", "钱辉一行到访")
	id := b.project("三十工程", "“三十工程”")
	b.rel(graph.RelDiscussed, e, id, "", "“三十工程”")
}

func seed6(b *builder) {
	b.reporter("付凯明")
	e := b.event("全区安全稳定工作会议", "2026-01-13", "下午", graph.KindMeeting, "全区安全稳定工作会议")
	lv, _ := b.leader()
	b.rel(graph.RelChaired, lv, e, "", "吕沛主持召开")
	team := b.org("市委督导组", "市委督导组", "市委督导组")
	b.rel(graph.RelParticipated, team, e, "guided", "市委督导组到会指导")
	b.org("市委", "市委", "市委要求")
}
