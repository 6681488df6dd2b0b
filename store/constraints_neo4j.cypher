// Uniqueness constraints for a Neo4j server (`resp push`, `resp load --neo4j`), run before
// any data: each key of docs/graph-model.md is unique, and the index behind each
// constraint is what makes `MERGE (n:Label {key: ...})` a lookup instead of a scan.
// Neo4j 5 syntax; `IF NOT EXISTS` makes pushing again a no-op. One statement per `;`.
CREATE CONSTRAINT resp_document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT resp_jurisdiction_name IF NOT EXISTS FOR (n:Jurisdiction) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT resp_task_key IF NOT EXISTS FOR (n:Task) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT resp_unit_key IF NOT EXISTS FOR (n:Unit) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT resp_target_key IF NOT EXISTS FOR (n:Target) REQUIRE n.key IS UNIQUE;
