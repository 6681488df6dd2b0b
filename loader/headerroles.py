"""The role columns of a table's header read against each other: whether a column names the task's units
depends on the columns beside it (an office beside a unit, a group's head beside the task's owner). One
step, asked by every header reader (loader/columns.py for rows of cells, loader/tables.py for a header on
one line or one cell a line), so that a table reads the same however it was exported."""
from __future__ import annotations

from .grammar import GRAMMAR
from .records import ROLES

_OFFICE_HEADS = tuple(GRAMMAR.layout["office_heads"])
_GROUP_COLUMNS = frozenset(GRAMMAR.layout["group_columns"])


def roles_beside_each_other(kinds: list[str], texts: list[str]) -> list[str]:
    """The header's column kinds (in the order of its cells' texts) with the role columns that name no
    unit of the plan beside the others set to `other`: the one header-kind step of every header reader."""
    return group_column_aside(offices_beside_units(kinds, texts), texts)


def offices_beside_units(kinds: list[str], texts: list[str]) -> list[str]:
    """牵头单位 | 负责科室 | 负责人: an office column beside a column that names units names the office
    inside that unit which does the work, no unit of the plan (a body in no role); alone, the
    offices are the table's units (责任科室 over a bureau's own tasks)."""
    offices = [k for k, (kind, text) in enumerate(zip(kinds, texts)) if kind in ROLES and text.endswith(_OFFICE_HEADS)]
    if not offices or not any(kind in ROLES and k not in offices for k, kind in enumerate(kinds)):
        return kinds
    return ["other" if k in offices else kind for k, kind in enumerate(kinds)]


def group_column_aside(kinds: list[str], texts: list[str]) -> list[str]:
    """A group's column (组长单位) alone beside a 责任单位 column, no other of the group's columns with it:
    it names the head of a coordinating body, not the task's lead, and the 责任单位 units stay responsible
    (grammar `[layout] group_columns`); a group's own table prints two of them or more."""
    group = [k for k, text in enumerate(texts) if text in _GROUP_COLUMNS]
    if len(group) != 1 or "responsible" not in kinds:
        return kinds
    return ["other" if k in group else kind for k, kind in enumerate(kinds)]
