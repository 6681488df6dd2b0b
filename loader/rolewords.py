"""The self-check: every role word the text uses as one is tied to a task, skipped by a
named rule, or reported as unaccounted.

A role word counts when it closes a unit group (`A、B牵头`), labels a list (`牵头单位:`),
heads a table column (a cell `配合单位`) or marks a unit (`(牵头)`); the same characters
used as a verb (认真贯彻落实) do not. A counted word is tied when the clause of some task
holds it with the unit before it; skipped when it stands in the preamble (before the first
task), a table header, a statement of a convention or an official's line; otherwise it is
unaccounted, and `resp parse` names its line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .clauses import looks_like_unit
from .grammar import GRAMMAR
from .records import Task
from .text import Line

_PIECE_END = re.compile(r"[、,;:(\[【〔。]")
_MARKS = tuple(GRAMMAR.marked_lead)
_NOT_IN_NAMES = re.compile("|".join(map(re.escape, GRAMMAR.units["not_in_names"])))


@dataclass
class RoleWord:
    line: int  # physical line number
    word: str
    evidence: str  # the unit (or label) that makes it count, with the word
    readings: tuple[str, ...] = ()  # every unit-and-word it may be; tied when a task's clause holds one


@dataclass
class RoleWordCheck:
    tied: int = 0
    skipped: dict[str, int] = field(default_factory=dict)  # rule → count
    unaccounted: list[RoleWord] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"tied": self.tied, "skipped": dict(self.skipped), "unaccounted": len(self.unaccounted),
                "unaccounted_at": [{"line": w.line, "word": w.word, "evidence": w.evidence} for w in self.unaccounted]}


def role_words(line: Line) -> list[RoleWord]:
    """The role words a line uses as such, in order."""
    text = line.text
    found = [RoleWord(line.no, text, text) for _ in range(1) if text in GRAMMAR.label_role]  # a header cell
    if found:
        return found
    for m in GRAMMAR.label_anywhere_re.finditer(text):
        found.append(RoleWord(line.no, m.group().rstrip(":"), m.group()))
    for m in GRAMMAR.keyword_re.finditer(text):
        piece = _PIECE_END.split(text[max(0, m.start() - 30):m.start()])[-1]
        units = _units_before(piece)
        if units and not _inside_label(text, m.start()):
            found.append(RoleWord(line.no, m.group(1), units[-1] + m.group(1), tuple(u + m.group(1) for u in units)))
    for mark in _MARKS:
        for m in re.finditer(re.escape(mark), text):
            units = _units_before(_PIECE_END.split(text[max(0, m.start() - 30):m.start()])[-1])
            if units:  # 市卫生健康委(牵头), 区农业农村委*: a mark that follows a unit
                found.append(RoleWord(line.no, mark, units[-1] + mark, tuple(u + mark for u in units)))
    return found


def _units_before(piece: str) -> list[str]:
    """The names that may end right before a role word (`…体系市卫生健康委`, `各乡镇`), longest
    first: tails of the group that are the whole group or open like a unit (省/市/县/各 …),
    look like one, and hold no word that never stands in a name (要, 的 …)."""
    return [tail for i in range(max(0, len(piece) - 20), len(piece) - 1)
            if (i == 0 or GRAMMAR.unit_start_re.match(tail := piece[i:]))
            and looks_like_unit(tail := piece[i:]) and not _NOT_IN_NAMES.search(tail)]


def _inside_label(text: str, pos: int) -> bool:
    """`牵头单位:` is counted once, as a label, not again as the keyword 牵头."""
    return any(m.start() <= pos < m.end() for m in GRAMMAR.label_anywhere_re.finditer(text))


def check_role_words(lines: list[Line], tasks: list[Task], skip_rules: dict[int, str]) -> RoleWordCheck:
    """Account for every counted role word of a document (see the module's docstring).

    `skip_rules` maps a physical line number to the named rule that skips its words."""
    clauses = "\n".join(t.clause for t in tasks)
    check = RoleWordCheck()
    for line in lines:
        for word in role_words(line):
            rule = skip_rules.get(line.no)
            if any(r in clauses for r in word.readings or (word.evidence,)):
                check.tied += 1
            elif rule:
                check.skipped[rule] = check.skipped.get(rule, 0) + 1
            else:
                check.unaccounted.append(word)
    return check
