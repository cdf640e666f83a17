package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kgproject/kg/graph/bolt"
)

// Articles that share people: deleting or changing one must leave what
// the others say.
var (
	lineA1 = jsonLine("a1", "2026-01-13", "1月13日下午，市政协副主席、高新区党工委书记吕沛主持召开党政联席会议，高新区党工委副书记、管委会主任宫卫红出席会议。")
	lineA2 = jsonLine("a2", "2026-01-15", "1月15日下午，高新区党工委书记吕沛主持召开高新区经济领域重点工作汇报会。高新区管委会副主任陈思远汇报有关工作。")
	lineB1 = jsonLine("b1", "2026-01-20", "1月20日上午，高新区管委会主任宫卫红主持召开项目建设推进会，高新区管委会副主任陈思远出席会议。")
	// lineB1Changed is b1 corrected: another person attended.
	lineB1Changed = jsonLine("b1", "2026-01-20", "1月20日上午，高新区管委会主任宫卫红主持召开项目建设推进会，高新区管委会副主任周立群出席会议。")
)

func jsonLine(id, published, text string) string {
	b, _ := json.Marshal(map[string]string{"id": id, "published": published, "text": text})
	return string(b) + "\n"
}

// writeFile writes content to name in dir, which it makes when missing,
// and returns its path.
func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// mustRun runs kg and fails the test unless it exits with want.
func mustRun(t *testing.T, want int, args ...string) string {
	t.Helper()
	code, out, errOut := run(t, "", args...)
	if code != want {
		t.Fatalf("kg %s: exit %d, want %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, want, out, errOut)
	}
	return out + errOut
}

// dump returns the canonical dump of the embedded store in dir.
func dump(t *testing.T, dir string) string {
	t.Helper()
	st, err := bolt.Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var buf bytes.Buffer
	if err := st.Dump(context.Background(), &buf); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestIngestAgainChangesNothing(t *testing.T) {
	in := t.TempDir()
	a := writeFile(t, in, "a.jsonl", lineA1+lineA2)
	b := writeFile(t, in, "b.jsonl", lineB1)
	data := t.TempDir()
	mustRun(t, 0, "ingest", "--data", data, a, b)
	first := dump(t, data)
	if !strings.Contains(first, "宫卫红") || !strings.Contains(first, "article/b1") {
		t.Fatalf("the dump lacks the articles' facts:\n%s", first)
	}
	mustRun(t, 0, "ingest", "--data", data, b, a)
	mustRun(t, 0, "ingest", "--data", data, a)
	if again := dump(t, data); again != first {
		t.Errorf("ingesting the same articles again changed the graph:\n%s", diffLines(first, again))
	}
}

func TestDeleteRetractsOnlyItsFacts(t *testing.T) {
	in := t.TempDir()
	a := writeFile(t, in, "a.jsonl", lineA1+lineA2)
	b := writeFile(t, in, "b.jsonl", lineB1)

	onlyB := t.TempDir()
	mustRun(t, 0, "ingest", "--data", onlyB, b)
	want := dump(t, onlyB)

	data := t.TempDir()
	mustRun(t, 0, "ingest", "--data", data, a, b)
	both := dump(t, data)
	out := mustRun(t, 0, "delete", "--data", data, "--article", "article/a1", "--article", "article/a2")
	if !strings.Contains(out, "deleted article/a1") {
		t.Errorf("delete said %q", out)
	}
	got := dump(t, data)
	if got != want {
		t.Fatalf("after deleting a1 and a2 the graph is not the one b1 alone gives:\n%s", diffLines(want, got))
	}
	if got == both || !strings.Contains(got, "宫卫红") {
		t.Fatalf("the delete removed nothing, or removed what b1 also says:\n%s", got)
	}
	out = mustRun(t, 1, "delete", "--data", data, "--article", "article/a1")
	if !strings.Contains(out, `no article "article/a1"`) {
		t.Errorf("deleting a missing article said %q", out)
	}
	if dump(t, data) != want {
		t.Error("deleting a missing article changed the graph")
	}
	mustRun(t, 2, "delete", "--data", data)
}

func TestChangedArticleReplacesItsFacts(t *testing.T) {
	in := t.TempDir()
	a := writeFile(t, in, "a.jsonl", lineA1+lineA2)
	b := writeFile(t, in, "b.jsonl", lineB1)
	data := t.TempDir()
	mustRun(t, 0, "ingest", "--data", data, a, b)
	before := dump(t, data)
	writeFile(t, in, "b.jsonl", lineB1Changed)
	mustRun(t, 0, "ingest", "--data", data, b)
	got := dump(t, data)

	// The same paths, so that the articles' sources match.
	fresh := t.TempDir()
	mustRun(t, 0, "ingest", "--data", fresh, a, b)
	want := dump(t, fresh)
	if got != want {
		t.Fatalf("after the changed article the graph is not the one a fresh ingest gives:\n%s", diffLines(want, got))
	}
	if got == before || !strings.Contains(got, "周立群") {
		t.Fatalf("the changed article did not replace its facts:\n%s", got)
	}
	if !strings.Contains(got, "陈思远") {
		t.Fatalf("a2's 陈思远 went with b1's old text:\n%s", got)
	}
}

// diffLines lists the lines only one of two dumps has.
func diffLines(want, got string) string {
	in := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, l := range strings.Split(s, "\n") {
			m[l] = true
		}
		return m
	}
	w, g := in(want), in(got)
	var b strings.Builder
	for _, l := range strings.Split(want, "\n") {
		if !g[l] {
			b.WriteString("- " + l + "\n")
		}
	}
	for _, l := range strings.Split(got, "\n") {
		if !w[l] {
			b.WriteString("+ " + l + "\n")
		}
	}
	return b.String()
}
