"""Answers an analyst can trust (issue 19): corrections that stick, `resp documents`,
coverage with kinds and status, and empty answers that explain themselves.

Expectations are written by hand: the plan below names its issuer only in its 文章来源
line, as 灵璧县's 卫健委 plan does; the coverage rows are read off tests/golden/carries_*.json.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from resp import api
from resp.cli.main import main

PLAN = ("卫生健康委员会关于印发托育服务工作任务分工的通知\n\n一、重点任务\n"
        "1.加强托育服务机构综合监管。牵头单位:县卫生健康委;配合单位:县市场监管局。\n"
        "2.推进普惠托育服务体系建设。牵头单位:县发展改革局;配合单位:县财政局。\n\n"
        "文章来源:灵璧县卫生健康委员会\n")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def documents(db) -> list[dict]:
    result = run("documents", "--db", db, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def plan(tmp_path) -> tuple[Path, Path]:
    path = tmp_path / "plans" / "lingbi.txt"
    path.parent.mkdir()
    path.write_text(PLAN, encoding="utf-8")
    return path, tmp_path / "store.db"


# --- corrections that stick --------------------------------------------------------------

def test_unknown_issuer_is_listed_with_the_command_that_fixes_it(plan):
    path, db = plan
    out = run("load", path, "--db", db).output
    assert "1 document(s) with no known issuer" in out
    assert "--jurisdiction NAME" in out and "lingbi.txt" in out
    [doc] = documents(db)
    assert (doc["issuer"], doc["tasks"], doc["warnings"], doc["corrected"]) == (None, 2, 1, [])


def test_a_correction_re_applies_to_a_stored_document_and_sticks(plan):
    path, db = plan
    run("load", path, "--db", db)
    out = run("load", path, "--db", db, "--jurisdiction", "灵璧县").output
    assert "0 loaded, 1 corrected, 0 unchanged (skipped)" in out
    assert "no known issuer" not in out
    [doc] = documents(db)
    assert (doc["issuer"], doc["level"], doc["corrected"]) == ("灵璧县", "county", ["jurisdiction"])
    # a later plain load of the same bytes keeps it
    out = run("load", path.parent, "--db", db).output
    assert "0 loaded, 1 unchanged (skipped)" in out
    assert documents(db)[0]["issuer"] == "灵璧县"
    # the same correction again changes nothing
    assert "1 unchanged (skipped)" in run("load", path, "--db", db, "--jurisdiction", "灵璧县").output


def test_corrections_add_up_until_changed_again(plan):
    path, db = plan
    run("load", path, "--db", db, "--jurisdiction", "灵璧县")
    assert "1 corrected" in run("load", path, "--db", db, "--issued", "2023-05-01").output
    [doc] = documents(db)
    assert (doc["issuer"], doc["issued"], doc["corrected"]) == ("灵璧县", "2023-05-01", ["issued", "jurisdiction"])
    # a sidecar is a correction too, and changes what it names
    path.with_name(path.name + ".meta.json").write_text(json.dumps({"jurisdiction": "泗县"}), encoding="utf-8")
    assert "1 corrected" in run("load", path, "--db", db).output
    [doc] = documents(db)
    assert (doc["issuer"], doc["issued"]) == ("泗县", "2023-05-01")


def test_a_correction_sticks_on_a_neo4j_server_too(plan, bolt_server):
    from resp.store.bolt import BoltStore

    path, db = plan
    database = bolt_server.create_database("corrections")
    env = bolt_server.env(database)
    for extra in ([], ["--jurisdiction", "灵璧县"], []):
        result = CliRunner().invoke(main, ["load", str(path), "--neo4j", "--db", str(db), *extra], env=env)
        assert result.exit_code == 0, result.output
    with BoltStore(bolt_server.settings(database=database)) as store:
        rows = store.run("MATCH (d:Document) RETURN d.jurisdiction AS issuer, d.corrected AS corrected").rows
    assert rows == [{"issuer": "灵璧县", "corrected": ["jurisdiction"]}]


def test_a_bad_level_is_refused(plan):
    path, db = plan
    result = run("load", path, "--db", db, "--level", "village")
    assert result.exit_code == 2 and "village" in result.output


def test_documents_lists_the_seeds(seeds_store):
    rows = {Path(r["file"]).name[:3]: r for r in documents(seeds_store)}
    assert {k: (r["issuer"], r["level"], r["tasks"]) for k, r in rows.items()} == {
        "000": ("云南省", "province", 20), "001": ("昆明市", "prefecture", 18),
        "002": ("云阳县", "county", 69), "003": ("青海省", "province", 44),
        "004": ("盈江县", "county", 29)}
    assert (rows["004"]["number"], rows["004"]["warnings"]) == ("盈发〔2023〕8号", 2)


# --- coverage: kinds, status, nothing to compare -----------------------------------------

def test_coverage_shows_every_upper_task_with_kind_and_status(seeds_store):
    with api.open_store(seeds_store) as store:
        rows = api.coverage(store, "昆明").rows
    got = {(r["upper_task"], r["lower_task"]): (r["kind"], r["status"]) for r in rows}
    # read off tests/golden/carries_001_000.json: a close copy, a split, a regrouping
    assert got["14", "11"] == ("same", "carried")
    assert got["4", "3"] == ("partial", "carried")
    assert got["8", "9"] == ("partial", "carried")
    assert {r["upper_task"] for r in rows} == {str(i) for i in range(1, 21)}
    # 云南 1 (the 2025 target) is stated nowhere in 昆明's plan; 云南 20 is, in 昆明 14's own words
    assert [(r["lower_task"], r["status"]) for r in rows if r["upper_task"] == "1"] == [(None, "dropped")]
    assert got["20", "14"][1] == "uncertain" and got["9", "9"][1] == "uncertain"
    assert all(r["status"] == "carried" for r in rows if (r["score"] or 0) >= 0.45)


def test_coverage_with_nothing_above_or_below_says_so(seeds_store):
    top = run("coverage", "云南省", "--db", seeds_store)
    assert top.exit_code == 1 and "no plan of a jurisdiction above 云南省 is loaded" in top.output
    none = run("coverage", "德宏州", "--db", seeds_store)
    assert none.exit_code == 1 and "德宏傣族景颇族自治州 issued no loaded plan" in none.output


# --- empty answers explain themselves ----------------------------------------------------

def test_unknown_jurisdiction_or_task_is_an_error_naming_the_closest(seeds_store):
    place = run("who-leads", "不存在县:1", "--db", seeds_store)
    assert place.exit_code == 1
    assert "no jurisdiction in the store matches '不存在县'; closest:" in place.output
    task = run("who-leads", "盈江:99", "--db", seeds_store)
    assert task.exit_code == 1
    assert "盈江县 has no task '99' (29 tasks); closest: 9, 19, 29" in task.output
    # text that merely holds a colon is still a topic search
    assert run("who-leads", "目标:托育", "--db", seeds_store).exit_code == 0


def test_a_missing_parameter_is_named(seeds_store):
    result = run("cypher", "RETURN $q AS q", "--db", seeds_store)
    assert result.exit_code == 1 and "$q" in result.output and "-p q=" in result.output
    assert run("cypher", "RETURN $q AS q", "-p", "q=1", "--db", seeds_store).exit_code == 0
    assert run("cypher", "RETURN '$q' AS q", "--db", seeds_store).exit_code == 0  # in a string


def test_ambiguity_counts_what_it_lists_and_suggests_the_flag(seeds_store):
    result = run("tasks", "卫生", "--db", seeds_store)
    assert result.exit_code == 2
    text = " ".join(result.output.split())
    assert "'卫生' matches 5 units (4 printed names)" in text and "-j/--jurisdiction narrows it" in text
    listed = [ln for ln in result.output.splitlines() if ln.startswith("│") and ln.split("│")[2].strip()]
    assert len(listed) == 5  # one table line a unit: each names its jurisdiction


def test_stats_shows_a_tie_at_the_cut_off(seeds_store):
    """Counted by hand on the seeds: 云南 and 昆明's 卫生健康委 lead 15 tasks each (4th and
    5th); 昆明市|市财政局 and 盈江县|县发改局 lead 7 each (10th and 11th)."""
    with api.open_store(seeds_store) as store:
        def lead(top):
            return [(r["key"], r["count"]) for r in api.stats(store, top=top).rows if r["kind"] == "lead_load"]
        assert lead(4)[3:] == [("云南省|省卫生健康委", 15), ("昆明市|市卫生健康委", 15)]
        assert lead(3)[-1] == ("盈江县|县卫生健康局", 23) and len(lead(3)) == 3  # no tie: three rows
        assert lead(10)[9:] == [("昆明市|市财政局", 7), ("盈江县|县发改局", 7)]
