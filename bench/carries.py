"""How well CARRIES finds the hand-read pairs of the seeds, by kind.

Run by hand: `python bench/carries.py [--json]`. Parses the seeds, computes CARRIES
(loader/carries.py) and compares them with tests/golden/carries_<lower>_<upper>.json,
whose pairs were read by hand with their kind (`same`: a close copy or adaptation,
`partial`: part of the upper task). Pairs listed as `doubtful` are neither rewarded nor
punished. Two sets of edges are scored:
  carried    edges scoring at or above `carried` (what coverage calls carried)
  candidates every edge, the `uncertain` best candidates included
Figures: precision over the set; recall of the `same` pairs and of the `partial` pairs;
kind agreement over the true pairs found.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from resp.loader import places
from resp.loader.carries import SETTINGS, find_carries
from resp.loader.parse import parse_file

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "data" / "seeds"


def seed_carries():
    """The CARRIES of the five seeds, keyed by seed prefix and printed task id."""
    tasks, chains = {}, {}
    for path in sorted(SEEDS.glob("*.txt")):
        doc, did = parse_file(str(path)), path.name[:3]
        place = places.resolve(doc.jurisdiction, hint=doc.parent_jurisdictions)
        chains[did] = [p.name for p in place.chain] if place else []
        tasks[did] = [{"key": f"{did}:{t.id}", "text": t.text} for t in doc.tasks]
    return find_carries(tasks, chains)


def gold(lower: str, upper: str):
    """({(lower key, upper key): kind}, {doubtful pairs}) from tests/golden."""
    raw = json.loads((ROOT / "tests" / "golden" / f"carries_{lower}_{upper}.json").read_text(encoding="utf-8"))
    pairs = {(f"{lower}:{lo}", f"{upper}:{up}"): kind for lo, up, kind, *_ in raw["pairs"]}
    doubtful = {(f"{lower}:{lo}", f"{upper}:{up}") for lo, up, *_ in raw.get("doubtful", [])}
    return pairs, doubtful


def measure(found: dict, pairs: dict, doubtful: set) -> dict:
    """Precision, recall by kind and kind agreement of `found` ({pair: kind})."""
    judged = {p: k for p, k in found.items() if p not in doubtful}
    true = [p for p in judged if p in pairs]
    figures = {"edges": len(judged), "precision": _ratio(len(true), len(judged)),
               "wrong": sorted(set(judged) - set(pairs)), "missed": sorted(set(pairs) - set(judged))}
    for kind in ("same", "partial"):
        want = [p for p, k in pairs.items() if k == kind]
        figures[f"recall_{kind}"] = _ratio(sum(p in judged for p in want), len(want))
    figures["kind_agreement"] = _ratio(sum(judged[p] == pairs[p] for p in true), len(true))
    return figures


def _ratio(a: int, b: int) -> float:
    return round(a / b, 3) if b else 1.0


def run() -> dict:
    """Figures for each hand-read pair of plans, for the carried edges and all candidates."""
    carries = seed_carries()
    out = {}
    for lower, upper in (("004", "000"), ("001", "000")):
        pairs, doubtful = gold(lower, upper)
        mine = [c for c in carries if c.lower.startswith(lower + ":") and c.upper.startswith(upper + ":")]
        out[f"{lower}/{upper}"] = {
            "carried": measure({(c.lower, c.upper): c.kind for c in mine if c.score >= SETTINGS.carried},
                               pairs, doubtful),
            "candidates": measure({(c.lower, c.upper): c.kind for c in mine}, pairs, doubtful)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    figures = run()
    if parser.parse_args().json:
        print(json.dumps(figures, ensure_ascii=False, indent=1))
        return
    for pair, sets in figures.items():
        for name, f in sets.items():
            print(f"{pair} {name:10} edges {f['edges']:3}  precision {f['precision']:.3f}  "
                  f"recall same {f['recall_same']:.3f}  partial {f['recall_partial']:.3f}  "
                  f"kinds {f['kind_agreement']:.3f}")
            print(f"    wrong {f['wrong']}\n    missed {f['missed']}")


if __name__ == "__main__":
    main()
