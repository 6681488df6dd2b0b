"""Fixtures shared by the test modules."""
from __future__ import annotations

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
