// title: The governments and the one each sits in / 各级行政区及其上级
// zh: 图中有哪些行政区？各自的简称、层级（省、地、县）、区划代码和直接上级是什么？
// en: Which jurisdictions does the store hold, with their short name, level (province, prefecture, county), division code and the jurisdiction directly above?
// parent is null at the top of a chain. The pictures (`resp show`) climb these rows to draw each unit's chain of governments.
// columns: jurisdiction, short_name, level, code, parent
MATCH (j:Jurisdiction)
OPTIONAL MATCH (j)-[:PART_OF]->(p:Jurisdiction)
RETURN j.name AS jurisdiction, j.short_name AS short_name, j.level AS level, j.code AS code,
       p.name AS parent
ORDER BY jurisdiction, parent
