"""A persistent store for large graphs (issue 14.3): kg load, and kg query / kg serve on the store folder."""

from __future__ import annotations

import json
import threading
import urllib.parse
import urllib.request

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.disk_store import MARKER, store_info, write_store
from kg.errors import InputError, OutputError
from kg.query import list_queries
from kg.serve import ServeConfig, make_server
from kg.store import load_store, run_query

LIBRARY = list_queries()


@pytest.fixture(scope="module")
def stored(seed_build, tmp_path_factory):
    folder = tmp_path_factory.mktemp("stores") / "seed"
    result = CliRunner().invoke(main, ["load", str(seed_build / "graph.ttl"), str(folder)])
    assert result.exit_code == 0, result.output
    return folder


def rows(store, sparql):
    result = run_query(store, sparql)
    return sorted(tuple(str(cell) for cell in row) for row in result.rows)


@pytest.mark.parametrize("query", LIBRARY, ids=[q.name for q in LIBRARY])
def test_the_store_answers_each_library_query_as_the_file_does(seed_build, stored, query):
    from_file, from_store = load_store(seed_build / "graph.ttl"), load_store(stored)
    assert rows(from_store, query.sparql) == rows(from_file, query.sparql)


def test_the_marker_records_source_triples_and_size(seed_build, stored):
    info = store_info(stored)
    assert info.source == str(seed_build / "graph.ttl")
    assert info.triples == len(load_store(seed_build / "graph.ttl")) and info.bytes > 0


def test_kg_query_on_a_store_folder(stored):
    result = CliRunner().invoke(main, ["query", str(stored), "--name", "entity_counts_by_class", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("class,count") and "County" in result.output


def test_kg_serve_on_a_store_folder_answers_over_http(stored):
    server = make_server(ServeConfig(graph=stored, port=0, workers=2))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/sparql?" + urllib.parse.urlencode(
            {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"})
        request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            answer = json.loads(response.read().decode("utf-8"))
        assert int(answer["results"]["bindings"][0]["n"]["value"]) == store_info(stored).triples
    finally:
        server.shutdown()
        server.server_close()
        server.pool.close()


def test_a_failed_load_leaves_the_previous_store(tmp_path, seed_build):
    folder = tmp_path / "store"
    write_store(seed_build / "graph.ttl", folder)
    before = store_info(folder)
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    with pytest.raises(InputError, match="bad.ttl"):
        write_store(bad, folder)
    assert store_info(folder) == before and len(load_store(folder)) == before.triples
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.ttl", "store"]  # no staging left behind


def test_a_new_load_replaces_the_store(tmp_path, seed_build):
    folder = tmp_path / "store"
    write_store("tests/fixtures/mini.ttl", folder)
    write_store(seed_build / "graph.ttl", folder)
    assert store_info(folder).source == str(seed_build / "graph.ttl")


@pytest.mark.parametrize("make, error, says", [
    (lambda d: (d / "notes").mkdir() or (d / "notes" / "mine.txt").write_text("x", encoding="utf-8"),
     OutputError, "is no envkg store"),
])
def test_a_folder_that_is_no_store_is_never_overwritten(tmp_path, make, error, says):
    make(tmp_path)
    with pytest.raises(error, match=says):
        write_store("tests/fixtures/mini.ttl", tmp_path / "notes")
    assert (tmp_path / "notes" / "mine.txt").read_text(encoding="utf-8") == "x"


@pytest.mark.parametrize("args, says", [
    (["load", "missing.ttl", "st"], "graph file not found: missing.ttl"),
    (["load", "tests/fixtures/mini.ttl", "tests"], "tests exists and is no envkg store"),
    (["query", "tests", "--name", "entity_counts_by_class"], f"no readable {MARKER}"),
])
def test_cli_errors_are_one_line(args, says):
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and says in lines[0], result.output


def test_the_rdflib_backend_refuses_a_store_folder(stored):
    with pytest.raises(InputError, match="oxigraph"):
        load_store(stored, backend="rdflib")


def test_kg_validate_on_a_store_folder_finds_a_violation(tmp_path, seed_build):
    bad = tmp_path / "bad.ttl"
    bad.write_text((seed_build / "graph.ttl").read_text(encoding="utf-8")
                   + '\n<https://w3id.org/envkg/id/division/140581> <https://w3id.org/envkg/ontology#adminCode> "x" .\n',
                   encoding="utf-8")
    write_store(bad, tmp_path / "store")
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "store")])
    assert result.exit_code == 1 and 'envkg:adminCode = "x"' in result.output
    good = CliRunner().invoke(main, ["validate", str(stored_folder(tmp_path, seed_build))])
    assert good.exit_code == 0 and good.output.startswith("Conforms: yes")


def stored_folder(tmp_path, seed_build):
    return write_store(seed_build / "graph.ttl", tmp_path / "good") and tmp_path / "good"
