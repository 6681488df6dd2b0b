"""Pinyin that some mirror sites insert after characters (貴池區(qū), 負(fù)責(zé)): a text is read
without it, and what is read from it is shown as printed, the pinyin inside kept. A page in
traditional characters is read the same way, on a simplified copy, and shown as printed."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable

from .text import Line

# A mirror may print it twice (月(yuè)(yuè)): the whole run goes.
PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])(?:\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\))+")


def has_pinyin(lines: list[Line]) -> bool:
    return any("(" in ln.text and PINYIN.search(ln.text) for ln in lines)  # a cheap test first: no bracket, no pinyin


def reading_copy(lines: list[Line], convert: Callable[[str], str] = str) -> tuple[list[Line], Callable]:
    """The lines without pinyin (each piece passed through `convert`, which keeps its length), and
    a function that gives a value read from the copy as the original prints it."""
    original = "\n".join(ln.text for ln in lines)
    copy: list[str] = []
    at: list[int] = []  # where each of the copy's characters stands in the original
    pos = 0
    for m in PINYIN.finditer(original):
        copy.append(convert(original[pos:m.start()]))
        at.extend(range(pos, m.start()))
        pos = m.end()
    copy.append(convert(original[pos:]))
    at.extend(range(pos, len(original)))
    copy_text = "".join(copy)
    at.append(len(original))
    shadow = [replace(ln, text=text) for ln, text in zip(lines, copy_text.split("\n"))]

    back: dict[int, str] = {}  # a character of the copy → the page's own form of it (財 for 财)
    for ch, i in zip(copy_text, at):
        if ch != original[i]:
            back.setdefault(ord(ch), original[i])
    flat_at = [i for i, ch in enumerate(copy_text) if ch != "\n"]  # the copy without its line breaks
    flat = copy_text.replace("\n", "")

    def printed(value: str | None) -> str | None:
        found = copy_text.find(value) if value else -1
        if found >= 0:
            return original[at[found]:at[found + len(value)]].rstrip("\n")
        found = flat.find(value) if value else -1  # a name a cell wrapped onto two lines
        if found < 0:  # a name the reader composed (各县区政府): in the page's own characters
            return value.translate(back) if value and back else value
        return original[at[flat_at[found]]:at[flat_at[found + len(value) - 1] + 1]].replace("\n", "")

    return shadow, printed
