package schema

import (
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/graphql-go/graphql"
)

// SDL returns the schema in the GraphQL schema definition language, types
// and fields sorted by name, with their descriptions: the contract the API
// keeps, for readers and for diffing.
func (s *Schema) SDL() string {
	var b strings.Builder
	tm := s.gql.TypeMap()
	names := make([]string, 0, len(tm))
	for name := range tm {
		if strings.HasPrefix(name, "__") {
			continue
		}
		switch name {
		case "String", "Int", "Float", "Boolean", "ID":
			continue
		}
		names = append(names, name)
	}
	sort.Strings(names)
	for i, name := range names {
		if i > 0 {
			b.WriteString("\n")
		}
		writeType(&b, tm[name])
	}
	return b.String()
}

func writeDescription(b *strings.Builder, indent, desc string) {
	if desc == "" {
		return
	}
	if !strings.Contains(desc, "\n") && len(desc) < 100 {
		fmt.Fprintf(b, "%s\"%s\"\n", indent, strings.ReplaceAll(desc, `"`, `\"`))
		return
	}
	fmt.Fprintf(b, "%s\"\"\"\n%s%s\n%s\"\"\"\n", indent, indent, strings.ReplaceAll(desc, "\n", "\n"+indent), indent)
}

func writeType(b *strings.Builder, t graphql.Type) {
	writeDescription(b, "", t.Description())
	switch t := t.(type) {
	case *graphql.Object:
		fmt.Fprintf(b, "type %s", t.Name())
		if ifs := t.Interfaces(); len(ifs) > 0 {
			var ns []string
			for _, i := range ifs {
				ns = append(ns, i.Name())
			}
			fmt.Fprintf(b, " implements %s", strings.Join(ns, " & "))
		}
		writeFields(b, t.Fields())
	case *graphql.Interface:
		fmt.Fprintf(b, "interface %s", t.Name())
		writeFields(b, t.Fields())
	case *graphql.Union:
		var ns []string
		for _, o := range t.Types() {
			ns = append(ns, o.Name())
		}
		fmt.Fprintf(b, "union %s = %s\n", t.Name(), strings.Join(ns, " | "))
	case *graphql.Enum:
		fmt.Fprintf(b, "enum %s {\n", t.Name())
		values := append([]*graphql.EnumValueDefinition(nil), t.Values()...)
		sort.Slice(values, func(i, j int) bool { return values[i].Name < values[j].Name })
		for _, v := range values {
			writeDescription(b, "  ", v.Description)
			fmt.Fprintf(b, "  %s\n", v.Name)
		}
		b.WriteString("}\n")
	case *graphql.InputObject:
		fmt.Fprintf(b, "input %s {\n", t.Name())
		fields := t.Fields()
		for _, name := range sortedKeys(fields) {
			f := fields[name]
			writeDescription(b, "  ", f.Description())
			fmt.Fprintf(b, "  %s: %s%s\n", name, f.Type, defaultValue(f.Type, f.DefaultValue))
		}
		b.WriteString("}\n")
	case *graphql.Scalar:
		fmt.Fprintf(b, "scalar %s\n", t.Name())
	}
}

func writeFields(b *strings.Builder, fields graphql.FieldDefinitionMap) {
	b.WriteString(" {\n")
	for _, name := range sortedKeys(fields) {
		f := fields[name]
		writeDescription(b, "  ", f.Description)
		fmt.Fprintf(b, "  %s", name)
		if len(f.Args) > 0 {
			args := append([]*graphql.Argument(nil), f.Args...)
			sort.Slice(args, func(i, j int) bool { return args[i].Name() < args[j].Name() })
			var parts []string
			for _, a := range args {
				parts = append(parts, fmt.Sprintf("%s: %s%s", a.Name(), a.Type, defaultValue(a.Type, a.DefaultValue)))
			}
			fmt.Fprintf(b, "(%s)", strings.Join(parts, ", "))
		}
		fmt.Fprintf(b, ": %s\n", f.Type)
	}
	b.WriteString("}\n")
}

// defaultValue renders " = value", enum values by their names.
func defaultValue(t graphql.Input, v any) string {
	if v == nil {
		return ""
	}
	if e, ok := t.(*graphql.Enum); ok {
		for _, ev := range e.Values() {
			if reflect.DeepEqual(ev.Value, v) {
				return " = " + ev.Name
			}
		}
	}
	if s, ok := v.(string); ok {
		return fmt.Sprintf(" = %q", s)
	}
	return fmt.Sprintf(" = %v", v)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
