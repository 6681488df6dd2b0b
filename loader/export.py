"""The graph for other tools: GraphML (Gephi, networkx), node-link JSON, and CSV files in
neo4j-admin import's header format. What `resp export` writes.
"""
from __future__ import annotations

import json

from .graph import NODE_PROPERTIES, PROPERTY_TYPES, REL_TYPES, GraphTables


def write_graphml(g, out) -> None:
    """GraphML (Gephi, yEd, networkx.read_graphml); lists become JSON text, nulls are left out."""
    import networkx as nx

    h = nx.MultiDiGraph()
    for n, attrs in g.nodes(data=True):
        h.add_node(n, **_flat(attrs))
    for u, v, k, attrs in g.edges(keys=True, data=True):
        h.add_edge(u, v, key=k, **_flat(attrs))
    nx.write_graphml(h, out, encoding="utf-8")


def _flat(attrs: dict) -> dict:
    return {k: (json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v)
            for k, v in attrs.items() if v is not None}


def to_json(g) -> dict:
    """networkx node-link data; the node id is under "_id" because Document and Task have
    an `id` property. Read it back with
    ``networkx.node_link_graph(data, edges="edges", name="_id")``."""
    import networkx as nx

    return nx.node_link_data(g, edges="edges", name="_id")


def write_csv(tables: GraphTables, directory) -> list[str]:
    """One CSV per label and per relationship type in neo4j-admin import's header format.

    Returns the `neo4j-admin database import full` arguments that load them.
    """
    from pathlib import Path

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    args = []
    for label, props in NODE_PROPERTIES.items():
        header = [f"{props[0]}:ID({label})"] + [_typed(p) for p in props[1:]] + [":LABEL"]
        rows = ([_cell(x) for x in values] + [label] for values in tables.nodes[label].values())
        _write_rows(directory / f"{label}.csv", header, rows)
        args.append(f"--nodes={label}={directory / f'{label}.csv'}")
    for rel, (src, dst, props) in REL_TYPES.items():
        header = [f":START_ID({src})", f":END_ID({dst})"] + [_typed(p) for p in props] + [":TYPE"]
        rows = ([u, v] + [_cell(x) for x in values] + [rel]
                for (u, v), values in tables.edges[rel].items())
        _write_rows(directory / f"{rel}.csv", header, rows)
        args.append(f"--relationships={rel}={directory / f'{rel}.csv'}")
    return args


def _typed(prop: str) -> str:
    kind = PROPERTY_TYPES.get(prop)
    return f"{prop}:{kind}" if kind else prop


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(value)  # neo4j-admin's default array delimiter
    return value


def _write_rows(path, header, rows) -> None:
    import csv

    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
