"""bench/reflow.py's exports, checked on a tiny text against what a reader writes by hand
(the benchmark's figures rest on the transforms doing only what their export does)."""


def test_cells_puts_each_cell_on_a_line_and_drops_the_rule_row(bench_script):
    text = "分工如下:\n序号|工作任务|牵头单位\n---|---|---\n1|修订采购目录|县财政局\n"
    assert bench_script("reflow").cells(text, {}) == "分工如下:\n序号\n工作任务\n牵头单位\n1\n修订采购目录\n县财政局\n"


def test_comma_dun_changes_only_a_dun_between_two_answer_units(bench_script):
    units = ["各乡、镇人民政府", "县财政局", "县教育局"]
    text = "加强宣传、培训。(县财政局、各乡、镇人民政府、县教育局负责)"
    assert bench_script("reflow").comma_dun(text, {"units": units}) == "加强宣传、培训。(县财政局,各乡、镇人民政府,县教育局负责)"
