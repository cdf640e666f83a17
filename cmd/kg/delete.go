package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/kgproject/kg/graph"
)

var deleteCommand = command{
	name: "delete", args: "[--data DIR] --article ID...",
	summary: "retract articles from the store",
	help: `Retracts each article given: its node, and every node, relation and piece
of evidence that only it supported; what other articles also say stays.
The exit status is 1 if an article is not in the store (the others are
still deleted).`,
	new: func() runner { return &deleteCmd{} },
}

// deleteCmd is kg delete.
type deleteCmd struct {
	store    storeOptions
	articles []string
}

func (c *deleteCmd) flags(fs *flag.FlagSet, getenv func(string) string) {
	c.store.flags(fs, getenv)
	fs.Func("article", "the ID of an article to delete, e.g. article/page-1 (repeatable)", func(s string) error {
		c.articles = append(c.articles, s)
		return nil
	})
}

func (c *deleteCmd) setArgs(args []string) error {
	if len(args) != 0 {
		return usagef("delete: unexpected arguments %q: give each article with --article", args)
	}
	if len(c.articles) == 0 {
		return usagef("delete: no --article ID given")
	}
	return nil
}

// run retracts the articles of --article, going on past those that are not
// stored.
func (c *deleteCmd) run(ctx context.Context, m *Main) error {
	st, err := c.store.open(ctx, m, false)
	if err != nil {
		return err
	}
	failed := false
	for _, id := range c.articles {
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
