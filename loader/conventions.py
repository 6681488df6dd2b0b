"""Rules a document states once for all its lists, read before its tasks.

`责任单位:A、B(第一责任单位为牵头单位,下同)` or a note `注:列第一位的为牵头单位` says that in
every list without role words the first unit leads and the others support. The statement
is taken out of the text (it names no unit) and remembered as a convention; so is a
statement of the lead marks (`加*号为牵头部门,其余为参与部门`), whose effect the grammar's marks
already have. The patterns are data (grammar.toml [conventions]).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .grammar import GRAMMAR
from .text import Line

_FIRST_LEADS = re.compile("|".join(f"(?:{rx})" for rx in GRAMMAR.table["conventions"]["first_listed_leads"]))
_MARKS_STATED = re.compile("|".join(f"(?:{rx})" for rx in GRAMMAR.table["conventions"]["marks_stated"]))
_CUES = tuple(GRAMMAR.table["conventions"]["cues"])
_CUE_RE = re.compile("|".join(map(re.escape, _CUES)))
_NOTE = re.compile(r"^(?:注|说明|备注)[:]?")


@dataclass
class Conventions:
    first_listed_leads: bool = False
    statement_lines: list[int] = field(default_factory=list)  # where each rule was stated (physical line numbers)
    # where `第一…为牵头单位,下同` was first said inside a list: it holds from that list on; 0 when
    # a note or a preamble said it for the whole document
    from_line: int = 0


def read_conventions(lines: list[Line]) -> tuple[list[Line], Conventions]:
    """The lines without the statements of conventions, and the conventions they stated."""
    conventions = Conventions()
    out: list[Line] = []
    for line in lines:
        if not _CUE_RE.search(line.text):
            out.append(line)
            continue
        m = _FIRST_LEADS.search(line.text)
        marks = None if m else _MARKS_STATED.search(line.text)
        if not (m or marks):
            out.append(line)
            continue
        rest = _without_statement(line.text, m or marks)
        if m and not conventions.first_listed_leads and "下同" in m.group(0) and rest and not _NOTE.match(rest):
            conventions.from_line = line.no
        conventions.first_listed_leads |= bool(m)
        conventions.statement_lines.append(line.no)
        if rest:
            out.append(replace(line, text=rest, raw=rest))
    return out, conventions


def _without_statement(text: str, m: re.Match) -> str:
    """The line once the statement (and a bracket or note around it) is gone."""
    start, end = m.span()
    for o, c in GRAMMAR.brackets:
        if text[:start].endswith(o) and text[end:].startswith(c):
            start, end = start - 1, end + 1
            break
    before = text[:start]
    if text[end:end + 1] in [c for _, c in GRAMMAR.brackets]:  # (A、B。列第一位者为牵头部门,下同)
        before = before.rstrip("。;,")
    rest = (before + text[end:]).strip()
    return "" if _NOTE.fullmatch(rest.rstrip("。:")) or rest in ("。", "") else rest


def first_listed_lead(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Apply `第一…为牵头单位` to one clause's (unit, role) pairs: where no unit leads, the first
    `responsible` unit leads and the other `responsible` ones support."""
    if any(role == "lead" for _, role in pairs) or not any(role == "responsible" for _, role in pairs):
        return pairs
    first = next(i for i, (_, role) in enumerate(pairs) if role == "responsible")
    return [(unit, "lead" if i == first else "support" if role == "responsible" else role)
            for i, (unit, role) in enumerate(pairs)]


def first_governed(texts: list[str], lines: list[Line], from_line: int) -> int:
    """The index of the first task a `…下同` statement governs: the task whose text comes last
    at or before the statement's line (the statement sits in that task's list). Where that
    line holds several tasks (a page on one line) their order is unknown: all are governed."""
    if not from_line:
        return 0
    found_at: list[tuple[int, int]] = []  # (task index, line of its text)
    after = 0
    for i, text in enumerate(texts):
        no = next((ln.no for ln in lines if ln.no >= after and text[:12] and text[:12] in ln.text), None)
        if no is not None:
            found_at.append((i, no))
            after = no
    before = [(i, no) for i, no in found_at if no <= from_line]
    if not before or sum(no == from_line for _, no in found_at) > 1:
        return 0
    return before[-1][0]
