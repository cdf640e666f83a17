package ingest

import (
	"fmt"
	"strings"

	"golang.org/x/net/html"
)

// meta is what an input says about an article besides its text: each
// field empty when the input does not say it. Published is YYYY-MM-DD.
type meta struct {
	Title, Published, URL, Outlet, Author string
}

// readHTML reads an HTML page: what its head and visible date and source
// lines say of the article, and the text of its main content, a block
// element a line.
func readHTML(s string) (meta, string, error) {
	title, body, err := htmlText(s)
	return meta{Title: title}, body, err
}

// htmlText extracts the title and the block text of an HTML page.
func htmlText(s string) (string, string, error) {
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return "", "", fmt.Errorf("parse html: %w", err)
	}
	var title, h1 string
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "style", "noscript", "nav", "footer", "header":
				if n.Data != "header" {
					return
				}
			case "title":
				title = strings.TrimSpace(nodeText(n))
				return
			case "h1":
				if h1 == "" {
					h1 = strings.TrimSpace(nodeText(n))
					return
				}
			case "p", "div", "br", "h2", "h3", "h4", "li", "section", "article", "tr":
				b.WriteString("\n")
			}
		}
		if n.Type == html.TextNode {
			b.WriteString(strings.TrimSpace(n.Data))
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && (n.Data == "p" || n.Data == "div" || n.Data == "h2" || n.Data == "h3") {
			b.WriteString("\n")
		}
	}
	walk(doc)
	if h1 != "" {
		title = h1
	}
	return title, b.String(), nil
}

func nodeText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
