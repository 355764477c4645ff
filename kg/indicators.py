"""The envkg indicator scheme: file the phrases articles use under a small set of normalised indicators.

    >>> classify("国考断面优良水体比例").id
    'good_water_ratio'
    >>> classify("PM2.5年均浓度").en
    'PM2.5 concentration'
    >>> classify("参训人员") is None
    True
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kg.lexicon import read_tsv
from kg.normalize import nfkc


@dataclass(frozen=True)
class Concept:
    """A normalised indicator of the scheme."""

    id: str
    zh: str
    en: str
    unit: str
    domain: str
    match: tuple[tuple[str, ...], ...]  # all slots must occur; any word of a slot will do

    def matches(self, phrase: str) -> bool:
        """True when every slot of the concept has a word in the phrase."""
        return all(any(word in phrase for word in slot) for slot in self.match)


@lru_cache(maxsize=1)
def scheme() -> tuple[Concept, ...]:
    """The concepts, in file order (first match wins)."""
    out = []
    for row in read_tsv("lexicons/indicators.tsv"):
        slots = tuple(tuple(nfkc(w) for w in slot.split("|") if w) for slot in row["match"].split("+"))
        out.append(Concept(row["id"], row["zh"], row["en"], row["unit"], row["domain"], slots))
    return tuple(out)


@lru_cache(maxsize=1 << 14)
def classify(phrase: str) -> Concept | None:
    """The concept an indicator phrase belongs to, or None (cached: a corpus repeats its phrases)."""
    phrase = nfkc(phrase)
    return next((c for c in scheme() if c.matches(phrase)), None)
