package schema

import (
	"sort"

	"github.com/graphql-go/graphql"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/schema/internal/gqlexec"
)

// RelationField is an entry of relationFields, for the external tests.
type RelationField struct {
	Label graph.Label
	Field string
	Links []graph.RelationFilter // Direction and Types of each kind of links
}

// RelationFields returns relationFields, sorted by label and field.
func RelationFields() []RelationField {
	var out []RelationField
	for label, fields := range relationFields {
		for name, specs := range fields {
			rf := RelationField{Label: label, Field: name}
			for _, spec := range specs {
				rf.Links = append(rf.Links, graph.RelationFilter{Direction: spec.dir, Types: spec.types})
			}
			out = append(out, rf)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Label != out[j].Label {
			return out[i].Label < out[j].Label
		}
		return out[i].Field < out[j].Field
	})
	return out
}

// TypeField is a field of an object type of the schema, for the external
// tests.
type TypeField struct {
	Name string
	// Leaf says that the field is a scalar or enum, selected without
	// subfields.
	Leaf bool
	// NeedsArgs says that the field has an argument without a default that
	// cannot be null.
	NeedsArgs bool
}

// Fields returns the fields of the object type named typeName, sorted by
// name; nil when there is no such type.
func (s *Schema) Fields(typeName string) []TypeField {
	obj, ok := s.gql.Type(typeName).(*graphql.Object)
	if !ok {
		return nil
	}
	var out []TypeField
	for name, f := range obj.Fields() {
		t, _ := gqlexec.Unwrap(f.Type)
		_, isObj := t.(*graphql.Object)
		_, isIface := t.(*graphql.Interface)
		tf := TypeField{Name: name, Leaf: !isObj && !isIface}
		for _, a := range f.Args {
			if _, nn := a.Type.(*graphql.NonNull); nn && a.DefaultValue == nil {
				tf.NeedsArgs = true
			}
		}
		out = append(out, tf)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
