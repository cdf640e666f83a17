package graph

import "context"

// Preparer is implemented by stores that can do the part of storing an
// article that needs no transaction (validating and encoding its facts)
// ahead of the transaction and on any goroutine, so that a bulk load can
// prepare articles in parallel while the store's one writer stores them.
// Callers type-assert a Store for it and fall back to BatchWriter or
// PutArticle.
type Preparer interface {
	// Prepare returns f made ready for PutPrepared. It is safe for
	// concurrent use and stores nothing. It returns an error wrapping
	// ErrInvalid when f is nil or fails Validate. f must not be modified
	// until the result is stored or dropped.
	Prepare(f *ArticleFacts) (Prepared, error)
	// PutPrepared stores articles prepared by the same store's Prepare in
	// one transaction, with the same result as PutArticles of the facts
	// they were prepared from, in order. It returns an error wrapping
	// ErrInvalid, and stores nothing, when one was prepared by another
	// store or is nil. An empty ps does nothing.
	PutPrepared(ctx context.Context, ps []Prepared) error
}

// Prepared is an article made ready by a Preparer.
type Prepared interface {
	// ArticleID returns the ID of the article.
	ArticleID() string
}
