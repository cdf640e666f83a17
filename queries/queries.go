// Package queries answers kg's read questions over any graph.Store: lookups,
// the relation fields of each kind of node, co-participation, timelines, the
// people of an organisation, neighbourhoods and paths.
//
// Every method works on many nodes at once and touches the store a bounded
// number of times, whatever the size of the answer, so that a GraphQL
// request resolves each level of its selection with a few store calls
// instead of one per object.
//
// Errors: every method returns the store's errors wrapped with context (so
// graph.ErrUnavailable and cancellation come through), graph.ErrInvalid for
// malformed arguments (dates, roles) and graph.ErrNotFound where its
// comment says so.
package queries

import (
	"context"
	"fmt"
	"sort"

	"github.com/kgproject/kg/graph"
)

// Service answers read questions over a Store. It is safe for concurrent use
// when its Store is.
type Service struct {
	store graph.Store
}

// New returns a Service reading from store.
func New(store graph.Store) *Service {
	return &Service{store: store}
}

// Store returns the store the Service reads.
func (s *Service) Store() graph.Store { return s.store }

// Link is a relation seen from one of its ends: the relation and the node at
// its other end.
type Link struct {
	Relation *graph.Relation
	Node     *graph.Node
}

// Role returns the participant role a CHAIRED or ATTENDED link stands for,
// or the relation's own role for other types.
func (l Link) Role() string {
	switch l.Relation.Type {
	case graph.RelChaired:
		return RoleChair
	case graph.RelAttended:
		return RoleAttendee
	}
	return l.Relation.Role
}

// The roles of a person at an event.
const (
	RoleChair    = "CHAIR"
	RoleAttendee = "ATTENDEE"
)

// RoleTypes returns the relation types that stand for role: CHAIRED for
// RoleChair, ATTENDED for RoleAttendee, both for "". It returns ErrInvalid
// for any other role.
func RoleTypes(role string) ([]graph.RelType, error) {
	switch role {
	case "":
		return []graph.RelType{graph.RelChaired, graph.RelAttended}, nil
	case RoleChair:
		return []graph.RelType{graph.RelChaired}, nil
	case RoleAttendee:
		return []graph.RelType{graph.RelAttended}, nil
	}
	return nil, fmt.Errorf("queries: %w: role %q is not CHAIR or ATTENDEE", graph.ErrInvalid, role)
}

// Links returns, for each of ids, its relations of the given types (all
// types when none are given) followed in direction dir, with the node at the
// other end, ordered by that node (see SortNodes). It makes two store calls
// whatever the number of ids. Relations whose other end is missing are left
// out. With Both, a relation between two of ids is listed at each.
func (s *Service) Links(ctx context.Context, ids []string, dir graph.Direction, types ...graph.RelType) (map[string][]Link, error) {
	out := make(map[string][]Link, len(ids))
	ids = distinct(ids)
	if len(ids) == 0 {
		return out, nil
	}
	if lr, ok := s.store.(graph.LinkReader); ok {
		got, err := lr.Links(ctx, graph.RelationFilter{NodeIDs: ids, Direction: dir, Types: types})
		if err != nil {
			return nil, fmt.Errorf("queries: links of %d nodes: %w", len(ids), err)
		}
		for id, ls := range got {
			out[id] = sortLinks(fromGraphLinks(ls))
		}
		return out, nil
	}
	rels, err := s.store.Relations(ctx, graph.RelationFilter{NodeIDs: ids, Direction: dir, Types: types})
	if err != nil {
		return nil, fmt.Errorf("queries: relations of %d nodes: %w", len(ids), err)
	}
	want := make(map[string]bool, len(ids))
	for _, id := range ids {
		want[id] = true
	}
	type end struct {
		at, other string
		rel       *graph.Relation
	}
	var ends []end
	var others []string
	for _, r := range rels {
		if dir != graph.Incoming && want[r.From] {
			ends = append(ends, end{r.From, r.To, r})
			others = append(others, r.To)
		}
		if dir != graph.Outgoing && want[r.To] && (dir == graph.Incoming || r.From != r.To) {
			ends = append(ends, end{r.To, r.From, r})
			others = append(others, r.From)
		}
	}
	nodes, err := s.nodeMap(ctx, others)
	if err != nil {
		return nil, err
	}
	for _, e := range ends {
		if n := nodes[e.other]; n != nil {
			out[e.at] = append(out[e.at], Link{Relation: e.rel, Node: n})
		}
	}
	for id, ls := range out {
		out[id] = sortLinks(ls)
	}
	return out, nil
}

// sortLinks orders links by their node (see SortNodes), then relation ID.
func sortLinks(ls []Link) []Link {
	sort.SliceStable(ls, func(i, j int) bool {
		if ls[i].Node.ID != ls[j].Node.ID {
			return nodeLess(ls[i].Node, ls[j].Node)
		}
		return ls[i].Relation.ID < ls[j].Relation.ID
	})
	return ls
}

func fromGraphLinks(ls []graph.Link) []Link {
	out := make([]Link, len(ls))
	for i, l := range ls {
		out[i] = Link{Relation: l.Relation, Node: l.Node}
	}
	return out
}

// nodeMap fetches nodes by ID in one store call; missing nodes are absent.
func (s *Service) nodeMap(ctx context.Context, ids []string) (map[string]*graph.Node, error) {
	ids = distinct(ids)
	m := make(map[string]*graph.Node, len(ids))
	if len(ids) == 0 {
		return m, nil
	}
	nodes, err := s.store.Nodes(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("queries: nodes: %w", err)
	}
	for _, n := range nodes {
		if n != nil {
			m[n.ID] = n
		}
	}
	return m, nil
}

// Nodes returns the nodes with the given IDs in one store call, keyed by ID;
// missing IDs are absent from the map.
func (s *Service) Nodes(ctx context.Context, ids []string) (map[string]*graph.Node, error) {
	return s.nodeMap(ctx, ids)
}

// Node returns the node with the given ID and label (any label when label is
// ""). It returns ErrNotFound when there is none.
func (s *Service) Node(ctx context.Context, label graph.Label, id string) (*graph.Node, error) {
	nodes, err := s.store.Nodes(ctx, []string{id})
	if err != nil {
		return nil, fmt.Errorf("queries: node %s: %w", id, err)
	}
	if len(nodes) == 0 || nodes[0] == nil || (label != "" && nodes[0].Label != label) {
		return nil, notFound(label, id)
	}
	return nodes[0], nil
}

// NodeByName returns the node with the given label whose name or one of
// whose aliases is name; when several share it, the one whose ID sorts
// first. Failing an exact match, it takes a node whose name or alias is the
// same once normalised by graph.SearchKey (高新区党工委 finds
// 高新区（示范区）党工委). It returns ErrNotFound when there is none.
func (s *Service) NodeByName(ctx context.Context, label graph.Label, name string) (*graph.Node, error) {
	page, err := s.store.FindNodes(ctx, graph.NodeFilter{Labels: []graph.Label{label}, Name: name, Limit: 1})
	if err != nil {
		return nil, fmt.Errorf("queries: %s named %q: %w", label, name, err)
	}
	if len(page.Nodes) > 0 {
		return page.Nodes[0], nil
	}
	key := graph.SearchKey(name)
	if key == "" {
		return nil, notFound(label, name)
	}
	hits, err := s.store.Search(ctx, graph.SearchQuery{Text: name, Labels: []graph.Label{label}, Limit: 5})
	if err != nil {
		return nil, fmt.Errorf("queries: %s named %q: %w", label, name, err)
	}
	for _, h := range hits {
		for _, n := range append([]string{h.Node.Name}, h.Node.Aliases...) {
			if graph.SearchKey(n) == key {
				return h.Node, nil
			}
		}
	}
	return nil, notFound(label, name)
}

func notFound(label graph.Label, key string) error {
	what := "node"
	if label != "" {
		what = string(label)
	}
	return fmt.Errorf("%w: %s %q", graph.ErrNotFound, what, key)
}

// SortNodes orders nodes by date (dated events first, earliest first), then
// part of day (see EventLess), then by ID; every list of related nodes comes
// in this order.
func SortNodes(nodes []*graph.Node) {
	sort.SliceStable(nodes, func(i, j int) bool { return nodeLess(nodes[i], nodes[j]) })
}

func nodeLess(a, b *graph.Node) bool {
	if a.Date != b.Date || a.PartOfDay != b.PartOfDay {
		return EventLess(a, b)
	}
	return a.ID < b.ID
}

// EventLess reports whether event a comes before event b in time: dated
// before undated, then by date, then by part of day in the order of
// partsOfDay (a day without a part first, an unknown part last, two unknown
// parts by their text). Events equal in time are not less either way.
func EventLess(a, b *graph.Node) bool {
	if a.Date != b.Date {
		if a.Date == "" || b.Date == "" {
			return b.Date == ""
		}
		return a.Date < b.Date
	}
	x, y := partRank(a.PartOfDay), partRank(b.PartOfDay)
	if x != y {
		return x < y
	}
	return x == len(partsOfDay)+1 && a.PartOfDay < b.PartOfDay
}

// partsOfDay are the parts of day ingest stores, in the order of the day.
var partsOfDay = []string{"凌晨", "早上", "上午", "中午", "下午", "傍晚", "晚上"}

// partRank places a part of day: 0 for none, its place in partsOfDay from
// 1, and after them all for any other word.
func partRank(p string) int {
	if p == "" {
		return 0
	}
	for i, q := range partsOfDay {
		if p == q {
			return i + 1
		}
	}
	return len(partsOfDay) + 1
}

func distinct(ids []string) []string {
	seen := make(map[string]bool, len(ids))
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if id != "" && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
