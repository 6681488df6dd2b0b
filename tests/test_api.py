"""resp.api, the library a notebook uses: the calls the CLI is a shell over.

Expected rows are read off seed 004 by hand (data/seeds/004_a10134946afdf1c5.txt,
附件1 row 1: 县卫生健康局、县发改局、县教育体育局牵头).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from resp import api

SEED_004 = Path(__file__).resolve().parents[1] / "data" / "seeds" / "004_a10134946afdf1c5.txt"
TASK_1_LEADS = ["县发改局", "县卫生健康局", "县教育体育局"]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("api") / "resp.db")
    report = api.load([SEED_004], path)
    assert report.loaded == [str(SEED_004)] and report.failed == {}
    return path


def test_load_then_query_as_the_readme_shows(db):
    with api.open_store(db) as store:
        rows = api.query(store, "who_leads", text="托育", jurisdiction="盈江县").rows
    assert sorted(r["unit"] for r in rows if r["task"] == "1") == sorted(TASK_1_LEADS)
    assert {r["jurisdiction"] for r in rows} == {"盈江县"}


def test_who_leads_one_task_by_jurisdiction_and_id(db):
    with api.open_store(db) as store:
        result = api.who_leads(store, "盈江:1")
    assert result.query == "who_leads_task"
    assert sorted(r["unit"] for r in result.rows) == sorted(TASK_1_LEADS)


def test_loading_again_skips_and_a_bad_file_is_named(db, tmp_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(SEED_004, folder / SEED_004.name)
    (folder / "empty.txt").write_bytes(b"")
    report = api.load([folder], db)
    # a copy at another path has the same bytes: skipped
    assert report.loaded == [] and report.skipped == [str(folder / SEED_004.name)]
    assert list(report.failed) == [str(folder / "empty.txt")]
    message = report.failed[str(folder / "empty.txt")]
    assert "empty.txt" in message and "\n" not in message


def test_load_of_nothing_says_so(tmp_path):
    with pytest.raises(api.NoDocuments):
        api.load([tmp_path], str(tmp_path / "resp.db"))


def test_open_store_that_does_not_exist_is_an_error(tmp_path):
    with pytest.raises(api.StoreNotFound, match="run `resp load` first"):
        api.open_store(str(tmp_path / "none.db"))


def test_cypher_is_read_only_unless_write(db):
    count = "MATCH (d:Document) RETURN count(d) AS n"
    assert api.cypher(count, store=db).rows == [{"n": 1}]
    with pytest.raises(api.ReadOnlyRefused, match="add --write"):
        api.cypher("CREATE (:Jurisdiction {name: 'x'})", store=db)
    with api.open_store(db) as store:
        assert api.query(store, "find_jurisdictions", text="x").rows == []


def test_every_library_error_is_one_of_errors():
    for error in (api.StoreError, api.StoreNotFound, api.ReadOnlyRefused, api.QueryError,
                  api.NoMatch, api.Ambiguous, api.ParseError, api.PictureError, api.NoDocuments):
        assert issubclass(error, api.ERRORS)
