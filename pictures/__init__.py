"""Pictures of the graph: an interactive page of a neighbourhood, a responsibility matrix.

    neighbourhood.py   canned Cypher reads -> a small graph (units, tasks, governments)
    html.py            that graph -> one self-contained HTML page (vis-network), `resp show`
    matrix.py          one plan -> units x tasks, cells coloured by role (matplotlib), `resp matrix`

What both pictures share lives here: the colours of roles and levels, their labels,
and the CJK font. Nothing heavy is imported here.

The font is Noto Sans SC (SIL Open Font License 1.1), the Simplified Chinese subset of
Noto Sans CJK, which the PyPI package `pylopdf-fonts-zh-cn` ships, so a plain
`pip install .` brings it. A system CJK font is the fallback if that package is gone.
"""
from __future__ import annotations

import os
from functools import lru_cache

# the roles (strongest first) and levels are the contract's: resp.loader.records
from resp.loader.records import LEVELS, ROLES_BY_STRENGTH  # noqa: F401

ROLE_COLOURS = {
    "lead": "#D62728",         # red
    "responsible": "#8C564B",  # brown
    "implement": "#17BECF",    # cyan
    "support": "#1F77B4",      # blue
}
ROLE_LABELS = {"lead": "牵头", "responsible": "负责", "implement": "落实", "support": "配合"}

# governments (and their units) by level; units take the light tint of their government's hue
LEVEL_COLOURS = {
    "province": "#6A3D9A",     # purple
    "prefecture": "#33A02C",   # green
    "county": "#E66101",       # orange
    None: "#7F7F7F",           # a level the division table does not know
}
UNIT_COLOURS = {
    "province": "#CAB2D6",
    "prefecture": "#B2DF8A",
    "county": "#FDB863",
    None: "#D9D9D9",
}
LEVEL_LABELS = {"province": "省级", "prefecture": "地级", "county": "县级", None: "层级不明"}
TASK_COLOUR = "#F2EBD3"        # sand: tasks stay quiet, their edges carry the role colour

# the other relationships a picture draws
LINK_COLOURS = {"BELONGS_TO": "#BDBDBD", "PART_OF": "#636363", "MIRRORS": "#9E9AC8",
                "CARRIES": "#FD8D3C"}
LINK_LABELS = {"BELONGS_TO": "隶属", "PART_OF": "上级", "MIRRORS": "对口", "CARRIES": "承接"}

# fonts tried when the packaged one is missing (Debian's fonts-noto-cjk, fonts-wqy-microhei, …)
SYSTEM_CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC",
                       "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback")


class PictureError(Exception):
    """A picture that cannot be drawn, said in one line."""


@lru_cache(maxsize=None)
def cjk_font_path() -> str:
    """The path of the CJK font both pictures use: the packaged Noto Sans SC, else a system one."""
    try:
        import pylopdf_fonts_zh_cn
    except ImportError:
        pass
    else:
        path = os.fspath(pylopdf_fonts_zh_cn.sans_path())
        if os.path.isfile(path):
            return path
    from matplotlib import font_manager

    for family in SYSTEM_CJK_FAMILIES:
        try:
            return font_manager.findfont(font_manager.FontProperties(family=family),
                                         fallback_to_default=False)
        except ValueError:
            continue
    raise PictureError("no CJK font: pip install pylopdf-fonts-zh-cn (Noto Sans SC)")
