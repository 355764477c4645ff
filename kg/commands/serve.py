"""``kg serve``: a read-only SPARQL 1.1 endpoint and query page over a graph file.

Exit codes: 0 stopped with Ctrl-C, 2 error (graph unreadable, address in use).
"""

from __future__ import annotations

import logging
from pathlib import Path

import click

from kg.errors import KGError
from kg.serve import ServeConfig, make_server
from kg.store import BACKENDS, DEFAULT_BACKEND

__all__ = ["serve_command"]


@click.command("serve")
@click.argument("graph_path", metavar="GRAPH", type=click.Path(path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=int, default=7878, show_default=True, help="Port (0: any free port).")
@click.option("--timeout", type=click.FloatRange(min=0.01), default=10.0, show_default=True,
              help="Seconds a query may run before it is stopped (answer: 503).")
@click.option("--queue-timeout", type=click.FloatRange(min=0.0), default=60.0, show_default=True,
              help="Seconds a request may wait for a free query worker (then: 503 with Retry-After).")
@click.option("--max-results", type=click.IntRange(min=1), default=10000, show_default=True,
              help="Most rows or triples one answer may hold (more: 413).")
@click.option("--page", type=click.Path(path_type=Path, dir_okay=False), default=Path("out/graph.html"),
              show_default=True, help="HTML file served at / when it exists (else the live page, as --live).")
@click.option("--live", is_flag=True, default=None,
              help="Serve at / the graph page one neighbourhood at a time, read from this endpoint "
                   "(/?entity=IRI&hops=2), even when the page file exists: for graphs above the whole-graph limit.")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Query worker processes (queries answered in parallel).")
@click.option("--demote-after", type=click.FloatRange(min=0.0), default=1.0, show_default=True,
              help="CPU seconds a query runs at full priority; then a fresh worker stands in for its own and it "
                   "runs only on spare CPU. A query that ran into --timeout runs, when sent again, only while "
                   "no other query does.")
@click.option("--cache-mb", type=click.IntRange(min=0), default=64, show_default=True,
              help="Megabytes of answers kept for repeated queries (0: none).")
@click.option("--store", "backend", type=click.Choice(BACKENDS), default=DEFAULT_BACKEND, show_default=True,
              help="SPARQL engine of the workers.")
@click.option("-v", "--verbose", is_flag=True, help="Log every request.")
def serve_command(graph_path: Path, host: str, port: int, timeout: float, queue_timeout: float, max_results: int,
                  page: Path, live: bool | None, workers: int, demote_after: float, cache_mb: int, backend: str,
                  verbose: bool) -> None:
    """Serve GRAPH read-only over the SPARQL 1.1 Protocol at /sparql, with a query page at /query.

    GET /sparql?query=..., POST form or POST application/sparql-query. Answers in
    SPARQL JSON/XML, CSV or TSV (Turtle or JSON-LD for CONSTRUCT), chosen by the
    Accept header. Updates are refused (403). Stop with Ctrl-C.

    \b
    Example:
        kg serve out/graph.ttl
        kg serve out/graph.ttl --port 8000 --timeout 30 --max-results 50000
        kg serve big/graph.nt --live      # the page one neighbourhood at a time (above the whole-graph limit)
        curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 5' \\
             http://127.0.0.1:7878/sparql
    """
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s")
    config = ServeConfig(graph=graph_path, host=host, port=port, timeout=timeout, queue_timeout=queue_timeout,
                         max_results=max_results, page=page, backend=backend, workers=workers, demote_after=demote_after,
                         cache_mb=cache_mb, live=live or None)
    try:
        server = make_server(config)
    except (KGError, OSError) as e:
        click.echo(f"Error: {e}", err=True)
        raise SystemExit(2) from e
    bound_host, bound_port = server.server_address[:2]
    base = f"http://{bound_host}:{bound_port}"
    click.echo(f"Serving {graph_path} ({server.pool.size} triples, {backend}) at {base}/sparql "
               f"- query page {base}/query - Ctrl-C to stop", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        server.pool.close()
