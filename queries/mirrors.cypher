// title: Mirror units up and down the chain of governments / 上下对口单位
// zh: 与单位 $unit 职能相同的上级和下级对口单位有哪些（沿行政区链）？
// en: Which units of the same function as $unit sit above and below it along the chain of governments?
// direction down: the mirror is below $unit (a MIRRORS edge from $unit); up: it is above. $unit is matched against the printed and the canonical name.
// One query without UNION: LadybugDB does not keep the order of UNION branches.
// param unit (string): printed or canonical unit name, e.g. 县卫生健康局
// param jurisdiction (string, default ""): full name of the unit's jurisdiction, e.g. 盈江县; "" for all
// columns: unit, jurisdiction, function, mirror, mirror_jurisdiction, mirror_level, direction
MATCH (u:Unit)-[m:MIRRORS]-(v:Unit)
WHERE (u.name = $unit OR u.canonical_name = $unit)
  AND ($jurisdiction = '' OR u.jurisdiction = $jurisdiction)
OPTIONAL MATCH (u)-[below:MIRRORS]->(v)
OPTIONAL MATCH (v)-[:BELONGS_TO]->(vj:Jurisdiction)
RETURN u.name AS unit, u.jurisdiction AS jurisdiction, m.function AS function,
       v.name AS mirror, v.jurisdiction AS mirror_jurisdiction, vj.level AS mirror_level,
       CASE WHEN below IS NULL THEN 'up' ELSE 'down' END AS direction
ORDER BY jurisdiction, unit, direction, mirror_jurisdiction, mirror, function
