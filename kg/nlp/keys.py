"""Canonical keys of place-bound things: water bodies, sections, landmarks and projects (issue 14.1).

China has dozens of rivers called 清水河 and a 人民公园 in every city, so these are keyed by name *and
place* (:func:`place_key`): ``<kind>:<scope>:<name>``, the scope a province for water bodies (rivers cross
prefectures) and a prefecture for the rest, or ``unplaced`` when the article cannot tell. Names one thing
wherever written keep a key of their name alone: water bodies the curated list knows as unique (黄河, 汾河,
太湖), listed mountains and regions (太行山), sites a national register names once (三江源国家公园) and
national projects (南水北调中线工程). :mod:`kg.nlp.link` decides which place a mention belongs to.
"""

from __future__ import annotations

from kg import lexicon
from kg.normalize import label_key


#: The scope of a key whose place cannot be told from the article.
UNPLACED = "unplaced"


def place_scope(code: str, level: str) -> str:
    """The part of a division code that tells namesakes apart: its province (``level="province"``)
    or its prefecture (a province's own code when only the province is known).

    >>> place_scope("140581", "province"), place_scope("140581", "prefecture"), place_scope("140000", "prefecture")
    ('140000', '140500', '140000')
    >>> place_scope("", "province")
    'unplaced'
    """
    if not code:
        return UNPLACED
    return code[:2] + "0000" if level == "province" else code[:4] + "00"


def place_key(kind: str, name: str, code: str, level: str) -> str:
    """Canonical key of a named place-bound thing: ``<kind>:<scope>:<name>`` (see the module's docstring).

    >>> place_key("landmark", "人民公园", "140581", "prefecture")
    'landmark:140500:人民公园'
    """
    return f"{kind}:{place_scope(code, level)}:{name}"


def water_key(name: str, code: str, level: str = "province") -> str:
    """Canonical key of a water body or section: its name alone when the curated list knows it as
    unique, else :func:`place_key` with its province (`level` ``prefecture`` for sections).

    >>> water_key("汾河", "140581"), water_key("清水河", "640402"), water_key("清水河", "110109")
    ('water:汾河', 'water:640000:清水河', 'water:110000:清水河')
    """
    if national_site(name):
        return f"water:{name}"
    body = lexicon.water_bodies().get(name)
    if body is not None and name == body.name and level == "province":
        if not body.homonym:
            return f"water:{name}"
        if code[:2] + "0000" in body.provinces:  # the listed 东江 (江西, 广东), whichever of its provinces writes it
            return place_key("water", name, body.provinces[0], level)
    return place_key("water", name, code, level)


def national_site(name: str) -> bool:
    """Whether the name holds a designation the state gives one named site (national_designations.tsv).

    >>> national_site("三江源国家公园"), national_site("西溪国家湿地公园"), national_site("滨河公园")
    (True, True, False)
    """
    return any(d in name for d in lexicon.national_designations())


def landmark_key(name: str, code: str) -> str:
    """Canonical key of a landmark: its name alone for a listed mountain or region (太行山, 黄土高原) or a
    nationally designated site (三江源国家公园), else :func:`place_key` with its prefecture.

    >>> landmark_key("太行山", "140581"), landmark_key("三江源国家公园", "632600"), landmark_key("滨河公园", "640402")
    ('landmark:太行山', 'landmark:三江源国家公园', 'landmark:640400:滨河公园')
    """
    if name in lexicon.mountains_and_regions() or national_site(name):
        return f"landmark:{name}"
    return place_key("landmark", name, code, "prefecture")


def project_key(stem: str, code: str) -> tuple[str, str]:
    """(canonical key, full name or "") of a project's name without its leading divisions: a national project
    (national_projects.tsv: 南水北调中线工程, 三北工程) by its full name alone, anything else by the name without the
    parts news may leave out of it (name_patterns' project_optional: 山水林田湖草沙) and its prefecture.

    >>> project_key("三北工程", "640402")
    ('project:三北防护林体系建设工程', '三北防护林体系建设工程')
    >>> project_key("乌梁素海流域山水林田湖草沙一体化保护和修复工程", "150802")[0]
    'project:150800:乌梁素海流域一体化保护和修复工程'
    """
    full = lexicon.national_projects().get(label_key(stem), "")
    if full:
        return f"project:{label_key(full)}", full
    core = stem
    for part in lexicon.pattern_values("project_optional"):
        core = core.replace(part, "")
    return place_key("project", label_key(core), code, "prefecture"), ""


def key_scope(key: str) -> str:
    """The scope of a place-bound key (``""`` for a name-keyed one).

    >>> key_scope("water:640000:清水河"), key_scope("water:汾河")
    ('640000', '')
    """
    parts = key.split(":", 2)
    return parts[1] if len(parts) == 3 else ""


def division_key(code: str) -> str:
    """Canonical key of a gazetteer division."""
    return f"division:{code}"
