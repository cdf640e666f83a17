package bolt_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/graph/bolt"
)

// syntheticFacts returns article i of a made-up corpus: one meeting chaired
// by one of 500 people and attended by four more, with three of 100
// organisations taking part, so that people and organisations recur across
// articles as they do in local news. Four articles come from each page.
func syntheticFacts(i int) graph.ArticleFacts {
	const sentence = "某日，某某主持召开会议，某某出席会议。"
	aid := graph.NodeID(graph.LabelArticle, fmt.Sprintf("bench-%06d", i))
	ev := []graph.Evidence{{ArticleID: aid, Sentence: sentence, Start: 0, End: len([]rune(sentence))}}
	date := fmt.Sprintf("2026-%02d-%02d", 1+i%12, 1+i%28)
	event := graph.NodeID(graph.LabelEvent, graph.EventKey(date, fmt.Sprintf("第%d次会议", i), aid))
	f := graph.ArticleFacts{
		Article: graph.Node{ID: aid, Label: graph.LabelArticle, Name: fmt.Sprintf("会议%d召开", i), Text: sentence, Page: syntheticPage(i / 4)},
		Nodes:   []graph.Node{{ID: event, Label: graph.LabelEvent, Name: fmt.Sprintf("第%d次会议", i), Kind: graph.KindMeeting, Date: date}},
	}
	link := func(t graph.RelType, from, to, role string) {
		f.Relations = append(f.Relations, graph.Relation{Type: t, From: from, To: to, Role: role, Evidence: ev})
	}
	for k := range 5 {
		name := fmt.Sprintf("人员%03d", (i*7+k*131)%500)
		id := graph.NodeID(graph.LabelPerson, name)
		f.Nodes = append(f.Nodes, graph.Node{ID: id, Label: graph.LabelPerson, Name: name})
		if k == 0 {
			link(graph.RelChaired, id, event, "")
		} else {
			link(graph.RelAttended, id, event, "")
		}
		link(graph.RelMentions, aid, id, "")
	}
	for k := range 3 {
		name := fmt.Sprintf("单位%02d", (i*3+k*37)%100)
		id := graph.NodeID(graph.LabelOrganisation, name)
		f.Nodes = append(f.Nodes, graph.Node{ID: id, Label: graph.LabelOrganisation, Name: name})
		link(graph.RelParticipated, id, event, "attended")
		link(graph.RelMentions, aid, id, "")
	}
	link(graph.RelReports, aid, event, "")
	return f
}

func syntheticPage(k int) string { return fmt.Sprintf("input/%06d.html", k) }

func load(b *testing.B, s *bolt.Store, n int) {
	b.Helper()
	for i := range n {
		f := syntheticFacts(i)
		if err := s.PutArticle(context.Background(), &f); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPutArticle adds new articles to a store of 1000, with and
// without fsync at commit.
func BenchmarkPutArticle(b *testing.B) {
	for _, noSync := range []bool{false, true} {
		b.Run(fmt.Sprintf("NoSync=%t", noSync), func(b *testing.B) {
			dir := b.TempDir()
			s := MustOpenStore(b, dir, &bolt.Options{NoSync: true})
			load(b, s, 1000)
			s.Close()
			s = MustOpenStore(b, dir, &bolt.Options{NoSync: noSync})
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				f := syntheticFacts(1000 + i)
				if err := s.PutArticle(context.Background(), &f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPutArticleAgain puts unchanged articles of a store of 1000 again,
// as re-ingesting a page does.
func BenchmarkPutArticleAgain(b *testing.B) {
	s := MustOpenStore(b, b.TempDir(), &bolt.Options{NoSync: true})
	load(b, s, 1000)
	for i := 0; b.Loop(); i++ {
		f := syntheticFacts(i % 1000)
		if err := s.PutArticle(context.Background(), &f); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNeighbourhood asks for people's depth-2 neighbourhoods in a
// store of 1000 articles.
func BenchmarkNeighbourhood(b *testing.B) {
	s := MustOpenStore(b, b.TempDir(), &bolt.Options{NoSync: true})
	load(b, s, 1000)
	for _, limit := range []int{0, 50} {
		b.Run(fmt.Sprintf("Depth=2/Limit=%d", limit), func(b *testing.B) {
			nodes := 0
			for i := 0; b.Loop(); i++ {
				id := graph.NodeID(graph.LabelPerson, fmt.Sprintf("人员%03d", i%500))
				g, err := s.Neighbourhood(context.Background(), id, graph.TraversalOptions{Depth: 2, Limit: limit})
				if err != nil {
					b.Fatal(err)
				}
				nodes += len(g.Nodes)
			}
			b.ReportMetric(float64(nodes)/float64(b.N), "nodes/op")
		})
	}
}

// BenchmarkPutArticleHub adds articles that all name one person, as local
// news names its leaders, to a store where 5000 articles already do: the
// cost of recomputing a node grows with the articles that support it.
func BenchmarkPutArticleHub(b *testing.B) {
	s := MustOpenStore(b, b.TempDir(), &bolt.Options{NoSync: true})
	hub := func(i int) graph.ArticleFacts {
		f := syntheticFacts(i)
		id := graph.NodeID(graph.LabelPerson, "吕沛")
		f.Nodes = append(f.Nodes, graph.Node{ID: id, Label: graph.LabelPerson, Name: "吕沛"})
		f.Relations = append(f.Relations, graph.Relation{Type: graph.RelChaired, From: id, To: f.Nodes[0].ID, Evidence: f.Relations[0].Evidence})
		return f
	}
	for i := range 5000 {
		f := hub(i)
		if err := s.PutArticle(context.Background(), &f); err != nil {
			b.Fatal(err)
		}
	}
	for i := 0; b.Loop(); i++ {
		f := hub(5000 + i)
		if err := s.PutArticle(context.Background(), &f); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkShortestPath finds paths between people of a store of 1000
// articles.
func BenchmarkShortestPath(b *testing.B) {
	s := MustOpenStore(b, b.TempDir(), &bolt.Options{NoSync: true})
	load(b, s, 1000)
	hops := 0
	for i := 0; b.Loop(); i++ {
		from := graph.NodeID(graph.LabelPerson, fmt.Sprintf("人员%03d", i%500))
		to := graph.NodeID(graph.LabelPerson, fmt.Sprintf("人员%03d", (i*37+250)%500))
		g, err := s.ShortestPath(context.Background(), from, to, graph.TraversalOptions{Depth: 6})
		if err != nil {
			b.Fatal(err)
		}
		hops += len(g.Relations)
	}
	b.ReportMetric(float64(hops)/float64(b.N), "hops/op")
}

// BenchmarkSearch looks people up by part of their name in a store of 1000
// articles.
func BenchmarkSearch(b *testing.B) {
	s := MustOpenStore(b, b.TempDir(), &bolt.Options{NoSync: true})
	load(b, s, 1000)
	hits := 0
	for i := 0; b.Loop(); i++ {
		h, err := s.Search(context.Background(), graph.SearchQuery{Text: fmt.Sprintf("人员%02d", i%50), Limit: 10})
		if err != nil {
			b.Fatal(err)
		}
		hits += len(h)
	}
	b.ReportMetric(float64(hits)/float64(b.N), "hits/op")
}

// BenchmarkPutArticles adds new articles to a store of 1000, with fsync,
// one transaction per article (Batch=1, PutArticle) or per batch
// (PutArticles): the commit and its fsync are shared by the batch, and
// merged nodes are brought up to date once per batch.
func BenchmarkPutArticles(b *testing.B) {
	ctx := context.Background()
	for _, size := range []int{1, 64, 256} {
		b.Run(fmt.Sprintf("Batch=%d", size), func(b *testing.B) {
			dir := b.TempDir()
			s := MustOpenStore(b, dir, &bolt.Options{NoSync: true})
			batch := make([]*graph.ArticleFacts, 0, 250)
			for i := range 1000 {
				f := syntheticFacts(i)
				if batch = append(batch, &f); len(batch) == cap(batch) {
					if err := s.PutArticles(ctx, batch); err != nil {
						b.Fatal(err)
					}
					batch = batch[:0]
				}
			}
			s.Close()
			s = MustOpenStore(b, dir, nil)
			next := 1000
			b.ResetTimer()
			for b.Loop() {
				batch = batch[:0]
				for range size {
					f := syntheticFacts(next)
					batch, next = append(batch, &f), next+1
				}
				var err error
				if size == 1 {
					err = s.PutArticle(ctx, batch[0])
				} else {
					err = s.PutArticles(ctx, batch)
				}
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N*size)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}

// loadBatches stores n synthetic articles in batches of 500.
func loadBatches(b *testing.B, s *bolt.Store, n int) {
	b.Helper()
	batch := make([]*graph.ArticleFacts, 0, 500)
	for i := range n {
		f := syntheticFacts(i)
		if batch = append(batch, &f); len(batch) == cap(batch) || i == n-1 {
			if err := s.PutArticles(context.Background(), batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
}

// BenchmarkFindNodesPage asks for the articles of one page, as re-reading
// an input does, in stores of 1000 and 20000 articles (four a page): the
// pages index makes its cost independent of how many articles there are.
func BenchmarkFindNodesPage(b *testing.B) {
	for _, n := range []int{1000, 20000} {
		b.Run(fmt.Sprintf("Articles=%d", n), func(b *testing.B) {
			s := MustOpenStore(b, b.TempDir(), &bolt.Options{NoSync: true})
			loadBatches(b, s, n)
			for i := 0; b.Loop(); i++ {
				p, err := s.FindNodes(context.Background(), graph.NodeFilter{Labels: []graph.Label{graph.LabelArticle}, Page: syntheticPage(i % (n / 4))})
				if err != nil || len(p.Nodes) != 4 {
					b.Fatalf("FindNodes: %d nodes, %v", len(p.Nodes), err)
				}
			}
		})
	}
}

// BenchmarkCounts counts the nodes and relations of 20000 articles.
func BenchmarkCounts(b *testing.B) {
	s := MustOpenStore(b, b.TempDir(), &bolt.Options{NoSync: true})
	loadBatches(b, s, 20000)
	for b.Loop() {
		if _, _, err := s.Counts(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}
