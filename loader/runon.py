"""A page run into one line: which of its two readings to keep.

A page copied onto one line parts its former lines by spaces. Where its pieces are long
(paragraphs), `text._runs_on` parts it at its spaces and nothing is in doubt. Where many are
short (a table's cells one a line, a menu's words, a notice's fields), the spaces may part lines
or stand between a spaced table's cells (`序号 重点任务 牵头部门 …`, loader/spaced.py), or inside a
PDF text layer's scrambled words. The line is then read both ways, as the engine reads a text
with every reader, and the reading that weighs more is kept (_weight: the (task, unit, role) triples
it ties whose units read as units' names; the line parted on a tie: a page's lines are likelier than a
table spaced out on one line).
"""
from __future__ import annotations

import re

from .blocks import heading_of
from .cellrows import headerless_rows, rows_of_cells
from .clauses import is_time_cell, is_unit_list, looks_like_unit
from .conventions import read_conventions
from .grammar import GRAMMAR
from .records import ROLES
from .tables import header_cell_kind, header_shaped
from .tasks import find_tasks
from .text import Line, both_readings, may_part_alone, to_lines
from .wrapped import run_on_unwrapped


def lines_of(text: str) -> list[Line]:
    """The normalised lines of a text (text.to_lines), a page run into one line read both ways."""
    readings = _Readings()
    text = run_on_unwrapped(text)  # a run-on page cut at a count of characters: its bars and spaces as printed
    alone = may_part_alone(text)
    lines, parted = both_readings(text) if alone else (to_lines(text), None)
    if parted is not None:
        # a line that opens with a page's furniture (当前位置:, 来源:) is dropped whole: nothing as it stands
        if not lines or ([ln.text for ln in parted] != [ln.text for ln in lines]
                         and readings.weight(parted) >= readings.weight(lines)):
            lines = parted
    if alone and "|" in text:
        lines = _cells_apart(text, lines, readings)
    elif parted is not None:
        lines = _spaced_rows_apart(text, _labels_apart(text, lines, readings), readings)
    if alone and len(lines) == 1:
        lines = _items_apart(text, lines, readings)
    rows = rows_of_cells(lines)  # a table broken into one cell a line: its rows joined back
    if rows is None:
        rows = headerless_rows(lines)  # …with no header: each row closed by its leader's name
    if rows is None:
        return lines
    read = readings.weight(rows)  # a row's task text that ends like a unit's name no longer reads as one
    kept = tuple(_KEEP_ROWS * count for count in readings.weight(lines))
    return rows if read[0] and read >= kept else lines


_KEEP_ROWS = GRAMMAR.table["wrap"]["cell_rows_keep"]
_CELL_BAR = re.compile(r"[ \t]*\|[ \t]*")


def _weight(tasks: list) -> tuple[int, int]:
    """What a reading is weighed by: the (task, unit, role) triples it ties whose unit reads as a unit's
    name, then all it ties where one is. A reading that puts other words under its units (a table's
    other cells, `元坝镇280`, a town's share of a target; a sentence cut at a space) wins nothing by them."""
    units = [r.unit for t in tasks for r in t.responsibilities]
    named = sum(map(looks_like_unit, units))
    return (named, len(units)) if named else (0, 0)


class _Readings:
    """A page's readings, each one's tasks found once: the lines as they stand are weighed against the
    parted lines, the cells' rows and the rows joined back, and would otherwise be read each time."""

    def __init__(self) -> None:
        self._found: dict[tuple[Line, ...], list] = {}

    def tasks(self, lines: list[Line]) -> list:
        key = tuple(lines)
        if key not in self._found:
            read, conventions = read_conventions(lines)
            self._found[key] = find_tasks(read, conventions)[0]
        return self._found[key]

    def weight(self, lines: list[Line]) -> tuple[int, int]:
        return _weight(self.tasks(lines))


def _cells_apart(text: str, lines: list[Line], readings: _Readings) -> list[Line]:
    """A page run into one line whose table's rows lost their ends (`…| 完成时限 | 一、强化…`: the
    space between one row's last `|` and the next row's first cell is a space between cells): its
    cells one a line, their rows joined back by the header's count (loader/cellrows.py), where that
    weighs as much as the line as it stands (_weight): the bars part its cells, so a reading that parts a
    cell at its spaces (`责任单位 或牵头单位`) shifts its columns and wins no tie."""
    reads = (_rows_rebuilt(text), rows_of_cells(to_lines(_CELL_BAR.sub("\n", text))), lines)
    scored = [(readings.weight(read), read) for read in reads if read is not None]
    count, best = max(scored, key=lambda pair: pair[0])  # the first on a tie
    return best if count[0] else lines  # no unit's name read: nothing to weigh the columns by


_WRAP = GRAMMAR.table["wrap"]
_SENTENCE = re.compile(_WRAP["runon_sentence"])


def _labels_apart(text: str, lines: list[Line], readings: _Readings) -> list[Line]:
    """A card's fields printed one a line (`具体任务` / text / `责任单位` / units …) run into one line: the
    space before a label may be read as no line's end (`…健康县。责任单位:卫健局`, the field inside the
    task's text). Parted before and after each piece that is a field's label, the values between two
    labels kept whole (`卫健局 文旅局`: one field's units), it is kept where its units read as more units'
    names than the line as it stands, and it reads no fewer tasks (a plan's items whose labels are
    printed with a space, `牵头单位 省监察委`, are no card: parted at them, its items run together)."""
    pieces = text.split()
    at = [k for k, piece in enumerate(pieces) if _field_label(piece)]
    if len(at) < _WRAP["runon_card_labels"]:
        return lines
    rebuilt = [_parted(" ".join(pieces[:at[0]]))]
    for k, nxt in zip(at, at[1:] + [None]):  # the last label's value: its one piece, the rest parted
        rebuilt += [pieces[k], " ".join(pieces[k + 1:nxt])] if nxt else [
            pieces[k], " ".join(pieces[k + 1:k + 2]), _parted(" ".join(pieces[k + 2:]))]
    read = to_lines("\n".join(part for part in rebuilt if part))
    parted, as_is = readings.tasks(read), readings.tasks(lines)
    if len(parted) < len(as_is):
        return lines
    return read if _weight(parted) > _weight(as_is) else lines


_ITEM_AFTER_STOP = re.compile(_WRAP["runon_item_after_stop"])


def _items_apart(text: str, lines: list[Line], readings: _Readings) -> list[Line]:
    """A page run into one line with too few spaces to be parted at them (`…宣传。 (四)建立…`, two
    paragraphs): it still reads as one line, its items run together (the first item's opening sentence
    read with its heading). Each space after a sentence's end and before an item's number was a line's
    end; that reading is kept where it ties more units' names than the one line (on a tie the line's items
    may be read better as they stand: `1.主要指标的责任部门。` over its targets keeps their own numbers)."""
    items = to_lines(_ITEM_AFTER_STOP.sub("\n", text))
    if len(items) < 2:
        return lines
    return items if readings.weight(items) > readings.weight(lines) else lines


def _spaced_rows_apart(text: str, lines: list[Line], readings: _Readings) -> list[Line]:
    """A table run into one line with single spaces (`序号 工作任务 牵头单位 配合单位 1 <text> A B 2 …`): parted at
    every space, two units side by side read as one cell's list (`A、B`), and a one-unit 配合 cell leads with
    the 牵头 unit. Where every row holds the header's count of pieces (`_spaced_rows`), each piece is a cell:
    that reading is kept where it weighs at least as much as the one it would replace."""
    rebuilt = _spaced_rows(text)
    if rebuilt is None:
        return lines
    return rebuilt if readings.weight(rebuilt) >= readings.weight(lines) else lines


def _spaced_rows(text: str) -> list[Line] | None:
    """The page with its table's rows written back one a line, `|` between cells: the header found
    among the space-parted pieces opens with a number column, its rows open at the numbers that count
    up from 1 (the evidence a piece is a row's number, not a text's figure), and every row but the
    last holds exactly the header's count of pieces (the last at least: the pieces after it are the
    prose after the table). None where any of that fails: a cell with a space inside it (a list of
    units spaced apart) would shift the columns."""
    pieces = text.split()
    found = _header_at(pieces)
    if found is None:
        return None
    start, n = found
    header = pieces[start:start + n]
    rows = _rows_by_number(pieces[start + n:])
    if header_cell_kind(header[0]) != "number" or not rows or any(len(row) != n for row in rows[:-1]) \
            or len(rows[-1]) < n:
        return None
    rows[-1], after = rows[-1][:n], rows[-1][n:]
    table = "\n".join(" | ".join(row) + " |" for row in [header] + rows)
    parts = (_parted(" ".join(pieces[:start])), table, _parted(" ".join(after)))
    return to_lines("\n".join(part for part in parts if part))


def _rows_by_number(pieces: list[str]) -> list[list[str]] | None:
    """The pieces grouped into rows, each opening at the number after the last row's (1, 2, 3 …);
    None where the first piece is not 1."""
    if not pieces or pieces[0] != "1":
        return None
    rows: list[list[str]] = [[]]
    for piece in pieces:
        if rows[-1] and _next_number(rows, piece):
            rows.append([])
        rows[-1].append(piece)
    return rows


def _field_label(piece: str) -> bool:
    """A piece that is a card's field label (责任单位, 完成时限, 具体任务), its colon aside."""
    word = piece.rstrip(":：")
    return word in GRAMMAR.column_labels or word in GRAMMAR.layout["other_labels"] or word in GRAMMAR.columns["task"]


def _rows_rebuilt(text: str) -> list[Line] | None:
    """A |-table run on one line whose rows hold fewer cells than its header (merged cells, `…| 4月 |
    (2)…`) or are parted by an empty cell (`…| 教体局 | | 2 |…`): its rows written back one a line, each
    closed where a cue says (loader/runon.py _row_closes), the prose before and after it parted as a page
    run on one line is; None where no header is found among its cells."""
    cells = _CELL_BAR.split(text.strip())
    if len(cells) < 4:
        return None
    prose, cells[0] = _header_cell_apart(cells[0])
    found = _header_at(cells[:-1])
    if found is None:
        return None
    start, n = found
    header, below, leaves = _two_levels(cells[start:start + n])
    kinds = [header_cell_kind(_bare(c)) for c in leaves]
    rows = [cells[:start], header, below] + _rows_closed(cells[start + n:-1], kinds)
    table = "\n".join(" | ".join(row) + " |" for row in rows if row)
    return to_lines("\n".join(part for part in (_parted(prose), table, _parted(cells[-1])) if part))


def _parted(run: str) -> str:
    """A run of prose (before or after the table) parted into the lines it was run from; a run too
    short to read as a page run on (`2015年12月21日 附件`: a date, a label) parted at every space."""
    if len(run.strip()) < _WRAP["run_on_alone"]["length"]:
        return "\n".join(run.split())
    return "\n".join(ln.raw for ln in to_lines(run, part_alone=True))


def _header_cell_apart(first: str) -> tuple[str, str]:
    """The prose run on before a table's first header cell (`…特制定本计划。 一、安排表 行业名称`) and that
    cell: the longest tail of its space-parted pieces that is header-shaped."""
    pieces = first.split()
    for k in range(len(pieces)):
        tail = " ".join(pieces[k:])
        if header_shaped(_bare(tail)):
            return " ".join(pieces[:k]), tail
    return first, ""


def _header_at(cells: list[str]) -> tuple[int, int] | None:
    """Where a table's header opens among the cells and its count: the first run of header-shaped
    cells (or cells that name a column) that names a role column, at least three: the whole run where
    it opens with a number column (the first row's number ends it), else up to its last cell that
    names a column (the first row's short cells may look like header cells)."""
    k = 0
    while k < len(cells):
        run = k
        while run < len(cells) and run - k < _WRAP["runon_header_cells"] and _header_like(cells[run]):
            run += 1
        kinds = [header_cell_kind(_bare(c)) for c in cells[k:run]]
        named = [j for j, kind in enumerate(kinds) if kind]
        if named and named[-1] >= 2 and any(kind in ROLES for kind in kinds):
            return k, run - k if kinds[0] == "number" else named[-1] + 1
        k = run + 1
    return None


_UNDER_ROLE = ROLES + ("person",)


def _two_levels(cells: list[str]) -> tuple[list[str], list[str], list[str]]:
    """A header of two rows run on into one (`序号 | 任务 | 责任单位 | 牵头领导 | 牵头单位 |`, or `… | 责任单位 |
    完成时限 | 牵头单位 | 配合单位 |`): its first row, its second (the unit or official cells at its end that a
    责任单位 cell before them stands over) and the row's leaf cells, the second row's in its parent's place;
    a header of one row is its own first row and leaves, with no second."""
    kinds = [header_cell_kind(_bare(c)) for c in cells]
    tail = len(cells)
    while tail > 0 and kinds[tail - 1] in _UNDER_ROLE:
        tail -= 1
    parents = [k for k in range(min(tail + 1, len(cells))) if kinds[k] == "responsible"]
    if not parents:
        return cells, [], cells
    parent = parents[0]
    subs = max(tail, parent + 1)
    below = cells[subs:]
    if len(below) < 2 or not any(kinds[k] in ROLES for k in range(subs, len(cells))):
        return cells, [], cells
    return cells[:subs], below, cells[:parent] + below + cells[parent + 1:subs]


def _header_like(cell: str) -> bool:
    bare = _bare(cell)
    return bool(bare) and (header_shaped(bare) or header_cell_kind(bare) is not None)


def _rows_closed(cells: list[str], kinds: list[str | None]) -> list[list[str]]:
    """The table's cells grouped into rows: a row closes before the next row's number, and at the
    header's count of cells, or, where the header prints a time column last, at a cell that fits it
    (`4月`, `长期坚持`: merged cells before it leave the row short, a heading's row of one cell above it
    makes it long; at most twice the count), or after a unit cell under the column before it that a
    cell of text follows (the row's time cell merged). An empty cell that would open a row parts two rows."""
    n, timed = len(kinds), kinds[-1] == "time"
    rows: list[list[str]] = [[]]
    for cell in cells:
        if not cell and not rows[-1]:
            continue
        if rows[-1] and (kinds[0] == "number" and _next_number(rows, cell)
                         or timed and kinds[-2] in ROLES and _time_merged(rows[-1], cell)):
            rows.append([])
        rows[-1].append(cell)
        if timed and is_time_cell(_bare(cell)) or len(rows[-1]) >= (2 * n if timed else n):
            rows.append([])
    return [part for row in rows for part in _long_row_parted(row, n)]


def _time_merged(row: list[str], cell: str) -> bool:
    """A row closed by its unit cell: the next cell is text, neither units nor a time."""
    return len(row) >= 2 and _unit_cell(row[-1]) and not _unit_cell(cell) and not is_time_cell(_bare(cell))


def _long_row_parted(row: list[str], n: int) -> list[list[str]]:
    """A row longer than the header parted: a heading that opens it is a row of its own (`一、体系建设`
    above the first row of its section), else its first n cells are one."""
    out: list[list[str]] = []
    while len(row) > n or _headings_before_number(row):
        cut = 1 if heading_of(_bare(row[0])) else n
        out.append(row[:cut])
        row = row[cut:]
    return out + [row] if row else out


def _headings_before_number(row: list[str]) -> bool:
    """A row short of the header's count (a page cut in its last row, whose unit cell then reads as the
    prose after the table) may still open with its section's headings (`二、… | (二)… | 3 | text`): cells
    that are headings, up to a number cell, are rows of their own, as on a row of the full count."""
    first_number = next((k for k, cell in enumerate(row) if cell.isdigit()), 0)
    return first_number > 0 and all(heading_of(_bare(cell)) for cell in row[:first_number])


def _next_number(rows: list[list[str]], cell: str) -> bool:
    """A cell that numbers the row after the last one that opened with a number."""
    numbered = [r[0] for r in rows if r and r[0].isdigit()]
    return cell.isdigit() and bool(numbered) and int(cell) == int(numbered[-1]) + 1


def _unit_cell(cell: str) -> bool:
    """A cell of units (`党政办 应消站`: a cell's units parted by spaces; `村(社区)` among them need not
    read as a unit): no sentence, and a piece that reads as units."""
    return not _SENTENCE.search(cell) and any(is_unit_list(piece) for piece in cell.split())


def _bare(cell: str) -> str:
    return cell.replace(" ", "")

