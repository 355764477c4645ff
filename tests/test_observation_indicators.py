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
