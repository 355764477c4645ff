"""Indicator phrases are filed under the normalised scheme."""

import pytest

from kg.indicators import classify, scheme

# fmt: off
CASES = [
    ("优良天数", "good_days"), ("优良天数比例", "good_days_ratio"), ("平均优良天数比例", "good_days_ratio"),
    ("空气质量综合指数", "air_index"), ("城区空气综合指数", "air_index"), ("PM2.5年均浓度", "pm25"),
    ("设区市PM10平均浓度", "pm10"), ("国考断面优良水体比例", "good_water_ratio"),
    ("达到或优于Ⅲ类水体比例", "water_class_iii_ratio"), ("地表水国考断面", "sections"),
    ("农用地和重点建设用地安全利用率", "soil_safe_use"), ("争取到上级资金", "funding"),
    ("罚没款", "funding"), ("群众信访举报件", "complaints"), ("办结率", "complaints_closed_rate"),
    ("已办结", "complaints_closed"), ("清理固废", "solid_waste"), ("刑事移送", "enforcement_cases"),
    ("整改措施", "rectification"), ("帮助企业完成信用修复", "enterprises"),
]
# fmt: on


@pytest.mark.parametrize("phrase,concept", CASES)
def test_classify(phrase, concept):
    assert classify(phrase).id == concept


def test_every_concept_has_a_unit_and_english_label():
    assert len(scheme()) >= 25
    for concept in scheme():
        assert concept.unit and concept.en and concept.zh


def test_scheme_in_the_graph(seed_graph):
    from kg.namespace import ENVKG, SKOS

    g = seed_graph
    broader = {str(g.value(i, SKOS.prefLabel)): str(g.value(g.value(i, SKOS.broader), ENVKG.preferredUnit))
               for i in g.subjects(SKOS.broader, None)}
    assert broader["优良天数"] == "天" and broader["办结率"] == "%"
