// title: The loaded documents / 已载入的文件
// zh: 图中载入了哪些文件？各自的发文机关、层级、文号、任务数、解析警告数，以及用户更正过哪些字段？
// en: Which documents are loaded, with their issuer, level, number, task count, parse warnings and the fields the user corrected?
// id is the first 12 characters of the document's sha256 (`WHERE d.id STARTS WITH …` finds it). issuer is null where the text names no issuer the division table knows and no correction gave one: `resp load FILE --jurisdiction NAME` (or a FILE.meta.json sidecar) fixes it. corrected lists the fields given by --jurisdiction/--level/--issued or a sidecar.
// columns: id, file, issuer, printed_issuer, level, number, issued, tasks, warnings, corrected
MATCH (d:Document)
RETURN left(d.id, 12) AS id, d.source AS file, d.jurisdiction AS issuer, d.printed_jurisdiction AS printed_issuer,
       d.level AS level, d.number AS number, d.issued AS issued, d.task_count AS tasks,
       d.warnings AS warnings, d.corrected AS corrected
ORDER BY file, id
