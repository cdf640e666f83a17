package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/kgproject/kg/graph"
)

// runDelete retracts the articles of --article, going on past those that
// are not stored.
func (m *Main) runDelete(ctx context.Context) error {
	st, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	failed := false
	for _, id := range m.deletes {
		err := st.DeleteArticle(ctx, id)
		switch {
		case errors.Is(err, graph.ErrNotFound):
			fmt.Fprintf(m.Stderr, "kg: delete: no article %q in the store\n", id)
			failed = true
		case err != nil:
			return fmt.Errorf("delete: %w", err)
		default:
			fmt.Fprintf(m.Stdout, "deleted %s\n", id)
		}
	}
	if failed {
		return errReported
	}
	return nil
}
