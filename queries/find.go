package queries

import (
	"context"
	"fmt"

	"github.com/kgproject/kg/graph"
)

// Find returns the nodes f selects; it adds nothing to Store.FindNodes but
// context to its errors.
func (s *Service) Find(ctx context.Context, f graph.NodeFilter) (*graph.NodePage, error) {
	page, err := s.store.FindNodes(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("queries: find nodes: %w", err)
	}
	return page, nil
}

// EventFilter selects events. Zero fields select everything; set fields are
// combined with AND.
type EventFilter struct {
	// Name matches an event's name or alias exactly.
	Name  string
	Kinds []graph.EventKind
	// DateFrom and DateTo (YYYY-MM-DD, inclusive) bound the event's date.
	DateFrom, DateTo string
	// Organisation keeps the events the organisation (an ID) took part in or
	// reported at.
	Organisation string
	// Person keeps the events the person (an ID) took part in, in Role when
	// it is set (RoleChair or RoleAttendee).
	Person string
	Role   string
	// After and Limit page the answer as in graph.NodeFilter.
	After string
	Limit int
}

// FindEvents returns the events f selects, ordered by ID. It returns
// ErrInvalid for a malformed filter (bad date, kind or role, or a role
// without a person).
func (s *Service) FindEvents(ctx context.Context, f EventFilter) (*graph.NodePage, error) {
	nf := graph.NodeFilter{Labels: []graph.Label{graph.LabelEvent}, Name: f.Name, Kinds: f.Kinds,
		DateFrom: f.DateFrom, DateTo: f.DateTo, After: f.After, Limit: f.Limit}
	var sets [][]string
	if f.Role != "" && f.Person == "" {
		return nil, fmt.Errorf("queries: %w: an event filter's role needs a person", graph.ErrInvalid)
	}
	if f.Person != "" {
		types, err := RoleTypes(f.Role)
		if err != nil {
			return nil, err
		}
		ids, err := s.related(ctx, f.Person, graph.Outgoing, types...)
		if err != nil {
			return nil, err
		}
		sets = append(sets, ids)
	}
	if f.Organisation != "" {
		ids, err := s.related(ctx, f.Organisation, graph.Outgoing, graph.RelParticipated, graph.RelReportedAt)
		if err != nil {
			return nil, err
		}
		sets = append(sets, ids)
	}
	return s.findAmong(ctx, nf, sets)
}

// PersonFilter selects people. Zero fields select everything; set fields are
// combined with AND.
type PersonFilter struct {
	// Name matches a person's name or alias exactly.
	Name string
	// Organisation keeps the people who hold one of the organisation's
	// posts.
	Organisation string
	// Event keeps the people who took part in the event, in Role when it is
	// set.
	Event string
	Role  string
	// DateFrom and DateTo keep the people who took part (in Role when set)
	// in an event dated within the range.
	DateFrom, DateTo string
	// After and Limit page the answer as in graph.NodeFilter.
	After string
	Limit int
}

// FindPeople returns the people f selects, ordered by ID. It returns
// ErrInvalid for a malformed filter.
func (s *Service) FindPeople(ctx context.Context, f PersonFilter) (*graph.NodePage, error) {
	nf := graph.NodeFilter{Labels: []graph.Label{graph.LabelPerson}, Name: f.Name, After: f.After, Limit: f.Limit}
	types, err := RoleTypes(f.Role)
	if err != nil {
		return nil, err
	}
	var sets [][]string
	if f.Event != "" {
		ids, err := s.related(ctx, f.Event, graph.Incoming, types...)
		if err != nil {
			return nil, err
		}
		sets = append(sets, ids)
	}
	if f.DateFrom != "" || f.DateTo != "" || (f.Role != "" && f.Event == "") {
		events, err := s.store.FindNodes(ctx, graph.NodeFilter{Labels: []graph.Label{graph.LabelEvent}, DateFrom: f.DateFrom, DateTo: f.DateTo})
		if err != nil {
			return nil, fmt.Errorf("queries: events in %s..%s: %w", f.DateFrom, f.DateTo, err)
		}
		ids, err := s.relatedMany(ctx, nodeIDs(events.Nodes), graph.Incoming, types...)
		if err != nil {
			return nil, err
		}
		sets = append(sets, ids)
	}
	if f.Organisation != "" {
		posts, err := s.related(ctx, f.Organisation, graph.Incoming, graph.RelOf)
		if err != nil {
			return nil, err
		}
		ids, err := s.relatedMany(ctx, posts, graph.Incoming, graph.RelHolds)
		if err != nil {
			return nil, err
		}
		sets = append(sets, ids)
	}
	return s.findAmong(ctx, nf, sets)
}

// FindPosts returns the posts named name (all when "") of the organisation
// with ID org (any when ""), paged by after and limit.
func (s *Service) FindPosts(ctx context.Context, name, org, after string, limit int) (*graph.NodePage, error) {
	nf := graph.NodeFilter{Labels: []graph.Label{graph.LabelPost}, Name: name, After: after, Limit: limit}
	var sets [][]string
	if org != "" {
		ids, err := s.related(ctx, org, graph.Incoming, graph.RelOf)
		if err != nil {
			return nil, err
		}
		sets = append(sets, ids)
	}
	return s.findAmong(ctx, nf, sets)
}

// findAmong runs nf restricted to the IDs every one of sets holds.
func (s *Service) findAmong(ctx context.Context, nf graph.NodeFilter, sets [][]string) (*graph.NodePage, error) {
	if len(sets) > 0 {
		ids := sets[0]
		for _, other := range sets[1:] {
			ids = intersect(ids, other)
		}
		if len(ids) == 0 {
			return &graph.NodePage{}, nil
		}
		nf.IDs = ids
	}
	return s.Find(ctx, nf)
}

// related returns the IDs at the other end of id's relations.
func (s *Service) related(ctx context.Context, id string, dir graph.Direction, types ...graph.RelType) ([]string, error) {
	return s.relatedMany(ctx, []string{id}, dir, types...)
}

func (s *Service) relatedMany(ctx context.Context, ids []string, dir graph.Direction, types ...graph.RelType) ([]string, error) {
	ids = distinct(ids)
	if len(ids) == 0 {
		return nil, nil
	}
	rels, err := s.store.Relations(ctx, graph.RelationFilter{NodeIDs: ids, Direction: dir, Types: types})
	if err != nil {
		return nil, fmt.Errorf("queries: relations of %d nodes: %w", len(ids), err)
	}
	var out []string
	for _, r := range rels {
		if dir == graph.Outgoing {
			out = append(out, r.To)
		} else {
			out = append(out, r.From)
		}
	}
	return distinct(out), nil
}

func intersect(a, b []string) []string {
	in := make(map[string]bool, len(b))
	for _, x := range b {
		in[x] = true
	}
	var out []string
	for _, x := range a {
		if in[x] {
			out = append(out, x)
		}
	}
	return out
}

func nodeIDs(nodes []*graph.Node) []string {
	ids := make([]string, len(nodes))
	for i, n := range nodes {
		ids[i] = n.ID
	}
	return ids
}
