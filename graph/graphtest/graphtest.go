// Package graphtest is the conformance suite every graph.Store must pass,
// and the seed graph it runs on.
//
// A backend hooks up in a few lines:
//
//	func TestConformance(t *testing.T) {
//		graphtest.Run(t, func(t testing.TB) graph.Store {
//			s, err := bolt.Open(t.TempDir(), nil)
//			if err != nil {
//				t.Fatal(err)
//			}
//			t.Cleanup(func() { s.Close() })
//			return s
//		})
//	}
//
// Like testing/fstest, the suite reports every misbehaviour it finds rather
// than stopping at the first. Answers are checked against hand-written
// expectations on the seed graph (SeedFacts) and against a reference model
// that computes, by brute force, what the graph.Store documentation says.
package graphtest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/kgproject/kg/graph"
)

// Run runs every conformance test against stores made by open. Each call of
// open must return a fresh, empty store and arrange its closing (with
// t.Cleanup); a store the suite closes itself may be closed again then. A
// test uses at most two stores at once, the two it opened last, so open may
// recycle older ones. The PutArticles tests check the optional
// graph.BatchWriter and skip, saying so, when the store does not implement
// it.
func Run(t *testing.T, open func(t testing.TB) graph.Store) {
	s := suite{open: open}
	tests := []struct {
		name string
		fn   func(t *testing.T)
	}{
		{"PutArticle/Seed", s.testPutSeed},
		{"PutArticle/AnyOrder", s.testPutAnyOrder},
		{"PutArticle/Idempotent", s.testPutIdempotent},
		{"PutArticle/Replace", s.testPutReplace},
		{"PutArticle/Invalid", s.testPutInvalid},
		{"PutArticle/KeepsInput", s.testPutKeepsInput},
		{"PutArticle/RepeatedListings", s.testPutRepeatedListings},
		{"PutArticle/ArticleFields", s.testArticleFields},
		{"PutArticles/Seed", s.testBatchSeed},
		{"PutArticles/Sequential", s.testBatchSequential},
		{"PutArticles/Empty", s.testBatchEmpty},
		{"PutArticles/Invalid", s.testBatchInvalid},
		{"PutArticles/KeepsInput", s.testBatchKeepsInput},
		{"PutArticles/Random", s.testBatchRandom},
		{"PutArticles/Atomic", s.testBatchAtomic},
		{"PutArticles/Cancelled", s.testBatchCancelled},
		{"DeleteArticle", s.testDelete},
		{"DeleteArticle/NotFound", s.testDeleteNotFound},
		{"PutAndDelete/Sequence", s.testSequence},
		{"PutAndDelete/Random", s.testRandom},
		{"Nodes", s.testNodes},
		{"FindNodes", s.testFindNodes},
		{"FindNodes/Pages", s.testFindNodesPages},
		{"FindNodes/Invalid", s.testFindNodesInvalid},
		{"FindNodes/Page", s.testFindNodesPage},
		{"Counts", s.testCounts},
		{"ByteOrder", s.testByteOrder},
		{"Relations", s.testRelations},
		{"Relations/Model", s.testRelationsModel},
		{"Relations/Invalid", s.testRelationsInvalid},
		{"Neighbourhood", s.testNeighbourhood},
		{"Neighbourhood/Model", s.testNeighbourhoodModel},
		{"Neighbourhood/Errors", s.testNeighbourhoodErrors},
		{"ShortestPath", s.testShortestPath},
		{"ShortestPath/TieBreak", s.testShortestPathTieBreak},
		{"ShortestPath/Model", s.testShortestPathModel},
		{"ShortestPath/Errors", s.testShortestPathErrors},
		{"Outline", s.testOutline},
		{"Search", s.testSearch},
		{"Search/Model", s.testSearchModel},
		{"Search/Invalid", s.testSearchInvalid},
		{"Dump/Empty", s.testDumpEmpty},
		{"Identity", s.testIdentity},
		{"Identity/OrderIndependent", s.testOrderIndependent},
		{"Identity/Tenure", s.testTenure},
		{"Concurrent", s.testConcurrent},
		{"Cancelled", s.testCancelled},
		{"Close", s.testClose},
	}
	for _, tc := range tests {
		t.Run(tc.name, tc.fn)
	}
}

type suite struct {
	open func(t testing.TB) graph.Store
}

var ctx = context.Background()

// seeded returns a store holding the seed graph.
func (s suite) seeded(t *testing.T) graph.Store {
	t.Helper()
	st := s.open(t)
	put(t, st, SeedFacts()...)
	return st
}

func put(t testing.TB, st graph.Store, facts ...graph.ArticleFacts) {
	t.Helper()
	for i := range facts {
		if err := st.PutArticle(ctx, &facts[i]); err != nil {
			t.Fatalf("PutArticle(%s): %v", facts[i].Article.ID, err)
		}
	}
}

func dump(t testing.TB, st graph.Store) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := st.Dump(ctx, &buf); err != nil {
		t.Fatalf("Dump: %v", err)
	}
	return buf.Bytes()
}

// checkDump reports where got first differs from want.
func checkDump(t testing.TB, what string, got, want []byte) {
	t.Helper()
	if bytes.Equal(got, want) {
		return
	}
	gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(gl) || i < len(wl); i++ {
		var g, w string
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w {
			t.Errorf("%s: dump differs at line %d (of %d, want %d):\ngot:  %s\nwant: %s", what, i+1, len(gl)-1, len(wl)-1, clip(g), clip(w))
			return
		}
	}
}

func clip(s string) string {
	if r := []rune(s); len(r) > 300 {
		return string(r[:300]) + "…"
	}
	return s
}

// same compares values by their JSON form, so that nil and empty slices
// count as equal.
func same(a, b any) bool {
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(ja, jb)
}

func nodeIDs(ns []*graph.Node) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		if n != nil {
			out[i] = n.ID
		}
	}
	return out
}

func relIDs(rs []*graph.Relation) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		if r != nil {
			out[i] = r.ID
		}
	}
	return out
}

// sorted returns a sorted copy of ids.
func sorted(ids ...string) []string {
	out := append([]string(nil), ids...)
	sort.Strings(out)
	return out
}

func without(facts []graph.ArticleFacts, articleID string) []graph.ArticleFacts {
	var out []graph.ArticleFacts
	for _, f := range facts {
		if f.Article.ID != articleID {
			out = append(out, f)
		}
	}
	return out
}

func rel(t graph.RelType, from, to, role string) string { return graph.RelationID(t, from, to, role) }

func (s suite) testPutSeed(t *testing.T) {
	st := s.seeded(t)
	checkDump(t, "seed", dump(t, st), seedDump)
}

func (s suite) testPutAnyOrder(t *testing.T) {
	facts := SeedFacts()
	for i, j := 0, len(facts)-1; i < j; i, j = i+1, j-1 {
		facts[i], facts[j] = facts[j], facts[i]
	}
	st := s.open(t)
	put(t, st, facts...)
	checkDump(t, "seed in reverse order", dump(t, st), seedDump)
}

func (s suite) testPutIdempotent(t *testing.T) {
	st := s.seeded(t)
	put(t, st, SeedFacts()...)
	checkDump(t, "seed put twice", dump(t, st), seedDump)
	f := SeedFacts()[4]
	put(t, st, f, f)
	checkDump(t, "article 5 put twice more", dump(t, st), seedDump)
}

// changedFacts returns article 5 with facts taken away, changed and added.
func changedFacts() graph.ArticleFacts {
	f := SeedFacts()[4]
	var rels []graph.Relation
	for _, r := range f.Relations {
		switch {
		case r.Type == graph.RelAttended && r.From == idQianHui:
			// 钱辉 no longer attended.
		case r.Type == graph.RelParticipated:
			r.Role = "hosted"
			r.ID = graph.RelationID(r.Type, r.From, r.To, r.Role)
			rels = append(rels, r)
		default:
			rels = append(rels, r)
		}
	}
	f.Relations = rels
	for i := range f.Nodes {
		if f.Nodes[i].ID == idSymposium {
			f.Nodes[i].PartOfDay = "下午"
		}
		if f.Nodes[i].ID == idAdminCommittee {
			f.Nodes[i].Aliases = []string{"示范区管委会"}
		}
	}
	f.Nodes = append(f.Nodes, graph.Node{ID: graph.NodeID(graph.LabelProject, "政银合作"), Label: graph.LabelProject, Name: "政银合作"})
	f.Relations = append(f.Relations, graph.Relation{
		Type: graph.RelDiscussed, From: idSymposium, To: graph.NodeID(graph.LabelProject, "政银合作"),
		Evidence: []graph.Evidence{f.Relations[0].Evidence[0]},
	})
	return f
}

func (s suite) testPutReplace(t *testing.T) {
	st := s.seeded(t)
	changed := changedFacts()
	put(t, st, changed)
	want := append(without(SeedFacts(), SeedArticleID(5)), changed)
	fresh := s.open(t)
	put(t, fresh, want...)
	got := dump(t, st)
	checkDump(t, "after replacing article 5", got, dump(t, fresh))
	checkDump(t, "after replacing article 5 (model)", got, newModel(want...).dump())

	put(t, st, SeedFacts()[4])
	checkDump(t, "after restoring article 5", dump(t, st), seedDump)
}

func (s suite) testPutInvalid(t *testing.T) {
	valid := func() graph.ArticleFacts { return SeedFacts()[5] }
	cases := []struct {
		name   string
		change func(f *graph.ArticleFacts)
	}{
		{"article without id", func(f *graph.ArticleFacts) { f.Article.ID = "" }},
		{"article label", func(f *graph.ArticleFacts) { f.Article.Label = graph.LabelEvent }},
		{"node label", func(f *graph.ArticleFacts) { f.Nodes[1].Label = "Thing" }},
		{"node without name", func(f *graph.ArticleFacts) { f.Nodes[1].Name = "" }},
		{"event date", func(f *graph.ArticleFacts) { f.Nodes[1].Date = "2026-13-01" }},
		{"event kind", func(f *graph.ArticleFacts) { f.Nodes[1].Kind = "PARTY" }},
		{"relation type", func(f *graph.ArticleFacts) { f.Relations[0].Type = "KNOWS" }},
		{"relation end not in article", func(f *graph.ArticleFacts) {
			f.Relations[0].To = graph.NodeID(graph.LabelArticle, "elsewhere")
			f.Relations[0].ID = ""
		}},
		{"relation end label", func(f *graph.ArticleFacts) {
			r := &f.Relations[len(f.Relations)-1]
			r.Type, r.ID = graph.RelHolds, ""
		}},
		{"relation id", func(f *graph.ArticleFacts) { f.Relations[0].ID = "rel/0" }},
		{"no evidence", func(f *graph.ArticleFacts) { f.Relations[0].Evidence = nil }},
		{"evidence of another article", func(f *graph.ArticleFacts) { f.Relations[0].Evidence[0].ArticleID = SeedArticleID(1) }},
		{"evidence beyond the text", func(f *graph.ArticleFacts) { f.Relations[0].Evidence[0].End = 100000 }},
		{"evidence ends before it starts", func(f *graph.ArticleFacts) { f.Relations[0].Evidence[0].Start = 10; f.Relations[0].Evidence[0].End = 5 }},
	}
	empty := s.open(t)
	loaded := s.open(t)
	put(t, loaded, SeedFacts()[:5]...)
	before := dump(t, loaded)
	for _, c := range cases {
		f := valid()
		c.change(&f)
		for _, st := range []graph.Store{empty, loaded} {
			if err := st.PutArticle(ctx, &f); !errors.Is(err, graph.ErrInvalid) {
				t.Errorf("%s: PutArticle error = %v, want ErrInvalid", c.name, err)
			}
		}
	}
	// Invalid replacement facts for a stored article leave it alone.
	f := SeedFacts()[0]
	f.Relations[0].Evidence = nil
	if err := loaded.PutArticle(ctx, &f); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("invalid replacement: PutArticle error = %v, want ErrInvalid", err)
	}
	if err := empty.PutArticle(ctx, nil); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("PutArticle(nil) error = %v, want ErrInvalid", err)
	}
	checkDump(t, "empty store after invalid puts", dump(t, empty), nil)
	checkDump(t, "loaded store after invalid puts", dump(t, loaded), before)
}

func (s suite) testPutKeepsInput(t *testing.T) {
	st := s.open(t)
	f := SeedFacts()[5]
	for i := range f.Relations {
		f.Relations[i].ID = ""
	}
	snapshot, _ := json.Marshal(f)
	if err := st.PutArticle(ctx, &f); err != nil {
		t.Fatalf("PutArticle without relation IDs: %v", err)
	}
	if after, _ := json.Marshal(f); !bytes.Equal(after, snapshot) {
		t.Errorf("PutArticle modified its argument")
	}
	checkDump(t, "facts without relation IDs", dump(t, st), newModel(SeedFacts()[5]).dump())
}

// testPutRepeatedListings gives a node and a relation twice in one
// article: the node's part is the merge of its listings, the relation's
// evidence the union.
func (s suite) testPutRepeatedListings(t *testing.T) {
	f := SeedFacts()[5]
	var extra []graph.Node
	for _, n := range f.Nodes {
		if n.ID == idLvPei {
			n.Name, n.Aliases = "吕沛同志", []string{"吕书记"}
			extra = append(extra, n)
		}
	}
	f.Nodes = append(f.Nodes, extra...)
	r := f.Relations[0]
	r.Evidence = []graph.Evidence{evidenceFor(f.Article, "一要保持清醒真重视")}
	f.Relations = append(f.Relations, r, f.Relations[0])
	st := s.open(t)
	put(t, st, f)
	checkDump(t, "article with repeated listings", dump(t, st), newModel(f).dump())
	got, err := st.Nodes(ctx, []string{idLvPei})
	if err != nil {
		t.Fatalf("Nodes: %v", err)
	}
	if n := got[0]; n == nil || n.Name != "吕沛同志" || !slices.Equal(n.Aliases, []string{"吕书记", "吕沛"}) {
		t.Errorf("吕沛 listed twice = %+v, want name 吕沛同志 and aliases [吕书记 吕沛]", n)
	}
}

// testByteOrder checks that "ordered by ID" is byte order: ｚ (U+FF5A)
// sorts before 𠮷 (U+20BB7) in UTF-8 though not in UTF-16.
func (s suite) testByteOrder(t *testing.T) {
	const text = "𠮷野和ｚ某出席。"
	aid := graph.NodeID(graph.LabelArticle, "order")
	a, b := graph.NodeID(graph.LabelPerson, "𠮷野"), graph.NodeID(graph.LabelPerson, "ｚ某")
	ev := []graph.Evidence{{ArticleID: aid, Sentence: text, Start: 0, End: len([]rune(text))}}
	f := graph.ArticleFacts{
		Article: graph.Node{ID: aid, Label: graph.LabelArticle, Name: "order", Text: text},
		Nodes:   []graph.Node{{ID: a, Label: graph.LabelPerson, Name: "𠮷野"}, {ID: b, Label: graph.LabelPerson, Name: "ｚ某"}},
		Relations: []graph.Relation{
			{Type: graph.RelMentions, From: aid, To: a, Evidence: ev},
			{Type: graph.RelMentions, From: aid, To: b, Evidence: ev},
		},
	}
	st := s.open(t)
	put(t, st, f)
	want := []string{b, a}
	page, err := st.FindNodes(ctx, graph.NodeFilter{Labels: []graph.Label{graph.LabelPerson}})
	if err != nil {
		t.Fatalf("FindNodes: %v", err)
	}
	if got := nodeIDs(page.Nodes); !slices.Equal(got, want) {
		t.Errorf("FindNodes order = %q, want %q", got, want)
	}
	page, err = st.FindNodes(ctx, graph.NodeFilter{Labels: []graph.Label{graph.LabelPerson}, After: b})
	if err != nil {
		t.Fatalf("FindNodes after %s: %v", b, err)
	}
	if got := nodeIDs(page.Nodes); !slices.Equal(got, want[1:]) {
		t.Errorf("FindNodes after %s = %q, want %q", b, got, want[1:])
	}
	g, err := st.Neighbourhood(ctx, aid, graph.TraversalOptions{Depth: 1})
	if err != nil {
		t.Fatalf("Neighbourhood: %v", err)
	}
	if got := nodeIDs(g.Nodes); !slices.Equal(got, []string{aid, b, a}) {
		t.Errorf("Neighbourhood order = %q, want %q", got, []string{aid, b, a})
	}
	checkDump(t, "byte order", dump(t, st), newModel(f).dump())
}

func (s suite) testDelete(t *testing.T) {
	for i := 1; i <= 6; i++ {
		id := SeedArticleID(i)
		st := s.seeded(t)
		if err := st.DeleteArticle(ctx, id); err != nil {
			t.Errorf("DeleteArticle(%s): %v", id, err)
			continue
		}
		rest := without(SeedFacts(), id)
		fresh := s.open(t)
		put(t, fresh, rest...)
		got := dump(t, st)
		checkDump(t, "after deleting "+id, got, dump(t, fresh))
		checkDump(t, "after deleting "+id+" (model)", got, newModel(rest...).dump())
		if err := st.DeleteArticle(ctx, id); !errors.Is(err, graph.ErrNotFound) {
			t.Errorf("DeleteArticle(%s) twice: error = %v, want ErrNotFound", id, err)
		}
	}

	st := s.seeded(t)
	for i := 6; i >= 1; i-- {
		if err := st.DeleteArticle(ctx, SeedArticleID(i)); err != nil {
			t.Errorf("DeleteArticle(%s): %v", SeedArticleID(i), err)
		}
	}
	checkDump(t, "after deleting every article", dump(t, st), nil)
	put(t, st, SeedFacts()...)
	checkDump(t, "after deleting every article and putting them back", dump(t, st), seedDump)
}

// variant returns article i of the seed (0-based) with every other
// relation dropped and an alias added to its nodes, so that its
// contribution overlaps the original's without equalling it.
func variant(i int) graph.ArticleFacts {
	f := SeedFacts()[i]
	var rels []graph.Relation
	for k, r := range f.Relations {
		if k%2 == 1 {
			rels = append(rels, r)
		}
	}
	f.Relations = rels
	for k := range f.Nodes {
		if k%3 == 0 {
			f.Nodes[k].Aliases = append(f.Nodes[k].Aliases, fmt.Sprintf("别名%d", i))
		}
	}
	return f
}

// testSequence puts, replaces and deletes articles in a fixed pseudo-random
// order and compares the dump with the model's after every step.
func (s suite) testSequence(t *testing.T) {
	st := s.open(t)
	m := newModel()
	x := uint32(2026)
	next := func(n int) int {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		return int(x % uint32(n))
	}
	for step := range 40 {
		i := next(6)
		id := SeedArticleID(i + 1)
		var what string
		switch op := next(3); {
		case op == 0:
			what = "put " + id
			f := SeedFacts()[i]
			put(t, st, f)
			m.put(f)
		case op == 1:
			what = "put variant of " + id
			f := variant(i)
			put(t, st, f)
			m.put(f)
		default:
			what = "delete " + id
			_, stored := m.facts[id]
			err := st.DeleteArticle(ctx, id)
			switch {
			case stored && err != nil:
				t.Fatalf("step %d: %s: %v", step, what, err)
			case !stored && !errors.Is(err, graph.ErrNotFound):
				t.Fatalf("step %d: %s (not stored): error = %v, want ErrNotFound", step, what, err)
			}
			m.delete(id)
		}
		got, want := dump(t, st), m.dump()
		if !bytes.Equal(got, want) {
			checkDump(t, fmt.Sprintf("step %d: %s", step, what), got, want)
			return
		}
		checkCounts(t, st, fmt.Sprintf("step %d: %s", step, what))
	}
}

// testRandom puts and deletes made-up, heavily overlapping articles in a
// fixed pseudo-random order and compares the store with the model after
// every step: the dump, and at the end every node's neighbourhood.
func (s suite) testRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 1))
	st := s.open(t)
	m := newModel()
	for step := range 60 {
		k := rng.IntN(8)
		id := graph.NodeID(graph.LabelArticle, fmt.Sprintf("r-%d", k))
		what := "put " + id
		if _, stored := m.facts[id]; stored && rng.IntN(3) == 0 {
			what = "delete " + id
			if err := st.DeleteArticle(ctx, id); err != nil {
				t.Fatalf("step %d: %s: %v", step, what, err)
			}
			m.delete(id)
		} else {
			f := randomFacts(rng, k)
			put(t, st, f)
			m.put(f)
		}
		got, want := dump(t, st), m.dump()
		if !bytes.Equal(got, want) {
			checkDump(t, fmt.Sprintf("step %d: %s", step, what), got, want)
			return
		}
		checkCounts(t, st, fmt.Sprintf("step %d: %s", step, what))
		v := m.view()
		for _, p := range randomPages {
			checkFind(t, st, v, fmt.Sprintf("step %d: %s: FindNodes(page %q)", step, what, p), graph.NodeFilter{Page: p})
		}
	}
	v := m.view()
	for _, n := range v.order {
		g, err := st.Neighbourhood(ctx, n.ID, graph.TraversalOptions{Depth: 2, Limit: 6})
		if err != nil {
			t.Errorf("Neighbourhood(%s): %v", n.ID, err)
			continue
		}
		nodes, rels := v.neighbourhood(n.ID, graph.TraversalOptions{Depth: 2, Limit: 6})
		checkSubgraph(t, "Neighbourhood("+n.ID+")", v, g, nodes, rels)
	}
}

func (s suite) testDeleteNotFound(t *testing.T) {
	st := s.seeded(t)
	for _, id := range []string{"", "article/none", idLvPei} {
		if err := st.DeleteArticle(ctx, id); !errors.Is(err, graph.ErrNotFound) {
			t.Errorf("DeleteArticle(%q) error = %v, want ErrNotFound", id, err)
		}
	}
	checkDump(t, "after failed deletes", dump(t, st), seedDump)
}

func (s suite) testNodes(t *testing.T) {
	st := s.seeded(t)
	v := newModel(SeedFacts()...).view()
	ids := []string{idQianHui, "person/nobody", idLvPei, idPartyWorkCommittee, idSymposium, SeedArticleID(3), idQianHui}
	got, err := st.Nodes(ctx, ids)
	if err != nil {
		t.Fatalf("Nodes: %v", err)
	}
	if len(got) != len(ids) {
		t.Fatalf("Nodes returned %d nodes for %d IDs", len(got), len(ids))
	}
	for i, id := range ids {
		want := v.nodes[id]
		switch {
		case want == nil && got[i] != nil:
			t.Errorf("Nodes[%d] (%s) = %+v, want nil", i, id, got[i])
		case want != nil && !same(got[i], want):
			t.Errorf("Nodes[%d] (%s) = %+v, want %+v", i, id, got[i], want)
		}
	}
	// Spot checks of the merge rules, independent of the model.
	if n := got[3]; n != nil {
		if n.Name != "高新区（示范区）党工委" || !same(n.Aliases, []string{"高新区党工委"}) {
			t.Errorf("party committee = %q %q, want 高新区（示范区）党工委 [高新区党工委]", n.Name, n.Aliases)
		}
	}
	if n := got[4]; n != nil {
		if n.Kind != graph.KindSymposium || n.Date != "2026-01-13" || n.PartOfDay != "上午" {
			t.Errorf("symposium = %s %s %s, want SYMPOSIUM 2026-01-13 上午", n.Kind, n.Date, n.PartOfDay)
		}
	}
	if got, err := st.Nodes(ctx, nil); err != nil || len(got) != 0 {
		t.Errorf("Nodes(nil) = %v, %v; want empty", got, err)
	}
}

func (s suite) testFindNodes(t *testing.T) {
	st := s.seeded(t)
	v := newModel(SeedFacts()...).view()
	persons := []string{idXiJinping, idFuKaiming, idLiuNing, idLvPei, idGongWeihong, idQianHui}
	cases := []struct {
		name    string
		filter  graph.NodeFilter
		want    []string
		total   int
		hasMore bool
	}{
		{"persons", graph.NodeFilter{Labels: []graph.Label{graph.LabelPerson}}, persons, 6, false},
		{"by name", graph.NodeFilter{Name: "吕沛"}, []string{idLvPei}, 1, false},
		{"by alias", graph.NodeFilter{Name: "刘宁书记"}, []string{idLiuNing}, 1, false},
		{"by organisation alias", graph.NodeFilter{Name: "高新区党工委"}, []string{idPartyWorkCommittee}, 1, false},
		{"by name and wrong label", graph.NodeFilter{Name: "吕沛", Labels: []graph.Label{graph.LabelPost}}, nil, 0, false},
		{"name is exact", graph.NodeFilter{Name: "吕"}, nil, 0, false},
		{"dates", graph.NodeFilter{DateFrom: "2026-01-13", DateTo: "2026-01-14"}, sorted(idSymposium, idSafety, idJointMeeting, idConstruction), 4, false},
		{"from date", graph.NodeFilter{DateFrom: "2026-01-15"}, sorted(idEconomy, idLivelihood), 2, false},
		{"to date", graph.NodeFilter{DateTo: "2026-01-13"}, sorted(idSymposium, idSafety, idJointMeeting), 3, false},
		{"empty date range", graph.NodeFilter{DateFrom: "2026-01-15", DateTo: "2026-01-14"}, nil, 0, false},
		{"kinds", graph.NodeFilter{Kinds: []graph.EventKind{graph.KindSymposium}}, []string{idSymposium}, 1, false},
		{"kinds and dates", graph.NodeFilter{Kinds: []graph.EventKind{graph.KindMeeting, graph.KindSigning}, DateFrom: "2026-01-13", DateTo: "2026-01-13"}, sorted(idSafety, idJointMeeting), 2, false},
		{"kinds and labels", graph.NodeFilter{Kinds: []graph.EventKind{graph.KindSymposium}, Labels: []graph.Label{graph.LabelEvent}}, []string{idSymposium}, 1, false},
		{"kinds and wrong label", graph.NodeFilter{Kinds: []graph.EventKind{graph.KindMeeting}, Labels: []graph.Label{graph.LabelPerson}}, nil, 0, false},
		{"dates and label", graph.NodeFilter{DateFrom: "2026-01-13", Labels: []graph.Label{graph.LabelEvent}, Limit: 1}, []string{idJointMeeting}, 6, true},
		{"name and dates", graph.NodeFilter{Name: "全区安全稳定工作会议", DateTo: "2026-01-13"}, []string{idSafety}, 1, false},
		{"name and later dates", graph.NodeFilter{Name: "全区安全稳定工作会议", DateFrom: "2026-01-14"}, nil, 0, false},
		{"ids", graph.NodeFilter{IDs: []string{idQianHui, "person/nobody", idLvPei, idQianHui}}, sorted(idLvPei, idQianHui), 2, false},
		{"ids and label", graph.NodeFilter{IDs: []string{idQianHui, idSymposium}, Labels: []graph.Label{graph.LabelEvent}}, []string{idSymposium}, 1, false},
		{"labels", graph.NodeFilter{Labels: []graph.Label{graph.LabelArticle, graph.LabelEvent}, Limit: 7},
			append(sorted(SeedArticleID(1), SeedArticleID(2), SeedArticleID(3), SeedArticleID(4), SeedArticleID(5), SeedArticleID(6)), idJointMeeting), 12, true},
		{"after", graph.NodeFilter{Labels: []graph.Label{graph.LabelPerson}, After: idLiuNing}, []string{idLvPei, idGongWeihong, idQianHui}, 6, false},
		{"after and limit", graph.NodeFilter{Labels: []graph.Label{graph.LabelPerson}, After: idLiuNing, Limit: 2}, []string{idLvPei, idGongWeihong}, 6, true},
		{"limit reached exactly", graph.NodeFilter{Labels: []graph.Label{graph.LabelPerson}, After: idLiuNing, Limit: 3}, []string{idLvPei, idGongWeihong, idQianHui}, 6, false},
		{"after the last", graph.NodeFilter{Labels: []graph.Label{graph.LabelPerson}, After: idQianHui}, nil, 6, false},
		{"nothing", graph.NodeFilter{Name: "nobody"}, nil, 0, false},
	}
	for _, c := range cases {
		if got := v.find(c.filter); !slices.Equal(nodeIDs(got.Nodes), c.want) || got.Total != c.total || got.HasMore != c.hasMore {
			t.Errorf("%s: the model finds %q, %d, %t; the test wants %q, %d, %t", c.name, nodeIDs(got.Nodes), got.Total, got.HasMore, c.want, c.total, c.hasMore)
		}
		page, err := st.FindNodes(ctx, c.filter)
		if err != nil {
			t.Errorf("%s: FindNodes: %v", c.name, err)
			continue
		}
		if got := nodeIDs(page.Nodes); !slices.Equal(got, c.want) {
			t.Errorf("%s: nodes = %q, want %q", c.name, got, c.want)
		}
		if page.Total != c.total || page.HasMore != c.hasMore {
			t.Errorf("%s: Total, HasMore = %d, %t; want %d, %t", c.name, page.Total, page.HasMore, c.total, c.hasMore)
		}
		for _, n := range page.Nodes {
			if n != nil && !same(n, v.nodes[n.ID]) {
				t.Errorf("%s: node %s = %+v, want %+v", c.name, n.ID, n, v.nodes[n.ID])
			}
		}
	}

	page, err := st.FindNodes(ctx, graph.NodeFilter{})
	if err != nil {
		t.Fatalf("FindNodes(all): %v", err)
	}
	if got, want := nodeIDs(page.Nodes), nodeIDs(v.order); !slices.Equal(got, want) || page.Total != len(want) || page.HasMore {
		t.Errorf("FindNodes(all) = %d nodes, Total %d, HasMore %t; want the %d nodes of the seed in ID order", len(got), page.Total, page.HasMore, len(want))
	}
}

func (s suite) testFindNodesPages(t *testing.T) {
	st := s.seeded(t)
	v := newModel(SeedFacts()...).view()
	for _, size := range []int{1, 2, 5, 56, 100} {
		var got []string
		after := ""
		for pages := 0; ; pages++ {
			if pages > len(v.order) {
				t.Fatalf("size %d: pagination does not end", size)
			}
			page, err := st.FindNodes(ctx, graph.NodeFilter{After: after, Limit: size})
			if err != nil {
				t.Fatalf("size %d: FindNodes: %v", size, err)
			}
			if page.Total != len(v.order) {
				t.Errorf("size %d: Total = %d, want %d", size, page.Total, len(v.order))
			}
			if len(page.Nodes) > size {
				t.Errorf("size %d: got %d nodes", size, len(page.Nodes))
			}
			got = append(got, nodeIDs(page.Nodes)...)
			if !page.HasMore {
				break
			}
			if len(page.Nodes) == 0 {
				t.Fatalf("size %d: empty page with HasMore", size)
			}
			after = page.Nodes[len(page.Nodes)-1].ID
		}
		if want := nodeIDs(v.order); !slices.Equal(got, want) {
			t.Errorf("size %d: pages hold %d nodes, want all %d in ID order", size, len(got), len(want))
		}
	}
}

func (s suite) testFindNodesInvalid(t *testing.T) {
	st := s.seeded(t)
	for _, f := range []graph.NodeFilter{
		{Labels: []graph.Label{"Thing"}},
		{Kinds: []graph.EventKind{"PARTY"}},
		{DateFrom: "13/01/2026"},
		{DateTo: "2026-1-13"},
		{Limit: -1},
	} {
		if _, err := st.FindNodes(ctx, f); !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("FindNodes(%+v) error = %v, want ErrInvalid", f, err)
		}
	}
}

func (s suite) testRelations(t *testing.T) {
	st := s.seeded(t)
	v := newModel(SeedFacts()...).view()
	art5 := SeedArticleID(5)
	qianOut := []string{
		rel(graph.RelHolds, idQianHui, graph.NodeID(graph.LabelPost, "中信银行焦作分行党委书记"), ""),
		rel(graph.RelHolds, idQianHui, graph.NodeID(graph.LabelPost, "中信银行焦作分行行长"), ""),
		rel(graph.RelAttended, idQianHui, idSymposium, ""),
	}
	qianIn := []string{rel(graph.RelMentions, art5, idQianHui, "")}
	symposiumIn := []string{
		rel(graph.RelAttended, idLvPei, idSymposium, ""),
		rel(graph.RelAttended, idGongWeihong, idSymposium, ""),
		rel(graph.RelAttended, idQianHui, idSymposium, ""),
	}
	cases := []struct {
		name   string
		filter graph.RelationFilter
		want   []string
	}{
		{"outgoing", graph.RelationFilter{NodeIDs: []string{idQianHui}, Direction: graph.Outgoing}, sorted(qianOut...)},
		{"incoming", graph.RelationFilter{NodeIDs: []string{idQianHui}, Direction: graph.Incoming}, qianIn},
		{"both", graph.RelationFilter{NodeIDs: []string{idQianHui}, Direction: graph.Both}, sorted(append(qianOut, qianIn...)...)},
		{"type", graph.RelationFilter{NodeIDs: []string{idQianHui}, Direction: graph.Both, Types: []graph.RelType{graph.RelAttended}}, qianOut[2:]},
		{"types", graph.RelationFilter{NodeIDs: []string{idQianHui}, Types: []graph.RelType{graph.RelAttended, graph.RelHolds}}, sorted(qianOut...)},
		{"type absent", graph.RelationFilter{NodeIDs: []string{idQianHui}, Types: []graph.RelType{graph.RelChaired}}, nil},
		{"several nodes, each relation once", graph.RelationFilter{
			NodeIDs: []string{idQianHui, idSymposium, "person/nobody"}, Direction: graph.Both, Types: []graph.RelType{graph.RelAttended},
		}, sorted(symposiumIn...)},
		{"unknown node", graph.RelationFilter{NodeIDs: []string{"person/nobody"}, Direction: graph.Both}, nil},
	}
	for _, c := range cases {
		got, err := st.Relations(ctx, c.filter)
		if err != nil {
			t.Errorf("%s: Relations: %v", c.name, err)
			continue
		}
		if ids := relIDs(got); !slices.Equal(ids, c.want) {
			t.Errorf("%s: relations = %q, want %q", c.name, ids, c.want)
		}
		for _, r := range got {
			if r != nil && !same(r, v.rels[r.ID]) {
				t.Errorf("%s: relation %s = %+v, want %+v", c.name, r.ID, r, v.rels[r.ID])
			}
		}
	}

	// Evidence merged across the six articles, in canonical order.
	holds := rel(graph.RelHolds, idLvPei, idSecretaryPost, "")
	got, err := st.Relations(ctx, graph.RelationFilter{NodeIDs: []string{idSecretaryPost}, Direction: graph.Incoming})
	if err != nil || len(got) != 1 || got[0].ID != holds {
		t.Fatalf("Relations(incoming %s) = %v, %v; want the one HOLDS", idSecretaryPost, relIDs(got), err)
	}
	var articles []string
	for _, e := range got[0].Evidence {
		articles = append(articles, e.ArticleID)
	}
	want := []string{SeedArticleID(1), SeedArticleID(2), SeedArticleID(3), SeedArticleID(4), SeedArticleID(5), SeedArticleID(6)}
	if !slices.Equal(articles, want) {
		t.Errorf("HOLDS 吕沛 -> secretary: evidence articles = %q, want %q", articles, want)
	}
	if !slices.Equal(got[0].Articles(), want) {
		t.Errorf("HOLDS 吕沛 -> secretary: Articles() = %q, want %q", got[0].Articles(), want)
	}
	// Two pieces of evidence from one article, ordered by offset.
	got, err = st.Relations(ctx, graph.RelationFilter{NodeIDs: []string{idCiticJiaozuo}, Direction: graph.Outgoing, Types: []graph.RelType{graph.RelParticipated}})
	if err != nil || len(got) != 1 {
		t.Fatalf("Relations(PARTICIPATED from the bank) = %v, %v; want one", relIDs(got), err)
	}
	if r := got[0]; r.Role != "visited" || len(r.Evidence) != 2 || r.Evidence[0].Start >= r.Evidence[1].Start {
		t.Errorf("bank PARTICIPATED = role %q, evidence %+v; want role visited and two sentences in order", r.Role, r.Evidence)
	}
}

// testRelationsModel compares the relations at every node, in every
// direction, with the model's, and every node with the model's.
func (s suite) testRelationsModel(t *testing.T) {
	st := s.seeded(t)
	v := newModel(SeedFacts()...).view()
	ids := nodeIDs(v.order)
	got, err := st.Nodes(ctx, ids)
	if err != nil {
		t.Fatalf("Nodes(all): %v", err)
	}
	for i, n := range got {
		if !same(n, v.order[i]) {
			t.Errorf("Nodes(all)[%d] = %+v, want %+v", i, n, v.order[i])
		}
	}
	for _, id := range ids {
		for _, dir := range []graph.Direction{graph.Outgoing, graph.Incoming, graph.Both} {
			rels, err := st.Relations(ctx, graph.RelationFilter{NodeIDs: []string{id}, Direction: dir})
			if err != nil {
				t.Errorf("Relations(%s, %d): %v", id, dir, err)
				continue
			}
			var want []string
			for _, r := range v.adj[id] {
				if (dir != graph.Incoming && r.From == id) || (dir != graph.Outgoing && r.To == id) {
					want = append(want, r.ID)
				}
			}
			sort.Strings(want)
			if g := relIDs(rels); !slices.Equal(g, want) {
				t.Errorf("Relations(%s, direction %d) = %q, want %q", id, dir, g, want)
			}
			for _, r := range rels {
				if r != nil && !same(r, v.rels[r.ID]) {
					t.Errorf("Relations(%s): relation %s = %+v, want %+v", id, r.ID, r, v.rels[r.ID])
				}
			}
		}
	}
}

func (s suite) testRelationsInvalid(t *testing.T) {
	st := s.seeded(t)
	for _, f := range []graph.RelationFilter{
		{},
		{NodeIDs: []string{}},
		{NodeIDs: []string{idLvPei}, Types: []graph.RelType{"KNOWS"}},
		{NodeIDs: []string{idLvPei}, Direction: graph.Direction(7)},
	} {
		if _, err := st.Relations(ctx, f); !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("Relations(%+v) error = %v, want ErrInvalid", f, err)
		}
	}
}

// checkSubgraph compares a subgraph with expected node and relation IDs and
// its contents with the model.
func checkSubgraph(t *testing.T, what string, v *view, g *graph.Subgraph, nodes, rels []string) {
	t.Helper()
	if got := nodeIDs(g.Nodes); !slices.Equal(got, nodes) {
		t.Errorf("%s: nodes = %q, want %q", what, got, nodes)
	}
	if got := relIDs(g.Relations); !slices.Equal(got, rels) {
		t.Errorf("%s: relations = %q, want %q", what, got, rels)
	}
	for _, n := range g.Nodes {
		if n != nil && !same(n, v.nodes[n.ID]) {
			t.Errorf("%s: node %s = %+v, want %+v", what, n.ID, n, v.nodes[n.ID])
		}
	}
	for _, r := range g.Relations {
		if r != nil && !same(r, v.rels[r.ID]) {
			t.Errorf("%s: relation %s = %+v, want %+v", what, r.ID, r, v.rels[r.ID])
		}
	}
}

func (s suite) testNeighbourhood(t *testing.T) {
	st := s.seeded(t)
	v := newModel(SeedFacts()...).view()
	art5 := SeedArticleID(5)
	bankSecretary := graph.NodeID(graph.LabelPost, "中信银行焦作分行党委书记")
	bankPresident := graph.NodeID(graph.LabelPost, "中信银行焦作分行行长")
	attended := []graph.RelType{graph.RelAttended}
	cases := []struct {
		name  string
		id    string
		opts  graph.TraversalOptions
		nodes []string
		rels  []string
	}{
		{"depth 1", idQianHui, graph.TraversalOptions{Depth: 1},
			[]string{idQianHui, art5, idSymposium, bankSecretary, bankPresident},
			sorted(rel(graph.RelMentions, art5, idQianHui, ""), rel(graph.RelAttended, idQianHui, idSymposium, ""),
				rel(graph.RelHolds, idQianHui, bankSecretary, ""), rel(graph.RelHolds, idQianHui, bankPresident, ""))},
		{"depth 0 means 1", idQianHui, graph.TraversalOptions{Types: attended},
			[]string{idQianHui, idSymposium}, []string{rel(graph.RelAttended, idQianHui, idSymposium, "")}},
		{"depth 2, one type", idQianHui, graph.TraversalOptions{Depth: 2, Types: attended},
			[]string{idQianHui, idSymposium, idLvPei, idGongWeihong},
			sorted(rel(graph.RelAttended, idQianHui, idSymposium, ""), rel(graph.RelAttended, idLvPei, idSymposium, ""), rel(graph.RelAttended, idGongWeihong, idSymposium, ""))},
		{"limit", idQianHui, graph.TraversalOptions{Depth: 2, Types: attended, Limit: 3},
			[]string{idQianHui, idSymposium, idLvPei},
			sorted(rel(graph.RelAttended, idQianHui, idSymposium, ""), rel(graph.RelAttended, idLvPei, idSymposium, ""))},
		{"limit 1", idQianHui, graph.TraversalOptions{Depth: 2, Limit: 1}, []string{idQianHui}, nil},
		{"types", idInspectionTeam, graph.TraversalOptions{Depth: 2, Types: []graph.RelType{graph.RelParticipated, graph.RelChaired}},
			[]string{idInspectionTeam, idSafety, idLvPei},
			sorted(rel(graph.RelParticipated, idInspectionTeam, idSafety, "guided"), rel(graph.RelChaired, idLvPei, idSafety, ""))},
		{"deep enough for all", idCiticJiaozuo, graph.TraversalOptions{Depth: 9, Types: []graph.RelType{graph.RelParticipated}},
			[]string{idCiticJiaozuo, idSymposium}, []string{rel(graph.RelParticipated, idCiticJiaozuo, idSymposium, "visited")}},
	}
	for _, c := range cases {
		g, err := st.Neighbourhood(ctx, c.id, c.opts)
		if err != nil {
			t.Errorf("%s: Neighbourhood(%s): %v", c.name, c.id, err)
			continue
		}
		checkSubgraph(t, c.name, v, g, c.nodes, c.rels)
	}

	// Relations between two nodes at the full depth were never followed:
	// article 1 REPORTS the meeting 吕沛 CHAIRED, both one hop from him.
	g, err := st.Neighbourhood(ctx, idLvPei, graph.TraversalOptions{Depth: 1})
	if err != nil {
		t.Fatalf("Neighbourhood(吕沛): %v", err)
	}
	reports := rel(graph.RelReports, SeedArticleID(1), idJointMeeting, "")
	for _, r := range g.Relations {
		if r.ID == reports {
			t.Errorf("Neighbourhood(吕沛, depth 1) holds %s %s -> %s, between two nodes at depth 1", r.Type, r.From, r.To)
		}
	}
}

// testNeighbourhoodModel compares every node's neighbourhood, under a few
// options, with the model's brute-force answer.
func (s suite) testNeighbourhoodModel(t *testing.T) {
	st := s.seeded(t)
	v := newModel(SeedFacts()...).view()
	opts := []graph.TraversalOptions{
		{Depth: 1},
		{Depth: 2},
		{Depth: 2, Limit: 10},
		{Depth: 3, Types: []graph.RelType{graph.RelAttended, graph.RelChaired, graph.RelParticipated}},
		{Depth: 2, Types: []graph.RelType{graph.RelHolds, graph.RelOf}, Limit: 4},
	}
	for _, n := range v.order {
		for _, o := range opts {
			g, err := st.Neighbourhood(ctx, n.ID, o)
			if err != nil {
				t.Errorf("Neighbourhood(%s, %+v): %v", n.ID, o, err)
				continue
			}
			nodes, rels := v.neighbourhood(n.ID, o)
			checkSubgraph(t, fmt.Sprintf("Neighbourhood(%s, %+v)", n.ID, o), v, g, nodes, rels)
		}
	}
}

func (s suite) testNeighbourhoodErrors(t *testing.T) {
	st := s.seeded(t)
	if _, err := st.Neighbourhood(ctx, "person/nobody", graph.TraversalOptions{Depth: 1}); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("Neighbourhood(missing) error = %v, want ErrNotFound", err)
	}
	for _, o := range []graph.TraversalOptions{{Depth: -1}, {Limit: -1}, {Types: []graph.RelType{"KNOWS"}}} {
		if _, err := st.Neighbourhood(ctx, idLvPei, o); !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("Neighbourhood(%+v) error = %v, want ErrInvalid", o, err)
		}
	}
}

// checkPath reports a path whose relations do not join its nodes in order.
func checkPath(t *testing.T, what string, g *graph.Subgraph) {
	t.Helper()
	if len(g.Nodes) == 0 || len(g.Relations) != len(g.Nodes)-1 {
		t.Errorf("%s: %d nodes and %d relations do not make a path", what, len(g.Nodes), len(g.Relations))
		return
	}
	for i, r := range g.Relations {
		a, b := g.Nodes[i].ID, g.Nodes[i+1].ID
		if !(r.From == a && r.To == b) && !(r.From == b && r.To == a) {
			t.Errorf("%s: relation %d (%s %s -> %s) does not join %s and %s", what, i, r.Type, r.From, r.To, a, b)
		}
	}
}

func (s suite) testShortestPath(t *testing.T) {
	st := s.seeded(t)
	v := newModel(SeedFacts()...).view()
	meetings := []graph.RelType{graph.RelAttended, graph.RelChaired, graph.RelParticipated}
	cases := []struct {
		name     string
		from, to string
		opts     graph.TraversalOptions
		nodes    []string
		rels     []string
	}{
		{"钱辉 to 市委督导组 through meetings", idQianHui, idInspectionTeam, graph.TraversalOptions{Types: meetings},
			[]string{idQianHui, idSymposium, idLvPei, idSafety, idInspectionTeam},
			[]string{
				rel(graph.RelAttended, idQianHui, idSymposium, ""),
				rel(graph.RelAttended, idLvPei, idSymposium, ""),
				rel(graph.RelChaired, idLvPei, idSafety, ""),
				rel(graph.RelParticipated, idInspectionTeam, idSafety, "guided"),
			}},
		{"exactly deep enough", idQianHui, idInspectionTeam, graph.TraversalOptions{Depth: 4, Types: meetings},
			[]string{idQianHui, idSymposium, idLvPei, idSafety, idInspectionTeam},
			[]string{
				rel(graph.RelAttended, idQianHui, idSymposium, ""),
				rel(graph.RelAttended, idLvPei, idSymposium, ""),
				rel(graph.RelChaired, idLvPei, idSafety, ""),
				rel(graph.RelParticipated, idInspectionTeam, idSafety, "guided"),
			}},
		{"any relation; node IDs decide between paths", idQianHui, idInspectionTeam, graph.TraversalOptions{},
			[]string{idQianHui, SeedArticleID(5), idCPPCC, SeedArticleID(6), idInspectionTeam},
			[]string{
				rel(graph.RelMentions, SeedArticleID(5), idQianHui, ""),
				rel(graph.RelMentions, SeedArticleID(5), idCPPCC, ""),
				rel(graph.RelMentions, SeedArticleID(6), idCPPCC, ""),
				rel(graph.RelMentions, SeedArticleID(6), idInspectionTeam, ""),
			}},
		{"backwards", idInspectionTeam, idQianHui, graph.TraversalOptions{Types: meetings},
			[]string{idInspectionTeam, idSafety, idLvPei, idSymposium, idQianHui},
			[]string{
				rel(graph.RelParticipated, idInspectionTeam, idSafety, "guided"),
				rel(graph.RelChaired, idLvPei, idSafety, ""),
				rel(graph.RelAttended, idLvPei, idSymposium, ""),
				rel(graph.RelAttended, idQianHui, idSymposium, ""),
			}},
		{"one hop", idLvPei, idSafety, graph.TraversalOptions{Depth: 1},
			[]string{idLvPei, idSafety}, []string{rel(graph.RelChaired, idLvPei, idSafety, "")}},
		{"to itself", idLvPei, idLvPei, graph.TraversalOptions{}, []string{idLvPei}, nil},
	}
	for _, c := range cases {
		g, err := st.ShortestPath(ctx, c.from, c.to, c.opts)
		if err != nil {
			t.Errorf("%s: ShortestPath: %v", c.name, err)
			continue
		}
		checkSubgraph(t, c.name, v, g, c.nodes, c.rels)
		checkPath(t, c.name, g)
	}
}

func (s suite) testShortestPathTieBreak(t *testing.T) {
	const text = "甲和乙出席了两次会议，甲主持了第一次。"
	aid := graph.NodeID(graph.LabelArticle, "tie")
	jia, yi := graph.NodeID(graph.LabelPerson, "甲"), graph.NodeID(graph.LabelPerson, "乙")
	first := graph.NodeID(graph.LabelEvent, graph.EventKey("2026-02-01", "会议", aid))
	second := graph.NodeID(graph.LabelEvent, graph.EventKey("2026-02-02", "会议", aid))
	ev := []graph.Evidence{{ArticleID: aid, Sentence: text, Start: 0, End: len([]rune(text))}}
	f := graph.ArticleFacts{
		Article: graph.Node{ID: aid, Label: graph.LabelArticle, Name: "tie", Text: text},
		Nodes: []graph.Node{
			{ID: jia, Label: graph.LabelPerson, Name: "甲"},
			{ID: yi, Label: graph.LabelPerson, Name: "乙"},
			{ID: second, Label: graph.LabelEvent, Name: "会议", Date: "2026-02-02"},
			{ID: first, Label: graph.LabelEvent, Name: "会议", Date: "2026-02-01"},
		},
	}
	for _, r := range []struct {
		t        graph.RelType
		from, to string
	}{{graph.RelAttended, yi, second}, {graph.RelAttended, jia, second}, {graph.RelAttended, yi, first}, {graph.RelAttended, jia, first}, {graph.RelChaired, jia, first}} {
		f.Relations = append(f.Relations, graph.Relation{Type: r.t, From: r.from, To: r.to, Evidence: ev})
	}
	st := s.open(t)
	put(t, st, f)
	v := newModel(f).view()
	g, err := st.ShortestPath(ctx, jia, yi, graph.TraversalOptions{})
	if err != nil {
		t.Fatalf("ShortestPath(甲, 乙): %v", err)
	}
	jiaFirst := sorted(rel(graph.RelAttended, jia, first, ""), rel(graph.RelChaired, jia, first, ""))[0]
	checkSubgraph(t, "tie-break", v, g, []string{jia, first, yi}, []string{jiaFirst, rel(graph.RelAttended, yi, first, "")})
}

// testShortestPathModel compares paths between pairs of seed nodes with the
// model's brute-force answer.
func (s suite) testShortestPathModel(t *testing.T) {
	st := s.seeded(t)
	v := newModel(SeedFacts()...).view()
	// Pairs in both directions among a few nodes: enough for every kind of
	// tie, few enough for a server round trip each.
	ends := []string{idGongWeihong, idQianHui, idLiuNing, idInspectionTeam, idThirtyProjects, idLivelihood, idVicePost}
	opts := []graph.TraversalOptions{{}, {Depth: 3, Types: []graph.RelType{graph.RelAttended, graph.RelChaired, graph.RelParticipated, graph.RelHolds, graph.RelOf}}}
	for i, from := range ends {
		for j, to := range ends {
			if (i+j)%2 == 1 {
				continue
			}
			for _, o := range opts {
				what := fmt.Sprintf("ShortestPath(%s, %s, %+v)", from, to, o)
				nodes, rels, ok := v.shortestPath(from, to, o)
				g, err := st.ShortestPath(ctx, from, to, o)
				switch {
				case !ok && !errors.Is(err, graph.ErrNotFound):
					t.Errorf("%s: error = %v, want ErrNotFound", what, err)
				case ok && err != nil:
					t.Errorf("%s: %v", what, err)
				case ok:
					checkSubgraph(t, what, v, g, nodes, rels)
				}
			}
		}
	}
}

func (s suite) testShortestPathErrors(t *testing.T) {
	st := s.seeded(t)
	meetings := []graph.RelType{graph.RelAttended, graph.RelChaired, graph.RelParticipated}
	cases := []struct {
		name     string
		from, to string
		opts     graph.TraversalOptions
		want     error
	}{
		{"too short", idQianHui, idInspectionTeam, graph.TraversalOptions{Depth: 3, Types: meetings}, graph.ErrNotFound},
		{"no path over these types", idQianHui, idInspectionTeam, graph.TraversalOptions{Types: []graph.RelType{graph.RelHolds}}, graph.ErrNotFound},
		{"missing start", "person/nobody", idLvPei, graph.TraversalOptions{}, graph.ErrNotFound},
		{"missing end", idLvPei, "person/nobody", graph.TraversalOptions{}, graph.ErrNotFound},
		{"negative depth", idQianHui, idLvPei, graph.TraversalOptions{Depth: -1}, graph.ErrInvalid},
		{"bad type", idQianHui, idLvPei, graph.TraversalOptions{Types: []graph.RelType{"KNOWS"}}, graph.ErrInvalid},
	}
	for _, c := range cases {
		if _, err := st.ShortestPath(ctx, c.from, c.to, c.opts); !errors.Is(err, c.want) {
			t.Errorf("%s: ShortestPath error = %v, want %v", c.name, err, c.want)
		}
	}
}

func (s suite) testSearch(t *testing.T) {
	st := s.seeded(t)
	hits, err := st.Search(ctx, graph.SearchQuery{Text: "高新区党工委"})
	if err != nil {
		t.Fatalf("Search(高新区党工委): %v", err)
	}
	if len(hits) == 0 || hits[0].Node.ID != idPartyWorkCommittee || hits[0].Score != 1 {
		t.Errorf("Search(高新区党工委) first hit = %v, want %s scoring 1", firstHit(hits), idPartyWorkCommittee)
	}
	hits, err = st.Search(ctx, graph.SearchQuery{Text: "高新区党工委", Labels: []graph.Label{graph.LabelPost}, Limit: 1})
	if err != nil {
		t.Fatalf("Search(高新区党工委, Post, 1): %v", err)
	}
	if len(hits) != 1 || hits[0].Node.ID != idSecretaryPost {
		t.Errorf("Search(高新区党工委, Post, 1) = %v, want only %s", hitIDs(hits), idSecretaryPost)
	}
	hits, err = st.Search(ctx, graph.SearchQuery{Text: "刘宁书记"})
	if err != nil || len(hits) == 0 || hits[0].Node.ID != idLiuNing {
		t.Errorf("Search(刘宁书记) = %v, %v; want %s first", hitIDs(hits), err, idLiuNing)
	}
	hits, err = st.Search(ctx, graph.SearchQuery{Text: "no such thing"})
	if err != nil || len(hits) != 0 {
		t.Errorf("Search(no such thing) = %v, %v; want no hits", hitIDs(hits), err)
	}
}

func firstHit(hits []graph.SearchHit) string {
	if len(hits) == 0 {
		return "none"
	}
	return fmt.Sprintf("%s scoring %g", hits[0].Node.ID, hits[0].Score)
}

func hitIDs(hits []graph.SearchHit) []string {
	var out []string
	for _, h := range hits {
		if h.Node != nil {
			out = append(out, fmt.Sprintf("%s:%.3f", h.Node.ID, h.Score))
		}
	}
	return out
}

// testSearchModel checks that Search finds every node that scores, in
// order, with graph.Score's scores.
func (s suite) testSearchModel(t *testing.T) {
	st := s.seeded(t)
	v := newModel(SeedFacts()...).view()
	queries := []graph.SearchQuery{
		{Text: "高新区党工委"},
		{Text: "吕沛"},
		{Text: "吕"},
		{Text: "宁"},
		{Text: "中信银行"},
		{Text: "管委会"},
		{Text: "示范区管委会"},
		{Text: "（示范区）"},
		{Text: "三十工程"},
		{Text: "市委"},
		{Text: "会议"},
		{Text: "工作会议", Labels: []graph.Label{graph.LabelEvent}},
		{Text: "中心", Limit: 5},
		{Text: "书记", Labels: []graph.Label{graph.LabelPost, graph.LabelPerson}},
		{Text: " 高新区 党工委 "},
	}
	for _, q := range queries {
		got, err := st.Search(ctx, q)
		if err != nil {
			if graph.SearchKey(q.Text) == "" && errors.Is(err, graph.ErrInvalid) {
				continue
			}
			t.Errorf("Search(%+v): %v", q, err)
			continue
		}
		want := v.search(q)
		if g, w := hitIDs(got), hitIDs(want); !slices.Equal(g, w) {
			t.Errorf("Search(%+v) = %q, want %q", q, g, w)
		}
		for _, h := range got {
			if h.Node != nil && !same(h.Node, v.nodes[h.Node.ID]) {
				t.Errorf("Search(%+v): node %s = %+v, want %+v", q, h.Node.ID, h.Node, v.nodes[h.Node.ID])
			}
		}
	}
}

func (s suite) testSearchInvalid(t *testing.T) {
	st := s.seeded(t)
	for _, q := range []graph.SearchQuery{
		{},
		{Text: "  "},
		{Text: "（）"},
		{Text: "吕沛", Labels: []graph.Label{"Thing"}},
		{Text: "吕沛", Limit: -1},
	} {
		if _, err := st.Search(ctx, q); !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("Search(%+v) error = %v, want ErrInvalid", q, err)
		}
	}
}

func (s suite) testDumpEmpty(t *testing.T) {
	checkDump(t, "empty store", dump(t, s.open(t)), nil)
}

// testConcurrent runs readers while a writer takes article 5 away and puts
// it back: every read must see the graph with or without the article,
// never a mixture.
func (s suite) testConcurrent(t *testing.T) {
	st := s.seeded(t)
	withDump := seedDump
	withoutDump := newModel(without(SeedFacts(), SeedArticleID(5))...).dump()
	const rounds = 10
	var wg sync.WaitGroup
	done := make(chan struct{})
	errs := make(chan error, 64)
	report := func(err error) {
		select {
		case errs <- err:
		default:
		}
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(done)
		f := SeedFacts()[4]
		for range rounds {
			if err := st.DeleteArticle(ctx, f.Article.ID); err != nil {
				report(fmt.Errorf("DeleteArticle: %w", err))
				return
			}
			if err := st.PutArticle(ctx, &f); err != nil {
				report(fmt.Errorf("PutArticle: %w", err))
				return
			}
		}
	}()
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-done:
					return
				default:
				}
				var buf bytes.Buffer
				if err := st.Dump(ctx, &buf); err != nil {
					report(fmt.Errorf("Dump: %w", err))
					return
				}
				if d := buf.Bytes(); !bytes.Equal(d, withDump) && !bytes.Equal(d, withoutDump) {
					report(errors.New("Dump saw a half-written article"))
				}
				g, err := st.Neighbourhood(ctx, idLvPei, graph.TraversalOptions{Depth: 2})
				if err != nil {
					report(fmt.Errorf("Neighbourhood: %w", err))
					return
				}
				checkClosed(g, report)
				if _, err := st.Search(ctx, graph.SearchQuery{Text: "钱辉"}); err != nil {
					report(fmt.Errorf("Search: %w", err))
				}
				if _, err := st.FindNodes(ctx, graph.NodeFilter{Labels: []graph.Label{graph.LabelEvent}}); err != nil {
					report(fmt.Errorf("FindNodes: %w", err))
				}
				if _, err := st.ShortestPath(ctx, idLvPei, idInspectionTeam, graph.TraversalOptions{}); err != nil {
					report(fmt.Errorf("ShortestPath: %w", err))
				}
				rels, err := st.Relations(ctx, graph.RelationFilter{NodeIDs: []string{idLvPei}, Direction: graph.Both})
				if err != nil {
					report(fmt.Errorf("Relations: %w", err))
				}
				for _, r := range rels {
					if len(r.Evidence) == 0 {
						report(fmt.Errorf("Relations returned %s without evidence", r.ID))
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	checkDump(t, "after concurrent rewrites", dump(t, st), seedDump)
}

// checkClosed reports a subgraph with a relation whose ends it lacks.
func checkClosed(g *graph.Subgraph, report func(error)) {
	in := map[string]bool{}
	for _, n := range g.Nodes {
		in[n.ID] = true
	}
	for _, r := range g.Relations {
		if !in[r.From] || !in[r.To] {
			report(fmt.Errorf("Neighbourhood holds relation %s whose ends it lacks", r.ID))
		}
	}
}

func (s suite) testCancelled(t *testing.T) {
	st := s.seeded(t)
	c, cancel := context.WithCancel(ctx)
	cancel()
	f := changedFacts()
	calls := map[string]func() error{
		"PutArticle":    func() error { return st.PutArticle(c, &f) },
		"DeleteArticle": func() error { return st.DeleteArticle(c, SeedArticleID(1)) },
		"Nodes":         func() error { _, err := st.Nodes(c, []string{idLvPei}); return err },
		"FindNodes":     func() error { _, err := st.FindNodes(c, graph.NodeFilter{}); return err },
		"Relations":     func() error { _, err := st.Relations(c, graph.RelationFilter{NodeIDs: []string{idLvPei}}); return err },
		"Neighbourhood": func() error { _, err := st.Neighbourhood(c, idLvPei, graph.TraversalOptions{Depth: 2}); return err },
		"ShortestPath": func() error {
			_, err := st.ShortestPath(c, idQianHui, idInspectionTeam, graph.TraversalOptions{})
			return err
		},
		"Search": func() error { _, err := st.Search(c, graph.SearchQuery{Text: "吕沛"}); return err },
		"Dump":   func() error { return st.Dump(c, &bytes.Buffer{}) },
	}
	if counter, ok := st.(graph.Counter); ok {
		calls["Counts"] = func() error { _, _, err := counter.Counts(c); return err }
	}
	for name, call := range calls {
		if err := call(); !errors.Is(err, context.Canceled) {
			t.Errorf("%s with a cancelled context: error = %v, want context.Canceled", name, err)
		}
	}
	checkDump(t, "after cancelled writes", dump(t, st), seedDump)
}

func (s suite) testClose(t *testing.T) {
	st := s.seeded(t)
	if err := st.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	f := SeedFacts()[0]
	calls := map[string]func() error{
		"PutArticle":    func() error { return st.PutArticle(ctx, &f) },
		"DeleteArticle": func() error { return st.DeleteArticle(ctx, SeedArticleID(1)) },
		"Nodes":         func() error { _, err := st.Nodes(ctx, []string{idLvPei}); return err },
		"FindNodes":     func() error { _, err := st.FindNodes(ctx, graph.NodeFilter{}); return err },
		"Relations": func() error {
			_, err := st.Relations(ctx, graph.RelationFilter{NodeIDs: []string{idLvPei}})
			return err
		},
		"Neighbourhood": func() error { _, err := st.Neighbourhood(ctx, idLvPei, graph.TraversalOptions{}); return err },
		"ShortestPath":  func() error { _, err := st.ShortestPath(ctx, idQianHui, idLvPei, graph.TraversalOptions{}); return err },
		"Search":        func() error { _, err := st.Search(ctx, graph.SearchQuery{Text: "吕沛"}); return err },
		"Dump":          func() error { return st.Dump(ctx, &bytes.Buffer{}) },
		"Close":         st.Close,
	}
	for name, call := range calls {
		if err := call(); !errors.Is(err, graph.ErrUnavailable) {
			t.Errorf("%s after Close: error = %v, want ErrUnavailable", name, err)
		}
	}
}
