// title: Units not resolved to a known body / 未识别的单位
// zh: 哪些单位名称未能对应到已知的机构（无规范名称或职能），需要补充别名数据？
// en: Which units could not be resolved to a known body (no canonical name or function from data/units), so their aliases need adding?
// param jurisdiction (string, default ""): full name of the unit's jurisdiction, e.g. 盈江县; "" for all
// columns: unit, jurisdiction, canonical_name, function, resolved, tasks
MATCH (u:Unit)
WHERE (u.resolved IS NULL OR u.resolved = false)
  AND ($jurisdiction = '' OR u.jurisdiction = $jurisdiction)
OPTIONAL MATCH (u)-[:LEADS|SUPPORTS|IMPLEMENTS|RESPONSIBLE_FOR]->(t:Task)
RETURN u.name AS unit, u.jurisdiction AS jurisdiction, u.canonical_name AS canonical_name,
       u.function AS function, u.resolved AS resolved, count(DISTINCT t.key) AS tasks
ORDER BY jurisdiction, unit, canonical_name, function, resolved, tasks
