// title: Which kinds of unit lead a topic, in how many places / 某方面任务由哪类单位牵头、分布在多少地方
// zh: 任务文本中含有 $text 的任务，由哪些职能、哪一层级的单位牵头？各在多少个行政区、多少项任务中牵头？
// en: For the tasks whose text contains $text, which functions at which level lead them, in how many jurisdictions' plans and on how many tasks?
// The national view of who_leads: one row a (function, level) instead of one a task and unit (41,544 rows for 托育 on 3,000 plans). places counts the issuing jurisdictions, tasks the tasks, units the distinct units, leads the lead edges. `resp who-leads TOPIC --by function` prints these rows.
// param text (string): a fragment of the task text, e.g. 托育
// param jurisdiction (string, default ""): full name of the issuing jurisdiction, e.g. 昆明市; "" for all
// columns: function, level, places, tasks, units, leads
MATCH (u:Unit)-[:LEADS]->(t:Task)
WHERE t.text CONTAINS $text
  AND ($jurisdiction = '' OR t.jurisdiction = $jurisdiction)
OPTIONAL MATCH (u)-[:BELONGS_TO]->(j:Jurisdiction)
RETURN coalesce(u.function, '(unresolved)') AS function, coalesce(j.level, '(unknown)') AS level,
       count(DISTINCT t.jurisdiction) AS places, count(DISTINCT t.key) AS tasks,
       count(DISTINCT u.key) AS units, count(*) AS leads
ORDER BY places DESC, tasks DESC, leads DESC, function, level
