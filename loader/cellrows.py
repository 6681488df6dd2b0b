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
from collections.abc import Iterator
from dataclasses import replace
from itertools import combinations

from .blocks import heading_of
from .clauses import is_time_cell, is_unit_list, looks_like_unit, split_units
from .columns import header_row_kinds, two_row_header_kinds
from .grammar import GRAMMAR, alternation
from .records import ROLES
from .tables import header_cell_kind, header_shaped, role_columns_of
from .text import Line

_MAX_COLUMNS = GRAMMAR.table["wrap"]["cell_header_cells_max"]
_NUMBER = re.compile(GRAMMAR.table["wrap"]["cell_row_number"])


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
    """The table whose header opens at line i, as rows of cells, and the line after it: of the headers
    the run of header cells there can make, the one under which the most rows fit."""
    run = i
    while run < len(lines) and run - i < _MAX_COLUMNS and alone[run] and header_shaped(lines[run].text) \
            and (run == i or lines[run].blanks_before == 0):
        run += 1
    best = None
    for header, sub, kinds in _headers(lines, i, run):
        start = i + len(header) + len(sub)
        rows, ends = _rows(lines, start, len(kinds), kinds, alone)
        while rows and len(rows[-1]) == 1:
            rows.pop()  # a heading after the table is no row of it
        end = ends[len(rows) - 1] if rows else start
        if rows and (best is None or len(rows) > len(best[2])):
            best = (header, sub, rows, end)
    if best is None:
        return None
    header, sub, rows, end = best
    out = _header_row(header, header[0].blanks_before) + _header_row(sub, 0)
    for row in rows:
        first = next(c for c in row if c is not None)  # its number: the row's provenance
        out += [Line(c.text, c.raw, first.blanks_before if c is first else 0, first.no, k)
                for k, c in enumerate(row) if c is not None]
    return out, end


def _headers(lines: list[Line], i: int, run: int) -> Iterator[tuple[list[Line], list[Line], dict[int, str]]]:
    """Each header the header cells i…run can make, with its cells' kinds: its first n cells alone, and
    those n over a second level (责任单位 over 牵头单位 / 配合单位: the sub-cells take the merged cell's
    place, so a row has the header's leaf cells)."""
    for n in range(3, run - i + 1):
        header = lines[i:i + n]
        kinds = header_row_kinds(_placed(header))
        if not kinds or len(kinds) != n:
            continue
        yield header, [], kinds
        for m in range(2, run - i - n + 1):
            sub = lines[i + n:i + n + m]
            leaves = two_row_header_kinds(_placed(header), _placed(sub))
            if leaves and len(leaves) == n - 1 + m:
                yield header, sub, leaves


def _placed(cells: list[Line]) -> list[Line]:
    """Header cells one a line as the cells of one row, each at its place."""
    return [Line(c.text, c.raw, 0, 0, k) for k, c in enumerate(cells)]


def _header_row(cells: list[Line], blanks: int) -> list[Line]:
    """A header's cells written as one row (the line of its first cell)."""
    return [Line(c.text, c.raw, blanks if k == 0 else 0, cells[0].no, k) for k, c in enumerate(cells)]


def _rows(lines: list[Line], start: int, n: int, kinds: dict[int, str], alone: list[bool]) -> tuple[list[list[Line | None]], list[int]]:
    """The rows of n cells from line `start` that fit the header's kinds, and the line after each row
    (a cell joined from several lines is a new Line, so the end is kept, never searched for)."""
    rows: list[list[Line | None]] = []
    ends: list[int] = []
    k = start
    while k < len(lines):
        if alone[k] and heading_of(lines[k].text) and not _NUMBER.match(lines[k].text):
            rows.append([lines[k]])  # 二、城市建设: a heading's row of one cell between the rows
            k += 1
            ends.append(k)
            continue
        row, j = _unit_cell_merged_row_at(lines, k, n, kinds, alone, rows[-1]) if rows and len(rows[-1]) == n \
            else (None, k)
        if row is None:
            row, j = _row_at(lines, k, n, kinds, alone)
        if row is None and rows and len(rows[-1]) == n and _wraps_last_cell(lines, k, n, kinds, alone, rows[-1][-1]):
            rows[-1][-1] = _joined(rows[-1][-1], lines[k], "")  # 每年开展 / 并长期坚持: one cell
            k += 1
            ends[-1] = k
            continue
        if row is None:
            row, j = _wrapped_row_at(lines, k, n, kinds, alone)
        if row is None and rows and len(rows[-1]) == n:  # a merged cell is printed on its first row, above
            row, j = _short_row_at(lines, k, n, kinds, alone, rows[-1])
        if row is None:
            break
        rows.append(row)
        k = j
        ends.append(k)
    return rows, ends


def _row_at(lines: list[Line], k: int, n: int, kinds: dict[int, str], alone: list[bool]) -> tuple[list[Line | None] | None, int]:
    """The row of n cells from line k (a blank line an empty cell), if it fits the header's kinds."""
    row: list[Line | None] = []
    j = k
    while len(row) < n and j < len(lines) and alone[j]:
        empties = lines[j].blanks_before
        if empties > 0:
            row += [None] * min(empties, n - len(row))
            if len(row) >= n:
                break
        row.append(lines[j])
        j = _unit_lines_joined(row, lines, j + 1, kinds, alone)
    return (row, j) if len(row) == n and _fits(row, kinds) else (None, j)


_UNIT_LINES = GRAMMAR.table["wrap"]["cell_unit_lines"]
_WRAP_LINES = GRAMMAR.table["wrap"]["cell_wrap_lines"]
_WRAP_SLACK = GRAMMAR.table["wrap"]["cell_wrap_slack"]


def _wrapped_row_at(lines: list[Line], k: int, n: int, kinds: dict[int, str], alone: list[bool]) -> tuple[list[Line | None] | None, int]:
    """The row of n cells from line k where its cells were cut over several lines (对马…运动 / 场地进行改造。):
    of the readings that fit the header and end where the next row opens, the one with the fewest
    run-on lines, those after the longest lines (a cut falls where a line is full, and the line it
    cut off is no longer)."""
    if lines[k].blanks_before:
        return None, k  # rows that blank lines part: the table reader's (a blank line is an empty cell here)
    if header_cell_kind(lines[k].text):
        return None, k  # a header's word (牵头单位 above a merged 分类 cell) opens no row: the header is longer
    best, best_key = None, None
    for row, j, runs in _wrapped_rows(lines, k, n, kinds, alone, [], k, []):
        if not (_fits(row, kinds) and _cell_fits(row[-1], n - 1, kinds) and _opens_next(lines, j, row, kinds, alone)):
            continue
        key = (len(runs), -sum(runs))
        if best_key is None or key < best_key:
            best, best_key = (row, j), key
    return best if best is not None else (None, k)


def _wrapped_rows(lines: list[Line], k: int, n: int, kinds: dict[int, str], alone: list[bool],
                  row: list[Line | None], j: int, runs: list[int]):
    """Every reading of lines j… as the rest of the row (each line a new cell or the last cell run on),
    with the lengths of the lines that run on; a closed cell must fit its column, and a unit's line
    runs on no text cell (it is the next unit cell)."""
    if len(row) == n:
        yield list(row), j, list(runs)
    if j >= len(lines) or not alone[j] or (j > k and _NUMBER.match(lines[j].text) and kinds.get(0) == "number"):
        return
    line = lines[j]
    if row and row[-1] is not None and line.blanks_before == 0 and len(runs) < _WRAP_LINES \
            and len(line.text) <= len(lines[j - 1].text) + _WRAP_SLACK \
            and (kinds.get(len(row) - 1) in ROLES or not (is_unit_list(line.text) or _cut_unit_name(lines, j))) \
            and not _opens_cell(line.text, kinds.get(len(row) - 1)):
        last = row[-1]
        yield from _wrapped_rows(lines, k, n, kinds, alone, row[:-1] + [_joined(last, line, "")], j + 1,
                                 runs + [len(lines[j - 1].text)])
    if len(row) < n and (not row or _cell_fits(row[-1], len(row) - 1, kinds)):
        empties = [None] * min(line.blanks_before, n - len(row)) if row else []
        if len(row) + len(empties) < n:
            yield from _wrapped_rows(lines, k, n, kinds, alone, row + empties + [line], j + 1, runs)


def _cut_unit_name(lines: list[Line], j: int) -> bool:
    """Line j is the first piece of a unit's name cut over two lines (区交通运输 / 管理中心: a narrow unit
    column): it starts like a unit's name, is none alone, and is one with the line after it. Such a
    piece opens the unit cell; it runs on no text cell above it."""
    text = lines[j].text
    return j + 1 < len(lines) and bool(GRAMMAR.unit_start_re.match(text)) and not is_unit_list(text) \
        and lines[j + 1].blanks_before == 0 and is_unit_list(text + lines[j + 1].text)


_CELL_NUMBER = re.compile(GRAMMAR.table["wrap"]["cell_number_opening"])


def _row_number(text: str, kinds: dict[int, str]) -> int | None:
    """The number a line opens a row with: a 序号 cell alone under a number column, else a text cell's
    own number (2、主要道路…) where the header has none."""
    if kinds.get(0) == "number":
        return int(re.sub(r"\D", "", text)) if _NUMBER.match(text) else None
    found = _CELL_NUMBER.match(text) if _ROW_TEXT.match(text) else None
    return int(found.group(1)) if found else None


def _short_row_at(lines: list[Line], k: int, n: int, kinds: dict[int, str], alone: list[bool],
                  above: list[Line | None]) -> tuple[list[Line | None] | None, int]:
    """A row printed with fewer cells than the header's leaves (a cell merged over rows prints on its
    first row only, an empty cell as nothing): it opens at its number and runs to the line that opens
    the next number, or, the table's last, to its last unit or deadline cell. Its cells are placed
    under the columns they fit (_placed_short)."""
    number = _row_number(lines[k].text, kinds) if alone[k] and not lines[k].blanks_before else None
    if number is None:
        return None, k
    closes = kinds.get(n - 1) == "time"  # a deadline closing the header closes each row: what follows
    j = k + 1  # it (the next group's category cell) opens the next row
    while j < len(lines) and j - k < n and alone[j] and not lines[j].blanks_before \
            and not heading_of(lines[j].text) and _row_number(lines[j].text, kinds) != number + 1 \
            and not (closes and is_time_cell(lines[j - 1].text)):
        j += 1
    if not (j < len(lines) and alone[j] and _row_number(lines[j].text, kinds) == number + 1):
        while j > k + 1 and not (is_unit_list(lines[j - 1].text) or is_time_cell(lines[j - 1].text)):
            j -= 1  # the table's last row: what follows its last unit or deadline is no cell of it
    cells = lines[k:j]
    if not (2 <= len(cells) < n and any(is_unit_list(c.text) for c in cells[1:])):
        return None, k
    row = _placed_short(cells, n, kinds, above)
    return (row, j) if row is not None else (None, k)


def _unit_cell_merged_row_at(lines: list[Line], k: int, n: int, kinds: dict[int, str], alone: list[bool],
                             above: list[Line | None]) -> tuple[list[Line | None] | None, int]:
    """A row of no 序号 whose unit cell is merged with the row above's (printed on its first row only):
    its cells before the unit columns (场所 / 1-3月份), then at once the next row's, as the deadline
    column tells: the line at the deadline's place after them is a deadline again, so the line where
    this row's unit cell would stand (宗教活动场所, a name that may end like a unit's) opens the next row.
    The row takes the units above."""
    first_unit = next((p for p in sorted(kinds) if kinds[p] in ROLES), None)
    deadline = next((p for p in sorted(kinds) if kinds[p] == "time"), None)
    if "number" in kinds.values() or first_unit is None or deadline is None or deadline > first_unit \
            or any(kinds[p] not in ROLES for p in range(first_unit, n)):
        return None, k
    end = k + first_unit
    if end + deadline >= len(lines) or not all(alone[j] and not lines[j].blanks_before for j in range(k, end + deadline + 1)):
        return None, k
    cells = lines[k:end]
    if not (_deadline_cell(lines[k + deadline].text) and _deadline_cell(lines[end + deadline].text)
            and all(_shaped_for(c.text, kinds.get(p)) for p, c in enumerate(cells))):
        return None, k
    return _placed_short(cells, n, kinds, above), end


_MONTH_SPAN = re.compile(GRAMMAR.layout["month_span_cell"])


def _deadline_cell(text: str) -> bool:
    """A whole deadline cell: a date or phrase (is_time_cell), or a span of months (1-3月份)."""
    return is_time_cell(text) or bool(_MONTH_SPAN.match(text))


def _placed_short(cells: list[Line], n: int, kinds: dict[int, str], above: list[Line | None]) -> list[Line | None] | None:
    """The short row's cells in order under the columns each fits by its shape, the columns left over
    being its missing cells: of the placements that fit, the one that takes the fewest units from the
    row above. A missing unit cell is merged with the row above (its units are this row's too), but a
    配合单位 cell left out is empty (a task may have no support: a lead never is missing); a missing text,
    category or deadline cell stays empty (a text merged over rows makes this row a sub-row)."""
    unit_places = [p for p in sorted(kinds) if kinds[p] in ROLES]
    merging = {p for p, role in zip(unit_places, role_columns_of([kinds[p] for p in sorted(kinds)])) if role != "support"}
    best, fewest = None, None
    for missing in combinations(range(n), n - len(cells)):
        places = [p for p in range(n) if p not in missing]
        if not all(_shaped_for(c.text, kinds.get(p)) for c, p in zip(cells, places)):
            continue
        carried = [p for p in missing if p in merging and above[p] is not None]
        if fewest is None or len(carried) < fewest:
            row: list[Line | None] = [None] * n
            for c, p in zip(cells, places):
                row[p] = c
            for p in carried:
                row[p] = replace(above[p], no=cells[0].no, blanks_before=0)
            best, fewest = row, len(carried)
    return best


def _shaped_for(text: str, kind: str | None) -> bool:
    """A cell of a short row fits a column by its shape: a number under 序号, units under a role, a
    deadline or a word of no unit under 完成时限, a text that is neither under a text column."""
    if kind == "number":
        return bool(_NUMBER.match(text))
    if kind in ROLES:
        return is_unit_list(text) and "。" not in text
    if kind == "time":
        return is_time_cell(text) or not is_unit_list(text)
    if kind in ("task", "category"):
        return not is_time_cell(text) and ("。" in text or not is_unit_list(text))
    if kind == "person":
        return bool(_PERSON.match(text)) and not is_unit_list(text)
    return True


def _opens_cell(text: str, kind: str | None) -> bool:
    """A line no cut cell runs on into: an item's number (`2.纳入…`) or a heading opens a cell, and a
    deadline (`2020年12月`) its own, unless the cell above is a deadline too."""
    return bool(_ROW_TEXT.match(text) or heading_of(text) or (kind != "time" and is_time_cell(text)))


def _cell_fits(cell: Line | None, place: int, kinds: dict[int, str]) -> bool:
    """A closed cell fits its column: a number under the number column, units under a role column."""
    kind, text = kinds.get(place), cell.text if cell is not None else ""
    if kind == "number":
        return bool(_NUMBER.match(text))
    return not (kind in ROLES and text and ("。" in text or not is_unit_list(text)))  # no sentence: a unit cell


def _opens_next(lines: list[Line], j: int, row: list[Line | None], kinds: dict[int, str], alone: list[bool]) -> bool:
    """Where the header numbers its rows, the line after a run-on row is the next row's number (or the
    table ends there: the text's end, a line of several cells, a heading)."""
    if kinds.get(0) != "number" or j >= len(lines) or not alone[j] or heading_of(lines[j].text):
        return True
    number = re.sub(r"\D", "", row[0].text) if row[0] is not None else ""
    return bool(_NUMBER.match(lines[j].text)) and number != "" and int(re.sub(r"\D", "", lines[j].text)) == int(number) + 1


def _unit_lines_joined(row: list[Line | None], lines: list[Line], j: int, kinds: dict[int, str], alone: list[bool]) -> int:
    """A unit cell printed one unit a line (市医保局 / 市卫生健康委 / 市公安局等) under a unit column
    that a time column follows (完成时限, whose cells name no unit; an assessor's 评分部门 does): the
    unit lines right below it are that cell's. The line after them."""
    place, cell = len(row) - 1, row[-1]
    if cell is None or kinds.get(place) not in ROLES or kinds.get(place + 1) != "time" or not is_unit_list(cell.text):
        return j
    start = j
    while j < len(lines) and j - start < _UNIT_LINES and alone[j] and lines[j].blanks_before == 0 \
            and is_unit_list(lines[j].text) and not _NUMBER.match(lines[j].text):
        cell = _joined(cell, lines[j], "、")
        j += 1
    row[-1] = cell
    return j


def _wraps_last_cell(lines: list[Line], k: int, n: int, kinds: dict[int, str], alone: list[bool],
                     last: Line | None) -> bool:
    """Line k continues the row above's last cell `last`: a deadline wrapped (每年开展 / 并长期坚持) opens
    no row, is no unit, number or heading, and a row that fits opens on the line after it; a unit's name
    cut in a narrow unit column (区住房和城乡 / 建设局) goes on in a piece that starts like no unit's name."""
    text = lines[k].text
    if not (alone[k] and lines[k].blanks_before == 0) or _NUMBER.match(text) or heading_of(text):
        return False
    if kinds.get(n - 1) in ROLES:
        return last is not None and _name_goes_on(last.text, text)
    return not is_unit_list(text) and k + 1 < len(lines) and _row_at(lines, k + 1, n, kinds, alone)[0] is not None


def _name_goes_on(cell: str, piece: str) -> bool:
    """`piece` is the rest of the unit's name that closes `cell` (建设局 after 区住房和城乡): it starts like
    no unit's name and the two read as one unit's name."""
    return not GRAMMAR.unit_start_re.match(piece) and is_unit_list(piece) and looks_like_unit(cell + piece) \
        and split_units(cell + piece)[-1] == split_units(cell)[-1] + piece


def _joined(cell: Line | None, line: Line, sep: str) -> Line | None:
    """A cell wrapped onto the next line, joined back to it, its raw text as well as its text."""
    return cell if cell is None else replace(cell, text=cell.text + sep + line.text, raw=cell.raw + sep + line.raw)


def _fits(row: list[Line | None], kinds: dict[int, str]) -> bool:
    """Does each cell fit its column's kind (a number under 序号, a text under the task, units under
    a role)? Lines joined by the header's count that do not fit are no row: the count was wrong there."""
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


# A table with no header exported one cell a line: each row its numbered text cell, perhaps a
# target cell, its unit cells one a line, then its leader's name (郭坑镇…任务分解表, a docx on a
# sharing site). The name closing each row tells where the row ends.
_ROW_TEXT = re.compile(GRAMMAR.table["wrap"]["cell_numbered_text"])
_PERSON = re.compile(GRAMMAR.table["wrap"]["headerless_leader_name"])
_HEADERLESS = GRAMMAR.table["wrap"]["headerless_rows"]
_MAX_UNIT_CELLS = _HEADERLESS["unit_cells"]
_MAX_TEXT_CELLS = _HEADERLESS["text_cells"]
# any of the grammar's column labels in a line, one search (not a test of each label in each line)
_COLUMN_LABEL = re.compile("" if "" in GRAMMAR.column_labels else alternation(GRAMMAR.column_labels) or "(?!)")


def headerless_rows(lines: list[Line]) -> list[Line] | None:
    """A table with no header in the text, its rows joined back: rows closed by a leader's name
    (_leader_closed_rows), else rows whose last line repeats their first unit (repeated_lead_rows).
    None where there is none."""
    rows = _leader_closed_rows(lines)
    return rows if rows is not None else repeated_lead_rows(lines)


def _leader_closed_rows(lines: list[Line]) -> list[Line] | None:
    """`5、整治…。…` / (a target cell) / `镇创卫办` / `各村(居、场)` / `林玉铭`, two rows or more: each
    row's unit cells written as labelled lines (first unit lead, the rest support, as where two unit
    columns lost their boundary), where no line names a role (no header, no clause), its leader's
    name as a person's line; unit cells before the first row belong to a row not in the text (left out, reported). None where there is none."""
    if any(_COLUMN_LABEL.search(ln.text) for ln in lines):
        return None  # a role column's header or a clause's label: the other readers' layouts
    rows = [(i, end) for i in range(len(lines)) if (end := _row_end(lines, i)) is not None]
    if len(rows) < 2:
        return None
    starts = {i: end for i, end in rows}
    out: list[Line] = []
    i = 0
    while i < len(lines):
        end = starts.get(i)
        if end is None:
            out.append(lines[i])
            i += 1
            continue
        k = i + 1
        while not _unit_cell(lines[k].text):
            k += 1  # the row's text cells: the paragraph reader joins them
        out += lines[i:k]
        out += _labelled(lines[k:end - 1]) + [_as_person(lines[end - 1])]
        i = end
    first = rows[0][0]  # the lines before it are as they stood
    if first and _is_person(lines[first - 1].text):
        k = first - 1
        while k and first - 1 - k < _MAX_UNIT_CELLS and _unit_cell(lines[k - 1].text):
            k -= 1
        if k < first - 1:  # a row not in the text: its units left out and reported (put before
            # the page's lines, so that no line above them reads as their task's text)
            out = _labelled(lines[k:first - 1]) + [_as_person(lines[first - 1])] + out[:k] + out[first:]
    return out


def _row_end(lines: list[Line], i: int) -> int | None:
    """The line after the leader's name closing the row that opens at line i, if it does."""
    if not _ROW_TEXT.match(lines[i].text) or _unit_cell(lines[i].text):
        return None
    k = i + 1
    while k < len(lines) and k - i <= _MAX_TEXT_CELLS and not _unit_cell(lines[k].text) \
            and not _ROW_TEXT.match(lines[k].text) and not _is_person(lines[k].text):
        k += 1
    units = k
    while k < len(lines) and k - units < _MAX_UNIT_CELLS and _unit_cell(lines[k].text):
        k += 1
    if k == units or k >= len(lines) or not _is_person(lines[k].text):
        return None
    return k + 1


def _unit_cell(text: str) -> bool:
    """Is this line a unit cell of a headerless row: short unit names and no row number, so
    that a task text naming units is not taken for the row's units."""
    return len(text) <= _HEADERLESS["unit_cell_length"] and not _ROW_TEXT.match(text) and is_unit_list(text)


def _is_person(text: str) -> bool:
    """Is this line a leader's name: with no header it is the only sign that a row ends, so a
    short unit name, a heading or a word names never hold must not pass for one."""
    return bool(_PERSON.match(text)) and not GRAMMAR.not_in_names_re.search(text) and not is_unit_list(text) \
        and not heading_of(text)


def _labelled(cells: list[Line]) -> list[Line]:
    """A row's unit cells with the role labels no header gave them (first lead, then support),
    so that the paragraph reader reads them as it reads two unit columns run together."""
    lead, support = _HEADERLESS["lead"], _HEADERLESS["support"]
    return [Line(f"{lead if k == 0 else support}:{c.text}", c.raw, c.blanks_before, c.no, c.cell)
            for k, c in enumerate(cells)]


def _as_person(line: Line) -> Line:
    """The leader's name with its label, so that it reads as an official and not as a unit."""
    return Line(f"{_HEADERLESS['leader']}:{line.text}", line.raw, line.blanks_before, line.no, line.cell)


# A table flattened with its header on an earlier page: `4 <item> <unit>` / `<unit>` / `<unit> <lead> [remark]`,
# the 责任单位 cell's units one a line, the 牵头单位 cell after a space on that cell's last line repeating the
# cell's first unit (a later page of a table whose header row was left on the page before).
_REPEATED = GRAMMAR.table["wrap"]["repeated_lead_rows"]
_ROW_OPENS = re.compile(_REPEATED["number"])
_GLOSS = re.compile(_REPEATED["gloss"])


def repeated_lead_rows(lines: list[Line]) -> list[Line] | None:
    """Rows numbered in sequence, two or more, with no column label above them, whose last line
    repeats the unit their first line ends with: written as rows of cells under the grammar's header
    (the shape the columns reader reads), the repeated unit lead. With the header on another page the
    repeat is the only sign of the 牵头 column. None where there is none."""
    out: list[Line] = []
    i, changed = 0, False
    while i < len(lines):
        run = _rows_in_sequence(lines, i)
        if len(run) < 2 or any(_COLUMN_LABEL.search(ln.text) for ln in lines[:i]):
            out.append(lines[i])
            i += 1
            continue
        out += _header_cells(lines[i])
        for cells, end in run:
            out += [Line(text.replace(" ", ""), text, 0, lines[i].no, k) for k, text in enumerate(cells) if text]
            i = end
        changed = True
    return out if changed else None


def _rows_in_sequence(lines: list[Line], i: int) -> list[tuple[list[str], int]]:
    """The rows from line i on, each right after the one before and numbered one more: (cells, end)."""
    run: list[tuple[list[str], int]] = []
    while i < len(lines) and (row := _repeated_row_at(lines, i)) is not None:
        if run and int(row[0][0]) != int(run[-1][0][0]) + 1:
            break
        run.append(row)
        i = row[1]
    return run


def _header_cells(first: Line) -> list[Line]:
    """The header the page does not print, as one row on the first row's line."""
    return [Line(word, word, first.blanks_before if k == 0 else 0, first.no, k)
            for k, word in enumerate(_REPEATED["header"].split())]


def _repeated_row_at(lines: list[Line], i: int) -> tuple[list[str], int] | None:
    """The row opening at line i as its cells (number, item, lead, other units, remark) and the line
    after it; None where no line within the row's reach repeats its first unit."""
    opened = _ROW_OPENS.match(lines[i].raw)
    if opened is None:
        return None
    first = lines[i].raw.split()[1:]
    for k in range(i, min(len(lines), i + _REPEATED["unit_lines"])):
        if k > i and _ROW_OPENS.match(lines[k].raw):
            return None
        tokens = first if k == i else lines[k].raw.split()
        p = _repeat_at(tokens, "".join(first) if k > i else None)
        if p is None:
            if k > i and not is_unit_list(lines[k].text):
                return None  # a line of the row's unit cell holds units only
            continue
        lead = tokens[p]
        opening = "".join(first if k > i else tokens[:p])
        others = [ln.text for ln in lines[i + 1:k] if not _GLOSS.match(ln.text)] + (["".join(tokens[:p])] if k > i else [])
        support = "、".join(u for u in others if u != lead)
        return [opened.group(1), opening[:-len(lead)], lead, support, " ".join(tokens[p + 1:])], k + 1
    return None


def _repeat_at(tokens: list[str], opening: str | None) -> int | None:
    """Where the lead cell stands among a row's last line's tokens: the first that names a unit and
    repeats the unit the row's first line ends with (the line's own tokens before it where the row is
    one line), after the unit cell's last unit; None where none does."""
    for p in range(1, len(tokens)):
        head = opening if opening is not None else "".join(tokens[:p])
        before = "".join(tokens[:p])
        if looks_like_unit(tokens[p]) and head.endswith(tokens[p]) and len(head) > len(tokens[p]) \
                and (opening is None or is_unit_list(before)):
            return p
    return None
