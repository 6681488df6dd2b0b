"""One file → one records.Document: read, normalise, find tasks, targets, metadata.

The user can state what the text does not (`--jurisdiction`, or a sidecar
`<file>.meta.json` with jurisdiction, level, parent_jurisdictions, issued, number).
"""
from __future__ import annotations

import hashlib
import json
import re
import traceback
from dataclasses import replace
from pathlib import Path

from .aligned import aligned_tables
from .blocks import heading_of
from .conventions import read_conventions
from .fallback import fallback_tasks
from .grammar import GRAMMAR, simplified
from .rolewords import check_role_words
from .tables import match_header
from .tasks import find_tasks
from .text import without_invisible
from .meta import notice_pieces, read_printed_metadata
from .pinyin import has_pinyin, reading_copy
from .read import DEFAULT_MAX_BYTES, read_bytes, read_text
from .refusal import refusal_reason
from .records import LEVELS, Document, ParseError, Responsibility, Task
from .targets import find_targets
from .runon import lines_of

META_KEYS = ("jurisdiction", "level", "parent_jurisdictions", "issued", "number")
_FIRST_TASK = re.compile(r"^(\d{1,3})[.、](?!\d)")


def parse_file(path: str | Path, jurisdiction: str | None = None, source: str | None = None,
               overrides: dict | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Parse one plan; raise ParseError (one line, naming the file) when it cannot be read as one.

    The sidecar's metadata, then `overrides` (metadata given on the command line, None
    values ignored) replace what the text says; the record keeps them as `corrections`.
    max_bytes bounds the file and what it unpacks to (see read.DEFAULT_MAX_BYTES).
    """
    source = source if source is not None else str(path)
    text, data = read_text(path, source, max_bytes)
    stated = read_sidecar(Path(path), source)
    stated.update({k: v for k, v in (overrides or {}).items() if v})
    if jurisdiction:
        stated["jurisdiction"] = jurisdiction
    try:
        doc = parse_text(text, source, stated, hashlib.sha256(data).hexdigest())
    except (ParseError, MemoryError):
        raise
    except Exception as exc:  # a parser bug on one plan must not lose the others of a batch or a load
        raise ParseError(source, f"the parser failed on this file ({_where(exc)}); please report it with the file") from exc
    doc.corrections = dict(stated)
    return doc


def _where(exc: Exception) -> str:
    """The error's kind and the parser line it came from (`StopIteration at cellrows.py:93`)."""
    frames = traceback.extract_tb(exc.__traceback__)
    last = frames[-1] if frames else None
    return type(exc).__name__ + (f" at {Path(last.filename).name}:{last.lineno}" if last else "")


def parse_text(text: str, source: str, overrides: dict | None = None, sha256: str = "") -> Document:
    # a page run into one line read both ways (loader/runon.py); a table's columns found where its
    # pieces stand once the characters that print as nothing are out
    lines = lines_of(aligned_tables(without_invisible(text)))
    if not lines:
        raise ParseError(source, "empty file")
    printed_lines = lines
    folded = has_pinyin(lines) or _has_traditional(lines)  # read on a simplified copy, shown as printed
    lines, printed = reading_copy(lines, simplified) if folded else (lines, None)
    original = lines
    lines, conventions = read_conventions(lines)
    tasks, warnings, reader = find_tasks(lines, conventions)
    if not tasks:  # a layout no reader knows: the items that name units beside role words (loader/fallback.py)
        (tasks, warnings), reader = fallback_tasks(lines, conventions), "last resort"
    if printed:  # traditional characters, a mirror's pinyin (負(fù)責(zé)): read without, shown as printed
        tasks = [_as_printed(t, printed) for t in tasks]
    headers = {i: h for i in range(len(lines)) if (h := match_header(lines, i))}
    first_task = _first_task_line(lines, headers)
    check = check_role_words(original, tasks, _skip_rules(lines, first_task, conventions, headers))
    if not tasks:
        raise ParseError(source, refusal_reason(original))
    _check_size(tasks, source)
    meta = metadata(*_notice_before_header(printed_lines if printed else lines, headers, first_task, printed), tasks)
    title = None if heading_of(meta.title or "") else meta.title  # `二、任务分工`: a part's heading names no document
    tasks = _title_no_section(tasks, title)
    doc = Document(
        source=source,
        jurisdiction=meta.jurisdiction,
        level=meta.level,
        parent_jurisdictions=meta.parent_jurisdictions,
        issued=meta.issued,
        number=meta.number,
        implements=meta.implements,
        tasks=tasks,
        targets=find_targets(lines),
        warnings=meta.warnings + warnings,
        title=title,
        sha256=sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest(),
        role_words=check.to_json() | {"reader": reader},
    )
    for key, value in (overrides or {}).items():
        setattr(doc, key, value)
    if overrides and "jurisdiction" in overrides:
        doc.warnings = [w for w in doc.warnings if not w.startswith("issuer not named")]
    return doc


def _title_no_section(tasks: list[Task], title: str | None) -> list[Task]:
    """The document's own title, a short line over its first task (`X县2021年项目建设任务分工` / `1.…`), is no
    heading the tasks sit under: a task the reader gave that line as its section has none."""
    return [replace(t, section=None) if title and t.section == title else t for t in tasks]


def _has_traditional(lines) -> bool:
    """A page printed in traditional characters (a mirror, wikisource, a big5 portal): at least
    grammar `traditional_min` of the characters the grammar folds (one stray 於 is no such page)."""
    need = GRAMMAR.layout["traditional_min"]
    found = 0
    for ln in lines:
        found += len(GRAMMAR.traditional_re.findall(ln.text))
        if found >= need:
            return True
    return False


def _as_printed(task: Task, printed) -> Task:
    """A task read on the copy without pinyin, its words as the page prints them."""
    units = [Responsibility(printed(r.unit), r.role) for r in task.responsibilities]
    return replace(task, section=printed(task.section), text=printed(task.text), responsibilities=units)


def metadata(lines, first_task, tasks):
    """The metadata as printed (meta.read_printed_metadata: traditional characters, pinyin inserts)."""
    return read_printed_metadata(lines, tasks, first_task)


def _notice_before_header(lines, headers: dict, first_task: int | None, printed=None) -> tuple[list, int | None]:
    """A document run into one line (a sharing site's text): the notice before the table's header
    on the header's line is the preamble, a line of its own for the metadata. The header was found on
    the reading copy (simplified, without pinyin): looked for on the printed line as the page prints it."""
    header = headers.get(first_task) if first_task is not None else None
    line = lines[first_task] if header is not None else None
    needle = (printed(header.text) if printed else header.text) if header is not None else None
    cut = line.text.find(needle) if needle else -1
    if cut <= 0:
        return lines, first_task
    notice = [replace(line, text=piece, raw=piece) for piece in notice_pieces(line.text[:cut])]
    return lines[:first_task] + notice + lines[first_task:], first_task + len(notice)


def _skip_rules(lines, first_task: int | None, conventions, headers: dict) -> dict[int, str]:
    """Physical line → the named rule that skips its role words (rolewords.py)."""
    rules = {no: "convention" for no in conventions.statement_lines}
    for i, ln in enumerate(lines):
        if first_task is not None and i < first_task:
            rules.setdefault(ln.no, "preamble")
        elif GRAMMAR.person_label_re.match(ln.text):
            rules.setdefault(ln.no, "official")
        elif heading_of(ln.text):
            rules.setdefault(ln.no, "heading")
        if i in headers:
            rules.update({lines[j].no: "header" for j in range(i, headers[i].end)})
    return rules


# What one plan may hold: real plans have tens to a few hundred tasks and units. A load
# costs kilobytes a unit and a role edge, so these keep loading one document into an
# empty store near 300 MB whatever its text says (8 MB naming 470,000 units: 1.7 GB).
MAX_TASKS = 20_000
MAX_UNITS = 5_000
MAX_ROLES = 60_000


def _check_size(tasks, source: str) -> None:
    """Refuse a text whose graph would be far beyond any plan's."""
    roles = sum(len(t.responsibilities) for t in tasks)
    units = len({r.unit for t in tasks for r in t.responsibilities})
    for count, limit, what in ((len(tasks), MAX_TASKS, "tasks"), (units, MAX_UNITS, "distinct units"),
                               (roles, MAX_ROLES, "unit roles")):
        if count > limit:
            raise ParseError(source, f"not a plausible plan: {count:,} {what} (at most {limit:,} a document)")


def _first_task_line(lines, headers: dict) -> int | None:
    """Where the first numbered task or table header is (the preamble ends there); None if nowhere."""
    for i, ln in enumerate(lines):
        if _FIRST_TASK.match(ln.text) or i in headers:
            return i
    return None


def read_sidecar(path: Path, source: str) -> dict:
    """`<file>.meta.json` beside a document: metadata the text does not state."""
    sidecar = path.with_name(path.name + ".meta.json")
    if not sidecar.exists():
        return {}
    try:
        data = json.loads(read_bytes(sidecar, f"{source}: metadata file {sidecar.name}", 2**20))
    except ValueError as exc:
        raise ParseError(source, f"bad metadata file {sidecar.name}: {exc}") from None
    if not isinstance(data, dict):
        raise ParseError(source, f"bad metadata file {sidecar.name}: expected a JSON object")
    unknown = set(data) - set(META_KEYS)
    if unknown:
        raise ParseError(source, f"bad metadata file {sidecar.name}: unknown keys {sorted(unknown)}")
    if "level" in data and data["level"] not in LEVELS:
        raise ParseError(source, f"bad metadata file {sidecar.name}: level must be one of {', '.join(LEVELS)}")
    return data
