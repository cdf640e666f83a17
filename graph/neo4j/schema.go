package neo4j

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgproject/kg/graph"
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
	if err := s.checkFormat(ctx); err != nil {
		return err
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

// errOldFormat reports a database written by kg before migration 002, which
// kept every article's version of a node in the node's kg_parts property
// and a relation's evidence in its evidence property.
var errOldFormat = fmt.Errorf("%w: the database holds kg's graph in its earlier storage format "+
	"(kg_parts and evidence properties, before migration 002_parts), which this version cannot update; "+
	"empty the database and ingest the articles again", graph.ErrInvalid)

// errOldParts reports a database written by kg between migrations 002 and
// 004, which kept one KgPart record per article and node.
var errOldParts = fmt.Errorf("%w: the database holds kg's graph in an earlier storage format "+
	"(a KgPart record per article and node, before migration 004_part_groups), which this version cannot update; "+
	"empty the database and ingest the articles again", graph.ErrInvalid)

// checkFormat returns errOldFormat or errOldParts, wrapped, when the
// database holds a graph in an earlier storage format: its Article nodes
// then carry kg_contrib, or its KgPart records a, which the current format
// never writes.
func (s *Store) checkFormat(ctx context.Context) error {
	old, err := read(ctx, s, "migrate: check format", func(tx neo4j.ManagedTransaction) (string, error) {
		recs, err := run(ctx, tx, "MATCH (a:Article) WHERE a.kg_contrib IS NOT NULL RETURN a.id LIMIT 1", nil)
		if err != nil || len(recs) > 0 {
			return "001", err
		}
		recs, err = run(ctx, tx, "MATCH (p:KgPart) WHERE p.a IS NOT NULL RETURN p.a LIMIT 1", nil)
		if err != nil || len(recs) > 0 {
			return "002", err
		}
		return "", nil
	})
	if err != nil {
		return err
	}
	switch old {
	case "001":
		return fmt.Errorf("neo4j: open: %w", errOldFormat)
	case "002":
		return fmt.Errorf("neo4j: open: %w", errOldParts)
	}
	return nil
}
