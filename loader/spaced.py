"""Rows of a table flattened with single spaces as its only separators, as a Word table pasted
into a forum or a sharing site comes out:

    附件 …职责清单 工作任务和内容 责任单位 配合单位 完成时间 负责全县…的宣传报道.
    县委宣传部 持续开展 负责…的督办和考核工作. 县委县政府 督查室 持续开展 负责编制…

Each space-separated piece is a cell, or part of one a wrap broke (`县交通 运输局`, `7月底前制定
扬尘治理方案`). A row is its text (the pieces up to the first unit's cell), then its unit cells,
then its deadline's; the next piece of text opens the next row. The first unit cell takes the
first unit column's role, later ones the next column's (cells of empty columns are not printed,
so the first unit cell is always the first unit column's).
"""
from __future__ import annotations

import re

from .blocks import Block, Segment
from .clauses import is_time_cell, is_unit_list, looks_like_unit
from .grammar import GRAMMAR
from .rowlines import row_line_blocks
from .tables import header_cell_kind, role_columns_of
from .text import Line

_SENTENCE_MARK = re.compile(r"[,。.;:!?、]")
_WRAP_MAX = GRAMMAR.layout["spaced_wrap_max"]  # the broken-off end of a cell: 督查室, 扬尘治理方案
_DATED = re.compile(r"^(?:\d{4}年)?\d{1,2}月")


def spaced_header(raw: str) -> tuple[list[str], int] | None:
    """The column kinds of a header printed as space-separated words on a line (a title and an
    annex number may stand before it), and where its last word ends; None when there is none."""
    pieces = list(re.finditer(r"\S+", raw))
    for k in range(len(pieces)):
        kinds, end = [], k
        while end < len(pieces) and (kind := header_cell_kind(pieces[end].group())):
            kinds.append(kind)
            end += 1
        if len(kinds) >= 3 and "task" in kinds and role_columns_of(kinds):
            return kinds, pieces[end - 1].end()
    return None


def spaced_blocks(lines: list[Line]) -> tuple[list[Block], list[str]]:
    """The rows after the first space-separated header (see the module's docstring); where there is
    none, a space-parted table one row a line under a header this reader does not know (loader/rowlines.py)."""
    for i, line in enumerate(lines):
        found = spaced_header(line.raw) if line.raw.count(" ") >= 3 else None
        if found:
            kinds, end = found
            pieces = line.raw[end:].split() + [p for ln in lines[i + 1:] for p in ln.raw.split()]
            return _rows(_cells(pieces), role_columns_of(kinds)), []
    return row_line_blocks(lines), []


def _cells(pieces: list[str]) -> list[str]:
    """Pieces joined where a wrap broke a unit's name (`县交通` `运输局`, `县委县政府` `督查室`)."""
    cells: list[str] = []
    for piece in pieces:
        if cells and _continues_name(cells[-1], piece):
            cells[-1] += piece
        else:
            cells.append(piece)
    return cells


def _continues_name(before: str, piece: str) -> bool:
    """A short piece with no level prefix that ends a unit's name begun by the piece before it."""
    if len(before) > _WRAP_MAX or len(piece) > _WRAP_MAX or _SENTENCE_MARK.search(before + piece):
        return False
    if GRAMMAR.unit_start_re.match(piece) or not looks_like_unit(before + piece):
        return False
    return not looks_like_unit(before) or looks_like_unit(piece)


def _kind(cell: str) -> str:
    if _DATED.match(cell) or is_time_cell(cell):
        return "time"
    if len(cell) <= 40 and not re.search(r"[。.;:!?]", cell) and is_unit_list(cell):
        return "units"
    return "text"


def _rows(cells: list[str], roles: list[str]) -> list[Block]:
    blocks: list[Block] = []
    text, units, state = "", [], "text"
    for cell in cells:
        kind = _kind(cell)
        if kind == "text" and state == "time" and len(cell) <= _WRAP_MAX and not _SENTENCE_MARK.search(cell):
            continue  # the deadline's cell wrapped: 7月底前制定 / 扬尘治理方案
        if kind == "text" and state != "text":
            _close(blocks, text, units)
            text, units = "", []
        if kind == "text":
            text += cell
        elif kind == "units" and text and state != "time":
            units.append((cell, roles[min(len(units), len(roles) - 1)]))
        state = kind if kind != "units" or text else state
    _close(blocks, text, units)
    return blocks


def _close(blocks: list[Block], text: str, units: list[tuple[str, str]]) -> None:
    if text and units:
        blocks.append(Block(None, None, (), [Segment(text, units)]))

