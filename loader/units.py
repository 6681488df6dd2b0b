"""Printed unit names → canonical name, function and kind.

`describe_unit("县人社局", "盈江县", "county")` gives
`UnitInfo("县人力资源和社会保障局", "人力资源社会保障", "department", True)`.

The knowledge is data: `data/units/functions.toml` (functions and the bodies printed
for each, seeded from the State Council's standard short names) and
`data/units/rules.toml` (governments, collectives, whole-name rules, prefixes).
A printed name is read in this order:

1. a government (各市州政府, 盈江县人民政府) → kind "government", function None;
2. a collective (各县区, 各州(市)党委和政府, 有关部门, …成员单位) → "collective", None;
3. words such as 中共 / 国家税务总局 are set aside, then whole-name rules
   (团县委 → 共青团县委, 人行盈江支行, 云南银保监局, banks);
4. the level prefix (省 市 州 县 区 旗 …) or the jurisdiction's name (云阳县税务局) is
   split off and the rest looked up among the bodies of functions.toml, exactly
   first, then by its longest known beginning (州住房公积金管理中心盈江管理部);
5. nothing matched: kept as printed, kind "other", function None, resolved False.
   `unresolved(names)` lists such names so that a person can extend the tables.

The canonical name keeps the printed level prefix (or takes the jurisdiction's when
none is printed) and writes the body out in full: 县发改局 → 县发展和改革局,
县发改委 and 县发展改革委 → 县发展和改革委员会, 县编办 and 县委编办 →
县委机构编制委员会办公室. It is a separate layer: the printed name is never rewritten.

No fuzzy matching decides anything here; `suggest(name)` (difflib) only proposes
known bodies for a person reading the unresolved list.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from .records import normalise

KINDS = ("department", "party organ", "government", "collective", "mass organisation", "financial", "other")


class UnitInfo(NamedTuple):
    canonical_name: str
    function: str | None
    kind: str
    resolved: bool


class _Body(NamedTuple):
    canonical: str
    function: str | None
    kind: str


class _Special(NamedTuple):
    regex: re.Pattern
    canonical: str
    function: str | None
    kind: str


class _Rules:
    def __init__(self, functions: dict, rules: dict):
        suffix = dict(rules["suffix"])
        default_suffixes = suffix.pop("default")
        self.bodies: dict[str, _Body] = {}
        self.functions: dict[str, str] = {}  # function key -> kind
        self.stems: set[str] = set()  # every function's name as printed before a suffix (发改, 住房和城乡建设)
        for f in functions["function"]:
            key, kind = f["key"], f["kind"]
            if kind not in KINDS:
                raise ValueError(f"functions.toml: {key}: unknown kind {kind!r}")
            if key in self.functions:
                raise ValueError(f"functions.toml: {key} listed twice")
            self.functions[key] = kind
            self.stems.update(f.get("stems", {}))
            for stem, canon in f.get("stems", {}).items():
                for suf in f.get("suffixes", default_suffixes):
                    self._add(stem + suf, _Body(canon + suffix.get(suf, suf), key, kind))
            for body, canon in f.get("bodies", {}).items():
                self._add(body, _Body(canon, key, kind))
        self.max_body = max(len(b) for b in self.bodies)

        self.level_prefixes = tuple(sorted(rules["prefix"]["level"], key=len, reverse=True))
        self.strip_words = tuple(rules["prefix"]["strip"])
        gov = rules["government"]
        self.government = re.compile("|".join(gov["patterns"]))
        self.government_not = re.compile("|".join(gov["not"]))
        self.collective = re.compile("|".join(rules["collective"]["patterns"]))
        self.specials = [
            _Special(re.compile(s["pattern"]), s["canonical"], s.get("function") or None, s["kind"])
            for s in rules.get("special", [])
        ]
        pc = rules["party_committee"]
        self.party_committee = frozenset(pc["bodies"])
        self.party_kind = pc["kind"]

    def _add(self, body: str, info: _Body) -> None:
        old = self.bodies.get(body)
        if old is not None and old != info:
            raise ValueError(f"functions.toml: body {body!r} is both {old} and {info}")
        self.bodies[body] = info


def _data_dir() -> Path:
    # resp.loader and resp.data are siblings in the source tree and when installed
    return Path(__file__).resolve().parent.parent / "data" / "units"


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    import tomllib  # imported here: it costs more than the rest of this module

    d = _data_dir()
    with open(d / "functions.toml", "rb") as f:
        functions = tomllib.load(f)
    with open(d / "rules.toml", "rb") as f:
        rules = tomllib.load(f)
    return _Rules(functions, rules)


def is_function_stem(name: str) -> bool:
    """Is a name a function's own as the tables print it before a suffix (住房和城乡建设, 文化和旅游)? A list of
    departments named by their functions parts its 和 only where the words joined are no such name."""
    return name in _rules().stems


def functions() -> dict[str, str]:
    """Every function key known to the tables, with its kind."""
    return dict(_rules().functions)


_PLACE_PREFIX = ("自治区", "特别行政区", "自治州", "自治县", "自治旗", "林区", "特区", "地区",
                 "省", "市", "州", "县", "区", "旗", "盟")


def _level_prefix_of_place(full_name: str) -> str:
    """The prefix a body of this government is printed with: 云阳县 → 县, 德宏…自治州 → 州."""
    for p in _PLACE_PREFIX:
        if full_name.endswith(p):
            if p in ("自治州",):
                return "州"
            if p in ("自治县",):
                return "县"
            if p in ("自治旗",):
                return "旗"
            if p == "特别行政区":
                return "特区"
            return p
    return ""


_LEVEL_DEFAULT = {"province": "省", "prefecture": "市", "county": "县"}


@lru_cache(maxsize=4096)
def _place_names(jurisdiction: str | None) -> tuple[tuple[str, str], ...]:
    """(printed place name, canonical prefix) for the jurisdiction and those above it,
    longest first: ("云阳县", "县"), ("重庆市", "市"), ("云阳", "县"), ("重庆", "市")."""
    if not jurisdiction:
        return ()
    from . import places

    try:
        p = places.resolve(jurisdiction)
    except places.AmbiguousPlace as e:
        p = e.candidates[0] if len({c.name for c in e.candidates}) == 1 else None
        if p is None:
            return ()
    if p is None:
        return ((jurisdiction, _level_prefix_of_place(jurisdiction)),)
    out: list[tuple[str, str]] = []
    for q in p.chain:
        prefix = _level_prefix_of_place(q.name)
        out.append((q.name, prefix))
        out.extend((s, prefix) for s in q.short_names)
    return tuple(sorted(set(out), key=lambda x: -len(x[0])))


def _other_place_prefix(core: str) -> str | None:
    """The longest full division name (3+ characters) that a name begins with."""
    from . import places

    full = places._table().full
    for i in range(min(len(core) - 2, 12), 2, -1):
        if core[:i] in full:
            return core[:i]
    return None


def _splits(core: str, jurisdiction: str | None, level: str | None) -> list[tuple[str, str]]:
    """Ways to read a name as (canonical prefix, body), the likeliest first."""
    rules = _rules()
    out: list[tuple[str, str]] = []
    for place, prefix in _place_names(jurisdiction):
        if core.startswith(place) and len(core) > len(place):
            rest = core[len(place):]
            for lp in rules.level_prefixes:
                if rest.startswith(lp) and len(rest) > len(lp):
                    out.append((lp, rest[len(lp):]))
                    break
            out.append((prefix, rest))
            break
    else:
        # another government's body (昆明市卫生健康委 in a county's plan): keep its name
        other = _other_place_prefix(core)
        if other:
            out.append((other, core[len(other):]))
    for lp in rules.level_prefixes:
        if core.startswith(lp) and len(core) > len(lp):
            out.append((lp, core[len(lp):]))
            break
    own = ""
    if jurisdiction:
        own = _level_prefix_of_place(jurisdiction)
    elif level:
        own = _LEVEL_DEFAULT.get(level, "")
    out.append((own, core))
    return out


def _lookup(body: str) -> tuple[str, _Body] | None:
    """(canonical body, info) for a body, by exact name or its longest known beginning."""
    rules = _rules()
    info = rules.bodies.get(body)
    if info is not None:
        return info.canonical, info
    for i in range(min(len(body) - 1, rules.max_body), 1, -1):
        info = rules.bodies.get(body[:i])
        if info is not None:
            return info.canonical + body[i:], info
    return None


@lru_cache(maxsize=1 << 17)
def describe_unit(printed_name: str, jurisdiction_full_name: str | None = None,
                  level: str | None = None) -> UnitInfo:
    """Canonical name, function, kind of one printed unit of a government's plan.

    `jurisdiction_full_name` is the government whose plan prints the name (云阳县);
    `level` its level, used only when the jurisdiction is unknown.
    """
    rules = _rules()
    name = normalise(printed_name)
    if not name:
        return UnitInfo(printed_name, None, "other", False)
    if rules.government.search(name) and not rules.government_not.search(name):
        return UnitInfo(name, None, "government", True)
    if rules.collective.search(name):
        return UnitInfo(name, None, "collective", True)

    core = name
    stripped = True
    while stripped:
        stripped = False
        for w in rules.strip_words:
            if core.startswith(w) and len(core) > len(w):
                core = core[len(w):]
                stripped = True

    for sp in rules.specials:
        m = sp.regex.search(core)
        if m:
            canonical = sp.canonical.format(name=name, **m.groupdict(default=""))
            return UnitInfo(canonical, sp.function, sp.kind, True)

    splits = _splits(core, jurisdiction_full_name, level)
    for prefix, body in splits:
        if body in rules.party_committee and prefix:
            return UnitInfo(prefix + "委", None, rules.party_kind, True)
        info = rules.bodies.get(body)
        if info is not None:
            return UnitInfo(prefix + info.canonical, info.function, info.kind, True)
    for prefix, body in splits:
        found = _lookup(body)
        if found is not None:
            canonical, info = found
            return UnitInfo(prefix + canonical, info.function, info.kind, True)
    return UnitInfo(name, None, "other", False)


@lru_cache(maxsize=1 << 14)
def named_whole(printed_name: str) -> bool:
    """Is the printed name a body the tables know by its whole name (a government, a collective, or a place's
    prefix then a known body: 县公安局), not only by its beginning (县公安局建立联)? Tells where a list of units
    printed before a task's verb ends."""
    info = describe_unit(printed_name)
    if info.kind in ("government", "collective"):
        return info.resolved
    core = normalise(printed_name)
    return any(body in _rules().bodies for _, body in _splits(core, None, None))


def _as_triple(item) -> tuple[str, str | None, str | None]:
    if isinstance(item, str):
        return item, None, None
    if isinstance(item, dict):
        return item.get("name") or item.get("unit") or "", item.get("jurisdiction"), item.get("level")
    item = tuple(item)
    return (tuple(item) + (None, None))[:3]


def unresolved(names: Iterable) -> list[str]:
    """The printed names that no rule or alias resolves, once each, in first-seen order.

    Items are printed names, or (name, jurisdiction, level) tuples, or dicts with
    `name` (or `unit`), `jurisdiction`, `level` — such as the graph's Unit nodes.
    """
    out: dict[str, None] = {}
    for item in names:
        name, jurisdiction, level = _as_triple(item)
        if name and not describe_unit(name, jurisdiction, level).resolved:
            out.setdefault(name, None)
    return list(out)


def suggest(name: str, limit: int = 3) -> list[str]:
    """Known bodies that look like an unresolved name's body (difflib), for a person to
    judge; never used to resolve."""
    import difflib

    rules = _rules()
    core = normalise(name)
    for lp in rules.level_prefixes:
        if core.startswith(lp) and len(core) > len(lp):
            core = core[len(lp):]
            break
    return difflib.get_close_matches(core, list(rules.bodies), n=limit, cutoff=0.5)
