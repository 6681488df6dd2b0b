"""Answers that fit where they go (cli/output.py): a screenful on a terminal, every row
on a pipe as tab-separated text, --json, --csv with a BOM; counts said on stderr.

Expected rows are those of the seeds' plans (001 昆明市: 8 lead rows on 托育, read off the
plan in tests/test_queries.py), or hand-made rows for the escapes.
"""
from __future__ import annotations

import csv
import io
import json

import click
import pytest

from resp.cli import output
from resp.cli.main import COMMANDS, LazyGroup
from resp.store.base import QueryResult
from test_queries import cli, rows

KUNMING = ("who-leads", "托育", "-j", "昆明市")
KUNMING_LEADS = {("2", "市卫生健康委"), ("2", "市政务服务管理局"), ("8", "市教育体育局"),
                 ("8", "市住房城乡建设局"), ("8", "市卫生健康委"), ("9", "市教育体育局"),
                 ("9", "市卫生健康委"), ("10", "市卫生健康委")}


def run(db, *args, env=None):
    result = cli(*args, "--db", db, env=env)
    assert result.exit_code == 0, result.output
    return result


def test_a_pipe_gets_every_row_tab_separated_with_the_count_on_stderr(seeds_store):
    result = run(seeds_store, *KUNMING)
    lines = result.stdout.splitlines()
    assert lines[0] == "unit\tjurisdiction\ttask\ttext"
    cells = [line.split("\t") for line in lines[1:]]
    assert {(c[2], c[0]) for c in cells} == KUNMING_LEADS and len(cells) == 8
    whole = {r["unit"] + r["task"]: r["text"] for r in rows(seeds_store, *KUNMING)}
    assert {c[0] + c[2]: c[3] for c in cells} == whole       # texts never cut on a pipe
    assert result.stderr.strip() == "8 rows"


def test_limit_on_a_pipe_says_how_many_were_left_out(seeds_store):
    result = run(seeds_store, *KUNMING, "--limit", "3")
    assert len(result.stdout.splitlines()) == 1 + 3
    assert result.stderr.strip() == "3 of 8 rows; --limit N or --all"


def test_a_terminal_shows_a_screenful_and_says_so():
    assert output.choose(terminal=True) == output.Output("table", output.DEFAULT_LIMIT)
    assert output.choose(terminal=True, show_all=True) == output.Output("table", None)
    assert output.choose(terminal=True, limit=7) == output.Output("table", 7)
    assert output.choose(terminal=False) == output.Output("tsv", None)
    assert output.choose(terminal=True, as_json=True) == output.Output("json", None)
    assert output.choose(terminal=True, as_csv=True) == output.Output("csv", None)
    assert output.count_text(50, 41544) == "50 of 41,544 rows; --limit N or --all"
    assert output.count_text(8, 8) == "8 rows"


def test_table_caption_counts_what_it_shows(seeds_store):
    every = len(rows(seeds_store, "who-leads", "托育"))
    assert every == 78  # the seeds' 托育 tasks: 78 (task, lead unit) pairs, tests/test_queries.py
    shown = run(seeds_store, "who-leads", "托育", "--table", "--limit", "5").stdout
    assert "5 of 78 rows; --limit N or --all" in shown
    assert "78 rows" in run(seeds_store, "who-leads", "托育", "--table", "--all").stdout
    default = run(seeds_store, "who-leads", "托育", "--table").stdout
    assert "50 of 78 rows" in default


def test_headers_are_never_folded_in_a_narrow_table(seeds_store):
    result = run(seeds_store, "mirrors", "县卫生健康局", "-j", "盈江县", "--table",
                 env={"COLUMNS": "60"})
    for header in ("mirror_jurisdiction", "mirror_level", "direction", "function"):
        assert header in result.stdout


def test_thousands_of_rows_become_a_plain_grid(seeds_store, monkeypatch):
    monkeypatch.setattr(output, "RICH_ROWS", 10)
    result = run(seeds_store, "who-leads", "托育", "--table", "--all")
    lines = result.stdout.splitlines()
    assert lines[0] == "Who leads the tasks on a topic / 谁牵头某方面的任务"
    assert lines[1].split() == ["unit", "jurisdiction", "task", "text"]
    assert set(lines[2]) <= {"─", " "}
    assert len(lines) == 3 + 78 + 1
    assert lines[-1] == "78 rows; text cut, --json prints it whole"
    assert lines[3].split()[:3] == ["省卫生健康委", "云南省", "1"]


def test_json_is_one_valid_list(seeds_store):
    result = run(seeds_store, *KUNMING, "--json")
    got = json.loads(result.stdout)
    assert {(r["task"], r["unit"]) for r in got} == KUNMING_LEADS
    assert result.stdout.count("\n") == 8 + 2                  # "[", a line a row, "]"
    assert result.stderr.strip() == "8 rows"
    assert json.loads(run(seeds_store, "who-leads", "火星探测", "--json").stdout) == []


def test_csv_has_a_bom_and_the_same_rows_as_json(seeds_store):
    result = cli("partners", "县卫生健康局", "-j", "盈江县", "--csv", "--db", seeds_store)
    assert result.exit_code == 0, result.output
    raw = result.stdout_bytes
    assert raw.startswith("\ufeff".encode("utf-8"))
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    want = rows(seeds_store, "partners", "县卫生健康局", "-j", "盈江县")
    assert table[0] == list(want[0])
    assert table[1:] == [[output.plain_text(v) for v in r.values()] for r in want]
    assert any("; " in line[-1] for line in table[1:])         # a list of role pairs in one cell


def test_text_only_rows_are_escaped_as_one_cell_at_a_time_would_be():
    """Rows whose cells are all text take the joined path; a tab, line break, CR or
    backslash in any of them, or a column a row lacks, must still come out escaped."""
    def tsv(columns, rows):
        fh = io.BytesIO()
        output._write_tsv(columns, rows, fh)
        return fh.getvalue().decode()

    plain = [{"a": "甲", "b": "乙"}, {"a": "丙", "b": "丁"}]
    assert tsv(["a", "b"], plain) == "a\tb\n甲\t乙\n丙\t丁\n"
    for cell, written in (("x\ty", "x\\ty"), ("x\ny", "x\\ny"), ("x\ry", "x\\ry"), ("x\\y", "x\\\\y")):
        assert tsv(["a", "b"], plain + [{"a": cell, "b": "z"}]) == f"a\tb\n甲\t乙\n丙\t丁\n{written}\tz\n"
    assert tsv(["a", "b"], [{"a": "甲"}]) == "a\tb\n甲\t\n"
    assert tsv(["a"], [{"a": "甲"}, {"a": "乙"}]) == "a\n甲\n乙\n"


def test_cells_keep_one_row_a_line():
    result = QueryResult(["a", "b", "c"], [
        {"a": "x\ty", "b": "line\nbreak\\", "c": [1.5, None]},
        {"a": None, "b": True, "c": float("nan")},
    ])
    fh = io.BytesIO()
    output._write_tsv(result.columns, result.rows, fh)
    assert fh.getvalue().decode() == "a\tb\tc\nx\\ty\tline\\nbreak\\\\\t1.5; \n\ttrue\tnan\n"
    fh = io.BytesIO()
    output._write_json(result.columns, result.rows, fh)
    assert json.loads(fh.getvalue()) == [{"a": "x\ty", "b": "line\nbreak\\", "c": [1.5, None]},
                                        {"a": None, "b": True, "c": None}]


@pytest.mark.parametrize("flags", [("--json", "--csv"), ("--csv", "--table"), ("--limit", "3", "--all")])
def test_clashing_flags_are_a_usage_error(seeds_store, flags):
    result = cli(*KUNMING, *flags, "--db", seeds_store)
    assert result.exit_code == 2
    assert "do not go together" in result.output


def _reading_commands():
    return [name for name in COMMANDS
            if any("--db" in p.opts for p in LazyGroup._find(name).params if isinstance(p, click.Option))
            and name not in ("load", "remove", "export", "push", "show", "matrix", "browser-guide")]


@pytest.mark.parametrize("name", _reading_commands())
def test_every_query_command_takes_csv_limit_and_all(name):
    opts = {o for p in LazyGroup._find(name).params for o in p.opts}
    assert {"--json", "--csv", "--table", "--limit", "--all"} <= opts, name


def test_ambiguous_candidates_are_listed_up_to_a_screenful(seeds_store, monkeypatch):
    # 卫生 fits five units of the seeds (test_queries.test_ambiguous_unit_names_its_candidates)
    from resp.cli import query_cmds

    result = cli("tasks", "卫生", "--db", seeds_store)
    assert result.exit_code == 2 and "5 candidates" in result.stderr
    monkeypatch.setattr(query_cmds, "DEFAULT_LIMIT", 2)
    result = cli("tasks", "卫生", "--db", seeds_store)
    assert result.exit_code == 2 and "the first 2 of 5 candidates" in result.stderr


def test_one_name_in_several_governments_says_how_to_keep_one(seeds_store):
    # 省卫生健康委 is the health commission of 云南省 (000) and of 青海省 (003)
    result = run(seeds_store, "tasks", "省卫生健康委", "--role", "lead")
    assert {line.split("\t")[2] for line in result.stdout.splitlines()[1:]} == {"云南省", "青海省"}
    assert "the units of 2 governments at once: --jurisdiction keeps one" in result.stderr
    one = run(seeds_store, "tasks", "省卫生健康委", "--role", "lead", "-j", "青海省")
    assert "governments at once" not in one.stderr


def test_a_long_topic_list_suggests_counting(seeds_store, monkeypatch):
    from resp.cli import query_cmds

    assert "--by function" not in run(seeds_store, "who-leads", "托育").stderr    # 78 rows
    monkeypatch.setattr(query_cmds, "COUNT_HINT", 50)
    assert run(seeds_store, "who-leads", "托育").stderr.strip() \
        == "78 rows; --by function counts them by kind of unit and place"
