package graph_test

import (
	"reflect"
	"testing"

	"github.com/kgproject/kg/graph"
)

func TestOutline(t *testing.T) {
	full := &graph.Node{ID: "article/a", Label: graph.LabelArticle, Name: "标题", Title: "标题", Text: "正文。", Published: "2026-01-02", Aliases: []string{"别名"}}
	rel := &graph.Relation{ID: "rel/1", Type: graph.RelMentions, From: "article/a", To: "person/甲", Role: "r",
		Evidence: []graph.Evidence{{ArticleID: "article/a", Sentence: "正文。", Start: 0, End: 3}}}
	g := &graph.Subgraph{Nodes: []*graph.Node{full}, Relations: []*graph.Relation{rel}}
	want := &graph.Subgraph{
		Nodes:     []*graph.Node{{ID: "article/a", Label: graph.LabelArticle, Name: "标题"}},
		Relations: []*graph.Relation{{ID: "rel/1", Type: graph.RelMentions, From: "article/a", To: "person/甲", Role: "r"}},
	}
	if got := graph.Outline(g); !reflect.DeepEqual(got, want) {
		t.Errorf("Outline = %+v, want %+v", got, want)
	}
	if full.Text != "正文。" || len(rel.Evidence) != 1 {
		t.Error("Outline changed the nodes or relations it was given")
	}
	if graph.Outline(nil) != nil {
		t.Error("Outline(nil) is not nil")
	}
}
