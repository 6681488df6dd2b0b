"""Tables printed at fixed column positions (a PDF through `pdftotext -layout`) → one row a line.

    序号   重点任务                          牵头单位          配合单位              完成时限
     1     建成一批社区老年助餐点，覆盖      市民政局          市财政局、市市场      2025年6月
           全部城市社区                                        监管局

Each long cell wraps inside its column, so a row spans several lines and a continuation line
carries each column's next piece at that column's offset. Read line by line, the pieces of
one cell land in different lines (and `监管局` reads as a unit of its own). The table is found
by its header: header words at positions parted by runs of spaces. Each column starts where
its header word or the first piece under it starts (a centred header word stands right of its
column's start); each line is cut at those starts, a piece a few columns off its column's
start still in it; a line with no row number under a numbered column goes on with the row
above. The rows become `|` rows for the columns reader; they stand where their first lines
stood and the lines they used become blank, so line numbers (`--explain`) stay those of the file.
"""
from __future__ import annotations

import re
import unicodedata

from .blocks import ARABIC_ALONE, ARABIC_TASK, SUBITEM, heading_of
from .grammar import GRAMMAR
from .columns import header_kinds
from .interleaved import interleaved_tables
from .records import ROLES
from .tables import header_cell_kind

_CONF = GRAMMAR.table["aligned"]
_GAP = re.compile(r"[ \u3000]{%d,}" % _CONF["gap"])
_PIECE = re.compile(r"\S+(?:[ \u3000]{1,%d}\S+)*" % (_CONF["gap"] - 1))
_DRAWN = _CONF["drawn_marks"]
_FIELD_ENDS = tuple(_CONF["field_ends"])
_PAGE_NUMBER = re.compile("|".join(GRAMMAR.layout["page_numbers"]))
_CELL_ENDS = tuple(_CONF["cell_ends"])
_NO_UNITS = tuple(_CONF["no_units"])


def aligned_tables(text: str) -> str:
    """The text with each table printed at fixed column positions rewritten as `|` rows, then each
    table whose cells share a line one space apart written back one row a line (loader/interleaved.py)."""
    return interleaved_tables(_spaced_rows(text))


def _spaced_rows(text: str) -> str:
    """The text with each table printed at fixed column positions rewritten as `|` rows."""
    if not _GAP.search(text):
        return text
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        starts = _header(lines[i])
        if starts is None:
            i += 1
            continue
        end = _table_end(lines, i + 1, starts)
        rows = None if _drawn(lines[i:end]) else _rows(lines[i:end], starts)
        if rows is not None:
            lines[i:end] = rows
        i = max(end, i + 1)
    return "\n".join(lines)


def _drawn(block: list[str]) -> bool:
    """Cells drawn apart (`|`, `│`, `┼`) are read by their marks (loader/boxes.py). Only the table's
    own lines count: a stray `|` elsewhere on the page (a breadcrumb `首页 | 公开`) leaves it aligned."""
    return any(mark in line for line in block for mark in _DRAWN)


def _width(text: str) -> int:
    """Display width: a wide (CJK) character takes two columns, as pdftotext aligns by position."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pieces(line: str) -> list[tuple[int, str]]:
    """(display column, text) of each run of text parted from the next by a gap of spaces."""
    return [(_width(line[:m.start()]), m.group()) for m in _PIECE.finditer(line.rstrip())]


def _header(line: str) -> list[tuple[int, str]] | None:
    """A header line's cells at their columns: enough cells, most of them header words, a task
    column among them."""
    cells = _pieces(line)
    if len(cells) < _CONF["min_columns"]:
        return None
    texts = [unicodedata.normalize("NFKC", c) for _, c in cells]
    kinds = [header_cell_kind(text) for text in texts]
    if sum(k is not None for k in kinds) < _CONF["header_share"] * len(cells):
        return None
    # no task word (专项整治行业名称 | 时间安排 | 责任单位): read as the `|` reader reads such a header
    return cells if "task" in kinds or header_kinds(dict(enumerate(texts))) else None


def _column(pos: int, starts: list[int]) -> int:
    """The column a piece starting at pos stands in: the last whose start it reaches, give or take."""
    tol = _CONF["tolerance"]
    return max((k for k, s in enumerate(starts) if pos + tol >= s), default=0)


def _table_end(lines: list[str], j: int, header: list[tuple[int, str]]) -> int:
    """Where the aligned rows under a header end: a line set flush left that runs past the first
    column (prose), a page's field after the table (`索引号:   …`), a header line, or a run of blank lines."""
    first_end = header[1][0] - _CONF["gap"]
    blanks = 0
    while j < len(lines):
        pieces = _pieces(lines[j])
        if not pieces:
            blanks += 1
            if blanks > _CONF["max_blanks"]:
                break
        else:
            blanks = 0
            if pieces[0][1].endswith(_FIELD_ENDS) or _prose(pieces, first_end) or _header(lines[j]):
                break  # a header line opens a table of its own (a second table, the same header after a page break)
        j += 1
    while j > 0 and not lines[j - 1].strip():
        j -= 1
    return j


def _prose(pieces: list[tuple[int, str]], first_end: int) -> bool:
    """A line set flush left that runs past the first column and is no page number."""
    return (len(pieces) == 1 and pieces[0][0] == 0 and _width(pieces[0][1]) > first_end + _CONF["tolerance"]
            and not _PAGE_NUMBER.match(pieces[0][1].replace(" ", "")))


def _starts(header: list[tuple[int, str]], body: list[list[tuple[int, str]]]) -> list[int]:
    """Each column's start: the leftmost piece under it between the previous header word's end
    and its own header word (a centred header word stands right of its column's start)."""
    starts = [0]
    for k in range(1, len(header)):
        prev_end = header[k - 1][0] + _width(header[k - 1][1])
        under = [p for pieces in body for p, _ in pieces if prev_end + 1 < p <= header[k][0]]
        starts.append(min(under, default=header[k][0]))
    return starts


def _rows(block: list[str], header: list[tuple[int, str]]) -> list[str] | None:
    """The table's lines rewritten: each row a `|` row on its first line, its other lines blank."""
    body = [_pieces(ln) for ln in block[1:]]
    if _by_order(header, body):
        return None  # cells in order: the spaced-header reader (loader/columns.py) takes them so
    starts = _starts(header, body)
    numbered = header_cell_kind(header[0][1]) == "number"
    kinds = _kinds(header)
    out = [""] * len(block)
    out[0] = "|".join(c for _, c in header)
    rows: list[tuple[list[int], list[str]]] = []
    for n, pieces in enumerate(body, start=1):
        if not pieces or (len(pieces) == 1 and _PAGE_NUMBER.match(pieces[0][1].replace(" ", ""))):
            out[n] = block[n]
            continue
        cells = [""] * len(starts)
        for pos, piece in pieces:
            k = _column(pos, starts)
            cells[k] = _joined(cells[k], piece)
        if not rows or _opens(cells, rows[-1][1], numbered, kinds):
            rows.append(([n], cells))
        else:
            rows[-1] = (rows[-1][0] + [n], [_joined(a, b) for a, b in zip(rows[-1][1], cells)])
    placed = [(used, cells) for used, cells in rows if _placed(cells, kinds)]
    if len(placed) < _CONF["min_rows"]:
        return None
    for used, cells in rows:
        joiner = "|" if (used, cells) in placed else " "
        out[used[0]] = joiner.join(re.sub(r"\s+", " ", c) for c in cells if c or joiner == "|")
    return out


def _by_order(header: list[tuple[int, str]], body: list[list[tuple[int, str]]]) -> bool:
    """Whether each row's pieces are its cells in order, not at positions: every line under the
    header has as many pieces as the header. Cells copied from a web page or Word parted by a run of
    spaces need not stand at the header words' offsets (a header 3 spaces apart over rows 4 apart),
    but where no cell is empty or wrapped, the n-th piece is the n-th column's."""
    filled = [pieces for pieces in body if pieces]
    return bool(filled) and all(len(pieces) == len(header) for pieces in filled)


def _kinds(header: list[tuple[int, str]]) -> dict[int, str | None]:
    """Each column's kind, as the `|` reader reads the header."""
    texts = {k: unicodedata.normalize("NFKC", c) for k, (_, c) in enumerate(header)}
    return header_kinds(texts) or {k: header_cell_kind(text) for k, text in texts.items()}


def _placed(cells: list[str], kinds: dict[int, str | None]) -> bool:
    """A row whose cells stand under their columns: no sentence under a role column. A row the
    columns could not part (merged cells printed mid-span beside it) is left as one line of text, so
    the table is read by its other rows rather than refused whole."""
    return not any(kinds.get(k) in ROLES and any(stop in cell for stop in _NO_UNITS)
                   for k, cell in enumerate(cells))


def _opens(cells: list[str], row: list[str], numbered: bool, kinds: dict[int, str | None]) -> bool:
    """Whether a line opens a row rather than goes on with the row above. A numbered table opens one
    at each number, an unnumbered one where column 0 is filled. There a merged cell (a category over
    several rows) is printed once, mid-span, so the other rows' lines leave column 0 blank: a row also
    opens after a lone section line (一、体系建设, merged across the table), and where the line's first
    filled column is a task column whose piece opens an item ((2)…, 2.…) after that column's text in
    the row above ended a sentence."""
    if numbered:
        return bool(ARABIC_ALONE.match(cells[0]))
    if cells[0]:
        return True
    if not any(row[1:]) and heading_of(row[0]):
        return True
    first = next(k for k, cell in enumerate(cells) if cell)
    item = unicodedata.normalize("NFKC", cells[first])
    return (kinds.get(first) == "task" and bool(SUBITEM.match(item) or ARABIC_TASK.match(item))
            and unicodedata.normalize("NFKC", row[first]).endswith(_CELL_ENDS))


def _joined(before: str, piece: str) -> str:
    """A cell's pieces joined: wide characters run on, Latin letters and digits a space apart."""
    if not before or not piece:
        return before or piece
    return before + (" " if before[-1].isascii() and piece[0].isascii() else "") + piece
