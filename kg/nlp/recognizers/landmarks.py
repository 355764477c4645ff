"""Named places other than divisions and water: parks, mountains, scenic areas, roads and bridges."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from kg import lexicon
from kg.nlp.recognizers.base import (COMMON_CHAR_FREQ, DIVISION_CLASSES, ORG_CLASSES, PLACE_CLASSES, Candidate, Context, literal, long_words, scan,
                                     inner_common_verb, stem_start, value_set, values_of)
from kg.nlp.recognizers.generic import LEVEL_CHARS, common_words_only
from kg.nlp.text import FUNCTION_CHARS, is_han
from kg.nlp.tokenizer import tag


# a token of these tags ends before a name (下游|玛瑙河); numerals do not (万顷沙)
AFTER_TAGS = frozenset({"v", "vd", "d", "ad", "f", "p", "c"})
# a one-character token of these tags (single_char_words.tsv) is no part of a road's name (数据多|跑|路)
VERB_TAGS = frozenset({"v", "p", "d", "c", "q", "r"})


def recognize_landmarks(ctx: Context) -> list[Candidate]:
    """Scenic areas, parks, reserves, corridors (by suffix), mountains and regions (by list)."""
    text = ctx.text
    out = []
    names = lexicon.mountains_and_regions()
    hits = list(scan(text, names, max_len=10))
    given = _given_names(text, hits)
    divisions = ctx.of(*DIVISION_CLASSES)
    for start, end, name in hits:
        if text[start - 1:end] in given:
            continue  # 组长钱苏南 … 钱苏南充分肯定: a person's given name, no region
        if name + "市" in lexicon.division_names() and _listed_with_division(text, start, end, divisions):
            continue  # 铜陵、安庆和黄山: the city 黄山市 among cities, not the mountain
        if len(name) == 2 and end not in ctx.token_ends and not text.startswith("地区", end):
            continue  # 华北豹, 有关中央 are words of their own: a species, no region (but 关中|地区)
        if len(name) == 2 and start not in ctx.token_starts and end in ctx.token_ends:
            continue  # 万水千山: the name closes a longer word, an idiom
        if text.startswith(values_of("region_org_head"), end) or _body_named(text, end):
            # 华东督查中心, 长三角国家技术创新中心: a body named after the region, not the region; kept as opaque,
            # so that no repeat of the name reads it here again, and dropped with all it holds (resolve_overlaps)
            out.append(Candidate(name, "Landmark", start, end, {"canonical": names[name], "opaque": True}))
            continue
        canonical = names[name]
        if start >= 1 and text[start - 1] in SIZE_CHARS and start - 1 in ctx.token_starts \
                and not (start >= 2 and text[start - 2] in SIZE_CHARS) and name[0] not in SIZE_CHARS and name in lexicon.mountains():
            start, name, canonical = start - 1, text[start - 1] + name, text[start - 1] + canonical  # 大|盘山, 小|秦岭
        out.append(Candidate(name, "Landmark", start, end, {"canonical": canonical}))
    stop = value_set("water_stem_stop", "landmark_stem_stop")
    seen: set[int] = set()
    determiners = value_set("place_stem_determiner")
    measures = values_of("place_stem_measure")
    anonymous = values_of("place_stem_anonymous")
    lead, after = _landmark_lead_words(), lexicon.lead_words(AFTER_TAGS)  # 重塑|公园, 建立|国家公园: a verb opens no name
    follow_stop = values_of("landmark_follow_stop")
    orgs = ctx.of(*ORG_CLASSES)  # named by their role: 林业和草原局 holds no grassland
    known = {c.start: c.end for c in (*out, *ctx.of(*PLACE_CLASSES))}  # names a stem may hold: 腾格里沙漠, 武夷山
    for suffix, cls, min_stem in lexicon.landmark_suffixes():
        for m in literal(suffix).finditer(text):
            if m.end() in seen or any(o.start <= m.start() and m.end() <= o.end for o in orgs):
                continue
            follow = next((w for w in follow_stop if text.startswith(w, m.end())), None)
            if follow is not None and is_han(text[m.end() + len(follow):m.end() + len(follow) + 1]):
                continue  # 天府新区公园|城市局: 公园城市, a kind of city, names no park
            start = stem_start(ctx, m.start(), max_len=6, min_len=max(2, min_stem), stop=stop, tail_stop=False,
                               lead_words=lead, after_words=after,
                                    function_bound=True)
            if start is None or text[start] in determiners or text.startswith(measures, start) \
                    or any(w in text[start:m.start()] for w in anonymous):
                continue  # 全市公园, 各类保护区, 某工业园
            start = _past_lead_words(text, start, m.start())
            start = _past_words_before_name(ctx, start, m.start(), known)
            if text[start:m.start()] in lead and text.count(text[start:m.end()]) < 2:
                continue  # 推行|草原, 擦亮|公园, 营造|防风固沙|沙漠 once; a verb-like stem that recurs is a name
            if m.start() - start < 2:
                continue  # 一代代|林场, 多处|保护区: a count or an act before a kind, no name
            if inner_common_verb(ctx, start, m.start()):
                continue  # 宁夏|有|湿地: a division, a common verb of its own, the suffix: a clause, no name
            short = next((c for c in divisions if c.end == start and not c.text.endswith(LEVEL_CHARS)), None)
            if short is not None and common_words_only(text[start:m.end()]) \
                    and not any(t in ACT_TAGS for _, t in tag(text[start:m.start()])):  # not 铁岭|重新规划工业园区
                start = short.start  # 海南|热带雨林国家公园: a division's short form is the name's own word
            seen.add(m.end())
            name = text[start:m.end()]
            out.append(Candidate(name, cls or "Landmark", start, m.end(), {"canonical": name}))
    return _without_described(text, out)


NOUN_RUN_TAGS = frozenset(("n", "nz", "vn", "l", "j", "ns", "nt", "b", "s", "an", "nrt", "ng"))
CLAUSE_END_RE = re.compile("[^\u4e00-\u9fff]")


SIZE_CHARS = "大小"  # 大盘山, 小秦岭: another mountain than 盘山, 秦岭 (not 大|小兴安岭: both 大兴安岭 and 小兴安岭)


def _body_named(text: str, end: int) -> bool:
    """Whether the nouns that follow a region's name up to the first other word end in a body's head
    (长三角|国家|技术创新|中心, 秦岭|北麓|地区|检察院, region_org_end): the region names the body only."""
    stop = CLAUSE_END_RE.search(text, end, end + 14)
    words = tag(text[end:stop.start() if stop else end + 14])
    last = ""
    for word, tag_ in words:
        if tag_ not in NOUN_RUN_TAGS:
            break
        last = word
    return last in value_set("region_org_end")


LIST_MARKS = "、和与及"


def _listed_with_division(text: str, start: int, end: int, divisions: list[Candidate]) -> bool:
    """Whether a name stands in a list next to a division (安庆和|黄山, 海口、|黄山, 黄山|、铜陵)."""
    return any(d.end == start - 1 and text[start - 1] in LIST_MARKS or d.start == end + 1 and text[end] in LIST_MARKS
               for d in divisions)


def _given_names(text: str, hits: list[tuple[int, int, str]]) -> frozenset[str]:
    """Surname and two-character list name written after a person's title (组长钱|苏南): a person's name,
    wherever the article writes it again."""
    titles = tuple(lexicon.person_titles())
    surnames = lexicon.load_surnames()
    return frozenset(text[start - 1:end] for start, end, name in hits
                     if len(name) == 2 and start >= 2 and text[start - 1] in surnames and text.endswith(titles, 0, start - 1))


@lru_cache(maxsize=1)
def _landmark_lead_words() -> frozenset[str]:
    """Words that open no landmark's name: jieba's lead words and landmark_lead_word (力争, 所谓)."""
    return lexicon.lead_words() | value_set("landmark_lead_word")


ACT_TAGS = frozenset(("v", "vd", "d", "ad", "a"))  # jieba tags 重新 a
LEAD_TAGS = frozenset(("m", "q", "v", "vd", "vn", "d", "c", "p", "r", "u"))  # jieba tags of words no name opens with


def _past_lead_words(text: str, start: int, end: int) -> int:
    """The start of a stem text[start:end] once the words it opens with that open no name are left out:
    counts (1万个|口袋公园, 整条|山脉, 2023年|黄河三角洲…), verbs and function words (登上|腾格里沙漠,
    而|像玄武湖公园, 爱逛|杨浦公园, 调研|…) by jieba's tags in the stem, leaving at least two characters;
    one character only when it is a function character or part of a count."""
    pos, before_single = start, None
    singles = lexicon.single_char_words()
    for word, tag_ in tag(text[start:end]):
        single = len(word) == 1 and word not in FUNCTION_CHARS and tag_ != "m"
        pos_, freq = singles.get(word, ("", 0))
        if single and freq >= COMMON_CHAR_FREQ and pos_ in SINGLE_LEAD_TAGS:
            before_single = pos if before_single is None else before_single  # 属|深山峡谷, 而|像|玄武湖公园, 离|祁连山
        elif tag_ not in LEAD_TAGS or (tag_ == "m" and not (word.isdigit() or COUNT_WORD_RE.search(word))) or single:
            if before_single is not None and tag_ not in NAME_TAGS:
                return before_single  # a rare character before no proper name: 堵|河源 keeps 堵
            break  # 十八|联圩生态湿地, 三湾: a numeral of the name's own; 堵|河源: jieba cuts a name's first character off
        if end - pos - len(word) < 2:
            if pos + len(word) == end:
                return end  # 亿亩|草原, 一代代|林场, 有|一名|草原: only a count or an act before the kind
            return before_single if before_single is not None else pos
        pos += len(word)
    return pos


def _past_words_before_name(ctx: Context, start: int, end: int, known: dict[int, int]) -> int:
    """The start of a known name inside the stem text[start:end] when only words that open no name stand
    before it: verbs, position words, common nouns (照片上|腾格里沙漠, 环|武夷山国家公园), not a direction or
    an adjective of the name's own (东|洞庭湖, 小|秦岭)."""
    text = ctx.text
    for name_start in sorted(i for i in known if start < i < end and i in ctx.token_starts):
        pos = start
        while pos < name_start:
            nxt = min((i for i in ctx.token_starts if pos < i <= name_start), default=name_start)
            word = text[pos:nxt]
            if not _opens_no_name(word):
                break
            pos = nxt
        if pos == name_start:
            return name_start
    return start


def _opens_no_name(word: str) -> bool:
    """Whether a word before a known name is no part of it: a verb, position word … (jieba's lead words),
    or a common noun of two or more characters; one character only when no direction or adjective."""
    if len(word) == 1:
        return word not in DIRECTION_CHARS and (lexicon.single_char_words().get(word, ("",))[0] in SINGLE_LEAD_TAGS
                                                or tag(word)[0][1] == "f")
    return word in lexicon.lead_words() or word in lexicon.kind_words(NOUN_TAGS)


DIRECTION_CHARS = frozenset("东西南北中")  # 西|洞庭湖: jieba tags 西 and 中 f
NOUN_TAGS = frozenset(("n", "vn", "l", "i", "s", "z"))


SINGLE_LEAD_TAGS = frozenset(("v", "p", "c", "d"))  # not 天 (q) in 天龙湾
NAME_TAGS = frozenset(("ns", "nr", "nrt", "nrfg", "nz", "nt", "j", ""))  # a proper name after it: 离|祁连山


COUNT_WORD_RE = re.compile("[个名位处条座家代片项批余多亩年万亿整几]")  # a count's classifier or magnitude: 1万个, 几位


APPOSITION_DASHES = ("——", "—", "－")


def _without_described(text: str, found: list[Candidate]) -> list[Candidate]:
    """Drop a description that a dash sets before the name it describes, both of one kind
    (巴文化遗址—罗家坝遗址: the oldest 巴 culture site, that is 罗家坝遗址)."""
    described = set()
    for a in found:
        for b in found:
            dash = text[a.end:b.start]
            if dash in APPOSITION_DASHES and a.cls == b.cls and _same_head(a.text, b.text):
                described.add(id(a))
    return [c for c in found if id(c) not in described]


def _same_head(a: str, b: str) -> bool:
    """Whether two names end in the same two characters (遗址, 公园, 景区)."""
    return len(a) >= 3 and len(b) >= 3 and a[-2:] == b[-2:]


def recognize_roads(ctx: Context) -> list[Candidate]:
    """Named roads, streets and bridges: a proper-name stem of 2-4 characters, a direction, a suffix
    (东港路, 万环西路, 长安街, 滨河大道, 天宁寺桥; road_words.tsv).

    The suffix is a word of its own (东港|路, 万环|西路) or closes a token that is the whole name
    (中山北路); a suffix inside a common word (道路, 思路, 铁路, 一路, 街道, 桥梁) gives nothing. The stem
    starts on a boundary as any place's stem does and is no common word (人民|路, 生态|大道, 美食|街:
    kinds of road, by jieba's dictionary) and holds no verb or function word.
    """
    text = ctx.text
    words = lexicon.road_words()
    directions = frozenset(words.get("direction", ()))
    after_ok = frozenset(words.get("after", ()))
    suffixes = words.get("suffix", ())
    char_stop = "".join(words.get("stem_char_stop", ()))
    follow_stop = words.get("follow_stop", ())
    ends = frozenset(suffix[-1] for suffix in words.get("suffix", ()))
    stop = _road_stem_stop()
    long_stop = long_words(stop)
    determiners = value_set("place_stem_determiner")
    lead, after = lexicon.lead_words(), lexicon.lead_words(AFTER_TAGS)
    names = ctx.of(*PLACE_CLASSES, *ORG_CLASSES)  # 人民路街道, 王庄桥断面: the road only inside a name
    out: list[Candidate] = []
    seen: set[int] = set()
    for suffix in suffixes:
        for m in literal(suffix).finditer(text):
            if m.end() in seen or any(len(s) > len(suffix) and text.endswith(s, 0, m.end()) for s in suffixes):
                continue  # 前门|东大街: 街 only as part of 大街
            token_start, token_end = _token_at(ctx, m.start())
            if token_end < m.end():
                continue  # 大道理: the suffix runs past its token
            _, last_end = _token_at(ctx, m.end() - 1)
            if last_end > m.end() and text[m.end() - 1:last_end] not in after_ok:
                continue  # 路线, 路径, 街道, 桥梁: the suffix opens a common word
            found = _road_stem(ctx, m.start(), token_start, directions, stop, long_stop, lead, after)
            if found is None:
                continue
            start, stem = found
            if not _proper_stem(stem, stop, long_stop) or text[start] in determiners or stem[-1] in ends \
                    or text[start + len(stem) - 1:m.end()] in stop or text.startswith(follow_stop, m.end()):
                continue  # 马路, 新路; 天宁寺桥|桥下; 青藏铁路: a common word at the end; 人民路|街道
            if any(o.start <= start and m.end() <= o.end or o.start < m.end() < o.end
                   or start <= o.start and o.end < start + len(stem) for o in names):
                continue  # 人民路街道; 湾桥镇: the end cuts into a name; 大理市|湾|桥: a division inside the stem
            if any(ch in char_stop for ch in stem) or _verb_inside(ctx, start, start + len(stem)):
                continue  # 发展之路, 两里路; 数据多|跑|路
            seen.add(m.end())
            name = text[start:m.end()]
            out.append(Candidate(name, "Landmark", start, m.end(), {"canonical": name}))
    return out


def _road_stem(ctx: Context, suffix_start: int, token_start: int, directions: frozenset[str], stop: frozenset[str],
               long_stop: tuple[str, ...], lead: frozenset[str], after: frozenset[str]) -> tuple[int, str] | None:
    """Where a road's name begins and its stem (the name without direction and suffix), or None.

    The suffix's token opens with it (东港|路: the stem is found walking back), holds a direction
    before it (万环|西路: the stem ends before the direction) or is the whole name (中山北路)."""
    text = ctx.text
    head = text[token_start:suffix_start]  # what the suffix's token holds before it
    if head and not (len(head) == 1 and head in directions):  # 中山北路, 长安街: the token is the whole name
        return token_start, head[:-1] if head[-1] in directions and len(head) >= 3 else head
    stem_end = token_start
    if not head and stem_end - 1 in ctx.token_starts and text[stem_end - 1] in directions \
            and _proper_stem(text[stem_end - 3:stem_end - 1], stop, long_stop):
        stem_end -= 1  # 红旗|西|路; 湖|南|路: 南 closes the stem
    start = stem_start(ctx, stem_end, max_len=4, min_len=2, stop=stop, tail_stop=True,
                       lead_words=lead, after_words=after, function_bound=True)
    return None if start is None else (start, text[start:stem_end])


def _proper_stem(stem: str, stop: frozenset[str], long_stop: tuple[str, ...]) -> bool:
    """True when a road's stem can be a proper name: 2-4 characters of Chinese, no function
    character, no common word and not ending in one (历史文化|街)."""
    return (2 <= len(stem) <= 4 and is_han(stem) and not any(ch in FUNCTION_CHARS for ch in stem)
            and stem not in stop and not stem.endswith(long_stop))


def _verb_inside(ctx: Context, start: int, end: int) -> bool:
    """True when a stem of several tokens holds a one-character verb, adverb, preposition… of its own."""
    singles = lexicon.single_char_words()
    if _token_at(ctx, start)[1] >= end:
        return False  # one token: 龙吴, 万环
    return any(i in ctx.token_starts and (i + 1 in ctx.token_starts or i + 1 == end) and singles.get(ctx.text[i], ("",))[0]
               in VERB_TAGS for i in range(start, end))


def load_road_stops() -> None:
    """Build the road stems' stop list now (see kg.nlp.recognizers.load_data)."""
    long_words(_road_stem_stop())


@lru_cache(maxsize=1)
def _road_stem_stop() -> frozenset[str]:
    """Stems that name no road: common words (jieba's dictionary) and road_words.tsv's stem_stop."""
    return lexicon.kind_words() | lexicon.lead_words() | frozenset(lexicon.road_words().get("stem_stop", ()))


def _token_at(ctx: Context, offset: int) -> tuple[int, int]:
    """The span of the token holding the character at `offset`."""
    starts = ctx.sorted_starts
    i = bisect_right(starts, offset) - 1
    start = starts[i] if i >= 0 else 0
    end = starts[i + 1] if i + 1 < len(starts) else len(ctx.text)
    return start, end
