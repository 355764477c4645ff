"""Media outlets and companies."""

from __future__ import annotations

from functools import lru_cache
import re

from kg import lexicon
from kg.nlp.recognizers.base import Candidate, Context, scan, values_of
from kg.nlp.text import FUNCTION_CHARS, HAN


NEWSPAPER_RE = re.compile(rf"《([{HAN}]{{2,8}}(?:报|日报|晚报|导报|时报))》|([{HAN}]{{2,6}}(?:日报|晚报|导报|时报))(?=记者|讯|\s)")


@lru_cache(maxsize=None)
def _company_re(suffix: str) -> re.Pattern:
    return re.compile(rf"[{HAN}]{{2,12}}?{re.escape(suffix)}")


def recognize_media(ctx: Context) -> list[Candidate]:
    """Media outlets: the list, 《X报》 titles and the outlet of a byline; companies by suffix."""
    text = ctx.text
    out = []
    for start, end, name in scan(text, lexicon.pattern_set("media"), max_len=8):
        out.append(Candidate(name, "Organization", start, end, {}))
    for m in NEWSPAPER_RE.finditer(text):
        name = m.group(1) or m.group(2)
        start = m.start(1) if m.group(1) else m.start(2)
        out.append(Candidate(name, "Organization", start, start + len(name), {}))
    for suffix in values_of("company_suffix"):
        if suffix not in text:
            continue  # the lazy pattern below is slow to fail over a whole article
        for m in _company_re(suffix).finditer(text):
            start = m.start()
            while start < m.end() and text[start] in FUNCTION_CHARS:
                start += 1
            if m.end() - start - len(suffix) >= 2:
                out.append(Candidate(text[start:m.end()], "Organization", start, m.end(), {}))
    return out
