"""The responsibility matrix of one plan as a PNG (`resp matrix JURISDICTION --png FILE`).

Rows are the units the plan names, the busiest first (most tasks led, then most held);
columns are its tasks in plan order, grouped by section; a cell is coloured by the role
the unit holds on the task (牵头 red, 负责 brown, 落实 cyan, 配合 blue; a unit holding
two roles on one task shows the stronger). Drawn with matplotlib's object API (no
pyplot, no display needed) in the packaged Noto Sans SC, so Chinese never falls back
to boxes. The image size follows from the counts alone (see `matrix_size`), so the
same plan always gives the same picture.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from resp.queries import catalog

from . import ROLE_COLOURS, ROLE_LABELS, ROLES_BY_STRENGTH, PictureError, cjk_font_path
from .neighbourhood import role_rank, task_order

EMPTY_COLOUR = "#F3F3F3"
# sizes in inches (turned into whole pixels at the chosen dpi)
CELL = 0.2
LABEL_PT = 7.5          # unit names and task ids
TITLE_PT = 12.0
TOP = 1.15              # title, subtitle, section band and task ids
BOTTOM = 0.55           # the legend
RIGHT = 0.35
MIN_WIDTH = 6.5


@dataclass
class Matrix:
    jurisdiction: str
    number: str | None                      # the document number, if the plan prints one
    doc_id: str
    tasks: list[dict] = field(default_factory=list)   # {key, id, section, text} in plan order
    units: list[dict] = field(default_factory=list)   # {key, name, jurisdiction}, busiest first
    cells: dict[tuple[int, int], str] = field(default_factory=dict)  # (unit row, task column) -> role

    @property
    def title(self) -> str:
        return f"{self.jurisdiction}{' ' + self.number if self.number else ''} 重点任务分工 · 责任矩阵"

    def role_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(ROLES_BY_STRENGTH, 0)
        for role in self.cells.values():
            counts[role] = counts.get(role, 0) + 1
        return counts


# --------------------------------------------------------------------------
# reading
# --------------------------------------------------------------------------

def plan_matrix(store, jurisdiction: str, document: str = "") -> Matrix:
    """The matrix of the plan `jurisdiction` (a full name) issued.

    A jurisdiction with several plans needs `document`: its number as printed, or the
    start of its id (sha256). Raises catalog.NoMatch when there is no such plan.
    """
    rows = catalog.run(store, "plan_responsibilities", {"jurisdiction": jurisdiction}).rows
    if not rows:
        raise catalog.NoMatch(f"{jurisdiction} issued no plan in the store")
    docs = {r["doc_id"]: r["number"] for r in rows}
    if document:
        docs = {d: n for d, n in docs.items() if d.startswith(document) or n == document}
        if not docs:
            raise catalog.NoMatch(f"{jurisdiction} issued no plan {document!r}")
    if len(docs) > 1:
        listed = "; ".join(n or d[:12] for d, n in sorted(docs.items()))
        raise PictureError(f"{jurisdiction} issued {len(docs)} plans ({listed}): say which with --doc")
    (doc_id, number), = docs.items()
    m = Matrix(jurisdiction, number, doc_id)

    tasks, units, roles = {}, {}, {}
    for r in rows:
        if r["doc_id"] != doc_id:
            continue
        tasks.setdefault(r["task_key"], {"key": r["task_key"], "id": r["task"],
                                         "section": r["section"], "text": r["text"]})
        if not r["unit_key"]:
            continue
        units.setdefault(r["unit_key"], {"key": r["unit_key"], "name": r["unit"],
                                         "jurisdiction": r["unit_jurisdiction"]})
        cell = (r["unit_key"], r["task_key"])
        if cell not in roles or role_rank(r["role"]) < role_rank(roles[cell]):
            roles[cell] = r["role"]
    m.tasks = sorted(tasks.values(), key=lambda t: (task_order(t["id"]), t["key"]))
    led = {k: sum(1 for (u, _), role in roles.items() if u == k and role == "lead") for k in units}
    held = {k: sum(1 for (u, _) in roles if u == k) for k in units}
    m.units = sorted(units.values(), key=lambda u: (-led[u["key"]], -held[u["key"]], u["name"]))
    row = {u["key"]: i for i, u in enumerate(m.units)}
    col = {t["key"]: j for j, t in enumerate(m.tasks)}
    m.cells = {(row[u], col[t]): role for (u, t), role in roles.items()}
    return m


# --------------------------------------------------------------------------
# drawing
# --------------------------------------------------------------------------

def _px(inches: float, dpi: int) -> int:
    return max(1, round(inches * dpi))


def label_width(names, dpi: int) -> int:
    """Pixels the longest unit name needs (a CJK glyph is one em wide) plus a gap."""
    longest = max((_em(n) for n in names), default=4.0)
    return _px(longest * LABEL_PT / 72 + 0.25, dpi)


def _em(text: str) -> float:
    """Width of text in ems: CJK and full-width characters 1, others about 0.6."""
    return sum(1.0 if ord(c) > 0x2E7F else 0.6 for c in text)


def matrix_size(n_units: int, n_tasks: int, names=(), dpi: int = 150) -> tuple[int, int]:
    """The PNG's (width, height) in pixels for that many units and tasks at `dpi`."""
    cell = _px(CELL, dpi)
    width = label_width(names, dpi) + n_tasks * cell + _px(RIGHT, dpi)
    height = _px(TOP, dpi) + n_units * cell + _px(BOTTOM, dpi)
    return max(width, _px(MIN_WIDTH, dpi)), height


@lru_cache(maxsize=None)
def font_family() -> str:
    """Register the packaged CJK font with matplotlib; its family name."""
    from matplotlib import font_manager

    path = cjk_font_path()
    font_manager.fontManager.addfont(path)
    return font_manager.FontProperties(fname=path).get_name()


def _section_head(section: str) -> str:
    """The number a section title starts with: 一、… -> 一, (二)… -> (二)."""
    m = re.match(r"\s*([(（][一二三四五六七八九十百\d]+[)）]|[一二三四五六七八九十百\d]+)", section)
    return m.group(1) if m else section[:2]


def section_labels(spans: list[tuple[int, int, str]]) -> list[tuple[str, float]]:
    """(label, font size) for each (first column, end column, section title) span.

    Whole titles where every one of them fits over its columns, else only their
    numbers, shrunk to fit down to 4.5 pt; a label that still does not fit is ''.
    """
    def width_pt(start, end):
        return (end - start) * CELL * 72

    size = LABEL_PT - 0.5
    if all(_em(t) * size <= width_pt(a, b) for a, b, t in spans):
        return [(t, size) for _, _, t in spans]
    out = []
    for a, b, t in spans:
        head = _section_head(t)
        fit = min(size, width_pt(a, b) / max(_em(head), 0.1))
        out.append((head, fit) if fit >= 4.5 else ("", size))
    return out


def draw_matrix(m: Matrix, path, dpi: int = 150) -> tuple[int, int]:
    """Draw the matrix into a PNG at `path`; returns its (width, height) in pixels."""
    if not m.tasks:
        raise PictureError(f"the plan of {m.jurisdiction} has no task to draw")
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    names = [u["name"] for u in m.units]
    n_units, n_tasks = max(len(m.units), 1), len(m.tasks)
    width, height = matrix_size(n_units, n_tasks, names, dpi)
    cell, left, top = _px(CELL, dpi), label_width(names, dpi), _px(TOP, dpi)
    grid_w, grid_h = n_tasks * cell, n_units * cell

    with matplotlib.rc_context({"font.family": [font_family(), "sans-serif"], "axes.unicode_minus": False}):
        fig = Figure(figsize=(width / dpi, height / dpi), dpi=dpi, facecolor="white")
        FigureCanvasAgg(fig)
        ax = fig.add_axes((left / width, 1 - (top + grid_h) / height, grid_w / width, grid_h / height))
        _draw_cells(ax, m, n_units, n_tasks)
        long_ids = _draw_labels(ax, m, names, n_tasks)
        _draw_sections(ax, m, n_tasks, long_ids)
        _draw_title_and_legend(fig, m, n_tasks, height / dpi)
        fig.savefig(path, dpi=dpi, format="png", facecolor="white")
    return width, height


def _draw_cells(ax, m: Matrix, n_units: int, n_tasks: int) -> None:
    """One cell a (unit, task), coloured by role; white gridlines between the cells."""
    import numpy as np
    from matplotlib.colors import ListedColormap

    grid = np.zeros((n_units, n_tasks), dtype=int)
    for (i, j), role in m.cells.items():
        grid[i, j] = ROLES_BY_STRENGTH.index(role) + 1
    cmap = ListedColormap([EMPTY_COLOUR, *(ROLE_COLOURS[r] for r in ROLES_BY_STRENGTH)])
    ax.imshow(grid, cmap=cmap, vmin=0, vmax=len(ROLES_BY_STRENGTH), aspect="auto", interpolation="nearest")
    ax.set_xticks(np.arange(-0.5, n_tasks, 1), minor=True)
    ax.set_yticks(np.arange(-0.5, n_units, 1), minor=True)
    ax.grid(which="minor", color="white", linewidth=0.8)
    ax.tick_params(which="minor", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)


def _draw_labels(ax, m: Matrix, names: list[str], n_tasks: int) -> bool:
    """Task ids along the top, unit names down the left; whether the ids stand on end."""
    ax.xaxis.tick_top()
    ax.set_xticks(range(n_tasks))
    long_ids = max(len(t["id"]) for t in m.tasks) > 3
    ax.set_xticklabels([t["id"] for t in m.tasks], fontsize=LABEL_PT - 1.5,
                       rotation=90 if long_ids else 0)
    ax.set_yticks(range(len(names)))
    ax.set_yticklabels(names, fontsize=LABEL_PT)
    ax.tick_params(which="major", length=0, pad=2)
    return long_ids


def _draw_sections(ax, m: Matrix, n_tasks: int, long_ids: bool) -> None:
    """A darker line between sections, and each section's title above its columns."""
    spans, start = [], 0
    for j in range(1, n_tasks + 1):
        if j < n_tasks and m.tasks[j]["section"] == m.tasks[start]["section"]:
            continue
        spans.append((start, j, m.tasks[start]["section"] or ""))
        if start:
            ax.axvline(start - 0.5, color="#555555", linewidth=1.0)
        start = j
    if not any(title for _, _, title in spans):
        return
    for (a, b, _), (label, size) in zip(spans, section_labels(spans)):
        if label:
            ax.annotate(label, xy=((a + b - 1) / 2, -0.5), xycoords="data",
                        xytext=(0, 22 if long_ids else 14), textcoords="offset points",
                        ha="center", va="bottom", fontsize=size, color="#444444",
                        annotation_clip=False)


def _draw_title_and_legend(fig, m: Matrix, n_tasks: int, height_in: float) -> None:
    """The plan's title, a line of counts by role, and the legend of the role colours."""
    from matplotlib.patches import Patch

    fig.text(0.5, 1 - 0.12 / height_in, m.title, ha="center", va="top", fontsize=TITLE_PT)
    counts = m.role_counts()
    summary = "；".join(f"{ROLE_LABELS[r]} {counts[r]}" for r in ROLES_BY_STRENGTH if counts[r])
    fig.text(0.5, 1 - 0.42 / height_in,
             f"{len(m.units)} 个单位 × {n_tasks} 项任务　{summary}",
             ha="center", va="top", fontsize=LABEL_PT + 0.5, color="#444444")
    handles = [Patch(facecolor=ROLE_COLOURS[r], label=f"{ROLE_LABELS[r]} {r}") for r in ROLES_BY_STRENGTH]
    handles.append(Patch(facecolor=EMPTY_COLOUR, edgecolor="#CCCCCC", label="无 none"))
    fig.legend(handles=handles, loc="lower center", ncol=len(handles), frameon=False,
               fontsize=LABEL_PT + 0.5, bbox_to_anchor=(0.5, 0.08 / height_in),
               handlelength=1.2, columnspacing=1.2)
