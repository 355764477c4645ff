"""Persons: after a title, before the title that heads its body, and in bylines."""

from __future__ import annotations

from functools import lru_cache
import re

from kg import lexicon
from kg.nlp.recognizers.base import Candidate, Context, literal, longest_at, value_set, values_of
from kg.nlp.text import HAN, is_han


@lru_cache(maxsize=1)
def _byline_name_re() -> re.Pattern:
    """Names after a byline role (记者, 通讯员, 编辑, 二审 …: byline_role in article_layout.tsv), one or several
    separated by spaces (通讯员 潘文 李明), each ending before a space, a mark, 报道, 摄 or the next role."""
    roles = _roles()
    name = rf"[{HAN}]{{2,3}}?(?=[ \u3000、，。；）)]|报道|摄|{roles}|$)"
    return re.compile(rf"(?:{roles})[ \u3000]*((?:{name}[ \u3000]+)*{name})", re.M)


def _glued_last_name(ctx: Context, end: int) -> str:
    """The name of two or three characters that follows a byline's names after a space with no mark
    before the text (通讯员 卢继苟 高云峰河岸…): a whole token of the segmenter and no common word, else ""."""
    text = ctx.text
    start = end
    while start < len(text) and text[start] in " \u3000":
        start += 1
    if start == end or start not in ctx.token_starts:
        return ""
    stop = next((i for i in range(start + 2, min(start + 4, len(text) + 1)) if i in ctx.token_ends), None)
    word = text[start:stop] if stop is not None and stop < len(text) else ""
    if not is_han(word) or word in lexicon.common_words() or word in lexicon.kind_words() or word in lexicon.lead_words():
        return ""  # 于兆喜 盛夏时节: a word of the text, not a name
    return word


def _roles() -> str:
    return "|".join(sorted(map(re.escape, lexicon.load_layout()["byline_role"]), key=len, reverse=True))


# a photo credit (马明摄（新华社）) and a closing parenthesis of names ((金菲 唐晓雯), (张平)) at a paragraph's end
PHOTO_CREDIT_RE = re.compile(rf"(?:^|(?<=[\s。！？”）)]))([{HAN}]{{2,3}})摄(?=[（(\s]|$)", re.M)
CLOSING_NAMES_RE = re.compile(rf"[（(]((?:[{HAN}]{{2,3}}[ \u3000]+)*[{HAN}]{{2,3}})[）)](?=[ \u3000]*(?:\n|$))")
# a dateline's names in parentheses: 中新网广州8月17日电 (李明 王芳)
DATELINE_NAMES_RE = re.compile(rf"电[ \u3000]*[（(]((?:[{HAN}]{{2,3}}[ \u3000]+)*[{HAN}]{{2,3}})[）)]")
# a two-character name typeset with a space between surname and given name, in a photo credit: 王 健摄
SPACED_PHOTO_CREDIT_RE = re.compile(rf"(?:^|(?<=[\s。！？”）)])|(?<=记者))[ \u3000]*([{HAN}])[ \u3000]([{HAN}])摄", re.M)


DAY = r"(?:\d{1,2}月)?\d{1,2}日"  # a date written right after a name
TITLE_PREFIX_ENDS = ("副", "常务", "党组", "分管", "代", "总", "正", "原", "前", "新任", "现任")  # 常务副局长 names no one


@lru_cache(maxsize=1)
def _name_before_title_re() -> re.Pattern:
    """A name written before the title that heads its body (王建国局长一行), at a boundary."""
    titles = "|".join(sorted((re.escape(t) for t, head in lexicon.person_titles().items() if head and len(t) >= 2),
                             key=len, reverse=True))
    follow = "|".join(map(re.escape, values_of("person_follow")))
    return re.compile(rf"(?:^|(?<=[，。、；：“”（(\s]))([{HAN}]{{2,3}}?)({titles})(?={follow}|[，。、；：（）(]|$)", re.M)


@lru_cache(maxsize=1)
def _titled_person_re() -> re.Pattern:
    """Titles (longest first, chained with 、) then a 2-3 character name before a word that follows
    names (person_follow in name_patterns.tsv: 表示, 汇报, 带队 …) or a punctuation mark."""
    titles = sorted(lexicon.person_titles(), key=len, reverse=True)
    title_re = "|".join(map(re.escape, titles))
    follow = "|".join(map(re.escape, values_of("person_follow")))
    # the name also ends before the day it did something (副总理韩正18日在…, 省长李明8月3日主持…)
    return re.compile(rf"((?:(?:{title_re})、?)+)[ \u3000]?([{HAN}]{{2,3}}?)(?={follow}|[，。、；：（）(]|{DAY}|$)")


def _titled_persons(text: str):
    """The matches of _titled_person_re().finditer(text), trying only where a title starts.

    Every match opens with a title, and a regex alternation of 50 titles is slow to try at
    every character; title occurrences (overlapping ones too) come from one automaton pass.
    """
    pattern = _titled_person_re()
    titles = lexicon.person_titles()
    pos = 0
    for start in sorted(longest_at(text, titles, max(map(len, titles)))):
        if start < pos:
            continue  # inside the previous match, as finditer goes on from its end
        m = pattern.match(text, start)
        if m:
            yield m
            pos = m.end()


def recognize_persons(ctx: Context) -> list[Candidate]:
    """Persons after a title (局长赵庆国表示) and the names of the byline."""
    text = ctx.text
    surnames = lexicon.load_surnames()
    out = []
    not_given = value_set("person_not_given")
    titles = lexicon.person_titles()
    for m in _titled_persons(text):
        name = m.group(2)
        if name[0] not in surnames and name[:2] not in surnames:
            continue
        if name in not_given or name[1:] in not_given or name[2:] in not_given:
            continue  # 支队长向记者介绍: 向 is a surname, 记者 no given name; 市长强调: a verb
        if name[1:] in titles:
            continue  # 委员长任组长: 任 is a surname, 组长 a title, no given name
        if _runs_into_role(text, m.end(2)):
            continue  # 记者 刘明校对 王芳: the name is 刘明, 校对 the next role
        chain = [t for t in re.split("、", m.group(1)) if t]
        out.append(Candidate(name, "Person", m.start(2), m.end(2),
                             {"titles": chain, "title_start": m.start(1)}))
    for m in _name_before_title_re().finditer(text):
        name = m.group(1)
        if (name[0] in surnames or name[:2] in surnames) and name not in not_given and name[1:] not in not_given \
                and not name.endswith(TITLE_PREFIX_ENDS) \
                and not any(c.start < m.end(1) and m.start(1) < c.end for c in ctx.found):
            out.append(Candidate(name, "Person", m.start(1), m.end(1),
                                 {"titles": [m.group(2)], "title_start": m.start(2)}))
    names = set(ctx.byline)
    written = []
    for m in _byline_name_re().finditer(text):
        written += m.group(1).split()
        glued = _glued_last_name(ctx, m.end())
        if glued:
            written.append(glued)  # 通讯员 卢继苟 高云峰河岸草木繁茂: the last name runs into the text
    written += [m.group(1) for m in PHOTO_CREDIT_RE.finditer(text)]
    for m in (*CLOSING_NAMES_RE.finditer(text), *DATELINE_NAMES_RE.finditer(text)):
        items = m.group(1).split()
        if all(_looks_like_name(n, surnames, not_given) for n in items):
            written += items
    names |= {n for n in written if _looks_like_name(n, surnames, not_given)}
    for name in sorted(names):
        for m in literal(name).finditer(text):
            out.append(Candidate(name, "Person", m.start(), m.end(), {"byline": True}))
    for m in SPACED_PHOTO_CREDIT_RE.finditer(text):
        name = m.group(1) + m.group(2)
        if _looks_like_name(name, surnames, not_given):
            out.append(Candidate(name, "Person", m.start(1), m.end(2), {"byline": True}))
    return out


def _runs_into_role(text: str, end: int) -> bool:
    """Whether a byline role starts inside the name that ends at ``end`` and runs past it (刘明校|对)."""
    return any(text.startswith(role, end - i) for role in lexicon.load_layout()["byline_role"]
               for i in range(1, len(role)))


def _looks_like_name(name: str, surnames, not_given) -> bool:
    """A surname first (one or two characters) and no word that is no given name (记者, 强调)."""
    return (name[0] in surnames or name[:2] in surnames) and name not in not_given and name[1:] not in not_given \
        and name[2:] not in not_given
