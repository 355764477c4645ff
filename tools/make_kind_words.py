"""Make data/lexicons/kind_words.tsv: common nouns, adjectives, idioms and numerals that name a kind.

Source: jieba's dictionary (jieba/dict.txt, word frequency and part of speech), words of two to four
characters whose tag is a noun, verbal or adjectival noun, adjective, distinguishing word, place word,
state word, idiom, fixed phrase or numeral, seen at least MIN_FREQ times. With lead_words.tsv (verbs,
adverbs, position words …) it tells a proper name from a common word: 人民|路, 生态|大道 and
美食|街 are kinds of road, 东港|路 is a name. Proper nouns (ns, nr, nz, nt) are left out on purpose.

    python tools/make_kind_words.py [PATH/TO/jieba/dict.txt] > data/lexicons/kind_words.tsv
"""

from __future__ import annotations

import sys

from jieba_dict import dictionary_path, entries

TAGS = {"n", "vn", "an", "a", "b", "s", "z", "i", "l", "m", "ng"}
MIN_FREQ = 100


def main(argv: list[str]) -> int:
    rows = [(word, tag) for word, freq, tag in entries(dictionary_path(argv))
            if tag in TAGS and 2 <= len(word) <= 4 and freq >= MIN_FREQ]
    out = sys.stdout
    out.write("# Common words that name a kind, not a place: nouns, verbal and adjectival nouns, adjectives,\n")
    out.write(f"# place and state words, idioms, fixed phrases, numerals (tags {','.join(sorted(TAGS))}; frequency >= {MIN_FREQ}).\n")
    out.write("# Source: jieba's dictionary (jieba/dict.txt, jieba 0.42.1). Made by: python tools/make_kind_words.py\n")
    out.write("word\tpos\n")
    for word, tag in sorted(rows):
        out.write(f"{word}\t{tag}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
