package ner_test

import (
	"fmt"

	"github.com/kgproject/kg/ingest/ner"
)

func ExampleTagger_Tag() {
	tg, err := ner.Default()
	if err != nil {
		fmt.Println(err)
		return
	}
	text := []rune("市委书记吕沛主持会议。")
	for _, s := range tg.Tag(string(text)) {
		fmt.Println(s.Type, string(text[s.Start:s.End]))
	}
	// Output:
	// Organisation 市委
	// Title 书记
	// Person 吕沛
}
