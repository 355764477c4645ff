"""Named places other than divisions and water: parks, mountains, scenic areas."""

from __future__ import annotations

from kg import lexicon
from kg.nlp.recognizers.base import ORG_CLASSES, Candidate, Context, literal, scan, stem_start, value_set, values_of


# a token of these tags ends before a name (下游|玛瑙河); numerals do not (万顷沙)
AFTER_TAGS = frozenset({"v", "vd", "d", "ad", "f", "p", "c"})


def recognize_landmarks(ctx: Context) -> list[Candidate]:
    """Scenic areas, parks, reserves, corridors (by suffix), mountains and regions (by list)."""
    text = ctx.text
    out = []
    names = lexicon.mountains_and_regions()
    for start, end, name in scan(text, names, max_len=10):
        out.append(Candidate(name, "Landmark", start, end, {"canonical": names[name]}))
    stop = value_set("water_stem_stop", "landmark_stem_stop")
    seen: set[int] = set()
    determiners = value_set("place_stem_determiner")
    measures = values_of("place_stem_measure")
    anonymous = values_of("place_stem_anonymous")
    lead, after = lexicon.lead_words(), lexicon.lead_words(AFTER_TAGS)  # 重塑|公园, 建立|国家公园: a verb opens no name
    orgs = ctx.of(*ORG_CLASSES)  # named by their role: 林业和草原局 holds no grassland
    for suffix, cls, min_stem in lexicon.landmark_suffixes():
        for m in literal(suffix).finditer(text):
            if m.end() in seen or any(o.start <= m.start() and m.end() <= o.end for o in orgs):
                continue
            start = stem_start(ctx, m.start(), max_len=6, min_len=max(2, min_stem), stop=stop, tail_stop=False,
                               lead_words=lead, after_words=after,
                                    function_bound=True)
            if start is None or text[start] in determiners or text.startswith(measures, start) \
                    or any(w in text[start:m.start()] for w in anonymous):
                continue  # 全市公园, 各类保护区, 某工业园
            if text[start:m.start()] in lead and text.count(text[start:m.end()]) < 2:
                continue  # 推行|草原, 擦亮|公园 once; a verb-like stem that recurs is a name
            seen.add(m.end())
            name = text[start:m.end()]
            out.append(Candidate(name, cls or "Landmark", start, m.end(), {"canonical": name}))
    return out
