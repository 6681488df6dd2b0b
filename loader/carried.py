"""Projects named in prose by the units that carry them (`…,A负责的<project>仅完成71%,B负责的<project>
进度滞后,…`, a 督查通报 on progress): each `<units>负责的<project>` is a task of its own, its units
responsible, not one clause of the whole sentence (grammar `[carried]`)."""
from __future__ import annotations

from dataclasses import replace

from .blocks import Block, Segment
from .grammar import GRAMMAR

_WORDS = GRAMMAR.table["carried"]
_VERBS = tuple(_WORDS["verbs"])


def projects_parted(blocks: list[Block]) -> list[Block]:
    """Each segment naming several projects by their units gives one segment a project: sub-tasks of a
    numbered item (一.1, 一.2), or tasks of their own where the paragraph is unnumbered (ordinal ids)."""
    out = []
    for block in blocks:
        segments = [part for seg in block.segments for part in (_projects(seg) or [seg])]
        if len(segments) == len(block.segments):
            out.append(block)
        elif block.number is None:
            out.extend(replace(block, segments=[seg]) for seg in segments if seg.cells)
        else:
            out.append(replace(block, segments=segments))
    return out


def _projects(seg: Segment) -> list[Segment]:
    """The segment's projects, one segment each (its words from its units to the next project's), where
    every clause it reads is `<units>负责` standing before `的` in its words, in order; else none."""
    if any(role is not None for _, role in seg.cells):  # a table's column: its role is the column's
        return []
    pieces = [piece for clause, _ in seg.cells for piece in clause.split(";")]
    if len(pieces) < _WORDS["min_clauses"]:
        return []
    starts, pos = [], 0
    for piece in pieces:
        if not piece.endswith(_VERBS):
            return []
        found = seg.text.find(piece + _WORDS["attributive"], pos)
        if found < 0:
            return []
        starts.append(found)
        pos = found + len(piece)
    ends = starts[1:] + [len(seg.text)]
    return [Segment(seg.text[start:end].rstrip(_WORDS["joiners"]), [(piece, None)])
            for piece, start, end in zip(pieces, starts, ends)]

