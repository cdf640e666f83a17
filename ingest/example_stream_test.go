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
	// article/高新区召开2026年第3次党政联席会议~15d8cd46
	// article/高新区召开经济运行调度会~4ba830c8
	// article/高新区领导与嵘州银行客人座谈~e6dd97dc
	// article/季鸿川到重点项目建设现场调研~3b275a2d
	// article/高新区召开安全生产暨消防工作会议~fe97f1b8
	// article/高新区举办2026年企业服务专员培训班~b567e2d6
	// article/枫屿区召开城建领域重点工作汇报会~6b24b79b
	// article/枫屿区2026年一季度重大项目集中开工~a4c349b9
	// article/区人大常委会第二十一次会议召开~05451202
	// article/区政协召开专题协商会~33b7bede
	// article/枫屿区召开2026年教育工作会议~2bd3a940
	// article/岚禾生物医药产业园项目签约落户枫屿区~40067bb8
}
