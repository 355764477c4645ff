"""Relations between the entities of one article, from sentence patterns and name structure."""

from __future__ import annotations

import re

from kg import lexicon
from kg.nlp.keys import key_scope, water_key
from kg.nlp.link import Linked, add_division, national_org
from kg.nlp.recognizers import DIVISION_CLASSES, ORG_CLASSES, PLACE_CLASSES, WATER_CLASSES, Candidate, top_level
from kg.nlp.recognizers.events import HELD_WHEN_RE
from kg.nlp.text import Sentence, after_last, sentence_at, sentences
from kg.types import Relation

GAZETTEER_DIVISIONS = "gazetteer:cpca-adcodes"
GAZETTEER_WATER = "gazetteer:envkg-water-bodies"
CONTEXT_CLASSES = ("Measure", "Project", "Event", "Species")  # the classes whose relations read in_sentence / nested


CLAUSE_ENDS = "，,；;。！？!?\n"


def _in_clause(text: str, start: int, end: int, words: tuple[str, ...]) -> bool:
    """Whether a word occurs in the clause around text[start:end] (between commas, stops ...)."""
    left = after_last(text, CLAUSE_ENDS, start)
    rights = [i for i in (text.find(ch, end) for ch in CLAUSE_ENDS) if i >= 0]
    clause = text[left:min(rights) if rights else len(text)]
    return any(word in clause for word in words)


LOCATED_WORDS = ("位于", "地处")
FLOWING_CLASSES = ("River", "Lake", "Reservoir")
TRIBUTARY_RE = re.compile(r"的(?:[一二三四]级)?支流")


BASIN_WORDS = ("流域", "干流", "水系", "上游", "中游", "下游")  # 晋中市汾河流域: the city's part of a basin
FRAMED_CLASSES = ("Project", "Event", "Landmark", "Wetland")  # what a sentence's 在<division>， frame places
DIVISION_RANK = {cls: rank for rank, cls in enumerate(DIVISION_CLASSES)}


PLACE_PARTS_RE = re.compile(r"(?:山脉|山区|流域)?(?:上游|中游|下游|中段|东段|西段|南段|北段|南麓|北麓|境内|腹地|脚下|沿岸|岸边|之畔|畔)?")


def _place_said_before(text: str, b: Candidate, mentions: list[Candidate]) -> Candidate | None:
    """The place of 位于/在 <place> (a part of it) 的 <b>: 位于秦岭山脉中段的终南山, 在汉江上游的天汉湿地公园."""
    for word in ("位于", "地处", "在"):
        for m in mentions:
            if m.cls in PLACE_CLASSES and m.cls not in DIVISION_CLASSES and m is not b \
                    and text.endswith(word, 0, m.start) and m.end < b.start \
                    and PLACE_PARTS_RE.fullmatch(text, m.end, b.start - 1) \
                    and not any(o.contains(m) for o in mentions):
                return m
    return None


INSIDE_WORDS = ("境内的", "辖区内的", "境内")
SEAT_WORD = "所在地"
SEAT_REACH = 12  # characters from <division>是 to the seat's word: a short list of works (葛洲坝和三峡工程)


def _seat_of(text: str, b: Candidate, mentions: list[Candidate], starting_at: dict[int, list[Candidate]]):
    """The division of <b>所在地: the chain written right after the word (…所在地湖北宜昌), or the division
    the clause says it is, <division>是 … <b>所在地, with no punctuation between."""
    after = _division_chain(mentions, starting_at, b.end + len(SEAT_WORD))
    if after is not None:
        return after
    clause_start = max(0, b.start - SEAT_REACH)
    for m in mentions:
        if m.cls in DIVISION_CLASSES and clause_start <= m.end < b.start and text.startswith("是", m.end) \
                and not any(ch in text[m.end:b.start] for ch in CLAUSE_ENDS):
            return m
    return None


def _division_holding(text: str, b: Candidate, ending_at: dict[int, Candidate],
                      river_starts_ending: dict[int, list[int]]) -> Candidate | None:
    """The division of <division>境内的 <b>, also with the river it lies on between (汉滨区境内的汉江|瀛湖)."""
    for start in (b.start, *river_starts_ending.get(b.start, ())):
        word = next((w for w in INSIDE_WORDS if text.endswith(w, 0, start)), None)
        if word is not None and (a := ending_at.get(start - len(word))) is not None:
            return a
    return None


def _above(code: str, divs) -> set[str]:
    """The codes of the divisions above `code`."""
    out = set()
    while divs[code].parent in divs:
        code = divs[code].parent
        out.add(code)
    return out


def _division_rank(m: Candidate) -> tuple[int, int]:
    return DIVISION_RANK[m.cls], m.start


def _division_chain(mentions: list[Candidate], starting_at: dict[int, list[Candidate]], start: int) -> Candidate | None:
    """The last division of the divisions written one after another from `start` (山东省肥城市 -> 肥城市)."""
    last = None
    while True:
        following = [m for m in starting_at.get(start if last is None else last.end, ()) if m.cls in DIVISION_CLASSES]
        if not following:
            return last
        last = max(following, key=lambda m: m.end)


def _chain_after(text: str, last: Candidate, ending_at: dict[int, Candidate], words: tuple[str, ...]) -> bool:
    """Whether the divisions written one after another up to `last` follow one of `words` (位于浙江省湖州市安吉县)."""
    first = last
    while first.start in ending_at:
        first = ending_at[first.start]
    return text.endswith(words, 0, first.start)


def extract_relations(text: str, cands: list[Candidate], linked: Linked, source: str) -> list[Relation]:
    """All relations of one article (deduplicated, sorted)."""
    sents = sentences(text)
    key = linked.by_candidate.get
    out: list[Relation] = []

    def from_text(s: str, p: str, o: str, offset: int) -> None:
        if not s or not o or s == o:
            return
        sent = sentence_at(sents, offset) or Sentence(text[max(0, offset - 40):offset + 40], max(0, offset - 40),
                                                      min(len(text), offset + 40))
        out.append(Relation(s, p, o, sent.text.strip(), sent.start, sent.end, source))

    for s, p, o, start, _ in linked.structure:
        from_text(s, p, o, start)
    out.extend(_gazetteer_relations(linked))
    mentions = [c for c in cands if key(id(c))]
    top = top_level(mentions)
    # locatedIn: a place written right after another place (高平市釜山景区法水湖); rivers cross borders
    starting_at: dict[int, list[Candidate]] = {}  # the mentions by start, in order: pairs meet where one ends
    for m in mentions:
        starting_at.setdefault(m.start, []).append(m)
    for a in mentions:
        for b in starting_at.get(a.end, ()):
            if a.cls in PLACE_CLASSES and b.cls in PLACE_CLASSES and b.cls not in DIVISION_CLASSES \
                    and (b.cls != "River" or a.cls in DIVISION_CLASSES
                         and not text.startswith(BASIN_WORDS, b.end)) \
                    and not any(o.contains(b) for o in mentions):
                from_text(key(id(b)), "locatedIn", key(id(a)), a.start)
    # partOf, written together: 福建长汀 (the gold reads a county written after its province as part of it)
    divs = lexicon.divisions()
    for a in mentions:
        for b in starting_at.get(a.end, ()):
            if a.cls in DIVISION_CLASSES and b.cls in ("Prefecture", "County") and "code" in a.attrs \
                    and "code" in b.attrs and a.attrs["code"] in _above(b.attrs["code"], divs):
                from_text(key(id(b)), "partOf", key(id(a)), a.start)
    # locatedIn, said: 位于浙江省湖州市安吉县的龙王山自然保护区, 龙王山自然保护区位于安吉县
    ending_at = {m.end: m for m in mentions if m.cls in DIVISION_CLASSES}
    river_starts_ending: dict[int, list[int]] = {}  # a river's end -> its starts: 汉江 before 瀛湖
    for m in mentions:
        if m.cls == "River":
            river_starts_ending.setdefault(m.end, []).append(m.start)
    for b in mentions:
        if b.cls not in PLACE_CLASSES or b.cls in DIVISION_CLASSES + ("River",):
            continue
        a = ending_at.get(b.start - 1) if text[b.start - 1:b.start] == "的" else None
        inside = _division_holding(text, b, ending_at, river_starts_ending)
        if a is not None and _chain_after(text, a, ending_at, LOCATED_WORDS):
            from_text(key(id(b)), "locatedIn", key(id(a)), a.start)
        elif inside is not None:
            from_text(key(id(b)), "locatedIn", key(id(inside)), inside.start)
        elif text[b.start - 1:b.start] == "的" and not any(o.contains(b) for o in mentions) \
                and (host := _place_said_before(text, b, mentions)) is not None:
            from_text(key(id(b)), "locatedIn", key(id(host)), host.start)
        elif text.startswith(LOCATED_WORDS, b.end):
            word = next(w for w in LOCATED_WORDS if text.startswith(w, b.end))
            chain = [m for m in mentions if m.cls in DIVISION_CLASSES and m.start == b.end + len(word)]
            while chain and chain[-1].end in starting_at:
                following = [m for m in starting_at[chain[-1].end] if m.cls in DIVISION_CLASSES]
                if not following:
                    break
                chain.append(following[0])
            if chain:
                from_text(key(id(b)), "locatedIn", key(id(chain[-1])), b.start)
    # locatedIn, the seat: 夷陵区是葛洲坝和三峡工程所在地, 作为三峡工程所在地湖北宜昌
    for b in top:
        if b.cls in FRAMED_CLASSES and text.startswith(SEAT_WORD, b.end):
            seat = _seat_of(text, b, mentions, starting_at)
            if seat is not None:
                from_text(key(id(b)), "locatedIn", key(id(seat)), b.start)
    # locatedIn, framed: 在山东省肥城市，…工程 (the sentence opens with its place), …论坛在深圳开幕
    for b in top:
        if b.cls not in FRAMED_CLASSES:
            continue
        place = _division_chain(mentions, starting_at, b.end + 1) if text.startswith("在", b.end) else None
        if place is None:
            sent = sentence_at(sents, b.start)
            if sent is not None:
                opening = sent.start + len(sent.text) - len(sent.text.lstrip())
                chain = _division_chain(mentions, starting_at, opening + 1) if text.startswith("在", opening) else None
                place = chain if chain is not None and text.startswith(("，", ","), chain.end) else None
        if place is not None and not b.contains(place):
            from_text(key(id(b)), "locatedIn", key(id(place)), b.start)
    # flowsInto, said: 滠水河在黄陂区汇入长江, 浏阳河是湘江的一级支流
    waters = [m for m in top if m.cls in FLOWING_CLASSES]
    verbs = lexicon.pattern_values("flow_verb")
    for a, b in zip(waters, waters[1:]):
        between = text[a.end:b.start]
        if len(between) > 16 or any(ch in between for ch in CLAUSE_ENDS) or b.cls not in ("River", "Lake"):
            continue
        if between.endswith(verbs) or (between == "是" and TRIBUTARY_RE.match(text, b.end)):
            from_text(key(id(a)), "flowsInto", key(id(b)), a.start)
    for c in top:
        sent = sentence_at(sents, c.start)
        if c.cls not in CONTEXT_CLASSES:
            in_sentence = nested = []  # only these classes look at the sentence or inside the name
        else:
            in_sentence = [m for m in mentions if sent and sent.start <= m.start < sent.end]
            nested = [m for m in mentions if c.contains(m)]
        if c.cls in ("Measure", "Project"):
            actor = next((m for m in in_sentence if m.cls in ("Bureau", "GovernmentBody") and m.end <= c.start
                          and not any(o.contains(m) for o in mentions)
                          and not m.text.endswith(lexicon.pattern_values("implementer_not"))), None)
            place_first = any(m.cls in DIVISION_CLASSES and m.end <= c.start and not any(o.contains(m) for o in mentions)
                              for m in in_sentence)
            # no organisation in the sentence: the article's bureau, unless a place is the actor (保定市推进…工程)
            # or the bureau only serves the project (为…工程开辟环评审批绿色通道: someone else builds it)
            served = c.cls == "Project" and _in_clause(text, c.start, c.end, lexicon.pattern_values("project_service"))
            # a national organ the article quotes is no implementer of all it mentions (生态环境部 of 五证合一);
            # a local bureau's own report is about its own work
            fallback = "" if place_first or served or national_org(linked.main_org) else linked.main_org
            actor_key = key(id(actor)) if actor is not None else fallback
            from_text(key(id(c)), "implementedBy", actor_key, c.start)
            for m in nested:
                if m.cls in WATER_CLASSES:
                    from_text(key(id(c)), "targets", key(id(m)), c.start)
            # a project named with its division lies in it (the most specific one its name gives)
            divisions_in_name = [m for m in nested if m.cls in DIVISION_CLASSES]
            if c.cls == "Project" and divisions_in_name:
                from_text(key(id(c)), "locatedIn", key(id(max(divisions_in_name, key=_division_rank))), c.start)
        if c.cls in ("Event", "Measure"):
            for m in nested:
                if m.cls == "Regulation":
                    from_text(key(id(c)), "about", key(id(m)), c.start)
        # a calendar day (全国生态日, 世界环境日) is kept by everyone and organised by no one in the
        # article: the body in the sentence organises its own activity for the day
        if c.cls == "Event" and c.text not in lexicon.pattern_set("named_day"):
            organizer = c.attrs.get("organizer")
            if organizer is not None and key(id(organizer)):
                from_text(key(id(c)), "organizedBy", key(id(organizer)), c.start)
            else:
                verbs = lexicon.pattern_values("event_verb")
                found_organizer = False
                for m in in_sentence:
                    between = text[m.end:c.start]
                    if m.cls in ORG_CLASSES and m.end <= c.start and any(between.startswith(v) for v in verbs):
                        from_text(key(id(c)), "organizedBy", key(id(m)), c.start)
                        found_organizer = True
                if not found_organizer:
                    subject = _clause_subject(text, c, in_sentence, mentions, verbs)
                    if subject is not None:
                        from_text(key(id(c)), "organizedBy", key(id(subject)), c.start)
                venue = _venue(text, c, in_sentence, mentions, verbs)
                if venue is not None:
                    from_text(key(id(c)), "locatedIn", key(id(venue)), c.start)
        if c.cls == "Person" and c.attrs.get("titles"):
            heads = lexicon.person_titles()
            org = next((m for m in mentions if m.end == c.attrs["title_start"] and m.cls in ORG_CLASSES), None)
            if org is None:
                org = next((m for m in mentions if m.cls in ORG_CLASSES and c.attrs["title_start"] - 2 <= m.end
                            <= c.attrs["title_start"]), None)
            leads = [t for t in c.attrs["titles"] if heads.get(t)]
            if org is None and sent is not None:  # 厅党组书记、厅长宋继宝: the 厅 (局, 部) the sentence names before
                level = next((t[0] for t in leads if t[1:] == "长" and t[0] in "厅局部"), "")
                org = next((m for m in reversed(mentions) if m.cls == "Bureau" and sent.start <= m.start
                            and m.end <= c.start and level and m.text.endswith(level)), None)
            if org is not None and leads:
                from_text(key(id(c)), "headOf", key(id(org)), c.start)
        if c.cls == "Species" and sent is not None:
            places = [m for m in in_sentence if m.cls in PLACE_CLASSES and m.cls not in DIVISION_CLASSES
                      and not any(o.contains(m) and o.cls in PLACE_CLASSES for o in mentions)]
            before = [m for m in places if m.end <= c.start]
            after = [m for m in places if m.start >= c.end]
            place = before[-1] if before else (after[0] if after else None)
            if place is not None:
                from_text(key(id(c)), "observedAt", key(id(place)), c.start)
    return sorted(set(out), key=lambda r: (r.subject, r.predicate, r.object, r.begin))


ORGANIZER_REACH = 60  # characters from the body to the meeting it holds, across a list of its acts


def _clause_subject(text: str, event: Candidate, in_sentence: list[Candidate], mentions: list[Candidate],
                    verbs: tuple[str, ...]) -> Candidate | None:
    """The body that holds a meeting when words stand between it and the verb (西城区生态环境局还将举办…
    征集活动; 邗江生态环境局成立指挥部、全员上路执法、召开…部署会): the nearest body before the event in
    its sentence, with a verb of holding and no comma or sentence mark between (a list of its acts
    is joined by 、)."""
    bodies = [m for m in in_sentence if m.cls in ORG_CLASSES and m.end <= event.start
              and not any(o.contains(m) for o in mentions)]
    if not bodies:
        return None
    body = max(bodies, key=lambda m: m.end)
    between = text[body.end:event.start]
    if len(between) > ORGANIZER_REACH or any(ch in between for ch in "，。；！？：\n"):
        return None  # 国家林草局表示，本次论坛是落实…召开的大会: the body speaks, it holds nothing
    return body if any(v in between for v in verbs) else None


def _venue(text: str, event: Candidate, in_sentence: list[Candidate], mentions: list[Candidate],
           verbs: tuple[str, ...]) -> Candidate | None:
    """Where a meeting is held: 在 <place> <verb> … <event> in one clause (在胶州市上合示范区举行主题宣传活动,
    在什刹海西海湿地公园举办…活动): the last place of the chain written after 在."""
    places = [m for m in in_sentence if m.cls in PLACE_CLASSES and m.end <= event.start
              and not any(o.contains(m) for o in mentions)]
    for place in sorted(places, key=lambda m: -m.end):
        chain_start = place.start
        while True:  # 在胶州市|上合示范区: the divisions written before the place belong to the 在
            before = next((m for m in places if m.end == chain_start), None)
            if before is None:
                break
            chain_start = before.start
        between = text[place.end:event.start]
        if text[chain_start - 1:chain_start] == "在" and len(between) <= ORGANIZER_REACH \
                and not any(ch in between for ch in "，。；！？：\n") and any(between.startswith(v) for v in verbs):
            return place
    return _venue_after(text, event, in_sentence, mentions)


def _venue_after(text: str, event: Candidate, in_sentence: list[Candidate], mentions: list[Candidate]) -> Candidate | None:
    """Where a meeting named first is held: <event> (its day) 在 <place> <verb> (…主题活动8日在宁丰湖湿地公园
    举办, 座谈会在宁海县召开): the last place of the chain after 在, with the verb right after it."""
    when = HELD_WHEN_RE.match(text, event.end)
    if when is None:
        return None
    places = sorted((m for m in in_sentence if m.cls in PLACE_CLASSES and m.start >= when.end()
                     and not any(o.contains(m) for o in mentions)), key=lambda m: m.start)
    chain_end, place = when.end(), None
    for m in places:  # 在宁海县|宁丰湖湿地公园: the divisions written first belong to the place after them
        if m.start != chain_end:
            break
        chain_end, place = m.end, m
    held = lexicon.pattern_values("event_held_verb")
    return place if place is not None and any(text.startswith(v, chain_end) for v in held) else None


def _gazetteer_relations(linked: Linked) -> list[Relation]:
    """partOf from the code hierarchy and flowsInto from the water-body list."""
    out = []
    divs = lexicon.divisions()
    for ent in list(linked.entities.values()):
        if ent.admin_code and ent.extracted:
            parent = divs[ent.admin_code].parent
            if parent and parent in divs:
                out.append(Relation(ent.key, "partOf", add_division(linked, parent, extracted=False),
                                    source=GAZETTEER_DIVISIONS))
    waters = lexicon.water_bodies()
    for ent in list(linked.entities.values()):
        body = waters.get(ent.label) if ent.key.startswith("water:") else None
        scope = key_scope(ent.key)
        if body is not None and scope and scope not in body.provinces:
            continue  # a namesake elsewhere (清水河 of 北京), not the listed one (of 宁夏)
        if body and body.flows_into and body.flows_into in waters:
            target = waters[body.flows_into]
            place = scope if scope in target.provinces else (target.provinces[0] if target.provinces else "")
            key = water_key(target.name, place)
            linked.add(key, target.cls, target.name, extracted=False)
            out.append(Relation(ent.key, "flowsInto", key, source=GAZETTEER_WATER))
    return out
