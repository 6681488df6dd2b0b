// title: The units that lead the most tasks / 牵头任务最多的单位
// zh: 哪些单位牵头的任务最多（前 $top 个）？
// en: Which units lead the most tasks (the top $top)?
// key is the unit key, JURISDICTION|PRINTED NAME, so the same name in two governments counts apart. Ties are broken by key here; `resp stats` (api.stats) asks for more rows until it can show a tie at the cut-off whole, and prints these rows after those of stats.
// param top (int, default 10): how many units to list
// columns: kind, key, count
MATCH (u:Unit)-[r:LEADS]->(:Task)
RETURN 'lead_load' AS kind, u.key AS key, count(r) AS count
ORDER BY count DESC, key
LIMIT $top
