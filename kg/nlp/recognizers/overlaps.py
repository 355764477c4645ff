"""Resolve overlapping mentions: nested mentions of another kind stay, same-family ones go."""

from __future__ import annotations

from bisect import bisect_right

from kg.nlp.recognizers.base import Candidate, DIVISION_CLASSES, ORG_CLASSES, WATER_CLASSES

OPAQUE_TO = WATER_CLASSES + ("Landmark",)


def top_level(cands: list[Candidate]) -> list[Candidate]:
    """The mentions not inside another one (a sweep over spans sorted by start, longest first)."""
    out, max_end, max_span = [], -1, (-1, -1)
    for c in sorted(cands, key=lambda c: (c.start, c.start - c.end)):
        if c.end <= max_end and (c.start, c.end) != max_span:
            continue
        out.append(c)
        if c.end > max_end:
            max_end, max_span = c.end, (c.start, c.end)
    return out


def _family(cls: str) -> str:
    if cls in DIVISION_CLASSES:
        return "division"
    if cls in ORG_CLASSES:
        return "org"
    return cls  # places of different classes nest: 丹河 in 丹河断面, 昌源河 in 昌源河国家湿地公园


def resolve_overlaps(cands: list[Candidate]) -> list[Candidate]:
    """Drop mentions covered by a longer one of the same family, and partial overlaps of the shorter.

    Division names are atomic: nothing else is read inside them (浙江 in 浙江省 is no river); the
    names of companies and institutes hold no water or landmark.
    """
    inside_division = _covered_by([c for c in cands if c.cls in DIVISION_CLASSES])
    cands = [c for c in cands if c.cls in DIVISION_CLASSES or not inside_division(c)]
    # a company's or institute's name is opaque to water and landmarks: 紫金山 in 紫金山实验室, 梨园河 in
    # 梨园河煤矿有限公司 name no place of the article (the divisions in them still do: 北京林业大学)
    # and so is a person's (钱苏南 holds no region 苏南)
    inside_opaque = _covered_by([c for c in cands if c.attrs.get("opaque") or c.cls == "Person"])
    cands = [c for c in cands if c.cls not in OPAQUE_TO or not inside_opaque(c)]
    cands = sorted(cands, key=lambda c: (c.start, -(c.end - c.start), c.cls))
    keep: list[Candidate] = []
    for c in cands:
        clash = False
        for k in keep:
            if k.end <= c.start or c.end <= k.start:
                continue
            if k.contains(c) and _family(k.cls) != _family(c.cls):
                continue  # nested mention of another kind
            if (k.start, k.end) == (c.start, c.end) and k.cls != c.cls:
                clash = True
                break
            if k.contains(c) or (k.start, k.end) == (c.start, c.end):
                clash = True
                break
            if c.contains(k):
                continue
            clash = True  # partial overlap: the earlier, longer one wins
            break
        if not clash:
            keep.append(c)
    # a kept mention may now contain earlier-kept same-family shorter ones: remove those
    families: dict[str, list[Candidate]] = {}
    for c in keep:
        families.setdefault(_family(c.cls), []).append(c)
    contained = {id(c) for members in families.values() for c in _contained(members)}
    final = [c for c in keep if id(c) not in contained]
    return sorted(final, key=lambda c: (c.start, c.end, c.cls))


def _covered_by(spans: list[Candidate]):
    """A test: is a candidate's span within one of these spans?

    Sorted by start, with the furthest end reached so far: some span starting at or before the
    candidate covers it exactly when that furthest end reaches the candidate's end.
    """
    ordered = sorted(spans, key=lambda c: c.start)
    starts = [c.start for c in ordered]
    reach, furthest = [], -1
    for c in ordered:
        furthest = max(furthest, c.end)
        reach.append(furthest)

    def covered(c: Candidate) -> bool:
        i = bisect_right(starts, c.start)
        return i > 0 and reach[i - 1] >= c.end

    return covered


def _contained(spans: list[Candidate]) -> list[Candidate]:
    """The spans that another, different span contains (Candidate.contains), in one sweep.

    In (start, longest first) order everything that can contain a span comes before it, and
    equal spans are neighbours: a span is contained when something before its run of equals
    reaches its end.
    """
    out, furthest, before_run, run = [], -1, -1, None
    for c in sorted(spans, key=lambda c: (c.start, -c.end)):
        if (c.start, c.end) != run:
            run, before_run = (c.start, c.end), furthest
        if before_run >= c.end:
            out.append(c)
        furthest = max(furthest, c.end)
    return out
