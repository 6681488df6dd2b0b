// title: Who leads one task / 某项任务由谁牵头
// zh: 行政区 $jurisdiction 的计划中第 $task 项任务由哪些单位牵头？
// en: Which units lead task $task of the plans of jurisdiction $jurisdiction (a task given as JURISDICTION:ID)?
// The task id is as printed in the plan (12, 3.2, 七.3). Only the lead role (LEADS) counts.
// param jurisdiction (string): full name of the issuing jurisdiction, e.g. 盈江县
// param task (string): the task id as printed, e.g. 7
// columns: unit, jurisdiction, task, text
MATCH (u:Unit)-[:LEADS]->(t:Task)
WHERE t.jurisdiction = $jurisdiction AND t.id = $task
RETURN u.name AS unit, t.jurisdiction AS jurisdiction, t.id AS task, t.text AS text
ORDER BY jurisdiction, t.doc_id, unit
