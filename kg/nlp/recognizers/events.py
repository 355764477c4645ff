"""Named meetings, inspection rounds and plenums."""

from __future__ import annotations

import re

from kg import lexicon
from kg.nlp.recognizers.base import (CN_DIGITS, DIVISION_CLASSES, ORG_CLASSES, Candidate, Context, literal, scan,
                                     values_of)
from kg.nlp.recognizers.measures import _after_verb, _names_one, patterns_of
from kg.nlp.text import FUNCTION_CHARS
from kg.nlp.tokenizer import cut


_ROUND = re.compile(rf"(第[{CN_DIGITS}\d]+轮)?((?:中央|省级?)(?:第[{CN_DIGITS}]+)?(?:生态环境保护|环境保护|环保))督察(组)?")
_PROVINCE_TEAM = re.compile(rf"第[{CN_DIGITS}]+(?:生态环境保护|环境保护|环保)督察组")
_PLENARY = re.compile(rf"(?:党的|中共)?[{CN_DIGITS}]+届(?:[{CN_DIGITS}]+次(?:全体会议|全会)|[{CN_DIGITS}]+中全会)")
# a criminal case named by the date it began, with the place before it: 临川“3.15”非法采砂案
_CASE = re.compile(r"[“\"]\d{1,2}[.·．]\d{1,2}[”\"]([\u4e00-\u9fff]{2,12}?)案")


_LEAD_BOUNDARY = re.compile(r"(?:^|[，。；！？：、—\n ]|\d+日)$")
_NOT_IN_LED_NAME = set("，。；！？、“”：（）()《》 \n在对的将了把向于和与及是从就")
_COUNTED_MEETINGS = re.compile(rf"(?:[\d{CN_DIGITS}]+[场次个项]|一系列|系列重要)")
_DAY_IN_NAME = re.compile(r"\d+[日号]")
_YEAR_BEFORE = re.compile(r"(?:19|20)\d{2}年度?$")


def _led_by_its_place(ctx: Context, pos: int) -> int | None:
    """Where a meeting's name begins that opens with the place or body holding it, with no verb before
    (7月11日扬州市生态环境保护工作推进会召开; a title 2023年西城区…主题活动举办): the earliest such
    name in the clause, after a clause mark or a date, with the year before it; None if there is none."""
    text = ctx.text
    for c in sorted(ctx.of(*DIVISION_CLASSES, *ORG_CLASSES), key=lambda c: c.start):
        if not pos - 40 <= c.start < c.end <= pos or any(ch in text[c.start:pos] for ch in _NOT_IN_LED_NAME):
            continue
        if _DAY_IN_NAME.search(text, c.start, pos) or any(
                v in text[c.start:pos] for v in patterns_of("event_led_stop")) or any(p.start >= c.start and p.end <= pos for p in ctx.of("Person")):
            continue  # 李克强5日在人民大会: a sentence about someone, not a name
        start = c.start
        year = _YEAR_BEFORE.search(text, max(0, start - 6), start)
        if year:
            start = year.start()
        if _LEAD_BOUNDARY.search(text, max(0, start - 4), start) or start == 0:
            return start
    return None


_EDITION = re.compile(rf"第?[{CN_DIGITS}\d]+届")


def _led_by_its_edition(text: str, pos: int) -> int | None:
    """Where a meeting's name begins that opens with its edition (第四届湖南国际绿色发展博览会在长沙开幕,
    十四届全国人大常委会第十八次会议24日举行): an edition at a clause's start or after a date, within 40
    characters before the suffix with no clause mark between; None if there is none."""
    floor = max(0, pos - 40)
    clause = max(floor, max(text.rfind(ch, floor, pos) for ch in "，。；！？：\n“”《》 ") + 1)
    m = _EDITION.search(text, clause, pos)
    if m is None or not _LEAD_BOUNDARY.search(text, max(0, m.start() - 4), m.start()) and m.start() != clause:
        return None
    return m.start()


def _spirit_of(text: str, end: int, verbs: tuple[str, ...]) -> int | None:
    """Where a meeting's name begins that is written between a verb and 精神 (贯彻落实|全国生态环境保护
    大会精神): after the verb, and after the last 和/与/及 that joins it to another guidance
    (习近平生态文明思想和|全国生态环境保护大会精神); None without such a verb."""
    start = _after_verb(text, end, verbs, window=40, stops="，。；！？\n“”《》")
    if start is None:
        return None
    joint = max(text.rfind(j, start, end) for j in "和与及、")
    start = joint + 1 if joint >= 0 else start
    while start < end and text[start] in FUNCTION_CHARS:
        start += 1  # 传达了|全省…会议精神
    stem = text[start:end]
    if any(ch in FUNCTION_CHARS for ch in stem) or _NO_ONE_PLENUM.match(stem + text[end:end + 2]):
        return None  # 韩文秀对全会精神: a sentence; 五中全会, 历次全会: which plenum, not named
    return start


# a meeting named first, then held: …论坛|(8日上午)在<place>|开幕; its day and time may stand before 在 (relations read the venue with it too)
HELD_WHEN_RE = re.compile(r"(?:(?:\d{1,2}月)?\d{1,2}日|[上下]午|晚间|近日|日前|今天|昨天|今日|当天|正式|隆重|将|于)*在")


def _held_at_a_venue(ctx: Context, pos: int, end: int) -> int | None:
    """Where a meeting's name begins that opens its clause and is followed by where it is held (国际湿地保护
    论坛在宁海县举行, …主题活动8日在宁丰湖公园开幕): the clause's start, when 在, a chain of places and a
    verb of holding follow the suffix; None otherwise."""
    text = ctx.text
    when = HELD_WHEN_RE.match(text, end)
    if when is None:
        return None
    chain_end = when.end()
    for c in sorted(ctx.of(*DIVISION_CLASSES, "Landmark", "Wetland", "Lake", "River", "Reservoir", *ORG_CLASSES),
                    key=lambda c: c.start):
        if c.start == chain_end:
            chain_end = c.end  # 在浙江省|湖州市|举行
    if chain_end == when.end() or not text.startswith(values_of("event_held_verb"), chain_end):
        return None
    floor = max(0, pos - 40)
    start = max(floor, max(text.rfind(ch, floor, pos) for ch in "，。；！？：\n“”《》（）() ") + 1)
    return None if text[start - 1:start] in ("）", ")") else start  # …联合会（以下简称：联合会）|第一次会员大会: the body named before


_NO_ONE_PLENUM = re.compile(rf"^(?:[{CN_DIGITS}]+届)?(?:[{CN_DIGITS}]中|历次)全会$")


def _activity_named(ctx: Context, events: list[Candidate], start: int, end: int) -> bool:
    """An activity is named by a day, place or body, a year or a quote in its stem, never by a description."""
    stem = ctx.text[start:end]
    if "的" in stem:
        return False
    return bool(_YEAR_BEFORE.search(stem) or re.search(r"(?:19|20)\d{2}年", stem) or "”" in stem or any(
        start <= c.start and c.end <= end for c in events + ctx.of(*DIVISION_CLASSES, *ORG_CLASSES)))


def recognize_events(ctx: Context) -> list[Candidate]:
    """Meetings, plenums, trainings (by suffix after 举办/召开) and inspection rounds."""
    text = ctx.text
    out = []
    for m in _ROUND.finditer(text):
        ordinal, body, team = m.group(1) or "", m.group(2), m.group(3)
        if not team and text.startswith(("制度", "机制"), m.end()):
            continue  # 中央生态环境保护督察制度: the institution (a measure), not a round
        if not team and not ordinal and body.startswith("省") and ctx.ending_at(m.start(), "Province") is None:
            continue  # 开展省级生态环境保护督察: inspections of some province, no round of one
        body = re.sub(rf"第[{CN_DIGITS}]+", "", body)  # 中央第三生态环境保护督察组: team 3 of the round
        canonical_body = re.sub("环保|环境保护", "生态环境保护", body) if "生态环境" not in body else body
        if team:
            out.append(Candidate(m.group(0), "GovernmentBody", m.start(), m.end(),
                                 {"canonical": canonical_body + "督察组", "ordinal": ordinal}))
        else:
            out.append(Candidate(m.group(0), "Event", m.start(), m.end(),
                                 {"canonical": ordinal + canonical_body + "督察", "ordinal": ordinal}))
    for province in ctx.of("Province"):
        m = _PROVINCE_TEAM.match(text, province.end)
        if m:
            name = text[province.start:m.end()]
            out.append(Candidate(name, "GovernmentBody", province.start, m.end(), {"canonical": name}))
    for m in _PLENARY.finditer(text):
        start = m.start()
        org = ctx.ending_at(start, "GovernmentBody")
        if org is not None:
            start = org.start
        attrs = {"organizer": org}
        bare = re.sub("^(?:党的|中共)", "", m.group(0))
        if org is None and bare.endswith("中全会"):  # 党的二十届三中全会, 中共二十届三中全会, 二十届三中全会: one plenum
            attrs.update(canonical="党的" + bare, aliases=[bare, m.group(0)])
        out.append(Candidate(text[start:m.end()], "Event", start, m.end(), attrs))
    for m in _CASE.finditer(text):
        start = m.start()
        place = ctx.ending_at(start, *DIVISION_CLASSES)
        if place is not None:
            start = place.start
        bare = m.group(0)
        out.append(Candidate(text[start:m.end()], "Event", start, m.end(),
                             {"aliases": [bare] if start != m.start() else []}))
    for start, end, name in scan(text, lexicon.pattern_set("named_day"), max_len=10):
        out.append(Candidate(name, "Event", start, end, {}))
    verbs = values_of("event_verb")
    spirit_verbs = values_of("event_spirit_verb")
    activities = patterns_of("event_activity_suffix")
    suffixes = sorted([s for s, _ in lexicon.name_patterns()["event_suffix"]] + list(activities), key=lambda s: -len(s))
    for suffix in suffixes:
        for m in literal(suffix).finditer(text):
            if any(c.start <= m.start() < c.end for c in out) or text.startswith("堂", m.end()) or (
                    suffix == "会议" and text.endswith("会", 0, m.start())):
                continue  # 人民大会堂 is a hall; 座谈会会议: the name ends before the generic word
            # a quoted name right before the suffix: “…”专题培训班
            q = text.rfind("“", max(0, m.start() - 60), m.start())
            if q >= 0 and text[m.start() - 1] == "”" and "”" not in text[q:m.start() - 1]:
                start = q
            else:
                start = _after_verb(text, m.start(), verbs, window=40, stops="，。；！？\n")
                if start is None and text.startswith("精神", m.end()):
                    start = _spirit_of(text, m.start(), spirit_verbs)
                if start is None:
                    start = _led_by_its_place(ctx, m.start())
                if start is None:
                    start = _led_by_its_edition(text, m.start())
                if start is None:
                    start = _held_at_a_venue(ctx, m.start(), m.end())
                if start is None:
                    continue
                while start < m.start() and text[start] in FUNCTION_CHARS:
                    start += 1  # 主办的第十届…大会: the name starts after 的
            title = text.rfind("《", max(0, start - 30), start + 1)
            if ("》" in text[start:m.start()] or text.endswith("》", 0, start)) and title >= 0:
                start = title  # 《湿地公约》第十三届缔约方大会: the title opens the name (written before it too)
            start = max(start, text.rfind(" ", start, m.start()) + 1)  # a headline's two clauses, a space apart
            start = _past_verb_and_description(ctx, start, m.start())
            start += len(next((w for w in values_of("event_lead_stop") if text.startswith(w, start)), ""))  # 决定|十三届…
            if _COUNTED_MEETINGS.match(text, start) or "、" in text[start:m.start()] or text[start] in "这本此该":
                continue  # 一系列重要会议, 第一次、第二次全体会议, 这次座谈会: how many or which one here, no name
            if m.end() - start < len(suffix) + 2 or not _names_one(text[start:m.start()], "event_generic"):
                continue  # 召开专题会议, 部常务会议: no name, only what kind of meeting it is
            dash = text.rfind("——", start, m.start())
            if dash >= 0:
                start = dash + 2  # 开展为期一个月的“童”心护湿地——2023年…征集活动: the name after the dash
            if suffix in activities and not _activity_named(ctx, out, start, m.start()):
                continue  # 开展形式多样的主题宣传活动: what was done, not a named event
            count = _EDITIONS_HELD.match(text, start, m.start())
            if count and "次" not in text[count.end():m.start()] and not text.startswith(
                    values_of("edition_organ_head"), count.end()) and not any(
                    c.start == count.end() for c in ctx.of(*ORG_CLASSES)):
                start = count.end()  # 成功举办三届|公园城市论坛: how many editions were held, not which one
            name = text[start:m.end()]
            stem = _YEAR_BEFORE_STEM.sub("", name[:-len(next(s for s in suffixes if name.endswith(s)))])
            if _only_a_kind(stem) or _SESSION.match(stem):
                continue  # 召开新闻发布会, 专家座谈会: what kind of meeting; 举行第四次全体会议: which session of a meeting named before
            out.append(Candidate(name, "Event", start, m.end(), {}))
    return out


def _past_verb_and_description(ctx: Context, start: int, end: int) -> int:
    """Where a meeting's name begins past the rest of a verb's token (办|好《…》…大会: 办好 is one word) and
    past a description ending in 的 (以…为主题的|座谈会)."""
    text = ctx.text
    if start < end and text[start] not in "《“" and start not in ctx.token_starts and start - 1 in ctx.token_starts:
        start += 1
    mark = text.rfind("的", start, end)
    return mark + 1 if mark >= 0 else start


# a count of editions (三届, 两届) with no 第: an edition of an organ (十四届全国人大…) has its organ after it
_EDITIONS_HELD = re.compile(rf"[{CN_DIGITS}两]+届")
_YEAR_BEFORE_STEM = re.compile(r"^(?:19|20)\d{2}年度?")
# a session named only by its number: 第四次(全体)会议, 第十一次发布会
_SESSION = re.compile(rf"^第[{CN_DIGITS}\d]+次(?:全体)?$")


def _only_a_kind(stem: str) -> bool:
    """Whether a meeting's stem (its name without the longest suffix it ends with: 新闻|发布会, not 新闻发布|会)
    says only what kind it is: no word left once the generic words are taken out, or one common word
    that names a kind (新闻, 专家, 交流, 动员)."""
    for word in values_of("event_generic"):
        stem = stem.replace(word, "")
    words = cut(stem)
    return not words or len(words) == 1 and words[0] in lexicon.kind_words()
