// Reading an input again asks for the articles it held before
// (NodeFilter.Page), once per input: the lookup seeks this index.
CREATE INDEX article_page IF NOT EXISTS FOR (n:Article) ON (n.page);
