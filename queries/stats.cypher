// title: Counts of what the store holds / 图中各类数量统计
// zh: 图中各类节点、各角色的责任关系、各类派生关系、各行政区的任务各有多少？
// en: How many nodes of each label, responsibilities of each role, derived relationships, and tasks per jurisdiction does the store hold?
// kind: label (nodes), role (responsibility edges), relationship (derived edges), jurisdiction (tasks of the plans of that jurisdiction); rows in that order. `resp stats` adds the rows of lead_load.
// One statement a count, run in order, their rows one after another (paste them all: Neo4j Browser runs each in turn). Alone, a count is read from the engine's count store (under 1 ms on 3,000 plans on LadybugDB, and on Neo4j); chained in one statement, every count scanned its relationships (350 ms).
// columns: kind, key, count
MATCH (n:Document) WITH count(n) AS count RETURN 'label' AS kind, 'Document' AS key, count;
MATCH (n:Jurisdiction) WITH count(n) AS count RETURN 'label' AS kind, 'Jurisdiction' AS key, count;
MATCH (n:Task) WITH count(n) AS count RETURN 'label' AS kind, 'Task' AS key, count;
MATCH (n:Unit) WITH count(n) AS count RETURN 'label' AS kind, 'Unit' AS key, count;
MATCH (n:Target) WITH count(n) AS count RETURN 'label' AS kind, 'Target' AS key, count;
MATCH ()-[r:LEADS]->() WITH count(r) AS count RETURN 'role' AS kind, 'lead' AS key, count;
MATCH ()-[r:SUPPORTS]->() WITH count(r) AS count RETURN 'role' AS kind, 'support' AS key, count;
MATCH ()-[r:IMPLEMENTS]->() WITH count(r) AS count RETURN 'role' AS kind, 'implement' AS key, count;
MATCH ()-[r:RESPONSIBLE_FOR]->() WITH count(r) AS count RETURN 'role' AS kind, 'responsible' AS key, count;
MATCH ()-[r:CITES]->() WITH count(r) AS count RETURN 'relationship' AS kind, 'CITES' AS key, count;
MATCH ()-[r:MIRRORS]->() WITH count(r) AS count RETURN 'relationship' AS kind, 'MIRRORS' AS key, count;
MATCH ()-[r:CARRIES]->() WITH count(r) AS count RETURN 'relationship' AS kind, 'CARRIES' AS key, count;
MATCH (t:Task) WITH coalesce(t.jurisdiction, '(unknown)') AS key, count(t) AS count
RETURN 'jurisdiction' AS kind, key, count
ORDER BY key;
