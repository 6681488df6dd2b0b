"""The loader's regular expressions compiled once a machine, not once a process.

The grammar's word lists become a few hundred patterns, some of them tries of a thousand
words; Python compiles each in pure Python (re._parser, re._compiler), about 0.3 s every
time a process imports loader/ and parses its first plan: most of the cost of `resp load
ONE_PLAN` before it touches the store, and paid again by every worker of a load's pool.
The compiled program of a pattern (the list of integers `_sre` runs) depends only on the
pattern, its flags and the Python that made it, so the programs of the patterns made by
resp's own modules are kept in a file in the user's cache directory
(`$XDG_CACHE_HOME/resp/`, or `~/.cache/resp/`), keyed by the Python's cache tag and
`_sre`'s version, and rebuilt from it with `_sre.compile`, which takes microseconds. A
pattern compiled from the file is the same program as one compiled afresh
(tests/test_regexcache.py compares them); a file that cannot be read or written is no
error, the patterns are compiled as before. `RESP_REGEX_CACHE=0` turns it off.

The same file keeps the values the loader derives from the grammar at every import (`remembered`:
the grammar's expanded tables, the tries of its thousands of labels, the tables modules make from
them), each under a key naming the words, files and code it is made from: since the label shapes
(vocab48) building them cost more than compiling every pattern did.

The file is an index (a digest of each key → where its entry lies) and the entries; a process reads the
index and then only the entries it asks for (issue 20: loaded whole, the label tries' programs and other
grammars' stale tables were resident in every process).
"""
from __future__ import annotations

import array
import atexit
import hashlib
import marshal
import os
import re
import sys

try:  # the pieces of re._compiler.compile, as Python 3.11-3.13 have them
    import _sre
    from re import _compiler, _parser

    _SUPPORTED = (3, 11) <= sys.version_info[:2] <= (3, 13) and callable(getattr(_compiler, "_code", None))
except ImportError:  # pragma: no cover
    _SUPPORTED = False

_CODE = "I"  # an _sre code word (CODESIZE 4 bytes, checked in install)
_MAX_ENTRIES = 4000  # a bound, should anything compile patterns from a document's words
_OWN = ("resp.", "resp")  # patterns compiled by these modules (directly, or through re.search(str, …)) are kept

_DERIVED = -1  # the flags of a derived value's key (see remembered): no pattern has them
_UNCACHED = re.DEBUG | getattr(re, "TEMPLATE", 0)  # printed as compiled, or deprecated: never cached
_made: dict[tuple[str, int], re.Pattern] = {}
_added = False
_original = re._compile


def _path() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    tag = f"{sys.implementation.cache_tag}-{_sre.MAGIC}-{_sre.CODESIZE}-{_sre.MAXREPEAT}-{_sre.MAXGROUPS}"
    return os.path.join(base, "resp", f"regex-{_FORMAT}-{tag}.marshal")


def _ours() -> bool:
    """Was the pattern asked for by one of resp's modules (the caller of re.compile or re.search)?"""
    frame = sys._getframe(2)
    for _ in range(3):
        if frame is None:
            return False
        if frame.f_globals.get("__name__", "").startswith(_OWN):
            return True
        frame = frame.f_back
    return False


def _compile(pattern, flags):
    if type(pattern) is not str or type(flags) is not int and not isinstance(flags, re.RegexFlag):
        return _original(pattern, flags)
    key = (pattern, int(flags))
    made = _made.get(key)
    if made is not None:
        return made
    stored = _stored.get(key)
    if stored is not None:
        flags_made, code, *rest = stored
        made = _sre.compile(pattern, flags_made, array.array(_CODE, code).tolist(), *rest)
        _made[key] = made
        return made
    if key[1] & _UNCACHED:
        return _original(pattern, flags)
    if len(_stored) >= _MAX_ENTRIES or not _ours():
        made = _original(pattern, flags)
        if len(_made) < _MAX_ENTRIES:  # another module's: compiled as ever, remembered here too
            _made[key] = made
        return made
    # re._compiler.compile, keeping what it hands _sre
    p = _parser.parse(pattern, key[1])
    code = _compiler._code(p, key[1])
    groupindex = p.state.groupdict
    indexgroup = [None] * p.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    args = (key[1] | p.state.flags, code, p.state.groups - 1, dict(groupindex), tuple(indexgroup))
    made = _sre.compile(pattern, *args)
    global _added
    _stored[key] = (args[0], array.array(_CODE, code).tobytes()) + args[2:]  # bytes: a tenth of the time to load
    _made[key] = made
    _added = True
    return made


def remembered(key: str, build):
    """The value `build()` makes, kept in the cache file under `key`, which must name everything the value is
    made from (a digest of the words and of the code): the grammar's tables and the tries of its thousands of
    labels cost more to build at every import than the patterns compiled from them. Kept marshalled, so that
    what a caller does to its copy never reaches the file; built each time where the cache is off."""
    entry = (key, _DERIVED)
    blob = _stored.get(entry)
    if blob is None:
        value = build()
        try:
            blob = marshal.dumps(value)
        except ValueError:  # a type marshal cannot write: built each time
            return value
        if re._compile is not _compile:
            return value
        global _added
        _stored[entry], _added = blob, True
    return marshal.loads(blob)


def _digest(key: tuple[str, int]) -> tuple[str, int]:
    """A key's name in the file's index: the patterns are up to 90,000 characters, the index is read whole."""
    return hashlib.blake2b(key[0].encode("utf-8", "surrogatepass"), digest_size=16).hexdigest(), key[1]


class _Entries:
    """The cache file's entries, each read when first asked for, and the ones this process adds. The file is
    not loaded whole (issue 20: it held every label trie's program, and other grammars' tables until pruned,
    resident in every process): an index of digests → (offset, length), then the marshalled entries."""

    _TOTAL = ("", -2)  # the index's entry giving the length of the entries after it: a file cut short is not read

    def __init__(self):
        self.new: dict[tuple[str, int], tuple | bytes] = {}  # (pattern, flags) → (flags, code, groups, groupindex, indexgroup)
        self.index: dict[tuple[str, int], tuple[int, int]] = {}
        self.asked: set[tuple[str, int]] = set()  # the digests this process asked for: kept when the file is pruned
        self.file = None  # the file as this process found it, kept open (a writer replaces it, never rewrites it)
        self.start = 0  # where the entries begin in it

    def __len__(self) -> int:
        return len(self.index) + len(self.new)

    def __setitem__(self, key: tuple[str, int], entry) -> None:
        self.new[key] = entry

    def get(self, key: tuple[str, int]):
        """The entry under `key`, or None."""
        entry = self.new.get(key)
        if entry is not None:
            return entry
        name = _digest(key)
        self.asked.add(name)
        if name not in self.index:
            return None
        try:
            return marshal.loads(self._blob(name))
        except (OSError, EOFError, ValueError, TypeError):
            return None

    def _blob(self, name: tuple[str, int]) -> bytes:
        """The marshalled entry `name` of the file as this process found it."""
        offset, length = self.index[name]
        return os.pread(self.file.fileno(), length, self.start + offset)

    def load(self, path: str) -> None:
        """Open the file and read its index; a file that is not whole and of this layout is not read."""
        try:
            f = open(path, "rb")
        except OSError:
            return
        try:
            index = marshal.load(f)
            total = index.pop(self._TOTAL)[0]
            start = f.tell()
            fits = all(type(o) is int and type(n) is int and 0 <= o and o + n <= total for o, n in index.values())
            if fits and os.fstat(f.fileno()).st_size == start + total:
                self.file, self.start, self.index = f, start, index
                return
        except (OSError, EOFError, ValueError, TypeError, KeyError, AttributeError, IndexError):
            pass
        f.close()

    def save(self, path: str) -> None:
        """Write the file anew: the entries found in it and this process's new ones, less the stale."""
        new = {_digest(key): marshal.dumps(entry) for key, entry in self.new.items()}
        sizes = {**{name: place[1] for name, place in self.index.items()}, **{name: len(b) for name, b in new.items()}}
        used = {name: size for name, size in sizes.items() if name in self.asked or name in new}
        # patterns and tables no process asks for again (an older grammar's) go, counted by entries and by bytes:
        # a few stale derived tables weigh more than hundreds of patterns
        stale = len(sizes) > 2 * len(used) + 100 or sum(sizes.values()) > 2 * sum(used.values()) + _STALE_BYTES
        kept = used if stale else sizes
        blobs = [new[name] if name in new else self._blob(name) for name in kept]
        index, offset = {}, 0
        for name, blob in zip(kept, blobs):
            index[name], offset = (offset, len(blob)), offset + len(blob)
        index[self._TOTAL] = (offset, 0)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = f"{path}.{os.getpid()}.tmp"
        with open(tmp, "wb") as f:
            marshal.dump(index, f)
            for blob in blobs:
                f.write(blob)
        os.replace(tmp, path)  # whole or not at all; concurrent writers each leave a whole file


_stored = _Entries()
_FORMAT = "i2"  # the file's layout, in its name: an older resp reads and writes the one it knows, not this


def _save(path: str) -> None:
    """Write the entries back, with this process's new ones, when it added any."""
    if not _added:
        return
    try:
        _stored.save(path)
    except (OSError, ValueError):
        pass


_STALE_BYTES = 2**20


def install() -> None:
    """Compile through the cache from now on in this process (once; a no-op where unsupported)."""
    if not _SUPPORTED or array.array(_CODE).itemsize != _sre.CODESIZE or re._compile is _compile or os.environ.get("RESP_REGEX_CACHE", "1") == "0":
        return
    path = _path()
    _stored.load(path)
    re._compile = _compile
    atexit.register(_save, path)
