"""MIRRORS between units, on plain Python data.

MIRRORS
-------
`find_mirrors(units)`: an upper unit mirrors a lower one when both have the same
function (not None) and the lower unit's jurisdiction lies strictly inside the upper
one's (`places`): 云南省's 省卫生健康委 mirrors 昆明市's 市卫生健康委 and 盈江县's
县卫生健康局, but not 云阳县's 县卫生健康委 (重庆市) nor 青海省's 省卫生健康委. Units
are blocked by function, then by jurisdiction, and each jurisdiction only looks up
its own ancestors: linear in the number of units.

CARRIES, the tasks a lower plan carries down from the plans above, are in carries.py.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

# --------------------------------------------------------------------------
# MIRRORS
# --------------------------------------------------------------------------


def _get(obj, name):
    if isinstance(obj, Mapping):
        return obj.get(name)
    return getattr(obj, name, None)


def find_mirrors(units: Iterable, problems: list | None = None) -> list[tuple[str, str, str]]:
    """(upper unit key, lower unit key, function) for every mirror pair.

    `units`: dicts or objects with `key`, `function` and `jurisdiction` (a full name,
    a short name or a division code). Units whose jurisdiction is unknown or fits
    several divisions get no mirror; if `problems` is a list, a line for each such
    jurisdiction is appended to it.
    """
    from . import places

    by_function: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for u in units:
        if isinstance(u, dict):  # the common case, without _get's tests (100k units a load)
            function, jurisdiction, key = u.get("function"), u.get("jurisdiction"), u.get("key")
        else:
            function, jurisdiction, key = _get(u, "function"), _get(u, "jurisdiction"), _get(u, "key")
        if function and jurisdiction and key:
            by_function[function][jurisdiction].append(key)

    # a jurisdiction's code and its ancestors' codes, resolved once a name
    place_of: dict[str, tuple | None] = {}

    def place(name: str):
        if name not in place_of:
            try:
                p = places.resolve(name)
                if p is None and problems is not None:
                    problems.append(f"{name}: not a known division; its units get no MIRRORS")
            except places.AmbiguousPlace as e:
                p = None
                if problems is not None:
                    problems.append(f"{e}; its units get no MIRRORS")
            place_of[name] = None if p is None else (p.code, tuple(a.code for a in p.parents))
        return place_of[name]

    # each upper unit with its lower ones, so that the pairs come out sorted by sorting
    # the uppers and each one's lowers (not every triple: the same order, a third of the time)
    below: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for function, by_jurisdiction in by_function.items():
        if len(by_jurisdiction) < 2:
            continue
        by_code: dict[str, list[str]] = defaultdict(list)
        found = []
        for name, keys in by_jurisdiction.items():
            p = place(name)
            if p is not None:
                by_code[p[0]].extend(keys)
                found.append((p[1], keys))
        for above_codes, keys in found:
            for code in above_codes:
                for upper in by_code.get(code, ()):
                    below[upper].extend((lower, function) for lower in keys)
    out: list[tuple[str, str, str]] = []
    for upper in sorted(below):
        out.extend((upper, lower, function) for lower, function in sorted(set(below[upper])))
    return out
