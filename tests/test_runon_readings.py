"""A page run into one line is read several ways (loader/runon.py); the reading kept is the one whose
units read as units' names, never one that puts a table's other cells under its units."""
from resp.loader.parse import parse_text

# our own wording, the layout of a county notice whose target table (each town's share of a target,
# `东关镇120`) was run onto one line with the notice before it
TARGET_SHARES = (
    "各镇党委、政府,各街道党工委、办事处,县级各有关部门: 现将我县2022年度民生实事目标任务分解下达给你们,"
    "请认真组织实施,确保全面完成。 附件 青溪县2022年度民生实事目标任务分解表 青溪县人民政府办公室 2022年3月18日 "
    "附件 青溪县2022年度民生实事目标任务分解表(一) 项 目 | 目标 | 分 解 情 况 | 责任领导 | 责任单位 | 责任人 | "
    "技 能 培 训 工 程 | 提升城乡劳动者职业技能 | 开展职业技能培训(人次) | 1200 | 东关镇120 西岭乡30 南湖镇60 "
    "北坡乡20 金桥街道办50 | 王 明 | 县人社局 | 赵 刚 | 农民工转移培训(人次) | 300 | 东关镇40 西岭乡10 南湖镇20 "
    "北坡乡8 金桥街道办12 | 返乡创业培训(人次) | 100 | 东关镇12 西岭乡4 南湖镇8 北坡乡3\n"
)


def test_target_shares_run_on_one_line_are_never_read_as_units():
    doc = parse_text(TARGET_SHARES, "target_shares.txt")
    units = {r.unit for t in doc.tasks for r in t.responsibilities}
    assert units == {"县人社局"}


# our own wording, the layout of a province's one-line plan whose items print `协同部门` with a space
# for its colon: three labels, but a plan's items, no card
ITEMS_WITH_SPACED_LABELS = (
    "青川省人民政府印发全省重点工作责任分解的通知 青政发〔2006〕8号 各市、县人民政府,省人民政府各委、厅: "
    "现将全省重点工作责任分解印发给你们,请认真贯彻落实。 二○○六年四月二十日 全省重点工作责任分解 "
    "一、省长负责的工作 对全局工作负总责,同时具体负责以下工作: "
    "(一)省监察厅牵头的工作 健全惩治和预防腐败体系,加强行政效能监察。 协同部门 省政府办公厅、发展改革委、财政厅、审计厅等。 "
    "(二)省审计厅牵头的工作 依法开展经济责任审计,维护财经秩序。 协同部门 省监察厅、财政厅、国资委。 "
    "(三)省发展改革委牵头的工作 编制年度投资计划,推进重点项目建设。 协同部门 省财政厅、国土厅、建设厅、交通厅等。\n"
)


def test_a_plans_items_with_spaced_labels_are_not_parted_as_a_card():
    doc = parse_text(ITEMS_WITH_SPACED_LABELS, "spaced_labels.txt")
    assert [t.id for t in doc.tasks] == ["一", "二", "三"]
    assert {r.unit for r in doc.tasks[1].responsibilities} == {"省监察厅", "财政厅", "国资委"}


def test_a_spaced_date_stays_one_piece_when_a_page_run_on_is_parted():
    """`2021 年 9 月 23 日` on a one-line page: one piece, so the issued date is read."""
    from resp.loader.text import _paragraphs
    line = ("北京市门头沟区人民政府办公室 2021 年 9 月 23 日 — — — 2 — 门头沟区深化社区治理的任务分解方案 "
            "为落实有关要求,制定如下方案。 到 2022 年底前完成社区服务站改造。 牵头单位:区民政局")
    pieces = _paragraphs(line, alone=True)
    assert "2021年9月23日" in pieces
    assert "2022年底前完成社区服务站改造。" in pieces


# our own wording, the layout of a county work-report card run onto one line with only two of its labels
# printed (`牵头单位` / `协助单位`, too few for a card, loader/runon.py _labels_apart) and its deadline note
# after them unlabelled: read as it stands, the note's `、` list ties seven (task, unit, role) triples, six
# of them no unit's name (`老旧管网改造`, `6月底前开工`); parted at its spaces, three, all names
TWO_LABELS_THEN_NOTE = (
    "推进城乡供水一体化,新建水厂两座,改造老旧管网四十公里,农村自来水普及率达到百分之九十八以上;开展河湖清四乱专项行动,"
    "完成水库除险加固三座。 牵头单位 水务局、生态环境分局 协助单位 各镇(街道) 新建水厂、老旧管网改造、水库除险加固、"
    "农村供水提标,6月底前开工;其余事项年底前完成并长期坚持\n"
)


def test_a_reading_wins_by_triples_whose_units_are_names_not_by_raw_triples():
    doc = parse_text(TWO_LABELS_THEN_NOTE, "two_labels_then_note.txt")
    assert [(r.unit, r.role) for t in doc.tasks for r in t.responsibilities] == [
        ("水务局", "lead"), ("生态环境分局", "lead"), ("各镇(街道)", "support")]


# our own wording, the layout of a prefecture's credit-building list (|-cells, section headings in the
# row of their first item) run onto one line, the page cut inside its last row's unit cell
CUT_LAST_ROW = (
    "长河市信用建设任务清单 工作任务 | 具体要求 | 责任单位 | 时限要求 | || 一、完善制度。 | (一)归集信息。 | 1 | "
    "按月归集许可信息。 | 市政府各部门负责落实 | 持续推进 | 2 | 建立承诺清单。 | 市政府各部门负责落实 | 持续推进 | || "
    "二、加强监管。 | (二)分类监管。 | 3 | 推行分级分类监管。 | 市发展改革委牵头,市市场监管局等各有关\n"
)


def test_a_cut_last_rows_headings_part_from_its_number_and_no_number_reads_as_a_unit():
    doc = parse_text(CUT_LAST_ROW, "cut_last_row.txt")
    units = [r.unit for t in doc.tasks for r in t.responsibilities]
    assert "3" not in units and units.count("市政府各部门") == 2
