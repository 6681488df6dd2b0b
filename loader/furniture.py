"""A web page's furniture that the line-wise boilerplate test cannot see: whole physical lines.

A copy of a portal page keeps, after the plan's text, the links to other documents (`上一篇:关于…的通知`,
a `相关链接` / `【相关阅读】` head over numbered or dated titles) and, around it, the site's menus
(`网站地图 | 联系我们 | 隐私声明`), its toolbar (`字号:[大 中 小] 【打印】【关闭】`, `扫一扫在手机打开当前页`) and its
address and browser advice. Read as lines, the titles are tasks and the menu words units or the last
row's end. The link block is taken out only where it runs to the page's end (a page may open with
`相关新闻>>` over its own title); menu and toolbar lines, made of nothing but their words, wherever they
stand. Words and patterns: grammar.toml [layout] (related_heads, neighbour_links, furniture_words,
furniture_lines).
"""
from __future__ import annotations

import re
from functools import lru_cache

from .grammar import GRAMMAR

_LAYOUT = GRAMMAR.layout
_SEPARATORS = re.compile(r"[\s|｜丨·•/:【】\[\]()>»]+")


def without_furniture(lines: list[str]) -> list[str]:
    """The physical lines without menu and toolbar lines, a breadcrumb and a related-link block at the end."""
    kept = _fields_first([ln for ln in _without_crumbs(lines) if not _is_furniture(ln)])
    start = _related_block(kept)
    if start is None:
        return kept
    return kept[:start] + [ln for ln in kept[start:] if not (_is_link(ln) or _is_head(ln))]


def _fields_first(lines: list[str]) -> list[str]:
    """A page's fields line moved above its first line: its date and source stay the metadata's, and the
    title it stood under meets its text again (a table's header its cells)."""
    fields = [ln for ln in lines[:_LAYOUT["related_lines_max"]] if _page_fields_re().search(_squeezed(ln))]
    return fields + [ln for ln in lines if ln not in fields] if fields else lines


@lru_cache(maxsize=1)
def _page_fields_re() -> re.Pattern:
    return re.compile(_LAYOUT["page_fields_line"])


def _without_crumbs(lines: list[str]) -> list[str]:
    """The lines without the banner names above the page's breadcrumb and without the crumb (and the
    trail's second line) under them: a department's name over a page's text is no heading of its tasks,
    and banner and crumb would crowd the headline out of the lines the metadata reader takes it from.
    A crumb with no banner above stays, as it always has (a line the readers pass over)."""
    head = lines[:_LAYOUT["crumb_lines_max"]]
    crumbs = [k for k, ln in enumerate(head) if _crumb_re().match(_squeezed(ln))]
    if not crumbs:
        return lines
    banner = {k for k in range(crumbs[0]) if _is_banner(lines[k])}
    if not banner:
        return lines
    going_on = re.compile(_LAYOUT["breadcrumb_going_on"])
    gone = {k + 1 for k in crumbs if k + 1 < len(lines) and going_on.match(_squeezed(lines[k + 1]))}
    owners = {k for k in banner if site_owner_re().match(_squeezed(lines[k]))}  # 某市人民政府: the site's field
    return [SITE_FIELD + _squeezed(ln) if k in owners else ln
            for k, ln in enumerate(lines) if k not in gone | (banner - owners) | set(crumbs)]


SITE_FIELD = "网站:"  # the label text.py gives a site's own name: a field the metadata reader alone reads


@lru_cache(maxsize=1)
def site_owner_re() -> re.Pattern:
    """A banner that is a government's own name (`X市人民政府`): the portal's owner, a place for the metadata."""
    return re.compile(_LAYOUT["banner_site_owner"])


@lru_cache(maxsize=1)
def site_name_re() -> re.Pattern:
    """A banner's line that is the site's own name (`X市人民政府门户网站`): a field, never a unit."""
    return re.compile(_LAYOUT["site_name_line"])


@lru_cache(maxsize=1)
def _crumb_re() -> re.Pattern:
    return re.compile(_LAYOUT["breadcrumb_line"])


def _is_banner(line: str) -> bool:
    """A short name alone on its line; a site's own name stays (the metadata reader's field), and so
    do a short title (`…工作方案`) printed above its crumb and an info box's row of labelled fields."""
    name = _squeezed(line)
    return bool(_BANNER_NAME.fullmatch(name)) and len(name) <= _LAYOUT["banner_max"] and not site_name_re().match(name) \
        and not name.endswith(_TITLE_ENDINGS) and not name.startswith(_FIELD_LABELS)


_BANNER_NAME = re.compile(r"[\u4e00-\u9fff()]{2,}")
_TITLE_ENDINGS = tuple(GRAMMAR.meta["title_endings"])
# an info box's row (`发文机关 X人民政府办公室 成文日期`) is the metadata's, never a banner
_FIELD_LABELS = tuple(w for kind in ("source_fields", "number_fields", "date_fields", "page_date_fields", "field_labels")
                      for w in GRAMMAR.meta[kind])


def _squeezed(line: str) -> str:
    return "".join(line.split())


@lru_cache(maxsize=16384)
def _is_furniture(line: str) -> bool:
    """A line of menu or toolbar words only (two at least, or one with its `:` or bracket), or an
    address or browser-advice line."""
    bare = _SEPARATORS.sub("", line)
    if not bare:
        return False
    if _furniture_lines_re().search(_squeezed(line)):
        return True
    if not _furniture_words_re().fullmatch(bare):
        return False
    return _word_count(bare) >= 2 or bare != _squeezed(line)


def _word_count(bare: str) -> int:
    return len(_one_word_re().findall(bare))


@lru_cache(maxsize=1)
def _one_word_re() -> re.Pattern:
    words = sorted(_LAYOUT["furniture_words"], key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words))


@lru_cache(maxsize=1)
def _furniture_words_re() -> re.Pattern:
    return re.compile(f"(?:{_one_word_re().pattern})+")


@lru_cache(maxsize=1)
def _furniture_lines_re() -> re.Pattern:
    return re.compile("|".join(f"(?:{rx})" for rx in _LAYOUT["furniture_lines"]))


@lru_cache(maxsize=1)
def _head_re() -> re.Pattern:
    heads = "|".join(re.escape(w) for w in _LAYOUT["related_heads"])
    return re.compile(rf"^[【\[]?(?:{heads})[】\]]?:?(?:>>|»)?$")


@lru_cache(maxsize=1)
def _neighbour_re() -> re.Pattern:
    return re.compile(rf"^[【\[]?(?:{'|'.join(_LAYOUT['neighbour_links'])})[】\]]?:")


@lru_cache(maxsize=1)
def _item_re() -> re.Pattern:
    return re.compile(_LAYOUT["related_link"])


def _is_head(line: str) -> bool:
    return bool(_head_re().match(_squeezed(line)))


def _is_link(line: str) -> bool:
    """A neighbour link (`上一篇:…`) or a related document's title line: short, one sentence at most."""
    text = _squeezed(line)
    return bool(_neighbour_re().match(text)) or bool(_item_re().fullmatch(text))


def _related_block(lines: list[str]) -> int | None:
    """Where a related-link block opens (its head or first neighbour link) that runs, over links,
    blank lines and furniture, to the end; None where the page has none."""
    start = None
    for k in range(len(lines) - 1, max(-1, len(lines) - 1 - _LAYOUT["related_lines_max"]), -1):
        line = lines[k]
        if _is_head(line) or _neighbour_re().match(_squeezed(line)):
            start = k
        elif line.strip() and not _is_link(line) and not _boilerplate(line):
            break
    return start


def _boilerplate(line: str) -> bool:
    from .text import _is_boilerplate  # the line-wise furniture test (a late import: text imports this module)
    return _is_boilerplate(_squeezed(line))
