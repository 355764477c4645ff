"""Named meetings, inspection rounds and plenums."""

from __future__ import annotations

import re

from kg import lexicon
from kg.nlp.recognizers.base import CN_DIGITS, Candidate, Context, literal, scan, values_of
from kg.nlp.recognizers.measures import _after_verb, _names_one
from kg.nlp.text import FUNCTION_CHARS


_ROUND = re.compile(rf"(第[{CN_DIGITS}\d]+轮)?((?:中央|省级?)(?:第[{CN_DIGITS}]+)?(?:生态环境保护|环境保护|环保))督察(组)?")
_PROVINCE_TEAM = re.compile(rf"第[{CN_DIGITS}]+(?:生态环境保护|环境保护|环保)督察组")
_PLENARY = re.compile(rf"[{CN_DIGITS}]+届[{CN_DIGITS}]+次(?:全体会议|全会)")


def recognize_events(ctx: Context) -> list[Candidate]:
    """Meetings, plenums, trainings (by suffix after 举办/召开) and inspection rounds."""
    text = ctx.text
    out = []
    for m in _ROUND.finditer(text):
        ordinal, body, team = m.group(1) or "", m.group(2), m.group(3)
        if not team and text.startswith(("制度", "机制"), m.end()):
            continue  # 中央生态环境保护督察制度: the institution (a measure), not a round
        body = re.sub(rf"第[{CN_DIGITS}]+", "", body)  # 中央第三生态环境保护督察组: team 3 of the round
        canonical_body = re.sub("环保|环境保护", "生态环境保护", body) if "生态环境" not in body else body
        if team:
            out.append(Candidate(m.group(0), "GovernmentBody", m.start(), m.end(),
                                 {"canonical": canonical_body + "督察组", "ordinal": ordinal}))
        else:
            out.append(Candidate(m.group(0), "Event", m.start(), m.end(),
                                 {"canonical": ordinal + canonical_body + "督察", "ordinal": ordinal}))
    for province in ctx.of("Province"):
        m = _PROVINCE_TEAM.match(text, province.end)
        if m:
            name = text[province.start:m.end()]
            out.append(Candidate(name, "GovernmentBody", province.start, m.end(), {"canonical": name}))
    for m in _PLENARY.finditer(text):
        start = m.start()
        org = ctx.ending_at(start, "GovernmentBody")
        if org is not None:
            start = org.start
        out.append(Candidate(text[start:m.end()], "Event", start, m.end(), {"organizer": org}))
    for start, end, name in scan(text, lexicon.pattern_set("named_day"), max_len=10):
        out.append(Candidate(name, "Event", start, end, {}))
    verbs = values_of("event_verb")
    for suffix, _ in lexicon.name_patterns()["event_suffix"]:
        for m in literal(suffix).finditer(text):
            if any(c.start <= m.start() < c.end for c in out):
                continue
            # a quoted name right before the suffix: “…”专题培训班
            q = text.rfind("“", max(0, m.start() - 60), m.start())
            if q >= 0 and text[m.start() - 1] == "”" and "”" not in text[q:m.start() - 1]:
                start = q
            else:
                start = _after_verb(text, m.start(), verbs, window=40, stops="，。；！？\n")
                if start is None:
                    continue
                while start < m.start() and text[start] in FUNCTION_CHARS:
                    start += 1  # 主办的第十届…大会: the name starts after 的
            if m.end() - start < len(suffix) + 2 or not _names_one(text[start:m.start()], "event_generic"):
                continue  # 召开专题会议, 部常务会议: no name, only what kind of meeting it is
            out.append(Candidate(text[start:m.end()], "Event", start, m.end(), {}))
    return out
