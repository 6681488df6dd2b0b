// title: Governments below one with no plan loaded / 下辖行政区中尚未载入计划的
// zh: 行政区 $jurisdiction（如某省）下辖的哪些行政区在图中没有任何已载入的计划？
// en: Which governments below jurisdiction $jurisdiction (a province, say) have no loaded plan in the store?
// The store holds the governments its plans name (issuers, the governments above them, target areas); `resp without-plan` adds the divisions of data/divisions below $jurisdiction that the store does not hold at all, since they have no plan loaded either.
// param jurisdiction (string): full name of the upper jurisdiction, e.g. 云南省
// columns: jurisdiction, level, parent
MATCH (j:Jurisdiction)-[:PART_OF*1..3]->(p:Jurisdiction)
WHERE p.name = $jurisdiction
OPTIONAL MATCH (j)<-[:ISSUED_BY]-(d:Document)
WITH j, count(d) AS plans
WHERE plans = 0
OPTIONAL MATCH (j)-[:PART_OF]->(up:Jurisdiction)
RETURN j.name AS jurisdiction, j.level AS level, up.name AS parent
ORDER BY parent, level, jurisdiction
