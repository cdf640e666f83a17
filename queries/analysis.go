package queries

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/kgproject/kg/graph"
)

// CoParticipant is a person who took part in events with another, and those
// shared events ordered by date.
type CoParticipant struct {
	Person *graph.Node
	Events []*graph.Node
}

// CoParticipants returns, for each person in ids, the other people who
// chaired or attended the same events, most shared events first (then by
// ID), at most first of them (all when first <= 0). It makes three store
// calls whatever the number of people.
func (s *Service) CoParticipants(ctx context.Context, ids []string, first int) (map[string][]CoParticipant, error) {
	out := make(map[string][]CoParticipant, len(ids))
	ids = distinct(ids)
	if len(ids) == 0 {
		return out, nil
	}
	if cr, ok := s.store.(graph.CoParticipantReader); ok {
		got, err := cr.CoParticipants(ctx, ids)
		if err != nil {
			return nil, fmt.Errorf("queries: co-participants of %d nodes: %w", len(ids), err)
		}
		for _, id := range ids {
			out[id] = rankCoParticipants(fromGraphCo(got[id]), first)
		}
		return out, nil
	}
	roles := []graph.RelType{graph.RelChaired, graph.RelAttended}
	own, err := s.Links(ctx, ids, graph.Outgoing, roles...)
	if err != nil {
		return nil, err
	}
	var events []string
	eventNode := map[string]*graph.Node{}
	for _, ls := range own {
		for _, l := range ls {
			events = append(events, l.Node.ID)
			eventNode[l.Node.ID] = l.Node
		}
	}
	parts, err := s.Links(ctx, events, graph.Incoming, roles...)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		shared := map[string]*CoParticipant{}
		seen := map[[2]string]bool{}
		for _, l := range own[id] {
			ev := l.Node.ID
			for _, p := range parts[ev] {
				if p.Node.ID == id || seen[[2]string{p.Node.ID, ev}] {
					continue
				}
				seen[[2]string{p.Node.ID, ev}] = true
				c := shared[p.Node.ID]
				if c == nil {
					c = &CoParticipant{Person: p.Node}
					shared[p.Node.ID] = c
				}
				c.Events = append(c.Events, eventNode[ev])
			}
		}
		list := make([]CoParticipant, 0, len(shared))
		for _, c := range shared {
			list = append(list, *c)
		}
		out[id] = rankCoParticipants(list, first)
	}
	return out, nil
}

// rankCoParticipants orders each one's events by date and the list by
// shared events (most first), then ID, keeping the first (all when first <=
// 0).
func rankCoParticipants(list []CoParticipant, first int) []CoParticipant {
	for _, c := range list {
		SortNodes(c.Events)
	}
	sort.Slice(list, func(i, j int) bool {
		if len(list[i].Events) != len(list[j].Events) {
			return len(list[i].Events) > len(list[j].Events)
		}
		return list[i].Person.ID < list[j].Person.ID
	})
	if first > 0 && len(list) > first {
		list = list[:first]
	}
	return list
}

func fromGraphCo(cs []graph.CoParticipation) []CoParticipant {
	out := make([]CoParticipant, len(cs))
	for i, c := range cs {
		out[i] = CoParticipant{Person: c.Person, Events: c.Events}
	}
	return out
}

// Timeline returns, for each person in ids, the events the person chaired or
// attended whose date lies in [from, to] (YYYY-MM-DD, inclusive; an empty
// bound is open; undated events only when both are empty), ordered by date.
// Each Link's Role tells the part the person played. It makes two store
// calls whatever the number of people.
func (s *Service) Timeline(ctx context.Context, ids []string, from, to string) (map[string][]Link, error) {
	if err := checkDates(from, to); err != nil {
		return nil, err
	}
	links, err := s.Links(ctx, ids, graph.Outgoing, graph.RelChaired, graph.RelAttended)
	if err != nil {
		return nil, err
	}
	for id, ls := range links {
		kept := ls[:0]
		for _, l := range ls {
			if inRange(l.Node.Date, from, to) {
				kept = append(kept, l)
			}
		}
		links[id] = kept
	}
	return links, nil
}

func inRange(date, from, to string) bool {
	if from == "" && to == "" {
		return true
	}
	return date != "" && (from == "" || date >= from) && (to == "" || date <= to)
}

func checkDates(dates ...string) error {
	for _, d := range dates {
		if d == "" {
			continue
		}
		if len(d) != 10 || d[4] != '-' || d[7] != '-' {
			return fmt.Errorf("queries: %w: date %q is not YYYY-MM-DD", graph.ErrInvalid, d)
		}
	}
	return nil
}

// Neighbourhood returns the nodes within opts.Depth hops of id and the
// relations followed. It returns ErrNotFound when id does not exist and
// ErrInvalid for a depth below 1 or a negative limit.
func (s *Service) Neighbourhood(ctx context.Context, id string, opts graph.TraversalOptions) (*graph.Subgraph, error) {
	return s.neighbourhood(ctx, id, opts, false)
}

// NeighbourhoodOutline is Neighbourhood for callers that need only the
// outline's fields (see graph.Outline): a store that is a
// graph.OutlineReader answers in outline, others in full.
func (s *Service) NeighbourhoodOutline(ctx context.Context, id string, opts graph.TraversalOptions) (*graph.Subgraph, error) {
	return s.neighbourhood(ctx, id, opts, true)
}

func (s *Service) neighbourhood(ctx context.Context, id string, opts graph.TraversalOptions, outline bool) (*graph.Subgraph, error) {
	if opts.Depth < 1 || opts.Limit < 0 {
		return nil, fmt.Errorf("queries: %w: a neighbourhood needs a depth of at least 1 and a limit not negative", graph.ErrInvalid)
	}
	var g *graph.Subgraph
	var err error
	if or, ok := s.store.(graph.OutlineReader); ok && outline {
		g, err = or.NeighbourhoodOutline(ctx, id, opts)
	} else {
		g, err = s.store.Neighbourhood(ctx, id, opts)
	}
	if err != nil {
		return nil, fmt.Errorf("queries: neighbourhood of %s: %w", id, err)
	}
	return g, nil
}

// Path returns a shortest path of at most opts.Depth hops between two nodes,
// or nil when there is none. It returns ErrNotFound when either node does
// not exist and ErrInvalid for a depth below 1.
func (s *Service) Path(ctx context.Context, from, to string, opts graph.TraversalOptions) (*graph.Subgraph, error) {
	return s.path(ctx, from, to, opts, false)
}

// PathOutline is Path for callers that need only the outline's fields, as
// NeighbourhoodOutline.
func (s *Service) PathOutline(ctx context.Context, from, to string, opts graph.TraversalOptions) (*graph.Subgraph, error) {
	return s.path(ctx, from, to, opts, true)
}

func (s *Service) path(ctx context.Context, from, to string, opts graph.TraversalOptions, outline bool) (*graph.Subgraph, error) {
	if opts.Depth < 1 {
		return nil, fmt.Errorf("queries: %w: a path needs at least one hop", graph.ErrInvalid)
	}
	var g *graph.Subgraph
	var err error
	if or, ok := s.store.(graph.OutlineReader); ok && outline {
		g, err = or.ShortestPathOutline(ctx, from, to, opts)
	} else {
		g, err = s.store.ShortestPath(ctx, from, to, opts)
	}
	if err == nil {
		return g, nil
	}
	if !errors.Is(err, graph.ErrNotFound) {
		return nil, fmt.Errorf("queries: path %s to %s: %w", from, to, err)
	}
	ends, err := s.nodeMap(ctx, []string{from, to})
	if err != nil {
		return nil, err
	}
	for _, id := range []string{from, to} {
		if ends[id] == nil {
			return nil, notFound("", id)
		}
	}
	return nil, nil
}

// Search returns the nodes whose names best match q, best first.
func (s *Service) Search(ctx context.Context, q graph.SearchQuery) ([]graph.SearchHit, error) {
	hits, err := s.store.Search(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("queries: search %q: %w", q.Text, err)
	}
	return hits, nil
}
