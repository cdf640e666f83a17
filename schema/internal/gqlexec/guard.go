package gqlexec

import (
	"strings"

	"github.com/graphql-go/graphql/language/ast"
)

// malformed returns an error for a document that parses but that
// graphql-go's validation cannot be trusted with: a fragment cycle (see
// fragmentCycle) or a variable without a type ("query($a:) …", on which
// the validator dereferences nil).
func malformed(doc *ast.Document) error {
	for _, d := range doc.Definitions {
		op, ok := d.(*ast.OperationDefinition)
		if !ok {
			continue
		}
		for _, v := range op.VariableDefinitions {
			if v == nil || !typed(v.Type) {
				name := "?"
				if v != nil && v.Variable != nil && v.Variable.Name != nil {
					name = v.Variable.Name.Value
				}
				return refuse(CodeRequest, "variable $%s has no type", name)
			}
		}
	}
	return fragmentCycle(doc)
}

// typed reports whether t is a complete type reference.
func typed(t ast.Type) bool {
	switch t := t.(type) {
	case *ast.Named:
		return t != nil && t.Name != nil
	case *ast.List:
		return t != nil && typed(t.Type)
	case *ast.NonNull:
		return t != nil && typed(t.Type)
	}
	return false
}

// fragmentCycle returns an error naming a fragment that spreads itself,
// directly or through others, or nil. It runs before graphql-go's
// validation, whose rule on overlapping fields recurses without end on such
// a cycle and overflows the stack, taking the whole server down.
func fragmentCycle(doc *ast.Document) error {
	frags := fragments(doc)
	const (
		unseen = iota
		active
		done
	)
	state := map[string]int{}
	var path []string
	var visit func(name string) error
	var spreads func(set *ast.SelectionSet) error
	spreads = func(set *ast.SelectionSet) error {
		if set == nil {
			return nil
		}
		for _, sel := range set.Selections {
			switch s := sel.(type) {
			case *ast.Field:
				if err := spreads(s.SelectionSet); err != nil {
					return err
				}
			case *ast.InlineFragment:
				if err := spreads(s.SelectionSet); err != nil {
					return err
				}
			case *ast.FragmentSpread:
				if s.Name != nil {
					if err := visit(s.Name.Value); err != nil {
						return err
					}
				}
			}
		}
		return nil
	}
	visit = func(name string) error {
		f, ok := frags[name]
		if !ok {
			return nil // validation reports unknown fragments
		}
		switch state[name] {
		case active:
			return refuse(CodeRequest, "Cannot spread fragment %q within itself: %s", name, strings.Join(append(path, name), " → "))
		case done:
			return nil
		}
		state[name] = active
		path = append(path, name)
		if err := spreads(f.SelectionSet); err != nil {
			return err
		}
		path = path[:len(path)-1]
		state[name] = done
		return nil
	}
	for _, d := range doc.Definitions {
		if f, ok := d.(*ast.FragmentDefinition); ok && f.Name != nil {
			if err := visit(f.Name.Value); err != nil {
				return err
			}
		}
	}
	return nil
}
