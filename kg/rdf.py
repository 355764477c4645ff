"""Facts -> rdflib Graph in the shape of the graph contract. ``mint_iri`` lives only here."""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg import __version__
from kg.dataset import describe_dataset
from kg.facts import Facts
from kg.indicators import classify
from kg.namespace import DCTERMS, ENVKG, GEO, ID, NIF, OWL, PROV, RDF, RDFS, SKOS
from kg.types import Relation

_IRI_UNSAFE = set(' <>"{}|\\^`%#?&=')

GAZETTEERS = {
    "gazetteer:cpca-adcodes": ("cpca adcodes.csv (GB/T 2260 divisions with coordinates)", "cpca 0.5.5",
                               "https://opensource.org/licenses/MIT"),
    "gazetteer:envkg-water-bodies": ("envkg curated list of China's rivers and lakes (data/gazetteers/water_bodies.tsv)",
                                     __version__, "https://creativecommons.org/publicdomain/zero/1.0/"),
}


def _segment(text: str) -> str:
    return "".join(f"%{ord(ch):02X}" if ch in _IRI_UNSAFE or ord(ch) < 32 else ch for ch in text) or "-"


def mint_iri(key: str) -> URIRef:
    """The one place instance IRIs are made: from a canonical key, stable across runs.

    >>> str(mint_iri("division:140581"))
    'https://w3id.org/envkg/id/division/140581'
    >>> str(mint_iri("org:140581:分局"))
    'https://w3id.org/envkg/id/org/140581/分局'
    """
    return ID["/".join(_segment(part) for part in key.split(":"))]


def _digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def statement_key(rel: Relation) -> str:
    """Canonical key of the statement that records where a relation came from."""
    return f"statement:{_digest(rel.subject, rel.predicate, rel.object, rel.source, rel.begin)}"


def facts_to_graph(facts: Facts, build_time: datetime | None = None) -> Graph:
    """Build the RDF graph of a corpus's facts."""
    graph = Graph()
    for prefix, ns in (("envkg", ENVKG._NS), ("id", ID), ("skos", SKOS), ("prov", PROV), ("dcterms", DCTERMS),
                       ("geo", GEO), ("nif", NIF), ("owl", OWL)):
        graph.bind(prefix, ns, replace=True)
    add = graph.add
    for name in sorted(facts.documents):
        doc = mint_iri(f"document:{name}")
        add((doc, RDF.type, ENVKG.Document))
        add((doc, ENVKG.sourceFile, Literal(name)))
    for aid, article in sorted(facts.articles.items()):
        node = mint_iri(aid)
        add((node, RDF.type, ENVKG.Article))
        add((node, DCTERMS.isPartOf, mint_iri(f"document:{article.source_file}")))
        add((node, DCTERMS.title, Literal(article.title, lang="zh")))
        add((node, NIF.beginIndex, Literal(article.begin, datatype=XSD.nonNegativeInteger)))
        add((node, NIF.endIndex, Literal(article.end, datatype=XSD.nonNegativeInteger)))
        if article.outlet:
            add((node, DCTERMS.publisher, Literal(article.outlet, lang="zh")))
        for name in article.byline:
            add((node, DCTERMS.creator, Literal(name, lang="zh")))
        if article.date:
            add((node, DCTERMS.date, Literal(article.date)))
    for key, ent in sorted(facts.entities.items()):
        node = mint_iri(key)
        add((node, RDF.type, ENVKG[ent.cls]))
        add((node, SKOS.prefLabel, Literal(ent.label, lang="zh")))
        for alias in ent.aliases:
            add((node, SKOS.altLabel, Literal(alias, lang="zh")))
        for aid in sorted(facts.mentioned_in.get(key, ())):
            add((node, ENVKG.mentionedIn, mint_iri(aid)))
        if ent.admin_code:
            add((node, ENVKG.adminCode, Literal(ent.admin_code)))
        if ent.lat is not None and ent.lon is not None:
            add((node, GEO.lat, Literal(f"{ent.lat:.6f}", datatype=XSD.decimal)))
            add((node, GEO.long, Literal(f"{ent.lon:.6f}", datatype=XSD.decimal)))
        if not facts.mentioned_in.get(key):
            source = "gazetteer:cpca-adcodes" if ent.admin_code else "gazetteer:envkg-water-bodies" \
                if key.startswith("water:") else ""
            if source:
                add((node, PROV.wasDerivedFrom, mint_iri(source)))
    used_gazetteers = set()
    for rel in sorted(facts.relations, key=lambda r: (r.subject, r.predicate, r.object, r.source, r.begin)):
        if rel.subject not in facts.entities or rel.object not in facts.entities:
            continue
        s, p, o = mint_iri(rel.subject), ENVKG[rel.predicate], mint_iri(rel.object)
        add((s, p, o))
        st = mint_iri(statement_key(rel))
        add((st, RDF.type, RDF.Statement))
        add((st, RDF.subject, s))
        add((st, RDF.predicate, p))
        add((st, RDF.object, o))
        add((st, PROV.wasDerivedFrom, mint_iri(rel.source)))
        if rel.source.startswith("gazetteer:"):
            used_gazetteers.add(rel.source)
        else:
            add((st, ENVKG.evidence, Literal(rel.evidence, lang="zh")))
            add((st, NIF.referenceContext, mint_iri(rel.source)))
            add((st, NIF.beginIndex, Literal(rel.begin, datatype=XSD.nonNegativeInteger)))
            add((st, NIF.endIndex, Literal(rel.end, datatype=XSD.nonNegativeInteger)))
    for key, ent in facts.entities.items():
        if not facts.mentioned_in.get(key):
            used_gazetteers.add("gazetteer:cpca-adcodes" if ent.admin_code else "gazetteer:envkg-water-bodies")
    for name in sorted(used_gazetteers & set(GAZETTEERS)):
        title, version, license_iri = GAZETTEERS[name]
        node = mint_iri(name)
        add((node, RDF.type, ENVKG.Gazetteer))
        add((node, DCTERMS.title, Literal(title, lang="en")))
        add((node, OWL.versionInfo, Literal(version)))
        add((node, DCTERMS.license, URIRef(license_iri)))
    indicators = set()
    for obs in sorted(facts.observations, key=lambda o: (o.source, o.begin, o.indicator, o.value, o.unit)):
        if obs.subject not in facts.entities:
            continue
        node = mint_iri(f"observation:{_digest(obs.subject, obs.indicator, obs.value, obs.unit, obs.year, obs.source, obs.begin)}")
        indicator = mint_iri(f"indicator:{obs.indicator}")
        indicators.add((indicator, obs.indicator))
        add((node, RDF.type, ENVKG.Observation))
        add((node, ENVKG.subject, mint_iri(obs.subject)))
        add((node, ENVKG.indicator, indicator))
        add((node, ENVKG.value, Literal(obs.value, datatype=XSD.decimal)))
        add((node, ENVKG.unit, Literal(obs.unit)))
        if obs.year:
            add((node, ENVKG.year, Literal(obs.year, datatype=XSD.gYear)))
        add((node, ENVKG.mentionedIn, mint_iri(obs.source)))
        add((node, ENVKG.evidence, Literal(obs.evidence, lang="zh")))
        add((node, NIF.referenceContext, mint_iri(obs.source)))
        add((node, NIF.beginIndex, Literal(obs.begin, datatype=XSD.nonNegativeInteger)))
        add((node, NIF.endIndex, Literal(obs.end, datatype=XSD.nonNegativeInteger)))
    concepts = set()
    for indicator, label in sorted(indicators):
        add((indicator, RDF.type, ENVKG.Indicator))
        add((indicator, SKOS.prefLabel, Literal(label, lang="zh")))
        add((indicator, SKOS.inScheme, ENVKG.IndicatorScheme))
        concept = classify(label)
        if concept is not None:
            add((indicator, SKOS.broader, mint_iri(f"indicator-concept:{concept.id}")))
            concepts.add(concept)
    for concept in sorted(concepts, key=lambda c: c.id):
        node = mint_iri(f"indicator-concept:{concept.id}")
        add((node, RDF.type, ENVKG.Indicator))
        add((node, SKOS.prefLabel, Literal(concept.zh, lang="zh")))
        add((node, RDFS.label, Literal(concept.en, lang="en")))
        add((node, SKOS.notation, Literal(concept.id)))
        add((node, ENVKG.preferredUnit, Literal(concept.unit)))
        add((node, SKOS.inScheme, ENVKG.IndicatorScheme))
        add((node, SKOS.topConceptOf, ENVKG.IndicatorScheme))
    _add_build_activity(graph, facts, build_time)
    return describe_dataset(graph, mint_iri("dataset:envkg"), build_time)


def _add_build_activity(graph: Graph, facts: Facts, build_time: datetime | None) -> None:
    """The build as a prov:Activity: envkg version, time, the documents it used."""
    sources = sorted(facts.documents)
    node = mint_iri(f"build:{_digest(__version__, *sources)}")
    graph.add((node, RDF.type, PROV.Activity))
    graph.add((node, OWL.versionInfo, Literal(f"envkg {__version__}")))
    if build_time is not None:
        stamp = build_time.astimezone(timezone.utc).replace(microsecond=0)
        graph.add((node, PROV.endedAtTime, Literal(stamp.isoformat().replace("+00:00", "Z"), datatype=XSD.dateTime)))
    for name in sources:
        graph.add((node, PROV.used, mint_iri(f"document:{name}")))
