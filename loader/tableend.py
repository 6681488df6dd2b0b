"""Where a table's rows give way to the document's own text again.

A division table printed inside a whole notice is followed by the notice's closing parts: a part
heading of the plan's own numbering (`三、保障措施`) with its paragraphs, the `抄送:` recipients and the
`…印发` line. Read as cells, that text is a sub-row of the last row and the recipients its units. The
table ends at the first such line: a notice's closing line (grammar.toml [layout] table_closing_lines)
wherever it stands, or a heading line past the table's last row opening (a heading with rows after it
groups them: a category row). A table whose rows open with no number keeps its end.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .blocks import ARABIC_ALONE, ARABIC_TASK, heading_of
from .grammar import GRAMMAR
from .text import Line


@lru_cache(maxsize=1)
def _closing_line_re() -> re.Pattern:
    """A notice's closing line (`抄送:`, `…印发`), compiled once: it is asked of every line of every table."""
    return re.compile("|".join(f"(?:{rx})" for rx in GRAMMAR.layout["table_closing_lines"]))


def _opens_row(text: str) -> bool:
    """A row's 序号: a number alone (cells one a line) or opening the line (tab, `|` or run-on rows)."""
    return bool(ARABIC_ALONE.match(text) or ARABIC_TASK.match(text))


def rows_end(lines: list[Line], start: int, end: int) -> int:
    """The end of the rows in lines[start:end]: the first closing line, or the first heading line
    after the last row opening; `end` where there is neither."""
    closing = next((j for j in range(start, end) if _closing_line_re().search(lines[j].text)), end)
    last_row = next((j for j in range(closing - 1, start - 1, -1) if _opens_row(lines[j].text)), None)
    if last_row is None:
        return closing
    return next((j for j in range(last_row + 1, closing) if heading_of(lines[j].text)), closing)
