"""Make data/lexicons/common_words.tsv: the most frequent words of jieba's dictionary.

Source: jieba's dictionary (jieba/dict.txt, jieba 0.42.1), words of two to four characters seen at
least MIN_FREQ times, whatever their tag (美丽 is tagged ns there), with jieba's tag. A township name
the gazetteer does not list, whose stem is one of them (主要街道, 美丽乡), is a phrase, not a township;
a water name whose stem opens with one that is no place or person name (农村小河, 垃圾河) is no name.

    python tools/make_common_words.py [PATH/TO/jieba/dict.txt] > data/lexicons/common_words.tsv
"""

from __future__ import annotations

import sys

from jieba_dict import dictionary_path, entries

MIN_FREQ = 1000


def main(argv: list[str]) -> int:
    rows = [(word, freq, tag) for word, freq, tag in entries(dictionary_path(argv))
            if 2 <= len(word) <= 4 and freq >= MIN_FREQ]
    out = sys.stdout
    out.write(f"# Words of two to four characters that jieba's dictionary counts at least {MIN_FREQ} times.\n")
    out.write("# Source: jieba's dictionary (jieba/dict.txt, jieba 0.42.1, MIT). Made by: python tools/make_common_words.py\n")
    out.write("word\tfreq\tpos\n")
    for word, freq, tag in sorted(rows):
        out.write(f"{word}\t{freq}\t{tag}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
