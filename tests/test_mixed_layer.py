"""A PDF table's text layer whose words are mixed out of order (loader/text.py `_without_mixed_layers`):
brackets emptied (`( )`) and marks standing alone between words. No cell can be told from another, so the
page is refused rather than read into rows with wrong units; the same table with its words in order is read.
Layout of h32 beijing_daqi_2021 (a sharing site's PDF preview); wording ours."""
import pytest

from resp.loader.parse import parse_text
from resp.loader.records import ParseError

MIXED = ("水污染防治2022年行动计划.pdf\n\n"
         "附件 2 — 3 — 水污染防治 2022年行动计划 完成 序号 重点任务 工作措施 牵头部门 主责单位 协办单位 时限 "
         "、 一 水质目标 市水务局 , 在完成省定目标基础上全市及各区 市生态环境局 市农业农村局 , 1 目标任务 "
         "尽力提升水体质量 年底前 各区政府 市住房城乡建设委 ( ) 、 。 ( ) 国考断面 达标比例 继续提高 "
         "含滨江新区管委会 市城市管理委 等部门 、 ( ) 二 开展 入河排污口 专项整治 ( ) 、 完善排查 台账 ; "
         "各区政府 , 市生态环境局 含滨江新区)\n\n"
         "文档评论(0)\n\n会员精品文档\n\n相关文档\n")

IN_ORDER = ("附件2 水污染防治2022年行动计划\n"
            "序号 重点任务 工作措施 牵头部门 主责单位 协办单位 完成时限\n"
            "一 水质目标\n"
            "1 目标任务 在完成省定目标基础上,全市及各区尽力提升水体质量。 市生态环境局 各区政府 市水务局、市农业农村局 年底前\n")


def test_mixed_text_layer_is_refused_not_read_into_wrong_rows():
    with pytest.raises(ParseError, match="no task-division content found"):
        parse_text(MIXED, "mixed.txt")


def test_the_same_table_in_order_is_still_read():
    doc = parse_text(IN_ORDER, "in_order.txt")
    assert doc.tasks and any(r.unit == "市生态环境局" for t in doc.tasks for r in t.responsibilities)
