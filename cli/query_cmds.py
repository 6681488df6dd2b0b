"""The reading commands: canned questions, the query catalog, ad-hoc Cypher.

Each command turns its arguments into parameters of a canned query in resp.queries
(unit and jurisdiction arguments resolved first), runs it on the embedded store or,
with --neo4j, on the Neo4j server, and prints the rows where they fit (cli/output.py:
a screenful of table on a terminal, tab-separated rows on a pipe, --json, --csv).
User input reaches Cypher only as parameters. Nothing heavy (ladybug, rich, neo4j) is
imported before it is needed.
"""
from __future__ import annotations

import json
import sys
from contextlib import contextmanager

import click

from .common import db_option, err_console, neo4j_option
from .output import DEFAULT_LIMIT, cell, choose, emit, output_options
from .values import parse_params

from resp.api import ROLES


COUNT_HINT = 1000  # rows of a topic beyond which who-leads suggests counting instead


def reading(f):
    """The options every reading command shares: --db, --neo4j and the output options."""
    return db_option(neo4j_option(output_options(f)))


jurisdiction_option = click.option(
    "--jurisdiction", "-j", metavar="J",
    help="Only this jurisdiction: full name, short name or a unique fragment (盈江县, 盈江).")


# --------------------------------------------------------------------------
# store, errors, output
# --------------------------------------------------------------------------

@contextmanager
def _store(db, use_neo4j):
    """The store to read, closed afterwards; store problems become one-line errors.

    Python's cyclic collector is off meanwhile: an answer of 41,544 rows makes 250k
    objects and no cycles, and the collections they set off (a full one among them)
    cost the command 0.01-0.03 s."""
    import gc

    from resp import api
    from resp.api import Ambiguous, NoMatch, QueryError

    try:
        store = api.open_store(db, neo4j=use_neo4j)
    except api.ERRORS as exc:
        raise click.ClickException(str(exc)) from None
    collecting = gc.isenabled()
    gc.disable()
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
        if collecting:
            gc.enable()


def _show_candidates(exc) -> None:
    from rich.table import Table
    from rich.text import Text

    rows = exc.candidates[:DEFAULT_LIMIT]  # a fragment such as 局 fits 51,024 units nationally
    table = Table(title=Text(f"{exc}: say which one"), title_justify="left",
                  caption=_candidates_caption(len(rows), len(exc.candidates)),
                  caption_justify="left")
    columns = [c for c in rows[0] if c != "exact"] if rows else []
    for c in columns:
        table.add_column(c, overflow="fold")
    for row in rows:
        table.add_row(*(Text(cell(row[c])) for c in columns))
    err_console().print(table)


def _candidates_caption(shown: int, total: int) -> str:
    if shown == total:
        return f"{total:,} candidates"
    return f"the first {shown:,} of {total:,} candidates"


def _emit(result, out) -> None:
    """Print the rows of a canned query, titled with its title."""
    from resp import api

    emit(result, out, api.get_query(result.query).title)


def _unit_question(name: str, unit: str, jurisdiction: str | None, db, use_neo4j: bool,
                   out, **params) -> None:
    """Run a canned query about one unit: resolve the place, then the unit within it."""
    from resp import api

    with _store(db, use_neo4j) as store:
        _emit(api.about_unit(store, name, unit, jurisdiction, limit=out.limit, **params), out)


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
@click.option("--by", type=click.Choice(["function"]),
              help="Count instead of list: the lead units by function and level, in how many places.")
@reading
def who_leads(text, jurisdiction, by, db, use_neo4j, out):
    """Who leads the tasks whose text contains TEXT, or task JURISDICTION:ID.

    TEXT is a fragment of the task text (a topic such as 托育), matched after the
    same normalisation the parser applies (full-width punctuation and spaces do
    not matter). Given as JURISDICTION:ID (昆明市:8, 盈江:7), it names one task
    by the printed id in the plans of that jurisdiction. Only lead units count.

    Columns: {columns}. With --by function, the national view: one row a unit
    function and level, with the places, tasks, units and lead edges it counts
    (the canned query topic_leads_by_function).

    \b
    Example:
      resp who-leads 托育
      resp who-leads 托育 --jurisdiction 昆明市 --json
      resp who-leads 盈江县:7
      resp who-leads 托育 --by function
    """
    from resp import api

    with _store(db, use_neo4j) as store:
        if by:
            _emit(api.topic_by_function(store, text, jurisdiction), out)
            return
        result = api.who_leads(store, text, jurisdiction, limit=out.limit)
        if result.count > COUNT_HINT and result.query == "who_leads":
            result.note = "--by function counts them by kind of unit and place"
        _emit(result, out)


@click.command()
@columns_help("tasks")
@click.argument("unit")
@click.option("--role", type=click.Choice(ROLES), help="Only tasks held in this role.")
@jurisdiction_option
@reading
def tasks(unit, role, jurisdiction, db, use_neo4j, out):
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
    _unit_question("tasks", unit, jurisdiction, db, use_neo4j, out, role=role or "")


@click.command()
@columns_help("mirrors")
@click.argument("unit")
@jurisdiction_option
@reading
def mirrors(unit, jurisdiction, db, use_neo4j, out):
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
    _unit_question("mirrors", unit, jurisdiction, db, use_neo4j, out)


@click.command()
@columns_help("coverage")
@click.argument("jurisdiction")
@reading
def coverage(jurisdiction, db, use_neo4j, out):
    """Which tasks of the plans above JURISDICTION its plan carries down or drops.

    Every task of a plan higher up the chain of governments gives a row per lower
    candidate, best first: the lower task, the score (clause n-gram TF-IDF fitted on
    the two plans), the kind (same: most of the upper task; partial: part of it) and
    the status: carried (score at or above the upper threshold), uncertain (between
    the thresholds, in the plans' order: read both tasks) or dropped (no lower task
    reaches the lower threshold in the plans' order; lower_task empty). Thresholds
    and why: data/carries.toml. A jurisdiction with no plan of its own, or none
    above it, loaded is an error that says which.

    Columns: {columns}. A last column, status, says carried, uncertain or dropped.

    \b
    Example:
      resp coverage 昆明市
      resp coverage 盈江 --json
    """
    from resp import api

    with _store(db, use_neo4j) as store:
        _emit(api.coverage(store, jurisdiction), out)


@click.command()
@columns_help("documents")
@reading
def documents(db, use_neo4j, out):
    """The documents loaded in the store.

    issuer is empty where neither the text nor a correction names a known
    government: `resp load FILE --jurisdiction NAME` (or FILE.meta.json) fixes it.
    warnings counts the parser's warnings; corrected names the fields given by
    --jurisdiction, --level, --issued or a sidecar.

    Columns: {columns}.

    \b
    Example:
      resp documents
      resp documents --json
    """
    from resp import api

    with _store(db, use_neo4j) as store:
        _emit(api.documents(store), out)


@click.command()
@columns_help("partners")
@click.argument("unit")
@jurisdiction_option
@reading
def partners(unit, jurisdiction, db, use_neo4j, out):
    """Who UNIT works with: the units sharing its tasks, most shared first.

    roles lists the pairs "unit role/partner role" seen on the shared tasks
    (lead/support: UNIT leads, the partner supports).

    Columns: {columns}.

    \b
    Example:
      resp partners 县卫生健康局 --jurisdiction 盈江县
      resp partners 市卫生健康委 --json
    """
    _unit_question("partners", unit, jurisdiction, db, use_neo4j, out)


@click.command()
@columns_help("stats", "lead_load")
@click.option("--top", default=10, show_default=True, type=click.IntRange(min=0),
              help="How many units to list by lead load.")
@click.option("--by", type=click.Choice(["function"]),
              help="Instead: the tasks led, supported, implemented and held by unit function and level.")
@reading
def stats(top, by, db, use_neo4j, out):
    """Counts: nodes by label, responsibilities by role, derived relationships,
    tasks by jurisdiction, and the units that lead the most tasks.

    Columns: {columns}. The rows of the canned queries stats, then
    lead_load, whose keys are unit keys, JURISDICTION|NAME. With --by function,
    the rows of load_by_function: function, level, units, and the tasks they
    lead, support, implement and hold.

    \b
    Example:
      resp stats
      resp stats --top 5 --json
      resp stats --by function
    """
    from resp import api

    with _store(db, use_neo4j) as store:
        _emit(api.load_by_function(store) if by else api.stats(store, top), out)


@click.command()
@columns_help("dropped_tasks")
@click.argument("jurisdiction", required=False)
@click.option("--top", default=20, show_default=True, type=click.IntRange(min=0),
              help="How many tasks to list, most dropped first.")
@reading
def dropped(jurisdiction, top, db, use_neo4j, out):
    """The tasks of JURISDICTION's plans that the plans below it drop most often.

    Without JURISDICTION, every province's tasks. A task is dropped by a lower
    government's plan when none of its tasks CARRIES it (a similarity above the
    threshold of loader/carries.py); plans_below counts the governments below
    that issued a loaded plan.

    Columns: {columns}.

    \b
    Example:
      resp dropped
      resp dropped 云南省 --top 5
    """
    from resp import api

    with _store(db, use_neo4j) as store:
        _emit(api.dropped(store, jurisdiction, top), out)


@click.command("without-plan")
@columns_help("without_plan")
@click.argument("jurisdiction")
@reading
def without_plan(jurisdiction, db, use_neo4j, out):
    """The governments below JURISDICTION (a province, say) with no plan loaded.

    Those the store holds (named by the plans loaded: the governments above an
    issuer, target areas) and the divisions of data/divisions below JURISDICTION
    that the store does not hold; the count of the second kind is said after
    the rows.

    Columns: {columns}.

    \b
    Example:
      resp without-plan 云南省
      resp without-plan 德宏州 --csv > 德宏.csv
    """
    from resp import api

    with _store(db, use_neo4j) as store:
        _emit(api.without_plan(store, jurisdiction), out)


@click.command()
@columns_help("units")
@click.option("--unresolved", is_flag=True,
              help="Only units not resolved to a known body (to extend data/units).")
@jurisdiction_option
@reading
def units(unresolved, jurisdiction, db, use_neo4j, out):
    """The units in the store, with canonical name, function and task count.

    Columns: {columns}.

    \b
    Example:
      resp units --jurisdiction 盈江县
      resp units --unresolved --json
    """
    from resp import api

    with _store(db, use_neo4j) as store:
        _emit(api.in_jurisdiction(store, "units_unresolved" if unresolved else "units", jurisdiction,
                                  limit=out.limit), out)


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
    from resp.api import QueryResult

    rows = [{"name": q.name, "question": q.title,
             "parameters ([optional])": " ".join(p.name if p.required else f"[{p.name}]" for p in q.params)}
            for q in chosen]
    emit(QueryResult(list(rows[0]), rows), choose(show_all=True),
         "Canned queries: resp query NAME -p key=value; resp queries NAME prints one")


@click.command("query")
@click.argument("name")
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
              help="A parameter of the query (repeatable); values as written, converted to the declared type.")
@reading
def run_query(name, params, db, use_neo4j, out):
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
        emit(api.query(store, name, **values), out, query.title)


@click.command()
@click.argument("statement")
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
              help="A parameter (repeatable): key=text, or key:=JSON for numbers, lists, booleans.")
@click.option("--write", is_flag=True,
              help="Allow statements that change the store (refused otherwise).")
@reading
def cypher(statement, params, write, db, use_neo4j, out):
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
    emit(result, out)
