"""Parse throughput: the seeds repeated to at least 50 MB, parsed on one core.

Run by hand: `python bench/parse_bench.py [--mb 50]`. Prints MB/s and the time per
document, and a baseline measured in the same run (decoding + normalising only, the
floor any parser pays) so the figures can be compared across machines.

`python bench/parse_bench.py --corpus DIR` instead parses every file of DIR (the national
corpus, `bench/make_corpus.py --docs 3000`, or a folder of real plans) in this one process,
the collector off, and prints the CPU seconds of the parse against the floors of the same
run: reading the bytes, decoding them, one regex pass over the text (as bench/load_stages.py
measures them), and normalising the decoded text (text.to_lines).
"""
from __future__ import annotations

import argparse
import gc
import re
import statistics
import time
from pathlib import Path

from resp.loader.parse import parse_file, parse_text
from resp.loader.read import decode_bytes, read_text
from resp.loader.records import ParseError
from resp.loader.text import to_lines

SEEDS = sorted((Path(__file__).resolve().parent.parent / "data" / "seeds").glob("*.txt"))


def corpus_cpu(folder: Path) -> None:
    """Parse every file of a folder in one process; CPU seconds against the floors of the same run."""
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.endswith(".meta.json"))
    gc.disable()
    c0 = time.process_time()
    tasks = refused = 0
    for f in files:
        try:
            tasks += len(parse_file(f).tasks)
        except ParseError:
            refused += 1
    parse = time.process_time() - c0
    c0 = time.process_time()
    size = sum(len(f.read_bytes()) for f in files)
    c1 = time.process_time()
    texts = [read_text(f)[0] for f in files]
    c2 = time.process_time()
    role = re.compile("牵头|配合|责任单位")
    sum(1 for text in texts for _ in role.finditer(text))
    c3 = time.process_time()
    for text in texts:
        to_lines(text)
    c4 = time.process_time()
    gc.enable()
    print(f"corpus: {folder}, {len(files)} files, {size / 1e6:.1f} MB, {tasks} tasks, {refused} refused")
    print(f"parse:     {parse:7.2f} CPU-s  ({parse / (c3 - c2):.0f}x one regex pass, {parse / (c4 - c3):.1f}x normalising)")
    print(f"floors:    read bytes {c1 - c0:.2f} s, decode {c2 - c1:.2f} s, one regex pass {c3 - c2:.2f} s, "
          f"normalising the decoded text (text.to_lines) {c4 - c3:.2f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=float, default=50.0, help="corpus size to parse, in MB (default 50)")
    ap.add_argument("--corpus", type=Path, help="parse every file of this folder instead (CPU seconds, one process)")
    args = ap.parse_args()
    if args.corpus:
        corpus_cpu(args.corpus)
        return
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
