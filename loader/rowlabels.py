"""Table rows numbered by a label cell (`第一组` … `第十一组`, a group's number as `第三十六条` is an
article's) instead of a serial column: the label's numeral is the row's id, not its ordinal.

The readers number a table's rows that print no serial by their place (1, 2 …); this says where the
page printed a number after all, in the label, so that ids stay as printed (grammar
`[numbering] row_label`)."""
from __future__ import annotations

import re
from dataclasses import replace

from .blocks import ARABIC_ALONE, Block, Segment, cn_to_int, heading_of, numbering_pattern

_ROW_LABEL = numbering_pattern("row_label")
_CELL_BREAK = re.compile(r"[||\s]+")  # what parts a line's cells: a bar, tabs, spaces


def labelled_rows(blocks: list[Block], lines: list[str]) -> list[Block]:
    """Each run of blocks under one heading read as `_labelled_run`: a page may print a numbered item
    before the heading whose groups are labelled (`(二)…` then `(三)…` over `第一组:` …)."""
    return [b for run in _runs_under_one_heading(blocks) for b in _labelled_run(run, lines)]


def _runs_under_one_heading(blocks: list[Block]) -> list[list[Block]]:
    """The blocks parted where the heading they stand under changes."""
    runs: list[list[Block]] = []
    for block in blocks:
        if runs and runs[-1][0].section_path == block.section_path:
            runs[-1].append(block)
        else:
            runs.append([block])
    return runs


def _labelled_run(blocks: list[Block], lines: list[str]) -> list[Block]:
    """Blocks numbered by their place whose texts each hold one row label, the labels counting on by
    one (第一组, 第二组 …): each block takes its label's numeral. Rows with a serial number printed on
    the page (a `1` cell) keep it; a single row, or labels out of turn, are no such table."""
    numerals = [_label_numeral(b) for b in blocks]
    if len(blocks) < 2 or None in numerals or not _by_place(blocks) or not _counting_on(numerals):
        return blocks
    if any(_serial_printed(b.number, lines) for b in blocks):
        return blocks
    restarted = _numerals_before_heading(blocks[0], lines) & set(numerals)
    return [replace(b, number=numeral, under_heading=b.under_heading or bool(restarted),
                    segments=[_label_colon_dropped(s) for s in b.segments])
            for b, numeral in zip(blocks, numerals)]


def _label_colon_dropped(segment: Segment) -> Segment:
    """A text that is a row label and the colon closing it (`第一组:`, its units' labels after the colon on
    its line) is the label alone: the colon closes the label, it is no part of the text."""
    label = segment.text.removesuffix(":")
    if label != segment.text and _ROW_LABEL.fullmatch(label):
        return replace(segment, text=label)
    return segment


def _numerals_before_heading(block: Block, lines: list[str]) -> set[str]:
    """The numerals of the headings printed before the one the rows stand under (a page opening inside
    part 三 at its `(二)` `(三)`, then `四、` over `第一组`…): labels repeating one restart that numbering,
    so their ids show the heading's numerals (四.一), as items restarting under a heading do."""
    if not block.section_path or block.section is None:
        return set()
    heads = [heading_of(ln.strip()) for ln in lines]
    opening = next((i for i, h in enumerate(heads) if h is not None and h.title == block.section), None)
    return {h.numeral for h in heads[:opening] if h is not None} if opening is not None else set()


def _label_numeral(block: Block) -> str | None:
    """The numeral of the one row label among the block's words (`第十一组`, a cell of its own)."""
    found = [m.group(1) for s in block.segments for m in _ROW_LABEL.finditer(s.text)]
    return found[0] if len(found) == 1 else None


def _by_place(blocks: list[Block]) -> bool:
    """Are the blocks numbered by their place, 1, 2 … in order or not at all, as a reader numbers rows
    (or paragraphs) that print no number, all under one heading or none?"""
    return all(b.number in (None, str(k)) and b.section_path == blocks[0].section_path for k, b in enumerate(blocks, 1))


def _counting_on(numerals: list[str]) -> bool:
    """Do the labels count on by one (第一组, 第二组 …)? Only then are they a table of groups, each row
    printing its own number; labels out of turn are words picked from the rows' texts, no numbering."""
    values = [cn_to_int(n) for n in numerals]
    return all(later == earlier + 1 for earlier, later in zip(values, values[1:]))


def _serial_printed(number: str | None, lines: list[str]) -> bool:
    """Does a line of the page open with the row's number as a cell of its own (`1`, `| 1`, `1 | 第一组`)?"""
    return number is not None and any(
        ARABIC_ALONE.fullmatch(first) and first.rstrip(".、") == number
        for first in (next(iter(_CELL_BREAK.split(ln.strip("||").strip())), "") for ln in lines))
