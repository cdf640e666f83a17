// Package graph is kg's domain: the nodes and relations extracted from
// Chinese news articles, the evidence that supports each relation, and the
// Store interface that every backend implements.
//
// # Data model
//
// A graph is a property graph. Every node has an ID, a Label and a Name; the
// labels are, with the fields each uses:
//
//	Person        Name, Aliases (other written forms, e.g. 刘宁书记 resolves to 刘宁)
//	Post          Name (organisation + title, e.g. 高新区（示范区）党工委书记), Title (书记)
//	Organisation  Name (the fullest form seen), Aliases (abbreviations: 高新区党工委)
//	Event         Name, Kind, Date and EndDate (YYYY-MM-DD), PartOfDay (上午, 下午, 晚上 …)
//	Project       Name, Aliases
//	Place         Name
//	Article       Name and Title (the headline), Source, Published (YYYY-MM-DD), URL, Outlet, Author, Page, Text, Scope and ScopeBasis (the locale its context gives, and how)
//
// Relations are directed and typed; the types read as Neo4j relationship types:
//
//	HOLDS         Person       -> Post
//	OF            Post         -> Organisation
//	CHAIRED       Person       -> Event
//	ATTENDED      Person       -> Event
//	PARTICIPATED  Organisation -> Event         (Role: attended, guided, hosted, signed, visited, convened, unveiled)
//	REPORTED_AT   Organisation -> Event
//	DISCUSSED     Event        -> Project
//	AUTHORED      Person       -> Article       (reporters)
//	REPORTS       Article      -> Event
//	MENTIONS      Article      -> any node the article names
//
// In Neo4j each label above is a node label and each type a relationship
// type, so the graph reads naturally in Neo4j Browser.
//
// # Evidence and support
//
// Facts enter a Store one article at a time, as ArticleFacts. Every relation
// carries Evidence: the article, the sentence and the sentence's offsets in
// the article text (Unicode code points, end exclusive). A node is supported
// by the articles whose facts include it, a relation by the articles that
// give evidence for it. PutArticle replaces everything an article supported
// before, and DeleteArticle retracts it: a node or relation that no article
// supports any more is removed, and one that other articles still support
// keeps exactly their contributions. When several articles describe the same
// node, MergeNodes decides its properties, so that every backend answers the
// same.
//
// # Identity
//
// IDs are stable and readable: NodeID(LabelPerson, "吕沛") is "person/吕沛".
// Ingesting the same article twice therefore yields the same IDs and changes
// nothing. RelationID derives a relation's ID from its type, ends and role.
package graph
