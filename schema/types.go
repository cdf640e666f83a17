package schema

import (
	"encoding/base64"
	"fmt"
	"time"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/queries"
)

// The values behind the object types that are not plain nodes.
type (
	// participation is a Person's CHAIRED or ATTENDED link to an Event.
	participation struct{ link queries.Link }
	// connection is one page of a top-level list.
	connection struct{ page *graph.NodePage }
	// pathValue is a shortest path.
	pathValue struct{ g *graph.Subgraph }
)

// dateScalar is YYYY-MM-DD.
var dateScalar = graphql.NewScalar(graphql.ScalarConfig{
	Name:        "Date",
	Description: "A calendar date, YYYY-MM-DD.",
	Serialize: func(v any) any {
		if s, ok := v.(string); ok && s != "" {
			return s
		}
		return nil
	},
	ParseValue: func(v any) any {
		if s, ok := v.(string); ok && validDate(s) {
			return s
		}
		return nil
	},
	ParseLiteral: func(v ast.Value) any {
		if s, ok := v.(*ast.StringValue); ok && validDate(s.Value) {
			return s.Value
		}
		return nil
	},
})

func validDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

var roleEnum = graphql.NewEnum(graphql.EnumConfig{
	Name:        "ParticipantRole",
	Description: "The part a person played at an event.",
	Values: graphql.EnumValueConfigMap{
		queries.RoleChair:    {Value: queries.RoleChair, Description: "chaired it (主持)"},
		queries.RoleAttendee: {Value: queries.RoleAttendee, Description: "attended it (出席, 参加)"},
	},
})

var kindEnum = func() *graphql.Enum {
	values := graphql.EnumValueConfigMap{}
	for _, k := range graph.EventKinds {
		values[string(k)] = &graphql.EnumValueConfig{Value: string(k)}
	}
	return graphql.NewEnum(graphql.EnumConfig{Name: "EventKind", Description: "What kind of event an event is.", Values: values})
}()

var relationEnum = func() *graphql.Enum {
	values := graphql.EnumValueConfigMap{}
	for _, t := range graph.RelTypes {
		values[string(t)] = &graphql.EnumValueConfig{Value: string(t)}
	}
	return graphql.NewEnum(graphql.EnumConfig{Name: "RelationType", Description: "The type of a relation, as in Neo4j.", Values: values})
}()

// entityEnum names node labels in upper case for search.
var entityEnum = func() *graphql.Enum {
	values := graphql.EnumValueConfigMap{}
	for _, l := range graph.Labels {
		values[upper(string(l))] = &graphql.EnumValueConfig{Value: string(l)}
	}
	return graphql.NewEnum(graphql.EnumConfig{Name: "EntityType", Description: "A kind of node.", Values: values})
}()

var directionEnum = graphql.NewEnum(graphql.EnumConfig{
	Name:        "Direction",
	Description: "Which way relations are followed from a node.",
	Values: graphql.EnumValueConfigMap{
		"OUTGOING": {Value: graph.Outgoing, Description: "the node is the relation's source"},
		"INCOMING": {Value: graph.Incoming, Description: "the node is the relation's target"},
		"BOTH":     {Value: graph.Both},
	},
})

func upper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

// encodeCursor and decodeCursor make the opaque cursors of connections: the
// base64 of the node ID the page ends with.
func encodeCursor(id string) string { return base64.StdEncoding.EncodeToString([]byte(id)) }

func decodeCursor(c string) (string, error) {
	b, err := base64.StdEncoding.DecodeString(c)
	if err != nil || len(b) == 0 {
		return "", badInput(fmt.Sprintf("after: %q is not a cursor this API returned", c))
	}
	return string(b), nil
}

func nonNull(t graphql.Type) graphql.Type { return graphql.NewNonNull(t) }

// listOf is [T!]!.
func listOf(t graphql.Type) graphql.Type {
	return graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(t)))
}
