"""LadybugDB, embedded: the store `resp load` writes and every query reads.

A store is one LadybugDB database file (default ``./resp.db``). It always holds
exactly ``build_graph(all loaded documents)``: the parse record of each document is
kept on its Document node (``record``, JSON), so a load rebuilds the whole graph in
memory from the stored records plus the new ones, and every derived part (canonical
unit names, CITES, MIRRORS, CARRIES) is recomputed over the whole graph.

How a load is atomic
--------------------
A load never writes into the live store. Under an exclusive lock (``PATH.lock``,
``fcntl.flock``, so two loads queue instead of losing each other's documents) it:

1. reads the stored records (read-only),
2. builds the new graph in memory,
3. writes it into a fresh database beside the store (``PATH.tmp-<pid>``) with
   ``COPY FROM`` CSV files inside one transaction, checkpoints and closes it, so the
   new file is complete and has no write-ahead log, and fsyncs it,
4. renames it over ``PATH`` (``os.replace``: atomic on POSIX for a file on the same
   file system) and fsyncs the directory.

Whatever fails before step 4 (a parse record the model refuses, an error inside
COPY, a full disk, a crash, Ctrl-C) leaves ``PATH`` byte for byte as it was; the
temporary file is removed, or on a hard crash left as ``PATH.tmp-<pid>`` and swept
by the next load. Readers that opened the old file keep reading it until they close.

Idempotence: a document's identity is the sha256 of its bytes. A document whose hash
is already stored is skipped, and a load where every document is skipped does not
touch the store at all. A document at the same resolved source path as a stored one
but with other bytes replaces it (its old tasks, targets and edges go).
"""
from __future__ import annotations

import csv
import fcntl
import json
import os
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.resources import files

from resp.loader.records import Document

# columns the store keeps beyond the graph model, per label (see the module docstring)
STORE_ONLY = {"Document": ("path", "record")}


class StoreError(Exception):
    """A store problem, said in one line."""


class StoreNotFound(StoreError):
    def __init__(self, path: str):
        super().__init__(f"no store at {path}: run `resp load` first")
        self.path = path


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[dict]

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)


def default_db_path(db_path: str | os.PathLike | None = None) -> str:
    """The store path: the argument, else $RESP_DB, else ./resp.db."""
    return os.fspath(db_path or os.environ.get("RESP_DB") or "resp.db")


def schema_statements() -> list[str]:
    """The DDL of store/schema.cypher, one statement each (comment lines dropped)."""
    text = files("resp.store").joinpath("schema.cypher").read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    return [s.strip() for s in text.split(";") if s.strip()]


def _ladybug():
    try:
        import ladybug
    except ImportError as exc:  # pragma: no cover - a broken install
        raise StoreError(f"LadybugDB is not installed ({exc}); pip install ladybug") from None
    return ladybug


def _execute(conn, cypher: str, params: dict | None = None):
    result = conn.execute(cypher, params or {})
    if isinstance(result, list):  # several statements: the last one answers
        result = result[-1]
    return result


# --------------------------------------------------------------------------
# reading
# --------------------------------------------------------------------------

class EmbeddedStore:
    """A LadybugDB store opened read-only: what the query layer reads."""

    def __init__(self, db_path: str | os.PathLike | None = None):
        self.path = default_db_path(db_path)
        if not os.path.isfile(self.path):
            raise StoreNotFound(self.path)
        lb = _ladybug()
        try:
            self._db = lb.Database(self.path, read_only=True)
            self._conn = lb.Connection(self._db)
        except RuntimeError as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}") from None

    def run(self, cypher: str, params: dict | None = None) -> QueryResult:
        try:
            result = _execute(self._conn, cypher, params)
        except RuntimeError as exc:
            raise StoreError(" ".join(str(exc).split())) from None
        columns = list(result.get_column_names())
        rows = [dict(zip(columns, row)) for row in result.get_all()]
        return QueryResult(columns, rows)

    def rows(self, cypher: str, params: dict | None = None) -> list[list]:
        """Plain row lists: the fast path for bulk reads."""
        return _execute(self._conn, cypher, params).get_all()

    def documents(self) -> list[Document]:
        """Every stored document as its parse record, in load order of their ids."""
        rows = self.rows("MATCH (d:Document) RETURN d.record ORDER BY d.id")
        return [Document.from_json(json.loads(r[0])) for r in rows]

    def paths(self) -> dict[str, str]:
        """Document id -> resolved source path."""
        return dict(self.rows("MATCH (d:Document) RETURN d.id, d.path"))

    def keys(self) -> tuple[set[str], set[tuple[str, str, str]]]:
        """Node ids and (type, from id, to id) of every edge: what a load compares."""
        from resp.loader.graph import KEY_PROPERTY, REL_TYPES, node_id

        nodes = set()
        for label, key in KEY_PROPERTY.items():
            nodes.update(node_id(label, r[0]) for r in self.rows(f"MATCH (n:{label}) RETURN n.{key}"))
        edges = set()
        for rel, (src, dst, _) in REL_TYPES.items():
            q = (f"MATCH (a:{src})-[r:{rel}]->(b:{dst}) "
                 f"RETURN a.{KEY_PROPERTY[src]}, b.{KEY_PROPERTY[dst]}")
            edges.update((rel, node_id(src, a), node_id(dst, b)) for a, b in self.rows(q))
        return nodes, edges

    def graph(self):
        """The stored graph as a networkx MultiDiGraph, the same shape build_graph returns."""
        import networkx as nx

        from resp.loader.graph import KEY_PROPERTY, NODE_PROPERTIES, REL_TYPES, node_id

        g = nx.MultiDiGraph()
        for label, props in NODE_PROPERTIES.items():
            cols = ", ".join(f"n.{p}" for p in props)
            for row in self.rows(f"MATCH (n:{label}) RETURN {cols} ORDER BY n.{KEY_PROPERTY[label]}"):
                attrs = dict(zip(props, row))
                g.add_node(node_id(label, attrs[KEY_PROPERTY[label]]), label=label, **attrs)
        for rel, (src, dst, props) in REL_TYPES.items():
            cols = "".join(f", r.{p}" for p in props)
            q = (f"MATCH (a:{src})-[r:{rel}]->(b:{dst}) "
                 f"RETURN a.{KEY_PROPERTY[src]}, b.{KEY_PROPERTY[dst]}{cols}")
            for row in self.rows(q):
                g.add_edge(node_id(src, row[0]), node_id(dst, row[1]), key=rel, type=rel,
                           **dict(zip(props, row[2:])))
        return g

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

@dataclass
class LoadReport:
    """What one load did; `added`/`removed`/`totals` count nodes by label and edges by type."""

    db_path: str
    loaded: list[str] = field(default_factory=list)     # sources written (new or replacing)
    skipped: list[str] = field(default_factory=list)    # sources already stored, same bytes
    replaced: list[str] = field(default_factory=list)   # sources whose older version went
    added: dict[str, int] = field(default_factory=dict)
    removed: dict[str, int] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)
    written: bool = False
    seconds: float = 0.0


def _resolved(source: str) -> str:
    return os.path.realpath(source)


@contextmanager
def _locked(path: str):
    with open(f"{path}.lock", "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _sweep_temporaries(path: str) -> None:
    """Remove temporary stores a crashed load left (their pid is gone)."""
    directory, base = os.path.split(os.path.abspath(path))
    prefix = f"{base}.tmp-"
    for name in os.listdir(directory):
        if not name.startswith(prefix):
            continue
        pid = name[len(prefix):].split(".")[0]
        if pid.isdigit() and not _alive(int(pid)):
            try:
                os.remove(os.path.join(directory, name))
            except OSError:
                pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _settle_wal(path: str) -> None:
    """Fold a write-ahead log left beside the store into it before the swap."""
    if os.path.exists(f"{path}.wal"):
        lb = _ladybug()
        db = lb.Database(path)
        conn = lb.Connection(db)
        conn.execute("CHECKPOINT")
        conn.close()
        db.close()


def load_documents(documents: list[Document], db_path: str | os.PathLike | None = None,
                   on_stage=None) -> LoadReport:
    """Add documents to the store at db_path (created if absent), atomically.

    on_stage(str), if given, is told each stage ("reading store", "building graph",
    "writing store") for a progress display.
    """
    from resp.loader.graph import build_graph, document_id

    started = time.perf_counter()
    path = default_db_path(db_path)
    report = LoadReport(db_path=path)
    stage = on_stage or (lambda _s: None)
    directory = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(directory):
        raise StoreError(f"cannot create store {path}: no directory {directory}")
    if os.path.isdir(path):
        raise StoreError(f"{path} is a directory, not a LadybugDB store file")

    with _locked(path):
        _sweep_temporaries(path)
        stored: dict[str, Document] = {}
        stored_paths: dict[str, str] = {}
        old_nodes: set = set()
        old_edges: set = set()
        if os.path.isfile(path):
            stage("reading store")
            _settle_wal(path)
            with EmbeddedStore(path) as old:
                for doc in old.documents():
                    stored[document_id(doc)] = doc
                stored_paths = old.paths()
                old_nodes, old_edges = old.keys()

        new_docs: dict[str, tuple[Document, str]] = {}
        by_path = {p: did for did, p in stored_paths.items()}
        for doc in documents:
            did = document_id(doc)
            where = _resolved(doc.source)
            previous = by_path.get(where)
            if previous is not None and previous != did and previous in stored:
                del stored[previous]
                report.replaced.append(doc.source)
            if did in stored or did in new_docs:
                report.skipped.append(doc.source)
                continue
            new_docs[did] = (doc, where)
            by_path[where] = did
            report.loaded.append(doc.source)

        if not new_docs and not report.replaced:
            report.totals = _count(old_nodes, old_edges)
            report.seconds = time.perf_counter() - started
            return report

        stage("building graph")
        all_docs = list(stored.values()) + [d for d, _ in new_docs.values()]
        paths = {did: stored_paths.get(did, "") for did in stored}
        paths.update({did: where for did, (_, where) in new_docs.items()})
        graph = build_graph(all_docs)

        stage("writing store")
        tmp = f"{path}.tmp-{os.getpid()}"
        try:
            write_store(graph, all_docs, paths, tmp)
            _fsync(tmp)
            os.replace(tmp, path)
            _fsync_dir(directory)
        finally:
            for leftover in (tmp, f"{tmp}.wal"):
                if os.path.exists(leftover):
                    os.remove(leftover)

    new_nodes = set(graph.nodes)
    new_edges = {(t, u, v) for u, v, t in graph.edges(keys=True)}
    report.added = _count(new_nodes - old_nodes, new_edges - old_edges)
    report.removed = _count(old_nodes - new_nodes, old_edges - new_edges)
    report.totals = _count(new_nodes, new_edges)
    report.written = True
    report.seconds = time.perf_counter() - started
    return report


def _count(nodes, edges) -> dict[str, int]:
    from resp.loader.graph import NODE_PROPERTIES, REL_TYPES

    counts = {label: 0 for label in NODE_PROPERTIES}
    counts.update({rel: 0 for rel in REL_TYPES})
    for nid in nodes:
        counts[nid.split(":", 1)[0]] += 1
    for rel, _, _ in edges:
        counts[rel] += 1
    return counts


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

_LIST_UNSAFE = set(',[]"\'\\\n\r{}')


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(value) + "]"
    return value


def _list_safe(values) -> bool:
    return all(v and not (_LIST_UNSAFE & set(v)) and v == v.strip() for v in values)


def write_store(graph, documents: list[Document], paths: dict[str, str], path: str) -> None:
    """Write graph into a new LadybugDB database at path, in one transaction.

    Rows go through CSV files and COPY FROM (the engine's bulk path; quoted
    newlines need PARALLEL=FALSE). A STRING[] value whose items CSV list syntax
    cannot carry (a comma or bracket inside an item) is set afterwards with a
    parameter, in the same transaction.
    """
    from resp.loader.graph import KEY_PROPERTY, NODE_PROPERTIES, REL_TYPES, document_id

    if os.path.exists(path):
        os.remove(path)
    records = {document_id(d): d for d in documents}
    lb = _ladybug()
    db = lb.Database(path)
    conn = lb.Connection(db)
    try:
        for statement in schema_statements():
            conn.execute(statement)
        nodes: dict[str, list] = {label: [] for label in NODE_PROPERTIES}
        for _, attrs in graph.nodes(data=True):
            nodes[attrs["label"]].append(attrs)
        edges: dict[str, list] = {rel: [] for rel in REL_TYPES}
        for u, v, attrs in graph.edges(data=True):
            edges[attrs["type"]].append((u, v, attrs))

        late_lists: list[tuple[str, str, str, list]] = []  # (label, key, property, value)
        with tempfile.TemporaryDirectory(prefix="resp-load-") as tmpdir:
            conn.execute("BEGIN TRANSACTION")
            try:
                for label, props in NODE_PROPERTIES.items():
                    extra = STORE_ONLY.get(label, ())
                    rows = []
                    for attrs in nodes[label]:
                        row = []
                        for p in props:
                            value = attrs.get(p)
                            if isinstance(value, list) and not _list_safe(value):
                                late_lists.append((label, attrs[props[0]], p, value))
                                value = []
                            row.append(_csv_value(value))
                        if label == "Document":
                            did = attrs["id"]
                            row += [paths.get(did, ""),
                                    json.dumps(records[did].to_json(), ensure_ascii=False)]
                        rows.append(row)
                    _copy(conn, tmpdir, label, list(props) + list(extra), rows)
                for rel, (src, dst, props) in REL_TYPES.items():
                    rows = []
                    src_len, dst_len = len(src) + 1, len(dst) + 1
                    for u, v, attrs in edges[rel]:
                        rows.append([u[src_len:], v[dst_len:]] + [_csv_value(attrs.get(p)) for p in props])
                    _copy(conn, tmpdir, rel, ["from", "to"] + list(props), rows)
                for label, key, prop, value in late_lists:
                    conn.execute(f"MATCH (n:{label}) WHERE n.{KEY_PROPERTY[label]} = $key "
                                 f"SET n.{prop} = $value", {"key": key, "value": value})
                conn.execute("COMMIT")
            except BaseException:
                try:
                    conn.execute("ROLLBACK")
                except RuntimeError:
                    pass  # the engine already rolled back the failed statement's transaction
                raise
        conn.execute("CHECKPOINT")
    except RuntimeError as exc:
        raise StoreError(f"writing the store failed: {' '.join(str(exc).split())}") from None
    finally:
        conn.close()
        db.close()


def _copy(conn, tmpdir: str, table: str, header: list[str], rows: list[list]) -> None:
    """COPY one table from a CSV file of its rows."""
    if not rows:
        return
    file = os.path.join(tmpdir, f"{table}.csv")
    with open(file, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    conn.execute(f"COPY {table} FROM '{file}' (header=true, parallel=false)")
