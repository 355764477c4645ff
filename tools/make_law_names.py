#!/usr/bin/env python3
"""Make data/lexicons/law_names.tsv: the names of laws, so that they are known where news writes them
without quotes (写入宪法, 依据大气污染防治法).

A law is quoted in some articles (《中华人民共和国大气污染防治法》) and written bare in many more. This
script collects, over a folder of real articles, the quoted titles that end in 法 or 法典 (not 办法,
方法, 做法: NOT_LAW_ENDS), without the 中华人民共和国 they may open with, and counts the articles each is
quoted in. A few names that news never needs to quote (宪法, 刑法) come from CURATED. Only the names and
counts are kept, never the articles' text.

Run:  .venv/bin/python tools/make_law_names.py ../shared/corpus/real > data/lexicons/law_names.tsv
"""
from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

TITLE = re.compile(r"《(?:中华人民共和国)?([\u4e00-\u9fff]{2,20}(?:法|法典))》")
NOT_LAW_ENDS = ("办法", "方法", "做法", "想法", "说法", "看法", "用法", "手法", "算法", "技法", "写法")
CURATED = {"宪法": "the Constitution", "民法典": "the Civil Code", "刑法": "the Criminal Law"}  # public facts
PREFIX = "中华人民共和国"
MIN_LEN = 3  # 宪法 and 民法典 come from CURATED; a quoted two-character 《X法》 is too often a section title


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    docs: dict[str, set[str]] = defaultdict(set)
    for path in sorted(Path(argv[1]).glob("*.txt")):
        for name in TITLE.findall(path.read_text(encoding="utf-8")):
            name = name.removeprefix(PREFIX)
            if len(name) >= MIN_LEN and not name.endswith(NOT_LAW_ENDS):
                docs[name].add(path.name)
    out = sys.stdout
    out.write("# Names of laws, without the 中华人民共和国 they may open with: quoted as 《…法》/《…法典》 in the\n")
    out.write("# 986 real articles of ../shared/corpus/real (counts only), and 宪法, 民法典, 刑法 (public facts).\n")
    out.write("# Made by: python tools/make_law_names.py ../shared/corpus/real\n")
    out.write("name\tdocs\n")
    for name in sorted(set(docs) | set(CURATED)):
        out.write(f"{name}\t{len(docs.get(name, ()))}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
