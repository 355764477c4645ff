"""Laws, regulations and named documents."""

from __future__ import annotations

import re

from kg.nlp.recognizers.base import Candidate, Context, values_of


def recognize_regulations(ctx: Context) -> list[Candidate]:
    """《…》 titles ending in 条例/办法/规定/清单/方案/规划…, with their 以下简称 aliases."""
    text = ctx.text
    suffixes = values_of("regulation_suffix")
    out = []
    short_for: dict[str, Candidate] = {}
    for m in re.finditer(r"《([^《》\n]{2,60})》", text):
        title = m.group(1)
        if not title.endswith(suffixes):
            continue
        if title in short_for:
            c = short_for[title]
            out.append(Candidate(title, "Regulation", m.start(1), m.end(1), {"alias_of": c}))
            continue
        cand = Candidate(title, "Regulation", m.start(1), m.end(1), {})
        out.append(cand)
        alias = re.match(r"[（(]以下简称《?([^》）)]{1,20})》?[）)]", text[m.end():])
        if alias:
            short_for[alias.group(1)] = cand
            cand.attrs["aliases"] = [alias.group(1)]
    return out
