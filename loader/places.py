"""Chinese administrative divisions: printed place names to full official names.

The table is `data/divisions/divisions.csv` (code, name, level, parent; its source and
date are in `data/divisions/README.md`), plus a few hand aliases in
`data/divisions/aliases.csv`, and each county-level city's former name as a county (监利县 for
监利市). Short forms are derived here, at load, by rule:

- the administrative suffix is dropped when at least two characters remain:
  云南省 → 云南, 昆明市 → 昆明, 云阳县 → 云阳, 五华区 → 五华, 阿里地区 → 阿里;
  忠县 and 云县 keep only their full name;
- an autonomous prefecture or county drops its ethnic names and 自治 and keeps its
  suffix, then also drops the suffix: 德宏傣族景颇族自治州 → 德宏州, 德宏;
  禄劝彝族苗族自治县 → 禄劝县, 禄劝; 广西壮族自治区 → 广西; 新疆维吾尔自治区 → 新疆.

A name is looked up among full names first and among short forms only when no full
name matches. Two divisions that answer to the same name (两个朝阳区; 大理 for both
大理白族自治州 and 大理市) are never chosen between silently: `resolve` takes a
`hint` (a place that contains the one meant, e.g. the document's parent chain) and a
`level`, and raises `AmbiguousPlace` naming the candidates when they do not settle it.

The table is read once per process (about 10 ms) and kept.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from .records import LEVELS, normalise  # noqa: F401  (LEVELS: the contract's)


# GB 3304 names of the 56 ethnic groups; autonomous areas drop them from short forms.
# Multi-character roots may appear without 族 (伊犁哈萨克自治州, 博尔塔拉蒙古自治州).
_ETHNIC = (
    "汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 "
    "高山 拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 "
    "普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 "
    "珞巴 基诺"
).split()
_MULTI = sorted((e for e in _ETHNIC if len(e) > 1), key=len, reverse=True)
_SINGLE = [e for e in _ETHNIC if len(e) == 1]
_ETHNIC_RUN = rf"(?:(?:{'|'.join(_MULTI)})族?|(?:{'|'.join(_SINGLE)})族)+"
_AUTONOMOUS = re.compile(rf"^(?P<base>..+?){_ETHNIC_RUN}自治(?P<suffix>州|县|旗)$")
_REGION = re.compile(rf"^(?P<base>..+?)(?:{_ETHNIC_RUN})?(?:自治区|特别行政区|省|市)$")
_AUTONOMOUS_ENDINGS = ("自治州", "自治县", "自治旗")
_SUFFIXES = ("行政区", "新区", "林区", "特区", "地区", "市", "州", "县", "区", "旗", "盟")


class AmbiguousPlace(LookupError):
    """A printed name that fits more than one division, and nothing said which."""

    def __init__(self, name: str, candidates: Iterable["Place"]):
        self.name = name
        self.candidates = tuple(candidates)
        listed = "; ".join(f"{p.name} ({p.code}, {' < '.join(x.name for x in p.parents) or '-'})"
                           for p in self.candidates)
        super().__init__(f"{name!r} is ambiguous: {listed}")


class Place(NamedTuple):
    """A jurisdiction: a division of the table, or a name the table does not know.

    A division has its code and finds the ones above it through the table. A place the
    table does not know (code None: a printed issuer the graph keeps as printed) says
    what lies above it in `above`, nearest first.
    """

    code: str | None
    name: str  # full official name (or the printed name, for an unknown place)
    level: str | None  # province | prefecture | county
    parent_code: str | None
    short_names: tuple[str, ...] = ()
    above: tuple["Place", ...] | None = None  # only for a place the table does not know

    @classmethod
    def unknown(cls, name: str, level: str | None = None, above=()) -> "Place":
        """A place the table does not know, above `above` (nearest first)."""
        return cls(None, name, level, None, (), tuple(above))

    @property
    def short_name(self) -> str | None:
        """The usual short form: 德宏州, 禄劝县, 昆明, 云阳, 云南 (None for 忠县)."""
        return self.short_names[0] if self.short_names else None

    @property
    def parent(self) -> "Place | None":
        if self.above is not None:
            return self.above[0] if self.above else None
        return _table().by_code.get(self.parent_code) if self.parent_code else None

    @property
    def parents(self) -> tuple["Place", ...]:
        """The divisions above, nearest first: 盈江县 → (德宏傣族景颇族自治州, 云南省)."""
        if self.above is not None:
            return self.above[:1] + self.above[0].parents if self.above else ()
        out = []
        p = self.parent
        while p is not None:
            out.append(p)
            p = p.parent
        return tuple(out)

    @property
    def chain(self) -> tuple["Place", ...]:
        """Itself, then the divisions above it, nearest first."""
        return (self,) + self.parents

    def inside(self, other: "Place") -> bool:
        """True when this division lies strictly inside `other`."""
        code = other.code
        p = self.parent
        while p is not None:
            if p.code == code:
                return True
            p = p.parent
        return False


def short_forms(name: str, level: str) -> tuple[str, ...]:
    """The short forms of a full name, by rule (see the module docstring)."""
    if level == "province":
        m = _REGION.match(name)
        return (m["base"],) if m else ()
    if name.endswith(_AUTONOMOUS_ENDINGS):
        m = _AUTONOMOUS.match(name)
        if m:
            return (m["base"] + m["suffix"], m["base"])
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return (name[: -len(suffix)],)
    return ()


class _Table:
    def __init__(self, rows: Iterable[tuple[str, str, str, str]], aliases: Iterable[tuple[str, str]]):
        self.by_code: dict[str, Place] = {}
        self.full: dict[str, list[str]] = {}
        self.short: dict[str, list[str]] = {}
        for code, name, level, parent in rows:
            p = Place(code, name, level, parent or None, short_forms(name, level))
            self.by_code[code] = p
            self.full.setdefault(name, []).append(code)
            for s in p.short_names:
                self.short.setdefault(s, []).append(code)
        for alias, code in list(aliases) + self._former_counties():
            if code in self.by_code and code not in self.short.get(alias, ()):
                self.short.setdefault(alias, []).append(code)

    def _former_counties(self) -> list[tuple[str, str]]:
        """County-level cities under their name as counties (监利市 was 监利县 until 2020): older
        plans print the old name. Only where no division has that name now."""
        return [(p.name[:-1] + "县", code) for code, p in self.by_code.items()
                if p.level == "county" and p.name.endswith("市") and len(p.name) >= 3
                and p.name[:-1] + "县" not in self.full]


def _data_dir() -> Path:
    # resp.loader and resp.data are siblings both in the source tree (loader/, data/)
    # and when installed (resp/loader, resp/data); importlib.resources costs 15 ms.
    return Path(__file__).resolve().parent.parent / "data" / "divisions"


@lru_cache(maxsize=1)
def _table() -> _Table:
    d = _data_dir()
    with open(d / "divisions.csv", encoding="utf-8", newline="") as f:
        r = csv.reader(f)
        next(r)
        rows = [tuple(row) for row in r if row]
    aliases = []
    alias_file = d / "aliases.csv"
    if alias_file.exists():
        with open(alias_file, encoding="utf-8", newline="") as f:
            aliases = [(row["alias"], row["code"]) for row in csv.DictReader(f)]
    return _Table(rows, aliases)


def by_code(code: str) -> Place | None:
    return _table().by_code.get(code)


def all_places() -> list[Place]:
    return list(_table().by_code.values())


@lru_cache(maxsize=65536)
def _candidates(name: str) -> tuple[Place, ...]:
    t = _table()
    name = normalise(name)
    if name.isdigit():
        p = t.by_code.get(name.ljust(6, "0")[:6])
        return (p,) if p else ()
    codes = t.full.get(name) or t.short.get(name) or ()
    return tuple(t.by_code[c] for c in codes)


def candidates(name: str | Place, level: str | None = None) -> tuple[Place, ...]:
    """Every division a printed name can mean (full names win over short forms).

    A 6-digit code is accepted for a name.
    """
    if isinstance(name, Place):
        return (name,)
    if not name:
        return ()
    found = _candidates(name)
    if level:
        found = tuple(p for p in found if p.level == level)
    return found


def _hint_codes(hint) -> set[str] | None:
    if hint is None:
        return None
    if isinstance(hint, (str, Place)):
        hint = [hint]
    codes: set[str] = set()
    for h in hint:
        if h:
            codes.update(p.code for p in candidates(h))
    return codes


def resolve(name: str | Place, hint=None, level: str | None = None) -> Place | None:
    """The one division a printed name means, or None if it names none.

    `hint`: a name, code or Place (or several) that the division is, or lies inside
    of: the document's jurisdiction or parent chain. `level` narrows to one level.
    Raises AmbiguousPlace when several divisions remain.
    """
    found = candidates(name, level)
    if len(found) <= 1:
        return found[0] if found else None
    within = _hint_codes(hint)
    if within:
        narrowed = tuple(p for p in found if any(c.code in within for c in p.chain))
        if len(narrowed) == 1:
            return narrowed[0]
        if narrowed:
            found = narrowed
    raise AmbiguousPlace(str(name), found)


def full_name(name: str, hint=None, level: str | None = None) -> str | None:
    p = resolve(name, hint, level)
    return p.name if p else None


def level_of(name: str, hint=None, *, by_ending: bool = False) -> str | None:
    """province | prefecture | county for a printed place name, else None: the one
    level function.

    The division table decides: it gives the level even when the name is ambiguous,
    as long as every candidate has the same level (朝阳区 is a county either way), and
    None when the candidates differ (大理: a prefecture and a county) and the hint does
    not settle it, or for a name that is not a division. With by_ending, a name the
    table leaves open is judged by its ending (…省/自治区 and 北京市 province, …州/地区/
    盟/市 prefecture, …县/区/旗 county), as a plan's own words imply.
    """
    return _level_of(name, tuple(hint) if isinstance(hint, list) else hint, by_ending)


@lru_cache(maxsize=65536)
def _level_of(name: str, hint, by_ending: bool) -> str | None:
    # asked of the same few names many times a document (meta.py): read the table once a name
    try:
        p = resolve(name, list(hint) if isinstance(hint, tuple) else hint)
        level = p.level if p else None
    except AmbiguousPlace as e:
        levels = {p.level for p in e.candidates}
        level = levels.pop() if len(levels) == 1 else None
    if level is None and by_ending and name:
        return _level_by_ending(name)
    return level


# Province-level municipalities: a 市 that is a province in the chain of governments.
MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")


def _level_by_ending(name: str) -> str | None:
    if name in MUNICIPALITIES or name.endswith(("省", "自治区")):
        return "province"
    if name.endswith(("自治州", "地区", "州", "盟")):
        return "prefecture"
    if name.endswith(("县", "区", "旗")):
        return "county"
    if name.endswith("市"):
        return "prefecture"
    return None


def parents(name: str, hint=None, level: str | None = None) -> list[str]:
    """Full names of the divisions above a place, nearest first ([] if unknown)."""
    p = resolve(name, hint, level)
    return [x.name for x in p.parents] if p else []


def chain(name: str, hint=None, level: str | None = None) -> list[str]:
    """Full names from the place itself up to its province ([] if unknown)."""
    p = resolve(name, hint, level)
    return [x.name for x in p.chain] if p else []


def holder(names: Iterable[str], level: str) -> Place | None:
    """The one division of `level` that holds every named division: a name two cities share (a district
    name found in both) is settled by the others printed with it, and names of two cities hold none."""
    common: set[str] | None = None
    for name in names:
        above = {a.code for p in candidates(name) for a in p.parents if a.level == level}
        common = above if common is None else common & above
    return by_code(common.pop()) if common and len(common) == 1 else None


def contains(upper: str | Place, lower: str | Place) -> bool:
    """True when `lower` lies strictly inside `upper` (云南省 ⊃ 盈江县; 重庆市 ⊃ 云阳县).

    Names (full or short) or codes; a name that fits several divisions raises
    AmbiguousPlace, and an unknown one gives False.
    """
    u = resolve(upper)
    lo = resolve(lower)
    if u is None or lo is None:
        return False
    return lo.inside(u)
