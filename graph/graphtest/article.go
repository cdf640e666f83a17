package graphtest

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/kgproject/kg/graph"
)

// pageFacts returns a made-up article read from page, with one person
// who attended one event, so that it adds nodes and relations of its own.
func pageFacts(key, page string) graph.ArticleFacts {
	aid := graph.NodeID(graph.LabelArticle, key)
	text := "甲出席会议。"
	f := graph.ArticleFacts{Article: graph.Node{
		ID: aid, Label: graph.LabelArticle, Name: "报道" + key, Text: text, Published: "2026-01-14",
		URL: "https://example.com/" + key, Outlet: "白岩日报", Author: "记者甲", Page: page,
		Scope: "博爱县", ScopeBasis: "dateline 博爱讯",
	}}
	person := graph.NodeID(graph.LabelPerson, "甲")
	event := graph.NodeID(graph.LabelEvent, graph.EventKey("", "会议", aid))
	f.Nodes = []graph.Node{
		{ID: person, Label: graph.LabelPerson, Name: "甲"},
		{ID: event, Label: graph.LabelEvent, Name: "会议"},
	}
	ev := []graph.Evidence{{ArticleID: aid, Sentence: text, Start: 0, End: 6}}
	f.Relations = []graph.Relation{
		{Type: graph.RelAttended, From: person, To: event, Evidence: ev},
		{Type: graph.RelReports, From: aid, To: event, Evidence: ev},
		{Type: graph.RelMentions, From: aid, To: person, Evidence: ev},
	}
	return f
}

// testArticleFields checks that an article's URL, Outlet, Author, Page,
// Scope and ScopeBasis are stored and read back, that replacing the
// article replaces them, and that a node several articles give them to
// takes each from its parts as graph.MergeNodes does, whatever order the
// articles come in.
func (s suite) testArticleFields(t *testing.T) {
	st := s.open(t)
	m := newModel()
	a := pageFacts("a", "input/a.html")
	put(t, st, a)
	m.put(a)
	got, err := st.Nodes(ctx, []string{a.Article.ID})
	if err != nil {
		t.Fatalf("Nodes: %v", err)
	}
	if n := got[0]; n == nil || n.URL != a.Article.URL || n.Outlet != a.Article.Outlet || n.Author != a.Article.Author || n.Page != a.Article.Page || n.Scope != a.Article.Scope || n.ScopeBasis != a.Article.ScopeBasis {
		t.Errorf("article = %+v, want URL, Outlet, Author, Page, Scope, ScopeBasis %q %q %q %q %q %q", n, a.Article.URL, a.Article.Outlet, a.Article.Author, a.Article.Page, a.Article.Scope, a.Article.ScopeBasis)
	}
	checkDump(t, "one article", dump(t, st), m.dump())

	a.Article.URL, a.Article.Outlet, a.Article.Author, a.Article.Page = "https://example.com/a2", "", "记者乙", "input/b.html"
	a.Article.Scope, a.Article.ScopeBasis = "", ""
	put(t, st, a)
	m.put(a)
	checkDump(t, "the article with other fields", dump(t, st), m.dump())

	// The fields belong to articles, but the merge rule holds for any
	// node: parts added later in article order, and one added before.
	person := graph.NodeID(graph.LabelPerson, "甲")
	withPerson := func(key string, fill func(n *graph.Node)) graph.ArticleFacts {
		f := pageFacts(key, "")
		fill(&f.Nodes[0])
		return f
	}
	for _, f := range []graph.ArticleFacts{
		withPerson("m1", func(n *graph.Node) { n.URL = "https://example.com/1" }),
		withPerson("m2", func(n *graph.Node) { n.URL, n.Outlet = "https://example.com/2", "新闻联播" }),
		withPerson("m3", func(n *graph.Node) { n.Author, n.Page = "记者丙", "p" }),
		withPerson("m0", func(n *graph.Node) { n.Outlet, n.Scope = "白岩日报", "博爱县" }),
		withPerson("m4", func(n *graph.Node) { n.Scope, n.ScopeBasis = "岚山区", "dateline 岚山讯" }),
	} {
		put(t, st, f)
		m.put(f)
		checkDump(t, "after putting "+f.Article.ID, dump(t, st), m.dump())
	}
	got, err = st.Nodes(ctx, []string{person})
	if err != nil {
		t.Fatalf("Nodes: %v", err)
	}
	want := graph.Node{URL: "https://example.com/1", Outlet: "白岩日报", Author: "记者丙", Page: "p", Scope: "博爱县", ScopeBasis: "dateline 岚山讯"}
	if n := got[0]; n == nil || n.URL != want.URL || n.Outlet != want.Outlet || n.Author != want.Author || n.Page != want.Page || n.Scope != want.Scope || n.ScopeBasis != want.ScopeBasis {
		t.Errorf("merged person = %+v, want URL, Outlet, Author, Page, Scope, ScopeBasis %q %q %q %q %q %q", n, want.URL, want.Outlet, want.Author, want.Page, want.Scope, want.ScopeBasis)
	}
	if err := st.DeleteArticle(ctx, graph.NodeID(graph.LabelArticle, "m0")); err != nil {
		t.Fatalf("DeleteArticle: %v", err)
	}
	m.delete(graph.NodeID(graph.LabelArticle, "m0"))
	checkDump(t, "after deleting the first part", dump(t, st), m.dump())
}

// testFindNodesPage checks NodeFilter.Page alone and with the other
// fields, after deletes and after articles move from page to page.
func (s suite) testFindNodesPage(t *testing.T) {
	st := s.seeded(t)
	m := newModel(SeedFacts()...)
	const p1, p2 = "input/一.html", "input/二.html"
	a1, a2, a3, a4 := pageFacts("p1", p1), pageFacts("p2", p1), pageFacts("p3", p2), pageFacts("p4", "")
	// A page that is a prefix of another's, and a person given a page:
	// neither matches the other's articles.
	a5 := pageFacts("p5", "input/")
	a5.Nodes[0].Page = p1
	for _, f := range []graph.ArticleFacts{a1, a2, a3, a4, a5} {
		put(t, st, f)
		m.put(f)
	}
	id := func(f graph.ArticleFacts) string { return f.Article.ID }
	article := []graph.Label{graph.LabelArticle}
	check := func(when string, cases []findCase) {
		t.Helper()
		v := m.view()
		for _, c := range cases {
			what := fmt.Sprintf("%s: FindNodes(%+v)", when, c.filter)
			if got := v.find(c.filter); !slices.Equal(nodeIDs(got.Nodes), c.want) || got.Total != c.total {
				t.Fatalf("%s: the model gives %q (total %d), the test wants %q (total %d)", what, nodeIDs(got.Nodes), got.Total, c.want, c.total)
			}
			checkFind(t, st, v, what, c.filter)
		}
	}
	check("five articles", []findCase{
		{graph.NodeFilter{Page: p1}, sorted(id(a1), id(a2)), 2},
		{graph.NodeFilter{Page: p2}, []string{id(a3)}, 1},
		{graph.NodeFilter{Page: "input/"}, []string{id(a5)}, 1},
		{graph.NodeFilter{Page: "input"}, nil, 0},
		{graph.NodeFilter{Page: "nowhere"}, nil, 0},
		{graph.NodeFilter{Page: p1, Labels: article}, sorted(id(a1), id(a2)), 2},
		{graph.NodeFilter{Page: p1, Labels: []graph.Label{graph.LabelPerson}}, nil, 0},
		{graph.NodeFilter{Page: p1, Labels: []graph.Label{graph.LabelPerson, graph.LabelArticle}}, sorted(id(a1), id(a2)), 2},
		{graph.NodeFilter{Page: p1, IDs: []string{id(a2), id(a3)}}, []string{id(a2)}, 1},
		{graph.NodeFilter{Page: p1, Name: a1.Article.Name}, []string{id(a1)}, 1},
		{graph.NodeFilter{Page: p1, Name: "甲"}, nil, 0},
		{graph.NodeFilter{Page: p1, Kinds: []graph.EventKind{graph.KindMeeting}}, nil, 0},
		{graph.NodeFilter{Page: p1, DateFrom: "2026-01-01"}, nil, 0},
		{graph.NodeFilter{Page: p1, After: id(a1)}, []string{id(a2)}, 2},
		{graph.NodeFilter{Page: p1, Limit: 1}, []string{id(a1)}, 2},
	})
	if err := st.DeleteArticle(ctx, id(a1)); err != nil {
		t.Fatalf("DeleteArticle: %v", err)
	}
	m.delete(id(a1))
	check("after deleting "+id(a1), []findCase{
		{graph.NodeFilter{Page: p1}, []string{id(a2)}, 1},
		{graph.NodeFilter{Page: p1, IDs: []string{id(a1)}}, nil, 0},
	})
	a2.Article.Page = p2
	put(t, st, a2)
	m.put(a2)
	check("after moving "+id(a2)+" to "+p2, []findCase{
		{graph.NodeFilter{Page: p1}, nil, 0},
		{graph.NodeFilter{Page: p2}, sorted(id(a2), id(a3)), 2},
	})
	a3.Article.Page = ""
	put(t, st, a3)
	m.put(a3)
	check("after taking "+id(a3)+"'s page away", []findCase{
		{graph.NodeFilter{Page: p2}, []string{id(a2)}, 1},
	})
	checkDump(t, "after the page changes", dump(t, st), m.dump())
}

// findCase is a FindNodes filter and the IDs and total it selects.
type findCase struct {
	filter graph.NodeFilter
	want   []string
	total  int
}

// checkFind compares FindNodes(f) with the model's answer.
func checkFind(t testing.TB, st graph.Store, v *view, what string, f graph.NodeFilter) {
	t.Helper()
	got, err := st.FindNodes(ctx, f)
	if err != nil {
		t.Errorf("%s: %v", what, err)
		return
	}
	want := v.find(f)
	if !slices.Equal(nodeIDs(got.Nodes), nodeIDs(want.Nodes)) || got.Total != want.Total || got.HasMore != want.HasMore {
		t.Errorf("%s = %q, total %d, more %t; want %q, %d, %t", what, nodeIDs(got.Nodes), got.Total, got.HasMore, nodeIDs(want.Nodes), want.Total, want.HasMore)
		return
	}
	for i, n := range got.Nodes {
		if !same(n, want.Nodes[i]) {
			t.Errorf("%s: node %s = %+v, want %+v", what, n.ID, n, want.Nodes[i])
		}
	}
}

// checkCounts compares the store's graph.Counter counts, when it has
// them, with the nodes and relations of its dump.
func checkCounts(t testing.TB, st graph.Store, what string) {
	t.Helper()
	c, ok := st.(graph.Counter)
	if !ok {
		return
	}
	nodes, rels, err := c.Counts(ctx)
	if err != nil {
		t.Errorf("%s: Counts: %v", what, err)
		return
	}
	var wantNodes, wantRels int
	for _, l := range bytes.Split(dump(t, st), []byte("\n")) {
		switch {
		case bytes.HasPrefix(l, []byte(`{"node":`)):
			wantNodes++
		case bytes.HasPrefix(l, []byte(`{"relation":`)):
			wantRels++
		}
	}
	if nodes != wantNodes || rels != wantRels {
		t.Errorf("%s: Counts = %d nodes, %d relations; the dump holds %d, %d", what, nodes, rels, wantNodes, wantRels)
	}
}

// testCounts checks graph.Counter on an empty store, the seed, after
// replacing and deleting articles, and after Close.
func (s suite) testCounts(t *testing.T) {
	st := s.open(t)
	c, ok := st.(graph.Counter)
	if !ok {
		t.Skipf("%T does not implement graph.Counter", st)
	}
	if n, r, err := c.Counts(ctx); n != 0 || r != 0 || err != nil {
		t.Errorf("Counts of an empty store = %d, %d, %v; want 0, 0, nil", n, r, err)
	}
	put(t, st, SeedFacts()...)
	checkCounts(t, st, "seed")
	put(t, st, changedFacts(), variant(2))
	checkCounts(t, st, "seed with articles replaced")
	for i := 1; i <= len(SeedFacts()); i++ {
		if err := st.DeleteArticle(ctx, SeedArticleID(i)); err != nil {
			t.Fatalf("DeleteArticle(%s): %v", SeedArticleID(i), err)
		}
		checkCounts(t, st, "after deleting "+SeedArticleID(i))
	}
	if err := st.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if _, _, err := c.Counts(ctx); !errors.Is(err, graph.ErrUnavailable) {
		t.Errorf("Counts after Close: error = %v, want ErrUnavailable", err)
	}
}
