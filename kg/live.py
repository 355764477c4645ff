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
    """The endpoint did not answer a neighbourhood query."""


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
_CLASSES = " ".join(f"<{c}>" for c in ENTITY_CLASSES)


def _select(run: Run, sparql: str) -> list[dict]:
    body = run(prefix_header() + sparql, JSON)
    return json.loads(body.decode("utf-8"))["results"]["bindings"] if body else []


def _construct(run: Run, sparql: str, into: Graph) -> None:
    body = run(prefix_header() + sparql, NT)
    if body:
        into.parse(data=body.decode("utf-8"), format="nt")


def start_entity(run: Run) -> str | None:
    """The entity with the most relations (where the page opens without ``?entity=``), or None."""
    rows = _select(run, f"""SELECT ?e (COUNT(*) AS ?n) WHERE {{ VALUES ?p {{ {_RELS} }} {{ ?e ?p ?o }} UNION {{ ?o ?p ?e }} }}
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
            rows = _select(run, f"""SELECT DISTINCT ?n WHERE {{ {_values('c', frontier[part:part + CHUNK])} VALUES ?p {{ {_RELS} }}
{{ ?c ?p ?n }} UNION {{ ?n ?p ?c }} }} ORDER BY STR(?n) LIMIT {limit + 1}""")
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
    docs: set[str] = set()
    for part in range(0, len(members), CHUNK):
        chunk = members[part:part + CHUNK]
        values = _values("e", chunk)
        _construct(run, f"""CONSTRUCT {{ ?e ?q ?v }} WHERE {{ {values}
VALUES ?q {{ rdf:type skos:prefLabel skos:altLabel envkg:adminCode geo:lat geo:long envkg:mentionedIn }} ?e ?q ?v }}""", graph)
        # the relations from this chunk to any member, and their statements (evidence, source)
        _construct(run, f"""CONSTRUCT {{ ?e ?p ?o . ?st a rdf:Statement ; rdf:subject ?e ; rdf:predicate ?p ; rdf:object ?o ;
  envkg:evidence ?ev ; prov:wasDerivedFrom ?src . ?src a ?srcType }}
WHERE {{ {values} VALUES ?p {{ {_RELS} }} {_values('o', members)} ?e ?p ?o .
  OPTIONAL {{ ?st rdf:subject ?e ; rdf:predicate ?p ; rdf:object ?o .
    OPTIONAL {{ ?st envkg:evidence ?ev }} OPTIONAL {{ ?st prov:wasDerivedFrom ?src . OPTIONAL {{ ?src a ?srcType }} }} }} }}""",
                   graph)
        _construct(run, f"""CONSTRUCT {{ ?obs envkg:subject ?e ; ?q ?v . ?ind skos:prefLabel ?il . ?c envkg:conflictingObservation ?obs .
  ?c skos:prefLabel ?cl }} WHERE {{ {values} ?obs envkg:subject ?e ; ?q ?v .
  VALUES ?q {{ envkg:indicator envkg:value envkg:unit envkg:year envkg:evidence envkg:mentionedIn }}
  OPTIONAL {{ ?obs envkg:indicator ?ind . ?ind skos:prefLabel ?il }}
  OPTIONAL {{ ?c envkg:conflictingObservation ?obs OPTIONAL {{ ?c skos:prefLabel ?cl }} }} }}""", graph)
    for _, p, o in graph.triples((None, None, None)):
        if str(p).endswith(("#mentionedIn", "#wasDerivedFrom")):
            docs.add(str(o))
    doc_list = sorted(docs)
    for part in range(0, len(doc_list), CHUNK):
        _construct(run, f"""CONSTRUCT {{ ?d ?q ?v . ?f envkg:sourceFile ?file }} WHERE {{ {_values('d', doc_list[part:part + CHUNK])}
VALUES ?q {{ rdf:type dcterms:title dcterms:date dcterms:publisher dcterms:creator dcterms:isPartOf envkg:sourceFile }} ?d ?q ?v .
OPTIONAL {{ ?d dcterms:isPartOf ?f . ?f envkg:sourceFile ?file }} }}""", graph)
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
