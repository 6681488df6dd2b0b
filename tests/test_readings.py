"""text.both_readings: the two readings runon.lines_of weighs, from one normalisation."""
from resp.loader.text import both_readings, to_lines

ONE_LINE = ("序号 任务 牵头单位 配合单位 1 推进城乡绿道网络建设 市园林局 市规划局 "
            "2 完善社区养老服务站点布局 市民政局 市卫健委 3 建立河湖巡查月报制度 市水务局 各区政府")
WITH_LINES = ("一、加快建设城乡绿道网络,完善沿线配套设施,市园林局牵头,市规划局配合。\n"
              "二、完善社区养老服务站点布局,提升服务质量,市民政局牵头,市卫健委配合。\n")


def _texts(lines):
    return [(ln.text, ln.raw, ln.no) for ln in lines]


def test_a_line_that_holds_the_page_is_read_both_ways():
    lines, parted = both_readings(ONE_LINE)
    assert _texts(lines) == _texts(to_lines(ONE_LINE))
    assert parted is not None and _texts(parted) == _texts(to_lines(ONE_LINE, part_alone=True))
    assert len(parted) > len(lines)


def test_a_page_with_lines_has_one_reading():
    lines, parted = both_readings(WITH_LINES)
    assert parted is None  # parting a whole-page line would read the same lines
    assert _texts(lines) == _texts(to_lines(WITH_LINES)) == _texts(to_lines(WITH_LINES, part_alone=True))
