"""`resp parse`: print what the parser makes of documents, as JSON or a summary."""
from __future__ import annotations

import json
import sys
from collections import Counter

import click

from .common import err_console, max_bytes_option, out_console


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the parse contract's JSON list.")
@click.option("--jurisdiction", help="Issuer to use where the text does not name it.")
@click.option("--explain", is_flag=True,
              help="Show each task with the lines its text and units came from, and the unaccounted role words.")
@max_bytes_option
def parse(files, as_json, jurisdiction, explain, max_bytes):
    """Parse plans into tasks, units and roles.

    A file that fails is named on stderr in one line; the others are still
    printed, and the exit status is 1.

    \b
    Example:
      resp parse data/seeds/001_17a8c9aaa5ebaf49.txt
      resp parse data/seeds/*.txt --json > records.json
    """
    from resp.loader.parse import parse_file
    from resp.loader.records import ParseError

    documents, failed = [], 0
    for path in files:
        try:
            documents.append(parse_file(path, jurisdiction=jurisdiction, max_bytes=max_bytes))
        except ParseError as exc:
            failed += 1
            err_console().print(f"[red]error[/red] {exc}", highlight=False, soft_wrap=True)
    if as_json:
        records = [d.to_json() for d in documents]
        for r in records:
            r.pop("sha256", None)
        json.dump(records, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        for doc in documents:
            _summary(doc)
            if explain:
                _explain(doc)
    if failed:
        sys.exit(1)


def _summary(doc) -> None:
    from rich.table import Table

    roles = Counter(r.role for t in doc.tasks for r in t.responsibilities)
    units = {r.unit for t in doc.tasks for r in t.responsibilities}
    table = Table(title=doc.source, show_header=False, title_justify="left")
    table.add_column("field", style="bold")
    table.add_column("value")
    place = doc.jurisdiction or "[yellow]unknown[/yellow]"
    parents = " ⊂ ".join(doc.parent_jurisdictions)
    table.add_row("jurisdiction", f"{place} ({doc.level or '?'})" + (f" ⊂ {parents}" if parents else ""))
    if doc.number or doc.issued:
        table.add_row("number / issued", f"{doc.number or '-'} / {doc.issued or '-'}")
    if doc.implements:
        table.add_row("implements", "; ".join(doc.implements))
    table.add_row("tasks", str(len(doc.tasks)))
    table.add_row("units", str(len(units)))
    table.add_row("triples", "  ".join(f"{role} {roles[role]}" for role in ("lead", "support", "implement", "responsible")))
    table.add_row("targets", str(len(doc.targets)))
    table.add_row("role words", role_word_line(doc.role_words))
    table.add_row("warnings", "\n".join(doc.warnings) or "none")
    out_console().print(table)


def role_word_line(check: dict) -> str:
    """`tied 64, skipped 3 (preamble 2, header 1), unaccounted 0`: the self-check in one line."""
    skipped = check.get("skipped", {})
    rules = ", ".join(f"{rule} {n}" for rule, n in sorted(skipped.items()))
    return (f"tied {check.get('tied', 0)}, skipped {sum(skipped.values())}" + (f" ({rules})" if rules else "")
            + f", unaccounted {check.get('unaccounted', 0)}")


def _explain(doc) -> None:
    """Each task with where it was read, then the role words nothing accounts for."""
    from resp.loader.explain import task_sources

    console = out_console()
    console.print(f"read by: {doc.role_words.get('reader', '?')} reader", highlight=False)
    for task, (text_lines, clause_lines) in zip(doc.tasks, task_sources(doc)):
        units = "、".join(f"{r.unit}({r.role})" for r in task.responsibilities)
        console.print(f"task {task.id}: text l.{_lines(text_lines)}, units l.{_lines(clause_lines)}: {units}",
                      highlight=False, soft_wrap=True)
    for word in doc.role_words.get("unaccounted_at", []):
        console.print(f"[yellow]unaccounted[/yellow] line {word['line']}: {word['evidence']}", highlight=False)


def _lines(numbers: list[int]) -> str:
    return ",".join(map(str, numbers)) or "?"
