package queries_test

import (
	"context"
	"errors"
	"reflect"
	"sync/atomic"
	"testing"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/queries"
)

// pushdown is a store with the optional read interfaces, answering them
// with a Service over the plain store and counting the calls.
type pushdown struct {
	*countingStore
	plain  *queries.Service
	pushed atomic.Int64
}

func (p *pushdown) Links(ctx context.Context, f graph.RelationFilter) (map[string][]graph.Link, error) {
	p.pushed.Add(1)
	m, err := p.plain.Links(ctx, f.NodeIDs, f.Direction, f.Types...)
	out := map[string][]graph.Link{}
	for id, ls := range m {
		for i := len(ls) - 1; i >= 0; i-- { // in no particular order
			out[id] = append(out[id], graph.Link{Relation: ls[i].Relation, Node: ls[i].Node})
		}
	}
	return out, err
}

func (p *pushdown) CoParticipants(ctx context.Context, ids []string) (map[string][]graph.CoParticipation, error) {
	p.pushed.Add(1)
	m, err := p.plain.CoParticipants(ctx, ids, 0)
	out := map[string][]graph.CoParticipation{}
	for id, cs := range m {
		for _, c := range cs {
			out[id] = append(out[id], graph.CoParticipation{Person: c.Person, Events: c.Events})
		}
	}
	return out, err
}

func (p *pushdown) ReadNode(ctx context.Context, r graph.NodeRead) (*graph.NodeAnswer, error) {
	p.pushed.Add(1)
	res, err := p.plain.ReadNode(ctx, queries.NodeRequest{Label: r.Label, ID: r.ID, Name: r.Name, Links: r.Links, CoParticipants: r.CoParticipants})
	if errors.Is(err, graph.ErrNotFound) {
		return &graph.NodeAnswer{}, nil
	}
	if err != nil {
		return nil, err
	}
	a := &graph.NodeAnswer{Node: res.Node}
	for _, ls := range res.Links {
		var gl []graph.Link
		for _, l := range ls {
			gl = append(gl, graph.Link{Relation: l.Relation, Node: l.Node})
		}
		a.Links = append(a.Links, gl)
	}
	for _, c := range res.CoParticipants {
		a.CoParticipants = append(a.CoParticipants, graph.CoParticipation{Person: c.Person, Events: c.Events})
	}
	return a, nil
}

// TestReadNode checks ReadNode against the calls it stands for, on a plain
// store and through a store's pushdown interfaces, which it must use.
func TestReadNode(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	plain := queries.New(st)
	pd := &pushdown{countingStore: st, plain: plain}
	pushed := queries.New(pd)
	roles := graph.RelationFilter{Direction: graph.Outgoing, Types: []graph.RelType{graph.RelChaired, graph.RelAttended}}
	holds := graph.RelationFilter{Direction: graph.Outgoing, Types: []graph.RelType{graph.RelHolds}}
	all := graph.RelationFilter{Direction: graph.Both}

	res, err := plain.ReadNode(ctx, queries.NodeRequest{Label: graph.LabelPerson, Name: "王五", Links: []graph.RelationFilter{roles, holds, all}, CoParticipants: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Node.ID != wang {
		t.Fatalf("ReadNode(王五) found %s", res.Node.ID)
	}
	for i, f := range []graph.RelationFilter{roles, holds, all} {
		want, err := plain.Links(ctx, []string{wang}, f.Direction, f.Types...)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(res.Links[i], want[wang]) {
			t.Errorf("links %d = %+v, want %+v", i, res.Links[i], want[wang])
		}
	}
	co, err := plain.CoParticipants(ctx, []string{wang}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(res.CoParticipants, co[wang]) || len(co[wang]) != 1 {
		t.Errorf("co-participants = %+v, want %+v", res.CoParticipants, co[wang])
	}

	reqs := []queries.NodeRequest{
		{Label: graph.LabelPerson, Name: "王五", Links: []graph.RelationFilter{roles, holds, all}, CoParticipants: true},
		{ID: zhao, Links: []graph.RelationFilter{roles}},
		{ID: meeting, Links: []graph.RelationFilter{{Direction: graph.Incoming}}},
		{Label: graph.LabelEvent, ID: zhao},
		{Label: graph.LabelPerson, Name: "无名氏"},
		{},
		{Label: "Nonsense", ID: zhao},
		{ID: zhao, Links: []graph.RelationFilter{{Direction: graph.Direction(9)}}},
		{ID: zhao, Links: []graph.RelationFilter{{Types: []graph.RelType{"NONSENSE"}}}},
	}
	for _, r := range reqs {
		want, werr := plain.ReadNode(ctx, r)
		before := pd.pushed.Load()
		got, gerr := pushed.ReadNode(ctx, r)
		for _, s := range []error{graph.ErrNotFound, graph.ErrInvalid} {
			if errors.Is(gerr, s) != errors.Is(werr, s) {
				t.Errorf("ReadNode(%+v): error %v, want %v", r, gerr, werr)
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("ReadNode(%+v) through pushdown = %+v, want %+v", r, got, want)
		}
		if werr == nil && pd.pushed.Load() != before+1 {
			t.Errorf("ReadNode(%+v) made %d pushdown calls, want 1", r, pd.pushed.Load()-before)
		}
	}
	for _, dir := range []graph.Direction{graph.Outgoing, graph.Incoming, graph.Both} {
		ids := []string{wang, zhao, meeting, zhang}
		want, _ := plain.Links(ctx, ids, dir)
		got, err := pushed.Links(ctx, ids, dir)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("Links(%d) through pushdown = %+v, %v; want %+v", dir, got, err, want)
		}
	}
	want, _ := plain.CoParticipants(ctx, []string{wang, zhao, zhang}, 1)
	got, err := pushed.CoParticipants(ctx, []string{wang, zhao, zhang}, 1)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("CoParticipants through pushdown = %+v, %v; want %+v", got, err, want)
	}
}
