# GENERATED FILE - DO NOT EDIT.
# Generated from ontology/envkg.ttl by `python tools/gen_namespace.py`.
# Edit the ontology and rerun that command; tests/test_ontology.py checks this
# file is up to date.
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

    AdministrativeDivision: URIRef
    Article: URIRef
    Bureau: URIRef
    County: URIRef
    Document: URIRef
    Event: URIRef
    Gazetteer: URIRef
    GovernmentBody: URIRef
    Indicator: URIRef
    Lake: URIRef
    Landmark: URIRef
    Measure: URIRef
    MonitoringSection: URIRef
    Observation: URIRef
    Organization: URIRef
    Person: URIRef
    Prefecture: URIRef
    Project: URIRef
    Province: URIRef
    Regulation: URIRef
    Reservoir: URIRef
    River: URIRef
    Species: URIRef
    Township: URIRef
    Village: URIRef
    WaterBody: URIRef
    Wetland: URIRef
    about: URIRef
    adminCode: URIRef
    evidence: URIRef
    flowsInto: URIRef
    headOf: URIRef
    implementedBy: URIRef
    indicator: URIRef
    jurisdiction: URIRef
    locatedIn: URIRef
    mentionedIn: URIRef
    observedAt: URIRef
    organizedBy: URIRef
    partOf: URIRef
    sourceFile: URIRef
    subOrganizationOf: URIRef
    subject: URIRef
    targets: URIRef
    unit: URIRef
    value: URIRef
    year: URIRef
