package graph_test

import (
	"bytes"
	"errors"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/kgproject/kg/graph"
)

const (
	article = "article/a1"
	text    = "1月13日下午，吕沛主持召开会议。宫卫红出席会议。"
)

var (
	lv      = graph.NodeID(graph.LabelPerson, "吕沛")
	meeting = graph.NodeID(graph.LabelEvent, graph.EventKey("2026-01-13", "会议", article))
	first   = graph.Evidence{ArticleID: article, Sentence: "1月13日下午，吕沛主持召开会议。", Start: 0, End: 17}
)

// validFacts returns a small well-formed contribution.
func validFacts() graph.ArticleFacts {
	return graph.ArticleFacts{
		Article: graph.Node{ID: article, Label: graph.LabelArticle, Name: "会议召开", Title: "会议召开", Published: "2026-01-14", Text: text},
		Nodes: []graph.Node{
			{ID: lv, Label: graph.LabelPerson, Name: "吕沛"},
			{ID: meeting, Label: graph.LabelEvent, Name: "会议", Kind: graph.KindMeeting, Date: "2026-01-13", PartOfDay: "下午"},
		},
		Relations: []graph.Relation{
			{Type: graph.RelChaired, From: lv, To: meeting, Evidence: []graph.Evidence{first}},
			{Type: graph.RelMentions, From: article, To: lv, Evidence: []graph.Evidence{first}},
		},
	}
}

func TestValidate(t *testing.T) {
	cases := []struct {
		name   string
		change func(f *graph.ArticleFacts)
		ok     bool
		// mention is a word the error must contain, naming the culprit.
		mention string
	}{
		{"valid", func(f *graph.ArticleFacts) {}, true, ""},
		{"no text, any offsets", func(f *graph.ArticleFacts) { f.Article.Text = "" }, true, ""},
		{"MENTIONS any label", func(f *graph.ArticleFacts) {
			f.Relations = append(f.Relations, graph.Relation{Type: graph.RelMentions, From: article, To: meeting, Evidence: []graph.Evidence{first}})
		}, true, ""},
		{"node listed twice", func(f *graph.ArticleFacts) { f.Nodes = append(f.Nodes, f.Nodes[0]) }, true, ""},
		{"article label", func(f *graph.ArticleFacts) { f.Article.Label = graph.LabelEvent }, false, "article"},
		{"article id", func(f *graph.ArticleFacts) { f.Article.ID = "" }, false, "article"},
		{"published date", func(f *graph.ArticleFacts) { f.Article.Published = "14.01.2026" }, false, "14.01.2026"},
		{"unknown label", func(f *graph.ArticleFacts) { f.Nodes[0].Label = "Thing" }, false, lv},
		{"second article node", func(f *graph.ArticleFacts) { f.Nodes[0].Label = graph.LabelArticle }, false, lv},
		{"node without id", func(f *graph.ArticleFacts) { f.Nodes[0].ID = "" }, false, article},
		{"node without name", func(f *graph.ArticleFacts) { f.Nodes[0].Name = "" }, false, article},
		{"node with two labels", func(f *graph.ArticleFacts) {
			f.Nodes = append(f.Nodes, graph.Node{ID: lv, Label: graph.LabelOrganisation, Name: "吕沛"})
		}, false, lv},
		{"event date", func(f *graph.ArticleFacts) { f.Nodes[1].Date = "2026-02-30" }, false, meeting},
		{"end date", func(f *graph.ArticleFacts) { f.Nodes[1].EndDate = "2026/01/14" }, false, meeting},
		{"event kind", func(f *graph.ArticleFacts) { f.Nodes[1].Kind = "meeting" }, false, meeting},
		{"relation type", func(f *graph.ArticleFacts) { f.Relations[0].Type = "KNOWS" }, false, "KNOWS"},
		{"relation from wrong label", func(f *graph.ArticleFacts) { f.Relations[0].From = meeting }, false, "CHAIRED"},
		{"relation to missing node", func(f *graph.ArticleFacts) { f.Relations[1].To = "person/nobody" }, false, "person/nobody"},
		{"relation to the article", func(f *graph.ArticleFacts) {
			f.Relations[0].To = article
		}, false, "CHAIRED"},
		{"relation id", func(f *graph.ArticleFacts) { f.Relations[0].ID = "rel/1" }, false, "rel/1"},
		{"no evidence", func(f *graph.ArticleFacts) { f.Relations[0].Evidence = nil }, false, "evidence"},
		{"evidence from elsewhere", func(f *graph.ArticleFacts) { f.Relations[0].Evidence[0].ArticleID = "article/a2" }, false, "article/a2"},
		{"negative offset", func(f *graph.ArticleFacts) { f.Relations[0].Evidence[0].Start = -1 }, false, "-1"},
		{"end before start", func(f *graph.ArticleFacts) { f.Relations[0].Evidence[0].Start = 5; f.Relations[0].Evidence[0].End = 4 }, false, "5..4"},
		{"end beyond text", func(f *graph.ArticleFacts) { f.Relations[0].Evidence[0].End = 26 }, false, "26"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := validFacts()
			f.Relations[0].Evidence = []graph.Evidence{first}
			c.change(&f)
			err := f.Validate()
			if c.ok {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				for _, r := range f.Relations {
					if want := graph.RelationID(r.Type, r.From, r.To, r.Role); r.ID != want {
						t.Errorf("relation %s %s->%s: ID = %q, want %q", r.Type, r.From, r.To, r.ID, want)
					}
				}
				return
			}
			if !errors.Is(err, graph.ErrInvalid) {
				t.Fatalf("Validate error = %v, want ErrInvalid", err)
			}
			if !strings.Contains(err.Error(), c.mention) {
				t.Errorf("Validate error %q does not mention %q", err, c.mention)
			}
		})
	}
}

func TestTextLengthCountsCodePoints(t *testing.T) {
	f := validFacts()
	n := len([]rune(text))
	f.Relations[0].Evidence[0].End = n
	if err := f.Validate(); err != nil {
		t.Errorf("evidence ending at the last code point (%d): %v", n, err)
	}
}

func TestMergeNodes(t *testing.T) {
	org := graph.NodeID(graph.LabelOrganisation, "高新区（示范区）党工委")
	cases := []struct {
		name  string
		parts []graph.Node
		want  graph.Node
	}{
		{"none", nil, graph.Node{}},
		{"one part: aliases sorted once each", []graph.Node{
			{ID: org, Label: graph.LabelOrganisation, Name: "党工委", Aliases: []string{"高新区党工委", "党工委", "工委", "工委"}},
		}, graph.Node{ID: org, Label: graph.LabelOrganisation, Name: "党工委", Aliases: []string{"工委", "高新区党工委"}}},
		{"fullest name wins, others become aliases", []graph.Node{
			{ID: org, Label: graph.LabelOrganisation, Name: "高新区党工委"},
			{ID: org, Label: graph.LabelOrganisation, Name: "高新区（示范区）党工委"},
			{ID: org, Label: graph.LabelOrganisation, Name: "党工委"},
		}, graph.Node{ID: org, Label: graph.LabelOrganisation, Name: "高新区（示范区）党工委", Aliases: []string{"党工委", "高新区党工委"}}},
		{"earliest name on a tie", []graph.Node{
			{ID: "person/x", Label: graph.LabelPerson, Name: "刘宁"},
			{ID: "person/x", Label: graph.LabelPerson, Name: "刘某"},
		}, graph.Node{ID: "person/x", Label: graph.LabelPerson, Name: "刘宁", Aliases: []string{"刘某"}}},
		{"first non-empty field wins", []graph.Node{
			{ID: meeting, Label: graph.LabelEvent, Name: "会议"},
			{ID: meeting, Label: graph.LabelEvent, Name: "会议", Kind: graph.KindMeeting, Date: "2026-01-13"},
			{ID: meeting, Label: graph.LabelEvent, Name: "会议", Kind: graph.KindOther, Date: "2026-01-14", PartOfDay: "上午"},
		}, graph.Node{ID: meeting, Label: graph.LabelEvent, Name: "会议", Kind: graph.KindMeeting, Date: "2026-01-13", PartOfDay: "上午"}},
		{"scope and its basis like the other fields", []graph.Node{
			{ID: "org/县委@博爱县", Label: graph.LabelOrganisation, Name: "县委"},
			{ID: "org/县委@博爱县", Label: graph.LabelOrganisation, Name: "县委", Scope: "博爱县"},
			{ID: "org/县委@博爱县", Label: graph.LabelOrganisation, Name: "县委", Scope: "岚山区", ScopeBasis: "dateline 博爱讯"},
		}, graph.Node{ID: "org/县委@博爱县", Label: graph.LabelOrganisation, Name: "县委", Scope: "博爱县", ScopeBasis: "dateline 博爱讯"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := graph.MergeNodes(c.parts)
			if got.ID != c.want.ID || got.Label != c.want.Label || got.Name != c.want.Name || !slices.Equal(got.Aliases, c.want.Aliases) ||
				got.Kind != c.want.Kind || got.Date != c.want.Date || got.PartOfDay != c.want.PartOfDay ||
				got.Scope != c.want.Scope || got.ScopeBasis != c.want.ScopeBasis {
				t.Errorf("MergeNodes = %+v, want %+v", got, c.want)
			}
		})
	}
}

func TestMergeNodesKeepsParts(t *testing.T) {
	parts := []graph.Node{{ID: "person/x", Label: graph.LabelPerson, Name: "甲", Aliases: []string{"丙", "乙"}}}
	graph.MergeNodes(parts)
	if got := parts[0].Aliases; !slices.Equal(got, []string{"丙", "乙"}) {
		t.Errorf("MergeNodes changed its input's aliases to %q", got)
	}
}

func TestScoreRanking(t *testing.T) {
	node := func(name string, aliases ...string) *graph.Node {
		return &graph.Node{Name: name, Aliases: aliases}
	}
	cases := []struct {
		text string
		// nodes from best to worst; the last scores 0 when zero is set.
		nodes []*graph.Node
		zero  bool
	}{
		{"高新区党工委", []*graph.Node{
			node("高新区（示范区）党工委"),
			node("党工委", "高新区党工委"),
			node("高新区党工委书记"),
			node("高新区党工委副书记"),
			node("高新区管委会"),
			node("中信银行"),
		}, true},
		{"吕沛", []*graph.Node{node("吕沛"), node("吕沛同志"), node("宫卫红")}, true},
		{"ｇｘｑ", []*graph.Node{node("GXQ"), node("gxq 管委会")}, false},
		{"三十工程", []*graph.Node{node("三十工程"), node("三十工程建设"), node("三十工程建设项目"), node("工程"), node("三个工作")}, true},
	}
	for _, c := range cases {
		var prev float64 = 2
		for i, n := range c.nodes {
			s := graph.Score(c.text, n)
			if s < 0 || s > 1 {
				t.Errorf("Score(%q, %q) = %g, outside [0, 1]", c.text, n.Name, s)
			}
			last := i == len(c.nodes)-1
			switch {
			case last && c.zero:
				if s != 0 {
					t.Errorf("Score(%q, %q) = %g, want 0", c.text, n.Name, s)
				}
			case s <= 0 || s >= prev:
				t.Errorf("Score(%q, %q) = %g, want in (0, %g)", c.text, n.Name, s, prev)
			}
			prev = s
		}
	}
	if got := graph.Score("高新区党工委", node("高新区（示范区）党工委")); got != 1 {
		t.Errorf("Score of the name itself (parenthesised part ignored) = %g, want 1", got)
	}
	if got := graph.Score("", node("吕沛")); got != 0 {
		t.Errorf("Score of empty text = %g, want 0", got)
	}
	if got := graph.Score("吕沛", nil); got != 0 {
		t.Errorf("Score of nil node = %g, want 0", got)
	}
}

func TestSearchKey(t *testing.T) {
	cases := []struct{ in, want string }{
		{"高新区（示范区）党工委", "高新区党工委"},
		{"高新区(示范区)党工委", "高新区党工委"},
		{" 吕 沛 ", "吕沛"},
		{"ＡＢＣ１２３", "abc123"},
		{"（（嵌套）括号）名", "名"},
		{"a)b", "ab"},
		{"", ""},
	}
	for _, c := range cases {
		if got := graph.SearchKey(c.in); got != c.want {
			t.Errorf("SearchKey(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestBigrams(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"吕", []string{"吕"}},
		{"吕沛", []string{"吕沛"}},
		{"党工委党工", []string{"委党", "工委", "党工"}},
	}
	for _, c := range cases {
		got := graph.Bigrams(c.in)
		sort.Strings(got)
		want := append([]string(nil), c.want...)
		sort.Strings(want)
		if !slices.Equal(got, want) {
			t.Errorf("Bigrams(%q) = %q, want %q", c.in, got, want)
		}
	}
}

func TestIdentity(t *testing.T) {
	cases := []struct {
		label graph.Label
		key   string
		id    string
	}{
		{graph.LabelPerson, "吕沛", "person/吕沛"},
		{graph.LabelPerson, " 吕 沛\n", "person/吕沛"},
		{graph.LabelPost, "高新区（示范区）党工委书记", "post/高新区（示范区）党工委书记"},
		{graph.LabelOrganisation, "市政协", "org/市政协"},
		{graph.LabelEvent, graph.EventKey("2026-01-13", "全区安全稳定工作会议", "article/seed-6"), "event/2026-01-13/全区安全稳定工作会议"},
		{graph.LabelEvent, graph.EventKey("", "座谈", "article/seed-5"), "event/seed-5/座谈"},
		{graph.LabelProject, "三十工程", "project/三十工程"},
		{graph.LabelPlace, "焦作", "place/焦作"},
		{graph.LabelArticle, "seed-1", "article/seed-1"},
	}
	for _, c := range cases {
		id := graph.NodeID(c.label, c.key)
		if id != c.id {
			t.Errorf("NodeID(%s, %q) = %q, want %q", c.label, c.key, id, c.id)
		}
		if got := graph.LabelOfID(id); got != c.label {
			t.Errorf("LabelOfID(%q) = %q, want %q", id, got, c.label)
		}
	}
	for _, id := range []string{"", "吕沛", "people/吕沛", "/x"} {
		if got := graph.LabelOfID(id); got != "" {
			t.Errorf("LabelOfID(%q) = %q, want none", id, got)
		}
	}
	if graph.EventKey("2026-01-13", "会议", "article/a") != graph.EventKey("2026-01-13", "会议", "article/b") {
		t.Errorf("dated events of different articles get different keys")
	}
	if graph.EventKey("", "会议", "article/a") == graph.EventKey("", "会议", "article/b") {
		t.Errorf("undated events of different articles share a key")
	}
}

func TestRelationID(t *testing.T) {
	a := graph.RelationID(graph.RelParticipated, "org/x", "event/y", "guided")
	if a != graph.RelationID(graph.RelParticipated, "org/x", "event/y", "guided") {
		t.Errorf("RelationID is not stable")
	}
	if !strings.HasPrefix(a, "rel/") || len(a) != len("rel/")+20 {
		t.Errorf("RelationID = %q, want rel/ and 20 hex digits", a)
	}
	for _, b := range []string{
		graph.RelationID(graph.RelParticipated, "org/x", "event/y", "hosted"),
		graph.RelationID(graph.RelParticipated, "event/y", "org/x", "guided"),
		graph.RelationID(graph.RelReportedAt, "org/x", "event/y", "guided"),
		graph.RelationID(graph.RelParticipated, "org/xe", "vent/y", "guided"),
	} {
		if a == b {
			t.Errorf("RelationID collides: %q", a)
		}
	}
}

func TestLabelsAndTypes(t *testing.T) {
	for _, l := range graph.Labels {
		if !l.Valid() {
			t.Errorf("label %s is not Valid", l)
		}
	}
	for _, rt := range graph.RelTypes {
		if !rt.Valid() {
			t.Errorf("type %s is not Valid", rt)
		}
		if _, ok := graph.Endpoints[rt]; !ok {
			t.Errorf("type %s has no Endpoints", rt)
		}
	}
	if graph.Label("Person ").Valid() || graph.RelType("holds").Valid() {
		t.Errorf("Valid accepts near misses")
	}
}

func TestRelationArticles(t *testing.T) {
	r := graph.Relation{Evidence: []graph.Evidence{{ArticleID: "article/b"}, {ArticleID: "article/a"}, {ArticleID: "article/b"}}}
	if got, want := r.Articles(), []string{"article/a", "article/b"}; !slices.Equal(got, want) {
		t.Errorf("Articles() = %q, want %q", got, want)
	}
}

func TestSortEvidence(t *testing.T) {
	ev := []graph.Evidence{
		{ArticleID: "article/b", Sentence: "x", Start: 0, End: 1},
		{ArticleID: "article/a", Sentence: "y", Start: 5, End: 6},
		{ArticleID: "article/a", Sentence: "x", Start: 0, End: 1},
		{ArticleID: "article/a", Sentence: "y", Start: 5, End: 6},
		{ArticleID: "article/a", Sentence: "w", Start: 0, End: 1},
	}
	got := graph.SortEvidence(ev)
	want := []graph.Evidence{
		{ArticleID: "article/a", Sentence: "w", Start: 0, End: 1},
		{ArticleID: "article/a", Sentence: "x", Start: 0, End: 1},
		{ArticleID: "article/a", Sentence: "y", Start: 5, End: 6},
		{ArticleID: "article/b", Sentence: "x", Start: 0, End: 1},
	}
	if !slices.Equal(got, want) {
		t.Errorf("SortEvidence = %+v, want %+v", got, want)
	}
}

func TestDumpWriter(t *testing.T) {
	var buf bytes.Buffer
	w := graph.NewDumpWriter(&buf)
	n := &graph.Node{ID: lv, Label: graph.LabelPerson, Name: "吕沛"}
	r := &graph.Relation{ID: "rel/1", Type: graph.RelMentions, From: article, To: lv, Evidence: []graph.Evidence{
		{ArticleID: article, Sentence: "<b>", Start: 3, End: 4},
		{ArticleID: article, Sentence: "a", Start: 1, End: 2},
	}}
	if err := w.Node(n); err != nil {
		t.Fatal(err)
	}
	if err := w.Relation(r); err != nil {
		t.Fatal(err)
	}
	want := `{"node":{"id":"person/吕沛","label":"Person","name":"吕沛"}}
{"relation":{"id":"rel/1","type":"MENTIONS","from":"article/a1","to":"person/吕沛","evidence":[{"article":"article/a1","sentence":"a","start":1,"end":2},{"article":"article/a1","sentence":"<b>","start":3,"end":4}]}}
`
	if got := buf.String(); got != want {
		t.Errorf("dump =\n%s\nwant\n%s", got, want)
	}
	if r.Evidence[0].Start != 3 {
		t.Errorf("DumpWriter.Relation reordered the caller's evidence")
	}
}
