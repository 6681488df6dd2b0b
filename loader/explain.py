"""Where each task of a parsed document was read: the physical lines holding its text and
its clause, found again in the document's lines (for `resp parse --explain`)."""
from __future__ import annotations

from pathlib import Path

from .grammar import GRAMMAR
from .pinyin import PINYIN
from .read import read_text
from .records import Document
from .text import to_lines


def task_sources(doc: Document) -> list[tuple[list[int], list[int]]]:
    """(text lines, clause lines) for each task, in order."""
    text, _ = read_text(Path(doc.source), doc.source)
    lines = to_lines(text)
    out, after = [], 0
    for task in doc.tasks:
        text_lines = _lines_holding(lines, task.text[:12], after)
        after = text_lines[0] if text_lines else after
        clause_lines = _clause_lines(lines, task.clause, after)
        after = max(clause_lines + [after])
        out.append((text_lines, clause_lines))
    return out


def _lines_holding(lines, fragment: str, after: int) -> list[int]:
    """The first line at or after physical line `after` that holds the fragment, both compared as read: a
    clause is kept as read from the simplified copy without a mirror's pinyin (发展改革委 on `發(fā)展改革委`)."""
    if not fragment:
        return []
    fragment = _as_read(fragment)
    return [ln.no for ln in lines if ln.no >= after and fragment in _as_read(ln.text)][:1]


def _as_read(text: str) -> str:
    """The text as the readers see it: no pinyin glosses, simplified characters."""
    return PINYIN.sub("", text).translate(GRAMMAR.to_simplified)


def _clause_lines(lines, clause: str, after: int) -> list[int]:
    """A clause may join several lines or cells (`牵头单位:A;责任单位:B`): each part's line."""
    found: list[int] = []
    for part in clause.split(";"):
        for no in _lines_holding(lines, part[:12], after):
            if no not in found:
                found.append(no)
    return found
