package schema_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/kgproject/kg/graph"
)

// tenureFacts are four articles about a premier, his successor appointed
// by a statement, and two vice premiers in office together. Its names
// share nothing with the seed page's.
func tenureFacts() []graph.ArticleFacts {
	var out []graph.ArticleFacts
	for i, a := range []struct {
		published, text string
		holds           []string // person@post
	}{
		{"2030-01-05", "国务院总理钱北会见外宾。", []string{"钱北@总理"}},
		{"2030-06-01", "国务院总理钱北主持会议。", []string{"钱北@总理"}},
		{"2031-03-11", "大会决定周明为中华人民共和国国务院总理。", []string{"周明@总理"}},
		{"2031-05-01", "国务院总理周明、国务院副总理吴东、郑南出席。", []string{"周明@总理", "吴东@副总理", "郑南@副总理"}},
	} {
		id := graph.NodeID(graph.LabelArticle, fmt.Sprintf("tenure-%d", i+1))
		f := graph.ArticleFacts{Article: graph.Node{ID: id, Label: graph.LabelArticle, Name: a.text, Title: a.text, Published: a.published, Text: a.text}}
		ev := []graph.Evidence{{ArticleID: id, Sentence: a.text, Start: 0, End: len([]rune(a.text))}}
		org := graph.NodeID(graph.LabelOrganisation, "国务院")
		f.Nodes = append(f.Nodes, graph.Node{ID: org, Label: graph.LabelOrganisation, Name: "国务院"})
		seen := map[string]bool{}
		for _, h := range a.holds {
			name, title, _ := strings.Cut(h, "@")
			person := graph.NodeID(graph.LabelPerson, name)
			post := graph.NodeID(graph.LabelPost, "国务院"+title)
			f.Nodes = append(f.Nodes, graph.Node{ID: person, Label: graph.LabelPerson, Name: name})
			if !seen[post] {
				seen[post] = true
				f.Nodes = append(f.Nodes, graph.Node{ID: post, Label: graph.LabelPost, Name: "国务院" + title, Title: title})
				f.Relations = append(f.Relations, graph.Relation{Type: graph.RelOf, From: post, To: org, Evidence: ev})
			}
			f.Relations = append(f.Relations, graph.Relation{Type: graph.RelHolds, From: person, To: post, Evidence: ev})
		}
		out = append(out, f)
	}
	return out
}

// withTenure adds tenureFacts to st for the test, and retracts them after
// it, so that the shared Neo4j store holds the seed page again.
func withTenure(t *testing.T, st graph.Store) {
	t.Helper()
	ctx := context.Background()
	for _, f := range tenureFacts() {
		if err := st.PutArticle(ctx, &f); err != nil {
			t.Fatal(err)
		}
		id := f.Article.ID
		t.Cleanup(func() {
			if err := st.DeleteArticle(ctx, id); err != nil {
				t.Errorf("retract %s: %v", id, err)
			}
		})
	}
}

type holding struct {
	Person   struct{ Name string }
	Post     struct{ Name string }
	From, To string
	Start    *tenureBound
	End      *tenureBound
}

type tenureBound struct {
	Kind      string
	Family    string
	Evidence  *struct{ Sentence string }
	Successor *struct{ Name string }
}

func (h holding) String() string {
	b := func(x *tenureBound) string {
		if x == nil {
			return "open"
		}
		s := x.Kind
		if x.Family != "" {
			s += " " + x.Family
		}
		if x.Successor != nil {
			s += " " + x.Successor.Name
		}
		return s
	}
	return fmt.Sprintf("%s@%s %s(%s)..%s(%s)", h.Person.Name, h.Post.Name, h.From, b(h.Start), h.To, b(h.End))
}

func TestTenure(t *testing.T) {
	forEachStore(t, func(t *testing.T, st graph.Store) {
		withTenure(t, st)
		s := mustSchema(t, st, nil)
		const fields = `person { name } post { name } from to
			start { kind family evidence { sentence } successor { name } }
			end { kind family evidence { sentence } successor { name } }`
		for _, tt := range []struct {
			asOf       string
			premier    string
			vice       string
			peopleOfPM string // 周明's posts
		}{
			{"2030-09-01", "钱北@国务院总理 2030-01-05(FIRST_EVIDENCE)..2031-03-10(SUCCESSOR 周明)", "", ""},
			{"2031-03-11", "周明@国务院总理 2031-03-11(STATEMENT 任命)..2031-05-01(LAST_EVIDENCE)", "", "周明@国务院总理 2031-03-11(STATEMENT 任命)..2031-05-01(LAST_EVIDENCE)"},
			{"2031-05-01", "周明@国务院总理 2031-03-11(STATEMENT 任命)..2031-05-01(LAST_EVIDENCE)",
				"吴东@国务院副总理 2031-05-01(FIRST_EVIDENCE)..2031-05-01(LAST_EVIDENCE), 郑南@国务院副总理 2031-05-01(FIRST_EVIDENCE)..2031-05-01(LAST_EVIDENCE)",
				"周明@国务院总理 2031-03-11(STATEMENT 任命)..2031-05-01(LAST_EVIDENCE)"},
		} {
			var got struct {
				Premier struct{ Holders []holding }
				Vice    struct{ Holders []holding }
				Person  struct{ Posts []holding }
				Org     struct{ People []holding }
			}
			decode(t, do(t, s, `query($asOf: Date) {
				premier: post(id: "post/国务院总理") { holders(asOf: $asOf) { `+fields+` } }
				vice: post(id: "post/国务院副总理") { holders(asOf: $asOf) { `+fields+` } }
				person(name: "周明") { posts(asOf: $asOf) { post { name } from to start { kind family } end { kind family } } }
				org: organisation(name: "国务院") { people(asOf: $asOf) { `+fields+` } }
			}`, map[string]any{"asOf": tt.asOf}), &got)
			join := func(hs []holding, person string) string {
				var out []string
				for _, h := range hs {
					if person != "" {
						h.Person.Name = person
					}
					out = append(out, h.String())
				}
				return strings.Join(out, ", ")
			}
			if got := join(got.Premier.Holders, ""); got != tt.premier {
				t.Errorf("premier asOf %s = %s, want %s", tt.asOf, got, tt.premier)
			}
			if got := join(got.Vice.Holders, ""); got != tt.vice {
				t.Errorf("vice premiers asOf %s = %s, want %s", tt.asOf, got, tt.vice)
			}
			if got := join(got.Person.Posts, "周明"); got != tt.peopleOfPM {
				t.Errorf("周明's posts asOf %s = %s, want %s", tt.asOf, got, tt.peopleOfPM)
			}
			want := tt.vice
			if tt.premier != "" && want != "" {
				want = tt.vice + ", " + tt.premier
			} else if tt.premier != "" {
				want = tt.premier
			}
			if got := join(got.Org.People, ""); got != want {
				t.Errorf("国务院's people asOf %s = %s, want %s", tt.asOf, got, want)
			}
			for _, h := range got.Premier.Holders {
				if h.Start.Kind == "STATEMENT" && (h.Start.Evidence == nil || h.Start.Evidence.Sentence != "大会决定周明为中华人民共和国国务院总理。") {
					t.Errorf("%s: stated start's evidence = %+v", h.Person.Name, h.Start.Evidence)
				}
			}
		}
		var all struct {
			Post struct{ Holders []holding }
		}
		decode(t, do(t, s, `{ post(id: "post/国务院总理") { holders { `+fields+` } } }`, nil), &all)
		if len(all.Post.Holders) != 2 {
			t.Errorf("premiers without asOf = %v, want both", all.Post.Holders)
		}
	})
}
