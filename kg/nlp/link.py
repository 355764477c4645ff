"""Normalise and link mentions to entities with canonical keys.

A canonical key names one real entity across all documents: ``division:<code>``,
``org:<jurisdiction code>:<role>``, ``water:<scope>:<name>``, ``measure:<name>`` ... The
IRI is minted from it (``kg.rdf.mint_iri``). Within an article, bare forms (市环委办,
督察组, 高平分局) resolve to the article's own place and bodies.

Homonyms: China has dozens of rivers called 清水河 and a 人民公园 in every city, so water
bodies, sections, landmarks and projects are keyed by name *and place* (:mod:`kg.nlp.keys`):
the division written with the name (宁夏固原市清水河), else the article's own place, cut to a
province for water bodies (rivers cross prefectures: 沁河 flows through three) and to a
prefecture for the rest, which are local. A name the curated national lists know as unique
(黄河, 汾河, 太湖; the mountains and regions 太行山, 黄土高原) keeps a key of its name alone; one whose place cannot be told says so
(``water:unplaced:<name>``) rather than join a namesake of a known place. So are the sites a national
register names once (三江源国家公园, 黄河三角洲国家级自然保护区: national_designations.tsv) and the national
projects (南水北调中线工程, 三北工程: national_projects.tsv); a river the water-body list knows in several
provinces (东江: 江西, 广东) is one node in all of them. A project's key leaves out the parts its name is
written with and without (山水林田湖草沙), so a long and a short form of it meet in one node.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from kg import lexicon
from kg.nlp.keys import division_key, landmark_key, place_key, project_key, water_key
from kg.nlp.recognizers import DIVISION_CLASSES, Candidate
from kg.nlp.recognizers.country import COUNTRY_CLASS, COUNTRY_KEY, country_aliases, country_label
from kg.normalize import clean_label, label_key
from kg.types import Entity, Mention


@dataclass
class Linked:
    """The entities of one article, its mentions and the article's own place and bureau."""

    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    by_candidate: dict[int, str] = field(default_factory=dict)  # id(candidate) -> key
    main_division: str = ""  # key
    main_org: str = ""  # key
    structure: list[tuple[str, str, str, int, int]] = field(default_factory=list)  # (s, p, o, start, end)

    def add(self, key: str, cls: str, label: str, alias: str = "", extracted: bool = True, **extra) -> None:
        """Add or extend an entity; labels are kept without quote marks. Extending it, the label it is
        given is one of its forms, kept as an alias when the entity keeps its old label."""
        label = clean_label(label)
        old = self.entities.get(key)
        aliases = {*old.aliases, old.label, label} if old else set()
        for a in (alias, *extra.pop("aliases", ())):
            a = clean_label(a or "")
            if a:
                aliases.add(a)
        if old:
            label = longer_label(old.label, label) if cls == "Project" else old.label
            extracted = extracted or old.extracted
            extra = {"admin_code": old.admin_code, "lon": old.lon, "lat": old.lat, **{k: v for k, v in extra.items() if v}}
        self.entities[key] = Entity(key=key, cls=cls, label=label, aliases=tuple(sorted(aliases - {label})),
                                    extracted=extracted, **extra)


def longer_label(old: str, new: str) -> str:
    """Of two labels of one project, the longer (the name in full); of two as long, the first in code-point order.

    >>> longer_label("乌梁素海流域一体化保护和修复工程", "乌梁素海流域山水林田湖草沙一体化保护和修复工程")
    '乌梁素海流域山水林田湖草沙一体化保护和修复工程'
    """
    return min(old, new, key=lambda s: (-len(s), s))


def add_division(linked: Linked, code: str, alias: str = "", extracted: bool = True) -> str:
    """Add a gazetteer division by code and return its key."""
    d = lexicon.divisions()[code]
    key = division_key(code)
    linked.add(key, d.cls, d.name, alias, extracted=extracted, admin_code=code, lon=d.lon, lat=d.lat)
    return key


OLD_BUREAU_ROLES = ("环保局", "环境保护局")  # the names before the 2018 reform, as the text writes them


def bureau_label(code: str) -> str:
    """The standard name of a division's ecology and environment authority."""
    d = lexicon.divisions()[code]
    if d.level == "province" and not d.name.endswith("市"):  # the four municipalities have a 局: 重庆市生态环境局
        return d.name + "生态环境厅"
    return d.name + "生态环境局"


def branch_label(county_code: str) -> tuple[str, str]:
    """(label, parent code) of a county's branch of its prefecture's bureau (…局高平分局)."""
    divs = lexicon.divisions()
    d = divs[county_code]
    parent = divs.get(d.parent)
    name = lexicon.role_short_form(d) or d.name
    if parent is None:
        return d.name + "生态环境局", ""
    return f"{bureau_label(parent.code)}{name}分局", parent.code


def resolve_level(linked: Linked, level_char: str, offset: int = 0) -> str:
    """Key of the division that 全省/全市/该县 … refers to at `offset`, or ''."""
    code = _resolve_level(linked, level_char, offset)
    return division_key(code) if code else ""


def _resolve_level(linked: Linked, level_char: str, offset: int = 0) -> str:
    """The division a bare 市/县/区/省 refers to (its code), or ''.

    The article's own place or one above it when its name fits (市环委办 in a 高平市 article),
    else the nearest division of that kind written before.
    """
    divs = lexicon.divisions()
    before = [m for m in linked.mentions if m.end <= offset and m.key.startswith("division:")]
    near = [m for m in before if offset - m.end <= NEAR_DIVISION_GAP and m.text.endswith(level_char)]
    if near and level_char != "省":
        return near[-1].key.split(":", 1)[1]  # 巩义市政府和|市环保局: the 市 just written, not the article's own
    code = linked.main_division.split(":", 1)[1] if linked.main_division.startswith("division:") else ""
    found = _walk_up(code, level_char, divs)
    if found:
        return found
    for m in reversed(before):
        found = _walk_up(m.key.split(":", 1)[1], level_char, divs)
        if found:
            return found
    return ""


NEAR_DIVISION_GAP = 4  # characters between a division written in full and a bare body (巩义市|政府和|市环保局)


def _walk_up(code: str, level_char: str, divs) -> str:
    """The division at or above `code` whose name ends in 市/县/区 (or the province for 省)."""
    while code:
        d = divs[code]
        if level_char == "省" and d.level == "province":
            return code
        if level_char != "省" and d.name.endswith(level_char):
            return code
        code = d.parent
    return ""


def without_leading_divisions(name: str) -> list[str]:
    """The name without the division names it opens with, one more dropped each time:
    湖北省武汉市黄陂区前川污水处理厂提标改造工程 -> [武汉市黄陂区前川…, 黄陂区前川…, 前川…]."""
    names = lexicon.division_names()
    out, rest = [], name
    while True:
        cut = next((n for n in range(min(10, len(rest) - 2), 1, -1) if rest[:n] in names), 0)
        if not cut:
            return out
        rest = rest[cut:]
        out.append(rest)


def _org_key(code: str, role: str) -> str:
    return f"org:{code}:{role}"


def national_org(key: str) -> bool:
    """Whether an organisation's key is a national organ's (生态环境部, 国务院): no division's."""
    return key.startswith(_org_key("national", ""))


def link(cands: list[Candidate], title_end: int = 0) -> Linked:
    """Give every candidate an entity key; collect entities and name-structure relations.

    The article's own place is what its title names (an organisation's jurisdiction, else the
    most specific division), else the jurisdiction of its most mentioned bureau, else its most
    mentioned division. `title_end` is where the title ends in the text (0: no title).
    """
    linked = Linked()
    divs = lexicon.divisions()

    def note(c: Candidate, key: str) -> None:
        linked.by_candidate[id(c)] = key
        ent = linked.entities[key]
        linked.mentions.append(Mention(c.text, ent.cls, c.start, c.end, key, ent.label))

    # 1. divisions
    for c in cands:
        if c.cls in ("Province", "Prefecture", "County"):
            note(c, add_division(linked, c.attrs["code"], c.text))
    # 2. the article's own bureau and place, from the most mentioned organisation with a division
    jurisdictions: Counter[str] = Counter()
    for c in cands:
        div = c.attrs.get("division")
        if c.cls == "Bureau" and div is not None:
            jurisdictions[div.attrs["code"]] += 1
    title_orgs = [c.attrs["division"].attrs["code"] for c in cands
                  if c.end <= title_end and c.attrs.get("division") is not None]
    title_divs = [c.attrs["code"] for c in cands if c.end <= title_end and c.cls in ("Province", "Prefecture", "County")]
    level_rank = {"county": 0, "prefecture": 1, "province": 2}
    if title_orgs:
        linked.main_division = division_key(title_orgs[-1])
    elif title_divs:
        linked.main_division = division_key(min(title_divs, key=lambda k: level_rank[divs[k].level]))
    elif jurisdictions:
        linked.main_division = division_key(min(jurisdictions, key=lambda k: (-jurisdictions[k], k)))
    else:
        counts = Counter(c.attrs["code"] for c in cands if c.cls in ("Province", "Prefecture", "County"))
        if counts:
            linked.main_division = division_key(min(counts, key=lambda k: (-counts[k], -len(k.rstrip("0")), k)))
    # 3. townships and villages
    for c in cands:
        if c.cls == "Township":
            parent = c.attrs["parent_key"]
            name = c.attrs.get("canonical", c.text)
            key = f"township:{parent.attrs['code']}:{name}"
            linked.add(key, "Township", name, c.text)
            note(c, key)
            if parent.attrs.get("implied"):  # a listed township's county the article does not name
                add_division(linked, parent.attrs["code"], extracted=False)
            linked.structure.append((key, "partOf", division_key(parent.attrs["code"]), parent.start, c.end))
        elif c.cls == "Village":
            town = c.attrs["parent_key"]
            town_key = f"township:{town.attrs['parent_key'].attrs['code']}:{town.attrs.get('canonical', town.text)}"
            key = f"village:{town_key.split(':', 1)[1]}:{c.text}"
            linked.add(key, "Village", c.text)
            note(c, key)
            linked.structure.append((key, "partOf", town_key, town.start, c.end))
    # 4. organisations
    for c in cands:
        if c.cls not in ("Bureau", "GovernmentBody", "Organization"):
            continue
        key = _link_org(linked, c, divs)
        if key:
            note(c, key)
    bureaus = Counter(linked.by_candidate[id(c)] for c in cands if c.cls == "Bureau" and id(c) in linked.by_candidate)
    if bureaus:
        linked.main_org = min(bureaus, key=lambda k: (-bureaus[k], k))
    # 5. everything else
    ordinal_round = next((c for c in cands if c.cls == "Event" and c.attrs.get("ordinal")), None)
    full_park_names = _full_park_names(cands)
    place_of = _places(cands, linked.main_division.split(":", 1)[1] if linked.main_division else "")
    for c in cands:
        if id(c) in linked.by_candidate or c.cls in DIVISION_CLASSES:
            continue
        cls = c.cls
        if c.text in full_park_names:  # 西海湿地公园, 西海湿地 after 什刹海西海湿地公园: one park
            full = full_park_names[c.text]
            code = place_of(full, full.text)
            key = water_key(full.text, code) if full.cls != "Landmark" else landmark_key(full.text, code)
            linked.add(key, full.cls, full.text, c.text)
            note(c, key)
            continue
        if cls in ("River", "Lake", "Reservoir", "Wetland", "MonitoringSection"):
            name = c.attrs.get("canonical", c.text)
            key = water_key(name, place_of(c, name), "prefecture" if cls == "MonitoringSection" else "province")
        elif cls == "Landmark":
            name = c.attrs.get("canonical", c.text)
            key = landmark_key(name, place_of(c, name))
        elif cls == "Species":
            name = c.attrs.get("canonical", c.text)
            key = f"species:{name}"
        elif cls == "Person":
            name, key = c.text, f"person:{c.text}"
        elif cls == "Regulation":
            target = c.attrs.get("alias_of")
            name = target.text if target is not None else c.text
            key = f"regulation:{label_key((target or c).attrs.get('canonical', name))}"
        elif cls == "Event":
            name = c.attrs.get("canonical", c.text)
            if "canonical" in c.attrs and not c.attrs.get("ordinal") and ordinal_round is not None:
                name = ordinal_round.attrs["canonical"]
            key = f"event:{label_key(name)}"
        elif cls == "Project":  # keyed without the divisions it opens with, which are also its aliases
            name = c.text
            shorter = without_leading_divisions(name)
            stem = shorter[-1] if shorter else name
            code = _leading_division(name, stem, place_of(c, stem)) or place_of(c, stem)
            key, full = project_key(stem, code)
            linked.add(key, cls, name, c.text, aliases=(*shorter, full) if full else tuple(shorter))
            note(c, key)
            continue
        elif cls == "Measure":
            name = c.text
            key = f"measure:{label_key(name)}"
        elif cls == COUNTRY_CLASS:  # one node for 中国, 全国, 我国
            linked.add(COUNTRY_KEY, cls, country_label(), c.text, aliases=country_aliases())
            note(c, COUNTRY_KEY)
            continue
        else:
            continue
        linked.add(key, cls, name, c.text, aliases=tuple(c.attrs.get("aliases", ())))
        note(c, key)
    return linked


def _places(cands: list[Candidate], main_code: str):
    """``place_of(candidate, name)``: the division code a place-bound name belongs to in this article.

    That is the division written just before one of the name's mentions (晋城市丹河, 石湖荡镇东港) or
    the one it opens with (河北驼梁保护区),
    the same for every mention of the name in the article (so one name is one node in it), else
    the article's own place, else ``""`` (unplaced).
    """
    written: dict[str, str] = {}
    ends, opening = {}, {}
    for d in cands:
        if d.cls in ("Province", "Prefecture", "County"):
            ends[d.end] = d.attrs["code"]
            opening[d.start] = max(opening.get(d.start, (0, "")), (d.end, d.attrs["code"]))
        elif d.cls == "Township" and d.attrs.get("parent_key") is not None:
            ends[d.end] = d.attrs["parent_key"].attrs["code"]
    for c in sorted(cands, key=lambda c: c.start):
        end, inside = opening.get(c.start, (0, ""))
        code = ends.get(c.start) or (inside if c.cls not in ("Province", "Prefecture", "County") and end < c.end else "")
        if code:  # the division written before the name, or the one it opens with (河北驼梁保护区)
            written.setdefault(c.attrs.get("canonical", c.text), code)

    def place_of(c: Candidate, name: str) -> str:
        return written.get(name) or written.get(c.text) or main_code

    return place_of


def _leading_division(name: str, stem: str, near: str) -> str:
    """The code of the last division a project's name opens with (湖北省武汉市黄陂区前川… -> 黄陂区), or "".
    Of a name several divisions bear (朝阳区), the one in the province of `near`."""
    prefix = name[:len(name) - len(stem)]
    names = lexicon.division_names()
    for n in range(min(10, len(prefix)), 1, -1):
        codes = names.get(prefix[-n:])
        if codes:
            return min(codes, key=lambda code: (code[:2] != near[:2], code))
    return ""


PARK_CLASSES = ("Wetland", "Landmark")
PARK_TAILS = ("公园", "景区", "保护区")


def _full_park_names(cands: list[Candidate]) -> dict[str, Candidate]:
    """Short forms of a park or wetland the article names in full: the full name without what opens it
    (西海湿地公园 of 什刹海西海湿地公园), or that without its generic tail (西海湿地). Four or more
    characters, and only parks and wetlands: 丹河 in 小丹河 is another river."""
    fulls = sorted({c.text: c for c in cands if c.cls in PARK_CLASSES}.values(), key=lambda c: -len(c.text))
    out: dict[str, Candidate] = {}
    for short in {c.text for c in cands if c.cls in PARK_CLASSES and len(c.text) >= 4}:
        for full in fulls:
            if full.text == short or len(full.text) <= len(short) or full.attrs.get("canonical") == short:
                continue  # 河北雄安新区 is a listed form of 雄安新区: one name of the list, linked by it
            variants = {full.text, *(full.text[:-len(t)] for t in PARK_TAILS if full.text.endswith(t))}
            if any(v.endswith(short) for v in variants):
                out[short] = full
                break
    return out


def _note_parent(linked: Linked, written: Candidate, key: str, label: str) -> None:
    """The parent bureau written inside a branch's name (晋城市生态环境局 in …局高平分局) is a mention of it."""
    linked.by_candidate[id(written)] = key
    linked.mentions.append(Mention(written.text, linked.entities[key].cls, written.start, written.end, key, label))


def _link_org(linked: Linked, c: Candidate, divs) -> str:
    """Key of an organisation mention, adding it (and its parent) to the article's entities."""
    role = c.attrs.get("role", "")
    div = c.attrs.get("division")
    if c.attrs.get("agency_of"):  # 昆明市滇池管理局: known by the name without its division too
        name = c.attrs["agency_of"]
        key = _org_key("agency", label_key(name))
        linked.add(key, c.cls, c.text, c.text, aliases=(name,) if name != c.text else ())
        return key
    if c.cls == "Organization":
        key = f"org::{label_key(c.text)}"
        linked.add(key, "Organization", c.text)
        return key
    if role == "分局" and c.attrs.get("branch_name"):  # …局长安分局: a branch named after a town or zone
        parent_code = div.attrs["code"]
        key = _org_key(parent_code, c.attrs["branch_name"] + "分局")
        linked.add(key, "Bureau", f"{bureau_label(parent_code)}{c.attrs['branch_name']}分局", c.text)
        parent_key = _link_org(linked, c.attrs["branch_of"], divs)
        _note_parent(linked, c.attrs["branch_of"], parent_key, bureau_label(parent_code))
        linked.structure.append((key, "subOrganizationOf", parent_key, c.start, c.end))
        return key
    if role == "分局" and div is not None:
        county = div.attrs["code"]
        label, parent_code = branch_label(county)
        key = _org_key(county, "分局")
        linked.add(key, "Bureau", label, c.text)
        linked.structure.append((key, "jurisdiction", add_division(linked, county, extracted=False), c.start, c.end))
        if parent_code:
            parent_key = _org_key(parent_code, "生态环境局")
            parent_written = c.attrs.get("branch_of")
            linked.add(parent_key, "Bureau", bureau_label(parent_code),
                       parent_written.text if parent_written is not None else "",
                       extracted=parent_written is not None)
            if parent_written is not None:
                _note_parent(linked, parent_written, parent_key, bureau_label(parent_code))
            linked.structure.append((key, "subOrganizationOf", parent_key, c.start, c.end))
            linked.structure.append((parent_key, "jurisdiction",
                                     add_division(linked, parent_code, extracted=False), c.start, c.end))
        return key
    if div is not None or c.attrs.get("level_char"):
        code = div.attrs["code"] if div is not None else _resolve_level(linked, c.attrs["level_char"], c.start)
        if not code:
            return ""
        d = divs[code]
        if c.cls == "Bureau":
            label = bureau_label(code) if role in ("生态环境局", "生态环境厅") else d.name + role
            if d.level == "county" and c.attrs.get("written_role") in OLD_BUREAU_ROLES:
                label = d.name + c.attrs["written_role"]  # 玉田县环保局: many counties' bureaus became branches, no 玉田县生态环境局
        else:
            label = d.name + (c.attrs.get("written_role") if role != "委" else "委")
        key = _org_key(code, role)
        parent = divs.get(d.parent) if d.level == "county" else None  # 北京市朝阳区生态环境局: also known so
        linked.add(key, c.cls, label, c.text, aliases=(parent.name + label,) if parent is not None else ())
        linked.structure.append((key, "jurisdiction", add_division(linked, code, extracted=False), c.start, c.end))
        if c.attrs.get("sub_of") is not None:  # 西城区委宣传部: a department of 西城区委
            parent_key = _link_org(linked, c.attrs["sub_of"], divs)
            if parent_key:
                _note_parent(linked, c.attrs["sub_of"], parent_key, linked.entities[parent_key].label)
                linked.structure.append((key, "subOrganizationOf", parent_key, c.start, c.end))
        return key
    canonical = c.attrs.get("canonical") or role or c.text
    key = _org_key("national", canonical)
    alias = c.text
    linked.add(key, c.cls, canonical, alias)
    return key
