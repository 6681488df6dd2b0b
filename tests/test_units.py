"""Printed unit names → canonical name, function, kind (loader/units.py, data/units)."""
import json
import time
from pathlib import Path

import pytest

from resp.loader import units
from resp.loader.units import KINDS, UnitInfo, describe_unit, unresolved

ROOT = Path(__file__).resolve().parent.parent
SEEDS = {  # seed file -> (jurisdiction full name, level)
    "000_12098509f6244aec": ("云南省", "province"),
    "001_17a8c9aaa5ebaf49": ("昆明市", "prefecture"),
    "002_5126f1a90f4d57ad": ("云阳县", "county"),
    "003_637490b1ad629df5": ("青海省", "province"),
    "004_a10134946afdf1c5": ("盈江县", "county"),
}


def seed_unit_names(stem: str) -> list[str]:
    """The printed unit names of a seed: from the parser, or from its golden record
    when the parser is not importable."""
    try:
        from resp.loader.parse import parse_file
    except ImportError:
        record = json.loads((ROOT / "tests" / "golden" / f"{stem}.json").read_text(encoding="utf-8"))
        names = [r["unit"] for t in record["tasks"] for r in t["responsibilities"]]
    else:
        doc = parse_file(str(ROOT / "data" / "seeds" / f"{stem}.txt"))
        names = [r.unit for t in doc.tasks for r in t.responsibilities]
    return list(dict.fromkeys(names))


# --- the brief's examples ------------------------------------------------------------

@pytest.mark.parametrize("printed, jurisdiction, level, canonical, function, kind", [
    ("县人社局", "盈江县", "county", "县人力资源和社会保障局", "人力资源社会保障", "department"),
    ("县人力社保局", "云阳县", "county", "县人力资源和社会保障局", "人力资源社会保障", "department"),
    ("县人力资源和社会保障局", "云阳县", "county", "县人力资源和社会保障局", "人力资源社会保障", "department"),
    ("省人力资源社会保障厅", "云南省", "province", "省人力资源和社会保障厅", "人力资源社会保障", "department"),
    ("县发改局", "盈江县", "county", "县发展和改革局", "发展改革", "department"),
    ("县发改委", "云阳县", "county", "县发展和改革委员会", "发展改革", "department"),
    ("县发展改革委", "云阳县", "county", "县发展和改革委员会", "发展改革", "department"),
    ("省发展改革委", "云南省", "province", "省发展和改革委员会", "发展改革", "department"),
    ("省卫生健康委", "云南省", "province", "省卫生健康委员会", "卫生健康", "department"),
    ("市卫生健康委", "昆明市", "prefecture", "市卫生健康委员会", "卫生健康", "department"),
    ("县卫生健康局", "盈江县", "county", "县卫生健康局", "卫生健康", "department"),
    ("县卫生健康委", "云阳县", "county", "县卫生健康委员会", "卫生健康", "department"),
    ("县教育体育局", "盈江县", "county", "县教育体育局", "教育", "department"),
    ("县教委", "云阳县", "county", "县教育委员会", "教育", "department"),
    ("省教育厅", "云南省", "province", "省教育厅", "教育", "department"),
    ("团县委", "盈江县", "county", "共青团县委", "共青团", "mass organisation"),
    ("团市委", "昆明市", "prefecture", "共青团市委", "共青团", "mass organisation"),
    ("团省委", "青海省", "province", "共青团省委", "共青团", "mass organisation"),
    ("县编办", "云阳县", "county", "县委机构编制委员会办公室", "编制", "party organ"),
    ("县委编办", "云阳县", "county", "县委机构编制委员会办公室", "编制", "party organ"),
    ("省委组织部", "云南省", "province", "省委组织部", "组织", "party organ"),
    ("市委宣传部", "昆明市", "prefecture", "市委宣传部", "宣传", "party organ"),
    ("县住建局", "盈江县", "county", "县住房和城乡建设局", "住房城乡建设", "department"),
    ("省住房城乡建设厅", "云南省", "province", "省住房和城乡建设厅", "住房城乡建设", "department"),
    ("县市管局", "盈江县", "county", "县市场监督管理局", "市场监管", "department"),
    ("省市场监管局", "青海省", "province", "省市场监督管理局", "市场监管", "department"),
    ("省医保局", "云南省", "province", "省医疗保障局", "医疗保障", "department"),
    ("县医疗保障局", "盈江县", "county", "县医疗保障局", "医疗保障", "department"),
    ("省财政厅", "云南省", "province", "省财政厅", "财政", "department"),
    ("县公安局", "云阳县", "county", "县公安局", "公安", "department"),
    ("省民政厅", "青海省", "province", "省民政厅", "民政", "department"),
    ("县司法局", "盈江县", "county", "县司法局", "司法", "department"),
    ("市自然资源规划局", "昆明市", "prefecture", "市自然资源和规划局", "自然资源", "department"),
    ("县规划和自然资源局", "云阳县", "county", "县规划和自然资源局", "自然资源", "department"),
    ("市统计局", "昆明市", "prefecture", "市统计局", "统计", "department"),
    ("云阳县税务局", "云阳县", "county", "县税务局", "税务", "department"),
    ("国家税务总局青海省税务局", "青海省", "province", "省税务局", "税务", "department"),
    ("县总工会", "盈江县", "county", "县总工会", "总工会", "mass organisation"),
    ("省妇联", "云南省", "province", "省妇女联合会", "妇联", "mass organisation"),
    ("县残联", "盈江县", "county", "县残疾人联合会", "残联", "mass organisation"),
    ("人民银行昆明中心支行", "云南省", "province", "中国人民银行昆明中心支行", "人民银行", "financial"),
    ("人行盈江支行", "盈江县", "county", "中国人民银行盈江支行", "人民银行", "financial"),
    ("云南银保监局", "云南省", "province", "云南银保监局", "金融监管", "financial"),
    ("州住房公积金管理中心盈江管理部", "盈江县", "county", "州住房公积金管理中心盈江管理部",
     "住房公积金", "department"),
])
def test_describe(printed, jurisdiction, level, canonical, function, kind):
    assert describe_unit(printed, jurisdiction, level) == UnitInfo(canonical, function, kind, True)


@pytest.mark.parametrize("printed", [
    "各县区", "各乡镇", "农场社区", "各乡镇(街道)", "各州(市)党委和政府", "各市州党委和政府", "有关部门",
    "市优化生育政策工作部门联席会议其他成员单位", "省优化生育政策工作部门联席会议成员单位",
    "县优化生育政策工作联席会议成员单位", "省人口和计划生育领导小组成员单位",
])
def test_collectives(printed):
    info = describe_unit(printed, "云南省", "province")
    assert (info.kind, info.function, info.resolved, info.canonical_name) == ("collective", None, True, printed)


@pytest.mark.parametrize("printed", ["各市州政府", "盈江县人民政府", "县人民政府", "中共盈江县委 盈江县人民政府"])
def test_governments(printed):
    info = describe_unit(printed, "盈江县", "county")
    assert (info.kind, info.function, info.resolved) == ("government", None, True)


def test_unmatched_is_kept_as_printed_and_flagged():
    info = describe_unit("县傣族文化研究所", "盈江县", "county")
    assert info == UnitInfo("县傣族文化研究所", None, "other", False)
    names = ["县卫生健康局", "县傣族文化研究所", "各乡镇", "县傣族文化研究所", "某某中心"]
    assert unresolved(names) == ["县傣族文化研究所", "某某中心"]
    assert unresolved([("县傣族文化研究所", "盈江县", "county"), {"name": "县人社局", "jurisdiction": "盈江县"}]) \
        == ["县傣族文化研究所"]
    # a fallback suggestion for a person, never a resolution
    assert "卫生健康局" in units.suggest("县卫健康局")
    assert not describe_unit("县卫健康局", "盈江县", "county").resolved


# --- the seeds -------------------------------------------------------------------------

@pytest.mark.parametrize("stem", sorted(SEEDS))
def test_every_seed_unit_resolves(stem):
    jurisdiction, level = SEEDS[stem]
    names = seed_unit_names(stem)
    assert names
    assert unresolved([(n, jurisdiction, level) for n in names]) == []
    for n in names:
        info = describe_unit(n, jurisdiction, level)
        assert info.kind in KINDS
        assert (info.function is None) == (info.kind in ("collective", "government") or n == "盈江农村商业银行"), n


def test_variants_in_one_document_share_a_canonical_name():
    names = set(seed_unit_names("002_5126f1a90f4d57ad"))  # 云阳县
    for a, b in [("县发改委", "县发展改革委"), ("县编办", "县委编办"), ("县人力社保局", "县人力资源和社会保障局"),
                 ("县大数据局", "县大数据发展局"), ("县城乡建委", "县住房城乡建委"), ("云阳县税务局", "县税务局")]:
        assert {a, b} <= names
        assert describe_unit(a, "云阳县", "county").canonical_name == describe_unit(b, "云阳县", "county").canonical_name


def test_same_function_across_levels_and_provinces():
    seen = {}
    for printed, j, lv in [("省卫生健康委", "云南省", "province"), ("市卫生健康委", "昆明市", "prefecture"),
                           ("县卫生健康局", "盈江县", "county"), ("县卫生健康委", "云阳县", "county"),
                           ("省卫生健康委", "青海省", "province")]:
        seen[(j, printed)] = describe_unit(printed, j, lv).function
    assert set(seen.values()) == {"卫生健康"}


# --- tables and speed --------------------------------------------------------------------

def test_tables_reject_a_body_with_two_meanings():
    import tomllib

    rules = tomllib.loads((ROOT / "data" / "units" / "rules.toml").read_text(encoding="utf-8"))
    functions = {"function": [
        {"key": "甲", "kind": "department", "bodies": {"编办": "委机构编制委员会办公室"}},
        {"key": "乙", "kind": "department", "bodies": {"编办": "编制办公室"}},
    ]}
    with pytest.raises(ValueError, match="编办"):
        units._Rules(functions, rules)


def test_memoised_and_fast():
    describe_unit.cache_clear()
    describe_unit("县发改局", "盈江县", "county")
    describe_unit("县发改局", "盈江县", "county")
    assert describe_unit.cache_info().hits >= 1
    names = [f"县{x}局" for x in ("卫生健康", "发改", "人社", "住建", "市管", "财政", "公安", "民政")]
    start = time.perf_counter()
    for i in range(2000):  # 16,000 distinct (name, jurisdiction) pairs, none cached
        for n in names:
            describe_unit.__wrapped__(n, f"县{i}", "county")
    assert time.perf_counter() - start < 5.0
