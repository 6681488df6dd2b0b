// title: Who a unit works with / 某单位与谁合作
// zh: 单位 $unit 与哪些单位共同承担任务？共同任务有几项，各自是什么角色？
// en: Which units share tasks with unit $unit, on how many tasks, and in which roles?
// roles: the distinct pairs "unit role/partner role" on the shared tasks, e.g. lead/support: $unit leads, the partner supports.
// The ORDER BY before collect sorts roles on Neo4j; LadybugDB drops an ORDER BY that an aggregation follows, so resp sorts the list after the query.
// param unit (string): printed or canonical unit name, e.g. 县卫生健康局
// param jurisdiction (string, default ""): full name of the unit's jurisdiction, e.g. 盈江县; "" for all
// columns: unit, jurisdiction, partner, partner_jurisdiction, shared_tasks, roles
MATCH (u:Unit)-[r1:LEADS|SUPPORTS|IMPLEMENTS|RESPONSIBLE_FOR]->(t:Task)<-[r2:LEADS|SUPPORTS|IMPLEMENTS|RESPONSIBLE_FOR]-(p:Unit)
WHERE (u.name = $unit OR u.canonical_name = $unit)
  AND ($jurisdiction = '' OR u.jurisdiction = $jurisdiction)
  AND p.key <> u.key
WITH u.name AS unit, u.jurisdiction AS jurisdiction, p.name AS partner,
     p.jurisdiction AS partner_jurisdiction, t.key AS task, r1.role + '/' + r2.role AS pair
ORDER BY jurisdiction, unit, partner_jurisdiction, partner, pair, task
LIMIT 1000000000
RETURN unit, jurisdiction, partner, partner_jurisdiction,
       count(DISTINCT task) AS shared_tasks, collect(DISTINCT pair) AS roles
ORDER BY shared_tasks DESC, jurisdiction, unit, partner_jurisdiction, partner
