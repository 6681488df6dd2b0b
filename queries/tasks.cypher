// title: The tasks a unit holds / 某单位承担的任务
// zh: 单位 $unit 承担哪些任务（牵头、配合、落实或负责）？可限定角色与行政区。
// en: Which tasks does unit $unit hold (lead, support, implement or responsible), optionally in one role and one jurisdiction?
// $unit is matched against the printed name and the canonical name, so variants of one body come together.
// param unit (string): printed or canonical unit name, e.g. 县卫生健康局
// param role (string, default ""): lead, support, implement or responsible; "" for all
// param jurisdiction (string, default ""): full name of the unit's jurisdiction, e.g. 盈江县; "" for all
// columns: unit, role, jurisdiction, task, text
MATCH (u:Unit)-[r:LEADS|SUPPORTS|IMPLEMENTS|RESPONSIBLE_FOR]->(t:Task)
WHERE (u.name = $unit OR u.canonical_name = $unit)
  AND ($role = '' OR r.role = $role)
  AND ($jurisdiction = '' OR u.jurisdiction = $jurisdiction)
RETURN u.name AS unit, r.role AS role, t.jurisdiction AS jurisdiction, t.id AS task, t.text AS text
ORDER BY jurisdiction, t.doc_id, t.ordinal, unit, role
