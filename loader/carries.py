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
   anchor, and one of its two tasks has no anchor yet (it fills a gap); or, both being
   anchored, it matches a piece of the upper task that its anchors leave out and
   crosses only the anchors of the lower task next to it (`_fills_gap`). Plans carry
   their tasks down in order even when they regroup them (昆明 1 ← 云南 2, 3; 昆明 2, 3
   ← 云南 4; …), so a weak pair against that order is noise. `status(score)` names the band.

The thresholds, and why, are in data/carries.toml; bench/carries.py measures precision
and recall against the hand-read pairs in tests/golden/carries_*.json.

Cost: a lower plan is compared only with the plans in its own chain of governments.
The work is cut into independent jobs, one per set of upper plans with every lower plan
below exactly those (`carries_jobs`), so a process pool can score them (resp.api.load's
does, while the load builds the other tables) and each job makes an upper plan's clause
× n-gram entries once (`_matrix`). A pair's dot products are summed in numpy over the
n-grams the two plans share (`_cosines`), and its candidate pairs are kept or dropped in
array operations: about 1 ms a pair of seed-sized plans on this machine.
"""
from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import repeat
from typing import NamedTuple

import numpy as np

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
    texts, in that order; cached, since plans printed alike are common in a national
    corpus. Every step is an array operation over the pair's candidate task pairs."""
    low, up = _matrix(lower, settings), _matrix(upper, settings)
    if not len(low.task) or not len(up.task):
        return ()
    cos = _cosines(low, up)                                   # upper clause × lower clause
    by_task = np.maximum.reduceat(cos, low.first, axis=1)     # upper clause × lower task
    best = np.maximum.reduceat(by_task, up.first, axis=0)     # upper task × lower task
    rows, cols = np.nonzero(best >= settings.uncertain)       # nothing below is ever kept
    if not len(rows):
        return ()
    said = (by_task >= settings.clause_match) * up.length[:, None]
    stated = np.add.reduceat(said, up.first, axis=0)[rows, cols]
    length = np.add.reduceat(up.length, up.first)[rows]
    score = best[rows, cols]
    lt, ut = low.task[low.first][cols], up.task[up.first][rows]  # back to task positions
    anchor = score >= settings.carried
    keep = anchor.copy()
    weak = np.flatnonzero(~anchor)
    if len(weak):
        left_out = _left_out(by_task, best, up, settings)[rows[weak], cols[weak]]
        keep[weak] = _fills_gap(lt[weak], ut[weak], lt[anchor], ut[anchor], left_out)
    order = np.lexsort((ut, lt))
    order = order[keep[order]]
    same = stated >= settings.same_cover * length
    return tuple((i, j, round(min(s, 1.0), 4), "same" if k else "partial")
                 for i, j, s, k in zip(lt[order].tolist(), ut[order].tolist(), score[order].tolist(),
                                       same[order].tolist()))


def _left_out(by_task: np.ndarray, best: np.ndarray, up: "_Matrix", settings: Settings) -> np.ndarray:
    """upper task row × lower task column: whether the upper clause behind the pair's
    best score (the first of its task's clauses that scores it) is one that no anchor of
    that upper task states (a piece its anchors leave out, which a second lower task may
    carry)."""
    ends = np.r_[up.first[1:], len(up.task)]
    group = np.repeat(np.arange(len(up.first)), ends - up.first)   # upper clause -> task row
    anchored = (best >= settings.carried)[group]                   # upper clause × lower task
    said = np.where(anchored, by_task, 0.0).max(axis=1)            # by the task's anchors
    clause = np.arange(len(group))[:, None]
    at_best = np.where(by_task == best[group], clause, len(group))  # the clauses that score it
    first_best = np.minimum.reduceat(at_best, up.first, axis=0)    # the first of them
    return said[first_best] < settings.clause_match


class _Matrix(NamedTuple):
    """One plan's clauses as (clause, n-gram) entries, sorted by n-gram id."""
    task: np.ndarray     # clause -> its task's position
    length: np.ndarray   # clause -> characters
    first: np.ndarray    # the first clause of each task that has one
    clause: np.ndarray   # entry -> clause
    which: np.ndarray    # entry -> its n-gram's position in `grams`
    grams: np.ndarray    # the distinct n-gram ids, sorted
    start: np.ndarray    # where each of them starts among the entries
    count: np.ndarray    # how many clauses have it


_VOCABULARY: dict[str, int] = {}


@lru_cache(maxsize=8192)
def _matrix(texts: tuple[str, ...], settings: Settings) -> _Matrix:
    """A plan's clause × n-gram entries, made once per distinct plan text."""
    task, length, clause, gram = [], [], [], []
    for i, text in enumerate(texts):
        for c in clauses(text, settings.min_clause):
            ids = _gram_ids(c, settings.ngrams)
            clause.extend(repeat(len(task), len(ids)))
            gram.extend(ids)
            task.append(i)
            length.append(len(c))
    task_a = np.array(task, dtype=np.int64)
    gram_a = np.array(gram, dtype=np.int64)
    order = np.argsort(gram_a, kind="stable")
    clause_a, gram_a = np.array(clause, dtype=np.int64)[order], gram_a[order]
    start = np.flatnonzero(np.r_[True, gram_a[1:] != gram_a[:-1]]) if len(gram_a) else gram_a
    count = np.diff(np.r_[start, len(gram_a)])
    which = np.repeat(np.arange(len(start)), count)
    first = np.flatnonzero(np.r_[True, task_a[1:] != task_a[:-1]]) if len(task_a) else task_a
    return _Matrix(task_a, np.array(length, dtype=np.int64), first, clause_a, which, gram_a[start],
                   start, count)


@lru_cache(maxsize=1 << 18)
def _gram_ids(clause: str, sizes: tuple[int, ...]) -> tuple[int, ...]:
    """A clause's n-grams as ids of _VOCABULARY (clauses repeat across plans)."""
    return tuple(_VOCABULARY.setdefault(g, len(_VOCABULARY)) for g in ngrams(clause, sizes))


def _cosines(low: _Matrix, up: _Matrix) -> np.ndarray:
    """TF-IDF cosine of every upper clause with every lower clause, the IDF fitted on
    the clauses of these two plans: dot products are summed over the n-grams the two
    plans share, clause pair by clause pair, in one bincount."""
    n_low, n_up = len(low.task), len(up.task)
    shared, il, iu = np.intersect1d(low.grams, up.grams, assume_unique=True, return_indices=True)
    w2_low = _weights(low.count, il, up.count[iu], n_low + n_up)   # by each plan's n-grams
    w2_up = _weights(up.count, iu, low.count[il], n_low + n_up)
    norm_low = _norms(low, w2_low[low.which], n_low)
    norm_up = _norms(up, w2_up[up.which], n_up)
    cl, cu = low.count[il], up.count[iu]
    m = cl * cu                                  # clause pairs that share each n-gram
    group = np.repeat(np.arange(len(shared)), m)
    offset = np.arange(int(m.sum())) - np.repeat(np.cumsum(m) - m, m)
    cu_g = cu[group]
    li = low.start[il][group] + offset // cu_g
    ui = up.start[iu][group] + offset % cu_g
    dots = np.bincount(up.clause[ui] * n_low + low.clause[li], weights=w2_low[il][group],
                       minlength=n_up * n_low)
    return dots.reshape(n_up, n_low) / np.outer(norm_up, norm_low)


def _weights(count: np.ndarray, mine: np.ndarray, theirs: np.ndarray, clauses: int) -> np.ndarray:
    """The squared IDF weight of each of a plan's n-grams over the clauses of both plans:
    its document frequency is its count here, plus the other plan's count where shared."""
    df = count.astype(np.float64)
    df[mine] += theirs
    return (np.log((1 + clauses) / (1 + df)) + 1.0) ** 2


def _norms(plan: _Matrix, weights: np.ndarray, n: int) -> np.ndarray:
    """Each clause's TF-IDF norm (1 for a clause without n-grams, never 0)."""
    norms = np.sqrt(np.bincount(plan.clause, weights=weights, minlength=n))
    norms[norms == 0] = 1.0
    return norms


def _fills_gap(i: np.ndarray, j: np.ndarray, anchor_i: np.ndarray, anchor_j: np.ndarray,
               left_out: np.ndarray) -> np.ndarray:
    """Whether each weak pair (lower task i, upper task j) agrees with the plans' section
    order. It may not cross an anchor (a lower task after an anchor's lower task carries
    an upper task after the anchor's upper one). Where both tasks are anchored already,
    it must match a piece of the upper task its anchors leave out (`left_out`), and may
    cross only the anchors of the lower task next to it (a plan that regroups splits a
    task between neighbours: 昆明 8 ↔ 云南 11 beside 昆明 9); otherwise it is a
    neighbour's echo (盈江 17 ↔ 云南 18, whose every clause 盈江 18 copies)."""
    if not len(anchor_i):
        return np.ones(len(i), dtype=bool)
    di = i[:, None] - anchor_i[None, :]
    crossed = di * (j[:, None] - anchor_j[None, :]) < 0        # weak pair × anchor
    both = np.isin(i, anchor_i) & np.isin(j, anchor_j)
    far = (crossed & (np.abs(di) > 1)).any(axis=1)
    return np.where(both, left_out & ~far, ~crossed.any(axis=1))


# --------------------------------------------------------------------------
# every pair of plans along the chains of governments

def _key_text(task) -> tuple[str, str]:
    """A task's key and text: a (key, text) tuple, a dict or an object with `key` and `text`."""
    if type(task) is tuple:
        return task
    if isinstance(task, Mapping):
        return task["key"], task.get("text") or ""
    return getattr(task, "key", None), getattr(task, "text", None) or ""


def find_carries(tasks_by_doc: Mapping[str, Iterable], doc_chain: Mapping[str, Sequence[str]],
                 settings: Settings = SETTINGS, map=map) -> list[Carry]:
    """Every Carry of every lower plan towards the plans issued above it, sorted.

    `tasks_by_doc`: doc id → tasks (dicts or objects with `key` and `text`), in order.
    `doc_chain`: doc id → the document's jurisdiction chain, its own jurisdiction first,
    then the ones above it, nearest first (["盈江县", "德宏傣族景颇族自治州", "云南省"]).
    A document is compared with the documents whose own jurisdiction is in its chain
    after the first; documents of the same jurisdiction or with no chain are not.
    `map`: how the jobs (`carries_jobs`) are run, e.g. a process pool's map.
    """
    return collect_carries(*carries_jobs(tasks_by_doc, doc_chain, settings), map=map)


def carries_jobs(tasks_by_doc: Mapping[str, Iterable], doc_chain: Mapping[str, Sequence[str]],
                 settings: Settings = SETTINGS) -> tuple[list, list]:
    """The work of find_carries as independent jobs, and what turns their rows back into
    task keys: one job for each set of upper plans, with every lower plan below exactly
    those (a prefecture's counties share their province's and prefecture's plans), so a
    process scores an upper plan's text once for all of them. Largest jobs first."""
    plans = {doc: tuple(map(_key_text, tasks)) for doc, tasks in tasks_by_doc.items()}
    groups: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for doc, uppers in sorted(ancestors(plans, doc_chain).items()):
        groups[tuple(uppers)].append(doc)
    texts = {doc: tuple(t for _, t in plan) for doc, plan in plans.items()}
    ordered = sorted(groups.items(), key=lambda g: -sum(len(texts[d]) for d in g[1]) * len(g[0]))
    jobs = [(tuple(texts[u] for u in uppers), tuple(texts[d] for d in lowers), settings)
            for uppers, lowers in ordered]
    keys = [(tuple(tuple(k for k, _ in plans[u]) for u in uppers),
             tuple(tuple(k for k, _ in plans[d]) for d in lowers)) for uppers, lowers in ordered]
    return jobs, keys


def collect_carries(jobs: list, keys: list, map=map) -> list[Carry]:
    """Run the jobs of carries_jobs (with `map`) and name their rows by task keys, sorted."""
    out: list[Carry] = []
    for (upper_keys, lower_keys), rows in zip(keys, map(score_job, jobs)):
        out.extend(Carry(lower_keys[lo][i], upper_keys[up][j], score, kind)
                   for lo, up, i, j, score, kind in rows)
    out.sort()
    return out


def score_job(job) -> list[tuple]:
    """One job of carries_jobs: (lower plan, upper plan, lower task, upper task, score,
    kind) by positions. The caches are emptied after it, so a process running many jobs
    keeps only what one job needs."""
    uppers, lowers, settings = job
    try:
        return [(lo, up) + row for lo, lower in enumerate(lowers) for up, upper in enumerate(uppers)
                for row in _scored(lower, upper, settings)]
    finally:
        _scored.cache_clear()
        _matrix.cache_clear()


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
