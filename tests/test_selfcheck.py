"""The parse's self-check and the rules of never losing a row: role words tied, skipped by a
named rule or unaccounted (loader/rolewords.py), garbled units left out with a warning,
`resp parse --explain`. Expectations are counted by hand from the texts below."""
from __future__ import annotations

from click.testing import CliRunner

from resp.cli.main import main
from resp.loader.parse import parse_text

# A notice whose preamble closes a group with 牵头 (no task), uses 落实 as a verb (not counted),
# then two tasks, each with a clause of two role words.
NOTICE = """县人民政府办公室关于印发托育服务工作方案的通知
各乡镇人民政府:此项工作由县卫生健康局牵头。请认真贯彻落实。
1.建立托育服务指导中心。(县卫生健康局牵头,县财政局配合)
2.开展婴幼儿照护培训。(县人社局牵头,各乡镇落实)
"""


def test_role_words_tied_skipped_and_verbs_not_counted():
    check = parse_text(NOTICE, "notice.txt").role_words
    # tied: 牵头+配合 in task 1, 牵头+落实 in task 2; skipped: 由县卫生健康局牵头 in the preamble
    # (no task either); 认真贯彻落实 is a verb after no unit: not counted at all
    assert (check["tied"], check["skipped"], check["unaccounted"]) == (4, {"preamble": 1}, 0)


def test_units_of_a_task_not_in_the_text_are_reported_not_attached():
    # a page fragment that opens with the units of a task cut off above it
    text = "责任单位:县民政局、县财政局\n3.完善养老服务网络。\n责任单位:县民政局\n"
    doc = parse_text(text, "fragment.txt")
    assert [(t.id, [(r.unit, r.role) for r in t.responsibilities]) for t in doc.tasks] == [
        ("3", [("县民政局", "responsible")])]
    assert any("line 1" in w and "left out" in w for w in doc.warnings)


def test_a_garbled_unit_is_left_out_and_its_row_kept():
    # the issue's table, cells separated by tabs: row 1's lead is broken input
    text = ("序号\t工作任务\t责任单位\n"
            "1\t建立托育服务指导中心。\t县\"卫生'局\\DETACH}//牵头;县财政局配合;各乡镇落实\n"
            "2\t开展婴幼儿照护培训。\t县人社局牵头;县卫生健康局配合;各乡镇落实\n")
    doc = parse_text(text, "table.txt")
    assert [(t.id, [(r.unit, r.role) for r in t.responsibilities]) for t in doc.tasks] == [
        ("1", [("县财政局", "support"), ("各乡镇", "implement")]),
        ("2", [("县人社局", "lead"), ("县卫生健康局", "support"), ("各乡镇", "implement")])]
    assert any(w.startswith("task 1:") and "DETACH" in w for w in doc.warnings)


def test_parse_prints_the_check_and_explain_shows_where_each_task_was_read(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text(NOTICE, encoding="utf-8")
    result = CliRunner().invoke(main, ["parse", str(path), "--explain"], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "tied 4, skipped 1 (preamble 1), unaccounted 0" in result.output
    assert "read by: prose reader" in result.output
    assert "task 1: text l.3, units l.3: 县卫生健康局(lead)、县财政局(support)" in result.output
    assert "task 2: text l.4, units l.4: 县人社局(lead)、各乡镇(implement)" in result.output


def test_json_carries_the_unaccounted_words_with_their_lines():
    # task 2's text holds 县卫生健康局牵头, a group closed by 牵头, that its clause does not
    text = "1.完善养老服务网络。(县民政局牵头)\n2.建立联席会议制度,县卫生健康局牵头。(县民政局负责)\n"
    check = parse_text(text, "x.txt").role_words
    assert (check["tied"], check["unaccounted"]) == (2, 1)
    assert check["unaccounted_at"] == [{"line": 2, "word": "牵头", "evidence": "县卫生健康局牵头"}]
