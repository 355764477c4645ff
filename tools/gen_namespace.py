"""Generate ``kg/namespace.py`` from the envkg ontology.

The ontology (``ontology/envkg.ttl``) is the single source of truth for the
envkg vocabulary. This tool writes a closed rdflib ``DefinedNamespace``
(``_fail = True``) listing every term declared there, so that a misspelt term
such as ``ENVKG.partof`` raises ``AttributeError`` instead of silently minting
a wrong IRI.

Usage:
    python tools/gen_namespace.py
    python tools/gen_namespace.py --ontology ontology/envkg.ttl --out kg/namespace.py
"""

from __future__ import annotations

import argparse
import keyword
import os
import sys
import tempfile
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS

ENVKG_IRI = "https://w3id.org/envkg/ontology#"
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ONTOLOGY = ROOT / "ontology" / "envkg.ttl"
DEFAULT_OUT = ROOT / "kg" / "namespace.py"
COMMAND = "python tools/gen_namespace.py"

HEADER = '''\
# GENERATED FILE - DO NOT EDIT.
# Generated from ontology/envkg.ttl by `{command}`.
# Edit the ontology and rerun that command; tests/test_ontology.py checks this
# file is up to date.
# ruff: noqa: E501
"""The envkg vocabulary as a closed rdflib namespace, plus the other namespaces we use.

Example:
    >>> from kg.namespace import ENVKG
    >>> str(ENVKG.partOf)
    'https://w3id.org/envkg/ontology#partOf'
"""

from rdflib.namespace import (
    DCTERMS,
    OWL,
    PROV,
    RDF,
    RDFS,
    SKOS,
    XSD,
    DefinedNamespace,
    Namespace,
)
from rdflib.term import URIRef

__all__ = [
    "DCTERMS",
    "ENVKG",
    "GEO",
    "ID",
    "NIF",
    "OWL",
    "PROV",
    "RDF",
    "RDFS",
    "SKOS",
    "XSD",
]

GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ID = Namespace("https://w3id.org/envkg/id/")


class ENVKG(DefinedNamespace):
    """envkg ontology terms (https://w3id.org/envkg/ontology#)."""

    _fail = True
    _NS = Namespace("{namespace}")
'''


def _english(graph: Graph, term: URIRef) -> str:
    """Return the term's English label and definition as a one-line comment text."""
    parts = []
    for prop in (RDFS.label, SKOS.definition, RDFS.comment):
        texts = sorted(
            str(o) for o in graph.objects(term, prop)
            if isinstance(o, Literal) and o.language == "en"
        )
        if texts:
            parts.append(texts[0])
    return " - ".join(" ".join(p.split()) for p in parts)


def ontology_terms(graph: Graph) -> list[str]:
    """List the local names of all envkg terms that the ontology describes.

    Args:
        graph: The parsed ontology.

    Returns:
        Sorted local names (``"Bureau"``, ``"partOf"``, ...).
    """
    names = {
        str(s)[len(ENVKG_IRI):]
        for s in graph.subjects()
        if isinstance(s, URIRef) and str(s).startswith(ENVKG_IRI)
    }
    names.discard("")
    return sorted(names)


def generate_namespace_source(graph: Graph) -> str:
    """Render the Python source of ``kg/namespace.py`` for an ontology graph.

    Args:
        graph: The parsed ontology.

    Returns:
        The module source; identical for identical term sets and comments.
    """
    lines = [HEADER.format(command=COMMAND, namespace=ENVKG_IRI)]
    extras = []
    for name in ontology_terms(graph):
        if not name.isidentifier() or keyword.iskeyword(name) or name.startswith("_"):
            extras.append(name)
            continue
        comment = _english(graph, URIRef(ENVKG_IRI + name))
        line = f"    {name}: URIRef"
        lines.append(f"{line}  # {comment}" if comment else line)
    if extras:
        lines.append("")
        lines.append(f"    _extras = {sorted(extras)!r}")
    return "\n".join(lines) + "\n"


def write_namespace(ontology: Path, out: Path) -> None:
    """Parse ``ontology`` and write the namespace module to ``out`` atomically.

    Args:
        ontology: Path of the Turtle ontology.
        out: Path of the module to write.
    """
    graph = Graph()
    graph.parse(ontology, format="turtle", encoding="utf-8")
    source = generate_namespace_source(graph)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=".namespace.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(source)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the process exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ontology", type=Path, default=DEFAULT_ONTOLOGY)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    write_namespace(args.ontology, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
