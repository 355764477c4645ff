"""Homonym-safe keys (issue 14.1): one node per real thing, across articles and provinces."""

from __future__ import annotations

from collections import defaultdict

import pytest
from click.testing import CliRunner
from rdflib import Graph

from kg.cli import main
from kg.namespace import ENVKG, SKOS
from kg.nlp.keys import key_scope, landmark_key, place_key, place_scope, project_key, water_key


@pytest.mark.parametrize("name, code, level, key", [
    ("汾河", "140581", "province", "water:汾河"),                  # on the national list, unique: its name
    ("黄河", "640402", "province", "water:黄河"),
    ("太湖", "320506", "province", "water:太湖"),                  # a lake of two provinces (江苏, 浙江)
    ("太湖", "330502", "province", "water:太湖"),
    ("太湖", "", "province", "water:太湖"),                        # unique: even where no place is told
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


LONG = "巴彦淖尔市见闻\n\n巴彦淖尔市实施乌梁素海流域山水林田湖草沙一体化保护和修复工程。\n"
SHORT = "巴彦淖尔市新闻\n\n巴彦淖尔市乌梁素海流域一体化保护和修复工程完工。\n"
OLDER = "巴彦淖尔市消息\n\n巴彦淖尔市乌梁素海流域山水林田湖草一体化保护和修复工程通过验收。\n"
BOTH = "巴彦淖尔市见闻\n\n巴彦淖尔市实施乌梁素海流域山水林田湖草沙一体化保护和修复工程。乌梁素海流域一体化保护和修复工程进展顺利。\n"
ELSEWHERE = "兰州市新闻\n\n兰州市乌梁素海流域一体化保护和修复工程完工。\n"
FULL = "乌梁素海流域山水林田湖草沙一体化保护和修复工程"


SHORT_FORM = "乌梁素海流域一体化保护和修复工程"
OLDER_FORM = "乌梁素海流域山水林田湖草一体化保护和修复工程"


# fmt: off
@pytest.mark.parametrize("texts, forms, nodes", [
    ({"a.txt": LONG, "b.txt": SHORT}, (FULL, SHORT_FORM), 1),       # the full name in one article, the short in another
    ({"a.txt": SHORT, "b.txt": LONG}, (FULL, SHORT_FORM), 1),       # in either order of files
    ({"a.txt": LONG, "b.txt": OLDER}, (FULL, OLDER_FORM), 1),       # the programme's name before 2021 (山水林田湖草)
    ({"a.txt": BOTH}, (FULL, SHORT_FORM), 1),                       # both forms in one article
    ({"a.txt": LONG, "b.txt": SHORT, "c.txt": ELSEWHERE}, (FULL, SHORT_FORM), 2),  # another city's short form: its own
])
# fmt: on
def test_a_long_and_a_short_form_of_one_project_meet_in_one_node(tmp_path, texts, forms, nodes):
    graph = build(tmp_path, texts)
    found = nodes_by_label(graph, ENVKG.Project)
    assert all(found[form] for form in forms)
    assert len(set().union(*(found[form] for form in forms))) == nodes
    [long_node] = found[FULL]
    labels = [str(label) for label in graph.objects(long_node, SKOS.altLabel)]
    assert all(len(str(graph.value(long_node, SKOS.prefLabel))) > len(label) for label in labels)  # the name in full
    assert str(long_node).split("/id/", 1)[1] == "project/150800/乌梁素海流域一体化保护和修复工程"


def test_a_project_written_with_and_without_its_divisions_in_two_articles_is_one_node(tmp_path):
    graph = build(tmp_path, {"a.txt": "湖北新闻\n\n湖北省武汉市黄陂区前川污水处理厂提标改造工程开工。\n",
                             "b.txt": "黄陂区见闻\n\n黄陂区前川污水处理厂提标改造工程完工。\n"})
    found = nodes_by_label(graph, ENVKG.Project)
    [node] = found["湖北省武汉市黄陂区前川污水处理厂提标改造工程"]
    assert found["黄陂区前川污水处理厂提标改造工程"] == {node}
    assert str(node).split("/id/", 1)[1] == "project/420100/前川污水处理厂提标改造工程"


SHIYAN = "十堰市新闻\n\n十堰市保障南水北调中线工程水质安全。三江源国家公园生态持续向好。河源市东江水质优良。\n"
BEIJING = "北京市新闻\n\n北京市南水北调中线工程累计调水600亿立方米。三江源国家公园游客增多。赣州市东江源头植被茂密。\n"
GUANGXI = "梧州市新闻\n\n梧州市东江水质优良。\n"


# fmt: off
@pytest.mark.parametrize("texts, cls, label, key", [
    # a national project (national_projects.tsv): one node whichever city writes it
    ({"a.txt": SHIYAN, "b.txt": BEIJING}, ENVKG.Project, "南水北调中线工程", "project/南水北调中线工程"),
    # a site a national register names once (national_designations.tsv)
    ({"a.txt": SHIYAN, "b.txt": BEIJING}, ENVKG.Landmark, "三江源国家公园", "landmark/三江源国家公园"),
    # a listed river in two of its provinces (东江: 江西, 广东) is the listed one in both
    ({"a.txt": SHIYAN, "b.txt": BEIJING}, ENVKG.River, "东江", "water/360000/东江"),
])
# fmt: on
def test_national_things_are_one_node(tmp_path, texts, cls, label, key):
    graph = build(tmp_path, texts)
    [node] = nodes_by_label(graph, cls)[label]
    assert str(node).split("/id/", 1)[1] == key


def test_a_listed_rivers_namesake_in_another_province_stays_apart(tmp_path):
    graph = build(tmp_path, {"a.txt": SHIYAN, "c.txt": GUANGXI})
    rivers = {str(node).split("/id/", 1)[1] for node in nodes_by_label(graph, ENVKG.River)["东江"]}
    assert rivers == {"water/360000/东江", "water/450000/东江"}


# fmt: off
@pytest.mark.parametrize("name, code, key", [
    ("三北工程", "640402", "project:三北防护林体系建设工程"),       # a short form of a listed national project
    ("三北防护林体系建设工程", "110105", "project:三北防护林体系建设工程"),
    ("南水北调中线工程", "", "project:南水北调中线工程"),            # national: placed or not
    ("前川污水处理厂提标改造工程", "420116", "project:420100:前川污水处理厂提标改造工程"),
    ("乌梁素海流域山水林田湖草沙一体化保护和修复工程", "150802", "project:150800:乌梁素海流域一体化保护和修复工程"),
    ("乌梁素海流域山水林田湖草一体化保护和修复工程", "150802", "project:150800:乌梁素海流域一体化保护和修复工程"),
])
# fmt: on
def test_project_key(name, code, key):
    assert project_key(name, code)[0] == key


# fmt: off
@pytest.mark.parametrize("name, code, key", [
    ("黄河三角洲国家级自然保护区", "370500", "landmark:黄河三角洲国家级自然保护区"),
    ("华南国家植物园", "440100", "landmark:华南国家植物园"),
    ("长江国家文化公园", "", "landmark:长江国家文化公园"),
    ("太行山", "140581", "landmark:太行山"),
    ("黄河三角洲保护区", "370500", "landmark:370500:黄河三角洲保护区"),  # no national designation in the name
    ("人民公园", "", "landmark:unplaced:人民公园"),
])
# fmt: on
def test_landmark_key(name, code, key):
    assert landmark_key(name, code) == key


@pytest.mark.parametrize("name, code, key", [
    ("西溪国家湿地公园", "330106", "water:西溪国家湿地公园"),
    ("东江", "440100", "water:360000:东江"), ("东江", "360700", "water:360000:东江"), ("东江", "450400", "water:450000:东江"),
    ("漳河", "410500", "water:130000:漳河"), ("漳河", "420800", "water:420000:漳河"),
])
def test_water_key_of_national_sites_and_listed_rivers_of_several_provinces(name, code, key):
    assert water_key(name, code) == key


def test_a_place_named_with_its_division_is_keyed_by_it_not_by_the_division_before(tmp_path):
    graph = build(tmp_path, {"a.txt": "见闻\n\n北京百花山、河北驼梁保护区等地的褐马鸡数量增加。\n"})
    [node] = nodes_by_label(graph, ENVKG.Landmark)["河北驼梁保护区"]
    assert str(node).split("/id/", 1)[1] == "landmark/130000/河北驼梁保护区"


def test_a_law_written_with_and_without_the_state_s_name_is_one_node(tmp_path):
    graph = build(tmp_path, {"a.txt": "见闻\n\n学习《中华人民共和国大气污染防治法》。\n",
                             "b.txt": "新闻\n\n各地依据大气污染防治法开展执法。\n"})
    found = nodes_by_label(graph, ENVKG.Regulation)
    assert found["中华人民共和国大气污染防治法"] == found["大气污染防治法"]
    assert len(found["大气污染防治法"]) == 1
