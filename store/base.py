"""What every store shares: the result of a query, the errors, the default path, and
the one rule that decides what a load adds, skips and replaces.

Both stores (embedded.py, bolt.py) import from here; nothing here imports a driver.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field


class StoreError(Exception):
    """A store problem, said in one line."""


class StoreNotFound(StoreError):
    def __init__(self, path: str):
        super().__init__(f"no store at {path}: run `resp load` first")
        self.path = path


@dataclass
class QueryResult:
    """Rows of a query: `columns` in order, `rows` as dicts keyed by them.

    Run with a limit (`run(..., limit=N)`), `rows` holds the first N and `total` says
    how many the query answered; otherwise `total` is None and `rows` is every row."""

    columns: list[str]
    rows: list[dict]
    query: str = field(default="", compare=False, repr=False)  # the canned query's name, if one
    note: str = field(default="", compare=False, repr=False)   # e.g. a cap reached (queries/catalog.py)
    total: int | None = field(default=None, compare=False, repr=False)  # rows answered, when a limit kept fewer

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)

    @property
    def count(self) -> int:
        """How many rows the query answered (more than `rows` holds when a limit cut them)."""
        return len(self.rows) if self.total is None else max(self.total, len(self.rows))


def default_db_path(db_path: str | os.PathLike | None = None) -> str:
    """The store path: the argument, else $RESP_DB, else ./resp.db."""
    return os.fspath(db_path or os.environ.get("RESP_DB") or "resp.db")


def one_line(text) -> str:
    """An engine's message on one line."""
    return " ".join(str(text).split())


@dataclass
class LoadReport:
    """What one load did.

    `added`/`removed` count, for documents, tasks, units, jurisdictions, targets, the
    role edges, CITES, MIRRORS and CARRIES, what this load put in or took out;
    `totals` counts every label and type in the store after the load.
    """

    db_path: str
    loaded: list[str] = field(default_factory=list)     # sources written (new or replacing)
    skipped: list[str] = field(default_factory=list)    # sources already stored, same bytes
    replaced: list[str] = field(default_factory=list)   # sources whose older version went
    corrected: list[str] = field(default_factory=list)  # same bytes, new corrections re-applied
    added: dict[str, int] = field(default_factory=dict)
    removed: dict[str, int] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)
    written: bool = False
    upgraded: bool = False  # the store was of another version's schema and is rebuilt
    seconds: float = 0.0
    failed: dict[str, str] = field(default_factory=dict)  # files not parsed -> why (resp.api.load)
    dropped: list[str] = field(default_factory=list)    # sources of documents removed (resp remove)
    # the stored documents whose issuer is unknown (id, file, printed_issuer), read by
    # the load's own connection; None when the load did not read them
    unknown_issuers: list[dict] | None = None
    # seconds this process spent building each record's part of the graph while the
    # pool still parsed the others (a full load into a fresh store: embedded.Prebuilt)
    built_while_parsing_s: float = 0.0


# --------------------------------------------------------------------------
# skip / replace / new: what a load does with each document
# --------------------------------------------------------------------------

@dataclass
class LoadPlan:
    """What a load does, decided before anything is written.

    `fresh` are the documents to add; `removed` the stored document ids they replace;
    `paths` maps every document id kept or added to its resolved source path; the
    three lists name sources as given (`loaded`: written, `skipped`: already stored
    with the same bytes, `replaced`: an older version at the same path goes).
    """

    fresh: list = field(default_factory=list)
    new_ids: set[str] = field(default_factory=set)
    removed: list[str] = field(default_factory=list)
    paths: dict[str, str] = field(default_factory=dict)
    loaded: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    corrected: list[str] = field(default_factory=list)

    @property
    def changes(self) -> bool:
        return bool(self.fresh or self.removed)


def plan_load(documents, stored_paths: dict[str, str], stored_corrections=None) -> LoadPlan:
    """The skip/replace/new rule, the same for both stores.

    `stored_paths` maps each stored document id to its resolved source path ("" when
    unknown). A document whose id (sha256 of its bytes) is stored, or comes twice,
    is skipped, unless it brings corrections the stored record lacks
    (`stored_corrections(id)` gives the stored ones): then it is re-applied, merged
    over the stored corrections, so a correction sticks until changed again. One at
    the resolved path of a stored document with other bytes replaces it; the others
    are new.
    """
    from resp.loader.graph import document_id

    plan = LoadPlan(paths=dict(stored_paths))
    stored = set(stored_paths)
    by_path = {p: did for did, p in stored_paths.items() if p}
    for doc in documents:
        did = document_id(doc)
        where = os.path.realpath(doc.source)
        previous = by_path.get(where)
        if previous is not None and previous != did and previous in stored:
            stored.discard(previous)
            plan.paths.pop(previous, None)
            plan.removed.append(previous)
            plan.replaced.append(doc.source)
        if did in stored and _recorrect(doc, did, stored_corrections):
            plan.removed.append(did)
            plan.corrected.append(doc.source)
        elif did in stored or did in plan.new_ids:
            plan.skipped.append(doc.source)
            continue
        plan.new_ids.add(did)
        plan.fresh.append(doc)
        plan.paths[did] = by_path[where] = where
        plan.loaded.append(doc.source)
    return plan


def _recorrect(doc, did: str, stored_corrections) -> bool:
    """Whether a stored document's corrections change; if so, `doc` takes the stored
    corrections it does not restate (the record is rebuilt from it)."""
    if not doc.corrections or stored_corrections is None:
        return False
    stored = stored_corrections(did) or {}
    if {**stored, **doc.corrections} == stored:
        return False
    for key, value in stored.items():
        if key not in doc.corrections:
            setattr(doc, key, value)
    doc.corrections = {**stored, **doc.corrections}
    return True
