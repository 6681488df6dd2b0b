"""A heading whose clause names only a lead (`(一)矿山安全整治(牵头单位:X)`) over items whose clauses name
only support (`1.…(配合单位:Y、Z)`): the lead is each item's, beside its own support, and the heading is no
task of its own (the plan prints the lead once, for the items that name none).

The contract's rule is docs/parse-contract.md (a heading's lead over items naming support only).
"""
from __future__ import annotations

from dataclasses import replace

from .blocks import Block
from .clauses import parse_clause, strip_wrapping


def heading_leads_passed_down(blocks: list[Block]) -> list[Block]:
    """The blocks with each such heading's clause given to the items under it, and the heading gone."""
    out: list[Block] = []
    index = 0
    while index < len(blocks):
        items = _items_under(blocks, index)
        if items and _roles(blocks[index]) == {"lead"} and all(_roles(b) == {"support"} for b in items):
            out.extend(_with_cells(b, blocks[index].segments[0].cells) for b in items)
            index += 1 + len(items)
            continue
        out.append(blocks[index])
        index += 1
    return out


def _items_under(blocks: list[Block], index: int) -> list[Block]:
    """The blocks right after a one-clause heading block that stand in the section it opens."""
    head = blocks[index]
    if head.number is None or len(head.segments) != 1 or len(head.segments[0].cells) != 1:
        return []
    opened = head.section_path + (head.number,)
    items = []
    for block in blocks[index + 1:]:
        if block.section_path != opened:
            break
        items.append(block)
    return items


def _roles(block: Block) -> set[str]:
    """The roles a block's clauses name, every segment's."""
    return {r.role for seg in block.segments for clause, role in seg.cells for r in parse_clause(clause, role)[0]}


def _with_cells(block: Block, cells: list[tuple[str, str | None]]) -> Block:
    """An item with the heading's clause before its own, read as one clause (`(牵头单位:X;配合单位:Y)`)."""
    lead = strip_wrapping(cells[0][0])
    return replace(block, segments=[replace(seg, cells=[(f"({lead};{strip_wrapping(clause)})", role)
                                                        for clause, role in seg.cells]) for seg in block.segments])
