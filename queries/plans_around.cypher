// title: Plans issued by a jurisdiction and above it / 某行政区及其上级的计划数
// zh: 行政区 $jurisdiction 自己发布了几份已载入的计划？它上级（沿行政区链向上）发布了几份？
// en: How many loaded plans did jurisdiction $jurisdiction issue, and how many were issued by the jurisdictions above it?
// `resp coverage` asks this to say why it has nothing to compare.
// param jurisdiction (string): full name, e.g. 昆明市
// columns: own, above
MATCH (j:Jurisdiction)
WHERE j.name = $jurisdiction
OPTIONAL MATCH (j)<-[:ISSUED_BY]-(d:Document)
WITH j, count(DISTINCT d) AS own
OPTIONAL MATCH (j)-[:PART_OF*1..6]->(:Jurisdiction)<-[:ISSUED_BY]-(u:Document)
RETURN own, count(DISTINCT u) AS above
