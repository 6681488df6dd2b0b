"""The full load parses in a process pool: the same store as a serial load, the same
progress, the same one-line errors; no pool for a few small files; the collector
comes back as it was. Outcomes only: the timings are bench/run.py's."""
from __future__ import annotations

import gc
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from resp import api

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"


@pytest.fixture
def pooled(monkeypatch):
    """Any number of files is worth a pool (the seeds are far below PARALLEL_BYTES)."""
    monkeypatch.setattr(api, "PARALLEL_BYTES", 0)


def _stored(db: str):
    with api.open_store(db) as store:
        return store.tables(), store.documents()


def test_a_parallel_load_gives_the_store_of_a_serial_one(tmp_path, pooled):
    serial = api.load([SEEDS], str(tmp_path / "serial.db"), workers=1)
    parallel = api.load([SEEDS], str(tmp_path / "parallel.db"), workers=2)
    assert parallel.loaded == serial.loaded and len(serial.loaded) == 5
    assert parallel.totals == serial.totals
    tables, records = _stored(str(tmp_path / "parallel.db"))
    assert (tables, records) == _stored(str(tmp_path / "serial.db"))
    assert len(records) == 5


def test_a_fresh_parallel_load_builds_while_parsing_and_gives_the_same_store(tmp_path, pooled, monkeypatch):
    """Into a fresh store, each record's part of the graph is built as the pool hands it
    over: no build from the whole list after the parse, and the store is a serial load's."""
    from resp.loader import graph

    folder = tmp_path / "plans"
    shutil.copytree(SEEDS, folder)
    shutil.copy(SEEDS / "000_12098509f6244aec.txt", folder / "005_again.txt")  # the same bytes again
    serial = api.load([folder], str(tmp_path / "serial.db"), workers=1)

    def refuse(*args, **kwargs):
        raise AssertionError("the graph was built again from the whole list")

    monkeypatch.setattr(graph, "build_tables", refuse)
    parallel = api.load([folder], str(tmp_path / "parallel.db"), workers=2)
    assert parallel.loaded == serial.loaded and len(parallel.loaded) == 5 and len(parallel.skipped) == 1
    assert parallel.totals == serial.totals and parallel.added == serial.added
    assert parallel.built_while_parsing_s > 0 == serial.built_while_parsing_s
    assert _stored(str(tmp_path / "parallel.db")) == _stored(str(tmp_path / "serial.db"))


def test_what_was_built_while_parsing_is_used_only_for_the_same_records(tmp_path):
    """A record the model refuses stops the building aside, and the load fails with the
    error a build from the records gives; records fed in another order are built again."""
    from resp.loader.parse import parse_file
    from resp.loader.records import Responsibility
    from resp.store import embedded

    docs = [parse_file(p) for p in sorted(SEEDS.glob("*.txt"))]
    fed = embedded.Prebuilt()
    for doc in docs:
        fed(doc)
    assert fed.builder_for(docs) is fed.builder and fed.builder_for(docs[::-1]) is None
    assert fed.builder_for(docs[:-1]) is None and sorted(fed.packed) == sorted(d.sha256 for d in docs)
    embedded.load_documents(docs[::-1], str(tmp_path / "reversed.db"), prebuilt=fed)
    embedded.load_documents(docs, str(tmp_path / "fed.db"), prebuilt=fed)
    assert _stored(str(tmp_path / "reversed.db")) == _stored(str(tmp_path / "fed.db"))

    docs[2].tasks[0].responsibilities.append(Responsibility("某局", "boss"))
    refused = embedded.Prebuilt()
    for doc in docs:
        refused(doc)
    assert refused.builder is None and refused.builder_for(docs) is None
    with pytest.raises(ValueError, match="002_.*unknown role 'boss'"):
        embedded.load_documents(docs, str(tmp_path / "t.db"), prebuilt=refused)
    assert not (tmp_path / "t.db").exists()


def test_parallel_progress_and_errors_name_each_file_in_order(tmp_path, pooled):
    folder = tmp_path / "plans"
    shutil.copytree(SEEDS, folder)
    (folder / "003_empty.txt").write_bytes(b"")
    (folder / "006_no_tasks.txt").write_text("一份没有任务的通知。\n", encoding="utf-8")
    told, errors = [], []
    report = api.load([folder], str(tmp_path / "t.db"), workers=2,
                      on_file=told.append, on_error=errors.append)
    files = api.collect_files([folder])
    assert told == files
    assert sorted(report.failed) == [str(folder / "003_empty.txt"), str(folder / "006_no_tasks.txt")]
    assert errors == [report.failed[str(folder / "003_empty.txt")],
                      report.failed[str(folder / "006_no_tasks.txt")]]
    for path, message in report.failed.items():
        assert message.startswith(path) and "\n" not in message
    assert report.loaded == [str(f) for f in files if str(f) not in report.failed]


def test_a_record_a_worker_refuses_is_one_line_and_the_others_load(tmp_path, pooled):
    folder = tmp_path / "plans"
    shutil.copytree(SEEDS, folder)
    (folder / "bad.txt.meta.json").write_text('{"level": "galaxy"}', encoding="utf-8")
    (folder / "bad.txt").write_bytes((SEEDS / "004_a10134946afdf1c5.txt").read_bytes() + b"\n")
    report = api.load([folder], str(tmp_path / "t.db"), workers=2)
    assert list(report.failed) == [str(folder / "bad.txt")]
    assert "level must be one of" in report.failed[str(folder / "bad.txt")]
    assert len(report.loaded) == 5


def test_one_small_document_starts_no_pool(tmp_path, monkeypatch):
    def no_pool():
        raise AssertionError("a pool was started for one small document")

    monkeypatch.setattr(api, "_fork_server", no_pool)
    report = api.load([SEEDS / "004_a10134946afdf1c5.txt"], str(tmp_path / "t.db"))
    assert len(report.loaded) == 1 and not report.failed


def test_the_collector_comes_back_as_it_was(tmp_path):
    assert gc.isenabled()
    api.load([SEEDS / "004_a10134946afdf1c5.txt"], str(tmp_path / "t.db"))
    assert gc.isenabled()
    with pytest.raises(api.StoreError):
        api.load([SEEDS / "004_a10134946afdf1c5.txt"], str(tmp_path / "no" / "such" / "t.db"))
    assert gc.isenabled()
    gc.disable()
    try:
        api.load([SEEDS / "004_a10134946afdf1c5.txt"], str(tmp_path / "t2.db"))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_script_without_a_main_guard_loads_once(tmp_path):
    """Workers do not run the caller's script again (a notebook-style script would
    otherwise load in every worker, or fail there)."""
    script = tmp_path / "plain.py"
    script.write_text(textwrap.dedent(f"""
        from resp import api
        api.PARALLEL_BYTES = 0
        report = api.load([{str(SEEDS)!r}], {str(tmp_path / 't.db')!r}, workers=2)
        print("loaded", len(report.loaded))
    """), encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n").count("loaded 5") == 1 and "Error" not in done.stderr


def test_quoted_fields_round_trip_through_a_parallel_copy(tmp_path):
    """Without a line break in any field, COPY reads the files in parallel: quotes,
    commas, brackets and backslashes still come back as they were."""
    from test_store import HOSTILE

    from resp.loader import graph
    from resp.loader.records import Responsibility, Task
    from resp.store import embedded

    hostile = [h for h in HOSTILE if "\n" not in h]
    tasks = [Task(str(i), h, h, [Responsibility(h + "局", "lead")], clause=h) for i, h in enumerate(hostile)]
    doc = api.Document("h.txt", "昆明市", "prefecture", implements=hostile, tasks=tasks, sha256="e" * 64)
    db = str(tmp_path / "h.db")
    embedded.load_documents([doc], db)
    with api.open_store(db) as store:
        assert store.tables() == graph.build_tables([doc])
        assert store.documents() == {"e" * 64: doc}


def test_copy_reads_in_parallel_only_files_of_one_row_a_line(tmp_path):
    from resp.store import embedded

    plain, broken = tmp_path / "plain.csv", tmp_path / "broken.csv"
    plain.write_bytes(b'key,text\r\na,"x,y"\r\nb,z\r\n')
    broken.write_bytes(b'key,text\r\na,"line1\nline2"\r\nb,z\r\n')
    assert embedded._one_row_a_line(str(plain), 2)
    assert not embedded._one_row_a_line(str(broken), 2)
    assert "parallel=false" in embedded.copy_statement("Task", str(broken), False)


def test_the_one_row_a_line_check_holds_one_chunk_at_a_time(tmp_path, monkeypatch):
    """A file longer than a chunk is counted across its chunks (a CRLF cut between two
    of them, a line break in a field far from the start), never read whole."""
    from resp.store import embedded

    monkeypatch.setattr(embedded, "CHECK_CHUNK", 7)
    rows = [b"k%d,text of row %d" % (i, i) for i in range(50)]
    plain, broken = tmp_path / "plain.csv", tmp_path / "broken.csv"
    plain.write_bytes(b"\r\n".join([b"key,text"] + rows) + b"\r\n")
    rows[40] = b'k40,"a\nb"'
    broken.write_bytes(b"\r\n".join([b"key,text"] + rows) + b"\r\n")
    reads = []
    real_open = open
    monkeypatch.setattr("builtins.open", lambda *a, **k: _Spy(real_open(*a, **k), reads))
    assert embedded._one_row_a_line(str(plain), 50)
    assert not embedded._one_row_a_line(str(broken), 50)
    assert reads and max(reads) <= 7


class _Spy:
    """A file whose reads are recorded by the size asked for."""

    def __init__(self, fh, reads):
        self.fh, self.reads = fh, reads

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.fh.close()

    def read(self, size=-1):
        self.reads.append(size if size >= 0 else float("inf"))
        return self.fh.read(size)


def test_a_pool_that_breaks_midway_still_gives_every_record_in_order():
    from concurrent.futures.process import BrokenProcessPool

    files = sorted(SEEDS.glob("*.txt"))

    def dies_after_two():
        yield from (api._parse_one(f, {}) for f in files[:2])
        raise BrokenProcessPool("a worker was killed")

    got = list(api._until_broken(dies_after_two(), files, {}))
    assert [doc.source for doc, _ in got] == [str(f) for f in files]


def test_a_pool_that_breaks_during_other_jobs_still_gives_every_result_in_order():
    from concurrent.futures.process import BrokenProcessPool

    items = list(range(6))

    def dies_after_two():
        yield from (i * i for i in items[:2])
        raise BrokenProcessPool("a worker was killed")

    assert list(api._until_broken(dies_after_two(), items, fn=lambda i: i * i)) == [i * i for i in items]


def test_the_pool_scores_carries_and_ends_before_the_store_is_written(tmp_path, pooled, monkeypatch):
    """The load's workers run the CARRIES jobs, and are gone once their rows are in:
    the store is written with no worker left (their memory given back)."""
    from resp.store import embedded

    seen = {}
    pools = []
    real_init = api._Processes.__init__

    def remember(self, count):
        real_init(self, count)
        pools.append(self)

    def write(*args, **kwargs):
        seen["workers while writing"] = [len(p.pool._processes or {}) for p in pools]
        return real_write(*args, **kwargs)

    real_write = embedded.write_store
    monkeypatch.setattr(api._Processes, "__init__", remember)
    monkeypatch.setattr(embedded, "write_store", write)
    report = api.load([SEEDS], str(tmp_path / "t.db"), workers=2)
    assert report.totals["CARRIES"] > 0 and len(pools) == 1
    assert seen["workers while writing"] == [0]
    serial = api.load([SEEDS], str(tmp_path / "s.db"), workers=1)
    assert _stored(str(tmp_path / "t.db")) == _stored(str(tmp_path / "s.db")) and serial.totals == report.totals
