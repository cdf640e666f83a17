package schema_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/graph/bolt"
	"github.com/kgproject/kg/graph/graphtest"
	"github.com/kgproject/kg/schema"
)

// countingStore counts the calls that reach a store.
type countingStore struct {
	graph.Store
	calls atomic.Int64
}

func (c *countingStore) Nodes(ctx context.Context, ids []string) ([]*graph.Node, error) {
	c.calls.Add(1)
	return c.Store.Nodes(ctx, ids)
}

func (c *countingStore) FindNodes(ctx context.Context, f graph.NodeFilter) (*graph.NodePage, error) {
	c.calls.Add(1)
	return c.Store.FindNodes(ctx, f)
}

func (c *countingStore) Relations(ctx context.Context, f graph.RelationFilter) ([]*graph.Relation, error) {
	c.calls.Add(1)
	return c.Store.Relations(ctx, f)
}

func (c *countingStore) Neighbourhood(ctx context.Context, id string, opts graph.TraversalOptions) (*graph.Subgraph, error) {
	c.calls.Add(1)
	return c.Store.Neighbourhood(ctx, id, opts)
}

func (c *countingStore) ShortestPath(ctx context.Context, from, to string, opts graph.TraversalOptions) (*graph.Subgraph, error) {
	c.calls.Add(1)
	return c.Store.ShortestPath(ctx, from, to, opts)
}

func (c *countingStore) Search(ctx context.Context, q graph.SearchQuery) ([]graph.SearchHit, error) {
	c.calls.Add(1)
	return c.Store.Search(ctx, q)
}

func do(tb testing.TB, s *schema.Schema, query string, vars map[string]any) *schema.Response {
	tb.Helper()
	return s.Do(context.Background(), &schema.Request{Query: query, Variables: vars})
}

// local is the bounds kg query gives a store of its own: lists whole up to
// the largest page, as kgscore reads them.
var local = &schema.Options{MaxCost: 1 << 30, MaxBytes: 1 << 30, ListFirst: 500}

func mustSchema(tb testing.TB, st graph.Store, opts *schema.Options) *schema.Schema {
	tb.Helper()
	s, err := schema.New(st, opts)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// decode unmarshals a successful response's data into v.
func decode(tb testing.TB, r *schema.Response, v any) {
	tb.Helper()
	if len(r.Errors) > 0 || r.Data == nil {
		b, _ := json.Marshal(r)
		tb.Fatalf("response has errors: %s", b)
	}
	if err := json.Unmarshal(r.Data, v); err != nil {
		tb.Fatalf("data %s: %v", r.Data, err)
	}
}

func TestFoundationQuery(t *testing.T) {
	forEachStore(t, func(t *testing.T, st graph.Store) {
		s := mustSchema(t, st, nil)
		r := do(t, s, `{ person(name: "宫卫红") { events { role event { name date } evidence { sentence } } } }`, nil)
		var got struct {
			Person struct {
				Events []struct {
					Role     string
					Event    struct{ Name, Date string }
					Evidence []struct{ Sentence string }
				}
			}
		}
		decode(t, r, &got)
		want := []struct{ name, date string }{
			{"高新区领导与中信银行焦作分行客人座谈", "2026-01-13"},
			{"高新区经济领域重点工作汇报会", "2026-01-15"},
			{"高新区民生领域重点工作汇报会", "2026-01-16"},
		}
		if len(got.Person.Events) != len(want) {
			t.Fatalf("got %d events, want %d: %s", len(got.Person.Events), len(want), r.Data)
		}
		for i, e := range got.Person.Events {
			if e.Event.Name != want[i].name || e.Event.Date != want[i].date || e.Role != "ATTENDEE" {
				t.Errorf("event %d = %s %s %s, want ATTENDEE %s %s", i, e.Role, e.Event.Name, e.Event.Date, want[i].name, want[i].date)
			}
			if len(e.Evidence) != 1 || !strings.Contains(e.Evidence[0].Sentence, "宫卫红") {
				t.Errorf("event %d evidence = %+v, want the sentence naming 宫卫红", i, e.Evidence)
			}
		}
		// The fields come in the order the query asks for them.
		if !strings.HasPrefix(string(r.Data), `{"person":{"events":[{"role":"ATTENDEE","event":{"name":`) {
			t.Errorf("data not in query order: %s", r.Data)
		}
	})
}

// The queries of eval/kgscore, verbatim.
const (
	articlesQuery = `query($after: String) {
  articles(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes {
      title
      reporters { name }
      events { name kind date endDate partOfDay
        chairs { name } attendees { name } organisations { name }
        reportingOrganisations { name } projects { name } }
      mentions { __typename ... on Person { name } ... on Organisation { name } ... on Project { name } }
    }
  }
}`
	peopleQuery = `query($after: String) {
  people(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { name posts { post { name } } }
  }
}`
)

func TestScorerQueries(t *testing.T) {
	forEachStore(t, func(t *testing.T, st graph.Store) {
		s := mustSchema(t, st, local)
		var arts struct {
			Articles struct {
				PageInfo struct {
					HasNextPage bool
					EndCursor   string
				}
				Nodes []struct {
					Title     string
					Reporters []struct{ Name string }
					Events    []struct {
						Name, Kind, Date, PartOfDay      string
						Chairs, Attendees, Organisations []struct{ Name string }
					}
					Mentions []struct{ Typename, Name string }
				}
			}
		}
		decode(t, do(t, s, articlesQuery, map[string]any{"after": nil}), &arts)
		if got := len(arts.Articles.Nodes); got != 6 || arts.Articles.PageInfo.HasNextPage {
			t.Fatalf("got %d articles (more: %v), want 6 on one page", got, arts.Articles.PageInfo.HasNextPage)
		}
		var symposium bool
		for _, a := range arts.Articles.Nodes {
			if len(a.Reporters) != 1 || a.Reporters[0].Name != "付凯明" {
				t.Errorf("%s: reporters %+v, want 付凯明", a.Title, a.Reporters)
			}
			if len(a.Events) != 1 {
				t.Errorf("%s: %d events, want 1", a.Title, len(a.Events))
				continue
			}
			if e := a.Events[0]; e.Name == "高新区领导与中信银行焦作分行客人座谈" {
				symposium = true
				if e.Kind != "SYMPOSIUM" || e.Date != "2026-01-13" || e.PartOfDay != "上午" {
					t.Errorf("座谈 = %+v", e)
				}
			}
			if len(a.Mentions) == 0 {
				t.Errorf("%s: no mentions", a.Title)
			}
		}
		if !symposium {
			t.Error("the 座谈 event is missing")
		}
		r := do(t, s, `{ articles(first: 1) { nodes { mentions { __typename ... on Person { name } } } } }`, nil)
		if !strings.Contains(string(r.Data), `{"__typename":"Person","name":"吕沛"}`) {
			t.Errorf("mentions lack 吕沛 as a Person: %s", r.Data)
		}

		var people struct {
			People struct {
				Nodes []struct {
					Name  string
					Posts []struct{ Post struct{ Name string } }
				}
			}
		}
		decode(t, do(t, s, peopleQuery, map[string]any{"after": nil}), &people)
		posts := map[string][]string{}
		for _, p := range people.People.Nodes {
			for _, t := range p.Posts {
				posts[p.Name] = append(posts[p.Name], t.Post.Name)
			}
		}
		if got := strings.Join(posts["吕沛"], " "); !strings.Contains(got, "高新区（示范区）党工委书记") || !strings.Contains(got, "市政协副主席") {
			t.Errorf("吕沛's posts = %q", got)
		}
	})
}

func TestPagination(t *testing.T) {
	forEachStore(t, func(t *testing.T, st graph.Store) {
		s := mustSchema(t, st, nil)
		type page struct {
			Articles struct {
				TotalCount int
				PageInfo   struct {
					HasNextPage bool
					EndCursor   *string
				}
				Edges []struct {
					Cursor string
					Node   struct{ ID string }
				}
			}
		}
		var ids []string
		var after any
		for i := 0; ; i++ {
			var p page
			decode(t, do(t, s, `query($after: String) { articles(first: 4, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }`, map[string]any{"after": after}), &p)
			if p.Articles.TotalCount != 6 {
				t.Errorf("totalCount = %d, want 6", p.Articles.TotalCount)
			}
			for _, e := range p.Articles.Edges {
				ids = append(ids, e.Node.ID)
			}
			if !p.Articles.PageInfo.HasNextPage {
				break
			}
			if i > 3 {
				t.Fatal("pagination does not end")
			}
			after = *p.Articles.PageInfo.EndCursor
		}
		if got, want := strings.Join(ids, " "), "article/seed-1 article/seed-2 article/seed-3 article/seed-4 article/seed-5 article/seed-6"; got != want {
			t.Errorf("paged ids = %q, want %q", got, want)
		}
	})
}

func TestErrors(t *testing.T) {
	forEachStore(t, func(t *testing.T, st graph.Store) {
		s := mustSchema(t, st, nil)
		for _, tt := range []struct {
			name, query string
			wantData    bool
			code, msg   string
		}{
			{"not found", `{ person(name: "无此人") { name } }`, true, "NOT_FOUND", "not found"},
			{"no id nor name", `{ person { name } }`, true, "BAD_USER_INPUT", "give an id or a name"},
			{"bad cursor", `{ people(after: "%%%") { totalCount } }`, true, "BAD_USER_INPUT", "cursor"},
			{"bad date", `{ events(filter: {from: "yesterday"}) { totalCount } }`, false, "", "Date"},
			{"role without person", `{ events(filter: {role: CHAIR}) { totalCount } }`, true, "BAD_USER_INPUT", "role needs a person"},
			{"syntax", `{ people { `, false, "", "Syntax Error"},
			{"unknown field", `{ people { nodes { age } } }`, false, "", "age"},
			{"variable of the wrong type", `query($n: Int!) { people(first: $n) { totalCount } }`, false, "", "was not provided"},
		} {
			t.Run(tt.name, func(t *testing.T) {
				r := do(t, s, tt.query, nil)
				if len(r.Errors) == 0 {
					t.Fatalf("no error; data %s", r.Data)
				}
				if (r.Data != nil) != tt.wantData {
					t.Errorf("data = %s, want present: %v", r.Data, tt.wantData)
				}
				if want := map[bool]int{true: 200, false: 400}[tt.wantData]; r.Status != want {
					t.Errorf("status = %d, want %d", r.Status, want)
				}
				e := r.Errors[0]
				if !strings.Contains(e.Message, tt.msg) {
					t.Errorf("message %q does not contain %q", e.Message, tt.msg)
				}
				if tt.code != "" && e.Extensions["code"] != tt.code {
					t.Errorf("code = %v, want %s", e.Extensions["code"], tt.code)
				}
			})
		}
	})
}

// failingStore fails every read with an error that must not reach clients.
type failingStore struct{ graph.Store }

func (failingStore) FindNodes(context.Context, graph.NodeFilter) (*graph.NodePage, error) {
	return nil, errors.New("disk on fire at /secret/path")
}

func TestInternalErrorsAreLogged(t *testing.T) {
	var log bytes.Buffer
	s := mustSchema(t, failingStore{mustOpenSeed(t)}, &schema.Options{Logger: slog.New(slog.NewTextHandler(&log, nil))})
	r := do(t, s, `{ people { totalCount } }`, nil)
	if len(r.Errors) != 1 || r.Errors[0].Message != "internal error" {
		t.Fatalf("errors = %+v, want one internal error", r.Errors)
	}
	if !strings.Contains(log.String(), "disk on fire") {
		t.Errorf("the log %q lacks the full error", log.String())
	}
}

// TestRoundTrips checks that a request touches the store a number of times
// that depends on the query's shape, not on how many objects it returns.
func TestRoundTrips(t *testing.T) {
	forEachStore(t, func(t *testing.T, st graph.Store) {
		counted := &countingStore{Store: st}
		s := mustSchema(t, counted, local)
		for _, tt := range []struct {
			name  string
			query string
			max   int64
		}{
			// FindNodes, then Relations+Nodes for each of the 8 relation fields.
			{"scorer articles", articlesQuery, 1 + 2*8},
			// FindNodes, then for posts: the people's HOLDS and the posts'
			// (Relations+Nodes each), the evidence's articles, and the
			// events of the undated ones (Relations+Nodes).
			{"scorer people", peopleQuery, 1 + 7},
			{"evidence articles", `{ people { nodes { events { evidence { article { title } } } } } }`, 1 + 2 + 1},
			{"co-participants", `{ people { nodes { coParticipants { person { name } count } } } }`, 1 + 4},
		} {
			t.Run(tt.name, func(t *testing.T) {
				counted.calls.Store(0)
				r := do(t, s, tt.query, map[string]any{"after": nil})
				if len(r.Errors) > 0 {
					t.Fatalf("errors: %+v", r.Errors)
				}
				if got := counted.calls.Load(); got > tt.max {
					t.Errorf("%d store calls, want at most %d", got, tt.max)
				}
			})
		}
	})
}

// slowStore's FindNodes waits for its context to end.
type slowStore struct{ graph.Store }

func (slowStore) FindNodes(ctx context.Context, _ graph.NodeFilter) (*graph.NodePage, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

func TestTimeout(t *testing.T) {
	s := mustSchema(t, slowStore{mustOpenSeed(t)}, &schema.Options{Timeout: 50 * time.Millisecond})
	start := time.Now()
	r := do(t, s, `{ people { totalCount } }`, nil)
	if took := time.Since(start); took > time.Second {
		t.Errorf("took %v, want about 50ms", took)
	}
	if len(r.Errors) == 0 || !strings.Contains(r.Errors[0].Message, "timed out after 50ms") || r.Errors[0].Extensions["code"] != "TIMEOUT" {
		t.Errorf("errors = %+v, want a timeout", r.Errors)
	}
}

// synthetic returns n articles, each reporting one meeting chaired by one
// of seven people and attended by two others, with an organisation taking
// part and a project discussed.
func synthetic(n int) []graph.ArticleFacts {
	var out []graph.ArticleFacts
	for i := range n {
		text := fmt.Sprintf("第%d次会议召开。", i)
		art := graph.NodeID(graph.LabelArticle, fmt.Sprintf("s%04d", i))
		f := graph.ArticleFacts{Article: graph.Node{ID: art, Label: graph.LabelArticle, Name: text, Title: text, Text: text}}
		ev := []graph.Evidence{{ArticleID: art, Sentence: text, Start: 0, End: len([]rune(text))}}
		date := fmt.Sprintf("2026-%02d-%02d", 1+i%12, 1+i%28)
		event := graph.NodeID(graph.LabelEvent, graph.EventKey(date, text, art))
		f.Nodes = append(f.Nodes, graph.Node{ID: event, Label: graph.LabelEvent, Name: text, Date: date, Kind: graph.KindMeeting})
		person := func(k int) string {
			id := graph.NodeID(graph.LabelPerson, fmt.Sprintf("人%d", k%7))
			f.Nodes = append(f.Nodes, graph.Node{ID: id, Label: graph.LabelPerson, Name: fmt.Sprintf("人%d", k%7)})
			return id
		}
		rel := func(t graph.RelType, from, to string) {
			f.Relations = append(f.Relations, graph.Relation{Type: t, From: from, To: to, Evidence: ev})
		}
		rel(graph.RelChaired, person(i), event)
		rel(graph.RelAttended, person(i+1), event)
		rel(graph.RelAttended, person(i+2), event)
		org := graph.NodeID(graph.LabelOrganisation, fmt.Sprintf("局%d", i%5))
		f.Nodes = append(f.Nodes, graph.Node{ID: org, Label: graph.LabelOrganisation, Name: fmt.Sprintf("局%d", i%5)})
		rel(graph.RelParticipated, org, event)
		project := graph.NodeID(graph.LabelProject, fmt.Sprintf("工程%d", i%3))
		f.Nodes = append(f.Nodes, graph.Node{ID: project, Label: graph.LabelProject, Name: fmt.Sprintf("工程%d", i%3)})
		rel(graph.RelDiscussed, event, project)
		rel(graph.RelReports, art, event)
		rel(graph.RelMentions, art, org)
		out = append(out, f)
	}
	return out
}

// TestRoundTripsDoNotGrow runs the scorer's query on graphs of 5 and 100
// articles: the store calls are the same.
func TestRoundTripsDoNotGrow(t *testing.T) {
	calls := map[int]int64{}
	for _, n := range []int{5, 100} {
		st, err := bolt.Open(t.TempDir(), &bolt.Options{NoSync: true})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		for _, f := range synthetic(n) {
			if err := st.PutArticle(context.Background(), &f); err != nil {
				t.Fatal(err)
			}
		}
		counted := &countingStore{Store: st}
		var got struct {
			Articles struct {
				Nodes []struct {
					Events []struct{ Attendees []struct{ Name string } }
				}
			}
		}
		decode(t, mustSchema(t, counted, local).Do(context.Background(), &schema.Request{Query: articlesQuery}), &got)
		if len(got.Articles.Nodes) != n || len(got.Articles.Nodes[n-1].Events[0].Attendees) != 2 {
			t.Fatalf("%d articles: got %d, the last with %+v", n, len(got.Articles.Nodes), got.Articles.Nodes[n-1])
		}
		calls[n] = counted.calls.Load()
	}
	if calls[5] != calls[100] {
		t.Errorf("store calls: %d for 5 articles, %d for 100; want the same", calls[5], calls[100])
	}
	t.Logf("store calls per request: %v", calls)
}

// TestArticleFields checks that an article's url, outlet and author are
// answered, and are null where the article does not give them.
func TestArticleFields(t *testing.T) {
	st := mustOpenSeed(t)
	f := graphtest.SeedFacts()[0]
	f.Article.URL, f.Article.Outlet, f.Article.Author, f.Article.Page = "https://example.com/1", "白岩日报", "记者 付凯明", "input/1.html"
	if err := st.PutArticle(context.Background(), &f); err != nil {
		t.Fatal(err)
	}
	s := mustSchema(t, st, nil)
	const q = `query($id: ID!) { article(id: $id) { url outlet author } }`
	for _, c := range []struct {
		id                  string
		url, outlet, author *string
	}{
		{f.Article.ID, &f.Article.URL, &f.Article.Outlet, &f.Article.Author},
		{graphtest.SeedArticleID(2), nil, nil, nil},
	} {
		var got struct {
			Article struct{ URL, Outlet, Author *string }
		}
		decode(t, do(t, s, q, map[string]any{"id": c.id}), &got)
		if a := got.Article; !reflect.DeepEqual(a.URL, c.url) || !reflect.DeepEqual(a.Outlet, c.outlet) || !reflect.DeepEqual(a.Author, c.author) {
			t.Errorf("article %s: url, outlet, author = %v %v %v; want %v %v %v", c.id, deref(a.URL), deref(a.Outlet), deref(a.Author), deref(c.url), deref(c.outlet), deref(c.author))
		}
	}
}

func deref(s *string) any {
	if s == nil {
		return nil
	}
	return *s
}
