"""`resp push` and `resp browser-guide`: the graph on a Neo4j server, explored in Neo4j Browser.

The work is resp.api (push, browser_guide); this module holds the options and the
progress display. The NEO4J_* variables only fill in connection settings: nothing
goes to a server unless a command is asked to.
"""
from __future__ import annotations

import click

from .common import db_option, err_console, out_console


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

    from resp import api

    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                        console=err_console(), transient=True)
    bar = progress.add_task("connecting", total=None)

    def on_progress(done, total, what):
        progress.update(bar, completed=done, total=total, description=what)

    try:
        with progress:
            report = api.push(db, uri=uri, user=user, password=password, database=database,
                              prune=not keep_stale, batch_size=batch_size, on_progress=on_progress)
    except api.ERRORS as exc:
        raise click.ClickException(str(exc)) from None
    _show_report(report)


def show_neo4j_load(report) -> None:
    """The report of `resp load PATH... --neo4j`."""
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
    from resp import api

    guide, style, count = api.browser_guide(out)
    out_console().print(f"wrote {guide} ({count} queries) and {style}")
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
    from resp.queries.guide import GUIDE_FILE as guide_file

    out_console().print(f"serving; in Neo4j Browser run  :play http://localhost:{port}/{guide_file}"
                        "  (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
