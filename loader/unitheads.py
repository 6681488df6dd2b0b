"""Unit headings: an unnumbered line that names a place or body and gives its units in a bracket
(`<社区>(责任单位:X)`, `<街道办>:(责任单位:X)`), standing right above an item numbered 1. An exposure
list prints its problems so, each group's numbering starting again at 1: the line heads the items
below it and its clause is theirs, as a clause on a line of its own below a task is that task's.
"""
from __future__ import annotations

import re

from .blocks import ARABIC_TASK, SUBITEM, heading_of
from .clauses import is_clause
from .grammar import GRAMMAR
from .text import Line

_NAME_MAX = GRAMMAR.layout["unit_heading_name_max"]
_OPENERS, _CLOSERS = re.escape(GRAMMAR.openers), re.escape(GRAMMAR.closers)
# the name (no sentence mark, no bracket), an optional colon, one bracket closing the line
_UNIT_HEADING = re.compile(rf"^([^。;,:!?{_OPENERS}{_CLOSERS}]{{2,{_NAME_MAX}}}):?"
                           rf"([{_OPENERS}][^{_OPENERS}{_CLOSERS}]+[{_CLOSERS}])$")


def unit_heading_clauses(lines: list[Line]) -> dict[int, str]:
    """The unit headings of a page, by line index, each with its bracketed clause: only a line
    whose next line opens item 1, so a name and a remark inside a paragraph are never one."""
    found = {}
    for i, line in enumerate(lines[:-1]):
        clause = _heading_clause(line.text.strip())
        if clause is not None and _opens_first_item(lines[i + 1].text):
            found[i] = clause
    return found


def _heading_clause(text: str) -> str | None:
    """The bracket of `<name>(<clause>)` where it is a responsibility clause, else None; a numbered line
    (`一、<title>(A牵头)`) is a heading or a task of its own, no unit heading."""
    m = _UNIT_HEADING.match(text)
    if not m or heading_of(text) or ARABIC_TASK.match(text) or SUBITEM.match(text):
        return None
    return m.group(2) if is_clause(m.group(2)) else None


def _opens_first_item(text: str) -> bool:
    """Does a line open the item numbered 1 (`1、…`, `1.…`)?"""
    m = ARABIC_TASK.match(text)
    return bool(m) and m.group(1) == "1"
