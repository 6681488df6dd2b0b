"""The picture commands: `resp show … --html FILE` and `resp matrix … --png FILE`.

Thin shells over resp.api (show, matrix): the store to read (embedded or, with --neo4j,
the server), the call, and a line saying what was written.
matplotlib, fontTools and the vendored vis-network script are loaded only when a picture is drawn.
"""
from __future__ import annotations

import os

import click

from .common import db_option, neo4j_option, out_console
from .query_cmds import _store, jurisdiction_option


def _done(path: str, what: str) -> None:
    size = os.path.getsize(path)
    human = f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{size / 1e3:.0f} kB"
    out_console().print(f"wrote {click.format_filename(path)} ({what}; {human})",
                        highlight=False, soft_wrap=True)


@click.command()
@click.argument("name")
@click.option("--html", "html_path", required=True, type=click.Path(dir_okay=False, writable=True),
              metavar="FILE", help="Write the page here (one self-contained .html file).")
@click.option("--as", "kind", type=click.Choice(["auto", "unit", "jurisdiction", "topic"]),
              default="auto", show_default=True,
              help="What NAME is; auto tries a jurisdiction, a unit, then a topic.")
@jurisdiction_option
@db_option
@neo4j_option
def show(name, html_path, kind, jurisdiction, db, use_neo4j):
    """Draw the neighbourhood of a unit, a jurisdiction or a topic as an interactive page.

    \b
    NAME is one of:
      a jurisdiction  (盈江县, 盈江): every task of its plans and the units holding them;
      a unit          (县卫生健康局): its tasks, the units sharing them, its mirrors;
      a topic         (托育): every task whose text holds it, and who holds those tasks.
    Units hang off their government, governments off the ones above them. Nodes are
    coloured by level (省 purple, 地 green, 县 orange; units a lighter tint, tasks
    sand), unit -> task links by role (牵头 red, 负责 brown, 落实 cyan, 配合 blue).

    The page is one file, drawn with vis-network: JavaScript, styles and the Chinese
    glyphs it uses are inside, so it opens offline in any browser. Drag, zoom (link
    captions show up close), hover a node or a link for its properties (a task's
    full text); the legend beside the graph names every colour.

    \b
    Example:
      resp show 县卫生健康局 -j 盈江县 --html health.html
      resp show 盈江 --html yingjiang.html
      resp show 托育 --as topic --html childcare.html
    """
    from resp import api

    with _store(db, use_neo4j) as store:
        subject, nb = api.show(store, name, html_path, kind, jurisdiction)
    _done(html_path, f"{subject.kind} {subject.name}: {len(nb.labelled('Unit'))} units, "
                     f"{len(nb.labelled('Task'))} tasks, {len(nb.labelled('Jurisdiction'))} governments")


@click.command()
@click.argument("jurisdiction")
@click.option("--png", "png_path", required=True, type=click.Path(dir_okay=False, writable=True),
              metavar="FILE", help="Write the picture here (PNG).")
@click.option("--doc", "document", default="", metavar="NUMBER|ID",
              help="Which plan, when JURISDICTION issued several: its number (盈发〔2023〕8号) or the start of its id.")
@click.option("--dpi", default=150, show_default=True, type=click.IntRange(50, 600),
              help="Resolution; the picture is about 0.2 inch a cell.")
@db_option
@neo4j_option
def matrix(jurisdiction, png_path, document, dpi, db, use_neo4j):
    """Draw the responsibility matrix of the plan JURISDICTION issued: units × tasks.

    One row a unit (most tasks led first), one column a task (in plan order,
    grouped by section), each cell coloured by the unit's role on that task:
    牵头 lead red, 负责 responsible brown, 落实 implement cyan, 配合 support blue.
    Chinese is set in Noto Sans SC, which installs with resp.

    \b
    Example:
      resp matrix 昆明市 --png kunming.png
      resp matrix 盈江 --png yingjiang.png --dpi 200
    """
    from resp import api

    with _store(db, use_neo4j) as store:
        m, width, height = api.matrix(store, jurisdiction, png_path, document, dpi)
    _done(png_path, f"{m.jurisdiction}: {len(m.units)} units × {len(m.tasks)} tasks, {width}×{height} px")
