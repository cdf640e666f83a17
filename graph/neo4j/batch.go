package neo4j

import (
	"context"
	"fmt"
	"sort"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgproject/kg/graph"
)

var _ graph.BatchWriter = (*Store)(nil)

// PutArticles stores the articles fs in one managed write transaction, with
// the result of a PutArticle for each in order: an article listed twice
// keeps the facts of its last listing. Each query of the transaction
// carries the rows of all the articles, so that a batch costs a few round
// trips and one commit. The driver retries the whole batch on transient
// failures. It returns ErrInvalid, naming the article and storing nothing,
// when any of fs is nil or fails Validate, and the errors of PutArticle
// otherwise; on error nothing of the batch is stored. An empty fs does
// nothing.
func (s *Store) PutArticles(ctx context.Context, fs []*graph.ArticleFacts) error {
	if len(fs) == 0 {
		return nil
	}
	last := map[string]int{} // article ID -> its last listing in changes
	var changes []change
	for i, f := range fs {
		if f == nil {
			return fmt.Errorf("neo4j: put articles: %w: nil facts at %d", graph.ErrInvalid, i)
		}
		c := cloneFacts(f)
		if err := c.Validate(); err != nil {
			return fmt.Errorf("neo4j: put articles: article %s: %w", f.Article.ID, err)
		}
		ch := change{aid: c.Article.ID, nf: newFacts(&c)}
		if j, ok := last[ch.aid]; ok {
			changes[j] = ch
			continue
		}
		last[ch.aid] = len(changes)
		changes = append(changes, ch)
	}
	// Transactions lock articles in ID order.
	sort.Slice(changes, func(i, j int) bool { return changes[i].aid < changes[j].aid })
	op := fmt.Sprintf("put %d articles (%s…)", len(changes), changes[0].aid)
	return s.write(ctx, op, func(tx neo4j.ManagedTransaction) error {
		return apply(ctx, tx, changes)
	})
}
