"""Lines broken at a fixed width (a PDF or a print layout saved as text) joined back.

A paragraph exported with hard line breaks reads as many lines, and a clause such as
(牵头单位:市发展改革委;配合单位:市财政局) is cut in two. Such a text shows itself:
many of its lines reach the same width and end mid-sentence. Only then are lines
joined: a line that reaches that width and ends no sentence goes on in the next one,
unless the next begins a numbered item. A text without that shape is left as it is.
The thresholds are data (grammar.toml [wrap]).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

from .clauses import looks_like_unit
from .grammar import GRAMMAR

_INNER_SPACE = re.compile(r"\S[ \u3000\u00a0]+(?=\S)")
# A space after a mark of punctuation (a PDF's `整治行动, 完善`, a page run into one line's `执行。 2022年`)
# is no gap between cells.
_PUNCTUATION = ",.;:!?、。)》”]】〕"


@lru_cache(maxsize=1)
def _settings() -> dict:
    return GRAMMAR.table["wrap"]


@lru_cache(maxsize=1)
def new_paragraph_re() -> re.Pattern:
    """A line that begins a numbered item or an annex: never the rest of a wrapped line."""
    return re.compile(_settings()["new_paragraph"])


@lru_cache(maxsize=1)
def _figure_re() -> re.Pattern:
    """A figure with decimals and its unit of measure opening a line (`1.4吨标煤`, `0.6吨`, `2.5公里`): the
    tail of a wrapped sentence, not an item numbered `1.` (`[wrap] figure_measures`)."""
    measures = sorted(_settings()["figure_measures"], key=len, reverse=True)
    return re.compile(r"^\s*\d{1,3}\s*[.．]\d+\s*(?:%s)" % "|".join(map(re.escape, measures)))


@lru_cache(maxsize=1)
def _date_alone_re() -> re.Pattern:
    """A signature date alone on its line: it ends a notice, it never goes on from a wrapped line."""
    return re.compile(_settings()["date_alone"])


@lru_cache(maxsize=1)
def _page_number_re() -> re.Pattern:
    return re.compile("|".join(f"(?:{rx})" for rx in GRAMMAR.layout["page_numbers"]))


def _cell_alone(body: str) -> bool:
    """A table's header cell (序号, 责任单位) or a row's number (`1`) alone on its line: it opens a
    table or a row, it never goes on from a wrapped line (the title or the cell before it may fill
    the width)."""
    word = unicodedata.normalize("NFKC", body)
    if re.match(_settings()["row_number_alone"], word):
        return True
    least = _settings()["header_alone"].get(GRAMMAR.header_words.get(word, ""))
    return least is not None and len(word) >= least


def _number_tail(body: str, before: str) -> bool:
    """Digits after a line that ends in a number are its tail (`成文日期: 2014-07-1` / `6`,
    `时间:2021-06-01 17:` / `15 稿源:…`), not a row's number."""
    return body[:1].isdigit() and bool(re.search(r"[\d\-./:]$", unicodedata.normalize("NFKC", before.rstrip())))


@lru_cache(maxsize=1)
def _label_alone_re() -> re.Pattern:
    """A role label and its colon opening a line (省牵头单位:), or glued to a unit's name (牵头单位县卫健委):
    a cell or a line of its own, never the rest of the full line before it."""
    return re.compile(_settings()["label_alone"] + rf"(?:{GRAMMAR.labels})(?::|{GRAMMAR.unit_start_anywhere_re.pattern})")


def _opens_own_line(body: str, before: str) -> bool:
    """A line that never continues a wrapped one (`before`): a numbered item, a signature date, a
    table's header cell or row number alone, a role label's list, a numbered row of cells (the line
    before may fill the width)."""
    if (new_paragraph_re().match(body) and not _figure_re().match(body)) or _date_alone_re().match(body) \
            or _label_alone_re().match(unicodedata.normalize("NFKC", body)):
        return True
    return (_cell_alone(body) or _row_opening(body)) and not _number_tail(body, before)


def _row_opening(body: str) -> bool:
    """A row of cells parted by spaces opened by its number (`2  严守用水 效率控制 …`): a new row,
    though the row before ends at the width; a wrap's tail with a number and a space is prose."""
    return bool(re.match(_settings()["row_number_opening"], body)) and not _prose(body)


def ends_sentence(line: str) -> bool:
    return line.rstrip().endswith(tuple(_settings()["sentence_end"]))


def _prose(line: str) -> bool:
    """Not a row of cells: no tab or `|`, and not two spaces between words (沈阳市 26300 14465) but in a
    role label's list (`协同责任单位:省财政厅 省水利厅`: its units parted by single spaces)."""
    if "\t" in line or "|" in line:
        return False
    body = line.strip()
    if not (" " in body or "\u3000" in body or "\u00a0" in body):
        return True
    if "  " not in body and _label_alone_re().match(unicodedata.normalize("NFKC", body)):
        return True
    return sum(not gap.startswith(tuple(_PUNCTUATION)) for gap in _INNER_SPACE.findall(body)) < 2


def _width(line: str) -> int:
    return len("".join(line.split()))  # spaces of every kind left out (U+3000 too)


def _prose_widths(lines: list[str]) -> list[int]:
    """Each line's width, or 0 for a line that is no prose (a row of cells)."""
    return [_width(ln) if _prose(ln) else 0 for ln in lines]


def wrap_width(lines: list[str], widths: list[int] | None = None) -> int | None:
    """The width the text was broken at, or None when it was not broken at one."""
    s = _settings()
    widths = _prose_widths(lines) if widths is None else widths
    long = sorted(w for w in widths if w >= s["min_line"])
    if len(long) < s["min_full_lines"]:
        return None
    width = long[int(s["percentile"] * (len(long) - 1))]
    full = [ln for ln, w in zip(lines, widths) if _full(ln, w, width)]
    ragged = [ln for ln in full if not ends_sentence(ln)]
    if (width < s["min_width"] or len(full) < s["min_full_lines"]
            or len(full) < s["min_share"] * len(long) or len(ragged) < s["min_ragged"] * len(full)):
        return None
    return width


def _full(line: str, line_width: int, width: int) -> bool:
    """A line of prose that reaches the width, its spaces left out or counted (a wrap that
    counted the spaces between a page's paragraphs: `有关知识宣 传活动的组织,每月组织 1— 2次`)."""
    return line_width > 0 and (_is_full(line_width, width) or _is_full(len(line.strip()), width))


def _is_full(line_width: int, width: int) -> bool:
    low, high = _settings()["band"]
    return low * width <= line_width <= high * width + 1


def _gap(before: str, line: str) -> str:
    """What stands between a wrapped line and its rest: a space the wrap fell on (a page run into
    one line, its paragraphs parted by spaces: `…执行。` / ` 2022年…`), else nothing. An indent of
    two spaces or more (a PDF's paragraph indent) is no such space."""
    return " " if before[-1:] == " " or (line[:1] == " " and line[1:2] != " ") else ""


def _run_on_width(line: str) -> int:
    """The width of a line of a page run into one line and then broken at a fixed width (`…执行。
    海盐县人民政府办公室 2022年4月18日 (`): its words a space apart (two where an empty cell stood
    between, `2  严守…`), no tab, `|` or wider gap (a row of a table aligned with spaces); 0 for any
    other line."""
    body = line.strip()
    if "\t" in body or "|" in body or " " * (_settings()["run_on_gap"] + 1) in body or "\u3000" in body:
        return 0
    return len(body)


def _indented(line: str) -> bool:
    return line[:1] in ("\u3000", "\t") or line[:2] == "  "


def _margin(bodies: list[str]) -> str:
    """The indent that more than half the lines share (a PDF's margin, `　　` on every line), so
    that a space the wrap fell on after it (`　　 市水利局`) is still told; "" where there is none."""
    if not bodies:
        return ""
    indent, count = Counter(ln[:len(ln) - len(ln.lstrip())] for ln in bodies).most_common(1)[0]
    return indent if 2 * count > len(bodies) else ""


def join_wrapped(lines: list[str]) -> list[tuple[int, str]]:
    """(physical line number from 1, line) with the wrapped lines joined to the line they
    continue: `|` rows and numbers the wrap cut (whatever else the text holds), then prose."""
    numbered = list(enumerate(lines, 1))
    cut_length = run_on_cut_length(lines)
    if cut_length is not None:
        return unit_lines_joined(cut_numbers_joined(_run_on_joined(numbered, cut_length)))
    return unit_lines_joined(cut_numbers_joined(_prose_joined(cut_rows_joined(numbered))))


_LIST_MARKS = re.compile(r"[、,]")
_SPACED_COLON = re.compile(r"[ \u3000]*:[ \u3000]*")
_LIST_CLOSED = ("。", ";", ":", "|", "\t")


def unit_lines_joined(numbered: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A line of units alone (`各乡镇(街道)、某某建管办`) right under a label's line (`配合单位:A、B`)
    is that label's list broken onto the next line: joined back with `、`, so its units keep the
    label's role and the line never reads as a task's text or as a list of no role."""
    out: list[tuple[int, str]] = []
    for number, line in numbered:
        if out and _open_label_line(out[-1][1]) and _name_rest(out[-1][1], line):
            out[-1] = (out[-1][0], out[-1][1].rstrip() + line.strip())
        elif out and _open_label_line(out[-1][1]) and _units_alone(line):
            out[-1] = (out[-1][0], out[-1][1].rstrip() + "、" + line.strip())
        else:
            out.append((number, line))
    return out


def _name_rest(label_line: str, line: str) -> bool:
    """A line that opens with the rest of the label's last name, cut where the line ended (`…,市高新区管`
    / `委会`, `乙区人民政` / `府`): neither piece is a unit's name and, joined, they are one (a signature
    under `…人民政府配合` is a name of its own); what else the line holds is units. A page too short to
    show its wrap width still prints its lists so."""
    body = line.strip().rstrip("。;")
    if not body or any(mark in body for mark in (":", "|", "\t", " ")) or new_paragraph_re().match(body):
        return False
    cut = _LIST_MARKS.split(label_line.rstrip().rsplit(":", 1)[-1])[-1]
    rest, *others = _LIST_MARKS.split(body)
    return not looks_like_unit(cut) and not looks_like_unit(rest) and looks_like_unit(cut + rest) \
        and all(map(looks_like_unit, others))


def _open_label_line(line: str) -> bool:
    """A role label's line whose list no mark closes (`配合单位:A、B`, not `…B。`); its colon may be
    spaced (`配合单位 : A`), as the colons are unspaced only later (loader/text.py). Asked of every line:
    a line without a colon is none."""
    if ":" not in line:
        return False
    body = _SPACED_COLON.sub(":", line.strip())
    return bool(GRAMMAR.label_re.match(body)) and not body.endswith(_LIST_CLOSED) and "\t" not in body


def _units_alone(line: str) -> bool:
    """A line that holds only unit names, `[wrap] unit_line_min_units` of them at least (a lone
    name may be a department's heading), and opens no numbered item."""
    body = line.strip().rstrip("。;")
    if not body or any(mark in body for mark in (":", "|", "\t", " ")) or new_paragraph_re().match(body):
        return False
    names = _LIST_MARKS.split(body)
    return len(names) >= _settings()["unit_line_min_units"] and all(map(looks_like_unit, names))


def run_on_cut_length(lines: list[str]) -> int | None:
    """The count of characters a page run into one line was cut at, or None: most of its lines hold
    exactly that count (spaces counted) and many of them a paragraph's gap inside (`…。 (二)…`), which
    no page of lines shows. There a numbered item at a line's start is only where the count fell."""
    s = _settings()["run_on_wrapped"]
    bodies = [ln for ln in lines if ln.strip()]
    if not bodies:
        return None
    length, count = Counter(map(len, bodies)).most_common(1)[0]
    if length < _settings()["min_width"] or count < _settings()["min_full_lines"] \
            or count < s["full_share"] * len(bodies):
        return None
    gaps = sum(bool(re.search(s["gap"], ln)) for ln in bodies if len(ln) == length)
    return length if gaps >= s["gap_share"] * count else None


def run_on_unwrapped(text: str) -> str:
    """A page run into one line and cut at a count of characters, its lines joined back (the readers
    that part a run-on page at its spaces or bars read the raw text: a cut line ends no word); any other
    text as it stands."""
    lines = text.split("\n")
    cut_length = run_on_cut_length(lines)
    if cut_length is None:
        return text
    return "\n".join(line for _, line in _run_on_joined(list(enumerate(lines, 1)), cut_length))


def _run_on_joined(numbered: list[tuple[int, str]], cut_length: int) -> list[tuple[int, str]]:
    """Each line after a line of the cut's count joined to it with nothing (the cut kept every space
    where it stood); a page number between two such lines (a page break) dropped."""
    out: list[tuple[int, str]] = []
    going_on = False
    for no, line in numbered:
        if going_on and _page_number_re().match("".join(line.split()) or "-"):
            continue
        if going_on:
            out[-1] = (out[-1][0], out[-1][1] + line)
        else:
            out.append((no, line))
        going_on = len(line) == cut_length
    return out


def _prose_joined(numbered: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The lines of prose broken at a fixed width joined; the blank lines and page number of a page
    break inside a paragraph are dropped. A line that ends a sentence at the width itself (the break
    fell after its `。`, `;` or `:`) goes on in the next line too where that line opens no paragraph:
    no numbered item, no indent."""
    lines = [line for _, line in numbered]
    if sum(len(ln) >= _settings()["min_width"] for ln in lines) < _settings()["min_full_lines"]:
        return numbered  # too few long lines to tell a width
    widths = _prose_widths(lines)
    width = wrap_width(lines, widths)
    if width is None:
        return numbered
    widths = [w or _run_on_width(ln) for ln, w in zip(lines, widths)]
    # the text indents its paragraphs' first lines (not every line: a margin)
    bodies = [ln for ln in lines if ln.strip()]
    indents = 2 * sum(map(_indented, bodies)) < len(bodies)
    margin = _margin(bodies)
    subject_paragraphs = _paragraphs_open_with_subjects(lines, widths, width)
    ending_blanks = _paragraph_end_blanks(lines, widths, width)
    out: list[tuple[int, str]] = []
    going_on = after_sentence = False
    for k, ((no, line), w) in enumerate(zip(numbered, widths)):
        body = line.strip()
        if going_on and not after_sentence and ((not body and k not in ending_blanks)
                                                or _page_number_re().match("".join(body.split()))):
            continue  # a page break inside a paragraph
        if going_on and body and w and not _opens_own_line(body, out[-1][1]) \
                and not (indents and _indented(line)) \
                and not (after_sentence and not _goes_on_after_sentence(body, _full(line, w, width), subject_paragraphs)):
            # the line keeps its trailing space: the wrap may fall on it (`…建设厅 ` / `交通厅…`)
            out[-1] = (out[-1][0], out[-1][1].rstrip() + _gap(out[-1][1], line.removeprefix(margin)) + line.lstrip())
        else:
            out.append((no, line))
        going_on = bool(body) and _full(line, w, width)
        # after its sentence's end a line goes on only where it reaches the width itself (a last
        # line a little short of it ends its paragraph)
        after_sentence = going_on and ends_sentence(line) and max(w, len(body)) >= width
        going_on = going_on and (not ends_sentence(line) or after_sentence)
    return out


def _paragraph_end_blanks(lines: list[str], widths: list[int], width: int) -> set[int]:
    """The indexes of the blank lines that end a paragraph whose last line is full but a little short
    of the width (a cell wrapped just short of it, then `人教科`): on a page that parts its paragraphs
    (or a table's cells, one a line) by blank lines, where most blank lines follow a line that certainly
    ends one (short of the band; `[wrap] blank_parted`). A blank line after a line that reaches the
    width itself, or about a page number, stays a page break inside a paragraph, as it is elsewhere."""
    rule = _settings()["blank_parted"]
    after_end = [not _full(line, w, width) for line, w, after in zip(lines, widths, lines[1:])
                 if line.strip() and not after.strip()]
    if len(after_end) < rule["min"] or sum(after_end) < rule["share"] * len(after_end):
        return set()
    blanks, short = set(), False
    for k, (line, w) in enumerate(zip(lines, widths)):
        if line.strip():
            short = max(w, len(line.strip())) < width
        elif short:
            blanks.add(k)
    return blanks - _blanks_by_page_numbers(lines)


def _blanks_by_page_numbers(lines: list[str]) -> set[int]:
    """The indexes of the blank lines next to a page number, blank lines between (`…` / `` / `- 3 -` / ``)."""
    found: set[int] = set()
    run: list[int] = []
    after_number = False
    for k, line in enumerate(lines):
        if not line.strip():
            run.append(k)
            continue
        number = bool(_page_number_re().match("".join(line.split())))
        if number or after_number:
            found.update(run)
        run, after_number = [], number
    return found | (set(run) if after_number else set())


@lru_cache(maxsize=1)
def _number_cut_res() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    s = _settings()
    return re.compile(s["number_cut_opening"]), re.compile(s["number_cut"]), re.compile(s["zero_opening"])


_TAIL_DIGITS = re.compile(r"\d+$")


def _number_goes_on(before: str, body: str) -> bool:
    """Whether a line (`body`) opens with the rest of a number or date the wrap cut at the end of the
    line before (`…||202` / `4年12月底`, `第1` / `2项`, `百丈镇6` / `0 车岭镇`, `2025年6` / `月`): else its
    digits are read as a task's number (ids `202`, `0`), which no numbering expects, or a row is cut in two."""
    if not before[-1:].isdecimal() and not before.endswith("\n"):  # a cheap test first (str.isdecimal is
        return False  # what \d matches, and $ matches before a last \n): most lines end with no digit
    tail = _TAIL_DIGITS.search(before)
    opening_re, joined_re, zero_re = _number_cut_res()
    if tail is None or not opening_re.match(body) or new_paragraph_re().match(body):
        return False
    return bool(joined_re.match(tail.group() + body) or zero_re.match(body))


def cut_numbers_joined(numbered: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The lines with each number or date a wrap cut at a line's end joined back (joined with nothing)."""
    out: list[tuple[int, str]] = []
    for no, line in numbered:
        if out and _number_goes_on(out[-1][1], line):
            out[-1] = (out[-1][0], out[-1][1] + line)
        else:
            out.append((no, line))
    return out


def _bars(line: str) -> int:
    return line.count("|")


def _cut_width(lines: list[str]) -> int | None:
    """The width a text with `|` rows was cut at: its longest line's, where enough lines reach it."""
    lengths = [len(ln.rstrip()) for ln in lines]
    width = max(lengths, default=0)
    low = _settings()["band"][0]
    if width < _settings()["min_width"] or sum(n >= low * width for n in lengths) < _settings()["cut_row_lines"]:
        return None
    return width


def _row_rest(numbered: list[tuple[int, str]], k: int, width: int, bars: int) -> int:
    """How many lines after line k hold the rest of its `|` row cut at the width (0: none): each
    piece but the last reaches the width, none opens a row or a numbered item, and together they hold
    exactly the row's count of `|`."""
    count, j, low = _bars(numbered[k][1]), k, _settings()["band"][0]
    row_start = re.compile(_settings()["row_number_bar"])
    while count < bars and len(numbered[j][1].rstrip()) >= low * width and j + 1 < len(numbered):
        j += 1
        piece = numbered[j][1]
        if not piece.strip() or row_start.match(piece) or new_paragraph_re().match(piece):
            return 0
        count += _bars(piece)
    return j - k if count == bars else 0


def _row_bars(lines: list[str], width: int) -> int:
    """A whole row's count of `|`: the most a line holds, or what a line cut inside a cell at the width
    (no `|` closing it) and the line after it hold together, where two rows at least agree (every row
    of the table may be cut: `1 | …改造1` / `2个。 | 张某某 | 县水务局 |`; two whole rows never read as one)."""
    low, row_start = _settings()["band"][0], re.compile(_settings()["row_number_bar"])
    pairs = Counter(_bars(line) + _bars(after) for line, after in zip(lines, lines[1:])
                    if _bars(line) and len(line.rstrip()) >= low * width and not line.rstrip().endswith("|")
                    and _bars(after) and not row_start.match(after))
    agreed = [count for count, rows in pairs.items() if rows >= 2]
    return max([*map(_bars, lines), *agreed])


def cut_rows_joined(numbered: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The lines with each `|` row that a wrap cut inside a cell (`1|…|区卫生健康` / `局|2024年12月底`)
    joined back with nothing: else its tail reads as a row of its own and a unit is cut in two."""
    if not any("|" in line for _, line in numbered):
        return numbered
    width = _cut_width([line for _, line in numbered])
    if width is None:
        return numbered
    if _rows_close_with_bar([line for _, line in numbered], width):
        return _closed_rows_joined(numbered, width)
    bars = _row_bars([line for _, line in numbered], width)
    if bars < 2:
        return numbered
    out: list[tuple[int, str]] = []
    k = 0
    while k < len(numbered):
        no, line = numbered[k]
        rest = _row_rest(numbered, k, width, bars) if 0 < _bars(line) < bars else 0
        out.append((no, "".join(piece for _, piece in numbered[k:k + rest + 1])))
        k += rest + 1
    return out


def _closes_row(line: str) -> bool:
    return line.rstrip().endswith("|")


def _closed_at(numbered: list[tuple[int, str]], j: int, width: int) -> bool:
    """Whether line j ends its row: it ends in a `|` that the cut did not fall after (a line at the
    width ending `| ` or followed by ` 市建设局 |` was cut between two cells)."""
    line = numbered[j][1]
    if not _closes_row(line):
        return False
    if len(line) < _settings()["band"][0] * width:
        return True
    after = numbered[j + 1][1] if j + 1 < len(numbered) else ""
    return not (line.endswith((" ", "\u3000")) or (after[:1] == " " and after[1:2].strip()))


def _rows_close_with_bar(lines: list[str], width: int) -> bool:
    """Whether every row (or cell, one a line) of the text's table ends in a `|` (`… | 县建设局 |`):
    most lines holding a `|` that the wrap did not reach end so. Then a line cut at the width that
    ends in no `|` is always the head of a row whose rest follows, however many cells it holds (rows
    of 6 cells and merged rows of 3 in one table; a table one cell a line, `县卫健局 |`)."""
    rule, low = _settings()["closing_bar"], _settings()["band"][0]
    short = [ln for ln in lines if "|" in ln and len(ln.rstrip()) < low * width]
    closed = sum(map(_closes_row, short))
    return closed >= rule["min_rows"] and closed >= rule["share"] * len(short)


def _closed_row_rest(numbered: list[tuple[int, str]], k: int, width: int) -> list[int] | None:
    """The indexes of the lines after line k that hold the rest of its row, up to the line that closes
    it with a `|` or the text's end (a page cut off mid-row), a page number between them left out; or
    None: a line before the close short of the width, empty, or opening a numbered row ends no cut row."""
    low, row_start = _settings()["band"][0], re.compile(_settings()["row_number_bar"])
    last = max((i for i, (_, line) in enumerate(numbered) if line.strip()), default=0)
    rest, j = [], k
    while len(numbered[(rest or [k])[-1]][1].rstrip()) >= low * width and j < last:
        j += 1
        piece = numbered[j][1]
        if _page_number_re().match("".join(piece.split()) or "-"):
            continue
        if not piece.strip() or row_start.match(piece):
            return None
        rest.append(j)
        if _closed_at(numbered, j, width) or j == last:
            return rest
    return None


def _closed_rows_joined(numbered: list[tuple[int, str]], width: int) -> list[tuple[int, str]]:
    """Each row cut at the width joined back up to its closing `|` (joined with nothing: the cut kept
    every space). A row's head is a line that holds a `|` or follows a closed row: a paragraph before
    the table is no row."""
    out: list[tuple[int, str]] = []
    k = 0
    while k < len(numbered):
        no, line = numbered[k]
        opens_row = "|" in line or (out and _closes_row(out[-1][1]))
        rest = None if _closed_at(numbered, k, width) or not opens_row else _closed_row_rest(numbered, k, width)
        out.append((no, line + "".join(numbered[j][1] for j in rest or [])))
        k = (rest or [k])[-1] + 1
    return out


_LABEL_OPENING = re.compile(r"^[^\s,。;:、()]{1,10}:")


def _goes_on_after_sentence(body: str, full: bool, subject_paragraphs: bool = False) -> bool:
    """Whether a line after a full line that ended a sentence is more of its paragraph: full
    itself or ending a sentence (a paragraph's last line), not opened by a label or a department
    and its colon (`建委:负责…`), not a heading or a title (`办公室(市巩卫办)`, `市城管局主要职责:`),
    nor, on a page whose paragraphs open so, by a department and its duty's verb (`县财政局负责…`)."""
    body = unicodedata.normalize("NFKC", body)
    if _LABEL_OPENING.match(body) or (subject_paragraphs and _opens_with_subject(body)):
        return False
    return full or body.endswith(_SENTENCE_ENDS)


_SENTENCE_ENDS = ("。", ";", "!", "?")


@lru_cache(maxsize=1)
def _duty_verb_re() -> re.Pattern:
    verbs = sorted(GRAMMAR.units["duty_verbs"], key=len, reverse=True)
    return re.compile("|".join(map(re.escape, verbs)))


def _opens_with_subject(body: str) -> bool:
    """A line opened by a department's name and its duty's verb (`县财政局负责…`, `区委农办要…`): the
    name is a unit's, no longer than `[wrap] subject_paragraphs` `name_max`, with no mark inside."""
    longest = _settings()["subject_paragraphs"]["name_max"]
    for verb in _duty_verb_re().finditer(body, 2, longest + 2):
        name = body[:verb.start()]
        if re.search(r"[,。;:()\s]", name):
            return False
        if looks_like_unit(name):
            return True
    return False


def _paragraphs_open_with_subjects(lines: list[str], widths: list[int], width: int) -> bool:
    """Whether the page's paragraphs open with a department and its duty (a duty list in plain
    paragraphs): most lines after a paragraph's certain end (a line short of the width that ends a
    sentence) open so (`[wrap] subject_paragraphs`). There a full line that ends a sentence is no wrap
    before such a line: a department's paragraph that fills its last line ends with it."""
    rule = _settings()["subject_paragraphs"]
    openings = [unicodedata.normalize("NFKC", after.strip()) for line, w, after in zip(lines, widths, lines[1:])
                if line.strip() and after.strip() and ends_sentence(line) and not _full(line, w, width)]
    subjects = sum(map(_opens_with_subject, openings))
    return subjects >= rule["min"] and subjects >= rule["share"] * len(openings)


_HAN_LETTER = re.compile(r"^[\u4e00-\u9fff]$")


def spaced_letters_joined(pieces: list[str]) -> list[str]:
    """A page run into one line, parted at its spaces: a header cell spaced out to its column's
    width (`目 标 任 务`) falls apart into one character a piece, and the header is lost. A run of
    such pieces is one word again, cut after each header word (`目标任务` / `责任单位`): two spaced
    cells side by side stay two."""
    out: list[str] = []
    run: list[str] = []
    for piece in pieces + [""]:
        if _HAN_LETTER.match(piece):
            run.append(piece)
            continue
        out += _words_of(run) if len(run) >= _settings()["spaced_letters"] else run
        run = []
        if piece:
            out.append(piece)
    return out


def _words_of(letters: list[str]) -> list[str]:
    """The letters of a spaced run as words, each closed by a header word (the rest one word)."""
    words, word = [], ""
    for letter in letters:
        word += letter
        if len(word) > 1 and word in GRAMMAR.header_words:
            words.append(word)
            word = ""
    return words + [word] if word else words
