"""Prose tasks beside a table: a plan that gives part of its tasks as numbered paragraphs with their
clauses (`1.…(牵头单位:A;配合单位:B)`, `责任单位:` lines) and the rest as a table whose rows keep their
cells (a part `二、` or an annex `附表` after the prose, or 保障措施 items with clauses after the table).
The table is read by its columns; the lines before and after it are read as prose, and the prose
tasks that name units stand beside the rows, in the order the page prints them.
"""
from __future__ import annotations

import re
from collections import Counter

from .blocks import ARABIC_ALONE, Block
from .grammar import GRAMMAR
from .prose import prose_blocks
from .text import Line

_NOTE_LABEL = re.compile(rf"^(?:{'|'.join(map(re.escape, GRAMMAR.table['beside']['note_labels']))})[:]")


def table_span(lines: list[Line]) -> tuple[int, int] | None:
    """The first and last physical line parted into cells (`|`, tabs): the table's rows and header,
    whatever stands between them. None where no line is parted."""
    counts = Counter(ln.no for ln in lines)
    parted = [no for no, n in counts.items() if n > 1]
    return (min(parted), max(parted)) if parted else None


def _before_notes(lines: list[Line]) -> list[Line]:
    """The lines above the first note label (`备注:`, `注:`): what follows it are notes on the table
    (who reports, who sums up), numbered perhaps, but no tasks of the plan."""
    label = next((at for at, ln in enumerate(lines) if _NOTE_LABEL.match(ln.text)), len(lines))
    return lines[:label]


def prose_tasks(lines: list[Line]) -> list[Block]:
    """The numbered prose tasks of these lines that name units: a paragraph of the notice or an
    unnumbered sentence around a table is no task beside its rows. Lines holding a number alone (a
    row's number cell) are more of the table, its rows cut or one cell a line: no prose."""
    if any(ARABIC_ALONE.match(ln.text) for ln in lines):
        return []
    prose = _before_notes(lines)
    return [b for b in prose_blocks(prose)[0] if b.number is not None and b.has_clause()] if prose else []


def with_prose_beside(lines: list[Line], rows: list[Block]) -> list[Block] | None:
    """The table's rows with the prose tasks printed before and after the table, in page order; None
    where the lines outside the table hold no such task (the table alone is the plan)."""
    span = table_span(lines)
    if span is None:
        return None
    before = prose_tasks([ln for ln in lines if ln.no < span[0]])
    after = prose_tasks([ln for ln in lines if ln.no > span[1]])
    return before + rows + after if before or after else None
