"""Do two checkouts of resp parse every plan we hold into the same records, byte for byte?

    python bench/same_records.py --ref /tmp/main_tree [--corpus DIR ...]

A speed-up of the parse must change no record. This parses every text fixture
(tests/fixtures/**), the seeds, the realdocs raw texts, the staged real sets
(/work/staging/real/*/raw) and any --corpus folder twice, once with the modules of this
checkout and once with those of the reference tree (`git archive main | tar -x -C DIR`),
each in its own process, and compares the JSON dumps of the records (or the refusal)
file by file. Exit status 1 and the differing files named when any differ.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
PACKAGES = ("api", "cli", "data", "loader", "pictures", "queries", "store")
STAGED = (Path("/work/shared/realdocs/raw"), *sorted(Path("/work/staging/real").glob("*/raw")))


def plan_files(extra: list[Path]) -> list[Path]:
    """Every plan text the check parses, in a fixed order."""
    found = sorted((HERE / "tests" / "fixtures").rglob("*.txt"))
    found += sorted((HERE / "data" / "seeds").glob("*.txt"))
    for folder in (*STAGED, *extra):
        if folder.is_dir():
            found += sorted(p for p in folder.iterdir() if p.is_file() and not p.name.endswith(".meta.json"))
    return found


def use_tree(tree: Path, scratch: Path) -> None:
    """Import `resp` from another checkout: a `resp/` folder of links to its stage folders, put first."""
    pkg = scratch / "resp"
    pkg.mkdir()
    for name in PACKAGES:
        (pkg / name).symlink_to(tree / name)
    sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in type(f).__module__ + getattr(f, "__name__", "")]
    sys.path.insert(0, str(scratch))


def dump(files: list[Path], out: Path) -> None:
    """One JSON line a file: its record, or the refusal's message."""
    from resp.loader.parse import parse_file
    from resp.loader.records import ParseError

    with out.open("w", encoding="utf-8") as fh:
        for f in files:
            try:
                got = parse_file(f).to_json()
            except ParseError as exc:
                got = {"refused": str(exc)}
            fh.write(json.dumps(got, ensure_ascii=False, sort_keys=True) + "\n")


def run_dump(tree: Path | None, listing: Path, out: Path) -> None:
    """A dump in its own process (the two checkouts' modules never meet)."""
    cmd = [sys.executable, __file__, "--dump", str(out), "--files", str(listing)]
    subprocess.run(cmd + (["--tree", str(tree)] if tree else []), check=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--ref", type=Path, help="the reference checkout (main)")
    ap.add_argument("--corpus", type=Path, action="append", default=[], help="another folder of plans to compare")
    ap.add_argument("--dump", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--files", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--tree", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.dump:
        with tempfile.TemporaryDirectory() as scratch:
            if args.tree:
                use_tree(args.tree.resolve(), Path(scratch))
            dump([Path(p) for p in args.files.read_text(encoding="utf-8").splitlines()], args.dump)
        return 0
    if not args.ref:
        ap.error("--ref is required")
    files = plan_files(args.corpus)
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        (work / "files").write_text("\n".join(map(str, files)), encoding="utf-8")
        run_dump(args.ref, work / "files", work / "ref.jsonl")
        run_dump(None, work / "files", work / "new.jsonl")
        ref = (work / "ref.jsonl").read_text(encoding="utf-8").splitlines()
        new = (work / "new.jsonl").read_text(encoding="utf-8").splitlines()
    differ = [str(f) for f, a, b in zip(files, ref, new) if a != b]
    for name in differ:
        print("differs:", name)
    print(f"{len(files)} plans, {len(differ)} records differ")
    return 1 if differ or len(ref) != len(new) else 0


if __name__ == "__main__":
    sys.exit(main())
