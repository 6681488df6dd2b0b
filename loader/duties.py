"""Department-duty lists (部门职责分工): a department as heading, its duties below.

    (二)公安部门                    (三)工商部门:1、… 2、…           教育、科技等部门:<duty>
    1、…duty…
    2、…duty…

Each duty is a task for which the heading's units, as printed, are `responsible`; a
duty's id is `<heading numeral>.<duty number>` (the engine's restart rule), or the
heading's ordinal where the duty has no number. Duties before the first heading belong
to a department not in the text: they are left out, with a warning.
"""
from __future__ import annotations

import re

from .blocks import CN_DIGITS, Block, Segment
from .clauses import is_unit_list
from .grammar import GRAMMAR
from .text import Line

_DUTY = re.compile(r"^(\d{1,3})[、.](?!\d)(.*)$")
_INLINE_DUTY = re.compile(r"(?:^|(?<=[。;]))(\d{1,3})[、.](?!\d)")
_DEPARTMENT_ENDINGS = tuple(GRAMMAR.units["duty_heading_endings"])


_ROLE_HEADING = re.compile(rf"^(.+?)({'|'.join(map(re.escape, sorted(GRAMMAR.keyword_role, key=len, reverse=True)))})"
                           r"的?(?:重点)?(?:工作|任务|事项)(?:\(\d+项\))?$")


def department_of(title: str) -> tuple[str, str] | None:
    """(units, role) when a heading names departments: `公安部门` (responsible), `教育、科技等部门`,
    `县示范区管委会牵头工作(8项)` (lead); None for an ordinary heading."""
    title = title.rstrip(":。")
    m = _ROLE_HEADING.match(title)
    if m and is_unit_list(m.group(1)):
        return m.group(1), GRAMMAR.keyword_role[m.group(2)]
    if not title or len(title) > 60 or re.search(r"[。;,]", title):
        return None
    if title.endswith(_DEPARTMENT_ENDINGS) or is_unit_list(title):
        return title, "responsible"
    return None


_HEADING = re.compile(rf"^(?:\(([{CN_DIGITS}]+)\)|([{CN_DIGITS}]+)[、.])?(.*)$")


def _heading(text: str) -> tuple[str | None, str, tuple[str, str], str] | None:
    """(numeral, section as printed, units, text after a colon) when a line opens a
    department's duties; an unnumbered heading counts only with its duty after a colon."""
    m = _HEADING.match(text)
    numeral, body = m.group(1) or m.group(2), m.group(3)
    name, colon, rest = body.partition(":")
    units = department_of(name)
    if units is None or (numeral is None and not rest):
        return None
    return numeral, text[: len(text) - len(body)] + name, units, rest


def duty_blocks(lines: list[Line]) -> tuple[list[Block], list[str]]:
    blocks: list[Block] = []
    warnings: list[str] = []
    units = section = numeral = None
    for line in lines:
        opened = _heading(line.text)
        if opened:
            numeral, section, units, rest = opened
            blocks.extend(_inline_duties(rest, units, section, numeral))
            if numeral is None:  # `教育、科技等部门:<duty>` holds its one duty on its own line
                units = None
            continue
        m = _DUTY.match(line.text)
        if m and units is None:
            warnings.append(f"line {line.no}: duty {m.group(1)} comes before any department heading; left out")
            continue
        if units is None:
            continue
        if m:
            blocks.append(_duty(m.group(1), m.group(2), units, section, numeral))
        elif blocks and blocks[-1].section == section and not blocks[-1].segments[-1].text.endswith("。"):
            blocks[-1].segments[-1].text += line.text  # a duty wrapped over lines
        else:  # an unnumbered paragraph: the department's k-th duty
            k = sum(1 for b in blocks if b.section == section) + 1
            blocks.append(_duty(str(k) if numeral else None, line.text, units, section, numeral))
    return blocks, warnings


def _inline_duties(rest: str, units: tuple[str, str], section: str, numeral: str | None) -> list[Block]:
    """`(三)工商部门:1、… 2、…` on one line, or `教育、科技等部门:<duty>`."""
    rest = rest.strip()
    if not rest:
        return []
    starts = list(_INLINE_DUTY.finditer(rest))
    if not starts:
        return [_duty(None, rest, units, section, numeral)]
    ends = [m.start() for m in starts[1:]] + [len(rest)]
    return [_duty(m.group(1), rest[m.end():end], units, section, numeral) for m, end in zip(starts, ends)]


def _duty(number: str | None, text: str, units: tuple[str, str], section: str, numeral: str | None) -> Block:
    segment = Segment(text.strip(), [units])
    return Block(number, section, (numeral,) if numeral else (), [segment])
