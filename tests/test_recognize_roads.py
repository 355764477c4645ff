"""Named roads, streets and bridges as Landmarks (road_words.tsv, kind_words.tsv): a proper-name
stem, a direction, a suffix; common words with 路/街/桥 in them give no name."""

import pytest


def landmarks(nlp, text):
    return {e.label for e in nlp(text)._.entities.values() if e.cls == "Landmark" and e.extracted}


def located(nlp, text):
    doc = nlp(text)
    label = {key: e.label for key, e in doc._.entities.items()}
    return {(label[r.subject], label[r.object]) for r in doc._.relations if r.predicate == "locatedIn"}


# fmt: off
FOUND = [
    ("巡查人员在东港路上发现积水。", "东港路"),
    ("新厂位于万环西路以南。", "万环西路"),
    ("，天宁寺桥桥下建起了小花园。", "天宁寺桥"),
    ("车队沿着中山北路驶入南京东路。", "中山北路"),
    ("车队沿着中山北路驶入南京东路。", "南京东路"),
    ("晋阳桥下的河水变清了。", "晋阳桥"),
    ("湖滨大道两侧种满了银杏。", "湖滨大道"),
    ("丁家街的商户参与垃圾分类。", "丁家街"),
    ("游客漫步王府井大街。", "王府井大街"),
    ("我们站在长安街上。", "长安街"),
    ("延安中路的雨水管网完成改造。", "延安中路"),
    ("永春北路新装了路灯。", "永春北路"),
]

NOT_FOUND = [
    ("走出一条绿色发展新路。", "发展新路"),
    ("这是生态优先的必由之路。", "必由之路"),
    ("共探低碳发展之路。", "发展之路"),
    ("推动丝绸之路沿线合作。", "丝绸之路"),
    ("道路两侧种满树木。", "道路"),
    ("治水思路更加清晰。", "治水思路"),
    ("新建农村公路和高速公路。", "农村公路"),
    ("新建农村公路和高速公路。", "高速公路"),
    ("青藏铁路穿越保护区。", "青藏铁路"),
    ("集成电路企业落户园区。", "集成电路"),
    ("书记一路走来。", "书记一路"),
    ("环卫工清洗马路。", "清洗马路"),
    ("优化网络线路。", "网络线路"),
    ("经过人民路时看到路边垃圾。", "人民路"),
    ("红军西路完成改造。", "红军西路"),
    ("历史文化街区焕然一新。", "历史文化街"),
    ("美食街人头攒动。", "美食街"),
    ("坚定走康庄大道。", "康庄大道"),
    ("重走长征路。", "长征路"),
    ("全面小康路上一个都不能少。", "小康路"),
    ("坚持群众路线。", "群众路"),
    ("宁弯两里路、不砍一棵树。", "两里路"),
    ("让数据多跑路、群众少跑腿。", "数据多跑路"),
    ("重建桥梁和涵洞。", "重建桥"),
    ("走在福州街头。", "福州街"),
    ("王庄桥断面水质达到Ⅲ类。", "王庄桥"),
]
# fmt: on


@pytest.mark.parametrize("text,label", FOUND)
def test_road_found(nlp, text, label):
    assert label in landmarks(nlp, text)


@pytest.mark.parametrize("text,label", NOT_FOUND)
def test_no_road_from_a_common_word(nlp, text, label):
    found = landmarks(nlp, text)
    assert label not in found and not any(name.endswith(("路", "街", "桥", "大道")) for name in found), found


# fmt: off
LOCATED = [
    ("秦皇岛市东港路出现积水。", ("东港路", "秦皇岛市")),
    ("万环西路位于南沙区。", ("万环西路", "南沙区")),
    ("北京市西城区天宁寺桥下建起小花园。", ("天宁寺桥", "西城区")),
]
# fmt: on


@pytest.mark.parametrize("text,pair", LOCATED)
def test_road_located_where_the_text_says(nlp, text, pair):
    assert pair in located(nlp, text)
