#!/usr/bin/env python3
"""Make data/lexicons/genre_verbs.tsv: words that real environmental news uses as verbs.

jieba's dictionary tags many verbs of this genre as nouns or other words (参观 n, 力争 nz, 调研 vn,
落实 a), so a stem that opens with one (参观|漕泾郊野公园, 调研|腾格里沙漠, 多渠道落实|农村供水工程)
passes every check built on its tags. This script reads how the words behave in a folder of real
articles instead: a word is a verb of the genre when, in at least SHARE of its occurrences, a marker
that only goes with verbs stands right before it (要, 已, 正在, 积极, 深入, 认真…: VERB_BEFORE) or
right after it (了, 着, 过: VERB_AFTER), over at least MIN_COUNT occurrences in MIN_DOCS articles.
Words that name works (治理, 修复, 建设: work_verbs.tsv) stay out: names hold them.
Only the words and their counts are kept, never the articles' text.

Run:  .venv/bin/python tools/make_genre_verbs.py ../shared/corpus/real > data/lexicons/genre_verbs.tsv
"""
from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

VERB_BEFORE = frozenset(("要", "已", "已经", "正在", "积极", "大力", "持续", "深入",
                         "认真", "切实", "不断", "进一步", "全力", "着力", "共同", "先后", "纷纷", "没有", "未",
                         "曾", "亲自", "专门", "主动", "一起", "一同", "率先", "努力", "坚决", "扎实", "严格",
                         "依法", "继续", "逐步", "不得", "必须", "应当", "可以", "能够"))  # not 将, 并, 加快, 全面, 禁止: 将|X纳入, 加快|科技成果转化, 全面|小康
VERB_AFTER = frozenset(("了", "着", "过"))
SHARE = 0.15
MIN_COUNT = 8
MIN_DOCS = 3
WORD = re.compile("^[\u4e00-\u9fff]{2,4}$")


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    from kg import lexicon
    from kg.nlp.tokenizer import cut

    work = lexicon.work_verbs()
    total, marked = Counter(), Counter()
    docs: dict[str, set[str]] = defaultdict(set)
    for path in sorted(Path(argv[1]).glob("*.txt")):
        tokens = cut(path.read_text(encoding="utf-8"))
        for i, word in enumerate(tokens):
            if not WORD.match(word):
                continue
            total[word] += 1
            docs[word].add(path.name)
            if i and tokens[i - 1] in VERB_BEFORE or i + 1 < len(tokens) and tokens[i + 1] in VERB_AFTER:
                marked[word] += 1
    rows = sorted(w for w, n in total.items() if n >= MIN_COUNT and len(docs[w]) >= MIN_DOCS
                  and marked[w] / n >= SHARE and w not in work)
    out = sys.stdout
    out.write("# Words real environmental news uses as verbs: in >= 15% of their occurrences a verb marker\n")
    out.write("# (要, 已, 正在, 积极, 深入 … before; 了, 着, 过 after) stands next to them; >= 8 occurrences\n")
    out.write("# in >= 3 articles; work verbs (治理, 修复) left out. Source: the 986 real articles of\n")
    out.write("# ../shared/corpus/real (counts only). Made by: python tools/make_genre_verbs.py ../shared/corpus/real\n")
    out.write("word\tcount\tmarked\n")
    for w in rows:
        out.write(f"{w}\t{total[w]}\t{marked[w]}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
