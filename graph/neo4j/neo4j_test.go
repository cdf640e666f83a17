package neo4j_test

import (
	"context"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/graph/graphtest"
	"github.com/kgproject/kg/graph/neo4j"
)

// The tests need running Neo4j servers: NEO4J_URI names one, KG_NEO4J_URIS
// (space-separated) several; tools/neo4j/neo4j.sh starts three and prints
// them with `uris`. The conformance suite holds up to two stores at once,
// each needing a database of its own, and Community has one per server.
// Without servers the tests skip, except under CI=true, where they fail.

// servers hands out the configured servers, one store at a time each.
var servers struct {
	sync.Mutex
	pool []*server
}

type server struct {
	cfg   neo4j.Config
	store *neo4j.Store // the store last handed out on it
	since time.Time
}

func configs(t testing.TB) []neo4j.Config {
	t.Helper()
	uris := strings.Fields(os.Getenv("KG_NEO4J_URIS"))
	if len(uris) == 0 && os.Getenv("NEO4J_URI") != "" {
		uris = []string{os.Getenv("NEO4J_URI")}
	}
	if len(uris) == 0 {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but neither NEO4J_URI nor KG_NEO4J_URIS is set: the Neo4j suite must run in CI")
		}
		t.Skip("no Neo4j configured (set NEO4J_URI or KG_NEO4J_URIS; tools/neo4j/neo4j.sh starts servers)")
	}
	var out []neo4j.Config
	for _, u := range uris {
		out = append(out, neo4j.Config{
			URI:      u,
			User:     os.Getenv("NEO4J_USER"),
			Password: os.Getenv("NEO4J_PASSWORD"),
			Database: os.Getenv("NEO4J_DATABASE"),
		})
	}
	return out
}

// mentionFacts returns the facts of an article aid whose text only
// mentions n: the article, n, and the MENTIONS relation with its evidence.
func mentionFacts(aid string, n graph.Node) *graph.ArticleFacts {
	text := n.Name + "出席会议。"
	ev := []graph.Evidence{{ArticleID: aid, Sentence: text, Start: 0, End: len([]rune(text))}}
	return &graph.ArticleFacts{
		Article:   graph.Node{ID: aid, Label: graph.LabelArticle, Name: aid, Text: text},
		Nodes:     []graph.Node{n},
		Relations: []graph.Relation{{Type: graph.RelMentions, From: aid, To: n.ID, Evidence: ev}},
	}
}

// openStore returns a store on an emptied server. When every server holds
// a store, the oldest is closed and its server reused: a test that still
// used that store then fails with ErrUnavailable.
func openStore(t testing.TB) graph.Store {
	t.Helper()
	cfgs := configs(t)
	servers.Lock()
	defer servers.Unlock()
	if servers.pool == nil {
		for _, c := range cfgs {
			servers.pool = append(servers.pool, &server{cfg: c})
		}
	}
	var pick *server
	for _, s := range servers.pool {
		if s.store == nil {
			pick = s
			break
		}
		if pick == nil || s.since.Before(pick.since) {
			pick = s
		}
	}
	if pick.store != nil {
		pick.store.Close()
		pick.store = nil
	}
	wipe(t, pick.cfg)
	return openOn(t, pick)
}

// openOn opens a store on srv and hands srv to it; servers must be locked.
func openOn(t testing.TB, srv *server) *neo4j.Store {
	t.Helper()
	s, err := neo4j.Open(context.Background(), srv.cfg)
	if err != nil {
		t.Fatalf("Open(%s): %v", srv.cfg.URI, err)
	}
	srv.store, srv.since = s, time.Now()
	t.Cleanup(func() {
		servers.Lock()
		defer servers.Unlock()
		if srv.store == s {
			srv.store = nil
		}
		s.Close()
	})
	return s
}

// wipe empties the database cfg names, keeping its schema.
func wipe(t testing.TB, cfg neo4j.Config) {
	t.Helper()
	ctx := context.Background()
	auth := driver.NoAuth()
	if cfg.User != "" {
		auth = driver.BasicAuth(cfg.User, cfg.Password, "")
	}
	d, err := driver.NewDriverWithContext(cfg.URI, auth)
	if err != nil {
		t.Fatalf("wipe %s: %v", cfg.URI, err)
	}
	defer d.Close(ctx)
	_, err = driver.ExecuteQuery(ctx, d, "MATCH (n) DETACH DELETE n", nil,
		driver.EagerResultTransformer, driver.ExecuteQueryWithDatabase(cfg.Database))
	if err != nil {
		t.Fatalf("wipe %s: %v", cfg.URI, err)
	}
}

func TestConformance(t *testing.T) {
	graphtest.Run(t, openStore)
}
