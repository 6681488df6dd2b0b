// title: Find units by name / 按名称查找单位
// zh: 哪些单位的印刷名称或规范名称等于或包含 $text？
// en: Which units have a printed or canonical name equal to, or containing, $text?
// exact is true where the printed or canonical name equals $text. The CLI resolves a unit argument with this query: exact matches win; otherwise all matches must share one name, or the argument is ambiguous.
// param text (string): a printed name, a canonical name or a fragment, e.g. 卫生健康
// param jurisdiction (string, default ""): full name of the unit's jurisdiction, e.g. 盈江县; "" for all
// columns: unit, jurisdiction, canonical_name, exact
MATCH (u:Unit)
WHERE (u.name CONTAINS $text OR u.canonical_name CONTAINS $text)
  AND ($jurisdiction = '' OR u.jurisdiction = $jurisdiction)
RETURN u.name AS unit, u.jurisdiction AS jurisdiction, u.canonical_name AS canonical_name,
       (u.name = $text OR coalesce(u.canonical_name = $text, false)) AS exact
ORDER BY jurisdiction, unit, canonical_name, exact
