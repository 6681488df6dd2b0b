"""MIRRORS between units and CARRIES between tasks (loader/mirrors.py, loader/carries.py) on the seeds."""
import json
from pathlib import Path

import pytest

from resp.loader import mirrors, places
from resp.loader.carries import THRESHOLD, clauses, find_carries, ngrams, status
from resp.loader.mirrors import find_mirrors
from resp.loader.records import Document
from resp.loader.units import describe_unit

ROOT = Path(__file__).resolve().parent.parent
STEMS = ["000_12098509f6244aec", "001_17a8c9aaa5ebaf49", "002_5126f1a90f4d57ad",
         "003_637490b1ad629df5", "004_a10134946afdf1c5"]


def load_seeds() -> dict[str, Document]:
    """doc id (the seed's 3-digit prefix) -> record: the parser's output, or the
    hand-checked golden record when the parser is not importable."""
    try:
        from resp.loader.parse import parse_file
    except ImportError:
        parse_file = None
    out = {}
    for stem in STEMS:
        if parse_file is not None:
            out[stem[:3]] = parse_file(str(ROOT / "data" / "seeds" / f"{stem}.txt"))
        else:
            record = json.loads((ROOT / "tests" / "golden" / f"{stem}.json").read_text(encoding="utf-8"))
            out[stem[:3]] = Document.from_json(record)
    return out


@pytest.fixture(scope="module")
def seeds():
    docs = load_seeds()
    chains = {}
    for did, doc in docs.items():
        place = places.resolve(doc.jurisdiction, hint=doc.parent_jurisdictions)
        chains[did] = [p.name for p in place.chain]
    tasks = {did: [{"key": f"{did}:{t.id}", "id": t.id, "text": t.text} for t in doc.tasks]
             for did, doc in docs.items()}
    return docs, chains, tasks


def test_seed_chains(seeds):
    _, chains, _ = seeds
    assert chains == {
        "000": ["云南省"],
        "001": ["昆明市", "云南省"],
        "002": ["云阳县", "重庆市"],
        "003": ["青海省"],
        "004": ["盈江县", "德宏傣族景颇族自治州", "云南省"],
    }


# --- MIRRORS ---------------------------------------------------------------------------

# Checked by hand from the units each seed prints: every function that 云南 (000) shares
# with 昆明 (001) or 盈江 (004); nothing from 云阳 (重庆) or 青海.
EXPECTED_MIRRORS = {
    ("云南省|省卫生健康委", "昆明市|市卫生健康委"), ("云南省|省卫生健康委", "盈江县|县卫生健康局"),
    ("云南省|省人力资源社会保障厅", "昆明市|市人力资源社会保障局"), ("云南省|省人力资源社会保障厅", "盈江县|县人社局"),
    ("云南省|省住房城乡建设厅", "昆明市|市住房城乡建设局"), ("云南省|省住房城乡建设厅", "盈江县|县住建局"),
    ("云南省|省公安厅", "昆明市|市公安局"), ("云南省|省公安厅", "盈江县|县公安局"),
    ("云南省|省医保局", "昆明市|市医保局"), ("云南省|省医保局", "盈江县|县医疗保障局"),
    ("云南省|省国资委", "昆明市|市国资委"), ("云南省|省国资委", "盈江县|县国资委"),
    ("云南省|省妇联", "昆明市|市妇联"), ("云南省|省妇联", "盈江县|县妇联"),
    ("云南省|省委组织部", "昆明市|市委组织部"), ("云南省|省委组织部", "盈江县|县委组织部"),
    ("云南省|省市场监管局", "昆明市|市市场监管局"), ("云南省|省市场监管局", "盈江县|县市管局"),
    ("云南省|省总工会", "昆明市|市总工会"), ("云南省|省总工会", "盈江县|县总工会"),
    ("云南省|省政务服务管理局", "昆明市|市政务服务管理局"), ("云南省|省政务服务管理局", "盈江县|县政务服务管理局"),
    ("云南省|省教育厅", "昆明市|市教育体育局"), ("云南省|省教育厅", "盈江县|县教育体育局"),
    ("云南省|省残联", "昆明市|市残联"), ("云南省|省残联", "盈江县|县残联"),
    ("云南省|省民政厅", "昆明市|市民政局"), ("云南省|省民政厅", "盈江县|县民政局"),
    ("云南省|省科技厅", "昆明市|市科技局"), ("云南省|省科技厅", "盈江县|县工业和商务科技局"),
    ("云南省|省自然资源厅", "昆明市|市自然资源规划局"), ("云南省|省自然资源厅", "盈江县|县自然资源局"),
    ("云南省|省财政厅", "昆明市|市财政局"), ("云南省|省财政厅", "盈江县|县财政局"),
    ("云南省|省发展改革委", "盈江县|县发改局"),
    ("云南省|省司法厅", "盈江县|县司法局"),
    ("云南省|人民银行昆明中心支行", "盈江县|人行盈江支行"),
}


@pytest.fixture(scope="module")
def seed_units(seeds):
    docs, chains, _ = seeds
    out = []
    for did, doc in docs.items():
        jurisdiction = chains[did][0]
        for name in dict.fromkeys(r.unit for t in doc.tasks for r in t.responsibilities):
            info = describe_unit(name, jurisdiction, doc.level)
            out.append({"key": f"{jurisdiction}|{name}", "name": name, "jurisdiction": jurisdiction,
                        "function": info.function, "kind": info.kind})
    return out


def test_mirrors_on_the_seeds(seed_units):
    problems = []
    found = find_mirrors(seed_units, problems)
    assert problems == []
    pairs = {(u, lo) for u, lo, _ in found}
    tp = len(pairs & EXPECTED_MIRRORS)
    precision, recall = tp / len(pairs), tp / len(EXPECTED_MIRRORS)
    assert precision >= 0.9 and recall >= 0.9, (sorted(pairs - EXPECTED_MIRRORS), sorted(EXPECTED_MIRRORS - pairs))
    assert pairs == EXPECTED_MIRRORS
    functions = {(u, lo): f for u, lo, f in found}
    assert functions[("云南省|省卫生健康委", "盈江县|县卫生健康局")] == "卫生健康"


def test_no_mirror_across_provinces(seed_units):
    found = find_mirrors(seed_units)
    for upper, lower, _ in found:
        assert not lower.startswith("云阳县|"), (upper, lower)  # 云阳 is under 重庆市
        assert not upper.startswith("青海省|") and not lower.startswith("青海省|"), (upper, lower)
        assert not (upper.startswith("昆明市|") and lower.startswith("盈江县|"))  # siblings' lines
    keys = {(u, lo) for u, lo, _ in found}
    assert ("云南省|省卫生健康委", "云阳县|县卫生健康委") not in keys
    assert ("云南省|省卫生健康委", "青海省|省卫生健康委") not in keys
    assert ("青海省|省卫生健康委", "云南省|省卫生健康委") not in keys


def test_no_mirror_without_function_and_objects_accepted():
    class U:
        def __init__(self, key, function, jurisdiction):
            self.key, self.function, self.jurisdiction = key, function, jurisdiction

    units = [U("云南省|各州(市)党委和政府", None, "云南省"), U("盈江县|各乡镇", None, "盈江县"),
             U("云南省|省财政厅", "财政", "云南省"), U("盈江县|县财政局", "财政", "盈江县"),
             U("德宏州|州财政局", "财政", "德宏州")]  # a short name works too
    assert find_mirrors(units) == [
        ("云南省|省财政厅", "德宏州|州财政局", "财政"),
        ("云南省|省财政厅", "盈江县|县财政局", "财政"),
        ("德宏州|州财政局", "盈江县|县财政局", "财政"),
    ]


def test_ambiguous_jurisdiction_gets_no_mirror_and_is_reported():
    units = [{"key": "北京市|市财政局", "function": "财政", "jurisdiction": "北京市"},
             {"key": "朝阳区|区财政局", "function": "财政", "jurisdiction": "朝阳区"}]
    problems = []
    assert find_mirrors(units, problems) == []
    assert len(problems) == 1 and "朝阳区" in problems[0]


def test_mirrors_scale_linearly():
    """Every division with 20 functions (about 64,000 units); bench/timings.py times it."""
    funcs = [f"f{i}" for i in range(20)]
    units = [{"key": f"{p.code}|{f}", "function": f, "jurisdiction": p.code}
             for p in places.all_places() for f in funcs]
    found = find_mirrors(units)
    expected = sum(len(p.parents) for p in places.all_places()) * len(funcs)
    assert len(found) == expected


# --- CARRIES ---------------------------------------------------------------------------
# The hand-read pairs, with their kinds, live in tests/golden/carries_<lower>_<upper>.json;
# bench/carries.py prints precision and recall against them.


def golden_pairs(lower: str, upper: str):
    raw = json.loads((ROOT / "tests" / "golden" / f"carries_{lower}_{upper}.json").read_text(encoding="utf-8"))
    pairs = {(f"{lower}:{lo}", f"{upper}:{up}"): kind for lo, up, kind, *_ in raw["pairs"]}
    return pairs, {(f"{lower}:{lo}", f"{upper}:{up}") for lo, up, *_ in raw["doubtful"]}


@pytest.fixture(scope="module")
def carries(seeds):
    _, chains, tasks = seeds
    return find_carries(tasks, chains)


def test_carries_004_000_every_hand_read_pair_and_kind(carries):
    pairs, _ = golden_pairs("004", "000")
    found = {(c.lower, c.upper): c.kind for c in carries if c.lower.startswith("004:")}
    assert found == pairs  # 20 adapted rows, all `same`, nothing else
    assert all(c.score >= THRESHOLD for c in carries if c.lower.startswith("004:"))


def test_carries_001_000_kunming_in_its_own_words(carries):
    pairs, doubtful = golden_pairs("001", "000")
    carried = {(c.lower, c.upper) for c in carries if c.lower.startswith("001:") and c.score >= THRESHOLD}
    assert carried - doubtful <= set(pairs)  # no wrong pair is carried
    # the close copies that are found, and the partial ones (measured: bench/carries.py)
    assert {p for p, k in pairs.items() if k == "same"} - carried == {("001:14", "000:20")}
    assert {p for p, k in pairs.items() if k == "partial"} & carried == {
        ("001:2", "000:4"), ("001:3", "000:4"), ("001:9", "000:8"), ("001:11", "000:16")}


def test_carries_kinds_against_the_hand_read_ones(carries):
    by_pair = {(c.lower, c.upper): c for c in carries}
    assert by_pair["001:11", "000:14"].kind == "same"      # copied word for word
    assert by_pair["001:9", "000:10"].kind == "same"       # 2 示范 机构 a 县区, in a longer task
    assert by_pair["001:3", "000:4"].kind == "partial"     # one sentence of two
    assert by_pair["001:9", "000:8"].kind == "partial"     # one clause of four


def test_uncertain_pairs_follow_the_plans_order(carries):
    """Below `carried` a pair is kept only where it fills a gap in the plans' order:
    昆明 9 ↔ 云南 9, 4 ↔ 5 and 14 ↔ 20 (hand-read pairs, one task of each unanchored);
    昆明 8 ↔ 云南 11 (a piece of 11 that 昆明 9 leaves out, beside it); and one wrong pair,
    昆明 3 ↔ 云南 5 (0.29, 网络 and 队伍建设 in common). 昆明 9 ↔ 云南 1 (0.33) and
    2 ↔ 9 (0.33) go against the order; 盈江 17 ↔ 云南 18 (0.33) is an echo of a row 盈江
    copies whole. status names the band."""
    below = [c for c in carries if c.score < THRESHOLD]
    assert {(c.lower, c.upper) for c in below} == {
        ("001:9", "000:9"), ("001:4", "000:5"), ("001:14", "000:20"), ("001:8", "000:11"), ("001:3", "000:5")}
    assert [status(s) for s in (None, 0.1, 0.3, THRESHOLD, 1.0)] == [
        "dropped", "dropped", "uncertain", "carried", "carried"]


def test_a_score_depends_only_on_the_two_plans(seeds):
    """Adding a plan elsewhere (another province's, or a second upper plan) changes
    nothing in the pairs already scored."""
    _, chains, tasks = seeds
    alone = find_carries({d: tasks[d] for d in ("000", "004")}, chains)
    crowded = find_carries(tasks, chains)
    assert alone == [c for c in crowded if c.lower.startswith("004:")]
    other = dict(tasks, qh=[dict(t, key=f"qh:{t['id']}") for t in tasks["000"]])
    assert find_carries(other, dict(chains, qh=["云南省"])) != crowded  # 云南 twice: 004 carries both
    assert [c for c in find_carries(other, dict(chains, qh=["云南省"])) if c.upper.startswith("000:")] == \
        [c for c in crowded if c.upper.startswith("000:")]


def test_carries_only_down_the_jurisdiction_chain(carries):
    for lower, upper, score, kind in carries:
        assert (lower[:3], upper[:3]) in {("004", "000"), ("001", "000")}, (lower, upper)
        assert 0.0 < score <= 1.0 and kind in ("same", "partial")
    # 盈江's and 昆明's plans are siblings' (德宏 ≠ 昆明): never compared
    assert not any(c.lower.startswith("004:") and c.upper.startswith("001:") for c in carries)


def test_a_copy_in_another_province_is_not_carried(seeds):
    _, chains, tasks = seeds
    # 盈江's table re-issued as if by 云阳 (重庆市): nothing above it in 云南 is carried
    copy = {"yy": [dict(t, key=f"yy:{t['id']}") for t in tasks["004"]], "000": tasks["000"]}
    chain = {"yy": ["云阳县", "重庆市"], "000": chains["000"]}
    assert find_carries(copy, chain) == []
    # and a plan of the same jurisdiction is not "above" another one
    same = {"a": tasks["000"], "b": [dict(t, key=f"b:{t['id']}") for t in tasks["000"]]}
    assert find_carries(same, {"a": ["云南省"], "b": ["云南省"]}) == []


def test_clauses_and_ngrams():
    text = "取消社会抚养费,清理和废止与三孩生育政策不适应的规定。短句。严格落实产假、护理假等制度;"
    assert clauses(text) == ["清理和废止与三孩生育政策不适应的规定", "严格落实产假、护理假等制度"]
    assert clauses("短句。") == ["短句。"]  # nothing long enough: the whole text
    assert ngrams("托育,服务") == {"托育", "服务"}  # never across punctuation
    assert ngrams("女职工") == {"女职", "职工", "女职工"}


def test_carries_scale(seeds):
    """3,000 plans in a province/prefecture/county tree, each printing one seed's tasks
    (province plans 省…, prefecture 市…, county 县…): blocked by chain, not quadratic."""
    import random

    docs, _, _ = seeds
    rnd = random.Random(3)
    texts = [[t.text for t in d.tasks] for d in docs.values()]
    tasks, chains = {}, {}

    def add(chain, sub):
        did = f"d{len(tasks)}"
        tasks[did] = [{"key": f"{did}:{i}", "text": x.replace("省", sub)} for i, x in enumerate(rnd.choice(texts))]
        chains[did] = chain

    for p in range(31):
        add([f"P{p}"], "省")
        for c in range(10):
            add([f"P{p}C{c}", f"P{p}"], "市")
            for k in range(9 if c < 5 else 8):
                add([f"P{p}C{c}K{k}", f"P{p}C{c}", f"P{p}"], "县")
    assert len(tasks) == 2976
    found = find_carries(tasks, chains)  # bench/timings.py times it (about 0.7 s)
    assert found


def test_carries_jobs_give_every_pair_of_plans_whoever_runs_them(seeds):
    """The jobs (one per set of upper plans) give exactly the pairs scored one by one, in
    any runner: a thread pool's map (as a process pool runs them) changes nothing."""
    from concurrent.futures import ThreadPoolExecutor

    from resp.loader.carries import ancestors, carries_jobs, collect_carries, score_pair

    _, chains, tasks = seeds
    plans = {d: tuple((t["key"], t["text"]) for t in ts) for d, ts in tasks.items()}
    one_by_one = sorted(c for lower, uppers in ancestors(plans, chains).items()
                        for upper in uppers for c in score_pair(plans[lower], plans[upper]))
    assert one_by_one and find_carries(tasks, chains) == one_by_one
    jobs, keys = carries_jobs(tasks, chains)
    with ThreadPoolExecutor(2) as pool:
        assert collect_carries(jobs, keys, map=pool.map) == one_by_one
    as_tuples = {d: [(t["key"], t["text"]) for t in ts] for d, ts in tasks.items()}
    assert find_carries(as_tuples, chains) == one_by_one
