"""Run the NLP pipeline over articles and merge what each article says into one set of facts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.language import Language

from kg.types import Article, ArticleFacts, Document, Entity, Observation, Relation


def article_id(article: Article) -> str:
    """The id facts use for an article: ``article:<file>:<n>``."""
    return f"article:{article.source_file}:{article.index}"


def extract_articles(nlp: Language, articles: Iterable[Article], batch_size: int = 16) -> Iterator[ArticleFacts]:
    """Run the pipeline over articles (``nlp.pipe``) and yield what each one says."""
    articles = list(articles)

    def docs():
        for article in articles:
            doc = nlp.make_doc(article.text)
            doc._.article = article
            yield doc

    for article, doc in zip(articles, nlp.pipe(docs(), batch_size=batch_size)):
        linked = doc._.linked
        yield ArticleFacts(article=article, entities=dict(linked.entities), mentions=list(linked.mentions),
                           relations=list(doc._.relations), observations=list(doc._.observations))


@dataclass
class Facts:
    """Everything extracted from a corpus, merged by canonical key."""

    documents: dict[str, Document] = field(default_factory=dict)
    articles: dict[str, Article] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    mentioned_in: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    relations: set[Relation] = field(default_factory=set)
    observations: set[Observation] = field(default_factory=set)
    figures: set[tuple] = field(default_factory=set)  # kg.conflicts.Figure of every observation
    # the SharedFacts tuples merged so far, by kind (hashing a tuple is done in C, a dataclass in Python)
    _merged: dict[str, set[tuple]] = field(default_factory=lambda: defaultdict(set), repr=False)

    def add_article(self, facts: ArticleFacts) -> None:
        """Merge one article's facts."""
        aid = article_id(facts.article)
        self.articles[aid] = facts.article
        for key, ent in facts.entities.items():
            self.entities[key] = merge_entities(self.entities.get(key), ent)
        for m in facts.mentions:
            self.mentioned_in[m.key].add(aid)
        self.relations.update(facts.relations)
        self.observations.update(facts.observations)
        self.figures.update(figure(obs) for obs in facts.observations)

    def add_shared(self, document: Document, shared: SharedFacts) -> None:
        """Merge a document's :class:`SharedFacts` (its own subjects are serialised elsewhere)."""
        self.documents[document.source_file] = document
        for article in shared.articles:
            self.articles[article_id(article)] = article
        seen = self._merged  # records are made only for tuples not merged before
        new = set(shared.entities) - seen["entities"]  # merging a view of an entity again changes nothing
        seen["entities"] |= new
        for fields in new:  # one view per key in a document: the order does not matter
            self.entities[fields[0]] = merge_entities(self.entities.get(fields[0]), Entity(*fields))
        for key, aid in shared.mentions:
            self.mentioned_in[key].add(aid)
        new = set(shared.relations) - seen["relations"]
        seen["relations"] |= new
        self.relations.update(Relation(*fields) for fields in new)
        new = set(shared.indicators) - seen["indicators"]
        seen["indicators"] |= new
        self.observations.update(Observation(subject, indicator, "", "") for subject, indicator in new)
        self.figures.update(shared.figures)


@dataclass
class SharedFacts:
    """What the shared subjects of the graph (entities, indicators, gazetteer statements) need
    from one document, once the document's own subjects are serialised (:mod:`kg.rdf`).

    Plain tuples, without evidence sentences: small to keep for a whole corpus, and quick to
    pickle to and from workers and the cache.
    """

    articles: list[Article]
    entities: list[tuple]  # Entity fields
    mentions: list[tuple[str, str]]  # (entity key, article id)
    relations: list[tuple]  # Relation fields; a relation read from text keeps only subject, predicate, object
    indicators: list[tuple[str, str]]  # (observation subject, indicator)
    figures: list[tuple]  # kg.conflicts.Figure of each observation, for the disagreements across articles


def figure(obs: Observation) -> tuple:
    """The :data:`kg.conflicts.Figure` of an observation."""
    return obs.subject, obs.indicator, obs.value, obs.unit, obs.year, obs.source, obs.begin


def _fields(record) -> tuple:
    """A record's field values, in order, as a plain tuple."""
    return tuple(record)


def shared_facts(articles: list[ArticleFacts]) -> SharedFacts:
    """The :class:`SharedFacts` of a document's extracted articles."""
    entities: dict[str, Entity] = {}
    for item in articles:
        for key, ent in item.entities.items():
            entities[key] = merge_entities(entities.get(key), ent)
    mentions = {(m.key, article_id(item.article)) for item in articles for m in item.mentions}
    relations = {_fields(rel) if rel.source.startswith("gazetteer:") else (rel.subject, rel.predicate, rel.object)
                 for item in articles for rel in item.relations}
    indicators = {(obs.subject, obs.indicator) for item in articles for obs in item.observations}
    figures = {figure(obs) for item in articles for obs in item.observations}
    return SharedFacts([item.article for item in articles],
                       [_fields(entities[key]) for key in sorted(entities)], sorted(mentions),
                       sorted(relations), sorted(indicators), sorted(figures))


#: Classes whose node is labelled with the longest of its labels: a bureau's or a project's name in full.
LONGEST_LABEL_CLASSES = frozenset(("Bureau", "Project"))


def merge_entities(old: Entity | None, new: Entity) -> Entity:
    """One entity from two views of it: labels united, the first in code-point order kept (the longest for
    :data:`LONGEST_LABEL_CLASSES`), so the label is the same in any order of articles."""
    if old is None:
        return new
    label = min(old.label, new.label, key=lambda s: (-len(s) if old.cls in LONGEST_LABEL_CLASSES else 0, s)) \
        if old.label != new.label else old.label
    aliases = (set(old.aliases) | set(new.aliases) | {old.label, new.label}) - {label}
    return Entity(key=old.key, cls=old.cls, label=label, aliases=tuple(sorted(aliases)),
                  admin_code=old.admin_code or new.admin_code, lon=old.lon if old.lon is not None else new.lon,
                  lat=old.lat if old.lat is not None else new.lat, extracted=old.extracted or new.extracted)


def collect_facts(documents: Iterable[Document], article_facts: Iterable[ArticleFacts]) -> Facts:
    """Merge documents and per-article facts into one :class:`Facts`."""
    facts = Facts()
    for document in documents:
        facts.documents[document.source_file] = document
    for item in article_facts:
        facts.add_article(item)
    return facts
