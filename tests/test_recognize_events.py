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
    ("宁海县政协召开第12次双周协商座谈会。", "第12次双周协商座谈会"),  # its number names one
    ("宁海县成功举办三届白溪生态论坛。", "白溪生态论坛"),  # 三届: how many editions were held
    ("十八届中央政治局会议召开。", "十八届中央政治局会议"),  # the edition of an organ
    # a word that introduces the meeting is no part of its name
    ("宁海县人大召开会议 决定十三届全国人大常委会第四次会议7月9日举行", "十三届全国人大常委会第四次会议"),  # a headline
    # named first, then held at a venue: the name opens its clause
    ("白溪湿地保护高级别论坛在宁海县开幕。", "白溪湿地保护高级别论坛"),
    ("8月5日，首届宁海科技节白溪生态论坛在宁海县举行。", "首届宁海科技节白溪生态论坛"),
    ("全省生态环境保护工作推进会议2日在浙江省宁波市召开。", "全省生态环境保护工作推进会议"),
    ("宁海县举办2024年六五环境日主场活动。", "2024年六五环境日主场活动"),  # an activity named by its day
    ("白溪镇开展“节水护白溪”主题宣讲活动。", "节水护白溪主题宣讲活动"),
]

NOT_FOUND = [
    # the stem is one common word that names a kind of meeting (新闻|发布会, 专家|座谈会)
    ("宁海县今天召开新闻发布会。", "新闻发布会"),
    ("白溪镇组织召开专家座谈会。", "专家座谈会"),
    ("宁海县召开交流座谈会。", "交流座谈会"),
    # a meeting's format (联组, 圆桌, 部级, 协商) says what kind, not which one
    ("宁海县人大常委会举行联组会议。", "联组会议"),
    ("白溪论坛期间召开部级圆桌会议。", "部级圆桌会议"),
    ("宁海县政协召开双周协商座谈会。", "双周协商座谈会"),
    # a session named only by its number belongs to the meeting named before it
    ("宁海县人大常委会第五次会议今天举行第一次全体会议。", "第一次全体会议"),
    # an inspection of some province, no round of one
    ("宁海县配合开展省级生态环境保护督察。", "省级生态环境保护督察"),
    ("宁海县成功举办三届白溪生态论坛。", "三届白溪生态论坛"),
    # a description ending in 的 is no name
    ("宁海县召开以白溪保护为主题的座谈会。", "以白溪保护为主题的座谈会"),
    # held at a venue, but the clause opens with no name: a body named before its aside, or only a kind
    ("宁海县白溪保护联合会（以下简称：联合会）第一次会员大会在宁海县召开。", "第一次会员大会"),
    ("专家座谈会在宁海县召开。", "专家座谈会"),
    ("白溪生态论坛在宁海县调研。", "白溪生态论坛"),  # no verb of holding after the venue
]
# fmt: on


@pytest.mark.parametrize("text,label", FOUND)
def test_event_found(nlp, text, label):
    assert label in events(nlp, text)


@pytest.mark.parametrize("text,label", NOT_FOUND)
def test_event_not_found(nlp, text, label):
    assert not any(label in found for found in events(nlp, text))


def regulations(nlp, text):
    return {e.label: e for e in nlp(text)._.entities.values() if e.cls == "Regulation"}


# fmt: off
SHORT_TITLES = [
    # a title of kind words only (责任|清单, 行动计划) is short for the full title the article writes
    ("宁海县印发《白溪流域生态环境保护责任清单》。企业要对照《责任清单》逐项整改。", "白溪流域生态环境保护责任清单", "责任清单"),
    ("《宁海县噪声污染防治行动计划》印发。《行动计划》提出三项任务。", "宁海县噪声污染防治行动计划", "行动计划"),
    ("对照《技术指南》整改，宁海县已发布《白溪排水溢流污染控制技术指南》。", "白溪排水溢流污染控制技术指南", "技术指南"),
]
# fmt: on


@pytest.mark.parametrize("text,label,short", SHORT_TITLES)
def test_short_title_is_an_alias_of_the_full_one(nlp, text, label, short):
    found = regulations(nlp, text)
    assert list(found) == [label] and short in found[label].aliases
