package gqlexec

import (
	"errors"
	"strings"
	"testing"

	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/parser"
	"github.com/graphql-go/graphql/language/printer"
	"github.com/graphql-go/graphql/language/source"

	"github.com/kgproject/kg/internal/allocbound"
)

// TestParseLongLines checks that queries with long lines parse to the
// document graphql-go makes of them as sent, with the same offsets.
func TestParseLongLines(t *testing.T) {
	pad := strings.Repeat(" ", 3000)
	fields := strings.Repeat("name, ", 800)
	for _, tc := range []struct {
		name, query string
	}{
		{"spaces", "{" + pad + "people { nodes { name } }" + pad + "}"},
		{"commas", "{ people { nodes { " + fields + " } } }"},
		{"tabs", "{\t" + strings.Repeat("\t", 2000) + "people { nodes { name } } }"},
		{"comment", "{ people { nodes { name } } } # " + strings.Repeat("注释 } { ", 500)},
		{"comment then code", "{ people # " + strings.Repeat("x ", 1000) + "\n { nodes { name } } }"},
		{"string with spaces and #", `{ search(text: "a # b , c") { score } ` + pad + ` }`},
		{"escaped quote", `{ search(text: "a \" # b") { score } ` + pad + ` }`},
		{"block string", `{ search(text: """a` + "\n" + `  # not a comment, "quoted" \""" b""") { score } ` + pad + ` }`},
		{"CRLF", "{\r\n" + pad + "people {\r" + pad + " nodes { name } } }"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want, err := parser.Parse(parser.ParseParams{Source: source.NewSource(&source.Source{Body: []byte(tc.query)})})
			if err != nil {
				t.Fatalf("graphql-go: %v", err)
			}
			got, err := Parse(tc.query)
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			if g, w := printer.Print(got), printer.Print(want); g != w {
				t.Errorf("document:\n%v\nwant:\n%v", g, w)
			}
			if got.Loc.Start != want.Loc.Start || got.Loc.End != want.Loc.End || string(got.Loc.Source.Body) != tc.query {
				t.Errorf("location %d-%d in %d bytes, want %d-%d in the query as sent", got.Loc.Start, got.Loc.End, len(got.Loc.Source.Body), want.Loc.Start, want.Loc.End)
			}
		})
	}
}

// TestParseLongLineErrors checks that a syntax error far along a line costs
// memory in proportion to the query (graphql-go alone took 7 s for 100 KB)
// and is located in the query as sent.
func TestParseLongLineErrors(t *testing.T) {
	bound := allocbound.Bound{Base: 1 << 20, PerByte: 64}
	for _, tc := range []struct {
		name, query string
		line, col   int
		public      bool
	}{
		{"short line", "{ people { nodes { name } }", 1, 28, false},
		{"spaces", "{a" + strings.Repeat(" ", 100_000), 1, 100_003, false},
		{"after a newline", "{\n a" + strings.Repeat(",", 50_000) + "!", 2, 50_003, false},
		{"bad bytes in a comment", "{a #" + strings.Repeat("\xfc", 50_000), 1, 50_005, false},
		{"long string", `{ search(text: "` + strings.Repeat("字", 1000) + `") { score } }`, 0, 0, true},
		{"long name", "{ " + strings.Repeat("a", 5000) + " }", 0, 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			bound.Check(t, len(tc.query), func() { _, err = Parse(tc.query) })
			var pe *Error
			if tc.public {
				if !errors.As(err, &pe) {
					t.Fatalf("error %v, want a refusal", err)
				}
				return
			}
			var ge *gqlerrors.Error
			if !errors.As(err, &ge) {
				t.Fatalf("error %v (%T), want a syntax error", err, err)
			}
			if len(ge.Locations) != 1 || ge.Locations[0].Line != tc.line || ge.Locations[0].Column != tc.col {
				t.Errorf("locations %v, want %d:%d", ge.Locations, tc.line, tc.col)
			}
			if !strings.HasPrefix(ge.Message, "Syntax Error GraphQL request (") || len(ge.Message) > 300 {
				t.Errorf("message %.400q", ge.Message)
			}
		})
	}
}
