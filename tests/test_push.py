"""kg push against a real Oxigraph server (the `oxigraph` package's binary)."""

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from kg.cli import main

OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def oxigraph_server(tmp_path):
    if not Path(OXIGRAPH).exists():
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    port = _free_port()
    proc = subprocess.Popen([OXIGRAPH, "serve", "--location", str(tmp_path / "db"), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/query?query=" + urllib.parse.quote("ASK {}"), timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    else:
        proc.kill()
        pytest.fail("oxigraph server did not start")
    yield base
    proc.terminate()
    proc.wait(timeout=10)


def _count(base: str) -> int:
    query = urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    request = urllib.request.Request(f"{base}/query?query={query}", headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return int(json.load(response)["results"]["bindings"][0]["n"]["value"])


def test_push_loads_every_triple(seed_build, oxigraph_server):
    graph = seed_build / "graph.ttl"
    result = CliRunner().invoke(main, ["push", str(graph), f"{oxigraph_server}/store"])
    assert result.exit_code == 0, result.output
    assert _count(oxigraph_server) == len(Graph().parse(graph))
    # pushing again replaces, it does not duplicate
    assert CliRunner().invoke(main, ["push", str(graph), f"{oxigraph_server}/store"]).exit_code == 0
    assert _count(oxigraph_server) == len(Graph().parse(graph))


def test_push_to_nowhere_is_a_clear_error(seed_build):
    result = CliRunner().invoke(main, ["push", str(seed_build / "graph.ttl"), f"http://127.0.0.1:{_free_port()}/store"])
    assert result.exit_code == 2 and "cannot reach" in result.output


def test_push_missing_graph(tmp_path):
    result = CliRunner().invoke(main, ["push", str(tmp_path / "none.ttl"), "http://127.0.0.1:9/store"])
    assert result.exit_code == 2 and "graph not found" in result.output
