"""Timings the tests used to assert, measured by hand instead (tests assert outcomes).

    python bench/timings.py

Prints, for this machine: the division table's load, MIRRORS over every division with
20 functions, parsing 10 MB of noise and of random CJK text, and `resp load data/seeds`
end to end as a user runs it. CARRIES over 3,000 plans is timed by bench/run.py (the
national-scale load), and by hand as loader/carries.py describes.
"""
from __future__ import annotations

import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "data" / "seeds"


def timed(label: str, call) -> None:
    start = time.perf_counter()
    call()
    print(f"{label:<48} {time.perf_counter() - start:8.3f} s", flush=True)


def main() -> None:
    from resp.loader import places
    from resp.loader.mirrors import find_mirrors
    from resp.loader.parse import parse_text
    from resp.loader.read import decode_bytes

    places._table.cache_clear()
    timed("division table load", places._table)

    funcs = [f"f{i}" for i in range(20)]
    units = [{"key": f"{p.code}|{f}", "function": f, "jurisdiction": p.code}
             for p in places.all_places() for f in funcs]
    timed(f"find_mirrors, {len(units):,} units", lambda: find_mirrors(units))

    rnd = random.Random(7)
    noise = bytes(rnd.getrandbits(8) for _ in range(10 * 1024 * 1024))
    cjk = "".join(chr(rnd.randint(0x4E00, 0x9FA5)) for _ in range(3_500_000)).encode("utf-8")
    for name, data in (("noise", noise), ("CJK text", cjk)):
        timed(f"parse 10 MB of {name}",
              lambda d=data: _parse_or_refuse(lambda b: parse_text(decode_bytes(b, "x.txt"), "x.txt"), d))

    with tempfile.TemporaryDirectory() as tmp:
        timed("resp load data/seeds (a fresh process)", lambda: subprocess.run(
            [sys.executable, "-m", "resp.cli.main", "load", str(SEEDS), "--db", f"{tmp}/t.db"],
            check=True, capture_output=True))


def _parse_or_refuse(parse, data: bytes) -> None:
    from resp.loader.records import ParseError

    try:
        parse(data)
    except ParseError:
        pass


if __name__ == "__main__":
    main()
