package ingest_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/ingest"
)

func ExamplePipeline_Facts() {
	p, err := ingest.NewPipeline(&ingest.Options{Year: 2026})
	if err != nil {
		panic(err)
	}
	page := "# 县政府召开常务会议\n\n**本报讯（记者 陈思远）**3月2日上午，县委副书记、县长王立新主持召开县政府常务会议。副县长周立群出席。"
	_ = p.ReadFrom(context.Background(), strings.NewReader(page), "page.md", false, func(a *ingest.Article) error {
		f, err := p.Facts(a)
		if err != nil {
			return err
		}
		names := map[string]string{}
		for _, n := range f.Nodes {
			names[n.ID] = n.Name
			if n.Label == graph.LabelEvent {
				fmt.Println(n.Name, n.Kind, n.Date, n.PartOfDay)
			}
		}
		for _, r := range f.Relations {
			switch r.Type {
			case graph.RelChaired, graph.RelAttended, graph.RelHolds:
				fmt.Println(names[r.From], r.Type, names[r.To])
			}
		}
		return nil
	})
	// Output:
	// 县政府常务会议 MEETING 2026-03-02 上午
	// 王立新 HOLDS 县委副书记
	// 王立新 HOLDS 县长
	// 周立群 HOLDS 副县长
	// 王立新 CHAIRED 县政府常务会议
	// 周立群 ATTENDED 县政府常务会议
}
