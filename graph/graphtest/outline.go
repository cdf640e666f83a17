package graphtest

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/kgproject/kg/graph"
)

// testOutline checks a graph.OutlineReader against the store's own full
// answers reduced with graph.Outline, on the seed graph: every node's
// neighbourhood at depth 1, people's at depth 2 with a limit and with a
// type filter, paths among people, and the errors.
func (s suite) testOutline(t *testing.T) {
	st := s.seeded(t)
	or, ok := st.(graph.OutlineReader)
	if !ok {
		t.Skipf("%T does not implement graph.OutlineReader", st)
	}
	v := newModel(SeedFacts()...).view()
	optss := []graph.TraversalOptions{
		{Depth: 1}, {Depth: 2, Limit: 7}, {Depth: 2, Types: []graph.RelType{graph.RelAttended, graph.RelChaired}},
	}
	var people []string
	for _, n := range v.order {
		runs := optss[:1]
		if n.Label == graph.LabelPerson {
			people = append(people, n.ID)
			runs = optss
		}
		for _, opts := range runs {
			full, err := st.Neighbourhood(ctx, n.ID, opts)
			if err != nil {
				t.Fatalf("Neighbourhood(%s, %+v): %v", n.ID, opts, err)
			}
			got, err := or.NeighbourhoodOutline(ctx, n.ID, opts)
			if err != nil {
				t.Errorf("NeighbourhoodOutline(%s, %+v): %v", n.ID, opts, err)
				continue
			}
			if want := graph.Outline(full); !same(got, want) {
				t.Errorf("NeighbourhoodOutline(%s, %+v) = %s\nwant %s", n.ID, opts, clip(string(jsonOf(got))), clip(string(jsonOf(want))))
			}
		}
	}
	if len(people) > 6 {
		people = people[:6]
	}
	for _, a := range people {
		for _, b := range people {
			full, ferr := st.ShortestPath(ctx, a, b, graph.TraversalOptions{Depth: 4})
			got, err := or.ShortestPathOutline(ctx, a, b, graph.TraversalOptions{Depth: 4})
			switch {
			case ferr != nil:
				if !errors.Is(err, graph.ErrNotFound) || !errors.Is(ferr, graph.ErrNotFound) {
					t.Errorf("ShortestPathOutline(%s, %s) error = %v, ShortestPath's %v", a, b, err, ferr)
				}
			case err != nil:
				t.Errorf("ShortestPathOutline(%s, %s): %v", a, b, err)
			case !same(got, graph.Outline(full)):
				t.Errorf("ShortestPathOutline(%s, %s) = %s\nwant %s", a, b, clip(string(jsonOf(got))), clip(string(jsonOf(graph.Outline(full)))))
			}
		}
	}
	if _, err := or.NeighbourhoodOutline(ctx, "person/nobody", graph.TraversalOptions{Depth: 1}); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("NeighbourhoodOutline of a missing node: error = %v, want ErrNotFound", err)
	}
	if _, err := or.ShortestPathOutline(ctx, idLvPei, "person/nobody", graph.TraversalOptions{}); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("ShortestPathOutline to a missing node: error = %v, want ErrNotFound", err)
	}
	if _, err := or.NeighbourhoodOutline(ctx, idLvPei, graph.TraversalOptions{Depth: -1}); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("NeighbourhoodOutline with a negative depth: error = %v, want ErrInvalid", err)
	}
}

func jsonOf(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}
