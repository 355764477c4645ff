"""Odd input never breaks extraction: slices of real text, symbol soup, markup, empty strings."""

import random
from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parent.parent / "data" / "raw" / "000_86313f0a6bb92235.txt"
EDGE_CASES = ["", " ", "。", "“", "《", "2025年", "100%", "第三轮", "市委", "分局", "河", "断面", "项目", "\n\n\n",
              "abc 123", "“”", "《》", "（）", "1.2.3.4亿元", "十", "零点五", "𠀀𠀁", "<script>alert(1)</script>"]


def _samples():
    text = SEED.read_text(encoding="utf-8")
    rnd = random.Random(20261129)
    out = list(EDGE_CASES)
    for _ in range(150):
        i = rnd.randrange(len(text))
        out.append(text[i:i + rnd.randrange(1, 300)])
    alphabet = "河湖江市县区局委“”《》0123456789.%亿元万吨，。、+高平晋中断面项目工程"
    for _ in range(100):
        out.append("".join(rnd.choice(alphabet) for _ in range(rnd.randrange(1, 60))))
    return out


def test_no_input_breaks_the_pipeline(nlp):
    samples = _samples()
    docs = list(nlp.pipe(samples))
    assert len(docs) == len(samples) == 273
    for doc in docs:
        assert doc._.entities is not None and doc._.relations is not None and doc._.observations is not None
        for rel in doc._.relations:  # every relation joins two known entities
            assert rel.subject in doc._.entities and rel.object in doc._.entities
        for obs in doc._.observations:
            assert obs.subject in doc._.entities and obs.value


@pytest.mark.parametrize("text", EDGE_CASES)
def test_mentions_lie_inside_the_text(nlp, text):
    doc = nlp(text)
    for m in doc._.linked.mentions:
        assert text[m.start:m.end] == m.text
