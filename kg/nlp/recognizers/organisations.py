"""Organisations: <division> + role, branches, national organs, and agencies named after a water body or place."""

from __future__ import annotations

from functools import lru_cache
import re

from kg import lexicon
from kg.nlp.recognizers.base import Candidate, Context, DIVISION_CLASSES, scan, values_of
from kg.nlp.text import FUNCTION_CHARS, HAN
from kg.nlp.tokenizer import cut, tag


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
            office = _office_after(text, end, r)
            end += len(office)
            cand = Candidate(text[div.start:end], role["class"], div.start, end,
                             {"division": div, "role": role["canonical"] + office, "written_role": r + office})
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
        office = _office_after(text, m.end(), r)
        out.append(Candidate(m.group(0) + office, role["class"], m.start(), m.end() + len(office),
                             {"level_char": m.group(1), "role": role["canonical"] + office, "written_role": r + office}))
    # short branch names: 高平分局 (county short form + 分局)
    for div in ctx.of("County"):
        bureaus = [c for c in ctx.found + out if c.end <= div.start and c.text.endswith("局")
                   and c.cls in ("Bureau", "GovernmentBody")]
        if text.startswith("分局", div.end) and div.start not in taken \
                and not (bureaus and max(bureaus, key=lambda c: c.end).cls == "GovernmentBody"):
            # but 北京市公安局…会同通州分局 is a branch of the last 局 written before it, not of the ecology bureau
            out.append(Candidate(text[div.start:div.end + 2], "Bureau", div.start, div.end + 2,
                                 {"division": div, "role": "分局", "branch_of": None}))
            taken.update(range(div.start, div.end + 2))
    # basin agencies of the ministry: 黄河流域生态环境监督管理局, 海河流域北海海域生态环境监督管理局
    for suffix, cls in lexicon.name_patterns().get("basin_agency", ()):
        for m in re.finditer(rf"([{HAN}]{{1,4}}流域(?:[{HAN}]{{1,4}}海域)?){re.escape(suffix)}", text):
            if not any(m.start() < c.end and c.start < m.end() for c in out):
                out.append(Candidate(m.group(0), cls, m.start(), m.end(), {"role": m.group(0)}))
    national = _national_roles()
    for start, end, name in scan(text, national, max_len=16):  # one automaton pass, longest first
        if any(start < c.end and c.start < end for c in out):
            continue
        if name.endswith("部") and text.startswith("门", end):
            continue  # 环境保护部门, 环保部门: departments, not the ministry
        role = national[name]
        out.append(Candidate(name, role["class"], start, end, {"role": role["canonical"]}))
    return out


def _office_after(text: str, end: int, role: str) -> str:
    """The 办公室 written right after a committee's role (市生态环境委员会|办公室): the organ is the office."""
    return "办公室" if role.endswith("委员会") and len(role) > 3 and text.startswith("办公室", end) else ""


@lru_cache(maxsize=1)
def _national_roles() -> dict[str, dict[str, str]]:
    """The roles that stand alone (生态环境部, 国务院, 联合国), by their written form."""
    return {r["role"]: r for r in lexicon.org_roles() if r["scope"] == "national"}


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
        suffix = next((s for s in values_of("branch_suffix") if text.startswith(s, end)), None)
        if suffix is None:
            return None
        end += len(suffix)
        return Candidate(text[parent.start:end], "Bureau", parent.start, end,
                         {"division": div, "role": "分局", "branch_of": parent})
    m = _NAMED_BRANCH_RE.match(text, parent.end)
    if m is None or "局" in m.group(1) or any(ch in FUNCTION_CHARS for ch in m.group(1)) \
            or cut(m.group(1))[0] in lexicon.lead_words(frozenset(("v",))):
        return None  # …生态环境局联合|安丘分局: the bureau acts with a branch, no branch of that name
    return Candidate(text[parent.start:m.end()], "Bureau", parent.start, m.end(),
                     {"division": parent.attrs.get("division"), "role": "分局", "branch_name": m.group(1),
                      "branch_of": parent})


#: A branch named after a place the gazetteer does not list: two to five characters before 分局.
_NAMED_BRANCH_RE = re.compile(rf"([{HAN}]{{2,5}}?)分局")


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


ORGAN_STEM_MAX = 12  # characters between the division (or parent organ) and the organ's suffix
_LINK_WORDS = frozenset("和与及")  # inside a name: 水利和湖泊局, 食品药品与环境犯罪侦查总队
_NO_ORGAN_TAGS = frozenset(("m", "r", "d", "p", "u", "i", "t", "f"))  # 首个, 该, 全面, 工作谋篇布局 …


def recognize_composed_organs(ctx: Context) -> list[Candidate]:
    """Organs that no role lists, composed of words after their division (玉树藏族自治州|农牧执法局,
    夷陵区|水利和湖泊局) or after their parent organ (西城区委|宣传部, 山东省公安厅|食品药品与环境犯罪侦查总队).

    Runs after the water bodies and agencies, so that a name holding another found name
    (山东省|肥城市…中心, 云南省|滇池管理局) is none of these.
    """
    out = []
    for parent in ctx.of("GovernmentBody"):
        div = parent.attrs.get("division")
        if div is not None and "written_role" in parent.attrs:
            cand = _composed_organ(ctx, div, parent)
            if cand is not None:
                out.append(cand)
    starts = {c.start for c in ctx.found}
    longer_from = {c.start for c in ctx.found if c.cls not in DIVISION_CLASSES}
    pattern = _organ_suffix_re("organ_suffix")
    for div in ctx.of("Province", "Prefecture", "County"):
        if div.end not in starts and div.start not in longer_from and pattern.match(ctx.text, div.end):
            cand = _composed_organ(ctx, div, None)
            if cand is not None:
                out.append(cand)
    return out


@lru_cache(maxsize=2)
def _organ_suffix_re(kind: str) -> re.Pattern:
    suffixes = "|".join(map(re.escape, values_of(kind)))
    return re.compile(rf"[{HAN}]{{1,{ORGAN_STEM_MAX}}}?(?:{suffixes})")


@lru_cache(maxsize=1)
def _listed_roles() -> tuple[str, ...]:
    return tuple(r["role"] for r in lexicon.org_roles() if len(r["role"]) >= 2)


@lru_cache(maxsize=1)
def _bureau_roles() -> tuple[str, ...]:
    return tuple(r["role"] for r in lexicon.org_roles() if r["class"] == "Bureau")


@lru_cache(maxsize=4096)
def _tag(text: str) -> tuple[tuple[str, str], ...]:
    """jieba's words and tags, cached: the same few spans after a division recur across articles."""
    return tuple(tag(text))


def _ends_organ(word: str, suffix: str, previous_tag: str) -> bool:
    """Whether `word` ends an organ's name with `suffix`: the suffix alone, or one word and the suffix
    (执法|局, 宣传|部; not 布局, 谋篇布|局); before 中心, a verbal noun (监测中心, 发展|中心; not 金融中心)."""
    if word == suffix:
        return suffix != "中心" or previous_tag == "vn"
    if word in _listed_roles():
        return True  # 生态环境|综合行政执法局: a role of org_roles.tsv, which the segmenter keeps whole
    stem = _tag(word[:-len(suffix)])
    return len(stem) == 1 and len(stem[0][0]) >= 2 and (suffix != "中心" or stem[0][1] == "vn")


def _composed_organ(ctx: Context, div: Candidate, parent: Candidate | None) -> Candidate | None:
    """The organ whose name starts after `parent` (or `div`), or None.

    The words come from jieba; the last ends in a suffix (organ_suffix, suborgan_suffix in
    name_patterns.tsv), as _ends_organ says. No word is a function word, a number, a pronoun or an
    adverb, but 和/与/及 may join two words that are no organ (水利和湖泊局; not 政府和环保局). After a
    division no word is a verb (全面部署); after a parent organ the first is none. A name that ends in an
    ecology bureau's role after other words (两区生态环境局, 通州环保局) holds a place we do not know.
    """
    text = ctx.text
    start = parent.end if parent is not None else div.end
    kind = "suborgan_suffix" if parent is not None else "organ_suffix"
    if _organ_suffix_re(kind).match(text, start) is None:
        return None
    suffixes = values_of(kind)
    pos = start
    previous_tag = ""
    for i, (word, pos_tag) in enumerate(_tag(text[start:start + ORGAN_STEM_MAX + 4])):
        if word in _LINK_WORDS:
            if i == 0 or text[start:pos].endswith(_listed_roles() + suffixes + ("院", "委", "办", "政府")):
                return None
        elif any(ch in FUNCTION_CHARS for ch in word) or pos_tag in _NO_ORGAN_TAGS:
            return None
        elif pos_tag == "v" and (parent is None or i == 0):
            return None
        pos += len(word)
        if pos - start > ORGAN_STEM_MAX + 3:
            return None
        suffix = next((s for s in suffixes if word.endswith(s)), None)
        if suffix and pos - start > len(suffix) and _ends_organ(word, suffix, previous_tag):
            break
        previous_tag = pos_tag
    else:
        return None
    if any(c is not div and c is not parent and c.start < pos and start < c.end for c in ctx.found):
        return None
    name = text[start:pos]
    if parent is not None:
        return Candidate(text[div.start:pos], "GovernmentBody", div.start, pos,
                         {"division": div, "role": parent.attrs["role"] + name,
                          "written_role": parent.attrs["written_role"] + name, "sub_of": parent})
    if any(name.endswith(r) and name != r for r in _bureau_roles()):
        return None
    if name in values_of("branch_suffix") and any(
            c.attrs.get("role") == "分局" and c.attrs.get("division") is not None
            and c.attrs["division"].attrs.get("code") == div.attrs.get("code") for c in ctx.of("Bureau")):
        return Candidate(text[div.start:pos], "Bureau", div.start, pos, {"division": div, "role": "分局", "branch_of": None})
        # 罗湖管理局 after 深圳市生态环境局罗湖管理局: the branch, written short
    cls = "Bureau" if name.startswith(("生态环境", "环境保护", "环保")) and name.endswith(("局", "厅")) else "GovernmentBody"
    if any(word in name for word in values_of("ngo_word")):
        cls = "Organization"  # 贵阳市黔仁生态公益发展中心: a charity, no organ of the state
    return Candidate(text[div.start:pos], cls, div.start, pos, {"division": div, "role": name, "written_role": name})
