"""The country: one node (envkg:Country, key ``country:CN``) that nationwide figures are about.

    >>> [(c.text, c.start) for c in recognize_country_text("我国森林覆盖率达24%，建设美丽中国。")]
    [('我国', 0)]
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.lexicon import read_tsv
from kg.nlp.recognizers.base import Candidate

COUNTRY_KEY = "country:CN"
COUNTRY_CLASS = "Country"


@lru_cache(maxsize=1)
def _forms() -> dict[str, tuple[str, ...]]:
    """kind -> forms, from data/gazetteers/country.tsv."""
    out: dict[str, list[str]] = {}
    for row in read_tsv("gazetteers/country.tsv"):
        out.setdefault(row["kind"], []).append(row["form"])
    return {k: tuple(v) for k, v in out.items()}


def country_label() -> str:
    """The country node's prefLabel (中国)."""
    return _forms()["pref"][0]


def country_aliases() -> tuple[str, ...]:
    """The country node's altLabels (全国, 我国, 中华人民共和国)."""
    return _forms().get("alt", ())


def _alternation(words) -> str:
    """The words as a regular-expression alternation, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _form_re() -> re.Pattern:
    return re.compile(_alternation((*_forms()["pref"], *country_aliases())))


def recognize_country_text(text: str):
    """Mentions of the country in a text (not inside a slogan such as 美丽中国)."""

    blocked = _forms().get("not_after", ())
    found = [Candidate(m.group(), COUNTRY_CLASS, m.start(), m.end(), {"key": COUNTRY_KEY})
             for m in _form_re().finditer(text) if not text.endswith(blocked, 0, m.start())]
    found += [Candidate(m.group(), COUNTRY_CLASS, m.start(), m.end(), {"key": COUNTRY_KEY})
              for m in _agent_re().finditer(text)]  # 国家有关部门已经下达…: the country acts
    return sorted(found, key=lambda c: c.start)


@lru_cache(maxsize=1)
def _agent_re() -> re.Pattern:
    forms, follow = _forms().get("agent", ()), _forms().get("agent_follow", ())
    if not forms or not follow:
        return re.compile("(?!)")
    return re.compile(f"(?:{_alternation(forms)})(?=(?:{_alternation(follow)}))")


def recognize_country(ctx) -> list:
    """The recogniser (``kg.nlp.recognize.RECOGNIZERS``): mentions of the country that are whole
    words (not 全国 inside 完全国产)."""
    agents = _forms().get("agent", ())
    return [c for c in recognize_country_text(ctx.text) if ctx.at_token_boundary(c.start, c.end)
            or c.text in agents and c.start in ctx.token_starts]  # 国家有关|部门: jieba keeps 国家有关 whole
