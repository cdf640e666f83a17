package bolt

import (
	"context"
	"fmt"

	bbolt "go.etcd.io/bbolt"

	"github.com/kgproject/kg/graph"
)

var _ graph.BatchWriter = (*Store)(nil)

// PutArticles stores the articles in one transaction, with the same result
// as PutArticle for each in order (an article listed twice ends with its
// last listing's facts), and one commit for all: merged nodes and
// relations are brought up to date once for the whole batch. Once many of
// the database's pages are resident in the process's memory, they are
// dropped from it after the commit (they stay in the page cache), so that
// a bulk load's resident size does not grow with the database. It returns
// an error wrapping graph.ErrInvalid, naming the article, when any of fs is
// nil or fails Validate, and stores nothing then; fs is not modified.
func (s *Store) PutArticles(ctx context.Context, fs []*graph.ArticleFacts) error {
	if len(fs) == 0 {
		if err := s.begin(ctx); err != nil {
			return fmt.Errorf("bolt: put articles: %w", err)
		}
		return nil
	}
	cs := make([]*contribution, len(fs))
	for i, f := range fs {
		if f == nil {
			return fmt.Errorf("bolt: put articles: %w: nil facts at %d", graph.ErrInvalid, i)
		}
		c, err := newContribution(f)
		if err != nil {
			return fmt.Errorf("bolt: put articles: article %s: %w", f.Article.ID, err)
		}
		cs[i] = c
	}
	err := s.update(ctx, fmt.Sprintf("put %d articles", len(cs)), func(tx *bbolt.Tx) error {
		w := newWriter(tx)
		for i, c := range cs {
			if i%64 == 63 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			if err := w.put(c); err != nil {
				return fmt.Errorf("article %s: %w", c.id, err)
			}
		}
		return w.recompute()
	})
	if err == nil {
		// Batches come in bulk loads, whose pages need not stay mapped.
		release(s.db)
	}
	return err
}
