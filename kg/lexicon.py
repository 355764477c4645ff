"""Load the lexicons and gazetteers under ``data/`` (read once, cached).

Every file is UTF-8 TSV with a header row; lines starting with ``#`` are comments.
Python holds the logic; the names and trigger words live in these files.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.errors import DataFileError

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def data_path(relative: str) -> Path:
    """Absolute path of a file under ``data/``."""
    return DATA_DIR / relative


def read_tsv(relative: str, required: bool = True) -> list[dict[str, str]]:
    """Rows of a TSV data file as dicts.

    Raises:
        DataFileError: the file is missing (when required) or has no header.
    """
    path = data_path(relative)
    if not path.exists():
        if required:
            raise DataFileError(f"data file missing: {path} (restore it from git)")
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line.rstrip("\r\n") for line in handle if line.strip() and not line.startswith("#")]
    if not lines:
        raise DataFileError(f"data file has no header row: {path}")
    # Plain tab splitting (the files quote nothing): 2-3 times faster than csv.DictReader, which was
    # a third of making the pipeline. A short row's missing fields are empty.
    header = lines[0].split("\t")
    width = len(header)
    rows = []
    for number, line in enumerate(lines[1:], start=1):
        values = [value.strip() for value in line.split("\t")]
        if len(values) > width:
            raise DataFileError(f"{path}: data row {number} has {len(values)} fields, the header {width} (remove the extra tabs)")
        values.extend([""] * (width - len(values)))
        rows.append(dict(zip(header, values)))
    return rows


@dataclass(frozen=True)
class Division:
    """One administrative division of the gazetteer."""

    code: str
    name: str
    short: str
    level: str  # province | prefecture | county
    parent: str
    lon: float | None
    lat: float | None
    ambiguous: bool

    @property
    def cls(self) -> str:
        """Contract class local name."""
        return {"province": "Province", "prefecture": "Prefecture", "county": "County"}[self.level]


@lru_cache(maxsize=1)
def divisions() -> dict[str, Division]:
    """All divisions by 6-digit code (GB/T 2260, from cpca's adcodes.csv)."""
    out = {}
    for row in read_tsv("gazetteers/divisions.tsv"):
        out[row["code"]] = Division(
            code=row["code"], name=row["name"], short=row.get("short", ""), level=row["level"],
            parent=row.get("parent", ""), lon=float(row["lon"]) if row.get("lon") else None,
            lat=float(row["lat"]) if row.get("lat") else None, ambiguous=row.get("ambiguous") == "1")
    return out


def _codes_by(form_of) -> dict[str, tuple[str, ...]]:
    """A form of each division's name (full, short …) -> the codes of the divisions that have it."""
    out: dict[str, list[str]] = defaultdict(list)
    for d in divisions().values():
        form = form_of(d)
        if form and len(form) >= 2:
            out[form].append(d.code)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def role_short_form(d: Division) -> str:
    """The form a division takes right before an organisation role: 高平 (高平分局), 西湖 (西湖分局)."""
    return d.short or (d.name[:-1] if len(d.name) >= 3 and d.name[-1] in "区县市旗" else "")


@lru_cache(maxsize=1)
def division_names() -> dict[str, tuple[str, ...]]:
    """Full names -> codes (a name may belong to several divisions), with the usual written form
    of an autonomous division: its short form and the level word (大理州 for 大理白族自治州, 长阳县)."""
    names = defaultdict(set, {name: set(codes) for name, codes in _codes_by(lambda d: d.name).items()})
    for d in divisions().values():
        for suffix, word in AUTONOMOUS_LEVEL_WORDS:
            if d.short and d.name.endswith(suffix):
                names[d.short + word].add(d.code)
    return {name: tuple(sorted(codes)) for name, codes in names.items()}


@lru_cache(maxsize=1)
def townships() -> dict[str, tuple[str, ...]]:
    """Township names (镇/乡/街道) -> the codes of the divisions directly above each namesake
    (from jionlp's location dictionary; see tools/make_townships.py)."""
    out: dict[str, list[str]] = defaultdict(list)
    for row in read_tsv("gazetteers/townships.tsv"):
        out[row["name"]].append(row["county"])
    return {name: tuple(codes) for name, codes in out.items()}


@lru_cache(maxsize=1)
def renamed_districts() -> dict[str, tuple[str, ...]]:
    """The district a county-level city or county has since become, or the city a county has
    become, where no division has that name: 章丘区 -> 章丘市, 长垣市 -> 长垣县 (cpca's codes predate
    many such changes). Not for the segmenter's dictionary: 安新区 is no word inside 雄安新区."""
    full = division_names()
    names: dict[str, set[str]] = defaultdict(set)
    stop = short_form_stoplist()
    for d in divisions().values():
        if not d.short or d.short in stop or d.level != "county" or d.name[-1] not in "市县":
            continue  # 大城市 is no 大城县
        for renamed in (d.short + "区", d.short + "市" if d.name[-1] == "县" else ""):
            if renamed and renamed not in full:  # 长垣县 -> 长垣市 (2019), 章丘市 -> 章丘区 (2016)
                names[renamed].add(d.code)
    return {name: tuple(sorted(codes)) for name, codes in names.items()}


#: An autonomous division is usually written short: 大理白族自治州 -> 大理州, 长阳土家族自治县 -> 长阳县.
AUTONOMOUS_LEVEL_WORDS = (("自治州", "州"), ("自治县", "县"), ("自治旗", "旗"))


@lru_cache(maxsize=1)
def division_short_names() -> dict[str, tuple[str, ...]]:
    """Short forms (高平 for 高平市) -> codes."""
    return _codes_by(lambda d: d.short)


@lru_cache(maxsize=1)
def division_role_short_names() -> dict[str, tuple[str, ...]]:
    """Short forms usable right before an organisation role (西湖分局, 城区分局), incl. stop-listed ones."""
    return _codes_by(role_short_form)


@dataclass(frozen=True)
class WaterBody:
    """A curated water body with its outflow."""

    name: str
    cls: str
    flows_into: str
    provinces: tuple[str, ...]
    aliases: tuple[str, ...]
    homonym: bool = False  # other water bodies in China bear the name (清水河, 西湖): its key needs a place


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.replace("，", ",").split(",") if v.strip())


@lru_cache(maxsize=1)
def water_bodies() -> dict[str, WaterBody]:
    """Curated water bodies by name and alias."""
    out = {}
    for row in read_tsv("gazetteers/water_bodies.tsv", required=False):
        body = WaterBody(row["name"], row["class"], row.get("flows_into", ""), _split(row.get("provinces", "")),
                         _split(row.get("aliases", "")), row.get("homonym") == "1")
        out[body.name] = body
        for alias in body.aliases:
            out.setdefault(alias, body)
    return out


def _names_and_aliases(rows, min_alias: int = 1) -> dict[str, str]:
    """Each row's name and its aliases (of at least `min_alias` characters) -> the name; an alias never
    takes the place of a name or an earlier alias."""
    out: dict[str, str] = {}
    for row in rows:
        out[row["name"]] = row["name"]
        for alias in _split(row.get("aliases", "")):
            if len(alias) >= min_alias:
                out.setdefault(alias, row["name"])
    return out


@lru_cache(maxsize=1)
def national_projects() -> dict[str, str]:
    """National projects' names and aliases -> full name (national_projects.tsv: 南水北调中线工程, 三北工程)."""
    return _names_and_aliases(read_tsv("gazetteers/national_projects.tsv"))


@lru_cache(maxsize=1)
def national_designations() -> tuple[str, ...]:
    """Designations of one named site in a national register (国家公园, 国家级自然保护区 …), longest first."""
    return tuple(sorted((row["designation"] for row in read_tsv("lexicons/national_designations.tsv")),
                        key=lambda d: (-len(d), d)))


@lru_cache(maxsize=1)
def species() -> dict[str, str]:
    """Species names and aliases -> canonical name (generic terms such as 候鸟 left out)."""
    return _names_and_aliases(row for row in read_tsv("lexicons/species.tsv", required=False)
                              if row.get("generic") != "1")


@lru_cache(maxsize=1)
def mountains() -> dict[str, str]:
    """Mountain names and aliases -> canonical name."""
    return _names_and_aliases(read_tsv("lexicons/mountains.tsv", required=False), min_alias=2)


@lru_cache(maxsize=1)
def regions() -> dict[str, str]:
    """Named regions that are no division (黄土高原, 关中, 长三角) and their aliases -> canonical name."""
    return _names_and_aliases(read_tsv("gazetteers/regions.tsv"))


@lru_cache(maxsize=1)
def mountains_and_regions() -> dict[str, str]:
    """Both lists as one (a region's name wins over a mountain's alias)."""
    return {**mountains(), **regions()}


@lru_cache(maxsize=1)
def landmark_suffixes() -> tuple[tuple[str, str, int], ...]:
    """(suffix, class, fewest stem characters) of named places, longest first.

    One-character suffixes (山, 岭, 岛) are left to the mountain list: 青山 and 江山 are no names.
    """
    rows = read_tsv("lexicons/landmarks_suffixes.tsv")
    out = [(r["suffix"], r["class"], int(r.get("min_stem") or 2)) for r in rows if len(r["suffix"]) >= 2]
    return tuple(sorted(out, key=lambda x: (-len(x[0]), x[0])))


@lru_cache(maxsize=1)
def org_roles() -> tuple[dict[str, str], ...]:
    """Organisation roles (生态环境局, 市委 ...), longest first."""
    rows = read_tsv("lexicons/org_roles.tsv")
    return tuple(sorted(rows, key=lambda r: -len(r["role"])))


@lru_cache(maxsize=1)
def name_patterns() -> dict[str, tuple[tuple[str, str], ...]]:
    """Suffixes and trigger words by kind: kind -> ((value, class), ...), longest value first."""
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in read_tsv("lexicons/name_patterns.tsv"):
        out[row["kind"]].append((row["value"], row.get("class", "")))
    return {k: tuple(sorted(v, key=lambda x: (-len(x[0]), x[0]))) for k, v in out.items()}


def pattern_values(kind: str) -> tuple[str, ...]:
    """Values of one kind of name pattern, longest first."""
    return tuple(v for v, _ in name_patterns().get(kind, ()))


@lru_cache(maxsize=None)
def pattern_set(kind: str) -> frozenset[str]:
    """Values of one kind of name pattern as a set (one object per kind, so scans can index it)."""
    return frozenset(pattern_values(kind))


@lru_cache(maxsize=1)
def person_titles() -> dict[str, bool]:
    """Titles -> whether the holder heads the organisation."""
    return {row["title"]: row["head"] == "1" for row in read_tsv("lexicons/person_titles.tsv")}


@lru_cache(maxsize=1)
def load_surnames() -> frozenset[str]:
    """Common Chinese surnames."""
    return frozenset(row["surname"] for row in read_tsv("lexicons/surnames.tsv"))


@lru_cache(maxsize=1)
def load_layout() -> dict[str, tuple[str, ...]]:
    """Cues for article splitting by kind."""
    out: dict[str, list[str]] = defaultdict(list)
    for row in read_tsv("lexicons/article_layout.tsv"):
        out[row["kind"]].append(row["value"])
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def short_form_stoplist() -> frozenset[str]:
    """Division short forms that are too often ordinary words."""
    rows = read_tsv("lexicons/short_form_stoplist.tsv", required=False)
    key = next(iter(rows[0])) if rows else "short"
    return frozenset(r[key] for r in rows)


@lru_cache(maxsize=1)
def water_char_words() -> frozenset[str]:
    """Words that begin with a one-character water suffix but are other words (江豚, 江苏, 湖州, 泊位),
    from jieba's dictionary (water_char_words.tsv, made by tools/make_water_char_words.py)."""
    return frozenset(r["word"] for r in read_tsv("lexicons/water_char_words.tsv"))


@lru_cache(maxsize=1)
def single_char_words() -> dict[str, tuple[str, int]]:
    """Single characters jieba tags as verbs, prepositions, adverbs … with their tag and frequency
    (single_char_words.tsv, made by tools/make_single_char_words.py)."""
    return {r["word"]: (r["pos"], int(r["freq"])) for r in read_tsv("lexicons/single_char_words.tsv")}


@lru_cache(maxsize=1)
def verb_water_words() -> frozenset[str]:
    """Dictionary words of a single-character verb and a water suffix (花溪, 干渠): words, not a verb
    and its object (verb_water_words.tsv, made by tools/make_single_char_words.py)."""
    return frozenset(r["word"] for r in read_tsv("lexicons/verb_water_words.tsv"))


@lru_cache(maxsize=1)
def function_words() -> dict[str, str]:
    """Common verbs, prepositions, adverbs, pronouns … of jieba's dictionary (function_words.tsv),
    with their part of speech: a word that opens a clause, not a name."""
    return {r["word"]: r["pos"] for r in read_tsv("lexicons/function_words.tsv")}


@lru_cache(maxsize=1)
def work_verbs() -> frozenset[str]:
    """Verbs that name a project's works (治理, 修复: work_verbs.tsv, counted on real articles)."""
    return frozenset(r["verb"] for r in read_tsv("lexicons/work_verbs.tsv"))


@lru_cache(maxsize=1)
def law_names() -> frozenset[str]:
    """Names of laws without 中华人民共和国 (大气污染防治法, 宪法: law_names.tsv, quoted in real articles)."""
    return frozenset(r["name"] for r in read_tsv("lexicons/law_names.tsv"))


@lru_cache(maxsize=1)
def genre_verbs() -> frozenset[str]:
    """Words real environmental news uses as verbs, whatever jieba tags them (参观, 落实: genre_verbs.tsv,
    counted on real articles by tools/make_genre_verbs.py)."""
    return frozenset(r["word"] for r in read_tsv("lexicons/genre_verbs.tsv"))


@lru_cache(maxsize=1)
def observation_units() -> tuple[tuple[str, str, str], ...]:
    """(unit as written, canonical unit, kind: measure|count|change), longest first."""
    rows = read_tsv("lexicons/observation_units.tsv")
    return tuple(sorted(((r["written"], r["unit"], r["kind"]) for r in rows), key=lambda x: (-len(x[0]), x[0])))


@lru_cache(maxsize=1)
def indicator_words() -> dict[str, tuple[str, ...]]:
    """Words stripped from indicator phrases, by kind."""
    out: dict[str, list[str]] = defaultdict(list)
    for row in read_tsv("lexicons/indicator_words.tsv"):
        out[row["kind"]].append(row["value"])
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


def user_dictionary_words() -> list[str]:
    """Words the segmenter must keep whole: gazetteer names and composed roles."""
    words = set(division_names()) | set(division_short_names()) | set(water_bodies()) | set(species())
    words |= set(mountains())
    words |= {r["role"] for r in org_roles() if len(r["role"]) >= 2}
    words |= {"分局", "生态环境局", "生态环境厅", "生态环境部"}
    return sorted(w for w in words if len(w) >= 2)


@lru_cache(maxsize=1)
def measure_terms() -> tuple[str, ...]:
    """Unquoted policy terms that recur across real articles (measure_terms.tsv: 生态保护红线, 生态补偿)."""
    return tuple(row["term"] for row in read_tsv("lexicons/measure_terms.tsv"))


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """The most frequent words of jieba's dictionary (common_words.tsv), of any part of speech."""
    return frozenset(common_word_tags())


@lru_cache(maxsize=1)
def common_word_tags() -> dict[str, str]:
    """The most frequent words of jieba's dictionary -> their part-of-speech tag."""
    return {row["word"]: row["pos"] for row in read_tsv("lexicons/common_words.tsv")}


@lru_cache(maxsize=None)
def lead_words(tags: frozenset[str] | None = None) -> frozenset[str]:
    """Words that open no place name (verbs, adverbs, position words…), from jieba's dictionary, and the
    verbs of the genre it tags otherwise (genre_verbs.tsv: 参观, 落实); only those of the given
    part-of-speech tags when tags are given (the genre's verbs count as v)."""
    words = frozenset(word for word, pos in _tagged_words("lexicons/lead_words.tsv") if tags is None or pos in tags)
    return words | genre_verbs() if tags is None or "v" in tags else words


@lru_cache(maxsize=None)
def kind_words(tags: frozenset[str] | None = None) -> frozenset[str]:
    """Common words that name a kind, not a place (人民, 生态, 美食, 致富), from jieba's dictionary;
    only those of the given part-of-speech tags when tags are given."""
    return frozenset(word for word, pos in _tagged_words("lexicons/kind_words.tsv") if tags is None or pos in tags)


@lru_cache(maxsize=None)
def _tagged_words(relative: str) -> tuple[tuple[str, str], ...]:
    """(word, pos) rows of a word list, read once for all the tag sets asked of it."""
    return tuple((row["word"], row["pos"]) for row in read_tsv(relative))


@lru_cache(maxsize=1)
def road_words() -> dict[str, tuple[str, ...]]:
    """How road, street and bridge names are written, by kind (suffix, direction, after, stem_stop):
    kind -> values, longest first (road_words.tsv)."""
    out: dict[str, list[str]] = defaultdict(list)
    for row in read_tsv("lexicons/road_words.tsv"):
        out[row["kind"]].append(row["value"])
    return {k: tuple(sorted(v, key=lambda x: (-len(x), x))) for k, v in out.items()}
