package main

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/kgproject/kg/internal/gen"
)

// TestInterruptedIngest stops an ingest in a child process with SIGINT, and
// with SIGTERM, after some articles were stored: it must store what it
// read, print the summary and exit with status 130, leaving a store that
// holds just the articles the summary counts.
func TestInterruptedIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a corpus and signals a child process")
	}
	corpus := filepath.Join(t.TempDir(), "corpus")
	const articles = 600
	if _, err := gen.Write(corpus, &gen.Options{Seed: 3, Articles: articles}); err != nil {
		t.Fatal(err)
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			data := t.TempDir()
			c := signalMidIngest(t, sig, 20, 0, "ingest", "--progress", "--batch", "4", "--data", data, corpus)
			if got, want := c.state.ExitCode(), 130; got != want {
				t.Fatalf("exit status %d, want %d\nstdout: %s\nstderr: %.2000s", got, want, c.stdout, c.stderr)
			}
			if !strings.HasSuffix(c.stderr, "kg: interrupted\n") {
				t.Errorf("stderr does not end saying it was interrupted: %.2000s", c.stderr)
			}
			sum := regexp.MustCompile(`(\d+) articles?\b`).FindStringSubmatch(c.stdout)
			if sum == nil {
				t.Fatalf("no summary on stdout: %q", c.stdout)
			}
			n, _ := strconv.Atoi(sum[1])
			if n < c.reported || n >= articles {
				t.Fatalf("the summary counts %d articles; %d were reported stored before the signal, of %d", n, c.reported, articles)
			}
			if got := len(articleIDs(dump(t, data))); got != n {
				t.Errorf("the store holds %d articles, the summary says %d", got, n)
			}
			t.Logf("%v after %d articles: %s", sig, c.reported, strings.TrimSpace(c.stdout))
		})
	}
}
