"""Canned queries and the reading commands on a store of the five seeds.

Expected answers come from the documents (the hand-checked golden records in
tests/golden and what the seed texts print), never from the engine itself.
"""
from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from resp.cli.main import main
from resp.queries import catalog

GOLDEN = Path(__file__).resolve().parent / "golden"
from resp.loader.records import ROLES
# the seeds' issuers, in golden-file order
ISSUERS = {"000": "云南省", "001": "昆明市", "002": "云阳县", "003": "青海省", "004": "盈江县"}


def golden() -> dict[str, dict]:
    return {p.name[:3]: json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLDEN.glob("[0-9][0-9][0-9]_*.json"))}


def runner() -> CliRunner:
    """stdout and stderr apart (click 8.2+ always; 8.1 when asked)."""
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:
        return CliRunner()


def cli(*args, env=None):
    return runner().invoke(main, [str(a) for a in args], env=env)


def rows(db, *args, env=None) -> list[dict]:
    result = cli(*args, "--db", db, "--json", env=env)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def open_store(db):
    from resp.store import open_store as _open

    return _open(db_path=db)


# --------------------------------------------------------------------------
# the catalog
# --------------------------------------------------------------------------

REQUIRED = {"who_leads", "who_leads_task", "tasks", "mirrors", "coverage", "partners",
            "stats", "lead_load", "units", "units_unresolved", "find_units", "find_jurisdictions"}

# what the common subset of LadybugDB and Neo4j 5 leaves out
FORBIDDEN = [
    (r"\btype\s*\(", "type()"),
    (r"\belementId\s*\(", "elementId()"),
    (r"\bid\s*\(", "id()"),
    (r"\blabels?\s*\(", "label()/labels()"),
    (r"\bEXISTS\s*\{", "EXISTS {}"),
    (r"\bCOUNT\s*\{", "COUNT {}"),
    (r"\bCALL\b", "CALL"),
    (r"\+=", "SET n += map"),
    (r"\[\s*\w+\s+IN\b", "list comprehension"),
    (r"\bapoc\.", "APOC"),
    (r"\bUNION\b", "UNION (LadybugDB does not keep the order of its branches)"),
]


def test_catalog_has_every_question():
    assert REQUIRED <= set(catalog.names())


@pytest.mark.parametrize("name", catalog.names())
def test_header_is_complete(name):
    q = catalog.get(name)
    assert q.title and q.zh and q.en and q.columns
    assert re.search(r"[\u4e00-\u9fff]", q.zh), "the Chinese question"
    used = set(re.findall(r"\$(\w+)", q.body))
    assert used == {p.name for p in q.params}, "every $parameter declared, every declared one used"
    assert q.statements and all(";" not in s for s in q.statements), "`;` only ends a statement"


@pytest.mark.parametrize("name", catalog.names())
def test_common_cypher_subset(name):
    body = catalog.get(name).body
    for pattern, what in FORBIDDEN:
        assert not re.search(pattern, body, re.IGNORECASE), f"{name} uses {what}"
    for clause in re.split(r"\bUNION ALL\b", body):
        # LadybugDB needs a LIMIT after `WITH … ORDER BY`
        for m in re.finditer(r"\bWITH\b(.*?)(?=\bRETURN\b|\bMATCH\b|\bOPTIONAL\b|\bUNWIND\b|$)", clause, re.S):
            if re.search(r"\bORDER BY\b", m.group(1)):
                assert re.search(r"\bLIMIT\b", m.group(1)), f"{name}: WITH … ORDER BY without LIMIT"


SAMPLE = {"text": "托育", "jurisdiction": "盈江县", "task": "7", "unit": "县卫生健康局",
          "role": "lead", "top": 5}


@pytest.mark.parametrize("name", catalog.names())
def test_every_query_runs_with_declared_columns_and_is_deterministic(seeds_store, name):
    q = catalog.get(name)
    params = {p.name: SAMPLE.get(p.name, p.default if not p.required else p.convert("1") if p.type == "int" else "x")
              for p in q.params}
    store = open_store(seeds_store)
    try:
        raw = [store.run(s, q.bind(params)) for s in q.statements]
        first = catalog.run(store, name, params).rows
        second = catalog.run(store, name, params).rows
    finally:
        store.close()
    assert all(r.columns == list(q.columns) for r in raw), "every statement returns the columns"
    assert first == [{c: catalog.plain(v) for c, v in row.items()} for r in raw for row in r.rows]
    assert first == second
    for row in first:
        for value in row.values():
            assert value is None or isinstance(value, (str, int, float, bool, list))
            if isinstance(value, list):
                assert value == sorted(value)


def test_optional_parameters_take_their_defaults():
    q = catalog.get("tasks")
    assert q.bind({"unit": "x"}) == {"unit": "x", "role": "", "jurisdiction": ""}
    assert catalog.get("lead_load").bind({}) == {"top": 10}
    with pytest.raises(catalog.QueryError):
        q.bind({})
    with pytest.raises(catalog.QueryError):
        q.bind({"unit": "x", "nope": 1})
    with pytest.raises(catalog.QueryError):
        catalog.get("lead_load").bind({"top": "many"})


# --------------------------------------------------------------------------
# the questions, against the documents
# --------------------------------------------------------------------------

def test_who_leads_childcare_in_kunming(seeds_store):
    # 001 (昆明市): the tasks naming 托育 and their 牵头 units, as the plan prints them
    got = rows(seeds_store, "who-leads", "托育", "--jurisdiction", "昆明市")
    assert {(r["task"], r["unit"]) for r in got} == {
        ("2", "市卫生健康委"), ("2", "市政务服务管理局"),
        ("8", "市教育体育局"), ("8", "市住房城乡建设局"), ("8", "市卫生健康委"),
        ("9", "市教育体育局"), ("9", "市卫生健康委"),
        ("10", "市卫生健康委"),
    }
    assert {r["jurisdiction"] for r in got} == {"昆明市"}
    assert list(got[0]) == ["unit", "jurisdiction", "task", "text"]


def test_who_leads_matches_golden_everywhere(seeds_store):
    expected = set()
    for key, doc in golden().items():
        for t in doc["tasks"]:
            if "托育" in t["text"]:
                expected |= {(ISSUERS[key], t["id"], r["unit"]) for r in t["responsibilities"]
                             if r["role"] == "lead"}
    got = rows(seeds_store, "who-leads", "托育")
    assert {(r["jurisdiction"], r["task"], r["unit"]) for r in got} == expected
    assert len(got) == len(expected)


def test_who_leads_full_width_input_is_normalised(seeds_store):
    # the parser stores NFKC text: 县(市、区) with ASCII parentheses
    a = rows(seeds_store, "who-leads", "县（市、区）")
    b = rows(seeds_store, "who-leads", "县(市、区)")
    assert a == b and a


def test_who_leads_one_task(seeds_store):
    # 001 task 8: 市教育体育局、市住房城乡建设局、市卫生健康委牵头
    for ref in ("昆明市:8", "昆明:8", "昆明市：8"):
        got = rows(seeds_store, "who-leads", ref)
        assert [r["unit"] for r in got] == ["市住房城乡建设局", "市卫生健康委", "市教育体育局"], ref
        assert {r["task"] for r in got} == {"8"}
        assert got[0]["text"].startswith("健全促进托育服务发展的政策体系。")


def test_text_is_never_cut_in_json(seeds_store):
    doc = golden()["001"]
    text8 = next(t["text"] for t in doc["tasks"] if t["id"] == "8")
    assert len(text8) > 500
    got = rows(seeds_store, "who-leads", "昆明市:8")
    assert got[0]["text"] == text8


def test_tasks_of_county_health_bureau_in_yingjiang(seeds_store):
    # 004 (盈江县): 县卫生健康局 leads 1–15, 21, 22, 24–29 and supports 16, 19, 23
    got = rows(seeds_store, "tasks", "县卫生健康局", "--jurisdiction", "盈江县")
    leads = [str(i) for i in [*range(1, 16), 21, 22, *range(24, 30)]]
    assert sorted((r["task"], r["role"]) for r in got) == sorted(
        [(t, "lead") for t in leads] + [(t, "support") for t in ("16", "19", "23")])
    assert {(r["unit"], r["jurisdiction"]) for r in got} == {("县卫生健康局", "盈江县")}
    assert list(got[0]) == ["unit", "role", "jurisdiction", "task", "text"]
    only_support = rows(seeds_store, "tasks", "县卫生健康局", "-j", "盈江", "--role", "support")
    assert sorted(r["task"] for r in only_support) == ["16", "19", "23"]


@pytest.mark.parametrize("key", list(ISSUERS))
def test_tasks_of_every_unit_match_golden(seeds_store, key):
    doc = golden()[key]
    held = Counter()
    for t in doc["tasks"]:
        for r in t["responsibilities"]:
            held[(r["unit"], r["role"], t["id"])] += 1
    store = open_store(seeds_store)
    try:
        for unit in sorted({u for u, _, _ in held})[:12]:
            got = catalog.run(store, "tasks", {"unit": unit, "jurisdiction": ISSUERS[key]}).rows
            got = {(r["unit"], r["role"], r["task"]) for r in got if r["unit"] == unit}
            assert got == {k for k in held if k[0] == unit}, unit
    finally:
        store.close()


def test_stats_equal_the_parse_counts(seeds_store):
    docs = golden()
    got = {(r["kind"], r["key"]): r["count"] for r in rows(seeds_store, "stats", "--top", "3")}
    tasks = sum(len(d["tasks"]) for d in docs.values())
    units = sum(len({r["unit"] for t in d["tasks"] for r in t["responsibilities"]}) for d in docs.values())
    roles = Counter(r["role"] for d in docs.values() for t in d["tasks"] for r in t["responsibilities"])
    assert got[("label", "Document")] == 5
    assert got[("label", "Task")] == tasks == 180
    assert got[("label", "Unit")] == units
    assert got[("label", "Target")] == sum(len(d["targets"]) for d in docs.values())
    for role in ROLES:
        assert got[("role", role)] == roles[role]
    assert (roles["lead"], roles["support"], roles["implement"], roles["responsible"]) == (265, 507, 93, 40)
    for key, d in docs.items():
        assert got[("jurisdiction", ISSUERS[key])] == len(d["tasks"])
    lead_load = [(k, c) for (kind, k), c in got.items() if kind == "lead_load"]
    assert len(lead_load) == 3
    # 省卫生健康委 leads the most tasks of any seed: 20 of 云南省's, 21 entries of 青海省's
    per_unit = Counter()
    for key, d in docs.items():
        for t in d["tasks"]:
            for r in t["responsibilities"]:
                if r["role"] == "lead":
                    per_unit[f"{ISSUERS[key]}|{r['unit']}"] += 1
    top = sorted(per_unit.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    assert lead_load == top
    assert lead_load[0] == ("青海省|省卫生健康委", 26)


def test_lead_load_is_a_true_top_k(seeds_store):
    # LadybugDB drops an ORDER BY that an aggregation follows; lead_load must not rely on one
    every = rows(seeds_store, "query", "lead_load", "-p", "top=1000")
    for k in (0, 1, 5):
        assert rows(seeds_store, "query", "lead_load", "-p", f"top={k}") == every[:k]
    assert [r["count"] for r in every] == sorted((r["count"] for r in every), reverse=True)
    assert [r["kind"] for r in rows(seeds_store, "stats", "--top", "0")].count("lead_load") == 0


def test_stats_rows_keep_their_order(seeds_store):
    got = rows(seeds_store, "stats")
    kinds = [r["kind"] for r in got]
    order = ["label", "role", "relationship", "jurisdiction", "lead_load"]
    assert kinds == sorted(kinds, key=order.index)
    lead = [r["count"] for r in got if r["kind"] == "lead_load"]
    assert lead == sorted(lead, reverse=True) and len(lead) == 10


def test_partners_match_golden(seeds_store):
    doc = golden()["004"]
    shared: dict[str, set] = {}
    pairs: dict[str, set] = {}
    for t in doc["tasks"]:
        mine = {r["role"] for r in t["responsibilities"] if r["unit"] == "县卫生健康局"}
        for r in t["responsibilities"]:
            if mine and r["unit"] != "县卫生健康局":
                shared.setdefault(r["unit"], set()).add(t["id"])
                pairs.setdefault(r["unit"], set()).update(f"{m}/{r['role']}" for m in mine)
    got = rows(seeds_store, "partners", "县卫生健康局", "-j", "盈江县")
    assert {r["partner"]: r["shared_tasks"] for r in got} == {u: len(s) for u, s in shared.items()}
    assert {r["partner"]: r["roles"] for r in got} == {u: sorted(p) for u, p in pairs.items()}
    counts = [r["shared_tasks"] for r in got]
    assert counts == sorted(counts, reverse=True)
    assert list(got[0]) == ["unit", "jurisdiction", "partner", "partner_jurisdiction", "shared_tasks", "roles"]


def test_mirrors_up_and_down(seeds_store):
    up = rows(seeds_store, "mirrors", "县卫生健康局", "-j", "盈江县")
    assert list(up[0]) == ["unit", "jurisdiction", "function", "mirror", "mirror_jurisdiction",
                           "mirror_level", "direction"]
    # 盈江县 ⊂ 德宏州 ⊂ 云南省: the provincial health commission is its counterpart above
    assert {"unit": "县卫生健康局", "jurisdiction": "盈江县", "mirror": "省卫生健康委",
            "mirror_jurisdiction": "云南省", "mirror_level": "province", "direction": "up"} \
        .items() <= next(r for r in up if r["mirror"] == "省卫生健康委").items()
    assert {r["direction"] for r in up} == {"up"}
    down = rows(seeds_store, "mirrors", "省卫生健康委", "-j", "云南省")
    assert {(r["mirror"], r["mirror_jurisdiction"], r["direction"]) for r in down} >= {
        ("县卫生健康局", "盈江县", "down"), ("市卫生健康委", "昆明市", "down")}
    # 青海省 is not above any loaded plan
    assert rows(seeds_store, "mirrors", "省卫生健康委", "-j", "青海省") == []


def test_coverage_lists_every_upper_task(seeds_store):
    got = rows(seeds_store, "coverage", "昆明")
    assert list(got[0]) == ["upper_jurisdiction", "upper_task", "lower_jurisdiction", "lower_task", "score"]
    province = {t["id"] for t in golden()["000"]["tasks"]}
    assert {r["upper_task"] for r in got} == province          # 云南省's 20 tasks, each once at least
    assert {r["upper_jurisdiction"] for r in got} == {"云南省"}
    assert {r["lower_jurisdiction"] for r in got} == {"昆明市"}
    kunming = {t["id"] for t in golden()["001"]["tasks"]}
    for r in got:
        assert (r["lower_task"] is None) == (r["score"] is None)
        if r["lower_task"] is not None:
            assert r["lower_task"] in kunming and 0 < r["score"] <= 1.0 + 1e-9
        else:  # a dropped task has exactly one row
            assert sum(1 for x in got if x["upper_task"] == r["upper_task"]) == 1
    # 盈江县's plans above: 云南省 only (德宏州 has no plan loaded); 昆明市 is not above it
    assert {r["upper_jurisdiction"] for r in rows(seeds_store, "coverage", "盈江县")} == {"云南省"}
    assert rows(seeds_store, "coverage", "云南省") == []
    # 五华区 (a target row of 昆明市's plan) issued no plan: nothing to compare, not "all dropped"
    assert rows(seeds_store, "coverage", "五华区") == []


def test_units_and_unresolved(seeds_store):
    docs = golden()
    everything = rows(seeds_store, "units")
    assert len(everything) == sum(len({r["unit"] for t in d["tasks"] for r in t["responsibilities"]})
                                  for d in docs.values())
    yingjiang = rows(seeds_store, "units", "-j", "盈江县")
    assert {r["unit"] for r in yingjiang} == {r["unit"] for t in docs["004"]["tasks"] for r in t["responsibilities"]}
    assert next(r for r in yingjiang if r["unit"] == "县卫生健康局")["tasks"] == 26
    unresolved = rows(seeds_store, "units", "--unresolved")
    assert all(r["resolved"] is not True for r in unresolved)
    assert len(unresolved) == sum(1 for r in everything if r["resolved"] is not True)


# --------------------------------------------------------------------------
# resolving names: printed, canonical, fragment; ambiguous and unknown
# --------------------------------------------------------------------------

def test_unit_fragment_leading_to_one_name(seeds_store):
    by_name = rows(seeds_store, "tasks", "县卫生健康局", "-j", "盈江县")
    by_fragment = rows(seeds_store, "tasks", "卫生健康局", "-j", "盈江县")
    assert by_fragment == by_name


def test_jurisdiction_by_short_name_and_fragment(seeds_store):
    full = rows(seeds_store, "units", "-j", "德宏傣族景颇族自治州")
    assert full == rows(seeds_store, "units", "-j", "德宏州") == rows(seeds_store, "units", "-j", "景颇")
    assert rows(seeds_store, "units", "-j", "盈江") == rows(seeds_store, "units", "-j", "盈江县")


@pytest.mark.parametrize("args", [
    ("tasks", "卫生"),                        # 省卫生健康委, 市卫生健康委, 县卫生健康局, …
    ("partners", "局", "-j", "盈江县"),
    ("coverage", "省"),                       # 云南省, 青海省
    ("who-leads", "托育", "-j", "县"),        # 云阳县, 盈江县, 宜良县, …
    ("who-leads", "省:3"),                   # JURISDICTION:ID with an ambiguous place
])
def test_ambiguous_lists_candidates_and_exits_2(seeds_store, args):
    result = cli(*args, "--db", seeds_store)
    assert result.exit_code == 2, result.output
    assert "say which one" in result.stderr
    assert result.stdout == ""


def test_ambiguous_unit_names_its_candidates(seeds_store):
    result = cli("tasks", "卫生", "--db", seeds_store)
    assert result.exit_code == 2
    for name in ("省卫生健康委", "市卫生健康委", "县卫生健康局"):
        assert name in result.stderr


@pytest.mark.parametrize("args", [
    ("tasks", "火星探测局"),
    ("mirrors", "县卫生健康局", "-j", "火星"),
    ("coverage", "火星市"),
    ("partners", "县卫生健康局", "-j", "青海省"),   # no such unit in 青海省
])
def test_no_match_says_so_and_exits_1(seeds_store, args):
    result = cli(*args, "--db", seeds_store)
    assert result.exit_code == 1, result.output
    assert "no " in result.stderr and "matches" in result.stderr


def test_missing_store_is_an_error(tmp_path):
    result = cli("stats", "--db", tmp_path / "none.db")
    assert result.exit_code == 1
    assert "resp load" in result.output


def test_embedded_store_even_when_neo4j_uri_is_set(seeds_store):
    env = {"NEO4J_URI": "bolt://127.0.0.1:9", "NEO4J_USERNAME": "x", "NEO4J_PASSWORD": "y"}
    assert rows(seeds_store, "stats", env=env) == rows(seeds_store, "stats")


# --------------------------------------------------------------------------
# injection and writes
# --------------------------------------------------------------------------

def _fingerprint(db) -> list[dict]:
    return rows(db, "stats", "--top", "1000")


HOSTILE = [
    "' OR 1=1 //",
    "托育' OR '1'='1",
    "x\") DETACH DELETE t //",
    "x' }) MATCH (n) DETACH DELETE n //",
    "$text",
]


@pytest.mark.parametrize("payload", HOSTILE)
def test_injection_through_parameters_changes_nothing(seeds_store, payload):
    before = _fingerprint(seeds_store)
    assert rows(seeds_store, "who-leads", payload) == []
    assert rows(seeds_store, "query", "who_leads", "-p", f"text={payload}") == []
    assert rows(seeds_store, "query", "tasks", "-p", f"unit={payload}", "-p", f"role={payload}") == []
    assert cli("tasks", payload, "--db", seeds_store).exit_code == 1
    assert cli("coverage", payload, "--db", seeds_store).exit_code == 1
    assert _fingerprint(seeds_store) == before


def test_cypher_reads(seeds_store):
    got = rows(seeds_store, "cypher", "MATCH (u:Unit) WHERE u.name = $n RETURN u.jurisdiction AS j ORDER BY j",
               "-p", "n=县卫生健康局")
    assert [r["j"] for r in got] == ["盈江县"]
    got = rows(seeds_store, "cypher", "MATCH (t:Task) RETURN count(t) AS tasks")
    assert got == [{"tasks": 180}]
    got = rows(seeds_store, "cypher", "RETURN $n + 1 AS m", "-p", "n:=41")
    assert got == [{"m": 42}]


@pytest.mark.parametrize("statement", [
    "MATCH (u:Unit) DETACH DELETE u",
    "MATCH (u:Unit) SET u.name = 'x'",
    "CREATE (:Jurisdiction {name: 'x'})",
    "MATCH (t:Task) RETURN count(t) AS n; MATCH (t:Task) DETACH DELETE t",
    "CREATE NODE TABLE Evil(a STRING, PRIMARY KEY(a))",
    "match (u:Unit)   detach\ndelete u",
])
def test_cypher_refuses_a_write_without_write(seeds_store, statement):
    before = _fingerprint(seeds_store)
    result = cli("cypher", statement, "--db", seeds_store)
    assert result.exit_code != 0
    assert "--write" in result.output
    assert _fingerprint(seeds_store) == before


def test_cypher_write_with_write(seeds_store, tmp_path):
    db = tmp_path / "copy.db"
    shutil.copyfile(seeds_store, db)
    result = cli("cypher", "MATCH (u:Unit) WHERE u.name = $n SET u.name = $m RETURN count(u) AS changed",
                 "-p", "n=县卫生健康局", "-p", "m=县卫健局", "--write", "--db", db, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"changed": 1}]
    assert rows(str(db), "tasks", "县卫健局")[0]["jurisdiction"] == "盈江县"
    # the canonical name still leads to it
    assert {r["unit"] for r in rows(str(db), "tasks", "县卫生健康局", "-j", "盈江县")} == {"县卫健局"}


# --------------------------------------------------------------------------
# the catalog commands and output
# --------------------------------------------------------------------------

def test_queries_lists_and_prints(seeds_store):
    listed = json.loads(cli("queries", "--json").stdout)
    assert [q["name"] for q in listed] == list(catalog.names())
    tasks = next(q for q in listed if q["name"] == "tasks")
    assert tasks["columns"] == ["unit", "role", "jurisdiction", "task", "text"]
    assert [p["name"] for p in tasks["parameters"]] == ["unit", "role", "jurisdiction"]
    text = cli("queries", "who_leads").stdout
    assert text == catalog.get("who_leads").text
    assert text.startswith("// title:")
    table = cli("queries")
    assert table.exit_code == 0 and "who_leads" in table.stdout
    assert cli("queries", "nope").exit_code == 2


def test_query_runs_a_canned_query(seeds_store):
    got = rows(seeds_store, "query", "who_leads", "-p", "text=托育", "-p", "jurisdiction=昆明市")
    assert got == rows(seeds_store, "who-leads", "托育", "-j", "昆明市")
    assert cli("query", "who_leads", "--db", seeds_store).exit_code == 2           # text missing
    assert cli("query", "lead_load", "-p", "top=x", "--db", seeds_store).exit_code == 2
    assert cli("query", "stats", "-p", "nope=1", "--db", seeds_store).exit_code == 2
    assert cli("query", "lead_load", "-p", "top", "--db", seeds_store).exit_code == 2
    assert cli("query", "nope", "--db", seeds_store).exit_code == 2


def test_table_output(seeds_store):
    result = cli("who-leads", "托育", "-j", "昆明市", "--db", seeds_store)
    assert result.exit_code == 0
    for column in ("unit", "jurisdiction", "task", "text"):
        assert column in result.stdout
    assert "市政务服务管理局" in result.stdout and "8 rows" in result.stdout


def test_tasks_come_in_the_order_the_plan_prints_them(seeds_store):
    # printed ids sort as text (1, 10, 11, 2); the rows follow the plan instead
    doc = golden()["004"]
    led = [t["id"] for t in doc["tasks"]
           if any(r["unit"] == "县卫生健康局" and r["role"] == "lead" for r in t["responsibilities"])]
    got = rows(seeds_store, "tasks", "县卫生健康局", "--role", "lead", "--jurisdiction", "盈江县")
    assert [r["task"] for r in got] == led
    assert led.index("2") < led.index("10")
    topic = [r["task"] for r in rows(seeds_store, "who-leads", "托育", "--jurisdiction", "盈江县")]
    assert topic == sorted(topic, key=[t["id"] for t in doc["tasks"]].index)
