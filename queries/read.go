package queries

import (
	"context"
	"fmt"

	"github.com/kgproject/kg/graph"
)

// NodeRequest asks for one node and what hangs from it: lists of links and
// co-participants. A GraphQL request for a node and some of its relation
// fields is one NodeRequest.
type NodeRequest struct {
	// Label restricts the node to a label; empty means any.
	Label graph.Label
	// ID selects the node by ID; otherwise Name selects it as NodeByName
	// does.
	ID, Name string
	// Links asks for the node's links of each filter (NodeIDs ignored), as
	// Links answers them.
	Links []graph.RelationFilter
	// CoParticipants asks for all the node's co-participants, as
	// CoParticipants answers them.
	CoParticipants bool
	// Outline says the caller reads neither the evidence of the links'
	// relations nor the co-participants' events, only how many they are: a
	// store that can leave them out (graph.NodeOutlineReader) answers in
	// outline, others whole.
	Outline bool
}

// NodeResult answers a NodeRequest.
type NodeResult struct {
	Node *graph.Node
	// Links holds a list for each of NodeRequest.Links, in the same order
	// and ordered as Links orders them.
	Links [][]Link
	// CoParticipants, when asked for, are all of them, ranked as
	// CoParticipants ranks them.
	CoParticipants []CoParticipant
}

// ReadNode answers r: in one store call when the store implements
// graph.NodeReader (or, for r.Outline, graph.NodeOutlineReader), else with
// Node or NodeByName, Links and CoParticipants.
// It returns ErrNotFound when no node matches (or the node found by ID has
// another label) and ErrInvalid when r has neither ID nor name or a bad
// label, type or direction.
func (s *Service) ReadNode(ctx context.Context, r NodeRequest) (*NodeResult, error) {
	if err := r.check(); err != nil {
		return nil, fmt.Errorf("queries: read node: %w", err)
	}
	if nr, ok := s.store.(graph.NodeReader); ok {
		read := nr.ReadNode
		if or, ok := s.store.(graph.NodeOutlineReader); ok && r.Outline {
			read = or.ReadNodeOutline
		}
		a, err := read(ctx, graph.NodeRead{Label: r.Label, ID: r.ID, Name: r.Name, Links: r.Links, CoParticipants: r.CoParticipants})
		if err != nil {
			return nil, fmt.Errorf("queries: read node %s: %w", r.ID+r.Name, err)
		}
		if a.Node != nil {
			res := &NodeResult{Node: a.Node}
			for _, ls := range a.Links {
				res.Links = append(res.Links, sortLinks(fromGraphLinks(ls)))
			}
			if r.CoParticipants {
				res.CoParticipants = rankCoParticipants(fromGraphCo(a.CoParticipants), 0)
			}
			return res, nil
		}
		if r.ID != "" {
			return nil, notFound(r.Label, r.ID)
		}
		// A name may still match once normalised: the generic way below.
	}
	var n *graph.Node
	var err error
	if r.ID != "" {
		n, err = s.Node(ctx, r.Label, r.ID)
	} else {
		n, err = s.NodeByName(ctx, r.Label, r.Name)
	}
	if err != nil {
		return nil, err
	}
	res := &NodeResult{Node: n}
	for _, f := range r.Links {
		m, err := s.Links(ctx, []string{n.ID}, f.Direction, f.Types...)
		if err != nil {
			return nil, err
		}
		ls := m[n.ID]
		if ls == nil {
			ls = []Link{}
		}
		res.Links = append(res.Links, ls)
	}
	if r.CoParticipants {
		m, err := s.CoParticipants(ctx, []string{n.ID}, 0)
		if err != nil {
			return nil, err
		}
		res.CoParticipants = m[n.ID]
	}
	return res, nil
}

func (r *NodeRequest) check() error {
	if r.ID == "" && r.Name == "" {
		return fmt.Errorf("%w: neither ID nor name", graph.ErrInvalid)
	}
	if r.Label != "" && !r.Label.Valid() {
		return fmt.Errorf("%w: label %q", graph.ErrInvalid, r.Label)
	}
	for _, f := range r.Links {
		if f.Direction != graph.Outgoing && f.Direction != graph.Incoming && f.Direction != graph.Both {
			return fmt.Errorf("%w: direction %d", graph.ErrInvalid, f.Direction)
		}
		for _, t := range f.Types {
			if !t.Valid() {
				return fmt.Errorf("%w: relation type %q", graph.ErrInvalid, t)
			}
		}
	}
	return nil
}
