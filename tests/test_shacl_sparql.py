"""The SPARQL validation engine gives pySHACL's results (issue 14.2): on mutated seed graphs, on small
shapes for each constraint it implements, and on a corpus above the old whole-graph limit."""

from __future__ import annotations

import random
import re

import pytest
from click.testing import CliRunner
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, SKOS, XSD

from kg.cli import main
from kg.errors import OntologyError
from kg.namespace import ENVKG
from kg.shacl_sparql import compile_shapes, run_checks
from kg.store import store_from_graph
from kg.validate import SH_COMPONENT, SH_FOCUS, SH_PATH, SH_RESULT, SH_VALUE, validate, validate_file

CLASSES = [ENVKG.River, ENVKG.County, ENVKG.Bureau, ENVKG.Project, ENVKG.Observation, ENVKG.Article,
           ENVKG.AdministrativeDivision, ENVKG.Indicator]
RELATIONS = [ENVKG.partOf, ENVKG.locatedIn, ENVKG.jurisdiction, ENVKG.targets, ENVKG.flowsInto, ENVKG.subject,
             ENVKG.indicator, ENVKG.mentionedIn]


def results(report: Graph) -> set[tuple]:
    """(focus, path, value, component) of every result of a SHACL report."""
    found = set()
    for result in report.objects(None, SH_RESULT):
        path, value = report.value(result, SH_PATH), report.value(result, SH_VALUE)
        if isinstance(path, BNode):  # a complex path: its blank node differs from report to report
            path = ("inverse", report.value(path, SH.inversePath))
        found.add((report.value(result, SH_FOCUS), path, value, report.value(result, SH_COMPONENT)))
    return found


def both(graph: Graph, **kwargs) -> tuple[set, set]:
    return (results(validate(graph, engine="sparql", **kwargs).results_graph),
            results(validate(graph, engine="pyshacl", **kwargs).results_graph))


def mutate(graph: Graph, rng: random.Random) -> Graph:
    """A copy of `graph` with three random breakages of the kinds a bug in the builder would make."""
    out = Graph()
    for triple in graph:
        out.add(triple)
    triples = sorted(out)
    nodes = sorted({s for s, _, _ in triples if isinstance(s, URIRef)})
    labelled = sorted(set(out.subjects(SKOS.prefLabel, None)))
    for _ in range(3):
        kind = rng.randrange(8)
        if kind == 0:  # a triple lost
            out.remove(rng.choice(triples))
        elif kind == 1:  # a second preferred label
            out.add((rng.choice(labelled), SKOS.prefLabel, Literal("另名", lang="zh")))
        elif kind == 2:  # a literal of the wrong kind
            s, p, o = rng.choice([t for t in triples if isinstance(t[2], Literal)])
            out.remove((s, p, o))
            out.add((s, p, rng.choice([Literal(str(o)), Literal("x", lang="en"), Literal(7), Literal("", lang="zh")])))
        elif kind == 3:  # one more class
            out.add((rng.choice(nodes), RDF.type, rng.choice(CLASSES)))
        elif kind == 4:  # a relation to the wrong kind of node
            out.add((rng.choice(nodes), rng.choice(RELATIONS), rng.choice(nodes)))
        elif kind == 5:  # a relation to a literal
            out.add((rng.choice(nodes), rng.choice(RELATIONS), Literal("高平市", lang="zh")))
        elif kind == 6:  # a bad code or coordinate
            node = rng.choice(nodes)
            out.add((node, rng.choice([ENVKG.adminCode, URIRef("http://www.w3.org/2003/01/geo/wgs84_pos#lat")]),
                     rng.choice([Literal("14058"), Literal("91.5", datatype=XSD.decimal), Literal(3)])))
        else:  # a type lost
            node = rng.choice(nodes)
            for cls in list(out.objects(node, RDF.type)):
                out.remove((node, RDF.type, cls))
    return out


MUTATIONS = 24


@pytest.fixture(scope="module")
def mutated(seed_graph):
    return [mutate(seed_graph, random.Random(seed)) for seed in range(MUTATIONS)]


@pytest.mark.parametrize("seed", range(MUTATIONS))
def test_same_results_as_pyshacl_on_a_mutated_seed_graph(mutated, seed):
    sparql, pyshacl = both(mutated[seed])
    assert sparql == pyshacl, (f"only sparql: {sorted(sparql - pyshacl)[:5]}; "
                               f"only pyshacl: {sorted(pyshacl - sparql)[:5]}")


def test_the_mutations_break_most_graphs(mutated):
    broken = sum(not validate(graph).conforms for graph in mutated)
    assert broken >= MUTATIONS * 2 // 3, f"only {broken} of {MUTATIONS} mutated graphs fail: the test is too weak"


def test_the_seed_graph_conforms_in_both(seed_graph):
    assert both(seed_graph) == (set(), set())


SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <urn:ex:> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
DATA = """
@prefix ex: <urn:ex:> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a a ex:T ; ex:p "abc", "xyzw"@en ; ex:n 5, 12 ; ex:q ex:b .
ex:b a ex:T, ex:U ; ex:p "k" ; ex:n -1 ; ex:q ex:a, ex:c ; ex:r ex:c .
ex:c a ex:Sub ; ex:n "7"^^xsd:integer ; ex:r ex:a .
"""
ONTOLOGY = "@prefix ex: <urn:ex:> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . ex:Sub rdfs:subClassOf ex:T ."


@pytest.mark.parametrize("constraints", [
    "sh:targetClass ex:T ; sh:property [ sh:path ex:p ; sh:minCount 2 ]",
    "sh:targetClass ex:T ; sh:property [ sh:path ex:q ; sh:maxCount 1 ]",
    "sh:targetClass ex:T ; sh:property [ sh:path ex:p ; sh:datatype xsd:string ]",
    "sh:targetClass ex:T ; sh:property [ sh:path ex:n ; sh:minInclusive 0 ; sh:maxExclusive 10 ]",
    "sh:targetClass ex:T ; sh:property [ sh:path ex:p ; sh:minLength 2 ; sh:maxLength 3 ]",
    "sh:targetClass ex:T ; sh:property [ sh:path ex:p ; sh:pattern \"^[a-c]+$\" ]",
    "sh:targetClass ex:T ; sh:property [ sh:path ex:p ; sh:pattern \"^A\" ; sh:flags \"i\" ]",
    "sh:targetClass ex:T ; sh:property [ sh:path ex:p ; sh:languageIn ( \"en\" ) ]",
    "sh:targetClass ex:T ; sh:property [ sh:path ex:q ; sh:class ex:U ]",
    "sh:targetClass ex:T ; sh:property [ sh:path ex:q ; sh:nodeKind sh:Literal ]",
    "sh:targetClass ex:T ; sh:property [ sh:path ex:q ; sh:in ( ex:a ex:b ) ]",
    "sh:targetClass ex:T ; sh:property [ sh:path ex:q ; sh:hasValue ex:a ]",
    "sh:targetClass ex:T ; sh:property [ sh:path [ sh:inversePath ex:r ] ; sh:minCount 1 ]",
    "sh:targetClass ex:T ; sh:property [ sh:path ex:q ; sh:disjoint ex:r ]",
    "sh:targetClass ex:T ; sh:property [ sh:path ex:q ; sh:node [ sh:property [ sh:path ex:n ; sh:maxInclusive 0 ] ] ]",
    "sh:targetClass ex:T ; sh:or ( [ sh:class ex:U ] [ sh:property [ sh:path ex:r ; sh:minCount 1 ] ] )",
    "sh:targetClass ex:T ; sh:not [ sh:class ex:U ]",
    "sh:targetClass ex:T ; sh:and ( [ sh:property [ sh:path ex:n ; sh:minCount 1 ] ] [ sh:class ex:U ] )",
    "sh:targetClass ex:T ; sh:property [ sh:path ex:q ; sh:qualifiedValueShape [ sh:class ex:U ] ; "
    "sh:qualifiedMinCount 1 ]",
    "sh:targetClass ex:T ; sh:property [ sh:path rdf:type ; sh:qualifiedValueShape [ sh:in ( ex:T ex:U ) ] ; "
    "sh:qualifiedMaxCount 1 ]",
    "sh:targetNode ex:c ; sh:property [ sh:path ex:p ; sh:minCount 1 ]",
    "sh:targetSubjectsOf ex:r ; sh:class ex:U",
    "sh:targetObjectsOf ex:q ; sh:property [ sh:path ex:n ; sh:datatype xsd:integer ; sh:minInclusive 0 ]",
    "sh:targetClass ex:T ; sh:deactivated true ; sh:property [ sh:path ex:p ; sh:minCount 9 ]",
])
def test_each_constraint_gives_pyshacls_results(tmp_path, constraints):
    (tmp_path / "shapes.ttl").write_text(
        SHAPES + "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\nex:S a sh:NodeShape ; "
        + constraints + " .\n", encoding="utf-8")
    (tmp_path / "ontology.ttl").write_text(ONTOLOGY, encoding="utf-8")
    sparql, pyshacl = both(Graph().parse(data=DATA, format="turtle"), shapes_path=tmp_path / "shapes.ttl",
                           ontology_path=tmp_path / "ontology.ttl")
    assert sparql == pyshacl
    if "deactivated" not in constraints:
        assert sparql, "each row's data breaks its constraint at least once"


@pytest.mark.parametrize("constraints, named", [
    ("sh:targetClass ex:T ; sh:property [ sh:path ex:p ; sh:uniqueLang true ]", "uniqueLang"),
    ("sh:targetClass ex:T ; sh:property [ sh:path ex:p ; sh:equals ex:q ]", "equals"),
    ("sh:targetClass ex:T ; sh:closed true", "closed"),
    ("sh:targetClass ex:T ; sh:property [ sh:path ( ex:p ex:q ) ; sh:minCount 1 ]", "path"),
])
def test_a_shape_the_engine_cannot_run_is_refused_by_name(constraints, named):
    shapes = Graph().parse(data=SHAPES + "ex:S a sh:NodeShape ; " + constraints + " .", format="turtle")
    with pytest.raises(OntologyError, match=named):
        compile_shapes(shapes, Graph())


def test_checks_run_on_the_rdflib_store_too(seed_graph):
    """The compiled queries are plain SPARQL 1.1: rdflib's engine answers them the same."""
    mutated = mutate(seed_graph, random.Random(3))
    shapes, ontology = (Graph().parse(f"ontology/{name}.ttl") for name in ("shapes", "envkg"))
    checks = compile_shapes(shapes, ontology)
    oxigraph = run_checks(store_from_graph(mutated, backend="oxigraph"), checks)
    rdflib = run_checks(store_from_graph(mutated, backend="rdflib"), checks)
    def rows(found):
        return [(r.focus, r.path, r.value, r.component) for r in found]
    assert oxigraph and rows(oxigraph) == rows(rdflib)


def test_validate_file_names_label_and_evidence(tmp_path, seed_build):
    graph = Graph().parse(seed_build / "graph.ttl")
    county = next(graph.subjects(SKOS.prefLabel, Literal("高平市", lang="zh")))
    graph.set((county, ENVKG.adminCode, Literal("1405")))
    graph.serialize(tmp_path / "g.nt", format="nt", encoding="utf-8")
    result = validate_file(tmp_path / "g.nt")
    assert not result.conforms and result.engine == "sparql"
    [violation] = result.violations
    assert (violation.label, violation.path, violation.constraint) == ("高平市", "envkg:adminCode", "Pattern")
    assert violation.evidence and "高平" in violation.evidence


def test_a_corpus_above_the_old_limit_is_validated_and_an_inserted_violation_found(tmp_path):
    """The build validates at any size: more triples than a whole-graph limit of 300, and finds a bad code."""
    for i in range(12):
        (tmp_path / f"{i:02d}.txt").write_text(
            f"第{i}条\n\n2024年，高平市优良天数达{300 + i}天。晋城市生态环境局在沁河开展巡查。\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ["build", str(tmp_path), "--out", str(out), "--no-page", "--no-cache", "-q", "--whole-graph-limit", "300"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    import json
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["triples"] > 300 and report["validation"] == {"conforms": True, "violations": 0}
    bad = tmp_path / "bad.ttl"
    bad.write_text((out / "graph.ttl").read_text(encoding="utf-8")
                   + '\n<https://w3id.org/envkg/id/division/140581> <https://w3id.org/envkg/ontology#adminCode> "x" .\n',
                   encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(bad)])
    assert result.exit_code == 1
    assert "高平市 <https://w3id.org/envkg/id/division/140581>" in result.output
    assert 'envkg:adminCode = "x"' in result.output


OLD_WHOLE_GRAPH_LIMIT = 500_000  # triples above which builds skipped validation before issue 14
PART_OF_STATEMENT_RE = re.compile(r"rdf:predicate envkg:partOf ;\n    rdf:subject <(https://w3id.org/envkg/id/division/(\d{6}))>"
                                  r" ;\n    prov:wasDerivedFrom <[^>]+> ;\n    envkg:evidence \"([^\"]+)\"@zh")


@pytest.mark.slow
def test_issue_14_a_build_above_the_old_whole_graph_limit_is_validated_and_an_inserted_violation_found(tmp_path):
    """A generated corpus of 6.5 MB (about 520k triples, about 25 s): its build validates at the default
    options, and a malformed admin code added to one of its counties is found, named by the county's label
    and an evidence sentence."""
    import json
    import sys
    from pathlib import Path

    from kg import lexicon

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from make_corpus import make_corpus

    corpus, out = tmp_path / "corpus", tmp_path / "out"
    make_corpus(6_500_000, seed=14, out=corpus)
    result = CliRunner().invoke(main, ["build", str(corpus), "--out", str(out), "--no-page", "--no-cache", "-q"])
    assert result.exit_code == 0, result.output
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["triples"] > OLD_WHOLE_GRAPH_LIMIT
    assert report["validation"] == {"conforms": True, "violations": 0}
    assert (out / "validation.txt").read_text(encoding="utf-8").startswith("Conforms: yes")

    text = (out / "graph.ttl").read_text(encoding="utf-8")
    county, code, _ = PART_OF_STATEMENT_RE.search(text).groups()  # a county an article names
    bad = tmp_path / "bad.ttl"
    bad.write_text(text + f'\n<{county}> <https://w3id.org/envkg/ontology#adminCode> "x" .\n', encoding="utf-8")
    found = validate_file(bad)
    assert not found.conforms and found.engine == "sparql"
    name = lexicon.divisions()[code].name
    assert {(v.label, v.path) for v in found.violations} == {(name, "envkg:adminCode")}
    assert all(v.evidence and lexicon.divisions()[code].short in v.evidence for v in found.violations)
