package ner

import "testing"

func BenchmarkLoadModel(b *testing.B) {
	for b.Loop() {
		if _, err := LoadModel(defaultModel); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBuiltinLexicon(b *testing.B) {
	for b.Loop() {
		newLexicon()
	}
}
