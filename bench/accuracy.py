"""How close the parser comes to the hand-checked records, per document and per set.

Run by hand: `python bench/accuracy.py [--quiet]`. Sets: the seeds (tests/golden), the layout
fixtures, the held-out set and the pending layouts (tests/fixtures/*/X.expected.json), and, when
`../shared/realdocs` is beside the repository, the real published plans there (their gold
format: unit lists per role, `text_start`, `partial` pages scored on their gold ids only).
A document the parser refuses counts as all misses. Figures:
  triples  precision / recall / F1 over (task id, unit, role), counted with multiplicity
  ids      expected task ids the parser also produced, over the larger of the two task counts
  text, section   tasks (matched by id) whose text / section is equal, over the expected tasks
  meta     each of the six metadata fields equal; targets: the whole target list equal
           (over the documents whose expectation states the field; – where none does)
  role words   the self-check's unaccounted role words, over the set (0 is the aim)
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from resp.loader.parse import parse_file
from resp.loader.records import ParseError
from resp.loader.text import normalise

ROOT = Path(__file__).resolve().parent.parent
REALDOCS = ROOT.parent / "shared" / "realdocs"
META = ("jurisdiction", "level", "parent_jurisdictions", "issued", "number", "implements")
ROLES = ("lead", "support", "implement", "responsible")


@dataclass
class Score:
    """Counts that add up over documents; shares are taken at the end."""
    tp: int = 0
    fp: int = 0
    fn: int = 0
    ids: int = 0
    id_slots: int = 0
    texts: int = 0
    sections: int = 0
    expected_tasks: int = 0
    meta: Counter = field(default_factory=Counter)
    meta_checked: Counter = field(default_factory=Counter)
    targets: int = 0
    unaccounted: int = 0
    targets_checked: int = 0
    docs: int = 0

    def __iadd__(self, other: "Score") -> "Score":
        for name in ("tp", "fp", "fn", "ids", "id_slots", "texts", "sections", "expected_tasks", "targets",
                     "targets_checked", "docs", "unaccounted"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.meta += other.meta
        self.meta_checked += other.meta_checked
        return self

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def document_sets() -> dict[str, list[tuple[Path, Path]]]:
    """Set name → (document, expectation) pairs."""
    fixtures = ROOT / "tests" / "fixtures"
    return {
        "seeds": [(p, ROOT / "tests" / "golden" / f"{p.stem}.json") for p in sorted((ROOT / "data" / "seeds").glob("*.txt"))],
        "layouts": [(p, p.with_suffix(".expected.json")) for p in sorted((fixtures / "layouts").glob("*.txt"))],
        "heldout": [(p, p.with_suffix(".expected.json")) for p in sorted((fixtures / "heldout").glob("*.txt"))],
        "pending": [(p, p.with_suffix(".expected.json")) for p in sorted((fixtures / "pending").glob("*.txt"))],
        "realdocs": [(REALDOCS / "raw" / f"{g.stem}.txt", g) for g in sorted((REALDOCS / "gold").glob("*.json"))],
    }


def expectation(path: Path) -> dict:
    """An expected record; a realdocs gold file (unit lists per role) in the same shape."""
    want = json.loads(path.read_text(encoding="utf-8"))
    if want.get("tasks") and "responsibilities" not in want["tasks"][0]:
        for t in want["tasks"]:
            t["responsibilities"] = [{"unit": normalise(u), "role": r} for r in ROLES for u in t.get(r, [])]
            t.setdefault("text", t.get("text_start", ""))
    return want


def triples(tasks: list[dict]) -> Counter:
    return Counter((t["id"], r["unit"], r["role"]) for t in tasks for r in t["responsibilities"])


def score(got: dict | None, want: dict) -> Score:
    """Compare one parse (None when refused) with its expectation."""
    s = Score(docs=1, expected_tasks=len(want["tasks"]), targets_checked=int("targets" in want),
              meta_checked=Counter(k for k in META if k in want))
    want_triples = triples(want["tasks"])
    if got is None:
        s.fn, s.id_slots = sum(want_triples.values()), len(want["tasks"])
        return s
    s.unaccounted = got.get("role_words", {}).get("unaccounted", 0)
    if want.get("partial"):  # a page cut off: only the tasks its gold annotates
        gold_ids = {t["id"] for t in want["tasks"]}
        got = dict(got, tasks=[t for t in got["tasks"] if t["id"] in gold_ids])
    got_triples = triples(got["tasks"])
    s.tp = sum((got_triples & want_triples).values())
    s.fp = sum((got_triples - want_triples).values())
    s.fn = sum((want_triples - got_triples).values())
    got_by_id = {t["id"]: t for t in got["tasks"]}
    s.ids = sum((Counter(t["id"] for t in got["tasks"]) & Counter(t["id"] for t in want["tasks"])).values())
    s.id_slots = max(len(got["tasks"]), len(want["tasks"]))
    for t in want["tasks"]:
        mine = got_by_id.get(t["id"])
        s.texts += bool(mine) and (mine["text"] == t.get("text") or ("text_start" in t and mine["text"].startswith(t["text_start"])))
        s.sections += bool(mine) and mine["section"] == t.get("section")
    s.meta = Counter(k for k in s.meta_checked if got[k] == want[k])
    s.targets = "targets" in want and got["targets"] == want["targets"]
    return s


def share(n: int, d: int, one_doc: bool = False) -> str:
    """A percentage; for one document's yes/no fields, ok or NO; – where nothing was checked."""
    if not d:
        return "  –  " if one_doc else "   –  "
    if one_doc:
        return "  ok " if n else "  NO "
    return f"{n / d:6.1%}"


def line(name: str, s: Score) -> str:
    p, r, f = s.prf()
    one = s.docs == 1
    meta = " ".join(share(s.meta[k], s.meta_checked[k], one) for k in META)
    return (f"{name:38s} P {p:6.1%} R {r:6.1%} F1 {f:6.1%}  ids {share(s.ids, s.id_slots)} "
            f"text {share(s.texts, s.expected_tasks)} sect {share(s.sections, s.expected_tasks)}  "
            f"meta {meta}  targets {share(s.targets, s.targets_checked, one)}  unaccounted {s.unaccounted}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quiet", action="store_true", help="print only the per-set totals")
    args = ap.parse_args()
    print("meta columns, in order: " + " ".join(META))
    overall = Score()
    for set_name, pairs in document_sets().items():
        total = Score()
        for doc, expected in pairs:
            want = expectation(expected)
            try:
                got = parse_file(doc).to_json()
            except ParseError as exc:
                got = None
                print(f"  refused: {exc}")
            s = score(got, want)
            total += s
            if not args.quiet:
                print("  " + line(doc.stem, s))
        print(line(f"{set_name} ({total.docs} documents)", total))
        overall += total
    print(line(f"all ({overall.docs} documents)", overall))


if __name__ == "__main__":
    main()
