"""A table whose rows were broken into one cell a line, with nothing between its rows (a Word
or PDF table exported as text, a row's empty cell an empty line): its rows joined back.

    序号 / 工作任务 / 牵头单位 / 配合单位 / 1 / 建成区级养老服务指导中心 / 区民政局 / (empty) / 2 / …

The header's cells, one a line, tell how many cells a row has; the lines below are taken
that many at a time (a blank line is an empty cell; a table whose cells blank lines part,
as web pages print them, is read by the table reader) for as long as each row fits the header: its number cell a number, its role cells
units or empty, its task cell not empty. The rows are then written as rows of cells, the
shape the columns reader reads (loader/columns.py). loader/runon.py keeps this reading only
where it ties more (task, unit, role) triples than the lines as they stand.
"""
from __future__ import annotations

import re

from .blocks import heading_of
from .clauses import is_unit_list
from .columns import _header_kinds
from .records import ROLES
from .tables import header_cell_kind, header_shaped
from .text import Line

_MAX_COLUMNS = 12
_NUMBER = re.compile(r"^\d{1,3}[.、]?$")


def rows_of_cells(lines: list[Line]) -> list[Line] | None:
    """The lines with every table of one cell a line written as rows of cells; None where
    there is none."""
    alone = _alone_flags(lines)
    out: list[Line] = []
    i, changed = 0, False
    while i < len(lines):
        found = _table_at(lines, i, alone) if _opens_header(lines, i, alone) else None
        if found is None:
            out.append(lines[i])
            i += 1
            continue
        rows, end = found
        out += rows
        i, changed = end, True
    return out if changed else None


def _opens_header(lines: list[Line], i: int, alone: list[bool]) -> bool:
    """A header cell alone on its line, with no header cell right above it (the header's first)."""
    if not (alone[i] and header_cell_kind(lines[i].text)):
        return False
    return not (i and alone[i - 1] and lines[i].blanks_before == 0 and header_cell_kind(lines[i - 1].text))


def _alone_flags(lines: list[Line]) -> list[bool]:
    """Whether each line is a physical line of its own (not one of several cells of a row)."""
    nos = [ln.no for ln in lines]
    return [(k == 0 or nos[k - 1] != no) and (k + 1 == len(nos) or nos[k + 1] != no) for k, no in enumerate(nos)]


def _table_at(lines: list[Line], i: int, alone: list[bool]) -> tuple[list[Line], int] | None:
    run = i
    while run < len(lines) and run - i < _MAX_COLUMNS and alone[run] and header_shaped(lines[run].text) \
            and (run == i or lines[run].blanks_before == 0):
        run += 1
    best = None
    for n in range(3, run - i + 1):
        header = lines[i:i + n]
        kinds = _header_kinds([Line(c.text, c.raw, 0, 0, k) for k, c in enumerate(header)])
        if not kinds or len(kinds) != n:
            continue
        rows, end = _rows(lines, i + n, n, kinds, alone)
        while rows and len(rows[-1]) == 1:
            rows.pop()  # a heading after the table is no row of it
        end = _end_after(lines, i + n, rows)
        if rows and (best is None or len(rows) > len(best[1])):
            best = (header, rows, end)
    if best is None:
        return None
    header, rows, end = best
    out = [Line(c.text, c.raw, header[0].blanks_before if k == 0 else 0, header[0].no, k)
           for k, c in enumerate(header)]
    for row in rows:
        first = next(c for c in row if c is not None)  # its number: the row's provenance
        out += [Line(c.text, c.raw, first.blanks_before if c is first else 0, first.no, k)
                for k, c in enumerate(row) if c is not None]
    return out, end


def _end_after(lines: list[Line], start: int, rows: list[list[Line | None]]) -> int:
    """The line after the last cell of the rows."""
    last = [c for c in rows[-1] if c is not None][-1] if rows else None
    return start if last is None else next(k for k in range(start, len(lines)) if lines[k] is last) + 1


def _rows(lines: list[Line], start: int, n: int, kinds: dict[int, str], alone: list[bool]) -> tuple[list[list[Line | None]], int]:
    """The rows of n cells from line `start` that fit the header's kinds, and the line after them."""
    rows: list[list[Line | None]] = []
    k = start
    while k < len(lines):
        if alone[k] and heading_of(lines[k].text) and not _NUMBER.match(lines[k].text):
            rows.append([lines[k]])  # 二、城市建设: a heading's row of one cell between the rows
            k += 1
            continue
        row: list[Line | None] = []
        j = k
        while len(row) < n and j < len(lines) and alone[j]:
            empties = lines[j].blanks_before
            if empties > 0:
                row += [None] * min(empties, n - len(row))
                if len(row) >= n:
                    break
            row.append(lines[j])
            j += 1
        if len(row) < n or not _fits(row, kinds):
            break
        rows.append(row)
        k = j
    return rows, k


def _fits(row: list[Line | None], kinds: dict[int, str]) -> bool:
    for place, kind in kinds.items():
        cell = row[place]
        text = cell.text if cell is not None else ""
        if kind == "number" and not _NUMBER.match(text):
            return False
        if kind == "task" and not text:
            return False
        if kind in ROLES and text and not is_unit_list(text):
            return False
    return any(cell is not None for cell in row)
