package schema_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/kgproject/kg/export"
	"github.com/kgproject/kg/graph"
)

// chromium finds a Chromium to drive. Without one the test skips, except
// under CI=true, where .ci/run installs Debian's chromium first.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless_shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("CI=true but no Chromium is installed (.ci/run installs Debian's chromium)")
	}
	t.Skip("no Chromium installed (apt-get install chromium)")
	return ""
}

// TestExplorer drives the explorer page in headless Chromium on the seed
// graph: search 吕沛, open him from the hits, expand the 座谈 he attended,
// follow an evidence link to its article. KG_EXPLORER_SCREENSHOT names a PNG file to
// keep the screenshot in.
func TestExplorer(t *testing.T) {
	exe := chromium(t)
	srv := mustServer(t, nil)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.WindowSize(1400, 900))
	ctx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel = chromedp.NewContext(ctx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	defer cancel()

	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(css("#search")),
		chromedp.SendKeys(css("#search"), "吕沛"),
		// Typing lists the hits.
		chromedp.WaitVisible(css(`#results li[data-id="person/吕沛"]`)),
		chromedp.Click(css(`#results li[data-id="person/吕沛"]`)),
		chromedp.WaitVisible(css(`#panel .fact`)),
	)
	if err != nil {
		t.Fatalf("search and open 吕沛: %v", err)
	}
	panel, err := chromedp.Run(ctx, chromedp.Text(css("#panel")))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"吕沛", "CHAIRED", "HOLDS", "高新区（示范区）党工委书记", "主持召开"} {
		if !strings.Contains(panel, want) {
			t.Errorf("吕沛's panel lacks %q:\n%s", want, panel)
		}
	}
	if nodes, err := chromedp.Run(ctx, chromedp.Evaluate[int](`cy.nodes().length`)); err != nil || nodes < 6 {
		t.Errorf("the graph shows %d nodes (%v) after expanding 吕沛, want his neighbourhood", nodes, err)
	}

	symposium := graph.NodeID(graph.LabelEvent, graph.EventKey("2026-01-13", "高新区领导与中信银行焦作分行客人座谈", ""))
	err = chromedp.Do(ctx,
		chromedp.Action[chromedp.Void](func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
			_, err := chromedp.Evaluate[bool](`(cy.getElementById(`+quote(symposium)+`).emit("tap"), true)`)(ctx, t)
			return chromedp.Void{}, err
		}),
		chromedp.WaitVisible(css(`#panel .fact a.node[data-id="person/钱辉"]`)),
		chromedp.Sleep(300*time.Millisecond),
	)
	if err != nil {
		t.Fatalf("expand the 座谈: %v", err)
	}
	if has, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`cy.getElementById("person/钱辉").nonempty()`)); err != nil || !has {
		t.Errorf("expanding the 座谈 did not draw 钱辉 (%v)", err)
	}
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	file := os.Getenv("KG_EXPLORER_SCREENSHOT")
	if file == "" {
		file = filepath.Join(t.TempDir(), "explorer.png")
	}
	if err := os.WriteFile(file, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", file)

	err = chromedp.Do(ctx,
		chromedp.Click(css(`#panel a.article-link`)),
		chromedp.WaitVisible(css(`#panel .article-text mark`)),
	)
	if err != nil {
		t.Fatalf("follow an evidence link: %v", err)
	}
	marked, err := chromedp.Run(ctx, chromedp.Text(css(`#panel .article-text mark`)))
	if err != nil || !strings.Contains(marked, "钱辉") {
		t.Errorf("the article marks %q (%v), want the sentence naming 钱辉", marked, err)
	}
}

func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }

// TestGraphiQLInChromium loads GraphiQL, which introspects the schema, and
// runs its default query (the result pane shows only its first lines).
func TestGraphiQLInChromium(t *testing.T) {
	exe := chromium(t)
	srv := mustServer(t, nil)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.WindowSize(1400, 900))
	ctx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel = chromedp.NewContext(ctx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/graphiql"),
		chromedp.WaitVisible(chromedp.CSS(".graphiql-execute-button")),
		// The documentation explorer fills once introspection succeeded.
		chromedp.Click(chromedp.CSS(`button[aria-label="Show Documentation Explorer"]`)),
		chromedp.WaitVisible(chromedp.CSS(".graphiql-doc-explorer")),
		chromedp.Click(chromedp.CSS(".graphiql-execute-button")),
		chromedp.Poll[chromedp.Void](`document.querySelector(".result-window") && document.querySelector(".result-window").innerText.includes('"totalCount": 6')`),
	)
	if err != nil {
		t.Fatalf("GraphiQL: %v", err)
	}
	docs, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".graphiql-doc-explorer")))
	if err != nil || !strings.Contains(docs, "Query") {
		t.Errorf("the documentation explorer shows %q (%v), want the Query type", docs, err)
	}
}

// TestExportCytoscape loads /export?format=cytoscape with cytoscape.js in
// headless Chromium (the copy the explorer serves), as a front-end would:
// cytoscape({elements: doc.elements}) must hold every node and edge, each
// edge between its two nodes.
func TestExportCytoscape(t *testing.T) {
	exe := chromium(t)
	srv := mustServer(t, nil)
	g, err := export.ReadGraph(context.Background(), mustOpenSeed(t))
	if err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox)
	ctx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel = chromedp.NewContext(ctx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS("#search"))); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`fetch("/export?format=cytoscape").then(r => r.json()).then(doc => {
		const c = cytoscape({headless: true, elements: doc.elements});
		const whole = c.edges().filter(e => e.source().nonempty() && e.target().nonempty()).length;
		return [c.nodes().length, c.edges().length, whole, c.getElementById("person/吕沛").data("name")].join(",");
	})`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("cytoscape.js: %v", err)
	}
	if want := fmt.Sprintf("%d,%d,%d,吕沛", len(g.Nodes), len(g.Relations), len(g.Relations)); got != want {
		t.Errorf("cytoscape.js reads nodes, edges, edges between two nodes, 吕沛's name = %s, want %s", got, want)
	}
}
