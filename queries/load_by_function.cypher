// title: Lead and support load by unit function and level / 各职能、各层级单位的牵头与配合任务量
// zh: 各职能（卫生健康、发展改革……）、各层级（省、地、县）的单位分别牵头、配合、落实、负责多少项任务？涉及多少个单位？
// en: How many tasks do the units of each function (health, development and reform, …) at each level (province, prefecture, county) lead, support, implement or hold responsibility for, and how many units is that?
// The national view of who carries the work: one row a (function, level), busiest lead first. function is (unresolved) for a unit data/units does not know, level (unknown) for a unit whose government is not known. `resp stats --by function` prints these rows.
// columns: function, level, units, lead, support, implement, responsible
MATCH (u:Unit)-[r:LEADS|SUPPORTS|IMPLEMENTS|RESPONSIBLE_FOR]->(:Task)
OPTIONAL MATCH (u)-[:BELONGS_TO]->(j:Jurisdiction)
RETURN coalesce(u.function, '(unresolved)') AS function, coalesce(j.level, '(unknown)') AS level,
       count(DISTINCT u.key) AS units,
       count(CASE WHEN r.role = 'lead' THEN 1 END) AS lead,
       count(CASE WHEN r.role = 'support' THEN 1 END) AS support,
       count(CASE WHEN r.role = 'implement' THEN 1 END) AS implement,
       count(CASE WHEN r.role = 'responsible' THEN 1 END) AS responsible
ORDER BY lead DESC, support DESC, function, level
