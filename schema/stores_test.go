package schema_test

import (
	"context"
	"os"
	"sync"
	"testing"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/graph/bolt"
	"github.com/kgproject/kg/graph/graphtest"
	"github.com/kgproject/kg/graph/neo4j"
)

// The schema's tests run on every store: the embedded one always, Neo4j
// when KG_NEO4J_SCHEMA_URI names a server kept for these tests (they empty
// its database; NEO4J_USER, NEO4J_PASSWORD and NEO4J_DATABASE apply).
// .ci/run sets it once the tests that share the servers are done.

// mustOpenSeed opens a bolt store in a temporary directory holding the seed
// page's facts.
func mustOpenSeed(tb testing.TB) *bolt.Store {
	tb.Helper()
	st, err := bolt.Open(tb.TempDir(), &bolt.Options{NoSync: true})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	seed(tb, st)
	return st
}

func seed(tb testing.TB, st graph.Store) {
	tb.Helper()
	for _, f := range graphtest.SeedFacts() {
		if err := st.PutArticle(context.Background(), &f); err != nil {
			tb.Fatal(err)
		}
	}
}

// forEachStore runs fn as a subtest on each store, holding the seed graph.
func forEachStore(t *testing.T, fn func(t *testing.T, st graph.Store)) {
	t.Run("bolt", func(t *testing.T) { fn(t, mustOpenSeed(t)) })
	if os.Getenv("KG_NEO4J_SCHEMA_URI") == "" {
		return
	}
	t.Run("neo4j", func(t *testing.T) { fn(t, neo4jSeed(t)) })
}

// neo4jSeeded is the Neo4j store, emptied and seeded once: the tests only
// read it.
var neo4jSeeded struct {
	once  sync.Once
	store *neo4j.Store
	err   error
}

func neo4jSeed(t *testing.T) graph.Store {
	t.Helper()
	neo4jSeeded.once.Do(func() {
		ctx := context.Background()
		st, err := neo4j.Open(ctx, neo4j.Config{
			URI:      os.Getenv("KG_NEO4J_SCHEMA_URI"),
			User:     os.Getenv("NEO4J_USER"),
			Password: os.Getenv("NEO4J_PASSWORD"),
			Database: os.Getenv("NEO4J_DATABASE"),
		})
		if err != nil {
			neo4jSeeded.err = err
			return
		}
		if err := empty(ctx, st); err != nil {
			st.Close()
			neo4jSeeded.err = err
			return
		}
		neo4jSeeded.store = st
	})
	if neo4jSeeded.err != nil {
		t.Fatalf("neo4j at KG_NEO4J_SCHEMA_URI: %v", neo4jSeeded.err)
	}
	return neo4jSeeded.store
}

// empty retracts every article of st, and with them everything they
// supported, then stores the seed facts.
func empty(ctx context.Context, st graph.Store) error {
	page, err := st.FindNodes(ctx, graph.NodeFilter{Labels: []graph.Label{graph.LabelArticle}})
	if err != nil {
		return err
	}
	for _, a := range page.Nodes {
		if err := st.DeleteArticle(ctx, a.ID); err != nil {
			return err
		}
	}
	for _, f := range graphtest.SeedFacts() {
		if err := st.PutArticle(ctx, &f); err != nil {
			return err
		}
	}
	return nil
}

func TestMain(m *testing.M) {
	code := m.Run()
	if neo4jSeeded.store != nil {
		neo4jSeeded.store.Close()
	}
	os.Exit(code)
}
