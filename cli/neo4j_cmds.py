"""`resp push` and `resp browser-guide`: the graph on a Neo4j server, explored in Neo4j Browser.

The work is resp.store.bolt; this module holds the options, the progress display and
the Browser files. The NEO4J_* variables only fill in connection settings: nothing
goes to a server unless a command is asked to.
"""
from __future__ import annotations

import html
import os
import re

import click

from .common import db_option, err_console, out_console

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


def connection_options(f):
    """--uri/--user/--password/--database, each defaulting to its NEO4J_* variable."""
    options = [
        click.option("--uri", envvar="NEO4J_URI", show_envvar=True,
                     help="Bolt URI of the server [default: bolt://localhost:7687]."),
        click.option("--user", envvar="NEO4J_USERNAME", show_envvar=True,
                     help="User name [default: neo4j]."),
        click.option("--password", envvar="NEO4J_PASSWORD", show_envvar=True,
                     help="Password (prefer the variable: a flag shows in the process list)."),
        click.option("--database", envvar="NEO4J_DATABASE", show_envvar=True,
                     help="Database on the server [default: neo4j]."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def settings_from(uri, user, password, database):
    from resp.store.bolt import BoltSettings

    return BoltSettings.resolve(uri=uri, user=user, password=password, database=database)


@click.command()
@db_option
@connection_options
@click.option("--batch-size", type=click.IntRange(1, 100_000),
              help="Rows per UNWIND batch, one write transaction each [default: 5000].")
@click.option("--keep-stale", is_flag=True,
              help="Do not delete nodes and relationships the store no longer has.")
def push(db, uri, user, password, database, batch_size, keep_stale):
    """Write the whole graph of the embedded store to a Neo4j server.

    Constraints first (CREATE CONSTRAINT ... IF NOT EXISTS), then batched
    UNWIND ... MERGE in write transactions, then whatever the store no longer has
    (a replaced document's tasks) is deleted, so the server holds the store's graph.
    Pushing twice leaves the same graph; a push that fails midway says so and exits
    non-zero, and pushing again finishes it. Only resp's labels are touched.

    \b
    Examples:
      export NEO4J_URI=bolt://localhost:7687 NEO4J_PASSWORD=...
      resp load data/seeds && resp push
      resp push --db plans.db --uri bolt://graph.example:7687 --database plans
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from resp.store import StoreError
    from resp.store.bolt import push_store

    settings = settings_from(uri, user, password, database)
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                        console=err_console(), transient=True)
    bar = progress.add_task("connecting", total=None)

    def on_progress(done, total, what):
        progress.update(bar, completed=done, total=total, description=what)

    try:
        with progress:
            sizing = {"batch_size": batch_size} if batch_size else {}
            report = push_store(db, settings, prune=not keep_stale, on_progress=on_progress,
                                **sizing)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    _show_report(report)


def load_to_neo4j(documents, settings=None) -> None:
    """`resp load PATH... --neo4j`: parsed documents straight to the server, then the report.

    Settings default to the NEO4J_* variables. A server problem is a one-line
    click.ClickException (non-zero exit).
    """
    from resp.store import StoreError
    from resp.store.bolt import load_documents

    settings = settings or settings_from(None, None, None, None)
    try:
        with err_console().status("loading into Neo4j") as status:
            report = load_documents(documents, settings, on_progress=lambda done, total, what:
                                    status.update(f"{what}: {done}/{total} rows"))
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    if report.pushed:
        _show_report(report)
    out_console().print(f"{len(report.loaded)} loaded, {len(report.skipped)} unchanged (skipped), "
                        f"{len(report.replaced)} replaced into {report.where}", highlight=False)


def _show_report(report) -> None:
    from rich.table import Table

    table = Table(title=f"pushed to {report.where}", title_justify="left")
    table.add_column("label / type")
    table.add_column("on the server", justify="right")
    table.add_column("removed", justify="right")
    for name, count in report.pushed.items():
        removed = report.removed.get(name, 0)
        if count or removed:
            table.add_row(name, str(count), str(removed) if removed else "")
    out_console().print(table)
    out_console().print(f"{report.batches} batches in {report.seconds:.1f} s"
                        + (f" ({report.agent})" if report.agent else ""))


# --------------------------------------------------------------------------
# Neo4j Browser
# --------------------------------------------------------------------------

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


@click.command("browser-guide")
@click.option("--out", "out", default="resp-browser-guide", show_default=True,
              type=click.Path(file_okay=False), help="Folder to write the guide and style into.")
@click.option("--serve", "serve", type=int, default=None, metavar="PORT",
              help="Then serve the folder on 127.0.0.1:PORT (with the CORS header :play needs).")
def browser_guide(out, serve):
    """Write a Neo4j Browser guide of the canned queries, and a style for the graph.

    OUT/resp-guide.html is a `:play` guide: one slide per canned query with a
    runnable `:params` block and the query itself. OUT/resp.grass colours and
    captions units, tasks, governments, documents and targets: drag it onto the
    Browser window.

    \b
    Examples:
      resp browser-guide --out guide --serve 8001
      # in Neo4j Browser (allow localhost in browser.remote_content_hostname_allowlist):
      :play http://localhost:8001/resp-guide.html
    """
    from resp.queries import catalog

    os.makedirs(out, exist_ok=True)
    guide = os.path.join(out, GUIDE_FILE)
    style = os.path.join(out, GRASS_FILE)
    with open(guide, "w", encoding="utf-8") as fh:
        fh.write(guide_html(catalog.all_queries()))
    with open(style, "w", encoding="utf-8") as fh:
        fh.write(grass())
    out_console().print(f"wrote {guide} ({len(catalog.names())} queries) and {style}")
    if serve is not None:
        _serve(out, serve)


def _serve(directory: str, port: int) -> None:
    from functools import partial
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Handler(SimpleHTTPRequestHandler):
        def end_headers(self):
            self.send_header("Access-Control-Allow-Origin", "*")
            super().end_headers()

    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), partial(Handler, directory=directory))
    except OSError as exc:
        raise click.ClickException(f"cannot serve on 127.0.0.1:{port}: {exc.strerror}") from None
    out_console().print(f"serving; in Neo4j Browser run  :play http://localhost:{port}/{GUIDE_FILE}"
                        "  (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
