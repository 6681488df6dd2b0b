"""A Word or Excel table copied as text: its cells parted by tabs, a long cell's paragraphs on lines
of their own (Word), or kept inside quotes over those lines (Excel: `"…。\n…。"`). The row's lines
are joined back where they make up exactly the header's count of cells. A Word copy's indents and
padding saved as tabs are read first: a tab beside a `|` pads that `|` row, as a space does, and a
page whose every tabbed line opens with a tab is indented by it (no table's first column is empty
on every row): that tab is taken off, lest it read as an empty cell; a header word spaced out to
its column's width (`目\t标\t任\t务`) is one word, not a cell a letter."""
from __future__ import annotations

import re

from .grammar import GRAMMAR
from .wrapped import spaced_letters_joined

_MAX_LINES = GRAMMAR.table["wrap"]["tab_cell_lines"]
_NEW_ITEM = re.compile(GRAMMAR.table["wrap"]["new_paragraph"])
_BAR_PADDING = re.compile(r"[ \t]*\t[ \t]*(?=\|)|(?<=\|)[ \t]*\t[ \t]*")  # `a\t|\tb`: a `|` row's spaces saved as tabs
_INDENT = re.compile(r"^[ \t\u3000]*\t[ \t\u3000]*")


def tab_cells_joined(lines: list[str]) -> list[str]:
    """The lines of a text, a tab-separated row broken over lines joined back into one line."""
    lines = [_spaced_word_untabbed(ln) for ln in _indents_untabbed(_bar_padding_spaced(lines))]
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


def _bar_padding_spaced(lines: list[str]) -> list[str]:
    """`文章来源:X\t|\t发布日期:…`: the tabs round a `|` pad it as the spaces of `a  |  b` did (a copy
    that saved runs of spaces as tabs); read as tabs they would part the row into empty cells."""
    return [_BAR_PADDING.sub(" ", ln) if "|" in ln and "\t" in ln else ln for ln in lines]


def _indents_untabbed(lines: list[str]) -> list[str]:
    """A page whose every line holding a tab opens with one (`\t一、组织保障`, `\t办公室\t组织…`): that
    tab is the page's indent (a Word copy's first-line indent or its leading spaces saved as a tab),
    not an empty first cell, which a table prints on some of its rows only. Taken off with the
    spaces round it; a page where some tabbed line opens with text keeps its leading tabs as cells."""
    tabbed = [ln for ln in lines if "\t" in ln.strip(" \u3000")]
    if not tabbed or not all(_INDENT.match(ln) for ln in tabbed):
        return lines
    return [_INDENT.sub("", ln) for ln in lines]


def _spaced_word_untabbed(line: str) -> str:
    """`目\t标\t任\t务\t责\t任\t单\t位`: a header cell spaced out to its column's width, the spaces saved
    as tabs, falls apart into a letter a cell; a run of such cells is one word again, cut after each
    header word, as in a line parted at its spaces (wrapped.spaced_letters_joined). A row with an
    empty cell keeps its places."""
    cells = line.split("\t")
    if len(cells) < 2 or not all(c.strip() for c in cells):
        return line
    return "\t".join(spaced_letters_joined([c.strip() for c in cells]))


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
