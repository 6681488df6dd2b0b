"""Numbered lines that list names alone: a ranking of places (`1、甲县;2、乙区;…`) or a roll of
units, numbered as tasks are but opening no task. Their numbers must not count as a run of the
tasks' numbering (tasks.Outline), or the real tasks after them would look restarted."""
from __future__ import annotations

from functools import lru_cache

from .blocks import numbering_pattern
from .clauses import looks_like_unit
from .grammar import GRAMMAR
from .places import candidates

_INLINE_ITEM = numbering_pattern("inline_item")
_STOPS = GRAMMAR.table["numbering"]["inline_item_stops"]
_NOT_IN_NAMES = frozenset(GRAMMAR.table["numbering"]["inline_item_not_in_names"])
_DIVISION_ENDINGS = tuple(GRAMMAR.units["division_endings"])


@lru_cache(maxsize=65536)
def names_alone(line: str) -> bool:
    """Is a numbered line only names, each after its number (`1、A;2、B。` or `3、A`)? Such a line ranks
    or lists places and units, it gives no task: any task words (a verb, an object) make it no list."""
    pieces = [p.strip(_STOPS) for p in _INLINE_ITEM.split(line.strip())]
    named = [p for p in pieces if p]
    return len(pieces) > 1 and not pieces[0] and bool(named) and all(map(_a_name, named))


def _a_name(piece: str) -> bool:
    """A unit's name by its shape, or a division's full name the gazetteer knows (`某县`, not its short
    form `某`);
    a piece parted inside by a comma or colon is a clause (`X,牵头单位:Y`), though it ends as a unit does."""
    if _NOT_IN_NAMES.intersection(piece):
        return False
    return looks_like_unit(piece) or (piece.endswith(_DIVISION_ENDINGS) and bool(candidates(piece)))
