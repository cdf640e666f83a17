package queries

import (
	"context"
	"fmt"
	"slices"
	"sort"

	"github.com/kgproject/kg/graph"
)

// The questions of an explorer at scale: a busy node's links grouped by
// type and ranked, the busiest nodes, the latest events, the pairs of
// people who meet most, and the subgraph around the events of a period.

// LinkGroup is the links of a node of one relation type, followed one way,
// ranked (see RankLinks).
type LinkGroup struct {
	Type graph.RelType
	// Direction is Outgoing when the node is each relation's From.
	Direction graph.Direction
	Links     []Link
}

// ExpandOptions select the links Expand groups. Zero fields select
// everything.
type ExpandOptions struct {
	// Types keeps only relations of these types.
	Types []graph.RelType
	// Exclude drops relations of these types (MENTIONS, for a view that
	// should show facts before the articles naming a node).
	Exclude []graph.RelType
	// DateFrom and DateTo (YYYY-MM-DD, inclusive) drop links to dated nodes
	// (events) outside the range; links to undated nodes stay.
	DateFrom, DateTo string
}

// Expand returns the links of node id grouped by relation type and
// direction, in the order of graph.RelTypes (outgoing before incoming), each
// group ranked by RankLinks. A node without links gives no groups. It makes
// two store calls (one with a LinkReader), and returns ErrNotFound when id
// does not exist, ErrInvalid for a malformed date or an unknown type.
func (s *Service) Expand(ctx context.Context, id string, opts ExpandOptions) ([]LinkGroup, error) {
	if err := checkDates(opts.DateFrom, opts.DateTo); err != nil {
		return nil, err
	}
	for _, t := range append(append([]graph.RelType(nil), opts.Types...), opts.Exclude...) {
		if !t.Valid() {
			return nil, fmt.Errorf("queries: %w: relation type %q", graph.ErrInvalid, t)
		}
	}
	types := opts.Types
	if len(types) == 0 {
		types = graph.RelTypes
	}
	var keep []graph.RelType
	for _, t := range types {
		if !slices.Contains(opts.Exclude, t) {
			keep = append(keep, t)
		}
	}
	if len(keep) == 0 {
		if _, err := s.Node(ctx, "", id); err != nil {
			return nil, err
		}
		return []LinkGroup{}, nil
	}
	links, err := s.Links(ctx, []string{id}, graph.Both, keep...)
	if err != nil {
		return nil, err
	}
	if len(links[id]) == 0 {
		if _, err := s.Node(ctx, "", id); err != nil {
			return nil, err
		}
	}
	type key struct {
		t   graph.RelType
		dir graph.Direction
	}
	groups := map[key]*LinkGroup{}
	for _, l := range links[id] {
		if l.Node.Date != "" && !inRange(l.Node.Date, opts.DateFrom, opts.DateTo) {
			continue
		}
		k := key{l.Relation.Type, graph.Incoming}
		if l.Relation.From == id {
			k.dir = graph.Outgoing
		}
		g := groups[k]
		if g == nil {
			g = &LinkGroup{Type: k.t, Direction: k.dir}
			groups[k] = g
		}
		g.Links = append(g.Links, l)
	}
	out := make([]LinkGroup, 0, len(groups))
	for _, t := range graph.RelTypes {
		for _, dir := range []graph.Direction{graph.Outgoing, graph.Incoming} {
			if g := groups[key{t, dir}]; g != nil {
				RankLinks(g.Links)
				out = append(out, *g)
			}
		}
	}
	return out, nil
}

// RankLinks orders links most supported first: by the number of articles
// that support the relation, then the number of its evidence sentences,
// then the other node's date (latest first, see EventLess), then that
// node's ID and the relation's ID.
func RankLinks(ls []Link) {
	sort.SliceStable(ls, func(i, j int) bool {
		a, b := ls[i], ls[j]
		if x, y := len(a.Relation.Articles()), len(b.Relation.Articles()); x != y {
			return x > y
		}
		if x, y := len(a.Relation.Evidence), len(b.Relation.Evidence); x != y {
			return x > y
		}
		if a.Node.ID != b.Node.ID {
			if a.Node.Date != b.Node.Date || a.Node.PartOfDay != b.Node.PartOfDay {
				return EventLess(b.Node, a.Node)
			}
			return a.Node.ID < b.Node.ID
		}
		return a.Relation.ID < b.Relation.ID
	})
}

// Ranked is a node and the count it was ranked by.
type Ranked struct {
	Node  *graph.Node
	Count int
}

// Busiest returns the people (label Person) or organisations (label
// Organisation) that took part in the most events dated in [from, to]
// (inclusive; open bounds as in Timeline), most events first, then by ID,
// at most first of them (all when first <= 0). A person takes part by
// chairing or attending, an organisation by taking part or reporting. It
// makes two or three store calls, and returns ErrInvalid for another label
// or a malformed date.
func (s *Service) Busiest(ctx context.Context, label graph.Label, from, to string, first int) ([]Ranked, error) {
	types, err := participationTypes(label)
	if err != nil {
		return nil, err
	}
	_, parts, err := s.eventParticipants(ctx, from, to, types)
	if err != nil {
		return nil, err
	}
	counts := map[string]*Ranked{}
	for _, ls := range parts {
		seen := map[string]bool{}
		for _, l := range ls {
			if seen[l.Node.ID] {
				continue
			}
			seen[l.Node.ID] = true
			r := counts[l.Node.ID]
			if r == nil {
				r = &Ranked{Node: l.Node}
				counts[l.Node.ID] = r
			}
			r.Count++
		}
	}
	out := make([]Ranked, 0, len(counts))
	for _, r := range counts {
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Node.ID < out[j].Node.ID
	})
	if first > 0 && len(out) > first {
		out = out[:first]
	}
	return out, nil
}

func participationTypes(label graph.Label) ([]graph.RelType, error) {
	switch label {
	case graph.LabelPerson:
		return []graph.RelType{graph.RelChaired, graph.RelAttended}, nil
	case graph.LabelOrganisation:
		return []graph.RelType{graph.RelParticipated, graph.RelReportedAt}, nil
	}
	return nil, fmt.Errorf("queries: %w: only people and organisations take part in events, not %q", graph.ErrInvalid, label)
}

// eventParticipants returns the events dated in [from, to] and, for each
// that has any, its links of types from the nodes that take part.
func (s *Service) eventParticipants(ctx context.Context, from, to string, types []graph.RelType) ([]*graph.Node, map[string][]Link, error) {
	if err := checkDates(from, to); err != nil {
		return nil, nil, err
	}
	page, err := s.FindEvents(ctx, EventFilter{DateFrom: from, DateTo: to})
	if err != nil {
		return nil, nil, err
	}
	ids := make([]string, len(page.Nodes))
	for i, e := range page.Nodes {
		ids[i] = e.ID
	}
	parts, err := s.Links(ctx, ids, graph.Incoming, types...)
	if err != nil {
		return nil, nil, err
	}
	return page.Nodes, parts, nil
}

// LatestEvents returns the events dated in [from, to] (inclusive; an empty
// bound is open), latest first (see EventLess), at most first of them (all
// when first <= 0). Undated events are left out. It makes one store call
// and returns ErrInvalid for a malformed date.
func (s *Service) LatestEvents(ctx context.Context, from, to string, first int) ([]*graph.Node, error) {
	if err := checkDates(from, to); err != nil {
		return nil, err
	}
	if from == "" {
		from = "0000-01-01" // a date bound keeps dated events only
	}
	page, err := s.FindEvents(ctx, EventFilter{DateFrom: from, DateTo: to})
	if err != nil {
		return nil, err
	}
	events := page.Nodes
	sort.SliceStable(events, func(i, j int) bool { return EventLess(events[j], events[i]) })
	if first > 0 && len(events) > first {
		events = events[:first]
	}
	return events, nil
}

// CoOccurrence is a pair of people and the events both chaired or
// attended, by date.
type CoOccurrence struct {
	// A and B are the two people, A's ID sorting first.
	A, B   *graph.Node
	Events []*graph.Node
}

// CoOccurrences returns the pairs of people who chaired or attended the
// same events dated in [from, to] (inclusive; open bounds as in Timeline),
// most shared events first, then by the two IDs, at most first pairs (all
// when first <= 0). It makes two store calls whatever the size of the
// graph, and returns ErrInvalid for a malformed date.
func (s *Service) CoOccurrences(ctx context.Context, from, to string, first int) ([]CoOccurrence, error) {
	events, parts, err := s.eventParticipants(ctx, from, to, []graph.RelType{graph.RelChaired, graph.RelAttended})
	if err != nil {
		return nil, err
	}
	pairs := map[[2]string]*CoOccurrence{}
	for _, ev := range events {
		var people []*graph.Node
		seen := map[string]bool{}
		for _, l := range parts[ev.ID] {
			if !seen[l.Node.ID] {
				seen[l.Node.ID] = true
				people = append(people, l.Node)
			}
		}
		sort.Slice(people, func(i, j int) bool { return people[i].ID < people[j].ID })
		for i, a := range people {
			for _, b := range people[i+1:] {
				k := [2]string{a.ID, b.ID}
				c := pairs[k]
				if c == nil {
					c = &CoOccurrence{A: a, B: b}
					pairs[k] = c
				}
				c.Events = append(c.Events, ev)
			}
		}
	}
	out := make([]CoOccurrence, 0, len(pairs))
	for _, c := range pairs {
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool {
		if len(out[i].Events) != len(out[j].Events) {
			return len(out[i].Events) > len(out[j].Events)
		}
		if out[i].A.ID != out[j].A.ID {
			return out[i].A.ID < out[j].A.ID
		}
		return out[i].B.ID < out[j].B.ID
	})
	if first > 0 && len(out) > first {
		out = out[:first]
	}
	for _, c := range out {
		SortNodes(c.Events)
	}
	return out, nil
}

// SubgraphFilter selects the subgraph around the events of a period.
type SubgraphFilter struct {
	// Labels are the kinds of node drawn beside the events (Person,
	// Organisation, Post, Project, Article); events are always drawn. Empty
	// means people and organisations.
	Labels []graph.Label
	// DateFrom and DateTo (YYYY-MM-DD, inclusive) bound the events' dates;
	// without either, every event, dated or not.
	DateFrom, DateTo string
	// Organisation keeps the events the organisation (an ID) took part in or
	// reported at.
	Organisation string
	// MaxNodes caps the number of nodes: past it, the nodes with the most
	// relations in the subgraph are kept (then by ID). 0 means no cap.
	MaxNodes int
}

// EventSubgraph returns the events f selects, the nodes of f.Labels related
// to them, and the nodes of f.Labels up to two relations out from those (a
// person's HOLDS of a post, then the post's OF its organisation), with the
// relations among them all other than MENTIONS. Nodes are ordered by ID,
// relations by ID. total is the number of nodes before MaxNodes cut. It
// makes a bounded number of store calls (at most seven) whatever the size
// of the answer, and returns ErrInvalid for a malformed filter.
func (s *Service) EventSubgraph(ctx context.Context, f SubgraphFilter) (g *graph.Subgraph, total int, err error) {
	if err := checkDates(f.DateFrom, f.DateTo); err != nil {
		return nil, 0, err
	}
	labels := f.Labels
	if len(labels) == 0 {
		labels = []graph.Label{graph.LabelPerson, graph.LabelOrganisation}
	}
	for _, l := range labels {
		if !l.Valid() {
			return nil, 0, fmt.Errorf("queries: %w: label %q", graph.ErrInvalid, l)
		}
	}
	if f.MaxNodes < 0 {
		return nil, 0, fmt.Errorf("queries: %w: negative node cap %d", graph.ErrInvalid, f.MaxNodes)
	}
	page, err := s.FindEvents(ctx, EventFilter{DateFrom: f.DateFrom, DateTo: f.DateTo, Organisation: f.Organisation})
	if err != nil {
		return nil, 0, err
	}
	nodes := map[string]*graph.Node{}
	var eventIDs []string
	for _, e := range page.Nodes {
		nodes[e.ID] = e
		eventIDs = append(eventIDs, e.ID)
	}
	// Follow only the types that can reach a wanted label: reading
	// relations is what costs (each comes with its evidence).
	var eventTypes, outTypes []graph.RelType
	for _, t := range graph.RelTypes {
		ends := graph.Endpoints[t]
		if t == graph.RelMentions {
			continue
		}
		if slices.Contains(ends.To, graph.LabelEvent) && anyOf(ends.From, labels) || slices.Contains(ends.From, graph.LabelEvent) && anyOf(ends.To, labels) {
			eventTypes = append(eventTypes, t)
		}
		if !slices.Contains(ends.From, graph.LabelEvent) && !slices.Contains(ends.To, graph.LabelEvent) && anyOf(ends.To, labels) {
			outTypes = append(outTypes, t)
		}
	}
	rels := map[string]*graph.Relation{}
	links, err := s.Links(ctx, eventIDs, graph.Both, eventTypes...)
	if err != nil {
		return nil, 0, err
	}
	var frontier []string
	for _, ls := range links {
		for _, l := range ls {
			if l.Node.Label != graph.LabelEvent && !slices.Contains(labels, l.Node.Label) {
				continue
			}
			if nodes[l.Node.ID] == nil {
				nodes[l.Node.ID] = l.Node
				if l.Node.Label != graph.LabelEvent {
					frontier = append(frontier, l.Node.ID)
				}
			}
			rels[l.Relation.ID] = l.Relation
		}
	}
	// Two steps out from the events' people, organisations …: a person's
	// HOLDS of a post, then the post's OF its organisation.
	for step := 0; step < 2 && len(frontier) > 0 && len(outTypes) > 0; step++ {
		more, err := s.Links(ctx, frontier, graph.Outgoing, outTypes...)
		if err != nil {
			return nil, 0, err
		}
		frontier = nil
		for _, ls := range more {
			for _, l := range ls {
				n := l.Node
				if nodes[n.ID] == nil {
					if n.Label == graph.LabelEvent || !slices.Contains(labels, n.Label) {
						continue
					}
					nodes[n.ID] = n
					frontier = append(frontier, n.ID)
				}
				rels[l.Relation.ID] = l.Relation
			}
		}
	}
	total = len(nodes)
	if f.MaxNodes > 0 && len(nodes) > f.MaxNodes {
		degree := map[string]int{}
		for _, r := range rels {
			degree[r.From]++
			degree[r.To]++
		}
		ids := make([]string, 0, len(nodes))
		for id := range nodes {
			ids = append(ids, id)
		}
		sort.Slice(ids, func(i, j int) bool {
			if degree[ids[i]] != degree[ids[j]] {
				return degree[ids[i]] > degree[ids[j]]
			}
			return ids[i] < ids[j]
		})
		for _, id := range ids[f.MaxNodes:] {
			delete(nodes, id)
		}
	}
	g = &graph.Subgraph{}
	for _, n := range nodes {
		g.Nodes = append(g.Nodes, n)
	}
	sort.Slice(g.Nodes, func(i, j int) bool { return g.Nodes[i].ID < g.Nodes[j].ID })
	for _, r := range rels {
		if nodes[r.From] != nil && nodes[r.To] != nil {
			g.Relations = append(g.Relations, r)
		}
	}
	sort.Slice(g.Relations, func(i, j int) bool { return g.Relations[i].ID < g.Relations[j].ID })
	return g, total, nil
}

// anyOf reports whether one of xs is one of ys.
func anyOf[T comparable](xs, ys []T) bool {
	return slices.ContainsFunc(xs, func(x T) bool { return slices.Contains(ys, x) })
}

// maxRankedHits bounds the hits BestHits ranks: a short text can match
// thousands of names.
const maxRankedHits = 200

// BestHits returns q's search hits as an explorer opens them: by score,
// then, among equal scores, the node with the most relations other than
// MENTIONS first (then by ID), so that of many people of one name the
// busiest comes first; at most q.Limit of them (all the ranked ones when
// 0). It ranks the first maxRankedHits hits of Search, in two or three
// store calls, and returns Search's errors.
func (s *Service) BestHits(ctx context.Context, q graph.SearchQuery) ([]graph.SearchHit, error) {
	limit := q.Limit
	q.Limit = maxRankedHits
	hits, err := s.Search(ctx, q)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.Node.ID
	}
	var types []graph.RelType
	for _, t := range graph.RelTypes {
		if t != graph.RelMentions {
			types = append(types, t)
		}
	}
	links, err := s.Links(ctx, ids, graph.Both, types...)
	if err != nil {
		return nil, err
	}
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		if a, b := len(links[hits[i].Node.ID]), len(links[hits[j].Node.ID]); a != b {
			return a > b
		}
		return hits[i].Node.ID < hits[j].Node.ID
	})
	if limit > 0 && len(hits) > limit {
		hits = hits[:limit]
	}
	return hits, nil
}
