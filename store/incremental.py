"""Incremental loads: adding, replacing or removing a few plans without a rebuild.

A full load (store/embedded.py `load_documents`) rebuilds the whole graph from every
stored record and writes a fresh file: 16-30 s and over 1 GB for one plan added to a
national store of 3,000. Here a change of a few plans touches only what they change:

- the plan's own part: its Document and record (embedded.RECORD_TABLES), tasks, targets,
  role edges, and its units
  (a Unit, keyed jurisdiction|name, is shared by the plans of one government: it goes
  when no plan left names it, and comes when a plan first names it);
- MIRRORS of the units that come (pairs against the units of the same function in
  the jurisdictions above and below; the ones that go take theirs with them);
- CARRIES of the plan against the plans of the governments above it, and of the
  plans below it against it (`loader/carries.py` scores a pair from those two plans
  alone, so no other score moves);
- the small tables: CITES recomputed whole from every plan's number, title and
  implemented numbers and compared with the stored edges; Jurisdiction and PART_OF,
  when plans only come, the stored rows with the new plans' chains of governments and
  their targets' areas added as a full load adds them (a row of least
  `_jurisdiction_rank` wins), and when a plan goes, recomputed whole from every plan's
  chain and targets (what that plan alone held goes). The plans CARRIES pairs a new
  one with are those issued along its chain and those whose chain holds its place,
  found through PART_OF (`_carries_places`): only they are resolved to their places.

The result is what `build_tables` would build from the same documents
(tests/test_incremental.py builds a store both ways and compares every node and edge
with its properties).

How a change is atomic
----------------------
Under the store's load lock (`_locked`), the store file is copied beside itself
(``PATH.tmp-<pid>``: one file; 104 MB at 3,000 plans copies in 0.03-0.3 s), the copy is
opened for writing, the change is applied in ONE transaction with parameterised Cypher
(``UNWIND $rows … CREATE``; ``DETACH DELETE`` for what goes), checkpointed (no
write-ahead log is left), closed, fsynced and renamed over the store (``os.replace``).
Readers keep reading the file they opened; a reader that opens after the rename sees
the new graph. A kill before the rename leaves the old store and a temporary file the
next load sweeps (`_sweep_temporaries`); after it, the new store. Writing into the
live file in place instead would need no copy, but a reader could not open the store
while the writer holds it, and a kill would leave a write-ahead log to replay.

When to rebuild instead: an empty or absent store takes the bulk path (COPY FROM), and
so does a change of more than INCREMENTAL_SHARE of the stored plans (see there), a
store of another version's schema (it is rebuilt from its own records).
"""
from __future__ import annotations

import base64
import json
import os
import shutil
import time
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from resp.loader.records import Document

from .base import LoadPlan, LoadReport, StoreError, default_db_path, plan_load

# A change of more than this share of the stored plans (documents added plus removed,
# a replacement counting twice) rebuilds the store instead. Measured on the 3,000-plan
# store (2 cores shared with other work, load average 5; plans of `make_corpus.py
# --seed 2`): 1 plan added 2.1 s, 10 2.9 s, 30 4.2 s, 100 9.8 s, 300 (a tenth) 24 s and 1.2
# GB peak, 600 64 s and 1.9 GB; the full rebuild of the same store 40-60 s and 1.1-1.5
# GB on such a day. At a tenth the change still takes half a rebuild's time but as
# much memory (one transaction holds it all); past it, more memory, and by a fifth as
# long.
INCREMENTAL_SHARE = 0.1

_ROLE_RELS = "LEADS|SUPPORTS|IMPLEMENTS|RESPONSIBLE_FOR"

# base64 characters of a packed record read to find its issuer, level and parents
# (the first fields of pack_record's list); a record whose head does not hold them
# is read whole
_HEAD_CHARS = 1400


def _reached(point: str) -> None:
    """Called at each step of the write ("copied", "deleted", "committed",
    "checkpointed", "replaced"); tests replace it to kill a writer there."""


# --------------------------------------------------------------------------
# entry points
# --------------------------------------------------------------------------

def try_load(path: str, documents, stage) -> LoadReport | None:
    """The load of `documents` into the existing store at path, done incrementally;
    None when it must be a full rebuild. Called by embedded.load_documents under
    the lock, after the sweep of temporaries.

    documents: a list, or a callable giving it (resp.api.load's parse running in
    another process): then the store is copied, opened and its plans read
    (_read_stored) before the call waits for them, so the parse and the reading
    overlap on the machine's cores."""
    from .embedded import _settle_wal, unpack_record

    if not os.path.isfile(path):
        return None
    stage("reading store")
    _settle_wal(path)

    def decide(conn):
        nonlocal documents
        if not _schema_is_current(conn):
            return None  # another version's store: rebuilt from its records
        stored = None
        if callable(documents):
            stored = _read_stored(conn)
            paths = stored.paths
            stored.counts = _counts(conn)  # the totals before, for an add's (_totals_after)
            # numpy (CARRIES) now, while the parse ends elsewhere: on a thread from the
            # start it held the GIL between this thread's many small engine calls
            _import_quietly("resp.loader.carries")
            documents = documents()
            if not documents:  # every file failed: nothing to write
                return LoadReport(db_path=path), None
        else:
            paths = dict(_rows(conn, "MATCH (d:Document) RETURN d.id, d.path"))

        def corrections(did: str) -> dict:
            return unpack_record(_packed(conn, did)).corrections

        plan = plan_load(documents, paths, corrections)
        report = LoadReport(db_path=path, loaded=plan.loaded, skipped=plan.skipped,
                            replaced=plan.replaced, corrected=plan.corrected)
        if not plan.changes:
            report.totals = _counts(conn)
            report.unknown_issuers = _unknown_issuers(conn)
            return report, None
        if not paths or len(plan.fresh) + len(plan.removed) > max(1, INCREMENTAL_SHARE * len(paths)):
            return None
        return report, plan, stored

    return _change(path, decide, stage, meanwhile=not callable(documents))


class NotStored(StoreError):
    """A document to remove that the store does not hold."""


def remove_documents(ids: list[str], db_path: str | os.PathLike | None = None) -> LoadReport:
    """Remove the stored documents with these ids (full sha256), incrementally and
    atomically; the report's `dropped` names them and `removed` counts what went. An
    id not stored is NotStored and the store is untouched."""
    from .base import StoreNotFound
    from .embedded import _check_target, _locked, _settle_wal, _sweep_temporaries

    started = time.perf_counter()
    path = default_db_path(db_path)
    _check_target(path)
    if not os.path.isfile(path):
        raise StoreNotFound(path)

    def decide(conn):
        stored = {did: (source, where) for did, source, where in _rows(
            conn, "MATCH (d:Document) RETURN d.id, d.source, d.path")}
        missing = [i for i in ids if i not in stored]
        if missing:
            raise NotStored(f"no document {missing[0]} in the store {path}")
        gone = list(dict.fromkeys(ids))
        plan = LoadPlan(removed=gone, paths={did: w for did, (_, w) in stored.items() if did not in gone})
        return LoadReport(db_path=path, dropped=[stored[did][0] or stored[did][1] for did in gone]), plan

    with _locked(path):
        _sweep_temporaries(path)
        _settle_wal(path)
        report = _change(path, decide, lambda _s: None)
    report.seconds = time.perf_counter() - started
    return report


def _change(path: str, decide, stage, meanwhile: bool = True) -> LoadReport | None:
    """Copy the store beside itself, open the copy, let `decide(conn)` plan the change
    ((report, plan); (report, None) when nothing changes; None for a full rebuild),
    apply it in one transaction, checkpoint, fsync, rename (the module docstring).
    meanwhile: loader/carries.py imported on a thread while the store is copied and
    opened (else `decide` imports it)."""
    from .embedded import (CHANGE_POOL_MIN, WRITE_THREADS, _fsync, _fsync_dir, _ladybug,
                           _load_failed, _remove_temporaries, read_pool_size)

    tmp = f"{path}.tmp-{os.getpid()}"
    if meanwhile:
        _import_meanwhile("resp.loader.carries")
    try:
        shutil.copyfile(path, tmp)
        _reached("copied")
        lb = _ladybug()
        db = lb.Database(tmp, max_num_threads=WRITE_THREADS,
                         buffer_pool_size=read_pool_size(tmp, CHANGE_POOL_MIN, 8))
        conn = lb.Connection(db)
        try:
            decided = decide(conn)
            if decided is None or decided[1] is None:
                return decided[0] if decided else None
            report, plan, *stored = decided
            fresh = _fresh_tables(plan.fresh)  # a record the graph refuses: ValueError, as a rebuild
            stage("building graph")
            change = _compute(conn, plan, fresh, stage, stored[0] if stored else None)
            stage("writing store")
            _write(conn, change)
            _reached("committed")
            conn.execute("CHECKPOINT")
            before = getattr(stored[0], "counts", None) if stored and not change.removed_docs else None
            report.totals = _counts(conn) if before is None else _totals_after(before, change)
            report.unknown_issuers = _unknown_issuers(conn)
        finally:
            conn.close()
            db.close()
        _reached("checkpointed")
        _fsync(tmp)
        os.replace(tmp, path)
        _fsync_dir(os.path.dirname(os.path.abspath(path)))
        _reached("replaced")
    except NotStored:
        raise
    except (StoreError, OSError, RuntimeError) as exc:
        raise StoreError(_load_failed(path, exc, True).replace("the load failed", "the change failed")) from None
    finally:
        _remove_temporaries(tmp)
    report.added, report.removed = change.report_added, change.report_removed
    report.written = True
    return report


def _totals_after(before: dict[str, int], change: "_Change") -> dict[str, int]:
    """The store's counts after a change that removes no document, from its counts
    before (read while the plan was parsed, off the path the add waits on): every row
    and edge the change creates is new (a CITES edge whose number changes is deleted
    first), and such a change deletes no node, no PART_OF edge and only the CITES edges
    it creates again. tests/test_incremental.py compares them with the store's counts."""
    out = dict(before)
    for label, rows in change.nodes.items():
        out[label] += len(rows)
    for rel, edges in change.edges.items():
        out[rel] += len(edges) - len(change.delete_edges.get(rel, ()))
    return out


def _import_meanwhile(module: str) -> None:
    """Import `module` on a thread of its own while this one copies and opens the store
    and reads it (the engine lets go of the GIL meanwhile). loader/carries.py brings
    numpy, 0.1 s of a plan's add; measured whole-process with and without, alternated,
    1.64-1.69 s against 1.54-1.62 s. A failed import is left to the importer that needs it."""
    import threading

    threading.Thread(target=_import_quietly, args=(module,), name="resp-import").start()


def _import_quietly(module: str) -> None:
    import importlib

    try:
        importlib.import_module(module)
    except Exception:  # noqa: BLE001 - raised again where the module is used
        pass


def _schema_is_current(conn) -> bool:
    """Whether the store's tables are this version's (embedded.EmbeddedStore.schema_is_current)."""
    from .embedded import EmbeddedStore

    class _Rows:
        def rows(self, cypher, params=None):
            return _rows(conn, cypher, params)

    return EmbeddedStore.schema_is_current(_Rows())


# --------------------------------------------------------------------------
# the change
# --------------------------------------------------------------------------

class _Head(NamedTuple):
    """What document_place reads of a record."""
    jurisdiction: str
    level: str | None
    parent_jurisdictions: list


@dataclass
class _Change:
    """Everything one incremental load deletes and creates, computed before writing."""

    removed_docs: list[str]
    delete_units: list[str] = field(default_factory=list)
    delete_jurisdictions: list[str] = field(default_factory=list)
    update_jurisdictions: list[tuple] = field(default_factory=list)
    recount_units: list[str] = field(default_factory=list)  # units whose role edges change
    delete_edges: dict[str, list[tuple]] = field(default_factory=dict)   # PART_OF, CITES
    nodes: dict[str, list[tuple]] = field(default_factory=dict)           # label -> rows
    edges: dict[str, dict[tuple, tuple]] = field(default_factory=dict)    # type -> {(a, b): props}
    documents: dict[str, tuple] = field(default_factory=dict)             # id -> (path, packed record)
    report_removed: dict[str, int] = field(default_factory=dict)
    report_added: dict[str, int] = field(default_factory=dict)


class _Fresh(NamedTuple):
    tables: object                   # GraphTables of the new documents' own parts
    places: dict                     # id -> Place | None
    tasks: dict                      # id -> ((task key, text), …) in the plan's order
    records: dict                    # id -> Document


def _fresh_tables(documents: list[Document]) -> _Fresh:
    from resp.loader.graph import GraphTables, add_document, document_id, document_place, validate

    t = GraphTables()
    places, records, unit_info = {}, {}, {}
    for doc in documents:
        did = document_id(doc)
        validate(doc)
        places[did] = place = document_place(doc)
        add_document(t, did, doc, place, unit_info)
        records[did] = doc
    # each plan's (task key, text) in its order, as CARRIES compares them
    tasks: dict[str, list] = {did: [] for did in records}
    for key, _id, did, _j, _section, text, _clause, ordinal in t.nodes["Task"].values():
        tasks[did].append((ordinal, key, text or ""))
    tasks = {did: tuple((key, text) for _, key, text in sorted(rows)) for did, rows in tasks.items()}
    return _Fresh(t, places, tasks, records)



def _edges_touching(conn, pattern: str, prop: str, values) -> set[tuple]:
    """(a.key, b.key) of the edges `pattern` matches whose either end has `prop` in `values`."""
    if not values:
        return set()
    return {tuple(r) for q in ("a", "b") for r in _rows(
        conn, f"{pattern} WHERE {q}.{prop} IN $values RETURN a.key, b.key", {"values": list(values)})}

def _rows(conn, cypher: str, params: dict | None = None) -> list[list]:
    from .embedded import _execute, all_rows

    return all_rows(_execute(conn, cypher, params))  # the engine's rows, without per-row checks


class _Stored:
    """What a change reads of every stored plan, whatever the change (_read_stored):
    the documents' issuers and CITES fields, Jurisdiction, PART_OF and CITES as stored
    (a few thousand rows each). The documents' places, which take the division table
    and sometimes their records, are worked out only for the documents asked
    (`places`): an add asks for the plans of its chain of governments, a removal for
    every plan."""

    def __init__(self, conn):
        self.conn = conn
        self.documents = _rows(conn, "MATCH (d:Document) OPTIONAL MATCH (d)-[:ISSUED_BY]->(j:Jurisdiction) "
                                     "RETURN d.id, d.number, d.title, d.implements, j.name, d.path")
        self.paths = {row[0]: row[5] for row in self.documents}  # what plan_load compares
        self.part_of = {tuple(r) for r in _rows(conn, "MATCH (a:Jurisdiction)-[:PART_OF]->(b:Jurisdiction) "
                                                      "RETURN a.name, b.name")}
        self.jurisdictions = {row[0]: tuple(row) for row in _rows(
            conn, "MATCH (j:Jurisdiction) RETURN j.name, j.level, j.short_name, j.code")}
        self.cites = {(a, b): (n,) for a, b, n in _rows(
            conn, "MATCH (a:Document)-[c:CITES]->(b:Document) RETURN a.id, b.id, c.number")}
        self.issuer = {row[0]: row[4] for row in self.documents}
        self._known: dict = {}
        self.counts: dict | None = None  # the store's counts, when read before the change

    def places(self, dids) -> dict:
        """id -> Place | None of these stored documents, as `document_place` resolved
        them when they were loaded."""
        from resp.loader.graph import document_place

        dids = list(dids)
        names = {self.issuer[d] for d in dids if self.issuer[d] is not None} - set(self._known)
        if names:
            codes = {name: row[3] for name, row in self.jurisdictions.items()}
            found = _known_places(self.part_of, codes, names)
            self._known.update({name: found.get(name) for name in names})
        known = self._known
        heads = _record_heads(self.conn, [d for d in dids if self.issuer[d] is not None
                                          and not known.get(self.issuer[d])])
        return {d: None if self.issuer[d] is None else known.get(self.issuer[d]) or document_place(heads[d])
                for d in dids}

    def targets(self) -> list:
        """(doc id, area) of every stored target."""
        return _rows(self.conn, "MATCH (t:Target) RETURN t.doc_id, t.area")


def _read_stored(conn) -> _Stored:
    """What _compute reads of every stored plan (_Stored). It needs no new plan, so it
    is read while the plan is parsed (try_load)."""
    return _Stored(conn)


def _carries_places(stored: _Stored, fresh: dict, part_of: set) -> dict:
    """The places CARRIES needs when plans only come (fresh: id -> Place | None of the
    new plans; part_of: PART_OF stored and coming): the plans issued above a new one
    (their issuer alone tells: `ancestors` groups the upper plans by it) and those below
    it: issued where PART_OF leads up to a new plan's place, or there (a superset, each
    resolved as it was loaded and kept if its chain holds a new plan's place)."""
    from resp.loader.graph import place_chain

    mine = {p.name for p in fresh.values() if p is not None}
    above = {n for p in fresh.values() if p is not None for n in place_chain(p)[1:]}
    near = _below(part_of, mine) | mine  # a new plan's place may lie below another's
    places = stored.places(did for did, issuer in stored.issuer.items() if issuer in near)
    places = {did: p for did, p in places.items() if p is not None and mine.intersection(place_chain(p)[1:])}
    places.update({did: _Only(issuer) for did, issuer in stored.issuer.items()
                   if issuer in above and did not in places})
    return places


def _below(part_of, names) -> set:
    """The jurisdictions PART_OF leads up from to one of `names` (those excluded)."""
    children = defaultdict(list)
    for child, parent in part_of:
        children[parent].append(child)
    out, todo = set(), list(names)
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in out:
                out.add(child)
                todo.append(child)
    return out - set(names)


def _compute(conn, plan: LoadPlan, fresh: _Fresh, stage, stored: _Stored | None = None) -> _Change:
    """What the change deletes and creates, read from the store being changed (what
    every change reads of it: `stored`, else read here)."""
    from resp.loader.graph import (NODE_PROPERTIES, ROLE_TYPES, GraphTables, _jurisdiction_rank, add_cites,
                                   add_place, add_unit_totals, place_chain, resolve_area)

    from .embedded import _BY_DOCUMENT, pack_record

    removed = list(dict.fromkeys(plan.removed))
    gone = set(removed)
    t = fresh.tables
    change = _Change(removed_docs=removed)
    change.report_removed = {k: (_rows(conn, q, {"ids": removed})[0][0] if removed else 0)
                             for k, q in _BY_DOCUMENT.items()}
    change.report_added = {
        "Document": len(t.nodes["Document"]), "Task": len(t.nodes["Task"]),
        "Target": len(t.nodes["Target"]),
        **{rel: len(t.edges[rel]) for rel in ("LEADS", "SUPPORTS", "IMPLEMENTS", "RESPONSIBLE_FOR")}}

    stored = stored or _read_stored(conn)
    cite_docs = [(did, _CiteFields(number, title, implements or []), None)
                 for did, number, title, implements, *_ in stored.documents if did not in gone]
    cite_docs += [(did, doc, None) for did, doc in fresh.records.items()]
    old_j, old_part = stored.jurisdictions, stored.part_of
    if removed:
        # Jurisdiction and PART_OF: every chain of governments, recomputed and compared
        # (what a removed plan alone held goes)
        places = stored.places(did for did, *_ in stored.documents if did not in gone)
        places.update(fresh.places)
        whole = GraphTables()
        for place in places.values():
            if place is not None:
                add_place(whole, place)
        targets = [(did, area) for did, area in stored.targets() if did not in gone]
        targets += [(row[1], row[2]) for row in t.nodes["Target"].values()]
        for did, area in targets:
            found = resolve_area(area, places.get(did))
            if found is not None:
                add_place(whole, found)
        new_j = whole.nodes["Jurisdiction"]
        new_part = set(whole.edges["PART_OF"])
    else:
        # only plans come: the stored rows, each the one of least rank over the plans
        # stored (_jurisdiction_rank), with the new plans' chains and targets' areas
        # (add_document put them in t) added as a full load adds them
        new_j = dict(old_j)
        for name, row in t.nodes["Jurisdiction"].items():
            old = new_j.get(name)
            if old is None or (old != row and _jurisdiction_rank(row) < _jurisdiction_rank(old)):
                new_j[name] = row
        new_part = old_part | set(t.edges["PART_OF"])
        places = _carries_places(stored, fresh.places, new_part)
        places.update(fresh.places)
    change.delete_jurisdictions = sorted(set(old_j) - set(new_j))
    change.update_jurisdictions = [row for name, row in new_j.items() if name in old_j and old_j[name] != row]
    change.nodes["Jurisdiction"] = [row for name, row in new_j.items() if name not in old_j]
    change.delete_edges["PART_OF"] = sorted(old_part - new_part)
    change.edges["PART_OF"] = {k: () for k in new_part - old_part}
    change.report_removed["Jurisdiction"] = len(change.delete_jurisdictions)
    change.report_added["Jurisdiction"] = len(change.nodes["Jurisdiction"])

    # CITES: every document's implemented numbers against every document's number
    cites = GraphTables()
    add_cites(cites, cite_docs)
    old_cites = stored.cites
    new_cites = cites.edges["CITES"]
    # a removed document's edges go with its node (DETACH DELETE)
    change.delete_edges["CITES"] = sorted(k for k, v in old_cites.items()
                                          if new_cites.get(k) != v and not gone.intersection(k))
    change.edges["CITES"] = {k: v for k, v in new_cites.items() if old_cites.get(k) != v or gone.intersection(k)}
    _count(change, "CITES", set(old_cites), set(new_cites))

    # the documents' own parts
    for label in ("Document", "Task", "Target"):
        change.nodes[label] = list(t.nodes[label].values())
    for rel in ("LEADS", "SUPPORTS", "IMPLEMENTS", "RESPONSIBLE_FOR", "HAS_TASK", "ISSUED_BY",
                "HAS_TARGET", "TARGET_FOR"):
        change.edges[rel] = t.edges[rel]
    change.documents = {did: (plan.paths.get(did, ""), pack_record(doc)) for did, doc in fresh.records.items()}

    # units: the removed documents' ones that no other document names go; the new
    # documents' ones not stored yet come, with their BELONGS_TO and MIRRORS
    named = set(t.nodes["Unit"])
    before = set()
    if removed:
        before = {r[0] for r in _rows(
            conn, f"MATCH (d:Document)-[:HAS_TASK]->(:Task)<-[:{_ROLE_RELS}]-(u:Unit) "
                  "WHERE d.id IN $ids RETURN DISTINCT u.key", {"ids": removed})}
    orphans = sorted(before - named)
    if orphans:
        used = {r[0] for r in _rows(
            conn, f"MATCH (u:Unit)-[:{_ROLE_RELS}]->(t:Task) WHERE u.key IN $keys "
                  "AND NOT t.doc_id IN $ids RETURN DISTINCT u.key", {"keys": orphans, "ids": removed})}
        orphans = [k for k in orphans if k not in used]
    change.delete_units = orphans
    change.recount_units = sorted((named | before) - set(orphans))
    stored_units = set()
    if named:
        # a lookup a key: `WHERE u.key IN $keys` scans every unit (0.08 s at 3,000 plans)
        stored_units = {r[0] for r in _rows(conn, "UNWIND $keys AS k MATCH (u:Unit {key: k}) RETURN u.key",
                                            {"keys": sorted(named)})}
    new_units = {k: v for k, v in t.nodes["Unit"].items() if k not in stored_units}
    change.edges["BELONGS_TO"] = {k: v for k, v in t.edges["BELONGS_TO"].items() if k[0] in new_units}
    # a new unit's role edges are all the new plans', and its jurisdiction's row is
    # new_j's: its level and totals are made here, as add_unit_totals makes them, and
    # only the stored units are counted again in the transaction (_unit_totals)
    if all(j in new_j for _, j in change.edges["BELONGS_TO"]):
        mini = GraphTables()
        mini.nodes["Unit"], mini.nodes["Jurisdiction"] = dict(new_units), new_j
        mini.edges["BELONGS_TO"] = change.edges["BELONGS_TO"]
        for rel in ROLE_TYPES.values():
            mini.edges[rel] = {k: v for k, v in t.edges[rel].items() if k[0] in new_units}
        add_unit_totals(mini)
        new_units = mini.nodes["Unit"]
        change.recount_units = [k for k in change.recount_units if k not in new_units]
    change.nodes["Unit"] = list(new_units.values())
    change.report_removed["Unit"] = len(orphans)
    change.report_added["Unit"] = len(new_units)

    stage("finding MIRRORS")
    old_mirrors = _edges_touching(conn, "MATCH (a:Unit)-[:MIRRORS]->(b:Unit)", "key", orphans)
    units = [dict(zip(NODE_PROPERTIES["Unit"], v)) for v in new_units.values()]
    mirrors = _mirrors(conn, units, set(orphans), old_part | new_part)
    change.edges["MIRRORS"] = mirrors
    _count(change, "MIRRORS", old_mirrors, set(mirrors))

    stage("finding CARRIES")
    old_carries = _edges_touching(conn, "MATCH (a:Task)-[:CARRIES]->(b:Task)", "doc_id", removed)
    chains = {did: place.chain if isinstance(place, _Only) else place_chain(place)
              for did, place in places.items()}
    carries = _carries(conn, chains, fresh.tasks)
    change.edges["CARRIES"] = carries
    _count(change, "CARRIES", old_carries, set(carries))
    return change


def _count(change: _Change, name: str, old: set, new: set) -> None:
    """Added and removed keys of a shared table, as the full load counts them (`old`:
    the keys that may go, `new`: those that come; a document removed and added again
    with unchanged edges counts neither)."""
    change.report_added[name] = len(new - old)
    change.report_removed[name] = len(old - new)


class _Only(NamedTuple):
    """A stored plan issued above a new one: CARRIES needs only its issuer (the head of
    its chain, `ancestors` groups the upper plans by it)."""
    issuer: str

    @property
    def chain(self) -> list[str]:
        return [self.issuer]


class _CiteFields(NamedTuple):
    """What add_cites reads of a stored document."""
    number: str | None
    title: str | None
    implements: list


def _known_places(part_of: set, codes: dict, names=None) -> dict:
    """Stored jurisdiction name -> its Place, for the names whose place no record is
    needed to tell: a division the table knows by that full name alone (one division
    of that name, the stored code its code) with every jurisdiction above it the same.
    A document issued there resolved to that very Place. Other names (an issuer the
    table does not know, two 朝阳区 in one store) are left out: their documents' places
    are resolved again from their records (`_record_head`). names: the names to
    tell (default: every stored one)."""
    from resp.loader import places as pl

    parents: dict[str, list[str]] = defaultdict(list)
    for child, parent in sorted(part_of):
        parents[child].append(parent)

    seen: dict = {}

    def plain(name: str):
        if name not in seen:  # a province is asked once for every place below it
            code = codes.get(name)
            found = pl.candidates(name) if code else ()
            seen[name] = (found[0] if len(found) == 1 and found[0].code == code
                          and found[0].name == name else None)
        return seen[name]

    out: dict = {}
    for name in (codes if names is None else names):
        place = plain(name)
        if place is None:
            continue
        chain = [p.name for p in place.parents]
        up, ok = name, True
        for above in chain:  # the stored chain is the table's, and each step is plain too
            if parents.get(up) != [above] or plain(above) is None:
                ok = False
                break
            up = above
        if ok and not parents.get(up):
            out[name] = place
    return out


def _record_heads(conn, dids: list[str]) -> dict[str, _Head]:
    """_record_head of each of these stored documents, their heads read in one query a
    record table."""
    from .embedded import record_table

    out: dict[str, _Head] = {}
    for table, ids in _by_shard(dids, record_table).items():
        # UNWIND and a lookup each: `WHERE r.id IN $ids` scans the table, reading every
        # record into the buffer pool (14 MB more at the peak of an add)
        for did, head in _rows(conn, f"UNWIND $ids AS i MATCH (r:{table} {{id: i}}) "
                                     f"RETURN r.id, substring(r.record, 1, {_HEAD_CHARS})", {"ids": ids}):
            out[did] = _record_head(conn, did, head or "")
    return out


def _record_head(conn, did: str, head: str) -> _Head:
    """A stored document's issuer, level and parents, from `head`, the head of its packed
    record (see embedded.pack_record); the whole record when the head is short."""
    from .embedded import _RECORD_FORMAT, unpack_record

    try:
        data = zlib.decompressobj().decompress(base64.b64decode(head[:len(head) // 4 * 4]))
        text = data.decode("utf-8", "ignore")
        decoder, i, values = json.JSONDecoder(), 1, []
        for _ in range(5):
            value, i = decoder.raw_decode(text, i)
            values.append(value)
            i += 1
        fmt, _source, jurisdiction, level, parents = values
        if fmt == _RECORD_FORMAT and isinstance(parents, list):
            return _Head(jurisdiction, level, parents)
    except (ValueError, zlib.error, TypeError):
        pass
    doc = unpack_record(_packed(conn, did))
    return _Head(doc.jurisdiction, doc.level, doc.parent_jurisdictions)


def _packed(conn, did: str) -> str:
    """A stored document's packed record (embedded.RECORD_TABLES)."""
    from .embedded import record_table

    return _rows(conn, f"MATCH (r:{record_table(did)}) WHERE r.id = $id RETURN r.record", {"id": did})[0][0]


def _mirrors(conn, units: list[dict], going: set[str], part_of: set) -> dict[tuple, tuple]:
    """MIRRORS between the new units and every unit that stays: the stored units of
    the same function in the jurisdictions above and below theirs, with find_mirrors
    run on them and the new ones (it is pairwise, so the pairs are exact). part_of: the
    PART_OF edges stored and coming; a jurisdiction below a new unit's is one PART_OF
    leads up from to it (every stored place's chain is in PART_OF), so only those and
    the ones above are resolved, and their units read in one scan (the stored units'
    jurisdictions are no longer listed first, a second scan)."""
    from resp.loader import places as pl
    from resp.loader.graph import _s
    from resp.loader.mirrors import find_mirrors

    functions = sorted({u["function"] for u in units if u["function"] and u["jurisdiction"]})
    if not functions:
        return {}

    def place(name):
        try:
            return pl.resolve(name)
        except pl.AmbiguousPlace:
            return None

    new_codes, new_above, names = set(), set(), set()
    for name in {u["jurisdiction"] for u in units if u["function"] and u["jurisdiction"]}:
        p = place(name)
        if p is not None:
            new_codes.add(p.code)
            new_above.update(a.code for a in p.parents)
            names.update(a.name for a in p.parents)
            names.add(name)
    names |= _below(part_of, names)
    related = []
    for name in sorted(names):
        p = place(name)
        if p is not None and (p.code in new_above or new_codes.intersection(a.code for a in p.parents)):
            related.append(name)
    candidates = []
    if related:
        # one scan of two columns (cold, 0.018 s at 3,000 plans); a lookup a jurisdiction
        # and its units through BELONGS_TO took 0.028 s
        candidates = [{"key": k, "function": f, "jurisdiction": j} for k, f, j in _rows(
            conn, "MATCH (u:Unit) WHERE u.function IN $f AND u.jurisdiction IN $names "
                  "RETURN u.key, u.function, u.jurisdiction", {"f": functions, "names": related})
            if k not in going]
        candidates.sort(key=lambda u: u["key"])
    new_keys = {u["key"] for u in units}
    out = {}
    for upper, lower, function in find_mirrors(units + candidates):
        if upper in new_keys or lower in new_keys:
            out.setdefault((upper, lower), (_s(function),))
    return out


def _carries(conn, chains: dict[str, list[str]], fresh_tasks: dict) -> dict[tuple, tuple]:
    """CARRIES of every pair of plans with a new plan on one side (find_carries'
    pairs, `ancestors`, scored by score_pair from the two plans alone)."""
    from resp.loader.carries import ancestors, score_pair

    pairs = [(low, up) for low, ups in ancestors(chains, chains).items() for up in ups
             if low in fresh_tasks or up in fresh_tasks]
    if not pairs:
        return {}
    plans = dict(fresh_tasks)
    wanted = sorted({d for pair in pairs for d in pair if d not in plans})
    if wanted:
        by_doc = defaultdict(list)
        for did, key, text, ordinal in _rows(
                # a scan of every task: through the documents' HAS_TASK instead, 0.05 s
                # faster but 85 MB more at the add's peak (the buffer pool it reads)
                conn, "MATCH (t:Task) WHERE t.doc_id IN $ids RETURN t.doc_id, t.key, t.text, t.ordinal",
                {"ids": wanted}):
            by_doc[did].append((ordinal, key, text or ""))
        for did in wanted:
            plans[did] = tuple((key, text) for _, key, text in sorted(by_doc.get(did, ())))
    out = {}
    for low, up in sorted(pairs):
        for c in score_pair(plans[low], plans[up]):
            out.setdefault((c.lower, c.upper), (float(c.score), c.kind))
    return out


# --------------------------------------------------------------------------
# writing
# --------------------------------------------------------------------------

def _write(conn, change: _Change) -> None:
    """The change in one transaction: what goes, then what comes."""
    from resp.loader.graph import KEY_PROPERTY, NODE_PROPERTIES, REL_TYPES

    from .embedded import STORE_ONLY, record_table

    def run(cypher, params=None):
        conn.execute(cypher, params or {})

    conn.execute("BEGIN TRANSACTION")
    try:
        ids = change.removed_docs
        if ids:
            run("MATCH (t:Task) WHERE t.doc_id IN $ids DETACH DELETE t", {"ids": ids})
            run("MATCH (t:Target) WHERE t.doc_id IN $ids DETACH DELETE t", {"ids": ids})
            run("MATCH (d:Document) WHERE d.id IN $ids DETACH DELETE d", {"ids": ids})
            for table, shard in _by_shard(ids, record_table).items():
                run(f"MATCH (r:{table}) WHERE r.id IN $ids DELETE r", {"ids": shard})
        if change.delete_units:
            run("MATCH (u:Unit) WHERE u.key IN $keys DETACH DELETE u", {"keys": change.delete_units})
        for rel in ("PART_OF", "CITES"):
            src, dst, _ = REL_TYPES[rel]
            rows = [{"a": a, "b": b} for a, b in change.delete_edges.get(rel, ())]
            if rows:
                run(f"UNWIND $rows AS r MATCH (a:{src} {{{KEY_PROPERTY[src]}: r.a}}) WITH a, r "
                    f"MATCH (a)-[e:{rel}]->(b:{dst} {{{KEY_PROPERTY[dst]}: r.b}}) DELETE e", {"rows": rows})
        if change.delete_jurisdictions:
            run("MATCH (j:Jurisdiction) WHERE j.name IN $names DETACH DELETE j",
                {"names": change.delete_jurisdictions})
        if change.update_jurisdictions:
            props = NODE_PROPERTIES["Jurisdiction"]
            run("UNWIND $rows AS r MATCH (j:Jurisdiction {name: r.name}) "
                + "SET " + ", ".join(f"j.{p} = r.{p}" for p in props[1:]),
                {"rows": [dict(zip(props, row)) for row in change.update_jurisdictions]})
        _reached("deleted")
        for label in NODE_PROPERTIES:
            rows = change.nodes.get(label) or []
            if not rows:
                continue
            props = NODE_PROPERTIES[label]
            dicts = [dict(zip(props, row)) for row in rows]
            names = list(props)
            if label == "Document":
                names += STORE_ONLY["Document"]
                for d in dicts:
                    d["path"] = change.documents[d["id"]][0]
            run(f"UNWIND $rows AS r CREATE (:{label} {{"
                + ", ".join(f"{p}: r.{p}" for p in names) + "})", {"rows": dicts})
            if label == "Document":
                for table, shard in _by_shard([d["id"] for d in dicts], record_table).items():
                    run(f"UNWIND $rows AS r CREATE (:{table} {{id: r.id, record: r.record}})",
                        {"rows": [{"id": did, "record": change.documents[did][1]} for did in shard]})
        for rel, (src, dst, props) in REL_TYPES.items():
            edges = change.edges.get(rel) or {}
            if not edges:
                continue
            rows = [{"a": a, "b": b, **dict(zip(props, values))} for (a, b), values in edges.items()]
            body = ", ".join(f"{p}: r.{p}" for p in props)
            # two MATCH clauses: one pattern of two nodes is planned as a cross product
            # of both tables, two are two index lookups
            run(f"UNWIND $rows AS r MATCH (a:{src} {{{KEY_PROPERTY[src]}: r.a}}) WITH a, r "
                f"MATCH (b:{dst} {{{KEY_PROPERTY[dst]}: r.b}}) CREATE (a)-[:{rel}"
                + (f" {{{body}}}" if body else "") + "]->(b)", {"rows": rows})
        _unit_totals(run, change)
        conn.execute("COMMIT")
    except BaseException:
        try:
            conn.execute("ROLLBACK")
        except RuntimeError:
            pass
        raise


def _by_shard(ids, record_table) -> dict[str, list[str]]:
    """Document ids by the record table that holds (or will hold) their records."""
    out: dict[str, list[str]] = defaultdict(list)
    for did in ids:
        out[record_table(did)].append(did)
    return out


def _unit_totals(run, change: _Change) -> None:
    """What loader/graph.py add_unit_totals computes over the whole graph, for the stored
    units the change touches (new ones come with theirs, _compute): the role edges of the
    units it names or names no more, counted again, and the level of every unit of a
    jurisdiction whose level changed (a stored unit's level moves only with it). Setting
    only what moves: the transaction 0.13 -> 0.10 s and the checkpoint 0.55 -> 0.54 s for
    seed 004 into the 3,000-plan store."""
    from resp.loader.graph import ROLE_TYPES, UNIT_TOTALS

    keys = change.recount_units
    if keys:
        counted = ", ".join(f"count(CASE WHEN r.role = '{role}' THEN 1 END) AS {name}"
                            for role, name in zip(ROLE_TYPES, UNIT_TOTALS))
        # every unit counted has a role edge (one with none left is deleted as an orphan):
        # MATCH, not OPTIONAL MATCH, which LadybugDB plans as a join over every edge
        run(f"MATCH (u:Unit)-[r:{_ROLE_RELS}]->(:Task) WHERE u.key IN $keys "
            f"WITH u, {counted} SET " + ", ".join(f"u.{name} = {name}" for name in UNIT_TOTALS),
            {"keys": keys})
    relevelled = [row[0] for row in change.update_jurisdictions]
    if relevelled:
        run("MATCH (u:Unit)-[:BELONGS_TO]->(j:Jurisdiction) WHERE j.name IN $names SET u.level = j.level",
            {"names": relevelled})


def _unknown_issuers(conn) -> list[dict]:
    """The stored documents whose issuer is unknown, as `resp load` lists them after its
    table (resp.api.unknown_issuers): read here, the command need not open the store again."""
    return [{"id": i, "file": f, "printed_issuer": p} for i, f, p in _rows(
        conn, "MATCH (d:Document) WHERE d.jurisdiction IS NULL OR d.jurisdiction = '' "
              "RETURN left(d.id, 12) AS id, d.source AS file, d.printed_jurisdiction AS printed_issuer "
              "ORDER BY file, id")]


def _counts(conn) -> dict[str, int]:
    from resp.loader.graph import NODE_PROPERTIES, REL_TYPES

    out = {label: _rows(conn, f"MATCH (n:{label}) RETURN count(*)")[0][0] for label in NODE_PROPERTIES}
    for rel, (src, dst, _) in REL_TYPES.items():
        out[rel] = _rows(conn, f"MATCH (:{src})-[r:{rel}]->(:{dst}) RETURN count(*)")[0][0]
    return out
