"""Table shapes seen in real plans, in our own wording: box-drawn grids (Unicode and ASCII),
tables whose cells are a single space apart, and cells one a line between `|` lines."""
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


# A Word table flattened one cell a line with a `|` line between cells: a cell may run over
# several lines (one unit a line, a deadline in two pieces); no 序号 and no numbers; 重点工作 is
# merged over two columns (category, task name), so rows have one cell more than the header,
# and the category cell is printed on the group's first row only.
PIPE_LINES = "\n|\n".join([
    "重点工作", "具体任务", "牵头单位", "配合单位", "完成时限",
    "一、改善农村人居环境", "推进厕所改造", "新改建农村户厕500户。", "县农业农村局", "县卫健局\n县财政局等",
    "2024年底前完成",
    "治理生活污水", "完成10个行政村污水管网建设。", "县生态环境分局", "县住建局", "每年推进\n并长期坚持",
    "二、提升公共服务", "建设养老设施", "新建村级互助养老点3个。", "县民政局", "各乡镇", "长期坚持",
    "扩大托育供给", "新增托位",
]) + "\n"


def test_pipe_lines_rows_by_cell_kinds(tmp_path):
    assert _read(tmp_path, PIPE_LINES) == [
        ("1", "一、改善农村人居环境", "推进厕所改造新改建农村户厕500户。",
         [("县农业农村局", "lead"), ("县卫健局", "support"), ("县财政局", "support")]),
        ("2", "一、改善农村人居环境", "治理生活污水完成10个行政村污水管网建设。",
         [("县生态环境分局", "lead"), ("县住建局", "support")]),
        ("3", "二、提升公共服务", "建设养老设施新建村级互助养老点3个。",
         [("县民政局", "lead"), ("各乡镇", "support")]),
    ]


def test_cut_cells_never_take_a_deadline_or_the_next_item(tmp_path):
    """A gazette table one cell a line (a page cut mid-table; r_xianning under wrap 28): a unit cell
    and the deadline below it are two cells, and item 3 is no continuation of item 2, so the
    cells-wrapped reader finds no rows here rather than rows that join them."""
    from resp.loader import cellrows
    from resp.loader.text import to_lines
    text = "\n".join(["任务", "工作措施", "责任单位", "备注", "一、加大稳企支持力度", "(一)减轻中小企业负担",
                      "市税务局等,各县、市、区政府,某市高新区管委会", "2021年12月",
                      "2.对受灾严重的小微企业,市财政按其上年度缴纳税收的一定比例给予一次性补助。",
                      "3.对年内新招用本地劳动力的企业,按每人每月标准给予社会保险补贴。",
                      "市人社局、市财政局等,各县、市、区政府,某市高新区管委会",
                      "4.免征小微企业2021年度的城镇土地使用税和房产税。"])
    rows = cellrows.rows_of_cells(to_lines(text)) or []
    assert not any("2021年12月" in ln.text and "管委会" in ln.text for ln in rows)
    assert not any(ln.text.startswith("2.") and "3.对年内" in ln.text for ln in rows)
