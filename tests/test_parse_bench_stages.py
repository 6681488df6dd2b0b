"""bench/parse_bench.py --stages: the parse's CPU split among its stages, the parser left as it was."""
import shutil
from pathlib import Path

import resp.loader.parse as parse_module
import resp.loader.tasks as tasks_module

ROOT = Path(__file__).resolve().parent.parent


def test_stages_split_and_restore(tmp_path, capsys, bench_script):
    bench = bench_script("parse_bench")
    for seed in sorted((ROOT / "data" / "seeds").glob("*.txt"))[:2]:
        shutil.copy(seed, tmp_path / seed.name)
    before = (parse_module.find_tasks, tasks_module.READERS, tasks_module.prose_blocks)
    bench.corpus_cpu(tmp_path, bench.StageClock())
    out = capsys.readouterr().out
    assert "find_tasks" in out and "lines_of" in out and "readings that lost" in out
    assert (parse_module.find_tasks, tasks_module.READERS, tasks_module.prose_blocks) == before
