"""A page run into one line: which of its two readings to keep.

A page copied onto one line parts its former lines by spaces. Where its pieces are long
(paragraphs), `text._runs_on` parts it at its spaces and nothing is in doubt. Where many are
short (a table's cells one a line, a menu's words, a notice's fields), the spaces may part lines
or stand between a spaced table's cells (`序号 重点任务 牵头部门 …`, loader/spaced.py), or inside a
PDF text layer's scrambled words. The line is then read both ways, as the engine reads a text
with every reader, and the reading that ties more (task, unit, role) triples is kept (the line
parted on a tie: a page's lines are likelier than a table spaced out on one line).
"""
from __future__ import annotations

import re

from .cellrows import headerless_rows, rows_of_cells
from .conventions import read_conventions
from .grammar import GRAMMAR
from .tasks import find_tasks
from .text import Line, both_readings, may_part_alone, to_lines


def lines_of(text: str) -> list[Line]:
    """The normalised lines of a text (text.to_lines), a page run into one line read both ways."""
    alone = may_part_alone(text)
    lines, parted = both_readings(text) if alone else (to_lines(text), None)
    if parted is not None:
        # a line that opens with a page's furniture (当前位置:, 来源:) is dropped whole: nothing as it stands
        if not lines or ([ln.text for ln in parted] != [ln.text for ln in lines]
                         and _triples(parted) >= _triples(lines)):
            lines = parted
    if alone and "|" in text:
        lines = _cells_apart(text, lines)
    rows = rows_of_cells(lines)  # a table broken into one cell a line: its rows joined back
    if rows is None:
        rows = headerless_rows(lines)  # …with no header: each row closed by its leader's name
    if rows is None:
        return lines
    read = _triples(rows)  # a row's task text that ends like a unit's name no longer reads as one
    return rows if read and read >= _KEEP_ROWS * _triples(lines) else lines


_KEEP_ROWS = GRAMMAR.table["wrap"]["cell_rows_keep"]
_CELL_BAR = re.compile(r"[ \t]*\|[ \t]*")


def _cells_apart(text: str, lines: list[Line]) -> list[Line]:
    """A page run into one line whose table's rows lost their ends (`…| 完成时限 | 一、强化…`: the
    space between one row's last `|` and the next row's first cell is a space between cells): its
    cells one a line, their rows joined back by the header's count (loader/cellrows.py), where that
    reads more (task, unit, role) triples than the line as it stands."""
    rows = rows_of_cells(to_lines(_CELL_BAR.sub("\n", text)))
    return rows if rows is not None and _triples(rows) > _triples(lines) else lines


def _triples(lines: list[Line]) -> int:
    lines, conventions = read_conventions(lines)
    tasks, _, _ = find_tasks(lines, conventions)
    return sum(len(t.responsibilities) for t in tasks)
