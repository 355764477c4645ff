"""Recognise entity mentions in an article's text.

Names are found the way Chinese government news composes them: gazetteer divisions
(full and, in context, short forms), organisations as <division> + <role>, water bodies
and places from their suffixes, projects ending in 项目/工程, measures in quotes next to
模式/机制/制度 or a verb that puts them to work, 《…》 regulations, meetings and
inspection rounds, persons next to a title or in a byline, and species from a list.

One module per family of names. Each recogniser is a function ``(ctx) -> list[Candidate]``;
:func:`recognize` runs them in the order of :data:`RECOGNIZERS` (later ones see what earlier
ones found) and resolves overlaps.
"""

from __future__ import annotations

from kg.nlp.recognizers.base import (DIVISION_CLASSES, ORG_CLASSES, PLACE_CLASSES, WATER_CLASSES, Candidate,
                                     Context)
from kg.nlp.recognizers.country import recognize_country
from kg import lexicon
from kg.nlp.recognizers.divisions import load_townships, recognize_divisions, recognize_subcounty
from kg.nlp.recognizers.events import recognize_events
from kg.nlp.recognizers.generic import names_a_kind
from kg.nlp.recognizers.landmarks import load_road_stops, recognize_landmarks, recognize_roads
from kg.nlp.recognizers.measures import recognize_measures
from kg.nlp.recognizers.media import recognize_media
from kg.nlp.recognizers.organisations import recognize_agencies, recognize_composed_organs, recognize_organisations
from kg.nlp.recognizers.overlaps import resolve_overlaps, top_level
from kg.nlp.recognizers.persons import recognize_persons
from kg.nlp.recognizers.projects import recognize_projects
from kg.nlp.recognizers.regulations import recognize_regulations
from kg.nlp.recognizers.repeats import recognize_repeats
from kg.nlp.recognizers.species import recognize_species
from kg.nlp.recognizers.water import recognize_water

__all__ = ["load_data", "DIVISION_CLASSES", "ORG_CLASSES", "PLACE_CLASSES", "RECOGNIZERS", "WATER_CLASSES", "Candidate",
           "Context", "recognize", "resolve_overlaps", "top_level"]

RECOGNIZERS = (recognize_divisions, recognize_subcounty, recognize_organisations, recognize_media,
               recognize_landmarks, recognize_water, recognize_roads, recognize_agencies, recognize_composed_organs,
               recognize_regulations, recognize_events,
               recognize_projects, recognize_measures, recognize_persons, recognize_species, recognize_country,
               recognize_repeats)


def load_data() -> None:
    """Read the large data files the recognisers use now (the township gazetteer, the road stems'
    stop list, the tagged common words: about 150 ms), a cost of making the pipeline, not of the
    first article that needs them."""
    load_townships()
    load_road_stops()
    lexicon.common_word_tags()


def recognize(ctx: Context) -> list[Candidate]:
    """Run every recogniser in order (later ones see earlier results) and resolve overlaps.

    A mention inside a longer mention of the same family is dropped; a mention of another
    kind inside a name (高平 in 高平分局, 丹河 in a project) is kept as nested.
    """
    for recognizer in RECOGNIZERS:
        found = recognizer(ctx)
        known = {id(c) for c in ctx.found}  # a recogniser may have shared some results early
        ctx.found.extend(c for c in found if id(c) not in known)
    return resolve_overlaps([c for c in ctx.found if not names_a_kind(c, ctx.found)])
