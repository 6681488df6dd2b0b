"""The graph in a database: LadybugDB embedded (default) or a Neo4j server over Bolt.

The query layer reads through one call::

    store = open_store()            # $RESP_DB, else ./resp.db
    result = store.run("MATCH (u:Unit) RETURN u.name AS name LIMIT $n", {"n": 5})
    result.columns                  # ["name"]
    result.rows                     # [{"name": ...}, ...]
    store.close()

A store that does not exist is an error (StoreNotFound: "no store at PATH: run
`resp load` first"), never an empty result. Nothing heavy is imported here.
"""
from __future__ import annotations

from .base import LoadReport, QueryResult, StoreError, StoreNotFound, default_db_path

__all__ = ["open_store", "LoadReport", "QueryResult", "StoreError", "StoreNotFound",
           "default_db_path"]


def open_store(db_path: str | None = None, neo4j: bool = False, settings=None):
    """The store to read: LadybugDB at db_path (or $RESP_DB, or ./resp.db), or Neo4j.

    With neo4j=True the Bolt store (resp.store.bolt, `open_store()` there, configured
    by `settings`, a BoltSettings, else the NEO4J_* variables) is used instead and
    db_path is ignored.
    """
    if neo4j:
        try:
            from . import bolt
        except ModuleNotFoundError as exc:
            if exc.name in ("resp.store.bolt", "neo4j"):
                raise StoreError(f"Neo4j support is not available ({exc.name} missing)") from None
            raise
        return bolt.open_store(settings)
    from .embedded import EmbeddedStore

    return EmbeddedStore(db_path)
