"""News prose that names a place's responsible units by a label and a copula, not a bracket
(`<小区>的责任单位是X,该小区…`, `…的情况,其责任单位为X。`): the label and its units are the clause
of that sentence, as `(责任单位:X)` would be, so the prose reader gets them in the form it reads.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .clauses import is_unit_list
from .grammar import GRAMMAR, alternation
from .text import Line

_OWNERS = alternation(GRAMMAR.units["linked_label_owners"])
_COPULAS = alternation(GRAMMAR.units["linked_label_copulas"])
_LONG_LABELS = alternation([label for label in GRAMMAR.label_role if len(label) > 2])  # not 牵头 of 市X局牵头
# a plan's own items the label may belong to (`两项任务的牵头单位为X`): a line referring back to the items above
# it, loader/fallback.py's to read, no place's units
_NOT_ITEMS = "".join(f"(?<!{re.escape(word)})" for word in GRAMMAR.table["fallback"]["back_items"])
# the owner word, the label, its copula, then the units up to the end of their part of the sentence
_LINKED_LABEL = re.compile(rf"{_NOT_ITEMS}(?:{_OWNERS})({_LONG_LABELS})(?:{_COPULAS})([^,;。:()]{{2,60}}?)(?=[,;。]|$)")


def linked_labels_bracketed(lines: list[Line]) -> list[Line]:
    """Each line with its linked labels (`的责任单位是X`, `其责任单位为X`) written `(责任单位:X)`."""
    return [replace(ln, text=read) if (read := _LINKED_LABEL.sub(_bracketed, ln.text)) != ln.text else ln
            for ln in lines]


def _bracketed(m: re.Match) -> str:
    """`的责任单位是X` → `(责任单位:X)` where X is a unit list (the owner word goes: the bracket stands
    where it stood); the words as printed otherwise (`…的责任单位是关键`: no units)."""
    if not is_unit_list(m.group(2)):
        return m.group()
    return f"({m.group(1)}:{m.group(2)})"
