package graph

import "context"

// The interfaces of this file are optional: a store whose every call is a
// network round trip (Neo4j) implements them to answer a whole analyst
// question in one call where the Store methods would need several.
// Callers (package queries) type-assert a Store for them and fall back to
// the Store methods; an implementation answers exactly what that fallback
// would.

// Link is a relation seen from one of its ends, with the node at its other
// end.
type Link struct {
	Relation *Relation
	Node     *Node
}

// LinkReader is implemented by stores that read relations together with
// the nodes at their other ends in one call.
type LinkReader interface {
	// Links returns, for each node of f.NodeIDs, the relations that
	// Relations(f) gives at it, each with the node at its other end. With
	// Both, a relation between two of the IDs is listed at each of them and
	// a relation from a node to itself once. A relation whose other end is
	// missing is left out. Each list is in no particular order; IDs without
	// relations are absent. Its errors are those of Relations.
	Links(ctx context.Context, f RelationFilter) (map[string][]Link, error)
}

// CoParticipation is a node that chaired or attended events another node
// chaired or attended, with those shared events.
type CoParticipation struct {
	Person *Node
	Events []*Node
}

// CoParticipantReader is implemented by stores that find co-participants
// in one call.
type CoParticipantReader interface {
	// CoParticipants returns, for each of ids, the other nodes with a
	// CHAIRED or ATTENDED relation to an event the node has a CHAIRED or
	// ATTENDED relation to, each once with those events (each once), in no
	// particular order. IDs without co-participants are absent. It returns
	// ErrUnavailable when the store cannot be reached.
	CoParticipants(ctx context.Context, ids []string) (map[string][]CoParticipation, error)
}

// NodeRead asks for one node and what hangs from it.
type NodeRead struct {
	// Label restricts the node to a label; empty means any.
	Label Label
	// ID selects the node by ID; otherwise Name selects, as
	// NodeFilter.Name does, the node whose name or one of whose aliases is
	// Name (the one whose ID sorts first when several are).
	ID, Name string
	// Links asks for the node's links as LinkReader.Links answers them,
	// one list per filter (whose NodeIDs are ignored).
	Links []RelationFilter
	// CoParticipants asks for the node's co-participants as
	// CoParticipantReader answers them.
	CoParticipants bool
}

// NodeAnswer answers a NodeRead.
type NodeAnswer struct {
	// Node is the node read; nil when none matches, and then the other
	// fields are empty.
	Node *Node
	// Links holds a list for each of NodeRead.Links, in the same order.
	Links [][]Link
	// CoParticipants is set when NodeRead asked for them.
	CoParticipants []CoParticipation
}

// NodeReader is implemented by stores that read a node and what hangs from
// it in one call, as one consistent snapshot.
type NodeReader interface {
	// ReadNode answers r. It returns ErrInvalid when r gives neither an ID
	// nor a name or has a bad label, type or direction, and ErrUnavailable
	// when the store cannot be reached.
	ReadNode(ctx context.Context, r NodeRead) (*NodeAnswer, error)
}

// OutlineReader is implemented by stores that can answer traversals in
// outline, leaving out what a drawing of the subgraph does not need (and
// what costs most to move: article texts, evidence sentences).
type OutlineReader interface {
	// NeighbourhoodOutline answers as Neighbourhood, but each node carries
	// only its ID, Label and Name, and each relation no Evidence.
	NeighbourhoodOutline(ctx context.Context, id string, opts TraversalOptions) (*Subgraph, error)
	// ShortestPathOutline answers as ShortestPath, in outline as
	// NeighbourhoodOutline.
	ShortestPathOutline(ctx context.Context, from, to string, opts TraversalOptions) (*Subgraph, error)
}

// Outline reduces g in place to its outline: nodes with only ID, Label and
// Name, relations without Evidence. It returns g.
func Outline(g *Subgraph) *Subgraph {
	if g == nil {
		return nil
	}
	for i, n := range g.Nodes {
		g.Nodes[i] = &Node{ID: n.ID, Label: n.Label, Name: n.Name}
	}
	for i, r := range g.Relations {
		g.Relations[i] = &Relation{ID: r.ID, Type: r.Type, From: r.From, To: r.To, Role: r.Role}
	}
	return g
}
