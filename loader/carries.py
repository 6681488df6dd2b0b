"""CARRIES between tasks, on plain Python data: a lower plan's task that carries down a
task of a plan issued above it.

`find_carries(tasks_by_doc, doc_chain)`: a task of a lower plan carries down a task of
a plan issued by one of its ancestor jurisdictions when their texts say the same
thing. The score is a TF-IDF cosine over character bigrams (no segmenter, no model:
Chinese words are mostly two characters, and bigrams catch them without jieba),
taken sentence by sentence: tasks are cut at 。;!? into sentences of at least 8
characters, and a pair of tasks scores the best cosine between a sentence of one and
a sentence of the other. Sentences, not whole tasks, because a lower plan often folds
several upper tasks into one paragraph (昆明's task 9 restates 云南's 10, 11 and 12),
which dilutes a whole-paragraph cosine (0.14-0.30 for true pairs) down to the level
of unrelated pairs, while the sentence that restates stays close (0.38-1.0).
The IDF is that of the upper plans' distinct sentences (how common a bigram is in
what is being carried down), so a score does not move with the lower plans loaded.
A sentence copied word for word (after NFKC) scores 1.0 with the sentence it copies
and is not compared with that plan's other sentences.

A pair is kept when
- its score is at least THRESHOLD = 0.35, and
- it is at least RELATIVE = 0.45 of the best score of that lower task, so that a task
  which restates one upper task closely does not also carry a neighbour it only
  touches on (昆明 11, a copy of 云南 14, also names 云南 20's 《女职工劳动保护特别规定》:
  0.33 against a best of 1.0).

How THRESHOLD was chosen (measured on the parser's output of the seeds; the tests in
tests/test_mirrors.py measure it again):
- 盈江县 004 vs 云南省 000, hand-checked pairs in tests/golden/carries_004_000.json
  (004's table rows 1-20 adapt 000's rows 1-20): the 20 true pairs score 0.70-1.0,
  every other pair at most 0.22.
- 昆明市 001 vs 云南省 000, 19 pairs checked by hand (listed in tests/test_mirrors.py):
  18 score 0.38-1.0; 昆明 14 ↔ 云南 20 (女职工权益, reworded) scores 0.22, below
  pairs that are wrong or only partial: 昆明 11 ↔ 云南 20 0.33, 昆明 9 ↔ 云南 8
  (争取中央预算内投资, one clause of eight) 0.30, 昆明 9 ↔ 云南 9 0.28.
- 0.35 is the middle of the gap between 0.33 (best wrong or partial pair) and 0.38
  (weakest true pair kept). Result: precision 1.0 and recall 1.0 on 004/000,
  precision 1.0 and recall 0.95 on 001/000.

Blocking and cost: a lower plan's sentences are compared only with the sentences of
the plans issued by its ancestor jurisdictions (doc_chain), never across all tasks.
Each upper plan has an inverted index that files a sentence under its rarer bigrams
only: the commonest ones left out add up to less than THRESHOLD² of its squared norm,
so by Cauchy-Schwarz a sentence within the threshold shares a filed bigram with it
(the prefix filter of Bayardo et al., 2007, "Scaling up all pairs similarity search");
candidates are those sharing two filed bigrams or more, and are scored exactly.
Plans printed alike share one index, and each (sentence, index) probe is computed
once. Measured on this machine (2 cores, pure Python): 3,000 plans in a
province/prefecture/county tree, 108k tasks, 10.5M characters, lower plans copying
their sentences as 盈江 does: 0.7 s; an adversarial corpus of 3,000 plans whose every
sentence is a reworded variant of the seeds' 180 tasks (no sentence copied, about
140k carried pairs): 8-18 s, spent on scoring the near-duplicates it is made of.
"""
from __future__ import annotations

import math
import operator
import re
import unicodedata
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from itertools import accumulate, repeat

THRESHOLD = 0.35
RELATIVE = 0.45
MIN_SENTENCE = 8

# --------------------------------------------------------------------------

_RUN = re.compile(r"[0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_SENTENCE_END = re.compile(r"[。;!?]")


def _key_text(task) -> tuple[str, str]:
    """A task's key and text: a dict or an object with `key` and `text`."""
    if isinstance(task, Mapping):
        return task["key"], task.get("text") or ""
    return getattr(task, "key", None), getattr(task, "text", None) or ""


def sentences(text: str) -> list[str]:
    """The sentences of a task (NFKC, cut at 。;!?), those of MIN_SENTENCE characters
    or more; the whole text when none is that long."""
    text = unicodedata.normalize("NFKC", text or "")
    out = [s for s in _SENTENCE_END.split(text) if len(s) >= MIN_SENTENCE]
    if not out and text.strip():
        out = [text]
    return out


def bigrams(text: str) -> set[str]:
    """Character bigrams within runs of letters/digits/CJK (never across punctuation);
    a one-character run counts as one feature."""
    out: set[str] = set()
    for run in _RUN.findall(text):
        if len(run) == 1:
            out.add(run)
        else:
            out.update(map(operator.add, run, run[1:]))
    return out


try:  # the C counter behind Counter.update, without Counter's per-call overhead
    from collections import _count_elements
except ImportError:  # pragma: no cover - other Pythons
    def _count_elements(mapping, iterable):
        for x in iterable:
            mapping[x] = mapping.get(x, 0) + 1


class _Carrier:
    """TF-IDF over character bigrams of sentences, with the IDF of the upper plans'
    sentences, and one inverted index per upper plan."""

    def __init__(self, threshold: float):
        self.threshold = threshold
        self.features: dict[str, frozenset[str]] = {}  # sentence -> its bigrams
        self.norms: dict[str, float] = {}
        self.w2: dict[str, float] = {}
        self.unseen = 1.0
        self.df: Counter = Counter()
        self.probes: dict[tuple[str, int], tuple[tuple[int, float], ...]] = {}

    def grams(self, text: str) -> frozenset[str]:
        g = self.features.get(text)
        if g is None:
            g = self.features[text] = frozenset(bigrams(text))
        return g

    def fit(self, upper_texts: Iterable[str]) -> None:
        """IDF from the distinct sentences of the upper plans: how common a bigram is
        in the plans being carried down. A bigram no upper sentence has weighs
        `unseen` (it can never be shared, so it only counts in norms)."""
        distinct = {t: self.grams(t) for t in upper_texts}
        df = self.df
        for g in distinct.values():
            _count_elements(df, g)
        n = len(distinct)
        self.unseen = (math.log(1 + n) + 1.0) ** 2
        self.w2 = {g: (math.log((1 + n) / (1 + k)) + 1.0) ** 2 for g, k in df.items()}

    def norm(self, text: str) -> float:
        v = self.norms.get(text)
        if v is None:
            v = self.norms[text] = math.sqrt(sum(map(self.w2.get, self.grams(text), repeat(self.unseen))))
        return v

    def index(self, texts: Sequence[str]) -> "_Index":
        """An upper plan's index over its sentences, in order. Prefix filter: a sentence
        is filed under all but its commonest bigrams, those left out making up less than
        threshold² of its squared norm, so a lower sentence within the threshold shares
        a filed bigram with it.

        A bigram's entry is a big integer with one `width`-bit counter per sentence that
        files it: adding up the entries of a lower sentence's bigrams counts, for every
        sentence of the plan at once, the filed bigrams the two share."""
        limit = self.threshold ** 2
        df, w2get = self.df, self.w2.__getitem__
        ix = _Index(texts)
        filed = []
        for i, text in enumerate(texts):
            grams = self.grams(text)
            if not grams:
                filed.append(())
                continue
            ix.exact[text].append(i)
            norm = self.norm(text)
            ordered = sorted(grams, key=df.__getitem__, reverse=True)
            cut = bisect_left(list(accumulate(map(w2get, ordered))), limit * norm * norm)
            filed.append(ordered[cut:])
        width = ix.width = max(map(len, filed), default=1).bit_length() + 1
        slots = ix.slots
        get = slots.get
        high = 0
        for i, grams in enumerate(filed):
            one = 1 << (width * i)
            high |= ((1 << width) - 2) * one
            for g in grams:
                slots[g] = get(g, 0) + one
        ix.high = high
        return ix

    def probe(self, text: str, ix: "_Index") -> tuple[tuple[int, float], ...]:
        """(upper sentence, score) of the sentences of one upper plan within the threshold.

        A sentence copied word for word carries what it copies and nothing else of
        that plan; otherwise candidates share two filed bigrams or more and are scored
        exactly."""
        key = (text, id(ix))
        found = self.probes.get(key)
        if found is not None:
            return found
        copied = ix.exact.get(text)
        if copied:
            found = tuple((i, 1.0) for i in copied)
        else:
            grams = self.grams(text)
            # the plan's sentences that share two filed bigrams or more with this one
            hits = sum(map(ix.slots.get, grams, repeat(0))) & ix.high
            out = []
            if hits:
                w2get, norm, texts, features, norms = (self.w2.__getitem__, self.norm(text), ix.texts,
                                                       self.features, self.norms)
                width = ix.width
                bits = bin(hits)[:1:-1]  # bit k of hits is bits[k]
                pos = bits.find("1")
                while pos >= 0:
                    i = pos // width
                    pos = bits.find("1", (i + 1) * width)
                    other = texts[i]
                    score = sum(map(w2get, grams & features[other])) / (norm * norms[other])
                    if score >= self.threshold:
                        out.append((i, score))
            found = tuple(out)
        self.probes[key] = found
        return found


class _Index:
    __slots__ = ("texts", "exact", "slots", "width", "high")

    def __init__(self, texts: Sequence[str]):
        self.texts = texts
        self.exact: dict[str, list[int]] = defaultdict(list)
        self.slots: dict[str, int] = {}
        self.width = 2
        self.high = 0


def find_carries(tasks_by_doc: Mapping[str, Iterable], doc_chain: Mapping[str, Sequence[str]],
                 threshold: float = THRESHOLD, relative: float = RELATIVE) -> list[tuple[str, str, float]]:
    """(lower task key, upper task key, score) for every task that carries down a task
    of a plan issued above it.

    `tasks_by_doc`: doc id → tasks (dicts or objects with `key` and `text`).
    `doc_chain`: doc id → the document's jurisdiction chain, its own jurisdiction
    first, then the ones above it, nearest first (["盈江县", "德宏傣族景颇族自治州",
    "云南省"]); names as the caller keys its jurisdictions (full names). A document
    is compared with the documents whose own jurisdiction is in its chain after the
    first; documents of the same jurisdiction or with no chain are not compared.
    """
    ancestors = _ancestors(tasks_by_doc, doc_chain)
    if not ancestors:
        return []
    keys, texts = _sentences_by_doc(tasks_by_doc, set(ancestors).union(*ancestors.values()))
    upper_docs = sorted(set().union(*ancestors.values()))
    carrier = _Carrier(threshold)
    carrier.fit(text for doc in upper_docs for text in texts[doc])
    indexes = _indexes(carrier, upper_docs, texts)
    out: list[tuple[str, str, float]] = []
    for doc in sorted(ancestors):
        best = _best_scores(carrier, keys, texts, indexes, doc, ancestors[doc])
        out.extend(_kept(best, relative))
    out.sort()
    return out


def _ancestors(tasks_by_doc: Mapping, doc_chain: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """Lower doc id -> the ids of the documents issued by jurisdictions above it."""
    by_jurisdiction: dict[str, list[str]] = defaultdict(list)
    for doc, jchain in doc_chain.items():
        if jchain and doc in tasks_by_doc:
            by_jurisdiction[jchain[0]].append(doc)
    ancestors: dict[str, list[str]] = {}
    for doc, jchain in doc_chain.items():
        if not jchain or doc not in tasks_by_doc:
            continue
        own = jchain[0]
        above = sorted({a for j in jchain[1:] if j != own for a in by_jurisdiction.get(j, ())})
        if above:
            ancestors[doc] = above
    return ancestors


def _sentences_by_doc(tasks_by_doc: Mapping, needed: set[str]):
    """(doc -> the task key of each of its sentences, doc -> its sentences)."""
    split: dict[str, list[str]] = {}  # task text -> its sentences
    keys: dict[str, list[str]] = {}
    texts: dict[str, tuple[str, ...]] = {}
    for doc in needed:
        k, t = [], []
        for task in tasks_by_doc[doc]:
            key, text = _key_text(task)
            ss = split.get(text)
            if ss is None:
                ss = split[text] = sentences(text)
            k.extend(repeat(key, len(ss)))
            t.extend(ss)
        keys[doc], texts[doc] = k, tuple(t)
    return keys, texts


def _indexes(carrier: "_Carrier", upper_docs: list[str], texts: dict) -> dict[str, "_Index"]:
    """One index per upper plan; plans printed alike share one."""
    by_content: dict[tuple[str, ...], _Index] = {}
    indexes = {}
    for doc in upper_docs:
        ix = by_content.get(texts[doc])
        if ix is None:
            ix = by_content[texts[doc]] = carrier.index(texts[doc])
        indexes[doc] = ix
    return indexes


def _best_scores(carrier: "_Carrier", keys: dict, texts: dict, indexes: dict, doc: str,
                 uppers: list[str]) -> dict[tuple[str, str], float]:
    """(lower task, upper task) -> the best sentence score, for one lower plan."""
    best: dict[tuple[str, str], float] = {}
    probe = carrier.probe
    lower_keys = keys[doc]
    for up in uppers:
        ix, upper_keys = indexes[up], keys[up]
        for task, text in zip(lower_keys, texts[doc]):
            for i, score in probe(text, ix):
                pair = (task, upper_keys[i])
                if score > best.get(pair, 0.0):
                    best[pair] = score
    return best


def _kept(best: dict[tuple[str, str], float], relative: float):
    """The pairs within `relative` of their lower task's best score, rounded."""
    top: dict[str, float] = defaultdict(float)
    for (lower, _), score in best.items():
        if score > top[lower]:
            top[lower] = score
    return [(lower, upper, round(min(score, 1.0), 4)) for (lower, upper), score in best.items()
            if score >= relative * top[lower]]
