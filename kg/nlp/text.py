"""Small text helpers shared by the extraction components: sentences, boundaries, character classes."""

from __future__ import annotations

import re
from dataclasses import dataclass

HAN = "\u4e00-\u9fff"
HAN_RE = re.compile(f"[{HAN}]")
SENTENCE_RE = re.compile(r"[^。！？；\n]+[。！？；]?[”」』]?")
CLAUSE_SEP = "，、：；。！？\n（）()"
# Characters that end the word before a name: function words and punctuation.
FUNCTION_CHARS = set("在于的和与及对向从沿入将把是为被让使以由经至到着了又也都还并且或、，。：；！？“”‘’《》（）()[]【】 \n")
QUOTE_PAIRS = {"“": "”", "「": "」", "『": "』", '"': '"'}


@dataclass(frozen=True)
class Sentence:
    """A sentence and its offsets in the article text."""

    text: str
    start: int
    end: int


def sentences(text: str) -> list[Sentence]:
    """Split text into sentences on 。！？； and newlines.

    >>> [s.text for s in sentences("一。二！三")]
    ['一。', '二！', '三']
    """
    out = []
    for m in SENTENCE_RE.finditer(text):
        chunk = m.group(0)
        if chunk.strip():
            out.append(Sentence(chunk, m.start(), m.end()))
    return out


def sentence_at(sents: list[Sentence], offset: int) -> Sentence | None:
    """The sentence containing a character offset."""
    for s in sents:
        if s.start <= offset < s.end:
            return s
    return None


def is_han(text: str) -> bool:
    """True when every character is a Han character."""
    return bool(text) and all("\u4e00" <= ch <= "\u9fff" for ch in text)


def quoted_spans(text: str) -> list[tuple[int, int, str]]:
    """Quoted terms “X” as (start of X, end of X, X).

    >>> quoted_spans("推行“首违不罚+警示教育”。")
    [(3, 12, '首违不罚+警示教育')]
    """
    out = []
    for m in re.finditer(r"[“「『‘]([^“”「」『』‘’\n]{1,40})[”」』’]", text):
        out.append((m.start(1), m.end(1), m.group(1)))
    return out
