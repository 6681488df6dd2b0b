// title: The units that lead the most tasks / 牵头任务最多的单位
// zh: 哪些单位牵头的任务最多（前 $top 个，与第 $top 个并列的也列出）？
// en: Which units lead the most tasks (the top $top, and every unit tied with the last of them)?
// key is the unit key, JURISDICTION|PRINTED NAME, so the same name in two governments counts apart. A tie at the cut-off is shown whole, never cut by key, so more than $top rows can come back. `resp stats` prints these rows after those of stats.
// param top (int, default 10): how many units to list, before ties
// columns: kind, key, count
MATCH (u:Unit)-[r:LEADS]->(:Task)
WITH u, count(r) AS c
ORDER BY c DESC
LIMIT $top
WITH min(c) AS cut
MATCH (u:Unit)-[r:LEADS]->(:Task)
WITH u, count(r) AS c, cut
WHERE c >= cut
RETURN 'lead_load' AS kind, u.key AS key, c AS count
ORDER BY count DESC, key
