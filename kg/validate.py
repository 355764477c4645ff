"""Validate an envkg graph against the SHACL shapes in ``ontology/shapes.ttl``.

Two engines give the same results (``tests/test_shacl_sparql.py`` compares them):

* ``sparql`` (the default): the shapes compiled to SPARQL (:mod:`kg.shacl_sparql`) and run on
  pyoxigraph; a 10 MB corpus graph (830k triples) in about 7 s, with the graph read straight
  from its file (:func:`validate_file`), so every build validates, at any size;
* ``pyshacl``: the reference SHACL engine, for shapes the compiler does not implement.

Non-conformance is a *result* (``ValidationResult.conforms`` is False), not an
exception; exceptions (``kg.errors``) mean validation could not be run.

Example:
    >>> from rdflib import Graph
    >>> result = validate(Graph())
    >>> result.conforms, result.violations
    (True, [])
"""

from __future__ import annotations

import functools
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pyshacl
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import NamespaceManager
from rdflib.term import Node
from rdflib.util import guess_format

from kg.outputs import write_atomic
from kg.errors import InputError, OntologyError, OutputError, ValidationError
from kg.namespace import DCTERMS, ENVKG, GEO, ID, NIF, OWL, PROV, RDF, RDFS, SKOS, XSD

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
DEFAULT_ONTOLOGY = ONTOLOGY_DIR / "envkg.ttl"
DEFAULT_SHAPES = ONTOLOGY_DIR / "shapes.ttl"

# No inference: the ontology is mixed into the data graph as ont_graph, so
# rdfs:subClassOf is visible to sh:targetClass / sh:class. "rdfs" is about twice as
# slow, would apply rdfs:domain/range and so hide wrong relation ends, and would add
# supertypes that the exactly-one-class shapes (rdf:type counts) then reject.
INFERENCE = "none"

SH = "http://www.w3.org/ns/shacl#"
SH_RESULT = URIRef(SH + "result")
SH_FOCUS = URIRef(SH + "focusNode")
SH_PATH = URIRef(SH + "resultPath")
SH_VALUE = URIRef(SH + "value")
SH_MESSAGE = URIRef(SH + "resultMessage")
SH_SEVERITY = URIRef(SH + "resultSeverity")
SH_COMPONENT = URIRef(SH + "sourceConstraintComponent")
SH_VIOLATION = URIRef(SH + "Violation")

_PREFIXES = {
    "envkg": ENVKG._NS, "id": ID, "skos": SKOS, "prov": PROV, "dcterms": DCTERMS,
    "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "owl": OWL, "geo": GEO, "nif": NIF, "sh": SH,
}


@dataclass(frozen=True)
class Violation:
    """One readable SHACL result.

    Attributes:
        focus_node: IRI (or blank node id) of the node that failed.
        label: Its ``skos:prefLabel`` (falling back to an ``skos:altLabel``), if any.
        path: The property path, compacted (``envkg:partOf``), if any.
        value: The offending value, compacted, with its label when it has one.
        message: What is wrong.
        severity: ``Violation``, ``Warning`` or ``Info``.
        constraint: The SHACL constraint component, e.g. ``MinCount``.
        evidence: The ``envkg:evidence`` sentence of the rdf:Statement whose
            subject is the focus node (or of the focus node itself), if any.
    """

    focus_node: str
    label: str | None
    path: str | None
    value: str | None
    message: str
    severity: str
    constraint: str
    evidence: str | None = None


@dataclass(frozen=True)
class ValidationResult:
    """The outcome of :func:`validate`.

    Attributes:
        conforms: True when the graph satisfies every shape.
        results_graph: pySHACL's SHACL validation report graph.
        violations: One readable record per result, sorted.
        seconds: Wall-clock time the SHACL run took.
    """

    conforms: bool
    results_graph: Graph
    violations: list[Violation] = field(default_factory=list)
    seconds: float = 0.0
    engine: str = "sparql"


ENGINES = ("sparql", "pyshacl")


def read_graph(path: Path | str) -> Graph:
    """Parse an RDF file in any format rdflib can guess from its suffix.

    Args:
        path: Path of the graph file (``.ttl``, ``.nt``, ``.jsonld``, ``.rdf``...).

    Returns:
        The parsed graph.

    Raises:
        InputError: The file is missing or does not parse.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"graph file not found: {path}; pass the path of a built graph, e.g. out/graph.ttl")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"cannot read {path} as UTF-8 text ({e}); pass an RDF file") from e
    graph = Graph()
    try:
        graph.parse(data=text, format=guess_format(str(path)) or "turtle", publicID=path.resolve().as_uri())
    except Exception as e:  # rdflib raises a different type per parser
        detail = " ".join(str(e).split())[:200] or type(e).__name__
        raise InputError(f"cannot parse {path} as RDF ({detail}); check the file or rebuild it") from e
    return graph


@functools.lru_cache(maxsize=8)
def _load(path: str, mtime: float) -> Graph:
    graph = Graph()
    try:
        graph.parse(path, format="turtle", encoding="utf-8")
    except FileNotFoundError as e:
        raise OntologyError(f"{path} not found; restore it from git or pass --shapes") from e
    except Exception as e:  # rdflib raises a different type per parser
        raise OntologyError(f"{path} does not parse as Turtle ({e}); fix the file") from e
    return graph


def load_turtle(path: Path | str) -> Graph:
    """Parse an ontology or shapes Turtle file, cached while it is unchanged.

    Args:
        path: Path of the Turtle file.

    Returns:
        The parsed graph (shared: do not modify it).

    Raises:
        OntologyError: The file is missing or does not parse.
    """
    path = Path(path)
    try:
        mtime = path.stat().st_mtime
    except OSError as e:
        raise OntologyError(f"{path} not found; restore it from git or pass --shapes") from e
    return _load(str(path.resolve()), mtime)


def validate(
    graph: Graph,
    shapes_path: Path | str | None = None,
    *,
    ontology_path: Path | str | None = None,
    engine: str = "sparql",
) -> ValidationResult:
    """Validate a graph against the envkg SHACL shapes.

    Args:
        graph: The graph to check; it is not modified.
        shapes_path: SHACL shapes file; defaults to ``ontology/shapes.ttl``.
        ontology_path: Ontology whose ``rdfs:subClassOf`` the targets follow; defaults to ``ontology/envkg.ttl``.
        engine: ``sparql`` or ``pyshacl`` (see the module's docstring).

    Returns:
        The result; ``conforms`` is False when a shape is violated.

    Raises:
        OntologyError: The shapes or ontology file is missing or malformed, or (``sparql``) uses
            a part of SHACL the compiler does not implement.
        ValidationError: The engine failed to run.

    Example:
        >>> from rdflib import Graph
        >>> data = Graph().parse(format="turtle", data='''
        ...     @prefix envkg: <https://w3id.org/envkg/ontology#> .
        ...     <https://w3id.org/envkg/id/river/丹河> a envkg:River .''')
        >>> [v.path for v in validate(data).violations]
        [None, 'skos:prefLabel']
        >>> [v.path for v in validate(data, engine="pyshacl").violations]
        [None, 'skos:prefLabel']
    """
    _check_engine(engine)
    shapes = load_turtle(shapes_path or DEFAULT_SHAPES)
    ontology = load_turtle(ontology_path or DEFAULT_ONTOLOGY)
    if engine == "sparql":
        from kg.store import store_from_graph

        start = time.perf_counter()
        return _validate_store(store_from_graph(graph), shapes, ontology, start)
    start = time.perf_counter()
    try:
        conforms, results_graph, _ = pyshacl.validate(
            graph, shacl_graph=shapes, ont_graph=ontology, inference=INFERENCE,
            abort_on_first=False, allow_warnings=True, advanced=False, inplace=False,
        )
    except Exception as e:  # pySHACL raises its own and rdflib's errors
        raise ValidationError(f"pySHACL could not validate the graph ({e}); check the shapes file") from e
    seconds = time.perf_counter() - start
    violations = _violations(graph, results_graph)
    return ValidationResult(bool(conforms), results_graph, violations, seconds, "pyshacl")


def validate_file(
    path: Path | str,
    shapes_path: Path | str | None = None,
    *,
    ontology_path: Path | str | None = None,
    engine: str = "sparql",
) -> ValidationResult:
    """Validate the graph in the file at `path` (any format :func:`read_graph` reads).

    With the ``sparql`` engine the file is loaded into pyoxigraph only: no rdflib Graph of
    the whole graph is made, which is what lets a corpus graph validate in seconds.

    Raises:
        InputError: The file is missing or not RDF.
        OntologyError, ValidationError: as :func:`validate`.
    """
    _check_engine(engine)
    if engine == "pyshacl":
        return validate(read_graph(path), shapes_path, ontology_path=ontology_path, engine=engine)
    from kg.errors import QueryError
    from kg.store import load_store

    shapes = load_turtle(shapes_path or DEFAULT_SHAPES)
    ontology = load_turtle(ontology_path or DEFAULT_ONTOLOGY)
    start = time.perf_counter()
    try:
        store = load_store(path)
    except QueryError as e:
        raise InputError(f"cannot read {path} as RDF ({e}); check the file") from e
    return _validate_store(store, shapes, ontology, start)


def _check_engine(engine: str) -> None:
    if engine not in ENGINES:
        raise ValidationError(f"unknown validation engine {engine!r}: use one of {', '.join(ENGINES)}")


def _validate_store(store, shapes: Graph, ontology: Graph, start: float) -> ValidationResult:
    from kg.errors import QueryError
    from kg.shacl_sparql import report_graph, run_checks

    checks = _compiled(shapes, ontology)
    try:
        results = run_checks(store, checks)
    except QueryError as e:
        raise ValidationError(f"the SPARQL engine could not run a shape's query ({e}); "
                              "use --engine pyshacl and report the shape") from e
    results_graph = report_graph(results)
    seconds = time.perf_counter() - start
    context = _context(store, {r.focus for r in results})
    violations = _violations(context, results_graph)
    conforms = not any(r.severity == SH_VIOLATION for r in results)
    return ValidationResult(conforms, results_graph, violations, seconds, "sparql")


_COMPILED: dict[tuple[int, int], list] = {}


def _compiled(shapes: Graph, ontology: Graph) -> list:
    """The compiled checks of a shapes and an ontology graph (both cached by :func:`load_turtle`)."""
    from kg.shacl_sparql import compile_shapes

    key = (id(shapes), id(ontology))
    if key not in _COMPILED:
        _COMPILED.clear()
        _COMPILED[key] = compile_shapes(shapes, ontology)
    return _COMPILED[key]


_CONTEXT_QUERY = """
CONSTRUCT { ?f ?p ?o . ?o ?lp ?l . ?st ?sp ?so . } WHERE {
  VALUES ?f { %s }
  { ?f ?p ?o OPTIONAL { ?o ?lp ?l FILTER(?lp IN (skos:prefLabel, skos:altLabel, rdfs:label, dcterms:title,
                                                 envkg:sourceFile)) } }
  UNION { ?st rdf:subject ?f ; ?sp ?so }
}
"""


def _context(store, focus_nodes: set) -> Graph:
    """The part of the graph in `store` that labels and evidence of `focus_nodes` need (an rdflib Graph)."""
    from kg.store import run_query

    graph = Graph()
    nodes = sorted((n for n in focus_nodes if isinstance(n, URIRef)), key=str)
    for i in range(0, len(nodes), 500):
        chunk = " ".join(n.n3() for n in nodes[i:i + 500])
        for triple in run_query(store, _CONTEXT_QUERY % chunk).to_graph():
            graph.add(triple)
    return graph


def _namespaces() -> NamespaceManager:
    nsm = NamespaceManager(Graph(), bind_namespaces="none")
    for prefix, ns in _PREFIXES.items():
        nsm.bind(prefix, ns, override=True, replace=True)
    return nsm


def _compact(node: Node | None, nsm: NamespaceManager) -> str | None:
    if node is None:
        return None
    if isinstance(node, URIRef):
        try:
            prefix, _, local = nsm.compute_qname(node, generate=False)
        except (KeyError, ValueError):
            return f"<{node}>"
        return f"{prefix}:{local}" if local.isidentifier() else f"<{node}>"
    if isinstance(node, BNode):
        return "(complex path)"
    return node.n3()


def label_of(graph: Graph, node: Node) -> str | None:
    """Return a readable label for a node.

    The node's ``skos:prefLabel`` comes first, then ``skos:altLabel``, ``rdfs:label``,
    ``dcterms:title`` and ``envkg:sourceFile``. Observations are described as ``subject/indicator`` and
    rdf:Statements as ``subject -predicate-> object``.

    Args:
        graph: The data graph.
        node: Any node.

    Returns:
        The label text, or None when nothing readable is known.

    Example:
        >>> from rdflib import Graph, Literal, URIRef
        >>> g = Graph()
        >>> g.add((URIRef("urn:x"), SKOS.prefLabel, Literal("高平市", lang="zh")))  # doctest: +ELLIPSIS
        <Graph ...>
        >>> label_of(g, URIRef("urn:x"))
        '高平市'
    """
    own = _own_label(graph, node)
    if own is not None:
        return own
    subject, indicator = graph.value(node, ENVKG.subject), graph.value(node, ENVKG.indicator)
    if subject is not None or indicator is not None:
        return f"{_own_label(graph, subject) or '?'}/{_own_label(graph, indicator) or '?'}"
    s, p, o = (graph.value(node, prop) for prop in (RDF.subject, RDF.predicate, RDF.object))
    if s is not None or o is not None:
        name = str(p).rsplit("#", 1)[-1] if p is not None else "?"
        return f"{_own_label(graph, s) or '?'} -{name}-> {_own_label(graph, o) or '?'}"
    return None


def _own_label(graph: Graph, node: Node | None) -> str | None:
    if node is None:
        return None
    for prop in (SKOS.prefLabel, SKOS.altLabel, RDFS.label, DCTERMS.title, ENVKG.sourceFile):
        labels = sorted(str(o) for o in graph.objects(node, prop) if isinstance(o, Literal))
        if labels:
            return labels[0]
    return None


def evidence_of(graph: Graph, node: Node, path: Node | None = None, value: Node | None = None) -> str | None:
    """Find the evidence sentence for a node.

    The node's own ``envkg:evidence`` (statements, observations) comes first; otherwise
    the evidence of an rdf:Statement whose rdf:subject is the node, preferring the one
    whose predicate and object match ``path`` and ``value``.

    Args:
        graph: The data graph.
        node: The focus node.
        path: The result path, if any.
        value: The offending value, if any.

    Returns:
        The sentence, or None when there is none.
    """
    own = sorted(str(o) for o in graph.objects(node, ENVKG.evidence))
    if own:
        return own[0]
    ranked = []
    for statement in graph.subjects(RDF.subject, node):
        for sentence in graph.objects(statement, ENVKG.evidence):
            score = (graph.value(statement, RDF.predicate) != path) + (graph.value(statement, RDF.object) != value)
            ranked.append((score, str(sentence)))
    return min(ranked)[1] if ranked else None


def _violations(graph: Graph, results_graph: Graph) -> list[Violation]:
    nsm = _namespaces()
    records = []
    for result in results_graph.objects(None, SH_RESULT):
        focus = results_graph.value(result, SH_FOCUS)
        path = results_graph.value(result, SH_PATH)
        value = results_graph.value(result, SH_VALUE)
        messages = sorted(str(m) for m in results_graph.objects(result, SH_MESSAGE))
        component = results_graph.value(result, SH_COMPONENT)
        severity = results_graph.value(result, SH_SEVERITY)
        value_text = _compact(value, nsm)
        value_label = _own_label(graph, value) if isinstance(value, URIRef) else None
        if value_label:
            value_text = f"{value_label} {value_text}"
        records.append(Violation(
            focus_node=str(focus),
            label=label_of(graph, focus),
            path=_compact(path, nsm),
            value=value_text,
            message="; ".join(messages) or "does not conform",
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            constraint=str(component).rsplit("#", 1)[-1].removesuffix("ConstraintComponent") if component else "",
            evidence=evidence_of(graph, focus, path, value),
        ))
    return sorted(records, key=lambda v: (v.focus_node, v.path or "", v.message, v.value or ""))


def format_violation(violation: Violation) -> str:
    """Render one violation as a few indented lines.

    Args:
        violation: The record.

    Returns:
        Text such as ``- 高平市 <…/division/140581>`` followed by path, message, evidence.
    """
    name = f"{violation.label} <{violation.focus_node}>" if violation.label else f"<{violation.focus_node}>"
    lines = [f"- {name}"]
    where = f"{violation.path}" if violation.path else "(node)"
    if violation.value:
        where += f" = {violation.value}"
    lines.append(f"    {where}: {violation.message}")
    if violation.evidence:
        lines.append(f"    evidence: {violation.evidence}")
    return "\n".join(lines)


def summarize(result: ValidationResult, limit: int | None = 50) -> str:
    """Describe a validation result as readable text.

    Args:
        result: What :func:`validate` returned.
        limit: Show at most this many violations in detail (None: all).

    Returns:
        A header line, counts per message, then the violations.
    """
    if result.conforms:
        return f"Conforms: yes (SHACL, {result.seconds:.2f} s)\n"
    found = result.violations
    nodes = len({v.focus_node for v in found})
    lines = [f"Conforms: no: {len(found)} result(s) on {nodes} node(s) (SHACL, {result.seconds:.2f} s)", ""]
    lines.append("By message:")
    counts = Counter((v.severity, v.path or "(node)", v.message) for v in found)
    for (severity, path, message), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"  {n:6d}  {severity:9s} {path}: {message}")
    lines.append("")
    shown = found if limit is None else found[:limit]
    lines.append("Results:" if len(shown) == len(found) else f"Results (first {len(shown)} of {len(found)}):")
    lines.extend(format_violation(v) for v in shown)
    return "\n".join(lines) + "\n"


def write_report(result: ValidationResult, out_dir: Path | str) -> tuple[Path, Path]:
    """Write ``validation.ttl`` (the SHACL report) and ``validation.txt`` atomically.

    Args:
        result: What :func:`validate` returned.
        out_dir: Directory to write into; created if missing.

    Returns:
        The paths of the Turtle and the text report.

    Raises:
        OutputError: A file could not be written.
    """
    out_dir = Path(out_dir)
    ttl_path, txt_path = out_dir / "validation.ttl", out_dir / "validation.txt"
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        write_atomic(ttl_path, result.results_graph.serialize(format="turtle", encoding="utf-8"))
        write_atomic(txt_path, summarize(result, limit=None).encode("utf-8"))
    except OSError as e:
        raise OutputError(f"cannot write the validation report to {out_dir} ({e}); check the directory") from e
    return ttl_path, txt_path
