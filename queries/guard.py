"""Which ad-hoc Cypher statements `resp cypher` runs: an allow-list, checked before any engine.

The engines' own read-only modes are not enough (LadybugDB's read-only database still
runs COPY … TO, LOAD FROM a file, INSTALL/LOAD EXTENSION and CHECKPOINT), so the text
is checked here first, the same way for the embedded store and for Neo4j.

How: the statement is split into tokens (strings, `quoted` names, comments and
parameters are never read as keywords). Wherever a keyword is expected (at the start,
after a complete value such as a name, literal or closing bracket) the word must be one
of ``READ_CLAUSES``, ``OPERATORS`` or, with ``--write``, ``WRITE_CLAUSES``; anything
else is refused. A word that names a clause is also checked where a value is expected,
so ``WITH * COPY …`` cannot pass as a function call. ``CALL`` may only name a function
in ``READ_ONLY_CALLS``. Statements that touch files, extensions, settings,
transactions or the schema are refused with or without ``--write``
(``ALWAYS_REFUSED`` names them for the message).
"""
from __future__ import annotations

import re

# clauses that only read
READ_CLAUSES = frozenset("MATCH OPTIONAL WITH UNWIND RETURN ORDER SKIP LIMIT UNION WHERE YIELD CALL".split())
# clauses that change the graph's data (not its schema): only with --write
WRITE_CLAUSES = frozenset("CREATE MERGE SET DELETE REMOVE DETACH FOREACH".split())
# words between values: operators and the parts of the clauses above
OPERATORS = frozenset("""AND OR XOR NOT IN IS NULL TRUE FALSE STARTS ENDS CONTAINS AS BY ASC DESC
    ASCENDING DESCENDING ALL DISTINCT CASE WHEN THEN ELSE END ON EXISTS COUNT""".split())
# keywords after which a complete value has been read (… DESC LIMIT, … END AS)
_VALUE_WORDS = frozenset("NULL TRUE FALSE END ASC DESC ASCENDING DESCENDING".split())

# the functions CALL may name (lower case): they only read the catalogue or settings
READ_ONLY_CALLS = frozenset({
    # LadybugDB / Kùzu
    "show_tables", "table_info", "show_connection", "db_version", "current_setting",
    "show_functions", "show_indexes", "show_warnings", "show_loaded_extensions",
    # Neo4j
    "db.labels", "db.relationshiptypes", "db.propertykeys", "db.schema.visualization",
    "db.schema.nodetypeproperties", "db.schema.reltypeproperties", "dbms.components",
})

# statement kinds refused in `resp cypher` whatever its options, by first word
ALWAYS_REFUSED = {
    "COPY": "COPY (reads or writes files)",
    "LOAD": "LOAD (LOAD FROM / LOAD CSV read files; LOAD EXTENSION runs native code)",
    "EXPORT": "EXPORT DATABASE (writes files)",
    "IMPORT": "IMPORT DATABASE (reads files)",
    "ATTACH": "ATTACH (opens another database)",
    "INSTALL": "INSTALL (downloads an extension)",
    "UNINSTALL": "UNINSTALL (an extension)",
    "UPDATE": "UPDATE (an extension)",
    "CHECKPOINT": "CHECKPOINT (database maintenance)",
    "BEGIN": "a transaction statement (BEGIN)",
    "COMMIT": "a transaction statement (COMMIT)",
    "ROLLBACK": "a transaction statement (ROLLBACK)",
    "TRANSACTIONS": "a transaction statement (IN TRANSACTIONS)",
    "DROP": "DDL (DROP)",
    "ALTER": "DDL (ALTER)",
    "RENAME": "DDL (RENAME)",
    "USE": "USE (switches database or graph)",
    "SHOW": "SHOW (an administration command)",
    "GRANT": "an administration command (GRANT)",
    "DENY": "an administration command (DENY)",
    "REVOKE": "an administration command (REVOKE)",
    "START": "an administration command (START)",
    "STOP": "an administration command (STOP)",
    "TERMINATE": "an administration command (TERMINATE)",
    "ENABLE": "an administration command (ENABLE)",
    "DRYRUN": "an administration command (DRYRUN)",
}
_CLAUSE_WORDS = READ_CLAUSES | WRITE_CLAUSES | frozenset(ALWAYS_REFUSED)


class Refused(ValueError):
    """A statement `resp cypher` will not run; the message is one line naming its kind."""

    def __init__(self, kind: str, needs_write: bool = False):
        self.kind, self.needs_write = kind, needs_write
        if needs_write:
            message = f"refused: {kind} writes to the store; add --write to allow it"
        else:
            message = f"refused: {kind} is not allowed in `resp cypher`, with or without --write"
        super().__init__(message)


_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<comment>//[^\n\r]*|/\*.*?\*/)
  | (?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
  | (?P<quoted>`(?:[^`]|``)*`)
  | (?P<param>\$(?:\w+|`(?:[^`]|``)*`))
  | (?P<number>0[xX][0-9a-fA-F]+|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
  | (?P<word>[^\W\d]\w*)
  | (?P<open>[(\[{])
  | (?P<close>[)\]}])
  | (?P<bad>['"`]|/\*)
  | (?P<punct>.)
""", re.S | re.X)


def tokens(text: str) -> list[tuple[str, str]]:
    """(kind, text) pairs without spaces and comments; an unclosed quote or comment is refused."""
    out = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind == "bad":
            raise Refused(f"a statement with an unclosed {m.group()} (quote or comment)")
        if kind not in ("space", "comment"):
            out.append((kind, m.group()))
    return out


def check(statement: str, write: bool = False) -> None:
    """Raise Refused unless every statement in the text is allowed (see the module doc)."""
    toks = tokens(statement)
    if not any(kind != "punct" or text != ";" for kind, text in toks):
        raise Refused("an empty statement")
    _Checker(toks, write).run()


class _Checker:
    """Walks the tokens once, knowing whether a keyword or a value comes next."""

    def __init__(self, toks, write: bool):
        self.toks, self.write = toks, write
        self.first_write = ""  # refused at the end, so a statement never allowed is named first

    def run(self) -> None:
        start, after_value = True, False
        for i, (kind, text) in enumerate(self.toks):
            if kind == "punct" and text == ";":
                start, after_value = True, False
                continue
            if kind == "word":
                after_value = self._word(i, text.upper(), start, after_value)
                start = start and text.upper() in ("EXPLAIN", "PROFILE")
                continue
            if start:
                raise Refused(f"a statement that begins with {text!r}, not a clause")
            after_value = self._other(i, kind, text)
        if self.first_write and not self.write:
            raise Refused(self.first_write, needs_write=True)

    def _word(self, i: int, word: str, start: bool, after_value: bool) -> bool:
        """Check one word; return whether a complete value has been read after it."""
        prev = self.toks[i - 1] if i else ("", "")
        if start:
            if word in ("EXPLAIN", "PROFILE"):
                return False
            self._clause(i, word)
            return False
        if prev[1] in (".", ":") or prev[1].upper() == "AS" or self._map_key(i):
            return True  # a property, label, map key or alias: a name, never a keyword
        if after_value:
            if word in _CLAUSE_WORDS:
                self._clause(i, word)
                return False
            if word not in OPERATORS:
                raise Refused(f"{word} (not a clause `resp cypher` knows)")
            return word in _VALUE_WORDS
        if word in _CLAUSE_WORDS:
            self._clause(i, word)
            return False
        return word in _VALUE_WORDS if word in OPERATORS else True

    def _other(self, i: int, kind: str, text: str) -> bool:
        if kind in ("string", "quoted", "param", "number", "close"):
            return True
        if text == "*":  # RETURN *, count(*): a value; a * b: an operator
            prev = self.toks[i - 1] if i else ("", "")
            return prev[1] in ("(", ",") or prev[1].upper() in ("RETURN", "WITH", "DISTINCT")
        return False

    def _map_key(self, i: int) -> bool:
        nxt = self.toks[i + 1][1] if i + 1 < len(self.toks) else ""
        prev = self.toks[i - 1][1] if i else ""
        return nxt == ":" and prev in ("{", ",")

    def _clause(self, i: int, word: str) -> None:
        """Refuse the clause at token i unless it is allowed with these options."""
        if word in ALWAYS_REFUSED:
            raise Refused(ALWAYS_REFUSED[word])
        if word == "CALL":
            self._call(i)
        elif word in READ_CLAUSES:
            return
        elif word in WRITE_CLAUSES:
            self._write_clause(i, word)
        else:
            raise Refused(f"{word} (not a clause `resp cypher` knows)")

    def _write_clause(self, i: int, word: str) -> None:
        nxt = self.toks[i + 1] if i + 1 < len(self.toks) else ("", "")
        prev = self.toks[i - 1][1].upper() if i else ""
        if word == "DETACH" and nxt[1].upper() != "DELETE":
            raise Refused(f"DETACH {nxt[1]} (detaches a database)".strip())
        if word == "CREATE" and prev != "ON" and nxt[1] != "(" and not self._path_variable(i + 1):
            raise Refused(f"DDL (CREATE {nxt[1]})".strip())
        self.first_write = self.first_write or word

    def _path_variable(self, i: int) -> bool:
        """CREATE p = (…): a name then '='."""
        return (i + 1 < len(self.toks) and self.toks[i][0] in ("word", "quoted")
                and self.toks[i + 1][1] == "=")

    def _call(self, i: int) -> None:
        """CALL { subquery } is checked like the rest; CALL name(…) must name a read-only function."""
        j = i + 1
        if j < len(self.toks) and self.toks[j][1] == "{":
            return
        parts = []
        while j < len(self.toks) and self.toks[j][0] in ("word", "quoted"):
            parts.append(self.toks[j][1].strip("`").replace("``", "`"))
            if j + 1 < len(self.toks) and self.toks[j + 1][1] == ".":
                j += 2
                continue
            j += 1
            break
        name = ".".join(parts).lower()
        if j < len(self.toks) and self.toks[j][1] == "=":
            raise Refused(f"CALL {name} = … (changes a setting)")
        if name not in READ_ONLY_CALLS:
            raise Refused(f"CALL {name or '…'} (not a named read-only function)")
