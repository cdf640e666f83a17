// Lookups by name (NodeRead.Name, NodeFilter.Name) also match aliases:
// these indexes hold only the nodes that have aliases, so that the alias
// half of a lookup seeks them instead of scanning every node of a label.
CREATE INDEX person_aliases IF NOT EXISTS FOR (n:Person) ON (n.aliases);
CREATE INDEX post_aliases IF NOT EXISTS FOR (n:Post) ON (n.aliases);
CREATE INDEX organisation_aliases IF NOT EXISTS FOR (n:Organisation) ON (n.aliases);
CREATE INDEX event_aliases IF NOT EXISTS FOR (n:Event) ON (n.aliases);
CREATE INDEX project_aliases IF NOT EXISTS FOR (n:Project) ON (n.aliases);
CREATE INDEX place_aliases IF NOT EXISTS FOR (n:Place) ON (n.aliases);
CREATE INDEX article_aliases IF NOT EXISTS FOR (n:Article) ON (n.aliases);
