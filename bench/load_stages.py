"""One full load, stage by stage, against the floors of the same run (a child of bench/run.py).

    python bench/load_stages.py CORPUS DB [--mode after|serial|before] [--floors]

Loads CORPUS into a fresh store at DB with `resp.api.load`, as `resp load` does, and
prints one JSON object: the wall time, each stage's seconds (parse, names, MIRRORS,
CARRIES, write: told by the load's on_stage), the CPU seconds and peak memory of the
whole process tree (this process, the fork server and its parsing workers, read from
/proc: getrusage cannot see the workers, which the fork server reaps). --mode before
loads the way resp did before the parsing pool: one process, the collector running, every
COPY read by one thread on one engine thread (CARRIES is today's method in every mode);
--mode serial is today's load in one process (no pool: CARRIES runs after MIRRORS).
In --mode after this process builds each record's names (its own part of the graph)
and packs it while the pool still parses the others ("names_during_parse_s", inside
the parse stage; the names stage is what is left: the parts over every document),
then the pool scores CARRIES while this process finds the MIRRORS, so the CARRIES
stage is the wait left after them. --floors then
measures, on the same files and rows: reading the bytes, decoding them (the load's
read stage, inside parse), one regex pass over the text, and LadybugDB's COPY of the
rows the load wrote (its CSV files made beforehand, untimed; the load's COPY options).
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import tempfile
import threading
import time
from pathlib import Path

# on_stage text -> the stage it starts (the names)
STAGES = {"building graph": "names", "finding MIRRORS": "MIRRORS", "finding CARRIES": "CARRIES",
          "writing store": "write"}


class TreeWatch:
    """Peak summed RSS of this process and its descendants, sampled every 0.1 s."""

    def __init__(self):
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _run(self):
        while not self._stop.wait(0.1):
            self.peak_kb = max(self.peak_kb, sum(_rss_kb(p) for p in _tree(os.getpid())))


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        with contextlib.suppress(OSError):
            for task in os.listdir(f"/proc/{p}/task"):
                todo += map(int, Path(f"/proc/{p}/task/{task}/children").read_text().split())
    return out


def _rss_kb(pid: int) -> int:
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def _cpu_s(pid: int, children: bool) -> float:
    """A process's user+system seconds (its reaped children's too, with children=True)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12]) + (int(fields[13]) + int(fields[14]) if children else 0)
    return ticks / os.sysconf("SC_CLK_TCK")


def _fork_server_cpu_s() -> float:
    """The fork server's CPU, its workers' included (it reaped them); 0 without a pool."""
    from multiprocessing import forkserver

    pid = getattr(forkserver._forkserver, "_forkserver_pid", None)
    return _cpu_s(pid, children=True) if pid else 0.0


def load(corpus: Path, db: str, mode: str) -> dict:
    """One load in `mode`: after (as resp loads now), serial (the same in one process),
    before (as resp loaded before: one process, the collector running, COPY on one thread)."""
    from resp import api
    from resp.store import embedded

    if mode == "before":
        api._collection_paused = contextlib.nullcontext
        embedded._one_row_a_line = lambda file, rows: False
        embedded.WRITE_THREADS = 1
    load_average = os.getloadavg()[0]
    marks = [("parse", time.perf_counter(), time.process_time())]
    started = marks[0][1]
    with TreeWatch() as watch:
        report = api.load([corpus], db, workers=1 if mode != "after" else None,
                          on_stage=lambda text: marks.append((STAGES.get(text, text), time.perf_counter(),
                                                              time.process_time())))
        wall = time.perf_counter() - started
    marks.append(("end", started + wall, time.process_time()))
    stages = {name: round(marks[i + 1][1] - t, 2) for i, (name, t, _) in enumerate(marks[:-1])}
    # this process's CPU in each stage, its engine threads included (the parsing
    # workers are other processes: parse and CARRIES are not all here; the write is)
    stages_cpu = {name: round(marks[i + 1][2] - c, 2) for i, (name, _, c) in enumerate(marks[:-1])}
    cpu = _cpu_s(os.getpid(), children=False) + _fork_server_cpu_s()
    # into a fresh store, the load builds each record's own part of the graph (its
    # names) while the pool parses the others: that time is inside the parse stage
    names_in_parse = round(getattr(report, "built_while_parsing_s", 0.0), 2)
    return {"wall_s": round(wall, 2), "stages": stages, "stages_cpu_main_s": stages_cpu,
            "names_during_parse_s": names_in_parse,
            "load_average": round(load_average, 2), "cpu_s": round(cpu, 1),
            "cpu_percent": round(100 * cpu / wall), "peak_tree_mb": round(watch.peak_kb / 1024),
            "peak_main_mb": round(_hwm_kb() / 1024)}


def _hwm_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def floors(corpus: Path, db: str) -> dict:
    """The floors of the same run: bytes read, decoded, one regex pass, the engine's COPY."""
    from resp.loader.read import read_text

    files = sorted(p for p in corpus.iterdir() if p.is_file())
    t0 = time.perf_counter()
    for f in files:
        f.read_bytes()
    t1 = time.perf_counter()
    texts = [read_text(f)[0] for f in files]
    t2 = time.perf_counter()
    role = re.compile("牵头|配合|责任单位")
    hits = sum(1 for text in texts for _ in role.finditer(text))
    t3 = time.perf_counter()
    return {"read_bytes_s": round(t1 - t0, 3), "read_s": round(t2 - t1, 2),
            "regex_s": round(t3 - t2, 3), "regex_hits": hits, **copy_floor(db)}


def copy_floor(db: str) -> dict:
    """Seconds for LadybugDB's COPY of the rows the store holds, into a fresh file, and
    the size of its CSV files by table (MB); the CSV files are made first, with the
    load's own writer, and not timed."""
    import ladybug

    from resp.store import embedded

    with embedded.EmbeddedStore(db) as store:
        tables, packed, paths = store.tables(), store.packed(), store.paths()
    with tempfile.TemporaryDirectory(prefix="copy-floor-") as tmp:
        names = list(tables.nodes) + list(tables.edges) + list(embedded.RECORD_TABLES)
        files = [(n, embedded._csv_for_copy(tables, n, [], paths, packed, tmp, [])) for n in names]
        csv_mb = {n: round(os.path.getsize(file) / 2**20, 1) for n, (file, _) in files if file is not None}
        fresh = ladybug.Database(os.path.join(tmp, "floor.db"))
        conn = ladybug.Connection(fresh)
        for statement in embedded.schema_statements():
            conn.execute(statement)
        t0 = time.perf_counter()
        for name, (file, parallel) in files:
            if file is not None:
                conn.execute(embedded.copy_statement(name, file, parallel))
        conn.execute("CHECKPOINT")
        seconds = time.perf_counter() - t0
        conn.close()
        fresh.close()
    return {"copy_s": round(seconds, 2), "csv_mb": round(sum(csv_mb.values()), 1), "csv_mb_by_table": csv_mb}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("db")
    ap.add_argument("--mode", choices=("after", "serial", "before"), default="after",
                    help="after: as resp loads now; serial: the same in one process; before: one "
                         "process, the collector running, COPY on one thread")
    ap.add_argument("--floors", action="store_true", help="then measure the floors")
    args = ap.parse_args()
    for stale in (args.db, f"{args.db}.wal"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(stale)
    result = load(args.corpus, args.db, args.mode)
    if args.floors:
        result["floors"] = floors(args.corpus, args.db)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
