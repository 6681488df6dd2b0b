"""An official's field (`项目责任人:NAME`, any of the grammar's [persons] labels) names a person inside the
current task: it never opens a task of its own, so the fields after it stay with the numbered item."""
import pytest

from resp.loader.grammar import GRAMMAR
from resp.loader.parse import parse_text

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
