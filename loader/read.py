"""bytes → text: detect the encoding a government site or a Word export used.

Plans are published as UTF-8 (with or without BOM), GB18030/GBK or UTF-16; the
encoding is detected from the bytes, never assumed. Anything that is not text
(a PDF, a zip, random bytes) is refused with a ParseError naming the file.
"""
from __future__ import annotations

import codecs
import os
import re
import stat
from pathlib import Path

from .records import ParseError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_MAGIC = (
    (b"%PDF", "a PDF file"),
    (b"PK\x03\x04", "a zip archive (e.g. .docx/.xlsx)"),
    (b"\xd0\xcf\x11\xe0", "an OLE file (e.g. Word 97 .doc)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"{\\rtf", "an RTF file"),
)


# Bytes one document may have (and its .docx parts may unpack to): published plans are
# under 1 MB; loading one into an empty store takes about 50x its bytes at most,
# so 8 MiB keeps it under 500 MB whatever it holds. `--max-bytes` changes it.
DEFAULT_MAX_BYTES = 8 * 2**20

_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))


def read_text(path: str | Path, source: str | None = None,
              max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, bytes]:
    """Read a file and return (text, raw bytes); raise ParseError for anything unreadable.

    .docx, .html/.htm and .pdf files (and a .doc, which may hold any of them) are
    turned into text by formats.extract_text; other files are decoded as text.
    """
    source = source if source is not None else str(path)
    data = read_bytes(path, source, max_bytes)
    from . import formats  # light: each reader imports its library only when it runs

    if formats.handles(path):
        return formats.extract_text(path, data, source, max_bytes), data
    return decode_bytes(data, source), data


def read_bytes(path: str | Path, source: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """A regular file's bytes, at most max_bytes: a pipe or device would hang or never end."""
    try:
        _refuse_special(os.stat(path), source)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise ParseError(source, f"cannot read file ({exc.strerror or exc})") from None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fd)
        _refuse_special(st, source)  # swapped for a pipe since the stat above
        if st.st_size > max_bytes:
            raise too_large(source, st.st_size, max_bytes)
        try:
            data = fh.read(max_bytes + 1)
        except OSError as exc:
            raise ParseError(source, f"cannot read file ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise too_large(source, len(data), max_bytes)
    return data


def _refuse_special(st: os.stat_result, source: str) -> None:
    if not stat.S_ISREG(st.st_mode):
        what = next((name for test, name in _KINDS if test(st.st_mode)), "not a regular file")
        raise ParseError(source, f"not a regular file: {what}")


def too_large(source: str, size: int, max_bytes: int, what: str = "the file has") -> ParseError:
    """The one-line refusal of a document over the size limit."""
    return ParseError(source, f"too large: {what} {_mb(size)}, over the {_mb(max_bytes)} limit for one "
                              "document (--max-bytes to raise it)")


def _mb(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{n} bytes"


def decode_bytes(data: bytes, source: str) -> str:
    """Decode published text bytes in the encoding they were written in; the error says what was wrong
    with them. Repairs of the text itself (spaces a wrong decoding wrote as `?`) are loader/text.py's."""
    if not data.strip():
        raise ParseError(source, "empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom):], encoding, source)
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise ParseError(source, f"binary file: {what}, not text")
    utf16 = _utf16_by_nuls(data)
    if utf16:
        return _strict(data, utf16, source)
    if b"\x00" in data:
        raise ParseError(source, "binary file: contains NUL bytes")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _best_legacy_decoding(data, source)
    if not _looks_like_text(text):
        raise ParseError(source, "binary file: mostly control characters")
    return text


def _best_legacy_decoding(data: bytes, source: str) -> str:
    """Not UTF-8: GB18030 (a superset of GBK) or UTF-16 without BOM, whichever reads as Chinese."""
    best, best_score = None, 0.0
    for encoding in ("gb18030", "utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = _chinese_score(text)
        if score > best_score and _looks_like_text(text):
            best, best_score = text, score
    if best is None or best_score < 0.01:
        raise ParseError(source, "unreadable encoding: not UTF-8, UTF-16 or GB18030 text")
    return best


# Characters every Chinese plan is full of; a wrong decoding yields almost none of them.
_COMMON = frozenset("的和在是有为了发展工作建设服务推进加强落实政策,。、;:()局委县市省")


def _chinese_score(text: str) -> float:
    sample = text[:20000]
    return sum(ch in _COMMON for ch in sample) / max(1, len(sample))


def _strict(data: bytes, encoding: str, source: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ParseError(source, f"unreadable encoding: invalid {encoding} at byte {exc.start}") from None
    if not text.strip():
        raise ParseError(source, "empty file")
    if not _looks_like_text(text):
        raise ParseError(source, f"binary data in {encoding} text")
    return text


def _utf16_by_nuls(data: bytes) -> str | None:
    """UTF-16 without BOM, told by NUL bytes that sit at one parity (the high byte of ASCII)."""
    even_nul = data[0::2].count(0)
    odd_nul = data[1::2].count(0)
    if even_nul + odd_nul < 4:
        return None
    for encoding, nuls, other in (("utf-16-le", odd_nul, even_nul), ("utf-16-be", even_nul, odd_nul)):
        if nuls >= 0.9 * (nuls + other) and len(data) % 2 == 0:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if _looks_like_text(text):
                return encoding
    return None


# Control characters, replacement marks, private use and astral ideographs: what a wrong
# decoding or binary data is made of.
_BAD = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff\ud800-\udfff\U00020000-\U0010ffff]")


def _looks_like_text(text: str) -> bool:
    """True when nearly every character is printable CJK, ASCII, punctuation or whitespace."""
    sample = text[:20000]
    if not sample:
        return False
    bad = len(_BAD.findall(sample))
    return bad <= max(2, len(sample) * 0.01)
