"""How the parser holds when a layout fixture reaches it re-exported (the re-flow benchmark).

Run by hand: `python bench/reflow.py [--worst N] [--variant NAME ...]`. Every layout fixture
(tests/fixtures/layouts/*.txt, our own wording, read exactly by the parser) is passed through
each transform below, one a published copy prints it in, parsed in-process and scored against
the fixture's own .expected.json with bench/accuracy.py's rules. A transform does not change
what a reader should answer, so every point lost is the parser's. A fixture a transform leaves
as it is measures nothing and is left out (`orig`, the identity, keeps all: it must score 1.000).
Prints one line per variant: documents, refused, exact (triple F1 1), triples P/R/F1; with
`--worst N` the N worst documents of each variant; with `--pages` every document's F1
(`variant/stem F1 x`: run it at two commits and diff the outputs). Writes nothing but
temporary files.
Triples are counted as accuracy.py counts them, with multiplicity: a triple the parser gives
twice is one extra (a set-based score, such as realdocs' score.py, lets it pass).
"""
from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from accuracy import ROLES, ROOT, Score, expectation, score  # noqa: E402

from resp.loader.parse import parse_file  # noqa: E402
from resp.loader.records import ParseError  # noqa: E402

LAYOUTS = ROOT / "tests" / "fixtures" / "layouts"
DATA = ROOT / "data"
ZWSP, NBSP = "\u200b", "\u00a0"
CN_NUM = "零一二三四五六七八九十百〇"


# ---------------------------------------------------------------- line transforms

def join_lines(lines: list[str], like: str) -> str:
    """Lines back into a text, ending in a newline only where the fixture did (so an untouched page compares equal)."""
    return "\n".join(lines) + ("\n" if like.endswith("\n") else "")


def hard_wrap(text: str, width: int) -> list[str]:
    """Every line broken after `width` characters, wherever that falls (an empty line kept)."""
    return [piece for ln in text.splitlines() for piece in ([ln[i:i + width] for i in range(0, len(ln), width)] or [""])]


def orig(text: str, ctx: dict) -> str:
    """The fixture as it is: checks the scoring (it must be exact)."""
    return text


def oneline(text: str, ctx: dict) -> str:
    """A web page whose line breaks were lost: its text copied as one paragraph."""
    return join_lines([" ".join(ln.strip() for ln in text.splitlines() if ln.strip())], text)


def wrap34(text: str, ctx: dict) -> str:
    """A PDF of a wide page copied as text: lines cut every 34 characters."""
    return join_lines(hard_wrap(text, 34), text)


def wrap28(text: str, ctx: dict) -> str:
    """A PDF of a narrow page (or large type) copied as text: lines cut every 28 characters."""
    return join_lines(hard_wrap(text, 28), text)


def pdfish(text: str, ctx: dict) -> str:
    """A PDF copy (wrap34) with its page numbers (`- 3 -`) standing between every 40 lines."""
    out = []
    for i, ln in enumerate(hard_wrap(text, 34), 1):
        out.append(ln)
        if i % 40 == 0:
            out.append(f"- {i // 40} -")
    return join_lines(out, text)


def cells(text: str, ctx: dict) -> str:
    """A table exported cell by cell: each `|`- or tab-parted cell on a line of its own, rules dropped."""
    out = []
    for ln in text.splitlines():
        if "|" not in ln and "\t" not in ln:
            out.append(ln)
            continue
        parts = (c.strip() for c in re.split(r"[|\t]", ln))
        out.extend(c for c in parts if c and not re.fullmatch(r"[-:=+\s]+", c))
    return join_lines(out, text)


def tabs(text: str, ctx: dict) -> str:
    """A Word table saved as text: the spaces padding its cells become one tab."""
    return re.sub(r" {2,}", "\t", text)


def blank(text: str, ctx: dict) -> str:
    """A web page copied paragraph by paragraph: a blank line after every line."""
    return join_lines("\n\n".join(text.splitlines()).split("\n"), text)


# ---------------------------------------------------------------- character transforms

def invisible(text: str, ctx: dict) -> str:
    """A web page's role labels with zero-width spaces (and NBSPs) between their characters, seeded by the file name."""
    rng = random.Random(ctx["stem"])

    def sprinkle(m: re.Match) -> str:
        chars = list(m.group(0))
        gaps = [rng.choice((ZWSP, ZWSP, "", NBSP if rng.random() < 0.3 else ZWSP)) for _ in chars[1:]]
        if not any(gaps):
            gaps[rng.randrange(len(gaps))] = ZWSP
        return chars[0] + "".join(g + c for g, c in zip(gaps, chars[1:]))
    return ctx["labels"].sub(sprinkle, text)


def comma_dun(text: str, ctx: dict) -> str:
    """A unit list parted by commas where the plan printed 、 (only a 、 between two answer units; one inside a unit kept)."""
    units = ctx["units"]
    inside = {m.start() + i for u in units if "、" in u for m in re.finditer(re.escape(u), text)
              for i, c in enumerate(u) if c == "、"}
    out = list(text)
    for i, c in enumerate(text):
        if c == "、" and i not in inside and any(text.startswith(u, i + 1) for u in units) \
                and any(text.endswith(u, 0, i) for u in units):
            out[i] = ","
    return "".join(out)


COLON = re.compile(r" ?(?:(?<!\d)[:：](?!//)|[:：](?!\d)(?!//)) ?")  # not a time's (10:26) nor a URL's (://)


def colon_space(text: str, ctx: dict) -> str:
    """A page printing every label colon with spaces round it (` : `)."""
    return COLON.sub(" : ", text)


def colon_full(text: str, ctx: dict) -> str:
    """A page printing every label colon full-width (`：`)."""
    return COLON.sub("：", text)


def fanti(text: str, ctx: dict) -> str:
    """A mirror's or big5 gateway's copy in traditional characters (its units printed so too)."""
    return text.translate(ctx["fanti"])


NUM_DOT = re.compile(r"(?:^|(?<=[\s。;；:：]))(\d{1,3})\.(?!\d)", re.M)
NUM_BRACKET = re.compile(rf"\(([{CN_NUM}]{{1,3}}|\d{{1,2}})\)")


def numstyle(text: str, ctx: dict) -> str:
    """Numbers in another house style: `1.` as `1、`, `(一)`/`(1)` in full-width brackets."""
    return NUM_BRACKET.sub(r"（\1）", NUM_DOT.sub(r"\1、", text))


VARIANTS = {f.__name__: f for f in (orig, oneline, wrap34, wrap28, pdfish, cells, tabs, invisible,
                                     blank, comma_dun, colon_space, colon_full, fanti, numstyle)}


# ---------------------------------------------------------------- what the transforms read from data/

def label_pattern(grammar: dict) -> re.Pattern:
    """The role labels of grammar.toml, listed, composed and bare, as one longest-first pattern
    (the words a web page's invisible characters land in)."""
    words = {w for r in ROLES for w in grammar["labels"].get(r, [])}
    parts = grammar["label_parts"]
    for prefixes in parts["prefixes"].values():
        words |= {p + m + h for p in prefixes for m in parts["middles"] for h in parts["heads"]}
    words |= {w for ws in grammar["bare_labels"].values() for w in ws}
    return re.compile("|".join(map(re.escape, sorted((w for w in words if len(w) >= 2), key=len, reverse=True))))


def fanti_table(traditional: dict, also_traditional: str) -> dict[int, str]:
    """Simplified → traditional for traditional.toml's pairs that map one to one (the traditional
    form read back as this simplified one only, and no simplified character itself), leaving the
    characters traditional pages print too: a reversible copy, so the answer maps alike."""
    forward: dict[str, set] = {}
    backward: dict[str, set] = {}
    for entry in (traditional.get("pairs", "") + " " + traditional.get("text_pairs", "")).split():
        for trad in entry[1:]:
            forward.setdefault(entry[0], set()).add(trad)
            backward.setdefault(trad, set()).add(entry[0])
    one_to_one = {s: next(iter(ts)) for s, ts in forward.items() if len(ts) == 1}
    return str.maketrans({s: t for s, t in one_to_one.items()
                          if len(backward[t]) == 1 and t not in forward and s not in also_traditional})


def context_base() -> dict:
    """The label pattern and the traditional table, read once from data/."""
    grammar = tomllib.loads((DATA / "grammar.toml").read_text(encoding="utf-8"))
    traditional = tomllib.loads((DATA / "traditional.toml").read_text(encoding="utf-8"))
    return {"labels": label_pattern(grammar),
            "fanti": fanti_table(traditional, traditional["also_traditional"])}


# ---------------------------------------------------------------- scoring

def units_of(want: dict) -> list[str]:
    """Every unit name the fixture's answer holds, longest first (comma_dun matches them in the text)."""
    return sorted({x["unit"] for t in want["tasks"] for x in t["responsibilities"]}, key=len, reverse=True)


def answer_as_printed(want: dict, table: dict[int, str] | None) -> dict:
    """The answer with its units in the variant's characters (fanti prints units traditional)."""
    if not table:
        return want
    tasks = [dict(t, responsibilities=[dict(x, unit=x["unit"].translate(table)) for x in t["responsibilities"]])
             for t in want["tasks"]]
    return dict(want, tasks=tasks)


def parse_text_as_file(text: str, name: str, scratch: Path) -> dict | None:
    """The parser's record of a text (None when refused); parse_file reads a path, so the text
    goes through a scratch file of the fixture's name, as bytes (CR line ends stay)."""
    path = scratch / name
    path.write_bytes(text.encode("utf-8"))
    try:
        return parse_file(path).to_json()
    except ParseError:
        return None
    finally:
        path.unlink()


def f1_of(s: Score, refused: bool) -> float:
    """A document's triple F1, a refused one below every parsed one (for --worst)."""
    return -1.0 if refused else s.prf()[2]


def run_variant(name: str, fixtures: list, base: dict, scratch: Path) -> tuple[Score, int, list]:
    """One variant over every fixture it changes: the summed score, the refused count and
    (F1, stem, tp, fp, fn) per document."""
    total, refused, per_doc = Score(), 0, []
    for txt, want in fixtures:
        text = txt.read_bytes().decode("utf-8")  # as printed: its CRs kept
        new = VARIANTS[name](text, dict(base, stem=txt.stem, units=units_of(want)))
        if new == text and name != "orig":
            continue
        got = parse_text_as_file(new, txt.name, scratch)
        s = score(got, answer_as_printed(want, base["fanti"] if name == "fanti" else None))
        total += s
        refused += got is None
        per_doc.append((f1_of(s, got is None), txt.stem, s.tp, s.fp, s.fn))
    return total, refused, per_doc


def summary_line(name: str, total: Score, refused: int, per_doc: list) -> str:
    """One variant's figures, in the columns of the staging probe's summary.txt."""
    p, r, f = total.prf()
    exact = sum(1 for doc in per_doc if doc[0] == 1.0)
    return (f"{name:12} docs {total.docs:>4}  refused {refused:>3}  exact {exact:>4}  "
            f"P {p:.3f} R {r:.3f} F1 {f:.3f}")


def worst_lines(per_doc: list, n: int) -> list[str]:
    """The n documents below F1 1 with the lowest F1, refused first."""
    below = sorted((d for d in per_doc if d[0] < 1.0), key=lambda d: (d[0], d[1]))[:n]
    return [f"    {stem:70} " + ("REFUSED" if f1 < 0 else f"F1 {f1:.3f}  tp {tp} fp {fp} fn {fn}")
            for f1, stem, tp, fp, fn in below]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--worst", type=int, default=0, metavar="N", help="list each variant's N worst documents")
    ap.add_argument("--pages", action="store_true",
                    help="list every document's F1 per variant (`variant/stem F1`), to diff two runs")
    ap.add_argument("--variant", action="append", choices=list(VARIANTS), metavar="NAME",
                    help="only this variant (repeatable); one of " + ", ".join(VARIANTS))
    args = ap.parse_args()
    fixtures = [(txt, expectation(txt.with_suffix(".expected.json"))) for txt in sorted(LAYOUTS.glob("*.txt"))]
    base = context_base()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="reflow-") as scratch:
        for name in args.variant or VARIANTS:
            total, refused, per_doc = run_variant(name, fixtures, base, Path(scratch))
            print(summary_line(name, total, refused, per_doc), flush=True)
            for row in worst_lines(per_doc, args.worst):
                print(row)
            for f1, stem, *_ in (sorted(per_doc, key=lambda d: d[1]) if args.pages else ()):
                print(f"{name}/{stem} " + ("REFUSED" if f1 < 0 else f"F1 {f1:.3f}"))
    print(f"{len(fixtures)} fixtures, {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
