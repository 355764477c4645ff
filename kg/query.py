"""The SPARQL query library and the ways to print or serialise a :class:`~kg.store.Result`.

The library is the directory ``kg/queries``: one ``NAME.rq`` file per competency question,
whose first line is a ``# `` comment saying what it answers.

Formats:

* :func:`format_table` -- an aligned text table for terminals; Chinese characters count as
  two columns (:func:`display_width`);
* :func:`format_csv`, :func:`format_tsv`, :func:`format_json`, :func:`format_xml` -- the
  SPARQL 1.1 result formats (CSV/TSV, JSON, XML);
* :func:`format_graph` -- Turtle, JSON-LD or N-Triples for CONSTRUCT/DESCRIBE results.

:func:`serialize_result` picks one of them by media type; the endpoint in ``kg/serve.py``
and the ``kg query`` command both go through it.

Example:
    >>> [q.name for q in list_queries()][:2]
    ['bureau_jurisdictions', 'bureaus_by_water_body']
    >>> display_width("高平市 ok")
    9
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from rdflib.term import BNode, Literal, Node, URIRef

from kg.errors import QueryError
from kg.store import PREFIXES, Result, Store, run_query

__all__ = [
    "GRAPH_MEDIA_TYPES",
    "QUERY_DIR",
    "RESULT_MEDIA_TYPES",
    "LibraryQuery",
    "compact_iri",
    "display_width",
    "format_csv",
    "format_graph",
    "format_json",
    "format_rows",
    "format_table",
    "format_tsv",
    "format_xml",
    "get_query",
    "negotiate",
    "list_queries",
    "parse_library_query",
    "run_library_query",
    "serialize_result",
]

QUERY_DIR = Path(__file__).parent / "queries"

_NUMERIC = {
    "http://www.w3.org/2001/XMLSchema#" + name
    for name in ("integer", "decimal", "double", "float", "long", "int", "nonNegativeInteger")
}


@dataclass(frozen=True)
class LibraryQuery:
    """One query of the library.

    Attributes:
        name: File stem, e.g. ``"measures_by_bureau"``.
        description: The question it answers (its first ``# `` comment line).
        sparql: The full query text.
    """

    name: str
    description: str
    sparql: str


def parse_library_query(name: str, text: str) -> LibraryQuery:
    """Make a :class:`LibraryQuery` from a file's text; the first line must be ``# ...``.

    Raises:
        QueryError: If the first line is not a ``# `` comment.
    """
    first = text.lstrip("\ufeff").split("\n", 1)[0].strip()
    if not first.startswith("# "):
        raise QueryError(f"Library query {name}.rq must start with a '# ' line saying what it answers.")
    return LibraryQuery(name=name, description=first[2:].strip(), sparql=text)


def list_queries(directory: Path = QUERY_DIR) -> list[LibraryQuery]:
    """All library queries, sorted by name."""
    return [
        parse_library_query(path.stem, path.read_text(encoding="utf-8"))
        for path in sorted(directory.glob("*.rq"))
    ]


def get_query(name: str, directory: Path = QUERY_DIR) -> LibraryQuery:
    """One library query by name (with or without ``.rq``).

    Raises:
        QueryError: If there is no such query; the message suggests close names.
    """
    name = name.removesuffix(".rq")
    path = directory / f"{name}.rq"
    if not path.is_file():
        names = [p.stem for p in sorted(directory.glob("*.rq"))]
        close = difflib.get_close_matches(name, names, n=3, cutoff=0.4)
        hint = f" Did you mean: {', '.join(close)}?" if close else " See `kg query GRAPH --list`."
        raise QueryError(f"No library query named {name!r}.{hint}")
    return parse_library_query(name, path.read_text(encoding="utf-8"))


def run_library_query(store: Store, name: str) -> Result:
    """Run the library query ``name`` on ``store``.

    Example:
        >>> from kg.store import load_store
        >>> store = load_store("tests/fixtures/mini.ttl")
        >>> ("晋城市生态环境局高平分局", "首违不罚+警示教育") in run_library_query(store, "measures_by_bureau").values()
        True
    """
    return run_query(store, get_query(name).sparql)


# --- text table ---------------------------------------------------------------


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: East Asian wide/full-width characters count 2."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def compact_iri(iri: str) -> str:
    """Shorten an IRI with the longest matching :data:`~kg.store.PREFIXES` entry.

    Example:
        >>> compact_iri("https://w3id.org/envkg/ontology#Bureau")
        'envkg:Bureau'
    """
    best = ""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace) and len(namespace) > len(PREFIXES.get(best, "")):
            best = prefix
    return f"{best}:{iri[len(PREFIXES[best]):]}" if best else f"<{iri}>"


def _cell(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return compact_iri(str(term))
    if isinstance(term, BNode):
        return f"_:{term}"
    return " ".join(str(term).split()) if "\n" in str(term) or "\t" in str(term) else str(term)


def _fit(text: str, width: int) -> str:
    """Cut ``text`` to at most ``width`` columns, marking the cut with '...'."""
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for char in text:
        w = display_width(char)
        if used + w > width - 3:
            break
        out.append(char)
        used += w
    return "".join(out) + "..."


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * (width - display_width(text))
    return gap + text if right else text + gap


def format_rows(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool] = (),
                max_width: int = 60) -> str:
    """Align string cells under headers, two spaces apart, cutting cells at ``max_width``."""
    rows = [[_fit(cell, max_width) for cell in row] for row in rows]
    widths = [display_width(h) for h in headers]
    for row in rows:
        widths = [max(w, display_width(cell)) for w, cell in zip(widths, row)]
    right = list(right) or [False] * len(headers)
    lines = ["  ".join(_pad(h, w, r) for h, w, r in zip(headers, widths, right)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(_pad(c, w, r) for c, w, r in zip(row, widths, right)).rstrip() for row in rows]
    return "\n".join(lines) + "\n"


def format_table(result: Result, max_width: int = 60) -> str:
    """An aligned, human-readable table (graph results are shown as Turtle).

    Args:
        result: From :func:`~kg.store.run_query`.
        max_width: Cells wider than this many columns are cut and end in ``...``.
    """
    if result.kind == "ask":
        return ("true" if result.boolean else "false") + "\n"
    if result.kind == "graph":
        return format_graph(result, "turtle")
    right = [
        any(isinstance(row[i], Literal) for row in result.rows)
        and all(row[i] is None or (isinstance(row[i], Literal) and str(row[i].datatype) in _NUMERIC)
                for row in result.rows)
        for i in range(len(result.variables))
    ]
    body = [[_cell(cell) for cell in row] for row in result.rows]
    count = len(result.rows)
    footer = f"({count} row{'s' if count != 1 else ''}{', truncated' if result.truncated else ''})\n"
    return format_rows(result.variables, body, right, max_width) + footer


# --- SPARQL 1.1 result formats --------------------------------------------------


def _select_view(result: Result) -> tuple[tuple[str, ...], tuple[tuple[Node | None, ...], ...]]:
    """Variables and rows; graph results become ?subject ?predicate ?object rows."""
    if result.kind == "graph":
        return ("subject", "predicate", "object"), result.triples
    return result.variables, result.rows


def format_csv(result: Result) -> str:
    """SPARQL 1.1 CSV results: plain values, CRLF line ends."""
    if result.kind == "ask":
        return ("true" if result.boolean else "false") + "\r\n"
    variables, rows = _select_view(result)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(variables)
    for row in rows:
        writer.writerow(["" if c is None else f"_:{c}" if isinstance(c, BNode) else str(c) for c in row])
    return buffer.getvalue()


def _tsv_term(term: Node | None) -> str:
    if term is None:
        return ""
    return term.n3().replace("\t", "\\t")


def format_tsv(result: Result) -> str:
    """SPARQL 1.1 TSV results: terms in Turtle/N-Triples syntax."""
    if result.kind == "ask":
        return ("true" if result.boolean else "false") + "\n"
    variables, rows = _select_view(result)
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join(_tsv_term(cell) for cell in row) for row in rows]
    return "\n".join(lines) + "\n"


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    binding = {"type": "literal", "value": str(term)}
    if term.language:
        binding["xml:lang"] = term.language
    elif term.datatype:
        binding["datatype"] = str(term.datatype)
    return binding


def format_json(result: Result) -> str:
    """SPARQL 1.1 JSON results (graph results become JSON-LD)."""
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)}) + "\n"
    if result.kind == "graph":
        return format_graph(result, "json-ld")
    bindings = [
        {var: _json_term(cell) for var, cell in zip(result.variables, row) if cell is not None}
        for row in result.rows
    ]
    document = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def _xml_term(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<uri>{escape(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{escape(str(term))}</bnode>"
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(str(term))}</literal>"
    if term.datatype:
        return f"<literal datatype={quoteattr(str(term.datatype))}>{escape(str(term))}</literal>"
    return f"<literal>{escape(str(term))}</literal>"


def format_xml(result: Result) -> str:
    """SPARQL 1.1 XML results."""
    head = '<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n'
    if result.kind == "ask":
        return head + f"<head/>\n<boolean>{'true' if result.boolean else 'false'}</boolean>\n</sparql>\n"
    variables, rows = _select_view(result)
    parts = [head, "<head>", *(f"<variable name={quoteattr(v)}/>" for v in variables), "</head>\n<results>\n"]
    for row in rows:
        cells = "".join(
            f"<binding name={quoteattr(v)}>{_xml_term(c)}</binding>" for v, c in zip(variables, row) if c is not None
        )
        parts.append(f"<result>{cells}</result>\n")
    parts.append("</results>\n</sparql>\n")
    return "".join(parts)


def format_graph(result: Result, rdf_format: str = "turtle") -> str:
    """Serialise a graph result: ``rdf_format`` is ``turtle``, ``json-ld``, ``nt`` or ``xml``."""
    if result.kind != "graph":
        raise QueryError("Only CONSTRUCT and DESCRIBE results can be written as RDF; use a results format.")
    if rdf_format == "nt":
        return "".join(sorted(f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in result.triples))
    return result.to_graph().serialize(format=rdf_format, encoding="utf-8").decode("utf-8")


RESULT_MEDIA_TYPES: dict[str, Callable[[Result], str]] = {
    "application/sparql-results+json": format_json,
    "application/json": format_json,
    "application/sparql-results+xml": format_xml,
    "application/xml": format_xml,
    "text/csv": format_csv,
    "text/tab-separated-values": format_tsv,
    "text/plain": format_table,
}

GRAPH_MEDIA_TYPES: dict[str, str] = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
}


def serialize_result(result: Result, media_type: str) -> bytes:
    """UTF-8 bytes of ``result`` in ``media_type`` (one of the two tables above).

    Raises:
        QueryError: If the media type does not fit the result kind.
    """
    if result.kind == "graph" and media_type in GRAPH_MEDIA_TYPES:
        return format_graph(result, GRAPH_MEDIA_TYPES[media_type]).encode("utf-8")
    if result.kind != "graph" and media_type in RESULT_MEDIA_TYPES:
        return RESULT_MEDIA_TYPES[media_type](result).encode("utf-8")
    raise QueryError(f"Cannot write a {result.kind} result as {media_type}.")


DEFAULT_MEDIA_TYPES = {"select": "application/sparql-results+json", "ask": "application/sparql-results+json",
                       "graph": "text/turtle"}


def _accept_ranges(accept: str) -> list[str]:
    """Media ranges of an Accept header, best first (stable for equal q)."""
    ranges: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        quality = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            ranges.append((-quality, position, fields[0].lower()))
    return [media for _, _, media in sorted(ranges)]


def negotiate(accept: str | None, kind: str) -> str | None:
    """Pick the media type for a result ``kind`` from an HTTP Accept header.

    Returns:
        The media type, or ``None`` if nothing acceptable can be produced (HTTP 406).

    Example:
        >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", "select")
        'application/sparql-results+xml'
        >>> negotiate("text/html,*/*;q=0.8", "graph")
        'text/turtle'
    """
    offered = list(GRAPH_MEDIA_TYPES if kind == "graph" else RESULT_MEDIA_TYPES)
    default = DEFAULT_MEDIA_TYPES[kind]
    if not accept or not accept.strip():
        return default
    for media in _accept_ranges(accept):
        if media == "*/*":
            return default
        if media.endswith("/*"):
            family = media[:-1]
            if default.startswith(family):
                return default
            match = next((m for m in offered if m.startswith(family)), None)
            if match:
                return match
        elif media in offered:
            return media
    return None
