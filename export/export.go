// Package export writes a graph for the tools analysts load it into:
// Cytoscape.js JSON, GraphML (yEd, networkx), GEXF (Gephi, with event dates
// for its timeline) and the two CSV files of neo4j-admin's import.
//
// It is used by both `kg export` (the whole store, to files) and the HTTP
// API's /export (the whole graph or a node's neighbourhood), so that the
// two write the same bytes. It reads only package graph: it knows nothing
// of GraphQL or of a backend.
package export

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/kgproject/kg/graph"
)

// Formats lists the formats Write writes.
var Formats = []string{"cytoscape", "graphml", "gexf", "csv-nodes", "csv-relationships"}

// MediaType returns the media type of format, one of Formats, and false for
// any other.
func MediaType(format string) (string, bool) {
	switch format {
	case "cytoscape":
		return "application/json", true
	case "graphml":
		return "application/graphml+xml", true
	case "gexf":
		return "application/gexf+xml", true
	case "csv-nodes", "csv-relationships":
		return "text/csv", true
	}
	return "", false
}

// ArrayDelimiter separates the elements of an array cell (aliases, articles,
// sentences) in csv-nodes and csv-relationships: the unit separator, a
// control character no name or sentence holds (Write replaces it with a
// space where one does), so a sentence's ';' survives. neo4j-admin reads it
// with --array-delimiter=U+001F.
const ArrayDelimiter = "\x1f"

// ReadGraph reads the whole graph of store through its canonical dump. Its
// errors are the store's, wrapped.
func ReadGraph(ctx context.Context, store graph.Store) (*graph.Subgraph, error) {
	var buf bytes.Buffer
	if err := store.Dump(ctx, &buf); err != nil {
		return nil, fmt.Errorf("export: read graph: %w", err)
	}
	g := &graph.Subgraph{}
	sc := bufio.NewScanner(&buf)
	sc.Buffer(make([]byte, 1<<20), 1<<30)
	for sc.Scan() {
		var line struct {
			Node     *graph.Node     `json:"node"`
			Relation *graph.Relation `json:"relation"`
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			return nil, fmt.Errorf("export: read graph: dump line: %w", err)
		}
		if line.Node != nil {
			g.Nodes = append(g.Nodes, line.Node)
		}
		if line.Relation != nil {
			g.Relations = append(g.Relations, line.Relation)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("export: read graph: %w", err)
	}
	return g, nil
}

// Write writes g to w in format, one of Formats:
//
//   - cytoscape: Cytoscape.js elements JSON, {"elements": {"nodes": [{"data":
//     …}], "edges": [{"data": …}]}}, every property and the evidence of each
//     relation in data;
//   - graphml: GraphML with the name as each node's label key (the one Gephi,
//     yEd and networkx show), its type (Person, Event…) as the type key, the
//     other node properties, and each relation's type, role, evidence
//     sentences and support count as data keys;
//   - gexf: GEXF 1.3 for Gephi, a dynamic graph whose events live from their
//     date to their end date (start and end), so that Gephi's timeline
//     shows them; nodes have the name as label and type as an attribute,
//     edges their type as label and attribute, role, evidence and support
//     count (also the weight);
//   - csv-nodes and csv-relationships: the two files that
//     `neo4j-admin database import full --nodes=nodes.csv
//     --relationships=relationships.csv --multiline-fields=true
//     --array-delimiter=U+001F` reads (arrays joined with ArrayDelimiter).
//
// It returns an error wrapping graph.ErrInvalid for an unknown format.
func Write(w io.Writer, g *graph.Subgraph, format string) error {
	var err error
	switch format {
	case "cytoscape":
		err = writeCytoscape(w, g)
	case "graphml":
		err = writeGraphML(w, g)
	case "gexf":
		err = writeGEXF(w, g)
	case "csv-nodes":
		err = writeNodesCSV(w, g)
	case "csv-relationships":
		err = writeRelationsCSV(w, g)
	default:
		return fmt.Errorf("export: %w: format %q is none of %s", graph.ErrInvalid, format, strings.Join(Formats, ", "))
	}
	if err != nil {
		return fmt.Errorf("export: %s: %w", format, err)
	}
	return nil
}

type cyElement struct {
	Data map[string]any `json:"data"`
}

func nodeData(n *graph.Node) map[string]any {
	d := map[string]any{"id": n.ID, "label": string(n.Label), "name": n.Name}
	set := func(k, v string) {
		if v != "" {
			d[k] = v
		}
	}
	if len(n.Aliases) > 0 {
		d["aliases"] = n.Aliases
	}
	set("title", n.Title)
	set("kind", string(n.Kind))
	set("date", n.Date)
	set("endDate", n.EndDate)
	set("partOfDay", n.PartOfDay)
	set("source", n.Source)
	set("published", n.Published)
	set("url", n.URL)
	set("outlet", n.Outlet)
	set("author", n.Author)
	set("scope", n.Scope)
	set("scopeBasis", n.ScopeBasis)
	return d
}

func writeCytoscape(w io.Writer, g *graph.Subgraph) error {
	var doc struct {
		Elements struct {
			Nodes []cyElement `json:"nodes"`
			Edges []cyElement `json:"edges"`
		} `json:"elements"`
	}
	doc.Elements.Nodes = []cyElement{}
	doc.Elements.Edges = []cyElement{}
	for _, n := range g.Nodes {
		doc.Elements.Nodes = append(doc.Elements.Nodes, cyElement{nodeData(n)})
	}
	for _, r := range g.Relations {
		d := map[string]any{"id": r.ID, "source": r.From, "target": r.To, "type": string(r.Type),
			"evidence": r.Evidence, "supportCount": len(r.Articles())}
		if r.Role != "" {
			d["role"] = r.Role
		}
		doc.Elements.Edges = append(doc.Elements.Edges, cyElement{d})
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}

// esc escapes s for XML text or a quoted attribute value: xml.EscapeText
// escapes quotes and newlines too, and replaces what XML cannot hold.
func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

func writeGraphML(w io.Writer, g *graph.Subgraph) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	bw.WriteString(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns">` + "\n")
	nodeKeys := []string{"label", "type", "name", "aliases", "title", "kind", "date", "endDate", "partOfDay", "source", "published", "url", "outlet", "author", "scope", "scopeBasis"}
	for _, k := range nodeKeys {
		fmt.Fprintf(bw, "  <key id=\"%s\" for=\"node\" attr.name=\"%s\" attr.type=\"string\"/>\n", k, k)
	}
	for _, k := range []string{"type", "role", "evidence"} {
		fmt.Fprintf(bw, "  <key id=\"e_%s\" for=\"edge\" attr.name=\"%s\" attr.type=\"string\"/>\n", k, k)
	}
	fmt.Fprintf(bw, "  <key id=\"e_supportCount\" for=\"edge\" attr.name=\"supportCount\" attr.type=\"int\"/>\n")
	bw.WriteString("  <graph id=\"kg\" edgedefault=\"directed\">\n")
	for _, n := range g.Nodes {
		fmt.Fprintf(bw, "    <node id=\"%s\">", esc(n.ID))
		vals := []string{n.Name, string(n.Label), n.Name, strings.Join(n.Aliases, ";"), n.Title, string(n.Kind), n.Date, n.EndDate, n.PartOfDay, n.Source, n.Published, n.URL, n.Outlet, n.Author, n.Scope, n.ScopeBasis}
		for i, v := range vals {
			if v != "" {
				fmt.Fprintf(bw, "<data key=\"%s\">%s</data>", nodeKeys[i], esc(v))
			}
		}
		bw.WriteString("</node>\n")
	}
	for _, r := range g.Relations {
		fmt.Fprintf(bw, "    <edge id=\"%s\" source=\"%s\" target=\"%s\"><data key=\"e_type\">%s</data>", esc(r.ID), esc(r.From), esc(r.To), r.Type)
		if r.Role != "" {
			fmt.Fprintf(bw, "<data key=\"e_role\">%s</data>", esc(r.Role))
		}
		fmt.Fprintf(bw, "<data key=\"e_evidence\">%s</data><data key=\"e_supportCount\">%d</data></edge>\n", esc(sentences(r)), len(r.Articles()))
	}
	bw.WriteString("  </graph>\n</graphml>\n")
	return bw.Flush()
}

func writeGEXF(w io.Writer, g *graph.Subgraph) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	bw.WriteString(`<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">` + "\n")
	bw.WriteString(`  <meta><creator>kg</creator></meta>` + "\n")
	bw.WriteString(`  <graph mode="dynamic" defaultedgetype="directed" timeformat="date">` + "\n")
	nodeKeys := []string{"type", "aliases", "title", "kind", "date", "endDate", "partOfDay", "source", "published", "url", "outlet", "author", "scope", "scopeBasis"}
	bw.WriteString(`    <attributes class="node" mode="static">` + "\n")
	for _, k := range nodeKeys {
		fmt.Fprintf(bw, "      <attribute id=\"%s\" title=\"%s\" type=\"string\"/>\n", k, k)
	}
	bw.WriteString("    </attributes>\n")
	bw.WriteString(`    <attributes class="edge" mode="static">` + "\n")
	for _, k := range []string{"type", "role", "evidence"} {
		fmt.Fprintf(bw, "      <attribute id=\"%s\" title=\"%s\" type=\"string\"/>\n", k, k)
	}
	bw.WriteString(`      <attribute id="supportCount" title="supportCount" type="integer"/>` + "\n")
	bw.WriteString("    </attributes>\n    <nodes>\n")
	for _, n := range g.Nodes {
		fmt.Fprintf(bw, "      <node id=\"%s\" label=\"%s\"", esc(n.ID), esc(n.Name))
		// An event lives from its date to its end date (the same day when
		// it has none); other nodes have no interval and always show.
		if n.Date != "" {
			end := n.EndDate
			if end == "" {
				end = n.Date
			}
			fmt.Fprintf(bw, " start=\"%s\" end=\"%s\"", esc(n.Date), esc(end))
		}
		bw.WriteString("><attvalues>")
		vals := []string{string(n.Label), strings.Join(n.Aliases, ";"), n.Title, string(n.Kind), n.Date, n.EndDate, n.PartOfDay, n.Source, n.Published, n.URL, n.Outlet, n.Author, n.Scope, n.ScopeBasis}
		for i, v := range vals {
			if v != "" {
				fmt.Fprintf(bw, "<attvalue for=\"%s\" value=\"%s\"/>", nodeKeys[i], esc(v))
			}
		}
		bw.WriteString("</attvalues></node>\n")
	}
	bw.WriteString("    </nodes>\n    <edges>\n")
	for _, r := range g.Relations {
		support := len(r.Articles())
		fmt.Fprintf(bw, "      <edge id=\"%s\" source=\"%s\" target=\"%s\" label=\"%s\" weight=\"%d\"><attvalues><attvalue for=\"type\" value=\"%s\"/>",
			esc(r.ID), esc(r.From), esc(r.To), esc(string(r.Type)), max(support, 1), esc(string(r.Type)))
		if r.Role != "" {
			fmt.Fprintf(bw, "<attvalue for=\"role\" value=\"%s\"/>", esc(r.Role))
		}
		fmt.Fprintf(bw, "<attvalue for=\"evidence\" value=\"%s\"/><attvalue for=\"supportCount\" value=\"%d\"/></attvalues></edge>\n", esc(sentences(r)), support)
	}
	bw.WriteString("    </edges>\n  </graph>\n</gexf>\n")
	return bw.Flush()
}

// sentences joins a relation's evidence as "article: sentence" lines.
func sentences(r *graph.Relation) string {
	var lines []string
	for _, e := range r.Evidence {
		lines = append(lines, e.ArticleID+": "+e.Sentence)
	}
	return strings.Join(lines, "\n")
}

func writeNodesCSV(w io.Writer, g *graph.Subgraph) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"id:ID", ":LABEL", "name", "aliases:string[]", "title", "kind", "date", "endDate", "partOfDay", "source", "published", "text", "url", "outlet", "author", "scope", "scopeBasis"})
	for _, n := range g.Nodes {
		cw.Write([]string{n.ID, string(n.Label), cell(n.Name), array(n.Aliases), cell(n.Title), string(n.Kind), n.Date, n.EndDate, cell(n.PartOfDay), cell(n.Source), n.Published, cell(n.Text), cell(n.URL), cell(n.Outlet), cell(n.Author), cell(n.Scope), cell(n.ScopeBasis)})
	}
	cw.Flush()
	return cw.Error()
}

func writeRelationsCSV(w io.Writer, g *graph.Subgraph) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{":START_ID", ":END_ID", ":TYPE", "id", "role", "articles:string[]", "sentences:string[]", "supportCount:int"})
	for _, r := range g.Relations {
		var sents []string
		for _, e := range r.Evidence {
			sents = append(sents, e.Sentence)
		}
		cw.Write([]string{r.From, r.To, string(r.Type), r.ID, cell(r.Role), array(r.Articles()), array(sents), fmt.Sprint(len(r.Articles()))})
	}
	cw.Flush()
	return cw.Error()
}

// array joins the elements of an array cell with ArrayDelimiter, each
// escaped by cell and rid of any ArrayDelimiter it holds.
func array(elems []string) string {
	out := make([]string, len(elems))
	for i, e := range elems {
		out[i] = cell(strings.ReplaceAll(e, ArrayDelimiter, " "))
	}
	return strings.Join(out, ArrayDelimiter)
}

// cell escapes a text cell a spreadsheet would run as a formula (one that
// starts with = + - @, a tab or a carriage return) by putting ' before it,
// as OWASP advises for CSV injection: a title "=HYPERLINK(…)" stays text.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
