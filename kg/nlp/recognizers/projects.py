"""Named projects and works (…项目, …工程) and the items of a list of them."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from kg import lexicon
from kg.nlp.recognizers.base import (CLAUSE_PUNCT, CN_DIGITS, NUMBER_TOKEN_RE, Candidate, Context, literal,
                                     value_set, values_of)
from kg.nlp.recognizers.measures import patterns_of
from kg.nlp.text import after_last, is_han
from kg.nlp.tokenizer import cut, tag
from kg.normalize import strip_quotes


PLACE_ENDS = ("区", "县", "市", "省", "镇", "乡", "村", "园")  # what a place's name ends with, before 和 and a project


def _walk_back_tokens(ctx: Context, end: int, boundaries: set[str], limit: int = 40,
                      named: frozenset[int] = frozenset()) -> int:
    """Walk left from `end` over tokens until punctuation, a boundary word or a word that opens a
    clause (but not one where a name found already starts: 如意湖 of 如意湖公园…); return the start."""
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
            if (token in boundaries or not CLAUSE_PUNCT.isdisjoint(token) or "—" in token
                    or NUMBER_TOKEN_RE.fullmatch(token) or end - s > limit):  # 巴彦淖尔——|三北工程: a dash
                return pos
            if token in ("和", "与", "及") and text.endswith(("工程", "项目", *PLACE_ENDS), 0, s):
                return pos  # A工程和B项目: two projects; …示范区和中新重庆示范项目: a place, then the project
            if token == "到" and "从" in text[after_last(text, "，。；：！？\n", s):s]:
                return pos  # 从A到B工程: the project is B
            if end - pos >= 2 and _ends_name(token) and s not in named:
                return pos  # 察看|生态清淤试点工程: a verb before a stem ends the name
        pos = s
    return pos


def recognize_projects(ctx: Context) -> list[Candidate]:
    """Named projects and works: spans ending in 项目/工程/专用线, and lists 'A、B等(一批)项目'."""
    text = ctx.text
    boundaries = value_set("project_boundary")
    generic = values_of("project_generic")
    named = frozenset(c.start for c in ctx.found)
    out = []
    for suffix, _ in lexicon.name_patterns()["project_suffix"]:
        for m in literal(suffix).finditer(text):
            if _in_organisation(text, m.end()) or _body_word(ctx, m.start(), m.end()):
                continue  # 旭立石油工程技术服务有限公司, 环境工程学院, 高级工程师: a body's name or a title, no project
            if INNER_SUFFIX_RE.search(text, 0, m.start()):
                continue  # “十件实事”工程|建设项目, 治理项目|工程, 东总管工程|项目: the name ends at the first suffix
            start = _walk_back_tokens(ctx, m.start(), boundaries, named=named)
            stem = text[start:m.start()]
            # 'A、B、C等一批重大项目': each list item is a project
            before = text[:start]
            if before.endswith("等") and all(g in generic for g in _words(stem, generic)):
                out.extend(_list_items(ctx, start - 1))
                continue
            if _inside_longer_quote(text, m.start(), m.end()) \
                    or COUNTED_BEFORE_RE.search(text, 0, start) and not QUOTE_RE.search(stem):
                continue  # “…示范工程试点县” is no project; 28个新型储能项目 counts projects, 44项“X”工程 names one
            if COUNTED_AFTER_RE.match(text, m.end()):
                continue  # “海绵城市”建设项目36个, 攻坚战项目18个: a count of works of a kind, quoted or not
            start = _name_start(ctx, max(start, after_last(text, "，。；：！？\n", m.start())), m.start(), generic)
            start = _listed_after_conjunction(text, start, m.end())
            stem_clean = text[start:m.start()]
            plain = strip_quotes(stem_clean)
            if any(w in plain for w in values_of("project_generic_any")) \
                    or plain.endswith(values_of("project_generic_tail")):
                continue
            if (len(plain) < 4 and text[start:m.end()] not in lexicon.national_projects()) or plain in generic \
                    or not is_han(plain[:1]):
                continue
            if _a_category(plain, quoted=bool(QUOTE_RE.search(stem_clean))):
                continue  # 八大污染减排工程, 十项民生工程, 两高项目: a category of works, not one named project
            if text.endswith(tuple(project_words("award_verb")), 0, start):
                continue  # 被评为“…”示范工程: a title the works won, no project
            if _sized_before(text, start) and not QUOTE_RE.search(stem_clean):
                continue  # 40万吨煤制乙二醇项目: works of a kind, by their size
            if PHASE_OPEN_RE.match(plain):
                continue  # 泰和污水处理厂，二期扩建工程: the phase of works named before, no name of its own
            if _ends_name(_last_word(plain)):
                continue  # 采取工程措施, 听取项目汇报: the suffix is the object of a verb, not a name's end
            if _rank_then_kind(ctx, start, m.start()):
                continue  # 长三角一体化重大合作项目: a major project of a kind, of the place named before
            if not _names_something(ctx, start, m.start()):
                continue  # 新型储能项目, 生态治理工程: a kind of works, not a named project
            out.append(Candidate(text[start:m.end()], "Project", start, m.end(), {}))
    out.extend(_listed_projects(ctx, out))
    return out


def _listed_projects(ctx: Context, found: list[Candidate]) -> list[Candidate]:
    """The national projects written by a listed short form without a suffix (三北防护林, 天保工程 is found
    by its suffix already), where no project found covers them and the name starts a word."""
    text = ctx.text
    out = []
    for m in _listed_project_re().finditer(text):
        start, end = m.span()
        if start in ctx.token_starts and not any(c.start < end and start < c.end for c in found) \
                and not _in_title(text, start):
            out.append(Candidate(strip_quotes(text[start:end]), "Project", start, end, {}))
    return out


@lru_cache(maxsize=1)
def _listed_project_re() -> re.Pattern:
    """The listed national projects' names and short forms, a quote allowed between any two characters
    (“三北”防护林), longest first."""
    names = sorted(lexicon.national_projects(), key=lambda n: (-len(n), n))
    return re.compile("|".join("[“”]?".join(map(re.escape, name)) for name in names))


def _in_title(text: str, at: int) -> bool:
    """Whether `at` lies inside a 《…》 title (《青海三江源生态保护和建设二期工程规划》: a plan, not the works)."""
    opened = text.rfind("《", after_last(text, "。！？\n", at), at)
    return opened >= 0 and "》" not in text[opened:at]


def _listed_after_conjunction(text: str, start: int, end: int) -> int:
    """Where a national project's listed name (national_projects.tsv) ending at `end` begins when a
    conjunction joins it to the words before (葛洲坝和|三峡工程: two works, the project is 三峡工程)."""
    for name in lexicon.national_projects():
        begin = end - len(name)
        if begin > start and text.startswith(name, begin) and text[begin - 1] in "和与及、":
            return begin
    return start


LIST_MARKER_RE = re.compile(rf"[{CN_DIGITS}]是")  # 一是进一步引入…: an item of a list of acts, a clause


COUNTED_KIND_RE = re.compile(rf"(?<![\d{CN_DIGITS}])[\d{CN_DIGITS}]+(?:多|余)?[大项件类](?!期)")  # 八大, 十项: not 三期
AWARDED_RE = re.compile("(?:工程|项目)(?=获|入选|荣获|被评|列入|纳入)")  # …工程获评…项目: an award's name after it


def _a_category(stem: str, quoted: bool) -> bool:
    """Whether a project stem names a category of works: counted kinds (八大…, 十项…, 这两项; not in a
    quoted name), the words of project_category (两高, 一大批), or a named project and the award it won
    (…工程获评全国…优秀项目)."""
    return bool(not quoted and COUNTED_KIND_RE.search(stem) or AWARDED_RE.search(stem) or LIST_MARKER_RE.match(stem)) \
        or any(w in stem for w in values_of("project_category"))


def _body_word(ctx: Context, start: int, end: int) -> bool:
    """Whether the suffix text[start:end] opens a word jieba keeps whole that names a team, an office or a
    post (项目组, 工程处, 项目经理: project_words.tsv body_end after the suffix): …联合体项目组 is a team."""
    i = bisect_left(ctx.sorted_starts, start)
    if i >= len(ctx.sorted_starts) or ctx.sorted_starts[i] != start:
        return False
    j = i + 1
    token_end = ctx.sorted_starts[j] if j < len(ctx.sorted_starts) else len(ctx.text)
    return token_end > end and ctx.text[end:token_end] in project_words("body_end")


HAN_RUN_RE = re.compile(r"[\u4e00-\u9fff]{0,12}")


def _in_organisation(text: str, end: int) -> bool:
    """Whether the suffix ending at `end` is inside a company's, a school's or a title's name: within 8
    characters after it, the run of Chinese characters reaches one of project_org_end (…工程技术服务有限公司,
    …工程学院) over no verb, adverb or other word that opens a clause (not 工程惠及沿线多家公司), or
    it is a title (工程师)."""
    run = HAN_RUN_RE.match(text, end).group(0)
    if run.startswith("师"):
        return True
    ends = [i for w in values_of("project_org_end") if (i := run.find(w)) >= 0 and i <= 8]
    if not ends:
        return False
    lead = lexicon.lead_words()
    return not any(w in lead or lexicon.function_words().get(w) in CLAUSE_POS for w in cut(run[:min(ends)]))


SPECIFIC_POS = frozenset(("ns", "nr", "nrt", "nrfg", "nz", "nt", "j", "m", "eng"))  # places, names, numbers
SPECIFIC_RE = re.compile("[“「《双]")


def _rank_then_kind(ctx: Context, start: int, end: int) -> bool:
    """Whether a rank word (project_words.tsv rank_word: 重大, 重点) inside the stem text[start:end] is followed
    by common words only (长三角一体化|重大|合作项目, 宁海县|重点|水利工程): a category of works of what comes
    before it, no name."""
    text = ctx.text
    if QUOTE_RE.search(text, start, end):
        return False
    for w in project_words("rank_word"):
        at = text.rfind(w, start + 1, end)
        if at > start and at + len(w) < end and not _names_something(ctx, at + len(w), end):
            return True
    return False


def _last_word(stem: str) -> str:
    words = cut(stem)
    return words[-1] if words else ""


def _names_something(ctx: Context, start: int, end: int) -> bool:
    """Whether the stem text[start:end] holds something of its own: a name found already (康王河), a quote,
    a number (二期, 双提升), or a word jieba tags as a place, a name or a number (京津, 三峡, 南水北调),
    or a direction (西部铁路专用线; not 以下, 下游, 沿海: 下游防洪工程 names a kind). Stems of common words
    only (新型储能, 生态治理) name a kind of works, and so do common words jieba tags as a place, a name or an
    abbreviation (城市, 海洋, 文明, 环保)."""
    stem = ctx.text[start:end]
    if SPECIFIC_RE.search(stem) or any(start <= c.start and c.end <= end for c in ctx.found):
        return True
    common, kinds = lexicon.common_words(), project_words("kind_word")
    return any(_own_number(word, pos, common) if NUMERAL_RE.search(word) or pos == "m"
               else pos in SPECIFIC_POS and word not in kinds and not (pos in COMMON_SPECIFIC_POS and word in common)
               or pos == "f" and len(word) >= 2 and word[0] in "东西南北"
               for word, pos in tag(stem))


NUMERAL_RE = re.compile(rf"[\d{CN_DIGITS}]")
SCALE_RE = re.compile("[百千万亿]")


def _own_number(word: str, pos: str, common: frozenset[str]) -> bool:
    """Whether a word with a numeral is a number of a name's own (二期, 东二, 三门, 三峡): not a round scale
    (百万亩, 千吨, 百亿: a size of works), a lone numeral (一), a common word (一体化, 两年, 四大; a place
    such as 三峡 stays), a word of project_words.tsv's number_word (新一轮) or a numeral tag on a word
    with no numeral in it (大干 m)."""
    if not NUMERAL_RE.search(word) or SCALE_RE.match(word) or len(word) == 1 \
            or word in project_words("number_word"):
        return False
    return word not in common or pos in ("ns", "nr")


@lru_cache(maxsize=None)
def project_words(kind: str) -> frozenset[str]:
    """The words of one kind of project_words.tsv (kind_word: 光伏, 红树林, 防沙)."""
    return frozenset(row["word"] for row in lexicon.read_tsv("lexicons/project_words.tsv") if row["kind"] == kind)


COMMON_SPECIFIC_POS = frozenset(("ns", "nr", "j"))  # 城市, 海洋, 美丽, 文明, 环保: jieba's tags, common words


COUNTED_BEFORE_RE = re.compile(rf"[\d{CN_DIGITS}]+(?:多|余)?[个项座处条批]$")
def _sized_before(text: str, start: int) -> bool:
    """Whether a size (a number and a unit of project_words.tsv's size_unit: 40万吨, 1090万千瓦) stands right
    before text[start]; a sum of money (12亿元) may stand before a name."""
    return any(text.endswith(u, 0, start) and SIZE_NUMBER_RE.search(text, 0, start - len(u))
               for u in project_words("size_unit"))


SIZE_NUMBER_RE = re.compile(rf"[\d{CN_DIGITS}][万亿]?$")
INNER_SUFFIX_RE = re.compile("(?:工程|项目)(?:建设)?$")
PHASE_OPEN_RE = re.compile(rf"[\d{CN_DIGITS}]+期")
COUNTED_AFTER_RE = re.compile(rf"[\d{CN_DIGITS}]+(?:多|余)?[个项座处条批件]")
OPENING_QUOTES, CLOSING_QUOTES = "“「《", "”」》"
QUOTE_RE = re.compile("[“「《]")


def _inside_longer_quote(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is inside quotes that go on after it (“…示范工程试点县”)."""
    sentence_start = after_last(text, "。！？\n", start)
    opened = sum(text.count(q, sentence_start, start) for q in OPENING_QUOTES)
    closed = sum(text.count(q, sentence_start, start) for q in CLOSING_QUOTES)
    return opened > closed and not text.startswith(tuple(CLOSING_QUOTES), end)


CLAUSE_POS = frozenset(("v", "p", "d", "ad", "vd", "r", "m", "q", "u"))  # not c: 保护和修复 stays one name


def _ends_name(token: str) -> bool:
    """Whether a word met walking left ends a project's name: a verb, preposition, adverb, pronoun …
    of function_words.tsv that is no work verb (治理, 修复, 改造 name works: work_verbs.tsv) and no generic
    word (一批), a time word (目前), a verb that sets something up (健全, 完善: jieba tags some a or j;
    measure_patterns.tsv's institution_verb), or an adverb and a verb jieba keeps as one word (高度评价, 深入开展);
    single characters are too ambiguous (与 is a preposition to jieba, and a conjunction)."""
    if len(token) < 2 or token in lexicon.work_verbs() or token in value_set("project_generic"):
        return False
    return lexicon.function_words().get(token) in CLAUSE_POS or _adverb_verb(token) \
        or token in lexicon.genre_verbs() \
        or token in patterns_of("institution_verb") \
        or token in lexicon.lead_words(TIME_TAGS) and not token.endswith("期")  # 目前, not 三期: a phase names works


TIME_TAGS = frozenset(("t",))
ADVERB_POS = frozenset(("d", "ad", "vd"))


def _adverb_verb(token: str) -> bool:
    """A word of an adverb and a verb that jieba's dictionary keeps whole (高度评价, 全面实施, 深入开展,
    严格控制): its last part a verb of function_words.tsv that names no works (not 生态修复), its first an
    adverb or verb there or a word no name opens with (name_lead_verb: 全面); after an adverb jieba tags n
    or v (project_lead_adverb: 高度, 深入) any common word, which jieba may tag n (评价) or vn (分析).
    Not 高速公路: 公路 is no verb."""
    function_words = lexicon.function_words()
    for i in range(2, len(token) - 1):
        head, verb = token[:i], token[i:]
        if verb in lexicon.work_verbs() or head in lexicon.work_verbs():
            continue
        if head in value_set("project_lead_adverb") and verb in lexicon.common_words():
            return True
        if function_words.get(verb) == "v" and (function_words.get(head) in ADVERB_POS or function_words.get(head) == "v"
                                                 or head in value_set("name_lead_verb")):
            return True
    return False


def _name_start(ctx: Context, start: int, end: int, generic) -> int:
    """Where the name in text[start:end] begins: past the generic words (重点, 一批; project_words.tsv's
    lead_word: 新一轮) and the words that open a clause (深刻认识, 结合, 通过: function_words.tsv) it starts
    with, in any order."""
    text = ctx.text
    function_words = lexicon.function_words()
    lead_verbs = value_set("name_lead_verb") | set(patterns_of("institution_verb"))  # 健全, 完善: jieba tags them a
    starts = ctx.sorted_starts
    named = {c.start for c in ctx.found}  # a name found already starts the project's name (如意湖公园…)
    while start < end and start not in named:
        if text[start] in "的了" or text[start] in "年月日" and text[start - 1:start].isdigit():
            start += 1  # 的|陈家镇站…, 2023年|全市…, 6月|因…: a particle or a date's 年/月 the tokens joined to the name
            continue
        if text.startswith(("国家", "我国"), start) \
                and _listed_project_re().match(text, start + 2 + text.startswith(tuple(OPENING_QUOTES), start + 2)):
            start += 2  # 国家|“南水北调”中线工程: the country before a listed national project is no part of it
            continue
        g = next((g for g in (*generic, *project_words("lead_word"))
                  if text.startswith(g, start) and end - start > len(g) and g != "生态保护"), None)
        if g is not None:
            start += len(g)
            continue
        i = bisect_right(starts, start)
        token_end = min(starts[i] if i < len(starts) else end, end)
        token = text[start:token_end]
        if start in ctx.token_starts and (token in function_words or _ends_name(token)
                                          or token in lead_verbs and token not in lexicon.work_verbs()
                                          or token == "好" and _verb_before(ctx, start)):
            start = token_end  # 深入开展|…, 目前|…, 健全|三北工程, 实施|好|…: an act or a time before the name
            continue
        return start
    return start


def _verb_before(ctx: Context, at: int) -> bool:
    """Whether the token ending at `at` is a verb (function_words.tsv v, project_boundary): 实施好|…, 抓好:
    the 好 after it says the act is done well, it opens no name."""
    i = bisect_left(ctx.sorted_starts, at) - 1
    token = ctx.text[ctx.sorted_starts[i]:at] if i >= 0 else ""
    return lexicon.function_words().get(token) == "v" or token in value_set("project_boundary")


def _after_last_act(ctx: Context, start: int, end: int) -> int:
    """Where a list item text[start:end] begins after the last word in it that ends a name (a verb or a
    preposition of function_words.tsv: 拉萨市通过|水系修复 — the item is 水系修复)."""
    starts = ctx.sorted_starts
    for i in range(bisect_left(starts, start), bisect_left(starts, end)):
        token_end = starts[i + 1] if i + 1 < len(starts) else len(ctx.text)
        if token_end < end and _ends_name(ctx.text[starts[i]:token_end]):
            start = token_end
    return start


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
        s = _after_last_act(ctx, _name_start(ctx, s, e, ()), e)
        if e - s >= 3 and is_han(text[s:e]) and _names_something(ctx, s, e) and not _a_category(text[s:e], False):
            items.append(Candidate(text[s:e], "Project", s, e, {"listed": True}))
    return items
