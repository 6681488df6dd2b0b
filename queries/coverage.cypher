// title: What a lower plan carries down and drops / 下级计划承接与遗漏的上级任务
// zh: 行政区 $jurisdiction 的计划承接了上级（沿行政区链向上的各级）计划的哪些任务，遗漏了哪些？
// en: For the plans of jurisdiction $jurisdiction, which tasks of the plans above it (up the chain of governments) does it carry down, and which does it drop?
// Every upper task gives one row per lower candidate that CARRIES it, best score first, with the candidate's kind (same: the lower task states most of it; partial: part of it); an upper task no lower task reaches has one row with lower_task, score and kind null (dropped). `resp coverage` adds each row's status: carried, uncertain (a score between the thresholds of data/carries.toml) or dropped.
// The lower tasks are found by their jurisdiction property (the issuer's full name): the path through ISSUED_BY and HAS_TASK, read with the edge's kind, crashes LadybugDB 0.22.
// No rows when $jurisdiction issued no loaded plan (nothing to compare) or no plan above it is loaded; `resp coverage` says which.
// param jurisdiction (string): full name of the lower jurisdiction, e.g. 昆明市
// columns: upper_jurisdiction, upper_task, lower_jurisdiction, lower_task, score, kind
MATCH (:Document)-[:ISSUED_BY]->(lj:Jurisdiction)
WHERE lj.name = $jurisdiction
WITH DISTINCT lj
MATCH (lj)-[:PART_OF*1..6]->(uj:Jurisdiction)<-[:ISSUED_BY]-(:Document)-[:HAS_TASK]->(ut:Task)
OPTIONAL MATCH (lt:Task)-[c:CARRIES]->(ut)
WHERE lt.jurisdiction = lj.name
RETURN uj.name AS upper_jurisdiction, ut.id AS upper_task, lj.name AS lower_jurisdiction,
       lt.id AS lower_task, c.score AS score, c.kind AS kind
ORDER BY upper_jurisdiction, ut.doc_id, ut.ordinal, c.score DESC, lt.doc_id, lt.ordinal
