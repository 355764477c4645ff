"""Named governance measures and campaigns."""

from __future__ import annotations

from collections import defaultdict
from bisect import bisect_right
from functools import lru_cache
import re

from kg import lexicon
from kg.nlp.recognizers.base import (
    CN_DIGITS,
    Candidate,
    Context,
    HAN_CHAR_RE,
    PLACE_CLASSES,
    PLAN_NAME_RE,
    literal,
    value_set,
    values_of,
)
from kg.nlp.text import FUNCTION_CHARS, HAN, after_last, is_han, quoted_spans


COMPOUND_MEASURE_RE = re.compile(r"化(?:精准)?(?:管控|监管)(?:措施|模式)?(?!方案|清单)")


def recognize_measures(ctx: Context) -> list[Candidate]:
    """Governance measures: quoted terms that are put to work, and X化(精准)?管控/监管 forms."""
    text = ctx.text
    patterns = lexicon.name_patterns()
    suffixes = [v for v, _ in patterns["measure_suffix"]]
    before_verbs = [v for v, _ in patterns["measure_verb_before"]]
    after_verbs = [v for v, _ in patterns["measure_verb_after"]]
    stop = value_set("measure_stop")
    out = []
    for m in COMPOUND_MEASURE_RE.finditer(text):
        start = m.start() - 2  # 网格化, 差异化: a mode; 强化, 优化 (one character before 化) are acts, not a measure
        if start not in ctx.token_starts or m.start() - 1 in ctx.token_starts or not is_han(text[start:m.start()]):
            continue  # 要|强化|监管: the two characters are no word of their own
        if text.endswith(("、", *patterns_of("compound_descriptor")), 0, start):
            continue  # 全方位、多层次、立体化监管体系, 全方位立体化管控: one of the ways a system is described
        if text[start:m.start() + 1] not in patterns_of("institution_generic"):
            out.append(Candidate(text[start:m.end()], "Measure", start, m.end(), {}))  # not 常态化监管: how, not which
    for start, end, term in quoted_spans(text):
        if term in stop or len(term) > 30 or PLAN_NAME_RE.search(term) or "《" in term:
            continue
        if term.endswith(tuple(v for v, _ in patterns["project_suffix"])) and len(term) >= 6:
            continue  # 实施“土壤环境保护工程”: a project, which the project recogniser names (not “千万工程”: too short a stem)
        after = text[end + 1:end + 12]
        before = text[max(0, start - 6):start - 1]
        suffix = next((s for s in suffixes if after.startswith(s)), "")
        if suffix and after.startswith("体系", len(suffix)):
            continue  # 构建宁海“两梁四柱”制度体系: the quote pictures a system of institutions, no measure of its own
        before = VERB_COMPLEMENT_RE.sub("", before)  # 实施好“…”: the verb before its complement
        lead = SUBJECT_LEAD_RE.match(after).group(0)
        after_pred = after[len(lead):] if lead.startswith("等") else ""  # “A”、“B”等全面实施: a list of them
        after_pred = after_pred[len(ADVERB_RE.match(after_pred).group(0)):]  # “…”等全面实施
        formula = "+" in term or _steps_put_to_work(term, after)  # “A+B”, “划、立、治”工作: a formula of a method
        if "+" in term and _formula_of_group(term, after):
            continue  # “专业组+常规组”两支队伍, “河长办+法官工作站”: the members of a team or a body, no method
        is_measure = (formula or bool(suffix) or any(before.endswith(v) for v in before_verbs)
                      or any(after.startswith(v) for v in after_verbs)
                      or any(after_pred.startswith(v) for v in patterns_of("measure_subject_verb"))
                      or (len(term) >= 3 and term.endswith(patterns_of("measure_term_suffix"))))
        if not formula and (_acts_or_says(term) or after.startswith("的")):
            continue  # “坚决打好…”, “量身定制”的: an act or a description; “A+B” is a formula whatever it opens with
        if not is_measure or not HAN_CHAR_RE.search(term):
            continue
        if term in lexicon.person_titles() and not suffix:
            continue  # 推动“河长”主动去管: the holder of a post; “河长”制, “林长”机制 name a measure
        if _in_frame(ctx, start, end, term, bool(suffix)):
            continue  # 以“人才+技术”为导向, “小切口”推动“大变化”, “美丽”乡村建设: a frame or a longer name's part
        if any(c.start == start and c.end == end and c.cls in PLACE_CLASSES for c in ctx.found):
            continue  # 深化“红旗渠”沿线生态保护: a quoted place is no measure
        follower = next((c for c in out if c.start == end + 1), None)
        if follower is not None:
            follower.attrs.setdefault("aliases", []).append(term)
            continue
        attrs = {"aliases": [term + suffix]} if suffix else {}
        out.append(Candidate(term, "Measure", start, end, attrs))
    # curated names (河长制), then terms that recur across real articles (生态保护红线), longest first;
    # a term that opens an institution's name is left to it (流域生态补偿|机制)
    terms = sorted(lexicon.measure_terms(), key=lambda t: (-len(t), t))
    institutions = patterns_of("institution_suffix")
    for name in (*values_of("measure_unquoted"), *terms):
        for m in literal(name).finditer(text):
            if name in terms and text.startswith(institutions, m.end()):
                continue
            if not any(c.start <= m.start() < c.end for c in out):
                out.append(Candidate(name, "Measure", m.start(), m.end(), {}))
    out.extend(_campaigns(ctx, before_verbs, out))
    out.extend(_institutions(ctx, out))
    out.extend(_battles(ctx, out))
    return out


@lru_cache(maxsize=1)
def measure_patterns() -> dict[str, tuple[str, ...]]:
    """data/lexicons/measure_patterns.tsv by kind: kind -> values, longest first."""
    out: dict[str, list[str]] = defaultdict(list)
    for row in lexicon.read_tsv("lexicons/measure_patterns.tsv"):
        out[row["kind"]].append(row["value"])
    return {k: tuple(sorted(v, key=lambda x: (-len(x), x))) for k, v in out.items()}


def patterns_of(kind: str) -> tuple[str, ...]:
    """The values of one kind in measure_patterns.tsv, longest first."""
    return measure_patterns().get(kind, ())


CLAUSE_MARKS = "，。；！？：、\n"
CONJUNCTION_RE = re.compile("[和与及]")
VERB_COMPLEMENT_RE = re.compile("好$")
VERB_COMPLEMENTS = ("好", "起")  # after a verb that sets an institution up (完善好, 构建起)
ADVERB_RE = re.compile("(?:全面|深入|持续|协同|扎实|有序|逐步|稳步)?")
LIST_MARKER_RE = re.compile(rf"[{CN_DIGITS}]是|其[{CN_DIGITS}]")
SUBJECT_LEAD_RE = re.compile("等?[都均已正在也将]{0,3}")  # 制度等都在推进中: still its clause's subject
INSTITUTION_NOT_BEFORE = ("体系", "改革", "建设", "创新", "体制")


def _overlaps(start: int, end: int, cands: list[Candidate]) -> bool:
    return any(c.start < end and start < c.end for c in cands)


SHORT_LIST_RE = re.compile(rf"[{HAN}](?:、[{HAN}]){{2,}}")  # 划、立、治, 关、改、搬、转: three or more one-character steps


def _steps_put_to_work(term: str, after: str) -> bool:
    """Whether a quoted list of one-character steps names a method (化工企业“关、改、搬、转”。, “划、立、治”工作,
    “油、路、车”治理): the clause ends after it or a word of work follows; before a noun it is a kind of
    things (“钾、钠、镁、锂、氯”五大产业集群, “专、精、特、新”中小型企业)."""
    if not SHORT_LIST_RE.fullmatch(term):
        return False
    return not after or after[0] in "。，；！？" or after.startswith((*lexicon.work_verbs(), *patterns_of("measure_work_word")))


GROUP_COUNT_RE = re.compile(rf"[{CN_DIGITS}\d]+[支个类]")


def _formula_of_group(term: str, after: str) -> bool:
    """Whether a quoted “A+B” lists the members or parts of a group, not the steps of a method: a count of
    them follows (“专业组+常规组”两支队伍, “线上+线下”两个战场) or a word of a team, a body or a programme's
    parts follows or ends it (“执法人员+志愿者”队伍, “理论培训+座谈交流”等环节, “河长办+法官工作站”)."""
    groups = patterns_of("measure_formula_group")
    after = after[1:] if after.startswith("等") else after
    return bool(GROUP_COUNT_RE.match(after)) or after.startswith(groups) or term.endswith(groups)


def _unnamed(stem: str) -> bool:
    """A stem that says only what kind of arrangement it is (工作, 长效工作), or is no stem at all."""
    for word in patterns_of("institution_generic"):
        stem = stem.replace(word, "")
    return len(stem) < 2


def _institutions(ctx: Context, found: list[Candidate]) -> list[Candidate]:
    """Unquoted institutions ending in 制度/体制/机制: after the verb that sets them up (建立国家公园体制,
    探索建立起强降雨精准管控机制) or opening their clause (，中央生态环境保护督察制度全面推开).
    A 和 between two long stems names two: 用途管制和规划许可制度 → 用途管制制度, 规划许可制度."""
    text = ctx.text
    out: list[Candidate] = []
    verbs = patterns_of("institution_verb")
    for suffix in patterns_of("institution_suffix"):
        for m in literal(suffix).finditer(text):
            if (_overlaps(m.start(), m.end(), found + out) or text.startswith(INSTITUTION_NOT_BEFORE, m.end())
                    or ctx.covering(m.start(), m.end(), "Regulation")):
                continue  # 生态文明制度体系, 生态文明体制改革: the system or its reform, no institution
            start = _after_verb(text, m.start(), verbs, window=18, stops=CLAUSE_MARKS)
            if start is not None and text.startswith(VERB_COMPLEMENTS, start):
                start += 1  # 完善好…制度, 构建起…机制: the verb's complement
            if start is None:  # or the subject of its clause: ，中央生态环境保护督察制度全面推开
                start = after_last(text, CLAUSE_MARKS, m.start(), max(0, m.start() - 15))
                pred = m.end() + len(SUBJECT_LEAD_RE.match(text, m.end()).group(0))
                if (start == max(0, m.start() - 15) and start > 0) or not any(
                        text.startswith(v, pred) for v in patterns_of("institution_subject_verb")):
                    continue
            if text.startswith("我", start):
                start += 2  # 我国, 我省: whose, not which
            stem = text[start:m.start()]
            if any(c.cls == "Measure" and c.start == start and c.end < m.start() for c in found):
                continue  # 健全河长制配套考核制度: the parts of a measure named in the stem, no measure of their own
            if (not is_han(stem) or not 4 <= len(stem) <= 14 or stem[0] in FUNCTION_CHARS
                    or stem.startswith(patterns_of("institution_lead_stop") + values_of("name_lead_verb"))
                    or LIST_MARKER_RE.match(stem) or any(w in stem for w in ("的", "等", *patterns_of("institution_inner_verb"))) or _unnamed(stem)):
                continue  # 可持续的筹资机制, 反馈机制, 二是…: described, generic or a list, not named
            if suffix == "机制" and _described_by_kind(stem) and text.count(stem + suffix) < 2:
                continue  # 水污染防治长效机制, 河湖管理联动机制 once: what the arrangement is for and of what kind, no name
            if (_described_by_kind(stem) and text.endswith(patterns_of("institution_improve_verb"), 0, start)
                    and text.count(stem + suffix) < 2):
                continue  # 完善宁丰湖保护修复监管制度 once: improving the rules of an area of work, no named institution
            parts = CONJUNCTION_RE.split(stem)
            if len(parts) > 1 and not all(len(p) >= 4 for p in parts):
                continue  # 生态保护和修复制度: one institution, or no clean split
            if any(w in stem for w in patterns_of("institution_state_system")):
                continue  # 坚持和完善人民代表大会制度 (even twice): a system of the state, no environmental measure
            if not (_on_topic(stem) or _count_outside_titles(text, stem + suffix) >= 2 or any(
                    start <= c.start and c.end <= m.start() and c.cls in PLACE_CLASSES for c in ctx.found)):
                continue  # 完善经费保障机制, 健全高校科技创新机制: a policy's plain activity, not a named measure
            offset = start
            for part in parts:
                if _unnamed(part):
                    break
                last = offset + len(part) == m.start()
                end = m.end() if last else offset + len(part)
                name = part + suffix
                out.append(Candidate(name, "Measure", offset, end, {"aliases": [] if last else [part]}))
                offset += len(part) + 1
    return out


def _count_outside_titles(text: str, name: str) -> int:
    """How often `name` is written outside 《…》 titles: 审议通过《关于完善宁海县…服务机制的意见》 and then
    …服务机制 once in the text is one naming, the title's."""
    return sum(1 for m in literal(name).finditer(text) if text.rfind("《", 0, m.start()) <= text.rfind("》", 0, m.start()))


def _described_by_kind(stem: str) -> bool:
    """Whether a stem ends in a word of what kind of arrangement it is (…防治长效, …管理联动, …考核奖惩): a
    description of work (长效机制 of 水污染防治), where a named one ends in what it does (…生态补偿, …精准管控)."""
    kinds = tuple(w for w in patterns_of("institution_generic") if len(w) >= 2 and w not in ("体制", "制度", "机制", "保护"))
    return stem.endswith(kinds + patterns_of("institution_act_end"))  # or a plain act: …价格形成, …执法监管


def _on_topic(stem: str) -> bool:
    """Whether an institution's stem is about the environment (排污许可, 流域横向补偿, 强降雨精准管控;
    one whose stem holds a place, 秦岭常态化长效化保护体制机制, counts too):
    it holds a word of institution_topic or an environment word of indicator_words.tsv."""
    words = patterns_of("institution_topic") + lexicon.indicator_words().get("environment", ())
    return any(w in stem for w in words)


BATTLE_STEM_RE = re.compile(rf"[{HAN}]{{2}}(?:、?[{HAN}]{{2}}){{0,4}}")
COUNT_BEFORE_RE = re.compile(rf"[{HAN}]大$")
COUNT_LEAD_RE = re.compile(rf"[{CN_DIGITS}]大")


def _battles(ctx: Context, found: list[Candidate]) -> list[Candidate]:
    """Named battles X保卫战, one or a list (打好蓝天、碧水、净土保卫战; 三大 before 保卫战 is no part of it)."""
    text = ctx.text
    out: list[Candidate] = []
    for m in literal("保卫战").finditer(text):
        if _overlaps(m.start(), m.end(), found + out) or ctx.covering(m.start(), m.end(), "Regulation"):
            continue  # 《打赢蓝天保卫战三年行动计划》: a document's title
        start = _after_verb(text, m.start(), patterns_of("battle_verb"), window=20, stops="，。；！？：\n")
        if start is None:
            start = after_last(text, "，。；！？：\n", m.start(), max(0, m.start() - 16))
            if start == max(0, m.start() - 16) and start > 0:
                continue
            if "、" not in text[start:m.start()] and m.start() - start > 6:
                continue  # 河北省制定了蓝天保卫战: more than the battle's name opens the clause
        stem = text[start:m.start()]
        count = COUNT_BEFORE_RE.search(stem) if "、" in stem or len(stem) > 4 else None
        if count:
            stem = stem[:count.start()]
        lead = COUNT_LEAD_RE.match(stem)  # 三大环境保卫战: how many, then what
        if lead:
            stem, start = stem[lead.end():], start + lead.end()
        if not BATTLE_STEM_RE.fullmatch(stem) or any(ch in stem for ch in "战和与及"):
            continue
        if stem in lexicon.indicator_words().get("environment", ()):
            continue  # 打好三大环境保卫战: a generic word of the environment says what kind of battles, not which
        aliases = [text[start:m.end()]] if count else []
        if "、" in stem:
            aliases.append(stem.replace("、", "") + "保卫战")
        out.append(Candidate(stem + "保卫战", "Measure", start, m.end(), {"aliases": aliases}))
    return out


def _token_at(ctx: Context, pos: int) -> str:
    """The token that starts at `pos` ('' when none does)."""
    if pos not in ctx.token_starts:
        return ""
    starts = ctx.sorted_starts
    i = bisect_right(starts, pos)
    return ctx.text[pos:starts[i] if i < len(starts) else len(ctx.text)]


def _in_frame(ctx: Context, start: int, end: int, term: str, has_suffix: bool) -> bool:
    """Whether a quoted term is no measure's name but a part of a frame or of a longer name:
    以“X”为导向 / 用“X”引领 (measure_frame_after after it, 以 or 用 before it); “X”推动“Y” (a
    figure of speech: measure_pair_link between two quotes); “美丽”乡村建设, “圈层式”湿地保护模式 (a
    common word or a word ending like a modifier, measure_modifier_end 式/型, before a noun that is neither
    a measure's suffix nor a generic word such as 工作 nor a verb: X is a part of the longer name)."""
    text = ctx.text
    after = text[end + 1:end + 8]
    if text[start - 2:start - 1] in ("以", "用") and after.startswith(patterns_of("measure_frame_after")):
        return True
    link = next((w for w in patterns_of("measure_pair_link") if after.startswith(w + "“")), None)
    if link or any(text.endswith("”" + w, 0, start - 1) and text.endswith("“", 0, start)
                   for w in patterns_of("measure_pair_link")):
        return True
    if has_suffix or not (term in lexicon.common_words() or term.endswith(patterns_of("measure_modifier_end"))):
        return False
    after_quotes = end + 1
    while text.startswith("“", after_quotes) and (close := text.find("”", after_quotes)) > 0 \
            and close - after_quotes <= MODIFIER_RUN:
        after_quotes = close + 1  # “沉浸式”“体验式”教育: past the other modifiers of the run
    token = _token_at(ctx, after_quotes)
    if not token or not is_han(token[:1]) or token in lexicon.function_words() or token in lexicon.lead_words():
        return False
    return not token.startswith(patterns_of("measure_follow_generic"))


MODIFIER_RUN = 8  # characters of a quoted modifier in a run of them (“体验式”)


def _acts_or_says(term: str) -> bool:
    """A quoted act or sentence, not a name: it opens with a verb (“深入打好…攻坚战”, “完善…制度”) or says something."""
    verbs = patterns_of("institution_verb") + patterns_of("battle_verb") + patterns_of("measure_term_lead_stop")
    return term.startswith(verbs) or any(ch in term for ch in "。，；！？的是")


def _after_verb(text: str, end: int, verbs, window: int, stops: str) -> int | None:
    """Just after the last of `verbs` in the `window` characters before `end`, with none of `stops`
    in between (召开|2024年全市生态环境保护工作会议); None when no verb is there."""
    start = None
    for verb in verbs:
        pos = text.rfind(verb, max(0, end - window), end)
        if pos >= 0 and not any(ch in text[pos:end] for ch in stops):
            start = pos + len(verb) if start is None else max(start, pos + len(verb))
    return start


def _names_one(stem: str, generic_kind: str) -> bool:
    """Whether a name's stem says which one, not only what kind (专题会议, 专项整治行动 do not)."""
    for word in values_of(generic_kind):
        stem = stem.replace(word, "")
    return len(stem) >= 2


YEAR_PREFIX_RE = re.compile(r"^(?:19|20)\d{2}年(?:度)?")
DEICTIC_LEAD_RE = re.compile("本[省市区县镇乡]")
CAMPAIGN_YEARS_RE = re.compile(rf"[{CN_DIGITS}\d]{{1,2}}年(?:攻坚)?行动")
CAMPAIGN_COUNT_RE = re.compile(rf"(?:\d+|[{CN_DIGITS}几多]+)(?:多|余)?[项个场次轮批类]")


def _campaigns(ctx: Context, verbs: list[str], found: list[Candidate]) -> list[Candidate]:
    """Unquoted campaigns: the words between a verb and a campaign ending (开展秦岭生态环境保护专项行动,
    启动2024年夏季臭氧污染防控攻坚行动), known also without the year they open with."""
    text = ctx.text
    out: list[Candidate] = []
    for suffix in values_of("campaign_suffix"):  # longest first
        for m in literal(suffix).finditer(text):
            if any(c.start < m.end() and m.start() < c.end for c in found + out) or text.startswith("计划", m.end()):
                continue  # …专项行动计划 is a document
            start = _after_verb(text, m.start(), verbs, window=30, stops="，。；！？、“”\n")
            if start is not None:  # 开展今年的夏季…攻坚行动: the name starts after 的
                start = max(start, text.rfind("的", start, m.start()) + 1)
                while start < m.start() and text[start] in FUNCTION_CHARS:
                    start += 1  # 开展了危险废物专项整治: 了 is the verb's
            if start is not None and DEICTIC_LEAD_RE.match(text, start):
                start += 2  # 开展本区夏季臭氧污染防治攻坚行动: whose campaign, not which
            if start is None or not _names_one(YEAR_PREFIX_RE.sub("", text[start:m.start()]), "campaign_generic"):
                continue  # 开展专项整治行动: what kind of campaign, not which one
            count = CAMPAIGN_COUNT_RE.match(text, start)
            if count and count.group(0)[0] != "一":
                continue  # 开展30项污染防治专项行动, 多项专项行动: how many campaigns, not which one
            if count:
                start = count.end()  # 开展一场|白溪清淤专项行动: the one campaign named
            end = m.end()
            if years := CAMPAIGN_YEARS_RE.match(text, end):
                end = years.end()  # 开展宁海县危险废物专项整治三年行动: the campaign's span of years ends its name
            name = text[start:end]
            bare = YEAR_PREFIX_RE.sub("", name)
            out.append(Candidate(name, "Measure", start, end, {"aliases": [bare] if bare != name else []}))
    return out
