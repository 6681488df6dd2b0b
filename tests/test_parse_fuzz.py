"""Hostile input for the parser: the only outcomes allowed are records or the project's ParseError.

The generated cases are bounded in time by hypothesis's deadline; the 10 MB cases are
timed by bench/timings.py (tests assert outcomes, not timings).
"""
from __future__ import annotations

import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resp.loader.parse import parse_text
from resp.loader.read import decode_bytes
from resp.loader.records import Document, ParseError

SEEDS = sorted((Path(__file__).resolve().parent.parent / "data" / "seeds").glob("*.txt"))
SEED_BYTES = [p.read_bytes() for p in SEEDS]
FUZZ = settings(max_examples=60, deadline=2000, suppress_health_check=[HealthCheck.too_slow])


def parse_bytes(data: bytes) -> Document | None:
    """Parse or refuse; anything else escapes and fails the test."""
    try:
        doc = parse_text(decode_bytes(data, "fuzz.txt"), "fuzz.txt")
    except ParseError as exc:
        assert str(exc).startswith("fuzz.txt: ") and "\n" not in str(exc)
        return None
    assert doc.tasks, "a document is returned only with tasks"
    for task in doc.tasks:
        assert task.id and all(r.unit and r.role in ("lead", "support", "implement", "responsible")
                               for r in task.responsibilities)
    return doc


@FUZZ
@given(st.binary(max_size=4000))
def test_random_bytes(data):
    parse_bytes(data)


@FUZZ
@given(st.sampled_from(range(len(SEEDS))), st.floats(min_value=0.0, max_value=1.0))
def test_truncated_seeds(index, fraction):
    data = SEED_BYTES[index]
    parse_bytes(data[: int(len(data) * fraction)])


@FUZZ
@given(st.sampled_from(range(len(SEEDS))), st.randoms(use_true_random=False), st.floats(0.0, 0.5))
def test_shuffled_rows_and_deleted_cells(index, rnd, drop):
    lines = SEED_BYTES[index].decode("utf-8").split("\n")
    rnd.shuffle(lines)
    kept = [ln for ln in lines if rnd.random() >= drop]
    parse_bytes("\n".join(kept).encode("utf-8"))


@FUZZ
@given(st.sampled_from(range(len(SEEDS))), st.integers(min_value=0, max_value=30000))
def test_mixed_encodings(index, cut):
    text = SEED_BYTES[index].decode("utf-8")
    cut = min(cut, len(text))
    parse_bytes(text[:cut].encode("utf-8") + text[cut:].encode("gb18030"))


@FUZZ
@given(st.text(alphabet=st.sampled_from(list("县卫生健康局牵头配合落实负责;、,。()(1)1.2.一、责任单位:及和等\n\t ")), max_size=600))
def test_grammar_soup(text):
    parse_bytes(text.encode("utf-8"))


def test_ten_megabytes_of_noise_is_bounded():
    rnd = random.Random(7)
    noise = bytes(rnd.getrandbits(8) for _ in range(10 * 1024 * 1024))
    cjk = "".join(chr(rnd.randint(0x4E00, 0x9FA5)) for _ in range(3_500_000)).encode("utf-8")  # ~10 MB of text
    for data in (noise, cjk):
        parse_bytes(data)  # ends, without an error; bench/timings.py times it
