package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"strings"

	"github.com/kgproject/kg/schema"
)

var queryCommand = command{
	name: "query", args: "[--data DIR | --url URL] [--variables JSON] [--operation NAME] QUERY|-",
	summary: "run one GraphQL request against the store",
	help: `Runs one GraphQL request and prints the JSON response. "-" reads the
request from standard input: either a bare query or a JSON body
{"query", "variables", "operationName"}. With --url it asks a running
kg serve instead of opening the store (which kg serve keeps locked),
sending $KG_TOKEN as its bearer token when set. The
exit status is 1 when the request could not be executed (it did not parse
or validate).`,
	new: func() runner { return &queryCmd{} },
}

// queryCmd is kg query.
type queryCmd struct {
	store     storeOptions
	url       string
	variables string
	operation string
	// query is the request, or "-" to read it from standard input.
	query string
}

func (c *queryCmd) flags(fs *flag.FlagSet, getenv func(string) string) {
	c.store.flags(fs, getenv)
	fs.StringVar(&c.url, "url", "", "the GraphQL endpoint of a running kg serve, e.g. http://127.0.0.1:8080/graphql")
	fs.StringVar(&c.variables, "variables", "", "the request's variables, a JSON object")
	fs.StringVar(&c.operation, "operation", "", "the operation to run when QUERY has several")
}

func (c *queryCmd) setArgs(args []string) error {
	if len(args) != 1 {
		return usagef("query: give one QUERY, or - to read it from standard input")
	}
	c.query = args[0]
	return nil
}

func (c *queryCmd) run(ctx context.Context, m *Main) error {
	req, err := c.request(m.Stdin)
	if err != nil {
		return err
	}
	if c.url != "" {
		return c.queryServer(ctx, m, req)
	}
	st, err := c.store.open(ctx, m, false)
	if err != nil {
		return err
	}
	// The store is the operator's own, read in-process: no client to bound.
	// Lists are whole up to the largest page, as kgscore reads them.
	wd, _ := os.Getwd()
	s, err := schema.New(st, &schema.Options{Logger: m.logger(), MaxCost: math.MaxInt32, MaxBytes: 1 << 30, ListFirst: 500, SourceDir: wd})
	if err != nil {
		return err
	}
	resp := s.Do(ctx, req)
	b, err := json.MarshalIndent(resp, "", "  ")
	if err != nil {
		return fmt.Errorf("query: encode response: %w", err)
	}
	if _, err := fmt.Fprintf(m.Stdout, "%s\n", b); err != nil {
		return fmt.Errorf("query: write: %w", err)
	}
	if resp.Data == nil {
		return errReported
	}
	return nil
}

// queryServer sends req to the GraphQL endpoint c.url and prints its
// answer; it fails when the server does not answer with GraphQL.
func (c *queryCmd) queryServer(ctx context.Context, m *Main, req *schema.Request) error {
	body, err := json.Marshal(req)
	if err != nil {
		return fmt.Errorf("query: %w", err)
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url, bytes.NewReader(body))
	if err != nil {
		return usagef("query: --url: %v", err)
	}
	hreq.Header.Set("Content-Type", "application/json")
	hreq.Header.Set("Accept", "application/graphql-response+json, application/json;q=0.9")
	if token := m.Getenv("KG_TOKEN"); token != "" {
		hreq.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(hreq)
	if err != nil {
		return fmt.Errorf("query: %w", err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("query: read the answer of %s: %w", c.url, err)
	}
	var answer struct {
		Data json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(raw, &answer); err != nil {
		return fmt.Errorf("query: %s answered %s, not GraphQL: %.200s", c.url, resp.Status, raw)
	}
	var out bytes.Buffer
	if err := json.Indent(&out, raw, "", "  "); err != nil {
		return fmt.Errorf("query: %w", err)
	}
	out.WriteByte('\n')
	if _, err := m.Stdout.Write(out.Bytes()); err != nil {
		return fmt.Errorf("query: write: %w", err)
	}
	if answer.Data == nil {
		return errReported
	}
	return nil
}

// request builds the GraphQL request from the argument or stdin.
func (c *queryCmd) request(stdin io.Reader) (*schema.Request, error) {
	text := c.query
	if text == "-" {
		b, err := io.ReadAll(stdin)
		if err != nil {
			return nil, fmt.Errorf("query: read standard input: %w", err)
		}
		text = string(b)
	}
	req := &schema.Request{Query: text, OperationName: c.operation}
	if trimmed := strings.TrimSpace(text); strings.HasPrefix(trimmed, "{") {
		var body schema.Request
		dec := json.NewDecoder(strings.NewReader(trimmed))
		if err := dec.Decode(&body); err == nil && body.Query != "" {
			req = &body
		}
	}
	if c.variables != "" {
		if err := json.Unmarshal([]byte(c.variables), &req.Variables); err != nil {
			return nil, usagef("query: --variables: not a JSON object: %v", err)
		}
	}
	if c.operation != "" {
		req.OperationName = c.operation
	}
	return req, nil
}
