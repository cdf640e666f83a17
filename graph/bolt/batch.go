package bolt

import (
	"context"
	"fmt"

	bbolt "go.etcd.io/bbolt"

	"github.com/kgproject/kg/graph"
)

var (
	_ graph.BatchWriter = (*Store)(nil)
	_ graph.Preparer    = (*Store)(nil)
)

// prepared is an article prepared by a Store.
type prepared struct {
	s *Store
	c *contribution
}

func (p *prepared) ArticleID() string { return p.c.id }

// Prepare validates f and encodes its parts and evidence, ready for
// PutPrepared; it is safe for concurrent use and reads nothing of the
// database. It returns an error wrapping graph.ErrInvalid when f is nil or
// fails Validate or an ID contains a 0 byte; f is not modified.
func (s *Store) Prepare(f *graph.ArticleFacts) (graph.Prepared, error) {
	if f == nil {
		return nil, fmt.Errorf("bolt: prepare article: %w: nil facts", graph.ErrInvalid)
	}
	c, err := newContribution(f)
	if err != nil {
		return nil, fmt.Errorf("bolt: prepare article %s: %w", f.Article.ID, err)
	}
	return &prepared{s: s, c: c}, nil
}

// PutPrepared stores articles s prepared as PutArticles stores their
// facts. It returns an error wrapping graph.ErrInvalid, and stores
// nothing, when one is nil or was prepared by another store.
func (s *Store) PutPrepared(ctx context.Context, ps []graph.Prepared) error {
	cs := make([]*contribution, len(ps))
	for i, p := range ps {
		q, ok := p.(*prepared)
		if !ok || q == nil || q.s != s {
			return fmt.Errorf("bolt: put prepared articles: %w: article at %d not prepared by this store", graph.ErrInvalid, i)
		}
		cs[i] = q.c
	}
	return s.putContributions(ctx, cs)
}

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
	return s.putContributions(ctx, cs)
}

// putContributions stores cs in one transaction.
func (s *Store) putContributions(ctx context.Context, cs []*contribution) error {
	if len(cs) == 0 {
		if err := s.begin(ctx); err != nil {
			return fmt.Errorf("bolt: put articles: %w", err)
		}
		return nil
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
