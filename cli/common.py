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


def _bytes_size(ctx, param, value):
    """--max-bytes: a number of bytes, or with a K, M or G suffix (16M)."""
    if value is None:
        from resp.loader.read import DEFAULT_MAX_BYTES

        return DEFAULT_MAX_BYTES
    text = value.strip().upper().removesuffix("B")
    scale = {"K": 2**10, "M": 2**20, "G": 2**30}.get(text[-1:], 1)
    number = text[:-1] if scale > 1 else text
    if not number.isdigit() or int(number) <= 0:
        raise click.BadParameter(f"{value!r} is not a size such as 16M or 1000000")
    return int(number) * scale


max_bytes_option = click.option(
    "--max-bytes", "max_bytes", callback=_bytes_size, metavar="SIZE",
    help="Largest document read, and most its .docx or PDF may unpack to (8M by default; K, M, G).")
