package schema_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/queries"
	"github.com/kgproject/kg/schema"
)

// prefetchOnly answers ReadNode (graph.NodeReader) through the store it
// wraps without counting, and counts every other read: once a root field
// has read its node, a field whose links that read prefetched costs no
// counted call.
type prefetchOnly struct {
	*countingStore
}

func (s prefetchOnly) ReadNode(ctx context.Context, r graph.NodeRead) (*graph.NodeAnswer, error) {
	return (&outliner{Store: s.countingStore.Store}).ReadNode(ctx, r)
}

// rootFields are the root fields that read one node by ID, by label.
var rootFields = map[graph.Label]string{
	graph.LabelPerson: "person", graph.LabelOrganisation: "organisation", graph.LabelProject: "project",
	graph.LabelPost: "post", graph.LabelEvent: "event", graph.LabelArticle: "article",
}

// readsElsewhere are the fields of node types that read the store through
// batches of their own, not through relationFields: their relations are
// arguments (links), or they read holdings, timelines or co-participants.
var readsElsewhere = []string{"links", "posts", "holders", "people", "timeline", "coParticipants"}

// TestRelationFieldsArePrefetched checks relationFields, the one table of
// the relations node fields follow, from both sides: every field of the
// table exists, answers something on a node that has such links, and,
// under a root field, costs no store call past the root's read (so the
// resolver reads what the prefetch read); and every other field of a node
// type that reads the store after that read is one of readsElsewhere (so
// no resolver follows relations the table does not declare).
func TestRelationFieldsArePrefetched(t *testing.T) {
	st := mustOpenSeed(t)
	counted := &countingStore{Store: st}
	s := mustSchema(t, prefetchOnly{counted}, local)
	svc := queries.New(st)
	ctx := context.Background()

	// withLinks returns the ID of a node of label that has links of one of
	// kinds, or "".
	withLinks := func(label graph.Label, kinds []graph.RelationFilter) string {
		page, err := st.FindNodes(ctx, graph.NodeFilter{Labels: []graph.Label{label}})
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range page.Nodes {
			for _, k := range kinds {
				ls, err := svc.Links(ctx, []string{n.ID}, k.Direction, k.Types...)
				if err != nil {
					t.Fatal(err)
				}
				if len(ls[n.ID]) > 0 {
					return n.ID
				}
			}
		}
		return ""
	}
	// ask runs { x: root(id) { field } } and returns the field's answer and
	// the store calls made past the root's read.
	ask := func(t *testing.T, root, id string, f schema.TypeField) (json.RawMessage, int64) {
		t.Helper()
		sel := f.Name
		if !f.Leaf {
			sel += " { __typename }"
		}
		counted.calls.Store(0)
		r := do(t, s, fmt.Sprintf(`query($id: ID!) { x: %s(id: $id) { %s } }`, root, sel), map[string]any{"id": id})
		var got struct{ X map[string]json.RawMessage }
		decode(t, r, &got)
		return got.X[f.Name], counted.calls.Load()
	}

	table := map[graph.Label]map[string]bool{}
	for _, rf := range schema.RelationFields() {
		if table[rf.Label] == nil {
			table[rf.Label] = map[string]bool{}
		}
		table[rf.Label][rf.Field] = true
		t.Run(string(rf.Label)+"."+rf.Field, func(t *testing.T) {
			fields := s.Fields(string(rf.Label))
			i := slices.IndexFunc(fields, func(f schema.TypeField) bool { return f.Name == rf.Field })
			if i < 0 {
				t.Fatalf("relationFields has %s.%s, which the schema lacks", rf.Label, rf.Field)
			}
			root, ok := rootFields[rf.Label]
			if !ok {
				return // no root field reads one: nothing prefetches its fields
			}
			id := withLinks(rf.Label, rf.Links)
			if id == "" {
				t.Fatalf("the seed graph has no %s with links %+v to check with", rf.Label, rf.Links)
			}
			got, calls := ask(t, root, id, fields[i])
			if calls != 0 {
				t.Errorf("%s(id: %q) { %s } made %d store calls past its read: the resolver follows other relations than the prefetch", root, id, rf.Field, calls)
			}
			switch string(got) {
			case "", "null", "[]", "0":
				t.Errorf("%s(id: %q) { %s } = %s, want the links %+v", root, id, rf.Field, got, rf.Links)
			}
		})
	}

	for label, root := range rootFields {
		id := withLinks(label, []graph.RelationFilter{{Direction: graph.Both}})
		for _, f := range s.Fields(string(label)) {
			if f.NeedsArgs || table[label][f.Name] || slices.Contains(readsElsewhere, f.Name) {
				continue
			}
			if _, calls := ask(t, root, id, f); calls != 0 {
				t.Errorf("%s.%s made %d store calls past its node's read: a field that follows relations belongs in relationFields", label, f.Name, calls)
			}
		}
	}
}
