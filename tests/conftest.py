"""Fixtures shared by the test modules."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def seeds_store(tmp_path_factory) -> str:
    """A LadybugDB store of the five seeds, made once per session by `resp load data/seeds --db <tmp>`.

    Tests only read it; a test that writes copies it first.
    """
    from click.testing import CliRunner

    from resp.cli.main import main

    db = str(tmp_path_factory.mktemp("seeds") / "seeds.db")
    result = CliRunner().invoke(main, ["load", str(REPO / "data" / "seeds"), "--db", db])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="session")
def bolt_server(tmp_path_factory):
    """A real Bolt server for the session: ArcadeDB with its Bolt plugin (tests/bolt_server.py).

    Started once in a child process on free 127.0.0.1 ports (about 2-3 s), stopped at the
    end. Its `settings()` are resp.store.bolt settings; `create_database(name)` gives a
    test a database of its own.
    """
    pytest.importorskip("arcadedb_embedded", reason="pip install -e '.[test]' (arcadedb-embedded)")
    from bolt_server import BoltServer

    server = BoltServer(root=str(tmp_path_factory.mktemp("arcadedb")))
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def bench_script():
    """A bench/ script loaded as a module (bench/ is no package: its scripts are run by hand)."""
    def load(name: str):
        spec = importlib.util.spec_from_file_location(name, REPO / "bench" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    return load
