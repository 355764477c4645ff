"""Persons in the credits of real news: byline roles with several names, editors and reviewers,
photo credits, and a closing parenthesis of names."""

import pytest


def persons(nlp, text):
    return {e.label for e in nlp(text)._.entities.values() if e.cls == "Person"}


# fmt: off
FOUND = [
    ("湖南日报全媒记者 周晓 通讯员 刘芳 陈立。", {"周晓", "刘芳", "陈立"}),
    ("通讯员 何明编辑 孙悦二审 赵清三审 钱江", {"何明", "孙悦", "赵清", "钱江"}),
    ("白鹭在湖面起舞。 吴海摄（新华社）湖水清澈。", {"吴海"}),
    ("空气质量持续改善。（李青 王子涵 杜明）", {"李青", "王子涵", "杜明"}),
    ("荣获多项称号。(张平)", {"张平"}),
]

NOT_FOUND = [
    ("会议强调要加强监管。（通讯员供图）", "通讯员供图"),
    ("责任落实到位。（市长强调）", "市长强调"),
    ("水质达到（Ⅱ类）标准。", "Ⅱ类"),
]
# fmt: on


@pytest.mark.parametrize("text,names", FOUND)
def test_credited_persons_found(nlp, text, names):
    assert names <= persons(nlp, text)


@pytest.mark.parametrize("text,label", NOT_FOUND)
def test_no_person_in_a_parenthesis_of_words(nlp, text, label):
    assert not {p for p in persons(nlp, text) if p in label}
