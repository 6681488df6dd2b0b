"""A table flattened one row a line, its cells parted by spaces (one or more) and nothing else,
as a web table's text comes out of a page copied as plain text:

    序号 项目名称 单 位 工作目标 已完成数 备  注
    1 新建城区口袋公园 个 5 6 120.0% 县住建局
    2 改造农村公路 公里 80 85 106.3% 县交通运输局
    提质改造农村桥梁 座 4 4 100.0%

A header word may be broken by a space (`单 位`, `1- 8月完成`). A line opening with the next row
number opens a row; a line without one is a sub-row under the row's merged 序号 and name cells.
Cells need not be parted one to a column (an empty cell leaves no trace, a cell may hold a space),
so each line is read by its pieces' kinds: the text runs from the first piece up to the first
figure, measure or unit cell; the unit cell is the first piece after the text of nothing but units'
names. Each line with a unit cell is a segment of its row (a row with two is read as sub-rows);
lines without one are figures under the row's merged cells. The unit cell takes the header's role
column's role; where the header names none (the units printed under `备注`), responsible: a unit
column alone says who answers for the task.
"""
from __future__ import annotations

import re

from .blocks import ARABIC_ALONE, Block, Segment
from .clauses import is_unit_list
from .grammar import GRAMMAR
from .tables import header_cell_kind, in_sequence, role_columns_of
from .text import Line

_CONF = GRAMMAR.table["row_lines"]
_BROKEN = re.compile(_CONF["header_broken_piece"])
_MEASURE = re.compile(_CONF["measure_cell"])
_FIGURE = re.compile(GRAMMAR.layout["progress_figure"])
_SENTENCE_MARK = re.compile(r"[。;:!?]")


def row_line_blocks(lines: list[Line]) -> list[Block]:
    """The rows under the first header of a space-parted table one row a line (see the module's docstring)."""
    for i, line in enumerate(lines):
        kinds = _header_kinds(line.raw)
        if kinds:
            blocks = _rows(lines[i + 1:], _unit_role(kinds))
            if len(blocks) >= _CONF["min_rows"]:
                return blocks
    return []


def header_words(raw: str) -> list[str]:
    """A header line's words, a word a space broke joined back (`单 位` → 单位, `1- 8月` → 1-8月)."""
    words: list[str] = []
    joining = False
    for piece in raw.split():
        if joining:
            words[-1] += piece
        else:
            words.append(piece)
        joining = bool(_BROKEN.match(words[-1])) and not header_cell_kind(words[-1])
    return words


def _header_kinds(raw: str) -> list[str | None] | None:
    """The column kinds of a header line: enough words, a row-number word first, a task word among them."""
    if "|" in raw or "\t" in raw:
        return None
    words = header_words(raw)
    if len(words) < _CONF["min_columns"]:
        return None
    kinds = [header_cell_kind(word) for word in words]
    return kinds if kinds[0] == "number" and "task" in kinds else None


def _unit_role(kinds: list[str | None]) -> str:
    """The role of the rows' unit cells: the header's first role column's, else responsible."""
    roles = role_columns_of(kinds)
    return roles[0] if roles else "responsible"


def _rows(lines: list[Line], role: str) -> list[Block]:
    """Rows, each opened by a line whose first piece is the next row number; stops at a blank line
    or a line of one piece (the page goes on past the table)."""
    blocks: list[Block] = []
    number, pending = None, ""
    for line in lines:
        pieces = line.raw.split()
        if len(pieces) < 2 or "|" in line.raw:
            break
        if ARABIC_ALONE.match(pieces[0]) and (number is None or in_sequence(pieces[0], number)):
            number, pending = pieces[0], ""
            blocks.append(Block(number, None, (), []))
            pieces = pieces[1:]
        if number is None:
            break
        text, units = _line_cells(pieces)
        if units:
            blocks[-1].segments.append(Segment(pending + text, [(units, role)]))
            pending = ""
        elif not blocks[-1].segments:
            pending += text  # the row's first line prints no unit: its text opens the row's
    return [block for block in blocks if block.segments]


def _line_cells(pieces: list[str]) -> tuple[str, str]:
    """A line's text (its pieces up to the first figure, measure or unit cell) and its unit cell."""
    text_end = next((k for k, piece in enumerate(pieces) if k and _not_text(piece)), len(pieces))
    unit = next((piece for piece in pieces[1:] if _unit_cell(piece)), "")
    return "".join(pieces[:text_end]), unit


def _not_text(piece: str) -> bool:
    """A figure (`5.2`, `139.1%`, `-`, `1300人`), a measure (`万人`, `元/月/人`) or a unit cell."""
    return bool(_FIGURE.match(piece) or piece[0].isdigit() or _MEASURE.match(piece)) or _unit_cell(piece)


def _unit_cell(piece: str) -> bool:
    """A cell of nothing but units' names: no sentence, no figure."""
    return not _SENTENCE_MARK.search(piece) and not piece[0].isdigit() and is_unit_list(piece)
