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
	kinds := map[string]bool{}
	for _, p := range pages(t, gen.Options{Seed: 3, Articles: 300}) {
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
