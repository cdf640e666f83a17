// Every node is found by its id; the constraints also index it.
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT post_id IF NOT EXISTS FOR (n:Post) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT organisation_id IF NOT EXISTS FOR (n:Organisation) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT project_id IF NOT EXISTS FOR (n:Project) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT place_id IF NOT EXISTS FOR (n:Place) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT article_id IF NOT EXISTS FOR (n:Article) REQUIRE n.id IS UNIQUE;

// Relations are found by their id (graph.RelationID) when an article's
// evidence is added or retracted.
CREATE CONSTRAINT holds_id IF NOT EXISTS FOR ()-[r:HOLDS]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT of_id IF NOT EXISTS FOR ()-[r:OF]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT chaired_id IF NOT EXISTS FOR ()-[r:CHAIRED]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT attended_id IF NOT EXISTS FOR ()-[r:ATTENDED]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT participated_id IF NOT EXISTS FOR ()-[r:PARTICIPATED]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT reported_at_id IF NOT EXISTS FOR ()-[r:REPORTED_AT]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT discussed_id IF NOT EXISTS FOR ()-[r:DISCUSSED]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT authored_id IF NOT EXISTS FOR ()-[r:AUTHORED]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT reports_id IF NOT EXISTS FOR ()-[r:REPORTS]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT mentions_id IF NOT EXISTS FOR ()-[r:MENTIONS]-() REQUIRE r.id IS UNIQUE;

// Lookups by name (NodeFilter.Name) and by event date and kind.
CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name);
CREATE INDEX post_name IF NOT EXISTS FOR (n:Post) ON (n.name);
CREATE INDEX organisation_name IF NOT EXISTS FOR (n:Organisation) ON (n.name);
CREATE INDEX event_name IF NOT EXISTS FOR (n:Event) ON (n.name);
CREATE INDEX project_name IF NOT EXISTS FOR (n:Project) ON (n.name);
CREATE INDEX place_name IF NOT EXISTS FOR (n:Place) ON (n.name);
CREATE INDEX article_name IF NOT EXISTS FOR (n:Article) ON (n.name);
CREATE INDEX event_date IF NOT EXISTS FOR (n:Event) ON (n.date);
CREATE INDEX event_kind IF NOT EXISTS FOR (n:Event) ON (n.kind);
CREATE INDEX article_published IF NOT EXISTS FOR (n:Article) ON (n.published);

// Search: kg_search holds the character pairs (and, marked with #, the
// single characters) of the search keys of a node's name and aliases,
// separated by spaces, so that the whitespace analyzer indexes exactly the
// tokens graph.Score compares.
CREATE FULLTEXT INDEX kg_search IF NOT EXISTS
FOR (n:Person|Post|Organisation|Event|Project|Place|Article) ON EACH [n.kg_search]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}};
