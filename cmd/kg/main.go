// Command kg builds a knowledge graph from Chinese local-government news and
// answers GraphQL queries over it.
//
//	kg ingest [--data DIR] PATH...       read pages into the store
//	kg extract [--jsonl] [PATH|-]        print the mentions of each article
//	kg query [--data DIR] QUERY|-        run one GraphQL request
//	kg export [--format F] [--out PATH]  write the graph for other tools
//	kg serve [--data DIR] [--addr ADDR]  serve the explorer and GraphQL over HTTP
//	kg delete [--data DIR] --article ID  retract an article's facts
//
// --store chooses the backend: bolt (embedded, in --data) or neo4j.
//
// Run "kg help" for the details.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	m := NewMain()
	err := m.ParseFlags(ctx, os.Args[1:])
	if err == nil {
		err = m.Run(ctx)
	}
	if err == nil {
		err = m.Wait(ctx)
	}
	if cerr := m.Close(); err == nil {
		err = cerr
	}
	os.Exit(exitCode(m, err))
}

// exitCode reports err and returns the process's exit status: 0 for success
// and for help asked with -h, 2 for a usage error, 1 for any other failure.
func exitCode(m *Main, err error) int {
	var usage *usageError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errReported):
		return 1
	case errors.As(err, &usage):
		fmt.Fprintf(m.Stderr, "kg: %v\nRun 'kg help' for usage.\n", usage.err)
		return 2
	}
	fmt.Fprintf(m.Stderr, "kg: %v\n", err)
	return 1
}
