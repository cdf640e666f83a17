package graphtest

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/kgproject/kg/graph"
)

// The tests of issue 12's identity model, which every store must keep
// alike: people and bodies are told apart by ID, not by name (two people
// of one name stay two, in two articles or in one), a node is merged by
// ID across articles, the graph does not depend on the order articles are
// stored in, and a post's holders keep the evidence and the article dates
// that date each holding (queries' tenure reads nothing else).

// factsBuilder builds a made-up article's facts, with evidence taken from
// its text.
type factsBuilder struct{ f graph.ArticleFacts }

func newFacts(key, published, text string) *factsBuilder {
	aid := graph.NodeID(graph.LabelArticle, key)
	return &factsBuilder{f: graph.ArticleFacts{Article: graph.Node{
		ID: aid, Label: graph.LabelArticle, Name: "报道" + key, Title: "报道" + key, Text: text, Published: published,
	}}}
}

// node adds n (once) and the article's MENTIONS of it, with the evidence
// of the sentence naming needle; it returns n's ID.
func (b *factsBuilder) node(n graph.Node, needle string) string {
	if !slices.ContainsFunc(b.f.Nodes, func(m graph.Node) bool { return m.ID == n.ID }) {
		b.f.Nodes = append(b.f.Nodes, n)
	}
	b.rel(graph.RelMentions, b.f.Article.ID, n.ID, needle)
	return n.ID
}

func (b *factsBuilder) rel(t graph.RelType, from, to, needle string) {
	b.f.Relations = append(b.f.Relations, graph.Relation{Type: t, From: from, To: to, Evidence: []graph.Evidence{evidenceFor(b.f.Article, needle)}})
}

// holds adds person HOLDS post OF org, the post named post and titled
// title, stated where needle is.
func (b *factsBuilder) holds(person, post, title, org, needle string) string {
	id := graph.NodeID(graph.LabelPost, post)
	if !slices.ContainsFunc(b.f.Nodes, func(m graph.Node) bool { return m.ID == id }) {
		b.f.Nodes = append(b.f.Nodes, graph.Node{ID: id, Label: graph.LabelPost, Name: post, Title: title})
		b.rel(graph.RelOf, id, org, needle)
	}
	b.rel(graph.RelHolds, person, id, needle)
	return id
}

func person(id, name string, aliases ...string) graph.Node {
	return graph.Node{ID: graph.NodeID(graph.LabelPerson, id), Label: graph.LabelPerson, Name: name, Aliases: aliases}
}

func org(id, name string, aliases ...string) graph.Node {
	return graph.Node{ID: graph.NodeID(graph.LabelOrganisation, id), Label: graph.LabelOrganisation, Name: name, Aliases: aliases}
}

// Two people named 杨明: a county's party secretary and a city's bureau
// director, keyed by locale as identity resolution keys them.
var (
	yangCounty = graph.NodeID(graph.LabelPerson, "杨明@枫屿县")
	yangCity   = graph.NodeID(graph.LabelPerson, "杨明@澜州市")
	premier    = graph.NodeID(graph.LabelPerson, "李强")
)

// identityFacts returns five articles: each 杨明 alone, both in one
// article, and a national leader keyed by bare name in two articles that
// give him different aliases.
func identityFacts() []graph.ArticleFacts {
	a1 := newFacts("id-1", "2023-01-05", "县委书记杨明主持召开县委常委会议。杨书记强调，要抓好秋粮收购。")
	y := a1.node(person("杨明@枫屿县", "杨明", "杨书记"), "杨明")
	c := a1.node(org("枫屿县委", "枫屿县委", "县委"), "县委常委会议")
	a1.holds(y, "枫屿县委书记", "书记", c, "县委书记杨明")

	a2 := newFacts("id-2", "2023-02-01", "澜州市教育局局长杨明调研职业教育。")
	z := a2.node(person("杨明@澜州市", "杨明"), "杨明")
	e := a2.node(org("澜州市教育局", "澜州市教育局"), "澜州市教育局")
	a2.holds(z, "澜州市教育局局长", "局长", e, "局长杨明")

	a3 := newFacts("id-3", "2023-03-01", "枫屿县委书记杨明与澜州市教育局局长杨明共同出席签约仪式。")
	a3.node(person("杨明@枫屿县", "杨明"), "杨明")
	a3.node(person("杨明@澜州市", "杨明"), "杨明")
	c3 := a3.node(org("枫屿县委", "枫屿县委"), "枫屿县委")
	e3 := a3.node(org("澜州市教育局", "澜州市教育局"), "澜州市教育局")
	a3.holds(yangCounty, "枫屿县委书记", "书记", c3, "枫屿县委书记杨明")
	a3.holds(yangCity, "澜州市教育局局长", "局长", e3, "局长杨明")

	a4 := newFacts("id-4", "2023-03-13", "国务院总理李强主持召开国务院常务会议。")
	p := a4.node(person("李强", "李强"), "李强")
	g := a4.node(org("国务院", "国务院"), "国务院常务会议")
	a4.holds(p, "国务院总理", "总理", g, "总理李强")

	a5 := newFacts("id-5", "2023-04-01", "李强总理在会上强调，要稳住经济大盘。")
	a5.node(person("李强", "李强", "李强总理"), "李强总理")
	return []graph.ArticleFacts{a1.f, a2.f, a3.f, a4.f, a5.f}
}

// The holders of one post over two years: two from 2022, four named in
// 2023, and one of the first two removed in 2023.
var deputies = []string{"钱望舒", "孙立言", "周启航", "吴恒远", "郑晓岚", "冯知秋"}

const vicePremier = "国务院副总理"

func tenureFacts() []graph.ArticleFacts {
	t1 := newFacts("tenure-1", "2022-06-01", "国务院副总理钱望舒、孙立言出席会议。")
	g := t1.node(org("国务院", "国务院"), "国务院")
	for _, n := range deputies[:2] {
		t1.holds(t1.node(person(n, n), n), vicePremier, "副总理", g, n)
	}
	t2 := newFacts("tenure-2", "2023-03-12", "任命周启航、吴恒远、郑晓岚、冯知秋为国务院副总理。")
	g = t2.node(org("国务院", "国务院"), "国务院")
	for _, n := range deputies[2:] {
		t2.holds(t2.node(person(n, n), n), vicePremier, "副总理", g, n)
	}
	t3 := newFacts("tenure-3", "2023-03-12", "免去钱望舒的国务院副总理职务。")
	g = t3.node(org("国务院", "国务院"), "国务院")
	t3.holds(t3.node(person(deputies[0], deputies[0]), deputies[0]), vicePremier, "副总理", g, "免去")
	return []graph.ArticleFacts{t1.f, t2.f, t3.f}
}

// testIdentity checks that two people of one name stay two nodes, in
// articles of their own and in one article naming both, that a node keyed
// by name alone merges across articles, and that retracting articles
// removes exactly what they alone supported.
func (s suite) testIdentity(t *testing.T) {
	facts := identityFacts()
	st := s.open(t)
	put(t, st, facts...)
	checkDump(t, "identity facts", dump(t, st), newModel(facts...).dump())

	page, err := st.FindNodes(ctx, graph.NodeFilter{Labels: []graph.Label{graph.LabelPerson}, Name: "杨明"})
	if err != nil {
		t.Fatalf("FindNodes(杨明): %v", err)
	}
	if got, want := nodeIDs(page.Nodes), sorted(yangCounty, yangCity); !same(got, want) {
		t.Errorf("FindNodes(杨明) = %v, want both namesakes %v", got, want)
	}
	rels, err := st.Relations(ctx, graph.RelationFilter{NodeIDs: []string{yangCounty}, Direction: graph.Outgoing, Types: []graph.RelType{graph.RelHolds}})
	if err != nil {
		t.Fatalf("Relations(%s): %v", yangCounty, err)
	}
	if len(rels) != 1 || rels[0].To != graph.NodeID(graph.LabelPost, "枫屿县委书记") || len(rels[0].Evidence) != 2 {
		t.Errorf("%s holds %s; want only 枫屿县委书记, with evidence from two articles", yangCounty, clip(string(jsonOf(rels))))
	}
	hits, err := st.Search(ctx, graph.SearchQuery{Text: "杨明", Labels: []graph.Label{graph.LabelPerson}})
	if err != nil {
		t.Fatalf("Search(杨明): %v", err)
	}
	var got []string
	for _, h := range hits {
		got = append(got, h.Node.ID)
	}
	if !slices.Contains(got, yangCounty) || !slices.Contains(got, yangCity) {
		t.Errorf("Search(杨明) = %v, want both namesakes", got)
	}
	ns, err := st.Nodes(ctx, []string{premier})
	if err != nil {
		t.Fatalf("Nodes(%s): %v", premier, err)
	}
	if ns[0] == nil || !same(ns[0].Aliases, []string{"李强总理"}) {
		t.Errorf("%s = %+v, want one node with the alias one of its articles gives", premier, ns[0])
	}
	mentions, err := st.Relations(ctx, graph.RelationFilter{NodeIDs: []string{premier}, Direction: graph.Incoming, Types: []graph.RelType{graph.RelMentions}})
	if err != nil {
		t.Fatalf("Relations(%s): %v", premier, err)
	}
	if len(mentions) != 2 {
		t.Errorf("%s is mentioned by %d articles, want 2", premier, len(mentions))
	}

	// Retracting the article naming both keeps both; retracting the
	// county's own article then removes the county's 杨明 alone.
	for _, aid := range []string{facts[2].Article.ID, facts[0].Article.ID} {
		if err := st.DeleteArticle(ctx, aid); err != nil {
			t.Fatalf("DeleteArticle(%s): %v", aid, err)
		}
		facts = without(facts, aid)
		checkDump(t, "identity facts without "+aid, dump(t, st), newModel(facts...).dump())
	}
	ns, err = st.Nodes(ctx, []string{yangCounty, yangCity})
	if err != nil {
		t.Fatalf("Nodes: %v", err)
	}
	if ns[0] != nil || ns[1] == nil {
		t.Errorf("after retracting the county's articles: Nodes = %v, want only %s", nodeIDs(ns), yangCity)
	}
}

// testOrderIndependent stores the same articles in three orders, in
// batches of random sizes where the store writes batches, with an article
// retracted and stored again along the way: every dump must be the
// model's, byte for byte.
func (s suite) testOrderIndependent(t *testing.T) {
	all := append(append(SeedFacts(), identityFacts()...), tenureFacts()...)
	want := newModel(all...).dump()
	rng := rand.New(rand.NewPCG(12, 12))
	for round := range 3 {
		facts := slices.Clone(all)
		rng.Shuffle(len(facts), func(i, j int) { facts[i], facts[j] = facts[j], facts[i] })
		order := make([]string, len(facts))
		for i, f := range facts {
			order[i] = f.Article.ID
		}
		st := s.open(t)
		bw, _ := st.(graph.BatchWriter)
		for len(facts) > 0 {
			n := min(1+rng.IntN(5), len(facts))
			if bw != nil {
				putBatch(t, bw, facts[:n]...)
			} else {
				put(t, st, facts[:n]...)
			}
			facts = facts[n:]
		}
		what := fmt.Sprintf("order %d %v", round, order)
		checkDump(t, what, dump(t, st), want)
		// A retraction followed by storing the article again round-trips.
		f := all[rng.IntN(len(all))]
		if err := st.DeleteArticle(ctx, f.Article.ID); err != nil {
			t.Fatalf("DeleteArticle(%s): %v", f.Article.ID, err)
		}
		put(t, st, f)
		checkDump(t, what+", then "+f.Article.ID+" retracted and stored again", dump(t, st), want)
	}
}

// testTenure checks what queries' tenure reads: every holder of a post
// with several at once, each holding with the evidence of every article
// that states it (the sentence that names an appointment or a removal
// among them), the articles' dates, and the same through
// graph.LinkReader when the store implements it; retracting an article
// takes exactly its evidence away.
func (s suite) testTenure(t *testing.T) {
	facts := tenureFacts()
	st := s.open(t)
	put(t, st, facts...)
	post := graph.NodeID(graph.LabelPost, vicePremier)
	check := func(what string, facts []graph.ArticleFacts) {
		t.Helper()
		checkDump(t, what, dump(t, st), newModel(facts...).dump())
		// want: person -> the articles giving evidence of the holding.
		want := map[string][]string{}
		for _, f := range facts {
			for _, r := range f.Relations {
				if r.Type == graph.RelHolds && r.To == post {
					want[r.From] = append(want[r.From], f.Article.ID)
				}
			}
		}
		f := graph.RelationFilter{NodeIDs: []string{post}, Direction: graph.Incoming, Types: []graph.RelType{graph.RelHolds}}
		rels, err := st.Relations(ctx, f)
		if err != nil {
			t.Fatalf("%s: Relations(%s): %v", what, post, err)
		}
		got := map[string][]string{}
		var aids []string
		for _, r := range rels {
			got[r.From] = r.Articles()
			aids = append(aids, r.Articles()...)
			for _, e := range r.Evidence {
				if e.Sentence == "" || e.End <= e.Start {
					t.Errorf("%s: %s holds %s with evidence %+v, want its sentence and offsets", what, r.From, post, e)
				}
			}
		}
		for p := range want {
			want[p] = sorted(want[p]...)
		}
		if !same(got, want) {
			t.Errorf("%s: the holders of %s and their articles = %v, want %v", what, post, got, want)
		}
		arts, err := st.Nodes(ctx, sorted(aids...))
		if err != nil {
			t.Fatalf("%s: Nodes: %v", what, err)
		}
		for _, a := range arts {
			if a == nil || a.Published == "" {
				t.Errorf("%s: an article giving evidence of a holding is %+v, want it with its date", what, a)
			}
		}
		if lr, ok := st.(graph.LinkReader); ok {
			links, err := lr.Links(ctx, f)
			if err != nil {
				t.Fatalf("%s: Links(%s): %v", what, post, err)
			}
			viaLinks := map[string][]string{}
			for _, l := range links[post] {
				if l.Node == nil || l.Node.ID != l.Relation.From || l.Node.Label != graph.LabelPerson {
					t.Errorf("%s: Links(%s) gives %+v at the holder's end", what, post, l.Node)
					continue
				}
				viaLinks[l.Node.ID] = l.Relation.Articles()
			}
			if !same(viaLinks, want) {
				t.Errorf("%s: Links(%s) holders = %v, want %v", what, post, viaLinks, want)
			}
		}
	}
	check("tenure facts", facts)
	for _, aid := range []string{facts[2].Article.ID, facts[0].Article.ID} {
		if err := st.DeleteArticle(ctx, aid); err != nil {
			t.Fatalf("DeleteArticle(%s): %v", aid, err)
		}
		facts = without(facts, aid)
		check("tenure facts without "+aid, facts)
	}
}
