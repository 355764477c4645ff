# GENERATED FILE - DO NOT EDIT.
# Generated from ontology/envkg.ttl by `python tools/gen_namespace.py`.
# Edit the ontology and rerun that command; tests/test_ontology.py checks this
# file is up to date.
# ruff: noqa: E501
"""The envkg vocabulary as a closed rdflib namespace, plus the other namespaces we use.

Example:
    >>> from kg.namespace import ENVKG
    >>> str(ENVKG.partOf)
    'https://w3id.org/envkg/ontology#partOf'
"""

from rdflib.namespace import (
    DCTERMS,
    OWL,
    PROV,
    RDF,
    RDFS,
    SKOS,
    XSD,
    DefinedNamespace,
    Namespace,
)
from rdflib.term import URIRef

__all__ = [
    "DCTERMS",
    "ENVKG",
    "GEO",
    "ID",
    "NIF",
    "OWL",
    "PROV",
    "RDF",
    "RDFS",
    "SKOS",
    "XSD",
]

GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ID = Namespace("https://w3id.org/envkg/id/")


class ENVKG(DefinedNamespace):
    """envkg ontology terms (https://w3id.org/envkg/ontology#)."""

    _fail = True
    _NS = Namespace("https://w3id.org/envkg/ontology#")

    AdministrativeDivision: URIRef  # Administrative division - A Chinese administrative division at any level; carries envkg:adminCode (GB/T 2260) when known.
    Article: URIRef  # Article - One news article inside a Document (a newspaper page holds several); linked to its Document with dcterms:isPartOf.
    Bureau: URIRef  # Ecology and environment authority - An ecology and environment authority at any level, or one of its branches, e.g. 生态环境部, 山西省生态环境厅, 晋城市生态环境局高平分局.
    Country: URIRef  # Country - The country as a whole (中国, written 全国, 我国 in national figures): the subject of nationwide observations; one node, above the provinces.
    County: URIRef  # County - A county-level division: county, county-level city, district of a city (市辖区), banner.
    Document: URIRef  # Document - One input file of the corpus, identified by its base file name (envkg:sourceFile).
    Event: URIRef  # Event - A named meeting, training or inspection round, e.g. 第三轮中央生态环境保护督察.
    Gazetteer: URIRef  # Gazetteer - A reference list (e.g. of administrative divisions or water bodies) from which facts were taken instead of from text; cited with prov:wasDerivedFrom.
    GovernmentBody: URIRef  # Government body - A party or government organ other than an environment authority: committees, offices, inspection teams, e.g. 高平市委, 中央生态环境保护督察组.
    Indicator: URIRef  # Indicator - What an observation measures, e.g. 优良天数; a concept of the envkg:IndicatorScheme.
    IndicatorScheme: URIRef  # envkg indicators - The concept scheme holding every envkg:Indicator.
    Lake: URIRef  # Lake - A named lake, e.g. 法水湖.
    Landmark: URIRef  # Landmark - Any other named place: scenic area, park, mountain, corridor, e.g. 釜山景区, 太行山.
    Measure: URIRef  # Measure - A named governance measure, mode, mechanism, system or campaign, e.g. 首违不罚+警示教育, 五水共治.
    MonitoringSection: URIRef  # Monitoring section - A named water-quality monitoring section (断面), e.g. 王庄桥断面.
    Observation: URIRef  # Observation - A number an article reports about an entity: subject, indicator, value, unit and, when known, year.
    ObservationConflict: URIRef  # Observation conflict - Articles that give different values for one subject, indicator, unit and year: the node links every observation of the disagreement (each with its own article and evidence).
    Organization: URIRef  # Organization - Any other named organisation: newspapers, TV channels, companies.
    Person: URIRef  # Person - A named person.
    Prefecture: URIRef  # Prefecture - A prefecture-level division: prefecture-level city, prefecture, autonomous prefecture, league.
    Project: URIRef  # Project - A named project or programme of works (项目, 工程).
    Province: URIRef  # Province - A province-level division: province, autonomous region, municipality directly under the central government, SAR.
    Regulation: URIRef  # Regulation - A law, regulation or named policy document, e.g. 生态环境监测条例.
    Reservoir: URIRef  # Reservoir - A named reservoir or impounded stretch, e.g. 釜山水库, 汾河三坝库区.
    River: URIRef  # River - A named river or stream, e.g. 黄河, 丹河.
    Species: URIRef  # Species - A named animal or plant species, e.g. 小天鹅, 黑鹳, 华北豹.
    Township: URIRef  # Township - A township-level division: town, township, subdistrict.
    Village: URIRef  # Village - A village-level unit: administrative village, residents' community.
    WaterBody: URIRef  # Water body - A named body of surface water.
    Wetland: URIRef  # Wetland - A named wetland or wetland park.
    about: URIRef  # about - Links an event or measure to the regulation it concerns, e.g. 专题培训班 -> 生态环境监测条例.
    adminCode: URIRef  # administrative division code - GB/T 2260 code of an administrative division: 6 digits (e.g. "140581"), or the 12-digit statistical code below county level.
    conflictingObservation: URIRef  # conflicting observation - Links an envkg:ObservationConflict to one of the observations that disagree.
    evidence: URIRef  # evidence - The sentence (@zh) from which a reified relation statement or an observation was read.
    flowsInto: URIRef  # flows into - Links a water body (or a monitoring section on it) to the water body it drains into, e.g. 汾河 -> 黄河.
    headOf: URIRef  # head of - Links a person to the organisation he or she leads, e.g. 赵庆国 -> 晋城市生态环境局高平分局.
    implementedBy: URIRef  # implemented by - Links a measure or project to the organisation carrying it out, e.g. 首违不罚+警示教育 -> 晋城市生态环境局高平分局.
    indicator: URIRef  # indicator - Links an observation to the indicator it measures, e.g. 优良天数.
    jurisdiction: URIRef  # jurisdiction - Links a bureau or government body to the administrative division it governs, e.g. 晋城市生态环境局高平分局 -> 高平市.
    locatedIn: URIRef  # located in - Links a place, project or event to the place or administrative division it lies in, e.g. 法水湖 -> 高平市.
    mentionedIn: URIRef  # mentioned in - Links an entity (or observation) to a Document or Article in which it is mentioned.
    observedAt: URIRef  # observed at - Links a species to a place where it was seen, e.g. 小天鹅 -> 法水湖.
    organizedBy: URIRef  # organized by - Links an event to the organisation that held it, e.g. 专题培训班 -> 太原市生态环境局.
    partOf: URIRef  # part of - Links an administrative division to the division directly above it, e.g. 高平市 -> 晋城市.
    preferredUnit: URIRef  # preferred unit - The unit a normalised indicator of the envkg:IndicatorScheme is usually reported in, as an envkg:unit string.
    sourceFile: URIRef  # source file - The base file name of a Document, e.g. "000_86313f0a6bb92235.txt".
    subOrganizationOf: URIRef  # sub-organization of - Links an organisation to its parent organisation, e.g. 晋城市生态环境局高平分局 -> 晋城市生态环境局.
    subject: URIRef  # subject - Links an observation to the entity it is about: a division, bureau, water body...
    targets: URIRef  # targets - Links a measure or project to the water body, place or administrative division it acts on, e.g. 丹河水质净化 -> 丹河.
    unit: URIRef  # unit - The unit as a plain string as written: 天, %, 微克/立方米, 亿元... (QUDT mapping in data/lexicons/units.tsv).
    value: URIRef  # value - The numeric value as written in the article (percentages as 100, not 1.0).
    year: URIRef  # year - The year an observation refers to, when stated or clear from context.
