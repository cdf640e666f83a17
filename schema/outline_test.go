package schema_test

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/queries"
	"github.com/kgproject/kg/schema"
)

// outliner gives a store graph.NodeReader and graph.NodeOutlineReader,
// answered through queries on the store's own methods, and counts the
// outline reads.
type outliner struct {
	graph.Store
	outlines atomic.Int64
}

func (o *outliner) ReadNode(ctx context.Context, r graph.NodeRead) (*graph.NodeAnswer, error) {
	res, err := queries.New(o.Store).ReadNode(ctx, queries.NodeRequest{Label: r.Label, ID: r.ID, Name: r.Name, Links: r.Links, CoParticipants: r.CoParticipants})
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

func (o *outliner) ReadNodeOutline(ctx context.Context, r graph.NodeRead) (*graph.NodeAnswer, error) {
	o.outlines.Add(1)
	a, err := o.ReadNode(ctx, r)
	return graph.OutlineNodeAnswer(a), err
}

// TestOutlineReads checks that a request reads nodes in outline exactly
// when nothing it selects needs more, and answers as with whole reads.
func TestOutlineReads(t *testing.T) {
	st := mustOpenSeed(t)
	whole := mustSchema(t, st, nil)
	o := &outliner{Store: st}
	fast := mustSchema(t, o, nil)
	for _, c := range []struct {
		name, query string
		outline     bool
	}{
		{"events", `{ person(name: "宫卫红") { name events { role event { name date } } } }`, true},
		{"co-participants", `{ person(name: "吕沛") { coParticipants(first: 5) { person { name } count } } }`, true},
		{"co-participants' event IDs", `{ person(name: "吕沛") { coParticipants { count events { id } } } }`, false},
		{"evidence", `{ person(name: "宫卫红") { events { role evidence { sentence } event { name } } } }`, false},
		{"support", `{ person(name: "宫卫红") { events { supportCount event { name } } } }`, false},
		{"evidence in a fragment", `{ person(name: "宫卫红") { events { ...R } } } fragment R on Participation { evidence { sentence } }`, false},
		{"evidence elsewhere", `{ person(name: "宫卫红") { name events { role } } event: person(name: "吕沛") { events { evidence { sentence } } } }`, false},
		{"co-participants' event kinds", `{ person(name: "吕沛") { coParticipants { events { name kind } } } }`, false},
		{"co-participants' events in a fragment", `{ person(name: "吕沛") { coParticipants { ...C } } } fragment C on CoParticipant { events { text: name kind } }`, false},
		{"nested co-participants", `{ person(name: "吕沛") { coParticipants { person { coParticipants { events { kind } } } } } }`, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			before := o.outlines.Load()
			req := &schema.Request{Query: c.query}
			got, want := fast.Do(context.Background(), req), whole.Do(context.Background(), req)
			if len(got.Errors) > 0 || len(want.Errors) > 0 {
				t.Fatalf("errors: %v / %v", got.Errors, want.Errors)
			}
			if string(got.Data) != string(want.Data) {
				t.Errorf("answer with outline reads:\n%s\nwith whole reads:\n%s", got.Data, want.Data)
			}
			if used := o.outlines.Load() > before; used != c.outline {
				t.Errorf("outline read used: %v, want %v", used, c.outline)
			}
		})
	}
}
