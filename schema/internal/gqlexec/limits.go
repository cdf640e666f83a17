package gqlexec

import (
	"encoding/json"
	"strconv"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"
)

// measure is what a walker found of an operation so far.
type measure struct {
	depth, fields, cost int
}

// Limits bounds the operations CheckLimits lets through.
type Limits struct {
	// MaxDepth is the deepest nesting of fields.
	MaxDepth int
	// MaxFields is how many fields an operation may select, counting
	// aliases and fragments where they are used.
	MaxFields int
	// MaxCost is how many objects an operation may return at most, list
	// sizes multiplied.
	MaxCost int
	// MaxFirst is the largest first or limit argument.
	MaxFirst int
	// DefaultLimit is what a limit argument without a default in the
	// schema counts for when a query does not give it: the default its
	// resolver applies.
	DefaultLimit int
}

// CheckLimits refuses an operation deeper than MaxDepth, selecting more than
// MaxFields fields (aliases included), costing more than MaxCost, or asking
// for more than MaxFirst items of a list. It runs before validation, whose
// field-merging rule is quadratic in the number of aliases, and stops at the
// first limit passed, so hostile queries are refused quickly. The cost of a
// selection is the number of objects it may return: every list multiplies
// the cost of what it contains by its first or limit argument, or by that
// argument's default when the query gives none. A bound, not an estimate,
// when every list field has a first or limit argument: lists never return
// more than their first.
//
// It returns an *Error: CodeRequest for a document graphql-go's validation
// cannot be trusted with (see malformed), CodeLimit for a limit passed,
// CodeBadInput for a negative first or limit.
func CheckLimits(s *graphql.Schema, l Limits, doc *ast.Document, op *ast.OperationDefinition, vars map[string]any) error {
	// Depth and size first, so that a deep query hears about its depth
	// rather than about the cost its depth causes.
	if err := malformed(doc); err != nil {
		return err
	}
	frags := fragments(doc)
	for _, cost := range []bool{false, true} {
		w := &walker{s: s, l: l, vars: vars, frags: frags, spreading: map[string]bool{}, cost: cost}
		var root graphql.Type = s.QueryType()
		if op.Operation == ast.OperationTypeMutation {
			root = s.MutationType()
		}
		if err := w.selections(op.SelectionSet, root, 1, 1); err != nil {
			return err
		}
	}
	return nil
}

type walker struct {
	s         *graphql.Schema
	l         Limits
	vars      map[string]any
	frags     map[string]*ast.FragmentDefinition
	spreading map[string]bool
	cost      bool // whether to check the cost
	m         measure
}

func limitError(format string, args ...any) error {
	return refuse(CodeLimit, format, args...)
}

func (w *walker) selections(set *ast.SelectionSet, parent graphql.Type, depth, mult int) error {
	if set == nil {
		return nil
	}
	for _, sel := range set.Selections {
		switch sel := sel.(type) {
		case *ast.Field:
			if err := w.field(sel, parent, depth, mult); err != nil {
				return err
			}
		case *ast.InlineFragment:
			t := parent
			if sel.TypeCondition != nil && sel.TypeCondition.Name != nil {
				t = w.s.Type(sel.TypeCondition.Name.Value)
			}
			if err := w.selections(sel.SelectionSet, t, depth, mult); err != nil {
				return err
			}
		case *ast.FragmentSpread:
			if sel.Name == nil {
				continue
			}
			name := sel.Name.Value
			f := w.frags[name]
			if f == nil || w.spreading[name] {
				continue // unknown or cyclic: validation reports it
			}
			w.spreading[name] = true
			t := parent
			if f.TypeCondition != nil && f.TypeCondition.Name != nil {
				t = w.s.Type(f.TypeCondition.Name.Value)
			}
			err := w.selections(f.SelectionSet, t, depth, mult)
			w.spreading[name] = false
			if err != nil {
				return err
			}
		}
	}
	return nil
}

func (w *walker) field(f *ast.Field, parent graphql.Type, depth, mult int) error {
	opts := &w.l
	w.m.fields++
	if w.m.fields > opts.MaxFields {
		return limitError("query selects more than %d fields (aliases and fragments included)", opts.MaxFields)
	}
	if depth > w.m.depth {
		w.m.depth = depth
	}
	if depth > opts.MaxDepth {
		return limitError("query is nested more than %d fields deep", opts.MaxDepth)
	}
	name := ""
	if f.Name != nil {
		name = f.Name.Value
	}
	var t graphql.Type
	def := fieldDef(parent, name)
	if def != nil {
		t, _ = Unwrap(def.Type)
	}
	counted := false // whether a first or limit argument sized the list
	for _, arg := range f.Arguments {
		if arg.Name == nil || (arg.Name.Value != "first" && arg.Name.Value != "limit") {
			continue
		}
		n, ok := w.intValue(arg.Value)
		if !ok {
			continue
		}
		if n > opts.MaxFirst {
			return limitError("%s: %d is more than the maximum of %d", arg.Name.Value, n, opts.MaxFirst)
		}
		if n < 0 {
			return refuse(CodeBadInput, "%s: %d is negative", arg.Name.Value, n)
		}
		if n > 1 {
			mult *= n
		}
		counted = true
	}
	if f.SelectionSet == nil {
		return nil
	}
	if !counted && def != nil {
		if n := defaultPage(def, opts.DefaultLimit); n > 1 {
			mult *= n
		}
	}
	w.m.cost += mult
	if w.cost && w.m.cost > opts.MaxCost {
		return limitError("query may return more than %d objects (list sizes multiply): ask for fewer items or fewer nested lists", opts.MaxCost)
	}
	return w.selections(f.SelectionSet, t, depth+1, mult)
}

// defaultPage is the default of a field's first or limit argument: how
// many items it returns when the query does not say, limit for a limit
// argument without a default; 0 without one.
func defaultPage(def *graphql.FieldDefinition, limit int) int {
	for _, a := range def.Args {
		if a.Name() == "first" || a.Name() == "limit" {
			if n, ok := a.DefaultValue.(int); ok {
				return n
			}
			if a.Name() == "limit" {
				return limit // a limit's default may be the resolver's
			}
		}
	}
	return 0
}

// fieldDef finds a field of an object or interface type, introspection
// fields included.
func fieldDef(parent graphql.Type, name string) *graphql.FieldDefinition {
	switch name {
	case "__schema":
		return graphql.SchemaMetaFieldDef
	case "__type":
		return graphql.TypeMetaFieldDef
	case "__typename":
		return graphql.TypeNameMetaFieldDef
	}
	switch p := parent.(type) {
	case *graphql.Object:
		return p.Fields()[name]
	case *graphql.Interface:
		return p.Fields()[name]
	}
	return nil
}

// Unwrap returns the named type under t's lists and non-nulls and whether
// there was a list.
func Unwrap(t graphql.Type) (graphql.Type, bool) {
	list := false
	for {
		switch x := t.(type) {
		case *graphql.NonNull:
			t = x.OfType
		case *graphql.List:
			list = true
			t = x.OfType
		default:
			return t, list
		}
	}
}

func (w *walker) intValue(v ast.Value) (int, bool) {
	switch v := v.(type) {
	case *ast.IntValue:
		n, err := strconv.Atoi(v.Value)
		if err != nil {
			return int(^uint(0) >> 1), true // too big for an int: over any limit
		}
		return n, true
	case *ast.Variable:
		if v.Name == nil {
			return 0, false
		}
		switch x := w.vars[v.Name.Value].(type) {
		case float64:
			if x > float64(int(^uint(0)>>1)) {
				return int(^uint(0) >> 1), true
			}
			return int(x), true
		case int:
			return x, true
		case json.Number:
			n, err := x.Int64()
			return int(n), err == nil
		}
	}
	return 0, false
}
