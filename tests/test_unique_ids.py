"""Task ids are unique within a document: a repeated id is two graph nodes that a lookup by
id (who_leads_task: jurisdiction and id) cannot tell apart, so each answers with both tasks' units."""
from pathlib import Path

from resp.loader import graph as model
from resp.loader.parse import parse_file
from resp.loader.records import Document, Responsibility, Task

FIXTURES = Path(__file__).parent / "fixtures"


def test_repeated_id_is_two_nodes_one_lookup():
    doc = Document("r.txt", "昆明市", "prefecture", sha256="f" * 64, tasks=[
        Task("一", None, "a", [Responsibility("市财政局", "responsible")]),
        Task("一", None, "b", [Responsibility("市民政局", "support")])])
    t = model.build_tables([doc])
    same_id = [row for row in t.nodes["Task"].values() if row[1] == "一"]
    assert len(same_id) == 2  # not merged, but one id names both: a query by id mixes their units


def test_runs_under_lost_headings_take_their_ordinal():
    doc = parse_file(FIXTURES / "pending" / "county_oneline_parts_lost_numerals_items_restart.txt")
    assert [t.id for t in doc.tasks] == ["1.一", "1.二", "1.三", "2.一", "2.二"]


def test_run_after_a_shown_heading_keeps_its_ids():
    doc = parse_file(FIXTURES / "layouts" / "province_notice_runon_second_list_restarts_heading_lost.txt")
    assert [t.id for t in doc.tasks] == ["一.2", "一.3", "一.4", "2.一.2", "2.一.3"]


def test_no_fixture_repeats_an_id():
    for path in sorted((FIXTURES / "layouts").glob("*.txt")):
        ids = [t.id for t in parse_file(path).tasks]
        assert len(ids) == len(set(ids)), path.name


def test_items_restarting_under_unnumbered_unit_headings_take_run_ordinals():
    """Problems `1、…` restarting under each unnumbered heading `<社区>(责任单位:X)` (h69 jingzhou layout), once a
    reader ties the heading's unit to them: no heading numeral tells the runs apart, so each takes its ordinal
    among the runs (1.1 … 2.3), whether the reader gives the heading as their section or none."""
    from resp.loader.blocks import Block, Segment
    from resp.loader.tasks import Outline, blocks_to_tasks
    from resp.loader.text import Line
    groups = [("东湖社区(责任单位:某区某街道办事处东湖社区)", ["楼道杂物堆放", "路灯损坏未修"]),
              ("西岭社区:(责任单位:某区某街道办事处西岭社区)", ["垃圾未及时清运", "车辆乱停", "宣传栏破损"])]
    printed = [line for heading, items in groups
               for line in [heading] + [f"{k}、{item}" for k, item in enumerate(items, 1)]]
    outline = Outline([Line(text, text, 0, no) for no, text in enumerate(printed, 1)])
    for titled in (True, False):
        blocks = [Block(str(k), heading if titled else None, (), [Segment(item, [(heading[heading.index("(") + 1:-1], None)])])
                  for heading, items in groups for k, item in enumerate(items, 1)]
        tasks, _ = blocks_to_tasks(blocks, outline)
        assert [t.id for t in tasks] == ["1.1", "1.2", "2.1", "2.2", "2.3"]
        assert tasks[0].responsibilities[0].unit == "某区某街道办事处东湖社区"
