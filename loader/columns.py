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

import re
from dataclasses import replace
from collections import Counter
from itertools import combinations, groupby

from .blocks import ARABIC_ALONE, ARABIC_TASK, DOTTED_TASK, SUBITEM, Block, Segment, heading_of
from .clauses import is_deadline, is_time_cell, looks_like_unit, split_units
from .grammar import GRAMMAR
from .prose import split_segments
from .records import ROLES
from .headerroles import roles_beside_each_other
from .tables import header_cell_kind, header_shaped, in_sequence, role_columns_of, units_cell
from .text import Line
from .wrapped import ends_sentence

_MIN_FIT = 0.8  # the share of rows under a header that must fit its columns
_CATCH_ALL = frozenset(GRAMMAR.units["catch_all_cells"])  # 其他 in a unit column: no department named


def column_blocks(lines: list[Line]) -> tuple[list[Block], list[str]]:
    """A table read by the columns its header names (tab, `|` or wide-space cells), so that a
    cell's shape never decides its role. Competes with the other readers."""
    rows = [list(cells) for _, cells in groupby(lines, key=lambda ln: ln.no)]
    for i, row in enumerate(rows):
        if header_row_kinds(row):
            return _tables_from(rows, i), []
        spaced = _spaced_header(row)
        if spaced:
            kinds = header_row_kinds(spaced)
            if kinds:
                wide = min(map(len, re.findall(r" +", row[0].raw.strip()))) >= 2  # cells 2+ spaces apart
                blocks = _read_rows([_spaced_row(r, kinds, wide) for r in rows[i + 1:]], kinds)
                if blocks:  # else a line of header words in the prose: look on
                    return blocks, []
    return _headerless_blocks(rows), []


_HEADERLESS_MIN = GRAMMAR.layout["headerless_cell_rows_min"]


def _headerless_blocks(rows: list[list[Line]]) -> list[Block]:
    """Rows of cells with no header on the page (`N | 行动 | 季度目标 | leader | *A B C |`, a later page of a
    division table `N | text | A | B、C | 2024年12月 |`): where a run of them, numbered in sequence with the same
    count of cells, has its unit cells (_unit_places) at the same places, those are the unit columns, their roles
    by how many there are (grammar [layout] headerless_unit_roles: one responsible, its marks saying who leads; two
    lead, then support); the first cell after the number the text, the other cells neither. Only on a page with no
    role word anywhere: a header's or a clause's word is the other readers' sign."""
    if any(GRAMMAR.keyword_re.search(cell.text) for row in rows for cell in row):
        return []
    run: list[list[Line]] = []
    for row in rows + [[]]:
        if run and _continues_headerless(run, row):
            run.append(row)
            continue
        places = _unit_places(run[0]) if run else ()
        if len(run) >= _HEADERLESS_MIN and len(places) <= len(_HEADERLESS_ROLES):
            kinds = {k: "number" if k == 0 else "task" if k == 1 else "other" for k in range(len(run[0]))}
            kinds |= dict(zip(places, _HEADERLESS_ROLES[len(places) - 1]))
            return _read_rows(run, {run[0][0].cell + k: kind for k, kind in kinds.items()})
        run = [row] if _headerless_row(row) else []
    return []


_HEADERLESS_ROLES = GRAMMAR.layout["headerless_unit_roles"]


def _continues_headerless(run: list[list[Line]], row: list[Line]) -> bool:
    """Is this row the next of a headerless run: as many cells, its units at the same places, its number the next."""
    return (_headerless_row(row) and len(row) == len(run[0]) and _unit_places(row) == _unit_places(run[0])
            and in_sequence(row[0].text.rstrip(".、"), run[-1][0].text.rstrip(".、")))


def _headerless_row(row: list[Line]) -> bool:
    """A numbered row of three cells or more side by side (a `|` row's first cell empty), with unit cells
    after its text."""
    return (len(row) >= 3 and [c.cell - row[0].cell for c in row] == list(range(len(row)))
            and bool(ARABIC_ALONE.match(row[0].text)) and bool(_unit_places(row)))


def _unit_places(row: list[Line]) -> tuple[int, ...]:
    """The places of a headerless row's unit cells: the cells of only units' names side by side after its
    text, nothing but deadline cells (`2024年12月`, `长期坚持`) after them."""
    end = len(row)
    while end > 2 and is_deadline(row[end - 1].text):
        end -= 1
    start = end
    while start > 2 and _only_unit_names(row[start - 1]):
        start -= 1
    return tuple(range(start, end))


def _only_unit_names(cell: Line) -> bool:
    """A cell of units' names parted by spaces or 、 and nothing else: no role word, no sentence."""
    if GRAMMAR.keyword_re.search(cell.text):
        return False
    names = [n for piece in cell.raw.split() for n in split_units(piece)]
    return bool(names) and all(looks_like_unit(n) for n in names)


def clause_cell_blocks(lines: list[Line]) -> tuple[list[Block], list[str]]:
    """A table whose header names a 序号 and a task column and no unit column (序号 | 目标任务 |
    推进情况): each row's units are a clause inside its task cell (`…。(责任单位:A、B)`). Its rows
    keep their cells, so the first cell's number is the row's id, and the numbered items of a
    later cell (a progress report's `1.… 2.…`) are no tasks. Competes with the other readers."""
    rows = [list(cells) for _, cells in groupby(lines, key=lambda ln: ln.no)]
    for i, row in enumerate(rows):
        kinds = _unit_less_header(row)
        if kinds:
            blocks = _clause_cell_rows(rows[i + 1:], kinds)
            if len(blocks) >= 2:
                return blocks, []
    stacked = _stacked_rows(lines)
    blocks = _clause_cell_rows(stacked[1:], _unit_less_header(stacked[0])) if stacked else []
    return (blocks, []) if len(blocks) >= 2 else ([], [])


_MIN_STACKED_HEADER = GRAMMAR.layout["stacked_header_min"]


def _stacked_rows(lines: list[Line]) -> list[list[Line]]:
    """The same table printed one cell a line (序号 / 目标任务 / 推进情况 / 1 / …): its header and its
    rows as rows of cells at their places. A row opens at a bare number in sequence with the rows
    before (2 after 1); every other line, a progress cell's `1.…` among them, is a cell of its row."""
    for i in range(len(lines)):
        end = i
        while end < len(lines) and header_shaped(lines[end].text) and header_cell_kind(lines[end].text):
            end += 1
        header = _placed(lines[i:end])
        if end - i < _MIN_STACKED_HEADER or not _unit_less_header(header):
            continue
        rows, number = [header], None
        for line in lines[end:]:
            m = ARABIC_ALONE.match(line.text)
            if m and in_sequence(m.group(1), number):
                rows.append([line])
                number = m.group(1)
            elif len(rows) > 1:
                rows[-1].append(line)
        return [_placed(row) for row in rows]
    return []


def _placed(cells: list[Line]) -> list[Line]:
    """Lines printed one cell a line, each at its place in the row they make."""
    return [replace(cell, cell=k) for k, cell in enumerate(cells)]


def _unit_less_header(row: list[Line]) -> dict[int, str] | None:
    """Cell place → kind for a header opening with a 序号 cell, naming a task column and no role."""
    if len(row) < 3 or not all(header_shaped(c.text) for c in row):
        return None
    kinds = {c.cell: header_cell_kind(c.text) for c in row}
    if kinds[row[0].cell] != "number" or "task" not in kinds.values() or any(k in ROLES for k in kinds.values()):
        return None
    return kinds


def _clause_cell_rows(rows: list[list[Line]], kinds: dict[int, str]) -> list[Block]:
    """The rows under a unit-less header: a numbered row whose task cell holds a clause is a task."""
    task = min(k for k, kind in kinds.items() if kind == "task")
    blocks: list[Block] = []
    for row in rows:
        cells = {c.cell: c.text for c in row}
        number = cells.get(min(kinds))
        if number is None or not ARABIC_ALONE.match(number) or task not in cells:
            continue
        segments = [s for s in split_segments(cells[task]) if s.cells]
        if segments:
            blocks.append(Block(number.rstrip(".、"), None, (), segments))
    return blocks


def _tables_from(rows: list[list[Line]], i: int) -> list[Block]:
    """The rows under the header at i, read by its columns. A later header naming other columns (a
    workbook's next sheet, a second table under its own header), or a two-level header printed
    again, opens a table read by its own columns: its header rows are no task. The same
    one-level header again is a page break (_page_break)."""
    blocks: list[Block] = []
    while i is not None:
        kinds = header_row_kinds(rows[i])
        below = (two_row_header_kinds(rows[i], rows[i + 1]) or period_sub_header_kinds(rows[i], rows[i + 1])
                 or wrapped_header_kinds(rows[i], rows[i + 1])) if i + 1 < len(rows) else None
        start = i + 2 if below else i + 1
        nxt = next((j for j in range(start, len(rows)) if _opens_table(rows[j], kinds, bool(below))), None)
        blocks += _read_rows(rows[start:nxt], below or kinds, _heading_above(rows[max(0, i - 2):i]))
        i = nxt
    return blocks


def _opens_table(row: list[Line], kinds: dict[int, str], two_level: bool) -> bool:
    """Does this row start the next table: a header of other columns (or any header under a
    two-level one), not the same header a page break prints again."""
    found = header_row_kinds(row)
    return found is not None and (two_level or found != kinds)


_UNDER_ROLE = ROLES + ("person",)  # 责任 over 牵头领导 | 牵头单位: an official's column beside the units


def two_row_header_kinds(row: list[Line], below: list[Line]) -> dict[int, str] | None:
    """A header of two rows: a 责任单位 cell over 牵头单位 | 配合单位 (or 牵头领导 | 牵头单位). Where the second row's
    cells stand at their own places (the first row's cell merged over them left its places
    empty) each takes its place; else they replace the cell they sit under, in order, and the
    cells after it move right."""
    if len(below) < 2 or not all(header_shaped(c.text) and header_cell_kind(c.text) in _UNDER_ROLE for c in below) \
            or not any(header_cell_kind(c.text) in ROLES for c in below):
        return None
    kinds = header_row_kinds(row) or {}
    subs = {c.cell: header_cell_kind(c.text) for c in below}
    if all(k not in kinds or kinds[k] in ROLES for k in subs) and any(k not in kinds for k in subs):
        merged = dict(kinds) | subs
    else:
        parent = next((k for k in sorted(kinds) if kinds[k] in ROLES), None)
        if parent is None:
            return None
        merged = {k: v for k, v in kinds.items() if k < parent}
        merged |= {parent + j: subs[k] for j, k in enumerate(sorted(subs))}
        merged |= {k + len(subs) - 1: v for k, v in kinds.items() if k > parent}
    return merged if "task" in merged.values() else None


_WRAP_PIECE_MAX = GRAMMAR.layout["header_wrap_piece_max"]


def wrapped_header_kinds(row: list[Line], below: list[Line]) -> dict[int, str] | None:
    """A header whose narrow cells Word wrapped onto a second printed line (`牵头` / `单位`, `配合` /
    `单位`, `完成` / `时限`): each short piece below stands at the place of the cell it ends and joins
    it, and every joined cell is a header cell (配合 alone names no column). Only where the joined
    header names a column the first line alone does not."""
    above = {c.cell: c.text for c in row}
    if not below or not all(c.cell in above and 0 < len(c.text) <= _WRAP_PIECE_MAX for c in below):
        return None
    joined = above | {c.cell: above[c.cell] + c.text for c in below}
    if not all(header_cell_kind(joined[c.cell]) for c in below):
        return None
    kinds = header_kinds(joined)
    return kinds if kinds and kinds != header_row_kinds(row) else None


_PERIOD = re.compile(GRAMMAR.layout["period_sub_column"])


def period_sub_header_kinds(row: list[Line], below: list[Line]) -> dict[int, str] | None:
    """A header whose schedule column (进度安排) a second line splits into periods (一季度 | … | 四季度):
    the rows print a cell for each period, so the one time column becomes as many, and the columns
    after it move right. Only under a header with exactly one time column, every cell below a period."""
    kinds = header_row_kinds(row)
    periods = [c for c in below if c.text]
    if not kinds or len(periods) < 2 or not all(_PERIOD.match(c.text) for c in periods):
        return None
    times = [k for k in sorted(kinds) if kinds[k] == "time"]
    if len(times) != 1:
        return None
    parent, extra = times[0], len(periods) - 1
    return {(k + extra if k > parent else k): v for k, v in kinds.items()} \
        | {parent + j: "time" for j in range(len(periods))}


def _spaced_header(row: list[Line]) -> list[Line] | None:
    """A header printed on one line with single spaces between its cells (序号 类别 主要任务
    牵头单位 参与单位): its cells as Lines, one a place."""
    if len(row) != 1 or " " not in row[0].raw:
        return None
    parts = row[0].raw.split()
    if len(parts) < 3 or not all(header_cell_kind(p) or header_shaped(p) for p in parts):
        return None
    return [replace(row[0], text=p, raw=p, cell=k) for k, p in enumerate(parts)]


def _spaced_row(row: list[Line], kinds: dict[int, str], wide: bool = False) -> list[Line]:
    """A row under a spaced header: one space between cells, an empty (merged) cell an extra
    space. The 序号 is the first piece and the cells after the last text column the last
    pieces; the text columns take the pieces between, a cell broken by a stray space (加强森林
    资源保 护) joined back where a piece is no longer than the one before it."""
    if len(row) != 1 or " " not in row[0].raw.strip():
        return row
    line = row[0]
    # cells a single space apart (an empty cell an extra space), or, under a header whose cells
    # stand two spaces or more apart, that wider gap (a single space is then inside a cell)
    pieces = re.split(r" {2,}", line.raw.strip()) if wide else line.raw.strip().split(" ")
    places = sorted(kinds)
    lead = [k for k in places if kinds[k] == "number"][:1] if kinds[places[0]] == "number" else []
    last_text = max(k for k in places if kinds[k] in ("task", "category"))
    tail = [k for k in places if k > last_text]
    middle_places = [k for k in places if k not in lead and k not in tail]
    head, rest = pieces[:len(lead)], pieces[len(lead):]
    if len(rest) < len(tail) + 1:
        return row
    body, ends = (rest[:-len(tail)], rest[-len(tail):]) if tail else (rest, [])
    body = _joined_pieces(body, len(middle_places))
    if body is None:
        return row
    cells = list(zip(lead, head)) + list(zip(middle_places, body)) + list(zip(tail, ends))
    return [replace(line, text=p.replace(" ", ""), raw=p, cell=k) for k, p in cells if p]


def _joined_pieces(pieces: list[str], n: int) -> list[str] | None:
    """`n` cells from space-separated pieces: short of cells, the first ones were merged with
    the rows above (left empty); over, the pieces a stray space broke are joined back, those
    most likely first (a piece longer than the one after it: a cell wrapped at its width)."""
    if len(pieces) <= n:
        return [""] * (n - len(pieces)) + pieces
    joins = [i for i in range(len(pieces) - 1) if pieces[i] and pieces[i + 1]]
    if len(joins) < len(pieces) - n:
        return None
    joins = set(sorted(joins, key=lambda i: len(pieces[i + 1]) - len(pieces[i]))[:len(pieces) - n])
    cells = [pieces[0]]
    for i in range(1, len(pieces)):
        if i - 1 in joins:
            cells[-1] += pieces[i]
        else:
            cells.append(pieces[i])
    return cells


def header_row_kinds(row: list[Line]) -> dict[int, str] | None:
    """Cell place → column kind of a row of cells, when it is a header (header_kinds); public for
    the reader of cells one a line (loader/cellrows.py), which places its header cells so."""
    return header_kinds({cell.cell: cell.text for cell in row})


def header_kinds(cells: dict[int, str]) -> dict[int, str] | None:
    """Cell place → column kind, when header cells (place → text) make a header with a role
    column and a task column. Shared with the reader of tables aligned by spaces (loader/aligned.py).

    A header cell the grammar has no word for (工作举措及实施计划) is text when it stands before
    the first role column, and skipped after it; before the 序号 column, the rows' category
    (_unnamed_column)."""
    if len(cells) < 3 or not all(header_shaped(text) for text in cells.values()):
        return None
    kinds = {place: header_cell_kind(text) for place, text in cells.items()}
    roles = [place for place, kind in kinds.items() if kind in ROLES]
    if not roles or sum(kind is not None for kind in kinds.values()) < 2:
        return None
    numbers = [place for place, kind in kinds.items() if kind == "number"]
    kinds = {place: kind or _unnamed_column(place, min(numbers, default=-1), min(roles))
             for place, kind in kinds.items()}
    kinds = dict(zip(kinds, roles_beside_each_other(list(kinds.values()), list(cells.values()))))
    if "task" not in kinds.values():
        kinds = _category_as_text(kinds, min(roles))
    return kinds if "task" in kinds.values() else None


def _category_as_text(kinds: dict[int, str], first_role: int) -> dict[int, str]:
    """A header with no task column: a category column holds the rows' text (排查场所类别 | 时间安排 |
    责任单位). Of several, the last before the units is it (类别 | 序号 | 项目名称 | 牵头单位): a merged
    cell further left groups the rows nested right of it."""
    text = max((p for p, k in kinds.items() if k == "category" and p < first_role), default=None)
    return {p: ("task" if p == text else k) for p, k in kinds.items()}


def _unnamed_column(place: int, number: int, first_role: int) -> str:
    """A header cell the grammar has no word for: before the 序号 column it names the rows' category
    (十件大事 | 序号 | 任务内容: the merged cell groups the numbered rows), else text before the first
    role column and skipped after it."""
    if place < number:
        return "category"
    return "task" if place < first_role else "other"


def _heading_above(rows: list[list[Line]]) -> str | None:
    """The heading right above a table (一、隐患排查安排表, perhaps with the table's title between):
    the section of its rows until a category of their own says otherwise."""
    return next((row[0].text for row in reversed(rows) if len(row) == 1 and heading_of(row[0].text)), None)


def _read_rows(rows: list[list[Line]], kinds: dict[int, str], above: str | None = None) -> list[Block]:
    """The rows under a header read by its columns, or none where too few of them fit it: a
    header line inside prose, or a table whose cells wrap over lines, is another reader's."""
    kinds = _without_unprinted_time(rows, kinds)
    spread = [_spread(row, kinds) for row in rows if not _page_break(row, kinds)]
    rows = [_aligned(row, kinds) for row in spread]
    moved = {id(row) for row, was in zip(rows, spread) if row is not was}
    rows = _carried([row for row in rows if not _figures_row(row, kinds)], kinds, moved)
    fitting = {id(row) for row in rows if _fits(row, kinds)}
    celled = [r for r in rows if len(r) >= 2][:-1]  # the last may be a row the page cut off
    if not fitting or len(fitting) < _MIN_FIT * len(celled) or _wrapped_cells(rows, fitting):
        return []
    fitting_rows = [r for r in rows if id(r) in fitting]
    kinds = _merged_categories(fitting_rows, kinds)
    if not any(_figures_row(row, kinds) for row in spread):  # figures under an item: its cell groups them
        kinds = _named_items(fitting_rows, kinds)
    return _row_blocks(rows, fitting, kinds, above)


def _without_unprinted_time(rows: list[list[Line]], kinds: dict[int, str]) -> dict[int, str]:
    """A header whose time column (进度安排) the rows do not print, the schedule told inside the
    task's cell: no row reaches the header's last column, and on the longest rows the cell under
    the time column is no time while the role columns, read without it, each hold units
    (… | 场馆改造全部完工。 | 市体育局 | 市体育局 | under … | 进度安排 | 完成标准 | 牵头单位 | 承办单位).
    The columns after the time column then stand one place left."""
    times = [k for k in sorted(kinds) if kinds[k] == "time"]
    celled = [row for row in rows if len(row) >= 2]
    if len(times) != 1 or not celled or sorted(kinds) != list(range(len(kinds))):
        return kinds
    widest = max(max(c.cell for c in row) for row in celled)
    if widest != max(kinds) - 1:
        return kinds
    narrowed = {(k if k < times[0] else k - 1): v for k, v in kinds.items() if k != times[0]}
    longest = [row for row in celled if max(c.cell for c in row) == widest]
    if any(_in_shape(c, "time") for row in longest for c in row if c.cell == times[0]):
        return kinds
    if not all(_fits(row, narrowed) for row in longest):
        return kinds
    in_shape = all(_in_shape(c, narrowed[c.cell]) for row in longest for c in row if narrowed[c.cell] in ROLES)
    return narrowed if in_shape else kinds


def _row_blocks(rows: list[list[Line]], fitting: set[int], kinds: dict[int, str], above: str | None) -> list[Block]:
    """One block a fitting row, its section carried down from the heading and category rows
    above it, as a merged cell spans the rows below it; a row with only a later text cell
    (its task cell merged over it) adds a segment to the task above."""
    roles = dict(zip([k for k in sorted(kinds) if kinds[k] in ROLES],
                     role_columns_of([kinds[k] for k in sorted(kinds)])))
    texts = [k for k in sorted(kinds) if kinds[k] == "task"]
    numbered = _numbered_texts([r for r in rows if id(r) in fitting], kinds, texts[0])
    blocks: list[Block] = []
    section, categories, first_text = above, {}, ""
    for row in rows:
        if len(row) == 1 and heading_of(row[0].text):  # 一、安全生产责任落实行动: a category row, merged
            section, categories = row[0].text, {}
            continue
        if id(row) not in fitting:
            continue
        cells = {cell.cell: cell.text for cell in row}
        categories = _open_categories(cells, kinds, categories)
        if categories:
            section = categories[max(categories)]
        number = next((cells[k] for k in cells if kinds[k] == "number" and ARABIC_ALONE.match(cells[k])), None)
        clauses = [(units_cell(cell), roles[cell.cell]) for cell in row
                   if cell.cell in roles and cell.text not in _CATCH_ALL]
        sub_row = (texts[0] not in cells and number is None and bool(blocks)
                   and any(k in cells for k in texts[1:]))
        if texts[0] in cells:
            first_text = cells[texts[0]]
            if numbered:
                found = _leading_number(first_text)
                number, cells[texts[0]] = found if found else (number, first_text)
        elif sub_row:
            cells[texts[0]] = numbered and _leading_number(first_text) and _leading_number(first_text)[1] or first_text
        text = "".join(cells[k] for k in sorted(cells) if kinds[k] == "task")
        if not (text and clauses):
            continue
        if sub_row and texts[0] not in {c.cell for c in row}:  # a sub-row: the task's cell merged over it
            blocks[-1].segments.append(Segment(text, clauses))
            continue
        head = heading_of(section) if section else None
        blocks.append(Block(number.rstrip(".、") if number else None, section,
                            (head.numeral,) if head else (), [Segment(text, clauses)]))
    blocks = _numbered_by_category(blocks)
    if _cut_sub_row(rows, fitting, blocks):
        blocks[-1].number += ".1"
    return blocks


def _cut_sub_row(rows: list[list[Line]], fitting: set[int], blocks: list[Block]) -> bool:
    """Does the page cut the last task's next sub-row: in a table whose tasks span several rows
    (their first cells merged), a last line of text alone, broken off (no sentence end, no
    number, no heading) right after that task's row. The task has several rows, so its row shown
    is its first (2.1), as its sub-rows are numbered; one that already shows several keeps its
    numbering, one with no number keeps its ordinal."""
    if len(rows) < 2 or not blocks or not blocks[-1].number or id(rows[-2]) not in fitting:
        return False
    last = rows[-1]
    if len(last) != 1 or id(last) in fitting or heading_of(last[0].text) or ends_sentence(last[0].text):
        return False
    spanning = _rows_per_item(blocks)
    return spanning[-1] == 1 and max(spanning) > 1 and not ARABIC_TASK.match(last[0].text) \
        and not ARABIC_ALONE.match(last[0].text)


def _rows_per_item(blocks: list[Block]) -> list[int]:
    """How many rows each item spans: its task's rows (cells merged over them), or, for tasks
    numbered by the category cell over them (9.1.1, 9.1.2), the rows under that category."""
    by_category = Counter(b.section for b in blocks if b.section and _printed_number(b.section)
                          and b.number and b.number.startswith(_printed_number(b.section)))
    return [by_category.get(b.section) or sum(1 for s in b.segments if s.cells) for b in blocks]


def _numbered_by_category(blocks: list[Block]) -> list[Block]:
    """Rows with no number of their own under a category cell that prints its number glued to its
    title (`9.1加强…`, merged over its rows): the category's number is theirs, as a 序号 cell merged
    over them would be; several such rows under it are its sub-items (9.1.1, 9.1.2)."""
    for section, run in groupby(blocks, key=lambda b: b.section):
        found = _printed_number(section) if section else None
        run = list(run)
        if not found or any(b.number for b in run):
            continue
        for k, block in enumerate(run, 1):
            block.number = found if len(run) == 1 else f"{found}.{k}"
    return blocks


def _printed_number(cell: str) -> str | None:
    """The number a category cell opens with, glued to its title or not (9.1加强…, 3.强化…)."""
    m = DOTTED_TASK.match(cell) or ARABIC_TASK.match(cell)
    return m.group(1) if m and m.group(2) else None


def _open_categories(cells: dict[int, str], kinds: dict[int, str], categories: dict[int, str]) -> dict[int, str]:
    """The category cells in force after a row: a category cell opens its group, and the
    groups of the columns right of it (nested inside it) end with it."""
    for k in sorted(cells):
        if kinds[k] == "category":
            categories = {c: v for c, v in categories.items() if c < k} | {k: cells[k]}
    return categories


def _page_break(row: list[Line], kinds: dict[int, str]) -> bool:
    """What a long table prints at a page break: its header again, or a `续表` line above it."""
    return header_row_kinds(row) == kinds or len(row) == 1 and bool(_CONTINUED.match(row[0].text))


_CONTINUED = re.compile(GRAMMAR.layout["table_continued"])
_FIGURE = re.compile(r"\d+(?:\.\d+)?%?")


def _spread(row: list[Line], kinds: dict[int, str]) -> list[Line]:
    """A row with more cells than its header (项目 | 目标 | 分解情况 | 责任领导 | 责任单位 | 责任人 over
    项目 | 目标 | indicator | 900 | 蒙阳镇210 百丈镇60 … | name | unit | name): the last text
    column before the unit and person columns spans the extra cells; its first cell is the
    item, the ones after it (a total, a breakdown by place) are figures, no text and no unit.
    The cells after them take the header's last columns."""
    extra = max((c.cell for c in row), default=0) - max(kinds)
    if extra <= 0 or len(row) < 2:
        return row
    texts = [k for k in sorted(kinds) if kinds[k] in ("task", "category")]
    firsts = [k for k in sorted(kinds) if kinds[k] in ROLES or kinds[k] == "person"]
    span = max((k for k in texts if not firsts or k < firsts[0]), default=None)
    if span is None:
        return row
    figures = [c for c in row if span < c.cell <= span + extra]
    if not figures or not all(re.search(r"\d", c.text) for c in figures):
        return row
    return [c if c.cell <= span else replace(c, cell=c.cell - extra) for c in row if not span < c.cell <= span + extra]


def _figures_row(row: list[Line], kinds: dict[int, str]) -> bool:
    """A sub-row of figures under a row whose units are merged over it (寄宿生生活补助(人) | 1500 |
    蒙阳镇300 …): a bare figure in a cell after the first, no unit column's cell: no task."""
    return len(row) >= 2 and any(_FIGURE.fullmatch(c.text) for c in row[1:]) and not any(
        kinds.get(c.cell) in ROLES for c in row)


def _merged_categories(rows: list[list[Line]], kinds: dict[int, str]) -> dict[int, str]:
    """Text columns before the last ones whose cells stand on no more than half of the rows
    (建设任务, 工作事项: printed once on a group's first row, merged over the rest) group the
    rows, as a 类别 column does."""
    texts = [k for k in sorted(kinds) if kinds[k] == "task"]
    if len(texts) == 2 and len(rows) >= 3 and _headed_over_numbered(rows, texts[0], texts[1]):
        return {k: ("category" if k == texts[0] else v) for k, v in kinds.items()}  # 一、… | 1.… | 办公室
    if len(texts) < 3 or len(rows) < 3:
        return kinds
    held = {k: sum(any(c.cell == k for c in row) for row in rows) for k in texts}
    sparse = []
    for k in texts[:-2]:
        if held[k] * 2 > len(rows):
            break
        sparse.append(k)
    if len(sparse) == len(texts) - 2 and _headed_over_numbered(rows, texts[-2], texts[-1]):
        sparse.append(texts[-2])
    return {k: ("category" if k in sparse else v) for k, v in kinds.items()}


def _named_items(rows: list[list[Line]], kinds: dict[int, str]) -> dict[int, str]:
    """A category column (项目名称) before the text whose cells stand on every row (of three or more),
    each different, names each row's item: part of its text (name first), as the table reader reads
    it (tables._names_each_row), not a category grouping rows."""
    texts = [k for k in sorted(kinds) if kinds[k] == "task"]
    before = [k for k in sorted(kinds) if kinds[k] == "category" and texts and k < texts[0]]
    if not before or len(rows) < 3:
        return kinds
    cells = [next((c.text for c in row if c.cell == before[-1]), None) for row in rows]
    if None in cells or len(set(cells)) != len(cells):
        return kinds
    return {k: ("task" if k == before[-1] else v) for k, v in kinds.items()}


def _headed_over_numbered(rows: list[list[Line]], k: int, last: int) -> bool:
    """A text column merged over rows whose cells are headings ((一)开展…, 一、…), beside a last
    text column whose cell on every row opens with a number running on (1.… 2.…): the
    headings group the numbered items, as a 类别 column does."""
    cells = [c.text for row in rows for c in row if c.cell == k]
    if not cells or len(cells) == len(rows) or not all(heading_of(t) for t in cells):
        return False
    items = [c.text for row in rows for c in row if c.cell == last]
    numbers = [_leading_number(t) for t in items]
    if len(items) != len(rows) or not all(numbers):
        return False
    values = [int(n[0]) for n in numbers]
    return all(a < b for a, b in zip(values, values[1:]))


def _leading_number(text: str) -> tuple[str, str] | None:
    """The number a task cell opens with ((1)…, 1.…) and the text after it, where the table
    has no 序号 column and numbers its tasks inside the text."""
    m = SUBITEM.match(text) or ARABIC_TASK.match(text)
    return (m.group(1), m.group(2)) if m and m.group(2) else None


def _numbered_texts(rows: list[list[Line]], kinds: dict[int, str], first: int) -> bool:
    """No 序号 column, and every row's first text cell opens with its number ((1)…, 1.…),
    the numbers running on."""
    if "number" in kinds.values():
        return False
    cells = [c.text for row in rows for c in row if c.cell == first]
    numbers = [_leading_number(t) for t in cells]
    if len(cells) < 2 or not all(numbers):
        return False
    values = [int(n[0]) for n in numbers]
    return all(a < b for a, b in zip(values, values[1:]))  # running on: restarting numbers stay text


def _aligned(row: list[Line], kinds: dict[int, str]) -> list[Line]:
    """A row short of cells whose first cells were merged with the rows above (a category
    printed once for its rows) has its cells moved right, under the columns they belong to,
    when they fit there and not where they stand (or stand with a unit cell under the text
    column before the units, short of the last column, or open with its 序号 left of the 序号
    column); a 序号 cell keeps its place. A row that also lacks its last cells (no 完成时限) moves
    the least that fits."""
    if len(row) < 2 or _fits(row, kinds) and not (_unit_under_text(row, kinds)
                                                  or _number_left_of_its_column(row, kinds)):
        return row
    kept = 1 if kinds.get(row[0].cell) == "number" and ARABIC_ALONE.match(row[0].text) else 0  # 序号 stays
    full = max(kinds) - max(cell.cell for cell in row)
    for shift in range(full, 0, -1):
        moved = row[:kept] + [replace(cell, cell=cell.cell + shift) for cell in row[kept:]]
        if _fits(moved, kinds) and (shift == full or all(
                _names_units(units_cell(c)) for c in moved if kinds[c.cell] in ROLES)):
            return moved
    return row


def _number_left_of_its_column(row: list[Line], kinds: dict[int, str]) -> bool:
    """A row opening with a bare 序号 (2) in a place before the header's 序号 column (十件大事 | 序号 | …):
    the category cell before it is merged over the row, so every cell stands a place left of its own."""
    numbers = [k for k in kinds if kinds[k] == "number"]
    return bool(numbers) and row[0].cell < min(numbers) and bool(ARABIC_ALONE.match(row[0].text))


def _unit_under_text(row: list[Line], kinds: dict[int, str]) -> bool:
    """A row ending before the header's last column whose cell under the text column right before
    the first role column is nothing but units' names: its cells stand a place left of theirs."""
    roles = [k for k in sorted(kinds) if kinds[k] in ROLES]
    before = roles[0] - 1 if roles else -1
    if max(c.cell for c in row) >= max(kinds) or kinds.get(before) != "task":
        return False
    return any(c.cell == before and _only_unit_names(c) for c in row)


_CARRIED = ROLES + ("time", "person")  # the columns whose cell a web table merges over several rows


def _carried(rows: list[list[Line]], kinds: dict[int, str], moved: set[int] = frozenset()) -> list[list[Line]]:
    """Rows short of cells that the row above holds (a unit, a 完成时限 cell merged over the rows of
    its run, printed on the first row only): each takes them from the row above, as a cell merged
    over rows belongs to each of them. Only where its own cells then fit their columns by their
    shape: units under the unit columns, a time under the time column. Not the text's last line:
    a row the page cut off (its text broken off, no cells after it) takes nothing. A row moved
    right under its columns (`moved`: its leading cells merged) takes the cells past its last."""
    out: list[list[Line]] = []
    for k, row in enumerate(rows):
        above = out[-1] if out and _fits(out[-1], kinds) else None
        if above and len(row) >= 2 and k + 1 < len(rows):
            if not _fits(row, kinds):
                row = _filled(row, above, kinds) or row
            elif id(row) in moved:
                row = _tail_carried(row, above, kinds)
        out.append(row)
    return out


def _tail_carried(row: list[Line], above: list[Line], kinds: dict[int, str]) -> list[Line]:
    """A row printed short on both sides (序号 | 任务 | … | 实施主体 over `工作内容 | 牵头 | 协同`): its
    leading cells and the unit or time cells after its last are cells merged over it from the row
    above (rowspan), printed there once; it takes those after its last, as a cell merged over rows
    belongs to each of them. Only where every cell of the row above past its last is such a cell."""
    last = max(cell.cell for cell in row)
    tail = [cell for cell in above if cell.cell > last]
    if not tail or not all(kinds[cell.cell] in _CARRIED for cell in tail):
        return row
    return row + [replace(cell, no=row[0].no) for cell in tail]


def _filled(row: list[Line], above: list[Line], kinds: dict[int, str]) -> list[Line] | None:
    """The row with the cells it lacks taken from the row above, its own cells in their order in
    the other columns of the row above; the first such row whose cells fit their columns."""
    short = len(above) - len(row)
    mergeable = [c.cell for c in above if kinds[c.cell] in _CARRIED]
    for missing in combinations(reversed(mergeable), short) if short > 0 else ():
        places = [c.cell for c in above if c.cell not in missing]
        filled = sorted([replace(c, cell=k) for c, k in zip(row, places)]
                        + [replace(c, no=row[0].no) for c in above if c.cell in missing], key=lambda c: c.cell)
        if _fits(filled, kinds) and all(_in_shape(c, kinds[c.cell]) for c in filled):
            return filled
    return None


def _in_shape(cell: Line, kind: str) -> bool:
    """A unit cell names units; a time cell (1月份, 4-6月份, 年底前) names none and is no sentence."""
    if kind in ROLES:
        return _names_units(units_cell(cell))
    return kind != "time" or is_deadline(cell.text) or not ("。" in cell.text or _names_units(cell.text))


def _names_units(cell: str) -> bool:
    """A unit cell, not a step of a task (1.6月底前完成…): no item number, a unit's name in it."""
    return not (ARABIC_TASK.match(cell) or SUBITEM.match(cell)) and any(
        looks_like_unit(n) for n in split_units(cell))


def _fits(row: list[Line], kinds: dict[int, str]) -> bool:
    """Two cells or more, each under a column, text and units among them, and no deadline,
    sentence or 备注 note (市级督办) under a role column (a row whose merged first cell was left
    out has its cells shifted one column left)."""
    if len(row) < 2 or not all(cell.cell in kinds for cell in row):
        return False
    held = [kinds[cell.cell] for cell in row]
    return "task" in held and any(k in ROLES for k in held) and not any(
        kinds[cell.cell] in ROLES and (is_deadline(cell.text) or "。" in cell.text or _NOTE.search(cell.text))
        for cell in row)


# a 备注 note (市级督办) at a unit column's place: a row shifted left by a merged cell, not a unit
_NOTE = re.compile(rf"(?:{'|'.join(map(re.escape, GRAMMAR.columns['notes']))})$")


def _wrapped_cells(rows: list[list[Line]], fitting: set[int]) -> bool:
    """A line inside the table that is neither a row nor a category row: a cell wrapped over
    lines (市农牧林业局 | 2010年9月20日前), which the table reader reads, not this one."""
    last = max((i for i, row in enumerate(rows) if id(row) in fitting), default=-1)
    return any(id(row) not in fitting and not (len(row) == 1 and heading_of(row[0].text))
               for row in rows[:last])
