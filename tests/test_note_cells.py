"""A 备注 note (市级督办) standing at a unit column's place is never a unit."""
from resp.loader.parse import parse_text

_TABLE = ("工作任务 | 具体要求 | 责任部门 | 备注 |\n"
          "一、做好公开。 | 1.更新公开目录。 | 考核办 | 纳入年度考核 |\n"
          "2.答复来信咨询。 | 综合股 | 市级督办 |  |\n"
          "3.编印服务手册。 | 督查室 |  |  |\n")


def _triples(text: str) -> list[tuple[str, str, str]]:
    return [(t.id, r.unit, r.role) for t in parse_text(text, "notes.txt").tasks for r in t.responsibilities]


def test_a_note_on_a_left_shifted_row_is_no_unit():
    assert _triples(_TABLE) == [("1", "考核办", "responsible"), ("2", "综合股", "responsible"),
                                ("3", "督查室", "responsible")]


def test_a_unit_ending_in_a_note_word_plus_office_stays_a_unit():
    assert ("1", "考核办", "responsible") in _triples(_TABLE)
