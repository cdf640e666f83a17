package queries_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/queries"
)

var (
	sun  = graph.NodeID(graph.LabelPerson, "孙七")
	zhou = graph.NodeID(graph.LabelPerson, "周八")
	wu   = graph.NodeID(graph.LabelPerson, "吴九")
	ju   = graph.NodeID(graph.LabelOrganisation, "某局")
)

// busyStore holds four events: on 2026-03-02 甲会议 in the afternoon
// (孙七 chairs, 周八 attends), 乙会议 in the morning (孙七, 周八, 吴九
// attend; a second article says 孙七 did too) and 丙会议 in the evening
// (孙七 attends); on 2026-04-10 丁会议 (周八 and 吴九 attend, 某局 takes
// part). 孙七 is 某局局长. Every article names the people it reports.
func busyStore(tb testing.TB) *countingStore {
	tb.Helper()
	event := func(a *article, name, date, part string) string {
		return a.node(graph.Node{ID: graph.NodeID(graph.LabelEvent, graph.EventKey(date, name, "")), Label: graph.LabelEvent,
			Name: name, Date: date, PartOfDay: part, Kind: graph.KindMeeting})
	}
	person := func(a *article, name string) string {
		id := a.node(graph.Node{Label: graph.LabelPerson, Name: name})
		a.rel(graph.RelMentions, a.f.Article.ID, id)
		return id
	}
	b1 := newArticle("b1", "2026-03-02", "下午，孙七主持召开甲会议，周八出席。")
	e1 := event(b1, "甲会议", "2026-03-02", "下午")
	b1.rel(graph.RelChaired, person(b1, "孙七"), e1)
	b1.rel(graph.RelAttended, person(b1, "周八"), e1)
	b1.holds("孙七", "局长", "某局")
	b2 := newArticle("b2", "2026-03-02", "上午，孙七、周八、吴九出席乙会议；晚上，孙七出席丙会议。")
	e2 := event(b2, "乙会议", "2026-03-02", "上午")
	e3 := event(b2, "丙会议", "2026-03-02", "晚上")
	for _, p := range []string{"孙七", "周八", "吴九"} {
		b2.rel(graph.RelAttended, person(b2, p), e2)
	}
	b2.rel(graph.RelAttended, sun, e3)
	b3 := newArticle("b3", "2026-04-10", "孙七出席乙会议。周八、吴九出席丁会议，某局参加。")
	b3.rel(graph.RelAttended, person(b3, "孙七"), event(b3, "乙会议", "2026-03-02", "上午"))
	e4 := event(b3, "丁会议", "2026-04-10", "")
	b3.rel(graph.RelAttended, person(b3, "周八"), e4)
	b3.rel(graph.RelAttended, person(b3, "吴九"), e4)
	b3.rel(graph.RelParticipated, b3.node(graph.Node{Label: graph.LabelOrganisation, Name: "某局"}), e4)
	return mustStore(tb, b1, b2, b3)
}

// TestEventLess orders events of a day by part of day.
func TestEventLess(t *testing.T) {
	ev := func(date, part, id string) *graph.Node {
		return &graph.Node{ID: id, Label: graph.LabelEvent, Date: date, PartOfDay: part}
	}
	for _, tt := range []struct {
		a, b *graph.Node
		less bool
	}{
		{ev("2026-03-02", "上午", "z"), ev("2026-03-02", "下午", "a"), true},
		{ev("2026-03-02", "下午", "a"), ev("2026-03-02", "上午", "z"), false},
		{ev("2026-03-02", "下午", "z"), ev("2026-03-02", "晚上", "a"), true},
		{ev("2026-03-02", "凌晨", "z"), ev("2026-03-02", "上午", "a"), true},
		{ev("2026-03-02", "中午", "z"), ev("2026-03-02", "下午", "a"), true},
		{ev("2026-03-02", "傍晚", "z"), ev("2026-03-02", "晚上", "a"), true},
		{ev("2026-03-02", "", "z"), ev("2026-03-02", "凌晨", "a"), true},
		{ev("2026-03-02", "晚上", "z"), ev("2026-03-02", "半夜", "a"), true},
		{ev("2026-03-01", "晚上", "z"), ev("2026-03-02", "上午", "a"), true},
		{ev("2026-03-02", "上午", "a"), ev("", "", "a"), true},
		{ev("", "", "a"), ev("2026-03-02", "上午", "a"), false},
		{ev("2026-03-02", "上午", "a"), ev("2026-03-02", "上午", "b"), false},
	} {
		if got := queries.EventLess(tt.a, tt.b); got != tt.less {
			t.Errorf("EventLess(%s %s, %s %s) = %v, want %v", tt.a.Date, tt.a.PartOfDay, tt.b.Date, tt.b.PartOfDay, got, tt.less)
		}
	}
	nodes := []*graph.Node{ev("2026-03-02", "晚上", "a"), ev("2026-03-02", "下午", "b"), ev("2026-03-02", "上午", "c"), ev("2026-03-01", "", "d")}
	queries.SortNodes(nodes)
	var got []string
	for _, n := range nodes {
		got = append(got, n.ID)
	}
	if strings.Join(got, "") != "dcba" {
		t.Errorf("SortNodes = %v, want d c b a", got)
	}
}

// TestTimelinePartOfDay: a person's timeline sorts a day's events by part
// of day, not by ID.
func TestTimelinePartOfDay(t *testing.T) {
	q := queries.New(busyStore(t))
	tl, err := q.Timeline(context.Background(), []string{sun}, "2026-03-02", "2026-03-02")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range tl[sun] {
		got = append(got, l.Node.Name+l.Node.PartOfDay)
	}
	if want := "乙会议上午 甲会议下午 丙会议晚上"; strings.Join(got, " ") != want {
		t.Errorf("timeline = %q, want %q", strings.Join(got, " "), want)
	}
}

func groupString(gs []queries.LinkGroup) string {
	var out []string
	for _, g := range gs {
		dir := "→"
		if g.Direction == graph.Incoming {
			dir = "←"
		}
		var names []string
		for _, l := range g.Links {
			names = append(names, l.Node.Name)
		}
		out = append(out, fmt.Sprintf("%s%s[%s]", dir, g.Type, strings.Join(names, ",")))
	}
	return strings.Join(out, " ")
}

func TestExpand(t *testing.T) {
	q := queries.New(busyStore(t))
	ctx := context.Background()
	for _, tt := range []struct {
		name string
		opts queries.ExpandOptions
		want string
	}{
		// 乙会议 has two articles, so it ranks first; then the latest.
		{"all", queries.ExpandOptions{}, "→HOLDS[某局局长] →CHAIRED[甲会议] →ATTENDED[乙会议,丙会议] ←MENTIONS[b1,b2,b3]"},
		{"without mentions", queries.ExpandOptions{Exclude: []graph.RelType{graph.RelMentions}}, "→HOLDS[某局局长] →CHAIRED[甲会议] →ATTENDED[乙会议,丙会议]"},
		{"types", queries.ExpandOptions{Types: []graph.RelType{graph.RelAttended, graph.RelMentions}, Exclude: []graph.RelType{graph.RelMentions}}, "→ATTENDED[乙会议,丙会议]"},
		// Undated nodes stay whatever the range.
		{"range", queries.ExpandOptions{DateFrom: "2026-04-01", Exclude: []graph.RelType{graph.RelMentions}}, "→HOLDS[某局局长]"},
	} {
		gs, err := q.Expand(ctx, sun, tt.opts)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := groupString(gs); got != tt.want {
			t.Errorf("%s: Expand(孙七) = %s\nwant %s", tt.name, got, tt.want)
		}
	}
	gs, err := q.Expand(ctx, ju, queries.ExpandOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := groupString(gs), "←OF[某局局长] →PARTICIPATED[丁会议]"; got != want {
		t.Errorf("Expand(某局) = %s, want %s", got, want)
	}
	if _, err := q.Expand(ctx, "person/nobody", queries.ExpandOptions{}); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("missing node: err = %v, want ErrNotFound", err)
	}
	if _, err := q.Expand(ctx, sun, queries.ExpandOptions{Types: []graph.RelType{"KNOWS"}}); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("unknown type: err = %v, want ErrInvalid", err)
	}
	if _, err := q.Expand(ctx, sun, queries.ExpandOptions{DateFrom: "March"}); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("bad date: err = %v, want ErrInvalid", err)
	}
}

func rankedString(rs []queries.Ranked) string {
	var out []string
	for _, r := range rs {
		out = append(out, fmt.Sprintf("%s%d", r.Node.Name, r.Count))
	}
	return strings.Join(out, " ")
}

func TestBusiest(t *testing.T) {
	st := busyStore(t)
	q := queries.New(st)
	ctx := context.Background()
	for _, tt := range []struct {
		label    graph.Label
		from, to string
		first    int
		want     string
	}{
		// Equal counts by ID: 周 (U+5468) before 孙 (U+5B59).
		{graph.LabelPerson, "", "", 0, "周八3 孙七3 吴九2"},
		{graph.LabelPerson, "", "", 1, "周八3"},
		{graph.LabelPerson, "2026-04-01", "", 0, "吴九1 周八1"},
		{graph.LabelPerson, "", "2026-03-01", 0, ""},
		{graph.LabelOrganisation, "", "", 0, "某局1"},
	} {
		before := st.calls.Load()
		got, err := q.Busiest(ctx, tt.label, tt.from, tt.to, tt.first)
		if err != nil {
			t.Fatal(err)
		}
		if s := rankedString(got); s != tt.want {
			t.Errorf("Busiest(%s, %q, %q, %d) = %q, want %q", tt.label, tt.from, tt.to, tt.first, s, tt.want)
		}
		if n := st.calls.Load() - before; n > 3 {
			t.Errorf("Busiest made %d store calls, want at most 3", n)
		}
	}
	if _, err := q.Busiest(ctx, graph.LabelEvent, "", "", 0); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("events: err = %v, want ErrInvalid", err)
	}
}

func TestLatestEvents(t *testing.T) {
	q := queries.New(busyStore(t))
	for _, tt := range []struct {
		from, to string
		first    int
		want     string
	}{
		{"", "", 0, "丁会议 丙会议 甲会议 乙会议"},
		{"", "", 2, "丁会议 丙会议"},
		{"", "2026-03-31", 0, "丙会议 甲会议 乙会议"},
	} {
		got, err := q.LatestEvents(context.Background(), tt.from, tt.to, tt.first)
		if err != nil {
			t.Fatal(err)
		}
		if s := names(got); s != tt.want {
			t.Errorf("LatestEvents(%q, %q, %d) = %q, want %q", tt.from, tt.to, tt.first, s, tt.want)
		}
	}
}

func TestCoOccurrences(t *testing.T) {
	st := busyStore(t)
	q := queries.New(st)
	for _, tt := range []struct {
		from, to string
		first    int
		want     string
	}{
		// Most shared first, then by the first ID of the pair; each pair's
		// events by date and part of day.
		{"", "", 0, "吴九+周八:乙会议,丁会议 周八+孙七:乙会议,甲会议 吴九+孙七:乙会议"},
		{"", "", 1, "吴九+周八:乙会议,丁会议"},
		{"2026-04-01", "2026-12-31", 0, "吴九+周八:丁会议"},
		{"2027-01-01", "", 0, ""},
	} {
		before := st.calls.Load()
		got, err := q.CoOccurrences(context.Background(), tt.from, tt.to, tt.first)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, c := range got {
			out = append(out, c.A.Name+"+"+c.B.Name+":"+strings.ReplaceAll(names(c.Events), " ", ","))
		}
		if s := strings.Join(out, " "); s != tt.want {
			t.Errorf("CoOccurrences(%q, %q, %d) = %q, want %q", tt.from, tt.to, tt.first, s, tt.want)
		}
		if n := st.calls.Load() - before; n > 3 {
			t.Errorf("CoOccurrences made %d store calls, want at most 3", n)
		}
	}
	if _, err := q.CoOccurrences(context.Background(), "2026-3-1", "", 0); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("bad date: err = %v, want ErrInvalid", err)
	}
}

func TestEventSubgraph(t *testing.T) {
	q := queries.New(busyStore(t))
	for _, tt := range []struct {
		name  string
		f     queries.SubgraphFilter
		nodes string
		rels  int
		total int
	}{
		{"people and organisations", queries.SubgraphFilter{}, "丙会议 乙会议 甲会议 丁会议 某局 吴九 周八 孙七", 9, 8},
		// HOLDS and OF join the people to their posts and the posts to
		// their organisations.
		{"with posts", queries.SubgraphFilter{Labels: []graph.Label{graph.LabelPerson, graph.LabelPost, graph.LabelOrganisation}},
			"丙会议 乙会议 甲会议 丁会议 某局 吴九 周八 孙七 某局局长", 11, 9},
		{"organisation", queries.SubgraphFilter{Organisation: ju}, "丁会议 某局 吴九 周八", 3, 4},
		{"range", queries.SubgraphFilter{DateFrom: "2026-03-02", DateTo: "2026-03-02", Labels: []graph.Label{graph.LabelPerson}}, "丙会议 乙会议 甲会议 吴九 周八 孙七", 6, 6},
		// The best connected, three relations each, by ID: 乙会议, 丁会议,
		// 周八 (孙七 has three too but sorts after).
		{"cap", queries.SubgraphFilter{MaxNodes: 3}, "乙会议 丁会议 周八", 2, 8},
	} {
		g, total, err := q.EventSubgraph(context.Background(), tt.f)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := names(g.Nodes); got != tt.nodes || len(g.Relations) != tt.rels || total != tt.total {
			t.Errorf("%s: nodes %q, %d relations, total %d; want %q, %d, %d", tt.name, got, len(g.Relations), total, tt.nodes, tt.rels, tt.total)
		}
		in := map[string]bool{}
		for _, n := range g.Nodes {
			in[n.ID] = true
		}
		for _, r := range g.Relations {
			if !in[r.From] || !in[r.To] || r.Type == graph.RelMentions {
				t.Errorf("%s: relation %s does not belong", tt.name, r.ID)
			}
		}
	}
	for _, f := range []queries.SubgraphFilter{{DateFrom: "x"}, {Labels: []graph.Label{"Thing"}}, {MaxNodes: -1}} {
		if _, _, err := q.EventSubgraph(context.Background(), f); !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("%+v: err = %v, want ErrInvalid", f, err)
		}
	}
}

// TestBestHits: of two people named 钱十, the one in two events comes
// first, though the other's ID sorts first.
func TestBestHits(t *testing.T) {
	busy := graph.NodeID(graph.LabelPerson, "钱十@甲县")
	idle := graph.NodeID(graph.LabelPerson, "钱十@乙县")
	a := newArticle("c1", "2026-05-06", "钱十出席甲会议和乙会议。另一钱十。")
	a.node(graph.Node{ID: busy, Label: graph.LabelPerson, Name: "钱十"})
	a.node(graph.Node{ID: idle, Label: graph.LabelPerson, Name: "钱十"})
	for _, name := range []string{"甲会议", "乙会议"} {
		e := a.node(graph.Node{ID: graph.NodeID(graph.LabelEvent, graph.EventKey("2026-05-06", name, "")), Label: graph.LabelEvent, Name: name, Date: "2026-05-06"})
		a.rel(graph.RelAttended, busy, e)
	}
	a.rel(graph.RelMentions, a.f.Article.ID, idle)
	a.rel(graph.RelMentions, a.f.Article.ID, busy)
	q := queries.New(mustStore(t, a))
	ctx := context.Background()
	plain, err := q.Search(ctx, graph.SearchQuery{Text: "钱十"})
	if err != nil {
		t.Fatal(err)
	}
	if len(plain) != 2 || plain[0].Node.ID != idle {
		t.Fatalf("Search(钱十) = %v, want %s first by ID", hitIDs(plain), idle)
	}
	for _, limit := range []int{0, 1} {
		best, err := q.BestHits(ctx, graph.SearchQuery{Text: "钱十", Limit: limit})
		if err != nil {
			t.Fatal(err)
		}
		if len(best) == 0 || best[0].Node.ID != busy || (limit == 1) != (len(best) == 1) {
			t.Errorf("BestHits(钱十, %d) = %v, want %s first", limit, hitIDs(best), busy)
		}
	}
	if _, err := q.BestHits(ctx, graph.SearchQuery{Text: "（）"}); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("empty search key: err = %v, want ErrInvalid", err)
	}
}

func hitIDs(hits []graph.SearchHit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.Node.ID)
	}
	return out
}
