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
