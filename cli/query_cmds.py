"""The reading commands: canned questions, the query catalog, ad-hoc Cypher.

Each command turns its arguments into parameters of a canned query in resp.queries
(unit and jurisdiction arguments resolved first), runs it on the embedded store or,
with --neo4j, on the Neo4j server, and prints a rich table or, with --json, a JSON
list of objects keyed by the query's columns. User input reaches Cypher only as
parameters. Nothing heavy (ladybug, rich, neo4j) is imported before it is needed.
"""
from __future__ import annotations

import json
import sys
from contextlib import contextmanager

import click

from .common import db_option, err_console, neo4j_option, out_console
from .values import dump_json, parse_params

from resp.api import ROLES

TEXT_WIDTH = 48  # characters of a task text a table shows; --json prints it whole

json_option = click.option(
    "--json", "as_json", is_flag=True,
    help="Print a JSON list of objects keyed by the column names (text never cut).")


def reading(f):
    """The options every reading command shares: --db, --neo4j, --json."""
    return db_option(neo4j_option(json_option(f)))


jurisdiction_option = click.option(
    "--jurisdiction", "-j", metavar="J",
    help="Only this jurisdiction: full name, short name or a unique fragment (盈江县, 盈江).")


# --------------------------------------------------------------------------
# store, errors, output
# --------------------------------------------------------------------------

@contextmanager
def _store(db, use_neo4j):
    """The store to read, closed afterwards; store problems become one-line errors."""
    from resp import api
    from resp.api import Ambiguous, NoMatch, QueryError

    try:
        store = api.open_store(db, neo4j=use_neo4j)
    except api.ERRORS as exc:
        raise click.ClickException(str(exc)) from None
    try:
        yield store
    except Ambiguous as exc:
        _show_candidates(exc)
        sys.exit(2)
    except NoMatch as exc:
        from rich.markup import escape

        err_console().print(f"[red]error[/red] {escape(str(exc))}", highlight=False, soft_wrap=True)
        sys.exit(1)
    except QueryError as exc:
        raise click.UsageError(str(exc)) from None
    except api.ERRORS as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        store.close()


def _show_candidates(exc) -> None:
    from rich.table import Table
    from rich.text import Text

    rows = exc.candidates
    table = Table(title=Text(f"{exc}: say which one"), title_justify="left")
    columns = [c for c in rows[0] if c != "exact"] if rows else []
    for c in columns:
        table.add_column(c, overflow="fold")
    for row in rows:
        table.add_row(*(Text(_cell(row[c])) for c in columns))
    err_console().print(table)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3f}"
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v) for v in value)
    return str(value)


def emit(result, as_json: bool, title: str | None = None) -> None:
    """Print rows as a JSON list of objects, or as a rich table."""
    if as_json:
        dump_json(result.rows, sys.stdout)
        return
    from rich.table import Table
    from rich.text import Text

    cut = False
    cells = []
    for row in result.rows:
        line = []
        for c in result.columns:
            value = _cell(row.get(c))
            if c == "text" and len(value) > TEXT_WIDTH:
                value, cut = value[:TEXT_WIDTH - 1] + "…", True
            line.append(Text(value))  # as printed: brackets in a task are not markup
        cells.append(line)
    caption = f"{len(cells)} rows" + ("; text cut, --json prints it whole" if cut else "")
    table = Table(title=Text(title) if title else None, title_justify="left",
                  caption=caption, caption_justify="left")
    for c in result.columns:
        table.add_column(c, overflow="fold")
    for line in cells:
        table.add_row(*line)
    out_console().print(table)


def _emit(result, as_json: bool) -> None:
    """Print the rows of a canned query, titled with its title."""
    from resp import api

    emit(result, as_json, api.get_query(result.query).title)


def _unit_question(name: str, unit: str, jurisdiction: str | None, db, use_neo4j: bool,
                   as_json: bool, **params) -> None:
    """Run a canned query about one unit: resolve the place, then the unit within it."""
    from resp import api

    with _store(db, use_neo4j) as store:
        _emit(api.about_unit(store, name, unit, jurisdiction, **params), as_json)


def columns_help(*names: str):
    """Fill a command's `{columns}` with the columns of its canned queries' headers."""
    def decorate(f):
        from resp import api

        columns = [c for name in names for c in api.get_query(name).columns]
        f.__doc__ = f.__doc__.replace("{columns}", ", ".join(dict.fromkeys(columns)))
        return f
    return decorate


# --------------------------------------------------------------------------
# the canned questions
# --------------------------------------------------------------------------

@click.command("who-leads")
@columns_help("who_leads", "who_leads_task")
@click.argument("text")
@jurisdiction_option
@reading
def who_leads(text, jurisdiction, db, use_neo4j, as_json):
    """Who leads the tasks whose text contains TEXT, or task JURISDICTION:ID.

    TEXT is a fragment of the task text (a topic such as 托育), matched after the
    same normalisation the parser applies (full-width punctuation and spaces do
    not matter). Given as JURISDICTION:ID (昆明市:8, 盈江:7), it names one task
    by the printed id in the plans of that jurisdiction. Only lead units count.

    Columns: {columns}.

    \b
    Example:
      resp who-leads 托育
      resp who-leads 托育 --jurisdiction 昆明市 --json
      resp who-leads 盈江县:7
    """
    from resp import api

    with _store(db, use_neo4j) as store:
        _emit(api.who_leads(store, text, jurisdiction), as_json)


@click.command()
@columns_help("tasks")
@click.argument("unit")
@click.option("--role", type=click.Choice(ROLES), help="Only tasks held in this role.")
@jurisdiction_option
@reading
def tasks(unit, role, jurisdiction, db, use_neo4j, as_json):
    """The tasks a unit holds, in every role or one.

    UNIT is the printed name, the canonical name or a fragment that leads to one
    name. The same printed name in several governments (县卫生健康局) gives the
    tasks of each; --jurisdiction keeps one.

    Columns: {columns}.

    \b
    Example:
      resp tasks 县卫生健康局 --jurisdiction 盈江县
      resp tasks 省卫生健康委 --role lead --json
    """
    _unit_question("tasks", unit, jurisdiction, db, use_neo4j, as_json, role=role or "")


@click.command()
@columns_help("mirrors")
@click.argument("unit")
@jurisdiction_option
@reading
def mirrors(unit, jurisdiction, db, use_neo4j, as_json):
    """The units of the same function above and below UNIT.

    Along the chain of governments: 县卫生健康局 of 盈江县 mirrors 省卫生健康委
    of 云南省 (direction up); a provincial body lists its county counterparts
    (direction down).

    Columns: {columns}.

    \b
    Example:
      resp mirrors 县卫生健康局 --jurisdiction 盈江县
      resp mirrors 省卫生健康委 --json
    """
    _unit_question("mirrors", unit, jurisdiction, db, use_neo4j, as_json)


@click.command()
@columns_help("coverage")
@click.argument("jurisdiction")
@reading
def coverage(jurisdiction, db, use_neo4j, as_json):
    """Which tasks of the plans above JURISDICTION its plan carries down or drops.

    Every task of a plan higher up the chain of governments gives a row: with the
    lower task that carries it and the similarity score, or with lower_task and
    score empty where the lower plan drops it.

    Columns: {columns}.

    \b
    Example:
      resp coverage 昆明市
      resp coverage 盈江 --json
    """
    from resp import api

    with _store(db, use_neo4j) as store:
        _emit(api.in_jurisdiction(store, "coverage", jurisdiction, required=True), as_json)


@click.command()
@columns_help("partners")
@click.argument("unit")
@jurisdiction_option
@reading
def partners(unit, jurisdiction, db, use_neo4j, as_json):
    """Who UNIT works with: the units sharing its tasks, most shared first.

    roles lists the pairs "unit role/partner role" seen on the shared tasks
    (lead/support: UNIT leads, the partner supports).

    Columns: {columns}.

    \b
    Example:
      resp partners 县卫生健康局 --jurisdiction 盈江县
      resp partners 市卫生健康委 --json
    """
    _unit_question("partners", unit, jurisdiction, db, use_neo4j, as_json)


@click.command()
@columns_help("stats", "lead_load")
@click.option("--top", default=10, show_default=True, type=click.IntRange(min=0),
              help="How many units to list by lead load.")
@reading
def stats(top, db, use_neo4j, as_json):
    """Counts: nodes by label, responsibilities by role, derived relationships,
    tasks by jurisdiction, and the units that lead the most tasks.

    Columns: {columns}. The rows of the canned queries stats, then
    lead_load, whose keys are unit keys, JURISDICTION|NAME.

    \b
    Example:
      resp stats
      resp stats --top 5 --json
    """
    from resp import api

    with _store(db, use_neo4j) as store:
        _emit(api.stats(store, top), as_json)


@click.command()
@columns_help("units")
@click.option("--unresolved", is_flag=True,
              help="Only units not resolved to a known body (to extend data/units).")
@jurisdiction_option
@reading
def units(unresolved, jurisdiction, db, use_neo4j, as_json):
    """The units in the store, with canonical name, function and task count.

    Columns: {columns}.

    \b
    Example:
      resp units --jurisdiction 盈江县
      resp units --unresolved --json
    """
    from resp import api

    with _store(db, use_neo4j) as store:
        _emit(api.in_jurisdiction(store, "units_unresolved" if unresolved else "units", jurisdiction),
              as_json)


# --------------------------------------------------------------------------
# the catalog and ad-hoc Cypher
# --------------------------------------------------------------------------

@click.command("queries")
@click.argument("name", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the catalog as a JSON list.")
def list_queries(name, as_json):
    """List the canned queries, or print one (NAME) to paste into Neo4j Browser.

    Each is a `.cypher` file with a header comment: the question in Chinese and
    English, its parameters and its columns. Run one with `resp query NAME`.

    \b
    Example:
      resp queries
      resp queries who_leads > who_leads.cypher
    """
    from resp import api

    try:
        chosen = [api.get_query(name)] if name else api.queries()
    except api.QueryError as exc:
        raise click.UsageError(str(exc)) from None
    if name and not as_json:
        sys.stdout.write(chosen[0].text if chosen[0].text.endswith("\n") else chosen[0].text + "\n")
        return
    if as_json:
        records = [{"name": q.name, "title": q.title, "description": q.description,
                    "parameters": [{"name": p.name, "type": p.type, "required": p.required,
                                    "default": p.default, "help": p.help} for p in q.params],
                    "columns": list(q.columns)} for q in chosen]
        json.dump(records, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(title="Canned queries: resp query NAME -p key=value; resp queries NAME prints one",
                  title_justify="left")
    table.add_column("name", no_wrap=True)
    table.add_column("question", overflow="fold")
    table.add_column(Text("parameters ([optional])"), overflow="fold")
    for q in chosen:
        params = " ".join(p.name if p.required else f"[{p.name}]" for p in q.params)
        table.add_row(q.name, Text(q.title), Text(params))
    out_console().print(table)


@click.command("query")
@click.argument("name")
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
              help="A parameter of the query (repeatable); values as written, converted to the declared type.")
@reading
def run_query(name, params, db, use_neo4j, as_json):
    """Run the canned query NAME with parameters (`resp queries` lists them).

    Parameters go to the query exactly as given, as Cypher parameters: no name
    resolution here (use the full jurisdiction name). Optional ones take their
    declared default.

    \b
    Example:
      resp query who_leads -p text=托育 -p jurisdiction=昆明市
      resp query stats -p top=3 --json
    """
    from resp import api

    values = parse_params(params, typed=False)
    try:
        query = api.get_query(name)
        query.bind(values)
    except api.QueryError as exc:
        raise click.UsageError(str(exc)) from None
    with _store(db, use_neo4j) as store:
        emit(api.query(store, name, **values), as_json, query.title)


@click.command()
@click.argument("statement")
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
              help="A parameter (repeatable): key=text, or key:=JSON for numbers, lists, booleans.")
@click.option("--write", is_flag=True,
              help="Allow statements that change the store (refused otherwise).")
@reading
def cypher(statement, params, write, db, use_neo4j, as_json):
    """Run ad-hoc Cypher, read-only unless --write.

    The statement is checked before any engine sees it, against an allow-list
    (docs/reliability.md): reading clauses (MATCH, OPTIONAL MATCH, WITH, UNWIND,
    RETURN, ORDER BY, SKIP, LIMIT, UNION) and CALL of named read-only functions;
    with --write also CREATE, MERGE, SET, DELETE, REMOVE. COPY, LOAD, EXPORT/IMPORT
    DATABASE, ATTACH, INSTALL, CHECKPOINT, transactions and DDL are refused either
    way. Reads then run on a store opened read-only (over --neo4j: in a read
    session). With --write the embedded store is changed in place; the next
    `resp load` rebuilds the graph from the stored documents and drops such
    changes. Pass values as parameters ($name, -p name=text or -p name:=JSON).

    \b
    Example:
      resp cypher 'MATCH (u:Unit) WHERE u.name CONTAINS $q RETURN u.name' -p q=卫生
      resp cypher "MATCH (t:Task) RETURN count(t) AS tasks" --json
    """
    from resp import api

    values = parse_params(params, typed=True)
    try:
        result = api.cypher(statement, values, db, neo4j=use_neo4j, write=write)
    except api.ERRORS as exc:
        raise click.ClickException(str(exc)) from None
    emit(result, as_json)
