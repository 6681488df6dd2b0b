// title: Lead and support load by unit function and level / 各职能、各层级单位的牵头与配合任务量
// zh: 各职能（卫生健康、发展改革……）、各层级（省、地、县）的单位分别牵头、配合、落实、负责多少项任务？涉及多少个单位？
// en: How many tasks do the units of each function (health, development and reform, …) at each level (province, prefecture, county) lead, support, implement or hold responsibility for, and how many units is that?
// The national view of who carries the work: one row a (function, level), busiest lead first. function is (unresolved) for a unit data/units does not know, level (unknown) for a unit whose government is not known. `resp stats --by function` prints these rows.
// The counts are the units' own (lead_tasks, support_tasks, implement_tasks, responsible_tasks, level), kept by every load (loader/graph.py add_unit_totals): counting the 503k role edges of 3,000 plans took 0.3 s, reading the 100k units takes 0.05 s.
// columns: function, level, units, lead, support, implement, responsible
MATCH (u:Unit)
WHERE u.lead_tasks + u.support_tasks + u.implement_tasks + u.responsible_tasks > 0
RETURN coalesce(u.function, '(unresolved)') AS function, coalesce(u.level, '(unknown)') AS level,
       count(*) AS units, sum(u.lead_tasks) AS lead, sum(u.support_tasks) AS support,
       sum(u.implement_tasks) AS implement, sum(u.responsible_tasks) AS responsible
ORDER BY lead DESC, support DESC, function, level
