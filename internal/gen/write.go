package gen

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// Stats counts what Write wrote.
type Stats struct {
	Pages, Articles int
	Bytes           int64 // bytes of page text (the gold files not counted)
}

// Write generates the corpus opts describes into dir (created if missing),
// one page at a time: page-NNNNNN.md beside page-NNNNNN.gold.json. It
// returns an error when dir cannot be created or a file cannot be written,
// and the errors of New.
func Write(dir string, opts *Options) (*Stats, error) {
	g, err := New(opts)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("gen: %w", err)
	}
	st := &Stats{}
	for p := g.Next(); p != nil; p = g.Next() {
		if err := os.WriteFile(filepath.Join(dir, p.Name), []byte(p.Text), 0o644); err != nil {
			return st, fmt.Errorf("gen: %w", err)
		}
		b, err := json.MarshalIndent(p.Gold, "", " ")
		if err != nil {
			return st, fmt.Errorf("gen: gold of %s: %w", p.Name, err)
		}
		gold := filepath.Join(dir, p.Name[:len(p.Name)-len(".md")]+".gold.json")
		if err := os.WriteFile(gold, append(b, '\n'), 0o644); err != nil {
			return st, fmt.Errorf("gen: %w", err)
		}
		st.Pages++
		st.Articles += len(p.Gold.Articles)
		st.Bytes += int64(len(p.Text))
	}
	return st, nil
}
