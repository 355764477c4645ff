"""Laws, regulations and named documents."""

from __future__ import annotations

import re

from kg.nlp.recognizers.base import CN_DIGITS, Candidate, Context, values_of
from kg.nlp.recognizers.measures import patterns_of

# a title's period in brackets after its kind: 规划（2021-2035年）, 方案(2023—2025年)
PERIOD_RE = re.compile(r"[（(]\d{4}\s*[-—–－~至]\s*\d{4}年?[)）]$")
COUNTED_RULES_RE = re.compile(rf"[{CN_DIGITS}]条$")  # 行为规范十条, 大气十条


def recognize_regulations(ctx: Context) -> list[Candidate]:
    """《…》 titles ending in 条例/办法/规定/清单/方案/规划…, with their 以下简称 aliases."""
    text = ctx.text
    suffixes = values_of("regulation_suffix")
    out = []
    short_for: dict[str, Candidate] = {}
    for m in re.finditer(r"《([^《》\n]{2,60})》", text):
        title = m.group(1)
        bare = PERIOD_RE.sub("", title)
        if not (bare.endswith(suffixes) or bare.endswith(patterns_of("regulation_suffix_more"))
                or COUNTED_RULES_RE.search(bare)):
            continue
        if title in short_for:
            c = short_for[title]
            out.append(Candidate(title, "Regulation", m.start(1), m.end(1), {"alias_of": c}))
            continue
        cand = Candidate(title, "Regulation", m.start(1), m.end(1), {"aliases": [bare] if bare != title else []})
        out.append(cand)
        alias = re.match(r"[（(]以下简称《?([^》）)]{1,20})》?[）)]", text[m.end():])
        if alias:
            short_for[alias.group(1)] = cand
            cand.attrs["aliases"].append(alias.group(1))
    return out
