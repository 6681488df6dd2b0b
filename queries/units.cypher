// title: The units of the store / 图中的单位
// zh: 图中有哪些单位（可限定行政区）？各自的规范名称、职能、是否已识别，以及承担任务数？
// en: Which units does the store hold (optionally of one jurisdiction), with their canonical name, function, whether they were resolved, and how many tasks each holds?
// param jurisdiction (string, default ""): full name of the unit's jurisdiction, e.g. 盈江县; "" for all
// columns: unit, jurisdiction, canonical_name, function, resolved, tasks
MATCH (u:Unit)
WHERE $jurisdiction = '' OR u.jurisdiction = $jurisdiction
OPTIONAL MATCH (u)-[:LEADS|SUPPORTS|IMPLEMENTS|RESPONSIBLE_FOR]->(t:Task)
RETURN u.name AS unit, u.jurisdiction AS jurisdiction, u.canonical_name AS canonical_name,
       u.function AS function, u.resolved AS resolved, count(DISTINCT t.key) AS tasks
ORDER BY jurisdiction, unit, canonical_name, function, resolved, tasks
