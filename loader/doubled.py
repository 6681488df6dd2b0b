"""A page that doubles its line breaks (a web copy printing every line as a paragraph of its own).

Such a page puts a blank line after every line: a line break prints as one blank line, a
paragraph's gap (one blank line) as three, an empty cell's (two) as five. The blank lines
then say nothing that the break itself does not: read as they stand, a table printed one
cell a line looks like cells parted by blank lines with a run of empty ones between, and a
box-drawn grid is cut at every line. Where every gap between two lines is an odd count of
blank lines (grammar `[doubled]`), the page is read with its breaks halved; where only some
lines are followed by a blank line, or a gap is even, the blank lines keep their meaning (a
paragraph, an empty cell).
"""
from __future__ import annotations

import re

from .grammar import GRAMMAR

_MIN_GAPS = GRAMMAR.table["doubled"]["min_gaps"]
_GAP = re.compile(r"\n(?:[ \t\u3000]*\n)+")


def undoubled(text: str) -> str:
    """The text with its breaks halved where it doubles every one of them, else as it stands:
    a run of 2k+1 blank lines between two lines stood for k."""
    body = text.strip("\n")
    gaps = [m.group().count("\n") - 1 for m in _GAP.finditer(body)]
    if "\n\n" not in body or len(gaps) < _MIN_GAPS or body.count("\n") != sum(g + 1 for g in gaps) \
            or any(g % 2 == 0 for g in gaps):
        return text
    return _GAP.sub(lambda m: "\n" * ((m.group().count("\n") - 1) // 2 + 1), text)
