"""A refused page says in one line what it saw: its first role label or unit name, and what was missing."""
from pathlib import Path

import pytest

from resp.loader.parse import parse_file, parse_text
from resp.loader.records import ParseError

REFUSALS = Path(__file__).parent / "fixtures" / "refusals"


def _reason(text: str) -> str:
    with pytest.raises(ParseError) as caught:
        parse_text(text, "page.txt")
    assert "\n" not in caught.value.reason
    return caught.value.reason


def test_a_table_turned_on_its_side_names_its_label_line_and_units():
    with pytest.raises(ParseError) as caught:
        parse_file(REFUSALS / "sichuan_prefecture_sideways_table_label_broken_over_cells.txt")
    assert caught.value.reason == (
        "no task-division content found: line 24: a 责任单位 label with 3 unit cells "
        "(市人力资源社会保障局、市卫生健康委…), but no task rows found (a table turned on its side?)")


def test_a_label_with_nothing_after_it_says_so():
    reason = _reason("附表说明\n\n牵头单位\n\n(待定)\n")
    assert reason == "no task-division content found: line 3: a 牵头单位 label, but no unit names after it and no task found"


def test_unit_names_alone_are_named():
    reason = _reason("附:名单\n\n市财政局\n\n市民政局\n")
    assert reason.startswith("no task-division content found: line 3: unit names (市财政局)")


def test_a_page_with_no_label_or_unit_keeps_the_plain_refusal():
    assert _reason("普通的一段文字,没有任何任务分工。\n") == (
        "no task-division content found (no tasks with 牵头/配合/责任单位 clauses or columns)")


def test_a_table_header_run_together_with_its_rows_is_named():
    # a Word table flattened with no cell separators and no row numbers (h67): the header glued after the prose
    reason = _reason("某街道创卫工作分工表\n\n请各社区认真抓好落实。分管领导责任单位考评项目考评内容张某某街道城管科、各社区"
                     "环境整洁,无乱扔杂物。实地查看\n")
    assert reason == ("no task-division content found: line 3: a table header run together (分管领导责任单位), "
                      "its rows glued after it with no row number or cell separator to part them")
