"""Named projects and works (…项目, …工程) and the items of a list of them."""

from __future__ import annotations

from bisect import bisect_left

from kg import lexicon
from kg.nlp.recognizers.base import CLAUSE_PUNCT, Candidate, Context, NUMBER_TOKEN_RE, literal, value_set, values_of
from kg.nlp.text import after_last, is_han
from kg.normalize import strip_quotes


def _walk_back_tokens(ctx: Context, end: int, boundaries: set[str], limit: int = 40) -> int:
    """Walk left from `end` over tokens until punctuation or a boundary word; return the start."""
    text = ctx.text
    starts = ctx.sorted_starts
    pos = end
    in_quote = False
    for i in range(bisect_left(starts, end) - 1, -1, -1):  # the token starts before `end`, right to left
        s = starts[i]
        token = text[s:pos]
        if token in ("”", "」", "》"):
            in_quote = True
        elif token in ("“", "「", "《"):
            in_quote = False
        elif not in_quote:
            if (token in boundaries or not CLAUSE_PUNCT.isdisjoint(token)
                    or NUMBER_TOKEN_RE.fullmatch(token) or end - s > limit):
                return pos
            if token in ("和", "与", "及") and text.endswith(("工程", "项目"), 0, s):
                return pos  # A工程和B项目: two projects
        pos = s
    return pos


def recognize_projects(ctx: Context) -> list[Candidate]:
    """Named projects and works: spans ending in 项目/工程/专用线, and lists 'A、B等(一批)项目'."""
    text = ctx.text
    boundaries = value_set("project_boundary")
    generic = values_of("project_generic")
    out = []
    for suffix, _ in lexicon.name_patterns()["project_suffix"]:
        for m in literal(suffix).finditer(text):
            start = _walk_back_tokens(ctx, m.start(), boundaries)
            stem = text[start:m.start()]
            # 'A、B、C等一批重大项目': each list item is a project
            before = text[:start]
            if before.endswith("等") and all(g in generic for g in _words(stem, generic)):
                out.extend(_list_items(ctx, start - 1))
                continue
            stem_clean = stem
            changed = True
            while changed:
                changed = False
                for g in generic:
                    if stem_clean.startswith(g) and len(stem_clean) > len(g) and g not in ("生态保护",):
                        stem_clean = stem_clean[len(g):]
                        changed = True
            start = m.start() - len(stem_clean)
            plain = strip_quotes(stem_clean)
            if any(w in plain for w in values_of("project_generic_any")) \
                    or plain.endswith(values_of("project_generic_tail")):
                continue
            if len(plain) < 4 or plain in generic or not is_han(plain[:1]):
                continue
            out.append(Candidate(text[start:m.end()], "Project", start, m.end(), {}))
    return out


def _words(stem: str, vocabulary) -> list[str]:
    """Greedy split of a stem into vocabulary words (anything else is returned as one piece)."""
    out, rest = [], stem
    while rest:
        for w in vocabulary:
            if rest.startswith(w):
                out.append(w)
                rest = rest[len(w):]
                break
        else:
            return out + [rest]
    return out


def _list_items(ctx: Context, end: int) -> list[Candidate]:
    """Items of an enumeration 'V了A、B、C' ending at `end` (the 等)."""
    text = ctx.text
    clause_start = after_last(text, "，。；：\n", end)
    verbs = values_of("project_boundary")
    items = []
    pos = clause_start
    for part in text[clause_start:end].split("、"):
        s, e = pos, pos + len(part)
        pos = e + 1
        for v in verbs:
            cut = text.rfind(v, s, e)
            if cut >= 0 and e - (cut + len(v)) >= 3 and len(v) >= 2:
                s = cut + len(v)
                if text.startswith("了", s):
                    s += 1
        if e - s >= 3 and is_han(text[s:e]):
            items.append(Candidate(text[s:e], "Project", s, e, {"listed": True}))
    return items
