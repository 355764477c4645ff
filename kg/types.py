"""Frozen records handed from stage to stage.

The facts themselves (mentions, entities, relations, observations) are named tuples: there are
millions of them in a large build, and a tuple is made, hashed and pickled in C.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


@dataclass(frozen=True)
class Document:
    """One input file, decoded and normalised."""

    source_file: str  # base file name, as the contract's envkg:sourceFile
    path: str
    text: str
    encoding: str


@dataclass(frozen=True)
class Skipped:
    """An input file that was not read, and why."""

    path: str
    reason: str


@dataclass(frozen=True)
class Article:
    """One news article inside a document (a newspaper page holds several)."""

    source_file: str
    index: int  # 1-based position in the document
    title: str
    text: str  # body text, reflowed; offsets of facts point into this string
    begin: int  # offset of the article in the document text
    end: int
    outlet: str = ""
    byline: tuple[str, ...] = ()
    date: str = ""  # as written, e.g. "4月3日"; ISO when the year is known


class Mention(NamedTuple):
    """A surface form of an entity in an article's text."""

    text: str
    cls: str  # contract class local name, e.g. "Bureau"
    start: int
    end: int
    key: str  # canonical key, unique per real entity (see kg.rdf.mint_iri)
    label: str  # canonical (preferred) label


class Entity(NamedTuple):
    """One real entity with its canonical key and labels."""

    key: str
    cls: str
    label: str
    aliases: tuple[str, ...] = ()
    admin_code: str = ""
    lon: float | None = None
    lat: float | None = None
    extracted: bool = True  # False: only known from a gazetteer (no mention)


class Relation(NamedTuple):
    """A direct relation between two entities, with where it came from."""

    subject: str  # entity key
    predicate: str  # contract relation local name, e.g. "partOf"
    object: str
    evidence: str = ""  # the sentence, when read from text
    begin: int = -1  # sentence offsets in the article text
    end: int = -1
    source: str = ""  # article id when read from text, gazetteer name otherwise


class Observation(NamedTuple):
    """A number an article reports about a subject."""

    subject: str  # entity key
    indicator: str
    value: str  # decimal as written, e.g. "1.4"
    unit: str
    year: str = ""
    evidence: str = ""
    begin: int = -1
    end: int = -1
    source: str = ""


@dataclass
class ArticleFacts:
    """Everything extracted from one article."""

    article: Article
    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
