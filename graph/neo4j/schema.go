package neo4j

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

//go:embed migrations/*.cypher
var migrations embed.FS

// indexWaitSeconds bounds how long Open waits for new indexes to come
// online.
const indexWaitSeconds = 120

// migrate applies every statement of the embedded migrations, in file
// order. Each statement is idempotent (IF NOT EXISTS), so migrate runs on
// every Open; schema statements cannot share a transaction with others, so
// each runs in its own.
func (s *Store) migrate(ctx context.Context) error {
	stmts, err := statements()
	if err != nil {
		return fmt.Errorf("neo4j: migrate: %v", err)
	}
	for _, st := range stmts {
		err := s.write(ctx, "migrate", func(tx neo4j.ManagedTransaction) error {
			res, err := tx.Run(ctx, st, nil)
			if err != nil {
				return err
			}
			_, err = res.Consume(ctx)
			return err
		})
		if err != nil {
			return fmt.Errorf("%w (statement %q)", err, firstLine(st))
		}
	}
	_, err = read(ctx, s, "migrate: await indexes", func(tx neo4j.ManagedTransaction) (struct{}, error) {
		res, err := tx.Run(ctx, "CALL db.awaitIndexes($seconds)", map[string]any{"seconds": indexWaitSeconds})
		if err != nil {
			return struct{}{}, err
		}
		_, err = res.Consume(ctx)
		return struct{}{}, err
	})
	return err
}

// statements returns the statements of the migration files, in order,
// without comments.
func statements() ([]string, error) {
	names, err := fs.Glob(migrations, "migrations/*.cypher")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []string
	for _, name := range names {
		b, err := migrations.ReadFile(name)
		if err != nil {
			return nil, err
		}
		var lines []string
		for _, l := range strings.Split(string(b), "\n") {
			if !strings.HasPrefix(strings.TrimSpace(l), "//") {
				lines = append(lines, l)
			}
		}
		for _, st := range strings.Split(strings.Join(lines, "\n"), ";") {
			if st = strings.TrimSpace(st); st != "" {
				out = append(out, st)
			}
		}
	}
	return out, nil
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}
