// title: How tasks on a topic carry down the chain of governments / 某方面任务的上下级承接
// zh: 任务文本中含有 $text 的下级任务承接了哪些同样含有 $text 的上级任务？相似度是多少？可限定某一行政区的计划（作为上级或下级）。
// en: Which lower-plan tasks whose text contains $text carry down which upper-plan tasks that contain it too, with what similarity score, optionally only where one end is a task of the plans of one jurisdiction?
// `resp show TOPIC` draws these CARRIES links between the topic's tasks. Without a jurisdiction the answer covers every plan (35,000 rows for 托育 on 3,000 plans).
// param text (string): a fragment of the task text, e.g. 托育
// param jurisdiction (string, default ""): full name of the issuing jurisdiction of either task, e.g. 盈江县; "" for all
// columns: lower_task_key, lower_jurisdiction, lower_task, upper_task_key, upper_jurisdiction, upper_task, score
MATCH (lt:Task)-[c:CARRIES]->(ut:Task)
WHERE lt.text CONTAINS $text AND ut.text CONTAINS $text
  AND ($jurisdiction = '' OR lt.jurisdiction = $jurisdiction OR ut.jurisdiction = $jurisdiction)
RETURN lt.key AS lower_task_key, lt.jurisdiction AS lower_jurisdiction, lt.id AS lower_task,
       ut.key AS upper_task_key, ut.jurisdiction AS upper_jurisdiction, ut.id AS upper_task,
       c.score AS score
ORDER BY lower_jurisdiction, lt.doc_id, lt.ordinal, upper_jurisdiction, ut.doc_id, ut.ordinal
