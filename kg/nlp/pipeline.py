"""The NLP pipeline: ``spacy.blank("zh")`` with jieba (:mod:`kg.nlp.tokenizer`), plus envkg's registered components.

    >>> from kg.nlp.pipeline import make_nlp
    >>> nlp = make_nlp()
    >>> doc = nlp("晋城市生态环境局高平分局推行“首违不罚+警示教育”。")
    >>> sorted({e.cls for e in doc._.entities.values() if e.extracted})
    ['Bureau', 'County', 'Measure', 'Prefecture']
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Span

from kg import lexicon
from kg.errors import DataFileError
from kg.ingest import ISO_DATE_RE
from kg.nlp.extensions import register_extensions
from kg.nlp.link import link
from kg.nlp.observations import extract_observations
from kg.nlp.recognizers import Context, load_data, recognize
from kg.nlp.relations import extract_relations
from kg.nlp.tokenizer import create_jieba_tokenizer  # noqa: F401  (registers kg.JiebaTokenizer.v1)

COMPONENTS = ("kg_entity_recognizer", "kg_entity_linker", "kg_relation_extractor", "kg_observation_extractor")


def _source(doc: Doc) -> str:
    article = doc._.article
    return f"article:{article.source_file}:{article.index}" if article is not None else "article:-:0"


@Language.factory("kg_entity_recognizer", assigns=["doc._.candidates", "doc.spans"],
                  default_config={"version": "kg.EntityRecognizer.v1"})
def make_entity_recognizer(nlp: Language, name: str, version: str):
    """Recognise mentions by gazetteer, composition and suffix (``kg.EntityRecognizer.v1``)."""
    load_data()

    def recognize_component(doc: Doc) -> Doc:
        bounds = doc.to_array([IDX, LENGTH])  # per token: start offset, length (no Token objects: fast)
        starts = bounds[:, 0].tolist()
        ends = (bounds[:, 0] + bounds[:, 1]).tolist()
        byline = doc._.article.byline if doc._.article is not None else ()
        if doc._.text is None:  # a Doc not made by kg.JiebaTokenizer (which sets it)
            doc._.text = doc.text
        cands = recognize(Context(doc._.text, set(starts), set(ends), byline=byline))
        doc._.candidates = cands
        spans = []
        for c in cands:  # token span covering the mention ("expand" alignment)
            first = bisect_right(starts, c.start) - 1
            last = bisect_left(ends, c.end) + 1
            if 0 <= first < last <= len(doc):
                spans.append(Span(doc, first, last, label=c.cls))
        doc.spans["kg_mentions"] = spans
        return doc

    return recognize_component


@Language.factory("kg_entity_linker", requires=["doc._.candidates"], assigns=["doc._.linked", "doc._.entities"],
                  default_config={"version": "kg.EntityLinker.v1"})
def make_entity_linker(nlp: Language, name: str, version: str):
    """Link mentions to canonical entity keys (``kg.EntityLinker.v1``)."""

    def link_component(doc: Doc) -> Doc:
        article = doc._.article
        linked = link(doc._.candidates, title_end=len(article.title) if article is not None else 0)
        doc._.linked = linked
        doc._.entities = linked.entities
        return doc

    return link_component


@Language.factory("kg_relation_extractor", requires=["doc._.linked"], assigns=["doc._.relations"],
                  default_config={"version": "kg.RelationExtractor.v1"})
def make_relation_extractor(nlp: Language, name: str, version: str):
    """Relations from sentence patterns and name structure (``kg.RelationExtractor.v1``)."""

    def relation_component(doc: Doc) -> Doc:
        doc._.relations = extract_relations(doc._.text, doc._.candidates, doc._.linked, _source(doc))
        return doc

    return relation_component


@Language.factory("kg_observation_extractor", requires=["doc._.linked"], assigns=["doc._.observations"],
                  default_config={"version": "kg.ObservationExtractor.v1"})
def make_observation_extractor(nlp: Language, name: str, version: str):
    """Reported figures (``kg.ObservationExtractor.v1``)."""

    def observation_component(doc: Doc) -> Doc:
        article = doc._.article
        dated = article.date[:4] if article is not None and ISO_DATE_RE.match(article.date or "") else ""
        doc._.observations = extract_observations(doc._.text, doc._.candidates, doc._.linked, _source(doc),
                                                  default_year=dated)
        return doc

    return observation_component


def make_nlp(config_path: str | Path | None = None) -> Language:
    """Build the envkg pipeline from its config (``data/config/nlp.cfg``): blank Chinese with
    jieba, then the four components."""
    register_extensions()
    path = Path(config_path) if config_path else lexicon.data_path("config/nlp.cfg")
    if not path.exists():
        raise DataFileError(f"pipeline config missing: {path} (restore data/config/nlp.cfg from git)")
    nlp = spacy.util.load_model_from_config(spacy.util.load_config(path), auto_fill=True, validate=True)
    return nlp
