"""Table shapes seen in real plans, in our own wording: box-drawn grids (Unicode and ASCII)
and tables whose cells are a single space apart."""
from resp.loader.parse import parse_file

GRID = """某县2024年重点工作任务分解表

+------+----------+----------------------------+-------------+-------------+
| 序号 | 类别     | 工作任务                   | 牵头单位    | 配合单位    |
+======+==========+============================+=============+=============+
| 1    | 民生保障 | 新建养老服务中心2个,提升   | 县民政局    | 县财政局、  |
|      |          | 服务能力。                 |             | 县卫健局    |
+------+          +----------------------------+-------------+-------------+
| 2    |          | 改造老旧小区5个。          | 县住建局    | 各乡镇      |
+------+----------+----------------------------+-------------+-------------+
"""

BOX = """某市2023年重点任务分工表
┌──┬──────┬────────┬──────┐
│序号│重点任务      │牵头单位        │责任单位      │
├──┼──────┼────────┼──────┤
│1 │建设智慧城市平│市大数据局      │市发展改革委、│
│  │台。          │                │市财政局      │
├──┼──────┼────────┼──────┤
│2 │推进垃圾分类。│市城管局        │各区县政府    │
└──┴──────┴────────┴──────┘
"""


def _read(tmp_path, text):
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    doc = parse_file(path).to_json()
    return [(t["id"], t["section"], t["text"], [(r["unit"], r["role"]) for r in t["responsibilities"]])
            for t in doc["tasks"]]


def test_ascii_grid_merged_category(tmp_path):
    assert _read(tmp_path, GRID) == [
        ("1", "民生保障", "新建养老服务中心2个,提升服务能力。",
         [("县民政局", "lead"), ("县财政局", "support"), ("县卫健局", "support")]),
        ("2", "民生保障", "改造老旧小区5个。", [("县住建局", "lead"), ("各乡镇", "support")]),
    ]


def test_box_grid_numbered_rows(tmp_path):
    assert _read(tmp_path, BOX) == [
        ("1", None, "建设智慧城市平台。",
         [("市大数据局", "lead"), ("市发展改革委", "support"), ("市财政局", "support")]),
        ("2", None, "推进垃圾分类。", [("市城管局", "lead"), ("各区县政府", "support")]),
    ]


MARKDOWN = """某县2024年重点工作任务分工

| 序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 |
|---|:---:|---|---|---|
| 1 | 新建养老服务中心2个。 | 县民政局 | 县财政局、县卫健局 | 2024年底 |
| 2 | 完成造林1万亩。 | 县林业局 | | 长期 |
"""


def test_markdown_rule_row_is_no_row(tmp_path):
    assert _read(tmp_path, MARKDOWN) == [
        ("1", None, "新建养老服务中心2个。",
         [("县民政局", "lead"), ("县财政局", "support"), ("县卫健局", "support")]),
        ("2", None, "完成造林1万亩。", [("县林业局", "lead")]),
    ]


def test_markdown_cell_line_breaks(tmp_path):
    text = MARKDOWN.replace("县财政局、县卫健局", "县财政局<br>县卫健局").replace("新建养老服务中心2个。", "新建养老<br/>服务中心2个。")
    assert _read(tmp_path, text) == _read(tmp_path, MARKDOWN)


TWO_ROW_HEADER = """某县2024年重点工作任务分工

| 序号 | 重点任务 | 责任单位 | | 完成时限 |
| | | 牵头单位 | 配合单位 | |
| 1 | 新建养老服务中心2个。 | 县民政局 | 县财政局、县卫健局 | 2024年底 |
| 2 | 完成造林1万亩。 | 县林业局 | | 长期 |
"""


def test_two_row_header(tmp_path):
    expected = _read(tmp_path, MARKDOWN)
    assert _read(tmp_path, TWO_ROW_HEADER) == expected
    spliced = TWO_ROW_HEADER.replace("| 责任单位 | |", "| 责任单位 |").replace("| | | 牵头单位 | 配合单位 | |", "| 牵头单位 | 配合单位 |")
    assert _read(tmp_path, spliced) == expected


BOX_TWO_ROW_HEADER = """某市2023年重点任务分工表
┌──┬──────┬──────────┬────┐
│序号│重点任务      │    责任单位          │完成时限│
│  │              ├─────┬────┤        │
│  │              │牵头单位 │配合单位│        │
├──┼──────┼─────┼────┼────┤
│1 │建设智慧城市平│市大数据局│市发展改│年底前  │
│  │台。          │          │革委    │        │
├──┼──────┼─────┼────┼────┤
│2 │推进垃圾分类。│市城管局  │各区县政│长期    │
│  │              │          │府      │        │
└──┴──────┴─────┴────┴────┘
"""


def test_box_header_cell_merged_over_two_columns(tmp_path):
    assert _read(tmp_path, BOX_TWO_ROW_HEADER) == [
        ("1", None, "建设智慧城市平台。", [("市大数据局", "lead"), ("市发展改革委", "support")]),
        ("2", None, "推进垃圾分类。", [("市城管局", "lead"), ("各区县政府", "support")]),
    ]
