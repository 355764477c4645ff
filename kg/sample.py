"""A fixed-seed random sample of what a graph holds, for a precision audit.

Entities are drawn per class family and printed with a sentence that mentions them: the
evidence of a statement about them when there is one, else the sentence of their article's
text (read from the input files, ``texts``) that contains their label. Observations carry
their own evidence sentence.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef

from kg.errors import InputError
from kg.normalize import QUOTE_MARKS
from kg.namespace import DCTERMS, ENVKG, NIF, RDF, SKOS

FAMILIES = {
    "organisations": ("Bureau", "GovernmentBody", "Organization"),
    "divisions": ("Country", "Province", "Prefecture", "County", "Township", "Village"),
    "water": ("River", "Lake", "Reservoir", "Wetland", "MonitoringSection"),
    "places": ("Landmark",),
    "projects and measures": ("Project", "Measure"),
    "events and regulations": ("Event", "Regulation"),
    "persons and species": ("Person", "Species"),
}
OBSERVATIONS = "observations"
SENTENCE_RE = re.compile(r"[^。！？\n]*[。！？]?")


@dataclass(frozen=True)
class Item:
    """One sampled thing: its family, class, label and the sentence to judge it by."""

    family: str
    cls: str
    label: str
    sentence: str
    iri: str


def sample(graph_path: str | Path, per_class: int = 50, seed: int = 1, texts: str | Path | None = None) -> list[Item]:
    """`per_class` items of each family and of the observations, drawn with `seed` from the sorted nodes.

    Raises:
        InputError: the graph file is missing.
    """
    if not Path(graph_path).exists():
        raise InputError(f"graph not found: {graph_path} (run kg build first)")
    graph = Graph().parse(str(graph_path))
    sources = _source_texts(graph, Path(texts) if texts else None)
    evidence = _evidence_by_node(graph)
    out: list[Item] = []
    for family, classes in FAMILIES.items():
        nodes = sorted({(str(n), cls) for cls in classes for n in graph.subjects(RDF.type, ENVKG[cls])
                        if graph.value(n, ENVKG.mentionedIn) is not None})  # extracted, not from a gazetteer
        for iri, cls in _draw(nodes, per_class, f"{seed}:{family}"):
            node = URIRef(iri)
            label = str(graph.value(node, SKOS.prefLabel) or "")
            said = evidence.get(node, "")  # a statement's sentence, when it writes the label; else the article's
            sentence = said if label and label in said else _sentence_with(graph, node, label, sources) or said
            out.append(Item(family, cls, label, sentence, iri))
    observations = sorted(str(o) for o in graph.subjects(RDF.type, ENVKG.Observation))
    for iri in _draw(observations, per_class, f"{seed}:{OBSERVATIONS}"):
        obs = URIRef(iri)
        subject, indicator = graph.value(obs, ENVKG.subject), graph.value(obs, ENVKG.indicator)
        label = (f"{graph.value(subject, SKOS.prefLabel) if subject is not None else '?'} | "
                 f"{graph.value(indicator, SKOS.prefLabel) if indicator is not None else '?'} = "
                 f"{graph.value(obs, ENVKG.value)} {graph.value(obs, ENVKG.unit) or ''} "
                 f"{graph.value(obs, ENVKG.year) or ''}").strip()
        out.append(Item(OBSERVATIONS, "Observation", label, str(graph.value(obs, ENVKG.evidence) or ""), iri))
    return out


def _draw(items: list, k: int, seed: str) -> list:
    """A random sample of k (all when fewer), the same for the same items and seed, in sorted order."""
    chosen = random.Random(seed).sample(items, min(k, len(items)))
    return sorted(chosen)


def _evidence_by_node(graph: Graph) -> dict:
    """The first (sorted) evidence sentence of a statement each node is the subject or object of,
    preferring one that writes the node's label."""
    out: dict = {}
    for st in graph.subjects(RDF.type, RDF.Statement):
        text = graph.value(st, ENVKG.evidence)
        if not text:
            continue
        for end in (graph.value(st, RDF.subject), graph.value(st, RDF.object)):
            if end is None:
                continue
            label = str(graph.value(end, SKOS.prefLabel) or "")
            rank = (label not in str(text), str(text))
            if end not in out or rank < out[end][0]:
                out[end] = (rank, str(text))
    return {node: text for node, (_, text) in out.items()}


def _source_texts(graph: Graph, texts: Path | None) -> dict[str, str]:
    """Document IRI -> the text of its input file, when `texts` holds it."""
    out: dict[str, str] = {}
    if texts is None:
        return out
    for doc, name in graph.subject_objects(ENVKG.sourceFile):
        path = texts / str(name)
        if path.is_file():
            out[str(doc)] = path.read_text(encoding="utf-8", errors="replace")
    return out


def _written(label: str) -> re.Pattern:
    """A label as an article may write it: quote marks anywhere between its characters (美丽乡村工程 in
    “美丽乡村”工程), as labels are stored without them."""
    quotes = f"[{re.escape(QUOTE_MARKS)}]*"
    return re.compile(quotes.join(re.escape(ch) for ch in label))


def _sentence_with(graph: Graph, node, label: str, sources: dict[str, str]) -> str:
    """The first sentence of an article mentioning `node` that contains its label (or an altLabel)."""
    labels = [label, *sorted(str(a) for a in graph.objects(node, SKOS.altLabel))]
    for where in sorted(graph.objects(node, ENVKG.mentionedIn)):
        doc = graph.value(where, DCTERMS.isPartOf) or where
        text = sources.get(str(doc), "")
        begin, end = graph.value(where, NIF.beginIndex), graph.value(where, NIF.endIndex)
        if begin is not None and end is not None:
            text = text[int(begin):int(end)] or text
        for name in labels:
            found = _written(name).search(text) if name else None
            at = found.start() if found else -1
            if at >= 0:
                start = max(text.rfind(ch, 0, at) for ch in "。！？\n") + 1
                stop = min((i for i in (text.find(ch, at) for ch in "。！？\n") if i >= 0), default=len(text))
                return text[start:stop + 1].strip()
    return ""


def format_items(items: list[Item], fmt: str = "text") -> str:
    """Items as readable blocks (text) or as TSV with an empty verdict column (tsv)."""
    if fmt == "tsv":
        rows = ["family\tclass\tlabel\tsentence\tverdict"]
        rows += [f"{i.family}\t{i.cls}\t{i.label}\t{_one_line(i.sentence)}\t" for i in items]
        return "\n".join(rows) + "\n"
    lines, family = [], None
    for i in items:
        if i.family != family:
            family = i.family
            lines.append(f"== {family}")
        lines.append(f"{i.cls:<17} {i.label}\n    {_one_line(i.sentence) or '(no sentence found)'}")
    return "\n".join(lines) + "\n"


def _one_line(text: str) -> str:
    return " ".join(text.split()).replace("\t", " ")
