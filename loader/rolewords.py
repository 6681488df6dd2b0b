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
from functools import lru_cache

from .clauses import looks_like_unit
from .grammar import GRAMMAR, alternation
from .records import Task
from .text import Line

_PIECE_END = re.compile(r"[、,;:(\[【〔。]")
_MARK_RE = re.compile("|".join(map(re.escape, sorted(GRAMMAR.marked_lead, key=len, reverse=True))))
# whether a line holds any role word at all: asked of every line, so a trie (grammar.alternation), which
# re matches many times faster than the thousand words' plain alternatives tried one by one at each place
_ANY_ROLE_WORD = re.compile(alternation([*GRAMMAR.keyword_role, *GRAMMAR.label_role, *GRAMMAR.marked_lead]))


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


def _read_role_words(line: Line) -> list[RoleWord]:
    """The role words a line uses as such, in order."""
    text = line.text
    if text in GRAMMAR.column_labels:  # a header cell
        return [RoleWord(line.no, text, text)]
    if not _ANY_ROLE_WORD.search(text):
        return []
    found, labels = [], []
    for m in GRAMMAR.label_anywhere_re.finditer(text):
        found.append(RoleWord(line.no, m.group().rstrip(":"), m.group()))
        labels.append(m.span())
    for m in GRAMMAR.closing_keyword_re.finditer(text):
        if any(a <= m.start() < b for a, b in labels):
            continue  # `牵头单位:` is counted once, as a label, not again as the keyword 牵头
        found.extend(_after_unit(line.no, text, m.start(), m.group(1)))
    for m in _MARK_RE.finditer(text):  # 市卫生健康委(牵头), 区农业农村委*: a mark that follows a unit
        found.extend(_after_unit(line.no, text, m.start(), m.group()))
    return found


@lru_cache(maxsize=16384)
def _words_read(text: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    return tuple((w.word, w.evidence, w.readings) for w in _read_role_words(Line(text, text, 0)))


def role_words(line: Line) -> list[RoleWord]:
    """The role words a line uses as such, in order (_read_role_words, which reads only the line's
    text and number): plans down a chain of governments repeat their lines, so each is read once."""
    return [RoleWord(line.no, word, evidence, readings) for word, evidence, readings in _words_read(line.text)]


def _after_unit(no: int, text: str, pos: int, word: str) -> list[RoleWord]:
    """The word at `pos`, when a unit ends right before it."""
    units = _units_before(_PIECE_END.split(text[max(0, pos - 30):pos])[-1])
    return [RoleWord(no, word, units[-1] + word, tuple(u + word for u in units))] if units else []


@lru_cache(maxsize=16384)
def _units_before(piece: str) -> tuple[str, ...]:
    """The names that may end right before a role word (`…体系市卫生健康委`, `各乡镇`), longest
    first: tails of the group that are the whole group or open like a unit (省/市/县/各 …),
    look like one, and hold no word that never stands in a name (要, 的 …)."""
    piece = piece.rsplit(GRAMMAR.units["assigning_opener"], 1)[-1]  # (这项工作)由社区负责: 由 opens no name
    tails = [piece[i:] for i in range(max(0, len(piece) - 20), len(piece) - 1)]
    return tuple(tail for tail in tails  # the same units before the same words, line after line: read once
                 if (tail == piece or GRAMMAR.unit_start_re.match(tail)) and looks_like_unit(tail)
                 and not GRAMMAR.not_in_names_re.search(tail))


def check_role_words(lines: list[Line], tasks: list[Task], skip_rules: dict[int, str]) -> RoleWordCheck:
    """Account for every counted role word of a document (see the module's docstring).

    `skip_rules` maps a physical line number to the named rule that skips its words."""
    clauses = "\n".join(t.clause for t in tasks)
    held = _units_held(tasks)
    check = RoleWordCheck()
    for line in lines:
        for word in role_words(line):
            rule = skip_rules.get(line.no)
            if rule in _BEFORE_TASKS:  # before any task: the same words in a task's clause are others
                check.skipped[rule] = check.skipped.get(rule, 0) + 1
            elif any(r in clauses for r in word.readings or (word.evidence,)) or _label_held(word, held):
                check.tied += 1
            elif rule:
                check.skipped[rule] = check.skipped.get(rule, 0) + 1
            else:
                check.unaccounted.append(word)
    return check


def _units_held(tasks: list[Task]) -> frozenset[str]:
    """Every unit some task holds, in any role."""
    return frozenset(r.unit for t in tasks for r in t.responsibilities)


def _label_held(word: RoleWord, held: frozenset[str]) -> bool:
    """A label opening a duty line (`其他部门:<duty>`) that a task holds as its unit: the duty list read
    the label's words as the department whose duty follows, so the word is accounted for."""
    return word.evidence.endswith(":") and word.word in held


# rules that skip a line whatever the tasks' clauses hold (a heading may also be a task)
_BEFORE_TASKS = ("preamble", "header", "official")
