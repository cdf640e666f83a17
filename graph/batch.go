package graph

import "context"

// BatchWriter is implemented by stores that can store several articles in
// one transaction, which amortises the cost of committing (a disk sync, a
// network round trip) over many articles. Callers type-assert a Store for it
// and fall back to one PutArticle per article.
type BatchWriter interface {
	// PutArticles stores the articles in one transaction, with the same
	// result as calling PutArticle for each of them in order: an article
	// listed twice ends with the facts of its last listing. It is atomic as
	// a whole: on error nothing of the batch is stored. It returns
	// ErrInvalid, naming the article, when any of fs fails Validate, and
	// stores nothing then; it does not modify fs. An empty fs does nothing.
	PutArticles(ctx context.Context, fs []*ArticleFacts) error
}
