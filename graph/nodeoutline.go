package graph

import "context"

// NodeOutlineReader is implemented by stores that can answer a NodeRead in
// outline, leaving out what the caller says it does not need and what
// costs most to read: the evidence of the links' relations and all but the
// IDs of the co-participations' events. Like the
// other interfaces of pushdown.go it is optional; callers that need the
// whole answer use NodeReader.
type NodeOutlineReader interface {
	// ReadNodeOutline answers r as NodeReader.ReadNode does, reduced as
	// OutlineNodeAnswer reduces it. Its errors are ReadNode's.
	ReadNodeOutline(ctx context.Context, r NodeRead) (*NodeAnswer, error)
}

// OutlineNodeAnswer reduces a in place to its outline: the links' relations
// without Evidence, and each co-participation's events with only their IDs
// (the nodes at the links' other ends and the co-participants stay whole).
// It returns a.
func OutlineNodeAnswer(a *NodeAnswer) *NodeAnswer {
	if a == nil {
		return nil
	}
	for _, ls := range a.Links {
		for i, l := range ls {
			r := *l.Relation
			r.Evidence = nil
			ls[i].Relation = &r
		}
	}
	for _, c := range a.CoParticipants {
		for i, e := range c.Events {
			c.Events[i] = &Node{ID: e.ID}
		}
	}
	return a
}
