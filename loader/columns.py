"""Tables whose rows keep their cells: one row a line, cells separated by tabs or `|`.

    序号|工作任务|牵头领导|牵头单位|配合单位|完成时限
    1|建成区级养老服务指导中心|王某某|区民政局|区财政局、区卫健委|2024年12月

Where the header names the columns and the rows below have its cells, every cell is read
by its column, not guessed from its shape: a task text that ends like a unit's name
(…指导中心) stays text, an official's column is skipped, an empty 配合单位 cell stays
empty. The reading is kept only where most rows fit the header (a table typed with tabs
in a Word export often wraps its cells over lines; the table reader reads those).
"""
from __future__ import annotations

from itertools import groupby

from .blocks import ARABIC_ALONE, Block, Segment, heading_of
from .records import ROLES
from .tables import header_cell_kind, role_columns_of
from .text import Line

_MIN_FIT = 0.8  # the share of rows under a header that must fit its columns


def column_blocks(lines: list[Line]) -> tuple[list[Block], list[str]]:
    rows = [list(cells) for _, cells in groupby(lines, key=lambda ln: ln.no)]
    for i, row in enumerate(rows):
        kinds = _header_kinds(row)
        if kinds:
            return _read_rows(rows[i + 1:], kinds), []
    return [], []


def _header_kinds(row: list[Line]) -> dict[int, str] | None:
    """Cell place → column kind, when a row is a header with a task column and a role column."""
    if len(row) < 3:
        return None
    kinds = {cell.cell: header_cell_kind(cell.text) for cell in row}
    if None in kinds.values() or "task" not in kinds.values() or not any(k in ROLES for k in kinds.values()):
        return None
    return kinds


def _read_rows(rows: list[list[Line]], kinds: dict[int, str]) -> list[Block]:
    fitting = {id(row) for row in rows if len(row) >= 2 and all(cell.cell in kinds for cell in row)}
    if not rows or len(fitting) < _MIN_FIT * len([r for r in rows if len(r) >= 2]):
        return []
    roles = dict(zip([k for k in sorted(kinds) if kinds[k] in ROLES],
                     role_columns_of([kinds[k] for k in sorted(kinds)])))
    blocks, section = [], None
    for row in rows:
        if len(row) == 1 and heading_of(row[0].text):  # 一、安全生产责任落实行动: a category row, merged
            section = row[0].text
            continue
        if id(row) not in fitting:
            continue
        cells = {cell.cell: cell.text for cell in row}
        section = next((cells[k] for k in cells if kinds[k] == "category"), section)
        number = next((cells[k] for k in cells if kinds[k] == "number" and ARABIC_ALONE.match(cells[k])), None)
        text = "".join(cells[k] for k in sorted(cells) if kinds[k] == "task")
        clauses = [(cells[k], roles[k]) for k in sorted(cells) if k in roles]
        if text and clauses:
            head = heading_of(section) if section else None
            blocks.append(Block(number.rstrip(".、") if number else None, section,
                                (head.numeral,) if head else (), [Segment(text, clauses)]))
    return blocks
