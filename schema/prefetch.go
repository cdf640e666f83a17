package schema

import (
	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/queries"
)

// A root field that returns one node (person, event, …) looks ahead at the
// relation fields selected on it and reads the node together with their
// links in one queries.ReadNode call (one store round trip on a store that
// implements graph.NodeReader), then primes the request's loader so that
// those fields resolve without further store calls. The relations of each
// field come from relationFields, the table the fields' resolvers read
// theirs from, so that what is prefetched is what is resolved.

// coParticipantsField is the field that the loader batch coKey serves.
const coParticipantsField = "coParticipants"

// readNode reads the node of a root field by ID or name with what its
// selection needs, and primes the request's loader with it.
func (b *builder) readNode(p graphql.ResolveParams, label graph.Label, id, name string) (*graph.Node, error) {
	fields := selectedFields(p, label)
	specs := relationFields[label]
	req := queries.NodeRequest{Label: label, ID: id, Name: name, Outline: outlineRead(p)}
	var keys []string
	seen := map[string]bool{}
	for _, f := range fields {
		if f == coParticipantsField && label == graph.LabelPerson {
			req.CoParticipants = true
			continue
		}
		for _, spec := range specs[f] {
			key := linksKey(spec.dir, spec.types)
			if seen[key] {
				continue
			}
			seen[key] = true
			keys = append(keys, key)
			req.Links = append(req.Links, graph.RelationFilter{Direction: spec.dir, Types: spec.types})
		}
	}
	res, err := b.s.svc.ReadNode(p.Context, req)
	if err != nil {
		return nil, err
	}
	l := loaderFrom(p.Context)
	for i, key := range keys {
		ls := res.Links[i]
		if ls == nil {
			ls = []queries.Link{}
		}
		l.prime(key, res.Node.ID, ls)
	}
	if req.CoParticipants {
		l.prime(coKey, res.Node.ID, res.CoParticipants)
	}
	return res.Node, nil
}

// selectedFields lists the names of the fields selected on the object of
// the current root field, looking into fragments on its type or on Node.
// Directives are ignored: at worst a skipped field is read for nothing.
func selectedFields(p graphql.ResolveParams, label graph.Label) []string {
	var names []string
	var walk func(set *ast.SelectionSet, depth int)
	onType := func(t *ast.Named) bool {
		return t == nil || t.Name == nil || t.Name.Value == string(label) || t.Name.Value == "Node"
	}
	walk = func(set *ast.SelectionSet, depth int) {
		if set == nil || depth > 8 {
			return
		}
		for _, sel := range set.Selections {
			switch s := sel.(type) {
			case *ast.Field:
				if s.Name != nil {
					names = append(names, s.Name.Value)
				}
			case *ast.InlineFragment:
				if onType(s.TypeCondition) {
					walk(s.SelectionSet, depth+1)
				}
			case *ast.FragmentSpread:
				if s.Name == nil {
					continue
				}
				if def, ok := p.Info.Fragments[s.Name.Value].(*ast.FragmentDefinition); ok && onType(def.TypeCondition) {
					walk(def.SelectionSet, depth+1)
				}
			}
		}
	}
	for _, f := range p.Info.FieldASTs {
		walk(f.SelectionSet, 0)
	}
	return names
}

// outlineRead reports whether the whole operation of p can do with
// outline reads of nodes (queries.NodeRequest.Outline): it selects no
// evidence or support anywhere, and no co-participant's events (their
// count is all an outline tells). The operation as a whole decides, not
// the current field: the links and co-participants a read primes the
// loader with answer every field of the request on that node.
func outlineRead(p graphql.ResolveParams) bool {
	op, ok := p.Info.Operation.(*ast.OperationDefinition)
	if !ok {
		return false
	}
	const maxDepth = 32 // past any valid document's
	var walk func(set *ast.SelectionSet, depth int) bool
	walk = func(set *ast.SelectionSet, depth int) bool {
		return eachField(p, set, depth, maxDepth, func(f *ast.Field) bool {
			switch nameOf(f.Name) {
			case "evidence", "supportCount":
				return false
			case coParticipantsField:
				ok := eachField(p, f.SelectionSet, depth+1, maxDepth, func(g *ast.Field) bool {
					return nameOf(g.Name) != "events"
				})
				if !ok {
					return false
				}
			}
			return walk(f.SelectionSet, depth+1)
		})
	}
	return walk(op.SelectionSet, 0)
}

// eachField calls f on each field of set, looking into inline fragments
// and fragment spreads, and reports whether f accepted them all. It
// reports false, without looking further, when f does not accept one, a
// spread names no fragment, a selection is of an unknown kind, or the
// depth (counting the levels above set, and one more per fragment) passes
// maxDepth.
func eachField(p graphql.ResolveParams, set *ast.SelectionSet, depth, maxDepth int, f func(*ast.Field) bool) bool {
	if set == nil {
		return true
	}
	if depth > maxDepth {
		return false
	}
	for _, sel := range set.Selections {
		switch s := sel.(type) {
		case *ast.Field:
			if !f(s) {
				return false
			}
		case *ast.InlineFragment:
			if !eachField(p, s.SelectionSet, depth+1, maxDepth, f) {
				return false
			}
		case *ast.FragmentSpread:
			def, ok := p.Info.Fragments[nameOf(s.Name)].(*ast.FragmentDefinition)
			if !ok || !eachField(p, def.SelectionSet, depth+1, maxDepth, f) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// outlineFields are the fields of a Subgraph or Path, and of their nodes
// and edges, that an outline (graph.Outline) answers.
var outlineFields = map[string]map[string]bool{
	"":      {"nodes": true, "edges": true, "length": true, "__typename": true},
	"nodes": {"id": true, "label": true, "name": true, "__typename": true},
	"edges": {"id": true, "type": true, "role": true, "source": true, "target": true, "__typename": true},
}

// outlineOnly reports whether the current neighbourhood or path field
// selects only fields an outline answers, so that the store may leave
// article texts and evidence out.
func outlineOnly(p graphql.ResolveParams) bool {
	var ok func(set *ast.SelectionSet, level string, depth int) bool
	ok = func(set *ast.SelectionSet, level string, depth int) bool {
		return eachField(p, set, depth, 8, func(s *ast.Field) bool {
			name := nameOf(s.Name)
			if !outlineFields[level][name] {
				return false
			}
			if level == "" && name != "length" && name != "__typename" {
				return ok(s.SelectionSet, name, depth+1)
			}
			return true
		})
	}
	for _, f := range p.Info.FieldASTs {
		if !ok(f.SelectionSet, "", 0) {
			return false
		}
	}
	return true
}

func nameOf(n *ast.Name) string {
	if n == nil {
		return ""
	}
	return n.Value
}
