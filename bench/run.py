"""National-scale benchmark: corpus → `resp load` → canned queries, against a networkx baseline.

    python bench/run.py [--sizes 300 3000] [--out bench/out]

For each size it generates a corpus (bench/make_corpus.py), runs one `resp load DIR` in
a child process (wall time, peak memory of that process), measures the store's size,
parse throughput, and the median and 95th-percentile latency of every canned query
(warm, in-process), plus the same questions answered by a plain networkx traversal of
the same graph in the same run, as a ratio. Writes `results.json` and `scaling.png`.
Run by hand; not a timed test.
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


def sample_params(store):
    """Real names from the store, so every query has work to do."""
    row = store.run("MATCH (u:Unit)-[:LEADS]->(t:Task) RETURN u.name AS unit, u.jurisdiction AS j, t.id AS task "
                    "ORDER BY u.name, u.jurisdiction, t.id LIMIT 1").rows[0]
    return {"text": "托育", "unit": row["unit"], "jurisdiction": row["j"], "task": row["task"], "role": "",
            "top": 10, "limit": 20, "name": row["unit"], "topic": "托育"}


def baselines(graph, params):
    """The same questions as plain networkx traversals of the in-memory graph."""
    tasks = [n for n, d in graph.nodes(data=True) if d.get("label") == "Task"]

    def who_leads():
        return [(u, t) for t in tasks if params["text"] in graph.nodes[t].get("text", "")
                for u, _, k in graph.in_edges(t, keys=True) if k == "LEADS"]

    def unit_tasks():
        return [(u, t) for u, d in graph.nodes(data=True) if d.get("label") == "Unit" and d.get("name") == params["unit"]
                for _, t, k in graph.out_edges(u, keys=True) if k in ("LEADS", "SUPPORTS", "IMPLEMENTS", "RESPONSIBLE_FOR")]

    def stats():
        counts = {}
        for _, d in graph.nodes(data=True):
            counts[d.get("label")] = counts.get(d.get("label"), 0) + 1
        return counts

    return {"who_leads": who_leads, "tasks": unit_tasks, "stats": stats}


def measure(size: int, out: Path, seed: int) -> dict:
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

    from resp.loader.parse import parse_file
    t0 = time.perf_counter()
    for path in sorted(corpus.glob("*.txt")):
        parse_file(path)
    parse_mb_s = mb / (time.perf_counter() - t0)

    from resp.queries import catalog
    from resp.store import open_store
    from resp.store.embedded import EmbeddedStore

    result = {"docs": size, "corpus_mb": round(mb, 2), "load_s": round(load_s, 2), "peak_memory_mb": round(peak_mb),
              "store_mb": round(sum(p.stat().st_size for p in out.glob(f"store-{size}.db*")) / 1e6, 1),
              "parse_mb_s": round(parse_mb_s, 2), "queries": {}}
    with open_store(str(db)) as store:
        params = sample_params(store)
        for query in catalog.all_queries():
            bound = {p.name: params.get(p.name, p.default if p.default is not None else "") for p in query.params}
            median, p95 = timed(lambda: catalog.run(store, query.name, bound))
            result["queries"][query.name] = {"median_ms": round(median * 1000, 2), "p95_ms": round(p95 * 1000, 2)}
    graph = EmbeddedStore(str(db)).graph()
    for name, fn in baselines(graph, params).items():
        median, _ = timed(fn, runs=5)
        q = result["queries"].get(name)
        if q:
            q["networkx_ms"] = round(median * 1000, 2)
            q["ratio_networkx_over_store"] = round(median * 1000 / max(q["median_ms"], 1e-3), 2)
    return result


def plot(results: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [r["docs"] for r in results]
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.plot(sizes, [r["load_s"] for r in results], "o-", label="resp load (s)")
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
        r = measure(size, args.out, args.seed)
        results.append(r)
        print(f"\n{size} documents: {r['corpus_mb']} MB, load {r['load_s']} s (target < 60 s at 3,000), "
              f"peak {r['peak_memory_mb']} MB (target < 2 GB), store {r['store_mb']} MB, parse {r['parse_mb_s']} MB/s")
        for name, q in sorted(r["queries"].items()):
            extra = f"  networkx {q['networkx_ms']} ms ({q['ratio_networkx_over_store']}x)" if "networkx_ms" in q else ""
            print(f"  {name:24s} median {q['median_ms']:8.2f} ms  p95 {q['p95_ms']:8.2f} ms{extra}")
    if len(results) > 1:
        a, b = results[0], results[-1]
        print(f"\ngrowth {a['docs']} → {b['docs']} documents: load x{b['load_s'] / a['load_s']:.1f} "
              f"for x{b['docs'] / a['docs']:.0f} the documents")
    (args.out / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    plot(results, args.out / "scaling.png")
    print(f"wrote {args.out / 'results.json'} and {args.out / 'scaling.png'}")


if __name__ == "__main__":
    main()
