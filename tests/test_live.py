"""kg.live: a neighbourhood read from the endpoint is the whole graph's, cut to its nodes (issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from kg.live import LiveError, neighbourhood, search_query, start_entity
from kg.network import graph_to_network
from kg.serve_workers import answer
from kg.store import load_store

MINI = Path(__file__).parent / "fixtures" / "mini.ttl"


@pytest.fixture(scope="module")
def store():
    return load_store(MINI)


@pytest.fixture(scope="module")
def whole():
    return graph_to_network(Graph().parse(MINI))


def runner(store, max_results=10_000):
    def run(sparql, accept):
        reply = answer(store, sparql, accept, max_results)
        if reply.status != 200:
            raise LiveError(reply.body.decode("utf-8"), reply.status)
        return reply.body
    return run


def expected(whole, centre, hops):
    U = whole.to_undirected(as_view=True)
    ring, frontier = {centre}, {centre}
    for _ in range(hops):
        frontier = {m for n in frontier for m in U.neighbors(n)} - ring
        ring |= frontier
    return ring


NODE_KEYS = ("label", "aliases", "cls", "admin_code", "lat", "lon", "documents", "observations")


@pytest.mark.parametrize("hops", [1, 2])
def test_every_neighbourhood_is_the_whole_graph_cut_to_it(store, whole, hops):
    run = runner(store)
    for centre in sorted(whole):
        G = neighbourhood(run, centre, hops)
        assert set(G) == expected(whole, centre, hops), centre
        for n in G:
            assert {k: G.nodes[n][k] for k in NODE_KEYS} == {k: whole.nodes[n][k] for k in NODE_KEYS}, n
        got = sorted((u, v, k, str(d["support"])) for u, v, k, d in G.edges(keys=True, data=True))
        want = sorted((u, v, k, str(d["support"])) for u, v, k, d in whole.subgraph(G).edges(keys=True, data=True))
        assert got == want, centre
        for doc in {d for n in G for d in G.nodes[n]["documents"]}:
            assert G.graph["documents"][doc] == whole.graph["documents"][doc]
        assert G.graph["live"] == {"centre": centre, "hops": hops, "truncated": False, "limit": 400}
        assert all("x" in G.nodes[n] and "size" in G.nodes[n] for n in G)


def test_neighbours_past_the_limit_are_left_out_and_said(store, whole):
    centre = max(whole, key=lambda n: whole.degree(n))
    G = neighbourhood(runner(store), centre, 1, limit=3)
    assert centre in G and G.number_of_nodes() == 4 and G.graph["live"]["truncated"] is True


def test_start_entity_and_search(store, whole):
    run = runner(store)
    U = whole.to_undirected()
    top = max(sorted(whole), key=lambda n: U.degree(n))
    assert start_entity(run) == top
    rows = store_rows(run, search_query("高平"))
    assert {"高平市", "晋城市生态环境局高平分局", "高平市委"} <= rows  # names and aliases (高平釜山水库)
    assert "釜山水库" in rows
    assert store_rows(run, search_query('"} DROP')) == set()  # the text is a string literal, never SPARQL


def store_rows(run, sparql):
    import json

    from kg.live import prefix_header

    body = run(prefix_header() + sparql, "application/sparql-results+json")
    return {b["label"]["value"] for b in json.loads(body)["results"]["bindings"]}


def test_not_an_iri_is_refused(store):
    with pytest.raises(LiveError):
        neighbourhood(runner(store), "x> } DROP ALL <y")
