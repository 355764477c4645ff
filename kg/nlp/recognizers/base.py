"""What every recogniser shares: the candidate and context types, the class families,
name-pattern lookups, gazetteer scanning, and where a name's stem begins."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
import re

import ahocorasick

from kg import lexicon
from kg.nlp.text import FUNCTION_CHARS, HAN, is_han


CN_DIGITS = "一二三四五六七八九十百零两〇"
COUNTED_RE = re.compile(rf"[{CN_DIGITS}]+[大个项条座处片届批]")
WATER_QUALITY_WORDS = ("水质", "水环境", "水生态", "水资源", "水域", "水位", "水量", "水体")
NUMBER_TOKEN_RE = re.compile(r"[\d.]+")
RIVER_CUE_RE = re.compile("流域|干流|水系")
HAN_CHAR_RE = re.compile(f"[{HAN}]")
PLAN_NAME_RE = re.compile(rf"十[{CN_DIGITS}]五")
# a token holding one of these ends a project name walking back (_walk_back_tokens)
CLAUSE_PUNCT = frozenset("，。；：！？、（）()\n ")


@lru_cache(maxsize=None)
def values_of(kind: str) -> tuple[str, ...]:
    """lexicon.pattern_values, built once per kind (recognisers ask for them per match)."""
    return lexicon.pattern_values(kind)


@lru_cache(maxsize=None)
def value_set(*kinds: str) -> frozenset[str]:
    """The values of some kinds of name pattern as one set (one object, so its hash is kept)."""
    return frozenset(v for kind in kinds for v in lexicon.pattern_values(kind))


@lru_cache(maxsize=None)
def long_words(words: frozenset[str]) -> tuple[str, ...]:
    """The words of two or more characters, as a tuple for str.endswith."""
    return tuple(w for w in words if len(w) >= 2)


@lru_cache(maxsize=None)
def literal(word: str) -> re.Pattern:
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


def longest_at(text: str, names, max_len: int) -> dict[int, int]:
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


def scan(text: str, names, max_len: int = 12):
    """Yield (start, end, name) for every dictionary name, longest at each position.

    Left to right without overlaps: a name found at a position hides names starting inside it.
    One automaton pass finds every occurrence; the sweep keeps the longest per start.
    """
    longest = longest_at(text, names, max_len)
    pos = 0
    for start in sorted(longest):
        if start >= pos:
            pos = start + longest[start]
            yield start, pos, text[start:pos]


# --- stems ---------------------------------------------------------------------------------------

# jieba frequencies (single_char_words.tsv): a character this common opens or makes no place name alone
# (看, 仅, 因, 像, 属, 离; 修河 and 爱河 are in the water list); a verb this common glued to a suffix takes it as object
COMMON_CHAR_FREQ = 5000


def inner_common_verb(ctx: Context, start: int, at: int) -> bool:
    """Whether a common single-character verb stands as a token of its own inside the stem [start, at)
    right after a division's name (宁夏|有|湿地): the stem is a clause, no name (not 黄家|冲|水库)."""
    ends = {c.end for c in ctx.found if c.cls in DIVISION_CLASSES and c.start >= start}
    single_chars = lexicon.single_char_words()
    for i in range(start + 1, at):
        if i in ends and i in ctx.token_starts and i + 1 in ctx.token_ends:
            pos, freq = single_chars.get(ctx.text[i], ("", 0))
            if pos == "v" and freq >= COMMON_CHAR_FREQ:
                return True
    return False


def stem_start(ctx: Context, end: int, max_len: int, min_len: int, stop: frozenset[str],
                tail_stop: bool = True, name_ends: frozenset[int] = frozenset(),
                lead_words: frozenset[str] = frozenset(), after_words: frozenset[str] = frozenset(),
                function_bound: bool = False) -> int | None:
    """Where the name whose stem ends at `end` begins: the shortest stem that starts on a boundary.

    A boundary is punctuation, a function word, or the end of a place or organisation name
    (平遥县|汾河三坝库区), or one of `name_ends`. Stems that open with a verb (聚焦汾河) or end in a generic word
    (地表水国考断面) are not names. With `lead_words`, a stem whose first token is one of them (督促|河湖)
    is no name, and a token after one of `after_words` starts a name (下游|玛瑙河). With `function_bound`,
    no stem reaches across a function character (故事在|湖, 吉林的|河湖): the name begins after it or not at all.
    """
    text = ctx.text
    lead_verbs = values_of("name_lead_verb")
    long_stop = long_words(stop)
    found_ends, inside_name = ctx.name_bounds()
    name_ends = name_ends | found_ends if name_ends else found_ends
    first = min_len
    if function_bound:  # 污染物入|河, 雪山下的|公园: a function character right before the suffix leaves no stem
        if end and (text[end - 1] in FUNCTION_CHARS or text[end - 1] == "等" and end - 1 in ctx.token_starts):
            return None  # 三江源等|国家公园, 北大港等|湿地: the kind of the things listed, no name
        first = next((n for n in range(1, min_len) if _function_token(ctx, end - n)), 0) or min_len
    for length in range(first, max_len + 1):
        start = end - length
        if start < 0:
            break
        stem = text[start:end]
        if function_bound and (_function_token(ctx, start) or text[start] == "等" and start + 1 in ctx.token_ends
                               and start in ctx.token_starts):
            break  # a function word of its own (水利|和|湖泊, 三江源|等|国家公园), not a character of a name (共和村)
        if not is_han(stem) or stem[0] in FUNCTION_CHARS or stem in stop or COUNTED_RE.search(stem):
            continue  # 环巢湖十大湿地: a count, not a name
        if stem[0] in "个座处条片项余多届批块" and start and (text[start - 1].isdigit() or text[start - 1] in CN_DIGITS):
            continue  # 74个国控断面, 6108块城区湿地: the classifier of a count
        if (tail_stop and stem.endswith(long_stop)) or stem.startswith(lead_verbs):
            continue
        if inside_name.get(start, end + 1) <= end:
            continue  # the stem would cut through a division or organisation name
        if lead_words and _first_token(ctx, start, end) in lead_words:
            continue
        if after_words and _inner_token(ctx, start, end, after_words):
            break  # 营口持续推动|湿地: a verb inside the stem; longer stems hold it too
        before = text[start - 1] if start else "。"
        after_name = start in name_ends
        boundary = (before in FUNCTION_CHARS or not ("\u4e00" <= before <= "\u9fff") or after_name
                    or (start in ctx.token_starts and text.endswith(lead_verbs, 0, start))
                    or (after_words and start in ctx.token_starts and _token_before(ctx, start) in after_words)
                    or (start in ctx.token_starts and length >= 2 and before in "个处条座片"))
        if not boundary or not (start in ctx.token_starts or after_name):
            continue
        if length == 1 and not (before in FUNCTION_CHARS or after_name or not ("\u4e00" <= before <= "\u9fff")
                                or text.endswith(lead_verbs, 0, start)):
            continue
        return start
    return None


def _first_token(ctx: Context, start: int, end: int) -> str:
    """The token starting at `start` when it ends before `end` (the stem opens with it), else ''."""
    starts = ctx.sorted_starts
    i = bisect_right(starts, start)
    stop = starts[i] if i < len(starts) else len(ctx.text)
    return ctx.text[start:stop] if start in ctx.token_starts and stop < end else ""


def _token_before(ctx: Context, start: int) -> str:
    """The token that ends where `start` begins ('' at the text's start)."""
    starts = ctx.sorted_starts
    i = bisect_left(starts, start)
    return ctx.text[starts[i - 1]:start] if i else ""


def _function_token(ctx: Context, start: int) -> bool:
    """True when a function character stands as a token of its own at `start`."""
    return start >= 0 and ctx.text[start] in FUNCTION_CHARS and start in ctx.token_starts and start + 1 in ctx.token_ends


def _inner_token(ctx: Context, start: int, end: int, words: frozenset[str]) -> bool:
    """True when a token of `words` lies inside [start, end) after its first token."""
    starts = ctx.sorted_starts
    i = bisect_right(starts, start)
    while i < len(starts) and starts[i] < end:
        nxt = starts[i + 1] if i + 1 < len(starts) else len(ctx.text)
        if nxt <= end and ctx.text[starts[i]:nxt] in words:
            return True
        i += 1
    return False
