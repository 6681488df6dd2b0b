"""A space inside one of the grammar's words is found from the words themselves, as the table of every cut
found it (issue 20: the table held 3 MB in every process)."""
from __future__ import annotations

import random
from functools import cache

from resp.loader import text


@cache
def _tails() -> dict[str, tuple[str, ...]]:
    """The former table: every word's head before a cut → the tails that may follow it."""
    tails: dict[str, set[str]] = {}
    for word in text._SPACEABLE_WORDS:
        for k in range(1, len(word)):
            tails.setdefault(word[:k], set()).add(word[k:])
    return {head: tuple(ends) for head, ends in tails.items()}


def _table_reading(left: str, right: str) -> bool:
    """The former reading, from the table."""
    return any(right.startswith(_tails().get(left[-k:], ())) for k in range(1, min(len(left), text._CUT_WORD_HEAD_MAX) + 1))


def test_a_cut_word_reads_as_the_table_read_it():
    rnd = random.Random(20)
    words = rnd.sample(sorted(text._SPACEABLE_WORDS), 40) + ["配合", "责任单位", "牵头部门"]
    for word in words:
        for k in range(len(word) + 1):
            for left, right in ((word[:k], word[k:]), ("市" + word[:k], word[k:] + "等"), (word[:k], word[k + 1:]),
                                (word[:k - 1] if k else "", word[k:])):
                assert text._spells_cut_word(left, right) == _table_reading(left, right), (left, right)


def test_the_known_cuts():
    assert text._spells_cut_word("配", "合")
    assert text._spells_cut_word("责任", "单位")
    assert not text._spells_cut_word("区财政局", "区教育局")
