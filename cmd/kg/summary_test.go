package main

import (
	"strings"
	"testing"

	"github.com/kgproject/kg/ingest"
)

func TestWriteSummary(t *testing.T) {
	for _, tt := range []struct {
		name string
		rep  ingest.Report
		want string
	}{
		{
			name: "everything",
			rep:  ingest.Report{Files: 3, Articles: 12, New: 5, Replaced: 4, Unchanged: 3, Retracted: 2, StoreNodes: 340, StoreRelations: 912},
			want: "stored 12 articles from 3 files: 5 new, 4 replaced, 3 unchanged; 2 retracted; store now holds 340 nodes and 912 relations\n",
		},
		{
			name: "first ingest",
			rep:  ingest.Report{Files: 1, Articles: 6, New: 6, StoreNodes: 59, StoreRelations: 159},
			want: "stored 6 articles from 1 file: 6 new; store now holds 59 nodes and 159 relations\n",
		},
		{
			name: "again, one of each",
			rep:  ingest.Report{Files: 1, Articles: 1, Unchanged: 1, StoreNodes: 1, StoreRelations: 1},
			want: "stored 1 article from 1 file: 1 unchanged; store now holds 1 node and 1 relation\n",
		},
		{
			name: "store cannot count",
			rep:  ingest.Report{Files: 2, Articles: 2, New: 1, Replaced: 1, StoreNodes: -1, StoreRelations: -1},
			want: "stored 2 articles from 2 files: 1 new, 1 replaced\n",
		},
		{
			name: "retracted only",
			rep:  ingest.Report{Files: 1, Retracted: 3, StoreNodes: 0, StoreRelations: 0},
			want: "stored 0 articles from 1 file; 3 retracted; store now holds 0 nodes and 0 relations\n",
		},
		{
			name: "undated",
			rep:  ingest.Report{Files: 1, Articles: 4, New: 4, Undated: 4, StoreNodes: -1, StoreRelations: -1},
			want: "stored 4 articles from 1 file: 4 new\n" +
				"4 articles give dates without a year: add a masthead (2026年1月13日 星期二) or published date to the input, or pass --year\n",
		},
		{
			name: "one undated",
			rep:  ingest.Report{Files: 1, Articles: 1, New: 1, Undated: 1, StoreNodes: -1, StoreRelations: -1},
			want: "stored 1 article from 1 file: 1 new\n" +
				"1 article gives dates without a year: add a masthead (2026年1月13日 星期二) or published date to the input, or pass --year\n",
		},
	} {
		var b strings.Builder
		writeSummary(&b, &tt.rep)
		if got := b.String(); got != tt.want {
			t.Errorf("%s: summary\n%q\nwant\n%q", tt.name, got, tt.want)
		}
	}
}
