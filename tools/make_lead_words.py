"""Make data/lexicons/lead_words.tsv: words that open no place name (verbs, adverbs, position words…).

Source: jieba's dictionary (jieba/dict.txt, word frequency and part of speech), words of two to four
characters whose tag is a verb, adverb, position, time, numeral/quantifier, pronoun, preposition or
conjunction, seen at least MIN_FREQ times. A stem that opens with one (督促|河湖, 下游|玛瑙河) is no name.

    python tools/make_lead_words.py [PATH/TO/jieba/dict.txt] > data/lexicons/lead_words.tsv
"""

from __future__ import annotations

import sys

from jieba_dict import dictionary_path, entries

TAGS = {"v", "vd", "d", "ad", "f", "t", "q", "r", "p", "c"}  # not m: 十八联圩湿地, 三岔湖 open with numerals
MIN_FREQ = 20


def main(argv: list[str]) -> int:
    rows = [(word, tag) for word, freq, tag in entries(dictionary_path(argv))
            if tag in TAGS and 2 <= len(word) <= 4 and freq >= MIN_FREQ]
    out = sys.stdout
    out.write("# Words that open no place name: verbs, adverbs, position and time words, classifiers, pronouns,\n")
    out.write(f"# prepositions, conjunctions (tags {','.join(sorted(TAGS))}; frequency >= {MIN_FREQ}).\n")
    out.write("# Source: jieba's dictionary (jieba/dict.txt, jieba 0.42.1). Made by: python tools/make_lead_words.py\n")
    out.write("word\tpos\n")
    for word, tag in sorted(rows):
        out.write(f"{word}\t{tag}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
