// title: A unit's tasks and the units it shares them with / 某单位的任务及共同承担的单位
// zh: 单位 $unit 承担哪些任务？这些任务还由哪些单位承担，各是什么角色？
// en: Which tasks does unit $unit hold, and which units (itself included) hold those tasks, in which roles?
// One row a (task, unit, role) on every task $unit holds; $unit is matched against the printed and the canonical name. `resp show UNIT` draws these rows as a graph.
// param unit (string): printed or canonical unit name, e.g. 县卫生健康局
// Bounded on a national store: at most $max_tasks of the unit's tasks are expanded (by task key), since a printed name such as 县卫生健康局 without a jurisdiction is every county's bureau (34,017 tasks, 175k rows on 3,000 plans). resp says when the cap is reached; a jurisdiction narrows the question.
// param jurisdiction (string, default ""): full name of the unit's jurisdiction, e.g. 盈江县; "" for all
// param max_tasks (int, default 1000): the most tasks expanded (at most 5000)
// cap: max_tasks <= 5000 over task_key
// columns: doc_id, number, task_key, task, section, text, task_jurisdiction, unit_key, unit, canonical_name, unit_jurisdiction, kind, role
MATCH (s:Unit)-[:LEADS|SUPPORTS|IMPLEMENTS|RESPONSIBLE_FOR]->(t:Task)
WHERE (s.name = $unit OR s.canonical_name = $unit)
  AND ($jurisdiction = '' OR s.jurisdiction = $jurisdiction)
WITH DISTINCT t
ORDER BY t.key
LIMIT $max_tasks
MATCH (t)<-[r:LEADS|SUPPORTS|IMPLEMENTS|RESPONSIBLE_FOR]-(u:Unit)
MATCH (d:Document)-[:HAS_TASK]->(t)
RETURN d.id AS doc_id, d.number AS number, t.key AS task_key, t.id AS task,
       t.section AS section, t.text AS text, t.jurisdiction AS task_jurisdiction,
       u.key AS unit_key, u.name AS unit, u.canonical_name AS canonical_name,
       u.jurisdiction AS unit_jurisdiction, u.kind AS kind, r.role AS role
ORDER BY doc_id, t.ordinal, unit_key, role
