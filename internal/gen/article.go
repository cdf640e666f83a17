package gen

import (
	"fmt"
	"strings"
)

// article is one article being written: its paragraphs and the gold facts
// planted in them. Helpers that write a name into the text also record it
// in the gold, so text and gold cannot drift apart.
type article struct {
	g      *Generator
	u      *unit
	paras  []string
	gold   GoldArticle
	seen   map[*person]bool
	orgs   map[string]bool
	projs  map[string]bool
	split  bool // split one filler sentence with a page break
	byText string
}

// text returns the article's body: the byline glued to the first paragraph,
// paragraphs separated by blank lines.
func (a *article) text() string {
	return a.byText + strings.Join(a.paras, "\n\n") + "\n"
}

func (a *article) para(parts ...string) { a.paras = append(a.paras, strings.Join(parts, "")) }

// byline writes **本报讯（记者X）** in one of the house variants.
func (a *article) byline() {
	g, u := a.g, a.u
	r1 := u.reporters[g.rng.IntN(2)]
	switch v := g.rng.IntN(10); {
	case v < 5:
		a.byText = "**本报讯（记者" + r1.name + "）**"
		a.gold.Reporters = []string{r1.name}
	case v < 7:
		r2 := u.reporters[1-indexOf(u.reporters, r1)]
		a.byText = "**本报讯（记者" + r1.name + " " + r2.name + "）**"
		a.gold.Reporters = []string{r1.name, r2.name}
	case v < 9:
		r2 := u.reporters[2]
		a.byText = "**本报讯（记者" + r1.name + " 通讯员" + r2.name + "）**"
		a.gold.Reporters = []string{r1.name, r2.name}
	default:
		paper := g.w.city.paper
		a.byText = "**" + paper + "讯（记者" + r1.name + "）**"
		a.gold.Reporters = []string{r1.name}
		a.gold.People = append(a.gold.People, GoldPerson{Name: r1.name, Posts: []string{"记者"}, ID: r1.id})
		a.org(paper)
	}
}

func indexOf(ps []*person, p *person) int {
	for i, q := range ps {
		if q == p {
			return i
		}
	}
	return -1
}

// who writes a person: posts and name at the first mention in the article,
// the name alone after that.
func (a *article) who(p *person) string {
	if a.seen[p] {
		return p.name
	}
	a.seen[p] = true
	gp := GoldPerson{Name: p.name, Posts: []string{}, ID: p.id}
	for _, x := range p.posts {
		gp.Posts = append(gp.Posts, x.String())
		if x.org != "" {
			a.org(x.org)
		}
	}
	a.gold.People = append(a.gold.People, gp)
	return p.chain() + p.name
}

// list writes several people as the genre does: 甲，乙 with the posts of
// each, commas between people whose posts form a chain.
// Consecutive new people with the same single post share it: 副区长甲、乙.
func (a *article) list(ps []*person) string {
	var s []string
	for i := 0; i < len(ps); i++ {
		p := ps[i]
		if !a.seen[p] && len(p.posts) == 1 && i+1 < len(ps) {
			q := ps[i+1]
			if !a.seen[q] && len(q.posts) == 1 && q.posts[0] == p.posts[0] {
				first := a.who(p)
				a.who(q)
				s = append(s, first+"、"+q.name)
				i++
				continue
			}
		}
		s = append(s, a.who(p))
	}
	return strings.Join(s, "，")
}

// org records a named body in the gold and returns it.
func (a *article) org(name string) string {
	if !a.orgs[name] {
		a.orgs[name] = true
		a.gold.Organisations = append(a.gold.Organisations, name)
	}
	return name
}

// project records a project under its gold name and returns its text.
func (a *article) project(text, gold string) string {
	if !a.projs[gold] {
		a.projs[gold] = true
		a.gold.Projects = append(a.gold.Projects, gold)
	}
	return text
}

// programme writes a quoted programme (“三链融合”行动) and records it.
func (a *article) programme() (text, gold string) {
	p, h := a.g.pick(programmes), a.g.pick(heads)
	return a.project("“"+p+"”"+h, p+h), p + h
}

// filler adds n sentences without names; one of them is split by a page
// break when the article was chosen for it.
func (a *article) filler(n int) {
	n = min(n+2+a.g.rng.IntN(3), len(fillers))
	var sb strings.Builder
	for _, i := range a.g.rng.Perm(len(fillers))[:n] {
		s := fillers[i]
		if a.split {
			r := []rune(s)
			k := 8 + a.g.rng.IntN(len(r)-12)
			s = string(r[:k]) + "\n\n" + string(r[k:])
			a.split = false
		}
		sb.WriteString(s)
	}
	a.para(sb.String())
}

// when writes the date and part of day (1月13日下午) and returns it with
// the gold date and part of day.
func (a *article) when(withPod bool) (text, date string, pod *string) {
	d := a.g.date()
	text = fmt.Sprintf("%d月%d日", int(d.Month()), d.Day())
	if withPod && a.g.chance(0.7) {
		p := a.g.pick(pods)
		text += p
		pod = &p
	}
	return text, d.Format("2006-01-02"), pod
}

func (a *article) event(e GoldEvent) {
	for _, xs := range []*[]string{&e.Chairs, &e.Attendees, &e.Organisations, &e.ReportingOrganisations, &e.Projects} {
		if *xs == nil {
			*xs = []string{}
		}
	}
	a.gold.Events = append(a.gold.Events, e)
}

func names(ps ...*person) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.name
	}
	return out
}

// later writes a later mention of p: the name, or surname and short title
// (彭书记) where the genre shortens it.
func (a *article) later(p *person) string {
	if p.short != "" && a.g.chance(0.4) {
		return p.surname + p.short
	}
	return p.name
}

// discuss writes the projects an event discusses and returns their gold
// names.
func (a *article) discuss() []string {
	g, u := a.g, a.u
	var gold []string
	p1 := u.projects[g.rng.IntN(len(u.projects))]
	co := u.companies[g.rng.IntN(len(u.companies))]
	prog, progGold := a.programme()
	switch g.rng.IntN(3) {
	case 0:
		a.para("会议强调，要加快推进", a.project(p1, p1), "、", a.project(co.project, co.project), "建设进度，力争早日建成见效。要深入实施", prog, "，全力以赴抓项目、稳运行、促创新。")
	case 1:
		a.para("要紧盯", a.project(co.project, co.project), "，协调解决用地、用能等要素保障问题，推动项目早投产、早见效；要扎实推进", a.project(p1, p1), "，深入开展", prog, "。")
	default:
		a.para("会议要求，全面开展", prog, "，对照项目清单逐一明确责任领导和完成时限，推动", a.project(p1, p1), "、", a.project(co.project, co.project), "加快建设。要坚持", g.pick(slogans), "，以项目建设的好成效检验干部作风能力。")
	}
	gold = append(gold, p1, co.project, progGold)
	return gold
}

// short writes a company person the way the genre does once the company
// has been named: with the company's short name (岚禾生物总经理X), which
// the gold expands to the full name. At the first mention, or by chance,
// it writes the posts in full.
func (a *article) short(co *company, p *person) string {
	if a.seen[p] || !a.orgs[co.full] || a.g.chance(0.5) {
		return a.who(p)
	}
	full := a.who(p)
	return co.brand + strings.TrimPrefix(full, co.full)
}
