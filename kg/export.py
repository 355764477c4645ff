"""Serialise the graph: pure ``generate_*`` functions and thin atomic ``write_*`` shells."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from rdflib import Graph

from kg.errors import OutputError

FORMATS = {"ttl": ("turtle", "graph.ttl"), "nt": ("nt", "graph.nt"), "jsonld": ("json-ld", "graph.jsonld")}


def generate(graph: Graph, fmt: str = "ttl") -> bytes:
    """Serialise deterministically (sorted subjects, predicates and objects; sorted lines for N-Triples)."""
    if fmt not in FORMATS:
        raise OutputError(f"unknown format {fmt!r}: choose from {', '.join(FORMATS)}")
    rdflib_format = FORMATS[fmt][0]
    if fmt == "nt":
        lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
        return ("\n".join(sorted(line for line in lines if line.strip())) + "\n").encode("utf-8")
    if fmt == "jsonld":
        return graph.serialize(format=rdflib_format, encoding="utf-8", sort_keys=True, indent=1)
    return graph.serialize(format=rdflib_format, encoding="utf-8")


def generate_turtle(graph: Graph) -> str:
    """The graph as Turtle text."""
    return generate(graph, "ttl").decode("utf-8")


def write_atomic(path: Path, data: bytes) -> None:
    """Write bytes to a temporary file beside `path`, then rename it over `path`."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.chmod(tmp, 0o666 & ~_umask())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as e:
        raise OutputError(f"cannot write {path}: {e.strerror}") from e


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_turtle(graph: Graph, path: Path) -> None:
    """Write the graph as Turtle, atomically."""
    write_atomic(path, generate(graph, "ttl"))
