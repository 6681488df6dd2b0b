"""The subject of a numbered duty in a run of subject-first duties (`1、市甲局做好…` / `2、民政部门建立…`).

Once a run's numbered items open with their units, the next number opens with its units too, whatever
verb follows them: its subject is read by its name alone, after a condition that may open the item
(`资金不足时,`, `在…的统一安排下,`; grammar `[units] run_condition_*`).
"""
from __future__ import annotations

import re

from .clauses import looks_like_unit
from .grammar import GRAMMAR, alternation

_CONDITION = re.compile(r"^[^,,。;:]{2,%d}?(?:%s)," % (
    GRAMMAR.units["run_condition_max"], alternation(GRAMMAR.units["run_condition_closers"])))
_LIST_GOES_ON = "、,(("
_DEPARTMENT_ENDINGS = tuple(GRAMMAR.units["duty_heading_endings"])


def _named_as_unit(name: str) -> bool:
    """A unit's name by its opening (a place: 市、县…) or its ending (…部门): an ending alone (联 of
    `建立乡、县两级联络员`) as often closes a verb's object."""
    return bool(GRAMMAR.unit_start_re.match(name)) or name.endswith(_DEPARTMENT_ENDINGS)


def run_subject(body: str, longest: int, min_duty: int) -> tuple[str, str] | None:
    """(subject, duty) for a run's next item: the condition kept as the duty's first words."""
    condition = _CONDITION.match(body)
    opening = condition.group() if condition else ""
    rest = body[len(opening):]
    name = _shortest_unit_opening(rest, longest)
    if not name or len(rest) - len(name) < min_duty:
        return None
    return name, opening + rest[len(name):]


def _shortest_unit_opening(text: str, longest: int) -> str | None:
    """The shortest opening ending in a unit's word where no list goes on (、) and the last piece is
    more than a bare level word (`市、县` of `市、县两级政府`): shorter openings cut a list, longer ones a sentence."""
    clause_end = re.search(r"[,,。;:]", text)  # a name holds no clause's end: past it is a sentence
    for end in range(2, min(longest, len(text) - 1, clause_end.start() if clause_end else len(text)) + 1):
        name = text[:end]
        if not GRAMMAR.unit_suffix_re.search(name) or text[end] in _LIST_GOES_ON \
                or GRAMMAR.unit_suffix_re.search(text[:end + 1]):  # 民政部 of 民政部门: a word cut
            continue
        if len(re.split(r"[、,]", name)[-1]) >= 2 and _named_as_unit(name) and looks_like_unit(name) \
                and not GRAMMAR.not_in_names_re.search(name):
            return name
    return None
