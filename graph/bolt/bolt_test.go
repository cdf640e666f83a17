package bolt_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	bbolt "go.etcd.io/bbolt"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/graph/bolt"
	"github.com/kgproject/kg/graph/graphtest"
)

// MustOpenStore opens a store in dir, closed when the test ends.
func MustOpenStore(tb testing.TB, dir string, opts *bolt.Options) *bolt.Store {
	tb.Helper()
	s, err := bolt.Open(dir, opts)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

func TestConformance(t *testing.T) {
	graphtest.Run(t, func(t testing.TB) graph.Store {
		// fsync only slows the suite down: its stores live for one test.
		return MustOpenStore(t, t.TempDir(), &bolt.Options{NoSync: true})
	})
}

func TestReopen(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "data", "kg")
	s := MustOpenStore(t, dir, nil)
	facts := graphtest.SeedFacts()
	for i := range facts {
		if err := s.PutArticle(ctx, &facts[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := info.Mode().Perm(), os.FileMode(0o700); got != want {
		t.Errorf("data directory mode = %v, want %v", got, want)
	}

	s = MustOpenStore(t, dir, nil)
	var buf bytes.Buffer
	if err := s.Dump(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), graphtest.SeedDump()) {
		t.Errorf("dump after reopening differs from the seed dump")
	}
	if err := s.DeleteArticle(ctx, graphtest.SeedArticleID(1)); err != nil {
		t.Errorf("DeleteArticle after reopening: %v", err)
	}
}

func TestLockTimeout(t *testing.T) {
	dir := t.TempDir()
	MustOpenStore(t, dir, nil)
	start := time.Now()
	_, err := bolt.Open(dir, &bolt.Options{Timeout: 50 * time.Millisecond})
	if !errors.Is(err, graph.ErrUnavailable) {
		t.Fatalf("second Open error = %v, want ErrUnavailable", err)
	}
	if elapsed := time.Since(start); elapsed > 5*time.Second {
		t.Errorf("second Open took %v with a 50ms timeout", elapsed)
	}
	if !strings.Contains(err.Error(), "locked") {
		t.Errorf("second Open error %q does not say the database is locked", err)
	}
}

func TestOpenNotADirectory(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := bolt.Open(file, nil); err == nil {
		t.Errorf("Open(a regular file) succeeded")
	}
}

// lateCancel is a context that is cancelled from its n-th Err call on, to
// cancel a write after its transaction has started.
type lateCancel struct {
	context.Context
	n int
}

func (c *lateCancel) Err() error {
	if c.n--; c.n <= 0 {
		return context.Canceled
	}
	return nil
}

// TestWriteAllOrNothing cancels PutArticle and DeleteArticle after their
// transactions did their work: nothing of it may remain.
func TestWriteAllOrNothing(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t, t.TempDir(), nil)
	facts := graphtest.SeedFacts()
	for i := range facts[:5] {
		if err := s.PutArticle(ctx, &facts[i]); err != nil {
			t.Fatal(err)
		}
	}
	var before bytes.Buffer
	if err := s.Dump(ctx, &before); err != nil {
		t.Fatal(err)
	}
	if err := s.PutArticle(&lateCancel{ctx, 2}, &facts[5]); !errors.Is(err, context.Canceled) {
		t.Errorf("PutArticle cancelled before commit: error = %v, want context.Canceled", err)
	}
	if err := s.DeleteArticle(&lateCancel{ctx, 2}, graphtest.SeedArticleID(1)); !errors.Is(err, context.Canceled) {
		t.Errorf("DeleteArticle cancelled before commit: error = %v, want context.Canceled", err)
	}
	var after bytes.Buffer
	if err := s.Dump(ctx, &after); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before.Bytes(), after.Bytes()) {
		t.Errorf("a write cancelled before its commit changed the graph")
	}
}

func TestOpenCorrupt(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, bolt.FileName), bytes.Repeat([]byte("not a database "), 1000), 0o600); err != nil {
		t.Fatal(err)
	}
	if s, err := bolt.Open(dir, nil); err == nil {
		s.Close()
		t.Errorf("Open(a corrupt file) succeeded")
	}
}

// TestOpenOtherFormat checks that a database of another layout (format 1
// kept JSON values, format 2 other adjacency and evidence keys, format 3 no
// pages index nor counts) is refused with an error
// that says to ingest again.
func TestOpenOtherFormat(t *testing.T) {
	for _, format := range []string{"0", "1", "2", "3", "5"} {
		dir := t.TempDir()
		s := MustOpenStore(t, dir, nil)
		s.Close()
		db, err := bbolt.Open(filepath.Join(dir, bolt.FileName), 0o600, nil)
		if err != nil {
			t.Fatal(err)
		}
		err = db.Update(func(tx *bbolt.Tx) error {
			return tx.Bucket([]byte("meta")).Put([]byte("format"), []byte(format))
		})
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
		s, err = bolt.Open(dir, nil)
		if err == nil {
			s.Close()
		}
		if err == nil || !strings.Contains(err.Error(), "format") || !strings.Contains(err.Error(), "ingest the articles again") {
			t.Errorf("Open(a database of format %s) error = %v, want one about the format asking to ingest again", format, err)
		}
	}
}

// TestSearchFindsEveryMatch stores many names from a small alphabet (so
// that they share, repeat and contain one another) and checks, for many
// texts, that Search returns exactly the nodes graph.Score rates above 0,
// in order: the index may skip a node only when it cannot score.
func TestSearchFindsEveryMatch(t *testing.T) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(7, 7))
	alphabet := []rune("哈高新区党工委ab（）")
	word := func(max int) string {
		r := make([]rune, 1+rng.IntN(max))
		for i := range r {
			r[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return string(r)
	}
	const text = "名单。"
	aid := graph.NodeID(graph.LabelArticle, "names")
	f := graph.ArticleFacts{Article: graph.Node{ID: aid, Label: graph.LabelArticle, Name: "names", Text: text}}
	for i := range 300 {
		n := graph.Node{ID: graph.NodeID(graph.LabelOrganisation, fmt.Sprintf("o%03d", i)), Label: graph.LabelOrganisation, Name: word(12)}
		if i%3 == 0 {
			n.Aliases = []string{word(6), word(20)}
		}
		f.Nodes = append(f.Nodes, n)
	}
	// A name of one repeated pair lying within a long text scores though
	// it shares a single pair with it.
	var distinct []rune
	for i := range 40 {
		distinct = append(distinct, rune(0x4E00+i))
	}
	long := strings.Repeat("哈", 60)
	f.Nodes = append(f.Nodes, graph.Node{ID: graph.NodeID(graph.LabelOrganisation, "long"), Label: graph.LabelOrganisation, Name: long})
	queries := []string{long + string(distinct)}
	s := MustOpenStore(t, t.TempDir(), &bolt.Options{NoSync: true})
	if err := s.PutArticle(ctx, &f); err != nil {
		t.Fatal(err)
	}
	all, err := s.FindNodes(ctx, graph.NodeFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for range 300 {
		queries = append(queries, word(14))
	}
	for _, q := range queries {
		if graph.SearchKey(q) == "" {
			continue
		}
		var want []string
		type hit struct {
			id    string
			score float64
		}
		var hits []hit
		for _, n := range all.Nodes {
			if sc := graph.Score(q, n); sc > 0 {
				hits = append(hits, hit{n.ID, sc})
			}
		}
		sort.SliceStable(hits, func(i, j int) bool { return hits[i].score > hits[j].score })
		for _, h := range hits {
			want = append(want, h.id)
		}
		got, err := s.Search(ctx, graph.SearchQuery{Text: q})
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		var ids []string
		for _, h := range got {
			ids = append(ids, h.Node.ID)
		}
		if !slices.Equal(ids, want) {
			t.Errorf("Search(%q) = %d hits %q, want %d %q", q, len(ids), ids, len(want), want)
		}
	}
}

// TestCloseWhileBusy closes a store under concurrent readers and a writer:
// each call either completes or fails with ErrUnavailable.
func TestCloseWhileBusy(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t, t.TempDir(), &bolt.Options{NoSync: true})
	facts := graphtest.SeedFacts()
	for i := range facts {
		if err := s.PutArticle(ctx, &facts[i]); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				var err error
				switch {
				case w == 0:
					err = s.PutArticle(ctx, &facts[i%len(facts)])
				case w == 1:
					err = s.Dump(ctx, io.Discard)
				default:
					_, err = s.Neighbourhood(ctx, graph.NodeID(graph.LabelPerson, "吕沛"), graph.TraversalOptions{Depth: 2})
				}
				if err != nil {
					if !errors.Is(err, graph.ErrUnavailable) {
						errs <- err
					}
					return
				}
			}
		}()
	}
	time.Sleep(50 * time.Millisecond)
	if err := s.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("call racing Close: %v, want success or ErrUnavailable", err)
	}
}
