"""Disagreeing figures: articles that give different values for one subject, indicator and year.

A *figure* is the part of an observation that says what was measured and where it was read:
``(subject, indicator, value, unit, year, source, begin)`` (the fields
:func:`kg.rdf.observation_key` hashes). :func:`find_conflicts` groups a corpus's figures by
subject, indicator as written, unit and year, and returns every group in which two articles
give different values. Figures without a year are never compared: two articles about
different years would look like a disagreement. Figures of one article are never compared
with each other either, since one article giving two values is a change or a breakdown, not a
disagreement (平均浓度为55微克/立方米 ... 其中城区为48微克/立方米).

Example:
    >>> a = ("division:140581", "优良天数", "300", "天", "2024", "article:a.txt:1", 10)
    >>> b = ("division:140581", "优良天数", "296", "天", "2024", "article:b.txt:1", 30)
    >>> [(c.subject, c.indicator, c.year, c.values) for c in find_conflicts([a, b])]
    [('division:140581', '优良天数', '2024', ('296', '300'))]
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

#: (subject, indicator, value, unit, year, source, begin): see the module docstring.
Figure = tuple[str, str, str, str, str, str, int]


class Conflict(NamedTuple):
    """One subject, indicator, unit and year for which articles give different values."""

    subject: str
    indicator: str
    unit: str
    year: str
    values: tuple[str, ...]  # the distinct values, as written, in numeric order
    figures: tuple[Figure, ...]  # every figure of the group, sorted

    @property
    def key(self) -> str:
        """Canonical key of the conflict node: one per subject, indicator, unit and year."""
        digest = hashlib.sha256("\0".join((self.indicator, self.unit, self.year)).encode("utf-8")).hexdigest()
        return f"conflict:{self.subject}:{digest[:16]}"

    @property
    def label(self) -> str:
        """A short name for people, e.g. ``优良天数 2024：296 / 300 天``."""
        return f"{self.indicator} {self.year}：{' / '.join(self.values)} {self.unit}".rstrip()


def _number(value: str) -> Decimal | None:
    try:
        return Decimal(value)
    except InvalidOperation:
        return None


def find_conflicts(figures: Iterable[Figure], subjects: set[str] | dict | None = None) -> list[Conflict]:
    """The groups of `figures` in which two articles disagree, sorted by key.

    Args:
        figures: Figures of any number of articles (duplicates are ignored).
        subjects: Only figures about these subjects count (the entities the graph holds).
    """
    groups: dict[tuple[str, str, str, str], set[Figure]] = defaultdict(set)
    for figure in figures:
        subject, indicator, value, unit, year, _source, _begin = figure
        if year and (subjects is None or subject in subjects) and _number(value) is not None:
            groups[subject, indicator, unit, year].add(figure)
    conflicts = []
    for (subject, indicator, unit, year), group in groups.items():
        per_article: dict[str, set[Decimal]] = defaultdict(set)  # article -> the values it gives
        written: dict[Decimal, str] = {}
        for figure in group:
            number = _number(figure[2])
            per_article[figure[5]].add(number)
            written[number] = min(written.get(number, figure[2]), figure[2])
        if len({frozenset(values) for values in per_article.values()}) < 2:
            continue  # one article, or every article gives the same values
        conflicts.append(Conflict(subject, indicator, unit, year, tuple(written[n] for n in sorted(written)),
                                  tuple(sorted(group))))
    return sorted(conflicts, key=lambda conflict: conflict.key)
