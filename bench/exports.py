"""How the parser holds when a real plan is damaged the way exports damage it.

Run by hand: `python bench/exports.py [--extra DIR ...]`. Each real plan of
`../shared/realdocs` (and of every DIR holding raw/*.txt and gold/*.json in the same
format) is parsed as published and again after each damage below, and scored against its
hand-checked gold with bench/accuracy.py's rules (triples P/R/F1, refused documents):

  wrapped-N  every line broken at N characters, as a PDF saved as text (pdftotext)
  pages      a page number (— 3 —) between blank lines every 35 lines
  indented   two ideographic spaces before every line, as Word exports indent paragraphs
  spaced     a blank line after every line, as some web pages copy
  pdf        wrapped at 33 characters, indented and paged: the three together
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from accuracy import Score, document_sets, expectation, line, score  # noqa: E402

from resp.loader.parse import parse_file  # noqa: E402
from resp.loader.records import ParseError  # noqa: E402


def wrapped(text: str, width: int) -> str:
    out = []
    for ln in text.split("\n"):
        while len(ln) > width:
            out.append(ln[:width])
            ln = ln[width:]
        out.append(ln)
    return "\n".join(out)


def paged(text: str, every: int = 35) -> str:
    out = []
    for i, ln in enumerate(text.split("\n")):
        out.append(ln)
        if i and i % every == 0:
            out += ["", f"— {i // every + 1} —", ""]
    return "\n".join(out)


def indented(text: str) -> str:
    return "\n".join("\u3000\u3000" + ln if ln.strip() else ln for ln in text.split("\n"))


DAMAGES = {
    "as published": lambda t: t,
    "wrapped-25": lambda t: wrapped(t, 25),
    "wrapped-38": lambda t: wrapped(t, 38),
    "wrapped-60": lambda t: wrapped(t, 60),
    "pages": paged,
    "indented": indented,
    "spaced": lambda t: "\n\n".join(t.split("\n")),
    "pdf": lambda t: paged(indented(wrapped(t, 33))),
}


def pairs(extra: list[str]) -> list[tuple[Path, Path]]:
    out = document_sets()["realdocs"]
    for folder in map(Path, extra):
        out += [(folder / "raw" / f"{g.stem}.txt", g) for g in sorted((folder / "gold").glob("*.json"))]
    return [(doc, gold) for doc, gold in out if doc.is_file()]


def measure(docs: list[tuple[Path, Path]], damage, scratch: Path) -> tuple[Score, int]:
    """The scores added over the documents, and how many were refused."""
    total, refused = Score(), 0
    for doc, gold in docs:
        damaged = scratch / doc.name
        damaged.write_text(damage(doc.read_bytes().decode("utf-8", "replace")), encoding="utf-8")
        try:
            got = parse_file(damaged).to_json()
        except ParseError:
            got, refused = None, refused + 1
        total += score(got, expectation(gold))
    return total, refused


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--extra", nargs="*", default=[], help="folders with raw/*.txt and gold/*.json")
    args = ap.parse_args()
    docs = pairs(args.extra)
    if not docs:
        sys.exit("no real plans found: ../shared/realdocs is not beside the repository")
    with tempfile.TemporaryDirectory() as tmp:
        for name, damage in DAMAGES.items():
            s, refused = measure(docs, damage, Path(tmp))
            print(line(f"{name} ({s.docs} documents, {refused} refused)", s))


if __name__ == "__main__":
    main()
