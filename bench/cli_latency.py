"""Every canned command, whole process, as a user runs it: stdout to a pipe and to a terminal.

    python bench/cli_latency.py DB [--runs 5] [--json OUT]

Each command runs in a fresh process (`resp ...`, default output), its stdout a pipe,
then a pseudo-terminal (`script -qc`, the terminal's screenful); the median wall time of
`--runs` runs each. The floor of the same run: a process that imports resp.cli.main and
exits, and one that opens the store and runs `RETURN 1`. The parameters are what a
user would type, read from the store (bench/run.py's sample_params: one county, its
busiest lead unit). Target: every command under 0.5 s. Run by hand; not a timed test.

resp's modules are byte-compiled first, as `pip install` leaves them: an editable install
run with PYTHONDONTWRITEBYTECODE=1 (as on this machine) would otherwise compile every
module it imports on every run, 20-30 ms a command that no installed resp pays.
"""
from __future__ import annotations

import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def commands(sample: dict) -> list[list[str]]:
    """The canned commands, each with the arguments a user would type."""
    from resp.queries import catalog

    j, unit, province = sample["jurisdiction"], sample["unit"], sample["province"]
    out = [["who-leads", "托育"], ["who-leads", "托育", "--by", "function"],
           ["who-leads", "托育", "-j", j], ["who-leads", f"{j}:{sample['task']}"],
           ["tasks", unit], ["tasks", unit, "-j", j], ["mirrors", unit, "-j", j],
           ["coverage", j], ["documents"], ["partners", unit, "-j", j], ["stats"],
           ["units", "-j", j], ["units", "--unresolved"], ["dropped"], ["dropped", province],
           ["without-plan", province]]
    for name in catalog.names():
        query = catalog.get(name)
        args = ["query", name]
        for p in query.params:
            value = _value(name, p.name, sample, province)
            if value is not None:
                args += ["-p", f"{p.name}={value}"]
        out.append(args)
    return out


def _value(name: str, param: str, sample: dict, province: str):
    if param == "text":
        return {"find_units": sample["unit_text"], "find_jurisdictions": sample["place_text"]}.get(name, "托育")
    if param == "jurisdiction":
        return province if name in ("dropped_tasks", "without_plan") else sample["jurisdiction"]
    if param in ("unit", "task"):
        return sample[param]
    return None  # the default


def run_once(argv: list[str], db: str, terminal: bool) -> float:
    env = {**os.environ, "RESP_DB": db, "COLUMNS": "120"}
    if terminal:
        line = " ".join(shlex.quote(a) for a in argv)
        full = ["script", "-qec", line, "/dev/null"]
    else:
        full = argv
    t0 = time.perf_counter()
    done = subprocess.run(full, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                          stdin=subprocess.DEVNULL)
    seconds = time.perf_counter() - t0
    if done.returncode:
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return seconds


def median(argv: list[str], db: str, terminal: bool, runs: int) -> float:
    return statistics.median(run_once(argv, db, terminal) for _ in range(runs))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("db")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    sys.path.insert(0, str(HERE))
    from run import sample_params

    from resp.store import open_store

    with open_store(args.db) as store:
        sample = sample_params(store)
    resp = resp_command()
    compiled = byte_compile()
    floor = floors(args.db, args.runs)
    floor_import, floor_open = floor["floor_import_s"], floor["floor_open_s"]
    print(f"bytecode for resp's {compiled} modules (as installed)")
    print(f"load average {os.getloadavg()[0]:.2f}; floors: import resp.cli.main {floor_import:.3f} s, "
          f"open the store and RETURN 1 {floor_open:.3f} s; median of {args.runs}")
    print(f"  {'pipe s':>7s} {'tty s':>7s}  command")
    rows = []
    for argv in commands(sample):
        pipe = median(resp + argv, args.db, False, args.runs)
        tty = median(resp + argv, args.db, True, args.runs)
        rows.append({"command": argv, "pipe_s": round(pipe, 3), "terminal_s": round(tty, 3)})
        flag = "" if max(pipe, tty) < 0.5 else "  OVER 0.5 s"
        print(f"  {pipe:7.3f} {tty:7.3f}  resp {' '.join(argv)}{flag}", flush=True)
    worst = max(max(r["pipe_s"], r["terminal_s"]) for r in rows)
    print(f"slowest {worst:.3f} s; {sum(max(r['pipe_s'], r['terminal_s']) >= 0.5 for r in rows)} of "
          f"{len(rows)} at or over 0.5 s")
    if args.json:
        args.json.write_text(json.dumps({"load_average": os.getloadavg(), "floor_import_s": floor_import,
                                         "floor_open_s": floor_open, "sample": sample, "commands": rows},
                                        ensure_ascii=False, indent=1), encoding="utf-8")


def resp_command() -> list[str]:
    """`resp` as installed beside this Python, else the module."""
    import shutil

    found = shutil.which("resp", path=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    return [found] if found else [sys.executable, "-m", "resp.cli.main"]


def byte_compile() -> int:
    """Write the bytecode of resp's modules beside them where it is missing or stale
    (what pip does at install time); how many modules there are."""
    import compileall
    import importlib
    import io
    from contextlib import redirect_stdout

    done = 0
    for name in ("api", "cli", "loader", "pictures", "queries", "store", "data"):
        folder = os.path.dirname(importlib.import_module(f"resp.{name}").__file__)
        with redirect_stdout(io.StringIO()):
            compileall.compile_dir(folder, quiet=1)
        done += sum(1 for f in Path(folder).rglob("*.py"))
    return done


def floors(db: str, runs: int) -> dict:
    """Whole-process floors: importing the command line, and opening the store for RETURN 1."""
    return {"floor_import_s": round(median([sys.executable, "-c", "import resp.cli.main"], db, False, runs), 3),
            "floor_open_s": round(median([sys.executable, "-c", "import sys; from resp.store import open_store; "
                                          "s = open_store(sys.argv[1]); s.run('RETURN 1'); s.close()", db],
                                         db, False, runs), 3)}


if __name__ == "__main__":
    main()
