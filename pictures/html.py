"""A neighbourhood as one self-contained interactive HTML page (`resp show … --html FILE`).

The page is drawn by neo4j-viz, Neo4j's Python graph visualisation package: its
template carries the whole Neo4j Visualization Library (JS and CSS) inline, and the
graph goes in as an inert JSON block (`<script type="application/json"
id="neo4j-viz-data">`). The Chinese glyphs the page needs are cut out of the packaged
Noto Sans SC (fontTools subsetting) and embedded too, as a FontFace for the CJK ranges
of the families the library draws with, so the page reads the same on a machine with
no CJK font and opens offline: nothing is fetched.

Nodes: governments in the hue of their level (省 purple, 地 green, 县 orange), units in
a light tint of their government's hue, tasks in sand; the subject is drawn larger.
Relationships: unit -> task in the colour of the role (牵头 red, 负责 brown, 落实 cyan,
配合 blue), then 隶属 (unit -> government), 上级 (PART_OF), 对口 (MIRRORS), 承接 (CARRIES).
"""
from __future__ import annotations

import base64
import html as html_escape
import io
import json
import math
import re

from . import (LEVEL_COLOURS, LEVEL_LABELS, LEVELS, LINK_COLOURS, LINK_LABELS, ROLE_COLOURS,
               ROLE_LABELS, ROLES, TASK_COLOUR, UNIT_COLOURS, PictureError, cjk_font_path)
from .neighbourhood import Neighbourhood

MAX_NODES = 3000      # beyond this a page is a hairball: narrow the subject instead
DATA_ID = "neo4j-viz-data"
# the CJK ranges the embedded font answers for; Latin text keeps the library's own fonts
CJK_RANGES = "U+2E80-2FDF, U+3000-30FF, U+3100-9FFF, U+F900-FAFF, U+FE30-FE4F, U+FF00-FFEF"
CJK_CHAR = re.compile(r"[\u2e80-\u2fdf\u3000-\u30ff\u3100-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")
# the families the Neo4j Visualization Library draws captions (canvas) and its panels with
FONT_FAMILIES = ("Open Sans", "Public Sans")
# When its layout settles, the page zooms to fit without panning, which leaves a lopsided
# layout half outside the window; fitting with panning frames the whole neighbourhood.
# A guarded text edit of the page: if a newer neo4j-viz words it otherwise, nothing changes.
FIT_NO_PAN = ".fit(L.current.getNodes().map(e=>e.id),{noPan:!0})"
FIT_AND_PAN = ".fit(L.current.getNodes().map(e=>e.id),{})"


def node_style(node) -> tuple[str, float]:
    """(colour, radius in pixels) of a picture node."""
    if node.label == "Jurisdiction":
        colour = LEVEL_COLOURS.get(node.level, LEVEL_COLOURS[None])
        size = {"province": 38, "prefecture": 32, "county": 28}.get(node.level, 26)
    elif node.label == "Unit":
        colour = UNIT_COLOURS.get(node.level, UNIT_COLOURS[None])
        size = 20
    else:
        colour, size = TASK_COLOUR, 13
    return colour, size * (1.5 if node.focus else 1.0)


def edge_style(edge) -> tuple[str, str, float]:
    """(colour, caption, width) of a picture relationship."""
    if edge.role:
        return ROLE_COLOURS.get(edge.role, "#999999"), ROLE_LABELS.get(edge.role, edge.role), \
            3.0 if edge.role == "lead" else 1.5
    if edge.type == "ISSUED_BY":
        return LINK_COLOURS["BELONGS_TO"], "发布", 1.0
    return LINK_COLOURS.get(edge.type, "#999999"), LINK_LABELS.get(edge.type, edge.type), \
        2.0 if edge.type in ("PART_OF", "CARRIES", "MIRRORS") else 1.0


def build_graph(nb: Neighbourhood):
    """The neo4j-viz VisualizationGraph of a neighbourhood, legend set."""
    from neo4j_viz import Node, Relationship, VisualizationGraph

    degree: dict[str, int] = {}
    for e in nb.edges:
        if e.role:
            degree[e.source] = degree.get(e.source, 0) + 1
    nodes = []
    for n in nb.nodes.values():
        colour, size = node_style(n)
        if n.label == "Unit":  # busier units are bigger
            size += min(14.0, 3.0 * math.sqrt(degree.get(n.id, 0)))
        props = {"label": n.label, **n.properties}
        if n.level:
            props["level"] = n.level
        nodes.append(Node(id=n.id, caption=n.caption, color=colour, size=round(size, 1),
                          properties=props))
    rels = []
    for i, e in enumerate(nb.edges):
        colour, caption, width = edge_style(e)
        rels.append(Relationship(id=f"r{i}", source=e.source, target=e.target, caption=caption,
                                 color=colour, width=width,
                                 properties={"type": e.type, **e.properties}))
    vg = VisualizationGraph(nodes=nodes, relationships=rels)
    vg.set_legend(nodes=legend_nodes(nb), relationships=legend_relationships(nb))
    return vg


def legend_nodes(nb: Neighbourhood) -> dict[str, str]:
    levels = {n.level for n in nb.nodes.values() if n.label in ("Unit", "Jurisdiction")}
    out = {}
    for level in (*LEVELS, None):
        if level in levels:
            out[f"{LEVEL_LABELS[level]}政府 {level or 'unknown'}"] = LEVEL_COLOURS[level]
            out[f"{LEVEL_LABELS[level]}单位 unit"] = UNIT_COLOURS[level]
    if nb.labelled("Task"):
        out["任务 task"] = TASK_COLOUR
    return out


def legend_relationships(nb: Neighbourhood) -> dict[str, str]:
    roles = {e.role for e in nb.edges if e.role}
    types = {e.type for e in nb.edges if not e.role}
    out = {f"{ROLE_LABELS[r]} {r}": ROLE_COLOURS[r] for r in ROLES if r in roles}
    for t, colour in LINK_COLOURS.items():
        if t in types:
            out[f"{LINK_LABELS[t]} {t}"] = colour
    return out


def font_subset(text: str) -> bytes:
    """The packaged CJK font cut down to the CJK characters of `text` (an OpenType file)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    chars = "".join(sorted(set(CJK_CHAR.findall(text)))) or "图"
    options = subset.Options()
    options.layout_features = ["*"]
    options.notdef_outline = True
    options.name_IDs = ["*"]
    font = TTFont(cjk_font_path(), fontNumber=0, lazy=True)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=chars)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _font_script(font: bytes) -> str:
    families = json.dumps(list(FONT_FAMILIES))
    return ("<script>/* resp: the CJK glyphs of this page (Noto Sans SC, SIL OFL 1.1) */\n"
            "(function(){var s=atob(\"" + base64.b64encode(font).decode("ascii") + "\"),"
            "b=new Uint8Array(s.length);for(var i=0;i<s.length;i++)b[i]=s.charCodeAt(i);"
            f"{families}.forEach(function(f){{[300,400,500,600,700,800].forEach(function(w){{"
            f"var face=new FontFace(f,b.buffer,{{unicodeRange:{json.dumps(CJK_RANGES)},weight:String(w)}});"
            "document.fonts.add(face);face.load();});});"
            "})();</script>")


def _banner(nb: Neighbourhood) -> str:
    counts = (f"{len(nb.labelled('Unit'))} 个单位 · {len(nb.labelled('Task'))} 项任务 · "
              f"{len(nb.labelled('Jurisdiction'))} 个政府")
    return ('<div id="resp-title" style="position:fixed;top:10px;left:50%;transform:translateX(-50%);'
            'z-index:10;pointer-events:none;font:600 16px \'Public Sans\',sans-serif;color:#1a1b1d;'
            'background:rgba(255,255,255,.85);padding:4px 12px;border-radius:6px;text-align:center">'
            f'{html_escape.escape(nb.title)}<br><span style="font-weight:400;font-size:12px">'
            f'{html_escape.escape(counts)}</span></div>')


def render_html(nb: Neighbourhood, max_nodes: int = MAX_NODES) -> str:
    """The whole page as text."""
    if not nb.nodes:
        raise PictureError(f"nothing to draw for {nb.subject.name}")
    if len(nb.nodes) > max_nodes:
        raise PictureError(f"{len(nb.nodes)} nodes are too many for one page (at most {max_nodes}): "
                           "narrow it with --jurisdiction or a longer name")
    vg = build_graph(nb)
    # the library's own force-directed layout runs in the page, then zooms to fit
    page = vg.render(layout="forcedirected", width="100%", height="100vh", theme="light",
                     max_allowed_nodes=max_nodes).data
    visible = nb.title + "".join(f"{n.caption}{json.dumps(n.properties, ensure_ascii=False)}"
                                 for n in nb.nodes.values())
    visible += "".join(legend_nodes(nb)) + "".join(legend_relationships(nb))
    visible += "".join(edge_style(e)[1] for e in nb.edges) + _banner(nb)
    page = re.sub(r"<title>.*?</title>", lambda m: f"<title>{html_escape.escape(nb.title)}</title>",
                  page, count=1, flags=re.S)
    page = page.replace('<html lang="en"', '<html lang="zh-CN"', 1)
    page = page.replace(FIT_NO_PAN, FIT_AND_PAN, 1)
    head = re.search(r"<head[^>]*>", page)
    if head is None or "<body>" not in page:
        raise PictureError("the neo4j-viz page template changed: no <head> or <body>")
    page = page[:head.end()] + "\n" + _font_script(font_subset(visible)) + page[head.end():]
    return page.replace("<body>", "<body>\n" + _banner(nb), 1)


def write_html(nb: Neighbourhood, path, max_nodes: int = MAX_NODES) -> int:
    """Write the page to `path`; returns its size in bytes."""
    data = render_html(nb, max_nodes).encode("utf-8")
    with open(path, "wb") as f:
        f.write(data)
    return len(data)


def page_data(page: str) -> dict:
    """The graph a page carries (the JSON block neo4j-viz reads): nodes, relationships, …"""
    m = re.search(r'<script type="application/json" id="' + DATA_ID + r'">(.*?)</script>', page, re.S)
    if m is None:
        raise PictureError("no graph data in the page")
    return json.loads(m.group(1))
