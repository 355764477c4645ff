"""Observation indicators: where the noun phrase naming a figure's quantity begins and ends."""

import pytest

from tests.test_observations import observations


# fmt: off
# Leads are cut whole and longest first: 已经有 is a word of possession, not 已 + 经有.
@pytest.mark.parametrize("text,indicator", [
    ("宁海县已经有58座淤地坝。", "淤地坝"),
    ("宁海县已经建成口袋公园120个。", "建成口袋公园"),
    ("宁海县共计清理河道垃圾300吨。", "清理河道垃圾"),
    ("宁海县拥有自然保护地12个。", "自然保护地"),
    ("宁海县今年以来完成生态补水1.7亿立方米。", "完成生态补水"),
])
def test_leads_are_cut_whole(nlp, text, indicator):
    assert indicator in [o[1] for o in observations(nlp, text)]
# fmt: on


# fmt: off
# A measured figure names the noun right after it; what follows 的 is that noun's property or place.
@pytest.mark.parametrize("text,indicator,bad", [
    ("宁海县有8000亩林地的地块分布已经入库。", "林地", "林地的地块分布"),
    ("有着六十平方公里水面的宁丰湖是宁海县的水缸。", "水面", "水面的宁丰湖是宁海县的"),
    ("宁海县拥有86公里白溪干线的河段。", "白溪干线", "白溪干线的河段"),
])
def test_measured_figure_names_the_noun_before_de(nlp, text, indicator, bad):
    got = [o[1] for o in observations(nlp, text)]
    assert any(g.endswith(indicator) for g in got) and bad not in got, got


# 的 before a quantity of its own, or after a clause, is not cut.
@pytest.mark.parametrize("text,indicator", [
    ("宁海县新增8000亩林地的碳汇量。", "林地的碳汇量"),
])
def test_de_before_a_quantity_stays(nlp, text, indicator):
    assert any(indicator in g for g in [o[1] for o in observations(nlp, text)])
# fmt: on


# fmt: off
# A quoted name after a count is one noun: the count's thing is not cut inside it.
@pytest.mark.parametrize("text,indicator", [
    ("宁海县累计建成490个“金角银边”示范场景。", "建成金角银边示范场景"),
    ("宁海县12个“宁丰湖工程”已完成治理。", "宁丰湖工程"),
])
def test_quoted_name_after_a_count_stays_whole(nlp, text, indicator):
    assert indicator in [o[1] for o in observations(nlp, text)]
# fmt: on
