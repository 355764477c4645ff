#!/usr/bin/env python3
"""Make data/lexicons/measure_terms.tsv: policy terms that recur across real articles, unquoted.

A measure is named when it has a proper name of its own (河长制, 十年禁渔, 生态保护红线, 生态补偿).
Such names recur, with the same boundaries, across articles from many places and outlets; a
description (划定红线, 首期补偿) does not. This script counts, over a folder of real articles, the
spans that end in a policy head (HEADS below) and open with a noun (jieba's tag), in how many
articles each occurs, and keeps those of at least MIN_DOCS articles. Only the terms and their counts
are kept, never the articles' text.

Run:  .venv/bin/python tools/make_measure_terms.py ../shared/corpus/real > data/lexicons/measure_terms.tsv
(needs jieba, a dev dependency, for the part-of-speech tags of its dictionary).
"""
from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

HEADS = ("红线", "补偿", "禁渔", "禁捕", "休渔", "长制", "许可制", "分区管控", "权交易")
NOUN_TAGS = {"n", "nz", "ns", "nt", "j", "vn", "nr", "l"}
MIN_DOCS = 3
MAX_STEM = 10
HAN = re.compile("[\u4e00-\u9fff]")


def jieba_tags() -> dict[str, str]:
    from jieba_dict import dictionary_path, entries

    return {word: tag for word, _, tag in entries(dictionary_path([]))}


def candidates(text: str, cut, tags: dict[str, str], verbs: frozenset[str]) -> set[str]:
    """The spans of `text` that end in a head, open with a noun token and hold no verb but a work verb
    (生态|保护|红线; not 湖泊|实施|湖长制, 管理|纳入|林长制)."""
    out = set()
    for head in HEADS:
        for m in re.finditer(re.escape(head), text):
            start = m.start()
            while start > 0 and HAN.match(text[start - 1]) and m.start() - start < MAX_STEM:
                start -= 1
            words = cut(text[start:m.end()])
            for i in range(len(words) - 1):
                term = "".join(words[i:])
                if len(term) <= len(head) + 1 or any(w in ("的", "了", "和", "与", "及") or w in verbs for w in words[i:]):
                    continue
                if tags.get(words[i]) in NOUN_TAGS and not any(
                        len(v) >= 2 and (words[i].endswith(v) or words[i].startswith(v)) for v in verbs):
                    out.add(term)  # not 全面推行|河长制 (推行 inside the first token)
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        sys.stderr.write(__doc__.split("Run:")[1])
        return 2
    from kg import lexicon
    from kg.nlp.tokenizer import cut

    tags = jieba_tags()
    verbs = frozenset(w for w, pos in lexicon.function_words().items()  # not numerals (十年禁渔); 保护, 治理 stay
                      if pos in ("v", "vd", "p", "c", "d", "ad")) - lexicon.work_verbs()
    listed = set(lexicon.pattern_values("measure_unquoted"))
    docs: dict[str, int] = defaultdict(int)
    for path in sorted(Path(argv[1]).glob("*.txt")):
        for term in candidates(path.read_text(encoding="utf-8"), cut, tags, verbs):
            docs[term] += 1
    out = sys.stdout
    out.write("# Unquoted policy terms that recur across real articles (ending in " + ", ".join(HEADS) + ").\n")
    out.write(f"# Source: counted by tools/make_measure_terms.py over the {sum(1 for _ in Path(argv[1]).glob('*.txt'))} "
              "real articles of shared/corpus/real (not in this repository; only terms and counts are kept),\n")
    out.write(f"# terms opening with a noun and seen in at least {MIN_DOCS} articles; the curated measure_unquoted "
              "names (name_patterns.tsv) are left out.\n")
    out.write("term\tdocs\n")
    for term in sorted(t for t, n in docs.items() if n >= MIN_DOCS and t not in listed):
        out.write(f"{term}\t{docs[term]}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
