"""Parse throughput: the seeds repeated to at least 50 MB, parsed on one core.

Run by hand: `python bench/parse_bench.py [--mb 50]`. Prints MB/s and the time per
document, and a baseline measured in the same run (decoding + normalising only, the
floor any parser pays) so the figures can be compared across machines.

`python bench/parse_bench.py --corpus DIR` instead parses every file of DIR (the national
corpus, `bench/make_corpus.py --docs 3000`, or a folder of real plans) in this one process,
the collector off, and prints the CPU seconds of the parse against the floors of the same
run: reading the bytes, decoding them, one regex pass over the text (as bench/load_stages.py
measures them), and normalising the decoded text (text.to_lines). With `--stages` it also
splits the parse's CPU among its stages (normalising into lines, each reader of the engine and
the share of the readings that lost, the metadata, the role-word check, the header scan): issue
20 asks where the parse's seconds go, and a whole figure does not say which stage to look at.
"""
from __future__ import annotations

import argparse
import gc
import re
import statistics
import time
from pathlib import Path

import resp.loader.parse as parse_module
import resp.loader.tasks as tasks_module
from resp.loader.parse import parse_file, parse_text
from resp.loader.read import decode_bytes, read_text
from resp.loader.records import ParseError
from resp.loader.text import to_lines

SEEDS = sorted((Path(__file__).resolve().parent.parent / "data" / "seeds").glob("*.txt"))


def corpus_cpu(folder: Path, clock: StageClock | None = None, slowest: int = 0) -> None:
    """Parse every file of a folder in one process; CPU seconds against the floors of the same run
    (and the `slowest` documents' own CPU seconds: where one plan costs far more than its size)."""
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.endswith(".meta.json"))
    if clock:
        clock.install()
    gc.disable()
    c0 = time.process_time()
    tasks = refused = 0
    per_file: list[tuple[float, str]] = []
    try:
        for f in files:
            f0 = time.process_time()
            try:
                tasks += len((clock.parse if clock else parse_file)(f).tasks)
            except ParseError:
                refused += 1
            per_file.append((time.process_time() - f0, f.name))
    finally:
        if clock:
            clock.restore()
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
    print(f"parse:     {parse:7.3f} CPU-s  ({parse / (c3 - c2):.0f}x one regex pass, {parse / (c4 - c3):.1f}x normalising)")
    print(f"floors:    read bytes {c1 - c0:.2f} s, decode {c2 - c1:.2f} s, one regex pass {c3 - c2:.2f} s, "
          f"normalising the decoded text (text.to_lines) {c4 - c3:.2f} s")
    if clock:
        clock.report(parse)
    for spent, name in sorted(per_file, reverse=True)[:slowest]:
        print(f"  slow {spent * 1000:7.1f} ms  {name}")


# the names parse.py calls each stage by (its module's globals, wrapped while --stages runs)
STAGES = ("read_text", "lines_of", "find_tasks", "metadata", "check_role_words", "match_header", "find_targets")


class StageClock:
    """CPU seconds of each stage of the parse, and of each reader the engine runs (tasks.READERS),
    those of the readings that did not win kept apart (the work a cheaper test could have skipped)."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = {}
        self.readers: dict[str, float] = {}
        self.lost = 0.0

    def timed(self, name: str, fn, into: dict):
        def run(*args, **kwargs):
            c0 = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                into[name] = into.get(name, 0.0) + time.process_time() - c0
        return run

    def install(self) -> None:
        """Wrap the stages and readers (undone by restore: nothing else in the process is timed)."""
        self._saved = ({name: getattr(parse_module, name) for name in STAGES},
                       (tasks_module.READERS, tasks_module.FALLBACK, tasks_module.prose_blocks))
        for name in STAGES:
            setattr(parse_module, name, self.timed(name, getattr(parse_module, name), self.spent))
        readers = tasks_module.READERS + (tasks_module.FALLBACK,)
        wrapped = [(rule, self.timed(rule, fn, self.readers)) for rule, fn in readers]
        tasks_module.READERS, tasks_module.FALLBACK = tuple(wrapped[:-1]), wrapped[-1]
        tasks_module.prose_blocks = dict(wrapped)["prose"]  # find_tasks knows the prose reader by identity

    def restore(self) -> None:
        stages, (readers, fallback, prose) = self._saved
        for name, fn in stages.items():
            setattr(parse_module, name, fn)
        tasks_module.READERS, tasks_module.FALLBACK, tasks_module.prose_blocks = readers, fallback, prose

    def parse(self, path: Path):
        """One plan parsed; the readers' time of the readings that lost added to `lost`."""
        before = dict(self.readers)
        doc = parse_file(path)
        won = doc.role_words.get("reader")
        self.lost += sum(v - before.get(k, 0.0) for k, v in self.readers.items() if k != won)
        return doc

    def report(self, total: float) -> None:
        print("stages (CPU-s, nested: the engine's readers inside find_tasks, lines_of's second readings in it):")
        for name, spent in sorted(self.spent.items(), key=lambda kv: -kv[1]):
            print(f"  {name:18s} {spent:7.3f}  {spent / total:5.1%}")
        for name, spent in sorted(self.readers.items(), key=lambda kv: -kv[1]):
            print(f"  reader {name:11s} {spent:7.3f}  {spent / total:5.1%}")
        print(f"  readings that lost {self.lost:6.3f}  {self.lost / total:5.1%}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=float, default=50.0, help="corpus size to parse, in MB (default 50)")
    ap.add_argument("--corpus", type=Path, help="parse every file of this folder instead (CPU seconds, one process)")
    ap.add_argument("--stages", action="store_true", help="with --corpus: the parse's CPU split among its stages")
    ap.add_argument("--slowest", type=int, default=0, metavar="N",
                    help="with --corpus: the N documents whose parse took the most CPU")
    args = ap.parse_args()
    if args.corpus:
        corpus_cpu(args.corpus, StageClock() if args.stages else None, args.slowest)
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
