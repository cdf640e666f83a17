package queries_test

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/graph/bolt"
	"github.com/kgproject/kg/queries"
)

// countingStore counts the reads that reach a store.
type countingStore struct {
	graph.Store
	calls atomic.Int64
}

func (c *countingStore) Nodes(ctx context.Context, ids []string) ([]*graph.Node, error) {
	c.calls.Add(1)
	return c.Store.Nodes(ctx, ids)
}

func (c *countingStore) Relations(ctx context.Context, f graph.RelationFilter) ([]*graph.Relation, error) {
	c.calls.Add(1)
	return c.Store.Relations(ctx, f)
}

func (c *countingStore) FindNodes(ctx context.Context, f graph.NodeFilter) (*graph.NodePage, error) {
	c.calls.Add(1)
	return c.Store.FindNodes(ctx, f)
}

// article builds one article's facts: each fact is a relation whose
// evidence is the whole text.
type article struct {
	f graph.ArticleFacts
}

func newArticle(key, published, text string) *article {
	return &article{f: graph.ArticleFacts{Article: graph.Node{
		ID: graph.NodeID(graph.LabelArticle, key), Label: graph.LabelArticle, Name: key, Title: key,
		Published: published, Text: text,
	}}}
}

func (a *article) node(n graph.Node) string {
	if n.ID == "" {
		n.ID = graph.NodeID(n.Label, n.Name)
	}
	for _, x := range a.f.Nodes {
		if x.ID == n.ID {
			return n.ID
		}
	}
	a.f.Nodes = append(a.f.Nodes, n)
	return n.ID
}

func (a *article) rel(t graph.RelType, from, to string) {
	a.f.Relations = append(a.f.Relations, graph.Relation{Type: t, From: from, To: to, Evidence: []graph.Evidence{{
		ArticleID: a.f.Article.ID, Sentence: a.f.Article.Text, Start: 0, End: len([]rune(a.f.Article.Text)),
	}}})
}

// holds adds "person holds title at org".
func (a *article) holds(person, title, org string) string {
	p := a.node(graph.Node{Label: graph.LabelPerson, Name: person})
	o := a.node(graph.Node{Label: graph.LabelOrganisation, Name: org})
	post := a.node(graph.Node{Label: graph.LabelPost, Name: org + title, Title: title})
	a.rel(graph.RelHolds, p, post)
	a.rel(graph.RelOf, post, o)
	return p
}

var (
	zhang  = graph.NodeID(graph.LabelPerson, "张三")
	li     = graph.NodeID(graph.LabelPerson, "李四")
	wang   = graph.NodeID(graph.LabelPerson, "王五")
	zhao   = graph.NodeID(graph.LabelPerson, "赵六")
	bureau = graph.NodeID(graph.LabelOrganisation, "某局")
	chief  = graph.NodeID(graph.LabelPost, "某局局长")
	deputy = graph.NodeID(graph.LabelPost, "某局副局长")
)

// meeting is the event of the undated third article.
var meeting = graph.NodeID(graph.LabelEvent, graph.EventKey("2025-12-01", "工作会议", ""))

// mustOpen returns a store with three articles: 张三 局长 of 某局 in an
// article of 2025-03-01, 李四 局长 in one of 2026-01-10, and an undated one
// reporting a meeting of 2025-12-01 that 副局长 王五 chaired and 赵六
// attended.
func mustOpen(tb testing.TB) *countingStore {
	tb.Helper()
	a1 := newArticle("a1", "2025-03-01", "张三任某局局长。")
	a1.holds("张三", "局长", "某局")
	a2 := newArticle("a2", "2026-01-10", "李四任某局局长。")
	a2.holds("李四", "局长", "某局")
	a3 := newArticle("a3", "", "某局副局长王五主持召开工作会议，赵六出席。")
	w := a3.holds("王五", "副局长", "某局")
	e := a3.node(graph.Node{ID: meeting, Label: graph.LabelEvent, Name: "工作会议", Date: "2025-12-01", Kind: graph.KindMeeting})
	z := a3.node(graph.Node{Label: graph.LabelPerson, Name: "赵六"})
	a3.rel(graph.RelChaired, w, e)
	a3.rel(graph.RelAttended, z, e)
	a3.rel(graph.RelReports, a3.f.Article.ID, e)
	return mustStore(tb, a1, a2, a3)
}

// mustStore returns a store in a temporary directory holding the articles.
func mustStore(tb testing.TB, arts ...*article) *countingStore {
	tb.Helper()
	st, err := bolt.Open(tb.TempDir(), &bolt.Options{NoSync: true})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	for _, a := range arts {
		if err := st.PutArticle(context.Background(), &a.f); err != nil {
			tb.Fatal(err)
		}
	}
	return &countingStore{Store: st}
}

func names(nodes []*graph.Node) string {
	var out []string
	for _, n := range nodes {
		out = append(out, n.Name)
	}
	return strings.Join(out, " ")
}

func TestLinksBatch(t *testing.T) {
	st := mustOpen(t)
	q := queries.New(st)
	got, err := q.Links(context.Background(), []string{zhang, li, wang, zhao}, graph.Outgoing, graph.RelHolds, graph.RelChaired, graph.RelAttended)
	if err != nil {
		t.Fatal(err)
	}
	if n := st.calls.Load(); n != 2 {
		t.Errorf("Links made %d store calls, want 2", n)
	}
	for id, want := range map[string]string{zhang: "某局局长", li: "某局局长", wang: "工作会议 某局副局长", zhao: "工作会议"} {
		var nodes []*graph.Node
		for _, l := range got[id] {
			nodes = append(nodes, l.Node)
		}
		if got := names(nodes); got != want {
			t.Errorf("links of %s = %q, want %q (dated events first)", id, got, want)
		}
	}
	if role := got[wang][0].Role(); role != queries.RoleChair {
		t.Errorf("王五's role = %q, want CHAIR", role)
	}
}

func TestOrganisationPeople(t *testing.T) {
	q := queries.New(mustOpen(t))
	for _, tt := range []struct {
		asOf, want string
	}{
		// By post ID, then person ID.
		{"", "王五@某局副局长 张三@某局局长 李四@某局局长"},
		{"2025-01-01", ""},
		{"2025-06-01", "张三@某局局长"},
		// The undated article is dated by the meeting it reports.
		{"2025-12-01", "王五@某局副局长 张三@某局局长"},
		// 李四's start ended 张三's holding of the single-holder 局长.
		{"2026-01-09", "张三@某局局长"},
		{"2026-01-10", "李四@某局局长"},
		// Nothing is known of either after its last evidence.
		{"2026-02-01", ""},
	} {
		if got := peopleAt(t, q, bureau, tt.asOf); got != tt.want {
			t.Errorf("asOf %q: %q, want %q", tt.asOf, got, tt.want)
		}
	}
	if _, err := q.OrganisationPeople(context.Background(), []string{bureau}, "Jan 2026"); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("bad asOf: err = %v, want ErrInvalid", err)
	}
}

// peopleAt lists an organisation's holders asOf a date as person@post.
func peopleAt(t *testing.T, q *queries.Service, org, asOf string) string {
	t.Helper()
	got, err := q.OrganisationPeople(context.Background(), []string{org}, asOf)
	if err != nil {
		t.Fatal(err)
	}
	var hs []string
	for _, h := range got[org] {
		hs = append(hs, h.Person.Name+"@"+h.Post.Name)
	}
	return strings.Join(hs, " ")
}

func TestTimelineAndCoParticipants(t *testing.T) {
	q := queries.New(mustOpen(t))
	ctx := context.Background()
	for _, tt := range []struct {
		from, to string
		want     int
	}{{"", "", 1}, {"2025-12-01", "2025-12-01", 1}, {"2025-12-02", "", 0}, {"", "2025-11-30", 0}} {
		tl, err := q.Timeline(ctx, []string{wang}, tt.from, tt.to)
		if err != nil {
			t.Fatal(err)
		}
		if len(tl[wang]) != tt.want {
			t.Errorf("timeline %s..%s has %d events, want %d", tt.from, tt.to, len(tl[wang]), tt.want)
		}
	}
	co, err := q.CoParticipants(ctx, []string{wang, zhang}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if c := co[wang]; len(c) != 1 || c[0].Person.ID != zhao || len(c[0].Events) != 1 {
		t.Errorf("co-participants of 王五 = %+v, want 赵六 with one event", c)
	}
	if c := co[zhang]; len(c) != 0 {
		t.Errorf("co-participants of 张三 = %+v, want none", c)
	}
}

func TestFinders(t *testing.T) {
	q := queries.New(mustOpen(t))
	ctx := context.Background()
	page, err := q.FindPeople(ctx, queries.PersonFilter{Organisation: bureau})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := names(page.Nodes), "张三 李四 王五"; got != want {
		t.Errorf("people of 某局 = %q, want %q", got, want)
	}
	page, err = q.FindPeople(ctx, queries.PersonFilter{Event: meeting, Role: queries.RoleAttendee})
	if err != nil {
		t.Fatal(err)
	}
	if got := names(page.Nodes); got != "赵六" {
		t.Errorf("attendees of the meeting = %q, want 赵六", got)
	}
	page, err = q.FindEvents(ctx, queries.EventFilter{Person: zhang})
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != 0 || len(page.Nodes) != 0 {
		t.Errorf("events of 张三 = %+v, want none (not every event)", page)
	}
	page, err = q.FindPosts(ctx, "", bureau, "", 1)
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != 2 || len(page.Nodes) != 1 || !page.HasMore {
		t.Errorf("posts of 某局, first 1 = %+v, want 1 of 2", page)
	}
	if _, err := q.FindEvents(ctx, queries.EventFilter{Role: queries.RoleChair}); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("role without person: err = %v, want ErrInvalid", err)
	}
	if _, err := q.NodeByName(ctx, graph.LabelPerson, "无名"); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("unknown name: err = %v, want ErrNotFound", err)
	}
	if _, err := q.Node(ctx, graph.LabelEvent, zhang); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("a person asked for as an event: err = %v, want ErrNotFound", err)
	}
}

func TestPath(t *testing.T) {
	q := queries.New(mustOpen(t))
	ctx := context.Background()
	p, err := q.Path(ctx, zhang, li, graph.TraversalOptions{Depth: 2})
	if err != nil || p == nil || len(p.Relations) != 2 {
		t.Errorf("path 张三 to 李四 = %+v, %v; want their shared post, 2 hops", p, err)
	}
	p, err = q.Path(ctx, zhang, zhao, graph.TraversalOptions{Depth: 2})
	if err != nil || p != nil {
		t.Errorf("path 张三 to 赵六 within 2 hops = %+v, %v; want none", p, err)
	}
	if _, err := q.Path(ctx, zhang, "person/无名", graph.TraversalOptions{Depth: 3}); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("path to a missing node: err = %v, want ErrNotFound", err)
	}
}

func TestNodeByNameNormalised(t *testing.T) {
	st, err := bolt.Open(t.TempDir(), &bolt.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a := newArticle("a1", "", "高新区（示范区）党工委书记吕沛主持会议。")
	a.holds("吕沛", "书记", "高新区（示范区）党工委")
	if err := st.PutArticle(context.Background(), &a.f); err != nil {
		t.Fatal(err)
	}
	q := queries.New(st)
	for _, name := range []string{"高新区（示范区）党工委", "高新区党工委", "高新区(示范区)党工委"} {
		n, err := q.NodeByName(context.Background(), graph.LabelOrganisation, name)
		if err != nil || n.Name != "高新区（示范区）党工委" {
			t.Errorf("NodeByName(%q) = %v, %v; want 高新区（示范区）党工委", name, n, err)
		}
	}
	for _, name := range []string{"高新区", "（示范区）"} {
		if n, err := q.NodeByName(context.Background(), graph.LabelOrganisation, name); !errors.Is(err, graph.ErrNotFound) {
			t.Errorf("NodeByName(%q) = %v, %v; want ErrNotFound", name, n, err)
		}
	}
}
