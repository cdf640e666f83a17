package schema

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/graphql-go/graphql"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/queries"
	"github.com/kgproject/kg/schema/internal/gqlexec"
)

// capLists gives every list field of the schema's object and interface
// types that has no first or limit argument a first argument, with a
// default cap, and, when its items are relations or nodes, an after
// argument, and makes its resolver return that page of the list. The lists
// of connections, subgraphs and paths are pages already, bounded by the
// first, limit or maxNodes of the field that made them.
func (s *Schema) capLists(gql graphql.Schema) {
	for name, t := range gql.TypeMap() {
		var fields graphql.FieldDefinitionMap
		switch t := t.(type) {
		case *graphql.Object:
			fields = t.Fields()
		case *graphql.Interface:
			fields = t.Fields()
		}
		if fields == nil || strings.HasPrefix(name, "__") || strings.HasSuffix(name, "Connection") ||
			name == "Subgraph" || name == "Path" || name == "EventSubgraph" {
			continue
		}
		for _, f := range fields {
			if _, list := gqlexec.Unwrap(f.Type); !list || hasArg(f, "first") || hasArg(f, "limit") {
				continue
			}
			// The cost check multiplies by these caps, so they are what a
			// query may return, not estimates: real lists reach hundreds.
			def := s.opts.ListFirst
			switch f.Name {
			case "evidence":
				def = max(1, def/10)
			case "eventsPerMonth":
				def = s.opts.MaxFirst
			}
			f.Args = append(f.Args, &graphql.Argument{PrivateName: "first", Type: graphql.Int, DefaultValue: def,
				PrivateDescription: fmt.Sprintf("At most this many items, at most %d; %d when omitted.", s.opts.MaxFirst, def)})
			paged := pagedItems[f.Name]
			if paged {
				f.Args = append(f.Args, &graphql.Argument{PrivateName: "after", Type: graphql.ID,
					PrivateDescription: "The ID of the node of the last item of the previous page: the list goes on after it."})
			}
			if f.Resolve != nil {
				f.Resolve = s.page(f.Resolve, def, f.Name)
			}
		}
	}
}

// pagedItems are the list fields whose items are nodes or relations to a
// node, which after can name; the lists that can be long.
var pagedItems = map[string]bool{
	"posts": true, "events": true, "timeline": true, "articles": true, "authored": true, "holders": true,
	"participations": true, "people": true, "chairs": true, "attendees": true, "organisations": true,
	"reportingOrganisations": true, "projects": true, "participants": true, "reporters": true,
	"mentions": true, "links": true,
}

func hasArg(f *graphql.FieldDefinition, name string) bool {
	for _, a := range f.Args {
		if a.Name() == name {
			return true
		}
	}
	return false
}

// page wraps the resolver of the list field named field so that it returns
// the page its first and after arguments ask for.
func (s *Schema) page(fn graphql.FieldResolveFn, def int, field string) graphql.FieldResolveFn {
	return func(p graphql.ResolveParams) (any, error) {
		first, err := s.first(p.Args["first"], def)
		if err != nil {
			return nil, err
		}
		after, _ := p.Args["after"].(string)
		v, err := fn(p)
		if err != nil {
			return nil, err
		}
		if th, ok := v.(func() (any, error)); ok {
			return func() (any, error) {
				v, err := th()
				if err != nil {
					return nil, err
				}
				return pageOf(v, first, after, field), nil
			}, nil
		}
		return pageOf(v, first, after, field), nil
	}
}

// pageOf returns the items of the slice v, the value of the list field
// named field, after the last of the run of items whose node is after (all
// when after is ""), at most first of them.
func pageOf(v any, first int, after, field string) any {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Slice {
		return v
	}
	start := 0
	if after != "" {
		start = rv.Len()
		for i := 0; i < rv.Len(); i++ {
			if itemNode(rv.Index(i).Interface(), field) != after {
				continue
			}
			for i < rv.Len() && itemNode(rv.Index(i).Interface(), field) == after {
				i++
			}
			start = i
			break
		}
	}
	end := rv.Len()
	if end-start > first {
		end = start + first
	}
	return rv.Slice(start, end).Interface()
}

// itemNode returns the ID of the node an item of the list field named
// field stands for: the node itself, or the node at the other end of a
// relation (a holding's post in a person's posts, its holder elsewhere).
func itemNode(v any, field string) string {
	switch v := v.(type) {
	case *graph.Node:
		return v.ID
	case participation:
		return v.link.Node.ID
	case linkValue:
		return v.link.Node.ID
	case queries.Holder:
		if field == "posts" {
			return v.Post.ID
		}
		return v.Person.ID
	case queries.CoParticipant:
		return v.Person.ID
	}
	return ""
}
