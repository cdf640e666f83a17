package ingest_test

import (
	"context"
	"fmt"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/ingest"
)

func ExamplePipeline_ReadFacts() {
	p, err := ingest.NewPipeline(&ingest.Options{Year: 2026, Workers: 4})
	if err != nil {
		panic(err)
	}
	// The articles come in input order whatever the number of workers.
	err = p.ReadFacts(context.Background(), []string{"testdata/dev-01.md", "testdata/dev-02.md"}, func(a *ingest.Article, f *graph.ArticleFacts, err error) error {
		if err != nil {
			return err
		}
		fmt.Println(f.Article.ID)
		return nil
	})
	if err != nil {
		panic(err)
	}
	// Output:
	// article/dev-01-01
	// article/dev-01-02
	// article/dev-01-03
	// article/dev-01-04
	// article/dev-01-05
	// article/dev-01-06
	// article/dev-02-01
	// article/dev-02-02
	// article/dev-02-03
	// article/dev-02-04
	// article/dev-02-05
	// article/dev-02-06
}
