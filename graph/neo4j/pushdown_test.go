package neo4j_test

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"sort"
	"testing"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/graph/graphtest"
	"github.com/kgproject/kg/queries"
)

// plain hides the store's optional read interfaces, so that queries
// answers with the Store methods alone.
type plain struct{ graph.Store }

// TestPushdown checks that the optional read interfaces (graph.LinkReader,
// graph.CoParticipantReader, graph.NodeReader, graph.OutlineReader) answer
// exactly what the Store methods answer (through package queries for the
// first three), on the seed graph.
func TestPushdown(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	for _, f := range graphtest.SeedFacts() {
		if err := st.PutArticle(ctx, &f); err != nil {
			t.Fatal(err)
		}
	}
	if _, ok := st.(graph.NodeReader); !ok {
		t.Fatal("the store does not implement graph.NodeReader")
	}
	fast, slow := queries.New(st), queries.New(plain{st})
	page, err := st.FindNodes(ctx, graph.NodeFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var ids, people []string
	for _, n := range page.Nodes {
		ids = append(ids, n.ID)
		if n.Label == graph.LabelPerson {
			people = append(people, n.ID)
		}
	}
	if len(people) == 0 {
		t.Fatal("no people in the seed graph")
	}
	filters := []graph.RelationFilter{
		{Direction: graph.Outgoing},
		{Direction: graph.Incoming},
		{Direction: graph.Both},
		{Direction: graph.Outgoing, Types: []graph.RelType{graph.RelChaired, graph.RelAttended}},
		{Direction: graph.Incoming, Types: []graph.RelType{graph.RelMentions}},
		{Direction: graph.Both, Types: []graph.RelType{graph.RelHolds, graph.RelOf}},
	}
	same := func(what string, got, want any, gotErr, wantErr error) {
		t.Helper()
		if (gotErr == nil) != (wantErr == nil) || (gotErr != nil && !sameSentinel(gotErr, wantErr)) {
			t.Errorf("%s: error %v, want %v", what, gotErr, wantErr)
			return
		}
		if !reflect.DeepEqual(got, want) {
			g, _ := json.Marshal(got)
			w, _ := json.Marshal(want)
			t.Errorf("%s:\n got %.2000s\nwant %.2000s", what, g, w)
		}
	}
	for _, f := range filters {
		got, gerr := fast.Links(ctx, ids, f.Direction, f.Types...)
		want, werr := slow.Links(ctx, ids, f.Direction, f.Types...)
		same("Links", got, want, gerr, werr)
	}
	got, gerr := fast.CoParticipants(ctx, people, 0)
	want, werr := slow.CoParticipants(ctx, people, 0)
	same("CoParticipants", got, want, gerr, werr)
	got3, gerr := fast.CoParticipants(ctx, people, 3)
	want3, werr := slow.CoParticipants(ctx, people, 3)
	same("CoParticipants first 3", got3, want3, gerr, werr)

	var reqs []queries.NodeRequest
	aliases := 0
	for _, n := range page.Nodes {
		reqs = append(reqs,
			queries.NodeRequest{ID: n.ID, Links: filters, CoParticipants: n.Label == graph.LabelPerson},
			queries.NodeRequest{Label: n.Label, Name: n.Name, Links: filters[3:], CoParticipants: true},
			queries.NodeRequest{Label: graph.LabelProject, ID: n.ID, Links: filters[:1]},
		)
		for _, a := range n.Aliases {
			aliases++
			// The store itself finds a node by alias (queries would
			// otherwise look again by name and hide a miss).
			ans, err := st.(graph.NodeReader).ReadNode(ctx, graph.NodeRead{Label: n.Label, Name: a})
			if err != nil || ans.Node == nil || (ans.Node.Name != a && !slices.Contains(ans.Node.Aliases, a)) {
				t.Errorf("ReadNode by alias %q of %s: %+v, %v", a, n.ID, ans, err)
			}
			reqs = append(reqs,
				queries.NodeRequest{Label: n.Label, Name: a, Links: filters[3:], CoParticipants: true},
				queries.NodeRequest{Label: n.Label, Name: a, Links: filters[:1]},
			)
		}
	}
	if aliases == 0 {
		t.Fatal("no aliases in the seed graph: the lookups by alias go untested")
	}
	reqs = append(reqs,
		queries.NodeRequest{Label: graph.LabelPerson, Name: "没有这个人"},
		queries.NodeRequest{ID: "person/没有这个人", Links: filters},
		queries.NodeRequest{Label: graph.LabelPerson},
		queries.NodeRequest{Label: "Nonsense", ID: people[0]},
		queries.NodeRequest{ID: people[0], Links: []graph.RelationFilter{{Direction: graph.Direction(7)}}},
		queries.NodeRequest{ID: people[0], Links: []graph.RelationFilter{{Types: []graph.RelType{"NONSENSE"}}}},
	)
	for _, r := range reqs {
		got, gerr := fast.ReadNode(ctx, r)
		want, werr := slow.ReadNode(ctx, r)
		same("ReadNode "+r.ID+r.Name, got, want, gerr, werr)
	}

	nor, ok := st.(graph.NodeOutlineReader)
	if !ok {
		t.Fatal("the store does not implement graph.NodeOutlineReader")
	}
	for _, r := range reqs {
		nr := graph.NodeRead{Label: r.Label, ID: r.ID, Name: r.Name, Links: r.Links, CoParticipants: r.CoParticipants}
		got, gerr := nor.ReadNodeOutline(ctx, nr)
		want, werr := st.(graph.NodeReader).ReadNode(ctx, nr)
		same("ReadNodeOutline "+r.ID+r.Name, canonical(got), canonical(graph.OutlineNodeAnswer(want)), gerr, werr)
	}

	or, ok := st.(graph.OutlineReader)
	if !ok {
		t.Fatal("the store does not implement graph.OutlineReader")
	}
	outline := func(g *graph.Subgraph, err error) (*graph.Subgraph, error) { return graph.Outline(g), err }
	for i, n := range page.Nodes {
		for _, opts := range []graph.TraversalOptions{{Depth: 1}, {Depth: 2, Limit: 7}, {Depth: 3, Types: []graph.RelType{graph.RelHolds, graph.RelOf}}} {
			got, gerr := or.NeighbourhoodOutline(ctx, n.ID, opts)
			want, werr := outline(st.Neighbourhood(ctx, n.ID, opts))
			same("NeighbourhoodOutline "+n.ID, got, want, gerr, werr)
		}
		to := page.Nodes[(i*7+3)%len(page.Nodes)].ID
		for _, opts := range []graph.TraversalOptions{{}, {Depth: 2}, {Types: []graph.RelType{graph.RelChaired, graph.RelAttended}}} {
			got, gerr := or.ShortestPathOutline(ctx, n.ID, to, opts)
			want, werr := outline(st.ShortestPath(ctx, n.ID, to, opts))
			same("ShortestPathOutline "+n.ID+" "+to, got, want, gerr, werr)
		}
	}
}

// canonical orders the lists of a, which a store answers in no particular
// order.
func canonical(a *graph.NodeAnswer) *graph.NodeAnswer {
	if a == nil {
		return nil
	}
	for _, ls := range a.Links {
		sort.Slice(ls, func(i, j int) bool { return ls[i].Relation.ID < ls[j].Relation.ID })
	}
	sort.Slice(a.CoParticipants, func(i, j int) bool { return a.CoParticipants[i].Person.ID < a.CoParticipants[j].Person.ID })
	for _, c := range a.CoParticipants {
		sort.Slice(c.Events, func(i, j int) bool { return c.Events[i].ID < c.Events[j].ID })
	}
	return a
}

func sameSentinel(a, b error) bool {
	for _, s := range []error{graph.ErrNotFound, graph.ErrInvalid, graph.ErrUnavailable} {
		if errors.Is(a, s) != errors.Is(b, s) {
			return false
		}
	}
	return true
}
