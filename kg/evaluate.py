"""Score a built graph against gold annotations (the project's own harness).

Gold files (``data/gold/*.json``) list a document's entities (types, name, aliases,
adminCode, optional), relations (s, p, o) and observations (subjects, keys, value,
units, year). The matching follows the graph contract: an entity counts when a node
mentioned in the document has a gold class and a label equal to the gold name or an
alias; a relation when both ends map; an observation when subject, an indicator key,
value, unit and year agree. Optional gold items are neutral.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal

from kg.errors import InputError
from kg.namespace import DCTERMS, ENVKG, PROV, RDF, RDFS, SKOS
from kg.normalize import label_key

ENTITY_CLASSES = ("Bureau", "GovernmentBody", "Organization", "Province", "Prefecture", "County", "Township",
                  "Village", "River", "Lake", "Reservoir", "Wetland", "MonitoringSection", "Landmark", "Project",
                  "Measure", "Regulation", "Event", "Person", "Species")
RELATIONS = ("partOf", "subOrganizationOf", "jurisdiction", "locatedIn", "flowsInto", "implementedBy", "targets",
             "headOf", "organizedBy", "about", "observedAt")


@dataclass(frozen=True)
class Score:
    """Precision, recall and F1 from counts."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Evaluation:
    """Scores of one document."""

    document: str
    entities: Score
    relations: Score
    observations: Score
    duplicates: int
    admin_codes: tuple[int, int]  # right, checked
    by_class: dict = field(default_factory=dict)  # contract class -> Score (gold's first type; a node's class)
    by_relation: dict = field(default_factory=dict)  # relation -> Score
    misses: tuple[str, ...] = ()  # one readable line per miss or false positive

    def summary(self) -> str:
        """One line, like the shared scorer's."""
        return (f"{self.document}: entity_f1={self.entities.f1:.3f} relation_f1={self.relations.f1:.3f} "
                f"observation_f1={self.observations.f1:.3f} duplicates={self.duplicates} "
                f"admin_codes={self.admin_codes[0]}/{self.admin_codes[1]}")


def _classes(graph: Graph) -> dict:
    """node -> contract class (subclasses declared in the graph count as their contract class)."""
    out = {}
    for name in ENTITY_CLASSES:
        todo, seen = [ENVKG[name]], set()
        while todo:
            cls = todo.pop()
            if cls in seen:
                continue
            seen.add(cls)
            todo.extend(graph.subjects(RDFS.subClassOf, cls))
            for node in graph.subjects(RDF.type, cls):
                out.setdefault(node, name)
    return out


def evaluate_document(graph: Graph, gold: dict) -> Evaluation:
    """Score the part of `graph` that comes from the gold file's document."""
    classes = _classes(graph)
    labels = defaultdict(set)
    for prop in (SKOS.prefLabel, SKOS.altLabel, RDFS.label):
        for s, o in graph.subject_objects(prop):
            labels[s].add(label_key(str(o)))
    docs = {d for d, f in graph.subject_objects(ENVKG.sourceFile) if Path(str(f)).name == gold["document"]}
    sources = set(docs) | {a for d in docs for a in graph.subjects(DCTERMS.isPartOf, d)}
    in_doc = {e for e, d in graph.subject_objects(ENVKG.mentionedIn) if d in sources and e in classes}
    ents = {e["id"]: e for e in gold["entities"]}
    by_label = defaultdict(set)
    for e in gold["entities"]:
        for name in (e["name"], *e.get("aliases", ())):
            by_label[label_key(name)].add(e["id"])

    def gold_ids(node, check_class=True):
        ids = set().union(*(by_label.get(label, set()) for label in labels[node])) if labels[node] else set()
        return {i for i in ids if not check_class or classes.get(node) in ents[i]["types"]}

    matched = defaultdict(list)
    fp = 0
    misses: list[str] = []
    class_counts = defaultdict(lambda: [0, 0, 0])  # class -> tp, fp, fn
    for node in in_doc:
        ids = gold_ids(node)
        fp += not ids
        if not ids:
            class_counts[classes[node]][1] += 1
            misses.append(f"spurious entity {classes[node]:<17} {_display(graph, node)}")
        for i in ids:
            matched[i].append(node)
    required = [i for i, e in ents.items() if not e.get("optional")]
    for i in required:
        class_counts[ents[i]["types"][0]][0 if matched[i] else 2] += 1
        if not matched[i]:
            misses.append(f"missed entity   {ents[i]['types'][0]:<17} {ents[i]['name']}")
    entities = Score(sum(bool(matched[i]) for i in required), fp, sum(not matched[i] for i in required))
    duplicates = sum(len(nodes) - 1 for nodes in matched.values() if len(nodes) > 1)
    coded = [i for i in required if "adminCode" in ents[i] and matched[i]]
    right = sum(any(str(c)[:6] == ents[i]["adminCode"][:6] for n in matched[i] for c in graph.objects(n, ENVKG.adminCode))
                for i in coded)
    gold_rel = {(r["s"], r["p"], r["o"]): r.get("optional", False) for r in gold["relations"]}
    derived = defaultdict(set)  # (s, p, o) -> where its statements say it came from
    for st in graph.subjects(RDF.type, RDF.Statement):
        triple = (graph.value(st, RDF.subject), graph.value(st, RDF.predicate), graph.value(st, RDF.object))
        derived[triple] |= set(graph.objects(st, PROV.wasDerivedFrom))
    hit, fp_rel = set(), 0
    rel_counts = defaultdict(lambda: [0, 0, 0])
    for name in RELATIONS:
        for s, o in graph.subject_objects(ENVKG[name]):
            if s not in in_doc or o not in classes:
                continue
            origin = derived.get((s, ENVKG[name], o))
            if origin and not origin & sources and o not in in_doc:
                continue  # read elsewhere (another document, a gazetteer) about something this one never names
            keys = {(a, name, b) for a in gold_ids(s) for b in gold_ids(o, check_class=o in in_doc)} & set(gold_rel)
            if keys:
                hit |= {k for k in keys if not gold_rel[k]}
            else:
                fp_rel += 1
                rel_counts[name][1] += 1
                misses.append(f"spurious rel.   {_display(graph, s)} -{name}-> {_display(graph, o)}")
    req_rel = [k for k, optional in gold_rel.items() if not optional]
    for k in req_rel:
        rel_counts[k[1]][0 if k in hit else 2] += 1
        if k not in hit:
            misses.append(f"missed relation {ents[k[0]]['name']} -{k[1]}-> {ents[k[2]]['name']}")
    relations = Score(len(hit), fp_rel, len([k for k in req_rel if k not in hit]))
    observations = _score_observations(graph, gold, sources, gold_ids, misses)
    misses += [f"duplicate nodes {ents[i]['name']}: {', '.join(sorted(_display(graph, n) for n in nodes))}"
               for i, nodes in sorted(matched.items()) if len(nodes) > 1]
    return Evaluation(gold["document"], entities, relations, observations, duplicates, (right, len(coded)),
                      {c: Score(*v) for c, v in sorted(class_counts.items())},
                      {r: Score(*v) for r, v in sorted(rel_counts.items())}, tuple(misses))


def _display(graph: Graph, node) -> str:
    label = graph.value(node, SKOS.prefLabel)
    return str(label) if label is not None else str(node)


def _score_observations(graph: Graph, gold: dict, sources: set, gold_ids, misses: list[str]) -> Score:
    used, fp = set(), 0
    golds = gold.get("observations", [])
    for obs in graph.subjects(RDF.type, ENVKG.Observation):
        if not set(graph.objects(obs, ENVKG.mentionedIn)) & sources:
            continue
        indicator = graph.value(obs, ENVKG.indicator)
        ind_labels = {label_key(str(o)) for o in graph.objects(indicator, SKOS.prefLabel)} if indicator else set()
        ind_labels |= {label_key(str(o)) for o in graph.objects(indicator, SKOS.altLabel)} if indicator else set()
        unit = graph.value(obs, ENVKG.unit)
        year = graph.value(obs, ENVKG.year)
        subject = graph.value(obs, ENVKG.subject)
        try:
            value = float(graph.value(obs, ENVKG.value))
        except (TypeError, ValueError):
            fp += 1
            continue
        subjects = gold_ids(subject, check_class=False) if subject is not None else set()
        match = None
        for k, g in enumerate(golds):
            if (abs(g["value"] - value) <= 1e-6 * max(1.0, abs(value))
                    and label_key(str(unit) if isinstance(unit, Literal) else "") in {label_key(u) for u in g["units"]}
                    and subjects & set(g["subjects"])
                    and any(label_key(key) in lab for key in g["keys"] for lab in ind_labels)
                    and (not g.get("year") or (year is not None and str(year)[:4] == str(g["year"])))):
                match = k
                if not g.get("optional") and k not in used:
                    break
        if match is None:
            fp += 1
            misses.append(f"spurious obs.   {_display(graph, indicator) if indicator is not None else '?'} = "
                          f"{graph.value(obs, ENVKG.value)} {unit or ''} ({_display(graph, subject) if subject else '?'})")
        elif not golds[match].get("optional"):
            used.add(match)
    required = [k for k, g in enumerate(golds) if not g.get("optional")]
    misses += [f"missed obs.     {golds[k]['indicator']} = {golds[k]['value']} {golds[k]['units'][0]}"
               for k in required if k not in used]
    return Score(len(used), fp, len([k for k in required if k not in used]))


def evaluate(graph_path: str | Path, gold_dir: str | Path) -> list[Evaluation]:
    """Score a graph file against every gold file whose document it holds.

    Raises:
        InputError: the graph or the gold folder is missing.
    """
    gold_dir = Path(gold_dir)
    if not Path(graph_path).exists():
        raise InputError(f"graph not found: {graph_path} (run kg build first)")
    if not gold_dir.is_dir():
        raise InputError(f"gold folder not found: {gold_dir}")
    graph = Graph().parse(str(graph_path))
    names = {Path(str(f)).name for f in graph.objects(None, ENVKG.sourceFile)}
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(gold_dir.glob("*.json"))]
    return [evaluate_document(graph, g) for g in golds if g["document"] in names]


HALVES = ("A", "B")


def half_of(document: str) -> str:
    """The dev set's half of a document: A for an odd leading number (23_…), B for an even one.

    >>> half_of("23_crud_20230815.txt"), half_of("44_xwlb_cd_20240815.txt")
    ('A', 'B')
    """
    digits = document[:len(document) - len(document.lstrip("0123456789"))]
    if not digits:
        raise InputError(f"gold document {document!r} has no leading number to tell its half (e.g. 23_…)")
    return "A" if int(digits) % 2 else "B"


@dataclass(frozen=True)
class Summary:
    """Scores summed over documents (one half of the dev set, or all of it)."""

    documents: int
    entities: Score
    relations: Score
    observations: Score
    duplicates: int
    by_class: dict
    by_relation: dict


def summarize(results: list[Evaluation]) -> Summary:
    """Sum the counts of several documents' evaluations."""
    def total(scores) -> Score:
        scores = list(scores)
        return Score(sum(x.tp for x in scores), sum(x.fp for x in scores), sum(x.fn for x in scores))

    def merged(attr: str) -> dict:
        keys = sorted({k for r in results for k in getattr(r, attr)})
        return {k: total(getattr(r, attr)[k] for r in results if k in getattr(r, attr)) for k in keys}

    return Summary(len(results), total(r.entities for r in results), total(r.relations for r in results),
                   total(r.observations for r in results), sum(r.duplicates for r in results),
                   merged("by_class"), merged("by_relation"))


def by_half(results: list[Evaluation]) -> dict[str, Summary]:
    """The summary of each half of the dev set that has documents."""
    out = {}
    for half in HALVES:
        part = [r for r in results if half_of(r.document) == half]
        if part:
            out[half] = summarize(part)
    return out


def score_table(title: str, scores: dict) -> list[str]:
    """A fixed-width table of P/R/F1 and counts, one row per key."""
    lines = [f"  {title:<18} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
    for name, sc in scores.items():
        lines.append(f"  {name:<18} {sc.precision:6.3f} {sc.recall:6.3f} {sc.f1:6.3f} {sc.tp:5d} {sc.fp:5d} {sc.fn:5d}")
    return lines


def half_report(half: str, summary: Summary) -> list[str]:
    """The printed report of one half: totals, then the per-class and per-relation tables."""
    lines = [f"== half {half}: {summary.documents} documents",
             *score_table("total", {"entities": summary.entities, "relations": summary.relations,
                                    "observations": summary.observations}),
             f"  duplicates: {summary.duplicates}", "",
             *score_table("class", summary.by_class), "",
             *score_table("relation", summary.by_relation), ""]
    return lines


def misses_report(results: list[Evaluation]) -> str:
    """Every miss and false positive, grouped by half and document."""
    lines = []
    for r in sorted(results, key=lambda r: (half_of(r.document), r.document)):
        lines.append(f"== {half_of(r.document)} {r.document}")
        lines.extend(f"  {m}" for m in sorted(r.misses))
    return "\n".join(lines) + "\n"
