"""`resp load` and `resp export`: files → the store, and the store → files.

Only argument handling and display live here; the work is resp.loader.parse,
resp.loader.graph and resp.store.embedded.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from .common import db_option, err_console, max_bytes_option, neo4j_option, out_console

META_SUFFIX = ".meta.json"

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


def collect_files(paths) -> list[Path]:
    """Files named, and files under folders named (recursively, sorted).

    Metadata sidecars (`*.meta.json`) and hidden files are never documents.
    """
    found: list[Path] = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p)
                if f.is_file() and not any(part.startswith(".") for part in rel.parts) \
                        and not f.name.endswith(META_SUFFIX):
                    found.append(f)
        elif not p.name.endswith(META_SUFFIX):
            found.append(p)
    return list(dict.fromkeys(found))


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@db_option
@click.option("--jurisdiction", help="Issuer to use where a text does not name it.")
@neo4j_option
@max_bytes_option
def load(paths, db, jurisdiction, use_neo4j, max_bytes):
    """Parse plans (files or folders) and load them into the store.

    Folders are read recursively; `*.meta.json` sidecars are read as metadata of
    the file beside them, never as documents. Loading a document already stored
    (same bytes) changes nothing; a changed file at the same path replaces its
    old version. A file that cannot be parsed is named in one line, the others
    are loaded, and the exit status is 1. A load that fails leaves the store as
    it was. With --neo4j the documents go to a Neo4j server instead.

    \b
    Example:
      resp load data/seeds
      resp load plans/ --db plans.db --jurisdiction 盈江县
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from resp.loader.graph import validate
    from resp.loader.parse import parse_file
    from resp.loader.records import ParseError
    from resp.store.embedded import StoreError, load_documents

    files = collect_files(paths)
    if not files:
        raise click.ClickException("no documents found in " + ", ".join(paths))
    err = err_console()
    documents, failed = [], []
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), TextColumn("{task.fields[name]}"),
                  console=err, transient=True) as progress:
        bar = progress.add_task("parsing", total=len(files), name="")
        for f in files:
            progress.update(bar, name=f.name)
            try:
                doc = parse_file(f, jurisdiction=jurisdiction, max_bytes=max_bytes)
                validate(doc)
                documents.append(doc)
            except (ParseError, ValueError) as exc:
                failed.append(str(f))
                err.print(f"[red]error[/red] {exc}", highlight=False, soft_wrap=True)
            except Exception as exc:  # a parser bug must not stop the other files
                failed.append(str(f))
                err.print(f"[red]error[/red] {f}: parser failed: {type(exc).__name__}: {exc}",
                          highlight=False, soft_wrap=True)
            progress.advance(bar)

    report = None
    if documents and use_neo4j:
        from .neo4j_cmds import load_to_neo4j

        load_to_neo4j(documents)
        if failed:
            sys.exit(1)
        return
    if documents:
        with err.status("loading") as status:
            try:
                report = load_documents(documents, db, on_stage=lambda s: status.update(s))
            except StoreError as exc:
                raise click.ClickException(str(exc)) from None
    _show(report, failed, db)
    if failed:
        sys.exit(1)


def _show(report, failed, db) -> None:
    from rich.table import Table

    out = out_console()
    if report is not None:
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
        out.print(f"{len(report.loaded)} loaded, {len(report.skipped)} unchanged (skipped), "
                  f"{len(report.replaced)} replaced, {len(failed)} failed"
                  f" in {report.seconds:.2f} s"
                  + ("; the store, written by another version, was rebuilt" if report.upgraded else ""),
                  highlight=False)
    else:
        out.print(f"nothing loaded into {db}: {len(failed)} failed", highlight=False)


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
    from resp.loader import graph as model
    from resp.store.embedded import EmbeddedStore, StoreError

    try:
        with EmbeddedStore(db) as store:
            tables = store.tables()
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    out = out or {"graphml": "resp.graphml", "json": "resp.json", "csv": "resp-csv"}[fmt]
    err = err_console()
    if fmt == "csv":
        if out == "-":
            raise click.UsageError("--format csv writes a folder; give --out FOLDER")
        args = model.write_csv(tables, out)
        err.print(f"wrote {len(args)} files to {out}; load them into Neo4j with:", highlight=False)
        click.echo("neo4j-admin database import full --array-delimiter=';' "
                   + " ".join(args) + " neo4j")
        return
    g = tables.to_networkx()
    if fmt == "graphml":
        if out == "-":
            model.write_graphml(g, sys.stdout.buffer)
        else:
            model.write_graphml(g, out)
    else:
        text = json.dumps(model.to_json(g), ensure_ascii=False)
        if out == "-":
            click.echo(text)
        else:
            Path(out).write_text(text + "\n", encoding="utf-8")
    if out != "-":
        err.print(f"wrote {g.number_of_nodes()} nodes and {g.number_of_edges()} edges "
                  f"to {os.fspath(out)}", highlight=False)
