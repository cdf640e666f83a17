package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

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
			cmd := exec.Command(os.Args[0], "-test.run=^$", "--", "ingest", "--progress", "--batch", "4", "--data", data, corpus)
			cmd.Env = append(os.Environ(), "KG_TEST_MAIN=1")
			var out, errOut bytes.Buffer
			cmd.Stdout = &out
			stderr, err := cmd.StderrPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			deadline := time.AfterFunc(2*time.Minute, func() { cmd.Process.Kill() })
			defer deadline.Stop()
			reported := 0
			sc := bufio.NewScanner(stderr)
			for sc.Scan() {
				errOut.WriteString(sc.Text() + "\n")
				if strings.HasPrefix(sc.Text(), "kg: ingest: stored ") {
					if reported++; reported == 20 {
						if err := cmd.Process.Signal(sig); err != nil {
							t.Fatal(err)
						}
						break
					}
				}
			}
			for sc.Scan() {
				errOut.WriteString(sc.Text() + "\n")
			}
			cmd.Wait()
			if got, want := cmd.ProcessState.ExitCode(), 130; got != want {
				t.Fatalf("exit status %d, want %d\nstdout: %s\nstderr: %.2000s", got, want, out.String(), errOut.String())
			}
			if !strings.HasSuffix(errOut.String(), "kg: interrupted\n") {
				t.Errorf("stderr does not end saying it was interrupted: %.2000s", errOut.String())
			}
			sum := regexp.MustCompile(`(\d+) articles?\b`).FindStringSubmatch(out.String())
			if sum == nil {
				t.Fatalf("no summary on stdout: %q", out.String())
			}
			n, _ := strconv.Atoi(sum[1])
			if n < reported || n >= articles {
				t.Fatalf("the summary counts %d articles; %d were reported stored before the signal, of %d", n, reported, articles)
			}
			if got := len(articleIDs(dump(t, data))); got != n {
				t.Errorf("the store holds %d articles, the summary says %d", got, n)
			}
			t.Logf("%v after %d articles: %s", sig, reported, strings.TrimSpace(out.String()))
		})
	}
}
