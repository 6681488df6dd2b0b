"""The regular expressions compiled from the cache file are the programs compiled afresh."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import resp.loader.parse  # noqa: F401  (compiles the loader's patterns, through the cache)
from resp.loader import regexcache

_CHECK = ("import re, resp.loader.parse\nfrom resp.loader import regexcache as R\n"
          "assert all(m == re._compiler.compile(p, f) for (p, f), m in R._made.items())\n"
          "print(len(R._stored), R._compile is re._compile)")


def test_every_cached_pattern_is_the_fresh_program():
    if re._compile is not regexcache._compile:
        return  # unsupported Python, or turned off: nothing cached
    assert regexcache._made
    for (pattern, flags), made in regexcache._made.items():
        fresh = re._compiler.compile(pattern, flags)
        assert made == fresh, pattern  # a Pattern compares its flags, pattern and code
        assert made.groupindex == fresh.groupindex and made.groups == fresh.groups


def test_a_process_reading_the_file_compiles_the_same(tmp_path):
    """A first process writes the file, a second reads it: both hold the same programs."""
    env = os.environ | {"XDG_CACHE_HOME": str(tmp_path)}
    first = subprocess.run([sys.executable, "-c", _CHECK], env=env, capture_output=True, text=True)
    second = subprocess.run([sys.executable, "-c", _CHECK], env=env, capture_output=True, text=True)
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert first.stdout == second.stdout
    if re._compile is regexcache._compile:
        assert list(tmp_path.glob("resp/regex-*.marshal"))


def test_an_unreadable_file_is_no_error(tmp_path):
    (tmp_path / "resp").mkdir()
    (tmp_path / "resp" / regexcache._path().rsplit("/", 1)[-1]).write_bytes(b"\x00garbage")
    env = os.environ | {"XDG_CACHE_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", _CHECK], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_an_older_grammars_tables_leave_the_file(tmp_path):
    """A few large derived tables no process asks for again (an older grammar's, under another digest)
    are dropped when the file is next written, though they are few entries: every process loads it whole."""
    if re._compile is not regexcache._compile:
        return
    env = os.environ | {"XDG_CACHE_HOME": str(tmp_path)}
    subprocess.run([sys.executable, "-c", _CHECK], env=env, check=True, capture_output=True)
    path = next(tmp_path.glob("resp/regex-*.marshal"))
    import marshal
    stored = marshal.loads(path.read_bytes())
    stored[("derived:an-older-grammar", regexcache._DERIVED)] = b"x" * (48 * 2**20)  # one entry, 48 MB
    stored.pop(next(k for k in stored if k[1] != regexcache._DERIVED))  # one pattern to compile again: a write
    path.write_bytes(marshal.dumps(stored))
    subprocess.run([sys.executable, "-c", _CHECK], env=env, check=True, capture_output=True)
    assert ("derived:an-older-grammar", regexcache._DERIVED) not in marshal.loads(path.read_bytes())
