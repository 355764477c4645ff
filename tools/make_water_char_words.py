"""Write data/lexicons/water_char_words.tsv from jieba's dictionary.

Words that begin with a one-character water suffix but are other words: 江豚, 江苏, 湖州, 泊位,
港澳, 河津, 江山. When the segmenter puts a river's or lake's last character at the start of
such a word (三头|江豚, 浙江|湖州, 非法|泊位), that character ends no name there. Words whose
rest says where on the water (河畔, 湖区, 江段, 河水, 河口) are left out: the water keeps its name
before them (金沙江畔, 洞庭湖区).

    .venv/bin/python tools/make_water_char_words.py   # needs jieba (a dev dependency)
"""

from __future__ import annotations

from pathlib import Path

import jieba

SUFFIXES = "河江溪渠涧港浦泾浜湖淀泊塘"  # the one-character water_suffix values of name_patterns.tsv
# the rest of a word that stays on the water: position, part, flow, the water itself
WATER_PARTS = frozenset(
    "水 畔 边 段 口 岸 区 心 面 流 床 谷 堤 底 中 内 外 上 下 里 湾".split()
    + "流域 上游 中游 下游 两岸 沿岸 沿线 南岸 北岸 东岸 西岸 南部 北部 东部 西部 水质 水系 水域 水面 水体 干流 支流 源头 入口 出口".split())
MIN_FREQ = 3
OUT = Path(__file__).resolve().parent.parent / "data" / "lexicons" / "water_char_words.tsv"


def main() -> None:
    source = Path(jieba.__file__).parent / "dict.txt"
    rows = set()
    for line in source.read_text(encoding="utf-8").splitlines():
        parts = line.split(" ")
        if len(parts) != 3:
            continue
        word, freq, _tag = parts
        if 2 <= len(word) <= 4 and word[0] in SUFFIXES and int(freq) >= MIN_FREQ and word[1:] not in WATER_PARTS:
            rows.add(word)
    with OUT.open("w", encoding="utf-8", newline="\n") as out:
        out.write("# Words that begin with a one-character water suffix but are other words (江豚, 江苏, 湖州, 泊位):\n")
        out.write("# a water suffix at the start of one of them ends no name (三头|江豚, 浙江|湖州).\n")
        out.write(f"# Source: jieba's dictionary (jieba/dict.txt, jieba 0.42.1), words of 2-4 characters, frequency >= {MIN_FREQ},\n")
        out.write("# without those whose rest is a part of the water (河畔, 湖区, 江段). Made by: python tools/make_water_char_words.py\n")
        out.write("word\n")
        for word in sorted(rows):
            out.write(f"{word}\n")


if __name__ == "__main__":
    main()
