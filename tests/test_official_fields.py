"""An official's field (`责任领导:NAME`, `项目责任人:NAME`, any of the grammar's [persons] labels) names a
person inside the current task: a line of `;`-parted fields that opens with one still carries its task's
units (prose.role_fields_after_officials), and it never opens a task of its own, so the fields after it
stay with the numbered item."""
import pytest

from resp.loader.grammar import GRAMMAR
from resp.loader.parse import parse_text
from resp.loader.prose import role_fields_after_officials


def test_the_officials_field_drops_out_whatever_it_holds():
    for officials in ("王某", "王某、李某", "按《年度工作要点》分工(王某、李某)"):
        line = f"责任领导:{officials};责任单位:招商局、侨联;配合单位:相关乡镇,有关部门。"
        assert role_fields_after_officials(line) == "责任单位:招商局、侨联;配合单位:相关乡镇,有关部门"


def test_a_line_with_no_role_field_stays_an_officials_line():
    assert role_fields_after_officials("分管领导:王某") is None
    assert role_fields_after_officials("责任领导:王某;完成时限:年底前") is None
    assert role_fields_after_officials("时限要求:持续推进") is None


# our own wording: a progress notice's items, their fields run onto one line parted by single spaces
LEDE = "现将今年为民办实事项目前三季度进展情况公布如下,接受社会各界监督,请各承办单位认真落实。 "
ITEM = ("{n}.{task}。 责任单位:{lead} {label}:钱某某 配合单位:{support} "
        "实际完成情况:已完成年度目标的六成,其余工作正在推进。 ")


def _notice(label: str) -> str:
    """Two items whose official's field stands between the 责任单位 and 配合单位 fields."""
    return LEDE + ITEM.format(n=1, task="新增社区助餐点50个", lead="市民政局", label=label,
                              support="市市场监管局、市卫生健康委") \
        + ITEM.format(n=2, task="更新新能源公交车200辆", lead="市交通局", label=label,
                      support="市财政局、市国资委") + "\n"


@pytest.mark.parametrize("label", GRAMMAR.table["persons"]["labels"])
def test_an_officials_field_never_opens_a_task(label):
    doc = parse_text(_notice(label), "officials_field.txt")
    read = {(t.id, r.unit, r.role) for t in doc.tasks for r in t.responsibilities}
    assert read == {("1", "市民政局", "responsible"), ("1", "市市场监管局", "support"),
                    ("1", "市卫生健康委", "support"), ("2", "市交通局", "responsible"),
                    ("2", "市财政局", "support"), ("2", "市国资委", "support")}
