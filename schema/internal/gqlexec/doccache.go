package gqlexec

import (
	"sync"

	"github.com/graphql-go/graphql/language/ast"
)

// DocCache keeps the parsed documents of queries that passed validation,
// keyed by their text: clients send the same few query texts with other
// variables, and parsing and validating a document costs more than
// executing it on the embedded store. Executing never modifies a document,
// so one is shared by concurrent requests. The zero DocCache is empty and
// ready; it is safe for concurrent use.
type DocCache struct {
	mu   sync.RWMutex
	docs map[string]*ast.Document
}

// maxCachedDocs bounds the cache; when full it starts afresh, which is
// enough for a working set of a few dozen texts and keeps a client that
// sends ever new texts from growing it.
const maxCachedDocs = 512

// maxCachedText is the longest query text kept.
const maxCachedText = 16 << 10

// Get returns the document kept for text, or nil.
func (c *DocCache) Get(text string) *ast.Document {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.docs[text]
}

// Put keeps doc, which must have passed validation, for text; a text
// longer than maxCachedText is not kept.
func (c *DocCache) Put(text string, doc *ast.Document) {
	if len(text) > maxCachedText {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.docs == nil || len(c.docs) >= maxCachedDocs {
		c.docs = make(map[string]*ast.Document)
	}
	c.docs[text] = doc
}
