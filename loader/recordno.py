"""A page that is one record of a suggestion or proposal (`第197号 …建议`, `建议号:第197号`, `…的建议(45号)`):
the record's own printed number is its one task's id, as a list would print it, not the ordinal `1`."""
from __future__ import annotations

import re
from dataclasses import replace

from .blocks import ARABIC_TASK, SUBITEM
from .grammar import GRAMMAR, alternation
from .records import Task
from .text import Line

_RECORDS = GRAMMAR.table["record_numbers"]
_OWN_NUMBER = [re.compile(p) for p in _RECORDS["own_number"]]
_NUMBER_MARKS = re.compile("|".join(_RECORDS["number_marks"]))
_PROPOSER_FIELD = re.compile(rf"^(?:{alternation(_RECORDS['proposer_labels'])}):")


def record_numbered(tasks: list[Task], lines: list[Line]) -> list[Task]:
    """The tasks with a one-record page's task numbered as the record is; any other reading as it stands
    (two tasks or more, or a task whose number the page prints already)."""
    if len(tasks) != 1 or tasks[0].id != "1" or _prints_one(tasks[0], lines):
        return tasks
    found = _own_number(lines)
    if not found:
        return tasks
    number, title = found
    task = replace(tasks[0], id=number)
    if title and _PROPOSER_FIELD.match(task.text):  # 提案者:…: the proposer, not what was proposed
        task = replace(task, text=title)
    return [task]


def _prints_one(task: Task, lines: list[Line]) -> bool:
    """Does the page print the task's `1` itself (`1.完善社区养老设施。…` under the record's title)?
    Then the task is an item of the record's plan, numbered by the page, not the record's own text."""
    opening = task.text[:_RECORDS["item_text_match"]]
    for line in lines:
        m = ARABIC_TASK.match(line.text) or SUBITEM.match(line.text)
        if m and m.group(1) == "1" and opening and m.group(2).strip().startswith(opening):
            return True
    return False


def _own_number(lines: list[Line]) -> tuple[str, str] | None:
    """(number, title) from the page's head: the number before the record's title, in its number field
    or after its title; the title is the line's words without the number (empty for the field)."""
    for line in lines[:_RECORDS["head_lines"]]:
        for piece in line.text.split():
            for pattern in _OWN_NUMBER:
                if m := pattern.search(piece):
                    title = _NUMBER_MARKS.sub("", piece) if _NUMBER_MARKS.search(piece) else ""
                    return m.group(1), title
    return None
