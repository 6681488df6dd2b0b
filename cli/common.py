"""What every command shares: consoles, the store options, one-line errors."""
from __future__ import annotations

from functools import lru_cache

import click


@lru_cache(maxsize=None)
def out_console():
    from rich.console import Console

    return Console()


@lru_cache(maxsize=None)
def err_console():
    from rich.console import Console

    return Console(stderr=True)


def default_db() -> str:
    """`--db` default: RESP_DB, then ./resp.db (resp.api.default_db_path)."""
    from resp.api import default_db_path

    return default_db_path()


db_option = click.option(
    "--db",
    "db",
    default=default_db,
    show_default="RESP_DB or ./resp.db",
    type=click.Path(),
    help="The embedded store (a LadybugDB database file).",
)

neo4j_option = click.option(
    "--neo4j",
    "use_neo4j",
    is_flag=True,
    help="Use the Neo4j server named by NEO4J_URI/NEO4J_USERNAME/NEO4J_PASSWORD/NEO4J_DATABASE instead of the embedded store.",
)
