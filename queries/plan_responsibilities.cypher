// title: The responsibility matrix of a jurisdiction's plans / 某行政区计划的责任分工矩阵
// zh: 行政区 $jurisdiction 发布的计划中，每项任务由哪些单位承担、各是什么角色（牵头、配合、落实、负责）？
// en: For each task of the plans issued by jurisdiction $jurisdiction, which units hold it and in which role (lead, support, implement, responsible)?
// One row a (task, unit, role); a task no unit holds has one row with the unit columns and role null. `resp matrix` draws these rows as units × tasks and `resp show JURISDICTION` as a graph.
// param jurisdiction (string): full name of the issuing jurisdiction, e.g. 盈江县
// columns: doc_id, number, task_key, task, section, text, task_jurisdiction, unit_key, unit, canonical_name, unit_jurisdiction, kind, role
MATCH (j:Jurisdiction)<-[:ISSUED_BY]-(d:Document)-[:HAS_TASK]->(t:Task)
WHERE j.name = $jurisdiction
OPTIONAL MATCH (u:Unit)-[r:LEADS|SUPPORTS|IMPLEMENTS|RESPONSIBLE_FOR]->(t)
RETURN d.id AS doc_id, d.number AS number, t.key AS task_key, t.id AS task, t.section AS section,
       t.text AS text, t.jurisdiction AS task_jurisdiction, u.key AS unit_key, u.name AS unit,
       u.canonical_name AS canonical_name, u.jurisdiction AS unit_jurisdiction, u.kind AS kind,
       r.role AS role
ORDER BY doc_id, t.ordinal, unit_key, role
