"""National-scale benchmark: corpus → `resp load` → canned queries, against a networkx baseline.

    python bench/run.py [--sizes 300 3000] [--out bench/out]

For each size it generates a corpus (bench/make_corpus.py), times the full load stage
by stage as it is and as it was before the parsing pool, against floors measured in
the same run (bench/load_stages.py: reading the bytes, one regex pass over the text,
LadybugDB's COPY of the same rows), runs one `resp load DIR` in a child process (wall
time, peak memory of that process), measures the store's size,
parse throughput, and the median and 95th-percentile latency of every canned query
(warm, in-process) with the parameters a user would type (one county, its busiest lead
unit), then the row-heavy questions again without a jurisdiction. Every query is also
answered by a plain networkx traversal of the same graph in the same run
(bench/baselines.py), timed as a ratio, and its row count checked against the store's.
At the largest size, every canned command runs as a user runs it, whole process, stdout
to a pipe and to a terminal (bench/cli_latency.py). Writes `results.json` and
`scaling.png`. Run by hand; not a timed test.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RUNS = 15


def timed(fn, runs=RUNS):
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]


def sample_params(store) -> dict:
    """What a user would type, read from the store: one county plan, its busiest lead unit.

    The county is the first (by name) that issued a plan and has a plan above it, so
    coverage has work to do; the unit is the one leading most of that plan's tasks.
    """
    county = store.run(
        "MATCH (:Document)-[:ISSUED_BY]->(j:Jurisdiction)-[:PART_OF*1..6]->(:Jurisdiction)<-[:ISSUED_BY]-(:Document) "
        "WHERE j.level = 'county' RETURN DISTINCT j.name AS name ORDER BY name LIMIT 1").rows[0]["name"]
    lead = store.run(
        "MATCH (u:Unit)-[:LEADS]->(t:Task) WHERE u.jurisdiction = $j "
        "WITH u.name AS unit, count(t) AS n, min(t.id) AS task ORDER BY n DESC, unit LIMIT 1 "
        "RETURN unit, task", {"j": county}).rows[0]
    province = store.run(
        "MATCH (j:Jurisdiction)-[:PART_OF*1..3]->(p:Jurisdiction) WHERE j.name = $j AND p.level = 'province' "
        "RETURN p.name AS name", {"j": county}).rows[0]["name"]
    return {"jurisdiction": county, "unit": lead["unit"], "task": lead["task"], "text": "托育",
            "role": "", "top": 10, "unit_text": "卫生健康", "place_text": county[:2], "province": province}


# the national views ask about the county's province: a county has nothing below it
ABOUT_PROVINCE = ("dropped_tasks", "without_plan")


def bind(query, sample: dict, **overrides) -> dict:
    """The sample values for the parameters this query takes."""
    values = {**sample, **overrides}
    text_for = {"find_units": values["unit_text"], "find_jurisdictions": values["place_text"]}
    bound = {}
    for p in query.params:
        if p.name == "text":
            bound["text"] = text_for.get(query.name, values["text"])
        elif p.name == "jurisdiction" and query.name in ABOUT_PROVINCE and values["jurisdiction"]:
            bound[p.name] = values["province"]
        elif p.name in values:
            bound[p.name] = values[p.name]
    return bound


# the questions asked again without a jurisdiction: answers of thousands of rows
WHOLE_CORPUS = ("who_leads", "topic_neighbourhood", "topic_carries", "tasks", "units")


def time_queries(store, baseline, sample: dict, names, **overrides) -> dict:
    """Median and p95 of each canned query, the networkx baseline's median, both row counts."""
    from resp.queries import catalog

    out = {}
    for name in names:
        query = catalog.get(name)
        bound = bind(query, sample, **overrides)
        rows = len(catalog.run(store, name, bound).rows)
        median, p95 = timed(lambda: catalog.run(store, name, bound))
        answer = getattr(baseline, name)
        nx_rows = len(answer(**bound))
        nx_median, _ = timed(lambda: answer(**bound), runs=5)
        out[name] = {"params": bound, "rows": rows, "median_ms": round(median * 1000, 2),
                     "p95_ms": round(p95 * 1000, 2), "networkx_ms": round(nx_median * 1000, 2),
                     "networkx_rows": nx_rows,
                     "ratio_networkx_over_store": round(nx_median / max(median, 1e-6), 1)}
    return out


def measure(size: int, out: Path, seed: int, commands: bool = True) -> dict:
    corpus = out / f"corpus-{size}"
    db = out / f"store-{size}.db"
    if not corpus.exists():
        subprocess.run([sys.executable, str(HERE / "make_corpus.py"), "--docs", str(size), "--out", str(corpus),
                        "--seed", str(seed)], check=True)
    for stale in out.glob(f"store-{size}.db*"):
        stale.unlink()
    mb = sum(p.stat().st_size for p in corpus.glob("*.txt")) / 1e6
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    subprocess.run(["resp", "load", str(corpus), "--db", str(db)], check=True, stdout=subprocess.DEVNULL,
                   env={**os.environ, "COLUMNS": "120"})
    load_s = time.perf_counter() - t0
    peak_mb = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    stages = load_stages(corpus, out / f"stages-{size}.db")  # after: its floors read the store back

    from resp.loader.parse import parse_file
    t0 = time.perf_counter()
    for path in sorted(corpus.glob("*.txt")):
        parse_file(path)
    parse_mb_s = mb / (time.perf_counter() - t0)

    from baselines import Baseline

    from resp.queries import catalog
    from resp.store import open_store

    result = {"docs": size, "corpus_mb": round(mb, 2), "load_s": round(load_s, 2), "peak_memory_mb": round(peak_mb),
              "store_mb": round(sum(p.stat().st_size for p in out.glob(f"store-{size}.db*")) / 1e6, 1),
              "parse_mb_s": round(parse_mb_s, 2), "load_stages": stages}
    with open_store(str(db)) as store:
        sample = sample_params(store)
        baseline = Baseline(store.graph())
        result["sample"] = sample
        result["queries"] = time_queries(store, baseline, sample, catalog.names())
        result["whole_corpus"] = time_queries(store, baseline, sample, WHOLE_CORPUS, jurisdiction="")
    if commands:
        result["commands"] = command_latency(str(db), sample)
    return result


def command_latency(db: str, sample: dict, runs: int = 5) -> dict:
    """Every canned command as a user runs it, a fresh process each, stdout to a pipe and
    to a terminal (bench/cli_latency.py), against the floors of the same run."""
    import cli_latency

    resp = cli_latency.resp_command()
    floors = cli_latency.floors(db, runs)
    rows = [{"command": argv, "pipe_s": round(cli_latency.median(resp + argv, db, False, runs), 3),
             "terminal_s": round(cli_latency.median(resp + argv, db, True, runs), 3)}
            for argv in cli_latency.commands(sample)]
    return {"load_average": os.getloadavg(), **floors, "runs": runs, "rows": rows}


def load_stages(corpus: Path, db: Path) -> dict:
    """The full load stage by stage (bench/load_stages.py, a fresh process each): as it is
    (with the floors of the same run after it), as it was before (one process, the
    collector running, COPY on one thread), and as it is but in one process."""
    out = {}
    for mode in ("after", "before", "serial"):
        flags = ["--mode", mode] + (["--floors"] if mode == "after" else [])
        done = subprocess.run([sys.executable, str(HERE / "load_stages.py"), str(corpus), str(db), *flags],
                              capture_output=True, text=True)
        if done.returncode:
            sys.exit(f"bench/load_stages.py --mode {mode} failed:\n{done.stderr[-3000:]}")
        out[mode] = json.loads(done.stdout)
    for stale in db.parent.glob(db.name + "*"):
        stale.unlink()
    return out


def report_stages(r: dict) -> None:
    """The stages of the full load before and after, each against its floor."""
    after, before, serial = (r["load_stages"][m] for m in ("after", "before", "serial"))
    f = after["floors"]
    parse = after["stages"]["parse"]
    floors = {"parse": f"one regex pass over the text {f['regex_s']} s (parse {parse / f['regex_s']:.0f}x)",
              "write": f"LadybugDB's COPY of the same rows {f['copy_s']} s "
                       f"(write {after['stages']['write'] / f['copy_s']:.2f}x)"}
    print("  full load stage by stage, s (before: one process, collector running, COPY on one thread;"
          " serial: now, in one process; after: now, CARRIES scored by the pool while this process"
          " builds the names and MIRRORS, so its row is the wait left after them):")
    print(f"    load average at the start of each: " + ", ".join(
        f"{m} {r['load_stages'][m].get('load_average', float('nan')):.2f}" for m in ("before", "serial", "after")))
    print(f"    {'stage':8s} {'before':>7s} {'serial':>7s} {'after':>7s}  floor of the same run")
    print(f"    {'read':8s} {'':>7s} {'':>7s} {'':>7s}  decoding {f['read_s']} s on one core, inside parse; "
          f"reading the bytes {f['read_bytes_s']} s")
    for stage in ("parse", "names", "MIRRORS", "CARRIES", "write"):
        print(f"    {stage:8s} {before['stages'][stage]:7.2f} {serial['stages'][stage]:7.2f} "
              f"{after['stages'][stage]:7.2f}  {floors.get(stage, '')}")
        if stage == "parse":
            print(f"    {'  names':8s} {'':>7s} {'':>7s} {after.get('names_during_parse_s', 0):7.2f}  "
                  "inside parse: each record's own part built as the pool hands it over")
    print(f"    {'whole':8s} {before['wall_s']:7.2f} {serial['wall_s']:7.2f} {after['wall_s']:7.2f}  "
          f"after/before {after['wall_s'] / before['wall_s']:.2f}, serial/before "
          f"{serial['wall_s'] / before['wall_s']:.2f}")
    for what, key, unit in (("CPU", "cpu_percent", "%"), ("peak memory, all processes", "peak_tree_mb", " MB")):
        print(f"    {what}: " + ", ".join(f"{m} {r['load_stages'][m][key]}{unit}"
                                          for m in ("before", "serial", "after")))


def report_commands(c: dict) -> None:
    print(f"  every canned command, whole process, median of {c['runs']} (load average "
          f"{c['load_average'][0]:.2f}; floors: import resp.cli.main {c['floor_import_s']:.3f} s, "
          f"open the store and RETURN 1 {c['floor_open_s']:.3f} s); target < 0.5 s:")
    print(f"    {'pipe s':>7s} {'tty s':>7s}  command")
    for row in c["rows"]:
        flag = "" if max(row["pipe_s"], row["terminal_s"]) < 0.5 else "  OVER 0.5 s"
        print(f"    {row['pipe_s']:7.3f} {row['terminal_s']:7.3f}  resp {' '.join(row['command'])}{flag}")


def report(r: dict) -> None:
    print(f"\n{r['docs']} documents: {r['corpus_mb']} MB, load {r['load_s']} s (target <= 10 s at 3,000), "
          f"peak {r['peak_memory_mb']} MB of its main process (target <= 1 GB, all processes), store "
          f"{r['store_mb']} MB, parse {r['parse_mb_s']} MB/s")
    report_stages(r)
    s = r["sample"]
    print(f"  queries for {s['jurisdiction']} and {s['unit']} (task {s['task']}, topic {s['text']}); "
          "target: every median < 200 ms")
    for title, section in (("", r["queries"]), ("  the same without a jurisdiction:", r["whole_corpus"])):
        if title:
            print(title)
        for name, q in section.items():
            agree = "" if q["rows"] == q["networkx_rows"] else f"  ROWS DIFFER: networkx {q['networkx_rows']}"
            print(f"  {name:22s} {q['rows']:7d} rows  median {q['median_ms']:8.2f} ms  p95 {q['p95_ms']:8.2f} ms"
                  f"  networkx {q['networkx_ms']:9.2f} ms ({q['ratio_networkx_over_store']}x){agree}")
    if "commands" in r:
        report_commands(r["commands"])


def plot(results: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [r["docs"] for r in results]
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.plot(sizes, [r["load_s"] for r in results], "o-", label="resp load (s)")
    ax.plot(sizes, [results[0]["load_s"] * n / sizes[0] for n in sizes], "--", color="grey",
            label="linear growth from the smallest load")
    worst = [max(q["median_ms"] for q in r["queries"].values()) / 1000 for r in results]
    ax.plot(sizes, worst, "s-", label="slowest query median (s)")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("documents")
    ax.set_ylabel("seconds")
    ax.legend()
    ax.grid(True, alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=120)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[300, 3000])
    ap.add_argument("--out", type=Path, default=HERE / "out")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    results = []
    for size in args.sizes:
        r = measure(size, args.out, args.seed, commands=size == max(args.sizes))
        results.append(r)
        report(r)
    if len(results) > 1:
        a, b = results[0], results[-1]
        print(f"\ngrowth {a['docs']} → {b['docs']} documents: load x{b['load_s'] / a['load_s']:.1f} "
              f"for x{b['docs'] / a['docs']:.0f} the documents and x{b['corpus_mb'] / a['corpus_mb']:.1f} "
              "the text (plans differ in length: a corpus grows by text more than by count); "
              f"store x{b['store_mb'] / a['store_mb']:.1f}, peak memory x{b['peak_memory_mb'] / a['peak_memory_mb']:.1f}")
    (args.out / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    plot(results, args.out / "scaling.png")
    print(f"wrote {args.out / 'results.json'} and {args.out / 'scaling.png'}")


if __name__ == "__main__":
    main()
