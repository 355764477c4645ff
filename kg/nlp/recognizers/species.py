"""Species from the wildlife list."""

from __future__ import annotations

from kg import lexicon
from kg.nlp.recognizers.base import Candidate, Context, scan


def recognize_species(ctx: Context) -> list[Candidate]:
    """Species from the wildlife list (generic words such as 候鸟 are left out)."""
    names = lexicon.species()
    return [Candidate(name, "Species", s, e, {"canonical": names[name]}) for s, e, name in scan(ctx.text, names, 8)
            if ctx.at_token_boundary(s, e)]  # 人参 is no plant inside 党员干部人参…
