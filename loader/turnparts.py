"""Parts of a paragraph of departments in turn that give work to units without opening with the
units and a role word: the passive (`日常工作由A承担`) and a department's own verb of doing the work
(`A、B等单位做好…`). The prose reader reads them beside the parts that do (loader/prose.py)."""
from __future__ import annotations

import re

from .clauses import assigning_sentence
from .duties import subject_in_turn
from .grammar import GRAMMAR, alternation

_IN_TURN = GRAMMAR.units["in_turn"]
_OPENS_ASSIGNING = GRAMMAR.units["assigning_opener"]
# `日常工作由A承担。`: a short naming of the work, 由, the units, a verb giving it to them closing the part
_PASSIVE = re.compile(rf"^([^,;。:{re.escape(_OPENS_ASSIGNING)}]{{2,{_IN_TURN['passive_work_max']}}})"
                      rf"({re.escape(_OPENS_ASSIGNING)}[^,;。:]{{2,40}}?(?:{alternation(GRAMMAR.units['assigning_verbs'])}))[;。]?$")
_DOING = re.compile(rf"^(?:{alternation(_IN_TURN['doing_basis'])})?,?(?:{alternation(_IN_TURN['doing_verbs'])})")


def passive_part(part: str) -> tuple[str, str] | None:
    """(clause, text) for `<work>由A承担`: the work is the part's own text, its units those after 由,
    as `由A负责<work>` gives them; None for any other part."""
    m = _PASSIVE.match(part)
    clause = assigning_sentence(m.group(2)) if m else None
    return (clause, part.rstrip(";。")) if clause else None


def doing_part(part: str) -> tuple[str, str] | None:
    """(clause, text) for a part opening with its units and their own verb of doing the work, no role
    word (`A、B等单位做好本系统…工作`): among departments in turn that is the units' duty as a 负责 would
    give it; None for any other part."""
    found = subject_in_turn(part)
    if not found or not _DOING.match(found[1]):
        return None
    return f"{found[0]}{_IN_TURN['doing_role']}", found[1].rstrip(";。")
