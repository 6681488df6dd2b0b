"""Numbered field lines under a task heading: `三、<task>` then `(一)责任领导:…` `(二)责任单位:…`
`(三)协办单位:…`. The numerals count the heading's fields, not its sub-items: the units are the
heading's own task (id 三), not tasks 三.二 and 三.三.
"""
from __future__ import annotations

from dataclasses import replace

from .blocks import Block, Segment
from .grammar import GRAMMAR


def field_items_joined(blocks: list[Block]) -> list[Block]:
    """Under a heading whose every numbered block is a field line (a role label and its value, no
    words of a task), those blocks are one task: the heading's, in the place of the first."""
    fields_of = _headings_of_fields_only(blocks)
    out: list[Block] = []
    joined: dict[tuple[str, ...], int] = {}
    for block in blocks:
        path = block.section_path
        if path not in fields_of:
            out.append(block)
        elif path in joined:
            task = out[joined[path]]
            task.segments[0].cells.extend(cell for seg in block.segments for cell in seg.cells)
        else:
            joined[path] = len(out)
            out.append(_heading_task(block))
    return out


def _headings_of_fields_only(blocks: list[Block]) -> set[tuple[str, ...]]:
    """The heading paths every block under which is a numbered field line."""
    paths: dict[tuple[str, ...], bool] = {}
    for block in blocks:
        if block.section_path:
            paths[block.section_path] = paths.get(block.section_path, True) and _is_field_line(block)
    return {path for path, fields_only in paths.items() if fields_only}


def _is_field_line(block: Block) -> bool:
    """A numbered block with no words of its own whose every clause opens with a role label
    (`(二)责任单位:市教育局`): a field of the task above, not a sub-item."""
    return (block.number is not None and not block.opens_section and bool(block.segments)
            and all(not seg.text.strip() for seg in block.segments)
            and all(role is None and GRAMMAR.label_re.match(clause)
                    for seg in block.segments for clause, role in seg.cells))


def _heading_task(block: Block) -> Block:
    """The heading's own task: its numeral the number, its words the text, its section the heading."""
    numeral = block.section_path[-1]
    section = block.section or ""
    words = section[section.find(numeral) + len(numeral) + 1:] if numeral in section else section
    cells = [cell for seg in block.segments for cell in seg.cells]
    return replace(block, number=numeral, section_path=block.section_path[:-1],
                   segments=[Segment(words, cells)])
