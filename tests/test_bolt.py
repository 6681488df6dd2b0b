"""resp and a real Bolt server: ArcadeDB with its Bolt plugin (tests/bolt_server.py).

The whole seeds store is pushed (about 3 s on ArcadeDB, so no subset is needed); every
canned query then runs over Bolt and its rows must equal the embedded store's.
"""
from __future__ import annotations

import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from resp import api
from resp.cli.main import main

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "data" / "seeds"


def _invoke(args, env=None):
    return CliRunner().invoke(main, args, env=env)


def _error_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.strip()]


def server_graph(store):
    """(node properties by id, edge properties by (type, from, to)) as the server holds them."""
    from resp.loader.graph import KEY_PROPERTY, NODE_PROPERTIES, REL_TYPES

    nodes, edges = {}, {}
    for label, props in NODE_PROPERTIES.items():
        cols = ", ".join(f"n.{p} AS {p}" for p in props)
        for row in store.run(f"MATCH (n:{label}) RETURN {cols}").rows:
            nodes[(label, row[KEY_PROPERTY[label]])] = row
    for rel, (src, dst, props) in REL_TYPES.items():
        cols = "".join(f", r.{p} AS {p}" for p in props)
        q = (f"MATCH (a:{src})-[r:{rel}]->(b:{dst}) "
             f"RETURN a.{KEY_PROPERTY[src]} AS a, b.{KEY_PROPERTY[dst]} AS b{cols}")
        for row in store.run(q).rows:
            edges[(rel, row.pop("a"), row.pop("b"))] = row
    return nodes, edges


def local_graph(g):
    """The same shape from a networkx graph (loader.graph / EmbeddedStore.graph)."""
    from resp.loader.graph import KEY_PROPERTY, NODE_PROPERTIES, REL_TYPES

    nodes, edges = {}, {}
    for _, attrs in g.nodes(data=True):
        label = attrs["label"]
        nodes[(label, attrs[KEY_PROPERTY[label]])] = {
            p: (list(v) if isinstance(v := attrs.get(p), tuple) else v)
            for p in NODE_PROPERTIES[label]}
    for u, v, attrs in g.edges(data=True):
        rel = attrs["type"]
        src, dst, props = REL_TYPES[rel]
        edges[(rel, g.nodes[u][KEY_PROPERTY[src]], g.nodes[v][KEY_PROPERTY[dst]])] = {
            p: attrs.get(p) for p in props}
    return nodes, edges


# --------------------------------------------------------------------------
# the seeds, pushed with `resp push`
# --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def pushed(bolt_server, seeds_store):
    """The seeds store pushed to the server's `neo4j` database by `resp push`."""
    result = _invoke(["push", "--db", seeds_store], env=bolt_server.env())
    assert result.exit_code == 0, result.output
    return bolt_server


@pytest.fixture(scope="module")
def bolt_store(pushed):
    from resp.store.bolt import BoltStore

    store = BoltStore(pushed.settings())
    yield store
    store.close()


@pytest.fixture(scope="module")
def embedded(seeds_store):
    from resp.store import open_store

    store = open_store(seeds_store)
    yield store
    store.close()


def test_server_reports_itself_neo4j_5_compatible(bolt_store, bolt_server):
    assert "Neo4j/5" in bolt_store.agent
    assert bolt_server.start_seconds < 60


def test_push_writes_exactly_the_store_graph(bolt_store, embedded):
    nodes, edges = server_graph(bolt_store)
    want_nodes, want_edges = local_graph(embedded.graph())
    assert len(want_nodes) > 300 and len(want_edges) > 1000
    assert nodes == want_nodes
    assert edges == want_edges


def test_pushing_twice_leaves_the_same_graph(bolt_store, pushed, seeds_store):
    before = server_graph(bolt_store)
    result = _invoke(["push", "--db", seeds_store], env=pushed.env())
    assert result.exit_code == 0, result.output
    assert server_graph(bolt_store) == before


def _param_sets(query):
    """Each required parameter at its documented example; then every optional one too."""
    from resp.queries.guide import _example
    import re

    def example(p):
        m = re.search(r"e\.g\.\s*([^\s,;)]+)", p.help)
        if m and p.type == "string":
            return m.group(1)
        return _example(p)

    required = {p.name: example(p) for p in query.params if p.required}
    sets = [required]
    everything = {p.name: example(p) for p in query.params}
    if everything != required:
        sets.append(everything)
    return sets


def _canned():
    from resp.queries import catalog

    return catalog.names()


@pytest.mark.parametrize("name", _canned())
def test_canned_query_rows_equal_the_embedded_store(name, bolt_store, embedded):
    from resp.queries import catalog

    for params in _param_sets(catalog.get(name)):
        want = catalog.run(embedded, name, params)
        got = catalog.run(bolt_store, name, params)
        assert got.columns == want.columns
        assert got.rows == want.rows, (name, params)


def test_a_limited_answer_is_the_first_rows_and_the_count_on_both_engines(bolt_store, embedded):
    # who-leads 托育 on the seeds: 78 (task, lead unit) rows (tests/test_output.py)
    for store in (embedded, bolt_store):
        whole = api.who_leads(store, "托育")
        cut = api.who_leads(store, "托育", limit=5)
        assert (whole.total, whole.count, len(whole.rows)) == (None, 78, 78)
        assert (cut.total, cut.count, cut.rows) == (78, 78, whole.rows[:5])
        assert api.who_leads(store, "托育", limit=100).rows == whole.rows
        # 省卫生健康委: the health commissions of 云南省 (000) and 青海省 (003)
        every = api.about_unit(store, "tasks", "省卫生健康委")
        first = api.about_unit(store, "tasks", "省卫生健康委", limit=1)
        assert (first.rows, first.count, first.note) == (every.rows[:1], len(every.rows), every.note)
        assert "the units of 2 governments at once" in first.note
        led = api.about_unit(store, "tasks", "省卫生健康委", role="lead", limit=1)  # a role: every row
        assert led.total is None and len(led.rows) > 1


def test_canned_queries_answer_something_on_the_seeds(bolt_store):
    from resp.queries import catalog

    empty = [n for n in catalog.names()
             if not catalog.run(bolt_store, n, _param_sets(catalog.get(n))[0]).rows]
    assert len(empty) <= 2, empty  # e.g. units_unresolved: every seed unit resolves


def test_reading_command_over_neo4j_equals_embedded_json(pushed, seeds_store):
    import json

    local = _invoke(["stats", "--db", seeds_store, "--json"])
    remote = _invoke(["stats", "--neo4j", "--json"], env=pushed.env())
    assert local.exit_code == 0 and remote.exit_code == 0, remote.output
    assert json.loads(remote.stdout) == json.loads(local.stdout)


# --------------------------------------------------------------------------
# failures: one line, non-zero exit, never reported as success
# --------------------------------------------------------------------------

def test_wrong_password_is_one_line_and_non_zero(bolt_server, seeds_store):
    env = dict(bolt_server.env(), NEO4J_PASSWORD="not-the-password")
    result = _invoke(["push", "--db", seeds_store], env=env)
    assert result.exit_code != 0
    lines = _error_lines(result.output)
    assert len(lines) == 1, result.output
    assert lines[0].startswith("Error: ") and "refused the login" in lines[0]


def test_unreachable_server_is_one_line_and_non_zero(seeds_store, tmp_path):
    from bolt_server import free_port

    port = free_port()  # nothing listens there
    proc = subprocess.run(
        [sys.executable, "-m", "resp.cli.main", "push", "--db", seeds_store,
         "--uri", f"bolt://127.0.0.1:{port}", "--password", "x"],
        capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode != 0
    assert proc.stdout == ""
    lines = _error_lines(proc.stderr)
    assert len(lines) == 1, proc.stderr
    assert f"cannot reach Neo4j at bolt://127.0.0.1:{port}" in lines[0]


class CuttingProxy:
    """A TCP proxy to the server that drops every connection after `cut_after` bytes
    sent to the server, and then refuses new ones: a connection lost mid-push."""

    def __init__(self, target_port: int, cut_after: int):
        self.target_port = target_port
        self.cut_after = cut_after
        self.sent = 0
        self.cut = threading.Event()
        self.lock = threading.Lock()
        self.sockets: list[socket.socket] = []
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen()
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while not self.cut.is_set():
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            self.sockets += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, False), daemon=True).start()

    def _pump(self, src, dst, counts):
        try:
            while not self.cut.is_set():
                data = src.recv(65536)
                if not data:
                    break
                if counts:
                    with self.lock:
                        self.sent += len(data)
                        if self.sent > self.cut_after:
                            self.drop()
                            return
                dst.sendall(data)
        except OSError:
            pass

    def drop(self):
        self.cut.set()
        for s in [self.listener, *self.sockets]:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()


def test_dropped_connection_fails_the_push_and_pushing_again_finishes(bolt_server, seeds_store):
    from resp.store.bolt import BoltError, BoltStore, push_store
    from resp.store import open_store

    database = bolt_server.create_database("dropped")
    proxy = CuttingProxy(bolt_server.bolt_port, cut_after=60_000)
    settings = bolt_server.settings(database=database, uri=f"bolt://127.0.0.1:{proxy.port}",
                                    retry_seconds=1.0)
    with pytest.raises(BoltError) as caught:
        push_store(seeds_store, settings, batch_size=100)
    message = str(caught.value)
    assert "\n" not in message
    assert "push failed after" in message and "push again to finish" in message
    assert proxy.cut.is_set()

    direct = bolt_server.settings(database=database)
    with open_store(seeds_store) as emb:
        want = local_graph(emb.graph())
    with BoltStore(direct) as store:
        partial = server_graph(store)
        assert partial != want  # the push really stopped midway
        push_store(seeds_store, direct)
        assert server_graph(store) == want


def test_unknown_database_is_one_line(bolt_server, seeds_store):
    env = dict(bolt_server.env(), NEO4J_DATABASE="nosuchdb")
    result = _invoke(["push", "--db", seeds_store], env=env)
    assert result.exit_code != 0
    lines = _error_lines(result.output)
    assert len(lines) == 1 and "nosuchdb" in lines[0], result.output


# --------------------------------------------------------------------------
# hostile text: round-trips exactly, cannot change a query
# --------------------------------------------------------------------------

HOSTILE = [
    "O'Brien \"quoted\" 局",
    "back\\slash \\\\ \\' \\\" 局",
    "}) DETACH DELETE n //",
    "x'}) MATCH (m) DETACH DELETE m RETURN 1 //",
    "MATCH (n) RETURN n; CREATE (x:Pwned)",
    "line one\nline two\r\nline three\ttab",
    "RETURN",
    "`backtick` $param {brace} [bracket] (paren)",
    "/* comment */ // slashes",
    "卫生}健康')局\n",
]


@pytest.fixture(scope="module")
def hostile(bolt_server):
    from resp.loader.graph import build_graph
    from resp.loader.records import Document, Responsibility, Task
    from resp.store.bolt import BoltStore, push_graph

    doc = Document(source="hostile.txt", jurisdiction="盈江县", level="county",
                   title="hostile 'title' \"}) //", number="盈政办发〔2024〕1号",
                   tasks=[Task(id=str(i + 1), section=h, text=h, clause=h,
                               responsibilities=[Responsibility(h, "lead")])
                          for i, h in enumerate(HOSTILE)])
    settings = bolt_server.settings(database=bolt_server.create_database("hostile"))
    graph = build_graph([doc])
    push_graph(graph, settings, documents=[doc])
    store = BoltStore(settings)
    yield store, graph
    store.close()


def test_hostile_names_round_trip_exactly(hostile):
    store, graph = hostile
    rows = store.run("MATCH (u:Unit)-[r:LEADS]->(t:Task) "
                     "RETURN u.name AS unit, t.text AS text, t.section AS section, t.clause AS clause "
                     "ORDER BY t.id").rows
    assert sorted(r["unit"] for r in rows) == sorted(HOSTILE)
    for r in rows:
        assert r["unit"] == r["text"] == r["section"] == r["clause"]
    assert server_graph(store) == local_graph(graph)
    for h in HOSTILE:
        found = store.run("MATCH (u:Unit {name: $name}) RETURN u.name AS name", {"name": h}).rows
        assert found == [{"name": h}]


def test_hostile_parameters_cannot_change_a_query(hostile):
    from resp.queries import catalog

    store, _ = hostile
    before = server_graph(store)
    for h in HOSTILE:
        catalog.run(store, "who_leads", {"text": h, "jurisdiction": ""})
        catalog.run(store, "tasks", {"unit": h, "role": "", "jurisdiction": h})
    assert server_graph(store) == before
    assert store.run("MATCH (n:Pwned) RETURN count(n) AS c").rows == [{"c": 0}]
    leads = catalog.run(store, "who_leads", {"text": "DETACH DELETE", "jurisdiction": ""}).rows
    assert {r["unit"] for r in leads} >= {"}) DETACH DELETE n //"}


# --------------------------------------------------------------------------
# read-only enforcement, asked of the server
# --------------------------------------------------------------------------

WRITES = [
    "CREATE (n:Intruder {name: 'x'})",
    "MATCH (n:Task) DETACH DELETE n",
    "MATCH (u:Unit) DELETE u",
    "MERGE (n:Intruder {name: 'x'})",
    "MATCH (u:Unit) SET u.name = 'pwned'",
    "MATCH (u:Unit) REMOVE u.name",
    "MATCH (u:Unit) WITH u LIMIT 1 CREATE (u)-[:OWNS]->(:Intruder)",
    "// a comment first\nCREATE (n:Intruder)",
    "CALL { CREATE (n:Intruder) } RETURN 1 AS one",
    "CREATE CONSTRAINT intruder IF NOT EXISTS FOR (n:Intruder) REQUIRE n.name IS UNIQUE",
    "DROP CONSTRAINT resp_unit_key IF EXISTS",
]
READS = [
    "MATCH (u:Unit) RETURN count(u) AS units",
    "MATCH (u:Unit)-[:LEADS]->(t:Task) RETURN u.name, t.id LIMIT 3",
    "RETURN 1 AS one",
    "// MERGE in a comment\nMATCH (t:Task) WHERE t.text CONTAINS 'CREATE' RETURN t.key",
]


@pytest.mark.parametrize("cypher", WRITES)
def test_is_read_only_refuses_writes_and_changes_nothing(cypher, bolt_store):
    from resp.store.bolt import BoltError

    before = server_graph(bolt_store)
    assert bolt_store.is_read_only(cypher) is False
    with pytest.raises(BoltError):  # ReadOnlyError, or the engine's own error for a failing write
        bolt_store.run_read_only(cypher)
    assert server_graph(bolt_store) == before
    assert bolt_store.run("MATCH (n:Intruder) RETURN count(n) AS c").rows == [{"c": 0}]


@pytest.mark.parametrize("cypher", READS)
def test_is_read_only_accepts_reads(cypher, bolt_store):
    assert bolt_store.is_read_only(cypher) is True
    assert bolt_store.run_read_only(cypher).rows == bolt_store.run(cypher).rows


def test_arcadedb_explain_does_not_classify(bolt_store):
    """Why the fallback exists: ArcadeDB answers 'w' even to EXPLAIN RETURN 1."""
    assert bolt_store.explain_classifies() is False


def test_resp_cypher_over_neo4j_is_read_only(pushed, bolt_store):
    result = _invoke(["cypher", "--neo4j", "CREATE (n:Intruder {name: 'cli'})"], env=pushed.env())
    assert result.exit_code != 0
    assert "refused" in result.output
    assert bolt_store.run("MATCH (n:Intruder) RETURN count(n) AS c").rows == [{"c": 0}]
    ok = _invoke(["cypher", "--neo4j", "--json", "MATCH (d:Document) RETURN count(d) AS docs"],
                 env=pushed.env())
    assert ok.exit_code == 0, ok.output


# --------------------------------------------------------------------------
# `resp load --neo4j`'s writer: documents straight to the server
# --------------------------------------------------------------------------

def test_load_documents_straight_to_the_server(bolt_server):
    from resp.loader.graph import build_graph
    from resp.loader.parse import parse_file
    from resp.store.bolt import BoltStore, load_documents

    docs = [parse_file(p) for p in sorted(SEEDS.glob("*.txt"))]
    settings = bolt_server.settings(database=bolt_server.create_database("direct"))
    first = load_documents(docs[:2], settings)
    assert len(first.loaded) == 2
    second = load_documents(docs, settings)
    assert len(second.loaded) == len(docs) - 2 and len(second.skipped) == 2
    with BoltStore(settings) as store:
        assert server_graph(store) == local_graph(build_graph(docs))
    again = load_documents(docs, settings)
    assert again.loaded == [] and len(again.skipped) == len(docs)


# --------------------------------------------------------------------------
# Neo4j Browser files
# --------------------------------------------------------------------------

def test_browser_guide_has_a_runnable_block_per_canned_query(tmp_path):
    import html
    import re

    from resp.queries import catalog

    result = _invoke(["browser-guide", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    guide = (tmp_path / "resp-guide.html").read_text(encoding="utf-8")
    assert guide.startswith('<article class="guide">')
    blocks = [html.unescape(b) for b in
              re.findall(r'<pre class="[^"]*\brunnable\b[^"]*">(.*?)</pre>', guide, re.S)]
    for q in catalog.all_queries():
        assert q.text.strip() in blocks, q.name
        if q.params:
            assert any(b.startswith(":params {") and all(f"{p.name}:" in b for p in q.params)
                       for b in blocks), q.name
    grass = (tmp_path / "resp.grass").read_text(encoding="utf-8")
    for label, prop in (("Unit", "{name}"), ("Task", "{text}"), ("Jurisdiction", "{name}")):
        block = re.search(r"node\.%s \{(.*?)\}\n" % label, grass, re.S).group(1)
        assert "color: #" in block and prop in block


def test_resp_cypher_over_neo4j_writes_with_write_flag(bolt_server):
    from resp.store.bolt import BoltStore

    database = bolt_server.create_database("cliwrite")
    env = bolt_server.env(database)
    result = _invoke(["cypher", "--neo4j", "--write", "CREATE (n:Note {text: $t}) RETURN n.text AS text",
                      "-p", "t=它's \"ok\"", "--json"], env=env)
    assert result.exit_code == 0, result.output
    with BoltStore(bolt_server.settings(database=database)) as store:
        assert store.run("MATCH (n:Note) RETURN n.text AS t").rows == [{"t": "它's \"ok\""}]


def test_api_load_into_an_open_neo4j_store_skips_what_is_there(bolt_server):
    from resp import api
    from resp.store.bolt import BoltStore

    seed = sorted(SEEDS.glob("*.txt"))[0]
    settings = bolt_server.settings(database=bolt_server.create_database("loadcmd"))
    with BoltStore(settings) as store:
        first = api.load([seed], store)
        assert (first.loaded, first.skipped) == ([str(seed)], [])
        again = api.load([seed], store)
        assert (again.loaded, again.skipped) == ([], [str(seed)])


def test_resp_load_neo4j_equals_resp_push(bolt_server, bolt_store):
    from resp.store.bolt import BoltStore

    database = bolt_server.create_database("cliload")
    result = _invoke(["load", str(SEEDS), "--neo4j"], env=bolt_server.env(database))
    assert result.exit_code == 0, result.output
    with BoltStore(bolt_server.settings(database=database)) as store:
        assert server_graph(store) == server_graph(bolt_store)  # what `resp push` wrote


def test_national_views_over_bolt_give_the_rows_read_off_the_seeds(bolt_store):
    """The four aggregate queries, sent verbatim to the server, answer as the plans say
    (the same hand-read rows as tests/test_queries.py)."""
    from resp.queries import catalog

    kunming = catalog.run(bolt_store, "topic_leads_by_function", {"text": "托育", "jurisdiction": "昆明市"})
    assert [(r["function"], r["tasks"], r["leads"]) for r in kunming.rows] == [
        ("卫生健康", 4, 4), ("教育", 2, 2), ("住房城乡建设", 1, 1), ("政务服务", 1, 1)]
    load = catalog.run(bolt_store, "load_by_function", {}).rows
    assert [sum(r[k] for r in load) for k in ("lead", "support", "implement", "responsible")] \
        == [265, 507, 93, 40]
    dropped = catalog.run(bolt_store, "dropped_tasks", {"jurisdiction": "云南省", "top": 100}).rows
    assert len(dropped) == 20 and {r["plans_below"] for r in dropped} == {2}
    below = catalog.run(bolt_store, "without_plan", {"jurisdiction": "德宏傣族景颇族自治州"}).rows
    assert below == []  # the store holds only 盈江县 below 德宏州, and it has a plan


def test_a_push_removes_the_properties_an_earlier_resp_wrote_on_role_edges(bolt_server):
    """Role edges pushed by a resp before the leaner model held doc_id, task_id and clause
    (now their Task's); MERGE … SET would keep them, so a push strips them."""
    from resp.loader.graph import build_graph
    from resp.loader.records import Document, Responsibility, Task
    from resp.store.bolt import BoltStore, push_graph

    doc = Document(source="old.txt", jurisdiction="盈江县", level="county", sha256="c" * 64, tasks=[
        Task("1", None, "甲", [Responsibility("县财政局", "lead"), Responsibility("县发改局", "lead"),
                               Responsibility("县教育局", "lead"), Responsibility("县税务局", "support")],
             clause="县财政局、县发改局、县教育局牵头,县税务局配合"),
        Task("2", None, "乙", [Responsibility("各乡镇", "responsible")], clause="各乡镇负责")])
    settings = bolt_server.settings(database=bolt_server.create_database("retired"))
    graph = build_graph([doc])
    push_graph(graph, settings, documents=[doc])
    with BoltStore(settings) as store:
        # what the earlier model wrote on every role edge
        store.run_write("MATCH (:Unit)-[r]->(t:Task) SET r.doc_id = t.doc_id, r.task_id = t.id, "
                        "r.clause = t.clause")
        held = ("MATCH (:Unit)-[r]->(:Task) WHERE r.doc_id IS NOT NULL OR r.task_id IS NOT NULL "
                "OR r.clause IS NOT NULL RETURN count(r) AS n")
        assert store.run(held).rows == [{"n": 5}]
        push_graph(graph, settings, documents=[doc], batch_size=2)  # LEADS stripped in two batches
        assert store.run(held).rows == [{"n": 0}]
        assert server_graph(store) == local_graph(graph)
        roles = store.run("MATCH (u:Unit)-[r]->(t:Task) RETURN u.name AS unit, r.role AS role, t.id AS task").rows
        assert sorted((r["task"], r["unit"], r["role"]) for r in roles) == [
            ("1", "县发改局", "lead"), ("1", "县教育局", "lead"), ("1", "县税务局", "support"),
            ("1", "县财政局", "lead"), ("2", "各乡镇", "responsible")]
