package neo4j

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgproject/kg/graph"
)

// tokensPerQuery keeps each full-text query well under Lucene's limit of
// clauses in one boolean query.
const tokensPerQuery = 256

// Search returns the nodes that best match q, as graph.Store documents. The
// full-text index kg_search finds every node sharing a character pair with
// the text (or, for a one-character text, containing it), which includes
// every node graph.Score rates above 0; those candidates are then scored
// with graph.Score. It returns ErrInvalid for a text whose search key is
// empty, an unknown label or a negative limit, and ErrUnavailable when the
// server cannot be reached.
func (s *Store) Search(ctx context.Context, q graph.SearchQuery) ([]graph.SearchHit, error) {
	key := graph.SearchKey(q.Text)
	if key == "" {
		return nil, fmt.Errorf("neo4j: search: %w: empty text %q", graph.ErrInvalid, q.Text)
	}
	if q.Limit < 0 {
		return nil, fmt.Errorf("neo4j: search %q: %w: negative limit %d", q.Text, graph.ErrInvalid, q.Limit)
	}
	labels := make([]string, 0, len(q.Labels))
	for _, l := range q.Labels {
		if !l.Valid() {
			return nil, fmt.Errorf("neo4j: search %q: %w: label %q", q.Text, graph.ErrInvalid, l)
		}
		labels = append(labels, string(l))
	}
	toks := queryTokens(key)
	var chunks []string
	for i := 0; i < len(toks); i += tokensPerQuery {
		chunks = append(chunks, strings.Join(toks[i:min(i+tokensPerQuery, len(toks))], " "))
	}
	cypher := `UNWIND $queries AS query
		CALL db.index.fulltext.queryNodes('kg_search', query) YIELD node AS n
		WITH DISTINCT n
		WHERE size($labels) = 0 OR head(labels(n)) IN $labels
		RETURN ` + nodeProj("n")
	params := map[string]any{"queries": chunks, "labels": labels}
	hits, err := readStatement(ctx, s, "search "+q.Text, cypher, params, func(recs []*neo4j.Record) ([]graph.SearchHit, error) {
		var hits []graph.SearchHit
		for _, rec := range recs {
			n := toNode(rec.Values[0])
			if sc := graph.Score(q.Text, n); sc > 0 {
				hits = append(hits, graph.SearchHit{Node: n, Score: sc})
			}
		}
		return hits, nil
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		return hits[i].Node.ID < hits[j].Node.ID
	})
	if q.Limit > 0 && len(hits) > q.Limit {
		hits = hits[:q.Limit]
	}
	if hits == nil {
		hits = []graph.SearchHit{}
	}
	return hits, nil
}

// queryTokens returns the Lucene query terms for a search key, quoted: its
// character pairs and characters (a one-character name inside the text
// scores too) or, for a one-character key, the marked character that every
// name containing it was indexed with (see searchTokens).
func queryTokens(key string) []string {
	var raw []string
	if len([]rune(key)) == 1 {
		raw = []string{"#" + key}
	} else {
		raw = graph.Bigrams(key)
		seen := map[string]bool{}
		for _, r := range key {
			if c := string(r); !seen[c] {
				seen[c] = true
				raw = append(raw, c)
			}
		}
	}
	sort.Strings(raw)
	out := make([]string, len(raw))
	for i, t := range raw {
		out[i] = `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(t) + `"`
	}
	return out
}
