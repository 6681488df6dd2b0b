"""resp as a library: every public call, named once. The CLI (resp.cli) is only its shell.

    from resp import api
    report = api.load(["data/seeds"], "resp.db")            # parse + graph + store
    with api.open_store("resp.db") as store:
        rows = api.query(store, "who_leads", text="托育")   # a canned query: rows as dicts

Stores
    open_store(path=None, neo4j=False, **settings)   the store to read (use `with`)
Documents
    collect_files(paths)                             the documents under files and folders
    parse(path, jurisdiction=None)                   one file -> its parse record
    load(paths, store=None, neo4j=False, workers=None, **metadata)   parse (a pool of processes
                                                     from 4 MB of files) and load -> LoadReport
    remove(store_path, ref)                          one document out of the store (its id as
                                                     `documents` lists it, or its file) -> LoadReport
Questions
    query(store, name, **params)                     a canned query -> QueryResult (rows)
    queries() / get_query(name)                      the catalog of canned queries
    resolve_jurisdiction / resolve_unit              a name as the canned queries take it
    who_leads(store, text, jurisdiction=None, limit=None)   a topic, or one task JURISDICTION:ID
    about_unit(store, name, unit, jurisdiction=None, limit=None, **params)   a question about one unit
    in_jurisdiction(store, name, jurisdiction, limit=None)  a question about one government
    coverage(store, jurisdiction)                    what a plan carries down: score, kind, status
    documents(store) / unknown_issuers(store)        what is loaded; whose issuer is unknown
    stats(store, top=10)                             counts and the busiest lead units
The national view: counts instead of every row
    load_by_function(store)                          lead/support load by unit function and level
    topic_by_function(store, text, jurisdiction=None)   a topic's leads by function across places
    dropped(store, jurisdiction=None, top=20)        the upper tasks the plans below drop most
    without_plan(store, jurisdiction)                the governments below one with no plan loaded
    cypher(statement, params=None, store=None, ...)  ad-hoc Cypher, read-only unless write
Out
    export(fmt, out=None, store=None)                graphml, json, or neo4j-admin csv
    push(store=None, **settings)                     the embedded graph to a Neo4j server
    browser_guide(folder)                            a Neo4j Browser guide and style
    show(store, name, html_path, ...)                a neighbourhood as one HTML page
    matrix(store, jurisdiction, png_path, ...)       a plan's responsibility matrix (PNG)

Errors are the library's own, each said in one line: `ERRORS` lists their classes
(StoreError, QueryError and its NoMatch/Ambiguous, ParseError, PictureError, NoDocuments).
Nothing heavy (a database driver, matplotlib) is imported until a call needs it.
"""
from __future__ import annotations

import contextlib
import gc
import os
import re
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path

from resp.loader.records import ROLES, Document, ParseError, normalise
from resp.pictures import PictureError
from resp.queries.catalog import Ambiguous, NoMatch, QueryError, resolve_jurisdiction, resolve_unit
from resp.store.base import LoadReport, QueryResult, StoreError, StoreNotFound, default_db_path

__all__ = [
    "open_store", "collect_files", "parse", "load", "remove", "query", "queries", "get_query",
    "resolve_jurisdiction", "resolve_unit", "who_leads", "about_unit", "in_jurisdiction",
    "stats", "documents", "unknown_issuers", "coverage", "NothingToCompare", "load_by_function",
    "topic_by_function", "dropped", "without_plan", "cypher", "export", "push", "browser_guide", "show",
    "matrix", "normalise",
    "ERRORS", "NoDocuments", "ReadOnlyRefused", "StoreError", "StoreNotFound", "QueryError",
    "NoMatch", "Ambiguous", "ParseError", "PictureError", "LoadReport", "QueryResult",
    "ExportReport", "Document", "ROLES", "default_db_path",
]

META_SUFFIX = ".meta.json"


class NoDocuments(ValueError):
    """The paths given to load hold no document."""


class ReadOnlyRefused(StoreError):
    """An ad-hoc statement that writes, run without write=True."""


ERRORS = (StoreError, QueryError, ParseError, PictureError, NoDocuments)


# --------------------------------------------------------------------------
# stores
# --------------------------------------------------------------------------

def open_store(path: str | os.PathLike | None = None, neo4j: bool = False, *, uri: str | None = None,
               user: str | None = None, password: str | None = None, database: str | None = None):
    """The store to read: LadybugDB at path ($RESP_DB, else ./resp.db), or with neo4j=True
    the Neo4j server named by uri/user/password/database (else the NEO4J_* variables).

    The store has `run(cypher, params) -> QueryResult` and `close()`, and is a context
    manager. A store that does not exist is StoreNotFound, never an empty result.
    """
    from resp.store import open_store as _open

    settings = _bolt_settings(uri, user, password, database) if neo4j else None
    return _open(path, neo4j=neo4j, settings=settings)


def _bolt_settings(uri=None, user=None, password=None, database=None):
    try:
        from resp.store.bolt import BoltSettings
    except ModuleNotFoundError as exc:
        raise StoreError(f"Neo4j support is not available ({exc.name} missing)") from None
    return BoltSettings.resolve(uri=uri, user=user, password=password, database=database)


def _is_bolt(store) -> bool:
    return hasattr(store, "settings")


# --------------------------------------------------------------------------
# documents
# --------------------------------------------------------------------------

def collect_files(paths, on_skip=None) -> list[Path]:
    """Files named, and files under folders named (recursively, sorted).

    Metadata sidecars (`*.meta.json`) and hidden files are never documents. Inside a
    folder, what is not a regular file is skipped and, when on_skip is given, told
    to on_skip(path, reason): a dangling link, a link to a folder (never followed, so
    a link loop cannot recurse), a FIFO, a device or a socket.
    """
    found: list[Path] = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p)
                if any(part.startswith(".") for part in rel.parts) or f.name.endswith(META_SUFFIX):
                    continue
                if f.is_file():
                    found.append(f)
                elif on_skip and (reason := _skip_reason(f)):
                    on_skip(f, reason)
        elif not p.name.endswith(META_SUFFIX):
            found.append(p)
    return list(dict.fromkeys(found))


def _skip_reason(f: Path) -> str:
    """Why a folder entry that is not a regular file is no document ("" for a plain folder)."""
    import errno
    import stat

    if not f.is_symlink():
        return "" if f.is_dir() else "not a regular file (a FIFO, device or socket)"
    try:
        st = os.stat(f)
    except OSError as exc:
        return "a symbolic link loop" if exc.errno == errno.ELOOP else "a dangling symbolic link"
    if not stat.S_ISDIR(st.st_mode):
        return "a symbolic link to something that is not a regular file"
    if f.resolve() in f.parent.resolve().parents or f.resolve() == f.parent.resolve():
        return "a symbolic link loop (to a folder above it)"
    return "a symbolic link to a folder (not followed)"


CORRECTABLE = ("jurisdiction", "level", "issued")  # what `load` takes in place of the text


def parse(path: str | os.PathLike, jurisdiction: str | None = None, level: str | None = None,
          issued: str | None = None, max_bytes: int | None = None) -> Document:
    """One file -> its parse record (the contract's Document), checked for the graph.

    jurisdiction, level, issued (and a `<file>.meta.json` sidecar) replace what the
    text says; the record keeps them as its `corrections`. Raises ParseError (or
    ValueError for a record the graph refuses), one line naming the file.
    """
    from resp.loader.graph import validate
    from resp.loader.parse import parse_file
    from resp.loader.read import DEFAULT_MAX_BYTES
    from resp.loader.records import LEVELS

    if level and level not in LEVELS:
        raise ParseError(str(path), f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    doc = parse_file(path, overrides={"jurisdiction": jurisdiction, "level": level, "issued": issued},
                     max_bytes=max_bytes or DEFAULT_MAX_BYTES)
    validate(doc)
    return doc


def load(paths, store=None, neo4j: bool = False, *, on_file=None, on_error=None, on_stage=None,
         on_skip=None, max_bytes: int | None = None, workers: int | None = None, **metadata):
    """Parse the documents under paths and load them into a store; the load report.

    store: the embedded store's path (default $RESP_DB, else ./resp.db) or an open
    store; with neo4j=True (or an open Neo4j store) the documents go to the server.
    metadata: what a text may not say, for every document (jurisdiction=盈江县,
    level=county, issued=2023-04-23), like a `<file>.meta.json` sidecar.
    A file that cannot be parsed is named in `report.failed` (path -> one line) and
    the others are loaded. A document already stored (same bytes) is skipped, unless
    it comes with corrections the stored one lacks: these are re-applied
    (`report.corrected`) and stay with it through later plain loads. A changed file
    at the same path replaces its old version.

    Many documents are parsed in a pool of `workers` processes (default: one a core);
    workers=1, or fewer than PARALLEL_BYTES of files, parses in this process. Either
    way the documents keep the order of the files, and the store is the same.
    on_file(path) is told as each file's turn comes, in order; on_error(message) after
    each one that fails, on_stage(text) of each stage of the store's work, on_skip(path,
    reason) of each folder entry that is no document (see collect_files). max_bytes
    bounds each document (see parse).
    """
    files = collect_files(paths, on_skip)
    if not files:
        raise NoDocuments("no documents found in " + ", ".join(map(os.fspath, paths)))
    metadata = dict(metadata, max_bytes=max_bytes)
    with _collection_paused(), _processes(files, workers) as pool:
        aside = _ParsedAside.start(files, metadata, store, neo4j, workers, pool, on_file, on_error)
        if aside is not None:
            with aside:
                from resp.store.embedded import load_documents

                report = load_documents(aside, aside.db_path, on_stage=on_stage)
                failed = aside.failed
        else:
            prebuilt = _prebuilt(store, neo4j, pool)
            documents, failed = _parse_all(files, metadata, on_file, on_error, workers, pool,
                                           on_document=prebuilt)
            report = _store_documents(documents, store, neo4j, on_stage, pool, prebuilt)
    report.failed = failed
    return report


def _prebuilt(store, neo4j: bool, pool):
    """A full load into a fresh embedded store with a pool: this process, which only
    waits for the workers' records, builds each one's own part of the graph and packs
    it as it comes (store.embedded.Prebuilt), so that after the parse only the parts
    over every document are left. None otherwise (no pool, Neo4j, a store already there)."""
    if pool is None or neo4j or not (store is None or isinstance(store, (str, os.PathLike))):
        return None
    try:
        if os.path.getsize(default_db_path(store)) > 0:
            return None
    except OSError:
        pass
    from resp.store.embedded import Prebuilt

    return Prebuilt()


class _ParsedAside:
    """A few files parsed in a forked process while this one copies, opens and reads
    the existing store they go into (store/incremental.py try_load): the two overlap on
    the machine's cores. Called, it waits for the records and gives them, telling
    on_file and on_error in the files' order as _parse_all does; should that process
    fail in any way, the files are parsed here instead. Used as a context, it ends that
    process if nobody waited for it."""

    def __init__(self, pid: int, fd: int, files, metadata, db_path, on_file, on_error):
        self.pid, self.fd, self.files, self.metadata, self.db_path = pid, fd, files, metadata, db_path
        self.on_file, self.on_error = on_file, on_error
        self.failed: dict[str, str] = {}
        self.documents: list[Document] | None = None

    @classmethod
    def start(cls, files, metadata, store, neo4j, workers, pool, on_file, on_error):
        """One when it pays and is safe: no pool (a few small files), the embedded
        store given by its path and already there (an incremental change; the bulk
        path needs every record before it starts anything), this process running one
        thread (a fork copies no other thread, and a lock one held would stay held in
        the child), on Linux; else None."""
        import threading

        if (pool is not None or workers == 1 or neo4j or not sys.platform.startswith("linux")
                or not (store is None or isinstance(store, (str, os.PathLike)))
                or threading.active_count() != 1):
            return None
        db_path = default_db_path(store)
        try:
            if os.path.getsize(db_path) == 0:
                return None
        except OSError:
            return None
        read, write = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            return None
        if pid == 0:  # the child: parse, send the results, end without running any exit handler
            status = 1
            try:
                os.close(read)
                import pickle

                out = [_parse_one(f, metadata) for f in files]
                with os.fdopen(write, "wb") as pipe:
                    pickle.dump(out, pipe, protocol=pickle.HIGHEST_PROTOCOL)
                status = 0
            finally:
                os._exit(status)
        os.close(write)
        return cls(pid, read, files, metadata, db_path, on_file, on_error)

    def __call__(self) -> list[Document]:
        if self.documents is None:
            results = self._results()
            self.documents = []
            for f, (doc, error) in zip(self.files, results):
                if self.on_file:
                    self.on_file(f)
                if error is None:
                    self.documents.append(doc)
                    continue
                self.failed[str(f)] = error
                if self.on_error:
                    self.on_error(error)
        return self.documents

    def _results(self) -> list:
        import pickle

        try:
            with os.fdopen(self.fd, "rb") as pipe:
                self.fd = None
                results = pickle.load(pipe)
            if self._end() == 0 and len(results) == len(self.files):
                return results
        except Exception:  # noqa: BLE001 - any failure there: parsed here instead
            pass
        self._end()
        return [_parse_one(f, self.metadata) for f in self.files]

    def _end(self, kill: bool = False) -> int | None:
        """The child's exit status once it has ended (killed first if `kill`)."""
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
        if self.pid is None:
            return None
        if kill:
            try:
                os.kill(self.pid, 9)
            except ProcessLookupError:
                pass
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        return os.waitstatus_to_exitcode(status)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._end(kill=True)


def _store_documents(documents, store, neo4j: bool, on_stage, pool=None, prebuilt=None):
    if neo4j or _is_bolt(store):
        return _load_neo4j(documents, store, on_stage)
    if not documents:
        return LoadReport(db_path=default_db_path(getattr(store, "path", store)))
    from resp.store.embedded import load_documents

    return load_documents(documents, getattr(store, "path", store), on_stage=on_stage,
                          prebuilt=prebuilt, **({"map": pool.map} if pool is not None else {}))


@contextmanager
def _collection_paused():
    """Python's cyclic garbage collector off for the length of a load.

    A load makes millions of objects it keeps until the end (records, tables), and
    each collection walks all of them again to find no garbage: paused, a national
    load takes 0.87 of the time. The records hold no reference cycles, so nothing
    waits for a collection; the collector comes back as it was, even on an error.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# Files smaller than this together parse in this process: starting a pool (a fork
# server importing the parser, ~0.3 s) and shipping the records back cost more than a
# second core saves on them (bench/run.py: at 300 plans, 2.3 MB, the pool lost 0.3 s).
PARALLEL_BYTES = 4_000_000
_CHUNK = 8  # files a worker takes at a time: few messages, even shares


def _parse_all(files, metadata: dict, on_file, on_error, workers: int | None = None, pool=None,
               on_document=None) -> tuple[list[Document], dict[str, str]]:
    """Every file's record in the files' order, and the failures by path. `pool`: the
    load's _Processes, else one is started here when the files are worth it.
    on_document(record) is told each record as it comes, in order."""
    documents, failed = [], {}
    with (contextlib.nullcontext(pool) if pool is not None else _processes(files, workers)) as own:
        results = own.parse_each(files, metadata) if own is not None else map(_parse_one, files, repeat(metadata))
        for f in files:
            if on_file:
                on_file(f)
            doc, error = next(results)
            if error is None:
                documents.append(doc)
                if on_document:
                    on_document(doc)
                continue
            failed[str(f)] = error
            if on_error:
                on_error(error)
    return documents, failed


def _parse_one(path, metadata: dict) -> tuple[Document | None, str | None]:
    """(record, None) or (None, the one line naming the file). Errors come back as
    text, not raised: a worker's exception would reach the caller re-pickled, and a
    parser bug must not stop the other files."""
    try:
        return parse(path, **metadata), None
    except (ParseError, ValueError) as exc:
        return None, str(exc)
    except Exception as exc:
        return None, f"{path}: parser failed: {type(exc).__name__}: {exc}"


class _Processes:
    """The load's pool of worker processes: it parses the files, then runs the jobs the
    store's work hands it (CARRIES, scored a group of plans at a time) while this process
    builds the other tables and writes the store."""

    def __init__(self, count: int):
        from concurrent.futures import ProcessPoolExecutor

        self.pool = ProcessPoolExecutor(count, mp_context=_fork_server(), initializer=_worker_started)

    def parse_each(self, files, metadata: dict):
        """A lazy iterator of _parse_one results, in the files' order."""
        with _main_hidden():  # the workers start here, at the first submissions
            results = self.pool.map(_parse_one, files, repeat(metadata), chunksize=_CHUNK)
        return _until_broken(results, files, metadata)

    def map(self, fn, items):
        """fn over items in the workers, started now, the results in order (lazily);
        should a worker die, the rest is computed in this process. It is the pool's last
        job: once its results are in, the workers end and give their memory back before
        the store is written (a later call runs in this process)."""
        items = list(items)
        try:
            with _main_hidden():
                results = self.pool.map(fn, items)
        except RuntimeError:  # a broken or shut-down pool
            return map(fn, items)
        return self._then_shut(_until_broken(results, items, fn=fn), len(items))

    def _then_shut(self, results, count: int):
        if not count:
            self.shutdown()
        for n, result in enumerate(results, 1):
            if n == count:  # the last result is in: the workers have nothing left to do
                self.shutdown()
            yield result

    def shutdown(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


@contextmanager
def _processes(files, workers: int | None):
    """A _Processes when the files are worth a pool (see _worker_count), else None."""
    count = _worker_count(files, workers)
    if count < 2:
        yield None
        return
    pool = _Processes(count)
    try:
        yield pool
    finally:
        pool.shutdown()


def _until_broken(results, items, metadata: dict | None = None, fn=None):
    """The pool's results in order; should a worker die (killed, out of memory), the
    items it left are done in this process (files parsed with metadata, or fn(item)), so
    the load still takes every file."""
    from concurrent.futures.process import BrokenProcessPool

    done = 0
    try:
        for result in results:
            yield result
            done += 1
    except BrokenProcessPool:
        if fn is None:
            yield from map(_parse_one, items[done:], repeat(metadata))
        else:
            yield from map(fn, items[done:])


def _worker_count(files, workers: int | None) -> int:
    """How many processes parse: 1 below PARALLEL_BYTES, else `workers` or one a core."""
    if workers is None:
        workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    if workers < 2 or len(files) < 2:
        return 1
    size = 0
    for f in files:
        size += os.path.getsize(f) if os.path.isfile(f) else 0
        if size >= PARALLEL_BYTES:
            return min(workers, len(files))
    return 1


def _fork_server():
    """Workers forked from a server that imported the parser once: quick to start, and
    safe beside the threads of the caller (a progress display), which plain fork is not."""
    import multiprocessing

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["resp.api", "resp.loader.parse", "resp.loader.graph", "resp.loader.carries"])
    return context


@contextmanager
def _main_hidden():
    """Workers start without running the caller's script again: their work lives in
    resp.api, and a script that loads at import time (no `if __name__ == "__main__"`)
    would otherwise load again in every worker, or fail there."""
    import types

    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


def _worker_started() -> None:
    """Ctrl-C is the parent's to handle (it stops the pool); the modules imported so far
    live as long as the worker, so the collector need not walk them again."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.freeze()


def _load_neo4j(documents, store, on_stage):
    from resp.store.bolt import PushReport, load_documents

    settings = store.settings if _is_bolt(store) else _bolt_settings()
    if not documents:
        return PushReport(where=settings.where())
    progress = (lambda done, total, what: on_stage(f"{what}: {done}/{total} rows")) if on_stage else None
    return load_documents(documents, settings, on_progress=progress)


def remove(store_path, ref: str) -> LoadReport:
    """Remove one document from the embedded store, incrementally and atomically.

    ref: the document's id as `documents` lists it (the first 12 characters of its
    sha256; any unique prefix, or the whole), or the file it was loaded from (the
    path as given to `load`, or any path to the same file). The report's `dropped`
    names it and `removed` counts what went with it (tasks, units no other document
    names, MIRRORS, CARRIES, …). A ref that names no document is NoMatch, naming the
    closest ids and files; one that names several is Ambiguous; either way the store
    is untouched.
    """
    from resp.queries.catalog import closest_hint
    from resp.store.incremental import remove_documents

    path = default_db_path(getattr(store_path, "path", store_path))
    with open_store(path) as store:
        rows = store.run("MATCH (d:Document) RETURN d.id AS id, d.source AS source, d.path AS path").rows
    text = str(ref).strip()
    where = os.path.realpath(text) if text else ""
    found = [r for r in rows if text and (r["source"] == text or r["path"] == where)]
    if not found and re.fullmatch(r"[0-9a-fA-F]{4,64}", text):
        found = [r for r in rows if r["id"].startswith(text.lower())]
    if not found:
        names = [r["id"][:12] for r in rows] + [r["source"] for r in rows if r["source"]]
        raise NoMatch(f"no document in {path} is {text!r}{closest_hint(text, names)}")
    if len(found) > 1:
        raise Ambiguous(f"{text!r} fits {len(found)} documents: "
                        + ", ".join(f"{r['id'][:12]} ({r['source']})" for r in found[:5])
                        + "; give more of the id", found)
    return remove_documents([found[0]["id"]], path)


# --------------------------------------------------------------------------
# questions
# --------------------------------------------------------------------------

def query(store, name: str, **params) -> QueryResult:
    """Run the canned query `name` (queries/NAME.cypher) with its parameters.

    Parameters are Cypher parameters, converted to their declared types; an unknown
    or missing one is a QueryError. Rows come back as dicts keyed by the columns.
    """
    from resp.queries import catalog

    return catalog.run(store, name, params)


def queries():
    """The canned queries (resp.queries.catalog.Query: name, title, params, columns, text)."""
    from resp.queries import catalog

    return catalog.all_queries()


def get_query(name: str):
    """One canned query by name; QueryError when there is none."""
    from resp.queries import catalog

    return catalog.get(name)


def who_leads(store, text: str, jurisdiction: str | None = None, limit: int | None = None) -> QueryResult:
    """Who leads the tasks whose text holds `text`, or the task `JURISDICTION:ID`.

    `text` is normalised as the parser stores text; `jurisdiction` (a full name, a
    short name or a unique fragment) keeps one government's plans. With `limit`, only
    the first rows of a topic are fetched and `total` counts them all (`count`).
    """
    from resp.queries import catalog

    place = resolve_jurisdiction(store, jurisdiction) if jurisdiction else ""
    fragment = normalise(text)
    if not fragment:
        raise QueryError("TEXT is empty")
    task = _task_reference(store, fragment)
    if task is None:
        return catalog.run(store, "who_leads", {"text": fragment, "jurisdiction": place}, limit)
    where, task_id = task
    if place and place != where:
        raise QueryError(f"{text} names a task of {where}, not of {place}")
    result = query(store, "who_leads_task", jurisdiction=where, task=task_id)
    if not result.rows:
        _check_task(store, where, task_id)
    return result


_TASK_ID = re.compile(r"[0-9一二三四五六七八九十百.、()（）]{1,16}")


def _task_reference(store, fragment: str):
    """(jurisdiction, task id) when fragment reads JURISDICTION:ID. When ID looks like a
    task id, an unknown JURISDICTION is an error (NoMatch naming the closest);
    otherwise ("目标:…") the fragment is text that happens to hold a colon."""
    left, sep, right = fragment.partition(":")
    if not sep or not left or not right or len(right) > 16 or ":" in right:
        return None
    try:
        return resolve_jurisdiction(store, left), right
    except NoMatch:
        if _TASK_ID.fullmatch(right):
            raise
        return None


def _check_task(store, jurisdiction: str, task_id: str) -> None:
    """NoMatch naming the closest task ids when `jurisdiction`'s plans have no such task."""
    from resp.queries.catalog import closest_hint

    ids = {r["task"] for r in query(store, "plan_responsibilities", jurisdiction=jurisdiction).rows}
    if task_id not in ids:
        shown = f"{len(ids)} tasks" if ids else "no loaded plan"
        raise NoMatch(f"{jurisdiction} has no task {task_id!r} ({shown}){closest_hint(task_id, ids)}")


def about_unit(store, name: str, unit: str, jurisdiction: str | None = None, limit: int | None = None,
               **params) -> QueryResult:
    """Run the canned query `name` about one unit (tasks, mirrors, partners): the
    jurisdiction resolved first, then the unit within it. With `limit`, the tasks of a
    unit named exactly in every role come as their first rows and the count of all
    (`count`); the other questions ignore it."""
    from resp.queries import catalog

    place = resolve_jurisdiction(store, jurisdiction) if jurisdiction else ""
    chosen, units = catalog.find_unit(store, unit, place)
    bound = dict(params, unit=chosen, jurisdiction=place)
    if limit is not None and name == "tasks" and units is not None and not params.get("role"):
        # each of these units holds tasks, all in its own government's plans: the
        # governments of the rows are theirs, known without fetching every row
        result = catalog.run(store, name, bound, limit)
        places = {row["jurisdiction"] for row in units} - {None}
    else:
        result = catalog.run(store, name, bound)
        places = {row.get("jurisdiction") for row in result.rows} - {None}
    if not place and len(places) > 1:  # 县卫生健康局 nationally: every county's bureau at once
        result.note = f"the units of {len(places):,} governments at once: --jurisdiction keeps one"
    return result


def in_jurisdiction(store, name: str, jurisdiction: str | None, required: bool = False,
                    limit: int | None = None) -> QueryResult:
    """Run a canned query that takes one jurisdiction (units, plan_responsibilities), resolved
    first; with `limit`, its first rows and the count of all (`count`)."""
    from resp.queries import catalog

    place = resolve_jurisdiction(store, jurisdiction) if jurisdiction or required else ""
    return catalog.run(store, name, {"jurisdiction": place}, limit)


def documents(store) -> QueryResult:
    """The loaded documents: id, file, issuer, level, number, tasks, warnings, corrected."""
    return query(store, "documents")


def unknown_issuers(store) -> list[dict]:
    """The loaded documents whose issuer is unknown, each with the command that fixes it.
    store: an open store, or a LoadReport (what the load read with its own connection;
    the store at its path opened when it read nothing)."""
    if isinstance(store, LoadReport):
        if store.unknown_issuers is not None:
            return [dict(row, fix=f"resp load {row['file']} --jurisdiction NAME")
                    for row in store.unknown_issuers]
        with open_store(store.db_path) as opened:
            return unknown_issuers(opened)
    return [dict(row, fix=f"resp load {row['file']} --jurisdiction NAME")
            for row in documents(store).rows if not row["issuer"]]


class NothingToCompare(NoMatch):
    """A coverage question with no plan of the jurisdiction, or none above it, loaded."""


def coverage(store, jurisdiction: str) -> QueryResult:
    """What the plans of `jurisdiction` carry down from the plans above it: every upper
    task's candidates with score, kind and status (carried, uncertain, dropped; the
    bands of data/carries.toml). NothingToCompare says which side has no plan."""
    from resp.loader.carries import status

    place = resolve_jurisdiction(store, jurisdiction)
    counts = query(store, "plans_around", jurisdiction=place).rows
    own, above = (counts[0]["own"], counts[0]["above"]) if counts else (0, 0)
    if not own:
        raise NothingToCompare(f"{place} issued no loaded plan: nothing to compare with the plans above it")
    if not above:
        raise NothingToCompare(f"no plan of a jurisdiction above {place} is loaded: nothing to compare "
                               f"its {own} plan(s) with (`resp documents` lists what is loaded)")
    result = query(store, "coverage", jurisdiction=place)
    result.columns = [*result.columns, "status"]
    for row in result.rows:
        row["status"] = status(row["score"])
    return result


def stats(store, top: int = 10) -> QueryResult:
    """The rows of the canned query stats, then those of lead_load: the `top` units and
    every unit tied with the last of them (a cut inside a tie would pick by name)."""
    result = query(store, "stats")
    result.rows += _with_ties(store, top)
    return result


def _with_ties(store, top: int) -> list[dict]:
    """lead_load's first `top` rows and the rows tied with the last, asking for twice
    as many rows until the tie ends inside the answer."""
    if top <= 0:
        return []
    limit = top + 1
    while True:
        rows = query(store, "lead_load", top=limit).rows
        if len(rows) <= top:
            return rows
        cut = rows[top - 1]["count"]
        if len(rows) < limit or rows[-1]["count"] != cut:
            return [r for r in rows if r["count"] >= cut]
        limit *= 2


# --------------------------------------------------------------------------
# the national view: a few rows of counts where a list would run to tens of thousands
# --------------------------------------------------------------------------

def load_by_function(store) -> QueryResult:
    """Tasks led, supported, implemented and held by the units of each function and
    level (the canned query load_by_function)."""
    return query(store, "load_by_function")


def topic_by_function(store, text: str, jurisdiction: str | None = None) -> QueryResult:
    """Which functions at which level lead the tasks on a topic, in how many places
    (topic_leads_by_function): who_leads counted instead of listed."""
    place = resolve_jurisdiction(store, jurisdiction) if jurisdiction else ""
    fragment = normalise(text)
    if not fragment:
        raise QueryError("TEXT is empty")
    if _task_reference(store, fragment) is not None:
        raise QueryError(f"{text} names one task; counting by function needs a topic such as 托育")
    return query(store, "topic_leads_by_function", text=fragment, jurisdiction=place)


def dropped(store, jurisdiction: str | None = None, top: int = 20) -> QueryResult:
    """The tasks of a jurisdiction's plans (every province's without one) that the plans
    below drop most often (dropped_tasks)."""
    place = resolve_jurisdiction(store, jurisdiction) if jurisdiction else ""
    return query(store, "dropped_tasks", jurisdiction=place, top=top)


def without_plan(store, jurisdiction: str) -> QueryResult:
    """The governments below `jurisdiction` with no plan loaded: those the store holds
    (the canned query without_plan), then the divisions of data/divisions below it that
    the store does not hold at all, since a store only holds the governments its plans
    name. The note says how many came from the table."""
    place = resolve_jurisdiction(store, jurisdiction)
    result = query(store, "without_plan", jurisdiction=place)
    stored = {r["jurisdiction"] for r in query(store, "governments").rows}
    extra = _divisions_below(place, stored)
    result.rows = sorted(result.rows + extra, key=lambda r: (r["parent"] or "", r["level"] or "",
                                                            r["jurisdiction"]))
    if extra:
        result.note = f"{len(extra):,} of them from data/divisions: the store does not hold them"
    return result


def _divisions_below(name: str, skip: set[str]) -> list[dict]:
    """The divisions of the table inside the division called `name`, but those in skip."""
    from resp.loader.places import all_places

    places = all_places()
    top = {p.code for p in places if p.name == name}
    rows = []
    for p in places:
        if p.name not in skip and any(up.code in top for up in p.parents):
            rows.append({"jurisdiction": p.name, "level": p.level,
                         "parent": p.parent.name if p.parent else None})
    return rows


def cypher(statement: str, params: dict | None = None, store=None, *, neo4j: bool = False,
           write: bool = False) -> QueryResult:
    """Run ad-hoc Cypher: the one path every ad-hoc statement takes.

    store: an open store, or the embedded store's path (default $RESP_DB, else
    ./resp.db); neo4j=True opens the server instead. Without write the statement is
    refused (ReadOnlyRefused) unless it only reads: the embedded store is opened
    read-only, so LadybugDB refuses a write itself; a Neo4j server classifies the
    statement first (resp.store.bolt). With write the embedded store is changed in
    place under the load lock (the next load rebuilds the graph and drops such
    changes), and a server runs it in a write transaction.

    Before any engine sees it, the statement passes resp.queries.guard (an allow-list
    of clauses; never files, extensions, maintenance, transactions or DDL), else
    ReadOnlyRefused names what it is.
    """
    from resp.queries.guard import Refused, check

    params = params or {}
    try:
        check(statement, write=write)
    except Refused as exc:
        raise ReadOnlyRefused(str(exc)) from None
    _check_params(statement, params)
    if store is None or isinstance(store, (str, os.PathLike)):
        if write and not neo4j:
            from resp.store.embedded import run_in_place

            return run_in_place(statement, params, store)
        with open_store(store, neo4j=neo4j) as opened:
            return _cypher_open(opened, statement, params, write)
    return _cypher_open(store, statement, params, write)


def _cypher_open(store, statement: str, params: dict, write: bool) -> QueryResult:
    """A checked statement on an open store."""
    if _is_bolt(store):
        return _cypher_bolt(store, statement, params, write)
    if write:
        from resp.store.embedded import run_in_place

        return run_in_place(statement, params, store.path)
    try:
        return store.run(statement, params)
    except StoreError as exc:
        if "read-only database" in str(exc):  # LadybugDB's own refusal
            raise ReadOnlyRefused("refused: the statement writes to the store; "
                                  "add --write to allow it") from None
        raise


def _check_params(statement: str, params: dict) -> None:
    """A $parameter the statement uses and params lacks is a QueryError naming it
    (both engines would run it with null and answer nothing, silently)."""
    text = re.sub(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|//[^\n]*", "", statement)
    missing = sorted(set(re.findall(r"\$(\w+)", text)) - set(params))
    if missing:
        flags = " ".join(f"-p {name}=…" for name in missing)
        raise QueryError(f"the statement uses parameter(s) {', '.join('$' + m for m in missing)} "
                         f"that were not given: add {flags}")


def _cypher_bolt(store, statement: str, params: dict, write: bool) -> QueryResult:
    """Ad-hoc Cypher on the server: refused unless the server calls it read-only."""
    if write:
        return store.run_write(statement, params)
    kind = store.classify(statement, params)
    if kind != "r":
        raise ReadOnlyRefused(f"refused: the server classifies the statement as {kind!r}, "
                              "not read-only; add --write to allow it")
    return store.run_read_only(statement, params)


# --------------------------------------------------------------------------
# out: files, a server, pictures
# --------------------------------------------------------------------------

@dataclass
class ExportReport:
    """What export wrote: the files (csv: one a label and type), the graph's size, and
    for csv the neo4j-admin import command that loads them."""

    fmt: str
    out: str
    files: list[str] = field(default_factory=list)
    nodes: int = 0
    edges: int = 0
    command: str = ""


EXPORT_DEFAULTS = {"graphml": "resp.graphml", "json": "resp.json", "csv": "resp-csv"}


def export(fmt: str, out: str | os.PathLike | None = None, store=None) -> ExportReport:
    """Write the stored graph for other tools: graphml (Gephi, networkx.read_graphml),
    json (networkx node-link data; read with node_link_graph(data, edges="edges",
    name="_id")) or csv (a folder, neo4j-admin import headers). out "-" is stdout
    (graphml, json). store: the embedded store's path or an open embedded store.
    """
    import json

    from resp.loader import export as exports

    if fmt not in EXPORT_DEFAULTS:
        raise QueryError(f"unknown export format {fmt!r}: one of {', '.join(EXPORT_DEFAULTS)}")
    out = os.fspath(out or EXPORT_DEFAULTS[fmt])
    if fmt == "csv" and out == "-":
        raise QueryError("--format csv writes a folder; give --out FOLDER")
    tables = _stored_tables(store)
    if fmt == "csv":
        args = exports.write_csv(tables, out)
        return ExportReport(fmt, out, files=[a.split("=", 2)[2] for a in args],
                            command="neo4j-admin database import full --array-delimiter=';' "
                                    + " ".join(args) + " neo4j")
    g = tables.to_networkx()
    if fmt == "graphml":
        exports.write_graphml(g, sys.stdout.buffer if out == "-" else out)
    else:
        text = json.dumps(exports.to_json(g), ensure_ascii=False) + "\n"
        if out == "-":
            sys.stdout.write(text)
        else:
            Path(out).write_text(text, encoding="utf-8")
    return ExportReport(fmt, out, files=[] if out == "-" else [out],
                        nodes=g.number_of_nodes(), edges=g.number_of_edges())


def _stored_tables(store):
    if store is not None and not isinstance(store, (str, os.PathLike)):
        return store.tables()
    with open_store(store) as opened:
        return opened.tables()


def push(store=None, *, uri=None, user=None, password=None, database=None, prune: bool = True,
         batch_size: int | None = None, on_progress=None):
    """Write the whole graph of the embedded store (its path) to a Neo4j server; the
    PushReport. Pushing twice leaves the same graph; prune=False keeps what the store
    no longer has."""
    from resp.store.bolt import push_store

    options = {"batch_size": batch_size} if batch_size else {}
    return push_store(getattr(store, "path", store), _bolt_settings(uri, user, password, database),
                      prune=prune, on_progress=on_progress, **options)


def browser_guide(folder) -> tuple[str, str, int]:
    """Write a Neo4j Browser guide of the canned queries and a .grass style into folder:
    (guide path, style path, number of queries)."""
    from resp.queries.guide import write_guide

    return write_guide(folder)


def show(store, name: str, html_path, kind: str = "auto", jurisdiction: str | None = None):
    """Draw the neighbourhood of a unit, a jurisdiction or a topic as one self-contained
    HTML page; the Subject drawn and the Neighbourhood (its units, tasks, governments)."""
    from resp.pictures.html import write_html
    from resp.pictures.neighbourhood import neighbourhood, resolve_subject

    place = resolve_jurisdiction(store, jurisdiction) if jurisdiction else ""
    subject = resolve_subject(store, name, kind, place)
    nb = neighbourhood(store, subject)
    write_html(nb, html_path)
    return subject, nb


def matrix(store, jurisdiction: str, png_path, document: str = "", dpi: int = 150):
    """Draw the responsibility matrix of the plan a jurisdiction issued (units x tasks,
    cells coloured by role) as a PNG; (the matrix, width, height in pixels)."""
    from resp.pictures.matrix import draw_matrix, plan_matrix

    m = plan_matrix(store, resolve_jurisdiction(store, jurisdiction), document)
    width, height = draw_matrix(m, png_path, dpi)
    return m, width, height
