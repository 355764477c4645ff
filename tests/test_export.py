"""The streaming graph writer: sorted subjects -> Turtle / N-Triples, staged outputs."""

from __future__ import annotations

import io

import pyoxigraph
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.export import ntriples_lines, turtle_block, write_subjects
from kg.outputs import StagedOutputs
from kg.rdf import Subject, iri, literal


@pytest.fixture(scope="module")
def seed_facts():
    from kg.build import extract
    from tests.conftest import SEED

    facts, _ = extract([SEED])
    return facts


@pytest.fixture(scope="module")
def seed_streams(seed_facts, tmp_path_factory):
    from kg.rdf import facts_to_subjects

    sinks = {"ttl": io.BytesIO(), "nt": io.BytesIO()}
    write_subjects(facts_to_subjects(seed_facts), sinks)
    return {fmt: sink.getvalue() for fmt, sink in sinks.items()}


def test_streamed_turtle_and_ntriples_hold_the_rdflib_graph(seed_facts, seed_streams):
    from kg.rdf import facts_to_graph

    reference = facts_to_graph(seed_facts)
    assert len(reference) > 2000
    for fmt, rdflib_format in (("ttl", "turtle"), ("nt", "nt")):
        assert isomorphic(Graph().parse(data=seed_streams[fmt].decode("utf-8"), format=rdflib_format), reference)


@pytest.mark.parametrize("fmt,mime", [("ttl", "text/turtle"), ("nt", "application/n-triples")])
def test_a_second_parser_reads_the_streams(seed_streams, fmt, mime):
    triples = list(pyoxigraph.parse(seed_streams[fmt], format=pyoxigraph.RdfFormat.from_media_type(mime)))
    assert len(triples) == len(Graph().parse(data=seed_streams["nt"].decode("utf-8"), format="nt"))


def test_ntriples_lines_are_sorted_and_unique(seed_streams):
    lines = seed_streams["nt"].decode("utf-8").splitlines()
    assert lines == sorted(set(lines))


def test_void_triple_count_is_exact(seed_streams):
    from kg.dataset import VOID

    graph = Graph().parse(data=seed_streams["ttl"].decode("utf-8"), format="turtle")
    [count] = list(graph.objects(None, VOID.triples))
    assert int(count) == len(graph)


def test_in_memory_lines_equal_the_stream(seed_facts, seed_streams):
    from kg.rdf import facts_to_subjects

    assert "".join(ntriples_lines(facts_to_subjects(seed_facts))).encode("utf-8") == seed_streams["nt"]


# fmt: off
LITERALS = [
    ("plain", "", ""),
    ('他说"好"', "zh", ""),
    ("back\\slash", "", ""),
    ("两行\n文字\r\n", "zh", ""),
    ("tab\tand\x01bell\x07", "", ""),
    ("12.5", "", "http://www.w3.org/2001/XMLSchema#decimal"),
    ("^^ 和 @zh", "zh", ""),
    ("", "", ""),
]
# fmt: on


@pytest.mark.parametrize("text,lang,datatype", LITERALS)
def test_literals_round_trip_through_both_formats(text, lang, datatype, tmp_path):
    subject = Subject(iri("https://w3id.org/envkg/id/x/1"),
                      [(iri("https://w3id.org/envkg/ontology#evidence"), literal(text, lang=lang, datatype=datatype))])
    sinks = {"ttl": io.BytesIO(), "nt": io.BytesIO()}
    write_subjects([subject], sinks)
    expected = Literal(text, lang=lang or None, datatype=URIRef(datatype) if datatype else None)
    for fmt, rdflib_format in (("ttl", "turtle"), ("nt", "nt")):
        [(_, _, value)] = list(Graph().parse(data=sinks[fmt].getvalue().decode("utf-8"), format=rdflib_format))
        assert value == expected and str(value) == text


# fmt: off
IRIS = [
    ("https://w3id.org/envkg/ontology#partOf", "envkg:partOf"),
    ("http://www.w3.org/2004/02/skos/core#prefLabel", "skos:prefLabel"),
    ("https://w3id.org/envkg/id/org/140581/分局", "<https://w3id.org/envkg/id/org/140581/分局>"),
    ("https://w3id.org/envkg/ontology#has.dot", "<https://w3id.org/envkg/ontology#has.dot>"),
    ("http://example.org/other", "<http://example.org/other>"),
]
# fmt: on


@pytest.mark.parametrize("value,written", IRIS)
def test_turtle_compacts_only_safe_vocabulary_names(value, written):
    block = turtle_block(Subject(iri("https://w3id.org/envkg/id/x/1"), [(iri(value), iri(value))]))
    assert block.endswith(f" {written} .\n\n")


def test_staged_outputs_vanish_on_failure(tmp_path):
    (tmp_path / "graph.ttl").write_bytes(b"last good")
    with pytest.raises(RuntimeError), StagedOutputs(tmp_path) as staged:
        with staged.open("graph.ttl") as handle:
            handle.write(b"half written")
        raise RuntimeError("failed half-way")
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith(".")] == ["graph.ttl"]
    assert (tmp_path / "graph.ttl").read_bytes() == b"last good"


def test_staged_outputs_commit_together(tmp_path):
    with StagedOutputs(tmp_path / "out") as staged:
        staged.write("a.ttl", b"a")
        staged.write("b.nt", b"b")
        assert not (tmp_path / "out" / "a.ttl").exists()
        staged.commit()
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")) == ["a.ttl", "b.nt"]


def test_jsonld_alone_writes_no_helper_file(tmp_path):
    from kg.build import build
    from tests.conftest import SEED

    build([SEED], tmp_path, formats=("jsonld",), page=False, validate=True)
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == ["graph.jsonld", "report.json", "validation.ttl",
                                                          "validation.txt"]
    assert len(Graph().parse(tmp_path / "graph.jsonld", format="json-ld")) > 2000


@pytest.mark.parametrize("first,second", [((), ("ttl",)), (("ttl",), ()), (("ttl",), ("ttl", "nt")),
                                          (("ttl", "nt"), ("nt",))])
def test_cache_entries_serve_only_builds_they_hold_enough_for(tmp_path, first, second):
    from kg.build import extract
    from kg.parallel import usable
    from tests.conftest import SEED

    cache = tmp_path / "cache"
    full, _ = extract([SEED], cache_dir=cache, formats=first, rendered=[] if first else None)
    [entry] = [p for p in cache.rglob("*.pkl")]
    import pickle

    hit = pickle.loads(entry.read_bytes())
    assert usable(hit, first)
    assert usable(hit, second) == (set(second) <= set(first) if second else not first)
    rendered: list = []
    again, _ = extract([SEED], cache_dir=cache, formats=second, rendered=rendered if second else None)
    assert sorted(again.entities) == sorted(full.entities)
    if second:
        assert rendered and all(set(second) <= set(doc.blobs) for doc in rendered)
    else:
        assert any(rel.evidence for rel in again.relations)  # full facts, not the shared summary


def _subject(path: str) -> Subject:
    return Subject(iri(f"https://w3id.org/envkg/id/{path}"),
                   [(iri("https://w3id.org/envkg/ontology#evidence"), literal(path, lang="zh"))])


# fmt: off
MERGES = [
    # (each document's own subjects, shared subjects made at the end)
    ([["statement/a.txt/1/x", "statement/a.txt/1/z", "article/a.txt/1"], ["statement/b.txt/1/x"]],
     ["statement/a.txt/1/y", "division/140000"]),  # a shared subject inside a.txt's statements
    ([["statement/a.txt/1/x"], ["statement/a.txt.bak/1/x"]], ["statement/0f"]),  # names that prefix each other
    ([["statement/x/1", "statement/x/3"], ["statement/x/2"]], []),  # interleaved documents: subject by subject
    ([[], ["observation/c.txt/2/a"]], ["observation/c.txt/1/z"]),
]
# fmt: on


@pytest.mark.parametrize("documents,shared", MERGES)
def test_merged_pieces_keep_the_sorted_order(documents, shared, tmp_path):
    from kg.export import render
    from kg.rdf import _merge, _pieces

    rendered = [render(sorted(map(_subject, paths), key=lambda s: s.term), ["nt"]) for paths in documents]
    made_here = sorted(map(_subject, shared), key=lambda s: s.term)
    sink = io.BytesIO()
    write_subjects(_merge(iter(made_here), _pieces([r for r in rendered if r.terms])), {"nt": sink})
    lines = sink.getvalue().decode("utf-8").splitlines()
    assert lines == sorted(lines)
    assert len(lines) == sum(map(len, documents)) + len(shared)
