"""text → normalised lines: the one place the contract's normalisation happens.

NFKC turns full-width `（），；：` into `(),;:`; spaces (ASCII and U+3000) are removed
from content. A tab separates table cells, so tab-indented cells become lines of
their own, the same shape as tables flattened one cell a line. Web furniture
(copyright footers, breadcrumbs), page numbers and a second copy of the whole text are dropped;
lines broken at a fixed width are joined first (loader/wrapped.py).
"""
from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Callable

from .blocks import cn_to_int, numbering_pattern
from .barwraps import bar_pieces_joined
from .boxes import box_tables
from .doubled import undoubled
from .clauses import commas_as_dun, is_unit_list, listed_units, looks_like_unit, units_spaced_apart
from .grammar import GRAMMAR, alternation, opens_at_start, simplified
from .markup import markup_as_lines, without_emphasis
from .furniture import SITE_FIELD, site_name_re, without_furniture
from .running import is_page_number, without_running_heads
from .tabcells import tab_cells_joined
from .records import normalise  # noqa: F401  (the one normalisation: records.normalise)
from .wrapped import ends_sentence, join_wrapped, new_paragraph_re, spaced_letters_joined

# an export's bookmarks, and a mirror's `@@` marks inserted between words to foil copying (二@@十@@@@大)
_EXPORT_ARTIFACT = re.compile(r"\[bookmark:[^\]]*\]|@{2,}")
_HTML_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,7}|#[xX][0-9a-fA-F]{2,6});")
# A line opening with ①…⑳ is a sub-item; NFKC would make it a bare digit (①开展 → 1开展), so it
# becomes (1) as ⑴ does. The number is no part of the text; circled digits inside a line stay NFKC's.
_CIRCLED_ITEM = re.compile(r"^([ \t\u3000]*)([\u2460-\u2473])", re.M)
# A line opening with `1)` (`1）`) on a page whose lines never open with `(1)` numbers its items at the
# level `(1)` holds elsewhere (the page's own first use of the style sets its level): it becomes `(1)`.
# Where the page opens lines with `(1)` too, `1)` stays as printed.
_HALF_PAREN_ITEM = re.compile(r"^([ \t\u3000]*)(\d{1,2})\)(?=[\u4e00-\u9fff])", re.M)
_PAREN_ITEM = re.compile(r"^[ \t\u3000]*\(\d{1,2}\)", re.M)
# Tabs (Word exports) and `|` (tables flattened to text, as `a | b | c` or a `|` line between cells)
_LINE_END = re.compile(r"\r*\n|\r")  # `\r\r\n` (a text-mode export written twice) ends one line
_CELL_SEPARATORS = re.compile(r"[\t|]")
_SPACES = re.compile(r"[ \u3000\u00a0\u200b\ufeff]+")
_INVISIBLE = dict.fromkeys(map(ord, GRAMMAR.table["wrap"]["invisible"]))  # printed as nothing: taken out
_INVISIBLE_CHARS = tuple(map(chr, _INVISIBLE))
_WORD_SPACES = GRAMMAR.table["wrap"]["word_spaces"]  # a justified line's, a PDF's: read before NFKC makes them spaces
_SPACE_IN_PHRASE = re.compile(
    rf"(?<![\u4e00-\u9fff{_WORD_SPACES}])([\u4e00-\u9fff]+)[{_WORD_SPACES}]"
    rf"(?=([\u4e00-\u9fff]+)(?![\u4e00-\u9fff{_WORD_SPACES}])(.?))")
# A rule between a table's header and its rows (markdown `|---|:---:|`, `+===+`): no cell
_RULE_CELL = re.compile(r"^(?::?-{3,}:?|[-=+─━]{3,})$")
_RULE_OPENS = frozenset(":-=+─━")  # the characters `_RULE_CELL` may open with
_SENTENCE_DOT = re.compile(GRAMMAR.table["wrap"]["sentence_dot"])
_NUMBER_BEFORE_DOT = re.compile(GRAMMAR.table["wrap"]["number_before_dot"])


@dataclass(frozen=True)
class Line:
    text: str  # normalised, spaces removed
    raw: str  # normalised, spaces kept (tables of numbers are space-separated)
    blanks_before: int  # blank lines between this line and the previous one
    no: int = 0  # the physical line it came from, counted from 1: provenance for `resp parse --explain`
    cell: int = 0  # its place among the tab- or |-separated cells of that line, empty cells counted
    field_value: bool = False  # the value of a field whose label stood alone above it (具体任务 / text)


def to_lines(text: str, part_alone: bool = False) -> list[Line]:
    """The normalised lines of a text; with part_alone, a line that holds the whole text is parted
    at its spaces however short its pieces (`_runs_on`; loader/runon.py weighs the two readings)."""
    physicals = _physical_lines(text)
    return _lines_of_physicals(physicals, _alone(physicals) if part_alone else 0)


def both_readings(text: str) -> tuple[list[Line], list[Line] | None]:
    """to_lines(text) and to_lines(text, part_alone=True) from one normalisation; the second None
    where no line holds the whole text (it would read the same): runon.py weighs the two."""
    physicals = _physical_lines(text)
    alone = _alone(physicals)
    return _lines_of_physicals(physicals, 0), (_lines_of_physicals(physicals, alone) if alone else None)


def without_invisible(text: str) -> str:
    """The text without the characters a web copy scatters inside words that print as nothing (grammar
    `[wrap] invisible`), nor the no-break spaces it scatters there too where they cut one of the grammar's
    words (`_cut_words_joined`), and with the spaces a wrong decoding wrote as `?` back
    (`lost_spaces_restored`): mended before a reader measures where a line's pieces stand
    (loader/aligned.py) or parts a run-on page at its spaces (loader/runon.py)."""
    if any(ch in text for ch in _INVISIBLE_CHARS):  # a cheap test first: str.translate is slow on CJK
        text = text.translate(_INVISIBLE)
    return _cut_words_joined(lost_spaces_restored(text))


_DECODING = GRAMMAR.table["decoding"]
# a `?` where a no-break space stood: before a cell's `|`, a space, another `?` or the line's end, or after a space
_LOST_SPACE = re.compile(r"\?(?=[|? \t\r\u3000]|$)|(?<=[ \t\u3000])\?", re.M)
# ... and the shapes no question mark takes, which alone tell such a page: a `?` closing a table's cell
# (`东湖新城? |`), one after a space inside a name (`刘 ?敏`), one after a sentence's or a clause's own close
# (`…展示中心。?`, `各单位:?`) and one after a row's number alone on its line (`1?`, a table one cell a line).
# A `?` closing a line's words may close a question (`补贴何时发放?`, `可以申请?`): never counted.
_LOST_SPACE_TELL = re.compile(r"\?(?=[ \t\u3000?]*\|)|(?<=[\u4e00-\u9fff][ \t\u3000])\?(?=[\u4e00-\u9fff])"
                              r"|(?<=[。;:,、；：，])\?|^[ \t\u3000]*\d{1,3}\?(?=[ \t\u3000]*$)", re.M)
_QUESTION_WORD = re.compile("|".join(map(re.escape, _DECODING["question_words"])))
_SENTENCE_OPENS = "。！？；!?;\n"


def lost_spaces_restored(text: str) -> str:
    """A text saved through a wrong decoding that wrote each no-break space as `?` (`东湖新城? |`, `刘 ?敏`)
    with its spaces back: kept in a cell, the `?` would end a unit's name. Only where many `?` stand where no
    question mark does (`_LOST_SPACE_TELL`, grammar `[decoding] lost_space_min`) and no sentence closing in one
    asks a question: a list of questions (`补贴何时发放?`) keeps its question marks."""
    if text.count("?") < _DECODING["lost_space_min"]:  # a cheap test first
        return text
    if sum(1 for _ in _LOST_SPACE_TELL.finditer(text)) < _DECODING["lost_space_min"]:
        return text
    if any(_asks(text, m.start()) for m in _LOST_SPACE.finditer(text)):
        return text
    return _LOST_SPACE.sub(" ", text)


def _asks(text: str, at: int) -> bool:
    """The sentence the `?` at `at` closes asks a question (`…是否到位?`): a question word since its opening."""
    opening = max(text.rfind(ch, 0, at) for ch in _SENTENCE_OPENS) + 1
    return bool(_QUESTION_WORD.search(text, opening, at))


def _cut_words_joined(text: str) -> str:
    """The text with every word space that cuts one of the grammar's words taken out (`_space_unless_cutting_word`)."""
    if any(ch in text for ch in _WORD_SPACES):  # a cheap test first
        text = _WORD_SPACE_IN_HAN.sub(_space_unless_cutting_word, text)
    return text


def _physical_lines(text: str) -> list[tuple[int, str]]:
    """A text normalised (spaces, entities, NFKC, page furniture, wrapped lines joined) into
    numbered physical lines."""
    if "\r" in text:  # a cheap test first: a text of `\n` line ends only is as it stands
        text = _LINE_END.sub("\n", text)
    text = undoubled(without_invisible(text))  # a page with a blank line after every line: loader/doubled.py
    if "&" in text:  # a web page's entities (&ldquo;, &nbsp;, &#12288;): decoded before the word spaces are read
        text = _HTML_ENTITY.sub(lambda m: html.unescape(m.group()), text)
    if any(ch in text for ch in _WORD_SPACES):  # a cheap test first
        text = _SPACE_IN_PHRASE.sub(_space_unless_parting, _cut_words_joined(text))  # again: &nbsp; decoded
    text = _CIRCLED_ITEM.sub(lambda m: f"{m.group(1)}({ord(m.group(2)) - 0x245F})", text)
    text = without_emphasis(unicodedata.normalize("NFKC", text))  # **X**: loader/markup.py
    if " " in text:
        text = _SUFFIX_ALONE.sub(_suffix_joined, text)
    if "." in text:
        text = _SENTENCE_DOT.sub(_stop_unless_number, text)
    if ")" in text and _HALF_PAREN_ITEM.search(text) and not _PAREN_ITEM.search(text):
        text = _HALF_PAREN_ITEM.sub(r"\1(\2)", text)
    if "[bookmark:" in text or "@@" in text:  # a cheap test first
        text = _EXPORT_ARTIFACT.sub("", text)
    text = _without_watermarks(_GLUED_PAGE_MARK.sub("", text))
    if "—页" in text or "_页" in text:
        text = _PAGE_TITLE_MARK.sub("", text)
    if "<" in text:  # a page kept as HTML (<p>…</p>, <tr><td>) in a text file: loader/markup.py
        text = markup_as_lines(text)
    physicals = join_wrapped(bar_pieces_joined(box_tables(_enumerations_mended(tab_cells_joined(without_running_heads(
        without_furniture(_grid_rows_parted(_without_mixed_layers(text.split("\n"))))))))))
    if _SECOND_CHUNK.search(text):  # a cheap test first: a second page chunk opens a line
        physicals = _page_chunks_joined(physicals)
    return physicals


def _without_mixed_layers(lines: list[str]) -> list[str]:
    """The lines but those of a PDF text layer mixed out of order (brackets emptied, marks alone between
    words): their cells cannot be told apart, and a reading of them gives rows with wrong units."""
    if "( )" not in "".join(lines):  # a cheap test first: no bracket emptied, no such line
        return lines
    return [line for line in lines if not _mixed_layer(line)]


_MIXED = GRAMMAR.table["wrap"]
_STRAY_MARK = re.compile("[%s]+" % re.escape(_MIXED["mixed_layer_stray_marks"]))


def _mixed_layer(line: str) -> bool:
    """Brackets emptied (`( )`) and marks standing alone between two words, each as often as grammar
    `[wrap] mixed_layer_*` says: a table's text layer whose words were mixed out of order."""
    if line.count("( )") < _MIXED["mixed_layer_empty_brackets_min"]:
        return False
    pieces = line.split()
    stray = sum(1 for k in range(1, len(pieces) - 1) if _STRAY_MARK.fullmatch(pieces[k])
                and len(pieces[k - 1]) >= 2 and len(pieces[k + 1]) >= 2)
    return stray >= _MIXED["mixed_layer_stray_marks_min"]


_BOX_BORDERS = frozenset("│┃║┌┐└┘├┤┬┴┼┏┓┗┛┣┫┳┻╋╞╡╪╟╢╫╠╣╬╔╗╚╝╦╩")
_BOX_TOP = re.compile(r"[┌┏╔][─━═┬┳╦]*[┐┓╗]")
_BOX_TOP_OPEN = re.compile(r"[┌┏╔][─━═┬┳╦]*[┐┓╗]?\s*$")  # a top rule at the end of its line, whole or cut
_BOX_BOTTOM_CLOSE = re.compile(r"[┘┛╝]")


def _grid_rows_parted(lines: list[str]) -> list[str]:
    """A box-drawn table run onto one line with the page (`…表 ┌──┬──┐ │任务│单位│ ├──┼──┤ …┘ …`): its rows
    one a line again, for the box reader (loader/boxes.py) reads a grid line by line. Every row of a grid, a
    rule or a row of cells, holds as many borders as its top rule (`┌`, each `┬`, `┐`): a row ends at that
    count, the next opens at the next border; text before or after the grid is a line of its own."""
    if not any("┌" in ln or "┏" in ln or "╔" in ln for ln in lines):
        return lines
    return [row for line in _wrapped_grids_joined(lines) for row in _grid_rows(line)]


def _wrapped_grids_joined(lines: list[str]) -> list[str]:
    """A box-drawn grid hard-wrapped at a fixed width (a PDF copy, a text cut every N characters) has its
    rules and rows cut anywhere, even just before a border: its lines are joined into one run again (the page
    numbers between them left out), which `_grid_rows` parts at its border counts; blank lines stand for the
    lines used, so the count is kept."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        end = _wrapped_grid_end(lines, i)
        if end is None:
            out.append(lines[i])
            i += 1
            continue
        out.append("".join(ln.strip() for ln in lines[i:end] if not is_page_number(ln)))
        out.extend([""] * (end - i - 1))
        i = end
    return out


def _wrapped_grid_end(lines: list[str], start: int) -> int | None:
    """The line after a wrapped grid whose top rule opens on line `start`, or None. A grid is wrapped when
    one of its lines neither opens nor closes at a border (`┌────` cut from `──┬──┐`, a row cut mid-cell);
    a grid drawn whole, each line from border to border, is left line for line."""
    if not _BOX_TOP_OPEN.search(lines[start]):
        return None
    end = next((k + 1 for k in range(start, len(lines)) if _BOX_BOTTOM_CLOSE.search(lines[k])), None)
    if end is None or end - start < 3:
        return None
    pieces = [ln.strip() for ln in lines[start:end] if ln.strip()]
    whole = all(p[:1] in _BOX_BORDERS and p[-1:] in _BOX_BORDERS for p in pieces)
    return None if whole else end


def _grid_rows(line: str) -> list[str]:
    """One physical line's rows: the line itself unless a top rule in it is followed by more of its grid."""
    top = _BOX_TOP.search(line)
    if not top or not line[top.end():].lstrip()[:1] in _BOX_BORDERS:
        return [line]
    before, rows, rest = line[:top.start()].strip(), [top.group()], line[top.end():].lstrip()
    count = sum(ch in _BOX_BORDERS for ch in top.group())
    while rest[:1] in _BOX_BORDERS and not _BOX_TOP.match(rest):
        row, rest = _one_grid_row(rest, count)
        rows.append(row)
        rest = rest.lstrip()
    return ([before] if before else []) + rows + (_grid_rows(rest) if rest else [])


def _one_grid_row(text: str, count: int) -> tuple[str, str]:
    """The row that opens `text` (up to its `count`th border) and the text after it."""
    seen = 0
    for k, ch in enumerate(text):
        seen += ch in _BOX_BORDERS
        if seen == count:
            return text[:k + 1], text[k + 1:]
    return text, ""


def _lines_of_physicals(physicals: list[tuple[int, str]], alone: int) -> list[Line]:
    """The normalised lines of a text's physical lines; `alone`, the one that holds the whole text (0: none)."""
    lines: list[Line] = []
    blanks = 0
    for no, physical in _own_numbers(_rows_run_on(physicals, alone), alone):
        cells = _cells(physical)
        if not cells:
            blanks += 1
            continue
        if len(cells) == 1:
            cells = list(enumerate(_paragraphs(cells[0][1], no == alone)))
        for k, raw in _official_fields_parted(_labels_with_their_cells(cells)):
            clean = _SPACES.sub("", units_spaced_apart(raw))
            if clean.startswith(_SOURCE_START) and _furniture_at(clean, len(_SOURCE_START)) < 0:
                clean, raw = _SOURCE_LABEL + clean, _SOURCE_LABEL + raw.lstrip()  # 来源:X县人民政府: the metadata's
            elif site_name_re().match(clean):
                clean = raw = SITE_FIELD + clean  # the banner's site name: a field for the metadata reader only
            elif clean and _is_boilerplate(clean):
                clean, raw = _before_furniture(clean), _before_furniture(raw)  # …数据。联系电话:0728-…
            if not clean:
                continue
            if _opens_with_bullet(clean):  # taken off: the line reads as an unmarked one
                clean, raw = clean[1:], raw.lstrip()[1:].lstrip()
            elif _MARKED_NUMBER.match(clean):
                clean, raw = _number_unmarked(clean), _number_unmarked(raw.lstrip())
            lines.append(Line(clean, raw, blanks, no, k))
            blanks = 0
    return _member_fields_joined(_fields_over_two_lines(drop_repeated_copy(lines)))


# The marks that print before a unit to make it lead (grammar `[units] marked_lead_before`: ★A、B, *A、*B、C)
# are bullets too where they open a paragraph: `▲A、B负责,每季度…`.
_BULLET_MARKS = tuple(GRAMMAR.units["marked_lead_before"])
_NAME_PIECE_END = re.compile(r"[、,;。:]")


_MARKED_NUMBER = numbering_pattern("marked_number")


def _number_unmarked(text: str) -> str:
    """`▲1` / `★3.…` as `1` / `3.…`: left on, the mark hid the serial, so the row took a run's ordinal (`2.1`)
    and the paragraph kept `★3.` in its text."""
    return _MARKED_NUMBER.sub("", text, count=1)


def _opens_with_bullet(line: str) -> bool:
    """A line (spaces out) opening with one mark before a unit that goes on into a sentence (`▲A、B负责,每季度…`):
    a bullet opening a paragraph, which would read as a lead mark (loader/clauses.py `_marked_before`) and
    make its first unit lead. A mark before a bare unit list (a table's unit cell `▲A,B,各镇乡(街道)`) marks
    the lead, and a mark before a text (`★地区生产总值增长8%`) names no unit: both stay as printed. A run of
    marks (`***局`) masks a name's letters. Asked of every line: the mark is looked for first."""
    if not line.startswith(_BULLET_MARKS):
        return False
    rest = line[1:]
    return rest[:1] != line[:1] and _opens_with_unit(_NAME_PIECE_END.split(rest, 1)[0]) and not is_unit_list(rest)


def _official_fields_parted(cells: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Each cell with its labels' colons (`labels_with_colons`), an official's field parted from a role's
    label opening after it on its line (`牵头领导:市长、副市长,责任单位:A、B。`): the official's field names
    no unit, so the units' label must open a line of its own to be read as one (grammar
    `[persons] field_ends_before_label`)."""
    out: list[tuple[int, str]] = []
    for k, cell in cells:
        raw = labels_with_colons(cell.strip())
        end = _OFFICIAL_FIELD_END.search(raw) if GRAMMAR.person_label_re.match(raw) else None
        out.extend([(k, raw[: end.start()]), (k, raw[end.end():])] if end else [(k, raw)])
    return out


_OFFICIAL_FIELD_END = re.compile("[{}][ \u3000]*(?=(?:{}):)".format(
    re.escape("".join(GRAMMAR.table["persons"]["field_ends_before_label"])), GRAMMAR.labels))


def _cells(physical: str) -> list[tuple[int, str]]:
    """The cells of a physical line with text, each with its place (empty cells and rules counted):
    asked of every line, most of which hold no separator, so the split is skipped there."""
    pieces = _CELL_SEPARATORS.split(physical) if "\t" in physical or "|" in physical else (physical,)
    return [(k, c) for k, c in enumerate(pieces) if (stripped := c.strip()) and not _is_rule(stripped)]


def _is_rule(cell: str) -> bool:
    """A rule between a table's header and its rows (`_RULE_CELL`); its first character is tried first."""
    return cell[0] in _RULE_OPENS and bool(_RULE_CELL.match(cell))


def _space_unless_parting(m: re.Match) -> str:
    """A no-break or ideographic space alone between two Han characters, in a phrase no other such
    space parts (可预\u3000期的, | 区人\u3000社局 |; a menu's 首页\u3000政务公开\u3000政务服务 is parted):
    a justified line's or a PDF's spacing inside a word, taken out, lest the phrase read as two units
    or as a page's paragraphs run onto one line. Kept where it parts two names or a name and a
    field (区财政局\u3000区教育局, 办公厅\u3000承办：, 的通知\u3000各县区), as the space it prints; a phrase that
    merely starts like a unit's name (全\u3000市节能规划) is no name."""
    left, right, after = m.groups()
    if looks_like_unit(left[-40:]) or _opens_with_unit(right) \
            or re.match(GRAMMAR.labels, right) or _field_opens(right + after):
        return m.group()
    return left


def _spaceable_words(grammar) -> frozenset[str]:
    """The grammar's words a space may cut (its role keywords, its labels, a label's head such as 部门 or 单位),
    kept as words: a table of every cut (配 → 合, 合单位; 责任单 → 位) held 3 MB in every process (issue 20)."""
    words = {w for ws in grammar.table["keywords"].values() if isinstance(ws, list) for w in ws}
    words |= set(grammar.label_role) | set(grammar.table["label_parts"]["heads"])
    return frozenset(w for w in words if len(w) > 1)


_SPACEABLE_WORDS = _spaceable_words(GRAMMAR)
_SPACEABLE_WORD_MAX = max(map(len, _SPACEABLE_WORDS))
_CUT_WORD_HEAD_MAX = _SPACEABLE_WORD_MAX - 1  # the longest part of a word before a cut
_WORD_SPACE_IN_HAN = re.compile(rf"(?<=[\u4e00-\u9fff])[{_WORD_SPACES}](?=[\u4e00-\u9fff])")
_HAN_AND_WORD_SPACES_BEFORE = re.compile(rf"[\u4e00-\u9fff{_WORD_SPACES}]{{1,{2 * _CUT_WORD_HEAD_MAX}}}\Z")
_HAN_AND_WORD_SPACES_AFTER = re.compile(rf"[\u4e00-\u9fff{_WORD_SPACES}]{{1,{2 * _CUT_WORD_HEAD_MAX}}}")


def _space_unless_cutting_word(m: re.Match) -> str:
    """A no-break or ideographic space between two Han characters that joins, with the characters either side,
    into one of the grammar's words (配\u00a0合, 责任\u00a0单位, 部\u00a0门, 牵头\u00a0责任单位; 协同配\u00a0合\u00a0单位 too,
    where a phrase holds several): a web page's spacing inside the word, taken out, lest the word read as two
    (a unit's name and text, two cells). The sides are read with their other such spaces left out; a space
    between two names (区财政局\u3000区教育局) cuts no word and is left to `_space_unless_parting`, and so is one
    whose sides are a unit's whole name each, though they spell a word."""
    start, end = m.start(), m.end()
    left = _HAN_AND_WORD_SPACES_BEFORE.search(m.string, max(0, start - 2 * _CUT_WORD_HEAD_MAX), start)
    right = _HAN_AND_WORD_SPACES_AFTER.match(m.string, end)
    left, right = _without_word_spaces(left.group()), _without_word_spaces(right.group())
    if not _spells_cut_word(left, right) or (looks_like_unit(left) and _opens_with_unit(right)):
        return m.group()
    return ""


def _spells_cut_word(left: str, right: str) -> bool:
    """Does one of the grammar's words open at the end of `left` and go on at the start of `right`?"""
    return any(left[-k:] + right[:j] in _SPACEABLE_WORDS
               for k in range(1, min(len(left), _CUT_WORD_HEAD_MAX) + 1)
               for j in range(1, min(len(right), _SPACEABLE_WORD_MAX - k) + 1))


def _without_word_spaces(phrase: str) -> str:
    """A phrase as it reads with its word spaces taken out."""
    return "".join(ch for ch in phrase if ch not in _WORD_SPACES)


def _opens_with_unit(phrase: str) -> bool:
    """`区教育局`, `区教育局负责…`, `各县区等`: a phrase that starts like a unit and opens with a unit's whole
    name, closed by the phrase's end, a role word or 等; `市节能规划`, `乡统筹`, `市国民经济和社会…` merely start
    like one (全\u3000市节能规划, 城\u3000乡统筹: a word cut by the space)."""
    return bool(GRAMMAR.unit_start_re.match(phrase)) and any(
        looks_like_unit(phrase[:k]) and (k == len(phrase) or phrase[k] == "等" or GRAMMAR.keyword_re.match(phrase, k))
        for k in range(2, min(len(phrase), 40) + 1))


def _suffix_parts() -> list[tuple[str, str]]:
    """(head, tail) of every place a space may cut a unit's ending: before a lone last character
    (`县财政 局`, grammar [wrap] suffix_alone) or inside a longer suffix (`委 员会`, `办 公厅`, `人民 政府`)."""
    parts = [("", c) for c in GRAMMAR.table["wrap"]["suffix_alone"]]
    return parts + [(s[:k], s[k:]) for s in GRAMMAR.units["suffixes"] for k in range(1, len(s))]


_SUFFIX_PARTS = _suffix_parts()
# the space itself is matched first (a literal re finds fast), then the two Han characters before it:
# a pattern opening with the name's `[\u4e00-\u9fff]{2,20}` is tried at every character of the text
_SUFFIX_ALONE = re.compile(rf" (?<=[\u4e00-\u9fff]{{2}} )(?=[{''.join(sorted({t[0] for _, t in _SUFFIX_PARTS}))}])")
_NAME_BEFORE_SPACE = re.compile(r"[\u4e00-\u9fff]{2,20}\Z")


def _suffix_joined(m: re.Match) -> str:
    """`县财政 局`, `省监察委 员会`: a unit's ending parted from its name by an export's stray space, joined
    back where the name is a unit only with it, or where the tail is no word of its own (员会, 公厅: two
    characters of a suffix cut inside it); `市财政局 局长`, `县发改委 办公室`, `县发改委 会同…` stay apart.
    The name is the Han characters before the space, 20 at most."""
    start = m.start()
    name = _NAME_BEFORE_SPACE.search(m.string, max(0, start - 20), start).group()
    rest = m.string[m.end():m.end() + 12]
    if re.match(GRAMMAR.labels, rest) or _field_opens(rest):  # …万吨以上 部门分工: a label after a heading
        return m.group()
    for head, tail in _SUFFIX_PARTS:
        if name.endswith(head) and rest.startswith(tail) and looks_like_unit(name + tail) \
                and (len(tail) >= 2 or not (looks_like_unit(name) or _name_of_its_own(rest))):
            return ""
    return m.group()


_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


def _name_of_its_own(rest: str) -> bool:
    """`三、工作分工 办公室  组织…`: the word after the space is a unit's whole name (a duty list's department
    after its section's heading, on a page run onto one line), so its first character is no stray ending
    of the word before; `县财政 局`, `…办公 室负责` open with no name of their own."""
    word = _HAN_RUN.match(rest)
    return bool(word) and looks_like_unit(word.group())


def _field_opens(text: str) -> bool:
    return bool(GRAMMAR.field_label_re.match(unicodedata.normalize("NFKC", text)))


def _stop_unless_number(m: re.Match) -> str:
    """A `.` that ends a sentence becomes `。`: every reader finds a sentence's end (`…防线。X牵头`), a
    bracket's second sentence, a glued row's task text by `。` alone. A heading's `一.` / `(一).` keeps its dot."""
    start = m.start()
    before = m.string[max(0, start - 8):start]
    return "." if _NUMBER_BEFORE_DOT.search(before if start >= 8 else "\n" + before) else "。"


def _enumerations_mended(physicals: list[str]) -> list[str]:
    """`比赛设` / `一、` / `二、三等奖。…`: a page that broke an enumeration in a sentence before each
    of its numerals, as if they opened headings; the sentence joined back where a numeral stands
    alone on its line after a line that ends no sentence and before the next numeral."""
    if not any(_BARE_NUMERAL.match(p.strip()) for p in physicals):
        return physicals
    out: list[str] = []
    k = 0
    while k < len(physicals):
        bare = _BARE_NUMERAL.match(physicals[k].strip())
        after = _CN_ITEM.match(physicals[k + 1].strip()) if bare and k + 1 < len(physicals) else None
        if after and out and out[-1].strip() and not ends_sentence(out[-1].strip()) \
                and cn_to_int(after.group(1)) == cn_to_int(bare.group(1)) + 1:
            out[-1] = out[-1].rstrip() + bare.group(0) + physicals[k + 1].strip()
            k += 2
            continue
        out.append(physicals[k])
        k += 1
    return out


_BARE_NUMERAL = re.compile(r"^([一二三四五六七八九十]{1,3})、$")


def _rows_run_on(physicals: list[tuple[int, str]], alone: int = 0) -> list[tuple[int, str]]:
    """A page run into one line that holds a table's rows (`索引号: | … | 成文日期: | … |`) besides
    its paragraphs: its lines, parted where a space stands between two pieces (a space beside a
    `|` or a tab is inside a row; a space between two `|` ends one). Other lines stay as they are."""
    out: list[tuple[int, str]] = []
    for no, physical in physicals:
        if ("|" in physical or "\t" in physical) and _runs_on(physical, no == alone):
            pieces = _former_lines(physical, _ROW_RUN_BREAK)
            out += [(no, piece) for piece in _brackets_kept(_name_tails_joined(pieces))]
        else:
            out.append((no, physical))
    return out


def _own_numbers(physicals: list[tuple[int, str]], alone: int = 0) -> list[tuple[int, str]]:
    """A page run into one line, its former lines parted at their spaces: each piece numbered as a
    line of its own (the lines after it numbered on), for what reads a line as a unit reads it so —
    a table's row is the cells of one line (loader/columns.py), a preamble's or heading's role
    words are skipped line by line (loader/parse.py). `--explain` then names a piece by its place."""
    out: list[tuple[int, str]] = []
    shift = 0
    for no, physical in physicals:
        if out and no + shift <= out[-1][0]:  # a row parted off the line before (_rows_run_on)
            shift = out[-1][0] + 1 - no
        if _runs_on(physical, no == alone) and _one_cell(physical):
            pieces = _paragraphs(physical, no == alone)
            out += [(no + shift + k, piece) for k, piece in enumerate(pieces)]
            shift += len(pieces) - 1
        else:
            out.append((no + shift, physical))
    return out


def _one_cell(physical: str) -> bool:
    """One cell with text: asked of each long line, most of which hold no separator to split at."""
    if "\t" not in physical and "|" not in physical:
        return bool(physical.strip())
    return sum(1 for c in _CELL_SEPARATORS.split(physical) if c.strip()) == 1


_ROW_RUN_BREAK = re.compile(r"((?<![|\t ]) +(?![|\t ])|(?<=\|) +(?=\|))")  # the gap kept: _former_lines


def _paragraphs(line: str, alone: bool = False) -> list[str]:
    """The paragraphs of one physical line: a page copied onto one line, its paragraphs joined
    by spaces or by nothing, or the next item glued to a clause (…负责)(二)…)."""
    if _runs_on(line, alone):  # each piece a former line, read as one (…清单一、认识不深, 。3.)
        # 市财政局 市统计局: one list, not two lines; 牵头单位 市财政局: one label and its units
        pieces = _brackets_kept(_lists_run_on(_name_tails_joined(spaced_letters_joined(_spaced_labels_joined(
            _numbers_with_their_text(_former_lines(_dates_unparted(units_spaced_apart(labels_with_colons(line))))))))))
        if alone and any(_CHUNK_TWO.match(p) for p in pieces):  # a sharing site's chunks, parted too
            pieces = [p for _, p in _page_chunks_joined([(0, p) for p in pieces])]
        return [p for piece in pieces for p in (_paragraphs(piece) if len(piece) >= _JOINED_LENGTH else (piece,))]
    if len(line) >= _JOINED_LENGTH:
        if "(此件" in line:  # a cheap test first: the pattern's lookbehind is tried at every place
            line = _SIGNATURE_DATE_IN_RUN.sub("\n", line)  # …办公室 / 2023年7月26日 / (此件主动公开)
        return [p for part in line.split("\n") for titled in _heading_after_title(part)
                for piece in _ITEM_AFTER_SENTENCE.split(titled) for after in _items_after_commas(piece)
                for p in _first_item_after_heading(after)]
    if ")" in line or "】" in line or "〕" in line:
        return _ITEM_AFTER_CLAUSE.split(line)
    return [line]


_SPACE_RUN = re.compile(r"(\s+)")
_OFFICE_GAP = GRAMMAR.units["spaced_duty_gap"]
_OFFICE_DUTY = re.compile(GRAMMAR.table["wrap"]["runon_office_duty"])


def _former_lines(line: str, breaks: re.Pattern = _SPACE_RUN) -> list[str]:
    """A run-on page's pieces, parted where `breaks` (one group: the gap) finds a space, but for the gap
    inside an office-duty line (`… 二、工作分工 办公室  组织、协调…; 法规处  负责…`): one space parts the
    former lines, the run of spaces after an office's whole name is its colon, so the office stays with
    its duty (loader/duties.py reads `办公室  <duty>`)."""
    pieces: list[str] = []
    gap = ""
    for k, token in enumerate(breaks.split(line)):
        if k % 2:
            gap = token
        elif pieces and _office_before_gap(pieces[-1], gap, token):
            pieces[-1] += gap + token
        elif token.strip():
            pieces.append(token)
    return pieces


def _office_before_gap(before: str, gap: str, after: str) -> bool:
    """`办公室` + `  ` + `组织、协调…;`: a unit's whole name alone, the spaces of a colon, a duty's sentence."""
    return len(gap) >= _OFFICE_GAP and gap.strip(" ") == "" and looks_like_unit(before) \
        and bool(_OFFICE_DUTY.match(after))


_DATE_SPACED = re.compile(GRAMMAR.table["wrap"]["date_spaced"])


def _dates_unparted(line: str) -> str:
    """`2019 年 4 月 16 日`: a date a PDF printed with spaces about its digits, its spaces taken out
    before a page run onto one line is parted at its spaces; else its six pieces hold no date and the
    signature's issued date is lost. No former line opens with the 年 or 月 of a date."""
    return _DATE_SPACED.sub(lambda m: _SPACES.sub("", m.group()), line) if "年" in line else line


_NAME_TAIL = re.compile(GRAMMAR.table["wrap"]["name_tail_opening"])
_HAN_END = re.compile(r"[\u4e00-\u9fff]$")


def _name_tails_joined(pieces: list[str]) -> list[str]:
    """`交通 部门,负责…` / `环保 局、` / `地税局 等和…`: a piece that opens with a unit name's tail and a mark, or
    with a list's closing 等, is the rest of the piece before (a stray space inside the name or the list),
    never a former line: no line opens mid-name or mid-list."""
    return _joined_where(pieces, lambda before, piece: bool(_HAN_END.search(before) and _NAME_TAIL.match(piece)))


def _numbers_with_their_text(pieces: list[str]) -> list[str]:
    """`第三十九条 政府法制部门职责:` / `(一) 加强…`: a page that printed a space after an item's number,
    run into one line, parts the number from its text; a piece that is a number only opens the next."""
    return _joined_where(pieces, lambda before, piece: bool(_NUMBER_ALONE.match(before)))


def _spaced_labels_joined(pieces: list[str]) -> list[str]:
    """`组 长:…,成 员:…`, `牵头 单位:…`: a label printed with a space inside it (its letters spaced out, a wrap's break),
    the page then run onto one line and parted at its spaces: the piece that opens with the label's rest and its colon
    goes on from the piece that ends with the label's head, where head and rest make a label the grammar knows. No
    former line opens inside a label."""
    return _joined_where(pieces, _label_goes_on)


def _label_goes_on(before: str, piece: str) -> bool:
    head, rest = _LABEL_HEAD.search(before), _LABEL_REST.match(piece)
    return bool(head and rest) and head.group(1) + rest.group(1) in _known_labels()


_LABEL_HEAD = re.compile(r"(?:^|[,;。:])([\u4e00-\u9fff]{1,4})$")
_LABEL_REST = re.compile(r"^([\u4e00-\u9fff]{1,4}):")


@lru_cache(maxsize=1)
def _known_labels() -> frozenset[str]:
    """Every word the grammar reads as a label before a colon: roles', persons', a table's header words, fields
    of no role, a working group's posts (组长, 成员)."""
    return frozenset([*GRAMMAR.label_role, *GRAMMAR.header_words, *GRAMMAR.layout["other_labels"],
                      *GRAMMAR.units["group_posts"]])


def _lists_run_on(pieces: list[str]) -> list[str]:
    """`配合单位:区财政局、区城管委、` / `各街道办事处`: a list a wrap broke after its 、, the page then run onto
    one line: the piece that ends with the list's mark goes on into the next where that opens with units
    (no former line ends inside a list; a deadline's or a task's cell after a unit cell stays apart)."""
    return _joined_where(pieces, lambda before, piece: before.endswith(_LIST_OPEN)
                         and is_unit_list(_FIRST_CLAUSE.match(piece).group()))


def _brackets_kept(pieces: list[str]) -> list[str]:
    """The pieces of a line parted at its spaces, a bracket's pieces and a title's bracketed remarks kept
    whole: no former line opens inside a bracket."""
    return _title_remarks_joined(_brackets_closed(pieces))


def _brackets_closed(pieces: list[str]) -> list[str]:
    """`完成率 (  100 %)`: a short bracket a page printed with spaces inside, the page then run onto one line and
    parted at its spaces (`(` / `100` / `%)`): the piece that opens it goes on into the pieces up to the one
    that closes it, where the bracket is short (a remark's figure, never a paragraph); no former line is a
    bracket's opening alone or opens with its close."""
    out: list[str] = []
    for k, piece in enumerate(pieces):
        if out and _bracket_left_open(out[-1]) and len(out[-1]) + len(piece) <= _RUNON_BRACKET_MAX \
                and _bracket_closes(pieces[k:]):
            out[-1] += piece
        else:
            out.append(piece)
    return out


def _bracket_left_open(piece: str) -> bool:
    """A piece whose last bracket opens and is not closed inside it."""
    return any(piece.rfind(o) > piece.rfind(c) for o, c in GRAMMAR.brackets)


def _bracket_closes(ahead: list[str]) -> bool:
    """Whether a bracket closes within the short run of the pieces ahead."""
    run = "".join(ahead[:_RUNON_BRACKET_MAX])[:_RUNON_BRACKET_MAX]
    return any(c in run for _, c in GRAMMAR.brackets)


def _title_remarks_joined(pieces: list[str]) -> list[str]:
    """`…责任分解表 (市X局牵头任务)(二季度末完成情况)`: a document's title printed with its remarks in brackets
    after a space, the page then run onto one line: the piece of brackets alone goes on from the title,
    lest a remark that names a unit and a role word read as a task's clause on a line of its own."""
    return _joined_where(pieces, lambda before, piece: before.endswith(_TITLE_ENDINGS) and _brackets_only(piece))


def _brackets_only(piece: str) -> bool:
    """A piece that is one or more bracketed groups of words and nothing else (`(…)(…)`): no item's number
    (`(一)`), no document's number (`(株政发〔2023〕3号)`, a bracket inside: the metadata reads it on its own line)."""
    return bool(_BRACKET_GROUPS.fullmatch(piece)) and not _NUMBER_ALONE.match(piece)


_TITLE_ENDINGS = tuple(GRAMMAR.meta["title_endings"])
_ANY_BRACKET = re.escape("".join(o + c for o, c in GRAMMAR.brackets))
_BRACKET_GROUPS = re.compile("(?:" + "|".join(
    rf"{re.escape(o)}[^{_ANY_BRACKET}]+{re.escape(c)}" for o, c in GRAMMAR.brackets) + ")+")
_RUNON_BRACKET_MAX = GRAMMAR.table["wrap"]["runon_bracket_max"]


def _joined_where(pieces: list[str], goes_on: Callable[[str, str], bool]) -> list[str]:
    """The pieces of a line parted at its spaces, each joined to the one before where `goes_on(before, piece)`."""
    out: list[str] = []
    for piece in pieces:
        if out and goes_on(out[-1], piece):
            out[-1] += piece
        else:
            out.append(piece)
    return out


_LIST_OPEN = tuple(GRAMMAR.table["wrap"]["list_open_end"])
_FIRST_CLAUSE = re.compile(r"[^。;:,]*")
_NUMBER_ALONE = re.compile("|".join(GRAMMAR.table["wrap"][key] for key in ("number_alone", "padded_number_alone")))


def _labels_with_their_cells(cells: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """`牵头单位: | 市卫健委 |`: a label's cell and the cell after it are one field (`牵头单位 : |`, a
    page's spaces about its colon, too)."""
    out: list[tuple[int, str]] = []
    for k, cell in cells:
        label = out[-1][1].strip() if out else ""
        if label.endswith(":") and label[:-1].rstrip(" \u3000") in GRAMMAR.label_role:
            out[-1] = (out[-1][0], out[-1][1].strip() + cell.strip())
        else:
            out.append((k, cell))
    return out


def _fields_over_two_lines(lines: list[Line]) -> list[Line]:
    """A field printed as its label alone on a line and its value on the next (`责任单位` /
    `卫健局、发改局`; `具体任务` / the task's text) reads as `责任单位:卫健局、发改局` and as the text
    alone. A run of label lines is a table's header, left as it is."""
    kinds = [_field_label(ln.text) for ln in lines]
    if not any(kinds):
        return lines
    header_like = _HeaderLike(lines, kinds)
    out: list[Line] = []
    i, value_at = 0, -1  # value_at: the last line read as a field's value
    while i < len(lines):
        line, nxt = lines[i], lines[i + 1] if i + 1 < len(lines) else None
        before = lines[i - 1] if i else None
        alone = (nxt is None or nxt.no != line.no) and (before is None or before.no != line.no)  # no cells
        kind = kinds[i] if alone else None
        if kind and nxt is not None and not nxt.text.isdigit() and not _in_header(lines, kinds, header_like, i, value_at) \
                and not _header_cell(nxt.text):
            # a table's 责任单位 / 1, or 工作任务 / 完成时限, is a header
            if kind == "task":
                out.append(replace(nxt, field_value=True))  # 具体任务 / text: the label is no part of the text
                end = i + 2
            else:
                end = _unit_lines_end(lines, i)
                out.append(_field_joined(line, lines[i + 1:end]))
            i, value_at = end, end - 1
            continue
        out.append(line)
        i += 1
    return out


def _field_joined(label: Line, values: list[Line]) -> Line:
    """The label's line and its value's lines as one field (`责任单位:A、B`), the values parted by 、."""
    text = f"{label.text.rstrip(':')}:" + "、".join(v.text for v in values)
    raw = f"{label.raw.rstrip(':')}:" + "、".join(v.raw.strip() for v in values)
    return Line(text, raw, label.blanks_before, label.no, label.cell)


def _unit_lines_end(lines: list[Line], at: int) -> int:
    """Where the value of the role label alone on line `at` ends: the next line, and, under a label closed by
    its colon (`责任单位:` over a cell list exported one unit a line), every line after it that is one whole
    unit's name, up to a numbered line, a label or a sentence."""
    end = at + 2
    if not (lines[at].text.endswith(":") and _one_unit(lines[at + 1])):
        return end
    while end < len(lines) and _one_unit(lines[end]) and lines[end].no != lines[end - 1].no:
        end += 1
    return end


def _one_unit(line: Line) -> bool:
    """Is the line a single unit's whole name, alone on its physical line (no 、 list, no label, no sentence)?"""
    text = line.text
    return not _LIST_MARKS.intersection(text) and _field_label(text) is None \
        and looks_like_unit(text) and is_unit_list(text)


_LIST_MARKS = frozenset("、,;:。")


def _member_fields_joined(lines: list[Line]) -> list[Line]:
    """A line opening with a members' label (`成员单位:A、B。`, grammar `[member_labels]`) under a group's line
    whose labelled clause a `;` left open (`第三组 牵头单位:X;`) is that clause's next field, broken onto a line of its
    own: joined, so that the members are read as the group's support. Opening a line after anything else it
    labels a membership or addressees, as printed (loader/clauses.py)."""
    out: list[Line] = []
    for line in lines:
        before = out[-1] if out else None
        if before is not None and _MEMBER_FIELD.match(line.text) and _opens_a_group_clause(before):
            out[-1] = replace(before, text=before.text + line.text, raw=before.raw + line.raw)
        else:
            out.append(line)
    return out


def _opens_a_group_clause(line: Line) -> bool:
    """Does the line leave open, with a `;`, a clause whose members a `成员单位:` line could go on: a group's
    (the line opens with its label, `第三组 …`) or a lead's (`牵头单位:X;`)? After a task's `责任单位:X;` the
    members' line lists a body's membership (review3 A7), which labels nothing."""
    open_clause = _LABELLED_CLAUSE_OPEN.search(line.text)
    if open_clause is None:
        return False
    return bool(_GROUP_LABEL.match(line.raw.strip()) or _LEAD_LABEL.match(open_clause.group(1)))


_MEMBER_FIELD = re.compile(rf"(?:{alternation([w for ws in GRAMMAR.table['member_labels'].values() for w in ws])}):")
_LABELLED_CLAUSE_OPEN = re.compile(rf"({GRAMMAR.label_anywhere_re.pattern})[^;。]*;$")
_LEAD_LABEL = re.compile(rf"(?:{alternation([w for w, role in GRAMMAR.label_role.items() if role == 'lead'])}):$")
_GROUP_LABEL = numbering_pattern("row_label")  # matched at the line's start


def _in_header(lines: list[Line], kinds: list, header_like: _HeaderLike, i: int, value_at: int) -> bool:
    """Does the field label alone on line i stand in a run of header cells (a table's header, not a field)?"""
    nxt = lines[i + 1]
    return (i > 0 and i - 1 != value_at and (header_like[i - 1] or header_like.split_cell(i - 1))) or (
        header_like[i + 1] and not nxt.text.startswith(_TIME_WORDS)
        and not (kinds[i] == "role" and _several_units(nxt.text))  # 责任单位 / 推进办、疾控处: units
        and bool(kinds[i + 1] or (i + 2 < len(lines) and header_like[i + 2])))


class _HeaderLike:
    """Which lines read as a header's cell: a field label, or a short cell holding a header word but no
    official's name (`责任领导:王某` is a field with its value). Asked only about the lines beside a field
    label alone on its line, each once: a search of every line of a long plan cost more than the rest."""

    def __init__(self, lines: list[Line], kinds: list) -> None:
        self._lines, self._kinds = lines, kinds
        self._known: dict[int, bool] = {}

    def __getitem__(self, k: int) -> bool:
        if k not in self._known:
            text = self._lines[k].text
            self._known[k] = bool(self._kinds[k]) or (_header_like(text) and not _named_person(text)
                                                      and not text.endswith("。"))  # a sentence: no header's cell
        return self._known[k]

    def split_cell(self, k: int) -> bool:
        """Do lines k-1 and k make one header cell printed over two lines (`牵头` / `部门`)?"""
        if k < 1:
            return False
        joined = self._lines[k - 1].text + self._lines[k].text
        return _field_label(joined) is not None or _header_like(joined)


def _several_units(text: str) -> bool:
    """Two units at least and nothing else (`推进办、疾控处`, or `推进办,疾控处` where a page prints the
    list's 、 as commas: clauses.commas_as_dun): a label's value, though a unit's name holds a header word."""
    as_dun = commas_as_dun(text)
    return "、" in as_dun and is_unit_list(as_dun)


def _named_person(text: str) -> bool:
    return bool(GRAMMAR.person_label_re.match(text)) and not text.endswith(":")


_TIME_WORDS = tuple(GRAMMAR.columns["time_phrases"])  # 全年推进: a deadline, never a header cell


def _header_cell(text: str) -> bool:
    """A word that names a column (完成时限, 时间节点, 责任单位) alone on its line: a header's cell, never a
    field's value, though it opens with a time word (完成); a deadline (全年推进, 年底前) may be a value.
    Asked before a traditional page is folded: read simplified, as the grammar spells a word one way a
    character (備註) where a traditional page may print a character as simplified pages do (備注)."""
    return simplified(text) in _COLUMN_NAMES


# [columns] lists of what a cell holds (a deadline, a note), not of a column's name
_CELL_VALUE_KINDS = frozenset({"time_phrases", "deadline_times", "deadline_verbs", "notes"})
_COLUMN_NAMES = frozenset(
    [w for kind, words in GRAMMAR.columns.items() if kind not in _CELL_VALUE_KINDS for w in words]
    + list(GRAMMAR.column_labels) + GRAMMAR.table["persons"]["labels"])


def _header_like(text: str) -> bool:
    """A short cell holding a header word (任务要求及举措, 完成时间节点), a remark in brackets after it
    aside (重点工作任务(杭州市2项配合工作)): a header's cell."""
    return len(without_remark(text)) <= 14 and bool(GRAMMAR.header_re.search(text))


def without_remark(cell: str) -> str:
    """A cell without a remark in brackets closing it (`重点工作任务(杭州市2项配合工作)`)."""
    return _REMARK_AT_END.sub("", cell) if cell.endswith(")") else cell


_REMARK_AT_END = re.compile(r"\([^()]{1,30}\)$")


def _field_label(text: str) -> str | None:
    """`task` for a task column's word, `role` for a role label or 完成时限 …, else None; with or
    without its colon (`责任单位:` alone on a line, the units on the next)."""
    text = text[:-1] if text.endswith(":") else text
    if text in GRAMMAR.column_labels or text in _OTHER_LABELS:
        return "role"
    return "task" if text in _TASK_LABELS else None


# asked of every line: sets, not the grammar's lists
_OTHER_LABELS = frozenset(GRAMMAR.layout["other_labels"])
_TASK_LABELS = frozenset(GRAMMAR.columns["task"])


_ITEM_MARK = f"[{re.escape(GRAMMAR.table['wrap']['item_marks'])}]"  # `1、`, or `1,` as OCR prints it
_CHUNK_TWO = re.compile("2" + _ITEM_MARK)
_SECOND_CHUNK = re.compile(r"\n[ \t\u3000]*" + _CHUNK_TWO.pattern)
_CHUNK_NUMBER = re.compile(r"^\s*(\d{1,3})" + _ITEM_MARK)
_PAGE_CHUNK = GRAMMAR.layout["page_chunk_min"]
_CHUNK_LINE = GRAMMAR.layout["page_chunk_line_min"]
_ITEM_INSIDE = re.compile(r"[。;](\d{1,3})" + _ITEM_MARK)


def _page_chunks_joined(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A sharing site's text cut into chunks numbered `1、` `2、` `3、` at the lines' starts, each after
    the first going on with a sentence (or a word) the line before broke off, while the plan's own
    items run inside the lines with higher numbers (`。12、`): the chunk numbers are no task numbers,
    and each chunk joins the line before it."""
    starts = [(k, m) for k, (_, ln) in enumerate(lines) if (m := _CHUNK_NUMBER.match(ln))]
    if len(starts) < 2 or [int(m.group(1)) for _, m in starts] != list(range(1, len(starts) + 1)):
        return lines
    inner = [int(n) for _, ln in lines for n in _ITEM_INSIDE.findall(ln)]
    previous = [_line_before(lines, k) for k, _ in starts[1:]]
    if any(p is None or ends_sentence(lines[p][1]) or _ends_with_clause(lines[p][1]) for p in previous):
        return lines
    chunks = zip((k for k, _ in starts), previous)
    if (max(inner) <= len(starts)) if inner else not all(_chunk_is_page(lines, k, p) for k, p in chunks):
        return lines  # items numbered within the lines run past the chunks', or each chunk is a page
    out = list(lines)
    for (k, m), p in zip(reversed(starts[1:]), reversed(previous)):
        out[p] = (out[p][0], out[p][1].rstrip() + out[k][1][m.end():])
        del out[p + 1:k + 1]
    k, m = starts[0]
    out[k] = (out[k][0], out[k][1][m.end():])
    return out


def _chunk_is_page(lines: list[tuple[int, str]], start: int, end: int) -> bool:
    """Whether the chunk on lines start..end holds a page's text: its last line that long, or, where a
    wrap or a numbered heading (`(一)…` at a line's start) broke it into lines, all of them that long
    together, each a paragraph's line (a table one cell a line has short lines: its rows are no pages)."""
    if len(lines[end][1]) >= _PAGE_CHUNK:
        return True
    chunk = [len(ln) for _, ln in lines[start:end + 1] if ln.strip()]
    return sum(chunk) >= _PAGE_CHUNK and min(chunk) >= _CHUNK_LINE


def _ends_with_clause(line: str) -> bool:
    """A line closed by a bracketed clause (`…(责任单位:A、B)`): a plan's item ends there, no page was cut."""
    body = line.rstrip()
    if not body.endswith(tuple(GRAMMAR.closers)):
        return False
    tail = body[-300:]
    last = None
    for last in GRAMMAR.bracket_group_re.finditer(tail):
        pass
    return bool(last and last.end() == len(tail) and
                (GRAMMAR.label_anywhere_re.search(last.group()) or GRAMMAR.closing_keyword_re.search(last.group())))


def _line_before(lines: list[tuple[int, str]], k: int) -> int | None:
    """The last line with text before line k."""
    return next((j for j in range(k - 1, -1, -1) if lines[j][1].strip()), None)


# A sharing site's page mark glued into the text, even inside a word (对发第2页共3页生噪声), and a
# page's mark that it goes on from the last ([接上页]): never content
_GLUED_PAGE_MARK = re.compile(r"第\d{1,3}页[,/]?共\d{1,3}页"
                              rf"|[\[(【〔]\s*(?:{'|'.join(GRAMMAR.layout['continuation_marks'])})\s*[\])】〕]")
# a sharing site's page title opening a page's text (…行动方案—页2,)
_PAGE_TITLE_MARK = re.compile(rf"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{{2,40}}?"
                              rf"(?:{'|'.join(GRAMMAR.meta['title_endings'])})[—_]页\d{{1,3}},?")
_DOMAIN = re.compile(r"(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|cn|net|org)(?![a-z0-9])", re.I)


def _without_watermarks(text: str) -> str:
    """A sharing site's watermark (`秘书之家—全网资源每日更新www.mishuzj.com`), printed again and again,
    even inside a word (`【牵<watermark>头单位:`): a web address that recurs, with the words
    before it that every occurrence shares, is taken out everywhere."""
    lowered = text.lower()
    if not any(tld in lowered for tld in (".com", ".cn", ".net", ".org")):
        return text
    found: dict[str, list[int]] = {}
    for m in _DOMAIN.finditer(text):
        found.setdefault(m.group().lower(), []).append(m.start())
    for domain, starts in found.items():
        if len(starts) < 2:
            continue
        befores = [text[max(0, i - 30):i] for i in starts]
        shared = 0
        while shared < 30 and all(len(b) > shared for b in befores) and len({b[-1 - shared] for b in befores}) == 1:
            shared += 1
        mark = befores[0][len(befores[0]) - shared:]
        text = re.sub(re.escape(mark) + r"(?:https?://)?(?:www\.)?" + re.escape(domain.split("www.")[-1]), "", text,
                      flags=re.I)
    return text


def labels_with_colons(raw: str) -> str:
    """A role label written `【牵头单位】X` or `牵头单位 X` (a space where the colon goes) as
    `牵头单位:X`, so that the clause grammar reads it; a header row of labels stays as it is."""
    raw = _misprinted_colons(raw)
    if "【" in raw or "[" in raw:
        raw = _bracketed_label_re().sub(lambda m: m.group(1) + ":", raw)
    if ")" in raw:
        raw = _label_units_bracketed_re().sub(_colon_unless_remark, raw)
    if " " not in raw:
        return raw
    raw = _colons_unspaced(raw)
    raw = _spaced_field_re().sub(";", raw)  # 市人社局 咨询电话:… : the field is no part of the name
    return _next_labels_spaced(_spaced_label_re().sub(_colon_unless_header, raw))


def _misprinted_colons(raw: str) -> str:
    """`(牵头单位;县X局;配合单位.县Y局)`: a scan printed the label's colon as `;` or `.`; read where a list of whole
    units follows the mark, never a header row (`牵头单位;配合单位`) nor a sentence."""
    if not any(mark in raw for mark in GRAMMAR.table["label_parts"]["misprinted_colons"]):
        return raw
    return _misprinted_colon_re().sub(_colon_before_units, raw)


def _colon_before_units(m: re.Match) -> str:
    return m.group(1) + m.group(2) + ":" + m.group(3) if listed_units(m.group(3)) else m.group()


@lru_cache(maxsize=1)
def _misprinted_colon_re() -> re.Pattern:
    """A label opening its clause (group 2, its opening in group 1), a misprinted colon, and the list up to the
    clause's next mark (group 3)."""
    openers = re.escape("".join(o for o, _ in GRAMMAR.brackets))
    marks = re.escape(GRAMMAR.table["label_parts"]["misprinted_colons"])
    return re.compile(rf"(^|[;,{openers}]\s*)({_labels()})[{marks}]([^\s:;,。.()]+)")


def _next_labels_spaced(raw: str) -> str:
    """`牵头单位:A 配合单位 B、C` (the first label's space read as its colon): a label between spaces right after a
    label's list of units opens the next field, `牵头单位:A;配合单位:B、C`, as a `;` and a colon would print it;
    never where the list is no units, nor before a header's word (a table's header row)."""
    while (joined := _spaced_next_label_re().sub(_field_after_units, raw)) != raw:
        raw = joined
    return raw


def _field_after_units(m: re.Match) -> str:
    following = re.split(r"[\s;,()]", m.string[m.end():], maxsplit=1)[0]
    if not listed_units(m.group(2)) or following in GRAMMAR.header_words or GRAMMAR.header_re.search(following):
        return m.group(0)
    return f"{m.group(1)}:{m.group(2)};{m.group(3)}:"


def _colon_unless_header(m: re.Match) -> str:
    following = re.split(r"[\s;,()]", m.string[m.end():], maxsplit=1)[0]  # not a remark's (…为牵头单位)
    if m.group(2) + following.split(":", 1)[0] in GRAMMAR.label_role:
        return m.group(1) + m.group(2)  # 协助 单位, 责任 单位:X: one label spaced out, not 协助:单位
    if following in GRAMMAR.header_words or GRAMMAR.header_re.search(following):
        return m.group(0)  # 牵头单位 配合单位 完成时限, 责任单位 或牵头单位: a table's header
    return m.group(1) + m.group(2) + ":"


def _colon_unless_remark(m: re.Match) -> str:
    """`组长单位(县X局)` as `组长单位:县X局` where the bracket holds units alone: a bracket holding a label's
    head (`责任单位(部门)`, the label's alternative) or anything not a unit is a remark and stays."""
    inside = m.group(3)
    if inside in _LABEL_HEADS or not listed_units(inside):
        return m.group(0)
    return f"{m.group(1)}{m.group(2)}:{inside}"


_LABEL_HEADS = frozenset(GRAMMAR.table["label_parts"]["heads"])


def _colons_unspaced(raw: str) -> str:
    """`责任单位 : A`, `牵头单位 :A`, `牵头单位: A`: a colon with the spaces a page printed about it taken out,
    so that a label and its list stay one field when a page run onto one line is parted at its spaces.
    A space only after a colon that closes no label may end a former line (`各单位: 《…》`): it stays."""
    if ":" not in raw:
        return raw
    return _label_colon_spaced_re().sub(_colon_joined, _SPACED_COLON.sub(_colon_joined, raw))


def _colon_joined(m: re.Match) -> str:
    """A colon (after its label, group 1) without the spaces about it, unless a numbered item follows
    (`二、责任分工: 1.由…`, `分工如下 : 一、…`: the colon closes a heading or a sentence, and a line ended there)."""
    colon = (m.group(1) if m.re.groups else "") + ":"
    return colon + " " if new_paragraph_re().match(m.string[m.end():m.end() + 24]) else colon


_SPACED_COLON = re.compile(GRAMMAR.table["wrap"]["spaced_colon"])


@lru_cache(maxsize=1)
def _label_colon_spaced_re() -> re.Pattern:
    return re.compile(rf"({_labels()}): +")


@lru_cache(maxsize=1)
def _bracketed_label_re() -> re.Pattern:
    return re.compile(rf"[【\[]\s*({_labels()})\s*[】\]]")


@lru_cache(maxsize=1)
def _label_units_bracketed_re() -> re.Pattern:
    """A label opening its cell or a clause, its units in brackets after it (grammar `units_bracketed_after`)."""
    return re.compile(rf"(^|[\s:;。,])({_labels()}){GRAMMAR.table['label_parts']['units_bracketed_after']}")


@lru_cache(maxsize=1)
def _spaced_field_re() -> re.Pattern:
    return re.compile(rf"(?<=[^\s;,:])[ \u3000]+(?={GRAMMAR.field_label_re.pattern}:)")


@lru_cache(maxsize=1)
def _spaced_next_label_re() -> re.Pattern:
    """A label, its colon and its list (group 2), then spaces and the next label (group 3) and spaces."""
    return re.compile(rf"({_labels()}):([^\s:;,。()]+)[ \u3000]+({_labels()})[ \u3000]+(?=[^\s:])")


@lru_cache(maxsize=1)
def _spaced_label_re() -> re.Pattern:
    openers = re.escape("".join(o for o, _ in GRAMMAR.brackets))  # 〔牵头单位 X;…〕, [牵头单位 X]
    # not after a heading's numeral and its comma (`五,责任分工 (一)党政办`: a mirror's `五、`, a heading)
    return re.compile(rf"(^|[;。{openers}]|(?<![{GRAMMAR.table['numbering']['cn_digits']}]),)\s*({_labels()})[ \u3000]+(?=[^\s:])")


def _labels() -> str:
    return GRAMMAR.labels


_RUN_ON_LENGTH = 300
_RUN_ON_ALONE = GRAMMAR.table["wrap"]["run_on_alone"]
_JOINED_LENGTH = 150
# In a page run into one line with nothing between its paragraphs, a heading or numbered item opens
# right after a sentence or a clause ends (。一、 / 】(二) / 〕二、 / 。3.), or after a clause's bracket and
# a space the line was not parted at (a menu's short words before it: …下同) 2.; a cell's `。 2.` stays one
# cell's list), and a sub-heading right after its heading's words (一、重点任务(一)推进…), never after 第 (第(二)项).
# The first lookahead is no rule of its own: every place the pattern parts at opens with a numeral, a
# digit, `(` or the space before one, so it refuses at a glance the places the lookbehinds were tried at
# one by one (a third of the time of a long line's split).
_ITEM_AFTER_SENTENCE = re.compile(
    r"(?=[一二三四五六七八九十\d( \u3000])"
    r"(?:(?:(?<=[。】〕\];!?)])|(?<=[)】〕])[ \u3000]{1,2})(?=[一二三四五六七八九十]{1,3}" + _ITEM_MARK + r"|\d{1,2}(?:\.|" + _ITEM_MARK + r")(?!\d))"
    r"|(?<=[。】〕\];!?)\u4e00-\u9fff])(?<!第)(?=\([一二三四五六七八九十]{1,3}\)))")


# A signature's date run into the page, as a notice prints it before `(此件主动公开)`
_SIGNATURE_DATE_IN_RUN = re.compile(r"(?<=[\u4e00-\u9fff])(?=\d{4}年\d{1,2}月\d{1,2}日\(此件)|(?<=\d日)(?=\(此件)")
# A copy that dropped words runs a heading on after a comma (…快速复苏,一、…): taken only as the
# next numeral of the sequence, never 一、二级 inside a sentence
_HEADING_AFTER_COMMA = re.compile(r"(?<=,)(?=([一二三四五六七八九十]{1,3})" + _ITEM_MARK + ")")
_CN_HEADING = re.compile(r"^([一二三四五六七八九十]{1,3})" + _ITEM_MARK)


def _items_after_commas(piece: str) -> list[str]:
    """A piece cut where `,一、` opens the first heading, or the heading after the piece's own."""
    opening = _CN_HEADING.match(piece)
    expected = cn_to_int(opening.group(1)) + 1 if opening else 1
    for m in _HEADING_AFTER_COMMA.finditer(piece):
        if cn_to_int(m.group(1)) == expected:
            heading = _CN_HEADING.sub(r"\1、", piece[m.start():], count=1)  # read as `一、` reads
            return [piece[:m.start()]] + _items_after_commas(heading)
    return [piece]


_HEADING_THEN_FIRST_ITEM = re.compile(GRAMMAR.table["wrap"]["heading_then_first_item"])


def _first_item_after_heading(piece: str) -> list[str]:
    """A heading's short title with its first item glued on (`(一)社会宣传1、制作…`): parted there, or
    the item's text would open with the title and the task take the heading's numeral as its id."""
    m = _HEADING_THEN_FIRST_ITEM.match(piece)
    return [piece[:m.end()], piece[m.end():]] if m else [piece]


_CN_ITEM = re.compile(r"^([一二三四五六七八九十]{1,3})、")
# A plan's title run on into its first heading (…整改措施清单一、责任落实不到位…)
_TITLE_THEN_HEADING = re.compile(rf"(?:{'|'.join(map(re.escape, GRAMMAR.meta['title_endings']))})(?=一、)")


def _heading_after_title(part: str) -> list[str]:
    m = _TITLE_THEN_HEADING.search(part)
    return [part[:m.end()], part[m.end():]] if m else [part]


# The next item glued to a clause's closing bracket on the same line (…负责)(二)… / …协办)2.…)
_ITEM_AFTER_CLAUSE = re.compile(r"(?<=[)】〕])(?=\([一二三四五六七八九十]{1,3}\)|\d{1,2}[.、](?!\d))")


def _runs_on(physical: str, alone: bool = False) -> bool:
    """A long line whose spaces stand between paragraphs, not inside words: a page copied
    onto one line (pieces of six characters or more, typically). A line that is the whole
    text (no line structure at all: the page's lines, short ones too, parted by spaces) runs on
    whatever its pieces' lengths."""
    if len(physical) < (_RUN_ON_ALONE["length"] if alone else _RUN_ON_LENGTH):
        return False
    pieces = physical.split()
    if alone:
        return len(pieces) >= _RUN_ON_ALONE["pieces"]
    return len(pieces) >= 5 and sorted(map(len, pieces))[len(pieces) // 2] >= 6


def may_part_alone(text: str) -> bool:
    """Whether one line may hold the whole text, parted by spaces: then `to_lines(text,
    part_alone=True)` is another reading of it (loader/runon.py). A cheap look at the raw lines."""
    if len(text) < _RUN_ON_ALONE["length"]:
        return False
    raw = _LINE_END.split(text) if "\r" in text else text.split("\n")  # an old export's `\r` alone ends its lines too
    sizes = [len(ln.strip()) for ln in raw]
    if _holds_all(sizes):
        return True
    longest = max(sizes)  # a page run into one line, then broken at a fixed width: its lines all full
    if sum(s for s in sizes if s >= 0.8 * longest) < _RUN_ON_ALONE["share"] * sum(sizes) - longest:
        return False
    joined = join_wrapped(raw)
    return len(joined) < len(raw) and _holds_all([len(ln.strip()) for _, ln in joined])


def _holds_all(sizes: list[int]) -> bool:
    longest = max(sizes)
    return longest >= _RUN_ON_ALONE["length"] and longest >= _RUN_ON_ALONE["share"] * sum(sizes)


def _alone(physicals: list[tuple[int, str]]) -> int:
    """The physical line that holds the whole text (all but a few of its characters: a title
    above it), or 0 when the text has lines."""
    sizes = [(len(ln.strip()), no) for no, ln in physicals if ln.strip()]
    if not sizes:
        return 0
    size, no = max(sizes)
    return no if size >= _RUN_ON_ALONE["share"] * sum(s for s, _ in sizes) else 0


def _before_furniture(line: str) -> str:
    """A paragraph that a page's furniture closes (`…并发布定案数据。联系电话:0728-6291238`): its
    sentences before it; a line that is furniture only: nothing."""
    at = _furniture_at(line)
    head = line[:at].rstrip() if at >= 0 else line
    return head if len(head) >= _FURNITURE_AFTER and head.endswith(("。", ";", "。")) else ""


# A page's source line (`来源:X县人民政府`), furniture where it names no body, is kept as the source field the
# metadata reader reads (grammar [meta] source_fields: 文章来源).
_SOURCE_START = "来源:"
_SOURCE_LABEL = "文章"
_FURNITURE_AFTER = 40  # characters of sentences before it, at least


@lru_cache(maxsize=16384)
def _is_boilerplate(line: str) -> bool:
    return _furniture_at(line) >= 0


def _furniture_at(line: str, pos: int = 0) -> int:
    """Where the first piece of a page's furniture in the line opens, searched from `pos` (a line-opening
    one only from 0, as `^` holds only there); -1 where there is none."""
    opening, anywhere = _furniture_res()
    if pos == 0 and opening.match(line):
        return 0
    found = anywhere.search(line, pos)
    return found.start() if found else -1


@lru_cache(maxsize=1)
def _furniture_res() -> tuple[re.Pattern, re.Pattern]:
    """The furniture that opens a line (grammar [layout] boilerplate_start and the `^` patterns of
    page_numbers and site_owner_line), matched at the line's start, and the furniture found anywhere
    (boilerplate_anywhere as a trie, any other pattern), searched: one pattern of both, searched, tried
    every alternative at every character of every line (a fiftieth of the parse)."""
    layout = GRAMMAR.layout
    patterns = layout["page_numbers"] + [layout["site_owner_line"]]
    opening = [re.escape(w) for w in layout["boilerplate_start"]] + [rx for rx in patterns if opens_at_start(rx)]
    anywhere = [alternation(layout["boilerplate_anywhere"])] + [rx for rx in patterns if not opens_at_start(rx)]
    return (re.compile("|".join(f"(?:{rx})" for rx in opening)),
            re.compile("|".join(f"(?:{rx})" for rx in anywhere)))


def drop_repeated_copy(lines: list[Line], min_run: int = 5) -> list[Line]:
    """Scraped pages sometimes hold the whole text twice: keep the first copy only.

    A second copy is a run of at least `min_run` lines, including long ones, that
    repeats an earlier run line for line.
    """
    texts = [ln.text for ln in lines]
    first_seen: dict[str, int] = {}
    i = 0
    out: list[Line] = []
    while i < len(texts):
        t = texts[i]
        j = first_seen.get(t)
        if j is not None and len(t) >= 20:
            run = 0
            while i + run < len(texts) and j + run < i and texts[i + run] == texts[j + run]:
                run += 1
            if run >= min_run and sum(len(x) for x in texts[i : i + run]) >= 200:
                i += run
                continue
        first_seen.setdefault(t, i)
        out.append(lines[i])
        i += 1
    return out
