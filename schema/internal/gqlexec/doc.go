// Package gqlexec runs GraphQL requests through graphql-go with the
// workarounds its execution needs to be safe and well-formed on a public
// server:
//
//   - Parse breaks long lines before graphql-go sees them, whose syntax
//     errors cost time in the square of the column;
//   - CheckLimits refuses a document that graphql-go's validation cannot be
//     trusted with (a fragment cycle overflows its stack, a variable
//     without a type dereferences nil), and one deeper, wider or costlier
//     than Limits allow, before that validation, which is quadratic in the
//     number of aliases;
//   - DocCache keeps validated documents, which cost more to parse and
//     validate than to execute;
//   - a Budget, with GuardResolvers and Detach, bounds an execution by what
//     it produces and stops it at its next field when the request's context
//     ends, since graphql-go's own execution goroutine outlives its context;
//   - WriteOrdered writes the result with its keys in the order the query
//     asked for them, which graphql-go's maps lose.
//
// It is internal to package schema, so that graphql-go stays behind the
// schema boundary: nothing outside schema can import it, and schema's
// resolvers see none of it beyond these functions.
package gqlexec
