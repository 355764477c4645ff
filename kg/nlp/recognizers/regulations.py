"""Laws, regulations and named documents."""

from __future__ import annotations

import re

from kg import lexicon
from kg.nlp.recognizers.base import CN_DIGITS, Candidate, Context, scan, values_of
from kg.nlp.recognizers.measures import patterns_of
from kg.nlp.tokenizer import cut

# a title's period, edition or status in brackets after its kind: 规划（2021-2035年）, 方案(2023—2025年),
# 清单（2023年版）, 方案(试行), 保护法（草案）
PERIOD_RE = re.compile(r"[（(](?:\d{4}\s*[-—–－~至]\s*\d{4}年?|\d{4}年(?:版|修订|修正)?|试行|暂行|草案|修订草案"
                       r"|修订|修正|征求意见稿|送审稿)[)）]$")
COUNTED_RULES_RE = re.compile(rf"[{CN_DIGITS}]条$")  # 行为规范十条, 大气十条


_NOT_IN_UNQUOTED = set("，。；！？、：（）()《》 \n的了在对是和与及")


def _unquoted(ctx: Context, found: list[Candidate]) -> list[Candidate]:
    """Unquoted documents ending in a kind that is always a document's (条例, 行动计划, 名单, 法典): after a
    verb that issues or lists one (公布2022年度…名单, 入选…名单), after 和/以及, or opening with a division
    (、北京市土壤污染防治条例等); the stem may hold a quoted period (“十四五”时期)."""
    text = ctx.text
    out: list[Candidate] = []
    verbs = patterns_of("regulation_verb")
    stops = patterns_of("regulation_stem_stop")
    divisions = ctx.of("Province", "Prefecture", "County")
    for kind in patterns_of("regulation_unquoted_suffix"):
        for m in re.finditer(re.escape(kind), text):
            if any(c.start < m.end() and m.start() < c.end for c in found + out):
                continue
            floor = max(0, m.start() - 24)
            starts = [c.start for c in divisions if floor <= c.start < m.start()]
            for verb in verbs + ("以及", "和", "及"):
                pos = text.rfind(verb, floor, m.start())
                if pos >= 0:
                    starts.append(pos + len(verb))
            year = re.compile(r"(?:19|20)\d{2}年度?")
            for start in sorted(set(starts)):
                stem = text[start:m.start()]
                plain = stem.replace("“", "").replace("”", "")
                if (any(ch in _NOT_IN_UNQUOTED for ch in stem) or len(year.sub("", plain)) < 4
                        or start not in ctx.token_starts or any(w in stem + kind for w in verbs + stops)):
                    continue  # 西安市先后颁布相关条例, 首部…条例: a sentence or a description, not a title
                if not all("\u4e00" <= ch <= "\u9fff" for ch in year.sub("", plain)):
                    continue
                out.append(Candidate(text[start:m.end()], "Regulation", start, m.end(), {}))
                break
    return out


def recognize_regulations(ctx: Context) -> list[Candidate]:
    """《…》 titles ending in 条例/办法/规定/清单/方案/规划…, with their 以下简称 aliases."""
    text = ctx.text
    suffixes = values_of("regulation_suffix")
    out = []
    short_for: dict[str, Candidate] = {}
    short_of: list[int] = []  # the titles that are short for a longer one the article writes
    for m in re.finditer(r"《([^《》\n]{2,60})》", text):
        title = m.group(1)
        bare = PERIOD_RE.sub("", title)
        if not (bare.endswith(suffixes) or bare.endswith(patterns_of("regulation_suffix_more"))
                or COUNTED_RULES_RE.search(bare)):
            continue
        if title in short_for:
            c = short_for[title]
            out.append(Candidate(title, "Regulation", m.start(1), m.end(1), {"alias_of": c}))
            continue
        if (bare in suffixes or bare in patterns_of("regulation_suffix_more")) and bare != "法":
            continue  # 《意见》, 《决定》: a kind of document, short for one named before or for none
        if _only_kinds(bare) and _written_in_full(text, m.start(), bare) is not None:
            short_of.append(len(out))  # 对照《责任清单》 after 《汽车工业生态环境保护责任清单》: short for it
        cand = Candidate(title, "Regulation", m.start(1), m.end(1), {"aliases": [bare] if bare != title else []})
        law = bare.removeprefix(STATE_PREFIX)
        if law != bare and law.endswith(("法", "法典")):
            cand.attrs.update(canonical=law, aliases=[*cand.attrs["aliases"], law])  # one law, written in full or not
        out.append(cand)
        alias = re.match(r"[（(]以下简称《?([^》）)]{1,20})》?[）)]", text[m.end():])
        if alias:
            short_for[alias.group(1)] = cand
            cand.attrs["aliases"].append(alias.group(1))
    for i in short_of:
        full = _written_in_full(text, out[i].start - 1, PERIOD_RE.sub("", out[i].text))
        target = next((c for c in out if c.text == full and "alias_of" not in c.attrs), None)
        if target is not None:
            out[i].attrs["alias_of"] = target
    out.extend(_unquoted(ctx, out))
    out.extend(_named_laws(ctx, out))
    return out


def _written_in_full(text: str, before: int, short: str) -> str | None:
    """The 《…》 title written before offset `before` (else after it) that ends with `short` and is longer, the
    nearest first: 《汽车工业生态环境保护责任清单》 for a later 《责任清单》; None if there is none."""
    titles = [(m.start(), PERIOD_RE.sub("", m.group(1)), m.group(1)) for m in re.finditer(r"《([^《》\n]{2,60})》", text)]
    earlier = [t for t in titles if t[0] < before and t[1].endswith(short) and t[1] != short]
    later = [t for t in titles if t[0] > before and t[1].endswith(short) and t[1] != short]
    if earlier:
        return earlier[-1][2]
    return later[0][2] if later else None


def _only_kinds(title: str) -> bool:
    """Whether a title is one or two words that each name a kind (技术|指南, 行动|计划, 责任|清单), with nothing
    that says which document it is."""
    words = cut(title)
    kinds, suffixes = lexicon.kind_words(), values_of("regulation_suffix")
    return len(words) <= 2 and all(w in kinds or w in suffixes or any(
        w.endswith(s) and w[:-len(s)] in kinds for s in suffixes) for w in words)  # 行动计划: 行动 + 计划


STATE_PREFIX = "中华人民共和国"
LAW_WORD_ENDS = frozenset("律规学治官院庭人")  # 法律, 法规, 法学, 法治, 法官, 法院, 法庭, 法人


def _named_laws(ctx: Context, found: list[Candidate]) -> list[Candidate]:
    """Laws written without quotes by a name law_names.tsv lists (写入宪法, 依据大气污染防治法), with the
    中华人民共和国 written before them; not inside a quoted title or another name found."""
    text = ctx.text
    out = []
    for start, end, name in scan(text, lexicon.law_names(), max_len=16):
        if text.endswith(STATE_PREFIX, 0, start):
            start -= len(STATE_PREFIX)
        elif start not in ctx.token_starts:
            continue  # a name cut out of a longer word
        if end not in ctx.token_ends and text[end:end + 1] in LAW_WORD_ENDS:
            continue  # 生态环境保护法|律: the word 法律, no law's name
        opened = text.rfind("《", 0, start)
        if opened >= 0 and "》" not in text[opened:start] or text.startswith("》", end):
            continue  # inside a quoted title
        if any(c.start < end and start < c.end for c in found + out):
            continue
        out.append(Candidate(text[start:end], "Regulation", start, end, {"canonical": name, "aliases": [name]}))
    return out
