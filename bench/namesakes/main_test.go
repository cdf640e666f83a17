package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReport(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "dump.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := read(f)
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := r.write(&out, 20, 1); err != nil {
		t.Fatal(err)
	}
	want := `3 Person nodes carry 2 names; 1 names are carried by more than one node (2 nodes)

杨明
  person/杨明@枫屿县: 1 articles, 2023-01-05..2023-01-05; posts: 枫屿县委书记
  person/杨明@澜州市: 1 articles, 2023-02-01..2023-02-01; posts: 澜州市教育局局长
`
	if got := out.String(); got != want {
		t.Fatalf("report:\n%s\nwant:\n%s", got, want)
	}
}

func TestReadErrors(t *testing.T) {
	for _, in := range []string{"not json\n", `{"other":1}` + "\n", ""} {
		if _, err := read(strings.NewReader(in)); err == nil {
			t.Errorf("read(%q) gave no error", in)
		}
	}
}
