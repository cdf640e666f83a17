package gen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// post is an organisation and a title; org is empty for titles written
// alone (区长, 副市长).
type post struct{ org, title string }

func (p post) String() string { return p.org + p.title }

// person is an invented official, manager or reporter.
type person struct {
	// id tells the person apart from everyone else, namesakes included;
	// the gold writes it as each mention's identity key.
	id      string
	name    string
	surname string
	posts   []post
	// short is the title a later mention puts after the surname (书记 in
	// 彭书记), empty when the genre would not shorten it.
	short string
	// written is how the text writes the posts when it elides part of
	// them (市委常委、政法委书记 for 市委常委 and 市委政法委书记); empty
	// means the posts in full.
	written string
}

// company is an invented enterprise with its leaders and a project.
type company struct {
	full, brand      string
	chair, manager   *person
	project, product string
}

// unit is a district or county of the city: the subject of a page.
type unit struct {
	name, kind string // 枫屿区, 区
	secretary  *person
	head       *person // 区委副书记、区长
	exec       *person // 区委常委、常务副区长
	deputies   []*person
	npc        *person
	npcDeputy  *person
	cppcc      *person
	cppccVice  *person
	discipline *person
	depts      []string // 区住房和城乡建设局 …
	deptHeads  []*person
	companies  []*company
	projects   []string
	roads      []string
	reporters  []*person
	school     string
	meetings   int // numbered meetings held so far
}

// city is the prefecture-level city every unit belongs to.
type city struct {
	short, name, paper string
	secretary, mayor   *person
	exec               *person
	vices              []*person
	cppcc, npc         *person
	politics           *person // 市委常委、政法委书记, written with the shared prefix elided
	deptHeads          []*person
	depts              []string
}

// world is the invented population of a corpus.
type world struct {
	rng   *rand.Rand
	names map[string]bool
	city  *city
	units []*unit
	// people counts the people invented so far; it numbers their ids.
	people int
	// traps is Options.Traps.
	traps bool
}

// newWorld invents a city with enough districts and counties for a corpus
// of n articles: more units for bigger corpora, so that people and events
// stay varied while each unit still recurs on many pages. With traps it
// invents more units, half of them counties, and the identity traps of
// Options.Traps.
func newWorld(rng *rand.Rand, n int, traps bool) *world {
	w := &world{rng: rng, names: map[string]bool{}, traps: traps}
	short := w.placeName(1) + "州"
	c := &city{short: short, name: short + "市", paper: short + "日报"}
	c.secretary = w.person("书记", post{"市委", "书记"})
	c.mayor = w.person("市长", post{"市委", "副书记"}, post{"", "市长"})
	c.exec = w.person("", post{"市委", "常委"}, post{"", "常务副市长"})
	for i := 0; i < 3; i++ {
		c.vices = append(c.vices, w.person("", post{"", "副市长"}))
	}
	c.cppcc = w.person("主席", post{"市政协", "主席"})
	c.politics = w.person("", post{"市委", "常委"}, post{"市委政法委", "书记"})
	c.politics.written = "市委常委、政法委书记"
	c.npc = w.person("主任", post{"市人大常委会", "主任"})
	for _, d := range pickN(rng, cityDepts, 6) {
		org := "市" + d
		c.depts = append(c.depts, org)
		title := "副局长"
		if strings.HasSuffix(d, "委员会") {
			title = "副主任"
		}
		c.deptHeads = append(c.deptHeads, w.person("", post{org, title}))
	}
	w.city = c
	units, county := 3+n/400, 3
	if traps {
		// Many counties, each with its own 县委书记 written 县委书记.
		units, county = 6+n/100, 2
	}
	used := map[string]bool{}
	for i := 0; i < units; i++ {
		kind := "区"
		if i%county == county-1 {
			kind = "县"
		}
		var name string
		for {
			name = w.placeName(2) + kind
			if !used[name] {
				break
			}
		}
		used[name] = true
		u := w.unit(name, kind)
		if traps && len(w.units) > 0 {
			w.namesake(u)
		}
		w.units = append(w.units, u)
	}
	return w
}

func (w *world) unit(name, k string) *unit {
	u := &unit{name: name, kind: k}
	u.secretary = w.person("书记", post{k + "委", "书记"})
	if w.traps && w.rng.IntN(3) == 0 {
		// 郁书记 and 郁区长 in one article: a surname and title must find
		// the one of the two that holds the title.
		u.head = w.personSurnamed(u.secretary.surname, k+"长", post{k + "委", "副书记"}, post{"", k + "长"})
	} else {
		u.head = w.person(k+"长", post{k + "委", "副书记"}, post{"", k + "长"})
	}
	u.exec = w.person("", post{k + "委", "常委"}, post{"", "常务副" + k + "长"})
	for i := 0; i < 3; i++ {
		u.deputies = append(u.deputies, w.person("", post{"", "副" + k + "长"}))
	}
	u.npc = w.person("主任", post{k + "人大常委会", "主任"})
	u.npcDeputy = w.person("", post{k + "人大常委会", "副主任"})
	u.cppcc = w.person("主席", post{k + "政协", "主席"})
	u.cppccVice = w.person("", post{k + "政协", "副主席"})
	u.discipline = w.person("", post{k + "委", "常委"}, post{k + "纪委", "书记"})
	for _, d := range pickN(w.rng, unitDepts, 6) {
		org := k + d
		u.depts = append(u.depts, org)
		title := "局长"
		if strings.HasSuffix(d, "委员会") {
			title = "主任"
		}
		u.deptHeads = append(u.deptHeads, w.person("", post{org, title}))
	}
	stem := strings.TrimSuffix(name, k)
	for i := 0; i < 3; i++ {
		brand := w.brand()
		ind := industries[w.rng.IntN(len(industries))]
		form := "有限公司"
		if w.rng.IntN(2) == 0 {
			form = "股份有限公司"
		}
		co := &company{full: brand + ind + form, brand: brand + ind}
		co.chair = w.person("", post{co.full, "董事长"})
		co.manager = w.person("", post{co.full, "总经理"})
		co.product = products[w.rng.IntN(len(products))]
		co.project = brand + co.product + "项目"
		u.companies = append(u.companies, co)
	}
	for _, p := range pickN(w.rng, unitProjects, 4) {
		u.projects = append(u.projects, stem+p)
	}
	for i := 0; i < 2; i++ {
		u.roads = append(u.roads, w.placeName(2)+roadSuffix[w.rng.IntN(len(roadSuffix))])
	}
	for i := 0; i < 3; i++ {
		u.reporters = append(u.reporters, w.person(""))
	}
	u.school = stem + schoolSuffix[w.rng.IntN(len(schoolSuffix))]
	return u
}

// person invents a person with a name no one else in the world has.
func (w *world) person(short string, posts ...post) *person {
	return w.personSurnamed("", short, posts...)
}

// personSurnamed invents a person with surname sur (a random one when
// empty) and a name no one else in the world has.
func (w *world) personSurnamed(sur, short string, posts ...post) *person {
	for {
		if sur == "" {
			if w.rng.IntN(12) == 0 {
				sur = compoundSurnames[w.rng.IntN(len(compoundSurnames))]
			} else {
				sur = singleSurnames[w.rng.IntN(len(singleSurnames))]
			}
		}
		given := string(givenChars[w.rng.IntN(len(givenChars))])
		if w.rng.IntN(10) < 7 {
			given += string(givenChars[w.rng.IntN(len(givenChars))])
		}
		name := sur + given
		if w.names[name] || strings.ContainsRune(given, []rune(sur)[0]) {
			continue
		}
		w.names[name] = true
		return w.newPerson(name, sur, short, posts...)
	}
}

func (w *world) newPerson(name, sur, short string, posts ...post) *person {
	w.people++
	return &person{id: fmt.Sprintf("p%05d", w.people), name: name, surname: sur, posts: posts, short: short}
}

// namesake gives one official of the new unit u the name of an official
// of an earlier unit: two people, one name, in different counties and
// bodies. Every other unit also shares a deputy's name with the unit
// before it, so that two people of one name hold the same title (副区长)
// in two places.
func (w *world) namesake(u *unit) {
	prev := w.units[w.rng.IntN(len(w.units))]
	// Not the head: reshuffle makes heads 副市长, who appear on every
	// unit's pages, and one article never names two people of one name.
	from := []*person{prev.secretary, prev.exec, prev.deputies[0], prev.npc, prev.cppcc}
	from = append(from, prev.deptHeads...)
	to := []*person{u.exec, u.npc, u.cppcc, u.deptHeads[0], u.deputies[2]}
	w.rename(to[w.rng.IntN(len(to))], from[w.rng.IntN(len(from))])
	if len(w.units)%2 == 0 {
		w.rename(u.deputies[1], w.units[len(w.units)-1].deputies[1])
	}
}

// rename gives p the name of q, keeping p's identity.
func (w *world) rename(p, q *person) {
	delete(w.names, p.name)
	p.name, p.surname = q.name, q.surname
}

// reshuffle moves people between posts, as happens mid-year: in every
// other unit the head (区长) becomes a 副市长, the executive deputy becomes
// the head and a deputy becomes the executive deputy, each the same
// person before and after.
func (w *world) reshuffle() {
	c := w.city
	for i := 0; i < len(w.units); i += 2 {
		u := w.units[i]
		k := u.kind
		old := u.head
		old.posts, old.short, old.written = []post{{"", "副市长"}}, "", ""
		c.vices[(i/2)%len(c.vices)] = old
		u.head = u.exec
		u.head.posts, u.head.short = []post{{k + "委", "副书记"}, {"", k + "长"}}, k+"长"
		u.exec = u.deputies[0]
		u.exec.posts = []post{{k + "委", "常委"}, {"", "常务副" + k + "长"}}
		u.deputies[0] = w.person("", post{"", "副" + k + "长"})
	}
}

func (w *world) placeName(n int) string {
	var sb strings.Builder
	for i := 0; i < n; i++ {
		sb.WriteRune(placeChars[w.rng.IntN(len(placeChars))])
	}
	return sb.String()
}

func (w *world) brand() string {
	return string(brandChars[w.rng.IntN(len(brandChars))]) + string(placeChars[w.rng.IntN(len(placeChars))])
}

// pickN returns n distinct elements of xs in random order.
func pickN(rng *rand.Rand, xs []string, n int) []string {
	idx := rng.Perm(len(xs))
	out := make([]string, 0, n)
	for _, i := range idx[:min(n, len(xs))] {
		out = append(out, xs[i])
	}
	return out
}

// chain writes a person's posts as the genre does before a name:
// 区委副书记、区长.
func (p *person) chain() string {
	if p.written != "" {
		return p.written
	}
	s := make([]string, len(p.posts))
	for i, x := range p.posts {
		s[i] = x.String()
	}
	return strings.Join(s, "、")
}

func (p *person) String() string { return fmt.Sprintf("%s%s", p.chain(), p.name) }
