package graph_test

import (
	"reflect"
	"testing"

	"github.com/kgproject/kg/graph"
)

func TestOutlineNodeAnswer(t *testing.T) {
	ev := &graph.Node{ID: "event/e", Label: graph.LabelEvent, Name: "会议", Date: "2026-01-02", Kind: graph.EventKind("meeting"), Source: "article/a"}
	person := &graph.Node{ID: "person/乙", Label: graph.LabelPerson, Name: "乙", Aliases: []string{"小乙"}}
	rel := &graph.Relation{ID: "rel/1", Type: graph.RelAttended, From: "person/甲", To: "event/e", Role: "r",
		Evidence: []graph.Evidence{{ArticleID: "article/a", Sentence: "正文。", Start: 0, End: 3}}}
	a := &graph.NodeAnswer{
		Node:           &graph.Node{ID: "person/甲", Label: graph.LabelPerson, Name: "甲"},
		Links:          [][]graph.Link{{{Relation: rel, Node: ev}}, {}},
		CoParticipants: []graph.CoParticipation{{Person: person, Events: []*graph.Node{ev}}},
	}
	want := &graph.NodeAnswer{
		Node:           &graph.Node{ID: "person/甲", Label: graph.LabelPerson, Name: "甲"},
		Links:          [][]graph.Link{{{Relation: &graph.Relation{ID: "rel/1", Type: graph.RelAttended, From: "person/甲", To: "event/e", Role: "r"}, Node: ev}}, {}},
		CoParticipants: []graph.CoParticipation{{Person: person, Events: []*graph.Node{{ID: "event/e"}}}},
	}
	if got := graph.OutlineNodeAnswer(a); !reflect.DeepEqual(got, want) {
		t.Errorf("OutlineNodeAnswer = %+v, want %+v", got, want)
	}
	if len(rel.Evidence) != 1 || ev.Kind == "" {
		t.Error("OutlineNodeAnswer changed the relations or nodes it was given")
	}
	if graph.OutlineNodeAnswer(nil) != nil {
		t.Error("OutlineNodeAnswer(nil) is not nil")
	}
}
