"""Answers that fit where they go, timed on a national store against the old output.

    python bench/output_bench.py --db bench/out/store-3000.db [--text 托育]

Prints, for `resp who-leads TEXT` over the whole country, the time to render its rows
in each format of cli/output.py (a screenful of rich table, the plain grid of every row,
tab-separated text, JSON in chunks, CSV) against two baselines measured in the same
run: the old rich table of every row and the old `json.dump(indent=1)` (with its count
of write calls). Then the whole process of each command as a user runs it (stdout to a
pipe), and topic_neighbourhood capped (max_tasks) against the same Cypher without the
cap, each in a child process for its peak memory; and every canned query at its
broadest parameters, in a child process each, against the floor of a child that only
opens the store. Run by hand; not a timed test.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import re
import subprocess
import sys
import time

SNIPPET = """
import resource, sys, time
from resp.store import open_store
t0 = time.perf_counter()
with open_store(sys.argv[1]) as store:
    rows = store.run(sys.argv[2], {"text": sys.argv[3], "jurisdiction": "", "max_tasks": 1000}).rows
print(len(rows), time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def clock(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


class Counting(io.StringIO):
    """A text sink that counts write calls (json.dump makes one a token)."""

    calls = 0

    def write(self, s):
        self.calls += 1
        return super().write(s)


def old_rich_table(result) -> None:
    """The output before: one rich table of every row, text cut at 48 characters."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(caption=f"{len(result.rows)} rows")
    for c in result.columns:
        table.add_column(c, overflow="fold")
    for row in result.rows:
        table.add_row(*(Text(str(row.get(c) or "")[:48]) for c in result.columns))
    with open(os.devnull, "w", encoding="utf-8") as sink:
        Console(file=sink, width=120).print(table)


def render_times(result) -> list[tuple[str, float, str]]:
    """(what, seconds, remark) for each format, the baselines first."""
    from resp.cli import output

    sink = Counting()
    out = [("old rich table, every row (baseline)", clock(lambda: old_rich_table(result)), "")]
    out.append(("old json.dump(indent=1) (baseline)",
                clock(lambda: json.dump(result.rows, sink, ensure_ascii=False, indent=1, default=str)),
                f"{sink.calls:,} write calls"))
    lines, _ = output._table_cells(result.columns, result.rows)
    sys.stdout = open(os.devnull, "w", encoding="utf-8")
    try:
        out.append(("rich table, first 50 rows", clock(lambda: output._rich(
            result.columns, lines[:50], "", "")), ""))
        out.append(("plain grid, every row (--all)", clock(lambda: output._grid(
            result.columns, lines, "", "")), ""))
    finally:
        sys.stdout.close()
        sys.stdout = sys.__stdout__
    with open(os.devnull, "wb") as raw:
        for fmt, write in (("tsv", output._write_tsv), ("json", output._write_json), ("csv", output._write_csv)):
            seconds = clock(lambda: write(result.columns, result.rows, raw))
            out.append((f"{fmt}, every row", seconds,
                        f"{(len(result.rows) + output.CHUNK - 1) // output.CHUNK} writes; "
                        f"{out[1][1] / seconds:.1f}x faster than json.dump"))
    return out


def process_times(db: str, text: str) -> list[tuple[str, float]]:
    env = {**os.environ, "RESP_DB": db}
    out = []
    for args in (["who-leads", text], ["who-leads", text, "--json"], ["who-leads", text, "--csv"],
                 ["who-leads", text, "--limit", "50"], ["who-leads", text, "--by", "function"],
                 ["stats", "--by", "function"], ["dropped"]):
        t0 = time.perf_counter()
        subprocess.run(["resp", *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        out.append(("resp " + " ".join(args), time.perf_counter() - t0))
    return out


def neighbourhood(db: str, text: str) -> list[tuple[str, str]]:
    """topic_neighbourhood as canned (capped) and its Cypher without the cap, in children."""
    from resp.queries import catalog

    capped = catalog.get("topic_neighbourhood").body
    uncapped = re.sub(r"WITH d, t\s+ORDER BY d\.id, t\.ordinal\s+LIMIT \$max_tasks\s+", "", capped)
    rows = []
    floor = "MATCH (t:Task) WHERE t.text CONTAINS $text AND $jurisdiction = '' AND $max_tasks > 0 RETURN count(t) AS n"
    for what, cypher in (("floor: count the topic's tasks", floor), ("without the cap (baseline)", uncapped),
                         ("capped, max_tasks 1000", capped)):
        done = subprocess.run([sys.executable, "-c", SNIPPET, db, cypher, text],
                              capture_output=True, text=True, check=True).stdout.split()
        rows.append((what, f"{int(done[0]):>8,} rows  {float(done[1]):6.2f} s  peak {int(done[2]):,} MB"))
    return rows


CANNED = """
import json, resource, sys, time
from resp.queries import catalog
from resp.store import open_store
t0 = time.perf_counter()
with open_store(sys.argv[1]) as store:
    rows = catalog.run(store, sys.argv[2], json.loads(sys.argv[3])).rows if sys.argv[2] else []
print(len(rows), time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""

# the broadest values a user could give: a character in nearly every task, a printed name
# every county shares, no jurisdiction where it is optional, the caps at their ceiling
BROAD = {"text": "的", "unit": "县卫生健康局", "jurisdiction": "", "role": "", "task": "1",
         "top": 1_000_000, "max_tasks": 5000}
REQUIRED_PLACE = "云南省"
BROAD_NAME = {"find_units": "局", "find_jurisdictions": "县"}  # the fragments that fit the most


def broadest(query) -> dict:
    params = {}
    for p in query.params:
        value = BROAD_NAME.get(query.name, BROAD["text"]) if p.name == "text" else BROAD.get(p.name, p.default)
        params[p.name] = REQUIRED_PLACE if p.required and p.name == "jurisdiction" else value
    return params


def canned_peaks(db: str) -> list[tuple[str, int, float, int]]:
    """(query, rows, seconds, peak MB) of every canned query at its broadest, in a child
    process each; the first row is the floor: a child that only opens the store."""
    from resp.queries import catalog

    out = []
    for name in ("", *catalog.names()):
        params = broadest(catalog.get(name)) if name else {}
        done = subprocess.run([sys.executable, "-c", CANNED, db, name, json.dumps(params)],
                              capture_output=True, text=True, check=True).stdout.split()
        out.append((name or "floor: open the store", int(done[0]), float(done[1]), int(done[2])))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--text", default="托育")
    args = ap.parse_args()
    from resp import api

    with api.open_store(args.db) as store:
        t0 = time.perf_counter()
        result = api.who_leads(store, args.text)
        engine = time.perf_counter() - t0
    print(f"who-leads {args.text}: {len(result.rows):,} rows; the engine's answer in {engine:.2f} s")
    times = render_times(result)
    base = times[0][1]
    for what, seconds, remark in times:
        print(f"  {what:38s} {seconds:7.3f} s  {base / max(seconds, 1e-6):8.1f}x faster than the old table  {remark}")
    print("whole process, stdout to a pipe:")
    for what, seconds in process_times(args.db, args.text):
        print(f"  {what:38s} {seconds:7.2f} s")
    print(f"topic_neighbourhood text={args.text}, no jurisdiction:")
    for what, line in neighbourhood(args.db, args.text):
        print(f"  {what:38s} {line}")
    print(f"every canned query at its broadest {BROAD} (a required jurisdiction: {REQUIRED_PLACE}):")
    for name, rows, seconds, peak in canned_peaks(args.db):
        print(f"  {name:38s} {rows:>8,} rows  {seconds:6.2f} s  peak {peak:,} MB")


if __name__ == "__main__":
    main()
