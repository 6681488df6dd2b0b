"""A document's title is no section, and a part's heading is no title (loader/parse.py, ids66)."""
from resp.loader.parse import parse_text

NO_ISSUER = ("各乡镇人民政府,县直各部门:\n现将有关事项通知如下。\n一、工作目标\n全年完成民生实事十件。\n二、任务分工\n"
             "1.新建城区幼儿园两所。(牵头单位:县教育体育局;配合单位:县财政局)\n2.改造农贸市场一个。(牵头单位:县商务局)\n")


def test_part_heading_is_no_title_but_stays_a_section():
    doc = parse_text(NO_ISSUER, "no_issuer.txt")
    assert doc.title is None
    assert [t.section for t in doc.tasks] == ["二、任务分工", "二、任务分工"]


def test_title_line_over_items_is_no_section():
    doc = parse_text("甲县2021年项目建设任务分工\n1.建设县城第二水厂。(牵头单位:县水务局)\n", "titled.txt")
    assert doc.title == "甲县2021年项目建设任务分工"
    assert [t.section for t in doc.tasks] == [None]
