"""A neighbourhood as one self-contained interactive HTML page (`resp show … --html FILE`).

The page is drawn by vis-network (Apache-2.0 OR MIT): its standalone build, vendored in
pictures/assets with its licence, goes inline (it injects its own CSS), the graph goes in
as an inert JSON block (`<script type="application/json" id="resp-graph">`), and a short
script hands that to vis.Network, which lays it out in the browser and fits it to the
window. The Chinese glyphs the page needs are cut out of the packaged Noto Sans SC
(fontTools subsetting) and embedded too, as a FontFace for the CJK ranges of the family
the captions, title and legend are set in, so the page reads the same on a machine with
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
from functools import lru_cache
from importlib import resources
from string import Template

from . import (LEVEL_COLOURS, LEVEL_LABELS, LEVELS, LINK_COLOURS, LINK_LABELS, ROLE_COLOURS,
               ROLE_LABELS, ROLES_BY_STRENGTH, TASK_COLOUR, UNIT_COLOURS, PictureError, cjk_font_path)
from .neighbourhood import Neighbourhood

MAX_NODES = 3000      # beyond this a page is a hairball: narrow the subject instead
DATA_ID = "resp-graph"
VIS_NETWORK = "vis-network.min.js"    # in pictures/assets, with LICENSE-vis-network.txt
# the CJK ranges the embedded font answers for; Latin text falls through to the next family
CJK_RANGES = "U+2E80-2FDF, U+3000-30FF, U+3100-9FFF, U+F900-FAFF, U+FE30-FE4F, U+FF00-FFEF"
CJK_CHAR = re.compile(r"[\u2e80-\u2fdf\u3000-\u30ff\u3100-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")
# the embedded font's family, first in every font list of the page (canvas captions too);
# unquoted names only, as vis-network strips quotes from the canvas font
FONT_FAMILY = "NotoSansSC-resp"
FONT_STACK = f"{FONT_FAMILY}, DejaVu Sans, Arial, sans-serif"
HINT = "拖动节点、滚轮缩放；鼠标停在节点或连线上看其属性"

PAGE = Template("""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>$title</title>
<style>
html, body { margin: 0; height: 100%; }
body { display: flex; flex-direction: column; font: 14px $font; color: #1a1b1d; background: #fff; }
#resp-title { padding: 6px 12px; text-align: center; font-size: 16px; font-weight: 600;
  border-bottom: 1px solid #e3e3e3; }
#resp-title small { display: block; font-size: 12px; font-weight: 400; color: #555; }
#resp-main { flex: 1; display: flex; min-height: 0; }
#resp-network { flex: 1; min-width: 0; }
#resp-legend { width: 210px; flex: none; overflow-y: auto; padding: 4px 12px 10px;
  border-left: 1px solid #e3e3e3; font-size: 12px; }
#resp-legend h2 { margin: 10px 0 4px; font-size: 13px; }
#resp-legend ul { margin: 0; padding: 0; list-style: none; }
#resp-legend li { display: flex; align-items: center; gap: 6px; margin: 3px 0; }
#resp-legend p { color: #666; }
.resp-dot { width: 12px; height: 12px; border-radius: 50%; flex: none; box-shadow: inset 0 0 0 1px #666; }
.resp-line { width: 18px; height: 3px; flex: none; }
#resp-network div.vis-tooltip { font: 12px $font; white-space: pre-wrap; max-width: 420px; }
</style>
$font_script
</head>
<body>
$banner
<div id="resp-main"><div id="resp-network"></div>$legend</div>
<script>/* vis-network (Apache-2.0 OR MIT), https://github.com/visjs/vis-network */
$vis</script>
$data
<script>$draw</script>
</body>
</html>
""")

# Builds the network from the JSON block once the embedded font is ready (a canvas does not
# redraw when a font arrives late). The layout runs unseen (forceAtlas2, seeded, so a page
# draws the same every time); then physics stops, so the picture holds still and a dragged
# node stays where it is dropped, and the whole graph is fitted into the window. Link
# captions show once zoomed in far enough to read them.
DRAW = """(function () {
  "use strict";
  var graph = JSON.parse(document.getElementById("resp-graph").textContent);
  var font = getComputedStyle(document.body).fontFamily;

  function tooltip(properties) {
    var box = document.createElement("div");
    Object.keys(properties).forEach(function (key) {
      var value = properties[key], line = document.createElement("div"), name = document.createElement("b");
      name.textContent = key + ": ";
      line.appendChild(name);
      line.appendChild(document.createTextNode(typeof value === "string" ? value : JSON.stringify(value)));
      box.appendChild(line);
    });
    return box;
  }

  var nodes = graph.nodes.map(function (n) {
    return {id: n.id, label: n.caption, size: n.size, title: tooltip(n.properties),
            color: {background: n.color, border: "#666666",
                    highlight: {background: n.color, border: "#000000"},
                    hover: {background: n.color, border: "#000000"}}};
  });
  var edges = graph.relationships.map(function (r) {
    return {id: r.id, from: r.from, to: r.to, label: r.caption, width: r.width,
            title: tooltip(r.properties), color: {color: r.color, highlight: r.color, hover: r.color}};
  });
  var options = {
    nodes: {shape: "dot", borderWidth: 1,
            font: {face: font, size: 14, strokeWidth: 3, strokeColor: "#ffffff"}},
    edges: {arrows: {to: {enabled: true, scaleFactor: 0.5}}, smooth: false, selectionWidth: 1.5,
            font: {face: font, size: 11, align: "middle", strokeWidth: 3, strokeColor: "#ffffff"},
            scaling: {label: {drawThreshold: 10}}},
    physics: {solver: "forceAtlas2Based",
              forceAtlas2Based: {gravitationalConstant: -80, centralGravity: 0.03, springLength: 80,
                                 avoidOverlap: 0.5},
              stabilization: {iterations: 1000, updateInterval: 100, fit: false}},
    layout: {randomSeed: 1},
    interaction: {hover: true, tooltipDelay: 150}
  };

  function draw() {
    var network = new vis.Network(document.getElementById("resp-network"),
                                  {nodes: nodes, edges: edges}, options);
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({physics: {enabled: false}});
      network.fit();
    });
  }
  document.fonts.load("14px " + font, "\\u56fe").then(draw, draw);
})();"""


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


def graph_data(nb: Neighbourhood) -> dict:
    """What the page's JSON block holds: nodes, relationships and the legend, styled."""
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
        nodes.append({"id": n.id, "caption": n.caption, "color": colour, "size": round(size, 1),
                      "properties": props})
    rels = []
    for i, e in enumerate(nb.edges):
        colour, caption, width = edge_style(e)
        rels.append({"id": f"r{i}", "from": e.source, "to": e.target, "caption": caption,
                     "color": colour, "width": width, "properties": {"type": e.type, **e.properties}})
    return {"nodes": nodes, "relationships": rels,
            "legend": {"nodes": legend_nodes(nb), "relationships": legend_relationships(nb)}}


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
    out = {f"{ROLE_LABELS[r]} {r}": ROLE_COLOURS[r] for r in ROLES_BY_STRENGTH if r in roles}
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


@lru_cache(maxsize=None)
def vis_network_js() -> str:
    """The vendored vis-network build, checked to hold nothing that would end its <script> early."""
    js = resources.files(__package__).joinpath("assets", VIS_NETWORK).read_text(encoding="utf-8")
    if re.search(r"</script|<!--", js, re.I):
        raise PictureError(f"pictures/assets/{VIS_NETWORK} cannot go inline in a <script>")
    return js


def json_script(data: dict) -> str:
    """`data` as the page's inert JSON block; <, > and & escaped, so no text in it ends the block."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return f'<script type="application/json" id="{DATA_ID}">{text}</script>'


def _font_script(font: bytes) -> str:
    face = json.dumps({"unicodeRange": CJK_RANGES})
    return ("<script>/* resp: the CJK glyphs of this page (Noto Sans SC, SIL OFL 1.1) */\n"
            "(function(){var s=atob(\"" + base64.b64encode(font).decode("ascii") + "\"),"
            "b=new Uint8Array(s.length);for(var i=0;i<s.length;i++)b[i]=s.charCodeAt(i);"
            f"var face=new FontFace({json.dumps(FONT_FAMILY)},b.buffer,{face});"
            "document.fonts.add(face);face.load();"
            "})();</script>")


def _banner(nb: Neighbourhood) -> str:
    counts = (f"{len(nb.labelled('Unit'))} 个单位 · {len(nb.labelled('Task'))} 项任务 · "
              f"{len(nb.labelled('Jurisdiction'))} 个政府")
    return (f'<header id="resp-title">{html_escape.escape(nb.title)}'
            f'<small>{html_escape.escape(counts)}</small></header>')


def _legend(legend: dict) -> str:
    """The legend panel: a swatch and a label for every node colour and link colour drawn."""
    def items(entries: dict[str, str], swatch: str) -> str:
        return "".join(f'<li><span class="{swatch}" style="background:{html_escape.escape(colour)}">'
                       f'</span>{html_escape.escape(label)}</li>' for label, colour in entries.items())

    return ('<aside id="resp-legend"><h2>节点</h2><ul>' + items(legend["nodes"], "resp-dot") +
            '</ul><h2>关系</h2><ul>' + items(legend["relationships"], "resp-line") +
            f'</ul><p>{html_escape.escape(HINT)}</p></aside>')


def render_html(nb: Neighbourhood, max_nodes: int = MAX_NODES) -> str:
    """The whole page as text."""
    if not nb.nodes:
        raise PictureError(f"nothing to draw for {nb.subject.name}")
    if len(nb.nodes) > max_nodes:
        raise PictureError(f"{len(nb.nodes)} nodes are too many for one page (at most {max_nodes}): "
                           "narrow it with --jurisdiction or a longer name")
    graph = graph_data(nb)
    banner, legend = _banner(nb), _legend(graph["legend"])
    shown = banner + legend + json.dumps(graph, ensure_ascii=False)
    return PAGE.substitute(title=html_escape.escape(nb.title), font=FONT_STACK,
                           font_script=_font_script(font_subset(shown)), banner=banner,
                           legend=legend, vis=vis_network_js(), data=json_script(graph), draw=DRAW)


def write_html(nb: Neighbourhood, path, max_nodes: int = MAX_NODES) -> int:
    """Write the page to `path`; returns its size in bytes."""
    data = render_html(nb, max_nodes).encode("utf-8")
    with open(path, "wb") as f:
        f.write(data)
    return len(data)


def page_data(page: str) -> dict:
    """The graph a page carries (its JSON block): nodes, relationships, legend."""
    m = re.search(r'<script type="application/json" id="' + DATA_ID + r'">(.*?)</script>', page, re.S)
    if m is None:
        raise PictureError("no graph data in the page")
    return json.loads(m.group(1))
