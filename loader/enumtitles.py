"""Enumerator title lines over duty lines: a bulletin's points, each a title alone on its line.

    一是道路保洁不到位。                 (the point: an enumerator and a short title closed by 。)
    甲区负责的A路、B街等道路部分路段;     (a unit's duty, opening with its unit)
    市乙局负责的C路、D街等道路部分路段。
    二是工地围挡不到位。
    丙区负责的E工地。

The title is a heading over the duty lines below it: several are its sub-tasks (一.1, 一.2),
section the title line, each duty's text its whole line (the unit is the point's own word, as a
paragraph opened by its enumerator keeps it); one alone is the task 二 itself, its text from the
title after 是 on (as loader/fallback.py reads a paragraph opened by its enumerator).
"""
from __future__ import annotations

import re
from dataclasses import replace

from .blocks import CN_DIGITS, Block, Segment
from .grammar import GRAMMAR

_TITLE = re.compile(GRAMMAR.table["fallback"]["enumerator_heading"].replace("{cn}", CN_DIGITS))


def enumerator_title(text: str) -> tuple[str, str] | None:
    """(numeral, title after 是) for a line that is only an enumerator and its short title: a line
    going on past the title's 。 is a paragraph, read by the duty's own rules."""
    m = _TITLE.match(text)
    return (m.group(1), text[len(m.group(1)) + 1:]) if m and m.end() == len(text) else None


def under_title(read: list[Block], title: str | None, line: str) -> list[Block]:
    """The duties read from one line, placed under the open enumerator title: numbered by place under
    its numeral. A single duty read from the line keeps the whole line as its text, its unit too."""
    opened = enumerator_title(title) if title else None
    if opened is None:
        return read
    whole = len(read) == 1 and len(read[0].segments) == 1 and line.endswith(read[0].segments[0].text)
    return [replace(b, section=title, section_path=(opened[0],), numbered_by_place=True, under_heading=True,
                    segments=[replace(b.segments[0], text=line)] if whole else b.segments) for b in read]


def lone_titled_duties(blocks: list[Block]) -> list[Block]:
    """Numbers the duties under each enumerator title by place (一.1, 一.2); a title's only duty takes
    the title's numeral as its id, its title's words opening its text, and no section (the title is
    its own)."""
    counts: dict[str, int] = {}
    for b in blocks:
        if b.numbered_by_place and b.section and enumerator_title(b.section):
            counts[b.section] = counts.get(b.section, 0) + 1
            b.number = str(counts[b.section])
    return [_lone(b) if b.section in counts and counts[b.section] == 1 else b for b in blocks]


def _lone(block: Block) -> Block:
    """A title's only duty as the point itself: `二`, its text the title then the duty's line."""
    numeral, words = enumerator_title(block.section)
    first = Segment(words + block.segments[0].text, block.segments[0].cells)
    return replace(block, number=numeral, section=None, section_path=(), under_heading=False,
                   numbered_by_place=False, segments=[first] + block.segments[1:])
