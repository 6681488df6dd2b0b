"""Table reader: a header row names the columns (序号/重点任务/牵头单位/配合单位/责任单位 …);
cells come one a line (web tables, tab-indented Word exports) or rows run together in
one stream with no separators.
"""
from __future__ import annotations

import re
from itertools import takewhile
from dataclasses import dataclass, replace
from functools import lru_cache

from .blocks import ANNEX, ARABIC_ALONE, ARABIC_TASK, CN_DIGITS, DOTTED_TASK, Block, Segment, heading_of
from .glued import glued_rows, progress_before_units, progress_rows
from .clauses import is_time_cell, is_unit_list, looks_like_unit, split_groups, split_text_clause
from .duties import duties_apart
from .grammar import GRAMMAR
from .headerroles import roles_beside_each_other
from .records import ROLES
from .tableend import rows_end
from .text import Line, without_remark

_TIME_CELL = re.compile(r"(\d{4}年|\d+月|年底|底前|前完成|长期|持续|每年|常态)")
_KEYWORD = re.compile(GRAMMAR.keywords)


@dataclass
class Header:
    kinds: list[str]  # column kinds: task, number, category, time, lead, support, implement, responsible
    end: int  # index of the first line after the header
    trailing: str  # text glued after the header on the same line (rows run together)
    text: str = ""  # the header as printed on one line, should it repeat inside glued rows

    def __post_init__(self):
        # 重点任务 | 具体措施 | 牵头单位: of two task columns the first groups rows, as a 类别 column does
        tasks = [i for i, k in enumerate(self.kinds) if k == "task"]
        if len(tasks) >= 2 and "category" not in self.kinds:
            self.kinds = [("category" if i == tasks[0] else k) for i, k in enumerate(self.kinds)]

    @property
    def category_in_row(self) -> bool:
        """A 类别 column between 序号 and the task: its (merged) cell opens a group's first row."""
        kinds = self.kinds
        return "category" in kinds and "task" in kinds and kinds.index("category") < kinds.index("task") and (
            "number" in kinds and kinds.index("number") < kinds.index("category"))

    @property
    def time_last(self) -> bool:
        """The 完成时限 cell closes the row: a unit-like line after it is not a column of the row."""
        return bool(self.kinds) and self.kinds[-1] == "time"

    @property
    def role_columns(self) -> list[str]:
        return role_columns_of(self.kinds)


def role_columns_of(kinds: list[str]) -> list[str]:
    """The roles of a table's unit columns, in order: a 责任单位 column beside a 牵头单位 one supports."""
    roles = [k for k in kinds if k in ROLES]
    if "lead" in roles:
        roles = ["support" if r == "responsible" else r for r in roles]
        first = roles.index("lead")  # 第一责任单位 | 主要责任单位: the main units beside the first one support
        roles = ["support" if r == "lead" and k > first else r for k, r in enumerate(roles)]
    return roles


def match_header(lines: list[Line], i: int) -> Header | None:
    """A table header at line i: header words on one line, or one word a line."""
    text = lines[i].text
    for start in _header_starts(text):
        kinds, words, pos = _header_words_from(text, start)
        if start and start == _prefixed_start(text) and (len(kinds) < 3 or pos < len(text)):
            continue  # 实事内容工作任务…: a cell's own word before the header's, the line all header
        if len(kinds) >= 2 and any(k in ROLES for k in kinds):
            kinds = roles_beside_each_other(_alone(kinds, text[start:pos]), words)
            end = i + 2 if pos == len(text) and i + 1 < len(lines) and _PERIODS.fullmatch(lines[i + 1].text) else i + 1
            return Header(kinds, end, text[pos:], text[start:pos])
    kinds, texts, j, second = [], [], i, None
    while j < len(lines):
        text, width = lines[j].text, 1
        if second is None and j > i and lines[j].no != lines[j - 1].no and lines[j - 1].cell > 0:
            second = len(kinds)  # the header's second printed line, under a line of cells
        if j + 1 < len(lines) and _broken_header_cell(text, lines[j + 1].text):
            text, width = text + lines[j + 1].text, 2  # a header cell broken over two lines: 項目 / 名稱
        wrapped = _wrapped_cells_at(lines, j) if kinds else []
        if wrapped:  # 牵头 / 配合 / 单位 / 单位: narrow cells wrapped, their pieces one a line
            kinds.extend(header_cell_kind(cell) for cell in wrapped)
            texts.extend(wrapped)
            j += 2 * len(wrapped)
            continue
        kind = header_cell_kind(text) or _qualified_cell_kind(text)
        pair = _cells_read_as_field(text) if kind is None and kinds else None
        if pair:  # 牵头单位 / 责任人 read as a label and its value: two cells of the header
            kinds.extend(pair)
            texts.extend(text.split(":", 1))
            j += width
            continue
        if kind in ("task", "category") and any(k in ROLES for k in kinds) and _PERIOD_PREFIX.match(text):
            kind = "other"  # 三季度任务分解 after the units: a period's plan, no text column
        if (kind in ("task", "category", "number") and text not in GRAMMAR.header_words
                and any(k in ROLES for k in kinds)):
            break  # after the unit columns only a header word itself: 托育服務項目 is a row's cell
        if kind is None and kinds and (text in _NO_ROLE_CELLS or _known_cell_ahead(lines, j + 1)):
            kind = "other"  # 评分部门, or 单位 / 年度目标: columns the grammar has no word for, between two it has
        if kind is None:
            break
        kinds.append(kind)
        texts.append(text)
        j += width
        while kinds and j < len(lines) and _QUALIFIER.fullmatch(lines[j].text):
            j += 1  # 進展情況 / (6月): a qualifier of the cell above, on a line of its own
    if len(kinds) < 2:
        return None  # most lines: the mends below keep a list this short as short
    kinds, j = _period_cells_below(kinds, lines, j)
    kinds = roles_beside_each_other(_assessor_alone(_sub_row_in_place(kinds, second), texts), texts)
    if len(kinds) >= 2 and any(k in ROLES for k in kinds):
        return Header(kinds, j, "")
    return None


_WRAP_PIECE_MAX = GRAMMAR.layout["header_wrap_piece_max"]
_WRAP_CELLS_MAX = 8


def _wrapped_cells_at(lines: list[Line], j: int) -> list[str]:
    """A header whose narrow cells Word wrapped (`牵头` over `单位`, `配合` over `单位`), exported one
    cell a line: the top pieces of n cells, then their n second pieces (牵头 / 配合 / 完成 / 单位 /
    单位 / 时限). Each top piece joined with its second is a header word itself (牵头单位, not 备注 +
    a row's 第一组), and some piece alone names none (配合, 单位: the reading one a line would stop
    there). The joined cells, else none."""
    pieces = [ln.text for ln in takewhile(lambda ln: 0 < len(ln.text) <= _WRAP_PIECE_MAX,
                                          lines[j:j + 2 * _WRAP_CELLS_MAX])]
    for n in range(len(pieces) // 2, 0, -1):
        joined = [top + end for top, end in zip(pieces[:n], pieces[n:2 * n])]
        if all(cell in GRAMMAR.header_words for cell in joined) and not all(map(header_cell_kind, pieces[:2 * n])):
            return joined
    return []


_DEADLINE_OPENING = re.compile(GRAMMAR.layout["glued_deadline_next"])
_PERIOD_CELL = re.compile(GRAMMAR.layout["period_sub_column"])


def _period_cells_below(kinds: list[str], lines: list[Line], j: int) -> tuple[list[str], int]:
    """进度安排 over 一季度 / … / 四季度, one cell a line after the header's cells: the rows print a
    cell for each period, so the one time column becomes as many (under exactly one time column)."""
    periods = list(takewhile(lambda ln: _PERIOD_CELL.match(ln.text), lines[j:]))
    if len(periods) < 2 or kinds.count("time") != 1:
        return kinds, j
    parent = kinds.index("time")
    return kinds[:parent] + ["time"] * len(periods) + kinds[parent + 1:], j + len(periods)


_UNDER_ROLE = ROLES + ("person",)  # 责任单位 over 牵头领导 | 牵头单位: an official's column beside the units


def _sub_row_in_place(kinds: list[str], second: int | None) -> list[str]:
    """责任单位 over 牵头单位 | 协助单位 (a merged cell exported as two header lines): a second line of
    role cells only takes the place of the one role cell above it, not places after the last column."""
    top, below = kinds[:second], kinds[second:] if second is not None else []
    parents = [k for k, kind in enumerate(top) if kind in ROLES]
    if len(below) < 2 or len(parents) != 1 or not all(k in _UNDER_ROLE for k in below) \
            or not any(k in ROLES for k in below):
        return kinds
    return top[:parents[0]] + below + top[parents[0] + 1:]


_ASSESSORS = frozenset(GRAMMAR.layout["assessor_columns"])


def _assessor_alone(kinds: list[str], texts: list[str]) -> list[str]:
    """A 监考单位 (考核单位) column where no column names units in a role: the only link between
    the rows and departments, read as a 责任单位 column; beside one, a body in no role."""
    if any(k in ROLES for k in kinds):
        return kinds
    return ["responsible" if text in _ASSESSORS else k for k, text in zip(kinds, texts)]


def _broken_header_cell(text: str, following: str) -> bool:
    """項目 / 名稱, 市政府 / 分管领导: one header cell broken over two lines, the first part no
    cell of its own."""
    if not header_cell_kind(following):
        return text + following in GRAMMAR.header_words
    joined = header_cell_kind(text + following) if len(text) <= 4 and header_cell_kind(text) is None else None
    return joined == "person"  # not 年度目标 / 责任部门: two columns


def _cells_read_as_field(text: str) -> list[str] | None:
    """`牵头单位:责任人`: two header cells one a line that the lines' reading joined as a field's label
    and its value (the value's word hidden from it: a mirror's pinyin, a spelling); both header
    words, they are two columns, no field."""
    label, colon, value = text.partition(":")
    if not colon or label not in GRAMMAR.header_words:
        return None
    kind = header_cell_kind(value)
    return [GRAMMAR.header_words[label], kind] if kind else None


def _qualified_cell_kind(text: str) -> str | None:
    """`责任单位:(数据提供单位)`: a header cell broken over two lines, its bracketed qualifier on the second,
    that the lines' reading joined as a field's label and its value: the label's column."""
    label, colon, value = text.partition(":")
    return GRAMMAR.header_words.get(label) if colon and _QUALIFIER.fullmatch(value) else None


_NO_ROLE_CELLS = frozenset(GRAMMAR.layout["other_labels"])  # 评分部门, 考核单位: bodies in no role for the task
_UNKNOWN_RUN = 2  # header cells the grammar has no word for, side by side, before one it has


def _known_cell_ahead(lines: list[Line], j: int) -> bool:
    """A header cell the grammar knows within the next few lines, only header-shaped cells between:
    the cells before it are columns of the header too (单位 / 年度目标 / 责任部门)."""
    for k in range(j, min(j + _UNKNOWN_RUN, len(lines))):
        if header_cell_kind(lines[k].text):
            return True
        if not header_shaped(lines[k].text):
            return False
    return False


_QUALIFIER = re.compile(r"[(\[【](?![一二三四五六七八九十百\d]+[)\]】])[^()\[\]【】。,;]{1,8}[)\]】]")  # (6月), not (一)


def _header_starts(text: str) -> list[int]:
    """Where a header on one line may begin: the line's start, or a 序号 word after a title
    glued before it (`…责任分解表序号项目名称…牵头单位配合单位1增加…`)."""
    starts = [0] + [m.start() for m in _NUMBER_WORD.finditer(text) if m.start() > 0][:1]
    prefixed = _prefixed_start(text)
    return starts + [prefixed] if prefixed else starts


_CELL_PREFIX = 4  # characters of a header cell's own before a header word (实事 + 内容)
# a second header row naming a progress column's periods: 一季度二季度三季度四季度, 1月2月3月
_PERIODS = re.compile(GRAMMAR.layout["period_subheader"])


_ALL_WORDS = re.compile(r"[\u4e00-\u9fff]{7,60}")


def _prefixed_start(text: str) -> int | None:
    """Where the first header word stands when a few characters of the cell's own open the line
    (实事内容: 内容), none of them punctuation or digits; None when the line opens with one."""
    if not _ALL_WORDS.fullmatch(text) or GRAMMAR.header_re.match(text):
        return None  # a header run together holds words only: most lines fail this cheap test
    m = GRAMMAR.header_re.search(text, 1, _CELL_PREFIX + 6)
    if m and m.start() <= _CELL_PREFIX and re.fullmatch(r"[\u4e00-\u9fff]+", text[:m.start()]):
        return m.start()
    return None


def _alone(kinds: list[str], header: str) -> list[str]:
    """A 主要责任单位 column with no other role column beside it: responsible (主要 leads only
    where 其他/次要责任单位 stand beside it)."""
    roles = [k for k in kinds if k in ROLES]
    if roles == ["lead"] and any(w in header for w in GRAMMAR.layout["lead_only_beside_others"]):
        return ["responsible" if k == "lead" else k for k in kinds]
    return kinds


def _header_words_from(text: str, pos: int) -> tuple[list[str], list[str], int]:
    """The column kinds and header words of a header printed on one line from pos, and where they end."""
    kinds, words = [], []
    while pos < len(text):
        year = _YEAR_BEFORE.match(text, pos)  # 2012年计划投资: the column of this year's 计划投资
        m = GRAMMAR.header_re.match(text, year.end() if year else pos) or (kinds and _word_after_own(text, pos))
        if not m:
            break
        kinds.append(GRAMMAR.header_words[m.group(1)])
        words.append(m.group(1))
        pos = m.end()
    return kinds, words, pos


def _word_after_own(text: str, pos: int) -> re.Match | None:
    """`…重点工作工作推进情况牵头单位…`: a header cell whose column word follows a few characters of its
    own (工作 + 推进情况), inside a header run together (after its first word: a line's opening is
    _prefixed_start's): taken only where another header word follows it at once, so that a row's text
    glued after the header is never read as a cell."""
    m = GRAMMAR.header_re.search(text, pos + 1, pos + _CELL_PREFIX + _LONGEST_WORD)
    if not m or m.start() - pos > _CELL_PREFIX or not re.fullmatch(r"[\u4e00-\u9fff]+", text[pos:m.start()]):
        return None
    return m if GRAMMAR.header_re.match(text, m.end()) else None


_LONGEST_WORD = max(map(len, GRAMMAR.header_words))
_YEAR_BEFORE = re.compile(r"\d{4}年度?")
_NUMBER_WORD = re.compile("|".join(map(re.escape, GRAMMAR.columns["number"])))
_ROLE_RANK = ("lead", "support", "implement", "responsible")
# a role's column joined to a persons' word (牵头单位及 主要负责人, 责任单位和责任人): the unit's head is named beside it
_JOINED_PERSONS = re.compile(rf"(?:{'|'.join(map(re.escape, GRAMMAR.table['persons']['label_joiners']))})\s*"
                             rf"(?:{'|'.join(map(re.escape, GRAMMAR.table['persons']['header_joined']))})$")

# ...the persons' word first (责任领导及单位, 责任领导及责任单位): the officials' names open each cell
_PERSONS_JOINED_FIRST = re.compile(rf"(?:{'|'.join(map(re.escape, GRAMMAR.table['persons']['header_joined']))})\s*"
                                   rf"(?:{'|'.join(map(re.escape, GRAMMAR.table['persons']['label_joiners']))})\s*")
_UNIT_HEADS = frozenset(GRAMMAR.table["label_parts"]["heads"])


def _units_column_kind(words: str) -> str | None:
    """The kind of a column its header names by the units' words after the persons' (责任领导及X): a
    role's column word (责任单位, 牵头单位), or a bare head (单位, 部门) with no role word: responsible,
    as a role label composed with no prefix is ([label_parts] prefixes responsible)."""
    kind = header_cell_kind(words)
    return kind if kind in _ROLE_RANK else ("responsible" if words in _UNIT_HEADS else None)


@lru_cache(maxsize=65536)
def header_cell_kind(text: str) -> str | None:
    """A header cell's column kind: its word (配合单位), or the word a short cell holds
    (`责任单位或牵头单位` → lead, `工作内容及要求` → task, `完成期限` → time)."""
    if text in GRAMMAR.header_words:
        return GRAMMAR.header_words[text]
    if _VALUE_COLUMN.match(text):
        return "other"
    if " " in text and all(len(piece) <= 2 for piece in text.split()):
        return header_cell_kind(text.replace(" ", ""))  # 项 目: a short cell spaced out to the column's width
    bare = without_remark(text)
    if bare != text and 2 <= len(bare) <= 12 and "(" not in bare:  # 重点工作任务(杭州市2项配合工作)
        return header_cell_kind(bare)  # the column its words name, the remark aside
    persons = _JOINED_PERSONS.search(text)
    if persons and persons.start():
        return header_cell_kind(text[:persons.start()])  # 牵头单位及主要负责人: the role's column, its head named too
    persons_first = _PERSONS_JOINED_FIRST.match(text)
    units_kind = persons_first and _units_column_kind(text[persons_first.end():])
    if units_kind:
        return units_kind  # 责任领导及单位: the units' column, their heads named first in its cells
    year = _YEAR_BEFORE.match(text)
    if year and year.end() < len(text):
        return header_cell_kind(text[year.end():])  # 2024年建設內容: the column of this year's 建設內容
    text = _PERIOD_PREFIX.sub("", text)
    if not header_shaped(text):
        return None
    opening = _opening_role(text)
    if opening:
        return opening
    # the word must be most of the cell: 任务分解和责任分工方案 is a title, not a header cell
    found = [GRAMMAR.header_words[m.group(1)] for m in GRAMMAR.header_re.finditer(text)
             if len(text) <= len(m.group(1)) + 5 and GRAMMAR.header_words[m.group(1)] in _COLUMN_KINDS]
    # a deadline's word (推进, 全年) inside a short cell makes no header cell: 推进厕所改造 is a task
    roles = [k for k in found if k in _ROLE_RANK]
    return min(roles, key=_ROLE_RANK.index) if roles else (found[0] if found else None)


# a column named with its year or period: 2022年度任务目标, 1-10月推进情况, 1-9月份工作完成情况
_PERIOD_PREFIX = re.compile(r"^(?:\d{4}年度?|\d{1,2}(?:[-—~至]\d{1,2})?月份?|第?[一二三四1-4]季度|上半年|下半年)"
                            r"(?=[\u4e00-\u9fff]{2})")


@lru_cache(maxsize=4096)
def _opening_role(text: str) -> str | None:
    """A header cell opened by a role label's prefix and closed by its head, words between
    (牵头组织实施单位, 配合推进部门): the prefix's role, over a label inside (实施单位)."""
    parts = GRAMMAR.table["label_parts"]
    if len(text) > 10 or not text.endswith(tuple(parts["heads"])):
        return None
    for role, prefixes in parts["prefixes"].items():
        if any(p and len(p) >= 2 and text.startswith(p) for p in prefixes):
            return role
    return None


def _fuller(runon: list[Block], stream: str, header: Header) -> list[Block]:
    """Rows run together where only some unit cells close with a role word (`…等按职责分工负责全年2…
    区教育局2024年12月3…`): the glued-row reading when it finds more rows with units."""
    if not header.time_last and all(b.segments and b.segments[0].text for b in runon):
        return runon
    glued = glued_rows(stream, header)
    return glued if len(glued) > sum(1 for b in runon if b.segments and b.segments[0].text) else runon


def _annex_number(lines: list[Line], i: int) -> str | None:
    """The number of the annex (附件2, 附表3) a table's header stands under: on one of the
    three lines above it, its title between."""
    for j in range(i - 1, max(i - 4, -1), -1):
        m = re.match(r"^(?:附件|附表)(\d{1,2})(?![\d.])", lines[j].text)
        if m:
            return m.group(1)
    return None


def _part_numeral(lines: list[Line], i: int) -> str | None:
    """The numeral of a part heading (`二、…责任分解`) on the line right above a table's header,
    where the plan gives each part a table of its own."""
    head = heading_of(lines[i - 1].text) if i else None
    return head.numeral if head and head.level == 1 else None


def _wrapped_names_joined(lines: list[Line]) -> list[Line]:
    """A unit's name a narrow cell wrapped onto two lines (区新兴产业 / 服务中心): one line, where
    neither part is a unit alone save the end, and the whole is one."""
    out: list[Line] = []
    for line in lines:
        before = out[-1] if out else None
        if before is not None and _wrapped_name(before.text, line.text):
            out[-1] = Line(before.text + line.text, before.raw + line.raw, before.blanks_before, before.no, before.cell)
        else:
            out.append(line)
    return out


def _wrapped_name(first: str, rest: str) -> bool:
    if len(first) > _WRAP_MAX or len(rest) > _WRAP_MAX or re.search(r"[。,;:、\d]", first + rest):
        return False
    incomplete = not looks_like_unit(first) or first.endswith(_LEVEL_WORDS)  # 区住房和城乡 / 建设局
    return (bool(GRAMMAR.unit_start_re.match(first)) and not GRAMMAR.unit_start_re.match(rest)
            and incomplete and looks_like_unit(rest) and is_unit_list(first + rest))  # not 各乡镇 / 长期坚持


_LEVEL_WORDS = tuple(GRAMMAR.units["level_words"])


_WRAP_MAX = GRAMMAR.layout["spaced_wrap_max"]
_COUNTING = re.compile(rf"\d+(?:{'|'.join(GRAMMAR.layout['count_words'])})")
_COUNTED_COLLECTIVE = re.compile(rf"\d+个(?=(?:{'|'.join(GRAMMAR.layout['counted_collectives'])})(?:$|[、,]))")


def _counts_things(text: str) -> bool:
    """A cell counting things (新增12家…工作站) is a task's text; a count naming a whole collective of
    places (13个街道, …等相关部门,13个街道) is a unit cell's name: every one of them."""
    return bool(_COUNTING.search(_COUNTED_COLLECTIVE.sub("", text)))


def _collective_levels_dropped(text: str) -> str:
    """A bare level word listed after a collective (13个街道、镇; 各街道、镇: the streets and the towns)
    names the same kind of collective, not a word of a task: left out where a cell is judged a unit
    list, as the collective before it would be judged."""
    return ",".join("、".join(name for k, name in enumerate(names)
                              if not (name in _LEVEL_WORDS and any(map(_collective_name, names[:k]))))
                    for names in (piece.split("、") for piece in text.split(",")))


def _collective_name(name: str) -> bool:
    """A name speaking of every place of a level: 各街道, 13个街道."""
    return name.startswith("各") or _COUNTED_COLLECTIVE.match(name) is not None


def units_cell(cell: Line) -> str:
    """A role cell's list; names a space apart (党政办 应消站) are two units, while letters
    spaced out one by one (市 容 局) are one name, and a bracket a space from a name is part of it."""
    head_first = _HEAD_FIRST.match(cell.raw)
    units = cell.raw[head_first.end():] if head_first else ""
    if head_first and _is_head_name(head_first.group(1), units.split("、")[0]):
        return units_cell(replace(cell, raw=units, text="".join(units.split())))  # 王某某;县住建局、县城管局
    printed = cell.raw.split()
    parts = _bracket_spaces_joined(_without_head_named(printed))
    spaced_names = len(parts) > 1 and min(map(len, parts)) >= 2
    return "、".join(parts) if spaced_names or len(parts) < len(printed) else cell.text


def _without_head_named(parts: list[str]) -> list[str]:
    """A role cell may print the unit's head a space after it (`市民政局 王某`, under a header
    `牵头单位及 主要负责人`): that last piece is the head, no unit."""
    return parts[:-1] if len(parts) >= 2 and _is_head_name(parts[-1], parts[-2]) else parts


def _is_head_name(piece: str, unit: str) -> bool:
    """Is `piece`, printed beside the unit `unit` in a role cell, the name of a person heading it: a
    person's name's shape (grammar [persons] name_shape), no unit by shape, beside a unit by shape.
    One test for a head named after its unit (`市民政局 王某`) and before its units under a header
    `责任领导及单位` (`王某某;县住建局、县城管局`, the official's field separator or a space after it)."""
    return (_PERSON_NAME.fullmatch(piece) is not None and not looks_like_unit(piece)
            and looks_like_unit(unit))


_PERSON_NAME = re.compile(GRAMMAR.table["persons"]["name_shape"])
# a first piece a person's name may be, closed by the official's field separator or a space
_HEAD_FIRST = re.compile(rf"\s*({GRAMMAR.table['persons']['name_shape']})"
                         rf"\s*(?:[{re.escape(GRAMMAR.table['persons']['field_separators'])}]\s*|\s+)")


def _bracket_spaces_joined(parts: list[str]) -> list[str]:
    """A space beside a bracket is no boundary between names: a bracket opening a part is the other
    name of the one before (市安委办 (工作专班办公室)), and a body opening as no unit's name does after
    a collective's places in brackets (各县区(开发区) 安委会: the 安委会 of each) ends that name;
    村(社区) 民政办 and 市财政局(国资委) 市税务局 stay two."""
    joined: list[str] = []
    for part in parts:
        if joined and (part[0] in _OPENING or _collective_body(joined[-1], part)):
            joined[-1] += part
        else:
            joined.append(part)
    return joined


def _collective_body(before: str, part: str) -> bool:
    """Is `part` the body of each place of a bracketed collective before it (各县区(开发区) 安委会)."""
    return (before[-1] in _CLOSING and before.startswith(_COLLECTIVE_OPENERS)
            and not GRAMMAR.unit_start_re.match(part))


_OPENING, _CLOSING = "(（〔[【", ")）〕]】"
_COLLECTIVE_OPENERS = tuple(GRAMMAR.units["collective_openers"])


def header_shaped(text: str) -> bool:
    """Short, without sentence punctuation or digits (but a figure column's year, 2023年目标): what a
    header cell looks like."""
    return text in GRAMMAR.header_words or bool(_VALUE_COLUMN.match(text)) or not (
        len(text) > 14 or re.search(r"[。,;:、\d]", text))


# a column of figures (现值, 2023年目标): between the text and the units, neither of them
_VALUE_COLUMN = re.compile(GRAMMAR.layout["value_column_header"])


def table_blocks(lines: list[Line]) -> tuple[list[Block], list[str]]:
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        header = match_header(lines, i)
        if header is None:
            i += 1
            continue
        end = _table_end(lines, header.end, i)
        body = _repeated_headers_dropped(lines, i, header.end, end)
        progress = _progress_rows_one_a_line(body, header)
        if progress:
            table = progress
        elif header.trailing or _rows_run_together(body):
            stream = (header.trailing + "\n" + "\n".join(ln.text for ln in body)).lstrip("\n")
            lost = not GRAMMAR.keyword_re.search(stream) and len(header.role_columns) >= 1
            table = glued_rows(stream, header) if lost else _fuller(runon_rows(stream, header), stream, header)
        else:
            body = _wrapped_names_joined(body)
            table = figure_rows(body, header) or positional_rows(body, header) or merged_rows(body, header) \
                or cell_rows(_spaced_cells(body), header)
            if not table and "number" not in header.kinds:  # no row opened by a number
                table = (lead_first_rows if header.kinds[0] in ROLES else unnumbered_rows)(body, header)
            if not table and not any(ARABIC_ALONE.match(ln.text) for ln in body):  # 序号 cells all empty
                table = leader_rows(body, header)
            if not table and "number" not in header.kinds and _cells_separated(lines[i + 1:header.end + 1]):
                table = separated_rows(body, header)
        if any(_DUTY_COLUMN_RE.search(ln.text) for ln in lines[i:header.end]):  # 部门 | 事权清单
            table = duties_apart(table)
        annex, part = _annex_number(lines, i), _part_numeral(lines, i)
        for block in table if annex else ():
            block.section_path = block.section_path or (annex,)  # 附件2's rows: 2.1 should numbering restart
        for block in table if part and not annex else ():
            block.section_path = (part,)  # 二、's own table: 二.1 should numbering restart, whatever groups its rows
            block.section = block.section or lines[i - 1].text  # …and the part its rows' section
        blocks.extend(table)
        i = end
    return blocks, []


_DUTY_COLUMN_RE = re.compile("|".join(map(re.escape, GRAMMAR.layout["duty_columns"])))


def _table_end(lines: list[Line], start: int, top: int) -> int:
    """Where a table's rows end: an annex's heading, or the header of the next table (a plan's
    parts, each over a table of its own); not the table's own header printed again (a page break);
    and before that the notice's own text after its last row (tableend.rows_end)."""
    j = start + 1
    while j < len(lines):
        header = header_cell_kind(lines[j].text) and match_header(lines, j)
        if ANNEX.match(lines[j].text) or (header and _next_table_header(lines, top, start, j, header.end)):
            return rows_end(lines, start, j)
        j = header.end if header else j + 1  # past the header printed again: none of its cells opens a table
    return rows_end(lines, start, len(lines))


def _next_table_header(lines: list[Line], top: int, start: int, j: int, end: int) -> bool:
    """Does the header at j (to `end`) open a table of its own: another header, or the same one again
    right under a part heading (`二、…牵头重点工作`), its rows numbered from 1 again: each part's table (a
    page break prints the header again, never a part heading over it, and numbers on). The last row's
    deadline cell before a header printed again (`长期坚持` / 序号 / …) reads as a header cell: the repeat
    inside the header's lines is the table's own."""
    repeat = next(filter(None, (_repeat_of_header(lines, top, start, k) for k in range(j, end))), None)
    if repeat is None:
        return True
    first = next((ln for ln in lines[repeat[1]:] if ARABIC_ALONE.match(ln.text)), None)
    return (repeat[0] == j and _part_numeral(lines, j) is not None
            and first is not None and ARABIC_ALONE.match(first.text).group(1) == "1")


def _repeat_of_header(lines: list[Line], top: int, start: int, j: int) -> tuple[int, int] | None:
    """The lines (first, end) of the header at `top` (ending at `start`) printed again at j, its
    cells the same in order, whatever their words: the matched cells and as many of the cells
    before them (序号 / 指标名称 / 单位, words the header reader has none for) as are printed
    again before j. None where j's header is another table's."""
    size = start - top
    if [ln.text for ln in lines[j:j + size]] != [ln.text for ln in lines[top:start]]:
        return None
    lead = 0
    while lead < top and j - lead - 1 >= start and lines[j - lead - 1].text == lines[top - lead - 1].text:
        lead += 1
    return j - lead, j + size


def _repeated_headers_dropped(lines: list[Line], top: int, start: int, end: int) -> list[Line]:
    """A table's body less its header printed again at page breaks (one cell a line, the cells
    before the matched ones among them): no row's cells, nor a sub-row of the row above."""
    body: list[Line] = []
    j = start
    while j < end:
        repeat = _repeat_of_header(lines, top, start, j) if header_cell_kind(lines[j].text) else None
        if repeat is None:
            body.append(lines[j])
            j += 1
            continue
        del body[len(body) - (j - repeat[0]):]
        j = repeat[1]
    return body


_GLUED_ROW = re.compile(r"^\d{1,3}[^\d.、\s]")


def _rows_run_together(body: list[Line]) -> bool:
    """Rows printed one a line with their cells glued: `1任务…。A牵头;B配合`."""
    glued = sum(1 for ln in body if _GLUED_ROW.match(ln.text) and GRAMMAR.keyword_re.search(ln.text))
    celled = sum(1 for ln in body if ARABIC_ALONE.match(ln.text) or ARABIC_TASK.match(ln.text))
    return glued >= 2 and glued > celled


def _progress_rows_one_a_line(body: list[Line], header: Header) -> list[Block]:
    """序号重点工作工作推进情况牵头单位责任单位 over rows one a line, each glued with no separator
    (glued.progress_rows); never where a number stands alone on a line (cells one a line)."""
    if header.trailing or not progress_before_units(header) or any(ARABIC_ALONE.match(ln.text) for ln in body):
        return []
    return progress_rows([ln.text for ln in body], header.role_columns)


def _spaced_cells(body: list[Line]) -> list[Line]:
    """A row printed on one line with its cells separated by spaces becomes one cell a line."""
    out: list[Line] = []
    for ln in body:
        parts = ln.raw.split()
        if len(parts) >= 3 and re.fullmatch(r"\d{1,3}[.、]?", parts[0]):
            out.extend(Line(p.replace("\u3000", ""), p, 0, ln.no) for p in parts)
        else:
            out.append(ln)
    return out



def runon_rows(stream: str, header: Header) -> list[Block]:
    """Rows run together: `1任务…。A牵头;B配合;C落实2任务…`. Numbers are sequential.

    With a last 完成时限 column the time cell sits between a row's units and the next
    number (`…C落实2023年底前2任务…`).
    """
    blocks: list[Block] = []
    m = _first_runon_row(stream, header)
    if not m:
        return blocks
    n, pos = int(m.group(1)), m.end()
    while True:
        nxt = str(n + 1)
        ends = _runon_row_end(stream, pos, nxt, header.time_last)
        body = stream[pos:ends[0]] if ends else stream[pos:]
        body = body.strip("\n")
        if ends is None and "\n" in body:
            cut = body.rfind("。")
            nl = body.find("\n", cut if cut >= 0 else 0)
            body = body[:nl] if nl >= 0 else body
        body = body.replace("\n", "")
        if ends is None and header.time_last:
            body = _without_time_tail(body)
        text, clause = split_text_clause(body) or ("", body)
        role = header.role_columns[0] if len(header.role_columns) == 1 else None
        if ends is not None or text or _cut_row_names(body):
            blocks.append(Block(str(n), None, (), [Segment(text, [(clause, role)])]))
        if ends is None:
            break
        pos = ends[1]
        n += 1
    return blocks if m.group(1) == "1" or len(blocks) >= _CONTINUED_ROWS else []


_FIRST_ROW = re.compile(r"\s*(\d{1,3})(?=[\u4e00-\u9fff“《])")
_CONTINUED_ROWS = GRAMMAR.layout["runon_continued_rows"]


def _cut_row_names(body: str) -> bool:
    """Does the last run-on row, no clause split from it, close with a unit's name after its text (`…。省教育厅`)?
    A row the page cut off inside its text (`…活动。深入`) names none: it is no task."""
    return looks_like_unit(body[body.rfind("。") + 1:])


def _first_runon_row(stream: str, header: Header) -> re.Match | None:
    """The first run-on row's number: 1, or, on a page that goes on with a table (`(上接第三版)`: its
    header printed again, row 21 glued to it), the number glued to a header that opens with its 序号
    column; such a row counts only where the rows after it follow it in sequence (runon_rows)."""
    m = re.match(r"\s*(1)(?!\d)", stream)
    if m:
        return m
    m = _FIRST_ROW.match(stream)
    glued_to_header = header.trailing and stream.startswith(header.trailing) and header.kinds[0] == "number"
    return m if m and glued_to_header else None


def _runon_row_end(stream: str, pos: int, nxt: str, time_cell: bool) -> tuple[int, int] | None:
    """(end of this row's units, start of row `nxt`'s text): the first role keyword after which
    row `nxt` begins, directly or (time_cell) after a 完成时限 cell; None for the last row."""
    for km in _KEYWORD.finditer(stream, pos):
        # the cheap tests first: only a keyword that row `nxt` (or a time cell and it) follows
        # is worth reading the units before it (split_text_clause)
        after_time = _after_time_cell(stream, km.end(), nxt) if time_cell and nxt in stream[
            km.end():km.end() + 21 + len(nxt)] else None
        at = km.end() + (stream[km.end():km.end() + 1] == "\n")
        if not after_time and not stream.startswith(nxt, at):  # also 102025年前: row 10 opens with a year
            continue
        if not split_text_clause(stream[pos:km.end()].replace("\n", "")):
            continue
        if after_time:
            return km.end(), after_time
        return km.end(), at + len(nxt)
    return None


def _after_time_cell(stream: str, start: int, nxt: str) -> int | None:
    """Where row `nxt`'s text begins when a whole 完成时限 cell sits at `start` before its number.

    The longest such cell wins: in `2023年2月底前2…` row 2 begins after 底前, not at 2月.
    """
    for end in range(min(len(stream), start + 20), start, -1):
        gap = stream[start:end]
        if is_time_cell(gap.rstrip("\n")) and stream.startswith(nxt, end):
            return end + len(nxt)
    return None


def _without_time_tail(body: str) -> str:
    """The last run-on row without the 完成时限 cell after its last role keyword."""
    last = None
    for last in _KEYWORD.finditer(body):
        pass
    if last is not None and is_time_cell(body[last.end():]):
        return body[: last.end()]
    return body


def cell_rows(lines: list[Line], header: Header) -> list[Block]:
    """Cells one a line: number, task text, unit cells; category cells come in pieces before a row.
    Each line is a row's number, a cell before its units, or a cell after them (units, deadline,
    a sub-row's text); the merged cells are settled once all rows are read."""
    reading = _CellRowReading(lines, header)
    for k, line in enumerate(lines):
        reading.read(line, lines[k + 1:k + 2])
    return reading.rows()


class _CellRowReading:
    """What the cell-row reader holds from one cell to the next: the rows so far, the open row and
    how far along its cells it is, and the cells no row has taken yet."""

    def __init__(self, lines: list[Line], header: Header) -> None:
        self.lines = lines
        self.header = header
        self.roles = header.role_columns
        self.has_time = "time" in header.kinds
        self.blocks: list[Block] = []
        self.section: str | None = None
        self.pending: list[str] = []  # text after a row's unit cells: the next section, or a sub-row
        self.row: Block | None = None
        self.category = ""  # a merged 类别 cell inside the current row, joined from its pieces
        self.state = "pre"  # pre → text → units → (closed, once a last-column time cell is read)
        self.texts: list[str] = []  # the current row's cells before its units
        self.after = len(header.kinds) - 1 - max((k for k, kind in enumerate(header.kinds) if kind in ROLES),
                                                 default=0)
        self.read_after = 0  # the current row's cells after its units read as deadlines
        self.cut_names = _cut_names(lines)
        self.numbered_categories = False  # the table's 类别 cells carry numerals (一、就业): an unnumbered cell is text
        self.text_first = _text_before_units(header)
        self.no_unit_rows: set[int] = set()  # rows that reached the next number with no more cells than their texts
        self.rows_on_lines = any(ln.cell > 0 for ln in lines)  # `|` rows: a row's cells share its line
        self.opened_at: Line | None = None  # the line whose cell opened the open row
        self.number_in_text = False
        self.names_going_on = 0  # unit lines still to come that go on the cell printed one name a line
        self.row_cells: dict[int, list[Line]] = {}  # a line's number → its cells, for `|` rows
        for ln in lines:
            self.row_cells.setdefault(ln.no, []).append(ln)

    def read(self, line: Line, following: list[Line]) -> None:
        """One cell: a row's number opens a row; any other cell goes to the open row by how far
        along its cells the row is (before its units, or after them)."""
        text = line.text
        if text in GRAMMAR.header_words:
            return  # a repeated header row
        row, state = self.row, self.state
        m = ARABIC_ALONE.match(text) or DOTTED_TASK.match(text) or ARABIC_TASK.match(text) or _next_glued(text, row)
        if m and row is not None and state == "units" and _stray_figure(m, row, following, self._on_row_line(line)):
            return  # a figure cell between the row's unit and deadline cells: no column the reader reads
        if m and row is not None:
            m = self._row_number(m, line, following)
        if m and not text[len(m.group(1)):].startswith(("年", "月", "日", "%", "个", "岁")):
            self._open_row(m, line)
        elif row is None:
            if header_cell_kind(text) is None:  # a header cell the header reader stopped short of is none
                self.pending.append(text)
        elif state == "text" and self._next_rows_category(line, following):
            self.pending.append(text)
        elif state == "text":
            self._cell_before_units(line, following)
        elif state in ("units", "closed"):
            self._cell_after_units(line, following)

    def _row_number(self, m: re.Match, line: Line, following: list[Line]) -> re.Match | None:
        """The number opening a cell, if it is the next row's 序号 and no figure or step inside the
        open row."""
        row, state, text = self.row, self.state, line.text
        if _figure_among_figures(m, row, self.pending, following):
            return None
        if state == "text" and not row.segments[-1].text and m.re is not ARABIC_ALONE:
            return None  # the cell after a bare row number (1 / 1.便利市场准入): a category or task cell
        if state == "text" and m.re is ARABIC_ALONE and not in_sequence(m.group(1), row.number):
            return None  # a figure among the row's cells (年度目标 1.2), not the next row's number
        if (state != "text" or line.cell > 0 or self.texts) and m.re is not ARABIC_ALONE \
                and not in_sequence(m.group(1), row.number):
            return None  # steps in a cell after the units, in a |-cell inside its row (1.完成招标;2.启动施工), or
            # in a cell one a line after the row's text (2.1 / 项目… / 1.站点布局:…): out of sequence, the cell's text
        return m

    def _open_row(self, m: re.Match, line: Line) -> None:
        """A row's number: the open row is closed (its trailing cells settled, merged units taken),
        the cells between the rows open a section, and a new row opens."""
        row, state = self.row, self.state
        if row is not None and state == "text" and len(self.texts) <= _text_columns(self.header):
            self.no_unit_rows.add(id(row))  # its own cells only, none holding its units: they may be merged
        if row is not None:
            pending = _continuation_units(row, self.pending, self.roles, state)
            self.pending = _without_trailing_cells(pending, self.after - self.read_after)
            if state == "text":
                _take_merged_units(self.blocks, self.texts, self.header, self.after)
            if state == "text" and self._text_cell_alone():
                _take_units_above(self.blocks)
        pending = _sub_row_cells_dropped(self.pending)
        if pending:
            self.section = self._section_of(pending, line)
            pending = []
        self.pending = pending
        rest = m.group(2) if m.re is not ARABIC_ALONE else ""
        self.row = Block(m.group(1), self.section, _section_numerals(self.section), [Segment(rest)])
        self.blocks.append(self.row)
        self.category, self.state, self.texts, self.read_after = "", "text", [rest] if rest else [], 0
        self.opened_at = line
        self.number_in_text = m.re is not ARABIC_ALONE  # `2.做好…`: the row prints no 序号 cell of its own

    def _section_of(self, pending: list[str], line: Line) -> str:
        """The cells before a row's number as the section of the rows from it: the last of several
        headings, or of several group cells printed on the numbered cell's own `|` line (类别 | 工作任务 |
        1.…: the innermost group, as a merged category column's); else the cell, wrapped in pieces, joined."""
        own = [ln.text for ln in self.row_cells.get(line.no, []) if ln.cell < line.cell]
        if len(pending) > 1 and (all(map(heading_of, pending)) or len(own) > 1 and pending[-len(own):] == own):
            return pending[-1]
        return "".join(pending)

    def _on_row_line(self, line: Line) -> bool:
        """Is `line` a later cell of the `|` (or tab) line that opened the open row: a cell of that row."""
        return self.rows_on_lines and line.cell > 0 and self.opened_at is not None and line.no == self.opened_at.no

    def _next_rows_category(self, line: Line, following: list[Line]) -> bool:
        """A category cell opening a new `|` row with more cells beside it (`二、… | 3.… | X |`), while
        the open row holds only its text cell on its own line: the next row's, which opens a group."""
        return (self._text_cell_alone() and line.cell == 0 and line.no != self.opened_at.no
                and bool(following) and following[0].no == line.no
                and (heading_of(line.text) is not None or _is_category_cell(line.text)))

    def _text_cell_alone(self) -> bool:
        """The open row printed as a `|` row of its numbered text cell only, under a header with no 序号
        column and more columns before its units (`2.做好…工作。 |` under 工作任务 | 具体要求 | 责任部门), in a
        table whose rows keep their cells on one line: its category cell and its unit cells were merged
        over it from the row above (a web table's rowspan printed once). A row that prints its own 序号
        cell may have empty cells the text does not show: it is left as it is."""
        opened = self.opened_at
        return (self.rows_on_lines and opened.cell == 0 and self.number_in_text
                and "number" not in self.header.kinds
                and len(self.texts) == 1 < _text_columns(self.header) and not self.row.segments[-1].cells)

    def _is_unit_cell(self, line: Line) -> bool:
        """Does the cell hold units: a list of unit names (a name cut over two lines too), or a cell
        standing under the unit column after the leaders' names?"""
        seg, text = self.row.segments[-1], line.text
        unit_cell = not _counts_things(text) and not self._deadline_opening(text) and (is_unit_list(_collective_levels_dropped(text)) or id(line) in self.cut_names or (
            text.endswith("。") and bool(seg.text) and is_unit_list(text[:-1])))  # 区投资促进中心。 after the
        # row's text; 建成县…中心。 is one; 新增12家…工作站 a task's text
        return unit_cell or (self.state == "text" and line is not self.lines[-1]  # a cut-off last cell: no unit
                             and _under_units_after_leaders(self.texts, self.header, text))

    def _deadline_opening(self, text: str) -> bool:
        """12月底前水厂投入运行: under a header with a time column, a cell opening with a deadline is that
        column's (a quarter's milestone), though it ends like a unit's name (运行, as 银行)."""
        return self.has_time and _DEADLINE_OPENING.match(text) is not None

    def _cell_before_units(self, line: Line, following: list[Line]) -> None:
        """A cell of the open row before its units: its first unit cell, a piece of a merged 类别 cell,
        or its text."""
        row, seg, text = self.row, self.row.segments[-1], line.text
        if self._is_unit_cell(line) and (seg.text or not (seg.cells or self.text_first)):
            seg.text = _text_cells(self.texts, self.header) if len(row.segments) == 1 else seg.text
            seg.cells.append((units_cell(line), self.roles[0] if self.roles else None))
            self.state = "units"
        elif self.header.category_in_row and len(row.segments) == 1 and _is_category_cell(seg.text) \
                and not (self.numbered_categories and not _NUMERAL_MARK.match(seg.text)):
            self.numbered_categories = self.numbered_categories or bool(_NUMERAL_MARK.match(seg.text))
            self.category += seg.text  # the merged 类别 cell (perhaps in pieces: 生态 / 保护修复), then the task
            self.section = row.section = self.category
            row.section_path = _section_numerals(self.section)
            seg.text, self.texts = text, [text]
        elif self._another_leader(text, following):
            seg.text += text
            self.texts[-1] += "、" + text  # 梅某 / 顾某: two leaders' names on two lines, one cell
        else:
            seg.text += text
            self.texts.append(text)

    def _another_leader(self, text: str, following: list[Line]) -> bool:
        """A name right after a name under the leaders' column before the units, a unit cell next:
        the same cell's next name (a 牵头领导 cell holding two names on two lines), no column of its own."""
        first = next((k for k, kind in enumerate(self.header.kinds) if kind in ROLES), 0)
        return (first > 0 and self.header.kinds[first - 1] == "person" and len(self.texts) >= 2
                and bool(_NAMES.fullmatch(self.texts[-1].split("、")[-1])) and bool(_NAMES.fullmatch(text))
                and bool(following) and is_unit_list(following[0].text))

    def _cell_after_units(self, line: Line, following: list[Line]) -> None:
        """A cell of the open row after its first unit cell: more units, a sub-row's units, a
        deadline, a level's lead, or a cell kept for what follows (a section, a sub-row's text)."""
        seg, text, roles = self.row.segments[-1], line.text, self.roles
        unit_cell = self._is_unit_cell(line) or (self.state == "units" and not self.pending
                                                 and len(seg.cells) < len(roles) and _units_among_names(text, following))
        if self.state == "units" and not self.pending and _OTHER_NAME.fullmatch(text):
            seg.cells[-1] = (seg.cells[-1][0] + text, seg.cells[-1][1])  # 区发改局 / (区金融办): its other name
            self.names_going_on = self._surplus_unit_lines(line)
            return
        if unit_cell and not self.pending and self.names_going_on:
            self.names_going_on -= 1  # 区发改局 / (区金融办) / 区经信局: the same cell, one name a line
            seg.cells[-1] = (seg.cells[-1][0] + "、" + units_cell(line), seg.cells[-1][1])
            return
        if unit_cell and not self.pending and self.state == "closed":
            self.pending.append(text)  # after the row's last column: a signature, not a unit cell
        elif unit_cell and not self.pending:
            k = len(seg.cells)
            if seg.cells[-1][0].endswith(("、", ",")):  # a unit list broken over two lines
                seg.cells[-1] = (seg.cells[-1][0] + text, seg.cells[-1][1])
            else:
                seg.cells.append((units_cell(line), roles[k] if k < len(roles) else _MORE))
        elif unit_cell:  # a sub-row: its own text and units
            self.row.segments.append(Segment("".join(self.pending), [(text, roles[0] if roles else None)]))
            self.pending = []
            self.state = "units"
        elif self.state == "units" and _official_beside(self.header, len(seg.cells), text):
            return  # 牵头单位 | 责任人 | 相关单位: the unit's official, no sub-row's text
        elif self.has_time and len(text) <= 20 and _TIME_CELL.search(text):
            self.state = "closed" if self.header.time_last else self.state
            self.read_after += 1
        elif _LEVEL_LEAD.match(text):  # 省牵头单位:省农业农村厅 under a city's row
            seg.cells = _with_level_lead(seg.cells, [text])
        else:
            self.pending.append(text)

    def _surplus_unit_lines(self, other_name: Line) -> int:
        """A unit cell whose other name stood on a line of its own is printed one name a line: of the
        unit lines left in the row, those beyond the columns still to fill (the role columns and the
        columns after them) are more names of that cell."""
        at = next(k for k, ln in enumerate(self.lines) if ln is other_name)
        ahead = len(list(takewhile(lambda ln: is_unit_list(ln.text) and not ARABIC_ALONE.match(ln.text),
                                   self.lines[at + 1:])))
        unfilled = len(self.roles) - len(self.row.segments[-1].cells) + _columns_after_units(self.header)
        return max(0, ahead - unfilled)

    def rows(self) -> list[Block]:
        """The rows read, once the last row is closed and the merged cells settled; rows with no unit left out."""
        if self.row is not None and self.state == "text":
            _take_merged_units(self.blocks, self.texts, self.header, self.after, last=True)
        _group_cells_shared_below(self.blocks, self.no_unit_rows)
        _sub_rows_take_merged_units(self.blocks, self.roles)
        trailing = _columns_after_units(self.header)
        for b in self.blocks:
            for seg in b.segments:
                seg.cells = _settled(seg.cells, trailing)
        return [b for b in self.blocks if b.has_clause()]


_PROGRESS_FIGURE = re.compile("|".join(GRAMMAR.layout[key] for key in ("progress_figure", "progress_figure_bracketed")))


def _figure_among_figures(m: re.Match, row: Block, pending: list[str], following: list[Line]) -> bool:
    """A bare number that is a progress figure, not the next row's 序号: a 序号 cell is followed by
    its row's category or text cell, never by another figure (7 / 7 / 100% under row 6); and among
    the figures read since the row's units (- / 9552 / 持续推进 / … / 62), a number out of sequence
    stands in their columns. Out of sequence alone says nothing: an excerpt's rows skip numbers
    (5, 71, 72)."""
    if m.re is not ARABIC_ALONE:
        return False
    if following and _PROGRESS_FIGURE.match(following[0].text):
        return True
    since_heading = pending[max((k for k, cell in enumerate(pending) if heading_of(cell)), default=-1) + 1:]
    return any(map(_PROGRESS_FIGURE.match, since_heading)) and not in_sequence(m.group(1), row.number)


def _stray_figure(m: re.Match, row: Block, following: list[Line], on_row_line: bool) -> bool:
    """经管站 / 2 / 2023年底 under row 6: a bare number out of sequence after a row's unit cell and
    before a deadline cell, or in a cell of the row's own `|` line (`9 | 完成… | 区X办 | 5 | remark |`),
    is a figure of the row's, never the next row's 序号, which its category or text cell follows (and
    which opens its own line); it opens no row and is no part of the cells that may open a section."""
    return (m.re is ARABIC_ALONE and (on_row_line or bool(following) and deadline_cell(following[0].text))
            and not in_sequence(m.group(1), row.number))


def _sub_row_cells_dropped(pending: list[str]) -> list[str]:
    """Cells between two rows holding a figure (`新增…4个` / 4 / 4 / 100%) are a sub-row's under the
    row's merged 序号, text and unit cells: no section, the rows below keep theirs; a heading among
    them still opens one."""
    if not any(map(_PROGRESS_FIGURE.match, pending)):
        return pending
    headings = [cell for cell in pending if heading_of(cell)]
    return headings[-1:]


_LEADERS = GRAMMAR.table["wrap"]["leader_before_units"]
_NAMES = re.compile(rf"[\u4e00-\u9fff]{{2,{_LEADERS['names']}}}")  # names as read: their spaces gone


_OTHER_NAME = re.compile(r"\([\u4e00-\u9fff]{2,12}\)")  # (区金融办) on a line under a unit: its other name


def _units_among_names(text: str, following: list[Line]) -> bool:
    """The row's last cell, under a role column, listing short names, some units and some ending like
    none (区发改局、某某科技城), the next row's number after it: a unit cell; a sentence or a figure never
    is one, nor a cell the next line goes on (市市场 / 监管局: a name cut)."""
    if following and not ARABIC_ALONE.match(following[0].text):
        return False
    names = text.split("、")
    return len(names) >= 2 and all(0 < len(n) <= _LEADERS["unit_cell"] and not re.search(r"[。;,:\d]", n)
                                   for n in names) and any(looks_like_unit(n) for n in names)


def _official_beside(header: Header, filled: int, text: str) -> bool:
    """A name cell right after a row's `filled`-th unit cell, under a header whose column after that
    unit column names officials (牵头单位 | 责任人 | 相关单位): the official's, the row goes on."""
    role_at = [k for k, kind in enumerate(header.kinds) if kind in ROLES]
    after = role_at[filled - 1] + 1 if 0 < filled <= len(role_at) else len(header.kinds)
    return after < len(header.kinds) and header.kinds[after] == "person" and bool(_NAMES.fullmatch(text))


def _under_units_after_leaders(texts: list[str], header: Header, text: str) -> bool:
    """序号 / 重点工作任务 / 牵头领导 / 牵头单位 one cell a line: once a row's cells fill the columns
    before the units and the last is its leaders' names, the next cell stands under the unit
    column, though its name ends like no unit (某某科技城); a sentence never does."""
    first = next((k for k, kind in enumerate(header.kinds) if kind in ROLES), 0)
    before = [kind for kind in header.kinds[:first] if kind != "number"]
    return (bool(before) and before[-1] == "person" and len(texts) == len(before)
            and bool(_NAMES.fullmatch(texts[-1].split("、")[-1])) and len(text) <= _LEADERS["unit_cell"]
            and not re.search(r"[。;,:]", text))


def _text_before_units(header: Header) -> bool:
    """序号 | 重点工作任务 | 牵头单位: a row's first cell after its number is its text, though it ends
    like a unit's name (…调度中心), never its unit cell."""
    first = next((k for k, kind in enumerate(header.kinds) if kind in ROLES), 0)
    return "task" in header.kinds[:first]


def _take_merged_units(blocks: list[Block], texts: list[str], header: Header, after: int, last: bool = False) -> None:
    """A row that reached the next row's number (or the table's end) with no unit cell, its cells
    the header's text cells and at most as many as the header has columns after its units (text,
    8月份目标, 进展情况 under 项目 | 牵头单位 | 8月份目标 | 进展情况; an empty deadline cell is not
    printed, so a row may hold fewer): its unit cells were merged over it from the row above (a
    web table's rowspan cell, printed once), and it takes them. The cells after the units are no
    part of its text. A row with no cell past its text takes nothing: it may be one the page cut
    off before its units; so the table's last row needs a cell past its first, its text, whatever
    the header names before the units."""
    row, above = blocks[-1], blocks[-2] if len(blocks) > 1 else None
    before = _text_columns(header)
    if above is None or len(row.segments) > 1 or not above.segments[-1].cells or not after \
            or not max(before, int(last)) < len(texts) <= before + after \
            or any(map(_opens_with_role_group, texts[before:])):
        return
    seg = row.segments[-1]
    seg.text = _text_cells(texts[:before], header)
    seg.cells = list(above.segments[-1].cells)


def _opens_with_role_group(cell: str) -> bool:
    """A cell past a row's text opening with units a role word closes (`A牵头,B等…`, the page cut
    inside it): the row's own unit cell, cut off, so no merged cell from above is its."""
    first = split_groups(cell)[0] if cell else None
    return bool(first and first.role and first.units_text and is_unit_list(first.units_text))


def _take_units_above(blocks: list[Block]) -> None:
    """The last row, its category and unit cells merged over it from the row above (same group, no
    cell of its own past its text), takes the units of the row above."""
    row, above = blocks[-1], blocks[-2] if len(blocks) > 1 else None
    if above is None or len(row.segments) > 1 or row.section != above.section or not above.segments[-1].cells:
        return
    row.segments[-1].cells = list(above.segments[-1].cells)


def _sub_rows_take_merged_units(blocks: list[Block], roles: list[str]) -> None:
    """A sub-row (its own text and unit cells under the row's merged 序号) whose unit cells stop short
    of the header's role columns: the columns after its last printed one were merged over it from the
    row's first line (实施主体 printed once beside 工作内容 / 牵头部门 / 协同部门 sub-rows), and it takes
    their units; a 配合 column among them is empty (a task may have no support), as in _placed_short.
    Only where the first line holds one cell a role column: more cells there tell the columns misread."""
    for block in blocks:
        first = block.segments[0]
        if [role for _, role in first.cells] != roles:
            continue
        for seg in block.segments[1:]:
            seg.cells += [cell for cell in first.cells[len(seg.cells):] if cell[1] != "support"]


def _text_columns(header: Header) -> int:
    """The header's columns before its units that a row's cells fill (序号 aside)."""
    first = next((k for k, kind in enumerate(header.kinds) if kind in ROLES), 0)
    return sum(1 for kind in header.kinds[:first] if kind != "number")


def _group_cells_shared_below(blocks: list[Block], no_unit_rows: set[int]) -> None:
    """A group's first rows with no unit cell, up to the first row that has one: one text cell's
    numbered paragraphs (3.… 4.… 5.…) beside one unit cell merged over them, printed after the
    last. No unit cell above can be merged over them: their 类别 cell opened a group of its own.
    The items are numbered in turn (3, 4, 5), as one cell's paragraphs are, and each is its own
    cells only (`no_unit_rows`): a text that ran on over its units and the next heading is none."""
    run: list[Block] = []
    for k, block in enumerate(blocks):
        seg, above = block.segments[-1], blocks[k - 1] if k else None
        same_group = above is not None and above.section == block.section and in_sequence(block.number, above.number)
        if len(block.segments) > 1 or block.section is None or (not seg.cells and id(block) not in no_unit_rows):
            run = []
        elif not seg.cells:
            run = run + [block] if same_group and run and run[-1] is above else ([] if same_group else [block])
        else:
            for waiting in run if same_group and run and run[-1] is above else ():
                waiting.segments[-1].cells = list(seg.cells)
            run = []


def _continuation_units(row: Block, pending: list[str], roles: list[str], state: str) -> list[str]:
    """Unit cells after a row's last-column deadline and before the next row's number, under a
    header of one role column: a continuation row whose 序号 and task cells were merged over it
    (a spreadsheet's rowspan exported as empty cells), its units the row's (县B局 under 县A局).
    A unit cell after the last row stays a signature; anything else between rows is left as it was."""
    if state != "closed" or len(roles) != 1 or not pending or not all(map(is_unit_list, pending)):
        return pending
    row.segments[-1].cells.extend((unit, roles[0]) for unit in pending)
    return []


def _without_trailing_cells(pending: list[str], n: int) -> list[str]:
    """The text between a row's units and the next row less the row's own cells after its units
    (`1-10月推进情况` / `已进场施工…` / `是`: up to as many as the header has columns there), so that
    they open no section; a heading (`二、…`) among them stays the next rows' section."""
    k = 0
    while k < min(n, len(pending)) and heading_of(pending[k]) is None:
        k += 1
    return pending[k:]


_LEVEL_LEAD = re.compile(rf"^[{''.join(GRAMMAR.units['level_words'])}]?"
                         rf"(?:{'|'.join(map(re.escape, GRAMMAR.table['labels']['lead']))}):(.+)$")
_MORE = "more"  # a unit line beyond the role columns: more units of the last, or a column after them


def in_sequence(number: str, previous: str | None) -> bool:
    """Is a number cell the next row's (4 after 3) or a sub-row's (3.1 under 3)?"""
    if not previous or not previous.replace(".", "").isdigit():
        return True
    head, _, sub = number.partition(".")
    return int(head) == int(previous.split(".")[0]) + 1 if not sub else head == previous.split(".")[0]


def _columns_after_units(header: Header) -> int:
    """Columns right after the last unit column that are neither units nor a deadline (评分部门):
    a unit-like line after the unit cell may stand there; past a deadline or progress column
    (完成时间 | 是否达到序时进度) it stands in none, and is more units of the last."""
    last = max((k for k, kind in enumerate(header.kinds) if kind in ROLES), default=len(header.kinds))
    return len(list(takewhile(lambda kind: kind == "other", header.kinds[last + 1:])))


def _settled(cells: list[tuple[str, str | None]], trailing: int) -> list[tuple[str, str | None]]:
    """A row's unit lines beyond its role columns: the last `trailing` fill the columns after the
    units (评分部门: a body in no role, however unit-like), the others are more units of the last
    role column (one unit a line)."""
    more = sum(1 for _, role in cells if role == _MORE)
    cells = cells[:len(cells) - min(more, trailing)]
    out: list[tuple[str, str | None]] = []
    for text, role in cells:
        if role == _MORE and out:
            out[-1] = (out[-1][0] + "、" + text, out[-1][1])
        else:
            out.append((text, role))
    return out


_BESIDE_TEXT = ("other", "person", "time")  # columns between the task and the units that hold no text


def _text_cells(texts: list[str], header: Header) -> str:
    """A row's text: its cells before the units, less those under the columns between the last
    task column and the units that are neither (单位, 年度目标: figures), counted from the right;
    where that leaves nothing (an empty cell absent), the row's first cell. A schedule's cells
    (进度安排 split into quarters) stand there too: deadlines, no text."""
    if not any(kind in _BESIDE_TEXT for kind in header.kinds):
        return "".join(texts)
    first = next((k for k, kind in enumerate(header.kinds) if kind in ROLES), 0)
    between = header.kinds[:first]
    last_task = max((k for k, kind in enumerate(between) if kind == "task"), default=None)
    figures = len(between) - 1 - last_task if last_task is not None else 0
    if not figures or any(kind not in _BESIDE_TEXT for kind in between[last_task + 1:]):
        return "".join(texts)
    return "".join(texts[:len(texts) - figures]) or (texts[0] if texts else "")


_CUT_NAME = re.compile(rf"[\u4e00-\u9fff]{{2,{GRAMMAR.layout['cut_name_max']}}}")


def _cut_names(lines: list[Line]) -> set[int]:
    """Short names after a unit line, opening as it does, and before another unit or the next row,
    one unit a line (省财政厅 / 省人口计生 / 省妇联): units whose ending the table cut off, not a
    sub-row's text nor the next row's category (激发市场活力)."""
    ends = lines[2:] + [None]
    return {id(ln) for before, ln, after in zip(lines, lines[1:], ends)
            if _CUT_NAME.fullmatch(ln.text) and is_unit_list(before.text) and ln.text[0] == before.text[0]
            and (after is None or is_unit_list(after.text) or ARABIC_TASK.match(after.text) or ARABIC_ALONE.match(after.text))}


def positional_rows(lines: list[Line], header: Header) -> list[Block]:
    """Cells one a line under a header that opens with 序号, every row holding the same number
    of cells, no fewer than the header's columns (序号 | 重点工作 | 责任领导 | 责任科室 | … and a
    progress column the header did not name): each cell is read by its place. The text is the
    task cells before the first unit or person column (all task cells where none stands there);
    a 类别 cell beside such a text cell is the section; cells past the header's columns are
    columns it did not name, no text and no unit. Rows numbered 1, 2, 3 … from the first line
    that opens one; the last row may be cut short by the page's end."""
    kinds = header.kinds
    if not kinds or kinds[0] != "number" or not any(k in ROLES for k in kinds):
        return []
    starts, n = [], 1
    for i, ln in enumerate(lines):
        if ARABIC_ALONE.match(ln.text) and ln.text.rstrip(".、") == str(n):
            starts.append(i)
            n += 1
    if len(starts) < 2 or starts[0] > 3:
        return []
    rows = [lines[a:b] for a, b in zip(starts, starts[1:] + [len(lines)])]
    bound = next(k for k, kind in enumerate(kinds) if kind in ROLES or kind == "person")
    if len(rows) > 2 and len(rows[-1]) <= bound:
        rows.pop()  # the page cut the last row off before its units: no task
    width = len(rows[0])
    if width < len(kinds) or any(len(r) != width for r in rows[:-1]) or len(rows[-1]) < len(kinds):
        return []
    texts = [k for k in range(bound) if kinds[k] == "task"]
    categories = [k for k in range(bound) if kinds[k] == "category"]
    if texts and categories and _names_each_row(rows, categories[-1]):
        texts, categories = sorted(texts + categories[-1:]), categories[:-1]
    if not texts:
        texts, categories = categories[-1:], categories[:-1]
    if not texts:
        texts = [k for k, kind in enumerate(kinds) if kind == "task"]
    if not texts:
        return []
    role_of = dict(zip([k for k, kind in enumerate(kinds) if kind in ROLES], header.role_columns))
    blocks: list[Block] = []
    group = next((ln.text for ln in lines[:starts[0]] if heading_of(ln.text)), None)  # (一)… above row 1
    for row in rows:
        cells = [ln.text for ln in row]
        if not all(is_unit_list(cells[k]) for k in role_of) or _units_one_a_line(cells, kinds) \
                or _sub_rows_past(cells[len(kinds):], len(role_of)):
            return []
        section = cells[categories[-1]] if categories else group
        text = "".join(cells[k] for k in texts)
        units = _with_level_lead([(cells[k], role) for k, role in role_of.items()], cells[len(kinds):])
        units += _continuation_units_past(cells[len(kinds):], list(role_of.values()))
        blocks.append(Block(cells[0].rstrip(".、"), section, _section_numerals(section), [Segment(text, units)]))
        group = next((c for c in cells[len(kinds):] if heading_of(c)), group)  # (二)刘洋副市长牵头重点工作
    return blocks


def _sub_rows_past(extra: list[str], role_columns: int) -> bool:
    """Cells past the header's columns that name units, under a header of several role columns: no
    column the header left unnamed (which role would its units take?) but the row's sub-rows, each
    its text and its own unit cells, their merged 序号, title and last unit cells printed on the first
    row only (工作内容 / 牵头部门 / 协同部门 under a merged 实施主体). Not a row to read by place."""
    return role_columns > 1 and any(is_unit_list(c) and not _LEVEL_LEAD.match(c) for c in extra)


def _units_one_a_line(cells: list[str], kinds: list[str]) -> bool:
    """A unit cell printed one unit a paragraph (规划科 / 建设科 / 综合办公室): the line under the
    column after a unit column is one unit's name, though that column (进展情况, 备注, 完成时限)
    holds prose or a date, never a unit. The row's lines are then no cells by place: the unit
    lines are one cell, which the readers by kind join (cell_rows)."""
    return any(kind in ROLES and k + 1 < min(len(kinds), len(cells)) and kinds[k + 1] == "time"
               and looks_like_unit(cells[k + 1]) and not is_time_cell(cells[k + 1])
               for k, kind in enumerate(kinds))


def _continuation_units_past(extra: list[str], roles: list[str]) -> list[tuple[str, str]]:
    """Cells past the header's columns that are all unit lists, under one role column: a
    continuation row's unit cell (its 序号 and task cells merged over it and exported empty),
    the row's units; a column the header did not name holds figures or sentences, not units."""
    if len(roles) != 1 or not extra or not all(is_unit_list(c) and not _LEVEL_LEAD.match(c) for c in extra):
        return []
    return [(c, roles[0]) for c in extra]


def _with_level_lead(units: list[tuple[str, str]], extra: list[str]) -> list[tuple[str, str]]:
    """A row's units and, in a cell past the header's columns, a higher level's lead
    (`省牵头单位:省农业农村厅` under a city's row): it leads, the row's own units support."""
    leads = [m.group(1) for c in extra if (m := _LEVEL_LEAD.match(c)) and is_unit_list(m.group(1))]
    if not leads:
        return units
    return [(c, "support" if r == "responsible" else r) for c, r in units] + [(u, "lead") for u in leads]


def _names_each_row(rows: list[list[Line]], k: int) -> bool:
    """A 項目名稱 column whose cells differ on every row (of three or more) names each row's
    item: part of its text (name first), not a category grouping rows."""
    cells = [row[k].text for row in rows]
    return len(cells) >= 3 and len(set(cells)) == len(cells)


def merged_rows(lines: list[Line], header: Header) -> list[Block]:
    """Cells one a line under a header that opens with 序号 and has one unit column, rows of
    different widths because cells are merged over rows (printed only on the first row they
    cover): each row runs from its number to the next in sequence, and its cells are read by
    their kinds, not their places. A short label before the text is the category (the section,
    carried down); the text cells run to the first deadline, name or unit cell; every unit
    cell after them is the unit column's (one unit a line); a row that prints no unit cell
    takes the units of the row above. Read only where some row lacks its unit cell: rows that
    all print theirs are the other readers'; a last row printing none is cut off by the page."""
    if header.kinds[0] != "number" or len(header.role_columns) != 1:
        return []
    rows = _numbered_rows(lines)
    if len(rows) < 2:
        return []
    read = [_unit_after_leaders(row, header, row[-1] is lines[-1]) or _kinded_cells(row[1:]) for row in rows]
    if not read[-1][2]:  # the last row printing no unit cell: cut off by the page's end
        rows, read = rows[:-1], read[:-1]
    if len(rows) < 2 or all(units for _, _, units in read) or not read[0][2] or not all(text for _, text, _ in read):
        return []
    role = header.role_columns[0]
    blocks: list[Block] = []
    section, units = None, []
    for row, (category, text, printed) in zip(rows, read):
        section, units = category or section, printed or units
        blocks.append(Block(row[0].text.rstrip(".、"), section, _section_numerals(section),
                            [Segment(text, [(u, role) for u in units])]))
    return blocks


_FIGURE_ROWS = GRAMMAR.layout["figure_rows"]
_FIGURE = re.compile(_FIGURE_ROWS["figure"])


def figure_rows(lines: list[Line], header: Header) -> list[Block]:
    """Cells one a line, no 序号, under a header whose last column names units (项目 | 分值 |
    目标任务 | 监考单位), each row's text followed by a figure cell no row leaves out (its score):
    that figure tells where a row opens. The cells after it are figures (a target, 186 or
    `年终…考核`) up to the row's unit cell; cells merged over rows are printed only on the first
    row they cover, so a row may stop short, and one that prints no unit cell takes the units of
    the row above; a short label before a row's text is the category (the section, carried
    down, printed again after a page break). A last row printing no unit cell is cut off by the
    page. Read only where the first row prints its units and rows run from the header on."""
    kinds = header.kinds
    if "number" in kinds or len(header.role_columns) != 1 or kinds[-1] not in ROLES:
        return []
    opens = [k + 1 < len(lines) and _opens_figure_row(lines[k].text, lines[k + 1].text) for k in range(len(lines))]
    rows: list[tuple[str | None, str, str | None]] = []
    section, k = None, 0
    while k < len(lines):
        if not opens[k] and k + 1 < len(lines) and opens[k + 1] and _category_label(lines[k].text):
            section, k = lines[k].text, k + 1
            continue
        if not opens[k]:
            break  # a line no row explains: the table ends (or is another layout)
        end = k + 2
        while end < len(lines) and end - k < len(kinds) and not opens[end] and not (
                end + 1 < len(lines) and opens[end + 1] and _category_label(lines[end].text)):
            end += 1
            if is_unit_list(lines[end - 1].text):
                break  # the row's unit cell closes it
        unit = lines[end - 1].text if end > k + 2 and is_unit_list(lines[end - 1].text) else None
        rows.append((section, lines[k].text, unit))
        k = end
    if rows and rows[-1][2] is None:
        rows.pop()  # printing no unit cell: cut off by the page's end
    if len(rows) < 3 or rows[0][2] is None:
        return []
    role, units, blocks = header.role_columns[0], None, []
    for section, text, unit in rows:
        units = unit or units
        blocks.append(Block(None, section, _section_numerals(section), [Segment(text, [(units, role)])]))
    return blocks


def _opens_figure_row(text: str, following: str) -> bool:
    return not _FIGURE.match(text) and not is_unit_list(text) and bool(_FIGURE.match(following))


def _category_label(text: str) -> bool:
    return len(text) <= _FIGURE_ROWS["category_max"] and header_shaped(text) and not re.search(r"\d", text) \
        and not is_unit_list(text)


def _numbered_rows(lines: list[Line]) -> list[list[Line]]:
    """The lines cut where a number stands alone, 1, 2, 3 … in sequence from near the top."""
    starts, n = [], 1
    for i, ln in enumerate(lines):
        if ARABIC_ALONE.match(ln.text) and ln.text.rstrip(".、") == str(n):
            starts.append(i)
            n += 1
    if not starts or starts[0] > 3:
        return []
    return [lines[a:b] for a, b in zip(starts, starts[1:] + [len(lines)])]


def _kinded_cells(cells: list[Line]) -> tuple[str | None, str, list[str]]:
    """A row's cells after its number as (category, text, unit cells): the text cells are those
    before the first deadline, unit or other short cell that follows a sentence; of two or more, a
    first short label is the category."""
    texts: list[str] = []
    units: list[str] = []
    for ln in cells:
        if is_unit_list(ln.text):
            units.append(ln.text)
        elif not units and not (texts and (deadline_cell(ln.text) or _short_cell(ln.text, texts))):
            texts.append(ln.text)
        elif not units:
            texts.append("")  # a deadline or a name: the text cells end here
    texts = texts[:texts.index("")] if "" in texts else texts
    category = texts[0] if len(texts) >= 2 and _is_category_cell(texts[0]) else None
    return category, "".join(texts[1:] if category else texts), units


def _unit_after_leaders(row: list[Line], header: Header, last: bool) -> tuple[str | None, str, list[str]] | None:
    """A row that prints every column's cell, its leaders' names just before its unit cell (序号 /
    重点工作任务 / 牵头领导 / 牵头单位): the cell after the names is its own unit cell, though its
    name ends like no unit (南湖新城), and nothing is merged over it from the row above. Not the
    text's last line: a cell the page cut off."""
    cells = [c.text for c in row[1:]]
    if last or len(cells) < 2 or not _under_units_after_leaders(cells[:-1], header, cells[-1]):
        return None
    category, text, _ = _kinded_cells(row[1:-2])
    return category, text, [cells[-1]]


def _short_cell(text: str, before: list[str]) -> bool:
    """A name or a remark after a sentence: a cell of a column that is no text."""
    return before[-1].endswith(("。", ";")) and len(text) <= 6


def lead_first_rows(lines: list[Line], header: Header) -> list[Block]:
    """Cells one a line under a header that opens with a unit column (牵头单位 | 目标任务 |
    责任单位) and has no 序号: each row is read column by column. The first column is narrow:
    its cell comes wrapped in pieces of its width (市发 / 改委), joined while the next line is no
    longer than the first piece; the task cell runs to the next unit cell; the rows have no
    printed number (ordinal ids). Reading stops at the first row that does not fit."""
    kinds, roles = header.kinds, iter(header.role_columns)
    cell_roles = [next(roles) if k in ROLES else None for k in kinds]
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        text, clauses, j = "", [], i
        for col, kind in enumerate(kinds):
            if j >= len(lines):
                return blocks
            if col == 0:
                width, cell = len(lines[j].text), lines[j].text
                j += 1
                while j < len(lines) and len(lines[j].text) <= width:
                    cell += lines[j].text
                    j += 1
                if not is_unit_list(cell):
                    return blocks
                clauses.append((cell, cell_roles[col]))
            elif kind == "task":
                while j < len(lines) and not (text and is_unit_list(lines[j].text)):
                    text += lines[j].text
                    j += 1
            elif kind in ROLES:
                if not is_unit_list(lines[j].text):
                    return blocks
                clauses.append((lines[j].text, cell_roles[col]))
                j += 1
            elif kind == "time" and is_time_cell(lines[j].text):
                j += 1
            elif kind not in ("time", "category"):
                j += 1
        if not text:
            return blocks
        blocks.append(Block(None, None, (), [Segment(text, clauses)]))
        i = j
    return blocks


def unnumbered_rows(lines: list[Line], header: Header) -> list[Block]:
    """Cells one a line, no 序号 and no number opening the rows (項目名稱 | 內容 | 牽頭單位 |
    進展情況 …): each row is its cells in the header's order: the text cells before the first
    unit column (joined: the name, then the content), the unit cells, then the other cells, the
    last of which may run over more lines. The next row begins at the first line after them
    whose place for units holds a unit list, its own first cell none."""
    kinds = header.kinds
    first = next((k for k, kind in enumerate(kinds) if kind in ROLES), None)
    if first is None or first == 0 or any(k not in ("task", "category") for k in kinds[:first]):
        return []
    units = [k for k in range(first, len(kinds)) if kinds[k] in ROLES]
    if units != list(range(first, first + len(units))):
        return []
    roles = header.role_columns
    blocks: list[Block] = []
    start, section = 0, None
    while (opened := _grouped_row_at(lines, start, first, kinds)) is not None:
        group, at = opened
        section = "".join(ln.text for ln in lines[start:start + group]) or section
        text = "".join(ln.text for ln in lines[start + group:at])
        cells = [(ln.text, role) for ln, role in zip(lines[at:at + len(units)], roles)]
        blocks.append(Block(None, section, (), [Segment(text, cells)]))
        nxt = _next_row_start(lines, at + len(units), at + len(kinds) - first)
        while nxt < len(lines) and _grouped_row_at(lines, nxt, first, kinds) is None:
            nxt += 1
        start = nxt
    return blocks


def _grouped_row_at(lines: list[Line], start: int, first: int, kinds: list[str]) -> tuple[int, int] | None:
    """The lines of the group cell opening a row at `start` (0 where it prints none) and where the
    row's unit cell stands (_row_units_at); None when no row opens there."""
    group = _group_cell_lines(lines, start, kinds)
    at = _row_units_at(lines, start + group, first)
    return None if at is None else (group, at)


def _next_row_start(lines: list[Line], after_units: int, after_cells: int) -> int:
    """Where the next row opens once a row's unit cells end: past its cells after the units, unless
    the line after the units stands right above another unit cell: the row's last cells were printed
    empty (or run into the next row's text), and that line is the next row's text."""
    if after_units + 1 < len(lines) and is_unit_list(lines[after_units + 1].text) \
            and not is_unit_list(lines[after_units].text):
        return after_units
    return after_cells


def _group_cell_lines(lines: list[Line], start: int, kinds: list[str]) -> int:
    """The lines of a 项目名称 cell merged over its group's rows, printed on the group's first row
    only, as its numeral alone and its name below (`(一)` / `经济发展`): the rows' section, carried
    down to the next group's; 0 where the row at `start` prints no such cell."""
    if kinds[0] != "category" or start + 2 >= len(lines) or _NUMERAL_MARK.sub("", lines[start].text):
        return 0
    return 2 if heading_of(lines[start].text) and _is_category_cell(lines[start + 1].text) else 0


def leader_rows(lines: list[Line], header: Header) -> list[Block]:
    """Cells one a line under 序号 / 重点工作任务 / 牵头领导 / 牵头单位 whose 序号 cells are all empty
    (the flattening dropped them): a row is its text (lines with a sentence's punctuation or too
    long for a cell of names), then short lines up to the next row's text: the last of them, one
    a unit column, are its unit cells (某某科技城 though it ends like no unit), those before them
    its leaders' names, however many a cell holds. A row short of names or units (cut by the
    page) is no task; the rows have no printed number (ordinal ids)."""
    kinds = [kind for kind in header.kinds if kind != "number"]
    first = next((k for k, kind in enumerate(kinds) if kind in ROLES), None)
    if first is None or kinds[first - 1:first] != ["person"] or "task" not in kinds[:first]:
        return []
    roles = header.role_columns
    if any(kind not in ROLES for kind in kinds[first:]) or len(roles) != len(kinds) - first:
        return []
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and not _leader_row_cell(lines[j].text):
            j += 1
        k = j
        while k < len(lines) and _leader_row_cell(lines[k].text):
            k += 1
        names, units = lines[j:k - len(roles)], lines[k - len(roles):k]
        if j == i or not names or not all(_NAMES.fullmatch(ln.text) for ln in names):
            return blocks
        text = "".join(ln.text for ln in lines[i:j])
        blocks.append(Block(None, None, (), [Segment(text, [(ln.text, role) for ln, role in zip(units, roles)])]))
        i = k
    return blocks


def _leader_row_cell(text: str) -> bool:
    """A leader's name or a unit cell: short, with no sentence's punctuation."""
    return len(text) <= _LEADERS["unit_cell"] and not re.search(r"[。;,:]", text)


def _row_units_at(lines: list[Line], start: int, first: int) -> int | None:
    """Where the unit cell of a row opening at `start` stands: after its `first` text cells, or
    sooner where text cells are glued on one line (教育惠民启动…: category and task); None when
    no row opens there."""
    if start >= len(lines) or is_unit_list(lines[start].text):
        return None
    for at in (start + first, *range(start + 1, start + first)):
        if at < len(lines) and is_unit_list(lines[at].text):
            return at
    return None


def _cells_separated(lines: list[Line]) -> bool:
    """Every header cell after the first, and the first cell below the header, stands after a
    separator line (a line holding only `|`, or a blank line): the table marks where its cells
    end, so a cell may run over several lines."""
    return len(lines) >= 2 and all(ln.blanks_before for ln in lines)


def _separated_cells(lines: list[Line]) -> list[list[str]]:
    """The lines grouped into cells: a cell opens after a separator and takes the lines below it
    until the next; a repeated header's cells are no cells."""
    cells: list[list[str]] = []
    for ln in lines:
        if ln.blanks_before or not cells:
            cells.append([ln.text])
        else:
            cells[-1].append(ln.text)
    return [c for c in cells if not (len(c) == 1 and GRAMMAR.header_words.get(c[0]) in _COLUMN_KINDS)]


_COLUMN_KINDS = frozenset(ROLES) | {"task", "category", "number", "time", "person", "other"}


def _unit_cell(pieces: list[str]) -> str | None:
    """A unit cell of one or more lines (one unit a line: `市医保局` / `市公安局等`) as one list,
    or None when it is no unit cell."""
    if all(is_unit_list(p) for p in pieces):
        text = pieces[0]
        for p in pieces[1:]:
            text += p if text.endswith(("、", ",", ";")) else "、" + p
        return text
    joined = "".join(pieces)  # a name broken over two lines
    return joined if is_unit_list(joined) else None


def deadline_cell(text: str) -> bool:
    """A 完成时限 cell, whole or with more words (`每年开展并长期坚持`, `2021年底前完成并长期坚持`)."""
    return is_time_cell(text) or (len(text) <= 30 and not text.endswith("。") and bool(_DATED_CELL.match(text)))


_DATED_CELL = re.compile(r"\d{4}年|\d{1,2}月|" + "|".join(map(re.escape, GRAMMAR.columns["time_phrases"])))


def separated_rows(lines: list[Line], header: Header) -> list[Block]:
    """Cells marked off by separator lines (a `|` line between cells), a cell perhaps over several
    lines, no 序号 and no number opening the rows, under a header whose last column is 完成时限
    (重点工作 | 具体任务 | 责任单位 | 完成时限). Rows are found by the kinds of their cells: a row's last
    cell is its deadline and its unit cells stand right before it; the cells before them are its
    text columns. A header cell merged over two columns gives rows more text cells than the header
    names: the widest rows hold every column, a row with fewer is read from the right (its 类别
    cell, merged over the rows below the one that prints it, carried down). The category cells are
    the section; the other text cells, joined in order, the text (name, then details). A row cut
    off before its units is none; ids are ordinals."""
    kinds = header.kinds
    first = next((k for k, kind in enumerate(kinds) if kind in ROLES), None)
    if not header.time_last or not first or any(k not in ("task", "category") for k in kinds[:first]):
        return []
    n_units = len(kinds) - first - 1  # the unit columns, then 完成时限 closing the row
    if any(k not in ROLES for k in kinds[first:-1]):
        return []
    cells = _separated_cells(lines)
    rows: list[tuple[list[str], list[str]]] = []  # (text cells, unit cells)
    c = 0
    while c < len(cells):
        for u in range(c + 1, len(cells) - n_units + 1):
            units = [_unit_cell(cell) for cell in cells[u:u + n_units]]
            after = "".join(cells[u + n_units]) if u + n_units < len(cells) else None
            if all(units) and (after is None or deadline_cell(after)):
                rows.append((["".join(cell) for cell in cells[c:u]], units))
                c = u + n_units + (after is not None)
                break
        else:
            break  # the last row cut off before its units
    if len(rows) < 2:
        return []
    n_categories = sum(1 for k in kinds[:first] if k == "category")
    width = max(len(texts) for texts, _ in rows)
    roles = header.role_columns
    blocks: list[Block] = []
    section: str | None = None
    for texts, units in rows:
        missing = width - len(texts)  # the leading cells merged from a row above
        if n_categories > missing:
            section = "".join(texts[:n_categories - missing])
            texts = texts[n_categories - missing:]
        blocks.append(Block(None, section, _section_numerals(section),
                            [Segment("".join(texts), list(zip(units, roles)))]))
    return blocks


_GLUED_NUMBER = re.compile(r"^(\d{1,3})(?=[\u4e00-\u9fff“《(])(.*)$")


def _next_glued(text: str, row: Block | None) -> re.Match | None:
    """A task cell with its number glued on (`1加强…`), taken only as the next number in sequence,
    so that `3岁以下…` in a text cell never opens a row."""
    m = _GLUED_NUMBER.match(text)
    expected = int(row.number) + 1 if row is not None and row.number.isdigit() else 1
    return m if m and int(m.group(1)) == expected else None


_NUMERAL_MARK = re.compile(rf"^(?:[{CN_DIGITS}]+、|\([{CN_DIGITS}]+\))")


def _section_numerals(section: str | None) -> tuple[str, ...]:
    """A category cell or row that carries a numeral (一、安全生产…): the numeral prefixes the ids
    of the rows under it, should their numbering restart under each category."""
    head = heading_of(section) if section else None
    return (head.numeral,) if head else ()


def _is_category_cell(text: str) -> bool:
    """A short label (提升医疗服务能力, 一、粮食安全), not the start of a task sentence."""
    label = _NUMERAL_MARK.sub("", text)
    return 0 < len(label) <= 20 and not re.search(r"[。;,:、]", label)
