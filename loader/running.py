"""A PDF text layer's running head: the short title printed again at every page break.

A PDF saved as text carries its pages' furniture inside the text: the page number (`第 3 页 共 9 页`,
`- 3 -`, dropped as furniture wherever it stands) and, beside it, a running head or foot (the
plan's short title) that lands inside a paragraph or between a table's cells one a line. A short
line that stands next to a page number at most of the page breaks is that head: it is taken out,
with the page numbers it stands by; so is the plan's title beside one page number where it is printed
above too (a plan of two pages). Thresholds: grammar.toml [wrap] running_head.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .grammar import GRAMMAR

_HEAD = GRAMMAR.table["wrap"]["running_head"]
_NO_HEAD = re.compile(_HEAD["never"])


@lru_cache(maxsize=1)
def _page_number_re() -> re.Pattern:
    return re.compile("|".join(f"(?:{rx})" for rx in GRAMMAR.layout["page_numbers"]))


def _squeezed(line: str) -> str:
    return "".join(line.split())


def is_page_number(line: str) -> bool:
    """A line that is only a page's number (`- 3 -`, `第 3 页`): furniture wherever it stands, even
    between the pieces of a table's row a PDF copy cut."""
    return bool(line.strip()) and bool(_page_number_re().match(_squeezed(line)))


def without_running_heads(lines: list[str]) -> list[str]:
    """The physical lines without a running head and the page numbers it stands by (none taken
    out where no short line recurs beside most page numbers)."""
    marks = [k for k, ln in enumerate(lines) if ln.strip() and _page_number_re().match(_squeezed(ln))]
    if len(marks) < _HEAD["min_repeats"]:
        return lines
    beside: dict[str, set[int]] = {}
    for k in marks:
        for j in (_text_line(lines, k, -1), _text_line(lines, k, 1)):
            if j is not None and j not in marks and len(_squeezed(lines[j])) <= _HEAD["max_length"] \
                    and not _NO_HEAD.match(_squeezed(lines[j])):  # a cell (`1`, `序号`) is no head
                beside.setdefault(_squeezed(lines[j]), set()).add(j)
    least = max(_HEAD["min_repeats"], _HEAD["share"] * len(marks))
    heads = {j for text, js in beside.items() if len(js) >= least or _title_again(text, js, lines) for j in js}
    if not heads:
        return lines
    gone = heads | set(marks)
    return [ln for k, ln in enumerate(lines) if k not in gone]


def _title_again(text: str, beside: set[int], lines: list[str]) -> bool:
    """A plan's title (`…实施方案`) printed beside a page number and above it too: a short plan's
    running head, which recurs only once."""
    return text.endswith(_TITLE_ENDINGS) and any(
        _squeezed(ln) == text for k, ln in enumerate(lines) if k not in beside)


_TITLE_ENDINGS = tuple(GRAMMAR.meta["title_endings"])


def _text_line(lines: list[str], k: int, step: int) -> int | None:
    """The nearest line with text before (step -1) or after (step 1) line k."""
    j = k + step
    while 0 <= j < len(lines) and not lines[j].strip():
        j += step
    return j if 0 <= j < len(lines) else None


def repeated_edges(edges: list[list[str]]) -> set[str]:
    """The lines printed at a page's top or foot on most pages (a PDF's running head or foot, its page
    number in it made no matter): their squeezed forms, digits dropped. Thresholds as a text layer's
    running head: grammar.toml [wrap] running_head."""
    least = max(_HEAD["min_repeats"], _HEAD["share"] * len(edges))
    counts: dict[str, int] = {}
    for page in edges:
        for key in {edge_key(ln) for ln in page}:
            counts[key] = counts.get(key, 0) + 1
    return {key for key, n in counts.items() if key and n >= least and len(key) <= _HEAD["max_length"]
            and not _NO_HEAD.match(key)}


def edge_key(line: str) -> str:
    """A page edge's line as compared across pages: squeezed, its digits dropped (第3页, 2024-3)."""
    return re.sub(r"\d+", "", _squeezed(line))


def title_like(line: str) -> bool:
    """A line ending as a plan's title does (…实施方案): on a PDF's first page it is the title, kept."""
    return _squeezed(line).endswith(_TITLE_ENDINGS)
