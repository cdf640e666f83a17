package bolt_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/graph/bolt"
	"github.com/kgproject/kg/graph/graphtest"
)

func Example() {
	dir, err := os.MkdirTemp("", "kg")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	s, err := bolt.Open(dir, nil)
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()

	ctx := context.Background()
	for _, f := range graphtest.SeedFacts() {
		if err := s.PutArticle(ctx, &f); err != nil {
			log.Fatal(err)
		}
	}

	// Who attended the symposium with the bank?
	hits, err := s.Search(ctx, graph.SearchQuery{Text: "中信银行焦作分行客人座谈", Labels: []graph.Label{graph.LabelEvent}, Limit: 1})
	if err != nil {
		log.Fatal(err)
	}
	event := hits[0].Node
	rels, err := s.Relations(ctx, graph.RelationFilter{NodeIDs: []string{event.ID}, Direction: graph.Incoming, Types: []graph.RelType{graph.RelAttended}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(event.Name, event.Date, event.PartOfDay)
	for _, r := range rels {
		e := r.Evidence[0]
		fmt.Printf("%s (%s %d..%d)\n", r.From, e.ArticleID, e.Start, e.End)
	}
	fmt.Println(rels[0].Evidence[0].Sentence)
	// Output:
	// 高新区领导与中信银行焦作分行客人座谈 2026-01-13 上午
	// person/吕沛 (article/seed-5 0..94)
	// person/宫卫红 (article/seed-5 0..94)
	// person/钱辉 (article/seed-5 0..94)
	// 本报讯（记者付凯明）1月13日上午，市政协副主席、高新区（示范区）党工委书记吕沛，党工委副书记、管委会主任宫卫红与中信银行焦作分行党委书记、行长钱辉座谈，就进一步加强政银合作进行深入交流。
}
