// title: Counts of what the store holds / 图中各类数量统计
// zh: 图中各类节点、各角色的责任关系、各类派生关系、各行政区的任务各有多少？
// en: How many nodes of each label, responsibilities of each role, derived relationships, and tasks per jurisdiction does the store hold?
// kind: label (nodes), role (responsibility edges), relationship (derived edges), jurisdiction (tasks of the plans of that jurisdiction); rows in that order. `resp stats` adds the rows of lead_load.
// One query without UNION: LadybugDB does not keep the order of UNION branches.
// columns: kind, key, count
// (the per-jurisdiction list is built last: carried through the count stages it cost LadybugDB 35x)
OPTIONAL MATCH (n:Document) WITH count(n) AS documents
OPTIONAL MATCH (n:Jurisdiction) WITH documents, count(n) AS jurisdictions
OPTIONAL MATCH (n:Task) WITH documents, jurisdictions, count(n) AS tasks
OPTIONAL MATCH (n:Unit) WITH documents, jurisdictions, tasks, count(n) AS units
OPTIONAL MATCH (n:Target) WITH documents, jurisdictions, tasks, units, count(n) AS targets
OPTIONAL MATCH (:Unit)-[r:LEADS]->(:Task)
WITH documents, jurisdictions, tasks, units, targets, count(r) AS lead
OPTIONAL MATCH (:Unit)-[r:SUPPORTS]->(:Task)
WITH documents, jurisdictions, tasks, units, targets, lead, count(r) AS support
OPTIONAL MATCH (:Unit)-[r:IMPLEMENTS]->(:Task)
WITH documents, jurisdictions, tasks, units, targets, lead, support, count(r) AS implement
OPTIONAL MATCH (:Unit)-[r:RESPONSIBLE_FOR]->(:Task)
WITH documents, jurisdictions, tasks, units, targets, lead, support, implement,
     count(r) AS responsible
OPTIONAL MATCH (:Document)-[r:CITES]->(:Document)
WITH documents, jurisdictions, tasks, units, targets, lead, support, implement,
     responsible, count(r) AS cites
OPTIONAL MATCH (:Unit)-[r:MIRRORS]->(:Unit)
WITH documents, jurisdictions, tasks, units, targets, lead, support, implement,
     responsible, cites, count(r) AS mirrors
OPTIONAL MATCH (:Task)-[r:CARRIES]->(:Task)
WITH documents, jurisdictions, tasks, units, targets, lead, support, implement,
     responsible, cites, mirrors, count(r) AS carries
OPTIONAL MATCH (t:Task)
WITH documents, jurisdictions, tasks, units, targets, lead, support, implement, responsible, cites, mirrors, carries, coalesce(t.jurisdiction, '(unknown)') AS place, count(t) AS n
WITH documents, jurisdictions, tasks, units, targets, lead, support, implement, responsible, cites, mirrors, carries, collect(CASE WHEN n > 0 THEN {o: 4, s: 0, kind: 'jurisdiction', key: place, count: n} END) AS places
UNWIND [{o: 1, s: 1, kind: 'label', key: 'Document', count: documents},
        {o: 1, s: 2, kind: 'label', key: 'Jurisdiction', count: jurisdictions},
        {o: 1, s: 3, kind: 'label', key: 'Task', count: tasks},
        {o: 1, s: 4, kind: 'label', key: 'Unit', count: units},
        {o: 1, s: 5, kind: 'label', key: 'Target', count: targets},
        {o: 2, s: 1, kind: 'role', key: 'lead', count: lead},
        {o: 2, s: 2, kind: 'role', key: 'support', count: support},
        {o: 2, s: 3, kind: 'role', key: 'implement', count: implement},
        {o: 2, s: 4, kind: 'role', key: 'responsible', count: responsible},
        {o: 3, s: 1, kind: 'relationship', key: 'CITES', count: cites},
        {o: 3, s: 2, kind: 'relationship', key: 'MIRRORS', count: mirrors},
        {o: 3, s: 3, kind: 'relationship', key: 'CARRIES', count: carries}] + places AS row
RETURN row.kind AS kind, row.key AS key, row.count AS count
ORDER BY row.o, row.s, row.key
