"""A page that is one record of a suggestion or proposal (`第197号 …建议`, `建议号:第197号`, `…的建议(45号)`):
the record's own printed number is its one task's id, as a list would print it, not the ordinal `1`."""
from __future__ import annotations

import re
from dataclasses import replace

from .grammar import GRAMMAR
from .records import Task
from .text import Line

_RECORDS = GRAMMAR.table["record_numbers"]
_OWN_NUMBER = [re.compile(p) for p in _RECORDS["own_number"]]


def record_numbered(tasks: list[Task], lines: list[Line]) -> list[Task]:
    """The tasks with a one-record page's task numbered as the record is; any other reading as it stands
    (two tasks or more, or a task whose number the page prints already)."""
    if len(tasks) != 1 or tasks[0].id != "1":
        return tasks
    number = _own_number(lines)
    return [replace(tasks[0], id=number)] if number else tasks


def _own_number(lines: list[Line]) -> str | None:
    """The record's number from the page's head: before its title, in its number field or after its title."""
    for line in lines[:_RECORDS["head_lines"]]:
        for piece in line.text.split():
            for pattern in _OWN_NUMBER:
                if m := pattern.search(piece):
                    return m.group(1)
    return None
