"""The SPARQL endpoint of ``kg serve`` over real HTTP (issue 5).

A real server (kg.serve.make_server: ThreadingHTTPServer + worker processes) listens on a
free port in a background thread; requests go through urllib. One test also starts
``python -m kg serve`` as a subprocess.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from kg.query import list_queries
from kg.serve import ServeConfig, make_server

MINI = Path(__file__).parent / "fixtures" / "mini.ttl"
ROOT = Path(__file__).resolve().parent.parent
PERSONS = "SELECT ?name WHERE { ?p a envkg:Person ; skos:prefLabel ?name }"
# Three-way cross product of the fixture's ~460 triples: ~10^8 solutions, far over any tiny timeout.
EXPENSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
TIMEOUT = 1.0
CAP = 20
PAGE = "<!doctype html><title>graph page</title><p>高平</p>"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    page = tmp_path_factory.mktemp("page") / "graph.html"
    page.write_text(PAGE, encoding="utf-8")
    config = ServeConfig(graph=MINI, port=0, timeout=TIMEOUT, max_results=CAP, page=page, workers=2)
    server = make_server(config)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    server.pool.close()


@pytest.fixture()
def base(server):
    return f"http://127.0.0.1:{server.server_address[1]}"


def wait_for_idle_workers(server, count=2, seconds=20):
    """Killed workers are replaced in the background; wait until ``count`` are ready."""
    deadline = time.monotonic() + seconds
    while server.pool._idle.qsize() < count and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.pool._idle.qsize() >= count


def http(url, method="GET", body=None, headers=None, timeout=30):
    """(status, headers, body text) of one request; HTTP errors are answers too."""
    data = body.encode("utf-8") if isinstance(body, str) else body
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode("utf-8")


def get(base, query, accept=None, **params):
    url = f"{base}/sparql?" + urllib.parse.urlencode({"query": query, **params})
    return http(url, headers={"Accept": accept} if accept else {})


def post_form(base, fields, accept=None):
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if accept:
        headers["Accept"] = accept
    return http(f"{base}/sparql", "POST", urllib.parse.urlencode(fields), headers)


def names(json_text):
    return [b["name"]["value"] for b in json.loads(json_text)["results"]["bindings"]]


# --- the three ways to send a query ---------------------------------------------------------


def test_get(base):
    status, headers, body = get(base, PERSONS)
    assert status == 200
    assert headers["Content-Type"].startswith("application/sparql-results+json")
    assert names(body) == ["赵庆国"]


def test_post_form(base):
    status, _, body = post_form(base, {"query": PERSONS})
    assert status == 200 and names(body) == ["赵庆国"]


def test_post_sparql_query(base):
    headers = {"Content-Type": "application/sparql-query; charset=utf-8"}
    status, _, body = http(f"{base}/sparql", "POST", PERSONS, headers)
    assert status == 200 and names(body) == ["赵庆国"]


# --- content negotiation --------------------------------------------------------------------


def test_results_xml(base):
    status, headers, body = get(base, PERSONS, "application/sparql-results+xml")
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+xml")
    parsed = list(ox.parse_query_results(body.encode("utf-8"), format=ox.QueryResultsFormat.XML))
    assert parsed[0]["name"].value == "赵庆国"


def test_results_csv_and_tsv(base):
    status, headers, body = get(base, PERSONS, "text/csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert body.splitlines() == ["name", "赵庆国"]
    status, headers, body = get(base, PERSONS, "text/tab-separated-values")
    assert headers["Content-Type"].startswith("text/tab-separated-values")
    assert body.splitlines() == ["?name", '"赵庆国"@zh']


def test_construct_as_turtle_and_json_ld(base):
    construct = "CONSTRUCT WHERE { ?s envkg:flowsInto ?o }"
    status, headers, body = get(base, construct, "text/turtle")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert len(rdflib.Graph().parse(data=body, format="turtle")) == 1
    status, headers, body = get(base, construct, "application/ld+json")
    assert status == 200 and headers["Content-Type"].startswith("application/ld+json")
    assert len(rdflib.Graph().parse(data=body, format="json-ld")) == 1
    status, headers, _ = get(base, construct, "text/html,*/*;q=0.8")  # a browser
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")


def test_ask(base):
    status, _, body = get(base, "ASK { ?s envkg:headOf ?o }")
    assert status == 200 and json.loads(body) == {"head": {}, "boolean": True}


def test_format_parameter_overrides_accept(base):
    status, headers, body = get(base, PERSONS, "application/sparql-results+json", format="csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")


def test_not_acceptable(base):
    status, _, body = get(base, PERSONS, "image/png")
    assert status == 406 and "text/csv" in body


# --- refusals and errors --------------------------------------------------------------------


@pytest.mark.parametrize("how", ["form-update", "sparql-update", "query-text", "get-update"])
def test_updates_are_refused(base, how):
    update = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    if how == "form-update":
        status, _, body = post_form(base, {"update": update})
    elif how == "sparql-update":
        status, _, body = http(f"{base}/sparql", "POST", update, {"Content-Type": "application/sparql-update"})
    elif how == "query-text":
        status, _, body = post_form(base, {"query": update})
    else:
        status, _, body = http(f"{base}/sparql?" + urllib.parse.urlencode({"update": update}))
    assert status == 403 and "read-only" in body
    assert get(base, "ASK { <urn:a> <urn:b> <urn:c> }")[2].find("false") > 0


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_write_methods_are_not_allowed(base, method):
    status, headers, body = http(f"{base}/sparql", method, "x", {"Content-Type": "text/turtle"})
    assert status == 405 and "read-only" in body
    assert headers["Allow"] == "GET, POST, OPTIONS"


def test_syntax_error_is_400_with_position(base):
    status, _, body = get(base, "SELECT ?s\nWHERE { ?s ?p }")
    assert status == 400 and "line 2, column" in body


def test_missing_query_and_bad_content_type(base):
    assert http(f"{base}/sparql?query=")[0] == 400
    assert http(f"{base}/sparql", "POST", "x", {"Content-Type": "text/plain"})[0] == 415


def test_bare_endpoint_gives_its_service_description(base):
    status, headers, body = http(f"{base}/sparql")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=body, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    service = next(graph.subjects(rdflib.RDF.type, sd.Service))
    assert str(graph.value(service, sd.endpoint)) == f"{base}/sparql"
    assert (service, sd.supportedLanguage, sd.SPARQL11Query) in graph


@pytest.mark.parametrize("method,path,body,headers,status,says", [
    ("GET", "/sparql?query=ASK%7B%7D&default-graph-uri=http%3A%2F%2Fex.org%2Fg", None, {}, 400, "default-graph-uri"),
    ("GET", "/sparql?query=ASK%7B%7D&named-graph-uri=http%3A%2F%2Fex.org%2Fg", None, {}, 400, "named-graph-uri"),
    ("POST", "/sparql", "query=ASK%7B%7D&default-graph-uri=x",
     {"Content-Type": "application/x-www-form-urlencoded"}, 400, "default-graph-uri"),
    ("POST", "/sparql?named-graph-uri=x", "ASK {}", {"Content-Type": "application/sparql-query"}, 400, "named-graph-uri"),
    ("GET", "/sparql?query=SELEC%20%3Fs", None, {}, 400, "line 1"),
    ("GET", "/sparql?query=SELECT%20*%20%7B%3Fs%20%3Fp%20%3Fo%7D%20LIMIT%201", None,
     {"Accept": "image/png"}, 406, "use one of"),
    ("GET", "/sparql?query=SELECT%20*%20%7B%3Fs%20%3Fp%20%3Fo%7D%20LIMIT%201", None,
     {"Accept": "image/png, text/csv;q=0.1"}, 200, ""),
    ("POST", "/sparql", "x" * (1 << 20), {"Content-Type": "application/sparql-query"}, 413, "1 MiB"),
])
def test_protocol_answers(base, method, path, body, headers, status, says):
    got, _, text = http(base + path, method, body, headers)
    assert got == status, text
    assert says in text


def test_head_and_options_are_answered(base):
    head = urllib.request.Request(f"{base}/sparql?query=ASK%7B%7D", method="HEAD")
    with urllib.request.urlopen(head, timeout=30) as response:
        assert response.status == 200 and response.read() == b""
        assert int(response.headers["Content-Length"]) > 0
    status, headers, _ = http(f"{base}/sparql", "OPTIONS")
    assert status == 204 and "POST" in headers["Allow"]


def test_timeout_stops_the_query_and_the_server_keeps_answering(server, base):
    started = time.monotonic()
    status, _, body = get(base, EXPENSIVE)
    elapsed = time.monotonic() - started
    assert status == 503 and "time limit" in body
    assert elapsed < TIMEOUT + 3
    for _ in range(3):  # the other worker answers at once
        status, _, body = get(base, PERSONS)
        assert status == 200 and names(body) == ["赵庆国"]
    wait_for_idle_workers(server)  # and the killed one has been replaced


def test_a_slow_query_does_not_block_others(server, base):
    wait_for_idle_workers(server)
    slow = threading.Thread(target=get, args=(base, EXPENSIVE))
    slow.start()
    time.sleep(0.2)
    started = time.monotonic()
    status, _, _ = get(base, PERSONS)
    assert status == 200 and time.monotonic() - started < TIMEOUT / 2
    slow.join()


def test_issue_15_no_worker_within_the_queue_timeout_is_503_with_retry_after():
    config = ServeConfig(graph=MINI, port=0, timeout=1.5, queue_timeout=0.2, page=None, workers=1,
                         demote_after=100.0, cache_mb=0)
    server = make_server(config)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        slow = threading.Thread(target=get, args=(base, EXPENSIVE))
        slow.start()
        time.sleep(0.3)  # the one worker is busy with it
        status, headers, body = get(base, PERSONS)
        assert status == 503 and headers["Retry-After"] == "5" and "--queue-timeout" in body
        slow.join()
        status, headers, _ = get(base, PERSONS)
        assert status == 200 and headers["Retry-After"] is None
    finally:
        server.shutdown()
        server.server_close()
        server.pool.close()


def test_result_cap(base):
    status, _, body = get(base, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    assert status == 413 and f"more than {CAP} results" in body and "LIMIT" in body
    status, _, body = get(base, f"SELECT ?s ?p ?o WHERE {{ ?s ?p ?o }} LIMIT {CAP}")
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == CAP


# --- CORS and pages ---------------------------------------------------------------------------


def test_cors(base):
    _, headers, _ = get(base, PERSONS)
    assert headers["Access-Control-Allow-Origin"] == "*"
    status, headers, _ = http(f"{base}/sparql", "OPTIONS", headers={
        "Origin": "https://example.org", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert status == 204
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in headers["Access-Control-Allow-Methods"]
    assert "Content-Type" in headers["Access-Control-Allow-Headers"]


def test_root_serves_the_graph_page(base):
    status, headers, body = http(f"{base}/")
    assert status == 200 and headers["Content-Type"].startswith("text/html") and body == PAGE


def test_query_page_is_self_contained_and_lists_the_library(base):
    status, headers, body = http(f"{base}/query")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    for query in list_queries():
        assert f'data-name="{query.name}"' in body
    assert not re.search(r'<(script|link)[^>]+(src|href)="(?!data:)', body)  # nothing fetched from elsewhere
    assert "<textarea" in body and ">Run</button>" in body
    library = json.loads(re.search(r'<script type="application/json" id="library">(.*?)</script>', body, re.S)[1])
    assert len(library) == len(list_queries())


def test_unknown_path(base):
    assert http(f"{base}/nothing")[0] == 404


# --- the command, as a process -----------------------------------------------------------------


def test_kg_serve_command(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", str(MINI), "--port", "0", "--timeout", "5",
         "--page", str(tmp_path / "missing.html")],
        stderr=subprocess.PIPE, text=True, encoding="utf-8", env=env, cwd=tmp_path,
    )
    try:
        line = process.stderr.readline()
        url = re.search(r"(http://\S+)/sparql", line)
        assert url, line
        status, _, body = get(url[1], PERSONS)
        assert status == 200 and names(body) == ["赵庆国"]
        status, _, body = http(url[1] + "/")
        # no graph page (kg build skips it above the whole-graph limit): the live page of one neighbourhood
        assert status == 200 and 'id="envkg-data"' in body and "connect-src &#39;self&#39;" in body
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stderr.close()


def test_kg_serve_bad_graph_exits_2(tmp_path):
    from click.testing import CliRunner

    from kg.commands.serve import serve_command

    result = CliRunner().invoke(serve_command, [str(tmp_path / "missing.ttl"), "--port", "0"])
    assert result.exit_code == 2 and "not found" in result.output
    assert "Example:" in CliRunner().invoke(serve_command, ["--help"]).output


# --- the query page in a browser ----------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is absent (apt-get install chromium)")
def test_query_page_runs_a_library_query_in_chromium(base):
    sync_api = pytest.importorskip("playwright.sync_api")
    foreign, console_errors = [], []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.on("request", lambda r: None if r.url.startswith((base, "data:")) else foreign.append(r.url))
        page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
        page.goto(f"{base}/query")
        page.click('a[data-name="measures_by_bureau"]')
        assert "implementedBy" in page.input_value("#query")
        page.click("#run")
        page.wait_for_selector("#result table")
        cells = page.locator("#result td").all_inner_texts()
        assert "首违不罚+警示教育" in cells
        assert "6 rows" in page.inner_text("#status")
        page.fill("#query", "SELECT ?s WHERE { ?s foo:bar ?o }")
        page.press("#query", "Control+Enter")
        page.wait_for_selector("#result .error")
        assert "unknown prefix 'foo:'" in page.inner_text("#result .error")
        browser.close()
    assert not foreign
    assert all("400" in e for e in console_errors), console_errors  # only the deliberate bad query


def test_fifty_concurrent_queries(server, base):
    """50 clients at once: every query answers, none errors (workers queue the extra load)."""
    from concurrent.futures import ThreadPoolExecutor

    wait_for_idle_workers(server)

    def one(i):
        status, _, body = get(base, PERSONS, accept="application/sparql-results+json")
        return status, len(json.loads(body)["results"]["bindings"]) if status == 200 else body

    with ThreadPoolExecutor(max_workers=50) as pool:
        answers = list(pool.map(one, range(50)))
    assert {status for status, _ in answers} == {200}
    assert len({rows for _, rows in answers}) == 1 and answers[0][1] > 0
