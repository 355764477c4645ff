"""Precision of water-body recognition on real text: verbs, slogans, lists of places and other names
read as water (invented sentences; places such as 宁海县, 白溪, 宁丰湖, 宁丰河)."""

import pytest

WATER = ("River", "Lake", "Reservoir", "Wetland", "MonitoringSection")


def water(nlp, text):
    doc = nlp(text)
    return {e.label for e in doc._.entities.values() if e.extracted and e.cls in WATER}


def water_recognised(nlp, text):
    """The names recognize_water itself reads (another recogniser may read the same span)."""
    from kg.nlp.recognizers import RECOGNIZERS, Context
    from kg.nlp.recognizers.water import recognize_water

    doc = nlp.make_doc(text)
    starts = {t.idx for t in doc}
    ends = {t.idx + len(t.text) for t in doc}
    ctx = Context(doc._.text or text, starts, ends, byline=())
    for recognizer in RECOGNIZERS:
        found = recognizer(ctx)
        if recognizer is recognize_water:
            return {c.text for c in found}
        known = {id(c) for c in ctx.found}
        ctx.found.extend(c for c in found if id(c) not in known)
    return set()


# fmt: off
@pytest.mark.parametrize("text,name", [
    ("养殖户把污水直接排进河里。", "排进河"),  # a verb of one token and its object, written once
    ("污水都直接排进湖里。", "排进湖"),
    ("污水直接流进河里，最终汇入宁丰河。", "流进河"),  # a common verb of its own, then 河 opening 河里
    ("垃圾都倒进湖里。", "倒进湖"),
    ("“同”心共护河畅水清，宁丰河更美了。", "心共护河"),  # a verb and the water of a slogan (河畅水清)
    ("宁丰白湖四地联动，共护宁丰湖。", "宁丰白湖"),  # one-character short names of places, counted after them
    ("宁丰白湖三市签署协议。", "宁丰白湖"),
    ("宁丰河煤矿被罚款20万元。", "宁丰河"),  # a mine named after the river
    ("加快建设宁丰湖科学城。", "宁丰湖"),  # a science city
    ("宁丰湖高新区企业增多。", "宁丰湖"),  # a zone named after the lake
    ("宁丰河开发区新建厂房。", "宁丰河"),
    ("在藏北宁丰塘草原，牧民巡护。", "藏北宁丰塘"),  # a grassland
    ("活动在宁海县高新区港汇天地广场举行。", "高新区港"),  # 港 opens a word of its own (港汇)
])
def test_verb_slogan_list_or_other_name_is_no_water(nlp, text, name):
    assert name not in water(nlp, text)


@pytest.mark.parametrize("text,name", [
    ("宁丰河流经宁海县，宁丰河水质改善。", "宁丰河"),
    ("守护北湖碧水清波，北湖水质优良。", "北湖"),  # a state phrase after a lake of one dictionary word
    ("宁丰渠清水净，沿线群众受益。", "宁丰渠"),  # a slogan after a name of its own token
    ("流域起源于黄家冲水库。", "黄家冲水库"),  # 冲 is a place's, not a verb after a division
    ("宁丰湖四周绿树成荫。", "宁丰湖"),  # 四周 counts no places
    ("上海推进油墩港综合整治。", "油墩港"),  # 港 a token of its own ends a Jiangnan river
    ("宁丰河沿岸种下柳树。", "宁丰河"),
    ("宁海县莲花溪的水质变好了。", "莲花溪"),
    ("推进宁望溪水环境综合治理。", "宁望溪"),  # 望 is a verb of its own, but 宁 before it is none: a name  # 花 is a verb of its own, but 溪 opens no longer word
])
def test_water_name_kept_beside_precision_rules(nlp, text, name):
    assert name in water(nlp, text)


@pytest.mark.parametrize("text,name", [
    ("宁海县有湿地300万亩。", "宁海县有湿地"),  # a division, a common verb of its own and the suffix: a clause
])
def test_division_and_verb_before_suffix_is_no_name(nlp, text, name):
    assert name not in water_recognised(nlp, text)


@pytest.mark.parametrize("text,name", [
    ("流域起源于黄家冲水库。", "黄家冲水库"),
    ("宁海县白溪湿地保护良好。", "白溪湿地"),
])
def test_stem_without_division_verb_kept(nlp, text, name):
    assert name in water_recognised(nlp, text)
@pytest.mark.parametrize("text,lake,river", [
    ("汾河湖流域降雨偏多。", "汾河湖", "汾河"),  # a listed river's name and 湖 of its own: the lake named after it
])
def test_listed_river_and_lake_suffix_is_a_lake(nlp, text, lake, river):
    doc = nlp(text)
    got = {(e.cls, e.label) for e in doc._.entities.values() if e.extracted}
    assert ("Lake", lake) in got and ("River", river) not in got


@pytest.mark.parametrize("text,name", [
    ("长江湖南段水质优良。", "长江"),  # 湖 opens 湖南
    ("湘江湖泊众多。", "湘江"),  # 湖泊, a common noun
])
def test_listed_river_before_other_word_kept(nlp, text, name):
    assert name in water(nlp, text)
@pytest.mark.parametrize("text,name,river", [
    ("黑龙江省加强黑土地保护，黑龙江推进秸秆还田。", "黑龙江", False),  # the province in full elsewhere
    ("宁海县、黑龙江等地开展督察。", "黑龙江", False),  # listed next to a division
    ("黑龙江日报报道，黑龙江省推进保护。", "黑龙江", False),  # not the water inside a paper's name
    ("晋江市发展迅速，晋江流域水质改善。", "晋江", True),  # a word of the water after it
    ("黑龙江省加强保护，黑龙江流域水质改善。", "黑龙江", True),
])
def test_listed_water_that_is_a_division_short_name(nlp, text, name, river):
    assert (name in water(nlp, text)) is river
def test_listed_water_before_a_bridge_is_the_water(nlp):
    # a bridge crosses the water, though the article writes the province in full
    assert "黑龙江" in water_recognised(nlp, "黑龙江省加强保护，建设黑龙江公路大桥。")
@pytest.mark.parametrize("text,name,river", [
    ("宁海县积极推进改革；洋浦率先试行。", "洋浦", False),  # one dictionary word of a place ending in 浦
    ("张家浜两岸绿树成荫。", "张家浜", True),
])
def test_place_word_ending_in_town_suffix(nlp, text, name, river):
    assert (name in water(nlp, text)) is river
# fmt: on


@pytest.mark.parametrize("text,name,kept", [
    ("随后来到宁丰河飞机工业（集团）有限公司考察。", "宁丰河", False),  # only a company's name opens with it
    ("宁丰湖综合性国家科学中心创建工作稳步推进。", "宁丰湖", False),  # a centre's name
    ("宁丰河化工有限公司搬离后，宁丰河水质改善。", "宁丰河", True),  # the article writes the river too
    ("宁丰湖湿地科学中心向游客开放。", "宁丰湖", True),  # water still named in the run (湿地)
])
def test_water_name_only_opening_an_organisation(nlp, text, name, kept):
    assert (name in water(nlp, text)) is kept


@pytest.mark.parametrize("text,name,kept", [
    ("自称已经是第N次来宁丰湖的游客说，宁丰湖区域水质很好。", "次来宁丰湖", False),  # a counter and a verb before it
    ("第N次来白湖的游客说，白湖区域水质很好。", "次来白湖", False),
    ("自称已经是第N次来宁丰湖的游客说，宁丰湖区域水质很好。", "宁丰湖", True),  # the name itself stays
])
def test_counter_and_verb_before_a_water_name(nlp, text, name, kept):
    assert (name in water(nlp, text)) is kept


@pytest.mark.parametrize("text,name,kept", [
    ("白龙滩生态水系风光好，白龙滩水库湖面宽阔。据白龙滩村民介绍。", "白龙滩水库", True),  # the article writes 白龙滩
    ("白龙滩生态水系风光好，白龙滩水库湖面宽阔。据白龙滩村民介绍。", "龙滩水库", False),  # not the listed 龙滩水库
    ("宁海县龙滩水库水质优良。", "龙滩水库", True),  # a division before it
])
def test_listed_name_written_one_character_longer(nlp, text, name, kept):
    assert (name in water(nlp, text)) is kept


@pytest.mark.parametrize("text,name,kept", [
    ("宁海县的溪流、池塘变成了豆浆河。", "豆浆河", False),  # what the water became, written once
    ("污水让白溪沦为酱汁河。", "酱汁河", False),
    ("宁丰河变成了景观带，宁丰河水质改善。", "宁丰河", True),  # the name before the verb
])
def test_water_name_after_a_verb_of_becoming(nlp, text, name, kept):
    assert (name in water(nlp, text)) is kept
