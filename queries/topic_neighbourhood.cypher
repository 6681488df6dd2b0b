// title: The tasks on a topic and every unit that holds them / 某方面的任务及其全部承担单位
// zh: 任务文本中含有 $text 的任务（如“托育”）由哪些单位承担，各是什么角色？可限定某一行政区的计划。
// en: Which units hold the tasks whose text contains $text (a topic such as 托育), and in which roles, optionally only in the plans of one jurisdiction?
// Unlike who_leads, every role counts. A task no unit holds has one row with the unit columns and role null. `resp show TOPIC` draws these rows as a graph.
// param text (string): a fragment of the task text, e.g. 托育
// Bounded on a national store: at most $max_tasks tasks are expanded (the first in plan order), since without a jurisdiction 托育 alone is 41,544 tasks in 3,000 plans (128k rows). resp says when the cap is reached; a jurisdiction narrows the question, `resp who-leads TOPIC --by function` counts it across places.
// param jurisdiction (string, default ""): full name of the issuing jurisdiction, e.g. 昆明市; "" for all
// param max_tasks (int, default 1000): the most tasks expanded (at most 5000)
// cap: max_tasks <= 5000 over task_key
// columns: doc_id, number, task_key, task, section, text, task_jurisdiction, unit_key, unit, canonical_name, unit_jurisdiction, kind, role
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
WHERE t.text CONTAINS $text
  AND ($jurisdiction = '' OR t.jurisdiction = $jurisdiction)
WITH d, t
ORDER BY d.id, t.ordinal
LIMIT $max_tasks
OPTIONAL MATCH (u:Unit)-[r:LEADS|SUPPORTS|IMPLEMENTS|RESPONSIBLE_FOR]->(t)
RETURN d.id AS doc_id, d.number AS number, t.key AS task_key, t.id AS task, t.section AS section,
       t.text AS text, t.jurisdiction AS task_jurisdiction, u.key AS unit_key, u.name AS unit,
       u.canonical_name AS canonical_name, u.jurisdiction AS unit_jurisdiction, u.kind AS kind,
       r.role AS role
ORDER BY doc_id, t.ordinal, unit_key, role
