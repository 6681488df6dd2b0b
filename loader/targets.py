"""Target tables (托位建设任务表): area × year → total and inclusive (普惠) figures.

Such a table is a title ending in 表, year headings (2023年 …), metric headings
(总托位数, 普惠托位数) and rows of an area name and its numbers, either space-separated
on one line or one cell a line; both arrive here as the same token stream.
"""
from __future__ import annotations

import re

from .grammar import GRAMMAR
from .records import Target
from .text import Line

_CONF = GRAMMAR.table["targets"]
_TITLE = re.compile(_CONF["title"])
_NOT_TITLE = tuple(_CONF["title_not"])
_YEAR = re.compile(_CONF["year_heading"])
_NUMBER = re.compile(r"^\d[\d,]*$")
_YEARISH = re.compile(_CONF["year_in_token"])  # 2023年, not 永年区
_NOT_AREA = tuple(_CONF["not_area"])


def find_targets(lines: list[Line]) -> list[Target]:
    """The figures of every target table in a plan: each titled table read up to the next
    title, since a plan may set targets in several tables (one per measure)."""
    starts = [i for i, ln in enumerate(lines) if _TITLE.search(ln.text) and not any(w in ln.text for w in _NOT_TITLE)]
    targets: list[Target] = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        tokens = [tok for ln in lines[start + 1 : end] for tok in ln.raw.split()]
        targets.extend(_table_targets(tokens))
    return targets


def _table_targets(tokens: list[str]) -> list[Target]:
    """One table's figures: its years say how many numbers follow each area name, whether
    the table came one row a line or one cell a line, so the tokens are read alike."""
    years: list[int] = []
    for tok in tokens:
        m = _YEAR.match(tok)
        if m and int(m.group(1)) not in years:
            years.append(int(m.group(1)))
    if not years:
        return []
    targets: list[Target] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        j = i + 1
        while j < len(tokens) and _NUMBER.match(tokens[j]):
            j += 1
        numbers = [int(t.replace(",", "")) for t in tokens[i + 1 : j]]
        if numbers and _is_area(tok) and len(numbers) % len(years) == 0:
            per_year = len(numbers) // len(years)
            if per_year <= 2:
                for y, year in enumerate(years):
                    chunk = numbers[y * per_year : (y + 1) * per_year]
                    targets.append(Target(tok, year, chunk[0], chunk[1] if per_year == 2 else None))
        i = max(j, i + 1)
    return targets


def _is_area(token: str) -> bool:
    """Can this token name an area: not a figure, a year, a column label or a total, which
    stand before numbers in the same tables."""
    return (not _NUMBER.match(token) and not _YEARISH.search(token)
            and not any(w in token for w in _NOT_AREA) and len(token) <= _CONF["area_name_max"])
