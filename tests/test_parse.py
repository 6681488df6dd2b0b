"""The parser against hand-checked records: the seeds (tests/golden), other layouts (tests/fixtures/layouts)
and the held-out set written blind (tests/fixtures/heldout)."""
from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from resp.cli.main import main
from resp.loader.parse import parse_file
from resp.loader.records import ParseError

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "data" / "seeds").glob("*.txt"))
GOLDEN = ROOT / "tests" / "golden"
LAYOUTS = ROOT / "tests" / "fixtures" / "layouts"
HELDOUT = ROOT / "tests" / "fixtures" / "heldout"
PENDING = ROOT / "tests" / "fixtures" / "pending"
META_KEYS = ("jurisdiction", "level", "parent_jurisdictions", "issued", "number", "implements")


def golden(seed: Path) -> dict:
    return json.loads((GOLDEN / (seed.stem + ".json")).read_text(encoding="utf-8"))


def triples(tasks) -> list[tuple[str, str, str]]:
    return [(t["id"], r["unit"], r["role"]) for t in tasks for r in t["responsibilities"]]


@pytest.fixture(scope="module")
def parsed() -> dict[str, dict]:
    return {seed.stem: parse_file(seed).to_json() for seed in SEEDS}


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_triples_exact(seed, parsed):
    got, want = parsed[seed.stem], golden(seed)
    assert [t["id"] for t in got["tasks"]] == [t["id"] for t in want["tasks"]]
    assert triples(got["tasks"]) == triples(want["tasks"])


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_texts_and_sections(seed, parsed):
    got, want = parsed[seed.stem], golden(seed)
    for g, w in zip(got["tasks"], want["tasks"]):
        assert (g["id"], g["section"], g["text"]) == (w["id"], w["section"], w["text"])


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_metadata_and_targets(seed, parsed):
    got, want = parsed[seed.stem], golden(seed)
    assert {k: got[k] for k in META_KEYS} == {k: want[k] for k in META_KEYS}
    assert got["targets"] == want["targets"]


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_warnings_name_the_tasks(seed, parsed):
    got, want = parsed[seed.stem], golden(seed)
    expected_ids = sorted(w.split(":")[0] for w in want["warnings_expected"])
    assert sorted(w.split(":")[0] for w in got["warnings"]) == expected_ids


def test_seed_triple_f1_overall(parsed):
    tp = fp = fn = 0
    for seed in SEEDS:
        got, want = set(triples(parsed[seed.stem]["tasks"])), set(triples(golden(seed)["tasks"]))
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.99, f"triple F1 {f1:.4f}"


# Layouts from real plans that the parser does not read exactly yet: each must fail, so that
# one read right is noticed and moved to tests/fixtures/layouts/ (see its README).
_PENDING = [pytest.param(p, marks=pytest.mark.xfail(strict=True, reason="pending layout: tests/fixtures/pending/README.md"))
            for p in sorted(PENDING.glob("*.txt"))]


@pytest.mark.parametrize(
    "doc", sorted(LAYOUTS.glob("*.txt")) + sorted(HELDOUT.glob("*.txt")) + _PENDING,
    ids=lambda p: f"{p.parent.name}-{p.stem}")
def test_other_layouts(doc):
    """Each key of X.expected.json is checked; `_comment` says why, `warnings_expected` names the tasks warned about."""
    want = json.loads(doc.with_suffix(".expected.json").read_text(encoding="utf-8"))
    got = parse_file(doc, source=str(doc.relative_to(ROOT))).to_json()
    for key, value in want.items():
        if key.startswith("_"):
            continue
        if key == "warnings_expected":
            assert sorted(w.split(":")[0] for w in got["warnings"]) == sorted(w.split(":")[0] for w in value)
        elif key == "tasks":
            slim = [{k: t[k] for k in ("id", "section", "text", "responsibilities")} for t in got["tasks"]]
            assert slim == value
        else:
            assert got[key] == value, key


ENCODINGS = [
    ("utf-8-sig", b""),
    ("gb18030", b""),
    ("gbk", b""),
    ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-16-le", b""),
]


@pytest.mark.parametrize("encoding,bom", ENCODINGS, ids=lambda e: str(e))
def test_encodings_are_detected(tmp_path, encoding, bom, parsed):
    seed = SEEDS[1]  # prose with a target table
    text = seed.read_text(encoding="utf-8")
    path = tmp_path / seed.name
    path.write_bytes(bom + text.encode(encoding))
    got = parse_file(path, source=str(seed.relative_to(ROOT))).to_json()
    want = parsed[seed.stem]
    assert got["tasks"] == want["tasks"] and got["targets"] == want["targets"]
    assert got["jurisdiction"] == want["jurisdiction"]


@pytest.mark.parametrize(
    "content,reason",
    [
        (b"", "empty file"),
        (b"   \n\n", "empty file"),
        (b"%PDF-1.4 garbage", "binary file"),
        (bytes(range(256)) * 20, "binary"),
        ("普通的一段文字,没有任何任务分工。\n第二段。".encode("utf-8"), "no task-division content found"),
        (b"\xff\xfe\x00\xd8", "unreadable encoding"),
    ],
    ids=["empty", "blank", "pdf-magic", "bytes", "no-tasks", "bad-utf16"],
)
def test_bad_input_is_one_clear_error(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ParseError) as info:
        parse_file(path)
    message = str(info.value)
    assert message.startswith(str(path)) and reason in message and "\n" not in message


def test_cli_reports_bad_file_and_prints_the_rest(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    result = CliRunner().invoke(main, ["parse", str(bad), str(SEEDS[0]), "--json"])
    assert result.exit_code == 1
    records = json.loads(result.stdout)
    assert [r["source"] for r in records] == [str(SEEDS[0])]
    assert f"{bad}: empty file" in result.stderr
    assert "Traceback" not in result.output


NEWS_ARTICLE = """首页 > 新闻中心 > 部门动态
我市召开2023年养老服务工作推进会
发布时间:2023-04-18 09:12 来源:市民政局
　　4月17日,全市养老服务工作推进会召开。会议由市民政局牵头组织,市发展改革委、市财政局、市卫生健康委等部门负责同志及各县(市、区)民政局局长参加会议。
　　会议要求,一是要健全基本养老服务体系;二是要加强养老服务设施建设,力争年底前新增护理型床位1000张;三是要强化综合监管(市民政局负责同志主持)。
　　会上,3个县(市、区)作了交流发言。
责任编辑:李明
"""


def test_news_article_is_refused_by_name(tmp_path):
    """A news report full of 牵头/负责 and unit names, but with no task clauses, is no plan: an error naming it."""
    news = tmp_path / "news.txt"
    news.write_text(NEWS_ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(main, ["parse", str(news), "--json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout) == []
    assert f"{news}: no task-division content found" in result.stderr


def test_cli_summary_names_counts():
    result = CliRunner().invoke(main, ["parse", str(SEEDS[4])])
    assert result.exit_code == 0
    assert "盈江县" in result.stdout and "lead 64" in result.stdout


def test_sidecar_and_option_override_metadata(tmp_path):
    text = "\n".join(
        ["序号\t工作任务\t责任单位", "1\t建设托育服务中心。\t县卫生健康局牵头;县财政局配合"]
    )
    doc = tmp_path / "bare.txt"
    doc.write_text(text, encoding="utf-8")
    bare = parse_file(doc)
    assert bare.jurisdiction is None and bare.level == "county"
    assert any("jurisdiction left null" in w for w in bare.warnings)
    (tmp_path / "bare.txt.meta.json").write_text(
        json.dumps({"jurisdiction": "盈江县", "parent_jurisdictions": ["德宏州", "云南省"], "issued": "2023-04-23"}),
        encoding="utf-8",
    )
    with_meta = parse_file(doc)
    assert (with_meta.jurisdiction, with_meta.parent_jurisdictions, with_meta.issued) == (
        "盈江县", ["德宏州", "云南省"], "2023-04-23")
    assert not with_meta.warnings
    assert parse_file(doc, jurisdiction="陇川县").jurisdiction == "陇川县"
    (tmp_path / "bare.txt.meta.json").write_text('{"colour": "red"}', encoding="utf-8")
    with pytest.raises(ParseError, match="unknown keys"):
        parse_file(doc)


def test_target_areas_may_hold_the_character_of_a_year():
    # 永年区 (Handan) is an area, not a year heading; 2023年 is a heading, not an area
    from resp.loader.targets import find_targets
    from resp.loader.text import to_lines

    text = ("附件\n县区托位建设任务表\n县区 2023年 2024年\n总托位数(个) 普惠托位数(个) 总托位数(个) 普惠托位数(个)\n"
            "邯山区 3392 2713 4522 3617\n永年区 2574 2059 3432 2745\n")
    got = [(t.area, t.year, t.total, t.inclusive) for t in find_targets(to_lines(text))]
    assert got == [("邯山区", 2023, 3392, 2713), ("邯山区", 2024, 4522, 3617),
                   ("永年区", 2023, 2574, 2059), ("永年区", 2024, 3432, 2745)]



def test_a_number_alone_on_its_line_takes_the_text_below(tmp_path):
    """`1、` on a line of its own, its text and clause on the next; a lone `1、` then `1` is no plan."""
    doc = tmp_path / "alone.txt"
    doc.write_text("1、\n建设托育综合服务中心。(县卫生健康局牵头)\n", encoding="utf-8")
    task, = parse_file(doc).tasks
    assert (task.id, task.text, [(r.unit, r.role) for r in task.responsibilities]) == (
        "1", "建设托育综合服务中心。", [("县卫生健康局", "lead")])
    doc.write_text("1、\n1", encoding="utf-8")
    with pytest.raises(ParseError):
        parse_file(doc)
