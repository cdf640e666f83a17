package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/kgproject/kg/graph"
)

func TestSample(t *testing.T) {
	var dump bytes.Buffer
	d := graph.NewDumpWriter(&dump)
	for _, n := range []*graph.Node{
		{ID: "event/e", Label: graph.LabelEvent, Name: "常务会议"},
		{ID: "person/a", Label: graph.LabelPerson, Name: "王立新"},
		{ID: "person/b", Label: graph.LabelPerson, Name: "周立群"},
	} {
		if err := d.Node(n); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range []*graph.Relation{
		{ID: "rel/1", Type: graph.RelChaired, From: "person/a", To: "event/e", Evidence: []graph.Evidence{{ArticleID: "article/x", Sentence: "王立新主持会议。"}}},
		{ID: "rel/2", Type: graph.RelAttended, From: "person/b", To: "event/e", Evidence: []graph.Evidence{{ArticleID: "article/x", Sentence: "周立群|出席。"}}},
		{ID: "rel/3", Type: graph.RelMentions, From: "article/x", To: "person/b", Evidence: []graph.Evidence{{ArticleID: "article/x", Sentence: "周立群出席。"}}},
	} {
		if err := d.Relation(r); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	if err := sample(bytes.NewReader(dump.Bytes()), &out, []string{"CHAIRED", "ATTENDED"}, 5, 1); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{"| 1 | CHAIRED | 王立新 | 常务会议 |", "| 2 | ATTENDED | 周立群 | 常务会议 |", `周立群\|出席。`, "1 CHAIRED, 1 ATTENDED"} {
		if !strings.Contains(got, want) {
			t.Errorf("sample lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "MENTIONS") {
		t.Errorf("drew a type not asked for:\n%s", got)
	}
	var again bytes.Buffer
	if err := sample(bytes.NewReader(dump.Bytes()), &again, []string{"CHAIRED", "ATTENDED"}, 5, 1); err != nil || again.String() != got {
		t.Errorf("the same seed drew another sample: %v", err)
	}
}
