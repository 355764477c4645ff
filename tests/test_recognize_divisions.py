"""Divisions written as short forms after the province (or prefecture) that holds them."""

import pytest


def divisions(nlp, text):
    return {(e.cls, e.label) for e in nlp(text)._.entities.values() if e.extracted and e.admin_code}


# fmt: off
CASES = [
    # the province written first tells which of several divisions a short form is
    ("在福建长汀，河道整治全面推进。", ("County", "长汀县")),
    ("江西九江推进绿色低碳转型。", ("Prefecture", "九江市")),
    ("在四川宜宾，企业数量增加。", ("Prefecture", "宜宾市")),
    ("北京朝阳开展垃圾分类宣传。", ("County", "朝阳区")),
    ("辽宁朝阳开展植树活动。", ("Prefecture", "朝阳市")),
    # a short form that is also a common word counts only after its province
    ("河南民权推进湿地保护。", ("County", "民权县")),
    # ... or in a 、-list next to a division of the same province
    ("枣庄“5.26”污染环境案、日照“11.23”污染环境案等案件告破。", ("Prefecture", "日照市")),
    ("日照、威海等地开展海滩清理。", ("Prefecture", "日照市")),
    # a province's short form is the province, not a district of its name elsewhere (天津's 河北区)
    ("北京、天津、河北三地联合治污。", ("Province", "河北省")),
    ("河北衡水湖迎来大批候鸟。", ("Province", "河北省")),
    ("吉林查干湖冬捕开始。", ("Province", "吉林省")),
    ("天津市河北区开展垃圾分类。", ("County", "河北区")),
    # a city's short form is the city, not the county of its name inside it
    ("邯郸空气质量持续改善。", ("Prefecture", "邯郸市")),
    ("长沙推进湘江保护。", ("Prefecture", "长沙市")),
    ("长沙县推进湘江保护。", ("County", "长沙县")),
]

NOT_FOUND = [
    ("公民依法享有民权。", ("County", "民权县")),
    ("邯郸空气质量持续改善。", ("County", "邯郸县")),
    ("朝阳产业大有前途。", ("Prefecture", "朝阳市")),
    ("日照、通风和温度都要合适。", ("Prefecture", "日照市")),
    ("北京、天津、河北三地联合治污。", ("County", "河北区")),
    ("日照时间长、威海空气好。", ("Prefecture", "日照市")),  # no list item: a clause about sunlight
]
# fmt: on


@pytest.mark.parametrize("text,division", CASES)
def test_short_form_after_its_province(nlp, text, division):
    assert division in divisions(nlp, text)


@pytest.mark.parametrize("text,division", NOT_FOUND)
def test_short_form_alone_is_no_division(nlp, text, division):
    assert division not in divisions(nlp, text)


# fmt: off
TOWNSHIPS = [
    # a listed river before the township ends its stem (water is read after townships)
    ("鱼苗投放到黄平县舞阳河上塘镇河段。", "上塘镇"),
    # the article's one county holds a township the sentence writes alone
    ("西城区推进架空线入地。月坛街道成为首个完成入地的街道。", "月坛街道"),
]

NOT_TOWNSHIPS = [
    ("西城区推进美丽乡村建设。", "美丽乡"),
    ("西城区开展宣传。例如与街道合作。", "例如与街道"),
]
# fmt: on


@pytest.mark.parametrize("text,label", TOWNSHIPS)
def test_township_found(nlp, text, label):
    assert ("Township", label) in {(e.cls, e.label) for e in nlp(text)._.entities.values()}


@pytest.mark.parametrize("text,label", NOT_TOWNSHIPS)
def test_township_not_found(nlp, text, label):
    assert label not in {e.label for e in nlp(text)._.entities.values()}



def townships_with_parent(nlp, text):
    """(township, the division it is part of) for every township the text yields."""
    doc = nlp(text)
    labels = {e.key: e.label for e in doc._.entities.values()}
    return {(labels[r.subject], labels.get(r.object, r.object)) for r in doc._.relations
            if r.predicate == "partOf" and r.subject.startswith("township:")}


# fmt: off
LISTED_TOWNSHIPS = [
    # the gazetteer (jionlp) places a township the article writes without its county
    ("石湖荡镇村民来电反映河道水草较多。", ("石湖荡镇", "松江区")),
    ("莫干山镇推进生活污水治理。", ("莫干山镇", "德清县")),
    # of namesakes, the one in the province the article names
    ("云南丽江玉龙县石鼓镇开展巡河。", ("石鼓镇", "玉龙纳西族自治县")),
    ("宁夏永宁县闽宁镇建成污水处理站。", ("闽宁镇", "永宁县")),
    ("贵州省晴隆县三宝彝族乡开展植树。", ("三宝彝族乡", "晴隆县")),
    # a prefecture without counties holds its townships itself
    ("广东东莞麻涌镇整治河涌。", ("麻涌镇", "东莞市")),
]

NOT_LISTED_TOWNSHIPS = [
    # a name of many townships (城关镇 ×96) with no division of the article to choose by
    ("城关镇开展河道清理。", "城关镇"),
    # a three-character name is too short to trust alone
    ("太平镇开展河道清理。", "太平镇"),
]
# fmt: on


@pytest.mark.parametrize("text,pair", LISTED_TOWNSHIPS)
def test_listed_township_placed(nlp, text, pair):
    assert pair in townships_with_parent(nlp, text)


@pytest.mark.parametrize("text,label", NOT_LISTED_TOWNSHIPS)
def test_listed_township_needs_a_place(nlp, text, label):
    assert label not in {e.label for e in nlp(text)._.entities.values() if e.cls == "Township"}


def test_listed_township_short_form_after_full_name(nlp):
    doc = nlp("石湖荡镇开展河道整治。石湖荡相关负责人表示将持续清理。")
    towns = [e for e in doc._.entities.values() if e.cls == "Township"]
    assert [(e.label, e.aliases) for e in towns] == [("石湖荡镇", ("石湖荡",))]


def test_township_short_form_alone_is_no_township(nlp):
    # 乾坤湾 is a scenic bend of the Yellow River as well as the town 乾坤湾镇
    assert "Township" not in {e.cls for e in nlp("延川县乾坤湾风光秀丽。")._.entities.values()}


# fmt: off
CHECKED_TOWNSHIPS = [
    # a phrase the gazetteer does not list under the county is no township
    ("涞源县的主要街道完成改造。", "主要街道", None),
    ("安吉县推进美丽乡村建设。", "美丽乡", None),
    # words before a listed name are cut off
    ("嘉善县以姚庄镇为试点推进治理。", "姚庄镇", "姚庄镇"),
    # a township the gazetteer has lost (merged since) stays
    ("巫山县碚石镇开展巡河。", "碚石镇", "碚石镇"),
    # a 乡 made a 镇 since is one node with the listed 镇
    ("资兴市白廊乡关停了碳素厂。", "白廊乡", "白廊镇"),
    # a variant of a listed name is one node with it
    ("晴隆县三宝乡开展植树。", "三宝乡", "三宝彝族乡"),
    # a listed name that only opens with the same characters is another township (桥头胡街道 of 宁海县)
    ("宁海县桥头镇河长办组织巡河。", "桥头镇", "桥头镇"),
]
# fmt: on


@pytest.mark.parametrize("text,written,label", CHECKED_TOWNSHIPS)
def test_township_checked_against_its_county(nlp, text, written, label):
    towns = {e.label: e for e in nlp(text)._.entities.values() if e.cls == "Township"}
    if label is None:
        assert not any(written in lab or lab in written for lab in towns)
    else:
        assert label in towns and (written == label or written in towns[label].aliases)


def division_labels(nlp, text):
    return {(e.cls, e.label) for e in nlp(text)._.entities.values() if e.extracted}


# fmt: off
PHRASE_NAMES = [
    # an adjective before 城区 makes a part of a town, no district, unless the district's city or a sibling is named
    ("宁海县县城老城区的老街完成改造。", ("County", "老城区"), False),
    ("白溪沿岸将建成生态宜居的现代化新城区。", ("County", "新城区"), False),
    ("洛阳市老城区推进河道整治。", ("County", "老城区"), True),
    ("西工区和老城区联合开展巡河。", ("County", "老城区"), True),
    ("西城区推进架空线入地。", ("County", "西城区"), True),  # a direction is no adjective
    # a township whose stem is a verb (建设|镇) is the township only right after its county
    ("上海市推进小流域治理，全域建设镇名单公布。", ("Township", "建设镇"), False),
    ("上海市崇明区建设镇推进小流域治理。", ("Township", "建设镇"), True),
    # a full name that starts inside a name written before it (三江源|区, 九江|城区段) is none
    ("白溪流入三江源区后水质良好。", ("County", "江源区"), False),
    ("九江城区段河道完成整治。", ("County", "江城区"), False),
    ("广东省阳江市江城区开展巡河。", ("County", "江城区"), True),
    # a village after its township opens after a function character
    ("宁海县白溪镇的水库村开展巡河。", ("Village", "水库村"), True),
    ("宁海县白溪镇的水库村开展巡河。", ("Village", "的水库村"), False),
]
# fmt: on


@pytest.mark.parametrize("text,entity,found", PHRASE_NAMES)
def test_division_names_that_read_as_phrases(nlp, text, entity, found):
    assert (entity in division_labels(nlp, text)) is found
