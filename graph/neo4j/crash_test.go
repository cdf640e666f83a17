package neo4j_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/graph/graphtest"
	"github.com/kgproject/kg/graph/neo4j"
)

// crashArticles is how many articles the crash test ingests: enough that
// the kill lands in the middle, sharing nodes and relations among them so
// that a half-written article would show in the merged graph.
const crashArticles = 90

// crashBatch is how many articles the killed ingest stores a transaction
// (PutArticles).
const crashBatch = 4

// crashFacts returns n articles: copies of the seed articles under new IDs,
// so that every node and relation is supported by many of them.
func crashFacts(n int) []graph.ArticleFacts {
	seed := graphtest.SeedFacts()
	out := make([]graph.ArticleFacts, 0, n)
	for i := 0; i < n; i++ {
		f := seed[i%len(seed)]
		c := graph.ArticleFacts{Article: f.Article}
		c.Article.ID = graph.NodeID(graph.LabelArticle, fmt.Sprintf("crash-%03d", i))
		c.Article.Name = fmt.Sprintf("%s（%d）", f.Article.Name, i)
		c.Nodes = append(c.Nodes, f.Nodes...)
		for _, r := range f.Relations {
			r.Evidence = append([]graph.Evidence(nil), r.Evidence...)
			for j := range r.Evidence {
				r.Evidence[j].ArticleID = c.Article.ID
			}
			// Relations at the article node follow it to its new ID.
			if r.From == f.Article.ID {
				r.From = c.Article.ID
			}
			if r.To == f.Article.ID {
				r.To = c.Article.ID
			}
			r.ID = graph.RelationID(r.Type, r.From, r.To, r.Role)
			c.Relations = append(c.Relations, r)
		}
		out = append(out, c)
	}
	return out
}

// script returns the path of tools/neo4j/neo4j.sh from KG_NEO4J_SCRIPT;
// without it the test skips, except under CI=true, where it fails: the
// crash test must run in CI.
func script(t *testing.T) string {
	return needEnv(t, "KG_NEO4J_SCRIPT", "the path of tools/neo4j/neo4j.sh, which runs the servers to kill")
}

// scriptServer is a Neo4j server of its own that the test starts, kills
// and restarts with the script, so that the shared servers stay up.
type scriptServer struct {
	path string
	env  []string
	cfg  neo4j.Config
}

// startServer starts one server on a free port with its data in a
// temporary folder, and stops it when the test ends.
func startServer(t *testing.T, path string) *scriptServer {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	s := &scriptServer{
		path: path,
		env: append(os.Environ(),
			"KG_NEO4J_PORT="+strconv.Itoa(port),
			"KG_NEO4J_SERVERS=1",
			"KG_NEO4J_HOME="+t.TempDir(),
		),
		cfg: neo4j.Config{URI: fmt.Sprintf("bolt://127.0.0.1:%d", port)},
	}
	start := time.Now()
	s.run(t, "start")
	t.Logf("started a Neo4j server of the test's own on port %d in %v", port, time.Since(start).Round(time.Millisecond))
	t.Cleanup(func() { s.run(t, "stop") })
	return s
}

func (s *scriptServer) run(t *testing.T, args ...string) string {
	t.Helper()
	cmd := exec.Command(s.path, args...)
	cmd.Env = s.env
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s%s", s.path, strings.Join(args, " "), err, out.String(), errb.String())
	}
	return strings.TrimSpace(out.String())
}

func (s *scriptServer) open(t *testing.T, retry time.Duration) *neo4j.Store {
	t.Helper()
	cfg := s.cfg
	cfg.RetryTime = retry
	st, err := neo4j.Open(context.Background(), cfg)
	if err != nil {
		t.Fatalf("Open(%s): %v", cfg.URI, err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// TestCrashDuringIngest kills the Neo4j process with SIGKILL while articles
// are being stored in batches, restarts it, and checks that no batch was
// half written (the graph is exactly that of the batches stored whole, as
// one PutArticle an article would have stored them) and that storing all
// the articles again gives the dump of a clean run.
func TestCrashDuringIngest(t *testing.T) {
	path := script(t)
	configs(t)
	ctx := context.Background()
	facts := crashFacts(crashArticles)

	clean := openStore(t)
	start := time.Now()
	for i := range facts {
		if err := clean.PutArticle(ctx, &facts[i]); err != nil {
			t.Fatalf("clean run: PutArticle(%s): %v", facts[i].Article.ID, err)
		}
	}
	t.Logf("clean run: %d articles in %v", len(facts), time.Since(start).Round(time.Millisecond))
	want := dumpOf(t, clean)

	srv := startServer(t, path)
	// Fail fast while the server is down rather than retry for the
	// driver's default 30 s.
	start = time.Now()
	st := srv.open(t, 2*time.Second)
	pid, err := strconv.Atoi(srv.run(t, "pid"))
	if err != nil {
		t.Fatalf("%s pid: %v", path, err)
	}
	type result struct {
		stored int
		err    error
	}
	third := make(chan struct{})
	done := make(chan result, 1)
	go func() {
		// In batches, as kg ingest stores articles.
		for i := 0; i < len(facts); i += crashBatch {
			if i >= len(facts)/3 && i-crashBatch < len(facts)/3 {
				close(third)
			}
			var batch []*graph.ArticleFacts
			for j := i; j < min(i+crashBatch, len(facts)); j++ {
				batch = append(batch, &facts[j])
			}
			if err := st.PutArticles(ctx, batch); err != nil {
				done <- result{i, err}
				return
			}
		}
		done <- result{len(facts), nil}
	}()
	// Kill a third of the way through, while the writer is busy.
	<-third
	time.Sleep(20 * time.Millisecond)
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatalf("kill %d: %v", pid, err)
	}
	r := <-done
	switch {
	case r.err == nil:
		t.Fatalf("the ingest finished although Neo4j was killed")
	case !errors.Is(r.err, graph.ErrUnavailable):
		t.Errorf("PutArticles(%s…) while Neo4j was down: error = %v, want ErrUnavailable", facts[r.stored].Article.ID, r.err)
	}
	t.Logf("killed Neo4j (pid %d) %v after opening; the ingest stopped after %d articles: %v", pid, time.Since(start).Round(time.Millisecond), r.stored, r.err)
	st.Close()

	start = time.Now()
	srv.run(t, "start")
	t.Logf("restarted Neo4j (recovering its data) in %v", time.Since(start).Round(time.Millisecond))

	start = time.Now()
	after := srv.open(t, 0)
	stored := storedArticles(t, after)
	if n := len(stored); n != r.stored && n != min(r.stored+crashBatch, len(facts)) {
		t.Errorf("%d articles stored after the crash; the writer had stored %d and was writing a batch of %d more", n, r.stored, crashBatch)
	}
	for i := range facts {
		if stored[facts[i].Article.ID] != (i < len(stored)) {
			t.Errorf("after the crash article %s is stored: %v; want the first %d articles, whole batches", facts[i].Article.ID, stored[facts[i].Article.ID], len(stored))
			break
		}
	}
	ref := openStore(t)
	for i := range facts {
		if stored[facts[i].Article.ID] {
			if err := ref.PutArticle(ctx, &facts[i]); err != nil {
				t.Fatalf("reference: PutArticle(%s): %v", facts[i].Article.ID, err)
			}
		}
	}
	if got, want := dumpOf(t, after), dumpOf(t, ref); !bytes.Equal(got, want) {
		t.Errorf("after the crash the graph is not that of the %d articles stored whole (%d dump bytes, want %d)", len(stored), len(got), len(want))
	}
	t.Logf("checked the %d articles stored whole in %v", len(stored), time.Since(start).Round(time.Millisecond))

	start = time.Now()
	for i := range facts {
		if err := after.PutArticle(ctx, &facts[i]); err != nil {
			t.Fatalf("re-run: PutArticle(%s): %v", facts[i].Article.ID, err)
		}
	}
	if got := dumpOf(t, after); !bytes.Equal(got, want) {
		t.Errorf("re-running the ingest after the crash gives a dump unlike a clean run's (%d bytes, want %d)", len(got), len(want))
	}
	t.Logf("re-ran the ingest in %v", time.Since(start).Round(time.Millisecond))
}

func dumpOf(t *testing.T, st graph.Store) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := st.Dump(context.Background(), &buf); err != nil {
		t.Fatalf("Dump: %v", err)
	}
	return buf.Bytes()
}

func storedArticles(t *testing.T, st graph.Store) map[string]bool {
	t.Helper()
	page, err := st.FindNodes(context.Background(), graph.NodeFilter{Labels: []graph.Label{graph.LabelArticle}})
	if err != nil {
		t.Fatalf("FindNodes(Article): %v", err)
	}
	out := map[string]bool{}
	for _, n := range page.Nodes {
		out[n.ID] = true
	}
	return out
}
