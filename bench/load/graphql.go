package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// kgQueries are the mix in kg's GraphQL schema.
var kgQueries = map[string]string{
	"events":         `query($name: String!) { person(name: $name) { name events { role event { name date } } } }`,
	"coparticipants": `query($name: String!) { person(name: $name) { coParticipants(first: 5) { person { name } count } } }`,
	"neighbourhood2": `query($id: ID!) { neighbourhood(id: $id, depth: 2) { nodes { id label name } edges { source target type } } }`,
	"path":           `query($id: ID!, $to: ID!) { path(from: $id, to: $to) { length nodes { name } } }`,
	"search":         `query($text: String!) { search(text: $text, first: 10) { score node { id name } } }`,
}

// graphQL is a GraphQL endpoint over HTTP.
type graphQL struct {
	label   string
	url     string
	client  *http.Client
	queries map[string]string
	vars    func(q string, p params) map[string]any
	lister  bool // the endpoint has kg's schema, whose people it can list
}

func newGraphQL(name, url string, conc int) *graphQL {
	return &graphQL{label: name, url: url, client: httpClient(conc), queries: kgQueries, vars: kgVars, lister: true}
}

func kgVars(q string, p params) map[string]any {
	switch q {
	case "events", "coparticipants":
		return map[string]any{"name": p.Name}
	case "neighbourhood2":
		return map[string]any{"id": p.ID}
	case "path":
		return map[string]any{"id": p.ID, "to": p.To}
	default:
		return map[string]any{"text": p.Search}
	}
}

func httpClient(conc int) *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConns = 2 * conc
	tr.MaxIdleConnsPerHost = 2 * conc
	return &http.Client{Transport: tr, Timeout: 60 * time.Second}
}

func (g *graphQL) name() string { return g.label }
func (g *graphQL) close()       { g.client.CloseIdleConnections() }

// ask posts one request and checks the answer: status 200, a data member
// and no errors.
func (g *graphQL) ask(ctx context.Context, q string, p params) error {
	_, err := g.post(ctx, g.queries[q], g.vars(q, p))
	return err
}

func (g *graphQL) post(ctx context.Context, query string, vars map[string]any) (json.RawMessage, error) {
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, g.url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := g.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("HTTP %d: %.300s", resp.StatusCode, b)
	}
	var out struct {
		Data   json.RawMessage `json:"data"`
		Errors []any           `json:"errors"`
	}
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, fmt.Errorf("answer: %w", err)
	}
	if len(out.Errors) > 0 || len(out.Data) == 0 {
		return nil, fmt.Errorf("GraphQL errors: %.300s", b)
	}
	return out.Data, nil
}

func (g *graphQL) canList() bool { return g.lister }

// people lists people through kg's schema.
func (g *graphQL) people(ctx context.Context, n int) ([][2]string, error) {
	data, err := g.post(ctx, `query($n: Int) { people(first: $n) { nodes { id name } } }`, map[string]any{"n": n})
	if err != nil {
		return nil, fmt.Errorf("%s: list people: %w", g.label, err)
	}
	var out struct {
		People struct {
			Nodes []struct{ ID, Name string }
		}
	}
	if err := json.Unmarshal(data, &out); err != nil {
		return nil, err
	}
	var ps [][2]string
	for _, x := range out.People.Nodes {
		ps = append(ps, [2]string{x.ID, x.Name})
	}
	return ps, nil
}

// libraryQueries are the mix in the schema bench/neo4jgraphql/server.mjs
// gives the Neo4j GraphQL Library: generated people queries and
// relationship fields, @cypher fields for the rest.
var libraryQueries = map[string]string{
	"events":         `query($name: String!) { people(where: {name: {eq: $name}}) { name chaired { name date } attended { name date } } }`,
	"coparticipants": `query($name: String!) { people(where: {name: {eq: $name}}) { coParticipants(first: 5) { name count } } }`,
	"neighbourhood2": `query($id: ID!) { neighbourhood(id: $id) { nodes { id label name } edges { source target type } } }`,
	"path":           `query($id: ID!, $to: ID!) { path(from: $id, to: $to) { length nodes } }`,
	"search":         `query($query: String!) { search(query: $query) { id name score } }`,
}

func newLibrary(name, url string, conc int) *graphQL {
	return &graphQL{label: name, url: url, client: httpClient(conc), queries: libraryQueries, vars: func(q string, p params) map[string]any {
		if q == "search" {
			return map[string]any{"query": searchQuery(p.Search)}
		}
		return kgVars(q, p)
	}}
}
