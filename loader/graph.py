"""records → one graph: the graph model of docs/graph-model.md in one place.

`build_tables(documents)` is a pure function of the parse records. It returns the
graph as one table per node label and relationship type (`GraphTables`): the form the
store bulk-loads. `build_graph(documents)` returns the same graph as a networkx
MultiDiGraph, which is also what `resp export` writes (loader/export.py). Every derived part (canonical
unit names, MIRRORS, CARRIES, CITES) is computed here over the whole set of
documents, so the graph of all loaded documents is ready to query.

Why tables first: building a networkx MultiDiGraph costs about 10 µs an edge (10 s
for the million edges of a national corpus), and `resp load` has no use for the
adjacency structure; so the load path never builds it, and the tests prove that the
store, `build_graph` and the tables hold the same graph.

In networkx, node ids are ``"<Label>:<key>"`` (labels never collide); every node
carries its `label` and the properties of the model, its key property included
(Document.id, Jurisdiction.name, Task.key, Unit.key, Target.key). Every edge carries
its `type`, which is also its MultiDiGraph key, so a pair of nodes has at most one
edge of a type. Empty strings are absent (None): LadybugDB's CSV import reads an
empty field as NULL, and this keeps the built graph and the stored one equal.

The facts about units, places and mirrors come from sibling modules, each behind one
small function below (`_describe_unit`, `_resolve_place`/`_resolve_area`,
`_find_mirrors`, `_find_carries`: loader/mirrors.py, loader/carries.py), so this module
holds the model and no knowledge of names.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from .places import Place
from .records import ROLES, Document

# label -> the property that is its key (docs/graph-model.md)
KEY_PROPERTY = {
    "Document": "id",
    "Jurisdiction": "name",
    "Task": "key",
    "Unit": "key",
    "Target": "key",
}

# a unit's tasks in each role, counted at load time (add_unit_totals), so the national
# view of load by function and level reads 100k units instead of 500k role edges
UNIT_TOTALS = ("lead_tasks", "support_tasks", "implement_tasks", "responsible_tasks")

# properties of each label, in schema order (store/schema.cypher)
NODE_PROPERTIES = {
    "Document": ("id", "source", "title", "jurisdiction", "printed_jurisdiction", "level",
                 "issued", "number", "implements", "task_count", "warnings", "corrected"),
    "Jurisdiction": ("name", "level", "short_name", "code"),
    "Task": ("key", "id", "doc_id", "jurisdiction", "section", "text", "clause", "ordinal"),
    "Unit": ("key", "name", "jurisdiction", "canonical_name", "function", "kind", "resolved",
             "level", *UNIT_TOTALS),
    "Target": ("key", "doc_id", "area", "year", "total", "inclusive"),
}

ROLE_TYPES = {
    "lead": "LEADS",
    "support": "SUPPORTS",
    "implement": "IMPLEMENTS",
    "responsible": "RESPONSIBLE_FOR",
}
# a role edge carries its role and nothing else: its document, its task's printed id and
# the clause it was read from are the Task's own (doc_id, id, clause; one clause a task),
# reached through the edge, so they are not written again on 500k edges
_ROLE_PROPS = ("role",)
_ROLE_ROWS = {role: (role,) for role in ROLE_TYPES}  # one tuple a role, shared by its edges

# relationship type -> (from label, to label, properties), in schema order
REL_TYPES = {
    **{t: ("Unit", "Task", _ROLE_PROPS) for t in ROLE_TYPES.values()},
    "HAS_TASK": ("Document", "Task", ()),
    "ISSUED_BY": ("Document", "Jurisdiction", ()),
    "PART_OF": ("Jurisdiction", "Jurisdiction", ()),
    "BELONGS_TO": ("Unit", "Jurisdiction", ()),
    "CITES": ("Document", "Document", ("number",)),
    "HAS_TARGET": ("Document", "Target", ()),
    "TARGET_FOR": ("Target", "Jurisdiction", ()),
    "MIRRORS": ("Unit", "Unit", ("function",)),
    "CARRIES": ("Task", "Task", ("score", "kind")),
}

# property types that are not strings (for typed exports; store/schema.cypher agrees)
PROPERTY_TYPES = {
    "implements": "string[]",
    "task_count": "long",
    "warnings": "long",
    "corrected": "string[]",
    "ordinal": "long",
    "year": "long",
    "total": "long",
    "inclusive": "long",
    "resolved": "boolean",
    "score": "double",
    **dict.fromkeys(UNIT_TOTALS, "long"),
}

assert set(ROLE_TYPES) == set(ROLES)
assert UNIT_TOTALS == tuple(f"{role}_tasks" for role in ROLE_TYPES)


def node_id(label: str, key: str) -> str:
    """The networkx node id of a node: its label and its key."""
    return f"{label}:{key}"


def document_id(doc: Document) -> str:
    """A document's identity: the sha256 of its bytes, as the parser recorded it.

    Records built by hand (tests, other tools) may lack it; they get the sha256 of
    their canonical JSON instead, which is just as stable.
    """
    if doc.sha256:
        return doc.sha256
    blob = json.dumps(doc.to_json(), ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


# --------------------------------------------------------------------------
# the four calls into sibling modules (units, places, mirrors)
# --------------------------------------------------------------------------

def _describe_unit(name: str, jurisdiction: str | None, level: str | None):
    """canonical_name, function, kind, resolved of one printed unit (loader/units.py)."""
    from .units import describe_unit

    return describe_unit(name, jurisdiction, level)


def _resolve_place(printed: str | None, level: str | None, parents: list[str]) -> Place | None:
    """The full jurisdiction of a printed issuer, with its PART_OF chain (loader/places.py).

    A name the division table does not know, or cannot tell apart, stays as printed
    (code None) above whatever of its printed parents the table does know.
    """
    if not printed:
        return None
    found = _lookup(printed, parents, level)
    if found is not None:
        return found
    above = _resolve_place(parents[0], None, parents[1:]) if parents else None
    return Place.unknown(printed, level, (above,) if above else ())


def _resolve_area(area: str, within: Place | None) -> Place | None:
    """The division a target row names (五华区 inside 昆明市), or None (经开区, 阳宗海)."""
    hint = [within.name] + [p.name for p in within.parents] if within else []
    return _lookup(area, hint, None)


def _lookup(name: str, hint: list[str], level: str | None) -> Place | None:
    from . import places

    for lvl in (level, None) if level else (None,):
        try:
            found = places.resolve(name, hint=hint or None, level=lvl)
        except places.AmbiguousPlace:
            return None
        if found is not None:
            return found
    return None


def _find_mirrors(units: list[dict]) -> list[tuple[str, str, str | None]]:
    """(upper unit key, lower unit key, function) pairs (loader/mirrors.py)."""
    from .mirrors import find_mirrors

    return list(find_mirrors(units))


def _find_carries(tasks_by_doc: dict, doc_chain: dict, map=map):
    """(lower task key, upper task key, score, kind) rows (loader/carries.py), as a
    function that waits for them: `map` runs the jobs, started here when it is a pool's."""
    from .carries import carries_jobs, collect_carries, score_job

    jobs, keys = carries_jobs(tasks_by_doc, doc_chain)
    results = map(score_job, jobs)
    return lambda: collect_carries(jobs, keys, map=lambda _fn, _jobs: results)


# --------------------------------------------------------------------------
# the graph
# --------------------------------------------------------------------------

def _s(value):
    """Empty strings are absent."""
    return value if value != "" else None


class GraphTables:
    """The graph as one table per label and per relationship type.

    `nodes[label][key]` is the tuple of the label's NODE_PROPERTIES (the key first);
    `edges[type][(from key, to key)]` is the tuple of the type's properties. This is
    what the store bulk-loads; `to_networkx()` is the same graph as a MultiDiGraph.
    """

    def __init__(self):
        self.nodes: dict[str, dict[str, tuple]] = {label: {} for label in NODE_PROPERTIES}
        self.edges: dict[str, dict[tuple[str, str], tuple]] = {rel: {} for rel in REL_TYPES}

    def node(self, label: str, key: str) -> dict | None:
        values = self.nodes[label].get(key)
        return dict(zip(NODE_PROPERTIES[label], values)) if values is not None else None

    def counts(self) -> dict[str, int]:
        """Nodes by label and edges by type."""
        out = {label: len(rows) for label, rows in self.nodes.items()}
        out.update({rel: len(rows) for rel, rows in self.edges.items()})
        return out

    def to_networkx(self):
        """A networkx MultiDiGraph: node ids "<Label>:<key>", attrs `label` + properties,
        edge key and attr `type` = the relationship type, + its properties."""
        import networkx as nx

        g = nx.MultiDiGraph()
        for label, rows in self.nodes.items():
            props = NODE_PROPERTIES[label]
            g.add_nodes_from((node_id(label, k), {"label": label, **dict(zip(props, v))})
                             for k, v in rows.items())
        for rel, rows in self.edges.items():
            src, dst, props = REL_TYPES[rel]
            g.add_edges_from((node_id(src, u), node_id(dst, v), rel, {"type": rel, **dict(zip(props, p))})
                             for (u, v), p in rows.items())
        return g

    @classmethod
    def from_networkx(cls, g) -> "GraphTables":
        t = cls()
        for nid, attrs in g.nodes(data=True):
            label = attrs["label"]
            t.nodes[label][nid[len(label) + 1:]] = tuple(attrs.get(p) for p in NODE_PROPERTIES[label])
        for u, v, attrs in g.edges(data=True):
            rel = attrs["type"]
            src, dst, props = REL_TYPES[rel]
            t.edges[rel][(u[len(src) + 1:], v[len(dst) + 1:])] = tuple(attrs.get(p) for p in props)
        return t

    def __eq__(self, other):
        return isinstance(other, GraphTables) and self.nodes == other.nodes and self.edges == other.edges


def validate(doc: Document) -> None:
    """Raise ValueError (one line, naming the file) if the graph cannot take this record."""
    for task in doc.tasks:
        if not task.id:
            raise ValueError(f"{doc.source}: a task has no id")
        for resp in task.responsibilities:
            if resp.role not in ROLE_TYPES:
                raise ValueError(f"{doc.source}: task {task.id}: unknown role {resp.role!r}")


def build_graph(documents: Iterable[Document]):
    """The whole graph of these documents as a networkx MultiDiGraph (see build_tables)."""
    return build_tables(documents).to_networkx()


def build_tables(documents: Iterable[Document], on_stage=None, map=map) -> GraphTables:
    """The whole graph of these documents, derived parts included, as GraphTables.

    Documents with the same content (same id) are taken once, the first one wins.
    Within a document a unit named twice in one task with one role gives one edge.
    Raises ValueError for a record that breaks the contract (see `validate`).
    on_stage(text) is told when the derived parts start ("finding MIRRORS", "finding
    CARRIES"), so a progress display and bench/run.py can tell the stages apart.
    map(fn, jobs): how the CARRIES jobs run; a process pool's map (resp.api.load's)
    starts them before the names, and they are scored while this process does the rest.
    """
    builder = TableBuilder(eager=False)
    for doc in documents:
        builder.add(doc)
    return builder.finish(on_stage, map)


class TableBuilder:
    """build_tables in two halves, so that a load can build while its files are parsed.

    `add(doc)` takes one document (a repeated id is left out, the first one wins; a
    record that breaks the contract raises ValueError) and, when `eager`, adds its own
    part of the graph at once (its node, tasks, units, role edges, targets: what
    add_document makes from it alone); `finish(on_stage, map)` starts the CARRIES jobs,
    adds what `add` has not, then makes the parts over every document (unit totals,
    CITES, MIRRORS, CARRIES) and gives the tables. Either way the tables are the same:
    the documents' own parts are added in the order they came. Not eager (build_tables),
    the CARRIES jobs start before the names, for a pool to score them meanwhile.
    """

    def __init__(self, eager: bool = True):
        self.eager = eager
        self.tables = GraphTables()
        self.docs: list[tuple[str, Document, Place | None]] = []
        self._seen: set[str] = set()
        self._added = 0
        self._unit_info: dict[tuple, tuple] = {}

    def add(self, doc: Document) -> None:
        did = document_id(doc)
        if did in self._seen:
            return
        validate(doc)
        self._seen.add(did)
        self.docs.append((did, doc, document_place(doc)))
        if self.eager:
            self._add_own_parts()

    def _add_own_parts(self) -> None:
        for did, doc, place in self.docs[self._added:]:
            add_document(self.tables, did, doc, place, self._unit_info)
        self._added = len(self.docs)

    def finish(self, on_stage=None, map=map) -> GraphTables:
        stage = on_stage or (lambda _text: None)
        t, docs = self.tables, self.docs
        chain = {did: place_chain(place) for did, _, place in docs}
        carries = _find_carries({did: _task_rows(did, doc) for did, doc, _ in docs}, chain, map)
        self._add_own_parts()
        self._unit_info.clear()
        add_unit_totals(t)
        _add_cites(t, docs)
        stage("finding MIRRORS")
        # the three fields find_mirrors reads (a dict of every field cost 0.1 s at 3,000 plans)
        mirrors = t.edges["MIRRORS"]
        for upper, lower, function in _find_mirrors(
                [{"key": v[0], "jurisdiction": v[2], "function": v[4]} for v in t.nodes["Unit"].values()]):
            if (upper, lower) not in mirrors:
                mirrors[(upper, lower)] = (_s(function),)
        stage("finding CARRIES")
        for lower, upper, score, kind in carries():
            t.edges["CARRIES"].setdefault((lower, upper), (float(score), kind))
        return t


def _add_place(t: GraphTables, place: Place) -> None:
    """A jurisdiction and its PART_OF chain."""
    jurisdictions = t.nodes["Jurisdiction"]
    chain = [place] + list(place.parents)
    for p in chain:
        row = (p.name, p.level, p.short_name, p.code)
        old = jurisdictions.get(p.name)
        if old is None or (old != row and _jurisdiction_rank(row) < _jurisdiction_rank(old)):
            jurisdictions[p.name] = row
    for child, parent in zip(chain, chain[1:]):
        t.edges["PART_OF"][(child.name, parent.name)] = ()


def _jurisdiction_rank(row: tuple) -> tuple:
    """Which row a jurisdiction node takes when places of one name differ (two 朝阳区,
    an issuer the table does not know printed at two levels): a division of the
    table before an unknown place, then the smallest code, level, short name. Not
    the first loaded: the graph must not depend on the order of the documents, so
    that a store built by incremental loads equals one built by a single load."""
    name, level, short_name, code = row
    return (code is None, code or "", level or "", short_name or "")


def _add_tasks(t: GraphTables, did: str, doc: Document, place: Place | None,
               unit_info: dict) -> list[dict]:
    jurisdiction = place.name if place else None
    level = place.level if place else None
    scope = jurisdiction if jurisdiction else f"?{did}"
    tasks, units = t.nodes["Task"], t.nodes["Unit"]
    has_task, belongs = t.edges["HAS_TASK"], t.edges["BELONGS_TO"]
    role_edges = {role: t.edges[rel] for role, rel in ROLE_TYPES.items()}
    for ordinal, (key, task) in enumerate(zip(_task_keys(did, doc), doc.tasks), 1):
        tasks[key] = (key, task.id, did, jurisdiction, _s(task.section), _s(task.text), _s(task.clause),
                      ordinal)
        has_task[(did, key)] = ()
        for resp in task.responsibilities:
            name = resp.unit
            if not name:
                continue
            ukey = f"{scope}|{name}"
            if ukey not in units:
                info = unit_info.get((name, jurisdiction, level))
                if info is None:
                    d = _describe_unit(name, jurisdiction, level)
                    info = unit_info[(name, jurisdiction, level)] = (
                        _s(d.canonical_name), _s(d.function), _s(d.kind), bool(d.resolved))
                units[ukey] = (ukey, name, jurisdiction) + info + _NO_TOTALS
                if jurisdiction:
                    belongs[(ukey, jurisdiction)] = ()
            edges = role_edges[resp.role]
            if (ukey, key) not in edges:
                edges[(ukey, key)] = _ROLE_ROWS[resp.role]


# a unit's level and UNIT_TOTALS until add_unit_totals (or, in an incremental load, the
# store) fills them in: they depend on every document, not on the one being added
_NO_TOTALS = (None,) * (1 + len(UNIT_TOTALS))


def add_unit_totals(t: GraphTables) -> None:
    """Each unit's level (that of the jurisdiction it BELONGS_TO; None without one) and
    its role edges counted by role (UNIT_TOTALS), over the whole graph."""
    counts: dict[str, list[int]] = {key: [0] * len(UNIT_TOTALS) for key in t.nodes["Unit"]}
    for i, rel in enumerate(ROLE_TYPES.values()):
        for ukey, _task in t.edges[rel]:
            counts[ukey][i] += 1
    levels = {ukey: t.nodes["Jurisdiction"][j][1] for ukey, j in t.edges["BELONGS_TO"]}
    base = len(NODE_PROPERTIES["Unit"]) - len(_NO_TOTALS)
    units = t.nodes["Unit"]
    for key, row in units.items():
        units[key] = row[:base] + (levels.get(key), *counts[key])


def _task_keys(did: str, doc: Document) -> list[str]:
    """The key of each task of a document: DOC:ID, and DOC:ID#2 … for an id printed again
    (a repeated printed id keeps its id, not its key)."""
    keys, seen = [], set()
    for task in doc.tasks:
        key = f"{did}:{task.id}"
        n = 2
        while key in seen:
            key = f"{did}:{task.id}#{n}"
            n += 1
        seen.add(key)
        keys.append(key)
    return keys


def _task_rows(did: str, doc: Document) -> list[tuple[str, str]]:
    """(key, text) of each task of a document, in order: what CARRIES compares."""
    return [(key, task.text or "") for key, task in zip(_task_keys(did, doc), doc.tasks)]


def _add_targets(t: GraphTables, did: str, doc: Document, place: Place | None) -> None:
    targets = t.nodes["Target"]
    for target in doc.targets:
        key = f"{did}:{target.area}:{target.year}"
        if key in targets:
            continue  # the same row printed twice: the first one counts
        targets[key] = (key, did, target.area, target.year, target.total, target.inclusive)
        t.edges["HAS_TARGET"][(did, key)] = ()
        area = _resolve_area(target.area, place)
        if area is not None:
            _add_place(t, area)
            t.edges["TARGET_FOR"][(key, area.name)] = ()


def _add_cites(t: GraphTables, docs) -> None:
    """Document → Document where an implemented number (or title) is a loaded document's own."""
    by_number: dict[str, list[str]] = {}
    by_title: dict[str, list[str]] = {}
    for did, doc, _ in docs:
        if doc.number:
            by_number.setdefault(doc.number, []).append(did)
        if doc.title:
            by_title.setdefault(doc.title.strip("《》"), []).append(did)
    cites = t.edges["CITES"]
    for did, doc, _ in docs:
        for ref in doc.implements:
            for cited in by_number.get(ref) or by_title.get(ref.strip("《》")) or ():
                if cited != did:
                    cites.setdefault((did, cited), (ref,))


# --------------------------------------------------------------------------
# one document's part, for incremental loads (store/incremental.py)
# --------------------------------------------------------------------------

add_place = _add_place
add_cites = _add_cites
resolve_area = _resolve_area


def document_place(doc) -> Place | None:
    """The jurisdiction a document's issuer resolves to (None when it names none):
    `doc` has jurisdiction, level and parent_jurisdictions."""
    return _resolve_place(_s(doc.jurisdiction), doc.level, list(doc.parent_jurisdictions))


def place_chain(place: Place | None) -> list[str]:
    """A document's chain of governments: its own jurisdiction, then those above it."""
    return [place.name] + [p.name for p in place.parents] if place else []


def add_document(t: GraphTables, did: str, doc: Document, place: Place | None, unit_info: dict) -> None:
    """One document's own part of the graph: its node, jurisdiction chain, tasks, units,
    role edges and targets (no CITES, MIRRORS, CARRIES). build_tables adds every document
    so, and an incremental load (store/incremental.py) one; `unit_info` caches unit
    descriptions across calls."""
    jurisdiction = place.name if place else None
    t.nodes["Document"][did] = (
        did, _s(doc.source), _s(doc.title), jurisdiction, _s(doc.jurisdiction),
        (place.level if place and place.level else _s(doc.level)),
        _s(doc.issued), _s(doc.number), list(doc.implements), len(doc.tasks),
        len(doc.warnings), sorted(doc.corrections))
    if place is not None:
        _add_place(t, place)
        t.edges["ISSUED_BY"][(did, place.name)] = ()
    _add_tasks(t, did, doc, place, unit_info)
    _add_targets(t, did, doc, place)
