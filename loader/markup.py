"""A page kept as HTML inside a text file (a mirror's .txt): its markup read as the lines it stands for.

Before this pre-pass every tag ended a line, so a table's `<tr><td>a</td><td>b</td></tr>` came out
one cell a line with nothing between its rows, `</p> <p>` left a blank line and a space before each
paragraph (a box table drawn in paragraphs fell apart), and `<span>` parted a word. Now a row is a
`| a | b |` line (its cells' own breaks spaces), a run of paragraph tags and `<br>`s ends one line,
an inline tag is nothing, and any other tag still ends a line. Tag names: grammar.toml [wrap].
A markdown export's emphasis (`**X**`) is taken off the same way, before anything reads the text.
"""
from __future__ import annotations

import re

from .grammar import GRAMMAR

_WRAP = GRAMMAR.table["wrap"]
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9:]*(?:\s[^<>]*)?/?>")
_BR = re.compile(r"<br\s*/?>", re.I)
_BR_IN_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$", re.M)  # a markdown row, `| a | b |`
_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr\s*>", re.I | re.S)
_CELL = re.compile(r"<t[dh]\b[^>]*>(.*?)</t[dh]\s*>", re.I | re.S)
_BLOCKS = re.compile(r"(?:[ \t]*(?:</?(?:%s)\b[^<>]*>|<br\s*/?>)[ \t]*\n?)+" % "|".join(_WRAP["html_block"]), re.I)
_INLINE = re.compile(r"</?(?:%s)\b[^<>]*>" % "|".join(_WRAP["html_inline"]), re.I)
_CUT_TAG = re.compile(r"<(?=[\s/]*[a-zA-Z])[^<>]*\n[^<>]*>")
_PARAGRAPH = re.compile(r"<(%s)\b[^<>]*>.*?</\1\s*>" % "|".join(_WRAP["html_paragraph"]), re.I | re.S)
_WRAP_BREAK = re.compile(r"(?<=\S)\n(?=\S)")
# Markdown emphasis (`**X**`, `__X__`) a Word→markdown export prints about a cell or a phrase: a pair opening at a
# line's or cell's start or after a mark, never after a word, so a redaction's stars inside a name (`县**局`) stay.
_EMPHASIS = re.compile(r"(?<![\w*])(\*\*|__)(?=[^\s*_])([^*\n]*?[^\s*_])\1(?!\*)")


def without_emphasis(text: str) -> str:
    """The text with markdown's paired emphasis marks taken off: left on, `**市商务局**` was a unit `**市商务局*`
    whose last star read as the lead mark `X*`, so a supporting unit printed bold came out lead."""
    if "**" not in text and "__" not in text:  # a cheap test first
        return text
    return _EMPHASIS.sub(r"\2", text)


def markup_as_lines(text: str) -> str:
    """The text with its HTML tags read as rows, line ends or nothing (see the module's docstring)."""
    text = _unwrapped(text)
    if not _TAG.search(text):
        return text
    if "|" in text and "<br" in text.lower():  # a line break inside a `|` row's cell: a space
        text = _BR_IN_ROW.sub(lambda m: _BR.sub(" ", m.group()), text)
    if "<t" in text.lower():
        text = _ROW.sub(_row_line, text)
    text = _BLOCKS.sub("\n", _INLINE.sub("", text))
    return _TAG.sub("\n", text)


def _unwrapped(text: str) -> str:
    """An HTML source saved hard-wrapped at a fixed width: the breaks inside a tag and inside a
    paragraph's text, which a browser never prints, taken out. Without this each wrap became a line end
    and a cut tag (`<` / `p class=…>`) text of its own."""
    if "\n" not in text:
        return text
    text = _CUT_TAG.sub(lambda m: m.group().replace("\n", ""), text)
    return _PARAGRAPH.sub(lambda m: _WRAP_BREAK.sub("", m.group()), text)


def _row_line(row: re.Match) -> str:
    """`<tr><td>a</td><td>b<br>c</td></tr>` as the line `| a | b c |`; a row with no cell stays as it was."""
    cells = [" ".join(_TAG.sub(" ", c).split()) for c in _CELL.findall(row.group(1))]
    return "| " + " | ".join(cells) + " |\n" if cells else row.group(0)
