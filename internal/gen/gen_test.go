package gen_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/kgproject/kg/internal/gen"
)

func pages(t *testing.T, o gen.Options) []*gen.Page {
	t.Helper()
	g, err := gen.New(&o)
	if err != nil {
		t.Fatal(err)
	}
	var out []*gen.Page
	for p := g.Next(); p != nil; p = g.Next() {
		out = append(out, p)
	}
	return out
}

func TestDeterministic(t *testing.T) {
	a := pages(t, gen.Options{Seed: 7, Articles: 40})
	b := pages(t, gen.Options{Seed: 7, Articles: 40})
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two generators with the same options gave different pages")
	}
	if !reflect.DeepEqual(pages(t, gen.Options{Seed: 7, Articles: 40, Traps: true}), pages(t, gen.Options{Seed: 7, Articles: 40, Traps: true})) {
		t.Fatal("two generators with the same options and traps gave different pages")
	}
	c := pages(t, gen.Options{Seed: 8, Articles: 40})
	if a[0].Text == c[0].Text {
		t.Fatal("seeds 7 and 8 gave the same first page")
	}
}

func TestSizes(t *testing.T) {
	for _, tc := range []struct{ n, per, pages int }{{1, 6, 1}, {6, 6, 1}, {7, 6, 2}, {100, 4, 25}, {1000, 0, 167}} {
		t.Run(fmt.Sprint(tc.n, "/", tc.per), func(t *testing.T) {
			ps := pages(t, gen.Options{Seed: 1, Articles: tc.n, PerPage: tc.per})
			if got, want := len(ps), tc.pages; got != want {
				t.Fatalf("pages = %d, want %d", got, want)
			}
			n := 0
			for _, p := range ps {
				n += len(p.Gold.Articles)
			}
			if n != tc.n {
				t.Fatalf("articles = %d, want %d", n, tc.n)
			}
		})
	}
}

// articleTexts splits a page into its articles' texts by heading, with
// page-break splits rejoined as the gold reads them.
func articleTexts(page string) (titles, texts []string) {
	for _, part := range strings.Split(page, "\n#")[1:] {
		part = strings.TrimLeft(part, "# ")
		title, body, _ := strings.Cut(part, "\n")
		titles = append(titles, title)
		texts = append(texts, strings.ReplaceAll(body, "\n\n", ""))
	}
	return titles, texts
}

// TestGoldMatchesText checks that every planted fact is written in its
// article: names, posts before names, organisations, projects, dates, and
// that event roles name the article's people.
func TestGoldMatchesText(t *testing.T) {
	for _, traps := range []bool{false, true} {
		t.Run(fmt.Sprint("traps=", traps), func(t *testing.T) { goldMatchesText(t, traps) })
	}
}

func goldMatchesText(t *testing.T, traps bool) {
	kinds := map[string]bool{}
	for _, p := range pages(t, gen.Options{Seed: 3, Articles: 300, Traps: traps}) {
		titles, texts := articleTexts(p.Text)
		if len(titles) != len(p.Gold.Articles) {
			t.Fatalf("%s: %d headings, %d gold articles", p.Name, len(titles), len(p.Gold.Articles))
		}
		for i, a := range p.Gold.Articles {
			text := texts[i]
			if titles[i] != a.Title {
				t.Errorf("%s: heading %q, gold title %q", p.Name, titles[i], a.Title)
			}
			has := func(what, s string) {
				if !strings.Contains(text, s) {
					t.Errorf("%s %q: %s %q not in the text", p.Name, a.Title, what, s)
				}
			}
			for _, r := range a.Reporters {
				has("reporter", r)
			}
			people := map[string]bool{}
			for _, pp := range a.People {
				if people[pp.Name] || pp.ID == "" {
					t.Errorf("%s %q: person %q twice or without an id (%q)", p.Name, a.Title, pp.Name, pp.ID)
				}
				people[pp.Name] = true
				has("person", pp.Name)
				for _, post := range pp.Posts {
					// A post is written in full, or elided or shortened
					// (市委常委、政法委书记, 岚禾生物总经理) with its title
					// right before the name.
					if r := []rune(post); post != "记者" && !strings.Contains(text, post) {
						has("post title before the name", string(r[len(r)-2:])+pp.Name)
					}
				}
			}
			for _, o := range a.Organisations {
				// A list sharing its prefix writes 区财政局、统计局, an
				// elided post 市委常委、政法委书记.
				if r := []rune(o); !strings.Contains(text, o) && !strings.Contains(text, string(r[1:])) {
					has("organisation", string(r[2:]))
				}
			}
			unquote := strings.NewReplacer("“", "", "”", "").Replace(text)
			for _, pr := range a.Projects {
				if !strings.Contains(unquote, pr) {
					t.Errorf("%s %q: project %q not in the text", p.Name, a.Title, pr)
				}
			}
			if len(a.Events) != 1 {
				t.Fatalf("%s %q: %d events, want 1", p.Name, a.Title, len(a.Events))
			}
			e := a.Events[0]
			kinds[e.Kind] = true
			var m, d int
			if _, err := fmt.Sscanf(e.Date[5:], "%d-%d", &m, &d); err != nil {
				t.Fatalf("%s: date %q: %v", p.Name, e.Date, err)
			}
			has("date", fmt.Sprintf("%d月%d日", m, d))
			if e.PartOfDay != nil {
				has("part of day", fmt.Sprintf("%d月%d日%s", m, d, *e.PartOfDay))
			}
			for _, who := range append(slices.Clone(e.Chairs), e.Attendees...) {
				if !people[who] {
					t.Errorf("%s %q: event participant %s is not among the article's people", p.Name, a.Title, who)
				}
			}
			for _, o := range append(slices.Clone(e.Organisations), e.ReportingOrganisations...) {
				if !slices.Contains(a.Organisations, o) {
					t.Errorf("%s %q: event organisation %s is not among the article's organisations", p.Name, a.Title, o)
				}
			}
			for _, pr := range e.Projects {
				if !slices.Contains(a.Projects, pr) {
					t.Errorf("%s %q: event project %s is not among the article's projects", p.Name, a.Title, pr)
				}
			}
		}
	}
	for _, k := range []string{"meeting", "inspection", "symposium", "signing", "training", "groundbreaking"} {
		if !kinds[k] {
			t.Errorf("no %s event in 300 articles", k)
		}
	}
}

func TestKinds(t *testing.T) {
	for _, p := range pages(t, gen.Options{Seed: 2, Articles: 30, Kinds: []string{gen.KindSigning}}) {
		for _, a := range p.Gold.Articles {
			if k := a.Events[0].Kind; k != "signing" {
				t.Fatalf("kind %q with Kinds [signing]", k)
			}
		}
	}
	if _, err := gen.New(&gen.Options{Kinds: []string{"party"}}); err == nil {
		t.Fatal("New accepted an unknown kind")
	}
	if _, err := gen.New(&gen.Options{Articles: -1}); err == nil {
		t.Fatal("New accepted a negative size")
	}
}

// TestWrite checks the files and that the gold has the shared corpus's
// fields, null where the shared gold writes null.
func TestWrite(t *testing.T) {
	dir := t.TempDir()
	st, err := gen.Write(dir, &gen.Options{Seed: 5, Articles: 13, PerPage: 5})
	if err != nil {
		t.Fatal(err)
	}
	if st.Pages != 3 || st.Articles != 13 || st.Bytes == 0 {
		t.Fatalf("stats = %+v, want 3 pages, 13 articles", st)
	}
	b, err := os.ReadFile(filepath.Join(dir, "page-000003.gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	var g map[string]any
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	if g["file"] != "page-000003.md" {
		t.Fatalf("file = %v", g["file"])
	}
	arts := g["articles"].([]any)
	if len(arts) != 3 {
		t.Fatalf("last page has %d articles, want 3", len(arts))
	}
	a := arts[0].(map[string]any)
	for _, k := range []string{"title", "reporters", "people", "organisations", "projects", "events"} {
		if _, ok := a[k]; !ok {
			t.Errorf("article lacks %q", k)
		}
	}
	e := a["events"].([]any)[0].(map[string]any)
	for _, k := range []string{"name", "date", "end_date", "part_of_day", "kind", "chairs", "attendees", "organisations", "reporting_organisations", "projects"} {
		if _, ok := e[k]; !ok {
			t.Errorf("event lacks %q", k)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "page-000003.md")); err != nil {
		t.Fatal(err)
	}
}

// TestTraps checks that a corpus with traps plants each trap its gold must
// resolve, and that without traps every name is one person.
func TestTraps(t *testing.T) {
	type mention struct{ page, title, name, id string }
	collect := func(traps bool) (ids map[string]map[string]bool, posts map[string]map[string]bool, ms []mention) {
		ids, posts = map[string]map[string]bool{}, map[string]map[string]bool{}
		for _, p := range pages(t, gen.Options{Seed: 4, Articles: 300, Traps: traps}) {
			for _, a := range p.Gold.Articles {
				for _, pp := range a.People {
					if ids[pp.Name] == nil {
						ids[pp.Name] = map[string]bool{}
					}
					ids[pp.Name][pp.ID] = true
					if posts[pp.ID] == nil {
						posts[pp.ID] = map[string]bool{}
					}
					posts[pp.ID][strings.Join(pp.Posts, "、")] = true
					ms = append(ms, mention{p.Name, a.Title, pp.Name, pp.ID})
				}
			}
		}
		return ids, posts, ms
	}
	ids, _, _ := collect(false)
	for name, set := range ids {
		if len(set) != 1 {
			t.Errorf("without traps, %s is %d people", name, len(set))
		}
	}
	ids, posts, ms := collect(true)
	namesakes := 0
	for _, set := range ids {
		if len(set) > 1 {
			namesakes++
		}
	}
	moved := 0
	for _, ps := range posts {
		if len(ps) > 1 {
			moved++
		}
	}
	// Clustering the mentions by name alone must fall short of the
	// issue's precision goal (0.99), or the traps measure nothing.
	byName, byID, both := map[string]int{}, map[string]int{}, map[[2]string]int{}
	for _, m := range ms {
		byName[m.name]++
		byID[m.id]++
		both[[2]string{m.name, m.id}]++
	}
	precision := 0.0
	for _, m := range ms {
		precision += float64(both[[2]string{m.name, m.id}]) / float64(byName[m.name])
	}
	precision /= float64(len(ms))
	t.Logf("%d mentions, %d names of several people, %d people with several posts; clustering by name has B-cubed precision %.3f", len(ms), namesakes, moved, precision)
	if namesakes < 3 || moved < 3 || precision >= 0.99 {
		t.Errorf("traps too weak: %d namesakes, %d people moved, name-only precision %.3f; want at least 3, 3 and under 0.99", namesakes, moved, precision)
	}
	// Several counties, each with its own 县委书记, and on one page a head
	// who shares the secretary's surname.
	secretaries := map[string]bool{}
	sharedSurname := false
	for _, p := range pages(t, gen.Options{Seed: 4, Articles: 300, Traps: true}) {
		for _, a := range p.Gold.Articles {
			var sec, head string
			for _, pp := range a.People {
				for _, x := range pp.Posts {
					switch x {
					case "县委书记":
						secretaries[pp.ID] = true
						sec = pp.Name
					case "县长", "区长":
						head = pp.Name
					}
				}
			}
			if sec != "" && head != "" && []rune(sec)[0] == []rune(head)[0] {
				sharedSurname = true
			}
		}
	}
	if len(secretaries) < 3 {
		t.Errorf("%d counties' 县委书记, want at least 3", len(secretaries))
	}
	if !sharedSurname {
		t.Error("no article names a secretary and a head of one surname")
	}
}
