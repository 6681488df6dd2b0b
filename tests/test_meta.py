"""The metadata rules of real published plans (parse-contract, "Conventions of real published plans").

Every text here is written for the test, in our own wording; only the shapes are those of
real pages (a township's page on its county's portal, a mirror site's pinyin, a portal's
`|` metadata rows …).
"""
from __future__ import annotations

import pytest

from resp.loader import meta
from resp.loader.parse import parse_text

TOWN_TASKS = """一、明确职责
(一)镇防汛办公室职责
1、负责汛期值班值守和信息报送;
2、负责抢险物资的储备和调拨。
"""

COUNTY_TASKS = """1.推进老旧小区改造。完成改造12个。(牵头单位:县住建局;配合单位:县财政局、县发展改革局)
2.新增普惠托位。新增托位300个。(牵头单位:县卫生健康局;配合单位:县教育局)
"""


def read(text: str) -> dict:
    return parse_text(text, "t.txt").to_json()


def test_township_named_in_its_title_is_the_issuer_with_level_null_and_its_county_above():
    doc = read("枫林县人民政府\n青石镇政府信息公开\n青石镇2024年防汛工作安排意见\n各村委会、镇属各单位:\n"
               "为做好今年防汛工作,结合我镇实际,现作如下安排。\n" + TOWN_TASKS)
    assert (doc["jurisdiction"], doc["level"]) == ("青石镇", None)
    assert doc["parent_jurisdictions"] == []  # 枫林县 is no division the table knows


def test_township_after_its_county_in_a_source_line_has_the_county_as_parent():
    doc = read("庆城县人民政府\n关于印发桐木镇2023年防汛工作安排意见的通知\n"
               "经研究,庆城县桐木镇人民政府决定印发本意见。\n" + TOWN_TASKS)
    assert (doc["jurisdiction"], doc["level"], doc["parent_jurisdictions"]) == ("桐木镇", None, ["庆城县"])


def test_unnamed_township_citing_a_provincial_notice_has_no_issuer_and_no_parents():
    doc = read("各村(场)、乡直有关单位:\n按照《福建省人民政府办公厅关于印发全省农村食品安全工作方案的通知》"
               "(闽政办〔2016〕27号),结合我乡实际,明确分工如下:\n"
               "一、规范集体聚餐管理\n由乡食安办承办,卫生院、乡市场监管所配合。\n"
               "二、整治校园周边食品经营\n由中心小学承办,乡市场监管所、派出所配合。\n")
    assert (doc["jurisdiction"], doc["level"], doc["parent_jurisdictions"]) == (None, None, [])
    assert doc["implements"] == ["闽政办〔2016〕27号"]


def test_preamble_fragments_and_a_page_tag_are_no_issuers():
    doc = read("【市政府重点工作分解】青州市人民政府关于2020年重点工作分解的通知\n"
               "为全面落实市委、市政府关于重点工作的部署,现将任务分解如下。\n"
               "1.地区生产总值增长6%。\n牵头责任单位:市发展改革委。\n协同责任单位:市统计局、市财政局。\n")
    assert (doc["jurisdiction"], doc["level"]) == ("青州市", "county")


def test_a_bare_level_word_after_other_words_is_no_place_and_the_signature_after_the_annex_counts():
    doc = read("各区县人民政府,市直各单位:\n《2020年政府工作报告重点工作责任分解》已经市政府同意,现印发给你们。\n"
               "附件\n1.扩大有效投资。(牵头单位:市发展改革委;配合单位:市财政局)\n"
               "2.稳定外贸外资。(牵头单位:市商务局;配合单位:市税务局)\n"
               "湖州市人民政府办公室\n2020年5月22日\n")
    assert (doc["jurisdiction"], doc["level"], doc["issued"]) == ("湖州市", "prefecture", "2020-05-22")


def test_portal_cells_give_the_level_and_the_signature_date():
    doc = read("索引号 | 000327413/2023-61207 | 公开方式 | 主动公开 |\n"
               "发布单位 | 区政府 | 发文日期 | 2023-06-09 |\n"
               "序号 | 实事项目 | 责任单位 | 配合单位 |\n"
               "1 | 新建社区养老服务中心5家。 | 民政局 | 财政局、卫生健康局 |\n"
               "2 | 改造农贸市场4家。 | 商务局 | 市场监管分局 |\n")
    assert (doc["jurisdiction"], doc["level"], doc["issued"]) == (None, "county", "2023-06-09")


def test_fields_run_together_on_one_line_are_told_apart():
    fields = meta._fields(parse_lines("成文日期:发布日期:2021-05-18"))
    assert [(label, value) for label, value, _ in fields] == [("成文日期", ""), ("发布日期", "2021-05-18")]


def parse_lines(text):
    from resp.loader.text import to_lines
    return to_lines(text)


@pytest.mark.parametrize("date_line, page, issued", [
    ("2022121日", "发布日期:2022-01-21", "2022-01-21"),  # 1-21 or 12-1: the page date decides
    ("2022121日", "发布日期:2022-12-01", "2022-12-01"),
    ("2023315", "发布时间:2023-03-17", "2023-03-15"),  # only one reading is a date
])
def test_a_garbled_signature_date_is_read_by_its_digits(date_line, page, issued):
    doc = read(f"关于印发2023年重点工作分工的通知\n{page}\n各部门:\n现将分工印发给你们。\n"
               f"丽水市人民政府办公室\n{date_line}\n附件\n" + COUNTY_TASKS.replace("县", "市"))
    assert doc["issued"] == issued


def test_pinyin_inserted_by_a_mirror_stays_in_what_is_cut_from_the_text():
    doc = read("名稱: 宣城市宣州區(qū)2021年食品安全重點工作安排\n宣城市宣州區(qū)2021年食品安全重點工作安排\n"
               "認真落實《安徽省食品安全工作評議考核辦法》(皖食安〔2020〕3號),特制定本要點如下:\n"
               "1.開展校園食品安全守護行動。推進學校食堂明廚亮灶。(區(qū)教體局負責)\n"
               "2.加強糧食質(zhì)量安全監(jiān)測。開展庫存糧食抽檢。(區(qū)發(fā)展改革委負責)\n")
    assert (doc["jurisdiction"], doc["level"]) == ("宣州區(qū)", "county")
    assert doc["parent_jurisdictions"] == ["宣城市", "安徽省"]
    assert doc["implements"] == ["皖食安〔2020〕3號"]


def test_a_zone_the_table_does_not_know_has_level_null():
    doc = read("1.完成《青山湖旅游度假区防汛防台应急预案》修订。(牵头单位:党政办;配合单位:应消站)\n"
               "2.补齐度假区防汛物资。(牵头单位:应消站;配合单位:财政所)\n")
    assert (doc["jurisdiction"], doc["level"]) == ("青山湖旅游度假区", None)


def test_a_headline_opened_by_a_short_name_and_the_reported_document():
    doc = read("湖南《政府工作报告》部门分工确定\n记者从省政府获悉,今年报告确定的任务已分解到部门。\n"
               "1、稳定粮食生产(省农业农村厅牵头)\n2、扩大有效投资(省发展改革委、省财政厅负责)\n")
    assert (doc["jurisdiction"], doc["level"]) == ("湖南", "province")


def test_the_form_a_title_prints_is_kept_for_the_issuer_named_in_full_elsewhere():
    doc = read("恩施州2021年乡村振兴重点工作计划\n为推进乡村振兴,结合我州实际,制定本计划。\n"
               "1.巩固脱贫成果。(牵头单位:州乡村振兴局;责任单位:州民政局)\n"
               "2.稳定粮食生产。(牵头单位:州农业农村局;责任单位:州财政局)\n"
               "恩施土家族苗族自治州人民政府办公室\n2021年3月18日\n")
    assert (doc["jurisdiction"], doc["level"]) == ("恩施州", "prefecture")


@pytest.mark.parametrize("name, plausible", [
    ("汶村镇", True), ("莫干山镇", True), ("海安县", True), ("日照市", True), ("长兴太湖图影旅游度假区", True),
    ("为全面落实市", False), ("【市", False), ("经县", False), ("办公室县", False), ("各乡镇", False),
    ("示范乡", False), ("农村食品安全示范乡", False), ("城市", False),
])
def test_what_a_pattern_caught_is_a_place_only_when_it_can_be_one(name, plausible):
    assert meta._plausible(name) is plausible


@pytest.mark.parametrize("caught, printed", [
    ("和平乡", ["和平乡"]),  # a township, not the county 平乡
    ("合水县太白镇", ["合水县", "太白镇"]),
    ("已经州", ["已经州"]),
    ("全椒县", ["全椒县"]),
])
def test_printed_places(caught, printed):
    assert meta.printed_places(caught) == printed


def test_units_printed_with_a_bare_township_word_point_to_a_township():
    assert meta._prefix_kind("镇防汛办公室") == "镇"
    assert meta._prefix_kind("乡镇卫生院") is None  # a collective of many townships
    assert meta._prefix_kind("镇(街道)") is None


def test_a_county_named_by_its_short_name_and_its_numbers_mark():
    doc = read("嘉政办发〔2021〕5号\n县人民政府办公室关于重点工作责任分解的通知\n各镇人民政府,县政府各部门:\n"
               "现将涉及嘉鱼的重点事项分解给你们,嘉鱼经济开发区一并落实。\n"
               "1.扩大有效投资。(牵头单位:县发改局;配合单位:县财政局)\n"
               "2.稳定粮食生产。(牵头单位:县农业农村局;配合单位:县水利局)\n")
    assert (doc["jurisdiction"], doc["level"]) == ("嘉鱼县", "county")


def test_a_bare_short_name_gives_way_to_the_form_with_its_ending():
    doc = read("1、在兰州设立物流枢纽事宜\n由市发改委牵头,相关部门配合,尽快完成《兰州物流枢纽建设方案》。\n"
               "2、兰州市大气污染防治项目\n由市环保局牵头,市财政局配合,落实项目资金。\n")
    assert (doc["jurisdiction"], doc["level"]) == ("兰州市", "prefecture")


def test_bare_units_and_one_county_named_in_a_task():
    doc = read("具体任务\n举办盐池县第五届全民运动会,新建社区健身点20个。\n责任单位\n文旅局、教体局\n配合单位\n各乡镇\n"
               "具体任务\n改造农村公路50公里。\n责任单位\n交通局\n配合单位\n各乡镇\n")
    assert (doc["jurisdiction"], doc["level"]) == ("盐池县", "county")


def test_a_cited_government_gives_way_to_the_place_inside_it_that_reports():
    doc = read("海城市人民政府\n关于鞍山市惠民实事推进情况的督查通报\n"
               "按照《鞍山市人民政府办公室关于印发<2024年鞍山市惠民实事工作方案>的通知》要求,现将推进情况通报如下。\n"
               "1.城区供暖改造。完成管网改造20公里。(牵头单位:市住建局;配合单位:市财政局)\n"
               "2.农村公路提升。完成改造50公里。(牵头单位:市交通局;配合单位:市财政局)\n")
    assert (doc["jurisdiction"], doc["level"], doc["parent_jurisdictions"]) == ("海城市", "county", ["鞍山市"])


def test_a_number_field_without_its_colon():
    doc = read("发文机关宿州市人民政府\n发文字号宿政办〔2022〕7号\n各县、区人民政府:\n"
               "1.压实企业责任。(牵头单位:市住建局;配合单位:市应急局)\n2.强化执法检查。(牵头单位:市城管局;配合单位:市公安局)\n")
    assert (doc["jurisdiction"], doc["number"]) == ("宿州市", "宿政办〔2022〕7号")


def test_a_two_character_county_at_a_words_end_is_none_and_the_own_area_gives_the_level():
    assert meta.printed_places("协助办理县") == ["协助办理县"]
    assert meta.printed_places("马鞍山市和县") == ["马鞍山市", "和县"]
    doc = read("工作部门责任清单\n统计局\n部门职责\n\n组织实施全县人口普查工作。\n\n"
               "协助办理县政府交办的调查事项,汇总全县统计数据。\n")
    assert (doc["jurisdiction"], doc["level"]) == (None, "county")


DEADLINE_ROWS = [
    ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"],
    ["1", "完成集中供水工程管网改造", "县水利局", "县财政局", "2025年6月30日"],
    ["2", "建立供水工程运行维护长效机制", "县水利局", "各乡镇人民政府", "2025年12月31日"],
]


@pytest.mark.parametrize("form", ["tab", "pipe", "xlsx"])
def test_a_deadline_in_a_tables_row_is_no_date_of_issue(tmp_path, form):
    """A table of tasks with full-date deadlines and no signature: issued stays null (the deadline after
    各乡镇人民政府 was taken as a signature date), as a workbook, a tab table or a `|` table prints it."""
    title = "青川县农村供水保障任务分工表"
    if form == "xlsx":
        openpyxl = pytest.importorskip("openpyxl")
        from resp.loader.parse import parse_file
        book = openpyxl.Workbook()
        for row in [[title], *DEADLINE_ROWS]:
            book.active.append(row)
        book.save(tmp_path / "plan.xlsx")
        doc = parse_file(tmp_path / "plan.xlsx").to_json()
    else:
        sep = "\t" if form == "tab" else " | "
        doc = read(title + "\n" + "".join(sep.join(row) + "\n" for row in DEADLINE_ROWS))
    assert (doc["jurisdiction"], doc["issued"], len(doc["tasks"])) == ("青川县", None, 2)


def test_a_signature_date_above_a_table_still_counts():
    doc = read("青川县人民政府办公室\n2025年3月2日\n" + "".join("\t".join(row) + "\n" for row in DEADLINE_ROWS))
    assert doc["issued"] == "2025-03-02"


def test_a_field_box_run_onto_one_line_without_colons_is_parted_at_its_labels():
    fields = meta._fields(parse_lines("索引号0123/2021-00087发文机关丰林县人民政府成文日期2021年03月04日发布日期2021年03月08日"))
    assert [(label, value) for label, value, _ in fields] == [
        ("索引号", "0123/2021-00087"), ("发文机关", "丰林县人民政府"), ("成文日期", "2021年03月04日"), ("发布日期", "2021年03月08日")]


def test_a_short_label_inside_a_run_on_boxs_value_parts_nothing():
    fields = meta._fields(parse_lines("名称关于节假日期间加强值守的通知发文字号丰政办发〔2021〕6号"))
    assert [(label, value) for label, value, _ in fields] == [("名称", "关于节假日期间加强值守的通知"), ("发文字号", "丰政办发〔2021〕6号")]


@pytest.mark.parametrize("tail", ["有效性\n\n", "有效性:\n", "有效性\n"])
def test_a_headline_under_a_last_field_left_empty_is_no_value_of_it(tail):
    doc = read("索引号\n0123456/2023-00412\n成文日期\n2023年12月05日\n" + tail + "2023年区政府重点工作推进情况(1-11月)\n"
               "1.完成雨污分流管网改造。牵头单位:住房城乡建设局;配合单位:财政局。\n"
               "2.建设易涝点监测预警系统。牵头单位:应急管理局;配合单位:气象局。\n")
    assert (doc["level"], doc["issued"]) == ("county", "2023-12-05")


def test_a_status_word_and_a_date_under_their_labels_are_still_their_values():
    fields = meta._fields(parse_lines("成文日期\n2023年12月05日\n有效性\n有效\n发布日期\n2023-12-06"))
    assert [(label, value) for label, value, _ in fields] == [
        ("成文日期", "2023年12月05日"), ("有效性", "有效"), ("发布日期", "2023-12-06")]


@pytest.mark.parametrize("year, issued", [
    ("二OO八", "2008-02-26"), ("二oo八", "2008-02-26"), ("二ＯＯ八", "2008-02-26"), ("二00八", "2008-02-26"),
    ("二○○八", "2008-02-26"), ("二零零八", "2008-02-26"), ("二〇一O", "2010-02-26"),
    ("OOOO", None),  # no numeral but zeros: no Chinese-numeral year
])
def test_a_chinese_numeral_years_zero_in_any_of_its_printed_forms(year, issued):
    doc = read(f"({year}年二月二十六日)\n区政府各委、办、局:\n现将分工印发给你们。\n" + COUNTY_TASKS.replace("县", "区"))
    assert doc["issued"] == issued


LEDE_TASKS = "一、重点任务\n1.推进老旧小区改造。(市住建委负责)\n2.新增普惠托位。(市卫生健康委负责)\n"


@pytest.mark.parametrize("lede, issued", [
    ("市政府办公厅于2022年7月7日印发《2022年青城市民生工作要点》,全文如下:", "2022-07-07"),
    ("2022年7月7日,市政府办公厅印发了《2022年青城市民生工作要点》。", "2022-07-07"),
    ("各区于2022年7月7日前印发《2022年青城市民生工作要点》。", None),  # a deadline
    ("省政府于2022年3月1日印发《全省民生工作要点》,全文如下:", None),  # a title printed on no line: another document
])
def test_a_news_ledes_date_of_issuing_the_document_itself(lede, issued):
    doc = read(f"青城印发民生工作要点\n时间:2022-09-06 来源:青城市政府网\n{lede}\n2022年青城市民生工作要点\n" + LEDE_TASKS)
    assert doc["issued"] == issued


def test_a_drafts_bracketed_date_is_no_issued_date():
    doc = read("青城区民生工作实施意见\n(征求意见稿)\n(2016年4月8日)\n区政府各委、办、局:\n现将分工印发给你们。\n"
               + COUNTY_TASKS.replace("县", "区"))
    assert doc["issued"] is None


def test_a_field_box_printing_both_dates_is_dated_by_its_chengwen_date():
    doc = read("索引号:0012345/2021-0915001 发文日期:2021年09月15日 文号:青政发〔2021〕3号 成文日期:2021年09月14日\n"
               "青石县人民政府关于印发民生工作方案的通知\n各乡镇人民政府:\n现将方案印发给你们。\n" + COUNTY_TASKS)
    assert doc["issued"] == "2021-09-14"


def test_a_contingency_plans_title_under_a_reprint_sites_name_names_the_issuer():
    doc = read("应急知识网\n\n云溪县防汛抗旱应急预案\n\n评论: 更新日期:2012年05月03日\n\n"
               "3.1县水利局:负责防汛抗旱的日常工作,做好水情监测。\n3.2县气象局:负责天气预报和灾害预警。\n")
    assert (doc["jurisdiction"], doc["level"], doc["issued"]) == ("云溪县", "county", None)


def test_a_province_named_only_in_a_cited_title_is_no_issuer_of_a_city_plan():
    doc = read("为做好我市森林防火考核工作,根据省府办公厅《印发湖南省森林防火责任考核办法的通知》(湘府办[2010]7号)精神,"
               "结合我市实际,制订本方案。\n一、工作机构\n由市林业、应急、财政等单位组成考核小组,负责对各市、区森林防火工作进行考核。\n"
               "二、职责分工\n(一)各县、区政府负责落实《湖南省森林防火责任考核办法》规定的责任。\n"
               "(二)市林业局负责制订防火规划,做好巡查工作。\n")
    assert (doc["jurisdiction"], doc["level"]) == (None, "prefecture")


def test_a_township_named_only_in_the_notices_covering_clause_is_the_issuer():
    doc = read("活动策划范文\n\n植树活动方案\n\n发布时间:2020-02-03 来源:范文\n\n"
               "  为做好今年春季绿化,加快推进我镇绿化步伐,镇党委、政府决定开展植树活动,现将青柳镇XX年植树活动方案印发给你们,"
               "请认真执行,具体方案如下:\n\n  一、植树时间:3月12日上午。\n\n  二、具体措施\n\n"
               "  1、场地布置:由镇农业服务中心负责。\n\n  2、宣传报道:由镇党政办负责。\n")
    assert (doc["jurisdiction"], doc["level"]) == ("青柳镇", None)


@pytest.mark.parametrize("opening, issued", [
    ("2023年9月14日上午,县长李明在县行政中心三楼会议室主持召开县政府第18次常务会议,现纪要如下:", "2023-09-14"),
    ("2023年9月14日,县政府召开第18次常务会议,现纪要如下:", "2023-09-14"),
    ("县政府于2023年9月30日前完成清理工作,现纪要如下:", None),  # no meeting's date opening the minutes
    ("2023年9月14日下午,副县长李明在县政府会议室主持召开县政府常务会议。纪要如下:", "2023-09-14"),
    ("2023年9月14日,县政府召开第18次常务会议。现将议定事项纪要如下:", "2023-09-14"),
    ("2023年9月14日,县政府召开常务会议。会议听取了县住建局的汇报。县住建局表示,改造工作纪要如下:", None),
])
def test_minutes_are_dated_by_the_meeting_that_opens_them(opening, issued):
    doc = read(f"{opening}\n一、会议研究讨论了《青石县老旧小区改造方案》\n"
               "会议原则同意县住建局提交的方案,由县住建局牵头抓好落实。\n")
    assert doc["issued"] == issued


def test_a_later_page_naming_its_city_only_by_its_short_form_three_times_names_it_as_printed():
    doc = read("(三)市商务局负责招商项目的对接工作。\n(四)市外宣办负责洽谈会的宣传报道工作。\n五、工作要求\n"
               "洽谈会是我市今年重要的经贸活动,要吸引客商到芜湖投资兴业,宣传芜湖投资环境。芜湖要利用好这一平台。\n")
    assert (doc["jurisdiction"], doc["level"]) == ("芜湖", "prefecture")


@pytest.mark.parametrize("item, level", [
    ("2.市、区(市、县)两级民政部门要安排临时救助专项资金,保证急难对象的基本生活。", "prefecture"),
    ("2.县乡两级民政部门要安排临时救助专项资金,保证急难对象的基本生活。", "county"),
    ("2.建立乡、县两级联络员,及时报送救助信息。", None),  # the first level below the next: no plan counts so
])
def test_a_plans_governments_counted_as_levels_give_its_level(item, level):
    doc = read("[接上页] 1.各级民政部门负责将临时救助经费列入年度计划。 " + item + " 3.对资金使用情况开展跟踪检查。")
    assert (doc["jurisdiction"], doc["level"]) == (None, level)


@pytest.mark.parametrize("purpose, item", [
    ("为推动省市县三级联动,建立健全工作机制,制定本方案。", "(二)加强教师队伍建设。补充教师100名。(教育局负责)"),
    ("为加强教育工作,制定本方案。", "(二)推动市县两级联动。补充教师100名。(教育局负责)"),  # in a task's text, no unit's name
])
def test_levels_counted_outside_a_units_name_give_no_level(purpose, item):
    doc = read(f"义务教育均衡发展工作方案\n{purpose}\n一、重点任务\n"
               f"(一)优化学校布局。新建学校3所。(教育局牵头,发改局配合)\n{item}\n")
    assert (doc["jurisdiction"], doc["level"]) == (None, None)


@pytest.mark.parametrize("sentence", [
    "县财政局负责会同县级有关部门筹措资金。",  # 会同县: 会同 is a role word, 县级 the level adjective
    "县交通运输局组织通道县级巡查队伍。",  # 通道县 (a county): 通道 a noun before 县级
    "公安县级联动机制纳入考核。",  # 公安县
    "推进合作市场规范经营。",  # 合作市: 市场
    "深化平安区域联创。",  # 平安区: 区域
])
def test_a_county_named_like_a_word_running_on_into_a_word_is_no_place(sentence):
    assert meta._named_places(sentence) == []
    assert meta._place_at(sentence, next(i for i in range(len(sentence)) if meta.level_of(sentence[i:i + 3]))) is None


@pytest.mark.parametrize("sentence, place", [
    ("由会同县交通运输局负责。", "会同县"),  # the county's own bureau
    ("上海市级机关带头落实。", "上海市"),  # a name that is no word keeps its 市级
    ("支持公安县城区改造。", "公安县"),
])
def test_a_county_named_like_a_word_standing_as_a_name_is_read(sentence, place):
    assert place in meta._named_places(sentence)


@pytest.mark.parametrize("sentence, places", [
    ("规范大同市场秩序。", []),  # any division's ending running on into a word: no list of word-like names
    ("大同市级财政安排资金。", ["大同市"]),  # a city's own level adjective
    ("由会同县交通运输局负责,会同县级有关部门推进。", ["会同县", "会同县"]),  # printed as a name elsewhere: the place
])
def test_a_division_running_on_into_a_word_is_a_place_only_where_the_text_names_it(sentence, places):
    assert meta._named_places(sentence) == places


def test_role_word_before_a_county_level_adjective_names_no_issuer():
    doc = read("关于做好农村公路管护工作的实施方案\n为加强农村公路管护,制定本方案。\n"
               "1.落实管护资金。县财政局负责会同县级相关部门做好资金拨付。(牵头单位:县财政局;配合单位:县审计局)\n"
               "2.开展路况巡查。县交通运输局组织通道县级巡查队伍开展巡查。(牵头单位:县交通运输局;配合单位:县公安局)\n")
    assert (doc["jurisdiction"], doc["level"], doc["parent_jurisdictions"]) == (None, "county", [])


def test_an_article_number_is_no_part_of_a_township_name():
    assert meta.printed_places("第九条镇") == ["镇"]
    doc = read("第八条 县财政局履行以下职责:\n(一)负责保障资金的预算和拨付;\n"
               "第九条镇人民政府(街道办事处)履行以下职责:\n(一)负责受理救助申请;\n(二)负责组织入户调查。\n"
               + COUNTY_TASKS)
    assert doc["jurisdiction"] is None


@pytest.mark.parametrize("unit, kind", [("市民委", "市"), ("市民政局", "市"), ("市民族宗教事务局", "市"),
                                        ("县民宗局", "县"), ("市民服务中心", None), ("市场监管部门", None)])
def test_a_level_word_before_an_organ_opening_with_a_false_prefix_character_is_its_prefix(unit, kind):
    assert meta._prefix_kind(unit) == kind


BRANCH_TABLE = ("发布机构 | 区府办 | 发布日期 | 2021-07-12 |\n"
                "序号 | 工作内容 | 责任单位 |\n"
                "1 | 完成全年污染防治目标。 | {unit}、区治水办 |\n"
                "2 | 推进小微企业园建设。 | 区经信局、区财政局 |\n")


@pytest.mark.parametrize("unit, jurisdiction", [
    ("生态环境上城分局", "上城区"),  # the city bureau's function, then the district's short form
    ("市生态环境局上城分局", "上城区"),  # the city bureau's full name before it
    ("市场监管分局", None),  # a function alone names no district
    ("公安交警分局", None),
])
def test_a_city_bureaus_branch_names_the_district_its_plan_is_for(unit, jurisdiction):
    doc = read(BRANCH_TABLE.format(unit=unit))
    assert (doc["jurisdiction"], doc["level"]) == (jurisdiction, "county")


def test_a_title_opened_by_its_issuers_organ_outranks_the_lower_units_prefixes():
    """A province's department gives its tasks to the cities' and counties' bureaus."""
    doc = read("江西省水利厅关于做好山塘清淤工作的通知\n一、落实管护责任\n"
               "具体分工为:城区山塘由市水利局负责,乡镇山塘由县水利局负责,跨县山塘则由市水利局会同县水利局负责。\n")
    assert (doc["jurisdiction"], doc["level"]) == ("江西省", "province")


def test_a_title_of_the_units_own_level_leaves_their_prefix_in_charge():
    doc = read("南昌市西湖区人民政府办公室关于印发《西湖区河道整治方案》的通知\n"
               "1.清理河道垃圾。(牵头单位:区水利局;配合单位:区城管局)\n"
               "2.整治排污口。(牵头单位:区生态环境局;配合单位:区住建局)\n")
    assert (doc["jurisdiction"], doc["level"]) == ("西湖区", "county")


# meta43: a county's name under a province's ending (会同省…厅: the verb 会同 glued to a province's unit) is no place
@pytest.mark.parametrize("name, reended", [("会同省", True), ("海安市", False), ("浙江省", False)])
def test_a_units_province_ending_on_another_divisions_name_is_none(name, reended):
    assert meta._reended_province(name) is reended


# meta43: a signature under a page whose lines end with 。 is named without the line break before it
def test_a_name_after_a_line_break_is_named_without_it():
    assert meta._named_places("经调度后全部整改完成。\n株洲市城市管理局\n我市") == ["株洲市"]


def test_a_portal_banner_government_is_the_issuer_only_where_the_text_names_none():
    crumb = "宿迁市人民政府\n当前位置:宿迁市人民政府>>通知公告\n"
    plan = "市2024年民生实事任务分工\n" + "1.新建幼儿园。(牵头单位:市教育局;配合单位:市财政局)\n"
    assert (read(crumb + plan)["jurisdiction"], read(crumb + plan)["level"]) == ("宿迁市", "prefecture")
    signed = crumb + "关于印发沭阳县2024年民生实事任务分工的通知\n1.新建幼儿园。(牵头单位:县教育局;配合单位:县财政局)\n" \
        "沭阳县人民政府办公室\n2024年3月1日\n"
    assert read(signed)["jurisdiction"] == "沭阳县"


@pytest.mark.parametrize("lede, issuer", [
    ("为做好春节安全工作,内蒙古卓资县近日召开了全县安全工作会议。", "卓资县"),
    ("卓资县日前召开了全县安全工作会议。", "卓资县"),
    ("为做好春节安全工作,全县近日召开了安全工作会议。", None),  # 全县 names no place
])
def test_a_news_lede_place_before_its_word_for_lately(lede, issuer):
    doc = read(lede + "会议明确了各部门职责:安监局负责日常监管;公安局负责运输安全。\n")
    assert doc["jurisdiction"] == issuer


def test_the_issuer_line_heading_the_title_names_it_over_a_short_form_in_the_document_name():
    body = "1.开展隐患排查。(牵头单位:州应急管理局;配合单位:州公安局)\n"
    headed = read("甘孜藏族自治州人民政府办公室\n关于印发甘孜州2022年防灭火重点任务分工的通知\n2022年3月15日\n" + body)
    assert headed["jurisdiction"] == "甘孜藏族自治州"
    titled = read("甘孜州人民政府办公室关于印发甘孜州2022年防灭火重点任务分工的通知\n" + body
                  + "甘孜藏族自治州人民政府办公室\n2022年3月15日\n")
    assert titled["jurisdiction"] == "甘孜州"
