package gqlexec

import (
	"fmt"
	"strings"

	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"
	"github.com/graphql-go/graphql/language/location"
	"github.com/graphql-go/graphql/language/parser"
	"github.com/graphql-go/graphql/language/source"
)

// graphql-go's syntax errors draw the line of the error with a marker under
// its column built one space at a time, so that their cost grows with the
// square of the column: an error at the end of a 100 KB line took 7 s and
// gigabytes of garbage, past any timeout. graphql-go is therefore never
// given a line longer than maxLine bytes: a longer line is broken, where
// GraphQL ignores what is there, about every breakAt bytes.
const (
	maxLine = 1024
	breakAt = 128
)

// sourceName names a request's document in syntax errors.
const sourceName = "GraphQL request"

// Parse parses a request's query. A query with a line longer than maxLine
// is parsed from a copy of the same length in which spaces, tabs and commas
// outside strings (which GraphQL ignores) become line breaks every breakAt
// bytes or so, and comments become spaces; the document's offsets then hold
// for the query as sent, and its source is set back to it so that errors
// locate what the client sent. It returns an *Error for a line that
// cannot be broken (a string or name of more than maxLine bytes), and
// graphql-go's syntax error otherwise, with the location in the query as
// sent.
func Parse(query string) (*ast.Document, error) {
	body := []byte(query)
	broken, err := breakLines(body)
	if err != nil {
		return nil, err
	}
	if broken == nil {
		return parser.Parse(parser.ParseParams{Source: source.NewSource(&source.Source{Body: body, Name: sourceName})})
	}
	src := source.NewSource(&source.Source{Body: broken, Name: sourceName})
	doc, perr := parser.Parse(parser.ParseParams{Source: src})
	src.Body = body
	if perr != nil {
		return nil, relocate(perr, src)
	}
	return doc, nil
}

// relocate returns a syntax error found in a broken copy of src's body as
// an error located in the body itself: its message without the excerpt of
// the copy's lines.
func relocate(err error, src *source.Source) error {
	e, ok := err.(*gqlerrors.Error)
	if !ok || len(e.Positions) == 0 {
		return err
	}
	desc := e.Message
	if _, rest, ok := strings.Cut(desc, ") "); ok {
		desc = rest
	}
	desc, _, _ = strings.Cut(desc, "\n\n")
	l := location.GetLocation(src, e.Positions[0])
	msg := fmt.Sprintf("Syntax Error %s (%d:%d) %s", src.Name, l.Line, l.Column, desc)
	return gqlerrors.NewError(msg, nil, "", src, e.Positions[:1], nil)
}

// breakLines returns nil when no line of body is longer than maxLine bytes,
// else a copy of the same length with its long lines broken (see Parse). It
// returns an *Error when a line of the copy is still longer than
// maxLine.
func breakLines(body []byte) ([]byte, error) {
	if longestLine(body) <= maxLine {
		return nil, nil
	}
	out := make([]byte, len(body))
	copy(out, body)
	const (
		code = iota
		str
		block
		comment
	)
	state, col := code, 0
	for i := 0; i < len(out); i++ {
		c := out[i]
		if c == '\n' || c == '\r' {
			col = 0
			if state == comment || state == str {
				state = code // a string ends here too, unterminated
			}
			continue
		}
		col++
		switch state {
		case code:
			switch {
			case c == '#':
				state = comment
				out[i] = ' '
			case c == '"' && i+2 < len(out) && out[i+1] == '"' && out[i+2] == '"':
				state = block
				i += 2
				col += 2
			case c == '"':
				state = str
			case (c == ' ' || c == '\t' || c == ',') && col > breakAt:
				out[i] = '\n'
				col = 0
			}
		case comment:
			// a comment is ignored as spaces are: blanked, and broken
			// like them, to its line's end
			out[i] = ' '
			if col > breakAt {
				out[i] = '\n'
				col = 0
			}
		case str:
			switch c {
			case '\\':
				if i+1 < len(out) && out[i+1] != '\n' && out[i+1] != '\r' {
					i++
					col++
				}
			case '"':
				state = code
			}
		case block:
			switch {
			case c == '\\' && i+3 < len(out) && out[i+1] == '"' && out[i+2] == '"' && out[i+3] == '"':
				i += 3
				col += 3
			case c == '"' && i+2 < len(out) && out[i+1] == '"' && out[i+2] == '"':
				state = code
				i += 2
				col += 2
			}
		}
	}
	if longestLine(out) > maxLine {
		return nil, refuse(CodeRequest, "the query has a string or name of more than %d bytes on one line; pass long values as variables", maxLine)
	}
	return out, nil
}

// longestLine returns the length in bytes of b's longest line; \r\n, \n and
// \r end lines, as in GraphQL.
func longestLine(b []byte) int {
	longest, col := 0, 0
	for _, c := range b {
		if c == '\n' || c == '\r' {
			col = 0
			continue
		}
		col++
		longest = max(longest, col)
	}
	return longest
}

// Operation returns the operation of doc a request runs: the one named
// name, or the only one when name is "". It returns an *Error when there is
// none, or several and no name.
func Operation(doc *ast.Document, name string) (*ast.OperationDefinition, error) {
	var ops []*ast.OperationDefinition
	for _, d := range doc.Definitions {
		if op, ok := d.(*ast.OperationDefinition); ok {
			ops = append(ops, op)
		}
	}
	if name == "" {
		switch len(ops) {
		case 0:
			return nil, refuse(CodeRequest, "the document has no operation")
		case 1:
			return ops[0], nil
		}
		return nil, refuse(CodeRequest, "the document has several operations: give operationName")
	}
	for _, op := range ops {
		if op.Name != nil && op.Name.Value == name {
			return op, nil
		}
	}
	return nil, refuse(CodeRequest, "no operation named %q", name)
}

// fragments returns doc's fragment definitions by name.
func fragments(doc *ast.Document) map[string]*ast.FragmentDefinition {
	m := map[string]*ast.FragmentDefinition{}
	for _, d := range doc.Definitions {
		if f, ok := d.(*ast.FragmentDefinition); ok && f.Name != nil {
			m[f.Name.Value] = f
		}
	}
	return m
}
