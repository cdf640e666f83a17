package ner_test

import (
	"testing"

	"github.com/kgproject/kg/ingest/ner"
)

const benchText = "市委常委、常务副市长兼市发改委主任王刚主持会议，副市长李明、欧阳华出席。会议听取了市交通运输局关于杭州湾大桥项目进展情况的汇报。"

func BenchmarkTag(b *testing.B) {
	tg, err := ner.Default()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(benchText)))
	for b.Loop() {
		tg.Tag(benchText)
	}
}
