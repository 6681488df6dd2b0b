// title: The upper tasks the plans below drop most often / 下级计划最常遗漏的上级任务
// zh: 行政区 $jurisdiction（为空时为各省）计划中的哪些任务，最常被其下辖行政区的计划遗漏（下级计划中没有任何任务承接它）？
// en: Which tasks of the plans of jurisdiction $jurisdiction (every province when empty) are dropped most often by the plans of the governments below it, that is, no task of the lower plan CARRIES them?
// plans_below counts the governments below that issued a loaded plan, carried_by those whose plan carries the task (a CARRIES edge from any of its tasks), dropped_by the others. The top $top rows, most dropped first. Dropped means no CARRIES edge, carried or uncertain (loader/carries.py, data/carries.toml): the same as `resp coverage` says.
// A CARRIES edge only ever runs from a plan of a government below the upper plan's own (loader/carries.py), so carried_by counts the jurisdictions of the carrying tasks; plans_below is counted once a jurisdiction, not once a task (every province at once: 0.12 s on 3,000 plans, against 0.4 s asking each pair of task and plan below).
// param jurisdiction (string, default ""): full name of the upper jurisdiction, e.g. 云南省; "" for every province
// param top (int, default 20): how many tasks to list
// columns: jurisdiction, task, text, plans_below, carried_by, dropped_by
MATCH (uj:Jurisdiction)
WHERE ($jurisdiction = '' AND uj.level = 'province') OR uj.name = $jurisdiction
MATCH (lj:Jurisdiction)-[:PART_OF*1..3]->(uj)
MATCH (lj)<-[:ISSUED_BY]-(:Document)
WITH uj, count(DISTINCT lj) AS plans_below
MATCH (uj)<-[:ISSUED_BY]-(:Document)-[:HAS_TASK]->(ut:Task)
OPTIONAL MATCH (lt:Task)-[:CARRIES]->(ut)
WITH ut, plans_below, count(DISTINCT lt.jurisdiction) AS carried_by
RETURN ut.jurisdiction AS jurisdiction, ut.id AS task, ut.text AS text, plans_below, carried_by,
       plans_below - carried_by AS dropped_by
ORDER BY dropped_by DESC, jurisdiction, ut.doc_id, ut.ordinal
LIMIT $top
