// server.mjs serves kg's Neo4j graph with the Neo4j GraphQL Library
// (@neo4j/graphql), for bench/load's comparison of the same analyst
// questions: type definitions written for kg's model (graph/doc.go), with
// @cypher fields for what the library does not generate (co-participants,
// neighbourhood, path, full-text search). Plain node:http and graphql-js,
// no framework in between, so that the library is measured, not a server.
//
//   node server.mjs [PORT] [BOLT_URI]     (defaults 4000, bolt://127.0.0.1:7687)
import http from "node:http";
import { graphql } from "graphql";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

const port = Number(process.argv[2] || 4000);
const uri = process.argv[3] || "bolt://127.0.0.1:7687";

const typeDefs = /* GraphQL */ `
  type Person @node {
    id: ID!
    name: String!
    chaired: [Event!]! @relationship(type: "CHAIRED", direction: OUT)
    attended: [Event!]! @relationship(type: "ATTENDED", direction: OUT)
    coParticipants(first: Int = 5): [CoParticipant!]!
      @cypher(
        statement: """
        MATCH (this)-[:CHAIRED|ATTENDED]->(e:Event)<-[:CHAIRED|ATTENDED]-(q:Person)
        WHERE q <> this
        WITH q, count(DISTINCT e) AS shared
        ORDER BY shared DESC, q.id LIMIT $first
        RETURN {name: q.name, count: shared} AS c
        """
        columnName: "c"
      )
  }
  type Event @node {
    id: ID!
    name: String!
    date: String
  }
  type CoParticipant {
    name: String!
    count: Int!
  }
  type GraphNode {
    id: ID!
    label: String!
    name: String!
  }
  type GraphEdge {
    source: ID!
    target: ID!
    type: String!
  }
  type Subgraph {
    nodes: [GraphNode!]!
    edges: [GraphEdge!]!
  }
  type Path {
    length: Int
    nodes: [String!]
  }
  type Hit {
    id: ID!
    name: String!
    score: Float!
  }
  type Query {
    neighbourhood(id: ID!): Subgraph
      @cypher(
        statement: """
        MATCH (s:Person {id: $id})
        OPTIONAL MATCH p = (s)-[*1..2]-(n)
        WITH s, n, min(length(p)) AS d ORDER BY d, n.id LIMIT 99
        WITH s, [s] + collect(n) AS ns
        UNWIND ns AS a
        OPTIONAL MATCH (a)-[r]-(b) WHERE b IN ns
        WITH ns, collect(DISTINCT r) AS rs
        RETURN {
          nodes: [x IN ns | {id: x.id, label: head(labels(x)), name: x.name}],
          edges: [r IN rs | {source: startNode(r).id, target: endNode(r).id, type: type(r)}]
        } AS g
        """
        columnName: "g"
      )
    path(from: ID!, to: ID!): Path
      @cypher(
        statement: """
        MATCH (a:Person {id: $from}), (b:Person {id: $to})
        OPTIONAL MATCH p = shortestPath((a)-[*..6]-(b))
        RETURN {length: length(p), nodes: [n IN nodes(p) | n.name]} AS r
        """
        columnName: "r"
      )
    search(query: String!): [Hit!]!
      @cypher(
        statement: """
        CALL db.index.fulltext.queryNodes('kg_search', $query, {limit: 10}) YIELD node, score
        RETURN {id: node.id, name: node.name, score: score} AS h
        """
        columnName: "h"
      )
  }
`;

const driver = neo4j.driver(uri, neo4j.auth.basic("neo4j", "unused"));
const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();

const server = http.createServer((req, res) => {
  if (req.method !== "POST") {
    res.writeHead(405).end();
    return;
  }
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", async () => {
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      res.writeHead(400).end();
      return;
    }
    const result = await graphql({
      schema,
      source: body.query,
      variableValues: body.variables,
      contextValue: {},
    });
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify(result));
  });
});
server.keepAliveTimeout = 60000;
server.listen(port, "127.0.0.1", () => console.error(`neo4jgraphql: serving on http://127.0.0.1:${port}/graphql`));
process.on("SIGTERM", async () => {
  server.close();
  await driver.close();
  process.exit(0);
});
