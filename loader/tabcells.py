"""A Word or Excel table copied as text: its cells parted by tabs, a long cell's paragraphs on lines
of their own (Word), or kept inside quotes over those lines (Excel: `"…。\n…。"`). The row's lines
are joined back where they make up exactly the header's count of cells; nothing else is touched."""
from __future__ import annotations

import re

from .grammar import GRAMMAR

_MAX_LINES = GRAMMAR.table["wrap"]["tab_cell_lines"]
_NEW_ITEM = re.compile(GRAMMAR.table["wrap"]["new_paragraph"])


def tab_cells_joined(lines: list[str]) -> list[str]:
    """The lines of a text, a tab-separated row broken over lines joined back into one line."""
    widths = [_width(ln) for ln in lines if "\t" in ln]
    if not widths:
        return lines
    width = max(widths)  # the header's count of cells: a broken row has fewer on each of its lines
    out: list[str] = []
    k = 0
    while k < len(lines):
        end = _row_end(lines, k, width)
        out.append(_unquoted("".join(ln.strip("\n") for ln in lines[k:end])) if end else lines[k])
        k = end or k + 1
    return out


def _width(line: str) -> int:
    return line.rstrip("\t ").count("\t") + 1


def _row_end(lines: list[str], k: int, width: int) -> int:
    """Where the row opened at line k ends, when it is short of cells and the lines below (at most
    `[wrap] tab_cell_lines`, no blank one) bring it to exactly `width`; else 0."""
    if "\t" not in lines[k] or _width(lines[k]) >= width or lines[k].rstrip(" ").endswith("\t"):
        return 0  # a row closed by its tab (a merged cell before it) is whole
    cells = _width(lines[k])
    for j in range(k + 1, min(len(lines), k + 1 + _MAX_LINES)):
        if not lines[j].strip() or _NEW_ITEM.match(lines[j]):
            return 0  # a numbered line opens the next row's cell, never a paragraph of this one
        cells += lines[j].rstrip("\t ").count("\t")
        if cells == width:
            return j + 1
        if cells > width:
            return 0
    return 0


def _unquoted(row: str) -> str:
    """Excel's quotes around a cell of several lines taken off (`"…。…。"`)."""
    return "\t".join(c[1:-1] if len(c) > 1 and c[0] == c[-1] == '"' else c for c in row.split("\t"))
