"""Administrative divisions: gazetteer names, short forms in context, townships and villages."""

from __future__ import annotations

from functools import lru_cache
import re

from kg import lexicon
from kg.nlp.recognizers.base import Candidate, Context, RIVER_CUE_RE, scan, stem_start, value_set
from kg.nlp.text import FUNCTION_CHARS, HAN, after_last, is_han
from kg.nlp.tokenizer import cut, tag


def recognize_divisions(ctx: Context) -> list[Candidate]:
    """Divisions by full name anywhere, and by short form where context makes them unambiguous."""
    full = lexicon.division_names()
    short = lexicon.division_short_names()
    role_short = lexicon.division_role_short_names()
    divs = lexicon.divisions()
    stop = lexicon.short_form_stoplist()
    out = []
    generic = value_set("division_generic")
    for start, end, name in scan(ctx.text, full):
        if len(name) == 2 and not ctx.at_token_boundary(start, end):
            continue  # 范县 inside 示范县
        if name in generic:
            before = [c for c in out if c.end == start]
            if not before:
                continue  # 城区 alone is a part of any city
            parent = before[-1].attrs["codes"]
            codes = tuple(k for k in full[name] if divs[k].parent in parent)
            if not codes:
                continue
            out.append(Candidate(name, "Division", start, end, {"codes": codes, "form": "full"}))
            continue
        out.append(Candidate(name, "Division", start, end, {"codes": full[name], "form": "full"}))
    out = _drop_unsupported_phrases(ctx, out, generic, divs)
    out = _drop_started_inside(ctx, out)
    # 章丘区 for 章丘市: only after a division (济南市章丘区) or a boundary, never inside a word (雄安新区)
    ends = {c.end for c in out}
    renamed = lexicon.renamed_districts()
    for start, end, name in scan(ctx.text, renamed, max_len=8):
        before = ctx.text[start - 1] if start else "。"
        if (start in ends or before in FUNCTION_CHARS or not is_han(before)) and start in ctx.token_starts \
                and not any(c.start < end and start < c.end for c in out):
            out.append(Candidate(name, "Division", start, end, {"codes": renamed[name], "form": "full"}))
    full_codes = {code for c in out for code in c.attrs["codes"]}
    mentioned_prefs = {divs[code].parent for code in full_codes} | full_codes
    covered = {i for c in out for i in range(c.start, c.end)}
    shorts = []
    role_starts = _role_starts()
    # a short form written before 流域/干流 names a river in this article (锦江流域 … 锦江黄龙溪断面)
    river_names = {ctx.text[max(0, m.start() - n):m.start()] for m in RIVER_CUE_RE.finditer(ctx.text)
                   for n in (2, 3)}
    written_before = {c.end: set(c.attrs["codes"]) for c in out}
    written_at = {c.start: set(c.attrs["codes"]) for c in out}  # and every short form, for lists (日照、威海)
    short_hits = list(scan(ctx.text, role_short, max_len=8))
    written_at.update((start, set(role_short[name])) for start, _, name in short_hits
                      if start not in written_at and name not in stop)  # two common words back no one
    for start, end, name in short_hits:
        if start in covered or not ctx.at_token_boundary(start, end):
            continue
        before_role = ctx.text.startswith(role_starts, end)
        if name in river_names and not before_role:
            continue
        after_ancestor = bool(written_before.get(start, set()) & {a for code in role_short[name]
                                                               for a in _ancestors(code, divs)})
        if (name in stop or name not in short) and not before_role and not after_ancestor \
                and not (_listed_with_sibling(ctx.text, start, end, role_short[name], written_at, divs)):
            continue  # 西湖 is a lake unless a role follows (西湖分局) or its province is written first (河南民权)
        if end < len(ctx.text) and (ctx.text[end] in "市县区省州盟旗河江湖溪渠" or ctx.text.startswith("流域", end)):
            continue  # part of a longer name (梁溪河), or the river a division is named after (锦江流域)
        codes = role_short[name]
        shorts.append((start, end, name, codes))
        written_before[end] = set(codes)
    short_codes = {code for *_, codes in shorts for code in codes}
    context_codes = mentioned_prefs | short_codes
    for start, end, name, codes in shorts:
        keep = []
        before = written_before.get(start, set())
        prefectures = [k for k in codes if divs[k].level == "prefecture"]
        if len(prefectures) == 1:  # 邯郸, 大同: the city, not the county of its name inside it (邯郸县 is written so)
            codes = tuple(k for k in codes if k in prefectures or divs[k].parent not in prefectures)
        provinces = [k for k in codes if divs[k].level == "province"]
        if len(provinces) == 1 and not any(before & _ancestors(k, divs) for k in codes):
            codes = tuple(provinces)  # 河北 is the province, not 天津's 河北区 (written after 天津市 when meant)
        for code in codes:
            d = divs[code]
            if before & _ancestors(code, divs):
                keep = [code]  # 福建长汀, 江西九江: the province written first tells which one
                break
            if code in full_codes:
                keep.append(code)
            elif d.level in ("province", "prefecture") and len(codes) == 1:
                keep.append(code)
            elif d.parent and d.parent in context_codes:
                keep.append(code)
        if len(keep) == 1:
            out.append(Candidate(name, "Division", start, end, {"codes": tuple(keep), "form": "short"}))
    # choose one code for ambiguous full names by context (a sibling or the parent mentioned)
    all_codes = {code for c in out for code in c.attrs["codes"]}
    for c in out:
        codes = c.attrs["codes"]
        if len(codes) > 1:
            ranked = sorted(codes, key=lambda k: (-(divs[k].parent in all_codes or
                                                    any(divs[o].parent == divs[k].parent for o in all_codes if o != k)),
                                                   k))
            c.attrs["codes"] = (ranked[0],)
        c.attrs["code"] = c.attrs["codes"][0]
        c.cls = divs[c.attrs["code"]].cls
    return out


def _drop_unsupported_phrases(ctx: Context, found: list[Candidate], generic: frozenset[str], divs) -> list[Candidate]:
    """Drop a full name that reads as a phrase, an adjective before a generic division word (老|城区, 新|城区,
    古|城区), unless its parent division or a sibling under the same parent is written in the article, or
    its parent right before it (洛阳市老城区): 县城老城区, 现代化新城区 are parts of a town, no district."""
    codes = {k for c in found for k in c.attrs["codes"]}
    codes |= {k for _, _, name in scan(ctx.text, lexicon.division_role_short_names(), max_len=8)
              for k in lexicon.division_role_short_names()[name]}
    out = []
    for c in found:
        if _reads_as_phrase(c.text, generic):
            own = set(c.attrs["codes"])
            parents = {divs[k].parent for k in own if divs[k].parent}
            siblings = {k for k in codes - own if divs[k].parent in parents}
            if not (parents & codes or siblings):
                continue
        out.append(c)
    return out


def _drop_started_inside(ctx: Context, found: list[Candidate]) -> list[Candidate]:
    """Drop a full name that starts inside a name written before it: a region or water body of the
    gazetteers, or a division's short form, that opens at a word's start and ends inside the full name
    (三江源|区 -> 江源区 is none, 九江|城区段 -> 江城区 is none): the text reads the earlier name first."""
    text = ctx.text
    names = [(s, e) for s, e, _ in scan(text, lexicon.regions(), max_len=10)]
    names += [(s, e) for s, e, _ in scan(text, lexicon.water_bodies(), max_len=10)]
    stop = lexicon.short_form_stoplist()
    names += [(s, e) for s, e, n in scan(text, lexicon.division_role_short_names(), max_len=8) if n not in stop]
    names = [(s, e) for s, e in names if s in ctx.token_starts or s == 0]
    return [c for c in found if not any(s < c.start < e for s, e in names)]


#: jieba's tags of an adjective: a stem so tagged before 城区 or 新区 makes a phrase (老城区, 古城区)
_ADJECTIVE_TAGS = frozenset(("a", "ad", "an"))


def _reads_as_phrase(name: str, generic: frozenset[str]) -> bool:
    """Whether a division's name is an adjective and a generic division word (新|城区, 老|城区, 清新|区
    is no such: 区 alone is no generic word), as jieba tags the stem."""
    word = next((g for g in generic if name.endswith(g) and name != g), None)
    if word is None:
        return False
    stem = name[:-len(word)]
    if len(stem) > 1:
        return lexicon.common_word_tags().get(stem) in _ADJECTIVE_TAGS
    return tag(stem)[0][1] in _ADJECTIVE_TAGS  # one character: its tag in jieba's dictionary


def _ancestors(code: str, divs) -> set[str]:
    """The codes of the divisions above `code` (its prefecture and province)."""
    out = set()
    while divs[code].parent and divs[code].parent in divs:
        code = divs[code].parent
        out.add(code)
    return out


_SUBCOUNTY = re.compile(rf"([{HAN}]{{2,4}}?(?:镇|乡|街道))([{HAN}]{{2,3}}?村)?")


def recognize_subcounty(ctx: Context) -> list[Candidate]:
    """Townships (镇/乡/街道) written right after a county, and villages right after them; and a
    township of the county named earlier in the sentence (介休市…深入义安镇开展检查)."""
    text = ctx.text
    out = []
    counties = ctx.of("County")
    generic = value_set("township_word")
    for county in counties:
        m = _SUBCOUNTY.match(text, county.end)
        if not m or _in_town_word(text, _TOWN_SUFFIX_RE.search(text, m.end(1) - 2, m.end(1)), generic):
            continue  # 介休市各乡镇: no township
        name = _as_listed(m.group(1), county.attrs["code"])
        if name is None:
            continue  # 安吉县美丽乡…: no township of the county
        town = Candidate(name, "Township", m.end(1) - len(name), m.end(1),
                         {"parent_key": county, "canonical": _listed_variant(name, county.attrs["code"])})
        out.append(town)
        if m.group(2):
            out.extend(_village(text, m.start(2), m.end(2), town))
    ends = {c.end for c in out}
    stop = value_set("township_stem_stop")
    # listed rivers end a stem too (黄平县舞阳河|上塘镇河段): water is read after townships
    water_ends = frozenset(e for _, e, _ in scan(text, lexicon.water_bodies(), max_len=10))
    mentioned = _mentioned_codes(ctx)
    for m in _TOWN_SUFFIX_RE.finditer(text):
        if m.end() in ends or any(c.start <= m.start() < c.end for c in ctx.found) or _in_town_word(text, m, generic):
            continue  # 乡镇, 城乡, 返乡: words, not the end of a township's name
        known = _listed_township(ctx, m.end(), mentioned)
        if known is not None:
            out.append(known)
            ends.add(known.end)
            village = _VILLAGE_RE.match(text, known.end)
            if village:
                out.extend(_village(text, village.start(), village.end(), known))
            continue
        start = stem_start(ctx, m.start(), max_len=3, min_len=2, stop=stop, name_ends=water_ends)
        if start is None or not ctx.at_token_boundary(start, m.end()) and start not in ctx.token_starts:
            continue
        sentence_start = after_last(text, "。！？\n", start)
        county = next((c for c in reversed(counties) if sentence_start <= c.start and c.end <= start), None)
        if county is None and len({c.attrs["code"] for c in counties}) == 1 and m.end() in ctx.token_ends \
                and not any(w in lexicon.function_words() for w in cut(text[start:m.start()])):
            county = counties[0]  # the article's one county (西城区 … 西长安街街道); not 美丽乡村, 例如与街道
        name = _as_listed(text[start:m.end()], county.attrs["code"]) if county is not None else None
        if name is not None:
            out.append(Candidate(name, "Township", m.end() - len(name), m.end(),
                                 {"parent_key": county, "canonical": _listed_variant(name, county.attrs["code"])}))
    out.extend(_township_short_forms(ctx, out))
    return out


def _village(text: str, start: int, end: int, town: Candidate) -> list[Candidate]:
    """The village written right after its township, past a function character that opens the span
    (漕泾镇的|水库村 -> 水库村), if a stem of two characters is left before 村."""
    while start < end and text[start] in FUNCTION_CHARS:
        start += 1
    if end - start < 3:
        return []
    return [Candidate(text[start:end], "Village", start, end, {"parent_key": town})]


def _township_short_forms(ctx: Context, towns: list[Candidate]) -> list[Candidate]:
    """A listed township written without its suffix once its full name has been written
    (石湖荡镇 … 石湖荡): a stem of three or more characters, starting on a boundary and cutting no
    name found already. A short form alone is no township: 乾坤湾, 麻黄梁 name scenic places as
    often as the towns named after them."""
    listed = lexicon.townships()
    text = ctx.text
    div_ends = {c.end for c in ctx.found if c.cls in _LEVEL_RANK}
    taken = [(c.start, c.end) for c in ctx.found] + [(c.start, c.end) for c in towns]
    out = []
    for town in [t for t in towns if t.cls == "Township" and t.text in listed]:
        name = town.text
        stem = name[:-2] if name.endswith("街道") else name[:-1]
        if len(stem) < 3 or stem in lexicon.division_names() or stem in lexicon.water_bodies():
            continue
        for m in re.finditer(re.escape(stem), text):
            start, end = m.start(), m.end()
            if text.startswith(name[len(stem):], end) or not (start in ctx.token_starts or start in div_ends):
                continue  # the full name, read above; or inside a word
            if any(a < end and start < b for a, b in taken):
                continue
            out.append(Candidate(stem, "Township", start, end,
                                 {"parent_key": town.attrs["parent_key"], "canonical": town.attrs.get("canonical", name)}))
            taken.append((start, end))
    return out


_TOWN_SUFFIX_RE = re.compile("镇|乡|街道")
_VILLAGE_RE = re.compile(rf"[{HAN}]{{2,3}}?村")
_LEVEL_RANK = {"County": 0, "Prefecture": 1, "Province": 2}


def _as_listed(name: str, code: str) -> str | None:
    """`name` checked against the gazetteer's townships of the division `code`: the name itself when
    listed or a variant of a listed name (三宝乡 for 三宝彝族乡, 辛寨街道 for 辛寨镇); the listed name
    it ends with when words precede it (以姚庄镇 -> 姚庄镇). An unlisted name (the gazetteer misses
    merged and renamed townships: 白廊乡) stays unless it opens with a function character or a word
    that opens no place name (的杨家套乡 -> 杨家套乡, 希望乡), or holds a common word (主要街道, 河道跨乡)."""
    listed = _townships_of().get(code)
    if not listed or name in listed:
        return name
    for start in range(1, len(name) - 2):
        if name[start:] in listed:
            return name[start:]
    suffix = "街道" if name.endswith("街道") else name[-1]
    stem = name[:-len(suffix)]
    if any(n.startswith(stem) for n in listed):
        return name  # the key takes the listed form: _listed_variant
    if name[0] in FUNCTION_CHARS or name[0] in "这该":
        return _as_listed(name[1:], code) if len(stem) > 2 else None
    words = cut(stem)
    if words[0] in lexicon.lead_words() or any(w in lexicon.function_words() or w in lexicon.common_words() for w in words):
        return None
    return name


def load_townships() -> None:
    """Read the township gazetteer now (38,797 rows, about 70 ms): a cost of making the pipeline,
    not of the first article that names a township."""
    _townships_of()


VARIANT_TAIL_RE = re.compile(r"(?:[\u4e00-\u9fff]{1,8}族)?(?:新村|街)?(?:镇|乡|街道)")  # 三宝彝族乡, 曹杨新村街道


def _listed_variant(name: str, code: str) -> str:
    """The one listed township of division `code` that `name` is a variant of (三宝乡 -> 三宝彝族乡;
    白廊乡 -> 白廊镇, the 乡 made a 镇 since), else `name`: one township, one node."""
    listed = _townships_of().get(code, frozenset())
    stem = name[:-2] if name.endswith("街道") else name[:-1]
    variants = sorted(n for n in listed if n.startswith(stem) and VARIANT_TAIL_RE.fullmatch(n, len(stem))) \
        if name not in listed else []  # 桥头镇 is no variant of 桥头胡街道: only the level or an ethnic word differs
    if len(variants) > 1:  # 三宝乡: 三宝彝族乡 rather than 三宝街道
        variants = [n for n in variants if n.endswith(name[len(stem):])]
    return variants[0] if len(variants) == 1 else name


@lru_cache(maxsize=1)
def _townships_of() -> dict[str, frozenset[str]]:
    """Division code -> the names of the townships the gazetteer lists under it."""
    out: dict[str, set[str]] = {}
    for name, codes in lexicon.townships().items():
        for code in codes:
            out.setdefault(code, set()).add(name)
    return {code: frozenset(names) for code, names in out.items()}


def _mentioned_codes(ctx: Context) -> dict[str, int]:
    """The codes of the divisions the article names so far, each with its level's rank (county 0,
    prefecture 1, province 2), for placing a listed township among its namesakes."""
    return {c.attrs["code"]: _LEVEL_RANK[c.cls] for c in ctx.found if c.cls in _LEVEL_RANK and "code" in c.attrs}


def _listed_township(ctx: Context, end: int, mentioned: dict[str, int]) -> Candidate | None:
    """The township of the gazetteer whose name ends at `end` (石湖荡镇), placed under the namesake
    whose county, prefecture or province the article names (the nearest level wins; a tie is no
    answer), or under its only namesake when the name is unique and no shorter than four
    characters. Its start must be a token start, the end of a division (松江区|石湖荡镇) or follow a
    function character (的|多玛乡)."""
    listed = lexicon.townships()
    divs = lexicon.divisions()
    div_ends = {c.end for c in ctx.found if c.cls in _LEVEL_RANK}
    for start in range(max(0, end - 7), end - 2):
        name = ctx.text[start:end]
        codes = listed.get(name)
        if not codes or not (start in ctx.token_starts or start in div_ends or ctx.text[start - 1:start] in FUNCTION_CHARS):
            continue
        if any(c.start < start < c.end or start < c.start < end < c.end for c in ctx.found):
            continue  # would cut a name found already
        if start not in div_ends and _verb_stem(name):
            continue  # 全域建设镇: a town being built; 崇明区建设镇 is the township
        best: dict[str, int] = {}
        for code in codes:
            line = [code] + sorted(_ancestors(code, divs), key=lambda k: len(k.rstrip("0")), reverse=True)
            ranks = [mentioned[k] for k in line if k in mentioned]
            if ranks:
                best[code] = min(ranks)
        if best:
            top = min(best.values())
            chosen = [k for k, r in best.items() if r == top]
            if len(chosen) != 1:
                return None
            code = chosen[0]
        elif len(codes) == 1 and len(name) >= 4:
            code = codes[0]
        else:
            return None
        d = divs[code]
        parent = Candidate(d.name, d.cls, start, start, {"code": code, "implied": True})
        return Candidate(name, "Township", start, end, {"parent_key": parent, "listed": True})
    return None


#: jieba's tags of a verb: a township whose stem is one (建设镇) is read so only after its county
_VERB_TAGS = frozenset(("v", "vn"))


def _verb_stem(name: str) -> bool:
    """Whether a township's stem (its name without 镇/乡/街道) is a frequent verb of jieba's dictionary
    (建设|镇; not 才湾, which jieba guesses a verb)."""
    stem = name[:-2] if name.endswith("街道") else name[:-1]
    return lexicon.common_word_tags().get(stem) in _VERB_TAGS


def _in_town_word(text: str, suffix: re.Match | None, words: frozenset[str]) -> bool:
    """Whether the township suffix at `suffix` is part of a word such as 乡镇, 城乡 or 返乡."""
    if suffix is None:
        return False
    return text[max(0, suffix.end() - 2):suffix.end()] in words or text[suffix.start():suffix.start() + 2] in words


@lru_cache(maxsize=1)
def _role_starts() -> tuple[str, ...]:
    """Roles that make a short form a division (西湖分局): two or more characters, and 分局."""
    return tuple(r["role"] for r in lexicon.org_roles() if len(r["role"]) >= 2) + ("分局",)


def _listed_with_sibling(text: str, start: int, end: int, codes, written_at: dict[int, set], divs) -> bool:
    """Whether a short form that is also a common word (日照, 西湖) opens an item of a 、-list whose item
    before or after opens with a division of the same parent (枣庄“5.26”案、日照“11.23”案)."""
    parents = {divs[k].parent for k in codes if divs[k].parent}
    neighbours = []
    if start and text[start - 1] == "、":
        neighbours.append(after_last(text, "，。；：、\n", start - 1))
    nxt = text.find("、", end)
    if nxt >= 0 and not any(ch in text[end:nxt] for ch in "，。；：！？\n"):
        neighbours.append(nxt + 1)
    return any(divs[o].parent in parents for n in neighbours for o in written_at.get(n, ()))
