"""Batched UNWIND pushing against one statement a row, on the same server in one run.

    python bench/push_bench.py                    # starts ArcadeDB (tests/bolt_server.py)
    python bench/push_bench.py --uri bolt://localhost:7687 --password ...   # a real Neo4j
    python bench/push_bench.py --copies 3         # the seeds' graph 3 times over (default 20)

Both ways write the same graph (the five seeds, parsed and built) into a fresh database
(ArcadeDB: one made for each; a given server: the database is emptied of resp's labels
first), after the same constraints:

* batched: resp.store.bolt.push_graph, ``UNWIND $rows AS row MERGE ...`` in batches of
  --batch-size rows, one write transaction each;
* per row: the same MERGE for one row at a time, one auto-commit transaction each.

Warm-up pushes into scratch databases come first (--warmups, default 3: ArcadeDB's JVM
takes about that many to reach its steady speed; the first push is 3-5x slower), so
the JIT favours neither. Prints rows per second of each and the ratio (target: batched
≥ 10× per row), and whether the driver packs rows in Rust (neo4j-rust-ext).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def seeds_graph(copies: int):
    import networkx as nx

    from resp.loader.graph import KEY_PROPERTY, build_graph
    from resp.loader.parse import parse_file

    docs = [parse_file(p) for p in sorted((REPO / "data" / "seeds").glob("*.txt"))]
    g = build_graph(docs)
    if copies == 1:
        return g
    out = nx.MultiDiGraph()
    for i in range(copies):
        def nid(n, i=i):
            return f"{n}#{i}"
        for n, attrs in g.nodes(data=True):
            attrs = dict(attrs)
            key = KEY_PROPERTY[attrs["label"]]
            attrs[key] = f"{attrs[key]}#{i}"
            out.add_node(nid(n), **attrs)
        for u, v, k, attrs in g.edges(keys=True, data=True):
            out.add_edge(nid(u), nid(v), key=k, **attrs)
    return out


def push_per_row(graph, settings, on_progress=None) -> float:
    """The naive way: one MERGE statement a row, each its own transaction."""
    from resp.store.bolt import connect, constraint_statements, graph_rows, \
        node_statement, rel_statement

    nodes, rels = graph_rows(graph)
    driver = connect(settings)
    started = time.perf_counter()
    try:
        with driver.session(database=settings.database) as session:
            for statement in constraint_statements():
                session.run(statement).consume()
            for label, rows in nodes.items():
                single = node_statement(label).replace("UNWIND $rows AS row ", "")
                single = single.replace("row.", "$")
                for row in rows:
                    session.run(single, row).consume()
            for rel, rows in rels.items():
                single = rel_statement(rel).replace("UNWIND $rows AS row ", "")
                single = single.replace("row.", "$")
                for row in rows:
                    session.run(single, row).consume()
    finally:
        driver.close()
    return time.perf_counter() - started


def count(settings) -> tuple[int, int]:
    from resp.store.bolt import BoltStore

    with BoltStore(settings) as store:
        n = store.run("MATCH (n) RETURN count(n) AS c").rows[0]["c"]
        r = store.run("MATCH ()-[r]->() RETURN count(r) AS c").rows[0]["c"]
    return n, r


def wipe(settings) -> None:
    from resp.loader.graph import NODE_PROPERTIES
    from resp.store.bolt import BoltStore

    with BoltStore(settings) as store:
        for label in NODE_PROPERTIES:
            store.run_write(f"MATCH (n:{label}) DETACH DELETE n")


def neo4j_version() -> str:
    import neo4j

    return neo4j.__version__


def packer() -> str:
    try:
        import neo4j._rust  # noqa: F401  (neo4j-rust-ext)
    except ImportError:
        return "Python (install neo4j-rust-ext for the Rust packer)"
    return "Rust (neo4j-rust-ext)"


def main(argv=None) -> int:
    from resp.store.bolt import BATCH_SIZE

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--uri", help="a running server (default: start ArcadeDB here)")
    ap.add_argument("--user", default=None)
    ap.add_argument("--password", default=None)
    ap.add_argument("--database", default=None)
    ap.add_argument("--batch-size", type=int, default=BATCH_SIZE)
    ap.add_argument("--copies", type=int, default=20,
                    help="push the seeds' graph N times over, keys suffixed (20: ~37k rows, "
                         "the size of ~100 plans)")
    ap.add_argument("--warmups", type=int, default=3,
                    help="batched pushes before timing: a JVM server needs about three to "
                         "reach its steady speed")
    args = ap.parse_args(argv)

    from resp.store.bolt import BoltSettings, push_graph

    graph = seeds_graph(args.copies)
    rows = graph.number_of_nodes() + graph.number_of_edges()
    print(f"graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} relationships")
    print(f"driver: neo4j {neo4j_version()}, rows packed in {packer()}")

    server = None
    if args.uri:
        base = BoltSettings.resolve(uri=args.uri, user=args.user, password=args.password,
                                    database=args.database)

        def fresh(name):
            wipe(base)
            return base
    else:
        sys.path.insert(0, str(REPO / "tests"))
        from bolt_server import BoltServer

        server = BoltServer(root=tempfile.mkdtemp(prefix="resp-bench-")).start()
        print(f"ArcadeDB with Bolt started in {server.start_seconds:.1f} s")

        def fresh(name):
            return server.settings(database=server.create_database(name))
    try:
        for i in range(args.warmups):
            warm = fresh(f"warmup{i}")
            push_graph(graph, warm, batch_size=args.batch_size)
        push_per_row(graph.subgraph(list(graph.nodes)[:200]), warm)

        target = fresh("batched")
        report = push_graph(graph, target, batch_size=args.batch_size, prune=False)
        batched = report.seconds
        batched_counts = count(target)

        target = fresh("perrow")
        per_row = push_per_row(graph, target)
        per_row_counts = count(target)
    finally:
        if server is not None:
            server.stop()

    assert batched_counts == per_row_counts, (batched_counts, per_row_counts)
    ratio = per_row / batched
    print(f"batched UNWIND (batch {args.batch_size}): {batched:7.2f} s  {rows / batched:9.0f} rows/s")
    print(f"one statement a row:           {per_row:7.2f} s  {rows / per_row:9.0f} rows/s")
    print(f"ratio: {ratio:.1f}x  (target >= 10x)  same graph: {batched_counts[0]} nodes, "
          f"{batched_counts[1]} relationships")
    return 0


if __name__ == "__main__":
    sys.exit(main())
