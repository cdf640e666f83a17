package main

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kgproject/kg/graph/bolt"
	"github.com/kgproject/kg/ingest"
	"github.com/kgproject/kg/internal/gen"
)

// TestMain runs kg itself when a test re-executes the test binary as a
// child process (KG_TEST_MAIN=1), so that a test can kill it.
func TestMain(m *testing.M) {
	if os.Getenv("KG_TEST_MAIN") == "1" {
		args := os.Args[1:]
		for i, a := range args {
			if a == "--" {
				args = args[i+1:]
				break
			}
		}
		os.Args = append([]string{"kg"}, args...)
		main()
		return
	}
	os.Exit(m.Run())
}

// TestKilledIngest kills an ingest with SIGKILL after some articles were
// stored, then checks that the store reopens holding exactly the complete
// contributions of the articles it has (none half-written), and that
// running the ingest again gives the dump a clean run gives.
func TestKilledIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a corpus and kills a child process")
	}
	corpus := filepath.Join(t.TempDir(), "corpus")
	if _, err := gen.Write(corpus, &gen.Options{Seed: 7, Articles: 150}); err != nil {
		t.Fatal(err)
	}

	clean := t.TempDir()
	mustRun(t, 0, "ingest", "--data", clean, corpus)
	want := dump(t, clean)

	// Kill it twice: right after a commit was reported, then, resumed,
	// a little later, when the next article is likely being written.
	crashed := t.TempDir()
	stored := killMidIngest(t, crashed, corpus, 20, 0)
	stored = max(stored, killMidIngest(t, crashed, corpus, 40, 3*time.Millisecond))
	t.Logf("killed twice, after %d articles were reported stored", stored)

	// Reopen: the store must open and hold whole articles only.
	got := dump(t, crashed)
	present := articleIDs(got)
	if len(present) < stored {
		t.Fatalf("%d articles in the store, %d were reported stored before the kill", len(present), stored)
	}
	if len(present) >= 150 {
		t.Fatalf("the ingest finished before the kill (%d articles): nothing was tested", len(present))
	}
	if exp := partialDump(t, corpus, present); got != exp {
		t.Fatalf("the killed store is not the whole contributions of its %d articles:\n%s", len(present), diffLines(exp, got))
	}

	mustRun(t, 0, "ingest", "--data", crashed, corpus)
	if again := dump(t, crashed); again != want {
		t.Fatalf("ingesting again after the kill differs from a clean run:\n%s", diffLines(want, again))
	}
}

// killMidIngest runs kg ingest --progress --batch 4 in a child process, kills it with
// SIGKILL delay after it has reported n stored articles and returns how
// many it had reported.
func killMidIngest(t *testing.T, data, corpus string, n int, delay time.Duration) int {
	t.Helper()
	// Small batches, so that the kill falls between and within them.
	c := signalMidIngest(t, syscall.SIGKILL, n, delay, "ingest", "--progress", "--batch", "4", "--data", data, corpus)
	if ws, ok := c.state.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("the child was not killed by SIGKILL (%v) after %d articles", c.state, c.reported)
	}
	return c.reported
}

// signalled is a child kg that signalMidIngest stopped.
type signalled struct {
	// reported counts the articles it had reported stored at the signal.
	reported       int
	stdout, stderr string
	state          *os.ProcessState
}

// signalMidIngest runs kg with args (an ingest with --progress) in a child
// process, sends it sig delay after it has reported n stored articles, and
// waits for it to end.
func signalMidIngest(t *testing.T, sig syscall.Signal, n int, delay time.Duration, args ...string) signalled {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^$", "--"}, args...)...)
	cmd.Env = append(os.Environ(), "KG_TEST_MAIN=1")
	var stdout, errOut bytes.Buffer
	cmd.Stdout = &stdout
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.AfterFunc(2*time.Minute, func() { cmd.Process.Kill() })
	defer deadline.Stop()
	stored := 0
	sc := bufio.NewScanner(stderr)
	for stored < n && sc.Scan() {
		errOut.WriteString(sc.Text() + "\n")
		if strings.HasPrefix(sc.Text(), "kg: ingest: stored ") {
			stored++
		}
	}
	if stored == n {
		time.Sleep(delay)
		if err := cmd.Process.Signal(sig); err != nil {
			t.Fatal(err)
		}
	}
	for sc.Scan() {
		errOut.WriteString(sc.Text() + "\n")
	}
	cmd.Wait()
	return signalled{reported: stored, stdout: stdout.String(), stderr: errOut.String(), state: cmd.ProcessState}
}

// articleIDs returns the IDs of the Article nodes of a dump.
func articleIDs(dump string) map[string]bool {
	ids := map[string]bool{}
	for _, l := range strings.Split(dump, "\n") {
		if strings.HasPrefix(l, `{"node":{"id":"article/`) {
			id := strings.TrimPrefix(l, `{"node":{"id":"`)
			ids[id[:strings.IndexByte(id, '"')]] = true
		}
	}
	return ids
}

// partialDump returns the dump of a store holding the facts of the
// corpus's articles in ids, and nothing else.
func partialDump(t *testing.T, corpus string, ids map[string]bool) string {
	t.Helper()
	p, err := ingest.NewPipeline(nil)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	st, err := bolt.Open(dir, &bolt.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	err = p.Read(ctx, []string{corpus}, func(a *ingest.Article) error {
		if !ids[a.ID] {
			return nil
		}
		f, err := p.Facts(a)
		if err != nil {
			return err
		}
		return st.PutArticle(ctx, f)
	})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := st.Dump(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	st.Close()
	return buf.String()
}
