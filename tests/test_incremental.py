"""Incremental loads (store/incremental.py) and `resp remove`: a store built plan by plan
equals one built in a single load; one plan added touches only its own part and its
chain; a kill at any step leaves the old store or the new one; readers keep answering
while a change is written."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from resp import api
from resp.cli.main import main
from resp.loader import graph as model
from resp.loader.parse import parse_file
from resp.store import embedded, incremental
from resp.store.embedded import EmbeddedStore

REPO = Path(__file__).resolve().parent.parent
SEEDS = sorted((REPO / "data" / "seeds").glob("*.txt"))
SEED_004 = SEEDS[4]  # 盈江县 (county) ⊂ 德宏州 ⊂ 云南省: 29 tasks, lead 64, support 69, implement 56, 3 targets


def digest(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def snapshot(db: str):
    """Every node and edge with its properties, and each document's path and record."""
    with EmbeddedStore(db) as store:
        tables = store.tables()
        packed = store.packed()
        kept = {did: (where, packed[did]) for did, where in store.rows("MATCH (d:Document) RETURN d.id, d.path")}
    return tables, kept


def assert_same_store(a: str, b: str) -> None:
    (ta, da), (tb, db) = snapshot(a), snapshot(b)
    for label in ta.nodes:
        assert ta.nodes[label] == tb.nodes[label], f"{label} nodes differ"
    for rel in ta.edges:
        assert ta.edges[rel] == tb.edges[rel], f"{rel} edges differ"
    assert da == db


@pytest.fixture
def no_rebuild(monkeypatch):
    """Any full rebuild fails the test: the incremental path must do the work."""
    def refuse(*args, **kwargs):
        raise AssertionError("a full rebuild ran")

    monkeypatch.setattr(model, "build_tables", refuse)
    monkeypatch.setattr(embedded, "write_store", refuse)


@pytest.fixture
def four_seeds(tmp_path):
    """A store of seeds 000-003 (4 documents, 20+18+69+44 = 151 tasks) and a folder with all five."""
    folder = tmp_path / "plans"
    folder.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, folder / seed.name)
    db = str(tmp_path / "s.db")
    report = api.load([folder / s.name for s in SEEDS[:4]], db)
    assert report.totals["Document"] == 4 and report.totals["Task"] == 151
    return db, folder


# ---------------------------------------------------------------- the same store both ways


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    subprocess.run([sys.executable, str(REPO / "bench" / "make_corpus.py"), "--docs", "300", "--out", str(out)],
                   check=True, capture_output=True)
    return out


def test_a_store_built_plan_by_plan_equals_one_built_in_one_load(tmp_path, corpus, monkeypatch):
    folder = tmp_path / "plans"
    shutil.copytree(corpus, folder)
    for seed in SEEDS:
        shutil.copy(seed, folder / seed.name)
    files = sorted(f for f in folder.glob("0*.txt") if f.name[:5].isdigit() and "_" in f.name[6:])
    corpus_files = [f for f in files if f.name not in {s.name for s in SEEDS}]
    seeds = [folder / s.name for s in SEEDS]
    upper = next(f for f in corpus_files if f.name.split("_")[1] == "130100")  # 石家庄市, above county plans
    later = corpus_files[-14:]
    first = [f for f in corpus_files if f not in later and f != upper]
    changed, dropped, dropped_by_id, corrected = first[3], first[4], first[6], first[8]
    db = str(tmp_path / "inc.db")

    assert api.load(first, db).written  # an empty store: the bulk path
    monkeypatch.setattr(model, "build_tables", lambda *a, **k: pytest.fail("a full rebuild ran"))
    monkeypatch.setattr(embedded, "write_store", lambda *a, **k: pytest.fail("a full rebuild ran"))
    r = api.load([upper], db)  # a plan above plans already loaded
    assert r.loaded == [str(upper)] and r.added["CARRIES"] > 0
    assert r.totals == _stored_counts(db)  # an add's totals are counted before it and added up
    for f in later[:8]:  # one at a time
        r = api.load([f], db)
        assert r.added["Document"] == 1 and r.totals == _stored_counts(db)
    for i in range(8, 14, 3):  # three at a time
        r = api.load(later[i:i + 3], db)
        assert r.added["Document"] == 3 and r.totals == _stored_counts(db)
    # a changed version at the same path replaces the old one
    text = changed.read_text(encoding="utf-8")
    lines = text.splitlines()
    changed.write_text("\n".join(lines[:-3] + [lines[-1] + "并加强督促检查。"]) + "\n", encoding="utf-8")
    r = api.load([changed], db)
    assert r.replaced == [str(changed)] and r.removed["Document"] == 1
    # removed by path and by id
    assert api.remove(db, str(dropped)).dropped == [str(dropped)]
    dropped.unlink()
    with api.open_store(db) as store:
        [row] = [x for x in api.documents(store).rows if x["file"] == str(dropped_by_id)]
    api.remove(db, row["id"])
    dropped_by_id.unlink()
    # a correction stated in a sidecar sticks with the stored record
    Path(f"{corrected}.meta.json").write_text(json.dumps({"issued": "2023-05-01"}), encoding="utf-8")
    assert api.load([corrected], db).corrected == [str(corrected)]
    r = api.load(seeds, db)  # five at once, a province and the plans below it among them
    assert r.added["Document"] == 5

    monkeypatch.undo()
    final = [f for f in sorted(folder.glob("*.txt"))]
    full = str(tmp_path / "full.db")
    report = api.load(final, full)
    assert report.totals["Document"] == len(first) + 1 + 14 - 2 + 5
    assert report.totals["CARRIES"] > 0 and report.totals["MIRRORS"] > 0 and report.totals["CITES"] >= 0
    assert_same_store(db, full)
    with api.open_store(db) as store:
        row = [x for x in api.documents(store).rows if x["file"] == str(corrected)][0]
    assert row["issued"] == "2023-05-01" and row["corrected"] == ["issued"]


# ---------------------------------------------------------------- one plan touches only its part


def test_adding_one_plan_changes_only_its_part_and_never_rebuilds(four_seeds, no_rebuild):
    db, folder = four_seeds
    before, _ = snapshot(db)
    with EmbeddedStore(db) as store:
        ids_before = {r[0]: r[1] for r in store.rows("MATCH (t:Task) RETURN t.key, id(t)")}
    report = api.load([folder / SEED_004.name], db)
    assert report.loaded == [str(folder / SEED_004.name)]
    # seed 004 as `resp parse` prints it (README): 29 tasks, lead 64, support 69, implement 56, 3 targets
    assert (report.added["Document"], report.added["Task"], report.added["LEADS"], report.added["SUPPORTS"],
            report.added["IMPLEMENTS"], report.added["Target"]) == (1, 29, 64, 69, 56, 3)
    assert report.totals["Document"] == 5 and report.totals["Task"] == 180
    after, _ = snapshot(db)
    # what was there stays, row for row; the new rows belong to the new plan or its chain
    for label, rows in before.nodes.items():
        assert all(after.nodes[label][k] == v for k, v in rows.items()), label
    for rel, rows in before.edges.items():
        assert all(after.edges[rel][k] == v for k, v in rows.items()), rel
    new_id = report_id = next(k for k in after.nodes["Document"] if k not in before.nodes["Document"])
    assert all(v[2] == new_id for k, v in after.nodes["Task"].items() if k not in before.nodes["Task"])
    assert all(new_id in (a.split(":")[0], b.split(":")[0])
               for a, b in set(after.edges["CARRIES"]) - set(before.edges["CARRIES"]))
    assert all(a.startswith("盈江县|") or b.startswith("盈江县|")
               for a, b in set(after.edges["MIRRORS"]) - set(before.edges["MIRRORS"]))
    # the stored tasks were not written again: their node ids are those they had
    with EmbeddedStore(db) as store:
        ids_after = {r[0]: r[1] for r in store.rows("MATCH (t:Task) RETURN t.key, id(t)")}
    assert {k: ids_after[k] for k in ids_before} == ids_before
    assert report_id


def test_plans_parsed_in_a_forked_process_load_as_those_parsed_here(four_seeds, tmp_path, monkeypatch):
    """A few files into an existing store are parsed in a forked process while the store
    is read (resp.api._ParsedAside): the store, the failures and the unknown issuers come
    out as when they are parsed in this process (workers=1)."""
    db, folder = four_seeds
    here = str(tmp_path / "here.db")
    shutil.copyfile(db, here)
    broken = folder / "broken.txt"
    broken.write_text("这是一段没有任务的文字。\n", encoding="utf-8")
    started = []
    real = api._ParsedAside.start.__func__

    def start(cls, *args):
        started.append(real(cls, *args))
        return started[-1]

    monkeypatch.setattr(api._ParsedAside, "start", classmethod(start))
    files = [folder / SEED_004.name, broken]
    aside = api.load(files, db)
    assert started and started[0] is not None and started[0].pid is None  # forked, and waited for
    monkeypatch.undo()
    parsed_here = api.load(files, here, workers=1)
    assert aside.loaded == parsed_here.loaded == [str(folder / SEED_004.name)]
    assert aside.failed == parsed_here.failed and list(aside.failed) == [str(broken)]
    assert aside.added == parsed_here.added and aside.totals == parsed_here.totals
    assert_same_store(db, here)
    with api.open_store(db) as store:
        assert api.unknown_issuers(aside) == api.unknown_issuers(store)
    # nothing new: the plan is skipped, the broken file fails again, nothing is written
    again = api.load(files, db)
    assert again.skipped == [str(folder / SEED_004.name)] and list(again.failed) == [str(broken)]
    assert not again.written
    # every file failing: nothing loaded, the store as it was
    only_broken = api.load([broken], db)
    assert not only_broken.loaded and list(only_broken.failed) == [str(broken)]
    assert_same_store(db, here)


def test_a_change_above_the_threshold_rebuilds(tmp_path, monkeypatch):
    db = str(tmp_path / "s.db")
    api.load(SEEDS[:2], db)
    monkeypatch.setattr(incremental, "_compute", lambda *a, **k: pytest.fail("changed incrementally"))
    # 2 documents into a store of 2: above max(1, INCREMENTAL_SHARE × 2)
    assert 2 > max(1, incremental.INCREMENTAL_SHARE * 2)
    report = api.load(SEEDS[2:4], db)
    assert report.written and report.totals["Document"] == 4
    with EmbeddedStore(db) as store:
        assert store.tables() == model.build_tables([parse_file(p) for p in SEEDS[:4]])


# ---------------------------------------------------------------- resp remove


def test_remove_by_id_and_by_path_and_an_unknown_ref(four_seeds):
    db, folder = four_seeds
    with api.open_store(db) as store:
        rows = api.documents(store).rows
    kunming = next(r for r in rows if r["file"].endswith(SEEDS[1].name))
    result = CliRunner().invoke(main, ["remove", kunming["id"], "--db", db])
    assert result.exit_code == 0, result.output
    assert f"removed {folder / SEEDS[1].name}" in result.output and "3 documents left" in result.output
    result = CliRunner().invoke(main, ["remove", str(folder / SEEDS[3].name), "--db", db])
    assert result.exit_code == 0, result.output
    with api.open_store(db) as store:
        files = sorted(r["file"] for r in api.documents(store).rows)
    assert files == [str(folder / SEEDS[0].name), str(folder / SEEDS[2].name)]
    # the same two documents loaded in one go: the same store
    full = str(Path(db).with_name("full.db"))
    api.load([folder / SEEDS[0].name, folder / SEEDS[2].name], full)
    assert_same_store(db, full)

    before = digest(db)
    result = CliRunner().invoke(main, ["remove", str(folder / "001_nothere.txt"), "--db", db])
    assert result.exit_code == 1
    message = result.output.strip()
    assert "\n" not in message and "no document" in message and "closest:" in message
    assert SEEDS[0].name in message or SEEDS[2].name in message
    result = CliRunner().invoke(main, ["remove", kunming["id"], "--db", db])  # gone already
    assert result.exit_code == 1 and "no document" in result.output
    assert digest(db) == before


# ---------------------------------------------------------------- kills and readers

CHILD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from resp import api
    from resp.store import incremental
    point, marker, release = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    def reached(name):
        if name == point:
            marker.touch()
            while not release.exists():
                time.sleep(0.02)
    incremental._reached = reached
    api.load([sys.argv[4]], sys.argv[5])
""")


def _writer(tmp_path, point: str, plan: Path, db: str):
    marker, release = tmp_path / f"at-{point}", tmp_path / f"go-{point}"
    proc = subprocess.Popen([sys.executable, "-c", CHILD, point, str(marker), str(release), str(plan), db])
    deadline = time.time() + 60
    while not marker.exists() and proc.poll() is None and time.time() < deadline:
        time.sleep(0.02)
    assert marker.exists(), f"the writer never reached {point}"
    return proc, release


@pytest.mark.parametrize("point", ["copied", "deleted", "committed", "checkpointed", "replaced"])
def test_a_killed_change_leaves_the_old_store_or_the_new_one(tmp_path, four_seeds, point):
    db, folder = four_seeds
    before = digest(db)
    new = str(tmp_path / "new.db")
    api.load([folder / s.name for s in SEEDS], new)
    proc, _ = _writer(tmp_path, point, folder / SEED_004.name, db)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    if point == "replaced":
        assert_same_store(db, new)
    else:
        assert digest(db) == before
        assert snapshot(db)[0].counts()["Document"] == 4
    # the next change sweeps what the kill left, and completes
    report = api.load([folder / SEED_004.name], db)
    assert report.totals["Document"] == 5
    assert not [n for n in os.listdir(tmp_path) if n.startswith("s.db.tmp-")]
    assert_same_store(db, new)


def test_readers_answer_while_a_change_is_written(tmp_path, four_seeds):
    db, folder = four_seeds
    count = "MATCH (d:Document)-[:HAS_TASK]->(t:Task) RETURN count(t) AS n"
    proc, release = _writer(tmp_path, "committed", folder / SEED_004.name, db)
    try:
        # the writer holds the lock with its transaction committed in the copy: a reader
        # in another process opens the store and is answered, from the old graph
        out = subprocess.run([sys.executable, "-c", "from resp.cli.main import main; main()", "cypher", count,
                              "--db", db],
                             capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr
        assert out.stdout.split() == ["n", "151"]
        with api.open_store(db) as store:
            assert store.run(count).rows == [{"n": 151}]
            release.touch()
            assert proc.wait(timeout=60) == 0
            assert store.run(count).rows == [{"n": 151}]  # an open reader keeps its graph
    finally:
        if proc.poll() is None:
            proc.kill()
    with api.open_store(db) as store:  # a reader that opens after the change sees it
        assert store.run(count).rows == [{"n": 180}]


# ---------------------------------------------------------------- rows shared between plans


def _doc(name, jurisdiction, level, parents=(), number=None, title=None, implements=(), text="加强托育服务"):
    from resp.loader.records import Document, Responsibility, Task

    return Document(f"{name}.txt", jurisdiction, level, list(parents), number=number, title=title,
                    implements=list(implements),
                    tasks=[Task("1", None, text, [Responsibility("卫生健康局", "lead")])])


def test_shared_rows_follow_the_set_of_plans_not_their_order(tmp_path):
    """Jurisdiction rows where two places share a name, unknown issuers at two levels, and
    CITES by number before title: after each single-plan change the store equals the
    graph built from the plans it holds, and the rows are the ones worked out by hand."""
    db = str(tmp_path / "s.db")
    beijing = _doc("bj", "朝阳区", "county", ["北京市"])           # 110105 ⊂ 北京市
    changchun = _doc("cc", "朝阳区", "county", ["长春市", "吉林省"])  # 220104 ⊂ 长春市 ⊂ 吉林省
    zone_county = _doc("zc", "新城开发区", "county", ["昆明市"])     # unknown to the table
    zone_pref = _doc("zp", "新城开发区", "prefecture", ["昆明市"])
    cited = _doc("c", "昆明市", "prefecture", title="《关于托育的方案》")
    citing = _doc("d", "五华区", "county", ["昆明市"], implements=["关于托育的方案"])
    numbered = _doc("e", "官渡区", "county", ["昆明市"], number="关于托育的方案")
    plans = []

    def step(add=(), remove=()):
        if add:
            embedded.load_documents(list(add), db)
            plans.extend(add)
        for doc in remove:
            incremental.remove_documents([model.document_id(doc)], db)
            plans.remove(doc)
        with EmbeddedStore(db) as store:
            tables = store.tables()
        assert tables == model.build_tables(plans)
        return tables

    step(add=[changchun, zone_pref, cited])  # the bulk path
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(embedded, "write_store", lambda *a, **k: pytest.fail("a full rebuild ran"))
        t = step(add=[beijing])
        assert t.nodes["Jurisdiction"]["朝阳区"] == ("朝阳区", "county", "朝阳", "110105")  # the smaller code
        assert {("朝阳区", "北京市"), ("朝阳区", "长春市")} <= set(t.edges["PART_OF"])
        assert _totals(t, "朝阳区|卫生健康局") == ("county", 1 + 1, 0)  # each plan's one task, led by it
        t = step(add=[zone_county])
        assert t.nodes["Jurisdiction"]["新城开发区"] == ("新城开发区", "county", None, None)  # county < prefecture
        assert _totals(t, "新城开发区|卫生健康局") == ("county", 2, 0)  # the node's level, now county
        t = step(add=[citing])
        assert t.edges["CITES"] == {(model.document_id(citing), model.document_id(cited)): ("关于托育的方案",)}
        t = step(add=[numbered])  # a number wins over a title
        assert t.edges["CITES"] == {(model.document_id(citing), model.document_id(numbered)): ("关于托育的方案",)}
        t = step(remove=[beijing])
        assert t.nodes["Jurisdiction"]["朝阳区"] == ("朝阳区", "county", "朝阳", "220104")
        assert "北京市" not in t.nodes["Jurisdiction"] and ("朝阳区", "北京市") not in t.edges["PART_OF"]
        assert "朝阳区|卫生健康局" in t.nodes["Unit"]  # still named by the 长春 plan
        assert _totals(t, "朝阳区|卫生健康局") == ("county", 1, 0)
        t = step(remove=[zone_county])
        assert t.nodes["Jurisdiction"]["新城开发区"] == ("新城开发区", "prefecture", None, None)
        assert _totals(t, "新城开发区|卫生健康局") == ("prefecture", 1, 0)  # relevelled with its node
        t = step(remove=[numbered])
        assert t.edges["CITES"] == {(model.document_id(citing), model.document_id(cited)): ("关于托育的方案",)}
        t = step(remove=[changchun])
        assert "朝阳区" not in t.nodes["Jurisdiction"] and "吉林省" not in t.nodes["Jurisdiction"]
        assert "朝阳区|卫生健康局" not in t.nodes["Unit"]


def _stored_counts(db: str) -> dict:
    """Nodes by label and edges by type, counted in the store."""
    with api.open_store(db) as store:
        return store.counts()


def _totals(tables, unit: str) -> tuple:
    """A unit's level, lead_tasks and support_tasks (loader/graph.py add_unit_totals)."""
    row = tables.node("Unit", unit)
    return row["level"], row["lead_tasks"], row["support_tasks"]


def test_hostile_text_through_the_incremental_path(tmp_path, monkeypatch):
    from resp.loader.records import Document, Responsibility, Task

    hostile = ['a"b', "c\\d", "}) MATCH (n) DETACH DELETE n //", "line1\nline2", "[x,y]", "x,y", "it's", "$rows"]
    first = _doc("first", "昆明市", "prefecture")
    doc = Document("h.txt", "五华区", "county", ["昆明市"], implements=hostile, title='t"\\',
                   tasks=[Task(str(i), h, h, [Responsibility(h + "局", "lead")], clause=h) for i, h in enumerate(hostile)])
    db = str(tmp_path / "h.db")
    embedded.load_documents([first], db)
    monkeypatch.setattr(embedded, "write_store", lambda *a, **k: pytest.fail("a full rebuild ran"))
    report = embedded.load_documents([doc], db)
    assert report.added["Task"] == len(hostile) and report.added["Document"] == 1
    with EmbeddedStore(db) as store:
        assert store.tables() == model.build_tables([first, doc])
        assert store.rows("MATCH (d:Document) WHERE d.source = 'h.txt' RETURN d.implements") == [[hostile]]
