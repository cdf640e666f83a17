// Records are kept by group: the articles stored by one transaction make a
// group, and the parts of a node, or the evidence for a relation, given by
// the articles of one group share one record. A KgPart {k, n, v} holds node
// n as each article of the group gives it (v, a JSON object from article
// ID to graph.Node); a KgEvidence {k, r, t, v} the evidence the group's
// articles give for relation r of type t (v, a JSON array of
// graph.Evidence, each naming its article); k is the group and the node or
// relation (see recordKey in write.go). A KgArticle {a, g, n, r} names the
// group g of article a and the nodes n and relations r it contributes to,
// so that a write finds an article's records by their keys. A transaction
// of 256 articles writes a few thousand records instead of thirteen
// thousand. Records of the earlier format (one per article, with a) are
// refused by Open; the indexes of 002 on a index nothing any more.
CREATE INDEX kgpart_key IF NOT EXISTS FOR (p:KgPart) ON (p.k);
CREATE INDEX kgevidence_key IF NOT EXISTS FOR (e:KgEvidence) ON (e.k);
CREATE INDEX kgarticle_article IF NOT EXISTS FOR (k:KgArticle) ON (k.a);
