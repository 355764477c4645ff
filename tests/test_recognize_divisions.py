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
]

NOT_FOUND = [
    ("公民依法享有民权。", ("County", "民权县")),
    ("朝阳产业大有前途。", ("Prefecture", "朝阳市")),
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

