"""A closing sentence that gives units to several items above it (`以上任务由X牵头,Y配合。`,
`上述两项工作由X负责。`): its clause is given to each of those items, where every reader reads it as an
item's own clause, and the sentence itself goes (it is no task, and its opening words no unit's name).

The words are grammar.toml [covering]; the contract's rule is docs/parse-contract.md (covering sentence).
"""
from __future__ import annotations

import re
from dataclasses import replace

from .blocks import cn_to_int, numbering_pattern
from .clauses import is_clause, parse_clause
from .grammar import GRAMMAR
from .text import Line

_WORDS = GRAMMAR.table["covering"]


def _alternation(words: list[str]) -> str:
    """Longest first, so that `工作任务` is not read as `工作` and a remainder."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_NOUNS = _alternation(_WORDS["nouns"])
_COVERING = re.compile(
    rf"(?:^|(?<=[。;]))(?P<bracket>\()?(?:{_alternation(_WORDS['openers'])})"
    rf"(?:(?P<count>{_WORDS['count']})(?:{_NOUNS})?|(?:{_NOUNS}))(?:{_alternation(_WORDS['adverbs'])})?")
# outermost first: a line of a lower rank than the items heads them; a higher one is inside an item
_RANKS = tuple(numbering_pattern(name) for name in ("part", "heading", "subheading", "task", "dotted_task", "subitem"))


def items_given_covering_clauses(lines: list[Line]) -> list[Line]:
    """The lines with each covering sentence's clause written after every item it covers, and the
    sentence gone; a sentence that covers no item, or assigns no unit, is left as printed."""
    out = list(lines)
    since = 0  # items above an earlier covering sentence are not this one's
    for index, line in enumerate(lines):
        found = _covering_sentence(line.text)
        if found is None:
            continue
        start, end, clause = found
        spans = _item_spans(out, since, index, start > 0, _count(line.text[start:end]))
        if spans and _supervises(clause):
            out[index] = _replaced(out[index], start, end, "")
            since = index + 1
            continue
        ends = [last for first, last in spans if not _item_holds_clause(out, first, last)]
        if not ends:
            continue
        out[index] = _replaced(out[index], start, end, f"({clause})" if index in ends else "")
        for at in ends:
            if at != index:
                out[at] = _replaced(out[at], len(out[at].text), len(out[at].text), f"({clause})")
        since = index + 1
    return [ln for ln in out if ln.text]


def _covering_sentence(text: str) -> tuple[int, int, str] | None:
    """Where the covering sentence stands on a line (start, end) and its clause, without the
    opening words and 由 (`X牵头,Y配合`), where that clause names units."""
    m = _COVERING.search(text)
    if m is None:
        return None
    close = text.find(")", m.end()) if m.group("bracket") else text.find("。", m.end())
    end = len(text) if close < 0 else close + 1
    clause = text[m.end():end].rstrip("。;)").lstrip("由::,")
    if not clause or not parse_clause(clause)[0]:
        return None
    return m.start(), end, clause


def _supervises(clause: str) -> bool:
    """Does the sentence only name who oversees the items (`由区政府办负责督促落实`)? Overseeing is
    no share of their work: it gives no item a unit, and the sentence is no task either."""
    return any(word in clause for word in _WORDS["supervising"])


def _count(sentence: str) -> int | None:
    """How many items the sentence says it covers (`两项` → 2), None where it does not count them."""
    m = _COVERING.match(sentence)
    count = m.group("count") if m else None
    number = cn_to_int(count[:-1].replace("两", "二")) if count and not count.startswith("各") else 0
    return number or None


def _rank(text: str) -> int | None:
    """The numbering a line opens with, as its depth (0 a part … 5 a `(1)` sub-item)."""
    return next((rank for rank, rx in enumerate(_RANKS) if rx.match(text)), None)


def _item_spans(lines: list[Line], since: int, index: int, line_holds_item: bool,
                count: int | None) -> list[tuple[int, int]]:
    """The first and last line of each item the sentence on line `index` covers: items numbered as
    the nearest numbered line above, back to a heading of an outer numbering, an earlier covering
    sentence or the count."""
    last = index if line_holds_item else index - 1
    starts: list[int] = []
    kind = None
    for at in range(last, since - 1, -1):
        rank = _rank(lines[at].text)
        if rank is None or (kind is not None and rank > kind):
            continue
        if kind is not None and rank < kind:
            break
        kind = rank
        starts.append(at)
        if count and len(starts) == count:
            break
    return list(zip(starts, [nxt - 1 for nxt in [last + 1] + starts[:-1]]))


def _item_holds_clause(lines: list[Line], start: int, end: int) -> bool:
    """Does the item on lines start..end print a clause of its own (then it keeps it alone): its last line closing with a
    bracketed clause (`…(县X局负责)`), or a role label's list on any of its lines (`责任单位:X`)?
    Written after a label's list, the covering clause would read as part of its last unit's name."""
    text = lines[end].text
    opening = text.rfind("(")
    if text.endswith(")") and opening >= 0 and is_clause(text[opening:]):
        return True
    return any(_label_list(lines[at].text) for at in range(start, end + 1))


def _label_list(text: str) -> bool:
    """Does the line print a role label with its list (`责任单位:区X局`, `…。牵头单位:X;配合单位:Y`)?"""
    label = GRAMMAR.label_anywhere_re.search(text)
    return label is not None and is_clause(text[label.start():])


def _replaced(line: Line, start: int, end: int, by: str) -> Line:
    """The line with its piece start:end replaced: the covering sentence out of it, or the clause
    written after an item, bracketed as an item's own clause."""
    text = line.text[:start] + by + line.text[end:]
    return replace(line, text=text, raw=text)
