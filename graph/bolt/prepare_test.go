package bolt_test

import (
	"bytes"
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/graph/graphtest"
)

// TestPutPrepared stores the seed prepared on many goroutines at once,
// in two batches with an article listed twice, and expects the seed's
// golden dump.
func TestPutPrepared(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t, t.TempDir(), nil)
	facts := graphtest.SeedFacts()
	ps := make([]graph.Prepared, len(facts))
	var wg sync.WaitGroup
	errs := make([]error, len(facts))
	for i := range facts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ps[i], errs[i] = s.Prepare(&facts[i])
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatalf("Prepare: %v", err)
	}
	half := len(ps) / 2
	if err := s.PutPrepared(ctx, append(ps[:half:half], ps[0])); err != nil {
		t.Fatalf("PutPrepared: %v", err)
	}
	if err := s.PutPrepared(ctx, ps[half:]); err != nil {
		t.Fatalf("PutPrepared: %v", err)
	}
	if got := ps[0].ArticleID(); got != facts[0].Article.ID {
		t.Errorf("ArticleID() = %q, want %q", got, facts[0].Article.ID)
	}
	var buf bytes.Buffer
	if err := s.Dump(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), graphtest.SeedDump()) {
		t.Errorf("dump after PutPrepared differs from the golden seed dump")
	}
}

// TestPrepareInvalid expects ErrInvalid, and nothing stored, for invalid
// facts and for articles another store prepared.
func TestPrepareInvalid(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t, t.TempDir(), nil)
	other := MustOpenStore(t, t.TempDir(), nil)
	facts := graphtest.SeedFacts()
	bad := facts[0]
	bad.Article.ID = ""
	for name, f := range map[string]*graph.ArticleFacts{"nil": nil, "no article ID": &bad} {
		if _, err := s.Prepare(f); !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("Prepare(%s) = %v, want ErrInvalid", name, err)
		}
	}
	mine, err := s.Prepare(&facts[0])
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := other.Prepare(&facts[1])
	if err != nil {
		t.Fatal(err)
	}
	for name, ps := range map[string][]graph.Prepared{"other store's": {mine, theirs}, "nil": {mine, nil}} {
		if err := s.PutPrepared(ctx, ps); !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("PutPrepared(%s) = %v, want ErrInvalid", name, err)
		}
	}
	var buf bytes.Buffer
	if err := s.Dump(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	empty := MustOpenStore(t, t.TempDir(), nil)
	var want bytes.Buffer
	if err := empty.Dump(ctx, &want); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want.Bytes()) {
		t.Errorf("rejected batches stored something:\n%s", buf.Bytes())
	}
}
