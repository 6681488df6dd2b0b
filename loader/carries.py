"""CARRIES between tasks, on plain Python data: a lower plan's task that carries down a
task of a plan issued above it, with a score and a kind.

`find_carries(tasks_by_doc, doc_chain)` compares each lower plan with each plan issued by
a jurisdiction above it, one pair of plans at a time, and returns
`Carry(lower, upper, score, kind)` rows. The method, so that a reader can redo it by hand:

1. A task is cut into clauses at 。;!?,: ; clauses shorter than `min_clause` characters
   are left out (they are said by every plan).
2. A clause is the set of its character n-grams (bigrams and trigrams, within runs of
   letters, digits and CJK): no segmenter, no model.
3. Each n-gram weighs its IDF over the clauses of **the two plans compared**, and only
   those: a score depends on the pair alone, so loading a plan elsewhere changes nothing
   here (incremental loads rely on it).
4. score(lower task, upper task) = the best TF-IDF cosine between a clause of one and a
   clause of the other. Clauses, not whole tasks, because a lower plan folds several upper
   tasks into one paragraph (昆明 9 restates 云南 10, 11, 12) or rewords them.
5. kind: `same` when the upper task's clauses that some clause of the lower task states
   (cosine ≥ `clause_match`) make up at least `same_cover` of its characters, else
   `partial` (it states one measure of several, or the upper task is spread out).
6. kept: every pair scoring ≥ `carried` (the anchors); below that, a pair scoring
   ≥ `uncertain` only where it agrees with the plans' section order: it crosses no
   anchor, and one of its two tasks has no anchor yet (it fills a gap). Plans carry
   their tasks down in order even when they regroup them (昆明 1 ← 云南 2, 3; 昆明 2, 3
   ← 云南 4; …), so a weak pair against that order is noise. `status(score)` names the band.

The thresholds, and why, are in data/carries.toml; bench/carries.py measures precision
and recall against the hand-read pairs in tests/golden/carries_*.json.

Cost: each pair of plans is scored once per distinct pair of texts (plans printed alike
share the work), with an inverted index over the upper plan's clauses, so a lower plan
is compared only with the plans in its own chain of governments.
"""
from __future__ import annotations

import math
import re
import tomllib
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import NamedTuple

from resp.data import data_path


class Settings(NamedTuple):
    min_clause: int
    ngrams: tuple[int, ...]
    carried: float
    uncertain: float
    clause_match: float
    same_cover: float


def _settings() -> Settings:
    """The thresholds of data/carries.toml (words about documents live in data/)."""
    with data_path("carries.toml").open("rb") as fh:
        raw = tomllib.load(fh)
    return Settings(raw["min_clause"], tuple(raw["ngrams"]), raw["carried"], raw["uncertain"],
                    raw["clause_match"], raw["same_cover"])


SETTINGS = _settings()
THRESHOLD = SETTINGS.carried  # the score from which a task is carried down


class Carry(NamedTuple):
    lower: str
    upper: str
    score: float
    kind: str  # "same" | "partial"


def status(score: float | None, settings: Settings = SETTINGS) -> str:
    """`carried`, `uncertain` or `dropped`: the band a best score falls in."""
    if score is None or score < settings.uncertain:
        return "dropped"
    return "carried" if score >= settings.carried else "uncertain"


# --------------------------------------------------------------------------
# text → clauses → n-grams

_RUN = re.compile(r"[0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_CLAUSE_END = re.compile(r"[。;!?,:]")


def clauses(text: str, min_clause: int = SETTINGS.min_clause) -> list[str]:
    """The clauses of a task (NFKC, cut at 。;!?,:) with at least `min_clause` letters;
    the whole text when none is that long, so that a short task still has one."""
    text = unicodedata.normalize("NFKC", text or "")
    out = [c for c in _CLAUSE_END.split(text) if sum(map(len, _RUN.findall(c))) >= min_clause]
    return out or ([text] if text.strip() else [])


@lru_cache(maxsize=1 << 18)
def ngrams(text: str, sizes: Sequence[int] = SETTINGS.ngrams) -> frozenset[str]:
    """Character n-grams within runs of letters/digits/CJK (never across punctuation);
    a run shorter than every size counts as one feature."""
    out: set[str] = set()
    for run in _RUN.findall(text):
        if len(run) < min(sizes):
            out.add(run)
        for n in sizes:
            out.update(run[i:i + n] for i in range(len(run) - n + 1))
    return frozenset(out)


# --------------------------------------------------------------------------
# one pair of plans

Plan = tuple[tuple[str, str], ...]  # (task key, text) in the plan's order


def score_pair(lower: Plan, upper: Plan, settings: Settings = SETTINGS) -> list[Carry]:
    """The CARRIES of one lower plan towards one upper plan, computed from these two
    plans only."""
    return list(_score_texts(tuple(t for _, t in lower), tuple(t for _, t in upper), settings,
                             tuple(k for k, _ in lower), tuple(k for k, _ in upper)))


def _score_texts(lower: tuple[str, ...], upper: tuple[str, ...], settings: Settings,
                 lower_keys: tuple[str, ...], upper_keys: tuple[str, ...]):
    """Carry rows, keyed back from task positions to task keys."""
    for i, j, score, kind in _scored(lower, upper, settings):
        yield Carry(lower_keys[i], upper_keys[j], score, kind)


@lru_cache(maxsize=4096)
def _scored(lower: tuple[str, ...], upper: tuple[str, ...], settings: Settings):
    """(lower task position, upper task position, score, kind) kept for a pair of plans'
    texts; cached, since plans printed alike are common in a national corpus."""
    lc = [(i, c) for i, text in enumerate(lower) for c in clauses(text, settings.min_clause)]
    uc = [(j, c) for j, text in enumerate(upper) for c in clauses(text, settings.min_clause)]
    grams = {c: ngrams(c, settings.ngrams) for _, c in lc + uc}
    weight = _idf2([grams[c] for _, c in lc] + [grams[c] for _, c in uc])
    norm = {c: math.sqrt(sum(weight[g] for g in gs)) or 1.0 for c, gs in grams.items()}
    best: dict[tuple[int, int], float] = {}
    stated: dict[tuple[int, int], int] = Counter()
    for j, uclause, by_task in _best_by_task(lc, uc, grams, weight, norm):
        for i, cos in by_task.items():
            best[i, j] = max(best.get((i, j), 0.0), cos)
            if cos >= settings.clause_match:
                stated[i, j] += len(uclause)
    length = Counter()
    for j, c in uc:
        length[j] += len(c)
    return tuple(_kept(best, stated, length, settings))


def _idf2(clause_grams: list[frozenset[str]]) -> dict[str, float]:
    """Squared smoothed IDF of each n-gram over the pair's clauses."""
    df = Counter(g for gs in clause_grams for g in gs)
    n = len(clause_grams)
    return {g: (math.log((1 + n) / (1 + k)) + 1.0) ** 2 for g, k in df.items()}


def _best_by_task(lc, uc, grams, weight, norm):
    """(upper clause position, the clause, {lower task position: its best clause cosine
    with that clause}) for each upper clause. Dot products are summed over an inverted
    index of the lower clauses, so only clauses that share an n-gram are touched."""
    postings: dict[str, list[int]] = defaultdict(list)
    for k, (_, lclause) in enumerate(lc):
        for g in grams[lclause]:
            postings[g].append(k)
    for j, uclause in uc:
        dots: dict[int, float] = defaultdict(float)
        for g in grams[uclause]:
            w = weight[g]
            for k in postings.get(g, ()):
                dots[k] += w
        out: dict[int, float] = {}
        for k, dot in dots.items():
            i, lclause = lc[k]
            cos = dot / (norm[uclause] * norm[lclause])
            if cos > out.get(i, 0.0):
                out[i] = cos
        yield j, uclause, out


def _kept(best, stated, length, settings: Settings):
    """Pairs at or above `carried` (the anchors), and the uncertain ones that fill a gap
    in the plans' order (`_fills_gap`); with their kind."""
    anchors = [pair for pair, s in best.items() if s >= settings.carried]
    lower_done, upper_done = {i for i, _ in anchors}, {j for _, j in anchors}
    for (i, j), s in sorted(best.items()):
        if s >= settings.carried or (s >= settings.uncertain and
                                     _fills_gap(i, j, anchors, lower_done, upper_done)):
            kind = "same" if stated[i, j] >= settings.same_cover * length[j] else "partial"
            yield i, j, round(min(s, 1.0), 4), kind


def _fills_gap(i: int, j: int, anchors, lower_done: set, upper_done: set) -> bool:
    """Whether a weak pair (lower task i, upper task j) agrees with the plans' section
    order: one of its tasks has no anchor yet (a pair between two anchored tasks is a
    neighbour's echo: 盈江 17 ↔ 云南 18), and it crosses no anchor (a lower task after
    an anchor's lower task carries an upper task after the anchor's upper one)."""
    if i in lower_done and j in upper_done:
        return False
    return not any((i - a) * (j - b) < 0 for a, b in anchors if a != i and b != j)


# --------------------------------------------------------------------------
# every pair of plans along the chains of governments

def _key_text(task) -> tuple[str, str]:
    """A task's key and text: a dict or an object with `key` and `text`."""
    if isinstance(task, Mapping):
        return task["key"], task.get("text") or ""
    return getattr(task, "key", None), getattr(task, "text", None) or ""


def find_carries(tasks_by_doc: Mapping[str, Iterable], doc_chain: Mapping[str, Sequence[str]],
                 settings: Settings = SETTINGS) -> list[Carry]:
    """Every Carry of every lower plan towards the plans issued above it, sorted.

    `tasks_by_doc`: doc id → tasks (dicts or objects with `key` and `text`), in order.
    `doc_chain`: doc id → the document's jurisdiction chain, its own jurisdiction first,
    then the ones above it, nearest first (["盈江县", "德宏傣族景颇族自治州", "云南省"]).
    A document is compared with the documents whose own jurisdiction is in its chain
    after the first; documents of the same jurisdiction or with no chain are not.
    """
    plans = {doc: tuple(map(_key_text, tasks)) for doc, tasks in tasks_by_doc.items()}
    out: list[Carry] = []
    for doc, uppers in sorted(ancestors(plans, doc_chain).items()):
        for up in uppers:
            out.extend(score_pair(plans[doc], plans[up], settings))
    out.sort()
    return out


def ancestors(tasks_by_doc: Mapping, doc_chain: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """Lower doc id → the ids of the documents issued by jurisdictions above it."""
    by_jurisdiction: dict[str, list[str]] = defaultdict(list)
    for doc, jchain in doc_chain.items():
        if jchain and doc in tasks_by_doc:
            by_jurisdiction[jchain[0]].append(doc)
    found: dict[str, list[str]] = {}
    for doc, jchain in doc_chain.items():
        if not jchain or doc not in tasks_by_doc:
            continue
        above = sorted({a for j in jchain[1:] if j != jchain[0] for a in by_jurisdiction.get(j, ())})
        if above:
            found[doc] = above
    return found
