package ingest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/ingest"
)

// This file ports the matching rules of the project's scorer (kgscore) so
// that extraction quality is tested without the shared corpus: the pages
// and their gold annotations are copied under testdata/.

type goldEvent struct {
	Name          string   `json:"name"`
	Date          string   `json:"date"`
	Chairs        []string `json:"chairs"`
	Attendees     []string `json:"attendees"`
	Organisations []string `json:"organisations"`
	Reporting     []string `json:"reporting_organisations"`
	Projects      []string `json:"projects"`
}

type goldArticle struct {
	Title     string   `json:"title"`
	Reporters []string `json:"reporters"`
	People    []struct {
		Name  string   `json:"name"`
		Posts []string `json:"posts"`
	} `json:"people"`
	Organisations []string    `json:"organisations"`
	Projects      []string    `json:"projects"`
	Events        []goldEvent `json:"events"`
}

var (
	parenRe = regexp.MustCompile(`[（(][^（）()]*[）)]`)
	dropRe  = regexp.MustCompile(`[\s“”"'‘’《》「」『』【】·]`)
)

func normName(s string) string {
	return dropRe.ReplaceAllString(parenRe.ReplaceAllString(norm.NFKC.String(s), ""), "")
}

func sameName(g, s string, loose bool) bool {
	g, s = normName(g), normName(s)
	if g == "" || s == "" {
		return false
	}
	if g == s {
		return true
	}
	if !loose {
		return false
	}
	short, long := g, s
	if len([]rune(short)) > len([]rune(long)) {
		short, long = long, short
	}
	return strings.Contains(long, short) && float64(len([]rune(short))) >= 0.6*float64(len([]rune(long)))
}

type tally struct{ tp, fp, fn int }

func uniq(xs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range xs {
		if normName(x) != "" && !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

func (t *tally) add(gold, sys []string, loose bool) (misses, extra []string) {
	gold, sys = uniq(gold), uniq(sys)
	used := map[int]bool{}
	for _, g := range gold {
		hit := -1
		for i, s := range sys {
			if !used[i] && normName(s) == normName(g) {
				hit = i
				break
			}
		}
		if hit < 0 {
			for i, s := range sys {
				if !used[i] && sameName(g, s, loose) {
					hit = i
					break
				}
			}
		}
		if hit < 0 {
			misses = append(misses, g)
		} else {
			used[hit] = true
		}
	}
	for i, s := range sys {
		if !used[i] {
			extra = append(extra, s)
		}
	}
	t.tp += len(gold) - len(misses)
	t.fn += len(misses)
	t.fp += len(extra)
	return misses, extra
}

func (t tally) prf() (p, r, f float64) {
	switch {
	case t.tp+t.fp > 0:
		p = float64(t.tp) / float64(t.tp+t.fp)
	case t.fn == 0:
		p = 1
	}
	r = 1
	if t.tp+t.fn > 0 {
		r = float64(t.tp) / float64(t.tp+t.fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

// view is the graph as the GraphQL API shows it: nodes merged across
// articles, relations joined.
type view struct {
	nodes map[string]graph.Node
	rels  []graph.Relation
	arts  []graph.Node
}

func buildView(t *testing.T, p *ingest.Pipeline, pages []string) *view {
	t.Helper()
	parts := map[string][]graph.Node{}
	v := &view{nodes: map[string]graph.Node{}}
	var facts []*graph.ArticleFacts
	err := p.Read(context.Background(), pages, func(a *ingest.Article) error {
		f, err := p.Facts(a)
		if err != nil {
			return err
		}
		facts = append(facts, f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(facts, func(i, j int) bool { return facts[i].Article.ID < facts[j].Article.ID })
	for _, f := range facts {
		v.arts = append(v.arts, f.Article)
		for _, n := range f.Nodes {
			parts[n.ID] = append(parts[n.ID], n)
		}
		v.rels = append(v.rels, f.Relations...)
	}
	for id, ps := range parts {
		v.nodes[id] = graph.MergeNodes(ps)
	}
	return v
}

func (v *view) names(typ graph.RelType, to string, fromSide bool, id string) []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range v.rels {
		if r.Type != typ {
			continue
		}
		var other string
		switch {
		case fromSide && r.To == id:
			other = r.From
		case !fromSide && r.From == id:
			other = r.To
		default:
			continue
		}
		if to != "" && graph.LabelOfID(other) != graph.Label(to) {
			continue
		}
		if !seen[other] {
			seen[other] = true
			out = append(out, v.nodes[other].Name)
		}
	}
	return out
}

type scores struct {
	t                  map[string]*tally
	datesOK, datesN    int
	found, articles    int
	entities, relation tally
	report             []string
}

var scoreKinds = []string{"people", "organisations", "projects", "reporters", "posts", "chairs", "attendees", "event_orgs", "reporting_orgs", "event_projects", "events"}

func score(t *testing.T, pages []string) *scores {
	t.Helper()
	p := pipeline(t, nil)
	v := buildView(t, p, pages)
	var gold []goldArticle
	for _, pg := range pages {
		b, err := os.ReadFile(strings.TrimSuffix(pg, ".md") + ".gold.json")
		if err != nil {
			t.Fatal(err)
		}
		var g struct {
			Articles []goldArticle `json:"articles"`
		}
		if err := json.Unmarshal(b, &g); err != nil {
			t.Fatal(err)
		}
		gold = append(gold, g.Articles...)
	}
	s := &scores{t: map[string]*tally{}}
	for _, k := range scoreKinds {
		s.t[k] = &tally{}
	}
	byTitle := map[string][]graph.Node{}
	for _, a := range v.arts {
		byTitle[normName(a.Title)] = append(byTitle[normName(a.Title)], a)
	}
	for _, g := range gold {
		s.articles++
		cands := byTitle[normName(g.Title)]
		var art graph.Node
		if len(cands) > 0 {
			art = cands[0]
			byTitle[normName(g.Title)] = cands[1:]
			s.found++
		}
		reporters := map[string]bool{}
		for _, r := range g.Reporters {
			reporters[normName(r)] = true
		}
		var gp, sp []string
		for _, p := range g.People {
			if !reporters[normName(p.Name)] {
				gp = append(gp, p.Name)
			}
		}
		for _, n := range v.names(graph.RelMentions, "Person", false, art.ID) {
			if !reporters[normName(n)] {
				sp = append(sp, n)
			}
		}
		line := "# " + g.Title
		add := func(k string, gold, sys []string, loose bool) {
			m, e := s.t[k].add(gold, sys, loose)
			if len(m)+len(e) > 0 {
				line += fmt.Sprintf("\n   %-14s missed %v  extra %v", k, m, e)
			}
		}
		add("people", gp, sp, false)
		add("organisations", g.Organisations, v.names(graph.RelMentions, "Organisation", false, art.ID), true)
		add("projects", g.Projects, v.names(graph.RelMentions, "Project", false, art.ID), true)
		add("reporters", g.Reporters, v.names(graph.RelAuthored, "", true, art.ID), false)
		var sev []string
		for _, r := range v.rels {
			if r.Type == graph.RelReports && r.From == art.ID {
				sev = append(sev, r.To)
			}
		}
		for _, ge := range g.Events {
			best, bestScore := -1, -1.0
			for i, id := range sev {
				e := v.nodes[id]
				sc := sim(ge.Name, e.Name)
				if e.Date == ge.Date {
					sc += 0.5
				}
				if sc > bestScore {
					best, bestScore = i, sc
				}
			}
			id := ""
			if best < 0 {
				s.t["events"].fn++
				line += "\n   event missed " + ge.Name
			} else {
				id = sev[best]
				sev = append(sev[:best], sev[best+1:]...)
				s.t["events"].tp++
				if ge.Date != "" {
					s.datesN++
					if v.nodes[id].Date == ge.Date {
						s.datesOK++
					} else {
						line += fmt.Sprintf("\n   event date %q want %q", v.nodes[id].Date, ge.Date)
					}
				}
			}
			add("chairs", ge.Chairs, v.names(graph.RelChaired, "", true, id), false)
			add("attendees", ge.Attendees, v.names(graph.RelAttended, "", true, id), false)
			add("event_orgs", ge.Organisations, v.names(graph.RelParticipated, "", true, id), true)
			add("reporting_orgs", ge.Reporting, v.names(graph.RelReportedAt, "", true, id), true)
			add("event_projects", ge.Projects, v.names(graph.RelDiscussed, "", false, id), true)
		}
		for _, id := range sev {
			line += "\n   extra event " + v.nodes[id].Name
		}
		s.t["events"].fp += len(sev)
		s.report = append(s.report, line)
	}
	goldPosts := map[string][]string{}
	for _, g := range gold {
		for _, p := range g.People {
			goldPosts[normName(p.Name)] = append(goldPosts[normName(p.Name)], p.Posts...)
		}
	}
	sysPosts := map[string][]string{}
	for id, n := range v.nodes {
		if n.Label == graph.LabelPerson {
			sysPosts[normName(n.Name)] = append(sysPosts[normName(n.Name)], v.names(graph.RelHolds, "", false, id)...)
		}
	}
	var who []string
	for w := range goldPosts {
		who = append(who, w)
	}
	sort.Strings(who)
	for _, w := range who {
		g, sy := uniqSorted(goldPosts[w]), uniqSorted(sysPosts[w])
		m, e := s.t["posts"].add(g, sy, true)
		if len(m)+len(e) > 0 {
			s.report = append(s.report, fmt.Sprintf("posts of %s: missed %v extra %v", w, m, e))
		}
	}
	for _, k := range []string{"people", "organisations", "projects", "reporters"} {
		s.entities.tp += s.t[k].tp
		s.entities.fp += s.t[k].fp
		s.entities.fn += s.t[k].fn
	}
	for _, k := range []string{"posts", "chairs", "attendees", "event_orgs", "reporting_orgs", "event_projects"} {
		s.relation.tp += s.t[k].tp
		s.relation.fp += s.t[k].fp
		s.relation.fn += s.t[k].fn
	}
	return s
}

func uniqSorted(xs []string) []string {
	xs = uniq(xs)
	sort.Strings(xs)
	return xs
}

func sim(a, b string) float64 {
	sa, sb := map[rune]bool{}, map[rune]bool{}
	for _, c := range normName(a) {
		sa[c] = true
	}
	for _, c := range normName(b) {
		sb[c] = true
	}
	inter, union := 0, len(sb)
	for c := range sa {
		if sb[c] {
			inter++
		} else {
			union++
		}
	}
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}

func (s *scores) dates() float64 {
	if s.datesN == 0 {
		return 1
	}
	return float64(s.datesOK) / float64(s.datesN)
}

func (s *scores) log(t *testing.T) {
	t.Helper()
	if testing.Verbose() && os.Getenv("KG_SCORE_DETAIL") != "" {
		for _, l := range s.report {
			t.Log(l)
		}
	}
	for _, k := range scoreKinds {
		p, r, f := s.t[k].prf()
		t.Logf("%-15s P %.3f  R %.3f  F1 %.3f   (tp %d fp %d fn %d)", k, p, r, f, s.t[k].tp, s.t[k].fp, s.t[k].fn)
	}
	_, _, ef := s.entities.prf()
	_, _, rf := s.relation.prf()
	_, _, vf := s.t["events"].prf()
	t.Logf("articles found %d/%d; entities F1 %.3f  relations F1 %.3f  events F1 %.3f  dates %.3f", s.found, s.articles, ef, rf, vf, s.dates())
}

func TestScoreAgainstGold(t *testing.T) {
	for _, tc := range []struct {
		name                        string
		pages                       []string
		entities, relations, events float64
		dates                       float64
	}{
		{"seed", []string{"seed.md"}, 0.95, 0.90, 1.0, 1.0},
		{"dev", []string{"dev-01.md", "dev-02.md", "dev-03.md", "dev-04.md"}, 0.85, 0.75, 0, 0},
		// Pages in other house styles, written with their gold before the
		// rules were tuned on them (see docs/EXTRACTION.md).
		{"heldout", []string{"heldout/h-01.md", "heldout/h-02.md", "heldout/h-03.md"}, 0.97, 0.95, 0.95, 0.95},
		// Two more pages, written after the tuning on heldout/ and
		// measured before any change (docs/EXTRACTION.md has both figures).
		{"fresh", []string{"fresh/f-01.md", "fresh/f-02.md"}, 0.97, 0.95, 0.95, 0.95},
		{"fresh2", []string{"fresh2/g-01.md"}, 0.97, 0.95, 0.95, 0.95},
		{"fresh3", []string{"fresh3/k-01.md"}, 0.97, 0.95, 0.95, 0.95},
		{"fresh4", []string{"fresh4/m-01.md"}, 0.95, 0.95, 0.95, 0.95},
		{"fresh5", []string{"fresh5/n-01.md"}, 0.97, 0.95, 0.95, 0.95},
		{"fresh6", []string{"fresh6/p-01.md"}, 0.95, 0.95, 0.95, 0.95},
		{"fresh7", []string{"fresh7/q-01.md"}, 0.97, 0.95, 0.95, 0.95},
		{"fresh8", []string{"fresh8/r-01.md"}, 0.97, 0.95, 0.95, 0.95},
		{"fresh9", []string{"fresh9/s-01.md"}, 0.97, 0.95, 0.95, 0.95},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var pages []string
			for _, p := range tc.pages {
				pages = append(pages, filepath.Join("testdata", p))
			}
			s := score(t, pages)
			s.log(t)
			_, _, ef := s.entities.prf()
			_, _, rf := s.relation.prf()
			_, _, vf := s.t["events"].prf()
			if s.found != s.articles {
				t.Errorf("found %d of %d articles", s.found, s.articles)
			}
			if ef < tc.entities {
				t.Errorf("entities F1 %.3f < %.2f", ef, tc.entities)
			}
			if rf < tc.relations {
				t.Errorf("relations F1 %.3f < %.2f", rf, tc.relations)
			}
			if vf < tc.events {
				t.Errorf("events F1 %.3f < %.2f", vf, tc.events)
			}
			if s.dates() < tc.dates {
				t.Errorf("event dates %.3f < %.2f", s.dates(), tc.dates)
			}
		})
	}
}
