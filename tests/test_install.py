"""A plain `pip install .` (not editable) into a fresh venv gives a working `resp`.

The installed command must find its data (grammar, divisions, unit tables) and its
canned queries from the wheel, not from this checkout, so it runs from another folder.
"""
from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_install_finds_queries_and_data(tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    pip = env_dir / "bin" / "pip"
    subprocess.run([str(pip), "install", "--quiet", str(ROOT)], check=True, timeout=900)
    resp = env_dir / "bin" / "resp"
    work = tmp_path / "elsewhere"
    work.mkdir()
    seed = ROOT / "data" / "seeds" / "004_a10134946afdf1c5.txt"
    parsed = subprocess.run([str(resp), "parse", str(seed), "--json"], cwd=work, capture_output=True,
                            text=True, timeout=120, check=True)
    doc = json.loads(parsed.stdout)[0]
    assert doc["jurisdiction"] == "盈江县" and len(doc["tasks"]) == 29
    subprocess.run([str(resp), "load", str(ROOT / "data" / "seeds"), "--db", str(work / "s.db")], cwd=work,
                   capture_output=True, timeout=300, check=True)
    leads = subprocess.run([str(resp), "who-leads", "托育", "--db", str(work / "s.db"), "--json"], cwd=work,
                           capture_output=True, text=True, timeout=120, check=True)
    assert json.loads(leads.stdout)
    listed = subprocess.run([str(resp), "queries"], cwd=work, capture_output=True, text=True, timeout=120,
                            check=True)
    assert "who_leads" in listed.stdout
    module = subprocess.run([str(env_dir / "bin" / "python"), "-c", "import resp.loader.parse as m; print(m.__file__)"],
                            cwd=work, capture_output=True, text=True, check=True)
    assert str(ROOT) not in module.stdout and sys.prefix not in module.stdout
