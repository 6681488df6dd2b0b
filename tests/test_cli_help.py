"""Every command of `resp` explains itself: help text, an example, help on each option."""
from __future__ import annotations

import importlib.util

import click
import pytest
from click.testing import CliRunner

from resp.cli.main import COMMANDS, LazyGroup, main


def test_top_level_help_has_an_example_and_lists_commands():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    assert "Example" in result.output
    for name in COMMANDS:
        assert name in result.output


@pytest.mark.parametrize("name", list(COMMANDS))
def test_command_has_help_and_an_example(name):
    module, attr = COMMANDS[name].split(":")
    assert importlib.util.find_spec(f"resp.cli.{module}") is not None, \
        f"`resp {name}` is listed in resp.cli.main.COMMANDS but resp.cli.{module} is missing"
    command = LazyGroup._find(name)
    assert command is not None, f"resp.cli.{module} has no command {attr}"
    assert isinstance(command, click.Command)
    assert command.help and command.help.strip(), f"resp {name} has no help text"
    assert command.get_short_help_str().strip(), f"resp {name} has no short help"
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output, f"resp {name} --help shows no example"
    example = result.output.split("Example", 1)[1]
    assert f"resp {name}" in example, f"the example of resp {name} does not run resp {name}"
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help, f"resp {name}: option {param.opts[0]} has no help text"


def test_push_help_states_the_library_batch_size():
    from resp.store.bolt import BATCH_SIZE

    result = CliRunner().invoke(main, ["push", "--help"])
    assert f"[default: {BATCH_SIZE}]" in " ".join(result.output.split())


# command -> the canned queries whose header columns its help lists
COLUMNS_FROM = {"who-leads": ["who_leads"], "tasks": ["tasks"], "mirrors": ["mirrors"],
                "coverage": ["coverage"], "partners": ["partners"], "stats": ["stats"],
                "units": ["units"]}


@pytest.mark.parametrize("name", list(COLUMNS_FROM))
def test_help_lists_the_columns_of_the_cypher_header(name):
    from resp.queries import catalog

    help_text = " ".join(LazyGroup._find(name).help.split())
    assert "{columns}" not in help_text
    columns = ", ".join(c for q in COLUMNS_FROM[name] for c in catalog.get(q).columns)
    assert f"Columns: {columns}." in help_text
