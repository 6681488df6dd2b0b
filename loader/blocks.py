"""What every reader of a document produces: blocks of text with their clauses, and the
numbering they carry (task numbers, 一、/(一) headings).

A block keeps the printed number and the clause text; ids and roles are decided
once, in `tasks.blocks_to_tasks`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from .grammar import GRAMMAR

_NUMBERING = GRAMMAR.table["numbering"]
CN_DIGITS = _NUMBERING["cn_digits"]


def numbering_pattern(name: str) -> re.Pattern:
    """A numbering scheme from grammar.toml [numbering]; {cn} is a Chinese numeral's characters."""
    return re.compile(_NUMBERING[name].replace("{cn}", CN_DIGITS))


ARABIC_TASK = numbering_pattern("task")
ARABIC_ALONE = numbering_pattern("task_alone")
DOTTED_TASK = numbering_pattern("dotted_task")
SUBITEM = numbering_pattern("subitem")
_CN_HEADING = numbering_pattern("heading")
_CN_SUBHEADING = numbering_pattern("subheading")
_CN_PART = numbering_pattern("part")
ANNEX = numbering_pattern("annex")
CUT_SUBHEADING = numbering_pattern("cut_subheading")
ARTICLE = numbering_pattern("article")


@dataclass
class Segment:
    text: str
    cells: list[tuple[str, str | None]] = field(default_factory=list)  # (clause text, column role)
    tail: str = ""  # the end of `text` that follows its clause: the next task's, should a clause open the next line
    item: bool = False  # a sub-item `(1)…` on a line of its own, with no units of its own (yet)


@dataclass
class Block:
    number: str | None
    section: str | None
    section_path: tuple[str, ...] = ()  # numerals of the headings above, outermost first: (一, 二)
    segments: list[Segment] = field(default_factory=list)
    is_heading: bool = False  # a 一、/(一) heading: a task only if sub-items with clauses follow
    paren_numbered: bool = False  # numbered (1), (2) … at the top level
    numbered_by_place: bool = False  # no number printed: its number is its place under its heading
    # a 一、/(一) line read as a task, with the (level, numeral) path above it: a section after all
    # if numbered tasks follow it
    heading: tuple | None = None
    # a duty numbered under its department's numbered heading: its id always shows the heading's
    # numerals (二.1), as a duty list prints them, whether or not the numbering restarts
    under_heading: bool = False
    # a heading read as a task (`(二)…。(A牵头)`) that numbered tasks follow: a section as well
    opens_section: bool = False

    def has_clause(self) -> bool:
        """Does any segment name units: a block without them is a heading or prose, no task."""
        return any(seg.cells for seg in self.segments)


class Heading(NamedTuple):
    numeral: str
    title: str
    level: int  # 0 第X部分, 1 一、, 2 (一): a heading closes those at its level and below



def cn_to_int(s: str) -> int:
    """一 → 1, 十二 → 12, 二十三 → 23 (enough for section and task numerals)."""
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    if s.isdigit():
        return int(s)
    total, current = 0, 0
    for ch in s:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = digits.get(ch, 0)
    return total + current


def int_to_cn(n: int) -> str:
    """1 → 一, 12 → 十二, 23 → 二十三 (1–99): the numeral of a section not printed in the text."""
    digits = "零一二三四五六七八九"
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else digits[tens] + "十")
    return head + (digits[ones] if ones else "")


@lru_cache(maxsize=65536)
def heading_of(text: str) -> Heading | None:
    """The numeral, section text and level when a line is a section heading."""
    for rx, level in ((_CN_SUBHEADING, 2), (_CN_HEADING, 1), (_CN_PART, 0)):
        m = rx.match(text)
        if m:
            # a heading on a line of its own is kept as printed (its 。 too); one that opens a
            # paragraph is its first sentence
            whole = len(text) <= 40 or (len(text) <= 80 and "。" not in text.rstrip("。"))
            title = text if whole else text[: text.find("。") if "。" in text else 40]
            return Heading(m.group(1), title, level)
    return None


def enter_heading(path: list[tuple[int, str]], head: Heading) -> list[tuple[int, str]]:
    """The (level, numeral) chain of headings once `head` opens."""
    return [p for p in path if p[0] < head.level] + [(head.level, head.numeral)]


def numerals(path: list[tuple[int, str]]) -> tuple[str, ...]:
    """The numerals of the open headings, outermost first: what a task's id is prefixed with."""
    return tuple(numeral for _, numeral in path)




_SHAPED_TASKS = tuple(numbering_pattern(name) for name in _NUMBERING["shaped_tasks"])


def _shaped_value(number: str) -> tuple[int, ...]:
    """`1-1` → (1, 1), `三` → (3,), `B` → (2,): a rare shape's number as counts, to tell a sequence."""
    if number.isascii() and number.isalpha():
        return (ord(number.upper()) - ord("A") + 1,)
    return tuple(int(x) for x in number.split("-")) if number[:1].isdigit() else (cn_to_int(number),)


def _counts_on(before: tuple[int, ...], after: tuple[int, ...]) -> bool:
    """Does `after` come next after `before` (`1-2` after `1-1`, `2-1` after `1-2`, 四 after 三)?"""
    if len(before) != len(after):
        return False
    if before[:-1] == after[:-1] and after[-1] == before[-1] + 1:
        return True
    return len(after) == 2 and after[0] == before[0] + 1 and after[1] == 1


def shaped_numbers(texts: list[str]) -> dict[int, re.Match]:
    """The lines opening with a rarer item number (`1-1`, `第一条`, `A.`; grammar `[numbering] shaped_tasks`)
    that numbers a task: only where the page opens two or more lines with that shape counting on, so a
    lone `1-1` or `A.` that opens a sentence stays its text. Index of the line → its match (number, words)."""
    found: dict[int, re.Match] = {}
    for rx in _SHAPED_TASKS:
        hits = [(i, m) for i, text in enumerate(texts) if (m := rx.match(text))]
        values = [_shaped_value(m.group(1)) for _, m in hits]
        for k, (i, m) in enumerate(hits):
            if (k and _counts_on(values[k - 1], values[k])) or (k + 1 < len(hits) and _counts_on(values[k], values[k + 1])):
                found.setdefault(i, m)
    return found
