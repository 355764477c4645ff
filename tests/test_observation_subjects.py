"""Observation subjects: which mention a figure is about (table rows, invented sentences)."""

import pytest


def observations(nlp, text):
    doc = nlp(text)
    label = {k: e.label for k, e in doc._.entities.items()}
    return [(label.get(o.subject, o.subject), o.indicator, o.value, o.unit, o.year) for o in doc._.observations]


def subjects(nlp, text):
    """The subject of each figure, by its value."""
    return {value: subject for subject, _, value, _, _ in observations(nlp, text)}


# fmt: off
SUBJECT_CASES = [
    # a body that gives the data only reports it: the river the data names is the subject
    ("宁海县水利局提供数据显示，宁丰河沿线12个监测断面中，水质达标的有9个。", "9", "宁丰河"),
    ("宁海县水利局提供数据显示，宁丰河沿线12个监测断面中，水质达标的有9个。", "12", "宁丰河"),
    ("宁海县水利局的数据显示，宁丰河上有5座水闸。", "5", "宁丰河"),
    ("宁海县水利局介绍，宁丰河上有5座水闸。", "5", "宁丰河"),
    # with nothing named after it, the data is about the body's own place: its division, the country
    ("宁海县水利局的数据显示，今年以来，水质优良比例同比上升3.2个百分点。", "3.2", "宁海县"),
    ("我国重视水环境。生态环境部的数据显示，今年以来，水质优良比例同比上升3.2个百分点。", "3.2", "中国"),
    ("宁海县在宁波。宁波市生态环境局的数据显示，今年以来，水质优良比例同比上升3.2个百分点。", "3.2", "宁波市"),
    # 全市 goes to the 市 named last in its sentence or the one before, not the article's own prefecture
    ("宁波市举行活动，宁波市领导出席。近年来，慈溪市坚决治污。全市6个地表水考核断面水质优良率达100%。", "6", "慈溪市"),
    ("宁波市举行活动，宁波市领导出席，慈溪市领导也出席。宁波市很美。全市6个地表水考核断面水质优良率达100%。", "6", "宁波市"),
    # a figure in a 的-phrase before a name describes that name, not a place written before it
    ("宁海县境内，全长120公里的宁丰河穿城而过。", "120", "宁丰河"),
    ("有着八十平方公里水面的宁丰湖是宁海县的水缸。", "80", "宁丰湖"),
    ("在宁海县，面积2000多亩的白溪湿地重现了飞鸟游鱼。", "2000", "白溪湿地"),
    # not a share of it, not what a haver named before has, not a place by the name
    ("宁海县实施湿地修复，每年30%的宁丰河水来源于此。", "30", "宁海县"),
    ("宁海县拥有163公里的宁丰河岸线。", "163", "宁海县"),
    ("在宁海县，9公里的宁丰河边将再现一条绿色廊道。", "9", "宁海县"),
]
# fmt: on


@pytest.mark.parametrize(("text", "value", "subject"), SUBJECT_CASES)
def test_observation_subject(nlp, text, value, subject):
    assert subjects(nlp, text).get(value) == subject
