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


def merge_entities(old: Entity | None, new: Entity) -> Entity:
    """One entity from two views of it: labels united, first label kept (deterministically)."""
    if old is None:
        return new
    label = min(old.label, new.label, key=lambda s: (-len(s) if old.cls == "Bureau" else 0, s)) \
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
