"""The graph page for graphs too big to hold whole: one neighbourhood at a time, from the endpoint.

Stage ``SPARQL endpoint -> nx.MultiDiGraph -> HTML`` for ``kg serve`` (issue 13). Above the
whole-graph limit ``kg build`` skips ``graph.html``; ``kg serve`` then serves the same page,
made for the neighbourhood of one entity (``/?entity=IRI&hops=1|2``): the entity, its
neighbours through the 11 relations (at most :data:`NEIGHBOURS`), the relations between them
with their evidence, their observations and the documents they cite, all asked of the
server's own query workers in SPARQL (CONSTRUCT, so :func:`kg.network.graph_to_network` reads
the answer as it reads a whole graph). The page's search box asks ``/sparql`` for names in
the whole graph, and any entity's panel can load its neighbourhood. docs/page.md, "Above the
whole-graph limit".

Example:
    >>> run = lambda sparql, accept: b""          # a stand-in for the query workers
    >>> G = neighbourhood(run, "https://w3id.org/envkg/id/x")
    >>> G.number_of_nodes()
    0
"""

from __future__ import annotations

import json
from collections.abc import Callable

import networkx as nx
from rdflib import Graph

from kg.errors import KGError
from kg.network import ENTITY_CLASSES, RELATIONS, add_metrics, graph_to_network, layout
from kg.store import PREFIXES

__all__ = ["NEIGHBOURS", "SEARCH_MARK", "LiveError", "Run", "neighbourhood", "page_settings", "prefix_header", "search_query",
           "search_template", "start_entity"]

#: Most neighbours a neighbourhood draws (a 2-hop ring of a hub can be thousands).
NEIGHBOURS = 400
#: Entities per attribute query (each answer stays far under ``--max-results`` triples).
CHUNK = 40
NT = "application/n-triples"
JSON = "application/sparql-results+json"

#: ``run(sparql, accept) -> answer body``; raises :class:`LiveError` for an answer other than 200.
Run = Callable[[str, str], bytes]


class LiveError(KGError):
    """The endpoint did not answer a neighbourhood query (``status``: its HTTP status, if any)."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


def prefix_header() -> str:
    """``PREFIX`` lines for every query of the live page (the endpoint's own prefixes)."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def _iri(value: str) -> str:
    if any(c in value for c in '<>"{}|^`\\ \n'):
        raise LiveError(f"not an IRI: {value!r}")
    return f"<{value}>"


def _values(name: str, iris: list[str]) -> str:
    return f"VALUES ?{name} {{ {' '.join(_iri(x) for x in iris)} }}"


_RELS = " ".join(f"<{r}>" for r in RELATIONS)
_REL_LIST = ", ".join(f"<{r}>" for r in RELATIONS)
_CLASSES = " ".join(f"<{c}>" for c in ENTITY_CLASSES)


def _select(run: Run, sparql: str) -> list[dict]:
    body = run(prefix_header() + sparql, JSON)
    return json.loads(body.decode("utf-8"))["results"]["bindings"] if body else []


def _construct(run: Run, sparql: str, into: Graph) -> None:
    body = run(prefix_header() + sparql, NT)
    if body:
        into.parse(data=body.decode("utf-8"), format="nt")


def _construct_parts(run: Run, query: Callable[[list], str], items: list, into: Graph) -> None:
    """``query(part)`` for the items in parts of :data:`CHUNK`; a part whose answer is over the
    endpoint's ``--max-results`` (413) is asked again in halves."""
    parts = [items[i:i + CHUNK] for i in range(0, len(items), CHUNK)]
    while parts:
        part = parts.pop()
        try:
            _construct(run, query(part), into)
        except LiveError as e:
            if e.status != 413 or len(part) == 1:
                raise
            parts += [part[:len(part) // 2], part[len(part) // 2:]]


def start_entity(run: Run) -> str | None:
    """The entity with the most relations (where the page opens without ``?entity=``), or None."""
    rows = _select(run, f"""SELECT ?e (COUNT(*) AS ?n) WHERE {{ {{ ?e ?p ?o }} UNION {{ ?o ?p ?e }} FILTER(?p IN ({_REL_LIST})) }}
GROUP BY ?e ORDER BY DESC(?n) STR(?e) LIMIT 1""")
    return rows[0]["e"]["value"] if rows else None


#: Where the page puts the searched text (a SPARQL string literal) into :func:`search_template`.
SEARCH_MARK = "\x00"


def search_template(limit: int = 30) -> str:
    """The SPARQL the page sends for a search, with :data:`SEARCH_MARK` for the text's literal:
    entities of a contract class whose name or alias contains the text, any case."""
    return (f"SELECT DISTINCT ?e ?label ?cls WHERE {{ {{ ?e skos:prefLabel ?name }} UNION {{ ?e skos:altLabel ?name }} "
            f"FILTER(CONTAINS(LCASE(STR(?name)), {SEARCH_MARK})) ?e skos:prefLabel ?label ; a ?cls . "
            f"VALUES ?cls {{ {_CLASSES} }} }} LIMIT {limit}")


def search_query(text: str, limit: int = 30) -> str:
    """:func:`search_template` for ``text`` (what the page's script makes of it, in Python).

    Example:
        >>> 'CONTAINS(LCASE(STR(?name)), "高平")' in search_query("高平")
        True
    """
    return search_template(limit).replace(SEARCH_MARK, json.dumps(text.lower(), ensure_ascii=False))


def neighbourhood(run: Run, iri: str, hops: int = 1, limit: int = NEIGHBOURS) -> nx.MultiDiGraph:
    """The network of ``iri`` and its neighbours up to ``hops`` (1 or 2) relations away.

    Args:
        run: Runs one query on the endpoint's workers.
        iri: The centre.
        hops: 1 or 2.
        limit: Most neighbours (nearest first: the 1-hop ones before the 2-hop ones).

    Returns:
        The output of :func:`kg.network.graph_to_network` for the sub-graph, with metrics and
        layout; ``G.graph["live"]`` holds the centre, hops, and whether neighbours were left out.
    """
    members, frontier, truncated = [iri], [iri], False
    for _ in range(max(1, min(2, hops))):
        found: list[str] = []
        for part in range(0, len(frontier), CHUNK):
            rows = _select(run, f"""SELECT DISTINCT ?n WHERE {{ {_values('c', frontier[part:part + CHUNK])}
{{ ?c ?p ?n }} UNION {{ ?n ?p ?c }} FILTER(?p IN ({_REL_LIST})) }} ORDER BY STR(?n) LIMIT {limit + 1}""")
            found += [r["n"]["value"] for r in rows if r["n"]["type"] == "uri"]
        seen = set(members)
        fresh = [x for x in dict.fromkeys(found) if x not in seen]
        room = limit + 1 - len(members)
        truncated = truncated or len(fresh) > room
        fresh = fresh[:max(0, room)]
        members += fresh
        frontier = fresh
    graph = Graph()
    _construct(run, "CONSTRUCT { ?a rdfs:subClassOf ?b } WHERE { ?a rdfs:subClassOf ?b }", graph)
    attributes = "rdf:type, skos:prefLabel, skos:altLabel, envkg:adminCode, geo:lat, geo:long, envkg:mentionedIn"
    _construct_parts(run, lambda part: f"""CONSTRUCT {{ ?e ?q ?v }} WHERE {{ {_values('e', part)} ?e ?q ?v
FILTER(?q IN ({attributes})) }}""", members, graph)
    # the relations from a part to any member, then the statements of those relations (evidence, source)
    _construct_parts(run, lambda part: f"""CONSTRUCT {{ ?e ?p ?o }} WHERE {{ {_values('e', part)} ?e ?p ?o .
FILTER(?p IN ({_REL_LIST})) {_values('o', members)} }}""", members, graph)
    relations = sorted(t for t in graph.triples((None, None, None)) if t[1] in RELATIONS)
    _construct_parts(run, lambda part: "CONSTRUCT { ?st ?q ?v } WHERE { VALUES (?s ?p ?o) { "
                     + " ".join(f"({_iri(str(a))} {_iri(str(b))} {_iri(str(c))})" for a, b, c in part)
                     + """ } ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; ?q ?v .
FILTER(?q IN (rdf:type, rdf:subject, rdf:predicate, rdf:object, envkg:evidence, prov:wasDerivedFrom)) }""",
                     relations, graph)
    _construct_parts(run, lambda part: f"""CONSTRUCT {{ ?obs envkg:subject ?e ; ?q ?v . ?ind skos:prefLabel ?il .
  ?c envkg:conflictingObservation ?obs . ?c skos:prefLabel ?cl }} WHERE {{ {_values('e', part)} ?obs envkg:subject ?e ; ?q ?v .
  FILTER(?q IN (envkg:indicator, envkg:value, envkg:unit, envkg:year, envkg:evidence, envkg:mentionedIn))
  OPTIONAL {{ ?obs envkg:indicator ?ind . ?ind skos:prefLabel ?il }}
  OPTIONAL {{ ?c envkg:conflictingObservation ?obs OPTIONAL {{ ?c skos:prefLabel ?cl }} }} }}""", members, graph)
    docs = sorted({str(o) for _, p, o in graph.triples((None, None, None))
                   if str(p).endswith(("#mentionedIn", "#wasDerivedFrom"))})
    _construct_parts(run, lambda part: f"""CONSTRUCT {{ ?d ?q ?v . ?f envkg:sourceFile ?file }} WHERE {{ {_values('d', part)}
?d ?q ?v . FILTER(?q IN (rdf:type, dcterms:title, dcterms:date, dcterms:publisher, dcterms:creator, dcterms:isPartOf,
envkg:sourceFile)) OPTIONAL {{ ?d dcterms:isPartOf ?f . ?f envkg:sourceFile ?file }} }}""", docs, graph)
    G = graph_to_network(graph)
    G.graph["live"] = {"centre": iri, "hops": max(1, min(2, hops)), "truncated": truncated, "limit": limit}
    return layout(add_metrics(G))


def page_settings(G: nx.MultiDiGraph, endpoint: str = "/sparql") -> dict:
    """What the live page's script needs besides the network: the endpoint, the centre, the
    hops, whether neighbours were left out, and the search query (``generate_html(live=...)``)."""
    live = G.graph.get("live", {})
    return {"endpoint": endpoint, "centre": live.get("centre"), "hops": live.get("hops", 1),
            "truncated": bool(live.get("truncated")), "limit": live.get("limit", NEIGHBOURS),
            "prefixes": prefix_header(), "search": search_template(), "mark": SEARCH_MARK}
