"""The self-check on duty lists whose lines open with a label's words: `其他部门:<duty>` closing
member units' `<unit>:<duty>` lines is a department holding its duty (loader/rolewords.py
`_label_held`), so its label word is tied, not unaccounted. Counted by hand from the text below."""
from __future__ import annotations

from resp.loader.parse import parse_text

# member units' duties one a line, unnumbered, the last opened by the label 其他部门:
MEMBERS = """县水利局:负责河道水情监测,提出防洪调度意见。
县交通局:负责抢险道路的保通工作,组织运力转移受灾群众。
县卫健局:负责灾区医疗救治和卫生防疫工作。
其他部门:按照指挥部的统一部署,参加抢险救灾工作,协助有关部门做好善后处置。
"""


def test_label_opening_a_duty_line_held_as_its_unit_is_tied():
    doc = parse_text(MEMBERS, "members.txt")
    held = {r.unit for t in doc.tasks for r in t.responsibilities}
    assert "其他部门" in held
    assert (doc.role_words["tied"], doc.role_words["unaccounted"]) == (1, 0)
