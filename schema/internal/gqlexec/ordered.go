package gqlexec

import (
	"bytes"
	"encoding/json"
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/graphql-go/graphql/language/ast"
)

// WriteOrdered writes v, the data graphql-go's execution of op in doc
// returned, as JSON with the keys of every object in the order op's
// selections ask for them: graphql-go hands back maps, whose order is lost.
// Its errors are encoding/json's, for a value of a type it does not know.
func WriteOrdered(buf *bytes.Buffer, v any, doc *ast.Document, op *ast.OperationDefinition) error {
	return (&shape{sels: op.SelectionSet.Selections, frags: fragments(doc)}).write(buf, v)
}

// shape is the order of the keys of the objects a selection set answers,
// worked out once for all the objects of a list.
type shape struct {
	sels  []ast.Selection
	frags map[string]*ast.FragmentDefinition
	done  bool
	keys  []string
	subs  map[string]*shape
}

func (sh *shape) layout() {
	if sh.done {
		return
	}
	sh.done = true
	keys, subs := responseKeys(sh.sels, sh.frags, nil, map[string]bool{})
	sh.keys = keys
	sh.subs = make(map[string]*shape, len(subs))
	for k, sub := range subs {
		sh.subs[k] = &shape{sels: sub, frags: sh.frags}
	}
}

func (sh *shape) sub(k string) *shape {
	if c := sh.subs[k]; c != nil {
		return c
	}
	return &shape{frags: sh.frags}
}

func (sh *shape) write(buf *bytes.Buffer, v any) error {
	switch v := v.(type) {
	case map[string]any:
		sh.layout()
		buf.WriteByte('{')
		n := 0
		written := make(map[string]bool, len(v))
		write := func(k string) error {
			x, ok := v[k]
			if !ok || written[k] {
				return nil
			}
			written[k] = true
			if n > 0 {
				buf.WriteByte(',')
			}
			n++
			WriteString(buf, k)
			buf.WriteByte(':')
			return sh.sub(k).write(buf, x)
		}
		for _, k := range sh.keys {
			if err := write(k); err != nil {
				return err
			}
		}
		if n < len(v) {
			var rest []string
			for k := range v {
				if !written[k] {
					rest = append(rest, k)
				}
			}
			sort.Strings(rest)
			for _, k := range rest {
				if err := write(k); err != nil {
					return err
				}
			}
		}
		buf.WriteByte('}')
		return nil
	case []any:
		buf.WriteByte('[')
		for i, x := range v {
			if i > 0 {
				buf.WriteByte(',')
			}
			if err := sh.write(buf, x); err != nil {
				return err
			}
		}
		buf.WriteByte(']')
		return nil
	case string:
		WriteString(buf, v)
		return nil
	case int:
		buf.WriteString(strconv.Itoa(v))
		return nil
	case bool:
		buf.WriteString(strconv.FormatBool(v))
		return nil
	case nil:
		buf.WriteString("null")
		return nil
	}
	return Encode(buf, v)
}

// writeString writes s as a JSON string exactly as encoding/json does
// without HTML escaping: invalid UTF-8 becomes U+FFFD, U+2028 and U+2029
// are escaped.
func WriteString(buf *bytes.Buffer, s string) {
	const hex = "0123456789abcdef"
	buf.WriteByte('"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' {
				i++
				continue
			}
			buf.WriteString(s[start:i])
			switch b {
			case '\\', '"':
				buf.WriteByte('\\')
				buf.WriteByte(b)
			case '\b':
				buf.WriteString(`\b`)
			case '\f':
				buf.WriteString(`\f`)
			case '\n':
				buf.WriteString(`\n`)
			case '\r':
				buf.WriteString(`\r`)
			case '\t':
				buf.WriteString(`\t`)
			default:
				buf.WriteString(`\u00`)
				buf.WriteByte(hex[b>>4])
				buf.WriteByte(hex[b&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			buf.WriteString(s[start:i])
			buf.WriteString(`\ufffd`)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			buf.WriteString(s[start:i])
			buf.WriteString(`\u202`)
			buf.WriteByte(hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	buf.WriteString(s[start:])
	buf.WriteByte('"')
}

// responseKeys returns the response keys sels ask for, in order, and the
// selections under each, fragments spread.
func responseKeys(sels []ast.Selection, frags map[string]*ast.FragmentDefinition, subs map[string][]ast.Selection, spreading map[string]bool) ([]string, map[string][]ast.Selection) {
	if subs == nil {
		subs = map[string][]ast.Selection{}
	}
	var keys []string
	for _, sel := range sels {
		switch sel := sel.(type) {
		case *ast.Field:
			k := ""
			if sel.Alias != nil {
				k = sel.Alias.Value
			} else if sel.Name != nil {
				k = sel.Name.Value
			}
			if _, seen := subs[k]; !seen {
				keys = append(keys, k)
				subs[k] = nil
			}
			if sel.SelectionSet != nil {
				subs[k] = append(subs[k], sel.SelectionSet.Selections...)
			}
		case *ast.InlineFragment:
			if sel.SelectionSet != nil {
				more, _ := responseKeys(sel.SelectionSet.Selections, frags, subs, spreading)
				keys = append(keys, more...)
			}
		case *ast.FragmentSpread:
			if sel.Name == nil || spreading[sel.Name.Value] || frags[sel.Name.Value] == nil {
				continue
			}
			spreading[sel.Name.Value] = true
			more, _ := responseKeys(frags[sel.Name.Value].SelectionSet.Selections, frags, subs, spreading)
			spreading[sel.Name.Value] = false
			keys = append(keys, more...)
		}
	}
	return keys, subs
}

// Encode writes v as JSON without escaping HTML characters. Its errors are
// encoding/json's.
func Encode(buf *bytes.Buffer, v any) error {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	buf.Truncate(buf.Len() - 1) // the newline Encode adds
	return nil
}
