package main

import (
	"context"
	"fmt"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/graph/bolt"
	"github.com/kgproject/kg/queries"
)

// embedded answers the mix in process on the embedded store, through the
// same queries.Service calls kg's GraphQL resolvers make, without HTTP,
// GraphQL parsing or JSON: the store's share of a GraphQL answer.
type embedded struct {
	label string
	store *bolt.Store
	svc   *queries.Service
}

func newEmbedded(name, dir string) (*embedded, error) {
	st, err := bolt.Open(dir, nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &embedded{label: name, store: st, svc: queries.New(st)}, nil
}

func (e *embedded) name() string { return e.label }
func (e *embedded) close()       { e.store.Close() }

func (e *embedded) ask(ctx context.Context, q string, p params) error {
	var err error
	switch q {
	case "events":
		var n *graph.Node
		if n, err = e.svc.NodeByName(ctx, graph.LabelPerson, p.Name); err == nil {
			_, err = e.svc.Links(ctx, []string{n.ID}, graph.Outgoing, graph.RelChaired, graph.RelAttended)
		}
	case "coparticipants":
		var n *graph.Node
		if n, err = e.svc.NodeByName(ctx, graph.LabelPerson, p.Name); err == nil {
			_, err = e.svc.CoParticipants(ctx, []string{n.ID}, 5)
		}
	case "neighbourhood2":
		_, err = e.svc.Neighbourhood(ctx, p.ID, graph.TraversalOptions{Depth: 2, Limit: 100})
	case "path":
		_, err = e.svc.Path(ctx, p.ID, p.To, graph.TraversalOptions{Depth: 6})
	case "search":
		_, err = e.svc.Search(ctx, graph.SearchQuery{Text: p.Search, Limit: 10})
	default:
		err = fmt.Errorf("unknown question %q", q)
	}
	return err
}

func (e *embedded) canList() bool { return true }

// people lists people as (id, name) pairs.
func (e *embedded) people(ctx context.Context, n int) ([][2]string, error) {
	page, err := e.store.FindNodes(ctx, graph.NodeFilter{Labels: []graph.Label{graph.LabelPerson}, Limit: n})
	if err != nil {
		return nil, fmt.Errorf("%s: list people: %w", e.label, err)
	}
	var ps [][2]string
	for _, x := range page.Nodes {
		ps = append(ps, [2]string{x.ID, x.Name})
	}
	return ps, nil
}
