"""`resp load` and `resp export`: files → the store, and the store → files.

Only argument handling and display live here; the work is resp.api (load, export).
"""
from __future__ import annotations

import sys
import time

import click

from .common import db_option, err_console, max_bytes_option, neo4j_option, out_console

# what the closing table shows, in order: (count key, row title)
_ROWS = (
    ("Document", "documents"),
    ("Task", "tasks"),
    ("Unit", "units"),
    ("Jurisdiction", "jurisdictions"),
    ("Target", "targets"),
    ("LEADS", "role: lead (LEADS)"),
    ("SUPPORTS", "role: support (SUPPORTS)"),
    ("IMPLEMENTS", "role: implement (IMPLEMENTS)"),
    ("RESPONSIBLE_FOR", "role: responsible (RESPONSIBLE_FOR)"),
    ("CITES", "CITES"),
    ("MIRRORS", "MIRRORS"),
    ("CARRIES", "CARRIES"),
)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@db_option
@click.option("--jurisdiction", help="Issuer, in place of what the text says (a correction that sticks).")
@click.option("--level", type=click.Choice(["province", "prefecture", "county"]),
              help="The issuer's level, in place of what the text says.")
@click.option("--issued", metavar="YYYY-MM-DD", help="Date of issue, in place of what the text says.")
@neo4j_option
@max_bytes_option
def load(paths, db, jurisdiction, level, issued, use_neo4j, max_bytes):
    """Parse plans (files or folders) and load them into the store.

    Folders are read recursively; `*.meta.json` sidecars are read as metadata of
    the file beside them, never as documents. Loading a document already stored
    (same bytes) changes nothing, unless --jurisdiction, --level, --issued or a
    sidecar correct it: the corrections are re-applied, stored with the document,
    and kept by later plain loads until changed again. A changed file at the
    same path replaces its old version. The closing table names each document
    whose issuer is unknown, with the command that fixes it. A file that cannot be parsed is named in one line, the others
    are loaded, and the exit status is 1. A load that fails leaves the store as
    it was. With --neo4j the documents go to a Neo4j server instead.

    \b
    Example:
      resp load data/seeds
      resp load plans/ --db plans.db --jurisdiction 盈江县
      resp load plan.txt --jurisdiction 灵璧县 --level county
    """
    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from resp import api

    files = api.collect_files(paths, on_skip=lambda f, reason: err_console().print(
        f"[yellow]skipped[/yellow] {escape(str(f))}: {reason}", highlight=False, soft_wrap=True))
    if not files:
        raise click.ClickException("no documents found in " + ", ".join(paths))
    err = err_console()
    # refreshed by on_file, not by a thread of its own: a load of a few plans parses
    # them in a forked process, which this process forks only while it runs one thread
    # (resp.api._ParsedAside)
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TimeElapsedColumn(), TextColumn("{task.fields[name]}"),
                        console=err, transient=True, auto_refresh=False)
    bar = progress.add_task("parsing", total=len(files), name="")
    status = err.status("loading")
    done = iter(range(len(files)))
    shown = [0.0]

    def on_file(f):
        now = time.monotonic()
        progress.update(bar, completed=next(done), name=f.name, refresh=now - shown[0] >= 0.1)
        if now - shown[0] >= 0.1:
            shown[0] = now

    def on_error(message):
        err.print(f"[red]error[/red] {escape(message)}", highlight=False, soft_wrap=True)

    def on_stage(text):
        if progress.live.is_started:  # parsing is over: the store's stages follow
            progress.stop()
            status.start()
        status.update(text)

    progress.start()
    try:
        report = api.load(files, db, neo4j=use_neo4j, on_file=on_file, on_error=on_error,
                          on_stage=on_stage, max_bytes=max_bytes, jurisdiction=jurisdiction, level=level,
                          issued=issued)
    except api.ERRORS as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        progress.stop()
        status.stop()
    if use_neo4j:
        from .neo4j_cmds import show_neo4j_load

        show_neo4j_load(report)
    else:
        _show(report, db)
        _show_unknown_issuers(report)
    if report.failed:
        sys.exit(1)


@click.command()
@click.argument("ref", metavar="PATH|ID")
@db_option
def remove(ref, db):
    """Remove one document from the store: its tasks, targets and role edges, the
    units no other document names, and their MIRRORS and CARRIES.

    PATH|ID is the document's id as `resp documents` lists it (or any unique
    prefix of it), or the file it was loaded from. Only what the document
    changes is rewritten; readers keep answering meanwhile, and a removal that
    fails or is killed leaves the store as it was. A name that fits no document
    is an error naming the closest ids and files (exit status 1).

    \b
    Example:
      resp remove 3f2a9c1b7e04
      resp remove plans/wsj.txt --db plans.db
    """
    from resp import api

    try:
        report = api.remove(db, ref)
    except api.ERRORS as exc:
        raise click.ClickException(str(exc)) from None
    gone = report.removed
    out_console().print(
        f"removed {report.dropped[0]} from {report.db_path}: {gone.get('Task', 0)} tasks, "
        f"{gone.get('Unit', 0)} units, {gone.get('MIRRORS', 0)} MIRRORS, {gone.get('CARRIES', 0)} CARRIES "
        f"in {report.seconds:.2f} s; {report.totals.get('Document', 0)} documents left",
        highlight=False, soft_wrap=True)


def _show(report, db) -> None:
    from rich.table import Table

    out = out_console()
    failed = report.failed
    if report.loaded or report.skipped or report.corrected:
        show_removed = any(report.removed.values())
        table = Table(title=f"loaded into {report.db_path}", title_justify="left")
        table.add_column("")
        table.add_column("added", justify="right")
        if show_removed:
            table.add_column("removed", justify="right")
        table.add_column("in store", justify="right")
        for key, title in _ROWS:
            cells = [title, str(report.added.get(key, 0))]
            if show_removed:
                cells.append(str(report.removed.get(key, 0)))
            cells.append(str(report.totals.get(key, 0)))
            table.add_row(*cells)
        out.print(table)
        corrected = len(report.corrected)
        out.print(f"{len(report.loaded) - corrected} loaded, "
                  + (f"{corrected} corrected, " if corrected else "")
                  + f"{len(report.skipped)} unchanged (skipped), "
                  f"{len(report.replaced)} replaced, {len(failed)} failed"
                  f" in {report.seconds:.2f} s"
                  + ("; the store, written by another version, was rebuilt" if report.upgraded else ""),
                  highlight=False)
    else:
        out.print(f"nothing loaded into {db}: {len(failed)} failed", highlight=False)


def _show_unknown_issuers(report) -> None:
    """Each loaded document whose issuer is unknown, with the command that fixes it."""
    from rich.table import Table

    from resp import api

    rows = api.unknown_issuers(report)
    if not rows:
        return
    table = Table(title=f"{len(rows)} document(s) with no known issuer: every answer about them "
                        "shows an empty place", title_justify="left")
    for column in ("file", "printed_issuer", "fix"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(row["file"], row["printed_issuer"] or "", row["fix"])
    out_console().print(table)


@click.command()
@click.option("--format", "fmt", required=True, type=click.Choice(["graphml", "json", "csv"]),
              help="graphml (Gephi, networkx), json (networkx node-link), csv (neo4j-admin import).")
@db_option
@click.option("--out", type=click.Path(),
              help="Output file (graphml, json; '-' for stdout) or folder (csv). "
                   "Default: resp.graphml, resp.json, resp-csv/.")
def export(fmt, db, out):
    """Write the stored graph for other tools.

    graphml opens in Gephi and networkx.read_graphml; json is networkx node-link
    data (networkx.node_link_graph(data, edges="edges", name="_id")); csv is one file per label
    and relationship type with neo4j-admin import headers, and the import command
    is printed.

    \b
    Example:
      resp export --format graphml --out plans.graphml
      resp export --format csv --out neo4j-import/
    """
    from resp import api

    try:
        report = api.export(fmt, out, db)
    except api.ERRORS as exc:
        if "give --out" in str(exc):
            raise click.UsageError(str(exc)) from None
        raise click.ClickException(str(exc)) from None
    err = err_console()
    if fmt == "csv":
        err.print(f"wrote {len(report.files)} files to {report.out}; load them into Neo4j with:",
                  highlight=False)
        click.echo(report.command)
    elif report.out != "-":
        err.print(f"wrote {report.nodes} nodes and {report.edges} edges to {report.out}",
                  highlight=False)
