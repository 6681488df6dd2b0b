"""Start-up cost of checkouts, side by side: importing the parser, and `resp parse ONE` whole.

    python bench/startup.py [--tree OLD_TREE ...] [--runs 5] [--plan data/seeds/004_*.txt]

Issue 20: a plan added to a store in a second, `resp parse ONE` instant. Each tree (this
checkout first, then every --tree, e.g. `git archive COMMIT | tar -x -C DIR`) is byte-compiled
first (as an installed resp is) and warmed once (its regex cache filled), then measured in
alternating rounds: the CPU seconds of `import resp.loader.parse` in a fresh process and the
memory resident after it, and the user+sys seconds of the whole process of `resp parse PLAN`
(output discarded). Medians printed: the machine is shared, so CPU seconds, not wall time, and rounds alternate between the trees.
"""
from __future__ import annotations

import argparse
import compileall
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
PACKAGES = ("api", "cli", "data", "loader", "pictures", "queries", "store")
# put a checkout's folders first as `resp`, past the editable install's finder (as bench/same_records.py does)
PRELUDE = ("import sys; sys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in "
           "type(f).__module__ + getattr(f, '__name__', '')]; sys.path.insert(0, {scratch!r}); ")
IMPORT = ("import time; t = time.process_time(); import resp.loader.parse; print(time.process_time() - t, "
          "next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmRSS')) / 1024)")
PARSE = "import sys; sys.argv = ['resp', 'parse', {plan!r}]; from resp.cli.main import main; main()"


def link_tree(tree: Path, scratch: Path) -> Path:
    """A folder whose `resp/` links to the tree's stage folders."""
    pkg = scratch / "resp"
    pkg.mkdir(parents=True)
    for name in PACKAGES:
        (pkg / name).symlink_to(tree / name)
    for name in PACKAGES:
        compileall.compile_dir(str(tree / name), quiet=1)
    return scratch


def child_cpu(code: str) -> float:
    """User+sys CPU seconds of one fresh Python process running `code`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-c", code], check=True, stdout=subprocess.DEVNULL,
                   env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def import_cost(prelude: str) -> tuple[float, float]:
    """CPU seconds the import of the parser takes, as the child itself counts them, and the MB resident after it
    (issue 20: the label shapes' expansion had doubled it)."""
    out = subprocess.run([sys.executable, "-c", prelude + IMPORT], check=True, capture_output=True, text=True,
                         env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    cpu, resident = out.stdout.split()[-2:]
    return float(cpu), float(resident)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--tree", type=Path, action="append", default=[], help="another checkout to measure")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--plan", type=Path, default=next((HERE / "data" / "seeds").glob("004_*.txt")))
    args = ap.parse_args()
    trees = [HERE, *(t.resolve() for t in args.tree)]
    with tempfile.TemporaryDirectory() as scratch:
        preludes = [PRELUDE.format(scratch=str(link_tree(t, Path(scratch) / str(i)))) for i, t in enumerate(trees)]
        parse = PARSE.format(plan=str(args.plan.resolve()))
        for prelude in preludes:  # warm: the regex cache holds each tree's patterns
            child_cpu(prelude + parse)
        imports: list[list[float]] = [[] for _ in trees]
        residents: list[list[float]] = [[] for _ in trees]
        parses: list[list[float]] = [[] for _ in trees]
        for _ in range(args.runs):
            for i, prelude in enumerate(preludes):
                cpu, resident = import_cost(prelude)
                imports[i].append(cpu)
                residents[i].append(resident)
                parses[i].append(child_cpu(prelude + parse))
    for tree, imp, res, par in zip(trees, imports, residents, parses):
        print(f"{str(tree):40s} import {statistics.median(imp):.3f} CPU-s {statistics.median(res):.0f} MB resident"
              f"   parse {statistics.median(par):.3f} user+sys-s"
              f"   (imports {' '.join(f'{x:.3f}' for x in imp)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
