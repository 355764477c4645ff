"""SHACL Core as SPARQL: the shapes compiled to one query per constraint, run on any :class:`kg.store.Store`.

pySHACL walks every focus node in Python, which takes minutes on a corpus graph; these
queries let the store (pyoxigraph, in Rust) find only the nodes that fail. They return the
same results as pySHACL (focus node, path, value, constraint component; ``tests/test_shacl_sparql.py``
checks that on mutated graphs), for the part of SHACL Core envkg's shapes use:

* targets: ``sh:targetClass`` (with the ontology's ``rdfs:subClassOf`` closure, as pySHACL
  with the ontology as ``ont_graph``), ``sh:targetNode``, ``sh:targetSubjectsOf``, ``sh:targetObjectsOf``;
* paths: a predicate, or ``sh:inversePath`` of one;
* constraints: ``sh:class``, ``sh:datatype``, ``sh:nodeKind``, ``sh:minCount``, ``sh:maxCount``,
  ``sh:minInclusive`` and the other ranges, ``sh:minLength``, ``sh:maxLength``, ``sh:pattern``,
  ``sh:languageIn``, ``sh:in``, ``sh:hasValue``, ``sh:node``, ``sh:property``, ``sh:and``, ``sh:or``,
  ``sh:not``, ``sh:disjoint``, ``sh:qualifiedValueShape`` with its counts.

A shape using anything else raises :class:`~kg.errors.OntologyError` when it is compiled, so
a new shape never passes unchecked: use ``kg validate --engine pyshacl`` for it, or add it here.

Example:
    >>> from rdflib import Graph
    >>> shapes = Graph().parse(format="turtle", data='''
    ...     @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <urn:ex:> .
    ...     ex:S a sh:NodeShape ; sh:targetClass ex:River ;
    ...         sh:property [ sh:path ex:name ; sh:minCount 1 ] .''')
    >>> [check.component for check in compile_shapes(shapes, Graph())]
    ['MinCountConstraintComponent']
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from collections.abc import Iterator

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from kg.errors import OntologyError

#: Parameters of SHACL Core this compiler understands (besides targets, paths and messages).
_KNOWN = {SH[name] for name in (
    "class", "datatype", "nodeKind", "minCount", "maxCount", "minInclusive", "maxInclusive", "minExclusive",
    "maxExclusive", "minLength", "maxLength", "pattern", "flags", "languageIn", "in", "hasValue", "node",
    "property", "and", "or", "not", "disjoint", "qualifiedValueShape", "qualifiedMinCount", "qualifiedMaxCount",
    "path", "message", "severity", "name", "description", "targetClass", "targetNode", "targetSubjectsOf",
    "targetObjectsOf", "deactivated", "order", "group")}
_IGNORED = {RDF.type, RDFS.comment, RDFS.label, RDFS.seeAlso}
_VALUE_PARAMETERS = ("class", "datatype", "nodeKind", "minInclusive", "maxInclusive", "minExclusive", "maxExclusive",
                     "minLength", "maxLength", "pattern", "languageIn", "in", "node", "and", "or", "not")
_RANGES = {"minInclusive": ">=", "maxInclusive": "<=", "minExclusive": ">", "maxExclusive": "<"}
_NODE_KINDS = {"IRI": "isIRI({v})", "BlankNode": "isBlank({v})", "Literal": "isLiteral({v})",
               "BlankNodeOrIRI": "(isIRI({v}) || isBlank({v}))", "BlankNodeOrLiteral": "(isBlank({v}) || isLiteral({v}))",
               "IRIOrLiteral": "(isIRI({v}) || isLiteral({v}))"}


@dataclass(frozen=True)
class Check:
    """One constraint of one shape, as a query whose rows are the results (``?focus`` and maybe ``?value``)."""

    query: str
    component: str  # local name of the SHACL constraint component, e.g. MinCountConstraintComponent
    shape: Node  # the shape the constraint belongs to (its sh:sourceShape)
    path: Node | None  # sh:resultPath: the property shape's path, None for a node shape
    messages: tuple[str, ...]  # the shape's sh:message values
    severity: URIRef
    value_is_focus: bool  # the result's sh:value is the focus node (node shapes' value constraints)
    path_inverse: Node | None = None  # the predicate of an sh:inversePath path


def _term(node: Node) -> str:
    if isinstance(node, (URIRef, Literal)):
        return node.n3()
    raise OntologyError(f"a blank node ({node}) where the SPARQL engine needs an IRI or a literal; "
                        "use kg validate --engine pyshacl for these shapes")


def _string(text: str) -> str:
    return Literal(text).n3()


class _Compiler:
    def __init__(self, shapes: Graph, ontology: Graph) -> None:
        self.shapes = shapes
        self.ontology = ontology
        self.names = itertools.count()

    def var(self) -> str:
        return f"?v{next(self.names)}"

    def values(self, shape: Node, name: str) -> list[Node]:
        return sorted(self.shapes.objects(shape, SH[name]))

    def one(self, shape: Node, name: str) -> Node | None:
        found = self.values(shape, name)
        if len(found) > 1:
            raise OntologyError(f"shape {shape} has {len(found)} sh:{name} values; SHACL allows one")
        return found[0] if found else None

    def items(self, node: Node) -> list[Node]:
        return list(Collection(self.shapes, node))

    def check_supported(self, shape: Node) -> None:
        for predicate in set(self.shapes.predicates(shape)):
            if predicate in _IGNORED or predicate in _KNOWN:
                continue
            if str(predicate).startswith(str(SH)):
                raise OntologyError(f"shape {shape} uses {predicate}, which the SPARQL engine does not "
                                    "implement; use kg validate --engine pyshacl, or add it to kg/shacl_sparql.py")
        if self.one(shape, "qualifiedValueShape") is not None and \
                self.one(shape, "qualifiedValueShapesDisjoint") not in (None, Literal(False)):
            raise OntologyError(f"shape {shape}: sh:qualifiedValueShapesDisjoint is not implemented")

    def subclasses(self, cls: Node) -> list[Node]:
        found, todo = {cls}, [cls]
        while todo:
            for sub in self.ontology.subjects(RDFS.subClassOf, todo.pop()):
                if sub not in found:
                    found.add(sub)
                    todo.append(sub)
        return sorted(found)

    # --- paths -------------------------------------------------------------------------------

    def step(self, focus: str, path: Node, value: str) -> str:
        """The triple pattern from `focus` along `path` to `value`."""
        if isinstance(path, URIRef):
            return f"{focus} {path.n3()} {value} ."
        inverse = self.shapes.value(path, SH.inversePath)
        if isinstance(inverse, URIRef):
            return f"{value} {inverse.n3()} {focus} ."
        raise OntologyError(f"property path {path} is not a predicate or sh:inversePath of one; "
                            "use kg validate --engine pyshacl for it")

    def distinct(self, focus: str, path: Node, n: int, condition=None) -> str:
        """A group pattern that holds when `focus` has `n` distinct values along `path` (meeting `condition`)."""
        names = [self.var() for _ in range(n)]
        parts = [self.step(focus, path, name) for name in names]
        tests = [f"!sameTerm({a}, {b})" for a, b in itertools.combinations(names, 2)]
        if condition is not None:
            tests += [condition(name) for name in names]
        if tests:
            parts.append(f"FILTER({' && '.join(tests)})")
        return "{ " + " ".join(parts) + " }"

    # --- conformance of a value node to a shape, as a SPARQL boolean expression ------------------

    def conforms(self, shape: Node, v: str) -> str:
        """True when the node in variable `v` conforms to `shape` (every constraint of it)."""
        self.check_supported(shape)
        path = self.one(shape, "path")
        if path is None:  # a node shape: its value constraints apply to the node itself
            parts = [self.value_test(shape, name, v) for name in _VALUE_PARAMETERS if self.values(shape, name)]
        else:  # a property shape: to the node's values along the path
            parts = self.property_tests(shape, path, v)
        for prop in self.values(shape, "property"):
            parts.append(self.conforms(prop, v))
        return "(" + " && ".join(parts) + ")" if parts else "true"

    def property_tests(self, shape: Node, path: Node, focus: str) -> list[str]:
        tests = []
        least, most = self.one(shape, "minCount"), self.one(shape, "maxCount")
        if least is not None and int(least) > 0:
            tests.append(f"EXISTS {self.distinct(focus, path, int(least))}")
        if most is not None:
            tests.append(f"NOT EXISTS {self.distinct(focus, path, int(most) + 1)}")
        if any(self.values(shape, name) for name in _VALUE_PARAMETERS):
            value = self.var()
            tests.append(f"NOT EXISTS {{ {self.step(focus, path, value)} FILTER(!{self.value_tests(shape, value)}) }}")
        for other in self.values(shape, "disjoint"):
            value = self.var()
            tests.append(f"NOT EXISTS {{ {self.step(focus, path, value)} {focus} {_term(other)} {value} . }}")
        for node in self.values(shape, "hasValue"):
            tests.append(f"EXISTS {{ {self.step(focus, path, _term(node))} }}")
        qualified = self.one(shape, "qualifiedValueShape")
        if qualified is not None:
            def meets(name):
                return self.conforms(qualified, name)
            low, high = self.one(shape, "qualifiedMinCount"), self.one(shape, "qualifiedMaxCount")
            if low is not None and int(low) > 0:
                tests.append(f"EXISTS {self.distinct(focus, path, int(low), meets)}")
            if high is not None:
                tests.append(f"NOT EXISTS {self.distinct(focus, path, int(high) + 1, meets)}")
        return tests

    def value_tests(self, shape: Node, v: str) -> str:
        parts = [self.value_test(shape, name, v) for name in _VALUE_PARAMETERS if self.values(shape, name)]
        return "(" + " && ".join(parts) + ")" if parts else "true"

    def value_test(self, shape: Node, name: str, v: str) -> str:
        """The test of one value-type parameter of `shape` on the node in `v` (errors count as failing)."""
        tests = [self._value_test(shape, name, value, v) for value in self.values(shape, name)]
        return "(" + " && ".join(tests) + ")"

    def _value_test(self, shape: Node, name: str, param: Node, v: str) -> str:
        if name == "class":
            classes, cls = ", ".join(_term(c) for c in self.subclasses(param)), self.var()
            return f"EXISTS {{ {v} a {cls} . FILTER({cls} IN ({classes})) }}"
        if name == "datatype":
            if param == RDF.langString:
                return f"COALESCE(isLiteral({v}) && lang({v}) != \"\", false)"
            plain = " || datatype(%s) = %s" % (v, XSD.string.n3()) if param == XSD.string else ""
            return f"COALESCE(isLiteral({v}) && lang({v}) = \"\" && (datatype({v}) = {_term(param)}{plain}), false)"
        if name == "nodeKind":
            return _NODE_KINDS[str(param).removeprefix(str(SH))].format(v=v)
        if name in _RANGES:
            return f"COALESCE(isLiteral({v}) && {v} {_RANGES[name]} {_term(param)}, false)"
        if name == "minLength":
            return f"COALESCE(!isBlank({v}) && strlen(str({v})) >= {int(param)}, false)"
        if name == "maxLength":
            return f"COALESCE(!isBlank({v}) && strlen(str({v})) <= {int(param)}, false)"
        if name == "pattern":
            flags = self.one(shape, "flags")
            extra = f", {_string(str(flags))}" if flags is not None else ""
            return f"COALESCE(!isBlank({v}) && regex(str({v}), {_string(str(param))}{extra}), false)"
        if name == "languageIn":
            tags = " || ".join(f"langMatches(lang({v}), {_string(str(tag))})" for tag in self.items(param))
            return f"COALESCE(isLiteral({v}) && ({tags or 'false'}), false)"
        if name == "in":
            members = " || ".join(f"sameTerm({v}, {_term(m)})" for m in self.items(param))
            return f"({members or 'false'})"
        if name == "node":
            return self.conforms(param, v)
        if name == "and":
            return "(" + " && ".join(self.conforms(s, v) for s in self.items(param)) + ")"
        if name == "or":
            return "(" + " || ".join(self.conforms(s, v) for s in self.items(param)) + ")"
        if name == "not":
            return f"!{self.conforms(param, v)}"
        raise OntologyError(f"sh:{name} is not implemented")  # pragma: no cover: _VALUE_PARAMETERS only

    # --- the checks of a shape with targets -----------------------------------------------------

    def target(self, shape: Node) -> str | None:
        """A pattern binding ``?focus`` to every focus node of `shape` (None: it has no targets)."""
        branches = []
        classes = sorted({c for cls in self.values(shape, "targetClass") for c in self.subclasses(cls)})
        if classes:
            branches.append(f"{{ VALUES ?class {{ {' '.join(_term(c) for c in classes)} }} ?focus a ?class . }}")
        for node in self.values(shape, "targetNode"):
            branches.append(f"{{ BIND({_term(node)} AS ?focus) }}")
        for p in self.values(shape, "targetSubjectsOf"):
            branches.append(f"{{ ?focus {_term(p)} [] . }}")
        for p in self.values(shape, "targetObjectsOf"):
            branches.append(f"{{ [] {_term(p)} ?focus . }}")
        if not branches:
            return None
        return "{ SELECT DISTINCT ?focus WHERE { " + " UNION ".join(branches) + " } }"

    def checks(self, shape: Node, target: str) -> Iterator[Check]:
        """Every constraint of `shape` (and of its property shapes) on the focus nodes of `target`."""
        self.check_supported(shape)
        if self.one(shape, "deactivated") == Literal(True):
            return
        path = self.one(shape, "path")
        messages = tuple(sorted(str(m) for m in self.values(shape, "message")))
        severity = self.one(shape, "severity") or SH.Violation

        def check(where: str, component: str, value_is_focus: bool = False, with_value: bool = False) -> Check:
            select = "?focus ?value" if with_value else "?focus"
            inverse = self.shapes.value(path, SH.inversePath) if isinstance(path, BNode) else None
            return Check(f"SELECT DISTINCT {select} WHERE {{ {target} {where} }}", component, shape, path, messages,
                         severity, value_is_focus, inverse)

        value_names = [name for name in _VALUE_PARAMETERS if self.values(shape, name)]
        if path is None:  # a node shape: value constraints apply to the focus node itself
            for name in value_names:
                for param in self.values(shape, name):
                    test = self._value_test(shape, name, param, "?focus")
                    yield check(f"FILTER(!{test})", _component(name), value_is_focus=True)
        else:
            least, most = self.one(shape, "minCount"), self.one(shape, "maxCount")
            if least is not None and int(least) > 0:
                yield check(f"FILTER NOT EXISTS {self.distinct('?focus', path, int(least))}",
                            "MinCountConstraintComponent")
            if most is not None:
                yield check(f"FILTER EXISTS {self.distinct('?focus', path, int(most) + 1)}",
                            "MaxCountConstraintComponent")
            for name in value_names:
                for param in self.values(shape, name):
                    test = self._value_test(shape, name, param, "?value")
                    yield check(f"{self.step('?focus', path, '?value')} FILTER(!{test})", _component(name),
                                with_value=True)
            for other in self.values(shape, "disjoint"):
                yield check(f"{self.step('?focus', path, '?value')} ?focus {_term(other)} ?value .",
                            "DisjointConstraintComponent", with_value=True)
            for node in self.values(shape, "hasValue"):
                yield check(f"FILTER NOT EXISTS {{ {self.step('?focus', path, _term(node))} }}",
                            "HasValueConstraintComponent")
            qualified = self.one(shape, "qualifiedValueShape")
            if qualified is not None:
                def meets(name):
                    return self.conforms(qualified, name)
                low, high = self.one(shape, "qualifiedMinCount"), self.one(shape, "qualifiedMaxCount")
                if low is not None and int(low) > 0:
                    yield check(f"FILTER NOT EXISTS {self.distinct('?focus', path, int(low), meets)}",
                                "QualifiedMinCountConstraintComponent")
                if high is not None:
                    yield check(f"FILTER EXISTS {self.distinct('?focus', path, int(high) + 1, meets)}",
                                "QualifiedMaxCountConstraintComponent")
        for prop in self.values(shape, "property"):
            yield from self.checks(prop, target)


def _component(name: str) -> str:
    return name[0].upper() + name[1:] + "ConstraintComponent"


def compile_shapes(shapes: Graph, ontology: Graph) -> list[Check]:
    """One :class:`Check` per constraint of every shape with a target, in a fixed order.

    Raises:
        OntologyError: a shape uses a part of SHACL this engine does not implement.
    """
    compiler = _Compiler(shapes, ontology)
    found = []
    candidates = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape))
    for predicate in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf):
        candidates |= set(shapes.subjects(predicate, None))
    for shape in sorted(candidates, key=str):
        target = compiler.target(shape)
        if target is not None:
            found.extend(compiler.checks(shape, target))
    return found


@dataclass(frozen=True)
class Result:
    """One SHACL validation result, as pySHACL's report has it."""

    focus: Node
    path: Node | None
    value: Node | None
    component: str
    messages: tuple[str, ...]
    severity: URIRef
    shape: Node
    path_inverse: Node | None = None  # the predicate of an sh:inversePath path


def run_checks(store, checks: list[Check]) -> list[Result]:
    """Run every check on `store` (a :class:`kg.store.Store`); results sorted by focus node.

    Raises:
        QueryError: the store cannot run a query (a bug in the compiled text).
    """
    from kg.store import run_query

    results = set()
    for check in checks:
        answer = run_query(store, check.query)
        for row in answer.rows:
            focus = row[0]
            value = focus if check.value_is_focus else (row[1] if len(row) > 1 else None)
            results.add(Result(focus, check.path, value, check.component, check.messages, check.severity,
                               check.shape, check.path_inverse))
    return sorted(results, key=_order)


def _order(result: Result) -> tuple:
    path = str(result.path) if isinstance(result.path, URIRef) else f"^{result.path_inverse or ''}"
    return str(result.focus), path, str(result.value), result.component, str(result.shape) \
        if not isinstance(result.shape, BNode) else ""


def report_graph(results: list[Result]) -> Graph:
    """The results as a SHACL validation report (``sh:ValidationReport``), with skolem-free blank nodes
    numbered in order, so the same results give the same Turtle."""
    graph = Graph(bind_namespaces="none")
    graph.bind("sh", SH)
    report = BNode("report")
    graph.add((report, RDF.type, SH.ValidationReport))
    graph.add((report, SH.conforms, Literal(not any(r.severity == SH.Violation for r in results))))
    for i, result in enumerate(results):
        node = BNode(f"r{i}")
        graph.add((report, SH.result, node))
        graph.add((node, RDF.type, SH.ValidationResult))
        graph.add((node, SH.focusNode, result.focus))
        graph.add((node, SH.resultSeverity, result.severity))
        graph.add((node, SH.sourceConstraintComponent, SH[result.component]))
        if not isinstance(result.shape, BNode):
            graph.add((node, SH.sourceShape, result.shape))
        if isinstance(result.path, URIRef):
            graph.add((node, SH.resultPath, result.path))
        elif result.path is not None:  # sh:inversePath, the only complex path compiled
            path = BNode(f"r{i}path")
            graph.add((node, SH.resultPath, path))
            graph.add((path, SH.inversePath, result.path_inverse))
        if result.value is not None:
            graph.add((node, SH.value, result.value))
        for message in result.messages:
            graph.add((node, SH.resultMessage, Literal(message)))
    return graph
