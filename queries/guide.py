"""The canned queries as a Neo4j Browser guide (`:play` format) and a `.grass` style.

`guide_html(queries)` gives one slide and runnable block per query, with a `:params`
block presetting its parameters; `grass()` colours and captions resp's labels and
types; `write_guide(folder)` writes both (what `resp browser-guide` does).
"""
from __future__ import annotations

import html
import os
import re

# label -> (colour, border, caption) for the .grass style
NODE_STYLE = {
    "Unit": ("#4C8EDA", "#2870C2", "{name}"),
    "Task": ("#F79767", "#F36924", "{id} {text}"),
    "Jurisdiction": ("#57C7E3", "#23B3D7", "{name}"),
    "Document": ("#8DCC93", "#5DB665", "{title}"),
    "Target": ("#FFC454", "#D7A013", "{area} {year}: {total}"),
}
REL_STYLE = {
    "LEADS": "#D9534F",
    "SUPPORTS": "#5BC0DE",
    "IMPLEMENTS": "#5CB85C",
    "RESPONSIBLE_FOR": "#F0AD4E",
    "MIRRORS": "#8E44AD",
    "CARRIES": "#E67E22",
}
GUIDE_FILE = "resp-guide.html"
GRASS_FILE = "resp.grass"


def _example(param) -> object:
    """A value to preset for a parameter: its default, else the help's `e.g.` example."""
    if param.default is not None:
        return param.default
    m = re.search(r"e\.g\.\s*([^\s,;)]+)", param.help)
    if param.type == "int":
        return int(m.group(1)) if m and m.group(1).isdigit() else 10
    return m.group(1) if m else ""


def _cypher_literal(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def params_command(query) -> str:
    """`:params {...}` presetting every parameter of a canned query for the Browser."""
    pairs = ", ".join(f"{p.name}: {_cypher_literal(_example(p))}" for p in query.params)
    return f":params {{{pairs}}}"


def guide_html(queries) -> str:
    """A Neo4j Browser guide (`:play` format): one slide and runnable block per query."""
    slides = [_slide(
        "resp: task-responsibility graphs",
        "<p class=\"lead\">Chinese government plans (重点任务分工表) as one graph.</p>"
        "<p>Units <b>lead</b>, <b>support</b>, <b>implement</b> or are <b>responsible for</b> "
        "tasks; tasks belong to documents issued by governments (Jurisdiction), which nest "
        "by <code>PART_OF</code>. A lower plan's task <code>CARRIES</code> an upper plan's "
        "task down; <code>MIRRORS</code> joins a unit to its counterpart one level below.</p>"
        "<p>Drag <code>resp.grass</code> onto the Browser to colour and caption the graph. "
        "Each following slide is one canned query: run the <code>:params</code> block, "
        "edit the values, then run the query.</p>",
        ["MATCH (d:Document)-[:HAS_TASK]->(t:Task)<-[r:LEADS]-(u:Unit)\n"
         "RETURN d, t, r, u LIMIT 50"])]
    for q in queries:
        blocks = ([params_command(q)] if q.params else []) + [q.text.strip()]
        about = "".join(f"<p>{html.escape(line)}</p>" for line in (q.zh, q.en, *q.notes) if line)
        if q.params:
            about += "<ul>" + "".join(
                f"<li><code>${html.escape(p.name)}</code> ({p.type}): {html.escape(p.help)}</li>"
                for p in q.params) + "</ul>"
        about += f"<p>Columns: {html.escape(', '.join(q.columns))}</p>"
        slides.append(_slide(q.title, about, blocks, name=q.name))
    body = "\n".join(slides)
    return ("<article class=\"guide\">\n  <carousel class=\"deck container-fluid\">\n"
            f"{body}\n  </carousel>\n</article>\n")


def _slide(title: str, about: str, blocks: list[str], name: str = "") -> str:
    pre = "\n".join(f"        <pre class=\"pre-scrollable code runnable\">{html.escape(b)}</pre>"
                    for b in blocks)
    heading = html.escape(title) + (f" <small>{html.escape(name)}</small>" if name else "")
    return (f"    <slide class=\"row-fluid\">\n"
            f"      <div class=\"col-sm-12\">\n        <h3>{heading}</h3>\n"
            f"        {about}\n{pre}\n      </div>\n    </slide>")


def grass() -> str:
    """A Neo4j Browser style sheet (.grass): colours and captions by label and type."""
    parts = ["node {\n  diameter: 50px;\n  color: #A5ABB6;\n  border-color: #9AA1AC;\n"
             "  border-width: 2px;\n  text-color-internal: #FFFFFF;\n  font-size: 10px;\n}\n",
             "relationship {\n  color: #A5ABB6;\n  shaft-width: 1px;\n  font-size: 8px;\n"
             "  padding: 3px;\n  text-color-external: #000000;\n  text-color-internal: #FFFFFF;\n"
             "  caption: \"<type>\";\n}\n"]
    sizes = {"Jurisdiction": 80, "Document": 65, "Unit": 55}
    for label, (colour, border, caption) in NODE_STYLE.items():
        parts.append(f"node.{label} {{\n  color: {colour};\n  border-color: {border};\n"
                     f"  text-color-internal: #FFFFFF;\n  diameter: {sizes.get(label, 50)}px;\n"
                     f"  caption: \"{caption}\";\n}}\n")
    for rel, colour in REL_STYLE.items():
        parts.append(f"relationship.{rel} {{\n  color: {colour};\n  shaft-width: 2px;\n"
                     f"  caption: \"<type>\";\n}}\n")
    return "\n".join(parts)


def write_guide(folder) -> tuple[str, str, int]:
    """Write the guide and the style into folder: (guide path, style path, queries)."""
    from . import catalog

    os.makedirs(folder, exist_ok=True)
    guide = os.path.join(folder, GUIDE_FILE)
    style = os.path.join(folder, GRASS_FILE)
    queries = catalog.all_queries()
    with open(guide, "w", encoding="utf-8") as fh:
        fh.write(guide_html(queries))
    with open(style, "w", encoding="utf-8") as fh:
        fh.write(grass())
    return guide, style, len(queries)
