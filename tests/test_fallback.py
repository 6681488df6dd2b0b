"""The last-resort reader (loader/fallback.py): only where no reader finds a task, and only on
items that name units beside a role word."""
import json
from pathlib import Path

import pytest

from resp.loader.conventions import read_conventions
from resp.loader.fallback import WARNING, fallback_blocks, fallback_tasks
from resp.loader.parse import parse_text
from resp.loader.records import ParseError
from resp.loader.runon import lines_of

REPORT = ("5月6日,我区召开河道保洁推进会。\n"
          "会议要求,区水务局、区城管局等相关单位牵头的三个保洁小组要每日巡查。\n"
          "会议强调,以区河道保洁专责小组为牵头,统筹各街道开展联合检查。\n")


def test_report_with_units_beside_role_words_is_read_with_a_warning():
    doc = parse_text(REPORT, "report.txt")
    assert doc.role_words["reader"] == "last resort" and WARNING in doc.warnings
    assert [(t.id, [(r.unit, r.role) for r in t.responsibilities]) for t in doc.tasks] == [
        ("1", [("区水务局", "lead"), ("区城管局", "lead"), ("相关单位", "lead")]),
        ("2", [("区河道保洁专责小组", "lead")])]


def test_numbered_items_keep_their_printed_numbers():
    text = "一、工作安排\n3.开展联合检查,由区市场监管局负责。\n4.清理占道经营,区城管局牵头,各街道配合。\n"
    ids = [(b.number, b.section) for b in fallback_blocks(lines_of(text))]
    assert ids == [("3", "一、工作安排"), ("4", "一、工作安排")]


@pytest.mark.parametrize("text", [
    "4月17日,推进会召开。会议由市民政局牵头组织,市财政局负责同志参加。\n会上作了交流发言。\n",
    "普通的一段文字,各部门要认真落实,没有任何任务分工。\n",
])
def test_events_and_unassigned_words_are_still_refused(text):
    with pytest.raises(ParseError, match="no task-division content found"):
        parse_text(text, "news.txt")


LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"


@pytest.mark.parametrize("stem", ["anhui_prefecture_item_then_label_lines_qiantou_xietong_zeren",
                                  "hubei_county_notice_item_zeren_danwei_bare_names_after_text",
                                  "prefecture_law_library_items_bare_bracket_units_next_line",
                                  "national_news_targets_this_work_by_bare_ministry"])
def test_last_resort_reader_alone_reads_layouts_the_readers_read(stem):
    """The reader alone (as on a page no reader knows) gives the fixture's ids, sections and units."""
    want = json.loads((LAYOUTS / f"{stem}.expected.json").read_text(encoding="utf-8"))["tasks"]
    tasks, _ = fallback_tasks(lines_of((LAYOUTS / f"{stem}.txt").read_text(encoding="utf-8")))
    assert [(t.id, t.section, [(r.unit, r.role) for r in t.responsibilities]) for t in tasks] == [
        (t["id"], t["section"], [(r["unit"], r["role"]) for r in t["responsibilities"]]) for t in want]


@pytest.mark.parametrize("stem", ["zhejiang_district_shishi_table_cell_lines_qiantou_xietong_columns",
                                  "municipal_plan_runin_headings_sentences_fuze_and_bracket_labels",
                                  "prefecture_news_reprint_project_headings_field_lines_zeren_bumen",
                                  "county_cleanup_plan_glued_subheads_circled_items_shared_unit_lines",
                                  "county_bureau_report_table_cell_lines_sparse_printed_serials",
                                  "anhui_county_cells_units_period_heading_runs",
                                  "city_bureau_table_pipe_lines_no_serial_zeren_time",
                                  "county_targets_table_cell_lines_no_serial_merged_unit_cells",
                                  "county_cleanup_page_numbered_member_colon_duty_lines",
                                  "county_safety_duty_list_page_unit_headings_numbered_duties",
                                  "city_report_targets_paren_items_lead_fields_cut_next_part",
                                  "county_duty_list_page_unmarked_unit_headings_dun_duties",
                                  "prefecture_law_library_targets_glued_bracket_units",
                                  "prefecture_notice_items_bracket_clause_standing_remark_after_stop",
                                  "county_repost_items_unit_names_with_brackets_label_lines",
                                  "town_plan_outer_part_unit_headings_numbered_duties",
                                  "province_duty_page_oneline_member_colon_inner_support_verb",
                                  "county_interpretation_runin_items_then_yishi_you_fuze_lines",
                                  "county_report_paragraph_fenbiewei_yishi_zeren_brackets",
                                  "province_law_db_official_parts_lead_headings_xietong_lines",
                                  "city_portal_items_blank_lines_long_zeren_label_lists",
                                  "region_news_plan_bullets_support_lists_bare_cities"])
def test_last_resort_reader_alone_gives_the_readers_ids_and_units(stem):
    """One cell a line under 序号 / … / 牵头单位 / 协同单位, headings run into their paragraphs
    (`(二)…。A负责…;B负责…` gives 二.1, 二.2), or one project a heading with its field lines below
    (`一、<project>` / `责任部门:X` gives 一), or sub-items `⑴…` under a sub-head `1提升…` with unit lines
    closing runs of them (1.1, 1.2 …), or a table's rows under a report's own sparse numbers (5, 41, 42),
    unit cells closed by 。 too: the ids and units the readers give."""
    want = json.loads((LAYOUTS / f"{stem}.expected.json").read_text(encoding="utf-8"))["tasks"]
    tasks, _ = fallback_tasks(lines_of((LAYOUTS / f"{stem}.txt").read_text(encoding="utf-8")))
    assert [(t.id, [(r.unit, r.role) for r in t.responsibilities]) for t in tasks] == [
        (t["id"], [(r["unit"], r["role"]) for r in t["responsibilities"]]) for t in want]


@pytest.mark.parametrize("text", [
    "序号\n工作任务\n责任单位\n评分部门\n1\n推进养老服务\n县民政局\n县财政局\n2\n完成\n",
    "序号\n工作任务\n责任单位\n完成时间\n1\n区养老服务中心\n2\n年底前\n",
])
def test_table_rows_take_no_unit_outside_the_role_columns(text):
    """A unit past the last role column (an assessor's 评分部门) or a row with no text before its
    units gives no triple."""
    units = [r.unit for b in fallback_tasks(lines_of(text))[0] for r in b.responsibilities]
    assert "县财政局" not in units and "区养老服务中心" not in units


def test_last_resort_reader_applies_a_stated_first_listed_leads_rule():
    """`(列第一位者为工作牵头或汇总单位,下同)` in a list: the reader alone gives the first unit the lead, as the readers do."""
    stem = "province_news_copy_unnumbered_paragraphs_zeren_lines_first_listed_leads_xiatong"
    want = json.loads((LAYOUTS / f"{stem}.expected.json").read_text(encoding="utf-8"))["tasks"]
    lines, conventions = read_conventions(lines_of((LAYOUTS / f"{stem}.txt").read_text(encoding="utf-8")))
    tasks, _ = fallback_tasks(lines, conventions)
    assert [(t.id, [(r.unit, r.role) for r in t.responsibilities]) for t in tasks] == [
        (t["id"], [(r["unit"], r["role"]) for r in t["responsibilities"]]) for t in want]
    assert {r.role for t in fallback_tasks(lines)[0] for r in t.responsibilities} == {"responsible"}


def test_headings_holding_several_items_leave_the_items_numbered_in_order():
    """Where a heading holds two paragraphs with units, the headings are sections: items 1, 2, 3."""
    text = ("一、道路建设\n新建环城东路,年底前完成。(交通局牵头)\n改造老城区支路。(住建局牵头)\n"
            "二、水源保护\n整治饮用水源地。(水利局牵头)\n")
    assert [t.id for t in fallback_tasks(lines_of(text))[0]] == ["1", "2", "3"]


def test_an_amount_cell_opens_no_row_where_the_serials_run_from_one():
    """Serials 1, 2 … are read as such; a number cell above them (an investment of 300) is a cell."""
    text = "序号\n项目名称\n投资金额\n责任单位\n1\n修缮文化站\n300\n县文化旅游局\n2\n新建书房\n120\n县教育局\n"
    tasks, _ = fallback_tasks(lines_of(text))
    assert [(t.id, [r.unit for r in t.responsibilities]) for t in tasks] == [("1", ["县文化旅游局"]), ("2", ["县教育局"])]


def test_sparse_serials_open_rows_only_after_the_row_before_holds_its_units():
    """With no row 1, a number above the last opens a row once the row before has its units."""
    text = "序号\n工作任务\n牵头单位\n12\n新建书房\n300\n县文化旅游局\n30\n办好赛事\n县体育中心\n"
    tasks, _ = fallback_tasks(lines_of(text))
    assert [(t.id, [r.unit for r in t.responsibilities]) for t in tasks] == [("12", ["县文化旅游局"]), ("30", ["县体育中心"])]


def test_rows_of_a_table_with_no_serial_column_are_numbered_in_order():
    """No 序号 column: a row is its text cells, then its units, then its 完成时限; the next text opens a row."""
    text = ("工作任务\n责任单位\n完成时限\n修缮文化站\n县文化旅游局\n县财政局\n年底前\n"
            "新建书房\n县教育局\n长期坚持\n办好赛事\n县体育中心\n")
    tasks, _ = fallback_tasks(lines_of(text))
    assert [(t.id, [r.unit for r in t.responsibilities]) for t in tasks] == [
        ("1", ["县文化旅游局", "县财政局"]), ("2", ["县教育局"]), ("3", ["县体育中心"])]


@pytest.mark.parametrize("text, want", [
    ("县财政局:负责资金保障;会同县审计局开展检查。\n", [("1", [("县财政局", "responsible")])]),
    ("各乡镇、有关部门:\n现将方案印发,由县农业农村局牵头落实。\n", [("1", [("县农业农村局", "lead")])]),
    ("发布部门:县政府办公室 发布时间:2024年\n县水务局牵头,各乡镇配合。\n",
     [("1", [("县水务局", "lead"), ("各乡镇", "support")])]),
])
def test_a_member_named_before_the_colon_of_its_duty_is_responsible(text, want):
    """`X:负责…` gives X alone (its duty's own verbs name no other unit); a salutation, a page field
    or a label's units before a colon are no member's duty."""
    tasks, _ = fallback_tasks(lines_of(text))
    assert [(t.id, [(r.unit, r.role) for r in t.responsibilities]) for t in tasks] == want


@pytest.mark.parametrize("text, want", [
    ("第十二条 文旅部门职责:\n(一)负责景区安全管理。\n(二)配合有关部门检查游乐设施。\n"
     "第十三条 气象部门职责:\n负责发布灾害性天气预警。\n",
     [("十二.一", "文旅部门"), ("十二.二", "文旅部门"), ("十三", "气象部门")]),
    ("(1)区水务局。\n负责河道巡查,组织街道参与清障。\n(2)区城管局、区交警大队。\n负责渣土车辆管理。\n",
     [("1", "区水务局"), ("2", "区城管局"), ("2", "区交警大队")]),
    ("区民政局\n负责养老服务工作。\n(一)开展养老机构安全检查。\n(二)推进居家养老服务。\n"
     "区卫健局\n(一)做好老年人健康体检。\n",
     [("1.一", "区民政局"), ("1.二", "区民政局"), ("2.一", "区卫健局")]),
])
def test_a_unit_line_with_no_role_word_heads_the_duties_below_it(text, want):
    """An article `第十二条 X部门职责:`, a numbered `(1)X。` over its duty line, a bare name over its
    numbered duties (its summary line no task): each duty the unit's, responsible."""
    tasks, _ = fallback_tasks(lines_of(text))
    assert [(t.id, r.unit) for t in tasks for r in t.responsibilities] == want
    assert {r.role for t in tasks for r in t.responsibilities} == {"responsible"}


@pytest.mark.parametrize("text", [
    "1. 区图书馆\n(1)消防通道堆放杂物;\n(2)灭火器过期。\n整改责任单位:区文旅局 整改时限:3天\n",
    "(一)区级部门\n1.区财政局负责经费保障。\n2.区统计局负责数据审核。\n",
])
def test_a_unit_line_over_labelled_or_subject_duties_gives_no_units(text):
    """A name over items with their own 责任单位 label is the item's subject (an inspected place), and
    duties that name their own responsible unit keep it."""
    tasks, _ = fallback_tasks(lines_of(text))
    assert "区图书馆" not in {r.unit for t in tasks for r in t.responsibilities}
    assert "区级部门" not in {r.unit for t in tasks for r in t.responsibilities}


@pytest.mark.parametrize("text, want", [
    ("(一)档案科\n负责全局文书归档;负责档案查阅服务。\n(二)法规科\n组织起草规范性文件,承担行政复议工作。\n",
     [("一", "档案科"), ("二", "法规科")]),
    ("(二)交通运输部门\n1、负责客运站安全检查。\n2、配合做好道路应急保通。\n",
     [("二.1", "交通运输部门"), ("二.2", "交通运输部门")]),
])
def test_a_unit_heading_with_no_closing_mark_heads_the_duties_below_it(text, want):
    """`(一)档案科` alone over its duty paragraph (one duty under its numeral), `(二)交通运输部门` over
    numbered duties: the heading's department is responsible for each."""
    tasks, _ = fallback_tasks(lines_of(text))
    assert [(t.id, r.unit) for t in tasks for r in t.responsibilities] == want


@pytest.mark.parametrize("text, want", [
    ("三、分工\n(一)县档案馆\n1、负责归档。\n(二)县方志办\n1、负责修志。\n", ["一.1", "二.1"]),
    ("一、春季\n(一)县档案馆\n1、负责归档。\n二、秋季\n(一)县方志办\n1、负责修志。\n", ["一.一.1", "二.一.1"]),
])
def test_a_unit_headings_outer_numeral_shows_only_where_the_headings_restart(text, want):
    """Department headings `(一)…` under one outer part keep their own numerals (一.1, as the duty reader
    prints them); where `(一)` comes again under the next part, the part's numeral tells them apart."""
    tasks, _ = fallback_tasks(lines_of(text))
    assert [t.id for t in tasks] == want


@pytest.mark.parametrize("text", [
    "(五)举办全县职工运动会\n1、负责场地布置。\n2、负责赛事保障。\n",
    "(三)县老年大学和县社区学院联合办学委员会\n负责课程安排。\n",
])
def test_a_heading_naming_a_task_or_too_long_heads_no_duties(text):
    """A heading with a verb of a task, or longer than a department's name, is no unit over its duties."""
    tasks, _ = fallback_tasks(lines_of(text))
    assert not any(r.role == "responsible" and r.unit.startswith("举办") for t in tasks for r in t.responsibilities)
    assert "县老年大学和县社区学院联合办学委员会" not in {r.unit for t in tasks for r in t.responsibilities}


@pytest.mark.parametrize("text, want", [
    ("1、粮食产量稳定在120万吨(市农业局,各县区政府)。\n", [("1", "市农业局"), ("1", "各县区政府")]),
    ("(一)办公室(综合执法科)\n负责机关日常运转。\n", [("一", "办公室(综合执法科)")]),
    ("今年市农业局(市乡村振兴局)\n重点工作任务如下。\n", []),
])
def test_a_bracket_of_units_closing_a_numbered_item_gives_its_units(text, want):
    """A numbered target's bracket of units glued before its 。 names the units responsible; a bracket after
    a unit's own name (its other name: the heading names the unit whole) or closing an unnumbered line gives none."""
    tasks, _ = fallback_tasks(lines_of(text))
    assert [(t.id, r.unit) for t in tasks for r in t.responsibilities] == want


def test_lead_headings_under_an_official_part_cut_before_the_next_keep_its_numeral():
    """`(一)X牵头的工作` under `一、<NAME>省长负责的工作`, the page cut before the next official's part
    (where the headings would restart): X leads each task below, ids 一.一 / 一.二.1 as the duty reader's,
    no `第一部分` numeral above; a `协同单位:` line gives its task support."""
    text = ("第一部分:主要任务分解\n一、赵某某省长负责的工作\n统筹全省工作。\n(一)省档案局牵头的工作\n"
            "推进档案信息化建设。\n协同单位:省财政厅。\n(二)省地震局牵头的工作\n1.完善地震监测台网。\n2.开展防震减灾宣传。\n")
    assert [(t.id, [(r.unit, r.role) for r in t.responsibilities]) for t in fallback_tasks(lines_of(text))[0]] == [
        ("一.一", [("省档案局", "lead"), ("省财政厅", "support")]),
        ("一.二.1", [("省地震局", "lead")]), ("一.二.2", [("省地震局", "lead")])]


@pytest.mark.parametrize("text, want", [
    ("1.修缮河堤。(市水务局、市财政局、东岭市、相关县、区政府负责)\n",
     [("市水务局", "responsible"), ("市财政局", "responsible"), ("东岭市", "responsible"), ("相关县", "responsible"),
      ("区政府", "responsible")]),
    ("1.修缮河堤。(自治区水利厅牵头,自治区财政厅、北岭市、南岭市、河口管委会配合)\n",
     [("自治区水利厅", "lead"), ("自治区财政厅", "support"), ("北岭市", "support"), ("南岭市", "support"),
      ("河口管委会", "support")]),
])
def test_a_bare_place_in_a_list_before_a_role_word_keeps_the_names_before_it(text, want):
    """A list before a role word that opens and closes with units keeps every name, a bare place among
    them too; a name opening with 自治区 is read whole (not 区…)."""
    tasks, _ = fallback_tasks(lines_of(text))
    assert [(r.unit, r.role) for r in tasks[0].responsibilities] == want


def test_a_line_referring_back_gives_its_units_to_the_items_above_it():
    """`N项任务的牵头单位为X` gives X to the N numbered items above it (a numeral, 两), its label
    the role; `该项任务责任单位为X` to the one above; a count beyond the heading's items takes those there."""
    text = ("一、重点任务\n1.建设甲项目;\n2.建设乙项目;\n两项任务的牵头单位为县发改局。\n3.建设丙项目;\n4.建设丁项目;\n"
            "5.建设戊项目;\n三项任务的责任单位均为县住建局、县财政局。\n以上任务均已分解落实。\n6.建设己项目。\n"
            "该项任务责任单位为县水利局。\n二、其他任务\n1.建设庚项目;\n5项任务的责任单位均为县交通局。\n")
    doc = parse_text(text, "plan.txt")
    got = [(t.id, t.text, [(r.unit, r.role) for r in t.responsibilities]) for t in doc.tasks]
    shared = [("县住建局", "responsible"), ("县财政局", "responsible")]
    assert got == [("一.1", "建设甲项目;", [("县发改局", "lead")]), ("一.2", "建设乙项目;", [("县发改局", "lead")]),
                   ("一.3", "建设丙项目;", shared), ("一.4", "建设丁项目;", shared), ("一.5", "建设戊项目;", shared),
                   ("一.6", "建设己项目。", [("县水利局", "responsible")]), ("二.1", "建设庚项目;", [("县交通局", "responsible")])]
