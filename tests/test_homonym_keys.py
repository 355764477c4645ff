"""Homonym-safe keys (issue 14.1): one node per real thing, across articles and provinces."""

from __future__ import annotations

from collections import defaultdict

import pytest
from click.testing import CliRunner
from rdflib import Graph

from kg.cli import main
from kg.namespace import ENVKG, SKOS
from kg.nlp.link import key_scope, place_key, place_scope, water_key


@pytest.mark.parametrize("name, code, level, key", [
    ("汾河", "140581", "province", "water:汾河"),                  # on the national list, unique: its name
    ("黄河", "640402", "province", "water:黄河"),
    ("清水河", "640402", "province", "water:640000:清水河"),       # a listed name many rivers bear
    ("清水河", "110109", "province", "water:110000:清水河"),
    ("西湖", "330106", "province", "water:330000:西湖"),
    ("东港", "310117", "province", "water:310000:东港"),           # not listed: always with a place
    ("东港", "", "province", "water:unplaced:东港"),
    ("王庄桥断面", "140702", "prefecture", "water:140700:王庄桥断面"),  # sections are local
])
def test_water_key(name, code, level, key):
    assert water_key(name, code, level) == key


@pytest.mark.parametrize("code, level, scope", [
    ("140581", "province", "140000"), ("140581", "prefecture", "140500"), ("140500", "prefecture", "140500"),
    ("140000", "prefecture", "140000"), ("110105", "prefecture", "110100"), ("", "prefecture", "unplaced"),
])
def test_place_scope(code, level, scope):
    assert place_scope(code, level) == scope


def test_key_scope_reads_back_the_place():
    assert key_scope(place_key("landmark", "滨河公园", "640402", "prefecture")) == "640400"
    assert key_scope("water:汾河") == ""


def build(tmp_path, texts: dict[str, str]) -> Graph:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(folder), "--out", str(out), "--no-page", "--no-cache", "-q"])
    assert result.exit_code == 0, result.output
    assert (out / "validation.txt").read_text(encoding="utf-8").startswith("Conforms: yes")
    return Graph().parse(out / "graph.ttl")


def nodes_by_label(graph: Graph, cls) -> dict[str, set]:
    found = defaultdict(set)
    for node in graph.subjects(None, cls):
        for label in [*graph.objects(node, SKOS.prefLabel), *graph.objects(node, SKOS.altLabel)]:
            found[str(label)].add(node)
    return found


# Facilities are modelled as the places they are: a bridge or road is a Landmark, a reservoir a water body.
GUYUAN = ("固原市见闻\n\n宁夏固原市清水河水质持续改善。固原市滨河公园改造完成。固原市污水处理厂提标改造工程开工。汾河水质好转。"
          "固原市王庄桥断面水质达标。固原市东关大桥通车。固原市东山水库蓄水。\n")
GUYUAN_AGAIN = ("固原见闻\n\n固原市清水河两岸绿树成荫，固原市滨河公园游人如织。汾河水质好转。固原市污水处理厂提标改造工程进展顺利。"
                "固原市王庄桥断面水质稳定。固原市东关大桥车流如织。固原市东山水库水位上升。\n")
MENTOUGOU = ("门头沟区见闻\n\n北京市门头沟区清水河水质持续改善。门头沟区滨河公园改造完成。门头沟区污水处理厂提标改造工程开工。"
             "汾河水质好转。门头沟区王庄桥断面水质达标。门头沟区东关大桥通车。门头沟区东山水库蓄水。\n")
NOWHERE = "见闻\n\n清水河两岸绿树成荫。滨河公园游人如织。王庄桥断面水质稳定。东关大桥通车。东山水库蓄水。康王河综合治理工程开工。\n"
NOWHERE_PLACED = "固原市见闻\n\n固原市康王河综合治理工程开工。\n"


# fmt: off
@pytest.mark.parametrize("texts, cls, label, count", [
    # same name in two provinces (or cities): two nodes
    ({"a.txt": GUYUAN, "b.txt": MENTOUGOU}, ENVKG.River, "清水河", 2),
    ({"a.txt": GUYUAN, "b.txt": MENTOUGOU}, ENVKG.Landmark, "滨河公园", 2),
    ({"a.txt": GUYUAN, "b.txt": MENTOUGOU}, ENVKG.Project, "污水处理厂提标改造工程", 2),
    ({"a.txt": GUYUAN, "b.txt": MENTOUGOU}, ENVKG.MonitoringSection, "王庄桥断面", 2),
    ({"a.txt": GUYUAN, "b.txt": MENTOUGOU}, ENVKG.Landmark, "东关大桥", 2),
    ({"a.txt": GUYUAN, "b.txt": MENTOUGOU}, ENVKG.Reservoir, "东山水库", 2),
    # same name and place in two articles: one node
    ({"a.txt": GUYUAN, "c.txt": GUYUAN_AGAIN}, ENVKG.River, "清水河", 1),
    ({"a.txt": GUYUAN, "c.txt": GUYUAN_AGAIN}, ENVKG.Landmark, "滨河公园", 1),
    ({"a.txt": GUYUAN, "c.txt": GUYUAN_AGAIN}, ENVKG.Project, "污水处理厂提标改造工程", 1),
    ({"a.txt": GUYUAN, "c.txt": GUYUAN_AGAIN}, ENVKG.MonitoringSection, "王庄桥断面", 1),
    ({"a.txt": GUYUAN, "c.txt": GUYUAN_AGAIN}, ENVKG.Landmark, "东关大桥", 1),
    ({"a.txt": GUYUAN, "c.txt": GUYUAN_AGAIN}, ENVKG.Reservoir, "东山水库", 1),
    # a name the national list knows as unique: one node wherever it is written
    ({"a.txt": GUYUAN, "b.txt": MENTOUGOU}, ENVKG.River, "汾河", 1),
    # a place that cannot be told: its own node, never a placed namesake's
    ({"a.txt": GUYUAN, "d.txt": NOWHERE}, ENVKG.River, "清水河", 2),
    ({"a.txt": GUYUAN, "d.txt": NOWHERE}, ENVKG.Landmark, "滨河公园", 2),
    ({"a.txt": GUYUAN, "d.txt": NOWHERE}, ENVKG.MonitoringSection, "王庄桥断面", 2),
    ({"a.txt": GUYUAN, "d.txt": NOWHERE}, ENVKG.Landmark, "东关大桥", 2),
    ({"a.txt": GUYUAN, "d.txt": NOWHERE}, ENVKG.Reservoir, "东山水库", 2),
    ({"d.txt": NOWHERE, "e.txt": NOWHERE_PLACED}, ENVKG.Project, "康王河综合治理工程", 2),
])
# fmt: on
def test_one_node_per_real_thing(tmp_path, texts, cls, label, count):
    graph = build(tmp_path, texts)
    assert len(nodes_by_label(graph, cls)[label]) == count


def test_unplaced_key_says_so_and_the_gazetteer_outflow_follows_the_place(tmp_path):
    graph = build(tmp_path, {"a.txt": GUYUAN, "b.txt": MENTOUGOU, "d.txt": NOWHERE})
    rivers = {str(node).split("/id/", 1)[1] for node in nodes_by_label(graph, ENVKG.River)["清水河"]}
    assert rivers == {"water/640000/清水河", "water/110000/清水河", "water/unplaced/清水河"}
    outflows = {str(s).split("/id/", 1)[1]: str(o).split("/id/", 1)[1] for s, o in graph.subject_objects(ENVKG.flowsInto)}
    assert outflows.get("water/640000/清水河") == "water/黄河"   # the listed 清水河 is 宁夏's
    assert "water/110000/清水河" not in outflows and "water/unplaced/清水河" not in outflows


def test_one_name_is_one_node_within_an_article_even_when_written_once_with_its_place(tmp_path):
    text = "门头沟区见闻\n\n宁夏固原市清水河水质持续改善。清水河两岸绿树成荫。\n"
    graph = build(tmp_path, {"a.txt": text})
    [river] = nodes_by_label(graph, ENVKG.River)["清水河"]
    assert str(river).endswith("water/640000/清水河")


# fmt: off
@pytest.mark.parametrize("cls, label, kind", [
    (ENVKG.River, "清水河", "water"), (ENVKG.Landmark, "滨河公园", "landmark"),
    (ENVKG.MonitoringSection, "王庄桥断面", "water"), (ENVKG.Landmark, "东关大桥", "landmark"),
    (ENVKG.Reservoir, "东山水库", "water"), (ENVKG.Project, "康王河综合治理工程", "project"),
])
# fmt: on
def test_an_unplaced_thing_has_a_key_that_says_so(tmp_path, cls, label, kind):
    graph = build(tmp_path, {"d.txt": NOWHERE})
    [node] = nodes_by_label(graph, cls)[label]
    assert str(node).split("/id/", 1)[1] == f"{kind}/unplaced/{label}"
