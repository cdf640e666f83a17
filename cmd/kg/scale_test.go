package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kgproject/kg/internal/gen"
)

// TestIngestLargeInputs ingests the large inputs with kg ingest:
// a folder of 100 000 files, some of them bad, and a 20 MB article. Each
// must be stored and reported in full, within a bounded heap and a time
// limit. It takes minutes, so it runs only with KG_SCALE=1:
//
//	KG_SCALE=1 go test ./cmd/kg -run TestIngestLargeInputs -v -timeout 60m
func TestIngestLargeInputs(t *testing.T) {
	if os.Getenv("KG_SCALE") == "" {
		t.Skip("set KG_SCALE=1 to ingest a folder of 100 000 files and a 20 MB article")
	}
	t.Run("folder of 100000 files", func(t *testing.T) {
		const files, bad = 100_000, 100
		dir := t.TempDir()
		var badNames []string
		for i := range files {
			sub := filepath.Join(dir, fmt.Sprintf("%03d", i/1000))
			if i%1000 == 0 {
				if err := os.Mkdir(sub, 0o755); err != nil {
					t.Fatal(err)
				}
			}
			name := fmt.Sprintf("page-%06d.md", i)
			text := fmt.Sprintf("# 第%d号通知\n\n本页为第%d号测试页面。\n", i, i)
			if i%(files/bad) == 0 {
				text = ""
				badNames = append(badNames, name)
			}
			writeFile(t, sub, name, text)
		}
		code, out, errOut, peak, took := ingestMeasured(t, dir)
		t.Logf("%d files: exit %d in %v, peak heap %d MiB; %s", files, code, took.Round(time.Second), peak>>20, strings.TrimSpace(out))
		if code != 1 {
			t.Errorf("exit %d, want 1 (%d empty files)", code, bad)
		}
		if want := fmt.Sprintf("stored %d articles from %d files", files-bad, files-bad); !strings.Contains(out, want) {
			t.Errorf("summary %q, want %q", out, want)
		}
		for _, name := range badNames {
			if !strings.Contains(errOut, name) {
				t.Errorf("standard error does not name the empty %s", name)
				break
			}
		}
		if want := fmt.Sprintf("%d inputs failed", bad); !strings.Contains(errOut, want) {
			t.Errorf("standard error does not say %q", want)
		}
		if peak > 512<<20 {
			t.Errorf("peak heap %d MiB, want under 512 MiB: pages must be read one at a time", peak>>20)
		}
	})
	t.Run("20 MB article", func(t *testing.T) {
		g, err := gen.New(&gen.Options{Seed: 3, Articles: 100_000})
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		b.WriteString("# 二〇二六年全区工作汇编\n\n")
		for p := g.Next(); p != nil && b.Len() < 20<<20; p = g.Next() {
			for _, line := range strings.Split(p.Text, "\n") {
				if !strings.HasPrefix(line, "#") {
					b.WriteString(line)
					b.WriteByte('\n')
				}
			}
		}
		dir := t.TempDir()
		writeFile(t, dir, "big.md", b.String())
		code, out, errOut, peak, took := ingestMeasured(t, dir)
		t.Logf("%d MB article: exit %d in %v, peak heap %d MiB; %s", b.Len()>>20, code, took.Round(time.Second), peak>>20, strings.TrimSpace(out))
		if code != 0 || !strings.Contains(out, "stored 1 article from 1 file") {
			t.Errorf("exit %d: %s%s", code, out, errOut)
		}
		if peak > 2<<30 {
			t.Errorf("peak heap %d MiB, want under 2 GiB (100 bytes per byte of the article)", peak>>20)
		}
		if took > 10*time.Minute {
			t.Errorf("took %v, want under 10 minutes", took)
		}
	})
}

// ingestMeasured runs kg ingest on dir into a fresh store and returns its
// exit status, output, the peak heap in use while it ran and its duration.
func ingestMeasured(t *testing.T, dir string) (code int, out, errOut string, peak uint64, took time.Duration) {
	t.Helper()
	runtime.GC()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	start := time.Now()
	code, out, errOut = run(t, "", "ingest", "--data", t.TempDir(), dir)
	took = time.Since(start)
	close(stop)
	wg.Wait()
	return code, out, errOut, peak, took
}
