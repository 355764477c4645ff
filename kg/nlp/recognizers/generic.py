"""Names made of common words only (省级自然保护区, 矿坑公园, 骨干水库) name a kind of place, not one place."""

from __future__ import annotations

import re
from functools import lru_cache

from kg import lexicon
from kg.nlp.recognizers.base import DIVISION_CLASSES, PLACE_CLASSES, Candidate
from kg.nlp.tokenizer import tag

CHECKED_CLASSES = ("Landmark", "Reservoir", "Wetland", "MonitoringSection")  # not rivers: 墩子河 is all nouns too
# jieba tags of common words; a place name (ns), a person's or other proper name (nr, nz), an unknown word ('')
# or a number written in the name makes it specific
GEOGRAPHIC_CHARS = frozenset("山河湖江岭峰溪泉湾岛源洼冲坝屿")  # 瓦屋山|自然保护区, 黄家冲|水库: a place's own name
COMMON_TAGS = frozenset(("n", "vn", "v", "b", "s", "a", "ad", "d", "z", "j", "f", "q", "t", "l"))  # l: 生态系统, an expression jieba keeps whole


def names_a_kind(c: Candidate, found: list[Candidate]) -> bool:
    """Whether a place candidate of CHECKED_CLASSES, not from a curated list, is made of common words only
    and holds no place or division name found inside it; a name from a curated list is never one."""
    if water_kind(c, found):
        return True
    if c.cls not in CHECKED_CLASSES or c.text in lexicon.water_bodies() or c.text in lexicon.mountains_and_regions():
        return False
    if _division_and_kind(c, found) or _region_and_kind(c, found) or _place_and_described_kind(c, found):
        return True
    if any(c.contains(o) and not (o.start == c.start and o.cls == c.cls) and (o.cls in PLACE_CLASSES or o.cls in DIVISION_CLASSES
                                                    or o.cls == "Species") and not _kind_inside(o, found)
           for o in found):  # a place inside (not the same name cut short: 绿色工业园 in 绿色工业园区)
        return False
    if any(ch.isdigit() for ch in c.text):
        return False
    return common_words_only(c.text)


def _kind_inside(o: Candidate, found: list[Candidate]) -> bool:
    """Whether a place found inside a name is itself a kind (森林公园, written again in 湿地森林公园 and
    found there as a repeat of an earlier 森林公园): it makes the name around it no more specific."""
    return o.cls in CHECKED_CLASSES and names_a_kind(o, found)


WATER_KIND_CLASSES = ("River", "Lake")
REGION_WATER_CLASSES = ("River", "Lake", "Wetland", "Reservoir")


def water_kind(c: Candidate, found: list[Candidate]) -> bool:
    """Whether a river or lake built from its suffix ends in a common word of water (干渠, 水渠, 内河, 盐湖,
    大河, 河湖: jieba's dictionary, the suffix not a word alone) after common words only (总|干渠, 田边|水渠,
    城市|内河, 世界级|盐湖, 泱泱|大河): a kind of water, not its name (not 墩子|河, 四湖|总干渠, 江淮|运河)."""
    if c.cls in REGION_WATER_CLASSES and REGION_WATERS_RE.search(c.text) and c.text not in lexicon.water_bodies():
        return True  # 京津冀地区湿地, 黄河流域湖泊: a region's waters of a kind, no one name
    if c.cls not in WATER_KIND_CLASSES or c.text in lexicon.water_bodies():
        return False
    if c.text.endswith(lexicon.pattern_values("water_collective_word")):
        return True  # 西北诸河, 三亚内河, 长三角界河: the waters of a region
    kind = next((w for w in lexicon.pattern_values("water_kind_word") if c.text.endswith(w)), None)
    if kind is not None and _common_modifiers(c.text[:-len(kind)]):
        return True  # 暗河, 总|干渠, 田边|水渠, 养|虾塘: a kind of water (not 运城|盐湖)
    if any(c.contains(o) for o in found if o.cls in PLACE_CLASSES or o.cls in DIVISION_CLASSES):
        return False
    words = tag(c.text)
    last, pos = words[-1]
    if len(words) == 1:
        return last in lexicon.lead_words()  # 沉淀, 积淀: a verb, not a lake (荆江, 月湖: one word of the dictionary, a name)
    common = lexicon.pattern_set("place_common_word")
    frequent = lexicon.common_word_tags()
    if len(last) < 2 or not (pos in COMMON_TAGS or last in frequent or last in common):
        return False
    kinds = lexicon.kind_words()
    return all(w in common or w in frequent or w in kinds for w, _ in words[:-1])  # not 马|泥河, 新|水河, 军齐排|干渠


REGION_WATERS_RE = re.compile(r"(?:地区|流域|全域|境内|辖区)(?:湿地|湖泊|河流|水库|河湖)$")
NAME_TAGS = frozenset(("ns", "nr", "nrt", "nrfg", "nz", "nt", "j", "x", "m", "eng", ""))  # a place, person, brand, number


def _common_modifiers(stem: str) -> bool:
    """Whether a stem is empty or only common words by jieba's tags: no place, person or other proper name,
    no number, and no longer word jieba guessed (a word of 3+ characters outside its frequent words: 军齐排)
    (总, 田边, 养, 世界级, 泱泱; not 运城, 四湖, 军齐排, 柳烟)."""
    known = lexicon.kind_words()
    return all(pos not in NAME_TAGS and (len(w) <= 2 or w in known) for w, pos in tag(stem))


def common_words_only(text: str) -> bool:
    """Whether a name is made of common words only (jieba's tags; 城市, 河湖, 山水 count as common) with no
    geographic character of a place's own name before its last word (热带雨林国家公园, 矿坑公园)."""
    words = tag(text)
    common = lexicon.pattern_set("place_common_word")  # 城市 (ns), 河湖 (ns), 山水: a kind, not a place
    frequent = lexicon.common_word_tags()  # 矿山, 深山: a frequent word of the dictionary holds no place's own name
    stem = "".join(w for w, _ in words[:-1] if w not in common and w not in frequent)
    return all(pos in COMMON_TAGS or w in common for w, pos in words) and not any(ch in stem for ch in GEOGRAPHIC_CHARS)


AREA_CLASSES = ("Country", "Province", "Prefecture", "County")  # not towns: 麻涌镇湿地公园 may be one park
LEVEL_CHARS = tuple("省市县区")


def _division_and_kind(c: Candidate, found: list[Candidate]) -> bool:
    """A division (or the country) and common words only (青海省湿地, 济宁市人工湿地, 我国湿地, 宁海县|湿地面积)
    name that division's places of a kind, not one place."""
    lead = max((o.end for o in found if o.start == c.start and o.end < c.end and o.cls in AREA_CLASSES
                and (o.cls == "Country" or o.text.endswith(LEVEL_CHARS))), default=None)  # not 锦江|公园: a short form names
    if lead is None:
        return False
    rest = c.text[lead - c.start:]
    return common_words_only(rest) and not any(ch in rest for ch in GEOGRAPHIC_CHARS)


LEAD_PLACE_CLASSES = DIVISION_CLASSES + ("Country", "River", "Lake", "Landmark")


def _place_and_described_kind(c: Candidate, found: list[Candidate]) -> bool:
    """A place's name, then common place words of two or more characters, then the suffix (南昌|城市|湿地,
    漓江|城市|湿地, 河套平原|河湖|湿地): that place's places of a kind, no one name (not 长江|口|湿地, a name's own
    character; not 太湖|湿地公园, the suffix alone after the place)."""
    suffix = next((s for s, _, _ in lexicon.landmark_suffixes() if c.text.endswith(s)), None)
    if suffix is None or c.cls != "Wetland":
        return False  # not parks: 大通|滨河|公园 is one park's name
    common = lexicon.pattern_set("place_common_word")
    names, short_names = lexicon.division_names(), lexicon.division_short_names()
    leads = {o.end - c.start for o in found if o.start == c.start and o.cls in LEAD_PLACE_CLASSES}
    leads.update(n for n in range(2, len(c.text)) if c.text[:n] in names or c.text[:n] in short_names)  # 南昌 inside
    for lead in sorted(n for n in leads if n < len(c.text) - len(suffix)):
        if all(len(w) >= 2 and w in common for w, _ in tag(c.text[lead:-len(suffix)])):
            return True
    return False


PLANNING_REGION_KINDS = frozenset(("economic region",))  # regions.tsv kinds that name no place of nature
AREA_WORD_RE = re.compile("流域|地区|全域|境内|辖区")


def _region_and_kind(c: Candidate, found: list[Candidate]) -> bool:
    """An economic region or a basin, then common words only (长江经济带|国家级自然保护区, 黄河流域|自然保护区):
    the region's places of that kind, not one place; a region of nature names its own (三江源国家公园)."""
    lead = max((o.end for o in found if o.start == c.start and o.end < c.end and o.cls == "Landmark"
                and _region_kinds().get(o.attrs.get("canonical", o.text)) in PLANNING_REGION_KINDS), default=None)
    area = next((m.end() for m in AREA_WORD_RE.finditer(c.text, 2)), None)
    ends = [e - c.start for e in (lead,) if e is not None] + ([area] if area is not None else [])
    return any(common_words_only(c.text[end:]) and not any(ch in c.text[end:] for ch in GEOGRAPHIC_CHARS)
               for end in ends if end < len(c.text))


@lru_cache(maxsize=1)
def _region_kinds() -> dict[str, str]:
    """Each named region of regions.tsv -> its kind (plateau, economic region …)."""
    return {row["name"]: row.get("kind", "") for row in lexicon.read_tsv("gazetteers/regions.tsv")}
