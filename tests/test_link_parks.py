"""A park or wetland the article names in full, then by a shorter form: one node."""

import pytest


@pytest.mark.parametrize("text,full,short", [
    ("东城区在龙潭西湖湿地公园举办活动。在西湖湿地公园里，学生设立了西湖湿地简介。", "龙潭西湖湿地公园", "西湖湿地公园"),
    ("东城区在龙潭西湖湿地公园举办活动。在西湖湿地公园里，学生设立了西湖湿地简介。", "龙潭西湖湿地公园", "西湖湿地"),
])
def test_short_forms_of_a_park_are_one_node(nlp, text, full, short):
    ents = [e for e in nlp(text)._.entities.values() if e.cls in ("Wetland", "Landmark")]
    [park] = [e for e in ents if e.label == full]
    assert short in park.aliases and not [e for e in ents if e.label == short]
