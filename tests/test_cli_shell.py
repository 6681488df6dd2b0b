"""cli/ is only a shell over resp.api: it imports no database driver and no store module."""
import ast
import subprocess
import sys
from pathlib import Path

import pytest

CLI = Path(__file__).resolve().parent.parent / "cli"
# a database driver, or the store modules that hold one
FORBIDDEN = ("ladybug", "neo4j", "resp.store.embedded", "resp.store.bolt")


def _imports(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


@pytest.mark.parametrize("path", sorted(CLI.glob("*.py")), ids=lambda p: p.name)
def test_cli_module_imports_no_database_driver(path):
    bad = [name for name in _imports(path)
           if any(name == f or name.startswith(f + ".") for f in FORBIDDEN)]
    assert bad == [], f"{path.name} imports {bad}: call resp.api instead"


def test_the_forbidden_list_catches_a_driver_import(tmp_path):
    fake = tmp_path / "x.py"
    fake.write_text("def f():\n    import ladybug\n    from neo4j import GraphDatabase\n", encoding="utf-8")
    assert list(_imports(fake))[:2] == ["ladybug", "neo4j"]


def test_every_command_loads_without_a_driver():
    code = ("import sys; from resp.cli.main import COMMANDS, LazyGroup; "
            "[LazyGroup._find(n) for n in COMMANDS]; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('ladybug', 'neo4j')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
