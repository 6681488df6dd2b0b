"""The last-resort reader: where every structured reader found no task, the items whose words
name a unit beside a role word (`X、Y牵头的…`, `由X负责…`, `以X为牵头`, `X作为…责任单位`,
`责任单位:X`).

A page of a layout nobody has seen would otherwise be refused whole; its role words still say
who does what. Each such item (a numbered line with the unnumbered lines below it, else a sentence) becomes a task: its printed
number or its ordinal (tasks.blocks_to_tasks), its units split and its roles given by the
clause grammar (clauses.parse_clause). Text with no such item is still refused. Words and
limits: data/grammar.toml [fallback].
"""
from __future__ import annotations

import re

from typing import NamedTuple

from .blocks import ARABIC_TASK, ARTICLE, CN_DIGITS, DOTTED_TASK, SUBITEM, Block, Heading, Segment, cn_to_int, enter_heading, heading_of, numerals
from .conventions import Conventions
from .duties import department_heading, department_of, lead_heading
from .clauses import commas_as_dun, is_deadline, is_unit_list, parse_clause, looks_like_unit, split_units, strip_wrapping
from .glued import bounded_cell_rows
from .grammar import GRAMMAR, alternation
from .prose import cover_runs, enumerated, glued_subheads
from .records import ROLES, Task
from .tables import deadline_cell, match_header
from .tasks import Outline, blocks_to_tasks, with_conventions
from .text import Line

_WORDS = GRAMMAR.table["fallback"]
WARNING = _WORDS["warning"]
_SENTENCE = re.compile("(?<=[" + re.escape(_WORDS["sentence_ends"]) + "])")
_NOT_AFTER = alternation(_WORDS["not_after"])
# a label with its colon (units after it), a keyword, a label without its colon (units before it, `X为牵头单位`)
_ROLE = re.compile(rf"(?P<label>{GRAMMAR.labels})(?P<colon>:)|(?P<word>{GRAMMAR.keywords})(?!{_NOT_AFTER})"
                   rf"|(?P<held>{GRAMMAR.labels})")
_BEFORE_END = re.compile(rf"(?:“[^”]{{1,8}}”)?(?:{alternation(_WORDS['holders'])})?(?:“[^”]{{1,8}}”)?$")
_EVENT = re.compile(rf"(?:{alternation(_WORDS['not_before'])})$")
_OPENER = re.compile(rf"^(?:{alternation(_WORDS['openers'])})|^.*(?:{alternation(_WORDS['subject_ends'])})")
_PART = re.compile(r"[,:()【】\[\]〔〕" + re.escape(_WORDS["sentence_ends"]) + "]")  # a clause's field ends here
_MAX = _WORDS["max_units"]
_LABEL_FIRST = re.compile(rf"^[(\s]*(?:{GRAMMAR.labels}):")
_NUMBERED = (DOTTED_TASK, ARABIC_TASK, SUBITEM)


def fallback_tasks(lines: list[Line], conventions: Conventions | None = None) -> tuple[list[Task], list[str]]:
    """The tasks the last-resort reader finds, and their warnings (the reader's own first)."""
    # the page's outline shows numbering that restarts where no task shows it (a cut `(一` under 二、)
    tasks, warnings = blocks_to_tasks(table_blocks(lines) or fallback_blocks(lines), Outline(lines))
    return with_conventions(tasks, conventions, lines), ([WARNING] + warnings) if tasks else []  # as every reader


def table_blocks(lines: list[Line]) -> list[Block]:
    """The rows of the first table whose header names role columns (`序号 | 工作任务 | 牵头单位 |
    配合单位`), one cell a line: a row opens at its serial number (_serial_rows, its id), or with no 序号
    column at its first cell of no units (_plain_table), or one a line with its cells glued and its unit cell
    bounded by the text's 。 and the next cell's opening (glued.bounded_cell_rows); its unit cells take the
    role columns in order. No role word stands beside a row's units; the
    header names them, and a table the column readers missed for a quirk would otherwise be refused.
    A header naming one role twice is not understood: no reading."""
    for i in range(len(lines)):
        header = match_header(lines, i)
        roles = header.role_columns if header else []
        if roles and len(set(roles)) == len(roles):
            body = lines[header.end:]
            if "number" in header.kinds:
                return _numbered_table(body, header.kinds, roles)
            deadline_after = _time_after_units(header.kinds)
            return bounded_cell_rows([ln.text for ln in body], roles, deadline_after) or _plain_table(body, roles, header.kinds)
    return []


def _time_after_units(kinds: list[str]) -> bool:
    """A header whose last role column is followed by a time column (`主办单位 | 完成时限`)."""
    last = max((k for k, kind in enumerate(kinds) if kind in ROLES), default=None)
    return last is not None and last + 1 < len(kinds) and kinds[last + 1] == "time"


def _numbered_table(lines: list[Line], kinds: list[str], roles: list[str]) -> list[Block]:
    """A table with a 序号 column: rows opened by 1, 2 …, else by the printed numbers (_serial_rows)."""
    places = _role_places(kinds)
    for jumps in (False, True):
        blocks = [b for n, cells in _serial_rows(lines, jumps) if (b := _row_block(n, cells, roles, places))]
        if blocks:
            return blocks
    return []


def _plain_table(lines: list[Line], roles: list[str], kinds: list[str]) -> list[Block]:
    """A table with no 序号 column (`重点工作 | 具体任务 | 责任单位 | 完成时限`), numbered 1, 2 … in order:
    a row is its text cells, then its unit cells, then its 完成时限 cell where the header ends in one;
    the next cell of no units opens the next row. Rows with no unit cell are no tasks, but for a row
    folded into the next (_merged_rows)."""
    rows: list[list[str]] = []
    timed = _ends_in_time(kinds)
    state = "text"  # where the last row stands: its text, its units, its time cell
    for ln in lines:
        cell, unit = ln.text, _unit_cell(ln.text)
        if state == "units" and timed and not unit and _time(cell):
            state = "time"
        elif state == "time" and cell.startswith(_TIME_JOINS) and _time(cell[1:]):
            rows[-1][-1] += cell  # a 完成时限 cell over two lines (每年开展 / 并长期坚持)
            continue
        elif not rows or state != "text" and not unit:
            rows.append([])
            state = "text"
        elif unit and rows[-1]:
            state = "units"
        rows[-1].append(cell)
    merged = _merged_rows(rows, kinds.index(roles[0]))
    blocks = [_row_block("", cells, roles, _plain_places(cells, kinds)) for cells in merged]
    return [_numbered_block(str(k), b) for k, b in enumerate(filter(None, blocks), 1)]


def _merged_rows(rows: list[list[str]], width: int) -> list[list[str]]:
    """A row whose unit cell is merged with the row's above (printed once, in the first row of the
    span) has no unit cell and runs into the next: where a row holds the text cells of two (its own
    `width` last, at least two and at most `width` before them), the first is a row of its own under
    the units of the row above. A run of any other length is left whole (a category cell before a row)."""
    out: list[list[str]] = []
    for cells in rows:
        texts = next((k for k, c in enumerate(cells) if _unit_cell(c)), len(cells))
        above = [c for c in out[-1] if _unit_cell(c)] if out else []
        if max(2, width - 1) <= texts - width <= width and above:
            out.append(cells[:texts - width] + above)
            cells = cells[texts - width:]
        out.append(cells)
    return out


def _numbered_block(number: str, block: Block) -> Block:
    """A row's block under its ordinal."""
    block.number = number
    return block


_TIME_JOINS = tuple(_WORDS["time_joins"])


def _time(cell: str) -> bool:
    """A 完成时限 cell, whole or with more words (年底前, 每年开展, 2024年9月底前完成)."""
    return is_deadline(cell) or deadline_cell(cell)


def _ends_in_time(kinds: list[str]) -> bool:
    """The header's columns after its role columns include a 完成时限 column."""
    at = max(i for i, k in enumerate(kinds) if k in ROLES)
    return "time" in kinds[at + 1:]


def _unit_cell(cell: str) -> bool:
    """A cell of units, closed by 。 or not, or an empty cell (`/`)."""
    return cell in _WORDS["empty_cells"] or _units(cell.rstrip(_WORDS["sentence_ends"]))


def _role_places(kinds: list[str]) -> tuple[int, int | None]:
    """Where a row's unit cells may stand, counted after its number cell: from the first role
    column (less the merged 类别 cells before it, printed only in a group's first row) to the last,
    or on without end where no named column follows the last (a list printed one unit a line)."""
    number = kinds.index("number")
    at = [i for i, k in enumerate(kinds) if k in ROLES]
    merged = kinds[number + 1:at[0]].count("category")
    return at[0] - number - merged, (at[-1] - number if _capped(kinds) else None)


def _plain_places(cells: list[str], kinds: list[str]) -> tuple[int, int | None]:
    """Where a plain table's row may hold unit cells: from its first unit cell on, as many cells as the
    header has from its first role column to its last where a column of names of no role follows them
    (a `督查单位` column: the district inspected is no lead); else on without end. Counted from the row's
    own first unit cell, not the header's place: a row may lack a merged cell before its units."""
    if not _capped(kinds):
        return 1, None
    at = [i for i, k in enumerate(kinds) if k in ROLES]
    texts = next((k for k, cell in enumerate(cells) if k and _unit_cell(cell)), len(cells))
    return 1, texts + at[-1] - at[0] + 1


def _capped(kinds: list[str]) -> bool:
    """A column of names that are no role's (评分部门, 督查单位, 责任人) follows the header's role columns."""
    last = max(i for i, k in enumerate(kinds) if k in ROLES)
    return any(k in _AFTER_UNITS for k in kinds[last + 1:])


_AFTER_UNITS = ("other", "person")  # columns of names that are no role's (评分部门, 责任人)
_SERIAL = re.compile(r"(\d{1,3})[.、]?")


def _serial_rows(lines: list[Line], jumps: bool = False) -> list[tuple[str, list[str]]]:
    """Each row's printed number and cells, a row opened by a cell that is the next serial number
    (1, 2 …). With jumps (where 1, 2 … found no row), by a number above the last once the row
    before holds its units: a report's own numbers reprinted, an excerpt of a longer table (3, 68,
    69). Any other number is a cell of its row (an amount, a count)."""
    rows: list[tuple[str, list[str]]] = []
    for ln in lines:
        m = _SERIAL.fullmatch(ln.text)
        last = int(rows[-1][0]) if rows else 0
        if m and (int(m.group(1)) == last + 1 or jumps and int(m.group(1)) > last and _row_done(rows)):
            rows.append((m.group(1), []))
        elif rows:
            rows[-1][1].append(ln.text)
    return rows


def _row_done(rows: list[tuple[str, list[str]]]) -> bool:
    """No row yet, or the last row holds a unit cell: a number after it may open the next."""
    return not rows or any(_units(cell) for cell in rows[-1][1])


def _row_block(number: str, cells: list[str], roles: list[str], places: tuple[int, int | None]) -> Block | None:
    """A row's task: its cells before the first unit cell are its text; the unit cells (and empty
    cells, `/`) from there take the role columns in order, the last column any further ones; the
    first other cell after them (a deadline), or a cell past the last role column, ends the row."""
    first, last = places
    texts, units, column = [], [], 0
    for place, cell in enumerate(cells, 1):
        cell = cell.rstrip(_WORDS["sentence_ends"])  # a unit cell closed by 。 (`区投资促进中心。`)
        if last is not None and place > last:
            break
        if place >= first and texts and (cell in _WORDS["empty_cells"] or _units(cell)):
            if cell not in _WORDS["empty_cells"]:
                units.append((cell, roles[min(column, len(roles) - 1)]))
            column += 1
        elif units or column:
            break
        else:
            texts.append(cell)
    if not units:
        return None
    block = Block(number, None)
    block.segments.append(Segment(" ".join(texts), _lead_only_once(units)))
    return block


def _lead_only_once(units: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A unit in a 牵头单位 cell and again in the 责任单位 list beside it leads only."""
    leads = {n for cell, role in units if role == "lead" for n in split_units(cell)}
    kept = [(cell, role) if role == "lead" else ("、".join(n for n in split_units(cell) if n not in leads), role)
            for cell, role in units]
    return [(cell, role) for cell, role in kept if cell]


def fallback_blocks(lines: list[Line]) -> list[Block]:
    """One block a numbered line with the unnumbered lines below it (their sentences with units its
    segments), one an unnumbered sentence with units; a heading of a title's length alone on its
    line sets the section. Sub-items `(1)…` of a numbered line with no units of its own (`1.约束性指标。`,
    `1整治…`) are its segments: 1.1, 1.2 … where several carry units, the item's where one does. Blocks
    with no units are dropped."""
    reader = _FallbackReader(lines)
    for i, ln in enumerate(lines):
        reader.read(i, ln)
    cover_runs(reader.runs)
    kept = [b for b in _owned(reader.blocks, reader.spans) if b.has_clause()]
    return _enumerators(_one_per_heading(kept, reader.under))


class _FallbackReader:
    """The fallback reading, line by line. A line's place depends on what the lines above opened: the
    unit line its duties stand under, the heading chain and section, the numbered item its sentences
    join (and the item a sub-item joins), the items a summary may refer back to."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.blocks: list[Block] = []
        self.spans: list[tuple[_Owner | None, int]] = []  # the unit line each run of blocks stands under, from which block
        self.under: dict[int, Block] = {}  # an unnumbered sentence's block -> the heading's block above it
        self.runs: list[tuple[Block, int]] = []  # unit lines alone giving a sub-item its units: (item, segment)
        self.section, self.chain, self.item, self.heading, self.parent = None, [], None, None, None
        self.items: list[Block] = []  # the numbered items since the last heading, a line may refer back to
        self.glued, self.restarts = glued_subheads(lines), _heads_restart(lines)

    def read(self, i: int, ln: Line) -> None:
        """Line i: a unit line, a sub-item of the open item, or a line whose number (if any) opens a
        block and whose sentences are read into the blocks."""
        if self._unit_line(i, ln):
            return
        number, body, sub = _numbered(ln.text, i in self.glued)
        if sub and _holds_subitems(self.parent):
            self.parent.segments.append(_subitem(body))
            return
        number, body = self._open_numbered(ln.text, number, body, sub)
        self._sentences(body, number)

    def _unit_line(self, i: int, ln: Line) -> bool:
        """A unit line (`(三十六)质监部门。`, `市建设局`) heads the duties below it: a run of blocks under it
        opens and the items and headings read so far close. A line that closes the last unit line's
        duties opens a run under none."""
        bare = sum(1 for o, _ in self.spans if o and o.kind == "bare")
        owner = _owner_line(self.lines, i, self.chain, bare, self.restarts)
        if owner is not None:
            self.spans.append((owner, len(self.blocks)))
            self.chain, self.section = owner.chain, owner.section
            self.item = self.heading = self.parent = None
            self.items = []
            return True
        if self.spans and self.spans[-1][0] is not None and _closes(self.spans[-1][0], ln.text):
            self.spans.append((None, len(self.blocks)))
        return False

    def _open_numbered(self, text: str, number: str | None, body: str, sub: bool) -> tuple[str | None, str]:
        """(number, body) of a line, a heading's numeral and its words after it for a heading (alone on its
        line or run into its paragraph: one item, its sentences with units its segments, 一.一 where one
        has units, 二.1, 二.2 … where several have). A numbered line opens a block holding its own line
        only: the paragraphs below are items."""
        head = (heading_of(text) or _enumerator_heading(text)) if number is None else None
        path = numerals(self.chain)
        if head is not None:
            self.chain, self.item, self.items = enter_heading(self.chain, head), None, []
            path = numerals(self.chain[:-1])  # the headings above it, its siblings closed
            number, body = head.numeral, _after_head(text, head)
            self.section = head.title
        if number is not None:
            block = Block(number, self.section, path)
            self.blocks.append(block)
            self.item, self.heading = (block, None) if head is None else (None, block)
            self.parent = self.item if not sub else None
            self.items += [self.item] if self.item is not None else []
        return number, body

    def _sentences(self, body: str, number: str | None) -> None:
        """A line's sentences into the blocks: each with units joins the open item, or opens a block of
        its own on an unnumbered line outside any item; a summary referring back closes the items."""
        member = False  # the line's last sentence opened a member's duty (`省公安厅:…;…`)
        for sentence in filter(str.strip, _SENTENCE.split(body)):
            if _referred_back(sentence, self.items):
                self.item = None  # it closes the items it refers to: a summary below (`以上7项…`) is none of theirs
                continue
            if self._goes_on(sentence, member):
                continue
            member = bool(_owner(sentence)) or member and not _pieces(sentence)
            if number is None and self.item is None and not (_clause_only(sentence) and self.blocks):
                self.blocks.append(Block(None, self.section, numerals(self.chain)))
                if self.heading is not None:
                    self.under[id(self.blocks[-1])] = self.heading
            if _add(self.blocks[-1], sentence):
                self.runs.append((self.blocks[-1], len(self.blocks[-1].segments) - 1))

    def _goes_on(self, sentence: str, member: bool) -> bool:
        """A sentence that adds to the last segment's text, no clause of its own: a member's duty going on
        (its verbs, `组织X配合…`, are the member's words) or the progress of a decision (`…。”截至目前,
        A负责项目5个…`)."""
        last = self.blocks[-1] if self.blocks else None
        going_on = member and not _owner(sentence) and not _names_subject([(p, None) for p in _pieces(sentence)])
        if going_on or (_PROGRESS.match(sentence) and last and last.segments):
            last.segments[-1].text += sentence
            return True
        return False


_COUNT_WORDS = _WORDS["back_count_words"]
_BACK = re.compile(
    rf"^(?:{_WORDS['back_count'].replace('{cn}', CN_DIGITS).replace('{words}', alternation(_COUNT_WORDS))}"
    rf"|{alternation(_WORDS['back_this'])})"
    rf"(?:{alternation(_WORDS['back_items'])})的?(?P<label>{GRAMMAR.labels})"
    rf"(?:{alternation(_WORDS['back_links'])})(?P<units>[^。;]+)[。;]?$")


def _back_reference(text: str) -> re.Match | None:
    """A line giving its units to the numbered items above it ([fallback] back_count …), else None."""
    m = _BACK.match(text.strip())
    return m if m and _labelled_units(m.group("units")) else None


def _referred_back(sentence: str, items: list[Block]) -> bool:
    """A sentence after numbered items that gives them its units by referring back, as a 目标管理
    plan prints them under a group of targets: `4项目标的责任单位均为X。` (the 4 items just above),
    `该目标责任单位为X。` (the one just above). Each of those items takes `<label>:X` as a clause of its
    own, the label saying the role; the sentence is no item's text. False where it is no such sentence."""
    m = _back_reference(sentence)
    count = _count_referred(m) if m else 0
    if not items or count < 1:
        return False
    clause = (f"{m.group('label')}:{m.group('units')}", None)
    for block in items[-count:]:
        if not block.segments:
            block.segments.append(Segment(""))
        block.segments[-1].cells.append(clause)
    return True


def _count_referred(m: re.Match) -> int:
    """How many items a back-reference names: its count (4, 四, 两), or 1 for `该目标` (the one above)."""
    count = m.group("count")
    return 1 if count is None else _COUNT_WORDS.get(count) or cn_to_int(count)


def _enumerators(blocks: list[Block]) -> list[Block]:
    """Unnumbered tasks that each open at an enumerator (`一是由A负责…`, `…分别为:一是<task>(责任单位:A);
    二是…`) take its numeral as their number and what follows 是 as their text, as the prose reader
    reads such a paragraph (prose.enumerated); where any lacks one, none does (they keep ordinals)."""
    loose = [b for b in blocks if b.number is None]
    segs = [next(s for s in b.segments if s.cells) for b in loose]
    for block, (number, _) in zip(loose, enumerated(segs, "")):
        block.number = number
    return blocks


class _Owner(NamedTuple):
    """A line naming a unit with no role word, over the duties below it (`(三十六)质监部门。`,
    `第三十六条 旅游部门职责:`, `(1)市林业局。`, `市建设局` alone)."""
    units: tuple[str, str]  # (units, role), as duties.department_of reads the name
    numeral: str | None  # its printed numeral; None on a bare line
    kind: str  # heading, article, item ((1), 1.), bare
    level: int  # a heading's level (a line of this level or above closes it)
    path: tuple[str, ...]  # its duties' numerals above their own: the headings above and its numeral (or ordinal)
    chain: list  # the heading chain once it opens
    section: str


# the headings above a unit line that stay over its duties: none over an article (numbered through the
# whole regulation), the outline's 一、 over a bare name (its duties' own (一) closed), all over an item
_KEEPS = {"article": 0, "bare": 2, "item": 3}
# a label naming who leads or answers for a task (a 配合单位 list below a unit's duty is its own)
_LABELLED = re.compile(rf"(?:{alternation([w for w, r in GRAMMAR.label_role.items() if r != 'support'])}):")
_COUNT = re.compile(GRAMMAR.units["heading_count"] + "$")  # 区委办公室(8项): the count of its items


def _owner_line(lines: list[Line], i: int, chain: list, bare_before: int, restarts: set[int]) -> _Owner | None:
    """The unit line at `i`, if it is one: short, its words past the numeral a department's name
    (duties.department_of) with no role word beside it (a line the reader reads no task from). A
    bare name heads duties only where a numbered line follows within [fallback]
    owner_lookahead lines, and not before a colon (a notice's salutation `各县区政府,市直各部门:`).
    A heading's duties carry the outer headings' numerals only where headings of its level
    restart on the page (`(一)` again under the next `一、`), as the duty reader prints them. A lead
    heading (`(一)X牵头的工作`, duties.lead_heading) heads the tasks below it, X their lead."""
    text = lines[i].text.strip()
    if len(text) > _WORDS["owner_line_max"] or _back_reference(text):  # `该目标责任单位为市经委`: no heading
        return None
    kind, numeral, body, level = _line_numeral(text)
    body = _COUNT.sub("", body)
    units = department_of(body)
    led = kind == "heading" and lead_heading(text)  # `(一)X牵头的工作`: its role word is the heading's
    if units is None or _pieces(body) and not led or _bare_units(body) or not (led or _heads_duties(lines, i, kind, body)):
        return None
    opened = enter_heading(chain, heading_of(text)) if kind == "heading" else [p for p in chain if p[0] < _KEEPS[kind]]
    shown = _restarting(opened, restarts) if kind == "heading" else opened
    path = numerals(shown) if kind == "heading" else numerals(shown) + (numeral or str(bare_before + 1),)
    owner = _Owner(units, numeral, kind, level, path, opened, text.replace(" ", ""))
    return None if _labelled_below(lines, i, owner) else owner


def _restarting(chain: list[tuple[int, str]], restarts: set[int]) -> list[tuple[int, str]]:
    """The heading chain's tail that an id shows: the heading, and each heading above it that the
    one below restarts under (`(一)` restarting under `一、` shows 一, not a `第一部分` above that)."""
    k = len(chain) - 1
    while k > 0 and chain[k][0] in restarts:
        k -= 1
    return chain[k:]


def _heads_restart(lines: list[Line]) -> set[int]:
    """The levels of headings whose numerals come again on the page (`(一)` under each `一、`), or
    would on the whole page: those under a part that names an official (`一、X省长负责的工作`, the
    next official's part restarts them), as the duty reader reads an excerpt cut before it."""
    seen: dict[int, set[str]] = {}
    again: set[int] = set()
    for line in lines:
        if (head := heading_of(line.text)) is not None:
            again |= {head.level} if head.numeral in seen.setdefault(head.level, set()) else set()
            again |= {head.level + 1} if head.level == 1 and _OFFICIAL.search(head.title) else set()
            seen[head.level].add(head.numeral)
    return again


_OFFICIAL = re.compile(f'(?:{alternation(GRAMMAR.table["persons"]["titles"])})(?![{GRAMMAR.table["persons"]["title_not_before"]}])')


def _heads_duties(lines: list[Line], i: int, kind: str, name: str) -> bool:
    """A numbered line heads duties as the duty reader's headings do (duties.department_heading: closed
    by 。 or a colon, `(1)市林业局。`, `第三十六条 旅游部门职责:`); a bare name where it is a name's length
    with no figure in it, a numbered line follows within [fallback] owner_lookahead lines, and no colon
    closes it (a notice's salutation `各县区政府,市直各部门:`)."""
    if kind == "heading" and _plain_unit_heading(lines, i, name):
        return True
    if kind != "bare":
        return department_heading(lines[i].text.strip())
    plain = len(name) <= _WORDS["owner_max"] and not re.search(r"\d", name)
    return plain and not name.endswith((":", ":")) and _numbered_below(lines, i)


_TASK_VERBS = re.compile(alternation(_WORDS["heading_task_verbs"]))
_DUTY_OPENS = re.compile("^(?:%s)" % alternation(GRAMMAR.units["duty_verbs"] + GRAMMAR.units["introduced_duty_verbs"]))


def _plain_unit_heading(lines: list[Line], i: int, name: str) -> bool:
    """A heading with no closing mark that is a department's name alone (`(二)公安部门`, `(一)秘书科`):
    short ([fallback] heading_name_max), no verb of a task in it (`(五)举办全县运动会` ends as a
    council's name does), over a numbered duty or a line opening with a duty's verb (`负责…`)."""
    if len(name) > _WORDS["heading_name_max"] or _TASK_VERBS.search(name):
        return False
    below = next((ln.text.strip() for ln in lines[i + 1:] if ln.text.strip()), "")
    return _numbered(below)[0] is not None or bool(_DUTY_OPENS.match(below))


def _clauses_name_lead(block: Block) -> bool:
    """The block's own clauses name a lead or a responsible unit (not only those it works with)."""
    return _names_subject([cell for s in block.segments for cell in s.cells])


def _names_subject(cells: list[tuple[str, str | None]]) -> bool:
    """Some (clause, role) cell names a lead or a responsible unit."""
    found = [r for clause, role in cells for r in parse_clause(clause, role)[0]]
    return any(r.role in ("lead", "responsible") for r in found)


def _labelled_below(lines: list[Line], i: int, owner: _Owner) -> bool:
    """A role's label with its colon (`牵头单位:`, `问题整改责任单位:`) among the lines a unit line would
    head: the page names its units itself, and the line is an item's subject or a title (`1. 市科技馆`)."""
    for ln in lines[i + 1:]:
        if _closes(owner, ln.text):
            return False
        if _LABELLED.search(ln.text):
            return True
    return False


def _line_numeral(text: str) -> tuple[str, str | None, str, int]:
    """(kind, numeral, words after it, level) of a line that may head duties."""
    head = heading_of(text)
    if head is not None:
        return "heading", head.numeral, _after_numeral(text, head.numeral), head.level
    if m := ARTICLE.match(text):
        return "article", m.group(1), m.group(2).strip(), 1
    number, body, _ = _numbered(text)
    return ("item", number, body, 3) if number is not None else ("bare", None, text, 2)


def _numbered_below(lines: list[Line], i: int) -> bool:
    """A numbered line (`(1)`, `1.`, `(一)`) within the next few lines: the duties a bare name heads."""
    below = lines[i + 1:i + 1 + _WORDS["owner_lookahead"]]
    return any(_numbered(ln.text)[0] is not None or _line_numeral(ln.text)[0] == "heading" for ln in below)


def _closes(owner: _Owner, text: str) -> bool:
    """A line that ends a unit line's duties: a heading of its level or above, an article, or an item
    numbered as it is (the next `(2)` over a `(1)市林业局。`)."""
    kind, _, _, level = _line_numeral(text)
    if kind == "article" or kind == "heading" and level <= min(owner.level, 1 if owner.kind == "bare" else 2):
        return True
    return owner.kind == "item" and kind in ("item", "heading")


def _owned(blocks: list[Block], spans: list[tuple[_Owner | None, int]]) -> list[Block]:
    """The blocks under each unit line take its units: its numbered duties, each
    under its numerals (三十六.1); with none, its paragraphs as one duty under its own numeral."""
    out = blocks[:spans[0][1]] if spans else blocks
    for k, (owner, start) in enumerate(spans):
        run = blocks[start:spans[k + 1][1] if k + 1 < len(spans) else len(blocks)]
        numbered = [b for b in run if b.number is not None]
        if owner is None or not run:
            out.extend(run)
        elif numbered:
            out.extend(_under(b, owner, owner.path) for b in numbered)
        elif owner.numeral is not None:
            merged = Block(owner.numeral, owner.section, owner.path[:-1])
            merged.segments = [s for b in run for s in b.segments]
            out.append(_under(merged, owner, owner.path[:-1]))
    return out


def _under(block: Block, owner: _Owner, path: tuple[str, ...]) -> Block:
    """A duty under its unit line: the line's units, its numerals before its own. The duty's own role
    words (`组织消防部门参与…`, `会同有关部门…`) are the unit's verbs, as a duty list prints them, but for
    a label line below it (`协助单位:X`, `协同单位:X`), the whole duty's; a duty that names who leads or
    answers for it (`1.区财政局负责…`) is left as read."""
    if _clauses_name_lead(block):
        return block
    labelled = [c for s in block.segments for c in s.cells if _LABEL_FIRST.match(c[0])]
    for k, segment in enumerate(block.segments):
        segment.cells = [owner.units] + labelled if k == 0 else []
    block.section, block.section_path, block.under_heading = owner.section, path, owner.kind != "bare" and bool(path)
    return block


def _holds_subitems(parent: Block | None) -> bool:
    """A numbered item takes the sub-items below it where it has no units of its own (its units, if
    any, are its sub-items' from their unit lines)."""
    return parent is not None and (any(s.item for s in parent.segments) or not parent.has_clause())


def _subitem(body: str) -> Segment:
    """A sub-item's line as one segment: the units its sentences name (a bracket of units after its
    first sentence too); with none, a unit line below may give them (Segment.item)."""
    sentences = [s for s in _SENTENCE.split(body) if s.strip()]
    pieces = [p for k, s in enumerate(sentences) for p in ([_bare_units(s)] if k and _bare_units(s) else _pieces(s))]
    return Segment(body, [(";".join(pieces), None)] if pieces else [], item=not pieces)


def _one_per_heading(blocks: list[Block], under: dict[int, Block]) -> list[Block]:
    """Where every item is a paragraph below a heading of no units, one to each heading (`一、<project>`,
    `实施内容:…`, `责任部门:X`), the headings number the items (一, 二 …): the heading names the task
    and its lines are the task's fields. Where any heading holds several, they are items numbered
    in order on the page (1, 2 …), the headings sections."""
    owners = [under.get(id(b)) for b in blocks]
    ids = [id(h) for h in owners if h is not None]
    if not ids or None in owners or len(set(ids)) < len(ids) or any(h.has_clause() for h in owners):
        return blocks
    for block, owner in zip(blocks, owners):
        owner.segments.extend(block.segments)
    return owners


_ENUMERATOR_HEAD = re.compile(_WORDS["enumerator_heading"].replace("{cn}", CN_DIGITS))
_ENUMERATOR_LEVEL = 3  # below every printed heading (第X部分 0, 一、 1, (一) 2)


def _enumerator_heading(text: str) -> Heading | None:
    """A paragraph opened by its enumerator and a short title (`一是明确责任分工。A负责…;B负责…`): a
    heading run into its paragraph, as `(二)明确分工。A负责…` is, its numeral the enumerator's, so
    that its duties are its sub-tasks (一.1, 一.2); None where the title names units beside a role word
    (`一是区财政局负责。`, a task that _enumerators numbers); a label's word in it (`一是明确责任分工。`) is none."""
    m = _ENUMERATOR_HEAD.match(text)
    if m is None or _pieces(m.group()):
        return None
    return Heading(m.group(1), m.group(), _ENUMERATOR_LEVEL)


def _after_head(text: str, head: Heading) -> str:
    """A heading's line past its numeral: the mark closing it (_after_numeral), or an enumerator's 是
    (`一是明确分工。…`: the title from 明确, as a task opened by its enumerator is read from after 是)."""
    if head.level == _ENUMERATOR_LEVEL:
        return text[len(head.numeral) + 1:]
    return _after_numeral(text, head.numeral)


def _after_numeral(text: str, numeral: str) -> str:
    """A heading's line past its numeral and the mark closing it (`一、`, `(一)`, `(一) `)."""
    return text[text.index(numeral) + len(numeral):].lstrip("、.):) ")


# a standing remark (`以下任务均需各区政府落实,不再一一列出`): its units are every later task's, as the
# page's conventions give them, none of its own item's
_STANDING = re.compile(alternation(GRAMMAR.table["conventions"]["standing_cues"]))
_STANDING_OPENS = re.compile(rf"(?:^|(?<=[,;(]))(?:{alternation(_WORDS['standing_opens'])})")


def _standing_start(sentence: str) -> int | None:
    """Where a standing remark in the sentence opens (its word `以下`, after a comma or at the
    sentence's start: `(责任单位:X按职责分工负责,以下各任务均需Y落实,不再一一列出)`), or None."""
    cue = _STANDING.search(sentence)
    if cue is None:
        return None
    return max((m.start() for m in _STANDING_OPENS.finditer(sentence, 0, cue.start())), default=0)


def _add(block: Block, sentence: str) -> bool:
    """A sentence into its item: a clause alone (`责任单位:A、B。` on a line below the text) is the
    clause of the sentence before it; a sentence with its own units is a segment of its own, but a
    standing remark, split from its bracket at a 。 inside it, is the words of the segment before. True
    where a clause alone gives a sub-item of no units (Segment.item) its first units."""
    if (cut := _standing_start(sentence)) is not None:
        first = _add(block, sentence[:cut]) if sentence[:cut].strip(" ,;(") else False
        if block.segments:  # the remark closes its item's clause (`…。以下均需X落实,不再列出)`)
            block.segments[-1].text += sentence[cut:]
        return first
    bare = _bare_units(sentence)
    if bare and not block.segments:
        return False  # a bracket of units with no sentence before it (a title's issuer): no task
    pieces = [bare] if bare else _pieces(sentence) or (_tail_units(sentence) if block.number is not None else [])
    if pieces and _clause_only(sentence) and block.segments:
        last = block.segments[-1]
        first = last.item and not last.cells
        last.cells = [(";".join([c for c, _ in last.cells] + pieces), None)]
        return first
    block.segments.append(Segment(sentence, [(";".join(pieces), None)] if pieces else []))
    return False


def _clause_only(sentence: str) -> bool:
    """A sentence that is only a role's label and its units (`牵头单位:X。`, `(责任单位:X)`), or a
    bracket of units alone after a sentence's end (`(市发改委、市财政局)`)."""
    return bool(_LABEL_FIRST.match(sentence) or _bare_units(sentence))


_CLOSERS = tuple(c for _, c in GRAMMAR.brackets)


def _bare_units(sentence: str) -> str:
    """The units of a bracket that is all its sentence holds (`…增长12%。(区发改局)`, a line
    `(市人保局,各市(县)、区政府)` below its item): with no role word they carry the sentence before
    out (responsible, as a structured reader reads them); else ''."""
    s = sentence.strip().rstrip(_WORDS["sentence_ends"])
    inner = strip_wrapping(s)
    wrapped = s[:1] in GRAMMAR.openers and s.endswith(_CLOSERS) and len(inner) <= len(s) - 2
    return inner if wrapped and is_unit_list(inner) else ""


_TAIL = re.compile("(?:%s)$" % "|".join(rf"{re.escape(o)}([^{re.escape(GRAMMAR.openers + GRAMMAR.closers)}]+){re.escape(c)}"
                                          for o, c in GRAMMAR.brackets))


def _tail_units(sentence: str) -> list[str]:
    """The units of a bracket closing a numbered item's sentence (`1、…增长11%(市发改委,各县市区政府)。`):
    a target list prints each target's units so, with no role word; responsible, as the bracket alone
    on its line (_bare_units) is. Not after a unit's own name (`(一)办公室(综合执法科)`: another name)."""
    s = sentence.strip().rstrip(_WORDS["sentence_ends"])
    m = _TAIL.search(s)
    if not m or not m.start() or looks_like_unit(before := s[:m.start()]) or is_unit_list(before):
        return []
    return [m.group(m.lastindex)] if is_unit_list(m.group(m.lastindex)) else []


def _numbered(text: str, glued: bool = False) -> tuple[str | None, str, bool]:
    """A line's printed task number, the rest, and whether it is a sub-item `(1)`; else (None, the
    line, False). A sub-head whose number is glued to its words (`1整治…` over `(1)`) is numbered too."""
    if glued:
        number = re.match(r"\d+", text).group()
        return number, text[len(number):], False
    for rx in _NUMBERED:
        m = rx.match(text)
        if m:
            return m.group(1), m.group(2), rx is SUBITEM
    return None, text, False


def _pieces(sentence: str) -> list[str]:
    """Each role word's group: `A、B牵头`, `牵头单位:A`; units as printed beside the word. A sentence
    opened by units and a colon (`市财政局:负责…`) is their duty: those units alone (_owner)."""
    owner = _owner(sentence)
    if owner:
        return [owner]
    pieces, pos = [], 0
    for m in _ROLE.finditer(sentence):
        if m.start() < pos:
            continue
        if m.group("colon"):
            units = _units_after(sentence[m.end():])
            end = m.end() + len(units)
        else:
            units = _units_before(sentence[pos:m.start()])
            end = m.end()
        if units:
            label = m.group("label") or m.group("held")
            pieces.append(f"{label}:{units}" if label else units + m.group("word"))
        pos = end
    return pieces


_OWNER = re.compile(rf"^([^:,。;(〔【\[][^:,。;]{{1,{_WORDS['owner_max']}}}):(.+)")


_NOT_OWNERS = frozenset(GRAMMAR.units["not_departments"] + _WORDS["not_owners"])  # 发文机关: 省政府办公厅


def _owner(sentence: str) -> str:
    """The units a duty line opens with before its colon (`市财政局:负责…`, `区委宣传部:制订…`): a
    list of members' duties names each member once, with no role word; the duty's own verbs
    (`会同有关部门…`) are its words. '' where the words before the colon are no units or a label, or
    where no duty follows: a salutation (`各乡镇、有关部门:`), a label's units (`数据提供单位:市统计局`)."""
    m = _OWNER.match(sentence)
    if not m or _LABEL_FIRST.match(sentence) or m.group(1).strip() in _NOT_OWNERS or not _units(m.group(1)):
        return ""
    duty = _fields(m.group(2))[0]
    return m.group(1) if duty.strip() and not _units(duty) else ""


_NAME_BRACKETS = "".join(_WORDS["name_brackets"])
_INNER = re.compile("|".join(
    rf"(?<=[\u4e00-\u9fff]){re.escape(o)}[^{re.escape(_NAME_BRACKETS)}:,;。\d]{{1,{_WORDS['name_bracket_max']}}}{re.escape(c)}(?!\d)"
    for o, c in _WORDS["name_brackets"]))


def _fields(text: str) -> list[str]:
    """The text cut where a clause's fields end (_PART), but not inside a bracket that is part of a
    unit's name (`各县(市、区)人民政府`, `县发改局(粮食局)`, `各村(居、场)`): a short bracket glued to
    the characters before it, with no figure, colon or role word in it and none after it (a run-together
    table's next serial: `(管委会)4…`) ([fallback] name_brackets, name_bracket_max). Cut there, the name
    was read as `各县` or `县发改局` alone."""
    inner = [m.span() for m in _INNER.finditer(text) if not _ROLE.search(m.group())]
    parts, start = [], 0
    for m in _PART.finditer(text):
        if not any(a <= m.start() < b for a, b in inner):
            parts.append(text[start:m.start()])
            start = m.end()
    return parts + [text[start:]]


def _units_before(text: str) -> str:
    """The longest run of units that ends the text and opens as a unit's name does (else the whole
    part past the last comma), without `为`, `作为` or a quoted word before the role word, and
    without an opening `由`, `请` … or a subject before them (`这项工作由`): `需要国家卫健委` gives 国家卫健委.
    None after words that tell of an event (`会议由X牵头组织`)."""
    chunk = _BEFORE_END.sub("", _fields(commas_as_dun(text))[-1])  # `A,B等相关单位牵头`: commas printed for 、
    chunk = _OPENER.sub("", chunk)[-_MAX:]
    starts = [i for i in range(len(chunk) - 1) if _LIST_START.match(chunk, i)]
    for i in starts + [0]:  # a name opening as units do (省, 市, 国家 …) before any other words
        if _units(chunk[i:]) or (i in starts and _mostly_units(chunk[i:])):
            return "" if _EVENT.search(chunk[:i]) else chunk[i:]
    return ""


# a status remark opening right after a quoted decision's closing quote (`”截至目前,…`): no task of its own
_PROGRESS = re.compile(rf"^\s*(?:{alternation(_WORDS['progress_quotes'])})(?:{alternation(_WORDS['progress_openers'])})")
_LIST_START = re.compile(rf"{GRAMMAR.unit_start_anywhere_re.pattern}|{alternation(_WORDS['list_starts'])}")


def _mostly_units(text: str) -> bool:
    """A list opening and closing with units, most of its names units (_labelled_units' share):
    a bare place among them (`A、B、银川市、石嘴山市、C配合`, `A、相关市、县政府负责`) is named
    in its list, which would else be cut after it."""
    names = split_units(text)
    return len(names) > 1 and looks_like_unit(names[0]) and looks_like_unit(names[-1]) and _labelled_units(text)


def _units_after(text: str) -> str:
    """The units a label's colon opens: up to the next field, as long as they are units, and on past
    a comma over further units (`A、B等,各县、市、区政府`)."""
    chunk = ""
    for part in _fields(text):
        wider = f"{chunk},{part}" if chunk else part
        if not part or len(wider) > _WORDS["label_units_max"] or _ROLE.search(part) or not _labelled_units(part) or not text.startswith(wider):
            break
        chunk = wider
    return chunk


def _labelled_units(text: str) -> bool:
    """A label's list: units, or a list whose names are short and at least a share of them units
    (`责任单位:开发区、城管执法局、三合广场业主`): the label itself says they are units."""
    if _units(text):
        return True
    names = split_units(text)
    share = sum(looks_like_unit(n) or _group(n) for n in names) / len(names) if names else 0
    return share >= _WORDS["label_units_share"] and all(len(n) <= _WORDS["label_name_max"] for n in names)


_GROUPS = tuple(GRAMMAR.units["group_endings"])


_PERSONS = tuple(GRAMMAR.table["persons"]["titles"] + _WORDS["person_endings"])


def _units(text: str) -> bool:
    """Units as the readers know them, or a level's working group (`县…专责小组`) beside its role word;
    never a name ending in a person's title (`各县(市、区)民政局局长参加会议`: people at a meeting)."""
    if any(n.endswith(_PERSONS) for n in split_units(text)):
        return False
    if is_unit_list(text):
        return True
    names = split_units(text)
    return bool(names) and all(looks_like_unit(n) or _group(n) for n in names)


def _group(name: str) -> bool:
    return len(name) >= 4 and name.endswith(_GROUPS) and bool(GRAMMAR.unit_start_re.match(name))
