"""Place names made of common words only name a kind of place (省级自然保护区), not one place."""

import pytest


def places(nlp, text):
    return {e.label for e in nlp(text)._.entities.values() if e.cls in ("Landmark", "Reservoir", "Wetland")}


# fmt: off
KINDS = [
    ("全市新建省级自然保护区两处。", "省级自然保护区"),
    ("加固骨干水库和大中型水库。", "大中型水库"),
    ("建设一批矿坑公园。", "矿坑公园"),
    ("认定国家级湿地三处。", "国家级湿地"),
    # a division written in full, or the country, with common words: its places of that kind
    ("青海省湿地保护率达到64%。", "青海省湿地"),
    ("宁海县湿地面积为2万亩。", "宁海县湿地"),
    ("济宁市人工湿地运行良好。", "济宁市人工湿地"),
    ("我国湿地面积居亚洲第一。", "我国湿地"),
    ("成都市公园开放时间延长。", "成都市公园"),
    ("长白荡被授予河湖生态系统湿地保护地称号。", "河湖生态系统湿地"),  # 生态系统: jieba tags it l
]
NAMED = [
    ("瓦屋山自然保护区内发现珍稀植物。", "瓦屋山自然保护区"),
    ("河水来自黄家冲水库。", "黄家冲水库"),
    ("城南公园完成提升改造。", "城南公园"),
    ("大熊猫国家公园正式设立。", "大熊猫国家公园"),
    # a division's short form in a name is the name's own word
    ("市民在锦江公园散步。", "锦江公园"),
    ("丹江口库区水质稳定。", "丹江口库区"),
    ("马鞍山森林公园完成改造。", "马鞍山森林公园"),
]
# fmt: on


@pytest.mark.parametrize("text,label", KINDS)
def test_a_kind_of_place_is_no_name(nlp, text, label):
    assert label not in places(nlp, text)


@pytest.mark.parametrize("text,label", NAMED)
def test_a_place_of_its_own_is_kept(nlp, text, label):
    assert label in places(nlp, text)
