package schema

import (
	"context"

	"github.com/graphql-go/graphql"

	"github.com/kgproject/kg/graph"
	"github.com/kgproject/kg/queries"
)

var boundKindEnum = graphql.NewEnum(graphql.EnumConfig{
	Name:        "TenureBoundKind",
	Description: "How a bound of a holding's validity was found.",
	Values: graphql.EnumValueConfigMap{
		string(queries.BoundFirstEvidence): {Value: string(queries.BoundFirstEvidence), Description: "the earliest evidence of the holding"},
		string(queries.BoundLastEvidence):  {Value: string(queries.BoundLastEvidence), Description: "the latest evidence of the holding"},
		string(queries.BoundStatement):     {Value: string(queries.BoundStatement), Description: "an article states it (任命, 当选, 就任; 免去, 不再担任, 原任, 卸任, 辞去)"},
		string(queries.BoundSuccessor):     {Value: string(queries.BoundSuccessor), Description: "the day before the next holder of a single-holder post started"},
	},
})

func asOfArg() graphql.FieldConfigArgument {
	return graphql.FieldConfigArgument{"asOf": {Type: dateScalar, Description: "Only the holdings valid at this date."}}
}

// holdings resolves a field listing holdings, batching the field's objects
// per asOf through the request's loader; read picks the Service method.
func (b *builder) holdings(field string, read func(*queries.Service) func(context.Context, []string, string) (map[string][]queries.Holder, error)) graphql.FieldResolveFn {
	return b.resolve(func(p graphql.ResolveParams) (any, error) {
		asOf, _ := p.Args["asOf"].(string)
		fetch := read(b.s.svc)
		return loadList(loaderFrom(p.Context), field+"/"+asOf, src(p).ID,
			func(ctx context.Context, ids []string) (map[string][]queries.Holder, error) {
				return fetch(ctx, ids, asOf)
			}), nil
	})
}

// tenureFields are the fields Tenure and Holding share: the evidence and
// the validity of a queries.Holder.
func (b *builder) tenureFields(fields graphql.Fields) graphql.Fields {
	h := func(p graphql.ResolveParams) queries.Holder { return p.Source.(queries.Holder) }
	bound := func(x queries.Bound) any {
		if x.Date == "" {
			return nil
		}
		return x
	}
	fields["firstSeen"] = &graphql.Field{Type: dateScalar, Description: "The date of the earliest evidence.",
		Resolve: func(p graphql.ResolveParams) (any, error) { return nilIfEmpty(h(p).FirstSeen), nil }}
	fields["lastSeen"] = &graphql.Field{Type: dateScalar, Description: "The date of the latest evidence.",
		Resolve: func(p graphql.ResolveParams) (any, error) { return nilIfEmpty(h(p).LastSeen), nil }}
	fields["from"] = &graphql.Field{Type: dateScalar, Description: "The first day the holding is valid; null when nothing dates it.",
		Resolve: func(p graphql.ResolveParams) (any, error) { return nilIfEmpty(h(p).From.Date), nil }}
	fields["to"] = &graphql.Field{Type: dateScalar, Description: "The last day the holding is valid; null when it is open.",
		Resolve: func(p graphql.ResolveParams) (any, error) { return nilIfEmpty(h(p).To.Date), nil }}
	fields["start"] = &graphql.Field{Type: b.tenureBound, Description: "How from was found.",
		Resolve: func(p graphql.ResolveParams) (any, error) { return bound(h(p).From), nil }}
	fields["end"] = &graphql.Field{Type: b.tenureBound, Description: "How to was found.",
		Resolve: func(p graphql.ResolveParams) (any, error) { return bound(h(p).To), nil }}
	fields["statements"] = &graphql.Field{Type: listOf(b.tenureStatement), Description: "The sentences of the evidence's articles that state the holding started or ended, by date.",
		Resolve: func(p graphql.ResolveParams) (any, error) {
			if st := h(p).Statements; st != nil {
				return st, nil
			}
			return []queries.Statement{}, nil
		}}
	return b.evidenceFields(fields, func(v any) *graph.Relation { return v.(queries.Holder).Relation })
}
