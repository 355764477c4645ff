"""Meetings and inspection rounds: a name says which one, not only what kind of meeting it is."""

import pytest


def events(nlp, text):
    return {e.label for e in nlp(text)._.entities.values() if e.cls == "Event" and e.extracted}


# fmt: off
FOUND = [
    ("宁海县召开白溪流域保护新闻发布会。", "白溪流域保护新闻发布会"),  # a theme before the kind
    ("宁海县召开白溪治理专家座谈会。", "白溪治理专家座谈会"),
    ("第二轮省级生态环境保护督察进驻宁海县。", "第二轮省级生态环境保护督察"),  # a round with its number
    ("宁海县召开以白溪保护为主题的白溪论坛。", "白溪论坛"),  # the description before 的 is cut off
]

NOT_FOUND = [
    # the stem is one common word that names a kind of meeting (新闻|发布会, 专家|座谈会)
    ("宁海县今天召开新闻发布会。", "新闻发布会"),
    ("白溪镇组织召开专家座谈会。", "专家座谈会"),
    ("宁海县召开交流座谈会。", "交流座谈会"),
    # a session named only by its number belongs to the meeting named before it
    ("宁海县人大常委会第五次会议今天举行第一次全体会议。", "第一次全体会议"),
    # an inspection of some province, no round of one
    ("宁海县配合开展省级生态环境保护督察。", "省级生态环境保护督察"),
    # a description ending in 的 is no name
    ("宁海县召开以白溪保护为主题的座谈会。", "以白溪保护为主题的座谈会"),
]
# fmt: on


@pytest.mark.parametrize("text,label", FOUND)
def test_event_found(nlp, text, label):
    assert label in events(nlp, text)


@pytest.mark.parametrize("text,label", NOT_FOUND)
def test_event_not_found(nlp, text, label):
    assert not any(label in found for found in events(nlp, text))
