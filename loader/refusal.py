"""Why a page gave no task: one line naming where its first role label or unit name stands and what
was missing, so an analyst sees what to fix (a table turned on its side, a label with no units)."""
from __future__ import annotations

from .clauses import is_unit_list, looks_like_unit
from .grammar import GRAMMAR
from .records import ROLES

NO_TASKS = "no task-division content found"
_SETTINGS = GRAMMAR.table["refusal"]
_COLON = ":："


def refusal_reason(lines) -> str:
    """The refusal's one line: what the page holds of a plan (a label, units) and what it lacks."""
    label = _first_label(lines)
    if label is not None:
        at, word, end = label
        return f"{NO_TASKS}: line {lines[at].no}: {_label_finding(word, _unit_cells(lines, end))}"
    header = _run_together_header(lines)
    if header is not None:
        at, words = header
        return (f"{NO_TASKS}: line {lines[at].no}: a table header run together ({words}), its rows glued after it "
                "with no row number or cell separator to part them")
    unit_line = next((ln for ln in lines if _is_unit_cell(ln.text)), None)
    if unit_line is not None:
        return (f"{NO_TASKS}: line {unit_line.no}: unit names ({unit_line.text[:20]}) "
                "but no role label, role word or task beside them")
    return f"{NO_TASKS} (no tasks with 牵头/配合/责任单位 clauses or columns)"


def _run_together_header(lines) -> tuple[int, str] | None:
    """(line index, header words) of the first run of header words glued in a line, one a role's: a table
    flattened with no separators, whose rows no reader could part; named so that the export can be mended."""
    for i, ln in enumerate(lines):
        for start in GRAMMAR.header_re.finditer(ln.text):
            words = _header_run(ln.text, start.start())
            if len(words) >= _SETTINGS["run_together_header_words"] and any(
                    GRAMMAR.header_words[w] in ROLES for w in words):
                return i, "".join(words)
    return None


def _header_run(text: str, pos: int) -> list[str]:
    """The header words following each other from pos, none between them."""
    words = []
    while (m := GRAMMAR.header_re.match(text, pos)) is not None:
        words.append(m.group(1))
        pos = m.end()
    return words


def _label_finding(word: str, units: list[str]) -> str:
    """What was seen after the label and what no reader found."""
    if len(units) >= _SETTINGS["side_table_units"]:
        names = "、".join(units[:_SETTINGS["quoted_units"]])
        return (f"a {word} label with {len(units)} unit cells ({names}…), but no task rows found "
                "(a table turned on its side?)")
    if units:
        return f"a {word} label with the unit {units[0]}, but no task found for it"
    return f"a {word} label, but no unit names after it and no task found"


def _first_label(lines) -> tuple[int, str, int] | None:
    """(line index, label, index after it) of the first role label: a line that is one (`责任单位`,
    `牵头单位:`), or two lines that are one label broken over two cells (`责任` / `单位`)."""
    for i, ln in enumerate(lines):
        word = ln.text.rstrip(_COLON)
        if i + 1 < len(lines) and (joined := word + lines[i + 1].text.rstrip(_COLON)) in GRAMMAR.column_labels:
            return i, joined, i + 2  # before the one-line test: `责任` alone is a bare label too
        if word in GRAMMAR.label_role:
            return i, word, i + 1
        found = GRAMMAR.label_anywhere_re.search(ln.text)
        if found:
            return i, found.group(0).rstrip(_COLON), i + 1
    return None


def _unit_cells(lines, start: int) -> list[str]:
    """The unit names on the lines right after a label, up to the first line that names none."""
    names = []
    for ln in lines[start:]:
        if not _is_unit_cell(ln.text):
            break
        names.append(ln.text)
    return names


def _is_unit_cell(text: str) -> bool:
    """A line that is a unit's name or a list of them (a table's unit cell)."""
    return looks_like_unit(text) or is_unit_list(text)
