"""A contingency plan numbered by decimals: parts `6.6 治安保障` (or `4.6.2次生灾害防御`) over paragraphs
`6.6.1 市公安局负责…`, or over items `(1)…` and unnumbered paragraphs. A decimal number is one id
(`6.6.1`), never an item's `6.` and a unit's name opening `6.1`; an item `(n)` or a paragraph under a
part carries the part's number (`4.6.2.1`, `4.6.3`). The units of each paragraph are read by the
prose and duty-list readers, as they read a paragraph on its own (grammar `[numbering] decimal_line`).
"""
from __future__ import annotations

from dataclasses import replace

from .blocks import SUBITEM, Block, Segment, numbering_pattern
from .grammar import GRAMMAR
from .text import Line

_DECIMAL_LINE = numbering_pattern("decimal_line")
_MEMBER_DUTY = numbering_pattern("decimal_duty")  # 3.3.1县水利局:负责…: the duty-list reader's own layout
_LINES_MIN = GRAMMAR.table["numbering"]["decimal_lines_min"]
_SHOWN_MIN = GRAMMAR.table["numbering"]["decimal_shown_min"]
_TITLE_MAX = GRAMMAR.table["numbering"]["decimal_title_max"]
_TITLE_STOPS = GRAMMAR.table["numbering"]["decimal_title_stops"]


def decimal_blocks(lines: list[Line], readers) -> tuple[list[Block], list[str]]:
    """The paragraphs of a decimal-numbered plan as blocks whose numbers are their whole ids;
    `readers` read each paragraph's units (prose first, then duty lists)."""
    if not _numbered_by_decimals(lines):
        return [], []
    paragraphs = _paragraphs(lines, readers)
    cells = _with_later_subjects(_cells_read(paragraphs, set(), readers), _cells_read(*_as_items(paragraphs, lines), readers))
    blocks = [Block(number, section, segments=[Segment(_words(text_lines), found)])
              for (number, section, text_lines), found in zip(paragraphs, cells)]
    return [b for b in blocks if b.segments[0].cells], []


def _numbered_by_decimals(lines: list[Line]) -> bool:
    """Is the page numbered by decimals: `decimal_lines_min` lines of three parts (`6.6.1`), or one
    part of three over paragraphs and another decimal line after (`2.2.3各工作组职责` … `2.3专家组`:
    a page opening deep inside a plan shows few numbers, its unnumbered paragraphs between them)?"""
    deep = sum(1 for ln in lines if _three_parts(ln.text))
    shown = sum(1 for ln in lines if _DECIMAL_LINE.match(ln.text) and not _MEMBER_DUTY.match(ln.text))
    return deep >= _LINES_MIN or (deep >= 1 and shown >= _SHOWN_MIN)


def _three_parts(text: str) -> bool:
    """Does the line open with a decimal number of three parts or more (`6.6.1`), no member's duty
    after its unit and a colon (`3.3.1县水利局:负责…`, which the duty-list reader reads)?"""
    m = _DECIMAL_LINE.match(text)
    return bool(m and m.group(1).count(".") >= 2 and not _MEMBER_DUTY.match(text))


def _is_title(line: Line, words: str, next_line: str, readers) -> bool:
    """A part's title (`治安保障`, `应急支持保障部门`): short, no sentence inside it, no label line
    under it (`牵头单位:…` is a task's clause, so the line above is that task, not a part), and no
    clause of its own (`应急通信保障由A负责组织协调。` names its unit beside a role word: a task)."""
    body = words.rstrip("。")
    return (len(body) <= _TITLE_MAX and not any(mark in body for mark in _TITLE_STOPS)
            and not GRAMMAR.label_re.match(next_line) and not _holds_clause(line, words, readers))


def _holds_clause(line: Line, words: str, readers) -> bool:
    """Does a paragraph reader read a unit from the line's words alone? Then it is a task."""
    alone = [replace(line, text=words, raw=words)]
    return any(seg.cells for reader in readers for block in reader(alone)[0] for seg in block.segments)


def _titled(lines: list[Line], readers) -> list[bool]:
    """Which lines are decimal parts' titles, each judged with the line after it."""
    after = [ln.text for ln in lines[1:]] + [""]
    return [bool((m := _DECIMAL_LINE.match(ln.text)) and _is_title(ln, m.group(2), nxt, readers))
            for ln, nxt in zip(lines, after)]


def _paragraphs(lines: list[Line], readers) -> list[tuple[str, str | None, list[Line]]]:
    """(id, section, lines) of each paragraph: a numbered paragraph holds the unnumbered lines after
    it; items `(n)` and unnumbered paragraphs under a part take its number, lone ones the number
    itself, several `<part>.<k>`; items before the first part shown take the part before it."""
    out: list[tuple[str, str | None, list[Line]]] = []
    titled = _titled(lines, readers)
    part, section, loose, numbered = _part_before_first(lines, titled), None, [], None
    for ln, title in zip(lines, titled):
        m = _DECIMAL_LINE.match(ln.text)
        sub = SUBITEM.match(ln.text) if part else None
        if title:
            _number_loose(out, loose, part)
            part, section, loose, numbered = m.group(1), ln.text, [], None
        elif m or sub:
            number = m.group(1) if m else f"{part}.{sub.group(1)}"
            inside = bool(part) and number.startswith(part + ".")
            numbered = [replace(ln, text=m.group(2), raw=m.group(2)) if m else ln]  # readers know `(n)`
            out.append((number, section if inside else None, numbered))
        elif numbered is not None:
            numbered.append(ln)  # a numbered paragraph goes on in the unnumbered line after it
        elif part:
            loose.append(len(out))
            out.append((part, section, [ln]))
    _number_loose(out, loose, part)
    return out


def _number_loose(out: list, loose: list[int], part: str | None) -> None:
    """Unnumbered paragraphs under one part: a lone one is the part's (`4.6.3`), several its entries."""
    if len(loose) > 1:
        for k, index in enumerate(loose, 1):
            out[index] = (f"{part}.{k}",) + out[index][1:]


def _part_before_first(lines: list[Line], titled: list[bool]) -> str | None:
    """The part a page opens inside, where items `(n)` stand before its first part shown (`4.6.2`):
    the number before it (`4.6.1`), when its last figure is past 1. A page with no item before its
    first part opens at that part (its title and preamble belong to no part)."""
    item_seen = False
    for ln, title in zip(lines, titled):
        m = _DECIMAL_LINE.match(ln.text)
        item_seen = item_seen or bool(SUBITEM.match(ln.text))
        if m:
            if not (title and item_seen):
                return None
            head, _, last = m.group(1).rpartition(".")
            return f"{head}.{int(last) - 1}" if int(last) > 1 else None
    return None


def _words(text_lines: list[Line]) -> str:
    """A paragraph's words, without the item number `(n)` that opens it nor its label lines
    (`牵头单位:…` under it is its clause, not its text)."""
    text = "".join(ln.text for ln in text_lines if not GRAMMAR.label_re.match(ln.text))
    sub = SUBITEM.match(text)
    return sub.group(2) if sub else text


def _as_items(paragraphs: list[tuple[str, str | None, list[Line]]], lines: list[Line]) -> tuple[list[tuple], set[int]]:
    """The paragraphs again, each printed with a decimal number handed to the readers as the numbered
    item it is (`(k)<words>`, k its place, a number in a shape they know), and the places so handed."""
    numbered = {ln.no for ln in lines if _DECIMAL_LINE.match(ln.text)}
    itemised = {k for k, (_, _, text_lines) in enumerate(paragraphs, 1)
                if text_lines[0].no in numbered and not SUBITEM.match(text_lines[0].text)}
    return [(number, section, [_as_item(text_lines[0], k)] + text_lines[1:] if k in itemised else text_lines)
            for k, (number, section, text_lines) in enumerate(paragraphs, 1)], itemised


def _as_item(line: Line, ordinal: int) -> Line:
    """`(k)` before the line's words."""
    item = f"({ordinal}){line.text}"
    return replace(line, text=item, raw=item)


def _with_later_subjects(plain: list[list], as_items: list[list]) -> list[list]:
    """Each paragraph's cells as read with its number where that reading keeps every cell of the reading
    without it and adds more: an item's number names its whole text, so a later subject in it
    (`A负责…,B负责…`) is one of its units, which an unnumbered paragraph's is not; the number never
    takes a unit away nor renames one (each clause read without it stays inside one read with it)."""
    return [more if len(more) > len(found) and all(any(clause in other for other, _ in more) for clause, _ in found)
            else found for found, more in zip(plain, as_items)]


def _cells_read(paragraphs: list[tuple[str, str | None, list[Line]]], itemised: set[int], readers) -> list[list]:
    """Each paragraph's clauses, as the first reader that finds any in it reads them among all the
    paragraphs (their numbers taken off: a duty list tells a department-subject line by the lines
    around it). A reader's block belongs to the paragraph whose words open with the block's, or to the
    paragraph handed as item k (`itemised`) where the block bears k (a subject read out of the middle of
    its words: `发生…后,A要…`)."""
    texts = [_words(text_lines) for _, _, text_lines in paragraphs]
    every_line = [ln for _, _, text_lines in paragraphs for ln in text_lines]
    found: list[list] = [[] for _ in paragraphs]
    for reader in readers:
        blocks, _ = reader(every_line)
        unread = [k for k, cells in enumerate(found) if not cells]  # an earlier reader's paragraphs stay its
        for block in blocks:
            words = "".join(seg.text for seg in block.segments)[:_OPENING]
            owner = next((k for k in unread if words and words in texts[k]), None)
            if owner is None and block.number and block.number.isdigit() and int(block.number) in itemised:
                owner = next((k for k in unread if k + 1 == int(block.number)), None)
            if owner is not None:
                found[owner].extend(cell for seg in block.segments for cell in seg.cells)
    return found


_OPENING = 12  # the opening characters that tell which paragraph a reader's block was read from
