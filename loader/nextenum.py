"""A paragraph opened by an enumerator and its title (`一是项目推进不平衡。…`) that runs on into the next
enumerator and its title (`…。二是要素保障有待加强。A负责的…`): the next enumerator numbers what follows
it, as it would opening a paragraph of its own (grammar `[fallback] enumerator_heading`)."""
from __future__ import annotations

import re
from dataclasses import replace

from .blocks import CN_DIGITS, Block, cn_to_int
from .grammar import GRAMMAR

_ENUMERATOR = re.compile(GRAMMAR.table["fallback"]["enumerator_heading"].replace("{cn}", CN_DIGITS))


def enumerators_parted(blocks: list[Block]) -> list[Block]:
    """Each block numbered by an enumerator's title, parted where a later sentence is the next
    enumerator's title alone (its numeral one on), so that its projects are its own (二.1, not 一.6)."""
    return [part for block in blocks for part in _parted(block)]


def _parted(block: Block) -> list[Block]:
    """The block, then a block for each next enumerator standing in it as a sentence of its own."""
    if not _opened_by_enumerator(block):
        return [block]
    parts = [replace(block, segments=[])]
    for seg in block.segments:
        m = None if seg.cells else _ENUMERATOR.match(seg.text)
        if m and m.end() == len(seg.text) and cn_to_int(m.group(1)) == cn_to_int(parts[-1].number) + 1:
            title = replace(seg, text=seg.text[len(m.group(1)) + 1:])  # its words after 是, as the opener's
            parts.append(replace(block, number=m.group(1), section=seg.text, segments=[title]))
        else:
            parts[-1].segments.append(seg)
    return [p for p in parts if p.has_clause()] if len(parts) > 1 else [block]


def _opened_by_enumerator(block: Block) -> bool:
    """The block's number is the enumerator opening its section's title (`一是<title>。`)."""
    m = _ENUMERATOR.match(block.section or "") if block.number else None
    return bool(m and m.group(1) == block.number)
