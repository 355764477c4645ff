"""Research institutes, universities, associations and secretariats as Organizations (institute_suffix)."""

import pytest


def organizations(nlp, text):
    return {e.label for e in nlp(text)._.entities.values() if e.cls == "Organization"}


# fmt: off
FOUND = [
    ("中国科学院西北高原生物研究所研究员介绍。", "中国科学院西北高原生物研究所"),  # a parent body opens the name
    ("中国环境出版集团出版了该书。", "中国环境出版集团"),
    ("论坛在北京林业大学举行。", "北京林业大学"),
    ("市生态环境局邀请河海大学专家会诊。", "河海大学"),  # the verb before it is cut off
    ("设计单位同济大学提交了方案。", "同济大学"),  # so is a common noun
    ("国际欧亚科学院院士出席。", "国际欧亚科学院"),  # a word of scope stays
    ("宁乡市环保志愿者协会开展巡河。", "宁乡市环保志愿者协会"),
]

NOT_FOUND = [
    ("大学生志愿者参加活动。", "大学"),  # the suffix inside a word
    ("建设岳麓山国家大学科技城。", "岳麓山国家大学"),  # a place named after a university
    ("科研院所和高等学院合作。", "高等学院"),  # common words only: a kind of body
    ("全省有2个国家实验室。", "国家实验室"),
    ("各级领导干部要学会调查研究。", "各级领导干部要学会"),  # 学会 the verb
]
# fmt: on


@pytest.mark.parametrize("text,name", FOUND)
def test_institute_found(nlp, text, name):
    assert name in organizations(nlp, text)


@pytest.mark.parametrize("text,name", NOT_FOUND)
def test_no_institute(nlp, text, name):
    assert not any(name in label for label in organizations(nlp, text))


@pytest.mark.parametrize("text,place", [
    ("紫金山实验室发布成果。", "紫金山"),  # a lab named after a mountain: no mention of the mountain
    ("新水河污水处理有限公司扩建。", "新水河"),  # a company named after a river
])
def test_no_place_read_inside_a_company_or_institute(nlp, text, place):
    assert place not in {e.label for e in nlp(text)._.entities.values() if e.cls != "Organization"}


def companies(nlp, text):
    return {e.label for e in nlp(text)._.entities.values() if e.cls == "Organization"}


# fmt: off
COMPANY_NAMES = [
    # a count before a body's kind is no name (两大|集团公司), nor a description ending in 的
    ("宁海县两大集团公司被通报。", None),
    ("被通报的两家集团公司是白溪集团。", None),
    # a name withheld (某) is no name
    ("浙江宁海某化工有限公司超标排放。", None),
    # a party's role, 的, or words with no name before a division are cut off
    ("施工单位宁波白溪建设有限公司进场。", "宁波白溪建设有限公司"),
    ("位于宁海县的宁波白溪建设有限公司进场。", "宁波白溪建设有限公司"),
    ("执法人员会同宁波市白溪检测研究院人员取样。", "宁波市白溪检测研究院"),
    ("公司全资子公司宁波白溪建设有限公司进场。", "宁波白溪建设有限公司"),
    ("学生就读于宁波白溪师范学院。", "宁波白溪师范学院"),  # a verb with its preposition (就读于) before a division
    # a stem that ends in 类/型 says what kind of university, not which
    ("鼓励国外高水平理工类大学来华合作。", None),
    ("建设高水平研究型大学。", None),
    # a designation after only the organ that gives it names no lab (生态环境部|重点实验室)
    ("王华任生态环境部重点实验室主任。", None),
    ("白溪研究院获批省级重点实验室。", None),
    # the division a dateline opens with is no part of the outlet's channel
    ("四川新闻网-白溪新闻成都7月26日讯 记者报道", "白溪新闻"),
    # a verb jieba tags as a time word (前往) opens no company's name
    ("王华前往白溪出版集团有限公司考察。", "白溪出版集团有限公司"),
    # a company's branch is the body named (…有限公司宁海分公司)
    ("白溪建设股份有限公司宁海分公司被处罚。", "白溪建设股份有限公司宁海分公司"),
]
# fmt: on


@pytest.mark.parametrize("text,label", COMPANY_NAMES)
def test_company_name_boundaries(nlp, text, label):
    found = companies(nlp, text)
    if label is None:
        assert not any(w in lab for lab in found for w in ("集团公司", "某", "大学", "实验室"))
    else:
        assert label in found and not any(label in lab and lab != label for lab in found)
