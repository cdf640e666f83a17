package neo4j_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/graph/bolt"
)

// TestOneIDTwoLabels: graph keys nodes by ID alone, so when two articles
// give one ID different labels there is one node, labelled as MergeNodes
// decides (by the first article). The embedded store is the reference.
func TestOneIDTwoLabels(t *testing.T) {
	ctx := context.Background()
	const id = "node/甲"
	mk := func(aid string, l graph.Label, name string) graph.ArticleFacts {
		return *mentionFacts(aid, graph.Node{ID: id, Label: l, Name: name})
	}
	a := mk("article/a", graph.LabelPlace, "甲地")
	b := mk("article/b", graph.LabelPerson, "甲")
	ref, err := bolt.Open(t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ref.Close()
	st := openStore(t)
	steps := []struct {
		name string
		do   func(s graph.Store) error
	}{
		{"put b", func(s graph.Store) error { f := b; return s.PutArticle(ctx, &f) }},
		{"put a", func(s graph.Store) error { f := a; return s.PutArticle(ctx, &f) }},
		{"delete a", func(s graph.Store) error { return s.DeleteArticle(ctx, "article/a") }},
		{"put a again", func(s graph.Store) error { f := a; return s.PutArticle(ctx, &f) }},
		{"delete b", func(s graph.Store) error { return s.DeleteArticle(ctx, "article/b") }},
	}
	for _, step := range steps {
		if err := step.do(ref); err != nil {
			t.Fatalf("%s (bolt): %v", step.name, err)
		}
		if err := step.do(st); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		var want, got bytes.Buffer
		if err := ref.Dump(ctx, &want); err != nil {
			t.Fatal(err)
		}
		if err := st.Dump(ctx, &got); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("after %s:\ngot  %s\nwant %s", step.name, got.String(), want.String())
		}
	}
}
