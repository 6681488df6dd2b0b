"""Canned Cypher reads -> a small graph: the neighbourhood a picture draws.

A subject is a unit, a jurisdiction or a topic (a fragment of task text):

- unit: every task the unit holds, every unit holding those tasks (in its role), and the
  unit's mirrors up and down the chain of governments (`unit_neighbourhood`, `mirrors`);
- jurisdiction: every task of the plans it issued and every unit holding them
  (`plan_responsibilities`);
- topic: every task whose text holds the fragment, every unit holding them, and the
  CARRIES links among those tasks (`topic_neighbourhood`, `topic_carries`).

Each unit is tied to its government (BELONGS_TO) and each government to the ones above
it (PART_OF, from `governments`), so the picture shows who sits where. All reads go
through resp.queries.catalog, so they run unchanged on LadybugDB and on Neo4j.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from resp.queries import catalog
from resp.loader.records import normalise
from resp.queries.catalog import NoMatch, resolve_jurisdiction, resolve_unit

from . import ROLES_BY_STRENGTH

KINDS = ("unit", "jurisdiction", "topic")
ROLE_TYPES = {"lead": "LEADS", "support": "SUPPORTS", "implement": "IMPLEMENTS",
              "responsible": "RESPONSIBLE_FOR"}


@dataclass(frozen=True)
class Subject:
    kind: str                 # unit, jurisdiction or topic
    name: str                 # a unit name, a full jurisdiction name, or the topic text
    jurisdiction: str = ""    # for a unit or topic: only this jurisdiction ("" for all)


@dataclass
class GraphNode:
    id: str
    label: str                # Unit, Task or Jurisdiction
    caption: str
    level: str | None = None  # the level of the government (a unit's: its government's)
    properties: dict = field(default_factory=dict)
    focus: bool = False       # the subject itself


@dataclass
class GraphEdge:
    source: str
    target: str
    type: str                 # LEADS … RESPONSIBLE_FOR, BELONGS_TO, PART_OF, MIRRORS, CARRIES, ISSUED_BY
    role: str | None = None
    properties: dict = field(default_factory=dict)


@dataclass
class Neighbourhood:
    subject: Subject
    title: str
    nodes: dict[str, GraphNode] = field(default_factory=dict)
    edges: list[GraphEdge] = field(default_factory=list)
    _edge_keys: set = field(default_factory=set, repr=False)

    def labelled(self, label: str) -> list[GraphNode]:
        return [n for n in self.nodes.values() if n.label == label]

    def add_node(self, node: GraphNode) -> GraphNode:
        return self.nodes.setdefault(node.id, node)

    def add_edge(self, edge: GraphEdge) -> None:
        key = (edge.source, edge.target, edge.type)
        if key not in self._edge_keys:
            self._edge_keys.add(key)
            self.edges.append(edge)


# --------------------------------------------------------------------------
# what the argument names
# --------------------------------------------------------------------------

def resolve_subject(store, text: str, kind: str = "auto", jurisdiction: str = "") -> Subject:
    """What `text` names: a jurisdiction, a unit or a topic.

    With kind "auto": an exact jurisdiction name (full or short) first, then an exact unit
    name (printed or canonical), then a topic if some task text holds it, then a fragment
    that leads to one jurisdiction or one unit. `jurisdiction` (a full name) narrows a
    unit or a topic. Raises catalog.NoMatch or catalog.Ambiguous.
    """
    text = normalise(text)
    if not text:
        raise NoMatch("an empty name matches nothing")
    if kind == "jurisdiction":
        return Subject("jurisdiction", resolve_jurisdiction(store, text))
    if kind == "unit":
        return Subject("unit", resolve_unit(store, text, jurisdiction), jurisdiction)
    if kind == "topic":
        if not _has_topic(store, text, jurisdiction):
            raise NoMatch(f"no task text{_in(jurisdiction)} contains {text!r}")
        return Subject("topic", text, jurisdiction)
    if kind != "auto":
        raise ValueError(f"kind must be auto or one of {KINDS}, not {kind!r}")

    places = catalog.run(store, "find_jurisdictions", {"text": text}).rows
    exact = sorted({r["jurisdiction"] for r in places if r["exact"]})
    if len(exact) == 1 and not jurisdiction:
        return Subject("jurisdiction", exact[0])
    units = catalog.run(store, "find_units", {"text": text, "jurisdiction": jurisdiction}).rows
    if any(r["exact"] for r in units):
        return Subject("unit", text, jurisdiction)
    if _has_topic(store, text, jurisdiction):
        return Subject("topic", text, jurisdiction)
    if places and not jurisdiction:
        return Subject("jurisdiction", resolve_jurisdiction(store, text))
    if units:
        return Subject("unit", resolve_unit(store, text, jurisdiction), jurisdiction)
    raise NoMatch(f"nothing in the store{_in(jurisdiction)} matches {text!r} "
                  "as a jurisdiction, a unit or a topic")


def _in(jurisdiction: str) -> str:
    return f" in {jurisdiction}" if jurisdiction else ""


def _has_topic(store, text: str, jurisdiction: str) -> bool:
    return bool(catalog.run(store, "topic_neighbourhood",
                            {"text": text, "jurisdiction": jurisdiction}).rows)


# --------------------------------------------------------------------------
# the neighbourhood
# --------------------------------------------------------------------------

def neighbourhood(store, subject: Subject) -> Neighbourhood:
    """The small graph around a subject, read from the store."""
    governments = {r["jurisdiction"]: r for r in catalog.run(store, "governments").rows}
    if subject.kind == "unit":
        rows = catalog.run(store, "unit_neighbourhood",
                           {"unit": subject.name, "jurisdiction": subject.jurisdiction}).rows
        where = subject.jurisdiction or "各级"
        nb = Neighbourhood(subject, f"{subject.name}（{where}）的任务与共同承担的单位")
    elif subject.kind == "jurisdiction":
        rows = catalog.run(store, "plan_responsibilities", {"jurisdiction": subject.name}).rows
        nb = Neighbourhood(subject, f"{subject.name}计划的任务分工")
    elif subject.kind == "topic":
        rows = catalog.run(store, "topic_neighbourhood",
                           {"text": subject.name, "jurisdiction": subject.jurisdiction}).rows
        where = f"{subject.jurisdiction}计划中" if subject.jurisdiction else ""
        nb = Neighbourhood(subject, f"{where}含“{subject.name}”的任务及其分工")
    else:
        raise ValueError(f"unknown subject kind {subject.kind!r}")
    if not rows:
        raise NoMatch(f"{subject.name} issued no plan in the store" if subject.kind == "jurisdiction"
                      else f"{subject.name!r}{_in(subject.jurisdiction)} holds no task")

    several = len({r["task_jurisdiction"] for r in rows}) > 1
    for row in rows:
        _add_row(nb, row, governments, several)
    if subject.kind == "unit":
        _add_mirrors(nb, store, subject, governments)
        for node in nb.labelled("Unit"):
            if subject.name in (node.properties.get("name"), node.properties.get("canonical_name")) \
                    and subject.jurisdiction in ("", node.properties.get("jurisdiction")):
                node.focus = True
    elif subject.kind == "jurisdiction":
        _add_government(nb, subject.name, governments).focus = True
    else:
        _add_carries(nb, store, subject)
    return nb


def task_caption(task_id: str, jurisdiction: str | None, governments: dict, several: bool) -> str:
    if not several:
        return f"任务{task_id}"
    short = (governments.get(jurisdiction) or {}).get("short_name") or jurisdiction or ""
    return f"{short} {task_id}".strip()


def _add_row(nb: Neighbourhood, row: dict, governments: dict, several: bool) -> None:
    task_id = f"task:{row['task_key']}"
    nb.add_node(GraphNode(
        task_id, "Task",
        task_caption(row["task"], row["task_jurisdiction"], governments, several),
        level=_level(governments, row["task_jurisdiction"]),
        properties=_clean({"task": row["task"], "jurisdiction": row["task_jurisdiction"],
                           "number": row["number"], "section": row["section"],
                           "text": row["text"]})))
    if not row["unit_key"]:
        gov = _add_government(nb, row["task_jurisdiction"], governments)
        if gov is not None:
            nb.add_edge(GraphEdge(task_id, gov.id, "ISSUED_BY"))
        return
    unit = _add_unit(nb, row["unit"], row["unit_jurisdiction"], governments,
                     canonical_name=row["canonical_name"], kind=row["kind"])
    role = row["role"]
    nb.add_edge(GraphEdge(unit.id, task_id, ROLE_TYPES.get(role, role.upper()), role,
                          {"role": role}))


def _add_unit(nb: Neighbourhood, name: str, jurisdiction: str | None, governments: dict,
              **props) -> GraphNode:
    unit = nb.add_node(GraphNode(
        f"unit:{jurisdiction}|{name}", "Unit", name, level=_level(governments, jurisdiction),
        properties=_clean({"name": name, "jurisdiction": jurisdiction, **props})))
    for key, value in _clean(props).items():
        unit.properties.setdefault(key, value)
    gov = _add_government(nb, jurisdiction, governments)
    if gov is not None:
        nb.add_edge(GraphEdge(unit.id, gov.id, "BELONGS_TO"))
    return unit


def _add_government(nb: Neighbourhood, name: str | None, governments: dict) -> GraphNode | None:
    """The government `name` and the chain above it; the node of `name`."""
    first = None
    below = None
    seen = set()
    while name and name not in seen:
        seen.add(name)
        row = governments.get(name) or {}
        node = nb.add_node(GraphNode(
            f"gov:{name}", "Jurisdiction", name, level=row.get("level"),
            properties=_clean({"name": name, "short_name": row.get("short_name"),
                               "level": row.get("level"), "code": row.get("code")})))
        if below is not None:
            nb.add_edge(GraphEdge(below.id, node.id, "PART_OF"))
        first = first or node
        below = node
        name = row.get("parent")
    return first


def _add_mirrors(nb: Neighbourhood, store, subject: Subject, governments: dict) -> None:
    rows = catalog.run(store, "mirrors",
                       {"unit": subject.name, "jurisdiction": subject.jurisdiction}).rows
    for r in rows:
        unit = _add_unit(nb, r["unit"], r["jurisdiction"], governments)
        mirror = _add_unit(nb, r["mirror"], r["mirror_jurisdiction"], governments,
                           function=r["function"])
        upper, lower = (unit, mirror) if r["direction"] == "down" else (mirror, unit)
        nb.add_edge(GraphEdge(upper.id, lower.id, "MIRRORS", properties=_clean(
            {"function": r["function"]})))


def _add_carries(nb: Neighbourhood, store, subject: Subject) -> None:
    params = {"text": subject.name, "jurisdiction": subject.jurisdiction}
    for r in catalog.run(store, "topic_carries", params).rows:
        lower, upper = f"task:{r['lower_task_key']}", f"task:{r['upper_task_key']}"
        if lower in nb.nodes and upper in nb.nodes:
            nb.add_edge(GraphEdge(lower, upper, "CARRIES", properties={"score": r["score"]}))


def _level(governments: dict, name: str | None) -> str | None:
    return (governments.get(name) or {}).get("level")


def _clean(props: dict) -> dict:
    return {k: v for k, v in props.items() if v is not None and v != ""}


# --------------------------------------------------------------------------
# one plan as rows for the matrix
# --------------------------------------------------------------------------

_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}


def _cn_number(text: str) -> int | None:
    """一 … 九十九 as an integer; None for anything else."""
    if not text or any(c not in _CN_DIGITS and c != "十" for c in text):
        return None
    if "十" not in text:
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    tens, _, ones = text.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def task_order(task_id: str) -> tuple:
    """A sort key that puts printed task ids in plan order: 2 < 10, 3.2 < 3.10, 二.1 < 十.1."""
    key = []
    for part in re.split(r"[.．、\-]", task_id or ""):
        digits = re.fullmatch(r"\(?(\d+)\)?", part)
        number = int(digits.group(1)) if digits else _cn_number(part.strip("()（）"))
        key.append((0, number, "") if number is not None else (1, 0, part))
    return tuple(key)


def role_rank(role: str | None) -> int:
    return ROLES_BY_STRENGTH.index(role) if role in ROLES_BY_STRENGTH else len(ROLES_BY_STRENGTH)
