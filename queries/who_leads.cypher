// title: Who leads the tasks on a topic / 谁牵头某方面的任务
// zh: 哪些单位牵头任务文本中含有 $text 的任务（如“托育”）？可限定某一行政区的计划。
// en: Which units lead the tasks whose text contains $text (a topic such as 托育), optionally only in the plans of one jurisdiction?
// Only the lead role (LEADS) counts. The text is matched as written after NFKC normalisation (the CLI normalises it; in the Browser type half-width punctuation).
// param text (string): a fragment of the task text, e.g. 托育
// param jurisdiction (string, default ""): full name of the issuing jurisdiction, e.g. 昆明市; "" for all
// columns: unit, jurisdiction, task, text
MATCH (u:Unit)-[:LEADS]->(t:Task)
WHERE t.text CONTAINS $text
  AND ($jurisdiction = '' OR t.jurisdiction = $jurisdiction)
RETURN u.name AS unit, t.jurisdiction AS jurisdiction, t.id AS task, t.text AS text
ORDER BY jurisdiction, t.doc_id, t.ordinal, unit
