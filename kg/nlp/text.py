"""Small text helpers shared by the extraction components: sentences, boundaries, character classes."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

HAN = "\u4e00-\u9fff"
HAN_RE = re.compile(f"[{HAN}]")
# a sentence ends at 。！？；, a newline, a photo credit run into the text (…示范区。宣汉县委宣传部供图宣汉县
# 森林覆盖率达62%: the credit's body reports nothing), or after 300 characters (an unpunctuated run of
# text is no sentence: evidence literals and per-sentence scans stay small)
SENTENCE_RE = re.compile(r"(?:(?!(?<!提)供图)[^。！？；\n]){1,300}(?:(?<!提)供图|[。！？；])?[”」』]?")
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


class Sentences(list):
    """The sentences of a text, with their start offsets for bisection."""

    def __init__(self, items: list[Sentence]) -> None:
        super().__init__(items)
        self.starts = [s.start for s in items]


def sentences(text: str) -> Sentences:
    """Split text into sentences on 。！？； and newlines, and unpunctuated runs every 300 characters.

    >>> [s.text for s in sentences("一。二！三")]
    ['一。', '二！', '三']
    >>> [len(s.text) for s in sentences("水" * 700)]
    [300, 300, 100]
    >>> [s.text for s in sentences("湖面如镜。县委宣传部供图全县森林覆盖率达62%。请提供图片。")]
    ['湖面如镜。', '县委宣传部供图', '全县森林覆盖率达62%。', '请提供图片。']
    """
    return Sentences([Sentence(m.group(0), m.start(), m.end()) for m in SENTENCE_RE.finditer(text)
                      if m.group(0).strip()])


def sentence_at(sents: Sentences, offset: int) -> Sentence | None:
    """The sentence containing a character offset."""
    i = bisect_right(sents.starts, offset) - 1
    if i >= 0 and sents[i].start <= offset < sents[i].end:
        return sents[i]
    return None


def after_last(text: str, marks: str, pos: int, floor: int = 0) -> int:
    """Just after the last of `marks` in text[floor:pos], else `floor`: where a clause or sentence
    that reaches `pos` begins.

    >>> after_last("甲，乙。丙", "，。", 5)
    4
    """
    return max(floor, max(text.rfind(ch, floor, pos) for ch in marks) + 1)


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
