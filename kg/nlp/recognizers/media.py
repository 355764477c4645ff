"""Media outlets and companies."""

from __future__ import annotations

from functools import lru_cache
import re

from kg import lexicon
from kg.nlp.recognizers.base import DIVISION_CLASSES, ORG_CLASSES, Candidate, Context, scan, value_set, values_of
from kg.nlp.recognizers.water import NAME_TAGS
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


COMPANY_BRANCH_RE = re.compile(r"[\u4e00-\u9fff]{1,6}?分公司")
COMPANY_LEAD_TAGS = frozenset(("v", "p", "c", "u", "t"))  # t: 前往, 目前 (jieba tags 前往 a time); not 大同 (d), 第三 (m), 某 (r)
COMPANY_STEM_MIN = 4  # characters a company's name keeps before its suffix (柳工集团有限公司)


def recognize_media(ctx: Context) -> list[Candidate]:
    """Media outlets: the list, 《X报》 titles and the outlet of a byline; companies by suffix."""
    text = ctx.text
    out = []
    for start, end, name in scan(text, lexicon.pattern_set("media"), max_len=8):
        out.append(Candidate(name, "Organization", start, end, {}))
    function_words = lexicon.function_words()
    for start, end, sure in _credited_outlets(text):
        if sure:
            end = _before_dateline_place(ctx, start, end)
        name = text[start:end]
        if not sure and ("摄" in name or any(w in function_words for w in cut(name))):
            continue  # 发布|扬子晚报, X摄|人民网: the span opens with words, not with the outlet
        out.append(Candidate(name, "Organization", start, end, {}))
    for m in NEWSPAPER_RE.finditer(text):
        name = m.group(1) or m.group(2)
        start = m.start(1) if m.group(1) else m.start(2)
        if m.group(2):
            words = cut(name)
            suffix_len = len(m.group(2)) - len(re.sub("(?:日报|晚报|导报|时报)$", "", m.group(2)))
            while len(words) > 1 and (words[0] in function_words or _no_name_word(words[0])) \
                    and len("".join(words[1:])) - suffix_len >= 2:
                start += len(words.pop(0))  # 据|湖北日报|报道, 协议|履行|羊城晚报讯: words before the outlet
            name = "".join(words)
        out.append(Candidate(name, "Organization", start, start + len(name), {}))
    suffixes = values_of("company_suffix")
    for suffix in suffixes:
        if suffix not in text:
            continue  # the lazy pattern below is slow to fail over a whole article
        for m in _company_re(suffix).finditer(text):
            start = _company_start(ctx, m.start(), m.end() - len(suffix), function_words)
            start = _name_start(ctx, start, m.end() - len(suffix))
            if start is None:
                continue
            if m.end() - start - len(suffix) >= 2 and text[start:m.end()] not in suffixes:
                branch = COMPANY_BRANCH_RE.match(text, m.end())  # …有限公司兰州分公司: the branch is the body named
                end = branch.end() if branch else m.end()
                out.append(Candidate(text[start:end], "Organization", start, end, {"opaque": True}))
    out.extend(_institutes(ctx, function_words, out))
    return out


def _institutes(ctx: Context, function_words: dict[str, str], found: list[Candidate]) -> list[Candidate]:
    """Research institutes, universities, associations, secretariats (institute_suffix: 研究所, 大学,
    协会, 秘书处): the stem read as a company's, the suffix closing its token (not 大学|生, 研究所长),
    the stem no common word alone (科研|院所, 环境|学院: a kind of body, no name). A name found already
    may lie inside (中国科学院|西北高原生物研究所), not around or across it."""
    text = ctx.text
    kinds = _kind_words()
    others = found + ctx.of(*ORG_CLASSES)
    scope, not_before = value_set("institute_scope"), values_of("institute_not_before")
    out: list[Candidate] = []
    for suffix in sorted(values_of("institute_suffix"), key=lambda s: -len(s)):
        if suffix not in text:
            continue
        for m in _company_re(suffix).finditer(text):
            if m.end() not in ctx.token_ends or text.startswith(not_before, m.end()):
                continue  # 大学生, 大学科技城: not a body's name
            start = _institute_start(text, m.start(), m.end() - len(suffix), function_words)
            words = cut(text[start:m.end() - len(suffix)])
            while len(words) > 1 and words[0] in kinds and words[0] not in scope and any(w not in kinds for w in words[1:]) \
                    and not any(c.start == start for c in others):
                start += len(words.pop(0))  # 设计单位|同济大学, 现场|江苏大学: a common noun before the name
            start = _name_start(ctx, start, m.end() - len(suffix))
            if start is None:
                continue
            words = cut(text[start:m.end() - len(suffix)])
            stem = text[start:m.end() - len(suffix)]
            if _designated_by(ctx, start, m.end()):
                continue  # 生态环境部重点实验室主任: a lab the ministry designated, its name not written
            if len(stem) < 2 or stem.endswith(values_of("institute_kind_end")) or all(
                    w in kinds or w in lexicon.lead_words() for w in words) or any(
                    c.start < m.end() and start < c.end and not (start <= c.start and c.end <= m.end())
                    for c in others + out):
                continue
            out.append(Candidate(text[start:m.end()], "Organization", start, m.end(), {"opaque": True}))
    return out


@lru_cache(maxsize=1)
def _kind_words() -> frozenset[str]:
    """Words that name a kind of body, not one: jieba's kind words and its frequent words that are no name."""
    return lexicon.kind_words() | {w for w, pos in lexicon.common_word_tags().items() if pos not in NAME_TAGS}


INSTITUTE_LEAD_TAGS = frozenset(("v", "p", "c", "u", "d", "r", "q", "vd", "ad", "t", "f"))


def _institute_start(text: str, start: int, stem_end: int, function_words: dict[str, str]) -> int:
    """Where an institute's name begins in the run before its suffix: after the last verb, preposition,
    conjunction, adverb, pronoun or classifier in it (邀请|河海大学, 来到|敦煌研究院, 科研院所和|高等学院,
    根据该|研究院, 个|国家实验室), else where the run begins."""
    pos, begin = start, start
    verbs = lexicon.lead_words(INSTITUTE_LEAD_TAGS)
    singles = lexicon.single_char_words()
    tags = lexicon.common_word_tags()
    for word in cut(text[start:stem_end]):
        pos += len(word)
        if function_words.get(word, "") in INSTITUTE_LEAD_TAGS or word in verbs or all(ch in FUNCTION_CHARS for ch in word) \
                or tags.get(word, "") in INSTITUTE_LEAD_TAGS \
                or len(word) == 1 and singles.get(word, ("", 0))[0] in INSTITUTE_LEAD_TAGS:
            begin = pos  # 2个|国家实验室, 该|研究院: a classifier or pronoun alone
    return begin


#: a count before a body's kind (两大|集团公司, 两家|集团公司, 首个|研究院): how many, no name
_COUNT_RE = re.compile(r"(?:全国)?(?<!第)[两几多数首\d一二三四五六七八九十百千万]+[大家个批类所座]")


def _name_start(ctx: Context, start: int, stem_end: int) -> int | None:
    """Where a company's or institute's name begins, or None for a name withheld (湖南某钢结构有限公司):
    after the last 的 (位于城中区的|青海圣源…) and the last party's role (监理单位|华设…, 子公司|济南…);
    past a count (两大|集团公司, 4个地市、两大|集团公司); and at a division inside the run when what comes before it holds no word
    of a name (委托单位|合肥…, 人员会同|深圳市…, 7月9日|陕西…, 该县|大同市…), but not after one (沙钢集团|安阳…)."""
    text = ctx.text
    if any(mark in text[start:stem_end] for mark in values_of("org_anonymous")):
        return None
    for mark in ("的", *values_of("company_lead_noun")):
        pos = text.rfind(mark, start, stem_end)
        if pos >= 0:
            start = pos + len(mark)
    for count in _COUNT_RE.finditer(text, start, stem_end):
        start = count.end()  # 宁海县两大|集团公司: how many of a kind
    for div in sorted(ctx.of(*DIVISION_CLASSES), key=lambda c: c.start):
        if start < div.start < stem_end and all(_no_name_word(w) for w in cut(text[start:div.start])):
            return div.start
        if div.start >= start:
            break
    return start


def _before_dateline_place(ctx: Context, start: int, end: int) -> int:
    """The end of an outlet's channel written before its dateline, without the division the dateline
    opens with, when what is left ends as an outlet does (四川新闻网-首屏新闻|成都7月26日讯; not 感知山东,
    a channel named after its province)."""
    div = ctx.ending_at(end, *DIVISION_CLASSES)
    if div is not None and div.start - start >= 2 and re.search(rf"(?:{OUTLET_END}|新闻)$", ctx.text[start:div.start]):
        return div.start
    return end


def _designated_by(ctx: Context, start: int, end: int) -> bool:
    """Whether a body's name is a designation (重点实验室) right after the organ that gives it or a level
    word (上海市生态环境局|重点实验室, 省级|重点实验室): which body holds it is not written."""
    text = ctx.text
    designation = next((d for d in values_of("institute_designation") if text.endswith(d, 0, end)), None)
    if designation is None:
        return False
    stem_end = end - len(designation)
    if any(c.end == stem_end and c.start >= start for c in ctx.of(*ORG_CLASSES)):
        return True
    words = cut(text[start:stem_end])
    return not words or words[-1].endswith("级")  # 获批省级|重点实验室


def _no_name_word(word: str) -> bool:
    """A word that is no part of a body's name: one character, a function or lead word, a kind word, or a
    verb with the preposition jieba writes into it (就读于, 来自于)."""
    return len(word) == 1 or word in lexicon.function_words() or word in lexicon.lead_words() \
        or word in _kind_words() or word[-1] in FUNCTION_CHARS and word[:-1] in lexicon.lead_words()


def _company_start(ctx: Context, start: int, stem_end: int, function_words: dict[str, str]) -> int:
    """Where a company's name begins in the run of characters before its suffix: at a division that
    opens the run (江苏天工大成…), else after a verb, preposition or conjunction in it: the last that a division follows, or the first
    (习近平来到|…有限责任公司, 记者从|中国南水北调集团有限公司, 批复了|绛县…)."""
    text = ctx.text
    while start < stem_end and text[start] in FUNCTION_CHARS:
        start += 1
    if any(c.start == start and c.cls in DIVISION_CLASSES for c in ctx.found):
        return start
    division_starts = {c.start for c in ctx.found if c.cls in DIVISION_CLASSES}
    pos, leads = start, {}  # start -> end of each verb, preposition … token
    verbs = lexicon.lead_words(COMPANY_LEAD_TAGS)
    for word in cut(text[start:stem_end]):
        if pos + len(word) > stem_end - COMPANY_STEM_MIN:
            break  # the name keeps a stem of its own (读者出版|集团 is no boundary)
        if function_words.get(word, "") in COMPANY_LEAD_TAGS or word in verbs or word in FUNCTION_CHARS:
            leads[pos] = pos + len(word)
        pos += len(word)
    boundaries = sorted(leads.values())
    if boundaries:  # the last boundary a division follows (人员到|安丘泰达…), else the first (前往|读者出版集团)
        start = next((b for b in reversed(boundaries) if b in division_starts), boundaries[0])
        while start in leads:
            start = leads[start]  # 超标|排放|的|国电东北电力: past the whole run
    while start < stem_end and text[start] in FUNCTION_CHARS:
        start += 1
    return start
