"""Real published pages with hand-checked answers, as published and re-exported (the re-flow benchmark's exports).

Run by hand: `python bench/realflow.py [--pages] [DIR ...]`. Each DIR holds `raw/<name>.txt` (a page as
published) and `gold/<name>.json` (its answer, in the format of ../shared/realdocs/README.md); the default
is ../shared/realdocs. Every page is parsed as published (`orig`) and re-exported by each transform of
bench/reflow.py (one line, wrapped, a table one cell a line, tabs, …), and scored the way
../shared/realdocs/score.py scores (set-based triples; a refused page counts all its triples missed; a
`partial` page only on its gold ids). Prints one line per export; `--pages` every page's F1 too, to diff
two commits. Real texts stay outside the repository: point it at folders of your own.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import reflow  # noqa: E402  (bench/ is no package: its scripts are run by hand)

REALDOCS = HERE.parent.parent / "shared" / "realdocs"


def realdocs_scorer():
    """../shared/realdocs/score.py as a module: its triples, normalisation and P/R/F1, one definition."""
    spec = importlib.util.spec_from_file_location("score", REALDOCS / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def page_score(sc, gold: dict, got: dict | None, table: dict | None) -> tuple[int, int, int]:
    """(tp, fp, fn) of one page; units in the export's characters where it changes them (traditional)."""
    want = {(i, u.translate(table) if table else u, r) for i, u, r in sc.gold_triples(gold)}
    if got is None:
        return 0, 0, len(want)
    found = sc.parsed_triples(got)
    if gold.get("partial"):
        ids = {str(t["id"]) for t in gold["tasks"]}
        found = {x for x in found if x[0] in ids}
    return len(want & found), len(found - want), len(want - found)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dirs", nargs="*", type=Path, default=[REALDOCS])
    ap.add_argument("--pages", action="store_true", help="every page's F1 per export, to diff two commits")
    args = ap.parse_args()
    sc = realdocs_scorer()
    golds = sorted(g for d in args.dirs for g in (d / "gold").glob("*.json"))
    base = reflow.context_base()
    with tempfile.TemporaryDirectory(prefix="realflow-") as scratch:
        for name, export in reflow.VARIANTS.items():
            tp = fp = fn = refused = pages = 0
            for g in golds:
                gold = json.loads(g.read_text(encoding="utf-8"))
                raw = g.parent.parent / "raw" / (g.stem + ".txt")
                text = raw.read_bytes().decode("utf-8", "replace")
                units = sorted({sc.norm(u) for t in gold["tasks"] for r in sc.ROLES for u in t.get(r, [])},
                               key=len, reverse=True)
                new = export(text, dict(base, stem=g.stem, units=units))
                if new == text and name != "orig":
                    continue  # this export leaves the page as it is: it measures nothing here
                got = reflow.parse_text_as_file(new, raw.name, Path(scratch))
                counts = page_score(sc, gold, got, base["fanti"] if name == "fanti" else None)
                tp, fp, fn = tp + counts[0], fp + counts[1], fn + counts[2]
                refused += got is None
                pages += 1
                if args.pages:
                    print(f"  {name}/{g.parent.parent.name}/{g.stem} "
                          + ("REFUSED" if got is None else f"F1 {sc.prf(*counts)[2]:.3f}"))
            p, r, f = sc.prf(tp, fp, fn)
            print(f"{name:12} pages {pages:>3} refused {refused:>2}  P {p:.3f} R {r:.3f} F1 {f:.3f}", flush=True)


if __name__ == "__main__":
    main()
