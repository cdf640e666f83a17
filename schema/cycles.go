package schema

import (
	"strings"

	"github.com/graphql-go/graphql/language/ast"
)

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
			return &publicError{msg: "Cannot spread fragment \"" + name + "\" within itself: " + strings.Join(append(path, name), " → "), code: codeRequest}
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
