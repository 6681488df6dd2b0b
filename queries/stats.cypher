// title: Counts of what the store holds / 图中各类数量统计
// zh: 图中各类节点、各角色的责任关系、各行政区的任务各有多少？牵头任务最多的单位有哪些？
// en: How many nodes of each label, responsibilities of each role, derived relationships and tasks per jurisdiction does the store hold, and which units lead the most tasks?
// kind: label (nodes), role (responsibility edges), relationship (derived edges), jurisdiction (tasks of the plans of that jurisdiction), lead_load (key = unit key JURISDICTION|NAME, top $top by tasks led).
// param top (int, default 10): how many units to list by lead load
// columns: kind, key, count
MATCH (n:Document) RETURN 'label' AS kind, 'Document' AS key, count(n) AS count
UNION ALL MATCH (n:Jurisdiction) RETURN 'label' AS kind, 'Jurisdiction' AS key, count(n) AS count
UNION ALL MATCH (n:Task) RETURN 'label' AS kind, 'Task' AS key, count(n) AS count
UNION ALL MATCH (n:Unit) RETURN 'label' AS kind, 'Unit' AS key, count(n) AS count
UNION ALL MATCH (n:Target) RETURN 'label' AS kind, 'Target' AS key, count(n) AS count
UNION ALL MATCH (:Unit)-[r:LEADS]->(:Task) RETURN 'role' AS kind, 'lead' AS key, count(r) AS count
UNION ALL MATCH (:Unit)-[r:SUPPORTS]->(:Task) RETURN 'role' AS kind, 'support' AS key, count(r) AS count
UNION ALL MATCH (:Unit)-[r:IMPLEMENTS]->(:Task) RETURN 'role' AS kind, 'implement' AS key, count(r) AS count
UNION ALL MATCH (:Unit)-[r:RESPONSIBLE_FOR]->(:Task) RETURN 'role' AS kind, 'responsible' AS key, count(r) AS count
UNION ALL MATCH (:Document)-[r:CITES]->(:Document) RETURN 'relationship' AS kind, 'CITES' AS key, count(r) AS count
UNION ALL MATCH (:Unit)-[r:MIRRORS]->(:Unit) RETURN 'relationship' AS kind, 'MIRRORS' AS key, count(r) AS count
UNION ALL MATCH (:Task)-[r:CARRIES]->(:Task) RETURN 'relationship' AS kind, 'CARRIES' AS key, count(r) AS count
UNION ALL MATCH (t:Task) RETURN 'jurisdiction' AS kind, coalesce(t.jurisdiction, '(unknown)') AS key, count(t) AS count ORDER BY key
UNION ALL MATCH (u:Unit)-[r:LEADS]->(:Task) RETURN 'lead_load' AS kind, u.key AS key, count(r) AS count ORDER BY count DESC, key LIMIT $top
