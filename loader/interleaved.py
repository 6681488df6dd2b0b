"""Tables whose cells share each printed line, parted by ONE space (a PDF flip-book's text layer):

    重 点 任 务 责 任 部 门
    推动各部门共享住房数据,建立统一的 市住房局牵头,
    (一)数据 市数据局、市公安局按职责分
    ...平台,按季度通报 工负责;各区政府负责落实。
    共享
    ...相关工作。

The task cell wraps at its width, the unit cell at its narrower one, and each printed line carries
the next piece of both (`<text piece> <unit piece>`); a unit cell longer than its row's text cell
goes on in lines of its own. A row's title cell (`(一)数据` / `共享`) stands alone or before the text,
a category merged over rows is printed once between them. Read as running text, the unit pieces cut
sentences and role words apart (`负` / `责`). This is the one-space cousin of loader/aligned.py: under
a header whose last column is the one unit column, a piece is a unit piece where, joined after the
unit pieces before it, the unit cell still reads as unit lists closed by role words (a last role word
perhaps cut: `按职责分工负`); a unit cell closes with 。. Each row is written back as one line,
`<title>。<text>(<units>)`, on its first line (the lines it used become blank), for the prose reader.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, field

from .blocks import heading_of
from .clauses import is_unit_list
from .grammar import GRAMMAR
from .records import ROLES

_CONF = GRAMMAR.table["interleaved"]
_CHUNK_MARKS = _CONF["clause_marks"]
_CHUNK = re.compile("[%s]" % re.escape(_CHUNK_MARKS))
_CELL_END = tuple(_CONF["cell_ends"])
_PAGE_NUMBER = re.compile("|".join(GRAMMAR.layout["page_numbers"]))


_QUALIFIERS = tuple(GRAMMAR.units["role_word_qualifiers"])
_ROLE_WORDS_SORTED = sorted(GRAMMAR.keyword_role)  # references to the grammar's own words, bisected for prefixes
_ROLE_PHRASE_LENGTHS = sorted({len(w) + n for w in GRAMMAR.keyword_role for n in {0, *map(len, _QUALIFIERS)}})


def _is_role_phrase(text: str) -> bool:
    """A role word alone or after a qualifier (按职责分工牵头): split into its parts and looked up, as the
    table of every qualifier before every role word (some 90,000 phrases) took more memory than the parser."""
    return text in GRAMMAR.keyword_role or any(
        text.startswith(q) and text[len(q):] in GRAMMAR.keyword_role for q in _QUALIFIERS)


@dataclass
class _Row:
    """One table row's cells as its lines give them, and the lines it used."""
    title: str = ""
    text: str = ""
    units: str = ""
    lines: list[int] = field(default_factory=list)

    def closed(self) -> bool:
        """A row ends where its unit cell and its text cell have both ended."""
        return bool(self.units) and self.units.endswith(_CELL_END) and self.text.endswith(_CELL_END)


def interleaved_tables(text: str) -> str:
    """The text with each table of one-space interleaved cells written back one row a line."""
    lines = text.split("\n")
    found = False
    for i, line in enumerate(lines):
        rows = _rows(lines, i + 1) if _is_header(line) else None
        if rows is not None:  # a header repeated on each page opens its page's rows
            lines, found = _rewritten(lines, rows), True
    return "\n".join(lines) if found else text


def _norm(piece: str) -> str:
    """A piece in the forms the grammar's words are written in (full-width marks folded)."""
    return unicodedata.normalize("NFKC", piece)


def _is_header(line: str) -> bool:
    """A header (its letters perhaps spaced out: `重 点 任 务 责 任 部 门`) of header words with a task
    column and one unit column, the last."""
    kinds = _header_kinds("".join(_norm(line).split()))  # str.split parts at what `\s` matches
    return bool(kinds) and "task" in kinds and kinds[-1] in ROLES and sum(k in ROLES for k in kinds) == 1


def _header_kinds(words: str) -> list[str] | None:
    """The kinds of the header words a spaceless header line is made of, None when it is not one."""
    if not words:
        return []
    if len(words) > _CONF["header_max"]:
        return None
    for n in range(len(words), 1, -1):
        kind = GRAMMAR.header_words.get(words[:n])
        rest = _header_kinds(words[n:]) if kind else None
        if rest is not None:
            return [kind] + rest
    return None


def _rows(lines: list[str], start: int) -> list[_Row] | None:
    """The rows under a header, or None where the lines do not read as this layout: enough lines
    must end with a unit piece and every row must close, or a page of prose would be rewritten."""
    rows: list[_Row] = []
    open_units, tails = "", 0
    for n in range(start, len(lines)):
        pieces = lines[n].split()
        if not pieces or _PAGE_NUMBER.match(_norm("".join(pieces))):
            continue
        if _is_header(lines[n]):
            break
        unit = None
        if len(pieces) > 1 and _reads_as_units(open_units + _norm(pieces[-1])):
            unit, pieces, tails = pieces[-1], pieces[:-1], tails + 1
        elif len(pieces) == 1 and _reads_as_units(open_units + _norm(pieces[0]), whole_line=True):
            unit, pieces = pieces[0], []
        row = rows[-1] if rows and not rows[-1].closed() else None
        title = pieces[0] if pieces and _title_like(pieces[0]) and (len(pieces) > 1 or unit is None) else None
        if title is not None and len(pieces) == 1 and row is None and not heading_of(_norm(title)):
            continue  # a category merged over rows, printed once between them: left as printed
        if row is None:
            row = _Row()
            rows.append(row)
        row.lines.append(n)
        if title is not None:
            row.title, pieces = row.title + title, pieces[1:]
        row.text += "".join(pieces)
        if unit is not None:
            row.units += unit
            open_units = "" if _norm(row.units).endswith(_CELL_END) else open_units + _norm(unit)
    reads_as_layout = rows and tails >= _CONF["min_tails"] and all(r.closed() for r in rows)
    return rows if reads_as_layout else None


def _title_like(piece: str) -> bool:
    """A title or category cell's piece: short, no clause mark."""
    return len(piece) <= _CONF["title_max"] and not _CHUNK.search(_norm(piece))


def _reads_as_units(cell: str, whole_line: bool = False) -> bool:
    """Whether a unit cell's pieces so far read as unit lists closed by role words, the last clause
    perhaps cut mid-word (`…按职责分工负`). A line holding nothing but a unit piece must open or go on
    with a clause, not be a sentence that happens to begin with a unit's name."""
    chunks = _CHUNK.split(cell)
    done, last = chunks[:-1], chunks[-1]
    if not all(_unit_clause(c) for c in done if c):
        return False
    if not last:
        return bool(done)
    return _cut_unit_clause(last) or (not whole_line and is_unit_list(last))


def _unit_clause(chunk: str) -> bool:
    """Units closed by a role word (`A、B牵头`), or a list of units whose role word follows."""
    if is_unit_list(chunk):
        return True
    return any(_is_role_phrase(chunk[-n:]) and is_unit_list(chunk[:-n])
               for n in _ROLE_PHRASE_LENGTHS if n <= len(chunk))


def _cut_unit_clause(chunk: str) -> bool:
    """Units and the first characters of a role word (`A按职责分工负`), or a whole clause."""
    for k in range(len(chunk) - 1, max(0, len(chunk) - _ROLE_PHRASE_LENGTHS[-1] - 1), -1):
        if _opens_role_phrase(chunk[k:]) and is_unit_list(chunk[:k]):
            return True
    return False


def _opens_role_phrase(cut: str) -> bool:
    """Whether some role phrase begins with these characters: a qualifier's first characters, or a
    qualifier (perhaps none) and a role word's first characters."""
    return (_opens_role_word(cut) or any(q.startswith(cut) for q in _QUALIFIERS)
            or any(cut.startswith(q) and _opens_role_word(cut[len(q):]) for q in _QUALIFIERS))


def _opens_role_word(cut: str) -> bool:
    """Whether some role word begins with these characters: the first word not before them in sorted
    order is the only one that can (a scan of every word made the reader quadratic)."""
    at = bisect_left(_ROLE_WORDS_SORTED, cut)
    return at < len(_ROLE_WORDS_SORTED) and _ROLE_WORDS_SORTED[at].startswith(cut)


def _rewritten(lines: list[str], rows: list[_Row]) -> list[str]:
    """Each row on its first line as `<title>。<text>(<units>)`, the other lines it used blank."""
    out = list(lines)
    for row in rows:
        for n in row.lines:
            out[n] = ""
        title = row.title + "。" if row.title else ""
        out[row.lines[0]] = f"{title}{row.text}({row.units})"
    return out
