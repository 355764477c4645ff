#!/usr/bin/env python3
"""Generate data/gazetteers/divisions.tsv from cpca's adcodes.csv.

cpca (https://github.com/DQinYuan/chinese_province_city_area_mapper, MIT) ships
``cpca/resources/adcodes.csv`` with 12-digit GB/T 2260 codes, names and
coordinates of China's province-, prefecture- and county-level divisions.
This script turns it into the TSV the entity linker reads:

    code  name  short  level  parent  lon  lat  ambiguous

* ``code``: the first six digits of the cpca code.
* ``level``: from the code: ``xx0000`` province, ``xxyy00`` prefecture, else county.
* ``parent``: the prefecture ``xxyy00`` when it is a real division, otherwise the
  province ``xx0000``. cpca has pseudo rows that are no divisions: ``市辖区``
  (``110100`` for the municipalities and ``xxyy01`` under prefectures), ``县``
  (``500200``, Chongqing's counties), and ``省直辖县级行政区划`` /
  ``自治区直辖县级行政区划`` (``xx9000``). They are skipped, and their children
  hang directly under the province (e.g. 济源市 419001 -> 410000, 东城区 110101 -> 110000).
* ``short``: the name without its administrative suffix (see ``short_form``);
  empty when that would be a single character, an ethnic-group name, a form in
  ``data/lexicons/short_form_stoplist.tsv``, or (for a non-province) the short
  form of a province (河北区 -> not 河北; 吉林市 -> not 吉林; 海南藏族自治州 -> not 海南).
* ``ambiguous``: 1 when the row's full name or short form is also the full name
  or short form of another division (朝阳区 in Beijing and in Changchun,
  朝阳市/朝阳县 in Liaoning), else 0.

Run:  .venv/bin/python tools/make_divisions.py
"""
from __future__ import annotations

import collections
import csv
import importlib.resources
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "gazetteers" / "divisions.tsv"
STOPLIST = ROOT / "data" / "lexicons" / "short_form_stoplist.tsv"

COLUMNS = ["code", "name", "short", "level", "parent", "lon", "lat", "ambiguous"]

#: cpca rows that are grouping placeholders, not divisions.
PSEUDO_NAMES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}

#: Suffixes tried longest first; the first one that leaves >= 2 characters wins.
AUTONOMOUS_SUFFIXES = ("自治区", "自治州", "自治县", "自治旗")
PLAIN_SUFFIXES = ("特别行政区", "地区", "新区", "矿区", "特区", "省", "市", "县", "区", "盟", "旗")
#: Suffixes that only apply to these exact names (万柏林区, 碑林区 ... end in 林区 too).
SPECIAL_SHORTS = {"神农架林区": "神农架"}
#: Banner names whose stem is no standalone name (阿拉善左旗 -> "阿拉善左").
BANNER_ENDINGS = ("左旗", "右旗", "前旗", "中旗", "后旗", "联合旗")


def adcodes_path():
    return importlib.resources.files("cpca").joinpath("resources", "adcodes.csv")


def ethnic_names() -> list[str]:
    """The 56 ethnic groups, with and without 族, longest first."""
    text = importlib.resources.files("cpca").joinpath("resources", "56_nations.csv").read_text("utf-8")
    names = set()
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        names.add(line)
        bare = line[:-1] if line.endswith("族") else line
        if len(bare) >= 2:  # 水, 京, 土, 白 ... without 族 are ordinary characters
            names.add(bare)
    names.add("各族")  # 龙胜各族自治县, 隆林各族自治县
    return sorted(names, key=lambda s: (-len(s), s))


ETHNIC = ethnic_names()
ETHNIC_SET = set(ETHNIC)


def strip_ethnic(stem: str, with_zu_only: bool = False) -> str:
    """Strip trailing ethnic-group names (广西壮族 -> 广西, 孟连傣族拉祜族佤族 -> 孟连).

    ``with_zu_only`` strips only forms ending in 族 (管城回族区 -> 管城), for names
    without 自治 where a bare 蒙古/维吾尔 would be part of the place name.
    """
    changed = True
    while changed:
        changed = False
        for eth in ETHNIC:
            if with_zu_only and not eth.endswith("族"):
                continue
            if stem.endswith(eth) and len(stem) - len(eth) >= 2:
                stem = stem[: -len(eth)]
                changed = True
                break
    return stem


def short_form(name: str) -> str:
    """The short form before stop-list and province-collision filtering ('' if none)."""
    if name in SPECIAL_SHORTS:
        return SPECIAL_SHORTS[name]
    if name.endswith("群岛") or name.endswith("海域"):
        return ""  # 西沙群岛: the stem names the islands themselves
    if name.endswith(BANNER_ENDINGS):
        return ""
    for suf in AUTONOMOUS_SUFFIXES:
        if name.endswith(suf):
            stem = strip_ethnic(name[: -len(suf)])
            if stem in ETHNIC_SET:  # 鄂温克族自治旗, 东乡族自治县, 鄂伦春自治旗
                return ""
            return stem if len(stem) >= 2 else ""
    for suf in PLAIN_SUFFIXES:
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            return strip_ethnic(name[: -len(suf)], with_zu_only=True)
    return ""


def level_of(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "prefecture"
    return "county"


def load_stoplist() -> set[str]:
    if not STOPLIST.exists():
        return set()
    with STOPLIST.open(encoding="utf-8", newline="") as fh:
        return {row["form"].strip() for row in csv.DictReader(fh, delimiter="\t") if row["form"].strip()}


def build() -> list[dict]:
    with adcodes_path().open(encoding="utf-8", newline="") as fh:
        raw = list(csv.DictReader(fh))
    stop = load_stoplist()

    real: dict[str, dict] = {}
    for r in raw:
        code = r["adcode"][:6]
        name = r["name"].strip()
        if name in PSEUDO_NAMES:
            continue
        real[code] = {
            "code": code,
            "name": name,
            "level": level_of(code),
            "lon": (r["longitude"] or "").strip(),
            "lat": (r["latitude"] or "").strip(),
        }

    for code, row in real.items():
        if row["level"] == "province":
            row["parent"] = ""
        elif row["level"] == "prefecture":
            row["parent"] = code[:2] + "0000"
        else:
            pref = code[:4] + "00"
            row["parent"] = pref if pref in real else code[:2] + "0000"
        assert row["parent"] == "" or row["parent"] in real, (code, row["parent"])

    province_shorts = {short_form(r["name"]) for r in real.values() if r["level"] == "province"}
    province_shorts.discard("")
    for row in real.values():
        s = short_form(row["name"])
        if s in stop:
            s = ""
        if s and row["level"] != "province" and s in province_shorts:
            s = ""
        row["short"] = s

    owners: dict[str, set[str]] = collections.defaultdict(set)
    for row in real.values():
        owners[row["name"]].add(row["code"])
        if row["short"]:
            owners[row["short"]].add(row["code"])
    for row in real.values():
        forms = [row["name"]] + ([row["short"]] if row["short"] else [])
        row["ambiguous"] = "1" if any(len(owners[f]) > 1 for f in forms) else "0"

    return [real[c] for c in sorted(real)]


def main() -> int:
    rows = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    tmp = OUT.with_suffix(".tsv.tmp")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
        w.writeheader()
        for row in rows:
            w.writerow({k: row[k] for k in COLUMNS})
    tmp.replace(OUT)

    levels = collections.Counter(r["level"] for r in rows)
    print(f"wrote {len(rows)} divisions to {OUT.relative_to(ROOT)}")
    for lvl in ("province", "prefecture", "county"):
        print(f"  {lvl:10s} {levels[lvl]}")
    print(f"  with short form      {sum(1 for r in rows if r['short'])}")
    print(f"  without short form   {sum(1 for r in rows if not r['short'])}")
    print(f"  ambiguous            {sum(1 for r in rows if r['ambiguous'] == '1')}")
    print(f"  without coordinates  {sum(1 for r in rows if not r['lon'] or not r['lat'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
