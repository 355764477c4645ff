"""A VoID/DCAT description of the built graph: counts per class, sources, time and licence."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import XSD

from kg import __version__
from kg.namespace import DCTERMS, ENVKG, RDF, RDFS

VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DATASET_LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")
ENTITY_CLASSES = ("Bureau", "GovernmentBody", "Organization", "Province", "Prefecture", "County", "Township",
                  "Village", "River", "Lake", "Reservoir", "Wetland", "MonitoringSection", "Landmark", "Project",
                  "Measure", "Regulation", "Event", "Person", "Species", "Observation", "Indicator", "Document",
                  "Article")


def describe_dataset(graph: Graph, dataset: URIRef, build_time: datetime | None = None) -> Graph:
    """Add a ``void:Dataset``/``dcat:Dataset`` node to `graph` describing its contents; returns `graph`."""
    graph.bind("void", VOID)
    graph.bind("dcat", DCAT)
    counts = Counter()
    for name in ENTITY_CLASSES:
        counts[name] = sum(1 for _ in graph.subjects(RDF.type, ENVKG[name]))
    entities = sum(n for name, n in counts.items() if name not in ("Observation", "Indicator", "Document", "Article"))
    add = graph.add
    add((dataset, RDF.type, VOID.Dataset))
    add((dataset, RDF.type, DCAT.Dataset))
    add((dataset, DCTERMS.title, Literal("envkg knowledge graph", lang="en")))
    add((dataset, DCTERMS.title, Literal("生态环境治理新闻知识图谱", lang="zh")))
    add((dataset, DCTERMS.license, DATASET_LICENSE))
    add((dataset, DCTERMS.creator, Literal(f"envkg {__version__}")))
    add((dataset, VOID.vocabulary, URIRef(str(ENVKG._NS))))
    add((dataset, VOID.entities, Literal(entities, datatype=XSD.integer)))
    if build_time is not None:
        stamp = build_time.astimezone(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
        add((dataset, DCTERMS.created, Literal(stamp, datatype=XSD.dateTime)))
    for doc in sorted(graph.subjects(RDF.type, ENVKG.Document)):
        add((dataset, DCTERMS.source, doc))
    for name, n in sorted(counts.items()):
        if not n:
            continue
        part = URIRef(f"{dataset}/class/{name}")
        add((dataset, VOID.classPartition, part))
        add((part, VOID["class"], ENVKG[name]))
        add((part, VOID.entities, Literal(n, datatype=XSD.integer)))
        add((part, RDFS.label, Literal(name, lang="en")))
    # the triple count includes the count triple itself
    add((dataset, VOID.triples, Literal(len(graph) + 1, datatype=XSD.integer)))
    return graph
