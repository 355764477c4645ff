"""Serialise the graph: stream sorted subjects to Turtle and N-Triples (outputs are staged by kg.outputs).

The writers take the subjects of :func:`kg.rdf.facts_to_subjects` (sorted, unique, in
N-Triples syntax) and never hold more than one subject, so memory does not grow with the
corpus. The same subjects give the same bytes. JSON-LD goes through rdflib.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import accumulate
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

from rdflib import Graph

from kg.rdf import A, PREFIXES, Piece, RenderedSubjects, Subject, family_groups

FORMATS = {"ttl": ("turtle", "graph.ttl"), "nt": ("nt", "graph.nt"), "jsonld": ("json-ld", "graph.jsonld")}
STREAMED = ("ttl", "nt")

_LOCAL_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
_INSTANCE = f"<{PREFIXES['id']}"


@lru_cache(maxsize=4096)
def _compact_iri(term: str) -> str:
    """``prefix:local`` for a vocabulary IRI term whose local name needs no escaping, else the term."""
    for prefix, namespace in PREFIXES.items():
        if term.startswith(namespace, 1):
            local = term[1 + len(namespace):-1]
            if _LOCAL_NAME.match(local):
                return f"{prefix}:{local}"
    return term


def _turtle_term(term: str) -> str:
    if term[0] == "<":
        return term if term.startswith(_INSTANCE) else _compact_iri(term)
    if term[-1] == ">":  # typed literal: compact its datatype
        lexical, _, datatype = term.rpartition("^^")
        return f"{lexical}^^{_compact_iri(datatype)}"
    return term


def turtle_prefixes() -> str:
    """The ``@prefix`` lines every Turtle file starts with."""
    return "".join(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in PREFIXES.items()) + "\n"


_OBJECTS = ",\n        "
_PREDICATES = " ;\n    "


def turtle_block(subject: Subject) -> str:
    """One subject in Turtle: ``a`` first, then predicates in order, objects joined with commas."""
    types, parts, last = [], [], None
    for p, o in subject.pairs:  # sorted: the objects of one predicate are adjacent
        o = _turtle_term(o)
        if p == A:
            types.append(o)
        elif p == last:
            parts[-1].append(o)
        else:
            parts.append([_compact_iri(p), o])
            last = p
    lines = [f"{objects[0]} {_OBJECTS.join(objects[1:])}" for objects in parts]
    if types:
        lines.insert(0, "a " + _OBJECTS.join(types))
    return f"{subject.term} {_PREDICATES.join(lines)} .\n\n"


def ntriples_block(subject: Subject) -> str:
    """One subject as N-Triples lines."""
    s = subject.term
    return "".join(f"{s} {p} {o} .\n" for p, o in subject.pairs)


RENDERERS = {"ttl": (turtle_prefixes, turtle_block), "nt": (lambda: "", ntriples_block)}


def render(subjects: Iterable[Subject], formats: Iterable[str]) -> RenderedSubjects:
    """Serialise sorted subjects ahead of the merge (in the workers), in each streamed format."""
    subjects = list(subjects)
    formats = [fmt for fmt in formats if fmt in RENDERERS]
    blobs, ends = {}, {}
    for fmt in formats:
        parts = [RENDERERS[fmt][1](subject).encode("utf-8") for subject in subjects]
        blobs[fmt] = b"".join(parts)
        ends[fmt] = list(accumulate(map(len, parts)))
    classes = Counter(cls for subject in subjects for cls in subject.classes())
    terms = [s.term for s in subjects]
    return RenderedSubjects(terms, blobs, ends, sum(len(s.pairs) for s in subjects), dict(classes),
                            family_groups(terms))


def ntriples_lines(subjects: Iterable[Subject]) -> Iterator[str]:
    """N-Triples text of `subjects`, in memory."""
    return map(ntriples_block, subjects)


def write_subjects(subjects: Iterable[Subject | Piece], sinks: dict[str, BinaryIO]) -> None:
    """Stream `subjects` into one open binary file per format (``ttl``, ``nt``)."""
    renderers = {fmt: RENDERERS[fmt] for fmt in sinks}
    for fmt, (header, _) in renderers.items():
        sinks[fmt].write(header().encode("utf-8"))
    for subject in subjects:
        if isinstance(subject, tuple):  # a Piece of a document's serialised subjects
            doc, start, stop = subject
            for fmt in renderers:
                ends = doc.ends[fmt]
                sinks[fmt].write(memoryview(doc.blobs[fmt])[ends[start - 1] if start else 0:ends[stop - 1]])
            continue
        for fmt, (_, render_block) in renderers.items():
            sinks[fmt].write(render_block(subject).encode("utf-8"))


def generate_jsonld(graph: Graph) -> bytes:
    """An rdflib Graph as JSON-LD with sorted keys (Turtle and N-Triples are streamed: write_subjects)."""
    return graph.serialize(format="json-ld", encoding="utf-8", sort_keys=True, indent=1)
