"""Names an article has given once, found at their other occurrences."""

from __future__ import annotations

from kg.nlp.recognizers.base import Candidate, Context, literal

REPEATED_CLASSES = ("River", "Lake", "Reservoir", "Wetland", "Landmark")


def recognize_repeats(ctx: Context) -> list[Candidate]:
    """Every other occurrence of a place name the article has already given (墩子河是…支流 makes the
    墩子河 of 墩子河边 a mention too): a name read once in an article is a name throughout it.
    Names of three or more characters; a shorter one is too often part of a word."""
    text = ctx.text
    taken = {(c.start, c.end) for c in ctx.found}
    out = []
    for name, cls, attrs in sorted({(c.text, c.cls, tuple(sorted((k, v) for k, v in c.attrs.items()
                                                                 if k == "canonical"))) for c in ctx.found
                                    if c.cls in REPEATED_CLASSES and len(c.text) >= 3}):
        for m in literal(name).finditer(text):
            if (m.start(), m.end()) not in taken:
                out.append(Candidate(name, cls, m.start(), m.end(), dict(attrs) | {"repeat": True}))
    return out
