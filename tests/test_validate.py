"""SHACL validation (kg/validate.py) and the ``kg validate`` command."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from rdflib import Graph

from kg.commands.validate import validate_command
from kg.errors import InputError, OntologyError
from kg.validate import ValidationResult, read_graph, summarize, validate, write_report

PREFIXES = """\
@prefix envkg: <https://w3id.org/envkg/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix doc: <https://w3id.org/envkg/id/document/> .
@prefix art: <https://w3id.org/envkg/id/article/000.txt/> .
@prefix div: <https://w3id.org/envkg/id/division/> .
@prefix river: <https://w3id.org/envkg/id/river/> .
@prefix lake: <https://w3id.org/envkg/id/lake/> .
@prefix bureau: <https://w3id.org/envkg/id/bureau/> .
@prefix gov: <https://w3id.org/envkg/id/governmentbody/> .
@prefix person: <https://w3id.org/envkg/id/person/> .
@prefix event: <https://w3id.org/envkg/id/event/> .
@prefix measure: <https://w3id.org/envkg/id/measure/> .
@prefix reg: <https://w3id.org/envkg/id/regulation/> .
@prefix species: <https://w3id.org/envkg/id/species/> .
@prefix landmark: <https://w3id.org/envkg/id/landmark/> .
@prefix ind: <https://w3id.org/envkg/id/indicator/> .
@prefix obs: <https://w3id.org/envkg/id/observation/> .
@prefix st: <https://w3id.org/envkg/id/statement/> .
@prefix gaz: <https://w3id.org/envkg/id/gazetteer/> .

doc:000.txt a envkg:Document ; envkg:sourceFile "000.txt" .
art:1 a envkg:Article ; dcterms:isPartOf doc:000.txt ; dcterms:title "高平市生态环境工作"@zh .
"""

# A conforming graph exercising every relation, an observation and both kinds of statement.
GOOD = """
div:140500 a envkg:Prefecture ; skos:prefLabel "晋城市"@zh ; envkg:adminCode "140500" ; envkg:mentionedIn art:1 .
div:140581 a envkg:County ; skos:prefLabel "高平市"@zh ; skos:altLabel "高平"@zh ; envkg:adminCode "140581" ;
    envkg:partOf div:140500 ; envkg:mentionedIn art:1 .
div:140581001001 a envkg:Village ; skos:prefLabel "某村"@zh ; envkg:adminCode "140581001001" ; envkg:mentionedIn art:1 .
river:丹河 a envkg:River ; skos:prefLabel "丹河"@zh ; envkg:mentionedIn art:1 ; envkg:flowsInto river:沁河 .
river:沁河 a envkg:River ; skos:prefLabel "沁河"@zh ; envkg:mentionedIn art:1 .
lake:法水湖 a envkg:Lake ; skos:prefLabel "法水湖"@zh ; envkg:locatedIn div:140581 ; envkg:mentionedIn art:1 .
landmark:釜山景区 a envkg:Landmark ; skos:prefLabel "釜山景区"@zh ; envkg:locatedIn div:140581 ; envkg:mentionedIn art:1 .
bureau:晋城市生态环境局 a envkg:Bureau ; skos:prefLabel "晋城市生态环境局"@zh ; envkg:jurisdiction div:140500 ;
    envkg:mentionedIn art:1 .
bureau:高平分局 a envkg:Bureau ; skos:prefLabel "晋城市生态环境局高平分局"@zh ; envkg:mentionedIn art:1 ;
    envkg:subOrganizationOf bureau:晋城市生态环境局 ; envkg:jurisdiction div:140581 .
gov:高平市委 a envkg:GovernmentBody ; skos:prefLabel "高平市委"@zh ; envkg:mentionedIn art:1 .
person:赵庆国 a envkg:Person ; skos:prefLabel "赵庆国"@zh ; envkg:headOf bureau:高平分局 ; envkg:mentionedIn art:1 .
reg:监测条例 a envkg:Regulation ; skos:prefLabel "生态环境监测条例"@zh ; envkg:mentionedIn art:1 .
event:培训班 a envkg:Event ; skos:prefLabel "专题培训班"@zh ; envkg:organizedBy bureau:晋城市生态环境局 ;
    envkg:about reg:监测条例 ; envkg:locatedIn div:140500 ; envkg:mentionedIn art:1 .
measure:首违不罚 a envkg:Measure ; skos:prefLabel "首违不罚+警示教育"@zh ; envkg:implementedBy bureau:高平分局 ;
    envkg:targets div:140581 ; envkg:about reg:监测条例 ; envkg:mentionedIn art:1 .
species:小天鹅 a envkg:Species ; skos:prefLabel "小天鹅"@zh ; envkg:observedAt lake:法水湖 ; envkg:mentionedIn art:1 .
ind:优良天数 a envkg:Indicator ; skos:prefLabel "优良天数"@zh .
obs:1 a envkg:Observation ; envkg:subject div:140581 ; envkg:indicator ind:优良天数 ;
    envkg:value "300"^^xsd:decimal ; envkg:unit "天" ; envkg:year "2025"^^xsd:gYear ; envkg:mentionedIn art:1 ;
    envkg:evidence "2025年高平市优良天数达300天。"@zh .
st:1 a rdf:Statement ; rdf:subject lake:法水湖 ; rdf:predicate envkg:locatedIn ; rdf:object div:140581 ;
    prov:wasDerivedFrom art:1 ; envkg:evidence "高平市法水湖湿地公园迎来小天鹅。"@zh .
gaz:divisions a envkg:Gazetteer ; dcterms:title "GB/T 2260 行政区划代码" .
st:2 a rdf:Statement ; rdf:subject div:140581 ; rdf:predicate envkg:partOf ; rdf:object div:140500 ;
    prov:wasDerivedFrom gaz:divisions .
"""

EVIDENCE = "这是证据句。"

# (turtle added to the common header, conforms, expected: (label, path, evidence) of one violation)
# fmt: off
CASES = [
    pytest.param(GOOD, True, None, id="full-graph"),
    pytest.param("""
        div:140581 a envkg:County ; skos:prefLabel "高平市"@zh ; envkg:adminCode "140581" ; envkg:mentionedIn art:1 .
        """, True, None, id="county-alone"),
    pytest.param("""
        river:丹河 a envkg:River ; skos:prefLabel "丹河"@zh ; envkg:mentionedIn art:1 , doc:000.txt .
        """, True, None, id="mentioned-in-document-and-article"),
    pytest.param("""
        div:140581 a envkg:County ; skos:altLabel "高平"@zh ; envkg:mentionedIn art:1 .
        st:9 a rdf:Statement ; rdf:subject div:140581 ; rdf:predicate envkg:partOf ; rdf:object div:140500 ;
            prov:wasDerivedFrom art:1 ; envkg:evidence "这是证据句。"@zh .
        """, False, ("高平", "skos:prefLabel", EVIDENCE), id="missing-prefLabel"),
    pytest.param("""
        div:140581 a envkg:County ; skos:prefLabel "高平市"@zh ; envkg:adminCode "14058" ; envkg:mentionedIn art:1 .
        st:9 a rdf:Statement ; rdf:subject div:140581 ; rdf:predicate envkg:partOf ; rdf:object div:140500 ;
            prov:wasDerivedFrom art:1 ; envkg:evidence "这是证据句。"@zh .
        """, False, ("高平市", "envkg:adminCode", EVIDENCE), id="bad-adminCode"),
    pytest.param("""
        div:140581 a envkg:County ; skos:prefLabel "高平市"@zh ; envkg:adminCode "140581", "140582" ;
            envkg:mentionedIn art:1 .
        """, False, ("高平市", "envkg:adminCode", None), id="two-adminCodes"),
    pytest.param("""
        div:140581 a envkg:County ; skos:prefLabel "高平市"@zh ; envkg:mentionedIn art:1 .
        ind:优良天数 a envkg:Indicator ; skos:prefLabel "优良天数"@zh .
        obs:1 a envkg:Observation ; envkg:subject div:140581 ; envkg:indicator ind:优良天数 ;
            envkg:value "300"^^xsd:decimal , "301"^^xsd:decimal ; envkg:unit "天" ; envkg:mentionedIn art:1 ;
            envkg:evidence "这是证据句。"@zh .
        """, False, ("高平市/优良天数", "envkg:value", EVIDENCE), id="observation-two-values"),
    pytest.param("""
        div:140581 a envkg:County ; skos:prefLabel "高平市"@zh ; envkg:mentionedIn art:1 .
        ind:优良天数 a envkg:Indicator ; skos:prefLabel "优良天数"@zh .
        obs:1 a envkg:Observation ; envkg:subject div:140581 ; envkg:indicator ind:优良天数 ;
            envkg:value "300"^^xsd:decimal ; envkg:unit "天" ; envkg:year "2025"^^xsd:integer ;
            envkg:mentionedIn art:1 ; envkg:evidence "这是证据句。"@zh .
        """, False, ("高平市/优良天数", "envkg:year", EVIDENCE), id="year-not-gYear"),
    pytest.param("""
        div:140581 a envkg:County ; skos:prefLabel "高平市"@zh ; envkg:mentionedIn art:1 .
        ind:优良天数 a envkg:Indicator ; skos:prefLabel "优良天数"@zh .
        obs:1 a envkg:Observation ; envkg:subject div:140581 ; envkg:indicator ind:优良天数 ;
            envkg:value "300" ; envkg:unit "天" ; envkg:mentionedIn art:1 ; envkg:evidence "这是证据句。"@zh .
        """, False, ("高平市/优良天数", "envkg:value", EVIDENCE), id="value-not-decimal"),
    pytest.param("""
        div:140581 a envkg:County ; skos:prefLabel "高平市"@zh ; envkg:mentionedIn art:1 .
        obs:1 a envkg:Observation ; envkg:subject div:140581 ; envkg:indicator div:140581 ;
            envkg:value "300"^^xsd:decimal ; envkg:unit "天" ; envkg:mentionedIn art:1 ;
            envkg:evidence "这是证据句。"@zh .
        """, False, ("高平市/高平市", "envkg:indicator", EVIDENCE), id="indicator-not-an-Indicator"),
    pytest.param("""
        ind:优良天数 a envkg:Indicator ; skos:prefLabel "优良天数"@zh .
        obs:1 a envkg:Observation ; envkg:indicator ind:优良天数 ; envkg:value "300"^^xsd:decimal ;
            envkg:mentionedIn art:1 ; envkg:evidence "这是证据句。"@zh .
        """, False, ("?/优良天数", "envkg:subject", EVIDENCE), id="observation-without-subject-and-unit"),
    pytest.param("""
        div:140581 a envkg:County ; skos:prefLabel "高平市"@zh ; envkg:partOf river:丹河 ; envkg:mentionedIn art:1 .
        river:丹河 a envkg:River ; skos:prefLabel "丹河"@zh ; envkg:mentionedIn art:1 .
        st:9 a rdf:Statement ; rdf:subject div:140581 ; rdf:predicate envkg:partOf ; rdf:object river:丹河 ;
            prov:wasDerivedFrom art:1 ; envkg:evidence "这是证据句。"@zh .
        """, False, ("高平市", "envkg:partOf", EVIDENCE), id="partOf-a-River"),
    pytest.param("""
        river:丹河 a envkg:River ; skos:prefLabel "丹河"@zh ; envkg:partOf div:140581 ; envkg:mentionedIn art:1 .
        div:140581 a envkg:County ; skos:prefLabel "高平市"@zh ; envkg:mentionedIn art:1 .
        st:9 a rdf:Statement ; rdf:subject river:丹河 ; rdf:predicate envkg:partOf ; rdf:object div:140581 ;
            prov:wasDerivedFrom art:1 ; envkg:evidence "这是证据句。"@zh .
        """, False, ("丹河", None, EVIDENCE), id="River-partOf"),
    pytest.param("""
        div:140581 a envkg:County ; skos:prefLabel "高平市"@en ; envkg:mentionedIn art:1 .
        """, False, ("高平市", "skos:prefLabel", None), id="prefLabel-not-zh"),
    pytest.param("""
        div:140581 a envkg:County ; skos:prefLabel "高平市"@zh , "高平"@zh ; envkg:mentionedIn art:1 .
        """, False, ("高平", "skos:prefLabel", None), id="two-prefLabels"),
    pytest.param("""
        div:140581 a envkg:County ; skos:prefLabel "高平市"@zh ; skos:altLabel "高平市"@zh ; envkg:mentionedIn art:1 .
        """, False, ("高平市", "skos:prefLabel", None), id="prefLabel-repeated-as-altLabel"),
    pytest.param("""
        river:丹河 a envkg:River ; skos:prefLabel "丹河"@zh .
        """, False, ("丹河", None, None), id="missing-mentionedIn"),
    pytest.param("""
        river:丹河 a envkg:River ; skos:prefLabel "丹河"@zh ; envkg:mentionedIn div:140581 .
        div:140581 a envkg:County ; skos:prefLabel "高平市"@zh ; envkg:mentionedIn art:1 .
        """, False, ("丹河", None, None), id="mentionedIn-not-a-document"),
    pytest.param("""
        bureau:x a envkg:Bureau , envkg:GovernmentBody ; skos:prefLabel "高平市环委办"@zh ; envkg:mentionedIn art:1 .
        """, False, ("高平市环委办", "rdf:type", None), id="two-entity-classes"),
    pytest.param("""
        div:140581 a envkg:AdministrativeDivision ; skos:prefLabel "高平市"@zh ; envkg:mentionedIn art:1 .
        """, False, ("高平市", "rdf:type", None), id="division-without-level"),
    pytest.param("""
        div:140581 a envkg:County , envkg:Prefecture ; skos:prefLabel "高平市"@zh ; envkg:mentionedIn art:1 .
        """, False, ("高平市", "rdf:type", None), id="division-two-levels"),
    pytest.param("""
        person:赵庆国 a envkg:Person ; skos:prefLabel "赵庆国"@zh ; envkg:headOf landmark:釜山景区 ; envkg:mentionedIn art:1 .
        landmark:釜山景区 a envkg:Landmark ; skos:prefLabel "釜山景区"@zh ; envkg:mentionedIn art:1 .
        st:9 a rdf:Statement ; rdf:subject person:赵庆国 ; rdf:predicate envkg:headOf ; rdf:object landmark:釜山景区 ;
            prov:wasDerivedFrom art:1 ; envkg:evidence "这是证据句。"@zh .
        """, False, ("赵庆国", "envkg:headOf", EVIDENCE), id="headOf-a-Landmark"),
    pytest.param("""
        landmark:釜山景区 a envkg:Landmark ; skos:prefLabel "釜山景区"@zh ; envkg:flowsInto river:丹河 ; envkg:mentionedIn art:1 .
        river:丹河 a envkg:River ; skos:prefLabel "丹河"@zh ; envkg:mentionedIn art:1 .
        st:9 a rdf:Statement ; rdf:subject landmark:釜山景区 ; rdf:predicate envkg:flowsInto ; rdf:object river:丹河 ;
            prov:wasDerivedFrom art:1 ; envkg:evidence "这是证据句。"@zh .
        """, False, ("釜山景区", None, EVIDENCE), id="Landmark-flowsInto"),
    pytest.param("""
        person:赵庆国 a envkg:Person ; skos:prefLabel "赵庆国"@zh ; envkg:locatedIn div:140581 ; envkg:mentionedIn art:1 .
        div:140581 a envkg:County ; skos:prefLabel "高平市"@zh ; envkg:mentionedIn art:1 .
        st:9 a rdf:Statement ; rdf:subject person:赵庆国 ; rdf:predicate envkg:locatedIn ; rdf:object div:140581 ;
            prov:wasDerivedFrom art:1 ; envkg:evidence "这是证据句。"@zh .
        """, False, ("赵庆国", None, EVIDENCE), id="Person-locatedIn"),
    pytest.param("""
        event:培训班 a envkg:Event ; skos:prefLabel "专题培训班"@zh ; envkg:observedAt lake:法水湖 ; envkg:mentionedIn art:1 .
        lake:法水湖 a envkg:Lake ; skos:prefLabel "法水湖"@zh ; envkg:mentionedIn art:1 .
        st:9 a rdf:Statement ; rdf:subject event:培训班 ; rdf:predicate envkg:observedAt ; rdf:object lake:法水湖 ;
            prov:wasDerivedFrom art:1 ; envkg:evidence "这是证据句。"@zh .
        """, False, ("专题培训班", None, EVIDENCE), id="Event-observedAt"),
    pytest.param("""
        event:培训班 a envkg:Event ; skos:prefLabel "专题培训班"@zh ; envkg:organizedBy person:赵庆国 ; envkg:mentionedIn art:1 .
        person:赵庆国 a envkg:Person ; skos:prefLabel "赵庆国"@zh ; envkg:mentionedIn art:1 .
        st:9 a rdf:Statement ; rdf:subject event:培训班 ; rdf:predicate envkg:organizedBy ; rdf:object person:赵庆国 ;
            prov:wasDerivedFrom art:1 ; envkg:evidence "这是证据句。"@zh .
        """, False, ("专题培训班", "envkg:organizedBy", EVIDENCE), id="organizedBy-a-Person"),
    pytest.param("""
        event:培训班 a envkg:Event ; skos:prefLabel "专题培训班"@zh ; envkg:about measure:首违不罚 ; envkg:mentionedIn art:1 .
        measure:首违不罚 a envkg:Measure ; skos:prefLabel "首违不罚"@zh ; envkg:mentionedIn art:1 .
        st:9 a rdf:Statement ; rdf:subject event:培训班 ; rdf:predicate envkg:about ; rdf:object measure:首违不罚 ;
            prov:wasDerivedFrom art:1 ; envkg:evidence "这是证据句。"@zh .
        """, False, ("专题培训班", "envkg:about", EVIDENCE), id="about-a-Measure"),
    pytest.param("""
        measure:首违不罚 a envkg:Measure ; skos:prefLabel "首违不罚"@zh ; envkg:targets person:赵庆国 ;
            envkg:implementedBy div:140581 ; envkg:mentionedIn art:1 .
        person:赵庆国 a envkg:Person ; skos:prefLabel "赵庆国"@zh ; envkg:mentionedIn art:1 .
        div:140581 a envkg:County ; skos:prefLabel "高平市"@zh ; envkg:mentionedIn art:1 .
        st:9 a rdf:Statement ; rdf:subject measure:首违不罚 ; rdf:predicate envkg:targets ; rdf:object person:赵庆国 ;
            prov:wasDerivedFrom art:1 ; envkg:evidence "这是证据句。"@zh .
        """, False, ("首违不罚", "envkg:targets", EVIDENCE), id="targets-a-Person"),
    pytest.param("""
        gov:报社 a envkg:Organization ; skos:prefLabel "晋城日报"@zh ; envkg:jurisdiction div:140581 ;
            envkg:subOrganizationOf div:140581 ; envkg:mentionedIn art:1 .
        div:140581 a envkg:County ; skos:prefLabel "高平市"@zh ; envkg:mentionedIn art:1 .
        """, False, ("晋城日报", "envkg:subOrganizationOf", None), id="Organization-jurisdiction-subOrg-division"),
    pytest.param("""
        lake:法水湖 a envkg:Lake ; skos:prefLabel "法水湖"@zh ; envkg:mentionedIn art:1 .
        div:140581 a envkg:County ; skos:prefLabel "高平市"@zh ; envkg:mentionedIn art:1 .
        st:9 a rdf:Statement ; rdf:subject lake:法水湖 ; rdf:predicate envkg:locatedIn ; rdf:object div:140581 ;
            envkg:evidence "这是证据句。"@zh .
        """, False, ("法水湖 -locatedIn-> 高平市", "prov:wasDerivedFrom", EVIDENCE), id="statement-without-source"),
    pytest.param("""
        lake:法水湖 a envkg:Lake ; skos:prefLabel "法水湖"@zh ; envkg:mentionedIn art:1 .
        div:140581 a envkg:County ; skos:prefLabel "高平市"@zh ; envkg:mentionedIn art:1 .
        st:9 a rdf:Statement ; rdf:subject lake:法水湖 ; rdf:predicate envkg:locatedIn ; rdf:object div:140581 ;
            prov:wasDerivedFrom art:1 .
        """, False, ("法水湖 -locatedIn-> 高平市", None, None), id="text-statement-without-evidence"),
    pytest.param("""
        lake:法水湖 a envkg:Lake ; skos:prefLabel "法水湖"@zh ; envkg:mentionedIn art:1 .
        st:9 a rdf:Statement ; rdf:subject lake:法水湖 ; rdf:predicate skos:related ; rdf:object lake:法水湖 ;
            prov:wasDerivedFrom art:1 ; envkg:evidence "这是证据句。"@zh .
        """, False, ("法水湖 -related-> 法水湖", "rdf:predicate", EVIDENCE), id="statement-unknown-predicate"),
    pytest.param("""
        doc:000.txt envkg:sourceFile "data/raw/000.txt" .
        """, False, ("000.txt", "envkg:sourceFile", None), id="sourceFile-with-directory"),
]
# fmt: on


def test_case_count():
    """Guard against the table shrinking unnoticed."""
    conforming = [c for c in CASES if c.values[1]]
    assert (len(conforming), len(CASES) - len(conforming)) == (3, 30)


def _graph(body: str) -> Graph:
    return Graph().parse(data=PREFIXES + body, format="turtle")


@pytest.mark.parametrize("body,conforms,expected", CASES)
def test_validate_cases(body, conforms, expected):
    graph = _graph(body)
    size = len(graph)
    result = validate(graph)
    assert len(graph) == size, "validate() must not modify its input"
    text = summarize(result, limit=None)
    assert result.conforms is conforms, text
    if conforms:
        assert result.violations == []
        assert text.startswith("Conforms: yes")
        return
    label, path, evidence = expected
    matching = [v for v in result.violations if v.label == label and (path is None or v.path == path)]
    assert matching, f"no violation on {label!r} at {path!r}:\n{text}"
    assert matching[0].evidence == evidence, text
    assert label in text
    if evidence:
        assert f"evidence: {evidence}" in text


def test_document_is_named_by_its_source_file():
    result = validate(_graph('doc:000.txt envkg:sourceFile "data/raw/000.txt" .'))
    assert {(v.label, v.path, v.constraint) for v in result.violations} == {
        ("000.txt", "envkg:sourceFile", "MaxCount"), ("000.txt", "envkg:sourceFile", "Pattern"),
    }


def test_violations_are_sorted_and_readable():
    result = validate(_graph(CASES[4].values[0]))
    assert result.violations == sorted(result.violations, key=lambda v: (v.focus_node, v.path or "", v.message,
                                                                          v.value or ""))
    record = result.violations[0]
    assert record.focus_node == "https://w3id.org/envkg/id/division/140581"
    assert record.value == '"14058"'
    assert record.severity == "Violation"
    assert record.constraint == "Pattern"
    assert "GB/T 2260" in record.message


def test_evidence_prefers_the_matching_statement():
    result = validate(_graph("""
        div:140581 a envkg:County ; skos:prefLabel "高平市"@zh ; envkg:partOf river:丹河 ; envkg:mentionedIn art:1 .
        river:丹河 a envkg:River ; skos:prefLabel "丹河"@zh ; envkg:mentionedIn art:1 .
        st:8 a rdf:Statement ; rdf:subject div:140581 ; rdf:predicate envkg:targets ; rdf:object river:丹河 ;
            prov:wasDerivedFrom art:1 ; envkg:evidence "A 其他句。"@zh .
        st:9 a rdf:Statement ; rdf:subject div:140581 ; rdf:predicate envkg:partOf ; rdf:object river:丹河 ;
            prov:wasDerivedFrom art:1 ; envkg:evidence "B 正确的句子。"@zh .
    """))
    [partof] = [v for v in result.violations if v.path == "envkg:partOf"]
    assert partof.evidence == "B 正确的句子。"


def test_summary_limit():
    result = validate(_graph('river:丹河 a envkg:River . lake:法水湖 a envkg:Lake .'))
    assert len(result.violations) == 4
    assert "Results (first 1 of 4):" in summarize(result, limit=1)
    assert "4 result(s) on 2 node(s)" in summarize(result)


def test_result_is_frozen():
    result = validate(_graph(""))
    assert isinstance(result, ValidationResult) and result.conforms
    with pytest.raises(AttributeError):
        result.conforms = False  # type: ignore[misc]


def test_gazetteer_only_entities_need_no_mention():
    """A river known only as another's outflow carries prov:wasDerivedFrom its gazetteer instead."""
    body = ('river:沁河 a envkg:River ; skos:prefLabel "沁河"@zh ; prov:wasDerivedFrom <https://w3id.org/envkg/id/gazetteer/w> .'
            ' <https://w3id.org/envkg/id/gazetteer/w> a envkg:Gazetteer ; dcterms:title "rivers"@en .')
    assert validate(_graph(body)).conforms
    assert not validate(_graph('river:沁河 a envkg:River ; skos:prefLabel "沁河"@zh .')).conforms


def test_subclasses_need_no_inference():
    """Province..Village and River..Wetland are found by their superclass shapes via the ontology."""
    result = validate(_graph('div:140581 a envkg:County . river:丹河 a envkg:River .'))
    assert {(v.label, v.path) for v in result.violations} == {
        (None, "skos:prefLabel"), (None, None),
    }
    assert len(result.violations) == 4


def test_write_report(tmp_path):
    result = validate(_graph(CASES[4].values[0]))
    ttl, txt = write_report(result, tmp_path / "out")
    assert (ttl.name, txt.name) == ("validation.ttl", "validation.txt")
    assert "高平市" in txt.read_text(encoding="utf-8")
    assert len(Graph().parse(ttl, format="turtle")) == len(result.results_graph)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["validation.ttl", "validation.txt"]


def test_read_graph_errors(tmp_path):
    with pytest.raises(InputError, match="not found"):
        read_graph(tmp_path / "missing.ttl")
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(InputError, match="cannot parse"):
        read_graph(bad)


def test_missing_or_broken_shapes(tmp_path):
    with pytest.raises(OntologyError, match="not found"):
        validate(Graph(), tmp_path / "missing.ttl")
    broken = tmp_path / "shapes.ttl"
    broken.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> . sh:x sh:y", encoding="utf-8")
    with pytest.raises(OntologyError, match="does not parse"):
        validate(Graph(), broken)


# --- kg validate --------------------------------------------------------------------------------


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _write(tmp_path, body: str, name: str = "graph.ttl", fmt: str = "turtle"):
    path = tmp_path / name
    _graph(body).serialize(path, format=fmt, encoding="utf-8")
    return path


@pytest.mark.parametrize("name,fmt", [("graph.ttl", "turtle"), ("graph.nt", "nt"), ("graph.jsonld", "json-ld")])
def test_cli_conforms(runner, tmp_path, name, fmt):
    result = runner.invoke(validate_command, [str(_write(tmp_path, GOOD, name, fmt))])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Conforms: yes")


def test_cli_does_not_conform(runner, tmp_path):
    result = runner.invoke(validate_command, [str(_write(tmp_path, CASES[4].values[0]))])
    assert result.exit_code == 1
    assert "高平市" in result.stdout and EVIDENCE in result.stdout


def test_cli_report_dir(runner, tmp_path):
    result = runner.invoke(validate_command, [str(_write(tmp_path, GOOD)), "--report-dir", str(tmp_path / "rep")])
    assert result.exit_code == 0
    assert (tmp_path / "rep" / "validation.txt").read_text(encoding="utf-8").startswith("Conforms: yes")


@pytest.mark.parametrize("content", [None, "this is not turtle {"])
def test_cli_error_exit_2(runner, tmp_path, content):
    path = tmp_path / "graph.ttl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = runner.invoke(validate_command, [str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("Error: ")


def test_cli_bad_shapes_exit_2(runner, tmp_path):
    result = runner.invoke(validate_command, [str(_write(tmp_path, GOOD)), "--shapes", str(tmp_path / "none.ttl")])
    assert result.exit_code == 2
    assert "none.ttl" in result.stderr


def test_cli_help_has_example(runner):
    result = runner.invoke(validate_command, ["--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert "kg validate out/graph.ttl" in result.output
    assert validate_command.name == "validate"
