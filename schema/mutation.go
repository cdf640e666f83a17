package schema

import (
	"errors"

	"github.com/graphql-go/graphql"

	"github.com/kgproject/kg/graph"
)

// mutation is the root of the writes. Over HTTP they need the bearer token
// (see Options.Token); Schema.Do called directly, as kg query does on a
// store it opened itself, allows them.
func (b *builder) mutation() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Mutation",
		Description: "Changes to the graph. Over HTTP they need the bearer token the server was started with (KG_TOKEN).",
		Fields: graphql.Fields{
			"deleteArticle": &graphql.Field{
				Type:        nonNull(graphql.Boolean),
				Description: "Retracts an article: its node, and every node, relation and piece of evidence that only it supported. False when no such article is stored.",
				Args: graphql.FieldConfigArgument{
					"id": &graphql.ArgumentConfig{Type: nonNull(graphql.ID), Description: "The article's ID, e.g. article/page-1."},
				},
				Resolve: b.resolve(func(p graphql.ResolveParams) (any, error) {
					id, _ := p.Args["id"].(string)
					err := b.s.svc.Store().DeleteArticle(p.Context, id)
					if errors.Is(err, graph.ErrNotFound) {
						return false, nil
					}
					if err != nil {
						return nil, err
					}
					return true, nil
				}),
			},
		},
	})
}
