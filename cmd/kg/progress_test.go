package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestIngestProgress(t *testing.T) {
	in := t.TempDir()
	a := writeFile(t, in, "a.jsonl", lineA1+lineA2+"{bad\n")
	code, out, errOut := run(t, "", "ingest", "--progress", "--data", t.TempDir(), a)
	if code != 1 {
		t.Errorf("exit %d with a bad line, want 1", code)
	}
	for _, want := range []string{"kg: ingest: stored article/a1 (1)\n", "kg: ingest: stored article/a2 (2)\n", "a.jsonl:3: bad json", "1 input failed"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if !strings.Contains(out, "2 articles") {
		t.Errorf("the summary is %q", out)
	}
	// Standard output is no terminal here: no progress unless asked.
	_, _, errOut = run(t, "", "ingest", "--data", t.TempDir(), a)
	if strings.Contains(errOut, "stored article") {
		t.Errorf("progress without --progress on no terminal:\n%s", errOut)
	}
}

func TestProgressOnTerminal(t *testing.T) {
	var buf bytes.Buffer
	p := &progress{w: &buf, tty: true, start: time.Now()}
	p.stored("article/a")
	p.stored("article/b") // within the redraw interval: not drawn
	p.done()
	got := buf.String()
	if !strings.HasPrefix(got, "\r\x1b[Kkg: ingest: 1 article stored, ") || !strings.HasSuffix(got, "\r\x1b[K") || strings.Contains(got, "2 articles") {
		t.Errorf("terminal output %q", got)
	}
}
