"""Load a graph file into a SPARQL store and run queries with one result type.

Two backends answer the same SPARQL 1.1 queries:

* ``"oxigraph"`` -- pyoxigraph's in-memory :class:`pyoxigraph.Store` (Rust; the default,
  chosen from the numbers in ``docs/benchmarks.md``, section "SPARQL stores");
* ``"rdflib"`` -- rdflib's memory store behind an :class:`rdflib.Graph`.

Whatever the backend, :func:`run_query` returns a :class:`Result` whose cells are rdflib
terms (:class:`~rdflib.term.URIRef`, :class:`~rdflib.term.Literal`,
:class:`~rdflib.term.BNode`, or ``None`` when unbound), so callers never see backend types.
The usual prefixes (:data:`PREFIXES`) are declared for every query that does not declare
them itself.

Example:
    >>> store = load_store("tests/fixtures/mini.ttl")
    >>> result = run_query(store, 'SELECT ?l WHERE { ?p a envkg:Person ; skos:prefLabel ?l }')
    >>> result.values()
    [('赵庆国',)]
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import rdflib
from pyparsing import ParseException
from rdflib.term import BNode, Literal, Node, URIRef

from kg.errors import InputError, QueryError, QuerySyntaxError

__all__ = [
    "BACKENDS",
    "DEFAULT_BACKEND",
    "is_update",
    "JsonResults",
    "PREFIXES",
    "Result",
    "Store",
    "load_store",
    "query_json",
    "run_query",
    "store_from_graph",
    "to_python",
    "with_prefixes",
]

BACKENDS = ("oxigraph", "rdflib")
DEFAULT_BACKEND = "oxigraph"

PREFIXES: dict[str, str] = {
    "envkg": "https://w3id.org/envkg/ontology#",
    "id": "https://w3id.org/envkg/id/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "sosa": "http://www.w3.org/ns/sosa/",
    "geo": "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "dcterms": "http://purl.org/dc/terms/",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
}

# file suffix -> (rdflib parser name, pyoxigraph format)
_FORMATS: dict[str, tuple[str, ox.RdfFormat]] = {
    ".ttl": ("turtle", ox.RdfFormat.TURTLE),
    ".nt": ("nt", ox.RdfFormat.N_TRIPLES),
    ".jsonld": ("json-ld", ox.RdfFormat.JSON_LD),
    ".json": ("json-ld", ox.RdfFormat.JSON_LD),
    ".rdf": ("xml", ox.RdfFormat.RDF_XML),
    ".owl": ("xml", ox.RdfFormat.RDF_XML),
    ".n3": ("n3", ox.RdfFormat.N3),
}

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:", re.IGNORECASE)
_OX_POSITION = re.compile(r"^error at (\d+):(\d+): (.*)$", re.DOTALL)
_RDFLIB_POSITION = re.compile(r"\s*\(at char \d+\), \(line:\d+, col:\d+\)\s*$")
_UNKNOWN_PREFIX = re.compile(r"Unknown namespace prefix : (\S*)")
_IRI_REF = re.compile(r"<[^<>\"{}|^`\\\s]*>")
_COMMENT = re.compile(r"#[^\n]*")
_PROLOGUE = re.compile(r"^\s*(?:BASE\s*|PREFIX\s+[\w.-]*:\s*)\s", re.IGNORECASE)
_STRING = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'')
_PREFIXED_NAME = re.compile(r"(?<![\w?$:.\-\\])([^\W\d_][\w.\-]*)?:(?=[\w\\%]|\s|[;,.)\]}]|$)")
_UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}


@dataclass(frozen=True)
class Store:
    """A loaded graph behind one SPARQL backend.

    Attributes:
        backend: ``"oxigraph"`` or ``"rdflib"``.
        native: The backend object, a :class:`pyoxigraph.Store` or an :class:`rdflib.Graph`.
        source: The file it was loaded from, if any.
    """

    backend: str
    native: Any
    source: str | None = None

    def __len__(self) -> int:
        return len(self.native)


@dataclass(frozen=True)
class Result:
    """The answer to one query, the same shape for every backend.

    Attributes:
        kind: ``"select"`` (variables and rows), ``"ask"`` (boolean) or ``"graph"``
            (triples, for CONSTRUCT and DESCRIBE).
        variables: Projected variable names, without ``?``.
        rows: One tuple of rdflib terms (or ``None`` if unbound) per solution.
        boolean: The ASK answer.
        triples: The CONSTRUCT/DESCRIBE triples as rdflib terms.
        truncated: True when ``max_rows`` cut the answer short.
    """

    kind: str
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Node | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[tuple[Node, Node, Node], ...] = field(default=())
    truncated: bool = False

    def __len__(self) -> int:
        return len(self.triples) if self.kind == "graph" else len(self.rows)

    def values(self) -> list[tuple[Any, ...]]:
        """Rows as tuples of plain Python values (see :func:`to_python`)."""
        return [tuple(to_python(cell) for cell in row) for row in self.rows]

    def records(self) -> list[dict[str, Any]]:
        """Rows as ``{variable: python value}`` dicts, in variable order."""
        return [dict(zip(self.variables, row)) for row in self.values()]

    def to_graph(self) -> rdflib.Graph:
        """The triples of a graph result as an rdflib Graph with :data:`PREFIXES` bound."""
        graph = rdflib.Graph()
        for prefix, iri in PREFIXES.items():
            graph.bind(prefix, iri)
        for triple in self.triples:
            graph.add(triple)
        return graph

    def to_dataframe(self) -> Any:
        """The rows as a :class:`pandas.DataFrame` of Python values (needs pandas)."""
        import pandas as pd  # optional dependency, imported on use

        return pd.DataFrame(self.values(), columns=list(self.variables))


def to_python(term: Node | None) -> Any:
    """Turn a result cell into a plain Python value.

    IRIs become ``str``, blank nodes ``"_:id"``, literals their Python value
    (``Decimal``, ``int``, ``str``...) or, for datatypes rdflib does not map such as
    ``xsd:gYear``, their lexical form.

    Example:
        >>> to_python(Literal("高平市", lang="zh"))
        '高平市'
    """
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        return str(term) if isinstance(value, Literal) else value
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def load_store(path: str | Path, backend: str = DEFAULT_BACKEND) -> Store:
    """Read a graph file (Turtle, N-Triples, JSON-LD, RDF/XML, N3) into a store, or open a
    persistent store folder written by ``kg load`` (:mod:`kg.disk_store`; read-only, no parsing).

    Args:
        path: The graph file (its suffix decides the format) or store folder.
        backend: ``"oxigraph"`` or ``"rdflib"``.

    Raises:
        InputError: If the file is missing, its format unknown, or it does not parse.
    """
    path = Path(path)
    _check_backend(backend)
    if path.is_dir():  # a persistent store written by `kg load` (kg.disk_store)
        from kg.disk_store import open_store

        if backend != "oxigraph":
            raise InputError(f"{path} is an Oxigraph store folder: query it with the oxigraph backend")
        return Store(backend=backend, native=open_store(path), source=str(path))
    formats = _FORMATS.get(path.suffix.lower())
    if formats is None:
        known = ", ".join(sorted(_FORMATS))
        raise InputError(f"Cannot tell the RDF format of {path}: use one of {known}.")
    if not path.is_file():
        raise InputError(f"Graph file not found: {path}. Build it first with `kg build`.")
    try:
        if backend == "oxigraph":
            native = ox.Store()
            native.bulk_load(path=str(path), format=formats[1])
        else:
            native = rdflib.Graph()
            native.parse(str(path), format=formats[0])  # rdflib reads RDF files as UTF-8
    except (SyntaxError, ValueError, OSError, ParseException) as e:
        raise InputError(f"Cannot read graph file {path}: {e}") from e
    return Store(backend=backend, native=native, source=str(path))


def store_from_graph(graph: rdflib.Graph, backend: str = DEFAULT_BACKEND) -> Store:
    """Put an in-memory rdflib graph behind a backend (copied for oxigraph)."""
    _check_backend(backend)
    if backend == "rdflib":
        return Store(backend=backend, native=graph)
    native = ox.Store()
    native.load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return Store(backend=backend, native=native)


def with_prefixes(sparql: str) -> tuple[str, int]:
    """Prepend one line declaring the :data:`PREFIXES` the query does not declare.

    Returns:
        The query to run and the number of lines added before the user's text (0 or 1).

    Example:
        >>> with_prefixes("PREFIX skos: <urn:x#> ASK {}")[0].startswith("PREFIX envkg:")
        True
    """
    declared = {(m.group(1) or "") for m in _DECLARED.finditer(sparql)}
    missing = [f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items() if p not in declared]
    if not missing:
        return sparql, 0
    return " ".join(missing) + "\n" + sparql, 1


def is_update(sparql: str) -> bool:
    """Tell whether a request is a SPARQL Update (INSERT, DELETE, LOAD, DROP...).

    Example:
        >>> is_update("PREFIX ex: <urn:ex#> INSERT DATA { ex:a ex:b ex:c }")
        True
        >>> is_update("SELECT * WHERE { ?s ?p ?o }  # DELETE nothing")
        False
    """
    text = _COMMENT.sub(" ", _IRI_REF.sub(" ", sparql))
    while True:
        stripped = _PROLOGUE.sub("", text, count=1)
        if stripped == text:
            break
        text = stripped
    words = text.split(None, 1)
    return bool(words) and words[0].upper() in _UPDATE_KEYWORDS


def run_query(store: Store, sparql: str, *, max_rows: int | None = None) -> Result:
    """Run a SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE) on a store.

    Args:
        store: From :func:`load_store` or :func:`store_from_graph`.
        sparql: The query text; :data:`PREFIXES` need not be declared.
        max_rows: Keep at most this many rows (or triples); ``Result.truncated`` says
            whether more were available.

    Raises:
        QuerySyntaxError: The query does not parse; line and column refer to ``sparql``.
        QueryError: The query parsed but could not be evaluated, or is an update.
    """
    if is_update(sparql):
        raise QueryError("SPARQL Update (INSERT, DELETE, LOAD, DROP...) is not allowed: the store is read-only.")
    text, shift = with_prefixes(sparql)
    if store.backend == "oxigraph":
        return _run_oxigraph(store.native, text, sparql, shift, max_rows)
    return _run_rdflib(store.native, text, sparql, shift, max_rows)


@dataclass(frozen=True)
class JsonResults:
    """A SELECT or ASK answer already written as SPARQL 1.1 JSON results (UTF-8, compact, one line).

    Attributes:
        body: The JSON document; empty when ``truncated``.
        truncated: True when the answer had more than ``max_rows`` rows.
    """

    body: bytes
    truncated: bool = False


def query_json(store: Store, sparql: str, *, max_rows: int | None = None) -> JsonResults | Result:
    """Run a query; a SELECT or ASK on oxigraph comes back as SPARQL JSON written from its own terms.

    The same document as :func:`kg.query.format_json` of :func:`run_query`'s result, without the
    indentation, but 2-3x faster on answers of thousands of rows: no rdflib terms are made, and
    the compact form takes :mod:`json`'s C encoder. Any other answer (CONSTRUCT, DESCRIBE, or the
    rdflib backend) is :func:`run_query`'s :class:`Result`, from the same evaluation.

    Raises:
        QuerySyntaxError: The query does not parse.
        QueryError: The query failed or is an update.

    Example:
        >>> store = load_store("tests/fixtures/mini.ttl")
        >>> query_json(store, 'SELECT ?l WHERE { ?p a envkg:Person ; skos:prefLabel ?l }').body.decode("utf-8")
        '{"head":{"vars":["l"]},"results":{"bindings":[{"l":{"type":"literal","value":"赵庆国","xml:lang":"zh"}}]}}\\n'
    """
    if store.backend != "oxigraph":
        return run_query(store, sparql, max_rows=max_rows)
    if is_update(sparql):
        raise QueryError("SPARQL Update (INSERT, DELETE, LOAD, DROP...) is not allowed: the store is read-only.")
    text, shift = with_prefixes(sparql)
    try:
        answer = store.native.query(text, use_default_graph_as_union=True)
        if isinstance(answer, ox.QueryBoolean):
            return JsonResults(json.dumps({"head": {}, "boolean": bool(answer)}, separators=(",", ":")).encode("utf-8") + b"\n")
        if isinstance(answer, ox.QueryTriples):
            items, cut = _take(answer, max_rows)
            triples = tuple((_from_ox(t.subject), _from_ox(t.predicate), _from_ox(t.object)) for t in items)
            return Result(kind="graph", triples=triples, truncated=cut)
        variables = [v.value for v in answer.variables]
        bindings = []
        for solution in answer:
            if max_rows is not None and len(bindings) >= max_rows:
                return JsonResults(b"", truncated=True)
            bindings.append({var: _json_term(term) for var, term in zip(variables, solution) if term is not None})
    except SyntaxError as e:
        raise _undeclared_prefix(sparql) or _oxigraph_syntax_error(str(e), shift) from e
    except (OSError, ValueError, RuntimeError) as e:
        raise QueryError(f"SPARQL query failed: {e}") from e
    document = {"head": {"vars": variables}, "results": {"bindings": bindings}}
    return JsonResults(json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n")


def _json_term(term: Any) -> dict[str, str]:
    """A pyoxigraph term as a SPARQL JSON binding (as kg.query writes the rdflib term of _from_ox)."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        if term.language:
            return {"type": "literal", "value": term.value, "xml:lang": term.language}
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return {"type": "literal", "value": term.value}
        return {"type": "literal", "value": term.value, "datatype": datatype}
    return {"type": "literal", "value": str(term)}  # RDF-star quoted triple: shown as text


def _check_backend(backend: str) -> None:
    if backend not in BACKENDS:
        raise QueryError(f"Unknown store backend {backend!r}: use one of {', '.join(BACKENDS)}.")


def _take(iterable: Any, max_rows: int | None) -> tuple[list[Any], bool]:
    """Up to max_rows items and whether there were more."""
    items: list[Any] = []
    for item in iterable:
        if max_rows is not None and len(items) >= max_rows:
            return items, True
        items.append(item)
    return items, False


def _run_oxigraph(native: ox.Store, text: str, sparql: str, shift: int, max_rows: int | None) -> Result:
    try:
        answer = native.query(text, use_default_graph_as_union=True)
        if isinstance(answer, ox.QueryBoolean):
            return Result(kind="ask", boolean=bool(answer))
        if isinstance(answer, ox.QueryTriples):
            items, cut = _take(answer, max_rows)
            triples = tuple((_from_ox(t.subject), _from_ox(t.predicate), _from_ox(t.object)) for t in items)
            return Result(kind="graph", triples=triples, truncated=cut)
        variables = tuple(v.value for v in answer.variables)
        items, cut = _take(answer, max_rows)
        rows = tuple(tuple(_from_ox(solution[i]) for i in range(len(variables))) for solution in items)
        return Result(kind="select", variables=variables, rows=rows, truncated=cut)
    except SyntaxError as e:
        raise _undeclared_prefix(sparql) or _oxigraph_syntax_error(str(e), shift) from e
    except (OSError, ValueError, RuntimeError) as e:
        raise QueryError(f"SPARQL query failed: {e}") from e


def _run_rdflib(native: rdflib.Graph, text: str, sparql: str, shift: int, max_rows: int | None) -> Result:
    try:
        answer = native.query(text)
        if answer.type == "ASK":
            return Result(kind="ask", boolean=bool(answer.askAnswer))
        if answer.type in ("CONSTRUCT", "DESCRIBE"):
            items, cut = _take(answer.graph, max_rows)
            return Result(kind="graph", triples=tuple(tuple(t) for t in items), truncated=cut)
        variables = tuple(str(v) for v in answer.vars)
        items, cut = _take(answer, max_rows)
        return Result(kind="select", variables=variables, rows=tuple(tuple(r) for r in items), truncated=cut)
    except ParseException as e:
        message = _RDFLIB_POSITION.sub("", str(e))
        raise _undeclared_prefix(sparql) or _syntax_error(message, e.lineno - shift, e.col) from e
    except Exception as e:  # noqa: BLE001 - rdflib raises bare Exception for unknown prefixes
        if _UNKNOWN_PREFIX.search(str(e)):
            raise _undeclared_prefix(sparql) or QueryError(f"SPARQL syntax error: {e}") from e
        raise QueryError(f"SPARQL query failed: {e}") from e


def _from_ox(term: Any) -> Node | None:
    """pyoxigraph term -> rdflib term (plain literals lose the explicit xsd:string)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value) if datatype == _XSD_STRING else Literal(term.value, datatype=URIRef(datatype))
    return Literal(str(term))  # RDF-star quoted triple: shown as text


def _oxigraph_syntax_error(raw: str, shift: int) -> QueryError:
    match = _OX_POSITION.match(raw)
    if not match:
        return QueryError(f"SPARQL syntax error: {raw}")
    return _syntax_error(match.group(3), int(match.group(1)) - shift, int(match.group(2)))


def _undeclared_prefix(sparql: str) -> QuerySyntaxError | None:
    """The first prefixed name whose prefix neither the query nor :data:`PREFIXES` declares.

    IRIs, strings and comments are blanked out first (keeping offsets), so only real
    prefixed names count; line and column point into ``sparql``.
    """
    declared = set(PREFIXES) | {(m.group(1) or "") for m in _DECLARED.finditer(sparql)}

    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    text = _COMMENT.sub(blank, _STRING.sub(blank, _IRI_REF.sub(blank, sparql)))
    for found in _PREFIXED_NAME.finditer(text):
        prefix = found.group(1) or ""
        if prefix not in declared:
            line = text.count("\n", 0, found.start()) + 1
            column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
            return QuerySyntaxError(f"unknown prefix '{prefix}:'; declare it with PREFIX {prefix}: <...>", line, column)
    return None


def _syntax_error(message: str, line: int, column: int) -> QuerySyntaxError:
    message = " ".join(message.split())
    if len(message) > 160:
        message = message[:157] + "..."
    return QuerySyntaxError(message, max(line, 1), max(column, 1))
