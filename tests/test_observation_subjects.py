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
]
# fmt: on


@pytest.mark.parametrize(("text", "value", "subject"), SUBJECT_CASES)
def test_observation_subject(nlp, text, value, subject):
    assert subjects(nlp, text).get(value) == subject
