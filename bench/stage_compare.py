"""The parse's CPU per stage, this checkout against a reference tree, as medians of alternating runs.

    python bench/stage_compare.py --ref DIR --corpus DIR [--runs 5]

This machine is shared and noisy: a figure measured once, or old then new, says little.
Each run is `bench/parse_bench.py --corpus DIR --stages` in a process of its own, the
reference tree's modules (`git archive COMMIT | tar -x -C DIR`) and this checkout's taking
turns, and the table gives each stage's median CPU seconds of the two and the change.
"""
from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
_FIGURE = re.compile(r"^\s*(parse:|reader \S+(?: \S+)?|readings that lost|[a-z_]+)\s+([\d.]+)(?:\s|$)")
# the stage clock's lines, and the whole parse's
_RUN = """
import sys, tempfile
from pathlib import Path
sys.path.insert(0, {bench!r})
tree = {tree!r}
if tree:
    import same_records
    same_records.use_tree(Path(tree), Path(tempfile.mkdtemp()))
sys.argv = ["parse_bench", "--corpus", {corpus!r}, "--stages"]
import parse_bench
parse_bench.main()
"""


def one_run(tree: Path | None, corpus: Path) -> dict[str, float]:
    """One stage-clock run, its figures by stage name."""
    code = _RUN.format(bench=str(HERE), tree=str(tree) if tree else "", corpus=str(corpus))
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    figures = {}
    for line in out.splitlines():
        m = _FIGURE.match(line)
        if m:
            figures[m.group(1).rstrip(":")] = float(m.group(2))
    return figures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--ref", type=Path, required=True)
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    old, new = [], []
    for _ in range(args.runs):
        old.append(one_run(args.ref.resolve(), args.corpus))
        new.append(one_run(None, args.corpus))
    print(f"{'stage':22s} {'old':>7s} {'new':>7s} {'change':>7s}   (median CPU-s of {args.runs} alternating runs)")
    for name in old[0]:
        a = statistics.median(r.get(name, 0.0) for r in old)
        b = statistics.median(r.get(name, 0.0) for r in new)
        print(f"{name:22s} {a:7.3f} {b:7.3f} {(b - a) / a if a else 0.0:+7.1%}")


if __name__ == "__main__":
    main()
