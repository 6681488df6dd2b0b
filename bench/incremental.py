"""Adding, replacing and removing one plan in a national store, against the full load.

    python bench/incremental.py [--corpus bench/out/corpus-3000]
                                [--store bench/out/store-3000.db]
                                [--plan data/seeds/004_a10134946afdf1c5.txt] [--runs 3]
                                [--out bench/out/incremental.json]

In one run, each step in a child process of its own (wall time of the call and of the
whole process, peak memory of that process from os.wait4's rusage):

- full: `api.load(CORPUS)` into a fresh store (parse included, as `resp load DIR`);
- add: `api.load([PLAN])` into a copy of STORE (the plan copied into a folder of its own);
- replace: the same path with a changed text (its last task reworded);
- remove: `api.remove(store, PATH)`;

medians of --runs, with each step's ratio to the full load measured in the same run, and
the machine's load average before and after (other processes share its 2 cores). The
store is copied, never changed in place. A plan of a county below plans already stored
(seed 004: 盈江县 ⊂ 德宏州 ⊂ 云南省) exercises CARRIES towards the plans above it.
Run by hand; not a timed test.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
from resp import api
step, arg, db = sys.argv[1], sys.argv[2], sys.argv[3]
stages = {}
last = [time.perf_counter()]
def on_stage(text):
    now = time.perf_counter()
    stages[text] = now
t1 = time.perf_counter()
if step == "remove":
    report = api.remove(db, arg)
else:
    report = api.load([arg], db, on_stage=on_stage)
t2 = time.perf_counter()
print(json.dumps({"call": t2 - t1, "imports": t1 - t0, "written": report.written,
                  "totals": report.totals.get("Document"),
                  "stages": {k: round(v - t1, 3) for k, v in stages.items()}}))
"""


def run_child(step: str, arg: str, db: str) -> dict:
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", CHILD, step, arg, db], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    out = proc.stdout.read()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"{step} failed: {err.strip()[-2000:]}")
    result = json.loads(out.strip().splitlines()[-1])
    result.update(process=wall, peak_mb=usage.ru_maxrss / 1024)
    return result


def changed_text(text: str) -> str:
    lines = text.rstrip("\n").splitlines()
    return "\n".join(lines[:-1] + [lines[-1] + "并加强督促检查。"]) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(HERE / "out" / "corpus-3000"))
    ap.add_argument("--store", default=str(HERE / "out" / "store-3000.db"),
                    help="a store of the corpus, copied for each run (never changed)")
    ap.add_argument("--plan", default=str(ROOT / "data" / "seeds" / "004_a10134946afdf1c5.txt"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--skip-full", action="store_true", help="no full load (ratios left out)")
    ap.add_argument("--out", default=str(HERE / "out" / "incremental.json"))
    args = ap.parse_args()
    for given in (args.store, args.corpus):
        if not Path(given).exists():
            sys.exit(f"{given}: not found; `python bench/run.py` makes bench/out/corpus-3000 and its store")

    load_before = os.getloadavg()
    rows: dict[str, list[dict]] = {"full": [], "add": [], "replace": [], "remove": []}
    with tempfile.TemporaryDirectory(prefix="resp-incremental-") as tmp:
        tmp = Path(tmp)
        for run in range(args.runs):
            if not args.skip_full:
                full_db = tmp / f"full-{run}.db"
                rows["full"].append(run_child("full", args.corpus, str(full_db)))
                shutil.rmtree(full_db, ignore_errors=True) if full_db.is_dir() else full_db.unlink()
            db = tmp / f"store-{run}.db"
            shutil.copyfile(args.store, db)
            folder = tmp / f"plan-{run}"
            folder.mkdir()
            plan = folder / Path(args.plan).name
            shutil.copyfile(args.plan, plan)
            rows["add"].append(run_child("add", str(plan), str(db)))
            plan.write_text(changed_text(plan.read_text(encoding="utf-8")), encoding="utf-8")
            rows["replace"].append(run_child("replace", str(plan), str(db)))
            rows["remove"].append(run_child("remove", str(plan), str(db)))
            db.unlink()
            print(f"run {run + 1}/{args.runs}: " + ", ".join(
                f"{k} {v[-1]['call']:.2f} s" for k, v in rows.items() if v), file=sys.stderr)
    load_after = os.getloadavg()

    def median(step, key):
        return statistics.median(r[key] for r in rows[step]) if rows[step] else None

    full = median("full", "call")
    print(f"load average before {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}, "
          f"after {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f} (1, 5, 15 min; 2 cores)")
    print(f"{'step':<8} {'call s':>7} {'process s':>9} {'peak MB':>8} {'× full load':>11}")
    summary = {}
    for step in rows:
        if not rows[step]:
            continue
        call, process, peak = median(step, "call"), median(step, "process"), median(step, "peak_mb")
        ratio = call / full if full else None
        summary[step] = {"call_s": call, "process_s": process, "peak_mb": peak, "ratio_to_full": ratio,
                         "stages": rows[step][-1].get("stages")}
        print(f"{step:<8} {call:7.2f} {process:9.2f} {peak:8.0f} {ratio if ratio is not None else float('nan'):11.3f}")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"runs": args.runs, "load_before": load_before, "load_after": load_after,
                               "plan": args.plan, "summary": summary, "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
