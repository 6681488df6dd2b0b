"""A working group's members named in its entry: `(四)交通保障组:由A、B以及C等部门组成,负责…`.

An emergency plan lists its on-site working groups one an entry, each naming the departments
that make it up (`由…组成`) or that hold its work (`由A、B负责`, `由A动员…`). The group is a
body of those departments, no unit of its own: they are responsible for its duty. The member
list is printed as a list, so its joining words (`以及`, `等部门和`) part units as 、 does. An entry
whose `由…` gives its work to a lead and supports (`由A牵头,B、C配合,负责…`) is read as that clause.
An entry naming the unit whose official heads the group (`(一)矿山检查组。由A1名县级领导带队,…`) makes that
unit its lead.
"""
from __future__ import annotations

import re

from .clauses import assigning_sentence, is_unit_list, parse_clause
from .grammar import GRAMMAR, alternation

_UNITS = GRAMMAR.units
_OPENER = _UNITS["assigning_opener"]  # 由
_NOT_OPENING = alternation([w[len(_OPENER):] for w in _UNITS["assigning_opener_not"]])  # 由于, 由此
_MEMBERS = re.compile(r"^%s(?!%s)([^,,。;:]{2,80}?)(?:%s)"
                      % (re.escape(_OPENER), _NOT_OPENING, alternation(_UNITS["group_member_verbs"])))
_STAFF = re.compile(r"(?:%s)$" % alternation(_UNITS["group_member_staff"]))
_JOINS = alternation(_UNITS["group_member_joins"])
# `A等部门和B`: 等部门 closes one list, the join opens the next; `以及` always parts two lists
_LIST_CLOSED = re.compile(r"(等(?:有关|相关)?部门)(?:%s)" % _JOINS)
_AS_WELL_AS = re.compile(r"以及")


def group_members(duty: str) -> str | None:
    """The members of a working group whose entry's duty opens by naming them (`由A、B等部门组成,负责…`),
    as a list the clause grammar splits, or the clause of a `由A牵头,B配合,…` opening (its roles kept, as
    a clause reading of the entry keeps them); None where the duty names none, or a name is no unit's."""
    m = _MEMBERS.match(duty)
    if not m:
        return assigning_sentence(duty) if duty.startswith(_OPENER) else None
    listed = _member_list(m.group(1))
    found, _ = parse_clause(listed, "responsible")
    return listed if found else None


def _member_list(printed: str) -> str:
    """The printed members as a 、 list: their staff noun dropped, the list's joining words made 、."""
    listed = _STAFF.sub("", printed)
    listed = _LIST_CLOSED.sub(r"\1、", listed)
    return _AS_WELL_AS.sub("、", listed)


_HEADED = re.compile(r"^([^,,。;:、由]{2,20}?(?:%s))[。:]?%s([^,,。;:]{2,60}?)(?:%s)(?=[,,。;]|$)" % (
    alternation(_UNITS["group_endings"]), re.escape(_OPENER), alternation(_UNITS["group_head_verbs"])))
_OFFICIAL = re.compile(_UNITS["group_head_official"])


def group_head(entry: str) -> tuple[str, str] | None:
    """(the group's name, the unit heading it) for a group's entry `矿山检查组。由A1名县级领导带队,…`: the unit
    whose official heads the group leads its work; its official (a head count, a rank) is a person, no part
    of the unit's name. None where the entry names no head, or no unit stands before the official."""
    m = _HEADED.match(entry)
    if not m:
        return None
    words = m.group(2)
    for end in range(2, len(words) + 1):  # the shortest unit whose rest is its official, or nothing
        if (end == len(words) or _OFFICIAL.fullmatch(words, end)) and is_unit_list(words[:end]):
            return m.group(1), words[:end]
    return None
