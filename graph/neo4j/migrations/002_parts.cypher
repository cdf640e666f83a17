// Each article's contribution is kept apart from the shared nodes and
// relationships (see write.go): a KgPart {a, n, v} is the node n as article
// a gives it (v, JSON of graph.Node), a KgEvidence {a, r, t, v} the
// evidence article a gives for relation r of type t (v, a JSON array of
// graph.Evidence). A write finds its articles' records by a, recomputes a
// node from its parts by n, and reads a relation's evidence by r.
// Uniqueness of (a, n) and (a, r) holds by construction: only a
// transaction holding the lock on article a's node writes a's records.
CREATE INDEX kgpart_article IF NOT EXISTS FOR (p:KgPart) ON (p.a);
CREATE INDEX kgpart_node IF NOT EXISTS FOR (p:KgPart) ON (p.n);
CREATE INDEX kgevidence_article IF NOT EXISTS FOR (e:KgEvidence) ON (e.a);
CREATE INDEX kgevidence_relation IF NOT EXISTS FOR (e:KgEvidence) ON (e.r);
