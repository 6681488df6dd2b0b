"""LadybugDB, embedded: the store `resp load` writes and every query reads.

A store is one LadybugDB database file (default ``./resp.db``, else $RESP_DB). It
always holds exactly ``build_tables(all loaded documents)``: the parse record of each
document is kept beside it (packed JSON in one of the record tables, RECORD_TABLES,
chosen by its id; ``path`` on the Document node, the resolved source path), so a
load rebuilds the whole graph in memory from the stored records plus the new ones, and
every derived part (canonical unit names, CITES, MIRRORS, CARRIES) is recomputed over
the whole graph.

A store written by another version of resp (its tables differ from
store/schema.cypher, say a property added since) is told apart on two occasions: a
query that fails to bind gets an error saying so instead of the engine's message, and
the next load rebuilds the store from its own records even when nothing is new.

How a load is atomic
--------------------
A load never writes into the live store. Under an exclusive lock (``PATH.lock``,
``fcntl.flock``, so two loads queue instead of losing each other's documents) it:

1. reads the stored records (read-only),
2. builds the new graph in memory,
3. writes it into a fresh database file beside the store (``PATH.tmp-<pid>``) with
   ``COPY FROM`` CSV files, checkpoints and closes it, so the new file is complete
   and has no write-ahead log, and fsyncs it (the file is private until step 4, so
   the COPYs need no common transaction: LadybugDB does allow COPY inside
   ``BEGIN TRANSACTION``, but the rename is the one commit that matters),
4. renames it over ``PATH`` (``os.replace``: atomic on POSIX for a file on the same
   file system) and fsyncs the directory.

Whatever fails before step 4 (a parse record the model refuses, an error inside
COPY, a full disk, a crash, Ctrl-C) leaves ``PATH`` byte for byte as it was; the
temporary file is removed, or on a hard crash left as ``PATH.tmp-<pid>`` and swept
by the next load. Readers that opened the old file keep reading it until they close;
readers that open after the rename see the new graph; no reader sees a part of a load.
Because the store is rebuilt from the records, a write made into it by hand is not
kept by the next load.

Cost: every load that changes something rewrites the whole file. The five seeds load
in under a second; 3,000 plans in one load: docs/measurements.md, "The full load, stage by stage"
(the parse and CARRIES in a pool of processes, the write on two engine threads), and
adding one plan to those 3,000 costs a full rebuild (the derived parts are recomputed
over everything anyway).

Idempotence: a document's identity is the sha256 of its bytes. A document whose hash
is already stored is skipped, and a load where every document is skipped does not
touch the store at all. A document at the same resolved source path as a stored one
but with other bytes replaces it (its old tasks, targets and edges go).

Incremental loads: a few plans added, replaced or removed in an existing store are not
rebuilt; store/incremental.py (`try_load`, called first under the lock) changes a copy
of the store file in one transaction and renames it over the store, touching only what
those plans change. What the "Cost" paragraph says of a full rebuild holds for larger
changes (more than incremental.INCREMENTAL_SHARE of the stored plans).
"""
from __future__ import annotations

import base64
import errno
import fcntl
import json
import os
import sys
import re
import time
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field

from resp.loader.records import Document

from .base import (LoadPlan, LoadReport, QueryResult, StoreError, StoreNotFound, default_db_path,
                   one_line, plan_load)

# columns the store keeps beyond the graph model, per label (see the module docstring)
STORE_ONLY = {"Document": ("path",)}

# The parse records live in tables of their own, not on the Document node: a record
# goes into Record_<n>, n = its document id's first hex digit modulo RECORD_SHARDS (id,
# record). LadybugDB's checkpoint rewrites a string column whole when a new row's text
# does not fit beside the old ones: a 7 KB record added to a column of all 3,000 took
# 0.25-0.30 s (21 MB rewritten), to one of 2 shards 0.11 s, of 4 0.057 s, of 8 0.032 s.
# Every node table costs a process that opens the store 3.4 MB even when empty (4
# shards 14 MB, 16 shards 55 MB), so 4 (docs/architecture.md, "Incremental loads").
# The shards are no part of the graph model.
RECORD_SHARDS = 4
RECORD_TABLES = tuple(f"Record_{n}" for n in range(RECORD_SHARDS))


def record_table(did: str) -> str:
    """The table holding the record of the document with this id."""
    try:
        n = int(did[:1], 16)
    except ValueError:  # not a sha256 hex digest: any stable shard will do
        n = zlib.crc32(did.encode("utf-8"))
    return RECORD_TABLES[n % RECORD_SHARDS]


def schema_statements() -> list[str]:
    """The DDL of store/schema.cypher, one statement each (comment lines dropped)."""
    from importlib.resources import files  # not at import: readers never need it

    text = files("resp.store").joinpath("schema.cypher").read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    return [s.strip() for s in text.split(";") if s.strip()]


_TABLE = re.compile(r"CREATE (?:NODE|REL) TABLE IF NOT EXISTS (\w+)\((.*)\)$", re.S)


def schema_columns() -> dict[str, tuple[str, ...]]:
    """Each table of store/schema.cypher and its property names, in order."""
    out = {}
    for statement in schema_statements():
        m = _TABLE.match(statement)
        if m:
            parts = (part.split() for part in m.group(2).split(","))
            out[m.group(1)] = tuple(w[0] for w in parts if len(w) == 2 and w[0] != "PRIMARY")
    return out


OUTDATED = ("the store {path} was written by another version of resp (its tables differ "
            "from this version's schema): run `resp load` again with any of its documents, "
            "and it is rebuilt from its own records")


def _ladybug():
    try:
        if "ladybug" not in sys.modules:
            _import_without_asyncio()
        import ladybug
    except ImportError as exc:  # pragma: no cover - a broken install
        raise StoreError(f"LadybugDB is not installed ({exc}); pip install ladybug") from None
    return ladybug


def _import_without_asyncio() -> None:
    """Import ladybug without its AsyncConnection, which brings asyncio: 38 ms of the
    46 ms the package takes to import, on every command (resp never uses it). A stand-in
    module answers ladybug/__init__.py's `from .async_connection import
    AsyncConnection` and is dropped right after, so `import ladybug.async_connection`
    still finds the real one; `ladybug.AsyncConnection(...)` imports it when called."""
    import types

    name = "ladybug.async_connection"

    class AsyncConnection:  # the real class, imported on first use
        def __new__(cls, *args, **kwargs):
            import importlib

            real = importlib.import_module(name).AsyncConnection
            sys.modules["ladybug"].AsyncConnection = real
            return real(*args, **kwargs)

    stand_in = types.ModuleType(name)
    stand_in.AsyncConnection = AsyncConnection
    sys.modules[name] = stand_in
    try:
        import ladybug  # noqa: F401
    finally:
        if sys.modules.get(name) is stand_in:
            del sys.modules[name]
            parent = sys.modules.get("ladybug")
            if parent is not None and getattr(parent, "async_connection", None) is stand_in:
                del parent.async_connection


# what LadybugDB raises: RuntimeError from the engine, ValueError/TypeError from
# converting a parameter it cannot type
_ENGINE_ERRORS = (RuntimeError, ValueError, TypeError)


def _execute(conn, cypher: str, params: dict | None = None):
    result = conn.execute(cypher, params or {})
    if isinstance(result, list):  # several statements: the last one answers
        result = result[-1]
    return result


# --------------------------------------------------------------------------
# reading
# --------------------------------------------------------------------------

# The buffer pool of a reader: LadybugDB's default is 80% of the machine's memory, and
# opening a store costs more the larger the pool (on this 24 GB machine 0.048 s at the
# default, 0.032 s at 1 GB: every command opens one). A reader needs the store's pages
# and the working memory of one query: at least READ_POOL_MIN, else four times the
# file, never above the engine's own default.
READ_POOL_MIN = 2**30


# The buffer pool of an incremental change (store/incremental.py), which opens a copy of
# the store for writing: the engine's default pool alone costs the process 38 MB more
# than a pool of 2 GB (its frames' bookkeeping, on this 24 GB machine); adding a plan
# to a 3,000-plan store needs 64 MB of it (32 MB fails). At least CHANGE_POOL_MIN, else
# eight times the file.
CHANGE_POOL_MIN = 2**31


def read_pool_size(path: str, minimum: int = READ_POOL_MIN, times: int = 4) -> int:
    """The buffer pool in bytes for reading the store at path (see READ_POOL_MIN); with
    CHANGE_POOL_MIN and 8, for changing it (see there)."""
    wanted = max(minimum, times * os.path.getsize(path))
    try:
        default = int(0.8 * os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"))
    except (ValueError, OSError, AttributeError):
        return wanted
    return min(wanted, default) if default > 0 else wanted


def all_rows(result, limit: int | None = None) -> list:
    """Every row of a LadybugDB result (the first `limit`, if given), as lists. Its
    public iterator checks that the result, its connection and its database are open
    before each row (0.085 s for 41,544 rows); the engine's own result, where the driver
    exposes it, gives them in 0.06 s."""
    native = getattr(result, "_query_result", None)
    if native is None or not hasattr(native, "getNext") or not hasattr(native, "getNumTuples"):
        return result.get_all() if limit is None else result.get_n(limit)
    result.check_for_query_result_close()
    get = native.getNext
    count = native.getNumTuples()
    return [get() for _ in range(count if limit is None else min(limit, count))]


class EmbeddedStore:
    """A LadybugDB store opened read-only: what the query layer reads."""

    def __init__(self, db_path: str | os.PathLike | None = None):
        self.path = default_db_path(db_path)
        if not os.path.isfile(self.path):
            raise StoreNotFound(self.path)
        lb = _ladybug()
        try:
            self._db = lb.Database(self.path, read_only=True, buffer_pool_size=read_pool_size(self.path))
            self._conn = lb.Connection(self._db)
        except RuntimeError as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}") from None

    def run(self, cypher: str, params: dict | None = None, limit: int | None = None) -> QueryResult:
        """The rows of a statement; with a limit only the first `limit` rows are fetched
        and turned into dicts, and `total` says how many there are."""
        try:
            result = _execute(self._conn, cypher, params)
        except _ENGINE_ERRORS as exc:  # a parameter it cannot convert is a ValueError
            if "Binder exception" in str(exc) and not self.schema_is_current():
                raise StoreError(OUTDATED.format(path=self.path)) from None
            raise StoreError(one_line(exc)) from None
        columns = list(result.get_column_names())
        rows = all_rows(result, limit)
        return QueryResult(columns, [dict(zip(columns, row)) for row in rows],
                           total=None if limit is None else result.get_num_tuples())

    def schema_is_current(self) -> bool:
        """Whether the store's tables are those of this version's store/schema.cypher."""
        have = {row[1] for row in self.rows("CALL show_tables() RETURN *")}
        for table, columns in schema_columns().items():
            if table not in have:
                return False
            info = self.rows(f"CALL table_info('{table}') RETURN *")
            if tuple(row[1] for row in info) != columns:
                return False
        return True

    def rows(self, cypher: str, params: dict | None = None) -> list[list]:
        """Plain row lists: the fast path for bulk reads."""
        return all_rows(_execute(self._conn, cypher, params))

    def documents(self) -> dict[str, Document]:
        """Every stored document's parse record, by document id (ordered by id)."""
        return {did: unpack_record(packed) for did, packed in self.packed().items()}

    def packed(self) -> dict[str, str]:
        """Document id -> its packed parse record (see pack_record), ordered by id. A
        store of an older schema kept them on the Document node (`record`)."""
        return read_packed(self.rows)

    def paths(self) -> dict[str, str]:
        """Document id -> resolved source path."""
        return dict(self.rows("MATCH (d:Document) RETURN d.id, d.path"))

    def counts(self) -> dict[str, int]:
        """Nodes by label and edges by type."""
        from resp.loader.graph import NODE_PROPERTIES, REL_TYPES

        out = {label: self.rows(f"MATCH (n:{label}) RETURN count(*)")[0][0] for label in NODE_PROPERTIES}
        for rel, (src, dst, _) in REL_TYPES.items():
            out[rel] = self.rows(f"MATCH (:{src})-[r:{rel}]->(:{dst}) RETURN count(*)")[0][0]
        return out

    def tables(self):
        """The stored graph as resp.loader.graph.GraphTables."""
        from resp.loader.graph import KEY_PROPERTY, NODE_PROPERTIES, REL_TYPES, GraphTables

        t = GraphTables()
        for label, props in NODE_PROPERTIES.items():
            cols = ", ".join(f"n.{p}" for p in props)
            t.nodes[label] = {row[0]: tuple(row) for row in self.rows(f"MATCH (n:{label}) RETURN {cols}")}
        for rel, (src, dst, props) in REL_TYPES.items():
            cols = "".join(f", r.{p}" for p in props)
            q = (f"MATCH (a:{src})-[r:{rel}]->(b:{dst}) "
                 f"RETURN a.{KEY_PROPERTY[src]}, b.{KEY_PROPERTY[dst]}{cols}")
            t.edges[rel] = {(row[0], row[1]): tuple(row[2:]) for row in self.rows(q)}
        return t

    def graph(self):
        """The stored graph as a networkx MultiDiGraph, the shape build_graph returns."""
        return self.tables().to_networkx()

    def close(self) -> None:
        for obj in (getattr(self, "_conn", None), getattr(self, "_db", None)):
            if obj is not None:
                obj.close()
        self._conn = self._db = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


# --------------------------------------------------------------------------
# writing
# --------------------------------------------------------------------------


# the rows of the closing report: doc-scoped ones are counted by document,
# the others (shared between documents) by comparing keys before and after
_ROLE_TABLES = ("LEADS", "SUPPORTS", "IMPLEMENTS", "RESPONSIBLE_FOR")
_BY_DOCUMENT = {
    "Document": "MATCH (n:Document) WHERE n.id IN $ids RETURN count(*)",
    "Task": "MATCH (n:Task) WHERE n.doc_id IN $ids RETURN count(*)",
    "Target": "MATCH (n:Target) WHERE n.doc_id IN $ids RETURN count(*)",
    # a role edge's document is its task's (the edge carries only its role)
    **{rel: f"MATCH (:Unit)-[:{rel}]->(t:Task) WHERE t.doc_id IN $ids RETURN count(*)"
       for rel in _ROLE_TABLES},
}
_SHARED = {
    "Unit": "MATCH (n:Unit) RETURN n.key",
    "Jurisdiction": "MATCH (n:Jurisdiction) RETURN n.name",
    "CITES": "MATCH (a:Document)-[:CITES]->(b:Document) RETURN a.id, b.id",
    "MIRRORS": "MATCH (a:Unit)-[:MIRRORS]->(b:Unit) RETURN a.key, b.key",
    "CARRIES": "MATCH (a:Task)-[:CARRIES]->(b:Task) RETURN a.key, b.key",
}


_RECORD_FORMAT = "resp-record-1"


def pack_record(doc: Document) -> str:
    """A parse record as stored on its Document node: compact JSON (lists in a fixed
    field order, tagged with its format), zlib, base64. Compact, fast to make and
    read, and free of the quotes and newlines that slow CSV import down; plain JSON
    so that reading a store never runs code from it."""
    blob = [_RECORD_FORMAT, doc.source, doc.jurisdiction, doc.level, doc.parent_jurisdictions,
            doc.issued, doc.number, doc.implements,
            [[t.id, t.section, t.text, t.clause, [[r.unit, r.role] for r in t.responsibilities]]
             for t in doc.tasks],
            [[x.area, x.year, x.total, x.inclusive] for x in doc.targets],
            doc.warnings, doc.title, doc.sha256, doc.role_words, doc.corrections]
    data = json.dumps(blob, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(zlib.compress(data, 1)).decode("ascii")


def read_packed(rows) -> dict[str, str]:
    """Document id -> packed record, ordered by id, through `rows(cypher)`: from the
    record tables, or from Document.record in a store written before them."""
    have = {row[1] for row in rows("CALL show_tables() RETURN *")}
    if RECORD_TABLES[0] not in have:
        return dict(rows("MATCH (d:Document) RETURN d.id, d.record ORDER BY d.id"))
    out: dict[str, str] = {}
    for table in RECORD_TABLES:
        out.update(rows(f"MATCH (r:{table}) RETURN r.id, r.record"))
    return dict(sorted(out.items()))


def unpack_record(text: str) -> Document:
    """The Document a packed record holds (see pack_record)."""
    from resp.loader.records import Responsibility, Target, Task

    try:
        blob = json.loads(zlib.decompress(base64.b64decode(text)))
        (fmt, source, jurisdiction, level, parents, issued, number, implements,
         tasks, targets, warnings, title, sha256), role_words, corrections = blob[:13], *(blob[13:] + [{}, {}])[:2]
    except (ValueError, TypeError, zlib.error) as exc:
        raise StoreError(f"a stored parse record is unreadable ({exc}); reload the documents "
                         "into a new store") from None
    if fmt != _RECORD_FORMAT:
        raise StoreError(f"a stored parse record has format {fmt!r}, this resp reads "
                         f"{_RECORD_FORMAT!r}; reload the documents into a new store")
    return Document(
        source=source, jurisdiction=jurisdiction, level=level, parent_jurisdictions=parents,
        issued=issued, number=number, implements=implements,
        tasks=[Task(tid, section, text, [Responsibility(u, r) for u, r in resps], clause)
               for tid, section, text, clause, resps in tasks],
        targets=[Target(*t) for t in targets], warnings=warnings, title=title, sha256=sha256,
        role_words=role_words, corrections=corrections)


@contextmanager
def _locked(path: str):
    """One load at a time per store; a second one waits for the first.

    The lock file is removed on the way out, so none is left beside the store. A
    waiter that then holds a lock on the removed file sees that the path no longer
    names it and locks the new one instead.
    """
    lock = f"{path}.lock"
    while True:
        fh = open(lock, "a+")
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            if os.path.samestat(os.fstat(fh.fileno()), os.stat(lock)):
                break
        except FileNotFoundError:
            pass
        fh.close()
    try:
        yield
    finally:
        _remove(lock)
        fh.close()


def _remove(path: str) -> None:
    """A file or a folder (the CSV files of a load), if it is there."""
    try:
        if os.path.isdir(path) and not os.path.islink(path):
            import shutil

            shutil.rmtree(path)
        else:
            os.remove(path)
    except OSError:
        pass


def run_in_place(cypher: str, params: dict | None = None,
                 db_path: str | os.PathLike | None = None) -> QueryResult:
    """Run a statement on the store opened for writing, in place (`resp cypher --write`).

    Takes the load lock, so a write never interleaves with a load, and checkpoints so
    no write-ahead log is left. The next load rebuilds the graph from the stored
    records and drops such changes.
    """
    path = default_db_path(db_path)
    if not os.path.isfile(path):
        raise StoreNotFound(path)
    lb = _ladybug()
    with _locked(path):
        try:
            db = lb.Database(path)
            conn = lb.Connection(db)
        except RuntimeError as exc:
            raise StoreError(f"cannot open store {path} for writing: {one_line(exc)}") from None
        try:
            result = _execute(conn, cypher, params)
            columns = list(result.get_column_names())
            rows = [dict(zip(columns, row)) for row in result.get_all()]
            conn.execute("CHECKPOINT")
        except _ENGINE_ERRORS as exc:
            raise StoreError(one_line(exc)) from None
        finally:
            conn.close()
            db.close()
    return QueryResult(columns, rows)


def _sweep_temporaries(path: str) -> None:
    """Remove temporary stores that a killed load left behind (their process is gone)."""
    directory, base = os.path.split(os.path.abspath(path))
    prefix = f"{base}.tmp-"
    for name in os.listdir(directory):
        if name.startswith(prefix):
            pid = name[len(prefix):].split(".")[0]
            if pid.isdigit() and not _alive(int(pid)):
                _remove(os.path.join(directory, name))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _settle_wal(path: str) -> None:
    """Fold a write-ahead log left beside the store into it (only a crashed writer
    outside resp leaves one: resp never writes into the live store)."""
    if os.path.exists(f"{path}.wal"):
        lb = _ladybug()
        db = lb.Database(path)
        conn = lb.Connection(db)
        conn.execute("CHECKPOINT")
        conn.close()
        db.close()


class Prebuilt:
    """What a full load into a fresh store makes of each record while the other files
    are still being parsed (resp.api.load feeds it from its pool's results): each
    document's own part of the graph (loader/graph.py TableBuilder, eager) and its
    packed record. load_documents takes it only when the documents it builds are
    exactly those fed, in that order (a store made meanwhile by another load, and
    anything else, builds from the records as before); a record that breaks the
    contract stops the feeding, and the build from the records raises its error.
    `seconds`: the time spent so, which no stage of the load shows."""

    def __init__(self):
        from resp.loader.graph import TableBuilder

        self.builder = TableBuilder(eager=True)
        self.packed: dict[str, str] = {}
        self.seconds = 0.0

    def __call__(self, doc: Document) -> None:
        if self.builder is None:
            return
        started = time.perf_counter()
        try:
            before = len(self.builder.docs)
            self.builder.add(doc)
            if len(self.builder.docs) > before:
                self.packed[self.builder.docs[-1][0]] = pack_record(doc)
        except Exception:  # noqa: BLE001 - the build from the records says what it is
            self.builder, self.packed = None, {}
        self.seconds += time.perf_counter() - started

    def builder_for(self, documents: list):
        """The builder, when it was fed exactly these documents (the same objects, in
        order); else None."""
        b = self.builder
        if b is None or len(b.docs) != len(documents):
            return None
        return b if all(doc is fed for doc, (_, fed, _) in zip(documents, b.docs)) else None


def load_documents(documents, db_path: str | os.PathLike | None = None,
                   on_stage=None, map=map, prebuilt: Prebuilt | None = None) -> LoadReport:
    """Add documents (a list of records, or a callable that gives it: see
    incremental.try_load) to the store at db_path (created if absent), atomically.

    on_stage(str), if given, is told each stage ("reading store", "building graph",
    "finding MIRRORS", "finding CARRIES", "writing store") for a progress display.
    map: how build_tables runs its CARRIES jobs (resp.api.load passes its pool's).
    prebuilt: what was built of these documents while they were parsed (Prebuilt).
    """
    from resp.loader.graph import build_tables

    started = time.perf_counter()
    path = default_db_path(db_path)
    stage = on_stage or (lambda _s: None)
    _check_target(path)
    with _locked(path):
        _sweep_temporaries(path)
        # a few plans into an existing store: changed in place of a rebuild (incremental.py)
        from .incremental import try_load as try_incremental

        report = try_incremental(path, documents, stage)
        if report is not None:
            report.seconds = time.perf_counter() - started
            return report
        if callable(documents):  # parsed elsewhere (try_load says how); a rebuild needs them now
            documents = documents()
            if not documents:
                return LoadReport(db_path=path)
        if os.path.isfile(path):
            stage("reading store")
        before = _read_before(path, documents)
        plan = before.plan
        report = LoadReport(db_path=path, loaded=plan.loaded, skipped=plan.skipped,
                            replaced=plan.replaced, corrected=plan.corrected, removed=before.removed)
        if not plan.changes and not before.outdated:
            report.removed, report.totals = {}, before.totals
            report.seconds = time.perf_counter() - started
            return report
        stage("building graph")
        all_docs = list(before.kept.values()) + plan.fresh
        builder = prebuilt.builder_for(all_docs) if prebuilt is not None else None
        if builder is not None:
            tables = builder.finish(on_stage=stage, map=map)
            packed = {**prebuilt.packed, **before.packed}
            report.built_while_parsing_s = prebuilt.seconds
        else:
            tables = build_tables(all_docs, on_stage=stage, map=map)
            packed = before.packed
        stage("writing store")
        _replace_store(path, tables, all_docs, plan.paths, packed)

    _count_changes(report, tables, plan.new_ids, before.shared)
    report.written = True
    report.upgraded = before.outdated
    report.seconds = time.perf_counter() - started
    return report


def _check_target(path: str) -> None:
    directory = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(directory):
        raise StoreError(f"cannot create store {path}: no directory {directory}")
    if os.path.exists(path) and not os.path.isfile(path):
        raise StoreError(f"{path} is not a LadybugDB store file")


@dataclass
class _Before:
    """What a load reads from the store before it builds anything."""

    plan: LoadPlan
    outdated: bool = False                 # written by another version: rebuilt even with nothing new
    kept: dict[str, Document] = field(default_factory=dict)  # stored records that stay
    packed: dict[str, str] = field(default_factory=dict)     # the same, still packed
    shared: dict[str, set] = field(default_factory=dict)     # keys of _SHARED before the load
    removed: dict[str, int] = field(default_factory=dict)    # rows of the replaced documents
    totals: dict[str, int] = field(default_factory=dict)     # counts, when nothing changes


def _read_before(path: str, documents) -> _Before:
    """Plan the load against the stored documents; read their records only if needed."""
    if not os.path.isfile(path):
        return _Before(plan_load(documents, {}),
                       removed=dict.fromkeys(_BY_DOCUMENT, 0))
    _settle_wal(path)
    with EmbeddedStore(path) as old:
        outdated = not old.schema_is_current()
        paths = old.paths()
        every: dict[str, str] = {}

        def corrections(did: str) -> dict:
            if not every:
                every.update(old.packed())
            return unpack_record(every[did]).corrections

        plan = plan_load(documents, paths, corrections)
        if not plan.changes and not outdated:
            return _Before(plan, totals=old.counts())
        removed = set(plan.removed)
        every = every or old.packed()
        packed = {did: every[did] for did in paths if did not in removed}  # the store's order
        ids = plan.removed
        return _Before(
            plan, outdated,
            kept={did: unpack_record(text) for did, text in packed.items()},
            packed=packed,
            shared={k: set(map(tuple, old.rows(q))) for k, q in _SHARED.items()},
            removed={k: old.rows(q, {"ids": ids})[0][0] if ids else 0
                     for k, q in _BY_DOCUMENT.items()})


def _replace_store(path: str, tables, documents, paths, packed) -> None:
    """Write a fresh file beside the store and rename it over the store (steps 3-4).

    Any failure removes every file of the fresh one (the engine's .wal, .shadow and
    checkpoint locks too) and says what failed in one line: the store is untouched.
    """
    tmp = f"{path}.tmp-{os.getpid()}"
    existed = os.path.isfile(path)
    try:
        write_store(tables, documents, paths, tmp, packed)
        _fsync(tmp)
        os.replace(tmp, path)
        _fsync_dir(os.path.dirname(os.path.abspath(path)))
    except (StoreError, OSError, RuntimeError) as exc:
        raise StoreError(_load_failed(path, exc, existed)) from None
    finally:
        _remove_temporaries(tmp)


def _remove_temporaries(tmp: str) -> None:
    """The fresh store file and whatever the engine put beside it (tmp.wal, tmp.shadow …)."""
    directory, base = os.path.split(os.path.abspath(tmp))
    for name in os.listdir(directory):
        if name == base or name.startswith(base + "."):
            _remove(os.path.join(directory, name))


# the engine's preface to a failed checkpoint, which is about the temporary file
_ENGINE_PREFACE = re.compile(r"^.*?will be recovered on restart:\s*|^writing the store failed:\s*")


def _load_failed(path: str, exc: BaseException, existed: bool) -> str:
    """A failed write in the user's terms: what went wrong, and that the store is as it was."""
    directory = os.path.dirname(os.path.abspath(path))
    where = getattr(exc, "filename", None) or directory
    if _disk_full(exc, directory):
        reason = f"the disk is full (writing {where})"
    else:
        reason = _ENGINE_PREFACE.sub("", one_line(exc)) or type(exc).__name__
    kept = f"the store {path} is as it was" if existed else f"no store was created at {path}"
    return f"the load failed while writing the store: {reason}; {kept}"


def _disk_full(exc: BaseException, directory: str) -> bool:
    """ENOSPC, or an engine I/O error with less than 4 MB left where the store is written."""
    if getattr(exc, "errno", None) in (errno.ENOSPC, errno.EDQUOT):
        return True
    try:
        st = os.statvfs(directory)
    except OSError:
        return False
    return "IO exception" in str(exc) and st.f_bavail * st.f_frsize < 4 * 2**20


def _count_changes(report: LoadReport, tables, new_ids: set[str], before: dict) -> None:
    """The closing report's added/removed counts and totals."""
    report.added = _added(tables, new_ids)
    for k in _SHARED:
        now = _shared_keys(tables, k)
        old = before.get(k, set())
        report.added[k] = len(now - old)
        report.removed[k] = len(old - now)
    report.totals = tables.counts()


def _added(tables, new_ids: set[str]) -> dict[str, int]:
    new_tasks = {k for k, v in tables.nodes["Task"].items() if v[2] in new_ids}
    out = {
        "Document": sum(1 for k in tables.nodes["Document"] if k in new_ids),
        "Task": len(new_tasks),
        "Target": sum(1 for v in tables.nodes["Target"].values() if v[1] in new_ids),
    }
    for rel in _ROLE_TABLES:  # a role edge's document is its task's
        out[rel] = sum(1 for _unit, task in tables.edges[rel] if task in new_tasks)
    return out


def _shared_keys(tables, name: str) -> set[tuple]:
    if name in tables.nodes:
        return {(k,) for k in tables.nodes[name]}
    return set(tables.edges[name])


def _fsync(path: str) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(directory: str) -> None:
    try:
        _fsync(directory)
    except OSError:  # some file systems refuse fsync on a directory
        pass


# --- bulk write -------------------------------------------------------------

# characters that CSV list syntax ([a,b]) cannot carry inside an item
_LIST_UNSAFE = frozenset(',[]"\'\\\n\r{}')


def _list_cell(values) -> str | None:
    """A STRING[] value as CSV list text, or None when an item needs a parameter."""
    if any(not v or v != v.strip() or not _LIST_UNSAFE.isdisjoint(v) for v in values):
        return None
    return "[" + ",".join(values) + "]"


# Threads of the engine while it writes a store. LadybugDB 0.22 (still the newest)
# deadlocked in its index builder in 5 of 16 copies of a 470k-unit node table with more
# than one; a plan now names at most 5,000 units, and 24 copies of such a table on two
# threads (2026-12-06, 2 cores) all finished: two copy a national store in 0.6 of the time.
WRITE_THREADS = 2

# The CSV dialect, said in full: left to guess, LadybugDB sniffs quoting from the first
# 256 rows and splits a later quoted list ("[a,b,c]") at its commas.
CSV_OPTIONS = "header=true, auto_detect=false, delim=',', quote='\"', escape='\"'"


def string_literal(text: str) -> str:
    """text as a LadybugDB string literal, for a file path COPY cannot take as a parameter."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def write_store(tables, documents: list[Document], paths: dict[str, str], path: str,
                packed: dict[str, str] | None = None) -> None:
    """Write the graph into a new LadybugDB database file at path.

    Rows go through CSV files and COPY FROM, the engine's bulk path, in parallel for
    a file whose fields hold no line break (see copy_statement). One thread writes the CSV files while the engine copies
    the previous one (it releases the GIL), nodes before the relationships that need
    them. A STRING[] value whose items CSV list syntax cannot carry (a comma or
    bracket inside an item) is set afterwards through a parameter. `packed` holds
    records already packed (by document id), reused as they are. The file is
    private to this load until it is renamed over the store, so the COPYs need no
    common transaction: a failure anywhere discards the whole file.
    """
    import tempfile
    from concurrent.futures import ThreadPoolExecutor

    from resp.loader.graph import KEY_PROPERTY, NODE_PROPERTIES, REL_TYPES

    if os.path.exists(path):
        os.remove(path)
    lb = _ladybug()
    db = lb.Database(path, max_num_threads=WRITE_THREADS)
    conn = lb.Connection(db)
    late: list[tuple[str, str, str, list]] = []  # (label, key, property, value)
    # Document rows are the slowest to make (packed records): their turn comes
    # after everything that does not need them, so the engine is kept busy meanwhile
    order = [label for label in NODE_PROPERTIES if label != "Document"]
    order += [rel for rel, (a, b, _) in REL_TYPES.items() if "Document" not in (a, b)]
    order += ["Document"] + [rel for rel, (a, b, _) in REL_TYPES.items() if "Document" in (a, b)]
    order += list(RECORD_TABLES)
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="resp-csv")
    try:
        # beside the new file, not in TMPDIR: a load killed here leaves it where the next
        # load sweeps it (PATH.tmp-PID.csv), and a full disk is the store's disk
        with tempfile.TemporaryDirectory(prefix=f"{os.path.basename(path)}.csv-",
                                         dir=os.path.dirname(os.path.abspath(path))) as tmpdir:
            files = [pool.submit(_csv_for_copy, tables, name, documents, paths, packed or {}, tmpdir, late)
                     for name in order]
            for statement in schema_statements():
                conn.execute(statement)
            for name, pending in zip(order, files):
                file, parallel = pending.result()
                if file is not None:
                    conn.execute(copy_statement(name, file, parallel))
        for label, key, prop, value in late:
            conn.execute(f"MATCH (n:{label}) WHERE n.{KEY_PROPERTY[label]} = $key "
                         f"SET n.{prop} = $value", {"key": key, "value": value})
        conn.execute("CHECKPOINT")
    except RuntimeError as exc:
        raise StoreError(f"writing the store failed: {one_line(exc)}") from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        conn.close()
        db.close()


def _csv_for_copy(tables, name: str, documents, paths, packed, tmpdir: str, late: list):
    """(the CSV file of one table or None, whether COPY may read it in parallel)."""
    file = _write_table(tables, name, documents, paths, packed, tmpdir, late)
    if file is None:
        return None, False
    if name in RECORD_TABLES:  # base64 text: one record a line
        return file, True
    rows = len(tables.nodes[name] if name in tables.nodes else tables.edges[name])
    return file, _one_row_a_line(file, rows)


# how much of a CSV file _one_row_a_line holds at once: the check runs on the CSV thread
# while the engine copies the previous table, the load's peak (Task.csv is 49 MB at
# 3,000 plans, read whole before)
CHECK_CHUNK = 1 << 20


def _one_row_a_line(file: str, rows: int) -> bool:
    """Whether no field of the file holds a line break: its header and each row end
    in the writer's CRLF, and there is no other CR or LF. Read a chunk at a time."""
    newlines = returns = 0
    with open(file, "rb") as fh:
        while chunk := fh.read(CHECK_CHUNK):
            newlines += chunk.count(b"\n")
            returns += chunk.count(b"\r")
    return newlines == rows + 1 == returns


def copy_statement(name: str, file: str, parallel: bool) -> str:
    """COPY of one CSV file. In parallel the engine splits the file at line breaks
    among its threads (on 2 cores a national load's COPY takes 0.65 of the time), so
    a file whose quoted fields hold line breaks is read by one thread."""
    return f"COPY {name} FROM {string_literal(file)} ({CSV_OPTIONS}, parallel={'true' if parallel else 'false'})"


def _write_table(tables, name: str, documents, paths, packed, tmpdir: str, late: list) -> str | None:
    """The CSV file of one node label or relationship type (None when it has no rows)."""
    import csv

    from resp.loader.graph import NODE_PROPERTIES, PROPERTY_TYPES, REL_TYPES, document_id

    if name in RECORD_TABLES:
        records = {document_id(d): d for d in documents}
        header = ["id", "record"]
        rows = [(did, packed.get(did) or pack_record(records[did]))
                for did in tables.nodes["Document"] if record_table(did) == name]
        if not rows:
            return None
    elif name in NODE_PROPERTIES:
        props = NODE_PROPERTIES[name]
        rows = tables.nodes[name].values()
        header = list(props) + list(STORE_ONLY.get(name, ()))
        lists = [i for i, p in enumerate(props) if PROPERTY_TYPES.get(p) == "string[]"]
        if lists:
            rows = [_with_lists(name, props, values, lists, late) for values in rows]
        if name == "Document":
            rows = [tuple(v) + (paths.get(v[0], ""),) for v in rows]
    else:
        props = REL_TYPES[name][2]
        edges = tables.edges[name]
        header = ["from", "to"] + list(props)
        rows = ((u, v) + p for (u, v), p in edges.items()) if props else iter(edges)
    if name not in RECORD_TABLES and not (tables.nodes[name] if name in NODE_PROPERTIES
                                          else tables.edges[name]):
        return None
    file = os.path.join(tmpdir, f"{name}.csv")
    with open(file, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return file


def _with_lists(label, props, values, lists, late) -> tuple:
    values = list(values)
    for i in lists:
        if values[i] is None:
            continue
        cell = _list_cell(values[i])
        if cell is None:
            late.append((label, values[0], props[i], list(values[i])))
            cell = "[]"
        values[i] = cell
    return tuple(values)
