"""The canned queries: one `.cypher` file a question, in this package's folder.

Each file starts with a header of `//` lines that the same text carries into Neo4j
Browser, where a comment is harmless::

    // title: Who leads one task / 某项任务由谁牵头
    // zh: 行政区 $jurisdiction 的计划中第 $task 项任务由哪些单位牵头？
    // en: Which units lead task $task of the plans of jurisdiction $jurisdiction?
    // (any other `//` line is a note, part of the description)
    // param jurisdiction (string): full name of the issuing jurisdiction, e.g. 盈江县
    // param task (string, default ""): the task id as printed, e.g. 7
    // columns: unit, jurisdiction, task, text

A question that expands what it finds (a topic's tasks and every unit on them) is
bounded on a national store by a cap line, `// cap: max_tasks <= 5000 over task_key`:
its int parameter max_tasks is the most distinct task_key values the answer holds
(the Cypher says `LIMIT $max_tasks` where it expands), a larger value is refused, and
an answer that reaches the cap carries a note saying so (`QueryResult.note`).

Parameter types are `string` and `int`; a parameter with a default is optional. An
optional string filter uses "" for "no filter" (`$role = '' OR r.role = $role`):
LadybugDB cannot type a null parameter, and "" means the same on both engines.

The Cypher below the header stays inside what LadybugDB and a Neo4j 5 server both
run, so `run()` sends the body unchanged to either store and returns plain rows.

A file holds one question, usually as one statement. A question whose parts are
cheapest asked apart may hold several, each ending in `;` at the end of a line, all
with the header's columns: `run()` sends them in order and their rows follow one
another, as Neo4j Browser runs a pasted script. `stats` does this so that every count
is read from the engine's count store instead of scanning its relationships.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

from resp.loader.records import normalise

PARAM_TYPES = {"string": str, "int": int}

# the .cypher files, installed beside this module (package data of resp.queries); read as
# files rather than through importlib.resources, whose import costs every command 5 ms
QUERIES = Path(__file__).resolve().parent

_PARAM = re.compile(r"param\s+(\w+)\s*\((\w+)(?:\s*,\s*default\s+(.*?))?\)\s*:\s*(.*)")
_STATEMENT_END = re.compile(r";[ \t]*(?:\n|$)")
_PARAM_USE = re.compile(r"\$(\w+)")
_CAP = re.compile(r"cap:\s*(\w+)\s*<=\s*(\d+)\s+over\s+(\w+)")


class QueryError(Exception):
    """A canned query that does not exist, or parameters it cannot take."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str                 # "string" or "int"
    help: str
    default: object = None    # None: required

    @property
    def required(self) -> bool:
        return self.default is None

    def convert(self, value):
        """A value given as text (`-p key=value`) or as Python, as this parameter's type."""
        if self.type == "int":
            if isinstance(value, bool):
                raise QueryError(f"parameter {self.name} must be an integer, not {value!r}")
            try:
                return int(value)
            except (TypeError, ValueError):
                raise QueryError(f"parameter {self.name} must be an integer, not {value!r}") from None
        if not isinstance(value, str):
            raise QueryError(f"parameter {self.name} must be text, not {value!r}")
        return value


@dataclass(frozen=True)
class Cap:
    """What bounds a question on a national store: `param` (at most `ceiling`) caps the
    distinct values of `column` in its answer."""

    param: str
    ceiling: int
    column: str

    def check(self, value: int) -> None:
        if not 1 <= value <= self.ceiling:
            raise QueryError(f"{self.param} must be between 1 and {self.ceiling:,}: the answer is "
                             "kept to what fits in memory; a jurisdiction narrows the question")

    def note(self, rows: list[dict], value: int) -> str:
        """Said when the answer reached the cap: there may be more."""
        if len({row[self.column] for row in rows}) < value:
            return ""
        return (f"capped at {value:,} distinct {self.column}, there may be more: a jurisdiction "
                f"narrows the question, -p {self.param}=N (at most {self.ceiling:,}) widens it")


@dataclass(frozen=True)
class Query:
    name: str
    title: str
    zh: str
    en: str
    notes: tuple[str, ...]
    params: tuple[Param, ...]
    columns: tuple[str, ...]
    text: str                 # the whole file, header included (what pastes into the Browser)
    body: str = field(repr=False, default="")  # the Cypher without the header
    cap: Cap | None = None    # what bounds an expanding question (see the module docstring)

    @property
    def statements(self) -> tuple[str, ...]:
        """The body's statements, in order (most queries have one)."""
        return tuple(x.strip() for x in _STATEMENT_END.split(self.body) if x.strip())

    @property
    def description(self) -> str:
        return "\n".join(x for x in (self.zh, self.en, *self.notes) if x)

    def bind(self, given: dict | None = None) -> dict:
        """The parameters to send: given values converted, defaults filled in.

        An unknown or missing parameter is a QueryError that names what is expected.
        """
        given = dict(given or {})
        known = {p.name: p for p in self.params}
        unknown = sorted(set(given) - set(known))
        if unknown:
            raise QueryError(f"{self.name} takes no parameter {', '.join(unknown)}; "
                             f"it takes: {self.signature() or 'none'}")
        out = {}
        for p in self.params:
            if p.name in given and given[p.name] is not None:
                out[p.name] = p.convert(given[p.name])
            elif p.required:
                raise QueryError(f"{self.name} needs parameter {p.name} ({p.help})")
            else:
                out[p.name] = p.default
        if self.cap:
            self.cap.check(out[self.cap.param])
        return out

    def signature(self) -> str:
        return " ".join(p.name if p.required else f"[{p.name}={p.default!r}]" for p in self.params)


def _parse_default(raw: str, type_: str):
    raw = raw.strip()
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "\"'":
        raw = raw[1:-1]
    return PARAM_TYPES[type_](raw)


def parse_query(name: str, text: str) -> Query:
    """A Query from the text of a `.cypher` file (header comment, then Cypher)."""
    header, body = [], []
    for line in text.splitlines():
        stripped = line.strip()
        if not body and stripped.startswith("//"):
            header.append(stripped[2:].strip())
        elif stripped or body:
            body.append(line)
    fields = {"title": "", "zh": "", "en": ""}
    notes, params, columns, cap = [], [], (), None
    for line in header:
        key, _, value = line.partition(":")
        key = key.strip()
        m = _PARAM.fullmatch(line)
        capped = _CAP.fullmatch(line)
        if capped:
            cap = Cap(capped.group(1), int(capped.group(2)), capped.group(3))
        elif m:
            pname, ptype, default, help_ = m.groups()
            if ptype not in PARAM_TYPES:
                raise QueryError(f"{name}.cypher: parameter {pname} has unknown type {ptype}")
            params.append(Param(pname, ptype, help_.strip(),
                                None if default is None else _parse_default(default, ptype)))
        elif key == "columns":
            columns = tuple(c.strip() for c in value.split(",") if c.strip())
        elif key in fields and value:
            fields[key] = value.strip()
        elif line:
            notes.append(line)
    if not fields["title"] or not columns:
        raise QueryError(f"{name}.cypher: the header needs a title and columns")
    return Query(name=name, title=fields["title"], zh=fields["zh"], en=fields["en"],
                 notes=tuple(notes), params=tuple(params), columns=columns,
                 text=text, body="\n".join(body).strip(), cap=cap)


@lru_cache(maxsize=None)
def names() -> tuple[str, ...]:
    """The names of the canned queries, sorted."""
    return tuple(sorted(f.name[:-len(".cypher")] for f in QUERIES.iterdir() if f.name.endswith(".cypher")))


@lru_cache(maxsize=None)
def get(name: str) -> Query:
    """One canned query by name (the file name without `.cypher`)."""
    if name not in names():
        raise QueryError(f"no canned query {name!r}; `resp queries` lists them")
    text = (QUERIES / f"{name}.cypher").read_text(encoding="utf-8")
    return parse_query(name, text)


def all_queries() -> list[Query]:
    return [get(n) for n in names()]


def plain(value):
    """A value as both engines should agree on it: lists sorted, a whole Decimal (LadybugDB
    sums integers as INT128, which its driver gives as Decimal) an int, everything else
    as is."""
    if isinstance(value, (list, tuple)):
        items = [plain(v) for v in value]
        try:
            return sorted(items)
        except TypeError:  # mixed types: keep the engine's order
            return items
    if type(value).__name__ == "Decimal":
        return int(value) if value == int(value) else float(value)
    return value


# value types `plain` keeps as they are: a column holding only these needs no look at each row
_SCALARS = frozenset({str, int, float, bool, type(None)})


def run(store, name: str, params: dict | None = None, limit: int | None = None):
    """Run a canned query on a store; returns its QueryResult with the declared columns.

    Lists in the rows are sorted (the query orders them already; this makes it hold
    on every engine) and sums are ints (see `plain`), so the same store content gives
    the same rows everywhere. With a limit, a query of one statement and no cap keeps
    its first `limit` rows and says in `total` how many it answered (a terminal shows
    50 of 41,544 rows: the other 41,494 are never fetched); the others ignore it.
    """
    query = get(name)
    bound = query.bind(params)
    cut = {"limit": limit} if limit is not None and len(query.statements) == 1 and not query.cap else {}
    results = [store.run(s, {k: bound[k] for k in _PARAM_USE.findall(s) if k in bound}, **cut)
               for s in query.statements]
    result = results[0]
    for more in results[1:]:
        result.rows.extend(more.rows)
    result.query = name
    columns = list(query.columns)
    if result.columns != columns:
        result.rows = [{c: row.get(c) for c in columns} for row in result.rows]
        result.columns = columns
    odd = [c for c in columns if not _SCALARS.issuperset(map(type, map(itemgetter(c), result.rows)))]
    for row in result.rows:
        for c in odd:
            row[c] = plain(row[c])
    if query.cap:
        result.note = query.cap.note(result.rows, bound[query.cap.param])
    return result


# --------------------------------------------------------------------------
# resolving a unit or jurisdiction argument
# --------------------------------------------------------------------------

class NoMatch(QueryError):
    """Nothing in the store answers to the name."""


class Ambiguous(QueryError):
    """The name fits several things; `candidates` are the rows of the find query."""

    def __init__(self, message: str, candidates: list[dict]):
        super().__init__(message)
        self.candidates = candidates




def resolve_jurisdiction(store, text: str) -> str:
    """The full name of the jurisdiction that `text` names: full or short name, or a unique fragment."""
    text = normalise(text)
    if not text:
        raise NoMatch("an empty jurisdiction name matches nothing")
    rows = run(store, "find_jurisdictions", {"text": text}).rows
    exact = [r for r in rows if r["exact"]]
    chosen = exact or rows
    found = sorted({r["jurisdiction"] for r in chosen})
    if not found:
        names = {n for r in run(store, "governments").rows for n in (r["jurisdiction"], r["short_name"]) if n}
        raise NoMatch(f"no jurisdiction in the store matches {text!r}{closest_hint(text, names)}")
    if len(found) > 1:
        raise Ambiguous(f"{text!r} matches {len(found)} jurisdictions", chosen)
    return found[0]


def closest_hint(text: str, names, n: int = 3) -> str:
    """'; closest: a, b, c' — the names most like `text` (difflib's ratio), or ''."""
    from difflib import SequenceMatcher

    scored = sorted(((SequenceMatcher(None, text, x).ratio(), x) for x in set(names)), key=lambda p: (-p[0], p[1]))
    best = [x for ratio, x in scored[:n] if ratio > 0]
    return f"; closest: {', '.join(best)}" if best else ""


def resolve_unit(store, text: str, jurisdiction: str = "") -> str:
    """The name to query a unit by: its printed name, its canonical name, or the one
    name a fragment leads to (within `jurisdiction`, a full name, if given).

    An exact printed or canonical name wins. A fragment must lead to one name: all the
    units it matches share one canonical name (variants of one body), or one printed
    name (the same body in several governments). The returned name is what the canned
    queries take as $unit (they match it against both names).
    """
    return find_unit(store, text, jurisdiction)[0]


def find_unit(store, text: str, jurisdiction: str = "") -> tuple[str, list[dict] | None]:
    """resolve_unit's name, and when it is an exact name the rows of find_units that
    hold it (those units are exactly the ones the canned queries' $unit matches: one a
    government that names it); None for a name a fragment led to."""
    text = normalise(text)
    if not text:
        raise NoMatch("an empty unit name matches nothing")
    rows = run(store, "find_units", {"text": text, "jurisdiction": jurisdiction}).rows
    where = f" in {jurisdiction}" if jurisdiction else ""
    if not rows:
        raise NoMatch(f"no unit{where} matches {text!r}")
    exact = [r for r in rows if r["exact"]]
    if exact:
        return text, exact
    canonical = {r["canonical_name"] for r in rows}
    if len(canonical) == 1 and None not in canonical:
        return canonical.pop(), None
    printed = {r["unit"] for r in rows}
    if len(printed) == 1:
        return printed.pop(), None
    hint = "" if jurisdiction else "; -j/--jurisdiction narrows it"
    raise Ambiguous(f"{text!r} matches {len(rows)} units{where} ({len(printed)} printed names){hint}", rows)
