package neo4j_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/graph/bolt"
	"github.com/kgproject/kg/graph/neo4j"
)

// TestMergeOrder stores articles that give one node conflicting fields,
// in orders that put each new article after, before and between the
// stored ones, and replaces and retracts some: the store folds new parts
// into the stored merge when the order allows it and merges again from
// the parts otherwise. The embedded store is the reference.
func TestMergeOrder(t *testing.T) {
	ctx := context.Background()
	const id = "node/乙"
	mk := func(aid string, l graph.Label, name, title, date string) *graph.ArticleFacts {
		return mentionFacts(aid, graph.Node{ID: id, Label: l, Name: name, Title: title, Date: date})
	}
	arts := map[string]*graph.ArticleFacts{
		"b":  mk("article/b", graph.LabelPerson, "乙", "", ""),
		"d":  mk("article/d", graph.LabelPerson, "乙丙", "书记", ""),
		"a":  mk("article/a", graph.LabelPlace, "乙地", "", "2024-01-02"),
		"c":  mk("article/c", graph.LabelPerson, "丙乙", "区长", "2024-03-04"),
		"e":  mk("article/e", graph.LabelPerson, "乙", "书记", ""),
		"c2": mk("article/c", graph.LabelPerson, "乙", "", ""),
	}
	tests := []struct {
		name  string
		steps []string // "x" puts arts[x], "-x" deletes article/x, "x+y" puts both in one batch
	}{
		{"after", []string{"a", "b", "c", "d", "e"}},
		{"before", []string{"e", "d", "c", "b", "a"}},
		{"between", []string{"b", "d", "c", "a", "e"}},
		{"batches", []string{"b+d", "a+c", "e+c2"}},
		{"replace and delete", []string{"b", "d", "c", "c2", "c", "-d", "a", "-b", "-a", "e", "-c", "-e"}},
		// Articles stored together share records; retracting or
		// replacing one must leave the others' parts and evidence.
		{"groups", []string{"b+d+a", "c+e", "-d", "c2", "d", "-b", "b+c", "-a", "-e", "-c", "-d", "-b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ref, err := bolt.Open(t.TempDir(), nil)
			if err != nil {
				t.Fatal(err)
			}
			defer ref.Close()
			st := openStore(t)
			for _, step := range tt.steps {
				for _, s := range []graph.Store{ref, st} {
					var err error
					switch {
					case strings.HasPrefix(step, "-"):
						err = s.DeleteArticle(ctx, "article/"+step[1:])
					case strings.Contains(step, "+"):
						var fs []*graph.ArticleFacts
						for _, k := range strings.Split(step, "+") {
							fs = append(fs, arts[k])
						}
						err = s.(graph.BatchWriter).PutArticles(ctx, fs)
					default:
						err = s.PutArticle(ctx, arts[step])
					}
					if err != nil {
						t.Fatalf("%s on %T: %v", step, s, err)
					}
				}
				var want, got bytes.Buffer
				if err := ref.Dump(ctx, &want); err != nil {
					t.Fatal(err)
				}
				if err := st.Dump(ctx, &got); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got.Bytes(), want.Bytes()) {
					t.Fatalf("after %s:\ngot  %s\nwant %s", step, got.String(), want.String())
				}
			}
		})
	}
}

// TestOldFormat: Open refuses a database written in an earlier storage
// format, which writes would corrupt, with an error saying what to do: the
// first (kg_parts on nodes, kg_contrib on Article nodes) and the second (a
// KgPart and a KgEvidence record per article, before migration 004).
func TestOldFormat(t *testing.T) {
	for _, tc := range []struct {
		name, create string
	}{
		{"kg_contrib", `CREATE (:Article {id: 'article/old', name: 'old', kg_parts: '{}', kg_contrib: '{"nodes":[],"rels":[]}'})`},
		{"per-article records", `CREATE (:Article {id: 'article/old', name: 'old', kg_first: 'article/old', kg_last: 'article/old'}),
			(:KgPart {a: 'article/old', n: 'article/old', v: '{"id":"article/old","label":"Article","name":"old"}'})`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			st := openStore(t)
			var cfg neo4j.Config
			servers.Lock()
			for _, s := range servers.pool {
				if graph.Store(s.store) == st {
					cfg = s.cfg
				}
			}
			servers.Unlock()
			d, err := driver.NewDriverWithContext(cfg.URI, driver.NoAuth())
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close(ctx)
			_, err = driver.ExecuteQuery(ctx, d, tc.create,
				nil, driver.EagerResultTransformer, driver.ExecuteQueryWithDatabase(cfg.Database))
			if err != nil {
				t.Fatal(err)
			}
			s, err := neo4j.Open(ctx, cfg)
			if err == nil {
				s.Close()
				t.Fatal("Open of an old-format database succeeded")
			}
			if !errors.Is(err, graph.ErrInvalid) || !strings.Contains(err.Error(), "ingest the articles again") {
				t.Errorf("Open of an old-format database: %v; want ErrInvalid saying to ingest again", err)
			}
			wipe(t, cfg)
		})
	}
}
