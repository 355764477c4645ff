"""Facts -> RDF in the shape of the graph contract. ``mint_iri`` lives only here.

The graph is produced one subject at a time, in sorted order, as N-Triples terms
(:func:`facts_to_subjects`), so that a corpus of any size is written without ever holding
the whole graph (:mod:`kg.export` streams it to Turtle and N-Triples). :func:`facts_to_graph`
loads the same triples into an rdflib Graph for the stages that want one (page, SHACL).
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, insort
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache

from rdflib import Graph, URIRef

from kg import __version__
from kg.dataset import DATASET_LICENSE, DCAT, ENTITY_CLASSES, VOID
from kg.conflicts import Conflict, Figure, find_conflicts
from kg.facts import Facts, figure
from kg.indicators import classify
from kg.namespace import DCTERMS, ENVKG, GEO, ID, NIF, OWL, PROV, RDF, RDFS, SKOS, XSD

#: Characters percent-encoded (as UTF-8) in a key's IRI segment: ASCII ones that IRIs forbid or
#: that mean something in them, and every code point RFC 3987 leaves out of ``ucschar``: controls,
#: private use, noncharacters (U+FDD0-U+FDEF, U+FFF0-U+FFFF, the last two of each plane), tags.
#: Oxigraph refuses an IRI holding one of them (rdflib reads it).
_IRI_UNSAFE = re.compile(
    r'[ <>"{}|\\^`%#?&=\[\]\x00-\x1f\x7f-\x9f\ue000-\uf8ff\ufdd0-\ufdef\ufff0-\uffff'
    + "".join(f"\\U{plane:04x}fffe-\\U{plane:04x}ffff" for plane in range(1, 14))
    + r"\U000e0000-\U000e0fff\U000f0000-\U0010ffff]")

GAZETTEERS = {
    "gazetteer:cpca-adcodes": ("cpca adcodes.csv (GB/T 2260 divisions with coordinates)", "cpca 0.5.5",
                               "https://opensource.org/licenses/MIT"),
    "gazetteer:envkg-water-bodies": ("envkg curated list of China's rivers and lakes (data/gazetteers/water_bodies.tsv)",
                                     __version__, "https://creativecommons.org/publicdomain/zero/1.0/"),
}

#: Prefixes of the written graph (Turtle), in the order they are declared.
PREFIXES = {"dcat": str(DCAT), "dcterms": str(DCTERMS), "envkg": str(ENVKG._NS), "geo": str(GEO), "id": str(ID),
            "nif": str(NIF), "owl": str(OWL), "prov": str(PROV), "rdf": str(RDF), "rdfs": str(RDFS),
            "skos": str(SKOS), "void": str(VOID), "xsd": str(XSD)}

Pair = tuple[str, str]  # (predicate, object) as N-Triples terms


def _escape(match: re.Match) -> str:
    return "".join(f"%{byte:02X}" for byte in match.group().encode("utf-8"))


@lru_cache(maxsize=1 << 16)
def _iri_text(key: str) -> str:
    # one segment per key part; characters unsafe in an IRI are percent-encoded
    return f"{ID}{'/'.join(_IRI_UNSAFE.sub(_escape, part) or '-' for part in key.split(':'))}"


def mint_iri(key: str) -> URIRef:
    """The one place instance IRIs are made: from a canonical key, stable across runs.

    >>> str(mint_iri("division:140581"))
    'https://w3id.org/envkg/id/division/140581'
    >>> str(mint_iri("org:140581:分局"))
    'https://w3id.org/envkg/id/org/140581/分局'
    """
    return URIRef(_iri_text(key))


# -- N-Triples terms ---------------------------------------------------------------------------

def iri(value: str) -> str:
    """An IRI term: ``<value>``."""
    return f"<{value}>"


@lru_cache(maxsize=1 << 16)
def node(key: str) -> str:
    """The IRI term of an instance, from its canonical key (see :func:`mint_iri`)."""
    return f"<{_iri_text(key)}>"


_ESCAPES = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r"}
_ESCAPES.update({c: f"\\u{c:04X}" for c in range(32) if c not in _ESCAPES})


def literal(text: object, lang: str = "", datatype: str = "") -> str:
    """A literal term, escaped for N-Triples and Turtle alike.

    >>> literal('他说"好"', lang="zh")
    '"他说\\\\"好\\\\""@zh'
    >>> literal(96.3, datatype=str(XSD.decimal))
    '"96.3"^^<http://www.w3.org/2001/XMLSchema#decimal>'
    """
    text = str(text)
    if not text.isprintable() or '"' in text or "\\" in text:
        text = text.translate(_ESCAPES)
    if lang:
        return f'"{text}"@{lang}'
    if datatype:
        return f'"{text}"^^<{datatype}>'
    return f'"{text}"'


@lru_cache(maxsize=None)
def _t(term: URIRef) -> str:
    """The IRI term of a vocabulary term (cached: the same few dozen are used millions of times)."""
    return f"<{term}>"


def _zh(text: str) -> str:
    return literal(text, lang="zh")


def _typed(value: object, datatype: str) -> str:
    return literal(value, datatype=datatype)


A = _t(RDF.type)
_P = {name: _t(ENVKG[name]) for name in (
    "sourceFile", "mentionedIn", "adminCode", "evidence", "subject", "indicator", "value", "unit", "year",
    "preferredUnit", "conflictingObservation")}
_LABEL, _ALT = _t(SKOS.prefLabel), _t(SKOS.altLabel)
_DERIVED = _t(PROV.wasDerivedFrom)
_BEGIN, _END, _CONTEXT = _t(NIF.beginIndex), _t(NIF.endIndex), _t(NIF.referenceContext)
_NONNEG = str(XSD.nonNegativeInteger)
_XSD_INTEGER = str(XSD.integer)
_XSD_GYEAR = str(XSD.gYear)
_XSD_DECIMAL = str(XSD.decimal)
_XSD_DATETIME = str(XSD.dateTime)
_CLASS_PREFIX = f"<{ENVKG._NS}"
_RELATION_TERMS = {_t(ENVKG[name]): name for name in (
    "partOf", "subOrganizationOf", "jurisdiction", "locatedIn", "flowsInto", "implementedBy", "targets", "headOf",
    "organizedBy", "about", "observedAt")}
# the rest of the vocabulary's IRI terms, made once
_DCAT_DATASET = _t(DCAT.Dataset)
_DCTERMS_CREATED = _t(DCTERMS.created)
_DCTERMS_CREATOR = _t(DCTERMS.creator)
_DCTERMS_DATE = _t(DCTERMS.date)
_DCTERMS_ISPARTOF = _t(DCTERMS.isPartOf)
_DCTERMS_LICENSE = _t(DCTERMS.license)
_DCTERMS_PUBLISHER = _t(DCTERMS.publisher)
_DCTERMS_SOURCE = _t(DCTERMS.source)
_DCTERMS_TITLE = _t(DCTERMS.title)
_ENVKG_ARTICLE = _t(ENVKG.Article)
_ENVKG_DOCUMENT = _t(ENVKG.Document)
_ENVKG_GAZETTEER = _t(ENVKG.Gazetteer)
_ENVKG_INDICATOR = _t(ENVKG.Indicator)
_ENVKG_INDICATORSCHEME = _t(ENVKG.IndicatorScheme)
_ENVKG_OBSERVATION = _t(ENVKG.Observation)
_ENVKG_OBSERVATIONCONFLICT = _t(ENVKG.ObservationConflict)
_GEO_LAT = _t(GEO.lat)
_GEO_LONG = _t(GEO.long)
_OWL_VERSIONINFO = _t(OWL.versionInfo)
_PROV_ACTIVITY = _t(PROV.Activity)
_PROV_ENDEDATTIME = _t(PROV.endedAtTime)
_PROV_USED = _t(PROV.used)
_RDFS_LABEL = _t(RDFS.label)
_RDF_OBJECT = _t(RDF.object)
_RDF_PREDICATE = _t(RDF.predicate)
_RDF_STATEMENT = _t(RDF.Statement)
_RDF_SUBJECT = _t(RDF.subject)
_SKOS_BROADER = _t(SKOS.broader)
_SKOS_INSCHEME = _t(SKOS.inScheme)
_SKOS_NOTATION = _t(SKOS.notation)
_SKOS_TOPCONCEPTOF = _t(SKOS.topConceptOf)
_VOID_CLASS = _t(VOID["class"])
_VOID_CLASSPARTITION = _t(VOID.classPartition)
_VOID_DATASET = _t(VOID.Dataset)
_VOID_ENTITIES = _t(VOID.entities)
_VOID_TRIPLES = _t(VOID.triples)
_VOID_VOCABULARY = _t(VOID.vocabulary)


def _decimal(value: str) -> str:
    """The canonical xsd:decimal form: always a decimal point (13 -> 13.0)."""
    return value if "." in value else f"{value}.0"


def _timestamp(build_time: datetime) -> str:
    return build_time.astimezone(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def _within(source: str) -> str:
    """``<file>:<article>`` of an article id: statements and observations read from an article are
    keyed under it, so that each document's own subjects sort together (see RenderedSubjects)."""
    return source.removeprefix("article:")


def statement_key(rel) -> str:
    """Canonical key of the statement that records where a relation came from.

    >>> from kg.types import Relation
    >>> statement_key(Relation("a", "partOf", "b", "…", 0, 5, "article:p.txt:2"))
    'statement:p.txt:2:3557ea7c6b8fcf62'
    """
    digest = _digest(rel.subject, rel.predicate, rel.object, rel.source, rel.begin)
    return f"statement:{digest}" if rel.source.startswith("gazetteer:") else f"statement:{_within(rel.source)}:{digest}"


def observation_key(obs) -> str:
    """Canonical key of an observation node (under its article, like a statement's)."""
    return figure_key(figure(obs))


def figure_key(fig: Figure) -> str:
    """Canonical key of the observation node of a :data:`kg.conflicts.Figure`."""
    subject, indicator, value, unit, year, source, begin = fig
    return f"observation:{_within(source)}:{_digest(subject, indicator, value, unit, year, source, begin)}"


@dataclass
class GraphStats:
    """What a graph holds: triples, instances per class, triples per contract relation."""

    triples: int = 0
    classes: Counter = field(default_factory=Counter)  # class local name -> subjects typed with it
    relations: Counter = field(default_factory=Counter)  # contract relation -> triples


@dataclass
class Subject:
    """One subject with its (predicate, object) pairs, sorted and unique."""

    term: str
    pairs: list[Pair]

    def classes(self) -> tuple[str, ...]:
        """The envkg classes the subject is typed with (local names)."""
        return tuple(o[len(_CLASS_PREFIX):-1] for p, o in self.pairs if p == A and o.startswith(_CLASS_PREFIX))


@dataclass
class RenderedSubjects:
    """A document's own subjects, serialised (by :func:`kg.export.render`): their sorted terms, one
    blob per format, and where in it each subject ends. One object per document: quick to pickle
    to and from workers and the cache. Because statements and observations are keyed under their
    article, the subjects of one family (``id/statement/<file>/...``) lie together in the graph's
    sorted order, and the merge writes slices of the blobs."""

    terms: list[str]
    blobs: dict[str, bytes]
    ends: dict[str, list[int]]
    triples: int
    classes: dict[str, int]
    groups: list[tuple[int, int]]  # see family_groups


def family_groups(terms: list[str]) -> list[tuple[int, int]]:
    """[start, stop) index ranges of consecutive sorted terms of one family (article, statement ...)."""
    out, start = [], 0
    for i in range(1, len(terms) + 1):
        if i == len(terms) or _family(terms[i]) != _family(terms[start]):
            out.append((start, i))
            start = i
    return out


_FAMILY_AT = len(f"<{ID}")


def _family(term: str) -> str:
    return term[_FAMILY_AT:term.find("/", _FAMILY_AT)]


#: A part of a document's serialised subjects: write subjects [start, stop) of it.
Piece = tuple[RenderedSubjects, int, int]


def _index(facts: Facts, local: bool = True, shared: bool = True) -> dict[str, list[tuple[str, object]]]:
    """Subject term -> what produces its triples; `local` picks the subjects only one document
    produces (its document, articles, text statements, observations), `shared` the others."""
    index: dict[str, list[tuple[str, object]]] = defaultdict(list)
    if local:
        for name in facts.documents:
            index[node(f"document:{name}")].append(("document", name))
        for aid, article in facts.articles.items():
            index[node(aid)].append(("article", article))
    entities = facts.entities
    relations_of: dict[str, list] = defaultdict(list)
    used_gazetteers = set()
    for rel in facts.relations:
        if rel.subject not in entities or rel.object not in entities:
            continue
        from_gazetteer = rel.source.startswith("gazetteer:")
        if shared if from_gazetteer else local:
            index[node(statement_key(rel))].append(("statement", rel))
        if shared:
            relations_of[rel.subject].append(rel)
            if from_gazetteer:
                used_gazetteers.add(rel.source)
    if local:
        for obs in facts.observations:
            if obs.subject in entities:
                index[node(observation_key(obs))].append(("observation", obs))
    if not shared:
        return index
    for key, ent in facts.entities.items():
        index[node(key)].append(("entity", (key, relations_of.get(key, ()))))
        if not facts.mentioned_in.get(key):
            used_gazetteers.add("gazetteer:cpca-adcodes" if ent.admin_code else "gazetteer:envkg-water-bodies")
    for name in used_gazetteers & set(GAZETTEERS):
        index[node(name)].append(("gazetteer", name))
    indicators = {obs.indicator for obs in facts.observations if obs.subject in facts.entities}
    concepts = {}
    for label in indicators:
        index[node(f"indicator:{label}")].append(("indicator", label))
        concept = classify(label)
        if concept is not None:
            concepts[concept.id] = concept
    for concept in concepts.values():
        index[node(f"indicator-concept:{concept.id}")].append(("concept", concept))
    for conflict in find_conflicts(facts.figures, entities):
        index[node(conflict.key)].append(("conflict", conflict))
    return index


def _subjects(facts: Facts, index: dict[str, list[tuple[str, object]]], build_time: datetime | None) -> Iterator[Subject]:
    producers = {"document": _document, "article": _article, "statement": _statement, "gazetteer": _gazetteer,
                 "observation": _observation, "indicator": _indicator, "concept": _concept, "partition": _partition,
                 "conflict": _conflict}
    for term in sorted(index):
        items = index[term]
        pairs: set[Pair] = set()
        for kind, value in items:
            if kind == "entity":
                pairs.update(_entity(facts, *value))
            elif kind == "build":
                pairs.update(_build(value, build_time))
            else:
                pairs.update(producers[kind](value))
        yield Subject(term, sorted(pairs))


def document_subjects(facts: Facts) -> list[Subject]:
    """The subjects only this document's facts produce (see _index), sorted: the part of the
    graph a worker can write on its own."""
    return list(_subjects(facts, _index(facts, shared=False), None))


def facts_to_subjects(facts: Facts, build_time: datetime | None = None, stats: GraphStats | None = None,
                      rendered: list[RenderedSubjects] | None = None) -> Iterator[Subject | Piece]:
    """Every subject of the corpus graph with its triples, in sorted order of the subject term.

    With `rendered` (each document's :func:`document_subjects`, already serialised), those
    are merged in, as :data:`Piece` s of their blobs, and only the shared subjects are made here.
    The shared subjects are made before the first one is yielded: the dataset description
    counts every triple, and it sorts before most of them. `stats` (if given) is complete
    when the first subject is yielded.
    """
    stats = stats if stats is not None else GraphStats()
    index = _index(facts, local=rendered is None)
    sources = sorted(facts.documents)
    index[node(f"build:{_digest(__version__, *sources)}")].append(("build", sources))
    rendered = [doc for doc in rendered or () if doc.terms]
    for doc in rendered:
        stats.triples += doc.triples
        stats.classes.update(doc.classes)
    counts = _class_counts(facts, index, stats.classes)
    partitions = {node(f"dataset:envkg:class:{name}"): (name, n) for name, n in counts.items() if n}
    index.update({term: [("partition", value)] for term, value in partitions.items()})
    made = list(_subjects(facts, index, build_time))
    for subject in made:
        _count(subject, stats)
    dataset = Subject(node("dataset:envkg"), _dataset(counts, partitions, sources, build_time, stats))
    stats.triples += len(dataset.pairs)
    insort(made, dataset, key=lambda subject: subject.term)
    yield from _merge(made, _pieces(rendered))


def _pieces(rendered: list[RenderedSubjects]) -> list[Piece]:
    """Every document's family groups, in sorted order of their terms (one piece per subject if
    groups of different documents were ever to interleave)."""
    pieces = sorted(((doc, *group) for doc in rendered for group in doc.groups),
                    key=lambda piece: piece[0].terms[piece[1]])
    for (doc, _, stop), (nxt, start, _) in zip(pieces, pieces[1:]):
        if doc.terms[stop - 1] >= nxt.terms[start]:  # interleaved: fall back to single subjects
            return sorted(((doc, i, i + 1) for doc in rendered for i in range(len(doc.terms))),
                          key=lambda piece: piece[0].terms[piece[1]])
    return pieces


def _merge(subjects: Iterable[Subject], pieces: list[Piece]) -> Iterator[Subject | Piece]:
    """Merge sorted subjects made here with the sorted pieces, splitting a piece a subject falls in."""
    i, n = 0, len(pieces)
    for subject in subjects:
        term = subject.term
        while i < n and pieces[i][0].terms[pieces[i][1]] < term:
            doc, start, stop = pieces[i]
            cut = bisect_left(doc.terms, term, start, stop)
            if cut < stop:  # the subject sorts inside this piece: write its first part only
                yield doc, start, cut
                pieces[i] = (doc, cut, stop)
                break
            yield pieces[i]
            i += 1
        yield subject
    yield from pieces[i:]


def _count(subject: Subject, stats: GraphStats) -> None:
    stats.triples += len(subject.pairs)
    stats.classes.update(subject.classes())
    stats.relations.update(_RELATION_TERMS[p] for p, _ in subject.pairs if p in _RELATION_TERMS)


def _class_counts(facts: Facts, index: dict[str, list], rendered_classes: Counter) -> dict[str, int]:
    """Instances per contract class, known before any subject is produced (the dataset needs them)."""
    counts = Counter({"Document": len(facts.documents), "Article": len(facts.articles)})
    counts.update(ent.cls for ent in facts.entities.values())
    for items in index.values():
        kind = items[0][0]
        if kind == "observation":
            counts["Observation"] += 1
        elif kind in ("indicator", "concept"):
            counts["Indicator"] += 1
    counts["Observation"] += rendered_classes["Observation"]
    return {name: counts[name] for name in ENTITY_CLASSES}


def _document(name: str) -> list[Pair]:
    return [(A, _ENVKG_DOCUMENT), (_P["sourceFile"], literal(name))]


def _article(article) -> list[Pair]:
    pairs = [(A, _ENVKG_ARTICLE), (_DCTERMS_ISPARTOF, node(f"document:{article.source_file}")),
             (_DCTERMS_TITLE, _zh(article.title)),
             (_BEGIN, _typed(article.begin, _NONNEG)), (_END, _typed(article.end, _NONNEG))]
    if article.outlet:
        pairs.append((_DCTERMS_PUBLISHER, _zh(article.outlet)))
    pairs += [(_DCTERMS_CREATOR, _zh(name)) for name in article.byline]
    if article.date:
        pairs.append((_DCTERMS_DATE, literal(article.date)))
    return pairs


@lru_cache(maxsize=None)
def _class_term(name: str) -> str:
    return _t(ENVKG[name])


def _entity(facts: Facts, key: str, relations: list) -> list[Pair]:
    ent = facts.entities[key]
    mentions = facts.mentioned_in.get(key)
    pairs = [(A, _class_term(ent.cls)), (_LABEL, _zh(ent.label))]
    pairs += [(_ALT, _zh(alias)) for alias in ent.aliases]
    if mentions:
        pairs += [(_P["mentionedIn"], node(aid)) for aid in mentions]
    if ent.admin_code:
        pairs.append((_P["adminCode"], literal(ent.admin_code)))
    if ent.lat is not None and ent.lon is not None:
        pairs.append((_GEO_LAT, _typed(f"{ent.lat:.6f}", _XSD_DECIMAL)))
        pairs.append((_GEO_LONG, _typed(f"{ent.lon:.6f}", _XSD_DECIMAL)))
    if not mentions:
        source = "gazetteer:cpca-adcodes" if ent.admin_code else "gazetteer:envkg-water-bodies" \
            if key.startswith("water:") else ""
        if source:
            pairs.append((_DERIVED, node(source)))
    pairs += [(_RELATION_TERMS_BY_NAME[rel.predicate], node(rel.object)) for rel in relations]
    return pairs


_RELATION_TERMS_BY_NAME = {name: term for term, name in _RELATION_TERMS.items()}


def _statement(rel) -> list[Pair]:
    pairs = [(A, _RDF_STATEMENT), (_RDF_SUBJECT, node(rel.subject)),
             (_RDF_PREDICATE, _RELATION_TERMS_BY_NAME[rel.predicate]),
             (_RDF_OBJECT, node(rel.object)), (_DERIVED, node(rel.source))]
    if not rel.source.startswith("gazetteer:"):
        pairs += [(_P["evidence"], _zh(rel.evidence)), (_CONTEXT, node(rel.source)),
                  (_BEGIN, _typed(rel.begin, _NONNEG)), (_END, _typed(rel.end, _NONNEG))]
    return pairs


def _gazetteer(name: str) -> list[Pair]:
    title, version, license_iri = GAZETTEERS[name]
    return [(A, _ENVKG_GAZETTEER), (_DCTERMS_TITLE, literal(title, lang="en")),
            (_OWL_VERSIONINFO, literal(version)), (_DCTERMS_LICENSE, iri(license_iri))]


def _observation(obs) -> list[Pair]:
    pairs = [(A, _ENVKG_OBSERVATION), (_P["subject"], node(obs.subject)),
             (_P["indicator"], node(f"indicator:{obs.indicator}")), (_P["value"], _typed(_decimal(obs.value), _XSD_DECIMAL)),
             (_P["unit"], literal(obs.unit)), (_P["mentionedIn"], node(obs.source)),
             (_P["evidence"], _zh(obs.evidence)), (_CONTEXT, node(obs.source)),
             (_BEGIN, _typed(obs.begin, _NONNEG)), (_END, _typed(obs.end, _NONNEG))]
    if obs.year:
        pairs.append((_P["year"], _typed(obs.year, _XSD_GYEAR)))
    return pairs


def _indicator(label: str) -> list[Pair]:
    pairs = [(A, _ENVKG_INDICATOR), (_LABEL, _zh(label)),
             (_SKOS_INSCHEME, _ENVKG_INDICATORSCHEME)]
    concept = classify(label)
    if concept is not None:
        pairs.append((_SKOS_BROADER, node(f"indicator-concept:{concept.id}")))
    return pairs


def _concept(concept) -> list[Pair]:
    scheme = _ENVKG_INDICATORSCHEME
    return [(A, _ENVKG_INDICATOR), (_LABEL, _zh(concept.zh)), (_RDFS_LABEL, literal(concept.en, lang="en")),
            (_SKOS_NOTATION, literal(concept.id)), (_P["preferredUnit"], literal(concept.unit)),
            (_SKOS_INSCHEME, scheme), (_SKOS_TOPCONCEPTOF, scheme)]


def _conflict(conflict: Conflict) -> list[Pair]:
    return [(A, _ENVKG_OBSERVATIONCONFLICT), (_LABEL, _zh(conflict.label))] + [
        (_P["conflictingObservation"], node(figure_key(fig))) for fig in conflict.figures]


def _build(sources: list[str], build_time: datetime | None) -> list[Pair]:
    """The build as a prov:Activity: envkg version, time, the documents it used."""
    pairs = [(A, _PROV_ACTIVITY), (_OWL_VERSIONINFO, literal(f"envkg {__version__}"))]
    if build_time is not None:
        pairs.append((_PROV_ENDEDATTIME, _typed(_timestamp(build_time), _XSD_DATETIME)))
    pairs += [(_PROV_USED, node(f"document:{name}")) for name in sources]
    return pairs


def _partition(value: tuple[str, int]) -> list[Pair]:
    name, n = value
    return [(_VOID_CLASS, _t(ENVKG[name])), (_VOID_ENTITIES, _typed(n, _XSD_INTEGER)),
            (_RDFS_LABEL, literal(name, lang="en"))]


def _dataset(counts: dict[str, int], partitions: dict[str, tuple[str, int]], sources: list[str],
             build_time: datetime | None, stats: GraphStats) -> list[Pair]:
    """The VoID/DCAT description: counts per class, sources, time, licence and the triple count."""
    entities = sum(n for name, n in counts.items() if name not in ("Observation", "Indicator", "Document", "Article"))
    pairs = {(A, _VOID_DATASET), (A, _DCAT_DATASET),
             (_DCTERMS_TITLE, literal("envkg knowledge graph", lang="en")),
             (_DCTERMS_TITLE, _zh("生态环境治理新闻知识图谱")),
             (_DCTERMS_LICENSE, _t(DATASET_LICENSE)),
             (_DCTERMS_CREATOR, literal(f"envkg {__version__}")),
             (_VOID_VOCABULARY, _t(ENVKG._NS)),
             (_VOID_ENTITIES, _typed(entities, _XSD_INTEGER))}
    if build_time is not None:
        pairs.add((_DCTERMS_CREATED, _typed(_timestamp(build_time), _XSD_DATETIME)))
    pairs |= {(_DCTERMS_SOURCE, node(f"document:{name}")) for name in sources}
    pairs |= {(_VOID_CLASSPARTITION, term) for term in partitions}
    pairs.add((_VOID_TRIPLES, _typed(stats.triples + len(pairs) + 1, _XSD_INTEGER)))
    return sorted(pairs)


def new_graph() -> Graph:
    """An empty rdflib Graph with envkg's prefixes bound."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, replace=True)
    return graph


def facts_to_graph(facts: Facts, build_time: datetime | None = None) -> Graph:
    """The corpus graph as an rdflib Graph (the same triples :mod:`kg.export` writes)."""
    from kg.export import ntriples_lines

    graph = new_graph()
    graph.parse(data="".join(ntriples_lines(facts_to_subjects(facts, build_time))), format="nt")
    return graph
