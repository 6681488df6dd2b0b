"""Blocks a reader left unplaced (no number, no section: a department-subject paragraph
`市商务局负责…` under `(五)基本生活保障`) take the headings the page prints above their lines,
so that their ids count under those headings as the contract's restart rules say (八.五.1, 八.六);
numbered ones whose numbering restarts under part headings the reader did not see take those parts (三.二, 四.二).
"""
from __future__ import annotations

from dataclasses import replace

from .blocks import Block, Heading, cn_to_int, enter_heading, heading_of, int_to_cn


def placed_under_headings(blocks: list[Block], outline) -> list[Block]:
    """Every block unplaced by its reader takes the heading path above its line; none is placed
    where the reader placed any (its own placing stands), or where they do not stand under two
    headings or more (under one, their ordinals tell them apart as the page prints them)."""
    if not blocks or any(b.number is not None or b.section or b.section_path for b in blocks):
        return blocks
    headings = _headings(outline)
    if not headings:
        return blocks
    part = _part_before_first(headings)
    out, start = [], 0
    for block in blocks:
        line = outline.line_of(block, start)
        if line is None:
            return blocks  # a block the page does not show as printed: no placing can be trusted
        start = line
        path, section = _path_above(headings, line, part)
        out.append(replace(block, section=section, section_path=path) if path else block)
    return out if len({b.section for b in out if b.section}) >= 2 else blocks


def _headings(outline) -> list[tuple[int, Heading]]:
    """(line index, heading) of the page's 一、 and (一) headings."""
    found = ((i, heading_of(outline.lines[i].text)) for i, level, _ in outline.items if level in (1, 2))
    return [(i, head) for i, head in found if head is not None]


def _part_before_first(headings: list[tuple[int, Heading]]) -> str | None:
    """The part a page opens inside, where it opens with (五)…(七) and its first part heading shown
    (九、, 二 at least) starts their numbering again ((一) under 十、): the part before it (八)."""
    parts = [k for k, (_, head) in enumerate(headings) if head.level == 1]
    if not parts or parts[0] == 0:
        return None
    numeral = headings[parts[0]][1].numeral
    before = [head for _, head in headings[:parts[0]]]
    after = [head for _, head in headings[parts[0]:] if head.level == 2]
    if numeral.isdigit() or cn_to_int(numeral) < 2 or not after:
        return None
    restarted = cn_to_int(after[0].numeral) <= cn_to_int(before[-1].numeral)
    return int_to_cn(cn_to_int(numeral) - 1) if restarted else None


def _path_above(headings: list[tuple[int, Heading]], line: int, part: str | None):
    """The numerals of the headings open at `line`, outermost first, and the innermost's line; a
    (五) before the first part shown stands in the part before it."""
    path: list[tuple[int, str]] = [(1, part)] if part else []
    section = None
    for i, head in headings:
        if i >= line:
            break
        path, section = enter_heading(path, head), head.title
    return tuple(numeral for _, numeral in path) if section else (), section


def restarts_placed_under_parts(blocks: list[Block], outline) -> list[Block]:
    """Numbered blocks a reader left unplaced (`(二)公安部门负责…`, read as its department's duty) whose
    numbering starts again where the page prints a heading of an outer kind (`三、责任分工` over `(一)…(九)`,
    `四、宣传教育` over `(一)…(四)`): each takes the headings above its line, so that its id shows their
    numerals (三.二, 四.二) as the contract's restart rule says, and no two tasks share an id. Where the
    numbering never goes back, or goes back with no such heading between, the reader's placing stands."""
    if outline is None or len(blocks) < 2 or any(b.section or b.section_path for b in blocks):
        return blocks
    lines = _printed_lines(blocks, outline)
    if lines is None:
        return blocks
    levels = {level for _, level in lines}
    if len(levels) != 1:
        return blocks
    headings = [(i, head) for i, head in _headings(outline) if head.level < min(levels)]
    placed = [_path_above(headings, line, None) for line, _ in lines]
    if not all(path for path, _ in placed) or not _restarts_at_headings(blocks, placed):
        return blocks
    return [replace(b, section=section, section_path=path) for b, (path, section) in zip(blocks, placed)]


def _printed_lines(blocks: list[Block], outline) -> list[tuple[int, int]] | None:
    """(line index, numbering level) of every block, each numbered on its line as the block says;
    None where a block is unnumbered or its line cannot be told (a reading the page does not print)."""
    numbered = {i: (level, numeral) for i, level, numeral in outline.items}
    out, start = [], 0
    for block in blocks:
        line = outline.line_of(block, start) if block.number is not None else None
        while line is not None and numbered.get(line, (None, None))[1] != block.number:
            line = outline.line_of(block, line + 1)  # its words again on a later item's line (负责…)
        if line is None:
            return None
        out.append((line, numbered[line][0]))
        start = line
    return out


def _restarts_at_headings(blocks: list[Block], placed: list[tuple[tuple[str, ...], str | None]]) -> bool:
    """Does the numbering go back at least once, and only where the headings above change?"""
    restarts = 0
    for k in range(1, len(blocks)):
        if cn_to_int(blocks[k].number) <= cn_to_int(blocks[k - 1].number):
            if placed[k][0] == placed[k - 1][0]:
                return False
            restarts += 1
    return restarts > 0
