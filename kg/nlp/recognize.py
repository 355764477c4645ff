"""Recognise entity mentions in an article's text.

Names are found the way Chinese government news composes them: gazetteer divisions
(full and, in context, short forms), organisations as <division> + <role>, water bodies
and places from their suffixes, projects ending in 项目/工程, measures in quotes next to
模式/机制/制度 or a verb that puts them to work, 《…》 regulations, meetings and
inspection rounds, persons next to a title or in a byline, and species from a list.

Each recogniser is a function ``(ctx) -> list[Candidate]``; :func:`recognize` runs them
all and resolves overlaps.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import ahocorasick

from kg import lexicon
from kg.nlp.country import recognize_country
from kg.nlp.text import FUNCTION_CHARS, HAN, after_last, is_han, quoted_spans
from kg.normalize import strip_quotes

CN_DIGITS = "一二三四五六七八九十百零两〇"
COUNTED_RE = re.compile(rf"[{CN_DIGITS}]+[大个项条座处片]")
WATER_QUALITY_WORDS = ("水质", "水环境", "水生态", "水资源", "水域", "水位", "水量", "水体")
NUMBER_TOKEN_RE = re.compile(r"[\d.]+")
RIVER_CUE_RE = re.compile("流域|干流|水系")
HAN_CHAR_RE = re.compile(f"[{HAN}]")
PLAN_NAME_RE = re.compile(rf"十[{CN_DIGITS}]五")
# a token holding one of these ends a project name walking back (_walk_back_tokens)
CLAUSE_PUNCT = frozenset("，。；：！？、（）()\n ")


@lru_cache(maxsize=None)
def _values(kind: str) -> tuple[str, ...]:
    """lexicon.pattern_values, built once per kind (recognisers ask for them per match)."""
    return lexicon.pattern_values(kind)


@lru_cache(maxsize=None)
def _value_set(*kinds: str) -> frozenset[str]:
    """The values of some kinds of name pattern as one set (one object, so its hash is kept)."""
    return frozenset(v for kind in kinds for v in lexicon.pattern_values(kind))


@lru_cache(maxsize=None)
def _long_words(words: frozenset[str]) -> tuple[str, ...]:
    """The words of two or more characters, as a tuple for str.endswith."""
    return tuple(w for w in words if len(w) >= 2)


@lru_cache(maxsize=None)
def _literal(word: str) -> re.Pattern:
    """A compiled pattern for a literal word (re's own cache costs more per call)."""
    return re.compile(re.escape(word))


@dataclass
class Candidate:
    """A mention before linking: the span, its class and what the recogniser learned."""

    text: str
    cls: str
    start: int
    end: int
    attrs: dict = field(default_factory=dict)

    def contains(self, other: Candidate) -> bool:
        """True when this span covers the other one (and is not the same span)."""
        return self.start <= other.start and other.end <= self.end and (self.start, self.end) != (other.start, other.end)


@dataclass
class Context:
    """The article text, its token boundaries and the mentions found so far."""

    text: str
    token_starts: set[int]
    token_ends: set[int]
    found: list[Candidate] = field(default_factory=list)
    byline: tuple[str, ...] = ()
    _bounds: tuple = field(default=(-1, frozenset(), {}), repr=False)  # name_bounds, by len(found)

    def name_bounds(self) -> tuple[frozenset[int], dict[int, int]]:
        """The ends of the place and organisation names found so far, and, for each offset strictly
        inside a division or organisation name, the nearest end of one (a stem must not cut it).
        Made once per state of `found`, which only grows: recognisers ask per candidate."""
        if self._bounds[0] != len(self.found):
            ends = frozenset(c.end for c in self.found if c.cls in PLACE_CLASSES or c.cls in ORG_CLASSES)
            inside: dict[int, int] = {}
            for c in self.found:
                if c.cls in DIVISION_CLASSES or c.cls in ORG_CLASSES:
                    for i in range(c.start + 1, c.end):
                        inside[i] = min(inside.get(i, c.end), c.end)
            self._bounds = (len(self.found), ends, inside)
        return self._bounds[1], self._bounds[2]

    @cached_property
    def sorted_starts(self) -> list[int]:
        """The token starts in order, for bisection."""
        return sorted(self.token_starts)

    def at_token_boundary(self, start: int, end: int) -> bool:
        """True when [start, end) begins and ends on token boundaries."""
        return start in self.token_starts and end in self.token_ends

    def of(self, *classes: str) -> list[Candidate]:
        """Mentions found so far of the given classes."""
        return [c for c in self.found if c.cls in classes]

    def ending_at(self, offset: int, *classes: str) -> Candidate | None:
        """The longest mention of these classes that ends exactly at offset."""
        hits = [c for c in self.of(*classes) if c.end == offset]
        return max(hits, key=lambda c: c.end - c.start) if hits else None

    def covering(self, start: int, end: int, *classes: str) -> Candidate | None:
        """A mention of these classes covering [start, end)."""
        for c in self.of(*classes):
            if c.start <= start and end <= c.end:
                return c
        return None


DIVISION_CLASSES = ("Province", "Prefecture", "County", "Township", "Village")
PLACE_CLASSES = DIVISION_CLASSES + ("River", "Lake", "Reservoir", "Wetland", "MonitoringSection", "Landmark")
WATER_CLASSES = ("River", "Lake", "Reservoir", "Wetland", "MonitoringSection")
ORG_CLASSES = ("Bureau", "GovernmentBody", "Organization")


_AUTOMATA: dict[tuple[int, int], tuple[object, object]] = {}


def _code_units(text: str) -> str:
    """The text as big-endian UTF-32 bytes, one Latin-1 character per byte.

    pyahocorasick looks a node's children up one by one, and the gazetteer's ~900 distinct
    first characters make every step from the root slow; byte by byte a node has few children
    (5x faster). Character i is units[4i:4i+4].
    """
    return text.encode("utf-32-be").decode("latin-1")


def _automaton(names, max_len: int):
    """An Aho-Corasick automaton over the names of 2 to max_len characters (value: the length).

    Cached per dictionary object and length limit; the lexicon's dictionaries are cached and
    live as long as the process, and the cache keeps a reference so an id is never reused.
    None when no name qualifies (an empty automaton cannot search).
    """
    entry = _AUTOMATA.get((id(names), max_len))
    if entry is None or entry[0] is not names:
        automaton = ahocorasick.Automaton()
        for name in names:
            if 2 <= len(name) <= max_len:
                automaton.add_word(_code_units(name), len(name))
        if len(automaton):
            automaton.make_automaton()
        entry = (names, automaton if len(automaton) else None)
        _AUTOMATA[(id(names), max_len)] = entry
    return entry[1]


def _longest_at(text: str, names, max_len: int) -> dict[int, int]:
    """Every position where a name of 2 to max_len characters starts -> the longest one's length."""
    automaton = _automaton(names, max_len)
    longest: dict[int, int] = {}
    if automaton is None:
        return longest
    for last, length in automaton.iter(_code_units(text)):
        first = last + 1 - 4 * length
        if first % 4:
            continue  # the bytes straddle characters
        start = first // 4
        if length > longest.get(start, 0):
            longest[start] = length
    return longest


def _scan(text: str, names, max_len: int = 12):
    """Yield (start, end, name) for every dictionary name, longest at each position.

    Left to right without overlaps: a name found at a position hides names starting inside it.
    One automaton pass finds every occurrence; the sweep keeps the longest per start.
    """
    longest = _longest_at(text, names, max_len)
    pos = 0
    for start in sorted(longest):
        if start >= pos:
            pos = start + longest[start]
            yield start, pos, text[start:pos]


# --- divisions --------------------------------------------------------------------------

def recognize_divisions(ctx: Context) -> list[Candidate]:
    """Divisions by full name anywhere, and by short form where context makes them unambiguous."""
    full = lexicon.division_names()
    short = lexicon.division_short_names()
    role_short = lexicon.division_role_short_names()
    divs = lexicon.divisions()
    stop = lexicon.short_form_stoplist()
    out = []
    generic = _value_set("division_generic")
    for start, end, name in _scan(ctx.text, full):
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
    # 章丘区 for 章丘市: only after a division (济南市章丘区) or a boundary, never inside a word (雄安新区)
    ends = {c.end for c in out}
    renamed = lexicon.renamed_districts()
    for start, end, name in _scan(ctx.text, renamed, max_len=8):
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
    for start, end, name in _scan(ctx.text, role_short, max_len=8):
        if start in covered or not ctx.at_token_boundary(start, end):
            continue
        before_role = ctx.text.startswith(role_starts, end)
        if name in river_names and not before_role:
            continue
        if (name in stop or name not in short) and not before_role:
            continue  # 西湖 is a lake unless a role follows (西湖分局)
        if end < len(ctx.text) and (ctx.text[end] in "市县区省州盟旗河江湖溪渠" or ctx.text.startswith("流域", end)):
            continue  # part of a longer name (梁溪河), or the river a division is named after (锦江流域)
        codes = role_short[name]
        shorts.append((start, end, name, codes))
    short_codes = {code for *_, codes in shorts for code in codes}
    context_codes = mentioned_prefs | short_codes
    for start, end, name, codes in shorts:
        keep = []
        for code in codes:
            d = divs[code]
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


_SUBCOUNTY = re.compile(rf"([{HAN}]{{2,4}}?(?:镇|乡|街道))([{HAN}]{{2,3}}?村)?")


def recognize_subcounty(ctx: Context) -> list[Candidate]:
    """Townships (镇/乡/街道) written right after a county, and villages right after them; and a
    township of the county named earlier in the sentence (介休市…深入义安镇开展检查)."""
    text = ctx.text
    out = []
    counties = ctx.of("County")
    generic = _value_set("township_word")
    for county in counties:
        m = _SUBCOUNTY.match(text, county.end)
        if not m or _in_town_word(text, _TOWN_SUFFIX_RE.search(text, m.end(1) - 2, m.end(1)), generic):
            continue  # 介休市各乡镇: no township
        town = Candidate(m.group(1), "Township", m.start(1), m.end(1), {"parent_key": county})
        out.append(town)
        if m.group(2):
            out.append(Candidate(m.group(2), "Village", m.start(2), m.end(2), {"parent_key": town}))
    ends = {c.end for c in out}
    stop = _value_set("township_stem_stop")
    for m in _TOWN_SUFFIX_RE.finditer(text):
        if m.end() in ends or any(c.start <= m.start() < c.end for c in ctx.found) or _in_town_word(text, m, generic):
            continue  # 乡镇, 城乡, 返乡: words, not the end of a township's name
        start = _stem_start(ctx, m.start(), max_len=3, min_len=2, stop=stop)
        if start is None or not ctx.at_token_boundary(start, m.end()) and start not in ctx.token_starts:
            continue
        sentence_start = after_last(text, "。！？\n", start)
        county = next((c for c in reversed(counties) if sentence_start <= c.start and c.end <= start), None)
        if county is not None:
            out.append(Candidate(text[start:m.end()], "Township", start, m.end(), {"parent_key": county}))
    return out


_TOWN_SUFFIX_RE = re.compile("镇|乡|街道")


def _in_town_word(text: str, suffix: re.Match | None, words: frozenset[str]) -> bool:
    """Whether the township suffix at `suffix` is part of a word such as 乡镇, 城乡 or 返乡."""
    if suffix is None:
        return False
    return text[max(0, suffix.end() - 2):suffix.end()] in words or text[suffix.start():suffix.start() + 2] in words


@lru_cache(maxsize=1)
def _role_starts() -> tuple[str, ...]:
    """Roles that make a short form a division (西湖分局): two or more characters, and 分局."""
    return tuple(r["role"] for r in lexicon.org_roles() if len(r["role"]) >= 2) + ("分局",)


# --- organisations ------------------------------------------------------------------------

def recognize_organisations(ctx: Context) -> list[Candidate]:
    """<division> + role (生态环境局, 市委, 环委办 ...), branches (…局X分局), bare 市/县 + role, national organs."""
    text = ctx.text
    roles = lexicon.org_roles()
    out: list[Candidate] = []
    taken: set[int] = set()
    divisions = sorted(ctx.of("Province", "Prefecture", "County"), key=lambda c: c.start)
    local_roles = _local_roles_by_first_char()
    for div in divisions:
        for role in local_roles.get(text[div.end:div.end + 1], ()):
            r = role["role"]
            if not text.startswith(r, div.end):
                continue
            if r in ("委", "委员会") and text.startswith(("委员会办公室", "委办"), div.end):
                continue
            end = div.end + len(r)
            cand = Candidate(text[div.start:end], role["class"], div.start, end,
                             {"division": div, "role": role["canonical"], "written_role": r})
            branch = _branch_after(ctx, cand) if role["canonical"] == "生态环境局" else None
            if branch:
                cand = branch
            out.append(cand)
            taken.update(range(cand.start, cand.end))
            break
    # bare 市/县/区/省 + role: the article's own place, resolved by the linker
    by_role = {r["role"]: r for r in roles if r["scope"] == "local"}
    for m in _bare_role_re().finditer(text):
        r = m.group(2)
        role = by_role[r]
        if any(m.start() < c.end and c.start < m.end() for c in out):
            continue
        prev = text[m.start() - 1] if m.start() else ""
        if len(r) <= 2 and prev and "\u4e00" <= prev <= "\u9fff" and prev not in FUNCTION_CHARS \
                and prev not in "全该本各" and not any(c.end == m.start() for c in ctx.found):
            continue  # 城市委员会: 市 belongs to the word before
        if r in ("委", "委员会") and text.startswith(("委员会办公室", "委办"), m.start() + 1):
            continue
        out.append(Candidate(m.group(0), role["class"], m.start(), m.end(),
                             {"level_char": m.group(1), "role": role["canonical"], "written_role": r}))
    # short branch names: 高平分局 (county short form + 分局)
    for div in ctx.of("County"):
        if text.startswith("分局", div.end) and div.start not in taken:
            out.append(Candidate(text[div.start:div.end + 2], "Bureau", div.start, div.end + 2,
                                 {"division": div, "role": "分局", "branch_of": None}))
            taken.update(range(div.start, div.end + 2))
    # basin agencies of the ministry: 黄河流域生态环境监督管理局, 海河流域北海海域生态环境监督管理局
    for suffix, cls in lexicon.name_patterns().get("basin_agency", ()):
        for m in re.finditer(rf"([{HAN}]{{1,4}}流域(?:[{HAN}]{{1,4}}海域)?){re.escape(suffix)}", text):
            if not any(m.start() < c.end and c.start < m.end() for c in out):
                out.append(Candidate(m.group(0), cls, m.start(), m.end(), {"role": m.group(0)}))
    for role in roles:
        if role["scope"] != "national":
            continue
        for m in _literal(role["role"]).finditer(text):
            if any(m.start() < c.end and c.start < m.end() for c in out):
                continue
            if role["role"].endswith("部") and text.startswith("门", m.end()):
                continue  # 环境保护部门, 环保部门: departments, not the ministry
            out.append(Candidate(role["role"], role["class"], m.start(), m.end(), {"role": role["canonical"]}))
    return out


@lru_cache(maxsize=1)
def _local_roles_by_first_char() -> dict[str, list[dict[str, str]]]:
    """The local roles (longest first, as lexicon.org_roles) by their first character."""
    out: dict[str, list[dict[str, str]]] = {}
    for role in lexicon.org_roles():
        if role["scope"] == "local":
            out.setdefault(role["role"][:1], []).append(role)
    return out


@lru_cache(maxsize=1)
def _bare_role_re() -> re.Pattern:
    """市/县/区/省 + a local role, longest role first (市环委办, 县生态环境局, 市委)."""
    roles = [r["role"] for r in lexicon.org_roles() if r["scope"] == "local" and (len(r["role"]) >= 2 or r["role"] == "委")]
    return re.compile("([市县区省州])(" + "|".join(map(re.escape, roles)) + ")")


def _branch_after(ctx: Context, parent: Candidate) -> Candidate | None:
    """…生态环境局 + <county> + (市)?分局 → the branch bureau, with its parent; or a branch named
    after a town or a zone the gazetteer does not list (东莞市生态环境局长安分局, …局高新分局)."""
    text = ctx.text
    for div in ctx.of("County"):
        if div.start != parent.end:
            continue
        end = div.end
        if text.startswith("分局", end):
            end += 2
        elif text.startswith("市分局", end) or text.startswith("县分局", end) or text.startswith("区分局", end):
            end += 3
        else:
            return None
        return Candidate(text[parent.start:end], "Bureau", parent.start, end,
                         {"division": div, "role": "分局", "branch_of": parent})
    m = _NAMED_BRANCH_RE.match(text, parent.end)
    if m is None or "局" in m.group(1) or any(ch in FUNCTION_CHARS for ch in m.group(1)):
        return None
    return Candidate(text[parent.start:m.end()], "Bureau", parent.start, m.end(),
                     {"division": parent.attrs.get("division"), "role": "分局", "branch_name": m.group(1),
                      "branch_of": parent})


#: A branch named after a place the gazetteer does not list: two to five characters before 分局.
_NAMED_BRANCH_RE = re.compile(rf"([{HAN}]{{2,5}}?)分局")


NEWSPAPER_RE = re.compile(rf"《([{HAN}]{{2,8}}(?:报|日报|晚报|导报|时报))》|([{HAN}]{{2,6}}(?:日报|晚报|导报|时报))(?=记者|讯|\s)")


@lru_cache(maxsize=None)
def _company_re(suffix: str) -> re.Pattern:
    return re.compile(rf"[{HAN}]{{2,12}}?{re.escape(suffix)}")


def recognize_media(ctx: Context) -> list[Candidate]:
    """Media outlets: the list, 《X报》 titles and the outlet of a byline; companies by suffix."""
    text = ctx.text
    out = []
    for start, end, name in _scan(text, lexicon.pattern_set("media"), max_len=8):
        out.append(Candidate(name, "Organization", start, end, {}))
    for m in NEWSPAPER_RE.finditer(text):
        name = m.group(1) or m.group(2)
        start = m.start(1) if m.group(1) else m.start(2)
        out.append(Candidate(name, "Organization", start, start + len(name), {}))
    for suffix in _values("company_suffix"):
        if suffix not in text:
            continue  # the lazy pattern below is slow to fail over a whole article
        for m in _company_re(suffix).finditer(text):
            start = m.start()
            while start < m.end() and text[start] in FUNCTION_CHARS:
                start += 1
            if m.end() - start - len(suffix) >= 2:
                out.append(Candidate(text[start:m.end()], "Organization", start, m.end(), {}))
    return out


# --- water bodies and places -----------------------------------------------------------------

def _stem_start(ctx: Context, end: int, max_len: int, min_len: int, stop: frozenset[str],
                tail_stop: bool = True, name_ends: frozenset[int] = frozenset()) -> int | None:
    """Where the name whose stem ends at `end` begins: the shortest stem that starts on a boundary.

    A boundary is punctuation, a function word, or the end of a place or organisation name
    (平遥县|汾河三坝库区), or one of `name_ends`. Stems that open with a verb (聚焦汾河) or end in a generic word
    (地表水国考断面) are not names.
    """
    text = ctx.text
    lead_verbs = _values("name_lead_verb")
    long_stop = _long_words(stop)
    found_ends, inside_name = ctx.name_bounds()
    name_ends = name_ends | found_ends if name_ends else found_ends
    for length in range(min_len, max_len + 1):
        start = end - length
        if start < 0:
            break
        stem = text[start:end]
        if not is_han(stem) or stem[0] in FUNCTION_CHARS or stem in stop or COUNTED_RE.search(stem):
            continue  # 环巢湖十大湿地: a count, not a name
        if stem[0] in "个座处条片项" and start and (text[start - 1].isdigit() or text[start - 1] in CN_DIGITS):
            continue  # 74个国控断面: the classifier of a count
        if (tail_stop and stem.endswith(long_stop)) or stem.startswith(lead_verbs):
            continue
        if inside_name.get(start, end + 1) <= end:
            continue  # the stem would cut through a division or organisation name
        before = text[start - 1] if start else "。"
        after_name = start in name_ends
        boundary = (before in FUNCTION_CHARS or not ("\u4e00" <= before <= "\u9fff") or after_name
                    or (start in ctx.token_starts and text.endswith(lead_verbs, 0, start))
                    or (start in ctx.token_starts and length >= 2 and before in "个处条座片"))
        if not boundary or not (start in ctx.token_starts or after_name):
            continue
        if length == 1 and not (before in FUNCTION_CHARS or after_name or not ("\u4e00" <= before <= "\u9fff")
                                or text.endswith(lead_verbs, 0, start)):
            continue
        return start
    return None


def recognize_water(ctx: Context) -> list[Candidate]:
    """Water bodies: the curated list, and names ending in 河/江/湖/水库/库区/湿地/断面…"""
    text = ctx.text
    bodies = lexicon.water_bodies()
    out = []
    for start, end, name in _scan(text, bodies, max_len=10):
        body = bodies[name]
        out.append(Candidate(name, body.cls, start, end, {"canonical": body.name}))
    known = {(c.start, c.end) for c in out}
    known_ends = {c.end for c in out}
    known_names = {c.text for c in out}
    listed_ends = frozenset(known_ends)  # a listed river bounds a section's name (茅洲河|共和村断面)
    inside_listed: dict[int, int] = {}  # offset -> end of the listed name it lies in (钱塘 in 钱塘江)
    for c in out:
        for i in range(c.start, c.end):
            inside_listed[i] = max(inside_listed.get(i, 0), c.end)
    titles = tuple(lexicon.person_titles())
    stop = _value_set("water_stem_stop")
    not_after = _value_set("water_not_after")
    strip = _values("water_prefix_strip")
    generic_stems = _value_set("section_generic_stem")
    # rivers and lakes (one-character suffixes) first: they bound the names of sections and reservoirs
    suffixes = sorted(lexicon.name_patterns()["water_suffix"], key=lambda sc: (len(sc[0]) > 1, -len(sc[0]), sc[0]))
    passes = [[sc for sc in suffixes if len(sc[0]) == 1], [sc for sc in suffixes if len(sc[0]) > 1]]
    for group in passes:
        found = []
        for suffix, cls in group:
            for m in _literal(suffix).finditer(text):
                end = m.end()
                nxt = text[end:end + 2]
                if len(suffix) == 1 and nxt[:1] in not_after and nxt != "流域" and nxt[:1] != suffix \
                        and not text.startswith(WATER_QUALITY_WORDS, end):
                    continue  # 河长, 河道 — but 夷望溪水环境, 汾河水质 and 三岔湖湖心 name the water
                start = _stem_start(ctx, m.start(), max_len=5 if len(suffix) > 1 else 4,
                                    min_len=1 if len(suffix) == 1 else 2, stop=stop,
                                    # but reservoirs keep theirs: 汾河三坝库区, 汾河水库
                                    name_ends=listed_ends if cls == "MonitoringSection" else frozenset())
                if start is None:
                    continue
                for prefix in strip:
                    if text.startswith(prefix, start) and m.start() - start > len(prefix):
                        start += len(prefix)
                if cls == "MonitoringSection" and start and text[start - 1] in "入出" and text[start:m.start()].endswith("口"):
                    start -= 1  # 汾河入黄口断面: the mouth's 入 is part of the name
                if cls == "MonitoringSection" and text[start:m.start()] in generic_stems:
                    water = ctx.ending_at(start, *WATER_CLASSES) or next((c for c in out if c.end == start), None)
                    start = water.start if water is not None else start  # 三岔湖湖心断面: not any lake's 湖心
                name = text[start:end]
                if (start, end) in known or name in stop or end in known_ends or m.start() in known_ends:
                    continue  # 太湖湖体: the suffix right after a known name is no new name
                if end <= inside_listed.get(start, -1):
                    continue  # 钱塘 inside 钱塘江: no lake inside a listed name
                if len(suffix) == 1 and (name[-2] in CN_DIGITS or any(k in name[:-1] for k in known_names)):
                    continue  # 沅江一江碧水, 两河: a numeral or a known river inside is no new river
                if name[:-len(suffix)].endswith(titles):
                    continue  # 市委书记江凌: a title and a surname, not a river
                known.add((start, end))
                known_names.add(name)
                found.append(Candidate(name, cls, start, end, {"canonical": name}))
        out.extend(found)
        ctx.found.extend(found)  # so 锦江|黄龙溪断面 starts after the river
    return out


def recognize_landmarks(ctx: Context) -> list[Candidate]:
    """Scenic areas, parks, reserves, corridors (by suffix) and mountains (by list)."""
    text = ctx.text
    out = []
    names = lexicon.mountains()
    for start, end, name in _scan(text, names, max_len=8):
        out.append(Candidate(name, "Landmark", start, end, {"canonical": names[name]}))
    stop = _value_set("water_stem_stop", "landmark_stem_stop")
    seen: set[int] = set()
    orgs = ctx.of(*ORG_CLASSES)  # named by their role: 林业和草原局 holds no grassland
    for suffix, cls, min_stem in lexicon.landmark_suffixes():
        for m in _literal(suffix).finditer(text):
            if m.end() in seen or any(o.start <= m.start() and m.end() <= o.end for o in orgs):
                continue
            start = _stem_start(ctx, m.start(), max_len=6, min_len=max(2, min_stem), stop=stop, tail_stop=False)
            if start is None:
                continue
            seen.add(m.end())
            name = text[start:m.end()]
            out.append(Candidate(name, cls or "Landmark", start, m.end(), {"canonical": name}))
    return out


def recognize_agencies(ctx: Context) -> list[Candidate]:
    """Agencies named after the water body or reserve they run (滇池管理局, 洱海保护治理局,
    鄱阳湖国家级自然保护区管理局), with the division written before the name (昆明市滇池管理局)."""
    text = ctx.text
    suffixes = lexicon.name_patterns().get("place_agency", ())
    out = []
    for place in ctx.of("River", "Lake", "Reservoir", "Wetland", "Landmark"):
        for suffix, cls in suffixes:  # longest first
            if not text.startswith(suffix, place.end):
                continue
            end = place.end + len(suffix)
            division = ctx.ending_at(place.start, *DIVISION_CLASSES)
            start = division.start if division is not None else place.start
            out.append(Candidate(text[start:end], cls, start, end, {"agency_of": text[place.start:end]}))
            break
    return out


# --- projects, measures, regulations, events --------------------------------------------------

def _walk_back_tokens(ctx: Context, end: int, boundaries: set[str], limit: int = 40) -> int:
    """Walk left from `end` over tokens until punctuation or a boundary word; return the start."""
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
            if (token in boundaries or not CLAUSE_PUNCT.isdisjoint(token)
                    or NUMBER_TOKEN_RE.fullmatch(token) or end - s > limit):
                return pos
            if token in ("和", "与", "及") and text.endswith(("工程", "项目"), 0, s):
                return pos  # A工程和B项目: two projects
        pos = s
    return pos


def recognize_projects(ctx: Context) -> list[Candidate]:
    """Named projects and works: spans ending in 项目/工程/专用线, and lists 'A、B等(一批)项目'."""
    text = ctx.text
    boundaries = _value_set("project_boundary")
    generic = _values("project_generic")
    out = []
    for suffix, _ in lexicon.name_patterns()["project_suffix"]:
        for m in _literal(suffix).finditer(text):
            start = _walk_back_tokens(ctx, m.start(), boundaries)
            stem = text[start:m.start()]
            # 'A、B、C等一批重大项目': each list item is a project
            before = text[:start]
            if before.endswith("等") and all(g in generic for g in _words(stem, generic)):
                out.extend(_list_items(ctx, start - 1))
                continue
            stem_clean = stem
            changed = True
            while changed:
                changed = False
                for g in generic:
                    if stem_clean.startswith(g) and len(stem_clean) > len(g) and g not in ("生态保护",):
                        stem_clean = stem_clean[len(g):]
                        changed = True
            start = m.start() - len(stem_clean)
            plain = strip_quotes(stem_clean)
            if any(w in plain for w in _values("project_generic_any")) \
                    or plain.endswith(_values("project_generic_tail")):
                continue
            if len(plain) < 4 or plain in generic or not is_han(plain[:1]):
                continue
            out.append(Candidate(text[start:m.end()], "Project", start, m.end(), {}))
    return out


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
    verbs = _values("project_boundary")
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
        if e - s >= 3 and is_han(text[s:e]):
            items.append(Candidate(text[s:e], "Project", s, e, {"listed": True}))
    return items


COMPOUND_MEASURE_RE = re.compile(r"化(?:精准)?(?:管控|监管)(?:措施|模式)?(?!方案|清单)")


def recognize_measures(ctx: Context) -> list[Candidate]:
    """Governance measures: quoted terms that are put to work, and X化(精准)?管控/监管 forms."""
    text = ctx.text
    patterns = lexicon.name_patterns()
    suffixes = [v for v, _ in patterns["measure_suffix"]]
    before_verbs = [v for v, _ in patterns["measure_verb_before"]]
    after_verbs = [v for v, _ in patterns["measure_verb_after"]]
    stop = _value_set("measure_stop")
    out = []
    for m in COMPOUND_MEASURE_RE.finditer(text):
        start = next((m.start() - n for n in (2, 1) if m.start() - n in ctx.token_starts
                      and is_han(text[m.start() - n:m.start()])), None)
        if start is not None:
            out.append(Candidate(text[start:m.end()], "Measure", start, m.end(), {}))
    for start, end, term in quoted_spans(text):
        if term in stop or len(term) > 30 or PLAN_NAME_RE.search(term) or "《" in term:
            continue
        after = text[end + 1:end + 8]
        before = text[max(0, start - 6):start - 1]
        suffix = next((s for s in suffixes if after.startswith(s)), "")
        is_measure = ("+" in term or bool(suffix) or any(before.endswith(v) for v in before_verbs)
                      or any(after.startswith(v) for v in after_verbs))
        if not is_measure or not HAN_CHAR_RE.search(term):
            continue
        if any(c.start == start and c.end == end and c.cls in PLACE_CLASSES for c in ctx.found):
            continue  # 深化“红旗渠”沿线生态保护: a quoted place is no measure
        follower = next((c for c in out if c.start == end + 1), None)
        if follower is not None:
            follower.attrs.setdefault("aliases", []).append(term)
            continue
        attrs = {"aliases": [term + suffix]} if suffix else {}
        out.append(Candidate(term, "Measure", start, end, attrs))
    for name in _values("measure_unquoted"):
        for m in _literal(name).finditer(text):
            if not any(c.start <= m.start() < c.end for c in out):
                out.append(Candidate(name, "Measure", m.start(), m.end(), {}))
    out.extend(_campaigns(ctx, before_verbs, out))
    return out


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
    for word in _values(generic_kind):
        stem = stem.replace(word, "")
    return len(stem) >= 2


YEAR_PREFIX_RE = re.compile(r"^(?:19|20)\d{2}年(?:度)?")


def _campaigns(ctx: Context, verbs: list[str], found: list[Candidate]) -> list[Candidate]:
    """Unquoted campaigns: the words between a verb and a campaign ending (开展秦岭生态环境保护专项行动,
    启动2024年夏季臭氧污染防控攻坚行动), known also without the year they open with."""
    text = ctx.text
    out: list[Candidate] = []
    for suffix in _values("campaign_suffix"):  # longest first
        for m in _literal(suffix).finditer(text):
            if any(c.start < m.end() and m.start() < c.end for c in found + out):
                continue
            start = _after_verb(text, m.start(), verbs, window=30, stops="，。；！？、“”\n")
            if start is None or not _names_one(YEAR_PREFIX_RE.sub("", text[start:m.start()]), "campaign_generic"):
                continue  # 开展专项整治行动: what kind of campaign, not which one
            name = text[start:m.end()]
            bare = YEAR_PREFIX_RE.sub("", name)
            out.append(Candidate(name, "Measure", start, m.end(), {"aliases": [bare] if bare != name else []}))
    return out


def recognize_regulations(ctx: Context) -> list[Candidate]:
    """《…》 titles ending in 条例/办法/规定/清单/方案/规划…, with their 以下简称 aliases."""
    text = ctx.text
    suffixes = _values("regulation_suffix")
    out = []
    short_for: dict[str, Candidate] = {}
    for m in re.finditer(r"《([^《》\n]{2,60})》", text):
        title = m.group(1)
        if not title.endswith(suffixes):
            continue
        if title in short_for:
            c = short_for[title]
            out.append(Candidate(title, "Regulation", m.start(1), m.end(1), {"alias_of": c}))
            continue
        cand = Candidate(title, "Regulation", m.start(1), m.end(1), {})
        out.append(cand)
        alias = re.match(r"[（(]以下简称《?([^》）)]{1,20})》?[）)]", text[m.end():])
        if alias:
            short_for[alias.group(1)] = cand
            cand.attrs["aliases"] = [alias.group(1)]
    return out


_ROUND = re.compile(rf"(第[{CN_DIGITS}\d]+轮)?((?:中央|省级?)(?:第[{CN_DIGITS}]+)?(?:生态环境保护|环境保护|环保))督察(组)?")
_PROVINCE_TEAM = re.compile(rf"第[{CN_DIGITS}]+(?:生态环境保护|环境保护|环保)督察组")
_PLENARY = re.compile(rf"[{CN_DIGITS}]+届[{CN_DIGITS}]+次(?:全体会议|全会)")


def recognize_events(ctx: Context) -> list[Candidate]:
    """Meetings, plenums, trainings (by suffix after 举办/召开) and inspection rounds."""
    text = ctx.text
    out = []
    for m in _ROUND.finditer(text):
        ordinal, body, team = m.group(1) or "", m.group(2), m.group(3)
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
        out.append(Candidate(text[start:m.end()], "Event", start, m.end(), {"organizer": org}))
    for start, end, name in _scan(text, lexicon.pattern_set("named_day"), max_len=10):
        out.append(Candidate(name, "Event", start, end, {}))
    verbs = _values("event_verb")
    for suffix, _ in lexicon.name_patterns()["event_suffix"]:
        for m in _literal(suffix).finditer(text):
            if any(c.start <= m.start() < c.end for c in out):
                continue
            # a quoted name right before the suffix: “…”专题培训班
            q = text.rfind("“", max(0, m.start() - 60), m.start())
            if q >= 0 and text[m.start() - 1] == "”" and "”" not in text[q:m.start() - 1]:
                start = q
            else:
                start = _after_verb(text, m.start(), verbs, window=40, stops="，。；！？\n")
                if start is None:
                    continue
                while start < m.start() and text[start] in FUNCTION_CHARS:
                    start += 1  # 主办的第十届…大会: the name starts after 的
            if m.end() - start < len(suffix) + 2 or not _names_one(text[start:m.start()], "event_generic"):
                continue  # 召开专题会议, 部常务会议: no name, only what kind of meeting it is
            out.append(Candidate(text[start:m.end()], "Event", start, m.end(), {}))
    return out


# --- persons and species -----------------------------------------------------------------------

@lru_cache(maxsize=1)
def _byline_name_re() -> re.Pattern:
    """A name after a byline role (记者, 通讯员, 实习生 …: byline_role in article_layout.tsv)."""
    roles = "|".join(sorted(map(re.escape, lexicon.load_layout()["byline_role"]), key=len, reverse=True))
    return re.compile(rf"(?:{roles})[ \u3000]*([{HAN}]{{2,3}}?)(?=[ \u3000、）)]|报道|摄|$)", re.M)


TITLE_PREFIX_ENDS = ("副", "常务", "党组", "分管", "代", "总", "正", "原", "前", "新任", "现任")  # 常务副局长 names no one


@lru_cache(maxsize=1)
def _name_before_title_re() -> re.Pattern:
    """A name written before the title that heads its body (王建国局长一行), at a boundary."""
    titles = "|".join(sorted((re.escape(t) for t, head in lexicon.person_titles().items() if head and len(t) >= 2),
                             key=len, reverse=True))
    follow = "|".join(map(re.escape, _values("person_follow")))
    return re.compile(rf"(?:^|(?<=[，。、；：“”（(\s]))([{HAN}]{{2,3}}?)({titles})(?={follow}|[，。、；：（）(]|$)", re.M)


@lru_cache(maxsize=1)
def _titled_person_re() -> re.Pattern:
    """Titles (longest first, chained with 、) then a 2-3 character name before a word that follows
    names (person_follow in name_patterns.tsv: 表示, 汇报, 带队 …) or a punctuation mark."""
    titles = sorted(lexicon.person_titles(), key=len, reverse=True)
    title_re = "|".join(map(re.escape, titles))
    follow = "|".join(map(re.escape, _values("person_follow")))
    return re.compile(rf"((?:(?:{title_re})、?)+)([{HAN}]{{2,3}}?)(?={follow}|[，。、；：（）(]|$)")


def _titled_persons(text: str):
    """The matches of _titled_person_re().finditer(text), trying only where a title starts.

    Every match opens with a title, and a regex alternation of 50 titles is slow to try at
    every character; title occurrences (overlapping ones too) come from one automaton pass.
    """
    pattern = _titled_person_re()
    titles = lexicon.person_titles()
    pos = 0
    for start in sorted(_longest_at(text, titles, max(map(len, titles)))):
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
    not_given = _value_set("person_not_given")
    for m in _titled_persons(text):
        name = m.group(2)
        if name[0] not in surnames and name[:2] not in surnames:
            continue
        if name in not_given or name[1:] in not_given or name[2:] in not_given:
            continue  # 支队长向记者介绍: 向 is a surname, 记者 no given name; 市长强调: a verb
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
    for m in _byline_name_re().finditer(text):
        if m.group(1)[0] in surnames or m.group(1)[:2] in surnames:
            names.add(m.group(1))
    for name in sorted(names):
        for m in _literal(name).finditer(text):
            out.append(Candidate(name, "Person", m.start(), m.end(), {"byline": True}))
    return out


def recognize_species(ctx: Context) -> list[Candidate]:
    """Species from the wildlife list (generic words such as 候鸟 are left out)."""
    names = lexicon.species()
    return [Candidate(name, "Species", s, e, {"canonical": names[name]}) for s, e, name in _scan(ctx.text, names, 8)
            if ctx.at_token_boundary(s, e)]  # 人参 is no plant inside 党员干部人参…


RECOGNIZERS = (recognize_divisions, recognize_subcounty, recognize_organisations, recognize_media,
               recognize_landmarks, recognize_water, recognize_agencies, recognize_regulations, recognize_events,
               recognize_projects, recognize_measures, recognize_persons, recognize_species, recognize_country)


def recognize(ctx: Context) -> list[Candidate]:
    """Run every recogniser in order (later ones see earlier results) and resolve overlaps.

    A mention inside a longer mention of the same family is dropped; a mention of another
    kind inside a name (高平 in 高平分局, 丹河 in a project) is kept as nested.
    """
    for recognizer in RECOGNIZERS:
        found = recognizer(ctx)
        known = {id(c) for c in ctx.found}  # a recogniser may have shared some results early
        ctx.found.extend(c for c in found if id(c) not in known)
    return resolve_overlaps(ctx.found)


def top_level(cands: list[Candidate]) -> list[Candidate]:
    """The mentions not inside another one (a sweep over spans sorted by start, longest first)."""
    out, max_end, max_span = [], -1, (-1, -1)
    for c in sorted(cands, key=lambda c: (c.start, c.start - c.end)):
        if c.end <= max_end and (c.start, c.end) != max_span:
            continue
        out.append(c)
        if c.end > max_end:
            max_end, max_span = c.end, (c.start, c.end)
    return out


def _family(cls: str) -> str:
    if cls in DIVISION_CLASSES:
        return "division"
    if cls in ORG_CLASSES:
        return "org"
    return cls  # places of different classes nest: 丹河 in 丹河断面, 昌源河 in 昌源河国家湿地公园


def resolve_overlaps(cands: list[Candidate]) -> list[Candidate]:
    """Drop mentions covered by a longer one of the same family, and partial overlaps of the shorter.

    Division names are atomic: nothing else is read inside them (浙江 in 浙江省 is no river).
    """
    inside_division = _covered_by([c for c in cands if c.cls in DIVISION_CLASSES])
    cands = [c for c in cands if c.cls in DIVISION_CLASSES or not inside_division(c)]
    cands = sorted(cands, key=lambda c: (c.start, -(c.end - c.start), c.cls))
    keep: list[Candidate] = []
    for c in cands:
        clash = False
        for k in keep:
            if k.end <= c.start or c.end <= k.start:
                continue
            if k.contains(c) and _family(k.cls) != _family(c.cls):
                continue  # nested mention of another kind
            if (k.start, k.end) == (c.start, c.end) and k.cls != c.cls:
                clash = True
                break
            if k.contains(c) or (k.start, k.end) == (c.start, c.end):
                clash = True
                break
            if c.contains(k):
                continue
            clash = True  # partial overlap: the earlier, longer one wins
            break
        if not clash:
            keep.append(c)
    # a kept mention may now contain earlier-kept same-family shorter ones: remove those
    families: dict[str, list[Candidate]] = {}
    for c in keep:
        families.setdefault(_family(c.cls), []).append(c)
    contained = {id(c) for members in families.values() for c in _contained(members)}
    final = [c for c in keep if id(c) not in contained]
    return sorted(final, key=lambda c: (c.start, c.end, c.cls))


def _covered_by(spans: list[Candidate]):
    """A test: is a candidate's span within one of these spans?

    Sorted by start, with the furthest end reached so far: some span starting at or before the
    candidate covers it exactly when that furthest end reaches the candidate's end.
    """
    ordered = sorted(spans, key=lambda c: c.start)
    starts = [c.start for c in ordered]
    reach, furthest = [], -1
    for c in ordered:
        furthest = max(furthest, c.end)
        reach.append(furthest)

    def covered(c: Candidate) -> bool:
        i = bisect_right(starts, c.start)
        return i > 0 and reach[i - 1] >= c.end

    return covered


def _contained(spans: list[Candidate]) -> list[Candidate]:
    """The spans that another, different span contains (Candidate.contains), in one sweep.

    In (start, longest first) order everything that can contain a span comes before it, and
    equal spans are neighbours: a span is contained when something before its run of equals
    reaches its end.
    """
    out, furthest, before_run, run = [], -1, -1, None
    for c in sorted(spans, key=lambda c: (c.start, -c.end)):
        if (c.start, c.end) != run:
            run, before_run = (c.start, c.end), furthest
        if before_run >= c.end:
            out.append(c)
        furthest = max(furthest, c.end)
    return out
