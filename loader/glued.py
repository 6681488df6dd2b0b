"""Rows whose cells lost their boundaries: a Word table flattened into one run of text.

    序号项目名称主要内容区政府分管领导牵头单位配合单位1增加教育资源供给实施新建…个。何海平教育局
    经开区高新园(邹区镇)各街道市国有公司2促进就业稳定增长…

No separator and no role word is left. A row ends where its next number follows a unit's
name. Inside a row, each run of sentences is a sub-row's text; after it come an
official's name (when the header has such a column) and the units glued together, cut
where one name ends and the next begins. The first unit of a run leads and the others
support (the 牵头单位 and 配合单位 cells whose boundary is lost); under a single role
column every unit takes that column's role. The header may repeat inside the rows, and a
page's number (`2、`) may interrupt a cell: both are taken out.

Under a header with no 序号 (`实事内容工作任务责任单位进展情况`), rows printed one a line lose their
boundaries the same way (`…社区。区残联,相关镇街1.完成…`): there the unit cell is bounded by the text
cell's closing 。 and the next cell's opening (`bounded_cell_rows`).

Under a header whose unit columns close it after a progress column (`序号重点工作工作推进情况牵头单位责任
单位`), rows printed one a line glue their unit cells at the end (`1…升级。…态势。市住建委甲县、…`):
there the unit cells are the longest run at the row's end, after a sentence's mark, that reads as
units alone (`progress_rows`).
"""
from __future__ import annotations

import re
from typing import NamedTuple

from .blocks import Block, Segment
from .clauses import is_time_cell, looks_like_unit, split_text_clause, split_units
from .grammar import GRAMMAR
from .records import ROLES

_EXTRA_ENDINGS = tuple(GRAMMAR.units["glued_suffixes"])
_NOT_IN_NAMES = re.compile("|".join(map(re.escape, GRAMMAR.units["not_in_names"])) + "|" + GRAMMAR.layout["glued_not_in_names"])
_PAGE_MARK = re.compile(GRAMMAR.layout["glued_line_page_mark"])
_LIST_MARKS = GRAMMAR.layout["glued_list_marks"]
_NAME_LENGTHS = tuple(GRAMMAR.layout["glued_name_lengths"])  # an official's name: most have three characters
# a page mark never follows a year: a date `2025-06-30` keeps its month
_GLUED_PAGE_MARK = re.compile(rf"(?<!\d{{4}})(?:{GRAMMAR.layout['glued_page_marks']})")
_SECTION_ROW = re.compile(GRAMMAR.layout["glued_section_row"])
_NEXT_CELL = re.compile(GRAMMAR.layout["glued_cell_next"])
_NEXT_CELL_OR_DEADLINE = re.compile(GRAMMAR.layout["glued_cell_next"] + "|" + GRAMMAR.layout["glued_deadline_next"])
_COLLECTIVE_OPENERS = tuple(GRAMMAR.units["collective_openers"])
_AFTER_EACH = frozenset(GRAMMAR.units["after_each"])
_CELL_MAX = GRAMMAR.layout["glued_cell_max"]


class Run(NamedTuple):
    """Units read from a row: where their run ends, and how many of them the first unit cell holds."""
    units: list[str]
    end: int
    first: int = 1


def glued_rows(stream: str, header) -> list[Block]:
    """The rows of a run-on table without role words (see the module's docstring)."""
    if header.text:
        stream = stream.replace(header.text, "")
    stream = _GLUED_PAGE_MARK.sub("", stream)
    if "。" not in stream and "other" in header.kinds:
        return project_rows(stream, header)
    if _unit_between(header):
        return group_rows(stream, header)
    stream, sections = _section_rows(stream)
    m = re.match(r"\s*1(?!\d)", stream)
    if not m:
        return []
    blocks, n, pos = [], 1, m.end()
    while True:
        end = _next_row(stream, pos, str(n + 1), header.time_last)
        body = _without_page_marks(stream[pos:end], n + 1)
        if header.time_last:
            body = body[:len(body) - len(_time_tail(body))]
        segments = _keyword_row(body, header) or _sub_rows(body, header)
        if segments:
            blocks.append(Block(str(n), _section_at(sections, pos), (), segments))
        if end is None:
            return blocks
        pos, n = end + len(str(n + 1)), n + 1


def bounded_cell_rows(texts: list[str], roles: list[str], deadline_after: bool = False) -> list[Block]:
    """Rows one a line under a header with no 序号, their cells glued (`<text>。<units><progress>`):
    each line whose unit cell stands between a 。 and the next cell's opening is a row (its text up
    to that 。); a line with no such cell (a progress cell going on, a caption) is none. Where the header
    puts a time column after the units (deadline_after), a deadline opens the next cell too. A row's
    number glued to its text (`1规划…`, the 序号 cell the header's wrapped lines hid) is its id, else ordinals."""
    next_cell = _NEXT_CELL_OR_DEADLINE if deadline_after else _NEXT_CELL
    blocks = []
    for text in texts:
        found = _bounded_cell(text, next_cell)
        if found:
            cut, units = found
            number, start = _glued_number(text, len(blocks) + 1)
            blocks.append(Block(number, None, (), [Segment(text[start:cut], [(u, _role(k, roles)) for k, u in enumerate(units)])]))
    return blocks


def _glued_number(text: str, expected: int) -> tuple[str | None, int]:
    """(number, where the text begins) of a row opened by its number in sequence glued to its text."""
    m = _NUMBER_GLUED_TO_TEXT.match(text)
    return (m.group(1), m.end()) if m and m.group(1) == str(expected) else (None, 0)


def _bounded_cell(text: str, next_cell: re.Pattern) -> tuple[int, list[str]] | None:
    """Where a row's text ends and the units of the cell after it: the first 。 followed by a cell of
    units alone that ends where the next cell opens (a numbered item, a progress word); None if none."""
    for stop in re.finditer("。", text):
        for nxt in next_cell.finditer(text, stop.end(), stop.end() + _CELL_MAX):
            names = split_units(text[stop.end():nxt.start()])
            if names and all(map(_cell_name, names)):
                return stop.end(), names
    return None


def _cell_name(name: str) -> bool:
    """A unit's name, or a collective of towns named by who it concerns (相关镇街): the after_each
    words read as units after 相关/有关 as they do after a 各 part."""
    if looks_like_unit(name) and not _NOT_IN_NAMES.search(name):
        return True
    opener = next((o for o in _COLLECTIVE_OPENERS if name.startswith(o)), "")
    return bool(opener) and name[len(opener):] in _AFTER_EACH


def progress_before_units(header) -> bool:
    """序号 | 重点工作 | 推进情况 | 牵头单位 | 责任单位: a column that is neither text nor units stands
    between the task and the unit columns, and the unit columns close the header."""
    kinds = header.kinds
    first = next((k for k, kind in enumerate(kinds) if kind in ROLES), None)
    return (first is not None and first >= 2 and kinds[first - 1] in ("time", "other")
            and "task" in kinds[:first - 1] and all(kind in ROLES for kind in kinds[first:]))


def progress_rows(texts: list[str], roles: list[str]) -> list[Block]:
    """Rows one a line, numbered in sequence, each `N<task>。<progress><units>` with no separator:
    the task cell ends at its first 。, the unit cells are the run at the row's end (_trailing_cells).
    A row with no such run (cut off inside its progress cell) is none."""
    blocks = []
    for number, body in _numbered_lines(texts):
        found = _trailing_cells(body)
        if found:
            start, run = found
            stop = body.find("。", 0, start)
            blocks.append(Block(number, None, (), [Segment(body[:stop + 1] if stop >= 0 else body[:start], _cells(run, roles))]))
    return blocks


_NUMBER_GLUED_TO_TEXT = re.compile(r"(\d{1,3})(?=[\u4e00-\u9fff“《])")  # `12加快…`: a row number, its text glued on


def _numbered_lines(texts: list[str]) -> list[tuple[str, str]]:
    """(number, body) of each line opened by the next row's number glued to its text: a row is one
    line (a line between two rows, a caption or a note, is none of theirs)."""
    rows: list[tuple[str, str]] = []
    for text in texts:
        m = _NUMBER_GLUED_TO_TEXT.match(text)
        if m and m.group(1) == str(len(rows) + 1):
            rows.append((m.group(1), text[m.end():]))
    return rows


_SENTENCE_MARKS = re.compile("[。,;]")


def _trailing_cells(body: str) -> tuple[int, Run] | None:
    """Where a row's unit cells begin and their units: going back from the row's end over sentence
    marks, the earliest mark after which the rest reads as unit cells alone (_unit_list)."""
    found = None
    for mark in reversed(list(_SENTENCE_MARKS.finditer(body))):
        run = _unit_list(body, mark.end())
        if not run:
            if found:
                break
            continue
        found = (mark.end(), run)
    return found


def _section_rows(stream: str) -> tuple[str, list[tuple[int, str]]]:
    """Section rows (`二、产业发展`) glued before a row's number, at the start or after a unit's
    name: no part of any cell; each with where it stands in the stream left without them."""
    kept, sections, last = [], [], 0
    for m in _SECTION_ROW.finditer(stream):
        before = stream[last:m.start()]
        if not before.strip() or _ends_with_unit(before[-16:]):
            kept.append(before)
            sections.append((sum(map(len, kept)), m.group()))
            last = m.end()
    kept.append(stream[last:])
    return "".join(kept), sections


def _section_at(sections: list[tuple[int, str]], pos: int) -> str | None:
    """The title of the last section row before pos."""
    return next((title for at, title in reversed(sections) if at <= pos), None)


def project_rows(stream: str, header) -> list[Block]:
    """A project table run together with no sentence in it (序号 项目名称 建设阶段 总投资 … 项目业主
    牵头协调部门 牵头区领导): each row runs from its number to the next one glued after a name;
    its text is the project's name (before its stage and figures); after the last figure come
    the owners (companies, cooperatives: no units; their cell ends at the last such ending), the
    lead units and the officials (no units)."""
    stream = _TOTAL_ROW.sub("", stream.replace("\n", ""), count=1)
    starts, n = [], 1
    for m in re.finditer(r"\d{1,3}(?=[\u4e00-\u9fff])", stream):
        if m.group() == str(n) and (m.start() == 0 or not stream[m.start() - 1].isdigit()):
            starts.append(m)
            n += 1
    role = header.role_columns[0] if header.role_columns else None
    blocks = []
    for m, end in zip(starts, [s.start() for s in starts[1:]] + [len(stream)]):
        body = stream[m.end():end]
        figures = list(re.finditer(r"\d+", body))
        if not figures:
            continue
        name = _STAGE_TAIL.sub("", body[:figures[0].start()])
        owners = [o.end() for o in _OWNER_END.finditer(body, figures[-1].end())]
        units = _names_from(body, owners[-1] if owners else figures[-1].end())
        if name and units:
            blocks.append(Block(m.group(), None, (), [Segment(name, [(u, role) for u in units])]))
    return blocks


def _unit_between(header) -> bool:
    """`序号 工作组 牵头单位 工作职责`: a unit column between a group's name and its duties."""
    kinds = header.kinds
    r = next((k for k, kind in enumerate(kinds) if kind in header.role_columns), None)
    return (r is not None and 0 < r < len(kinds) - 1 and kinds[r - 1] in ("category", "task")
            and kinds[r + 1] == "task" and kinds.count("task") + kinds.count("category") == 2)


_GROUP_NAME = re.compile(rf"[\u4e00-\u9fff]{{1,10}}?(?:{'|'.join(map(re.escape, GRAMMAR.units['group_endings']))})")


def group_rows(stream: str, header) -> list[Block]:
    """`1综合协调组根据…确定牵头部门主要负责…。2抢险救援组应急管理局主要负责…。3…`: each row runs from its
    number to the next one after a sentence's end; the group's name ends with a group's ending (组, 专班 …),
    the units glued after it take the unit column's role, and the duties follow them (the text: the
    name, then the duties). A row whose unit cell names no unit (a rule: `根据事故类别确定牵头部门`) is none."""
    stream = _without_page_marks(stream, 0)
    starts, n = [], 1
    for m in re.finditer(r"\d{1,3}(?=[\u4e00-\u9fff])", stream):
        if m.group() == str(n) and (m.start() == 0 or stream[m.start() - 1] in "。;"):
            starts.append(m)
            n += 1
    role = header.role_columns[0]
    blocks = []
    for m, end in zip(starts, [s.start() for s in starts[1:]] + [len(stream)]):
        body = stream[m.end():end]
        name = _GROUP_NAME.match(body)
        units, stop, _ = _units_from(body, name.end()) if name else Run([], 0)
        if units and not any(re.search(GRAMMAR.keywords, u) for u in units) and stop < len(body):
            blocks.append(Block(m.group(), None, (), [Segment(name.group() + body[stop:], [(u, role) for u in units])]))
    return blocks


def _names_from(s: str, i: int) -> list[str]:
    """The unit names glued from i on, a list mark between two of them skipped."""
    names = []
    while (unit := _unit_at(s, i)):
        names.append(unit)
        i += len(unit)
        if s[i:i + 1] and s[i] in _LIST_MARKS:
            i += 1
    return names


_TOTAL_ROW = re.compile(rf"^\s*(?:{'|'.join(GRAMMAR.units['total_rows'])})[\d\s.]*?(?=1[\u4e00-\u9fff])")
_STAGE_TAIL = re.compile(rf"(?:{'|'.join(GRAMMAR.units['project_stages'])})$")
_OWNER_END = re.compile("|".join(map(re.escape, GRAMMAR.units["owner_endings"])))  # the owners' cell ends after the last


def _keyword_row(body: str, header) -> list[Segment]:
    """A row whose unit cell closes with its role word (`…。镇(街道)、区委宣传部等按职责分工负责`):
    the text, then the cell, read as any clause is."""
    after = body[body.rfind("。") + 1:]
    if not after or not GRAMMAR.closing_keyword_re.search(after):
        return []
    cut = body.rfind("。")
    found = (body[:cut + 1], after) if cut >= 0 and _unit_start(after) else split_text_clause(body)
    if not found or not GRAMMAR.closing_keyword_re.search(found[1]):
        return []
    role = header.role_columns[0] if len(header.role_columns) == 1 else None
    return [Segment(found[0], [(found[1], role)])]


def _unit_start(text: str) -> bool:
    """The text opens with a unit's name (镇(街道)、…, 区城管局…)."""
    return any(_is_name(text[:k]) or _is_name(re.sub(r"\(.*", "", text[:k])) for k in range(2, min(len(text), 16) + 1))


def _time_tail(text: str) -> str:
    """A 完成时限 cell closing a row's text (`全年`, `2024年12月`, `10月底前`), else ''."""
    for k in range(min(12, len(text) - 1), 1, -1):
        tail = text[-k:]
        if not text[-k - 1].isdigit() and is_time_cell(tail):
            return tail
    return ""


def _next_row(stream: str, pos: int, nxt: str, time_last: bool = False) -> int | None:
    """Where row `nxt` begins: its number right after a unit's name (or the role word that
    closes the units, or the 完成时限 cell after them)."""
    # The number is no longer looked for only after the row's first 。: a phrase row (a target's
    # name) has none. What keeps a number inside a text from opening the row is `_row_closes`:
    # the characters before it must end with a unit's name or a role word (or a deadline after them).
    at = stream.find(nxt, pos)
    while at >= 0:
        after = stream[at + len(nxt):at + len(nxt) + 1]
        if (after and ("\u4e00" <= after <= "\u9fff" or after in "“《") and not stream[at - 1].isdigit()
                and _row_closes(stream[max(0, at - 30):at].replace("\n", ""), time_last)):
            return at
        at = stream.find(nxt, at + 1)
    return None


def _row_closes(before: str, time_last: bool) -> bool:
    """Do the characters before a row number close a row (a unit's name or a role word last, a
    deadline cell after them where the table's last column is one)? A number inside a text does not."""
    if time_last and _time_tail(before):
        before = before[:len(before) - len(_time_tail(before))]
    return _ends_with_unit(before[-16:]) or bool(re.search(f"(?:{GRAMMAR.keywords})$", before))


def _ends_with_unit(text: str) -> bool:
    """Does the text end with a unit's name (any tail of it, two characters or more, read as one)?"""
    return any(_is_name(text[i:]) for i in range(0, len(text) - 1))


def _without_page_marks(body: str, expected: int) -> str:
    """A page's number at a line's start (`2、`) that is not the next row's: no part of a cell."""
    body = _PAGE_MARK.sub("", body)  # inside a row, even one with the next row's number (市\n2、住建局)
    return body.replace("\n", "")


def _sub_rows(body: str, header) -> list[Segment]:
    """Each text (sentences up to a 。) followed by the units that carry it out; a row whose
    text is a phrase with no 。 ends where the unit cells that close the row begin."""
    roles = header.role_columns
    person = "person" in header.kinds
    segments: list[Segment] = []
    start = 0
    stops = [m.end() for m in re.finditer("。", body)]
    for stop in stops:
        run = (not person and stop == stops[-1] and _unit_list(body, stop)) or _units_run(body, stop, person)
        if run.units:
            segments.append(Segment(body[start:stop], _cells(run, roles)))
            start = run.end
    if segments and start < len(body):
        segments[-1].text += body[start:]  # sub-rows without units of their own: a merged cell
    if not stops and not person:
        return _phrase_row(body, roles)
    return segments


def _phrase_row(body: str, roles: list[str]) -> list[Segment]:
    """`…先进制造技术市科技局市发改委、…`: the text ends where a unit's name opens the cells
    that read, to the row's end, as the units alone."""
    for m in GRAMMAR.unit_start_anywhere_re.finditer(body):
        run = m.start() > 0 and _unit_list(body, m.start())
        if run:
            return [Segment(body[:m.start()], _cells(run, roles))]
    return []


def _cells(run: Run, roles: list[str]) -> list[tuple[str, str | None]]:
    """Each unit with its column's role: the first cell's units the first column's."""
    return [(u, _role(k, roles, run.first)) for k, u in enumerate(run.units)]


def _role(k: int, roles: list[str], first: int = 1) -> str:
    """The role of the k-th unit read from a row: a row's unit cells are printed glued, so which
    column a unit stood in is told by its place alone. `first` is how many units the first unit
    cell holds (Run.first): those take the first column's role, the rest the second's; a table
    with one role column gives every unit its role."""
    if len(roles) == 1:
        return roles[0]
    return roles[0] if k < first else roles[1]


def _unit_list(s: str, i: int) -> Run | None:
    """The rest of the row from i read as its unit cells alone, or None. Where the second cell's
    names keep their marks (、 ,), the names glued before the first mark belong to the first
    cell save the last, which opens the second (市发改委市经信委市住建局、市统计局: two lead)."""
    text = s[i:]
    if not text or not GRAMMAR.unit_start_re.match(text):
        return None
    mark = next((k for k, c in enumerate(text) if c in _LIST_MARKS and _outside_brackets(text, k)), len(text))
    rest = split_units(text[mark + 1:]) if mark < len(text) else []
    glued = _glued_names(text[:mark], bool(rest) and _places_organ(rest[0]))
    if not glued or not all(_bare_name(p) for p in rest):
        return None
    first = len(glued) - 1 if rest and len(glued) > 1 else 1
    return Run(glued + rest, len(s), first)


def _glued_names(text: str, organ_after: bool = False) -> list[str] | None:
    """Names glued with no mark between (市发改委各县(市、区)政府): cut before each opening of a
    unit's name outside brackets, into as many names as read as names; None when none does. The
    last may be a place whose organ the next name prints (`organ_after`: 甲县、乙县人民政府)."""
    best: dict[int, list[str]] = {0: []}
    cuts = [m.start() for m in GRAMMAR.unit_start_anywhere_re.finditer(text) if _outside_brackets(text, m.start())]
    # a place's name opens with no unit's opening (某某县): where one stands last
    cuts += [len(text) - k for k in range(2, min(_PLACE_MAX, len(text) - 1) + 1)
             if organ_after and _place(text[len(text) - k:])]

    def name(piece: str, end: int) -> bool:
        return _bare_name(piece) or (end == len(text) and organ_after and _place(piece))

    for end in sorted(set(cuts[1:] + [len(text)])):
        options = [best[b] + [text[b:end]] for b in best if b < end and name(text[b:end], end)]
        if options:
            best[end] = max(options, key=len)
    return best.get(len(text))


_ORGANS = "|".join(map(re.escape, GRAMMAR.units["organ_suffixes"]))
_LEVELS = "".join(GRAMMAR.units["level_words"])
_PLACES_ORGAN = re.compile(rf"^[\u4e00-\u9fff]{{1,6}}?[{_LEVELS}](?:{_ORGANS})$")
_PLACE_MAX = 6  # a place's name and its level word (某某县, 某某市): a few characters
_PLACE = re.compile(rf"[\u4e00-\u9fff]{{1,{_PLACE_MAX - 1}}}[{_LEVELS}]")


def _places_organ(name: str) -> bool:
    """A place's government named whole (乙县人民政府, 丁市政府)."""
    return bool(_PLACES_ORGAN.match(name))


def _place(piece: str) -> bool:
    """`甲县、乙县人民政府`, `丙县、丁市人民政府`: a place before a name that prints a place's organ,
    that organ printed once for both: a unit of its own, named as printed."""
    return bool(_PLACE.fullmatch(piece)) and not _NOT_IN_NAMES.search(piece) and not _is_name(piece)


def _bare_name(text: str) -> bool:
    """A unit's name once its bracketed parts are set aside (各县(市、区)政府: 各县政府)."""
    return _is_name(re.sub(r"\([^()]*\)", "", text))


def _outside_brackets(text: str, i: int) -> bool:
    """Is position i outside any bracket: a mark or a name's opening inside 各县(市、区) is part
    of one name, no place to cut the list."""
    return text[:i].count("(") == text[:i].count(")")


def _units_run(s: str, i: int, person: bool) -> Run:
    """The units glued from position i on; where the table has an official's column, after
    the name that makes the longest run of units (张菁民政局…: 张菁, then 民政局)."""
    if not person:
        return _units_from(s, i)
    runs = [_units_from(s, i + k) for k in _NAME_LENGTHS if _may_be_name(s[i:i + k])]
    return max(runs, key=lambda run: len(run.units), default=Run([], i))


def _units_from(s: str, i: int) -> Run:
    """The units from i on: glued to each other, or kept apart by the list's own marks
    (`A、B,C等部门,各区(市)县政府`: then the list is split as any unit list is)."""
    units, start, apart = [], i, False
    while (unit := _unit_at(s, i)):
        units.append(unit)
        i += len(unit)
        if s[i:i + 1] and s[i] in _LIST_MARKS and _unit_at(s, i + 1):
            i, apart = i + 1, True
    if apart:
        return Run(split_units(s[start:i]), i)
    return Run(units, i)


def _may_be_name(text: str) -> bool:
    """An official's name: a few characters, none of a unit's ending or of a sentence."""
    return not _NOT_IN_NAMES.search(text) and not _is_name(text)


def _unit_at(s: str, i: int) -> str | None:
    """The shortest unit name that begins at i, with a bracketed part right after it."""
    for length in range(2, 16):
        name = s[i:i + length]
        if len(name) < length:
            return None
        if _is_name(name):
            close = s.find(")", i + length)
            if s[i + length:i + length + 1] == "(" and 0 < close - (i + length) <= 10:
                name = s[i:close + 1]  # 高新园(邹区镇)
            return name
    return None


def _is_name(name: str) -> bool:
    """Does this piece read as one unit's name: glued names have no marks between them, so
    only the name's own shape (its ending, no sentence word) says where one ends."""
    if _NOT_IN_NAMES.search(name):
        return False
    return looks_like_unit(name) or (len(name) >= 3 and name.endswith(_EXTRA_ENDINGS))
