"""The parse contract as dataclasses: what every later stage reads.

Field names and JSON keys follow ../shared/docs/parse-contract.md exactly, so
`Document.to_json()` is what `resp parse --json` prints for one document.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# the four roles a unit holds on a task, in the contract's order
ROLES = ("lead", "support", "implement", "responsible")
# the same, strongest first (a picture's cell holding two roles shows the first)
ROLES_BY_STRENGTH = ("lead", "responsible", "implement", "support")
# the levels of government, highest first
LEVELS = ("province", "prefecture", "county")

_SPACES = re.compile(r"[\s\u200b\ufeff]+")


def normalise(s: str | None) -> str:
    """The contract's normalisation of a unit name, a place name or a text: NFKC, then
    no spaces (ASCII, U+3000 ideographic, no-break, zero-width, any whitespace).

    The parser stores text this way, so user input goes through it before it is
    compared with what the parser stored.
    """
    return _SPACES.sub("", unicodedata.normalize("NFKC", s or ""))


class ParseError(Exception):
    """A document that cannot be read as a task-division plan.

    The message is one line that names the file and what was wrong.
    """

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


@dataclass
class Responsibility:
    unit: str
    role: str

    def to_json(self) -> dict:
        return {"unit": self.unit, "role": self.role}


@dataclass
class Task:
    id: str
    section: str | None
    text: str
    responsibilities: list[Responsibility] = field(default_factory=list)
    clause: str = ""  # the responsibility text as printed: provenance for the graph

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "section": self.section,
            "text": self.text,
            "responsibilities": [r.to_json() for r in self.responsibilities],
            "clause": self.clause,
        }

    @classmethod
    def from_json(cls, d: dict) -> "Task":
        return cls(
            id=d["id"],
            section=d.get("section"),
            text=d.get("text", ""),
            responsibilities=[Responsibility(r["unit"], r["role"]) for r in d.get("responsibilities", [])],
            clause=d.get("clause", ""),
        )


@dataclass
class Target:
    area: str
    year: int
    total: int | None
    inclusive: int | None

    def to_json(self) -> dict:
        return {"area": self.area, "year": self.year, "total": self.total, "inclusive": self.inclusive}


@dataclass
class Document:
    source: str
    jurisdiction: str | None = None
    level: str | None = None
    parent_jurisdictions: list[str] = field(default_factory=list)
    issued: str | None = None
    number: str | None = None
    implements: list[str] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    title: str | None = None
    sha256: str = ""  # content hash of the bytes read: the document's identity in the store

    def to_json(self) -> dict:
        return {
            "source": self.source,
            "jurisdiction": self.jurisdiction,
            "level": self.level,
            "parent_jurisdictions": list(self.parent_jurisdictions),
            "issued": self.issued,
            "number": self.number,
            "implements": list(self.implements),
            "tasks": [t.to_json() for t in self.tasks],
            "targets": [t.to_json() for t in self.targets],
            "warnings": list(self.warnings),
            "title": self.title,
            "sha256": self.sha256,
        }

    @classmethod
    def from_json(cls, d: dict) -> "Document":
        return cls(
            source=d["source"],
            jurisdiction=d.get("jurisdiction"),
            level=d.get("level"),
            parent_jurisdictions=list(d.get("parent_jurisdictions") or []),
            issued=d.get("issued"),
            number=d.get("number"),
            implements=list(d.get("implements") or []),
            tasks=[Task.from_json(t) for t in d.get("tasks", [])],
            targets=[Target(t["area"], t["year"], t.get("total"), t.get("inclusive")) for t in d.get("targets", [])],
            warnings=list(d.get("warnings") or []),
            title=d.get("title"),
            sha256=d.get("sha256", ""),
        )
