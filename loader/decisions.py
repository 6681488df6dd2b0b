"""A notice on decisions taken earlier that names them only by their number (`由A负责的第1件、B负责的第4件、
C负责的第17、18件确定事项进展滞后`, a 督查通报 whose decisions stand in an annex): each number is a task of
its own, id as printed, its unit responsible, not one clause of the paragraph's heading (grammar
`[numbering] decision_by_number`)."""
from __future__ import annotations

import re

from .blocks import Block, Segment, numbering_pattern
from .grammar import GRAMMAR

_DECISION = numbering_pattern("decision_by_number")
_DECISION_TEXT = GRAMMAR.table["numbering"]["decision_text"]
_DECISION_CLAUSE = GRAMMAR.table["numbering"]["decision_clause"]
_NUMBER_BREAK = re.compile(r"[、,,]")


def decisions_by_number(blocks: list[Block]) -> list[Block]:
    """Each block whose clause names two decisions or more by number gives way to one block a decision."""
    return [part for block in blocks for part in (_decisions(block) or [block])]


def _decisions(block: Block) -> list[Block]:
    """The block's decisions, one block each (`第1件` its text, `A负责` its clause); none unless two or
    more are named, so that a lone `第3件` in a sentence stays that sentence's."""
    found = [(unit, number) for seg in block.segments for clause, _ in seg.cells
             for m in _DECISION.finditer(clause)
             for unit in [m.group(1)] for number in _NUMBER_BREAK.split(m.group(2))]
    if len(found) < 2:
        return []
    return [Block(number, block.section, block.section_path,
                  [Segment(_DECISION_TEXT.format(number=number), [(_DECISION_CLAUSE.format(unit=unit), None)])])
            for unit, number in found]
