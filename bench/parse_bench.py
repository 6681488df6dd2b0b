"""Parse throughput: the seeds repeated to at least 50 MB, parsed on one core.

Run by hand: `python bench/parse_bench.py [--mb 50]`. Prints MB/s and the time per
document, and a baseline measured in the same run (decoding + normalising only, the
floor any parser pays) so the figures can be compared across machines.
"""
from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from resp.loader.parse import parse_text
from resp.loader.read import decode_bytes
from resp.loader.text import to_lines

SEEDS = sorted((Path(__file__).resolve().parent.parent / "data" / "seeds").glob("*.txt"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=float, default=50.0, help="corpus size to parse, in MB (default 50)")
    args = ap.parse_args()
    docs = [(p.name, p.read_bytes()) for p in SEEDS]
    size_one_round = sum(len(b) for _, b in docs)
    rounds = max(1, int(args.mb * 1e6 / size_one_round) + 1)
    total_bytes = size_one_round * rounds

    per_doc: dict[str, list[float]] = {name: [] for name, _ in docs}
    start = time.perf_counter()
    tasks = 0
    for _ in range(rounds):
        for name, data in docs:
            t0 = time.perf_counter()
            doc = parse_text(decode_bytes(data, name), name)
            per_doc[name].append(time.perf_counter() - t0)
            tasks += len(doc.tasks)
    elapsed = time.perf_counter() - start

    t0 = time.perf_counter()
    for _ in range(rounds):
        for name, data in docs:
            to_lines(decode_bytes(data, name))
    baseline = time.perf_counter() - t0

    mb = total_bytes / 1e6
    print(f"corpus: {len(docs)} seeds x {rounds} rounds = {mb:.1f} MB, {len(docs) * rounds} documents, {tasks} tasks")
    print(f"parse:    {elapsed:7.2f} s  {mb / elapsed:6.2f} MB/s  (target >= 5 MB/s on one core)")
    print(f"baseline: {baseline:7.2f} s  {mb / baseline:6.2f} MB/s  decode + normalise only; parse costs {elapsed / baseline:.1f}x the baseline")
    print("time per document (median ms):")
    for name, times in per_doc.items():
        size = next(len(b) for n, b in docs if n == name)
        print(f"  {name:28s} {size / 1000:6.1f} kB  {statistics.median(times) * 1000:7.2f} ms")


if __name__ == "__main__":
    main()
