// The graph schema for the embedded store (LadybugDB needs node and rel tables).
// One statement per `;`-terminated block (comments are whole `//` lines). docs/graph-model.md
// explains each part. Document.path and the Record_<n> tables are the store's own
// bookkeeping (the resolved source path; each document's parse record, packed JSON, in
// Record_<its id's first hex digit mod 4>: a checkpoint then rewrites a quarter of the
// records, not all of them, store/embedded.py RECORD_TABLES) so a load can rebuild the graph.
// A role edge (LEADS, SUPPORTS, IMPLEMENTS, RESPONSIBLE_FOR) carries its role only: its
// document, task id and clause are its Task's.
CREATE NODE TABLE IF NOT EXISTS Document(id STRING, source STRING, title STRING, jurisdiction STRING, printed_jurisdiction STRING, level STRING, issued STRING, number STRING, implements STRING[], task_count INT64, warnings INT64, corrected STRING[], path STRING, PRIMARY KEY(id));
CREATE NODE TABLE IF NOT EXISTS Jurisdiction(name STRING, level STRING, short_name STRING, code STRING, PRIMARY KEY(name));
CREATE NODE TABLE IF NOT EXISTS Task(key STRING, id STRING, doc_id STRING, jurisdiction STRING, section STRING, text STRING, clause STRING, ordinal INT64, PRIMARY KEY(key));
CREATE NODE TABLE IF NOT EXISTS Unit(key STRING, name STRING, jurisdiction STRING, canonical_name STRING, function STRING, kind STRING, resolved BOOLEAN, level STRING, lead_tasks INT64, support_tasks INT64, implement_tasks INT64, responsible_tasks INT64, PRIMARY KEY(key));
CREATE NODE TABLE IF NOT EXISTS Target(key STRING, doc_id STRING, area STRING, year INT64, total INT64, inclusive INT64, PRIMARY KEY(key));
CREATE REL TABLE IF NOT EXISTS LEADS(FROM Unit TO Task, role STRING);
CREATE REL TABLE IF NOT EXISTS SUPPORTS(FROM Unit TO Task, role STRING);
CREATE REL TABLE IF NOT EXISTS IMPLEMENTS(FROM Unit TO Task, role STRING);
CREATE REL TABLE IF NOT EXISTS RESPONSIBLE_FOR(FROM Unit TO Task, role STRING);
CREATE REL TABLE IF NOT EXISTS HAS_TASK(FROM Document TO Task);
CREATE REL TABLE IF NOT EXISTS ISSUED_BY(FROM Document TO Jurisdiction);
CREATE REL TABLE IF NOT EXISTS PART_OF(FROM Jurisdiction TO Jurisdiction);
CREATE REL TABLE IF NOT EXISTS BELONGS_TO(FROM Unit TO Jurisdiction);
CREATE REL TABLE IF NOT EXISTS CITES(FROM Document TO Document, number STRING);
CREATE REL TABLE IF NOT EXISTS HAS_TARGET(FROM Document TO Target);
CREATE REL TABLE IF NOT EXISTS TARGET_FOR(FROM Target TO Jurisdiction);
CREATE REL TABLE IF NOT EXISTS MIRRORS(FROM Unit TO Unit, function STRING);
CREATE REL TABLE IF NOT EXISTS CARRIES(FROM Task TO Task, score DOUBLE, kind STRING);
CREATE NODE TABLE IF NOT EXISTS Record_0(id STRING, record STRING, PRIMARY KEY(id));
CREATE NODE TABLE IF NOT EXISTS Record_1(id STRING, record STRING, PRIMARY KEY(id));
CREATE NODE TABLE IF NOT EXISTS Record_2(id STRING, record STRING, PRIMARY KEY(id));
CREATE NODE TABLE IF NOT EXISTS Record_3(id STRING, record STRING, PRIMARY KEY(id));
