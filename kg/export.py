"""Serialise the graph: stream sorted subjects to Turtle and N-Triples; stage every output atomically.

The writers take the subjects of :func:`kg.rdf.facts_to_subjects` (sorted, unique, in
N-Triples syntax) and never hold more than one subject, so memory does not grow with the
corpus. The same subjects give the same bytes. JSON-LD goes through rdflib.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from itertools import accumulate
import tempfile
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

from rdflib import Graph

from kg.errors import OutputError
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


class StagedOutputs:
    """Outputs written to temporary files beside their targets, renamed into place together.

    Used as a context manager: on an exception every temporary file is removed and the
    previous outputs stay as they were; :meth:`commit` renames them all.

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> with StagedOutputs(out) as staged:
    ...     staged.write("a.txt", b"hello")
    ...     staged.commit()
    >>> (out / "a.txt").read_text()
    'hello'
    """

    def __init__(self, out_dir: str | Path) -> None:
        self.out_dir = Path(out_dir)
        self._staged: dict[str, Path] = {}

    def __enter__(self) -> StagedOutputs:
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise OutputError(f"cannot create output folder {self.out_dir}: {e.strerror}") from e
        return self

    def __exit__(self, *exc) -> bool:
        for tmp in self._staged.values():
            tmp.unlink(missing_ok=True)
        self._staged.clear()
        return False

    def open(self, name: str) -> BinaryIO:
        """A new binary file that will become ``out_dir/name`` on :meth:`commit`."""
        target = self.out_dir / name
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", dir=self.out_dir)
        except OSError as e:
            raise OutputError(f"cannot write {target}: {e.strerror}") from e
        self._staged[name] = Path(tmp)
        return os.fdopen(fd, "wb", buffering=1 << 20)

    def write(self, name: str, data: bytes) -> None:
        """Stage `data` as ``out_dir/name``."""
        try:
            with self.open(name) as handle:
                handle.write(data)
        except OSError as e:
            raise OutputError(f"cannot write {self.out_dir / name}: {e.strerror}") from e

    def path(self, name: str) -> Path:
        """Where a staged output is until it is committed."""
        return self._staged[name]

    def discard(self, name: str) -> None:
        """Drop a staged output: it will not be written."""
        self._staged.pop(name).unlink(missing_ok=True)

    @property
    def names(self) -> list[str]:
        return sorted(self._staged)

    def commit(self) -> None:
        """Rename every staged file into place (each rename is atomic)."""
        mode = 0o666 & ~_umask()
        try:
            for name, tmp in sorted(self._staged.items()):
                os.chmod(tmp, mode)
                os.replace(tmp, self.out_dir / name)
        except OSError as e:
            raise OutputError(f"cannot write {self.out_dir / name}: {e.strerror}") from e
        self._staged.clear()


def write_atomic(path: Path, data: bytes) -> None:
    """Write bytes to a temporary file beside `path`, then rename it over `path`."""
    path = Path(path)
    with StagedOutputs(path.parent) as staged:
        staged.write(path.name, data)
        staged.commit()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
