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

// migrate applies the statements of the embedded migrations, in file
// order, that create a constraint or index the database lacks. Each is
// idempotent (IF NOT EXISTS) besides, so that concurrent Opens are safe;
// schema statements cannot share a transaction with others, so each runs
// in its own.
func (s *Store) migrate(ctx context.Context) error {
	stmts, err := statements()
	if err != nil {
		return fmt.Errorf("neo4j: migrate: %v", err)
	}
	have, err := read(ctx, s, "migrate: read schema", func(tx neo4j.ManagedTransaction) (map[string]bool, error) {
		have := map[string]bool{}
		for _, q := range []string{"SHOW CONSTRAINTS YIELD name", "SHOW INDEXES YIELD name"} {
			recs, err := run(ctx, tx, q, nil)
			if err != nil {
				return nil, err
			}
			for _, rec := range recs {
				if name, ok := rec.Values[0].(string); ok {
					have[name] = true
				}
			}
		}
		return have, nil
	})
	if err != nil {
		return err
	}
	for _, st := range stmts {
		if have[schemaName(st)] {
			continue
		}
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

// schemaName returns the name a CREATE CONSTRAINT or CREATE … INDEX
// statement gives, or "".
func schemaName(st string) string {
	f := strings.Fields(st)
	for i := 0; i+1 < len(f); i++ {
		if f[i] == "CONSTRAINT" || f[i] == "INDEX" {
			return f[i+1]
		}
	}
	return ""
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}
