"""`resp load` and `resp export` driven through the command line."""
from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from resp.api import collect_files
from resp.cli.main import main
from resp.loader import graph as model
from resp.store import open_store

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "data" / "seeds"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("cli") / "seeds.db"
    result = run("load", SEEDS, "--db", db)
    assert result.exit_code == 0, result.output
    return db, result.output


def table_row(output: str, title: str) -> list[str]:
    for line in output.splitlines():
        cells = [c.strip() for c in line.strip("│┃ ").split("│")]
        if cells and cells[0] == title:
            return cells[1:]
    raise AssertionError(f"no row {title!r} in:\n{output}")


def test_load_prints_what_was_added(seeds_db):
    _, output = seeds_db
    assert table_row(output, "documents") == ["5", "5"]
    assert table_row(output, "tasks") == ["180", "180"]
    assert table_row(output, "role: lead (LEADS)") == ["265", "265"]
    assert table_row(output, "role: support (SUPPORTS)") == ["507", "507"]
    assert table_row(output, "role: implement (IMPLEMENTS)") == ["93", "93"]
    assert table_row(output, "role: responsible (RESPONSIBLE_FOR)") == ["40", "40"]
    # 161 units (printed name within a government); MIRRORS: the 37 pairs of
    # tests/test_graph.py SEED_MIRRORS; CARRIES: 20 pairs 盈江 ↔ 云南
    # (tests/golden/carries_004_000.json) + 23 of the 24 hand-read 昆明 ↔ 云南 pairs, the
    # doubtful 昆明 11 ↔ 云南 20 and the wrong 昆明 3 ↔ 云南 5 (tests/golden/carries_001_000.json)
    assert table_row(output, "units") == ["161", "161"]
    assert table_row(output, "MIRRORS") == ["37", "37"]
    assert table_row(output, "CARRIES") == ["45", "45"]
    assert "5 loaded, 0 unchanged (skipped), 0 replaced, 0 failed" in output


def test_loading_again_is_skipped(tmp_path, seeds_db):
    db = tmp_path / "again.db"
    shutil.copy(seeds_db[0], db)
    result = run("load", SEEDS, "--db", db)
    assert result.exit_code == 0, result.output
    assert "0 loaded, 5 unchanged (skipped), 0 replaced, 0 failed" in result.output
    assert table_row(result.output, "tasks") == ["0", "180"]


def test_a_bad_file_in_a_folder_is_named_and_the_rest_load(tmp_path):
    folder = tmp_path / "plans"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(SEEDS / "001_17a8c9aaa5ebaf49.txt", folder / "a.txt")
    shutil.copy(SEEDS / "004_a10134946afdf1c5.txt", folder / "sub" / "b.txt")
    (folder / "sub" / "b.txt.meta.json").write_text('{"issued": "2023-04-23"}', encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"%PDF-1.4 not a plan")
    (folder / "notes.txt").write_text("会议纪要。今天天气很好。", encoding="utf-8")
    db = tmp_path / "p.db"
    result = run("load", folder, "--db", db)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error")]
    assert len(errors) == 2
    assert any("broken.txt" in e for e in errors) and any("notes.txt" in e for e in errors)
    assert "2 loaded, 0 unchanged (skipped), 0 replaced, 2 failed" in result.stdout
    with open_store(str(db)) as store:
        sources = {r["s"] for r in store.run("MATCH (d:Document) RETURN d.source AS s").rows}
    assert sources == {str(folder / "a.txt"), str(folder / "sub" / "b.txt")}


def test_collect_files_skips_sidecars_and_hidden_files(tmp_path):
    (tmp_path / "d" / ".git").mkdir(parents=True)
    for name in ("d/x.txt", "d/x.txt.meta.json", "d/.hidden.txt", "d/.git/config", "y.txt.meta.json"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert collect_files([tmp_path / "d", tmp_path / "y.txt.meta.json"]) == [tmp_path / "d" / "x.txt"]


def test_nothing_to_load_is_an_error(tmp_path):
    (tmp_path / "only.meta.json").write_text("{}", encoding="utf-8")
    result = run("load", tmp_path, "--db", tmp_path / "x.db")
    assert result.exit_code == 1 and "no documents found" in result.output
    assert not (tmp_path / "x.db").exists()


def test_jurisdiction_option_reaches_the_parser(tmp_path):
    db = tmp_path / "j.db"
    result = run("load", SEEDS / "000_12098509f6244aec.txt", "--db", db, "--jurisdiction", "德宏州")
    assert result.exit_code == 0, result.output
    with open_store(str(db)) as store:
        row = store.run("MATCH (d:Document) RETURN d.jurisdiction AS j, d.printed_jurisdiction AS p").rows[0]
    assert row == {"j": "德宏傣族景颇族自治州", "p": "德宏州"}


def test_seeds_load_end_to_end(tmp_path):
    """`resp load data/seeds` into a fresh store, as a user runs it (bench/timings.py times it)."""
    done = subprocess.run([sys.executable, "-m", "resp.cli.main", "load", str(SEEDS), "--db", str(tmp_path / "t.db")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "5 loaded, 0 unchanged (skipped), 0 replaced, 0 failed" in done.stdout


# ---------------------------------------------------------------- export


def stored_tables(db):
    with open_store(str(db)) as store:
        return store.tables()


def test_export_graphml_reads_back_with_networkx(tmp_path, seeds_db):
    out = tmp_path / "g.graphml"
    result = run("export", "--format", "graphml", "--db", seeds_db[0], "--out", out)
    assert result.exit_code == 0, result.output
    g = nx.read_graphml(out, force_multigraph=True)
    tables = stored_tables(seeds_db[0])
    counts = tables.counts()
    assert g.number_of_nodes() == sum(counts[label] for label in model.NODE_PROPERTIES)
    assert g.number_of_edges() == sum(counts[rel] for rel in model.REL_TYPES)
    node = g.nodes["Unit:盈江县|县人社局"]
    assert node["label"] == "Unit" and node["name"] == "县人社局"
    assert node["resolved"] in (True, False)
    docs = [a for _, a in g.nodes(data=True) if a["label"] == "Document" and a.get("number")]
    assert json.loads(docs[0]["implements"]) == ["中发〔2021〕30号", "云发〔2022〕28号", "德发〔2022〕38号"]
    types = {a["type"] for _, _, a in g.edges(data=True)}
    assert {"LEADS", "MIRRORS", "CARRIES", "PART_OF"} <= types


def test_export_json_is_networkx_node_link(tmp_path, seeds_db):
    out = tmp_path / "g.json"
    result = run("export", "--format", "json", "--db", seeds_db[0], "--out", out)
    assert result.exit_code == 0, result.output
    g = nx.node_link_graph(json.loads(out.read_text(encoding="utf-8")), edges="edges", name="_id")
    assert g.is_multigraph() and g.is_directed()
    assert model.GraphTables.from_networkx(g) == stored_tables(seeds_db[0])


def test_export_json_to_stdout(seeds_db):
    result = run("export", "--format", "json", "--db", seeds_db[0], "--out", "-")
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)["nodes"]) > 400


def test_export_csv_has_neo4j_admin_headers_and_the_same_graph(tmp_path, seeds_db):
    out = tmp_path / "csv"
    result = run("export", "--format", "csv", "--db", seeds_db[0], "--out", out)
    assert result.exit_code == 0, result.output
    assert "neo4j-admin database import full" in result.stdout
    assert f"--nodes=Document={out / 'Document.csv'}" in result.stdout
    with open(out / "Document.csv", encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert header[0] == "id:ID(Document)" and "implements:string[]" in header and header[-1] == ":LABEL"
    with open(out / "LEADS.csv", encoding="utf-8", newline="") as fh:
        assert next(csv.reader(fh)) == [":START_ID(Unit)", ":END_ID(Task)", "role", ":TYPE"]
    # read the files back into networkx: the same nodes and edges
    g = nx.MultiDiGraph()
    for label in model.NODE_PROPERTIES:
        with open(out / f"{label}.csv", encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                g.add_node((label, next(iter(row.values()))), label=row[":LABEL"])
    for rel, (src, dst, _) in model.REL_TYPES.items():
        with open(out / f"{rel}.csv", encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                assert (src, row[f":START_ID({src})"]) in g and (dst, row[f":END_ID({dst})"]) in g
                g.add_edge((src, row[f":START_ID({src})"]), (dst, row[f":END_ID({dst})"]), key=row[":TYPE"])
    counts = stored_tables(seeds_db[0]).counts()
    assert g.number_of_nodes() == sum(counts[label] for label in model.NODE_PROPERTIES)
    assert g.number_of_edges() == sum(counts[rel] for rel in model.REL_TYPES)


def test_export_without_a_store_says_so(tmp_path):
    result = run("export", "--format", "json", "--db", tmp_path / "none.db")
    assert result.exit_code == 1
    assert f"no store at {tmp_path / 'none.db'}: run `resp load` first" in result.output


def test_load_neo4j_sends_the_documents_to_the_server(tmp_path, bolt_server):
    from resp.store.bolt import BoltStore

    database = bolt_server.create_database("loadcli")
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(SEEDS / "001_17a8c9aaa5ebaf49.txt", folder / "a.txt")
    (folder / "bad.txt").write_bytes(b"\x00\x01binary")
    result = CliRunner().invoke(main, ["load", str(folder), "--neo4j", "--db", str(tmp_path / "unused.db")],
                                env=bolt_server.env(database))
    assert result.exit_code == 1  # bad.txt
    assert "bad.txt" in result.stderr and "1 loaded, 0 unchanged" in result.stdout
    assert not (tmp_path / "unused.db").exists()
    with BoltStore(bolt_server.settings(database=database)) as store:
        assert store.run("MATCH (t:Task) RETURN count(t) AS n").rows == [{"n": 18}]
