// title: Find jurisdictions by name / 按名称查找行政区
// zh: 哪些行政区的全称或简称等于或包含 $text？
// en: Which jurisdictions have a full or short name equal to, or containing, $text?
// exact is true where the full or short name equals $text (德宏州 and 德宏傣族景颇族自治州 name the same place). The CLI resolves a jurisdiction argument with this query.
// param text (string): a full name, short name or fragment, e.g. 盈江
// columns: jurisdiction, short_name, level, code, exact
MATCH (j:Jurisdiction)
WHERE j.name CONTAINS $text OR j.short_name CONTAINS $text
RETURN j.name AS jurisdiction, j.short_name AS short_name, j.level AS level, j.code AS code,
       (j.name = $text OR coalesce(j.short_name = $text, false)) AS exact
ORDER BY jurisdiction, short_name, level, code, exact
