#!/usr/bin/env python3
"""Generate data/gazetteers/townships.tsv from jionlp's location dictionary.

jionlp (https://github.com/dongrixinyu/JioNLP, Apache-2.0) ships
``jionlp/dictionary/china_location.zip``: one ``china_location.txt`` whose lines are indented by
tabs, one level per tab: a province (name, code, alias), its prefectures, their counties, the
townships of each county, and the villages of each township. This script keeps the townships
whose names end in 镇, 乡 or 街道 (not 工业区, 开发区, 农场 …) and writes

    name  county

one row per township, ``county`` being the 6-digit code in ``divisions.tsv`` of the division
directly above it: the county by its code, else the county of the same name in the same
prefecture (cpca's table and jionlp's are of different vintages), else, for prefectures without
counties (东莞市, 中山市, 嘉峪关市, 儋州市), the prefecture. Townships whose county cannot be
placed are dropped and counted on stderr; a district renamed since cpca's vintage (章丘区) is
placed under the code cpca has (章丘市), as the division recogniser does. Villages are not kept (650,000 names, most of them
shared by hundreds of places).

Run:  .venv/bin/python tools/make_townships.py PATH
where PATH is jionlp's wheel (``pip download jionlp==1.5.31 --no-deps``), its
``china_location.zip``, or an unpacked ``china_location.txt``.
"""
from __future__ import annotations

import csv
import io
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "gazetteers" / "townships.tsv"
DIVISIONS = ROOT / "data" / "gazetteers" / "divisions.tsv"
SUFFIXES = ("镇", "乡", "街道")


def read_location_text(path: Path) -> str:
    """The text of china_location.txt from a wheel, the zip or the text file."""
    if path.suffix == ".txt":
        return path.read_text(encoding="utf-8")
    with zipfile.ZipFile(path) as outer:
        names = outer.namelist()
        if "china_location.txt" in names:
            return outer.read("china_location.txt").decode("utf-8")
        inner = next(n for n in names if n.endswith("dictionary/china_location.zip"))
        with zipfile.ZipFile(io.BytesIO(outer.read(inner))) as z:
            return z.read("china_location.txt").decode("utf-8")


def _renamed(name: str, province: str | None) -> str | None:
    """The code cpca still has for a district renamed since (章丘区 -> 章丘市 370181), in the province."""
    sys.path.insert(0, str(ROOT))
    from kg import lexicon

    codes = [c for c in lexicon.renamed_districts().get(name, ()) if province and c[:2] == province[:2]]
    return codes[0] if len(codes) == 1 else None


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        sys.stderr.write(__doc__.split("Run:")[1])
        return 2
    with DIVISIONS.open(encoding="utf-8", newline="") as f:
        divs = {r["code"]: r for r in csv.DictReader(f, delimiter="\t")}
    by_name_in: dict[tuple[str, str], str] = {}
    for code, r in divs.items():
        if r["level"] == "county":
            by_name_in[(r["parent"], r["name"])] = code
            by_name_in[(code[:2] + "0000", r["name"])] = code
    rows: set[tuple[str, str]] = set()
    dropped = 0
    province = prefecture = county = None
    for line in read_location_text(Path(argv[0])).splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        cells = line.strip().split("\t")
        if not cells or not cells[0]:
            continue
        if depth == 0:
            province, prefecture, county = cells[1] if len(cells) > 1 else None, None, None
        elif depth == 1:
            prefecture, county = (cells[1] if len(cells) > 1 else None), None
            if prefecture not in divs:  # 北京市 110000 is its own province; 市辖区 rows do not exist here
                prefecture = province
        elif depth == 2:
            code = cells[1] if len(cells) > 1 else ""
            name = cells[0]
            if code in divs and divs[code]["name"] == name:
                county = code
            else:
                county = by_name_in.get((prefecture, name)) or by_name_in.get((province, name)) \
                    or _renamed(name, province)
                if county is None and code in ("", prefecture) and prefecture in divs:
                    county = prefecture  # 东莞市's 市直辖村级区划: townships right under the prefecture
        elif depth == 3:
            name = cells[0]
            if not name.endswith(SUFFIXES) or len(name) < 3:
                continue
            if county is None:
                dropped += 1
                continue
            rows.add((name, county))
    tmp = OUT.with_suffix(".tsv.tmp")
    with tmp.open("w", encoding="utf-8", newline="") as f:
        f.write("name\tcounty\n")
        for name, code in sorted(rows):
            f.write(f"{name}\t{code}\n")
    tmp.replace(OUT)
    sys.stderr.write(f"{len(rows)} townships written to {OUT.relative_to(ROOT)}; {dropped} dropped (county not in divisions.tsv)\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
