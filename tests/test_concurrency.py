"""Concurrent readers: 8 processes querying while a load swaps in a new graph see the old
graph or the new one, never an error or a partial graph."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from resp.cli.main import main

SEEDS = sorted((Path(__file__).resolve().parent.parent / "data" / "seeds").glob("*.txt"))

READER = r"""
import json, sys, time
from resp.store import open_store
seen, deadline = [], time.time() + float(sys.argv[2])
while time.time() < deadline:
    with open_store(sys.argv[1]) as store:
        docs = store.run("MATCH (d:Document) RETURN count(d) AS n").rows[0]["n"]
        tasks = store.run("MATCH (d:Document)-[:HAS_TASK]->(t:Task) RETURN count(t) AS n").rows[0]["n"]
    seen.append([docs, tasks])
print(json.dumps(seen))
"""


def test_eight_readers_during_a_load_see_old_or_new_graph(tmp_path):
    db = str(tmp_path / "s.db")
    first = tmp_path / "first"
    first.mkdir()
    for seed in SEEDS[:4]:
        (first / seed.name).write_bytes(seed.read_bytes())
    assert CliRunner().invoke(main, ["load", str(first), "--db", db]).exit_code == 0
    readers = [subprocess.Popen([sys.executable, "-c", READER, db, "6"], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for _ in range(8)]
    (first / SEEDS[4].name).write_bytes(SEEDS[4].read_bytes())
    assert CliRunner().invoke(main, ["load", str(first), "--db", db]).exit_code == 0
    observed = set()
    for proc in readers:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        observed.update(tuple(x) for x in json.loads(out))
    # 4 seeds: 20+18+69+44 tasks; 5 seeds: +29
    assert observed <= {(4, 151), (5, 180)}, observed
    assert observed
