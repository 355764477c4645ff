"""Load a graph into any SPARQL 1.1 Graph Store Protocol server (Oxigraph, Fuseki, GraphDB …)."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from kg.errors import InputError, KGError

CONTENT_TYPES = {".ttl": "text/turtle", ".nt": "application/n-triples", ".jsonld": "application/ld+json"}


class PushError(KGError):
    """The graph store refused the graph or could not be reached."""


def push_graph(path: str | Path, store_url: str, graph_iri: str | None = None, replace: bool = True,
               timeout: float = 60.0) -> int:
    """Send a graph file to a Graph Store Protocol endpoint; returns the HTTP status.

    `replace` uses PUT (the target graph becomes this file), otherwise POST (merge).
    Without `graph_iri` the default graph is the target.

    Raises:
        InputError: the file is missing or of an unknown format.
        PushError: the server answered with an error or could not be reached.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"graph not found: {path} (run kg build first)")
    content_type = CONTENT_TYPES.get(path.suffix)
    if content_type is None:
        raise InputError(f"{path}: unknown graph format; use {', '.join(CONTENT_TYPES)}")
    query = {"graph": graph_iri} if graph_iri else {"default": ""}
    url = f"{store_url}{'&' if '?' in store_url else '?'}{urllib.parse.urlencode(query)}"
    request = urllib.request.Request(url, data=path.read_bytes(), method="PUT" if replace else "POST",
                                     headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as e:
        detail = e.read().decode("utf-8", "replace").strip().splitlines()[:1]
        raise PushError(f"{store_url} refused the graph: HTTP {e.code} {detail[0] if detail else ''}".strip()) from e
    except (urllib.error.URLError, OSError) as e:
        raise PushError(f"cannot reach {store_url}: {getattr(e, 'reason', e)}") from e
