package gqlexec_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/graphql-go/graphql"

	"github.com/kgproject/kg/schema/internal/gqlexec"
)

// toySchema is a tree of nodes: each has a name and children, a list of
// at most first (default 10) nodes.
func toySchema(t *testing.T) graphql.Schema {
	t.Helper()
	node := graphql.NewObject(graphql.ObjectConfig{Name: "Node", Fields: graphql.Fields{
		"name": &graphql.Field{Type: graphql.String, Resolve: func(graphql.ResolveParams) (any, error) { return "n", nil }},
	}})
	node.AddFieldConfig("children", &graphql.Field{
		Type: graphql.NewList(node),
		Args: graphql.FieldConfigArgument{"first": {Type: graphql.Int, DefaultValue: 10}},
		Resolve: func(p graphql.ResolveParams) (any, error) {
			return make([]struct{}, p.Args["first"].(int)), nil
		},
	})
	s, err := graphql.NewSchema(graphql.SchemaConfig{Query: graphql.NewObject(graphql.ObjectConfig{Name: "Query", Fields: graphql.Fields{
		"root": &graphql.Field{Type: node, Resolve: func(graphql.ResolveParams) (any, error) { return struct{}{}, nil }},
	}})})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestCheckLimits checks each limit and each malformed document on its own,
// with the code of its refusal.
func TestCheckLimits(t *testing.T) {
	s := toySchema(t)
	l := gqlexec.Limits{MaxDepth: 4, MaxFields: 8, MaxCost: 150, MaxFirst: 20}
	for _, tt := range []struct {
		name, query string
		code        string // "" when the query passes
		msg         string
	}{
		{"within", `{ root { children { children { name } } } }`, "", ""},
		{"deep", `{ root { children { children { children { name } } } } }`, gqlexec.CodeLimit, "deep"},
		{"wide", `{ root { a: name b: name c: name d: name e: name f: name g: name h: name } }`, gqlexec.CodeLimit, "fields"},
		{"first", `{ root { children(first: 21) { name } } }`, gqlexec.CodeLimit, "maximum of 20"},
		{"negative", `{ root { children(first: -1) { name } } }`, gqlexec.CodeBadInput, "negative"},
		{"defaults multiply", `{ root { children { children { name } } b: children { children { name } } } }`, gqlexec.CodeLimit, "more than 150 objects"},
		{"cost", `{ root { children(first: 20) { children(first: 20) { name } } } }`, gqlexec.CodeLimit, "more than 150 objects"},
		{"fragment cycle", `{ root { ...A } } fragment A on Node { children { ...B } } fragment B on Node { children { ...A } }`, gqlexec.CodeRequest, "A → B → A"},
		{"untyped variable", `query($a:) { root { name } }`, gqlexec.CodeRequest, "$a has no type"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := gqlexec.Parse(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			op, err := gqlexec.Operation(doc, "")
			if err != nil {
				t.Fatal(err)
			}
			err = gqlexec.CheckLimits(&s, l, doc, op, nil)
			var ge *gqlexec.Error
			switch {
			case tt.code == "" && err != nil:
				t.Fatalf("CheckLimits = %v, want nil", err)
			case tt.code == "":
			case !errors.As(err, &ge):
				t.Fatalf("CheckLimits = %v, want an *Error %s", err, tt.code)
			case ge.Code != tt.code || !strings.Contains(ge.Message, tt.msg):
				t.Errorf("CheckLimits = %s %q, want %s containing %q", ge.Code, ge.Message, tt.code, tt.msg)
			}
		})
	}
}

// TestBudgetStopsExecution checks that an execution under a budget stops
// at the first list past it with the budget's one error, and that one
// whose context has ended stops too.
func TestBudgetStopsExecution(t *testing.T) {
	s := toySchema(t)
	gqlexec.GuardResolvers(s)
	run := func(ctx context.Context, maxObjects int, query string) (*graphql.Result, error) {
		ctx, b := gqlexec.WithBudget(ctx, maxObjects, 1<<20)
		res := graphql.Do(graphql.Params{Schema: s, RequestString: query, Context: gqlexec.Detach(ctx)})
		return res, b.Stopped()
	}
	if res, err := run(context.Background(), 100, `{ root { children(first: 5) { children(first: 5) { name } } } }`); err != nil || len(res.Errors) > 0 {
		t.Fatalf("30 objects within 100: %v %v", err, res.Errors)
	}
	_, err := run(context.Background(), 20, `{ root { children(first: 5) { children(first: 5) { name } } } }`)
	var ge *gqlexec.Error
	if !errors.As(err, &ge) || ge.Code != gqlexec.CodeLimit {
		t.Errorf("30 objects within 20: Stopped = %v, want a limit", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := run(ctx, 100, `{ root { name } }`); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: Stopped = %v, want context.Canceled", err)
	}
}

// TestWriteOrdered checks that the keys of the result come in the order of
// the query, aliases and fragments included, whatever graphql-go's maps
// hold.
func TestWriteOrdered(t *testing.T) {
	doc, err := gqlexec.Parse(`{ z: root { ...F name } a: root { name } } fragment F on Node { children { name } }`)
	if err != nil {
		t.Fatal(err)
	}
	op, err := gqlexec.Operation(doc, "")
	if err != nil {
		t.Fatal(err)
	}
	data := map[string]any{
		"a": map[string]any{"name": "甲"},
		"z": map[string]any{"name": "<乙>", "children": []any{map[string]any{"name": "丙"}}},
	}
	var buf bytes.Buffer
	if err := gqlexec.WriteOrdered(&buf, data, doc, op); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.String(), `{"z":{"children":[{"name":"丙"}],"name":"<乙>"},"a":{"name":"甲"}}`; got != want {
		t.Errorf("WriteOrdered = %s, want %s", got, want)
	}
}

// TestDocCache checks that the cache gives back what it was given and
// keeps no text too long.
func TestDocCache(t *testing.T) {
	var c gqlexec.DocCache
	doc, err := gqlexec.Parse(`{ root { name } }`)
	if err != nil {
		t.Fatal(err)
	}
	c.Put("q", doc)
	if c.Get("q") != doc || c.Get("other") != nil {
		t.Errorf("Get after Put: %p, %p; want %p, nil", c.Get("q"), c.Get("other"), doc)
	}
	long := strings.Repeat(" ", 1<<20) + "{ root { name } }"
	c.Put(long, doc)
	if c.Get(long) != nil {
		t.Errorf("a 1 MiB text was kept")
	}
}
