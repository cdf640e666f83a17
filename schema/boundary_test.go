package schema_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestGraphQLGoStaysInSchema checks that graphql-go lives behind one
// package boundary, as the style guide asks of every third-party
// dependency: only schema and its internal packages (gqlexec), which
// nothing outside schema may import, import it.
func TestGraphQLGoStaysInSchema(t *testing.T) {
	root := ".." // the module's root, from schema
	fset := token.NewFileSet()
	importers := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (name == "testdata" || strings.HasPrefix(name, ".") || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(path, root+string(filepath.Separator)))
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if !strings.HasPrefix(p, "github.com/graphql-go/") {
				continue
			}
			importers++
			if dir := filepath.ToSlash(filepath.Dir(rel)); dir != "schema" && !strings.HasPrefix(dir, "schema/internal/") {
				t.Errorf("%s imports %s: graphql-go belongs to package schema", rel, p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if importers == 0 {
		t.Fatalf("no file under %s imports graphql-go: the walk missed the module", root)
	}
}
