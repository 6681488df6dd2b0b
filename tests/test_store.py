"""The embedded LadybugDB store (store/embedded.py): bulk load, idempotence, replacement,
atomicity, and the read API the query layer uses."""
from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from resp.loader import graph as model
from resp.loader.parse import parse_file
from resp.loader.records import Document, Responsibility, Task
from resp.store import QueryResult, StoreError, StoreNotFound, open_store
from resp.store import embedded

REPO = Path(__file__).resolve().parent.parent
SEEDS = sorted((REPO / "data" / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def seed_docs():
    return [parse_file(p) for p in SEEDS]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory, seed_docs):
    db = str(tmp_path_factory.mktemp("store") / "seeds.db")
    report = embedded.load_documents(seed_docs, db)
    return db, report


def digest(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def count(db, cypher, params=None) -> int:
    store = open_store(db)
    try:
        return store.run(cypher, params).rows[0]["n"]
    finally:
        store.close()


# ---------------------------------------------------------------- what a load writes


def test_the_store_holds_exactly_the_built_graph(loaded, seed_docs):
    db, _ = loaded
    with embedded.EmbeddedStore(db) as store:
        assert store.tables() == model.build_tables(seed_docs)


def test_seed_counts_by_cypher(loaded):
    db, report = loaded
    # tasks and role triples per seed: tests/golden/README.md (hand-checked)
    assert count(db, "MATCH (d:Document) RETURN count(*) AS n") == 5
    assert count(db, "MATCH (:Document)-[:HAS_TASK]->(t:Task) RETURN count(t) AS n") == 180
    assert count(db, "MATCH (:Unit)-[r:LEADS]->(:Task) RETURN count(r) AS n") == 265
    assert count(db, "MATCH (:Unit)-[r:SUPPORTS]->(:Task) RETURN count(r) AS n") == 507
    assert count(db, "MATCH (:Unit)-[r:IMPLEMENTS]->(:Task) RETURN count(r) AS n") == 93
    assert count(db, "MATCH (:Unit)-[r:RESPONSIBLE_FOR]->(:Task) RETURN count(r) AS n") == 40
    assert count(db, "MATCH (t:Target) RETURN count(*) AS n") == 54
    assert report.written and len(report.loaded) == 5
    assert report.added["Task"] == 180 and report.added["LEADS"] == 265
    # the seeds' graph, counted by hand where the plans print it (tasks, role triples,
    # targets: tests/golden/README.md); MIRRORS and CARRIES as in tests/test_load_cli.py
    assert report.totals == {
        "Document": 5, "Jurisdiction": 21, "Task": 180, "Unit": 161, "Target": 54,
        "LEADS": 265, "SUPPORTS": 507, "IMPLEMENTS": 93, "RESPONSIBLE_FOR": 40,
        "HAS_TASK": 180, "ISSUED_BY": 5, "PART_OF": 18, "BELONGS_TO": 161, "CITES": 0,
        "HAS_TARGET": 54, "TARGET_FOR": 48, "MIRRORS": 37, "CARRIES": 45}


def test_role_edges_reach_their_provenance_through_the_task(loaded):
    db, _ = loaded
    rows = open_store(db).run(
        "MATCH (u:Unit)-[r:LEADS]->(t:Task)<-[:HAS_TASK]-(d:Document) "
        "WHERE d.jurisdiction = $j AND t.id = $id "
        "RETURN u.name AS unit, r.role AS role, t.doc_id = d.id AS same_doc, t.id AS task, "
        "t.clause AS clause ORDER BY unit",
        {"j": "盈江县", "id": "1"}).rows
    assert rows and all(r["role"] == "lead" and r["same_doc"] and r["task"] == "1" for r in rows)
    assert all(r["unit"] in r["clause"] for r in rows)
    # the edge itself holds its role and nothing else
    store = open_store(db)
    for rel in ("LEADS", "SUPPORTS", "IMPLEMENTS", "RESPONSIBLE_FOR"):
        assert [row[1] for row in store.rows(f"CALL table_info('{rel}') RETURN *")] == ["role"]
    assert store.run("MATCH (:Unit)-[r:SUPPORTS]->(:Task) RETURN DISTINCT r.role AS role").rows == [{"role": "support"}]


def test_derived_parts_are_ready_to_query(loaded):
    db, _ = loaded
    store = open_store(db)
    pairs = store.run("MATCH (a:Unit)-[m:MIRRORS]->(b:Unit) WHERE a.name = '省卫生健康委' "
                      "RETURN b.jurisdiction AS j, m.function AS f ORDER BY j").rows
    assert {"j": "昆明市", "f": "卫生健康"} in pairs and {"j": "盈江县", "f": "卫生健康"} in pairs
    assert all(p["j"] != "云阳县" for p in pairs)
    assert store.run("MATCH (:Task)-[c:CARRIES]->(:Task) RETURN count(c) AS n").rows[0]["n"] > 20
    canon = store.run("MATCH (u:Unit) WHERE u.key = '盈江县|县人社局' RETURN u.canonical_name AS c").rows
    assert canon[0]["c"] not in (None, "县人社局")
    chain = store.run("MATCH (:Jurisdiction {name: '盈江县'})-[:PART_OF]->(p:Jurisdiction)-[:PART_OF]->(q:Jurisdiction) "
                      "RETURN p.name AS p, q.name AS q").rows
    assert chain == [{"p": "德宏傣族景颇族自治州", "q": "云南省"}]
    store.close()


# ---------------------------------------------------------------- idempotence and versions


def test_loading_the_same_documents_again_changes_nothing(tmp_path, seed_docs):
    db = str(tmp_path / "s.db")
    embedded.load_documents(seed_docs, db)
    before, mtime = digest(db), os.stat(db).st_mtime_ns
    report = embedded.load_documents([parse_file(p) for p in SEEDS], db)
    assert not report.written and len(report.skipped) == 5 and not report.loaded
    assert digest(db) == before and os.stat(db).st_mtime_ns == mtime


def test_a_store_of_another_version_says_so_and_the_next_load_rebuilds_it(tmp_path, seed_docs):
    import ladybug

    from resp.queries import catalog

    db = str(tmp_path / "old.db")
    embedded.load_documents(seed_docs, db)
    old = ladybug.Database(db)  # what a store written before Task.ordinal looks like
    conn = ladybug.Connection(old)
    conn.execute("ALTER TABLE Task DROP ordinal")
    conn.close()
    old.close()
    store = open_store(db)
    try:
        assert not store.schema_is_current()
        with pytest.raises(StoreError, match="written by another version of resp.*run `resp load`"):
            catalog.run(store, "tasks", {"unit": "县卫生健康局"})
    finally:
        store.close()
    report = embedded.load_documents(seed_docs[:1], db)  # nothing new: rebuilt all the same
    assert report.written and report.upgraded and report.skipped and not report.loaded
    assert report.totals["Document"] == 5
    store = open_store(db)
    try:
        assert store.schema_is_current()
        assert catalog.run(store, "tasks", {"unit": "县卫生健康局"}).rows
    finally:
        store.close()


def test_a_store_with_its_records_on_the_document_nodes_is_rebuilt_from_them(tmp_path, seed_docs):
    """A store written before the record tables (Record_0 … Record_3) kept each parse
    record on its Document node; the next load rebuilds it from those records."""
    import ladybug

    db = str(tmp_path / "old.db")
    embedded.load_documents(seed_docs, db)
    with open_store(db) as store:
        packed = store.packed()
    old = ladybug.Database(db)
    conn = ladybug.Connection(old)
    conn.execute("ALTER TABLE Document ADD record STRING")
    conn.execute("UNWIND $rows AS r MATCH (d:Document {id: r.id}) SET d.record = r.record",
                 {"rows": [{"id": k, "record": v} for k, v in packed.items()]})
    for table in embedded.RECORD_TABLES:
        conn.execute(f"DROP TABLE {table}")
    conn.execute("CHECKPOINT")
    conn.close()
    old.close()
    with open_store(db) as store:
        assert not store.schema_is_current()
        assert store.packed() == packed
    report = embedded.load_documents(seed_docs[:1], db)  # nothing new: rebuilt all the same
    assert report.written and report.upgraded and report.totals["Document"] == 5
    with open_store(db) as store:
        assert store.schema_is_current() and store.packed() == packed
        assert sum(store.rows(f"MATCH (r:{t}) RETURN count(*)")[0][0] for t in embedded.RECORD_TABLES) == 5


def test_same_bytes_at_another_path_is_skipped(tmp_path, seed_docs):
    db = str(tmp_path / "s.db")
    embedded.load_documents(seed_docs[:1], db)
    copy = tmp_path / "copy.txt"
    shutil.copy(SEEDS[0], copy)
    report = embedded.load_documents([parse_file(copy)], db)
    assert report.skipped == [str(copy)] and not report.written


def test_a_new_version_replaces_the_old_tasks(tmp_path):
    path = tmp_path / "plan.txt"
    shutil.copy(SEEDS[4], path)  # 盈江县, 29 tasks
    db = str(tmp_path / "s.db")
    old = parse_file(path)
    embedded.load_documents([old], db)
    text = path.read_text(encoding="utf-8")
    assert "县财政局" in text
    path.write_text(text.replace("县财政局", "县财政所"), encoding="utf-8")
    new = parse_file(path)
    assert new.sha256 != old.sha256
    report = embedded.load_documents([new], db)
    assert report.replaced == [str(path)] and report.loaded == [str(path)]
    assert report.removed["Document"] == 1 and report.removed["Task"] == 29
    assert report.added["Task"] == 29
    store = open_store(db)
    assert store.run("MATCH (d:Document) RETURN d.id AS id").rows == [{"id": new.sha256}]
    assert store.run("MATCH (t:Task) WHERE t.doc_id = $old RETURN count(*) AS n", {"old": old.sha256}).rows[0]["n"] == 0
    assert store.run("MATCH (u:Unit {name: '县财政局'}) RETURN count(*) AS n").rows[0]["n"] == 0
    assert store.run("MATCH (u:Unit {name: '县财政所'})-[r]->(:Task) RETURN count(r) AS n").rows[0]["n"] > 0
    store.close()


def test_documents_round_trip_through_the_store(loaded, seed_docs):
    db, _ = loaded
    with embedded.EmbeddedStore(db) as store:
        stored = store.documents()
    assert {d: stored[d].to_json() for d in stored} == {d.sha256: d.to_json() for d in seed_docs}


# ---------------------------------------------------------------- atomicity


def store_state(db):
    with embedded.EmbeddedStore(db) as store:
        return store.counts(), sorted(store.documents())


def test_a_failure_while_writing_leaves_the_store_as_it_was(tmp_path, seed_docs, monkeypatch):
    db = str(tmp_path / "s.db")
    embedded.load_documents(seed_docs[:2], db)
    before, state = digest(db), store_state(db)
    real = embedded._write_table

    def failing(tables, name, *args):
        if name == "SUPPORTS":
            raise OSError("disk full (injected)")
        return real(tables, name, *args)

    monkeypatch.setattr(embedded, "_write_table", failing)
    with pytest.raises(StoreError, match="the load failed while writing the store: disk full "
                                         r"\(injected\); the store .* is as it was"):
        embedded.load_documents(seed_docs[2:], db)
    assert digest(db) == before and store_state(db) == state
    assert sorted(os.listdir(tmp_path)) == ["s.db"]


def test_an_engine_error_midway_leaves_the_store_as_it_was(tmp_path, seed_docs, monkeypatch):
    db = str(tmp_path / "s.db")
    embedded.load_documents(seed_docs[:2], db)
    before = digest(db)
    real = embedded.write_store

    def dangling(tables, *args):
        tables.edges["LEADS"][("nowhere|nobody", "no:task")] = ("lead", "x", "1", None)  # COPY must refuse
        return real(tables, *args)

    monkeypatch.setattr(embedded, "write_store", dangling)
    with pytest.raises(StoreError, match="the load failed while writing the store: Copy exception"):
        embedded.load_documents(seed_docs[2:], db)
    assert digest(db) == before
    assert count(db, "MATCH (d:Document) RETURN count(*) AS n") == 2


def test_a_killed_load_leaves_the_last_complete_store(tmp_path, seed_docs):
    db = tmp_path / "s.db"
    embedded.load_documents(seed_docs[:2], str(db))
    before = digest(db)
    marker = tmp_path / "writing"
    child = textwrap.dedent(f"""
        import time
        from pathlib import Path
        from resp.loader.parse import parse_file
        from resp.store import embedded
        real = embedded._write_table
        def slow(tables, name, *args):
            if name == "SUPPORTS":
                Path({str(marker)!r}).touch()
                time.sleep(60)
            return real(tables, name, *args)
        embedded._write_table = slow
        embedded.load_documents([parse_file(p) for p in {[str(p) for p in SEEDS[2:]]!r}], {str(db)!r})
    """)
    proc = subprocess.Popen([sys.executable, "-c", child])
    try:
        deadline = time.time() + 60
        while not marker.exists() and time.time() < deadline:
            time.sleep(0.05)
        assert marker.exists(), "the child load never reached the write"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
    assert digest(db) == before
    assert count(db, "MATCH (d:Document) RETURN count(*) AS n") == 2
    assert any(name.startswith("s.db.tmp-") for name in os.listdir(tmp_path))  # what the kill left
    report = embedded.load_documents(seed_docs[2:], str(db))  # the next load sweeps it
    assert report.written and count(str(db), "MATCH (d:Document) RETURN count(*) AS n") == 5
    assert not any(name.startswith("s.db.tmp-") for name in os.listdir(tmp_path))


# ---------------------------------------------------------------- hostile text


HOSTILE = ['a"b', "c\\d", 'e\\"f', "}) MATCH (n) DETACH DELETE n //", "line1\nline2", "\\", '"', "it's",
           "[x,y]", "x,y", "{a:1}", "end\\", "tab\there", "' OR 1=1 --"]


def test_hostile_text_round_trips_exactly(tmp_path):
    tasks = [Task(str(i), h, h, [Responsibility(h + "局", "lead")], clause=h) for i, h in enumerate(HOSTILE)]
    doc = Document("h.txt", "昆明市", "prefecture", implements=HOSTILE, tasks=tasks, title='t"\\', sha256="f" * 64)
    db = str(tmp_path / "h.db")
    embedded.load_documents([doc], db)
    store = open_store(db)
    rows = store.run("MATCH (u:Unit)-[r:LEADS]->(t:Task) RETURN t.id AS id, t.text AS text, "
                     "t.section AS section, t.clause AS clause, u.name AS unit").rows
    assert len(rows) == len(HOSTILE)
    for r in rows:
        h = HOSTILE[int(r["id"])]
        assert (r["text"], r["section"], r["clause"], r["unit"]) == (h, h, h, h + "局")
    assert store.run("MATCH (d:Document) RETURN d.implements AS i").rows[0]["i"] == HOSTILE
    assert store.tables() == model.build_tables([doc])
    store.close()


# ---------------------------------------------------------------- read API


def test_run_gives_columns_and_rows_in_order(loaded):
    db, _ = loaded
    with open_store(db) as store:
        result = store.run("MATCH (d:Document) RETURN d.level AS level, count(*) AS n ORDER BY level")
    assert isinstance(result, QueryResult)
    assert result.columns == ["level", "n"]
    assert result.rows == [{"level": "county", "n": 2}, {"level": "prefecture", "n": 1},
                           {"level": "province", "n": 2}]
    assert [list(r) for r in result.rows] == [["level", "n"]] * 3


def test_missing_store_is_a_clear_error(tmp_path):
    path = tmp_path / "none.db"
    with pytest.raises(StoreNotFound) as exc:
        open_store(str(path))
    assert str(exc.value) == f"no store at {path}: run `resp load` first"
    assert not path.exists()


def test_default_path_is_resp_db_env_then_cwd(tmp_path, monkeypatch, loaded):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("RESP_DB", raising=False)
    assert embedded.default_db_path() == "resp.db"
    with pytest.raises(StoreNotFound, match="no store at resp.db"):
        open_store()
    monkeypatch.setenv("RESP_DB", loaded[0])
    with open_store() as store:
        assert store.path == loaded[0]


def test_the_read_api_cannot_write(loaded):
    db, _ = loaded
    with open_store(db) as store:
        with pytest.raises(StoreError):
            store.run("MATCH (d:Document) DETACH DELETE d")
        assert store.run("MATCH (d:Document) RETURN count(*) AS n").rows[0]["n"] == 5


def test_a_bad_query_is_a_one_line_store_error(loaded):
    with open_store(loaded[0]) as store:
        with pytest.raises(StoreError) as exc:
            store.run("MATCH (x:NoSuchLabel) RETURN x")
    assert "\n" not in str(exc.value)


def test_schema_file_matches_the_model():
    """store/schema.cypher and loader/graph.py name the same columns in the same order."""
    import re

    tables = {}
    for statement in embedded.schema_statements():
        m = re.match(r"CREATE (NODE|REL) TABLE IF NOT EXISTS (\w+)\((.*)\)$", statement, re.S)
        assert m, statement
        cols = [c.strip() for c in m.group(3).split(",")]
        tables[m.group(2)] = [c for c in cols if not c.startswith(("PRIMARY KEY", "FROM "))]
    for label, props in model.NODE_PROPERTIES.items():
        names = [c.split()[0] for c in tables[label]]
        assert names == list(props) + list(embedded.STORE_ONLY.get(label, ()))
        for c in tables[label]:
            name, kind = c.split()[:2]
            expected = {"string[]": "STRING[]", "long": "INT64", "boolean": "BOOLEAN", "double": "DOUBLE"}
            assert kind == expected.get(model.PROPERTY_TYPES.get(name), "STRING"), c
    for rel, (_, _, props) in model.REL_TYPES.items():
        assert [c.split()[0] for c in tables[rel]] == list(props)
    assert set(tables) == set(model.NODE_PROPERTIES) | set(model.REL_TYPES) | set(embedded.RECORD_TABLES)
    for table in embedded.RECORD_TABLES:  # the parse records, sharded by id
        assert tables[table] == ["id STRING", "record STRING"]


def test_a_reader_keeps_its_graph_while_a_load_swaps_in_the_next(tmp_path, seed_docs):
    db = str(tmp_path / "s.db")
    embedded.load_documents(seed_docs[:2], db)
    with open_store(db) as before:
        tasks = before.run("MATCH (t:Task) RETURN count(*) AS n").rows
        embedded.load_documents(seed_docs[2:], db)
        assert before.run("MATCH (t:Task) RETURN count(*) AS n").rows == tasks  # the old file, whole
        with open_store(db) as after:
            assert after.run("MATCH (t:Task) RETURN count(*) AS n").rows == [{"n": 180}]


def test_an_unreadable_record_is_a_store_error():
    doc = Document("x.txt", "昆明市", tasks=[Task("1", None, "x", [Responsibility("市财政局", "lead")])])
    assert embedded.unpack_record(embedded.pack_record(doc)) == doc
    with pytest.raises(StoreError, match="unreadable"):
        embedded.unpack_record("not a record")


def test_rows_come_whole_or_cut_with_the_count(loaded):
    db, _ = loaded
    with open_store(db) as store:
        everything = store.run("MATCH (d:Document) RETURN d.id AS id ORDER BY id")
        cut = store.run("MATCH (d:Document) RETURN d.id AS id ORDER BY id", limit=2)
    assert everything.total is None and len(everything.rows) == everything.count == 5  # the five seeds
    assert (cut.rows, cut.total, cut.count) == (everything.rows[:2], 5, 5)


def test_rows_of_a_driver_without_the_engine_result_come_through_its_public_calls():
    class Result:  # what all_rows falls back to: get_all, get_n
        def get_all(self):
            return [[1], [2], [3]]

        def get_n(self, n):
            return [[1], [2], [3]][:n]

    assert embedded.all_rows(Result()) == [[1], [2], [3]]
    assert embedded.all_rows(Result(), 2) == [[1], [2]]


def test_a_reader_pool_is_a_gigabyte_or_four_times_the_store(tmp_path):
    small = tmp_path / "small.db"
    small.write_bytes(b"x")
    machine = int(0.8 * os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"))
    assert embedded.read_pool_size(str(small)) == min(2**30, machine)
    big = tmp_path / "big.db"
    with open(big, "wb") as fh:
        fh.truncate(300 * 2**20)  # sparse: 300 MB of file, 4 x 300 MB of pool
    assert embedded.read_pool_size(str(big)) == min(1200 * 2**20, machine)
