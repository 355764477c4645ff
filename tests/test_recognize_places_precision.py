"""Landmarks that are no name of their own: a kind written again inside a longer kind, a word before
the name taken into it, a list name cut out of a longer name, a region inside a body's or a person's name."""

import pytest


def landmarks(nlp, text):
    return {e.label for e in nlp(text)._.entities.values() if e.cls == "Landmark" and e.extracted}


# fmt: off
NOT_FOUND = [
    # a kind found again inside a longer kind (森林公园 once a kind, then 湿地森林公园) makes it no name
    ("宁海县建成森林公园12个，每个镇都有一个湿地森林公园。", "湿地森林公园"),
    ("宁海县有镇级森林公园9个。所谓镇级森林公园是镇政府建成的园林。", "所谓镇级森林公园"),
    # common words that jieba tags as place names (古镇, 泉水, 重特大 ns): a kind
    ("宁海县保护名城古镇和传统村落。", "名城古镇"),
    ("宁海县划定泉水保护区。", "泉水保护区"),
    ("宁海县名泉保护区监测系统上线。", "名泉保护区"),
    ("宁海县未发生重特大森林草原火灾。", "重特大森林草原"),
    # an economic region or a basin with common words: its places of a kind
    ("长江经济带国家级自然保护区评估优良。", "长江经济带国家级自然保护区"),
    ("长江经济带保护区生态系统稳定。", "长江经济带保护区"),
    ("黄河流域国家级自然保护区成效显著。", "黄河流域国家级自然保护区"),
    # a verb or position word before a known name is no part of the name
    ("画面上腾格里沙漠一片金黄。", "上腾格里沙漠"),
    ("宁海县谋划环武夷山国家公园旅游带。", "环武夷山国家公园"),
    # a surname and a region after a person's title: the person's given name, there and again
    ("宁海县纪检组组长钱苏南列席会议。钱苏南充分肯定了成绩。", "苏南"),
    ("宁海县副县长王华东出席。", "华东"),
    # a region before nouns that end in a body's head names the body, not the region (there and when repeated)
    ("宁海县企业入驻长三角国家技术创新中心。", "长三角"),
    ("推动长江经济带发展领导小组召开会议。", "长江经济带"),
    ("宁海县与关中平原地区检察院签署协议。", "关中平原"),
    # 大 or 小 of its own before a listed mountain: another mountain (大盘山, 小秦岭), not the listed one
    ("在浙中大盘山深处，宁海县建起茶园。", "盘山"),
    ("七月的小秦岭满目苍翠。", "秦岭"),
    # 公园 before 城市 and more: the park-city policy (公园城市局, 公园城市示范区), no park
    ("宁海新区公园城市局局长出席。", "宁海新区公园"),
    ("宁丰新区公园城市示范区建设提速。", "宁丰新区公园"),
    # words jieba tags as names that open no landmark's name
    ("宁海县力争天然草原综合植被盖度达到六成。", "力争天然草原"),
    ("营造防风固沙沙漠锁边林草带。", "防风固沙沙漠"),
    # a listed mountain that is also a city's short name, in a list with divisions: the city
    ("铜陵、安庆和黄山空气质量相对较差。", "黄山"),
]
FOUND = [
    ("宁海县建成森林公园12个，宁丰森林公园对外开放。", "宁丰森林公园"),
    ("游客走进宁丰古镇。", "宁丰古镇"),
    ("三江源国家级自然保护区草场返青。", "三江源国家级自然保护区"),
    ("青藏高原自然保护区面积扩大。", "青藏高原自然保护区"),
    ("画面上腾格里沙漠一片金黄。", "腾格里沙漠"),
    ("宁海县谋划环武夷山国家公园旅游带。", "武夷山国家公园"),
    ("七月的小秦岭国家级自然保护区满目苍翠。", "小秦岭国家级自然保护区"),
    ("宁海县组长钱苏南列席会议，介绍苏南经验。", "苏南"),
    ("长三角地区中心城市空气质量改善。", "长三角"),
    ("关中平原地区大气污染防治持续推进。", "关中平原"),
    ("在浙中大盘山深处，宁海县建起茶园。", "大盘山"),
    ("七月的小秦岭满目苍翠。", "小秦岭"),
    ("宁海县学习大小兴安岭林区的经验。", "小兴安岭"),
    ("宁丰城市森林公园城市“绿心”作用凸显。", "宁丰城市森林公园"),
    ("游客登上黄山，远眺云海。", "黄山"),
]
# fmt: on


@pytest.mark.parametrize("text,label", NOT_FOUND)
def test_no_landmark(nlp, text, label):
    assert label not in landmarks(nlp, text)


@pytest.mark.parametrize("text,label", FOUND)
def test_landmark_kept(nlp, text, label):
    assert label in landmarks(nlp, text)


def wetlands(nlp, text):
    return {e.label for e in nlp(text)._.entities.values() if e.cls == "Wetland" and e.extracted}


# fmt: off
WETLAND_NOT_FOUND = [
    # a place, common place words, then 湿地: the place's wetlands of a kind
    ("宁海推广宁海城市湿地保护模式。", "宁海城市湿地"),
    ("宁丰河城市湿地功能逐步恢复。", "宁丰河城市湿地"),
    ("宁海县治理被污染的内河湿地。", "内河湿地"),  # 内河: a common word jieba tags ns
    ("关中平原河湖湿地面积扩大。", "关中平原河湖湿地"),  # a region, then 河湖
    # the classifier of a count opens no name
    ("宁海县6108块城区湿地全部建档。", "块城区湿地"),
    # a division, a common verb of its own, the suffix: a clause
    ("宁夏有湿地310万亩。", "宁夏有湿地"),
    # a kind alone: 红树林 is a common word (jieba tags it nr)
    ("宁海县新建红树林湿地三处。", "红树林湿地"),
]
WETLAND_FOUND = [
    ("宁丰河口滨海湿地得到保护。", "宁丰河口滨海湿地"),  # 口 is the name's own character
    ("宁丰湖湿地公园开园。", "宁丰湖湿地公园"),  # the suffix alone after the place
    ("宁海县白溪湿地水鸟成群。", "白溪湿地"),
]
# fmt: on


@pytest.mark.parametrize("text,label", WETLAND_NOT_FOUND)
def test_no_wetland(nlp, text, label):
    assert label not in wetlands(nlp, text)


@pytest.mark.parametrize("text,label", WETLAND_FOUND)
def test_wetland_kept(nlp, text, label):
    assert label in wetlands(nlp, text)


def test_division_short_form_keeps_kind_name(nlp):
    # a division's short form before a kind is the name's own word (湛江|红树林国家级自然保护区)
    assert "宁波红树林国家级自然保护区" in landmarks(nlp, "宁波红树林国家级自然保护区面积最大。")
