"""Tables drawn with box-drawing characters (a Word table saved as text) → one row a line.

    ┌──────────┬────┬────────┐
    │ 工 作 任 务 │分管领│牵头单位 │
    │ │ 导 │ │
    ├──────────┼────┼────────┤
    │加强…,增强… │张某 │市发展│
    ├──────────┤ │改革委 │
    │△实施…项目 │ ├────────┤
    │△培育… │ │市商务局│

Every cell wraps over physical lines and the runs of spaces that aligned the columns are
often collapsed, so columns are told apart by their place among the `│` on each line, not
by position. A cell runs from a border (`─` between two corners) to the next border in its
column; merged cells span the borders of the columns beside them. The table becomes `|`
rows, one a line, which the columns reader reads:

- the header: the cells above the first full border, each joined (`分管领` + `导`);
- a row for each cell of the first column, and for each item opened by a bullet (`△`) in
  it; every other column gives the cell that covers the row's first line (a merged unit
  cell stands for each row it spans);
- a first-column cell with no bullet followed by bulleted items is their category: it
  becomes a 类别 cell before the items' text, and no row of its own.

A line count is kept: the rows stand where their first lines stood and the lines they
used become blank, so line numbers (`--explain`) stay those of the file.
"""
from __future__ import annotations

import re

from .clauses import looks_like_unit
from .grammar import GRAMMAR

_SEPARATORS = re.compile(r"[│┃║|┌┐└┘├┤┬┴┼┏┓┗┛┣┫┳┻╋╞╡╪╟╢╫╠╣╬╔╗╚╝╦╩]")
_ASCII_SEPARATORS = re.compile(r"[|+]")  # a grid typed with + - = | (pandoc's grid tables)
_BOX_LINE = re.compile(r"^\s*[│┃║┌├└┏┣┗╔╠╚|+]")
_BORDER = re.compile(r"^[─━═\-=\s]*[─━═\-=][─━═\-=\s]*$")
_TOP = re.compile(r"^\s*(?:[┌┏╔][─━═┬┳╦\s]*[┐┓╗]|\+[-=+]*-[-=+]*\+)\s*$")
_BOTTOM = ("└", "┗", "╚")
_BULLET = re.compile(GRAMMAR.layout["box_item_bullet"])
_CATEGORY = GRAMMAR.columns["category"][0]  # the header of a category written down its column


def box_tables(lines: list[str]) -> list[str]:
    """The lines with each box-drawn table rewritten as `|` rows (the same number of lines)."""
    if not any(_TOP.match(ln) for ln in lines if ln[:12].strip()[:1] in "┌┏╔+"):
        return lines
    out = list(lines)
    i = 0
    while i < len(lines):
        if not _TOP.match(lines[i]):
            i += 1
            continue
        j = i + 1
        ascii_grid = lines[i].strip().startswith("+")
        while j < len(lines) and _BOX_LINE.match(lines[j]) and not _TOP.match(lines[j]):
            j += 1
            if lines[j - 1].lstrip().startswith(_BOTTOM):
                break
        if ascii_grid:  # the bottom border looks like the top one
            j = i + 1
            while j < len(lines) and _BOX_LINE.match(lines[j]):
                j += 1
        rows = _table(lines[i:j], _ASCII_SEPARATORS if ascii_grid else _SEPARATORS)
        if rows is not None:
            out[i:j] = rows
        i = j
    return out


def _segments(line: str, separators: re.Pattern) -> list[str]:
    """A line's pieces between its separators, the outer frame dropped: the same piece index
    is the same column on every line of a table, whatever spaces were collapsed."""
    parts = separators.split(line.strip())
    return parts[1:-1] if len(parts) >= 2 else parts


def _spans_expanded(block, grid, border, text, ncols) -> bool:
    """Header lines with fewer cells than the table (a cell merged over the columns below it)
    get one entry a column: the merged cell's text in its first column, its border in all.
    Which columns it spans the line below tells: there its missing boundaries open (┬)."""
    for r, g in enumerate(grid):
        if len(g) == ncols:
            continue
        below = next((k for k in range(r + 1, len(block)) if len(grid[k]) == ncols), None)
        if below is None:
            return False
        marks = _SEPARATORS.findall(block[below].strip())
        opened = {b for b in range(1, ncols) if b < len(marks) and marks[b] in "┬┳╦"}
        bounds = [0] + [b for b in range(1, ncols) if b not in opened] + [ncols]
        if len(bounds) - 1 != len(g):
            return False
        wide_border, wide_text = [], []
        for j in range(len(g)):
            span = bounds[j + 1] - bounds[j]
            wide_border += [border[r][j]] * span
            wide_text += [text[r][j]] + [""] * (span - 1)
        grid[r], border[r], text[r] = wide_text, wide_border, wide_text
    return True


def _piece(segment: str) -> str:
    """A cell's piece on one line: spaces around it gone, a run of spaces inside it one space
    (units a space apart stay apart; the normalisation takes spaces out of text)."""
    return re.sub(r"\s+", " ", segment.strip())


def _table(block: list[str], separators: re.Pattern = _SEPARATORS) -> list[str] | None:
    """One box-drawn table as `|` rows at its rows' first lines, or None where the lines do not
    make one table (a `│` inside a cell, a row of another table): those stay as printed."""
    nlines = len(block)
    block = _without_cut_row(block, separators)
    grid = [_segments(ln, separators) for ln in block]
    ncols = max(map(len, grid))
    border = [[bool(_BORDER.match(seg)) for seg in g] for g in grid]
    text = [["" if b else _piece(seg) for seg, b in zip(g, bs)] for g, bs in zip(grid, border)]
    if ncols < 2 or not _spans_expanded(block, grid, border, text, ncols):
        return None
    columns = [_column_cells(border, text, c) for c in range(ncols)]
    body_start = _header_end(border)
    if body_start is None or not columns[0]:
        return None
    # a header cell merged over the columns below it (责任单位 over 牵头单位, 配合单位) heads each
    header = ["".join(t for a, _, t in col if a < body_start) for col in columns]
    if not all(header):
        return None
    down = {c for c in range(ncols) if not border[body_start][c]}
    header = [_CATEGORY if c in down else h for c, h in enumerate(header)]
    # rows: the cells of the column cut into the most (序号 or the task, not a merged 类别)
    key = max(range(ncols), key=lambda c: (len(columns[c]), -c))
    items = _items(columns[key], [row[key] for row in text], body_start)
    rows = _rows_out(len(block), header, columns, key, items, body_start, down)
    return rows + [""] * (nlines - len(block))


def _without_cut_row(block: list[str], separators: re.Pattern) -> list[str]:
    """The table without a last row the page's end cuts inside its cells (its last line stops
    short of the frame, no border closes it): half a row's units are not its units."""
    last = block[-1].rstrip()
    if len(block) < 3 or not last or separators.fullmatch(last[-1]):
        return block
    borders = [r for r in range(len(block) - 1) if _is_border_line(block[r], separators)]
    return block[:borders[-1] + 1] if borders and borders[-1] > 0 else block


def _is_border_line(line: str, separators: re.Pattern) -> bool:
    """A line drawn across the columns (├──┼──┤), a category cell written down the first
    column perhaps still open beside it."""
    segments = _segments(line, separators)
    return sum(bool(_BORDER.match(seg)) for seg in segments) * 2 > len(segments)


def _header_end(border: list[list[bool]]) -> int | None:
    """The border under the header: the first line drawn across the columns, except cells that
    open on the header's first line and run on down into the body (a category written one
    character a line down its column, 技/术/考/核); those must be fewer than the bordered."""
    for r in range(1, len(border)):
        open_down = [c for c, b in enumerate(border[r])
                     if not b and not any(border[k][c] for k in range(1, r))]
        crossed = sum(border[r])
        if crossed and crossed + len(open_down) == len(border[r]) and crossed > len(open_down):
            return r
    return None


def _column_cells(border: list[list[bool]], text: list[list[str]], c: int) -> list[tuple[int, int, str]]:
    """Column c's cells as (first line, last line, text): a cell runs from one border in its
    column to the next, so a cell merged down the rows beside it is one cell."""
    spans, start = [], None
    for r in range(len(border)):
        if border[r][c]:
            if start is not None:
                spans.append((start, r - 1))
            start = None
        elif start is None:
            start = r
    if start is not None:
        spans.append((start, len(border) - 1))
    return [(a, b, _joined([text[r][c] for r in range(a, b + 1)])) for a, b in spans]


def _joined(pieces: list[str]) -> str:
    """A cell's lines as one text: a wrap is joined with nothing (工业用水重 + 复利用率), but two
    lines that are each a unit's whole name (市经委 / 市城管局 one a line) are two units, so `、`."""
    out = ""
    last = ""
    for piece in filter(None, pieces):
        out += ("、" if looks_like_unit(last) and looks_like_unit(piece) else "") + piece
        last = piece
    return out


def _items(key_cells: list[tuple[int, int, str]], key_pieces: list[str], body_start: int) -> list[tuple[int, str]]:
    """The body's rows as (first line, text): each cell of the key column, split where a bullet
    (△) opens an item inside it, since a cell may hold several tasks that share its units."""
    items: list[tuple[int, str]] = []
    for a, b, _ in key_cells:
        if a < body_start:
            continue
        run: tuple[int, str] | None = None
        for r in range(a, b + 1):
            piece = key_pieces[r]
            if run is None or _BULLET.match(piece):
                if run is not None:
                    items.append(run)
                run = (r, piece)
            else:
                run = (run[0], run[1] + piece)
        if run is not None:
            items.append(run)
    return items


def _rows_out(nlines: int, header: list[str], columns: list[list[tuple[int, int, str]]], key: int,
              items: list[tuple[int, str]], body_start: int, down: set[int]) -> list[str]:
    """The table's lines rewritten: the header on the first, each item's row on its first line
    with the cell of every other column that covers that line, the rest blank (line numbers
    stay the file's). An unbulleted cell before bulleted items is their 类别, no row of its own."""
    bulleted = [bool(_BULLET.match(t)) for _, t in items]
    has_category = any(bulleted) and any(not b for b in bulleted)
    out = [""] * nlines
    out[0] = "|".join((["类别"] if has_category else []) + header)
    category = ""
    for k, (first, item) in enumerate(items):
        if has_category and not bulleted[k] and k + 1 < len(items) and bulleted[k + 1]:
            category = item
            continue
        cells = [_BULLET.sub("", item) if c == key else
                 next((t for a, b, t in col if a <= first <= b and (a >= body_start or c in down)), "")
                 for c, col in enumerate(columns)]
        out[first] = "|".join(([category] if has_category else []) + cells)
    return out
