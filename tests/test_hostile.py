"""Hostile and careless inputs: what an attacker or a tired analyst would try.

Each test names the guarantee it proves (docs/reliability.md lists them): ad-hoc
Cypher is checked by an allow-list before any engine sees it; every input is bounded;
parameters and JSON output are always well-formed or a one-line error; nothing from
the environment changes a statement's text; a failed load leaves only the old store.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import textwrap
import zipfile
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from resp.cli.main import main
from resp.loader.records import Document, ParseError, Responsibility, Task
from resp.queries.guard import READ_ONLY_CALLS, Refused, check

REPO = Path(__file__).resolve().parent.parent
SEEDS = sorted((REPO / "data" / "seeds").glob("*.txt"))
SEED_004 = REPO / "data" / "seeds" / "004_a10134946afdf1c5.txt"


def resp(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env)


def one_line_error(result) -> str:
    """The error output, asserted to be one line with no traceback."""
    text = result.output.strip()
    assert "Traceback" not in text, text
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith(("Usage:", "Try "))]
    assert len(lines) == 1, text
    return lines[0]


# ---------------------------------------------------------------- the Cypher allow-list

REFUSED_ALWAYS = {
    "CHECKPOINT": "CHECKPOINT",
    "LOAD EXTENSION '/tmp/x.so'": "LOAD",
    "INSTALL httpfs FROM 'http://127.0.0.1:1/'": "INSTALL",
    "COPY (MATCH (u:Unit) RETURN u.name) TO '/tmp/out.csv'": "COPY",
    "COPY Unit FROM '/tmp/in.csv'": "COPY",
    "EXPORT DATABASE '/tmp/dump'": "EXPORT DATABASE",
    "IMPORT DATABASE '/tmp/dump'": "IMPORT DATABASE",
    "LOAD FROM '/etc/passwd' (file_format='csv', header=false, delim=':') RETURN column0": "LOAD",
    "MATCH (u:Unit) WITH u LOAD FROM '/etc/passwd' RETURN *": "LOAD",
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line": "LOAD",
    "ATTACH '/tmp/other.db' AS other (dbtype lbug)": "ATTACH",
    "DETACH other": "DETACH",
    "BEGIN TRANSACTION": "transaction",
    "COMMIT": "transaction",
    "ROLLBACK": "transaction",
    "CALL { MATCH (u:Unit) SET u.x = 1 } IN TRANSACTIONS": "transaction",
    "CREATE NODE TABLE X(id INT64, PRIMARY KEY(id))": "DDL",
    "CREATE INDEX FOR (n:Unit) ON (n.name)": "DDL",
    "DROP TABLE Unit": "DDL",
    "ALTER TABLE Unit ADD x INT64": "DDL",
    "CALL threads=1": "setting",
    "CALL project_graph('g', ['Unit'], ['LEADS'])": "not a named read-only function",
    "CALL apoc.export.csv.all('/tmp/x.csv', {})": "not a named read-only function",
    "USE other MATCH (n) RETURN n": "USE",
    "SHOW DATABASES": "SHOW",
    # hidden behind another statement, a comment, EXPLAIN, lower case, a star
    "MATCH (n) RETURN count(n); CHECKPOINT": "CHECKPOINT",
    "MATCH (n) RETURN n // a comment\n; checkpoint": "CHECKPOINT",
    "/* read */ COPY Unit FROM '/tmp/in.csv'": "COPY",
    "EXPLAIN COPY Unit FROM '/tmp/in.csv'": "COPY",
    "PROFILE CHECKPOINT": "CHECKPOINT",
    "WITH * COPY (RETURN 1) TO '/tmp/x.csv'": "COPY",
    "RETURN 1 AS x CHECKPOINT": "CHECKPOINT",
    "RETURN 1CHECKPOINT": "CHECKPOINT",
    "RETURN 1.5e3CHECKPOINT": "CHECKPOINT",
    "RETURN 'unclosed": "unclosed",
    "": "empty",
}


@pytest.mark.parametrize("statement", list(REFUSED_ALWAYS))
@pytest.mark.parametrize("write", [False, True])
def test_the_checker_refuses_files_extensions_maintenance_transactions_and_ddl(statement, write):
    with pytest.raises(Refused) as info:
        check(statement, write=write)
    message = str(info.value)
    assert "\n" not in message
    assert REFUSED_ALWAYS[statement].lower() in message.lower()
    assert not info.value.needs_write


WRITES = [
    "CREATE (u:Unit {key: 'x', name: 'x'})",
    "create (u:Unit {key: 'x'})",
    "MERGE (u:Unit {key: 'x'}) ON CREATE SET u.name = 'x' ON MATCH SET u.name = 'y'",
    "MATCH (u:Unit) SET u.name = 'x'",
    "MATCH (u:Unit) DELETE u",
    "MATCH (u:Unit) DETACH DELETE u",
    "MATCH (u:Unit) REMOVE u.name",
    "UNWIND [1] AS x CALL { WITH x CREATE (:Unit {key: 'k'}) }",
    "WITH * CREATE (u:Unit {key: 'x'})",
    "MATCH (u:Unit) RETURN u UNION MATCH (u:Unit) SET u.x = 1 RETURN u",
]


@pytest.mark.parametrize("statement", WRITES)
def test_graph_writes_need_write(statement):
    with pytest.raises(Refused) as info:
        check(statement)
    assert info.value.needs_write and "--write" in str(info.value)
    check(statement, write=True)


READS = [
    "MATCH (u:Unit) RETURN count(u) AS units",
    "MATCH (u:Unit) WHERE u.name CONTAINS $q RETURN u.name",
    "OPTIONAL MATCH (u:Unit)-[:LEADS]->(t:Task) WITH u, count(t) AS n "
    "RETURN u.name AS copy, n ORDER BY n DESC, `copy` SKIP 1 LIMIT 5",
    "MATCH (a:Unit)-[r:LEADS*1..2]->(b) WHERE a.name STARTS WITH 'x' AND NOT b.text IS NULL RETURN a, r, b",
    "UNWIND $xs AS x RETURN x UNION ALL RETURN 1 AS x",
    "RETURN 1.5e3 AS a, 2E-3 AS b, 0x1F AS c, -1 AS d",
    "RETURN CASE WHEN 1 > 2 THEN 'a' ELSE 'b' END AS x, [y IN [1, 2] WHERE y > 1 | y * 2] AS l, {a: 1} AS m",
    "RETURN 'a string that says CHECKPOINT; COPY x FROM y' AS s, `LOAD` AS name",
    "MATCH (u:Unit) WHERE EXISTS { MATCH (u)-[:LEADS]->() } RETURN u.`key`",
    "CALL show_tables() RETURN *",
    "CALL table_info('Unit') RETURN *",
    "CALL db.labels() YIELD label RETURN label",
    "MATCH (n) RETURN count(*);",
]


@pytest.mark.parametrize("statement", READS)
def test_reading_statements_pass(statement):
    check(statement)


def test_every_canned_query_passes_the_checker():
    from resp.queries import catalog

    for query in catalog.all_queries():
        check(query.text)  # what `resp queries NAME` prints can be pasted into `resp cypher`


def test_the_read_only_functions_are_one_documented_list():
    assert "show_tables" in READ_ONLY_CALLS and "db.labels" in READ_ONLY_CALLS
    assert not {"load_from", "project_graph", "checkpoint"} & READ_ONLY_CALLS
    doc = (REPO / "docs" / "reliability.md").read_text(encoding="utf-8").lower()
    assert "read_only_calls" in doc
    assert [name for name in READ_ONLY_CALLS if f"`{name}`" not in doc] == []


# ---------------------------------------------------------------- bounded input


def test_a_fifo_is_refused_at_once(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = resp("parse", fifo)  # without the check this blocks for ever
    assert result.exit_code == 1
    assert one_line_error(result).endswith("pipe.txt: not a regular file: a FIFO (named pipe)")


def test_a_device_and_a_socket_are_refused(tmp_path):
    from resp.loader.read import read_bytes

    with pytest.raises(ParseError, match="a character device"):
        read_bytes("/dev/zero", "/dev/zero")
    path = tmp_path / "s.sock"
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(path))
        with pytest.raises(ParseError, match="a socket"):
            read_bytes(path, str(path))
    finally:
        sock.close()


def test_a_fifo_as_a_metadata_sidecar_is_refused(tmp_path):
    doc = tmp_path / "plan.txt"
    shutil.copy(SEED_004, doc)
    os.mkfifo(tmp_path / "plan.txt.meta.json")
    result = resp("parse", doc)
    assert result.exit_code == 1
    assert "not a regular file: a FIFO" in one_line_error(result)


def test_a_document_over_the_limit_is_refused_and_max_bytes_changes_it(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(SEED_004.read_bytes())
    size = big.stat().st_size
    result = resp("parse", big, "--max-bytes", "1K")
    assert result.exit_code == 1
    assert "too large" in one_line_error(result) and "--max-bytes" in result.output
    assert resp("parse", big, "--max-bytes", str(size)).exit_code == 0
    assert resp("parse", big, "--max-bytes", "nonsense").exit_code == 2


def test_the_default_limit_refuses_nine_megabytes(tmp_path):
    from resp.loader.read import DEFAULT_MAX_BYTES

    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(DEFAULT_MAX_BYTES + 1)  # sparse: costs no disk
    result = resp("parse", big)
    assert result.exit_code == 1 and "too large" in one_line_error(result)


def _docx_bomb(path: Path, unpacked: int) -> None:
    """A valid .docx plus one member of `unpacked` zero bytes (compressed ~1000:1)."""
    import docx

    plain = path.with_name("plain.docx")
    document = docx.Document()
    document.add_paragraph("1.推进托育服务。牵头单位:县卫生健康局")
    document.save(plain)
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        with dst.open("word/media/zeros.bin", "w", force_zip64=True) as fh:
            for _ in range(unpacked // 2**24):
                fh.write(bytes(2**24))


def test_a_docx_that_unpacks_to_a_gigabyte_is_refused_unread(tmp_path):
    bomb = tmp_path / "bomb.docx"
    _docx_bomb(bomb, 2**30)
    assert bomb.stat().st_size < 2 * 2**20
    result = resp("parse", bomb)
    assert result.exit_code == 1
    assert "its parts unpack to 1024." in one_line_error(result)


def test_a_pdf_whose_stream_inflates_to_a_gigabyte_is_refused(tmp_path):
    pack = zlib.compressobj(9)
    body = b"".join(pack.compress(bytes(2**24)) for _ in range(64)) + pack.flush()
    pdf = (b"%PDF-1.4\n1 0 obj\n<< /Length " + str(len(body)).encode() + b" /Filter /FlateDecode >>\n"
           b"stream\n" + body + b"\nendstream\nendobj\ntrailer\n<< >>\n%%EOF\n")
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(pdf)
    result = resp("parse", bomb)
    assert result.exit_code == 1
    assert "compressed streams inflate to over" in one_line_error(result)


def _peak_mb(code: str) -> tuple[float, str]:
    """Peak resident memory (MB) of a child Python running code, plus that of its largest
    child; and what it printed."""
    # VmHWM, not RUSAGE_SELF: Linux carries the forking parent's (pytest's) peak across exec
    probe = code + textwrap.dedent("""
        import re, resource
        own = int(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1))
        print(own + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)""")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return int(out.stdout.split()[-1]) / 1024, out.stdout


def _dense_pdf(path: Path) -> None:
    """A 7 MB one-page PDF of nothing but text operators, uncompressed (2 million characters)."""
    ops = b"BT /F1 1 Tf " + b" ".join(b"1 0 0 1 %d %d Tm (ABCDEFGHIJ) Tj" % (i % 500, i // 500)
                                    for i in range(200000)) + b" ET"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(ops) + ops + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = b"%PDF-1.4\n", []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 6\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    path.write_bytes(out + b"trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref)


def test_a_pdf_drawing_millions_of_characters_is_refused_within_the_memory_bound(tmp_path):
    pdf = tmp_path / "dense.pdf"
    _dense_pdf(pdf)
    code = textwrap.dedent(f"""
        from resp.loader.parse import parse_file
        from resp.loader.records import ParseError
        try:
            parse_file({str(pdf)!r})
        except ParseError as exc:
            print(exc)
        """)
    peak, printed = _peak_mb(code)
    assert "the PDF needs more than 320 MB of memory to read" in printed
    assert peak < 500


def _plan_text(path: Path, tasks: int, per_task: int, units: int, size: int = 0) -> None:
    """A plan of nothing but tasks, each naming per_task units out of `units`, each task's
    text padded so the file has about `size` bytes: the parser's and the loader's costliest input."""
    pad = "推进" * max(0, (size // max(1, tasks) - 14 * per_task - 40) // 6)
    lines = ["盈江县人民政府办公室关于印发重点任务分工方案的通知", "盈发〔2023〕8号"]
    u = 0
    for n in range(tasks):
        if n % 199 == 0:
            lines.append(f"{'一二三四五六七八九十'[n // 199 % 10]}、第{n // 199 + 1}部分")
        names = [f"县第{(u := u + 1) % units}局" for _ in range(per_task)]
        lines.append(f"{n % 199 + 1}.{pad}第{n}项托育服务。(牵头单位:{names[0]};配合单位:{'、'.join(names[1:])})")
    path.write_text("\n".join(lines), encoding="utf-8")


SHAPES = {  # the limits of loader/parse.py reached in two ways
    "long texts": dict(tasks=19_900, per_task=3, units=4_990, size=8_000_000),
    "many units": dict(tasks=1_490, per_task=40, units=4_990),
}


@pytest.mark.parametrize("load", [False, True], ids=["parse", "load into an empty store"])
@pytest.mark.parametrize("shape", list(SHAPES))
def test_one_document_at_the_limits_stays_under_500_mb(tmp_path, shape, load):
    from resp.loader.read import DEFAULT_MAX_BYTES

    plan = tmp_path / "plan.txt"
    _plan_text(plan, **SHAPES[shape])
    assert plan.stat().st_size <= DEFAULT_MAX_BYTES
    code = f"from resp.loader.parse import parse_file\ndoc = parse_file({str(plan)!r})\n"
    if load:
        code += f"from resp.store.embedded import load_documents\nload_documents([doc], {str(tmp_path / 'x.db')!r})\n"
    assert _peak_mb(code)[0] < 500


@pytest.mark.parametrize("tasks, per_task, units, what", [
    (20_001, 1, 10, "20,001 tasks"), (200, 30, 6_000, "6,000 distinct units"),
    (1_600, 40, 100, "64,000 unit roles")])
def test_a_text_far_beyond_any_plan_is_refused(tmp_path, tasks, per_task, units, what):
    plan = tmp_path / "plan.txt"
    _plan_text(plan, tasks, per_task, units)
    result = resp("parse", plan)
    assert result.exit_code == 1
    assert f"not a plausible plan: {what}" in one_line_error(result)


# ---------------------------------------------------------------- parameters, JSON, arguments


@pytest.mark.parametrize("value, expected", [
    ('[1,2.5]', [1.0, 2.5]),
    ('["a","b"]', ["a", "b"]),
    ('{"a":1,"b":[1,2]}', {"a": 1, "b": [1, 2]}),
    ('[[1],[2,3]]', [[1], [2, 3]]),
    ('null', None),
    ('true', True),
    ('9223372036854775807', 9223372036854775807),
])
def test_parameters_of_any_json_shape_work(seeds_store, value, expected):
    result = resp("cypher", "RETURN $q AS q", "-p", f"q:={value}", "--db", seeds_store, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"q": expected}]


@pytest.mark.parametrize("value", [
    '[1,"a"]', '[{"a":1},{"b":2}]', '[true,1]', '1e400', '-1e400', 'NaN', 'Infinity',
    '9223372036854775808', '[[1],["a"]]', '{"a":[1,"x"]}', '{', '',
])
def test_parameters_the_engines_cannot_take_are_one_line_errors(seeds_store, value):
    result = resp("cypher", "RETURN $q AS q", "-p", f"q:={value}", "--db", seeds_store, "--json")
    assert result.exit_code == 2
    assert "-p" in one_line_error(result)


@pytest.mark.parametrize("value", ['[]', '[null]', '{"a":null}', '[[]]'])
def test_values_the_engine_cannot_type_are_one_line_errors(seeds_store, value):
    result = resp("cypher", "RETURN $q AS q", "-p", f"q:={value}", "--db", seeds_store, "--json")
    if result.exit_code == 0:
        json.loads(result.stdout)
    else:
        assert result.exit_code == 1
        one_line_error(result)


def test_json_output_is_rfc_8259_even_for_infinity(seeds_store):
    result = resp("cypher", "RETURN 1.0/0 AS inf, -1.0/0 AS ninf, 1.5 AS x", "--db", seeds_store, "--json")
    assert result.exit_code == 0, result.output

    def strict(name):
        raise ValueError(name)
    assert json.loads(result.stdout, parse_constant=strict) == [{"inf": None, "ninf": None, "x": 1.5}]


def test_an_argument_that_is_not_utf8_is_a_one_line_error(seeds_store):
    bad = b"MATCH (u:Unit) WHERE u.name = '\xff' RETURN u".decode("utf-8", "surrogateescape")
    result = resp("cypher", bad, "--db", seeds_store)
    assert result.exit_code == 2
    assert "not valid UTF-8" in one_line_error(result)
    result = resp("who-leads", b"\xb6\xf9".decode("utf-8", "surrogateescape"), "--db", seeds_store)
    assert result.exit_code == 2 and "not valid UTF-8" in one_line_error(result)


@pytest.mark.parametrize("uri", ["http://127.0.0.1:7699", "https://example.org", "localhost:7687"])
def test_a_neo4j_address_that_is_not_bolt_is_a_one_line_error(seeds_store, uri):
    result = resp("push", "--db", seeds_store, env={"NEO4J_URI": uri})
    assert result.exit_code == 1
    assert "is not Bolt: use bolt://" in one_line_error(result)


# ---------------------------------------------------------------- the write path


def _plan(i: int, implements: list[str]) -> Document:
    return Document(
        source=f"/plans/{i:03d}.txt", jurisdiction="盈江县", level="county",
        parent_jurisdictions=["德宏州", "云南省"], issued="2023-04-23",
        number=f"盈发〔2023〕{i}号", implements=implements,
        tasks=[Task("1", None, f"推进第{i}项托育服务。", [Responsibility("县卫生健康局", "lead")])],
        title=f"方案{i}", sha256=f"{i:064x}")


def test_a_multi_item_list_after_row_256_loads(tmp_path):
    """LadybugDB's COPY used to guess CSV quoting from the first 256 rows only."""
    from resp.store.embedded import EmbeddedStore, load_documents

    many = ["中发〔2021〕30号", "云发〔2022〕28号", "德发〔2022〕38号"]
    docs = [_plan(i, ["中发〔2021〕30号"]) for i in range(299)] + [_plan(299, many)]
    db = str(tmp_path / "many.db")
    load_documents(docs, db)
    with EmbeddedStore(db) as store:
        rows = store.run("MATCH (d:Document) WHERE d.id = $id RETURN d.implements AS i",
                         {"id": f"{299:064x}"}).rows
    assert rows == [{"i": many}]


def test_a_temporary_folder_or_store_path_with_quotes_works(tmp_path, monkeypatch):
    odd = tmp_path / "it's \"odd\" \\ $x {}\n中"
    odd.mkdir()
    monkeypatch.setenv("TMPDIR", str(odd))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
    db = odd / "the 'store'.db"
    result = resp("load", SEED_004, "--db", db)
    assert result.exit_code == 0, result.output
    result = resp("cypher", "MATCH (d:Document) RETURN d.implements AS i", "--db", db, "--json")
    assert json.loads(result.stdout) == [{"i": ["中发〔2021〕30号", "云发〔2022〕28号", "德发〔2022〕38号"]}]
    assert sorted(p.name for p in odd.iterdir()) == ["the 'store'.db"]


@pytest.fixture
def small_disk(tmp_path):
    """A 4 MB file system (tmpfs): room for one seed's store, not for all five."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4M", "tmpfs", str(mount)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def test_a_full_disk_leaves_only_the_old_store_and_says_so(small_disk):
    db = small_disk / "s.db"
    assert resp("load", SEEDS[0], "--db", db).exit_code == 0
    before = db.read_bytes()
    result = resp("load", REPO / "data" / "seeds", "--db", db)
    assert result.exit_code == 1
    line = one_line_error(result)
    assert line == f"Error: the load failed while writing the store: the disk is full (writing {small_disk}); " \
                   f"the store {db} is as it was"
    assert "durable" not in line
    assert db.read_bytes() == before
    assert sorted(p.name for p in small_disk.iterdir()) == ["s.db"]


def test_a_failed_first_load_leaves_nothing(small_disk, monkeypatch):
    from resp.store import embedded

    def full(*args):
        raise OSError(28, "No space left on device", str(small_disk / "x"))
    monkeypatch.setattr(embedded, "_fsync", full)
    result = resp("load", SEEDS[0], "--db", small_disk / "new.db")
    assert result.exit_code == 1
    assert "the disk is full" in one_line_error(result) and "no store was created" in result.output
    assert list(small_disk.iterdir()) == []


# ---------------------------------------------------------------- the checker in front of every engine

EXTENSION_C = r"""
#include <stdio.h>
__attribute__((constructor)) static void ran(void) {
    FILE *f = fopen(MARKER, "w");
    if (f) { fputs("native code ran", f); fclose(f); }
}
"""


@pytest.fixture
def extension(tmp_path):
    """A real shared library whose constructor writes a marker file when it is loaded."""
    if shutil.which("gcc") is None:
        pytest.skip("no C compiler")
    marker = tmp_path / "marker"
    source = tmp_path / "ext.c"
    source.write_text(EXTENSION_C)
    lib = tmp_path / "ext.so"
    subprocess.run(["gcc", "-shared", "-fPIC", f'-DMARKER="{marker}"', "-o", str(lib), str(source)],
                   check=True)
    return lib, marker


def _copied_store(seeds_store, tmp_path) -> Path:
    db = tmp_path / "s.db"
    shutil.copy(seeds_store, db)
    return db


@pytest.mark.parametrize("write", [False, True])
def test_load_extension_never_runs_native_code(seeds_store, tmp_path, extension, write):
    lib, marker = extension
    db = _copied_store(seeds_store, tmp_path)
    result = resp("cypher", f"LOAD EXTENSION '{lib}'", "--db", db, *(["--write"] if write else []))
    assert result.exit_code == 1
    assert one_line_error(result).startswith("Error: refused: LOAD")
    assert not marker.exists()


def test_the_checker_refuses_before_the_engine_sees_the_statement(seeds_store, tmp_path, monkeypatch):
    from resp.store import embedded

    seen = []
    monkeypatch.setattr(embedded.EmbeddedStore, "run", lambda self, c, p=None: seen.append(c))
    monkeypatch.setattr(embedded, "run_in_place", lambda c, *a, **k: seen.append(c))
    db = _copied_store(seeds_store, tmp_path)
    for statement in REFUSED_ALWAYS:
        for write in ([], ["--write"]):
            result = resp("cypher", statement, "--db", db, *write)
            assert result.exit_code == 1 and "refused:" in one_line_error(result), statement
    assert seen == []


def test_checkpoint_leaves_the_store_readable(seeds_store, tmp_path):
    db = _copied_store(seeds_store, tmp_path)
    result = resp("cypher", "CHECKPOINT", "--db", db)
    assert one_line_error(result) == ("Error: refused: CHECKPOINT (database maintenance) is not allowed "
                                      "in `resp cypher`, with or without --write")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.db"]
    assert resp("stats", "--db", db).exit_code == 0


def test_files_are_neither_read_nor_written(seeds_store, tmp_path):
    db = _copied_store(seeds_store, tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0\n")
    out = tmp_path / "out.csv"
    for statement in (f"LOAD FROM '{secret}' (file_format='csv', header=false, delim=':') RETURN column0",
                      f"COPY (MATCH (u:Unit) RETURN u.name) TO '{out}'",
                      f"EXPORT DATABASE '{tmp_path / 'dump'}'"):
        result = resp("cypher", statement, "--db", db, "--json")
        assert result.exit_code == 1 and "root" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.db", "secret.txt"]


def test_a_read_still_answers_and_a_write_needs_write(seeds_store, tmp_path):
    db = _copied_store(seeds_store, tmp_path)
    result = resp("cypher", "CALL show_tables() RETURN count(*) AS n", "--db", db, "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)[0]["n"] > 5
    result = resp("cypher", "MATCH (u:Unit) SET u.name = 'x'", "--db", db)
    assert one_line_error(result) == "Error: refused: SET writes to the store; add --write to allow it"


# ---------------------------------------------------------------- folders


def test_skipped_links_and_pipes_in_a_folder_are_reported(tmp_path):
    folder = tmp_path / "plans"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(SEED_004, folder / "sub" / "004.txt")
    (folder / "sub" / "up").symlink_to("..")
    (folder / "self").symlink_to("self")
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(folder / "pipe.txt")
    result = resp("load", folder, "--db", tmp_path / "s.db")
    assert result.exit_code == 0, result.output
    skipped = sorted(ln for ln in result.output.splitlines() if ln.startswith("skipped"))
    assert skipped == [
        f"skipped {folder / 'gone.txt'}: a dangling symbolic link",
        f"skipped {folder / 'pipe.txt'}: not a regular file (a FIFO, device or socket)",
        f"skipped {folder / 'self'}: a symbolic link loop",
        f"skipped {folder / 'sub' / 'up'}: a symbolic link loop (to a folder above it)",
    ]
    assert "1 loaded" in result.output


def test_over_neo4j_the_same_check_comes_first(bolt_server, seeds_store, monkeypatch):
    from resp.store import bolt

    assert resp("push", "--db", seeds_store, env=bolt_server.env()).exit_code == 0
    ok = resp("cypher", "--neo4j", "--json", "MATCH (d:Document) RETURN count(d) AS n", env=bolt_server.env())
    assert ok.exit_code == 0 and json.loads(ok.stdout) == [{"n": len(SEEDS)}]
    seen = []
    for name in ("run", "run_read_only", "run_write", "classify"):
        monkeypatch.setattr(bolt.BoltStore, name, lambda self, c, p=None: seen.append(c))
    for statement in ("LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line", "CREATE INDEX FOR (n:Unit) ON (n.name)",
                      "CALL apoc.export.csv.all('/tmp/x.csv', {})", "MATCH (n) DETACH DELETE n"):
        result = resp("cypher", "--neo4j", statement, env=bolt_server.env())
        assert result.exit_code == 1 and "refused:" in one_line_error(result)
    assert seen == []


def test_what_a_killed_load_left_is_swept_by_the_next(tmp_path):
    dead = 2**22 + 12345  # above the kernel's pid_max default of 2**22: never alive
    (tmp_path / f"s.db.tmp-{dead}.csv-x1").mkdir()
    (tmp_path / f"s.db.tmp-{dead}.csv-x1" / "Unit.csv").write_text("key\n")
    (tmp_path / f"s.db.tmp-{dead}.shadow").write_bytes(b"\0")
    (tmp_path / f"s.db.tmp-{dead}").write_bytes(b"\0")
    assert resp("load", SEED_004, "--db", tmp_path / "s.db").exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.db"]


def test_a_parser_bug_on_one_file_is_a_one_line_error_and_the_others_go_on(tmp_path, monkeypatch):
    """A parser bug (here raised on purpose by one plan's text) names that file; a batch keeps the rest."""
    from resp.loader import parse as parse_module

    readers = parse_module.find_tasks

    def buggy(lines, conventions):
        if any("BUG-TRIGGER" in ln.text for ln in lines):
            return next(iter([]))  # StopIteration, as loader/cellrows.py once raised
        return readers(lines, conventions)
    monkeypatch.setattr(parse_module, "find_tasks", buggy)
    bad = tmp_path / "bad.txt"
    bad.write_text(SEED_004.read_text(encoding="utf-8") + "\nBUG-TRIGGER\n", encoding="utf-8")
    result = resp("parse", bad, SEEDS[0], "--json")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"{bad}: the parser failed on this file (StopIteration at test_hostile.py:" in result.output
    assert f'"source": "{SEEDS[0]}"' in result.output
    loaded = resp("load", bad, SEEDS[0], "--db", tmp_path / "s.db")
    assert loaded.exit_code == 1 and "the parser failed on this file" in loaded.output
    listed = resp("documents", "--db", tmp_path / "s.db", "--json").output
    assert listed.count('"file": ') == 1 and f'"file": "{SEEDS[0]}"' in listed
