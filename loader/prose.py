"""Prose reader: numbered (or unnumbered) paragraphs whose responsibility clauses stand
wherever the writer put them: in brackets `(责任单位:…)` / `(A牵头,B按职责分工负责)`, one or
several per paragraph, after a label mid-line (`部门分工:A牵头,B配合。`), unbracketed at a
paragraph's end (`…。区科技局主办,各街道协办`), or on lines of their own after the text
(`牵头单位:…` then `责任单位:…`); sub-items `(1)…` with their own clauses.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import NamedTuple

from .blocks import (ANNEX, ARABIC_TASK, DOTTED_TASK, SUBITEM, Block, Heading, Segment, cn_to_int, enter_heading,
                     heading_of, int_to_cn, numerals, shaped_numbers)
from .clauses import (assigning_sentence, charged_convening, commas_as_dun, convened_units, convening_sentence,
                      cut_unit_list, depth_at, is_clause, is_unit_list, leading_assignment, listed_units,
                      looks_like_unit,
                      requested_clause, split_groups, split_text_clause, split_top, subject_as_clause, subject_clauses,
                      split_units, stray_closers, without_joined_persons, without_named_official)
from .duties import subject_in_turn
from .grammar import GRAMMAR, alternation, simplified
from .pinyin import PINYIN
from .newsprose import linked_labels_bracketed
from .text import Line
from .turnparts import doing_part, passive_part
from .unitheads import unit_heading_clauses
from .wrapped import ends_sentence

_SUBJECT_CLAUSE_SCOPE = GRAMMAR.units["subject_clause"]
_ROLE_WORD = re.compile("|".join(re.escape(w) for w in list(GRAMMAR.keyword_role) + list(GRAMMAR.label_role)))

_OPENERS, _CLOSERS = GRAMMAR.openers, GRAMMAR.closers
_HEADING_REMARKS = tuple(f"{w}:" for w in GRAMMAR.layout["heading_remark_labels"])
_KEYWORDS = tuple(GRAMMAR.keyword_role)
# an official named right before a clause (`…8%。牵头县领导:张三主要责任单位:…`): no part of the text
_PERSON_TAIL = re.compile(rf"(?:{'|'.join(map(re.escape, GRAMMAR.table['persons']['labels']))})[:][^。;:]*$")
# a one-line page's officials' fields joined after a task's text (`…建设。;责任人:X;协调人:Y`): no part of it
_OFFICIAL_FIELDS_CLOSING = re.compile(
    rf"(?:;(?:{'|'.join(map(re.escape, GRAMMAR.table['persons']['labels']))}):[^。;:]*)+$")
_SENTENCE = re.compile(r"[^。;]+[。;]?")
_OPENER = "|".join(map(re.escape, GRAMMAR.units["sentence_openers"]))
_OFFICIAL = "|".join(map(re.escape, GRAMMAR.table["persons"]["titles"]))
# 由李某某副市长负责, before the units: a person, no unit
# 由县人民政府分管民政的副县长任组长, 由县人民政府副县长、公安局局长任组长,: officials heading a group
_PERSON_FIRST = (rf"由?(?:[\u4e00-\u9fff]{{2,4}}?|[^,。;:()]{{2,16}}?(?={_OFFICIAL}[^,。;]{{0,12}}任副?组长))"
                 rf"(?:{_OFFICIAL})(?:、[^,。;:]{{1,12}}?长)*(?:负责|牵头|分管|主抓|任副?组长)?,")
_GROUP = rf"[^,。;]{{2,{GRAMMAR.layout['leading_units_max']}}}?(?:{GRAMMAR.keywords})"
_LEADING_CLAUSE = re.compile(rf"^(?:(?:{_OPENER}),?)?(?:{_PERSON_FIRST})?由?((?:{_GROUP},)*{_GROUP}),")


def _leading_clause(sentence: str) -> re.Match | None:
    """The units-first clause opening a sentence (`A牵头,B、C配合,…`), its lists' 、 printed as commas too
    (`A牵头,B,C配合,…`: clauses.commas_as_dun); positions are the sentence's."""
    return _LEADING_CLAUSE.match(commas_as_dun(sentence))
# where a sentence that gives the task to units may begin: `…的问题,由A会同B…`
_OPENS_ASSIGNING = GRAMMAR.units["assigning_opener"]
_AFTER = "|".join(map(re.escape, GRAMMAR.units["assigning_after"]))
_DASHES = "|".join(map(re.escape, GRAMMAR.units["assigning_dashes"]))
_DASH_MARKS = "".join(sorted(set("".join(GRAMMAR.units["assigning_dashes"]))))  # stripped from the text before the sentence
_MODALS = alternation(GRAMMAR.units["assigning_modals"])  # `…,应由X负责整治`
_MODAL_CLOSING = re.compile(rf",(?:{_MODALS})$")
_ATTRIBUTIVE_AFTER = alternation(GRAMMAR.units["assigning_attributive_after"])  # `在对由X负责的<place>进行…`
_ATTRIBUTIVE_BEFORE = re.compile(rf"(?:{_ATTRIBUTIVE_AFTER})$")
_ASSIGNING_START = re.compile(rf"(?:^|[,;。:]|{_AFTER}|{_DASHES}|(?:^|[;。])[一二三四五六七八九十]{{1,3}}是"
                              rf"|[,;。](?:{_MODALS})|{_ATTRIBUTIVE_AFTER})"
                              rf"(?={re.escape(GRAMMAR.units['assigning_opener'])})")
# `由X负责` closing its part of a sentence, also glued to the words before it (`在建工地由建设单位负责,`)
_NOT_OPENING = "|".join(re.escape(w[len(_OPENS_ASSIGNING):]) for w in GRAMMAR.units["assigning_opener_not"])
# a paragraph's opening words naming its work, glued to the 由 that gives it (`应急通信保障由A负责…`), no mark between;
# not an attributive 由 (`将原由A承担的职能…`, `…应由A办理的工作`): no 的 in its part of the sentence
_WORK_THEN_ASSIGNING = re.compile(rf"^[^,;。:{re.escape(_OPENS_ASSIGNING)}]{{2,{GRAMMAR.units['work_before_assigning_max']}}}"
                                  rf"(?={re.escape(_OPENS_ASSIGNING)}(?!{_NOT_OPENING})[^,;。的]+(?:[,;。]|$))")
_CLOSING_ASSIGNMENT = re.compile(rf"{re.escape(_OPENS_ASSIGNING)}(?!{_NOT_OPENING})[^,;。]{{2,30}}?"
                                 rf"(?:{GRAMMAR.keywords})(?=[,;。]|$)")


def find_paren_clauses(body: str) -> list[tuple[int, int]]:
    """(start, end) spans of top-level brackets in `body` that are responsibility clauses: with
    role words, or a bare list of units closing a sentence (`…机制。(市发改委、市财政局)`)."""
    if not any(o in body for o in _OPENERS):
        return []
    spans = [m.span() for m in GRAMMAR.bracket_group_re.finditer(_stray_closers_masked(body))
             if (_ROLE_WORD.search(body[m.start():m.end()]) and is_clause(body[m.start():m.end()]))
             or _closing_unit_list(body, m)]
    start = _unclosed_from(body)  # the page cut inside the last clause: (牵头单位:A;责任单位:B、C,以下…
    if start is not None and (_ROLE_WORD.search(body[start:]) or cut_unit_list(body[start:])) and is_clause(body[start:]):
        spans.append((start, len(body)))
    return spans


def _stray_closers_masked(body: str) -> str:
    """`body` with each closing mark that stands inside a bracket of another kind and has no
    opening of its own kind there (`[A牵头,B配合,…不再列出)]`) made a plain character, so that
    the bracket around it still reads as one clause; the same length, so spans stay `body`'s."""
    chars = list(body)
    for i in stray_closers(body, enclosed=False):
        chars[i] = "\u3000"
    return "".join(chars)


def _unclosed_from(body: str) -> int | None:
    """Where a bracket opens that the paragraph never closes, if it ends inside one."""
    if all(body.count(o) <= body.count(c) for o, c in GRAMMAR.brackets):
        return None  # every bracket closed (the usual case): no walk
    opened: list[int] = []
    for i, ch in enumerate(body):
        if ch in _OPENERS:
            opened.append(i)
        elif ch in _CLOSERS and opened:
            opened.pop()
    return opened[0] if opened else None


def _closing_unit_list(body: str, m: re.Match) -> bool:
    """A bracketed list of units where a sentence ends: the units that carry it out (not a
    unit's other name, as in 省农业农村厅(乡村振兴局))."""
    return (body[m.end():m.end() + 1] in ("", "。", ";") and not GRAMMAR.unit_suffix_re.search(body[:m.start()])
            and is_unit_list(m.group()[1:-1]))


_CLAUSE_SEPARATORS = ";,、"


def clause_spans(body: str, item: bool = True) -> list[tuple[int, int]]:
    """Where a paragraph's responsibility clauses stand, wherever that is: bracketed remarks,
    labelled lists (`部门分工:A牵头,B配合。`) up to the sentence's end, and an unbracketed list
    closed by a role word at the paragraph's end (`…。区科技局主办,各街道协办`)."""
    spans = find_paren_clauses(body)
    labels = [m for m in (GRAMMAR.label_anywhere_re.finditer(body) if ":" in body else ())
              if not depth_at(body, m.start())]
    for m, after in zip(labels, labels[1:] + [None]):
        if any(s <= m.start() < e for s, e in spans):
            continue
        stop = body.find("。", m.end())
        stop = len(body) if stop < 0 else stop + 1
        if after is not None and after.start() < stop and (part := body.rfind(";", m.end(), after.start())) > 0:
            stop = part + 1  # `甲项目,责任单位:A;乙项目,责任单位:B`: each part's list ends at its `;`
        spans.append((m.start(), stop))
    if _OPENS_ASSIGNING in body and not _closing_bracket(body, spans):
        spans.extend(_assigning_spans(body, spans, item))
    if _REQUEST in body:
        spans.extend(_requested_spans(body, spans))
    spans.sort()
    last_end = spans[-1][1] if spans else 0
    tail = trailing_clause(body[last_end:])
    if tail is not None:
        spans.append((last_end + tail, len(body)))
    return spans


def _closing_bracket(body: str, spans: list[tuple[int, int]]) -> bool:
    """Does a bracketed clause close the paragraph (`…由A提出意见,市政府同意…,并及时通告。(牵头单位:A,配合单位:B)`)?
    Its units are the task's; a `由` sentence before it tells how the work goes, words of the text."""
    end = len(body.rstrip("。;"))
    return any(e >= end and body[s:s + 1] in _OPENERS for s, e in spans)


def _assigning_spans(body: str, spans: list[tuple[int, int]], item: bool) -> list[tuple[int, int]]:
    """Sentences that give the task to units, `…的问题,由A会同B…。`, up to the sentence's end
    (。 or ;); or, in a numbered item, `由X负责` closing its part of the sentence wherever it stands,
    so that an item holding two (`A由B负责,C由D负责;`) has both read, its units parted by 、 or by
    commas (`A由B,C负责;`: clauses.commas_as_dun). An unnumbered paragraph's glued one
    (`…统一领导,日常工作由办公室负责,各部门各司其职`) is an introduction's, no task."""
    found: list[tuple[int, int]] = []
    starts = {m.end() for m in _ASSIGNING_START.finditer(body)}
    if (work := _WORK_THEN_ASSIGNING.match(body)) and not item:
        starts.add(work.end())  # `应急通信保障由A负责组织协调。`: a paragraph opening with its work, then its units
    as_dun = commas_as_dun(body)  # `…场地由A,B负责;`: a list's 、 printed as commas (positions are body's)
    glued = {m.start() for m in _CLOSING_ASSIGNMENT.finditer(as_dun)} if item else set()
    for start in sorted(starts | glued):
        if any(s <= start < e for s, e in spans + found):
            continue
        if start in starts:
            stop = min((i for i in (body.find("。", start), body.find(";", start)) if i >= 0), default=len(body))
            sentence = body[start:stop + body.startswith("。", stop)]
            if assigning_sentence(sentence.rstrip("。")):
                found.append((start, start + (_attributive_end(body[:start], sentence) or _assigning_end(sentence))))
        elif (closing := _CLOSING_ASSIGNMENT.match(as_dun, start)) and assigning_sentence(closing.group()):
            found.append((start, closing.end() + body.startswith("。", closing.end())))
    return found


def _subject_segments(body: str) -> list[Segment]:
    """A minutes' paragraph no other form gives a clause, read at the pieces of its sentences that open with
    units as their role word's subject (`…,A、B需落实好属地主体责任,确保…`; clauses.subject_clauses): the last
    reading tried, as units first in a sentence (`县应急局牵头,组织…`) are the news forms' before. One segment:
    the pieces are its clauses and stay in its text, as a sentence's subject is no bracket to cut out."""
    clauses = [body[start:end].rstrip("。") for start, end in _subject_spans(body)]
    return [Segment(body, [(subject_as_clause(c) or c, None) for c in clauses])] if clauses else []


def _subject_spans(body: str) -> list[tuple[int, int]]:
    """Where the subject pieces stand, outside brackets; pieces side by side (`A负责,B配合`) are one clause,
    read by the grammar as a whole."""
    found: list[tuple[int, int]] = []
    for start, end, _ in subject_clauses(body):
        if depth_at(body, start):
            continue
        if found and found[-1][1] + 1 == start:
            found[-1] = (found[-1][0], end)
        else:
            found.append((start, end))
    return found


_REQUEST = GRAMMAR.units["request_opener"]
_REQUEST_START = re.compile(rf"(?:^|(?<=[,;。:]))(?={re.escape(_REQUEST)})")


def _requested_spans(body: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Minutes' requests, `…,请县财政局按…修改完善,…` / `议定:请A牵头,B配合,于…完成`: the units asked
    (and the groups after their role word); the rest of the sentence is the task's text."""
    found = []
    for m in _REQUEST_START.finditer(body):
        if not any(s <= m.start() < e for s, e in spans + found) and (asked := requested_clause(body[m.start():])):
            found.append((m.start(), m.start() + asked[1]))
    return found


def trailing_clause(rest: str) -> int | None:
    """Where an unbracketed clause closing a paragraph begins: a unit list ended by a role
    keyword after the last sentence (`…3家。区科技局主办,各街道、板块协办`), or after an
    opening bracket that was never closed (`…(区发改委主办,区科技局协办`)."""
    body = rest.rstrip("。;,")
    if not body.endswith(_KEYWORDS):
        return None
    opened = body.rfind("(")
    if opened >= 0 and ")" not in body[opened:] and is_clause(body[opened + 1:]):
        return opened + 1
    sentence_end = max(body.rfind("。"), body.rfind(";"))
    if sentence_end > 0 and is_clause(body[sentence_end + 1:]):
        return sentence_end + 1 + _past_lead_in(body[sentence_end + 1:])
    cut = split_text_clause(body)
    if cut is None or not cut[0].strip(_CLAUSE_SEPARATORS) or not is_clause(cut[1]):
        return None
    return len(cut[0]) - cut[0].endswith(_OPENS_ASSIGNING)  # `…该项整治由A负责`: 由 opens the clause, no text


def _past_lead_in(clause: str) -> int:
    """Where a closing sentence's units begin after its lead-in (`对于X,《意见》明确提出,A、B等按照职责
    分工负责`): past every piece before a comma that is neither units nor a clause."""
    start = 0
    while (comma := clause.find(",", start)) > 0 and not is_unit_list(piece := clause[start:comma].strip()) \
            and not is_clause(piece) and is_clause(clause[comma + 1:]):
        start = comma + 1
    return start


def _read_segments(body: str, item: bool = True, minutes: bool = False) -> list[Segment]:
    """A paragraph → segments: the text each clause covers, and the clause; `item`: a numbered
    item's (see _assigning_spans); `minutes`: the paragraph is a meeting's minutes', where units as a
    sentence's subject are given work (_subject_segments)."""
    segments = (
        _units_first_parts(body) or _counted_parts(body)
        or (_subjects_in_parts(body) if item else _subjects_after_colon(body)) or _doers_in_item(body, 2))
    if segments:
        return segments
    pos, requested = 0, False
    for start, end in clause_spans(body, item):
        gap = _PERSON_TAIL.sub("", body[pos:start]).strip().rstrip(_DASH_MARKS).strip(_CLAUSE_SEPARATORS)
        gap = gap.lstrip("。") if segments else gap  # `…(A牵头)。次一项…(B负责)`: the 。 closes the last task
        gap = _MODAL_CLOSING.sub("", gap) if body.startswith(_OPENS_ASSIGNING, start) else gap  # `…,应由A负责`: no text
        if segments and (item := SUBITEM.match(gap)):
            gap = item.group(2)  # `…(A牵头)(2)次一项…(B负责)`: the next item's number is no text
        clause = body[start:end].rstrip("。")
        if segments and not gap:  # `牵头单位:A。配合单位:B`: clauses side by side cover one text
            segments[-1].cells.append((clause, None))
        elif segments and _one_sentence_assignments(body, pos, segments[-1], clause):
            # `在建工地由A负责,闲置空地由B负责;`: one task; both clauses in the clause grammar, to be read as one
            segments[-1].text += body[pos] + gap
            segments[-1].cells[-1:] = [(assigning_sentence(c) or c, None) for c in (segments[-1].cells[-1][0], clause)]
        elif clause.startswith(_REQUEST) and not segments:
            # `…方案,请县财政局按…修改完善,…`: a request is read where it stands, none cut from the text
            segments.append(Segment(body[pos:start] + clause, [(clause, None)]))
            requested = True
        else:
            # `…行为(A牵头);督促…(B负责)。`: the separator after a clause opens no text of its own
            segments.append(Segment(gap, [(clause, None)]))
        pos = end
    rest = body[pos:].strip().lstrip(",;") if segments and not requested else body[pos:].strip()
    if segments and SUBITEM.match(rest):
        rest = ""  # the next item, (3)加强…, cut before its clause: none of this task's text
    if rest:
        if segments:
            segments[-1].text += rest  # trailing sentences after the last clause
            segments[-1].tail = rest
        else:
            segments.extend(leading_clause_segments(rest) or _listed_then_text(rest)
                            or (_doers_in_item(rest, 1) if item else [])
                            or (_convening_in_item(rest) if item else [])
                            or (_subject_segments(rest) if minutes else [])
                            or [Segment(rest)])
    return segments


@lru_cache(maxsize=16384)
def _segments_read(body: str, item: bool, minutes: bool) -> tuple[Segment, ...]:
    return tuple(_read_segments(body, item, minutes=minutes))


def split_segments(body: str, item: bool = True, minutes: bool = False) -> list[Segment]:
    """The segments of a paragraph (_read_segments): every reader reads the same paragraphs, and the
    plans of one layout repeat theirs, so each is read once; fresh copies, as callers extend them."""
    return [_fresh(seg) for seg in _segments_read(body, item, minutes)]


def _fresh(seg: Segment) -> Segment:
    """A copy of a segment with its own cells (every field kept, a tenth of dataclasses.replace's time)."""
    out = object.__new__(Segment)
    out.__dict__.update(seg.__dict__)
    out.cells = list(seg.cells)
    return out


_PART = re.compile(r"[^;。]+[;。]?")
_ENUMERATED_ASSIGNMENT = re.compile(rf"^[一二三四五六七八九十]{{1,3}}是(?={re.escape(_OPENS_ASSIGNING)})")


def _units_first_parts(body: str) -> list[Segment]:
    """`…宣传。由A负责在…开展…;由B负责结合…;由C负责,在…。`: parts of a paragraph that each open
    by giving themselves to units are tasks of their own, their text what follows the verb; two
    at least, or the paragraph is read as any other."""
    opening = _ENUMERATED_ASSIGNMENT.match(body)
    own, later = _first_enumerated(body) if opening else (body, "")
    if opening and (found := leading_assignment(own[opening.end():])):  # 一是由A负责做好…: one part
        return [Segment(found[1].rstrip(";"), [(found[0], None)])] + ([Segment(later)] if later else [])
    if body.count(_OPENS_ASSIGNING) < 2:
        return []
    parts = [part.strip() for part in _PART.findall(body)]
    return _given_parts(parts, lambda part: leading_assignment(part) or _after_lead_in(part))


_NEXT_ENUMERATOR = re.compile(r"(?<=[;。])(?=[一二三四五六七八九十]{1,3}是)")


def _first_enumerated(body: str) -> tuple[str, str]:
    """`三是由A负责,…;四是…`: a paragraph opened by its enumerator ends that item at the next one; the
    next item is its own (its numeral no part of the first's text), never given to the first's units."""
    m = _NEXT_ENUMERATOR.search(body)
    return (body[:m.start()], body[m.start():]) if m else (body, "")


# `有3项由X牵头,分别是A;B;C。`: a count of items given to units, then the items themselves
_COUNTED = re.compile(rf"(\d{{1,2}}|[一二三四五六七八九十]{{1,3}})项({re.escape(_OPENS_ASSIGNING)}[^,。;]{{2,40}}?"
                      rf"(?:{GRAMMAR.keywords})),分别(?:是|为):?([^。]+。?)")


def _counted_parts(body: str) -> list[Segment]:
    """`需要X参加的工作共计12项,有3项由X牵头,分别是A;B;C。` (a news report of a division of work): each
    `;` part is a task given to the units, where the parts are as many as the count says; the words
    around them (the count of the units' other work) are no task."""
    segments: list[Segment] = []
    for m in _COUNTED.finditer(body) if _OPENS_ASSIGNING in body else ():
        parts = [part for part in m.group(3).split(";") if part.strip()]
        clause = assigning_sentence(m.group(2))
        if clause and len(parts) == cn_to_int(m.group(1)) >= 2:
            segments.extend(Segment(part, [(clause, None)]) for part in parts)
    return segments


def _given_parts(parts: list[str], given) -> list[Segment]:
    """Parts each given to units (`given(part)` → (clause, text), or None) as tasks of their own,
    the words around them (an item's title, a closing remark) no task's; two at least, or none."""
    segments: list[Segment] = []
    for part in parts:
        found = given(part)
        if found:
            segments.append(Segment(found[1].rstrip(";"), [(found[0], None)]))
        elif not segments or segments[-1].cells:
            segments.append(Segment(part))
        else:
            segments[-1].text += part
    return segments if sum(1 for seg in segments if seg.cells) >= 2 else []


def _subjects_in_parts(body: str) -> list[Segment]:
    """`加强监测。县卫健局负责…;县疾控中心负责…,各乡镇负责…。`: an item whose parts each open with
    their units and their verb, with no 由, two at least: each part a task of its own, as parts
    opening with 由 are (a comma ends a part only before the next units and verb). Read only in
    an item with no bracketed or labelled clause."""
    words = _ROLE_WORD.finditer(body)
    if next(words, None) is None or next(words, None) is None:
        return []  # a role word for each part, two at least (a cheap test before the rest)
    if GRAMMAR.label_anywhere_re.search(body) or find_paren_clauses(body):
        return []
    return _given_parts(_subject_pieces(body), _turn_part)


def _turn_part(part: str) -> tuple[str, str] | None:
    """(clause, text) for a part of a paragraph read in turn: one opening with its units and verb,
    also after a lead-in and its colon (`…工作责任制:A负责…`: the list's first entry, so later ids keep
    their places), a passive (`日常工作由A承担`) or units doing the work with no role word (`A等单位做好…`)."""
    lead_in, colon, entry = part.rpartition(":")
    return (_subject_part(part) or (_subject_part(entry) if colon and lead_in else None)
            or passive_part(part) or doing_part(part))


def _subjects_after_colon(body: str) -> list[Segment]:
    """`…现场分解了任务:A、B负责…,C负责…,D负责…。` in an unnumbered paragraph (a news report): a sentence
    whose parts after its colon each open with their units and verb, three at least, is that many tasks;
    the words before the colon and the paragraph's other sentences are none."""
    if ":" not in body or not _ROLE_WORD.search(body):
        return []
    for sentence in _SENTENCE.findall(body):
        lead_in, colon, after = sentence.rpartition(":")
        if not colon or after.count(",") < 2:
            continue
        segments = _subjects_in_parts(after)
        if sum(1 for seg in segments if seg.cells) >= 3:
            return segments
    return []


def _subject_pieces(body: str) -> list[str]:
    """A paragraph cut at `;` and `。`, and at a comma where the next units and their verb begin
    after a part that already has its own (`A负责甲,B负责乙`), not in `A牵头,B配合,做好…` nor inside a
    list whose 、 the page prints as commas (`A负责,B,C配合,做好…`)."""
    pieces = []
    for part in _PART.findall(body):
        start = 0
        for comma in (i for i, ch in enumerate(commas_as_dun(part)) if ch == ","):
            if _subject_part(part[start:comma]) and _subject_part(part[comma + 1:]):
                pieces.append(part[start:comma + 1])
                start = comma + 1
        pieces.append(part[start:])
    return [p.strip() for p in pieces if p.strip()]


def _subject_part(part: str) -> tuple[str, str] | None:
    """(clause, text) for a part opening with its units and their verb, as a department in turn
    opens its duty (`县卫健局负责监测…`, text from the verb; also a collective, `各乡镇负责…`), or
    with a clause and a comma (`县商务局牵头,全面负责…`, `A牵头,B配合,做好…`, text after the
    comma); None for any other part."""
    part = _DUTY_BASIS.sub("", part, count=1)  # A、B等部门按照职责,协同做好…: the verb after the basis
    found = subject_in_turn(part)
    if not found and not part.startswith(_EACH):
        return None  # 督促检查有关部门…, 每年对各有关部门…: a sentence, not its units
    lead = _leading_clause(part)
    said = _OWN_CLAUSE.match(part)
    if lead and is_clause(lead.group(1)):
        clause, text = lead.group(1), part[lead.end():]
    elif said and is_clause(own := said.group(1) + said.group(2)) and is_unit_list(said.group(1)):
        clause, text = _convening_clause(own, said.group(1), part[said.start(2):]), part[said.start(2):]
    else:
        return None  # 施工总承包单位应当…: a duty, not a task given by a role word
    text = text.rstrip(";。,")
    return (clause, text) if len(text) >= 4 else None


def _convening_clause(clause: str, units: str, text: str) -> str:
    """`县财政局负责会同各项目主管部门…`: a unit charged with the work that convenes others leads it and
    they support, as `由A会同B负责` says in the grammar's words; any other clause as it stands."""
    convening = charged_convening(text)
    if not convening:
        return clause
    verb, convened = convening
    return f"{_OPENS_ASSIGNING}{units}{_CONVENES[0]}{convened}{verb}"


_EACH = "各"
_DUTY_BASIS = re.compile(r"(?<=部门|单位)(?:%s)(?:各自)?(?:的)?职责(?:分工)?,"
                         % "|".join(map(re.escape, GRAMMAR.layout["duty_basis_words"])))
# 县卫健局负责, A会同B负责; A,B负责 where a page prints its 、 as a comma (the units checked after)
# (a modal between them, `县审计局要负责…`, is neither the units' nor the role word's; `主要负责同志` names a person)
_OWN_CLAUSE = re.compile(rf"^([^;。:]{{2,60}}?)(?:{alternation(GRAMMAR.units['charging_modals'])})?"
                         rf"(?!{alternation(GRAMMAR.units['assigning_person_nouns'])})({GRAMMAR.keywords})")
_CONVENES = tuple(GRAMMAR.units["convenes"])


_SELF_DOING = alternation(GRAMMAR.units["self_doing"])
_ITEM_TITLE_WORDS = r"[^,;。:]{2,12}:"  # an event plan's item title: `秩序维持:`
_ITEM_TITLE = re.compile("^" + _ITEM_TITLE_WORDS)
_DOERS_ADVERBS = alternation(GRAMMAR.units["role_word_adverbs"])
# a part of a sentence opening with its doers: after a place or subject phrase and 由 (`甲路段由A负责…`),
# a unit list closed by a role word (`A、B负责…`) or by a word of doing it themselves (`C自行组织`)
_DOERS_PART = re.compile(rf"^(?:{_ITEM_TITLE_WORDS})?(?:[^由:]{{1,12}}?{re.escape(_OPENS_ASSIGNING)}|{re.escape(_OPENS_ASSIGNING)})?"
                         rf"([^由:]{{2,40}}?)(?:{_DOERS_ADVERBS})?(?:({GRAMMAR.keywords})|(?:{_SELF_DOING}))")
_PART_MARKS = re.compile(r"[,;。]")


def _doers_in_item(body: str, least: int) -> list[Segment]:
    """An event plan's item that gives its work in parts of one sentence, each opening with its doers
    (`甲路段由A负责场地,B负责人员;各村,C、D自行组织`): one task, every part's units in it (a list run on
    over a comma, `各村,C、D自行…`, whole; the item's title before a colon no doer); a role word's object (`负责工具80把,其中锄头30把`) and a part
    with no doers (`各单位都要…`) name no unit. `least` parts at least, read in an item with no
    labelled or bracketed clause, titled before a colon (`秩序维持:A、B负责…`): an untitled `A负责…` is as
    often a duty list's sentence; the doers stand in the item's first sentence (`…。A牵头,B配合`: a clause
    closing its text, another reading's)."""
    if not _ITEM_TITLE.match(body) or GRAMMAR.label_anywhere_re.search(body) or find_paren_clauses(body):
        return []
    clauses, listed = [], []
    for part in _PART_MARKS.split(commas_as_dun(body).split("。", 1)[0]):
        doers = _DOERS_PART.match(part)
        names = listed + split_units(doers.group(1)) if doers else []
        if names and is_unit_list("、".join(names)) and not any(GRAMMAR.keyword_re.search(n) for n in names):
            clauses.append("、".join(names) + (doers.group(2) or GRAMMAR.units["self_doing_as"]))
        listed = split_units(part) if not doers and is_unit_list(part) else []
    return [Segment(body, [(clause, None) for clause in clauses])] if len(clauses) >= least else []


def _after_lead_in(part: str) -> tuple[str, str] | None:
    """`民生保障类4项实事中,由A负责的<project>…`: the assignment after a lead-in and its comma."""
    cut = part.find("," + _OPENS_ASSIGNING)
    return leading_assignment(part[cut + 1:]) if cut > 0 else None


def _one_sentence_assignments(body: str, pos: int, previous: Segment, clause: str) -> bool:
    """Two `由X负责` parts of one sentence, not bracketed (`…街巷,由A负责;…小区由B负责;`): they
    give one numbered item to both, not sub-tasks as bracketed clauses each covering its text do."""
    return (clause.startswith(_OPENS_ASSIGNING) and previous.cells[-1][0].startswith(_OPENS_ASSIGNING)
            and body[pos:pos + 1] in (",", ";") and "。" not in body[pos:body.find(clause, pos)])


def _assigning_end(sentence: str) -> int:
    """Where a `由…` sentence's units end: before the text in `由A牵头,B配合,推进…。`, else at
    the sentence's end (`由A承办,B、C配合。`, `由A会同B负责落实`)."""
    named = len(sentence) - len(units_first := without_named_official(sentence))  # 由马娜牵头,…: an official
    lead = _leading_clause(units_first)
    if lead and "会同" not in lead.group(1) and is_clause(lead.group(1)):
        rest = units_first[lead.end():].rstrip("。")
        if rest and not is_clause(rest):
            convened = convened_units(rest)  # 由A牵头,组织B、C等部门按照…: B and C are the clause's too
            return named + (lead.end() + convened[1] if convened else lead.end(1))
    return len(sentence)


def _attributive_end(before: str, sentence: str) -> int | None:
    """Where `由A负责的` ends after words that make it attributive inside a sentence (`在对由A负责的<place>进行…时,…`:
    the place and what is said of it are the text); None for any other."""
    if not _ATTRIBUTIVE_BEFORE.search(before):
        return None
    found = leading_assignment(sentence)
    cut = len(sentence) - len(found[1]) if found else 0
    return cut if cut and sentence[:cut].endswith("的") else None


# `A、B、C等分工负责<text>`: a list closed by 等 (等部门), or followed by an adverb (`A、B将负责<text>`, news
# prose: grammar role_word_adverbs), its role word glued to the task's words
# (not before a person, `等单位负责人`, nor attributive, `A、B等单位牵头的小组`)
_LISTED_GLUED = re.compile(rf"([^。;:]{{2,80}}?)(等[^,。;:、]{{0,4}}?(?:{alternation(GRAMMAR.units['role_word_adverbs'])})*"
                           rf"|(?:{alternation(GRAMMAR.units['role_word_adverbs'])})+"
                           rf"(?=(?:{alternation(GRAMMAR.units['role_word_adverb_verbs'])})))"
                           rf"(?!{alternation(GRAMMAR.units['assigning_person_nouns'])})({GRAMMAR.keywords})"
                           rf"(?=[\u4e00-\u9fff])(?!的)")


def _listed_then_text(body: str) -> list[Segment]:
    """`《意见》明确,A、B、C等分工负责深化…;促进…。`, `…,A、B将负责支持…`: a paragraph whose units come first,
    closed by 等 or an adverb (a news report's 将, 还将) and their role word with the task's words glued after
    it (after a lead-in and its comma, as a closing sentence's are; the list's 、 printed as commas too,
    `A,B,C将负责`, every piece a unit): one task, its text all that follows the role word. A bare
    `A、B负责…` is not read: as often a sentence of duties."""
    first = body.split("。", 1)[0]
    for start in [0] + [i + 1 for i, ch in enumerate(first) if ch == ","]:
        m = _LISTED_GLUED.match(body, start)
        if m and listed_units(m.group(1)) and is_clause(m.group()):
            text = body[m.end():]
            return [Segment(text, [(m.group(), None)])] if len(text) >= 4 else []
    return []


def leading_clause_segments(body: str) -> list[Segment]:
    """Sentences whose units come first: `县应急局牵头,组织开展…。县教委牵头,做好…。` (news
    prose): each such sentence is a task, its text what follows the clause."""
    segments = []
    if "," not in body:
        return segments
    for sentence in _SENTENCE.findall(body):
        m = _leading_clause(sentence)
        if m and is_clause(m.group(1)):
            clause, end = m.group(1), m.end()
            if GRAMMAR.keyword_re.search(clause) and (convened := convened_units(sentence[end:])):
                clause, end = f"{clause};{convened[0]}配合", end + convened[1]  # X牵头,联合A、B等部门…
            segments.append(Segment(sentence[end:].lstrip(",").rstrip(";"), [(clause, None)]))
    return segments


def _convening_in_item(body: str) -> list[Segment]:
    """`<title>。A会同B、C做好…。` in a numbered item: a sentence opening with its units and 会同 gives the item
    to them whatever its verb (clauses.convening_sentence, the one 会同 rule: B's list ends before the task's
    verb), as `由A会同B…` does: one task, A lead, B and C support, its text the item without the units. Every
    unit after 会同 is named whole by its shape: `A会同人社、教育等部门开展…` (offices by their function) gives no task."""
    at = 0
    for sentence in _SENTENCE.findall(body):
        found = convening_sentence(sentence)
        if found and not GRAMMAR.keyword_re.match(sentence, found[1]) and _shaped_convened(found[0]):
            text = body[:at] + sentence[found[1]:] + body[at + len(sentence):]
            return [Segment(text.strip(), [(found[0], None)])] if len(text) >= 4 else []
        at += len(sentence)
    return []


def _shaped_convened(clause: str) -> bool:
    """Is every unit a convening clause (`A牵头;B、C配合`) gives support a unit by its shape (no bare function)?"""
    return all(looks_like_unit(n) for n in split_units(clause.partition(";")[2].removesuffix("配合")))


def clause_line(text: str, own_line: bool = True) -> str | None:
    """A whole line that is only a clause: `责任单位:…`, `牵头单位:…`, `(责任单位:…)`; `own_line`: the
    line stood alone as printed, no cell of a row (a cell of units is the row's, _unit_groups_line)."""
    inner = text.strip()
    if inner.startswith("(") and inner.endswith((")", ")。")) and is_clause(inner.rstrip("。")):
        return inner.rstrip("。")
    if GRAMMAR.label_re.match(inner.lstrip("(")) and not _sentence_after_clause(inner):
        return inner
    closed = inner.rstrip("。;")
    return closed if _keyword_closed_units(closed) or (own_line and _unit_groups_line(closed)) else None


_FIELD_SEPARATORS = GRAMMAR.table["persons"]["field_separators"]


def role_fields_after_officials(text: str) -> str | None:
    """`责任领导:NAMES;责任单位:A、B;配合单位:C、D。`: a line of fields that opens with an official's
    field still carries its task's units; the official's field drops out whatever it holds (names,
    a bracketed remark) and the role fields, each opening with its label, are the line's clause.
    None where the line holds no role field (`分管省领导:NAME`, `时限要求:…`)."""
    fields = [f for f in split_top(text.rstrip("。"), _FIELD_SEPARATORS) if f]
    roles = [f for f in fields if not (GRAMMAR.person_label_re.match(f) or GRAMMAR.other_label_re.match(f))]
    if not roles or not all(GRAMMAR.label_re.match(f) for f in roles):
        return None
    return ";".join(roles)


def _sentence_after_clause(text: str) -> bool:
    """`(牵头单位:A)下一项目标…。`: a bracketed clause closed before the line's end is the last
    sentence's, and the text after it the next sentence — the line is no clause alone."""
    close = text.find(")")
    return text.startswith("(") and 0 < close < len(text.rstrip("。;")) - 1


def _keyword_closed_units(text: str) -> bool:
    """`区发改局牵头` / `A、B配合` alone on a line below the text: the keyword form of a label line
    (plans print `X牵头` where others print `牵头单位:X`); only units before the closing keyword."""
    m = _CLOSING_LEAD_OR_SUPPORT.search(text, max(0, len(text) - _CLOSING_WORD_MAX - 1))  # only its end can match
    if not m or _LABEL_OPENS.match(text):  # 责任单位A、B分别牵头: a label glued on, read as a label
        return False
    names = split_units(text[: m.start()])
    return bool(names) and all(looks_like_unit(n) for n in names) and is_clause(text)


_UNIT_LINE_CLOSERS = tuple(GRAMMAR.layout["unit_line_closers"])
_LIST_MARKS = re.compile("[,;、]")


def _unread(text: str) -> str:
    """A line's words without the marks that part units and groups: what a reading must account for."""
    return _LIST_MARKS.sub("", text)


def _unit_groups_line(text: str) -> bool:
    """`A、B负责落实` / `A牵头,B配合` alone on a line below the text: nothing but groups of units, each
    closed by its role word, so the line is the clause of the text above and none of its text. A lone
    group closes with a word only a clause ends in (grammar unit_line_closers): `X负责` alone may end a
    sentence. A `由…` sentence and a numbered row (`3<text>A牵头;B配合`, its number glued on) are read as such."""
    if text.lstrip(_DASH_MARKS).startswith(_OPENS_ASSIGNING) or _starts_item(text) or text[:1].isdigit():
        return False
    groups = split_groups(text)
    if not groups or not all(g.keyword for g in groups):
        return False
    if _unread(text) != _unread("".join(g.units_text + g.keyword for g in groups)):
        return False  # words the groups leave out (a qualifier, a sentence): `各部门要按照职责分工,抓好落实`
    if len(groups) == 1 and not text.endswith(_UNIT_LINE_CLOSERS):
        return False
    names = [n for g in groups for n in split_units(g.units_text)]
    return bool(names) and all(looks_like_unit(n) for n in names)


_LABEL_OPENS = re.compile(f"(?:{GRAMMAR.labels})")
# only 牵头 / 配合 words close such a line: `X负责` / `X落实` alone is as often a sentence's end
_CLOSING_WORDS = sorted((w for w, role in GRAMMAR.keyword_role.items() if role in ("lead", "support")), key=len, reverse=True)
_CLOSING_LEAD_OR_SUPPORT = re.compile("(?:{})$".format("|".join(map(re.escape, _CLOSING_WORDS))))  # `为牵头单位(部门)` as printed
_CLOSING_WORD_MAX = len(_CLOSING_WORDS[0])  # a search from this far before the end (and a final \n) finds the same match


def _open_brackets(text: str) -> int:
    return sum(text.count(o) - text.count(c) for o, c in GRAMMAR.brackets if o in text or c in text)


def join_broken_clauses(lines: list[Line], max_lines: int = 4) -> list[Line]:
    """A paragraph wrapped inside a bracket (PDFs, Word exports): `…配合单位:市财政局、` then
    `市住房城乡建设局)` is one line, so that its clause is read whole."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        joined, j = lines[i], i + 1
        while _open_brackets(joined.text) > 0 and j < len(lines) and j - i < max_lines and not _starts_item(lines[j].text):
            joined = Line(joined.text + lines[j].text, joined.raw + lines[j].raw, joined.blanks_before, joined.no)
            j += 1
        if _open_brackets(joined.text) > 0:  # never closed: not a wrapped clause, keep the lines
            joined, j = lines[i], i + 1
        out.append(joined)
        i = j
    return out


def _starts_item(text: str) -> bool:
    """Does a line open a new task, sub-item or heading?"""
    return bool(DOTTED_TASK.match(text) or ARABIC_TASK.match(text) or SUBITEM.match(text) or heading_of(text))


_NUMBER_THEN_DIGIT = re.compile(r"^(\d{1,3})[.、](\d.*)$")


def _next_in_sequence(text: str, blocks: list[Block]) -> re.Match | None:
    """`11.121人才梯队项目`: a number followed by a digit opens a task only as the next number;
    the first task only as `1.` glued to a year (`1.2023年是…`), never a decimal (`1.5倍`)."""
    m = _NUMBER_THEN_DIGIT.match(text)
    if not m:
        return None
    previous = next((b.number for b in reversed(blocks) if b.number and b.number.isdigit()), None)
    if previous is None:
        return m if m.group(1) == "1" and _YEAR.match(m.group(2)) else None
    return m if int(m.group(1)) == int(previous) + 1 else None


_YEAR = re.compile(r"(?:19|20)\d\d年")


# a role label glued to its units where a clause opens: after a comma (…,责任单位畜牧局;), a line's start,
# a sentence's end or a bracket (〔牵头单位省科技厅;责任单位…〕), as a table cell run into its label prints it
_GLUED_LABEL = re.compile(rf"(?:^|(?<=[,;。({re.escape(''.join(o for o, _ in GRAMMAR.brackets))}]))({GRAMMAR.labels})(为)?"
                          rf"(?=[^\s:,;。()])")
_LONG_LABEL = re.compile(alternation([label for label in GRAMMAR.label_role if len(label) > 2]))  # not 牵头 of 区X局牵头
# a name may hold a bracketed part (区发改(商务)局); the list runs on to the clause's end, 、 and all
_FIRST_NAME = re.compile(r"(?:[^、,;。:()\[\]【】〔〕“”…|\t]|\([^()、,;。]*\))+")
_NAME_LIST = re.compile(r"(?:[^,;。:()\[\]【】〔〕“”…|\t]|\([^()、,;。]*\))+")
_GLUED_NAME_MAX = GRAMMAR.layout["glued_label_name_max"]
_JOINED_ON = tuple(GRAMMAR.layout["glued_label_not_before"])


def _glued_labels_with_colons(lines: list[Line]) -> list[Line]:
    """`甲项目,责任单位畜牧局;乙项目,责任单位为A、B;`: a label glued to the units it names (为 too), in a part of
    its own after a comma, written with its colon (read after pinyin and traditional forms are gone).
    A quoted run of them, as a news item opens (`“甲项目,责任单位A;……”3月18日,…`), is a paragraph
    of its own, the quotation marks no brackets."""
    out: list[Line] = []
    for line in lines:
        read = _labels_with_colons(line.text)
        close = read.find("”")
        if read == line.text or not read.startswith("“") or close < 0:
            out.append(line if read == line.text else replace(line, text=read))
            continue
        out.append(replace(line, text=read[1:close].rstrip(".…") + "。"))
        if read[close + 1:]:
            out.append(replace(line, text=read[close + 1:]))
    return out


def glued_labels_with_colons(lines: list[Line]) -> list[Line]:
    """The same colons for the other readers (`责任单位区财政局` on a line of its own is a label line to
    each of them, not a unit `责任单位区财政局`); no quotation taken apart, which is prose's alone."""
    return [replace(ln, text=read) if (read := _labels_with_colons(ln.text)) != ln.text else ln for ln in lines]


def _labels_with_colons(text: str) -> str:
    """A line's role labels as every reader knows them: glued to their units (`责任单位区财政局`) or joined to a
    persons' word (`责任单位及责任人:`), each written `<label>:`."""
    return _GLUED_LABEL.sub(_colon_before_units, without_joined_persons(text))


def _colon_before_units(m: re.Match) -> str:
    """`,责任单位区发改委` and `责任单位为区发改委` → `…责任单位:区发改委`, where a unit follows: a role label
    (not a bare role word, 牵头市发改委 being a sentence) before a name that is a unit by its shape, alone or
    closed by its role word (区发改委牵头). Not a label before words (`牵头单位要…`, `责任单位和配合单位…`), nor a
    label word joined on to the next name (`其他股室及属下单位配合`: a unit itself, the first of a list)."""
    first = _FIRST_NAME.match(m.string, m.end())
    if len(m.group(1)) <= 2 or not first or m.string.startswith(_JOINED_ON, m.end()) or not _names_units(first.group(), _NAME_LIST.match(m.string, m.end()).group()):
        return m.group()
    return f"{m.group(1)}:"


def _names_units(first: str, names: str) -> bool:
    """The first name a unit by its shape, or the whole list a unit list: a joint plan's places sharing one
    department's name (`责任单位甲市、乙市、丙州发展改革部门`), the first no unit alone by its shape."""
    if _unit_or_keyword_closed(first):
        return True
    return not _LONG_LABEL.search(names) and (is_unit_list(names) or _parallel_names(names.split("、")))


def _parallel_names(names: list[str]) -> bool:
    """`新材料产业园、高端装备产业园、商贸物流园等`: short names of one kind, each ending as the others do, no word of
    running text among them: bodies a plan names by their kind though no unit's ending (not `明确分工、压实责任`)."""
    names = names[:-1] + [names[-1].removesuffix("等")]
    return len(names) > 1 and len({n[-1:] for n in names}) == 1 and all(
        1 < len(n) <= _GLUED_NAME_MAX and not GRAMMAR.not_in_names_re.search(n) for n in names)


def _unit_or_keyword_closed(name: str) -> bool:
    if _LONG_LABEL.search(name) or re.search(r"\d", name):
        return False  # 牵头单位配合单位, 责任单位或牵头单位: a header's labels run together
    closing = next((k for k in GRAMMAR.keyword_re.finditer(name) if k.end() == len(name)), None)
    return looks_like_unit(name[: closing.start()] if closing else name)


# a sub-head whose number is glued to its words, no mark between (`1整治市区环境卫生`)
_GLUED_SUBHEAD = re.compile(r"^(\d{1,2})(?![%s])([\u4e00-\u9fff][^。;:()]{1,30})$"
                            % re.escape(GRAMMAR.layout["glued_number_measures"]))


def glued_subheads(lines: list[Line]) -> set[int]:
    """`1整治…` / `(1)…`: a short line opened by its number glued to its words, standing over a
    sub-item `(1)`, opens a task where its number runs on from the last such line (1, 2, 3 …)."""
    found: set[int] = set()
    last = 0
    for i, line in enumerate(lines[:-1]):
        m = _GLUED_SUBHEAD.match(line.text)
        if m and SUBITEM.match(lines[i + 1].text) and int(m.group(1)) in (1, last + 1):
            found.add(i)
            last = int(m.group(1))
    return found


def cover_runs(runs: list[tuple[Block, int]]) -> None:
    """`(1)…` / `(2)…` / `责任部门:A、B` / `(3)…` / `责任部门:C`: where a task's sub-items, each a line
    of its own, take two unit lines or more, each unit line covers every sub-item since the last unit
    line (or the task's title), in every task of the document; a task's one unit line after all its
    sub-items elsewhere is the whole task's."""
    if not any(sum(b is block for b, _ in runs) > 1 for block, _ in runs):
        return
    for block, k in runs:
        for seg in reversed(block.segments[:k]):
            if seg.cells or not seg.item:
                break
            seg.cells.extend(block.segments[k].cells)


def _without_closing_officials(lines: list[Line]) -> list[Line]:
    """A page run onto one line and parted at its spaces joins the officials' fields after a text
    (`…建设。;责任人:X;协调人:Y`): they name persons, no words of the task, so they drop out."""
    return [replace(ln, text=cut) if (cut := _OFFICIAL_FIELDS_CLOSING.sub("", ln.text)) != ln.text and cut else ln
            for ln in lines]


_MINUTES_OPENING = re.compile(GRAMMAR.meta["minutes_opening"])
_MINUTES_TITLE = re.compile(_SUBJECT_CLAUSE_SCOPE["minutes_title"])


def are_minutes(lines: list[Line]) -> bool:
    """Is the document a meeting's minutes (its head opens with the meeting, `…主持召开…会议,现纪要如下`, or
    is titled `…纪要`)? Only minutes give work to units as a sentence's subject (`A、B需落实好…责任`): in a
    plan's closing measures such a sentence is an instruction, no task. Read without a mirror's pinyin,
    in simplified characters, as the patterns are written."""
    head = [simplified(PINYIN.sub("", ln.text)).strip() for ln in lines[:_SUBJECT_CLAUSE_SCOPE["minutes_head_lines"]]]
    return any(_MINUTES_OPENING.match(text) or _MINUTES_TITLE.search(text) for text in head)


def prose_blocks(lines: list[Line]) -> tuple[list[Block], list[str]]:
    """The tasks of a prose plan and what was left out. Lines are read in turn, each by the first
    reading that takes it (a label line, a unit line, a numbered item, a sub-item, a heading, a
    paragraph): the order matters, as a later reading is only asked what the earlier ones refused."""
    lines = _without_closing_officials(_glued_labels_with_colons(linked_labels_bracketed(join_broken_clauses(lines))))
    reading = _ProseReading(glued_subheads(lines), are_minutes(lines), unit_heading_clauses(lines),
                            shaped_numbers([ln.text for ln in lines]))
    for i, line in enumerate(lines):
        reading.read(i, line)
    cover_runs(reading.runs)
    reading.give_heading_clauses()
    kept = _without_preamble([b for b in reading.blocks if b.has_clause()])
    _items_before_first_task(kept)
    return _lone_paragraphs_take_the_heading(kept, reading.opened), reading.warnings


class _ProseReading:
    """What the prose reader holds from one line to the next: the tasks so far, the headings
    above, the task a line may go on, and the lines no task has taken yet."""

    def __init__(self, glued: set[int], minutes: bool, unit_headings: dict[int, str], shaped: dict[int, re.Match]) -> None:
        self.glued = glued  # indices of the lines that are glued sub-heads (`1整治…`)
        self.shaped = shaped  # indices of the lines numbered `1-1`, `第一条`, `A.` in sequence, with their number
        self.unit_headings = unit_headings  # indices of `<社区>(责任单位:X)` lines over items, with their clauses
        self.heading_clause: str | None = None  # the clause of the unit heading over the items being read
        self.headed: list[tuple[Block, str]] = []  # the items under a unit heading, with its clause
        self.minutes = minutes  # a meeting's minutes: units as a sentence's subject are given work (are_minutes)
        self.runs: list[tuple[Block, int]] = []  # unit lines closing a sub-item of their own line: (task, segment)
        self.blocks: list[Block] = []
        self.warnings: list[str] = []
        self.section: str | None = None
        self.path: list[tuple[int, str]] = []  # the headings above: (level, numeral)
        self.outer_path = self.path  # the headings above the latest heading, should it turn out to be a task
        self.current: Block | None = None
        self.titled: Block | None = None  # the latest numbered item whose own line is its title alone
        self.loose: list[Line] = []  # lines outside any task: a sub-heading, or the text of an unnumbered task
        self.opened: dict[str, _Opened] = {}  # each heading read as a section: what it says, what is above it
        # unnumbered tasks of a paragraph running several together: the sentence after the last clause, its
        # own clause wrapped onto the next line, is a task of its own, as are those after it on that line
        self.run_together: list[Block] = []
        self.gathering: Block | None = None  # a heading made a task by a paragraph's subject clauses (_gathers)
        self.unit_line_at = -1  # the index of the latest line read as a line of units alone

    def read(self, i: int, line: Line) -> None:
        """One line (the i-th), by the first reading that takes it."""
        text = line.text
        if i in self.unit_headings:
            self._unit_heading(text.strip(), self.unit_headings[i])
            return
        if GRAMMAR.person_label_re.match(text) or GRAMMAR.other_label_re.match(text):
            text = role_fields_after_officials(text)
            if text is None:
                return  # 分管省领导:NAME names an official; 时限要求:… is neither text nor unit
        if self.current is not None and self.current.is_heading and text.startswith(_HEADING_REMARKS):
            return  # 一、…工程 / 工作要求:… / 任务分工:…: what the part asks, no task's text
        clause_only = clause_line(text, own_line=not line.cell)
        if clause_only is not None and self._clause_held(clause_only, i):
            return  # 各街道负责落实。 under an item closed by its own (牵头单位:X): no clause of that item
        if clause_only is not None:
            self.unit_line_at = i
            self._unit_line(clause_only, line.no)
        elif not (self._numbered_item(i, text) or self._sub_item(text)):
            text = _bracket_mended(text, self.blocks)
            head = heading_of(text)
            if head:
                self._heading(text, head)
            elif not _measures_give_units(self.current, text):
                self._paragraph(text, line)

    def _clause_held(self, clause: str, i: int) -> bool:
        """Is `clause` a line of unit groups alone (`各街道负责落实`, no label) under a task whose own text
        already holds its clause? Such a line closes a part's list and speaks for the part, not for
        the last item, whose units are printed with it: joined to them it would garble their clause."""
        current = self.current
        if current is None or not current.segments or not current.segments[-1].cells:
            return False
        if clause_line(clause, own_line=False) is not None:
            return False  # a label line or a bracketed clause: the task's clause on its own line
        return self.unit_line_at != i - 1  # after a unit line (`A牵头` / `B配合`) it goes on the same clause

    def _unit_line(self, clause: str, line_no: int) -> None:
        """A line of units alone (`责任单位:…`, or 牵头单位 then 配合单位 lines): the last segment's
        units, or those of the loose lines above it, which it makes a task."""
        current = self.current
        if current is not None and current.segments:
            current.segments[-1].cells.append((clause, None))
            if current.segments[-1].item and len(current.segments[-1].cells) == 1:
                self.runs.append((current, len(current.segments) - 1))
            if current.is_heading:  # (一)地区生产总值增长7%以上 / 责任单位:…: a task, not a section
                self._heading_is_task()
        elif self.loose:  # unit lines that follow their task's text
            text = "".join(ln.text for ln in self.loose)
            self.current = Block(None, self.section, numerals(self.path), [Segment(text, [(clause, None)])])
            self.blocks.append(self.current)
            self.loose = []
        else:
            self.warnings.append(f"line {line_no}: units of a task not in the text ({clause}); left out")

    def _numbered_item(self, i: int, text: str) -> bool:
        """`1.…` / `1、…` / a number running on from the last task's / a glued sub-head: a task opens.
        A number that opens a date or a share (`2025年`, `85%`) opens none."""
        m = (DOTTED_TASK.match(text) or ARABIC_TASK.match(text) or _next_in_sequence(text, self.blocks)
             or (_GLUED_SUBHEAD.match(text) if i in self.glued else None) or self.shaped.get(i))
        if not m or text[len(m.group(1)):].startswith(("年", "月", "日", "%")):
            return False
        if _heads_what_follows(self.current, self.blocks):
            self.section, self.path = _as_section(self.current, self.opened)
        if len(self.loose) == 1 and _is_subheading(self.loose[0].text):
            self.section = self.loose[0].text  # 加快交通基础设施建设: an unnumbered heading above the task
        self.loose = []
        # a glued sub-head (`1整治…`) is the section of the sub-items under it, as printed
        section = text if i in self.glued else self.section
        self._open_item(Block(m.group(1), section, numerals(self.path), split_segments(m.group(2), minutes=self.minutes)), m.group(2))
        if self.heading_clause is not None:
            self.headed.append((self.current, self.heading_clause))
        return True

    def _unit_heading(self, text: str, clause: str) -> None:
        """`<社区>(责任单位:X)` over items `1、…` (loader/unitheads.py): their section as printed, its clause
        theirs; no task of its own."""
        self.section, self.heading_clause = text, clause
        self.current, self.loose = None, []

    def give_heading_clauses(self) -> None:
        """Each item under a unit heading with no clause of its own takes the heading's, once its lines
        are all read (a clause given as it opened would stop its wrapped lines joining it)."""
        for block, clause in self.headed:
            if not block.has_clause():
                if not block.segments:
                    block.segments.append(Segment(""))
                block.segments[-1].cells.append((clause, None))

    def _sub_item(self, text: str) -> bool:
        """`(1)…`: the tasks' own numbers where no task is open or the open one is so numbered;
        else a segment of the open task."""
        m = SUBITEM.match(text)
        if not m:
            return False
        current = self.current
        if current is None or current.paren_numbered or _title_only_heading(current):
            block = Block(m.group(1), self.section, numerals(self.path), split_segments(m.group(2), minutes=self.minutes), paren_numbered=True)
            self._open_item(block, m.group(2))
            return True
        segs = split_segments(m.group(2), minutes=self.minutes)
        if len(segs) == 1 and not segs[0].cells:
            segs[0].item = True  # a sub-item of its own line: a unit line below may cover it
        if current.is_heading and any(s.cells for s in segs):
            # a numeral heading whose sub-items carry clauses is a task, not a section
            current.is_heading = False
            self._leave_heading()
        current.segments.extend(segs)
        return True

    def _open_item(self, block: Block, words: str) -> None:
        """A numbered task opens: the one later lines go on, and the titled item if its line is a title."""
        self.current = block
        self.blocks.append(block)
        self.titled = block if _is_item_title(words) else None

    def _heading(self, text: str, head: Heading) -> None:
        """`一、…` / `(二)…`: a section over the tasks below, or a task itself where its line carries
        a clause or is a paragraph cut short (its clause below)."""
        if _heads_what_follows(self.current, self.blocks) and head.level > self.current.heading[0].level:
            self.section, self.path = _as_section(self.current, self.opened)
        self.heading_clause = None
        segs = split_segments(text[text.find(head.numeral) + len(head.numeral) + 1:], minutes=self.minutes)
        above = next((o.head.title for o in reversed(self.opened.values()) if o.head.level < head.level), None)
        outer = [p for p in self.path if p[0] < head.level]
        if any(s.cells for s in segs) or _cut_paragraph(text, head):  # (二)…。(A牵头): a task,
            # in the section above the heading; or a paragraph cut by a page break, its clause below
            own = head.title if _titled_parts(segs) else _heading_task_section(self.section, above, head, self.opened)
            self.current = Block(head.numeral, own, numerals(outer), segs, heading=(head, list(self.path)))
        else:
            self.current = Block(head.numeral, self.section, numerals(self.path), segs, is_heading=True)
            self.opened[head.title] = _Opened(head, above, numerals(outer), "".join(s.text for s in segs))
            self.section, self.outer_path, self.path = head.title, self.path, enter_heading(self.path, head)
        self.blocks.append(self.current)
        self.loose = []

    def _paragraph(self, text: str, line: Line) -> None:
        """A line neither numbered nor a heading: the open task's paragraph going on, the clause
        that closes its sentence, the heading's clause, tasks of its own, or a loose line."""
        segs = split_segments(text, item=False, minutes=self.minutes)
        current = self.current
        if _title_over_run_tasks(current, self.titled, segs):  # 1.<title>。 / <task>(A牵头)<task>(B牵头)…
            self._title_as_heading()
            self._unnumbered_tasks(segs, text)
        elif _clause_opens_line(current, segs):  # …85%。 / (市水利局牵头)…: the clause closes that sentence
            tail = current.segments[-1].tail
            current.segments[-1].text = current.segments[-1].text[: -len(tail)]
            current.segments[-1].tail = ""
            segs[0].text = tail
            if current in self.run_together:  # the wrapped sentence and those after it are tasks of their own
                self._unnumbered_tasks(segs, text)
            else:
                current.segments.extend(segs)
        elif _goes_on_open_task(current, text) and not current.segments:  # `1、` alone on its line, its text on the next
            current.segments.extend(segs)
        elif _goes_on_heading_task(current, segs, text):  # (一)…(A牵头) / its paragraph
            current.segments[-1].text += segs[0].text
        elif _goes_on_open_task(current, text):  # the paragraph goes on over several lines (PDFs, Word exports)
            current.segments[-1].text += segs[0].text
            current.segments[-1].cells.extend(segs[0].cells)
            current.segments.extend(segs[1:])
        elif current is not None and current is self.titled and any(s.cells for s in segs):
            current.segments.extend(segs)  # (4)<title>。 / <paragraph>(A负责) / <paragraph>(B负责): 4.1, 4.2
        elif _assigns_the_heading(current, segs, text):  # 一、… / 由A承办,B协办。<aims>: the heading's task
            current.segments[-1].cells.extend(segs[0].cells)
            current.segments.append(Segment(_paragraph_after(current.segments[-1].text, segs[0].text)))
            self._heading_is_task()
        elif self._gathers(current, segs, text):  # 一、<item> / 会议要求,…A、B需落实好…责任,… / 会议原则同意…,由C牵头…
            words = "".join(s.text for s in segs)
            current.segments[-1].text += _paragraph_after(current.segments[-1].text, words)
            current.segments[-1].cells.extend(cell for s in segs for cell in s.cells)
            if current.is_heading:
                self._heading_is_task()
                self.gathering = current
        elif any(s.cells for s in segs):
            self._unnumbered_tasks(segs, text)
        else:
            self._loose_line(line)

    def _gathers(self, current: Block | None, segs: list[Segment], text: str) -> bool:
        """Does a paragraph go on the heading above it as that heading's task? Where its clauses are all units
        given a part of the work inside its sentences (clauses.subject_clauses: minutes under an agenda item),
        the heading is the task: that paragraph and the later ones below it, up to the next heading or item,
        its text and their clauses its own (one task, as the item is one decision)."""
        if not self.minutes or current is None or not current.segments or not any(s.cells for s in segs):
            return False
        if current is self.gathering:
            return True
        subjects = {clause for _, _, clause in subject_clauses(text)}
        return current.is_heading and all(c in subjects for s in segs for c, _ in s.cells)

    def _unnumbered_tasks(self, segs: list[Segment], text: str) -> None:
        """An unnumbered paragraph: each clause closes a task of its own (they take ordinals, or the
        numerals of 一是…;二是…), except under an item's title (see `titled`)."""
        found = [Block(number, self.section, numerals(self.path), [seg]) for number, seg in enumerated(segs, text)]
        if not found:
            return
        self.heading_clause = None
        if sum(1 for seg in segs if seg.cells) > 1:
            self.run_together.extend(found)
        self.blocks.extend(found)
        self.current = self.blocks[-1]
        self.loose = []

    def _title_as_heading(self) -> None:
        """The numbered item whose line is a title alone heads the tasks run together below it: a
        sub-heading (its line as printed the section), no task; they take their ordinals."""
        title = self.titled
        self.blocks.remove(title)
        self.section = f"{title.number}.{title.segments[0].text}"
        self.current = self.titled = None

    def _loose_line(self, line: Line) -> None:
        """A line of no task yet: a sub-heading, or the text of a task whose unit line follows."""
        self.current, self.heading_clause = None, None
        if line.field_value:  # 具体任务 / its text: what stood before is none of it
            self.loose = []
        self.loose.append(line)

    def _heading_is_task(self) -> None:
        """The open heading turned out to be a task (its units followed): a task in the section above."""
        _heading_as_task(self.current, self.section, self.outer_path, self.opened)
        self._leave_heading()

    def _leave_heading(self) -> None:
        """The open heading is no section after all: the tasks after it sit where it sits."""
        self.section, self.path = self.current.section, self.outer_path


def _goes_on_open_task(current: Block | None, text: str) -> bool:
    """Is there an open task whose text has no clause yet, so a plain line goes on with it?"""
    return current is not None and not current.is_heading and not current.has_clause() and not ANNEX.match(text)


def _items_before_first_task(blocks: list[Block]) -> None:
    """A page that opens inside a task: sub-items `(2)…(6)`, each with its own units and under no
    heading, standing before the first numbered task shown (`16.`, past the first) belong to the task
    before it, whose number the page lost: `15.2` … `15.6`, as tasks of a page that opens inside a
    section take the numeral before the first heading shown."""
    first = next((i for i, b in enumerate(blocks) if not b.paren_numbered), len(blocks))
    task = blocks[first].number if 0 < first < len(blocks) else None
    if not (task and task.isdigit() and int(task) >= 2):
        return
    lost = str(int(task) - 1)
    items = blocks[:first]
    if any(b.section is not None or not b.number.isdigit() for b in items) or any(b.number == lost for b in blocks):
        return
    for b in items:
        b.number = f"{lost}.{b.number}"


class _Opened(NamedTuple):
    head: Heading
    section: str | None  # the section the heading sits in
    path: tuple[str, ...]  # the numerals above it
    words: str = ""  # the heading's paragraph after its numeral: its title and any sentences after it


def _lone_paragraphs_take_the_heading(blocks: list[Block], opened: dict[str, _Opened]) -> list[Block]:
    """A heading over one unnumbered task and nothing else (`(一)开展环境整治` / a paragraph /
    `牵头单位:…`) is that task: the heading's numeral is its id, its words open the text, and
    the section is the one above the heading, as a duty list's heading with one duty. Only
    where no heading holds several unnumbered tasks (those take ordinals, the lone ones too)."""
    by_section: dict[str | None, list[Block]] = {}
    for b in blocks:
        by_section.setdefault(b.section, []).append(b)
    if any(len([b for b in group if b.number is None]) > 1 for group in by_section.values()):
        return blocks  # a heading over several unnumbered tasks: they all take ordinals
    for section, group in by_section.items():
        above = opened.get(section or "")
        if len(group) != 1 or group[0].number is not None or above is None or len(group[0].segments) != 1:
            continue
        block, seg = group[0], group[0].segments[0]
        words = above.words or section[section.find(above.head.numeral) + len(above.head.numeral) + 1:]
        joiner = "" if not seg.text or ends_sentence(words) else "。"
        seg.text = words + joiner + seg.text if not seg.text.startswith(words) else seg.text
        block.number, block.section, block.section_path = above.head.numeral, above.section, above.path
    _lone_before_first_heading(by_section.get(None, []), opened)
    return blocks


def _lone_before_first_heading(group: list[Block], opened: dict[str, _Opened]) -> None:
    """A page that opens inside a section: one unnumbered task before the first heading shown
    (`(二)…`), alone there as a heading's lone task is, takes the numeral before that heading's
    (`一`), its section null (the heading is not shown)."""
    first = next(iter(opened.values()), None)
    if len(group) != 1 or group[0].number is not None or first is None or cn_to_int(first.head.numeral) < 2:
        return
    group[0].number, group[0].section_path = int_to_cn(cn_to_int(first.head.numeral) - 1), first.path



_ENUMERATOR = re.compile(r"(?:^|[:;,。])([一二三四五六七八九十]{1,3})是")


def enumerated(segs: list[Segment], paragraph: str) -> list[tuple[str | None, Segment]]:
    """`…分别为:一是<task>(责任单位:A);二是<task>(责任单位:B)`: each task's number is its
    enumerator's numeral and its text what follows 是; where any task lacks one, none has. A
    paragraph opened by its enumerator (`二是织密排查网。镇应急办牵头,…`) holding one task: its numeral.
    The last-resort reader (fallback.py) numbers its sentences so too."""
    found = [_ENUMERATOR.search(seg.text) if seg.cells else None for seg in segs]
    if not all(m for m, seg in zip(found, segs) if seg.cells):
        opening = _ENUMERATOR.match(paragraph)
        tasks = sum(1 for seg in segs if seg.cells)
        return [(opening.group(1) if opening and tasks == 1 and seg.cells else None, seg) for seg in segs]
    for m, seg in zip(found, segs):
        if m:
            seg.text = seg.text[m.end():]
    return [(m.group(1) if m else None, seg) for m, seg in zip(found, segs)]



_MEASURE_LABEL = re.compile(rf"^(?:{'|'.join(map(re.escape, GRAMMAR.layout['measure_labels']))})[:]")


def _measures_give_units(current: Block | None, text: str) -> bool:
    """A line `整改要求:由A负责清除…` under a numbered problem: its units are the problem's, its
    words none of its text. False (the line read as any other) where it names no unit."""
    label = _MEASURE_LABEL.match(text)
    if current is None or current.is_heading or not label:
        return False
    cells = [cell for seg in split_segments(text[label.end():]) for cell in seg.cells]
    if not cells:
        return False
    if not current.segments:
        current.segments.append(Segment(""))
    current.segments[-1].cells.extend(cells)
    return True


_LOST_BRACKET = re.compile(r"^\(([一二三四五六七八九十]{1,3})(?=[^)一二三四五六七八九十])")


def _bracket_mended(text: str, blocks: list[Block]) -> str:
    """`(二明确村庄建设标准。…` (a copy that lost the bracket's close): `(二)明确…` where 二 is the
    next numeral after the last `(一)` read."""
    m = _LOST_BRACKET.match(text) if text.startswith("(") else None
    if not m:
        return text
    last = next((b.number for b in reversed(blocks) if b.number and not b.number[:1].isdigit()), None)
    if last is None or cn_to_int(m.group(1)) != cn_to_int(last) + 1:
        return text
    return f"({m.group(1)}){text[m.end():]}"


def _cut_paragraph(text: str, head: Heading) -> bool:
    """`(一)实现…全覆盖。以…指导地方科` (a PDF's page break, or a line wrapped at a fixed width): a
    numbered paragraph, not a heading, cut before its sentence ends; the lines after it go on with
    it. A title closed by 。 with more after it is a paragraph however short the line."""
    if ends_sentence(text):
        return False
    return (head.level == 2 and len(text) > len(head.title) + 20) or "。" in text.rstrip("。")


def _goes_on_heading_task(current: Block | None, segs: list[Segment], text: str) -> bool:
    """A paragraph with no clause right under a heading of a title's length whose clause stands
    on the heading line (`(一)办好民生实事。(A牵头,B负责)` / `围绕…。`): the heading task's text
    goes on."""
    if current is None or current.heading is None or len(current.segments) != 1 or len(segs) != 1:
        return False
    if not current.segments[0].cells:  # a paragraph cut by a page break goes on as any other
        return False
    bracketed = current.segments[0].cells[0][0][:1] in _OPENERS
    return (bracketed and _is_subheading(current.segments[0].text.rstrip("。")) and not segs[0].cells and ends_sentence(text) and not text.endswith(":") and not _is_subheading(text)
            and not ANNEX.match(text))


def _assigns_the_heading(current: Block | None, segs: list[Segment], text: str) -> bool:
    """A paragraph right under a heading that opens with a sentence giving work to units and nothing
    else (`一、治理…` / `由A承办,B、C协办。工作目标:…`): that sentence is the heading's clause, as a
    clause on a line of its own would be, and the heading a task."""
    if current is None or not current.is_heading or current.has_clause() or not current.segments:
        return False
    if len(segs) != 1 or len(segs[0].cells) != 1:
        return False
    return text.startswith(segs[0].cells[0][0] + "。")


def _paragraph_after(words: str, paragraph: str) -> str:
    """The words of a paragraph that go on a heading's own (its title has no 。 of its own)."""
    return paragraph if not paragraph or ends_sentence(words) else "。" + paragraph


def _title_over_run_tasks(current: Block | None, titled: Block | None, segs: list[Segment]) -> bool:
    """An Arabic-numbered item whose own line is a title naming the responsible units of what follows
    (`1.主要指标的责任部门。`), right under which a paragraph runs several tasks together, each closed
    by a clause of its own: the item is their heading, not one task with several clauses (1.1, 1.2)."""
    return (current is not None and current is titled and current.number.isdigit() and len(current.segments) == 1
            and not current.segments[0].cells and current.segments[0].text.rstrip("。").endswith(_HEADS_TASKS)
            and sum(1 for seg in segs if seg.cells) >= _RUN_TASKS_MIN)


def _clause_opens_line(current: Block | None, segs: list[Segment]) -> bool:
    """A line that opens with a clause, after a paragraph whose last sentence has none."""
    return (current is not None and not current.is_heading and current.has_clause() and bool(segs)
            and not segs[0].text and bool(segs[0].cells) and bool(current.segments[-1].tail))


def _without_preamble(blocks: list[Block]) -> list[Block]:
    """Where a plan numbers its tasks, a sentence with a clause before the first of them and
    under no heading is its preamble (此项工作由县卫生健康局牵头。), no task."""
    first = next((i for i, b in enumerate(blocks) if b.number is not None), 0)
    if first == 1 and _opens_inside_list(blocks[first].number):
        return blocks  # the page opens inside an item: …防护能力。(A负责) before (四) is (三)'s end
    return [b for i, b in enumerate(blocks) if i >= first or b.section is not None]


def _opens_inside_list(number: str | None) -> bool:
    """Is the first numbered task past the first (四, 3): the page opened inside the list?"""
    if not number or "." in number:
        return False
    return (int(number) if number.isdigit() else cn_to_int(number)) >= 2


def _heading_as_task(current: Block, title: str | None, outer_path: list[tuple[int, str]],
                     opened: dict[str, _Opened]) -> None:
    """A heading its units follow (`一、…工程` / `任务分工:A总牵头`) is a task in the section above it,
    and a section still for numbered tasks under it (`1.…`)."""
    current.is_heading = False
    head = heading_of(title or "")
    if head is None or title not in opened:
        return
    above = opened[title]
    current.heading = (head, list(outer_path))
    current.section, current.section_path = above.section, above.path
    del opened[title]


def _titled_parts(segs: list[Segment]) -> bool:
    """`(二)明确分工,落实责任。市水利局负责…;市发改委负责…`: a heading's title over parts that each
    open with their units: the title is their section, as a department-duty heading is."""
    return not segs[0].cells and sum(1 for seg in segs if seg.cells) >= 2


def _heading_task_section(section: str | None, above: str | None, head: Heading,
                          opened: dict[str, _Opened]) -> str | None:
    """The section of a heading read as a task: the heading above it, never a heading of its
    own level or deeper that came before it."""
    if above is not None or section not in opened:
        return above if above is not None else section
    return None if opened[section].head.level >= head.level else section



def _title_only_heading(block: Block) -> bool:
    """`一、着力推动…` alone on its line (one segment, no clause, no closing 。): a part's title, so the
    `(1)…` items under it are tasks numbered as printed, not entries of the heading (`一.1`)."""
    if not block.is_heading or len(block.segments) != 1:
        return False
    only = block.segments[0]
    return not only.cells and not only.text.rstrip().endswith("。")

def _heads_what_follows(current: Block | None, blocks: list[Block]) -> bool:
    """Is the last block a heading read as a task (`一、…(省环保厅总牵头)`), now followed by
    numbered tasks or deeper headings, so a section after all?"""
    return current is not None and current.heading is not None and bool(blocks) and current is blocks[-1]


def _as_section(current: Block, opened: dict[str, _Opened]) -> tuple[str, list[tuple[int, str]]]:
    """A heading read as a task (`(二)实施开发式扶贫。(A牵头)`) that numbered tasks follow: it
    stays a task (its clause's units are the heading's), and opens a section too, named by its
    words without the clause, for the tasks under it."""
    head, above = current.heading
    current.heading, current.opens_section = None, True
    words = "".join(seg.text for seg in current.segments if seg.cells) or "".join(seg.text for seg in current.segments)
    title = head.title[: head.title.find(head.numeral) + len(head.numeral) + 1] + words
    opened[title] = _Opened(head, current.section, current.section_path)
    return title, enter_heading(above, head)


_ITEM_TITLE_MAX = GRAMMAR.layout["item_title_max"]
_ITEM_TITLE_BARE_MAX = GRAMMAR.layout["item_title_bare_max"]
_RUN_TASKS_MIN = GRAMMAR.layout["run_tasks_under_title_min"]
_HEADS_TASKS = tuple(GRAMMAR.layout["title_heads_tasks_endings"])


def _is_item_title(words: str) -> bool:
    """A numbered item's own line that is its title alone (`核定…,明确…意见。`: one sentence, no
    clause; or a short phrase with no mark, `约束性指标的责任部门`): its text and clauses come in the paragraphs below, each clause an entry of the item."""
    bare = len(words) <= _ITEM_TITLE_BARE_MAX and not re.search(r"[。;,:!?()]", words)  # 1. 约束性指标的责任部门
    return bare or (len(words) <= _ITEM_TITLE_MAX and words.endswith("。") and not re.search(r"[。;!?]", words[:-1])
                    and not any(s.cells for s in split_segments(words)))


def _is_subheading(text: str) -> bool:
    """A short line with no sentence in it, standing alone before a numbered task."""
    return 2 <= len(text) <= 20 and not re.search(r"[。;,:!?]", text) and not ANNEX.match(text)
