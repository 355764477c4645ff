"""A read-only SPARQL 1.1 Protocol endpoint over a graph file.

Routes:

* ``/sparql`` -- queries by ``GET ?query=``, ``POST`` form (``query=``) or ``POST``
  ``application/sparql-query``; results negotiated by ``Accept`` (SPARQL JSON/XML, CSV,
  TSV; Turtle, JSON-LD, N-Triples for CONSTRUCT/DESCRIBE) or ``?format=``. Updates get 403.
* ``/query`` -- a self-contained HTML page to try the query library (no CDN).
* ``/`` -- the graph page (``out/graph.html``) if it exists, else a short index.

Queries run in worker *processes* (each holds its own copy of the store) so that a query
over its time limit is stopped by killing its worker: pyoxigraph releases the GIL while it
evaluates, so a thread would keep the server responsive, but an abandoned thread would keep
burning a core with no way to cancel it. See ``docs/sparql.md``.

Example:
    >>> config = ServeConfig(graph=Path("tests/fixtures/mini.ttl"), port=0)
    >>> server = make_server(config)   # doctest: +SKIP
    >>> server.serve_forever()         # doctest: +SKIP
"""

from __future__ import annotations

import html
import json
import logging
import os
import queue
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import parse_qs, urlsplit

from kg.errors import InputError, KGError, QueryError
from kg.query import GRAPH_MEDIA_TYPES, list_queries, negotiate, serialize_result
from kg.store import DEFAULT_BACKEND, PREFIXES, is_update, load_store, run_query

__all__ = ["EndpointServer", "Reply", "ServeConfig", "WorkerPool", "answer", "generate_query_page", "make_server", "serve"]

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 1 << 20
DRAIN_BYTES = 64 << 20  # a refused body up to this size is read and dropped before the 413 answer
_PACKAGE_ROOT = Path(__file__).resolve().parent.parent
FORMAT_PARAMS = {
    "json": "application/sparql-results+json, application/ld+json;q=0.9",
    "xml": "application/sparql-results+xml, application/rdf+xml;q=0.9",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "jsonld": "application/ld+json",
    "nt": "application/n-triples",
}
TEXT = "text/plain; charset=utf-8"
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
READ_ONLY = "This endpoint is read-only: SPARQL Update requests are refused. Send a query instead."


@dataclass(frozen=True)
class ServeConfig:
    """Settings of :func:`make_server` (the options of ``kg serve``)."""

    graph: Path
    host: str = "127.0.0.1"
    port: int = 7878
    timeout: float = 10.0
    max_results: int = 10000
    page: Path | None = Path("out/graph.html")
    backend: str = DEFAULT_BACKEND
    workers: int = 2


class Reply(NamedTuple):
    """An HTTP answer: status code, content type and body."""

    status: int
    content_type: str
    body: bytes


def _text(status: int, message: str) -> Reply:
    return Reply(status, TEXT, (message + "\n").encode("utf-8"))


def answer(store: Any, sparql: str, accept: str | None, max_results: int) -> Reply:
    """Run one query and serialise it for the client (runs inside a worker).

    Example:
        >>> store = load_store("tests/fixtures/mini.ttl")
        >>> answer(store, "ASK { ?s a envkg:Bureau }", "text/csv", 10).body
        b'true\\r\\n'
    """
    if is_update(sparql):
        return _text(HTTPStatus.FORBIDDEN, READ_ONLY)
    try:
        result = run_query(store, sparql, max_rows=max_results)
    except QueryError as e:  # QuerySyntaxError included: the message has line and column
        return _text(HTTPStatus.BAD_REQUEST, str(e))
    if result.truncated:
        return _text(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                     f"The answer has more than {max_results} results (the server's --max-results); "
                     "add a LIMIT or narrow the query.")
    media = negotiate(accept, result.kind)
    if media is None:
        offered = ", ".join(GRAPH_MEDIA_TYPES) if result.kind == "graph" else (
            "application/sparql-results+json, application/sparql-results+xml, text/csv, text/tab-separated-values")
        return _text(HTTPStatus.NOT_ACCEPTABLE, f"Cannot produce {accept!r} for this query; use one of: {offered}.")
    body = serialize_result(result, media)
    charset = "" if media.endswith("+json") or media == "application/json" else "; charset=utf-8"
    return Reply(HTTPStatus.OK, media + charset, body)


def _worker_main(conn_in: Connection, conn_out: Connection, graph: str, backend: str, max_results: int) -> None:
    """Worker loop: load the graph once, then answer (sparql, accept) requests until EOF."""
    try:
        store = load_store(graph, backend)
    except KGError as e:
        conn_out.send(("error", str(e)))
        return
    conn_out.send(("ready", len(store)))
    while True:
        try:
            request = conn_in.recv()
        except EOFError:
            return
        sparql, accept = request
        try:
            conn_out.send(answer(store, sparql, accept, max_results))
        except Exception as e:  # noqa: BLE001 - a worker must answer, never die silently
            conn_out.send(_text(HTTPStatus.INTERNAL_SERVER_ERROR, f"Query failed: {type(e).__name__}: {e}"))


def worker_entry() -> None:
    """Entry point of a worker process (``python -c``): the protocol runs over stdin/stdout."""
    conn_in = Connection(os.dup(0), writable=False)
    conn_out = Connection(os.dup(1), readable=False)
    os.dup2(2, 1)  # anything printed goes to stderr, never into the protocol
    graph, backend, max_results = sys.argv[1], sys.argv[2], int(sys.argv[3])
    _worker_main(conn_in, conn_out, graph, backend, max_results)


class _Worker:
    """One worker process (a plain ``python -c`` subprocess, so no ``__main__`` re-import)."""

    def __init__(self, config: ServeConfig) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(_PACKAGE_ROOT), env.get("PYTHONPATH")]))
        self.process = subprocess.Popen(
            [sys.executable, "-c", "from kg.serve import worker_entry; worker_entry()",
             str(Path(config.graph).resolve()), config.backend, str(config.max_results)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env,
        )
        self.conn_out = Connection(os.dup(self.process.stdin.fileno()), readable=False)
        self.conn_in = Connection(os.dup(self.process.stdout.fileno()), writable=False)
        self.process.stdin.close()
        self.process.stdout.close()

    def wait_ready(self) -> int:
        """Block until the graph is loaded; return its size or raise InputError."""
        try:
            status, detail = self.conn_in.recv()
        except EOFError as e:
            raise InputError("A query worker died while loading the graph; see the messages above.") from e
        if status != "ready":
            raise InputError(detail)
        return detail

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(timeout=5)
        self.conn_in.close()
        self.conn_out.close()


class WorkerPool:
    """A fixed number of query worker processes; a query over time gets its worker killed.

    Args:
        config: Graph, backend, worker count and the result cap.

    Raises:
        InputError: If the graph cannot be loaded.
    """

    def __init__(self, config: ServeConfig) -> None:
        self.config = config
        self.size = 0
        self._closed = False
        self._idle: queue.Queue[_Worker] = queue.Queue()
        workers = [_Worker(config) for _ in range(max(1, config.workers))]
        try:
            for worker in workers:
                self.size = worker.wait_ready()
        except InputError:
            for worker in workers:
                worker.kill()
            raise
        for worker in workers:
            self._idle.put(worker)

    def execute(self, sparql: str, accept: str | None, timeout: float) -> Reply:
        """Run a query on an idle worker within ``timeout`` seconds (waiting included)."""
        deadline = time.monotonic() + timeout
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            return _text(HTTPStatus.SERVICE_UNAVAILABLE,
                         f"All {self.config.workers} query workers stayed busy for {timeout:g} s; try again later.")
        try:
            worker.conn_out.send((sparql, accept))
            if worker.conn_in.poll(max(0.0, deadline - time.monotonic())):
                reply = worker.conn_in.recv()
                self._idle.put(worker)
                return reply
        except (EOFError, OSError) as e:
            logger.warning("query worker failed: %s", e)
            self._replace(worker)
            return _text(HTTPStatus.INTERNAL_SERVER_ERROR, "The query worker crashed; the query was not answered.")
        self._replace(worker)
        return _text(HTTPStatus.SERVICE_UNAVAILABLE,
                     f"The query ran longer than the {timeout:g} s time limit (the server's --timeout) and was "
                     "stopped. Add a LIMIT or make the query more selective.")

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker and start a fresh one in the background."""
        worker.kill()

        def start() -> None:
            if self._closed:
                return
            fresh = _Worker(self.config)
            try:
                fresh.wait_ready()
            except InputError as e:
                logger.error("could not restart a query worker: %s", e)
                return
            self._idle.put(fresh)

        threading.Thread(target=start, name="envkg-worker-restart", daemon=True).start()

    def close(self) -> None:
        """Stop every idle worker (busy ones die with the server process)."""
        self._closed = True
        while True:
            try:
                self._idle.get_nowait().kill()
            except queue.Empty:
                return


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
        for key, value in (extra or {}).items():
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
            self._send(self._front_page())
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
        reply = self.server.pool.execute(sparql, accept, config.timeout)
        logger.info("query answered %s in %.3f s", reply.status, time.perf_counter() - started)
        self._send(reply)

    def _front_page(self) -> Reply:
        page = self.server.config.page
        if page is not None and Path(page).is_file():
            return Reply(HTTPStatus.OK, "text/html; charset=utf-8", Path(page).read_bytes())
        body = ("<!doctype html><meta charset='utf-8'><title>envkg</title><h1>envkg knowledge graph</h1>"
                "<p><a href='/query'>Query page</a> · SPARQL endpoint: <code>/sparql</code></p>")
        return Reply(HTTPStatus.OK, "text/html; charset=utf-8", body.encode("utf-8"))


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
    pool = WorkerPool(config)
    try:
        server = EndpointServer((config.host, config.port), _Handler)
    except OSError:
        pool.close()
        raise
    server.pool = pool
    server.config = config
    server.query_page = generate_query_page().encode("utf-8")
    return server


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
