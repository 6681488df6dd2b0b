// title: The upper tasks the plans below drop most often / 下级计划最常遗漏的上级任务
// zh: 行政区 $jurisdiction（为空时为各省）计划中的哪些任务，最常被其下辖行政区的计划遗漏（下级计划中没有任何任务承接它）？
// en: Which tasks of the plans of jurisdiction $jurisdiction (every province when empty) are dropped most often by the plans of the governments below it, that is, no task of the lower plan CARRIES them?
// plans_below counts the governments below that issued a loaded plan, carried_by those whose plan carries the task (a CARRIES edge from any of its tasks), dropped_by the others. The top $top rows, most dropped first. Dropped means no CARRIES edge, carried or uncertain (loader/carries.py, data/carries.toml): the same as `resp coverage` says.
// param jurisdiction (string, default ""): full name of the upper jurisdiction, e.g. 云南省; "" for every province
// param top (int, default 20): how many tasks to list
// columns: jurisdiction, task, text, plans_below, carried_by, dropped_by
MATCH (uj:Jurisdiction)<-[:ISSUED_BY]-(:Document)-[:HAS_TASK]->(ut:Task)
WHERE ($jurisdiction = '' AND uj.level = 'province') OR uj.name = $jurisdiction
MATCH (lj:Jurisdiction)-[:PART_OF*1..3]->(uj)
MATCH (lj)<-[:ISSUED_BY]-(:Document)
WITH DISTINCT ut, lj
OPTIONAL MATCH (lj)<-[:ISSUED_BY]-(:Document)-[:HAS_TASK]->(lt:Task)-[:CARRIES]->(ut)
WITH ut, lj, count(lt) AS carriers
WITH ut.jurisdiction AS jurisdiction, ut.doc_id AS doc, ut.ordinal AS ordinal, ut.id AS task,
     ut.text AS text, count(lj) AS plans_below,
     count(CASE WHEN carriers > 0 THEN 1 END) AS carried_by,
     count(CASE WHEN carriers = 0 THEN 1 END) AS dropped_by
RETURN jurisdiction, task, text, plans_below, carried_by, dropped_by
ORDER BY dropped_by DESC, jurisdiction, doc, ordinal
LIMIT $top
