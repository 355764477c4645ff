"""Named governance measures and campaigns."""

from __future__ import annotations

import re

from kg import lexicon
from kg.nlp.recognizers.base import (
    Candidate,
    Context,
    HAN_CHAR_RE,
    PLACE_CLASSES,
    PLAN_NAME_RE,
    literal,
    value_set,
    values_of,
)
from kg.nlp.text import is_han, quoted_spans


COMPOUND_MEASURE_RE = re.compile(r"化(?:精准)?(?:管控|监管)(?:措施|模式)?(?!方案|清单)")


def recognize_measures(ctx: Context) -> list[Candidate]:
    """Governance measures: quoted terms that are put to work, and X化(精准)?管控/监管 forms."""
    text = ctx.text
    patterns = lexicon.name_patterns()
    suffixes = [v for v, _ in patterns["measure_suffix"]]
    before_verbs = [v for v, _ in patterns["measure_verb_before"]]
    after_verbs = [v for v, _ in patterns["measure_verb_after"]]
    stop = value_set("measure_stop")
    out = []
    for m in COMPOUND_MEASURE_RE.finditer(text):
        start = next((m.start() - n for n in (2, 1) if m.start() - n in ctx.token_starts
                      and is_han(text[m.start() - n:m.start()])), None)
        if start is not None:
            out.append(Candidate(text[start:m.end()], "Measure", start, m.end(), {}))
    for start, end, term in quoted_spans(text):
        if term in stop or len(term) > 30 or PLAN_NAME_RE.search(term) or "《" in term:
            continue
        after = text[end + 1:end + 8]
        before = text[max(0, start - 6):start - 1]
        suffix = next((s for s in suffixes if after.startswith(s)), "")
        is_measure = ("+" in term or bool(suffix) or any(before.endswith(v) for v in before_verbs)
                      or any(after.startswith(v) for v in after_verbs))
        if not is_measure or not HAN_CHAR_RE.search(term):
            continue
        if any(c.start == start and c.end == end and c.cls in PLACE_CLASSES for c in ctx.found):
            continue  # 深化“红旗渠”沿线生态保护: a quoted place is no measure
        follower = next((c for c in out if c.start == end + 1), None)
        if follower is not None:
            follower.attrs.setdefault("aliases", []).append(term)
            continue
        attrs = {"aliases": [term + suffix]} if suffix else {}
        out.append(Candidate(term, "Measure", start, end, attrs))
    for name in values_of("measure_unquoted"):
        for m in literal(name).finditer(text):
            if not any(c.start <= m.start() < c.end for c in out):
                out.append(Candidate(name, "Measure", m.start(), m.end(), {}))
    out.extend(_campaigns(ctx, before_verbs, out))
    return out


def _after_verb(text: str, end: int, verbs, window: int, stops: str) -> int | None:
    """Just after the last of `verbs` in the `window` characters before `end`, with none of `stops`
    in between (召开|2024年全市生态环境保护工作会议); None when no verb is there."""
    start = None
    for verb in verbs:
        pos = text.rfind(verb, max(0, end - window), end)
        if pos >= 0 and not any(ch in text[pos:end] for ch in stops):
            start = pos + len(verb) if start is None else max(start, pos + len(verb))
    return start


def _names_one(stem: str, generic_kind: str) -> bool:
    """Whether a name's stem says which one, not only what kind (专题会议, 专项整治行动 do not)."""
    for word in values_of(generic_kind):
        stem = stem.replace(word, "")
    return len(stem) >= 2


YEAR_PREFIX_RE = re.compile(r"^(?:19|20)\d{2}年(?:度)?")


def _campaigns(ctx: Context, verbs: list[str], found: list[Candidate]) -> list[Candidate]:
    """Unquoted campaigns: the words between a verb and a campaign ending (开展秦岭生态环境保护专项行动,
    启动2024年夏季臭氧污染防控攻坚行动), known also without the year they open with."""
    text = ctx.text
    out: list[Candidate] = []
    for suffix in values_of("campaign_suffix"):  # longest first
        for m in literal(suffix).finditer(text):
            if any(c.start < m.end() and m.start() < c.end for c in found + out):
                continue
            start = _after_verb(text, m.start(), verbs, window=30, stops="，。；！？、“”\n")
            if start is None or not _names_one(YEAR_PREFIX_RE.sub("", text[start:m.start()]), "campaign_generic"):
                continue  # 开展专项整治行动: what kind of campaign, not which one
            name = text[start:m.end()]
            bare = YEAR_PREFIX_RE.sub("", name)
            out.append(Candidate(name, "Measure", start, m.end(), {"aliases": [bare] if bare != name else []}))
    return out
