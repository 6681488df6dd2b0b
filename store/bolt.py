"""A Neo4j server over Bolt: push the graph to it, read it with the same canned queries.

Only the official ``neo4j`` driver is used (py2neo is end-of-life). Nothing here runs
unless a command asks for the server (``resp push``, ``resp load --neo4j``, a reading
command's ``--neo4j``): the NEO4J_* variables are settings only.

Settings (`BoltSettings.resolve`): an explicit value, else the variable Neo4j's own
tools read, else the default.

    uri       NEO4J_URI        bolt://localhost:7687
    user      NEO4J_USERNAME   neo4j
    password  NEO4J_PASSWORD   (none)
    database  NEO4J_DATABASE   neo4j

Writing (`push_graph`, `push_store`, `load_documents`)
-----------------------------------------------------
1. the constraints of ``store/constraints_neo4j.cypher`` (``CREATE CONSTRAINT … IF NOT
   EXISTS``), so every MERGE below is an index lookup;
2. nodes, one label at a time, in batches of ``UNWIND $rows AS row MERGE (n:Label {key:
   row.key}) SET n.name = row.name, …`` (every property named);
3. relationships, one type at a time, ``UNWIND $rows … MATCH (a) MATCH (b) MERGE
   (a)-[r:TYPE]->(b) SET r.role = row.role, …``;
4. pruning: nodes of resp's labels and relationships of resp's types that the pushed
   graph no longer has (a replaced document's tasks, a recomputed CARRIES) are deleted,
   and properties an earlier resp wrote that the model has dropped (`RETIRED`: the role
   edges' doc_id, task_id and clause, which are their Task's) are removed, so the server
   holds exactly the pushed graph. Other labels are never touched.

Each batch is one managed write transaction (``session.execute_write``); the driver may
retry it, which is safe because every batch is a MERGE or a keyed delete. Pushing twice
leaves the same graph. A refused login, an unreachable server or a connection dropped
midway raises `BoltError` with one line that says how far the push got; the push is
never reported as done. Pushing again finishes it.

Reading (`BoltStore`)
---------------------
``run(cypher, params) -> QueryResult(columns, rows)`` like the embedded store, so the
canned ``.cypher`` files run verbatim; values come back as plain Python (int, float,
str, bool, None, lists, dicts), so rows compare equal to the embedded store's.

Read-only enforcement (`BoltStore.is_read_only`, `BoltStore.run_read_only`)
--------------------------------------------------------------------------
A server may accept a write inside a read transaction (ArcadeDB does), so the access
mode proves nothing. resp asks the server how it classifies the query:

* Neo4j answers ``EXPLAIN <query>`` without running it, with the summary's query type:
  ``r`` read, ``rw``/``w`` write, ``s`` schema. Only ``r`` is read-only.
* ArcadeDB (26.x, "Neo4j/5.26.0 compatible") answers ``w`` to every EXPLAIN, ``EXPLAIN
  RETURN 1`` included, and even *executes* a schema statement under EXPLAIN (``EXPLAIN
  CREATE CONSTRAINT …`` creates the constraint). Its summaries of queries that really
  run are right, though (``r`` for a MATCH, ``w`` with ``contains_updates`` for a
  CREATE). So when the probe ``EXPLAIN RETURN 1`` does not come back ``r``, the query
  runs inside an explicit transaction that is always rolled back, and its own summary
  decides: rows are returned only when it was ``r`` and changed nothing.
* Before either, a statement whose first keyword is a schema or admin verb (CREATE,
  DROP, ALTER, GRANT, …) is refused without being sent: such a statement is never a
  read, and a rollback cannot undo DDL.
"""
from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.resources import files

from .base import QueryResult, StoreError, one_line, plan_load

DEFAULT_URI = "bolt://localhost:7687"
DEFAULT_USER = "neo4j"
DEFAULT_DATABASE = "neo4j"
BATCH_SIZE = 5000  # rows a write transaction: fewest commits that stay a few MB (bench/push_bench.py)


class BoltError(StoreError):
    """A Neo4j/Bolt problem, said in one line."""


class ReadOnlyError(BoltError):
    """A query refused because the server says it writes."""


class QueryFailed(BoltError):
    """The server refused or failed the query itself (syntax, constraint, engine error)."""


# --------------------------------------------------------------------------
# settings and connections
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class BoltSettings:
    uri: str = DEFAULT_URI
    user: str = DEFAULT_USER
    password: str | None = None
    database: str = DEFAULT_DATABASE
    retry_seconds: float = 15.0  # how long execute_write retries a failed batch

    @classmethod
    def resolve(cls, uri: str | None = None, user: str | None = None,
                password: str | None = None, database: str | None = None,
                env: dict | None = None, **extra) -> "BoltSettings":
        """Explicit values win, then NEO4J_URI/USERNAME/PASSWORD/DATABASE, then defaults."""
        env = os.environ if env is None else env
        return cls(
            uri=uri or env.get("NEO4J_URI") or DEFAULT_URI,
            user=user or env.get("NEO4J_USERNAME") or DEFAULT_USER,
            password=password if password is not None else env.get("NEO4J_PASSWORD"),
            database=database or env.get("NEO4J_DATABASE") or DEFAULT_DATABASE,
            **extra,
        )

    def where(self) -> str:
        return f"{self.uri} (database {self.database})"


def _settings(settings: BoltSettings | None) -> BoltSettings:
    return settings if settings is not None else BoltSettings.resolve()


def _connection_errors():
    from neo4j import exceptions as ne

    return (ne.ServiceUnavailable, ne.SessionExpired, ne.IncompleteCommit,
            ne.ConnectionAcquisitionTimeoutError, OSError)


def _translate(exc: BaseException, settings: BoltSettings, doing: str) -> BoltError:
    """One line for any driver or server error."""
    from neo4j import exceptions as ne

    if isinstance(exc, BoltError):
        return exc
    if isinstance(exc, ne.AuthError):
        return BoltError(f"Neo4j at {settings.uri} refused the login of user {settings.user!r}: "
                         "check --user/--password (NEO4J_USERNAME/NEO4J_PASSWORD)")
    if isinstance(exc, ne.IncompleteCommit):
        return BoltError(f"lost the connection to {settings.uri} while {doing}, during a commit "
                         "whose outcome is unknown")
    if isinstance(exc, _connection_errors()):
        reason = one_line(exc).split(" (reason ")[-1].rstrip(")") if "(reason " in str(exc) \
            else one_line(exc)
        return BoltError(f"cannot reach Neo4j at {settings.uri} while {doing}: {reason}")
    if isinstance(exc, ne.Neo4jError):
        code = exc.code or ""
        if code.endswith("DatabaseNotFound"):
            return BoltError(f"Neo4j at {settings.uri} has no database {settings.database!r} "
                             "(--database / NEO4J_DATABASE)")
        message = one_line(exc.message or exc)
        return QueryFailed(f"Neo4j error while {doing}: {message}" + (f" [{code}]" if code else ""))
    if isinstance(exc, (ne.DriverError, ValueError)):
        return BoltError(f"Neo4j driver error while {doing}: {one_line(exc)}")
    return BoltError(f"{type(exc).__name__} while {doing}: {one_line(exc)}")


@contextmanager
def _errors(settings: BoltSettings, doing: str):
    from neo4j import exceptions as ne

    try:
        yield
    except BoltError:
        raise
    except (ne.Neo4jError, ne.DriverError, ValueError, OSError) as exc:
        raise _translate(exc, settings, doing) from None


BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def _check_scheme(uri: str) -> None:
    """Bolt only: the driver's http:// support needs aiohttp and speaks another protocol."""
    scheme = uri.partition("://")[0].lower() if "://" in uri else ""
    if scheme not in BOLT_SCHEMES:
        raise BoltError(f"the Neo4j address {uri!r} (--uri, NEO4J_URI) is not Bolt: use "
                        "bolt://HOST:7687 or neo4j://HOST:7687 (+s/+ssc for TLS), not "
                        f"{scheme + '://' if scheme else 'a bare host'}")


def connect(settings: BoltSettings | None = None):
    """A driver whose connection and login were checked (BoltError otherwise)."""
    import neo4j

    settings = _settings(settings)
    _check_scheme(settings.uri)
    auth = (settings.user, settings.password) if settings.password is not None else None
    with _errors(settings, "connecting"):
        driver = neo4j.GraphDatabase.driver(
            settings.uri, auth=auth,
            max_transaction_retry_time=settings.retry_seconds,
            connection_timeout=10.0,
            connection_acquisition_timeout=30.0,
            user_agent="resp",
        )
        try:
            driver.verify_connectivity()
        except BaseException:
            driver.close()
            raise
    return driver


# --------------------------------------------------------------------------
# values
# --------------------------------------------------------------------------

def to_python(value):
    """A driver value as plain Python: nodes and relationships become property dicts."""
    from neo4j.graph import Node, Path, Relationship

    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [to_python(v) for v in value]
    if isinstance(value, dict):
        return {k: to_python(v) for k, v in value.items()}
    if isinstance(value, (Node, Relationship)):
        return {k: to_python(v) for k, v in value.items()}
    if isinstance(value, Path):
        return [to_python(n) for n in value.nodes]
    if hasattr(value, "iso_format"):  # neo4j.time values
        return value.iso_format()
    if hasattr(value, "to_native"):
        return value.to_native()
    return value


def _result_of(result, limit: int | None = None) -> QueryResult:
    """The records as dicts of plain values: all, or the first `limit` and the count."""
    columns = list(result.keys())
    rows, total = [], 0
    for record in result:
        if limit is None or total < limit:
            rows.append(dict(zip(columns, (to_python(v) for v in record.values()))))
        total += 1
    return QueryResult(columns, rows, total=None if limit is None else total)


# --------------------------------------------------------------------------
# reading
# --------------------------------------------------------------------------

# first keywords of statements that are never reads, refused unsent: schema and admin
# verbs ('s'), and clauses that write ('w')
_SCHEMA_VERBS = frozenset("""CREATE DROP ALTER GRANT DENY REVOKE RENAME START STOP ENABLE
    TERMINATE DEALLOCATE REALLOCATE DRYRUN""".split())
_CREATE_SCHEMA = re.compile(
    r"\bCREATE\s+(?:OR\s+REPLACE\s+)?(?:\w+\s+)?(?:CONSTRAINT|INDEX|DATABASE|ALIAS|USER|ROLE"
    r"|SERVER)\b", re.I)
_WRITE_CLAUSES = frozenset("SET REMOVE DELETE DETACH MERGE FOREACH LOAD".split())


def _never_read(cypher: str) -> str:
    """'s' or 'w' for a statement whose first keyword is never a read, else ''."""
    word = leading_keyword(cypher)
    if word == "CREATE" and not _CREATE_SCHEMA.search(_COMMENTS.sub(" ", cypher)):
        return "w"  # CREATE (n) ...: a data write
    if word in _SCHEMA_VERBS:
        return "s"
    return "w" if word in _WRITE_CLAUSES else ""
_COMMENTS = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)
_WORD = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")


def leading_keyword(cypher: str) -> str:
    """The statement's first keyword after comments, EXPLAIN/PROFILE, CYPHER options, USE db."""
    text = _COMMENTS.sub(" ", cypher).strip()
    while True:
        m = _WORD.match(text)
        if not m:
            return ""
        word = m.group(0).upper()
        rest = text[m.end():].lstrip()
        if word in ("EXPLAIN", "PROFILE"):
            text = rest
        elif word == "CYPHER":  # CYPHER [version] [option=value ...]
            text = re.sub(r"^(?:[0-9.]+\s*|\w+\s*=\s*\w+\s*)*", "", rest)
        elif word == "USE":
            text = re.sub(r"^(`[^`]*`|[\w.]+)\s*", "", rest)
        else:
            return word


class BoltStore:
    """The graph on a Neo4j server, read with the embedded store's interface."""

    def __init__(self, settings: BoltSettings | None = None, driver=None):
        self.settings = _settings(settings)
        self._driver = driver or connect(self.settings)
        self._explain_classifies: bool | None = None

    @property
    def path(self) -> str:  # what messages call the store
        return self.settings.where()

    @property
    def agent(self) -> str:
        with _errors(self.settings, "asking the server who it is"):
            return self._driver.get_server_info().agent

    def _session(self, read: bool = True):
        import neo4j

        mode = neo4j.READ_ACCESS if read else neo4j.WRITE_ACCESS
        return self._driver.session(database=self.settings.database, default_access_mode=mode)

    def run(self, cypher: str, params: dict | None = None, limit: int | None = None) -> QueryResult:
        """Run a (canned, trusted) read query; rows as plain Python dicts (the first
        `limit` of them, if given, with `total` the count)."""
        with _errors(self.settings, "running a query"), self._session() as session:
            return session.execute_read(lambda tx: _result_of(tx.run(cypher, params or {}), limit))

    def run_write(self, cypher: str, params: dict | None = None) -> QueryResult:
        """Run any query once in an auto-commit transaction (`resp cypher --write`)."""
        import neo4j

        with _errors(self.settings, "running a query"), self._session(read=False) as session:
            return _result_of(session.run(neo4j.Query(cypher), params or {}))

    # --- read-only enforcement -------------------------------------------------

    def explain_classifies(self) -> bool:
        """Whether this server's EXPLAIN tells reads from writes (Neo4j yes, ArcadeDB no)."""
        if self._explain_classifies is None:
            self._explain_classifies = self._explain_type("RETURN 1") == "r"
        return self._explain_classifies

    def _explain_type(self, cypher: str, params: dict | None = None) -> str:
        import neo4j

        with _errors(self.settings, "asking the server to classify a query"), \
                self._session() as session:
            summary = session.run(neo4j.Query("EXPLAIN " + cypher), params or {}).consume()
            return str(summary.query_type or "")

    def _rolled_back(self, cypher: str, params: dict | None):
        """Run in an explicit transaction that is always rolled back: (result, kind)."""
        with _errors(self.settings, "running a query"), self._session() as session:
            tx = session.begin_transaction()
            try:
                result = tx.run(cypher, params or {})
                rows = _result_of(result)
                summary = result.consume()
            finally:
                if not tx.closed():
                    tx.rollback()
        counters = summary.counters
        kind = str(summary.query_type or "")
        if counters.contains_updates or counters.contains_system_updates:
            kind = kind if kind and kind != "r" else "w"
        return rows, kind

    def classify(self, cypher: str, params: dict | None = None) -> str:
        """The server's query type: 'r', 'rw', 'w' or 's' ('s' too for a refused schema verb)."""
        kind = _never_read(cypher)
        if kind:
            return kind
        if self.explain_classifies():
            return self._explain_type(cypher, params)
        return self._rolled_back(cypher, params)[1]

    def is_read_only(self, cypher: str, params: dict | None = None) -> bool:
        """True when the server classifies the query as a read ('r').

        A query the server cannot even run (a syntax error, a failing write) is not
        proven a read: False. Connection and login problems still raise BoltError.
        """
        try:
            return self.classify(cypher, params) == "r"
        except QueryFailed:
            return False

    def run_read_only(self, cypher: str, params: dict | None = None) -> QueryResult:
        """Run an ad-hoc query, refusing (ReadOnlyError) any the server says writes.

        The refused query has changed nothing: on Neo4j it never ran; on ArcadeDB it ran
        in a transaction that was rolled back.
        """
        if _never_read(cypher) or self.explain_classifies():
            kind = self.classify(cypher, params)
            if kind != "r":
                raise _refused(kind)
            return self.run(cypher, params)
        rows, kind = self._rolled_back(cypher, params)
        if kind != "r":
            raise _refused(kind)
        return rows

    def close(self) -> None:
        if self._driver is not None:
            self._driver.close()
            self._driver = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


_KINDS = {"w": "writes", "rw": "reads and writes", "s": "changes the schema"}


def _refused(kind: str) -> ReadOnlyError:
    what = _KINDS.get(kind, f"is not a read (query type {kind!r})")
    return ReadOnlyError(f"refused: this query {what}; read-only unless --write is given")


def open_store(settings: BoltSettings | None = None) -> BoltStore:
    """The Bolt store named by the settings (default: NEO4J_* variables)."""
    return BoltStore(settings)


# --------------------------------------------------------------------------
# writing
# --------------------------------------------------------------------------

def constraint_statements() -> list[str]:
    """The statements of store/constraints_neo4j.cypher (comment lines dropped)."""
    text = files("resp.store").joinpath("constraints_neo4j.cypher").read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    return [s.strip() for s in text.split(";") if s.strip()]


# properties an earlier resp pushed that the graph model no longer has: a push with
# pruning removes them (MERGE + SET would leave them on the relationships it matches)
RETIRED = {rel: ("doc_id", "task_id", "clause")
           for rel in ("LEADS", "SUPPORTS", "IMPLEMENTS", "RESPONSIBLE_FOR")}


def retired_statements(rel: str) -> tuple[str, str]:
    """(how many relationships of a type still hold a retired property; up to $limit
    of them stripped of those properties)."""
    from resp.loader.graph import REL_TYPES

    src, dst, _ = REL_TYPES[rel]
    props = RETIRED[rel]
    match = f"MATCH (:{src})-[r:{rel}]->(:{dst}) WHERE " + " OR ".join(f"r.{p} IS NOT NULL" for p in props)
    return (f"{match} RETURN count(r)",
            f"{match} WITH r LIMIT $limit REMOVE " + ", ".join(f"r.{p}" for p in props))


# Document nodes on a server also keep the store's bookkeeping: the parse record (JSON)
# and the source path, so `resp load --neo4j` can rebuild the graph from the server.
SERVER_ONLY_PROPERTIES = {"Document": ("record", "path")}


def node_properties(label: str) -> tuple[str, ...]:
    """The properties a pushed node of this label carries, key first."""
    from resp.loader.graph import NODE_PROPERTIES

    return NODE_PROPERTIES[label] + SERVER_ONLY_PROPERTIES.get(label, ())


def _assignments(var: str, props: Iterable[str], skip: str = "") -> str:
    """`SET v.p = row.p, …`: named properties, not `SET v += map` (a third faster on ArcadeDB)."""
    fields = ", ".join(f"{var}.{p} = row.{p}" for p in props if p != skip)
    return f" SET {fields}" if fields else ""


def node_statement(label: str) -> str:
    from resp.loader.graph import KEY_PROPERTY

    key = KEY_PROPERTY[label]
    return (f"UNWIND $rows AS row MERGE (n:{label} {{{key}: row.{key}}})"
            + _assignments("n", node_properties(label), skip=key))


def rel_statement(rel: str) -> str:
    from resp.loader.graph import KEY_PROPERTY, REL_TYPES

    src, dst, props = REL_TYPES[rel]
    return (f"UNWIND $rows AS row "
            f"MATCH (a:{src} {{{KEY_PROPERTY[src]}: row.src}}) "
            f"MATCH (b:{dst} {{{KEY_PROPERTY[dst]}: row.dst}}) "
            f"MERGE (a)-[r:{rel}]->(b)" + _assignments("r", props))


def graph_rows(graph, documents=None, paths: dict | None = None):
    """({label: [node properties]}, {type: [{src, dst, properties}]}) of a networkx graph.

    Rows are flat maps (a node's properties, its key among them; a relationship's end
    keys `src` and `dst` beside its properties), the parameters of node_statement and
    rel_statement. documents (parse records, a list or a dict by document id) and paths
    (document id → source path), when given, fill the Document bookkeeping of
    SERVER_ONLY_PROPERTIES.
    """
    from resp.loader.graph import KEY_PROPERTY, NODE_PROPERTIES, REL_TYPES, document_id

    if isinstance(documents, dict):  # document id -> parse record (EmbeddedStore.documents)
        records = dict(documents)
    else:
        records = {document_id(d): d for d in documents or ()}
    paths = paths or {}
    nodes: dict[str, list] = {label: [] for label in NODE_PROPERTIES}
    for _, attrs in graph.nodes(data=True):
        label = attrs["label"]
        row = {p: _plain(attrs.get(p)) for p in NODE_PROPERTIES[label]}
        if label == "Document":
            key = row["id"]
            row["record"] = (json.dumps(records[key].to_json(), ensure_ascii=False)
                             if key in records else None)
            row["path"] = paths.get(key) or None
        nodes[label].append(row)
    rels: dict[str, list] = {rel: [] for rel in REL_TYPES}
    for u, v, attrs in graph.edges(data=True):
        rel = attrs["type"]
        src, dst, props = REL_TYPES[rel]
        row = {p: _plain(attrs.get(p)) for p in props}
        row["src"] = graph.nodes[u][KEY_PROPERTY[src]]
        row["dst"] = graph.nodes[v][KEY_PROPERTY[dst]]
        rels[rel].append(row)
    for label, rows in nodes.items():
        rows.sort(key=lambda r, k=KEY_PROPERTY[label]: r[k])
    for rows in rels.values():
        rows.sort(key=lambda r: (r["src"], r["dst"]))
    return nodes, rels


def _plain(value):
    if isinstance(value, tuple):
        return list(value)
    return value


@dataclass
class PushReport:
    """What a push did: counts by label and type; pushed is the graph now on the server."""

    where: str
    agent: str = ""
    pushed: dict[str, int] = field(default_factory=dict)
    removed: dict[str, int] = field(default_factory=dict)
    batches: int = 0
    seconds: float = 0.0
    # for `resp load --neo4j`
    loaded: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)  # files not parsed -> why (resp.api.load)


def _batches(rows: list, size: int) -> Iterable[list]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


class _Writer:
    """Batched writes with progress and an honest account of where a failure struck."""

    def __init__(self, driver, settings: BoltSettings, total: int, on_progress=None):
        self.driver = driver
        self.settings = settings
        self.total = total
        self.done = 0
        self.batches = 0
        self.on_progress = on_progress or (lambda done, total, what: None)

    def session(self):
        import neo4j

        return self.driver.session(database=self.settings.database,
                                   default_access_mode=neo4j.WRITE_ACCESS)

    def write(self, session, statement: str, rows: list, what: str, size: int) -> None:
        for batch in _batches(rows, size):
            self._guarded(lambda: session.execute_write(
                lambda tx: tx.run(statement, rows=batch).consume()), what)
            self.batches += 1
            self.done += len(batch)
            self.on_progress(self.done, self.total, what)

    def write_limited(self, session, statement: str, limit: int, what: str) -> None:
        """One write transaction of a statement that changes up to $limit rows."""
        self._guarded(lambda: session.execute_write(
            lambda tx: tx.run(statement, limit=limit).consume()), what)
        self.batches += 1

    def read(self, session, statement: str, what: str) -> list:
        return self._guarded(lambda: session.execute_read(
            lambda tx: [r.values() for r in tx.run(statement)]), what)

    def _guarded(self, call: Callable, what: str):
        from neo4j import exceptions as ne

        try:
            return call()
        except (ne.Neo4jError, ne.DriverError, OSError) as exc:
            error = _translate(exc, self.settings, f"writing {what}")
            raise BoltError(f"push failed after {self.batches} committed batches "
                            f"({self.done} of {self.total} rows): {error}; "
                            "push again to finish (pushing is idempotent)") from None


def push_graph(graph, settings: BoltSettings | None = None, *, documents=None,
               paths: dict | None = None, prune: bool = True, batch_size: int = BATCH_SIZE,
               on_progress: Callable[[int, int, str], None] | None = None,
               driver=None) -> PushReport:
    """Write a networkx graph (loader.graph's shape) to the server; see the module doc.

    on_progress(done_rows, total_rows, what) is told after every batch.
    """
    settings = _settings(settings)
    started = time.perf_counter()
    nodes, rels = graph_rows(graph, documents, paths)
    total = sum(map(len, nodes.values())) + sum(map(len, rels.values()))
    own_driver = driver is None
    driver = driver or connect(settings)
    report = PushReport(where=settings.where())
    try:
        with _errors(settings, "asking the server who it is"):
            report.agent = driver.get_server_info().agent
        writer = _Writer(driver, settings, total, on_progress)
        with writer.session() as session:
            for statement in constraint_statements():
                writer._guarded(lambda s=statement: session.run(s).consume(), "constraints")
            for label, rows in nodes.items():
                writer.write(session, node_statement(label), rows, f"{label} nodes", batch_size)
                report.pushed[label] = len(rows)
            for rel, rows in rels.items():
                writer.write(session, rel_statement(rel), rows, f"{rel} relationships", batch_size)
                report.pushed[rel] = len(rows)
            if prune:
                report.removed = _prune(writer, session, nodes, rels, batch_size)
        report.batches = writer.batches
    finally:
        if own_driver:
            driver.close()
    report.seconds = time.perf_counter() - started
    return report


def _prune(writer: "_Writer", session, nodes: dict, rels: dict, batch_size: int) -> dict[str, int]:
    """Delete what the pushed graph no longer has: relationships first, then nodes.

    Only resp's labels and types are read; the counts removed, by label and type.
    """
    from resp.loader.graph import KEY_PROPERTY, REL_TYPES

    removed = {}
    for rel, (src, dst, _) in REL_TYPES.items():
        ks, kd = KEY_PROPERTY[src], KEY_PROPERTY[dst]
        have = writer.read(session, f"MATCH (a:{src})-[r:{rel}]->(b:{dst}) "
                                    f"RETURN a.{ks}, b.{kd}", f"{rel} relationships")
        keep = {(r["src"], r["dst"]) for r in rels[rel]}
        stale = sorted({(a, b) for a, b in have} - keep)
        writer.total += len(stale)
        writer.write(session,
                     f"UNWIND $rows AS row MATCH (a:{src} {{{ks}: row[0]}})"
                     f"-[r:{rel}]->(b:{dst} {{{kd}: row[1]}}) DELETE r",
                     [list(s) for s in stale], f"stale {rel} relationships", batch_size)
        removed[rel] = len(stale)
    for rel in RETIRED:
        count, strip = retired_statements(rel)
        held = writer.read(session, count, f"{rel} relationships")[0][0]
        for _ in range(-(-held // batch_size)):
            writer.write_limited(session, strip, batch_size, f"retired properties of {rel}")
    for label, rows in nodes.items():
        key = KEY_PROPERTY[label]
        have = writer.read(session, f"MATCH (n:{label}) RETURN n.{key}", f"{label} nodes")
        stale = sorted({r[0] for r in have} - {r[key] for r in rows})
        writer.total += len(stale)
        writer.write(session, f"UNWIND $rows AS k MATCH (n:{label} {{{key}: k}}) DETACH DELETE n",
                     stale, f"stale {label} nodes", batch_size)
        removed[label] = len(stale)
    return removed


def push_store(db_path: str | None = None, settings: BoltSettings | None = None,
               **options) -> PushReport:
    """Push the whole graph of the embedded store at db_path (`resp push`)."""
    from .embedded import EmbeddedStore

    with EmbeddedStore(db_path) as store:
        graph = store.graph()
        documents = store.documents()
        paths = store.paths()
    return push_graph(graph, settings, documents=documents, paths=paths, **options)


def server_documents(driver, settings: BoltSettings):
    """(parse records by id, source path by id) of the documents already on the server."""
    from resp.loader.records import Document

    def read(tx):
        q = "MATCH (d:Document) RETURN d.id AS id, d.record AS record, d.path AS path"
        return [r.values() for r in tx.run(q)]

    with _errors(settings, "reading the documents on the server"), \
            driver.session(database=settings.database) as session:
        rows = session.execute_read(read)
    docs, paths = {}, {}
    for did, record, path in rows:
        if not record:
            raise BoltError(f"document {did} on {settings.where()} has no parse record "
                            "(pushed by another tool?): push from an embedded store instead")
        docs[did] = Document.from_json(json.loads(record))
        if path:
            paths[did] = path
    return docs, paths


def load_documents(documents, settings: BoltSettings | None = None, **options) -> PushReport:
    """Add parsed documents to the graph on the server (`resp load PATH... --neo4j`).

    The same rules as the embedded store: a document whose content is already there is
    skipped, one at the same resolved source path with other bytes replaces the old
    version, and the whole graph (derived parts included) is rebuilt from every
    document's parse record and pushed.
    """
    from resp.loader.graph import build_graph

    settings = _settings(settings)
    driver = options.pop("driver", None) or connect(settings)
    try:
        stored, paths = server_documents(driver, settings)
        plan = plan_load(documents, {did: paths.get(did, "") for did in stored},
                         lambda did: stored[did].corrections)
        if not plan.changes:
            return PushReport(where=settings.where(), skipped=plan.skipped)
        kept = [doc for did, doc in stored.items() if did not in set(plan.removed)]
        all_docs = kept + plan.fresh
        report = push_graph(build_graph(all_docs), settings, documents=all_docs,
                            paths={did: p for did, p in plan.paths.items() if p},
                            driver=driver, **options)
        report.loaded, report.skipped, report.replaced = plan.loaded, plan.skipped, plan.replaced
        return report
    finally:
        driver.close()
