"""normalised lines → task blocks: where the tasks and their clauses are.

Three layout families, tried on every document; the one that yields the most
(task, unit, role) triples wins:

- tables: a header row names the columns (序号/重点任务/牵头单位/配合单位/责任单位 …);
  cells come one a line (web tables, tab-indented Word exports) or rows run
  together in one stream with no separators;
- prose: numbered (or unnumbered) paragraphs with parenthesised clauses
  `(责任单位:…)` / `(A牵头,B按职责分工负责)`, one or several per paragraph, or
  followed by `责任单位:` / `牵头单位:` lines; sub-items `(1)…` with their own clauses.

A block keeps the printed number and the clause text; ids and roles are decided
once, in `blocks_to_tasks`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from .clauses import is_clause, is_unit_list, parse_clause
from .grammar import GRAMMAR
from .conventions import Conventions, first_listed_lead
from .records import ROLES, Responsibility, Task
from .text import Line

CN_DIGITS = "零一二三四五六七八九十百"
_ARABIC_TASK = re.compile(r"^(\d{1,3})(?:[.、]|\s)(?!\d)(.*)$")
_ARABIC_ALONE = re.compile(r"^(\d{1,3}(?:\.\d{1,2})?)[.、]?$")
_DOTTED_TASK = re.compile(r"^(\d{1,2}\.\d{1,2})[.、]?(?=[\u4e00-\u9fff])(.*)$")  # 1.1 task numbers
_SUBITEM = re.compile(r"^\((\d{1,2})\)(.*)$")
_CN_HEADING = re.compile(rf"^([{CN_DIGITS}]+)[、.](.*)$")
_CN_SUBHEADING = re.compile(rf"^\(([{CN_DIGITS}]+)\)(.*)$")
_CN_PART = re.compile(rf"^第([{CN_DIGITS}]+)(?:部分|章|节)(.*)$")
_ANNEX = re.compile(r"^(附件|附表)\d*")
_ROLE_WORD = re.compile("|".join(re.escape(w) for w in list(GRAMMAR.keyword_role) + list(GRAMMAR.label_role)))
_TIME_CELL = re.compile(r"(\d{4}年|\d+月|年底|底前|前完成|长期|持续|每年|常态)")
_KEYWORD = re.compile("|".join(re.escape(w) for w in sorted(GRAMMAR.keyword_role, key=len, reverse=True)))
_DATE = r"\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:底|末)?(?:前|以前|之前)?"
_TIME_PHRASE = "|".join(re.escape(w) for w in sorted(GRAMMAR.columns["time_phrases"], key=len, reverse=True))
_WHOLE_TIME_CELL = re.compile(rf"(?:(?:\d{{4}}年?[—\-至~])?{_DATE})?(?:{_TIME_PHRASE})*")


@dataclass
class Segment:
    text: str
    cells: list[tuple[str, str | None]] = field(default_factory=list)  # (clause text, column role)


@dataclass
class Block:
    number: str | None
    section: str | None
    section_path: tuple[str, ...] = ()  # numerals of the headings above, outermost first: (一, 二)
    segments: list[Segment] = field(default_factory=list)
    is_heading: bool = False  # a 一、/(一) heading: a task only if sub-items with clauses follow
    paren_numbered: bool = False  # numbered (1), (2) … at the top level

    def has_clause(self) -> bool:
        return any(seg.cells for seg in self.segments)


class Heading(NamedTuple):
    numeral: str
    title: str
    level: int  # 0 第X部分, 1 一、, 2 (一): a heading closes those at its level and below


# ---------------------------------------------------------------- helpers

def cn_to_int(s: str) -> int:
    """一 → 1, 十二 → 12, 二十三 → 23 (enough for section and task numerals)."""
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    if s.isdigit():
        return int(s)
    total, current = 0, 0
    for ch in s:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = digits.get(ch, 0)
    return total + current


def heading_of(text: str) -> Heading | None:
    """The numeral, section text and level when a line is a section heading."""
    for rx, level in ((_CN_SUBHEADING, 2), (_CN_HEADING, 1), (_CN_PART, 0)):
        m = rx.match(text)
        if m:
            title = text if len(text) <= 40 else text[: text.find("。") + 1 or 40]
            return Heading(m.group(1), title.rstrip("。"), level)
    return None


def _enter(path: list[tuple[int, str]], head: Heading) -> list[tuple[int, str]]:
    """The (level, numeral) chain of headings once `head` opens."""
    return [p for p in path if p[0] < head.level] + [(head.level, head.numeral)]


def _numerals(path: list[tuple[int, str]]) -> tuple[str, ...]:
    return tuple(numeral for _, numeral in path)


# ---------------------------------------------------------------- prose

_OPENERS = "".join(o for o, _ in GRAMMAR.brackets)


def find_paren_clauses(body: str) -> list[tuple[int, int]]:
    """(start, end) spans of top-level parentheses in `body` that are responsibility clauses."""
    if not any(o in body for o in _OPENERS) or not _ROLE_WORD.search(body):
        return []
    return [m.span() for m in GRAMMAR.bracket_group_re.finditer(body)
            if _ROLE_WORD.search(m.group()) and is_clause(m.group())]


_CLAUSE_SEPARATORS = ";,、"


def clause_spans(body: str) -> list[tuple[int, int]]:
    """Where a paragraph's responsibility clauses stand, wherever that is: bracketed remarks,
    labelled lists (`部门分工:A牵头,B配合。`) up to the sentence's end, and an unbracketed list
    closed by a role word at the paragraph's end (`…。区科技局主办,各街道协办`)."""
    spans = find_paren_clauses(body)
    for m in GRAMMAR.label_anywhere_re.finditer(body):
        if any(s <= m.start() < e for s, e in spans) or _depth_at_index(body, m.start()):
            continue
        stop = body.find("。", m.end())
        spans.append((m.start(), len(body) if stop < 0 else stop + 1))
    spans.sort()
    last_end = spans[-1][1] if spans else 0
    tail = trailing_clause(body[last_end:])
    if tail is not None:
        spans.append((last_end + tail, len(body)))
    return spans


def _depth_at_index(text: str, index: int) -> int:
    return sum(text[:index].count(o) - text[:index].count(c) for o, c in GRAMMAR.brackets)


def trailing_clause(rest: str) -> int | None:
    """Where an unbracketed clause closing a paragraph begins: a unit list ended by a role
    keyword after the last sentence (`…3家。区科技局主办,各街道、板块协办`), or after an
    opening bracket that was never closed (`…(区发改委主办,区科技局协办`)."""
    body = rest.rstrip("。;,")
    if not body or not GRAMMAR.keyword_re.search(body) or not body.endswith(tuple(GRAMMAR.keyword_role)):
        return None
    opened = body.rfind("(")
    if opened >= 0 and ")" not in body[opened:] and is_clause(body[opened + 1:]):
        return opened + 1
    sentence_end = max(body.rfind("。"), body.rfind(";"))
    if sentence_end > 0 and is_clause(body[sentence_end + 1:]):
        return sentence_end + 1
    cut = split_text_clause(body)
    if cut is None or not cut[0].strip(_CLAUSE_SEPARATORS) or not is_clause(cut[1]):
        return None
    return len(cut[0])


def split_segments(body: str) -> list[Segment]:
    """A paragraph → segments: the text each clause covers, and the clause."""
    segments: list[Segment] = []
    pos = 0
    for start, end in clause_spans(body):
        gap = body[pos:start].strip().lstrip(_CLAUSE_SEPARATORS)
        clause = body[start:end].rstrip("。")
        if segments and not gap:  # `牵头单位:A。配合单位:B`: clauses side by side cover one text
            segments[-1].cells.append((clause, None))
        else:
            # `…行为(A牵头);督促…(B负责)。`: the separator after a clause opens no text of its own
            segments.append(Segment(gap, [(clause, None)]))
        pos = end
    rest = body[pos:].strip()
    if rest:
        if segments:
            segments[-1].text += rest  # trailing sentences after the last clause
        else:
            segments.append(Segment(rest))
    return segments


def clause_line(text: str) -> str | None:
    """A whole line that is only a clause: `责任单位:…`, `牵头单位:…`, `(责任单位:…)`."""
    inner = text.strip()
    if inner.startswith("(") and inner.endswith((")", ")。")) and is_clause(inner.rstrip("。")):
        return inner.rstrip("。")
    if GRAMMAR.label_re.match(inner.lstrip("(")):
        return inner
    return None


def _open_brackets(text: str) -> int:
    return sum(text.count(o) - text.count(c) for o, c in GRAMMAR.brackets)


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
    return bool(_DOTTED_TASK.match(text) or _ARABIC_TASK.match(text) or _SUBITEM.match(text) or heading_of(text))


_NUMBER_THEN_DIGIT = re.compile(r"^(\d{1,3})[.、](\d.*)$")


def _next_in_sequence(text: str, blocks: list[Block]) -> re.Match | None:
    """`11.121人才梯队项目`: a number followed by a digit opens a task only as the next number."""
    m = _NUMBER_THEN_DIGIT.match(text)
    previous = next((b.number for b in reversed(blocks) if b.number), None)
    if m and previous and previous.isdigit() and int(m.group(1)) == int(previous) + 1:
        return m
    return None


def prose_blocks(lines: list[Line]) -> list[Block]:
    lines = join_broken_clauses(lines)
    blocks: list[Block] = []
    section = None
    path: list[tuple[int, str]] = []  # the headings above: (level, numeral)
    outer_path = path  # the headings above the latest heading, should it turn out to be a task
    current: Block | None = None
    for line in lines:
        text = line.text
        if GRAMMAR.person_label_re.match(text):
            continue  # 分管省领导:NAME names an official
        clause_only = clause_line(text)
        if clause_only is not None:
            if current is not None and current.segments:
                # 责任单位 line, or 牵头单位 then 配合单位 lines: all belong to the last segment
                current.segments[-1].cells.append((clause_only, None))
            continue
        m = _DOTTED_TASK.match(text) or _ARABIC_TASK.match(text) or _next_in_sequence(text, blocks)
        if m and not text[len(m.group(1)):].startswith(("年", "月", "日", "%")):
            current = Block(m.group(1), section, _numerals(path), split_segments(m.group(2)))
            blocks.append(current)
            continue
        m = _SUBITEM.match(text)
        if m and (current is None or current.paren_numbered):  # (1)(2)… as the tasks' own numbers
            current = Block(m.group(1), section, _numerals(path), split_segments(m.group(2)), paren_numbered=True)
            blocks.append(current)
            continue
        if m and current is not None:
            segs = split_segments(m.group(2))
            if current.is_heading and any(s.cells for s in segs):
                # a numeral heading whose sub-items carry clauses is a task, not a section
                current.is_heading = False
                section, path = current.section, outer_path
            current.segments.extend(segs)
            continue
        head = heading_of(text)
        if head:
            segs = split_segments(text[text.find(head.numeral) + len(head.numeral) + 1:])
            current = Block(head.numeral, section, _numerals(path), segs, is_heading=not any(s.cells for s in segs))
            blocks.append(current)
            if current.is_heading:
                section, outer_path, path = head.title, path, _enter(path, head)
            continue
        segs = split_segments(text)
        continues = (
            current is not None and not current.is_heading and not current.has_clause() and not _ANNEX.match(text)
        )
        if continues:  # the paragraph goes on over several lines (PDFs, Word exports)
            current.segments[-1].text += segs[0].text
            current.segments[-1].cells.extend(segs[0].cells)
            current.segments.extend(segs[1:])
        elif any(s.cells for s in segs):
            # an unnumbered paragraph: each clause closes a task of its own (they take ordinals)
            blocks.extend(Block(None, section, _numerals(path), [seg]) for seg in segs)
            current = blocks[-1]
        else:
            current = None
    return [b for b in blocks if b.has_clause()]


# ---------------------------------------------------------------- tables

@dataclass
class Header:
    kinds: list[str]  # column kinds: task, number, category, time, lead, support, implement, responsible
    end: int  # index of the first line after the header
    trailing: str  # text glued after the header on the same line (rows run together)

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
        roles = [k for k in self.kinds if k in ROLES]
        if "lead" in roles:
            roles = ["support" if r == "responsible" else r for r in roles]
        return roles


def match_header(lines: list[Line], i: int) -> Header | None:
    """A table header at line i: header words on one line, or one word a line."""
    text = lines[i].text
    kinds, pos = [], 0
    while pos < len(text):
        m = GRAMMAR.header_re.match(text, pos)
        if not m:
            break
        kinds.append(GRAMMAR.header_words[m.group(1)])
        pos = m.end()
    if len(kinds) >= 2 and any(k in ROLES for k in kinds):
        return Header(kinds, i + 1, text[pos:])
    kinds, j = [], i
    while j < len(lines) and lines[j].text in GRAMMAR.header_words:
        kinds.append(GRAMMAR.header_words[lines[j].text])
        j += 1
    if len(kinds) >= 2 and any(k in ROLES for k in kinds):
        return Header(kinds, j, "")
    return None


def table_blocks(lines: list[Line]) -> list[Block]:
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        header = match_header(lines, i)
        if header is None:
            i += 1
            continue
        end = _table_end(lines, header.end)
        body = lines[header.end:end]
        if header.trailing or _rows_run_together(body):
            stream = header.trailing + "\n" + "\n".join(ln.text for ln in body)
            blocks.extend(runon_rows(stream.lstrip("\n"), header))
        else:
            blocks.extend(cell_rows(_spaced_cells(body), header))
        i = end
    return blocks


def _table_end(lines: list[Line], start: int) -> int:
    for j in range(start, len(lines)):
        if _ANNEX.match(lines[j].text) and j > start:
            return j
    return len(lines)


_GLUED_ROW = re.compile(r"^\d{1,3}[^\d.、\s]")


def _rows_run_together(body: list[Line]) -> bool:
    """Rows printed one a line with their cells glued: `1任务…。A牵头;B配合`."""
    glued = sum(1 for ln in body if _GLUED_ROW.match(ln.text) and GRAMMAR.keyword_re.search(ln.text))
    celled = sum(1 for ln in body if _ARABIC_ALONE.match(ln.text) or _ARABIC_TASK.match(ln.text))
    return glued >= 2 and glued > celled


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


def split_text_clause(body: str) -> tuple[str, str] | None:
    """A glued row's task text and its unit cell: at the last 。, else where the units begin."""
    cut = body.rfind("。")
    if cut >= 0 and is_unit_list(body[cut + 1:]):
        return body[: cut + 1], body[cut + 1:]
    for m in GRAMMAR.unit_start_anywhere_re.finditer(body, cut + 1 if cut >= 0 else 1):
        if is_unit_list(body[m.start():]):
            return body[: m.start()], body[m.start():]
    return None


def runon_rows(stream: str, header: Header) -> list[Block]:
    """Rows run together: `1任务…。A牵头;B配合;C落实2任务…`. Numbers are sequential.

    With a last 完成时限 column the time cell sits between a row's units and the next
    number (`…C落实2023年底前2任务…`).
    """
    blocks: list[Block] = []
    n = 1
    m = re.match(r"\s*1(?!\d)", stream)
    if not m:
        return blocks
    pos = m.end()
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
        blocks.append(Block(str(n), None, (), [Segment(text, [(clause, role)])]))
        if ends is None:
            break
        pos = ends[1]
        n += 1
    return blocks


def _runon_row_end(stream: str, pos: int, nxt: str, time_cell: bool) -> tuple[int, int] | None:
    """(end of this row's units, start of row `nxt`'s text): the first role keyword after which
    row `nxt` begins, directly or (time_cell) after a 完成时限 cell; None for the last row."""
    for km in _KEYWORD.finditer(stream, pos):
        if not split_text_clause(stream[pos:km.end()].replace("\n", "")):
            continue
        if time_cell:
            after_time = _after_time_cell(stream, km.end(), nxt)
            if after_time:
                return km.end(), after_time
        plain = re.compile(rf"\n?{nxt}").match(stream, km.end())  # also 102025年前: row 10 opens with a year
        if plain:
            return km.end(), plain.end()
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


def is_time_cell(text: str) -> bool:
    """A whole 完成时限 cell: a date, a span of years, a phrase such as 长期坚持, or a date and a phrase.

    Stricter than _TIME_CELL (a cell that merely mentions a time), as it must tell where a
    run-on row's time cell ends.
    """
    return bool(text) and _WHOLE_TIME_CELL.fullmatch(text) is not None


def cell_rows(lines: list[Line], header: Header) -> list[Block]:
    """Cells one a line: number, task text, unit cells; category cells come in pieces before a row."""
    roles = header.role_columns
    has_time = "time" in header.kinds
    blocks: list[Block] = []
    section: str | None = None
    pending: list[str] = []  # text after a row's unit cells: the next section, or a sub-row
    row: Block | None = None
    category = ""  # a merged 类别 cell inside the current row, joined from its pieces
    state = "pre"  # pre → text → units → (closed, once a last-column time cell is read)
    for line in lines:
        text = line.text
        if text in GRAMMAR.header_words:
            continue  # a repeated header row
        m = _ARABIC_ALONE.match(text) or _DOTTED_TASK.match(text) or _ARABIC_TASK.match(text) or _next_glued(text, row)
        if m and not text[len(m.group(1)):].startswith(("年", "月", "日", "%", "个", "岁")):
            if pending:
                section = "".join(pending)
                pending = []
            rest = m.group(2) if m.re is not _ARABIC_ALONE else ""
            row = Block(m.group(1), section, _section_numerals(section), [Segment(rest)])
            blocks.append(row)
            category, state = "", "text"
            continue
        if row is None:
            pending.append(text)
            continue
        seg = row.segments[-1]
        unit_cell = is_unit_list(text)
        if state == "text":
            if unit_cell and (seg.text or len(seg.cells) == 0):
                seg.cells.append((text, roles[0] if roles else None))
                state = "units"
            elif header.category_in_row and len(row.segments) == 1 and _is_category_cell(seg.text):
                category += seg.text  # the merged 类别 cell (perhaps in pieces: 生态 / 保护修复), then the task
                section = row.section = category
                row.section_path = _section_numerals(section)
                seg.text = text
            else:
                seg.text += text
        elif state in ("units", "closed"):
            if unit_cell and not pending and state == "closed":
                pending.append(text)  # after the row's last column: a signature, not a unit cell
            elif unit_cell and not pending:
                k = len(seg.cells)
                if seg.cells[-1][0].endswith(("、", ",")):  # a unit list broken over two lines
                    seg.cells[-1] = (seg.cells[-1][0] + text, seg.cells[-1][1])
                elif k < len(roles):
                    seg.cells.append((text, roles[k]))
                else:
                    seg.cells[-1] = (seg.cells[-1][0] + "、" + text, seg.cells[-1][1])
            elif unit_cell and pending:  # a sub-row: its own text and units
                row.segments.append(Segment("".join(pending), [(text, roles[0] if roles else None)]))
                pending = []
                state = "units"
            elif has_time and len(text) <= 20 and _TIME_CELL.search(text):
                state = "closed" if header.time_last else state
            else:
                pending.append(text)
    return [b for b in blocks if b.has_clause()]


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


# ---------------------------------------------------------------- ids and roles

def blocks_to_tasks(blocks: list[Block]) -> tuple[list[Task], list[str]]:
    """Number the blocks as the contract says and parse their clauses."""
    tasks: list[Task] = []
    warnings: list[str] = []
    for block, base in zip(blocks, _base_ids(blocks)):
        segments = [s for s in block.segments if s.cells]
        lead_text = " ".join(s.text for s in block.segments if not s.cells).strip()
        for k, seg in enumerate(segments, 1):
            task_id = base if len(segments) == 1 else f"{base}.{k}"
            responsibilities, notes = [], []
            for clause, role in _label_lines_joined(seg.cells):
                found, why = parse_clause(clause, role)
                responsibilities.extend(found)
                notes.extend(why)
            text = seg.text
            if len(segments) == 1 and lead_text and lead_text not in text:
                text = (lead_text + text) if block.segments[0] is not seg else (text + lead_text)
            clause_text = ";".join(c for c, _ in seg.cells)
            tasks.append(Task(task_id, block.section, text, responsibilities, clause_text))
            warnings.extend(f"task {task_id}: {w}" for w in notes)
    return tasks, warnings


def _label_lines_joined(cells: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """`牵头单位:A` then `责任单位:B、C` on lines of their own are one clause, so that B and C
    support A (a 责任单位 list beside a lead); cells of a table column keep their column's role."""
    out: list[tuple[str, str | None]] = []
    for clause, role in cells:
        if out and role is None and out[-1][1] is None:
            out[-1] = (out[-1][0] + ";" + clause, None)
        else:
            out.append((clause, role))
    return out


def _base_ids(blocks: list[Block]) -> list[str]:
    """Each block's id before any sub-item number: its printed number, or its ordinal.

    Where numbering restarts under each heading the innermost heading's numeral is
    prefixed (七.3); where those headings restart too (一、(一)1. … 二、(一)1.), every
    numeral above it is, so that ids stay unique (二.一.1).
    """
    restart = _numbering_restarts(blocks)

    def ids(depth: int | None) -> list[str]:
        out = []
        for ordinal, b in enumerate(blocks, 1):
            if b.number is None:
                out.append(str(ordinal))
            elif restart and b.section_path:
                numerals = b.section_path if depth is None else b.section_path[-depth:]
                out.append(".".join(numerals + (b.number,)))
            else:
                out.append(b.number)
        return out

    innermost = ids(1)
    return innermost if len(set(innermost)) == len(innermost) else ids(None)


def _numbering_restarts(blocks: list[Block]) -> bool:
    previous = None
    for b in blocks:
        if b.number is None:
            continue
        n = tuple(int(x) for x in b.number.split(".")) if b.number[:1].isdigit() else (cn_to_int(b.number),)
        if previous is not None and n <= previous:
            return True
        previous = n
    return False


def find_tasks(lines: list[Line], conventions: Conventions | None = None) -> tuple[list[Task], list[str]]:
    """The tasks of a document: whichever layout finds the most triples."""
    best: tuple[list[Task], list[str]] = ([], [])
    best_count = -1
    for blocks in (table_blocks(lines), prose_blocks(lines)):
        tasks, warnings = blocks_to_tasks(blocks)
        count = sum(len(t.responsibilities) for t in tasks)
        if blocks and count > best_count:
            best, best_count = (tasks, warnings), count
    if conventions and conventions.first_listed_leads:
        for task in best[0]:
            pairs = first_listed_lead([(r.unit, r.role) for r in task.responsibilities])
            task.responsibilities = [Responsibility(unit, role) for unit, role in pairs]
    return best

