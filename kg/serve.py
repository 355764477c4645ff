"""A read-only SPARQL 1.1 Protocol endpoint over a graph file.

Routes:

* ``/sparql`` -- queries by ``GET ?query=``, ``POST`` form (``query=``) or ``POST``
  ``application/sparql-query``; results negotiated by ``Accept`` (SPARQL JSON/XML, CSV,
  TSV; Turtle, JSON-LD, N-Triples for CONSTRUCT/DESCRIBE) or ``?format=``. Updates get 403.
* ``/query`` -- a self-contained HTML page to try the query library (no CDN).
* ``/`` -- the graph page (``out/graph.html``) if it exists; else (``kg build`` skips it above
  the whole-graph limit), or with ``--live``, the same page for one neighbourhood
  (``/?entity=IRI&hops=1|2``, :mod:`kg.live`), whose search asks ``/sparql``.

Queries run in worker *processes* forked from one that parsed the graph
(:mod:`kg.serve_workers`), so that a query over its time limit is stopped by killing its
worker and a fork replaces it at once: pyoxigraph releases the GIL while it evaluates, so a
thread would keep the server responsive, but an abandoned thread would keep burning a core
with no way to cancel it. See ``docs/sparql.md``.

Example:
    >>> config = ServeConfig(graph=Path("tests/fixtures/mini.ttl"), port=0)
    >>> server = make_server(config)   # doctest: +SKIP
    >>> server.serve_forever()         # doctest: +SKIP
"""

from __future__ import annotations

import html
import json
import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import networkx as nx

from kg.query import list_queries
from kg.serve_workers import READ_ONLY, TEXT, Reply, WorkerConfig, WorkerPool, answer
from kg.store import DEFAULT_BACKEND, PREFIXES, is_update

__all__ = ["AnswerCache", "EndpointServer", "Reply", "ServeConfig", "WorkerPool", "answer", "generate_query_page", "make_server", "serve"]

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 1 << 20
DRAIN_BYTES = 64 << 20  # a refused body up to this size is read and dropped before the 413 answer
FORMAT_PARAMS = {
    "json": "application/sparql-results+json, application/ld+json;q=0.9",
    "xml": "application/sparql-results+xml, application/rdf+xml;q=0.9",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "jsonld": "application/ld+json",
    "nt": "application/n-triples",
}
LISTEN_BACKLOG = 1024  # connections the kernel holds while every handler thread is busy (capped by somaxconn)
DATASET_PARAMS = ("default-graph-uri", "named-graph-uri")
SERVICE_DESCRIPTION = """@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix formats: <http://www.w3.org/ns/formats/> .

[] a sd:Service ;
    sd:endpoint <{endpoint}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:resultFormat formats:SPARQL_Results_JSON, formats:SPARQL_Results_XML, formats:SPARQL_Results_CSV,
        formats:SPARQL_Results_TSV, formats:Turtle, formats:N-Triples, formats:JSON-LD ;
    sd:defaultDataset [ a sd:Dataset ; sd:defaultGraph [ a sd:Graph ] ] .
"""


@dataclass(frozen=True)
class ServeConfig:
    """Settings of :func:`make_server` (the options of ``kg serve``)."""

    graph: Path
    host: str = "127.0.0.1"
    port: int = 7878
    timeout: float = 10.0
    queue_timeout: float = 60.0  # seconds a request may wait for a worker, before its query's own timeout
    max_results: int = 10000
    page: Path | None = Path("out/graph.html")
    backend: str = DEFAULT_BACKEND
    workers: int = 2
    demote_after: float = 1.0  # CPU seconds a query runs at full priority; then a fresh worker stands in and it is demoted
    cache_mb: int = 64  # answers kept for repeated queries (the graph never changes while served); 0: none
    live: bool | None = None  # the neighbourhood page at /: True always, None when there is no page file

    def worker_config(self) -> WorkerConfig:
        """The settings the query workers need."""
        return WorkerConfig(graph=self.graph, backend=self.backend, max_results=self.max_results,
                            workers=self.workers, demote_after=self.demote_after)


class AnswerCache:
    """The latest answers, by (query text, Accept), up to ``max_bytes`` of bodies (least recently used go first).

    The graph of ``kg serve`` never changes while it is served, so an answer stays right; only
    answers that depend on the query alone are kept (200, 400, 406, 413), never a 503 or 500.

    Example:
        >>> cache = AnswerCache(1 << 20)
        >>> cache.put("ASK {}", None, Reply(200, "text/csv", b"true"))
        >>> cache.get("ASK {}", None).body, cache.get("ASK {}", "text/csv")
        (b'true', None)
    """

    KEPT = frozenset({HTTPStatus.OK, HTTPStatus.BAD_REQUEST, HTTPStatus.NOT_ACCEPTABLE,
                      HTTPStatus.REQUEST_ENTITY_TOO_LARGE})

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._bytes = 0
        self._answers: OrderedDict[tuple[str, str | None], Reply] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, sparql: str, accept: str | None) -> Reply | None:
        with self._lock:
            reply = self._answers.get((sparql, accept))
            if reply is not None:
                self._answers.move_to_end((sparql, accept))
            return reply

    def put(self, sparql: str, accept: str | None, reply: Reply) -> None:
        size = len(reply.body) + len(sparql)
        if reply.status not in self.KEPT or size > self.max_bytes:
            return
        with self._lock:
            old = self._answers.pop((sparql, accept), None)
            if old is not None:
                self._bytes -= len(old.body) + len(sparql)
            self._answers[(sparql, accept)] = reply
            self._bytes += size
            while self._bytes > self.max_bytes:
                (query, _), dropped = self._answers.popitem(last=False)
                self._bytes -= len(dropped.body) + len(query)


def _text(status: int, message: str) -> Reply:
    return Reply(status, TEXT, (message + "\n").encode("utf-8"))


class _Handler(BaseHTTPRequestHandler):
    """Routes of the endpoint; the server object carries ``pool``, ``config`` and ``query_page``."""

    server_version = "envkg-sparql/0.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        logger.info("%s - %s", self.address_string(), format % args)

    def _send(self, reply: Reply, extra: dict[str, str] | None = None) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Vary", "Accept")
        for key, value in (*reply.headers, *(extra or {}).items()):
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(reply.body)

    def do_OPTIONS(self) -> None:  # noqa: N802 - stdlib naming
        self._send(Reply(HTTPStatus.NO_CONTENT, TEXT, b""), {
            "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
            "Access-Control-Allow-Headers": "Content-Type, Accept",
            "Access-Control-Max-Age": "86400",
            "Allow": "GET, POST, OPTIONS",
        })

    def _refuse_method(self) -> None:
        self._send(_text(HTTPStatus.METHOD_NOT_ALLOWED, f"{self.command} is not allowed: " + READ_ONLY),
                   {"Allow": "GET, POST, OPTIONS"})

    do_PUT = do_DELETE = do_PATCH = _refuse_method

    def do_HEAD(self) -> None:  # noqa: N802 - stdlib naming
        self.do_GET()  # _send writes no body for HEAD

    def _refuse_dataset(self, params: dict[str, list[str]]) -> bool:
        """Refuse ``default-graph-uri`` / ``named-graph-uri``: the endpoint serves one default graph."""
        given = [name for name in DATASET_PARAMS if name in params]
        if given:
            self._send(_text(HTTPStatus.BAD_REQUEST,
                             f"{' and '.join(given)} not supported: this endpoint serves one graph as its default "
                             "graph and has no named graphs. Send the query without them."))
        return bool(given)

    def _service_description(self) -> Reply:
        host = self.headers.get("Host") or f"{self.server.config.host}:{self.server.server_address[1]}"
        return Reply(HTTPStatus.OK, "text/turtle; charset=utf-8",
                     SERVICE_DESCRIPTION.replace("{endpoint}", f"http://{host}/sparql").encode("utf-8"))

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        url = urlsplit(self.path)
        if url.path == "/sparql":
            params = parse_qs(url.query, keep_blank_values=True)
            if "query" not in params and "update" not in params:
                self._send(self._service_description())  # SPARQL 1.1 Service Description: the bare endpoint
                return
            if self._refuse_dataset(params):
                return
            self._sparql(params.get("query", [None])[0], "update" in params, params.get("format", [None])[0])
        elif url.path in ("/query", "/query.html"):
            self._send(Reply(HTTPStatus.OK, "text/html; charset=utf-8", self.server.query_page))
        elif url.path in ("/", "/index.html"):
            self._send(self._front_page(parse_qs(url.query)))
        else:
            self._send(_text(HTTPStatus.NOT_FOUND, f"No such page: {url.path}. Try /sparql or /query."))

    def do_POST(self) -> None:  # noqa: N802 - stdlib naming
        url = urlsplit(self.path)
        if url.path != "/sparql":
            self._send(_text(HTTPStatus.NOT_FOUND, f"POST to {url.path}: only /sparql takes queries."))
            return
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            self._send(_text(HTTPStatus.LENGTH_REQUIRED, "POST needs a Content-Length header."))
            return
        if int(length) >= MAX_BODY_BYTES:
            if int(length) <= DRAIN_BYTES:  # read it away, so that the client, still sending, gets the answer
                for _ in range(0, int(length), 1 << 16):
                    self.rfile.read(min(1 << 16, int(length) - _))
            else:
                self.close_connection = True  # not read: the connection cannot carry another request
            self._send(_text(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                             f"Request body of {length} bytes: queries of {MAX_BODY_BYTES} bytes (1 MiB) or more are "
                             "refused. Send a shorter query."))
            return
        body = self.rfile.read(int(length)).decode("utf-8", errors="replace")
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
        fmt = params.get("format", [None])[0]
        if self._refuse_dataset(params):
            return
        if media == "application/sparql-update":
            self._sparql(None, True, fmt)
        elif media == "application/sparql-query":
            self._sparql(body, False, fmt)
        elif media == "application/x-www-form-urlencoded":
            form = parse_qs(body, keep_blank_values=True)
            if self._refuse_dataset(form):
                return
            self._sparql(form.get("query", [None])[0], "update" in form, fmt or form.get("format", [None])[0])
        else:
            self._send(_text(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                             "POST a query as application/sparql-query or application/x-www-form-urlencoded."))

    def _sparql(self, sparql: str | None, update: bool, fmt: str | None) -> None:
        if update or (sparql is not None and is_update(sparql)):
            self._send(_text(HTTPStatus.FORBIDDEN, READ_ONLY))
            return
        if not sparql or not sparql.strip():
            self._send(_text(HTTPStatus.BAD_REQUEST, "Missing the 'query' parameter. See /query for examples."))
            return
        accept = FORMAT_PARAMS.get(fmt or "", self.headers.get("Accept"))
        config = self.server.config
        started = time.perf_counter()
        with self.server.pool.serving():  # a known slow query waits while this one is served
            reply = self.server.answers.get(sparql, accept)
            if reply is None:
                reply = self.server.pool.execute(sparql, accept, config.timeout, config.queue_timeout)
                self.server.answers.put(sparql, accept, reply)
            logger.info("query answered %s in %.3f s", reply.status, time.perf_counter() - started)
            self._send(reply)

    def _front_page(self, params: dict[str, list[str]]) -> Reply:
        config = self.server.config
        page = config.page
        has_page = page is not None and Path(page).is_file()
        if config.live or (config.live is None and not has_page):
            return self._live_page(params.get("entity", [None])[0], params.get("hops", ["1"])[0])
        if has_page:
            return Reply(HTTPStatus.OK, "text/html; charset=utf-8", Path(page).read_bytes())
        body = ("<!doctype html><meta charset='utf-8'><title>envkg</title><h1>envkg knowledge graph</h1>"
                "<p><a href='/query'>Query page</a> · SPARQL endpoint: <code>/sparql</code></p>")
        return Reply(HTTPStatus.OK, "text/html; charset=utf-8", body.encode("utf-8"))

    def _run(self, sparql: str, accept: str) -> bytes:
        """One query of the live page on the workers (and the answer cache); LiveError unless 200."""
        from kg.live import LiveError

        reply = self.server.answers.get(sparql, accept)
        if reply is None:
            reply = self.server.pool.execute(sparql, accept, self.server.config.timeout, self.server.config.queue_timeout)
            self.server.answers.put(sparql, accept, reply)
        if reply.status != HTTPStatus.OK:
            raise LiveError(f"the endpoint answered {int(reply.status)}: {reply.body.decode('utf-8', 'replace').strip()}",
                            int(reply.status))
        return reply.body

    def _live_page(self, entity: str | None, hops: str) -> Reply:
        """The graph page for the neighbourhood of ``entity`` (default: the entity with the most relations)."""
        from kg.live import LiveError, neighbourhood, page_settings
        from kg.page import generate_html

        started = time.perf_counter()
        try:
            centre = entity or self.server.start_entity(self._run)
            G = neighbourhood(self._run, centre, 2 if hops == "2" else 1) if centre else nx.MultiDiGraph()
        except LiveError as e:
            return _text(HTTPStatus.SERVICE_UNAVAILABLE, f"The neighbourhood could not be read: {e}")
        body = generate_html(G, live=page_settings(G)).encode("utf-8")
        logger.info("live page of %s: %d nodes in %.3f s", centre, G.number_of_nodes(), time.perf_counter() - started)
        return Reply(HTTPStatus.OK, "text/html; charset=utf-8", body)


def generate_query_page() -> str:
    """The self-contained HTML page of ``/query``: library examples, a textarea, a run button."""
    library = [{"name": q.name, "description": q.description, "sparql": q.sparql} for q in list_queries()]
    data = json.dumps(library, ensure_ascii=False).replace("</", "<\\/")
    prefixes = html.escape(", ".join(f"{p}:" for p in PREFIXES))
    items = "".join(
        f'<li><a href="#{html.escape(q["name"])}" data-name="{html.escape(q["name"])}">{html.escape(q["name"])}</a>'
        f' - {html.escape(q["description"])}</li>' for q in library
    )
    return _PAGE.replace("{prefixes}", prefixes).replace("{items}", items).replace("{data}", data)


_PAGE = """<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>envkg SPARQL</title><link rel="icon" href="data:,">
<style>
body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:1.5rem auto;max-width:72rem;padding:0 1rem}
textarea{width:100%;height:16rem;font:13px/1.4 ui-monospace,monospace;box-sizing:border-box}
table{border-collapse:collapse;margin-top:.5rem}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}
th{background:#f3f3f3}#status{color:#555}.error{color:#b00020;white-space:pre-wrap}pre{background:#f7f7f7;padding:.5rem;overflow:auto}
</style></head><body>
<h1>envkg SPARQL</h1>
<p>Read-only SPARQL 1.1 endpoint at <code>/sparql</code> (GET <code>?query=</code> or POST).
Pre-declared prefixes: <code>{prefixes}</code></p>
<details open><summary>Query library</summary><ul id="examples">{items}</ul></details>
<textarea id="query" spellcheck="false"></textarea>
<p><label>Format <select id="format"><option value="application/sparql-results+json">table</option>
<option value="text/csv">CSV</option><option value="text/tab-separated-values">TSV</option>
<option value="application/sparql-results+xml">XML</option></select></label>
<button id="run" title="Ctrl+Enter">Run</button> <span id="status"></span></p>
<div id="result"></div>
<script type="application/json" id="library">{data}</script>
<script>
const library = JSON.parse(document.getElementById("library").textContent);
const box = document.getElementById("query"), out = document.getElementById("result"),
      status = document.getElementById("status");
function load(name) { const q = library.find(x => x.name === name); if (q) box.value = q.sparql; }
document.querySelectorAll("#examples a").forEach(a => a.addEventListener("click", e => {
  e.preventDefault(); load(a.dataset.name); history.replaceState(null, "", "#" + a.dataset.name); }));
load(location.hash.slice(1) || (library[0] || {}).name);
function cell(b) { return !b ? "" : b.type === "uri" ? "<" + b.value + ">" : b.value; }
function table(json) {
  if ("boolean" in json) return document.createTextNode(String(json.boolean));
  const t = document.createElement("table"), head = t.insertRow();
  json.head.vars.forEach(v => { const th = document.createElement("th"); th.textContent = v; head.appendChild(th); });
  json.results.bindings.forEach(b => { const r = t.insertRow();
    json.head.vars.forEach(v => { r.insertCell().textContent = cell(b[v]); }); });
  return t;
}
box.addEventListener("keydown", e => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) document.getElementById("run").click(); });
document.getElementById("run").addEventListener("click", async () => {
  const accept = document.getElementById("format").value, started = performance.now();
  status.textContent = "running..."; out.replaceChildren();
  try {
    const r = await fetch("/sparql", {method: "POST", body: box.value,
      headers: {"Content-Type": "application/sparql-query; charset=utf-8", "Accept": accept + ", text/turtle;q=0.5"}});
    const type = r.headers.get("Content-Type") || "", text = await r.text();
    const ms = Math.round(performance.now() - started);
    if (!r.ok) { const p = document.createElement("p"); p.className = "error";
      p.textContent = r.status + " " + text; out.appendChild(p); status.textContent = ms + " ms"; return; }
    if (type.startsWith("application/sparql-results+json")) {
      const json = JSON.parse(text); out.appendChild(table(json));
      status.textContent = ("results" in json ? json.results.bindings.length + " rows, " : "") + ms + " ms";
    } else { const pre = document.createElement("pre"); pre.textContent = text; out.appendChild(pre);
      status.textContent = ms + " ms"; }
  } catch (e) { status.textContent = "failed: " + e; }
});
</script>
</body></html>
"""


class EndpointServer(ThreadingHTTPServer):
    """The HTTP server: one thread per connection, and a listen backlog deep enough that a burst
    of clients queues in the kernel instead of being reset (socketserver's default is 5)."""

    request_queue_size = LISTEN_BACKLOG
    daemon_threads = True


def make_server(config: ServeConfig) -> ThreadingHTTPServer:
    """Load the graph into the workers and bind the HTTP server (not yet serving).

    Raises:
        InputError: If the graph cannot be loaded.
        OSError: If the address is in use.
    """
    pool = WorkerPool(config.worker_config())
    try:
        server = EndpointServer((config.host, config.port), _Handler)
    except OSError:
        pool.close()
        raise
    server.pool = pool
    server.answers = AnswerCache(config.cache_mb << 20)
    server.config = config
    server.query_page = generate_query_page().encode("utf-8")
    server.start_entity = _StartEntity()
    return server


class _StartEntity:
    """The live page's default centre, asked of the endpoint once (the graph does not change)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._done, self._iri = False, None

    def __call__(self, run) -> str | None:
        from kg.live import start_entity

        with self._lock:
            if not self._done:
                self._iri, self._done = start_entity(run), True
            return self._iri


def serve(config: ServeConfig) -> None:
    """Serve until interrupted, then stop the workers."""
    server = make_server(config)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        logger.info("interrupted; shutting down")
    finally:
        server.server_close()
        server.pool.close()
