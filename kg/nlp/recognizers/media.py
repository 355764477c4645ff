"""Media outlets and companies."""

from __future__ import annotations

from functools import lru_cache
import re

from kg import lexicon
from kg.nlp.recognizers.base import Candidate, Context, scan, values_of
from kg.nlp.text import FUNCTION_CHARS, HAN
from kg.nlp.tokenizer import cut


NEWSPAPER_RE = re.compile(rf"《([{HAN}]{{2,8}}(?:报|日报|晚报|导报|时报))》|([{HAN}]{{2,6}}(?:日报|晚报|导报|时报))(?=记者|全媒记者|融媒记者|通讯员|讯|报道|消息|\s)")


OUTLET_END = "网|日报|晚报|新闻网|融媒体中心|电视台|广播电视台"
# the outlet of a dateline (中新网广州8月17日电, 中国X网-感知X8月15日讯), of a byline (X网记者),
# of a source line (来源：X) and of a photo credit (X摄（人民视觉）)
DATELINE_RE = re.compile(rf"(?:^|(?<=[\s。！？”）)]))([{HAN}]{{1,8}}?(?:{OUTLET_END}))(?:[-—]([{HAN}]{{2,6}}))?"
                         rf"(?=[{HAN}]{{0,6}}\d{{1,2}}月\d{{1,2}}日(?:电|讯|消息)|记者)", re.M)
SOURCE_RE = re.compile(rf"(?:来源|稿源|图片来源)[：:][ \u3000]*([{HAN}]{{2,10}})(?=[）)\s]|$)", re.M)
PHOTO_AGENCY_RE = re.compile(rf"摄[（(]([{HAN}]{{2,8}})[）)]")


def _credited_outlets(text: str):
    """(start, end, sure) of the outlets that datelines, bylines, source lines and photo credits name; sure
    for a channel written after its outlet's dash (中国X网-感知X), which no word before can open."""
    for m in DATELINE_RE.finditer(text):
        yield m.start(1), m.end(1), False
        if m.group(2):
            yield m.start(2), m.end(2), True
    for pattern in (SOURCE_RE, PHOTO_AGENCY_RE):
        for m in pattern.finditer(text):
            yield m.start(1), m.end(1), False


@lru_cache(maxsize=None)
def _company_re(suffix: str) -> re.Pattern:
    return re.compile(rf"[{HAN}]{{2,12}}?{re.escape(suffix)}")


def recognize_media(ctx: Context) -> list[Candidate]:
    """Media outlets: the list, 《X报》 titles and the outlet of a byline; companies by suffix."""
    text = ctx.text
    out = []
    for start, end, name in scan(text, lexicon.pattern_set("media"), max_len=8):
        out.append(Candidate(name, "Organization", start, end, {}))
    function_words = lexicon.function_words()
    for start, end, sure in _credited_outlets(text):
        name = text[start:end]
        if not sure and ("摄" in name or any(w in function_words for w in cut(name))):
            continue  # 发布|扬子晚报, X摄|人民网: the span opens with words, not with the outlet
        out.append(Candidate(name, "Organization", start, end, {}))
    for m in NEWSPAPER_RE.finditer(text):
        name = m.group(1) or m.group(2)
        start = m.start(1) if m.group(1) else m.start(2)
        if m.group(2):
            words = cut(name)
            while len(words) > 1 and words[0] in function_words:
                start += len(words.pop(0))  # 据|湖北日报|报道
            name = "".join(words)
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
