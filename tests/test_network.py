"""Tests for kg.network: rdflib graph -> networkx, metrics and layout (issue 6).

``FIXTURE_TTL`` is a small hand-written graph shaped as docs/design.md says;
tests/test_page.py and tests/test_page_browser.py reuse it.
"""

from __future__ import annotations

import math
import random
import time

import networkx as nx
import pytest
from rdflib import Graph

from kg.network import ENTITY_CLASSES, RELATIONS, add_metrics, graph_to_network, has_coordinates, layout, map_anchors

ID = "https://w3id.org/envkg/id/"
GAOPING_BUREAU = ID + "bureau/晋城市生态环境局高平分局"
JINCHENG_BUREAU = ID + "bureau/晋城市生态环境局"
GAOPING = ID + "division/140581"
MEASURE = ID + "measure/首违不罚警示教育"
DANHE = ID + "river/丹河"
ARTICLE_1 = ID + "article/000_test.txt/1"
ARTICLE_2 = ID + "article/000_test.txt/2"
EVIDENCE = "晋城市生态环境局高平分局推行“首违不罚+警示教育”柔性执法模式。"

FIXTURE_TTL = """
@prefix envkg: <https://w3id.org/envkg/ontology#> .
@prefix id: <https://w3id.org/envkg/id/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix geo: <http://www.w3.org/2003/01/geo/wgs84_pos#> .

<https://w3id.org/envkg/id/document/000_test.txt> a envkg:Document ; envkg:sourceFile "000_test.txt" .
<https://w3id.org/envkg/id/article/000_test.txt/1> a envkg:Article ;
    dcterms:isPartOf <https://w3id.org/envkg/id/document/000_test.txt> ; dcterms:title "一泓清水入黄河"@zh .
<https://w3id.org/envkg/id/article/000_test.txt/2> a envkg:Article ;
    dcterms:isPartOf <https://w3id.org/envkg/id/document/000_test.txt> ; dcterms:title "小天鹅北归法水湖"@zh .
<https://w3id.org/envkg/id/gazetteer/divisions> a envkg:Gazetteer ; dcterms:title "GB/T 2260 行政区划"@zh .

<https://w3id.org/envkg/id/bureau/晋城市生态环境局> a envkg:Bureau ;
    skos:prefLabel "晋城市生态环境局"@zh ;
    envkg:jurisdiction <https://w3id.org/envkg/id/division/140500> ;
    envkg:mentionedIn <https://w3id.org/envkg/id/article/000_test.txt/1> .
<https://w3id.org/envkg/id/bureau/晋城市生态环境局高平分局> a envkg:Bureau ;
    skos:prefLabel "晋城市生态环境局高平分局"@zh ; skos:altLabel "高平分局"@zh ;
    envkg:subOrganizationOf <https://w3id.org/envkg/id/bureau/晋城市生态环境局> ;
    envkg:jurisdiction <https://w3id.org/envkg/id/division/140581> ;
    envkg:mentionedIn <https://w3id.org/envkg/id/article/000_test.txt/1> .
<https://w3id.org/envkg/id/division/140581> a envkg:County ;
    skos:prefLabel "高平市"@zh ; skos:altLabel "高平"@zh, "晋城高平市"@zh ;
    envkg:adminCode "140581" ; geo:lat "35.7977"^^xsd:decimal ; geo:long "112.9236"^^xsd:decimal ;
    envkg:partOf <https://w3id.org/envkg/id/division/140500> ;
    envkg:mentionedIn <https://w3id.org/envkg/id/article/000_test.txt/1> .
<https://w3id.org/envkg/id/division/140500> a envkg:Prefecture ;
    skos:prefLabel "晋城市"@zh ; envkg:adminCode "140500" ;
    envkg:mentionedIn <https://w3id.org/envkg/id/article/000_test.txt/1> .
<https://w3id.org/envkg/id/measure/首违不罚警示教育> a envkg:Measure ;
    skos:prefLabel "首违不罚+警示教育"@zh ;
    envkg:implementedBy <https://w3id.org/envkg/id/bureau/晋城市生态环境局高平分局> ;
    envkg:mentionedIn <https://w3id.org/envkg/id/article/000_test.txt/1> .
<https://w3id.org/envkg/id/river/丹河> a envkg:River ;
    skos:prefLabel "丹河"@zh ; envkg:mentionedIn <https://w3id.org/envkg/id/article/000_test.txt/1> .
<https://w3id.org/envkg/id/lake/法水湖> a envkg:Lake ;
    skos:prefLabel "法水湖"@zh ; envkg:locatedIn <https://w3id.org/envkg/id/division/140581> ;
    envkg:mentionedIn <https://w3id.org/envkg/id/article/000_test.txt/2> .
<https://w3id.org/envkg/id/species/小天鹅> a envkg:Species ;
    skos:prefLabel "小天鹅"@zh ; envkg:observedAt <https://w3id.org/envkg/id/lake/法水湖> ;
    envkg:mentionedIn <https://w3id.org/envkg/id/article/000_test.txt/2> .

<https://w3id.org/envkg/id/statement/s1> a rdf:Statement ;
    rdf:subject <https://w3id.org/envkg/id/measure/首违不罚警示教育> ; rdf:predicate envkg:implementedBy ;
    rdf:object <https://w3id.org/envkg/id/bureau/晋城市生态环境局高平分局> ;
    prov:wasDerivedFrom <https://w3id.org/envkg/id/article/000_test.txt/1> ;
    envkg:evidence "晋城市生态环境局高平分局推行“首违不罚+警示教育”柔性执法模式。"@zh .
<https://w3id.org/envkg/id/statement/s2> a rdf:Statement ;
    rdf:subject <https://w3id.org/envkg/id/division/140581> ; rdf:predicate envkg:partOf ;
    rdf:object <https://w3id.org/envkg/id/division/140500> ;
    prov:wasDerivedFrom <https://w3id.org/envkg/id/gazetteer/divisions> .
<https://w3id.org/envkg/id/statement/s3> a rdf:Statement ;
    rdf:subject <https://w3id.org/envkg/id/species/小天鹅> ; rdf:predicate envkg:observedAt ;
    rdf:object <https://w3id.org/envkg/id/lake/法水湖> ;
    prov:wasDerivedFrom <https://w3id.org/envkg/id/article/000_test.txt/2> ;
    envkg:evidence "200余只北归小天鹅在法水湖结伴而至。"@zh .

<https://w3id.org/envkg/id/indicator/优良天数> a envkg:Indicator ; skos:prefLabel "优良天数"@zh .
<https://w3id.org/envkg/id/observation/o1> a envkg:Observation ;
    envkg:subject <https://w3id.org/envkg/id/division/140581> ;
    envkg:indicator <https://w3id.org/envkg/id/indicator/优良天数> ;
    envkg:value "300"^^xsd:decimal ; envkg:unit "天" ; envkg:year "2025"^^xsd:gYear ;
    envkg:evidence "2025年高平市优良天数达300天。"@zh ;
    envkg:mentionedIn <https://w3id.org/envkg/id/article/000_test.txt/1> .
"""

ENTITY_COUNT = 8


def fixture_graph(extra: str = "") -> Graph:
    """The fixture as an rdflib graph, plus optional extra Turtle (same prefixes)."""
    prefixes = "\n".join(line for line in FIXTURE_TTL.splitlines() if line.startswith("@prefix"))
    graph = Graph()
    graph.parse(data=FIXTURE_TTL, format="turtle")
    if extra:
        graph.parse(data=prefixes + "\n" + extra, format="turtle")
    return graph


@pytest.fixture(scope="module")
def G() -> nx.MultiDiGraph:
    return layout(add_metrics(graph_to_network(fixture_graph())))


def test_one_node_per_entity(G):
    assert G.number_of_nodes() == ENTITY_COUNT
    assert all(not n.startswith((ID + "article", ID + "document", ID + "statement", ID + "observation",
                                 ID + "indicator", ID + "gazetteer")) for n in G)


def test_node_attributes(G):
    bureau = G.nodes[GAOPING_BUREAU]
    assert bureau["label"] == "晋城市生态环境局高平分局"
    assert bureau["aliases"] == ["高平分局"]
    assert bureau["cls"] == "Bureau"
    assert bureau["documents"] == [ARTICLE_1]
    county = G.nodes[GAOPING]
    assert (county["cls"], county["admin_code"]) == ("County", "140581")
    assert county["aliases"] == ["晋城高平市", "高平"]
    assert math.isclose(county["lat"], 35.7977) and math.isclose(county["lon"], 112.9236)
    assert county["observations"] == [{"indicator": "优良天数", "value": "300", "unit": "天", "year": "2025",
                                       "evidence": "2025年高平市优良天数达300天。", "document": ARTICLE_1,
                                       "conflict": None}]


def test_edges_carry_evidence_document_and_source(G):
    relations = sorted(d["relation"] for *_, d in G.edges(data=True))
    assert relations == ["implementedBy", "jurisdiction", "jurisdiction", "locatedIn", "observedAt", "partOf",
                         "subOrganizationOf"]
    implemented = G.get_edge_data(MEASURE, GAOPING_BUREAU, key="implementedBy")
    assert implemented["evidence"] == EVIDENCE
    assert implemented["document"] == ARTICLE_1
    assert implemented["source"] == "text"
    part_of = G.get_edge_data(GAOPING, ID + "division/140500", key="partOf")
    assert part_of["source"] == "gazetteer" and part_of["evidence"] is None
    sub = G.get_edge_data(GAOPING_BUREAU, JINCHENG_BUREAU, key="subOrganizationOf")
    assert sub["evidence"] is None and sub["support"] == []


def test_documents_described(G):
    docs = G.graph["documents"]
    assert docs[ARTICLE_1]["label"] == "000_test.txt · 一泓清水入黄河"
    assert docs[ARTICLE_1]["kind"] == "Article"
    assert docs[ARTICLE_1]["parent"] == ID + "document/000_test.txt"
    assert docs[ID + "gazetteer/divisions"]["kind"] == "Gazetteer"


def test_subclass_of_contract_class_counts():
    extra = """
    envkg:CountyLevelCity rdfs:subClassOf envkg:County .
    <https://w3id.org/envkg/id/division/140521> a envkg:CountyLevelCity ; skos:prefLabel "沁水县"@zh .
    <https://w3id.org/envkg/id/thing/x> a envkg:Indicator ; skos:prefLabel "不是实体"@zh .
    """
    G = graph_to_network(fixture_graph(extra))
    assert G.nodes[ID + "division/140521"]["cls"] == "County"
    assert ID + "thing/x" not in G
    assert G.number_of_nodes() == ENTITY_COUNT + 1


def test_contract_vocabulary_sizes():
    assert len(RELATIONS) == 11
    assert len(ENTITY_CLASSES) == 22


def test_metrics(G):
    sizes = nx.get_node_attributes(G, "size")
    assert all(8 <= s <= 32 for s in sizes.values())
    ranks = nx.get_node_attributes(G, "pagerank")
    assert math.isclose(sum(ranks.values()), 1.0, rel_tol=1e-6)
    assert ranks[ID + "division/140500"] > ranks[MEASURE]
    assert G.nodes[GAOPING_BUREAU]["degree"] == 3


def _random_kg(n: int, seed: int = 7) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    G.add_nodes_from((f"n{i:05d}", {"cls": "Bureau", "label": f"n{i}"}) for i in range(n))
    for i in range(1, n):
        if rng.random() < 0.8:
            G.add_edge(f"n{i:05d}", f"n{rng.randrange(i):05d}", key="partOf")
    return G


def test_layout_deterministic_and_spread():
    first = nx.get_node_attributes(layout(_random_kg(600)), "x")
    second = nx.get_node_attributes(layout(_random_kg(600)), "x")
    assert first == second
    G = layout(_random_kg(600))
    points = {(d["x"], d["y"]) for _, d in G.nodes(data=True)}
    assert len(points) == 600  # no two nodes on one spot


@pytest.mark.parametrize("hash_seeds", [("1", "2"), ("0", "31337")])
def test_issue_15_layout_does_not_depend_on_the_hash_seed(hash_seeds):
    """Two processes with different string hashing lay the graph out the same (the page's bytes)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    code = ("import random, sys; sys.path.insert(0, 'tests'); from test_network import _random_kg; "
            "from kg.network import layout; G = layout(_random_kg(600)); "
            "print(sorted((n, d['x'], d['y']) for n, d in G.nodes(data=True)))")
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root,
                           env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(root)}).stdout
            for seed in hash_seeds]
    assert runs[0] == runs[1] and runs[0].count("n0") == 600


def test_layout_is_fast_at_2000_nodes():
    start = time.perf_counter()
    layout(_random_kg(2000))
    assert time.perf_counter() - start < 10


def test_empty_graph():
    G = layout(add_metrics(graph_to_network(Graph())))
    assert G.number_of_nodes() == 0 and G.graph["documents"] == {}


def test_layout_star_hub_louvain_cannot_split():
    """A hub with 600 leaves (one bureau implementing many measures) is one Louvain community."""
    G = nx.MultiDiGraph()
    G.add_edges_from((f"m{i:03d}", "hub", "implementedBy") for i in range(600))
    layout(G)
    points = {(d["x"], d["y"]) for _, d in G.nodes(data=True)}
    assert len(points) == 601


def test_map_anchors_fixture(G):
    assert map_anchors(G) == {ID + "lake/法水湖": [GAOPING]}


def _places(edges: list[tuple[str, str, str]], located: dict[str, tuple[float, float]]) -> nx.MultiDiGraph:
    P = nx.MultiDiGraph()
    for u, v, key in edges:
        P.add_edge(u, v, key=key)
    for node in P:
        lat, lon = located.get(node, (None, None))
        P.nodes[node].update(lat=lat, lon=lon)
    return P


def test_map_anchors_follow_chains_nearest_first():
    # fmt: off
    P = _places(
        [("村", "镇", "partOf"), ("镇", "县", "partOf"), ("县", "市", "partOf"),
         ("公园", "村", "locatedIn"), ("公园", "市", "locatedIn"),          # 1 hop to 市 beats 3 to 县
         ("局", "县", "jurisdiction"),                                      # not a placing relation
         ("湖A", "湖B", "locatedIn"), ("湖B", "湖A", "locatedIn"),          # a cycle without coordinates
         ("两县之间", "乙县", "locatedIn"), ("两县之间", "甲县", "locatedIn")],  # a tie: smaller key
        {"县": (35.8, 112.9), "市": (35.5, 112.85), "甲县": (36.0, 113.0), "乙县": (36.1, 113.1)},
    )
    # fmt: on
    assert map_anchors(P) == {
        "村": ["镇", "县"], "镇": ["县"], "公园": ["市"], "两县之间": [min("甲县", "乙县")],
    }


@pytest.mark.parametrize(
    ("lat", "lon", "expected"),
    [(35.8, 112.9, True), (None, 112.9, False), (91.0, 112.9, False), (35.8, 181.0, False),
     (float("nan"), 112.9, False), (0.0, 0.0, True)],
)
def test_has_coordinates(lat, lon, expected):
    assert has_coordinates({"lat": lat, "lon": lon}) is expected
