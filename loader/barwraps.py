"""A `|` table exported from a PDF or Word whose narrow unit cell wraps inside itself: the export
prints the wrapped piece as a row of its own with its number and text cells empty
(`| 2 | … | 市科技局 | 市发改委、市工业和 |` over `|  |  |  | 信息化局 |`). Read as a row, the piece
opens a sub-task or takes the lead; it is the end of the cell above it, joined back here before
any reader sees the lines.
"""
from __future__ import annotations

from .clauses import looks_like_unit, split_units
from .grammar import GRAMMAR

_LIST_OPEN_END = tuple(GRAMMAR.table["wrap"]["list_open_end"])  # `市财政局、` / `市税务局`: a list going on


def bar_pieces_joined(lines: list[str]) -> list[str]:
    """The lines with every `|` row that holds only wrapped pieces of the row above's cells joined
    into that row, cell by cell (`_joined_onto`)."""
    out: list[str] = []
    for line in lines:
        joined = _joined_onto(out[-1], line) if out and _bar_row(line) and _bar_row(out[-1]) else None
        if joined is None:
            out.append(line)
        else:
            out[-1] = joined
    return out


def _bar_row(line: str) -> bool:
    """A whole `|` row, opened and closed by a bar: not a piece of one a fixed width cut."""
    stripped = line.strip()
    return len(stripped) > 1 and stripped[0] == "|" and stripped[-1] == "|"


def _joined_onto(above: str, line: str) -> str | None:
    """`above` with `line`'s cells joined to its cells at the same places, where `line` is a wrap
    of it: the same count of cells, its first (number) cell empty, fewer cells filled and each
    under a filled cell of `above`, every one a piece (`_piece_of`) and at least one finishing a
    unit's name the wrap broke (`_finishes_name`). A row of whole units under a merged number
    (a continuation row the contract reads as more units) finishes no name: left as it stands."""
    cells, upper = line.split("|"), above.split("|")
    if len(cells) != len(upper):
        return None
    filled = [k for k, cell in enumerate(cells) if cell.strip()]
    upper_filled = [k for k, cell in enumerate(upper) if cell.strip()]
    if not filled or len(filled) >= len(upper_filled) or filled[0] == upper_filled[0] \
            or not set(filled) <= set(upper_filled):
        return None
    pairs = [(upper[k].strip(), cells[k].strip()) for k in filled]
    if not any(_finishes_name(*pair) for pair in pairs) or not all(_piece_of(*pair) for pair in pairs):
        return None
    return "|".join(f" {upper[k].strip()}{cells[k].strip()} " if k in filled else upper[k]
                    for k in range(len(upper)))


def _finishes_name(cell: str, piece: str) -> bool:
    """The piece's first name ends the cell's last name, broken by the wrap: joined they make a
    unit's name, and one of the two is no unit's name alone (`市工业和` + `信息化局`, `县发展和改` + `革局`)."""
    names, pieces = split_units(cell), split_units(piece)
    if not names or not pieces:
        return False
    last, first = names[-1], pieces[0]
    return looks_like_unit(last + first) and not (looks_like_unit(last) and looks_like_unit(first))


def _piece_of(cell: str, piece: str) -> bool:
    """A wrapped piece of the cell: it finishes a broken name, goes on with a list the cell leaves
    open (`、`), or names no unit (a text cell's wrapped words)."""
    return _finishes_name(cell, piece) or cell.endswith(_LIST_OPEN_END) \
        or not any(looks_like_unit(name) for name in split_units(piece))
