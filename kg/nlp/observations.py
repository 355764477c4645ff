"""Observations: the figures an article reports, as number + unit + indicator + year + subject.

A figure with a measuring unit (天, %, 亿元, 微克) names its indicator before the number
(优良天数首次达300天); a counted thing (家, 件, 个, 项) is named after it (59家企业完成信用修复);
a change (较…改善23.4%) carries the indicator of the figure before it.
"""

from __future__ import annotations

import re
from collections import Counter
from bisect import bisect_left, bisect_right
from decimal import Decimal, InvalidOperation
from functools import lru_cache


from kg import lexicon
from kg.indicators import classify
from kg.nlp.link import Linked, resolve_level
from kg.nlp.recognizers import DIVISION_CLASSES, PLACE_CLASSES, WATER_CLASSES, Candidate, top_level
from kg.nlp.recognizers.country import COUNTRY_CLASS
from kg.nlp.text import after_last, sentence_at, sentences
from kg.nlp.tokenizer import tag
from kg.normalize import strip_quotes
from kg.types import Observation

SEPARATORS = "，、；。：！？\n（）()"
CN_NUMBER = "零〇一二两三四五六七八九十百千万亿"
SUBJECT_CLASSES = (COUNTRY_CLASS,) + DIVISION_CLASSES + WATER_CLASSES + ("Bureau", "GovernmentBody", "Landmark", "Event")
AGENT_SUBJECT_CLASSES = (COUNTRY_CLASS,) + DIVISION_CLASSES + ("Bureau", "GovernmentBody")
PLAN_PERIOD_RE = re.compile(r"(?:较|比|与|同)?十[一二三四五六七八九]五(?:末|期间|以来|时期|初)?")
TARGET_WORDS = ("力争", "到", "至", "计划", "预计", "目标", "争取")
BASELINE_WORDS = ("较", "比", "与", "同", "相比", "相较")
BASELINE_YEAR_RE = re.compile(r"(?:较|相较|相比|比)(?:19|20)\d{2}年(?:同期|末|底)?")
COUNT_NOUN_ENDS = ("水质", "达", "为", "的", "平均", "占")
FROM_RE = re.compile(r"已?(?:从|由)[^，。；、]{0,12}$")
MOVE_VERBS = ("增加", "增长", "提高", "提升", "上升", "下降", "降低", "减少", "发展", "恢复", "降", "升", "增")
CHANGE_TO = tuple(f"{lead}{w}{t}" for lead in ("", "，") for w in MOVE_VERBS for t in ("到", "至"))  # ，减少到: the same sentence
# …从禁渔前的193种增加到227种, 由2015年的89微克/立方米降至2023年的49微克/立方米
MOVED_TO_RE = re.compile(r"已?(?:从|由)[^，。；]{0,16}?(?:" + "|".join(MOVE_VERBS) + r")(?:到|至)"
                         r"(?:(?:19|20)\d{2}年(?:底|末)?的?)?$")
SCOPE_RE = re.compile(r"(?:全|该)([省市县区])")
YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})年")
MOVED_BEFORE_RE = re.compile("(?:" + "|".join(MOVE_VERBS + ("跃升", "攀升", "降")) + ")(?:到|至)$")  # 跃升到2021年: a move
BASELINE_AFTER_RE = re.compile(r"(?:同期|底|末)?的?(?:相比|相较|比较)")  # 与疫情前的2019年同期相比: a baseline
SPAN_TO_RE = re.compile(r"(?:到|至|—|－|-|~|～)(?:19|20)\d{2}年")  # 2013年|到2022年
SPAN_FROM_RE = re.compile(r"(?:19|20)\d{2}(?:年|年度)?(?:到|至|—|－|-|~|～)$")  # 2013年到|2022年, 2015—|2020年
SAME_YEAR = ("当年", "同年", "是年")  # a sentence opening that refers to the year written before
EVENT_DATE_RE = re.compile(r"\d{1,2}月(?:\d{1,2}[日号])?(?!份|底|末|初|上旬|中旬|下旬|[-—–~至到\d])")  # 2020年7月|，…
START_POINT_RE = re.compile(r"[^，。；！？\n]{0,8}?(?:起|开始|以来)")  # 从2015年|开始, 自2007年1月|起
OWN_TIME_RE = re.compile(r"目前|如今|现在|当前|至今|迄今|年来|以来|今年|这些年|这几年|近年")  # a time of its own, no year
MONTHS_RE = re.compile(r"\d{0,2}\s*[-—–~至]\s*\d{1,2}月份?|(?<![\d.])\d{1,2}月份?(?:底|初|末)?")
TOPIC_YEAR_RE = re.compile(r"(?:底|末|全年|上半年|下半年|前三季度|\d{1,2}月(?:份|底)?|\d{1,2}[-—至]\d{1,2}月)?，")  # 2025年，|2024年上半年，
SEPARATOR_RE = re.compile(f"[{re.escape(SEPARATORS)}]")
DIGIT_RE = re.compile(r"\d")
DECIMAL_RE = re.compile(r"\d+(\.\d+)?")
NAMED_RE = re.compile("[\u4e00-\u9fffA-Za-z]")
BLOCKING_CLASSES = ("Event", "Regulation", "Measure")  # a figure inside these names is part of the name


@lru_cache(maxsize=1)
def _number_re() -> re.Pattern:
    units = "|".join(re.escape(w) for w, _, _ in lexicon.observation_units())
    # 5部门, 零部件: words that begin like a unit (部) are none
    words = "|".join(re.escape(w) for w in _words_of("not_unit")) or "(?!)"
    return re.compile(rf"(?<![A-Za-z\d.,第/])(\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|[{CN_NUMBER}]+)(余|多)?"
                      rf"((?!{words})(?:{units})|(?:万|亿)(?:余|多)?(?!{words})(?:{units}))?")


def _written_unit(m: re.Match) -> str:
    """The unit as written, without an 余/多 after its magnitude (7万余只 -> 万只)."""
    unit = m.group(3) or ""
    return unit[0] + unit[2:] if len(unit) > 2 and unit[1] in "余多" and unit[0] in "万亿" else unit


def parse_number(text: str) -> Decimal | None:
    """A number as written: Arabic digits or Chinese numerals.

    >>> parse_number("10.61"), parse_number("三十"), parse_number("百"), parse_number("1,234.5")
    (Decimal('10.61'), Decimal('30'), None, Decimal('1234.5'))
    """
    text = text.replace(",", "")  # 1,234.5: thousands grouped
    try:
        if DECIMAL_RE.fullmatch(text):
            return Decimal(text)
        if len(text) >= 2 or text in "一二三四五六七八九十两":
            import cn2an  # on first use: importing it takes 0.1 s, and most figures are written in digits

            return Decimal(str(cn2an.cn2an(text, "smart")))
    except (ValueError, KeyError, InvalidOperation):  # cn2an raises KeyError on some malformed numerals (十十一)
        return None
    return None


def report_year(text: str, sentence_start: int, offset: int, skip: tuple[int, int] = (0, 0)) -> str:
    """The year a figure belongs to: one written in its sentence, else the last earlier year
    that is not a target (力争2025年, 到2030年 look ahead, they date nothing before them).
    Years starting inside `skip` date another figure (由2015年的66%|提高到83.4%: the one moved from)."""
    years = _years(text)
    # in the sentence: the years starting at sentence_start or later and ending by offset
    for i in range(bisect_right(years.ends, offset) - 1, bisect_left(years.starts, sentence_start) - 1, -1):
        if skip[0] <= years.starts[i] < skip[1]:
            continue
        if years.start_point[i] and _alternation(_words_of("since_start")).search(text, years.ends[i], offset):
            return ""  # 从2013年起，…累计淘汰1200家: the sum over the span since, not the figure's year
        if years.dates[i]:
            return years.years[i]
        if years.since[i]:
            return ""  # 2022年以来，全省共立案…: the sentence gives its own span, no earlier year dates it
    if OWN_TIME_RE.search(text, sentence_start, offset):
        return ""  # 目前…, 十年来…: the sentence says its own time, an earlier sentence's year is not it
    paragraph = text.rfind("\n", 0, sentence_start) + 1
    earlier = range(bisect_right(years.ends, sentence_start) - 1, -1, -1)
    # 2012年12月，总书记考察…⏎2015年，…⏎森林覆盖率达到62%: in a chronology (more than one year has dated
    # what came before), the year of an earlier paragraph is that paragraph's event, not this figure's time
    chronology = len({years.years[i] for i in earlier if years.dates[i] and not years.target[i]}) > 1
    for i in earlier:
        if years.starts[i] < paragraph and chronology:
            break
        # a year dates the figures of its own paragraph; an earlier paragraph's only when it opens a
        # sentence as its time (2025年，高平市…), not one said in passing (2015年从河北开始试点)
        if years.dates[i] and not years.target[i] and (years.starts[i] >= paragraph or years.topic[i]):
            # an event's date or a span's start is the last time said before the figure: no earlier year dates it
            referred = text.startswith(SAME_YEAR, sentence_start)  # 当年，…: the year said before, whatever it dated
            return "" if (years.start_point[i] or years.event[i]) and not referred else years.years[i]
    return ""


class _Years:
    """The years written in a text (YEAR_RE matches: they cannot overlap), in order."""

    def __init__(self, text: str) -> None:
        matches = list(YEAR_RE.finditer(text))
        self.starts = [m.start() for m in matches]
        self.ends = [m.end() for m in matches]
        self.years = [m.group(1) for m in matches]
        # not 1979年有监测记录以来 (a reference point), nor 较2020年 (the baseline of a change)
        self.dates = ["以来" not in text[m.end():m.end() + 12]
                      and not text[max(0, m.start() - 2):m.start()].endswith(BASELINE_WORDS)
                      and not BASELINE_AFTER_RE.match(text, m.end()) for m in matches]
        self.topic = [TOPIC_YEAR_RE.match(text, m.end()) is not None and text[max(0, m.start() - 1):m.start()] in "。！？\n"
                      for m in matches]
        self.since = [text.startswith("以来", m.end()) for m in matches]
        # 从2015年开始试点, 自2007年1月起: where a span starts, it dates no figure of a later sentence
        # 2020年7月，最高检部署…, 2023年5月5日对…进行了调查: the time of one event, it dates its own sentence only
        # 从2013年到2022年，…下降57%: the ends of a span date the change over it, in its own sentence only
        self.event = [EVENT_DATE_RE.match(text, m.end()) is not None or SPAN_TO_RE.match(text, m.end()) is not None
                      or SPAN_FROM_RE.search(text, max(0, m.start() - 8), m.start()) is not None for m in matches]
        self.start_point = [text.endswith(("从", "自"), 0, m.start()) and START_POINT_RE.match(text, m.end()) is not None
                            for m in matches]
        self.target = [text[max(0, m.start() - 2):m.start()].endswith(TARGET_WORDS)
                       and not MOVED_BEFORE_RE.search(text, max(0, m.start() - 4), m.start())
                       or _in_title(text, m.start())
                       for m in matches]  # 《…规划（2022—2030年）》: a title's years date no figure after it


def _in_title(text: str, offset: int) -> bool:
    """Whether `offset` lies inside a 《…》 title (opened in its sentence, closed after it)."""
    opened = text.rfind("《", after_last(text, "。！？\n", offset), offset)
    return opened >= 0 and text.find("》", offset) >= 0 and "》" not in text[opened:offset]


@lru_cache(maxsize=4)
def _years(text: str) -> _Years:
    """The years of an article, found once (report_year is asked once per figure)."""
    return _Years(text)


def format_decimal(value: Decimal) -> str:
    """A decimal without exponent or trailing zeros.

    >>> format_decimal(Decimal("100")), format_decimal(Decimal("1.40"))
    ('100', '1.4')
    """
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _bound_after(rest: str) -> bool:
    """True when `rest` opens with a position word that belongs to the word before it (流域|内新增…):
    that word is part of the indicator, not a lead to cut."""
    tagged = tag(rest[:6]) if rest else []
    return bool(tagged) and tagged[0][0] in _words_of("bound_after")


def _trim(phrase: str, mentions: list[Candidate], offset: int) -> str:
    """Drop leading subjects and time words and trailing verbs from an indicator phrase."""
    words = lexicon.indicator_words()
    span_end = offset + len(phrase)
    phrase = strip_quotes(phrase).rstrip()  # 达标率为 91.4%: the space before the figure hides the verb
    phrase = BASELINE_YEAR_RE.sub("", phrase)  # 较2020年: the baseline goes with its year
    phrase = YEAR_RE.sub("", phrase)
    phrase = PLAN_PERIOD_RE.sub("", phrase)
    phrase = MONTHS_RE.sub("", phrase)  # 1-7月预审通过建设项目: the months date it, they name nothing
    phrase = _time_span_re().sub("", phrase)  # PM2.5二十四小时之内均值: the span dates it, it names nothing
    phrase = phrase.lstrip("-—–")  # 2015—|2020年…占比: the dash of a span whose years were cut
    subjects = mentions if offset >= 0 else ()  # offset -1: not one piece of the text, no subjects to cut
    for m in subjects:
        if m.cls not in SUBJECT_CLASSES or not offset <= m.start < span_end:
            continue
        name = strip_quotes(m.text)
        if name in phrase:
            phrase = phrase[phrase.rindex(name) + len(name):]  # what is measured comes after its subject
            phrase = phrase[len(next((w for w in SUBJECT_INSIDE if phrase.startswith(w)), "")):]  # 公园|内藏羚羊
    for m in _group_count_re().finditer(phrase):  # 沿黄9省区|排污口整治完成率: the group is the subject, what is measured follows
        phrase = phrase[m.end():]
        break
    lead, tail = tuple(sorted(words.get("lead", ()), key=len, reverse=True)), words.get("tail", ())
    changed = True
    while changed and phrase:
        changed = False
        if phrase.startswith(lead):  # else no word of the loop applies (the phrase stays as it is)
            for w in lead:  # longest first: 已经有 is cut whole, not 已 of it (经有淤地坝)
                if phrase.startswith(w) and not _bound_after(phrase[len(w):]):  # 共有 alone: nothing named before the figure
                    phrase, changed = phrase[len(w):], True
                    break  # the rest is matched longest first again (流域|已经有)
        if phrase.endswith(tail):
            for w in tail:
                if phrase.endswith(w) and len(phrase) > len(w):
                    phrase, changed = phrase[:-len(w)], True
    return phrase.strip(" 的")


SUBJECT_INSIDE = ("境内", "区内", "内")  # after a subject's name: inside it, not part of what is measured


RELATIVE_YEARS = (("前年", -2), ("去年", -1), ("上年", -1))


def _relative_year(before: str, dated: str) -> str:
    """The year of a figure from the year its article is dated: 去年 is the year before."""
    if not dated:
        return ""
    own_year = re.sub("今年以?来", "", before)  # 今年以来，…: this year's own span
    if any(word in own_year for word in _words_of("span_of_years")):
        return ""  # 十年来，…累计营造林8114万亩: a sum over years ending now, not the article year's
    shift = next((n for word, n in RELATIVE_YEARS if word in before), 0)
    return str(int(dated) + shift)


ASIDE = "\ue000"  # stands in for a parenthesised aside, keeping the phrase's offsets
SYMBOL_RE = re.compile(r"[A-Za-z][A-Za-z0-9.]*")


def _past_aside(text: str, clause: int, start: int, floor: int) -> tuple[int, str]:
    """The clause of a figure and its text up to the figure, reaching back past a parenthesised
    aside that ends the clause before it (水质优良（Ⅰ～Ⅲ类）断面比例为94.4%), the aside blanked out."""
    if clause <= floor or text[clause - 1] not in "）)":
        return clause, text[clause:start]
    opening = max(text.rfind("（", floor, clause), text.rfind("(", floor, clause))
    if opening < 0 or clause - opening > 20:
        return clause, text[clause:start]
    outer = _clause_start(text, opening, floor)
    aside = text[opening + 1:clause - 1]
    if not SYMBOL_RE.fullmatch(aside):  # 细颗粒物（PM2.5）年均浓度: a symbol stays, without its marks
        aside = ASIDE * len(aside)
    return outer, text[outer:opening] + ASIDE + aside + ASIDE + text[clause:start]


ENUMERATION_END_RE = re.compile(r"等(?:共计|共|合计|计)?$")


def _enumeration(text: str, floor: int, start: int, mentions: list[Candidate]) -> tuple[int, int] | None:
    """(clause start, list start) of a list of named things (大熊猫、川金丝猴、绿尾虹雉等) that ends
    right before a figure, when a category is written before the list; else None."""
    if not ENUMERATION_END_RE.search(text, max(floor, start - 3), start):
        return None  # most figures: no list before them, no clause to look for
    clause = after_last(text, "，；。：！？\n（）()", start, floor)  # 、 joins the list
    if "、" not in text[clause:start]:
        return None
    first = next((m for m in mentions if clause < m.start and m.end <= start and text[m.end:m.end + 1] == "、"), None)
    if first is None or not NAMED_RE.search(text[clause:first.start]):
        return None
    return clause, first.start


def _clause_start(text: str, pos: int, floor: int) -> int:
    """Just after the last separator in [floor, pos), else floor."""
    seps = _separators(text)
    i = bisect_left(seps, pos) - 1
    return seps[i] + 1 if i >= 0 and seps[i] >= floor else floor


@lru_cache(maxsize=4)
def _separators(text: str) -> list[int]:
    """Offsets of the separator characters of an article, found once."""
    return [m.start() for m in SEPARATOR_RE.finditer(text)]


@lru_cache(maxsize=1)
def _unit_kinds() -> dict[str, tuple[str, str]]:
    """Unit as written -> (canonical unit, kind)."""
    return {w: (u, k) for w, u, k in lexicon.observation_units()}


@lru_cache(maxsize=None)
def _alternation(words: tuple[str, ...]) -> re.Pattern:
    """The words joined with | as written (no escaping: the same pattern as before)."""
    return re.compile("|".join(words))


RESPECTIVELY_RE = re.compile(r"分别(为|是|达到|达|下降|上升|增加|减少|提高|降低|增长|削减|完成|改善)?")
RESPECTIVELY_IS = ("为", "是", "达到", "达")  # the other verbs stay in the indicator: 氨氮排放量削减
LIST_SEP_RE = re.compile(r"以及|[、和及与,，]")


def respective_figures(text: str, mentions: list[Candidate]) -> dict[int, tuple[str, str]]:
    """Figures given one per item of a list (PM2.5、PM10年均浓度分别为42、78微克/立方米；同比分别下降
    4.5%和3.7%): offset of each number -> (its indicator, the unit the list shares)."""
    number_re = _number_re()
    change_words = _words_of("change")
    tails = sorted(_words_of("shared_tail"), key=len, reverse=True)
    out: dict[int, tuple[str, str]] = {}
    previous: tuple[int, list[str]] = (-1, [])  # (clause start, indicators) of the list before
    for m in RESPECTIVELY_RE.finditer(text):
        values, pos = [], m.end()
        while (n := number_re.match(text, pos)) is not None:
            values.append(n)
            sep = LIST_SEP_RE.match(text, n.end())
            if sep is None:
                break
            pos = sep.end()
        if len(values) < 2:
            continue
        head_start = after_last(text, "，。；：！？\n", m.start())
        items, start = [], head_start
        for sep in [*LIST_SEP_RE.finditer(text, head_start, m.start()), None]:
            end = sep.start() if sep is not None else m.start()
            items.append(_trim(text[start:end], mentions, start))
            start = sep.end() if sep is not None else start
        change = m.group(1) if m.group(1) and m.group(1) not in RESPECTIVELY_IS else ""
        if len(items) != len(values):
            same_sentence = previous[0] >= 0 and text.rfind("。", previous[0], m.start()) < 0
            if m.group(1) not in change_words or len(previous[1]) != len(values) or not same_sentence:
                continue
            items = previous[1]  # 同比分别下降4.5%和3.7%: the items of the list before
        else:
            tail = next((t for t in tails if items[-1].endswith(t) and not items[0].endswith(t)), "")
            items = [item if item.endswith(tail) else item + tail for item in items]
            previous = (head_start, items)
        unit = _written_unit(values[-1])
        for n, item in zip(values, items):
            out[n.start()] = (item + change, _written_unit(n) or unit)
    return out


AFTER_FIGURE_RE = re.compile(r"(?:以上|以下|左右|之多)?的?")


LOOSE_END_TAGS = ("d", "p", "c", "u", "ad")  # adverbs, prepositions, conjunctions, particles
PERSON_RE = re.compile(r"[\u4e00-\u9fff]某")  # 张某某, 周某: a person named in a case report
LONG_INDICATOR = 20  # characters: longer, with no quantity noun near its end, it is a clause, not a name
QUANTITY_END = 8


def _checked(indicator: str) -> str:
    """The indicator without the loose words at its end (森林覆盖率已 -> 森林覆盖率), or "" when it
    names no quantity: it opens with a word no name of a quantity opens with (为优, 再停驶, 听取…),
    it is a clause about people (张某某等购买), it is a quantity of the economy (净利润, 游客), it holds only
    common verbs and function words (停产), or it is a long clause that ends in no quantity noun."""
    words = lexicon.indicator_words()
    tagged = tag(indicator)
    if not tagged or tagged[0][0] in words.get("not_open", ()):
        return ""
    if PERSON_RE.search(indicator) or any(w in words.get("person", ()) for w, _ in tagged):
        return ""
    if _about_economy(indicator):
        return ""  # 人均可支配收入, 净利润, 接待游客: the economy, not the environment
    while len(tagged) > 1 and (tagged[-1][0] in words.get("loose_end", ())
                               or tagged[-1][1] in LOOSE_END_TAGS and len(tagged[-1][0]) > 1):  # not 占|比
        tagged.pop()
    if any(w in words.get("clause_particle", ()) for w, _ in tagged[:-1]):
        return ""  # 央企开展了督察, 企业签订了来自欧洲: a clause, not the name of a quantity
    indicator = "".join(w for w, _ in tagged)
    if len(indicator) < 2:
        return ""  # 省, 村, 群 (6群37只): one character names no quantity
    if not _names_something(indicator, words):
        return ""  # 年均增长, 同比上升: a change whose quantity was not found
    quantity = words.get("quantity_noun", ())
    common = lexicon.function_words()  # 停产, 增加, 建成: a common verb or adverb names no thing
    if all(w in common for w, _ in tagged) and not indicator.endswith(quantity):
        return ""
    # 地级及以上城市平均空气质量优良天数比例上升: a long name still ends in its quantity (and a change)
    if len(indicator) > LONG_INDICATOR and not any(w in indicator[-QUANTITY_END:] for w in quantity):
        return ""
    return indicator


def _without_loose_end(before: str) -> str:
    """The words before a count without the loose words at their end (设有近|400个展位 -> 设有): an
    approximation or adverb before the number is the figure's, not part of what it counts. A word no
    indicator opens with stays (仅|7个工作日: the figure is then dropped as before)."""
    loose = set(_words_of("loose_end")) - set(_words_of("not_open"))
    tagged = tag(before)
    while tagged and tagged[-1][0] in loose:
        tagged.pop()
    return "".join(w for w, _ in tagged)


OBJECT_TAGS = ("n", "vn", "eng", "a", "b", "m", "q", "f", "s", "j", "l")  # jieba tags a noun phrase is made of


def _without_done(before: str) -> str:
    """The words before a figure without the 了 of the verb whose object holds it (有效保护了省内|75%的…类型
    -> 有效保护省内, 疏通清理了近|420公里 -> 疏通清理): the work done names the figure; a 了 followed by a
    verb or a function word stays, and the phrase is then a clause (企业签订了来自欧洲|…)."""
    words = lexicon.indicator_words()
    tagged = tag(before)
    done = [i for i, (w, _) in enumerate(tagged) if w in words.get("clause_particle", ())]
    if not done:
        return before
    rest = tagged[done[-1] + 1:]
    while rest and rest[0][0] in words.get("loose_end", ()):
        rest = rest[1:]  # 了近|420公里: the approximation goes with the figure
    if not all(t.startswith(OBJECT_TAGS) for _, t in rest):
        return before
    return "".join(w for w, _ in tagged[:done[-1]] + rest)


RANGE_BEFORE_RE = re.compile(r"(?<![\d.])\d{1,3}(?:\.\d+)?[-—–~～]$")  # 1-|2个: a bound written before the figure
RANGE_GAP = 8  # characters between 以上 and the upper bound's number


def _in_range(text: str, m: re.Match, number_re: re.Pattern) -> bool:
    """True when a figure is a bound of a range written …以上…以下 in one clause (处一万元以上十万元以下罚款)."""
    if text.startswith("以上", m.end()):
        stop = SEPARATOR_RE.search(text, m.end())
        upper = number_re.search(text, m.end() + 2, min(m.end() + 2 + RANGE_GAP, stop.start() if stop else len(text)))
        return upper is not None and text.startswith("以下", upper.end())
    if text.startswith("以下", m.end()):
        lower = text.rfind("以上", max(0, m.start() - RANGE_GAP - 2), m.start())
        return lower >= 0 and not SEPARATOR_RE.search(text, lower, m.start()) and \
            any(n.end() == lower for n in number_re.finditer(text, max(0, lower - 12), lower))
    return False


QUOTED_RE = re.compile(r"(“[^”]*”|《[^》]*》)")  # a quoted name, kept whole
PREDICATE_OPEN_TAGS = ("d", "p", "ad", "ul", "uz", "ug", "ud")  # an adverb, preposition or particle


def _counted_thing(after: str) -> str:
    """What a count counts, without the predicate written after it (270个洞窟壁画|已完成数字化采集,
    173个高频事项|可在…通办): the words before the first adverb, preposition or particle that follows a
    noun; as written when none does. A quoted name is one noun (“金角银边”示范场景 is not cut at 边)."""
    tagged = [t for part in QUOTED_RE.split(after) if part
              for t in ([(part, "nz")] if QUOTED_RE.fullmatch(part) else tag(part))]
    for i in range(1, len(tagged)):
        if tagged[i][1] in PREDICATE_OPEN_TAGS and tagged[i - 1][1].startswith(("n", "vn", "j", "eng")):
            return "".join(w for w, _ in tagged[:i])
    return after


MEASURED_ENDS = ("率", "比例", "浓度", "指数", "盖度")  # the words a measured figure's name ends in


def _before_measured(after: str) -> str:
    """What a count counts without the indicator of the measured figure that follows it (74个重点城市|
    优良天数比例为73.4%, 7个盟市|森林覆盖率达16.3%): the words before the shortest ending that names
    a quantity of the scheme; as written when none does."""
    words = [w for w, _ in tag(after)]
    for i in range(len(words) - 1, 0, -1):
        ending, counted = "".join(words[i:]), "".join(words[:i])
        if ending.endswith(MEASURED_ENDS) and not counted.endswith(MEASURED_ENDS) and classify(ending) is not None:
            return counted
    return after


# 本报讯, 本报朔州12日讯, 中新网广州8月2日电: the dateline after a headline (原标题：…46件|本报朔州12日讯)
DATELINE_RE = re.compile(r"本报讯|本台讯|(?:本报|新华社|中新网|新闻|网)?[\u4e00-\u9fff]{0,4}?(?:\d{1,2}月)?\d{1,2}日(?:讯|电)")


def _without_dateline(indicator: str) -> str:
    """An indicator without a dateline written in it: the words after it, else the words before it
    (审结污染环境等刑案本报朔州12日讯 -> 审结污染环境等刑案, 新闻2日电 判决赔付金额 -> 判决赔付金额)."""
    m = DATELINE_RE.search(indicator)
    if m is None:
        return indicator
    return indicator[m.end():].strip() or indicator[:m.start()]


def _value_is_one(number: str) -> bool:
    """Whether a number as written is one (1, 一)."""
    return number in ("1", "一")


def _listed(text: str, c: Candidate) -> bool:
    """Whether a mention is an item of a 、-list (长江、黄河、澜沧江)."""
    return text.startswith("、", c.end) or text.endswith("、", 0, c.start)


OPEN_LIST_RE = re.compile(r"(?:、[^、，；。：！？\n等]{1,12})*等")


def _in_open_list(text: str, c: Candidate, figure: int) -> bool:
    """Whether a mention is an item of a 、-list closed by 等 before the figure (浙江丽水、江西抚州等14个…):
    what follows 等 is the group the figure is about."""
    if not _listed(text, c) and not text.startswith("等", c.end):
        return False
    m = OPEN_LIST_RE.match(text, c.end)
    return m is not None and m.end() <= figure


VALUE_LIST_RE = re.compile(r"[和、](?:\d+(?:\.\d+)?|[一二两三四五六七八九十]+)[\u4e00-\u9fff]?")  # 8家|和21家
VALUE_BEFORE_RE = re.compile(r"\d[\u4e00-\u9fff]{0,2}[和、]$")  # 8家和|21家


@lru_cache(maxsize=1)
def _group_count_re() -> re.Pattern:
    """A count of places that closes a list of them (三地, 两市, 7省（市）, 三省一市)."""
    places = "|".join(map(re.escape, _words_of("group_place")))
    # not 2个区域, 51个县级城市, 12345市民服务热线 (a few places are counted so, not thousands)
    return re.compile(rf"(?:(?<!\d)(?:\d{{1,2}}|[{CN_NUMBER}]+)个?(?:{places})(?![域级民]))+")


@lru_cache(maxsize=1)
def _group_list_re() -> re.Pattern:
    """The rest of a list of places after one item, closed by a count of them (、无锡、常州三地, 两市, 7省（市）)."""
    return re.compile(rf"(?:(?:、|和|及|与)[^、，；。：！？\n等和及与]{{1,12}}?)*{_group_count_re().pattern}")


def _in_counted_group(text: str, c: Candidate, figure: int) -> bool:
    """Whether a mention is an item of a list of places closed by a count of them before the figure
    (苏州、无锡、常州三地累计创建166家): the group is what the figure is about. Not when the figures go one
    to each member (安徽、浙江两省分别出资1亿, 鹤岗、双鸭山两市…仅有8家和21家)."""
    if not (_listed(text, c) or text.endswith(("和", "及", "与"), 0, c.start) or text.startswith(("和", "及", "与"), c.end)):
        return False
    m = _group_list_re().match(text, c.end)
    return m is not None and m.end() <= figure and "分别" not in text[m.end():figure] \
        and not VALUE_BEFORE_RE.search(text[m.end():figure]) and not VALUE_LIST_RE.match(text, _number_re().match(text, figure).end())


def _words_of(kind: str) -> tuple[str, ...]:
    """The words of one kind of indicator_words.tsv."""
    return lexicon.indicator_words().get(kind, ())


def _about_economy(phrase: str) -> bool:
    """Whether a phrase holds an economy or society word and no environment word (indicator_words.tsv)."""
    words = lexicon.indicator_words()
    return any(w in phrase for w in words.get("economy", ()) + words.get("society", ())) \
        and not any(w in phrase for w in words.get("environment", ()))


def _past_figure_noun(phrase: str) -> str:
    """A phrase that opens with 的 right after another figure, without the 的 and the nouns after it: they
    name what the figure before is (64.99元的价格), not what the next one counts."""
    tagged = tag(phrase[1:])
    i = 0
    while i < len(tagged) and tagged[i][1].startswith("n"):
        i += 1
    if not 0 < i < len(tagged) or tagged[i][1] != "v":
        return phrase  # 的风沙线上…, 的闽宁村发展…: no verb right after, the nouns may be what is counted
    return "".join(w for w, _ in tagged[i:])


def _names_something(indicator: str, words: dict[str, tuple[str, ...]]) -> bool:
    """False when an indicator is only change, baseline and averaging words (年均增长, 同比上升)."""
    rest = indicator
    for kind in ("change", "baseline", "names_nothing"):
        rest = _alternation(words.get(kind, ())).sub("", rest)  # longest first (indicator_words)
    return bool(NAMED_RE.search(rest))


def _strip_joints(phrase: str, joints: tuple[str, ...]) -> str:
    """A list item without the words that join it to the next or the one before (以及…, …和)."""
    changed = True
    while changed and phrase not in joints:
        changed = False
        for j in joints:
            if phrase.endswith(j) and len(phrase) > len(j):
                phrase, changed = phrase[:-len(j)], True
            if phrase.startswith(j) and len(phrase) > len(j):
                phrase, changed = phrase[len(j):], True
    return "" if phrase in joints else phrase


def _names_quantity(phrase: str) -> bool:
    """True when a phrase names a measured quantity (…面积, …浓度, …率, 资金): an indicator of its own."""
    return classify(phrase) is not None or any(w in phrase for w in _words_of("quantity_noun"))


def _named_after(text: str, end: int, number_re: re.Pattern) -> str:
    """What a measured figure is of when the noun phrase follows it (释放45.1万平方米优质产业空间资源,
    保护了75%以上的自然生态系统类型): the rest of its clause, up to the next figure."""
    pos = AFTER_FIGURE_RE.match(text, end).end()
    sep = SEPARATOR_RE.search(text, pos)
    stop = sep.start() if sep else len(text)
    nxt = number_re.search(text, pos, stop)
    phrase = _words_within(strip_quotes(text[pos:nxt.start() if nxt else stop]), NAMED_AFTER_MAX)
    stops = _words_of("after_stop")
    if not phrase or phrase.startswith(stops) or not NAMED_RE.match(phrase):
        return ""
    # 540多万亩林地|的地块分布, 八百平方公里水面|的巢湖是…: the figure measures the noun before 的;
    # what follows, unless it names a quantity (…的林业碳汇量), is that noun's property or the place it lies in
    owner = phrase.find("的", 2)
    if owner > 0 and not _names_quantity(phrase[owner + 1:]) \
            and all(t.startswith(OBJECT_TAGS) for _, t in tag(phrase[:owner])):  # a clause (土地所在的) stays whole
        return phrase[:owner]
    return phrase


NAMED_AFTER_MAX = 20  # characters of the noun phrase after a figure


def _words_within(phrase: str, n: int) -> str:
    """The first whole words of a phrase that fit in n characters (…物种得到有效保护 is not cut to …有效保)."""
    if len(phrase) <= n:
        return phrase
    out = ""
    for w, _ in tag(phrase[:n + 8]):
        if len(out) + len(w) > n:
            break
        out += w
    return out or phrase[:n]


def _names_own_quantity(phrase: str) -> bool:
    """True when a change phrase names what changed before its baseline and change word
    (森林覆盖率提高, 红树林面积比本世纪初增加, 每年增加蓄水能力), so it carries no indicator from
    the figure before; 同比下降, 较上年增加 name nothing."""
    words = lexicon.indicator_words()
    for ratio in words.get("ratio_word", ()):  # 比例 is no baseline 比
        phrase = phrase.replace(ratio, "\ue001" * len(ratio))
    cut = min([len(phrase)] + [i for i in (phrase.find(w) for w in words.get("baseline", ())) if i >= 0])
    phrase = _alternation(words.get("change", ())).sub("", phrase[:cut])
    phrase = _trim(phrase.replace("\ue001", ""), [], -1)
    return len(NAMED_RE.findall(phrase)) >= 2


def _article_place(top: list[Candidate], mentions: list[Candidate], linked: Linked) -> str:
    """What an article's figures are about when their sentence names nothing: the article's own
    place, else its bureau; the country when it is named more often than any one division (a
    national report that visits a province or two)."""
    key = linked.by_candidate.get
    places = Counter(key(id(c)) for c in mentions if c.cls in DIVISION_CLASSES)  # 宣汉县 in 宣汉县委 too
    national = [c for c in top if c.cls == COUNTRY_CLASS]
    if len(national) > max(places.values(), default=0):
        return key(id(national[0]))
    return linked.main_division or linked.main_org


def _in_predicate(text: str, c: Candidate, others: list[Candidate], floor: int) -> bool:
    """True when a mention only describes the one its clause opens with (墩子河是长江二级支流: 长江
    tells what 墩子河 is; the figures after it are 墩子河's) or says where it lies (地处|秦岭)."""
    clause = _clause_start(text, c.start, floor)
    words = lexicon.indicator_words()
    located = max((text.rfind(w, clause, c.start) for w in words.get("locating", ())), default=-1)
    clause_end = min([i for i in (text.find(ch, c.end) for ch in "，。；！？\n") if i >= 0] or [len(text)])
    if located >= 0 and "的" not in text[located:clause_end]:
        return True  # 地处秦岭—大巴山…，野生动植物3400余种: where the topic lies (not 位于河北的|一家电厂: its place)
    return any(clause <= o.start and o.end < c.start and text.startswith(words.get("copula", ()), o.end) for o in others)


@lru_cache(maxsize=1)
def _time_span_re() -> re.Pattern:
    """A span of time with the word that makes it a date (近3天, 二十四小时之内), as written in a phrase."""
    words = lexicon.indicator_words()
    alt = {k: "|".join(sorted(map(re.escape, words.get(k, ())), key=len, reverse=True))
           for k in ("time_before", "time_unit", "time_after")}
    number = rf"(?:\d+(?:\.\d+)?|[{CN_NUMBER}半]+)[余多]?"
    return re.compile(rf"(?:{alt['time_before']}){number}(?:{alt['time_unit']})(?:{alt['time_after']})?"
                      rf"|{number}(?:{alt['time_unit']})(?:{alt['time_after']})")


COUNT_CLASSIFIERS = ("个",)  # a count's classifier that a unit of time can follow (30多个小时)


def _time_span(text: str, start: int, end: int, unit: str) -> int:
    """Where a span of time that dates something ends (今年前5个月, 近3天, 4小时后: after 后), else -1."""
    words = lexicon.indicator_words()
    if unit not in words.get("time_unit", ()):
        rest = text[end:end + 4].lstrip("多余")  # 30多个|小时后, 3个多|月后: the classifier before the unit of time
        skipped = len(text[end:end + 4]) - len(rest)
        time_words = sorted(words.get("time_unit", ()), key=len, reverse=True)
        if unit in COUNT_CLASSIFIERS and (w := next((w for w in time_words if rest.startswith(w)), "")):
            end += skipped + len(w)  # 30多个|小时后
        elif unit and (w := next((w for w in time_words if (unit + rest).startswith(w) and len(w) > len(unit)), "")):
            end += skipped + len(w) - len(unit)  # 3个多|月后
        else:
            return -1
    after = next((w for w in sorted(words.get("time_after", ()), key=len, reverse=True) if text.startswith(w, end)), "")
    return end + len(after) if after or text.endswith(words.get("time_before", ()), 0, start) else -1


def _last_scope(text: str, begin: int, end: int) -> re.Match | None:
    """The last 全省/全市/该县… in text[begin:end], or None."""
    last = None
    for last in SCOPE_RE.finditer(text, begin, end):
        pass
    return last


def _scoped_division(top: list[Candidate], scope: re.Match, floor: int) -> Candidate | None:
    """The division of the scope's level (省 a province, 区 an autonomous region too; 市, 县, 区 a name
    ending so) written nearest before a 全省/全市… in its sentence, or None."""
    level = scope.group(1)
    return next((c for c in reversed(top) if floor <= c.start and c.end <= scope.start() and c.cls in DIVISION_CLASSES
                 and (c.cls == "Province" and level in "省区" or c.cls != "Province" and c.text.endswith(level))),
                None)


def _without_partners(text: str, found: list[Candidate], floor: int) -> list[Candidate]:
    """The mentions without the partners an agent works with (黄平县人民检察院联合县农业农村局、县水务局
    等单位开展…: the procuratorate reports, the bureaus it joined with do not)."""
    words = _alternation(_words_of("partner"))
    out = []
    for c in found:
        clause = after_last(text, "，；。：！？\n", c.start, floor)  # 、 joins the partners
        joined = words.search(text, clause, c.start)
        if joined is None or not any(o.end <= joined.start() and o.start >= floor for o in found):
            out.append(c)
    return out


REPORTER_CLASSES = ("Bureau", "GovernmentBody", "Organization")


def _without_reporters(text: str, found: list[Candidate]) -> list[Candidate]:
    """The mentions without a body that only reports the figures (农业农村部发布…结果：长江江豚数量…,
    生态环境部通报，全国…): the place or thing named after it is what they are about."""
    verbs = _words_of("reporting")
    out = [c for i, c in enumerate(found)
           if not (c.cls in REPORTER_CLASSES and _reports(text, c.end, verbs)
                   and (found[i + 1:] or not text.startswith(verbs, c.end)))]
    return out


@lru_cache(maxsize=1)
def _subject_words() -> dict[str, tuple[str, ...]]:
    """The words of observation_subject_words.tsv, by kind, longest first."""
    out: dict[str, list[str]] = {}
    for row in lexicon.read_tsv("lexicons/observation_subject_words.tsv"):
        out.setdefault(row["kind"], []).append(row["value"])
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


def _reports(text: str, end: int, verbs: tuple[str, ...]) -> bool:
    """Whether a reporting verb follows a body, directly (发布) or after the data it gave
    (宁海县水利局提供数据显示): the body only reports."""
    if text.startswith(verbs, end):
        return True
    return any(text.startswith(lead, end) and text.startswith(verbs, end + len(lead))
               for lead in _subject_words().get("data_lead", ()))


def _without_recipients(text: str, found: list[Candidate], top: list[Candidate], floor: int) -> list[Candidate]:
    """The mentions without a place an act goes to (南水北调中线工程向京津冀调水, 白溪水库向宁海县供水) when a
    named thing before it in the sentence does the act; 督察组向湖南省转办…件: nothing named acts, the
    figures are the place's."""
    words = _words_of("object_preposition")
    return [c for c in found if not (text.endswith(words, floor, c.start) and any(
        floor <= o.start and o.end < c.start and (o.cls in SUBJECT_CLASSES or o.cls == "Project") for o in top))]


DESCRIBED_RE = re.compile(r"[^，。；：！？、\n的\d]{0,6}的")  # 八百平方公里|水面的|巢湖
DESCRIBED_CLASSES = (COUNTRY_CLASS,) + DIVISION_CLASSES + WATER_CLASSES + ("Landmark",)


def _described(text: str, start: int, end: int, unit: str, top: list[Candidate], floor: int) -> Candidate | None:
    """The place or water body a figure describes in a 的-phrase before its name (有着八百平方公里水面的
    宁丰湖是…, 全长120公里的宁丰河): the figure is that one's, not a mention written before it. Not a
    share (30%的宁丰河水: a part of it), not what a named haver has (宁海县拥有163公里的宁丰河岸线), not a
    place by the name (9公里的宁丰河边)."""
    m = DESCRIBED_RE.match(text, end)
    if m is None or unit == "%":
        return None
    words = _subject_words()
    if text.endswith(words.get("possess", ()), floor, start) and any(
            floor <= c.start and c.end <= start and c.cls in SUBJECT_CLASSES for c in top):
        return None
    return next((c for c in top if c.start == m.end() and c.cls in DESCRIBED_CLASSES
                 and not text.startswith(words.get("locative", ()), c.end)), None)


def _jurisdiction(body: str, linked: Linked, country: str) -> str:
    """The place a body's data is about: the country for a national one (org:national:…), else the
    division of its code when the article names it, else ""."""
    parts = body.split(":")
    if len(parts) < 3 or parts[0] != "org" or not parts[1]:
        return ""
    if parts[1] == "national":
        return country
    return f"division:{parts[1]}" if f"division:{parts[1]}" in linked.entities else ""


def _recent_division(top: list[Candidate], scope: re.Match, sents, sent) -> Candidate | None:
    """The division of a 全市/全县/全区's level named last before it in its sentence or the one before
    (近年来，宁海市坚决…。全市6个断面…: 宁海市, not the prefecture the article is dated from), or None.
    Not for 全省 (a province is seldom named so near)."""
    level = scope.group(1)
    if level == "省":
        return None
    i = bisect_left(sents.starts, sent.start)
    floor = sents[i - 1].start if i > 0 else sent.start
    return next((c for c in reversed(top) if floor <= c.start and c.end <= scope.start()
                 and c.cls in DIVISION_CLASSES and c.text.endswith(level)), None)


def _country_first(top: list[Candidate], mentions: list[Candidate]) -> list[Candidate]:
    """A place named only by the country and a generic word (全国湿地, 我国草原) is no place of its
    own: the country written at its start stands in for it, the generic word goes to the indicator."""
    starts = {c.start: c for c in mentions if c.cls == COUNTRY_CLASS}
    return [starts[c.start] if c.start in starts and c.cls in PLACE_CLASSES else c for c in top]


def extract_observations(text: str, cands: list[Candidate], linked: Linked, source: str,
                         default_year: str = "") -> list[Observation]:
    """Every reported figure of an article, with its indicator, unit, year and subject.

    A figure with no year written before it takes `default_year` (the year the article is dated:
    今年以来…, 1—10月… are that year's figures).
    """
    sents = sentences(text)
    number_re = _number_re()
    kinds = _unit_kinds()
    change_words = _words_of("change")
    carry_words = _words_of("carry_subject")
    share_words = _words_of("share_of")
    project_words = _words_of("project_anaphora")
    key = linked.by_candidate.get
    mentions = sorted((c for c in cands if key(id(c))), key=lambda m: (m.start, m.start - m.end))
    top = _country_first(top_level(mentions), mentions)
    blocking = [c for c in mentions if c.cls in BLOCKING_CLASSES]
    out: list[Observation] = []
    last_indicator: dict[int, str] = {}  # sentence start -> last indicator
    respective = respective_figures(text, top)
    article_place = _article_place(top, mentions, linked)
    country = next((key(id(c)) for c in mentions if c.cls == COUNTRY_CLASS), "")  # "" : no country node, no subject
    prev_end = 0
    reported_from: tuple[int, str, int] = (-1, "", -1)  # (end, indicator, where 由 stands) of a figure written 由A到…
    for m in number_re.finditer(text):
        number, written_unit = m.group(1), _written_unit(m)
        start, end = m.start(), m.end()
        assigned = respective.get(start)
        if assigned is not None:
            written_unit = assigned[1]
        nxt = text[end:end + 1]
        if not DIGIT_RE.match(number) and not written_unit:
            continue  # a Chinese numeral inside a word (十三五, 一批)
        if not written_unit and nxt in "年月日时届次号期轮倍":
            continue
        if _time_span(text, start, end, written_unit) >= 0:
            continue  # 前5个月, 4小时后: when something happened, not a reported figure
        if _value_is_one(number) and not DIGIT_RE.match(number) and written_unit in _words_of("time_unit"):
            prev_end = end
            continue  # 少开一天车, 一天: a span of speech
        if not DIGIT_RE.match(number) and kinds.get(written_unit, ("", "count"))[1] != "measure":
            continue  # Chinese numerals only for measured quantities (三十微克), not 五项事项
        if any(c.start <= start < c.end for c in blocking):
            continue
        if text.endswith(_words_of("speech_before"), 0, start) and _value_is_one(number):
            continue  # 打通…最后1公里: a figure of speech
        if text.startswith(_words_of("position_after"), end):
            continue  # 200多公里之外的…: where something is, not a reported figure
        if RANGE_BEFORE_RE.search(text, max(0, start - 8), start):
            prev_end = end
            continue  # 1-2个, Ⅰ至Ⅲ类 written 1-3类: the upper bound of a range, not a reported figure
        if _in_range(text, m, number_re):
            continue  # 一万元以上十万元以下: the bounds of a rule (a fine, a sentence), not a reported figure
        value = parse_number(number)
        sent = sentence_at(sents, start)
        if value is None or sent is None:
            continue
        unit, kind = kinds.get(written_unit, ("", "measure"))
        if written_unit and written_unit not in kinds:  # 2.8万只: a magnitude before a listed unit
            base_unit, kind = kinds[written_unit[1:]]
            unit = written_unit[0] + base_unit
        floor = max(sent.start, prev_end if prev_end > sent.start else sent.start)
        clause = _clause_start(text, start, floor)
        moved = MOVED_TO_RE.search(text[_clause_start(text, start, sent.start):start])
        if moved is None and text.startswith(CHANGE_TO, end):  # 由8.3亿吨减少到2.68亿吨: both are reported
            moved = FROM_RE.search(text[_clause_start(text, start, sent.start):start])
        if moved:  # …物种数已从禁渔前的193种增加到227种: the indicator stands before 从
            clause = _clause_start(text, start, sent.start)
            before = _trim(text[clause:clause + moved.start()], top, clause)
        else:
            clause, phrase = _past_aside(text, clause, start, floor)
            listed = _enumeration(text, floor, start, mentions)
            if listed is not None:  # 国家一级重点保护野生动物大熊猫、川金丝猴等共96种: the category counts
                clause, phrase = listed[0], text[listed[0]:listed[1]]
            if clause == floor == prev_end and phrase.startswith("的"):
                phrase = _past_figure_noun(phrase)  # 以每吨64.99元|的价格|购买377吨: 价格 is the figure before's
            before = _without_done(_trim(phrase, top, clause).replace(ASIDE, ""))
        to_of = reported_from[1] if reported_from[0] >= 0 and text.startswith(CHANGE_TO, reported_from[0]) \
            and not SEPARATOR_RE.search(text, reported_from[0] + text.startswith("，", reported_from[0]), start) else ""
        from_span = (reported_from[2], reported_from[0]) if to_of else (-1, -1)
        if assigned is not None:
            indicator = assigned[0]
        elif to_of:  # 由8.3亿吨减少到|2.68亿吨: the figure it moved to, under the same indicator
            indicator = to_of
            if not written_unit and not indicator.endswith("指数"):
                prev_end = end
                continue
            unit = unit if written_unit else "无量纲"
        elif kind == "count" and moved:
            indicator = before
        elif kind == "count":
            sep = SEPARATOR_RE.search(text, end)
            after_end = sep.start() if sep else len(text)
            nxt_num = number_re.search(text, end, after_end)
            after = text[end:nxt_num.start() if nxt_num and nxt_num.group(3) else after_end]
            if not after and nxt_num is not None:  # 8大类22条水污染防治措施: the thing counted follows both
                after = text[nxt_num.end():after_end]
            elif nxt_num is not None and kinds.get(_written_unit(nxt_num), ("", "measure"))[1] != "count":
                cut = min([len(after)] + [after.find(w) for w in COUNT_NOUN_ENDS if after.find(w) > 0])
                after = _before_measured(after[:cut])  # 203个国考断面|水质优良率达99.5%
            after = after[AFTER_FIGURE_RE.match(after).end():][:30]  # 200个|左右|城市: the approximation is the figure's
            words = lexicon.indicator_words()
            joints = words.get("list_joint", ())
            if floor == clause == prev_end and text[clause:start].endswith(joints):
                before = ""  # 333个入河排污口和|1936个畜禽养殖户: the words before are the item before's
            after = _counted_thing(_strip_joints(after, joints))
            indicator = _trim(_strip_joints(_without_loose_end(before), joints) + strip_quotes(after), mentions, -1) \
                or last_indicator.get(sent.start, "")
            counted = strip_quotes(after).lstrip("的")
            if "之一" in text[end:after_end]:
                prev_end = end
                continue  # 3个特大型灌区之一: a rank among others, not a reported figure
            if unit in words.get("speech_unit", ()) and (counted.startswith(words.get("count_stop", ()))
                                                        or counted in words.get("count_stop_bare", ())):
                prev_end = end
                continue  # 从3个方面: a figure of speech, not a reported figure
        else:
            named_after = "" if _names_quantity(before) else _named_after(text, end, number_re)
            before = indicator = before + named_after  # 撬动19.6亿元社会投资: the quantity is named after it
            if not indicator or any(w in before for w in change_words) and len(before) <= 12 \
                    and not _names_own_quantity(before):
                base = last_indicator.get(sent.start) or _trim(text[_clause_start(text, clause - 1, sent.start):
                                                                   max(sent.start, clause - 1)], mentions, -1)
                change = next((w for w in change_words if w in before), "")
                indicator = (base + change) if base and base != before else before
            if not written_unit:
                if not indicator.endswith("指数"):
                    if not _group_count_re().match(text, start):  # 3市|先后建成: the count of places goes with the next phrase
                        prev_end = end
                    continue
                unit = "无量纲"
        prev_end = end
        indicator = _checked(indicator) if indicator else ""
        indicator = _checked(_without_dateline(indicator)) if DATELINE_RE.search(indicator) else indicator
        if indicator and unit in _words_of("time_unit") and not any(w in indicator for w in _words_of("duration_word")):
            continue  # 24小时值班值守, 6个月的时间: a span of time, not a count of days or hours
        if indicator in _words_of("bare_share") and _about_economy(text[sent.start:start]):
            continue  # 地区生产总值达7.4万亿元，占全国比重约25%: a share of the economy
        if not indicator or not NAMED_RE.search(indicator):
            continue
        reported_from = (end, indicator, clause + moved.start()) if moved is not None and text.startswith(CHANGE_TO, end) \
            else (-1, "", -1)
        last_indicator[sent.start] = _alternation(change_words).sub("", indicator) or indicator
        before_figure = [c for c in top if c.cls in SUBJECT_CLASSES and sent.start <= c.start and c.end <= start]
        before_figure = [c for c in before_figure if not _in_predicate(text, c, before_figure, sent.start)
                         and not text.endswith(share_words, sent.start, c.start)]  # 占全国的51%: the whole, not the part
        partnered = _without_partners(text, before_figure, sent.start)
        before_figure = _without_reporters(text, partnered)
        reporter = next((c for c in reversed(partnered) if c not in before_figure), None)
        before_figure = _without_recipients(text, before_figure, top, sent.start)
        # 长江、黄河…辽河等七大流域…比例为89.1%, 丽水、抚州等14个试点地区: the figure is the group's, no member's
        before_figure = [c for c in before_figure if not _in_open_list(text, c, start)]
        if unit not in _words_of("level_unit"):  # 苏州、无锡、常州三地累计创建166家: a sum of the group, no member's
            before_figure = [c for c in before_figure if not _in_counted_group(text, c, start)]
        living = unit.endswith(_words_of("living_unit"))  # 320只丹顶鹤: where counted
        if kind == "count" and not living or unit.endswith("元"):  # things done, money spent: by a bureau, else an agent
            before_figure = ([c for c in before_figure if c.cls == "Bureau"]  # or a place; not 太湖 in 对太湖沿岸3家企业
                             or [c for c in before_figure if c.cls in AGENT_SUBJECT_CLASSES] or before_figure)
        # a water body or landmark is the subject only in the figure's own clause; before it, the place
        # or agent the sentence is about is (重庆市长江干流水质保持Ⅱ类，74个国控断面…达到100%)
        if not living:  # (living things keep the place they were seen at: 扎龙保护区迎来丹顶鹤，数量达320只)
            own = [c for c in before_figure if c.start >= clause or c.cls in AGENT_SUBJECT_CLASSES]
            # 卫河等河流水质稳步提升，全市8个国考断面…: the clause's own 全市 wins over a river before it
            before_figure = own or ([] if SCOPE_RE.search(text, sent.start, start) else before_figure)
        else:  # 实现了对长江、黄河、澜沧江源头整体保护，…东北虎数量超过50只: a listed place of another clause saw nothing
            before_figure = [c for c in before_figure if c.start >= clause or not _listed(text, c)]
        subject_mention = before_figure[-1] if before_figure else None
        subject_mention = _described(text, start, end, unit, top, sent.start) or subject_mention
        if subject_mention is not None and subject_mention.cls == "GovernmentBody":
            # 市生态环境局联合市水务局开展…: the bureau leads, the body it works with does not report
            subject_mention = next((c for c in reversed(before_figure) if c.cls == "Bureau"), subject_mention)
        scope = SCOPE_RE.search(text, sent.start, start)  # 全省/全市…: the whole place at that level
        later_scope = _last_scope(text, subject_mention.end, start) if subject_mention is not None \
            and subject_mention.cls in (COUNTRY_CLASS,) + DIVISION_CLASSES else None
        scoped = _scoped_division(top, later_scope, sent.start) if later_scope else None
        if scoped is not None:
            subject = key(id(scoped))  # 江西省…居全国前列，全省…优良率92%: the 全省 written after 全国 is the subject
        elif subject_mention is not None:
            subject = key(id(subject_mention))
        elif scope and (near := _recent_division(top, scope, sents, sent)) is not None:
            subject = key(id(near))  # 宁海市治理…。全市6个断面…: the 市 just written, not the article's own
        elif scope and resolve_level(linked, scope.group(1), start):
            subject = resolve_level(linked, scope.group(1), start)
        elif out and text[sent.start:start].lstrip().startswith(carry_words):
            subject = out[-1].subject  # 其中，责令整改632家: the figures before it are about the same subject
        elif text[sent.start:start].lstrip().startswith(project_words) and \
                (project := next((c for c in reversed(mentions) if c.cls == "Project" and c.end <= sent.start), None)):
            subject = key(id(project))  # 该工程总投资2.8亿元: the project named before
        elif (project := next((c for c in reversed(top) if c.cls == "Project" and sent.start <= c.start
                               and c.end <= start), None)) is not None:
            subject = key(id(project))  # 启动了如意湖公园改造提升项目，聚焦…16个节点: what the project did
        elif _alternation(_words_of("national_agent")).search(text, sent.start, start):
            # 中央财政已安排两千亿元, 中央生态环保督察共受理…28.7万件: the country's figure, not the article's place
            subject = country
        elif reporter is not None and (place := _jurisdiction(key(id(reporter)), linked, country)):
            subject = place  # 宁海县水利局的数据显示，…: the figures of the body's own place
        else:
            subject = article_place
        if not subject:
            continue
        if moved is not None:  # 由2015年的66%提高到|83.4%: the years before 提高到 are the figure moved from's
            change_to = re.search("|".join(CHANGE_TO), moved.group(0))
            from_span = (clause + moved.start(), clause + moved.start() + (change_to.start() if change_to else 0))
        year = report_year(text, sent.start, start, from_span) or _relative_year(text[sent.start:start], default_year)
        out.append(Observation(subject=subject, indicator=indicator, value=format_decimal(value), unit=unit, year=year, evidence=sent.text.strip(),
                               begin=sent.start, end=sent.end, source=source))
    return out
