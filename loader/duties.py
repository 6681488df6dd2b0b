"""Department-duty lists (部门职责分工): a department as heading, its duties below.

    (二)公安部门                    (三)工商部门:1、… 2、…           教育、科技等部门:<duty>
    1、…duty…
    2、…duty…

Each duty is a task for which the heading's units, as printed, are `responsible`; a
duty's id is `<heading numeral>.<duty number>` (the engine's restart rule), or the
heading's ordinal where the duty has no number. Duties before the first heading belong
to a department not in the text: they are left out, with a warning. Two more shapes:

    (二)公安部门要做好告知…           区公安分局                (a 职责边界 table: the unit's
    公安机关要制定具体的实施方案…      维护考点周边安全…          cell, then its duties' cell)

a department as the subject of its own duty (id: its numeral, else its ordinal), and a
unit on a line of its own followed by its duties.
"""
from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, replace
from itertools import takewhile

from .blocks import (ARABIC_ALONE, ARTICLE, CN_DIGITS, Block, Heading, Segment, cn_to_int, enter_heading, heading_of,
                     numbering_pattern, numerals)
from .clauses import charged_convening, convened_opening, county_division, function_list, is_unit_list, looks_like_unit, split_top, split_units
from .enumtitles import enumerator_title, lone_titled_duties, under_title
from .grammar import GRAMMAR, alternation
from .members import group_head, group_members
from .runsubjects import run_subject
from .meta import FIELD_LABEL, box_line
from .text import Line

_DUTY = re.compile(r"^(\d{1,3})[、.,](?!\d)(.*)$")  # 1, where a page prints every 、 as a comma
_PAREN_DUTY = re.compile(r"^\((\d{1,2})\)(.*)$")  # (1)负责… under a department on a line of its own
_INLINE_DUTY = re.compile(r"(?:^|(?<=[。;]))(\d{1,3})[、.,](?!\d)")
_DEPARTMENT_ENDINGS = tuple(GRAMMAR.units["duty_heading_endings"])
_CONVENES = tuple(GRAMMAR.units["convenes"])


_COUNT = GRAMMAR.units["heading_count"]
_ROLE_HEADING = re.compile(rf"^(.+?)({GRAMMAR.keywords})"
                           rf"的?(?:重点)?(?:工作|任务|事项)(?:{_COUNT})?$")
_COUNTED = re.compile(rf"^(.+?){_COUNT}$")


_NOT_A_SUBJECT = re.compile(rf"^(?:{GRAMMAR.keywords}|组织|办理|承担|做好|协调)")
_DUTY_SUFFIXES = tuple(sorted(GRAMMAR.units["duty_heading_suffixes"], key=len, reverse=True))
_GENERIC = tuple(GRAMMAR.units["generic_subjects"])
_OWN_VERBS = "|".join(map(re.escape, sorted(GRAMMAR.units["own_duty_verbs"], key=len, reverse=True)))
_VERBS = "|".join(map(re.escape, sorted(GRAMMAR.units["duty_verbs"] + GRAMMAR.units["own_duty_verbs"],
                                        key=len, reverse=True)))
_FOLLOWING = GRAMMAR.units["duty_following"]  # 按市里统一部署, between a department and its verb
_SUBJECT_LONGEST = GRAMMAR.units["subject_longest"]
_SUBJECT = re.compile(rf"^(.{{2,{_SUBJECT_LONGEST}}}?)(?=(?:{_FOLLOWING})?(?:{_VERBS}))")
_INTRODUCED_VERBS = "|".join(map(re.escape, sorted(GRAMMAR.units["duty_verbs"] + GRAMMAR.units["introduced_duty_verbs"],
                                                key=len, reverse=True)))
_INTRODUCED_SUBJECT = re.compile(rf"^(.{{2,{_SUBJECT_LONGEST}}}?)(?=(?:{_INTRODUCED_VERBS}))")  # 省经委协调… under 部门主要职责:
_DECIMAL = re.compile(r"^(\d{1,2}(?:\.\d{1,2})+)(?![\d.%])(.*)$")  # 3.2 成员单位职责: an emergency plan's part
_SUBJECT_MAX = GRAMMAR.units["subject_max"]  # a longer subject only as a list of units (各村、…等镇属相关单位要…)
_DUTY_TEXT_MIN = GRAMMAR.units["duty_text_min"]  # a duty after its subject's verb, no verb's phrase alone
_IN_TURN_MIN = GRAMMAR.units["in_turn_min"]  # departments read in turn: parts or lines


_COVERS = tuple(GRAMMAR.units["duty_heading_covers"])
_TOPIC_MAX = 8  # 乡村振兴, 安全生产: the topic between a body and 责任主要包括


def _without_cover_words(title: str) -> str:
    """`各级党委和政府乡村振兴责任主要包括` → `各级党委和政府`: the body, without what its
    responsibility covers and the topic before it; the title as it is where no body is left."""
    cover = next((w for w in _COVERS if title.endswith(w)), None)
    if cover is None:
        return title
    body = title[: -len(cover)]
    for k in range(min(_TOPIC_MAX, len(body) - 2) + 1):
        name = body[: len(body) - k]
        ending = GRAMMAR.unit_suffix_re.search(name)
        if ending and len(ending.group()) >= 2 and is_unit_list(name):  # not 乡 of 乡村振兴
            return name
    return title


_TAKING = re.compile("(?:%s)(?:%s)(?:%s)$" % tuple(
    "|".join(map(re.escape, words)) for words in (GRAMMAR.units["duty_heading_taking_verbs"],
                                                  GRAMMAR.units["duty_heading_taking_pointers"], _DUTY_SUFFIXES)))


def _without_duty_suffix(title: str) -> str:
    """`民政部门职责` → `民政部门`, `财政部门履行以下职责` → `财政部门`: a heading without the
    words saying duties follow (the longest), so the department's name alone is left."""
    taking = _TAKING.search(title)
    if taking and taking.start() >= 2:
        return title[: taking.start()]
    suffix = next((w for w in _DUTY_SUFFIXES if title.endswith(w) and len(title) > len(w) + 1), "")
    return title[: len(title) - len(suffix)]


def department_of(title: str) -> tuple[str, str] | None:
    """(units, role) when a heading names departments: `公安部门` (responsible), `教育、科技等部门`,
    `民政部门职责`, `县示范区管委会牵头工作(8项)` (lead); None for an ordinary heading."""
    title = _without_cover_words(title.rstrip(":。"))
    title = _without_duty_suffix(title)
    m = _ROLE_HEADING.match(title)
    if m and is_unit_list(m.group(1)):
        return m.group(1), GRAMMAR.keyword_role[m.group(2)]
    if not title or len(title) > 60 or re.search(r"[。;]", title) or title in _NOT_DEPARTMENTS:
        return None
    if "," in title and not is_unit_list(title):
        return None  # 农业服务中心,水利站: units parted by the comma printed for 、; else a sentence
    if GRAMMAR.not_in_names_re.search(title):
        return None  # 对口联系的市级部门: a phrase about departments, not one's name
    if title.endswith(_DEPARTMENT_ENDINGS) or is_unit_list(title):
        return title, "responsible"
    return None


_NOT_DEPARTMENTS = frozenset(GRAMMAR.units["not_departments"])
_LEVEL_COLLECTIVE = re.compile("^[%s][%s](?:%s)?(?:%s)$" % (
    "".join(GRAMMAR.units["level_words"]), "".join(GRAMMAR.units["level_qualifiers"]),
    "|".join(GRAMMAR.units["collective_openers"]), "|".join(_DEPARTMENT_ENDINGS)))
_NAME_LIKE = re.compile(r"^[^,,。;、:]{2,12}$")  # (二)镇(街道): a heading naming bodies, not a sentence
_NUMERAL = rf"(?:\(([{CN_DIGITS}]+|\d{{1,3}})\)|([{CN_DIGITS}]+|\d{{1,3}})[、.,]|第([{CN_DIGITS}]+)[条條])"
_HEADING = re.compile(rf"^{_NUMERAL}?(.*)$")
_NUMBERED = re.compile(_NUMERAL)  # a cheap test first: a line that opens with no numeral heads no duties


_LEAD_WORD = re.compile(GRAMMAR.keywords)  # a cheap test before the heading's grammar


def lead_heading(text: str) -> bool:
    """A numbered heading that gives its tasks a lead: `(一)省统计局牵头的工作`."""
    opened = _heading(text) if len(text) <= 40 and _NUMBERED.match(text) and _LEAD_WORD.search(text) else None
    return bool(opened and opened[0] and opened[2][1] == "lead")


def department_heading(text: str) -> bool:
    """A numbered heading that names a department over its tasks: `(九)县公安局主要工作任务:`."""
    opened = _heading(text) if len(text) <= 40 and text.endswith(_HEADING_CLOSES) and _NUMBERED.match(text) else None
    return bool(opened and opened[0] and not opened[3])


_HEADING_CLOSES = (":", "。") + tuple(GRAMMAR.units["duty_heading_suffixes"])
_COVERING_OPENERS = tuple(GRAMMAR.units["notice_covering_openers"])


def _heading(text: str) -> tuple[str | None, str, tuple[str, str], str] | None:
    """(numeral, section as printed, units, text after a colon) when a line opens a
    department's duties; an unnumbered heading counts only with its duty after a colon."""
    m = _HEADING.match(text)
    numeral, body = m.group(1) or m.group(2) or m.group(3), m.group(4)
    if numeral and (headed := group_head(body)):  # (一)矿山检查组。由X1名县级领导带队,…: X leads the group's work
        return numeral, text, (headed[1], "lead"), body
    name, colon, rest = body.partition(":")
    if colon and numeral and "。" in name:  # (一)综合协调组。负责…。(组长:NAME): the colon is the duty's
        name, colon, rest = body, "", ""
    if not colon and numeral:  # (一)辦公室。負責… / 6、区质量技监局。负责…
        name, rest = _period_heading(body)
    # 1.农业部门。 alone on its line: its 。 closes a heading over the (1)… below
    closed = not colon and not rest and name.endswith("。") and is_unit_list(name[:-1])
    counted = _COUNTED.match(name) if numeral is None and not rest else None
    if counted and is_unit_list(counted.group(1)):
        return None, text, (counted.group(1), "responsible"), ""  # 区委办公室(8项): heads the items below
    units = department_of(name[:-1] if closed else name)
    if units is None and rest and not colon and _group_name(name):
        units = (name, "responsible")  # (一)综合协调组。负责…: a working group closed by 。, its duty after it
    if colon and _group_name(name) and (members := group_members(rest)):
        units = (members, "responsible")  # (四)交通组:由A、B等部门组成,负责…: its members hold its duty
    if units is None or ((numeral is None or (numeral.isdigit() and not m.group(1) and not closed)) and not rest):
        return None  # an unnumbered or 1.-numbered line heads nothing: only `X部门:<duty>` counts; (1)市林业局。 does
    if numeral is None and rest.startswith(_COVERING_OPENERS):
        return None  # 各乡镇党委,政府,…:现将…印发给你们: a notice's addressees, not a department and its duty
    return numeral, text[: len(text) - len(body)] + name, units, rest


def _period_heading(body: str) -> tuple[str, str]:
    """`辦公室(綜合執法科)。負責…`: a division's name closed by 。, its duties after it on the line."""
    name, period, rest = body.partition("。")
    if period and rest.startswith(_DUTY_OPENERS) and len(name) <= 30 and (is_unit_list(name) or _group_name(name)):
        return name, _OFFICIALS_CLOSING.sub("", rest)
    return body, ""


def group_duty_heading(text: str) -> bool:
    """`(一)综合协调组。负责…`: a working group's numbered heading closed by 。 with its duty after it;
    also `(四)交通组:由A、B组成,负责…`, its members named before its duty."""
    m = _HEADING.match(text)
    if not (m.group(1) or m.group(2)):
        return False
    name, period, rest = m.group(4).partition("。")
    if period and _group_name(name) and rest.startswith(_DUTY_OPENERS):
        return True
    name, colon, rest = m.group(4).partition(":")
    return bool(colon) and _group_name(name) and group_members(rest) is not None


# `…。(组长:NAME,成员:…)` closing a group's duties: its officials, no text
_OFFICIALS_CLOSING = re.compile(r"\((?:%s):[^()]*\)。?$" % "|".join(map(re.escape, GRAMMAR.units["group_posts"] + ["成员"])))


def _group_name(name: str) -> bool:
    """`综合协调组`, `物资保障组`: a working group's name (grammar `group_endings`), no sentence."""
    return 3 <= len(name) <= 12 and name.endswith(_GROUP_ENDINGS) and not re.search(r"[。;,:、()]", name)


def subject_duty(text: str) -> tuple[str | None, str, str] | None:
    """(numeral, department, duty) for `(二)公安部门要…` or `公安机关在执行公务时…`: a
    department names itself as the subject of its duty; also after the item's short title
    (`(九)民爆器材管理。县公安局要…`), which stays the duty's first words."""
    m = _HEADING.match(text)
    numeral, body = m.group(1) or m.group(2) or m.group(3), m.group(4)
    title, stop, after = body.partition("。")
    if numeral and stop and _item_title(title):
        found = _subject(numeral, after)
        if found:
            return numeral, found[1], f"{title}。{found[2]}"
    return _subject(numeral, body) or (_after_adverbial(numeral, body) if numeral else None)


def _opener_phrase(kind: str) -> str:
    """An opener, at most leading_adverbial_max characters and its own closer: a closer belongs to its kind
    of opener (后 / 时 close an event's 发生 phrase only)."""
    return r"(?:%s)[^,,。;:]{1,%d}?(?:%s)" % (
        alternation(GRAMMAR.units[f"leading_{kind}_openers"]), GRAMMAR.units["leading_adverbial_max"],
        alternation(GRAMMAR.units[f"leading_{kind}_closers"]))


_TIME_PHRASE = r"[^,,。;:]{1,%d}?(?:%s)" % (
    GRAMMAR.units["leading_time_max"], alternation(GRAMMAR.units["leading_time_closers"]))
_LEADING_ADVERBIAL = re.compile(r"^(?:%s|%s|%s)," % (_opener_phrase("adverbial"), _opener_phrase("event"), _TIME_PHRASE))


def _after_adverbial(numeral: str, body: str) -> tuple[str, str, str] | None:
    """(numeral, subject, duty) for `(二)按照属地管理的原则,各区政府负责…`: a phrase saying how or on what
    grounds opens the item before its subject; the subject is read after it, the phrase kept as the
    duty's first words."""
    m = _LEADING_ADVERBIAL.match(body)
    found = _subject(numeral, body[m.end():]) if m else None
    return (numeral, found[1], m.group() + found[2]) if found else None


def _item_title(words: str) -> bool:
    """`民爆器材管理`: a numbered item's short topic closed by 。 before its subject's sentence, no clause."""
    return 2 <= len(words) <= _TITLE_MAX and not re.search(r"[,;:、]", words)


_HAN = re.compile(r"[\u4e00-\u9fff]")
# `(十)全市各部门和相关单位要负责…`: a numbered item charging all of a kind with its own role word is their duty
# (or with what it is to get done: `(七)各县市区按市里统一部署,主要做好…`)
_CHARGED = re.compile(
    rf"(?:{_FOLLOWING})?(?:(?:{'|'.join(map(re.escape, sorted(GRAMMAR.units['charging_modals'], key=len, reverse=True)))})?负责"
    rf"(?!{'|'.join(re.escape(n[2:]) for n in GRAMMAR.units['assigning_person_nouns'] if n.startswith('负责'))})"
    rf"|{_OWN_VERBS})")
_TITLE_MAX = 12  # 民爆器材管理, 特种设备安全: an item's topic, not a sentence


def _only_generic(name: str) -> bool:
    """A subject naming units only by their part or as all of a kind (各责任单位, 有关部门), not a
    list that also names one (各村、镇动物防疫站等镇属相关单位)."""
    if not any(w in name for w in _GENERIC):
        return False
    return not (_listed_units(name) and any(looks_like_unit(u) and not any(w in u for w in _GENERIC)
                                     for u in split_units(name)))


_ROLE_PREDICATE = re.compile(GRAMMAR.units["duty_role_predicate"])
_WORKING_BODY_ENDINGS = tuple(GRAMMAR.units["duty_subject_endings"])


def _said_responsible(numeral: str | None, body: str) -> tuple[str | None, str, str] | None:
    """(numeral, subject, duty) for `乡镇是…工作的主体,具体开展…`: a subject said to be the work's
    responsible party is a unit by that saying, whatever its shape; its duty is what follows 是."""
    m = _ROLE_PREDICATE.match(body)
    rest = body[m.end(1) + 1:] if m else ""
    said = m and not _NOT_A_SUBJECT.match(m.group(1)) and len(rest) >= _DUTY_TEXT_MIN
    return (numeral, m.group(1), rest) if said else None


# the work a unit holds (…的) then the role label it is named the holder of: `牵头责任单位`
_WORK_AND_LABEL = r"(?:[^,,。;:]{1,%d}的)?(%s)" % (GRAMMAR.units["holder_work_max"], GRAMMAR.labels)
_HELD_LABEL = re.compile(r"(?:%s)%s(?=[,,])"
                         % ("|".join(map(re.escape, GRAMMAR.units["holder_verbs"])), _WORK_AND_LABEL))
_HOLDER_SUBJECT = re.compile(r"^([^,,。;:]{2,%d}?)(?=%s)" % (_SUBJECT_MAX, _HELD_LABEL.pattern))


def _label_holder(numeral: str | None, body: str) -> tuple[str | None, str, str] | None:
    """(numeral, subject, duty) for `市甲局作为牵头责任单位,负责…`: a unit naming itself the holder of a
    role label opens its own entry as a subject with its verb does; its duty keeps the saying
    (`作为牵头责任单位,负责…`), which gives it the label's role."""
    m = _HOLDER_SUBJECT.match(body)
    return (numeral, m.group(1), body[m.end(1):]) if m and is_unit_list(m.group(1)) else None


def _before_copula(name: str) -> str:
    """`区农业局是业务主管部门` → `区农业局`: a subject ends at 是 where a unit stands before it and a
    kind of unit after it (no clause: `X是…的重要活动,各部门…` is a sentence); what follows 是 says
    what the unit is, no part of its name."""
    unit, copula, kind = name.partition("是")
    said = copula and kind.endswith(_DEPARTMENT_ENDINGS) and not re.search(r"[,,。;:]", kind)
    return unit if said and looks_like_unit(unit) else name


_REPORT_OPENER = re.compile("^(?:%s|%s)(?:%s)[,:]" % (
    "|".join(map(re.escape, GRAMMAR.units["report_sources"])), GRAMMAR.units["report_speaker"],
    "|".join(map(re.escape, GRAMMAR.units["report_verbs"]))))


def _subject(numeral: str | None, body: str, subject_re: re.Pattern | None = None,
             collective: bool = False) -> tuple[str | None, str, str] | None:
    """(numeral, subject, duty) where the body opens with its units and their verb; a collective
    (各有关部门要…) only where `collective` says the sentence is read as an entry in turn."""
    if said := _said_responsible(numeral, body) or _label_holder(numeral, body):
        return said
    if (led := _GROUP_LED.match(body)) and (found := _subject(numeral, body[led.end():], collective=collective)):
        return found  # 专家指导组由X负责牵头…: the group's name (its words perhaps verbs) and 由 before X, its doer
    for found, verb_at in [*_subject_ends(body, subject_re or _SUBJECT), *_function_subject(body)]:
        name = _before_copula(found.removesuffix(","))  # 交通部门,负责…: a comma between the department and its verb
        if _NOT_A_SUBJECT.match(name) or _DECIMAL_OPENING.match(name):
            return None  # 承办人大常委会…, 负责办理县政府…: the sentence opens with its verb; 1.1甲局: a decimal id's rest
        generic = _only_generic(name) and not (numeral and _CHARGED.match(body, verb_at)) \
            and not (collective and name.endswith(_DEPARTMENT_ENDINGS))  # 各有关部门应…, not 各县政府主(要)
        if re.search(r"[;。:]", name) or ("," in name and not _listed_units(name)) or generic \
                or GRAMMAR.not_in_names_re.search(name):
            return None  # 入汛前,区政府牵头… is a story, 各责任单位要… a notice's instruction, …区域的结合部要… a place
        if len(name) > _SUBJECT_MAX and not _listed_units(name):
            return None
        if name.endswith(_DEPARTMENT_ENDINGS + _WORKING_BODY_ENDINGS) or looks_like_unit(name.removesuffix("等")) \
                or _closed_list(name) or county_division(name):  # 甲区负责…: a district's government
            rest = body[verb_at:]
            return (numeral, name, rest) if len(rest) >= _DUTY_TEXT_MIN else None
    return None


_DECIMAL_OPENING = re.compile(r"^\d{1,2}\.\d")  # `1.1.1 X局` read from `1.`: the rest of a decimal id, no name


# a working group's name then 由 opening a sentence: `疫区封锁组由X负责牵头…` names X the group's leader
_GROUP_LED = re.compile(r"^[^,,。;:、由]{2,12}?(?:%s)由" % alternation(GRAMMAR.units["group_endings"]))


def _closed_list(name: str) -> bool:
    """`工会、共青团、妇联等人民团体`: units listed and closed by 等 and the collective they belong to
    (grammar units.collectives), which names their kind, whatever the last unit's ending."""
    return bool(GRAMMAR.collective_re.search(name)) and _listed_units(name)


def _listed_units(name: str) -> bool:
    """A subject naming several units, parted by 、 or by the comma a page prints for it (`各村,镇A,
    镇B等镇属相关单位要…`, `县房管局,城关镇X社区负责…`): every piece a unit, so no clause of a sentence."""
    return ("、" in name or "," in name) and is_unit_list(name)


def _subject_ends(body: str, subject_re: re.Pattern):
    """(name, where its verb begins) for each of `subject_re`'s matches; where the first name ends with
    `、`, a verb's first character having cut the list (`交通运输、公安交警、应急管理部门要…`: 应 is a
    modal), the list goes on to the next verb that follows no `、`. A verb may be a word of the unit's
    name (`区养老服务指导中心负责…`: 指导), so each later verb ends a longer name in turn."""
    for s in subject_re.finditer(body):
        if s.start() == 0 and s.group(1).endswith("、"):
            for v in _VERB_AT.finditer(body, s.end() + 1):
                if v.start() > _SUBJECT_LONGEST:
                    return
                if body[v.start() - 1] != "、":
                    yield body[:v.start()], v.start()
                    return
            return
        yield s.group(1), s.end()
        if subject_re is _SUBJECT:
            later = takewhile(lambda v: v.start() <= _SUBJECT_MAX, _VERB_AT.finditer(body, s.end() + 1))
            yield from ((body[:v.start()], v.start()) for v in later if _named_ending(body[:v.start()]))


_VERB_AT = re.compile(rf"(?=(?:{_VERBS}))")


def _named_ending(name: str) -> bool:
    """A name ending in a unit's word of two characters or more (`…指导中心`), as a longer subject past
    a verb must: a one-character ending (所, 局) after a verb's word closes a phrase as often."""
    ending = GRAMMAR.unit_suffix_re.search(name)
    return bool(ending and len(ending.group()) >= 2)


# a subject longer than _SUBJECT_LONGEST: departments named by their functions (`市发展改革、…、金融监管等部门,要…`),
# parted by the commas a page prints for 、 too (function_list tells a list from a sentence)
_FUNCTION_SUBJECT = re.compile(rf"^([^;。:]{{{_SUBJECT_LONGEST + 1},}}?部门,?)(?=(?:{_VERBS}))")


def _function_subject(body: str) -> list[tuple[str, int]]:
    """(name, where its verb begins) for a list of departments named by their functions, however long
    (the contract's `市科技、财政、统计…等部门`): no sentence's subject runs that long otherwise."""
    m = _FUNCTION_SUBJECT.match(body)
    return [(m.group(1), m.end())] if m and function_list(m.group(1).removesuffix(",")) else []


def _duties_in_turn(text: str, above=None) -> list[Block]:
    """The duties of a paragraph of departments in turn, numbered by place under its heading (二.1):
    the paragraph's own, or the heading line right above it (`三、受理单位` / the paragraph)."""
    head = heading_of(text) or above
    return [Block(str(k) if head else None, head.title if head else None, (head.numeral,) if head else (),
                  [Segment(duty, _subject_cells(name, duty))], numbered_by_place=bool(head), under_heading=bool(head))
            for k, (name, duty) in enumerate(_subjects_in_turn(text), 1)]


def _subjects_in_turn(text: str) -> list[tuple[str, str]]:
    """(department, duty) for a paragraph whose parts, split at `;` and `。`, each open with a
    department and its verb (`市发改委负责…;市经贸委负责…;市规划局、市建设局负责…`): three at
    least; a comma may stand between a department and its verb where every part is a sentence
    of its own (`交通部门,负责…。教育部门,负责…。`). Parts naming no department (a heading's words,
    a closing remark) are left out."""
    if text.count(";") < _IN_TURN_MIN - 1 and text.count("。") < _IN_TURN_MIN:  # n parts: n - 1 `;` between
        return []
    parts = split_top(text, ";。")
    if sum(1 for part in parts if subject_in_turn(part)) < _IN_TURN_MIN:
        return []
    # one numbered item's sentences are its entries; not a page run onto one line, holding several items
    item = heading_of(text) is not None and not any(heading_of(part) for part in parts[1:])
    return [subject for part in map(_past_introduction, parts)
            if (subject := subject_in_turn(part, collective=item and not heading_of(part) and not _introduces_rest(part)))]


def _past_introduction(part: str) -> str:
    """`…並明確了各相關部門職責:安監局負責…`: a sentence naming the duties it introduces, then its colon,
    opens the first entry's part; the entry is what follows the colon."""
    head, colon, entry = part.rpartition(":")
    return entry if colon and entry and _introduces(head) else part


def _introduces_rest(part: str) -> bool:
    """`各有关部门要各司其职,具体分工如下:`: a part closed by a colon introduces the entries after it,
    no entry of its own (nor does the item's title, `(二)各部门协同推进…`, the part with its numeral)."""
    return part.rstrip("。;").endswith(":")


def subject_in_turn(part: str, collective: bool = False) -> tuple[str, str] | None:
    """(department, duty) for a part of a sentence that opens with its department and its verb
    (`市发改委负责…`, `交通部门,负责…`); None for any other part. Among parts read in turn, each its
    own entry, a collective subject (`各有关部门应加强…`) opens one too (`collective`): the paragraph
    is a list of entries, not an exhortation over duties given below it. A report's opener (`通知指出,`)
    stands before the part's subject, no part of it."""
    part = _REPORT_OPENER.sub("", part, count=1)
    subject = _subject(None, part, collective=collective) \
        or _subject(None, _COMMA_BEFORE_VERB.sub(r"\1", part, count=1), collective=collective)
    return (subject[1], subject[2]) if subject and is_unit_list(subject[1]) else None


_COMMA_BEFORE_VERB = re.compile(rf"^([^,;。]{{2,16}}),(?=(?:{_VERBS}))")


def _named_then_duties(text: str) -> list[tuple[str, str]]:
    """(units, duties) where a paragraph names departments each as a sentence of its own, its
    duties in the sentences after it (`县生态环境分局。负责…。县住建局、城管局。负责…`): two at least."""
    sentences = [x for x in re.split(r"(?<=。)", text) if x]
    out: list[tuple[str, str]] = []
    for k, sentence in enumerate(sentences):
        name = sentence.rstrip("。").rsplit(":", 1)[-1]  # 各成员单位及其职责如下:县生态环境分局。
        if k + 1 < len(sentences) and sentences[k + 1].startswith(_DUTY_OPENERS) and is_unit_list(name):
            out.append((name, ""))
        elif out:
            out[-1] = (out[-1][0], out[-1][1] + sentence)
    return out if len(out) >= 2 else []


_DUTY_OPENERS = tuple(GRAMMAR.units["duty_openers"])


def _unit_line(lines: list[Line], i: int, printed: str | None = None) -> bool:
    """A unit alone on its line, its duties on the next lines (a 职责边界 table's two cells; a
    责任清单's department, perhaps with a `部门职责` line between, or its officials' lines and a
    `主要职责:` line); never a law library's field (`【时效性】尚未施行`). `printed`: the line's
    words after its own number, where it has one."""
    if _field_row(lines, i):
        return False  # 发文机关: | 县审计局 |: a field's value, no unit heading duties
    text = _named_unit(lines[i].text if printed is None else printed)
    j = k = _past_field_box(lines, i + 1)
    if k > i + 1 and _headline(text):
        return False  # X局…组建Y科 / 来源:… 时间:…: a news item's title over its fields, no body's heading
    while j < len(lines) and _officials_line(lines[j].text):
        j += 1
    if j > k and not (j < len(lines) and (lines[j].text.removesuffix(":") in _DUTY_LABELS
                                              or lines[j].field_value)):  # the label read as the field's
        return False  # officials' lines then no duties' label: a group's members, not a body's duties
    j = j + 1 if j < len(lines) and lines[j].text.removesuffix(":") in _DUTY_LABELS else j
    return (j < len(lines) and len(text) <= 25 and not re.search(r"[。;,:\d【]", text) and looks_like_unit(text)
            and not heading_of(text) and text not in _NOT_DEPARTMENTS
            and not text.endswith(_SIGNERS) and not is_unit_list(lines[j].text) and _sentence_like(lines[j].text)
            and not _covering_paragraph(lines[j].text))


def _covering_paragraph(text: str) -> bool:
    """`为…,现将有关事项通知如下:` under `区辖相关单位:`: a notice's covering paragraph, so the line above
    it is the notice's addressee, no unit over its duties."""
    return any(part.startswith(_COVERING_OPENERS) for part in re.split(r"[。,;]", text))


_HEADING_TASK_VERB = re.compile(alternation(GRAMMAR.table["fallback"]["heading_task_verbs"]))


def _headline(name: str) -> bool:
    """`某区档案局优化政务环境组建行政服务科`: a body, what it did and the body it set up, a news title in a
    unit's shape; the body named first carries a unit's ending, so a body's own name holding a task's verb
    (`县文明城市创建办公室`) is none."""
    for verb in _HEADING_TASK_VERB.finditer(name):
        before, after = name[: verb.start()], name[verb.end():]
        if looks_like_unit(after) and any(GRAMMAR.unit_suffix_re.search(before[:j]) for j in range(3, len(before) + 1)):
            return True
    return False


_NUMBERED_UNIT = re.compile(r"^(\d{1,3})[.、](?!\d)(.+)$")


def _numbered_unit_line(lines: list[Line], i: int) -> tuple[str, str] | None:
    """(number, unit) for `1.中央组织部` alone on its line over its duty paragraph: a member list numbering
    its units as a table's 序号 cell does, the unit's duties on the next line."""
    m = _NUMBERED_UNIT.match(lines[i].text)
    return (m.group(1), _named_unit(m.group(2))) if m and _unit_line(lines, i, m.group(2)) else None


def _past_field_box(lines: list[Line], j: int) -> int:
    """The first line from j on past a web portal's field box (`索引号: | … | 成文日期: | … |`,
    `发布日期:…`), which a portal may print between a unit's heading and its duties."""
    while j < len(lines) and _field_row(lines, j):
        j += 1
    return j


def _field_row(lines: list[Line], j: int) -> bool:
    """A line of a portal's field box: its physical line's first cell opens with a page field's
    label and its colon (meta's labels: 索引号, 发文机关, 成文日期 …); every cell of that row is."""
    k = j
    while k > 0 and lines[k].cell and lines[k - 1].no == lines[j].no:
        k -= 1
    m = FIELD_LABEL.match(lines[k].text)
    return bool(m and m.group(2)) or box_line(lines, j)  # no colon: the box copied a cell a line


def _group_heading(lines: list[Line], i: int) -> tuple[str, str] | None:
    """(numeral, name) for a working group's heading (`(一)医疗救治组`) over its officials' lines
    (`组长:…,成员:…`) and a line giving its duty (`主要职责:…`): the group holds that duty."""
    head = heading_of(lines[i].text)
    name = _HEADING.match(lines[i].text).group(4) if head else ""
    if not name or len(name) > 16 or re.search(r"[。;,:、]", name) or not name.endswith(_GROUP_ENDINGS):
        return None
    j = i + 1
    while j < len(lines) and _officials_line(lines[j].text):
        j += 1
    return (head.numeral, name) if j > i + 1 and j < len(lines) and _said_duty(lines[j].text) else None


_GROUP_ENDINGS = tuple(GRAMMAR.units["group_endings"])


def _said_duty(text: str) -> str | None:
    """The duty after its label on one line (`主要职责:负责…`)."""
    label, colon, duty = text.partition(":")
    return duty if colon and label in _DUTY_LABELS and _sentence_like(duty) else None


_SIGNERS = tuple(GRAMMAR.units["signer_endings"])
_POSTS = re.compile("^(?:%s):" % "|".join(map(re.escape, sorted(GRAMMAR.units["group_posts"], key=len, reverse=True))))
_FURNITURE = re.compile("(?:%s):" % "|".join(map(re.escape, GRAMMAR.units["duty_furniture"])))


def _officials_line(text: str) -> bool:
    """`主任:XXX`, `成员:从市有关单位抽调。`: an official's post and who holds it, no duty; also an
    official's label (`牵头市领导:NAME`) and a list's continuation mark (`……`)."""
    return bool(_POSTS.match(text) or GRAMMAR.person_label_re.match(text)) or text.strip("…") == ""


def _said_duties(heading: str) -> bool:
    """A heading that says its department's duties follow (`创城办主要工作`, `X的主要职责`)."""
    return _without_duty_suffix(heading) != heading


def _named_unit(text: str) -> str:
    """A unit's line without the word that says its duties follow (`…园区发展局机构职能`,
    `市城管局主要职责:`)."""
    name = _without_duty_suffix(text.removesuffix(":"))
    return name if name != text and looks_like_unit(name) else text


_DUTY_LABELS = frozenset(GRAMMAR.units["duty_heading_suffixes"]) | {"部门职责"}


def _signature(text: str) -> bool:
    """The issuer signing off: a unit alone on its line, no sentence in it."""
    return len(text) <= 30 and not re.search(r"[,;。、:]", text) and looks_like_unit(text)


def _sentence_like(text: str) -> bool:
    """A duty, not a title: long, or with a sentence's punctuation."""
    return len(text) >= 20 or bool(re.search(r"[,;。、]", text))


def duty_blocks(lines: list[Line]) -> tuple[list[Block], list[str]]:
    blocks, warnings = department_blocks(lines)
    if blocks:
        return blocks, warnings
    return other_duty_blocks(lines), []


@dataclass
class _Owner:
    """A unit over the duties below it: on a line of its own (after its row's 序号) or named in a sentence."""
    name: str
    heading: str | None  # the unit's line as printed, the duties' section
    row: str | None  # its row's 序号, where one stands on the line above
    number: int  # its ordinal among the owners: the id of a duty numbered under it
    start: int  # where its duties begin among the blocks
    said: bool  # named in a sentence (由X负责执行。其主要职责包括:), not on a line of its own
    numbered: bool = False  # its number on its own line (1.中央组织部): its duty's id, the line its section


def other_duty_blocks(lines: list[Line]) -> list[Block]:
    """Duties with their department as subject, or under a unit on a line of its own."""
    blocks: list[Block] = []
    wrapping = False  # the last duty is a sentence not yet ended: the next line goes on with it
    owner: _Owner | None = None
    owners = 0  # how many owners so far
    title = None  # an enumerator's title line alone over the duty lines below it
    any_verb = _subject_page(lines)  # a page of subject-first duties: a unit opening a line, whatever its verb
    for i, line in enumerate(lines):
        if owner and _read_under_owner(owner, lines, i, blocks):
            continue
        owner = None
        if doer := doer_named(line.text):  # …由X负责执行。其主要职责包括: / its duties, one a line
            owners, wrapping = owners + 1, False
            owner = _Owner(doer, None, None, owners, len(blocks), True)
            continue
        read = _duties_without_owner(lines, i) or (_any_verb_duty(line.text) if any_verb and not wrapping else None)
        if read is not None:
            blocks.extend(under_title(read[0], title, line.text))
            wrapping = read[1]
        elif enumerator_title(line.text):  # 一是道路保洁不到位。 / 甲区负责的…; / …
            title, wrapping = line.text, False
        elif group := _group_heading(lines, i):
            owners, wrapping = owners + 1, False
            owner = _Owner(group[1], line.text, group[0], owners, len(blocks), False) if group[1] else None
        elif numbered := _numbered_unit_line(lines, i):  # 1.中央组织部 / its duties
            owners, wrapping = owners + 1, False
            owner = _Owner(numbered[1], line.text, numbered[0], owners, len(blocks), False, True)
        elif _unit_line(lines, i):
            owners, wrapping = owners + 1, False
            row = lines[i - 1].text.rstrip(".、|") if i and ARABIC_ALONE.match(lines[i - 1].text) else None
            name = _named_unit(line.text)
            owner = _Owner(name, line.text, row, owners, len(blocks), False) if name else None  # heading: as printed
        elif wrapping and not heading_of(line.text) and _HAN.search(line.text):  # not a site's stray `en`
            blocks[-1].segments[-1].text += line.text
            wrapping = not line.text.endswith("。")
    return lone_titled_duties(blocks)


def _read_under_owner(owner: _Owner, lines: list[Line], i: int, blocks: list[Block]) -> bool:
    """Line i under its owner: furniture passed over, or one of the owner's duties added. False where the
    line is no longer the owner's, so that it is read as any other line and the owner ends."""
    text = lines[i].text
    if text.removesuffix(":") in _DUTY_LABELS or _officials_line(text):
        return True  # 政府办 / 部门职责 / duties; 办公室 / 主任:XXX / 主要职责: / duties
    if owner.row and _numbered_unit_line(lines, i):
        return False  # 1.中央组织部 / duties / 2.中央宣传部: the next numbered unit, no duty of this one
    if len(blocks) == owner.start and _field_row(lines, i):
        return True  # 民政局 / 索引号: | … | 发文机关: | … / duties: a portal's field box under the heading
    said = _said_duty(text)
    if said:  # (一)医疗救治组 / 组长:…,成员:… / 主要职责:<its duty>
        blocks.append(Block(owner.row, owner.heading, (), [Segment(said, [(owner.name, "responsible")])]))
        return True
    if _DUTY.match(text) and _FURNITURE.search(text):
        return True  # 4.市创城办办公地点:XXX,电话:XXX。: the office's address, no duty
    if _remit_label(text, owner.name):
        del blocks[owner.start:]  # 国家粮食局的主要职责 / sentences about the agency / 国家粮食局的主要职责是: / duties
        return True
    numbered = _numbered_duty(text) if len(_INLINE_DUTY.findall(text)) < 2 else None
    numbered = numbered or _duty_run_on(text, blocks[owner.start:])
    if numbered:  # 市建设局 / (一)… (二)…: its ordinal on the page stands for the heading's numeral
        if not any(b.number for b in blocks[owner.start:]):
            del blocks[owner.start:]  # a remit line over the numbered duties (负责…的工作。) is none
        numeral, duty = numbered
        blocks.append(Block(numeral, owner.heading, (str(owner.number),), [Segment(duty, [(owner.name, "responsible")])]))
        return True
    if _sentence_like(text) and not heading_of(text) and not _unit_line(lines, i) \
            and not (owner.said and _names_own_department(text)):
        number, section = (owner.row, owner.heading) if owner.numbered else (None, None)
        duty = Block(number, section, (), [Segment(text, [(owner.name, "responsible")])])
        blocks.extend(_apart(duty, owner.row or str(len(blocks) + 1)))  # 1.负责… 2.负责… in one cell
        return True
    return False


def _duties_without_owner(lines: list[Line], i: int) -> tuple[list[Block], bool] | None:
    """Line i's duties where each names its own department (no unit over them), and whether the last
    sentence goes on past the line; None where the line holds no such duty."""
    text = lines[i].text
    named = _named_then_duties(text)
    if named:  # 县公安局。负责…。县文旅局。负责…: run together on one line
        return [Block(None, None, (), [Segment(duty, [(units, "responsible")])]) for units, duty in named], False
    in_turn = _duties_in_turn(text, heading_of(lines[i - 1].text) if i else None)
    if in_turn:  # (二)明确分工。市发改委负责…;市经贸委负责…;…: each department's part a duty
        return in_turn, False
    spaced = _spaced_subject(lines[i].raw)
    if spaced:  # 市质监局 综合协调…: the space for the colon
        return [Block(None, None, (), [Segment(spaced[1], _spaced_cells(*spaced))])], not spaced[1].endswith("。")
    subject = subject_duty(text)
    if subject:
        numeral, name, rest = subject
        return [Block(numeral, None, (), [Segment(rest, _numbered_subject_cells(numeral, name, rest))])], \
            not rest.endswith("。")
    if assigned := _assigned_parts(text):  # A类由X负责,B类由Y负责: one duty, each X's
        return [Block(None, None, (), [Segment(text, [(u, "responsible") for u in assigned])])], False
    return None


_SUBJECT_PAGE = GRAMMAR.units["subject_page"]


def _subject_page(lines: list[Line]) -> bool:
    """A page of subject-first duties: nearly every sentence (`share`) opens with its units, and at least
    `min` of them with a duty verb after the units. There the verb tells nothing more: a line opening with
    its units before any verb (组织, 督导), a preposition (向) or an adverb (及时) is their duty too."""
    sentences = [ln.text for ln in lines if _sentence_like(ln.text)]
    opened = [text for text in sentences if _any_verb_subject(text)]
    return len(opened) >= _SUBJECT_PAGE["share"] * len(sentences) \
        and sum(1 for text in opened if subject_duty(text)) >= _SUBJECT_PAGE["min"]


def _any_verb_subject(text: str) -> tuple[str | None, str, str] | None:
    """(numeral, units, duty) for a line (perhaps numbered `(4)`) opening with its units, whatever follows
    them: read by the name alone (loader/runsubjects); no units of a kind (各成员单位) nor a verb."""
    m = _HEADING.match(text)
    found = run_subject(m.group(4), _SUBJECT_MAX, _DUTY_TEXT_MIN)
    if not found or _only_generic(found[0]) or _NOT_A_SUBJECT.match(found[0]) or _word_ending(found[0]):
        return None
    return m.group(1) or m.group(2) or m.group(3), found[0], found[1]


def _word_ending(name: str) -> bool:
    """Does a unit of the opening end in an ending that as often closes a common word (实行, 社会)? Then
    the verb after it tells the name from a sentence, and none is there to tell."""
    endings = (GRAMMAR.unit_suffix_re.search(unit) for unit in split_units(name))
    return any(ending is None or ending.group() in _SUBJECT_PAGE["word_endings"] for ending in endings)


def _any_verb_duty(text: str) -> tuple[list[Block], bool] | None:
    """A line's duty read by its opening units alone, on a page of subject-first duties, and whether its
    sentence goes on past the line."""
    found = _any_verb_subject(text)
    if found is None:
        return None
    numeral, name, duty = found
    return [Block(numeral, None, (), [Segment(duty, _subject_cells(name, duty))])], not duty.endswith("。")


_DOER_SENTENCE = re.compile(GRAMMAR.units["doer_sentence"])
_ASSIGNED_PART = re.compile(GRAMMAR.units["assigned_part"])


def doer_named(text: str) -> str | None:
    """The unit a sentence names as the doer of a work, where the next sentence says its duties
    follow (`…主要由X负责执行。其主要职责包括:`): the duty lines below it are X's."""
    m = _DOER_SENTENCE.search(text)
    return m.group(1) if m and is_unit_list(m.group(1)) else None


def _assigned_parts(text: str) -> list[str]:
    """The units of a sentence whose every comma part gives its share to a unit after 由
    (`具体分工为:A类由X负责,B类由Y负责。`): two parts at least, each naming one, else none."""
    parts = [p for p in re.split(r"[,;。]", text.rpartition(":")[2]) if p]
    found = [m.group(1) for p in parts if (m := _ASSIGNED_PART.search(p)) and is_unit_list(m.group(1))]
    return found if len(found) == len(parts) >= 2 else []


_EVERY_DEPARTMENT = re.compile(r"(?:^|[,,])各(?:%s)(?:%s)" % (
    alternation(GRAMMAR.units["collectives"]), alternation(GRAMMAR.units["duty_modals"])))


def _addresses_every_department(text: str) -> bool:
    """`根据…,各部门要结合自己的实际,…组织实施。` after the last department's duties: a part of the line has every
    department for its subject (`各` and a collective, then a duty's modal), so the line closes the list and
    is no duty of the department above."""
    return bool(_EVERY_DEPARTMENT.search(text))


def _names_own_department(text: str) -> bool:
    """A line naming its own department as its duty's subject, or units after 由 for its parts:
    no more of the doer's duties."""
    return bool(subject_duty(text) or _assigned_parts(text))


_MODAL = f"(?:{'|'.join(GRAMMAR.units['duty_modals'])})?"
_ROLE_OPENING = re.compile(rf"^{_MODAL}(?:{GRAMMAR.units['duty_role_scope']})?{_MODAL}({GRAMMAR.keywords})")


def _subject_cells(name: str, duty: str) -> list[tuple[str, str]]:
    """The (units, role) cells of a department's duty: `X负责会同有关部门,…` makes X lead and the units
    it convenes support, as `由X会同Y负责` does (the prose reader's rule); else X in its duty's role."""
    owner = _convening_cells(name, duty) or _subject_convening_cells(name, duty) or _helped_owner_cells(name, duty) \
        or [(name, _subject_role(duty))]
    return owner + _role_parts(duty)


# the words closing a later comma part of units: support (配合) or implement (落实, 具体实施; bare 实施 as in a clause,
# grammar [closing_words]), each word's role as [keywords] gives it
_PART_WORD_ROLE = {w: role for w, role in GRAMMAR.keyword_role.items() if role in ("support", "implement")} \
    | {w: "implement" for w in GRAMMAR.table["closing_words"]["implement"]}
_ROLE_PART = re.compile(r"^([^,,。;:]{2,%d}?)(?:%s)?(%s)$" % (
    _SUBJECT_MAX, alternation(GRAMMAR.units["support_part_adverbs"]), alternation(_PART_WORD_ROLE)))


def _role_parts(duty: str) -> list[tuple[str, str]]:
    """[(B, role)] for each comma part of a duty's first sentence that is only units and a support or implement
    word (`负责拆除…,市有关部门全力配合;`, `负责,各街道办事处具体落实。`): the units a department's own sentence
    calls to help it or to carry the work out."""
    first = re.split(r"[。;]", duty, maxsplit=1)[0]
    parts = (_ROLE_PART.match(p) for p in re.split(r"[,,]", first)[1:])
    return [(m.group(1), _PART_WORD_ROLE[m.group(2)]) for m in parts if m and is_unit_list(m.group(1))]


_HELPED_OWNER = re.compile(r"^(?:%s)([^,,。;:]{2,%d}?)负责" % (alternation(GRAMMAR.units["helped_owner_verbs"]), _SUBJECT_MAX))


def _helped_owner_cells(name: str, duty: str) -> list[tuple[str, str]] | None:
    """[(C, lead), (A、B, support)] for `A、B协同C负责…`: the units after the support verb are the ones
    charged with the duty, so they own it and the subject helps; None where no units follow the verb."""
    m = _HELPED_OWNER.match(duty)
    return [(m.group(1), "lead"), (name, "support")] if m and is_unit_list(m.group(1)) else None


def _convening_cells(name: str, duty: str) -> list[tuple[str, str]] | None:
    """[(X, lead), (Y, support)] for a duty of X's opening `负责会同Y…`: the units it convenes support
    it; None where the duty convenes no one."""
    convening = charged_convening(duty)
    return [(name, "lead"), (convening[1], "support")] if convening else None


def _subject_convening_cells(name: str, duty: str) -> list[tuple[str, str]] | None:
    """[(X, lead), (Y, support)] for `X会同Y<verb>…`, the subject's own sentence saying what `由X会同Y…`
    says; None where no units follow 会同. (Under a department's heading, `会同有关部门…` opening a duty
    names the units it works with, no role: _duty.)"""
    convened = convened_opening(duty)
    return [(name, "lead"), (convened[0], "support")] if convened else None


def _numbered_subject_cells(numeral: str | None, name: str, duty: str) -> list[tuple[str, str]]:
    """The cells of a numbered item's subject duty (`第五条 X负责…。Y负责…。`): an item's number names the
    whole of its text, so a later sentence opening with its own unit and verb adds that unit to the
    same task, in its own duty's role; an unnumbered paragraph's sentences add none."""
    sentences = re.split(r"(?<=。)", _past_item_title(numeral, duty))
    cells = _subject_cells(name, sentences[0])  # 会同 is read in the subject's own sentence, past the title
    for sentence in sentences[1:] if numeral else []:
        later = subject_in_turn(sentence)
        cells.extend(_subject_cells(*later) if later else [])
    return cells + (_comma_subjects(sentences) if numeral else [])


def _past_item_title(numeral: str | None, duty: str) -> str:
    """A numbered item's duty past its short title (`民爆器材管理。要…`), where the subject's sentence follows
    it; a duty of one sentence, or one opening with 会同 (`会同B开展…。`: the subject's own verb, the one 会同
    rule's), is the subject's sentence whole, so its role words and the units it convenes are read."""
    title, stop, own = duty.partition("。")
    titled = numeral and stop and own and _item_title(title) and not convened_opening(title)
    return own if titled else duty


def _comma_subjects(sentences: list[str]) -> list[tuple[str, str]]:
    """The cells of later comma parts opening with their own unit and a role word (`X负责…,Y负责…。`): in a
    numbered item each names another of the item's subjects, as a later sentence does. Any other verb
    (`…,并会同审计部门做好…`) goes on the first subject's clause."""
    parts = (part for sentence in sentences for part in split_top(sentence, ",,")[1:])
    return [cell for part in parts if (later := subject_in_turn(part)) and _ROLE_OPENING.match(later[1])
            for cell in _subject_cells(*later)]


def _subject_role(duty: str) -> str:
    """A department's duty opened by a support or lead word (`民政部门配合做好…`, `…牵头制定…`), perhaps
    after the scope it works in (`在各自职责范围内,协助…`), or by naming it a role label's holder
    (`作为牵头责任单位,负责…`), gives it that role; any other duty makes it responsible."""
    held = _HELD_LABEL.match(duty)
    if held:
        return GRAMMAR.label_role[held.group(1)]  # 作为牵头责任单位,负责…
    m = _ROLE_OPENING.match(duty)
    role = GRAMMAR.keyword_role.get(m.group(1)) if m else None
    return role if role in ("support", "lead") else "responsible"


def _remit_label(text: str, owner: str) -> bool:
    """`国家粮食局的主要职责是:` under the headline `国家粮食局的主要职责`: the line that says the
    owner's duties follow."""
    if not text.endswith(":"):
        return False
    name = text[:-1].removesuffix("是")
    return name in _DUTY_LABELS or (_named_unit(name) == owner and name != owner)


def _duty_run_on(text: str, duties: list[Block]) -> tuple[str, str] | None:
    """(numeral, duty) for `二、承担…。` right after the duty numbered `1.`: the numbering goes on in
    another style, the page's, not a heading's."""
    head = heading_of(text)
    last = duties[-1].number if duties else None
    if head is None or head.level != 1 or not last or not _sentence_like(text):
        return None
    return (head.numeral, re.sub(r"^[^、.]+[、.]", "", text, count=1)) if cn_to_int(head.numeral) == cn_to_int(last) + 1 else None


def _numbered_duty(text: str) -> tuple[str, str] | None:
    """(numeral, duty) for a `(一)…` or `1.…` paragraph under a department on a line of its own."""
    m = _DUTY.match(text) or _PAREN_DUTY.match(text)
    if m and _sentence_like(m.group(2)):
        return m.group(1), m.group(2)
    head = heading_of(text)
    if head is None or head.level != 2 or not _sentence_like(text):
        return None
    return head.numeral, text[text.index(")") + 1:]


def department_blocks(lines: list[Line]) -> tuple[list[Block], list[str]]:
    """Departments as headings, their duties below."""
    lines = _run_together_items_apart(_first_heading_off_title(_office_rows_spaced(lines)))
    reader = _DutyList(lines)
    for line in lines:
        reader.read(line)
    _lone_duties_take_the_heading(reader.blocks)
    return reader.blocks, reader.warnings


class _DutyList:
    """A department-duty list read line by line. What a line is depends on what the lines above opened:
    a department's heading (its units, section and numeral: its duties follow), the headings over no
    department (the section of numbered `1.X部门:…` lines), a line introducing `X:<duty>` lines, a
    regulation's article. Each step reads one kind of line and says whether it took it."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.blocks: list[Block] = []
        self.warnings: list[str] = []
        self.units = self.section = self.numeral = None  # the open department heading's
        self.outer = None  # a 一、 heading over the departments' (一)
        self.restarts, self.by_official = _headings_restart(lines), False  # an official's part: the next one restarts
        self.above = self.above_numeral = None  # the last heading naming no department: the section of `1.X部门:…`
        self.path, self.above_path = [], ()  # the (level, numeral) chain of headings; the numerals down to `above`
        self.intro = None  # a numbered line introducing `X:<duty>` lines below it (5、…其职责分工为:): (number, line)
        self.article = False  # the department heading is a regulation's article (第三十六条 旅游部门职责:)
        self.own_paragraphs = False  # the last line was an article's sentence naming its own department (第七条 X部门对…)
        self.outer_department = False  # the department heading is a part's (一、县建设局), its duties numbered (一)
        self.part = None  # the first number of the last decimal part above the departments (2 for `2.2职责任务`)

    def read(self, line: Line) -> None:
        """One line, tried as each kind in turn: the order settles a line that could be read two ways."""
        if self._label_or_decimal_duty(line):
            return
        opened, head = self._follow_headings(line)
        if head and not opened and self._plain_heading(line, head):
            return
        if self._numbered_entry(line, opened) or (opened and self._open_department(line, opened, head)):
            return
        m = _DUTY.match(line.text)
        if self.units is None and self._before_any_department(line, m, head):
            return
        if self.article and not m and self._article_paragraph(line):
            return
        self.own_paragraphs = False
        if self.units is not None:
            self._under_department(line, m, head)

    def _label_or_decimal_duty(self, line: Line) -> bool:
        """A role's label under a duty (`协同单位:A、B`) adds its units to that duty; with no department open,
        a decimal part's number is noted (the next part ends the list) and `2.6.1县救灾办:负责…` is a member
        unit's duty, its id as printed."""
        if self.units is None and (decimal := _DECIMAL.match(line.text)):
            self.part = int(decimal.group(1).split(".")[0])
        blocks = self.blocks
        if self.units is not None and GRAMMAR.label_re.match(line.text) and blocks and blocks[-1].section == self.section:
            blocks[-1].segments[-1].cells.append((line.text, None))  # 协同单位:A、B under its duty
            return True
        decimal_duty = _decimal_duty(line.text) if self.units is None else None
        if decimal_duty:
            number, name, duty = decimal_duty
            blocks.append(_duty(number, duty, (name, "responsible"), self.intro[1] if self.intro else self.above, None))
        return bool(decimal_duty)

    def _follow_headings(self, line: Line) -> tuple[tuple | None, Heading | None]:
        """(the department heading the line opens, its outline heading): the heading chain followed, and a
        department's (一) under an outer 一、 numbered `一.一` where the departments' numbering restarts."""
        opened = _heading(line.text)
        head = heading_of(line.text)
        self.path = enter_heading(self.path, head) if head else self.path
        if head and head.level == 1:  # 一、张某某省长负责的工作 over (一)省监察厅牵头的工作 …
            self.outer = head.numeral if not opened or opened[2][0].startswith(_COLLECTIVE_OPENERS) else None
            self.by_official = bool(_OFFICIAL.search(line.text))
        if opened and opened[0] and self.outer and (self.restarts or self.by_official) and not opened[0].isdigit():
            opened = (f"{self.outer}.{opened[0]}",) + opened[1:]
        return opened, head

    def _plain_heading(self, line: Line, head: Heading) -> bool:
        """A heading naming no department is the section of numbered duty lines below it; it takes the
        line where it introduces `X:<duty>` lines (`(二)职责分工` over `县委组织部:负责…`)."""
        self.above, self.above_numeral = line.text, head.numeral if _NAME_LIKE.match(head.title) else None
        self.above_path = numerals(self.path)
        if self.units is None and head.level in (1, 2) and _introduces(head.title) \
                and _named_duty_follows(self.lines, line):
            self.intro = (head.numeral, line.text)
            return True
        return False

    def _numbered_entry(self, line: Line, opened) -> bool:
        """A line naming its own units as it numbers its duty: `(1)市X局:负责…` restarting under
        `2.成员单位职责:`, `1.县农业农村局:负责…`, or `商委:协调…` under a line introducing such lines."""
        intro, blocks = self.intro, self.blocks
        if intro and self.units is None and _restarts_under(opened, intro, blocks):
            blocks.append(_duty(opened[0], opened[3], opened[2], intro[1], intro[0]))
            return True
        if opened and opened[0] and opened[0].isdigit() and opened[3]:
            blocks.append(_numbered_under(_duty(opened[0], opened[3], opened[2], self.above, None), self.above_path))
            self._close_numbered_sibling()
            return True
        named = _named_duty(line.text, opened, line.raw) if intro and self.units is None else None
        for entry in _glued_entries(named) if named else []:  # 农业服务中心、水利站:负责… under 2.…职责
            k = sum(1 for b in blocks if b.section == intro[1]) + 1
            blocks.append(_introduced_duty(k, entry, intro))
        return bool(named)

    def _close_numbered_sibling(self) -> None:
        """`2.财政部门:<duty>` after `1.农业部门。`'s (1)…(n): the next of the same run, so the department
        numbered 1. is closed and lines below are no more of its duties (a wrapped line's rest)."""
        if self.numeral and self.numeral.isdigit() and self.units and self.section and self.section[:1].isdigit():
            self.units = None

    def _open_department(self, line: Line, opened: tuple, head: Heading | None) -> bool:
        """A department's heading: its duties on its line are read, and it heads the lines below it,
        but for `教育、科技等部门:<duty>`, which holds its one duty on its own line (`创城办主要工作:<duty>`
        heads the paragraphs below it too)."""
        self.numeral, self.section, self.units, rest = opened
        self.article = line.text.startswith("第")
        self.outer_department = bool(head and head.level == 1)
        self.blocks.extend(_inline_duties(rest, self.units, self.section, self.numeral))
        if self.numeral is None and rest and not _said_duties(self.section):
            self.units = None
        return True

    def _before_any_department(self, line: Line, m: re.Match | None, head: Heading | None) -> bool:
        """A line while no department heading is open: a numbered line naming its own department, a line
        introducing the departments' duties, a numbered duty of no department (left out, with a warning),
        or a paragraph whose subject is its unit."""
        if m and (subject := subject_duty(line.text)):  # 3.住建部门负责…: among `N.X部门工作职责:` lines
            duty = _duty(subject[0], subject[2], (subject[1], "responsible"), self.above, None, own_subject=True)
            self.blocks.append(_numbered_under(duty, self.above_path))
            return True
        if found := _intro(line.text):  # 2.镇直各部门站所在应急工作中的职责 / 5、部门主要职责:<the first duty>
            self.intro = found[:2]
            if found[2]:
                self.blocks.append(_introduced_duty(1, found[2], self.intro))
            return True
        if m and (subject := self._next_in_run(m)):  # 2、民政部门建立…: after `1、市甲局做好…`
            self.blocks.append(_numbered_under(subject, self.above_path))
            return True
        if m:
            self.intro = None  # 3.村委会防汛责任: the next part, which introduces no departments
            self.warnings.append(f"line {line.no}: duty {m.group(1)} comes before any department heading; left out")
            return True
        return not head and self._subject_paragraph(line)

    def _next_in_run(self, m: re.Match) -> Block | None:
        """A later number of a run of numbered subject-first duties (a later one, or 1 under the next
        heading) opens with its units whatever its verb: read by the name alone (loader/runsubjects)."""
        blocks = self.blocks
        if not (_after_numbered_subject(blocks) and (m.group(1) == "1" and blocks[-1].section != self.above
                                                     or int(m.group(1)) > int(blocks[-1].number))):
            return None
        found = run_subject(m.group(2), _SUBJECT_MAX, _DUTY_TEXT_MIN)
        if found and (_only_generic(found[0]) or _NOT_A_SUBJECT.match(found[0])):
            return None  # 各成员单位要…: all of a kind, a notice's instruction; 组织…: a verb opens it
        return _duty(m.group(1), found[1], (found[0], "responsible"), self.above, None) if found else None

    def _subject_paragraph(self, line: Line) -> bool:
        """An unnumbered paragraph opening with its unit and verb: the unit a part's title names
        (`2.5 各乡镇人民政府…职责` / `各乡镇人民政府成立…`), the next duty under a part of departments'
        duties (`(二)镇(街道)` / `各镇人民政府…负责…`), or the next after numbered subjects' duties."""
        blocks = self.blocks
        if self.intro and (own := _part_unit_opens(self.intro, line.text, blocks)):
            blocks.append(_introduced_duty(1, ((own, "responsible"), line.text), self.intro))
            return True
        if self.above_numeral and blocks and (subject := subject_duty(line.text)):
            k = sum(1 for b in blocks if b.section == self.above) + 1
            duty = _duty(str(k), subject[2], (subject[1], _subject_role(subject[2])), self.above, self.above_numeral)
            duty.numbered_by_place = True
            blocks.append(duty)
            return True
        if _after_numbered_subject(blocks) and (subject := subject_duty(line.text)):
            # 11.统计部门负责… / 市发展改革、…等部门,要…: an unnumbered subject's duty after the numbered ones
            number = str(int(blocks[-1].number) + 1)
            duty = _duty(number, subject[2], (subject[1], _subject_role(subject[2])), self.above, None)
            blocks.append(_numbered_under(duty, self.above_path))
            return True
        return False

    def _article_paragraph(self, line: Line) -> bool:
        """Among articles heading departments' duties, an article or paragraph naming its own department
        (`第七条 人力资源部门对…` / `教育部门对…`): that department's duty, and no more of the last's."""
        own = _article_subject(line.text, self.own_paragraphs)
        if own:
            self.blocks.append(own)
            self.units, self.own_paragraphs = None, True
        return bool(own)

    def _under_department(self, line: Line, m: re.Match | None, head: Heading | None) -> None:
        """A line under the open department's heading: a (一) duty of an article's or a part's department,
        the list's end, or a duty."""
        if head and head.level == 2 and (self.article or (self.outer_department and _sentence_like(head.title))):
            # 第三十六条 旅游部门职责: / (一)负责…; 一、县建设局 / (一)加强绿化建设,…。 (a sentence, no sub-heading)
            text = line.text[line.text.index(")") + 1:]
            self.blocks.append(_duty(head.numeral, text, self.units, self.section, self.numeral))
        elif self._list_ends(line.text, m):
            self.units = None
        else:
            self._duty_line(line.text, m)

    def _list_ends(self, text: str, m: re.Match | None) -> bool:
        """清原满族自治县人民政府办公室 under the last duty, a heading that names no department (三、强化保障,
        严格考核), the part after the list's (3. under 2.2), a remark about the rest of the members, a paragraph
        after the duties addressing every department (`…,各部门要…`), or the next article after an article's duties
        (第七条…): the list has ended."""
        return bool(_signature(text) or heading_of(text) or _next_part(m, self.part) or _rest_of_members(text)
                    or (self.article and ARTICLE.match(text)) or self._closing_paragraph(text, m))

    def _closing_paragraph(self, text: str, m: re.Match | None) -> bool:
        """An unnumbered paragraph after the open department's duties addressing every department: it closes
        the list (over the duties, `各相关部门要…` is the heading's remit, and stays)."""
        has_duties = bool(self.blocks) and self.blocks[-1].section == self.section
        return not m and has_duties and _addresses_every_department(text)

    def _duty_line(self, text: str, m: re.Match | None) -> None:
        """A duty of the open department: numbered, a wrapped duty's rest, numbered duties run on after a
        remit, or an unnumbered paragraph (its k-th duty). Under a level's departments as a whole
        (`(一)区级部门`), a numbered line's own department (`1.区农业局负责…`) is the duty's."""
        blocks, section, numeral = self.blocks, self.section, self.numeral
        own = subject_duty(text) if m and _LEVEL_COLLECTIVE.match(self.units[0]) else None
        if own or (m and m.group(1) == "1"):  # the unnumbered remit over the numbered duties is none
            blocks[:] = [b for b in blocks if not (b.section == section and b.numbered_by_place)]
        if own:
            blocks.append(_duty(own[0], own[2], (own[1], _subject_role(own[2])), section, None))
        elif m:
            blocks.append(_duty(m.group(1), m.group(2), self.units, section, numeral))
        elif stepped := _stepped_duty(text, numeral):
            blocks.append(_duty(stepped[0], stepped[1], self.units, section, None))
        elif blocks and blocks[-1].section == section and not blocks[-1].segments[-1].text.endswith("。"):
            blocks[-1].segments[-1].text += text  # a duty wrapped over lines
        elif len(_INLINE_DUTY.findall(text)) >= 2:  # a remit, then 1、… 2、… run on: the duties
            blocks.extend(_inline_duties(text, self.units, section, numeral))
        else:
            k = sum(1 for b in blocks if b.section == section) + 1
            blocks.append(_duty(str(k) if numeral else None, text, self.units, section, numeral))
            blocks[-1].numbered_by_place = True


def _stepped_duty(text: str, numeral: str | None) -> tuple[str, str] | None:
    """`(3)<duty>` under a department numbered `1.` (`1.X部门。` alone on its line) in the run of
    `2.Y部门:<duty>` lines: duty 1.3, one step of that run (no restart under it), its number no text."""
    paren = _PAREN_DUTY.match(text) if numeral and numeral.isdigit() else None
    return (f"{numeral}.{paren.group(1)}", paren.group(2)) if paren else None


def _article_subject(text: str, going_on: bool) -> Block | None:
    """Among articles heading departments' duties, an article whose sentence names its own department
    (`第七条 人力资源部门对…给予…`), or an unnumbered paragraph going on with it (`教育部门对…`): the
    department's duty, read as the subject-duty shape reads it, not a duty of the article before."""
    if not (ARTICLE.match(text) or going_on):
        return None
    subject = subject_duty(text)
    if subject is None or (subject[0] is None and not going_on):
        return None
    numeral, name, duty = subject
    return Block(numeral, None, (), [Segment(duty, _numbered_subject_cells(numeral, name, duty))])


_DECIMAL_DUTY = numbering_pattern("decimal_duty")


def _first_heading_off_title(lines: list[Line]) -> list[Line]:
    """`…职责分解一、县城区办事处` / `(一)<duty>`: a page run into one line keeps its title glued to the
    first department's heading (no 。 parts them); the heading is a line of its own where the next
    line opens the department's duties at (一)."""
    out: list[Line] = []
    for line, following in zip(lines, lines[1:] + [None]):
        head = heading_of(following.text) if following else None
        glued = _GLUED_HEADING.search(line.text) if head and head.level == 2 and cn_to_int(head.numeral) == 1 else None
        if glued and glued.start() > 0 and cn_to_int(glued.group(1)) == 1 and not heading_of(line.text) \
                and department_of(glued.group(2)):
            out += [replace(line, text=line.text[:glued.start()], raw=line.text[:glued.start()]),
                    replace(line, text=glued.group(), raw=glued.group())]
        else:
            out.append(line)
    return out


_GLUED_HEADING = numbering_pattern("glued_heading")  # 一、<department> ending the line


def _run_together_items_apart(lines: list[Line]) -> list[Line]:
    """`…工作。(34)县民政局:支持…;督促…。(35)乡村振兴服务中心:负责…` wrapped over lines: member items run
    together in one paragraph. From a line where an item follows a 。, the lines it wraps onto are
    joined (up to the line where its last item has its 。), then parted before each item and before
    the next part's decimal number (`。2.2县减灾委专家库`): each item a line of its own."""
    out: list[Line] = []
    k = 0
    while k < len(lines):
        line, k = lines[k], k + 1
        if not _GLUED_ITEM.search(line.text):
            out.append(line)
            continue
        text = line.text
        while k < len(lines) and "。" not in _ITEM_AT.split(text)[-1] and not heading_of(lines[k].text):
            text, k = text + lines[k].text, k + 1
        out += [replace(line, text=piece, raw=piece) for piece in _ITEM_APART.split(text) if piece]
    return out


_ITEM_AT = numbering_pattern("item_at")  # (34)县民政局: / (36)县减灾委…
_GLUED_ITEM = numbering_pattern("glued_item")  # an item `(n)<unit>:` after a 。 mid-line
_ITEM_APART = numbering_pattern("item_apart")


def _part_unit_opens(intro: tuple[str, str], text: str, blocks: list[Block]) -> str | None:
    """`2.5 各乡镇人民政府救助工作职责` / `各乡镇人民政府成立…`: the unit a part's title names over duties,
    where the part's first paragraph opens with it as its subject (the longest unit both open with);
    the paragraph is that unit's one duty. None once the part holds a duty, or for any other line."""
    if any(b.section == intro[1] for b in blocks) or not _sentence_like(text):
        return None
    title = intro[1][len(intro[0]):].lstrip("、.,  ")
    shared = len(os.path.commonprefix([title, text]))
    return next((title[:k] for k in range(shared, 1, -1) if is_unit_list(title[:k])), None)


def _decimal_duty(text: str) -> tuple[str, str, str] | None:
    """(number, unit, duty) for `2.6.1县救灾办:负责…`: an emergency plan numbers its member units'
    duties by its parts' decimals, the number glued to the unit; read whole, never as `2.` and a
    unit named `6.1县救灾办`."""
    m = _DECIMAL_DUTY.match(text)
    return (m.group(1), m.group(2), m.group(3)) if m and is_unit_list(m.group(2)) else None


def _after_numbered_subject(blocks: list[Block]) -> bool:
    """The last duty read is a numbered line naming its own department (`11.统计部门负责…`), under no
    department's heading: a subject's unnumbered duty after it goes on with the numbering."""
    last = blocks[-1] if blocks else None
    return bool(last and last.number and last.number.isdigit() and not last.numbered_by_place
                and not last.under_heading)


def _numbered_under(duty: Block, path: tuple[str, ...]) -> Block:
    """A numbered line naming its own department (`1.由X负责…`, `2.X:负责…`) under a heading over no
    department keeps its printed number, but knows the headings above it: where the numbering
    restarts under each part (三、's items 1.-3., then 四、's), its id takes the part's numeral (四.1)."""
    duty.section_path = path
    return duty


def _restarts_under(opened, intro: tuple[str, str], blocks: list[Block]) -> bool:
    """`(1)市X局:负责…` right under the numbered line that introduces the members' duties
    (`2.成员单位职责:`), its bracketed run restarting there: (1), (2), … are that part's items,
    so their ids take its number (2.1), whatever `(6)` of the part before stands above it."""
    if not (opened and opened[0] and opened[0].isdigit() and opened[3] and opened[1].startswith("(")):
        return False
    under = sum(1 for b in blocks if b.section == intro[1])
    return int(opened[0]) == under + 1


def _next_part(numbered: re.Match | None, part: int | None) -> bool:
    """`3.预防、预报…` under departments listed in part `2.2`: an emergency plan's next part, whose
    number goes on from the decimal part's, not a duty of the last department."""
    return bool(numbered and part and int(numbered.group(1)) > part)


_REST_OF_MEMBERS = re.compile(rf"^[^,,。;:]*?(?:{'|'.join(map(re.escape, GRAMMAR.units['rest_of_members']))})")


def _rest_of_members(text: str) -> bool:
    """`市防火指挥部其他成员随时听候调遣…`: a remark about the command's other members closing the list."""
    return bool(_REST_OF_MEMBERS.match(text))


# 一、各级政府工作职责 / 二、相关部门工作职责: a part over the departments' headings, no department
_COLLECTIVE_OPENERS = tuple(GRAMMAR.units["collective_openers"])
_OFFICIAL = re.compile("(?:{})(?![{}])".format("|".join(map(re.escape, GRAMMAR.table["persons"]["titles"])),
                                             GRAMMAR.table["persons"]["title_not_before"]))


def _headings_restart(lines: list[Line]) -> bool:
    """Do the departments' headings restart their numbering (`(一)` under each `一、`)? Only then do
    their ids carry the outer heading's numeral (`一.一`); under one part they stay as printed."""
    seen: set[str] = set()
    for line in lines:
        opened = _heading(line.text) if "(" in line.text or "、" in line.text else None
        numeral = opened[0] if opened else _paren_numeral(line.text)  # (一)…(四) duties under 二、, then
        if numeral:                                                    # (一)预案管理科 under 三、
            if numeral in seen:
                return True
            seen.add(numeral)
    return False


def _paren_numeral(text: str) -> str | None:
    head = heading_of(text) if text.startswith("(") else None
    return head.numeral if head and head.level == 2 else None


_SHORT_NAME_DUTY = re.compile(r"^([\u4e00-\u9fff、]{2,16}):(.{%d,})$" % _DUTY_TEXT_MIN)


def _introduced_duty(k: int, named: tuple[tuple[str, str], str], intro: tuple[str, str]) -> Block:
    """The k-th duty under a line that introduces the departments' duties; one alone takes the
    line's number (`3.村委会应急责任` / `村委会负责…`: 3). Units its later sentences name the holders
    of a role label join it in that role. Its id shows the line's numerals whatever its role (`X负责牵头…`
    under `2.2.3各工作组职责`: 2.2.3.1): the role is the duty's own, not a lead heading's."""
    duty = _duty(str(k), named[1], named[0], intro[1], intro[0])
    duty.numbered_by_place, duty.under_heading = True, bool(intro[0])
    duty.segments[-1].cells.extend(_label_holders(named[1]))
    return duty


_HOLDER = re.compile(r"^([^,,。;:、]{2,16}?)(?:%s)%s(?=[,,。;]|$)"
                     % ("|".join(map(re.escape, GRAMMAR.units["holder_copulas"])), _WORK_AND_LABEL))


def _label_holders(duty: str) -> list[tuple[str, str]]:
    """(unit, role) for each sentence after a duty's first that opens by naming a unit the holder
    of a role label (`。办公室为办理…事务的牵头责任部门,负责…`): the paragraph gives that unit its part
    in the same work, so it takes the label's role there, not a task of its own."""
    holders = []
    for sentence in re.split(r"(?<=。)", duty)[1:]:
        m = _HOLDER.match(sentence)
        if m and is_unit_list(m.group(1)):
            holders.append((m.group(1), GRAMMAR.label_role[m.group(2)]))
    return holders


def _named_duty(text: str, opened, raw: str = "") -> tuple[tuple[str, str], str] | None:
    """((units, role), duty) for a line `X:<duty>` under a line that introduces such lines; there
    a short name (商委, 教委) is a unit's though too short for the ending rule elsewhere, and a
    department the subject of its duty may open it with the verbs of a remit (协调, 承担)."""
    if opened and opened[0] is None and opened[3]:
        return opened[2], opened[3]
    spaced = _spaced_duty(raw) if opened is None else None
    if spaced:
        return spaced
    m = _SHORT_NAME_DUTY.match(text) if opened is None else None
    if m:
        return (m.group(1), "responsible"), m.group(2)
    subject = _subject(None, _HEADING.match(text).group(4), _INTRODUCED_SUBJECT) if opened is None else None
    if subject:  # 省水利厅承担…, 交通、铁路部门负责…: departments the subject of their duty
        return (subject[1], _subject_role(subject[2])), subject[2]
    return None


_SPACED_DUTY = re.compile(r"^[ \u3000]*([^\s:,;。]{2,16})[ \u3000]{%d,}(\S.*)$" % GRAMMAR.units["spaced_duty_gap"])


def _spaced_duty(raw: str) -> tuple[tuple[str, str], str] | None:
    """((unit, role), duty) for `办公室  组织、协调…`: an office's name, a run of spaces for the colon,
    then its duty. The spaces part them, so the duty may open with any verb, not only a subject's."""
    m = _SPACED_DUTY.match(raw)
    units = department_of(m.group(1)) if m else None
    duty = re.sub(r"[ \u3000]+", "", m.group(2)) if units else ""
    return (units, duty) if units and _sentence_like(duty) else None


_SPACED_SUBJECT = re.compile(r"^[ \u3000]*([^\s:,;。]{2,%d})[ \u3000]([^\s]+)$" % GRAMMAR.units["spaced_subject_max"])


def _spaced_subject(raw: str) -> tuple[str, str] | None:
    """(units, duty) for `市质监局 综合协调…`: a line whose only space parts its opening, units' whole
    names, from a duty's sentence. The space stands for the colon, so the duty may open with any verb,
    not only a subject's (`参与…`, `依法做好…`); a line spaced elsewhere too is a table's row, not this."""
    m = _SPACED_SUBJECT.match(raw)
    if not m or not is_unit_list(m.group(1)) or not _sentence_like(m.group(2)):
        return None
    return m.group(1), m.group(2)


def _spaced_cells(units: str, duty: str) -> list[tuple[str, str]]:
    """The units over their duty as `X:<duty>` gives them (responsible, whatever its verb); a duty opening
    `会同Y…` makes them lead and Y support, as `A会同B` says everywhere."""
    convened = convened_opening(duty)
    return [(units, "lead"), (convened[0], "support")] if convened else [(units, "responsible")]


_GAP = " " * GRAMMAR.units["spaced_duty_gap"]


def _office_rows_spaced(lines: list[Line]) -> list[Line]:
    """A line of two cells, an office's name then its duty (`办公室\t组织、协调…`: a copy that saved the
    spaces between them as a tab), read as `办公室  组织、协调…` is: the tab is the gap the spaces
    print, so the duty stays its office's under a heading that introduces duties."""
    out: list[Line] = []
    for k, line in enumerate(lines):
        if out and line.no == out[-1].no and line.cell and _one_row_of_two(lines, k - 1):
            spaced = out[-1].raw + _GAP + line.raw
            if _spaced_duty(spaced):
                out[-1] = replace(out[-1], text=out[-1].text + line.text, raw=spaced)
                continue
        out.append(line)
    return out


def _one_row_of_two(lines: list[Line], k: int) -> bool:
    """Lines k and k + 1 are the only cells of their physical line (a row of two cells)."""
    no = lines[k].no
    return (lines[k + 1].no == no and (k == 0 or lines[k - 1].no != no)
            and (k + 2 == len(lines) or lines[k + 2].no != no))


_GLUED_ENTRY = re.compile(r"(?<=。)(?=[\u4e00-\u9fff、]{2,16}:)")


def _glued_entries(named: tuple[tuple[str, str], str]) -> list[tuple[tuple[str, str], str]]:
    """`民政所:负责…。其他部门:按照职责做好…`: a page that ran two `X:<duty>` lines together holds two
    entries; a piece after a 。 counts as one only where its name opens a department's heading."""
    units, duty = named
    entries = [(units, "")]
    for piece in _GLUED_ENTRY.split(duty):
        opened = _heading(piece) if entries[-1][1] else None
        if opened and opened[0] is None and opened[3]:
            entries.append((opened[2], opened[3]))
        else:
            entries[-1] = (entries[-1][0], entries[-1][1] + piece)
    return entries


def numbered_subject_duty(text: str) -> bool:
    """A numbered line naming its department as its duty's subject (`(七)市建委负责…`)."""
    subject = subject_duty(text)
    return bool(subject and subject[0])


def departments_in_turn(lines: list[Line]) -> bool:
    """Departments in turn, each the subject of its duty: in one paragraph (`市发改委负责…;市经贸委
    负责…;…`) or on lines of their own (`交通部门,负责…。` / `教育部门,负责…。` / …), three at least;
    or three physical lines `市环保局:<duty>` (member units' duties under a heading not shown)."""
    paragraphs = (line.text for line in lines if line.text.count("。") + line.text.count(";") >= _IN_TURN_MIN)
    if any(_subjects_in_turn(text) for text in paragraphs):
        return True
    if sum(1 for line in lines if len(line.text) <= 200 and ((found := subject_duty(line.text))
           and department_of(found[1]) or _numbered_department_line(line.text))) >= _IN_TURN_MIN:
        return True
    return sum(1 for line in _whole_lines(lines) if _unnumbered_department_line(line.text)) >= _IN_TURN_MIN


def _whole_lines(lines: list[Line]) -> list[Line]:
    """The lines that are the whole of their physical line: a piece of a line parted at its spaces or
    cells (`执法监督科:负责…;` in a table's duty cell) is no member unit's line of its own."""
    counts = Counter(line.no for line in lines)
    return [line for line in lines if counts[line.no] == 1]


def _numbered_department_line(text: str) -> bool:
    """`6、区质量技监局。负责…`, `7.区城管执法大队:负责…`: a department named after its number, its duty
    after it on the line."""
    if not text[:1].isdigit():
        return False
    opened = _heading(text)
    return bool(opened and opened[0] and opened[0].isdigit() and opened[3])


def _unnumbered_department_line(text: str) -> bool:
    """`市环保局:接受报警信息…;参加…。`: a member unit's line, its duties after a colon, no number: the
    colon says whose they are, whatever the verbs inside (参加, 协助 are its duty's content). Units after
    the colon (`配合单位:A、B`, `督查单位:甲镇、乙乡。`) are a label's list, no duty."""
    opened = _heading(text) if not text[:1].isdigit() else None
    return bool(opened and opened[0] is None and _sentence_like(opened[3])
                and not is_unit_list(opened[3].rstrip("。;")))


def introduced_duty_list(lines: list[Line]) -> bool:
    """A numbered line introducing duties (`2.镇直各部门站所职责`) with a `X:<duty>` line under it."""
    for line, following in zip(lines, lines[1:]):
        if doer_named(line.text) and _sentence_like(following.text):
            return True  # …由X负责执行。其主要职责包括: / a duty line
        found = _intro(line.text)
        if found and (found[2] or _named_duty(following.text, _heading(following.text))):
            return True
    return False


def _named_duty_follows(lines: list[Line], line: Line) -> bool:
    """Whether the line after a heading is an unnumbered `X:<duty>` (or `X  <duty>`) line: numbered
    lines under it (`(一)县公安局负责…`, `1.由X负责…`, `(1)X负责…`) are items of their own, ids as printed."""
    following = next((ln for ln in lines if ln.no > line.no), None)
    if following is None or heading_of(following.text) or _DUTY.match(following.text) \
            or _PAREN_DUTY.match(following.text):
        return False
    return _named_duty(following.text, _heading(following.text), following.raw) is not None


def _intro(text: str) -> tuple[str, str, tuple[tuple[str, str], str] | None] | None:
    """(number, section, the first duty run on after its colon) for a numbered line that introduces
    the departments' duties below it: `2.镇直各部门站所职责`, `3.2 指挥部成员单位职责`, and
    `5、部门主要职责:省民政厅组织…` (section `5、部门主要职责`)."""
    m = _DUTY.match(text) or _DECIMAL.match(text)
    if not m:
        return None
    if _introduces(m.group(2)):
        return m.group(1), text, None
    head, colon, rest = m.group(2).partition(":")
    first = _named_duty(rest, None) if colon and _introduces(head) else None
    return (m.group(1), text[: len(text) - len(m.group(2))] + head, first) if first else None


def _introduces(text: str) -> bool:
    """A numbered line that introduces the departments' duties below it."""
    return text.endswith((":",) + _DUTY_SUFFIXES) or text.endswith(tuple(GRAMMAR.units["duty_intro_endings"]))


def _lone_duties_take_the_heading(blocks: list[Block]) -> None:
    """A heading with one unnumbered duty: the duty's id is the heading's numeral (`二`), not `二.1`."""
    by_section: dict[str, list[Block]] = {}
    for b in blocks:
        by_section.setdefault(b.section, []).append(b)
    for group in by_section.values():
        if len(group) == 1 and group[0].numbered_by_place and group[0].section_path:
            path = group[0].section_path
            group[0].number, group[0].section_path = path[-1], path[:-1]


def _inline_duties(rest: str, units: tuple[str, str], section: str, numeral: str | None) -> list[Block]:
    """`(三)工商部门:1、… 2、…` on one line, or `教育、科技等部门:<duty>`."""
    rest = rest.strip()
    if not rest:
        return []
    starts = list(_INLINE_DUTY.finditer(rest))
    if not starts:  # its one duty, perhaps the first of paragraphs below (辦公室。負責…)
        duty = _duty("1" if numeral else None, rest, units, section, numeral)
        duty.numbered_by_place = True
        return [duty]
    ends = [m.start() for m in starts[1:]] + [len(rest)]
    return [_duty(m.group(1), rest[m.end():end], units, section, numeral) for m, end in zip(starts, ends)]


def _duty(number: str | None, text: str, units: tuple[str, str], section: str, numeral: str | None,
          own_subject: bool = False) -> Block:
    """A duty; `numeral` is its heading's, `一.三` under an outer heading. A department's duty
    shows the heading's numerals in its id (二.1); a lead heading's tasks (X牵头的工作) keep theirs.
    A responsible department's duty that convenes others (`负责会同Y…`; on a line naming its `own_subject`,
    `(由)X会同Y<work>` too, by the one 会同 rule) makes it lead and them support."""
    text = _item_text(text.strip())
    convening = (_convening_cells(units[0], text) or own_subject and _subject_convening_cells(units[0], text)) \
        if units[1] == "responsible" else None
    segment = Segment(text, convening or [units] + _convened_later(text))  # X:负责会同Y…: X lead, Y support
    return Block(number, section, tuple(numeral.split(".")) if numeral else (), [segment],
                 under_heading=bool(numeral) and units[1] == "responsible")


def _convened_later(duty: str) -> list[tuple[str, str]]:
    """[(Y, support)] for a later sentence of a department's duty opening `会同Y部门<verb>…`: the units it
    works with support it, while its own role stays its duty's (the first sentence's)."""
    cells = []
    for sentence in re.split(r"(?<=。)", duty)[1:]:
        opener = next((word for word in _CONVENES if sentence.startswith(word)), None)
        after = sentence[len(opener):] if opener else ""
        named = next((after[:k] for k in range(2, min(len(after), _SUBJECT_MAX) + 1)
                      if after[:k].endswith(_DEPARTMENT_ENDINGS) and is_unit_list(after[:k])), None)
        cells += [(named, "support")] if named else []
    return cells


def _item_text(text: str) -> str:
    """`领办项目:<project>。工作进展:<report>`: the project, without its label or the report."""
    label = _ITEM_LABEL.match(text)
    if not label:
        return text
    text = text[label.end():]
    report = _PROGRESS_LABEL.search(text)
    return text[:report.start()] if report else text


_ITEM_LABEL = re.compile(rf"^(?:{'|'.join(map(re.escape, GRAMMAR.units['item_labels']))})[:]")
_PROGRESS_LABEL = re.compile(rf"(?<=[。;])(?:{'|'.join(map(re.escape, GRAMMAR.units['progress_labels']))})[:]")


def duties_apart(blocks: list[Block]) -> list[Block]:
    """A table row whose duty cell holds numbered duties run together (`1.负责… 2.负责…`): each
    duty is a task of the row's units, numbered under the row (`4.2`), as a duty list's under
    its department's heading."""
    return [part for k, block in enumerate(blocks, 1) for part in _apart(block, block.number or str(k))]


def _apart(block: Block, row: str) -> list[Block]:
    """The block, or its numbered duties (1, 2, 3 … in sequence, two at least) under `row`."""
    text = block.segments[0].text if len(block.segments) == 1 else ""
    starts = list(_INLINE_DUTY.finditer(text))
    if len(starts) < 2 or [m.group(1) for m in starts] != [str(n) for n in range(1, len(starts) + 1)]:
        return [block]
    ends = [m.start() for m in starts[1:]] + [len(text)]
    cells = block.segments[0].cells
    return [Block(m.group(1), block.section, block.section_path + (row,), [Segment(text[m.end():end], cells)])
            for m, end in zip(starts, ends)]
