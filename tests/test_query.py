"""kg.store, kg.query formatting and the ``kg query`` command (issue 5).

Store and format tests run on the hand-written fixture ``tests/fixtures/mini.ttl``; the
format round-trips are checked with pyoxigraph's own SPARQL-results parsers.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.term import Literal, URIRef

from kg.commands.query import query_command
from kg.errors import InputError, QueryError, QuerySyntaxError
from kg.query import (
    display_width,
    format_csv,
    format_graph,
    format_json,
    format_table,
    format_tsv,
    format_xml,
    list_queries,
    negotiate,
)
from kg.store import BACKENDS, PREFIXES, Result, is_update, load_store, run_query, to_python, with_prefixes

MINI = Path(__file__).parent / "fixtures" / "mini.ttl"
GAOPING = "晋城市生态环境局高平分局"


@pytest.fixture(scope="module", params=BACKENDS)
def store(request):
    return load_store(MINI, request.param)


# --- loading ------------------------------------------------------------------


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("name", ["graph.ttl", "graph.nt", "graph.jsonld"])
def test_load_every_format_of_the_seed_build(seed_build, backend, name):
    reference = rdflib.Graph().parse(seed_build / "graph.ttl", format="turtle")
    loaded = load_store(seed_build / name, backend)
    assert len(loaded) == len(reference) > 500
    assert loaded.backend == backend


@pytest.mark.parametrize("backend", BACKENDS)
def test_load_errors_are_input_errors(tmp_path, backend):
    with pytest.raises(InputError, match="not found"):
        load_store(tmp_path / "missing.ttl", backend)
    with pytest.raises(InputError, match="RDF format"):
        load_store(tmp_path / "graph.xyz", backend)
    broken = tmp_path / "broken.ttl"
    broken.write_text("<urn:a> <urn:b> .\n", encoding="utf-8")
    with pytest.raises(InputError, match="Cannot read"):
        load_store(broken, backend)


def test_unknown_backend():
    with pytest.raises(QueryError, match="oxigraph, rdflib"):
        load_store(MINI, "virtuoso")


# --- running queries -------------------------------------------------------------


def test_select_with_predeclared_prefixes(store):
    result = run_query(store, "SELECT ?name WHERE { ?p a envkg:Person ; envkg:headOf/skos:prefLabel ?name }")
    assert result.kind == "select"
    assert result.variables == ("name",)
    assert result.rows == ((Literal(GAOPING, lang="zh"),),)
    assert result.values() == [(GAOPING,)]
    assert result.records() == [{"name": GAOPING}]


def test_id_prefix_names_instances(store):
    result = run_query(store, "SELECT ?code WHERE { ?d envkg:adminCode ?code FILTER(STRSTARTS(STR(?d), STR(id:))) }"
                              " ORDER BY ?code LIMIT 1")
    assert result.values() == [("140000",)]


def test_ask_and_construct(store):
    assert run_query(store, "ASK { ?s envkg:flowsInto ?o }").boolean is True
    assert run_query(store, "ASK { ?s envkg:flowsInto ?s }").boolean is False
    graph = run_query(store, "CONSTRUCT { ?s envkg:flowsInto ?o } WHERE { ?s envkg:flowsInto ?o }")
    assert graph.kind == "graph"
    assert graph.triples == ((URIRef(PREFIXES["id"] + "river/汾河"), URIRef(PREFIXES["envkg"] + "flowsInto"),
                              URIRef(PREFIXES["id"] + "river/黄河")),)
    assert len(graph.to_graph()) == 1


def test_python_values(store):
    result = run_query(store, """
        SELECT ?value ?year ?unit ?label (COUNT(*) AS ?n) WHERE {
          ?o envkg:indicator/skos:prefLabel ?label ; envkg:value ?value ; envkg:unit ?unit ; envkg:year ?year .
          FILTER(?label = "优良天数"@zh)
        } GROUP BY ?value ?year ?unit ?label""")
    assert result.values() == [(Decimal("300"), "2025", "天", "优良天数", 1)]
    assert to_python(None) is None


def test_a_query_may_declare_its_own_prefixes(store):
    own = "PREFIX skos: <urn:not-skos#>\nSELECT ?l WHERE { ?p a envkg:Person ; skos:prefLabel ?l }"
    assert run_query(store, own).rows == ()
    text, shift = with_prefixes(own)
    assert shift == 1 and "PREFIX skos: <http" not in text
    everything = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items()) + "ASK {}"
    assert with_prefixes(everything) == (everything, 0)


def test_max_rows_marks_truncation(store):
    result = run_query(store, "SELECT ?s WHERE { ?s a envkg:County }", max_rows=3)
    assert len(result.rows) == 3 and result.truncated
    result = run_query(store, "SELECT ?s WHERE { ?s a envkg:County }", max_rows=100)
    assert len(result.rows) == 7 and not result.truncated


# fmt: off
SYNTAX_ERRORS = [
    # query, line, column (1-based, in the text as the user wrote it)
    ("SELECT ?s WHERE { ?s ?p ?o ", 1, 28),
    ("SELECT ?s\nWHERE {\n  ?s ?p ?o .\n  FILTER(?s = ) }", 4, None),
    ("SELECT *\nWHERE { ?s foo:bar ?o }", 2, 12),
    ("# 高平\nSELECT * WHERE { ?s 未知:x ?o }", 2, 21),
]
# fmt: on


@pytest.mark.parametrize(("sparql", "line", "column"), SYNTAX_ERRORS)
def test_syntax_errors_carry_line_and_column(store, sparql, line, column):
    with pytest.raises(QuerySyntaxError) as info:
        run_query(store, sparql)
    error = info.value
    assert error.line == line
    if column is not None:
        assert error.column == column
    assert f"line {error.line}, column {error.column}" in str(error)
    assert "\n" not in str(error)


def test_unknown_prefix_is_named(store):
    with pytest.raises(QuerySyntaxError, match="unknown prefix 'foo:'"):
        run_query(store, "SELECT * WHERE { ?s foo:bar ?o }")


@pytest.mark.parametrize("update", [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "PREFIX ex: <urn:ex#>\n# comment\nDELETE WHERE { ?s ex:p ?o }",
    "load <http://example.org/data.ttl>",
    "DROP ALL",
])
def test_updates_are_refused(store, update):
    assert is_update(update)
    with pytest.raises(QueryError, match="read-only"):
        run_query(store, update)


def test_select_is_not_an_update():
    assert not is_update("PREFIX ex: <urn:x#delete>\nSELECT * WHERE { ?s ex:insert ?o } # DROP")


def test_both_stores_agree_on_adhoc_queries():
    stores = [load_store(MINI, backend) for backend in BACKENDS]
    sparql = "SELECT ?l ?v WHERE { ?o envkg:subject/skos:prefLabel ?l ; envkg:value ?v } ORDER BY ?l ?v"
    first, second = (run_query(s, sparql) for s in stores)
    assert first.values() == second.values() and len(first.rows) == 11


# --- formats ---------------------------------------------------------------------

SMALL = Result(kind="select", variables=("bureau", "n", "iri"), rows=(
    (Literal(GAOPING, lang="zh"), Literal(12), URIRef(PREFIXES["id"] + "bureau/x")),
    (Literal("ok"), Literal(3), None),
))


def test_display_width_counts_wide_characters():
    assert display_width("高平市") == 6
    assert display_width("a高b") == 4
    assert display_width("e\u0301") == 1  # combining accent takes no column
    assert display_width("ＰＭ") == 4  # full-width letters


def test_table_is_aligned_for_chinese():
    expected = (
        "bureau                     n  iri\n"
        "------------------------  --  -----------\n"
        "晋城市生态环境局高平分局  12  id:bureau/x\n"
        "ok                         3\n"
        "(2 rows)\n"
    )
    assert format_table(SMALL) == expected


def test_table_cuts_long_cells():
    long = Result(kind="select", variables=("s",), rows=((Literal("长" * 100),),))
    line = format_table(long, max_width=20).splitlines()[2]
    assert display_width(line) <= 20 and line.endswith("...")


def test_csv_tsv_json_xml_round_trip_through_oxigraph():
    parsed_json = list(ox.parse_query_results(format_json(SMALL).encode(), format=ox.QueryResultsFormat.JSON))
    parsed_xml = list(ox.parse_query_results(format_xml(SMALL).encode(), format=ox.QueryResultsFormat.XML))
    parsed_tsv = list(ox.parse_query_results(format_tsv(SMALL).encode(), format=ox.QueryResultsFormat.TSV))
    for parsed in (parsed_json, parsed_xml, parsed_tsv):
        assert parsed[0]["bureau"] == ox.Literal(GAOPING, language="zh")
        assert parsed[0]["n"] == ox.Literal("12", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
        assert parsed[1]["iri"] is None
    rows = list(csv.reader(io.StringIO(format_csv(SMALL))))
    assert rows == [["bureau", "n", "iri"], [GAOPING, "12", PREFIXES["id"] + "bureau/x"], ["ok", "3", ""]]
    assert format_csv(SMALL).endswith("\r\n")
    assert json.loads(format_json(SMALL))["head"]["vars"] == ["bureau", "n", "iri"]
    assert ET.fromstring(format_xml(SMALL).encode()).tag.endswith("sparql")


def test_ask_and_graph_formats(store):
    ask = run_query(store, "ASK { ?s a envkg:Bureau }")
    assert format_table(ask) == "true\n"
    assert json.loads(format_json(ask)) == {"head": {}, "boolean": True}
    graph = run_query(store, "CONSTRUCT WHERE { ?s envkg:headOf ?o }")
    assert "envkg:headOf" in format_table(graph)
    assert rdflib.Graph().parse(data=format_json(graph), format="json-ld").__len__() == 1
    assert format_graph(graph, "nt").count(" .\n") == 1
    with pytest.raises(QueryError):
        format_graph(ask)


# fmt: off
NEGOTIATION = [
    (None, "select", "application/sparql-results+json"),
    ("*/*", "select", "application/sparql-results+json"),
    ("text/csv", "select", "text/csv"),
    ("text/csv;q=0.5, application/sparql-results+xml", "select", "application/sparql-results+xml"),
    ("text/*", "select", "text/csv"),
    ("image/png", "select", None),
    ("text/html,application/xhtml+xml,*/*;q=0.8", "graph", "text/turtle"),
    ("application/ld+json", "graph", "application/ld+json"),
    ("application/sparql-results+json", "graph", None),
    ("text/tab-separated-values", "ask", "text/tab-separated-values"),
]
# fmt: on


@pytest.mark.parametrize(("accept", "kind", "media"), NEGOTIATION)
def test_negotiate(accept, kind, media):
    assert negotiate(accept, kind) == media


# --- the kg query command ------------------------------------------------------------


def run_cli(*args):
    return CliRunner().invoke(query_command, [str(a) for a in args])


def test_cli_list_shows_every_library_query():
    result = run_cli(MINI, "--list")
    assert result.exit_code == 0
    for query in list_queries():
        assert query.name in result.output
    assert f"({len(list_queries())} queries" in result.output


@pytest.mark.parametrize("backend", BACKENDS)
def test_cli_runs_a_library_query_as_a_table(backend):
    result = run_cli(MINI, "--name", "measures_by_bureau", "--store", backend)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["bureau", "measure"]
    assert f"{GAOPING}  首违不罚+警示教育" in lines
    assert lines[-1] == "(6 rows)"


def test_cli_inline_query_and_formats(tmp_path):
    sparql = "SELECT ?name WHERE { ?p a envkg:Person ; skos:prefLabel ?name }"
    assert run_cli(MINI, sparql, "--format", "csv").stdout_bytes == "name\r\n赵庆国\r\n".encode()
    assert run_cli(MINI, sparql, "--format", "tsv").output == '?name\n"赵庆国"@zh\n'
    bindings = json.loads(run_cli(MINI, sparql, "--format", "json").output)["results"]["bindings"]
    assert bindings == [{"name": {"type": "literal", "value": "赵庆国", "xml:lang": "zh"}}]
    query_file = tmp_path / "persons.rq"
    query_file.write_text(sparql, encoding="utf-8")
    assert "赵庆国" in run_cli(MINI, "-f", query_file).output


def test_cli_syntax_error_is_one_line_and_exit_2():
    result = CliRunner().invoke(query_command, [str(MINI), "SELECT ?s\nWHERE { ?s ?p }"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "line 2, column" in result.stderr


def test_cli_usage_errors():
    assert run_cli(MINI).exit_code == 2
    assert run_cli(MINI, "ASK {}", "--name", "water_flow").exit_code == 2
    unknown = run_cli(MINI, "--name", "measure_by_bureau")
    assert unknown.exit_code == 2 and "measures_by_bureau" in unknown.output
    assert run_cli(Path("no/such/graph.ttl"), "ASK {}").exit_code == 2


def test_cli_help_has_examples():
    assert "Example:" in run_cli("--help").output


def test_query_command_is_attached_to_kg():
    from kg.cli import main

    result = CliRunner().invoke(main, ["query", str(MINI), "--name", "water_flow"])
    assert result.exit_code == 0 and "汾河" in result.output
