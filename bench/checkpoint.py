"""Where adding one plan to a national store spends its time, and what each table's checkpoint costs.

    python bench/checkpoint.py [--store bench/out/store-3000.db]
                               [--plan data/seeds/004_a10134946afdf1c5.txt] [--runs 3]

Two measurements on copies of STORE (never changed in place; it must have this
version's schema, or the add is a full rebuild and is refused here):

- the plan added to a copy with `resp.api.load`, in this process, split at the
  incremental path's own marks (store/incremental.py `_reached`): the call, the
  transaction, the checkpoint with the close after it, the closing counts;
- one edge added to a copy, one relationship table at a time (and nothing at all; and a
  Document row with a 7 KB parse record in its record table, store/embedded.py
  RECORD_TABLES), then CHECKPOINT: LadybugDB rewrites the columns of the node group or
  CSR group it touched, so what a table stores on every row is what one new row costs.

- the add's commit left in the copy's write-ahead log (its writer ends right after the
  commit): what a reader then pays and sees, what the next writer's checkpoint costs,
  whether the copy's own file is still the store's, and what a reader meets when that
  log is still beside the file after a fold took it in (log_left).

Medians of --runs, with the load average; JSON on stdout. Run by hand; not a timed test.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TABLES = ("LEADS", "SUPPORTS", "IMPLEMENTS", "HAS_TASK", "MIRRORS", "CARRIES")


def add_phases(store: str, plan: str, runs: int) -> dict:
    from resp import api
    from resp.store import incremental as inc

    marks: dict[str, float] = {}
    reached, counts = inc._reached, inc._counts

    def mark(what):
        marks[what] = time.perf_counter()
        reached(what)

    def timed_counts(conn):
        t = time.perf_counter()
        out = counts(conn)
        if "committed" in marks:  # the closing counts (an add counts before it, off this path)
            marks["counts_s"] = marks.get("counts_s", 0.0) + time.perf_counter() - t
        return out

    inc._reached, inc._counts = mark, timed_counts
    rows = []
    try:
        for _ in range(runs):
            with tempfile.TemporaryDirectory(prefix="checkpoint-") as tmp:
                db = os.path.join(tmp, "store.db")
                shutil.copyfile(store, db)
                os.mkdir(os.path.join(tmp, "plan"))
                copy = os.path.join(tmp, "plan", os.path.basename(plan))
                shutil.copyfile(plan, copy)
                marks.clear()
                stages: dict[str, float] = {}
                t0 = time.perf_counter()
                report = api.load([copy], db, on_stage=lambda s: stages.setdefault(s, time.perf_counter()))
                call = time.perf_counter() - t0
                if "committed" not in marks:
                    raise SystemExit(f"{store}: not an incremental add (another version's schema?)")
                rows.append({"call_s": call,
                             "transaction_s": marks["committed"] - stages["writing store"],
                             "checkpoint_close_s": marks["checkpointed"] - marks["committed"]
                             - marks.get("counts_s", 0.0),
                             "counts_s": marks.get("counts_s", 0.0), "written": report.written})
    finally:
        inc._reached, inc._counts = reached, counts
    return {k: round(statistics.median(r[k] for r in rows), 3) for k in rows[0] if k.endswith("_s")}


# a writer that stops right after its commit, as if the add left the change in the
# engine's write-ahead log for a later checkpoint (its process ends without a close;
# `CALL force_checkpoint_on_close=false` before the close leaves the log the same way)
_COMMIT_AND_EXIT = r"""
import os, sys
from resp import api
from resp.store import incremental as inc
reached = inc._reached
def stop(point):
    if point == "committed":
        os._exit(0)
    reached(point)
inc._reached = stop
api.load([sys.argv[1]], sys.argv[2])
"""


def log_left(store: str, plan: str, runs: int) -> dict:
    """What deferring the checkpoint would move where: the add's commit left in the
    copy's log; a read-only open of the plain store and of the copy with its log (does
    the reader see the plan? does it fold the log?), the next writer's open and its
    CHECKPOINT of that log, and whether the copy's own file still equals the store."""
    import glob
    import hashlib
    import subprocess

    import ladybug

    def tasks(path):
        t = time.perf_counter()
        db = ladybug.Database(path, read_only=True)
        conn = ladybug.Connection(db)
        n = conn.execute("MATCH (t:Task) RETURN count(t)").get_next()[0]
        conn.close()
        db.close()
        return n, time.perf_counter() - t

    def sha(path):
        with open(path, "rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()

    rows = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="checkpoint-") as tmp:
            db = os.path.join(tmp, "store.db")
            shutil.copyfile(store, db)
            os.mkdir(os.path.join(tmp, "plan"))
            copy = shutil.copy(plan, os.path.join(tmp, "plan"))
            subprocess.run([sys.executable, "-c", _COMMIT_AND_EXIT, copy, db], check=True)
            left = next(p for p in glob.glob(f"{db}.tmp-*") if not p.endswith(".wal"))
            before, plain_s = tasks(db)
            seen, with_log_s = tasks(left)
            saved = shutil.copyfile(f"{left}.wal", os.path.join(tmp, "saved.wal"))
            row = {"log_bytes": os.path.getsize(f"{left}.wal"), "reader_plain_s": plain_s,
                   "reader_with_log_s": with_log_s, "reader_sees_plan": seen > before,
                   "reader_keeps_log": os.path.exists(f"{left}.wal"), "file_unchanged": sha(left) == sha(db)}
            t = time.perf_counter()
            writer = ladybug.Database(left)
            conn = ladybug.Connection(writer)
            row["next_writer_open_s"] = time.perf_counter() - t
            t = time.perf_counter()
            conn.execute("CHECKPOINT")
            row["next_writer_checkpoint_s"] = time.perf_counter() - t
            conn.close()
            writer.close()
            row["stale_log_after_fold"] = _stale_log(left, saved, tasks)
            rows.append(row)
    return {k: (round(statistics.median(r[k] for r in rows), 3) if k.endswith("_s") else rows[-1][k])
            for k in rows[0]}


def _stale_log(folded: str, saved: str, tasks) -> str:
    """What a reader meets when the log a fold has already taken in is still beside the
    folded file (a publish of two files killed between its two steps)."""
    shutil.copyfile(saved, f"{folded}.wal")
    try:
        return f"opens, {tasks(folded)[0]} tasks"
    except RuntimeError as exc:
        return f"refused: {str(exc)[:80]}"


def table_checkpoints(store: str, runs: int) -> dict:
    import ladybug

    import base64

    from resp.loader.graph import KEY_PROPERTY, PROPERTY_TYPES, REL_TYPES
    from resp.store.embedded import record_table

    values = {"string": "某某局牵头,某某局配合", "double": 0.5, "long": 1}
    out = {}
    record = base64.b64encode(os.urandom(5200)).decode("ascii")  # 7 KB, as a plan's
    for table in ("nothing", "Document") + TABLES:
        seconds = []
        for _ in range(runs):
            with tempfile.TemporaryDirectory(prefix="checkpoint-") as tmp:
                path = os.path.join(tmp, "store.db")
                shutil.copyfile(store, path)
                db = ladybug.Database(path)
                conn = ladybug.Connection(db)
                if table == "Document":
                    did = "f" * 64
                    conn.execute("CREATE (:Document {id: $id})", {"id": did})
                    conn.execute(f"CREATE (:{record_table(did)} {{id: $id, record: $r}})",
                                 {"id": did, "r": record})
                elif table != "nothing":
                    src, dst, props = REL_TYPES[table]
                    params = {p: values[PROPERTY_TYPES.get(p, "string")] for p in props}
                    body = ", ".join(f"{p}: ${p}" for p in props)
                    conn.execute(f"MATCH (a:{src}) WITH a ORDER BY a.{KEY_PROPERTY[src]} LIMIT 1 "
                                 f"MATCH (b:{dst}) WITH a, b ORDER BY b.{KEY_PROPERTY[dst]} DESC LIMIT 1 "
                                 f"CREATE (a)-[:{table}" + (f" {{{body}}}" if body else "") + "]->(b)", params)
                t0 = time.perf_counter()
                conn.execute("CHECKPOINT")
                seconds.append(time.perf_counter() - t0)
                conn.close()
                db.close()
        out[table] = round(statistics.median(seconds), 3)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", default=str(ROOT / "bench" / "out" / "store-3000.db"))
    ap.add_argument("--plan", default=str(ROOT / "data" / "seeds" / "004_a10134946afdf1c5.txt"))
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    if not Path(args.store).exists():
        sys.exit(f"{args.store}: no such store; `python bench/run.py` builds it (or `resp load` a corpus of bench/make_corpus.py)")
    load_before = os.getloadavg()[0]
    result = {"load_average_before": round(load_before, 2),
              "add": add_phases(args.store, args.plan, args.runs),
              "log_left": log_left(args.store, args.plan, args.runs),
              "checkpoint_one_edge_s": table_checkpoints(args.store, args.runs),
              "load_average_after": round(os.getloadavg()[0], 2)}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
