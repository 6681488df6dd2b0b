"""records → graph (loader/graph.py): the model of docs/graph-model.md on the seeds.

Expected counts come from the hand-checked golden records (tests/golden, written
without the parser) and are recomputed here with plain Python, not with the graph code.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from resp.loader import graph as model
from resp.loader.records import Document, Responsibility, Task

GOLDEN = Path(__file__).resolve().parent / "golden"
SEEDS = sorted(p for p in GOLDEN.glob("0*.json"))


def golden_docs() -> list[Document]:
    docs = []
    for path in SEEDS:
        d = json.loads(path.read_text(encoding="utf-8"))
        d.pop("warnings_expected", None)
        doc = Document.from_json(d)
        doc.sha256 = path.stem.split("_")[1].ljust(64, "0")  # stable ids for the test
        docs.append(doc)
    return docs


@pytest.fixture(scope="module")
def docs():
    return golden_docs()


@pytest.fixture(scope="module")
def tables(docs):
    return model.build_tables(docs)


def doc_of(docs, prefix) -> Document:
    return next(d for d in docs if Path(d.source).name.startswith(prefix))


# ---------------------------------------------------------------- counts


def test_counts_on_the_golden_seeds(docs, tables):
    counts = tables.counts()
    triples = [(d.source, t.id, r.unit, r.role) for d in docs for t in d.tasks for r in t.responsibilities]
    assert counts["Document"] == 5
    assert counts["Task"] == sum(len(d.tasks) for d in docs) == 180
    # golden README: lead 43+38+69+51+64, support 51+42+221+124+69, implement 19+18+56, responsible 40
    by_role = {role: len({x for x in triples if x[3] == role}) for role in model.ROLE_TYPES}
    assert by_role == {"lead": 265, "support": 507, "implement": 93, "responsible": 40}
    for role, rel in model.ROLE_TYPES.items():
        assert counts[rel] == by_role[role]
    # one Unit per (issuing government, printed name); each seed has its own issuer
    units = {(d.jurisdiction, r.unit) for d in docs for t in d.tasks for r in t.responsibilities}
    assert counts["Unit"] == len(units)
    assert counts["BELONGS_TO"] == len(units)
    assert counts["HAS_TASK"] == 180
    assert counts["ISSUED_BY"] == 5
    assert counts["Target"] == 51 + 3
    assert counts["HAS_TARGET"] == 54


KUNMING_COUNTIES = ("五华区 盘龙区 官渡区 西山区 东川区 呈贡区 晋宁区 富民县 宜良县 石林彝族自治县 "
                    "嵩明县 禄劝彝族苗族自治县 寻甸回族彝族自治县 安宁市").split()


def test_jurisdictions_are_full_names_in_a_chain(tables):
    issuers = {"云南省", "昆明市", "重庆市", "云阳县", "青海省", "盈江县", "德宏傣族景颇族自治州"}
    assert set(tables.nodes["Jurisdiction"]) == issuers | set(KUNMING_COUNTIES)
    part_of = set(tables.edges["PART_OF"])
    assert ("盈江县", "德宏傣族景颇族自治州") in part_of
    assert ("德宏傣族景颇族自治州", "云南省") in part_of
    assert ("昆明市", "云南省") in part_of
    assert ("云阳县", "重庆市") in part_of
    assert all((c, "昆明市") in part_of for c in KUNMING_COUNTIES)
    assert len(part_of) == 4 + len(KUNMING_COUNTIES)
    dehong = tables.node("Jurisdiction", "德宏傣族景颇族自治州")
    assert dehong["level"] == "prefecture" and dehong["short_name"] == "德宏州" and dehong["code"]


def test_document_keeps_printed_and_full_jurisdiction(docs, tables):
    yingjiang = doc_of(docs, "004")
    node = tables.node("Document", model.document_id(yingjiang))
    assert node["jurisdiction"] == "盈江县" and node["printed_jurisdiction"] == "盈江县"
    assert node["level"] == "county"
    assert node["number"] == "盈发〔2023〕8号"
    assert node["implements"] == ["中发〔2021〕30号", "云发〔2022〕28号", "德发〔2022〕38号"]
    assert node["task_count"] == 29
    assert (node["id"], "盈江县") in tables.edges["ISSUED_BY"]


def test_targets_attach_to_document_and_jurisdiction(docs, tables):
    kunming = model.document_id(doc_of(docs, "001"))
    rows = [v for v in tables.nodes["Target"].values() if v[1] == kunming]
    assert len(rows) == 51
    target_for = dict(tables.edges["TARGET_FOR"])
    # 昆明市 and its 14 counties resolve; 经开区 and 阳宗海 are no division: no TARGET_FOR
    resolved = {tables.node("Target", k)["area"] for k, j in target_for}
    assert resolved >= {"昆明市", "五华区", "盈江县"}
    assert not resolved & {"经开区", "阳宗海"}
    assert len(tables.edges["TARGET_FOR"]) == (1 + len(KUNMING_COUNTIES)) * 3 + 3
    assert (f"{kunming}:五华区:2023", "五华区") in tables.edges["TARGET_FOR"]


# ---------------------------------------------------------------- units


def test_unit_identity_is_jurisdiction_and_printed_name(tables):
    units = tables.nodes["Unit"]
    assert "盈江县|县卫生健康局" in units
    assert "云阳县|县卫生健康委" in units
    assert "云南省|省卫生健康委" in units and "青海省|省卫生健康委" in units  # two bodies
    node = tables.node("Unit", "盈江县|县人社局")
    assert node["name"] == "县人社局" and node["jurisdiction"] == "盈江县"


def test_unit_properties_are_the_canonical_reading(tables):
    # written by hand from data/units/functions.toml: (canonical_name, function, kind, resolved)
    expected = {
        "盈江县|县人社局": ("县人力资源和社会保障局", "人力资源社会保障", "department", True),
        "云阳县|县发改委": ("县发展和改革委员会", "发展改革", "department", True),
        "云南省|各州(市)党委和政府": ("各州(市)党委和政府", None, "collective", True),
        "盈江县|县卫生健康局": ("县卫生健康局", "卫生健康", "department", True),
    }
    for key, values in expected.items():
        node = tables.node("Unit", key)
        assert (node["canonical_name"], node["function"], node["kind"], node["resolved"]) == values


def test_units_count_their_tasks_by_role(tables):
    # read off seed 001 (昆明市): 市卫生健康委 leads 15 of its tasks and supports none
    # (tests/test_queries.py test_load_by_function_counts_every_responsibility)
    unit = tables.node("Unit", "昆明市|市卫生健康委")
    assert (unit["level"], unit["lead_tasks"], unit["support_tasks"]) == ("prefecture", 15, 0)


def test_same_printed_unit_in_two_plans_of_one_government_is_one_node():
    a = Document("a.txt", "昆明市", "prefecture", ["云南省"], sha256="a" * 64, tasks=[
        Task("1", None, "甲", [Responsibility("市财政局", "lead")], clause="市财政局牵头")])
    b = Document("b.txt", "昆明", "prefecture", [], sha256="b" * 64, tasks=[
        Task("1", None, "乙", [Responsibility("市财政局", "support")], clause="市财政局配合")])
    t = model.build_tables([a, b])
    assert list(t.nodes["Unit"]) == ["昆明市|市财政局"]
    assert t.edges["LEADS"] == {("昆明市|市财政局", "a" * 64 + ":1"): ("lead",)}
    assert t.edges["SUPPORTS"] == {("昆明市|市财政局", "b" * 64 + ":1"): ("support",)}
    assert t.node("Task", "b" * 64 + ":1")["clause"] == "市财政局配合"
    unit = t.node("Unit", "昆明市|市财政局")  # one task led in a, one supported in b
    assert (unit["level"], unit["lead_tasks"], unit["support_tasks"], unit["implement_tasks"],
            unit["responsible_tasks"]) == ("prefecture", 1, 1, 0, 0)


def test_unknown_issuer_keeps_units_apart():
    a = Document("a.txt", None, None, sha256="a" * 64, tasks=[Task("1", None, "x", [Responsibility("县财政局", "lead")])])
    b = Document("b.txt", None, None, sha256="b" * 64, tasks=[Task("1", None, "y", [Responsibility("县财政局", "lead")])])
    t = model.build_tables([a, b])
    assert len(t.nodes["Unit"]) == 2
    assert not t.edges["BELONGS_TO"] and not t.edges["ISSUED_BY"]
    assert t.node("Unit", "?" + "a" * 64 + "|县财政局")["level"] is None  # no government, no level
    assert t.node("Document", "a" * 64)["jurisdiction"] is None


def test_unknown_place_stays_as_printed_above_its_known_parents():
    doc = Document("x.txt", "某某新区", "county", ["德宏州", "云南省"], sha256="c" * 64,
                   tasks=[Task("1", None, "x", [Responsibility("区财政局", "lead")])])
    t = model.build_tables([doc])
    assert t.node("Jurisdiction", "某某新区") == {"name": "某某新区", "level": "county", "short_name": None, "code": None}
    assert ("某某新区", "德宏傣族景颇族自治州") in t.edges["PART_OF"]
    assert ("德宏傣族景颇族自治州", "云南省") in t.edges["PART_OF"]


# ---------------------------------------------------------------- provenance


def test_role_edges_carry_their_role_and_their_task_the_provenance():
    doc = Document("p.txt", "盈江县", "county", ["德宏州", "云南省"], sha256="d" * 64, tasks=[
        Task("3.2", "(一)", "落实政策。", [Responsibility("县财政局", "lead"), Responsibility("县税务局", "support"),
                                        Responsibility("各乡镇", "implement"), Responsibility("县财政局", "lead")],
             clause="县财政局牵头;县税务局配合;各乡镇落实"),
        Task("4", None, "负责。", [Responsibility("各乡镇", "responsible")], clause="(各乡镇负责)"),
    ])
    t = model.build_tables([doc])
    key = "d" * 64 + ":3.2"
    assert t.edges["LEADS"] == {("盈江县|县财政局", key): ("lead",)}  # named twice: one edge
    assert t.edges["SUPPORTS"] == {("盈江县|县税务局", key): ("support",)}
    assert t.edges["IMPLEMENTS"] == {("盈江县|各乡镇", key): ("implement",)}
    assert t.edges["RESPONSIBLE_FOR"] == {("盈江县|各乡镇", "d" * 64 + ":4"): ("responsible",)}
    # the document, the printed id and the clause every edge of the task was read from
    task = t.node("Task", key)
    assert task == {"key": key, "id": "3.2", "doc_id": "d" * 64, "jurisdiction": "盈江县", "section": "(一)",
                    "text": "落实政策。", "clause": "县财政局牵头;县税务局配合;各乡镇落实", "ordinal": 1}
    assert t.node("Task", "d" * 64 + ":4")["clause"] == "(各乡镇负责)"
    assert t.node("Task", "d" * 64 + ":4")["ordinal"] == 2
    g = model.build_graph([doc])
    assert g.edges["Unit:盈江县|县财政局", "Task:" + key, "LEADS"] == {"type": "LEADS", "role": "lead"}


def test_repeated_task_id_keeps_its_id_not_its_key():
    doc = Document("r.txt", "昆明市", "prefecture", sha256="e" * 64, tasks=[
        Task("1", None, "a", [Responsibility("市财政局", "lead")]),
        Task("1", None, "b", [Responsibility("市财政局", "lead")])])
    t = model.build_tables([doc])
    assert sorted(t.nodes["Task"]) == ["e" * 64 + ":1", "e" * 64 + ":1#2"]
    assert {v[1] for v in t.nodes["Task"].values()} == {"1"}


def test_same_content_twice_is_one_document(docs):
    t = model.build_tables(docs + docs[:2])
    assert t.counts()["Document"] == 5 and t.counts()["Task"] == 180


def test_a_record_with_an_unknown_role_is_refused_naming_the_file():
    doc = Document("bad.txt", "昆明市", tasks=[Task("7", None, "x", [Responsibility("市财政局", "boss")])])
    with pytest.raises(ValueError, match=r"bad\.txt: task 7: unknown role 'boss'"):
        model.build_tables([doc])


# ---------------------------------------------------------------- derived


def test_cites_where_an_implemented_number_or_title_is_a_loaded_document():
    upper = Document("u.txt", "云南省", "province", number="云发〔2022〕28号", sha256="1" * 64,
                     title="关于优化生育政策的实施方案")
    lower = Document("l.txt", "昆明市", "prefecture", ["云南省"], sha256="2" * 64,
                     implements=["云发〔2022〕28号", "中发〔2021〕30号"])
    titled = Document("t.txt", "盈江县", "county", sha256="3" * 64, implements=["关于优化生育政策的实施方案"])
    selfish = Document("s.txt", "云南省", "province", number="云发〔2023〕1号", sha256="4" * 64,
                       implements=["云发〔2023〕1号"])
    t = model.build_tables([upper, lower, titled, selfish])
    assert t.edges["CITES"] == {("2" * 64, "1" * 64): ("云发〔2022〕28号",),
                                ("3" * 64, "1" * 64): ("关于优化生育政策的实施方案",)}


def test_no_cites_among_the_seeds(tables):
    # 昆明 and 盈江 implement 云发〔2022〕28号, but the loaded 云南 table prints no number
    assert tables.edges["CITES"] == {}


# The seeds' MIRRORS, read off the plans by hand: a body of 云南省 and the body of the same
# function in 昆明市 (001) and 盈江县 (004), the two seeds inside Yunnan. 云阳县 (重庆市)
# and 青海省 lie outside it. Function -> (upper, lower) pairs.
SEED_MIRRORS = {
    "人民银行": [("人民银行昆明中心支行", "盈江县|人行盈江支行")],
    "人力资源社会保障": [("省人力资源社会保障厅", "昆明市|市人力资源社会保障局"), ("省人力资源社会保障厅", "盈江县|县人社局")],
    "住房城乡建设": [("省住房城乡建设厅", "昆明市|市住房城乡建设局"), ("省住房城乡建设厅", "盈江县|县住建局")],
    "公安": [("省公安厅", "昆明市|市公安局"), ("省公安厅", "盈江县|县公安局")],
    "医疗保障": [("省医保局", "昆明市|市医保局"), ("省医保局", "盈江县|县医疗保障局")],
    "卫生健康": [("省卫生健康委", "昆明市|市卫生健康委"), ("省卫生健康委", "盈江县|县卫生健康局")],
    "发展改革": [("省发展改革委", "盈江县|县发改局")],
    "司法": [("省司法厅", "盈江县|县司法局")],
    "国有资产": [("省国资委", "昆明市|市国资委"), ("省国资委", "盈江县|县国资委")],
    "妇联": [("省妇联", "昆明市|市妇联"), ("省妇联", "盈江县|县妇联")],
    "组织": [("省委组织部", "昆明市|市委组织部"), ("省委组织部", "盈江县|县委组织部")],
    "市场监管": [("省市场监管局", "昆明市|市市场监管局"), ("省市场监管局", "盈江县|县市管局")],
    "总工会": [("省总工会", "昆明市|市总工会"), ("省总工会", "盈江县|县总工会")],
    "政务服务": [("省政务服务管理局", "昆明市|市政务服务管理局"), ("省政务服务管理局", "盈江县|县政务服务管理局")],
    "教育": [("省教育厅", "昆明市|市教育体育局"), ("省教育厅", "盈江县|县教育体育局")],
    "残联": [("省残联", "昆明市|市残联"), ("省残联", "盈江县|县残联")],
    "民政": [("省民政厅", "昆明市|市民政局"), ("省民政厅", "盈江县|县民政局")],
    "科技": [("省科技厅", "昆明市|市科技局"), ("省科技厅", "盈江县|县工业和商务科技局")],
    "自然资源": [("省自然资源厅", "昆明市|市自然资源规划局"), ("省自然资源厅", "盈江县|县自然资源局")],
    "财政": [("省财政厅", "昆明市|市财政局"), ("省财政厅", "盈江县|县财政局")],
}


def test_seed_mirrors_are_the_hand_read_pairs(tables):
    expected = {(f"云南省|{upper}", lower): (function,)
                for function, pairs in SEED_MIRRORS.items() for upper, lower in pairs}
    assert len(expected) == 37
    assert tables.edges["MIRRORS"] == expected
    mirrors = tables.edges["MIRRORS"]
    assert ("云南省|省卫生健康委", "昆明市|市卫生健康委") in mirrors
    assert ("云南省|省卫生健康委", "盈江县|县卫生健康局") in mirrors
    assert ("云南省|省卫生健康委", "云阳县|县卫生健康委") not in mirrors
    assert ("青海省|省卫生健康委", "盈江县|县卫生健康局") not in mirrors
    for upper, lower in mirrors:
        assert upper in tables.nodes["Unit"] and lower in tables.nodes["Unit"]


def test_carries_link_yingjiang_rows_to_yunnan_rows(docs, tables):
    pairs = json.loads((GOLDEN / "carries_004_000.json").read_text(encoding="utf-8"))["pairs"]
    lower, upper = model.document_id(doc_of(docs, "004")), model.document_id(doc_of(docs, "000"))
    carries = tables.edges["CARRIES"]
    found = {(a.split(":")[1], b.split(":")[1]) for a, b in carries
             if a.startswith(lower) and b.startswith(upper)}
    hand = {(p[0], p[1]) for p in pairs}  # (盈江 task, 云南 task, note)
    assert len(found & hand) >= 0.9 * len(hand)
    assert len(found & hand) >= 0.9 * len(found)
    for (a, b), (score, kind) in carries.items():
        assert a in tables.nodes["Task"] and b in tables.nodes["Task"]
        assert isinstance(score, float) and 0 < score <= 1.0 + 1e-9 and kind in ("same", "partial")


# ---------------------------------------------------------------- networkx


def test_networkx_view_is_the_same_graph(tables):
    g = tables.to_networkx()
    counts = tables.counts()
    assert g.number_of_nodes() == sum(counts[label] for label in model.NODE_PROPERTIES)
    assert g.number_of_edges() == sum(counts[rel] for rel in model.REL_TYPES)
    node = g.nodes["Unit:盈江县|县人社局"]
    assert node["label"] == "Unit" and node["key"] == "盈江县|县人社局"
    edges = g.get_edge_data("Unit:云南省|省卫生健康委", "Unit:昆明市|市卫生健康委")
    assert edges["MIRRORS"]["type"] == "MIRRORS"
    assert model.GraphTables.from_networkx(g) == tables


def test_build_graph_is_build_tables_as_networkx(docs, tables):
    assert model.GraphTables.from_networkx(model.build_graph(docs)) == tables


def test_model_matches_the_documented_labels_and_types():
    doc = (Path(__file__).resolve().parent.parent / "docs" / "graph-model.md").read_text(encoding="utf-8")
    for label in model.NODE_PROPERTIES:
        assert f"| {label} |" in doc
    for rel in model.REL_TYPES:
        assert rel in doc
