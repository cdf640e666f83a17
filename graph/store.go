package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"
)

// Direction says which way relations are followed from a node.
type Direction int

// The directions a RelationFilter or traversal can follow.
const (
	Outgoing Direction = iota // the node is the relation's From
	Incoming                  // the node is the relation's To
	Both
)

// NodeFilter selects nodes. Zero fields select everything; set fields are
// combined with AND, list fields match any of their values. Results are
// ordered by ID.
//
// Throughout this package "ordered by ID" means byte-wise order of the
// UTF-8 strings, as Go's < compares them; a backend whose query language
// collates otherwise sorts in Go.
type NodeFilter struct {
	IDs    []string
	Labels []Label
	// Name matches a node whose Name or one of whose Aliases equals it,
	// exactly (no normalisation).
	Name string
	// DateFrom and DateTo (YYYY-MM-DD, inclusive) keep nodes (events) whose
	// Date lies in the range; a node without a date never matches a date
	// bound. DateFrom after DateTo matches nothing.
	DateFrom, DateTo string
	// Kinds keeps nodes whose Kind is one of them.
	Kinds []EventKind
	// Page keeps the articles whose Page equals it; no other node matches.
	Page string
	// After keeps only nodes whose ID sorts after it (cursor pagination).
	After string
	// Limit caps the number of nodes returned; 0 means no cap, negative is
	// invalid.
	Limit int
}

// NodePage is one page of a FindNodes answer. Total counts every node the
// filter matches, ignoring After and Limit. HasMore reports that nodes
// matching the filter sort after the last one of Nodes (only Limit held
// them back).
type NodePage struct {
	Nodes   []*Node
	Total   int
	HasMore bool
}

// RelationFilter selects the relations at some nodes.
type RelationFilter struct {
	// NodeIDs are the nodes whose relations are wanted; required.
	NodeIDs []string
	// Direction says whether NodeIDs are the relations' From, To or either.
	Direction Direction
	// Types keeps only relations of these types; empty means all.
	Types []RelType
}

// TraversalOptions bound a neighbourhood or path search. Negative Depth or
// Limit and unknown Types are invalid.
type TraversalOptions struct {
	// Depth is the neighbourhood radius (0 means 1), or a path's maximum
	// number of hops (0 means no bound).
	Depth int
	// Types restricts the relations followed; empty means all.
	Types []RelType
	// Limit caps the number of nodes in a neighbourhood, the start node
	// included; 0 means no cap. Nodes nearer the start are kept first, then
	// those with smaller IDs. ShortestPath ignores it.
	Limit int
}

// Subgraph is a set of nodes and the relations among them. For a path, the
// nodes are in order from start to end and Relations[i] joins Nodes[i] and
// Nodes[i+1] (in either direction). For a neighbourhood, the nodes are
// ordered by distance from the start, then by ID (so the start comes
// first), and the relations by ID.
type Subgraph struct {
	Nodes     []*Node
	Relations []*Relation
}

// SearchQuery asks for nodes whose name or aliases resemble Text.
type SearchQuery struct {
	// Text is what to look for; it must have a non-empty SearchKey.
	Text string
	// Labels keeps only nodes with one of these labels; empty means all.
	Labels []Label
	// Limit caps the number of hits; 0 means no cap, negative is invalid.
	Limit int
}

// SearchHit is a node found by Search with its score (higher is better).
type SearchHit struct {
	Node  *Node
	Score float64
}

// Store keeps a graph. Implementations are safe for concurrent use. Every
// method returns ErrUnavailable (wrapped) when the store cannot be reached
// or is closed, and honours ctx's cancellation.
type Store interface {
	// PutArticle stores an article's facts atomically, replacing everything
	// the same article contributed before: after it returns, the graph is as
	// if the article had always had exactly these facts. Storing identical
	// facts again changes nothing. It returns ErrInvalid when f fails
	// Validate, and stores nothing then; it does not modify f.
	//
	// The article contributes one part to each node it lists (the Article
	// node included): a node listed more than once contributes
	// MergeNodes of its listings in the order given. A stored node is
	// MergeNodes of its parts in article-ID order. A stored relation has
	// the union of the evidence its articles give, in SortEvidence order.
	PutArticle(ctx context.Context, f *ArticleFacts) error

	// DeleteArticle retracts an article: its node, and every node, relation
	// and piece of evidence that only it supported. It returns ErrNotFound
	// when no such article is stored.
	DeleteArticle(ctx context.Context, articleID string) error

	// Nodes returns the nodes with the given IDs, in the same order, with
	// nil where no node has that ID. An empty ids gives an empty result.
	Nodes(ctx context.Context, ids []string) ([]*Node, error)

	// FindNodes returns the nodes a filter selects, ordered by ID. It
	// returns ErrInvalid for a malformed filter (bad label, kind or date,
	// negative limit).
	FindNodes(ctx context.Context, f NodeFilter) (*NodePage, error)

	// Relations returns the relations at the filter's nodes, ordered by ID,
	// each once, with all their evidence in canonical order. Unknown node
	// IDs contribute nothing. It returns ErrInvalid when NodeIDs is empty or
	// the direction or a type is unknown.
	Relations(ctx context.Context, f RelationFilter) ([]*Relation, error)

	// Neighbourhood returns the nodes within opts.Depth hops of id
	// (following relations of opts.Types both ways) and the relations among
	// them that were followed. Precisely: let dist(n) be the fewest hops
	// from id to n; the nodes with dist(n) <= Depth are ordered by
	// (dist(n), ID) and the first opts.Limit of them kept; the relations are
	// those of opts.Types whose two ends are both kept and at least one end
	// has dist < Depth (a relation between two nodes at distance Depth was
	// never followed), ordered by ID. It returns ErrNotFound when id does
	// not exist and ErrInvalid for bad options.
	Neighbourhood(ctx context.Context, id string, opts TraversalOptions) (*Subgraph, error)

	// ShortestPath returns a shortest path from one node to another of at
	// most opts.Depth hops (any length when Depth is 0), following relations
	// of opts.Types in either direction; among equally short paths it
	// returns the one whose sequence of node IDs sorts first, compared
	// element by element. Where several relations join two consecutive
	// nodes, the one with the smallest ID is used. A path from a node to
	// itself is that node alone, with no relations. It returns ErrNotFound
	// when either node is missing or no such path exists, and ErrInvalid for
	// bad options.
	ShortestPath(ctx context.Context, from, to string, opts TraversalOptions) (*Subgraph, error)

	// Search returns the nodes that best match q, scored by Score: every
	// node scoring above 0, best first, equal scores by ID, at most q.Limit.
	// It returns ErrInvalid for a text whose SearchKey is empty, an unknown
	// label or a negative limit.
	Search(ctx context.Context, q SearchQuery) ([]SearchHit, error)

	// Dump writes the whole graph in canonical form (see DumpWriter), read
	// as one consistent snapshot: a concurrent PutArticle or DeleteArticle
	// is either wholly in the dump or not at all.
	Dump(ctx context.Context, w io.Writer) error

	// Close releases the store. Calls after Close, to any method including
	// Close, fail with ErrUnavailable.
	Close() error
}

// Counter is implemented by stores that count their nodes and relations
// without reading them, for summaries such as kg ingest's. Callers
// type-assert a Store for it.
type Counter interface {
	// Counts returns how many nodes and relations the store holds, read
	// as one consistent snapshot. It returns ErrUnavailable (wrapped) when
	// the store cannot be reached or is closed.
	Counts(ctx context.Context) (nodes, relations int, err error)
}

// DumpWriter writes a graph in kg's canonical dump form: one JSON object a
// line, first every node ordered by ID, then every relation ordered by ID
// with its evidence sorted. Two stores that hold the same graph produce
// byte-identical dumps.
type DumpWriter struct {
	enc *json.Encoder
}

// NewDumpWriter returns a DumpWriter writing to w.
func NewDumpWriter(w io.Writer) *DumpWriter {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &DumpWriter{enc: enc}
}

// Node writes one node line. Callers write nodes in ID order.
func (d *DumpWriter) Node(n *Node) error {
	return d.enc.Encode(struct {
		Node *Node `json:"node"`
	}{n})
}

// Relation writes one relation line. Callers write relations in ID order,
// after all nodes.
func (d *DumpWriter) Relation(r *Relation) error {
	c := *r
	c.Evidence = SortEvidence(append([]Evidence(nil), r.Evidence...))
	return d.enc.Encode(struct {
		Relation *Relation `json:"relation"`
	}{&c})
}

// Validate checks a filter's labels, kinds, dates and limit. Its errors wrap
// ErrInvalid and name the bad value.
func (f *NodeFilter) Validate() error {
	for _, l := range f.Labels {
		if !l.Valid() {
			return fmt.Errorf("%w: label %q", ErrInvalid, l)
		}
	}
	for _, k := range f.Kinds {
		if !k.Valid() {
			return fmt.Errorf("%w: event kind %q", ErrInvalid, k)
		}
	}
	for _, d := range []string{f.DateFrom, f.DateTo} {
		if d == "" {
			continue
		}
		if _, err := time.Parse(time.DateOnly, d); err != nil {
			return fmt.Errorf("%w: date %q is not YYYY-MM-DD", ErrInvalid, d)
		}
	}
	if f.Limit < 0 {
		return fmt.Errorf("%w: negative limit %d", ErrInvalid, f.Limit)
	}
	return nil
}
