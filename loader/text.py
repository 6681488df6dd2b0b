"""text → normalised lines: the one place the contract's normalisation happens.

NFKC turns full-width `（），；：` into `(),;:`; spaces (ASCII and U+3000) are removed
from content. A tab separates table cells, so tab-indented cells become lines of
their own, the same shape as tables flattened one cell a line. Web furniture
(copyright footers, breadcrumbs), page numbers and a second copy of the whole text are dropped.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .grammar import GRAMMAR
from .records import normalise  # noqa: F401  (the one normalisation: records.normalise)

_EXPORT_ARTIFACT = re.compile(r"\[bookmark:[^\]]*\]")
# A line opening with ①…⑳ is a sub-item; NFKC would make it a bare digit (①开展 → 1开展), so it
# becomes (1) as ⑴ does. The number is no part of the text; circled digits inside a line stay NFKC's.
_CIRCLED_ITEM = re.compile(r"^([ \t\u3000]*)([\u2460-\u2473])", re.M)
_SPACES = re.compile(r"[ \u3000\u00a0\u200b\ufeff]+")


@dataclass(frozen=True)
class Line:
    text: str  # normalised, spaces removed
    raw: str  # normalised, spaces kept (tables of numbers are space-separated)
    blanks_before: int  # blank lines between this line and the previous one


def to_lines(text: str) -> list[Line]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CIRCLED_ITEM.sub(lambda m: f"{m.group(1)}({ord(m.group(2)) - 0x245F})", text)
    text = unicodedata.normalize("NFKC", text)
    text = _EXPORT_ARTIFACT.sub("", text)
    lines: list[Line] = []
    blanks = 0
    for physical in text.split("\n"):
        cells = [c for c in physical.split("\t") if c.strip()]
        if not cells:
            blanks += 1
            continue
        for cell in cells:
            raw = cell.strip()
            clean = _SPACES.sub("", raw)
            if not clean or _is_boilerplate(clean):
                continue
            lines.append(Line(clean, raw, blanks))
            blanks = 0
    return drop_repeated_copy(lines)


def _is_boilerplate(line: str) -> bool:
    return bool(_boilerplate_re().search(line))


@lru_cache(maxsize=1)
def _boilerplate_re() -> re.Pattern:
    layout = GRAMMAR.layout
    starts = "|".join(re.escape(w) for w in layout["boilerplate_start"])
    anywhere = "|".join(re.escape(w) for w in layout["boilerplate_anywhere"])
    pages = "|".join(f"(?:{rx})" for rx in layout["page_numbers"])
    return re.compile(f"^(?:{starts})|{anywhere}|{pages}")


def drop_repeated_copy(lines: list[Line], min_run: int = 5) -> list[Line]:
    """Scraped pages sometimes hold the whole text twice: keep the first copy only.

    A second copy is a run of at least `min_run` lines, including long ones, that
    repeats an earlier run line for line.
    """
    texts = [ln.text for ln in lines]
    first_seen: dict[str, int] = {}
    i = 0
    out: list[Line] = []
    while i < len(texts):
        t = texts[i]
        j = first_seen.get(t)
        if j is not None and len(t) >= 20:
            run = 0
            while i + run < len(texts) and j + run < i and texts[i + run] == texts[j + run]:
                run += 1
            if run >= min_run and sum(len(x) for x in texts[i : i + run]) >= 200:
                i += run
                continue
        first_seen.setdefault(t, i)
        out.append(lines[i])
        i += 1
    return out
