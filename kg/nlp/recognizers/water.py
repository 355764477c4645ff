"""Water bodies and monitoring sections, from their suffixes and the gazetteer."""

from __future__ import annotations

import re
from bisect import bisect_right

from kg import lexicon
from kg.nlp.text import quoted_spans
from kg.nlp.tokenizer import cut, tag
from kg.nlp.recognizers.base import (
    CN_DIGITS,
    COMMON_CHAR_FREQ,
    DIVISION_CLASSES,
    Candidate,
    Context,
    RIVER_CUE_RE,
    inner_common_verb,
    WATER_CLASSES,
    WATER_QUALITY_WORDS,
    literal,
    scan,
    stem_start,
    value_set,
    values_of,
)


# a token of these tags ends before a name (下游|玛瑙河); numerals do not (万顷沙)
AFTER_TAGS = frozenset({"v", "vd", "d", "ad", "f", "p", "c"})
LEVEL_CHARS = tuple("省市县区镇乡")
WATER_CHARS = frozenset("河江湖海溪渠塘港浦泾浜")
WHOLE_OR_SAID = frozenset("全各每该本此这")  # right before a one-character suffix: 同比全湖, 该河 (not 那: 措那湖)
GLUED_VERB_FREQ = 800


def recognize_water(ctx: Context) -> list[Candidate]:
    """Water bodies: the curated list, and names ending in 河/江/湖/水库/库区/湿地/断面…"""
    text = ctx.text
    bodies = lexicon.water_bodies()
    out = []
    heads, not_heads = values_of("water_name_head"), values_of("water_name_head_not")
    single_chars = lexicon.single_char_words()
    division_shorts = lexicon.division_short_names()
    part_words = value_set("water_part_word")
    water_suffixes = tuple(sorted({sc[0] for sc in lexicon.name_patterns()["water_suffix"]}, key=len, reverse=True))
    for start, end, name in scan(text, bodies, max_len=10):
        body = bodies[name]
        if start not in ctx.token_starts and end not in ctx.token_ends:
            continue  # 借鉴|湖南: the name's characters end one word and open the next, no water named
        word_start = _longer_word_start(ctx, start, end)
        if word_start == start - 1 and text[word_start] not in single_chars and text[word_start] not in WATER_CHARS:
            # 大沙河, 小东江 are one word: the river is that word, not the 沙河 of the list (not 于长江, 长江黄河)
            out.append(Candidate(text[word_start:end], body.cls, word_start, end, {"canonical": text[word_start:end]}))
            continue
        if _head_follows(text, end, heads, not_heads):
            continue  # 黄河路, 湘江新区: the name of a road or district, not the water
        if _state_phrase(text, start, end):
            continue  # 水清河畅, 臭河、黑河: a state of the water said in a parallel phrase
        if name in division_shorts and _division_meant(ctx, name, start, end, part_words):
            continue  # 黑龙江省 … 黑龙江紧盯, 河北、黑龙江等: the province or city of that short name, not the water
        if _one_char_longer(ctx, name, start, water_suffixes):
            out.append(Candidate(text[start - 1:end], body.cls, start - 1, end, {"canonical": text[start - 1:end]}))
            continue  # 黑龙滩水库 … 黑龙滩: the article's name is one character longer than the listed 龙滩水库
        if body.cls == "River" and text[end:end + 1] == "湖" and end in ctx.token_starts and end + 1 in ctx.token_ends:
            lake = text[start:end + 1]  # 陆水|湖|流域: the lake named after the river (a reservoir on it), not the river
            out.append(Candidate(lake, "Lake", start, end + 1, {"canonical": lake}))
            continue
        out.append(Candidate(name, body.cls, start, end, {"canonical": body.name}))
    known = {(c.start, c.end) for c in out}
    known_ends = {c.end for c in out}
    known_names = {c.text for c in out}
    water_ends = set(known_ends)
    listed_ends = frozenset(known_ends)  # a listed river bounds a section's name (茅洲河|共和村断面)
    river_ends = frozenset(c.end for c in out if c.cls == "River")  # and a lake's (汉江|瀛湖; not 洞庭湖|区下塞湖)
    inside_listed: dict[int, int] = {}  # offset -> end of the listed name it lies in (钱塘 in 钱塘江)
    for c in out:
        for i in range(c.start, c.end):
            inside_listed[i] = max(inside_listed.get(i, 0), c.end)
    titles = tuple(lexicon.person_titles())
    surnames = lexicon.load_surnames()
    person_verbs = tuple(w for w in value_set("person_follow") if len(w) >= 2 or w in "说称")
    stop = value_set("water_stem_stop")
    not_after = value_set("water_not_after")
    strip = values_of("water_prefix_strip")
    generic_stems = value_set("section_generic_stem")
    generic_chars = value_set("water_generic_char")
    position_chars = value_set("water_position_char")
    determiners = value_set("place_stem_determiner")
    measures = values_of("place_stem_measure")
    other_words = lexicon.water_char_words()
    lead, after = lexicon.lead_words(), lexicon.lead_words(AFTER_TAGS)  # 确保|河湖, 下游|玛瑙河: a verb or position word opens no name
    person_follow = tuple(t for t in titles + person_verbs + values_of("water_person_follow")
                          if "河长" not in t and "湖长" not in t)  # 戴河河长: the river's chief, not a person 戴河
    quoted = _quoted_only(text)
    town_heads = values_of("water_town_head")
    town_suffixes = value_set("water_town_suffix")
    become = values_of("water_become_verb")
    # rivers and lakes (one-character suffixes) first: they bound the names of sections and reservoirs
    suffixes = sorted(lexicon.name_patterns()["water_suffix"], key=lambda sc: (len(sc[0]) > 1, -len(sc[0]), sc[0]))
    passes = [[sc for sc in suffixes if len(sc[0]) == 1], [sc for sc in suffixes if len(sc[0]) > 1]]
    for group in passes:
        found = []
        for suffix, cls in group:
            for m in literal(suffix).finditer(text):
                end = m.end()
                nxt = text[end:end + 2]
                if len(suffix) == 1 and nxt[:1] in not_after and nxt != "流域" and nxt[:1] != suffix \
                        and not text.startswith(WATER_QUALITY_WORDS, end) \
                        and not (_word_at(ctx, end) in part_words or _word_at(ctx, m.start())[1:] in part_words):
                    continue  # 河长, 河道 — but 夷望溪水环境, 汾河水质, 三岔湖湖心 and 康王河|沿岸 name the water
                if len(suffix) == 1 and m.start() not in ctx.token_starts and end not in ctx.token_ends:
                    continue  # 打|江山, 隔|河相望: the character lies inside a longer word
                if len(suffix) == 1 and _word_at(ctx, m.start()) in other_words:
                    continue  # 三头|江豚, 浙江|湖州, 非法|泊位: the character opens another word
                if len(suffix) == 1 and any(c.cls in DIVISION_CLASSES and c.start <= m.start() < c.end
                                            for c in ctx.found):
                    continue  # 武汉市|江汉区, 浙江湖州: the character lies in a division's name
                start = stem_start(ctx, m.start(), max_len=5 if len(suffix) > 1 else 4,
                                    min_len=1 if len(suffix) == 1 else 2, stop=stop,
                                    # but reservoirs keep theirs: 汾河三坝库区, 汾河水库
                                    name_ends=listed_ends if cls == "MonitoringSection"
                                    else river_ends if cls == "Lake" and len(suffix) == 1
                                    else frozenset(),  # 汉江|瀛湖: a lake on the river written before it
                                    lead_words=lead, after_words=after,
                                    function_bound=True)
                if start is None or text[start] in determiners or text.startswith(measures, start) \
                        or len(suffix) == 1 and text[m.start() - 1] in WHOLE_OR_SAID:
                    continue  # 全省河湖, 各县水库: a count, not a name; 同比全湖, 该河: the whole or the one said
                if text[start:m.start()] in lead and text.count(text[start:end]) < 2:
                    continue  # 损害|江, 制定|湿地 once; a verb-like stem that recurs is a name (如意湖)
                if len(suffix) == 1 and (_generic_pair(ctx, m.start(), generic_chars)
                                         or _has_generic_pair(text[start:m.start()], generic_chars)):
                    continue  # 清洁|河湖, 高原|湖泊, 重要|江河, 重要江河|湖: water in general
                for prefix in strip:
                    if text.startswith(prefix, start) and m.start() - start > len(prefix):
                        start += len(prefix)
                if len(suffix) == 1:
                    start = _after_lead_char(ctx, start, m.start(), single_chars)
                    if start is None:
                        continue  # 看湖, 仅湖; 化工|围江, 科学|治湖: no name, the water is a verb's object
                if len(suffix) == 1 and any(c.cls in DIVISION_CLASSES and c.start == start and c.end == m.start()
                                            and c.text.endswith(LEVEL_CHARS) for c in ctx.found):
                    continue  # 株洲市|河小青, 祁阳市|河长办: a division written in full and the rivers it has
                if len(suffix) == 1 and "之" in text[start:m.start()]:
                    continue  # 万峰之湖, 生态之河, 之江大地: a figure of speech, not a name
                if len(suffix) == 1 and m.start() - start == 1 and text[start] in position_chars:
                    continue  # 滨江片区, 环湖, 临江: by the water, a place (not 柏临河)
                if len(suffix) == 1 and m.start() - start == 3 and text[start] == text[start + 2] \
                        and text[start + 1] in generic_chars:
                    continue  # 大江大河, 小河小溪: an idiom for water in general
                if _generic_opener(text[start:m.start()], text.count(text[start:end])):
                    continue  # 农村小河, 人工运河, 记者寇江, 垃圾河 once: a description, not a name
                if suffix == "港" and _port(ctx, start, m.start(), division_shorts):
                    continue  # 天津港, 泸州港, 临港, 自贸港: a port, not a Jiangnan river (油墩港)
                if cls == "MonitoringSection" and start and text[start - 1] in "入出" and text[start:m.start()].endswith("口"):
                    start -= 1  # 汾河入黄口断面: the mouth's 入 is part of the name
                if cls == "MonitoringSection" and text[start:m.start()] in generic_stems:
                    water = ctx.ending_at(start, *WATER_CLASSES) or next((c for c in out if c.end == start), None)
                    start = water.start if water is not None else start  # 三岔湖湖心断面: not any lake's 湖心
                name = text[start:end]
                if len(suffix) == 1 and name in division_shorts and name not in known_names \
                        and not RIVER_CUE_RE.match(text, end) \
                        and not text.startswith(WATER_QUALITY_WORDS, end) \
                        and not (start and text[start - 1] in "、和及与" and start - 1 in water_ends):
                    continue  # 松江新城, 位于张家港: a division's short name, unless the water is meant (锦江流域 … 锦江, 拒马河、唐河)
                if (start, end) in known or name in stop or end in known_ends or m.start() in known_ends:
                    continue  # 太湖湖体: the suffix right after a known name is no new name
                if end <= inside_listed.get(start, -1):
                    continue  # 钱塘 inside 钱塘江: no lake inside a listed name
                if len(suffix) == 1 and (name[-2] in CN_DIGITS or any(k in name[:-1] for k in known_names)):
                    continue  # 沅江一江碧水, 两河: a numeral or a known river inside is no new river
                if name[:-len(suffix)].endswith(titles):
                    continue  # 市委书记江凌: a title and a surname, not a river
                if len(suffix) == 1 and _person_named(text, start, end, surnames, person_follow):
                    continue  # 张德江委员长, 郝玉江说, 西来力·玉素甫江: a person, wherever the article writes the name
                if len(suffix) == 1 and _surname_opening_name(ctx, m.start(), surnames):
                    continue  # 嫌疑人|江石忠: the suffix is the surname of the person named after it
                if name not in bodies and quoted(start, end) and not _water_meant(ctx, end + 1, part_words):
                    continue  # “酱油湖”, “最美家乡河”, “城进湖退”, “远智湖”号: a nickname, slogan or ship (not “红旗渠”沿线)
                if suffix in town_suffixes and name not in bodies and _township_named(name, text, end, town_heads):
                    continue  # 漕泾 (漕泾镇), 清水塘 (清水塘街道): a township's name without its 镇/街道, not a river or pond
                if len(suffix) == 1 and _state_phrase(text, m.start() - 1, end):
                    continue  # 水更清|河更畅, 水清|河畅: a state of the water in a parallel phrase, no name
                if _head_follows(text, end, heads, not_heads):
                    continue  # 广渠|路, 潞河|医院, 团山湖|村: part of another kind of name, no water of the article
                if len(suffix) == 1 and m.start() - start >= 2 and _verb_stem(ctx, start, m.start(), single_chars) \
                        and text.count(name) < 2:
                    continue  # 排进|河里 once: a verb and its object, no name
                if len(suffix) == 1 and m.start() - start >= 2 and m.start() - 1 in ctx.token_starts \
                        and len(_word_at(ctx, m.start())) > 1 \
                        and _common_verb(text[m.start() - 1], single_chars, COMMON_CHAR_FREQ):
                    continue  # 倒|进|湖里: a common verb of its own, then the water opening a word (湖里), no name
                if len(suffix) == 1 and m.start() not in ctx.token_starts and _slogan_after(text, end) \
                        and _common_verb(text[m.start() - 1], single_chars, GLUED_VERB_FREQ):
                    continue  # 心共护河|畅水清: a verb, then the water of a slogan (河畅水清) in a guessed word (not 北湖)
                if len(suffix) > 1 and inner_common_verb(ctx, start, m.start()):
                    continue  # 宁夏|有|湿地: a common verb of its own inside the stem, a clause, no name
                if suffix in town_suffixes and name not in bodies and start in ctx.token_starts \
                        and _word_at(ctx, start) == name and [t for _, t in tag(name)] == ["ns"] \
                        and not _water_meant(ctx, end, part_words):
                    continue  # 洋浦|率先试行: one word jieba knows as a place, ending in 浦/港/塘, no water meant
                if len(suffix) == 1 and name not in bodies and text.count(name) == 1 \
                        and text[max(start - 3, 0):start].endswith(become):
                    continue  # 溪流变成了|牛奶河 once: what the water became, a description, no name
                if len(suffix) == 1 and _places_counted(text, name):
                    continue  # “苏锡常湖”四地: one-character short names of places, listed
                known.add((start, end))
                known_names.add(name)
                water_ends.add(end)
                found.append(Candidate(name, cls, start, end, {"canonical": name}))
        out.extend(found)
        ctx.found.extend(found)  # so 锦江|黄龙溪断面 starts after the river
    glued = _glued_verb_names(out, bodies, single_chars)
    if glued:
        out = [glued.get(id(c), c) for c in out]
        ctx.found[:] = [glued.get(id(c), c) for c in ctx.found]
    dropped = _section_places(text, out, ctx.found, bodies) | _organisation_openers(text, out)
    if dropped:
        out = [c for c in out if id(c) not in dropped]
        ctx.found[:] = [c for c in ctx.found if id(c) not in dropped]
    return out


LIST_MARKS = "、和与及"


def _one_char_longer(ctx: Context, name: str, start: int, suffixes: tuple[str, ...]) -> bool:
    """Whether the article writes a listed name (龙滩水库) always after one same character that, with the
    name's stem, it also writes alone (黑龙滩水库 … 黑龙滩): the water named is the longer one."""
    text = ctx.text
    if not start or not "\u4e00" <= text[start - 1] <= "\u9fff" or text[start - 1] in LIST_MARKS + DEGREE_CHARS + "的在":
        return False
    suffix = next((s for s in suffixes if name.endswith(s) and len(name) > len(s)), None)
    if suffix is None or any(c.end == start for c in ctx.found):
        return False  # 宁海县|白溪: a name written before it ends there
    longer, stem = text[start - 1] + name, text[start - 1] + name[:-len(suffix)]
    return text.count(longer) == text.count(name) and text.count(stem) > text.count(longer)


def _division_meant(ctx: Context, name: str, start: int, end: int, part_words: frozenset[str]) -> bool:
    """Whether a listed water name that is also a division's short name (黑龙江, 晋江, 牡丹江) means the
    division here: the article writes the division in full (黑龙江省) or this mention is listed next to a
    division (河北、黑龙江), and no word of the water or bridge follows it (黑龙江流域, 牡丹江水质, 黑龙江铁路大桥)."""
    text = ctx.text
    if _water_meant(ctx, end, part_words) or "桥" in text[end:end + 4]:
        return False  # 黑龙江流域; 中俄黑龙江铁路大桥: a bridge crosses the water
    if any(name + level in text for level in LEVEL_CHARS):
        return True
    divisions = [c for c in ctx.found if c.cls in DIVISION_CLASSES]
    before = start and text[start - 1] in LIST_MARKS and any(c.end == start - 1 for c in divisions)
    after = text[end:end + 1] in LIST_MARKS and any(c.start == end + 1 for c in divisions)
    return bool(before or after)


def _verb_stem(ctx: Context, start: int, at: int, single_chars: dict[str, tuple[str, int]]) -> bool:
    """Whether the stem [start, at) is one token that jieba tags as a verb and builds of verb characters
    (排进: 排 v, 进 v): the water is its object (not 夷望|溪水, whose 夷 is no verb)."""
    stem = ctx.text[start:at]
    one_token = start in ctx.token_starts and at in ctx.token_ends \
        and not any(i in ctx.token_starts for i in range(start + 1, at))
    return one_token and [t for _, t in tag(stem)] == ["v"] \
        and all(single_chars.get(ch, ("", 0))[0] == "v" for ch in stem)


def _common_verb(ch: str, single_chars: dict[str, tuple[str, int]], least: int) -> bool:
    """Whether a character alone is a verb (v, or zg: 护) of jieba's with at least this frequency."""
    pos, freq = single_chars.get(ch, ("", 0))
    return pos in ("v", "zg") and freq >= least


def _slogan_after(text: str, end: int) -> bool:
    """Whether a one-character suffix ending at `end` opens a four-character phrase of two states of the
    water (河|畅水清, 湖|美水清): the water character is the slogan's, not a name's end."""
    states, scenes = value_set("water_state_char"), value_set("water_scene_char")
    nxt = text[end:end + 3]
    return len(nxt) == 3 and nxt[0] in states and nxt[1] in scenes and nxt[2] in states


PLACE_COUNT = "”?[两二三四五六七八九十]+(?:地|市|省|城|县|区)"


def _places_counted(text: str, name: str) -> bool:
    """Whether the article counts the name's characters as places right after it (“苏锡常湖”四地):
    one-character short names listed, the last of which looks like a water suffix (湖 of 湖州)."""
    return re.search(re.escape(name) + PLACE_COUNT, text) is not None


RIVER_CHARS = tuple("河江溪")
SECTION_LEVEL = "国省市控考"  # 锦江国控|黄龙溪断面: the level of the section between the river and its name


def _glued_verb_names(found: list[Candidate], bodies, single_chars: dict[str, tuple[str, int]]) -> dict[int, Candidate]:
    """The names read from a suffix that open with a common verb or function character when the article
    also writes the rest alone (倒进莲花溪 … 莲花溪的水质: 进 is the verb's, the river is 莲花溪; 第N次来朱湖 …
    朱湖区域: a counter and a verb), by id,
    each with the name that starts after it."""
    names = {c.text for c in found}
    out = {}
    for c in found:
        for k in (1, 2):  # 次来朱湖 … 朱湖区域: a counter and a verb, both common, before the name
            rest = c.text[k:]
            if c.text not in bodies and len(rest) >= 2 and rest in names \
                    and all(single_chars.get(ch, ("", 0))[1] >= COMMON_CHAR_FREQ for ch in c.text[:k]):
                out[id(c)] = Candidate(rest, c.cls, c.start + k, c.end, dict(c.attrs) | {"canonical": rest})
                break
    return out


def _section_places(text: str, found: list[Candidate], others: list[Candidate], bodies) -> set[int]:
    """The rivers built from a suffix that only open the name of a section on another water body written just
    before it (锦江国控|黄龙溪断面: 黄龙溪 is the section's place on 锦江, no river of its own there)."""
    ends = {c.end for c in found if c.cls in WATER_CLASSES}
    ends |= {c.end for c in others if c.text.endswith(RIVER_CHARS)}  # 锦江 read as 锦江区 is the river here too
    out = set()
    for sec in found:
        if sec.cls != "MonitoringSection":
            continue
        gap = next((k for k in range(0, 3) if sec.start - k in ends
                    and all(ch in SECTION_LEVEL for ch in text[sec.start - k:sec.start])), None)
        if gap is None:
            continue
        out.update(id(c) for c in found if c.cls == "River" and c.start == sec.start and c.end < sec.end
                   and c.text not in bodies)
    return out


NAME_RUN = r"[^\s，。、；：！？“”《》‘’…—,.;:!?]"  # the characters a longer name runs on with
NOT_ORG_RUN = frozenset("河江湖海溪渠塘库源湿")  # 饶河|源国家湿地公园…中心区: water still named in the run


def _organisation_openers(text: str, found: list[Candidate]) -> set[int]:
    """The water names, by id, that the article writes only as the opening of an organisation's or
    zone's name ending in a head of water_org_head (宁丰河|化工（集团）有限公司, 宁丰湖|综合性科学中心): a
    company or centre named after it, no water of the article."""
    heads = "|".join(re.escape(h) for h in values_of("water_org_head"))
    run = re.compile(NAME_RUN + "{0,12}?(?:" + heads + ")")
    out = set()
    for c in found:
        spans = [m.end() for m in re.finditer(re.escape(c.text), text)]
        if spans and all((m := run.match(text, e)) and not NOT_ORG_RUN & set(m.group()) for e in spans):
            out.add(id(c))
    return out


# jieba tags of words that are names (places, persons, brands, abbreviations) or numerals (三里河, 十八联圩)
NAME_TAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nz", "nt", "j", "m"})
PORT_AFTER = "口区城务航澳"  # 港口, 港区, 港城, 港务, 港航, 港澳


def _generic_opener(stem: str, times: int) -> bool:
    """Whether a water name's stem opens with a common word that is no name (农村|小河, 人工|运河,
    记者|寇江, 我国|湿地; not 长江|湿地, 三里|河, 金银|湖): a description of water, not its name. A stem
    that is such a word alone names the water when the article writes the name again (安定湖 … 安定湖)."""
    words = cut(stem)
    tag = lexicon.common_word_tags().get(words[0]) if words else None
    return tag is not None and tag not in NAME_TAGS and (len(words) > 1 or times < 2)


def _port(ctx: Context, start: int, at: int, division_shorts) -> bool:
    """Whether 港 at `at` ends a port's name rather than a river's: 港 inside a word (临港, 天津港,
    自贸港) or opening one (港汇), before 口/区/务 (港口, 港区), in an article that writes words of shipping (port_word: 货物, 码头)
    or after a division (泸州|港, 荆州石首|港)."""
    text = ctx.text
    stem = text[start:at]
    if at not in ctx.token_starts or text[at + 1:at + 2] in PORT_AFTER:
        return True
    word = _word_at(ctx, at)
    if len(word) > 1 and word[1:] not in value_set("water_part_word") and not text.startswith(WATER_QUALITY_WORDS, at + 1):
        return True  # 高新区|港汇|天地: 港 opens a word of its own (a mall's name), no river ends there
    if any(w in text for w in values_of("port_word")):
        return True  # 果园港 … 货物, 北部湾港 … 码头: an article on shipping names ports
    names = lexicon.division_names()
    return any(stem.endswith(n) for n in names) or any(stem.endswith(n) for n in division_shorts if len(n) >= 2)


def _after_lead_char(ctx: Context, start: int, at: int, single_chars: dict[str, tuple[str, int]]) -> int | None:
    """Where a water name whose one-character suffix is at `at` begins, once common single characters
    are weighed: a common verb or function character alone names nothing (看湖, 因河), one opening a
    longer stem is left out (像|大柏河), and a verb glued to the suffix takes it as its object (化工|围江)."""
    text = ctx.text
    if at - start == 1:
        pos, freq = single_chars.get(text[start], ("", 0))
        return None if freq >= COMMON_CHAR_FREQ else start
    glued = at - 1 in ctx.token_starts and at + 1 in ctx.token_ends
    pos, freq = single_chars.get(text[at - 1], ("", 0))
    if glued and pos in ("v", "zg") and freq >= GLUED_VERB_FREQ and text[at - 1:at + 1] not in lexicon.verb_water_words():
        return None
    if at - start >= 3 and start + 1 in ctx.token_starts and single_chars.get(text[start], ("", 0))[1] >= COMMON_CHAR_FREQ:
        return start + 1
    return start


def _person_named(text: str, start: int, end: int, surnames: frozenset[str], follow: tuple[str, ...]) -> bool:
    """Whether a two- or three-character 'water name' is a person's: a surname, then a title or a
    verb of speech after it anywhere in the article (张德江委员长 … 张德江在湖南, 郝玉江说, 刘炳江委员
    but not 淮河委员会), or a transliterated name before it (西来力·玉素甫江)."""
    if start and text[start - 1] == "·":
        return True
    if end - start not in (2, 3) or text[start] not in surnames:
        return False
    name = text[start:end]
    i = text.find(name)
    while i >= 0:
        after = i + len(name)
        if text.startswith(follow, after) and not text.startswith("委员会", after):
            return True
        i = text.find(name, after)
    return False


def _surname_opening_name(ctx: Context, at: int, surnames: frozenset[str]) -> bool:
    """Whether the one-character suffix at `at` is a surname opening a token of three characters that
    jieba reads as a person's name (嫌疑人|江石忠), not a word of the dictionary."""
    token = _word_at(ctx, at)
    return len(token) == 3 and token[0] in surnames and lexicon.common_word_tags().get(token) is None \
        and any(t in PERSON_TAGS for _, t in tag(token)[:1]) and len(tag(token)) == 1


PERSON_TAGS = frozenset({"nr", "nrfg", "nrt"})


def _quoted_only(text: str):
    """A test of whether a span lies inside quotation marks, and the article never writes it unquoted:
    a water name quoted is a nickname (“酱油湖”的南四湖), a slogan or title (“最美家乡河”评选, “城进湖退”) or
    a ship (“远智湖”号); a real river's name is written plainly at least once."""
    spans = [(s, e) for s, e, _ in quoted_spans(text)]

    def quoted(start: int, end: int) -> bool:
        if not any(s <= start and end <= e for s, e in spans):
            return False
        name = text[start:end]
        i = text.find(name)
        while i >= 0:
            if not any(s <= i and i + len(name) <= e for s, e in spans):
                return False
            i = text.find(name, i + 1)
        return True
    return quoted


def _water_meant(ctx: Context, at: int, part_words: frozenset[str]) -> bool:
    """Whether the words at `at` say where on a water body or what of its water (沿线, 两岸, 流域, 水质)."""
    text = ctx.text
    return bool(_word_at(ctx, at) in part_words or RIVER_CUE_RE.match(text, at) or text.startswith(WATER_QUALITY_WORDS, at))


def _township_named(name: str, text: str, end: int, heads: tuple[str, ...]) -> bool:
    """Whether a water-like name is a township's name without its head (漕泾 of 漕泾镇, 吴泾, 坪塘 of
    坪塘街道), the article meaning the town: not when a river's cue or water words follow (…流域, …水质)."""
    if not any(name + h in lexicon.townships() for h in heads):
        return False
    return not (RIVER_CUE_RE.match(text, end) or text.startswith(WATER_QUALITY_WORDS, end))


def _head_follows(text: str, end: int, heads: tuple[str, ...], not_heads: tuple[str, ...]) -> bool:
    """Whether a word at `end` makes the water name before it part of another kind of name (广渠|路, 坝河|西路,
    潞河|医院, 香江|新村社区, 团山湖|村, 湘江|新区; not 白溪|村民, 汇龙湖|公园, 长江|大桥)."""
    return text.startswith(heads, end) and not text.startswith(not_heads, end)


DEGREE_CHARS = "更也又越最"  # 水更清河更畅: a degree adverb inside a parallel phrase


def _state_phrase(text: str, start: int, end: int) -> bool:
    """Whether a two-character water name of a state and a water character (清河, 黑河) stands in a parallel
    phrase of such pairs, a description of the water: 水[更]清|河[更]畅 (a scene's thing before it and a state
    after it), 清河|净滩 (another state and thing after it), 臭河、|黑河 (a state and a water character listed
    next to it)."""
    if end - start != 2:
        return False
    states, scenes = value_set("water_state_char"), value_set("water_scene_char")
    if text[start] not in states:
        return False
    before = start - 1 if start and text[start - 1] in DEGREE_CHARS else start
    after = end + 1 if text[end:end + 1] in DEGREE_CHARS else end
    if before and text[before - 1] in scenes and text[after:after + 1] in states:
        return True
    if text[end:end + 1] in states and text[end + 1:end + 2] in scenes:
        return True
    left, right = text[max(start - 3, 0):start], text[end:end + 3]
    return (len(left) == 3 and left[2] in "、和" and left[0] in states and left[1] in scenes) or \
        (len(right) == 3 and right[0] in "、和" and right[1] in states and right[2] in scenes)


def _longer_word_start(ctx: Context, start: int, end: int) -> int | None:
    """Where the one token that holds [start, end) and ends with it begins, when it begins before it
    (大沙河 holds 沙河): a listed name read at the end of a longer word is that word's end."""
    if start in ctx.token_starts or end not in ctx.token_ends:
        return None
    starts = ctx.sorted_starts
    i = bisect_right(starts, start)
    if i == 0 or (i < len(starts) and starts[i] < end):
        return None
    return starts[i - 1]


def _word_at(ctx: Context, start: int) -> str:
    """The token that begins at `start`, or '' when none begins there."""
    if start not in ctx.token_starts:
        return ""
    starts = ctx.sorted_starts
    i = bisect_right(starts, start)
    return ctx.text[start:starts[i] if i < len(starts) else len(ctx.text)]


def _has_generic_pair(stem: str, generic_chars: frozenset[str]) -> bool:
    """Whether two water characters stand together in a stem (江河, 河湖): a common noun inside."""
    return any(a in generic_chars and b in generic_chars for a, b in zip(stem, stem[1:]))


def _generic_pair(ctx: Context, at: int, generic_chars: frozenset[str]) -> bool:
    """True when the one-character suffix at `at` and a water character next to it make one token
    of two characters (河湖, 湖泊, 沟渠 before it; 江河 after it): a common noun, not a name's end."""
    text = ctx.text
    before = at >= 1 and text[at - 1] in generic_chars and at - 1 in ctx.token_starts and at + 1 in ctx.token_ends
    after = text[at + 1:at + 2] in generic_chars and at in ctx.token_starts and at + 2 in ctx.token_ends
    return bool(before or after)
