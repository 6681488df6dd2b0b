"""records → one networkx MultiDiGraph: the graph model of docs/graph-model.md in one place.

`build_graph(documents)` is a pure function of the parse records: the store writes
what it returns, `resp export` writes the same graph, and every derived part
(canonical unit names, MIRRORS, CARRIES, CITES) is computed here over the whole set
of documents, so a graph built from all loaded documents is ready to query.

Node ids are ``"<Label>:<key>"`` (labels never collide); every node carries its
`label` and the properties of the model, its key property included (Document.id,
Jurisdiction.name, Task.key, Unit.key, Target.key). Every edge carries its `type`;
the MultiDiGraph edge key is the type too, so one pair of nodes has at most one edge
of a type. Empty strings are stored as absent (None): LadybugDB's CSV import reads
an empty field as NULL, and this keeps the built graph and the stored one equal.

The facts about units, places and mirrors come from sibling modules, each behind one
small function below (`_describe_unit`, `_resolve_place`, `_find_mirrors`,
`_find_carries`), so this module holds no knowledge of names, only the model.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from .records import ROLES, Document

# label -> the property that is its key (docs/graph-model.md)
KEY_PROPERTY = {
    "Document": "id",
    "Jurisdiction": "name",
    "Task": "key",
    "Unit": "key",
    "Target": "key",
}

# properties of each label, in schema order (store/schema.cypher)
NODE_PROPERTIES = {
    "Document": ("id", "source", "title", "jurisdiction", "printed_jurisdiction", "level",
                 "issued", "number", "implements", "task_count"),
    "Jurisdiction": ("name", "level", "short_name", "code"),
    "Task": ("key", "id", "doc_id", "jurisdiction", "section", "text", "clause"),
    "Unit": ("key", "name", "jurisdiction", "canonical_name", "function", "kind", "resolved"),
    "Target": ("key", "doc_id", "area", "year", "total", "inclusive"),
}

ROLE_TYPES = {
    "lead": "LEADS",
    "support": "SUPPORTS",
    "implement": "IMPLEMENTS",
    "responsible": "RESPONSIBLE_FOR",
}
_ROLE_PROPS = ("role", "doc_id", "task_id", "clause")

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
    "CARRIES": ("Task", "Task", ("score",)),
}
DERIVED_TYPES = ("CITES", "MIRRORS", "CARRIES")

# property types that are not strings (for typed exports; store/schema.cypher agrees)
PROPERTY_TYPES = {
    "implements": "string[]",
    "task_count": "long",
    "year": "long",
    "total": "long",
    "inclusive": "long",
    "resolved": "boolean",
    "score": "double",
}

assert set(ROLE_TYPES) == set(ROLES)


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


def unit_key(jurisdiction: str | None, name: str, doc_id: str) -> str:
    """One Unit per (jurisdiction full name, printed name).

    A document whose issuer is unknown stands in for its jurisdiction, so its units
    are never merged with another government's bodies of the same printed name.
    """
    scope = jurisdiction if jurisdiction else f"?{doc_id}"
    return f"{scope}|{name}"


# --------------------------------------------------------------------------
# the four calls into sibling modules (units, places, mirrors)
# --------------------------------------------------------------------------

def _describe_unit(name: str, jurisdiction: str | None, level: str | None):
    """canonical_name, function, kind, resolved of one printed unit (loader/units.py)."""
    from .units import describe_unit

    return describe_unit(name, jurisdiction, level)


@dataclass
class Place:
    """A jurisdiction as the graph needs it: full name, level, the chain above it."""

    name: str
    level: str | None = None
    short_name: str | None = None
    code: str | None = None
    parents: list["Place"] = field(default_factory=list)  # nearest first


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
    chain = [above] + above.parents if above else []
    return Place(printed, level, None, None, chain)


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
            return _place_of(found)
    return None


def _place_of(p) -> Place:
    def one(x) -> Place:
        return Place(x.name, x.level, x.short_name, x.code)

    return Place(p.name, p.level, p.short_name, p.code, [one(x) for x in p.parents])


def _find_mirrors(units: list[dict]) -> list[tuple[str, str, str | None]]:
    """(upper unit key, lower unit key, function) pairs (loader/mirrors.py)."""
    from .mirrors import find_mirrors

    return list(find_mirrors(units))


def _find_carries(tasks_by_doc: dict, doc_chain: dict) -> list[tuple[str, str, float]]:
    """(lower task key, upper task key, score) triples (loader/mirrors.py)."""
    from .mirrors import find_carries

    return list(find_carries(tasks_by_doc, doc_chain))


# --------------------------------------------------------------------------
# the graph
# --------------------------------------------------------------------------

def _clean(value):
    """Empty strings are absent; everything else is kept as is."""
    if value == "":
        return None
    return value


class _Builder:
    def __init__(self):
        import networkx as nx

        self.g = nx.MultiDiGraph()
        self._unit_cache: dict[tuple, object] = {}

    def node(self, label: str, **props) -> str:
        key = props[KEY_PROPERTY[label]]
        nid = node_id(label, key)
        if nid not in self.g:
            attrs = {p: _clean(props.get(p)) for p in NODE_PROPERTIES[label]}
            self.g.add_node(nid, label=label, **attrs)
        return nid

    def edge(self, rel: str, u: str, v: str, **props) -> None:
        if self.g.has_edge(u, v, key=rel):
            return
        attrs = {p: _clean(props.get(p)) for p in REL_TYPES[rel][2]}
        self.g.add_edge(u, v, key=rel, type=rel, **attrs)

    def place(self, place: Place | None) -> str | None:
        """Add a jurisdiction and its PART_OF chain; return its node id."""
        if place is None:
            return None
        nid = self.node("Jurisdiction", name=place.name, level=place.level,
                        short_name=place.short_name, code=place.code)
        child = nid
        for parent in place.parents:
            pid = self.node("Jurisdiction", name=parent.name, level=parent.level,
                            short_name=parent.short_name, code=parent.code)
            self.edge("PART_OF", child, pid)
            child = pid
        return nid

    def unit(self, name: str, place: Place | None, doc_id: str) -> str:
        jurisdiction = place.name if place else None
        level = place.level if place else None
        key = unit_key(jurisdiction, name, doc_id)
        nid = node_id("Unit", key)
        if nid not in self.g:
            cache_key = (name, jurisdiction, level)
            info = self._unit_cache.get(cache_key)
            if info is None:
                info = self._unit_cache[cache_key] = _describe_unit(name, jurisdiction, level)
            self.node("Unit", key=key, name=name, jurisdiction=jurisdiction,
                      canonical_name=info.canonical_name, function=info.function,
                      kind=info.kind, resolved=bool(info.resolved))
            if place is not None:
                self.edge("BELONGS_TO", nid, node_id("Jurisdiction", place.name))
        return nid


def validate(doc: Document) -> None:
    """Raise ValueError (one line, naming the file) if the graph cannot take this record."""
    for task in doc.tasks:
        if not task.id:
            raise ValueError(f"{doc.source}: a task has no id")
        for resp in task.responsibilities:
            if resp.role not in ROLE_TYPES:
                raise ValueError(f"{doc.source}: task {task.id}: unknown role {resp.role!r}")


def build_graph(documents: Iterable[Document]):
    """The whole graph of these documents, derived parts included.

    Documents with the same content (same id) are taken once, the first one wins.
    Raises ValueError for a record that breaks the contract (see `validate`).
    """
    b = _Builder()
    g = b.g
    docs: list[tuple[str, Document, Place | None]] = []
    seen: set[str] = set()
    for doc in documents:
        did = document_id(doc)
        if did in seen:
            continue
        seen.add(did)
        validate(doc)
        place = _resolve_place(_clean(doc.jurisdiction), doc.level, list(doc.parent_jurisdictions))
        docs.append((did, doc, place))

    tasks_by_doc: dict[str, list[dict]] = {}
    for did, doc, place in docs:
        dnode = b.node("Document", id=did, source=doc.source, title=doc.title,
                       jurisdiction=place.name if place else None,
                       printed_jurisdiction=doc.jurisdiction,
                       level=(place.level if place and place.level else doc.level),
                       issued=doc.issued, number=doc.number,
                       implements=list(doc.implements), task_count=len(doc.tasks))
        jnode = b.place(place)
        if jnode:
            b.edge("ISSUED_BY", dnode, jnode)
        tasks_by_doc[did] = _add_tasks(b, did, doc, place, dnode)
        _add_targets(b, did, doc, place, dnode)

    _add_cites(b, docs)
    _add_mirrors(b)
    _add_carries(b, docs, tasks_by_doc)
    return g


def _add_tasks(b: _Builder, did: str, doc: Document, place: Place | None, dnode: str) -> list[dict]:
    out = []
    jurisdiction = place.name if place else None
    for task in doc.tasks:
        key = f"{did}:{task.id}"
        n = 2
        while node_id("Task", key) in b.g:  # a repeated printed id keeps its id, not its key
            key = f"{did}:{task.id}#{n}"
            n += 1
        tnode = b.node("Task", key=key, id=task.id, doc_id=did, jurisdiction=jurisdiction,
                       section=task.section, text=task.text, clause=task.clause)
        b.edge("HAS_TASK", dnode, tnode)
        for resp in task.responsibilities:
            if not resp.unit:
                continue
            unode = b.unit(resp.unit, place, did)
            b.edge(ROLE_TYPES[resp.role], unode, tnode, role=resp.role, doc_id=did, task_id=task.id,
                   clause=task.clause)
        out.append({"key": key, "id": task.id, "section": _clean(task.section), "text": task.text})
    return out


def _add_targets(b: _Builder, did: str, doc: Document, place: Place | None, dnode: str) -> None:
    for target in doc.targets:
        key = f"{did}:{target.area}:{target.year}"
        if node_id("Target", key) in b.g:
            continue  # the same row printed twice
        tnode = b.node("Target", key=key, doc_id=did, area=target.area, year=target.year,
                       total=target.total, inclusive=target.inclusive)
        b.edge("HAS_TARGET", dnode, tnode)
        area = _resolve_area(target.area, place)
        anode = b.place(area)
        if anode:
            b.edge("TARGET_FOR", tnode, anode)


def _add_cites(b: _Builder, docs) -> None:
    """Document → Document where an implemented number (or title) is a loaded document's own."""
    by_number: dict[str, list[str]] = {}
    by_title: dict[str, list[str]] = {}
    for did, doc, _ in docs:
        if doc.number:
            by_number.setdefault(doc.number, []).append(did)
        if doc.title:
            by_title.setdefault(doc.title.strip("《》"), []).append(did)
    for did, doc, _ in docs:
        for ref in doc.implements:
            for target in by_number.get(ref) or by_title.get(ref.strip("《》")) or ():
                if target != did:
                    b.edge("CITES", node_id("Document", did), node_id("Document", target), number=ref)


def _add_mirrors(b: _Builder) -> None:
    units = [dict(attrs) for _, attrs in b.g.nodes(data=True) if attrs["label"] == "Unit"]
    for upper, lower, function in _find_mirrors(units):
        b.edge("MIRRORS", node_id("Unit", upper), node_id("Unit", lower), function=function)


def _add_carries(b: _Builder, docs, tasks_by_doc) -> None:
    chain = {}
    for did, _, place in docs:
        chain[did] = [place.name] + [p.name for p in place.parents] if place else []
    for lower, upper, score in _find_carries(tasks_by_doc, chain):
        b.edge("CARRIES", node_id("Task", lower), node_id("Task", upper), score=float(score))


def summary(g) -> dict[str, int]:
    """Counts of nodes by label and edges by type (what `resp load` reports)."""
    counts: dict[str, int] = {label: 0 for label in NODE_PROPERTIES}
    counts.update({rel: 0 for rel in REL_TYPES})
    for _, label in g.nodes(data="label"):
        counts[label] += 1
    for _, _, rel in g.edges(data="type"):
        counts[rel] += 1
    return counts


# --------------------------------------------------------------------------
# exports: the same graph for Gephi, networkx users and neo4j-admin import
# --------------------------------------------------------------------------

def write_graphml(g, out) -> None:
    """GraphML (Gephi, yEd, networkx.read_graphml); lists become JSON text, nulls are left out."""
    import networkx as nx

    h = nx.MultiDiGraph()
    for n, attrs in g.nodes(data=True):
        h.add_node(n, **_flat(attrs))
    for u, v, k, attrs in g.edges(keys=True, data=True):
        h.add_edge(u, v, key=k, **_flat(attrs))
    nx.write_graphml(h, out, encoding="utf-8")


def _flat(attrs: dict) -> dict:
    return {k: (json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v)
            for k, v in attrs.items() if v is not None}


def to_json(g) -> dict:
    """networkx node-link data (read back with networkx.node_link_graph(data, edges="edges"))."""
    import networkx as nx

    return nx.node_link_data(g, edges="edges")


def write_csv(g, directory) -> list[str]:
    """One CSV per label and per relationship type in neo4j-admin import's header format.

    Returns the `neo4j-admin database import full` arguments that load them.
    """
    from pathlib import Path

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    args = []
    for label, props in NODE_PROPERTIES.items():
        key = KEY_PROPERTY[label]
        header = [f"{key}:ID({label})"] + [_typed(p) for p in props if p != key] + [":LABEL"]
        rows = [[attrs[key]] + [_cell(attrs.get(p)) for p in props if p != key] + [label]
                for _, attrs in g.nodes(data=True) if attrs["label"] == label]
        _write_rows(directory / f"{label}.csv", header, rows)
        args.append(f"--nodes={label}={directory / f'{label}.csv'}")
    for rel, (src, dst, props) in REL_TYPES.items():
        header = [f":START_ID({src})", f":END_ID({dst})"] + [_typed(p) for p in props] + [":TYPE"]
        rows = [[u.split(":", 1)[1], v.split(":", 1)[1]] + [_cell(attrs.get(p)) for p in props] + [rel]
                for u, v, attrs in g.edges(data=True) if attrs["type"] == rel]
        _write_rows(directory / f"{rel}.csv", header, rows)
        args.append(f"--relationships={rel}={directory / f'{rel}.csv'}")
    return args


def _typed(prop: str) -> str:
    kind = PROPERTY_TYPES.get(prop)
    return f"{prop}:{kind}" if kind else prop


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(value)  # neo4j-admin's default array delimiter
    return value


def _write_rows(path, header, rows) -> None:
    import csv

    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
