package graph_test

import (
	"fmt"

	"github.com/kgproject/kg/graph"
)

func ExampleNodeID() {
	fmt.Println(graph.NodeID(graph.LabelPerson, "吕沛"))
	fmt.Println(graph.NodeID(graph.LabelEvent, graph.EventKey("2026-01-13", "全区安全稳定工作会议", "article/seed-6")))
	fmt.Println(graph.LabelOfID("org/市政协"))
	// Output:
	// person/吕沛
	// event/2026-01-13/全区安全稳定工作会议
	// Organisation
}

func ExampleMergeNodes() {
	id := graph.NodeID(graph.LabelOrganisation, "高新区（示范区）党工委")
	n := graph.MergeNodes([]graph.Node{
		{ID: id, Label: graph.LabelOrganisation, Name: "高新区党工委"},
		{ID: id, Label: graph.LabelOrganisation, Name: "高新区（示范区）党工委"},
	})
	fmt.Println(n.Name, n.Aliases)
	// Output: 高新区（示范区）党工委 [高新区党工委]
}

func ExampleScore() {
	for _, name := range []string{"高新区（示范区）党工委", "高新区（示范区）党工委书记", "中信银行焦作分行"} {
		fmt.Printf("%s %.2f\n", name, graph.Score("高新区党工委", &graph.Node{Name: name}))
	}
	// Output:
	// 高新区（示范区）党工委 1.00
	// 高新区（示范区）党工委书记 0.80
	// 中信银行焦作分行 0.00
}
